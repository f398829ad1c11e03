// The reports screen in Debian's Chromium against `vp-counsellor serve` (the built CLI): the
// counsellor picks an employer and year, types the text on trends and advice, saves it, and opens
// the yearly report page, which shows the text. axe-core finds nothing on the screen or the report
// page, and the CSP is never broken (the report's styles come from the app, not inline).
import { spawn, type ChildProcess } from 'node:child_process';
import getPort from 'get-port';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeys, tempDir } from '@vp-contact/test-kit';
import { PASSPHRASE, writeWorkplaceSettings } from '../src/test-support/workplace.js';
import { demoCases, writeCase } from '../src/reports/demo-data.js';
import { openRegisterWith } from '../src/reports/open-register.js';
import { readWorkplaceSettings } from '../src/workplace/settings.js';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { audit, auditedTab } from './test-support/audited-tab.js';
import { COUNSELLOR_BIN } from '../../../scripts/demo.mjs';

const temp = tempDir('vp-reports-ui-');
let child: ChildProcess | undefined;
let browser: Browser | undefined;
let link = '';
const YEAR = 2025;

beforeAll(async () => {
  const key = await makeKeys();
  const settingsFile = writeWorkplaceSettings(temp.dir, key, [{ employer: 'Voorbeeld B.V.', relay: 'http://127.0.0.1:9', mailbox: 'voorbeeld', token: 'x'.repeat(43) }]);
  const settings = await readWorkplaceSettings(settingsFile);
  const open = await openRegisterWith(settings, PASSPHRASE);
  open.register.bulk(() => demoCases(80, YEAR, 3).forEach((c, i) => writeCase(open.register, { ...c, mailboxId: settings.mailboxes[0]!.id, employer: 'Voorbeeld B.V.' }, `ui-${i}`)));
  open.close();
  const port = await getPort();
  child = spawn(process.execPath, [COUNSELLOR_BIN, 'serve', '--config', settingsFile, '--port', String(port), '--lang', 'nl'], { stdio: ['ignore', 'pipe', 'pipe'] });
  link = await new Promise<string>((resolve, reject) => {
    let out = '';
    child!.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const found = /http:\/\/127\.0\.0\.1:\d+\/open\/[A-Za-z0-9_-]+/.exec(out)?.[0];
      if (found) resolve(found);
    });
    child!.once('exit', (code) => reject(new Error(`serve stopped (${code}): ${out}`)));
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  temp.remove();
});


describe('the reports screen', () => {
  it('saves the text typed in the app and opens the yearly report with it; no axe or CSP findings', async () => {
    const page = await auditedTab(browser!);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(link, { waitUntil: 'networkidle0' });
    // Unlocked as the counsellor does it, then to the reports by the menu.
    const passphrase = await page.waitForSelector('aria/Wachtwoordzin', { timeout: 30_000 });
    await passphrase!.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    const menu = await page.waitForSelector('aria/Verslagen[role="link"]', { timeout: 30_000 });
    await menu!.click();
    // Lit draws into shadow roots, which a selector wait (a MutationObserver on the document) does
    // not watch: drawn just after its first look, it would wait for ever. So look by the clock.
    await page.waitForFunction(() => Boolean(document.querySelector('vp-workplace')?.shadowRoot?.querySelector('vp-reports')?.shadowRoot?.querySelector('#rp-year')), {
      polling: 100,
      timeout: 30_000,
    });
    expect(errors).toEqual([]);
    await page.$eval('pierce/#rp-year', (el) => {
      (el as HTMLInputElement).value = '2025';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await audit(page, 'reports screen');
    const text = 'Meer vragen over werkdruk in het voorjaar. Advies: bespreek de roosters in het teamoverleg.';
    await page.type('pierce/#rp-text', text);
    await page.click('pierce/button.primary');
    await page.waitForFunction(() => document.querySelector('vp-workplace')?.shadowRoot?.querySelector('vp-reports')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('opgeslagen'));
    const href = await page.$eval('pierce/a[target=_blank]', (a) => (a as HTMLAnchorElement).href);
    expect(href).toContain('/api/reports/yearly?mailbox=');
    const report = await auditedTab(browser!);
    await report.goto(href);
    expect(await report.$eval('h1', (h) => h.textContent)).toBe(`Jaarverslag vertrouwenspersoon ${YEAR}: Voorbeeld B.V.`);
    expect(await report.$eval('.counsellor-text', (p) => p.textContent)).toBe(text);
    await audit(report, 'yearly report page');
    await report.close();
    await page.close();
  }, 120_000);
});
