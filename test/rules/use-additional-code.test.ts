/**
 * "Use additional code" on the built-in FY2026 tabular (ICD-10-CM Official Guidelines FY2026,
 * I.A.13): a chapter-level note names its chapter, and a diagnosis that failed validation gets no
 * companion-code advice.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/core/issues';
import { validateClaimJson } from '../../src/rules/index';
import { baseClaim } from './fakes';

const today = '2026-11-27';
const visit = (diagnoses: readonly string[]) =>
  baseClaim({
    diagnoses: diagnoses.map((code) => ({ code })),
    lines: [
      {
        procedure: '99213',
        units: 1,
        charge: '10.00',
        serviceDate: '2026-05-01',
        diagnosisPointers: diagnoses.map((_, i) => i + 1).slice(0, 4),
      },
    ],
  });

describe('"use additional code" notes', () => {
  it('a chapter note (chapter 19: retained foreign body, Z18.-) names the chapter, not a bare number', () => {
    const r = validateClaimJson(visit(['S72.001A']), { today });
    const uac = r.issues.filter((i) => i.code === 'use_additional_code');
    const chapter = uac.find((i) => i.code === 'use_additional_code' && i.noteLevel === 'chapter');
    expect(chapter).toMatchObject({ owner: '19', noteLevel: 'chapter', path: ['diagnoses', 0, 'code'] });
    const text = formatIssue(chapter!);
    expect(text).toContain('Chapter 19 says "use additional code"');
    expect(text).not.toMatch(/: 19 says/);
    expect(text).toContain('Z18');
  });

  it('a code-level note keeps the code as owner (E11: insulin, Z79.4)', () => {
    const r = validateClaimJson(visit(['E11.9']), { today });
    const own = r.issues.find((i) => i.code === 'use_additional_code' && i.owner === 'E11');
    expect(own).toBeDefined();
    expect(formatIssue(own!)).toMatch(/^(.*: )?E11 says "use additional code"/);
  });

  it('a diagnosis that failed validation gets no "use additional code" advice', () => {
    // S72.001 lacks its 7th character, E11 is a header: both fail code validity.
    const r = validateClaimJson(visit(['S72.001', 'E11']), { today });
    expect(r.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['seventh_character_missing', 'not_billable']),
    );
    expect(r.issues.filter((i) => i.code === 'use_additional_code')).toEqual([]);
    // The same codes, valid, do get it.
    const ok = validateClaimJson(visit(['S72.001A', 'E11.9']), { today });
    expect(ok.issues.filter((i) => i.code === 'use_additional_code').length).toBeGreaterThan(0);
  });
});
