import { readdir, readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { folderWith, opensslSri, RECORDING_IMPORT_VERIFIED } from './testing.mjs';
import { verifiedLazyChunks } from './verified-lazy-chunks.mjs';

let folder;
afterEach(() => folder?.remove());

// A small widget: its element loads the texts through ./load-texts.js, which in the ES module
// build would import('./texts.mjs') directly.
const WIDGET = {
  'src/main.mjs': "import { loadTexts } from './load-texts.js';\nexport { loadTexts };\n",
  'src/load-texts.js': "export const loadTexts = () => import('./texts.mjs');\n",
  'src/texts.mjs': "import { part } from './part.mjs';\nexport const title = `Contact ${part}`;\n",
  'src/part.mjs': 'export const part = "(part)";\n',
  'src/import-verified.mjs': RECORDING_IMPORT_VERIFIED,
};

/** The plugin with one lazy chunk, 'texts'; `texts(dir)` gives options of its build to override. */
async function build(files, texts = () => ({})) {
  folder = await folderWith(files);
  const { dir } = folder;
  const textsBuild = {
    input: `${dir}src/texts.mjs`,
    output: { dir: `${dir}out`, format: 'es', entryFileNames: 'texts-[hash].js' },
    ...texts(dir),
  };
  const names = {};
  const bundle = await rollup({
    input: `${dir}src/main.mjs`,
    plugins: [
      verifiedLazyChunks({ from: `${dir}src/`, importVerified: `${dir}src/import-verified.mjs`, chunks: { texts: { loader: './load-texts.js', exportName: 'loadTexts', build: textsBuild } } }),
      { name: 'names', generateBundle: (_, bundle) => Object.values(bundle).forEach((file) => (names[file.fileName] = file.names)) },
    ],
  });
  try {
    await bundle.write({ dir: `${dir}out`, format: 'es' });
  } finally {
    await bundle.close();
  }
  return { dir, names, main: await import(pathToFileURL(`${dir}out/main.js`).href) };
}

describe('verifiedLazyChunks', () => {
  it("builds the lazy chunk itself, writes its files with the build's, and loads it through importVerified with its SRI hash", async () => {
    const { dir, names, main } = await build(WIDGET);
    const { url, integrity } = await main.loadTexts();
    const file = new URL(url).pathname;
    expect(file).toMatch(new RegExp(`^${dir}out/texts-[\\w-]+\\.js$`));
    expect(integrity).toBe(opensslSri(await readFile(file)));
    // The chunk stands on its own (its import inlined) and is the lazy chunk's own build, not main's.
    const { title } = await import(pathToFileURL(file).href);
    expect(title).toBe('Contact (part)');
    expect((await readdir(`${dir}out`)).sort()).toEqual(['main.js', file.slice(`${dir}out/`.length)].sort());
    expect(names[file.slice(`${dir}out/`.length)]).toEqual(['texts']);
  });

  it("names the lazy build's other files after it ('texts-import')", async () => {
    const { dir, names } = await build(WIDGET, (dir) => ({
      output: { dir: `${dir}out`, format: 'es', entryFileNames: 'texts-[hash].js', chunkFileNames: 'texts-[name]-[hash].js', manualChunks: { part: [`${dir}src/part.mjs`] } },
    }));
    const files = await readdir(`${dir}out`);
    const part = files.find((file) => file.startsWith('texts-part-'));
    expect(names[part]).toEqual(['texts-import']);
  });

  it('replaces the loader only for the widget\'s own modules', async () => {
    const files = { ...WIDGET, 'src/main.mjs': "export { loadTexts } from '../elsewhere/main.mjs';\n", 'elsewhere/main.mjs': "export { loadTexts } from '../src/load-texts.js';\n" };
    const { main } = await build(files);
    // Not through importVerified: the plain dynamic import of the ES module build.
    expect(await main.loadTexts()).toMatchObject({ title: 'Contact (part)' });
  });

  it("fails the build when the lazy chunk's build fails, with its error", async () => {
    const files = { ...WIDGET, 'src/texts.mjs': "import { gone } from './gone.mjs';\nexport const title = gone;\n" };
    await expect(build(files)).rejects.toThrow(/The lazy chunk 'texts' \(.*src\/texts\.mjs\) failed to build: Could not resolve "\.\/gone\.mjs"/);
  });
});
