// startRelayServer in this process over real HTTP: a client that stalls in the middle of its body is cut
// off, a key close to its expiry and a mailbox without a valid card are warned about (and /readyz says
// so), the cards are checked again while it runs, and stop() is graceful and idempotent.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import { memoryLog } from './log.js';
import { describeDatabase, startRelayServer } from './server.js';
import { cardPayload, makeCard, makeKeyPair, makeKeys, MAILBOX, tempDir } from '@vp-contact/test-kit';
import { ORIGIN, sqliteStore, testConfig } from './test-support/fixtures.js';
import { rawExchange, statuses } from './test-support/process.js';

const temp = tempDir();
afterAll(() => temp.remove());

let config: Awaited<ReturnType<typeof resolveConfig>>;
let fingerprint: string;

beforeAll(async () => {
  // Expires in ten days: the relay starts, and warns.
  const pair = await makeKeyPair({ keyExpirationTime: 10 * 86_400 });
  fingerprint = pair.fingerprint.toUpperCase();
  const { input } = await testConfig([], { listen: { host: '127.0.0.1', port: 0 }, database: 'sqlite:./relay.db' });
  config = await resolveConfig({ ...input, mailboxes: [{ ...input.mailboxes[0]!, publicKeys: [pair.publicKey] }] }, temp.dir);
});

it('cuts off a client that stops sending in the middle of its body; nothing is stored', async () => {
  const log = memoryLog();
  const relay = await startRelayServer(config, { log, requestTimeoutMs: 1_000 });
  const port = relay.port;
  expect(relay.url).toBe(`http://127.0.0.1:${port}`);
  const events = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(events).toContainEqual({ level: 'info', event: 'listening', url: relay.url, mailboxes: 1, database: 'sqlite' });
  expect(events).toContainEqual(
    expect.objectContaining({ level: 'warn', event: 'key-expires-soon', mailbox: MAILBOX, fingerprint, message: expect.stringContaining('add a new key') as unknown }),
  );
  // The configuration's warnings (cards.ts): this mailbox has no card, so widgets cannot send to it.
  expect(events).toContainEqual({ level: 'warn', event: 'no-valid-card', mailbox: MAILBOX, message: expect.stringContaining('vp-counsellor card') as unknown });
  // Still ready (requests are taken and collected), but /readyz says it too.
  const ready = await fetch(`${relay.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', cards: 'none-valid' });

  const stalled = await rawExchange(
    port,
    [`POST /v1/mailboxes/${MAILBOX}/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nOrigin: ${ORIGIN}\r\nContent-Length: 1000\r\n\r\n{"version":1,`],
    { endAfterMs: 20_000 },
  );
  expect(stalled.closedByRelay).toBe(true);
  expect(statuses(stalled.response).every((s) => s === 408 || s === 400)).toBe(true);

  await Promise.all([relay.stop(), relay.stop()]);
  await expect(fetch(`${relay.url}/healthz`)).rejects.toThrow();
  expect(log.lines.at(-1)).toBe('{"level":"info","event":"stopped"}');
  const store = await sqliteStore(temp.dir);
  expect((await store.list(MAILBOX, { after: null, limit: 10 })).items).toEqual([]);
  await store.close();
});

it('names the database without its password when it cannot be opened', () => {
  expect(describeDatabase('postgres://relay:geheim@db.voorbeeld.example:5432/relay')).toBe('postgres://relay:***@db.voorbeeld.example:5432/relay');
  expect(describeDatabase('postgresql://relay@/relay?host=/var/run/postgresql')).toBe('postgresql://relay@/relay?host=/var/run/postgresql');
  expect(describeDatabase('sqlite:./data/relay.db')).toBe('sqlite:./data/relay.db');
});

it('a database it cannot open stops the start with a clear message', async () => {
  const bad = { ...config, database: 'postgres://relay:geheim@127.0.0.1:1/relay' };
  const error = await startRelayServer(bad, { log: memoryLog() }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error?.name).toBe('StartError');
  expect(error?.message).toMatch(/^Cannot open the database \(postgres:\/\/relay:\*\*\*@127\.0\.0\.1:1\/relay\): /);
  expect(error?.message).not.toContain('geheim');
});

it('warns in its log when others can enter the database folder, and leaves the folder as it is', async () => {
  const folder = join(temp.dir, 'open-folder');
  mkdirSync(folder);
  chmodSync(folder, 0o755);
  const log = memoryLog();
  const relay = await startRelayServer({ ...config, database: 'sqlite:./open-folder/relay.db' }, { log });
  await relay.stop();
  const events = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(events).toContainEqual(
    expect.objectContaining({ level: 'warn', event: 'database-folder-open', folder, mode: '0755', message: expect.stringContaining(`chmod 700 ${folder}`) as unknown }),
  );
});

it('keeps checking the cards while it runs: the log and /readyz say when the last card comes near its expiry', async () => {
  const DAY = 86_400_000;
  const t0 = new Date();
  const keys = await makeKeys();
  const payload = cardPayload(keys, { expiresAt: new Date(t0.getTime() + 40 * DAY).toISOString() }, t0);
  writeFileSync(join(temp.dir, 'watched-card.asc'), await makeCard(keys, payload));
  const { input } = await testConfig([keys], { listen: { host: '127.0.0.1', port: 0 }, database: 'sqlite:./watched.db' });
  const watched = await resolveConfig({ ...input, mailboxes: [{ ...input.mailboxes[0]!, cards: ['watched-card.asc'] }] }, temp.dir, 'The configuration', { now: t0 });
  expect(watched.warnings).toEqual([]);
  const log = memoryLog();
  // Eleven days on: the first check as it starts sees the card within 30 days of its expiry.
  const relay = await startRelayServer(watched, { log, cardClock: () => new Date(t0.getTime() + 11 * DAY) });
  try {
    const ready = await fetch(`${relay.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', cards: 'expiring' });
    const events = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.event).startsWith('card'));
    expect(events).toEqual([expect.objectContaining({ level: 'warn', event: 'card-expires-soon', mailbox: MAILBOX, expiresAt: payload.expiresAt })]);
  } finally {
    await relay.stop();
  }
});

it('a key that expires before its card, within the window: one key-expires-soon line at start (not one from the key and one from the card), and /readyz says expiring', async () => {
  const keys = await makeKeys({ keyExpirationTime: 10 * 86_400 });
  const t0 = new Date();
  writeFileSync(join(temp.dir, 'short-key-card.asc'), await makeCard(keys, cardPayload(keys, {}, t0)));
  const { input } = await testConfig([keys], { listen: { host: '127.0.0.1', port: 0 }, database: 'sqlite:./short-key.db' });
  const shortKey = await resolveConfig({ ...input, mailboxes: [{ ...input.mailboxes[0]!, cards: ['short-key-card.asc'] }] }, temp.dir);
  const log = memoryLog();
  const relay = await startRelayServer(shortKey, { log });
  try {
    const ready = await fetch(`${relay.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', cards: 'expiring' });
    const events = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => /^(key|card|no-valid)/.test(String(l.event)));
    expect(events).toEqual([
      {
        level: 'warn',
        event: 'key-expires-soon',
        mailbox: MAILBOX,
        fingerprint: keys.fingerprint.toUpperCase(),
        expiresAt: keys.recipient.expiresAt!.toISOString(),
        message: expect.stringContaining('add a new key') as unknown,
      },
    ]);
  } finally {
    await relay.stop();
  }
});
