// The workplace's pages in Chromium with their CSP on: axe-core goes in through the DevTools
// protocol, which the page's CSP does not govern, and every CSP violation is recorded so each audit
// can insist there was none.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A new tab with axe-core loaded and CSP violations recorded, before any page script runs. */
export async function auditedTab(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(await readFile(axeSource, 'utf8'));
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return page;
}

/** No CSP violation so far, and axe-core (WCAG 2.2 AA and best practice) finds nothing in `state`. */
export async function audit(page: Page, state: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), `${state}: CSP`).toEqual([]);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations, state).toEqual([]);
}
