import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/counsellor/workplace-ui/**/*.test.ts', 'packages/widget/rollup/*.test.mjs', 'examples/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['./scripts/test-environment.mjs'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files start real processes (relays, PostgreSQL clients, gpg, Chromium): two cores.
    maxWorkers: 2,
  },
});
