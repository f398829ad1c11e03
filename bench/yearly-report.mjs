// Issue 13's budget: the yearly report of one employer over 10,000 cases in at most 1 s after
// unlock (reading the register, counting, suppressing, rendering the HTML and the CSV). Filling
// the register is not measured. Measures the built package: run npm run build first.
//
//   node bench/yearly-report.mjs            prints the figures and PASS/MISS; exit 1 on a miss
//
// It prints a JSON line at the end for bench/results.json (this script does not write that file).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const CASES = 10_000;
const BUDGET_MS = 1000;
const YEAR = 2025;
const dist = new URL('../packages/counsellor/dist/', import.meta.url);
const { Register } = await import(new URL('workplace/register.js', dist));
const { demoCases, writeCase } = await import(new URL('reports/demo-data.js', dist));
const { rowsFromRegister } = await import(new URL('reports/rows.js', dist));
const { buildYearlyReport } = await import(new URL('reports/yearly.js', dist));
const { DEFAULT_REPORT_SETTINGS } = await import(new URL('reports/report-settings.js', dist));
const { yearlyReportCsv, yearlyReportHtml } = await import(new URL('reports/render.js', dist));

const dir = await mkdtemp(join(tmpdir(), 'vp-bench-report-'));
const key = randomBytes(32);
try {
  let register = Register.open(dir, key);
  const mailboxId = 'voorbeeld@demo.invalid';
  const cases = demoCases(CASES, YEAR, 13).map((c) => ({ ...c, mailboxId, employer: 'Voorbeeld B.V.', registration: c.registration ?? { unit: null, region: null, categories: ['other'], reporterRole: 'affected', support: ['listening'], outcome: 'no-further-action', contacts: 1 } }));
  const fillStart = performance.now();
  register.bulk(() => cases.forEach((c, i) => writeCase(register, c, `bench-${i}`)));
  const fillMs = performance.now() - fillStart;
  register.close();

  // "After unlock": the register is open (unlocking derives its key: not part of the report), then the report is made.
  const runs = [];
  for (let i = 0; i < 5; i++) {
    register = Register.open(dir, key);
    const start = performance.now();
    const rows = rowsFromRegister(register, 'Voorbeeld B.V.', YEAR);
    const report = buildYearlyReport({ employer: 'Voorbeeld B.V.', year: YEAR, rows, settings: DEFAULT_REPORT_SETTINGS });
    yearlyReportHtml(report, 'nl');
    yearlyReportCsv(report, 'nl');
    runs.push(performance.now() - start);
    register.close();
    if (rows.length !== CASES) throw new Error(`expected ${CASES} rows, got ${rows.length}`);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  const ok = median <= BUDGET_MS;
  process.stdout.write(`filled ${CASES} cases in ${Math.round(fillMs)} ms (not measured)\n`);
  process.stdout.write(`yearly report over ${CASES} cases: median ${Math.round(median)} ms of ${runs.length} runs (${runs.map((r) => Math.round(r)).join(', ')})\n`);
  process.stdout.write(`${ok ? 'PASS' : 'MISS'}  yearly report: ${Math.round(median)} ms (at most ${BUDGET_MS} ms; margin ${ok ? '+' : ''}${Math.round(((BUDGET_MS - median) / BUDGET_MS) * 100)}%)\n`);
  process.stdout.write(`${JSON.stringify({ yearlyReport: { cases: CASES, medianMs: Math.round(median), budgetMs: BUDGET_MS, ok } })}\n`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
