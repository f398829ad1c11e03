// vp-counsellor card, through the real command: a card it makes verifies with the protocol's
// verifyMailboxCard and with GnuPG; every bad input is refused with one line, exit 2 (usage) or 1
// (the key), and writes nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRecipientKey, normalizeFingerprint, verifyMailboxCard, type RecipientKey } from '@vp-contact/protocol';
import { Gpg } from './test-support/gpg.js';
import { PASSPHRASE, runCli, tempDir, writeSecret } from './test-support/fixtures.js';

const temp = tempDir('vp-card-');
const dir = temp.dir;
const env = { VP_PASSPHRASE: PASSPHRASE };
let keyFile: string;
let publicKey: string;
let fingerprint: string;
let subkeyFingerprint: string;
let recipient: RecipientKey;

const CONTACT = ['--name', 'Vertrouwenspersonen Voorbeeld', '--phone', '+31 20 000 0000', '--email', 'vp@voorbeeld.example'];
const cardArgs = (out: string, ...more: string[]) => ['card', '--key', keyFile, '--mailbox', 'voorbeeld', ...CONTACT, '--out', out, ...more];

/** Writes an unprotected private key, changed by `change`, and returns its file. */
async function variantKey(file: string, change: (key: openpgp.PrivateKey) => Promise<openpgp.PrivateKey>): Promise<string> {
  const unlocked = await openpgp.decryptKey({ privateKey: await openpgp.readPrivateKey({ armoredKey: readFileSync(keyFile, 'utf8') }), passphrase: PASSPHRASE });
  return writeSecret(join(dir, file), (await change(unlocked)).armor());
}

beforeAll(async () => {
  const made = await runCli(['keygen', '--name', 'Vertrouwenspersonen Voorbeeld', '--email', 'vp@voorbeeld.example', '--out', join(dir, 'key')], { env });
  expect(made.code).toBe(0);
  keyFile = join(dir, 'key', 'private.asc');
  publicKey = readFileSync(join(dir, 'key', 'public.asc'), 'utf8');
  const key = await openpgp.readKey({ armoredKey: publicKey });
  fingerprint = normalizeFingerprint(key.getFingerprint());
  subkeyFingerprint = normalizeFingerprint(key.getSubkeys()[0]!.getFingerprint());
  recipient = await checkRecipientKey(publicKey, [fingerprint]);
});

afterAll(() => temp.remove());

describe('vp-counsellor card', () => {
  it('signs a card that verifies for the pinned key, naming the key\'s encryption subkey, and says where it goes', async () => {
    const out = join(dir, 'card.asc');
    const result = await runCli(cardArgs(out, '--response-hours', '24', '--valid-days', '90'), { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const card = await verifyMailboxCard(readFileSync(out, 'utf8'), recipient, { mailbox: 'voorbeeld' });
    expect(card).toMatchObject({
      version: 1,
      mailbox: 'voorbeeld',
      displayName: 'Vertrouwenspersonen Voorbeeld',
      contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
      responseHours: 24,
      encryptionKeys: [subkeyFingerprint],
    });
    const days = (Date.parse(card.expiresAt) - Date.parse(card.issuedAt)) / 86_400_000;
    expect(days).toBe(90);
    expect(Math.abs(Date.parse(card.issuedAt) - Date.now())).toBeLessThan(10 * 60_000);
    const spaced = subkeyFingerprint.toUpperCase().replace(/(.{4})/g, '$1 ').trim();
    expect(result.stdout).toContain('Signed a mailbox card for mailbox "voorbeeld"');
    expect(result.stdout).toContain(`Encrypts to     ${spaced}`);
    expect(result.stdout).toContain(`Valid until     ${card.expiresAt.slice(0, 10)}`);
    expect(result.stdout).toContain('  "cards": ["keys/card.asc"]');
    expect(result.stdout).toContain('restart the relay');
  });

  it('with defaults: 48 hours, 365 days; in Dutch with --lang nl', async () => {
    const out = join(dir, 'card-nl.asc');
    const result = await runCli([...cardArgs(out), '--lang', 'nl'], { env });
    expect(result.code).toBe(0);
    const card = await verifyMailboxCard(readFileSync(out, 'utf8'), recipient, { mailbox: 'voorbeeld' });
    expect(card.responseHours).toBe(48);
    expect((Date.parse(card.expiresAt) - Date.parse(card.issuedAt)) / 86_400_000).toBe(365);
    expect(result.stdout).toContain('Mailboxkaart voor mailbox "voorbeeld" ondertekend');
    expect(result.stdout).toContain('Herstart daarna de relay');
  });

  it('--counsellor puts the counsellors employees may meet on the card, with region and languages when given', async () => {
    const out = join(dir, 'card-counsellors.asc');
    const result = await runCli(cardArgs(out, '--counsellor', 'Anna de Vries|Noord|nl, en', '--counsellor', 'Sam Jansen', '--counsellor', 'Noor Bakker||en'), { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const card = await verifyMailboxCard(readFileSync(out, 'utf8'), recipient, { mailbox: 'voorbeeld' });
    expect(card.counsellors).toEqual([
      { name: 'Anna de Vries', region: 'Noord', languages: ['nl', 'en'] },
      { name: 'Sam Jansen' },
      { name: 'Noor Bakker', languages: ['en'] },
    ]);
    expect(result.stdout).toContain('Counsellors     Anna de Vries · Noord · nl, en');
  });

  it('GnuPG verifies the card as signed by the primary key, after importing the public key', async () => {
    const out = join(dir, 'card-gpg.asc');
    expect((await runCli(cardArgs(out, '--email', 'vp@voorbeeld.example'), { env })).code).toBe(0);
    const gpg = new Gpg();
    try {
      gpg.run(['--import'], { input: publicKey });
      // Exit 0 only for a good signature; VALIDSIG names the signing key, then the primary.
      const status = gpg.run(['--status-fd', '1', '--verify', out]);
      const validsig = status.split('\n').find((line) => line.startsWith('[GNUPG:] VALIDSIG '))!.split(' ');
      expect(validsig[2]!.toLowerCase()).toBe(fingerprint);
      expect(validsig.at(-1)!.toLowerCase()).toBe(fingerprint);
      // And the signed content is the card as JSON.
      const content = JSON.parse(gpg.run(['--decrypt', out]));
      expect(content.encryptionKeys).toEqual([subkeyFingerprint]);
    } finally {
      gpg.dispose();
    }
  });

  it('--subkey names exactly the subkeys given (any case, spaces allowed)', async () => {
    const { key: rotatedFile, newSubkey } = await (async () => {
      let newSubkey = '';
      const key = await variantKey('two-subkeys.asc', async (k) => {
        const added = await k.addSubkey({ type: 'ecc', curve: 'curve25519Legacy' });
        newSubkey = normalizeFingerprint(added.getSubkeys()[1]!.getFingerprint());
        return added;
      });
      return { key, newSubkey };
    })();
    const both = join(dir, 'card-both.asc');
    const onlyNew = join(dir, 'card-new.asc');
    const all = await runCli(['card', '--key', rotatedFile, '--mailbox', 'voorbeeld', ...CONTACT, '--out', both]);
    expect(all.code).toBe(0);
    const spacedUpper = newSubkey.toUpperCase().replace(/(.{4})/g, '$1 ');
    const one = await runCli(['card', '--key', rotatedFile, '--mailbox', 'voorbeeld', ...CONTACT, '--out', onlyNew, '--subkey', spacedUpper]);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const served = await checkRecipientKey((await openpgp.readPrivateKey({ armoredKey: readFileSync(rotatedFile, 'utf8') })).toPublic().armor(), [fingerprint]);
    expect((await verifyMailboxCard(readFileSync(both, 'utf8'), served, { mailbox: 'voorbeeld' })).encryptionKeys).toEqual([subkeyFingerprint, newSubkey]);
    expect((await verifyMailboxCard(readFileSync(onlyNew, 'utf8'), served, { mailbox: 'voorbeeld' })).encryptionKeys).toEqual([newSubkey]);
  });

  it('refuses wrong usage with exit 2 and one line naming the option, before asking for the passphrase, and writes nothing', async () => {
    const out = join(dir, 'never.asc');
    const base = ['card', '--key', keyFile, '--out', out];
    const cases: [string[], RegExp][] = [
      [['card', '--mailbox', 'voorbeeld', ...CONTACT, '--out', out], /--key is needed/],
      [[...base, ...CONTACT], /--mailbox is needed/],
      [[...base, '--mailbox', 'Voorbeeld BV', ...CONTACT], /--mailbox is needed: the mailbox id, 1 to 64 lower-case/],
      [[...base, '--mailbox', 'voorbeeld', '--phone', '+31 20 000 0000'], /--name is needed/],
      [[...base, '--mailbox', 'voorbeeld', '--name', 'VP\u001b]52;c;ZXZpbA==\u0007', '--phone', '+31 20 000 0000'], /--name is needed: .*without control characters/],
      [[...base, '--mailbox', 'voorbeeld', '--name', 'VP', '--phone', 'bel ons'], /--phone must be a phone number/],
      [[...base, '--mailbox', 'voorbeeld', '--name', 'VP', '--email', 'geen-adres'], /--email must be an e-mail address/],
      [[...base, '--mailbox', 'voorbeeld', '--name', 'VP'], /Give --phone or --email/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--response-hours', '0'], /--response-hours must be a whole number of hours, at least 1/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--response-hours', '721'], /--response-hours must be a whole number of hours from 1 to 720/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--response-hours', '1.5'], /--response-hours must be a whole number of hours/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--valid-days', '367'], /--valid-days must be a whole number of days from 1 to 366/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--valid-days', '0'], /--valid-days must be/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--subkey', subkeyFingerprint, '--subkey', 'abc'], /--subkey number 2 is not a fingerprint/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--counsellor', 'Anna', '--counsellor', '|Noord'], /--counsellor number 2 must be "Name\|Region\|nl,en"/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--counsellor', 'Anna|Noord|Nederlands'], /--counsellor number 1 must be/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--counsellor', 'Anna\u202e|Noord'], /--counsellor number 1 must be/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--counsellor', 'Anna|Noord|nl|extra'], /--counsellor number 1 must be/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, ...Array.from({ length: 21 }, (_, i) => ['--counsellor', `VP ${i}`]).flat()], /--counsellor number 21 must be/],
      [['card', '--key', keyFile, '--mailbox', 'voorbeeld', ...CONTACT], /--out is needed/],
      [[...base, '--mailbox', 'voorbeeld', ...CONTACT, '--valid'], /Unknown option '--valid'/],
    ];
    for (const [args, message] of cases) {
      // No passphrase anywhere and no terminal: asking for it would fail with exit 1.
      const result = await runCli(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^vp-counsellor card: usage error: /);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).not.toMatch(/[\u001b\u0007]|ZXZpbA/);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
    const dutch = await runCli([...base, '--mailbox', 'voorbeeld', ...CONTACT, '--valid-days', '400', '--lang', 'nl']);
    expect(dutch.code).toBe(2);
    expect(dutch.stderr).toMatch(/--valid-days moet een heel aantal dagen zijn, van 1 tot 366/);
  });

  it('refuses a key that cannot make the card with exit 1 and one line, and writes nothing', async () => {
    const out = join(dir, 'never.asc');
    const fresh = [
      'card', '--mailbox', 'voorbeeld', ...CONTACT, '--out', out,
    ];
    const wrongPassphrase = writeSecret(join(dir, 'wrong-passphrase'), 'not the passphrase at all\n');
    const laptop = await variantKey('laptop.asc', async (k) => {
      (k.keyPacket as openpgp.SecretKeyPacket).makeDummy();
      return openpgp.readPrivateKey({ binaryKey: k.write() });
    });
    const revokedSubkey = await variantKey('revoked-subkey.asc', async (k) => {
      k.subkeys[0] = await k.subkeys[0]!.revoke(k.keyPacket as openpgp.SecretKeyPacket, { flag: openpgp.enums.reasonForRevocation.keySuperseded });
      return k;
    });
    const revokedPrimary = await variantKey('revoked-primary.asc', async (k) =>
      (await openpgp.revokeKey({ key: k, format: 'object' })).privateKey,
    );
    const cases: [string[], RegExp][] = [
      [[...fresh, '--key', keyFile, '--passphrase-file', wrongPassphrase], /The passphrase does not unlock the private key/],
      [[...fresh, '--key', join(dir, 'missing.asc')], /could not be read/],
      [[...fresh, '--key', writeSecret(join(dir, 'public-only.asc'), publicKey)], /This is a public key/],
      [[...fresh, '--key', laptop], /holds no secret of the primary key/],
      [[...fresh, '--key', revokedSubkey], /no subkey that can encrypt now/],
      [[...fresh, '--key', revokedSubkey, '--subkey', subkeyFingerprint], new RegExp(`--subkey ${subkeyFingerprint.toUpperCase()} cannot encrypt now`)],
      [[...fresh, '--key', keyFile, '--subkey', 'ab'.repeat(20)], new RegExp(`--subkey ${'AB'.repeat(20)} is not a subkey of this key`)],
      [[...fresh, '--key', revokedPrimary], /The primary key cannot sign now/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { env });
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      const lines = result.stderr.trim().split('\n');
      expect({ args, lines }).toEqual({ args, lines: [expect.any(String)] });
      expect(lines[0]).toMatch(/^vp-counsellor card: error: /);
      expect(lines[0]).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('replaces an older card only with --replace, and never a file that is not a card', async () => {
    const out = join(dir, 'renewed.asc');
    expect((await runCli(cardArgs(out, '--valid-days', '30'), { env })).code).toBe(0);
    const first = readFileSync(out, 'utf8');
    const again = await runCli(cardArgs(out), { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; add --replace/);
    expect(readFileSync(out, 'utf8')).toBe(first);
    const replaced = await runCli(cardArgs(out, '--replace'), { env });
    expect(replaced.code).toBe(0);
    const card = await verifyMailboxCard(readFileSync(out, 'utf8'), recipient, { mailbox: 'voorbeeld' });
    expect((Date.parse(card.expiresAt) - Date.parse(card.issuedAt)) / 86_400_000).toBe(365);

    const notACard = join(dir, 'key', 'private.asc');
    const before = readFileSync(notACard, 'utf8');
    const refused = await runCli([...cardArgs(notACard), '--replace'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not a mailbox card, and only a card is ever replaced/);
    expect(readFileSync(notACard, 'utf8')).toBe(before);
  });
});

describe('keygen', () => {
  it('tells the next step: sign a card with the new key', async () => {
    const out = join(dir, 'next-key');
    const result = await runCli(['keygen', '--name', 'VP', '--email', 'vp@voorbeeld.example', '--out', out], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`vp-counsellor card --key ${join(out, 'private.asc')} --mailbox ID`);
  });
});
