/**
 * The layout of `codesets/icd10pcs/<edition>/codes.pack`, shared by the builder and the runtime.
 *
 * Sections (everything is read lazily: opening the pack parses no table, value or phrase):
 * - `names` (json): the axis names (`Body Part`, `Approach`, …).
 * - `table-codes` (utf8): the first three characters of every table, concatenated, tables-XML order.
 * - `tables` (utf8) + `table-offsets` (u32, n+1): one JSON {@link PackTable} per table.
 * - `table-bases` (u32, n+1): generation index of each table's first code (last = total codes).
 * - `values` (utf8) + `value-offsets` (u32, n+1): one JSON {@link PackValueRecord} per distinct axis value.
 * - `phrases` (utf8) + `phrase-offsets` (u32, n+1): the title phrase dictionary, most frequent first.
 * - `long`, `short` (u8): per code (generation order) its title as phrase ids, 1 byte for ids < 128,
 *   else 2 bytes (`0x80 | id >> 8`, `id & 0xff`).
 * - `long-count`, `short-count` (u8): phrases per title.
 * - `long-block`, `short-block` (u32): byte offset of every {@link TITLE_BLOCK}-th title.
 *
 * Offsets index the decoded section string; the sources are ASCII (the builder checks), so they are
 * byte and character offsets alike.
 *
 * Generation order: tables in XML order, rows in XML order, then characters 4, 5, 6, 7 in the
 * order the row lists them (the rightmost varies fastest).
 *
 * @module
 */

/**
 * Pack kind written in the header.
 *
 * @example
 * ```ts
 * PackReader.fromFile('codesets/icd10pcs/fy2026/codes.pack', PACK_KIND)
 * ```
 */
export const PACK_KIND = 'icd10pcs/codes';

/**
 * Titles per block offset.
 *
 * @example
 * ```ts
 * const block = Math.floor(index / TITLE_BLOCK)
 * ```
 */
export const TITLE_BLOCK = 16;

/**
 * One axis value: [character, label, definition, explanation, includes].
 *
 * @example
 * ```ts
 * const rec: PackValueRecord = ['0', 'Open', 'Cutting through the skin…', null, null]
 * ```
 */
export type PackValueRecord = [string, string, string | null, string | null, string[] | null];

/**
 * One row: for axes 4..7, the characters (in row order) and their value record ids.
 *
 * @example
 * ```ts
 * const row: PackRow = ['5', [40], '034', [1, 2, 3], 'Z', [9], 'XZ', [10, 11]]
 * ```
 */
export type PackRow = [string, number[], string, number[], string, number[], string, number[]];

/**
 * One table: [axis name ids 1..7, value ids of axes 1..3, rows]; its code is in `table-codes`.
 *
 * @example
 * ```ts
 * const table: PackTable = [[4, 5, 6, 0, 1, 2, 3], 21, 22, 23, [row]]
 * ```
 */
export type PackTable = [number[], number, number, number, PackRow[]];

const SPLIT = /.+?(?:, | with | to | of | into | using | from |$)/g;

/**
 * Cuts a title into phrases; concatenating them gives the title back.
 *
 * @example
 * ```ts
 * splitTitle('Excision of Right Lower Arm, Open Approach') // ['Excision of ', 'Right Lower Arm, ', 'Open Approach']
 * ```
 */
export function splitTitle(title: string): string[] {
  const parts = title.match(SPLIT) ?? [];
  if (parts.join('') !== title) throw new Error(`title does not split losslessly: ${title}`);
  return parts;
}
