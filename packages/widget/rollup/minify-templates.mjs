// Lit's html`` and css`` templates keep the source's indentation and spacing, which terser leaves
// alone (it is text in a string). The Lit team's plugin minifies them in every module: HTML with
// html-minifier-next, CSS with lightningcss, leaving Lit's bindings (${…}) where they were.
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

/**
 * Minifies the templates of every module but the packages in node_modules (published already
 * built; the crypto libraries hold no templates). A template the minifier cannot read fails the
 * build: shipping it unminified would go unnoticed until the size budget breaks.
 */
export const minifyTemplates = () => minifyHtmlLiterals({ exclude: ['**/node_modules/**'], failOnError: true });
