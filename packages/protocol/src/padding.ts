/**
 * Padding hides the length of a request: the serialized JSON is filled up with spaces to the next
 * bucket, so a ciphertext's length tells only which bucket it is in. JSON allows trailing white
 * space, so the padded text still parses as it is; unpad only trims it.
 */
import { ProtocolError } from './errors.js';

export const PADDING_BUCKETS = [2048, 4096, 8192, 16384, 32768] as const;

const SPACE = 0x20;

export function pad(json: string): Uint8Array {
  const bytes = new TextEncoder().encode(json);
  const bucket = PADDING_BUCKETS.find((size) => bytes.length <= size);
  if (bucket === undefined) {
    throw new ProtocolError(
      'too-large',
      `The request is ${bytes.length} bytes; the largest that can be sent is ${PADDING_BUCKETS.at(-1)} bytes.`,
    );
  }
  const padded = new Uint8Array(bucket).fill(SPACE);
  padded.set(bytes);
  return padded;
}

export function unpad(padded: Uint8Array): string {
  let end = padded.length;
  while (end > 0 && padded[end - 1] === SPACE) end--;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(padded.subarray(0, end));
  } catch (cause) {
    throw new ProtocolError('corrupt', 'The decrypted request is not valid UTF-8 text.', { cause });
  }
}
