// Issue 13's budget: the yearly report of one employer over 10,000 cases in at most 1 s after
// unlock (reading the register, counting, suppressing, rendering the HTML and the CSV). Filling
// the register is not measured. Measures the built package (npm run build first). Part 'reports'
// of bench/run.mjs, which holds the budget: npm run bench -- reports.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { removeDir, ROOT, tempDir } from './fixtures.mjs';
import { round } from './stats.mjs';

const DIST = join(ROOT, 'packages/counsellor/dist');
const EMPLOYER = 'Voorbeeld B.V.';
const YEAR = 2025;
const RUNS = 5;

const load = (file) => import(pathToFileURL(join(DIST, file)).href);

/**
 * Fills a register with `cases` demo cases of one employer, then makes its yearly report RUNS
 * times, each on a freshly opened register (as after unlock; deriving the key is not part of the
 * report). Returns the median and every run, in ms.
 */
export async function measureYearlyReport({ cases = 10_000, log = () => {} } = {}) {
  const { Register } = await load('workplace/register.js');
  const { demoCases, writeCase } = await load('reports/demo-data.js');
  const { rowsFromRegister } = await load('reports/rows.js');
  const { buildYearlyReport } = await load('reports/yearly.js');
  const { DEFAULT_REPORT_SETTINGS } = await load('reports/report-settings.js');
  const { yearlyReportCsv, yearlyReportHtml } = await load('reports/render.js');

  const dir = await tempDir('report');
  const key = randomBytes(32);
  try {
    let register = Register.open(dir, key);
    const mailboxId = 'voorbeeld@demo.invalid';
    // Every case registered, so every one is counted (a demo case may have no registration yet).
    const fill = demoCases(cases, YEAR, 13).map((c) => ({
      ...c,
      mailboxId,
      employer: EMPLOYER,
      registration: c.registration ?? { unit: null, region: null, categories: ['other'], reporterRole: 'affected', support: ['listening'], outcome: 'no-further-action', contacts: 1 },
    }));
    const fillStart = performance.now();
    register.bulk(() => fill.forEach((c, i) => writeCase(register, c, `bench-${i}`)));
    const fillMs = performance.now() - fillStart;
    register.close();
    log(`filled ${cases} cases in ${Math.round(fillMs)} ms (not measured)`);

    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      register = Register.open(dir, key);
      try {
        const start = performance.now();
        const rows = rowsFromRegister(register, EMPLOYER, YEAR);
        const report = buildYearlyReport({ employer: EMPLOYER, year: YEAR, rows, settings: DEFAULT_REPORT_SETTINGS });
        yearlyReportHtml(report, 'nl');
        yearlyReportCsv(report, 'nl');
        runs.push(performance.now() - start);
        if (rows.length !== cases) throw new Error(`the yearly report counted ${rows.length} cases, not the ${cases} in the register`);
      } finally {
        register.close();
      }
    }
    const sorted = [...runs].sort((a, b) => a - b);
    return { cases, runs: runs.map((r) => round(r)), medianMs: round(sorted[Math.floor(sorted.length / 2)]) };
  } finally {
    await removeDir(dir);
  }
}
