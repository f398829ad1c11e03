// The one bundling config of vp-contact: the <vp-contact> widget (packages/widget). Its plugins,
// each with a unit test, are in packages/widget/rollup/. Run from the widget (`rollup -c
// ../../rollup.config.mjs`, its build script) or from the root. Two builds, in any order:
//  (a) dist/esm: ES modules for employers who bundle; lit, openpgp and @vp-contact/protocol stay
//      external and send.js stays a separate module, so their bundler splits the crypto off too.
//  (b) dist/standalone: vp-contact.js for one <script type="module" integrity=…> tag, its SRI hash
//      in vp-contact.js.sri, manifest.json, and lazy chunks, each loaded through <link
//      rel="modulepreload" integrity=…> with its hash baked into the file that loads it
//      (import-verified.ts). The lazy chunks are builds of their own, made by (b) itself:
//      - vp-contact-crypto-<hash>.js: openpgp/lightweight and the sending code, loaded once the page is idle;
//      - vp-contact-crypto-<part>-<hash>.js: the parts openpgp/lightweight itself loads only when a
//        key or message needs them; their hashes baked into the crypto chunk;
//      - vp-contact-en-<hash>.js: the English texts, only for an element that speaks English.
//  (c) dist/frame: the kit of the isolated frame page (rollup/frame-kit.mjs), written once (b) is:
//      the standalone scripts, the frame's own files, an unconfigured page and their SRI values.
//      `vp-contact-frame` (bin/) makes an employer's page from it.
//  (d) dist/configurator: the configurator page (packages/widget/configurator), a bundle of its own
//      (it checks keys and cards, so it holds openpgp), after (b) and (c), whose hashes it gives out.
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { cleanOutputDir } from './packages/widget/rollup/clean-output-dir.mjs';
import { configuratorPage } from './packages/widget/rollup/configurator-page.mjs';
import { frameKit } from './packages/widget/rollup/frame-kit.mjs';
import { minifyCode } from './packages/widget/rollup/minify-code.mjs';
import { minifyTemplates } from './packages/widget/rollup/minify-templates.mjs';
import { noFullOpenpgp } from './packages/widget/rollup/no-full-openpgp.mjs';
import { openpgpLightweight } from './packages/widget/rollup/openpgp-lightweight.mjs';
import { sizeReport } from './packages/widget/rollup/size-report.mjs';
import { verifiedLazyChunks } from './packages/widget/rollup/verified-lazy-chunks.mjs';
import { verifiedOpenpgpParts } from './packages/widget/rollup/verified-openpgp-parts.mjs';

const src = fileURLToPath(new URL('./packages/widget/src/', import.meta.url));
const dist = fileURLToPath(new URL('./packages/widget/dist/', import.meta.url));
const importVerified = `${src}import-verified.ts`;

/** TypeScript for a browser bundle in `dir` (no declarations: dist/esm has those). */
const ts = (dir) =>
  typescript({
    tsconfig: `${src}../tsconfig.build.json`,
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', declaration: false, declarationMap: false, sourceMap: false, outDir: dir },
  });
const browser = (dir) => [openpgpLightweight(), nodeResolve({ browser: true }), ts(dir), minifyTemplates(), noFullOpenpgp()];

/** The crypto chunk; a lazy chunk of (b). */
const crypto = {
  input: `${src}send.ts`,
  plugins: [verifiedOpenpgpParts({ entry: `${src}send.ts`, importVerified }), ...browser(`${dist}standalone`)],
  output: {
    dir: `${dist}standalone`,
    format: 'es',
    entryFileNames: (chunk) => (chunk.facadeModuleId === `${src}send.ts` ? 'vp-contact-crypto-[hash].js' : 'vp-contact-crypto-[name]-[hash].js'),
    chunkFileNames: 'vp-contact-crypto-[name]-[hash].js',
    plugins: [minifyCode()],
  },
};

/** The English texts; a lazy chunk of (b). */
const english = {
  input: `${src}messages-en.ts`,
  plugins: browser(`${dist}standalone`),
  output: { dir: `${dist}standalone`, format: 'es', entryFileNames: 'vp-contact-en-[hash].js', plugins: [minifyCode()] },
};

export default [
  // (a)
  {
    input: `${src}index.ts`,
    external: (id) => /^(lit|@lit|@vp-contact\/protocol|openpgp|valibot)(\/|$)/.test(id),
    plugins: [
      typescript({
        tsconfig: `${src}../tsconfig.build.json`,
        compilerOptions: { module: 'esnext', moduleResolution: 'bundler', outDir: `${dist}esm`, declaration: true, declarationDir: `${dist}esm`, sourceMap: true },
      }),
    ],
    output: { dir: `${dist}esm`, format: 'es', preserveModules: true, preserveModulesRoot: src, sourcemap: true },
  },
  // (b)
  {
    input: { 'vp-contact': `${src}index.ts` },
    plugins: [
      verifiedLazyChunks({
        from: src,
        importVerified,
        chunks: {
          crypto: { loader: './load-send.js', exportName: 'loadSend', build: crypto },
          english: { loader: './load-english.js', exportName: 'loadEnglish', build: english },
        },
      }),
      ...browser(`${dist}standalone`),
      sizeReport(),
      cleanOutputDir(),
      // (c) dist/frame, from what (b) wrote.
      frameKit({ standaloneDir: `${dist}standalone`, sourceDir: `${src}../frame`, outDir: `${dist}frame` }),
    ],
    output: { dir: `${dist}standalone`, format: 'es', entryFileNames: '[name].js', plugins: [minifyCode()] },
  },
  // (d)
  {
    input: { configurator: `${src}../configurator/vp-configurator.mjs` },
    plugins: [
      openpgpLightweight(),
      nodeResolve({ browser: true }),
      noFullOpenpgp(),
      cleanOutputDir(),
      configuratorPage({ sourceDir: `${src}../configurator`, standaloneDir: `${dist}standalone`, frameDir: `${dist}frame`, outDir: `${dist}configurator` }),
    ],
    output: { dir: `${dist}configurator`, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'configurator-[name]-[hash].js', plugins: [minifyCode()] },
  },
];
