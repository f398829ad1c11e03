/**
 * Adding a colleague from the app (Settings): a name, their public key, their relay and personal
 * mailbox. Before anything is saved the key must be able to encrypt, and it must be a key of that
 * mailbox as the relay describes it: a mistyped mailbox or the wrong key would otherwise forward a
 * case to someone else's mailbox, or to one where nobody can read it. The key is written beside the
 * settings file (colleagues/<fingerprint>.asc), then the settings; a refusal changes nothing.
 * (A key file whose colleague then is not saved, say for a name taken meanwhile, is harmless: it is
 * a public key, and the next add of that key writes the same file.)
 */
import { dirname, join } from 'node:path';
import * as v from 'valibot';
import { readRecipientKey, type RecipientKey } from '@vp-contact/protocol';
import { normalizeFingerprint } from '@vp-contact/protocol/http';
import { parseBody } from './case-file.js';
import { mailboxDescriptor } from './descriptor.js';
import { WorkplaceError } from './errors.js';
import { ColleagueSettingSchema, writeFileDurably, type ColleagueSetting, type WorkplaceSettings } from './settings.js';

const NewColleagueSchema = v.strictObject({
  name: ColleagueSettingSchema.entries.name,
  publicKey: v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'), v.maxLength(64 * 1024, 'must be at most 64 KiB')),
  relay: ColleagueSettingSchema.entries.relay,
  mailbox: ColleagueSettingSchema.entries.mailbox,
});

/** Checks a new colleague and writes their key file; the caller adds them to the settings (Session.updateSettings). */
export async function checkColleague(settings: WorkplaceSettings, body: unknown): Promise<ColleagueSetting> {
  const input = parseBody(NewColleagueSchema, body);
  if (settings.colleagues.some((c) => c.name === input.name)) {
    throw new WorkplaceError('conflict', `There is a colleague named ${JSON.stringify(input.name)} already.`, 'name');
  }
  let recipient: RecipientKey;
  try {
    recipient = await readRecipientKey(input.publicKey);
  } catch (error) {
    throw new WorkplaceError('key-unusable', `publicKey: ${(error as Error).message}`, 'publicKey');
  }
  const descriptor = await mailboxDescriptor(input.relay, input.mailbox);
  if (descriptor === null) throw new WorkplaceError('mailbox-unknown', `mailbox: the relay has no mailbox ${input.mailbox}.`, 'mailbox');
  if (!descriptor.fingerprints.map((f) => normalizeFingerprint(f)).includes(recipient.fingerprint)) {
    throw new WorkplaceError(
      'key-not-of-mailbox',
      `publicKey: the key ${recipient.fingerprint.toUpperCase()} is not a key of mailbox ${input.mailbox} at that relay. Check the key and the mailbox with your colleague.`,
      'publicKey',
    );
  }
  const file = join(dirname(settings.file), 'colleagues', `${recipient.fingerprint}.asc`);
  await writeFileDurably(file, recipient.key.armor(), 0o600);
  return { name: input.name, publicKey: file, relay: input.relay, mailbox: input.mailbox };
}
