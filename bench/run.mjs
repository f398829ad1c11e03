// npm run bench: what users feel and providers pay for (issue 7). Builds nothing: it measures
// what `npm run build` made. Prints a table, writes bench/results.json, checks the budgets (each
// printed with its margin) and exits 1 when one is missed.
//
//   node bench/run.mjs                      every part
//   node bench/run.mjs widget relay         only these parts (widget, frame, encryption, relay, counsellor, workplace, reports, pages)
//
// VP_BENCH_DATABASE_URL: the PostgreSQL database for the relay's PostgreSQL store (default: the
// test database on the local socket); skipped with a line when it does not answer.
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { WIDGET_BUDGETS } from '../packages/widget/rollup/budget.mjs';
import { makeEnvelopes, makeKey, missingBuilds, removeDir, ROOT, tempDir } from './fixtures.mjs';
import { budget, round } from './stats.mjs';

const PARTS = ['widget', 'frame', 'encryption', 'relay', 'counsellor', 'workplace', 'reports', 'pages'];
const KB = 1024;
const BUDGETS = {
  // The widget's, shared with the build (which fails over them): packages/widget/rollup/budget.mjs.
  standaloneBrotli: WIDGET_BUDGETS.mainBrotli,
  cryptoBrotli: WIDGET_BUDGETS.cryptoBrotli,
  relayRatioPercent: 50,
  relayPeakRssMb: 150,
  counsellorPerSecond: 300,
  // Issue 12: a register of 1,000 cases and 10,000 entries.
  workplaceUnlockToInboxMs: 2000,
  workplaceOpenCaseMs: 100,
  workplaceRssMb: 200,
  // Issue 13: the yearly report of one employer over 10,000 cases, after unlock.
  yearlyReportMs: 1000,
  // Page quality (issue 15), per example page: Lighthouse's scores and the layout shift.
  accessibilityScore: 100,
  bestPracticesScore: 100,
  performanceScore: 95,
  cumulativeLayoutShift: 0.05,
};
const DATABASE_URL = process.env.VP_BENCH_DATABASE_URL ?? 'postgres://root@/vp_contact_test?host=/var/run/postgresql';
const RESULTS = join(ROOT, 'bench/results.json');

const say = (line = '') => process.stdout.write(`${line}\n`);

function parseParts(args) {
  if (args.length === 0) return PARTS;
  const unknown = args.filter((arg) => !PARTS.includes(arg));
  if (unknown.length) {
    process.stderr.write(`vp-contact bench: unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}.\n`);
    process.exit(2);
  }
  return PARTS.filter((part) => args.includes(part));
}

async function machine() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGb: round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    // Other work on the machine skews every figure but the relay's ratio: recorded to judge a run by.
    loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
  };
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

/** Rows of cells as a table; `align` has an l or r per column (numbers to the right). */
function table(header, rows, align = `l${'r'.repeat(header.length - 1)}`) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => String(row[i] ?? '').length)));
  const line = (row) => row.map((cell, i) => (align[i] === 'r' ? String(cell ?? '').padStart(widths[i]) : String(cell ?? '').padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function formatBudget(b) {
  const value = b.unit === 'bytes' ? kb(b.value) : `${b.value}${b.unit === '%' ? '%' : ` ${b.unit}`}`;
  const limit = b.unit === 'bytes' ? kb(b.limit) : `${b.limit}${b.unit === '%' ? '%' : ` ${b.unit}`}`;
  return `${b.ok ? 'PASS' : 'MISS'}  ${b.name}: ${value} (${b.kind === 'max' ? 'at most' : 'at least'} ${limit}; margin ${b.margin > 0 ? '+' : ''}${b.margin}%)`;
}

async function main() {
  const parts = parseParts(process.argv.slice(2));
  const missing = missingBuilds();
  if (missing.length) {
    process.stderr.write(`vp-contact bench: built files are missing (${missing.join(', ')}): run npm run build first.\n`);
    process.exit(1);
  }

  const results = { date: new Date().toISOString(), machine: await machine(), parts };
  const budgets = [];
  say(`vp-contact bench, ${results.date}`);
  say(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGb} GB, ${results.machine.os}, Node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(' ')}`);

  // Keys and envelopes, made once. The 'ecc' key is made as vp-counsellor keygen makes it
  // (curve25519 legacy, passphrase-protected); the relay and counsellor parts use it too.
  const needsKeys = parts.some((part) => !['widget', 'frame', 'reports', 'pages'].includes(part));
  const passphrase = 'bench-passphrase-not-secret';
  let ecc;
  let rsa;
  let bodies = [];
  const keyDir = needsKeys ? await tempDir('keys') : null;
  // A copy of the widget's build: a build started meanwhile (npm test builds) must not change the
  // files under measurement.
  const widgetDir = await tempDir('widget');
  const dist = join(widgetDir, 'standalone');
  await cp(join(ROOT, 'packages/widget/dist/standalone'), dist, { recursive: true });
  try {
    if (needsKeys) {
      const { generateProviderKey } = await import('@vp-contact/counsellor');
      const made = await generateProviderKey({ name: 'Vertrouwenspersonen Voorbeeld (bench)', email: 'vp@voorbeeld.example', passphrase, dir: join(keyDir, 'key') });
      ecc = { kind: 'ecc', publicKey: made.publicKey, privateKey: await readFile(made.privateKeyFile, 'utf8'), passphrase, fingerprint: made.fingerprint.replace(/\s+/g, '').toUpperCase() };
    }
    if (parts.includes('encryption')) rsa = await makeKey('rsa-4096');
    if (parts.includes('relay') || parts.includes('counsellor')) {
      bodies = await makeEnvelopes(ecc.publicKey, parts.includes('counsellor') ? 200 : 20);
    }

    if (parts.includes('widget')) {
      say('\n== Widget weight (packages/widget/dist/standalone)');
      const { measureWidgetWeight } = await import('./widget-weight.mjs');
      const weight = await measureWidgetWeight(dist);
      results.widget = { files: weight.files, standaloneBrotli: weight.standaloneBrotli, cryptoBrotli: weight.cryptoBrotli, englishBrotli: weight.englishBrotli };
      say(table(['file', 'loaded', 'minified', 'gzip', 'brotli'], weight.files.map((f) => [f.file, f.role, kb(f.minified), kb(f.gzip), kb(f.brotli)]), 'llrrr'));
      say(`before the form is used: ${kb(weight.standaloneBrotli)} brotli on a Dutch page, ${kb(weight.standaloneBrotli + weight.englishBrotli)} on an English one (with the English texts)`);
      budgets.push(budget('vp-contact.js, loaded with the page (brotli)', weight.standaloneBrotli, { max: BUDGETS.standaloneBrotli, unit: 'bytes' }));
      results.widget.brotliOf = Object.fromEntries(weight.files.map((f) => [f.file, f.brotli]));
    }

    if (parts.includes('frame')) {
      say('\n== Frame page weight (packages/widget/dist/frame)');
      const frameDir = join(widgetDir, 'frame');
      await cp(join(ROOT, 'packages/widget/dist/frame'), frameDir, { recursive: true });
      const { measureFrameWeight } = await import('./frame-weight.mjs');
      results.frame = await measureFrameWeight(frameDir);
      say(table(['file', 'fetched', 'bytes', 'gzip', 'brotli'], results.frame.files.map((f) => [f.file, f.when, kb(f.bytes), kb(f.gzip), kb(f.brotli)]), 'llrrr'));
      say(`frame page: ${kb(results.frame.onOpenBrotli)} brotli on open, ${kb(results.frame.totalBrotli)} in total (with the crypto chunk fetched once idle)`);
    }

    if (parts.includes('encryption')) {
      say('\n== Encryption time in Chromium: pressing send to the POST leaving (fresh page per run)');
      const { measureEncryptionTime } = await import('./encryption-time.mjs');
      const measured = await measureEncryptionTime([ecc, rsa], { dist, runs: 50, log: say });
      results.machine.chromium = measured.browser;
      results.encryption = measured.results;
      say(table(['key', 'runs', 'median', 'p95', 'min', 'max', 'lazy chunks a send loaded'], measured.results.map((r) => [r.key, r.runs, `${r.medianMs} ms`, `${r.p95Ms} ms`, `${r.minMs} ms`, `${r.maxMs} ms`, r.chunks.join(' ')]), 'lrrrrrl'));
    }

    // The crypto budget: the crypto chunks a send loads (seen in Chromium, for each key), or
    // without the encryption part the crypto chunk every send loads.
    if (results.widget) {
      const sizes = results.widget.brotliOf;
      const perKey = (results.encryption ?? []).map((r) => ({ key: r.key, bytes: r.chunks.filter((c) => c.startsWith('vp-contact-crypto-')).reduce((n, c) => n + (sizes[c] ?? 0), 0) }));
      const worst = perKey.length ? Math.max(...perKey.map((p) => p.bytes)) : results.widget.cryptoBrotli;
      results.widget.cryptoLoadedForSend = perKey.length ? perKey : null;
      budgets.push(budget(`crypto chunks a send loads (brotli${perKey.length ? `; ${perKey.map((p) => `${p.key} ${kb(p.bytes)}`).join(', ')}` : ', the crypto chunk'})`, worst, { max: BUDGETS.cryptoBrotli, unit: 'bytes' }));
      delete results.widget.brotliOf;
    }

    if (parts.includes('relay')) {
      say(`\n== Relay throughput: autocannon, 50 connections, 10 s (after 2 s of warm-up), ${Math.min(bodies.length, 20)} distinct envelopes, accepted = 202`);
      const { measureRelayThroughput } = await import('./relay-throughput.mjs');
      const relay = await measureRelayThroughput({ publicKey: ecc.publicKey, bodies: bodies.slice(0, 20), databaseUrl: DATABASE_URL, log: say });
      results.relay = relay;
      const [first, second, third] = relay.baseline.runs;
      const rows = [first, relay.sqlite, second, relay.postgres, third].filter(Boolean).map((r) => [
        r.label,
        r.acceptedPerSecond,
        `${r.latencyP50Ms} ms`,
        `${r.latencyP99Ms} ms`,
        `${r.peakRssMb} MB`,
        r.ratioPercent === undefined ? '' : `${r.ratioPercent}%`,
      ]);
      say(table(['server (in the order run)', 'accepted/s', 'p50', 'p99', 'peak RSS', 'of baseline'], rows));
      say('of baseline: of the mean of the two baseline runs around it');
      if (relay.postgresSkipped) say(relay.postgresSkipped);
      for (const [name, r] of [['SQLite', relay.sqlite], ['PostgreSQL', relay.postgres]]) {
        if (!r) continue;
        for (const problem of r.problems) say(`relay, ${name}: ${problem}`);
        budgets.push(budget(`relay throughput, ${name}, share of the bare handler`, r.ratioPercent, { min: BUDGETS.relayRatioPercent, unit: '%' }));
        budgets.push(budget(`relay peak RSS, ${name}`, r.peakRssMb, { max: BUDGETS.relayPeakRssMb, unit: 'MB' }));
        if (r.problems.length) budgets.push({ name: `relay, ${name}: every request answered 202`, value: 0, limit: 0, kind: 'max', unit: 'problems', ok: false, margin: -100 });
      }
    }

    if (parts.includes('counsellor')) {
      say('\n== Counsellor: pull and decrypt 2,000 waiting requests (relay with SQLite)');
      const { measureCounsellorRate } = await import('./counsellor-rate.mjs');
      const counsellor = await measureCounsellorRate({ publicKey: ecc.publicKey, privateKey: ecc.privateKey, passphrase, bodies, count: 2000, log: say });
      results.counsellor = counsellor;
      say(
        table(
          ['step', 'seconds', 'requests/s'],
          [
            ['pull (store durably, acknowledge)', counsellor.pull.seconds, counsellor.pull.perSecond],
            ['decrypt every request', counsellor.decrypt.seconds, counsellor.decrypt.perSecond],
            ['pull + decrypt', counsellor.seconds, counsellor.perSecond],
          ],
        ),
      );
      budgets.push(budget('counsellor pull + decrypt', counsellor.perSecond, { min: BUDGETS.counsellorPerSecond, unit: 'requests/s' }));
    }

    if (parts.includes('workplace')) {
      say('\n== Counsellor\'s workplace: vp-counsellor serve over a register of 1,000 cases and 10,000 entries');
      const { measureWorkplace } = await import('./workplace.mjs');
      const workplace = await measureWorkplace({ privateKey: ecc.privateKey, passphrase, log: say });
      results.workplace = workplace;
      say(
        table(
          ['measure', 'value'],
          [
            ['unlock to inbox data (POST /api/unlock, GET /api/inbox)', `${workplace.unlockToInboxMs} ms`],
            ['unlock to the inbox drawn in Chromium, every row (median of 3)', `${workplace.unlockToDrawnInboxMs} ms`],
            ['opening a case, server time, p50 / p95 / max (200 opens)', `${workplace.openCaseServerMsP50} / ${workplace.openCaseServerMsP95} / ${workplace.openCaseServerMsMax} ms`],
            ['server peak RSS', `${workplace.serverPeakRssMb} MB`],
          ],
        ),
      );
      budgets.push(budget('workplace: unlock to the inbox drawn', workplace.unlockToDrawnInboxMs, { max: BUDGETS.workplaceUnlockToInboxMs, unit: 'ms' }));
      budgets.push(budget('workplace: opening a case (server time, max)', workplace.openCaseServerMsMax, { max: BUDGETS.workplaceOpenCaseMs, unit: 'ms' }));
      budgets.push(budget('workplace: server peak RSS', workplace.serverPeakRssMb, { max: BUDGETS.workplaceRssMb, unit: 'MB' }));
    }

    if (parts.includes('reports')) {
      say('\n== Counsellor\'s yearly report: one employer, 10,000 cases, after unlock (register read, counted, suppressed, HTML and CSV)');
      const { measureYearlyReport } = await import('./yearly-report.mjs');
      const report = await measureYearlyReport({ cases: 10_000, log: say });
      results.reports = report;
      say(`yearly report over ${report.cases} cases: median ${report.medianMs} ms of ${report.runs.length} runs (${report.runs.join(', ')} ms)`);
      budgets.push(budget('yearly report over 10,000 cases (median)', report.medianMs, { max: BUDGETS.yearlyReportMs, unit: 'ms' }));
    }

    if (parts.includes('pages')) {
      say('\n== Page quality: Lighthouse (mobile, simulated throttling) on the example pages, Debian\'s Chromium');
      const { measurePageQuality } = await import('./lighthouse.mjs');
      const pages = await measurePageQuality({ log: say });
      results.pages = pages;
      say(`Lighthouse ${pages.lighthouse}`);
      say(
        table(
          ['page', 'performance', 'accessibility', 'best practices', 'CLS', 'total weight', 'console errors'],
          pages.results.map((p) => [p.page, p.performance, p.accessibility, p.bestPractices, p.cls, kb(p.totalBytes), p.consoleErrors.length]),
        ),
      );
      for (const p of pages.results) {
        if (p.failedAudits.length) say(`${p.page}: audits below full marks: ${p.failedAudits.join(', ')}`);
        for (const error of p.consoleErrors) say(`${p.page}: console error: ${error}`);
        budgets.push(budget(`Lighthouse accessibility, ${p.page}`, p.accessibility, { min: BUDGETS.accessibilityScore, unit: 'points' }));
        budgets.push(budget(`Lighthouse best practices, ${p.page}`, p.bestPractices, { min: BUDGETS.bestPracticesScore, unit: 'points' }));
        budgets.push(budget(`Lighthouse performance, ${p.page}`, p.performance, { min: BUDGETS.performanceScore, unit: 'points' }));
        budgets.push(budget(`cumulative layout shift, ${p.page}`, p.cls, { max: BUDGETS.cumulativeLayoutShift, unit: '' }));
      }
    }
  } finally {
    if (keyDir) await removeDir(keyDir);
    await removeDir(widgetDir);
  }

  results.machine.loadAverageAtEnd = os.loadavg().map((n) => round(n, 2));
  say(`\nload average at the end: ${results.machine.loadAverageAtEnd.join(' ')} (on ${results.machine.cores} cores; higher than that means other work skewed the figures)`);
  results.budgets = budgets;
  results.ok = budgets.every((b) => b.ok);
  say('\n== Budgets');
  for (const b of budgets) say(formatBudget(b));
  const file = `${RESULTS}.tmp`;
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  await rename(file, RESULTS);
  say(`\nWrote bench/results.json. ${results.ok ? 'Every budget holds.' : `${budgets.filter((b) => !b.ok).length} budget(s) missed.`}`);
  return results.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`vp-contact bench failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
