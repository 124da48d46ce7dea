import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPackSource } from '../../src/core/pack-source';
import { icd10cm } from '../../src/icd10cm/index';
import { searchData } from '../../src/icd10cm/search';
import { CLINICAL_ABBREVIATIONS, searchTokens } from '../../src/icd10cm/text';
import { recallAt10 } from './query-set';

interface AbbreviationQuery {
  readonly query: string;
  readonly abbreviation: string;
  readonly meaning: string;
  readonly expect: readonly string[];
  readonly answer: string;
  readonly source: string;
}

const SET = JSON.parse(
  readFileSync(join(import.meta.dirname, 'search-abbreviation-queries.json'), 'utf8'),
) as { queries: AbbreviationQuery[] };

const first = (query: string) => icd10cm.edition('fy2026').search(query, { limit: 1 })[0]?.entry.code;

describe("ICD-10-CM search on clinicians' abbreviations (test/icd10cm/search-abbreviation-queries.json)", () => {
  it('names each abbreviation the search reads once, with its meaning, answer and source', () => {
    const named = SET.queries.map((q) => q.abbreviation.toLowerCase());
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual([...CLINICAL_ABBREVIATIONS.keys()].sort());
    for (const q of SET.queries) {
      expect(q.meaning.length, q.query).toBeGreaterThan(0);
      expect(q.source, q.query).toMatch(/^https?:\/\//);
      // The query holds its abbreviation as a word.
      expect(q.query.split(' '), q.query).toContain(q.abbreviation.toLowerCase());
    }
  });

  it('every expected prefix names FY2026 codes', () => {
    const prefixes = new Set<string>();
    for (const e of icd10cm.edition('fy2026').codes())
      for (let n = 3; n <= e.code.length; n++) prefixes.add(e.code.slice(0, n));
    for (const q of SET.queries) for (const p of q.expect) expect(prefixes.has(p), p).toBe(true);
  });

  it('reads an abbreviation only where no title, inclusion term or index term prints it', () => {
    // Were a document to print one, the abbreviation would change that document's words.
    for (const edition of ['fy2026', 'fy2027']) {
      const printed = new Set(
        searchData(defaultPackSource(), edition)
          .docs.toString()
          .toLowerCase()
          .split(/[^a-z0-9]+/),
      );
      for (const abbreviation of CLINICAL_ABBREVIATIONS.keys())
        expect(printed.has(abbreviation), `${edition} ${abbreviation}`).toBe(false);
    }
  });

  it('reads each abbreviation as its words', () => {
    expect(searchTokens('afib')).toEqual(searchTokens('atrial fibrillation'));
    expect(searchTokens('history of MI')).toEqual(searchTokens('history of myocardial infarction'));
  });

  // Floors just under the measured values (1.000 on both editions, 0.026 before the table).
  it('recall@10 on FY2026 stays at or above its floor', () => {
    expect(recallAt10(SET.queries, '2026-05-01')).toBeGreaterThanOrEqual(0.97);
  });

  it('recall@10 on FY2027 (a delta search pack over FY2026) stays at or above its floor', () => {
    expect(recallAt10(SET.queries, '2026-11-01')).toBeGreaterThanOrEqual(0.97);
  });

  it('reads an abbreviation within a longer query', () => {
    expect(first('history of mi')).toBe('I25.2');
    expect(first('pe with acute cor pulmonale')).toBe('I26.09');
    expect(first('right cts')).toBe('G56.01');
    expect(first('afib')).toBe('I48.91');
  });
});
