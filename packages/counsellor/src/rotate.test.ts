// vp-counsellor rotate, through the real command: a new encryption subkey, the old ones revoked,
// the primary key (and so every embed code's fingerprint) unchanged; the laptop file holds only
// the new subkey, reads new requests (also in GnuPG) and is refused as a key that signs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecipientKey, encryptRequest, inspectCiphertext, normalizeFingerprint, readPrivateKey, verifyMailboxCard } from '@vp-contact/protocol';
import { Gpg, PASSPHRASE, tempDir, validRequest } from '@vp-contact/test-kit';
import { runCli, writeSecret } from './test-support/fixtures.js';

const temp = tempDir('vp-rotate-');
const dir = temp.dir;
const env = { VP_PASSPHRASE: PASSPHRASE };
const CONTACT = ['--name', 'Vertrouwenspersonen Voorbeeld', '--email', 'vp@voorbeeld.example'];
let original: string;
let primary: string;
let oldSubkey: string;

const keyIdOf = (fingerprint: string) => fingerprint.slice(-16);

beforeAll(async () => {
  const made = await runCli(['keygen', '--name', 'Vertrouwenspersonen Voorbeeld', '--email', 'vp@voorbeeld.example', '--out', join(dir, 'key')], { env });
  expect(made.code).toBe(0);
  original = join(dir, 'key', 'private.asc');
  const key = await openpgp.readKey({ armoredKey: readFileSync(join(dir, 'key', 'public.asc'), 'utf8') });
  primary = normalizeFingerprint(key.getFingerprint());
  oldSubkey = normalizeFingerprint(key.getSubkeys()[0]!.getFingerprint());
});

afterAll(() => temp.remove());

describe('vp-counsellor rotate', () => {
  it('adds a subkey and revokes the old one; the laptop file reads only what the new card sends, in vp-counsellor and in gpg', async () => {
    const out = join(dir, 'rotated');
    const result = await runCli(['rotate', '--key', original, '--out', out], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const publicKey = readFileSync(join(out, 'public.asc'), 'utf8');
    // The same primary key: the embed codes' pin still matches.
    const served = await checkRecipientKey(publicKey, [primary]);
    const subkeys = served.key.getSubkeys().map((k) => normalizeFingerprint(k.getFingerprint()));
    expect(subkeys[0]).toBe(oldSubkey);
    const newSubkey = subkeys[1]!;
    expect(served.encryptionKeyIds).toEqual([keyIdOf(newSubkey)]);
    const revocation = served.key.getSubkeys()[0]!.revocationSignatures[0]!;
    expect(revocation.reasonForRevocationFlag).toBe(openpgp.enums.reasonForRevocation.keySuperseded);
    expect(result.stdout).toContain(newSubkey.toUpperCase().replace(/(.{4})/g, '$1 ').trim());
    expect(result.stdout).toContain(`vp-counsellor card --key ${join(out, 'private.asc')} --subkey ${newSubkey}`);

    // The files: the full key and the laptop copies locked with the same passphrase, 0600.
    for (const file of ['private.asc', 'laptop-key.asc', 'transition-key.asc']) {
      await expect(readPrivateKey(readFileSync(join(out, file), 'utf8'))).rejects.toMatchObject({ code: 'wrong-passphrase' });
      expect(statSync(join(out, file)).mode & 0o777).toBe(0o600);
    }
    const laptop = await readPrivateKey(readFileSync(join(out, 'laptop-key.asc'), 'utf8'), PASSPHRASE);
    expect((laptop.keyPacket as openpgp.SecretKeyPacket).isDummy()).toBe(true);
    expect(laptop.getSubkeys().map((k) => normalizeFingerprint(k.getFingerprint()))).toEqual([newSubkey]);

    // The new card, signed with the updated key, names only the new subkey.
    const cardFile = join(dir, 'card.asc');
    const card = await runCli(['card', '--key', join(out, 'private.asc'), '--subkey', newSubkey, '--mailbox', 'voorbeeld', ...CONTACT, '--out', cardFile], { env });
    expect(card.code).toBe(0);
    const verified = await verifyMailboxCard(readFileSync(cardFile, 'utf8'), served, { mailbox: 'voorbeeld' });
    expect(verified.encryptionKeys).toEqual([newSubkey]);

    // A request before the change (to the old subkey) and one after (to the card's keys).
    const oldRequest = await validRequest({ message: 'Voor de wissel.' });
    const oldServed = await checkRecipientKey(readFileSync(join(dir, 'key', 'public.asc'), 'utf8'), [primary]);
    const oldCiphertext = await encryptRequest(oldRequest, [oldServed]);
    const newRequest = await validRequest({ message: 'Na de wissel.' });
    const newCiphertext = await encryptRequest(newRequest, [served], { encryptionKeys: verified.encryptionKeys });
    expect(inspectCiphertext(newCiphertext).recipientKeyIds).toEqual([keyIdOf(newSubkey)]);

    const decrypt = (key: string, input: string) => runCli(['decrypt', '--key', join(out, key)], { env, input });
    expect(JSON.parse((await decrypt('laptop-key.asc', newCiphertext)).stdout)).toEqual({ ...newRequest, hrNotice: 'anonymous' });
    expect((await decrypt('laptop-key.asc', oldCiphertext)).code).toBe(1);
    expect(JSON.parse((await decrypt('transition-key.asc', oldCiphertext)).stdout)).toEqual({ ...oldRequest, hrNotice: 'anonymous' });
    expect(JSON.parse((await decrypt('transition-key.asc', newCiphertext)).stdout)).toEqual({ ...newRequest, hrNotice: 'anonymous' });
    // The key from before the change (a lost laptop) cannot read the new request.
    const lost = await runCli(['decrypt', '--key', original], { env, input: newCiphertext });
    expect(lost.code).toBe(1);
    expect(lost.stderr).toMatch(/not to this private key/);

    // GnuPG imports the laptop file (no primary secret: sec#) and decrypts with it.
    const gpg = new Gpg();
    try {
      gpg.run(['--import', join(out, 'laptop-key.asc')], { passphrase: PASSPHRASE });
      expect(gpg.run(['--with-colons', '--list-secret-keys'])).toMatch(/^sec:.*?:#:/m);
      expect(JSON.parse(gpg.run(['--decrypt'], { input: newCiphertext, passphrase: PASSPHRASE }).trim())).toEqual({ ...newRequest, hrNotice: 'anonymous' });
    } finally {
      gpg.dispose();
    }

    // The laptop file cannot change subkeys or sign cards.
    const again = await runCli(['rotate', '--key', join(out, 'laptop-key.asc'), '--out', join(dir, 'from-laptop')], { env });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vp-counsellor rotate: error: This key file holds no secret of the primary key/)]);
    expect(existsSync(join(dir, 'from-laptop'))).toBe(false);
  });

  it('--reason compromised marks the revocation so, and a second rotation revokes the subkey of the first', async () => {
    const first = join(dir, 'first');
    expect((await runCli(['rotate', '--key', original, '--out', first, '--reason', 'compromised', '--valid-years', '1'], { env })).code).toBe(0);
    const key = await openpgp.readKey({ armoredKey: readFileSync(join(first, 'public.asc'), 'utf8') });
    expect(key.getSubkeys()[0]!.revocationSignatures[0]!.reasonForRevocationFlag).toBe(openpgp.enums.reasonForRevocation.keyCompromised);
    const expires = (await key.getSubkeys()[1]!.getExpirationTime()) as Date;
    expect(Math.round((expires.getTime() - Date.now()) / 86_400_000)).toBe(365);

    // A card that outlives the new subkey says so: from then on it is not valid.
    const newSubkey = normalizeFingerprint(key.getSubkeys()[1]!.getFingerprint());
    const long = await runCli(
      ['card', '--key', join(first, 'private.asc'), '--subkey', newSubkey, '--mailbox', 'voorbeeld', ...CONTACT, '--valid-days', '366', '--out', join(dir, 'long.asc')],
      { env },
    );
    expect(long.code).toBe(0);
    expect(long.stdout).toContain(`Warning: the key or a subkey it names expires on ${expires.toISOString().slice(0, 10)}, before the card`);
    const short = await runCli(
      ['card', '--key', join(first, 'private.asc'), '--subkey', newSubkey, '--mailbox', 'voorbeeld', ...CONTACT, '--valid-days', '90', '--out', join(dir, 'short.asc')],
      { env },
    );
    expect(short.code).toBe(0);
    expect(short.stdout).not.toContain('Warning');

    const second = join(dir, 'second');
    const dutch = await runCli(['rotate', '--key', join(first, 'private.asc'), '--out', second, '--lang', 'nl'], { env });
    expect(dutch.code).toBe(0);
    expect(dutch.stdout).toMatch(/^Nieuwe versleutelsubsleutel toegevoegd: /);
    expect(dutch.stdout).toContain('Volgende stap: onderteken voor elke mailbox een nieuwe kaart');
    const served = await checkRecipientKey(readFileSync(join(second, 'public.asc'), 'utf8'), [primary]);
    const third = normalizeFingerprint(served.key.getSubkeys()[2]!.getFingerprint());
    expect(served.encryptionKeyIds).toEqual([keyIdOf(third)]);
  });

  it('refuses wrong usage (exit 2, before the passphrase), a wrong passphrase and an existing file (exit 1), and writes nothing', async () => {
    const out = join(dir, 'never');
    const usageCases: [string[], RegExp][] = [
      [['rotate', '--out', out], /--key is needed/],
      [['rotate', '--key', original], /--out is needed/],
      [['rotate', '--key', original, '--out', out, '--reason', 'lost'], /--reason must be superseded or compromised/],
      [['rotate', '--key', original, '--out', out, '--valid-years', '11'], /--valid-years must be a whole number of years from 1 to 10/],
      [['rotate', '--key', original, '--out', out, '--valid-years', 'twee'], /--valid-years must be/],
    ];
    for (const [args, message] of usageCases) {
      const result = await runCli(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    }
    const wrong = writeSecret(join(dir, 'wrong-passphrase'), 'not the passphrase at all\n');
    const refused = await runCli(['rotate', '--key', original, '--out', out, '--passphrase-file', wrong]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The passphrase does not unlock the private key/);
    expect(existsSync(out)).toBe(false);

    const taken = join(dir, 'taken');
    expect((await runCli(['rotate', '--key', original, '--out', taken], { env })).code).toBe(0);
    const before = Object.fromEntries(readdirSync(taken).map((f) => [f, readFileSync(join(taken, f), 'utf8')]));
    const twice = await runCli(['rotate', '--key', original, '--out', taken], { env });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already exists; a key is never overwritten/);
    expect(Object.fromEntries(readdirSync(taken).map((f) => [f, readFileSync(join(taken, f), 'utf8')]))).toEqual(before);
  });
});
