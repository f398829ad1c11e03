// Settings and mailboxes against real vp-relay processes: today's counsellor.json as one mailbox,
// broken settings, adding a mailbox (tested first; a refused token changes nothing), a token the
// relay refuses while fetching, the response time from the mailbox card, and forwarding a case to
// a colleague's mailbox, where the colleague's own workplace opens it.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPrivateKey, signMailboxCard } from '@vp-contact/protocol';
import { encryptedRequest, makeKeys, tempDir, type Keys } from '@vp-contact/test-kit';
import { writeSecret } from '../test-support/fixtures.js';
import { startRelay, type TestRelay } from '../test-support/relay.js';
import { AppClient, PASSPHRASE, PORT, writeWorkplaceSettings } from '../test-support/workplace.js';
import { createWorkplace } from './app.js';
import type { CaseDetail, InboxItem } from './inbox-view.js';
import { Session } from './session.js';
import { findWorkplaceSettings, readWorkplaceSettings } from './settings.js';
import { addWorkingDays } from './working-days.js';

// vitest types its asymmetric matchers as any; these say what they stand for.
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
const containing = (text: string): unknown => expect.stringContaining(text);

const temp = tempDir('vp-workplace-mailboxes-');
let provider: Keys;
let colleague: Keys;
let relay: TestRelay;
let colleagueRelay: TestRelay;
const sessions: Session[] = [];

async function openApp(settingsFile: string): Promise<{ session: Session; browser: AppClient }> {
  const session = new Session({ settings: await readWorkplaceSettings(settingsFile), fetchEveryMs: 0 });
  sessions.push(session);
  const workplace = createWorkplace({ session, port: PORT, secret: 'secret' });
  const browser = new AppClient(workplace.app);
  await browser.open(workplace.openPath);
  await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
  return { session, browser };
}

beforeAll(async () => {
  provider = await makeKeys();
  colleague = await makeKeys({ email: 'noor@voorbeeld.example' });
  // The provider's mailbox carries a card that promises 24 hours (the settings say 48).
  const card = await signMailboxCard(
    {
      version: 1,
      mailbox: 'voorbeeld',
      displayName: 'Vertrouwenspersonen Voorbeeld',
      contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
      responseHours: 24,
      encryptionKeys: [provider.recipient.key.getSubkeys()[0]!.getFingerprint()],
      issuedAt: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
    await readPrivateKey(provider.privateKey, PASSPHRASE),
  );
  writeFileSync(join(temp.dir, 'card.asc'), card);
  relay = await startRelay(temp.dir, [provider.publicKey], 'voorbeeld', { cards: ['card.asc'] });
  const colleagueDir = join(temp.dir, 'colleague-relay');
  mkdirSync(colleagueDir);
  colleagueRelay = await startRelay(colleagueDir, [colleague.publicKey], 'noor');
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  await relay?.stop();
  await colleagueRelay?.stop();
  temp.remove();
});

describe('settings', () => {
  it("reads today's counsellor.json as one mailbox named after its id", async () => {
    const home = join(temp.dir, 'legacy-home');
    const dir = join(home, '.config', 'vp-contact');
    mkdirSync(dir, { recursive: true });
    writeSecret(join(dir, 'private.asc'), provider.privateKey);
    writeSecret(join(dir, 'token'), relay.token);
    writeFileSync(join(dir, 'counsellor.json'), JSON.stringify({ relay: relay.url, mailbox: 'voorbeeld', tokenFile: 'token', key: 'private.asc', inbox: '../../inbox', responseHours: 36 }));
    const settings = await findWorkplaceSettings({ env: { HOME: home } });
    expect(settings.mailboxes).toEqual([
      expect.objectContaining({ employer: 'voorbeeld', mailbox: 'voorbeeld', relay: relay.url, responseHours: 36, inbox: join(home, 'inbox'), tokenFile: join(dir, 'token') }),
    ]);
    // Changes are written to a workplace.json of its own, never into counsellor.json.
    expect(settings.file).toBe(join(dir, 'workplace.json'));
  });

  it('says what is wrong with broken settings', async () => {
    const cases: [string, RegExp][] = [
      ['{', /is not valid JSON/],
      ['{"mailboxes": []}', /is not valid: key/],
      [JSON.stringify({ key: 'k', mailboxes: [{ employer: 'A', relay: 'http://relay.voorbeeld.example', mailbox: 'a', tokenFile: 't' }] }), /mailboxes\.0\.relay .*https/],
      [JSON.stringify({ key: 'k', mailboxes: [1, 2].map(() => ({ employer: 'A', relay: relay.url, mailbox: 'a', tokenFile: 't' })) }), /lists mailbox a@127\.0\.0\.1:\d+ a second time/],
      [JSON.stringify({ key: 'k', relay: relay.url }), /the app needs mailbox, tokenFile in it/],
      [
        JSON.stringify({ key: 'k', mailboxes: [{ employer: 'A', relay: relay.url, mailbox: 'a', tokenFile: 't', responseHours: 48, responseWorkingDays: 2 }] }),
        /mailboxes\.0 must not have both responseHours and responseWorkingDays/,
      ],
      [JSON.stringify({ key: 'k', responseWorkingDays: 0, mailboxes: [] }), /responseWorkingDays must be at least 1/],
    ];
    for (const [text, message] of cases) {
      const file = join(temp.dir, 'broken.json');
      writeFileSync(file, text);
      await expect(readWorkplaceSettings(file), text).rejects.toThrow(message);
    }
    await expect(findWorkplaceSettings({ env: { HOME: join(temp.dir, 'nobody') } })).rejects.toThrow(/There are no settings yet/);
  });
});

describe('mailboxes', () => {
  it('adds a mailbox only after its relay and token worked; a refused token or a relay that is down changes nothing', async () => {
    const dir = join(temp.dir, 'adding');
    mkdirSync(dir);
    const file = writeWorkplaceSettings(dir, provider, []);
    const { browser, session } = await openApp(file);
    const before = readFileSync(file, 'utf8');
    const wrongToken = writeSecret(join(dir, 'wrong-token'), 'z'.repeat(43));
    const goodToken = writeSecret(join(dir, 'good-token'), relay.token);
    const refused = await browser.request('POST', '/api/mailboxes', { employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', tokenFile: wrongToken });
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: { code: 'relay-refused-token', message: matching(/refused the token/) } });
    const down = await browser.request('POST', '/api/mailboxes/test', { relay: 'http://127.0.0.1:9', mailbox: 'voorbeeld', tokenFile: goodToken });
    expect(down.status).toBe(502);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('relay-unreachable');
    const bad = await browser.request('POST', '/api/mailboxes', { employer: '', relay: relay.url, mailbox: 'voorbeeld', tokenFile: goodToken });
    expect(bad.status).toBe(400);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(session.settings.mailboxes).toEqual([]);

    expect(await browser.json('POST', '/api/mailboxes/test', { relay: relay.url, mailbox: 'voorbeeld', tokenFile: goodToken })).toEqual({ ok: true, waiting: 0 });
    await browser.json('POST', '/api/mailboxes', { employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', tokenFile: goodToken }, 201);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { mailboxes: { employer: string; tokenFile: string }[] };
    expect(written.mailboxes).toEqual([expect.objectContaining({ employer: 'Voorbeeld B.V.', tokenFile: 'good-token' })]);
    // Re-read as written: the same settings.
    expect((await readWorkplaceSettings(file)).mailboxes.map((m) => m.id)).toEqual(session.settings.mailboxes.map((m) => m.id));
    const again = await browser.request('POST', '/api/mailboxes', { employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', tokenFile: goodToken });
    expect(again.status).toBe(409);

    // The new mailbox is fetched, with the response time from its card (24 h, not the setting's 48).
    await relay.submit((await encryptedRequest([provider.recipient])).ciphertext);
    await browser.json('POST', '/api/fetch', {});
    const { items } = await browser.json<{ items: InboxItem[] }>('GET', '/api/inbox');
    expect(items).toHaveLength(1);
    expect(Date.parse(items[0]!.dueAt) - Date.parse(items[0]!.receivedAt)).toBe(24 * 3_600_000);
    await session.close();
  });

  it('a token the relay refuses while fetching is shown for that mailbox', async () => {
    const dir = join(temp.dir, 'refused');
    mkdirSync(dir);
    const file = writeWorkplaceSettings(dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', token: 'q'.repeat(43) }]);
    const { browser, session } = await openApp(file);
    const { mailboxes } = await browser.json<{ mailboxes: { status: { state: string; message: string } }[] }>('POST', '/api/fetch', {});
    expect(mailboxes[0]!.status).toMatchObject({ state: 'token-refused', message: matching(/refused the token/) });
    await session.close();
  });
});

describe('forwarding to a colleague', () => {
  it("re-encrypts the request and the case to the colleague's key, posts it to their mailbox, and their workplace opens it", async () => {
    const dir = join(temp.dir, 'coordinator');
    mkdirSync(dir);
    writeFileSync(join(dir, 'noor.asc'), colleague.publicKey);
    const file = writeWorkplaceSettings(dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', token: relay.token }], {
      name: 'Coördinator Voorbeeld',
      colleagues: [{ name: 'Noor (regio Noord)', publicKey: 'noor.asc', relay: colleagueRelay.url, mailbox: 'noor' }],
    });
    const { browser, session } = await openApp(file);
    const { request, ciphertext } = await encryptedRequest([provider.recipient], { name: 'Alex', region: 'Noord', message: 'Graag iemand uit de regio.' });
    await relay.submit(ciphertext);
    await browser.json('POST', '/api/fetch', {});
    const id = (await browser.json<{ items: InboxItem[] }>('GET', '/api/inbox')).items.find((i) => i.reference === request.reference)!.id;
    await browser.json('POST', `/api/cases/${id}/notes`, { text: 'Regio Noord; doorgezet naar Noor.' });
    expect(await browser.json<{ colleagues: unknown[] }>('GET', '/api/colleagues')).toEqual({ colleagues: [{ name: 'Noor (regio Noord)', relay: colleagueRelay.url, mailbox: 'noor' }] });

    const unknown = await browser.request('POST', `/api/cases/${id}/forward`, { colleague: 'Niemand' });
    expect(unknown.status).toBe(404);
    expect(await colleagueRelay.waiting()).toEqual([]);

    const { case: forwarded } = await browser.json<{ case: CaseDetail }>('POST', `/api/cases/${id}/forward`, { colleague: 'Noor (regio Noord)' });
    expect(forwarded).toMatchObject({ status: 'forwarded', forwardedTo: { name: 'Noor (regio Noord)' } });
    expect(await colleagueRelay.waiting()).toHaveLength(1);
    const twice = await browser.request('POST', `/api/cases/${id}/forward`, { colleague: 'Noor (regio Noord)' });
    expect(twice.status).toBe(409);
    const changed = await browser.request('POST', `/api/cases/${id}/notes`, { text: 'nog iets' });
    expect(changed.status).toBe(409);
    await session.close();

    // Noor's own workplace, with her key and her mailbox.
    const noorDir = join(temp.dir, 'noor');
    mkdirSync(noorDir);
    const noorFile = writeWorkplaceSettings(noorDir, colleague, [{ employer: 'Persoonlijk', relay: colleagueRelay.url, mailbox: 'noor', token: colleagueRelay.token }]);
    const noor = await openApp(noorFile);
    await noor.browser.json('POST', '/api/fetch', {});
    const items = (await noor.browser.json<{ items: InboxItem[] }>('GET', '/api/inbox')).items;
    expect(items).toMatchObject([{ reference: request.reference, employer: 'Voorbeeld B.V.', name: 'Alex' }]);
    const { case: received } = await noor.browser.json<{ case: CaseDetail }>('GET', `/api/cases/${items[0]!.id}`);
    expect(received.request.message).toBe('Graag iemand uit de regio.');
    expect(received.forwardedFrom).toMatchObject({ name: 'Coördinator Voorbeeld', summary: containing('Regio Noord; doorgezet naar Noor.') });
    await noor.session.close();
  });
});

describe('adding a colleague in the app', () => {
  it('refuses a key that is not of the colleague’s mailbox, an unknown mailbox, an unusable key and a taken name, changing nothing', async () => {
    const dir = join(temp.dir, 'adding-colleagues');
    mkdirSync(dir);
    const file = writeWorkplaceSettings(dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', token: relay.token }]);
    const { browser, session } = await openApp(file);
    const before = readFileSync(file);
    const noor = { name: 'Noor (regio Noord)', publicKey: colleague.publicKey, relay: colleagueRelay.url, mailbox: 'noor' };
    const refused: [object, number, string, string][] = [
      // The provider's key, not Noor's: a forward would land where Noor cannot read it.
      [{ ...noor, publicKey: provider.publicKey }, 400, 'key-not-of-mailbox', 'publicKey'],
      [{ ...noor, mailbox: 'niemand' }, 400, 'mailbox-unknown', 'mailbox'],
      [{ ...noor, publicKey: provider.privateKey }, 400, 'key-unusable', 'publicKey'],
      [{ ...noor, publicKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxx\n-----END PGP PUBLIC KEY BLOCK-----' }, 400, 'key-unusable', 'publicKey'],
      [{ ...noor, relay: 'http://127.0.0.1:9' }, 502, 'relay-unreachable', 'relay'],
      [{ ...noor, relay: 'http://relay.voorbeeld.example' }, 400, 'invalid', 'relay'],
      [{ ...noor, name: '' }, 400, 'invalid', 'name'],
      [{ ...noor, extra: true }, 400, 'invalid', 'extra'],
    ];
    for (const [body, status, code, field] of refused) {
      const response = await browser.request('POST', '/api/colleagues', body);
      expect(response.status, code).toBe(status);
      expect(await response.json(), code).toMatchObject({ error: { code, field } });
    }
    expect(readFileSync(file)).toEqual(before);
    expect(await browser.json('GET', '/api/colleagues')).toEqual({ colleagues: [] });

    expect(await browser.json('POST', '/api/colleagues', noor, 201)).toEqual({ colleague: { name: noor.name, relay: colleagueRelay.url, mailbox: 'noor' } });
    const taken = await browser.request('POST', '/api/colleagues', noor);
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: 'conflict', field: 'name' } });
    await session.close();
  });

  it('keeps the key beside the settings, readable only by the counsellor; a restarted app forwards to the colleague', async () => {
    const file = join(temp.dir, 'adding-colleagues', 'workplace.json');
    const settings = await readWorkplaceSettings(file);
    expect(settings.colleagues).toHaveLength(1);
    const keyFile = settings.colleagues[0]!.publicKey;
    expect(keyFile).toBe(join(temp.dir, 'adding-colleagues', 'colleagues', `${colleague.recipient.fingerprint}.asc`));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ colleagues: [{ name: 'Noor (regio Noord)', publicKey: `colleagues/${colleague.recipient.fingerprint}.asc` }] });

    const { browser } = await openApp(file);
    const { request, ciphertext } = await encryptedRequest([provider.recipient], { message: 'Liever iemand anders.' });
    await relay.submit(ciphertext);
    await browser.json('POST', '/api/fetch', {});
    const id = (await browser.json<{ items: InboxItem[] }>('GET', '/api/inbox')).items.find((i) => i.reference === request.reference)!.id;
    const waitingBefore = (await colleagueRelay.waiting()).length;
    const { case: forwarded } = await browser.json<{ case: CaseDetail }>('POST', `/api/cases/${id}/forward`, { colleague: 'Noor (regio Noord)' });
    expect(forwarded.status).toBe('forwarded');
    expect(await colleagueRelay.waiting()).toHaveLength(waitingBefore + 1);
  });
});

describe('the language', () => {
  it('is kept in the settings, also chosen on the unlock screen; a bad one changes nothing', async () => {
    const dir = join(temp.dir, 'language');
    mkdirSync(dir);
    const file = writeWorkplaceSettings(dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', token: relay.token }], { lang: 'nl' });
    const { browser } = await openApp(file);
    await browser.json('POST', '/api/lock', {});
    const before = readFileSync(file);
    for (const body of [{ lang: 'de' }, { lang: 'en', extra: 1 }, {}]) {
      const response = await browser.request('POST', '/api/session/lang', body);
      expect(response.status).toBe(400);
    }
    expect(readFileSync(file)).toEqual(before);
    expect(await browser.json('POST', '/api/session/lang', { lang: 'en' })).toEqual({ lang: 'en' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ lang: 'en' });
    expect(await browser.json('GET', '/api/session')).toMatchObject({ lang: 'en', unlocked: false });
    expect((await readWorkplaceSettings(file)).lang).toBe('en');
  });

  it('a language change while a colleague is being checked at their relay is kept, and so is the colleague', async () => {
    const dir = join(temp.dir, 'language-and-colleague');
    mkdirSync(dir);
    const file = writeWorkplaceSettings(dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', token: relay.token }], { lang: 'nl' });
    const { browser, session } = await openApp(file);
    const adding = browser.json('POST', '/api/colleagues', { name: 'Noor', publicKey: colleague.publicKey, relay: colleagueRelay.url, mailbox: 'noor' }, 201);
    await browser.json('POST', '/api/session/lang', { lang: 'en' });
    await adding;
    const written = JSON.parse(readFileSync(file, 'utf8')) as { lang: string; colleagues: { name: string }[] };
    expect([written.lang, written.colleagues.map((c) => c.name)]).toEqual(['en', ['Noor']]);
    expect([session.settings.lang, session.settings.colleagues.map((c) => c.name)]).toEqual(['en', ['Noor']]);
    await session.close();
  });
});

describe('a promise in working days', () => {
  it('holds a request to the same clock time on the second working day after it came in, and keeps the setting when the file is written again', async () => {
    const dir = join(temp.dir, 'working-days');
    mkdirSync(dir);
    const file = writeWorkplaceSettings(dir, provider, [{ employer: 'Voorbeeld B.V.', relay: relay.url, mailbox: 'voorbeeld', token: relay.token }], {
      responseWorkingDays: 2,
    });
    const { browser, session } = await openApp(file);
    const { request, ciphertext } = await encryptedRequest([provider.recipient], { message: 'Binnen twee werkdagen is goed.' });
    const { receivedAt } = await relay.submit(ciphertext);
    await browser.json('POST', '/api/fetch', {});
    const item = (await browser.json<{ items: InboxItem[] }>('GET', '/api/inbox')).items.find((i) => i.reference === request.reference)!;
    // Not the card's 24 hours: the working days the counsellor set for this employer.
    expect(item.dueAt).toBe(addWorkingDays(new Date(receivedAt), 2).toISOString());
    const due = new Date(item.dueAt);
    expect([due.getDay() === 0 || due.getDay() === 6, due.getHours(), due.getMinutes()]).toEqual([false, new Date(receivedAt).getHours(), new Date(receivedAt).getMinutes()]);
    const mailboxes = await browser.json<{ mailboxes: { responseWorkingDays: number | null }[] }>('GET', '/api/mailboxes');
    expect(mailboxes.mailboxes[0]!.responseWorkingDays).toBe(2);

    // A mailbox added in the app with its own promise in hours: the file keeps both kinds apart.
    const token = writeSecret(join(dir, 'token-second'), relay.token);
    await browser.json('POST', '/api/mailboxes', { employer: 'Tweede Voorbeeld B.V.', relay: relay.url.replace('127.0.0.1', 'localhost'), mailbox: 'voorbeeld', tokenFile: token, responseHours: 48 }, 201);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { responseWorkingDays?: number; responseHours?: number; mailboxes: { responseHours?: number; responseWorkingDays?: number }[] };
    expect(written).toMatchObject({ responseWorkingDays: 2 });
    expect(written.responseHours).toBeUndefined();
    expect(written.mailboxes.map((m) => [m.responseHours, m.responseWorkingDays])).toEqual([[undefined, undefined], [48, undefined]]);
    const again = await readWorkplaceSettings(file);
    expect(again.mailboxes.map((m) => m.responseWorkingDays)).toEqual([2, undefined]);
    await session.close();
  });
});
