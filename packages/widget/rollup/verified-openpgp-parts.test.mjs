import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { folderWith, opensslSri, RECORDING_IMPORT_VERIFIED } from './testing.mjs';
import { verifiedOpenpgpParts } from './verified-openpgp-parts.mjs';

let folder;
afterEach(() => folder?.remove());

// A small openpgp/lightweight: two optional parts loaded with import('./….mjs'), both importing a
// third statically (as openpgp's parts share sha512).
const OPENPGP = {
  'openpgp/openpgp.mjs': "export const loadCurve = () => import('./curve.mjs');\nexport const loadCipher = () => import('./cipher.mjs');\n",
  'openpgp/curve.mjs': "import { hash } from './hash.mjs';\nexport const curve = () => `curve ${hash()}`;\n",
  'openpgp/cipher.mjs': "import { hash } from './hash.mjs';\nexport const cipher = () => `cipher ${hash()}`;\n",
  'openpgp/hash.mjs': 'export const hash = () => "sha512";\n',
  'openpgp/openpgp.min.mjs': 'export {};\n',
  'import-verified.mjs': RECORDING_IMPORT_VERIFIED,
};

async function build(files) {
  folder = await folderWith(files);
  const { dir } = folder;
  const bundle = await rollup({
    input: `${dir}send.mjs`,
    plugins: [verifiedOpenpgpParts({ entry: `${dir}send.mjs`, importVerified: `${dir}import-verified.mjs`, dir: `${dir}openpgp/` })],
  });
  try {
    await bundle.write({ dir: `${dir}out`, format: 'es', chunkFileNames: '[name]-[hash].js' });
  } finally {
    await bundle.close();
  }
  return { dir, send: await import(pathToFileURL(`${dir}out/send.js`).href) };
}

describe('verifiedOpenpgpParts', () => {
  it("loads each part through importVerified with its SRI hash and those of the chunks it imports, as the files on disk have them", async () => {
    const { dir, send } = await build({ ...OPENPGP, 'send.mjs': "export { loadCurve, loadCipher } from './openpgp/openpgp.mjs';\n" });
    const curve = await send.loadCurve();
    const cipher = await send.loadCipher();
    const fileOf = (url) => new URL(url).pathname;
    expect(fileOf(curve.url)).toMatch(/\/out\/curve-[\w-]+\.js$/);
    expect(curve.integrity).toBe(opensslSri(await readFile(fileOf(curve.url))));
    expect(cipher.integrity).toBe(opensslSri(await readFile(fileOf(cipher.url))));
    // The shared hash chunk, with its own hash, for both.
    expect(curve.deps).toHaveLength(1);
    expect(cipher.deps).toEqual(curve.deps);
    const [[hashUrl, hashIntegrity]] = curve.deps;
    expect(fileOf(hashUrl)).toMatch(/\/out\/hash-[\w-]+\.js$/);
    expect(hashIntegrity).toBe(opensslSri(await readFile(fileOf(hashUrl))));
    // The minified openpgp build is not a part.
    const code = await readFile(`${dir}out/send.js`, 'utf8');
    expect(code).not.toContain('openpgp.min');
    expect(code).not.toContain('@vp-contact-sri:');
  });

  it('fails when openpgp imports a file it does not have', async () => {
    const files = { ...OPENPGP, 'openpgp/openpgp.mjs': "export const load = () => import('./gone.mjs');\n", 'send.mjs': "export { load } from './openpgp/openpgp.mjs';\n" };
    await expect(build(files)).rejects.toThrow('openpgp imports ./gone.mjs, which is not among its files.');
  });

  it('fails when openpgp has a dynamic import it does not verify', async () => {
    const files = { ...OPENPGP, 'openpgp/openpgp.mjs': "const name = 'curve';\nexport const load = () => import(`./${name}.mjs`);\n", 'send.mjs': "export { load } from './openpgp/openpgp.mjs';\n" };
    await expect(build(files)).rejects.toThrow('openpgp/lightweight has a dynamic import this build does not verify');
  });

  it('fails when the crypto chunk would import another chunk statically', async () => {
    const files = { ...OPENPGP, 'send.mjs': "export { loadCurve } from './openpgp/openpgp.mjs';\nexport { hash } from './openpgp/hash.mjs';\n" };
    await expect(build(files)).rejects.toThrow(/The crypto chunk imports hash-[\w-]+\.js statically; it must stand alone\./);
  });
});
