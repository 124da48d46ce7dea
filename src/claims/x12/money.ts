/**
 * Exact money for X12: amounts travel as decimal strings and are summed as integer cents, never
 * as floats, so that CLM02 equals the sum of the SV102 line charges to the cent (005010X222A1
 * loop 2300 CLM02, loop 2400 SV102).
 *
 * @module
 */
import { invalidArgument } from '../../core/arguments';

/**
 * Integer cents of a decimal string with at most 2 decimals, or undefined when it is not one.
 * Amounts up to 15 integer digits stay exact (below 2^53 cents). The leading zero may be left out
 * (`.75`): the X12 R data type allows it (ASC X12.6, decimal numeric: "leading zeros should be
 * suppressed unless necessary"), and 837P senders do write CLM02/SV102 that way.
 *
 * @example
 * ```ts
 * toCents('150.5') // 15050
 * toCents('.75')   // 75
 * toCents('1e3')   // undefined
 * ```
 */
export function toCents(text: string): number | undefined {
  // Any non-string (a Symbol, an object) is not an amount.
  if (typeof text !== 'string') return undefined;
  // 1–15 integer digits, then optionally a point and 1–2 decimals, or no integer digit and a
  // point and 1–2 decimals: read digit by digit, no pattern match and no substrings, since every
  // line's charge passes here.
  const n = text.length;
  let i = 0;
  let whole = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i > 15 || (i === 0 && text.charCodeAt(0) !== 0x2e) /* . */) return undefined;
  let frac = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 0x2e /* . */ || n - i - 1 < 1 || n - i - 1 > 2) return undefined;
    for (let k = i + 1; k < n; k++) {
      const d = text.charCodeAt(k) - 0x30;
      if (d < 0 || d > 9) return undefined;
      frac = frac * 10 + d;
    }
    if (n - i - 1 === 1) frac *= 10;
  }
  const cents = whole * 100 + frac;
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/**
 * Refuses, by name, what is not an amount in integer cents: a fraction of a cent, NaN or an
 * infinity has no X12 or claim money form, past 2^53 cents are no longer exact, and a string, a
 * `bigint` (the claim model's cents) or an object is not this function's number. Printed
 * anyway they would be wrong money (`1.5` as `0.01.5`, `'15050'` as `1.5`).
 */
function refusedCents(fn: string, cents: unknown): never {
  throw invalidArgument(fn, 'cents', 'integer cents, a safe integer number', cents);
}

/**
 * The X12 `R` (decimal) form of an amount in cents: no trailing fractional zeros, no float
 * rounding (`15000` → `150`, `15050` → `150.5`, `15055` → `150.55`). A negative amount keeps its
 * sign, which the R type allows (`-150` → `-1.5`). Anything but a safe integer number (a fraction,
 * NaN, an infinity, past 2^53, a string, a `bigint`) is refused with a `MedcodeError`
 * (`invalid_option`) naming `centsToX12(cents)`, never printed as wrong money.
 *
 * @example
 * ```ts
 * centsToX12(15050) // '150.5'
 * centsToX12(-150)  // '-1.5'
 * centsToX12(1.5)   // throws MedcodeError: centsToX12(cents) … got the number 1.5
 * ```
 */
export function centsToX12(cents: number): string {
  // One check on the 837P writer's path: it also refuses every non-number without coercing it.
  if (!Number.isSafeInteger(cents)) refusedCents('centsToX12', cents);
  if (cents < 0) return `-${centsToX12(-cents)}`;
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  if (frac === 0) return String(whole);
  if (frac % 10 === 0) return `${whole}.${frac / 10}`;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * The claim model's money form: two decimals (`15050` → `150.50`). A negative amount keeps its
 * sign (`-5` → `-0.05`, as `formatMoney` writes it), though a claim's charge is never negative.
 * Anything but a safe integer number is refused as by {@link centsToX12}, naming
 * `centsToMoney(cents)`.
 *
 * @example
 * ```ts
 * centsToMoney(15000) // '150.00'
 * centsToMoney(-5)    // '-0.05'
 * centsToMoney(NaN)   // throws MedcodeError: centsToMoney(cents) … got the number NaN
 * ```
 */
export function centsToMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) refusedCents('centsToMoney', cents);
  if (cents < 0) return `-${centsToMoney(-cents)}`;
  const frac = cents % 100;
  return `${Math.floor(cents / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}
