/**
 * Reading claim JSON: zod validation with every zod issue mapped to a core {@link MedcodeIssue} at
 * the same path, so callers handle one issue type everywhere.
 *
 * @module
 */
import type { $ZodIssue } from 'zod/v4/core';
import { createIssue } from '../core/issues';
import type { IssuePath, MedcodeIssue } from '../core/issues';
import { fastParseClaim } from './fast-parse';
import { checkClaimSize, checkClaimTextSize } from './limits';
import { npiCheckDigit } from './npi';
import { explainClaim } from './explain';
import {
  NOT_A_CALENDAR_DATE,
  NOT_A_DATE_FORMAT,
  claimInvalidIssue,
  deepFreeze,
  describeReceived,
  malformedJsonIssue,
  unreadable,
} from './internal';
import type { Claim, ClaimInput } from './schema';
import type { Result } from '../core/result';
import { failure, success } from '../core/result';

/**
 * The claims `parseClaim` returned: checked against the claim schema and deeply frozen, so a
 * reader given one again (`validateClaim`, the writers) need not read it a second time. A mark
 * cannot be forged from data: it is a `WeakSet` entry for the object itself, never a property, and
 * a marked claim is frozen, so it cannot change after it was checked. Held weakly: marking keeps
 * nothing alive.
 */
const PARSED_CLAIMS = new WeakSet<object>();

/** Marks a checked, deeply frozen claim as `parseClaim`'s output and returns it. */
function markParsedClaim(claim: Claim): Claim {
  PARSED_CLAIMS.add(claim);
  return claim;
}

/**
 * Whether `value` is a claim that `parseClaim` returned (so it passed the claim schema and is
 * deeply frozen): such a claim need not be read again.
 *
 * @example
 * ```ts
 * const r = parseClaim(text)
 * if (r.ok) isParsedClaim(r.value) // true
 * isParsedClaim({ ...claimJson }) // false: a plain object is read again
 * ```
 */
export function isParsedClaim(value: unknown): value is Claim {
  return typeof value === 'object' && value !== null && PARSED_CLAIMS.has(value);
}

/**
 * Outcome of reading a claim: the frozen claim, or the issues explaining why it is not one. The
 * one result shape of medcode ({@link Result}); `issues` on success is empty.
 * @example
 * ```ts
 * const r: ParseClaimResult = parseClaim(text)
 * const claim = r.ok ? r.value : undefined
 * ```
 */
export type ParseClaimResult = Result<Claim>;

/**
 * Parses a claim from a JSON string or an already-decoded value: the one function that turns any
 * value into a `Result<Claim>`, used by every claim writer and reader and by `medcode/rules`.
 * Never throws: malformed JSON gives `claim_json_malformed`, each schema violation gives an issue
 * (`claim_invalid`, `invalid_date`, `npi_check_digit`) whose `path` points into the input, e.g.
 * `['lines', 0, 'charge']`, worded by medcode ("lines[0].units must be a number; got the string
 * "1""), never zod's text. The returned claim is deeply frozen and JSON-safe (money is decimal
 * strings). Arrays more than 10 times over the format limits (over 500 lines, 120 diagnoses, 40
 * modifiers or pointers on a line) are refused at once with `claim_limit_exceeded`; within that,
 * over-limit claims parse and `checkClaimLimits` reports them.
 *
 * Typed: pass a {@link ClaimInput} and the compiler checks its fields; pass `unknown` (JSON text or
 * decoded JSON from outside) and every check happens at run time.
 *
 * @example
 * ```ts
 * const r = parseClaim('{"claimId":"PCN-1","patient":{"birthDate":"1961-04-02","sex":"F"},"placeOfService":"11","diagnoses":[{"code":"I10"}],"lines":[{"procedure":"99213","units":1,"charge":"95.00","serviceDate":"2026-05-01","diagnosisPointers":[1]}]}')
 * if (r.ok) r.value.lines[0]!.charge // '95.00'
 * else r.issues.map((i) => i.message)
 * ```
 */
export function parseClaim(input: ClaimInput): ParseClaimResult;
export function parseClaim(input: unknown): ParseClaimResult;
export function parseClaim(input: unknown): ParseClaimResult {
  let value: unknown = input;
  if (typeof input === 'string') {
    const tooLong = checkClaimTextSize(input);
    if (tooLong.length > 0) return Object.freeze(failure(Object.freeze(tooLong)));
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      const issue = malformedJsonIssue(error);
      return Object.freeze(failure(Object.freeze([issue])));
    }
  }
  // Arrays far over the format limits are refused before any per-element work, so that a hostile
  // claim (a million lines) costs microseconds, not seconds of zod.
  const tooLarge = checkClaimSize(value);
  if (tooLarge.length > 0) return Object.freeze(failure(Object.freeze(tooLarge)));
  // Clean claims take the hand-written path (a fresh, frozen copy: no caller data is touched);
  // anything else is read again by the schema's rules, which explain every problem. Those rules
  // are written without zod (explain.ts) so that validating claims never loads it.
  const fast = fastParseClaim(value);
  if (fast !== undefined) return Object.freeze(success(markParsedClaim(fast)));
  let explained: ReturnType<typeof explainClaim>;
  try {
    explained = explainClaim(value);
  } catch {
    // Only exotic objects (throwing getters, revoked proxies) get here: JSON never does.
    return Object.freeze(failure(Object.freeze([unreadable()])));
  }
  if (explained.success) return Object.freeze(success(markParsedClaim(deepFreeze(explained.data))));
  return Object.freeze(failure(Object.freeze(zodIssuesToMedcode(explained.issues))));
}

/**
 * Maps zod issues (from any claims schema) to core issues, keeping their paths and wording each as
 * medcode does everywhere: what was expected at the path, and what was got. zod's own message
 * text never reaches a caller. Exported so that the FHIR and X12 readers report schema problems
 * the same way.
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
  const invalid = (path: IssuePath, expected: string, input: unknown, received?: string) =>
    out.push(claimInvalidIssue(path, expected, input, received));
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const input = 'input' in issue ? (issue as { input?: unknown }).input : undefined;
    switch (issue.code) {
      case 'invalid_type':
        invalid(
          path,
          expectedType(issue.expected),
          input,
          input === undefined ? 'nothing (the field is required)' : describeReceived(input),
        );
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const value = input !== null && typeof input === 'object' ? ownValue(input, key) : undefined;
          invalid([...path, key], 'absent: the claim JSON has no field of that name', value);
        }
        break;
      case 'invalid_value':
        invalid(path, `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, input);
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
        } else if (issue.message === NOT_A_CALENDAR_DATE) {
          out.push(
            createIssue({ code: 'invalid_date', severity: 'error', path, codes: [], received: input }),
          );
        } else {
          // The claims schemas word their refinements as what is expected (schema.ts).
          invalid(path, issue.message, input);
        }
        break;
      }
      case 'invalid_format':
        if (issue.message === NOT_A_DATE_FORMAT) {
          out.push(
            createIssue({ code: 'invalid_date', severity: 'error', path, codes: [], received: input }),
          );
        } else {
          // The claims schemas' regex messages read "expected <what>" (schema.ts).
          invalid(path, issue.message.replace(/^expected /, ''), input);
        }
        break;
      case 'too_small':
        invalid(
          path,
          issue.origin === 'string'
            ? issue.minimum === 1
              ? 'a non-empty string'
              : `a string of at least ${String(issue.minimum)} characters`
            : `at least ${String(issue.minimum)}`,
          input,
        );
        break;
      default:
        // No claims schema raises other zod issue kinds; should one appear, medcode still words it.
        invalid(path, 'a value the claim JSON allows here', input);
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

/** A zod type name as the noun phrase medcode's messages use ("a string", "an object"). */
function expectedType(type: string): string {
  switch (type) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a finite number';
    default:
      return `${article(type)} ${type}`;
  }
}

/** An own property of untrusted input (a getter that throws reads as nothing). */
function ownValue(input: object, key: string): unknown {
  try {
    return Object.hasOwn(input, key) ? (input as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
