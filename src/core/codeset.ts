/**
 * The one shape every code system has, so users learn it once: a {@link CodeSystem} with
 * `editions` and `at(date)`, and per edition a {@link CodeSet} with `get`, `check`, `search` and
 * `codes`.
 *
 * @module
 */
import type { DateInput } from './dates';
import type { Edition } from './edition';
import type { CodeSystemId } from './systems';
import type { Result } from './result';

/** Fields every code-set entry has. Entries are frozen. */
export interface CodeEntry {
  readonly code: string;
  readonly title: string;
}

/**
 * Outcome of `check`: the one {@link Result} shape, `{ ok: true, value: entry, issues }` or
 * `{ ok: false, issues }`. A failure never carries an entry; when one exists but is not billable
 * (a header code, a code not yet in force), read it with `get(code)`.
 */
export type CheckResult<E extends CodeEntry> = Result<E>;

/** Options for `search`. */
export interface SearchOptions {
  /** Maximum hits (default 10, at most 1,000). */
  readonly limit?: number;
}

/** One ranked search hit. */
export interface SearchHit<E extends CodeEntry> {
  readonly entry: E;
  /** Higher is better; comparable only within one result list. */
  readonly score: number;
  /** The title, inclusion term or index term that matched. */
  readonly matched: string;
  /** Where the matched text came from. */
  readonly source: 'code' | 'title' | 'short_title' | 'inclusion_term' | 'index_term' | 'description';
}

/** One edition of a code system, with lookup, validation, search and iteration. */
export interface CodeSet<E extends CodeEntry, F = undefined> {
  readonly system: CodeSystemId;
  readonly edition: Edition;
  /** The entry for a code in any accepted spelling, or `undefined`. Never throws. */
  get(code: unknown): E | undefined;
  /** Validates a code and explains every problem. Never throws. */
  check(code: unknown): CheckResult<E>;
  /** Ranked text search. */
  search(text: string, options?: SearchOptions): readonly SearchHit<E>[];
  /** Iterates the entries, optionally filtered. */
  codes(filter?: F): IterableIterator<E>;
}

/** A code system: its loaded editions and the choice among them by date. */
export interface CodeSystem<CS> {
  readonly id: CodeSystemId;
  /** The editions loaded, ordered by effective date. */
  readonly editions: readonly Edition[];
  /** The code set in force on `date`. Throws a `MedcodeError` (`no_edition` / `invalid_date`) if none. */
  at(date: DateInput): CS;
  /** Like `at`, returning a result instead of throwing. */
  tryAt(date: DateInput): Result<CS>;
  /** The code set of one edition by id. Throws a `MedcodeError` when the id is not loaded. */
  edition(id: string): CS;
}
