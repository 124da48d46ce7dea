import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` is the fast default loop (`npm test`); `slow` holds the proofs that rebuild
 * packs from the official files or pack and install the tarball (`npm run test:slow`). CI runs both.
 */
// Also here: the importers' proofs over the official files (xlsx and zip parsing), the ICD-10-PCS
// build from its XML, and the binary spawned through tsx; each costs seconds of CPU per test.
const SLOW = [
  'test/codesets/**/*.test.ts',
  'test/package/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/import/**/*.test.ts',
  'test/icd10pcs/loader.test.ts',
  'test/cli/binary.test.ts',
  // A Redis server and BullMQ worker processes, one of them killed mid-batch.
  'test/node/bullmq.test.ts',
];
/** The CI slice of the fuzz suite (its own CI step; the long run is `npm run fuzz`). */
const FUZZ = ['test/fuzz/fuzz.test.ts'];
/** Each run's temporary folders live in one scratch folder, removed when the run ends. */
const SCRATCH = 'test/scratch-dir.ts';

export default defineConfig({
  test: {
    // Worker threads start faster than forked processes; on two cores that keeps `npm test` near a minute.
    pool: 'threads',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          globalSetup: [SCRATCH],
          include: ['test/**/*.test.ts'],
          exclude: [...SLOW, ...FUZZ],
          // One module graph per worker instead of one per test file: re-importing the code systems
          // for each of ~120 files cost about two thirds of the loop's CPU. No unit test mocks
          // modules or changes process state (the ones that set MEDCODE_CODESETS are in `slow`).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW,
          // The scratch folder first: the tarball is packed into it and removed with it.
          globalSetup: [SCRATCH, 'test/package/pack-once.ts'],
          hookTimeout: 900_000,
        },
      },
      { extends: true, test: { name: 'fuzz', include: FUZZ, globalSetup: [SCRATCH] } },
    ],
  },
});
