/**
 * The loaded data of one ICD-10-PCS edition: tables, rows, axis values and title phrases read
 * lazily from the pack, and the location of a code in its table. A code is valid when a row of its
 * table (first three characters) allows each of characters 4 to 7 (CMS ICD-10-PCS tables,
 * `icd10pcs_tables_2026.xml`: every combination of a row's values is a code).
 *
 * @module
 */
import { PackError } from '../core/errors';
import { isTextList } from '../core/pack';
import type { PackReader } from '../core/pack';
import type { Icd10PcsAxis, Icd10PcsAxisValue, Icd10PcsTableFilter } from './model';
import { TITLE_BLOCK } from './pack-format';
import type { PackTable, PackValueRecord } from './pack-format';

export interface RuntimeRow {
  readonly index: number;
  /** Allowed characters of axes 4..7. */
  readonly chars: readonly [string, string, string, string];
  readonly ids: readonly [readonly number[], readonly number[], readonly number[], readonly number[]];
  /** Index of the row's first code in generation order. */
  readonly base: number;
  readonly count: number;
  /** Mixed-radix strides of axes 4..7. */
  readonly strides: readonly [number, number, number, number];
}

export interface RuntimeTable {
  readonly code: string;
  readonly names: readonly string[];
  readonly nameIds: readonly number[];
  readonly head: readonly [number, number, number];
  readonly rows: readonly RuntimeRow[];
  readonly base: number;
  readonly count: number;
}

export interface TableAxes {
  readonly head: readonly Icd10PcsAxis[];
  readonly rows: readonly (readonly (readonly Icd10PcsAxis[])[])[];
}

export interface Located {
  readonly table: RuntimeTable;
  readonly row: RuntimeRow;
  readonly index: number;
}

/**
 * The loaded data of one edition. Opening parses only the table codes; tables, axis values and
 * title phrases are parsed from their JSON/text slices on first use and then kept (lazy caches).
 *
 * @example
 * ```ts
 * const data = new Icd10PcsData(PackReader.fromFile(packFile, PACK_KIND))
 * data.tableByCode('0LB')?.rows.length
 * ```
 */
export class Icd10PcsData {
  readonly names: readonly string[];
  readonly tableCount: number;
  /** Table code → table index. */
  readonly byCode: ReadonlyMap<string, number>;
  /** section → body system → table indexes. */
  readonly tree: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
  readonly tableBases: Uint32Array;
  readonly total: number;
  readonly phraseCount: number;
  readonly long: Uint8Array;
  readonly longCount: Uint8Array;
  readonly longBlock: Uint32Array;
  readonly short: Uint8Array;
  readonly shortCount: Uint8Array;
  readonly shortBlock: Uint32Array;
  readonly #tableCodes: string;
  readonly #tablesText: string;
  readonly #tableOffsets: Uint32Array;
  readonly #tables: (RuntimeTable | undefined)[];
  readonly #valuesText: string;
  readonly #valueOffsets: Uint32Array;
  readonly #values: (PackValueRecord | undefined)[];
  readonly #phrasesText: string;
  readonly #phraseOffsets: Uint32Array;
  readonly #phrases: (string | undefined)[];

  readonly #file: string;

  constructor(pack: PackReader) {
    this.#file = pack.file;
    this.names = pack.json<string[]>('names');
    // What the sections say is checked as they are read: a pack written by other code, or
    // re-signed, passes the digests but must not reach a lookup as a TypeError.
    if (!isTextList(this.names))
      throw new PackError('inconsistent', pack.file, 'its names are not a list of text');
    this.#tableCodes = pack.utf8('table-codes');
    this.#tablesText = pack.utf8('tables');
    this.#tableOffsets = pack.u32('table-offsets');
    this.tableBases = pack.u32('table-bases');
    this.#valuesText = pack.utf8('values');
    this.#valueOffsets = pack.u32('value-offsets');
    this.#phrasesText = pack.utf8('phrases');
    this.#phraseOffsets = pack.u32('phrase-offsets');
    this.long = pack.typed('long', 'u8');
    this.longCount = pack.typed('long-count', 'u8');
    this.longBlock = pack.u32('long-block');
    this.short = pack.typed('short', 'u8');
    this.shortCount = pack.typed('short-count', 'u8');
    this.shortBlock = pack.u32('short-block');
    this.tableCount = this.#tableCodes.length / 3;
    if (
      !Number.isInteger(this.tableCount) ||
      this.#tableOffsets.length !== this.tableCount + 1 ||
      this.#valueOffsets.length === 0 ||
      this.#phraseOffsets.length === 0
    )
      throw new PackError(
        'inconsistent',
        pack.file,
        'its tables, values and phrases do not match their offsets',
      );
    this.total = this.tableBases[this.tableCount] ?? 0;
    this.phraseCount = this.#phraseOffsets.length - 1;
    this.#tables = new Array<RuntimeTable | undefined>(this.tableCount);
    this.#values = new Array<PackValueRecord | undefined>(this.#valueOffsets.length - 1);
    this.#phrases = new Array<string | undefined>(this.phraseCount);
    const byCode = new Map<string, number>();
    const tree = new Map<string, Map<string, number[]>>();
    for (let i = 0; i < this.tableCount; i++) {
      const code = this.#tableCodes.slice(i * 3, i * 3 + 3);
      byCode.set(code, i);
      let bs = tree.get(code[0]!);
      if (!bs) tree.set(code[0]!, (bs = new Map()));
      let list = bs.get(code[1]!);
      if (!list) bs.set(code[1]!, (list = []));
      list.push(i);
    }
    this.byCode = byCode;
    this.tree = tree;
    if (
      this.tableBases.length !== this.tableCount + 1 ||
      this.longCount.length !== this.total ||
      this.shortCount.length !== this.total
    ) {
      throw new PackError(
        'inconsistent',
        pack.file,
        `${this.total} codes in the tables but ${this.longCount.length} titles`,
      );
    }
    // Offsets read as slices and block starts read as stream positions: out of order or past their
    // text, they would give an empty or wrong table, value or title without a sign.
    const blocks = Math.ceil(this.total / TITLE_BLOCK);
    if (
      !isAscendingWithin(this.#valueOffsets, this.#valuesText.length) ||
      !isAscendingWithin(this.#phraseOffsets, this.#phrasesText.length) ||
      !isAscendingWithin(this.#tableOffsets, this.#tablesText.length) ||
      this.longBlock.length !== blocks ||
      this.shortBlock.length !== blocks ||
      !isAscendingWithin(this.longBlock, this.long.length) ||
      !isAscendingWithin(this.shortBlock, this.short.length)
    )
      throw new PackError(
        'inconsistent',
        pack.file,
        'its offsets of values, phrases, tables or title blocks are out of order or past their text',
      );
  }

  /** One JSON record of the pack, refused as the pack's inconsistency when it is not of its shape. */
  #parsed<T>(what: string, text: string, isShape: (value: unknown) => boolean): T {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new PackError('inconsistent', this.#file, `${what} is not JSON (${String(error)})`);
    }
    if (!isShape(value)) throw new PackError('inconsistent', this.#file, `${what} is not of its shape`);
    return value as T;
  }

  /**
   * Table `i` (pack order), parsed on first use.
   *
   * @example
   * ```ts
   * data.table(0).code
   * ```
   */
  table(i: number): RuntimeTable {
    let t = this.#tables[i];
    if (t) return t;
    const [nameIds, v1, v2, v3, rawRows] = this.#parsed<PackTable>(
      `table ${i}`,
      this.#tablesText.slice(this.#tableOffsets[i]!, this.#tableOffsets[i + 1]!),
      isPackTable,
    );
    let base = this.tableBases[i]!;
    const rows: RuntimeRow[] = rawRows.map((r, index) => {
      const [c4, i4, c5, i5, c6, i6, c7, i7] = r;
      const count = c4.length * c5.length * c6.length * c7.length;
      const row: RuntimeRow = {
        index,
        chars: [c4, c5, c6, c7],
        ids: [i4, i5, i6, i7],
        base,
        count,
        strides: [c5.length * c6.length * c7.length, c6.length * c7.length, c7.length, 1],
      };
      base += count;
      return row;
    });
    t = {
      code: this.#tableCodes.slice(i * 3, i * 3 + 3),
      names: nameIds.map((n) => this.names[n] ?? ''),
      nameIds,
      head: [v1, v2, v3],
      rows,
      base: this.tableBases[i]!,
      count: this.tableBases[i + 1]! - this.tableBases[i]!,
    };
    this.#tables[i] = t;
    return t;
  }

  /**
   * The three characters of table `i`.
   *
   * @example
   * ```ts
   * data.tableCode(0) // e.g. '001'
   * ```
   */
  tableCode(i: number): string {
    return this.#tableCodes.slice(i * 3, i * 3 + 3);
  }

  /**
   * A table by its first three characters (normalized), or undefined.
   *
   * @example
   * ```ts
   * data.tableByCode('0LB')?.names[2] // 'Operation'
   * ```
   */
  tableByCode(code: string): RuntimeTable | undefined {
    const i = this.byCode.get(code);
    return i === undefined ? undefined : this.table(i);
  }

  /**
   * Axis value record `id` (value, label, definition, explanation, includes).
   *
   * @example
   * ```ts
   * data.value(data.tableByCode('0LB')!.head[2])[1] // 'Excision'
   * ```
   */
  value(id: number): PackValueRecord {
    let v = this.#values[id];
    if (!v) {
      v = this.#parsed<PackValueRecord>(
        `value ${id}`,
        this.#valuesText.slice(this.#valueOffsets[id]!, this.#valueOffsets[id + 1]!),
        isValueRecord,
      );
      this.#values[id] = v;
    }
    return v;
  }

  /**
   * Title phrase `id`.
   *
   * @example
   * ```ts
   * data.phrase(0)
   * ```
   */
  phrase(id: number): string {
    let p = this.#phrases[id];
    if (p === undefined) {
      p = this.#phrasesText.slice(this.#phraseOffsets[id]!, this.#phraseOffsets[id + 1]!);
      this.#phrases[id] = p;
    }
    return p;
  }

  /**
   * Offset of title `i` in a phrase stream.
   *
   * @example
   * ```ts
   * data.titleOffset(data.long, data.longCount, data.longBlock, 0) // 0
   * ```
   */
  titleOffset(stream: Uint8Array, counts: Uint8Array, blocks: Uint32Array, i: number): number {
    let p = blocks[(i / TITLE_BLOCK) | 0]!;
    for (let k = i - (i % TITLE_BLOCK); k < i; k++) {
      for (let n = counts[k]!; n > 0; n--) p += stream[p]! & 0x80 ? 2 : 1;
    }
    return p;
  }

  /**
   * The long or short title of the code with generation index `i`.
   *
   * @example
   * ```ts
   * data.title('long', locate(data, '0LB50ZZ')!.index)
   * ```
   */
  title(kind: 'long' | 'short', i: number): string {
    const stream = kind === 'long' ? this.long : this.short;
    const counts = kind === 'long' ? this.longCount : this.shortCount;
    const blocks = kind === 'long' ? this.longBlock : this.shortBlock;
    let p = this.titleOffset(stream, counts, blocks, i);
    // A title ends within its block: phrase counts that say otherwise would read other titles' phrases.
    const blockEnd = blocks[((i / TITLE_BLOCK) | 0) + 1] ?? stream.length;
    let out = '';
    for (let n = counts[i]!; n > 0; n--) {
      const b = stream[p]!;
      let id: number;
      if (b & 0x80) {
        id = ((b & 0x7f) << 8) | stream[p + 1]!;
        p += 2;
      } else {
        id = b;
        p += 1;
      }
      // Checked per title rather than over every title at load (a cold-start cost): only a pack
      // built wrongly yet with valid digests can fail it.
      if (p > blockEnd || id >= this.phraseCount)
        throw new PackError(
          'inconsistent',
          this.#file,
          `the ${kind} title of code ${i} runs past its phrases`,
        );
      out += this.phrase(id);
    }
    return out;
  }
}

/** Whether offsets are non-decreasing and none is past `end` (the length of the text they index). */
function isAscendingWithin(offsets: Uint32Array, end: number): boolean {
  for (let k = 0; k < offsets.length; k++)
    if (offsets[k]! > end || (k > 0 && offsets[k]! < offsets[k - 1]!)) return false;
  return true;
}

/**
 * The frozen public form of an axis value record.
 *
 * @example
 * ```ts
 * freezeValue(data.value(id)).label
 * ```
 */
export function freezeValue(rec: PackValueRecord): Icd10PcsAxisValue {
  const [value, label, definition, explanation, includes] = rec;
  return Object.freeze({
    value,
    label,
    ...(definition !== null ? { definition } : {}),
    ...(explanation !== null ? { explanation } : {}),
    ...(includes !== null ? { includes: Object.freeze([...includes]) } : {}),
  });
}

/**
 * The table, row and generation index of a valid normalized code, else undefined: a code is valid
 * when one row of its table allows each of characters 4 to 7.
 *
 * @example
 * ```ts
 * locate(data, '0LB50ZZ')?.table.code // '0LB'
 * ```
 */
export function locate(d: Icd10PcsData, code: string): Located | undefined {
  const table = d.tableByCode(code.slice(0, 3));
  if (!table) return undefined;
  const a = code[3]!;
  const b = code[4]!;
  const c = code[5]!;
  const e = code[6]!;
  for (const row of table.rows) {
    const k4 = row.chars[0].indexOf(a);
    if (k4 < 0) continue;
    const k5 = row.chars[1].indexOf(b);
    if (k5 < 0) continue;
    const k6 = row.chars[2].indexOf(c);
    if (k6 < 0) continue;
    const k7 = row.chars[3].indexOf(e);
    if (k7 < 0) continue;
    const s = row.strides;
    return { table, row, index: row.base + k4 * s[0] + k5 * s[1] + k6 * s[2] + k7 };
  }
  return undefined;
}

/**
 * The table and row of the code with generation index `index` (tables in pack order, rows in
 * table order, codes of a row in mixed-radix order of characters 4 to 7).
 *
 * @example
 * ```ts
 * locateIndex(data, 0).table.code // the first table of the pack
 * ```
 */
export function locateIndex(d: Icd10PcsData, index: number): Located {
  const bases = d.tableBases;
  let lo = 0;
  let hi = d.tableCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bases[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  const table = d.table(lo);
  let row = table.rows[0]!;
  for (const r of table.rows) if (r.base <= index) row = r;
  return { table, row, index };
}

/**
 * Whether a table code matches a filter on characters 1-3 (section, body system, operation).
 *
 * @example
 * ```ts
 * matchesFilter('0LB', { section: '0', bodySystem: 'L' }) // true
 * ```
 */
export function matchesFilter(code: string, filter: Icd10PcsTableFilter | undefined): boolean {
  if (filter === undefined || filter === null || typeof filter !== 'object') return true;
  const parts = [filter.section, filter.bodySystem, filter.operation];
  for (let i = 0; i < 3; i++) {
    const want = parts[i];
    if (want === undefined) continue;
    if (typeof want !== 'string' || want.toUpperCase() !== code[i]) return false;
  }
  return true;
}

/** Whether a parsed table is `[nameIds, v1, v2, v3, rows]` (see `PackTable` and `PackRow`). */
function isPackTable(value: unknown): boolean {
  const isIds = (x: unknown) => Array.isArray(x) && x.every((n) => Number.isInteger(n));
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    isIds(value[0]) &&
    [value[1], value[2], value[3]].every((n) => Number.isInteger(n)) &&
    Array.isArray(value[4]) &&
    value[4].every(
      (row: unknown) =>
        Array.isArray(row) &&
        row.length === 8 &&
        row.every((x: unknown, k: number) => (k % 2 === 0 ? typeof x === 'string' : isIds(x))),
    )
  );
}

/** Whether a parsed value record is `[value, label, definition, explanation, includes]` (see `PackValueRecord`). */
function isValueRecord(value: unknown): boolean {
  const textOrNull = (x: unknown) => x === null || typeof x === 'string';
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    textOrNull(value[2]) &&
    textOrNull(value[3]) &&
    (value[4] === null || isTextList(value[4]))
  );
}
