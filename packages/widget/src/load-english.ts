/**
 * Loads the English texts. In the ES module build the employer's bundler splits them off; the
 * standalone build replaces this module with one that checks the chunk's SRI hash first (see
 * import-verified.ts and rollup.config.mjs), as it does for the crypto chunk.
 */
export const loadEnglish = (): Promise<typeof import('./messages-en.js')> => import('./messages-en.js');
