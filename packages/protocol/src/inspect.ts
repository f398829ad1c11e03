/**
 * Reads an armored OpenPGP message without any key and checks that it is ciphertext: one or more
 * public-key encrypted session key packets (PKESK) followed by exactly one integrity-protected
 * data packet (SEIPD v1 or v2), and nothing else. Only packet headers are read, never the
 * encrypted body, so the relay can afford it on every submission.
 */
import { ProtocolError, type ProtocolErrorCode } from './errors.js';

export interface PacketInfo {
  /** The OpenPGP packet tag (RFC 9580 section 5). */
  readonly tag: number;
  readonly type: string;
  /** The body length in bytes. */
  readonly length: number;
}

export interface CiphertextInfo {
  /** Key ids (16 lower-case hex digits) of the PKESK packets, in order; a wildcard is all zeros. */
  readonly recipientKeyIds: readonly string[];
  readonly packets: readonly PacketInfo[];
  readonly encryption: 'seipd-v1' | 'seipd-v2';
}

const TAG = { pkesk: 1, signature: 2, skesk: 3, onePassSignature: 4, compressed: 8, sed: 9, literal: 11, seipd: 18, aead: 20 };

const TAG_NAMES: Record<number, string> = {
  1: 'public-key encrypted session key',
  2: 'signature',
  3: 'symmetric-key encrypted session key',
  4: 'one-pass signature',
  5: 'secret key',
  6: 'public key',
  8: 'compressed data',
  9: 'symmetrically encrypted data',
  10: 'marker',
  11: 'literal data',
  18: 'symmetrically encrypted integrity protected data',
  20: 'AEAD encrypted data',
};

// What each packet that may not come before the encrypted data says about the message.
const REJECTED: Record<number, [ProtocolErrorCode, string]> = {
  [TAG.signature]: ['signed-only', 'The message is signed but not encrypted.'],
  [TAG.onePassSignature]: ['signed-only', 'The message is signed but not encrypted.'],
  [TAG.skesk]: ['password-encrypted', 'The message is encrypted with a password, not to a public key.'],
  [TAG.compressed]: ['compressed', 'The message is compressed data, not encrypted data.'],
  [TAG.literal]: ['plaintext', 'The message is plaintext: it is not encrypted at all.'],
  [TAG.sed]: ['unprotected', 'The message is encrypted without integrity protection (no MDC), which is unsafe.'],
  [TAG.aead]: ['not-encrypted', 'The message uses a non-standard AEAD packet; encrypt with SEIPD v1 or v2.'],
};

const BEGIN = '-----BEGIN PGP MESSAGE-----';
const END = '-----END PGP MESSAGE-----';

function fail(code: ProtocolErrorCode, message: string): never {
  throw new ProtocolError(code, message);
}

// Node's Buffer decodes base64 natively, several times faster than atob and a copy loop; the relay
// decodes every submission. Browsers (which never inspect) use atob.
const NodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array } }).Buffer;

export function decodeBase64(text: string): Uint8Array {
  // Buffer.from skips characters that are not base64: check first, so junk is refused, not dropped.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    fail('corrupt', 'The armored message contains characters that are not base64.');
  }
  if (NodeBuffer) return NodeBuffer.from(text, 'base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The binary packets inside the armor; rejects anything but one PGP MESSAGE block. */
function dearmor(armored: string): Uint8Array {
  const text = armored.replace(/\r\n?/g, '\n');
  const start = text.indexOf(BEGIN);
  if (start === -1 || text.slice(0, start).trim() !== '') {
    fail('not-armored', 'This is not an ASCII-armored OpenPGP message (-----BEGIN PGP MESSAGE-----).');
  }
  const end = text.indexOf(END, start);
  if (end === -1) fail('truncated', 'The armored message ends before its -----END PGP MESSAGE----- line.');
  if (text.slice(end + END.length).trim() !== '') {
    fail('trailing-data', 'There is text after the end of the armored message.');
  }
  const lines = text.slice(start + BEGIN.length, end).split('\n').map((l) => l.trim());
  lines.shift(); // the rest of the BEGIN line
  // Armor headers (Key: value) end at the first empty line; a message without headers has one too.
  const blank = lines.indexOf('');
  if (blank === -1) fail('corrupt', 'The armored message has no blank line after its headers.');
  const body = lines.slice(blank + 1).filter((l) => l !== '');
  // The optional CRC-24 line (=XXXX) is ignored, as RFC 9580 section 6.1 requires ("MUST NOT reject
  // ... when the CRC24 footer is present, missing, malformed, or disagrees"): the integrity of the
  // message is its SEIPD packet's job, checked when the counsellor decrypts it.
  if (body.at(-1)?.startsWith('=')) body.pop();
  const bytes = decodeBase64(body.join(''));
  if (bytes.length === 0) fail('truncated', 'The armored message is empty.');
  return bytes;
}

/** A packet as it lies in the bytes: its body may be split in chunks by partial lengths. */
export interface RawPacket {
  tag: number;
  bodyStart: number;
  bodyLength: number;
  end: number;
  /** [start, end) of each piece of the body. */
  chunks: Array<[number, number]>;
}

/** Reads one packet header at `offset` and skips its body, following partial body lengths. */
export function readPacket(bytes: Uint8Array, offset: number): RawPacket {
  const first = bytes[offset]!;
  if ((first & 0x80) === 0) fail('corrupt', `Byte ${offset} is not the start of an OpenPGP packet.`);
  const need = (n: number, at: number) => {
    if (at + n > bytes.length) fail('truncated', 'The message ends in the middle of a packet.');
  };
  if ((first & 0x40) === 0) {
    // Legacy packet format.
    const tag = (first >> 2) & 0x0f;
    const type = first & 0x03;
    if (type === 3) {
      return { tag, bodyStart: offset + 1, bodyLength: bytes.length - offset - 1, end: bytes.length, chunks: [[offset + 1, bytes.length]] };
    }
    const size = [1, 2, 4][type]!;
    need(size, offset + 1);
    let length = 0;
    for (let i = 0; i < size; i++) length = length * 256 + bytes[offset + 1 + i]!;
    const bodyStart = offset + 1 + size;
    need(length, bodyStart);
    return { tag, bodyStart, bodyLength: length, end: bodyStart + length, chunks: [[bodyStart, bodyStart + length]] };
  }
  const tag = first & 0x3f;
  let position = offset + 1;
  let total = 0;
  let bodyStart = -1;
  const chunks: Array<[number, number]> = [];
  for (;;) {
    need(1, position);
    const l1 = bytes[position]!;
    let length: number;
    let partial = false;
    if (l1 < 192) {
      length = l1;
      position += 1;
    } else if (l1 < 224) {
      need(2, position);
      length = ((l1 - 192) << 8) + bytes[position + 1]! + 192;
      position += 2;
    } else if (l1 === 255) {
      need(5, position);
      length = ((bytes[position + 1]! << 24) >>> 0) + (bytes[position + 2]! << 16) + (bytes[position + 3]! << 8) + bytes[position + 4]!;
      position += 5;
    } else {
      length = 1 << (l1 & 0x1f);
      partial = true;
      position += 1;
    }
    if (bodyStart === -1) bodyStart = position;
    need(length, position);
    chunks.push([position, position + length]);
    position += length;
    total += length;
    if (!partial) break;
  }
  // With partial lengths the body is split by length octets; only its total matters here.
  return { tag, bodyStart, bodyLength: total, end: position, chunks };
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function recipientKeyId(bytes: Uint8Array, packet: RawPacket): string {
  const body = bytes.subarray(packet.bodyStart, packet.end);
  const version = body[0];
  if (version === 3 && body.length >= 10) return toHex(body.subarray(1, 9));
  if (version === 6 && body.length >= 2) {
    const size = body[1]!;
    if (size === 0) return '0000000000000000';
    const keyVersion = body[2];
    const fingerprint = body.subarray(3, 2 + size);
    if (keyVersion === 4 && fingerprint.length === 20) return toHex(fingerprint.subarray(12));
    if (keyVersion === 6 && fingerprint.length === 32) return toHex(fingerprint.subarray(0, 8));
  }
  fail('corrupt', 'A public-key encrypted session key packet is malformed.');
}

export function inspectCiphertext(armored: string): CiphertextInfo {
  return readCiphertextPackets(dearmor(armored)).info;
}

/** The checks of inspectCiphertext on the binary packets; also returns where each packet lies. */
export function readCiphertextPackets(bytes: Uint8Array): { info: CiphertextInfo; raw: RawPacket[] } {
  const raw: RawPacket[] = [];
  const packets: PacketInfo[] = [];
  const recipientKeyIds: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const packet = readPacket(bytes, offset);
    raw.push(packet);
    packets.push({ tag: packet.tag, type: TAG_NAMES[packet.tag] ?? `unknown (${packet.tag})`, length: packet.bodyLength });
    if (packet.tag === TAG.pkesk) {
      recipientKeyIds.push(recipientKeyId(bytes, packet));
      offset = packet.end;
      continue;
    }
    const rejected = REJECTED[packet.tag];
    if (rejected) fail(...rejected);
    if (packet.tag !== TAG.seipd) {
      fail('not-encrypted', `The message holds a ${TAG_NAMES[packet.tag] ?? 'unknown'} packet where encrypted data belongs.`);
    }
    if (recipientKeyIds.length === 0) {
      fail('no-recipients', 'The message is not encrypted to any public key.');
    }
    const version = bytes[packet.bodyStart];
    if (version !== 1 && version !== 2) fail('corrupt', 'The encrypted data packet has an unknown version.');
    if (packet.end !== bytes.length) {
      fail('trailing-data', 'There is more data after the encrypted data packet.');
    }
    return { info: { recipientKeyIds, packets, encryption: version === 1 ? 'seipd-v1' : 'seipd-v2' }, raw };
  }
  if (recipientKeyIds.length > 0) fail('truncated', 'The message ends before its encrypted data.');
  fail('not-encrypted', 'The message holds no encrypted data.');
}
