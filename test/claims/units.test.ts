/**
 * Units as every claim format writes them (837P SV104, CMS-1500 24G, FHIR Claim.item.quantity): a
 * positive number of at most 10 integer digits and 3 decimals once printed. Whole units are
 * decided without printing them; the answer is the printed form's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNITS_TEXT, isWritableUnits } from '../../src/claims/formats';
import { propertyRuns } from '../property-runs';

const printed = (units: number) => units > 0 && UNITS_TEXT.test(String(units));

describe('isWritableUnits', () => {
  it('at the edges of 10 digits and 3 decimals', () => {
    expect(
      [1, 9_999_999_999, 1e10, 0, -0, -1, 0.001, 0.0001, 1.5, 1e21, Number.NaN].map(isWritableUnits),
    ).toEqual([true, true, false, false, false, false, true, false, true, false, false]);
  });

  it('agrees with the printed form for whole and fractional numbers alike', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -10, max: 2 ** 40 }),
          fc.double({ noNaN: false }),
          fc.constantFrom(1e10, 1e10 - 1),
        ),
        (units) => isWritableUnits(units) === printed(units),
      ),
      { numRuns: propertyRuns(2000) },
    );
  });
});
