/**
 * A code set dated by edition: an edition's entries in a `Map`, seen on a date of service. HCPCS
 * Level II codes, modifiers and places of service use it, and so do CPT descriptor sets.
 *
 * Validity on a date (a code must be valid on the date of service: CMS Medicare Claims Processing
 * Manual, Pub. 100-04, ch. 23, §20.3; CMS HCPCS Level II record layout, HCPC2026_recordlayout.txt,
 * field 29, "Last date for which a procedure or modifier code may be used by Medicare providers"): a code is
 * checked against the edition in force on the date, then against its own dates. A termination date
 * before the date of service gives `code_terminated`; a code that the edition does not hold but
 * another loaded edition does gives `not_in_force` with that edition's range ("not in force until
 * 2026-07-01").
 *
 * @module
 */
import { refuseUnknownFilterKeys } from './filter-keys';
import type { CheckResult, CodeEntry, CodeSet, SearchHit, SearchOptions } from './codeset';
import type { IsoDate } from './dates';
import type { Edition } from './edition';
import { MedcodeError } from './errors';
import { createIssue } from './issues';
import type { IssueDraft, MedcodeIssue } from './issues';
import type { CodeSystemId } from './systems';
import { BoundedMemo, MEMO_MAX_INPUT_LENGTH } from './memo';
import { searchLimit, searchQuery } from './search-options';
import { MAX_CORRECTED_WORDS, SpellingDictionary, editsAllowed } from './spelling';

/**
 * What separates words, in queries and in the texts searched alike: anything but letters and digits
 * of any script, so that a corrected query word is one the texts hold as a word.
 */
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Most query words considered by `search` (a title query needs far fewer). */
const MAX_SEARCH_WORDS = 16;
import type { CodeScan } from './code-shape';

/**
 * A bare predicate over entries, accepted by `codes()` for compatibility; prefer
 * {@link DatedCodeFilter}'s `where`.
 *
 * @deprecated pass `{ where: predicate }` instead.
 * @example
 * ```ts
 * [...hcpcs.at('2026-03-01').codes((e) => e.betos === 'P8D')]
 * ```
 */
export type EntryFilter<E> = (entry: E) => boolean;

/**
 * Options for `codes()` of HCPCS, modifiers and places of service: an object, like the ICD-10-CM
 * (`{ under, billable }`) and ICD-10-PCS (`{ section, bodySystem, operation }`) filters. Every
 * given option must hold; `{}` or no filter yields every entry. A value of the wrong type (e.g.
 * `prefix: 5`) yields nothing rather than being ignored.
 *
 * @example
 * ```ts
 * [...hcpcs.at('2026-03-01').codes({ prefix: 'g01', inForce: true })]
 * [...hcpcs.modifiers.at('2026-03-01').codes({ where: (m) => m.source === 'hcpcs' })]
 * ```
 */
export interface DatedCodeFilter<E> {
  /** Only codes starting with this text (any case, spaces trimmed), e.g. `'G01'`. */
  readonly prefix?: string;
  /**
   * Only the codes `check` accepts on the view's date: `true` (with the codes only a later file
   * holds that `check` accepts with `added_between_editions`); or only the edition's entries that
   * `check` rejects (terminated, not yet added): `false`.
   */
  readonly inForce?: boolean;
  /** Only entries for which this predicate is true. */
  readonly where?: (entry: E) => boolean;
}

/**
 * An edition's entries and its lazily built helpers. Shared by every view of the edition.
 *
 * Entries can be materialized on demand (`materialize(i)` is called at most once per index), so
 * that a first `get` does not pay for building every entry of a large file.
 *
 * @example
 * ```ts
 * const data = EditionData.of(entries)
 * data.lookup('G0121')
 * ```
 */
export class EditionData<E extends CodeEntry> {
  readonly #index: ReadonlyMap<string, number>;
  readonly #codes: readonly string[];
  readonly #cache: (E | undefined)[];
  readonly #materialize: (i: number) => E;
  readonly #valid = new Map<E, CheckResult<E>>();
  #all: readonly E[] | undefined;
  #haystacks: string[] | undefined;
  #titles: string[] | undefined;
  #searchWords: SpellingDictionary | undefined;

  /** `codes[i]` is the code of the entry `materialize(i)` builds; codes are in display order. */
  constructor(codes: readonly string[], materialize: (i: number) => E) {
    this.#codes = codes;
    this.#materialize = materialize;
    this.#cache = new Array<E | undefined>(codes.length);
    this.#index = new Map(codes.map((c, i) => [c, i]));
  }

  /**
   * Data over entries already built.
   *
   * @example
   * ```ts
   * const data = EditionData.of([{ code: '11', title: 'Office' }])
   * data.size // 1
   * ```
   */
  static of<E extends CodeEntry>(entries: readonly E[]): EditionData<E> {
    const list = [...entries];
    return new EditionData(
      list.map((e) => e.code),
      (i) => list[i]!,
    );
  }

  /**
   * Number of entries.
   *
   * @example
   * ```ts
   * EditionData.of(entries).size // entries.length
   * ```
   */
  get size(): number {
    return this.#codes.length;
  }

  /**
   * The entry for an exact (normalized) code, or `undefined`.
   *
   * @example
   * ```ts
   * data.lookup('G0121')?.code // 'G0121' (exact, normalized codes only)
   * data.lookup('g0121')   // undefined
   * ```
   */
  lookup(code: string): E | undefined {
    const i = this.#index.get(code);
    if (i === undefined) return undefined;
    return this.#cache[i] ?? this.#build(i);
  }

  #build(i: number): E {
    const e = this.#materialize(i);
    this.#cache[i] = e;
    return e;
  }

  /**
   * Every entry, in order (builds the ones not yet built).
   *
   * @example
   * ```ts
   * data.all().length === data.size // true
   * ```
   */
  all(): readonly E[] {
    if (!this.#all) {
      const out: E[] = [];
      for (let i = 0; i < this.#codes.length; i++) out.push(this.#cache[i] ?? this.#build(i));
      this.#all = Object.freeze(out);
    }
    return this.#all;
  }

  /**
   * Memo of the last date-dependent result per entry (terminated / not yet in force), for an
   * exact-code input: claims check many lines on the same date, and an issue costs far more to
   * build than to look up.
   */
  readonly datedResults = new Map<
    E,
    { readonly on: string; readonly dated: boolean; readonly result: CheckResult<E> }
  >();

  readonly #memos = new Map<string, BoundedMemo<CheckResult<E>>>();

  /**
   * The memo of frozen `check` results for one date of service (`''` for an edition view without a
   * date): see src/core/memo.ts. At most 16 dates × 4,096 inputs are held.
   *
   * @example
   * ```ts
   * const memo = data.memoFor('2026-03-01')
   * memo.get('xs') // the frozen result of check('xs') on that date, once computed
   * ```
   */
  memoFor(date: string): BoundedMemo<CheckResult<E>> {
    let memo = this.#memos.get(date);
    if (!memo) {
      if (this.#memos.size >= 16) this.#memos.clear();
      memo = new BoundedMemo<CheckResult<E>>(4096);
      this.#memos.set(date, memo);
    }
    return memo;
  }

  /**
   * The frozen valid result of an entry, built once.
   *
   * @example
   * ```ts
   * data.validResult(data.lookup('G0121')!) // { ok: true, value: entry, issues: [] } (frozen, shared)
   * ```
   */
  validResult(entry: E): CheckResult<E> {
    let r = this.#valid.get(entry);
    if (!r) {
      r = Object.freeze({ ok: true as const, value: entry, issues: EMPTY });
      this.#valid.set(entry, r);
    }
    return r;
  }

  /**
   * Lower-cased search text per entry (code, title, short text), built on first search.
   *
   * @example
   * ```ts
   * data.haystacks((e) => `${e.code} ${e.title}`)[0] // lower-cased search text of the first entry
   * ```
   */
  haystacks(text: (e: E) => string): readonly string[] {
    this.#haystacks ??= this.all().map((e) => text(e).toLowerCase());
    return this.#haystacks;
  }

  /**
   * Every entry's title, lower-cased, built on first use and kept: search ranks the words of the
   * title above those of the rest of the text.
   *
   * @example
   * ```ts
   * EditionData.of([{ code: '11', title: 'Office' }]).lowerCaseTitles()[0] // 'office'
   * ```
   */
  lowerCaseTitles(): readonly string[] {
    this.#titles ??= this.all().map((e) => e.title.toLowerCase());
    return this.#titles;
  }

  /**
   * The words of the search texts ({@link EditionData.haystacks}), with how many entries hold
   * each, for reading a query word no entry holds as its nearest spellings. Built on first use.
   *
   * @example
   * ```ts
   * data.searchWords((e) => `${e.code} ${e.title}`).corrections('wheelchiar') // ['wheelchair']
   * ```
   */
  searchWords(text: (e: E) => string): SpellingDictionary {
    if (!this.#searchWords) {
      const entriesHolding = new Map<string, number>();
      for (const h of this.haystacks(text))
        for (const w of new Set(h.split(NOT_WORD)))
          if (w) entriesHolding.set(w, (entriesHolding.get(w) ?? 0) + 1);
      this.#searchWords = new SpellingDictionary(entriesHolding);
    }
    return this.#searchWords;
  }
}

const EMPTY: readonly MedcodeIssue[] = Object.freeze([]);

/**
 * Freezes a result and its issue list in place (issues themselves are frozen by createIssue).
 * Only for results `check` has just built (fresh objects no one else holds) or already frozen
 * shared ones; in place rather than a spread copy, which costs microseconds in V8.
 */
function freezeResult<E extends CodeEntry>(r: CheckResult<E>): CheckResult<E> {
  if (!Object.isFrozen(r.issues)) Object.freeze(r.issues);
  return Object.isFrozen(r) ? r : Object.freeze(r);
}

/**
 * How a code set reads its codes and dates.
 *
 * @example
 * ```ts
 * new DatedCodeSet(edition, EditionData.of(entries), { system: 'hcpcs', parse: parseHcpcsCode, startOf: (e) => e.addedDate, endOf: (e) => e.terminationDate, searchText: (e) => e.title, otherEditions: () => [] })
 * ```
 */
export interface DatedCodeSetSpec<E extends CodeEntry> {
  readonly system: CodeSystemId;
  readonly parse: (raw: unknown) => CodeScan;
  /** First day the entry may be used, when later than the edition start. */
  readonly startOf: (entry: E) => IsoDate | undefined;
  /** Last day the entry may be used (inclusive). */
  readonly endOf: (entry: E) => IsoDate | undefined;
  /** Text searched by `search` besides the code. */
  readonly searchText: (entry: E) => string;
  /** The other loaded editions, for `not_in_force` (called only when a code is not in this one). */
  readonly otherEditions: (self: Edition) => readonly OtherEdition<E>[];
}

/**
 * Another loaded edition of the same system, as a dated code set sees it: for `not_in_force`,
 * `added_between_editions` and termination dates set by a later file.
 *
 * @example
 * ```ts
 * const other: OtherEdition<HcpcsEntry> = { edition, get: (code) => data.lookup(code), all: () => data.all() }
 * ```
 */
export interface OtherEdition<E extends CodeEntry> {
  readonly edition: Edition;
  /** The entry for an exact (normalized) code, or `undefined`. */
  readonly get: (code: string) => E | undefined;
  /** Every entry of the edition, in code order (used by `codes({ inForce: true })`). */
  readonly all: () => readonly E[];
}

/**
 * A HCPCS-shaped code set: one edition, optionally bound to a date of service.
 *
 * `get` returns the entry for any accepted spelling (trimmed, any case) or `undefined`; `check`
 * also applies the dates. Neither throws, for any input.
 *
 * @example
 * ```ts
 * const jan = hcpcs.at('2026-03-01') // a DatedCodeSet<HcpcsEntry>
 * jan.date // '2026-03-01'
 * jan.check('C5271').issues[0]?.code // 'code_terminated'
 * ```
 */
export class DatedCodeSet<E extends CodeEntry> implements CodeSet<E, DatedCodeFilter<E> | EntryFilter<E>> {
  readonly system: CodeSystemId;
  /**
   * The date of service this view checks against. `undefined` for a view from `edition(id)`:
   * then the edition's first day is used.
   */
  readonly date: IsoDate | undefined;
  readonly #data: EditionData<E>;
  readonly #spec: DatedCodeSetSpec<E>;
  #memo: BoundedMemo<CheckResult<E>> | undefined;
  /** The entries only a later edition holds that `check` accepts on the date, found on first use. */
  #between: readonly E[] | undefined;
  /** Those entries with their search texts, made on the first search. */
  #betweenTexts: SearchTexts<E> | undefined;

  constructor(
    readonly edition: Edition,
    data: EditionData<E>,
    spec: DatedCodeSetSpec<E>,
    date?: IsoDate,
  ) {
    this.system = spec.system;
    this.#data = data;
    this.#spec = spec;
    this.date = date;
  }

  /**
   * The entry for a code, or `undefined`. Terminated codes are returned (they are in the file);
   * use `check` to validate them on a date.
   *
   * @example
   * ```ts
   * hcpcs.at('2026-03-01').get(' g0121 ')?.code // 'G0121'
   * hcpcs.at('2026-03-01').get(null)         // undefined
   * ```
   */
  get(code: unknown): E | undefined {
    if (typeof code !== 'string') return undefined;
    const hit = this.#data.lookup(code);
    if (hit) return hit;
    const shape = this.#spec.parse(code);
    if (!shape.ok) return undefined;
    const own = this.#data.lookup(shape.code);
    if (own !== undefined) return own;
    // A code added between the editions held (in a later file, with an add date on or before this
    // view's date: HCPCS quarterly updates not shipped) is valid here, and `check` returns its
    // entry with an `added_between_editions` warning: `get` returns the same entry.
    const checked = this.check(shape.code);
    return checked.ok ? checked.value : undefined;
  }

  /**
   * Validates a code on the view's date and explains every problem. The result is frozen; results
   * for short string inputs are memoized per date (src/core/memo.ts), so messy or invalid input
   * repeated on a claim costs a map lookup.
   *
   * @example
   * ```ts
   * hcpcs.at('2026-03-01').check('g0121').issues[0]?.code // 'code_normalized'
   * hcpcs.at('2026-03-01').check('C5271').issues[0]?.code // 'code_terminated'
   * ```
   */
  check(code: unknown): CheckResult<E> {
    if (typeof code !== 'string') return freezeResult(this.#checkSlow(code));
    const fast = this.#data.lookup(code);
    if (fast) return this.#checkDates(fast, code, []);
    if (code.length > MEMO_MAX_INPUT_LENGTH) return freezeResult(this.#checkSlow(code));
    const memo = (this.#memo ??= this.#data.memoFor(this.date ?? ''));
    return memo.get(code) ?? memo.set(code, freezeResult(this.#checkSlow(code)));
  }

  #checkSlow(code: unknown): CheckResult<E> {
    const shape = this.#spec.parse(code);
    if (!shape.ok) {
      // A literal draft completed by assignment (see createIssue for why it is not a spread).
      const draft: IssueDraft<'malformed_code'> = {
        severity: 'error',
        path: [],
        system: this.system,
        dataVersion: this.edition.name,
        input: code,
        code: 'malformed_code',
        codes: [],
        reason: shape.reason,
      };
      if (shape.expected !== undefined) (draft as { expected?: string }).expected = shape.expected;
      if (shape.position !== undefined) (draft as { position?: number }).position = shape.position;
      return { ok: false, issues: [createIssue(draft)] };
    }
    const entry = this.#data.lookup(shape.code);
    if (entry) return this.#checkDates(entry, code, shape.changes);
    const elsewhere = this.#spec.otherEditions(this.edition).filter((o) => o.get(shape.code) !== undefined);
    if (elsewhere.length > 0) {
      const base = {
        severity: 'error' as const,
        path: [],
        system: this.system,
        dataVersion: this.edition.name,
        input: code,
      };
      const later = elsewhere.find((o) => o.edition.effectiveFrom > this.edition.effectiveFrom);
      const on = this.date ?? this.edition.effectiveFrom;
      const laterEntry = later?.get(shape.code);
      // The later file's own add date can be earlier than its edition: codes from an update that
      // is not held (HCPCS April 2026, see the manifest notes), or added retroactively.
      const addedOn = laterEntry ? this.#spec.startOf(laterEntry) : undefined;
      if (later && laterEntry && addedOn !== undefined && addedOn <= on) {
        // The later file's termination date counts as well (CMS HCPCS record layout,
        // HCPC2026_recordlayout.txt, field 29: "Last date for which a procedure or modifier code
        // may be used by Medicare providers"): a modifier the January 2026 file ends on 2024-12-31
        // (JG, replaced by TB) was added long before, but is not valid on a 2025-06-01 claim.
        const endedOn = this.#spec.endOf(laterEntry);
        if (endedOn !== undefined && endedOn < on) {
          const issue = createIssue({
            ...base,
            code: 'code_terminated',
            codes: [shape.code],
            terminationDate: endedOn,
            citation: `termination date from ${later.edition.name}`,
            ...(this.date ? { date: this.date } : {}),
          });
          return { ok: false, issues: [issue] };
        }
        const warning = createIssue({
          ...base,
          severity: 'warning',
          code: 'added_between_editions',
          codes: [shape.code],
          addedDate: addedOn,
          foundIn: later.edition.name,
          ...(this.date ? { date: this.date } : {}),
        });
        return { ok: true, value: laterEntry, issues: [warning] };
      }
      const earlier = [...elsewhere]
        .reverse()
        .find((o) => o.edition.effectiveFrom < this.edition.effectiveFrom);
      const issue = createIssue({
        ...base,
        code: 'not_in_force',
        codes: [shape.code],
        inEditions: elsewhere.map((o) => o.edition.name),
        ...(this.date ? { date: this.date } : {}),
        ...(later
          ? { effectiveFrom: addedOn !== undefined && addedOn > on ? addedOn : later.edition.effectiveFrom }
          : {}),
        ...(!later && earlier?.edition.effectiveTo ? { effectiveTo: earlier.edition.effectiveTo } : {}),
      });
      return { ok: false, issues: [issue] };
    }
    return {
      ok: false,
      issues: [
        createIssue({
          severity: 'error',
          path: [],
          system: this.system,
          dataVersion: this.edition.name,
          input: code,
          code: 'unknown_code',
          codes: [shape.code],
        }),
      ],
    };
  }

  #checkDates(entry: E, input: unknown, changes: readonly string[]): CheckResult<E> {
    const on = this.date ?? this.edition.effectiveFrom;
    const exact = changes.length === 0 && input === entry.code;
    if (exact) {
      const memo = this.#data.datedResults.get(entry);
      if (memo !== undefined && memo.on === on && memo.dated === (this.date !== undefined))
        return memo.result;
    }
    const result = this.#checkDatesUncached(entry, input, changes, on);
    if (exact && !result.ok) {
      const frozen = Object.freeze({ ...result, issues: Object.freeze([...result.issues]) });
      this.#data.datedResults.set(entry, { on, dated: this.date !== undefined, result: frozen });
      return frozen;
    }
    return result;
  }

  #checkDatesUncached(entry: E, input: unknown, changes: readonly string[], on: string): CheckResult<E> {
    const end = this.#spec.endOf(entry);
    const start = this.#spec.startOf(entry);
    const base = {
      severity: 'error' as const,
      path: [],
      codes: [entry.code],
      system: this.system,
      dataVersion: this.edition.name,
      input,
    };
    if (end !== undefined && end < on) {
      // Record layout field 29: the termination date is the LAST day the code may be used.
      const issue = createIssue({
        ...base,
        code: 'code_terminated',
        terminationDate: end,
        ...(this.date ? { date: this.date } : {}),
      });
      return { ok: false, issues: [issue] };
    }
    if (start !== undefined && start > on) {
      const issue = createIssue({
        ...base,
        code: 'not_in_force',
        effectiveFrom: start,
        inEditions: [this.edition.name],
        ...(this.date ? { date: this.date } : {}),
      });
      return { ok: false, issues: [issue] };
    }
    // A later file can date a termination that falls inside this edition's range (it came in an
    // update that is not held, e.g. C9145 ended 2026-03-31 per the July 2026 file). Only dates past
    // this edition's own first day can be affected.
    if (on > this.edition.effectiveFrom) {
      for (const later of this.#spec.otherEditions(this.edition)) {
        if (later.edition.effectiveFrom <= this.edition.effectiveFrom) continue;
        const other = later.get(entry.code);
        const laterEnd = other === undefined ? undefined : this.#spec.endOf(other);
        if (laterEnd !== undefined && laterEnd < on) {
          const issue = createIssue({
            ...base,
            code: 'code_terminated',
            terminationDate: laterEnd,
            citation: `termination date from ${later.edition.name}`,
            ...(this.date ? { date: this.date } : {}),
          });
          return { ok: false, issues: [issue] };
        }
      }
    }
    if (changes.length === 0) return this.#data.validResult(entry);
    const info = createIssue({
      severity: 'info',
      path: [],
      codes: [entry.code],
      system: this.system,
      dataVersion: this.edition.name,
      input,
      code: 'code_normalized',
      normalized: entry.code,
      changes,
    });
    return { ok: true, value: entry, issues: [info] };
  }

  /**
   * Ranked search: an exact code first, then entries whose text contains every word of the query
   * (whole-word matches rank above partial ones, words of the title above words found only in the
   * longer description, a title that is the query above all, shorter texts above longer). On a
   * view with a date of service only the codes `check` accepts on that date are hits; a view from
   * `edition(id)` searches every entry of its file.
   *
   * @example
   * ```ts
   * hcpcs.at('2026-03-01').search('wheelchair cushion', { limit: 5 }).map((h) => h.entry.code)
   * placesOfService.at('2026-03-01').search('office').map((h) => h.entry.code) // includes '11'
   * ```
   */
  search(text: string, options?: SearchOptions): readonly SearchHit<E>[] {
    // One reading of `limit` and of the query text for every system (src/core/search-options.ts):
    // NFKC (fullwidth input reads as ASCII), cut to 256 characters, at most 16 words.
    const limit = searchLimit(options !== null && typeof options === 'object' ? options.limit : undefined);
    const query = searchQuery(text).toLowerCase().trim();
    if (!query || limit === 0) return [];
    const hits: SearchHit<E>[] = [];
    // On a date of service, only the codes `check` accepts on that date are answers: a HCPCS file
    // keeps codes whose termination date (CMS HCPCS record layout, HCPC2026_recordlayout.txt,
    // field 29, the last date a code may be used) has long passed, and a search on the date must
    // not offer them as codes to bill. A view from `edition(id)` has no date of service and
    // searches every entry of its file.
    const inForce = this.date === undefined ? undefined : (e: E) => this.check(e.code).ok;
    const got = this.get(query);
    const exact = got !== undefined && (inForce === undefined || inForce(got)) ? got : undefined;
    if (exact) hits.push({ entry: exact, score: 1000, matched: exact.code, source: 'code' });
    // Words are runs of letters and digits of any script, so a look-alike such as Cyrillic 'Е11.9'
    // stays the word 'е11' and matches nothing, instead of being cut down to '11' and '9'.
    const words = [...new Set(query.split(NOT_WORD).filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
    if (words.length === 0) return hits.slice(0, limit);
    const searchText = (e: E) => `${e.code} ${this.#spec.searchText(e)}`;
    const hay = this.#data.haystacks(searchText);
    const own: SearchTexts<E> = { entries: this.#data.all(), hay, titles: this.#data.lowerCaseTitles() };
    // On a date, the codes `check` accepts there that only a later file holds (a quarter's additions
    // between the editions held: `added_between_editions`) are answers too, as `codes({ inForce })`
    // yields them: they may be billed on the date.
    const texts = this.date === undefined ? [own] : [own, this.#addedBetweenTexts(searchText)];
    const score = (spellings: readonly (readonly string[])[]) =>
      texts.flatMap((t) => this.#scoreEntries(spellings, got, t, inForce));
    let scored = score(words.map((w) => [w]));
    // A word no entry's text holds (`wheelchiar`) is read as the nearest words the texts hold, the
    // way a coder reads a misspelt term; only when the query as written finds nothing.
    if (scored.length === 0) {
      const spellings = this.#spellingsOf(words, hay, searchText);
      if (spellings) scored = score(spellings);
    }
    scored.sort((a, b) => b.score - a.score || (a.entry.code < b.entry.code ? -1 : 1));
    return [...hits, ...scored].slice(0, limit);
  }

  /**
   * Per query word, the spellings to search for: the word itself when some entry's text holds it,
   * else its nearest words in the texts. Undefined when every word is held, when a word has no
   * spelling near enough, or when more than {@link MAX_CORRECTED_WORDS} words need one.
   */
  #spellingsOf(
    words: readonly string[],
    hay: readonly string[],
    searchText: (e: E) => string,
  ): string[][] | undefined {
    const spellings: string[][] = [];
    let corrected = 0;
    for (const w of words) {
      if (hay.some((h) => h.includes(w))) {
        spellings.push([w]);
        continue;
      }
      if (editsAllowed(w) === 0 || ++corrected > MAX_CORRECTED_WORDS) return undefined;
      const nearest = this.#data.searchWords(searchText).corrections(w);
      if (nearest.length === 0) return undefined;
      spellings.push(nearest);
    }
    return corrected === 0 ? undefined : spellings;
  }

  /**
   * The entries whose text holds every query word (any of its spellings), scored: whole words
   * above parts of words, the title's words above the rest of the text, shorter texts above longer.
   * `inForce`, when given, is asked only of the entries that hold every word (few, against the
   * whole file), so a search on a date costs about what it did without one.
   */
  #scoreEntries(
    words: readonly (readonly string[])[],
    exact: E | undefined,
    { entries, hay, titles }: SearchTexts<E>,
    inForce: ((e: E) => boolean) | undefined,
  ): SearchHit<E>[] {
    const scored: SearchHit<E>[] = [];
    const matched: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const h = hay[i]!;
      let score = 0;
      let all = true;
      matched.length = 0;
      for (const spellings of words) {
        let best = -1;
        let bestWord = '';
        for (const w of spellings) {
          const at = h.indexOf(w);
          if (at < 0) continue;
          const before = at === 0 ? ' ' : h[at - 1]!;
          const after = h[at + w.length] ?? ' ';
          const s = (/[a-z0-9]/.test(before) ? 0 : 2) + (/[a-z0-9]/.test(after) ? 0 : 2) + 1;
          if (s > best) {
            best = s;
            bestWord = w;
          }
        }
        if (best < 0) {
          all = false;
          break;
        }
        score += best;
        matched.push(bestWord);
      }
      if (!all) continue;
      const e = entries[i]!;
      if (e === exact || (inForce !== undefined && !inForce(e))) continue;
      scored.push({
        entry: e,
        score: (score + titleBonus(titles[i]!, matched)) * 10 - Math.min(9, h.length / 40),
        matched: e.title,
        source: 'title',
      });
    }
    return scored;
  }

  /**
   * Iterates the entries in code order, optionally filtered by a {@link DatedCodeFilter} object
   * (a bare predicate is still accepted). `{}`, `null` or a non-object filter yields every entry;
   * an option of the wrong type yields nothing; a key other than `prefix`, `inForce` and `where`
   * throws a {@link MedcodeError} (`invalid_option`) at the call, as ICD-10-CM's `codes` does.
   *
   * @example
   * ```ts
   * [...hcpcs.at('2026-03-01').codes({ prefix: 'G012' })].map((e) => e.code) // ['G0120', 'G0121', …]
   * [...placesOfService.at('2026-03-01').codes({ inForce: true })].length
   * [...hcpcs.at('2026-03-01').codes({ under: 'G01' } as never)] // throws MedcodeError (invalid_option)
   * ```
   */
  codes(filter?: DatedCodeFilter<E> | EntryFilter<E>): IterableIterator<E> {
    if (filter !== null && typeof filter === 'object') this.#checkFilterKeys(filter);
    return this.#codes(filter);
  }

  #checkFilterKeys(filter: object): void {
    refuseUnknownFilterKeys(filter, DATED_FILTER_KEYS, this.system, this.edition.name);
  }

  *#codes(filter: DatedCodeFilter<E> | EntryFilter<E> | undefined): IterableIterator<E> {
    const all = this.#data.all();
    if (typeof filter === 'function') {
      for (const e of all) if (filter(e)) yield e;
      return;
    }
    if (filter === null || typeof filter !== 'object') {
      yield* all;
      return;
    }
    const { prefix, inForce, where } = filter;
    if (prefix !== undefined && typeof prefix !== 'string') return;
    if (inForce !== undefined && typeof inForce !== 'boolean') return;
    if (where !== undefined && typeof where !== 'function') return;
    const start = prefix === undefined ? undefined : prefix.trim().toUpperCase();
    const wanted = (e: E) =>
      (start === undefined || e.code.startsWith(start)) && (where === undefined || where(e));
    // In force means what `check` says on the view's date, decided by `check` itself: the entry's
    // own add and termination dates, a termination date that a later file sets, and codes that
    // only a later file holds, added on or before the date (`added_between_editions`), which are
    // yielded in code order among the edition's own.
    const between = inForce === true ? this.#addedBetween().filter(wanted) : [];
    let next = 0;
    for (const e of all) {
      while (next < between.length && between[next]!.code < e.code) yield between[next++]!;
      if (!wanted(e)) continue;
      if (inForce !== undefined && this.check(e.code).ok !== inForce) continue;
      yield e;
    }
    while (next < between.length) yield between[next++]!;
  }

  /** {@link DatedCodeSet.#addedBetween}'s entries with their search texts, made once per view. */
  #addedBetweenTexts(searchText: (e: E) => string): SearchTexts<E> {
    if (this.#betweenTexts === undefined) {
      const entries = this.#addedBetween();
      this.#betweenTexts = {
        entries,
        hay: entries.map((e) => searchText(e).toLowerCase()),
        titles: entries.map((e) => e.title.toLowerCase()),
      };
    }
    return this.#betweenTexts;
  }

  /**
   * The entries that only a later edition holds and that `check` accepts on the view's date
   * (`added_between_editions`), in code order, each once (the entry `check` gives for it), found
   * on first use and kept: `codes({ inForce: true })` and search both read them.
   */
  #addedBetween(): readonly E[] {
    if (this.#between !== undefined) return this.#between;
    const found = new Map<string, E>();
    for (const later of this.#spec.otherEditions(this.edition)) {
      if (later.edition.effectiveFrom <= this.edition.effectiveFrom) continue;
      for (const e of later.all()) {
        if (found.has(e.code) || this.#data.lookup(e.code) !== undefined) continue;
        const r = this.check(e.code);
        if (r.ok) found.set(e.code, r.value);
      }
    }
    this.#between = [...found.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return this.#between;
  }
}

/** Entries as search reads them: each one's lower-cased search text and title, by position. */
interface SearchTexts<E> {
  readonly entries: readonly E[];
  readonly hay: readonly string[];
  readonly titles: readonly string[];
}

/** The options of {@link DatedCodeFilter}; any other key of a filter object is refused. */
const DATED_FILTER_KEYS: ReadonlySet<string> = new Set(['prefix', 'inForce', 'where']);

/**
 * What the title adds to a search hit's score: each query word that is a whole word of the title
 * (`Office` for "office", against a long description that mentions an office in passing), and more
 * when the title is the query's words and nothing else. `title` is lower-cased.
 */
function titleBonus(title: string, words: readonly string[]): number {
  let bonus = 0;
  let covered = 0;
  for (const w of words) {
    const at = wholeWordAt(title, w);
    if (at < 0) continue;
    bonus += 3;
    covered += w.length;
  }
  // The title is the query (`Office`, `Home`): its words, with only separators between them.
  if (bonus === 3 * words.length && title.length - covered <= words.length - 1) bonus += 10;
  return bonus;
}

/** Where `word` stands in `text` as a whole word (not inside a longer one), or -1. */
function wholeWordAt(text: string, word: string): number {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at === 0 ? 32 : text.charCodeAt(at - 1);
    const after = at + word.length >= text.length ? 32 : text.charCodeAt(at + word.length);
    if (!isAsciiWordChar(before) && !isAsciiWordChar(after)) return at;
  }
  return -1;
}

/** An ASCII letter or digit (a lower-cased text). */
function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}
