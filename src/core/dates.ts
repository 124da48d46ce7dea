/**
 * Dates of service. medcode speaks calendar dates (`YYYY-MM-DD`) and never instants, so that a
 * date of service does not shift with the machine's time zone.
 *
 * @module
 */
import { invalidArgument } from './arguments';

/** A calendar date in ISO 8601 `YYYY-MM-DD` form. */
export type IsoDate = string & { readonly __brand?: 'IsoDate' };

/**
 * What callers may pass as a date: an ISO `YYYY-MM-DD` string (recommended) or a `Date`, read as its
 * calendar day in the machine's local time zone (see {@link toIsoDate}).
 *
 * @example
 * ```ts
 * const dos: DateInput = '2026-05-01'
 * ```
 */
export type DateInput = string | Date;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses a date of service into an {@link IsoDate}, or returns `undefined` when it is malformed or
 * not a real calendar day (`2026-02-30`).
 *
 * A string must be exactly `YYYY-MM-DD`, and that form is the one to use. A `Date` is read as its
 * calendar day **in the machine's local time zone**: `new Date('2026-10-01')` is midnight UTC, which
 * is 2026-09-30 in `TZ=America/Los_Angeles`, so `icd10cm.at(new Date('2026-10-01'))` picks FY2026
 * there and FY2027 in UTC. Convert a `Date` to the day you mean before calling (docs/editions.md).
 *
 * @example
 * ```ts
 * toIsoDate('2026-05-01')            // '2026-05-01'
 * toIsoDate(new Date(2026, 4, 1))    // '2026-05-01' (local midnight: the same day in every zone)
 * toIsoDate(new Date('2026-10-01'))  // '2026-09-30' with TZ=America/Los_Angeles, '2026-10-01' with TZ=UTC
 * toIsoDate('2026-02-30')            // undefined
 * toIsoDate('05/01/2026')            // undefined
 * ```
 */
export function toIsoDate(input: unknown): IsoDate | undefined {
  if (isDateObject(input)) {
    // An Invalid Date (`new Date('x')`) has no calendar day. Checked here rather than with date-fns:
    // resolving any date-fns subpath parses its 200 KB package.json, about 30 ms of every cold start.
    if (Number.isNaN(timeOf(input))) return undefined;
    const y = input.getFullYear();
    if (y < 0 || y > 9999) return undefined;
    return `${String(y).padStart(4, '0')}-${String(input.getMonth() + 1).padStart(2, '0')}-${String(input.getDate()).padStart(2, '0')}`;
  }
  if (typeof input !== 'string' || input.length !== 10 || !ISO_DATE.test(input)) return undefined;
  // Reject impossible days (2026-02-30) that `new Date()` would silently roll over. This runs on
  // every claim line, so it checks the numbers directly rather than parsing a format string.
  const year = Number(input.slice(0, 4));
  const month = Number(input.slice(5, 7));
  const day = Number(input.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return undefined;
  return day <= daysInMonth(year, month) ? input : undefined;
}

/**
 * Compares two ISO dates. Lexical order equals calendar order for `YYYY-MM-DD`, and for no other
 * form (`2026-9-30` sorts after `2026-10-01`), so anything but a real `YYYY-MM-DD` day is refused
 * (a `MedcodeError`, `invalid_option`) rather than compared as text.
 *
 * @example
 * ```ts
 * compareIsoDates('2026-09-30', '2026-10-01') // -1
 * ```
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  checkIsoDateArgument('compareIsoDates', 'a', a);
  checkIsoDateArgument('compareIsoDates', 'b', b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Age in completed years on a date: the years between the two dates, less one when the birthday
 * has not come yet that year. Someone born on February 29 is a year older on March 1 in common
 * years. Read from the `YYYY-MM-DD` digits, so the answer is the same in every time zone (a
 * `Date` at UTC midnight read in local time can fall on the day before). Throws a
 * `MedcodeError` (`invalid_option`) when either argument is not a real `YYYY-MM-DD` day; a birth
 * date after the date gives a negative age.
 *
 * @example
 * ```ts
 * ageInYears('2000-03-01', '2001-03-01') // 1
 * ageInYears('2024-02-29', '2025-02-28') // 0
 * ```
 */
export function ageInYears(birthDate: IsoDate, on: IsoDate): number {
  checkIsoDateArgument('ageInYears', 'birthDate', birthDate);
  checkIsoDateArgument('ageInYears', 'on', on);
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // Month and day compare as text: `MM-DD` is fixed-width.
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** An inclusive range of calendar dates. `to` is `null` when the range is open-ended. */
export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

/**
 * Whether `date` falls inside an inclusive {@link DateRange}. The dates are compared as text, which
 * is calendar order for `YYYY-MM-DD` only: a date, `from` or `to` that is not a real `YYYY-MM-DD`
 * day (or `to` other than `null` for an open end) is refused (a `MedcodeError`, `invalid_option`).
 *
 * @example
 * ```ts
 * isWithinRange('2026-09-30', { from: '2025-10-01', to: '2026-09-30' }) // true
 * isWithinRange('2099-01-01', { from: '2025-10-01', to: null })         // true
 * ```
 */
export function isWithinRange(date: IsoDate, range: DateRange): boolean {
  checkIsoDateArgument('isWithinRange', 'date', date);
  if (typeof range !== 'object' || range === null)
    throw invalidArgument('isWithinRange', 'range', 'a { from, to } date range', range);
  const { from, to } = range;
  checkIsoDateArgument('isWithinRange', 'range.from', from);
  if (to !== null) checkIsoDateArgument('isWithinRange', 'range.to', to);
  return date >= from && (to === null || date <= to);
}

/** Refuses, naming the argument, anything but a real `YYYY-MM-DD` calendar day given as a string. */
function checkIsoDateArgument(fn: string, argument: string, value: unknown): void {
  if (typeof value !== 'string' || toIsoDate(value) !== value)
    throw invalidArgument(fn, argument, 'a YYYY-MM-DD calendar date', value);
}

/**
 * Days in a month of the proleptic Gregorian calendar (ISO 8601), by arithmetic: `new Date(y, …)`
 * reads the years 0–99 as 1900–1999, which made 0000-02-29 (year 0 is a leap year) a non-date here
 * while the claim schema accepted it.
 */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * `value instanceof Date`, false for a Proxy whose `getPrototypeOf` trap throws: a date argument
 * from outside is never trusted to be an ordinary object.
 */
/** A Date's time value, or NaN for an Invalid Date or an object that only inherits from Date. */
function timeOf(date: Date): number {
  try {
    return date.getTime();
  } catch {
    return Number.NaN;
  }
}

function isDateObject(value: unknown): value is Date {
  if (value === null || typeof value !== 'object') return false;
  try {
    return value instanceof Date;
  } catch {
    return false;
  }
}
