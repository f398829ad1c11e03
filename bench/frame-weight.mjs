// The frame page's weight (issue 15): everything a browser fetches for the isolated frame, from the
// frame kit the build made (dist/frame; the page vp-contact-frame writes differs from its index.html
// only by the settings' attributes). "On open": the page, its style and icon, vp-contact.js and the
// height reporter. "Total": also the crypto chunk, which the widget fetches once the page is idle
// for every visitor. The English texts and openpgp's optional parts are left out, as for the widget.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { brotliBytes } from '../packages/widget/rollup/budget.mjs';

export async function measureFrameWeight(kitDir) {
  const { integrity } = JSON.parse(await readFile(join(kitDir, 'frame-kit.json'), 'utf8'));
  if (!integrity) throw new Error(`${kitDir}/frame-kit.json has no integrity values: rebuild the widget.`);
  const page = await readFile(join(kitDir, 'index.html'), 'utf8');
  const linked = [...page.matchAll(/(?:src|href)="([^":]+)"/g)].map((match) => match[1]);
  const names = await (await import('node:fs/promises')).readdir(kitDir);
  const crypto = names.find((name) => /^vp-contact-crypto-[^-]+\.js$/.test(name));
  const files = [
    { file: 'index.html', when: 'on open' },
    ...linked.map((file) => ({ file, when: 'on open' })),
    ...(crypto ? [{ file: crypto, when: 'once idle' }] : []),
  ];
  const sizes = [];
  for (const { file, when } of files) {
    const bytes = await readFile(join(kitDir, file));
    sizes.push({ file, when, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliBytes(bytes) });
  }
  const sum = (list) => list.reduce((n, s) => n + s.brotli, 0);
  return { files: sizes, onOpenBrotli: sum(sizes.filter((s) => s.when === 'on open')), totalBrotli: sum(sizes) };
}
