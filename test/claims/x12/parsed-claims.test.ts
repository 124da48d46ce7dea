import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toX12837P } from '../../../src/claims/x12';
import { isParsedClaim, parseClaim } from '../../../src/claims/parse';
import type { Claim } from '../../../src/claims/schema';
import { ENVELOPE, OFFICE_VISIT, DEPENDENT, DRUG_AND_ANESTHESIA } from './samples';
import { claimArbitrary } from './arbitraries';

/** parseClaim's output, which parseClaim marks as its own (see `isParsedClaim`). */
function parsedAndMarked(claim: unknown): Claim {
  const r = parseClaim(claim);
  if (!r.ok) throw new Error(`fixture does not parse: ${r.issues.map((i) => i.message).join('; ')}`);
  return r.value;
}

describe('837P writer: a claim parseClaim returned is trusted, not read again', () => {
  it('writes the same bytes and warnings for a marked parsed claim as for the claim object', () => {
    fc.assert(
      fc.property(claimArbitrary, (claim) => {
        const marked = parsedAndMarked(claim);
        expect(isParsedClaim(marked)).toBe(true);
        expect(toX12837P([marked], ENVELOPE)).toEqual(toX12837P([claim], ENVELOPE));
      }),
      { numRuns: 200 },
    );
    for (const claim of [OFFICE_VISIT, DEPENDENT, DRUG_AND_ANESTHESIA]) {
      const r = toX12837P([parsedAndMarked(claim)], ENVELOPE);
      expect(r.ok).toBe(true);
      expect(r).toEqual(toX12837P([claim], ENVELOPE));
    }
  });

  it('still applies the output checks to a marked claim, with the same issues and paths', () => {
    // 13 diagnoses and a pointer past them parse, but no claim format carries them.
    const tooMany = {
      ...OFFICE_VISIT,
      diagnoses: Array.from({ length: 13 }, () => OFFICE_VISIT.diagnoses[0]!),
      lines: OFFICE_VISIT.lines.map((l) => ({ ...l, diagnosisPointers: [14] })),
    };
    const marked = toX12837P([OFFICE_VISIT, parsedAndMarked(tooMany)], ENVELOPE);
    expect(marked.ok).toBe(false);
    expect(marked.issues.map((i) => [i.code, i.path])).toEqual([
      ['claim_limit_exceeded', ['claims', 1, 'diagnoses', 12]],
      ...OFFICE_VISIT.lines.map((_, j) => [
        'claim_invalid',
        ['claims', 1, 'lines', j, 'diagnosisPointers', 0],
      ]),
    ]);
    expect(marked).toEqual(toX12837P([OFFICE_VISIT, tooMany], ENVELOPE));
  });

  it('reads an unmarked object through the claim schema, frozen or not', () => {
    // A frozen look-alike is no parsed claim: its wrong field is reported, not trusted.
    const lookAlike = Object.freeze({ ...OFFICE_VISIT, placeOfService: 11 });
    expect(isParsedClaim(lookAlike)).toBe(false);
    const r = toX12837P([lookAlike as unknown as Claim], ENVELOPE);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'claim_invalid', path: ['claims', 0, 'placeOfService'] });
    // A copy of a marked claim is not marked.
    expect(isParsedClaim({ ...parsedAndMarked(OFFICE_VISIT) })).toBe(false);
    expect(isParsedClaim(null)).toBe(false);
    expect(isParsedClaim('claim')).toBe(false);
  });
});
