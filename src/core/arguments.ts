/**
 * Guards for the arguments of public functions: a wrong-typed argument (a number where a list of
 * claims is expected, `null` for options) gets a {@link MedcodeError} whose `invalid_option` issue
 * names the argument, what was expected and what was got, instead of a `TypeError` from deep inside.
 * Internal to medcode (not exported from the package root).
 *
 * @module
 */
import { MedcodeError } from './errors';
import { createIssue } from './issues';

/**
 * A short, safe description of any value (never calls its methods: a Symbol, a Proxy or an object
 * whose `toString` throws is described by its type alone).
 *
 * @example
 * ```ts
 * describeArgument(Symbol('x')) // 'a symbol'
 * ```
 */
export function describeArgument(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `the ${typeof value} ${String(value)}`;
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return 'a function';
  try {
    return Array.isArray(value) ? 'an array' : 'an object';
  } catch {
    return 'an object';
  }
}

/**
 * The error for a public function's argument of the wrong type: a {@link MedcodeError} with one
 * `invalid_option` issue naming the argument.
 *
 * @example
 * ```ts
 * throw invalidArgument('selectPtpTable', 'tables', 'an array of PtpTable', 5)
 * ```
 */
export function invalidArgument(
  fn: string,
  argument: string,
  expected: string,
  received: unknown,
): MedcodeError {
  return new MedcodeError([
    createIssue({
      code: 'invalid_option',
      severity: 'error',
      path: [argument],
      codes: [],
      option: `${fn}(${argument})`,
      expected: `${expected}; got ${describeArgument(received)}`,
    }),
  ]);
}

/**
 * Whether a value can be iterated with `for…of` (without calling anything but the property read).
 *
 * @example
 * ```ts
 * isIterable([1]) // true
 * isIterable(5)   // false
 * ```
 */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    value !== undefined &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}
