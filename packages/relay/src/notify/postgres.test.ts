// Several relay instances on one real PostgreSQL send each notice once: two schedulers that tick
// at the same moment on one table, and two vp-relay processes on one database.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openPostgresStore } from '../store/postgres.js';
import type { RelayStore } from '../store/types.js';
import { freePort, makeKeys, MAILBOX, startRelay, tempDir, type Keys } from '@vp-contact/test-kit';
import { ciphertextFor } from '../test-support/fixtures.js';
import { writeConfig } from '../test-support/process.js';
import { SMTP_PASSWORD, startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from './test-support/receivers.js';
import { notifyConfig, notifyInput, RECIPIENT, scheduler, testClock } from './test-support/setup.js';

const url = process.env.VP_TEST_DATABASE_URL;
const run = `vp_notify_${process.pid}_${randomBytes(3).toString('hex')}`;
let keys: Keys;
let ciphertext: string;
let tmp: ReturnType<typeof tempDir>;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;
const closers: (() => Promise<unknown>)[] = [];
const tables: string[] = [];

function databaseUrl(): string {
  // Never skipped: without PostgreSQL this fails (the vitest global setup sets the URL).
  if (!url) throw new Error('VP_TEST_DATABASE_URL is not set; run the tests through vitest.');
  return url;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  keys = await makeKeys();
  ciphertext = await ciphertextFor([keys.recipient]);
});
beforeEach(async () => {
  tmp = tempDir('vp-relay-notify-pg-');
  smtp = await startSmtpReceiver();
  hook = await startWebhookReceiver();
  closers.push(() => smtp.close(), () => hook.close());
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  tmp.remove();
});
afterAll(async () => {
  await admin(async (client) => {
    for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_notices`);
    await client.query(`DROP DATABASE IF EXISTS ${run} WITH (FORCE)`);
  });
});

it('two instances ticking at the same moment send each notice once, and again once for the next interval', async () => {
  const table = `${run}_t`;
  tables.push(table);
  const stores: RelayStore[] = [await openPostgresStore(databaseUrl(), { table }), await openPostgresStore(databaseUrl(), { table })];
  closers.push(async () => {
    for (const s of stores) await s.close();
  });
  const clock = testClock();
  const { config } = await notifyConfig([keys], tmp.dir, notifyInput(tmp.dir, smtp.port, [hook.url]));
  const [a, b] = stores.map((s) => scheduler(s, config, clock.now));
  closers.push(() => a!.notices.stop(), () => b!.notices.stop());

  await stores[0]!.add(MAILBOX, ciphertext);
  await Promise.all([a!.notices.tick(), b!.notices.tick()]);
  expect(smtp.mails).toHaveLength(1);
  expect(hook.hooks).toHaveLength(1);

  await stores[1]!.add(MAILBOX, ciphertext);
  await Promise.all([a!.notices.tick(), b!.notices.tick()]);
  expect(smtp.mails).toHaveLength(1);
  clock.advance(15 * 60_000 + 1_000);
  await Promise.all([a!.notices.tick(), b!.notices.tick(), a!.notices.tick()]);
  expect(smtp.mails).toHaveLength(2);
  expect(smtp.mails[1]!.parsed.text).toMatch(/: 2 verzoeken wachten;/);
  expect(hook.hooks).toHaveLength(2);
  const sent = [...a!.log.lines, ...b!.log.lines].filter((l) => l.includes('"notice-sent"'));
  expect(sent).toHaveLength(4);
});

it('two vp-relay processes on one PostgreSQL database: one notice, not two', async () => {
  await admin((client) => client.query(`CREATE DATABASE ${run}`));
  // postgres://root@/vp_contact_test?host=… is no WHATWG URL (no host): replace the database name as text.
  const database = databaseUrl().replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${run}`);
  // A request waits before either starts: both look at it in their first round.
  const store = await openPostgresStore(database);
  await store.add(MAILBOX, ciphertext);
  await store.close();

  const ports = [await freePort(), await freePort()];
  const { input } = await notifyConfig([keys], tmp.dir, notifyInput(tmp.dir, smtp.port, [hook.url]), {}, { database });
  const files = ports.map((port, i) => writeConfig(join(tmp.dir, `relay-${i}.json`), { ...input, listen: { host: '127.0.0.1', port } }));
  const relays = await Promise.all(files.map((file, i) => startRelay({ configFile: file, url: `http://127.0.0.1:${ports[i]!}` })));
  closers.push(async () => {
    for (const relay of relays) await relay.stop();
  });
  await smtp.waitFor(1);
  // A graceful stop waits for a round in progress: after it, both have done theirs.
  for (const relay of relays) expect((await relay.stop()).code).toBe(0);
  expect(smtp.mails).toHaveLength(1);
  expect(smtp.mails[0]!.parsed.text).toMatch(/^Vertrouwenspersonen Voorbeeld: 1 verzoek wacht;/);
  expect(hook.hooks).toHaveLength(1);
  const logs = relays.map((r) => r.output.stdout).join('');
  expect(logs.match(/"event":"notice-sent"/g)).toHaveLength(2); // e-mail and webhook, once each
  expect(logs).not.toContain(RECIPIENT);
  expect(logs).not.toContain(SMTP_PASSWORD);
  expect(logs).not.toContain('verzoek');
});
