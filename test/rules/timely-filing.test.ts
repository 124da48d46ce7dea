/**
 * Timely filing: a claim filed (validated, `today`) more than one calendar year after its date of
 * service gets filing_limit_passed; the date of service is each line's "From" date on a professional
 * claim and the claim's "Through" date on an institutional one.
 */
import { describe, expect, it } from 'vitest';
import { validateClaimJson } from '../../src/rules/index';
import type { ClaimValidation, ValidateOptions } from '../../src/rules/index';
import { oneCalendarYearAfter } from '../../src/rules/modules/timely-filing';
import { payerReason } from '../../src/report/index';
import { baseClaim } from './fakes';

const line = (dates: Record<string, string>) => ({
  procedure: '99213',
  units: 1,
  charge: '95.00',
  diagnosisPointers: [1],
  ...dates,
});
const late = (r: ClaimValidation) =>
  r.issues
    .filter((e) => e.code === 'filing_limit_passed')
    .map((e) => ({ ...(e as unknown as { date: string; deadline: string }), path: e.path.join('.') }));

describe('oneCalendarYearAfter', () => {
  it('is the same month and day a year later; February 29 becomes February 28', () => {
    expect(oneCalendarYearAfter('2025-03-10')).toBe('2026-03-10');
    expect(oneCalendarYearAfter('2024-02-29')).toBe('2025-02-28');
    expect(oneCalendarYearAfter('2027-02-28')).toBe('2028-02-28');
    expect(oneCalendarYearAfter('2023-02-29' as never)).toBe('2024-02-29');
    expect(oneCalendarYearAfter('1999-12-31')).toBe('2000-12-31');
    // No YYYY-MM-DD date is a year after a day in 9999: no filing date can be past it.
    expect(oneCalendarYearAfter('9999-12-31')).toBeUndefined();
  });
});

describe('timely-filing', () => {
  const professional = (lines: Record<string, string>[], today: string, extra: ValidateOptions = {}) =>
    validateClaimJson(baseClaim({ lines: lines.map(line) }), { today, ...extra });

  it('a line filed on the last day of its year passes; the next day it is past the limit', () => {
    expect(late(professional([{ serviceDate: '2025-03-10' }], '2026-03-10'))).toEqual([]);
    const r = professional([{ serviceDate: '2025-03-10' }], '2026-03-11');
    expect(r.status).toBe('failed');
    expect(r.issues.find((e) => e.code === 'filing_limit_passed')).toMatchObject({
      rule: 'timely-filing',
      severity: 'error',
      path: ['lines', 0, 'serviceDate'],
      date: '2025-03-10',
      deadline: '2026-03-10',
      today: '2026-03-11',
      citation: expect.stringMatching(/42 CFR 424\.44/),
      message:
        'lines[0].serviceDate: the filing limit for a service on 2025-03-10 ended on 2026-03-10, one calendar year later; today is 2026-03-11.',
    });
    expect(payerReason(r.issues.find((e) => e.code === 'filing_limit_passed')!)).toBe(
      'The time limit for filing has expired',
    );
  });

  it('a service in 9999 is a future date, never past a filing limit', () => {
    const r = professional([{ serviceDate: '9999-12-31' }], '2026-12-07');
    expect(r.issues.map((e) => e.code)).toContain('future_date');
    expect(late(r)).toEqual([]);
  });

  it('professional: each line on its own date, a span by its From date', () => {
    const r = professional(
      [
        { serviceDate: '2025-03-01' },
        { serviceDate: '2025-06-01' },
        { serviceDate: '2025-03-01' },
        { serviceDateFrom: '2025-03-01', serviceDateTo: '2025-04-20' },
      ],
      '2026-04-01',
    );
    expect(late(r).map((e) => e.path)).toEqual([
      'lines.0.serviceDate',
      'lines.2.serviceDate',
      'lines.3.serviceDateFrom',
    ]);
  });

  it('institutional: the claim’s Through date, the discharge or else the last day a line covers', () => {
    const outpatient = validateClaimJson(
      baseClaim({ lines: [line({ serviceDateFrom: '2025-03-01', serviceDateTo: '2025-04-20' })] }),
      { today: '2026-04-01', profile: 'medicare-institutional-outpatient' },
    );
    expect(late(outpatient)).toEqual([]);
    const later = validateClaimJson(
      baseClaim({
        lines: [
          line({ serviceDateFrom: '2025-03-01', serviceDateTo: '2025-04-20' }),
          line({ serviceDate: '2025-03-02' }),
        ],
      }),
      { today: '2026-04-21', profile: 'medicare-institutional-outpatient' },
    );
    expect(late(later)).toEqual([
      expect.objectContaining({ path: 'lines.0.serviceDateTo', date: '2025-04-20', deadline: '2026-04-20' }),
    ]);
    const stay = (today: string) =>
      validateClaimJson(
        baseClaim({
          diagnoses: [{ code: 'E11.9', poa: 'Y' }],
          admissionDate: '2025-02-26',
          dischargeDate: '2025-03-05',
          lines: [line({ serviceDate: '2025-02-26' })],
        }),
        { today, profile: 'medicare-inpatient' },
      );
    expect(late(stay('2026-03-05'))).toEqual([]);
    expect(late(stay('2026-03-06'))).toEqual([
      expect.objectContaining({ path: 'dischargeDate', date: '2025-03-05', deadline: '2026-03-05' }),
    ]);
  });

  it('a caller that knows an exception applies (retroactive entitlement) turns it to a warning', () => {
    const r = professional([{ serviceDate: '2025-03-10' }], '2026-06-01', {
      rules: { 'timely-filing': { severity: 'warning' } },
    });
    expect(r.issues.find((e) => e.code === 'filing_limit_passed')?.severity).toBe('warning');
  });
});
