/**
 * Builds the CMS-HCC pack of payment year 2026 from `codesets/sources/hcc/`: the six tables of the
 * CMS PY2026 Midyear/Final model software (Python edition, package `CMS_HCC_v28_2026_T_package_v3`,
 * `data/input/internal/`) into `model.pack`, and the CMS "2026 Final ICD-10-CM Mappings" workbook
 * (ESRD V21/V24, CMS-HCC V22/V28, RxHCC V08 categories and payment-year flags; descriptions left
 * out) into `crosswalk.pack`.
 */
import readXlsxFile from 'read-excel-file/node';
import type { CodesetBuilder } from '../lib/codesets';
import type { Edition } from '../../src/core/edition';
import {
  encodeHccCrosswalkPack,
  encodeHccModelPack,
  parseHccCrosswalkRows,
  parseHccModelTables,
} from '../../src/hcc/loader';

const PKG = 'CMS_HCC_v28_2026_T_package_v3';
const WORKBOOK = 'hcc/2026 Final ICD-10-CM Mappings.xlsx';

const builder: CodesetBuilder = {
  system: 'hcc',
  async build(sources) {
    const text = (file: string, contributed: string) =>
      sources.read(`hcc/${file}`, `${PKG}: ${contributed}`).toString('utf8');
    const edition: Edition = {
      id: 'v28-py2026',
      name: 'CMS-HCC V28, payment year 2026 (midyear/final)',
      system: 'hcc',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
    };
    const data = parseHccModelTables(
      {
        mappings: text(
          'ICD10_CC_mappings_CMS_HCC_2026_v28.csv',
          'ICD-10-CM to V28 CC mapping with MCE age, age-edit and sex-edit conditions',
        ),
        hierarchies: text('V28_HCC_Hierarchies.csv', 'HCC hierarchies (the HCCs each HCC drops)'),
        diseaseGroups: text('V28_Diagnosis_Categories.csv', 'disease groups used by the interactions'),
        interactions: text('V28_Interactions.csv', 'interaction terms (variable 1 x variable 2)'),
        continuingEnrolleeFactors: text(
          'V28_CE_Relative_Factors.csv',
          'continuing-enrollee relative factors, community (6 segments) and institutional',
        ),
        newEnrolleeFactors: text('V28_NE_Relative_Factors.csv', 'new-enrollee relative factors (NE, NE_SNP)'),
      },
      { modelName: 'CMS-HCC V28', paymentYear: 2026, edition },
    );
    const sheets = await readXlsxFile(
      sources.read(
        WORKBOOK,
        'CMS PY2026 Midyear/Final ICD-10-CM Mappings: categories of ESRD V21/V24, CMS-HCC V22/V28 and RxHCC V08, payment-year flags (descriptions not kept)',
      ),
    );
    const sheet = sheets[0];
    if (!sheet) throw new Error(`${WORKBOOK} has no sheet`);
    const rows = parseHccCrosswalkRows(sheet.data, WORKBOOK);
    const v28Rows = rows.filter((r) => r.categories['cms-hcc-v28'] !== undefined).length;
    return [
      {
        edition,
        derivation:
          'CMS PY2026 Midyear/Final model software (Python) tables for CMS-HCC V28, parsed as published; CMS PY2026 Final ICD-10-CM Mappings workbook, code and category columns',
        packs: {
          'model.pack': encodeHccModelPack(data),
          'crosswalk.pack': encodeHccCrosswalkPack(rows, edition),
        },
        counts: {
          mappingRows: data.mappings.length,
          mappedCodes: new Set(data.mappings.map((m) => m.code)).size,
          paymentHccs: data.hierarchies.length,
          hierarchiesThatDrop: data.hierarchies.filter((h) => h.drops.length > 0).length,
          interactions: data.interactions.length,
          continuingEnrolleeVariables: data.continuingEnrolleeFactors.length,
          newEnrolleeVariables: data.newEnrolleeFactors.length,
          crosswalkRows: rows.length,
          crosswalkCodes: new Set(rows.map((r) => r.code)).size,
          crosswalkRowsWithV28: v28Rows,
        },
        notes: [
          'Raw relative factors: the CMS normalization factor and MA coding pattern adjustment of the CY2026 Rate Announcement are not part of the model tables and are not applied.',
          'Diagnoses are those of 2025 dates of service (the data year of payment year 2026).',
          'The crosswalk carries no ICD-10-CM descriptions (see medcode/icd10cm) and no age/sex edits (CMS publishes those with each model software; V28 edits are in model.pack).',
        ],
        sources: [...sources.used],
      },
    ];
  },
};
export default builder;
