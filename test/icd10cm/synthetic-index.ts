import { buildSearchPack } from '../../src/icd10cm/loader';
import type { SearchDoc } from '../../src/icd10cm/loader';
import { SearchIndex, decodeSearchPack } from '../../src/icd10cm/search';
import { PackReader } from '../../src/core/pack';

/** The search index of a few hand-written documents, through the real pack encoder and decoder. */
export function searchIndexOf(docs: readonly SearchDoc[], rows: number): SearchIndex {
  const data = decodeSearchPack(
    PackReader.fromBuffer(buildSearchPack('fy2026', [...docs]), 'fy2026', 'icd10cm/search', 'fy2026'),
  );
  return new SearchIndex(data, rows);
}
