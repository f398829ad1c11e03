// Chunk file names carry a content hash, so each build makes new names; without cleaning, the
// old files would pile up in the output folder (and in what `npm run bench` weighs).
import { rmSync } from 'node:fs';

/**
 * Empties output.dir just before rollup writes the new files. Last among the plugins, so that a
 * build another plugin's generateBundle fails (e.g. over the size budget) leaves the old files.
 */
export const cleanOutputDir = () => ({
  name: 'clean-output-dir',
  generateBundle(options, _bundle, isWrite) {
    if (isWrite && options.dir) rmSync(options.dir, { recursive: true, force: true });
  },
});
