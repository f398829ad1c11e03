// The one bundling config of vp-contact: the <vp-contact> widget (packages/widget).
// Run from the widget (`rollup -c ../../rollup.config.mjs`, its build script) or from the root.
//  (a) dist/esm: ES modules for employers who bundle; lit, openpgp and @vp-contact/protocol stay
//      external and send.js stays a separate module, so their bundler splits the crypto off too.
//  (b) dist/standalone: vp-contact.js for one <script type="module" integrity=…> tag, plus lazy
//      chunks, each loaded through <link rel="modulepreload" integrity=…> with its hash baked into
//      the file that loads it (import-verified.ts):
//      - vp-contact-crypto-<hash>.js: openpgp/lightweight and the sending code, on first use of the form;
//      - vp-contact-crypto-<part>-<hash>.js: the parts openpgp/lightweight itself loads only when a
//        key or message needs them (other curves, legacy ciphers, argon2, bzip2, the x25519/ed25519
//        fallback for browsers without them in WebCrypto); hashes baked into the crypto chunk;
//      - vp-contact-en-<hash>.js: the English texts, only for an element that speaks English.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const widget = fileURLToPath(new URL('./packages/widget/', import.meta.url));
const standaloneDir = `${widget}dist/standalone`;
/** The budget for vp-contact.js, brotli-compressed: what every intranet page view pays (issue 7). */
// Lit is about 6 KB of it and the Dutch texts about 2.5 KB. `npm run bench` checks it too.
const MAIN_BUDGET_BYTES = 15 * 1024;
/** openpgp/lightweight's own ES module build: unminified, so rollup can drop what is not used. */
const openpgpDir = fileURLToPath(new URL('./node_modules/openpgp/dist/lightweight/', import.meta.url));

const sri = (code) => `sha384-${createHash('sha384').update(code).digest('base64')}`;

// Browser bundles must never hold the full openpgp build: every import of 'openpgp', also inside
// @vp-contact/protocol's dist, becomes the lightweight one (its unminified ES module file).
const openpgpLightweight = () =>
  alias({ entries: [{ find: /^openpgp(\/lightweight)?$/, replacement: `${openpgpDir}openpgp.mjs` }] });

const ts = (overrides = {}) =>
  typescript({
    tsconfig: `${widget}tsconfig.build.json`,
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', declaration: false, declarationMap: false, sourceMap: false, outDir: standaloneDir, ...overrides },
  });

/**
 * Shared between the standalone builds, which rollup runs one after the other: each lazy chunk's
 * file name and SRI hash, for the build of the file that loads it.
 */
const crypto = { fileName: '', integrity: '' };
const english = { fileName: '', integrity: '' };
const sendInput = `${widget}src/send.ts`;
const englishInput = `${widget}src/messages-en.ts`;

/** Fails the build if the full openpgp build slipped into a chunk. */
const noFullOpenpgp = () => ({
  name: 'no-full-openpgp',
  generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const full = Object.keys(chunk.modules).filter((id) => /openpgp[\\/]dist[\\/](?!lightweight)/.test(id));
      if (full.length) this.error(`${chunk.fileName} holds the full openpgp build (${full.join(', ')}); use openpgp/lightweight.`);
    }
  },
});

/** Records the file name and SRI hash of the chunk built from `input` in `record` (crypto or english). */
const recordChunk = (record, input, { clean = false } = {}) => ({
  name: 'record-chunk',
  buildStart() {
    if (clean) rmSync(standaloneDir, { recursive: true, force: true });
  },
  generateBundle(_, bundle) {
    const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.facadeModuleId === input);
    record.fileName = entry.fileName;
    record.integrity = sri(entry.code);
  },
});

/**
 * openpgp/lightweight loads its optional parts with import('./nacl-fast.mjs') and the like, which
 * no integrity attribute covers. Each becomes a chunk of its own (never inlined: most are never
 * needed, and together they doubled the crypto chunk), loaded through importVerified with its
 * hash, and with the hashes of the chunks it imports statically (a shared sha512 chunk).
 * The hashes exist only once every chunk is minified, so the loader holds a marker that
 * generateBundle replaces; it then records the crypto chunk's own hash, which covers them.
 */
const verifiedOpenpgpParts = () => {
  const parts = new Map(); // name -> reference id of the emitted chunk
  const loaderId = '\0vp-contact:openpgp-parts';
  const marker = (name) => `@vp-contact-sri:${name}`;
  return {
    name: 'verified-openpgp-parts',
    buildStart() {
      for (const file of readdirSync(openpgpDir)) {
        const name = /^([\w-]+)\.mjs$/.exec(file)?.[1];
        if (!name || name === 'openpgp' || file.endsWith('.min.mjs')) continue;
        parts.set(name, this.emitFile({ type: 'chunk', id: `${openpgpDir}${file}`, name }));
      }
    },
    resolveId(source) {
      return source === loaderId ? loaderId : null;
    },
    load(id) {
      if (id !== loaderId) return null;
      const entries = [...parts].map(
        ([part, ref]) => `  ${JSON.stringify(part)}: () => importVerified(import.meta.ROLLUP_FILE_URL_${ref}, ${JSON.stringify(marker(part))}),`,
      );
      return [
        `import { importVerified } from ${JSON.stringify(`${widget}src/import-verified.ts`)};`,
        `const parts = {\n${entries.join('\n')}\n};`,
        'export const loadPart = (name) => parts[name]();',
      ].join('\n');
    },
    transform(code, id) {
      if (id !== `${openpgpDir}openpgp.mjs`) return null;
      const out = code.replace(/\bimport\('\.\/([\w-]+)\.mjs'\)/g, (_, part) => {
        if (!parts.has(part)) this.error(`openpgp imports ./${part}.mjs, which is not among its files.`);
        return `loadOpenpgpPart(${JSON.stringify(part)})`;
      });
      if (/\bimport\(\s*['"]\./.test(out)) this.error('openpgp/lightweight has a dynamic import this build does not verify; update rollup.config.mjs.');
      return { code: `import { loadPart as loadOpenpgpPart } from ${JSON.stringify(loaderId)};\n${out}`, map: null };
    },
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((chunk) => chunk.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const integrity = (chunk) => sri(chunk.code);
      /** Every chunk `chunk` imports statically, directly or not, dependencies first. */
      const staticImports = (chunk, seen = new Set()) => {
        for (const file of chunk.imports) {
          if (seen.has(file)) continue;
          staticImports(byFile.get(file), seen);
          seen.add(file);
        }
        return [...seen];
      };
      const loader = chunks.find((chunk) => chunk.facadeModuleId === sendInput);
      if (loader.imports.length) this.error(`The crypto chunk imports ${loader.imports.join(', ')} statically; it must stand alone.`);
      for (const [part, ref] of parts) {
        const chunk = byFile.get(this.getFileName(ref));
        const deps = staticImports(chunk).map((file) => `[new URL(${JSON.stringify(`./${file}`)},import.meta.url).href,${JSON.stringify(integrity(byFile.get(file)))}]`);
        const pattern = new RegExp(`(["'\`])${marker(part)}\\1`);
        if (!pattern.test(loader.code)) this.error(`The loader of the openpgp part ${part} lost its marker.`);
        loader.code = loader.code.replace(pattern, `${JSON.stringify(integrity(chunk))},[${deps.join(',')}]`);
      }
    },
  };
};

/** In the standalone build the loader modules import their chunks only after the SRI check. */
const verifiedLoaders = () => {
  const loaders = {
    './load-send.js': { id: '\0vp-contact:load-send', exportName: 'loadSend', record: crypto, what: 'The crypto chunk' },
    './load-english.js': { id: '\0vp-contact:load-english', exportName: 'loadEnglish', record: english, what: 'The English chunk' },
  };
  return {
    name: 'verified-loaders',
    resolveId(source, importer) {
      if (source in loaders && importer?.startsWith(`${widget}src`)) return loaders[source].id;
      return null;
    },
    load(id) {
      const loader = Object.values(loaders).find((candidate) => candidate.id === id);
      if (!loader) return null;
      const { fileName, integrity } = loader.record;
      if (!integrity) this.error(`${loader.what} must be built before vp-contact.js.`);
      return [
        `import { importVerified } from ${JSON.stringify(`${widget}src/import-verified.ts`)};`,
        `export const ${loader.exportName} = () => importVerified(new URL(${JSON.stringify(`./${fileName}`)}, import.meta.url).href, ${JSON.stringify(integrity)});`,
      ].join('\n');
    },
  };
};

const reportMain = () => ({
  name: 'report-standalone',
  writeBundle(_, bundle) {
    const main = bundle['vp-contact.js'];
    const integrity = sri(main.code);
    const brotli = brotliCompressSync(Buffer.from(main.code)).length;
    const brotliOf = (file) => brotliCompressSync(readFileSync(`${standaloneDir}/${file}`)).length;
    const parts = readdirSync(standaloneDir).filter((file) => file.startsWith('vp-contact-crypto-') && file !== crypto.fileName);
    const manifest = {
      file: 'vp-contact.js',
      integrity,
      brotliBytes: brotli,
      crypto: { file: crypto.fileName, integrity: crypto.integrity, brotliBytes: brotliOf(crypto.fileName) },
      english: { file: english.fileName, integrity: english.integrity, brotliBytes: brotliOf(english.fileName) },
      // Their hashes are in the crypto chunk; loaded only when a key or message needs them.
      openpgpParts: parts.map((file) => ({ file, brotliBytes: brotliOf(file) })),
    };
    writeFileSync(`${standaloneDir}/vp-contact.js.sri`, `${integrity}\n`);
    writeFileSync(`${standaloneDir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB brotli`;
    console.log(`\nvp-contact.js  ${kb(brotli)}  integrity="${integrity}"`);
    console.log(`${crypto.fileName}  ${kb(manifest.crypto.brotliBytes)} (loaded on first use of the form)`);
    console.log(`${english.fileName}  ${kb(manifest.english.brotliBytes)} (loaded only in English)`);
    console.log(`${parts.length} optional openpgp parts, ${kb(manifest.openpgpParts.reduce((n, p) => n + p.brotliBytes, 0))} together (loaded only when a key needs them)\n`);
    if (brotli > MAIN_BUDGET_BYTES) {
      this.error(`vp-contact.js is ${brotli} bytes brotli, over its budget of ${MAIN_BUDGET_BYTES}.`);
    }
  },
});

const browserPlugins = () => [openpgpLightweight(), nodeResolve({ browser: true })];
const minify = () => terser({ module: true, ecma: 2020, format: { comments: false }, compress: { passes: 3 } });

/**
 * Lit's templates keep the source's indentation and spacing; squeezing them keeps vp-contact.js
 * within its budget. The css`` template holds no strings or nested templates.
 */
const squeezeTemplates = () => ({
  name: 'squeeze-templates',
  transform(code, id) {
    // In the element's html`` templates only indentation goes: a newline stays a newline, which
    // HTML and JavaScript (ASI, line comments) read the same as before.
    if (id.endsWith('/src/vp-contact.ts')) return { code: code.replace(/\n[ \t]+/g, '\n'), map: null };
    if (!id.endsWith('.styles.ts')) return null;
    const out = code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => {
      const text = body.replace(/\s+/g, ' ').replace(/\s*([{};,>])\s*/g, '$1').replace(/;}/g, '}').trim();
      return `css\`${text}\``;
    });
    return { code: out, map: null };
  },
});

mkdirSync(standaloneDir, { recursive: true });

export default [
  {
    input: `${widget}src/index.ts`,
    external: (id) => /^(lit|@lit|@vp-contact\/protocol|openpgp|valibot)(\/|$)/.test(id),
    plugins: [
      typescript({
        tsconfig: `${widget}tsconfig.build.json`,
        compilerOptions: { module: 'esnext', moduleResolution: 'bundler', outDir: `${widget}dist/esm`, declaration: true, declarationDir: `${widget}dist/esm`, sourceMap: true },
      }),
    ],
    output: { dir: `${widget}dist/esm`, format: 'es', preserveModules: true, preserveModulesRoot: `${widget}src`, sourcemap: true },
  },
  {
    input: sendInput,
    // verifiedOpenpgpParts first: its generateBundle bakes the parts' hashes into the crypto chunk
    // before recordChunk hashes that.
    plugins: [verifiedOpenpgpParts(), recordChunk(crypto, sendInput, { clean: true }), ...browserPlugins(), ts(), noFullOpenpgp()],
    output: {
      dir: standaloneDir,
      format: 'es',
      entryFileNames: (chunk) => (chunk.facadeModuleId === sendInput ? 'vp-contact-crypto-[hash].js' : 'vp-contact-crypto-[name]-[hash].js'),
      chunkFileNames: 'vp-contact-crypto-[name]-[hash].js',
      plugins: [minify()],
    },
  },
  {
    input: englishInput,
    plugins: [recordChunk(english, englishInput), ts()],
    output: { dir: standaloneDir, format: 'es', entryFileNames: 'vp-contact-en-[hash].js', plugins: [minify()] },
  },
  {
    input: { 'vp-contact': `${widget}src/index.ts` },
    plugins: [verifiedLoaders(), ...browserPlugins(), ts(), squeezeTemplates(), noFullOpenpgp(), reportMain()],
    output: { dir: standaloneDir, format: 'es', entryFileNames: '[name].js', plugins: [minify()] },
  },
];
