/**
 * Timely filing: Medicare denies a claim filed more than one calendar year after the date of
 * service. The date of service of a professional claim is each line's date (its "From" date when the
 * line spans days); that of an institutional claim is the claim's "Through" date: the discharge, else
 * the last day any line covers. "Filed" is the validator's `today`.
 *
 * The exceptions that extend the limit (retroactive Medicare entitlement, an error of the Medicare
 * contractor; Pub. 100-04, chapter 1, section 70.7) need facts a claim does not carry: a claim that
 * qualifies gets this rule's error all the same, which a caller that knows turns to a warning
 * (`rules: { 'timely-filing': { severity: 'warning' } }`).
 *
 * Sources: 42 CFR 424.44(a)(1) (a claim is filed no later than the close of the period ending one
 * calendar year after the date of service); CMS Medicare Claims Processing Manual (Pub. 100-04),
 * chapter 1, section 70 (time limitations for filing; the line "From" date of a professional claim
 * and the "Through" date of an institutional claim with span dates are its date of service).
 *
 * @module
 */
import type { IsoDate } from '../../core/dates';
import type { Rule, RuleReporter } from '../types';

/**
 * The day one calendar year after `date` (both `YYYY-MM-DD`): the same month and day a year later,
 * February 29 becoming February 28 in a year that has none. Undefined after a date in 9999, whose
 * year later no `YYYY-MM-DD` date can hold (and no filing date can reach).
 *
 * @example
 * ```ts
 * oneCalendarYearAfter('2024-02-29') // '2025-02-28'
 * ```
 */
export function oneCalendarYearAfter(date: IsoDate): IsoDate | undefined {
  const year = Number(date.slice(0, 4)) + 1;
  if (year > 9999) return undefined;
  const monthDay = date.slice(5);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}` as IsoDate;
}

/** Reports a service on `date` when its filing limit, `deadline`, ended before `today`. */
function checkFiled(
  report: RuleReporter,
  date: IsoDate,
  deadline: IsoDate | undefined,
  today: IsoDate,
  path: (string | number)[],
): void {
  if (deadline !== undefined && today > deadline)
    report.edit({ code: 'filing_limit_passed', path, codes: [], date, deadline, today });
}

/**
 * Timely filing rule (`timely-filing`).
 *
 * @example
 * ```ts
 * validateClaim(claim, { today: '2026-12-07' }).issues.filter((i) => i.code === 'filing_limit_passed')
 * ```
 */
export const timelyFilingRule: Rule = {
  id: 'timely-filing',
  title: 'Timely filing: within one calendar year of the date of service',
  citation: '42 CFR 424.44(a)(1); CMS Medicare Claims Processing Manual (Pub. 100-04), chapter 1, section 70',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { claim, lineDates, today } = ctx;
    const lines = claim.lines;
    if (ctx.setting === 'professional') {
      // Each line is denied on its own date; lines mostly share one, whose deadline is found once.
      let date: IsoDate | undefined;
      let deadline: IsoDate | undefined;
      for (let i = 0; i < lines.length; i++) {
        const lineDate = lineDates[i];
        if (lineDate === undefined) continue;
        if (lineDate !== date) {
          date = lineDate;
          deadline = oneCalendarYearAfter(lineDate);
        }
        const field = lines[i]!.serviceDate !== undefined ? 'serviceDate' : 'serviceDateFrom';
        checkFiled(report, lineDate, deadline, today, ['lines', i, field]);
      }
      return;
    }
    // An institutional claim's "Through" date: the discharge, else the last day a line covers.
    if (claim.dischargeDate !== undefined) {
      checkFiled(report, claim.dischargeDate, oneCalendarYearAfter(claim.dischargeDate), today, [
        'dischargeDate',
      ]);
      return;
    }
    let through: IsoDate | undefined;
    let at: (string | number)[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const end = line.serviceDateTo ?? lineDates[i];
      if (end !== undefined && (through === undefined || end > through)) {
        through = end;
        at = [
          'lines',
          i,
          line.serviceDateTo !== undefined
            ? 'serviceDateTo'
            : line.serviceDate !== undefined
              ? 'serviceDate'
              : 'serviceDateFrom',
        ];
      }
    }
    if (through !== undefined) checkFiled(report, through, oneCalendarYearAfter(through), today, at);
  },
};
