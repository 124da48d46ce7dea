import fc from 'fast-check';
import { scenario } from 'medcode/testing';
import { claimWithEdit, icd10cmCode, validClaim } from 'medcode/testing/arbitraries';
import { describe, expect, it } from 'vitest';

describe('a billing app checks its claims with medcode', () => {
  it('a clean claim passes, a scenario carries its edit', () => {
    // A scenario's options carry its `today`: the result is the same when the suite runs a year later.
    const clean = scenario('clean');
    expect(clean.claim).toPassEdits(clean.options);
    const mue = scenario('mue-exceeded');
    expect(mue.claim).toHaveEdit('mue_exceeded', { line: 1, severity: 'error', options: mue.options });
  });

  it('codes are valid on their date of service', () => {
    expect('E11.9').toBeValidCode('icd10cm', { on: '2026-11-01' });
    expect('I42.0').not.toBeValidCode('icd10cm', { on: '2026-10-01' });
  });

  it('generated codes and claims', () => {
    fc.assert(
      fc.property(icd10cmCode({ on: '2026-11-01' }), (code) => {
        expect(code).toBeValidCode('icd10cm', { on: '2026-11-01' });
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(validClaim({ lines: 2 }), ({ claim, options }) => {
        expect(claim).toPassEdits({ ...options, strict: true });
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(claimWithEdit('excludes1_conflict'), ({ claim, options }) => {
        expect(claim).toHaveEdit('excludes1_conflict', { severity: 'warning', options });
      }),
      { numRuns: 10 },
    );
  });

  it('a skipped rule is not a pass', async () => {
    const { validateClaim } = await import('medcode/rules');
    expect(validateClaim(scenario('clean', { on: '2026-11-02' }).claim)).toHaveSkipped('ncci-mue');
  });
});
