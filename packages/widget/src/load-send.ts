/**
 * Loads the OpenPGP part. In the ES module build the employer's bundler splits it off; the
 * standalone build replaces this module with one that checks the chunk's SRI hash first
 * (see import-verified.ts and rollup.config.mjs).
 */
export const loadSend = (): Promise<typeof import('./send.js')> => import('./send.js');
