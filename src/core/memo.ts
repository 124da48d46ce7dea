/**
 * A small bounded memo for `check` results on short string inputs.
 *
 * Why: building an issue (draft, message, freeze) costs microseconds, so `check` on messy or
 * invalid input ran at 0.1–0.4 M/s while clean valid input ran at 10+ M/s. Claims and batch jobs
 * check the same few messy spellings over and over (`'xs'`, `'1'`, `'g0121'`), and a check result
 * is a pure function of (edition, date, input), so the frozen result is kept and returned again.
 * Memory is bounded: at most `capacity` entries, and the map is cleared when it is full (cheap,
 * no per-entry bookkeeping on the hot path); inputs longer than {@link MEMO_MAX_INPUT_LENGTH} are
 * never kept (they cannot be codes, and a hostile 1 MB string must not be pinned).
 *
 * @module
 */

/** Inputs longer than this are never memoized (every code of every system is shorter). */
export const MEMO_MAX_INPUT_LENGTH = 32;

/**
 * A string-keyed memo holding at most `capacity` values; cleared when full. Values must be
 * immutable (frozen), since every caller of the same key receives the same object.
 *
 * @example
 * ```ts
 * const memo = new BoundedMemo<number>(2)
 * memo.get('a') ?? memo.set('a', 1) // 1
 * memo.get('a')                     // 1
 * memo.size                         // 1
 * ```
 */
export class BoundedMemo<V> {
  readonly #map = new Map<string, V>();

  /** @param capacity the most entries held at once (at least 1). */
  constructor(readonly capacity: number) {}

  /**
   * The value kept for `key`, or `undefined`.
   *
   * @example
   * ```ts
   * new BoundedMemo<string>(8).get('xs') // undefined
   * ```
   */
  get(key: string): V | undefined {
    return this.#map.get(key);
  }

  /**
   * Keeps `value` for `key` (clearing the memo first when it is full) and returns it.
   *
   * @example
   * ```ts
   * const r = memo.set('xs', Object.freeze({ ok: true }))
   * ```
   */
  set(key: string, value: V): V {
    if (this.#map.size >= this.capacity) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }

  /**
   * Number of values held.
   *
   * @example
   * ```ts
   * new BoundedMemo<number>(4).size // 0
   * ```
   */
  get size(): number {
    return this.#map.size;
  }
}

/** Rows per page of a {@link RowCache}: 8 KiB of slots, two memory pages. */
const ROW_PAGE_BITS = 10;
const ROW_PAGE_SIZE = 1 << ROW_PAGE_BITS;

/**
 * Values kept by row number for a table of many rows of which a process reads few (a claim's
 * dozen codes among ICD-10-CM's 98,186 rows). The slots are allocated a page of 1,024 rows at a
 * time, on the first value of the page: one array of every row is 785 KB, and on a virtual machine
 * the kernel's first touch of that much new memory cost 3–4 ms, paid by every cold start that
 * looked up one code. Values must be immutable, as with {@link BoundedMemo}.
 *
 * @internal
 * @example
 * ```ts
 * const titles = new RowCache<string>(98_186)
 * titles.get(4_000) ?? titles.set(4_000, 'Type 2 diabetes mellitus without complications') // the title
 * titles.get(4_001) // undefined
 * ```
 */
export class RowCache<V> {
  readonly #pages: (V | undefined)[][];

  /** @param rows how many rows the table has: a row outside `[0, rows)` is an error. */
  constructor(readonly rows: number) {
    this.#pages = new Array<(V | undefined)[]>(Math.ceil(rows / ROW_PAGE_SIZE));
  }

  /**
   * The value kept for `row`, or `undefined`.
   *
   * @example
   * ```ts
   * new RowCache<number>(10).get(3) // undefined
   * ```
   */
  get(row: number): V | undefined {
    return this.#pages[row >>> ROW_PAGE_BITS]?.[row & (ROW_PAGE_SIZE - 1)];
  }

  /**
   * Keeps `value` for `row` and returns it.
   *
   * @example
   * ```ts
   * new RowCache<number>(10).set(3, 42) // 42
   * ```
   */
  set(row: number, value: V): V {
    if (!Number.isInteger(row) || row < 0 || row >= this.rows)
      throw new RangeError(`row ${row} is outside the table's ${this.rows} rows`);
    const page = (this.#pages[row >>> ROW_PAGE_BITS] ??= new Array<V | undefined>(ROW_PAGE_SIZE).fill(
      undefined,
    ));
    page[row & (ROW_PAGE_SIZE - 1)] = value;
    return value;
  }
}
