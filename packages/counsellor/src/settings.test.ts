// Where the command takes its settings from (issue #10.2), which relay addresses it accepts, and
// the warning for secret files that others can read (issue #10.4): all through the real CLI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Inbox } from './inbox.js';
import { isLoopbackHost, relayUrl } from './relay-client.js';
import { encryptedRequest, type Keys, makeKeys, PASSPHRASE, tempDir } from '@vp-contact/test-kit';
import { runCli, writeSecret } from './test-support/fixtures.js';
import { rawServer, type RawServer } from './test-support/raw-http.js';

const temp = tempDir();
let provider: Keys;
let keyFile: string;
let passphraseFile: string;
let tokenFile: string;
let inboxDir: string;
let reference: string;
const servers: RawServer[] = [];

beforeAll(async () => {
  provider = await makeKeys();
  keyFile = writeSecret(join(temp.dir, 'private.asc'), provider.privateKey);
  passphraseFile = writeSecret(join(temp.dir, 'passphrase'), PASSPHRASE);
  tokenFile = writeSecret(join(temp.dir, 'token'), 'vpt_the-real-token\n');
  inboxDir = join(temp.dir, 'inbox');
  const inbox = await Inbox.open(inboxDir, { create: true });
  const { request, ciphertext } = await encryptedRequest([provider.recipient], { name: 'Sam de Vries' });
  reference = request.reference;
  await inbox.store([{ id: 'one', receivedAt: new Date().toISOString(), ciphertext }]);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => temp.remove());

/** A relay that records who called it and answers with an empty page. */
async function recordingRelay(): Promise<RawServer> {
  const server = await rawServer(() => ({ status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: '{"items":[],"nextCursor":null}' }));
  servers.push(server);
  return server;
}

describe('settings come only from the places the guide names', () => {
  it('a vp-counsellor.json planted in the current folder is not read: the token goes nowhere', async () => {
    const planted = join(temp.dir, 'downloads');
    mkdirSync(planted);
    const attacker = await recordingRelay();
    writeFileSync(join(planted, 'vp-counsellor.json'), JSON.stringify({ relay: attacker.url, mailbox: 'voorbeeld', tokenFile, inbox: join(planted, 'inbox') }));
    const result = await runCli(['pull'], { cwd: planted });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^vp-counsellor pull: usage error: --relay is needed/);
    expect(attacker.requests).toEqual([]);
    // The same for list: no inbox is taken from the current folder's file.
    const list = await runCli(['list'], { cwd: planted });
    expect([list.code, list.stderr]).toEqual([2, expect.stringMatching(/--inbox is needed/)]);
  });

  it('the per-user file in $XDG_CONFIG_HOME/vp-contact names the inbox', async () => {
    const xdg = join(temp.dir, 'xdg');
    mkdirSync(join(xdg, 'vp-contact'), { recursive: true });
    writeFileSync(join(xdg, 'vp-contact', 'counsellor.json'), JSON.stringify({ inbox: inboxDir, key: keyFile, passphraseFile, lang: 'nl' }));
    const result = await runCli(['list'], { env: { XDG_CONFIG_HOME: xdg }, cwd: temp.dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Ontvangen\s+Kenmerk/);
    expect(result.stdout).toContain(reference);
  });

  it('without XDG_CONFIG_HOME, the per-user file is ~/.config/vp-contact/counsellor.json', async () => {
    const home = join(temp.dir, 'home');
    mkdirSync(join(home, '.config', 'vp-contact'), { recursive: true });
    writeFileSync(join(home, '.config', 'vp-contact', 'counsellor.json'), JSON.stringify({ inbox: inboxDir, key: keyFile, passphraseFile }));
    const result = await runCli(['show', reference], { env: { HOME: home, XDG_CONFIG_HOME: '' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Name:\s+Sam de Vries$/m);
  });

  it('the inbox folder\'s vp-counsellor.json comes before the per-user file; --config before both', async () => {
    const xdg = join(temp.dir, 'xdg-2');
    mkdirSync(join(xdg, 'vp-contact'), { recursive: true });
    writeFileSync(join(xdg, 'vp-contact', 'counsellor.json'), JSON.stringify({ inbox: inboxDir, key: keyFile, passphraseFile, lang: 'nl' }));
    const own = join(temp.dir, 'own.json');
    writeFileSync(own, JSON.stringify({ inbox: inboxDir, key: keyFile, passphraseFile, lang: 'en' }));
    const byConfig = await runCli(['list', '--config', own], { env: { XDG_CONFIG_HOME: xdg } });
    expect(byConfig.stdout).toMatch(/^Received\s+Reference/);
    writeFileSync(join(inboxDir, 'vp-counsellor.json'), JSON.stringify({ key: '../private.asc', passphraseFile: '../passphrase', lang: 'en' }));
    try {
      const byInbox = await runCli(['list', '--inbox', inboxDir], { env: { XDG_CONFIG_HOME: xdg } });
      expect(byInbox.stdout).toMatch(/^Received\s+Reference/);
    } finally {
      writeFileSync(join(inboxDir, 'vp-counsellor.json'), '{}');
    }
  });
});

describe('the relay address: https://, or http:// only on this machine', () => {
  it('loopback hosts are recognised; nothing else is', () => {
    for (const host of ['localhost', '127.0.0.1', '127.4.5.6', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['relay.voorbeeld.example', '10.0.0.1', '127.0.0.1.nip.io', 'localhost.voorbeeld.example', '[::ffff:7f00:1]', '0.0.0.0']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
    expect(relayUrl('https://relay.voorbeeld.example/pad').href).toBe('https://relay.voorbeeld.example/pad/');
    expect(relayUrl('http://[::1]:8080').href).toBe('http://[::1]:8080/');
    // WHATWG URL writes other forms of 127.0.0.1 in dotted form first.
    expect(relayUrl('http://2130706433:8080').hostname).toBe('127.0.0.1');
    expect(() => relayUrl('http://relay.voorbeeld.example')).toThrow(expect.objectContaining({ code: 'relay-url-insecure' }));
    expect(() => relayUrl('ftp://127.0.0.1')).toThrow(expect.objectContaining({ code: 'relay-url-insecure' }));
  });

  it('pull refuses http:// to another host, from the command line and from a settings file, before sending anything', async () => {
    const inbox = join(temp.dir, 'inbox-http');
    const args = ['--mailbox', 'voorbeeld', '--token-file', tokenFile, '--inbox', inbox];
    const flag = await runCli(['pull', '--relay', 'http://relay.voorbeeld.example', ...args]);
    expect([flag.code, flag.stderr]).toEqual([2, expect.stringMatching(/^vp-counsellor pull: usage error: The relay address must start with https:\/\//)]);
    const dutch = await runCli(['pull', '--relay', 'http://relay.voorbeeld.example', ...args, '--lang', 'nl']);
    expect(dutch.stderr).toMatch(/verkeerd gebruik: Het relay-adres moet beginnen met https:\/\//);
    const settings = join(temp.dir, 'http.json');
    writeFileSync(settings, JSON.stringify({ relay: 'http://10.0.0.1:8080' }));
    const fromFile = await runCli(['pull', '--config', settings, ...args]);
    expect(fromFile.code).toBe(2);
    // On this machine plain http is fine (a demo, or a tunnel's local end).
    const local = await recordingRelay();
    const ok = await runCli(['pull', '--relay', local.url.replace('127.0.0.1', 'localhost'), ...args]);
    expect([ok.code, ok.stdout]).toEqual([0, 'No requests were waiting.\n']);
    expect(local.requests).toHaveLength(1);
  });
});

describe('the page size', () => {
  it('is at most what the relay answers (200); more is a usage error before anything is sent', async () => {
    const relay = await recordingRelay();
    const args = ['pull', '--relay', relay.url, '--mailbox', 'voorbeeld', '--token-file', tokenFile, '--inbox', join(temp.dir, 'inbox-pages')];
    const tooMany = await runCli([...args, '--page-size', '201']);
    expect([tooMany.code, tooMany.stderr]).toEqual([2, expect.stringMatching(/usage error: --page-size must be a whole number from 1 to 200\./)]);
    expect(relay.requests).toEqual([]);
    const most = await runCli([...args, '--page-size', '200']);
    expect(most.code).toBe(0);
    expect(relay.requests.map((r) => r.path)).toEqual(['/v1/mailboxes/voorbeeld/requests?limit=200']);
  });
});

describe('secret files that others can read (#10.4)', () => {
  it('the key, the passphrase file and the token file: the same warning, and the command still runs', async () => {
    const looseKey = join(temp.dir, 'loose-private.asc');
    const loosePassphrase = join(temp.dir, 'loose-passphrase');
    const looseToken = join(temp.dir, 'loose-token');
    writeFileSync(looseKey, provider.privateKey, { mode: 0o640 });
    writeFileSync(loosePassphrase, PASSPHRASE, { mode: 0o644 });
    writeFileSync(looseToken, 'vpt_test\n', { mode: 0o604 });
    const warning = (file: string) => `Warning: ${file} can be read by other users of this computer. Make it yours alone: chmod 600 ${file}\n`;

    const list = await runCli(['list', '--inbox', inboxDir, '--key', keyFile, '--passphrase-file', loosePassphrase]);
    expect([list.code, list.stderr]).toEqual([0, warning(loosePassphrase)]);
    const both = await runCli(['list', '--inbox', inboxDir, '--key', looseKey, '--passphrase-file', loosePassphrase]);
    expect([both.code, both.stderr]).toEqual([0, warning(looseKey) + warning(loosePassphrase)]);

    const relay = await recordingRelay();
    const pull = await runCli(['pull', '--relay', relay.url, '--mailbox', 'voorbeeld', '--token-file', looseToken, '--inbox', join(temp.dir, 'inbox-loose')]);
    expect([pull.code, pull.stderr]).toEqual([0, warning(looseToken)]);
    const dutch = await runCli(['pull', '--lang', 'nl', '--relay', relay.url, '--mailbox', 'voorbeeld', '--token-file', looseToken, '--inbox', join(temp.dir, 'inbox-loose')]);
    expect(dutch.stderr).toBe(`Let op: ${looseToken} is leesbaar voor andere gebruikers van deze computer. Maak het alleen van jou: chmod 600 ${looseToken}\n`);

    // Files readable by their owner only: no warning.
    const tight = await runCli(['list', '--inbox', inboxDir, '--key', keyFile, '--passphrase-file', passphraseFile]);
    expect(tight.stderr).toBe('');
  });
});
