/**
 * Reading claim JSON: zod validation with every zod issue mapped to a core {@link MedcodeIssue} at
 * the same path, so callers handle one issue type everywhere.
 *
 * @module
 */
import type { $ZodIssue } from 'zod/v4/core';
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import { fastParseClaim } from './fast-parse';
import { MAX_DIAGNOSES, MAX_LINES, MAX_MODIFIERS, MAX_POINTERS } from './builder';
import { npiCheckDigit } from './npi';
import { ClaimSchema } from './schema';
import { deepFreeze, describeReceived, unreadable } from './internal';
import type { Claim } from './schema';

/**
 * Outcome of reading a claim: the frozen claim, or the issues explaining why it is not one.
 * @example
 * ```ts
 * const r: ParseClaimResult = parseClaim(text)
 * const claim = r.ok ? r.claim : undefined
 * ```
 */
export type ParseClaimResult =
  | { readonly ok: true; readonly claim: Claim }
  | { readonly ok: false; readonly issues: readonly MedcodeIssue[] };

/**
 * Parses a claim from a JSON string or an already-decoded value. Never throws: malformed JSON
 * gives `claim_json_malformed`, each schema violation gives an issue (`claim_invalid`,
 * `invalid_date`, `npi_check_digit`) whose `path` points into the input, e.g.
 * `['lines', 0, 'charge']`. The returned claim is deeply frozen. Arrays more than 10 times over
 * the format limits (over 500 lines, 120 diagnoses, 40 modifiers or pointers on a line) are
 * refused at once with `claim_limit_exceeded`; within that, over-limit claims parse and
 * `checkClaimLimits` reports them.
 *
 * @example
 * ```ts
 * const r = parseClaim('{"claimId":"PCN-1","patient":{"birthDate":"1961-04-02","sex":"F"},"placeOfService":"11","diagnoses":[{"code":"I10"}],"lines":[{"procedure":"99213","units":1,"charge":"95.00","serviceDate":"2026-05-01","diagnosisPointers":[1]}]}')
 * if (r.ok) r.claim.lines[0]!.charge // '95.00'
 * else r.issues.map((i) => i.message)
 * ```
 */
export function parseClaim(input: unknown): ParseClaimResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(detail)?.[1];
      const issue = createIssue({
        code: 'claim_json_malformed',
        severity: 'error',
        path: [],
        codes: [],
        detail: detail.length > 200 ? `${detail.slice(0, 200)}…` : detail,
        ...(position !== undefined ? { position: Number(position) } : {}),
      });
      return Object.freeze({ ok: false, issues: Object.freeze([issue]) });
    }
  }
  // Arrays far over the format limits are refused before any per-element work, so that a hostile
  // claim (a million lines) costs microseconds, not seconds of zod.
  const tooLarge = oversizedArrays(value);
  if (tooLarge.length > 0) return Object.freeze({ ok: false, issues: Object.freeze(tooLarge) });
  // Clean claims take the hand-written path (a fresh, frozen copy: no caller data is touched);
  // anything else goes through zod, which explains every problem.
  const fast = fastParseClaim(value);
  if (fast !== undefined) return Object.freeze({ ok: true, claim: fast });
  let parsed: ReturnType<typeof ClaimSchema.safeParse>;
  try {
    parsed = ClaimSchema.safeParse(value, { reportInput: true });
  } catch {
    // Only exotic objects (throwing getters, revoked proxies) get here: JSON never does.
    return Object.freeze({ ok: false, issues: Object.freeze([unreadable()]) });
  }
  if (parsed.success) return Object.freeze({ ok: true, claim: deepFreeze(parsed.data) });
  return Object.freeze({ ok: false, issues: Object.freeze(zodIssuesToMedcode(parsed.error.issues)) });
}

/**
 * How far over a format limit an array may go and still be parsed. Within this factor the claim
 * parses and {@link checkClaimLimits} reports each excess at its path (as the schema intends);
 * beyond it `parseClaim` refuses the claim at once. Limits: 837P 005010X222A1 HI01–HI12 (12
 * diagnoses), loop 2400 repeat 50 (50 lines), SV101-3…6 and SV107-1…4 (4 modifiers, 4 pointers).
 */
const PARSE_LIMIT_FACTOR = 10;
type CappedArray = 'diagnoses' | 'lines' | 'modifiers' | 'diagnosisPointers';
/** Read at call time: builder.ts imports this module, so its constants are not ready at load. */
function parseCap(element: CappedArray): number {
  const limit =
    element === 'diagnoses'
      ? MAX_DIAGNOSES
      : element === 'lines'
        ? MAX_LINES
        : element === 'modifiers'
          ? MAX_MODIFIERS
          : MAX_POINTERS;
  return limit * PARSE_LIMIT_FACTOR;
}

/** `claim_limit_exceeded` for each array of a claim-like value longer than its parse cap. */
function oversizedArrays(value: unknown): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  if (value === null || typeof value !== 'object') return issues;
  const over = (list: unknown, element: CappedArray, path: readonly (string | number)[]): boolean => {
    const cap = parseCap(element);
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
 * Maps zod issues (from any claims schema) to core issues, keeping their paths. Exported so that
 * the FHIR and X12 readers can report schema problems the same way.
 *
 * @example
 * ```ts
 * const r = ClaimSchema.safeParse(value, { reportInput: true })
 * if (!r.success) zodIssuesToMedcode(r.error.issues, ['claims', 0])
 * ```
 */
export function zodIssuesToMedcode(
  issues: readonly $ZodIssue[],
  prefix: readonly (string | number)[] = [],
): MedcodeIssue[] {
  const out: MedcodeIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const input = 'input' in issue ? (issue as { input?: unknown }).input : undefined;
    const primitiveInput = isPrimitive(input) ? { input } : {};
    switch (issue.code) {
      case 'invalid_type':
        out.push(
          createIssue({
            code: 'claim_invalid',
            severity: 'error',
            path,
            codes: [],
            expected:
              issue.expected === 'object' || issue.expected === 'array'
                ? `${article(issue.expected)} ${issue.expected}`
                : issue.expected,
            received: input === undefined ? 'nothing (the field is required)' : describeReceived(input),
            ...primitiveInput,
          }),
        );
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push(
            createIssue({
              code: 'claim_invalid',
              severity: 'error',
              path: [...path, key],
              codes: [],
              expected: 'no such field (see the claim JSON fields)',
              received: `unknown field ${JSON.stringify(key.slice(0, 64))}`,
            }),
          );
        }
        break;
      case 'invalid_value':
        out.push(
          createIssue({
            code: 'claim_invalid',
            severity: 'error',
            path,
            codes: [],
            expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
            received: describeReceived(input),
            ...primitiveInput,
          }),
        );
        break;
      case 'custom': {
        const params = issue.params as { medcode?: string } | undefined;
        if (params?.medcode === 'npi_check_digit' && typeof input === 'string') {
          const expected = npiCheckDigit(input.slice(0, 9));
          out.push(
            createIssue({
              code: 'npi_check_digit',
              severity: 'error',
              path,
              codes: [input],
              input,
              ...(expected !== undefined ? { expectedCheckDigit: expected } : {}),
              citation: 'CMS NPI standard: Luhn check digit over prefix 80840 and the first 9 digits',
            }),
          );
        } else if (issue.message === 'not a real calendar date') {
          out.push(
            createIssue({ code: 'invalid_date', severity: 'error', path, codes: [], received: input }),
          );
        } else {
          out.push(
            createIssue({
              code: 'claim_invalid',
              severity: 'error',
              path,
              codes: [],
              expected: issue.message,
              received: describeReceived(input),
              ...primitiveInput,
            }),
          );
        }
        break;
      }
      case 'invalid_format':
        if (issue.message === 'expected a YYYY-MM-DD date') {
          out.push(
            createIssue({ code: 'invalid_date', severity: 'error', path, codes: [], received: input }),
          );
        } else {
          out.push(
            createIssue({
              code: 'claim_invalid',
              severity: 'error',
              path,
              codes: [],
              expected: issue.message.replace(/^expected /, ''),
              received: describeReceived(input),
              ...primitiveInput,
            }),
          );
        }
        break;
      case 'too_small':
        out.push(
          createIssue({
            code: 'claim_invalid',
            severity: 'error',
            path,
            codes: [],
            expected:
              issue.origin === 'string'
                ? `a string of at least ${String(issue.minimum)} character(s)`
                : `at least ${String(issue.minimum)}`,
            received: describeReceived(input),
            ...primitiveInput,
          }),
        );
        break;
      default:
        out.push(
          createIssue({
            code: 'claim_invalid',
            severity: 'error',
            path,
            codes: [],
            expected: issue.message.replace(/^expected /, ''),
            received: describeReceived(input),
            ...primitiveInput,
          }),
        );
    }
  }
  // A failed date regex is followed by the calendar refinement on the same value: report it once.
  const seen = new Set<string>();
  return out.filter((issue) => {
    const key = `${issue.code}\u0000${JSON.stringify(issue.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
