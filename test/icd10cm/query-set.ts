import { icd10cm } from '../../src/icd10cm/index';

/** A query of a measured set, and the code prefixes (dotted) of the official titles that answer it. */
export interface ExpectedQuery {
  readonly query: string;
  readonly expect: readonly string[];
}

/**
 * The share of `queries` whose top ten codes on the edition in force on `date` include a code
 * starting with one of the query's expected prefixes.
 *
 * @example
 * ```ts
 * recallAt10([{ query: 'hives', expect: ['L50'] }], '2026-05-01') // 1
 * ```
 */
export function recallAt10(queries: readonly ExpectedQuery[], date: string): number {
  const cs = icd10cm.at(date);
  const found = queries.filter((q) =>
    cs.search(q.query, { limit: 10 }).some((h) => q.expect.some((p) => h.entry.code.startsWith(p))),
  );
  return found.length / queries.length;
}
