// pull against a real vp-relay process (loopback, temporary SQLite file): the whole path, crashes
// half-way, a request the key cannot decrypt, and a wrong token.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeCiphertext, readPrivateKey } from '@vp-contact/protocol';
import { readInbox } from './decrypt.js';
import { Inbox } from './inbox.js';
import { pull } from './pull.js';
import { RelayClient } from './relay-client.js';
import { encryptedRequest, type Keys, makeKeys, PASSPHRASE, tempDir } from '@vp-contact/test-kit';
import { CLI, runCli, writeSecret } from './test-support/fixtures.js';
import { startRelay, type TestRelay } from './test-support/relay.js';

let provider: Keys;
let colleague: Keys;
let relay: TestRelay;
const temp = tempDir();
let keyFile: string;
let passphraseFile: string;
let tokenFile: string;
let run = 0;

beforeAll(async () => {
  provider = await makeKeys();
  colleague = await makeKeys({ email: 'collega@voorbeeld.example' });
  keyFile = writeSecret(join(temp.dir, 'private.asc'), provider.privateKey);
  passphraseFile = writeSecret(join(temp.dir, 'passphrase'), PASSPHRASE);
  // The mailbox takes requests for two keys: ours, and a colleague's we do not hold.
  relay = await startRelay(temp.dir, [provider.publicKey, colleague.publicKey]);
  tokenFile = writeSecret(join(temp.dir, 'token'), `${relay.token}\n`);
});

afterAll(async () => {
  await relay?.stop();
  temp.remove();
});

afterEach(async () => {
  // Each test starts with an empty mailbox.
  expect(await relay.waiting()).toEqual([]);
});

/** A fresh inbox with a vp-counsellor.json, so the commands need only VP_INBOX. */
function newInbox(): string {
  const dir = join(temp.dir, `inbox-${++run}`);
  return dir;
}

function pullArgs(inbox: string, ...extra: string[]): string[] {
  return ['pull', '--relay', relay.url, '--mailbox', relay.mailbox, '--token-file', tokenFile, '--inbox', inbox, ...extra];
}

async function submitMany(n: number) {
  const sent: { reference: string; id: string; ciphertext: string }[] = [];
  for (let i = 0; i < n; i++) {
    const { request, ciphertext } = await encryptedRequest([provider.recipient], { name: `Melder ${i}` });
    const { id } = await relay.submit(ciphertext);
    sent.push({ reference: request.reference, id, ciphertext });
  }
  return sent;
}

function storedFiles(inbox: string): string[] {
  return readdirSync(inbox).filter((f) => f.endsWith('.asc'));
}

/**
 * Runs `vp-counsellor pull` through a proxy to the relay that passes everything but holds the
 * acknowledgement number `killAt` (and every one after it) and kills the pull with SIGKILL when it
 * arrives: a crash at that exact point, from outside, like a pulled plug.
 */
async function pullKilledAtAck(inbox: string, killAt: number, extra: string[]): Promise<{ signal: NodeJS.Signals | null }> {
  let acks = 0;
  let child: ReturnType<typeof spawn> | undefined;
  const proxy = createServer((req, res) => {
    if (req.method === 'DELETE' && ++acks >= killAt) {
      child?.kill('SIGKILL');
      return; // held: never reaches the relay
    }
    const upstream = httpRequest(new URL(req.url ?? '/', relay.url), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const { port } = proxy.address() as AddressInfo;
  try {
    const args = ['pull', '--relay', `http://127.0.0.1:${port}`, '--mailbox', relay.mailbox, '--token-file', tokenFile, '--inbox', inbox, ...extra];
    child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const signal = await new Promise<NodeJS.Signals | null>((r) => child!.once('exit', (_code, sig) => r(sig)));
    return { signal };
  } finally {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  }
}

/** Every submitted request is in the inbox exactly once, byte for byte, and nothing else is. */
function expectExactlyOnce(inbox: string, sent: { id: string; ciphertext: string }[]) {
  const files = storedFiles(inbox);
  expect(files).toHaveLength(sent.length);
  for (const { id, ciphertext } of sent) {
    const matching = files.filter((f) => f.endsWith(`_${id}.asc`));
    expect(matching).toHaveLength(1);
    // The relay stores (and hands out) the canonical form of what was posted: the same packets, re-armored.
    expect(readFileSync(join(inbox, matching[0]!), 'utf8')).toBe(canonicalizeCiphertext(ciphertext).armored);
  }
}

describe('vp-counsellor pull, list and show against vp-relay', () => {
  it('the daily routine: pull, then list and show; the relay is emptied, a second pull finds nothing', async () => {
    const inbox = newInbox();
    const { request, ciphertext } = await encryptedRequest([provider.recipient], {
      name: 'Sam de Vries',
      contact: { email: 'sam@voorbeeld.example' },
      topics: ['sexual-harassment'],
      urgent: true,
      message: 'Graag contact na 17:00.',
    });
    const first = await relay.submit(ciphertext);
    const more = await submitMany(2);

    const pulled = await runCli(pullArgs(inbox));
    expect(pulled.stderr).toBe('');
    expect([pulled.code, pulled.stdout]).toEqual([0, 'Pulled 3 new request(s) into the inbox.\n']);
    expectExactlyOnce(inbox, [{ id: first.id, ciphertext }, ...more]);
    expect(await relay.waiting()).toEqual([]);

    // From now on the counsellor's day needs no options: they live in vp-counsellor.json.
    writeFileSync(join(inbox, 'vp-counsellor.json'), JSON.stringify({ relay: relay.url, mailbox: relay.mailbox, tokenFile, key: keyFile, passphraseFile }));
    const env = { VP_INBOX: inbox };
    const again = await runCli(['pull'], { env });
    expect([again.code, again.stdout]).toEqual([0, 'No requests were waiting.\n']);

    const list = await runCli(['list'], { env });
    expect(list.code).toBe(0);
    const rows = list.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(3);
    // The relay keeps arrival times to the minute, so the order within a minute is not defined.
    const row = rows.find((r) => r.includes(request.reference));
    expect(row).toContain('sexual harassment');
    expect(row).toMatch(/URGENT\s+4[78] h$/);
    for (const { reference } of more) expect(list.stdout).toContain(reference);

    const show = await runCli(['show', request.reference], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Name:\s+Sam de Vries$/m);
    expect(show.stdout).toMatch(/^E-mail:\s+sam@voorbeeld\.example$/m);
    expect(show.stdout).toContain('Message:\n  Graag contact na 17:00.\n');
  });

  it('killed after storing but before acknowledging, then run again: nothing lost, nothing twice, the relay emptied', async () => {
    const inbox = newInbox();
    const sent = await submitMany(12);
    // With pages of 5: the first page is stored and acknowledged, the second is on disk but not
    // acknowledged, and 2 requests were never fetched.
    // A proxy before the relay passes the first 5 acknowledgements and kills the pull (SIGKILL) when
    // the 6th arrives, so nothing of the second page reaches the relay.
    const crashed = await pullKilledAtAck(inbox, 6, ['--page-size', '5']);
    expect(crashed.signal).toBe('SIGKILL');
    expect(storedFiles(inbox)).toHaveLength(10);
    const left = await relay.waiting();
    expect(left).toHaveLength(7);

    const resumed = await runCli(pullArgs(inbox, '--page-size', '5', '--key', keyFile, '--passphrase-file', passphraseFile));
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('Pulled 2 new request(s) into the inbox (5 were already there and are not stored twice).\n');
    expectExactlyOnce(inbox, sent);
    const key = await readPrivateKey(provider.privateKey, PASSPHRASE);
    const read = await readInbox(await Inbox.open(inbox), [key]);
    expect(read.every((r) => r.ok)).toBe(true);
    expect(read.map((r) => (r.ok ? r.request.reference : '')).sort()).toEqual(sent.map((s) => s.reference).sort());
  });

  it('killed from outside at any moment, then run again: nothing lost, nothing twice, the relay emptied', async () => {
    const inbox = newInbox();
    const sent = await submitMany(16);
    const child = spawn(process.execPath, [CLI, ...pullArgs(inbox, '--page-size', '2')], { stdio: 'ignore' });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    // Kill it as soon as a few files have landed (bounded wait; if it finished first, the kill is moot).
    for (let i = 0; i < 400 && child.exitCode === null; i++) {
      const landed = (() => {
        try {
          return storedFiles(inbox).length;
        } catch {
          return 0;
        }
      })();
      if (landed >= 3) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    const resumed = await runCli(pullArgs(inbox));
    expect(resumed.code).toBe(0);
    expectExactlyOnce(inbox, sent);
    expect(readdirSync(inbox).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('a request the key cannot decrypt is kept and reported, never dropped', async () => {
    const inbox = newInbox();
    const ours = await submitMany(1);
    const theirs = await encryptedRequest([colleague.recipient]);
    const { id } = await relay.submit(theirs.ciphertext);
    const pulled = await runCli(pullArgs(inbox, '--key', keyFile, '--passphrase-file', passphraseFile));
    expect(pulled.code).toBe(1);
    expect(pulled.stdout).toBe('Pulled 2 new request(s) into the inbox.\n');
    expect(pulled.stderr).toContain('1 request(s) could not be decrypted with this key. They are kept in the inbox:');
    const file = storedFiles(inbox).find((f) => f.endsWith(`_${id}.asc`))!;
    expect(pulled.stderr).toContain(`${file}: The request is encrypted to key id`);
    expectExactlyOnce(inbox, [...ours, { id, ciphertext: theirs.ciphertext }]);
    const list = await runCli(['list', '--inbox', inbox, '--key', keyFile, '--passphrase-file', passphraseFile]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(ours[0]!.reference);
    expect(list.stderr).toContain(file);
  });

  it('a wrong passphrase stops the pull before anything moves', async () => {
    const inbox = newInbox();
    const sent = await submitMany(1);
    const result = await runCli(pullArgs(inbox, '--key', keyFile), { env: { VP_PASSPHRASE: 'not the passphrase' } });
    expect([result.code, result.stderr]).toEqual([1, 'vp-counsellor pull: error: The passphrase does not unlock the private key.\n']);
    expect(await relay.waiting()).toEqual([sent[0]!.id]);
    await runCli(pullArgs(inbox));
  });

  it('a wrong token: exit 1 with what to check; the requests stay at the relay', async () => {
    const inbox = newInbox();
    const sent = await submitMany(1);
    const wrong = writeSecret(join(temp.dir, 'wrong-token'), 'vpt_not-the-token');
    const result = await runCli(['pull', '--relay', relay.url, '--mailbox', relay.mailbox, '--token-file', wrong, '--inbox', inbox]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^vp-counsellor pull: error: The relay refused the token for mailbox "voorbeeld" \(401/);
    expect(await relay.waiting()).toEqual([sent[0]!.id]);
    await runCli(pullArgs(inbox));
  });

  it('the library: pull() reports progress and what it stored', async () => {
    const inbox = await Inbox.open(newInbox(), { create: true });
    const sent = await submitMany(3);
    const progress: number[] = [];
    const client = new RelayClient({ relay: relay.url, mailbox: relay.mailbox, token: relay.token });
    const result = await pull({ client, inbox, pageSize: 2, onProgress: (p) => progress.push(p.acknowledged) });
    expect(result).toMatchObject({ received: 3, stored: 3, acknowledged: 3, undecryptable: [] });
    expect(result.entries.map((e) => e.id)).toEqual(sent.map((s) => s.id));
    expect(progress.at(-1)).toBe(3);
    // Acknowledging again is harmless: the relay answers that it is gone, which is what was asked.
    await expect(client.acknowledge(sent[0]!.id)).resolves.toBeUndefined();
  });
});
