import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { X12Parser } from 'node-x12';
import { ClaimSchema } from '../../../src/claims/schema';
import { toX12837P } from '../../../src/claims/x12';
import { ENVELOPE } from './samples';
import { readX12 } from './read-all';
import { claimArbitrary, separatorsArbitrary } from './arbitraries';
import { propertyRuns } from '../../property-runs';

describe('837P round trip on generated claims', () => {
  it('reads back every generated claim equal to what was written (random separators)', () => {
    let claimsChecked = 0;
    fc.assert(
      fc.property(
        fc.array(claimArbitrary, { minLength: 1, maxLength: 4 }),
        separatorsArbitrary,
        fc.integer({ min: 1, max: 999_999_999 }),
        (claims, separators, icn) => {
          const written = toX12837P(claims, {
            ...ENVELOPE,
            separators,
            interchangeControlNumber: icn,
            maxClaimsPerTransaction: 3,
          });
          if (!written.ok) throw new Error(written.issues.map((i) => i.message).join('\n'));
          expect(written.issues).toEqual([]);
          // The independent parser (strict: SE01, GE01/02, IEA01/02 checked) accepts it.
          expect(() => new X12Parser(true).parse(written.value)).not.toThrow();
          const read = readX12(written.value);
          expect(read.issues).toEqual([]);
          expect(read.claims).toEqual(claims);
          for (const c of read.claims) expect(ClaimSchema.safeParse(c).success).toBe(true);
          claimsChecked += claims.length;
        },
      ),
      { numRuns: propertyRuns(250), seed: 837 },
    );
    expect(claimsChecked).toBeGreaterThanOrEqual(propertyRuns(250));
  });
});
