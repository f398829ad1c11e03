/**
 * Making a mailbox card: the provider's own signed word about a mailbox (its name, how to reach
 * the provider, the promised response time, and exactly which (sub)keys requests are encrypted
 * to). The widget trusts nothing from the relay's descriptor but the pinned key and the newest
 * valid card, so every mailbox needs one, re-signed before it expires and after every subkey change.
 *
 * Signed by the PRIMARY key (its fingerprint is the one pinned in the embed codes); the
 * counsellors' laptops may hold only an encryption subkey's secret, which cannot sign a card.
 */
import type * as openpgp from 'openpgp';
import { normalizeFingerprint, signMailboxCard, type MailboxCard } from '@vp-contact/protocol';
import { CounsellorError } from './errors.js';

export interface MakeCardOptions {
  /** The provider's private key, unlocked, with the primary key's secret. */
  readonly privateKey: openpgp.PrivateKey;
  readonly mailbox: string;
  readonly displayName: string;
  readonly contact: { readonly phone?: string; readonly email?: string };
  readonly responseHours: number;
  /** How long the card is valid, from now: 1 to CARD_MAX_VALIDITY_DAYS (366). */
  readonly validDays: number;
  /**
   * The (sub)key fingerprints to name. By default every (sub)key of the key that can encrypt at
   * `date`. Name only the new subkey during a rotation, so no request goes to the old one.
   */
  readonly subkeys?: readonly string[];
  /** The counsellors employees may meet, shown by the widget from the verified card. */
  readonly counsellors?: readonly { readonly name: string; readonly region?: string; readonly languages?: readonly string[] }[];
  /** The signing time (issuedAt); now by default. */
  readonly date?: Date;
}

export interface MadeCard {
  readonly armored: string;
  readonly card: MailboxCard;
  /** The earliest expiry among the primary key and the named subkeys, when that comes before the card's own. */
  readonly keyExpiresFirst: Date | null;
}

/** The fingerprints (lower-case hex) of the key's (sub)keys that can encrypt at `date`: bound, not revoked, not expired. */
export async function usableEncryptionKeys(key: openpgp.Key, date = new Date()): Promise<string[]> {
  const found: string[] = [];
  for (const candidate of [key, ...key.getSubkeys()]) {
    const fingerprint = normalizeFingerprint(candidate.getFingerprint());
    if (await canEncrypt(key, candidate.getKeyID(), fingerprint, date)) found.push(fingerprint);
  }
  return found;
}

async function canEncrypt(key: openpgp.Key, keyID: openpgp.KeyID, fingerprint: string, date: Date): Promise<boolean> {
  return key.getEncryptionKey(keyID, date).then(
    (k) => normalizeFingerprint(k.getFingerprint()) === fingerprint,
    () => false,
  );
}

/**
 * Checks that the key can sign a card and that every named subkey can encrypt, then signs the
 * card. Fails with a CounsellorError:
 * - 'card-cannot-sign': the file lacks the primary key's secret (a laptop's subkey-only export),
 *   or the primary key is revoked, expired or not a signing key;
 * - 'card-no-encryption-key': no (sub)key can encrypt now (none named);
 * - 'card-subkey-unusable': a named fingerprint is not part of this key, or cannot encrypt now.
 */
export async function makeMailboxCard(options: MakeCardOptions): Promise<MadeCard> {
  const date = options.date ?? new Date();
  const key = options.privateKey;
  const primary = normalizeFingerprint(key.getFingerprint());
  if ((key.keyPacket as openpgp.SecretKeyPacket).isDummy()) {
    throw new CounsellorError(
      'card-cannot-sign',
      'This key file holds no secret of the primary key (only subkeys, as a counsellor\'s laptop has). Sign the card where the primary key is kept.',
      { data: { problem: 'no-primary-secret', fingerprint: primary } },
    );
  }
  try {
    await key.getSigningKey(key.getKeyID(), date);
  } catch (cause) {
    throw new CounsellorError('card-cannot-sign', 'The primary key cannot sign now: it is revoked, expired, or not a signing key.', {
      cause,
      data: { problem: 'primary-unusable', fingerprint: primary },
    });
  }

  let encryptionKeys: string[];
  if (options.subkeys && options.subkeys.length > 0) {
    encryptionKeys = [...new Set(options.subkeys.map(normalizeFingerprint))];
    const own = new Set([key, ...key.getSubkeys()].map((k) => normalizeFingerprint(k.getFingerprint())));
    for (const fingerprint of encryptionKeys) {
      if (!own.has(fingerprint)) {
        throw new CounsellorError('card-subkey-unusable', `--subkey ${fingerprint.toUpperCase()} is not a subkey of this key.`, {
          data: { problem: 'not-in-key', fingerprint: fingerprint.toUpperCase() },
        });
      }
      const candidate = [key, ...key.getSubkeys()].find((k) => normalizeFingerprint(k.getFingerprint()) === fingerprint)!;
      if (!(await canEncrypt(key, candidate.getKeyID(), fingerprint, date))) {
        throw new CounsellorError(
          'card-subkey-unusable',
          `--subkey ${fingerprint.toUpperCase()} cannot encrypt now: it is revoked, expired, or not an encryption key.`,
          { data: { problem: 'cannot-encrypt', fingerprint: fingerprint.toUpperCase() } },
        );
      }
    }
  } else {
    encryptionKeys = await usableEncryptionKeys(key, date);
    if (encryptionKeys.length === 0) {
      throw new CounsellorError('card-no-encryption-key', 'The key has no subkey that can encrypt now (all revoked or expired). Add one first.', {
        data: { fingerprint: primary },
      });
    }
  }

  const expiresAt = new Date(date.getTime() + options.validDays * 86_400_000);
  const card = {
    version: 1 as const,
    mailbox: options.mailbox,
    displayName: options.displayName,
    contact: { ...(options.contact.phone ? { phone: options.contact.phone } : {}), ...(options.contact.email ? { email: options.contact.email } : {}) },
    responseHours: options.responseHours,
    encryptionKeys,
    issuedAt: date.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ...(options.counsellors?.length ? { counsellors: options.counsellors.map(({ name, region, languages }) => ({ name, ...(region ? { region } : {}), ...(languages ? { languages: [...languages] } : {}) })) } : {}),
  };
  const armored = await signMailboxCard(card, key, { date });

  // A card stops verifying when the primary key (its signature) or a named subkey expires: say
  // so, since a widget would then send nothing until a new card (and key) is out.
  let keyExpiresFirst: Date | null = null;
  const expiries = [await key.getExpirationTime()];
  for (const subkey of key.getSubkeys()) {
    if (encryptionKeys.includes(normalizeFingerprint(subkey.getFingerprint()))) expiries.push(await subkey.getExpirationTime(date));
  }
  for (const expiry of expiries) {
    if (expiry instanceof Date && expiry < expiresAt && (keyExpiresFirst === null || expiry < keyExpiresFirst)) keyExpiresFirst = expiry;
  }
  return { armored, card: card as MailboxCard, keyExpiresFirst };
}
