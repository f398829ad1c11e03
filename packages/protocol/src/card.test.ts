import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { newestValidCard, signMailboxCard, verifyMailboxCard, type MailboxCardInput } from './card.js';
import { decryptRequest } from './decrypt.js';
import { encryptRequest } from './encrypt.js';
import { inspectCiphertext } from './inspect.js';
import { readRecipientKey, type RecipientKey } from './keys.js';
import { armor, unarmor, validRequest } from '@vp-contact/test-kit';

const DAY = 86_400_000;
const NOW = new Date();
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const iso = (date: Date) => date.toISOString();
const MAILBOX = 'voorbeeld-bv';

async function makeKey(options: { subkeys?: { sign?: boolean }[] } = {}): Promise<openpgp.PrivateKey> {
  const { privateKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email: 'vp@voorbeeld.example' }],
    date: at(-400),
    format: 'object',
    ...options,
  });
  return privateKey;
}

/** The secret primary key packet of a private key (openpgp.js types it as public or secret). */
const secretPrimary = (key: openpgp.PrivateKey) => key.keyPacket as openpgp.SecretKeyPacket;

const recipientOf = (key: openpgp.Key, date = NOW) => readRecipientKey(key.toPublic().armor(), { date });
const fingerprintOf = (key: openpgp.Key | openpgp.Subkey) => key.getFingerprint();

function cardFor(key: openpgp.PrivateKey, overrides: Partial<MailboxCardInput> = {}): MailboxCardInput {
  return {
    version: 1,
    mailbox: MAILBOX,
    displayName: 'Vertrouwenspersonen Voorbeeld',
    contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
    responseHours: 48,
    encryptionKeys: [fingerprintOf(key.subkeys[0]!)],
    issuedAt: iso(at(-1)),
    expiresAt: iso(at(89)),
    ...overrides,
  };
}

/** A card signed with openpgp.js directly, past signMailboxCard's own checks: what a forger or a careless tool could make. */
async function rawCard(payload: unknown, key: openpgp.PrivateKey, options: { date?: Date; signingKeyID?: openpgp.KeyID } = {}) {
  return openpgp.sign({
    message: await openpgp.createMessage({ binary: new TextEncoder().encode(JSON.stringify(payload)), format: 'binary', date: options.date ?? at(-1) }),
    signingKeys: key,
    ...(options.signingKeyID ? { signingKeyIDs: options.signingKeyID } : {}),
    date: options.date ?? at(-1),
  });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'accepted',
    (error: unknown) => (error as { code: string }).code,
  );
}

let provider: openpgp.PrivateKey;
let recipient: RecipientKey;

beforeAll(async () => {
  provider = await makeKey();
  recipient = await recipientOf(provider);
});

describe('signMailboxCard and verifyMailboxCard', () => {
  it('a valid card verifies and says what was signed, fingerprints normalised', async () => {
    const card = cardFor(provider, { encryptionKeys: [fingerprintOf(provider.subkeys[0]!).toUpperCase().replace(/(.{4})/g, '$1 ')] });
    const armored = await signMailboxCard(card, provider, { date: at(-1) });
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    const verified = await verifyMailboxCard(armored, recipient, { mailbox: MAILBOX, date: NOW });
    expect(verified).toEqual({ ...card, encryptionKeys: [fingerprintOf(provider.subkeys[0]!)] });
    // The signed payload is readable JSON, signed by the primary key.
    const message = await openpgp.readMessage({ armoredMessage: armored });
    expect(message.getSigningKeyIDs().map((id) => id.toHex())).toEqual([provider.getKeyID().toHex()]);
  });

  it('a tampered payload: card-bad-signature', async () => {
    const armored = await signMailboxCard(cardFor(provider), provider, { date: at(-1) });
    const bytes = await unarmor(armored);
    const text = new TextDecoder('latin1').decode(bytes);
    const at48 = text.indexOf('"responseHours":48');
    expect(at48).toBeGreaterThan(0);
    bytes[at48 + '"responseHours":4'.length] = '9'.charCodeAt(0);
    expect(await codeOf(verifyMailboxCard(armor(bytes), recipient, { mailbox: MAILBOX }))).toBe('card-bad-signature');
  });

  it('signed by a subkey of the pinned key: card-bad-signature', async () => {
    const withSigningSubkey = await makeKey({ subkeys: [{}, { sign: true }] });
    const signingSubkey = withSigningSubkey.subkeys[1]!;
    const armored = await rawCard(cardFor(withSigningSubkey), withSigningSubkey, { signingKeyID: signingSubkey.getKeyID() });
    expect((await openpgp.readMessage({ armoredMessage: armored })).getSigningKeyIDs()[0]!.equals(signingSubkey.getKeyID())).toBe(true);
    expect(await codeOf(verifyMailboxCard(armored, await recipientOf(withSigningSubkey), { mailbox: MAILBOX }))).toBe('card-bad-signature');
  });

  it('signed by another key: card-bad-signature', async () => {
    const other = await makeKey();
    const armored = await rawCard(cardFor(provider), other);
    expect(await codeOf(verifyMailboxCard(armored, recipient, { mailbox: MAILBOX }))).toBe('card-bad-signature');
  });

  it('expired: card-expired', async () => {
    const armored = await signMailboxCard(cardFor(provider, { issuedAt: iso(at(-40)), expiresAt: iso(at(-10)) }), provider, { date: at(-40) });
    expect(await verifyMailboxCard(armored, recipient, { mailbox: MAILBOX, date: at(-11) })).toMatchObject({ mailbox: MAILBOX });
    expect(await codeOf(verifyMailboxCard(armored, recipient, { mailbox: MAILBOX, date: at(-10) }))).toBe('card-expired');
    expect(await codeOf(verifyMailboxCard(armored, recipient, { mailbox: MAILBOX }))).toBe('card-expired');
  });

  it('valid for more than a year: not signed, and refused when signed anyway (card-invalid)', async () => {
    const tooLong = cardFor(provider, { issuedAt: iso(at(-1)), expiresAt: iso(at(366)) });
    await expect(signMailboxCard(tooLong, provider, { date: at(-1) })).rejects.toMatchObject({
      code: 'card-invalid',
      message: expect.stringContaining('at most 366 days later') as unknown,
    });
    expect(await codeOf(verifyMailboxCard(await rawCard(tooLong, provider), recipient, { mailbox: MAILBOX }))).toBe('card-invalid');
  });

  it('issued in the future: card-not-yet-valid beyond 5 minutes of clock skew', async () => {
    const soon = cardFor(provider, { issuedAt: iso(new Date(NOW.getTime() + 4 * 60_000)) });
    expect(await codeOf(verifyMailboxCard(await rawCard(soon, provider, { date: NOW }), recipient, { mailbox: MAILBOX, date: NOW }))).toBe('accepted');
    const later = cardFor(provider, { issuedAt: iso(new Date(NOW.getTime() + 6 * 60_000)) });
    expect(await codeOf(verifyMailboxCard(await rawCard(later, provider, { date: NOW }), recipient, { mailbox: MAILBOX, date: NOW }))).toBe('card-not-yet-valid');
  });

  it('for another mailbox: card-wrong-mailbox', async () => {
    const armored = await signMailboxCard(cardFor(provider, { mailbox: 'ander-bedrijf' }), provider, { date: at(-1) });
    expect(await codeOf(verifyMailboxCard(armored, recipient, { mailbox: MAILBOX }))).toBe('card-wrong-mailbox');
  });

  it('naming a subkey the key lacks, or the signing primary: card-key-unusable, and signMailboxCard refuses to make it', async () => {
    const other = await makeKey();
    for (const encryptionKeys of [[fingerprintOf(other.subkeys[0]!)], [fingerprintOf(provider)], [fingerprintOf(provider.subkeys[0]!), 'ab'.repeat(20)]]) {
      const card = cardFor(provider, { encryptionKeys });
      await expect(signMailboxCard(card, provider, { date: at(-1) })).rejects.toMatchObject({ code: 'card-key-unusable' });
      expect(await codeOf(verifyMailboxCard(await rawCard(card, provider), recipient, { mailbox: MAILBOX }))).toBe('card-key-unusable');
    }
  });

  it('what is not a signed card: card-invalid, and the error never repeats what it was given', async () => {
    const hostile = '\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u202e';
    const encrypted = await openpgp.encrypt({ message: await openpgp.createMessage({ text: '{}' }), encryptionKeys: recipient.key });
    const literal = (await openpgp.createMessage({ text: JSON.stringify(cardFor(provider)) })).armor();
    const notJson = await rawCard('geen kaart', provider);
    const hostileCard = await rawCard({ ...cardFor(provider), displayName: hostile, [hostile]: hostile }, provider);
    for (const armored of [hostile, `-----BEGIN PGP MESSAGE-----\n\n${hostile}\n-----END PGP MESSAGE-----`, encrypted, literal, notJson, hostileCard, 'x'.repeat(20_000)]) {
      const error = (await verifyMailboxCard(armored, recipient, { mailbox: MAILBOX }).catch((e: unknown) => e)) as Error & { code: string };
      expect(error).toMatchObject({ code: 'card-invalid' });
      expect(error.message).not.toMatch(/[\u001b\u0007\u202e]|52;c|ZXZpbA|geen kaart/);
    }
  });
});

describe('subkey rotation with the primary key offline, and what a relay can try', () => {
  const ROTATION = at(-10);
  let before: openpgp.PrivateKey; // the key before rotation: primary + old encryption subkey
  let after: openpgp.PrivateKey; // after: old subkey revoked, new one added
  let oldId: string;
  let newId: string;
  let oldCard: string; // names the old subkey; expired
  let newCard: string; // names the new subkey
  let request: Awaited<ReturnType<typeof validRequest>>;

  beforeAll(async () => {
    request = await validRequest({ message: 'Na de sleutelwissel.' });
    before = await makeKey();
    oldCard = await signMailboxCard(cardFor(before, { issuedAt: iso(at(-200)), expiresAt: iso(at(-20)) }), before, { date: at(-200) });
    // The procedure, done where the primary key is kept (offline): add an encryption subkey,
    // revoke the old one as superseded, sign a card that names only the new one.
    const copy = await openpgp.readPrivateKey({ binaryKey: before.write() });
    after = await copy.addSubkey({ date: ROTATION });
    after.subkeys[0] = await after.subkeys[0]!.revoke(secretPrimary(after), { flag: openpgp.enums.reasonForRevocation.keySuperseded }, ROTATION);
    oldId = after.subkeys[0].getKeyID().toHex();
    newId = after.subkeys[1]!.getKeyID().toHex();
    newCard = await signMailboxCard(
      cardFor(after, { encryptionKeys: [fingerprintOf(after.subkeys[1]!)], issuedAt: iso(ROTATION), expiresAt: iso(at(80)) }),
      after,
      { date: ROTATION },
    );
  });

  it('after rotation, a request goes only to the new subkey and decrypts with it alone', async () => {
    const served = await recipientOf(after);
    expect(served.encryptionKeyIds).toEqual([newId]);
    const found = await newestValidCard([oldCard, newCard], [served], { mailbox: MAILBOX });
    expect(found?.card.encryptionKeys).toEqual([fingerprintOf(after.subkeys[1]!)]);
    const armored = await encryptRequest(request, [served], { encryptionKeys: found!.card.encryptionKeys });
    expect(inspectCiphertext(armored).recipientKeyIds).toEqual([newId]);
    // A counsellor's laptop holds the subkey only: the primary's secret is a gnu-dummy stub.
    const laptop = await openpgp.readPrivateKey({ binaryKey: after.write() });
    secretPrimary(laptop).makeDummy();
    laptop.subkeys = laptop.subkeys.filter((subkey) => subkey.getKeyID().toHex() === newId);
    const reread = await openpgp.readPrivateKey({ armoredKey: laptop.armor() });
    expect(secretPrimary(reread).isDummy()).toBe(true);
    expect(await decryptRequest(armored, [reread])).toEqual({ ...request, hrNotice: 'anonymous' });
    // The old subkey (a laptop from before the rotation) cannot read it.
    const oldLaptop = await openpgp.readPrivateKey({ binaryKey: before.write() });
    secretPrimary(oldLaptop).makeDummy();
    expect(await codeOf(decryptRequest(armored, [oldLaptop]))).toBe('wrong-recipient');
  });

  it('attack 1: the relay strips the old subkey\'s revocation; the card still sends only to the new subkey', async () => {
    const stripped = await openpgp.readKey({ binaryKey: after.toPublic().write() });
    stripped.subkeys[0]!.revocationSignatures = [];
    const served = await readRecipientKey(stripped.armor());
    // Without the revocation, the old subkey looks usable again...
    expect(served.encryptionKeyIds).toContain(oldId);
    // ...but the newest card names only the new one, and that is all that is encrypted to.
    const found = await newestValidCard([newCard, oldCard], [served], { mailbox: MAILBOX });
    expect(found?.key).toBe(served);
    const armored = await encryptRequest(request, [served], { encryptionKeys: found!.card.encryptionKeys });
    expect(inspectCiphertext(armored).recipientKeyIds).toEqual([newId]);
  });

  it('attack 2: the relay serves the old key version; with the newest card it fails closed, with an expired old card there is no valid card', async () => {
    const served = await recipientOf(before);
    expect(served.encryptionKeyIds).toEqual([oldId]);
    expect(await codeOf(verifyMailboxCard(newCard, served, { mailbox: MAILBOX }))).toBe('card-key-unusable');
    expect(await newestValidCard([newCard], [served], { mailbox: MAILBOX })).toBeNull();
    expect(await newestValidCard([oldCard, newCard], [served], { mailbox: MAILBOX })).toBeNull();
    expect(await codeOf(verifyMailboxCard(oldCard, served, { mailbox: MAILBOX }))).toBe('card-expired');
    // And encrypting to the new card's keys with the old key version sends nothing.
    const newCardKeys = [fingerprintOf(after.subkeys[1]!)];
    await expect(encryptRequest(request, [served], { encryptionKeys: newCardKeys })).rejects.toMatchObject({ code: 'card-key-unusable' });
  });

  it('a card naming the revoked old subkey no longer verifies against the key with its revocation', async () => {
    const card = await rawCard(cardFor(after, { encryptionKeys: [fingerprintOf(after.subkeys[0]!)] }), after);
    expect(await codeOf(verifyMailboxCard(card, await recipientOf(after), { mailbox: MAILBOX }))).toBe('card-key-unusable');
    await expect(
      encryptRequest(request, [await recipientOf(after)], { encryptionKeys: [fingerprintOf(after.subkeys[0]!)] }),
    ).rejects.toMatchObject({ code: 'card-key-unusable' });
  });
});

describe('newestValidCard', () => {
  it('picks the valid card with the newest issuedAt across the pinned keys, skipping invalid ones', async () => {
    const second = await makeKey();
    const secondRecipient = await recipientOf(second);
    const older = await signMailboxCard(cardFor(provider, { issuedAt: iso(at(-30)) }), provider, { date: at(-30) });
    const newer = await signMailboxCard(cardFor(second, { issuedAt: iso(at(-2)), responseHours: 24 }), second, { date: at(-2) });
    const forged = await rawCard(cardFor(provider, { issuedAt: iso(at(-1)) }), await makeKey());
    const otherMailbox = await signMailboxCard(cardFor(provider, { mailbox: 'ander-bedrijf', issuedAt: iso(at(-1)) }), provider, { date: at(-1) });
    const found = await newestValidCard([older, forged, newer, otherMailbox, 'geen kaart'], [recipient, secondRecipient], { mailbox: MAILBOX });
    expect(found?.key).toBe(secondRecipient);
    expect(found?.card.responseHours).toBe(24);
    expect((await newestValidCard([older, forged], [recipient, secondRecipient], { mailbox: MAILBOX }))?.key).toBe(recipient);
    expect(await newestValidCard([forged, otherMailbox], [recipient], { mailbox: MAILBOX })).toBeNull();
    expect(await newestValidCard([], [recipient], { mailbox: MAILBOX })).toBeNull();
  });
});

describe('encryptRequest with encryptionKeys', () => {
  it('encrypts to exactly the named (sub)keys, two of one key included, and behaves as before without them', async () => {
    const twoSubkeys = await makeKey({ subkeys: [{}, {}] });
    const served = await recipientOf(twoSubkeys);
    const request = await validRequest();
    const [a, b] = twoSubkeys.subkeys.map((subkey) => subkey.getKeyID().toHex());
    const both = await encryptRequest(request, [served, recipient], { encryptionKeys: twoSubkeys.subkeys.map(fingerprintOf) });
    expect(inspectCiphertext(both).recipientKeyIds).toEqual([a, b]);
    const plain = await encryptRequest(request, [served, recipient]);
    expect(inspectCiphertext(plain).recipientKeyIds).toHaveLength(2);
    expect(inspectCiphertext(plain).recipientKeyIds[1]).toBe(recipient.encryptionKeyIds[0]);
    await expect(encryptRequest(request, [served], { encryptionKeys: [] })).rejects.toMatchObject({ code: 'no-recipients' });
    await expect(encryptRequest(request, [served], { encryptionKeys: ['\u001b[2J'] })).rejects.toMatchObject({
      code: 'card-key-unusable',
      message: expect.not.stringContaining('\u001b') as unknown,
    });
  });
});
