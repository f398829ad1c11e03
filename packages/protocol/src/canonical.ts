/**
 * The one form in which the relay stores a request: the ciphertext's packets, re-armored by us.
 * inspectCiphertext is lenient where RFC 9580 asks readers to be (armor headers, the CRC line); what
 * the relay keeps must not carry anything a sender chose beyond the packets themselves (armor
 * headers and text around the armor are free-form channels), and the encrypted data must be as
 * long as encryptRequest makes it for one of the padding buckets, so that its length says only
 * which bucket it is in. Synchronous, without OpenPGP: the relay runs it on every submission.
 */
import { ProtocolError } from './errors.js';
import { decodeBase64, readCiphertextPackets, type CiphertextInfo } from './inspect.js';
import { PADDING_BUCKETS } from './padding.js';

export interface CanonicalCiphertext {
  /** The message re-armored from its packets: no armor headers, no CRC line, 64 characters a line, LF line ends. */
  readonly armored: string;
  /** Key ids (16 lower-case hex digits) of the recipients, in order. */
  readonly recipientKeyIds: readonly string[];
  readonly encryption: CiphertextInfo['encryption'];
  /** The padding bucket (bytes of padded plaintext) the encrypted data's length belongs to. */
  readonly bucket: number;
}

export interface CanonicalizeOptions {
  /**
   * Key ids (16 hex digits) of the (sub)keys the message may be encrypted to: every recipient must
   * be one of them (a wildcard recipient never is). Left out, any recipients pass.
   */
  readonly encryptionKeyIds?: Iterable<string>;
}

const BEGIN = '-----BEGIN PGP MESSAGE-----';
const END = '-----END PGP MESSAGE-----';
// RFC 9580 section 6.2: armor lines hold at most 76 characters of base64.
const MAX_LINE = 76;
const OUTPUT_LINE = 64;

/**
 * The AEAD chunk size octet encryptRequest uses (chunks of 2^(12+6) = 256 KiB, so one chunk holds
 * even the largest bucket). encrypt.ts passes it to openpgp.js explicitly, so the two cannot drift.
 */
export const AEAD_CHUNK_SIZE_BYTE = 12;

/** Header length of a new-format packet with a definite body length (RFC 9580 section 4.2.1). */
function headerLength(bodyLength: number): number {
  return bodyLength < 192 ? 2 : bodyLength < 8384 ? 3 : 6;
}

/**
 * The body length of the SEIPD packet encryptRequest makes for a padded plaintext of `bucket`
 * bytes. Inside it is one literal data packet: format octet, empty file name (one length octet),
 * four octets of date, then the padded bytes. SEIPD v1 (RFC 9580 section 5.13.1): a version octet,
 * the block-size-plus-two prefix of a 16-byte block cipher (AES), the literal packet, and the
 * 22-octet MDC packet. SEIPD v2 (section 5.13.2): version, cipher, AEAD mode and chunk size octets,
 * a 32-octet salt, the literal packet, a 16-octet tag per chunk and the final 16-octet tag.
 */
export function paddedSeipdLength(encryption: CiphertextInfo['encryption'], bucket: number): number {
  const literalBody = 1 + 1 + 4 + bucket;
  const literal = headerLength(literalBody) + literalBody;
  if (encryption === 'seipd-v1') return 1 + (16 + 2) + literal + 22;
  const chunk = 2 ** (AEAD_CHUNK_SIZE_BYTE + 6);
  return 4 + 32 + literal + 16 * Math.ceil(literal / chunk) + 16;
}

function fail(code: ConstructorParameters<typeof ProtocolError>[0], message: string): never {
  throw new ProtocolError(code, message);
}

/** The packet bytes of an armored message written exactly as RFC 9580 section 6.2 says, and nothing else. */
function strictDearmor(armored: string): Uint8Array {
  const lines = armored.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i === lines.length || !lines[i]!.trim().startsWith(BEGIN)) {
    fail('not-armored', 'This is not an ASCII-armored OpenPGP message: it must start with -----BEGIN PGP MESSAGE-----.');
  }
  if (lines[i]!.trim() !== BEGIN) {
    fail('not-armored', 'The -----BEGIN PGP MESSAGE----- line holds more text; it must hold nothing else.');
  }
  i++;
  if (i === lines.length) fail('truncated', 'The armored message ends right after its BEGIN line.');
  if (lines[i]!.trim() !== '') {
    fail(
      'not-armored',
      /^[\x21-\x39\x3b-\x7e]+: /.test(lines[i]!.trim())
        ? 'The armored message carries armor headers (such as Version: or Comment:); send it without them.'
        : 'The BEGIN line must be followed by an empty line.',
    );
  }
  i++;
  const body: string[] = [];
  let ended = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === END) {
      ended = true;
      break;
    }
    if (line === '') fail('corrupt', 'The armored message has an empty line inside its base64 body.');
    if (line.length > MAX_LINE) fail('corrupt', `A line of the armored message is longer than ${MAX_LINE} characters.`);
    body.push(line);
  }
  if (!ended) fail('truncated', 'The armored message ends before its -----END PGP MESSAGE----- line.');
  if (lines.slice(i + 1).some((line) => line.trim() !== '')) {
    fail('trailing-data', 'There is text after the end of the armored message.');
  }
  // The CRC-24 line is optional and, as RFC 9580 section 6.1 requires, not checked; it is dropped,
  // so whatever it says is not kept. It must still have its form: = and four base64 characters.
  if (body.at(-1)?.startsWith('=')) {
    if (!/^=[A-Za-z0-9+/]{4}$/.test(body.at(-1)!)) fail('corrupt', 'The armor checksum line is not = followed by four base64 characters.');
    body.pop();
  }
  const base64 = body.join('');
  // Strict base64: only the alphabet, padding only at the very end, a whole number of quads, and
  // unused bits zero (the text is exactly what encoding the bytes gives).
  if (body.slice(0, -1).some((line) => line.includes('=')) || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    fail('corrupt', 'The body of the armored message is not strict base64.');
  }
  const bytes = decodeBase64(base64);
  if (bytes.length === 0) fail('truncated', 'The armored message is empty.');
  if (encodeBase64(bytes) !== base64) fail('corrupt', 'The body of the armored message is not strict base64.');
  return bytes;
}

const NodeBuffer = (globalThis as { Buffer?: { from(bytes: Uint8Array): { toString(encoding: 'base64'): string } } }).Buffer;

function encodeBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A new-format packet header with a definite length, as encryptRequest writes it. */
function header(tag: number, length: number): number[] {
  if (length < 192) return [0xc0 | tag, length];
  if (length < 8384) return [0xc0 | tag, ((length - 192) >> 8) + 192, (length - 192) & 0xff];
  return [0xc0 | tag, 0xff, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff];
}

/**
 * Checks a submitted ciphertext and returns its canonical form, or throws a ProtocolError. Refuses
 * everything inspectCiphertext refuses, and also: armor headers, text before the BEGIN line or
 * after the END line other than white space, text on the BEGIN line, a body that is not strict
 * base64, recipients outside `encryptionKeyIds` ('wrong-recipient'), and encrypted data of a length
 * encryptRequest does not make for any padding bucket ('not-padded'). The canonical form is the
 * same packets with new-format definite-length headers, armored without headers or CRC: the same
 * packets always give the same text, and canonicalizing it again gives it back unchanged.
 */
export function canonicalizeCiphertext(armored: string, options: CanonicalizeOptions = {}): CanonicalCiphertext {
  const bytes = strictDearmor(armored);
  const { info, raw } = readCiphertextPackets(bytes);
  if (options.encryptionKeyIds !== undefined) {
    const allowed = new Set([...options.encryptionKeyIds].map((id) => id.toLowerCase()));
    if (!info.recipientKeyIds.every((id) => allowed.has(id))) {
      fail('wrong-recipient', "The message is encrypted to a key that is not one of this mailbox's keys.");
    }
  }
  const bodies = raw.map((packet) => {
    if (packet.chunks.length === 1) return bytes.subarray(packet.chunks[0]![0], packet.chunks[0]![1]);
    const body = new Uint8Array(packet.bodyLength);
    let at = 0;
    for (const [start, end] of packet.chunks) {
      body.set(bytes.subarray(start, end), at);
      at += end - start;
    }
    return body;
  });
  const seipd = bodies.at(-1)!;
  if (info.encryption === 'seipd-v2' && seipd[3] !== AEAD_CHUNK_SIZE_BYTE) {
    fail('not-padded', 'The encrypted data uses another AEAD chunk size than a request from the widget does.');
  }
  const bucket = PADDING_BUCKETS.find((size) => paddedSeipdLength(info.encryption, size) === seipd.length);
  if (bucket === undefined) {
    fail('not-padded', 'The encrypted data is not as long as a padded request is: it was not padded to one of the size buckets.');
  }
  const out = new Uint8Array(raw.reduce((n, packet, i) => n + header(packet.tag, bodies[i]!.length).length + bodies[i]!.length, 0));
  let at = 0;
  raw.forEach((packet, i) => {
    const head = header(packet.tag, bodies[i]!.length);
    out.set(head, at);
    out.set(bodies[i]!, at + head.length);
    at += head.length + bodies[i]!.length;
  });
  const lines = encodeBase64(out).match(new RegExp(`.{1,${OUTPUT_LINE}}`, 'g'))!;
  return {
    armored: `${BEGIN}\n\n${lines.join('\n')}\n${END}\n`,
    recipientKeyIds: info.recipientKeyIds,
    encryption: info.encryption,
    bucket,
  };
}
