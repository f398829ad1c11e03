// openpgp/lightweight loads its optional parts (other curves, legacy ciphers, argon2, bzip2, the
// x25519/ed25519 fallback for browsers without them in WebCrypto) with import('./nacl-fast.mjs')
// and the like, which no integrity attribute covers. Each becomes a chunk of its own (never
// inlined: most are never needed, and together they doubled the crypto chunk), loaded through
// importVerified with its SRI hash and those of the chunks it imports statically (a shared
// sha512 chunk). The hashes exist only once every chunk is minified, so the loader holds a
// marker that generateBundle replaces, before anything hashes the crypto chunk itself.
import { readdirSync } from 'node:fs';
import { OPENPGP_LIGHTWEIGHT_DIR } from './openpgp-lightweight.mjs';
import { sri } from './sri.mjs';

const LOADER_ID = '\0vp-contact:openpgp-parts';
const marker = (part) => `@vp-contact-sri:${part}`;

/**
 * `entry`: the module whose chunk loads openpgp (the crypto chunk); it must stand alone, with no
 * static imports. `importVerified`: the module that exports importVerified(url, integrity, deps).
 * `dir`: openpgp/lightweight's folder (a test passes a folder of its own).
 */
export const verifiedOpenpgpParts = ({ entry, importVerified, dir = OPENPGP_LIGHTWEIGHT_DIR }) => {
  const parts = new Map(); // part name -> reference id of its emitted chunk
  return {
    name: 'verified-openpgp-parts',
    buildStart() {
      parts.clear();
      for (const file of readdirSync(dir)) {
        const part = /^([\w-]+)\.mjs$/.exec(file)?.[1];
        if (!part || part === 'openpgp' || file.endsWith('.min.mjs')) continue;
        parts.set(part, this.emitFile({ type: 'chunk', id: `${dir}${file}`, name: part }));
      }
    },
    resolveId(source) {
      return source === LOADER_ID ? LOADER_ID : null;
    },
    load(id) {
      if (id !== LOADER_ID) return null;
      const entries = [...parts].map(
        ([part, ref]) => `  ${JSON.stringify(part)}: () => importVerified(import.meta.ROLLUP_FILE_URL_${ref}, ${JSON.stringify(marker(part))}),`,
      );
      return [
        `import { importVerified } from ${JSON.stringify(importVerified)};`,
        `const parts = {\n${entries.join('\n')}\n};`,
        'export const loadPart = (name) => parts[name]();',
      ].join('\n');
    },
    transform(code, id) {
      if (id !== `${dir}openpgp.mjs`) return null;
      const out = code.replace(/\bimport\('\.\/([\w-]+)\.mjs'\)/g, (_, part) => {
        if (!parts.has(part)) this.error(`openpgp imports ./${part}.mjs, which is not among its files.`);
        return `loadOpenpgpPart(${JSON.stringify(part)})`;
      });
      // Any other relative import(), also with a template string (which rollup leaves unresolved),
      // would load code no hash covers.
      if (/\bimport\(\s*['"`]\./.test(out)) {
        this.error('openpgp/lightweight has a dynamic import this build does not verify; update packages/widget/rollup/verified-openpgp-parts.mjs.');
      }
      return { code: `import { loadPart as loadOpenpgpPart } from ${JSON.stringify(LOADER_ID)};\n${out}`, map: null };
    },
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((chunk) => chunk.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      /** Every chunk `chunk` imports statically, directly or not, dependencies first. */
      const staticImports = (chunk, seen = new Set()) => {
        for (const file of chunk.imports) {
          if (seen.has(file)) continue;
          staticImports(byFile.get(file), seen);
          seen.add(file);
        }
        return [...seen];
      };
      const loader = chunks.find((chunk) => chunk.facadeModuleId === entry);
      if (!loader) this.error(`No chunk was built from ${entry}.`);
      if (loader.imports.length) this.error(`The crypto chunk imports ${loader.imports.join(', ')} statically; it must stand alone.`);
      for (const [part, ref] of parts) {
        const chunk = byFile.get(this.getFileName(ref));
        const deps = staticImports(chunk).map((file) => `[new URL(${JSON.stringify(`./${file}`)},import.meta.url).href,${JSON.stringify(sri(byFile.get(file).code))}]`);
        const pattern = new RegExp(`(["'\`])${marker(part)}\\1`);
        if (!pattern.test(loader.code)) this.error(`The loader of the openpgp part ${part} lost its marker.`);
        loader.code = loader.code.replace(pattern, `${JSON.stringify(sri(chunk.code))},[${deps.join(',')}]`);
      }
    },
  };
};
