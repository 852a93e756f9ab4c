import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    pool: 'forks',
    // vitest's default is one worker less than the cores: one worker on a 2-core machine. The database tests wait
    // on PGlite or PostgreSQL much of the time, and two workers measured faster on 2 cores: embedded 676 -> 525 s,
    // PostgreSQL 356 -> 235 s (the whole suite, 2026-11-28)
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    passWithNoTests: false,
    reporters: ['default'],
  },
});
