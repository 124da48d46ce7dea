/**
 * Builds `codesets/icd10pcs/fy2026/` from the CMS FY2026 ICD-10-PCS files in
 * `codesets/sources/icd10pcs/` (see codesets/sources/SOURCES.md for provenance and checksums)
 * through the package's importer (`src/icd10pcs/import.ts`, the same code path as `importCodeSets`
 * and `medcode data import`).
 */
import type { BuiltEdition, CodesetBuilder, SourceReader } from '../lib/codesets';
import { importIcd10PcsFiles } from '../../src/icd10pcs/import';

const TABLES = 'icd10pcs/icd10pcs_tables_2026.xml';
const DEFINITIONS = 'icd10pcs/icd10pcs_definitions_2026.xml';
const ORDER = 'icd10pcs/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip';

const builder: CodesetBuilder = {
  system: 'icd10pcs',
  build(sources: SourceReader): readonly BuiltEdition[] {
    const file = (name: string) => ({ name, bytes: sources.read(name, 'see the importer') });
    const built = importIcd10PcsFiles([file(TABLES), file(ORDER), file(DEFINITIONS)], {
      sourceNames: { tables: TABLES, order: ORDER, definitions: DEFINITIONS },
      notes: [
        'The CMS April 1, 2026 ICD-10-PCS update is not included (not obtained): codes it added are unknown to this edition, which covers the whole of FY2026 (2025-10-01..2026-09-30).',
        'Codes are generated from the tables; the order file supplies titles only.',
      ],
    });
    return [built];
  },
};
export default builder;
