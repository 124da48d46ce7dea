/**
 * The NCCI add-on code rule on the built-in CMS AOC table (2026 Q2): each edit type, the same
 * provider and date of service, and a primary whose edit ended before the date.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/core/issues';
import { validateClaimJson } from '../../src/rules/index';
import type { ClaimValidation } from '../../src/rules/index';
import { baseClaim } from './fakes';

const today = '2026-11-27';
const DOS = '2026-05-01';
const line = (procedure: string, extra: Record<string, unknown> = {}) => ({
  procedure,
  units: 1,
  charge: '10.00',
  serviceDate: DOS,
  diagnosisPointers: [1],
  ...extra,
});
const provider = (npi: string) => ({ npi });
const validate = (
  lines: unknown[],
  extra: Record<string, unknown> = {},
  options: Record<string, unknown> = {},
) => validateClaimJson(baseClaim({ lines, ...extra }), { today, ...options });
const aocEdits = (r: ClaimValidation) => r.issues.filter((i) => i.code === 'ncci_add_on_code');

describe('ncci-add-on-code on the CMS AOC table 2026 Q2', () => {
  it('type 1: 99292 without 99291 is an error; with 99291 by the same provider on the date it is not', () => {
    const alone = validate([line('99213'), line('99292')]);
    const [edit] = aocEdits(alone);
    expect(edit).toMatchObject({
      code: 'ncci_add_on_code',
      severity: 'error',
      rule: 'ncci-add-on-code',
      path: ['lines', 1, 'procedure'],
      addOnCode: '99292',
      editType: 1,
      primaries: ['99291'],
      primariesNotInForce: [],
      system: 'ncci-aoc',
      dataVersion: 'NCCI AOC 2026-04-01',
      date: DOS,
    });
    expect(formatIssue(edit!)).toContain(
      '99292: add-on code billed without a primary code by the same provider',
    );
    expect(aocEdits(validate([line('99291'), line('99292')]))).toEqual([]);
  });

  it('type 1: the primary must be on the same date and by the same rendering provider', () => {
    expect(aocEdits(validate([line('99291', { serviceDate: '2026-04-30' }), line('99292')]))).toHaveLength(1);
    const twoProviders = validate([
      line('99291', { renderingProvider: provider('1234567893') }),
      line('99292', { renderingProvider: provider('1245319599') }),
    ]);
    expect(aocEdits(twoProviders).map((e) => e.path)).toEqual([['lines', 1, 'procedure']]);
    // The primary on a prior claim of the same provider and date counts.
    const prior = baseClaim({ claimId: 'P1', lines: [line('99291')] });
    expect(aocEdits(validate([line('99292')], {}, { history: [prior] }))).toEqual([]);
  });

  it('type 1: a primary whose edit row ended before the date does not count, and is named', () => {
    // 0443T lost 55700 as a primary on 2025-12-31 (Primary_Code_DelDT and AOC_Edit_DelDT 2025365).
    const [edit] = aocEdits(validate([line('55700'), line('0443T')]));
    expect(edit).toMatchObject({ addOnCode: '0443T', editType: 1, primariesNotInForce: ['55700'] });
    expect(edit!.primaries).not.toContain('55700');
    expect(edit!.primaries).toContain('55707');
    expect(formatIssue(edit!)).toContain('55700 is no longer a primary on 2026-05-01');
    expect(aocEdits(validate([line('55707'), line('0443T')]))).toEqual([]);
  });

  it('type 3: without a listed primary it is a warning naming them; with one it is clean', () => {
    const [edit] = aocEdits(validate([line('99213'), line('0984T')]));
    expect(edit).toMatchObject({ severity: 'warning', editType: 3, addOnCode: '0984T' });
    expect(edit!.primaries).toEqual(['36221', '36222', '36223', '36224', '36225', '36226', '37215', '37216']);
    expect(aocEdits(validate([line('36224'), line('0984T')]))).toEqual([]);
    // Alone on the date, a type 3 add-on code has no primary at all: an error, as for type 1.
    const alone = validate([line('0984T')]);
    expect(aocEdits(alone)).toEqual([expect.objectContaining({ severity: 'error', editType: 3 })]);
    expect(alone.status).toBe('failed');
  });

  it('type 2: contractor-defined primaries: only an add-on code with no other service is reported', () => {
    // Nothing else billed by the provider on the date: no primary a contractor could accept, an error.
    const [edit] = aocEdits(validate([line('0054T')]));
    expect(edit).toMatchObject({
      severity: 'error',
      editType: 2,
      primaries: [],
      specialInstructions: ['Contractor Defined Primary Codes'],
    });
    expect(formatIssue(edit!)).toContain('primaries defined by the contractor');
    expect(aocEdits(validate([line('20985'), line('0054T')]))).toEqual([]);
  });

  it('runs in the professional profile only, and is skipped for dates no AOC table covers', () => {
    const outpatient = validate([line('99292')], {}, { profile: 'medicare-institutional-outpatient' });
    expect(aocEdits(outpatient)).toEqual([]);
    const later = validate([line('99292', { serviceDate: '2026-08-03' })]);
    expect(aocEdits(later)).toEqual([]);
    expect(later.skipped.find((s) => s.rule === 'ncci-add-on-code')?.reason).toMatch(
      /no NCCI add-on code table for 2026-08-03/,
    );
    expect(aocEdits(validate([line('99292')], {}, { rules: { 'ncci-add-on-code': false } }))).toEqual([]);
  });

  it('reads the other lines in place (no history) exactly as through the provider and date index (history)', () => {
    // A prior claim on another date adds no service to the date, but sends the rule through its index.
    const elsewhere = baseClaim({ claimId: 'P2', lines: [line('99291', { serviceDate: '2026-04-02' })] });
    const cases: unknown[][] = [
      [line('99213'), line('99292')],
      [line('99292'), line('99292')],
      [line('99292', { units: 0 }), line('99292')],
      [line('99291', { units: 0 }), line('99292')],
      [line('99291', { renderingProvider: provider('1234567893') }), line('99292')],
      [line('55700'), line('0443T'), line('55700'), line('99213')],
      [line('0054T'), line('0054T')],
      [line('0054T', { units: 0 }), line('20985', { serviceDate: '2026-05-02' })],
      [
        line('0984T'),
        line('36224', { serviceDate: '2026-05-02' }),
        line('0984T', { serviceDate: '2026-05-02' }),
      ],
    ];
    for (const lines of cases) {
      const inPlace = aocEdits(validate(lines));
      expect(inPlace).toEqual(aocEdits(validate(lines, {}, { history: [elsewhere] })));
    }
    expect(aocEdits(validate(cases[0]!))).toHaveLength(1);
    expect(aocEdits(validate(cases[1]!))).toHaveLength(2);
    expect(aocEdits(validate(cases[5]!))[0]).toMatchObject({ primariesNotInForce: ['55700'] });
  });

  it('rejects an aoc option that is not a list of AOC tables', () => {
    const r = validate([line('99292')], {}, { aoc: { tables: ['x'] } });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'invalid_option', path: ['options', 'aoc', 'tables'] });
  });
});
