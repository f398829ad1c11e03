// Mailbox cards as vp-counsellor card makes them: signed with the protocol's signMailboxCard.
import * as openpgp from 'openpgp';
import { signMailboxCard, type MailboxCardInput } from '@vp-contact/protocol';
import { unlocked, type Keys } from './keys.js';

const DAY_MS = 86_400_000;

/** The mailbox the kit's cards and relay configs use unless told otherwise. */
export const MAILBOX = 'voorbeeld';

/** A card payload for `keys` and MAILBOX, valid from a day ago for 90 days, naming the key's subkeys. */
export function cardPayload(keys: Keys, overrides: Partial<MailboxCardInput> = {}, now = new Date()): MailboxCardInput {
  return {
    version: 1,
    mailbox: MAILBOX,
    displayName: 'Vertrouwenspersonen Voorbeeld',
    contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
    responseHours: 48,
    encryptionKeys: keys.recipient.key.getSubkeys().map((subkey) => subkey.getFingerprint()),
    issuedAt: new Date(now.getTime() - DAY_MS).toISOString(),
    expiresAt: new Date(now.getTime() + 89 * DAY_MS).toISOString(),
    ...overrides,
  };
}

/**
 * A mailbox card signed with the primary key of `keys` at `date`, as vp-counsellor card makes it.
 * By default it is signed now, or at its issuedAt when it has already expired (signMailboxCard
 * checks that what it made is valid at its date; the key must exist then: see makeKeys' date).
 * `raw` signs with openpgp.js directly, past signMailboxCard's own checks: what a careless tool or
 * a forger could make, so the payload may be anything.
 */
export async function makeCard(keys: Keys, payload: unknown, options: { date?: Date; raw?: boolean } = {}): Promise<string> {
  const { issuedAt, expiresAt } = payload as { issuedAt?: unknown; expiresAt?: unknown };
  const expired = typeof issuedAt === 'string' && typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now();
  const date = options.date ?? (expired ? new Date(issuedAt) : new Date());
  const key = await unlocked(keys);
  if (!options.raw) return signMailboxCard(payload as MailboxCardInput, key, { date });
  return openpgp.sign({
    message: await openpgp.createMessage({ binary: new TextEncoder().encode(JSON.stringify(payload)), format: 'binary', date }),
    signingKeys: key,
    signingKeyIDs: key.getKeyID(),
    date,
    format: 'armored',
  });
}
