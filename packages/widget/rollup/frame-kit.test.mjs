import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { frameKit } from './frame-kit.mjs';
import { folderWith, opensslSri } from './testing.mjs';

const sourceDir = fileURLToPath(new URL('../frame/', import.meta.url));
let folder;
afterEach(() => folder?.remove());

async function build() {
  folder = await folderWith({ 'vp-contact.js': 'export const widget = 1;\n', 'frame/stale.js': 'old\n' });
  const bundle = await rollup({
    input: `${folder.dir}vp-contact.js`,
    plugins: [frameKit({ standaloneDir: `${folder.dir}standalone`, sourceDir, outDir: `${folder.dir}frame` })],
  });
  try {
    await bundle.write({ dir: `${folder.dir}standalone`, format: 'es' });
  } finally {
    await bundle.close();
  }
}

describe('frameKit', () => {
  it('puts the standalone scripts and the frame files together, with a page that pins them by hash', async () => {
    await build();
    const out = `${folder.dir}frame`;
    expect((await readdir(out)).sort()).toEqual(
      ['favicon.svg', 'frame-kit.json', 'frame.css', 'index.html', 'vp-contact-frame-host.js', 'vp-contact-frame.js', 'vp-contact.js'].sort(),
    );
    const page = await readFile(join(out, 'index.html'), 'utf8');
    const widgetSri = opensslSri(await readFile(join(out, 'vp-contact.js')));
    expect(page).toContain(`src="vp-contact.js" integrity="${widgetSri}"`);
    expect(page).toContain(`src="vp-contact-frame.js" integrity="${opensslSri(await readFile(join(out, 'vp-contact-frame.js')))}"`);
    expect(page).toContain(`href="frame.css" integrity="${opensslSri(await readFile(join(out, 'frame.css')))}"`);
    // Unconfigured: no relay, nothing pinned, so the widget shows its configuration message and no form.
    expect(page).not.toContain('relay=');
    expect(page).toContain('connect-src &#39;none&#39;');
    const kit = JSON.parse(await readFile(join(out, 'frame-kit.json'), 'utf8'));
    expect(kit.integrity.widget).toBe(widgetSri);
    expect(kit.integrity.host).toBe(opensslSri(await readFile(join(out, 'vp-contact-frame-host.js'))));
  });
});
