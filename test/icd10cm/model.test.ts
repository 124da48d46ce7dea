import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatIcd10CmDotted,
  formatIcd10CmUndotted,
  normalizeIcd10CmCode,
  parseIcd10CmCode,
} from '../../src/icd10cm/model';
import { parseIcd10CmReferences, referenceCovers } from '../../src/icd10cm/references';
import { searchTokens } from '../../src/icd10cm/text';

describe('ICD-10-CM model', () => {
  it('accepts every spelling of a code', () => {
    for (const s of ['E11.9', 'e119', ' E11.9 ', 'E119', 'e11.9'])
      expect(normalizeIcd10CmCode(s)).toBe('E119');
    expect(normalizeIcd10CmCode('QA0.0101')).toBe('QA00101');
    expect(normalizeIcd10CmCode('S72.001A')).toBe('S72001A');
  });

  it('formats dotted and undotted', () => {
    expect(formatIcd10CmDotted('S72001A')).toBe('S72.001A');
    expect(formatIcd10CmDotted('I10')).toBe('I10');
    expect(formatIcd10CmDotted('E11.9')).toBe('E11.9');
    expect(formatIcd10CmUndotted('E11.9')).toBe('E119');
  });

  it('gives precise structural reasons', () => {
    const reason = (s: unknown) => {
      const r = parseIcd10CmCode(s);
      if (r.ok) return 'ok';
      const issue = r.issues[0]!;
      if (issue.code !== 'malformed_code' || issue.system !== 'icd10cm') return `unexpected ${issue.code}`;
      return `${issue.reason}${issue.position !== undefined ? `@${issue.position}` : ''}`;
    };
    expect(reason(42)).toBe('not_a_string');
    expect(reason('')).toBe('empty');
    expect(reason('   ')).toBe('empty');
    expect(reason('E1')).toBe('too_short');
    expect(reason('E11.99999')).toBe('too_long');
    expect(reason('111.9')).toBe('first_character@0');
    expect(reason('E1.19')).toBe('dot_position@2');
    expect(reason('E11.')).toBe('dot_position@3');
    expect(reason('E11..9')).toBe('dot_position@4');
    expect(reason('E11-9')).toBe('bad_character@3');
    expect(reason('ABC')).toBe('bad_character@2');
    expect(reason('E11.9\u0000')).toBe('bad_character@5');
    // Unicode look-alikes: Cyrillic Е (U+0415) and a fullwidth digit.
    expect(reason('\u041511.9')).toBe('first_character@0');
    expect(reason('E1\uFF11.9')).toBe('bad_character@2');
  });

  it('never throws and stays shape-correct on any input', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const r = parseIcd10CmCode(v);
        if (r.ok) expect(r.value.code).toMatch(/^[A-Z][0-9A-Z]{2,6}$/);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = parseIcd10CmCode(s);
        if (r.ok) expect(normalizeIcd10CmCode(formatIcd10CmDotted(r.value.code))).toBe(r.value.code);
      }),
    );
    expect(parseIcd10CmCode('E'.repeat(1_000_000)).ok).toBe(false);
  });
});

describe('Excludes references', () => {
  it('parses the contract examples', () => {
    expect(parseIcd10CmReferences('type 1 diabetes mellitus (E10.-)')).toEqual([
      { raw: 'E10.-', low: 'E10', high: 'E10' },
    ]);
    expect(parseIcd10CmReferences('mental disorders (F01-F99)')).toEqual([
      { raw: 'F01-F99', low: 'F01', high: 'F99' },
    ]);
    expect(parseIcd10CmReferences('gestational diabetes (O24.4-)')).toEqual([
      { raw: 'O24.4-', low: 'O244', high: 'O244' },
    ]);
    expect(parseIcd10CmReferences('acute pharyngitis (J02.9)')).toEqual([
      { raw: 'J02.9', low: 'J029', high: 'J029' },
    ]);
    expect(parseIcd10CmReferences('several (B01-B02, B05.1) and (NOS) (acute)')).toEqual([
      { raw: 'B01-B02', low: 'B01', high: 'B02' },
      { raw: 'B05.1', low: 'B051', high: 'B051' },
    ]);
  });

  it('covers codes by prefix range', () => {
    const [ref] = parseIcd10CmReferences('(F01-F99)');
    expect(referenceCovers(ref!, 'F329')).toBe(true);
    expect(referenceCovers(ref!, 'G20')).toBe(false);
    const [e10] = parseIcd10CmReferences('(E10.-)');
    expect(referenceCovers(e10!, 'E1010')).toBe(true);
    expect(referenceCovers(e10!, 'E119')).toBe(false);
    // Ends of different lengths: T80-T88.6 reaches T88.6 and its codes, not T88.7-T88.9; D06-D07.3
    // stops before D07.4 (the Excludes1 notes of T88.7 and R87.7).
    const [t] = parseIcd10CmReferences('(T80-T88.6)');
    expect(t).toEqual({ raw: 'T80-T88.6', low: 'T80', high: 'T886' });
    for (const [code, covered] of [
      ['T8000XA', true],
      ['T8861XA', true],
      ['T887XXA', false],
      ['T889XXA', false],
      ['T79', false],
    ] as const)
      expect(referenceCovers(t!, code), code).toBe(covered);
    const [d] = parseIcd10CmReferences('(D06-D07.3)');
    expect(['D069', 'D0730', 'D074', 'D075'].map((c) => referenceCovers(d!, c))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('search tokens', () => {
  it('expands abbreviations and folds plurals', () => {
    expect(searchTokens('Type 2 DM w/ neuropathies')).toEqual(
      searchTokens('type 2 diabetes mellitus neuropathy'),
    );
    expect(searchTokens('Type 2 DM w/ neuropathies')).toHaveLength(5);
    expect(searchTokens('ulcerated ulceration ulcers')).toEqual(['ulcer', 'ulcer', 'ulcer']);
    expect(searchTokens('fractures')).toEqual(searchTokens('fracture'));
    expect(searchTokens('w/o')).toEqual(['without']);
  });
});
