/**
 * NCCI procedure-to-procedure (PTP) edits: the importer for the CMS quarterly files (zips as
 * downloaded, holding tab-delimited text), the compact PTP pack, and pair lookup on a date of service.
 *
 * File layout and semantics: the CMS PTP page
 * (https://www.cms.gov/medicare-medicaid-coordination/national-correct-coding-initiative-ncci/ncci-medicare/medicare-ncci-procedure-procedure-ptp-edits),
 * the Noridian NCCI page and the FCSO PTP lookup guide.
 *
 * @module
 */
import { invalidArgument, isIterable } from '../core/arguments';
import { checkedIndex } from './row-index';
import { checkRowCounts } from './pack-rows';
import { nodeBuiltin } from '../core/runtime';
import { PackReader, PackWriter, editionInPack, isTextList } from '../core/pack';
import type { Edition } from '../core/edition';
import type { IsoDate } from '../core/dates';
import { PackError, SourceFormatError } from '../core/errors';
import {
  PACK_SOURCE_INPUT,
  checkPackSourceInput,
  systemManifests,
  toPackSource,
  verifiedPackBytes,
} from '../core/pack-source';
import type { PackSourceInput } from '../core/pack-source';
import {
  CODE_NUMBERS,
  daysToIso,
  decodeProcedureCode,
  encodeProcedureCode,
  isoToDays,
  yyyymmddToDays,
} from './codes';

/** Which Medicare PTP table: practitioner (`ccipra-*`) or outpatient hospital (`ccioph-*`). The CMS publishes them as separate tables: never merged. */
export type PtpTableKind = 'practitioner' | 'hospital';

/** The modifier indicator: 0 = no modifier bypasses, 1 = an NCCI PTP-associated modifier may, 9 = not applicable. */
export type PtpModifierIndicator = 0 | 1 | 9;

/** One PTP edit row. */
export interface PtpEdit {
  /** Column 1 (comprehensive, payable) code. */
  readonly column1: string;
  /** Column 2 (component) code: the one denied. */
  readonly column2: string;
  /** The `*` of "in existence prior to 1996". */
  readonly priorTo1996: boolean;
  readonly effectiveDate: IsoDate;
  /** `null` when the file has `*` or blank (not deleted). */
  readonly deletionDate: IsoDate | null;
  readonly modifierIndicator: PtpModifierIndicator;
  readonly rationale: string;
  readonly table: PtpTableKind;
  /** File version, e.g. `32.2`. */
  readonly version: string;
}

/** How a deletion date bounds an edit (docs/ncci.md): `inclusive` = last day in force (default, CMS data pattern). */
export type DeletionBound = 'inclusive' | 'exclusive';

const NO_DELETION = 0xffff;
const IND_MASK = 0b11;
const PRIOR_1996 = 0b100;

function indicatorToBits(i: PtpModifierIndicator): number {
  return i === 9 ? 2 : i;
}
function bitsToIndicator(b: number): PtpModifierIndicator {
  return b === 2 ? 9 : (b as 0 | 1);
}

/** Quarter edition of a table. */
function quarterEdition(kind: PtpTableKind, from: IsoDate): Edition {
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  const q = Math.floor((m - 1) / 3) + 1;
  const endMonth = q * 3;
  const endDay = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  return Object.freeze({
    id: `${kind}-${y}q${q}`,
    name: `NCCI PTP ${kind} ${y} Q${q}`,
    system: 'ncci-ptp',
    effectiveFrom: from,
    effectiveTo: `${y}-${String(endMonth).padStart(2, '0')}-${String(endDay).padStart(2, '0')}`,
  });
}

/**
 * The column-1 codes of a PTP table as an open-addressing hash index: a code's position among the
 * sorted column-1 codes in one probe (usually), where a binary search over ~15,000 codes takes
 * fourteen steps. Slots hold position + 1 (0 = empty) in an `Int32Array` of a power of two at
 * least 1.5× the codes (128 KiB for 12,500 codes, 256 KiB for 25,000), built once per table on
 * first use; the key is checked against the table's own column-1 array, so no key is copied.
 */
class Column1Index {
  readonly #slots: Int32Array;
  readonly #shift: number;
  readonly #mask: number;

  constructor(private readonly codes: Uint32Array) {
    let bits = 4;
    while (1 << bits < codes.length * 1.5) bits++;
    this.#slots = new Int32Array(1 << bits);
    this.#shift = 32 - bits;
    this.#mask = (1 << bits) - 1;
    for (let i = 0; i < codes.length; i++) {
      let s = this.#slotOf(codes[i]!);
      while (this.#slots[s] !== 0) s = (s + 1) & this.#mask;
      this.#slots[s] = i + 1;
    }
  }

  /** The position of `code` among the column-1 codes, or -1. */
  indexOf(code: number): number {
    const slots = this.#slots;
    let s = this.#slotOf(code);
    for (;;) {
      const held = slots[s]!;
      if (held === 0) return -1;
      if (this.codes[held - 1] === code) return held - 1;
      s = (s + 1) & this.#mask;
    }
  }

  /** Fibonacci hashing: encoded codes are dense runs of integers, spread by the golden-ratio multiplier. */
  #slotOf(code: number): number {
    return Math.imul(code, 0x9e3779b1) >>> this.#shift;
  }
}

/** A row range `[start, end)` within a table of `rows` rows; else a `MedcodeError` naming the method. */
function checkedRange(start: number, end: number, rows: number, method: string): void {
  if (start >>> 0 === start && end >>> 0 === end && start <= end && end <= rows) return;
  throw invalidArgument(
    `PtpTable.${method}`,
    'start, end',
    `a row range within 0 to ${rows}`,
    `${String(start)}, ${String(end)}`,
  );
}

/**
 * A loaded PTP table (one kind, one quarterly version), backed by typed arrays. Immutable.
 *
 * @example
 * ```ts
 * const table = PtpTable.fromPack(readFileSync('ptp-practitioner-2026q3.pack'))
 * table.lookup('29000', '29020', '2014-06-01')?.modifierIndicator
 * ```
 */
export class PtpTable {
  /** @internal */
  constructor(
    readonly kind: PtpTableKind,
    readonly version: string,
    readonly edition: Edition,
    private readonly col1: Uint32Array,
    private readonly col1Start: Uint32Array,
    private readonly col2: Uint32Array,
    private readonly eff: Uint16Array,
    private readonly del: Uint16Array,
    private readonly flags: Uint8Array,
    private readonly rat: Uint8Array,
    readonly rationales: readonly string[],
    readonly sourceFiles: readonly string[],
  ) {}

  /**
   * Number of edit rows.
   *
   * @example
   * ```ts
   * table.size // edit rows, active or not
   * ```
   */
  get size(): number {
    return this.col2.length;
  }

  /**
   * Data version label for issues, e.g. `NCCI PTP practitioner 32.2 (2026 Q3)`.
   *
   * @example
   * ```ts
   * table.dataVersion // 'NCCI PTP practitioner 32.2 (2026 Q3)'
   * ```
   */
  get dataVersion(): string {
    return (this.#dataVersion ??= `NCCI PTP ${this.kind} ${this.version} (${this.edition.effectiveFrom.slice(0, 4)} Q${this.edition.id.slice(-1)})`);
  }

  #dataVersion: string | undefined;

  /**
   * Row range [start, end) of a column-1 code, or [0, 0).
   *
   * @example
   * ```ts
   * const [start, end] = table.rowsOfColumn1(encodeProcedureCode('29000'))
   * end - start // rows with 29000 in column 1
   * ```
   */
  rowsOfColumn1(code1: number): readonly [number, number] {
    const i = this.column1Index(code1);
    return i < 0 ? [0, 0] : [this.col1Start[i]!, this.col1Start[i + 1]!];
  }

  /**
   * The index of a column-1 code among the table's column-1 codes (encoded), or -1: one probe of
   * a hash index built on first use. Its rows are
   * `[column1RowsStart(i), column1RowsEnd(i))`.
   *
   * @example
   * ```ts
   * const i = table.column1Index(encodeProcedureCode('29000'))
   * i >= 0 ? table.column1RowsEnd(i) - table.column1RowsStart(i) : 0 // rows with 29000 in column 1
   * ```
   */
  column1Index(code1: number): number {
    return (this.#column1 ??= new Column1Index(this.col1)).indexOf(code1);
  }

  /**
   * The first row of the column-1 code at `index` ({@link column1Index}).
   *
   * @example
   * ```ts
   * table.column1RowsStart(table.column1Index(encodeProcedureCode('29000')))
   * ```
   */
  column1RowsStart(index: number): number {
    return this.col1Start[checkedIndex(index, this.col1.length, 'PtpTable.column1RowsStart', 'index')]!;
  }

  /**
   * The row after the last one of the column-1 code at `index` ({@link column1Index}).
   *
   * @example
   * ```ts
   * table.column1RowsEnd(table.column1Index(encodeProcedureCode('29000')))
   * ```
   */
  column1RowsEnd(index: number): number {
    return this.col1Start[checkedIndex(index, this.col1.length, 'PtpTable.column1RowsEnd', 'index') + 1]!;
  }

  #column1: Column1Index | undefined;

  /**
   * The column-2 code (encoded) of a row. Within a column-1 row range the rows are ordered by
   * column 2, so walking a range meets each column-2 code in one run.
   *
   * @example
   * ```ts
   * const [start, end] = table.rowsOfColumn1(encodeProcedureCode('29000'))
   * decodeProcedureCode(table.column2At(start)) // the range's lowest column-2 code
   * ```
   */
  column2At(r: number): number {
    return this.col2[checkedIndex(r, this.col2.length, 'PtpTable.column2At', 'row')]!;
  }

  /**
   * The first row in [from, end) of a column-1 row range whose column-2 code is `code2` or
   * higher, or `end` (binary search: the rows of a range are ordered by column 2).
   *
   * @example
   * ```ts
   * const [start, end] = table.rowsOfColumn1(encodeProcedureCode('29000'))
   * const r = table.column2LowerBound(start, end, encodeProcedureCode('29020'))
   * r < end && table.column2At(r) === encodeProcedureCode('29020') // 29020 is a column-2 code of 29000
   * ```
   */
  column2LowerBound(from: number, end: number, code2: number): number {
    checkedRange(from, end, this.col2.length, 'column2LowerBound');
    return this.#column2LowerBound(from, end, code2);
  }

  /** {@link column2LowerBound} on a range already checked. */
  #column2LowerBound(from: number, end: number, code2: number): number {
    const c2 = this.col2;
    let lo = from;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c2[mid]! < code2) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The row of the edit (encoded codes) active on `day` (days since 1970) within a column-1 row range,
   * or -1. Indicator 9 never applies (CMS NCCI PTP edits page). When several rows are active the one with indicator 0 wins.
   *
   * @example
   * ```ts
   * const [start, end] = table.rowsOfColumn1(encodeProcedureCode('29000'))
   * const r = table.findActiveInRange(start, end, encodeProcedureCode('29020'), isoToDays('2014-06-01'), 'inclusive')
   * if (r >= 0) table.row(r).modifierIndicator // 1
   * ```
   */
  findActiveInRange(start: number, end: number, code2: number, day: number, bound: DeletionBound): number {
    checkedRange(start, end, this.col2.length, 'findActiveInRange');
    const c2 = this.col2;
    // A code outside the span of the range's column-2 codes (they are sorted) needs no search.
    if (start >= end || code2 < c2[start]! || code2 > c2[end - 1]!) return -1;
    const lo = this.#column2LowerBound(start, end, code2);
    let found = -1;
    for (let r = lo; r < end && c2[r] === code2; r++) {
      const f = this.flags[r]!;
      const ind = f & IND_MASK;
      if (ind === 2) continue;
      if (this.eff[r]! > day) continue;
      const d = this.del[r]!;
      if (d !== NO_DELETION && (bound === 'inclusive' ? day > d : day >= d)) continue;
      if (ind === 0) return r;
      found = r;
    }
    return found;
  }

  /**
   * Fast pair check on encoded codes: the active row or -1.
   *
   * @example
   * ```ts
   * table.findActive(encodeProcedureCode('29000'), encodeProcedureCode('29020'), isoToDays('2014-06-01')) // a row index, or -1
   * ```
   */
  findActive(code1: number, code2: number, day: number, bound: DeletionBound = 'inclusive'): number {
    const i = this.column1Index(code1);
    if (i < 0) return -1;
    return this.findActiveInRange(this.col1Start[i]!, this.col1Start[i + 1]!, code2, day, bound);
  }

  /**
   * The edit of a row.
   *
   * @example
   * ```ts
   * const r = table.findActive(encodeProcedureCode('29000'), encodeProcedureCode('29020'), isoToDays('2014-06-01'))
   * if (r >= 0) table.row(r).deletionDate // '2014-12-31'
   * ```
   */
  row(r: number): PtpEdit {
    checkedIndex(r, this.col2.length, 'PtpTable.row', 'row');
    // Row → column-1 code: binary search over the start offsets.
    let lo = 0;
    let hi = this.col1.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.col1Start[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    const d = this.del[r]!;
    return Object.freeze({
      column1: decodeProcedureCode(this.col1[lo]!),
      column2: decodeProcedureCode(this.col2[r]!),
      priorTo1996: (this.flags[r]! & PRIOR_1996) !== 0,
      effectiveDate: daysToIso(this.eff[r]!),
      deletionDate: d === NO_DELETION ? null : daysToIso(d),
      modifierIndicator: this.modifierIndicatorAt(r),
      rationale: this.rationaleAt(r),
      table: this.kind,
      version: this.version,
    });
  }

  /**
   * The modifier indicator of a row: what {@link row} gives, without building the edit (for a
   * caller that already knows both codes).
   *
   * @example
   * ```ts
   * const r = table.findActive(encodeProcedureCode('29000'), encodeProcedureCode('29020'), isoToDays('2014-06-01'))
   * if (r >= 0) table.modifierIndicatorAt(r) // 1
   * ```
   */
  modifierIndicatorAt(r: number): PtpModifierIndicator {
    return bitsToIndicator(
      this.flags[checkedIndex(r, this.col2.length, 'PtpTable.modifierIndicatorAt', 'row')]! & IND_MASK,
    );
  }

  /**
   * The rationale of a row ('' when the file has none).
   *
   * @example
   * ```ts
   * table.rationaleAt(r) // 'Misuse of column two code with column one code'
   * ```
   */
  rationaleAt(r: number): string {
    return this.rationales[this.rat[checkedIndex(r, this.col2.length, 'PtpTable.rationaleAt', 'row')]!] ?? '';
  }

  /**
   * The effective date of a row.
   *
   * @example
   * ```ts
   * table.effectiveDateAt(r) // '2014-01-01'
   * ```
   */
  effectiveDateAt(r: number): IsoDate {
    return daysToIso(this.eff[checkedIndex(r, this.col2.length, 'PtpTable.effectiveDateAt', 'row')]!);
  }

  /**
   * The deletion date of a row, or `null` when it is not deleted.
   *
   * @example
   * ```ts
   * table.deletionDateAt(r) // '2014-12-31'
   * ```
   */
  deletionDateAt(r: number): IsoDate | null {
    const d = this.del[checkedIndex(r, this.col2.length, 'PtpTable.deletionDateAt', 'row')]!;
    return d === NO_DELETION ? null : daysToIso(d);
  }

  /**
   * The edit with `column1`/`column2` in that order, active on `date`, or `undefined` (also for any
   * malformed input). Never throws.
   *
   * @example
   * ```ts
   * table.lookup('29000', '29020', '2014-06-01') // { modifierIndicator: 1, deletionDate: '2014-12-31', … }
   * ```
   */
  lookup(
    column1: unknown,
    column2: unknown,
    date: unknown,
    bound: DeletionBound = 'inclusive',
  ): PtpEdit | undefined {
    const a = encodeProcedureCode(typeof column1 === 'string' ? column1.toUpperCase() : column1);
    const b = encodeProcedureCode(typeof column2 === 'string' ? column2.toUpperCase() : column2);
    if (a < 0 || b < 0 || typeof date !== 'string') return undefined;
    const day = isoToDays(date);
    if (day < 0) return undefined;
    const r = this.findActive(a, b, day, bound);
    return r < 0 ? undefined : this.row(r);
  }

  /**
   * Every row for the ordered pair, active or not (history, indicator 9 rows included).
   *
   * @example
   * ```ts
   * table.history('29000', '29020').map((e) => [e.effectiveDate, e.deletionDate, e.modifierIndicator])
   * ```
   */
  history(column1: unknown, column2: unknown): readonly PtpEdit[] {
    const a = encodeProcedureCode(typeof column1 === 'string' ? column1.toUpperCase() : column1);
    const b = encodeProcedureCode(typeof column2 === 'string' ? column2.toUpperCase() : column2);
    if (a < 0 || b < 0) return [];
    const [start, end] = this.rowsOfColumn1(a);
    const out: PtpEdit[] = [];
    for (let r = start; r < end; r++) if (this.col2[r] === b) out.push(this.row(r));
    return Object.freeze(out);
  }

  /**
   * Serializes the table as a deterministic PTP pack (`ncci/ptp`).
   *
   * @example
   * ```ts
   * writeFileSync('ptp-practitioner-2026q3.pack', table.toPack())
   * ```
   */
  toPack(): Uint8Array {
    return new PackWriter('ncci/ptp', this.edition.id)
      .json('meta', {
        kind: this.kind,
        version: this.version,
        edition: this.edition,
        rationales: this.rationales,
        sourceFiles: this.sourceFiles,
      })
      .u32('col1', this.col1)
      .u32('col1Start', this.col1Start)
      .u32('col2', this.col2)
      .typed('effective', 'u16', this.eff)
      .typed('deletion', 'u16', this.del)
      .typed('flags', 'u8', this.flags)
      .typed('rationale', 'u8', this.rat)
      .toBuffer();
  }

  /**
   * Opens a PTP pack (a file path or its bytes). Verifies every section's checksum; throws
   * `PackError` on a damaged pack.
   *
   * @example
   * ```ts
   * const table = PtpTable.fromPack('ptp-practitioner-2026q3.pack')
   * ```
   */
  static fromPack(source: string | Uint8Array): PtpTable {
    if (typeof source !== 'string' && !(source instanceof Uint8Array))
      throw invalidArgument(
        'PtpTable.fromPack',
        'source',
        'a pack file path or its bytes (Uint8Array)',
        source,
      );
    const reader =
      typeof source === 'string'
        ? PackReader.fromFile(source, 'ncci/ptp')
        : PackReader.fromBuffer(source, '<buffer>', 'ncci/ptp');
    const meta = reader.json<{
      kind: PtpTableKind;
      version: string;
      edition: Edition;
      rationales: string[];
      sourceFiles: string[];
    }>('meta');
    // The metadata and arrays are read as the importer wrote them: anything else is the pack's
    // inconsistency. A pack's bytes match its digests, but one written by other code, or re-signed,
    // could hold rows out of order, which the binary searches would answer silently wrong.
    if (
      typeof meta !== 'object' ||
      meta === null ||
      (meta.kind !== 'practitioner' && meta.kind !== 'hospital') ||
      typeof meta.version !== 'string' ||
      !isTextList(meta.rationales) ||
      meta.rationales.length > 256 ||
      !isTextList(meta.sourceFiles)
    )
      throw new PackError(
        'inconsistent',
        reader.file,
        'its metadata has no table kind, version, rationales and source files',
      );
    editionInPack(meta.edition, reader.file);
    const rows = ptpRowsInPack(
      {
        col1: reader.u32('col1'),
        col1Start: reader.u32('col1Start'),
        col2: reader.u32('col2'),
        eff: reader.typed('effective', 'u16'),
        del: reader.typed('deletion', 'u16'),
        flags: reader.typed('flags', 'u8'),
        rat: reader.typed('rationale', 'u8'),
      },
      meta.rationales.length,
      reader.file,
    );
    return new PtpTable(
      meta.kind,
      meta.version,
      Object.freeze(meta.edition),
      rows.col1,
      rows.col1Start,
      rows.col2,
      rows.eff,
      rows.del,
      rows.flags,
      rows.rat,
      Object.freeze([...meta.rationales]),
      Object.freeze([...meta.sourceFiles]),
    );
  }
}

/** The arrays of a PTP pack, one entry per column-1 code (`col1`, `col1Start`) or per row. */
interface PtpRows {
  readonly col1: Uint32Array;
  readonly col1Start: Uint32Array;
  readonly col2: Uint32Array;
  readonly eff: Uint16Array;
  readonly del: Uint16Array;
  readonly flags: Uint8Array;
  readonly rat: Uint8Array;
}

/** The flag bits a row can carry: the modifier indicator (0, 1, or 2 for 9) and the 1996 mark. */
const ROW_FLAGS = IND_MASK | PRIOR_1996;

/**
 * The rows of a PTP pack as the importer writes them, or a `PackError` (`inconsistent`) naming what
 * is not: column-1 codes ascending, each with a row range that starts where the previous ended and
 * together cover every row; within a range, column-2 codes ascending (the lookups search them);
 * every code a procedure code number, every modifier indicator 0, 1 or 9, every rationale one of the
 * table's. One pass over each array: a practitioner quarter of 2.5M rows checks in a few ms.
 */
function ptpRowsInPack(rows: PtpRows, rationales: number, file: string): PtpRows {
  const { col1, col1Start, col2 } = rows;
  const n = col2.length;
  const inconsistent = (what: string) => new PackError('inconsistent', file, what);
  if (col1Start.length !== col1.length + 1 || col1Start[0] !== 0 || col1Start[col1.length] !== n)
    throw inconsistent('its column-1 row ranges do not cover its rows');
  checkRowCounts(file, n, {
    effective: rows.eff,
    deletion: rows.del,
    flags: rows.flags,
    rationale: rows.rat,
  });
  for (let i = 0; i < col1.length; i++) {
    if (col1[i]! >= CODE_NUMBERS || (i > 0 && col1[i]! <= col1[i - 1]!))
      throw inconsistent(`its column-1 codes are not ascending procedure codes (at ${i})`);
    const start = col1Start[i]!;
    const end = col1Start[i + 1]!;
    if (end <= start || end > n)
      throw inconsistent(`the row range of column-1 code ${i} is empty or overlaps`);
    for (let r = start; r < end; r++)
      if (col2[r]! >= CODE_NUMBERS || (r > start && col2[r]! < col2[r - 1]!))
        throw inconsistent(`its column-2 codes are not ascending procedure codes (at row ${r})`);
  }
  const { flags, rat } = rows;
  for (let r = 0; r < n; r++)
    if ((flags[r]! & ~ROW_FLAGS) !== 0 || (flags[r]! & IND_MASK) === IND_MASK || rat[r]! >= rationales)
      throw inconsistent(`row ${r} has a modifier indicator or rationale the table does not have`);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Import

/** A file to import: a path, or a name with its bytes (zip or plain text). */
export type PtpImportInput = string | { readonly name: string; readonly bytes: Uint8Array };

/** Progress reported while importing. */
export interface PtpImportProgress {
  readonly phase: 'read' | 'parse' | 'sort' | 'done';
  /** The file (or zip member) being processed. */
  readonly file: string;
  /** Data rows read so far, over all files. */
  readonly rows: number;
  /** Bytes of text parsed so far in the current file, and its size. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** Options of {@link importPtp}. */
export interface PtpImportOptions {
  /** Called during the import (about every 100,000 rows and at each phase). */
  readonly onProgress?: (progress: PtpImportProgress) => void;
  /** Table kind when the file names do not say (`ccipra` = practitioner, `ccioph` = hospital). */
  readonly table?: PtpTableKind;
  /** First day of the quarter the files are for, when the names do not say (`v322` = 2026 Q3). */
  readonly effectiveFrom?: IsoDate;
}

interface TextMember {
  readonly name: string;
  readonly text: string;
}

const latin1 = new TextDecoder('latin1');

/** The last segment of a file path (either separator). */
function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Reads a file on Node; elsewhere a file must be given as `{ name, bytes }`. */
function readFileBytes(path: string): Uint8Array {
  const fs = nodeBuiltin<{ readFileSync(p: string): Uint8Array }>('node:fs');
  if (!fs) throw new TypeError(`cannot read ${path}: no file system here; pass { name, bytes }`);
  return fs.readFileSync(path);
}

/** A file path, or a `{ name, bytes }` pair as {@link PtpImportInput} describes it. */
function isPtpImportInput(input: unknown): input is PtpImportInput {
  if (typeof input === 'string') return true;
  if (input === null || typeof input !== 'object') return false;
  const { name, bytes } = input as { name?: unknown; bytes?: unknown };
  return typeof name === 'string' && bytes instanceof Uint8Array;
}

/** The zip reader, loaded by the first import: validation loads PTP tables, never zips. */
type ZipReader = typeof import('../core/official-zip').unzipOfficialFile;

function membersOf(input: PtpImportInput, unzipOfficialFile: ZipReader): TextMember[] {
  const name = typeof input === 'string' ? basename(input) : input.name;
  const bytes = typeof input === 'string' ? readFileBytes(input) : input.bytes;
  const isZip =
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) return [{ name, text: latin1.decode(bytes) }];
  const files = unzipOfficialFile(
    bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
    name,
    (member) => /\.txt$/i.test(member),
  );
  const out: TextMember[] = [];
  // CMS zips hold the edit text plus (sometimes) a readme; the header check below rejects non-tables.
  for (const member of Object.keys(files).sort())
    out.push({ name: `${name}:${member}`, text: latin1.decode(files[member]!) });
  if (out.length === 0) throw new SourceFormatError(name, undefined, 'the zip holds no .txt PTP table');
  return out;
}

/** `ccipra-v322r0-f1.TXT` → practitioner, 2026-07-01. Version v{YY}{Q-1}: v32.x = 2026 (v1 = 1995). */
function fromName(name: string): { kind?: PtpTableKind; version?: string; effectiveFrom?: IsoDate } {
  const base = name.split(/[\\/:]/).pop() ?? name;
  const kind: PtpTableKind | undefined = /ccipra/i.test(base)
    ? 'practitioner'
    : /ccioph/i.test(base)
      ? 'hospital'
      : undefined;
  const m = /v(\d{2})(\d)r(\d)/i.exec(base);
  if (!m) return kind ? { kind } : {};
  const year = 1994 + Number(m[1]);
  const quarter = Number(m[2]);
  if (quarter > 3) return kind ? { kind } : {};
  const from = `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  return { ...(kind ? { kind } : {}), version: `${m[1]}.${m[2]}`, effectiveFrom: from };
}

const CODE_RE = /^[0-9A-Za-z]{5}$/;

class Growable {
  col1 = new Uint32Array(1 << 16);
  col2 = new Uint32Array(1 << 16);
  eff = new Uint16Array(1 << 16);
  del = new Uint16Array(1 << 16);
  flags = new Uint8Array(1 << 16);
  rat = new Uint8Array(1 << 16);
  n = 0;
  push(c1: number, c2: number, e: number, d: number, f: number, r: number): void {
    if (this.n === this.col1.length) this.#grow();
    const i = this.n++;
    this.col1[i] = c1;
    this.col2[i] = c2;
    this.eff[i] = e;
    this.del[i] = d;
    this.flags[i] = f;
    this.rat[i] = r;
  }
  #grow(): void {
    const size = this.col1.length * 2;
    const g = <T extends Uint32Array | Uint16Array | Uint8Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(size);
      b.set(a);
      return b;
    };
    this.col1 = g(this.col1, Uint32Array);
    this.col2 = g(this.col2, Uint32Array);
    this.eff = g(this.eff, Uint16Array);
    this.del = g(this.del, Uint16Array);
    this.flags = g(this.flags, Uint8Array);
    this.rat = g(this.rat, Uint8Array);
  }
}

/**
 * Parses one PTP text file into `rows`. The header block is found by content (in the CMS files
 * the column titles are spread over several physical rows, after a copyright row and a title row),
 * never by line number. A modifier indicator outside {0, 1, 9}, or a malformed date, fails loudly
 * with the line number.
 */
function parseText(
  member: TextMember,
  rows: Growable,
  rationaleIndex: Map<string, number>,
  rationales: string[],
  report: (done: number) => void,
): void {
  const text = member.text;
  let pos = 0;
  let line = 0;
  let headerText = '';
  let sawHeader = false;
  const len = text.length;
  while (pos < len) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const raw = text.slice(pos, end);
    pos = nl + 1;
    line++;
    if (raw.length === 0) continue;
    const cells = raw.split('\t');
    const c1 = cells[0] ?? '';
    if (!sawHeader) {
      if (!(CODE_RE.test(c1) && CODE_RE.test(cells[1] ?? '') && /^\d{8}$/.test(cells[3] ?? ''))) {
        headerText += ` ${raw.replace(/\t/g, ' ')}`;
        continue;
      }
      const h = headerText.replace(/\s+/g, ' ').toLowerCase();
      if (
        !(h.includes('column') && h.includes('effective') && h.includes('deletion') && h.includes('modifier'))
      ) {
        throw new SourceFormatError(
          member.name,
          line,
          'no PTP header block (Column 1, Column 2, Effective Date, Deletion Date, Modifier) before the first edit row',
        );
      }
      sawHeader = true;
    }
    if (cells.length < 6)
      throw new SourceFormatError(
        member.name,
        line,
        `expected at least 6 tab-separated columns, found ${cells.length}`,
      );
    const code2 = cells[1]!;
    if (!CODE_RE.test(c1) || !CODE_RE.test(code2))
      throw new SourceFormatError(member.name, line, `column 1/column 2 must be 5-character codes`);
    const e = yyyymmddToDays(cells[3]!.trim());
    if (e < 0) throw new SourceFormatError(member.name, line, `effective date "${cells[3]}" is not YYYYMMDD`);
    const delText = cells[4]!.trim();
    let d = NO_DELETION;
    if (delText !== '' && delText !== '*') {
      d = yyyymmddToDays(delText);
      if (d < 0)
        throw new SourceFormatError(
          member.name,
          line,
          `deletion date "${delText}" is not YYYYMMDD, "*" or blank`,
        );
    }
    const ind = cells[5]!.trim();
    if (ind !== '0' && ind !== '1' && ind !== '9') {
      throw new SourceFormatError(member.name, line, `modifier indicator "${ind}" is not 0, 1 or 9`);
    }
    const rationale = (cells[6] ?? '').trim();
    let ri = rationaleIndex.get(rationale);
    if (ri === undefined) {
      ri = rationales.length;
      if (ri > 255) throw new SourceFormatError(member.name, line, `more than 256 distinct rationales`);
      rationales.push(rationale);
      rationaleIndex.set(rationale, ri);
    }
    const prior = cells[2]!.trim() === '*' ? PRIOR_1996 : 0;
    rows.push(
      encodeProcedureCode(c1.toUpperCase()),
      encodeProcedureCode(code2.toUpperCase()),
      e,
      d,
      indicatorToBits(Number(ind) as PtpModifierIndicator) | prior,
      ri,
    );
    if ((rows.n & 0x1ffff) === 0) report(pos);
  }
  if (!sawHeader) throw new SourceFormatError(member.name, undefined, 'no PTP edit rows found');
}

function buildTable(
  kind: PtpTableKind,
  version: string,
  from: IsoDate,
  rows: Growable,
  rationales: string[],
  files: string[],
): PtpTable {
  const n = rows.n;
  // Order rows by (column 1, column 2, effective date). CMS files are already nearly in that order,
  // so check first and only sort an index when needed.
  const key = (i: number) => rows.col1[i]! * 67108864 + rows.col2[i]!; // < 2^52, exact in a double
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    const a = key(i - 1);
    const b = key(i);
    if (a > b || (a === b && rows.eff[i - 1]! > rows.eff[i]!)) sorted = false;
  }
  let order: Uint32Array | undefined;
  if (!sorted) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = key(i);
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => keys[a]! - keys[b]! || rows.eff[a]! - rows.eff[b]! || a - b);
  }
  const col2 = new Uint32Array(n);
  const eff = new Uint16Array(n);
  const del = new Uint16Array(n);
  const flags = new Uint8Array(n);
  const rat = new Uint8Array(n);
  const col1List: number[] = [];
  const starts: number[] = [];
  let prev = -1;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const c1 = rows.col1[i]!;
    if (c1 !== prev) {
      col1List.push(c1);
      starts.push(k);
      prev = c1;
    }
    col2[k] = rows.col2[i]!;
    eff[k] = rows.eff[i]!;
    del[k] = rows.del[i]!;
    flags[k] = rows.flags[i]!;
    rat[k] = rows.rat[i]!;
  }
  starts.push(n);
  return new PtpTable(
    kind,
    version,
    quarterEdition(kind, from),
    Uint32Array.from(col1List),
    Uint32Array.from(starts),
    col2,
    eff,
    del,
    flags,
    rat,
    Object.freeze([...rationales]),
    Object.freeze([...files]),
  );
}

/**
 * Imports official CMS NCCI PTP files — the zips as downloaded (`ccipra-v322r0-f1.zip` …) or the
 * tab-delimited text inside them — into {@link PtpTable}s, one per table kind and quarterly version.
 * The parts of one table (`-f1` … `-f4`, split by code range) are merged. Write each table with
 * `table.toPack()` and load it later with `PtpTable.fromPack`.
 *
 * Throws `SourceFormatError` on a file that is not a PTP table, a modifier indicator outside
 * {0, 1, 9} or a malformed date (with the file and line), and when the table kind or quarter can be
 * read neither from the file name nor from the options.
 *
 * @example
 * ```ts
 * const [table] = await importPtp(['ccipra-v322r0-f1.zip', 'ccipra-v322r0-f2.zip'], {
 *   onProgress: (p) => process.stderr.write(`\r${p.phase} ${p.file} ${p.rows} rows`),
 * })
 * writeFileSync('ptp-practitioner-2026q3.pack', table.toPack())
 * ```
 */
export async function importPtp(
  inputs: readonly PtpImportInput[],
  options: PtpImportOptions = {},
): Promise<readonly PtpTable[]> {
  if (typeof inputs === 'string' || !isIterable(inputs))
    throw invalidArgument('importPtp', 'inputs', 'an array of file paths or { name, bytes } objects', inputs);
  if (options === null || typeof options !== 'object')
    throw invalidArgument('importPtp', 'options', 'an options object', options);
  const groups = new Map<
    string,
    {
      kind: PtpTableKind;
      version: string;
      from: IsoDate;
      rows: Growable;
      rationales: string[];
      index: Map<string, number>;
      files: string[];
    }
  >();
  let total = 0;
  const progress = options.onProgress;
  const { unzipOfficialFile } = await import('../core/official-zip');
  for (const input of inputs) {
    if (!isPtpImportInput(input))
      throw invalidArgument(
        'importPtp',
        'inputs',
        'file paths or { name: string, bytes: Uint8Array } objects',
        input,
      );
    const label = typeof input === 'string' ? basename(input) : input.name;
    progress?.({ phase: 'read', file: label, rows: total, bytesDone: 0, bytesTotal: 0 });
    for (const member of membersOf(input, unzipOfficialFile)) {
      const named = { ...fromName(label), ...fromName(member.name) };
      const kind = options.table ?? named.kind;
      const from = options.effectiveFrom ?? named.effectiveFrom;
      if (!kind)
        throw new SourceFormatError(
          member.name,
          undefined,
          `cannot tell practitioner (ccipra) from hospital (ccioph); pass { table }`,
        );
      if (!from)
        throw new SourceFormatError(
          member.name,
          undefined,
          `cannot read the quarter from the name (e.g. v322 = 2026 Q3); pass { effectiveFrom }`,
        );
      const version = named.version ?? from.slice(0, 7);
      const key = `${kind}|${from}`;
      let g = groups.get(key);
      if (!g) {
        g = { kind, version, from, rows: new Growable(), rationales: [], index: new Map(), files: [] };
        groups.set(key, g);
      }
      g.files.push(member.name);
      const before = g.rows.n;
      const group = g;
      parseText(member, g.rows, g.index, g.rationales, (done) =>
        progress?.({
          phase: 'parse',
          file: member.name,
          rows: total + group.rows.n - before,
          bytesDone: done,
          bytesTotal: member.text.length,
        }),
      );
      total += g.rows.n - before;
      progress?.({
        phase: 'parse',
        file: member.name,
        rows: total,
        bytesDone: member.text.length,
        bytesTotal: member.text.length,
      });
      // Let a progress bar repaint between files.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  const tables: PtpTable[] = [];
  for (const g of [...groups.values()].sort((a, b) => (a.kind + a.from < b.kind + b.from ? -1 : 1))) {
    progress?.({ phase: 'sort', file: g.files.join(', '), rows: total, bytesDone: 0, bytesTotal: 0 });
    tables.push(buildTable(g.kind, g.version, g.from, g.rows, g.rationales, g.files));
  }
  progress?.({ phase: 'done', file: '', rows: total, bytesDone: 0, bytesTotal: 0 });
  return Object.freeze(tables);
}

/** How to pick the quarterly table for a date of service (docs/ncci.md explains the choice). */
export type PtpVersionPolicy = 'dos-quarter' | 'latest';

/**
 * Picks the table of `kind` for a date: by default the one whose quarter contains the date
 * (docs/ncci.md), or the newest loaded one with `latest`. `undefined` when none fits.
 *
 * @example
 * ```ts
 * selectPtpTable(tables, 'practitioner', '2026-08-01')?.edition.id // 'practitioner-2026q3'
 * ```
 */
export function selectPtpTable(
  tables: readonly PtpTable[],
  kind: PtpTableKind,
  date: IsoDate,
  policy: PtpVersionPolicy = 'dos-quarter',
): PtpTable | undefined {
  if (typeof tables === 'string' || !isIterable(tables))
    throw invalidArgument('selectPtpTable', 'tables', 'an array of PtpTable', tables);
  let best: PtpTable | undefined;
  for (const t of tables) {
    if (!(t instanceof PtpTable))
      throw invalidArgument('selectPtpTable', 'tables', 'an array of PtpTable', t);
    if (t.kind !== kind) continue;
    if (policy === 'latest') {
      if (!best || t.edition.effectiveFrom > best.edition.effectiveFrom) best = t;
    } else if (
      t.edition.effectiveFrom <= date &&
      (t.edition.effectiveTo === null || date <= t.edition.effectiveTo)
    ) {
      return t;
    }
  }
  return best;
}

/**
 * Every NCCI PTP table a pack source holds (`ncci-ptp/<edition>/ptp.pack`, as `importCodeSets` and
 * `medcode data import` write them), each checked against its manifest before it is read (a
 * damaged or swapped pack is a `PackError`); a folder path is read as that folder. No PTP table ships with medcode: the CMS files are
 * over a hundred megabytes a quarter, so users import the quarters they need.
 *
 * @example
 * ```ts
 * loadPtpTables(folderSource('/data/imported')).map((t) => t.edition.id) // ['practitioner-2026q4']
 * ```
 */
export function loadPtpTables(packs: PackSourceInput): PtpTable[] {
  // No built-in PTP table ships: the source is required.
  if (packs === undefined) throw invalidArgument('loadPtpTables', 'packs', PACK_SOURCE_INPUT, packs);
  checkPackSourceInput('loadPtpTables', 'packs', packs);
  const source = toPackSource(packs);
  return systemManifests(source, 'ncci-ptp').map((m) =>
    PtpTable.fromPack(verifiedPackBytes(source, 'ncci-ptp', m.edition.id, 'ptp.pack')),
  );
}
