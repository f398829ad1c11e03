// Lit's html`` and css`` templates keep the source's indentation and spacing, which terser leaves
// alone (it is text in a string). The Lit team's plugin minifies them in every module: HTML with
// html-minifier-next, CSS with lightningcss, leaving Lit's bindings (${…}) where they were.
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

/**
 * Modules of packages (in node_modules) come as published, already built: the crypto libraries
 * hold no templates, and reading openpgp's megabytes for them would only slow the build. Rollup's
 * virtual modules (\0…) are made by this build's own plugins.
 */
const isOwnModule = (id) => !id.startsWith('\0') && !/[\\/]node_modules[\\/]/.test(id);

/**
 * Minifies the templates of every module of our own. A template the minifier cannot read fails
 * the build: shipping it unminified would go unnoticed until the size budget breaks.
 */
export const minifyTemplates = () => minifyHtmlLiterals({ filter: isOwnModule, failOnError: true });
