/**
 * The checks on a submission, cheapest first: the content type and the declared length before any
 * of the body is read, then the body read with a hard cap, the envelope schema, and the packet
 * headers of the ciphertext. Each failure is an ApiError whose message says what is wrong without
 * repeating anything the client sent.
 */
import { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { canonicalizeCiphertext, ENVELOPE_MAX_BYTES, EnvelopeSchema, isProtocolError } from '@vp-contact/protocol';
import { RELAY_ERROR_CODES, type RelayErrorCode } from '@vp-contact/protocol/http';
import { ApiError } from './errors.js';

const relayErrorCodes: ReadonlySet<string> = new Set(RELAY_ERROR_CODES);
const isRelayErrorCode = (code: string): code is RelayErrorCode => relayErrorCodes.has(code);

/** 415 unless the body is declared as JSON (charset, if given, UTF-8). */
export function requireJson(contentType: string | undefined): void {
  if (contentType === undefined) {
    throw new ApiError(415, 'unsupported-media-type', 'Send the envelope with Content-Type: application/json.');
  }
  const [type = '', ...parameters] = contentType.toLowerCase().split(';');
  const charset = parameters.map((p) => p.trim()).find((p) => p.startsWith('charset='));
  if (type.trim() !== 'application/json' || (charset !== undefined && !/^charset="?utf-8"?$/.test(charset))) {
    throw new ApiError(415, 'unsupported-media-type', 'The envelope must be sent as Content-Type: application/json (UTF-8).');
  }
}

// Rejections before the body is read close the connection, so an unread body is not drained.
const CLOSE = { Connection: 'close' };

/** The declared body length: 411 without one, 413 over the envelope limit. Decided before reading. */
export function declaredLength(contentLength: string | undefined): number {
  if (contentLength === undefined) {
    throw new ApiError(411, 'length-required', 'Send a Content-Length header; the relay decides from it whether to read the body.', CLOSE);
  }
  if (!/^\d{1,15}$/.test(contentLength.trim())) {
    throw new ApiError(400, 'bad-content-length', 'The Content-Length header is not a number of bytes.', CLOSE);
  }
  const length = Number(contentLength.trim());
  if (length > ENVELOPE_MAX_BYTES) {
    throw new ApiError(413, 'too-large', `The envelope is larger than ${ENVELOPE_MAX_BYTES} bytes; a valid request is never that large.`, CLOSE);
  }
  return length;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads exactly `length` bytes of body. More than declared is refused as it arrives (413), so a
 * Content-Length that lies cannot let more through; less than declared is a 400. On
 * @hono/node-server the body is read from Node's own request: going through the web Request's
 * stream was a tenth of the cost of a submission.
 */
export async function readBody(request: Request, length: number, incoming?: unknown): Promise<string> {
  // Only a real Node request: app.request() in the tests passes an env of its own.
  const bytes = incoming instanceof IncomingMessage ? await readNodeBody(incoming, length) : await readWebBody(request, length);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError(400, 'not-utf8', 'The body is not UTF-8 text.');
  }
}

const tooLong = () => new ApiError(413, 'too-large', 'The body is longer than its Content-Length.', CLOSE);
const tooShort = () => new ApiError(400, 'body-incomplete', 'The body is shorter than its Content-Length.');
const cutOff = () => new ApiError(400, 'body-incomplete', 'The connection ended before the whole body arrived.');

function readNodeBody(incoming: IncomingMessage, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (error: ApiError | null) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > length) {
        incoming.pause();
        settle(tooLong());
      } else chunks.push(chunk);
    };
    const onEnd = () => settle(total < length ? tooShort() : null);
    const onError = () => settle(cutOff());
    const onClose = () => {
      if (!incoming.complete) settle(cutOff());
    };
    incoming.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
  });
}

async function readWebBody(request: Request, length: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw cutOff();
      }
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > length) {
        await reader.cancel().catch(() => {});
        throw tooLong();
      }
      chunks.push(chunk.value);
    }
  }
  if (total < length) throw tooShort();
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

const ENVELOPE_FIELDS = new Set(['version', 'ciphertext']);

/** The envelope, or a 400 that names the field and the rule (never the value). */
export function parseEnvelope(body: string): { version: 1; ciphertext: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ApiError(400, 'bad-json', 'The body is not valid JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ApiError(400, 'bad-envelope', 'The body must be a JSON object: {"version": 1, "ciphertext": "-----BEGIN PGP MESSAGE-----…"}.');
  }
  const parsed = v.safeParse(EnvelopeSchema, json);
  if (parsed.success) return parsed.output;
  if (Object.keys(json).some((key) => !ENVELOPE_FIELDS.has(key))) {
    throw new ApiError(400, 'bad-envelope', 'The envelope may hold only "version" and "ciphertext".');
  }
  const field = (parsed.issues[0]?.path?.[0] as { key?: unknown } | undefined)?.key;
  if (field === 'version') throw new ApiError(400, 'bad-envelope', 'The envelope\'s "version" must be 1.');
  throw new ApiError(400, 'bad-envelope', 'The envelope\'s "ciphertext" must be an ASCII-armored OpenPGP message (-----BEGIN PGP MESSAGE-----).');
}

/**
 * The canonical form of the ciphertext, which is what the relay stores; 422 unless it is an
 * OpenPGP message encrypted to the mailbox's keys only (at least one recipient, every recipient
 * key id one of the mailbox's encryption (sub)keys), in plain armor (no headers, nothing around
 * it), and padded as the widget pads (its encrypted data fits one of the size buckets exactly).
 * Reads packet headers only; the encrypted body is never parsed. Storing the re-armored packets
 * means nothing the sender chose besides the ciphertext itself reaches the database.
 */
export function canonicalCiphertextFor(ciphertext: string, encryptionKeyIds: ReadonlySet<string>): string {
  try {
    return canonicalizeCiphertext(ciphertext, { encryptionKeyIds }).armored;
  } catch (error) {
    if (!isProtocolError(error)) throw error;
    // A message without any public-key recipient is, to the relay, not for this mailbox.
    const code = error.code === 'no-recipients' ? 'wrong-recipient' : error.code;
    if (!isRelayErrorCode(code)) throw error;
    throw new ApiError(422, code, `${error.message} The relay accepts only OpenPGP messages encrypted to this mailbox's keys, as the widget makes them.`);
  }
}
