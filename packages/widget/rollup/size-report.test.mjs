import { readFile } from 'node:fs/promises';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { brotliBytes } from './budget.mjs';
import { sizeReport } from './size-report.mjs';
import { folderWith, opensslSri } from './testing.mjs';

const folders = [];
afterEach(() => Promise.all(folders.splice(0).map((folder) => folder.remove())));

const CRYPTO = 'export const encrypt = () => "ciphertext";\n';
const ENGLISH = 'export const title = "Contact a confidential counsellor";\n';
const PART = 'export const curve = () => "curve";\n';

/** vp-contact.js with the lazy chunks as verified-lazy-chunks.mjs leaves them: named assets. */
async function build(options) {
  const folder = await folderWith({ 'vp-contact.mjs': 'export const element = "vp-contact";\n' });
  folders.push(folder);
  const { dir } = folder;
  const lines = [];
  const lazyChunks = {
    name: 'lazy-chunks',
    buildStart() {
      this.emitFile({ type: 'asset', name: 'crypto', fileName: 'vp-contact-crypto-AAAA.js', source: CRYPTO });
      this.emitFile({ type: 'asset', name: 'english', fileName: 'vp-contact-en-BBBB.js', source: ENGLISH });
      this.emitFile({ type: 'asset', name: 'crypto-import', fileName: 'vp-contact-crypto-curve-CCCC.js', source: PART });
    },
  };
  const bundle = await rollup({ input: { 'vp-contact': `${dir}vp-contact.mjs` }, plugins: [lazyChunks, sizeReport({ log: (line) => lines.push(line), ...options })] });
  try {
    await bundle.write({ dir: `${dir}out`, format: 'es' });
  } finally {
    await bundle.close();
  }
  return { dir, lines };
}

describe('sizeReport', () => {
  it("writes vp-contact.js.sri and manifest.json with each file's role, SRI hash and brotli size, and prints the sizes", async () => {
    const { dir, lines } = await build();
    const main = await readFile(`${dir}out/vp-contact.js`);
    const integrity = opensslSri(main);
    expect(await readFile(`${dir}out/vp-contact.js.sri`, 'utf8')).toBe(`${integrity}\n`);
    expect(JSON.parse(await readFile(`${dir}out/manifest.json`, 'utf8'))).toEqual({
      file: 'vp-contact.js',
      integrity,
      brotliBytes: brotliBytes(main),
      crypto: { file: 'vp-contact-crypto-AAAA.js', integrity: opensslSri(CRYPTO), brotliBytes: brotliBytes(CRYPTO) },
      english: { file: 'vp-contact-en-BBBB.js', integrity: opensslSri(ENGLISH), brotliBytes: brotliBytes(ENGLISH) },
      openpgpParts: [{ file: 'vp-contact-crypto-curve-CCCC.js', brotliBytes: brotliBytes(PART) }],
    });
    const printed = lines.join('\n');
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    expect(printed).toContain(`vp-contact.js  ${kb(brotliBytes(main))} brotli (budget 15.0 KB brotli)  integrity="${integrity}"`);
    expect(printed).toContain(`vp-contact-crypto-AAAA.js  ${kb(brotliBytes(CRYPTO))} brotli (budget 60.0 KB brotli; loaded once the page is idle)`);
    expect(printed).toContain('1 optional openpgp parts');
  });

  it('fails the build over a budget, naming the file, its size and the budget', async () => {
    await expect(build({ budgets: { mainBrotli: 10, cryptoBrotli: 60 * 1024 } })).rejects.toThrow(/vp-contact\.js is \d+ bytes brotli, over its budget of 10\./);
    await expect(build({ budgets: { mainBrotli: 15 * 1024, cryptoBrotli: 10 } })).rejects.toThrow(`The crypto chunk is ${brotliBytes(CRYPTO)} bytes brotli, over its budget of 10.`);
  });
});
