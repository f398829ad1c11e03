// ESLint for the whole repo: typescript-eslint's type-checked rules on TypeScript, the lit and wc
// rules on the Lit elements (the widget's, the workplace pages'). Suppressions need a reason (-- after the rule name).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/build/**', '**/node_modules/**', '.demo/**', 'packages/widget/custom-elements.json'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    rules: {
      // Matching control characters is the point in several places (the schemas refuse them, the
      // counsellor's terminal filter replaces them, tests plant them), so the rule would only ever
      // be silenced there.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The type-checked rules see exactly the programs tsc checks: the root project (packages, the
      // examples' tests, bench, scripts) and the widget's browser tests, which only its
      // tsconfig.test.json holds. openpgp's types need @openpgp/web-stream-tools (its optional
      // peer, a root devDependency): without it every stream type, and so most openpgp results,
      // are error types here while tsc, with skipLibCheck, says nothing.
      parserOptions: { project: ['./tsconfig.json', './packages/widget/tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // As tsc's noUnusedLocals/noUnusedParameters: a leading underscore says "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The functions this benchmark hands to page.evaluate() run in Chromium, not in Node.js.
    files: ['bench/encryption-time.mjs', 'bench/workplace.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Browser scripts in plain JavaScript: the frame's two scripts and the configurator.
    files: ['packages/widget/frame/vp-contact-frame*.js', 'packages/widget/configurator/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/widget/configurator/vp-configurator.mjs'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
  },
  {
    // The widget's elements and the counsellor's workplace pages: both are Lit elements.
    files: ['packages/widget/src/**/*.ts', 'packages/counsellor/workplace-ui/src/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    rules: {
      // Lit calls a listener bound in a template (@click=${this.show}) with the element as `this`
      // (the render option `host`), so passing a method there is not the bug this rule looks for.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Modules the widget's tests load into the browser as they are.
    files: ['packages/widget/test/fixtures/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
