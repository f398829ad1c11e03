// Interop with GnuPG 2.2, the tool a provider may already use: keys both ways, messages both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { verifyMailboxCard } from './card.js';
import { canonicalizeCiphertext } from './canonical.js';
import { decryptRequest } from './decrypt.js';
import { encryptRequest } from './encrypt.js';
import { inspectCiphertext } from './inspect.js';
import { checkRecipientKey, readPrivateKey } from './keys.js';
import { ContactRequestSchema } from './schema.js';
import { Gpg, PASSPHRASE, makeKeyPair, validRequest } from '@vp-contact/test-kit';

let gpg: Gpg;

beforeAll(() => {
  gpg = new Gpg();
});

afterAll(() => gpg.dispose());

async function fullRequest() {
  return v.parse(
    ContactRequestSchema,
    await validRequest({
      name: 'Zoë',
      contact: { email: 'zoe@voorbeeld.example', voicemailAllowed: false },
      topics: ['aggression-violence'],
      message: 'Graag na 17:00 bellen.\nDank je.',
      urgent: true,
    }),
  );
}

describe.each([
  ['RSA (gpg default)', 'default' as const, 'rsa@voorbeeld.example'],
  ['ed25519 with a cv25519 subkey', 'ed25519' as const, 'ecc@voorbeeld.example'],
])('a key made by gpg: %s', (_label, kind, email) => {
  let fingerprint: string;

  beforeAll(() => {
    fingerprint = gpg.generate({ kind, email });
  });

  it('passes checkRecipientKey, and gpg --decrypt reads what encryptRequest made', async () => {
    const recipient = await checkRecipientKey(gpg.exportPublic(fingerprint), [fingerprint]);
    const request = await fullRequest();
    const armored = await encryptRequest(request, [recipient]);
    const plaintext = gpg.run(['--decrypt'], { input: armored });
    expect(JSON.parse(plaintext)).toEqual(request);
  });

  it('its private key decrypts with decryptRequest', async () => {
    const recipient = await checkRecipientKey(gpg.exportPublic(fingerprint), [fingerprint]);
    const request = await fullRequest();
    const armored = await encryptRequest(request, [recipient]);
    const privateKey = await readPrivateKey(gpg.exportSecret(fingerprint));
    expect(await decryptRequest(armored, [privateKey])).toEqual(request);
  });
});

describe('a key made by this project (openpgp.js type ecc)', () => {
  it('imports into gpg, which decrypts a request with its passphrase', async () => {
    const provider = await makeKeyPair({ userIDs: [{ name: 'Project sleutel', email: 'project@voorbeeld.example' }] });
    gpg.run(['--import'], { input: provider.publicKey });
    gpg.run(['--import'], { input: provider.privateKey, passphrase: PASSPHRASE });
    expect(gpg.fingerprintOf('project@voorbeeld.example').toLowerCase()).toBe(provider.fingerprint);
    const request = await fullRequest();
    const armored = await encryptRequest(request, [await checkRecipientKey(provider.publicKey, [provider.fingerprint])]);
    expect(JSON.parse(gpg.run(['--decrypt'], { input: armored, passphrase: PASSPHRASE }))).toEqual(request);
  });

  it('gpg decrypts the canonical form the relay stores (no armor headers, no CRC line)', async () => {
    const provider = await makeKeyPair({ userIDs: [{ name: 'Canoniek', email: 'canoniek@voorbeeld.example' }] });
    gpg.run(['--import'], { input: provider.privateKey, passphrase: PASSPHRASE });
    const recipient = await checkRecipientKey(provider.publicKey, [provider.fingerprint]);
    const request = await fullRequest();
    const canonical = canonicalizeCiphertext(await encryptRequest(request, [recipient]), { encryptionKeyIds: recipient.encryptionKeyIds });
    expect(canonical.armored).not.toMatch(/\n=[A-Za-z0-9+/]{4}\n/);
    // The plaintext gpg prints ends in the padding spaces, which JSON.parse ignores.
    expect(JSON.parse(gpg.run(['--decrypt'], { input: canonical.armored, passphrase: PASSPHRASE }))).toEqual(request);
  });
});

describe('a message encrypted by gpg', () => {
  it('passes inspectCiphertext (partial body lengths included) and decrypts', async () => {
    const provider = await makeKeyPair({ userIDs: [{ name: 'Ontvanger', email: 'ontvanger@voorbeeld.example' }] });
    gpg.run(['--import'], { input: provider.publicKey });
    const request = await fullRequest();
    // From standard input gpg does not know the length, so it writes partial body lengths.
    const armored = gpg.run(['--armor', '--trust-model', 'always', '--compress-algo', 'none', '--encrypt', '-r', 'ontvanger@voorbeeld.example'], {
      input: JSON.stringify(request),
    });
    // gpg writes the armor's CRC-24 line, so its checksum is checked here too.
    expect(armored).toMatch(/\n=[A-Za-z0-9+/]{4}\r?\n-----END PGP MESSAGE-----/);
    const info = inspectCiphertext(armored);
    expect(info.recipientKeyIds).toHaveLength(1);
    expect(info.packets.at(-1)!.tag).toBe(18);
    const privateKey = await readPrivateKey(provider.privateKey, PASSPHRASE);
    expect(await decryptRequest(armored, [privateKey])).toEqual(request);
  });
});

describe('a mailbox card signed with gpg by an offline primary key', () => {
  it('verifies when gpg signs with the primary (FPR!) and without compression; not when a subkey signs', async () => {
    const primary = gpg.generate({ kind: 'ed25519', email: 'kaart@voorbeeld.example' });
    const listing = gpg.run(['--with-colons', '--list-keys', primary]);
    const subkey = listing.split('\n').filter((line) => line.startsWith('fpr:'))[1]!.split(':')[9]!;
    const now = Date.now();
    const card = {
      version: 1,
      mailbox: 'voorbeeld-bv',
      displayName: 'Vertrouwenspersonen Voorbeeld',
      contact: { phone: '+31 20 000 0000' },
      responseHours: 48,
      encryptionKeys: [subkey],
      issuedAt: new Date(now - 60_000).toISOString(),
      expiresAt: new Date(now + 90 * 86_400_000).toISOString(),
    };
    const recipient = await checkRecipientKey(gpg.exportPublic(primary), [primary]);
    const signed = gpg.run(['--armor', '--compress-algo', 'none', '--local-user', `${primary}!`, '--sign'], { input: JSON.stringify(card) });
    expect(await verifyMailboxCard(signed, recipient, { mailbox: 'voorbeeld-bv' })).toEqual({ ...card, encryptionKeys: [subkey.toLowerCase()] });
    // gpg compresses by default: that is not the form of a card.
    const compressed = gpg.run(['--armor', '--local-user', `${primary}!`, '--sign'], { input: JSON.stringify(card) });
    await expect(verifyMailboxCard(compressed, recipient, { mailbox: 'voorbeeld-bv' })).rejects.toMatchObject({ code: 'card-invalid' });
    // A signing subkey is not the primary key.
    gpg.run(['--quick-add-key', primary, 'ed25519', 'sign', 'never']);
    const signingSubkey = gpg.run(['--with-colons', '--list-keys', primary]).split('\n').filter((line) => line.startsWith('fpr:'))[2]!.split(':')[9]!;
    const bySubkey = gpg.run(['--armor', '--compress-algo', 'none', '--local-user', `${signingSubkey}!`, '--sign'], { input: JSON.stringify(card) });
    const withSubkey = await checkRecipientKey(gpg.exportPublic(primary), [primary]);
    await expect(verifyMailboxCard(bySubkey, withSubkey, { mailbox: 'voorbeeld-bv' })).rejects.toMatchObject({ code: 'card-bad-signature' });
  });
});
