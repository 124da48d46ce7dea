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
    if (ArrayBuffer.isView(value))
      return `a ${value.constructor?.name ?? 'typed array'} of ${value.byteLength} bytes`;
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

/**
 * Whether `for await` can read a value as an async iterable (a property read, nothing called).
 *
 * @example
 * ```ts
 * isAsyncIterable(createReadStream('claims.ndjson')) // true
 * isAsyncIterable([1])                               // false (iterable, not async)
 * ```
 */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    value !== null &&
    value !== undefined &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/**
 * Whether a value is one text or one byte array: iterable, but as characters or numbers, never as
 * claims. A stream-of-claims argument refuses it (an NDJSON file read whole would otherwise be
 * validated one character at a time, each a failed claim).
 *
 * @example
 * ```ts
 * isTextOrBytes('{"claimId":"A"}\n') // true
 * isTextOrBytes(new Uint8Array(4))    // true
 * isTextOrBytes(['{"claimId":"A"}'])  // false
 * ```
 */
export function isTextOrBytes(value: unknown): value is string | ArrayBufferView {
  return typeof value === 'string' || ArrayBuffer.isView(value);
}

/**
 * Refuses, by name, an options argument that is not an options object (`null`, a string, an
 * array): read as options, it would fail at its first property with a `TypeError`. `undefined`
 * is no options.
 *
 * @example
 * ```ts
 * checkOptionsArgument('createIcd10CmSystem', null) // throws MedcodeError: options … got null
 * checkOptionsArgument('createIcd10CmSystem', { codesetsDir: 'codesets' }) // returns
 * ```
 */
export function checkOptionsArgument(fn: string, options: unknown): void {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options)))
    throw invalidArgument(fn, 'options', 'an options object', options);
}

/**
 * Refuses, by name, an argument that is not a string (a code, a file's text, a folder path).
 *
 * @example
 * ```ts
 * checkStringArgument('searchTokens', 'text', 5) // throws MedcodeError: text … got the number 5
 * ```
 */
export function checkStringArgument(fn: string, argument: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw invalidArgument(fn, argument, 'a string', value);
}

/**
 * Refuses, by name, what is not an official file as the importers take it: `{ name, bytes }`, a
 * string name and a `Uint8Array` of the file's bytes.
 *
 * @example
 * ```ts
 * checkOfficialFile('importMueFile', 'file', { name: 'MUE.csv', bytes: readFileSync('MUE.csv') }) // returns
 * ```
 */
export function checkOfficialFile(fn: string, argument: string, value: unknown): void {
  const file = value as { name?: unknown; bytes?: unknown } | null;
  if (
    file === null ||
    typeof file !== 'object' ||
    typeof file.name !== 'string' ||
    // By tag, not instanceof: bytes made in another realm (a vm context, a test environment) count.
    Object.prototype.toString.call(file.bytes) !== '[object Uint8Array]'
  )
    throw invalidArgument(fn, argument, 'an official file { name, bytes: Uint8Array }', value);
}

/**
 * Refuses, by name, what is not a non-empty array of official files (see {@link checkOfficialFile}).
 *
 * @example
 * ```ts
 * checkOfficialFiles('importHccFiles', [{ name: 'V28_Interactions.csv', bytes }]) // returns
 * ```
 */
export function checkOfficialFiles(fn: string, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0)
    throw invalidArgument(fn, 'files', 'an array of official files { name, bytes }, one at least', value);
  for (const [k, file] of value.entries()) checkOfficialFile(fn, `files[${k}]`, file);
}

/**
 * Refuses, by name, pack bytes that are not bytes at all (a number, a plain object, a string), and a
 * file name that is not a string: read as a pack, a number would be taken as the length of a new
 * buffer. Bytes that are a damaged pack stay the pack reader's `PackError`.
 *
 * @example
 * ```ts
 * checkPackBytesArgument('decodeRvuPack', bytes, 'rvu.pack') // returns
 * ```
 */
export function checkPackBytesArgument(fn: string, bytes: unknown, file: unknown): void {
  // By tag, not instanceof: bytes made in another realm (a vm context, a test environment) count.
  const tag = Object.prototype.toString.call(bytes);
  if (tag !== '[object Uint8Array]' && tag !== '[object ArrayBuffer]')
    throw invalidArgument(fn, 'bytes', 'the pack bytes (Uint8Array)', bytes);
  checkStringArgument(fn, 'file', file);
}
