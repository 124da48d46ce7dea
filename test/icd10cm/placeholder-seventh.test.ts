/**
 * A code padded with the placeholder X but without its 7th character: the 7th character is what is
 * missing (ICD-10-CM Official Guidelines FY2026, I.A.4 placeholder X and I.A.5 7th characters), as
 * for the unpadded stem.
 */
import { describe, expect, it } from 'vitest';
import { icd10cm } from '../../src/icd10cm/index';

const cs = icd10cm.at('2026-05-01');

describe('placeholder without its 7th character', () => {
  it.each([
    ['M48.40X', 'M48.40X', ['A', 'D', 'G', 'S']],
    ['W01.0XX', 'W01.0XX', ['A', 'D', 'S']],
    ['W01.0X', 'W01.0XX', ['A', 'D', 'S']],
    ['M48.40', 'M48.40X', ['A', 'D', 'G', 'S']],
  ])('%s says the 7th character is missing and lists the allowed values', (input, padded, allowed) => {
    const r = cs.check(input);
    expect(r.ok).toBe(false);
    const issue = r.issues[0]!;
    expect(issue.code).toBe('seventh_character_missing');
    if (issue.code !== 'seventh_character_missing') return;
    expect(issue.allowed.map((a) => a.value)).toEqual(allowed);
    expect(issue.remedy).toContain(`${padded}${allowed[0]}`);
    // Every allowed value completes the stem to a real code.
    for (const a of allowed) expect(cs.get(`${padded}${a}`)?.billable).toBe(true);
  });

  it('an X-padded string with no 7th-character family is still unknown', () => {
    expect(cs.check('E11.9X').issues[0]?.code).toBe('unknown_code');
  });
});
