/**
 * One ICD-10-PCS edition over its pack: lookup, validation that names the failing axis, decoding,
 * table browsing, iteration and title search. Codes are never materialized as a list: a code is
 * valid when a row of its table (first three characters) allows each of characters 4 to 7
 * (CMS ICD-10-PCS tables, `icd10pcs_tables_2026.xml`: every combination of a row's values is a code).
 *
 * @module
 */
import { createIssue } from '../core/issues';
import { BoundedMemo, MEMO_MAX_INPUT_LENGTH } from '../core/memo';
import { searchLimit, searchQuery } from '../core/search-options';
import type { AllowedValue, MedcodeIssue } from '../core/issues';
import type { CheckResult, CodeSet, SearchHit, SearchOptions } from '../core/codeset';
import type { Success } from '../core/result';
import type { Edition } from '../core/edition';
import { PackReader } from '../core/pack';
import {
  ICD10PCS_ALPHABET,
  ICD10PCS_EXPECTED_SHAPE,
  ICD10PCS_STRUCTURE_CITATION,
  isCanonicalIcd10Pcs,
  scanIcd10PcsInput,
} from './model';
import type {
  Icd10PcsAxis,
  Icd10PcsAxisValue,
  Icd10PcsDecoded,
  Icd10PcsDecodedAxis,
  Icd10PcsEntry,
  Icd10PcsRow,
  Icd10PcsRowAxis,
  Icd10PcsTable,
  Icd10PcsTableFilter,
} from './model';
import { PACK_KIND, TITLE_BLOCK } from './pack-format';
import type { PackTable, PackValueRecord } from './pack-format';

const SYSTEM = 'icd10pcs' as const;
const NO_ISSUES: readonly MedcodeIssue[] = Object.freeze([]);
/** Slots of the direct-mapped result cache (a power of two). */
const CACHE_SLOTS = 32_768;
const TABLES_CITATION = 'CMS ICD-10-PCS FY2026 Tables (icd10pcs_tables_2026.xml)';
const STRUCTURE_CITATION = ICD10PCS_STRUCTURE_CITATION;
const EXPECTED_SHAPE = ICD10PCS_EXPECTED_SHAPE;
const _MAX_SEARCH_LIMIT = 1000;
/** Words too common in titles to narrow a search; ignored unless the query has nothing else. */
const STOP_WORDS = new Set([
  'of',
  'with',
  'and',
  'the',
  'to',
  'a',
  'in',
  'into',
  'using',
  'from',
  'or',
  'for',
  'on',
  'approach',
]);

interface RuntimeRow {
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

interface RuntimeTable {
  readonly code: string;
  readonly names: readonly string[];
  readonly nameIds: readonly number[];
  readonly head: readonly [number, number, number];
  readonly rows: readonly RuntimeRow[];
  readonly base: number;
  readonly count: number;
}

interface TableAxes {
  readonly head: readonly Icd10PcsAxis[];
  readonly rows: readonly (readonly (readonly Icd10PcsAxis[])[])[];
}

interface Located {
  readonly table: RuntimeTable;
  readonly row: RuntimeRow;
  readonly index: number;
}

interface AxisFailure {
  readonly position: number;
  readonly axis: string;
  readonly value: string;
  readonly table?: RuntimeTable;
  readonly row?: number;
  readonly allowed: readonly AllowedValue[];
  readonly context: readonly { position: number; axis: string; value: string; meaning: string }[];
  /** Where the table does allow the failing value, in words (e.g. "only with Body Part C, D"). */
  readonly elsewhere?: string;
}

/**
 * The loaded data of one edition. Opening parses only the table codes; tables, axis values and
 * title phrases are parsed from their JSON/text slices on first use and then kept (lazy caches).
 */
class Icd10PcsData {
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

  constructor(pack: PackReader) {
    this.names = pack.json<string[]>('names');
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
      throw new Error(`icd10pcs pack: ${this.total} codes in the tables but ${this.longCount.length} titles`);
    }
  }

  table(i: number): RuntimeTable {
    let t = this.#tables[i];
    if (t) return t;
    const [nameIds, v1, v2, v3, rawRows] = JSON.parse(
      this.#tablesText.slice(this.#tableOffsets[i]!, this.#tableOffsets[i + 1]!),
    ) as PackTable;
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

  tableCode(i: number): string {
    return this.#tableCodes.slice(i * 3, i * 3 + 3);
  }

  tableByCode(code: string): RuntimeTable | undefined {
    const i = this.byCode.get(code);
    return i === undefined ? undefined : this.table(i);
  }

  value(id: number): PackValueRecord {
    let v = this.#values[id];
    if (!v) {
      v = JSON.parse(
        this.#valuesText.slice(this.#valueOffsets[id]!, this.#valueOffsets[id + 1]!),
      ) as PackValueRecord;
      this.#values[id] = v;
    }
    return v;
  }

  phrase(id: number): string {
    let p = this.#phrases[id];
    if (p === undefined) {
      p = this.#phrasesText.slice(this.#phraseOffsets[id]!, this.#phraseOffsets[id + 1]!);
      this.#phrases[id] = p;
    }
    return p;
  }

  /** Offset of title `i` in a phrase stream. */
  titleOffset(stream: Uint8Array, counts: Uint8Array, blocks: Uint32Array, i: number): number {
    let p = blocks[(i / TITLE_BLOCK) | 0]!;
    for (let k = i - (i % TITLE_BLOCK); k < i; k++) {
      for (let n = counts[k]!; n > 0; n--) p += stream[p]! & 0x80 ? 2 : 1;
    }
    return p;
  }

  title(kind: 'long' | 'short', i: number): string {
    const stream = kind === 'long' ? this.long : this.short;
    const counts = kind === 'long' ? this.longCount : this.shortCount;
    let p = this.titleOffset(stream, counts, kind === 'long' ? this.longBlock : this.shortBlock, i);
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
      out += this.phrase(id);
    }
    return out;
  }
}

/** The lazily built search index over the long titles. */
interface SearchIndex {
  /** Distinct lower-case title words, sorted, with the phrases each occurs in. */
  readonly words: readonly string[];
  readonly wordPhrases: readonly (readonly number[])[];
  /** Rank ids per phrase (CSR), each list sorted: rank = position in the static ranking. */
  readonly phraseStart: Uint32Array;
  readonly phraseCodes: Uint32Array;
  /** Rank id → code index (generation order), and back. */
  readonly byRank: Uint32Array;
  readonly rankOf: Uint32Array;
  /** Long title length per code (ranking: shorter, more specific titles first). */
  readonly titleLength: Uint16Array;
  /** Scratch space of one query, by rank id: term counters and the candidate list. */
  readonly mark: Uint8Array;
  readonly titleMark: Uint8Array;
  readonly pool: Uint32Array;
  /**
   * Words of the body part and device keys (`includes` of the definitions XML, e.g. `hallux` under
   * body part 1st Toe), sorted, with the axis value ids that list them.
   */
  readonly includeWords: readonly string[];
  readonly includeWordValues: readonly (readonly number[])[];
  /** Where each such value sits: [table index, row index, axis (0 = char 4, 2 = char 6), position in the axis]. */
  readonly occurrences: ReadonlyMap<number, readonly (readonly [number, number, number, number])[]>;
}

/** What one query word matches: title phrases and key terms (axis values). */
interface TermSources {
  readonly phrases: readonly number[];
  readonly values: readonly number[];
  readonly size: number;
}

function freezeValue(rec: PackValueRecord): Icd10PcsAxisValue {
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
 * One ICD-10-PCS edition. Create it through the system (`icd10pcs.at(date)`); the pack is read on
 * first use.
 *
 * @example
 * ```ts
 * const cs = icd10pcs.at('2026-05-01')
 * cs.get('0lb50zz')?.title // 'Excision of Right Lower Arm and Wrist Tendon, Open Approach'
 * cs.check('0LB5OZZ').issues[0]?.code // 'invalid_axis_value'
 * ```
 */
export class Icd10PcsCodeSet implements CodeSet<Icd10PcsEntry, Icd10PcsTableFilter> {
  readonly system = SYSTEM;
  readonly edition: Edition;
  readonly #packFile: string;
  #data: Icd10PcsData | undefined;
  #values: (Icd10PcsAxisValue | undefined)[] = [];
  readonly #axes = new Map<number, Icd10PcsAxis>();
  /**
   * Direct-mapped cache of valid results by generation index: a slot is overwritten on collision,
   * so memory is bounded and nothing is evicted in bulk (bulk eviction of promoted objects cost
   * more in GC than the cache saved).
   */
  readonly #slots: (Success<Icd10PcsEntry> | undefined)[] = new Array<Success<Icd10PcsEntry> | undefined>(
    CACHE_SLOTS,
  );
  readonly #slotIndex = new Int32Array(CACHE_SLOTS).fill(-1);
  /** Admission filter: a result is cached only when its code is seen a second time in a row of the slot. */
  readonly #seenIndex = new Int32Array(CACHE_SLOTS).fill(-1);
  /** Axis objects per table: [head axes 1-3, then per row per axis 4-7 per value]. */
  readonly #tableAxes = new Map<RuntimeTable, TableAxes>();
  #tableViews: (Icd10PcsTable | undefined)[] = [];
  #search: SearchIndex | undefined;
  /**
   * Frozen results of messy or invalid short string inputs (src/core/memo.ts): explaining an
   * invalid code walks the table rows and builds an issue, ~3–10 µs; a repeat costs a map lookup.
   */
  readonly #memo = new BoundedMemo<CheckResult<Icd10PcsEntry>>(4096);

  /** @internal Use `icd10pcs.at(date)` or `createIcd10PcsSystem`. */
  constructor(edition: Edition, packFile: string) {
    this.edition = edition;
    this.#packFile = packFile;
  }

  get #d(): Icd10PcsData {
    return (this.#data ??= new Icd10PcsData(PackReader.fromFile(this.#packFile, PACK_KIND)));
  }

  /**
   * Number of valid codes in the edition (79,115 for FY2026).
   *
   * @example
   * ```ts
   * icd10pcs.at('2026-05-01').size // 79115
   * ```
   */
  get size(): number {
    return this.#d.total;
  }

  // ---- lookup -------------------------------------------------------------------------------

  /**
   * The entry of a valid code in any accepted spelling (lower case, a stray dot, spaces), or
   * `undefined`. Never throws.
   *
   * @example
   * ```ts
   * icd10pcs.at('2026-05-01').get('0lb50zz')?.axes[3]?.label // 'Lower Arm and Wrist Tendon, Right'
   * ```
   */
  get(code: unknown): Icd10PcsEntry | undefined {
    let canonical: string;
    if (isCanonicalIcd10Pcs(code)) canonical = code;
    else {
      const n = scanIcd10PcsInput(code);
      if (!n.ok) return undefined;
      canonical = n.code;
    }
    const found = this.#locate(canonical);
    return found ? this.#valid(found).value : undefined;
  }

  /**
   * Validates a code. Invalid codes get one issue naming the first axis that is wrong (section,
   * body system, operation, then characters 4 to 7 within the table's rows), the table and row, and
   * the values allowed there. Normalized input adds an info `code_normalized` issue.
   *
   * Row numbers: the issue's `row` field is 0-based, an index into `table(code).rows` (like every
   * index field of medcode issues: `firstLine`, `column1Line`, paths); the message counts rows
   * from 1 for people ("row 2" is `row: 1`).
   *
   * @example
   * ```ts
   * const r = icd10pcs.at('2026-05-01').check('0LB5OZZ')
   * r.ok // false
   * r.issues[0] // { code: 'invalid_axis_value', position: 5, axis: 'Approach', value: 'O', table: '0LB', row: …, allowed: [{ value: '0', meaning: 'Open' }, …] }
   * ```
   */
  check(code: unknown): CheckResult<Icd10PcsEntry> {
    // Hot path: an already canonical valid code allocates nothing but the lookup.
    if (isCanonicalIcd10Pcs(code)) {
      const found = this.#locate(code);
      if (found) return this.#valid(found);
    }
    if (typeof code === 'string' && code.length <= MEMO_MAX_INPUT_LENGTH) {
      return this.#memo.get(code) ?? this.#memo.set(code, this.#checkSlow(code));
    }
    return this.#checkSlow(code);
  }

  #checkSlow(code: unknown): CheckResult<Icd10PcsEntry> {
    const n = scanIcd10PcsInput(code);
    if (!n.ok) {
      const issue = createIssue({
        code: 'malformed_code',
        severity: 'error',
        path: [],
        codes: [],
        system: SYSTEM,
        dataVersion: this.edition.name,
        input: code,
        reason: n.reason,
        ...(n.position !== undefined ? { position: n.position } : {}),
        expected: EXPECTED_SHAPE,
        citation: STRUCTURE_CITATION,
      });
      return Object.freeze({ ok: false as const, issues: Object.freeze([issue]) });
    }
    const clean = n.changes.length === 0;
    const found = this.#locate(n.code);
    if (found && clean) return this.#valid(found);
    const issues: MedcodeIssue[] = [];
    if (!clean) {
      issues.push(
        createIssue({
          code: 'code_normalized',
          severity: 'info',
          path: [],
          codes: [n.code],
          system: SYSTEM,
          dataVersion: this.edition.name,
          input: code,
          normalized: n.code,
          changes: n.changes,
        }),
      );
    }
    if (found)
      return Object.freeze({
        ok: true as const,
        value: this.#valid(found).value,
        issues: Object.freeze(issues),
      });
    const failure = this.#explain(n.code);
    issues.push(this.#axisIssue(n.code, code, failure));
    return Object.freeze({ ok: false as const, issues: Object.freeze(issues) });
  }

  /**
   * The seven axes of any 7-character string, valid or not: each value's meaning where the
   * section, body system and table give it one. `undefined` when the input cannot be a code shape.
   *
   * @example
   * ```ts
   * icd10pcs.at('2026-05-01').decode('0LB5OZZ')?.axes.map((a) => a.label)
   * // ['Medical and Surgical', 'Tendons', 'Excision', 'Lower Arm and Wrist Tendon, Right', undefined, 'No Device', 'No Qualifier']
   * ```
   */
  decode(code: unknown): Icd10PcsDecoded | undefined {
    const n = scanIcd10PcsInput(code);
    if (!n.ok) return undefined;
    const c = n.code;
    const d = this.#d;
    const sectionTables = d.tree.get(c[0]!);
    const bsTables = sectionTables?.get(c[1]!);
    const table = d.tableByCode(c.slice(0, 3));
    const sampleIndex =
      bsTables?.[0] ?? (sectionTables ? sectionTables.values().next().value?.[0] : undefined);
    const sample = table ?? (sampleIndex !== undefined ? d.table(sampleIndex) : undefined);
    const axes: Icd10PcsDecodedAxis[] = [];
    for (let pos = 1; pos <= 7; pos++) {
      const value = c[pos - 1]!;
      const name = sample?.names[pos - 1] ?? (pos === 1 ? 'Section' : `Character ${pos}`);
      let rec: PackValueRecord | undefined;
      if (pos === 1 && sample) rec = d.value(sample.head[0]);
      else if (pos === 2 && bsTables) rec = d.value(d.table(bsTables[0]!).head[1]);
      else if (pos === 3 && table) rec = d.value(table.head[2]);
      else if (pos >= 4 && table) {
        for (const row of table.rows) {
          const k = row.chars[pos - 4]!.indexOf(value);
          if (k >= 0) {
            rec = d.value(row.ids[pos - 4]![k]!);
            break;
          }
        }
      }
      axes.push(
        Object.freeze({
          position: pos,
          name,
          value,
          ...(rec ? { label: rec[1] } : {}),
          ...(rec && rec[2] !== null ? { definition: rec[2] } : {}),
        }),
      );
    }
    return Object.freeze({
      code: c,
      valid: this.#locate(c) !== undefined,
      axes: Object.freeze(axes),
      ...(table ? { table: table.code } : {}),
    });
  }

  // ---- browse -------------------------------------------------------------------------------

  /**
   * The tables, optionally narrowed by section, body system and operation (characters 1-3): browse
   * section → body system → operation → rows. Unknown filter values give an empty list.
   *
   * @example
   * ```ts
   * const [t] = icd10pcs.at('2026-05-01').tables({ section: '0', bodySystem: 'L', operation: 'B' })
   * t?.rows[0]?.axes[0].values.map((v) => v.value) // body parts of the first row
   * ```
   */
  tables(filter?: Icd10PcsTableFilter): readonly Icd10PcsTable[] {
    const out: Icd10PcsTable[] = [];
    const d = this.#d;
    for (let i = 0; i < d.tableCount; i++)
      if (matchesFilter(d.tableCode(i), filter)) out.push(this.#tableView(i));
    return Object.freeze(out);
  }

  /**
   * One table by its first three characters (any accepted spelling), or `undefined`.
   *
   * @example
   * ```ts
   * icd10pcs.at('2026-05-01').table('0lb')?.operation.label // 'Excision'
   * ```
   */
  table(code: unknown): Icd10PcsTable | undefined {
    if (typeof code !== 'string' || code.length > 8) return undefined;
    const key = code.replace(/[.\s]/g, '').toUpperCase();
    const i = this.#d.byCode.get(key);
    return i === undefined ? undefined : this.#tableView(i);
  }

  /**
   * Iterates every valid code in code order (the order of the CMS order file), generated from the
   * tables one table at a time, optionally narrowed by characters 1-3.
   *
   * @example
   * ```ts
   * let n = 0
   * for (const _ of icd10pcs.at('2026-05-01').codes()) n++ // 79115
   * [...icd10pcs.at('2026-05-01').codes({ section: '0', bodySystem: 'L', operation: 'B' })][0]?.code // '0LB00ZX'
   * ```
   */
  *codes(filter?: Icd10PcsTableFilter): IterableIterator<Icd10PcsEntry> {
    const d = this.#d;
    const order: number[] = [];
    for (let i = 0; i < d.tableCount; i++) if (matchesFilter(d.tableCode(i), filter)) order.push(i);
    order.sort((a, b) => (d.tableCode(a) < d.tableCode(b) ? -1 : 1));
    for (const i of order) {
      // Rows interleave (a body part may sit in several rows), so a table's codes are sorted here;
      // only one table's entries are held at a time.
      const table = d.table(i);
      const entries: Icd10PcsEntry[] = [];
      for (const row of table.rows)
        for (let k = 0; k < row.count; k++) entries.push(this.#entry({ table, row, index: row.base + k }));
      entries.sort((a, b) => (a.code < b.code ? -1 : 1));
      yield* entries;
    }
  }

  // ---- search -------------------------------------------------------------------------------

  /**
   * Ranked search of the long titles: every query word must start a title word (case-insensitive;
   * common words such as "of", "with", "approach" are ignored). Shorter titles rank first. A query
   * that looks like a code or code prefix (`0LB5`) lists the codes starting with it.
   *
   * @example
   * ```ts
   * icd10pcs.at('2026-05-01').search('excision lower arm muscle open', { limit: 10 })[0]?.entry.code
   * ```
   */
  search(text: string, options?: SearchOptions): readonly SearchHit<Icd10PcsEntry>[] {
    // One reading of `limit` and of the query text for every system (src/core/search-options.ts):
    // `0` or a negative limit gives no hits; NFKC, cut to 256 characters.
    const limit = searchLimit(options !== null && typeof options === 'object' ? options.limit : undefined);
    const query = searchQuery(text);
    if (limit === 0 || query.trim() === '') return Object.freeze([]);
    // A single token of PCS characters with a digit (`0LB5`, `0lb.50`) is a code prefix.
    const compact = /\S\s+\S/.test(query) ? '' : query.replace(/[.\s]/g, '').toUpperCase();
    if (compact.length >= 1 && compact.length <= 7 && /\d/.test(compact) && /^[0-9A-HJ-NP-Z]+$/.test(compact))
      return this.#searchCodes(compact, limit);
    return this.#searchTitles(query, limit);
  }

  #searchCodes(prefix: string, limit: number): readonly SearchHit<Icd10PcsEntry>[] {
    const hits: SearchHit<Icd10PcsEntry>[] = [];
    const head = prefix.slice(0, 3);
    const d = this.#d;
    for (let i = 0; i < d.tableCount; i++) {
      if (!d.tableCode(i).startsWith(head)) continue;
      const table = d.table(i);
      for (const row of table.rows) {
        for (let k = 0; k < row.count && hits.length < limit; k++) {
          const entry = this.#entry({ table, row, index: row.base + k });
          if (entry.code.startsWith(prefix))
            hits.push(
              Object.freeze({
                entry,
                score: prefix.length / 7,
                matched: entry.code,
                source: 'code' as const,
              }),
            );
        }
      }
      if (hits.length >= limit) break;
    }
    return Object.freeze(hits);
  }

  #searchTitles(query: string, limit: number): readonly SearchHit<Icd10PcsEntry>[] {
    // Words are runs of letters and digits of any script: a look-alike such as Cyrillic 'Е11'
    // stays one word that matches nothing, instead of being cut down to '11'.
    const all = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const unique = [...new Set(all)].slice(0, 16);
    const terms = unique.filter((t) => !STOP_WORDS.has(t));
    const use = terms.length ? terms : unique;
    if (use.length === 0) return Object.freeze([]);
    const ix = (this.#search ??= this.#buildSearchIndex());
    // Each term: the phrases holding a word it starts, then the codes holding such a phrase.
    const d = this.#d;
    const lists = use.map((term): TermSources => {
      const phrases = new Set<number>();
      let lo = lowerBound(ix.words, term);
      for (; lo < ix.words.length && ix.words[lo]!.startsWith(term); lo++)
        for (const p of ix.wordPhrases[lo]!) phrases.add(p);
      const values = new Set<number>();
      lo = lowerBound(ix.includeWords, term);
      for (; lo < ix.includeWords.length && ix.includeWords[lo]!.startsWith(term); lo++)
        for (const v of ix.includeWordValues[lo]!) values.add(v);
      let size = 0;
      for (const p of phrases) size += ix.phraseStart[p + 1]! - ix.phraseStart[p]!;
      for (const v of values)
        for (const [t, r, k] of ix.occurrences.get(v) ?? []) {
          const row = d.table(t).rows[r]!;
          size += row.count / row.chars[k]!.length;
        }
      return { phrases: [...phrases], values: [...values], size };
    });
    if (lists.some((l) => l.size === 0)) return Object.freeze([]);
    lists.sort((a, b) => a.size - b.size);
    const { phraseStart, phraseCodes, byRank, rankOf } = ix;
    const letters = use.join('').length;
    const hitAt = (rank: number, byTitle: boolean): SearchHit<Icd10PcsEntry> => {
      const index = byRank[rank]!;
      const entry = this.#entry(this.#locateIndex(index));
      // Share of the title the query words cover: comparable within one result list only; halved
      // for a match through a key term.
      const score =
        Math.round((letters / Math.max(1, ix.titleLength[index]!)) * (byTitle ? 1000 : 500)) / 1000;
      const keyTerm = byTitle ? undefined : matchingKeyTerm(entry, use);
      return Object.freeze(
        keyTerm
          ? { entry, score, matched: keyTerm, source: 'inclusion_term' as const }
          : { entry, score, matched: entry.title, source: 'title' as const },
      );
    };

    // Postings hold rank ids (position in the ranking: shorter title first, then code order) and
    // each phrase's list is sorted. One-word queries: the best title matches are among the first
    // `limit` ids of each phrase list, so there is no need to walk the whole lists.
    if (lists.length === 1) {
      const top: number[] = []; // sorted, distinct, at most `limit`
      for (const p of lists[0]!.phrases) {
        for (let k = phraseStart[p]!, end = phraseStart[p + 1]!; k < end; k++) {
          const r = phraseCodes[k]!;
          if (top.length === limit && r >= top[limit - 1]!) break; // the rest of this list is worse
          let at = top.length;
          while (at > 0 && top[at - 1]! > r) at--;
          if (top[at - 1] === r) continue;
          top.splice(at, 0, r);
          if (top.length > limit) top.pop();
        }
      }
      if (top.length >= limit) return Object.freeze(top.map((r) => hitAt(r, true)));
    }

    const mark = ix.mark;
    // Candidates live in a reused scratch array (no per-query allocation proportional to the hits,
    // which would show up as GC pauses in the p99). `titleMark` counts the terms the title itself
    // matches: such codes rank before codes matched through a body part or device key term.
    const pool = ix.pool;
    const titleMark = ix.titleMark;
    let n = 0;
    // Title postings are walked inline (the hot loop); key-term codes through #eachKeyTermCode.
    for (const p of lists[0]!.phrases) {
      for (let k = phraseStart[p]!, end = phraseStart[p + 1]!; k < end; k++) {
        const r = phraseCodes[k]!;
        titleMark[r] = 1;
        if (mark[r] === 0) {
          mark[r] = 1;
          pool[n++] = r;
        }
      }
    }
    this.#eachKeyTermCode(lists[0]!, (c) => {
      const r = rankOf[c]!;
      if (mark[r] === 0) {
        mark[r] = 1;
        pool[n++] = r;
      }
    });
    const seeded = n;
    let alive = n;
    for (let j = 1; j < lists.length && alive > 0; j++) {
      for (const p of lists[j]!.phrases) {
        for (let k = phraseStart[p]!, end = phraseStart[p + 1]!; k < end; k++) {
          const r = phraseCodes[k]!;
          if (titleMark[r] === j) titleMark[r] = j + 1;
          if (mark[r] === j) mark[r] = j + 1;
        }
      }
      this.#eachKeyTermCode(lists[j]!, (c) => {
        const r = rankOf[c]!;
        if (mark[r] === j) mark[r] = j + 1;
      });
      alive = 0;
      for (let k = 0; k < seeded; k++) if (mark[pool[k]!] === j + 1) alive++;
    }
    const want = lists.length;
    // Keep the best `limit`: full title matches by rank, then key-term matches by rank.
    const best: number[] = [];
    const total = byRank.length;
    for (let k = 0; k < seeded; k++) {
      const r = pool[k]!;
      if (mark[r] !== want) continue;
      const key = (titleMark[r] === want ? 0 : total) + r;
      if (best.length === limit && key >= best[limit - 1]!) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]! > key) at--;
      best.splice(at, 0, key);
      if (best.length > limit) best.pop();
    }
    for (let k = 0; k < seeded; k++) {
      mark[pool[k]!] = 0;
      titleMark[pool[k]!] = 0;
    }
    return Object.freeze(best.map((key) => (key < total ? hitAt(key, true) : hitAt(key - total, false))));
  }

  /** Calls `fn` for every code a term reaches through a body part or device key term. */
  #eachKeyTermCode(sources: TermSources, fn: (code: number) => void): void {
    const d = this.#d;
    for (const v of sources.values) {
      for (const [t, r, axis, at] of this.#search!.occurrences.get(v) ?? []) {
        const row = d.table(t).rows[r]!;
        // The codes of the row with this axis fixed: blocks of `stride` consecutive codes, one per
        // combination of the axes before it.
        const stride = row.strides[axis]!;
        const span = stride * row.chars[axis]!.length;
        for (let start = row.base + at * stride; start < row.base + row.count; start += span) {
          for (let k = 0; k < stride; k++) fn(start + k);
        }
      }
    }
  }

  #buildSearchIndex(): SearchIndex {
    const d = this.#d;
    const wordMap = new Map<string, number[]>();
    for (let id = 0; id < d.phraseCount; id++) {
      const phrase = d.phrase(id);
      for (const w of new Set(phrase.toLowerCase().match(/[a-z0-9]+/g) ?? [])) {
        let list = wordMap.get(w);
        if (!list) wordMap.set(w, (list = []));
        list.push(id);
      }
    }
    const words = [...wordMap.keys()].sort();
    const wordPhrases = words.map((w) => wordMap.get(w)!);
    // Postings: the codes whose long title holds each phrase.
    const counts = new Uint32Array(d.phraseCount + 1);
    const titleLength = new Uint16Array(d.total);
    const visit = (fn: (code: number, phrase: number) => void): void => {
      let p = 0;
      for (let i = 0; i < d.total; i++) {
        for (let n = d.longCount[i]!; n > 0; n--) {
          const b = d.long[p]!;
          let id: number;
          if (b & 0x80) {
            id = ((b & 0x7f) << 8) | d.long[p + 1]!;
            p += 2;
          } else {
            id = b;
            p += 1;
          }
          fn(i, id);
        }
      }
    };
    visit((i, id) => {
      counts[id + 1]!++;
      titleLength[i] = Math.min(65535, titleLength[i]! + d.phrase(id).length);
    });
    // The ranking is static: shorter (more specific) titles first, then code index. Postings hold
    // rank ids, each phrase's list sorted, so the best matches come first.
    const keys = new Float64Array(d.total);
    for (let i = 0; i < d.total; i++) keys[i] = titleLength[i]! * 2 ** 20 + i;
    keys.sort();
    const byRank = new Uint32Array(d.total);
    const rankOf = new Uint32Array(d.total);
    for (let r = 0; r < d.total; r++) {
      const i = keys[r]! % 2 ** 20;
      byRank[r] = i;
      rankOf[i] = r;
    }
    const phraseStart = new Uint32Array(d.phraseCount + 1);
    for (let k = 1; k <= d.phraseCount; k++) phraseStart[k] = phraseStart[k - 1]! + counts[k]!;
    const fill = phraseStart.slice(0, d.phraseCount);
    const phraseCodes = new Uint32Array(phraseStart[d.phraseCount]!);
    visit((i, id) => {
      phraseCodes[fill[id]!++] = rankOf[i]!;
    });
    for (let p = 0; p < d.phraseCount; p++) phraseCodes.subarray(phraseStart[p]!, phraseStart[p + 1]!).sort();
    // Body part (char 4) and device (char 6) keys: their `includes` terms lead to the codes using
    // the value (definitions XML, body part and device keys).
    const includeMap = new Map<string, Set<number>>();
    const occurrences = new Map<number, [number, number, number, number][]>();
    for (let t = 0; t < d.tableCount; t++) {
      d.table(t).rows.forEach((row, r) => {
        for (const axis of [0, 2]) {
          row.ids[axis]!.forEach((id, at) => {
            const includes = d.value(id)[4];
            if (!includes) return;
            let occ = occurrences.get(id);
            if (!occ) {
              occurrences.set(id, (occ = []));
              for (const term of includes) {
                for (const w of term.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
                  let set = includeMap.get(w);
                  if (!set) includeMap.set(w, (set = new Set()));
                  set.add(id);
                }
              }
            }
            occ.push([t, r, axis, at]);
          });
        }
      });
    }
    const includeWords = [...includeMap.keys()].sort();
    const includeWordValues = includeWords.map((w) => [...includeMap.get(w)!]);
    return {
      words,
      wordPhrases,
      phraseStart,
      phraseCodes,
      byRank,
      rankOf,
      titleLength,
      mark: new Uint8Array(d.total),
      titleMark: new Uint8Array(d.total),
      pool: new Uint32Array(d.total),
      includeWords,
      includeWordValues,
      occurrences,
    };
  }

  // ---- internals ----------------------------------------------------------------------------

  /** The table, row and generation index of a valid normalized code, else undefined. */
  #locate(code: string): Located | undefined {
    const table = this.#d.tableByCode(code.slice(0, 3));
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

  #locateIndex(index: number): Located {
    const d = this.#d;
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

  #value(id: number): Icd10PcsAxisValue {
    let v = this.#values[id];
    if (!v) {
      v = freezeValue(this.#d.value(id));
      this.#values[id] = v;
    }
    return v;
  }

  #axis(table: RuntimeTable, position: number, valueId: number): Icd10PcsAxis {
    // Value ids are shared across positions and names, so the key combines all three.
    const key = (valueId * 8 + position) * 256 + (table.nameIds[position - 1] ?? 255);
    let axis = this.#axes.get(key);
    if (!axis) {
      axis = Object.freeze({ position, name: table.names[position - 1] ?? '', ...this.#value(valueId) });
      this.#axes.set(key, axis);
    }
    return axis;
  }

  /** The cached valid result of a located code (creating and caching it on a miss). */
  #valid(found: Located): Success<Icd10PcsEntry> {
    const slot = found.index & (CACHE_SLOTS - 1);
    const hit = this.#slots[slot];
    if (hit && this.#slotIndex[slot] === found.index) return hit;
    const result: Success<Icd10PcsEntry> = Object.freeze({
      ok: true as const,
      value: this.#entry(found),
      issues: NO_ISSUES,
    });
    // Caching every miss would keep every result alive past a young-generation GC, which costs
    // more than rebuilding it when codes do not repeat; codes that do repeat get cached.
    if (this.#seenIndex[slot] === found.index) {
      this.#slots[slot] = result;
      this.#slotIndex[slot] = found.index;
    } else this.#seenIndex[slot] = found.index;
    return result;
  }

  #entry(found: Located): Icd10PcsEntry {
    const { table, row, index } = found;
    const slot = index & (CACHE_SLOTS - 1);
    if (this.#slotIndex[slot] === index) return this.#slots[slot]!.value;
    const d = this.#d;
    const ta = this.#axesOf(table);
    const rowAxes = ta.rows[row.index]!;
    let rest = index - row.base;
    const s = row.strides;
    const a4 = Math.floor(rest / s[0]);
    rest -= a4 * s[0];
    const a5 = Math.floor(rest / s[1]);
    rest -= a5 * s[1];
    const a6 = Math.floor(rest / s[2]);
    const a7 = rest - a6 * s[2];
    const c = row.chars;
    return Object.freeze({
      code: table.code + c[0][a4]! + c[1][a5]! + c[2][a6]! + c[3][a7]!,
      title: d.title('long', index),
      shortTitle: d.title('short', index),
      axes: Object.freeze([
        ta.head[0]!,
        ta.head[1]!,
        ta.head[2]!,
        rowAxes[0]![a4]!,
        rowAxes[1]![a5]!,
        rowAxes[2]![a6]!,
        rowAxes[3]![a7]!,
      ]),
      table: table.code,
      row: row.index,
    });
  }

  /** The frozen axis objects of a table, built once per table. */
  #axesOf(table: RuntimeTable): TableAxes {
    let ta = this.#tableAxes.get(table);
    if (!ta) {
      ta = {
        head: [
          this.#axis(table, 1, table.head[0]),
          this.#axis(table, 2, table.head[1]),
          this.#axis(table, 3, table.head[2]),
        ],
        rows: table.rows.map((row) => row.ids.map((ids, k) => ids.map((id) => this.#axis(table, k + 4, id)))),
      };
      this.#tableAxes.set(table, ta);
    }
    return ta;
  }

  #allowed(ids: Iterable<readonly [string, number]>): AllowedValue[] {
    const seen = new Map<string, string>();
    for (const [ch, id] of ids) if (!seen.has(ch)) seen.set(ch, this.#d.value(id)[1]);
    return [...seen.entries()]
      .sort((a, b) => ICD10PCS_ALPHABET.indexOf(a[0]) - ICD10PCS_ALPHABET.indexOf(b[0]))
      .map(([value, meaning]) => Object.freeze({ value, meaning }));
  }

  /**
   * Why a well-formed code is not valid: the first axis, in order 1..7, that no table/row allows
   * given the axes before it. Source: the tables XML, where a code is valid only as a combination
   * of one row's values (a value may exist in a table yet not with the other values chosen).
   */
  #explain(code: string): AxisFailure {
    const d = this.#d;
    const sectionTables = d.tree.get(code[0]!);
    if (!sectionTables) {
      const sections: [string, number][] = [];
      for (const [, bs] of d.tree) {
        const first = bs.values().next().value?.[0];
        if (first !== undefined) sections.push([d.tableCode(first)[0]!, d.table(first).head[0]]);
      }
      return { position: 1, axis: 'Section', value: code[0]!, allowed: this.#allowed(sections), context: [] };
    }
    const anyTable = d.table(sectionTables.values().next().value![0]!);
    const bsTables = sectionTables.get(code[1]!);
    if (!bsTables) {
      const list: [string, number][] = [];
      for (const [ch, tables] of sectionTables) list.push([ch, d.table(tables[0]!).head[1]]);
      return {
        position: 2,
        axis: anyTable.names[1]!,
        value: code[1]!,
        allowed: this.#allowed(list),
        context: [],
      };
    }
    const table = d.tableByCode(code.slice(0, 3));
    if (!table) {
      const ops = bsTables.map((i) => [d.tableCode(i)[2]!, d.table(i).head[2]] as const);
      return {
        position: 3,
        axis: d.table(bsTables[0]!).names[2]!,
        value: code[2]!,
        allowed: this.#allowed(ops),
        context: [],
      };
    }
    let candidates: readonly RuntimeRow[] = table.rows;
    const context: { position: number; axis: string; value: string; meaning: string }[] = [];
    for (let k = 0; k < 4; k++) {
      const ch = code[k + 3]!;
      const next = candidates.filter((r) => r.chars[k]!.includes(ch));
      if (next.length === 0) {
        const pairs: [string, number][] = [];
        for (const r of candidates)
          for (let j = 0; j < r.chars[k]!.length; j++) pairs.push([r.chars[k]![j]!, r.ids[k]![j]!]);
        return {
          position: k + 4,
          axis: table.names[k + 3]!,
          value: ch,
          table,
          ...(k > 0 ? { row: candidates[0]!.index } : {}),
          allowed: this.#allowed(pairs),
          context,
          elsewhere: this.#elsewhere(table, code, k),
        };
      }
      const r = next[0]!;
      context.push({
        position: k + 4,
        axis: table.names[k + 3]!,
        value: ch,
        meaning: d.value(r.ids[k]![r.chars[k]!.indexOf(ch)]!)[1],
      });
      candidates = next;
    }
    // Unreachable for a code #locate rejected; kept total.
    return { position: 7, axis: table.names[6]!, value: code[6]!, table, allowed: [], context };
  }

  /**
   * For a value that fails at row axis `k`: where the table does use it. Among the rows holding the
   * value at `k`, the first earlier axis whose chosen value none of them allows is named with the
   * values those rows allow there ("Device L is used in table 0SR only with Body Part C, D").
   */
  #elsewhere(table: RuntimeTable, code: string, k: number): string {
    const ch = code[k + 3]!;
    const name = `${table.names[k + 3]} ${ch}`;
    let rows = table.rows.filter((r) => r.chars[k]!.includes(ch));
    if (rows.length === 0) return `${name} is not used anywhere in table ${table.code}`;
    const r0 = rows[0]!;
    const label = this.#d.value(r0.ids[k]![r0.chars[k]!.indexOf(ch)]!)[1];
    for (let j = 0; j < k; j++) {
      const chosen = code[j + 3]!;
      const next = rows.filter((r) => r.chars[j]!.includes(chosen));
      if (next.length === 0) {
        const pairs: [string, number][] = [];
        for (const r of rows)
          for (let i = 0; i < r.chars[j]!.length; i++) pairs.push([r.chars[j]![i]!, r.ids[j]![i]!]);
        const allowed = this.#allowed(pairs);
        const shown = allowed
          .slice(0, 8)
          .map((a) => `${a.value} (${a.meaning})`)
          .join('; ');
        return `${name} (${label}) is used in table ${table.code} only with ${table.names[j + 3]} ${shown}${allowed.length > 8 ? `; and ${allowed.length - 8} more` : ''}`;
      }
      rows = next;
    }
    return `${name} (${label}) is used in table ${table.code}, but not with these values`;
  }

  #axisIssue(code: string, input: unknown, f: AxisFailure): MedcodeIssue {
    // I and O are never ICD-10-PCS values (ICD-10-PCS Official Guidelines, convention A2); suggest the digit they resemble.
    let remedy: string | undefined;
    if (f.value === 'I' || f.value === 'O') {
      const fixed = code.replace(/I/g, '1').replace(/O/g, '0');
      const ok = this.#locate(fixed) !== undefined;
      remedy = `ICD-10-PCS never uses the letters I and O${ok ? `; did you mean ${fixed}?` : `; ${f.value === 'O' ? 'the digit 0' : 'the digit 1'} may have been meant`}`;
    } else if (f.elsewhere) {
      remedy = f.elsewhere;
    } else if (f.allowed.length > 0) {
      remedy = `use one of the values allowed for ${f.axis} here`;
    }
    return createIssue({
      code: 'invalid_axis_value',
      severity: 'error',
      path: [],
      codes: [code],
      system: SYSTEM,
      dataVersion: this.edition.name,
      input,
      position: f.position,
      axis: f.axis,
      value: f.value,
      ...(f.table ? { table: f.table.code } : {}),
      ...(f.row !== undefined ? { row: f.row } : {}),
      allowed: Object.freeze([...f.allowed]),
      ...(f.context.length ? { context: Object.freeze(f.context.map((c) => Object.freeze(c))) } : {}),
      citation: f.table ? `${TABLES_CITATION}, table ${f.table.code}` : TABLES_CITATION,
      ...(remedy ? { remedy } : {}),
    });
  }

  #tableView(i: number): Icd10PcsTable {
    let view = this.#tableViews[i];
    if (view) return view;
    const t = this.#d.table(i);
    const rows: Icd10PcsRow[] = t.rows.map((r) => {
      const axes = [0, 1, 2, 3].map(
        (k): Icd10PcsRowAxis =>
          Object.freeze({
            position: k + 4,
            name: t.names[k + 3]!,
            values: Object.freeze(r.ids[k]!.map((id) => this.#value(id))),
          }),
      ) as unknown as Icd10PcsRow['axes'];
      return Object.freeze({ index: r.index, codeCount: r.count, axes: Object.freeze(axes) });
    });
    view = Object.freeze({
      code: t.code,
      section: this.#axis(t, 1, t.head[0]),
      bodySystem: this.#axis(t, 2, t.head[1]),
      operation: this.#axis(t, 3, t.head[2]),
      rows: Object.freeze(rows),
      codeCount: t.count,
    });
    this.#tableViews[i] = view;
    return view;
  }
}

function matchesFilter(code: string, filter: Icd10PcsTableFilter | undefined): boolean {
  if (filter === undefined || filter === null || typeof filter !== 'object') return true;
  const parts = [filter.section, filter.bodySystem, filter.operation];
  for (let i = 0; i < 3; i++) {
    const want = parts[i];
    if (want === undefined) continue;
    if (typeof want !== 'string' || want.toUpperCase() !== code[i]) return false;
  }
  return true;
}

/** The first key term (body part or device `includes`) of an entry that holds a word each unmatched query term starts. */
function matchingKeyTerm(entry: Icd10PcsEntry, terms: readonly string[]): string | undefined {
  const titleWords = entry.title.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const missing = terms.filter((t) => !titleWords.some((w) => w.startsWith(t)));
  let best: string | undefined;
  let bestCount = 0;
  for (const axis of entry.axes) {
    for (const inc of axis.includes ?? []) {
      const words = inc.toLowerCase().match(/[a-z0-9]+/g) ?? [];
      const count = missing.filter((t) => words.some((w) => w.startsWith(t))).length;
      if (count > bestCount) {
        best = inc;
        bestCount = count;
      }
    }
  }
  return best;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
