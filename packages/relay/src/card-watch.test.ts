// The relay keeps checking its mailbox cards while it runs: with the real app (app.request), a real
// SQLite store and real signed cards from the test kit, a driven clock moves past the warning
// point and past the expiry. The log gets one line per change of a mailbox's state (the same
// events, in the same shape, as the check at start), and /readyz says it, still 200.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRelay } from './app.js';
import { CARD_EXPIRY_WARNING_DAYS } from './cards.js';
import { startCardWatch, type CardWatch } from './card-watch.js';
import { resolveConfig, type ConfigInput, type RelayConfig } from './config.js';
import { memoryLog } from './log.js';
import type { RelayStore } from './store/types.js';
import { cardPayload, makeCard, makeKeys, MAILBOX, tempDir, type Keys } from '@vp-contact/test-kit';
import { ciphertextFor, ORIGIN, PLAINTEXT_MARKER, sqliteStore, testConfig } from './test-support/fixtures.js';

const DAY = 86_400_000;
const temp = tempDir();
let keys: Keys;
let store: RelayStore;
const started: CardWatch[] = [];

beforeAll(async () => {
  keys = await makeKeys();
  store = await sqliteStore(temp.dir);
});
afterAll(async () => {
  await Promise.all(started.map((w) => w.stop()));
  await store.close();
  temp.remove();
});

/** A configuration of one mailbox with these cards (armored), checked at `at` as at start. */
async function configWith(cards: string[], at: Date): Promise<{ input: ConfigInput; config: RelayConfig }> {
  const names = cards.map((armored, i) => {
    const name = `card-${Math.random().toString(36).slice(2)}-${i}.asc`;
    writeFileSync(join(temp.dir, name), armored);
    return name;
  });
  const { input: base } = await testConfig([keys]);
  const input = { ...base, mailboxes: [{ ...base.mailboxes[0]!, cards: names }] };
  return { input, config: await resolveConfig(input, temp.dir, 'The configuration', { now: at }) };
}

/** A relay app with a card watch on a driven clock that only checks when told. */
function relayWith(config: RelayConfig, clock: { at: Date }) {
  const log = memoryLog();
  const cards = startCardWatch({ mailboxes: config.mailboxes, initial: config.warnings, log, now: () => clock.at, intervalMs: 0 });
  started.push(cards);
  const app = createRelay({ store, config, log, cards });
  return { log, cards, app };
}

const events = (lines: readonly string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => 'event' in l);

async function ready(app: Hono): Promise<{ status: number; body: unknown }> {
  const response = await app.request('/readyz');
  return { status: response.status, body: await response.json() };
}

it('a card that expires while the relay runs: one warning when it comes within the window, one when it has expired; /readyz says so and stays 200', async () => {
  const t0 = new Date();
  const payload = cardPayload(keys, { expiresAt: new Date(t0.getTime() + (CARD_EXPIRY_WARNING_DAYS + 10) * DAY).toISOString() }, t0);
  const { input, config } = await configWith([await makeCard(keys, payload)], t0);
  expect(config.warnings).toEqual([]);
  const clock = { at: t0 };
  const { log, cards, app } = relayWith(config, clock);

  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'ok' } });
  await cards.check();
  expect(events(log.lines)).toEqual([]);

  // Requests go on meanwhile; nothing of them may reach the card lines.
  const ciphertext = await ciphertextFor([keys.recipient]);
  const body = JSON.stringify({ version: 1, ciphertext });
  const sent = await app.request(
    `/v1/mailboxes/${MAILBOX}/requests`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        origin: ORIGIN,
        'user-agent': 'Mozilla/5.0 MarkerAgent/1.0',
        'x-forwarded-for': '198.51.100.77',
      },
      body,
    },
    { incoming: { socket: { remoteAddress: '192.0.2.99', remotePort: 40000, remoteFamily: 'IPv4' } } },
  );
  expect(sent.status).toBe(202);
  const { id } = (await sent.json()) as { id: string };

  // Past the warning point: the last valid card expires within the window.
  clock.at = new Date(t0.getTime() + 11 * DAY);
  await cards.check();
  // The same line the relay logs at start for a configuration checked at this moment.
  const atStart = (await resolveConfig(input, temp.dir, 'The configuration', { now: clock.at })).warnings;
  expect(atStart.map((w) => w.event)).toEqual(['card-expires-soon']);
  expect(events(log.lines)).toEqual([{ level: 'warn', ...atStart[0] }]);
  expect(events(log.lines)[0]).toMatchObject({ event: 'card-expires-soon', mailbox: MAILBOX, expiresAt: payload.expiresAt });
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'expiring' } });

  // Hours and days later, still expiring: no new line.
  for (const days of [11.05, 12, 25, CARD_EXPIRY_WARNING_DAYS + 9]) {
    clock.at = new Date(t0.getTime() + days * DAY);
    await cards.check();
  }
  expect(events(log.lines)).toHaveLength(1);

  // Past the expiry: no valid card; widgets refuse to send.
  clock.at = new Date(Date.parse(payload.expiresAt) + 1);
  await cards.check();
  const expired = (await resolveConfig(input, temp.dir, 'The configuration', { now: clock.at })).warnings;
  const noValid = expired.find((w) => w.event === 'no-valid-card')!;
  expect(events(log.lines).slice(1)).toEqual([{ level: 'warn', ...noValid }]);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'none-valid' } });

  for (const days of [1, 2, 60]) {
    clock.at = new Date(Date.parse(payload.expiresAt) + days * DAY);
    await cards.check();
  }
  expect(events(log.lines)).toHaveLength(2);

  // Collection goes on: the counsellor tools still get the request.
  expect((await store.list(MAILBOX, { after: null, limit: 10 })).items.map((i) => i.id)).toContain(id);

  // The card lines hold nothing of the request, the address or the user agent.
  const cardLines = log.lines.filter((l) => (JSON.parse(l) as { event?: unknown }).event !== undefined).join('\n');
  for (const secret of [PLAINTEXT_MARKER, 'MarkerAgent', '198.51.100.77', '192.0.2.99', 'BEGIN PGP', id]) expect(cardLines).not.toContain(secret);
  for (const line of events(log.lines)) expect(Object.keys(line).sort()).toEqual(expect.arrayContaining(['event', 'level', 'mailbox', 'message']));
});

it('a card that becomes valid while the relay runs: back to ok, with one info line', async () => {
  const t0 = new Date();
  // The old card expires in 10 days (warned about at start); the new one is valid from day 5 on.
  const old = await makeCard(keys, cardPayload(keys, { expiresAt: new Date(t0.getTime() + 10 * DAY).toISOString() }, t0));
  const next = cardPayload(keys, { issuedAt: new Date(t0.getTime() + 5 * DAY).toISOString(), expiresAt: new Date(t0.getTime() + 95 * DAY).toISOString() }, t0);
  const { config } = await configWith([old, await makeCard(keys, next, { raw: true })], t0);
  expect(config.warnings.map((w) => w.event).sort()).toEqual(['card-expires-soon', 'card-not-yet-valid']);
  const clock = { at: t0 };
  const { log, cards, app } = relayWith(config, clock);
  // The start has logged the warnings already (server.ts): the watch starts from them, silently.
  await cards.check();
  expect(events(log.lines)).toEqual([]);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'expiring' } });

  clock.at = new Date(t0.getTime() + 6 * DAY);
  await cards.check();
  await cards.check();
  expect(events(log.lines)).toEqual([
    {
      level: 'info',
      event: 'cards-ok',
      mailbox: MAILBOX,
      expiresAt: next.expiresAt,
      message: `A mailbox card of this mailbox is valid until ${next.expiresAt}: widgets can send to it.`,
    },
  ]);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'ok' } });
});

it('a mailbox key that expires while the relay runs takes its card with it', async () => {
  const t0 = new Date();
  const short = await makeKeys({ keyExpirationTime: 20 * 86_400 });
  const { input: base } = await testConfig([short]);
  const name = `card-short-${Math.random().toString(36).slice(2)}.asc`;
  writeFileSync(join(temp.dir, name), await makeCard(short, cardPayload(short, {}, t0)));
  const config = await resolveConfig({ ...base, mailboxes: [{ ...base.mailboxes[0]!, cards: [name] }] }, temp.dir, 'The configuration', { now: t0 });
  expect(config.warnings).toEqual([]);
  const clock = { at: new Date(t0.getTime() + 21 * DAY) };
  const { log, cards, app } = relayWith(config, clock);
  await cards.check();
  expect(events(log.lines)).toEqual([expect.objectContaining({ level: 'warn', event: 'no-valid-card', mailbox: MAILBOX })]);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'none-valid' } });
});
