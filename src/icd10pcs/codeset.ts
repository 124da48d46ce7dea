/**
 * One ICD-10-PCS edition over its pack: lookup, validation that names the failing axis, decoding,
 * table browsing, iteration and title search. Codes are never materialized as a list: a code is
 * valid when a row of its table (first three characters) allows each of characters 4 to 7
 * (CMS ICD-10-PCS tables, `icd10pcs_tables_2026.xml`: every combination of a row's values is a code).
 *
 * @module
 */
import { refuseUnknownFilterKeys } from '../core/filter-keys';
import { MedcodeError } from '../core/errors';
import { createIssue } from '../core/issues';
import { BoundedMemo, MEMO_MAX_INPUT_LENGTH } from '../core/memo';
import { searchLimit, searchQuery } from '../core/search-options';
import type { MedcodeIssue } from '../core/issues';
import type { CheckResult, CodeSet, SearchHit, SearchOptions } from '../core/codeset';
import type { Success } from '../core/result';
import type { Edition } from '../core/edition';
import type { PackReader } from '../core/pack';
import {
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
import type { PackValueRecord } from './pack-format';
import { Icd10PcsData, freezeValue, locate, locateIndex, matchesFilter } from './edition-data';
import type { Located, RuntimeRow, RuntimeTable } from './edition-data';
import { axisIssue, explainInvalid } from './check-explanation';
import { buildSearchIndex, searchTitles } from './title-search';
import type { SearchIndex } from './title-search';

const SYSTEM = 'icd10pcs' as const;
const NO_ISSUES: readonly MedcodeIssue[] = Object.freeze([]);
/** Slots of the direct-mapped result cache (a power of two). */
const CACHE_SLOTS = 32_768;
const STRUCTURE_CITATION = ICD10PCS_STRUCTURE_CITATION;
const EXPECTED_SHAPE = ICD10PCS_EXPECTED_SHAPE;
const _MAX_SEARCH_LIMIT = 1000;

/**
 * The row that gives character `pos` (4-7) of a code no row generates its meaning: the first row
 * listing that character whose characters 4 to `pos - 1` also match the code, else the first row
 * listing it at all.
 */
function rowForValue(rows: readonly RuntimeRow[], code: string, pos: number): RuntimeRow | undefined {
  let listing: RuntimeRow | undefined;
  for (const row of rows) {
    if (row.chars[pos - 4]!.indexOf(code[pos - 1]!) < 0) continue;
    listing ??= row;
    let agrees = true;
    for (let p = 4; p < pos && agrees; p++) agrees = row.chars[p - 4]!.indexOf(code[p - 1]!) >= 0;
    if (agrees) return row;
  }
  return listing;
}

/** Axis objects of a table: head axes 1-3, then per row per axis 4-7 per value. */
interface TableAxes {
  readonly head: readonly Icd10PcsAxis[];
  readonly rows: readonly (readonly (readonly Icd10PcsAxis[])[])[];
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
  readonly #openPack: () => PackReader;
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
  constructor(edition: Edition, openCodesPack: () => PackReader) {
    this.edition = edition;
    this.#openPack = openCodesPack;
  }

  get #d(): Icd10PcsData {
    return (this.#data ??= new Icd10PcsData(this.#openPack()));
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
    const found = locate(this.#d, canonical);
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
      const found = locate(this.#d, code);
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
    const found = locate(this.#d, n.code);
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
    const failure = explainInvalid(this.#d, n.code);
    issues.push(axisIssue(this.#d, this.edition.name, n.code, code, failure));
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
    const located = locate(d, c);
    const axes: Icd10PcsDecodedAxis[] = [];
    for (let pos = 1; pos <= 7; pos++) {
      const value = c[pos - 1]!;
      const name = sample?.names[pos - 1] ?? (pos === 1 ? 'Section' : `Character ${pos}`);
      let rec: PackValueRecord | undefined;
      if (pos === 1 && sample) rec = d.value(sample.head[0]);
      else if (pos === 2 && bsTables) rec = d.value(d.table(bsTables[0]!).head[1]);
      else if (pos === 3 && table) rec = d.value(table.head[2]);
      else if (pos >= 4 && table) {
        // A value's meaning in characters 4-7 belongs to a row of the table, and rows of one table
        // may give the same character different meanings (3E0 character 7 '0': Autologous in one
        // row, Influenza Vaccine in another; ICD-10-PCS Tables). A valid code reads its own row; an
        // invalid one the first row that agrees with its earlier characters, else any row.
        const row = located?.row ?? rowForValue(table.rows, c, pos);
        const k = row ? row.chars[pos - 4]!.indexOf(value) : -1;
        if (row && k >= 0) rec = d.value(row.ids[pos - 4]![k]!);
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
      valid: located !== undefined,
      axes: Object.freeze(axes),
      ...(table ? { table: table.code } : {}),
    });
  }

  // ---- browse -------------------------------------------------------------------------------

  /**
   * The tables, optionally narrowed by section, body system and operation (characters 1-3): browse
   * section → body system → operation → rows. Unknown filter values give an empty list; a key
   * other than `section`, `bodySystem` and `operation` throws a {@link MedcodeError}
   * (`invalid_option`).
   *
   * @example
   * ```ts
   * const [t] = icd10pcs.at('2026-05-01').tables({ section: '0', bodySystem: 'L', operation: 'B' })
   * t?.rows[0]?.axes[0].values.map((v) => v.value) // body parts of the first row
   * ```
   */
  tables(filter?: Icd10PcsTableFilter): readonly Icd10PcsTable[] {
    this.#checkFilterKeys(filter);
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
   * icd10pcs.at('2026-05-01').codes({ prefix: '0LB' } as never) // throws MedcodeError (invalid_option)
   * ```
   */
  codes(filter?: Icd10PcsTableFilter): IterableIterator<Icd10PcsEntry> {
    this.#checkFilterKeys(filter);
    return this.#codes(filter);
  }

  /**
   * Refuses a filter key other than the three characters a table is named by (a prefix or an
   * ICD-10-CM `under` would otherwise be ignored, and every table or code yielded as if it
   * matched), as ICD-10-CM's `codes` refuses its unknown keys: a {@link MedcodeError}
   * `invalid_option` at the call.
   */
  #checkFilterKeys(filter: unknown): void {
    if (filter !== null && typeof filter === 'object')
      refuseUnknownFilterKeys(filter, TABLE_FILTER_KEYS, SYSTEM, this.edition.name);
  }

  *#codes(filter: Icd10PcsTableFilter | undefined): IterableIterator<Icd10PcsEntry> {
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
    return searchTitles(
      this.#d,
      () => (this.#search ??= buildSearchIndex(this.#d)),
      query,
      limit,
      (index) => this.#entry(locateIndex(this.#d, index)),
    );
  }

  /**
   * The codes starting with a prefix, in code order (the order of the CMS order file, as `codes()`
   * lists them): the tables under the prefix in code order, and within a table its matching codes
   * sorted, since a table's rows interleave (a body part may sit in several rows). Codes are
   * spelt from the row characters; only the codes returned are built as entries.
   */
  #searchCodes(prefix: string, limit: number): readonly SearchHit<Icd10PcsEntry>[] {
    const hits: SearchHit<Icd10PcsEntry>[] = [];
    const head = prefix.slice(0, 3);
    const d = this.#d;
    const order: number[] = [];
    for (let i = 0; i < d.tableCount; i++) if (d.tableCode(i).startsWith(head)) order.push(i);
    order.sort((a, b) => (d.tableCode(a) < d.tableCode(b) ? -1 : 1));
    for (const i of order) {
      const table = d.table(i);
      const found: { readonly code: string; readonly row: RuntimeRow; readonly index: number }[] = [];
      for (const row of table.rows) {
        const [c4, c5, c6, c7] = row.chars;
        let index = row.base;
        for (const a of c4)
          for (const b of c5)
            for (const c of c6)
              for (const e of c7) {
                const code = table.code + a + b + c + e;
                if (code.startsWith(prefix)) found.push({ code, row, index });
                index++;
              }
      }
      found.sort((a, b) => (a.code < b.code ? -1 : 1));
      for (const f of found) {
        if (hits.length >= limit) break;
        const entry = this.#entry({ table, row: f.row, index: f.index });
        hits.push(
          Object.freeze({ entry, score: prefix.length / 7, matched: entry.code, source: 'code' as const }),
        );
      }
      if (hits.length >= limit) break;
    }
    return Object.freeze(hits);
  }

  // ---- internals ----------------------------------------------------------------------------

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

/** The options of {@link Icd10PcsTableFilter}; any other key of a filter object is refused. */
const TABLE_FILTER_KEYS: ReadonlySet<string> = new Set(['section', 'bodySystem', 'operation']);
