/**
 * What the NCCI packs' row sections must hold, checked as a pack is opened. A pack's bytes match
 * its digests, but one written by other code, or re-signed in its manifest, can hold anything: rows
 * out of order, a code list one row short, an indicator the table never has. Read as they are, those
 * give a wrong MUE or add-on edit without a sign; each is a `PackError` (`inconsistent`) instead.
 *
 * @module
 */
import { PackError } from '../core/errors';

/** The width of every code in the MUE and AOC packs' code lists (HCPCS and CPT codes). */
const CODE_WIDTH = 5;

function isCodeCharacter(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90); // 0–9, A–Z
}

/**
 * Whether `codes` is `rows` five-character codes of 0–9 and A–Z, one after another, each at or after
 * the one before (`order: 'ascending'`, ties allowed) or strictly after it (`'strictly-ascending'`),
 * or in any order (`'any'`). Compared character by character: no string is made per row.
 *
 * @example
 * ```ts
 * isCodeList('0001U99213', 2, 'strictly-ascending') // true
 * isCodeList('99213', 2, 'any') // false: one code short
 * ```
 */
export function isCodeList(
  codes: string,
  rows: number,
  order: 'strictly-ascending' | 'ascending' | 'any',
): boolean {
  if (codes.length !== rows * CODE_WIDTH) return false;
  for (let r = 0; r < rows; r++) {
    const at = r * CODE_WIDTH;
    let comparison = r === 0 ? 1 : 0; // against the previous code: < 0 before it, 0 equal, > 0 after
    for (let k = 0; k < CODE_WIDTH; k++) {
      const c = codes.charCodeAt(at + k);
      if (!isCodeCharacter(c)) return false;
      if (comparison === 0) comparison = c - codes.charCodeAt(at + k - CODE_WIDTH);
    }
    if (order !== 'any' && (comparison < 0 || (comparison === 0 && order === 'strictly-ascending')))
      return false;
  }
  return true;
}

/**
 * Whether every entry of a row section is one of `allowed` (a table's indicators) or, with a
 * number, below it (an index into a list the metadata holds).
 *
 * @example
 * ```ts
 * everyRowIn(new Uint8Array([1, 3, 2]), [1, 2, 3]) // true
 * everyRowIn(new Uint8Array([0, 2]), 2) // true: indexes into a list of two
 * ```
 */
export function everyRowIn(section: ArrayLike<number>, allowed: readonly number[] | number): boolean {
  for (let i = 0; i < section.length; i++) {
    const v = section[i]!;
    if (typeof allowed === 'number' ? v >= allowed : !allowed.includes(v)) return false;
  }
  return true;
}

/**
 * Each named section of a pack has `rows` entries, or a `PackError` (`inconsistent`) naming the
 * first that does not.
 *
 * @example
 * ```ts
 * checkRowCounts('mue.pack', 2, { mai: new Uint8Array(2), rationale: new Uint8Array(2) })
 * ```
 */
export function checkRowCounts(
  file: string,
  rows: number,
  sections: Readonly<Record<string, ArrayLike<number>>>,
): void {
  for (const [name, section] of Object.entries(sections))
    if (section.length !== rows)
      throw new PackError(
        'inconsistent',
        file,
        `its ${name} section has ${section.length} rows, not ${rows}`,
      );
}
