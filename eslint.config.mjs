// ESLint for the whole repo: typescript-eslint's type-checked rules on TypeScript, the lit and wc
// rules on the widget's elements. Suppressions need a reason (-- after the rule name).
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
      parserOptions: { project: ['./tsconfig.json', './packages/widget/tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
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
    files: ['packages/widget/src/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
  },
);
