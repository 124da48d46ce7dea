/**
 * The CI slice of the fuzz suite: every entry point of entry-points.ts under fast-check, with a
 * small number of runs each (FUZZ_RUNS, default 60, times the entry point's weight) so that the
 * unit project stays about a minute.
 * The long run is `npm run fuzz -- --runs 1000000` (test/fuzz/run.ts).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_POINTS, warmUp } from './entry-points';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

describe('fuzz: every public entry point that takes outside input', () => {
  beforeAll(async () => {
    await warmUp();
  });

  for (const point of ENTRY_POINTS) {
    it(point.name, async () => {
      await fc.assert(
        fc.asyncProperty(point.arbitrary, async (input) => {
          const finding = await point.property(input);
          expect(finding).toBeUndefined();
        }),
        { numRuns: Math.max(1, Math.round(RUNS * (point.weight ?? 1))) },
      );
    });
  }
});
