import { buildSearchPack } from '../../src/icd10cm/loader';
import type { SearchDoc } from '../../src/icd10cm/loader';
import { SearchIndex, decodeSearchPack } from '../../src/icd10cm/search';
import { PackReader } from '../../src/core/pack';

/**
 * The search index of a few hand-written documents, through the real pack encoder and decoder. With
 * `codes` (one undotted code per row, in classification order), the index also reads each row's
 * code and title, as the code set's does: the title is the row's title document's text (the short
 * title its short-title document's, else the title); the rows in
 * `headers` are not billable, and the rows in `seventh` have a seventh character of that meaning.
 */
export function searchIndexOf(
  docs: readonly SearchDoc[],
  rows: number,
  codes?: readonly string[],
  headers: readonly number[] = [],
  seventh?: ReadonlyMap<number, string>,
): SearchIndex {
  const data = decodeSearchPack(
    PackReader.fromBuffer(buildSearchPack('fy2026', [...docs]), 'fy2026', 'icd10cm/search', 'fy2026'),
  );
  if (codes === undefined) return new SearchIndex(data, rows);
  const textOf = (row: number, source: SearchDoc['source']) =>
    docs.find((d) => d.row === row && d.source === source)?.text;
  const titles = codes.map((_, row) => textOf(row, 'title') ?? '');
  const shortTitles = codes.map((_, row) => textOf(row, 'short_title') ?? titles[row]!);
  return new SearchIndex(data, rows, {
    billable: (row) => !headers.includes(row),
    titleAt: (row, short) => (short ? shortTitles[row]! : titles[row]!),
    codeAt: (row) => codes[row]!,
    ...(seventh === undefined ? {} : { seventhCharacterAt: (row: number) => seventh.get(row) }),
  });
}
