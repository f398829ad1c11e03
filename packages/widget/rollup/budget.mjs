// The widget's size budget (issue 7), in one place: the build fails over it (size-report.mjs)
// and `npm run bench` checks it again on what the build made (bench/run.mjs).
import { brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;

/** Brotli-compressed bytes, at the quality a web server uses for static files (11, the highest). */
export const WIDGET_BUDGETS = Object.freeze({
  /** vp-contact.js: what every intranet page view pays. Lit is about 6 KB of it, the Dutch texts about 2.5 KB. */
  mainBrotli: 15 * KB,
  /** The crypto chunks a send loads: openpgp/lightweight and the sending code, once the page is idle (for every visitor). */
  cryptoBrotli: 60 * KB,
});

/** The size of `code` (a string or bytes) once brotli-compressed, as the budgets count it. */
export function brotliBytes(code) {
  return brotliCompressSync(typeof code === 'string' ? Buffer.from(code) : code, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;
}

/**
 * Each budget the sizes miss, as a sentence. `sizes` holds brotli bytes under the budgets' names
 * (mainBrotli, cryptoBrotli); a size left out is not checked.
 */
export function budgetMisses(sizes, budgets = WIDGET_BUDGETS) {
  const what = { mainBrotli: 'vp-contact.js', cryptoBrotli: 'The crypto chunk' };
  return Object.entries(budgets)
    .filter(([name, limit]) => sizes[name] !== undefined && sizes[name] > limit)
    .map(([name, limit]) => `${what[name] ?? name} is ${sizes[name]} bytes brotli, over its budget of ${limit}.`);
}
