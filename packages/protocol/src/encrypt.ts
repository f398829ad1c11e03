import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { AEAD_CHUNK_SIZE_BYTE } from './canonical.js';
import { ProtocolError } from './errors.js';
import { FINGERPRINT_PATTERN, normalizeFingerprint } from './http.js';
import type { RecipientKey } from './keys.js';
import { pad } from './padding.js';
import { ContactRequestSchema, describeIssues, type ContactRequestInput } from './schema.js';

export interface EncryptOptions {
  /**
   * Fingerprints of the exact (sub)keys to encrypt to, and no others: a verified mailbox card's
   * `encryptionKeys`. Each must be a (sub)key of one of the recipient keys that can encrypt at
   * `date`, or nothing is encrypted. Without it, each recipient key's own choice of encryption
   * (sub)key is used.
   */
  readonly encryptionKeys?: readonly string[];
  /** The time to check the keys at; now by default. */
  readonly date?: Date;
}

/**
 * Validates the request, pads it to its size bucket and encrypts it, uncompressed (compression
 * would make the length depend on the content again), to every recipient key, or with
 * `encryptionKeys` to exactly those (sub)keys. Returns the ASCII-armored message.
 */
export async function encryptRequest(
  request: ContactRequestInput,
  recipientKeys: readonly RecipientKey[],
  options: EncryptOptions = {},
): Promise<string> {
  if (recipientKeys.length === 0) {
    throw new ProtocolError('no-recipients', 'There is no key to encrypt the request to.');
  }
  const result = v.safeParse(ContactRequestSchema, request);
  if (!result.success) {
    throw new ProtocolError('schema-invalid', `The request is not valid: ${describeIssues(result.issues)}.`);
  }
  return encryptPadded(pad(JSON.stringify(result.output)), recipientKeys, options);
}

/**
 * Encrypts already padded bytes the way encryptRequest does. Not exported from the package: a
 * caller could pass bytes of any length; the tests use it to reach every padding bucket.
 */
export async function encryptPadded(
  padded: Uint8Array,
  recipientKeys: readonly RecipientKey[],
  options: EncryptOptions = {},
): Promise<string> {
  const date = options.date ?? new Date();
  const targets = options.encryptionKeys
    ? await chooseSubkeys(options.encryptionKeys, recipientKeys, date)
    : { keys: recipientKeys.map((recipient) => recipient.key), keyIDs: undefined };
  const message = await openpgp.createMessage({ binary: padded, format: 'binary', date });
  return openpgp.encrypt({
    message,
    encryptionKeys: targets.keys,
    ...(targets.keyIDs ? { encryptionKeyIDs: targets.keyIDs } : {}),
    date,
    format: 'armored',
    config: {
      preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed,
      // canonicalizeCiphertext expects exactly this chunk size in SEIPD v2 packets.
      aeadChunkSizeByte: AEAD_CHUNK_SIZE_BYTE,
    },
  });
}

/**
 * For each fingerprint, the recipient key that holds it and its key id, after checking that
 * openpgp.js would encrypt to that very (sub)key at `date` (bound, not revoked, not expired, able
 * to encrypt). A key listed twice with two key ids gets two PKESK packets, one per subkey.
 */
async function chooseSubkeys(
  fingerprints: readonly string[],
  recipientKeys: readonly RecipientKey[],
  date: Date,
): Promise<{ keys: openpgp.PublicKey[]; keyIDs: openpgp.KeyID[] }> {
  if (fingerprints.length === 0) {
    throw new ProtocolError('no-recipients', 'The mailbox card names no key to encrypt the request to.');
  }
  const keys: openpgp.PublicKey[] = [];
  const keyIDs: openpgp.KeyID[] = [];
  for (const wanted of new Set(fingerprints.map(normalizeFingerprint))) {
    // Only a well-formed fingerprint is ever repeated in a message.
    const label = FINGERPRINT_PATTERN.test(wanted) ? wanted.toUpperCase() : '(not a fingerprint)';
    let found = false;
    for (const recipient of recipientKeys) {
      const candidate = [recipient.key, ...recipient.key.getSubkeys()].find(
        (k) => normalizeFingerprint(k.getFingerprint()) === wanted,
      );
      if (!candidate) continue;
      const usable = await recipient.key.getEncryptionKey(candidate.getKeyID(), date).then(
        (k) => normalizeFingerprint(k.getFingerprint()) === wanted,
        () => false,
      );
      if (!usable) {
        throw new ProtocolError(
          'card-key-unusable',
          `The key ${label} named by the mailbox card cannot be used to encrypt: it is revoked, expired or not meant for encryption.`,
        );
      }
      keys.push(recipient.key);
      keyIDs.push(candidate.getKeyID());
      found = true;
      break;
    }
    if (!found) {
      throw new ProtocolError(
        'card-key-unusable',
        `The key ${label} named by the mailbox card is not part of the key the relay served; nothing was sent.`,
      );
    }
  }
  return { keys, keyIDs };
}
