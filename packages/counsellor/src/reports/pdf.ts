/**
 * The PDF of a report page, printed by Debian's Chromium through puppeteer-core. Why Chromium and
 * not a PDF library: the PDF is then the very page the counsellor saw, with the same print styles
 * (one layout to keep right, accessible text in the PDF, Dutch characters and fonts handled by the
 * browser). puppeteer-core brings no browser of its own: it drives /usr/bin/chromium, or the one
 * CHROME_PATH names. The page is loaded with JavaScript off and no network: it needs neither.
 */
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { WorkplaceError } from '../workplace/errors.js';

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new WorkplaceError('settings-invalid', `No Chromium at ${path}: install Debian's chromium package, or set CHROME_PATH to a Chromium or Chrome. (CSV and HTML work without it.)`);
  }
  return path;
}

export async function htmlToPdf(html: string, env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(env),
    headless: true,
    // Chromium's sandbox cannot run as root (CI containers); everywhere else it stays on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--no-first-run', '--disable-extensions'],
  });
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    // Nothing leaves the machine: the page is self-contained, so every request is refused.
    page.on('request', (request) => void (request.url().startsWith('data:') ? request.continue() : request.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true });
  } finally {
    await browser.close();
  }
}
