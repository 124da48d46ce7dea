/**
 * Compact numeric forms used by the NCCI packs: a 5-character HCPCS/CPT code as a base-36 integer
 * and a calendar date as days since 1970-01-01. Both keep pack rows fixed-width and lookups free of
 * string work.
 *
 * @module
 */
import { invalidArgument } from '../core/arguments';

/** Value of one base-36 character, or -1. Upper and lower case letters are accepted. */
function digit36(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/**
 * Encodes a 5-character HCPCS/CPT code (`99213`, `J1100`, `0001U`) as an integer below 36^5, or
 * returns -1 for anything else (non-strings, other lengths, other characters). Never throws.
 *
 * @example
 * ```ts
 * encodeProcedureCode('99213') >= 0 // true
 * encodeProcedureCode('992')         // -1
 * ```
 */
export function encodeProcedureCode(code: unknown): number {
  if (typeof code !== 'string' || code.length !== 5) return -1;
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const d = digit36(code.charCodeAt(i));
    if (d < 0) return -1;
    n = n * 36 + d;
  }
  return n;
}

/** One past the largest number {@link encodeProcedureCode} gives: five base-36 digits. */
export const CODE_NUMBERS = 36 ** 5;

/**
 * Decodes {@link encodeProcedureCode}'s integer back to the upper-case code. Only the integers 0 to
 * 36^5 − 1 are codes: anything else (encodeProcedureCode's -1 for "not a code", a fraction, NaN, a
 * number past five digits, a string, a `bigint`) is refused with a `MedcodeError`
 * (`invalid_option`) naming `decodeProcedureCode(n)`, rather than decoded into a code no one sent.
 *
 * @example
 * ```ts
 * decodeProcedureCode(encodeProcedureCode('j1100')) // 'J1100'
 * decodeProcedureCode(-1)                           // throws MedcodeError: decodeProcedureCode(n) …
 * ```
 */
export function decodeProcedureCode(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= CODE_NUMBERS)
    throw invalidArgument(
      'decodeProcedureCode',
      'n',
      'a procedure code number from encodeProcedureCode (an integer from 0 to 36^5 − 1)',
      n,
    );
  let out = '';
  for (let i = 0; i < 5; i++) {
    const d = n % 36;
    out = (d < 10 ? String.fromCharCode(48 + d) : String.fromCharCode(55 + d)) + out;
    n = Math.floor(n / 36);
  }
  return out;
}

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` string (no validation beyond the shape; callers pass
 * validated dates), or -1 when the shape is wrong.
 *
 * @example
 * ```ts
 * isoToDays('1970-01-02') // 1
 * ```
 */
export function isoToDays(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return -1;
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) : -1;
}

/**
 * The `YYYY-MM-DD` string of a day number.
 *
 * @example
 * ```ts
 * daysToIso(1) // '1970-01-02'
 * ```
 */
export function daysToIso(days: number): string {
  // Edits report the same few effective/deletion dates over and over: a bounded lazy cache.
  let iso = ISO_OF_DAY.get(days);
  if (iso === undefined) {
    iso = new Date(days * DAY_MS).toISOString().slice(0, 10);
    if (ISO_OF_DAY.size >= 4096) ISO_OF_DAY.clear();
    ISO_OF_DAY.set(days, iso);
  }
  return iso;
}
const ISO_OF_DAY = new Map<number, string>();

/**
 * `YYYYMMDD` (the CMS file form) to days since 1970-01-01, or -1 when it is not a real date.
 *
 * @example
 * ```ts
 * yyyymmddToDays('19700102') // 1
 * yyyymmddToDays('20260230') // -1
 * ```
 */
export function yyyymmddToDays(text: string): number {
  if (text.length !== 8) return -1;
  for (let i = 0; i < 8; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d) return -1;
  return Math.floor(t / DAY_MS);
}
