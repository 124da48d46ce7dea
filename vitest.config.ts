import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Code-set packs are large; loading them in many workers at once costs memory, not correctness.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
