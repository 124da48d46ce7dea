/**
 * Exact money for claims. Charges are decimal strings in the claim JSON (`"150.00"`) and integer
 * cents (`bigint`) in arithmetic, so totals are exact: the 837P rule "CLM02 equals the sum of the
 * SV102 line charges" (837P 005010X222A1 loops 2300 CLM02 and 2400 SV102) and CMS-1500 item 28
 * "total charge = sum of 24F" (NUCC 1500 Claim Form Reference Instruction Manual item 28) must hold to the cent, which binary floats cannot promise
 * (`0.1 + 0.2 !== 0.3`).
 *
 * @module
 */
import { invalidArgument, isIterable } from '../core/arguments';

/**
 * An amount in integer cents. Negative amounts are representable (adjustments) but never parsed from a charge.
 * @example
 * ```ts
 * const fee: Cents = parseMoney('150.00')! // 15000n
 * ```
 */
export type Cents = bigint;

const MONEY_TEXT = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * Parses a non-negative decimal string with at most 2 decimals into cents, or `undefined` when the
 * input is not such a string. Never throws.
 *
 * @example
 * ```ts
 * parseMoney('150.00') // 15000n
 * parseMoney('0.5')    // 50n
 * parseMoney('1e3')    // undefined
 * parseMoney(12.5)     // undefined (numbers are refused: money is never a float)
 * ```
 */
export function parseMoney(text: unknown): Cents | undefined {
  if (typeof text !== 'string' || text.length > 18) return undefined;
  const m = MONEY_TEXT.exec(text);
  if (!m) return undefined;
  const whole = BigInt(m[1]!);
  const frac = m[2] === undefined ? 0n : BigInt(m[2].padEnd(2, '0'));
  return whole * 100n + frac;
}

/**
 * Formats cents as a decimal string with exactly two decimals. Cents are a `bigint`; any other
 * value (a `number` such as `5`, which could mean dollars or cents) gives `undefined` rather than a
 * guess or a TypeError.
 *
 * @example
 * ```ts
 * formatMoney(15000n) // '150.00'
 * formatMoney(-5n)    // '-0.05'
 * formatMoney(5 as unknown) // undefined
 * ```
 */
export function formatMoney(cents: Cents): string;
export function formatMoney(cents: unknown): string | undefined;
export function formatMoney(cents: unknown): string | undefined {
  if (typeof cents !== 'bigint') return undefined;
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = abs % 100n;
  return `${negative ? '-' : ''}${whole}.${frac < 10n ? '0' : ''}${frac}`;
}

/**
 * Adds amounts exactly.
 *
 * @example
 * ```ts
 * formatMoney(sumMoney([parseMoney('0.10')!, parseMoney('0.20')!])) // '0.30'
 * ```
 */
export function sumMoney(amounts: Iterable<Cents>): Cents {
  if (typeof amounts === 'string' || !isIterable(amounts))
    throw invalidArgument('sumMoney', 'amounts', 'an iterable of cents (bigint)', amounts);
  let total = 0n;
  for (const a of amounts) {
    if (typeof a !== 'bigint')
      throw invalidArgument('sumMoney', 'amounts', 'cents as bigints (parseMoney)', a);
    total += a;
  }
  return total;
}

/**
 * Sums decimal charge strings exactly and returns the total as a decimal string, or `undefined`
 * if any charge is not a valid money string.
 *
 * @example
 * ```ts
 * totalCharge(['150.00', '75.5', '0.01']) // '225.51'
 * ```
 */
export function totalCharge(charges: Iterable<string>): string | undefined {
  if (typeof charges === 'string' || !isIterable(charges))
    throw invalidArgument('totalCharge', 'charges', 'an iterable of decimal strings', charges);
  let total = 0n;
  for (const c of charges) {
    const cents = parseMoney(c);
    if (cents === undefined) return undefined;
    total += cents;
  }
  return formatMoney(total);
}

/** Scale of a unit count as an exact fraction `numerator / 10^scale`, or undefined when not a finite decimal. */
function unitsAsFraction(units: number): { numerator: bigint; scale: number } | undefined {
  if (typeof units !== 'number' || !Number.isFinite(units)) return undefined;
  // `String(n)` is the shortest round-trip decimal of the double, which is what the user wrote
  // for any unit count with up to 15 significant digits (X12 SV104 is R 1-15).
  const text = String(units);
  if (/e/i.test(text)) return undefined;
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const [whole = '0', frac = ''] = digits.split('.');
  const numerator = BigInt(whole + frac) * (negative ? -1n : 1n);
  return { numerator, scale: frac.length };
}

/**
 * Multiplies a price by a unit count, rounding half away from zero to the cent only when the
 * unit count has more decimals than the product can hold. Exact for whole units.
 *
 * @example
 * ```ts
 * formatMoney(multiplyMoney(parseMoney('12.35')!, 3)!)   // '37.05'
 * formatMoney(multiplyMoney(parseMoney('10.00')!, 1.5)!) // '15.00'
 * ```
 */
export function multiplyMoney(price: Cents, units: number): Cents | undefined {
  if (typeof price !== 'bigint')
    throw invalidArgument('multiplyMoney', 'price', 'cents as a bigint (parseMoney)', price);
  const f = unitsAsFraction(units);
  if (!f) return undefined;
  return divideRounded(price * f.numerator, 10n ** BigInt(f.scale));
}

/**
 * Divides a charge by a unit count (FHIR `unitPrice` = `net` / `quantity`), rounding half away
 * from zero to the cent. `exact` tells whether no rounding happened. `undefined` for zero or
 * non-finite units.
 *
 * @example
 * ```ts
 * divideMoney(parseMoney('100.00')!, 4)  // { cents: 2500n, exact: true }
 * divideMoney(parseMoney('100.00')!, 3)  // { cents: 3333n, exact: false }
 * ```
 */
export function divideMoney(
  amount: Cents,
  units: number,
): { readonly cents: Cents; readonly exact: boolean } | undefined {
  if (typeof amount !== 'bigint')
    throw invalidArgument('divideMoney', 'amount', 'cents as a bigint (parseMoney)', amount);
  const f = unitsAsFraction(units);
  if (!f || f.numerator === 0n) return undefined;
  const numerator = amount * 10n ** BigInt(f.scale);
  const cents = divideRounded(numerator, f.numerator);
  return { cents, exact: numerator % f.numerator === 0n };
}

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) return divideRounded(-numerator, -denominator);
  const q = numerator / denominator;
  const r = numerator % denominator;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= denominator) return numerator < 0n ? q - 1n : q + 1n;
  return q;
}
