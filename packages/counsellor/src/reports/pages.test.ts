// The report pages in Debian's Chromium: axe-core finds no WCAG 2.2 AA violations, on screen and
// in print, in Dutch and English.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYER, makeFixture, tempRegister, writeFixture, YEAR } from '../test-support/reports-fixture.js';
import { buildHoursSpec } from './hours.js';
import { chromiumPath } from './pdf.js';
import { hoursSpecHtml, yearlyReportHtml } from './render.js';
import { DEFAULT_REPORT_SETTINGS } from './report-settings.js';
import { rowsFromRegister } from './rows.js';
import { buildYearlyReport } from './yearly.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
const pages: [string, string][] = [];

beforeAll(async () => {
  const { register } = tempRegister();
  writeFixture(register, makeFixture(120, 4));
  const report = buildYearlyReport({ employer: EMPLOYER, year: YEAR, rows: rowsFromRegister(register, EMPLOYER, YEAR), settings: DEFAULT_REPORT_SETTINGS, text: 'Meer meldingen over werkdruk in het tweede kwartaal.\nAdvies: bespreek de roosters.' });
  const spec = buildHoursSpec(register, EMPLOYER, `${YEAR}-03`, DEFAULT_REPORT_SETTINGS);
  register.close();
  for (const lang of ['nl', 'en'] as const) {
    pages.push([`yearly ${lang}`, yearlyReportHtml(report, lang)], [`hours ${lang}`, hoursSpecHtml(spec, lang)]);
  }
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the report pages', () => {
  it('have no axe violations (WCAG 2.2 AA), on screen and in print', async () => {
    expect(pages).toHaveLength(4);
    for (const [name, html] of pages) {
      for (const media of ['screen', 'print'] as const) {
        const page = await browser.newPage();
        await page.emulateMediaType(media);
        await page.setContent(html, { waitUntil: 'load' });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
          return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
        });
        expect(violations, `${name} ${media}`).toEqual([]);
        await page.close();
      }
    }
  }, 120_000);
});
