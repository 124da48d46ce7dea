/**
 * National Provider Identifier check digit.
 *
 * Source: CMS, "Requirements for National Provider Identifier (NPI) and NPI Enumeration" (the NPI
 * standard, 45 CFR 162.406, check-digit annex): the 10th digit is the ISO/IEC 7812 Luhn check digit
 * computed over the 9 identifier digits prefixed by `80840` (the health-industry issuer prefix).
 * Equivalently, Luhn over the 9 digits plus the constant 24 contributed by the doubled prefix.
 *
 * @module
 */

/**
 * The Luhn check digit for the first 9 digits of an NPI, or `undefined` when `first9` is not
 * exactly 9 digits.
 *
 * @example
 * ```ts
 * npiCheckDigit('123456789') // '3'  (so 1234567893 is a valid NPI)
 * ```
 */
export function npiCheckDigit(first9: string): string | undefined {
  if (typeof first9 !== 'string' || !/^\d{9}$/.test(first9)) return undefined;
  // Luhn over "80840" + first9 + check: the rightmost payload digit (first9[8]) is doubled.
  const payload = `80840${first9}`;
  let sum = 0;
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Whether `npi` is a 10-digit string whose last digit is the Luhn check digit over the `80840`
 * prefix and the first 9 digits. Never throws.
 *
 * @example
 * ```ts
 * isValidNpi('1234567893') // true
 * isValidNpi('1234567890') // false
 * isValidNpi(1234567893)   // false (not a string)
 * ```
 */
export function isValidNpi(npi: unknown): boolean {
  if (typeof npi !== 'string' || npi.length !== 10) return false;
  // One pass over the 10 digits, no string built (claim writers check every provider's NPI):
  // Luhn from the right over "80840" + the NPI, so the check digit (index 9) is not doubled, the
  // even indices are, and the prefix adds its constant 24.
  let sum = 24;
  for (let i = 0; i < 10; i++) {
    let d = npi.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if ((i & 1) === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
