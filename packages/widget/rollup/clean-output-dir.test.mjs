import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanOutputDir } from './clean-output-dir.mjs';
import { folderWith } from './testing.mjs';

let folder;
afterEach(() => folder?.remove());

const failing = { name: 'failing', generateBundle() { this.error('over budget'); } };

async function build(plugins, how) {
  folder = await folderWith({ 'main.mjs': 'export const a = 1;\n', 'out/old-chunk-XXXX.js': 'export {};\n' });
  const bundle = await rollup({ input: `${folder.dir}main.mjs`, plugins });
  try {
    await bundle[how]({ dir: `${folder.dir}out`, format: 'es' });
  } finally {
    await bundle.close();
  }
}

describe('cleanOutputDir', () => {
  it('leaves only the files of this build in the output folder', async () => {
    await build([cleanOutputDir()], 'write');
    expect(await readdir(`${folder.dir}out`)).toEqual(['main.js']);
  });

  it('deletes nothing when the bundle is only generated, not written', async () => {
    await build([cleanOutputDir()], 'generate');
    expect(await readdir(`${folder.dir}out`)).toEqual(['old-chunk-XXXX.js']);
  });

  it('keeps the old files when a plugin before it fails the build', async () => {
    await expect(build([failing, cleanOutputDir()], 'write')).rejects.toThrow('over budget');
    expect(existsSync(`${folder.dir}out/old-chunk-XXXX.js`)).toBe(true);
  });
});
