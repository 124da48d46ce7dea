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
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import {
  MAX_DIAGNOSES as MAX_DX,
  MAX_LINES as MAX_LN,
  MAX_MODIFIERS as MAX_MOD,
  MAX_POINTERS as MAX_PTR,
} from './format-limits';
import type { Claim } from './schema';
import { describeReceived } from './internal';

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
 * if (r.ok) checkClaimLimits(r.claim) // [] for a claim within 12 diagnoses, 50 lines, 4 modifiers and 4 pointers per line
 * if (r.ok) checkClaimLimits(r.claim, { lines: 6 }) // a payer's own, stricter limit
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
