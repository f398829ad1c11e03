import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptRequest } from './encrypt.js';
import { inspectCiphertext } from './inspect.js';
import { checkRecipientKey, type RecipientKey } from './keys.js';
import { armor, concat, makeKeyPair, packet, unarmor, validRequest } from '@vp-contact/test-kit';

let recipient: RecipientKey;
let valid: string;
let validBytes: Uint8Array;

beforeAll(async () => {
  const provider = await makeKeyPair();
  recipient = await checkRecipientKey(provider.publicKey, [provider.fingerprint]);
  valid = await encryptRequest(await validRequest(), [recipient]);
  validBytes = await unarmor(valid);
});

function codeOf(armored: string): string {
  try {
    inspectCiphertext(armored);
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('inspectCiphertext', () => {
  it('reads the recipients and the packet structure of a valid message without a key', () => {
    const info = inspectCiphertext(valid);
    expect(info.recipientKeyIds).toEqual(recipient.encryptionKeyIds);
    expect(info.packets.map((p) => p.tag)).toEqual([1, 18]);
    expect(info.encryption).toBe('seipd-v1');
  });

  it('accepts SEIPD v2 (AEAD) messages', async () => {
    // openpgp.js uses SEIPD v2 only for keys that advertise it, as keys made with aeadProtect do.
    const aeadKey = await makeKeyPair({ config: { aeadProtect: true } });
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'x' }),
      encryptionKeys: await openpgp.readKey({ armoredKey: aeadKey.publicKey }),
      config: { aeadProtect: true },
    });
    expect(inspectCiphertext(armored).encryption).toBe('seipd-v2');
  });

  it('accepts CRLF line endings and an armor header', () => {
    const withHeader = valid.replace('-----BEGIN PGP MESSAGE-----\n', '-----BEGIN PGP MESSAGE-----\nComment: test\n');
    expect(inspectCiphertext(withHeader.replace(/\n/g, '\r\n')).recipientKeyIds).toHaveLength(1);
  });

  it('rejects plaintext', async () => {
    const message = await openpgp.createMessage({ text: 'Ik word gepest door mijn manager.' });
    expect(codeOf(message.armor())).toBe('plaintext');
  });

  it('rejects a signed-only message', async () => {
    const signer = await makeKeyPair({ passphrase: undefined });
    const signed = await openpgp.sign({
      message: await openpgp.createMessage({ text: 'signed, not secret' }),
      signingKeys: await openpgp.readPrivateKey({ armoredKey: signer.privateKey }),
    });
    expect(codeOf(signed)).toBe('signed-only');
  });

  it('rejects a compressed message', async () => {
    // A compressed-data packet (algorithm 0) around a literal-data packet, as gpg --store -z 0 writes.
    const literal = await unarmor((await openpgp.createMessage({ text: 'compressed, not secret' })).armor());
    expect(codeOf(armor(packet(8, concat(new Uint8Array([0]), literal))))).toBe('compressed');
  });

  it('rejects a password-encrypted message', async () => {
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'x' }),
      passwords: ['hunter2'],
    });
    expect(codeOf(armored)).toBe('password-encrypted');
  });

  it('rejects encrypted data without integrity protection (no MDC)', () => {
    const [pkesk] = [validBytes.subarray(0, inspectEnd(validBytes))];
    const sed = packet(9, crypto.getRandomValues(new Uint8Array(64)));
    expect(codeOf(armor(concat(pkesk, sed)))).toBe('unprotected');
  });

  it('rejects encrypted data addressed to nobody', () => {
    const seipd = validBytes.subarray(inspectEnd(validBytes));
    expect(codeOf(armor(seipd))).toBe('no-recipients');
  });

  it('rejects a message cut short', () => {
    expect(codeOf(armor(validBytes.subarray(0, validBytes.length - 100)))).toBe('truncated');
    expect(codeOf(armor(validBytes.subarray(0, inspectEnd(validBytes))))).toBe('truncated');
    const lines = valid.trim().split('\n');
    expect(codeOf(lines.slice(0, 10).join('\n'))).toBe('truncated');
  });

  it('rejects trailing garbage, inside the armor and after it', () => {
    expect(codeOf(armor(concat(validBytes, new Uint8Array([0xde, 0xad, 0xbe, 0xef]))))).toBe('trailing-data');
    expect(codeOf(`${valid}\nsomething else`)).toBe('trailing-data');
  });

  it('ignores the armor checksum line, as RFC 9580 section 6.1 requires: present, wrong or malformed', () => {
    const expected = inspectCiphertext(valid);
    const withoutChecksum = valid.replace(/\n=[A-Za-z0-9+/]{4}\n-----END/, '\n-----END');
    expect(inspectCiphertext(withoutChecksum)).toEqual(expected);
    for (const footer of ['=AAAA', '=njUN', '=!!']) {
      expect(inspectCiphertext(withoutChecksum.replace('-----END', `${footer}\n-----END`))).toEqual(expected);
    }
  });

  it('rejects what is not an armored message', () => {
    expect(codeOf('hello')).toBe('not-armored');
    expect(codeOf(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(200))))).toBe('not-armored');
    expect(codeOf(`-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----`)).toBe('not-armored');
  });

  it('rejects binary junk inside the armor, or characters that are not base64', () => {
    expect(codeOf(armor(crypto.getRandomValues(new Uint8Array(300)).map((b) => b & 0x7f)))).toBe('corrupt');
    expect(codeOf(valid.replace(/\n([A-Za-z0-9+/]{10})/, '\n$1ë'))).toBe('corrupt');
  });

  it('rejects a public key where the data belongs', async () => {
    const key = await makeKeyPair();
    const keyBytes = await unarmor(key.publicKey);
    expect(codeOf(armor(concat(validBytes.subarray(0, inspectEnd(validBytes)), keyBytes)))).toBe('not-encrypted');
  });
});

/** Where the first (PKESK) packet of the valid message ends, read from its new-format header. */
function inspectEnd(bytes: Uint8Array): number {
  const l1 = bytes[1]!;
  return l1 < 192 ? 2 + l1 : 3 + ((l1 - 192) << 8) + bytes[2]! + 192;
}
