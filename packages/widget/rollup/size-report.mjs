// What the standalone build made, for the people who embed it and for `npm run bench`: the SRI
// hash of vp-contact.js (vp-contact.js.sri, for the script tag) and manifest.json (every file,
// its role, hash and brotli size). Prints the sizes and fails the build over the size budget.
import { brotliBytes, budgetMisses, WIDGET_BUDGETS } from './budget.mjs';
import { sri } from './sri.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB brotli`;

/**
 * `main`: the file name of the chunk the page loads. The lazy chunks are the assets that
 * verified-lazy-chunks.mjs named 'crypto' and 'english'; openpgp's optional parts are the other
 * files of the crypto chunk's build ('crypto-import').
 */
export const sizeReport = ({ main = 'vp-contact.js', budgets = WIDGET_BUDGETS, log = console.log } = {}) => ({
  name: 'size-report',
  generateBundle(_, bundle) {
    const files = Object.values(bundle);
    const mainChunk = bundle[main];
    if (mainChunk?.type !== 'chunk') this.error(`The build made no ${main}.`);
    const named = (name) => files.filter((file) => file.type === 'asset' && file.names.includes(name));
    const lazy = (name) => {
      const [file] = named(name);
      if (!file) this.error(`The build made no ${name} chunk.`);
      return { file: file.fileName, integrity: sri(file.source), brotliBytes: brotliBytes(file.source) };
    };
    const integrity = sri(mainChunk.code);
    const manifest = {
      file: main,
      integrity,
      brotliBytes: brotliBytes(mainChunk.code),
      crypto: lazy('crypto'),
      english: lazy('english'),
      // Their hashes are in the crypto chunk; loaded only when a key or message needs them.
      openpgpParts: named('crypto-import')
        .map((file) => ({ file: file.fileName, brotliBytes: brotliBytes(file.source) }))
        .sort((a, b) => (a.file < b.file ? -1 : 1)),
    };
    this.emitFile({ type: 'asset', fileName: `${main}.sri`, source: `${integrity}\n` });
    this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify(manifest, null, 2)}\n` });

    const partsBytes = manifest.openpgpParts.reduce((n, part) => n + part.brotliBytes, 0);
    log(`\n${main}  ${kb(manifest.brotliBytes)} (budget ${kb(budgets.mainBrotli)})  integrity="${integrity}"`);
    log(`${manifest.crypto.file}  ${kb(manifest.crypto.brotliBytes)} (budget ${kb(budgets.cryptoBrotli)}; loaded once the page is idle)`);
    log(`${manifest.english.file}  ${kb(manifest.english.brotliBytes)} (loaded only in English)`);
    log(`${manifest.openpgpParts.length} optional openpgp parts, ${kb(partsBytes)} together (loaded only when a key needs them)\n`);
    const misses = budgetMisses({ mainBrotli: manifest.brotliBytes, cryptoBrotli: manifest.crypto.brotliBytes }, budgets);
    if (misses.length) this.error(misses.join(' '));
  },
});
