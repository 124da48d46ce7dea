/**
 * The count limits of the claim formats, checked on a parsed claim. The schema leaves them out so
 * that a claim breaking them still parses (see schema.ts); the builder refuses them as they are
 * added; this check reports them for claims read from JSON, FHIR or X12.
 *
 * Sources: ASC X12 837P implementation guide 005010X222A1, loop 2300 HI01–HI12 (12 diagnoses), loop
 * 2400 repeat 50 (50 lines), SV101-3…6 (4 modifiers), SV107-1…4 (4 pointers, each 1–12 pointing at
 * an HI position); NUCC 1500 Claim Form Reference Instruction Manual items 21 A–L and 24E.
 *
 * @module
 */
import { checkStringArgument } from '../core/arguments';
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import {
  MAX_DIAGNOSES,
  MAX_LINES,
  MAX_MODIFIERS,
  MAX_POINTERS,
  MAX_DIAGNOSES as MAX_DX,
  MAX_LINES as MAX_LN,
  MAX_MODIFIERS as MAX_MOD,
  MAX_POINTERS as MAX_PTR,
} from './format-limits';
import type { Claim } from './schema';
import { describeReceived } from './internal';

/**
 * How far over a format limit an array may go and still be parsed. Within this factor the claim
 * parses and {@link checkClaimLimits} reports each excess at its path (as the schema intends);
 * beyond it `parseClaim` refuses the claim at once. Limits: 837P 005010X222A1 HI01–HI12 (12
 * diagnoses), loop 2400 repeat 50 (50 lines), SV101-3…6 and SV107-1…4 (4 modifiers, 4 pointers).
 */
const PARSE_LIMIT_FACTOR = 10;
type CappedArray = 'diagnoses' | 'lines' | 'modifiers' | 'diagnosisPointers';
/**
 * The longest array of each kind that is read at all (ten times the format limit).
 *
 * @example
 * ```ts
 * PARSE_CAPS.lines // 500
 * ```
 */
export const PARSE_CAPS: Readonly<Record<CappedArray, number>> = Object.freeze({
  diagnoses: MAX_DIAGNOSES * PARSE_LIMIT_FACTOR,
  lines: MAX_LINES * PARSE_LIMIT_FACTOR,
  modifiers: MAX_MODIFIERS * PARSE_LIMIT_FACTOR,
  diagnosisPointers: MAX_POINTERS * PARSE_LIMIT_FACTOR,
});

/**
 * The size guard every entry point that takes a claim applies first (`parseClaim`, `validateClaim`,
 * `validateClaims`, the builder's `build`, the 837P, FHIR and CMS-1500 writers): one
 * `claim_limit_exceeded` issue for each array of a claim-like value longer than its cap, the format
 * limit times ten (120 diagnoses, 500 lines, 40 modifiers or pointers on a line). It reads only the
 * array lengths (no element of an over-cap array is visited), so a hostile claim of a million
 * lines is refused in microseconds, before any rule or schema work. Never throws; `[]` for
 * anything that is not claim-shaped (the schema reports that).
 *
 * @example
 * ```ts
 * checkClaimSize({ diagnoses: Array(5000).fill({ code: 'E11.9' }), lines: [] })[0]?.code // 'claim_limit_exceeded'
 * checkClaimSize({ diagnoses: [{ code: 'I10' }], lines: [] }) // []
 * ```
 */
export function checkClaimSize(value: unknown): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  if (value === null || typeof value !== 'object') return issues;
  const over = (list: unknown, element: CappedArray, path: readonly (string | number)[]): boolean => {
    const cap = PARSE_CAPS[element];
    if (!Array.isArray(list) || list.length <= cap) return false;
    issues.push(
      createIssue({
        code: 'claim_limit_exceeded',
        severity: 'error',
        path,
        codes: [],
        element,
        max: cap,
        received: list.length,
        citation: `837P 005010X222A1 limit × ${PARSE_LIMIT_FACTOR}: refused before validation`,
      }),
    );
    return true;
  };
  try {
    const claim = value as { diagnoses?: unknown; lines?: unknown };
    over(claim.diagnoses, 'diagnoses', ['diagnoses']);
    const lines = claim.lines;
    if (!over(lines, 'lines', ['lines']) && Array.isArray(lines)) {
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as { modifiers?: unknown; diagnosisPointers?: unknown } | null | undefined;
        if (line === null || typeof line !== 'object') continue;
        over(line.modifiers, 'modifiers', ['lines', i, 'modifiers']);
        over(line.diagnosisPointers, 'diagnosisPointers', ['lines', i, 'diagnosisPointers']);
      }
    }
  } catch {
    // A throwing getter or proxy: the schema path below reports it as unreadable.
  }
  return issues;
}

/**
 * The longest claim JSON text that is read at all. A claim at every parse cap ({@link PARSE_CAPS}:
 * 500 lines of 40 modifiers and 40 pointers, 120 diagnoses, 95-character provider names) is about
 * 0.3 MB of JSON and 0.7 MB pretty-printed, so this leaves a wide margin; longer text could only
 * be refused after `JSON.parse` had spent time in proportion to it (tens of milliseconds for ten
 * megabytes), so it is refused before.
 *
 * @example
 * ```ts
 * MAX_CLAIM_JSON_CHARACTERS // 4194304
 * ```
 */
export const MAX_CLAIM_JSON_CHARACTERS = 4 * 1024 * 1024;

/**
 * Refuses claim JSON text longer than {@link MAX_CLAIM_JSON_CHARACTERS} (`claim_limit_exceeded`,
 * `element: 'characters'`) without reading it; shorter text gives no issue.
 *
 * @example
 * ```ts
 * checkClaimTextSize('{"claimId":"PCN-1"}') // []
 * checkClaimTextSize(' '.repeat(5_000_000))[0]?.code // 'claim_limit_exceeded'
 * ```
 */
export function checkClaimTextSize(text: string): MedcodeIssue[] {
  checkStringArgument('checkClaimTextSize', 'text', text);
  if (text.length <= MAX_CLAIM_JSON_CHARACTERS) return [];
  return [
    createIssue({
      code: 'claim_limit_exceeded',
      severity: 'error',
      path: [],
      codes: [],
      element: 'characters',
      max: MAX_CLAIM_JSON_CHARACTERS,
      received: text.length,
    }),
  ];
}

/**
 * The count limits to check. Each defaults to the claim formats' own (12 diagnoses, 50 lines,
 * 4 pointers and 4 modifiers per line); a payer's stricter limits may be passed instead.
 *
 * @example
 * ```ts
 * const limits: ClaimFormatLimits = { lines: 6 } // a payer accepting six lines per claim
 * ```
 */
export interface ClaimFormatLimits {
  readonly diagnoses?: number;
  readonly lines?: number;
  readonly pointersPerLine?: number;
  readonly modifiersPerLine?: number;
}

/**
 * Reports every count limit a claim exceeds (`claim_limit_exceeded`) and every diagnosis pointer
 * that does not point at one of the claim's diagnoses (`claim_invalid`), with paths.
 *
 * @example
 * ```ts
 * const r = parseClaim(text)
 * if (r.ok) checkClaimLimits(r.value) // [] for a claim within 12 diagnoses, 50 lines, 4 modifiers and 4 pointers per line
 * if (r.ok) checkClaimLimits(r.value, { lines: 6 }) // a payer's own, stricter limit
 * ```
 */
export function checkClaimLimits(claim: Claim, limits: ClaimFormatLimits = {}): readonly MedcodeIssue[] {
  // Any input gives issues, never a TypeError: a non-claim is reported as such, and a claim whose
  // getters throw as unreadable. A parsed claim (parseClaim) never takes these paths.
  if (claim === null || typeof claim !== 'object' || Array.isArray(claim)) {
    return Object.freeze([
      createIssue({
        code: 'claim_invalid',
        severity: 'error',
        path: [],
        codes: [],
        expected: 'a claim object (see parseClaim)',
        received: describeReceived(claim),
      }),
    ]);
  }
  try {
    if (!Array.isArray(claim.diagnoses) || !Array.isArray(claim.lines)) throw new TypeError('not a claim');
    return checkLimits(claim, limits !== null && typeof limits === 'object' ? limits : {});
  } catch {
    // Not the shape of a claim (e.g. no lines array), or a getter that throws.
    return Object.freeze([
      createIssue({
        code: 'claim_invalid',
        severity: 'error',
        path: [],
        codes: [],
        expected: 'a claim as parseClaim returns it',
        received: 'an object of another shape, or one that throws when read',
      }),
    ]);
  }
}

function checkLimits(claim: Claim, limits: ClaimFormatLimits): readonly MedcodeIssue[] {
  const MAX_DIAGNOSES = limits.diagnoses ?? MAX_DX;
  const MAX_LINES = limits.lines ?? MAX_LN;
  const MAX_MODIFIERS = limits.modifiersPerLine ?? MAX_MOD;
  const MAX_POINTERS = limits.pointersPerLine ?? MAX_PTR;
  const issues: MedcodeIssue[] = [];
  const diagnosisCount = claim.diagnoses.length;
  if (diagnosisCount > MAX_DIAGNOSES) {
    issues.push(
      createIssue({
        code: 'claim_limit_exceeded',
        severity: 'error',
        path: ['diagnoses', MAX_DIAGNOSES],
        codes: [],
        element: 'diagnoses',
        max: MAX_DIAGNOSES,
        received: diagnosisCount,
        citation: '837P 005010X222A1 loop 2300 HI01–HI12; CMS-1500 (02/12) item 21 A–L',
      }),
    );
  }
  if (claim.lines.length > MAX_LINES) {
    issues.push(
      createIssue({
        code: 'claim_limit_exceeded',
        severity: 'error',
        path: ['lines', MAX_LINES],
        codes: [],
        element: 'lines',
        max: MAX_LINES,
        received: claim.lines.length,
        citation: '837P 005010X222A1 loop 2400 (repeat 50)',
        remedy: 'Split the lines into a second claim.',
      }),
    );
  }
  const usable = Math.min(diagnosisCount, MAX_DIAGNOSES);
  const lines = claim.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const modifiers = line.modifiers;
    if (modifiers !== undefined && modifiers.length > MAX_MODIFIERS) {
      issues.push(
        createIssue({
          code: 'claim_limit_exceeded',
          severity: 'error',
          path: ['lines', i, 'modifiers'],
          codes: [],
          element: 'modifiers',
          max: MAX_MODIFIERS,
          received: modifiers.length,
          citation: '837P 005010X222A1 SV101-3…SV101-6; CMS-1500 item 24D',
        }),
      );
    }
    const pointers = line.diagnosisPointers;
    if (pointers === undefined) continue;
    if (pointers.length > MAX_POINTERS) {
      issues.push(
        createIssue({
          code: 'claim_limit_exceeded',
          severity: 'error',
          path: ['lines', i, 'diagnosisPointers'],
          codes: [],
          element: 'diagnosisPointers',
          max: MAX_POINTERS,
          received: pointers.length,
          citation: '837P 005010X222A1 SV107-1…SV107-4; CMS-1500 item 24E',
        }),
      );
    }
    for (let k = 0; k < pointers.length; k++) {
      const pointer = pointers[k]!;
      if (pointer < 1 || pointer > usable) {
        issues.push(
          createIssue({
            code: 'claim_invalid',
            severity: 'error',
            path: ['lines', i, 'diagnosisPointers', k],
            codes: [],
            expected:
              usable === 0 ? 'no pointer (the claim has no diagnoses)' : `a pointer from 1 to ${usable}`,
            received: String(pointer),
            input: pointer,
            citation: '837P 005010X222A1 SV107: values 1–12 point at HI positions',
          }),
        );
      }
    }
  }
  return Object.freeze(issues);
}
