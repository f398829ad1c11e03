// The one bundling config of vp-contact: the <vp-contact> widget (packages/widget).
// Run from the widget (`rollup -c ../../rollup.config.mjs`, its build script) or from the root.
//  (a) dist/esm: ES modules for employers who bundle; lit, openpgp and @vp-contact/protocol stay
//      external and send.js stays a separate module, so their bundler splits the crypto off too.
//  (b) dist/standalone: vp-contact.js for one <script type="module" integrity=…> tag, plus
//      vp-contact-crypto-<hash>.js (openpgp/lightweight and the sending code), loaded on first use
//      through <link rel="modulepreload" integrity=…> with the hash baked into vp-contact.js.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const widget = fileURLToPath(new URL('./packages/widget/', import.meta.url));
const standaloneDir = `${widget}dist/standalone`;
/** The budget for vp-contact.js, brotli-compressed: what every intranet page view pays. */
// Lit is about 6 KB of it and the Dutch and English texts about 5 KB; the lead's goal was 15 KB.
const MAIN_BUDGET_BYTES = 17 * 1024;

const sri = (code) => `sha384-${createHash('sha384').update(code).digest('base64')}`;

// Browser bundles must never hold the full openpgp build: every import of 'openpgp', also inside
// @vp-contact/protocol's dist, becomes the lightweight one.
const openpgpLightweight = () =>
  alias({ entries: [{ find: /^openpgp$/, replacement: 'openpgp/lightweight' }] });

const ts = (overrides = {}) =>
  typescript({
    tsconfig: `${widget}tsconfig.build.json`,
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', declaration: false, declarationMap: false, sourceMap: false, outDir: standaloneDir, ...overrides },
  });

/** Shared between the two standalone builds, which rollup runs one after the other. */
const crypto = { fileName: '', integrity: '' };

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

const recordCrypto = () => ({
  name: 'record-crypto-chunk',
  buildStart() {
    rmSync(standaloneDir, { recursive: true, force: true });
  },
  generateBundle(_, bundle) {
    const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
    crypto.fileName = entry.fileName;
    crypto.integrity = sri(entry.code);
  },
});

/** In the standalone build load-send.ts imports the crypto chunk only after its SRI check. */
const verifiedLoadSend = () => ({
  name: 'verified-load-send',
  resolveId(source, importer) {
    if (source === './load-send.js' && importer?.startsWith(`${widget}src`)) return '\0vp-contact:load-send';
    return null;
  },
  load(id) {
    if (id !== '\0vp-contact:load-send') return null;
    if (!crypto.integrity) this.error('The crypto chunk must be built before vp-contact.js.');
    return [
      `import { importVerified } from ${JSON.stringify(`${widget}src/import-verified.ts`)};`,
      `export const loadSend = () => importVerified(new URL(${JSON.stringify(`./${crypto.fileName}`)}, import.meta.url).href, ${JSON.stringify(crypto.integrity)});`,
    ].join('\n');
  },
});

const reportMain = () => ({
  name: 'report-standalone',
  writeBundle(_, bundle) {
    const main = bundle['vp-contact.js'];
    const integrity = sri(main.code);
    const brotli = brotliCompressSync(Buffer.from(main.code)).length;
    const cryptoCode = readFileSync(`${standaloneDir}/${crypto.fileName}`);
    const manifest = {
      file: 'vp-contact.js',
      integrity,
      brotliBytes: brotli,
      crypto: { file: crypto.fileName, integrity: crypto.integrity, brotliBytes: brotliCompressSync(cryptoCode).length },
    };
    writeFileSync(`${standaloneDir}/vp-contact.js.sri`, `${integrity}\n`);
    writeFileSync(`${standaloneDir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`\nvp-contact.js  ${(brotli / 1024).toFixed(1)} KB brotli  integrity="${integrity}"`);
    console.log(`${crypto.fileName}  ${(manifest.crypto.brotliBytes / 1024).toFixed(1)} KB brotli (loaded on first use)  ${crypto.integrity}\n`);
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
    input: `${widget}src/send.ts`,
    plugins: [recordCrypto(), ...browserPlugins(), ts(), noFullOpenpgp()],
    output: {
      dir: standaloneDir,
      format: 'es',
      entryFileNames: 'vp-contact-crypto-[hash].js',
      // One self-contained file, so the one integrity check covers all of it.
      inlineDynamicImports: true,
      plugins: [minify()],
    },
  },
  {
    input: { 'vp-contact': `${widget}src/index.ts` },
    plugins: [verifiedLoadSend(), ...browserPlugins(), ts(), squeezeTemplates(), noFullOpenpgp(), reportMain()],
    output: { dir: standaloneDir, format: 'es', entryFileNames: '[name].js', plugins: [minify()] },
  },
];
