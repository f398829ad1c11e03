// JavaScript minification of the standalone chunks (an output plugin): what an intranet loads.
import terser from '@rollup/plugin-terser';

/** terser for ES modules in browsers of 2020 on, without comments: every page view pays each byte. */
export const minifyCode = () => terser({ module: true, ecma: 2020, format: { comments: false }, compress: { passes: 3 } });
