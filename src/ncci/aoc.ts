/**
 * NCCI add-on code (AOC) edits: the CMS quarterly AOC table (`AOC_V<year>Q<n>-MCR.xlsx`), its
 * compact pack, and lookup of an add-on code's edit type, primary codes (with their dates) and
 * special instructions.
 *
 * An add-on code is paid only when one of its primary codes is billed by the same practitioner for
 * the same beneficiary on the same date of service (CMS NCCI Policy Manual for Medicare Services,
 * chapter I, section R, "Add-on Codes"; CMS "Medicare NCCI Add-on Code Edits" page). The table's edit type
 * says how far CMS lists those primaries:
 * - type 1: only the listed primary codes are eligible;
 * - type 2: CMS lists no primaries (`CCCCC`): each contractor defines them;
 * - type 3: some primaries are listed; a contractor may accept others.
 *
 * Dates in the file are Julian `YYYYDDD` (2013091 = 2013-04-01); they are kept here as ISO dates.
 *
 * @module
 */
import { invalidArgument, checkOptionsArgument } from '../core/arguments';
import { checkedIndex } from './row-index';
import { yyyymmddToDays } from './codes';
import { checkRowCounts, everyRowIn, isCodeList } from './pack-rows';
import type { IsoDate } from '../core/dates';
import type { Edition } from '../core/edition';
import { PackError, SourceFormatError } from '../core/errors';
import { PackReader, PackWriter, editionInPack, isTextList } from '../core/pack';
import { packSourceOption, defaultPackSource, openPack, toPackSource } from '../core/pack-source';
import type { PackSourceInput } from '../core/pack-source';

/** AOC edit type: 1 only the listed primaries; 2 contractor-defined primaries; 3 listed primaries and others a contractor accepts. */
export type AocEditType = 1 | 2 | 3;

/** What each AOC edit type means (CMS "Medicare NCCI Add-on Code Edits" page, edit types). */
export const AOC_EDIT_TYPES: Readonly<Record<AocEditType, string>> = Object.freeze({
  1: 'only the listed primary codes are eligible primaries',
  2: 'CMS lists no primary codes: each contractor defines the eligible primaries',
  3: 'some primary codes are listed; a contractor may accept other primaries',
});

/** The `Primary_Code` value that stands for "primaries defined by the contractor". */
export const CONTRACTOR_DEFINED_PRIMARY = 'CCCCC';

/** One primary code of an add-on code (one row of the AOC table). Frozen. */
export interface AocPrimary {
  /** The primary code, or `CCCCC` (contractor-defined primaries). */
  readonly code: string;
  /** `true` for `CCCCC`: the contractor, not CMS, says which codes are primaries. */
  readonly contractorDefined: boolean;
  readonly editType: AocEditType;
  /** Last day the add-on code is valid (`AOC_DelDT` of the row), or `null`. */
  readonly addOnDeletionDate: IsoDate | null;
  /** Last day the primary code is valid (`Primary_Code_DelDT`), or `null`. */
  readonly primaryDeletionDate: IsoDate | null;
  /** First day the edit applies (`AOC_Edit_EffDT`). */
  readonly effectiveDate: IsoDate;
  /** Last day the edit applies (`AOC_Edit_DelDT`), or `null`. */
  readonly deletionDate: IsoDate | null;
  /** `Special_Instruction_Notes` of the row, as published ('' when blank). */
  readonly specialInstruction: string;
}

/** The edits of one add-on code. Frozen. */
export interface AocEntry {
  readonly addOnCode: string;
  /**
   * The edit type of the code's latest rows (the rows with the latest effective date). The table
   * keeps history: a code's type may change (20701: type 1 through 2022, type 3 from 2023), so a
   * date of service's type is that of {@link AocTable.editsOn}'s rows.
   */
  readonly editType: AocEditType;
  readonly editTypeMeaning: string;
  /** Last day the add-on code itself is valid (`AOC_DelDT` of its latest rows), or `null`. */
  readonly addOnDeletionDate: IsoDate | null;
  /** Every row of the code (all periods), by primary code, then effective date. */
  readonly primaries: readonly AocPrimary[];
  /** The distinct special instruction notes of its rows. */
  readonly specialInstructions: readonly string[];
}

/** `YYYYMMDD` as a number (0 = none), for cheap comparisons in the pack. */
function isoToNumber(iso: IsoDate | null): number {
  return iso === null ? 0 : Number(iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10));
}

/** Whether a number is a calendar day written `YYYYMMDD`, as the pack stores dates. */
function isDayNumber(n: number): boolean {
  return yyyymmddToDays(String(n)) >= 0;
}

/** {@link isDayNumber}, or 0: the pack's "no date" (not deleted). */
function isDayNumberOrNone(n: number): boolean {
  return n === 0 || isDayNumber(n);
}

function numberToIso(n: number): IsoDate | null {
  if (n === 0) return null;
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * An ISO date as the number `YYYYMMDD`, the form the AOC pack compares dates in.
 *
 * @example
 * ```ts
 * isoDayNumber('2026-05-01') // 20260501
 * ```
 */
export function isoDayNumber(iso: IsoDate): number {
  return isoToNumber(iso);
}

/**
 * A Julian date as CMS writes it in the AOC table (`YYYYDDD`: year and day of the year) as an ISO
 * date, or `undefined` when it is not one.
 *
 * @example
 * ```ts
 * julianToIso('2013091') // '2013-04-01'
 * julianToIso('2016366') // '2016-12-31'
 * ```
 */
export function julianToIso(text: string): IsoDate | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})(\d{3})$/.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const day = Number(m[2]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day < 1 || day > (leap ? 366 : 365)) return undefined;
  return new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
}

/**
 * One AOC table (one quarter). Rows are kept sorted by add-on code, then primary code; lookups go
 * through a `Map` built on first use.
 *
 * @example
 * ```ts
 * const aoc = loadAocTable()
 * aoc.get('0072U')?.primaries.map((p) => p.code) // ['0070U']
 * ```
 */
export class AocTable {
  #index: Map<string, readonly [number, number]> | undefined;

  /** @internal */
  constructor(
    readonly edition: Edition,
    /** CMS's AMA copyright notice, kept verbatim from the file. */
    readonly notice: string,
    private readonly addOns: string,
    private readonly primaries: string,
    private readonly types: Uint8Array,
    private readonly addOnDeleted: Uint32Array,
    private readonly primaryDeleted: Uint32Array,
    private readonly effective: Uint32Array,
    private readonly deleted: Uint32Array,
    private readonly noteIndex: Uint8Array,
    readonly notes: readonly string[],
  ) {}

  /**
   * Number of rows (add-on code and primary code pairs).
   *
   * @example
   * ```ts
   * loadAocTable().size // 9000 in the 2026 Q2 table
   * ```
   */
  get size(): number {
    return this.types.length;
  }

  /**
   * Label for issues, e.g. `AOC 2026 Q2`.
   *
   * @example
   * ```ts
   * loadAocTable().dataVersion // 'NCCI AOC 2026-04-01'
   * ```
   */
  get dataVersion(): string {
    return `NCCI AOC ${this.edition.effectiveFrom}`;
  }

  #map(): Map<string, readonly [number, number]> {
    if (!this.#index) {
      const m = new Map<string, readonly [number, number]>();
      let start = 0;
      for (let i = 1; i <= this.types.length; i++) {
        const code = this.addOns.slice(start * 5, start * 5 + 5);
        if (i === this.types.length || this.addOns.slice(i * 5, i * 5 + 5) !== code) {
          m.set(code, [start, i]);
          start = i;
        }
      }
      this.#index = m;
    }
    return this.#index;
  }

  #row(i: number): AocPrimary {
    const code = this.primaries.slice(i * 5, i * 5 + 5);
    return Object.freeze({
      code,
      contractorDefined: code === CONTRACTOR_DEFINED_PRIMARY,
      editType: this.types[i]! as AocEditType,
      addOnDeletionDate: numberToIso(this.addOnDeleted[i]!),
      primaryDeletionDate: numberToIso(this.primaryDeleted[i]!),
      effectiveDate: numberToIso(this.effective[i]!)!,
      deletionDate: numberToIso(this.deleted[i]!),
      specialInstruction: this.notes[this.noteIndex[i]!] ?? '',
    });
  }

  /**
   * Every add-on code of the table, in code order.
   *
   * @example
   * ```ts
   * loadAocTable().addOnCodes().length // 830 in the 2026 Q2 table
   * ```
   */
  addOnCodes(): readonly string[] {
    return [...this.#map().keys()];
  }

  /**
   * The edits of an add-on code (all its rows, whatever their dates), or `undefined` when the
   * table has none (not an add-on code, or not a code). Never throws.
   *
   * @example
   * ```ts
   * aoc.get('0054T')?.editType // 2 (contractor-defined primaries)
   * ```
   */
  get(code: unknown): AocEntry | undefined {
    if (typeof code !== 'string') return undefined;
    const range = this.#map().get(code.trim().toUpperCase());
    if (!range) return undefined;
    const rows: AocPrimary[] = [];
    for (let i = range[0]; i < range[1]; i++) rows.push(this.#row(i));
    const latest = rows.reduce((a, r) => (r.effectiveDate > a.effectiveDate ? r : a));
    const editType = latest.editType;
    return Object.freeze({
      addOnCode: this.addOns.slice(range[0] * 5, range[0] * 5 + 5),
      editType,
      editTypeMeaning: AOC_EDIT_TYPES[editType],
      addOnDeletionDate: latest.addOnDeletionDate,
      primaries: Object.freeze(rows),
      specialInstructions: Object.freeze([
        ...new Set(rows.map((r) => r.specialInstruction).filter((s) => s !== '')),
      ]),
    });
  }

  /**
   * The rows of an add-on code whose edit is in force on a date of service (effective on or
   * before it, not deleted before it), or `undefined` when no edit of the code is in force then
   * (the add-on code itself deleted, the edit not yet effective, or not an add-on code).
   *
   * @example
   * ```ts
   * aoc.editsOn('0072U', '2026-05-01')?.map((p) => p.code) // ['0070U']
   * ```
   */
  editsOn(code: unknown, date: IsoDate): readonly AocPrimary[] | undefined {
    if (typeof code !== 'string') return undefined;
    const range = this.#map().get(code.trim().toUpperCase());
    if (!range) return undefined;
    const day = isoToNumber(date);
    const rows: AocPrimary[] = [];
    for (let i = range[0]; i < range[1]; i++) {
      const deleted = this.deleted[i]!;
      const addOnDeleted = this.addOnDeleted[i]!;
      if (
        this.effective[i]! <= day &&
        (deleted === 0 || day <= deleted) &&
        (addOnDeleted === 0 || day <= addOnDeleted)
      )
        rows.push(this.#row(i));
    }
    return rows.length > 0 ? rows : undefined;
  }

  /**
   * @internal The rows `[start, end)` of an add-on code already in upper case without spaces, or
   * `undefined`: for the rule's per-line loop, which reads {@link inForceAt} and {@link primaryAt}.
   *
   * @example
   * ```ts
   * const range = aoc.rangeOf('99292') // [start, end)
   * ```
   */
  rangeOf(code: string): readonly [number, number] | undefined {
    return this.#map().get(code);
  }
  /**
   * @internal Whether row `i`'s edit is in force on a day given as `YYYYMMDD` ({@link isoDayNumber}).
   *
   * @example
   * ```ts
   * aoc.inForceAt(aoc.rangeOf('99292')![0], isoDayNumber('2026-05-01')) // true
   * ```
   */
  inForceAt(i: number, day: number): boolean {
    checkedIndex(i, this.types.length, 'AocTable.inForceAt', 'i');
    const deleted = this.deleted[i]!;
    const addOnDeleted = this.addOnDeleted[i]!;
    return (
      this.effective[i]! <= day &&
      (deleted === 0 || day <= deleted) &&
      (addOnDeleted === 0 || day <= addOnDeleted)
    );
  }
  /**
   * @internal The primary code of row `i` (`CCCCC` for contractor-defined primaries).
   *
   * @example
   * ```ts
   * aoc.primaryAt(aoc.rangeOf('99292')![0]) // '99291'
   * ```
   */
  primaryAt(i: number): string {
    const r = checkedIndex(i, this.types.length, 'AocTable.primaryAt', 'i');
    return this.primaries.slice(r * 5, r * 5 + 5);
  }
  /**
   * @internal Whether the primary code of row `i` is itself valid on the day (`Primary_Code_DelDT`).
   *
   * @example
   * ```ts
   * aoc.primaryValidAt(aoc.rangeOf('99292')![0], isoDayNumber('2026-05-01')) // true
   * ```
   */
  primaryValidAt(i: number, day: number): boolean {
    const d = this.primaryDeleted[checkedIndex(i, this.types.length, 'AocTable.primaryValidAt', 'i')]!;
    return d === 0 || day <= d;
  }

  /**
   * Serializes as a deterministic pack (`ncci/aoc`).
   *
   * @example
   * ```ts
   * writeFileSync('aoc.pack', aoc.toPack())
   * AocTable.fromPack('aoc.pack').size === aoc.size // true
   * ```
   */
  toPack(): Uint8Array {
    return new PackWriter('ncci/aoc', this.edition.id)
      .json('meta', { edition: this.edition, notes: this.notes, notice: this.notice })
      .utf8('addOns', this.addOns)
      .utf8('primaries', this.primaries)
      .typed('type', 'u8', this.types)
      .u32('addOnDeleted', this.addOnDeleted)
      .u32('primaryDeleted', this.primaryDeleted)
      .u32('effective', this.effective)
      .u32('deleted', this.deleted)
      .typed('note', 'u8', this.noteIndex)
      .toBuffer();
  }

  /**
   * Opens an AOC pack (path or bytes). Throws `PackError` when damaged.
   *
   * @example
   * ```ts
   * const aoc = AocTable.fromPack('codesets/ncci-aoc/2026q2/aoc.pack')
   * ```
   */
  static fromPack(source: string | Uint8Array | PackReader): AocTable {
    if (typeof source !== 'string' && !(source instanceof Uint8Array) && !(source instanceof PackReader))
      throw invalidArgument(
        'AocTable.fromPack',
        'source',
        'a pack file path or its bytes (Uint8Array)',
        source,
      );
    const reader =
      source instanceof PackReader
        ? source
        : typeof source === 'string'
          ? PackReader.fromFile(source, 'ncci/aoc')
          : PackReader.fromBuffer(source, '<buffer>', 'ncci/aoc');
    const meta = reader.json<{ edition: Edition; notes: string[]; notice: string }>('meta');
    // The metadata is read as the writer wrote it: anything else is the pack's inconsistency.
    if (
      typeof meta !== 'object' ||
      meta === null ||
      typeof meta.notice !== 'string' ||
      !isTextList(meta.notes)
    )
      throw new PackError('inconsistent', reader.file, 'its metadata has no notice and notes');
    editionInPack(meta.edition, reader.file);
    const addOns = reader.utf8('addOns');
    const primaries = reader.utf8('primaries');
    const types = reader.typed('type', 'u8');
    const addOnDeleted = reader.u32('addOnDeleted');
    const primaryDeleted = reader.u32('primaryDeleted');
    const effective = reader.u32('effective');
    const deleted = reader.u32('deleted');
    const notes = reader.typed('note', 'u8');
    const rows = types.length;
    checkRowCounts(reader.file, rows, { addOnDeleted, primaryDeleted, effective, deleted, note: notes });
    // An add-on code's rows are one run (lookups take the run), so add-on codes come in order.
    if (!isCodeList(addOns, rows, 'ascending') || !isCodeList(primaries, rows, 'any'))
      throw new PackError(
        'inconsistent',
        reader.file,
        'its add-on and primary codes are not one code per row, add-on codes in order',
      );
    if (!everyRowIn(types, [1, 2, 3]) || !everyRowIn(notes, meta.notes.length))
      throw new PackError(
        'inconsistent',
        reader.file,
        'a row has an edit type other than 1, 2 or 3, or a note the table does not have',
      );
    for (let i = 0; i < rows; i++)
      if (
        !isDayNumber(effective[i]!) ||
        !isDayNumberOrNone(deleted[i]!) ||
        !isDayNumberOrNone(addOnDeleted[i]!) ||
        !isDayNumberOrNone(primaryDeleted[i]!)
      )
        throw new PackError('inconsistent', reader.file, `row ${i} has a date that is not YYYYMMDD`);
    return new AocTable(
      Object.freeze(meta.edition),
      meta.notice,
      addOns,
      primaries,
      types,
      addOnDeleted,
      primaryDeleted,
      effective,
      deleted,
      notes,
      Object.freeze([...meta.notes]),
    );
  }
}

/** The column names of the AOC table's header row, in the order CMS publishes them. */
export const AOC_COLUMNS = [
  'AOC_Edit_Type',
  'Add-On_Code',
  'AOC_DelDT',
  'Primary_Code',
  'Primary_Code_DelDT',
  'AOC_Edit_EffDT',
  'AOC_Edit_DelDT',
  'Special_Instruction_Notes',
] as const;

/** Options of {@link parseAocRows}. */
export interface AocParseOptions {
  /** The file name, for errors and to read the quarter (`AOC_V2026Q2-MCR.xlsx`). */
  readonly fileName?: string;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

/**
 * Reads the AOC table from the rows of its worksheet (as `read-excel-file` gives them): the AMA
 * notice above a header row with the {@link AOC_COLUMNS}, then one row per add-on code and primary
 * code. The quarter comes from the file name (`AOC_V<year>Q<n>`). Throws `SourceFormatError` on
 * any other layout, an edit type outside 1–3, a code that is not 5 characters, a date that is not
 * Julian `YYYYDDD`, or a repeated add-on/primary pair.
 *
 * @example
 * ```ts
 * const [sheet] = await readXlsxFile(bytes)
 * parseAocRows(sheet.data, { fileName: 'AOC_V2026Q2-MCR.xlsx' }).size // 9000
 * ```
 */
export function parseAocRows(rows: readonly (readonly unknown[])[], options: AocParseOptions = {}): AocTable {
  if (!Array.isArray(rows))
    throw invalidArgument('parseAocRows', 'rows', 'the worksheet rows (an array of arrays)', rows);
  checkOptionsArgument('parseAocRows', options);
  const file = options.fileName ?? '<aoc table>';
  const base = file.split(/[\\/]/).pop() ?? file;
  const q = /AOC_V(\d{4})Q([1-4])/i.exec(base);
  if (!q)
    throw new SourceFormatError(
      file,
      undefined,
      'cannot read the quarter from the file name (AOC_V<year>Q<n>-MCR)',
    );
  const headerAt = rows.findIndex((r) => Array.isArray(r) && cellText(r[0]) === AOC_COLUMNS[0]);
  if (headerAt < 0)
    throw new SourceFormatError(file, undefined, `no AOC header row (${AOC_COLUMNS.join(', ')})`);
  const header = rows[headerAt]!;
  AOC_COLUMNS.forEach((name, k) => {
    if (cellText(header[k]) !== name)
      throw new SourceFormatError(
        file,
        headerAt + 1,
        `column ${k + 1} of the header is "${cellText(header[k])}", expected "${name}"`,
      );
  });
  const notice = rows
    .slice(0, headerAt)
    .map((r) =>
      r
        .map(cellText)
        .filter((c: string) => c !== '')
        .join(' '),
    )
    .join('\n')
    .replace(/\r/g, '')
    .trim();
  const date = (v: unknown, line: number, column: string, required: boolean): IsoDate | null => {
    const t = cellText(v);
    if (t === '') {
      if (required) throw new SourceFormatError(file, line, `${column} is empty`);
      return null;
    }
    const iso = julianToIso(t);
    if (!iso) throw new SourceFormatError(file, line, `${column} "${t}" is not a Julian date (YYYYDDD)`);
    return iso;
  };
  const code = (v: unknown, line: number, column: string): string => {
    const t = cellText(v).toUpperCase();
    if (!/^[0-9A-Z]{5}$/.test(t))
      throw new SourceFormatError(file, line, `${column} "${t}" is not a 5-character HCPCS/CPT code`);
    return t;
  };
  interface Row {
    type: AocEditType;
    addOn: string;
    addOnDel: IsoDate | null;
    primary: string;
    primaryDel: IsoDate | null;
    eff: IsoDate;
    del: IsoDate | null;
    note: string;
    line: number;
  }
  const data: Row[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.every((c: unknown) => cellText(c) === '')) continue;
    const line = i + 1;
    const type = Number(cellText(r[0]));
    if (type !== 1 && type !== 2 && type !== 3)
      throw new SourceFormatError(file, line, `AOC_Edit_Type "${cellText(r[0])}" is not 1, 2 or 3`);
    data.push({
      type,
      addOn: code(r[1], line, 'Add-On_Code'),
      addOnDel: date(r[2], line, 'AOC_DelDT', false),
      primary: code(r[3], line, 'Primary_Code'),
      primaryDel: date(r[4], line, 'Primary_Code_DelDT', false),
      eff: date(r[5], line, 'AOC_Edit_EffDT', true)!,
      del: date(r[6], line, 'AOC_Edit_DelDT', false),
      note: cellText(r[7]).replace(/\s+/g, ' '),
      line,
    });
  }
  if (data.length === 0) throw new SourceFormatError(file, headerAt + 2, 'the AOC table has no rows');
  // The table keeps history: one add-on/primary pair may have several rows, one per period.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  data.sort((a, b) => order(a.addOn, b.addOn) || order(a.primary, b.primary) || order(a.eff, b.eff));
  for (let i = 1; i < data.length; i++) {
    const a = data[i - 1]!;
    const b = data[i]!;
    if (a.addOn === b.addOn && a.primary === b.primary && a.eff === b.eff)
      throw new SourceFormatError(
        file,
        b.line,
        `add-on code ${b.addOn} with primary ${b.primary} effective ${b.eff} appears twice`,
      );
  }
  const notes = [...new Set(data.map((d) => d.note))].sort();
  const noteOf = new Map(notes.map((n, i) => [n, i]));
  const year = Number(q[1]);
  const quarter = Number(q[2]);
  const mm = (m: number) => String(m).padStart(2, '0');
  const edition: Edition = Object.freeze({
    id: `${year}q${quarter}`,
    name: `NCCI AOC ${year} Q${quarter}`,
    system: 'ncci-aoc',
    effectiveFrom: `${year}-${mm(quarter * 3 - 2)}-01`,
    effectiveTo: `${year}-${mm(quarter * 3)}-${new Date(Date.UTC(year, quarter * 3, 0)).getUTCDate()}`,
  });
  return new AocTable(
    edition,
    notice,
    data.map((d) => d.addOn).join(''),
    data.map((d) => d.primary).join(''),
    Uint8Array.from(data.map((d) => d.type)),
    Uint32Array.from(data.map((d) => isoToNumber(d.addOnDel))),
    Uint32Array.from(data.map((d) => isoToNumber(d.primaryDel))),
    Uint32Array.from(data.map((d) => isoToNumber(d.eff))),
    Uint32Array.from(data.map((d) => isoToNumber(d.del))),
    Uint8Array.from(data.map((d) => noteOf.get(d.note)!)),
    Object.freeze(notes),
  );
}

const builtInCache = new WeakMap<PackReader, AocTable>();

/** The AOC edition medcode ships. */
export const BUILT_IN_AOC_EDITION = '2026q2';

/**
 * Loads a built-in (or injected) AOC pack: `<codesetsDir>/ncci-aoc/<edition>/aoc.pack`. Lazily
 * cached per file. Default: the 2026 Q2 table (effective 2026-04-01).
 *
 * @example
 * ```ts
 * loadAocTable().get('0072U')?.editType // 1
 * ```
 */
export function loadAocTable(
  options: {
    readonly packs?: PackSourceInput;
    readonly codesetsDir?: string;
    readonly edition?: string;
  } = {},
): AocTable {
  checkOptionsArgument('loadAocTable', options);
  const input = packSourceOption('loadAocTable', options);
  const packs = input === undefined ? defaultPackSource() : toPackSource(input);
  const reader = openPack(packs, 'ncci-aoc', options.edition ?? BUILT_IN_AOC_EDITION, 'aoc.pack', 'ncci/aoc');
  let t = builtInCache.get(reader);
  if (!t) {
    t = AocTable.fromPack(reader);
    builtInCache.set(reader, t);
  }
  return t;
}
