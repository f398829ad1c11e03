// dist/configurator: a static page a provider can host as it is (`npm start` serves it too). Once
// the configurator's bundle is written: its index.html with the SRI values filled in (of its own
// scripts and style, and of vp-contact.js, which the embed code it gives out pins), and a copy of
// the standalone scripts in vp-contact/ for its live preview.
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sri } from './sri.mjs';

/** `sourceDir`: packages/widget/configurator; `standaloneDir`, `frameDir`: the other builds' output; `outDir`: dist/configurator. */
export const configuratorPage = ({ sourceDir, standaloneDir, frameDir, outDir, entry = 'configurator.js' }) => ({
  name: 'configurator-page',
  async writeBundle(_options, bundle) {
    const chunk = bundle[entry];
    if (chunk?.type !== 'chunk') this.error(`The build made no ${entry}.`);
    const preview = join(outDir, 'vp-contact');
    await mkdir(preview, { recursive: true });
    for (const name of (await readdir(standaloneDir)).filter((file) => file.endsWith('.js'))) {
      await copyFile(join(standaloneDir, name), join(preview, name));
    }
    const css = await readFile(join(sourceDir, 'configurator.css'));
    await writeFile(join(outDir, 'configurator.css'), css);
    await copyFile(join(frameDir, 'favicon.svg'), join(outDir, 'favicon.svg'));
    const values = {
      widgetIntegrity: sri(await readFile(join(standaloneDir, 'vp-contact.js'))),
      hostIntegrity: sri(await readFile(join(frameDir, 'vp-contact-frame-host.js'))),
      cssIntegrity: sri(css),
      configuratorIntegrity: sri(chunk.code),
      // For the frame page the configurator offers as a download: the SRI values of the kit's
      // files (as frame-kit.json has them) and the names of the files to copy next to the page.
      frameHeightIntegrity: sri(await readFile(join(frameDir, 'vp-contact-frame.js'))),
      frameCssIntegrity: sri(await readFile(join(frameDir, 'frame.css'))),
      frameFiles: (await readdir(frameDir)).filter((name) => !['index.html', 'frame-kit.json'].includes(name)).sort().join(' '),
    };
    const page = (await readFile(join(sourceDir, 'index.html'), 'utf8')).replace(/\{\{(\w+)\}\}/g, (_, name) => {
      if (!values[name]) this.error(`configurator/index.html asks for an unknown value {{${name}}}.`);
      return values[name];
    });
    await writeFile(join(outDir, 'index.html'), page);
  },
});
