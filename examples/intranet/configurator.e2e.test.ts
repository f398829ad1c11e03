// The configurator in Debian's Chromium, served as a provider hosts dist/configurator (a static
// folder with its CSP header) next to a real relay. Its output, pasted into a fresh page with
// exactly the CSP lines it gives, sends a request the counsellor pulls; invalid input is shown at
// the field and gives no code; the frame page it offers as a download, served on an origin of its
// own with the headers it offers and the files of dist/frame, shows the widget; axe-core finds nothing.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import getPort from 'get-port';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATOR_POLICY } from '../../packages/widget/configurator/policy.mjs';
import { launchChromium } from '../../scripts/chromium.mjs';
import { COUNSELLOR_BIN, MAILBOX, prepareDemo, startRelayProcess } from '../../scripts/demo.mjs';
import { injectAxe } from './axe-audit.js';

const run = promisify(execFile);
const DIST = fileURLToPath(new URL('../../packages/widget/dist/', import.meta.url));

let dir: string;
let browser: Browser;
let server: Server;
let frameServer: Server;
let site: string;
let frameSite: string;
let relayUrl: string;
let prepared: Awaited<ReturnType<typeof prepareDemo>>;
let relay: { stop(): Promise<void> };
/** The fresh page's body and CSP, as the test pastes them. */
const fresh = { html: '', policy: '' };
/** The frame page and its _headers file, as the configurator offers them for download. */
const downloaded = { page: '', headers: '' };

/** A static host: the configurator folder, the widget's files, and the fresh page. */
function serve(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  if (pathname === '/fresh/') {
    response.writeHead(200, { 'content-type': types['.html']!, 'content-security-policy': fresh.policy }).end(fresh.html);
    return;
  }
  const [base, root, policy] = pathname.startsWith('/configurator/')
    ? ['/configurator/', join(DIST, 'configurator'), CONFIGURATOR_POLICY]
    : ['/vp-contact/', join(DIST, 'standalone'), "default-src 'none'"];
  const file = normalize(join(root, pathname.slice(base.length) || 'index.html'));
  readFile(file).then(
    (body) => response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-security-policy': policy }).end(body),
    () => response.writeHead(404).end(),
  );
}

/** The frame's own host: the downloaded index.html next to the files of dist/frame, every file with the downloaded _headers. */
function serveFrame(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const line of downloaded.headers.split('\n').slice(1)) {
    const match = /^ {2}([A-Za-z-]+): (.*)$/.exec(line);
    if (match) headers[match[1]!.toLowerCase()] = match[2]!;
  }
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  if (pathname === '/') {
    response.writeHead(200, { ...headers, 'content-type': types['.html']! }).end(downloaded.page);
    return;
  }
  const file = normalize(join(DIST, 'frame', pathname));
  readFile(file).then(
    (body) => response.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
    () => response.writeHead(404).end(),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-configurator-e2e-'));
  const port = await getPort({ host: '127.0.0.1' });
  const relayPort = await getPort({ host: '127.0.0.1' });
  const framePort = await getPort({ host: '127.0.0.1' });
  site = `http://localhost:${port}`;
  frameSite = `http://localhost:${framePort}`;
  relayUrl = `http://localhost:${relayPort}`;
  prepared = await prepareDemo({ dir, intranetOrigin: site, relayPort, frameOrigin: frameSite });
  relay = await startRelayProcess({ configFile: prepared.configFile, relayUrl: `${relayUrl}/` });
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  frameServer = createServer(serveFrame);
  await new Promise<void>((resolve) => frameServer.listen(framePort, 'localhost', resolve));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => frameServer?.close(resolve));
  await relay?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function openConfigurator(): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${site}/configurator/`, { waitUntil: 'networkidle0' });
  await shown(page, 'relay');
  expect(errors).toEqual([]);
  return page;
}

/** The employee's side of a page with the widget, by keyboard: a phone number, the consent, send. */
async function sendByKeyboard(employee: Page): Promise<void> {
  const field = async (name: string) => (await employee.waitForSelector(`aria/${name}`, { timeout: 15_000 }))!;
  await (await field('Telefoonnummer (telefoon of e-mail verplicht)')).focus();
  await employee.keyboard.type('+31 20 000 0003');
  await (await field('Ik heb gelezen wat er met mijn verzoek gebeurt (verplicht)')).focus();
  await employee.keyboard.press('Space');
  await (await field('Versleuteld versturen')).focus();
  await employee.keyboard.press('Enter');
}

/** The configurator with axe-core in it (the page's CSP set aside for axe alone), and its audit. */
async function openAuditedConfigurator(): Promise<{ page: Page; audit: Awaited<ReturnType<typeof injectAxe>> }> {
  const page = await openConfigurator();
  await page.setBypassCSP(true);
  await page.reload({ waitUntil: 'networkidle0' });
  return { page, audit: await injectAxe(page) };
}

/** Replaces a field's text by keyboard, then leaves it (Tab), as a person would. */
async function fill(page: Page, id: string, text: string): Promise<void> {
  const input = (await page.waitForSelector(`pierce/#${id}`))!;
  await input.focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

/**
 * Waits until the configurator shows the element with this id. Polled: changes inside its shadow
 * root do not wake puppeteer's mutation-based waiting.
 */
async function shown(page: Page, id: string): Promise<void> {
  await page.waitForFunction((id) => Boolean(document.querySelector('vp-configurator')?.shadowRoot?.getElementById(id)), { polling: 100, timeout: 20_000 }, id);
}

const textOf = (page: Page, id: string) => page.$eval(`pierce/#${id}`, (element) => element.textContent ?? '').catch(() => null);
const grouped = (fingerprint: string) => fingerprint.match(/.{4}/g)!.join(' ');

/** The field shows this error (linked to it and marked invalid), and there is no code and no preview. */
async function expectNoCode(page: Page, id: string, words: string): Promise<void> {
  await shown(page, `error-${id}`);
  expect(await textOf(page, `error-${id}`)).toContain(words);
  const input = await page.$(`pierce/#${id}`);
  expect(await input!.evaluate((element) => [element.getAttribute('aria-invalid'), element.getAttribute('aria-describedby')])).toEqual(['true', expect.stringContaining(`error-${id}`)]);
  expect(await page.$('pierce/#embed-code')).toBeNull();
  expect(await textOf(page, 'no-code')).toContain('Nog geen code');
  expect(await page.$('pierce/#preview vp-contact')).toBeNull();
}

async function fillGood(page: Page): Promise<void> {
  await fill(page, 'relay', relayUrl);
  await fill(page, 'mailbox', MAILBOX);
  await fill(page, 'fingerprints', grouped(prepared.fingerprint));
  await fill(page, 'provider-name', 'Vertrouwenspersonen Voorbeeld');
  await fill(page, 'provider-phone', '+31 20 000 0000');
  await fill(page, 'provider-email', 'vp@voorbeeld.example');
}

describe('the configurator, in Chromium', () => {
  it("its embed code and CSP lines, pasted into a fresh page, send a request the counsellor pulls", async () => {
    const page = await openConfigurator();
    await fillGood(page);
    await shown(page, 'embed-code');
    expect(await textOf(page, 'check')).toContain('Gecontroleerd');
    let embed = (await textOf(page, 'embed-code'))!;
    const csp = (await textOf(page, 'csp-element'))!;
    const integrity = (await readFile(join(DIST, 'standalone/vp-contact.js.sri'), 'utf8')).trim();
    expect(embed).toContain(`integrity="${integrity}"`);
    expect(csp).toBe(`script-src 'self'; connect-src ${relayUrl}`);
    // A terms setting from the contract goes into the code as it is chosen.
    await (await page.waitForSelector('pierce/#hr-notice'))!.select('anonymous');
    await page.waitForFunction(
      () => document.querySelector('vp-configurator')?.shadowRoot?.getElementById('embed-code')?.textContent?.includes('hr-notice="anonymous"'),
      { polling: 100, timeout: 10_000 },
    );
    // The live preview is a working widget with these settings.
    expect(await page.$eval('pierce/#preview vp-contact', (element) => element.getAttribute('mailbox'))).toBe(MAILBOX);
    // With the frame's addresses, the command and the iframe appear too.
    embed = (await textOf(page, 'embed-code'))!;
    await fill(page, 'frameUrl', 'https://vp-frame.voorbeeld.example/');
    await fill(page, 'frameAncestors', 'https://intranet.voorbeeld.example https://voorbeeld.sharepoint.com');
    await shown(page, 'frame-command');
    expect(await textOf(page, 'frame-command')).toContain('--hr-notice anonymous');
    expect(await textOf(page, 'frame-command')).toContain('--frame-ancestors https://voorbeeld.sharepoint.com');
    expect(await textOf(page, 'csp-frame')).toBe('frame-src https://vp-frame.voorbeeld.example');
    // And the frame page itself, with its headers, as downloads.
    const download = (id: string) => page.$eval(`pierce/#${id}`, (link) => [link.getAttribute('download'), link.getAttribute('href'), link.textContent]);
    const [pageName, pageHref, pageLinkText] = (await download('download-indexhtml')) as [string, string, string];
    expect([pageName, pageLinkText]).toEqual(['index.html', 'Download index.html']);
    const [headersName, headersHref] = (await download('download-headers')) as [string, string];
    expect(headersName).toBe('_headers');
    downloaded.page = decodeURIComponent(pageHref.slice(pageHref.indexOf(',') + 1));
    downloaded.headers = decodeURIComponent(headersHref.slice(headersHref.indexOf(',') + 1));
    expect(await textOf(page, 'frame-copy')).toContain('vp-contact-frame.js');
    await page.close();

    const framed = await browser.newPage();
    const frameErrors: string[] = [];
    framed.on('pageerror', (error) => frameErrors.push(String(error)));
    framed.on('console', (message) => {
      if (message.type() === 'error') frameErrors.push(message.text());
    });
    await framed.goto(`${frameSite}/`, { waitUntil: 'networkidle0' });
    await framed.waitForSelector('aria/Versleuteld versturen', { timeout: 15_000 });
    expect(await framed.$eval('vp-contact', (element) => [element.getAttribute('mailbox'), element.getAttribute('hr-notice'), element.getAttribute('provider-name')])).toEqual([
      MAILBOX,
      'anonymous',
      'Vertrouwenspersonen Voorbeeld',
    ]);
    expect(frameErrors).toEqual([]);
    await framed.close();

    fresh.policy = `default-src 'none'; ${csp}; style-src 'self'; base-uri 'none'; form-action 'none'`;
    fresh.html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Nieuwe pagina</title></head><body><main><h1>Vertrouwenspersoon</h1>\n${embed}</main></body></html>`;
    const employee = await browser.newPage();
    const errors: string[] = [];
    employee.on('pageerror', (error) => errors.push(String(error)));
    await employee.goto(`${site}/fresh/`, { waitUntil: 'networkidle0' });
    await sendByKeyboard(employee);
    await employee.waitForFunction(() => document.querySelector('vp-contact')?.shadowRoot?.querySelector('.reference')?.textContent, { timeout: 30_000 });
    expect(errors).toEqual([]);
    await employee.close();

    const inbox = join(dir, 'inbox');
    await run(process.execPath, [COUNSELLOR_BIN, 'pull', '--relay', `${relayUrl}/`, '--mailbox', MAILBOX, '--token-file', prepared.tokenFile, '--inbox', inbox]);
    expect((await readdir(inbox)).filter((name) => name.endsWith('.asc'))).toHaveLength(1);
  });

  it('shows invalid input next to the field and gives no code', async () => {
    const page = await openConfigurator();
    await fillGood(page);
    await shown(page, 'embed-code');

    await fill(page, 'relay', 'http://relay.voorbeeld.example');
    await expectNoCode(page, 'relay', 'moet met https:// beginnen');
    await fill(page, 'relay', relayUrl);
    await shown(page, 'embed-code');

    await fill(page, 'fingerprints', grouped(prepared.fingerprint).slice(0, 20));
    await expectNoCode(page, 'fingerprints', '40 (of 64) tekens');

    // A fingerprint of the right form but another key: the relay's key does not match it.
    await fill(page, 'fingerprints', grouped('AAAABBBBCCCCDDDDEEEEFFFF0000111122223333'));
    await expectNoCode(page, 'fingerprints', 'andere vingerafdruk');

    // Nothing listens there: a real network failure is "not reachable", and says nothing about the mailbox.
    await fill(page, 'fingerprints', grouped(prepared.fingerprint));
    await fill(page, 'relay', 'http://localhost:9');
    await expectNoCode(page, 'relay', 'niet bereikbaar');
    expect(await textOf(page, 'error-relay')).not.toMatch(/kent deze mailbox|geen mailbox met deze id/);
    expect(await textOf(page, 'error-mailbox')).toBeNull();
    await page.close();
  });

  it('a mistyped mailbox id: the relay is reachable but has no such mailbox, said at the mailbox field in Dutch and English; axe-core finds nothing', async () => {
    const { page, audit } = await openAuditedConfigurator();
    await fillGood(page);
    await shown(page, 'embed-code');

    await fill(page, 'mailbox', `${MAILBOX}x`);
    await expectNoCode(page, 'mailbox', 'De relay is bereikbaar, maar heeft geen mailbox met deze id');
    expect(await textOf(page, 'error-mailbox')).toContain('vraag de juiste id na bij je aanbieder');
    // Not taken for a network problem: the relay's field shows nothing.
    expect(await textOf(page, 'error-relay')).toBeNull();
    expect(await audit(), 'mistyped mailbox id').toEqual([]);

    await (await page.waitForSelector('pierce/button[aria-label="Switch to English"]'))!.click();
    await shown(page, 'no-code');
    await page.waitForFunction(() => document.documentElement.lang === 'en', { polling: 100 });
    expect(await textOf(page, 'error-mailbox')).toContain('The relay can be reached, but it has no mailbox with this id');
    expect(await audit(), 'mistyped mailbox id, in English').toEqual([]);

    // Corrected, the code comes back.
    await fill(page, 'mailbox', MAILBOX);
    await shown(page, 'embed-code');
    expect(await textOf(page, 'error-mailbox')).toBeNull();
    await page.close();
  });

  it('the widget on a page of another origin than the relay, with a mistyped mailbox id: it reads the 404 and says the relay refused, not that it is unreachable', async () => {
    const integrity = (await readFile(join(DIST, 'standalone/vp-contact.js.sri'), 'utf8')).trim();
    fresh.policy = `default-src 'none'; script-src 'self'; connect-src ${relayUrl}; style-src 'self'; base-uri 'none'; form-action 'none'`;
    fresh.html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Nieuwe pagina</title></head><body><main><h1>Vertrouwenspersoon</h1>
<script type="module" src="/vp-contact/vp-contact.js" integrity="${integrity}" crossorigin="anonymous"></script>
<vp-contact relay="${relayUrl}" mailbox="${MAILBOX}x" fingerprints="${grouped(prepared.fingerprint)}" provider-phone="+31 20 000 0000" provider-email="vp@voorbeeld.example"></vp-contact>
</main></body></html>`;
    const employee = await browser.newPage();
    const errors: string[] = [];
    const warnings: string[] = [];
    employee.on('pageerror', (error) => errors.push(String(error)));
    employee.on('console', (message) => {
      if (message.type() === 'warn') warnings.push(message.text());
    });
    await employee.goto(`${site}/fresh/`, { waitUntil: 'networkidle0' });
    await employee.evaluate(() => {
      const codes: string[] = [];
      (window as unknown as { vpCodes: string[] }).vpCodes = codes;
      document.addEventListener('vp-error', (event) => codes.push(event.detail.code));
    });
    await sendByKeyboard(employee);
    // Either reason's words: the test must end on the answer, whichever it is.
    await employee.waitForFunction(() => /geweigerd|niet bereikbaar/.test(document.querySelector('vp-contact')?.shadowRoot?.querySelector('.failure')?.textContent ?? ''), {
      polling: 100,
      timeout: 30_000,
    });
    expect(await employee.evaluate(() => (window as unknown as { vpCodes: string[] }).vpCodes)).toEqual(['relay-rejected']);
    const failure = await employee.$eval('pierce/.failure', (panel) => panel.textContent ?? '');
    expect(failure).toContain('geweigerd');
    expect(failure).not.toContain('niet bereikbaar');
    // For the web administrator, the console names the relay's answer.
    expect(warnings.join('\n')).toContain('404 (unknown-mailbox)');
    expect(errors).toEqual([]);
    await employee.close();
  });

  it('axe-core finds nothing, with the code shown and with an error shown, in Dutch and in English', async () => {
    const { page, audit } = await openAuditedConfigurator();
    expect(await audit(), 'empty').toEqual([]);
    await fillGood(page);
    await fill(page, 'frameUrl', 'https://vp-frame.voorbeeld.example/');
    await fill(page, 'frameAncestors', 'https://intranet.voorbeeld.example');
    await shown(page, 'frame-command');
    await page.waitForFunction(() => Boolean(document.querySelector('vp-configurator')?.shadowRoot?.querySelector('#preview vp-contact')), { polling: 100 });
    expect(await audit(), 'with code').toEqual([]);
    await fill(page, 'response-hours', 'morgen');
    await shown(page, 'error-response-hours');
    expect(await audit(), 'with an error').toEqual([]);
    await (await page.waitForSelector('pierce/button[aria-label="Switch to English"]'))!.click();
    await shown(page, 'no-code');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await textOf(page, 'error-response-hours')).toContain('whole number');
    expect(await audit(), 'in English').toEqual([]);
    await page.close();
  });
});
