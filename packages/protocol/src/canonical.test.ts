import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeCiphertext, paddedSeipdLength } from './canonical.js';
import { decryptRequest } from './decrypt.js';
import { encryptPadded, encryptRequest } from './encrypt.js';
import { inspectCiphertext } from './inspect.js';
import { readPrivateKey, readRecipientKey, type RecipientKey } from './keys.js';
import { PADDING_BUCKETS } from './padding.js';
import { ContactRequestSchema, type ContactRequest } from './schema.js';
import { armor, concat, makeKeyPair, packet, PASSPHRASE, unarmor, validRequest } from '@vp-contact/test-kit';

interface Party {
  recipient: RecipientKey;
  privateKey: openpgp.PrivateKey;
}

async function party(options: Parameters<typeof makeKeyPair>[0]): Promise<Party> {
  const pair = await makeKeyPair(options);
  return { recipient: await readRecipientKey(pair.publicKey), privateKey: await readPrivateKey(pair.privateKey, PASSPHRASE) };
}

// The keys a provider may have: openpgp.js `ecc` (curve25519 legacy, v4; what gpg 2.2 reads) and
// a v6 curve25519 key; openpgp.js makes SEIPD v2 for a key that advertises it (aeadProtect).
const KINDS = {
  'ecc (v4, curve25519 legacy)': { type: 'ecc', curve: 'curve25519Legacy' },
  'curve25519 (v6)': { type: 'curve25519', config: { v6Keys: true } },
  'curve25519 (v6, advertising SEIPD v2)': { type: 'curve25519', config: { v6Keys: true, aeadProtect: true } },
} as const;
const parties = {} as Record<keyof typeof KINDS, Party>;
let request: ContactRequest;
let ecc: Party;
let valid: string;

beforeAll(async () => {
  for (const [name, options] of Object.entries(KINDS)) {
    parties[name as keyof typeof KINDS] = await party(options);
  }
  ecc = parties['ecc (v4, curve25519 legacy)'];
  request = v.parse(ContactRequestSchema, await validRequest({ message: 'Graag na 17:00 bellen.' }));
  valid = await encryptRequest(request, [ecc.recipient]);
});

/** The request's JSON padded with spaces to `bucket` bytes, as pad() does for its own bucket. */
function paddedTo(bucket: number): Uint8Array {
  const bytes = new Uint8Array(bucket).fill(0x20);
  bytes.set(new TextEncoder().encode(JSON.stringify(request)));
  return bytes;
}

function codeOf(armored: string, options?: Parameters<typeof canonicalizeCiphertext>[1]): string {
  try {
    canonicalizeCiphertext(armored, options);
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe.each(Object.keys(KINDS) as (keyof typeof KINDS)[])('canonicalizeCiphertext with a %s key', (kind) => {
  it.each(PADDING_BUCKETS.map((bucket) => [bucket]))('accepts the %i-byte bucket, and the canonical form decrypts to the same request', async (bucket) => {
    const { recipient, privateKey } = parties[kind];
    const armored = await encryptPadded(paddedTo(bucket), [recipient]);
    const canonical = canonicalizeCiphertext(armored, { encryptionKeyIds: recipient.encryptionKeyIds });
    expect(canonical.bucket).toBe(bucket);
    expect(inspectCiphertext(armored).packets.at(-1)!.length).toBe(paddedSeipdLength(canonical.encryption, bucket));
    expect(await decryptRequest(canonical.armored, [privateKey])).toEqual(request);
    // One more byte, or one less, fits no bucket.
    for (const size of [bucket - 1, bucket + 1]) {
      const off = await encryptPadded(new Uint8Array(size).fill(0x20), [recipient]);
      expect(codeOf(off)).toBe('not-padded');
    }
  });

  it('accepts what encryptRequest makes for requests of every size it can send', async () => {
    const { recipient, privateKey } = parties[kind];
    const buckets = [];
    for (const message of ['Kort.', 'woord '.repeat(500), '€'.repeat(2000), '€'.repeat(4000)]) {
      const sent = v.parse(ContactRequestSchema, await validRequest({ message }));
      const canonical = canonicalizeCiphertext(await encryptRequest(sent, [recipient]));
      buckets.push(canonical.bucket);
      expect(await decryptRequest(canonical.armored, [privateKey])).toEqual(sent);
    }
    expect(buckets).toEqual([2048, 4096, 8192, 16384]);
  });
});

describe('canonicalizeCiphertext', () => {
  it('reports the SEIPD version encryptRequest chose for each kind of key', async () => {
    const expected = { 'ecc (v4, curve25519 legacy)': 'seipd-v1', 'curve25519 (v6)': 'seipd-v1', 'curve25519 (v6, advertising SEIPD v2)': 'seipd-v2' };
    for (const [kind, encryption] of Object.entries(expected)) {
      const armored = await encryptRequest(request, [parties[kind as keyof typeof KINDS].recipient]);
      expect(canonicalizeCiphertext(armored).encryption).toBe(encryption);
    }
  });

  it('accepts a message to several recipients, which each decrypt', async () => {
    const all = Object.values(parties);
    const armored = await encryptRequest(request, all.map((p) => p.recipient));
    const ids = all.flatMap((p) => p.recipient.encryptionKeyIds);
    const canonical = canonicalizeCiphertext(armored, { encryptionKeyIds: ids });
    expect(canonical.recipientKeyIds).toEqual(ids);
    for (const p of all) expect(await decryptRequest(canonical.armored, [p.privateKey])).toEqual(request);
  });

  it('writes no armor headers and no CRC line, and is what encryptRequest made, packet for packet', async () => {
    const canonical = canonicalizeCiphertext(valid);
    const lines = canonical.armored.split('\n');
    expect(lines[0]).toBe('-----BEGIN PGP MESSAGE-----');
    expect(lines[1]).toBe('');
    expect(lines.at(-2)).toBe('-----END PGP MESSAGE-----');
    expect(lines.slice(2, -2).every((line) => /^[A-Za-z0-9+/]{1,64}={0,2}$/.test(line))).toBe(true);
    expect(await unarmor(canonical.armored)).toEqual(await unarmor(valid));
  });

  it('is deterministic: every way of writing the same packets gives the same text, and it is a fixed point', async () => {
    const canonical = canonicalizeCiphertext(valid).armored;
    const bytes = await unarmor(valid);
    const seipdStart = pkeskEnd(bytes);
    const pkeskBody = bytes.subarray(2, seipdStart);
    const seipdBody = bytes.subarray(seipdStart + 3);
    expect(seipdBody.length).toBe(inspectCiphertext(valid).packets[1]!.length);
    const variants = [
      valid,
      valid.replace(/\n/g, '\r\n'),
      // without the CRC line openpgp.js writes, with a right one, and with a wrong one (RFC 9580 section 6.1: not checked, and dropped)
      valid.replace(/\n=[A-Za-z0-9+/]{4}\n/, '\n'),
      `\n\n  ${valid}\n\n`,
      withCrc(valid, crcOf(bytes)),
      withCrc(valid, 'AAAA'),
      armor76(bytes),
      // gpg's style: a legacy-format header on the PKESK packet.
      armor(concat(new Uint8Array([0x80 | (1 << 2), pkeskBody.length]), pkeskBody, bytes.subarray(seipdStart))),
      // Partial body lengths: the first 512 bytes of the SEIPD body, then the rest.
      armor(concat(bytes.subarray(0, seipdStart), new Uint8Array([0xc0 | 18, 0xe0 | 9]), seipdBody.subarray(0, 512), lengthOctets(seipdBody.length - 512), seipdBody.subarray(512))),
      canonical,
    ];
    for (const variant of variants) expect(canonicalizeCiphertext(variant).armored).toBe(canonical);
  });

  describe('refuses', () => {
    it('armor headers of any kind', () => {
      for (const header of ['Version: OpenPGP.js v6.3.2', 'Comment: https://voorbeeld.example', 'Charset: UTF-8', 'X-Anything: 1']) {
        expect(codeOf(valid.replace('-----BEGIN PGP MESSAGE-----\n', `-----BEGIN PGP MESSAGE-----\n${header}\n`))).toBe('not-armored');
      }
      expect(codeOf(valid.replace('-----BEGIN PGP MESSAGE-----\n\n', '-----BEGIN PGP MESSAGE-----\n'))).toBe('not-armored');
    });

    it('text before the BEGIN line, on it, or after the END line', () => {
      expect(codeOf(`Beste collega,\n${valid}`)).toBe('not-armored');
      expect(codeOf(valid.replace('-----BEGIN PGP MESSAGE-----', '-----BEGIN PGP MESSAGE----- extra'))).toBe('not-armored');
      expect(codeOf(`${valid}\nMet vriendelijke groet`)).toBe('trailing-data');
      expect(codeOf(`${valid}-----BEGIN PGP MESSAGE-----\n`)).toBe('trailing-data');
    });

    it('a body that is not strict base64', () => {
      const body = valid.split('\n');
      const at = 3;
      const variants = [
        // a character outside the alphabet, a URL-safe one, white space inside a line
        body.map((l, i) => (i === at ? `${l.slice(0, 10)}!${l.slice(11)}` : l)).join('\n'),
        body.map((l, i) => (i === at ? `${l.slice(0, 10)}-${l.slice(11)}` : l)).join('\n'),
        body.map((l, i) => (i === at ? `${l.slice(0, 10)} ${l.slice(11)}` : l)).join('\n'),
        // padding in the middle, an empty line in the body, a line over 76 characters
        body.map((l, i) => (i === at ? `${l.slice(0, -4)}AA==` : l)).join('\n'),
        body.map((l, i) => (i === at ? `${l}\n` : l)).join('\n'),
        body.map((l, i) => (i === at ? `${l}${body[at + 1]}` : i === at + 1 ? null : l)).filter((l) => l !== null).join('\n'),
        // a malformed checksum line
        valid.replace('\n-----END', '\n=!!\n-----END'),
      ];
      for (const variant of variants) expect(codeOf(variant)).toBe('corrupt');
    });

    it('base64 whose unused bits are not zero', async () => {
      // 3n + 1 bytes end in two base64 characters and ==; the second carries 4 bits that decoding drops.
      const bytes = await unarmor(valid);
      const base64 = btoa(String.fromCharCode(...bytes.subarray(0, bytes.length - ((bytes.length - 1) % 3))));
      expect(base64.endsWith('==')).toBe(true);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const last = base64.at(-3)!;
      const loose = `${base64.slice(0, -3)}${alphabet[alphabet.indexOf(last) ^ 1]}==`;
      expect(atob(loose)).toBe(atob(base64));
      expect(codeOf(`-----BEGIN PGP MESSAGE-----\n\n${loose.match(/.{1,64}/g)!.join('\n')}\n-----END PGP MESSAGE-----\n`)).toBe('corrupt');
    });

    it('encrypted data not padded to a bucket: openpgp.encrypt of the bare text', async () => {
      const armored = await openpgp.encrypt({
        message: await openpgp.createMessage({ text: JSON.stringify(request) }),
        encryptionKeys: ecc.recipient.key,
      });
      expect(codeOf(armored)).toBe('not-padded');
    });

    it('SEIPD v2 with another AEAD chunk size', async () => {
      const { recipient } = parties['curve25519 (v6, advertising SEIPD v2)'];
      const armored = await openpgp.encrypt({
        message: await openpgp.createMessage({ binary: paddedTo(2048), format: 'binary' }),
        encryptionKeys: recipient.key,
        config: { aeadChunkSizeByte: 4 },
      });
      expect(inspectCiphertext(armored).encryption).toBe('seipd-v2');
      expect(codeOf(armored)).toBe('not-padded');
    });

    it("recipients that are not the mailbox's keys, and the wildcard", async () => {
      const other = await party({});
      const both = await encryptRequest(request, [ecc.recipient, other.recipient]);
      expect(codeOf(both, { encryptionKeyIds: ecc.recipient.encryptionKeyIds })).toBe('wrong-recipient');
      expect(codeOf(both, { encryptionKeyIds: [] })).toBe('wrong-recipient');
      const wildcard = await openpgp.encrypt({
        message: await openpgp.createMessage({ binary: paddedTo(2048), format: 'binary' }),
        encryptionKeys: ecc.recipient.key,
        wildcard: true,
      });
      expect(codeOf(wildcard, { encryptionKeyIds: ecc.recipient.encryptionKeyIds })).toBe('wrong-recipient');
    });

    it('everything inspectCiphertext refuses', async () => {
      const bytes = await unarmor(valid);
      const pkesk = bytes.subarray(0, pkeskEnd(bytes));
      const literal = await unarmor((await openpgp.createMessage({ text: 'Ik word gepest.' })).armor());
      expect(codeOf('hello')).toBe('not-armored');
      expect(codeOf(armor(literal))).toBe('plaintext');
      expect(codeOf(armor(packet(8, concat(new Uint8Array([0]), literal))))).toBe('compressed');
      expect(codeOf(armor(concat(pkesk, packet(9, new Uint8Array(64)))))).toBe('unprotected');
      expect(codeOf(armor(bytes.subarray(pkesk.length)))).toBe('no-recipients');
      expect(codeOf(armor(pkesk))).toBe('truncated');
      expect(codeOf(armor(concat(bytes, new Uint8Array([0xde, 0xad]))))).toBe('trailing-data');
      expect(codeOf(await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'x' }), passwords: ['geheim'] }))).toBe('password-encrypted');
    });
  });
});

/** Where the first (PKESK) packet ends; the valid messages here have a one-octet length. */
function pkeskEnd(bytes: Uint8Array): number {
  expect(bytes[1]!).toBeLessThan(192);
  return 2 + bytes[1]!;
}

function lengthOctets(length: number): Uint8Array {
  return length < 8384
    ? new Uint8Array([((length - 192) >> 8) + 192, (length - 192) & 0xff])
    : new Uint8Array([0xff, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]);
}

function armor76(bytes: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  return `-----BEGIN PGP MESSAGE-----\n\n${base64.match(/.{1,76}/g)!.join('\n')}\n-----END PGP MESSAGE-----\n`;
}

function withCrc(armored: string, crc: string): string {
  return armored.replace(/(\n=[A-Za-z0-9+/]{4})?\n-----END PGP MESSAGE-----/, `\n=${crc}\n-----END PGP MESSAGE-----`);
}

/** The CRC-24 of RFC 9580 section 6.1, base64: the footer gpg writes. */
function crcOf(bytes: Uint8Array): string {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  crc &= 0xffffff;
  return btoa(String.fromCharCode((crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff));
}
