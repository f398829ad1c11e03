import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { afterEach, describe, expect, it } from 'vitest';
import { configuratorPage } from './configurator-page.mjs';
import { folderWith, opensslSri } from './testing.mjs';

let folder;
afterEach(() => folder?.remove());

async function build(page) {
  folder = await folderWith({
    'src/configurator.mjs': 'export const configurator = 1;\n',
    'src/index.html': page,
    'src/configurator.css': 'body { margin: 0; }\n',
    'standalone/vp-contact.js': 'export const widget = 1;\n',
    'standalone/vp-contact-crypto-abc.js': 'export const crypto = 1;\n',
    'frame/vp-contact-frame-host.js': 'export const host = 1;\n',
    'frame/favicon.svg': '<svg/>\n',
    'frame/vp-contact-frame.js': 'export const height = 1;\n',
    'frame/frame.css': 'main { margin: 0; }\n',
    'frame/index.html': '<!doctype html>\n',
    'frame/frame-kit.json': '{}\n',
  });
  const d = folder.dir;
  const bundle = await rollup({
    input: { configurator: `${d}src/configurator.mjs` },
    plugins: [configuratorPage({ sourceDir: `${d}src`, standaloneDir: `${d}standalone`, frameDir: `${d}frame`, outDir: `${d}out` })],
  });
  try {
    await bundle.write({ dir: `${d}out`, format: 'es' });
  } finally {
    await bundle.close();
  }
}

describe('configuratorPage', () => {
  it('fills in every hash the page asks for and copies the widget for the preview', async () => {
    await build('<meta content="{{widgetIntegrity}}"><meta content="{{hostIntegrity}}"><link integrity="{{cssIntegrity}}"><script integrity="{{configuratorIntegrity}}"></script>');
    const out = `${folder.dir}out`;
    const page = await readFile(join(out, 'index.html'), 'utf8');
    expect(page).toBe(
      `<meta content="${opensslSri('export const widget = 1;\n')}"><meta content="${opensslSri('export const host = 1;\n')}">` +
        `<link integrity="${opensslSri('body { margin: 0; }\n')}"><script integrity="${opensslSri(await readFile(join(out, 'configurator.js')))}"></script>`,
    );
    expect((await readdir(join(out, 'vp-contact'))).sort()).toEqual(['vp-contact-crypto-abc.js', 'vp-contact.js']);
  });

  it("gives the frame kit's hashes and the names of its files to copy (not its own page or manifest)", async () => {
    await build('{{frameHeightIntegrity}}|{{frameCssIntegrity}}|{{frameFiles}}');
    expect(await readFile(join(`${folder.dir}out`, 'index.html'), 'utf8')).toBe(
      `${opensslSri('export const height = 1;\n')}|${opensslSri('main { margin: 0; }\n')}|favicon.svg frame.css vp-contact-frame-host.js vp-contact-frame.js`,
    );
  });

  it('fails the build when the page asks for a value it does not know', async () => {
    await expect(build('<script integrity="{{typo}}"></script>')).rejects.toThrow('unknown value {{typo}}');
  });
});
