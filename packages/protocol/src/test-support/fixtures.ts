// Shared by the protocol's tests: real keys made with openpgp.js, a valid request, and a small
// armor writer for crafting malformed messages packet by packet.
import * as openpgp from 'openpgp';
import { hashTerms, makeReference, type ContactRequestInput } from '../schema.js';

export const PASSPHRASE = 'correct horse battery staple';

type KeyOptions = Parameters<typeof openpgp.generateKey>[0];

export async function makeKeyPair(options: Partial<KeyOptions> = {}) {
  const { privateKey, publicKey, revocationCertificate } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email: 'vp@voorbeeld.example' }],
    passphrase: PASSPHRASE,
    format: 'armored',
    ...options,
  } as KeyOptions & { format: 'armored' });
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
  return { privateKey, publicKey, revocationCertificate, fingerprint };
}

export async function validRequest(overrides: Partial<ContactRequestInput> = {}): Promise<ContactRequestInput> {
  return {
    version: 1,
    reference: makeReference(),
    submittedAt: '2026-11-24T09:30:00.000Z',
    language: 'nl',
    contact: { phone: '+31 20 000 0000' },
    urgent: false,
    termsVersion: await hashTerms('Voorwaarden versie 1'),
    ...overrides,
  };
}

/** ASCII armor around raw packet bytes, the way RFC 9580 section 6 writes it. */
export function armor(bytes: Uint8Array, type = 'MESSAGE'): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PGP ${type}-----\n\n${lines.join('\n')}\n-----END PGP ${type}-----\n`;
}

/** The packet bytes inside an armored message (openpgp.js's own reader, for crafting inputs). */
export async function unarmor(armored: string): Promise<Uint8Array> {
  const { data } = await openpgp.unarmor(armored);
  return data as Uint8Array;
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
