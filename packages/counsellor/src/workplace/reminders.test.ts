// Reminders in the workplace, against a real vp-relay and a real register, with the app's clock
// driven by the test: a request not yet contacted is reminded of at once when urgent, else once
// less than the reminder time is left (default 8 hours), overdue ones too; contact ends it; locked,
// only a count remains; the reminder time is a setting the counsellor can change, and bad values
// change nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptedRequest, makeKeys, tempDir, type Keys } from '@vp-contact/test-kit';
import { startRelay, type TestRelay } from '../test-support/relay.js';
import { AppClient, PASSPHRASE, PORT, writeWorkplaceSettings } from '../test-support/workplace.js';
import { createWorkplace } from './app.js';
import type { Reminders } from './reminders.js';
import { Session } from './session.js';
import { readWorkplaceSettings } from './settings.js';

const HOUR = 3_600_000;
const temp = tempDir('vp-reminders-');
let provider: Keys;
let relay: TestRelay;
let settingsFile: string;
let session: Session;
let browser: AppClient;
/** The app's clock: real time plus what the test moved it on. */
let ahead = 0;

async function app(idleMinutes?: number): Promise<void> {
  session = new Session({ settings: await readWorkplaceSettings(settingsFile), fetchEveryMs: 0, now: () => new Date(Date.now() + ahead), ...(idleMinutes ? { idleMinutes } : {}) });
  const workplace = createWorkplace({ session, port: PORT, secret: 'secret-for-the-test' });
  browser = new AppClient(workplace.app);
  await browser.open(workplace.openPath);
}

const reminders = () => browser.json<Reminders>('GET', '/api/reminders');

beforeAll(async () => {
  provider = await makeKeys();
  relay = await startRelay(temp.dir, [provider.publicKey]);
  settingsFile = writeWorkplaceSettings(temp.dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: relay.mailbox, token: relay.token, responseHours: 48 }]);
  await app();
  await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
});

afterAll(async () => {
  await session?.close();
  await relay?.stop();
  temp.remove();
});

describe('reminders of a first contact', () => {
  let references: string[];
  const caseIds: number[] = [];

  it('an urgent request at once; the others not while more than the reminder time (default 8 hours) is left', async () => {
    const sent = [
      await encryptedRequest([provider.recipient], { name: 'Sam', contact: { phone: '+31 20 000 0000' }, message: 'Mijn teamleider schreeuwt.' }),
      await encryptedRequest([provider.recipient], { urgent: true, contact: { email: 'iemand@voorbeeld.example' } }),
    ];
    for (const { ciphertext } of sent) await relay.submit(ciphertext);
    references = sent.map((s) => s.request.reference);
    await browser.json('POST', '/api/fetch', {});
    const { items } = await browser.json<{ items: { id: number; reference: string }[] }>('GET', '/api/inbox');
    for (const reference of references) caseIds.push(items.find((i) => i.reference === reference)!.id);
    const now = await reminders();
    expect(now).toMatchObject({ reminderHours: 8, unlocked: true, count: 1 });
    expect(now.items).toMatchObject([{ reference: references[1], urgent: true, due: 'on-time' }]);
  });

  it('lists each request once less than 8 hours are left, urgent first, with the time left', async () => {
    ahead = 41 * HOUR; // 48 promised, 41 gone: 7 hours left
    const now = await reminders();
    expect(now.count).toBe(2);
    expect(now.items.map((i) => i.reference)).toEqual([references[1], references[0]]);
    for (const item of now.items) {
      expect(item).toMatchObject({ employer: 'Voorbeeld B.V.', due: 'almost-due' });
      expect(item.minutesLeft).toBeGreaterThan(6 * 60);
      expect(item.minutesLeft).toBeLessThanOrEqual(7 * 60);
    }
  });

  it('a first contact ends the reminder for that request', async () => {
    await browser.json('POST', `/api/cases/${caseIds[1]}/status`, { status: 'contacted' });
    const now = await reminders();
    expect(now.count).toBe(1);
    expect(now.items.map((i) => i.id)).toEqual([caseIds[0]]);
  });

  it('overdue requests are reminded of too', async () => {
    ahead = 50 * HOUR;
    const now = await reminders();
    expect(now.items).toMatchObject([{ id: caseIds[0], due: 'overdue' }]);
    expect(now.items[0]!.minutesLeft).toBeLessThan(0);
  });

  it('locked, the app still reminds, with a count and nothing of the request', async () => {
    ahead = 41 * HOUR;
    await browser.json('POST', '/api/lock', {});
    const response = await browser.request('GET', '/api/reminders');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ reminderHours: 8, unlocked: false, count: 1, items: [] });
    for (const secret of [...references, 'Voorbeeld', 'Sam', 'teamleider', 'dueAt']) expect(text).not.toContain(secret);
    // Time goes on while locked: the count follows the clock.
    ahead = 0;
    expect((await reminders()).count).toBe(0);
    ahead = 41 * HOUR;
    await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
    expect((await reminders()).count).toBe(1);
  });

  it('a restarted app knows nothing to remind of until it is unlocked', async () => {
    await session.close();
    await app();
    expect(await reminders()).toEqual({ reminderHours: 8, unlocked: false, count: 0, items: [] });
    await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
    expect((await reminders()).count).toBe(1);
  });
});

describe('the reminder time', () => {
  it('bad values get a message naming the field, and the settings file stays as it was', async () => {
    const before = readFileSync(settingsFile);
    for (const body of [{ hours: 0 }, { hours: 169 }, { hours: 2.5 }, { hours: '8' }, {}]) {
      const response = await browser.request('PUT', '/api/settings/reminders', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid', field: 'hours' } });
    }
    const extra = await browser.request('PUT', '/api/settings/reminders', { hours: 8, minutes: 30 });
    expect(extra.status).toBe(400);
    expect(readFileSync(settingsFile)).toEqual(before);
    expect((await reminders()).reminderHours).toBe(8);
  });

  it('is saved in the settings file, used at once, and read again at the next start', async () => {
    ahead = 30 * HOUR; // 18 hours left
    expect((await reminders()).count).toBe(0);
    expect(await browser.json('PUT', '/api/settings/reminders', { hours: 24 })).toEqual({ reminderHours: 24 });
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toMatchObject({ reminderHours: 24 });
    expect(await reminders()).toMatchObject({ reminderHours: 24, count: 1 });
    await session.close();
    await app();
    expect((await reminders()).reminderHours).toBe(24);
  });

  it('cannot be changed while the register is locked', async () => {
    const before = readFileSync(settingsFile);
    const response = await browser.request('PUT', '/api/settings/reminders', { hours: 12 });
    expect(response.status).toBe(409);
    expect(readFileSync(settingsFile)).toEqual(before);
  });
});

describe('locking', () => {
  it('never fails for the reminders: a register that cannot be read any more still locks, and the locked reminder says nothing', async () => {
    await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
    // The register's database gone from under the app (as a damaged file would): reading it throws.
    (session.open.register as unknown as { db: { close(): void } }).db.close();
    expect(() => session.lock('lock')).not.toThrow();
    expect(session.unlocked).toBe(false);
    expect(await reminders()).toMatchObject({ unlocked: false, count: 0, items: [] });
  });
});

describe('asking for reminders is not use', () => {
  it('the app still locks itself after the idle time while a page keeps asking', async () => {
    await session.close();
    await app(0.002); // about 120 ms
    await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
    const until = Date.now() + 500;
    while (Date.now() < until) {
      await reminders();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(session.unlocked).toBe(false);
    expect(session.lockedBecause).toBe('idle');
  });
});
