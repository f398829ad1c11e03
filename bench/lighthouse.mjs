// Page quality: Lighthouse (the npm package) against Debian's Chromium, on each example page as
// `npm start` serves it (its own origin, the strict CSP, the real relay). Records the scores for
// performance, accessibility and best practices, the cumulative layout shift, the page's total
// weight and any console error. Lighthouse's default mobile run: simulated slow 4G and a 4x
// slower CPU, so the figures say little about this machine's own speed.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import lighthouse from 'lighthouse';
import { launchChromium } from '../scripts/chromium.mjs';
import { startDemo } from '../scripts/demo.mjs';
import { round } from './stats.mjs';

/** The example pages, by their path on the example intranet (frame/ embeds the isolated frame). */
const EXAMPLE_PAGES = ['', 'bare/', 'nl-design-system/', 'frame/'];

/**
 * Runs Lighthouse once per page (more `runs` give the median of each figure): the example pages by
 * path, and the frame page itself, on its own origin, as the iframe loads it.
 */
export async function measurePageQuality({ pages = EXAMPLE_PAGES, runs = 1, log = () => {} } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'vp-bench-lighthouse-'));
  let demo;
  let browser;
  try {
    demo = await startDemo({ dir, intranetPort: await getPort({ host: '127.0.0.1' }), relayPort: await getPort({ host: '127.0.0.1' }) });
    browser = await launchChromium();
    const port = Number(new URL(browser.wsEndpoint()).port);
    const results = [];
    const targets = [...pages.map((path) => ({ path, url: new URL(path, demo.intranetUrl).href })), { path: 'frame page', url: demo.frameUrl }];
    for (const { path, url } of targets) {
      const measured = [];
      for (let run = 0; run < runs; run += 1) {
        const { lhr } = await lighthouse(url, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
        });
        if (lhr.runtimeError) throw new Error(`Lighthouse could not measure ${url}: ${lhr.runtimeError.message}`);
        const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const audit = (id) => lhr.audits[id];
        measured.push({
          performance: score('performance'),
          accessibility: score('accessibility'),
          bestPractices: score('best-practices'),
          cls: round(audit('cumulative-layout-shift')?.numericValue ?? Number.NaN, 3),
          totalBytes: Math.round(audit('total-byte-weight')?.numericValue ?? Number.NaN),
          consoleErrors: (audit('errors-in-console')?.details?.items ?? []).map((item) => String(item.description ?? item.source ?? '')),
          failedAudits: Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric'].includes(a.scoreDisplayMode) && lhr.categories['best-practices'].auditRefs.concat(lhr.categories.accessibility.auditRefs).some((ref) => ref.id === a.id))
            .map((a) => a.id),
        });
        log(`  ${path || '/'} run ${run + 1}: performance ${measured.at(-1).performance}, CLS ${measured.at(-1).cls}`);
      }
      const median = (key) => measured.map((m) => m[key]).sort((a, b) => a - b)[Math.floor(measured.length / 2)];
      results.push({
        page: path === 'frame page' ? path : `/${path}`,
        runs,
        performance: median('performance'),
        accessibility: median('accessibility'),
        bestPractices: median('bestPractices'),
        cls: median('cls'),
        totalBytes: median('totalBytes'),
        consoleErrors: measured.at(-1).consoleErrors,
        failedAudits: measured.at(-1).failedAudits,
      });
    }
    return { lighthouse: lighthouseVersion(), results };
  } finally {
    await browser?.close();
    await demo?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function lighthouseVersion() {
  return createRequire(import.meta.url)('lighthouse/package.json').version;
}
