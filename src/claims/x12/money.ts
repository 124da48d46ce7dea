/**
 * Exact money for X12: amounts travel as decimal strings and are summed as integer cents, never
 * as floats, so that CLM02 equals the sum of the SV102 line charges to the cent (005010X222A1
 * loop 2300 CLM02, loop 2400 SV102).
 *
 * @module
 */

const MONEY = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * Integer cents of a decimal string with at most 2 decimals, or undefined when it is not one.
 * Amounts up to 15 integer digits stay exact (below 2^53 cents).
 *
 * @example
 * ```ts
 * toCents('150.5') // 15050
 * toCents('1e3')   // undefined
 * ```
 */
export function toCents(text: string): number | undefined {
  // Any non-string (a Symbol, an object) is not an amount: RegExp.exec would coerce it, or throw.
  if (typeof text !== 'string') return undefined;
  const m = MONEY.exec(text);
  if (!m) return undefined;
  const frac = m[2] === undefined ? 0 : m[2].length === 1 ? Number(m[2]) * 10 : Number(m[2]);
  const cents = Number(m[1]) * 100 + frac;
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/**
 * The X12 `R` (decimal) form of an amount in cents: no trailing fractional zeros, no float
 * rounding (`15000` → `150`, `15050` → `150.5`, `15055` → `150.55`).
 *
 * @example
 * ```ts
 * centsToX12(15050) // '150.5'
 * ```
 */
export function centsToX12(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  if (frac === 0) return String(whole);
  if (frac % 10 === 0) return `${whole}.${frac / 10}`;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * The claim model's money form: two decimals (`15050` → `150.50`).
 *
 * @example
 * ```ts
 * centsToMoney(15000) // '150.00'
 * ```
 */
export function centsToMoney(cents: number): string {
  const frac = cents % 100;
  return `${Math.floor(cents / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}
