import { groupedFingerprint } from '../format.js';
import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as v from 'valibot';
import { CARD_MAX_COUNSELLORS, CARD_MAX_VALIDITY_DAYS, FINGERPRINT_PATTERN, LANGUAGE_TAG_PATTERN, MAILBOX_ID_PATTERN, normalizeFingerprint, UNSAFE_IN_LINE } from '@vp-contact/protocol/http';
import { PHONE_PATTERN } from '@vp-contact/protocol/schema';
import { makeMailboxCard } from '../card.js';
import { CounsellorError } from '../errors.js';
import { defineCommand } from './define-command.js';
import { loadPrivateKey } from './settings.js';
import { usage, UsageError } from './usage-error.js';

const CARD_BEGIN = '-----BEGIN PGP MESSAGE-----';
/** The widget shows responseHours; MailboxCardSchema allows 1 to 720 (30 days). */
const MAX_RESPONSE_HOURS = 720;

function wholeNumber(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

type CardCounsellor = { name: string; region?: string; languages?: string[] };

/** "Name|Region|nl,en" (region and languages optional) as the card holds it; null when it breaks the card's rules. */
function parseCounsellor(text: string): CardCounsellor | null {
  const parts = text.split('|').map((part) => part.trim());
  if (parts.length > 3) return null;
  const [name = '', region = '', languages = ''] = parts;
  const safe = (s: string) => s.length <= 100 && !UNSAFE_IN_LINE.test(s);
  if (name === '' || !safe(name) || !safe(region)) return null;
  const codes = languages.split(',').map((code) => code.trim()).filter((code) => code !== '');
  if (codes.length > 10 || !codes.every((code) => LANGUAGE_TAG_PATTERN.test(code))) return null;
  return { name, ...(region ? { region } : {}), ...(codes.length ? { languages: codes } : {}) };
}


export const card = defineCommand({
  name: 'card',
  options: {
    key: { type: 'string' },
    'passphrase-file': { type: 'string' },
    mailbox: { type: 'string' },
    name: { type: 'string' },
    phone: { type: 'string' },
    email: { type: 'string' },
    'response-hours': { type: 'string' },
    'valid-days': { type: 'string' },
    subkey: { type: 'string', multiple: true },
    counsellor: { type: 'string', multiple: true },
    out: { type: 'string' },
    replace: { type: 'boolean' },
  },
  async run({ values, settings: s, io }) {
    // Everything on the command line is checked before the passphrase is asked for. These come
    // from the command line only, never from a settings file: a card is the provider's word, made
    // on purpose, where the primary key is kept.
    if (!values.key) throw usage('cardKey');
    const mailbox = values.mailbox ?? '';
    if (!MAILBOX_ID_PATTERN.test(mailbox)) throw usage('cardMailbox');
    const name = values.name?.trim() ?? '';
    if (name === '' || name.length > 100 || UNSAFE_IN_LINE.test(name)) throw usage('cardName');
    const phone = values.phone?.trim();
    if (phone !== undefined && !PHONE_PATTERN.test(phone)) throw usage('cardPhone');
    const email = values.email?.trim();
    if (email !== undefined && (email.length > 254 || !v.is(v.pipe(v.string(), v.email()), email))) throw usage('cardEmail');
    if (!phone && !email) throw usage('cardContact');
    const responseHours = wholeNumber(values['response-hours'], 48);
    if (!(responseHours >= 1 && responseHours <= MAX_RESPONSE_HOURS)) throw usage('cardResponseHours', String(MAX_RESPONSE_HOURS));
    const validDays = wholeNumber(values['valid-days'], 365);
    if (!(validDays >= 1 && validDays <= CARD_MAX_VALIDITY_DAYS)) throw usage('cardValidDays', String(CARD_MAX_VALIDITY_DAYS));
    const subkeys = (values.subkey ?? []).map(normalizeFingerprint);
    for (const [index, fingerprint] of subkeys.entries()) {
      // Named by position, not quoted: what was typed may hold anything.
      if (!FINGERPRINT_PATTERN.test(fingerprint)) throw usage('cardSubkey', String(index + 1));
    }
    const counsellorArgs = values.counsellor ?? [];
    const counsellors: CardCounsellor[] = [];
    for (const [index, text] of counsellorArgs.entries()) {
      const parsed = index < CARD_MAX_COUNSELLORS ? parseCounsellor(text) : null;
      if (!parsed) throw usage('cardCounsellor', String(index + 1));
      counsellors.push(parsed);
    }
    if (!values.out) throw usage('cardOut');
    const out = resolve(values.out);
    await checkOut(out, values.replace === true);

    const privateKey = await loadPrivateKey(s, io);
    const made = await makeMailboxCard({
      privateKey,
      mailbox,
      displayName: name,
      contact: { ...(phone ? { phone } : {}), ...(email ? { email } : {}) },
      responseHours,
      validDays,
      ...(subkeys.length > 0 ? { subkeys } : {}),
      ...(counsellors.length > 0 ? { counsellors } : {}),
    });
    await writeAtomically(out, made.armored);

    const t = s.t;
    const lines = [
      t.cardDone(mailbox, out),
      '',
      `  ${t.cardFields.name.padEnd(16)}${made.card.displayName}`,
      ...(made.card.contact.phone ? [`  ${t.cardFields.phone.padEnd(16)}${made.card.contact.phone}`] : []),
      ...(made.card.contact.email ? [`  ${t.cardFields.email.padEnd(16)}${made.card.contact.email}`] : []),
      `  ${t.cardFields.responseHours.padEnd(16)}${t.cardHours(made.card.responseHours)}`,
      ...(made.card.counsellors ?? []).map(
        (c, i) => `  ${(i === 0 ? t.cardFields.counsellors : '').padEnd(16)}${[c.name, c.region, c.languages?.join(', ')].filter(Boolean).join(' · ')}`,
      ),
      ...made.card.encryptionKeys.map((fpr, i) => `  ${(i === 0 ? t.cardFields.encryptsTo : '').padEnd(16)}${groupedFingerprint(fpr)}`),
      `  ${t.cardFields.validUntil.padEnd(16)}${made.card.expiresAt.replace(/:\d\d\.\d{3}Z$/, ' UTC').replace('T', ' ')}`,
      '',
      ...(made.keyExpiresFirst ? [t.cardKeyExpiresFirst(made.keyExpiresFirst.toISOString().slice(0, 10)), ''] : []),
      t.cardRelay(basename(out)),
      // A path the relay can use: relative to its own config file, on its own machine.
      `  "cards": ["keys/${basename(out)}"]`,
      '',
      t.cardRestart,
      '',
    ];
    io.stdout.write(lines.join('\n'));
    return 0;
  },
});

/**
 * A card is public and re-signed regularly, so --replace may overwrite an older card; never
 * anything else (a typo must not cost a private key), and never without --replace.
 */
async function checkOut(out: string, replace: boolean): Promise<void> {
  let existing: string;
  try {
    const handle = await open(out, 'r');
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(64), 0, 64, 0);
      existing = buffer.subarray(0, bytesRead).toString('latin1');
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError('fileUnreadable', [out, (cause as Error).message], { cause });
  }
  if (!replace) {
    throw new CounsellorError('card-exists', `${out} already exists; add --replace to replace an older card there.`, { data: { file: out, problem: 'exists' } });
  }
  if (!existing.trimStart().startsWith(CARD_BEGIN)) {
    throw new CounsellorError('card-exists', `${out} is not a mailbox card; only a card is ever replaced. Choose another file with --out.`, {
      data: { file: out, problem: 'not-a-card' },
    });
  }
}

/** Written beside the target and renamed over it: the relay never reads half a card. */
async function writeAtomically(out: string, text: string): Promise<void> {
  const temporary = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx', mode: 0o644 });
    await rename(temporary, out);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new UsageError('cardNotWritten', [out, (cause as Error).message], { cause });
  }
}
