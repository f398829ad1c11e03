// axe-core in the example pages, for the end-to-end tests: one set of rules (WCAG 2.2 A and AA, and
// best practice) and one way of reading the result, so every page is held to the same bar.
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Loads axe-core into the page and returns an audit: the violations, one line each (rule and
 * elements), none when the page passes. The page's own strict CSP would refuse the script, so the
 * test turns on page.setBypassCSP(true) before the page loads.
 */
export async function injectAxe(page: Page): Promise<() => Promise<string[]>> {
  await page.addScriptTag({ path: axeSource });
  return () =>
    page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
}
