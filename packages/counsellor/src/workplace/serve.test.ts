// vp-counsellor serve, backup and restore as the counsellor runs them (the built CLI as a child
// process, real HTTP, a real vp-relay): a change confirmed just before a SIGKILL is still there
// after a restart; a second app on the register is refused; a backup restores onto a fresh HOME.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptedRequest, makeKeys, tempDir, type Keys } from '@vp-contact/test-kit';
import { CLI, runCli, writeSecret } from '../test-support/fixtures.js';
import { startRelay, type TestRelay } from '../test-support/relay.js';
import { PASSPHRASE, writeWorkplaceSettings } from '../test-support/workplace.js';
import { DEFAULT_WORKPLACE_PORT } from './server.js';

const temp = tempDir('vp-workplace-serve-');
let provider: Keys;
let relay: TestRelay;
let settingsFile: string;
const children = new Set<ChildProcess>();
const NOTE = 'Afspraak gemaakt voor donderdag; zij wil niet op het werk worden gebeld.';

interface Served {
  child: ChildProcess;
  link: string;
  origin: string;
  stderr: () => string;
}

/** Starts `vp-counsellor serve` and waits for the link it prints. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--lang', 'en', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const link = /http:\/\/127\.0\.0\.1:\d+\/open\/[A-Za-z0-9_-]+/.exec(stdout)?.[0];
      if (link) resolve({ child, link, origin: new URL(link).origin, stderr: () => stderr });
    });
    child.on('close', (code) => reject(new Error(`serve stopped (${code}): ${stderr}`)));
  });
}

/** What the tests read of the app's answers. */
interface Answer {
  items: { id: number }[];
  case: { notes: { text: string }[]; request: { name?: string } };
  mailboxes: { status: { state: string } }[];
}

/** A browser on the served app: follows the link once, then sends the cookie and the app's Origin. */
async function browse(served: Served) {
  const opened = await fetch(served.link, { redirect: 'manual' });
  expect(opened.status).toBe(303);
  const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${served.origin}${path}`, {
      method,
      headers: { cookie, ...(method === 'GET' ? {} : { origin: served.origin, 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

beforeAll(async () => {
  provider = await makeKeys();
  relay = await startRelay(temp.dir, [provider.publicKey]);
  settingsFile = writeWorkplaceSettings(temp.dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: relay.mailbox, token: relay.token }]);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await relay?.stop();
  temp.remove();
});

let caseId: number;

describe('vp-counsellor serve', () => {
  it('listens on 127.0.0.1 and prints a link that works once', async () => {
    const served = await serve(['--config', settingsFile]);
    expect(served.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const request = await browse(served);
    expect((await fetch(served.link, { redirect: 'manual' })).status).toBe(403);
    expect((await request('POST', '/api/unlock', { passphrase: PASSPHRASE })).status).toBe(200);
    await relay.submit((await encryptedRequest([provider.recipient], { name: 'Robin' })).ciphertext);
    await request('POST', '/api/fetch', {});
    const inbox = await request('GET', '/api/inbox');
    expect(inbox.body.items).toHaveLength(1);
    caseId = inbox.body.items[0]!.id;
    served.child.kill('SIGTERM');
    expect(await exited(served.child)).toEqual({ code: 0, signal: null });
    expect(served.stderr()).toMatch(/has stopped/);
    expect(existsSync(join(temp.dir, 'register', 'register.lock'))).toBe(false);
  });

  it('a change it confirmed survives a SIGKILL right after the confirmation', async () => {
    const served = await serve(['--config', settingsFile]);
    const request = await browse(served);
    await request('POST', '/api/unlock', { passphrase: PASSPHRASE });
    const added = await request('POST', `/api/cases/${caseId}/notes`, { text: NOTE });
    expect(added.status).toBe(200);
    served.child.kill('SIGKILL');
    expect((await exited(served.child)).signal).toBe('SIGKILL');
    // The lock file of the killed app is left behind; the next app sees its process is gone.
    const again = await serve(['--config', settingsFile]);
    const next = await browse(again);
    await next('POST', '/api/unlock', { passphrase: PASSPHRASE });
    const detail = await next('GET', `/api/cases/${caseId}`);
    expect(detail.body.case.notes.map((n) => n.text)).toEqual([NOTE]);

    // A second app on the same register is refused with a clear message, and exits 1.
    const second = await runCli(['serve', '--config', settingsFile, '--lang', 'en']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already open in another vp-counsellor \(process \d+\)/);
    // The first goes on undisturbed.
    expect((await next('GET', `/api/cases/${caseId}`)).status).toBe(200);
    again.child.kill('SIGTERM');
    await exited(again.child);
  });

  it('takes port 8790 by default (the browser keeps choices per address); when that is taken, a free one, and says so', async () => {
    // Hold 8790 for the test. Taken already by someone else: the same case.
    const holder = createServer();
    const held = await new Promise<boolean>((resolve) => {
      holder.once('error', () => resolve(false));
      holder.listen(DEFAULT_WORKPLACE_PORT, '127.0.0.1', () => resolve(true));
    });
    try {
      const served = await serve(['--config', settingsFile]);
      expect(served.origin).not.toBe(`http://127.0.0.1:${DEFAULT_WORKPLACE_PORT}`);
      const request = await browse(served);
      expect((await request('GET', '/api/session')).status).toBe(200);
      served.child.kill('SIGTERM');
      await exited(served.child);
      expect(served.stderr()).toMatch(/Port 8790 is in use, so the workplace took another one\. .*--port 8790/);
    } finally {
      if (held) await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('bad options and broken settings get one clear line', async () => {
    const port = await runCli(['serve', '--port', 'abc', '--config', settingsFile, '--lang', 'en']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be a whole number/);
    const broken = join(temp.dir, 'broken.json');
    writeFileSync(broken, '{"key": "private.asc", "mailboxes": [{"employer": "", "relay": "ftp://x", "mailbox": "A"}]}');
    const result = await runCli(['serve', '--config', broken, '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/The settings file .*broken\.json is not valid: mailboxes\.0\.employer/);
  });
});

describe('backup and restore', () => {
  it('restores onto a machine where nothing else exists, and the app opens it with everything in it', async () => {
    const out = join(temp.dir, 'backup.asc');
    const made = await runCli(['backup', '--config', settingsFile, '--out', out, '--lang', 'en']);
    expect(made.code, made.stderr).toBe(0);
    const armored = readFileSync(out, 'utf8');
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(armored).not.toContain(relay.token);
    // Never overwrites.
    expect((await runCli(['backup', '--config', settingsFile, '--out', out, '--lang', 'en'])).code).toBe(1);

    // The new laptop: an empty HOME, only the key (from the key's own backup) and the backup file.
    const home = join(temp.dir, 'new-home');
    mkdirSync(home);
    const key = writeSecret(join(home, 'private.asc'), provider.privateKey);
    const passphraseFile = writeSecret(join(home, 'passphrase'), PASSPHRASE);
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') };
    const wrong = writeSecret(join(home, 'wrong'), 'not the passphrase');
    const refused = await runCli(['restore', out, '--key', key, '--passphrase-file', wrong, '--lang', 'en'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not unlock your key\. Nothing was restored/);
    expect(existsSync(join(home, '.config'))).toBe(false);

    const restored = await runCli(['restore', out, '--key', key, '--passphrase-file', passphraseFile, '--lang', 'en'], { env });
    expect(restored.code, restored.stderr).toBe(0);
    expect(existsSync(join(home, '.config', 'vp-contact', 'workplace.json'))).toBe(true);
    // A second restore would overwrite: refused.
    expect((await runCli(['restore', out, '--key', key, '--passphrase-file', passphraseFile, '--lang', 'en'], { env })).code).toBe(1);

    const served = await serve([], env);
    const request = await browse(served);
    expect((await request('POST', '/api/unlock', { passphrase: PASSPHRASE })).status).toBe(200);
    const detail = await request('GET', `/api/cases/${caseId}`);
    expect(detail.body.case.request.name).toBe('Robin');
    expect(detail.body.case.notes[0]!.text).toBe(NOTE);
    // And it fetches from the relay with the restored token.
    await relay.submit((await encryptedRequest([provider.recipient], { name: 'Kim' })).ciphertext);
    const fetched = await request('POST', '/api/fetch', {});
    expect(fetched.body.mailboxes[0]!.status.state).toBe('ok');
    expect((await request('GET', '/api/inbox')).body.items).toHaveLength(2);
    served.child.kill('SIGTERM');
    await exited(served.child);
  });
});
