import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` is the fast default loop (`npm test`); `slow` holds the proofs that rebuild
 * packs from the official files or pack and install the tarball (`npm run test:slow`). CI runs both.
 */
const SLOW = [
  'test/codesets/**/*.test.ts',
  'test/package/**/*.test.ts',
  'test/browser/**/*.test.ts',
  // A Redis server and BullMQ worker processes, one of them killed mid-batch.
  'test/node/bullmq.test.ts',
];
/** The CI slice of the fuzz suite (its own CI step; the long run is `npm run fuzz`). */
const FUZZ = ['test/fuzz/fuzz.test.ts'];

export default defineConfig({
  test: {
    // Worker threads start faster than forked processes; on two cores that keeps `npm test` near a minute.
    pool: 'threads',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...SLOW, ...FUZZ] } },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW,
          globalSetup: ['test/package/pack-once.ts'],
          hookTimeout: 900_000,
        },
      },
      { extends: true, test: { name: 'fuzz', include: FUZZ } },
    ],
  },
});
