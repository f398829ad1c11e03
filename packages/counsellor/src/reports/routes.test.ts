// The reports in the workplace's local API (app.request, as the page calls it): the pages use the
// served CSS (the CSP allows no inline style), the text typed in the app lands in the report, and
// bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeys, tempDir } from '@vp-contact/test-kit';
import { AppClient, PASSPHRASE, PORT, writeWorkplaceSettings } from '../test-support/workplace.js';
import { createWorkplace } from '../workplace/app.js';
import { Session } from '../workplace/session.js';
import { readWorkplaceSettings } from '../workplace/settings.js';
import { fillWithDemoCases } from './demo-data.js';

const temp = tempDir('vp-reports-api-');
let session: Session;
let browser: AppClient;
const YEAR = 2025;
const MAILBOX = 'voorbeeld@demo.invalid';

beforeAll(async () => {
  const key = await makeKeys();
  const settingsFile = writeWorkplaceSettings(temp.dir, key, []);
  session = new Session({ settings: await readWorkplaceSettings(settingsFile), fetchEveryMs: 0 });
  const workplace = createWorkplace({ session, port: PORT, secret: 'secret-for-the-test' });
  browser = new AppClient(workplace.app);
  await browser.open(workplace.openPath);
  expect((await browser.request('GET', `/api/reports/yearly?mailbox=${MAILBOX}&year=${YEAR}`)).status).toBe(409);
  await browser.json('POST', '/api/unlock', { passphrase: PASSPHRASE });
  fillWithDemoCases(session.open.register, 150, YEAR, 5);
}, 60_000);

afterAll(async () => {
  await session?.close();
  temp.remove();
});

describe('reports in the workplace', () => {
  it('serves the yearly report as a page with its CSS from the app, and as CSV', async () => {
    const page = await browser.request('GET', `/api/reports/yearly?mailbox=${MAILBOX}&year=${YEAR}&lang=nl`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<link rel="stylesheet" href="/api/reports/report.css">');
    expect(html).not.toContain('<style');
    expect(html).toContain('Jaarverslag vertrouwenspersoon 2025: Voorbeeld B.V.');
    const css = await browser.request('GET', '/api/reports/report.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(await css.text()).toContain('@page { size: A4');
    const csv = await browser.request('GET', `/api/reports/yearly?mailbox=voorbeeld&year=${YEAR}&format=csv&lang=en`);
    expect(await csv.text()).toMatch(/^section,key,label,value\ntotals,cases,Cases,\d+\n/);
    const hours = await browser.request('GET', `/api/reports/hours?mailbox=voorbeeld&month=${YEAR}-05&lang=en`);
    expect(await hours.text()).toContain(`Hours specification ${YEAR}-05: Voorbeeld B.V.`);
  });

  it('keeps the text typed in the app (every version) and shows the latest in the report', async () => {
    await browser.json('PUT', '/api/reports/text', { mailbox: MAILBOX, year: YEAR, text: 'Eerste versie.' });
    const saved = await browser.json<{ text: string }>('PUT', '/api/reports/text', { mailbox: MAILBOX, year: YEAR, text: 'Meer meldingen over werkdruk; advies: bespreek de roosters.' });
    expect(saved.text).toBe('Meer meldingen over werkdruk; advies: bespreek de roosters.');
    expect(await browser.json('GET', `/api/reports/text?mailbox=${MAILBOX}&year=${YEAR}`)).toMatchObject({ text: saved.text });
    const html = await (await browser.request('GET', `/api/reports/yearly?mailbox=${MAILBOX}&year=${YEAR}`)).text();
    expect(html).toContain('advies: bespreek de roosters.');
    expect(html).not.toContain('Eerste versie.');
  });

  it('bad input: a clear error naming the field, and nothing changes', async () => {
    const before = await browser.json<{ text: string }>('GET', `/api/reports/text?mailbox=${MAILBOX}&year=${YEAR}`);
    const control = await browser.request('PUT', '/api/reports/text', { mailbox: MAILBOX, year: YEAR, text: 'tekst \u001b[2J' });
    expect(control.status).toBe(400);
    const controlBody = (await control.json()) as { error: { code: string; message: string } };
    expect(controlBody.error.code).toBe('invalid');
    expect(controlBody.error.message).toMatch(/text: must not contain control characters/);
    expect(await browser.json('GET', `/api/reports/text?mailbox=${MAILBOX}&year=${YEAR}`)).toEqual(before);
    const unknown = await browser.request('GET', `/api/reports/yearly?mailbox=onbekend&year=${YEAR}`);
    expect(unknown.status).toBe(404);
    const unknownBody = (await unknown.json()) as { error: { code: string; message: string } };
    expect(unknownBody.error.code).toBe('not-found');
    expect(unknownBody.error.message).toMatch(/no employer with the mailbox "onbekend"/);
    const empty = await browser.request('GET', `/api/reports/yearly?mailbox=${MAILBOX}&year=2030`);
    expect(empty.status).toBe(404);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/no registered cases of Voorbeeld B\.V\. in 2030/);
    const year = await browser.request('GET', `/api/reports/yearly?mailbox=${MAILBOX}&year=twintig`);
    expect(year.status).toBe(400);
    expect(await year.json()).toMatchObject({ error: { field: 'year' } });
  });

  it('suggests the registration of a case from its request', async () => {
    const first = session.open.register.cases()[0]!;
    const { suggestion } = await browser.json<{ suggestion: { region: string; categories: string[] } }>('GET', `/api/reports/registration-suggestion/${first.id}`);
    expect(suggestion.region).toBe(first.request.region);
    expect(suggestion.categories).toEqual((first.request.topics ?? []).filter((t) => t !== 'not-sure'));
  });
});
