// The widget's weight: the standalone file an intranet loads on page load, and the chunks it loads
// later (manifest.json, written by the build, says which is which). Minified (as built), gzip and
// brotli (measured as the build measures it against the budget).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { brotliBytes } from '../packages/widget/rollup/budget.mjs';

export async function measureWidgetWeight(dist) {
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8'));
  const roleOf = (name) =>
    name === manifest.file
      ? 'on page load'
      : name === manifest.crypto.file
        ? 'crypto: once the page is idle'
        : name === manifest.english?.file
          ? 'English texts: English pages only'
          : name.startsWith('vp-contact-crypto-')
            ? 'crypto: only for keys that need it'
            : 'other';
  const files = (await readdir(dist)).filter((name) => name.endsWith('.js')).sort();
  const sizes = [];
  for (const name of files) {
    const bytes = await readFile(join(dist, name));
    sizes.push({
      file: name,
      role: roleOf(name),
      minified: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliBytes(bytes),
    });
  }
  const brotliOf = (name) => sizes.find((s) => s.file === name)?.brotli ?? NaN;
  return {
    files: sizes,
    standaloneBrotli: brotliOf(manifest.file),
    cryptoBrotli: brotliOf(manifest.crypto.file),
    englishBrotli: manifest.english ? brotliOf(manifest.english.file) : 0,
    brotliOf,
  };
}
