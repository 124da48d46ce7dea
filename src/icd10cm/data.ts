/**
 * Run-time view of the ICD-10-CM code packs: a base edition (full table with a hash index) and
 * derived editions that store only their changed rows and share everything else with the base.
 *
 * Row ids ("universe" indices) are `0 .. base.size-1` for base rows and `base.size + j` for the
 * j-th row a derived edition adds; one edition is the list of ids in `order`.
 *
 * @module
 */
import type { PackReader } from '../core/pack';
import { openPack } from '../core/pack-source';
import type { PackSource } from '../core/pack-source';
import { PackError } from '../core/errors';
import type { AllowedValue } from '../core/issues';
import { RowCache } from '../core/memo';

/** Flag bits (same values as the builder's). */
export const F_BILLABLE = 1;
export const F_POA_EXEMPT = 2;
export const F_TABULAR = 4;
export const F_SECTION_DERIVED = 8;
/** Every flag a row can carry. */
const ROW_FLAGS = F_BILLABLE | F_POA_EXEMPT | F_TABULAR | F_SECTION_DERIVED;

/** Chapter and section metadata stored in each codes pack. */
export interface PackMeta {
  readonly base: string | null;
  readonly tabularVersion: string;
  readonly chapters: readonly {
    readonly id: string;
    readonly title: string;
    readonly first: string;
    readonly last: string;
  }[];
  readonly sections: readonly {
    readonly id: string;
    readonly title: string;
    readonly chapter: number;
    readonly first: string;
    readonly last: string;
  }[];
}

/**
 * A codes pack's metadata, refused as the pack's inconsistency when it is not of its shape: a pack
 * written by other code, or re-signed, passes the digests but must not reach a lookup as a
 * `TypeError`.
 */
function packMetaOf(pack: PackReader): PackMeta {
  const meta = pack.json<PackMeta>('meta') as unknown as Record<string, unknown> | null;
  const isText = (x: unknown) => typeof x === 'string';
  const isRange = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' &&
    x !== null &&
    ['id', 'title', 'first', 'last'].every((k) => isText((x as Record<string, unknown>)[k]));
  if (
    typeof meta !== 'object' ||
    meta === null ||
    (meta.base !== null && !isText(meta.base)) ||
    !isText(meta.tabularVersion) ||
    !Array.isArray(meta.chapters) ||
    !meta.chapters.every(isRange) ||
    !Array.isArray(meta.sections) ||
    !meta.sections.every(
      (x) =>
        isRange(x) &&
        Number.isInteger(x.chapter) &&
        (x.chapter as number) >= 0 &&
        (x.chapter as number) < (meta.chapters as unknown[]).length,
    )
  )
    throw new PackError(
      'inconsistent',
      pack.file,
      'its metadata has no base, tabular version, chapters and sections',
    );
  return meta as unknown as PackMeta;
}

/**
 * Whether a hash table of `slots` can hold `rows` by open addressing as the builder lays it out: a
 * power of two (a slot is the hash masked by `slots - 1`) with at least one slot left empty (where a
 * probe for a code not held ends).
 */
function isOpenAddressingTable(slots: number, rows: number): boolean {
  return slots > rows && (slots & (slots - 1)) === 0;
}

/** FNV-1a, identical to the builder's `hashCode`. */
function hashCode(code: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * `length` ASCII bytes from `at` as one string, made at once: a code is read for every candidate a
 * search ranks, and a string grown character by character makes a string per character.
 */
function asciiText(bytes: Uint8Array, at: number, length: number): string {
  switch (length) {
    case 3:
      return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!);
    case 4:
      return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    case 5:
      return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!, bytes[at + 4]!);
    case 6:
      return String.fromCharCode(
        bytes[at]!,
        bytes[at + 1]!,
        bytes[at + 2]!,
        bytes[at + 3]!,
        bytes[at + 4]!,
        bytes[at + 5]!,
      );
    case 7:
      return String.fromCharCode(
        bytes[at]!,
        bytes[at + 1]!,
        bytes[at + 2]!,
        bytes[at + 3]!,
        bytes[at + 4]!,
        bytes[at + 5]!,
        bytes[at + 6]!,
      );
    default: {
      let text = '';
      for (let k = at; k < at + length; k++) text += String.fromCharCode(bytes[k]!);
      return text;
    }
  }
}

/**
 * One block of rows as stored in a pack: fixed-width ASCII codes, flags, sections and structural
 * titles, all views on the pack file (no decoding at load; a title is decoded when an entry is built).
 *
 * A lookup reads a few bytes of each table, so the tables are views whose bytes are read in and
 * checked block by block as rows are first read (`#ready`, before every read of a row not read
 * before): a first `get` reads and checks a few dozen kilobytes of the 4.5 MB pack, not all of it.
 */
class Segment {
  readonly size: number;
  readonly #codes: Uint8Array;
  readonly #flags: Uint8Array;
  readonly #section: Uint16Array;
  readonly #titleRef: Uint16Array;
  readonly #titlePrefix: Uint8Array;
  readonly #titleSuffix: Uint16Array | Uint32Array;
  readonly #suffixes: Uint8Array;
  readonly #suffixOffsets: Uint32Array;
  readonly #hash: Uint32Array | undefined;
  readonly #pack: PackReader;
  /** Byte offsets of the tables in the pack, for the block checks. */
  readonly #at: Readonly<Record<SegmentTable, number>>;
  /** Bytes a title is assembled in before its one decode (grown on demand). */
  #scratch: Uint8Array = latin1Bytes(new Uint8Array(512));

  constructor(pack: PackReader) {
    this.#pack = pack;
    this.#codes = pack.view('codes', 'u8');
    this.size = this.#codes.length / 7;
    this.#flags = pack.view('flags', 'u8');
    this.#section = pack.view('section', 'u16');
    this.#titleRef = pack.view('titleRef', 'u16');
    this.#titlePrefix = pack.view('titlePrefix', 'u8');
    // u16 while an edition has at most 65,535 distinct suffixes (FY2026: about 43,000), else u32.
    const wide = pack.header.sections.some((x) => x.name === 'titleSuffix' && x.type === 'u32');
    this.#titleSuffix = wide ? pack.view('titleSuffix', 'u32') : pack.view('titleSuffix', 'u16');
    this.#suffixes = latin1Bytes(pack.view('suffixes', 'u8'));
    this.#suffixOffsets = pack.view('suffixOffsets', 'u32');
    this.#hash = pack.has('hash') ? pack.view('hash', 'u32') : undefined;
    const at = (name: string) => (pack.has(name) ? pack.offsetOf(name) : 0);
    this.#at = {
      codes: at('codes'),
      flags: at('flags'),
      section: at('section'),
      titleRef: at('titleRef'),
      titlePrefix: at('titlePrefix'),
      titleSuffix: at('titleSuffix'),
      suffixes: at('suffixes'),
      suffixOffsets: at('suffixOffsets'),
      hash: at('hash'),
    };
    const strings = 2 * this.size;
    const lastOffset = this.#suffixOffsets.length - 1;
    if (lastOffset >= 0) this.#ready('suffixOffsets', lastOffset * 4, 4);
    if (
      this.#flags.length !== this.size ||
      this.#section.length !== this.size ||
      this.#titleRef.length !== strings ||
      this.#titlePrefix.length !== strings ||
      this.#titleSuffix.length !== strings ||
      this.#suffixOffsets.length === 0 ||
      (this.#hash !== undefined && !isOpenAddressingTable(this.#hash.length, this.size)) ||
      this.#suffixOffsets[lastOffset]! !== this.#suffixes.length
    ) {
      throw new PackError('inconsistent', pack.header.kind, 'section lengths disagree');
    }
  }

  /**
   * Makes bytes `[from, from + length)` of a table readable: read in and checked on first use (a
   * damaged block is a PackError naming the file), nothing after. Every read of the tables goes
   * through it.
   */
  #ready(table: SegmentTable, from: number, length: number): void {
    this.#pack.ensure(this.#at[table] + from, length);
  }

  /**
   * Title string `id` (`2i` long, `2i + 1` short title of row i): the kept prefix of the title it
   * refers back to, plus its suffix, assembled as bytes and decoded once, so an entry holds one flat
   * string rather than a chain of slices of its ancestors' titles. References point strictly
   * backwards (checked at each step of the walk), so the walk ends.
   */
  #text(id: number): string {
    const s = this.#suffixAt(id);
    const need = 255 + this.#suffixOffsets[s + 1]! - this.#suffixOffsets[s]!;
    if (this.#scratch.length < need) this.#scratch = latin1Bytes(new Uint8Array(Math.max(need, 512)));
    return latin1Slice(this.#scratch, 0, this.#fill(id, need));
  }

  /** Writes the first `limit` characters of title string `id` to the scratch bytes; returns how many. */
  #fill(id: number, limit: number): number {
    this.#ready('titleRef', id * 2, 2);
    this.#ready('titlePrefix', id, 1);
    const back = this.#titleRef[id]!;
    // Checked here rather than over all 196,000 strings at load (a cold-start cost, like the suffix
    // check below): only a pack built wrongly yet with valid checksums can fail it.
    if (back > id)
      throw new PackError('inconsistent', 'icd10cm/codes', `title ${id} refers to a title before the first`);
    const kept = Math.min(limit, this.#titlePrefix[id]!);
    let n = back === 0 ? 0 : this.#fill(id - back, kept);
    if (back !== 0 && n < kept)
      throw new PackError('inconsistent', 'icd10cm/codes', `title ${id} keeps more of a title than it has`);
    const s = this.#suffixAt(id);
    const from = this.#suffixOffsets[s]!;
    const end = Math.min(this.#suffixOffsets[s + 1]!, from + limit - n);
    if (end > from) this.#ready('suffixes', from, end - from);
    const out = this.#scratch;
    const bytes = this.#suffixes;
    for (let k = from; k < end; k++) out[n++] = bytes[k]!;
    return n;
  }

  #suffixAt(id: number): number {
    this.#ready('titleSuffix', id * this.#titleSuffix.BYTES_PER_ELEMENT, this.#titleSuffix.BYTES_PER_ELEMENT);
    const s = this.#titleSuffix[id]!;
    // Checked here rather than over every string at load (a cold-start cost): only a pack built
    // wrongly yet with valid checksums can fail it.
    if (s + 1 >= this.#suffixOffsets.length)
      throw new PackError('inconsistent', 'icd10cm/codes', `title ${id} names suffix ${s}, past the table`);
    this.#ready('suffixOffsets', s * 4, 8);
    return s;
  }

  code(i: number): string {
    this.#ready('codes', i * 7, 7);
    const c = this.#codes;
    const at = i * 7;
    let end = at + 7;
    while (end > at && c[end - 1] === 32) end--;
    return asciiText(c, at, end - at);
  }
  shortTitle(i: number): string {
    return this.#text(2 * i + 1);
  }
  title(i: number): string {
    return this.#text(2 * i);
  }
  flags(i: number): number {
    this.#ready('flags', i, 1);
    return this.#flags[i]!;
  }
  section(i: number): number {
    this.#ready('section', i * 2, 2);
    return this.#section[i]!;
  }

  /** Whether row i's code starts with `prefix` (whole code when `exact`), compared in place (no allocation). */
  #compare(i: number, code: string, exact: boolean): boolean {
    this.#ready('codes', i * 7, 7);
    const c = this.#codes;
    const at = i * 7;
    const n = code.length;
    for (let k = 0; k < n; k++) if (c[at + k] !== code.charCodeAt(k)) return false;
    return !exact || n === 7 || c[at + n] === 32;
  }

  /** Whether row i holds exactly `code`. */
  matches(i: number, code: string): boolean {
    return this.#compare(i, code, true);
  }

  /** Whether row i's code starts with `prefix`. */
  startsWith(i: number, prefix: string): boolean {
    return this.#compare(i, prefix, false);
  }

  /** Row of `code` by the prebuilt open-addressing hash table, or -1. */
  find(code: string): number {
    const table = this.#hash;
    if (!table) return -1;
    const mask = table.length - 1;
    let slot = hashCode(code) & mask;
    // Bounded by the table's size: a damaged table with no empty slot ends rather than spins.
    for (let probes = 0; probes <= mask; probes++) {
      this.#ready('hash', slot * 4, 4);
      const v = table[slot]!;
      if (v === 0) return -1;
      // A slot holds 0 (empty) or a row number plus one: any other value is a table built wrongly.
      if (v > this.size)
        throw new PackError(
          'inconsistent',
          this.#pack.file,
          `hash slot ${slot} names row ${v - 1}, past the table`,
        );
      if (this.matches(v - 1, code)) return v - 1;
      slot = (slot + 1) & mask;
    }
    return -1;
  }
}

/** The tables of a segment, by their section names in the codes pack. */
type SegmentTable =
  | 'codes'
  | 'flags'
  | 'section'
  | 'titleRef'
  | 'titlePrefix'
  | 'titleSuffix'
  | 'suffixes'
  | 'suffixOffsets'
  | 'hash';

/** The rows of one edition, possibly sharing a base segment with another edition. */
export class CodeTable {
  readonly id: string;
  readonly meta: PackMeta;
  readonly base: Segment;
  readonly added: Segment | undefined;
  /** The edition's order as `[start, length]` runs of row ids; `undefined` for a base edition (identity). */
  readonly #orderRuns: Uint32Array | undefined;
  /** Number of codes of a derived edition (the sum of its run lengths). */
  readonly #derivedSize: number;
  #order: Uint32Array | undefined;
  /** Base rows this edition removes or replaces (1 = not in this edition). */
  readonly #removed: Uint8Array | undefined;
  readonly #addedIndex: Map<string, number> | undefined;
  readonly #pack: PackReader;
  #sevenChr: Map<string, readonly AllowedValue[]> | undefined;
  #map: Map<string, number> | undefined;
  #lookups = 0;
  #below: RowCache<number> | undefined;
  #position: Int32Array | undefined;

  constructor(id: string, pack: PackReader, base: CodeTable | undefined, meta = packMetaOf(pack)) {
    this.id = id;
    this.#pack = pack;
    this.meta = meta;
    if (!base) {
      this.base = new Segment(pack);
      this.added = undefined;
      this.#orderRuns = undefined;
      this.#derivedSize = 0;
    } else {
      this.base = base.base;
      this.added = new Segment(pack);
      this.#orderRuns = pack.u32('orderRuns');
      this.#derivedSize = orderSize(this.#orderRuns, this.base.size + this.added.size, pack.header.kind);
      const removedRows = pack.u32('removed');
      const removed = new Uint8Array(this.base.size);
      // Base rows ascending, each once, and the order holding every other base row and every added
      // row: a removed list that disagrees would bring back a deleted code, or lose a kept one.
      for (let k = 0; k < removedRows.length; k++) {
        const i = removedRows[k]!;
        if (i >= this.base.size || (k > 0 && i <= removedRows[k - 1]!))
          throw new PackError('inconsistent', pack.file, 'its removed rows are not ascending base rows');
        removed[i] = 1;
      }
      if (this.#derivedSize !== this.base.size - removedRows.length + this.added.size)
        throw new PackError('inconsistent', pack.file, 'its order and removed rows disagree');
      this.#removed = removed;
      const idx = new Map<string, number>();
      for (let j = 0; j < this.added.size; j++) idx.set(this.added.code(j), this.base.size + j);
      this.#addedIndex = idx;
    }
  }

  /**
   * Edition order as row ids; `undefined` for a base edition (identity). Expanded from its runs on
   * first use (listing, hierarchy): a lookup never needs it, so a first `get` does not pay for it.
   */
  get order(): Uint32Array | undefined {
    if (this.#orderRuns === undefined) return undefined;
    return (this.#order ??= expandOrder(this.#orderRuns, this.#derivedSize));
  }

  /** Number of codes in the edition. */
  get size(): number {
    return this.#orderRuns ? this.#derivedSize : this.base.size;
  }

  /** Number of row ids (base rows plus added rows), the size of per-row caches. */
  get rowCount(): number {
    return this.base.size + (this.added?.size ?? 0);
  }

  /** Row id at a position of the edition's order. */
  rowAt(position: number): number {
    const order = this.order;
    return order ? order[position]! : position;
  }

  /**
   * Number of billable codes below a row (its descendants in classification order), computed once
   * per row on first use.
   */
  billableBelow(row: number): number {
    const below = (this.#below ??= new RowCache(this.rowCount));
    const hit = below.get(row);
    if (hit !== undefined) return hit;
    const prefix = this.code(row);
    let count = 0;
    for (let pos = this.positionOf(row) + 1; pos < this.size; pos++) {
      const r = this.rowAt(pos);
      if (!this.#startsWith(r, prefix)) break;
      if (this.flags(r) & F_BILLABLE) count++;
    }
    return below.set(row, count);
  }

  #startsWith(row: number, prefix: string): boolean {
    return this.#segmentOf(row).startsWith(this.#indexIn(row), prefix);
  }

  /** Position of a row in the edition's order. */
  positionOf(row: number): number {
    const order = this.order;
    if (!order) return row;
    if (!this.#position) {
      const p = new Int32Array(this.base.size + (this.added?.size ?? 0)).fill(-1);
      order.forEach((r, i) => {
        p[r] = i;
      });
      this.#position = p;
    }
    return this.#position[row]!;
  }

  /**
   * Row id of an undotted code in this edition, or -1. The first lookups probe the pack's hash
   * table (no load cost); after {@link MAP_AFTER} lookups a `Map` is built once, which is about
   * twice as fast per lookup on a busy process (strings cache their hash) at ~15–50 ms and a few MB.
   */
  find(code: string): number {
    const map = this.#map;
    if (map !== undefined) return map.get(code) ?? -1;
    if (++this.#lookups === MAP_AFTER) this.#map = this.#buildMap();
    return this.#probe(code);
  }

  #buildMap(): Map<string, number> {
    const m = new Map<string, number>();
    for (let pos = 0; pos < this.size; pos++) {
      const row = this.rowAt(pos);
      m.set(this.code(row), row);
    }
    return m;
  }

  #probe(code: string): number {
    const i = this.base.find(code);
    if (i >= 0 && (this.#removed === undefined || this.#removed[i] === 0)) return i;
    return this.#addedIndex?.get(code) ?? -1;
  }

  /**
   * The segment holding a row: the base edition's rows come first, then the rows this edition
   * adds. With {@link CodeTable.#indexIn}, two reads rather than a pair allocated for every row read.
   */
  #segmentOf(row: number): Segment {
    return row < this.base.size ? this.base : this.added!;
  }
  /** A row's index within {@link CodeTable.#segmentOf}'s segment. */
  #indexIn(row: number): number {
    return row < this.base.size ? row : row - this.base.size;
  }
  code(row: number): string {
    return this.#segmentOf(row).code(this.#indexIn(row));
  }
  flags(row: number): number {
    const flags = this.#segmentOf(row).flags(this.#indexIn(row));
    // Checked per read, like the section: a bit no builder sets is a pack built wrongly.
    if ((flags & ~ROW_FLAGS) !== 0)
      throw new PackError(
        'inconsistent',
        this.#pack.file,
        `row ${row} has flags ${flags}, past the four defined`,
      );
    return flags;
  }
  section(row: number): number {
    const section = this.#segmentOf(row).section(this.#indexIn(row));
    // Checked per read rather than over every row at load (a cold-start cost): only a pack built
    // wrongly yet with valid digests can fail it.
    if (section >= this.meta.sections.length)
      throw new PackError(
        'inconsistent',
        this.#pack.file,
        `row ${row} names section ${section}, past the table`,
      );
    return section;
  }
  title(row: number): string {
    return this.#segmentOf(row).title(this.#indexIn(row));
  }
  shortTitle(row: number): string {
    return this.#segmentOf(row).shortTitle(this.#indexIn(row));
  }

  /**
   * 7th-character definitions by tabular node (undotted category or subcategory), parsed on first
   * use. ICD-10-CM Tabular `sevenChrDef`, inherited down from the category or subcategory that
   * carries it (ICD-10-CM Official Guidelines FY2026, section I.A.5, and the Tabular sevenChrDef).
   */
  sevenChr(): Map<string, readonly AllowedValue[]> {
    if (!this.#sevenChr) {
      const raw = this.#pack.json<[string, [string, string][]][]>('sevenChr');
      this.#sevenChr = new Map(
        raw.map(([k, v]) => [
          k,
          Object.freeze(v.map(([value, meaning]) => Object.freeze({ value, meaning }))),
        ]),
      );
    }
    return this.#sevenChr;
  }

  /** The 7th-character definition that applies to a code (deepest ancestor among its first 6 characters). */
  sevenChrFor(code: string): readonly AllowedValue[] | undefined {
    const defs = this.sevenChr();
    for (let n = Math.min(6, code.length); n >= 3; n--) {
      const d = defs.get(code.slice(0, n));
      if (d) return d;
    }
    return undefined;
  }
}

/**
 * The number of codes of an edition from its `[start, length]` runs of row ids, checked at load:
 * each run within the row ids of base and added rows.
 */
function orderSize(runs: Uint32Array, rowCount: number, kind: string): number {
  let size = 0;
  for (let r = 0; r + 1 < runs.length; r += 2) {
    if (runs[r]! + runs[r + 1]! > rowCount)
      throw new PackError('inconsistent', kind, 'an order run points past the rows');
    size += runs[r + 1]!;
  }
  if (runs.length % 2 !== 0 || size > rowCount)
    throw new PackError('inconsistent', kind, 'order runs disagree with the rows');
  return size;
}

/** An edition's order from its runs (checked by {@link orderSize}, which gave `size`). */
function expandOrder(runs: Uint32Array, size: number): Uint32Array {
  const order = new Uint32Array(size);
  let at = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r]!;
    const end = at + runs[r + 1]!;
    for (let v = start; at < end; v++) order[at++] = v;
  }
  return order;
}

/** Lookups after which a table builds its `Map` index. */
const MAP_AFTER = 20_000;

/** Lazily loaded tables, cached per pack source and edition, shared between code sets. */
type Latin1Buffer = Uint8Array & { latin1Slice(start: number, end: number): string };
const NodeBuffer = (
  globalThis as unknown as { Buffer?: { from(b: ArrayBufferLike, o: number, l: number): Latin1Buffer } }
).Buffer;

/** Title bytes, as a Node Buffer where there is one (its latin1 decoding is the fastest path). */
function latin1Bytes(t: Uint8Array): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(t.buffer, t.byteOffset, t.byteLength) : t;
}

/** Titles are ISO-8859-1 (the CMS order file's encoding): one byte is one character. */
function latin1Slice(bytes: Uint8Array, start: number, end: number): string {
  const b = bytes as Latin1Buffer;
  if (typeof b.latin1Slice === 'function') return b.latin1Slice(start, end);
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

const TABLES = new WeakMap<PackSource, Map<string, CodeTable>>();
/** An edition's base chain is at most this deep (FY2027 over FY2026 is 1): no input loops loading. */
const MAX_BASE_DEPTH = 16;

/**
 * Loads (once) the code table of an edition under a codesets folder, loading its base first.
 *
 * @example
 * ```ts
 * loadCodeTable(defaultPackSource(), 'fy2027').size // 98403
 * ```
 */
export function loadCodeTable(packs: PackSource, edition: string, depth = 0): CodeTable {
  let tables = TABLES.get(packs);
  if (!tables) {
    tables = new Map();
    TABLES.set(packs, tables);
  }
  const hit = tables.get(edition);
  if (hit) return hit;
  // Not checked whole here: each block of the pack is read in and checked the first time a lookup
  // reads it (Segment), so a first `get` costs a few blocks rather than the 4.5 MB pack, and a
  // damaged block is still a PackError naming the file before any of its bytes is used.
  const pack = openPack(packs, 'icd10cm', edition, 'codes.pack', 'icd10cm/codes');
  const meta = packMetaOf(pack);
  if (meta.base && (meta.base === edition || depth >= MAX_BASE_DEPTH))
    throw new PackError(
      'inconsistent',
      `${packs.name}/icd10cm/${edition}/codes.pack`,
      `its base edition chain (${meta.base}) loops or runs deeper than ${MAX_BASE_DEPTH}`,
    );
  const base = meta.base ? loadCodeTable(packs, meta.base, depth + 1) : undefined;
  const table = new CodeTable(edition, pack, base, meta);
  tables.set(edition, table);
  return table;
}
