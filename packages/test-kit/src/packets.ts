// A small armor writer and packet builder, for crafting malformed OpenPGP messages packet by packet.
import * as openpgp from 'openpgp';

/** ASCII armor around raw packet bytes, the way RFC 9580 section 6 writes it. */
export function armor(bytes: Uint8Array, type = 'MESSAGE'): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PGP ${type}-----\n\n${lines.join('\n')}\n-----END PGP ${type}-----\n`;
}

/** The packet bytes inside an armored message (openpgp.js's own reader, for crafting inputs). */
export async function unarmor(armored: string): Promise<Uint8Array> {
  const { data } = await openpgp.unarmor(armored);
  // Typed as a stream too (openpgp.js's types), but from a string it is always bytes.
  if (!(data instanceof Uint8Array)) throw new Error('unarmor: expected bytes from an armored string');
  return data;
}

/** One new-format packet: tag and body. */
export function packet(tag: number, body: Uint8Array): Uint8Array {
  const header =
    body.length < 192
      ? [0xc0 | tag, body.length]
      : [0xc0 | tag, 0xff, (body.length >>> 24) & 0xff, (body.length >>> 16) & 0xff, (body.length >>> 8) & 0xff, body.length & 0xff];
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
