/**
 * Keys: the pin check the widget relies on (a relay must not be able to hand out a key of its
 * own) and reading the counsellor's private key.
 */
import * as openpgp from 'openpgp';
import { ProtocolError } from './errors.js';
import { normalizeFingerprint } from './http.js';

/** A public key that passed checkRecipientKey: what encryptRequest needs. */
export interface RecipientKey {
  readonly key: openpgp.PublicKey;
  /** The primary key's fingerprint, lower-case hex without spaces. */
  readonly fingerprint: string;
  /** Key ids (16 hex digits) of the (sub)keys that may be used to encrypt to this key. */
  readonly encryptionKeyIds: readonly string[];
  /** When the key expires, or null when it does not. */
  readonly expiresAt: Date | null;
}

export { normalizeFingerprint };

async function readOneKey(armored: string): Promise<openpgp.Key> {
  try {
    return await openpgp.readKey({ armoredKey: armored });
  } catch (cause) {
    throw new ProtocolError('key-unreadable', 'The key could not be read: it is not an ASCII-armored OpenPGP key.', {
      cause,
    });
  }
}

/**
 * Reads a public key that may be encrypted to: fails if it is unreadable, private, expired,
 * revoked, or has no usable encryption (sub)key. Does not check a pin: the relay uses it for the
 * keys in its own configuration; the widget uses checkRecipientKey.
 */
export async function readRecipientKey(armoredPublicKey: string, options: { date?: Date } = {}): Promise<RecipientKey> {
  const date = options.date ?? new Date();
  const key = await readOneKey(armoredPublicKey);
  if (key.isPrivate()) {
    throw new ProtocolError('key-not-public', 'This is a private key; only the public key may be shared.');
  }
  const fingerprint = normalizeFingerprint(key.getFingerprint());
  const label = fingerprint.toUpperCase();
  if (await key.isRevoked(undefined, undefined, date)) {
    throw new ProtocolError('key-revoked', `The key ${label} has been revoked.`);
  }
  const expiration = await key.getExpirationTime().catch(() => null);
  if (expiration instanceof Date && expiration.getTime() <= date.getTime()) {
    throw new ProtocolError('key-expired', `The key ${label} expired on ${expiration.toISOString()}.`);
  }
  const encryptionKeyIds: string[] = [];
  for (const candidate of [key, ...key.getSubkeys()]) {
    const id = candidate.getKeyID();
    const usable = await key.getEncryptionKey(id, date).then(
      () => true,
      () => false,
    );
    if (usable) encryptionKeyIds.push(id.toHex());
  }
  if (encryptionKeyIds.length === 0) {
    throw new ProtocolError('no-encryption-key', `The key ${label} has no valid (sub)key that can encrypt.`);
  }
  return {
    key,
    fingerprint,
    encryptionKeyIds,
    expiresAt: expiration instanceof Date ? expiration : null,
  };
}

/**
 * Fails unless the key's primary fingerprint is one of the pinned ones, the key is neither expired
 * nor revoked, and it has a usable encryption (sub)key. The pin is what stops a relay from handing
 * out a key of its own.
 */
export async function checkRecipientKey(
  armoredPublicKey: string,
  pinnedFingerprints: readonly string[],
  options: { date?: Date } = {},
): Promise<RecipientKey> {
  const key = await readOneKey(armoredPublicKey);
  const fingerprint = normalizeFingerprint(key.getFingerprint());
  if (!pinnedFingerprints.map(normalizeFingerprint).includes(fingerprint)) {
    throw new ProtocolError(
      'key-not-pinned',
      `The key ${fingerprint.toUpperCase()} is not one of the pinned fingerprints, so it is not trusted.`,
    );
  }
  return readRecipientKey(armoredPublicKey, options);
}

/** Reads an armored private key and unlocks it with its passphrase (if it has one). */
export async function readPrivateKey(armoredPrivateKey: string, passphrase?: string): Promise<openpgp.PrivateKey> {
  const key = await readOneKey(armoredPrivateKey);
  if (!key.isPrivate()) {
    throw new ProtocolError('key-unreadable', 'This is a public key; decrypting needs the private key.');
  }
  if (key.isDecrypted()) return key;
  if (passphrase === undefined) {
    throw new ProtocolError('wrong-passphrase', 'The private key is protected by a passphrase, and none was given.');
  }
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase });
  } catch (cause) {
    throw new ProtocolError('wrong-passphrase', 'The passphrase does not unlock the private key.', { cause });
  }
}
