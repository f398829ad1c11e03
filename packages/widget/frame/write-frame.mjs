// Writes a frame page for one employer: the kit the build made (dist/frame: the widget's
// standalone scripts and the frame's own files), the page with the configuration written into it,
// and the headers its host must send. Used by the vp-contact-frame command and by `npm start`.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FRAME_FILES, framePageHtml, hostConfigFiles, iframeEmbedCode } from './frame-page.mjs';

/** The SRI value (sha384) of a file's bytes. */
export const integrityOf = async (path) => `sha384-${createHash('sha384').update(await readFile(path)).digest('base64')}`;

/** What the kit holds besides the scripts: its own unconfigured page and its manifest. */
const KIT_ONLY = new Set(['index.html', 'frame-kit.json']);

/** The SRI values the page needs, of the files in `dir`. */
export async function frameIntegrity(dir) {
  return {
    widget: await integrityOf(join(dir, 'vp-contact.js')),
    height: await integrityOf(join(dir, FRAME_FILES.height)),
    host: await integrityOf(join(dir, FRAME_FILES.host)),
    css: await integrityOf(join(dir, FRAME_FILES.css)),
  };
}

export class FrameOutputError extends Error {}

/**
 * `config`: checked by checkFrameConfig (attributes, frameAncestors). `frameUrl`: where the page
 * will be (optional; with it, embed.html holds the intranet's code). `outDir` must be new or empty,
 * so that no file of an older version stays beside the new ones. Answers the written file names.
 */
export async function writeFrame({ kitDir, outDir, config, frameUrl }) {
  let kit;
  try {
    kit = (await readdir(kitDir)).filter((name) => !KIT_ONLY.has(name));
  } catch {
    throw new FrameOutputError(`The frame kit ${kitDir} is missing: build the widget first (npm run build -w @vp-contact/widget).`);
  }
  const existing = await readdir(outDir).catch((error) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  if (existing.length > 0) throw new FrameOutputError(`The folder ${outDir} is not empty: choose a new folder, or empty it first.`);
  await mkdir(outDir, { recursive: true });
  for (const name of kit) await copyFile(join(kitDir, name), join(outDir, name));
  const integrity = await frameIntegrity(outDir);
  const { attributes, frameAncestors } = config;
  const files = {
    'index.html': framePageHtml({ attributes, frameAncestors, integrity }),
    ...hostConfigFiles({ relayOrigin: new URL(attributes.relay).origin, frameAncestors }),
  };
  if (frameUrl) {
    files['embed.html'] = iframeEmbedCode({ frameUrl, hostScriptUrl: `/vp-contact/${FRAME_FILES.host}`, hostIntegrity: integrity.host, lang: attributes.lang });
  }
  for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
  return [...kit, ...Object.keys(files)].sort();
}
