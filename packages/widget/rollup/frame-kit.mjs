// dist/frame: what every frame page is made of. Once the standalone build is written, its scripts
// and the frame's own files (packages/widget/frame) are copied together, with an unconfigured
// index.html (it shows the widget's configuration message, and no form, until vp-contact-frame
// writes a configured page from this kit) and frame-kit.json (the SRI values, for the configurator).
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FRAME_FILES, framePageHtml } from '../frame/frame-page.mjs';
import { frameIntegrity } from '../frame/write-frame.mjs';

/** `standaloneDir`: the standalone build's output; `sourceDir`: packages/widget/frame; `outDir`: dist/frame. */
export const frameKit = ({ standaloneDir, sourceDir, outDir }) => ({
  name: 'frame-kit',
  async writeBundle() {
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    for (const name of (await readdir(standaloneDir)).filter((file) => file.endsWith('.js'))) {
      await copyFile(join(standaloneDir, name), join(outDir, name));
    }
    for (const name of Object.values(FRAME_FILES)) await copyFile(join(sourceDir, name), join(outDir, name));
    const integrity = await frameIntegrity(outDir);
    await writeFile(join(outDir, 'index.html'), framePageHtml({ attributes: {}, integrity }));
    await writeFile(join(outDir, 'frame-kit.json'), `${JSON.stringify({ integrity }, null, 2)}\n`);
  },
});
