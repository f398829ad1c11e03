// The app on the PostgreSQL store (the one several relay instances share): the widget's and the
// counsellor tools' calls end to end, in a table of its own that is dropped afterwards.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashToken, makeToken } from '@vp-contact/protocol';
import { createRelay } from './app.js';
import { resolveConfig } from './config.js';
import { memoryLog } from './log.js';
import { openPostgresStore } from './store/postgres.js';
import type { RelayStore } from './store/types.js';
import { contractChecked, contractTally } from './test-support/contract.js';
import { makeKeys, MAILBOX, type Keys } from '@vp-contact/test-kit';
import { badMessages, canonicalFor, ciphertextFor, ORIGIN, PLAINTEXT_MARKER, testConfig } from './test-support/fixtures.js';

const url = process.env.VP_TEST_DATABASE_URL;
const table = `vp_relay_app_test_${process.pid}`;
let store: RelayStore;
let keys: Keys;
let token: string;
let app: ReturnType<typeof createRelay>;
// Every answer below is checked against @vp-contact/protocol/http first.
const tally = contractTally();

beforeAll(async () => {
  // Never skipped: without PostgreSQL this test fails (scripts/test-environment.mjs sets the URL).
  if (!url) throw new Error('VP_TEST_DATABASE_URL is not set; run the tests through vitest with its globalSetup.');
  store = await openPostgresStore(url, { table });
  keys = await makeKeys();
  token = makeToken();
  const { input } = await testConfig([keys], { database: url });
  const config = await resolveConfig({ ...input, mailboxes: [{ ...input.mailboxes[0]!, counsellorTokenHashes: [await hashToken(token)] }] }, '/');
  app = contractChecked(createRelay({ store, config, log: memoryLog() }), tally);
});

afterAll(async () => {
  await store?.close();
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${table}, ${table}_notices`);
    await client.end();
  }
});

const post = (body: string) =>
  app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), origin: ORIGIN },
    body,
  });
const auth = () => ({ authorization: `Bearer ${token}` });

it('takes requests, lists them for the token, forgets them once acknowledged, and refuses what is not ciphertext', async () => {
  expect((await app.request('/readyz')).status).toBe(200);
  const ciphertexts = [await ciphertextFor([keys.recipient]), await ciphertextFor([keys.recipient])];
  const ids: string[] = [];
  for (const ciphertext of ciphertexts) {
    const response = await post(JSON.stringify({ version: 1, ciphertext }));
    expect(response.status).toBe(202);
    const receipt = (await response.json()) as { id: string; receivedAt: string };
    expect(receipt.receivedAt).toMatch(/:00(\.000)?Z$/);
    ids.push(receipt.id);
  }
  const other = await makeKeys({ email: 'collega@ander.example' });
  for (const bad of await badMessages(keys, other)) {
    const response = await post(JSON.stringify({ version: 1, ciphertext: bad.armored }));
    expect({ name: bad.name, status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code }).toEqual({
      name: bad.name,
      status: 422,
      code: bad.code,
    });
  }

  const first = await app.request(`/v1/mailboxes/${MAILBOX}/requests?limit=1`, { headers: auth() });
  const page = (await first.json()) as { items: { id: string; ciphertext: string }[]; nextCursor: string };
  // The relay keeps the canonical form of what it got (issue #10.13), not the posted text byte for byte.
  expect(page.items.map((i) => [i.id, i.ciphertext])).toEqual([[ids[0], canonicalFor(ciphertexts[0]!, [keys])]]);
  const second = await app.request(`/v1/mailboxes/${MAILBOX}/requests?limit=1&after=${encodeURIComponent(page.nextCursor)}`, { headers: auth() });
  expect(((await second.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([ids[1]]);

  for (const id of [...ids, ids[0]!]) {
    expect((await app.request(`/v1/mailboxes/${MAILBOX}/requests/${id}`, { method: 'DELETE', headers: auth() })).status).toBe(204);
  }
  expect(await (await app.request(`/v1/mailboxes/${MAILBOX}/requests`, { headers: auth() })).json()).toEqual({ items: [], nextCursor: null });
});

it('a dump of the table holds ciphertext and no plaintext of any request', async () => {
  for (let i = 0; i < 3; i++) expect((await post(JSON.stringify({ version: 1, ciphertext: await ciphertextFor([keys.recipient]) }))).status).toBe(202);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT * FROM ${table}`);
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(dump).toContain('BEGIN PGP MESSAGE');
    expect(dump).not.toContain(PLAINTEXT_MARKER);
    expect(dump).not.toContain('Melder');
  } finally {
    await client.end();
  }
});

it('answered every call above as the shared HTTP contract says (receipts, request pages, errors)', () => {
  expect(tally.receipts).toBeGreaterThan(0);
  expect(tally.pages).toBeGreaterThan(0);
  expect(tally.errorCodes.size).toBeGreaterThan(0);
});
