/**
 * Row indexes of the NCCI tables' low-level readers, checked.
 *
 * @module
 */
import { invalidArgument } from '../core/arguments';

/**
 * `i` when it is an index below `length`; else a `MedcodeError` (`invalid_option`) naming the
 * table's method. The indexes come from lookups (`findActive`, `column1Index`, `indexOf`) whose
 * -1 means "none": read as a row, it would give a silently wrong edit, value or date.
 *
 * @example
 * ```ts
 * checkedIndex(3, 10, 'MueTable.valueAt', 'i') // 3
 * checkedIndex(-1, 10, 'MueTable.valueAt', 'i') // throws MedcodeError: an index from 0 to 9
 * ```
 */
export function checkedIndex(i: number, length: number, method: string, argument: string): number {
  // `typeof` first: `>>>` would convert any other value, and throw for a Symbol or a BigInt.
  if (typeof i === 'number' && i >>> 0 === i && i < length) return i;
  throw invalidArgument(method, argument, `an index from 0 to ${length - 1}`, i);
}
