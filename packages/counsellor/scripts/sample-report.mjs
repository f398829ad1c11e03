// Makes the sample yearly report in docs/ from demo data (npm run build -w @vp-contact/counsellor
// first): docs/sample-report.png (a screenshot in Chromium) and docs/sample-report.csv.
//   node packages/counsellor/scripts/sample-report.mjs
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const dist = new URL('../dist/', import.meta.url);
const docs = new URL('../docs/', import.meta.url);
const { Register } = await import(new URL('workplace/register.js', dist));
const { fillWithDemoCases } = await import(new URL('reports/demo-data.js', dist));
const { rowsFromRegister } = await import(new URL('reports/rows.js', dist));
const { buildYearlyReport } = await import(new URL('reports/yearly.js', dist));
const { parseReportSettings } = await import(new URL('reports/report-settings.js', dist));
const { yearlyReportCsv, yearlyReportHtml } = await import(new URL('reports/render.js', dist));
const { chromiumPath } = await import(new URL('reports/pdf.js', dist));

const YEAR = 2025;
const dir = await mkdtemp(join(tmpdir(), 'vp-sample-'));
const register = Register.open(dir, randomBytes(32));
try {
  fillWithDemoCases(register, 120, YEAR, 13);
  const settings = parseReportSettings(
    { employers: { 'Voorbeeld B.V.': { units: { Logistiek: 240, Kantoor: 90, Werkplaats: 60, Klantenservice: 35 }, regions: { Noord: 200, Midden: 150, Zuid: 80 } } } },
    'sample',
  );
  const report = buildYearlyReport({
    employer: 'Voorbeeld B.V.',
    year: YEAR,
    rows: rowsFromRegister(register, 'Voorbeeld B.V.', YEAR),
    settings,
    text: 'Verzonnen voorbeeldtekst. In het tweede kwartaal kwamen meer vragen over werkdruk en conflicten binnen. Advies: maak de werkverdeling bespreekbaar in het teamoverleg en vertel medewerkers opnieuw waar ze terechtkunnen.',
  });
  await writeFile(new URL('sample-report.csv', docs), yearlyReportCsv(report, 'nl'));
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 820, height: 1100, deviceScaleFactor: 1 });
    await page.setContent(yearlyReportHtml(report, 'nl'), { waitUntil: 'load' });
    await page.screenshot({ path: new URL('sample-report.png', docs).pathname, fullPage: true });
  } finally {
    await browser.close();
  }
} finally {
  register.close();
  await rm(dir, { recursive: true, force: true });
}
