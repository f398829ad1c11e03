// The whole path in Debian's Chromium: the example intranet (served as `npm start` serves it, with
// its strict CSP and the widget's SRI hash) embeds <vp-contact>; a person fills the form by keyboard,
// finding the fields by their labels, and sends; the counsellor pulls with vp-counsellor and reads the
// request back field by field. Also: nothing but ciphertext crosses the wire, a wrong fingerprint or
// a relay that is down sends nothing and keeps the text, and axe-core finds nothing on the pages.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, ElementHandle, HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/chromium.mjs';
import { COUNSELLOR_BIN, startDemo, startRelayProcess } from '../../scripts/demo.mjs';
import getPort from 'get-port';
import { injectAxe } from './axe-audit.js';

const run = promisify(execFile);

type Demo = Awaited<ReturnType<typeof startDemo>>;
let dir: string;
let demo: Demo;
let browser: Browser;
let restartedRelay: { stop(): Promise<void> } | undefined;

/** Everything the page sent anywhere: method, URL and body. */
interface Sent {
  method: string;
  url: string;
  body: string;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-e2e-'));
  demo = await startDemo({ dir, intranetPort: await getPort({ host: '127.0.0.1' }), relayPort: await getPort({ host: '127.0.0.1' }) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await restartedRelay?.stop();
  await demo?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function openIntranet(path = ''): Promise<{ page: Page; sent: Sent[] }> {
  const page = await browser.newPage();
  const sent: Sent[] = [];
  page.on('request', (request: HTTPRequest) => {
    sent.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' });
  });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(new URL(path, demo.intranetUrl).href, { waitUntil: 'networkidle0' });
  expect(errors).toEqual([]);
  return { page, sent };
}

/** The form control whose accessible name (its label, with "(verplicht)" or "(niet verplicht)") is `name`. */
async function field(page: Page, name: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(`aria/${name}`, { timeout: 10_000 });
  if (!handle) throw new Error(`no field labelled "${name}"`);
  return handle;
}

/** Moves the keyboard focus to the field labelled `name` and types, as a person would. */
async function type(page: Page, name: string, text: string): Promise<void> {
  await (await field(page, name)).focus();
  await page.keyboard.type(text);
}

/** Focuses a checkbox or radio button by its label and toggles it with the space bar. */
async function press(page: Page, name: string): Promise<void> {
  await (await field(page, name)).focus();
  await page.keyboard.press('Space');
}

const widgetText = (page: Page) => page.$eval('vp-contact', (element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '');
const fieldValue = (page: Page, id: string) =>
  page.$eval('vp-contact', (element, id) => (element.shadowRoot?.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? null, id);

/** The widget starts unfolded: wait until its form is there. */
async function waitForForm(page: Page): Promise<void> {
  await field(page, 'Naam (niet verplicht)');
}

/** Folds the widget with its Verbergen button, by keyboard; only the button to unfold it stays. */
async function fold(page: Page): Promise<void> {
  await (await field(page, 'Verbergen[role="button"]')).focus();
  await page.keyboard.press('Enter');
  await field(page, 'Contact met een vertrouwenspersoon[role="button"]');
}

/** Unfolds it again with the keyboard. */
async function unfold(page: Page): Promise<void> {
  await (await field(page, 'Contact met een vertrouwenspersoon[role="button"]')).focus();
  await page.keyboard.press('Enter');
  await waitForForm(page);
}

async function send(page: Page): Promise<void> {
  await (await field(page, 'Versleuteld versturen')).focus();
  await page.keyboard.press('Enter');
}

const MESSAGE = 'Mijn leidinggevende maakt al weken opmerkingen over mijn afkomst. Ik wil graag praten.';
const NAME = 'Sam Testpersoon';
const PHONE = '+31 20 000 0001';
const EMAIL = 'sam.prive@voorbeeld.example';
const TIMES = 'Werkdagen na 17.00 uur';

async function fillForm(page: Page): Promise<void> {
  await type(page, 'Naam (niet verplicht)', NAME);
  await type(page, 'Telefoonnummer (telefoon of e-mail verplicht)', PHONE);
  await type(page, 'E-mailadres (telefoon of e-mail verplicht)', EMAIL);
  await type(page, 'Wanneer ben je het best te bereiken? (niet verplicht)', TIMES);
  await press(page, 'Discriminatie');
  await press(page, 'Pesten');
  await type(page, 'Bericht (niet verplicht)', MESSAGE);
  await press(page, 'Datum en mijn naam');
  await press(page, 'Ik heb gelezen wat er met mijn verzoek gebeurt (verplicht)');
}

function counsellor(args: string[]) {
  return run(process.execPath, [COUNSELLOR_BIN, ...args], { encoding: 'utf8' });
}

/** What a plaintext leak would show: any of the words the employee typed. */
function leaks(sent: Sent[]): string[] {
  const secrets = [MESSAGE, 'afkomst', NAME, 'Testpersoon', '000 0001', EMAIL, 'prive@', TIMES, 'discrimination', 'bullying'];
  return sent.flatMap((s) => secrets.filter((secret) => decodeURIComponent(s.url + s.body).includes(secret)).map((secret) => `${s.method} ${s.url}: ${secret}`));
}

describe('the example intranet, end to end in Chromium', () => {
  it('an employee sends a request by keyboard; the counsellor pulls it and reads every field back', async () => {
    const { page, sent } = await openIntranet();
    await waitForForm(page);
    await fillForm(page);
    await send(page);
    await page.waitForFunction(() => document.querySelector('vp-contact')?.shadowRoot?.querySelector('.reference')?.textContent, { timeout: 30_000 });
    const reference = await page.$eval('vp-contact', (element) => element.shadowRoot!.querySelector('.reference')!.textContent.trim());
    expect(reference).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3,4}$/);
    expect(await widgetText(page)).toContain('binnen 48 uur');

    // On the wire: one POST to the relay, an envelope with an armored OpenPGP message, and none of
    // what was typed anywhere (not in a URL, not in a body).
    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe(`${demo.relayUrl}v1/mailboxes/voorbeeld/requests`);
    const envelope = JSON.parse(posts[0]!.body) as { version: number; ciphertext: string };
    expect(Object.keys(envelope).sort()).toEqual(['ciphertext', 'version']);
    expect(envelope.version).toBe(1);
    expect(envelope.ciphertext).toMatch(/^-----BEGIN PGP MESSAGE-----\n[\s\S]+-----END PGP MESSAGE-----\n?$/);
    expect(leaks(sent)).toEqual([]);
    await page.close();

    // The counsellor's side: pull into an inbox, then show the request by its reference.
    const inbox = join(dir, 'inbox');
    const pulled = await counsellor(['pull', '--relay', demo.relayUrl, '--mailbox', demo.mailbox, '--token-file', demo.tokenFile, '--inbox', inbox]);
    expect(pulled.stdout).toMatch(/1/);
    const key = ['--inbox', inbox, '--key', join(demo.keyDir, 'private.asc'), '--passphrase-file', demo.passphraseFile];
    const shown = await counsellor(['show', reference, '--json', ...key]);
    const { request } = JSON.parse(shown.stdout) as { request: Record<string, unknown> };
    expect(request).toMatchObject({
      version: 1,
      reference,
      language: 'nl',
      name: NAME,
      contact: { phone: PHONE, email: EMAIL, preferredTimes: TIMES },
      topics: expect.arrayContaining(['discrimination', 'bullying']) as unknown,
      message: MESSAGE,
      urgent: false,
      hrNotice: 'named',
    });
    expect((request.topics as string[]).length).toBe(2);
    expect(request.termsVersion).toMatch(/\S/);
    expect(Date.parse(request.submittedAt as string)).not.toBeNaN();

    // The person-readable view and the list show it too.
    const listed = await counsellor(['list', ...key]);
    expect(listed.stdout).toContain(reference);
    expect(listed.stdout).toContain(NAME);
  });

  it('a wrong pinned fingerprint: nothing is sent, the text stays, the phone number is offered', async () => {
    const { page, sent } = await openIntranet();
    // As if the relay served a key of someone else's: the page pins a fingerprint the key does not have.
    await page.$eval('vp-contact', (element) => element.setAttribute('fingerprints', 'AAAABBBBCCCCDDDDEEEEFFFF0000111122223333'));
    await waitForForm(page);
    await fillForm(page);
    await send(page);
    await page.waitForFunction(() => document.querySelector('vp-contact')?.shadowRoot?.querySelector('.failure'), { timeout: 30_000 });
    const text = await widgetText(page);
    expect(text).toContain('Je verzoek is niet verstuurd');
    expect(text).toContain('Er is een technisch probleem met de beveiliging. Daarom is er niets verstuurd.');
    expect(text).toContain('+31 20 000 0000');
    expect(await fieldValue(page, 'message')).toBe(MESSAGE);
    expect(await fieldValue(page, 'name')).toBe(NAME);
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
    expect(leaks(sent)).toEqual([]);
    await page.close();
  });

  it('the example pages load without a console error (such as a missing favicon), and do not jump when the form arrives', async () => {
    for (const path of ['', 'bare/', 'nl-design-system/']) {
      const page = await browser.newPage();
      await page.setViewport({ width: 412, height: 823 });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      // Every layout shift from the first paint on, as Lighthouse counts them (none after input here).
      await page.evaluateOnNewDocument(() => {
        (window as unknown as { shifts: number[] }).shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!entry.hadRecentInput) (window as unknown as { shifts: number[] }).shifts.push(entry.value);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(new URL(path, demo.intranetUrl).href, { waitUntil: 'networkidle0' });
      await waitForForm(page);
      const shift = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((a, b) => a + b, 0));
      expect(problems, `${path || '/'}: console errors and failed loads`).toEqual([]);
      expect(shift, `${path || '/'}: layout shift`).toBeLessThanOrEqual(0.05);
      await page.close();
    }
  });

  it('axe-core finds no violations on the example pages, folded and unfolded', async () => {
    for (const path of ['', 'bare/', 'nl-design-system/']) {
      const page = await browser.newPage();
      // axe is injected by the test, so the page's own strict CSP (script-src 'self') is bypassed for it.
      await page.setBypassCSP(true);
      await page.goto(new URL(path, demo.intranetUrl).href, { waitUntil: 'networkidle0' });
      const audit = await injectAxe(page);
      await waitForForm(page);
      expect(await audit(), `${path || '/'} unfolded`).toEqual([]);
      await fold(page);
      expect(await page.$('aria/Naam (niet verplicht)')).toBeNull();
      expect(await audit(), `${path || '/'} folded`).toEqual([]);
      await unfold(page);
      await page.close();
    }
  });

  // Last, since it stops the relay.
  it('the relay is down: nothing is sent, the text stays, and trying again works once it is back', async () => {
    const { page, sent } = await openIntranet();
    await waitForForm(page);
    await fillForm(page);
    await demo.relay.stop();
    await send(page);
    await page.waitForFunction(() => document.querySelector('vp-contact')?.shadowRoot?.querySelector('.failure'), { timeout: 30_000 });
    const text = await widgetText(page);
    expect(text).toContain('niet bereikbaar');
    expect(text).toContain('vp@voorbeeld.example');
    expect(await fieldValue(page, 'message')).toBe(MESSAGE);
    expect(sent.filter((s) => s.method === 'POST')).toEqual([]);
    expect(leaks(sent)).toEqual([]);

    restartedRelay = await startRelayProcess({ configFile: demo.configFile, relayUrl: demo.relayUrl });
    await (await field(page, 'Opnieuw proberen')).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('vp-contact')?.shadowRoot?.querySelector('.reference')?.textContent, { timeout: 30_000 });
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(1);
    expect(leaks(sent)).toEqual([]);
    await page.close();
  });
});
