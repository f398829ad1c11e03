/**
 * Mailbox cards: what the provider says about a mailbox (its name, how to reach the provider, the
 * promised response time, and which (sub)keys a request is encrypted to), signed by the primary
 * key whose fingerprint the employer pinned. The relay only serves cards; it cannot make one. The
 * widget believes nothing the relay says beyond a verified card and the pinned key itself.
 *
 * A card is the MailboxCardSchema object (http.ts) as UTF-8 JSON in the literal data of an
 * ASCII-armored OpenPGP signed message (one-pass signature, literal data, signature) made by the
 * primary key, never by a subkey: the primary key may stay offline, and only it can add or revoke
 * subkeys, so a card by the primary is the provider's own word about which subkeys are current.
 */
import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { ProtocolError } from './errors.js';
import { CARD_MAX_VALIDITY_DAYS, describeContractIssues, MailboxCardSchema, normalizeFingerprint, type MailboxCard } from './http.js';
import { readPacket } from './inspect.js';
import type { RecipientKey } from './keys.js';

export type MailboxCardInput = v.InferInput<typeof MailboxCardSchema>;

/** How far in the future a card's issuedAt may lie, for clocks that run a little apart. */
export const CARD_CLOCK_SKEW_MS = 5 * 60_000;
/** The longest armored card read (the descriptor's limit too). */
export const CARD_MAX_ARMORED_LENGTH = 16 * 1024;

export interface VerifyCardOptions {
  /** The mailbox the card must be for. */
  readonly mailbox: string;
  /** The time to check at; now by default. */
  readonly date?: Date;
}

const TAG = { signature: 2, onePassSignature: 4, literal: 11 };

/**
 * Signs a card with the primary key of `privateKey` (unlocked), after checking the payload against
 * MailboxCardSchema and checking that the result verifies for that key at `date` (so a card that
 * names a subkey the key lacks, or one that cannot encrypt, is never made). Returns the armored
 * signed message to put in the relay's config.
 */
export async function signMailboxCard(
  card: MailboxCardInput,
  privateKey: openpgp.PrivateKey,
  options: { date?: Date } = {},
): Promise<string> {
  const date = options.date ?? new Date();
  const parsed = v.safeParse(MailboxCardSchema, card);
  if (!parsed.success) {
    throw new ProtocolError('card-invalid', `The mailbox card is not valid: ${describeContractIssues(parsed.issues)}.`);
  }
  let armored: string;
  try {
    armored = await openpgp.sign({
      message: await openpgp.createMessage({ binary: new TextEncoder().encode(JSON.stringify(parsed.output)), format: 'binary', date }),
      signingKeys: privateKey,
      signingKeyIDs: privateKey.getKeyID(),
      date,
      format: 'armored',
    });
  } catch (cause) {
    throw new ProtocolError(
      'card-bad-signature',
      'The primary key could not sign the card: it must be unlocked, able to sign, and neither revoked nor expired at the card\'s date.',
      { cause },
    );
  }
  await verifyWithKey(armored, privateKey.toPublic(), { mailbox: parsed.output.mailbox, date });
  return armored;
}

/**
 * Verifies a card against a pinned key (one that passed checkRecipientKey) and returns what it
 * says, or throws a ProtocolError:
 * - 'card-invalid': not a signed message of one card, or its payload breaks MailboxCardSchema
 *   (validity longer than CARD_MAX_VALIDITY_DAYS included);
 * - 'card-bad-signature': not signed by this key's primary key (a subkey, another key, a
 *   signature that does not verify, a changed payload);
 * - 'card-wrong-mailbox', 'card-not-yet-valid' (issuedAt more than 5 minutes ahead of `date`),
 *   'card-expired' (expiresAt not after `date`);
 * - 'card-key-unusable': a fingerprint in encryptionKeys is not a (sub)key of this key that can
 *   encrypt at `date` (bound, not revoked, not expired).
 */
export async function verifyMailboxCard(armored: string, recipientKey: RecipientKey, options: VerifyCardOptions): Promise<MailboxCard> {
  return verifyWithKey(armored, recipientKey.key, options);
}

/**
 * The valid card with the newest issuedAt among `armoredCards`, checked against each pinned key,
 * and the key it belongs to; null when none is valid. The newest wins so that a relay serving an
 * older (still valid) card beside a newer one gains nothing; a relay that withholds the newer card
 * can only fall back to an older one that has not expired, which is why cards should be short-lived.
 */
export async function newestValidCard(
  armoredCards: readonly string[],
  recipientKeys: readonly RecipientKey[],
  options: VerifyCardOptions,
): Promise<{ card: MailboxCard; key: RecipientKey } | null> {
  let best: { card: MailboxCard; key: RecipientKey } | null = null;
  for (const armored of armoredCards) {
    for (const key of recipientKeys) {
      const card = await verifyWithKey(armored, key.key, options).catch((error: unknown) => {
        if (error instanceof ProtocolError) return null;
        throw error;
      });
      if (card && (best === null || Date.parse(card.issuedAt) > Date.parse(best.card.issuedAt))) best = { card, key };
    }
  }
  return best;
}

async function verifyWithKey(armored: string, key: openpgp.Key, options: VerifyCardOptions): Promise<MailboxCard> {
  const date = options.date ?? new Date();
  if (typeof armored !== 'string' || armored.length > CARD_MAX_ARMORED_LENGTH) {
    throw new ProtocolError('card-invalid', `A mailbox card must be an armored signed message of at most ${CARD_MAX_ARMORED_LENGTH} characters.`);
  }
  // Exactly what signMailboxCard makes: one-pass signature, literal data, signature. Nothing
  // encrypted or compressed, no second literal or signature to confuse a reader. Read from the
  // packet headers, since openpgp.js reads the trailing signature only while verifying.
  let message: openpgp.Message<Uint8Array>;
  try {
    const { data, type } = await openpgp.unarmor(armored);
    if (type !== openpgp.enums.armor.message) throw new Error('not a PGP MESSAGE');
    // openpgp.js types unarmor's data as a stream too; from a string it is always bytes.
    if (!(data instanceof Uint8Array)) throw new Error('not bytes');
    const bytes = data;
    const tags: number[] = [];
    for (let offset = 0; offset < bytes.length && tags.length <= 3; ) {
      const packet = readPacket(bytes, offset);
      tags.push(packet.tag);
      offset = packet.end;
    }
    if (tags.length !== 3 || tags[0] !== TAG.onePassSignature || tags[1] !== TAG.literal || tags[2] !== TAG.signature) {
      throw new Error('not one-pass signature, literal data, signature');
    }
    message = await openpgp.readMessage({ binaryMessage: bytes });
  } catch (cause) {
    throw new ProtocolError(
      'card-invalid',
      'The mailbox card is not an ASCII-armored OpenPGP signed message holding one signature and one literal data packet.',
      { cause },
    );
  }
  const [signingKeyID] = message.getSigningKeyIDs();
  if (!signingKeyID || !signingKeyID.equals(key.getKeyID())) {
    throw new ProtocolError('card-bad-signature', 'The mailbox card is not signed by the primary key of the pinned key.');
  }
  let data: Uint8Array;
  try {
    // The signature may be up to the allowed clock skew ahead of `date`, as issuedAt may.
    const result = await openpgp.verify({
      message,
      verificationKeys: key,
      date: new Date(date.getTime() + CARD_CLOCK_SKEW_MS),
      format: 'binary',
      expectSigned: true,
    });
    const [signature] = result.signatures;
    if (result.signatures.length !== 1 || !signature!.keyID.equals(key.getKeyID())) throw new Error('not one signature by the primary key');
    await signature!.verified;
    data = result.data;
  } catch (cause) {
    throw new ProtocolError(
      'card-bad-signature',
      'The signature on the mailbox card does not verify with the primary key of the pinned key (changed, or the key is revoked or expired).',
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (cause) {
    throw new ProtocolError('card-invalid', 'The mailbox card does not hold JSON text.', { cause });
  }
  const parsed = v.safeParse(MailboxCardSchema, json);
  if (!parsed.success) {
    throw new ProtocolError('card-invalid', `The mailbox card is not valid: ${describeContractIssues(parsed.issues)}.`);
  }
  const card = parsed.output;
  if (card.mailbox !== options.mailbox) {
    throw new ProtocolError('card-wrong-mailbox', 'The mailbox card is for another mailbox.');
  }
  const issued = Date.parse(card.issuedAt);
  const expires = Date.parse(card.expiresAt);
  if (issued > date.getTime() + CARD_CLOCK_SKEW_MS) {
    throw new ProtocolError('card-not-yet-valid', 'The mailbox card is issued in the future; check the clocks.');
  }
  if (expires <= date.getTime()) {
    throw new ProtocolError('card-expired', `The mailbox card expired on ${new Date(expires).toISOString()}; the provider must sign a new one.`);
  }
  // The schema checks this too; kept here so the rule stands even if the schema is loosened.
  if (expires - issued > CARD_MAX_VALIDITY_DAYS * 86_400_000) {
    throw new ProtocolError('card-invalid', `A mailbox card may be valid for at most ${CARD_MAX_VALIDITY_DAYS} days.`);
  }
  for (const fingerprint of card.encryptionKeys) {
    const own = [key, ...key.getSubkeys()].find((k) => normalizeFingerprint(k.getFingerprint()) === fingerprint);
    const usable =
      own !== undefined &&
      (await key.getEncryptionKey(own.getKeyID(), date).then(
        (k) => normalizeFingerprint(k.getFingerprint()) === fingerprint,
        () => false,
      ));
    if (!usable) {
      throw new ProtocolError(
        'card-key-unusable',
        `The mailbox card names the key ${fingerprint.toUpperCase()}, which ${own ? 'cannot encrypt now (revoked, expired or not an encryption key)' : 'is not part of the pinned key as served'}.`,
      );
    }
  }
  return card;
}
