// The workplace against a real vp-relay process: unlock, fetch into cases, the inbox's order and
// filters, the case file and its bad input, lock and unlock again, and what lies on disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptFor, makeKeyPair, tempDir, type KeyPair } from '../test-support/fixtures.js';
import { startRelay, type TestRelay } from '../test-support/relay.js';
import { AppClient, PASSPHRASE, PORT, writeWorkplaceSettings } from '../test-support/workplace.js';
import { createWorkplace } from './app.js';
import type { CaseDetail, InboxItem } from './inbox-view.js';
import { Session } from './session.js';
import { readWorkplaceSettings } from './settings.js';

// vitest types its asymmetric matchers as any; these say what they stand for.
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const aString: unknown = expect.any(String);
const aNumber: unknown = expect.any(Number);

const temp = tempDir('vp-workplace-');
let provider: KeyPair;
let relay: TestRelay;
let session: Session;
let browser: AppClient;
let settingsFile: string;

const NOTE = 'Gesprek gehad over de situatie met de teamleider; vervolg over twee weken.';
const MESSAGE = 'Mijn leidinggevende maakt al maanden opmerkingen over mijn afkomst.';

async function app(): Promise<void> {
  session = new Session({ settings: await readWorkplaceSettings(settingsFile), fetchEveryMs: 0 });
  const workplace = createWorkplace({ session, port: PORT, secret: 'secret-for-the-test' });
  browser = new AppClient(workplace.app);
  await browser.open(workplace.openPath);
}

beforeAll(async () => {
  provider = await makeKeyPair();
  relay = await startRelay(temp.dir, [provider.publicKey]);
  settingsFile = writeWorkplaceSettings(temp.dir, provider, [
    { employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: relay.mailbox, token: relay.token },
    // A second employer whose relay is down: the first goes on regardless.
    { employer: 'Tweede Voorbeeld B.V.', relay: 'http://127.0.0.1:9', mailbox: 'tweede', token: 'y'.repeat(43) },
  ]);
  await app();
});

afterAll(async () => {
  await session?.close();
  await relay?.stop();
  temp.remove();
});

let caseIds: Record<string, number> = {};

describe('unlocking', () => {
  it('says plainly when the passphrase is wrong, stays locked, and lets the counsellor try again', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await browser.request('POST', '/api/unlock', { passphrase: 'wrong passphrase' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'wrong-passphrase', message: matching(/does not unlock your key/) } });
    }
    expect((await browser.json<{ unlocked: boolean }>('GET', '/api/session')).unlocked).toBe(false);
    const locked = await browser.request('GET', '/api/inbox');
    expect(locked.status).toBe(409);
    await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
    expect((await browser.json<{ unlocked: boolean }>('GET', '/api/session')).unlocked).toBe(true);
  });
});

describe('fetching', () => {
  it('pulls every mailbox into cases; a relay that is down is shown for its mailbox only', async () => {
    const plain = await encryptFor(provider.recipient, { name: 'Sam', contact: { email: 'sam@voorbeeld.example' }, topics: ['discrimination'], message: MESSAGE });
    const urgent = await encryptFor(provider.recipient, { urgent: true, contact: { phone: '+31 20 000 0000', voicemailAllowed: false } });
    await relay.submit(plain.ciphertext);
    await relay.submit(urgent.ciphertext);
    const { mailboxes } = await browser.json<{ mailboxes: { id: string; status: { state: string; lastFetchedAt: string | null; message: string | null } }[] }>('POST', '/api/fetch', {});
    const [first, second] = mailboxes;
    expect(first!.status).toMatchObject({ state: 'ok', lastFetchedAt: aString });
    expect(second!.status).toMatchObject({ state: 'relay-unreachable', lastFetchedAt: null, message: matching(/Could not reach the relay/) });
    // Stored, then acknowledged: nothing waits at the relay any more.
    expect(await relay.waiting()).toEqual([]);
    const { items } = await browser.json<{ items: InboxItem[] }>('GET', '/api/inbox');
    expect(items.map((i) => i.reference)).toEqual([urgent.request.reference, plain.request.reference]);
    expect(items[1]).toMatchObject({ employer: 'Voorbeeld B.V.', status: 'new', due: 'on-time', topics: ['discrimination'], reachBy: ['email'], name: 'Sam' });
    expect(items[1]!.minutesLeft).toBeGreaterThan(47 * 60);
    caseIds = { plain: items[1]!.id, urgent: items[0]!.id };
    // Fetching again stores nothing twice.
    await browser.json('POST', '/api/fetch', {});
    expect((await browser.json<{ items: InboxItem[] }>('GET', '/api/inbox')).items).toHaveLength(2);
  });

  it('opens a case with every field of the request', async () => {
    const { case: detail } = await browser.json<{ case: CaseDetail }>('GET', `/api/cases/${caseIds.plain}`);
    expect(detail.request.message).toBe(MESSAGE);
    expect(detail.request.contact.email).toBe('sam@voorbeeld.example');
    expect(detail.statusHistory).toEqual([{ status: 'new', at: aString }]);
    expect((await browser.request('GET', '/api/cases/999')).status).toBe(404);
    expect((await browser.request('GET', '/api/cases/abc')).status).toBe(404);
  });
});

describe('the case file', () => {
  const path = () => `/api/cases/${caseIds.plain}`;

  it('contacted stops the clock; notes, time, an appointment, HR and a referral are kept with their times', async () => {
    let { case: c } = await browser.json<{ case: CaseDetail }>('POST', `${path()}/status`, { status: 'contacted' });
    expect(c).toMatchObject({ status: 'contacted', due: 'stopped', minutesLeft: null, contactedAt: aString });
    ({ case: c } = await browser.json<{ case: CaseDetail }>('POST', `${path()}/notes`, { text: NOTE }));
    expect(c.notes).toEqual([{ id: aNumber, at: aString, text: NOTE }]);
    ({ case: c } = await browser.json<{ case: CaseDetail }>('POST', `${path()}/time`, { on: new Date().toISOString().slice(0, 10), minutes: 45, activity: 'intake' }));
    expect(c.totalMinutes).toBe(45);
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    ({ case: c } = await browser.json<{ case: CaseDetail }>('POST', `${path()}/appointments`, { at, channel: 'video' }));
    const appointment = c.appointments[0]!;
    expect(appointment).toMatchObject({ at, channel: 'video', outcome: null });
    ({ case: c } = await browser.json<{ case: CaseDetail }>('POST', `${path()}/appointments/${appointment.id}/outcome`, { outcome: 'no-show' }));
    expect(c.appointments[0]).toMatchObject({ outcome: 'no-show', outcomeAt: aString });
    ({ case: c } = await browser.json<{ case: CaseDetail }>('POST', `${path()}/hr`, { notified: true, consent: 'anonymous' }));
    expect(c.hr).toMatchObject({ notified: true, consent: 'anonymous' });
    ({ case: c } = await browser.json<{ case: CaseDetail }>('POST', `${path()}/referrals`, { to: 'company-doctor' }));
    expect(c.referrals).toMatchObject([{ to: 'company-doctor' }]);
    expect(c.history.map((h) => h.kind)).toEqual(['created', 'status', 'note', 'time', 'appointment', 'appointment-outcome', 'hr', 'referral']);
  });

  it('bad input gets a clear message naming the field, and the case is unchanged', async () => {
    const before = await browser.json<{ case: CaseDetail }>('GET', path());
    const bad: [string, unknown, RegExp][] = [
      ['notes', { text: '' }, /text: must not be empty/],
      ['notes', { text: '   \n ' }, /text: must not be empty/],
      ['notes', { text: 'x'.repeat(10_001) }, /text: must be at most 10000 characters/],
      ['notes', { text: 'bel \u001b[2J' }, /text: must not contain control characters/],
      ['notes', { text: NOTE, extra: 1 }, /extra: is not a known field/],
      ['appointments', { at: new Date(Date.now() - 3_600_000).toISOString(), channel: 'phone' }, /at: the appointment lies in the past/],
      ['appointments', { at: 'morgen', channel: 'phone' }, /at: must be a date and time/],
      ['time', { on: new Date().toISOString().slice(0, 10), minutes: 20 }, /minutes: must be in quarter hours/],
      ['time', { on: new Date().toISOString().slice(0, 10), minutes: 0 }, /minutes/],
      ['time', { on: '2999-01-01', minutes: 15 }, /on: the date lies in the future/],
      ['hr', { notified: false, consent: 'named' }, /consent "named" needs notified/],
      ['referrals', { to: 'other' }, /needs a detail/],
      ['status', { status: 'closed' }, /closing a case needs the registration fields/],
      ['status', { status: 'contacted' }, /is contacted already/],
    ];
    for (const [route, body, message] of bad) {
      const response = await browser.request('POST', `${path()}/${route}`, body);
      expect(response.status, route).toBeGreaterThanOrEqual(400);
      expect(response.status, route).toBeLessThan(500);
      const error = ((await response.json()) as { error: { message: string } }).error;
      expect(error.message, route).toMatch(message);
    }
    const notJson = await browser.request('POST', `${path()}/notes`, undefined, { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
    const after = await browser.json<{ case: CaseDetail }>('GET', path());
    expect(after).toEqual(before);
  });

  it('closing needs the registration fields; they can be changed later, and every version is kept', async () => {
    const registration = { categories: ['discrimination'], reporterRole: 'affected', support: ['listening', 'advice'], outcome: 'solved-informally', contacts: 3, unit: 'Logistiek', region: 'Noord' };
    let { case: c } = await browser.json<{ case: CaseDetail }>('POST', `/api/cases/${caseIds.plain}/status`, { status: 'closed', registration });
    expect(c).toMatchObject({ status: 'closed', registration });
    ({ case: c } = await browser.json<{ case: CaseDetail }>('PUT', `/api/cases/${caseIds.plain}/registration`, { ...registration, outcome: 'referred' }));
    expect(c.registration).toMatchObject({ outcome: 'referred' });
    const versions = c.history.filter((h) => h.kind === 'registration' || (h.kind === 'status' && h.data.registration));
    expect(versions).toHaveLength(2);
    const bad = await browser.request('PUT', `/api/cases/${caseIds.plain}/registration`, { ...registration, categories: [] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('categories');
  });

  it('filters: employer, status, needs first contact', async () => {
    const ids = async (query: string) => (await browser.json<{ items: InboxItem[] }>('GET', `/api/inbox${query}`)).items.map((i) => i.id);
    expect(await ids('?needsFirstContact=true')).toEqual([caseIds.urgent]);
    expect(await ids('?status=closed')).toEqual([caseIds.plain]);
    expect(await ids(`?employer=${encodeURIComponent('Tweede Voorbeeld B.V.')}`)).toEqual([]);
    expect((await browser.request('GET', '/api/inbox?status=gone')).status).toBe(400);
  });
});

describe('lock, restart, unlock', () => {
  it('locking closes the register; a new app on it, unlocked, has everything', async () => {
    await browser.json('POST', '/api/lock', {});
    expect((await browser.request('GET', `/api/cases/${caseIds.plain}`)).status).toBe(409);
    await session.close();
    await app();
    await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
    const { case: c } = await browser.json<{ case: CaseDetail }>('GET', `/api/cases/${caseIds.plain}`);
    expect(c.notes[0]!.text).toBe(NOTE);
    expect(c.status).toBe('closed');
  });

  it('the register and its journal hold no byte of a note or request text', async () => {
    // While open (the WAL holds the latest pages) and after closing.
    const check = () => {
      const dir = join(temp.dir, 'register');
      const files = readdirSync(dir).filter((f) => f.startsWith('register.db'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = readFileSync(join(dir, file));
        for (const text of [NOTE, MESSAGE, 'sam@voorbeeld.example', 'Gesprek', 'SQLite format 3']) {
          expect(bytes.includes(Buffer.from(text)), `${file} holds "${text}"`).toBe(false);
        }
      }
      expect(readFileSync(join(dir, 'register-key.asc'), 'utf8')).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    };
    await browser.json('POST', `/api/cases/${caseIds.urgent}/notes`, { text: NOTE });
    check();
    await browser.json('POST', '/api/lock', {});
    check();
  });
});

describe('idle', () => {
  it('locks itself after the idle minutes', async () => {
    await session.close();
    session = new Session({ settings: await readWorkplaceSettings(settingsFile), fetchEveryMs: 0, idleMinutes: 0.002 });
    await session.unlock(PASSPHRASE);
    expect(session.unlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(session.unlocked).toBe(false);
    expect(session.lockedBecause).toBe('idle');
  });
});
