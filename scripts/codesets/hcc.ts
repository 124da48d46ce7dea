/**
 * Builds the CMS-HCC pack of payment year 2026 from `codesets/sources/hcc/` through the package's
 * importer (`src/hcc/import.ts`, the same code path as `importCodeSets`): the six tables of the CMS
 * PY2026 Midyear/Final model software (Python edition, package `CMS_HCC_v28_2026_T_package_v3`,
 * `data/input/internal/`) into `model.pack`, and the CMS "2026 Final ICD-10-CM Mappings" workbook
 * (ESRD V21/V24, CMS-HCC V22/V28, RxHCC V08 categories and payment-year flags; descriptions left
 * out) into `crosswalk.pack`.
 */
import type { CodesetBuilder } from '../lib/codesets';
import { importHccFiles } from '../../src/hcc/import';

const PKG = 'CMS_HCC_v28_2026_T_package_v3';
const FILES = [
  'ICD10_CC_mappings_CMS_HCC_2026_v28.csv',
  'V28_HCC_Hierarchies.csv',
  'V28_Diagnosis_Categories.csv',
  'V28_Interactions.csv',
  'V28_CE_Relative_Factors.csv',
  'V28_NE_Relative_Factors.csv',
  '2026 Final ICD-10-CM Mappings.xlsx',
].map((f) => `hcc/${f}`);

const builder: CodesetBuilder = {
  system: 'hcc',
  async build(sources) {
    const built = await importHccFiles(
      FILES.map((name) => ({ name, bytes: sources.read(name, 'see the importer') })),
      {
        sourceName: (f) => f.name,
        contributedPrefix: PKG,
        derivation:
          'CMS PY2026 Midyear/Final model software (Python) tables for CMS-HCC V28, parsed as published; CMS PY2026 Final ICD-10-CM Mappings workbook, code and category columns',
        notes: [
          'Raw relative factors: the CMS normalization factor and MA coding pattern adjustment of the CY2026 Rate Announcement are not part of the model tables and are not applied.',
          'Diagnoses are those of 2025 dates of service (the data year of payment year 2026).',
          'The crosswalk carries no ICD-10-CM descriptions (see medcode/icd10cm) and no age/sex edits (CMS publishes those with each model software; V28 edits are in model.pack).',
        ],
      },
    );
    return [built];
  },
};
export default builder;
