import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptRequest } from './decrypt.js';
import { encryptRequest } from './encrypt.js';
import { isProtocolError } from './errors.js';
import { inspectCiphertext } from './inspect.js';
import { checkRecipientKey, readPrivateKey, type RecipientKey } from './keys.js';
import { PADDING_BUCKETS } from './padding.js';
import { PASSPHRASE, makeKeyPair, unarmor, validRequest } from '@vp-contact/test-kit';

let provider: Awaited<ReturnType<typeof makeKeyPair>>;
let recipient: RecipientKey;
let privateKey: openpgp.PrivateKey;

beforeAll(async () => {
  provider = await makeKeyPair();
  recipient = await checkRecipientKey(provider.publicKey, [provider.fingerprint]);
  privateKey = await readPrivateKey(provider.privateKey, PASSPHRASE);
});

describe('encryptRequest and decryptRequest', () => {
  it('round-trip every field', async () => {
    const request = await validRequest({
      language: 'en',
      name: 'Zoë „Sam” de Vries 🌷',
      contact: {
        phone: '+31 20 000 0000',
        email: 'sam@voorbeeld.example',
        preferredTimes: 'na 17:00',
        voicemailAllowed: true,
        mayIdentifyCaller: false,
      },
      meeting: 'video',
      conversationLanguage: 'English',
      region: 'Zuid',
      unit: 'Klantenservice',
      topics: ['sexual-harassment', 'not-sure'],
      message: 'Regel één\nRegel twee — met "aanhalingstekens" en \\ backslash',
      urgent: true,
      hrNotice: 'named',
    });
    const armored = await encryptRequest(request, [recipient]);
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(armored).not.toContain('Regel');
    expect(await decryptRequest(armored, [privateKey])).toEqual(request);
  });

  it('gives two different requests in one bucket ciphertexts of equal length', async () => {
    const short = await encryptRequest(await validRequest({ message: 'Kort.' }), [recipient]);
    const long = await encryptRequest(
      await validRequest({ name: 'Iemand met een lange naam', message: 'Een langer bericht. '.repeat(40) }),
      [recipient],
    );
    expect(short.length).toBe(long.length);
    const [a, b] = [inspectCiphertext(short), inspectCiphertext(long)];
    expect(a.packets.map((p) => p.length)).toEqual(b.packets.map((p) => p.length));
  });

  it('pads to the next bucket and no further', async () => {
    const sizes = await Promise.all(
      // 3-byte characters make the longest message about 12 KB of UTF-8: the 16 KiB bucket.
      ['woord '.repeat(10), 'woord '.repeat(500), '€'.repeat(4000)].map(async (message) => {
        const armored = await encryptRequest(await validRequest({ message }), [recipient]);
        return inspectCiphertext(armored).packets.at(-1)!.length;
      }),
    );
    // The SEIPD packet holds the bucket plus a small fixed overhead (packet headers, MDC).
    const buckets = [PADDING_BUCKETS[0], PADDING_BUCKETS[1], PADDING_BUCKETS[3]];
    sizes.forEach((size, i) => {
      expect(size - buckets[i]!).toBeGreaterThan(0);
      expect(size - buckets[i]!).toBeLessThan(100);
    });
  });

  it('encrypts uncompressed, to every recipient key', async () => {
    const second = await makeKeyPair({ userIDs: [{ name: 'Tweede sleutel', email: 'vp2@voorbeeld.example' }] });
    const secondRecipient = await checkRecipientKey(second.publicKey, [second.fingerprint]);
    const armored = await encryptRequest(await validRequest(), [recipient, secondRecipient]);
    expect(inspectCiphertext(armored).recipientKeyIds).toEqual([
      recipient.encryptionKeyIds[0],
      secondRecipient.encryptionKeyIds[0],
    ]);
    const secondPrivate = await readPrivateKey(second.privateKey, PASSPHRASE);
    const decrypted = await decryptRequest(armored, [secondPrivate]);
    expect(decrypted.contact.phone).toBe('+31 20 000 0000');
    // No compressed-data packet inside: openpgp.js reports the packets it decrypted.
    const message = await openpgp.readMessage({ armoredMessage: armored });
    const inner = await message.decrypt([secondPrivate]);
    expect(inner.packets.map((p) => p.constructor.name)).toEqual(['LiteralDataPacket']);
  });

  it('refuses an invalid request without encrypting anything', async () => {
    const bad = { ...(await validRequest()), contact: {} };
    await expect(encryptRequest(bad, [recipient])).rejects.toMatchObject({
      code: 'schema-invalid',
      message: expect.stringContaining('contact: needs a phone number or an e-mail address') as unknown,
    });
  });

  it('refuses to encrypt to nobody', async () => {
    await expect(encryptRequest(await validRequest(), [])).rejects.toMatchObject({ code: 'no-recipients' });
  });
});

describe('decryptRequest rejects', () => {
  it('a message for another key: wrong-recipient', async () => {
    const other = await makeKeyPair();
    const armored = await encryptRequest(await validRequest(), [await checkRecipientKey(other.publicKey, [other.fingerprint])]);
    await expect(decryptRequest(armored, [privateKey])).rejects.toMatchObject({ code: 'wrong-recipient' });
  });

  it('a tampered ciphertext: corrupt (the integrity check fails)', async () => {
    const armored = await encryptRequest(await validRequest(), [recipient]);
    const bytes = await unarmor(armored);
    bytes[bytes.length - 40]! ^= 0x01;
    const tampered = openpgp.armor(openpgp.enums.armor.message, bytes);
    await expect(decryptRequest(tampered, [privateKey])).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('an encrypted text that is not JSON, or not a ContactRequest: schema-invalid', async () => {
    for (const text of ['not json at all', JSON.stringify({ version: 1, hello: 'world' })]) {
      const armored = await openpgp.encrypt({
        message: await openpgp.createMessage({ text }),
        encryptionKeys: recipient.key,
      });
      const error = await decryptRequest(armored, [privateKey]).catch((e: unknown) => e);
      expect(isProtocolError(error, 'schema-invalid')).toBe(true);
    }
  });

  it('a decrypted request with hostile values: schema-invalid, naming the fields without repeating the values', async () => {
    const hostile = '\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u202e';
    const text = JSON.stringify({ ...(await validRequest()), name: hostile, language: hostile, [hostile]: hostile });
    const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ text }), encryptionKeys: recipient.key });
    const error = await decryptRequest(armored, [privateKey]).catch((e: unknown) => e);
    expect(isProtocolError(error, 'schema-invalid')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('language: must be nl or en');
    expect(message).toContain('name: must not contain control characters');
    expect(message).not.toMatch(/[\u001b\u0007\u202e]|52;c|ZXZpbA/);
  });

  it('a wrong passphrase: wrong-passphrase', async () => {
    await expect(readPrivateKey(provider.privateKey, 'not the passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    await expect(readPrivateKey(provider.privateKey)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await expect(readPrivateKey(provider.publicKey, PASSPHRASE)).rejects.toMatchObject({ code: 'key-unreadable' });
  });
});
