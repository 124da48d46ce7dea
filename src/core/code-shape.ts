/**
 * The shape of a code string, before any edition is consulted: the canonical spelling and what was
 * changed to reach it, or why the string cannot be a code of the system. Each system scans its own
 * alphabet with an allocation-free scanner ({@link CodeScan}); the public `parse…Code` functions
 * turn a scan into the one {@link Result} shape with a `malformed_code` issue.
 *
 * @module
 */
import { checkStringArgument } from './arguments';
import { createIssue, type MalformedReason } from './issues';
import { type Failure, type Result, failure, success } from './result';
import type { CodeSystemId } from './systems';

/** A code read into its canonical spelling, with the changes made (e.g. `upper-cased`). */
export interface ParsedCode<C extends string = string> {
  readonly code: C;
  /** What was changed to reach the canonical spelling; empty for canonical input. */
  readonly changes: readonly string[];
}

/** Why a string is not shaped like a code: the fields of a `malformed_code` issue. */
export interface MalformedShape {
  readonly reason: MalformedReason;
  /** Zero-based position of the character at fault, when one is. */
  readonly position?: number;
  /** What the system expects, in words. */
  readonly expected?: string;
}

/**
 * What a system's scanner returns: the compact, allocation-light form used on the hot paths of
 * `get` and `check`. Public functions return a {@link Result} instead (see {@link scanToResult}).
 */
export type CodeScan<C extends string = string> =
  | ({ readonly ok: true } & ParsedCode<C>)
  | ({ readonly ok: false } & MalformedShape);

/**
 * Turns a scan into the public result: the parsed code, or one `malformed_code` error issue naming
 * the system, the input, the reason, the position and what was expected.
 *
 * @example
 * ```ts
 * scanToResult('hcpcs', '9921', { ok: false, reason: 'too_short', expected: '5 characters' }).issues[0].code
 * // 'malformed_code'
 * ```
 */
export function scanToResult<C extends string>(
  system: CodeSystemId,
  input: unknown,
  scan: CodeScan<C>,
  citation?: string,
): Result<ParsedCode<C>> {
  if (scan.ok) return success(Object.freeze({ code: scan.code, changes: scan.changes }));
  return malformedCode(system, input, scan, citation);
}

/**
 * The failure for a string that is not shaped like a code of `system`: one `malformed_code` issue.
 *
 * @example
 * ```ts
 * malformedCode('cpt', '9921', { reason: 'too_short' }).ok // false
 * ```
 */
export function malformedCode(
  system: CodeSystemId,
  input: unknown,
  scan: MalformedShape,
  citation?: string,
): Failure {
  return failure([
    createIssue({
      code: 'malformed_code',
      severity: 'error',
      path: [],
      codes: [],
      system,
      input,
      reason: scan.reason,
      ...(scan.position !== undefined ? { position: scan.position } : {}),
      ...(scan.expected !== undefined ? { expected: scan.expected } : {}),
      ...(citation !== undefined ? { citation } : {}),
    }),
  ]);
}

/**
 * The position of the first character outside ASCII (above U+007F), or -1. Every code system's
 * alphabet is ASCII letters and digits (ICD-10-CM Official Guidelines section I.A; ICD-10-PCS
 * conventions A1–A2; HCPCS record layout field 1; X12 005010X222A1 element 1339), and Unicode case
 * mapping turns some non-ASCII characters into ASCII ones (`'ſ'.toUpperCase()` is `'S'`, `'ß'` is
 * `'SS'`, `'ı'` is `'I'`): a code is refused on any such character before anything is upper-cased
 * or trimmed, so that a look-alike is never read as a real code.
 *
 * @example
 * ```ts
 * nonAsciiAt('S9083') // -1
 * nonAsciiAt('ſ9083') // 0
 * ```
 */
export function nonAsciiAt(text: string): number {
  checkStringArgument('nonAsciiAt', 'text', text);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return i;
  return -1;
}

/**
 * Whether a UTF-16 character code is an ASCII digit, 0–9: the only digits any code, unit count
 * or amount of the code sets and claim formats is written with (a digit of another script, `٣`
 * or `３`, is not one of them).
 *
 * @example
 * ```ts
 * isAsciiDigit('7'.charCodeAt(0)) // true
 * isAsciiDigit('٣'.charCodeAt(0)) // false
 * ```
 */
export function isAsciiDigit(charCode: number): boolean {
  // A value that is not a number is no digit's code (and a Symbol would throw when compared).
  return typeof charCode === 'number' && charCode >= 48 && charCode <= 57;
}

/**
 * Whether a code starts or ends with white space or another control character: what a code-set
 * check trims before its lookup (`'Z38.00 '` is read as Z38.00), and what no claim format carries.
 *
 * @example
 * ```ts
 * isPaddedCode('Z38.00 ') // true
 * isPaddedCode('\tI10')   // true
 * isPaddedCode('E11.9')   // false
 * ```
 */
export function isPaddedCode(code: string): boolean {
  checkStringArgument('isPaddedCode', 'code', code);
  return code.length > 0 && (code.charCodeAt(0) <= 32 || code.charCodeAt(code.length - 1) <= 32);
}

/**
 * `text` with the ASCII letters a–z upper-cased and every other character unchanged: the case
 * folding of code strings, which must never map a non-ASCII character onto an ASCII one (see
 * {@link nonAsciiAt}).
 *
 * @example
 * ```ts
 * upperAscii('g0121') // 'G0121'
 * upperAscii('ſ9083') // 'ſ9083' (unchanged, and so refused by any code pattern)
 * ```
 */
export function upperAscii(text: string): string {
  checkStringArgument('upperAscii', 'text', text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return text.replace(/[a-z]+/g, (run) => run.toUpperCase());
  }
  return text;
}
