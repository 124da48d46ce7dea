/**
 * Expected Medicare payment under the physician fee schedule, one test per indicator, each amount
 * computed by hand from the RVU file's own columns (test/pfs/fixtures/rvu26c-sample.csv: real rows
 * of CMS RVU26C PPRRVU2026_Jul_nonQPP.csv with the DESCRIPTION column removed by
 * scripts/pfs-strip-descriptors.ts). Indicator meanings: CMS PFS relative value file README (RVU26C);
 * payment rules: Medicare Claims Processing Manual (Pub. 100-04) ch. 12 — §20.4 payment formula,
 * §20.4.2 facility/non-facility, §20.4.3 assistant at surgery, §40.6 multiple surgery and
 * endoscopies, §40.7 bilateral, §40.8 co-surgeons and team surgery.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/claims/schema';
import {
  PFS_PACK_KIND,
  PfsSchedule,
  decodeRvuPack,
  encodeRvuPack,
  feeScheduleAmount,
  parseRvuCsv,
  pfs,
  priceClaim,
  priceClaimWith,
} from '../../src/pfs/index';
import type { ClaimPricing, LinePricing } from '../../src/pfs/index';
import { PackError, SourceFormatError } from '../../src/core/errors';
import { PackReader, PackWriter } from '../../src/core/pack';
import { expectRefused, WRONG_ARGUMENTS } from '../medcode-error';

const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures', 'rvu26c-sample.csv'), 'latin1');
const parsed = parseRvuCsv(FIXTURE, 'rvu26c-sample.csv');
const schedule = new PfsSchedule(pfs.at('2026-08-01').edition, parsed.notice, parsed.entries);

/** The fixture row of a code and modifier, by its own columns (stripped layout: no DESCRIPTION). */
function columns(code: string, mod = ''): string[] {
  const line = FIXTURE.split('\r\n').find((l) => l.startsWith(`${code},${mod},`));
  if (!line) throw new Error(`fixture has no ${code} ${mod}`);
  return line.split(',');
}
const hundredths = (s: string) => Math.round(Number(s) * 100);

/** By hand: (work + PE + MP) must equal the file's total; total × CF, rounded half up to the cent. */
function byHand(code: string, mod: string, setting: 'facility' | 'non-facility'): number {
  const c = columns(code, mod);
  const [work, nfPe, fPe, mp, nfTotal, fTotal, cf] = [c[4]!, c[5]!, c[7]!, c[9]!, c[10]!, c[11]!, c[24]!];
  const pe = setting === 'facility' ? fPe : nfPe;
  const total = hundredths(work) + hundredths(pe) + hundredths(mp);
  expect(total).toBe(hundredths(setting === 'facility' ? fTotal : nfTotal));
  const cf4 = Math.round(Number(cf) * 10_000);
  return Math.floor((total * cf4 + 5_000) / 10_000); // cents
}
const dollars = (cents: number) => (cents / 100).toFixed(2);
const pct = (cents: number, permille: number) => Math.floor((cents * permille + 500) / 1000);

let n = 0;
function claimOf(
  pos: string,
  lines: { procedure: string; modifiers?: string[]; units?: number; charge?: string; date?: string }[],
): Claim {
  return {
    claimId: `PFS-${++n}`,
    patient: { birthDate: '1950-01-01', sex: 'F' },
    placeOfService: pos,
    diagnoses: [{ code: 'M17.11' }],
    lines: lines.map((l) => ({
      procedure: l.procedure,
      ...(l.modifiers ? { modifiers: l.modifiers } : {}),
      units: l.units ?? 1,
      charge: l.charge ?? '9999.00',
      serviceDate: l.date ?? '2026-08-03',
      diagnosisPointers: [1],
    })),
  };
}
function price(c: Claim): ClaimPricing {
  const r = priceClaimWith(c, { schedule });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const line = (p: ClaimPricing, i = 0): LinePricing => p.lines[i]!;

describe('fee schedule amount: (work + PE + MP) × CF by place of service (ch. 12 §20.4, §20.4.2)', () => {
  it('non-facility (POS 11) and facility (POS 22) amounts of 99213', () => {
    const office = line(price(claimOf('11', [{ procedure: '99213' }])));
    expect(office.setting).toBe('non-facility');
    expect(office.amount).toBe(dollars(byHand('99213', '', 'non-facility')));
    expect(office.amount).toBe('95.19');
    expect(office.formula).toBe(
      '(work 1.30 + non-facility PE 1.46 + MP 0.09 = 2.85 RVUs) × CF 33.4009 = 95.19',
    );
    const hospital = line(price(claimOf('22', [{ procedure: '99213' }])));
    expect(hospital.setting).toBe('facility');
    expect(hospital.amount).toBe(dollars(byHand('99213', '', 'facility')));
  });
  it('a line place of service overrides the claim one', () => {
    const c = claimOf('11', [{ procedure: '99213' }]);
    const l = { ...c.lines[0]!, placeOfService: '21' };
    expect(line(price({ ...c, lines: [l] })).setting).toBe('facility');
  });
  it('units multiply the amount; the claim total is the sum of the lines', () => {
    const p = price(claimOf('11', [{ procedure: '90471', units: 2 }, { procedure: '99213' }]));
    expect(line(p, 0).amount).toBe(dollars(2 * byHand('90471', '', 'non-facility')));
    expect(p.total).toBe(
      dollars(2 * byHand('90471', '', 'non-facility') + byHand('99213', '', 'non-facility')),
    );
  });
  it('a locality with GPCIs of 1.000 gives the national amount', () => {
    const r = priceClaimWith(claimOf('11', [{ procedure: '99213' }]), {
      schedule,
      locality: { name: 'GPCI 1.000', work: '1.000', pe: '1.000', mp: '1.000' },
    });
    expect(r.ok && r.value.lines[0]!.amount).toBe('95.19');
    const bad = priceClaimWith(claimOf('11', [{ procedure: '99213' }]), {
      schedule,
      locality: { name: 'x', work: '1,0', pe: '1', mp: '1' },
    });
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]!.path).toEqual(['locality', 'work']);
  });
});

describe('status codes (RVU README, "Status Code"): never a number the file does not have', () => {
  const statuses = [...new Set(parsed.entries.map((e) => e.status))];
  it.each(statuses)('status %s', (status) => {
    const e = parsed.entries.find(
      (x) => x.status === status && x.modifier === '' && !x.notUsedForMedicarePayment,
    )!;
    const l = line(price(claimOf('11', [{ procedure: e.code }])));
    if (['A', 'R', 'T'].includes(status)) {
      expect(l.amount).toBe(dollars(byHand(e.code, '', 'non-facility')));
    } else {
      expect(l.amount).toBeUndefined();
      expect(l.unpriced).toContain(`status ${status}`);
    }
  });
  it('status T: paid alone on its date, bundled beside another fee-schedule service that date', () => {
    expect(columns('36591')[2]).toBe('T');
    const alone = price(claimOf('11', [{ procedure: '36591' }, { procedure: '99213', date: '2026-08-04' }]));
    expect(line(alone, 0).amount).toBe(dollars(byHand('36591', '', 'non-facility')));
    const beside = price(claimOf('11', [{ procedure: '36591' }, { procedure: '99213' }]));
    expect(line(beside, 0).amount).toBeUndefined();
    expect(line(beside, 0).unpriced).toMatch(
      /^status T: bundled, as another fee-schedule service is billed on 2026-08-03/,
    );
    expect(beside.total).toBe(dollars(byHand('99213', '', 'non-facility')));
    // A service the schedule does not pay (status N) does not bundle it.
    const besideUnpaid = price(claimOf('11', [{ procedure: '36591' }, { procedure: '22526' }]));
    expect(line(besideUnpaid, 0).amount).toBe(dollars(byHand('36591', '', 'non-facility')));
  });
  it('RVUs marked "not used for Medicare payment" (+) give no amount', () => {
    const l = line(price(claimOf('11', [{ procedure: '22526' }])));
    expect(l.amount).toBeUndefined();
    expect(l.unpriced).toMatch(/status N|not used for Medicare payment/);
  });
  it('a code absent from the file is unpriced', () => {
    expect(line(price(claimOf('11', [{ procedure: '99999' }]))).unpriced).toContain(
      'not in the fee schedule file',
    );
  });
});

describe('PC/TC indicator (RVU README, "PCTC IND")', () => {
  it('indicator 1: global, 26 and TC rows; 26 + TC totals equal the global total', () => {
    const p = price(
      claimOf('11', [
        { procedure: '71046' },
        { procedure: '71046', modifiers: ['26'] },
        { procedure: '71046', modifiers: ['TC'] },
      ]),
    );
    expect(line(p, 0).amount).toBe(dollars(byHand('71046', '', 'non-facility')));
    expect(line(p, 1).amount).toBe(dollars(byHand('71046', '26', 'non-facility')));
    expect(line(p, 2).amount).toBe(dollars(byHand('71046', 'TC', 'non-facility')));
    expect(hundredths(columns('71046', '26')[10]!) + hundredths(columns('71046', 'TC')[10]!)).toBe(
      hundredths(columns('71046')[10]!),
    );
  });
  it('indicator 0: modifier 26 does not apply (no 26 row)', () => {
    const l = line(price(claimOf('11', [{ procedure: '99213', modifiers: ['26'] }])));
    expect(l.amount).toBeUndefined();
    expect(l.unpriced).toContain('PC/TC indicator 0');
  });
  it("modifier 53 uses the file's own discontinued row", () => {
    const l = line(price(claimOf('22', [{ procedure: '45378', modifiers: ['53'] }])));
    expect(l.row).toEqual({ code: '45378', modifier: '53' });
    expect(l.amount).toBe(dollars(byHand('45378', '53', 'facility')));
  });
});

describe('multiple procedure indicator (RVU README, "MULT PROC"; ch. 12 §40.6)', () => {
  it('indicator 2: the highest at 100%, the next at 50%, on one date', () => {
    const p = price(claimOf('22', [{ procedure: '63047' }, { procedure: '27130' }]));
    expect(line(p, 1).amount).toBe(dollars(byHand('27130', '', 'facility')));
    expect(line(p, 0).amount).toBe(dollars(pct(byHand('63047', '', 'facility'), 500)));
    expect(line(p, 0).adjustments.map((a) => a.rule)).toEqual(['multiple-procedure']);
  });
  it('every line is paid the lower of its actual charge and its amount after the reductions', () => {
    const p = price(
      claimOf('22', [
        { procedure: '27130' },
        { procedure: '20610', charge: '10.00' },
        { procedure: '99213', charge: '40.00', date: '2026-08-04' },
      ]),
    );
    expect(line(p, 1).amount).toBe('10.00');
    expect(line(p, 1).adjustments.map((a) => a.rule)).toEqual(['multiple-procedure', 'lower-of-charge']);
    expect(line(p, 2).amount).toBe('40.00');
    expect(line(p, 2).adjustments.map((a) => a.rule)).toEqual(['lower-of-charge']);
    // Bilateral first, then the multiple-procedure reduction, then the charge: 150% then 50% is
    // under the 50.00 charged, so the charge does not cap it.
    const bilateral = price(
      claimOf('22', [{ procedure: '27130' }, { procedure: '20610', modifiers: ['50'], charge: '50.00' }]),
    );
    expect(line(bilateral, 1).amount).toBe(dollars(pct(pct(byHand('20610', '', 'facility'), 1500), 500)));
    expect(line(bilateral, 1).adjustments.map((a) => a.rule)).toEqual(['bilateral', 'multiple-procedure']);
  });
  it('indicator 2 on different dates: no reduction', () => {
    const p = price(claimOf('22', [{ procedure: '63047', date: '2026-08-04' }, { procedure: '27130' }]));
    expect(line(p, 0).amount).toBe(dollars(byHand('63047', '', 'facility')));
  });
  it('indicator 0: no reduction beside an indicator 2 procedure', () => {
    const p = price(claimOf('11', [{ procedure: '10004' }, { procedure: '64483' }]));
    expect(line(p, 0).amount).toBe(dollars(byHand('10004', '', 'non-facility')));
    expect(line(p, 1).amount).toBe(dollars(byHand('64483', '', 'non-facility')));
  });
  it('indicator 3: endoscopy family — the base endoscopy billed with a family member adds nothing', () => {
    const p = price(claimOf('22', [{ procedure: '45378' }, { procedure: '45380' }]));
    expect(columns('45380')[23]).toBe('45378'); // ENDO BASE
    expect(line(p, 1).amount).toBe(dollars(byHand('45380', '', 'facility')));
    expect(line(p, 0).amount).toBe('0.00');
    expect(line(p, 0).adjustments[0]!.rule).toBe('endoscopy-family');
  });
  it('indicator 3 family ranks as one procedure against an indicator 2 procedure', () => {
    const p = price(claimOf('22', [{ procedure: '45380' }, { procedure: '27130' }]));
    expect(line(p, 1).amount).toBe(dollars(byHand('27130', '', 'facility')));
    expect(line(p, 0).amount).toBe(dollars(pct(byHand('45380', '', 'facility'), 500)));
  });
  it('indicators 4–7 alone on a date: no reduction', () => {
    const l = line(price(claimOf('11', [{ procedure: '70336' }])));
    expect(columns('70336')[17]).toBe('4');
    expect(l.amount).toBe(dollars(byHand('70336', '', 'non-facility')));
    expect(l.adjustments).toEqual([]);
  });
});

/** By hand: one unit's non-facility PE RVU × CF, rounded half up to the cent. */
function peByHand(code: string): number {
  const c = columns(code);
  return Math.floor((hundredths(c[5]!) * Math.round(Number(c[24]!) * 10_000) + 5_000) / 10_000);
}

describe('multiple procedure payment reductions, indicators 4–7 (RVU README, "MULT PROC")', () => {
  it('4, diagnostic imaging: ranked by TC; the next procedure loses 50% of its TC and 5% of its PC', () => {
    // 71260 TC 3.38 RVUs outranks 70450 TC 2.01; both are family 88.
    expect([columns('70450')[17], columns('70450')[27], columns('71260')[27]]).toEqual(['4', '88', '88']);
    const p = price(claimOf('11', [{ procedure: '70450' }, { procedure: '71260' }]));
    expect(line(p, 1).amount).toBe(dollars(byHand('71260', '', 'non-facility')));
    const reduction =
      pct(byHand('70450', 'TC', 'non-facility'), 500) + pct(byHand('70450', '26', 'non-facility'), 50);
    expect(line(p, 0).amount).toBe(dollars(byHand('70450', '', 'non-facility') - reduction));
    expect(line(p, 0).adjustments.map((a) => a.rule)).toEqual(['imaging-multiple-procedure']);
    expect(line(p, 0).adjustments[0]!.citation).toContain('DIAGNOSTIC IMAGING FAMILY INDICATOR');
  });
  it('4: professional components only (modifier 26): 5% off the lower-ranked PC', () => {
    const p = price(
      claimOf('22', [
        { procedure: '71260', modifiers: ['26'] },
        { procedure: '70450', modifiers: ['26'] },
      ]),
    );
    expect(line(p, 0).amount).toBe(dollars(byHand('71260', '26', 'facility')));
    const pc = byHand('70450', '26', 'facility');
    expect(line(p, 1).amount).toBe(dollars(pc - pct(pc, 50)));
  });
  it('4: a second unit of the same imaging code is a subsequent procedure', () => {
    const p = price(claimOf('11', [{ procedure: '74177', units: 2 }]));
    const reduction =
      pct(byHand('74177', 'TC', 'non-facility'), 500) + pct(byHand('74177', '26', 'non-facility'), 50);
    expect(line(p).amount).toBe(dollars(2 * byHand('74177', '', 'non-facility') - reduction));
  });
  it('4 on different dates: no reduction', () => {
    const p = price(claimOf('11', [{ procedure: '70450', date: '2026-08-04' }, { procedure: '71260' }]));
    expect(line(p, 0).amount).toBe(dollars(byHand('70450', '', 'non-facility')));
  });
  it('5, therapy: the first unit of the highest PE in full, 50% of the PE off every other unit', () => {
    // Non-facility PE: 97530 0.60 > 97110 0.41 > 97140 0.39.
    expect([columns('97110')[17], columns('97140')[17], columns('97530')[17]]).toEqual(['5', '5', '5']);
    const p = price(
      claimOf('11', [{ procedure: '97110', units: 2 }, { procedure: '97140' }, { procedure: '97530' }]),
    );
    expect(line(p, 2).amount).toBe(dollars(byHand('97530', '', 'non-facility')));
    expect(line(p, 0).amount).toBe(
      dollars(2 * (byHand('97110', '', 'non-facility') - pct(peByHand('97110'), 500))),
    );
    expect(line(p, 1).amount).toBe(
      dollars(byHand('97140', '', 'non-facility') - pct(peByHand('97140'), 500)),
    );
    expect(line(p, 1).adjustments[0]).toMatchObject({ rule: 'therapy-multiple-procedure' });
    expect(line(p, 1).adjustments[0]!.citation).toContain('MPPR for therapy');
  });
  it('6, diagnostic cardiovascular: 25% off the TC of the lower-ranked services; a TC-only code is all TC', () => {
    // TC: 93880 4.54 > 93306 3.87 > 93005 (PC/TC indicator 3, technical only) 0.21.
    const p = price(claimOf('11', [{ procedure: '93306' }, { procedure: '93880' }, { procedure: '93005' }]));
    expect(line(p, 1).amount).toBe(dollars(byHand('93880', '', 'non-facility')));
    expect(line(p, 0).amount).toBe(
      dollars(byHand('93306', '', 'non-facility') - pct(byHand('93306', 'TC', 'non-facility'), 250)),
    );
    const tcOnly = byHand('93005', '', 'non-facility');
    expect(columns('93005')[12]).toBe('3');
    expect(line(p, 2).amount).toBe(dollars(tcOnly - pct(tcOnly, 250)));
    expect(line(p, 0).adjustments[0]!.rule).toBe('cardiovascular-multiple-procedure');
  });
  it('6: a global-only code (PC/TC indicator 4) has no TC row to reduce: noted, not reduced', () => {
    const p = price(claimOf('11', [{ procedure: '93880' }, { procedure: '93000' }]));
    expect(columns('93000')[12]).toBe('4');
    expect(line(p, 1).amount).toBe(dollars(byHand('93000', '', 'non-facility')));
    expect(line(p, 1).notes.join(' ')).toContain('no TC row for 93000');
  });
  it('7, diagnostic ophthalmology: 20% off the TC of the lower-ranked service', () => {
    // TC: 92134 0.45 > 92133 0.43.
    const p = price(claimOf('11', [{ procedure: '92133' }, { procedure: '92134' }]));
    expect(line(p, 1).amount).toBe(dollars(byHand('92134', '', 'non-facility')));
    expect(line(p, 0).amount).toBe(
      dollars(byHand('92133', '', 'non-facility') - pct(byHand('92133', 'TC', 'non-facility'), 200)),
    );
    expect(line(p, 0).adjustments[0]!.rule).toBe('ophthalmology-multiple-procedure');
  });
});

describe('bilateral surgery indicator with modifier 50 (RVU README, "BILAT SURG"; ch. 12 §40.7)', () => {
  it('indicator 1: 150%, capped at the actual charge', () => {
    const full = line(price(claimOf('11', [{ procedure: '64483', modifiers: ['50'] }])));
    expect(columns('64483')[18]).toBe('1');
    expect(full.amount).toBe(dollars(pct(byHand('64483', '', 'non-facility'), 1500)));
    const capped = line(price(claimOf('11', [{ procedure: '64483', modifiers: ['50'], charge: '300.00' }])));
    expect(capped.amount).toBe('300.00');
    expect(capped.adjustments.map((a) => a.rule)).toEqual(['bilateral', 'lower-of-charge']);
  });
  it('indicators 1 and 2: 2 units on one line is the bilateral procedure, not two', () => {
    expect(columns('64483')[18]).toBe('1');
    const twoUnits = line(price(claimOf('11', [{ procedure: '64483', units: 2 }])));
    expect(twoUnits.amount).toBe(dollars(pct(byHand('64483', '', 'non-facility'), 1500)));
    expect(twoUnits.adjustments.map((a) => a.rule)).toEqual(['bilateral']);
    // Indicator 0 names modifier 50 and RT/LT only: 2 units stay 2 units.
    expect(columns('10004')[18]).toBe('0');
    expect(line(price(claimOf('11', [{ procedure: '10004', units: 2 }]))).amount).toBe(
      dollars(2 * byHand('10004', '', 'non-facility')),
    );
  });
  it('indicators 0-2: RT and LT lines of one code and date are one bilateral procedure', () => {
    const one = byHand('64483', '', 'non-facility');
    const p = price(
      claimOf('11', [
        { procedure: '64483', modifiers: ['RT'] },
        { procedure: '64483', modifiers: ['LT'] },
      ]),
    );
    expect(line(p, 0).amount).toBe(dollars(one));
    expect(line(p, 1).amount).toBe(dollars(pct(one, 1500) - one));
    expect(p.total).toBe(dollars(pct(one, 1500)));
    expect(line(p, 1).adjustments.map((a) => a.rule)).toEqual(['bilateral']);
    // Indicator 0: both sides together are one side's amount.
    const zero = price(
      claimOf('11', [
        { procedure: '10004', modifiers: ['LT'] },
        { procedure: '10004', modifiers: ['RT'] },
      ]),
    );
    expect(zero.total).toBe(dollars(byHand('10004', '', 'non-facility')));
    // On different dates, or both on one side, they are two procedures.
    const apart = price(
      claimOf('11', [
        { procedure: '64483', modifiers: ['RT'] },
        { procedure: '64483', modifiers: ['LT'], date: '2026-08-04' },
      ]),
    );
    expect(apart.total).toBe(dollars(2 * one));
  });
  it('an RT and LT pair ranks as one procedure, and its two charges cap its two sides together', () => {
    const hip = byHand('27130', '', 'facility');
    const side = byHand('20610', '', 'facility');
    const ranked = price(
      claimOf('22', [
        { procedure: '27130' },
        { procedure: '20610', modifiers: ['RT'] },
        { procedure: '20610', modifiers: ['LT'] },
      ]),
    );
    expect(line(ranked, 0).amount).toBe(dollars(hip));
    expect(line(ranked, 1).amount).toBe(dollars(pct(side, 500)));
    expect(line(ranked, 2).amount).toBe(dollars(pct(pct(side, 1500) - side, 500)));
    const capped = price(
      claimOf('11', [
        { procedure: '64483', modifiers: ['RT'], charge: '50.00' },
        { procedure: '64483', modifiers: ['LT'], charge: '10.00' },
      ]),
    );
    expect(capped.total).toBe('60.00');
    expect(line(capped, 0).amount).toBe('50.00');
    expect(line(capped, 1).amount).toBe('10.00');
  });
  it('indicator 3: each side at 100% (200%)', () => {
    expect(columns('70030')[18]).toBe('3');
    expect(line(price(claimOf('11', [{ procedure: '70030', modifiers: ['50'] }]))).amount).toBe(
      dollars(pct(byHand('70030', '', 'non-facility'), 2000)),
    );
  });
  it('indicators 0 and 2: 100%', () => {
    expect(columns('45378')[18]).toBe('0');
    expect(line(price(claimOf('22', [{ procedure: '45378', modifiers: ['50'] }]))).amount).toBe(
      dollars(byHand('45378', '', 'facility')),
    );
    expect(columns('0509T')[18]).toBe('2');
    expect(line(price(claimOf('11', [{ procedure: '0509T', modifiers: ['50'] }]))).amount).toBe(
      dollars(byHand('0509T', '', 'non-facility')),
    );
  });
});

describe('assistant at surgery (RVU README, "ASST SURG"; ch. 12 §20.4.3)', () => {
  it('indicator 2: 16% with modifier 80, 13.6% with AS', () => {
    expect(columns('27130')[19]).toBe('2');
    expect(line(price(claimOf('22', [{ procedure: '27130', modifiers: ['80'] }]))).amount).toBe(
      dollars(pct(byHand('27130', '', 'facility'), 160)),
    );
    expect(line(price(claimOf('22', [{ procedure: '27130', modifiers: ['AS'] }]))).amount).toBe(
      dollars(pct(byHand('27130', '', 'facility'), 136)),
    );
  });
  it('indicator 1: statutory restriction, no payment', () => {
    expect(columns('45378')[19]).toBe('1');
    const l = line(price(claimOf('22', [{ procedure: '45378', modifiers: ['80'] }])));
    expect(l.amount).toBeUndefined();
    expect(l.unpriced).toContain('assistant indicator 1');
  });
  it('indicator 0: paid with documentation (16%, noted)', () => {
    expect(columns('0509T')[19]).toBe('0');
    const l = line(price(claimOf('11', [{ procedure: '0509T', modifiers: ['82'] }])));
    expect(l.amount).toBe(dollars(pct(byHand('0509T', '', 'non-facility'), 160)));
    expect(l.notes.join(' ')).toContain('documentation');
  });
});

describe('co-surgeons and team surgery (RVU README, "CO-SURG", "TEAM SURG"; ch. 12 §40.8)', () => {
  it('co-surgeon indicator 2: 62.5% each', () => {
    expect(columns('22633')[20]).toBe('2');
    expect(line(price(claimOf('22', [{ procedure: '22633', modifiers: ['62'] }]))).amount).toBe(
      dollars(pct(byHand('22633', '', 'facility'), 625)),
    );
  });
  it('co-surgeon indicator 1: 62.5% with documentation', () => {
    expect(columns('27130')[20]).toBe('1');
    const l = line(price(claimOf('22', [{ procedure: '27130', modifiers: ['62'] }])));
    expect(l.amount).toBe(dollars(pct(byHand('27130', '', 'facility'), 625)));
    expect(l.notes.join(' ')).toContain('documentation');
  });
  it('co-surgeon indicator 0: not permitted', () => {
    expect(columns('33533')[20]).toBe('0');
    expect(line(price(claimOf('22', [{ procedure: '33533', modifiers: ['62'] }]))).unpriced).toContain(
      'not permitted',
    );
  });
  it('team surgery: priced by report (indicator 2) or not permitted (indicator 0)', () => {
    expect(columns('22818')[21]).toBe('2');
    expect(line(price(claimOf('22', [{ procedure: '22818', modifiers: ['66'] }]))).unpriced).toContain(
      'by report',
    );
    expect(columns('27130')[21]).toBe('0');
    expect(line(price(claimOf('22', [{ procedure: '27130', modifiers: ['66'] }]))).unpriced).toContain(
      'not permitted',
    );
  });
});

describe('the RVU file is read at the scales it is priced at', () => {
  /** The fixture with one field of the 0446T row (0-based, DESCRIPTION removed) written as given. */
  const withField = (k: number, value: string) => {
    const row = columns('0446T');
    row[k] = value;
    return FIXTURE.replace(columns('0446T').join(','), row.join(','));
  };
  it('an RVU with other than two decimals, a conversion factor with other than four, or a status code the file does not define fails by row', () => {
    const line = FIXTURE.split('\r\n').findIndex((l) => l.startsWith('0446T,')) + 1;
    for (const [k, value, message] of [
      [4, '1.110', /field 5 is not an RVU with two decimals: "1\.110"/],
      [7, '0.3', /field 8 is not an RVU with two decimals/],
      [11, '1', /field 12 is not an RVU with two decimals/],
      [24, '33.40', /field 25 is not a conversion factor with four decimals: "33\.40"/],
      [24, '33.40090', /field 25 is not a conversion factor with four decimals/],
      [2, 'constructor', /status code "constructor"/],
    ] as const) {
      const text = withField(k, value);
      expect(() => parseRvuCsv(text, 'rvu.csv')).toThrow(SourceFormatError);
      expect(() => parseRvuCsv(text, 'rvu.csv')).toThrow(message);
      expect(() => parseRvuCsv(text, 'rvu.csv')).toThrow(`rvu.csv:${line}`);
    }
    expect(parseRvuCsv(withField(4, '1.11'), 'rvu.csv').entries).toEqual(parsed.entries);
  });
});

describe('the built-in pack', () => {
  it('holds the fixture rows exactly and prices by date of service', () => {
    const built = pfs.at('2026-08-01');
    expect(built.size).toBe(19356);
    for (const e of parsed.entries) expect(built.get(e.code, e.modifier)).toEqual(e);
    const r = priceClaim(claimOf('11', [{ procedure: '99213' }]));
    expect(r.ok && r.value.total).toBe('95.19');
    const early = priceClaim(claimOf('11', [{ procedure: '99213', date: '2026-03-01' }]));
    expect(early.ok && early.value.lines[0]!.unpriced).toContain('no fee schedule file for 2026-03-01');
    expect(built.notice).toContain('American Medical Association');
  });
});

describe('what cannot be priced is said by path, never a TypeError', () => {
  it('a field pricing reads that is not of the claim model type: claim_invalid at its path', () => {
    const good = claimOf('11', [{ procedure: '99213', modifiers: ['25'] }]);
    const line = good.lines[0]!;
    for (const [claim, path] of [
      [null, []],
      ['{"claimId":"A"}', []],
      [{ ...good, placeOfService: 11 }, ['placeOfService']],
      [{ ...good, lines: 'none' }, ['lines']],
      [{ ...good, lines: [line, 7] }, ['lines', 1]],
      [{ ...good, lines: [{ ...line, procedure: undefined }] }, ['lines', 0, 'procedure']],
      [{ ...good, lines: [{ ...line, units: '1' }] }, ['lines', 0, 'units']],
      [{ ...good, lines: [{ ...line, modifiers: '25' }] }, ['lines', 0, 'modifiers']],
      [{ ...good, lines: [{ ...line, modifiers: ['25', 59] }] }, ['lines', 0, 'modifiers', 1]],
      [{ ...good, lines: [{ ...line, serviceDate: 20260803 }] }, ['lines', 0, 'serviceDate']],
      // Money is a decimal string (the claim model's), never a float nor a third decimal: the
      // lower-of-charge cap compares exact cents.
      [{ ...good, lines: [{ ...line, charge: 0.1 + 0.2 }] }, ['lines', 0, 'charge']],
      [{ ...good, lines: [{ ...line, charge: '12.345' }] }, ['lines', 0, 'charge']],
      [{ ...good, lines: [{ ...line, charge: '$150' }] }, ['lines', 0, 'charge']],
    ] as const) {
      const r = priceClaimWith(claim as never, { schedule });
      expect(r.ok, JSON.stringify(path)).toBe(false);
      expect(r.issues[0], JSON.stringify(path)).toMatchObject({ code: 'claim_invalid', path });
    }
    // Over the claim size caps: refused before any line is read.
    const huge = { ...good, lines: Array.from({ length: 501 }, () => line) };
    expect(priceClaimWith(huge, { schedule }).issues[0]!.code).toBe('claim_limit_exceeded');
    expect(priceClaimWith(good, { schedule }).ok).toBe(true);
  });

  it('options that are not an options object or hold no schedule: invalid_option', () => {
    const good = claimOf('11', [{ procedure: '99213' }]);
    expect(priceClaimWith(good, null as never).issues[0]).toMatchObject({ code: 'invalid_option' });
    expect(priceClaimWith(good, {} as never).issues[0]).toMatchObject({
      code: 'invalid_option',
      path: ['schedule'],
    });
    expect(priceClaim(good, null as never).issues[0]).toMatchObject({ code: 'invalid_option' });
  });
});

describe('arguments of the wrong type are refused by name, never a TypeError from inside', () => {
  const row = schedule.get('99213')!;

  it('feeScheduleAmount: a row, setting or locality of another type', () => {
    for (const bad of [undefined, null, 0, 10n, Symbol('s'), 'x'])
      expectRefused(() => feeScheduleAmount(bad as never, 'non-facility'), 'feeScheduleAmount(row)');
    // An object is read as a row: the first decimal it lacks is named.
    for (const bad of [{}, Object.create(null), []])
      expectRefused(() => feeScheduleAmount(bad as never, 'non-facility'), 'feeScheduleAmount(row.workRvu)');
    for (const [field, value] of [
      ['workRvu', Symbol('w')],
      ['workRvu', 1.3],
      ['workRvu', 'one'],
      ['nonFacilityPeRvu', Object.create(null)],
      ['mpRvu', null],
      ['conversionFactor', '33.40091'],
      ['nonFacilityTotal', Symbol('t')],
    ] as const)
      expectRefused(
        () => feeScheduleAmount({ ...row, [field]: value } as never, 'non-facility'),
        `feeScheduleAmount(row.${field})`,
      );
    for (const bad of [...WRONG_ARGUMENTS, 'office', 'FACILITY'])
      expectRefused(() => feeScheduleAmount(row, bad as never), 'feeScheduleAmount(setting)');
    for (const bad of [0, 'x', 10n, Symbol('s'), Object.create(null), {}, { work: '1', pe: '1', mp: '1' }])
      expectRefused(() => feeScheduleAmount(row, 'facility', bad as never), 'feeScheduleAmount(locality)');
    for (const k of ['work', 'pe', 'mp'] as const)
      for (const value of [undefined, 1, Symbol('g'), '1.0001'])
        expectRefused(
          () =>
            feeScheduleAmount(row, 'facility', {
              name: 'x',
              work: '1.000',
              pe: '1.000',
              mp: '1.000',
              [k]: value,
            } as never),
          `feeScheduleAmount(locality.${k})`,
        );
    // Valid calls: no locality (undefined or null) is the national amount.
    expect(feeScheduleAmount(row, 'non-facility').amount).toBe('95.19');
    expect(feeScheduleAmount(row, 'non-facility', null as never).amount).toBe('95.19');
    const local = feeScheduleAmount(row, 'non-facility', {
      name: 'L',
      work: '1.000',
      pe: '1.000',
      mp: '1.000',
    });
    expect(local.amount).toBe('95.19');
    expect(local.formula).toContain('(L)');
  });

  it('priceClaimWith: a locality without a name is an invalid_option issue; a falsy locality is none', () => {
    const c = claimOf('11', [{ procedure: '99213' }]);
    for (const name of [undefined, 5, Symbol('n')]) {
      const r = priceClaimWith(c, {
        schedule,
        locality: { name, work: '1.000', pe: '1.000', mp: '1.000' } as never,
      });
      expect(r.ok).toBe(false);
      expect(r.issues[0]).toMatchObject({ code: 'invalid_option', path: ['locality', 'name'] });
    }
    for (const locality of [null, '', 0, false]) {
      const r = priceClaimWith(c, { schedule, locality: locality as never });
      expect(r.ok && r.value.total).toBe('95.19');
    }
  });

  it('PfsSchedule: an edition, notice or entries of another type; get answers undefined for what is not a code', () => {
    const { edition, notice } = schedule;
    for (const bad of WRONG_ARGUMENTS)
      expectRefused(() => new PfsSchedule(bad as never, notice, []), 'PfsSchedule(edition)');
    for (const bad of WRONG_ARGUMENTS.filter((v) => typeof v !== 'string'))
      expectRefused(() => new PfsSchedule(edition, bad as never, []), 'PfsSchedule(notice)');
    for (const bad of WRONG_ARGUMENTS)
      expectRefused(() => new PfsSchedule(edition, notice, bad as never), 'PfsSchedule(entries)');
    for (const bad of [
      null,
      5,
      Symbol('s'),
      Object.create(null),
      { code: '99213' },
      { code: 99213, modifier: '' },
    ])
      expectRefused(() => new PfsSchedule(edition, notice, [bad] as never), 'PfsSchedule(entries[0])');
    for (const bad of [undefined, null, 99213, Symbol('s'), Object.create(null)])
      expect(schedule.get(bad as never)).toBeUndefined();
    expect(schedule.get('71046', 5 as never)).toBeUndefined();
    expect(schedule.get('71046', 'tc')?.modifier).toBe('TC');
    expect(new PfsSchedule(edition, notice, [row]).get(' 99213 ')).toBe(row);
  });

  it('decodeRvuPack: bytes that are not bytes, a file that is not a name', () => {
    const bytes = encodeRvuPack(parsed.entries, parsed.notice, schedule.edition);
    for (const bad of [...WRONG_ARGUMENTS, [], [77, 67]])
      expectRefused(() => decodeRvuPack(bad as never), 'decodeRvuPack(bytes)');
    for (const bad of [null, 5, Symbol('f'), Object.create(null)])
      expectRefused(() => decodeRvuPack(bytes, bad as never), 'decodeRvuPack(file)');
    // Bytes that are a damaged pack stay the pack reader's error.
    expect(() => decodeRvuPack(new Uint8Array(3))).toThrow(PackError);
    expect(() => decodeRvuPack(bytes.subarray(0, bytes.length - 8))).toThrow(PackError);
    const decoded = decodeRvuPack(bytes, 'rvu.pack');
    expect(decoded.entries).toEqual(parsed.entries);
    expect(decoded.notice).toBe(parsed.notice);
  });

  it('decodeRvuPack: a row the RVU file would not have written is the pack’s inconsistency', () => {
    const bytes = encodeRvuPack(parsed.entries, parsed.notice, schedule.edition);
    const written = PackReader.fromBuffer(bytes);
    const meta = written.json('meta');
    const rows = written.utf8('rows').split('\n');
    const withRow = (cells: (c: string[]) => string[]) =>
      new PackWriter(PFS_PACK_KIND, 'x')
        .json('meta', meta)
        .utf8('rows', [cells(rows[0]!.split(',')).join(','), ...rows.slice(1)].join('\n'))
        .toBuffer();
    expect(decodeRvuPack(withRow((c) => c)).entries).toEqual(parsed.entries);
    for (const [change, message] of [
      [(c: string[]) => c.slice(0, -1), /row 0 has 25 cells, not 26/],
      [(c: string[]) => c.with(2, 'constructor'), /row 0: status "constructor"/],
      [(c: string[]) => c.with(3, 'yes'), /notUsedForMedicarePayment "yes"/],
      [(c: string[]) => c.with(4, '1.1'), /workRvu "1\.1"/],
      [(c: string[]) => c.with(23, '33.40'), /conversionFactor "33\.40"/],
    ] as const) {
      expect(() => decodeRvuPack(withRow(change))).toThrow(PackError);
      expect(() => decodeRvuPack(withRow(change))).toThrow(message);
    }
  });

  it("decodeRvuPack: metadata of another shape is the pack's inconsistency", () => {
    const pack = (meta: unknown) =>
      new PackWriter(PFS_PACK_KIND, 'x').json('meta', meta).utf8('rows', '99213,').toBuffer();
    const meta = {
      edition: schedule.edition,
      notice: 'CPT only copyright 2025 AMA',
      fields: ['code', 'modifier'],
    };
    expect(decodeRvuPack(pack(meta)).entries).toEqual([{ code: '99213', modifier: '' }]);
    for (const [bad, message] of [
      [null, /no notice/],
      [{ ...meta, notice: 5 }, /no notice/],
      [{ ...meta, edition: { id: 'x' } }, /records no edition/],
      [{ ...meta, fields: 'code' }, /fields an RVU entry does not have/],
      [{ ...meta, fields: ['code', '__proto__'] }, /fields an RVU entry does not have/],
    ] as const) {
      expect(() => decodeRvuPack(pack(bad))).toThrow(PackError);
      expect(() => decodeRvuPack(pack(bad))).toThrow(message);
    }
  });
});
