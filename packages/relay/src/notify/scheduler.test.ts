// Notices end to end on the embedded store: a real SQLite file, a real SMTP server (smtp-server,
// every message parsed with mailparser) and a webhook receiver on loopback; time moves with an
// injected clock, never by sleeping.
import { createHmac } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRecipientKey } from '@vp-contact/protocol';
import { createRelay } from '../app.js';
import { memoryLog } from '../log.js';
import type { RelayStore } from '../store/types.js';
import { cardPayload, freePort, makeCard, makeKeyPair, makeKeys, MAILBOX, tempDir, type Keys } from '@vp-contact/test-kit';
import { ciphertextFor, ORIGIN, PLAINTEXT_MARKER, sqliteStore } from '../test-support/fixtures.js';
import { SMTP_PASSWORD, startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from './test-support/receivers.js';
import { notifyConfig, notifyInput, RECIPIENT, scheduler, testClock, WEBHOOK_SECRET } from './test-support/setup.js';
import { NOTICE_SUBJECT } from './text.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let keys: Keys;
let ciphertext: string;
beforeAll(async () => {
  keys = await makeKeys();
  ciphertext = await ciphertextFor([keys.recipient]);
});

let tmp: ReturnType<typeof tempDir>;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;
let store: RelayStore;
const closers: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  tmp = tempDir('vp-relay-notify-');
  smtp = await startSmtpReceiver();
  hook = await startWebhookReceiver();
  store = await sqliteStore(tmp.dir);
  closers.push(() => smtp.close(), () => hook.close(), () => store.close());
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  tmp.remove();
});

/**
 * The scheduler on a clock the test moves, over this test's store, with `notify` as the mailbox's
 * notify setting (and `mailbox` for its other settings); stopped after the test.
 */
async function startNotices(notify: unknown, mailbox: Record<string, unknown> = {}) {
  const clock = testClock();
  const { config } = await notifyConfig([keys], tmp.dir, notify, mailbox);
  const { notices, log } = scheduler(store, config, clock.now);
  closers.push(() => notices.stop());
  return { clock, config, notices, log };
}

/** What no notice may hold: anything of a request, its id, its origin, the secrets, the recipients in the log. */
function expectNothingOfARequest(text: string, ids: readonly string[]): void {
  expect(text).not.toContain(PLAINTEXT_MARKER);
  expect(text).not.toContain('BEGIN PGP');
  expect(text).not.toContain(ORIGIN);
  expect(text).not.toContain(SMTP_PASSWORD);
  expect(text).not.toContain(WEBHOOK_SECRET);
  for (const id of ids) expect(text).not.toContain(id);
}

describe('arrival notices', () => {
  it('notices the first request within the next tick, gathers later ones into one notice per interval, and tells nothing of them', async () => {
    const { clock, notices, log } = await startNotices(notifyInput(tmp.dir, smtp.port, [hook.url]));

    await notices.tick();
    expect(smtp.mails).toHaveLength(0);

    const first = await store.add(MAILBOX, ciphertext);
    await notices.tick();
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.parsed.subject).toBe(NOTICE_SUBJECT.nl);
    expect(mail.envelopeTo).toEqual([RECIPIENT]);
    expect(mail.parsed.text).toMatch(/^Vertrouwenspersonen Voorbeeld: 1 verzoek wacht; het oudste wacht sinds \d{1,2} \w+ om \d\d:\d\d \((\d+ minuten?|minder dan een minuut)\)\. Haal het op met vp-counsellor pull\.\s*$/);
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.attachments).toHaveLength(0);
    expectNothingOfARequest(mail.raw, [first.id]);
    // No size and no reference either: the text holds the name, a count, a time and a duration.
    expect(mail.parsed.text).not.toMatch(/\bbytes?\b|\bKB\b|\bVP-[A-Z0-9]{4}/);

    expect(hook.hooks).toHaveLength(1);
    const { headers, body } = hook.hooks[0]!;
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['kind', 'mailbox', 'message', 'oldestWaitingMinutes', 'source', 'text', 'title', 'waiting']);
    expect(parsed).toMatchObject({ source: 'vp-relay', kind: 'arrival', mailbox: 'Vertrouwenspersonen Voorbeeld', title: NOTICE_SUBJECT.nl, waiting: 1 });
    expect(parsed.text).toBe(mail.parsed.text?.trim());
    const timestamp = headers['x-vp-timestamp'] as string;
    expect(Math.abs(Number(timestamp) * 1000 - clock.now().getTime())).toBeLessThan(MINUTE);
    expect(headers['x-vp-signature']).toBe(`sha256=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
    expectNothingOfARequest(body, [first.id]);

    // Two more in the interval: gathered, sent once the interval (15 minutes) since the last notice is over.
    const later = [await store.add(MAILBOX, ciphertext), await store.add(MAILBOX, ciphertext)];
    clock.advance(MINUTE);
    await notices.tick();
    clock.advance(13 * MINUTE);
    await notices.tick();
    expect(smtp.mails).toHaveLength(1);
    clock.advance(MINUTE + 1_000);
    await notices.tick();
    await notices.tick();
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.parsed.subject).toBe(NOTICE_SUBJECT.nl);
    expect(smtp.mails[1]!.parsed.text).toMatch(/: 3 verzoeken wachten; het oudste wacht sinds .* Haal ze op/);
    expectNothingOfARequest(smtp.mails[1]!.raw, [first.id, ...later.map((r) => r.id)]);
    expect(hook.hooks).toHaveLength(2);

    // Nothing new: no notice, however long it stays quiet.
    clock.advance(HOUR);
    await notices.tick();
    expect(smtp.mails).toHaveLength(2);

    // Everything collected, then a new request: noticed, though the store is empty in between.
    for (const r of [first, ...later]) await store.remove(MAILBOX, r.id);
    const fresh = await store.add(MAILBOX, ciphertext);
    await notices.tick();
    expect(smtp.mails).toHaveLength(3);
    expect(smtp.mails[2]!.parsed.text).toMatch(/: 1 verzoek wacht;/);
    expectNothingOfARequest(smtp.mails[2]!.raw, [fresh.id]);

    expect(notices.status()).toBe('ok');
    const logged = log.lines.join('\n');
    expect(logged).toContain('"event":"notice-sent"');
    expect(logged).not.toContain(RECIPIENT);
    expect(logged).not.toContain(SMTP_PASSWORD);
    expect(logged).not.toContain('verzoek');
  });

  it('is woken by a 202, which does not wait for it', async () => {
    const { config } = await notifyConfig([keys], tmp.dir, notifyInput(tmp.dir, smtp.port, []));
    // In production the wake waits for the next full minute; here for the next 50 ms.
    const { notices } = scheduler(store, config, () => new Date(), { wakeAlignMs: 50 });
    closers.push(() => notices.stop());
    const app = createRelay({ store, config, log: memoryLog(), notices });
    const body = JSON.stringify({ version: 1, ciphertext });
    const response = await app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), origin: ORIGIN },
      body,
    });
    expect(response.status).toBe(202);
    // The 202 came before the notice: nothing is sent until the woken round runs.
    expect(smtp.mails).toHaveLength(0);
    await smtp.waitFor(1);
    expect(smtp.mails[0]!.parsed.text).toMatch(/: 1 verzoek wacht;/);
  });

  it('writes in English when the mailbox says so', async () => {
    const { notices } = await startNotices(notifyInput(tmp.dir, smtp.port, [], { lang: 'en' }));
    await store.add(MAILBOX, ciphertext);
    await store.add(MAILBOX, ciphertext);
    await notices.tick();
    expect(smtp.mails.map((m) => m.parsed.subject)).toEqual([NOTICE_SUBJECT.en]);
    expect(smtp.mails[0]!.parsed.text).toMatch(/^Vertrouwenspersonen Voorbeeld: 2 requests are waiting; the oldest has waited since .* Collect them with vp-counsellor pull\./);
  });

  it('does not send again after a restart', async () => {
    const clock = testClock();
    const { config } = await notifyConfig([keys], tmp.dir, notifyInput(tmp.dir, smtp.port, [hook.url]));
    await store.add(MAILBOX, ciphertext);
    const one = scheduler(store, config, clock.now);
    await one.notices.tick();
    await one.notices.stop();
    await store.close();
    store = await sqliteStore(tmp.dir);
    closers.push(() => store.close());
    const two = scheduler(store, config, clock.now);
    closers.push(() => two.notices.stop());
    await two.notices.tick();
    clock.advance(MINUTE);
    await two.notices.tick();
    expect(smtp.mails).toHaveLength(1);
    expect(hook.hooks).toHaveLength(1);
  });
});

describe('reminders', () => {
  /** A mailbox that promises an answer within 48 hours, and one request in it whose arrival was noticed. */
  async function oneNoticedRequest() {
    const started = await startNotices(notifyInput(tmp.dir, smtp.port, []), { responseHours: 48 });
    const first = await store.add(MAILBOX, ciphertext);
    await started.notices.tick();
    expect(smtp.mails).toHaveLength(1);
    return { ...started, first };
  }

  it('reminds once when requests have waited half the response time, and not at all once they were collected', async () => {
    const { clock, notices, first } = await oneNoticedRequest();

    clock.advance(23 * HOUR);
    await notices.tick();
    expect(smtp.mails).toHaveLength(1);
    clock.advance(HOUR + MINUTE);
    await notices.tick();
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.parsed.subject).toBe(NOTICE_SUBJECT.nl);
    expect(smtp.mails[1]!.parsed.text).toMatch(/: 1 verzoek wacht; het oudste wacht sinds .* \(24 uur\)\. Van de reactietermijn van 48 uur is nog 2[34] uur over\./);
    expectNothingOfARequest(smtp.mails[1]!.raw, [first.id]);
    clock.advance(HOUR);
    await notices.tick();
    expect(smtp.mails).toHaveLength(2);
  });

  it('sends no reminder for requests that were collected in time', async () => {
    const { clock, notices, first } = await oneNoticedRequest();
    clock.advance(23 * HOUR);
    await notices.tick();
    await store.remove(MAILBOX, first.id);
    clock.advance(2 * HOUR);
    await notices.tick();
    clock.advance(48 * HOUR);
    await notices.tick();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.parsed.text).not.toContain('reactietermijn');
  });
});

describe('expiry notices', () => {
  it('tells 30, 7 and 1 days before a mailbox key and the last valid card expire, once each', async () => {
    // The primary key never expires; its encryption subkey does, in 120 days.
    const pair = await makeKeyPair({ subkeys: [{ keyExpirationTime: 120 * 86_400 }] });
    const expiring: Keys = { ...pair, recipient: await readRecipientKey(pair.publicKey) };
    const now = Date.now();
    const card = await makeCard(expiring, cardPayload(expiring, { expiresAt: new Date(now + 40 * DAY).toISOString() }));
    writeFileSync(join(tmp.dir, 'card.asc'), card);
    const clock = testClock();
    const { config } = await notifyConfig([expiring], tmp.dir, notifyInput(tmp.dir, smtp.port, [hook.url]), { cards: ['card.asc'] });
    expect(config.mailboxes[0]!.keys[0]!.expiresAt).toBeNull();
    const keyExpires = config.mailboxes[0]!.keys[0]!.usableUntil!;
    const cardExpires = new Date(config.mailboxes[0]!.cardChecks[0]!.validUntil!);
    const { notices } = scheduler(store, config, clock.now);
    closers.push(() => notices.stop());

    const texts = () => smtp.mails.map((m) => m.parsed.text ?? '');
    await notices.tick();
    expect(smtp.mails).toHaveLength(0);
    const at = async (when: number) => {
      clock.advance(when - clock.now().getTime());
      await notices.tick();
      await notices.tick();
    };
    await at(cardExpires.getTime() - 30 * DAY + MINUTE);
    expect(texts()).toEqual([expect.stringMatching(/^Vertrouwenspersonen Voorbeeld: de laatste geldige postvakkaart verloopt over 30 dagen, op .*vp-counsellor card/)]);
    await at(cardExpires.getTime() - 8 * DAY);
    expect(smtp.mails).toHaveLength(1);
    await at(cardExpires.getTime() - 7 * DAY + MINUTE);
    await at(cardExpires.getTime() - DAY + MINUTE);
    expect(texts().slice(1)).toEqual([expect.stringMatching(/kaart verloopt over 7 dagen/), expect.stringMatching(/kaart verloopt over 1 dag,/)]);
    await at(keyExpires.getTime() - 30 * DAY + MINUTE);
    await at(keyExpires.getTime() - 7 * DAY + MINUTE);
    await at(keyExpires.getTime() - DAY + MINUTE);
    await at(keyExpires.getTime() + DAY);
    expect(texts().slice(3)).toEqual([
      expect.stringMatching(/: een sleutel van dit postvak verloopt over 30 dagen, op .*vp-counsellor rotate/),
      expect.stringMatching(/sleutel van dit postvak verloopt over 7 dagen/),
      expect.stringMatching(/sleutel van dit postvak verloopt over 1 dag,/),
    ]);
    for (const mail of smtp.mails) expect(mail.parsed.subject).toBe(NOTICE_SUBJECT.nl);
    expect(hook.hooks.map((h) => (JSON.parse(h.body) as { kind: string }).kind)).toEqual([
      'card-expiry', 'card-expiry', 'card-expiry', 'key-expiry', 'key-expiry', 'key-expiry',
    ]);
  });
});

describe('failures', () => {
  it('SMTP down: 202s go on, /readyz says degraded but ready, the log names no recipient; up again: the notice goes out once', async () => {
    const port = await freePort();
    await smtp.close();
    const { clock, config, notices, log } = await startNotices(notifyInput(tmp.dir, port, []));
    const app = createRelay({ store, config, log, notices });

    const post = () =>
      app.request(`/v1/mailboxes/${MAILBOX}/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(JSON.stringify({ version: 1, ciphertext }))), origin: ORIGIN },
        body: JSON.stringify({ version: 1, ciphertext }),
      });
    expect((await post()).status).toBe(202);
    await notices.tick();
    expect(notices.status()).toBe('degraded');
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', notices: 'degraded' });
    expect((await post()).status).toBe(202);
    const failed = log.lines.filter((l) => l.includes('notice-failed'));
    expect(failed).toHaveLength(1);
    const line = JSON.parse(failed[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', event: 'notice-failed', mailbox: MAILBOX, kind: 'arrival', target: 'email', retryInSeconds: 30 });
    expect(line.reason).toMatch(/ESOCKET|ECONNECTION|ECONNREFUSED/);

    // Still down at the next try: a longer pause.
    clock.advance(31_000);
    await notices.tick();
    expect(log.lines.filter((l) => l.includes('notice-failed')).map((l) => (JSON.parse(l) as { retryInSeconds: number }).retryInSeconds)).toEqual([30, 60]);

    const up = await startSmtpReceiver(port, smtp.mails);
    closers.push(() => up.close());
    clock.advance(30_000);
    await notices.tick();
    expect(smtp.mails).toHaveLength(0); // the pause is not over yet
    clock.advance(31_000);
    await notices.tick();
    await notices.tick();
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.parsed.text).toMatch(/: 2 verzoeken wachten;/);
    expect(notices.status()).toBe('ok');
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready', notices: 'ok' });
    const logged = log.lines.join('\n');
    expect(logged).not.toContain(RECIPIENT);
    expect(logged).not.toContain(SMTP_PASSWORD);
    expect(logged).not.toContain('127.0.0.1');
  });

  it('a reminder that could not be sent is dropped once everything was collected', async () => {
    const port = await freePort();
    await smtp.close();
    const { clock, notices, log } = await startNotices(notifyInput(tmp.dir, port, []), { responseHours: 2 });
    const r = await store.add(MAILBOX, ciphertext);
    clock.advance(HOUR + MINUTE);
    await notices.tick(); // arrival and reminder both fail
    expect(log.lines.filter((l) => l.includes('notice-failed'))).toHaveLength(2);
    await store.remove(MAILBOX, r.id);
    const up = await startSmtpReceiver(port, smtp.mails);
    closers.push(() => up.close());
    clock.advance(HOUR);
    await notices.tick();
    expect(smtp.mails).toHaveLength(0);
    expect(log.lines.filter((l) => l.includes('notice-skipped'))).toHaveLength(2);
    expect(notices.status()).toBe('ok');
  });

  it('a webhook that fails or redirects is tried again; the redirect is not followed', async () => {
    const { clock, notices, log } = await startNotices({ webhooks: [{ url: hook.url }] });
    await store.add(MAILBOX, ciphertext);
    hook.status = 500;
    await notices.tick();
    hook.status = 302;
    clock.advance(31_000);
    await notices.tick();
    expect(log.lines.filter((l) => l.includes('notice-failed')).map((l) => (JSON.parse(l) as { reason: string }).reason)).toEqual([
      'HTTP 500',
      'HTTP 302 (redirects are not followed)',
    ]);
    expect(notices.status()).toBe('degraded');
    hook.status = 204;
    clock.advance(61_000);
    await notices.tick();
    expect(hook.hooks).toHaveLength(3);
    expect(hook.hooks.every((h) => h.headers['x-vp-signature'] === undefined)).toBe(true);
    expect(notices.status()).toBe('ok');
  });
});
