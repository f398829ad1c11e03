// What the plugins' unit tests share: folders of tiny inputs, and SRI hashes from openssl (another
// implementation than sri.mjs, as MDN shows to make them by hand).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A new folder with `files` (relative path -> text) in it; remove() deletes it. */
export async function folderWith(files = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'vp-contact-rollup-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return { dir: `${dir}/`, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** sha384-… of `code`, made by openssl. */
export const opensslSri = (code) =>
  `sha384-${execFileSync('sh', ['-c', 'openssl dgst -sha384 -binary | openssl base64 -A'], { input: code }).toString().trim()}`;

/** A stand-in for import-verified.ts that answers with what it was asked, instead of importing. */
export const RECORDING_IMPORT_VERIFIED = 'export const importVerified = (url, integrity, deps = []) => ({ url, integrity, deps });\n';
