/**
 * Staleness is said, never silent: every edition a claim's rules used past what its publisher
 * released it for gives one `data_stale` warning in `validateClaim`'s result, naming the edition,
 * its last day and the official file to import, at the claim field the date came from.
 */
import { describe, expect, it } from 'vitest';
import { validateClaimJson } from '../../src/rules/index';
import { baseClaim } from './fakes';
import { importPtp } from '../../src/ncci/index';
import { latin1Bytes, ptpText } from '../fixtures/ncci/layout';

const line = (procedure: string, serviceDate: string) => ({
  procedure,
  units: 1,
  charge: '10.00',
  serviceDate,
  diagnosisPointers: [1],
});

describe('data_stale in validateClaim', () => {
  it('2026-12-02: the July 2026 HCPCS edition is past 2026 Q3, said once, at the first line of that date', () => {
    const r = validateClaimJson(
      baseClaim({
        diagnoses: [{ code: 'E11.9' }],
        lines: [line('99213', '2026-12-01'), line('G0121', '2026-12-02'), line('G0121', '2026-12-02')],
      }),
      { today: '2026-12-04' },
    );
    const stale = r.stale;
    const hcpcs = stale.filter((i) => i.system === 'hcpcs');
    expect(hcpcs).toHaveLength(1);
    expect(hcpcs[0]).toMatchObject({
      severity: 'warning',
      rule: 'data-currency',
      edition: '2026-jul',
      validThrough: '2026-09-30',
      // Line 0 is CPT 99213: HCPCS Level II was first used on line 1.
      date: '2026-12-02',
      path: ['lines', 1, 'serviceDate'],
    });
    expect(hcpcs[0]!.message).toMatch(
      /^lines\[1\]\.serviceDate: HCPCS Level II 2026 July was published for dates up to 2026-09-30; .* import the CMS HCPCS Level II October 2026 quarterly file \(october-2026-alpha-numeric-hcpcs-file\.zip\)/,
    );
    // A warning: the verdict is unchanged.
    expect(stale.every((i) => i.severity === 'warning')).toBe(true);
    // The MCE v37 lists (FY2020) the manifestation rule used are said to be stale too.
    expect(stale.find((i) => i.system === 'mce')).toMatchObject({
      edition: 'v37',
      validThrough: '2020-09-30',
    });
  });

  it('a date inside every edition used gives no data_stale from HCPCS; an MCE-free run gives none at all', () => {
    const r = validateClaimJson(
      baseClaim({ diagnoses: [{ code: 'E11.9' }], lines: [line('G0121', '2026-08-01')] }),
      {
        today: '2026-12-04',
        rules: { 'icd10cm-manifestation': false },
      },
    );
    expect(r.stale).toEqual([]);
    const withMce = validateClaimJson(
      baseClaim({ diagnoses: [{ code: 'E11.9' }], lines: [line('G0121', '2026-08-01')] }),
      { today: '2026-12-04' },
    );
    expect(withMce.stale.map((i) => i.system)).toEqual(['mce']);
  });

  it("a PTP table chosen with version 'latest' for a later quarter is stale; 'dos-quarter' never uses it", async () => {
    const [table] = await importPtp([
      {
        name: 'ccipra-v321r0-f1.txt',
        bytes: latin1Bytes(
          ptpText([
            ['99213', '36415', '', '20260101', '*', '1', 'Misuse of column two code with column one code'],
          ]),
        ),
      },
    ]);
    const claim = baseClaim({
      diagnoses: [{ code: 'E11.9' }],
      lines: [line('99213', '2026-12-01'), line('36415', '2026-12-01')],
    });
    const latest = validateClaimJson(claim, {
      today: '2026-12-04',
      ptp: { tables: [table!], version: 'latest' },
      rules: { 'icd10cm-manifestation': false },
    });
    const ptp = latest.stale.filter((i) => i.system === 'ncci-ptp');
    expect(ptp).toHaveLength(1);
    expect(ptp[0]).toMatchObject({ edition: table!.edition.id, path: ['lines', 0, 'serviceDate'] });
    const dos = validateClaimJson(claim, {
      today: '2026-12-04',
      ptp: { tables: [table!] },
      rules: { 'icd10cm-manifestation': false },
    });
    expect(dos.stale.filter((i) => i.system === 'ncci-ptp')).toEqual([]);
  });
});
