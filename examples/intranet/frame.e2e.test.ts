// The isolated frame in Debian's Chromium: the demo's frame page (made as vp-contact-frame makes
// one, served from an origin of its own with the headers of its _headers file) inside the example
// intranet under a strict, SharePoint-like CSP. An employee sends from the frame and GnuPG decrypts
// what the counsellor pulls; the intranet page cannot read the frame's form; the frame refuses to
// show inside an origin it was not made for; the parent hears nothing but the height; axe-core
// finds nothing in the frame.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import getPort from 'get-port';
import type { Browser, ConsoleMessage, ElementHandle, Frame, KeyInput, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gpg } from '@vp-contact/test-kit';
import { launchChromium } from '../../scripts/chromium.mjs';
import { COUNSELLOR_BIN, startDemo } from '../../scripts/demo.mjs';
import { CONFIGURATOR_POLICY } from '../../packages/widget/configurator/policy.mjs';
import { injectAxe } from './axe-audit.js';

const run = promisify(execFile);

/** What the test uses of the running demo (startDemo is JavaScript, so its type is spelled out here). */
interface Demo {
  intranetUrl: string;
  frameUrl: string;
  relayUrl: string;
  mailbox: string;
  tokenFile: string;
  keyDir: string;
  passphraseFile: string;
  stop(): Promise<void>;
}
let dir: string;
let demo: Demo;
let browser: Browser;
let intranetPort: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-frame-e2e-'));
  intranetPort = await getPort({ host: '127.0.0.1' });
  demo = (await startDemo({
    dir,
    intranetPort,
    relayPort: await getPort({ host: '127.0.0.1' }),
    framePort: await getPort({ host: '127.0.0.1' }),
  }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Heard {
  origin: string;
  data: unknown;
}

/** Opens an intranet page with the frame; every message the top page receives is recorded. */
async function openParent(url: string): Promise<{ page: Page; heard: () => Promise<Heard[]>; consoleLines: string[] }> {
  const page = await browser.newPage();
  const consoleLines: string[] = [];
  page.on('console', (message: ConsoleMessage) => consoleLines.push(message.text()));
  await page.evaluateOnNewDocument(() => {
    if (window !== window.top) return;
    const heard: { origin: string; data: unknown }[] = [];
    Object.defineProperty(window, '__heard', { value: heard });
    addEventListener('message', (event) => heard.push({ origin: event.origin, data: event.data }), true);
  });
  await page.goto(url, { waitUntil: 'networkidle0' });
  const heard = () => page.evaluate(() => structuredClone((window as unknown as { __heard: Heard[] }).__heard));
  return { page, heard, consoleLines };
}

function frameOf(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(demo.frameUrl));
  if (!frame) throw new Error(`no frame from ${demo.frameUrl}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
  return frame;
}

async function field(frame: Frame, name: string): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForSelector(`aria/${name}`, { timeout: 15_000 });
  if (!handle) throw new Error(`no field labelled "${name}"`);
  return handle;
}

async function type(page: Page, frame: Frame, name: string, text: string): Promise<void> {
  await (await field(frame, name)).focus();
  await page.keyboard.type(text);
}

async function press(page: Page, frame: Frame, name: string, key: KeyInput = 'Space'): Promise<void> {
  await (await field(frame, name)).focus();
  await page.keyboard.press(key);
}

const MESSAGE = 'Een collega maakt steeds grappen over mijn geloof. Ik wil graag praten.';
const PHONE = '+31 20 000 0002';

describe('the isolated frame, in Chromium', () => {
  it('an employee sends from the frame; GnuPG decrypts what the counsellor pulls; the parent hears only the height', async () => {
    const { page, heard } = await openParent(new URL('frame/', demo.intranetUrl).href);
    const frame = frameOf(page);
    await type(page, frame, 'Telefoonnummer (telefoon of e-mail verplicht)', PHONE);
    await type(page, frame, 'Bericht (niet verplicht)', MESSAGE);
    await press(page, frame, 'Ik heb gelezen wat er met mijn verzoek gebeurt (verplicht)');
    await press(page, frame, 'Versleuteld versturen', 'Enter');
    await frame.waitForFunction(() => document.querySelector('vp-contact')?.shadowRoot?.querySelector('.reference')?.textContent, { timeout: 30_000 });

    // The top page heard something, and all of it is a height (a plain number) from the frame's origin.
    const messages = await heard();
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.origin).toBe(new URL(demo.frameUrl).origin);
      expect(typeof message.data).toBe('number');
    }
    // The host script sized the iframe to the last height.
    const last = messages.at(-1)!.data as number;
    expect(await page.$eval('iframe', (iframe) => (iframe).style.height)).toBe(`${last}px`);

    // A script on the intranet page cannot reach into the frame: it has no document for it, and
    // reaching through its window throws.
    const reach = await page.evaluate(() => {
      const iframe = document.querySelector('iframe')!;
      const attempts: string[] = [`contentDocument:${iframe.contentDocument === null ? 'null' : 'readable'}`];
      try {
        attempts.push(`document:${iframe.contentWindow!.document.querySelector('vp-contact') ? 'readable' : 'empty'}`);
      } catch (error) {
        attempts.push(`document:${(error as Error).name}`);
      }
      try {
        attempts.push(`location:${iframe.contentWindow!.location.href}`);
      } catch (error) {
        attempts.push(`location:${(error as Error).name}`);
      }
      return attempts;
    });
    expect(reach).toEqual(['contentDocument:null', 'document:SecurityError', 'location:SecurityError']);
    await page.close();

    // The counsellor pulls; GnuPG, not our own code, decrypts the stored file.
    const inbox = join(dir, 'inbox');
    await run(process.execPath, [COUNSELLOR_BIN, 'pull', '--relay', demo.relayUrl, '--mailbox', demo.mailbox, '--token-file', demo.tokenFile, '--inbox', inbox]);
    const files = (await readdir(inbox)).filter((name) => name.endsWith('.asc'));
    expect(files).toHaveLength(1);
    const gpg = new Gpg();
    try {
      const passphrase = (await readFile(demo.passphraseFile, 'utf8')).trim();
      gpg.run(['--import'], { input: await readFile(join(demo.keyDir, 'private.asc'), 'utf8'), passphrase });
      const plaintext = gpg.run(['--decrypt', join(inbox, files[0]!)], { passphrase });
      expect(plaintext).toContain(MESSAGE);
      expect(plaintext).toContain(PHONE);
    } finally {
      gpg.dispose();
    }
  });

  it('the frame refuses to show inside an origin it was not made for (frame-ancestors)', async () => {
    // The same intranet page from http://127.0.0.1:…: another origin than the http://localhost:… the frame allows.
    const { page, heard, consoleLines } = await openParent(`http://127.0.0.1:${intranetPort}/frame/`);
    const child = page.frames().find((frame) => frame !== page.mainFrame());
    expect(child).toBeDefined();
    expect(child!.url()).not.toBe(demo.frameUrl);
    expect(consoleLines.some((line) => line.includes('frame-ancestors'))).toBe(true);
    expect(await heard()).toEqual([]);
    await page.close();
  });

  it('the frame page loads without errors, and axe-core finds nothing in it', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(demo.frameUrl, { waitUntil: 'networkidle0' });
    await page.waitForSelector('aria/Bericht (niet verplicht)', { timeout: 15_000 });
    expect(problems).toEqual([]);
    // axe is injected by the test, so the page's own strict CSP is bypassed for it.
    await page.setBypassCSP(true);
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector('aria/Bericht (niet verplicht)', { timeout: 15_000 });
    const audit = await injectAxe(page);
    expect(await audit()).toEqual([]);
    await page.close();
  });

  it('the frame host sends the _headers of the made folder and does not serve the host configuration; npm start serves the configurator', async () => {
    const page = await fetch(demo.frameUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors ${new URL(demo.intranetUrl).origin}`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src ${new URL(demo.relayUrl).origin}`);
    for (const file of ['_headers', 'nginx.conf', 'apache.conf']) expect((await fetch(new URL(file, demo.frameUrl))).status).toBe(404);

    const configurator = await fetch(new URL('configurator/', demo.intranetUrl));
    expect(configurator.status).toBe(200);
    expect(configurator.headers.get('content-security-policy')).toBe(CONFIGURATOR_POLICY);
    expect(await configurator.text()).toContain('<vp-configurator>');
  });
});
