/**
 * Builds `codesets/icd10pcs/fy2026/` from the CMS FY2026 ICD-10-PCS files in
 * `codesets/sources/icd10pcs/` (see codesets/sources/SOURCES.md for provenance and checksums).
 */
import type { BuiltEdition, CodesetBuilder, SourceReader } from '../lib/codesets';
import { buildIcd10PcsPack } from '../../src/icd10pcs/loader';

const TABLES = 'icd10pcs/icd10pcs_tables_2026.xml';
const DEFINITIONS = 'icd10pcs/icd10pcs_definitions_2026.xml';
const ORDER = 'icd10pcs/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip';

const builder: CodesetBuilder = {
  system: 'icd10pcs',
  build(sources: SourceReader): readonly BuiltEdition[] {
    const tablesXml = sources.read(
      TABLES,
      'table structure: sections, body systems, operations and the rows of axes 4-7 (source of truth for the valid codes)',
    );
    const orderZip = sources.read(
      ORDER,
      'long and abbreviated titles of the 79,115 valid codes (icd10pcs_order_2026.txt); cross-check of the code list',
    );
    const definitionsXml = sources.read(
      DEFINITIONS,
      'definitions, explanations and includes of axis values (root operations, approaches, body part and device keys)',
    );
    const { pack, counts } = buildIcd10PcsPack(
      {
        tablesXml,
        definitionsXml,
        orderZip,
        names: { tables: TABLES, definitions: DEFINITIONS, order: ORDER },
      },
      'fy2026',
    );
    return [
      {
        edition: {
          id: 'fy2026',
          name: 'ICD-10-PCS FY2026',
          system: 'icd10pcs',
          effectiveFrom: '2025-10-01',
          effectiveTo: '2026-09-30',
        },
        derivation:
          'FY2026 tables XML (structure) + FY2026 order file (titles) + FY2026 definitions XML; the tables expand to exactly the valid codes of the order file',
        packs: { 'codes.pack': pack },
        counts,
        notes: [
          'The CMS April 1, 2026 ICD-10-PCS update is not included (not obtained): codes it added are unknown to this edition, which covers the whole of FY2026 (2025-10-01..2026-09-30).',
          'Codes are generated from the tables; the order file supplies titles only.',
        ],
        sources: [...sources.used],
        // CMS releases ICD-10-PCS for the federal fiscal year (October 1 to September 30).
        publisherValidity: {
          period: 'FY2026',
          from: '2025-10-01',
          through: '2026-09-30',
          nextFile:
            'the CMS 2027 ICD-10-PCS Order File and Code Tables (2027-icd-10-pcs-order-file-long-and-abbreviated-titles.zip, icd10pcs_tables_2027.xml)',
        },
      },
    ];
  },
};
export default builder;
