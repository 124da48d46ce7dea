/**
 * Helpers shared by the claims modules; not part of the public API (not re-exported by index.ts).
 *
 * @module
 */
import { isAsciiDigit } from '../core/code-shape';
import { createIssue } from '../core/issues';
import type { IssueDraft, IssuePath, MedcodeIssue } from '../core/issues';

/** The issue for a value that cannot even be read (a getter threw). */
export function unreadable(path: readonly (string | number)[] = []): MedcodeIssue {
  return createIssue({
    code: 'claim_invalid',
    severity: 'error',
    path,
    codes: [],
    expected: 'plain JSON data',
    received: 'an object that throws when read',
  });
}

/** The message of the claim schema's date-format check; `parseClaim` reports it as `invalid_date`. */
export const NOT_A_DATE_FORMAT = 'expected a YYYY-MM-DD date';
/** The message of the claim schema's calendar-day check; `parseClaim` reports it as `invalid_date`. */
export const NOT_A_CALENDAR_DATE = 'not a real calendar date';

/**
 * A short, safe description of any received value, as the object of "got …" in a `claim_invalid`
 * message (long strings are cut): `the string "1"`, `the number 5`, `null`, `an array`.
 */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Freezes a plain JSON-like value in place, recursively, and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * The `claim_invalid` issue for a claim field of the wrong type, at its path: what was expected,
 * what was got, and the value itself when it is a primitive (`createIssue` cuts a long string).
 */
export function claimInvalidIssue(
  path: IssuePath,
  expected: string,
  input: unknown,
  received: string = describeReceived(input),
): MedcodeIssue {
  return createIssue({
    code: 'claim_invalid',
    severity: 'error',
    path,
    codes: [],
    expected,
    received,
    ...(isPrimitive(input) ? { input } : {}),
  });
}

/**
 * The `invalid_option` issue of a writer's option (`toFhirClaim`'s `created`, the 837P envelope's
 * `createdAt`), at `path`: which option, and what it must be.
 *
 * @example
 * ```ts
 * invalidOptionIssue(['created'], 'created', 'a FHIR dateTime').code // 'invalid_option'
 * ```
 */
export function invalidOptionIssue(path: IssuePath, option: string, expected: string): MedcodeIssue {
  return createIssue({ code: 'invalid_option', severity: 'error', path, codes: [], option, expected });
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}

/**
 * The same issue with its path moved under `prefix` (a claim's issues inside a batch:
 * `['claims', 3, …]`), its message rendered again for the new path.
 */
export function withPathPrefix(issue: MedcodeIssue, prefix: IssuePath): MedcodeIssue {
  if (prefix.length === 0) return issue;
  const { message: _message, ...draft } = issue;
  return createIssue({ ...draft, path: [...prefix, ...issue.path] } as IssueDraft);
}

/**
 * Whether a charge is the schema's money amount: 1 to 9 digits, then optionally a point and 1 or
 * 2 digits (`/^\d{1,9}(\.\d{1,2})?$/`), read character by character.
 *
 * @example
 * ```ts
 * isMoneyAmount('125.00') // true
 * isMoneyAmount('12.345') // false
 * ```
 */
export function isMoneyAmount(v: string): boolean {
  const n = v.length;
  let i = 0;
  while (i < n && isAsciiDigit(v.charCodeAt(i))) i++;
  if (i === 0 || i > 9) return false;
  if (i === n) return true;
  if (v.charCodeAt(i) !== 46) return false;
  const cents = n - i - 1;
  if (cents < 1 || cents > 2) return false;
  for (let k = i + 1; k < n; k++) if (!isAsciiDigit(v.charCodeAt(k))) return false;
  return true;
}

/**
 * `claim_json_malformed` for a `JSON.parse` failure: the engine's message (cut to 200 characters)
 * and the character position when the engine gives one. One wording for `parseClaim` and the
 * readers of claim files.
 *
 * @example
 * ```ts
 * try { JSON.parse('{') } catch (e) { malformedJsonIssue(e).code } // 'claim_json_malformed'
 * ```
 */
export function malformedJsonIssue(error: unknown): MedcodeIssue {
  const detail = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(detail)?.[1];
  return createIssue({
    code: 'claim_json_malformed',
    severity: 'error',
    path: [],
    codes: [],
    detail: detail.length > 200 ? `${detail.slice(0, 200)}…` : detail,
    ...(position !== undefined ? { position: Number(position) } : {}),
  });
}
