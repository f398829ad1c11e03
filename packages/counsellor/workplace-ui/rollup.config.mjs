// The counsellor's workplace pages (Lit), bundled for `vp-counsellor serve`, which serves
// dist/workplace-ui/ as static files under a strict CSP (default-src 'self'): so no inline script
// or style anywhere; index.html loads workplace.js and workplace.css from the same origin, and Lit
// adopts its element styles as constructed stylesheets, which that CSP allows.
// Run from the counsellor package (its build script): `rollup -c workplace-ui/rollup.config.mjs`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const here = fileURLToPath(new URL('./', import.meta.url));
const out = fileURLToPath(new URL('../dist/workplace-ui/', import.meta.url));

/** Copies the page and its stylesheet next to the bundle, unchanged. */
function staticFiles(names) {
  return {
    name: 'workplace-static-files',
    async generateBundle() {
      for (const name of names) this.emitFile({ type: 'asset', fileName: name, source: await readFile(`${here}${name}`) });
    },
  };
}

export default {
  input: { workplace: `${here}src/index.ts` },
  plugins: [
    nodeResolve({ browser: true }),
    typescript({
      tsconfig: `${here}tsconfig.json`,
      compilerOptions: { outDir: out, noEmit: false, declaration: false, declarationMap: false, sourceMap: false },
    }),
    staticFiles(['index.html', 'workplace.css']),
  ],
  output: { dir: out, format: 'es', entryFileNames: '[name].js' },
};
