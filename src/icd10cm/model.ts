/**
 * ICD-10-CM code model: parse, normalize and format codes without any data.
 *
 * Structure (ICD-10-CM Official Guidelines for Coding and Reporting FY2026, section I.A.2–I.A.5, and the
 * CMS order-file layout in `icd10OrderFiles.pdf`): 3 to 7 characters, the first a letter, the second
 * usually a digit (but FY2026 has `QA0`), characters 2–7 letters or digits; the written form has a dot after the third character,
 * claims (837P, CMS-1500) carry the code without the dot.
 *
 * @module
 */
import { checkStringArgument } from '../core/arguments';
import { type CodeScan, type ParsedCode, isAsciiDigit, nonAsciiAt, scanToResult } from '../core/code-shape';
import type { Result } from '../core/result';

declare const ICD10CM_BRAND: unique symbol;

/**
 * An ICD-10-CM code in canonical undotted, upper-case form (e.g. `E119`), checked for shape only.
 *
 * @example
 * ```ts
 * const code: Icd10CmCode | undefined = normalizeIcd10CmCode('e11.9') // 'E119'
 * ```
 */
export type Icd10CmCode = string & { readonly [ICD10CM_BRAND]: true };

/**
 * Outcome of {@link parseIcd10CmCode}.
 *
 * @example
 * ```ts
 * const r: Icd10CmParseResult = parseIcd10CmCode(' e11.9 ')
 * ```
 */
export type Icd10CmParseResult = Result<ParsedCode<Icd10CmCode>>;

/**
 * Outcome of {@link scanIcd10CmCode}: the compact form the code set's hot path reads.
 *
 * @example
 * ```ts
 * const s: Icd10CmScan = scanIcd10CmCode('E1.19') // { ok: false, reason: 'dot_position', position: 2, … }
 * ```
 */
export type Icd10CmScan = CodeScan<Icd10CmCode>;

/** Longest input we look at character by character; anything longer is `too_long` at once. */
const MAX_INPUT = 16;

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Parses any spelling of an ICD-10-CM code (`E11.9`, `e119`, ` E11.9 `, `E119`) into the canonical
 * undotted upper-case form, or explains precisely why it cannot be one with a `malformed_code` issue
 * (its `reason`, `position` and `expected`). Never throws, and runs in constant time for any input
 * (long strings are rejected by length).
 *
 * @example
 * ```ts
 * parseIcd10CmCode(' e11.9 ') // { ok: true, value: { code: 'E119', changes: ['trimmed', 'upper-cased'] }, issues: [] }
 * parseIcd10CmCode('E1.19')   // { ok: false, issues: [{ code: 'malformed_code', reason: 'dot_position', position: 2, … }] }
 * ```
 */
export function parseIcd10CmCode(input: unknown): Icd10CmParseResult {
  return scanToResult('icd10cm', input, scanIcd10CmCode(input));
}

/**
 * The scanner behind {@link parseIcd10CmCode}, in the compact form `get` and `check` read without
 * allocating a result: `{ ok: true, code, changes }` or `{ ok: false, reason, position?, expected? }`.
 *
 * @example
 * ```ts
 * scanIcd10CmCode('e119') // { ok: true, code: 'E119', changes: ['upper-cased'] }
 * ```
 */
export function scanIcd10CmCode(input: unknown): Icd10CmScan {
  if (typeof input !== 'string') return { ok: false, reason: 'not_a_string' };
  // Fast path: canonical undotted upper-case input.
  const n0 = input.length;
  if (n0 >= 3 && n0 <= 7 && isCanonical(input))
    return { ok: true, code: input as Icd10CmCode, changes: NO_CHANGES };
  if (n0 > MAX_INPUT * 4) return { ok: false, reason: 'too_long', expected: '3 to 7 characters' };
  // Before trimming or case folding: trim() strips no-break spaces and toUpperCase maps look-alikes.
  const foreign = nonAsciiAt(input);
  if (foreign >= 0)
    return {
      ok: false,
      reason: foreign === 0 ? 'first_character' : 'bad_character',
      position: foreign,
      expected: 'ASCII letters and digits',
    };
  const trimmed = input.trim();
  const changes: string[] = [];
  if (trimmed.length !== n0) changes.push('trimmed');
  if (trimmed.length === 0) return { ok: false, reason: 'empty' };
  // Up to MAX_INPUT characters are scanned, so a stray character (e.g. the space in 'S72.001 A')
  // is reported where it is rather than as "too long".
  if (trimmed.length > MAX_INPUT)
    return { ok: false, reason: 'too_long', expected: '3 to 7 characters (8 with the dot)' };
  let dotAt = -1;
  let lowered = false;
  let len = 0;
  let second = 0;
  for (let i = 0; i < trimmed.length; i++) {
    let c = trimmed.charCodeAt(i);
    if (c === 46) {
      if (dotAt !== -1 || i !== 3)
        return {
          ok: false,
          reason: 'dot_position',
          position: i,
          expected: 'a dot only after the 3rd character',
        };
      dotAt = i;
      continue;
    }
    if (isLower(c)) {
      c -= 32;
      lowered = true;
    }
    const pos = len;
    if (pos === 0) {
      if (!isUpper(c)) return { ok: false, reason: 'first_character', position: i, expected: 'a letter A-Z' };
    } else if (!isAsciiDigit(c) && !isUpper(c)) {
      return { ok: false, reason: 'bad_character', position: i, expected: 'a letter or digit' };
    } else if (pos === 1) {
      second = c;
    } else if (pos === 2 && !isAsciiDigit(c) && !isAsciiDigit(second)) {
      // Category shape: a digit in position 2 (A00–Z99) or, for the newer categories such as QA0, in position 3.
      return {
        ok: false,
        reason: 'bad_character',
        position: i,
        expected: 'a digit in position 2 or 3',
      };
    }
    len++;
  }
  if (dotAt !== -1 && len === 3)
    return {
      ok: false,
      reason: 'dot_position',
      position: dotAt,
      expected: 'characters after the dot',
    };
  if (len < 3) return { ok: false, reason: 'too_short', expected: '3 to 7 characters' };
  if (len > 7) return { ok: false, reason: 'too_long', expected: '3 to 7 characters' };
  // One flat string (no per-character concatenation): cheaper to hash in the lookup that follows.
  const undotted = dotAt === -1 ? trimmed : trimmed.slice(0, 3) + trimmed.slice(4);
  const out = lowered ? undotted.toUpperCase() : undotted;
  if (lowered) changes.push('upper-cased');
  return { ok: true, code: out as Icd10CmCode, changes };
}

const NO_CHANGES: readonly string[] = Object.freeze([]);

/**
 * Whether a string is already a canonical undotted upper-case code shape (no allocation): the fast
 * path of lookups.
 *
 * @example
 * ```ts
 * isCanonicalIcd10CmCode('E119')  // true
 * isCanonicalIcd10CmCode('E11.9') // false (dotted)
 * ```
 */
export function isCanonicalIcd10CmCode(s: string): boolean {
  if (typeof s !== 'string') return false;
  return s.length >= 3 && s.length <= 7 && isCanonical(s);
}

function isCanonical(s: string): boolean {
  if (!isUpper(s.charCodeAt(0))) return false;
  if (!isAsciiDigit(s.charCodeAt(1)) && !isAsciiDigit(s.charCodeAt(2))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isAsciiDigit(c) && !isUpper(c)) return false;
  }
  return true;
}

/**
 * The canonical undotted form of a code, or `undefined` when the input is not shaped like one.
 *
 * @example
 * ```ts
 * normalizeIcd10CmCode('e11.9') // 'E119'
 * normalizeIcd10CmCode('11.9')  // undefined
 * ```
 */
export function normalizeIcd10CmCode(input: unknown): Icd10CmCode | undefined {
  const r = scanIcd10CmCode(input);
  return r.ok ? r.code : undefined;
}

/**
 * Dotted display form (`E11.9`); 3-character categories have no dot (`I10`).
 *
 * @example
 * ```ts
 * formatIcd10CmDotted('S72001A') // 'S72.001A'
 * formatIcd10CmDotted('I10')     // 'I10'
 * ```
 */
export function formatIcd10CmDotted(code: string): string {
  checkStringArgument('formatIcd10CmDotted', 'code', code);
  const u = code.length > 3 && code.charCodeAt(3) === 46 ? code.slice(0, 3) + code.slice(4) : code;
  return u.length > 3 ? `${u.slice(0, 3)}.${u.slice(3)}` : u;
}

/**
 * Undotted claim form (837P `HI`, CMS-1500 item 21): the dot is not transmitted
 * (ASC X12 005010X222A1, HI segment; NUCC 1500 Claim Form Reference Instruction Manual, item 21).
 *
 * @example
 * ```ts
 * formatIcd10CmUndotted('E11.9') // 'E119'
 * ```
 */
export function formatIcd10CmUndotted(code: string): string {
  checkStringArgument('formatIcd10CmUndotted', 'code', code);
  return code.replace('.', '');
}
