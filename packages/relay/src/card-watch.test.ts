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

/** Posts a request as a browser behind a proxy would (user agent, forwarded address): its id. */
async function sendRequest(app: Hono, to: Keys): Promise<string> {
  const ciphertext = await ciphertextFor([to.recipient]);
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
  return ((await sent.json()) as { id: string }).id;
}

/** The card lines hold nothing of the request, the address or the user agent. */
function expectNoRequestData(lines: readonly string[], id: string): void {
  const cardLines = lines.filter((l) => (JSON.parse(l) as { event?: unknown }).event !== undefined).join('\n');
  for (const secret of [PLAINTEXT_MARKER, 'MarkerAgent', '198.51.100.77', '192.0.2.99', 'BEGIN PGP', id]) expect(cardLines).not.toContain(secret);
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
  const id = await sendRequest(app, keys);

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

  expectNoRequestData(log.lines, id);
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

/** A configuration of one mailbox with these keys and one card by them, checked at `at` as at start. */
async function configFor(owner: Keys, payload: ReturnType<typeof cardPayload>, at: Date): Promise<{ input: ConfigInput; config: RelayConfig }> {
  const { input: base } = await testConfig([owner]);
  const name = `card-key-${Math.random().toString(36).slice(2)}.asc`;
  writeFileSync(join(temp.dir, name), await makeCard(owner, payload));
  const input = { ...base, mailboxes: [{ ...base.mailboxes[0]!, cards: [name] }] };
  return { input, config: await resolveConfig(input, temp.dir, 'The configuration', { now: at }) };
}

it('a mailbox key that expires before its card: one key-expires-soon line within the window, as the start logs it; one no-valid-card line once it has expired', async () => {
  // The key expires in 45 days; the card (89 days) outlives it, and a card is valid only while its key is.
  const short = await makeKeys({ keyExpirationTime: (CARD_EXPIRY_WARNING_DAYS + 15) * 86_400 });
  const keyExpires = short.recipient.expiresAt!;
  const t0 = new Date();
  const payload = cardPayload(short, {}, t0);
  expect(Date.parse(payload.expiresAt)).toBeGreaterThan(keyExpires.getTime());
  const { input, config } = await configFor(short, payload, t0);
  expect(config.warnings).toEqual([]);
  const clock = { at: t0 };
  const { log, cards, app } = relayWith(config, clock);

  // Before the window: ok, silent.
  await cards.check();
  expect(events(log.lines)).toEqual([]);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'ok' } });
  const id = await sendRequest(app, short);

  // Inside the window (the card itself still lasts well beyond it): the key is what ends it.
  clock.at = new Date(keyExpires.getTime() - (CARD_EXPIRY_WARNING_DAYS - 1) * DAY);
  await cards.check();
  const fingerprint = short.fingerprint.toUpperCase();
  const line = events(log.lines);
  expect(line).toEqual([
    {
      level: 'warn',
      event: 'key-expires-soon',
      mailbox: MAILBOX,
      fingerprint,
      expiresAt: keyExpires.toISOString(),
      message: expect.stringContaining('add a new key') as unknown,
    },
  ]);
  // The same fields in the same order as the line the start logs for a key (server.ts).
  expect(Object.keys(line[0]!)).toEqual(['level', 'event', 'mailbox', 'fingerprint', 'expiresAt', 'message']);
  // And the very line a start at this moment would log (the configuration's warning), which also names the key.
  const atStart = (await resolveConfig(input, temp.dir, 'The configuration', { now: clock.at })).warnings;
  expect(atStart).toEqual([expect.objectContaining({ event: 'key-expires-soon', mailbox: MAILBOX, fingerprint, expiresAt: keyExpires.toISOString() })]);
  expect(line[0]).toEqual({ level: 'warn', ...atStart[0] });
  expect(atStart[0]!.message).toContain(fingerprint);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'expiring' } });

  // Still inside the window: no new line.
  for (const days of [-20, -5, -1]) {
    clock.at = new Date(keyExpires.getTime() + days * DAY);
    await cards.check();
  }
  expect(events(log.lines)).toHaveLength(1);

  // Past the key's expiry: no card is valid any more.
  clock.at = new Date(keyExpires.getTime() + 1000);
  await cards.check();
  expect(events(log.lines).slice(1)).toEqual([expect.objectContaining({ level: 'warn', event: 'no-valid-card', mailbox: MAILBOX })]);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'none-valid' } });
  for (const days of [1, 30]) {
    clock.at = new Date(keyExpires.getTime() + days * DAY);
    await cards.check();
  }
  expect(events(log.lines)).toHaveLength(2);
  expect(log.lines.filter((l) => l.includes('card-check-failed'))).toEqual([]);
  expectNoRequestData(log.lines, id);
});

it('an encryption subkey that the card names expires first (the primary key does not): key-expires-soon with the primary fingerprint and the subkey\'s date', async () => {
  const short = await makeKeys({ subkeys: [{ keyExpirationTime: (CARD_EXPIRY_WARNING_DAYS + 15) * 86_400 }] });
  expect(short.recipient.expiresAt).toBeNull();
  const subkey = short.recipient.key.getSubkeys()[0]!;
  const subkeyExpires = (await subkey.getExpirationTime()) as Date;
  const t0 = new Date();
  const { config } = await configFor(short, cardPayload(short, {}, t0), t0);
  expect(config.warnings).toEqual([]);
  const clock = { at: t0 };
  const { log, cards, app } = relayWith(config, clock);

  clock.at = new Date(subkeyExpires.getTime() - 10 * DAY);
  await cards.check();
  expect(events(log.lines)).toEqual([
    {
      level: 'warn',
      event: 'key-expires-soon',
      mailbox: MAILBOX,
      fingerprint: short.fingerprint.toUpperCase(),
      expiresAt: subkeyExpires.toISOString(),
      message: expect.stringContaining(subkey.getFingerprint().toUpperCase()) as unknown,
    },
  ]);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'expiring' } });

  clock.at = new Date(subkeyExpires.getTime() + DAY);
  await cards.check();
  expect(events(log.lines).map((l) => l.event)).toEqual(['key-expires-soon', 'no-valid-card']);
  expect(await ready(app)).toEqual({ status: 200, body: { status: 'ready', cards: 'none-valid' } });
});

it('a card that expires before its key: card-expires-soon as before, no key line', async () => {
  const long = await makeKeys({ keyExpirationTime: 200 * 86_400 });
  const t0 = new Date();
  const payload = cardPayload(long, { expiresAt: new Date(t0.getTime() + 60 * DAY).toISOString() }, t0);
  const { config } = await configFor(long, payload, t0);
  const clock = { at: new Date(t0.getTime() + 40 * DAY) };
  const { log, cards } = relayWith(config, clock);
  await cards.check();
  expect(events(log.lines)).toEqual([expect.objectContaining({ level: 'warn', event: 'card-expires-soon', mailbox: MAILBOX, expiresAt: payload.expiresAt })]);
});
