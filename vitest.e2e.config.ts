import { defineConfig } from 'vitest/config';

// Browser flows: each spec file starts its own gongkai (child process, fresh database) and Chromium.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['e2e/**/*.spec.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    passWithNoTests: false,
    reporters: ['default'],
  },
});
