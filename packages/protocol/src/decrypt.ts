import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { ProtocolError } from './errors.js';
import { inspectCiphertext } from './inspect.js';
import { unpad, PADDING_BUCKETS } from './padding.js';
import { ContactRequestSchema, describeIssues, type ContactRequest } from './schema.js';

// A request is at most the largest bucket; anything that decompresses beyond it is refused.
const MAX_DECOMPRESSED = PADDING_BUCKETS.at(-1)! * 2;

/**
 * Decrypts a request with the counsellor's (unlocked) private keys, refusing unauthenticated
 * messages, then strips the padding and validates the result against ContactRequest v1.
 */
export async function decryptRequest(
  armoredMessage: string,
  privateKeys: readonly openpgp.PrivateKey[],
): Promise<ContactRequest> {
  const parsed = await decryptPadded(armoredMessage, privateKeys);
  const result = v.safeParse(ContactRequestSchema, parsed);
  if (!result.success) {
    throw new ProtocolError('schema-invalid', `The decrypted request is not a valid ContactRequest: ${describeIssues(result.issues)}.`);
  }
  return result.output;
}

/**
 * Decrypts a padded JSON message (a request, or a forwarded case) with the counsellor's unlocked
 * keys, refusing unauthenticated messages, and parses it; the caller validates the result.
 */
export async function decryptPadded(armoredMessage: string, privateKeys: readonly openpgp.PrivateKey[]): Promise<unknown> {
  const info = inspectCiphertext(armoredMessage);
  const ours = new Set(privateKeys.flatMap((key) => key.getKeys().map((k) => k.getKeyID().toHex())));
  const wildcard = info.recipientKeyIds.includes('0000000000000000');
  if (!wildcard && !info.recipientKeyIds.some((id) => ours.has(id))) {
    throw new ProtocolError(
      'wrong-recipient',
      `The request is encrypted to key id ${info.recipientKeyIds.join(', ')}, not to this private key.`,
    );
  }
  let data: Uint8Array;
  try {
    const message = await openpgp.readMessage({ armoredMessage });
    const result = await openpgp.decrypt({
      message,
      decryptionKeys: [...privateKeys],
      format: 'binary',
      config: { maxDecompressedMessageSize: MAX_DECOMPRESSED, allowUnauthenticatedMessages: false },
    });
    data = result.data as Uint8Array;
  } catch (cause) {
    // openpgp.js's own message stays in `cause`, out of the text: it is not ours to vouch for.
    throw new ProtocolError(
      'corrupt',
      'The request could not be decrypted: it is damaged, or its integrity check failed. Ask the sender to send it again.',
      { cause },
    );
  }
  try {
    return JSON.parse(unpad(data)) as unknown;
  } catch (cause) {
    if (cause instanceof ProtocolError) throw cause;
    throw new ProtocolError('schema-invalid', 'The decrypted request is not JSON.', { cause });
  }
}
