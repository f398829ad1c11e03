import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { ProtocolError } from './errors.js';
import type { RecipientKey } from './keys.js';
import { pad } from './padding.js';
import { ContactRequestSchema, describeIssues, type ContactRequestInput } from './schema.js';

/**
 * Validates the request, pads it to its size bucket and encrypts it, uncompressed (compression
 * would make the length depend on the content again), to every recipient key. Returns the
 * ASCII-armored message.
 */
export async function encryptRequest(
  request: ContactRequestInput,
  recipientKeys: readonly RecipientKey[],
): Promise<string> {
  if (recipientKeys.length === 0) {
    throw new ProtocolError('no-recipients', 'There is no key to encrypt the request to.');
  }
  const result = v.safeParse(ContactRequestSchema, request);
  if (!result.success) {
    throw new ProtocolError('schema-invalid', `The request is not valid: ${describeIssues(result.issues)}.`);
  }
  const message = await openpgp.createMessage({ binary: pad(JSON.stringify(result.output)), format: 'binary' });
  return openpgp.encrypt({
    message,
    encryptionKeys: recipientKeys.map((recipient) => recipient.key),
    format: 'armored',
    config: { preferredCompressionAlgorithm: openpgp.enums.compression.uncompressed },
  });
}
