/**
 * The `ncci-ptp` rule checks a few-line claim line by line and a longer one by distinct code per
 * date: both must report the same edits, in the same order, on the CMS-packaged fixtures.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importPtp } from '../../src/ncci/index';
import { validateClaimJson } from '../../src/rules/index';
import type { ClaimValidation } from '../../src/rules/index';
import { baseClaim, fakeCodeSets } from '../rules/fakes';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'ncci');
const tablesP = importPtp([join(FIX, 'ccipra-v233r0-f1.zip'), join(FIX, 'ccipra-v240r0-f1.zip')]);
const line = (procedure: string, serviceDate: string, modifiers: string[] = []) => ({
  procedure,
  units: 1,
  charge: '1.00',
  serviceDate,
  modifiers,
});
const ptpEdits = (r: ClaimValidation) =>
  r.issues.filter((i) => i.code === 'ncci_ptp' || i.code === 'ncci_ptp_bypassed');

describe('ncci-ptp: a few lines and many lines give the same edits', () => {
  it('the same pairs, paths and order with 14 lines of codes no edit names added after them', async () => {
    const options = { codeSets: fakeCodeSets, today: '2026-11-27', ptp: { tables: await tablesP } };
    const lines = [
      line('22319', '2017-11-02'),
      line('38220', '2017-11-01', ['59']),
      line('38220', '2017-11-02'),
      line('22319', '2017-11-01'),
      line('64484', '2017-11-02'),
      line('64633', '2017-11-02'),
      line('93623', '2017-11-02'),
      line('93653', '2017-11-02'),
    ];
    const filler = Array.from({ length: 14 }, (_, k) => line(String(10021 + k), '2017-11-02'));
    const few = ptpEdits(validateClaimJson(baseClaim({ lines }), options));
    const many = ptpEdits(validateClaimJson(baseClaim({ lines: [...lines, ...filler] }), options));
    expect(few.map((e) => [e.code, e.path[1]])).toEqual([
      ['ncci_ptp_bypassed', 1],
      ['ncci_ptp', 2],
      ['ncci_ptp', 4],
    ]);
    expect(many).toEqual(few);
  });
});
