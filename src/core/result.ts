/**
 * The one result shape of medcode: every parse, read, write and lookup-with-reasons function returns
 * a {@link Result}. Like zod's `safeParse`, it is a discriminated union on one boolean, so a caller
 * narrows with a single `if`; unlike it, a success may still carry warnings and infos, because a
 * billing check often accepts a value and still has something to say about it.
 *
 * - `{ ok: true, value, issues }`: the value, with any warnings or infos (`issues` may be empty).
 * - `{ ok: false, issues }`: at least one issue of severity `error` says why there is no value.
 *
 * @module
 */
import { MedcodeError } from './errors';
import type { MedcodeIssue } from './issues';

/** Success with a value (and any warnings or infos), or failure with at least one error issue. */
export type Result<T, I = MedcodeIssue> = Success<T, I> | Failure<I>;

/** The success branch of {@link Result}. */
export interface Success<T, I = MedcodeIssue> {
  readonly ok: true;
  readonly value: T;
  /** Warnings and infos about the value; never an `error`. Often empty. */
  readonly issues: readonly I[];
}

/** The failure branch of {@link Result}. */
export interface Failure<I = MedcodeIssue> {
  readonly ok: false;
  /** Why there is no value: at least one issue, at least one of severity `error`. */
  readonly issues: readonly I[];
}

const NO_ISSUES: readonly never[] = Object.freeze([]);

/**
 * A success.
 *
 * @example
 * ```ts
 * import { success } from 'medcode';
 * success(42); // { ok: true, value: 42, issues: [] }
 * ```
 */
export function success<T, I = MedcodeIssue>(value: T, issues: readonly I[] = NO_ISSUES): Success<T, I> {
  return { ok: true, value, issues };
}

/**
 * A failure. The issues must say why; an empty list is a programming error and throws.
 *
 * @example
 * ```ts
 * import { createIssue, failure } from 'medcode';
 * const issue = createIssue({ code: 'malformed_code', severity: 'error', path: [], codes: [], reason: 'empty' });
 * failure([issue]).ok; // false
 * ```
 */
export function failure<I = MedcodeIssue>(issues: readonly I[]): Failure<I> {
  if (issues.length === 0) throw new TypeError('failure() needs at least one issue that says why');
  return { ok: false, issues };
}

/**
 * The value of a result, or a thrown {@link MedcodeError} carrying the failure's issues: for callers
 * that prefer exceptions, and for tests.
 *
 * @example
 * ```ts
 * import { success, unwrap } from 'medcode';
 * unwrap(success('E11.9')); // 'E11.9'
 * ```
 */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new MedcodeError(result.issues);
}
