// Browser bundles must never hold the full openpgp build: every import of 'openpgp', also inside
// @vp-contact/protocol's dist, becomes the lightweight one.
import { fileURLToPath } from 'node:url';
import alias from '@rollup/plugin-alias';

/** openpgp/lightweight's own ES module build: unminified, so rollup can drop what is not used. */
export const OPENPGP_LIGHTWEIGHT_DIR = fileURLToPath(new URL('../../../node_modules/openpgp/dist/lightweight/', import.meta.url));

/** Resolves 'openpgp' and 'openpgp/lightweight' to `dir`/openpgp.mjs. */
export const openpgpLightweight = ({ dir = OPENPGP_LIGHTWEIGHT_DIR } = {}) =>
  alias({ entries: [{ find: /^openpgp(\/lightweight)?$/, replacement: `${dir}openpgp.mjs` }] });
