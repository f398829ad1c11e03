// The vp-counsellor command without a relay: keygen, token, decrypt, and list/show over an inbox
// filled with requests made by encryptRequest, as pull would leave it.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as openpgp from 'openpgp';
import { checkRecipientKey, hashToken, readPrivateKey } from '@vp-contact/protocol';
import { Inbox } from './inbox.js';
import { Gpg } from './test-support/gpg.js';
import { PASSPHRASE, encryptFor, makeKeyPair, runCli, tempDir, writeSecret, type KeyPair } from './test-support/fixtures.js';

const temp = tempDir();
const dir = temp.dir;
let provider: KeyPair;
let keyFile: string;
let passphraseFile: string;
let inboxDir: string;
const sent: Awaited<ReturnType<typeof encryptFor>>[] = [];

beforeAll(async () => {
  provider = await makeKeyPair();
  keyFile = writeSecret(join(dir, 'private.asc'), provider.privateKey);
  passphraseFile = writeSecret(join(dir, 'passphrase'), `${PASSPHRASE}\n`);
  inboxDir = join(dir, 'inbox');
  const inbox = await Inbox.open(inboxDir, { create: true });
  sent.push(
    await encryptFor(provider.recipient, {
      name: 'Sam de Vries',
      contact: { phone: '+31 20 000 0000', email: 'sam@voorbeeld.example', preferredTimes: 'na 17:00', voicemailAllowed: false, textMessagesAllowed: true },
      topics: ['bullying', 'discrimination'],
      meeting: 'outside-work',
      message: 'Mijn leidinggevende maakt grappen over mij.\nIk wil eerst alleen praten.',
      urgent: true,
      hrNotice: 'named',
    }),
    await encryptFor(provider.recipient, { contact: { email: 'iemand@voorbeeld.example' } }),
  );
  const now = Date.now();
  await inbox.store([
    { id: 'older', receivedAt: new Date(now - 50 * 3_600_000).toISOString(), ciphertext: sent[0]!.ciphertext },
    { id: 'newer', receivedAt: new Date(now - 2 * 3_600_000 - 60_000).toISOString(), ciphertext: sent[1]!.ciphertext },
  ]);
});

afterAll(() => temp.remove());

const keyArgs = () => ['--inbox', inboxDir, '--key', keyFile, '--passphrase-file', passphraseFile];

describe('keygen', () => {
  it('makes a passphrase-protected ecc key that encrypts and decrypts, and never overwrites it', async () => {
    const out = join(dir, 'keys');
    const result = await runCli(['keygen', '--name', 'Vertrouwenspersonen Voorbeeld', '--email', 'vp@voorbeeld.example', '--out', out], {
      env: { VP_PASSPHRASE: PASSPHRASE },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(statSync(join(out, 'private.asc')).mode & 0o777).toBe(0o600);
    const publicKey = readFileSync(join(out, 'public.asc'), 'utf8');
    const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
    expect(result.stdout).toContain(`fingerprints="${fingerprint}"`);
    expect(result.stdout).toContain('"publicKeys": ["keys/public.asc"]');
    expect(result.stdout).toContain(`after copying ${join(out, 'public.asc')} to a keys/ folder`);
    const recipient = await checkRecipientKey(publicKey, [fingerprint]);
    const privateKey = readFileSync(join(out, 'private.asc'), 'utf8');
    await expect(readPrivateKey(privateKey)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const unlocked = await readPrivateKey(privateKey, PASSPHRASE);
    expect(unlocked.getAlgorithmInfo().algorithm).toBe('eddsaLegacy');
    const { ciphertext, request } = await encryptFor(recipient);
    const decrypted = await runCli(['decrypt', '--key', join(out, 'private.asc')], { input: ciphertext, env: { VP_PASSPHRASE: PASSPHRASE } });
    expect(JSON.parse(decrypted.stdout)).toEqual({ hrNotice: 'anonymous', ...request });

    const again = await runCli(['keygen', '--name', 'X', '--email', 'x@voorbeeld.example', '--out', out], { env: { VP_PASSPHRASE: 'another long passphrase' } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; a key is never overwritten/);
    expect(readFileSync(join(out, 'private.asc'), 'utf8')).toBe(privateKey);
  });

  it('refuses a short passphrase, a missing one without a terminal, and missing options', async () => {
    const out = join(dir, 'keys-refused');
    const short = await runCli(['keygen', '--name', 'VP', '--email', 'vp@voorbeeld.example', '--out', out], { env: { VP_PASSPHRASE: 'kort' } });
    expect([short.code, short.stderr]).toEqual([1, expect.stringContaining('at least 12 characters')]);
    const none = await runCli(['keygen', '--name', 'VP', '--email', 'vp@voorbeeld.example', '--out', out]);
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('VP_PASSPHRASE')]);
    const noEmail = await runCli(['keygen', '--name', 'VP', '--out', out], { env: { VP_PASSPHRASE: PASSPHRASE } });
    expect([noEmail.code, noEmail.stderr]).toEqual([2, expect.stringContaining('--email is needed')]);
    expect(existsSync(join(out, 'private.asc'))).toBe(false);
  });
});

describe('token', () => {
  it('prints a new token once and the sha256 line that matches it', async () => {
    const result = await runCli(['token']);
    expect(result.code).toBe(0);
    const token = /\b(vpt_[A-Za-z0-9_-]{43})\b/.exec(result.stdout)![1]!;
    expect(result.stdout).toContain(`"${await hashToken(token)}"`);
    const other = await runCli(['token']);
    expect(other.stdout).not.toContain(token);
  });

  it('with --out writes it to a new file readable only by the user, and does not print it', async () => {
    const file = join(dir, 'token');
    const result = await runCli(['token', '--out', file]);
    const token = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(result.stdout).not.toContain(token);
    expect(result.stdout).toContain(await hashToken(token));
    const again = await runCli(['token', '--out', file]);
    expect(again.code).toBe(1);
    const dutch = await runCli(['token', '--out', file, '--lang', 'nl']);
    expect(dutch.stderr).toBe(`vp-counsellor token: fout: ${file} bestaat al; een tokenbestand wordt nooit overschreven.\n`);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
  });
});

describe('decrypt', () => {
  it('decrypts a file to JSON', async () => {
    const file = join(dir, 'one.asc');
    writeFileSync(file, sent[0]!.ciphertext);
    const result = await runCli(['decrypt', file, '--key', keyFile, '--passphrase-file', passphraseFile]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(sent[0]!.request);
  });

  it('with a wrong passphrase: exit 1, one clear line, no output', async () => {
    const result = await runCli(['decrypt', '--key', keyFile], { input: sent[0]!.ciphertext, env: { VP_PASSPHRASE: 'not the passphrase' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual(['vp-counsellor decrypt: error: The passphrase does not unlock the private key.']);
  });

  it('a request for another key: exit 1, says so', async () => {
    const other = await makeKeyPair('ander@voorbeeld.example');
    const { ciphertext } = await encryptFor(other.recipient);
    const result = await runCli(['decrypt', '--key', keyFile, '--passphrase-file', passphraseFile], { input: ciphertext });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not to this private key/);
  });

  it('shows the stack only with --debug; wrong usage exits 2', async () => {
    const plain = await runCli(['decrypt', '--key', keyFile, '--passphrase-file', passphraseFile], { input: 'hello' });
    expect(plain.code).toBe(1);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await runCli(['decrypt', '--debug', '--key', keyFile, '--passphrase-file', passphraseFile], { input: 'hello' });
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect((await runCli(['decrypt', 'a', 'b', '--key', keyFile])).code).toBe(2);
    expect((await runCli(['decrypt', '--passphrase', 'x'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('says what is wrong with the usage in Dutch under --lang nl', async () => {
    const missing = await runCli(['list', '--lang', 'nl', '--key', keyFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^vp-counsellor list: verkeerd gebruik: --inbox is nodig \(op de opdrachtregel of in vp-counsellor\.json\)\./);
    const badRelay = await runCli(['pull', '--lang', 'nl', '--relay', 'geen-adres', '--mailbox', 'voorbeeld', '--token-file', keyFile, '--inbox', temp.dir]);
    expect(badRelay.stderr).toMatch(/verkeerd gebruik: Het relay-adres "geen-adres" is geen URL/);
  });

  it('--help on every command: exit 0 with its usage, also beside a broken vp-counsellor.json, in Dutch with --lang nl', async () => {
    const broken = tempDir();
    try {
      writeFileSync(join(broken.dir, 'vp-counsellor.json'), '{ not json');
      for (const command of ['keygen', 'token', 'pull', 'list', 'show', 'decrypt']) {
        const help = await runCli([command, '--help'], { cwd: broken.dir });
        expect({ command, code: help.code, stderr: help.stderr }).toEqual({ command, code: 0, stderr: '' });
        expect(help.stdout).toMatch(new RegExp(`^Usage: vp-counsellor ${command}`));
        const dutch = await runCli([command, '--help', '--lang', 'nl'], { cwd: broken.dir });
        expect(dutch.stdout).toMatch(new RegExp(`^Gebruik: vp-counsellor ${command}`));
      }
    } finally {
      broken.remove();
    }
  });
});

describe('list and show', () => {
  it('list: a table newest first with the hours left of the response time', async () => {
    const result = await runCli(['list', ...keyArgs()]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Received\s+Reference\s+Name\s+How to reach\s+Topics\s+Urgent\s+Time left$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(sent[1]!.request.reference);
    expect(lines[2]).toContain('(anonymous)');
    expect(lines[2]).toContain('iemand@voorbeeld.example');
    expect(lines[2]).toMatch(/45 h$/);
    expect(lines[3]).toContain(sent[0]!.request.reference);
    expect(lines[3]).toContain('Sam de Vries');
    expect(lines[3]).toContain('+31 20 000 0000, sam@voorbeeld.example');
    expect(lines[3]).toContain('bullying, discrimination');
    expect(lines[3]).toContain('URGENT');
    expect(lines[3]).toMatch(/2 h overdue$/);
  });

  it('list in Dutch, from the locale or --lang, with the response time from the config file', async () => {
    writeFileSync(join(inboxDir, 'vp-counsellor.json'), JSON.stringify({ key: '../private.asc', passphraseFile: '../passphrase', responseHours: 72 }));
    try {
      const result = await runCli(['list'], { env: { LANG: 'nl_NL.UTF-8', VP_INBOX: inboxDir } });
      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^Ontvangen\s+Kenmerk\s+Naam\s+Bereikbaar via\s+Onderwerpen\s+Dringend\s+Tijd over$/);
      expect(lines[2]).toContain('(anoniem)');
      expect(lines[2]).toMatch(/69 u$/);
      expect(lines[3]).toContain('pesten, discriminatie');
      expect(lines[3]).toContain('DRINGEND');
      const byFlag = await runCli(['list', '--lang', 'nl', '--inbox', inboxDir]);
      expect(byFlag.stdout).toBe(result.stdout);
    } finally {
      writeFileSync(join(inboxDir, 'vp-counsellor.json'), '{}');
    }
  });

  it('show: one request laid out for a person, by reference as read out or by id; --json for machines', async () => {
    const { request } = sent[0]!;
    const spoken = request.reference.toLowerCase().replace('-', ' ');
    const result = await runCli(['show', spoken, ...keyArgs()]);
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toMatch(new RegExp(`^Reference:\\s+${request.reference}$`, 'm'));
    expect(text).toMatch(/^Marked urgent:\s+URGENT$/m);
    expect(text).toMatch(/^Name:\s+Sam de Vries$/m);
    expect(text).toMatch(/^Best times:\s+na 17:00$/m);
    expect(text).toMatch(/^Voicemail allowed:\s+no$/m);
    expect(text).toMatch(/^Text messages allowed:\s+yes$/m);
    expect(text).toMatch(/^Would like to meet:\s+outside work$/m);
    expect(text).toMatch(/^HR may be told:\s+with date and name$/m);
    expect(text).toContain('Message:\n  Mijn leidinggevende maakt grappen over mij.\n  Ik wil eerst alleen praten.\n');
    const json = await runCli(['show', 'newer', '--json', ...keyArgs()]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'newer', request: sent[1]!.request });
    const missing = await runCli(['show', 'ZZZ-ZZZ', ...keyArgs()]);
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'vp-counsellor show: error: No request in the inbox has the reference or id "ZZZ-ZZZ".']);
    // The CLI words the library's error from its code and data, in the counsellor's language.
    const missingDutch = await runCli(['show', 'ZZZ-ZZZ', '--lang', 'nl', ...keyArgs()]);
    expect(missingDutch.stderr.trim()).toBe('vp-counsellor show: fout: Geen verzoek in de inbox met het kenmerk of de id "ZZZ-ZZZ".');
  });

  it('warns when the private key file can be read by others', async () => {
    const loose = join(dir, 'loose-private.asc');
    writeFileSync(loose, provider.privateKey, { mode: 0o644 });
    const result = await runCli(['list', '--inbox', inboxDir, '--key', loose, '--passphrase-file', passphraseFile]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`Warning: ${loose} can be read by other users of this computer. Make it yours alone: chmod 600 ${loose}\n`);
  });

  it('a wrong passphrase stops list and show with one clear line', async () => {
    for (const command of [['list'], ['show', 'newer']]) {
      const result = await runCli([...command, '--inbox', inboxDir, '--key', keyFile], { env: { VP_PASSPHRASE: 'wrong' } });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/error: The passphrase does not unlock the private key\.\n$/);
    }
    const none = await runCli(['list', '--inbox', inboxDir, '--key', keyFile]);
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('--passphrase-file FILE or set VP_PASSPHRASE')]);
  });

  it('a corrupted inbox file is reported by name; the other requests are still listed and shown', async () => {
    const inbox = await Inbox.open(inboxDir);
    const [entry] = await inbox.store([{ id: 'broken', receivedAt: new Date().toISOString(), ciphertext: sent[1]!.ciphertext }]);
    writeFileSync(entry!.entry.path, sent[1]!.ciphertext.replace(/\n([A-Za-z0-9+/]{20})/, '\n$1!!'));
    try {
      const list = await runCli(['list', ...keyArgs()]);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain(sent[0]!.request.reference);
      expect(list.stdout).toContain(sent[1]!.request.reference);
      expect(list.stderr).toContain('1 file(s) in the inbox could not be read');
      expect(list.stderr).toContain(`${entry!.entry.file}: The armored message contains characters that are not base64.`);
      const show = await runCli(['show', sent[0]!.request.reference, ...keyArgs()]);
      expect(show.code).toBe(0);
      expect(show.stderr).toContain(entry!.entry.file);
      const direct = await runCli(['show', 'broken', ...keyArgs()]);
      expect(direct.code).toBe(1);
      expect(direct.stderr).toContain(entry!.entry.file);
    } finally {
      const { unlinkSync } = await import('node:fs');
      unlinkSync(entry!.entry.path);
    }
  });
});

describe('GnuPG', () => {
  let gpg: Gpg;
  beforeAll(() => {
    gpg = new Gpg();
  });
  afterAll(() => gpg.dispose());

  it('a key made by gpg, with a passphrase, is used for list and show', async () => {
    const gpgPassphrase = 'een lange gpg wachtwoordzin';
    const fingerprint = gpg.generate('gpg@voorbeeld.example', gpgPassphrase);
    const publicKey = gpg.run(['--armor', '--export', fingerprint]);
    const secret = gpg.run(['--armor', '--export-secret-keys', fingerprint], { passphrase: gpgPassphrase });
    const secretFile = writeSecret(join(dir, 'gpg-private.asc'), secret);
    const recipient = await checkRecipientKey(publicKey, [fingerprint]);
    const own = tempDir();
    try {
      const inbox = await Inbox.open(own.dir);
      const one = await encryptFor(recipient, { name: 'Kim', topics: ['harassment'] });
      await inbox.store([{ id: 'gpg-1', receivedAt: new Date().toISOString(), ciphertext: one.ciphertext }]);
      const env = { VP_PASSPHRASE: gpgPassphrase };
      const list = await runCli(['list', '--inbox', own.dir, '--key', secretFile], { env });
      expect(list.code).toBe(0);
      expect(list.stdout).toContain(one.request.reference);
      expect(list.stdout).toContain('Kim');
      const show = await runCli(['show', one.request.reference, '--json', '--inbox', own.dir, '--key', secretFile], { env });
      expect(JSON.parse(show.stdout).request).toEqual({ hrNotice: 'anonymous', ...one.request });
    } finally {
      own.remove();
    }
  });

  it('gpg --decrypt reads the inbox files, with a key this project made imported into gpg', async () => {
    const out = join(dir, 'keys-for-gpg');
    const made = await runCli(['keygen', '--name', 'Vertrouwenspersonen Voorbeeld', '--email', 'project@voorbeeld.example', '--out', out], {
      env: { VP_PASSPHRASE: PASSPHRASE },
    });
    expect(made.code).toBe(0);
    const publicKey = readFileSync(join(out, 'public.asc'), 'utf8');
    const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
    gpg.run(['--import'], { input: readFileSync(join(out, 'private.asc'), 'utf8'), passphrase: PASSPHRASE });
    const own = tempDir();
    try {
      const inbox = await Inbox.open(own.dir);
      const one = await encryptFor(await checkRecipientKey(publicKey, [fingerprint]), { message: 'Alleen voor de vertrouwenspersoon.' });
      const [stored] = await inbox.store([{ id: 'for-gpg', receivedAt: new Date().toISOString(), ciphertext: one.ciphertext }]);
      const plaintext = gpg.run(['--decrypt', stored!.entry.path], { passphrase: PASSPHRASE });
      expect(JSON.parse(plaintext)).toEqual({ hrNotice: 'anonymous', ...one.request });
    } finally {
      own.remove();
    }
  });
});
