/**
 * Builds ICD-10-CM FY2026 and FY2027 from the official files in `codesets/sources/icd10cm/`, with
 * the public importer (src/icd10cm/import.ts): the same code `importCodeSets` runs on a user's folder.
 */
import type { CodesetBuilder, SourceReader } from '../lib/codesets';
import { buildIcd10CmEditions } from '../../src/icd10cm/import';

export {
  EVAL_PAIRS,
  EVAL_SEED,
  fy2026SearchPackWithout,
  indexTerms,
  newestTabular,
  searchDocs,
} from '../../src/icd10cm/import';

const builder: CodesetBuilder = {
  system: 'icd10cm',
  build: (reader: SourceReader) => buildIcd10CmEditions(reader),
};
export default builder;
