/**
 * Import of a CMS-HCC payment year: the six CSV tables of the CMS model software (Python edition,
 * `data/input/internal/`: `ICD10_CC_mappings_CMS_HCC_YYYY_vNN.csv`, `VNN_HCC_Hierarchies.csv`,
 * `VNN_Diagnosis_Categories.csv`, `VNN_Interactions.csv`, `VNN_CE_Relative_Factors.csv`,
 * `VNN_NE_Relative_Factors.csv`) into `model.pack`, and the CMS "YYYY Midyear/Final ICD-10-CM
 * Mappings" workbook into `crosswalk.pack`. Import-time only (the workbook needs read-excel-file).
 *
 * @module
 */
import { checkOfficialFiles } from '../core/arguments';
import type { Edition } from '../core/edition';
import { SourceFormatError } from '../core/errors';
import type { ManifestSource } from '../core/manifest';
import type { BuiltEdition } from '../import/built';
import { sha256 } from '../import/built';
import { readWorkbook } from '../import/xlsx';
import type { OfficialFile } from '../hcpcs/import';
import {
  encodeHccCrosswalkPack,
  encodeHccModelPack,
  parseHccCrosswalkRows,
  parseHccModelTables,
} from './loader';
import type { HccModelTablesText } from './loader';

/** A file of a CMS-HCC payment year: one of the six model tables, or the mappings workbook. */
export type HccFilePart = keyof HccModelTablesText | 'workbook';

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/** The six model tables: CMS's file name pattern, the table, what it contributes, the name in messages. */
const TABLE_NAMES: readonly [RegExp, keyof HccModelTablesText, string, string][] = [
  [
    /^ICD10_CC_mappings_CMS_HCC_(\d{4})_v(\d+)\.csv$/i,
    'mappings',
    'ICD-10-CM to V28 CC mapping with MCE age, age-edit and sex-edit conditions',
    'ICD10_CC_mappings_CMS_HCC_YYYY_vNN.csv',
  ],
  [
    /^V(\d+)_HCC_Hierarchies\.csv$/i,
    'hierarchies',
    'HCC hierarchies (the HCCs each HCC drops)',
    'VNN_HCC_Hierarchies.csv',
  ],
  [
    /^V(\d+)_Diagnosis_Categories\.csv$/i,
    'diseaseGroups',
    'disease groups used by the interactions',
    'VNN_Diagnosis_Categories.csv',
  ],
  [
    /^V(\d+)_Interactions\.csv$/i,
    'interactions',
    'interaction terms (variable 1 x variable 2)',
    'VNN_Interactions.csv',
  ],
  [
    /^V(\d+)_CE_Relative_Factors\.csv$/i,
    'continuingEnrolleeFactors',
    'continuing-enrollee relative factors, community (6 segments) and institutional',
    'VNN_CE_Relative_Factors.csv',
  ],
  [
    /^V(\d+)_NE_Relative_Factors\.csv$/i,
    'newEnrolleeFactors',
    'new-enrollee relative factors (NE, NE_SNP)',
    'VNN_NE_Relative_Factors.csv',
  ],
];
const WORKBOOK_NAME = /^(\d{4}) (?:Midyear[ /_-]*)?(?:Final )?(?:Midyear )?ICD-10-CM Mappings\.xlsx$/i;

/** The table a parser error's label names (`V28_Interactions`, `ICD10_CC_mappings`, …). */
const LABEL_TABLE: readonly [RegExp, keyof HccModelTablesText][] = [
  [/mappings/i, 'mappings'],
  [/Hierarchies/i, 'hierarchies'],
  [/Diagnosis_Categories/i, 'diseaseGroups'],
  [/Interactions/i, 'interactions'],
  [/CE_Relative/i, 'continuingEnrolleeFactors'],
  [/NE_Relative/i, 'newEnrolleeFactors'],
];

/** Runs a parse, so that an error names the file the user gave, not the table's internal label. */
function namingTheFile<T>(tables: ReadonlyMap<keyof HccModelTablesText, OfficialFile>, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof SourceFormatError)) throw error;
    const table = LABEL_TABLE.find(([re]) => re.test(error.file))?.[1];
    const file = table ? tables.get(table) : undefined;
    if (!file) throw error;
    const detail = error.message.slice(error.message.indexOf(': ') + 2);
    throw new SourceFormatError(file.name, error.line, detail);
  }
}

/**
 * Which CMS-HCC file a file is, by its CMS name, or `undefined`.
 *
 * @example
 * ```ts
 * hccFilePart('V28_HCC_Hierarchies.csv') // 'hierarchies'
 * hccFilePart('2026 Final ICD-10-CM Mappings.xlsx') // 'workbook'
 * ```
 */
export function hccFilePart(name: string): HccFilePart | undefined {
  const base = baseName(name);
  if (WORKBOOK_NAME.test(base)) return 'workbook';
  return TABLE_NAMES.find(([re]) => re.test(base))?.[1];
}

/**
 * Imports one CMS-HCC payment year from the six model-software tables and the ICD-10-CM mappings
 * workbook. The model version (`V28`) and payment year come from the file names; every table must
 * name the same version, and the workbook's payment-year columns (`… for 2026 Payment Year`) must
 * agree with the year in its name and in the mapping table's name. A missing file is an error.
 *
 * @example
 * ```ts
 * const built = await importHccFiles(files) // the 7 OfficialFiles
 * built.edition.id // 'v28-py2026'
 * ```
 */
export async function importHccFiles(
  files: readonly OfficialFile[],
  overrides: {
    /** Source names as recorded in the manifest, by file name. */
    readonly sourceName?: (file: OfficialFile) => string;
    readonly contributedPrefix?: string;
    readonly notes?: readonly string[];
    readonly derivation?: string;
  } = {},
): Promise<BuiltEdition> {
  checkOfficialFiles('importHccFiles', files);
  const tables = new Map<keyof HccModelTablesText, OfficialFile>();
  let workbook: OfficialFile | undefined;
  let version: number | undefined;
  let year: number | undefined;
  const checkVersion = (file: OfficialFile, v: number) => {
    if (version !== undefined && v !== version)
      throw new SourceFormatError(file.name, undefined, `model V${v}, but the other tables are V${version}`);
    version = v;
  };
  const checkYear = (file: OfficialFile, y: number) => {
    if (year !== undefined && y !== year)
      throw new SourceFormatError(
        file.name,
        undefined,
        `payment year ${y}, but the other files are payment year ${year}`,
      );
    year = y;
  };
  for (const file of files) {
    const base = baseName(file.name);
    const part = hccFilePart(base);
    if (part === undefined)
      throw new SourceFormatError(
        file.name,
        undefined,
        'not a CMS-HCC model table (ICD10_CC_mappings_CMS_HCC_YYYY_vNN.csv, VNN_*.csv) or ICD-10-CM Mappings workbook',
      );
    if (part === 'workbook') {
      if (workbook)
        throw new SourceFormatError(file.name, undefined, `a second mappings workbook (${workbook.name})`);
      workbook = file;
      checkYear(file, Number(WORKBOOK_NAME.exec(base)![1]));
      continue;
    }
    if (tables.has(part))
      throw new SourceFormatError(file.name, undefined, `a second ${part} table (${tables.get(part)!.name})`);
    const m = TABLE_NAMES.find(([, p]) => p === part)![0].exec(base)!;
    if (part === 'mappings') {
      checkYear(file, Number(m[1]));
      checkVersion(file, Number(m[2]));
    } else checkVersion(file, Number(m[1]));
    tables.set(part, file);
  }
  const missing = [
    ...TABLE_NAMES.filter(([, p]) => !tables.has(p)).map(([, , , name]) => name),
    ...(workbook ? [] : ['YYYY Final ICD-10-CM Mappings.xlsx']),
  ];
  const first = files[0];
  if (!first) throw new SourceFormatError('<none>', undefined, 'no CMS-HCC file given');
  if (missing.length > 0)
    throw new SourceFormatError(
      first.name,
      undefined,
      `a CMS-HCC payment year needs the six model tables and the mappings workbook; missing: ${missing.join(', ')}`,
    );
  const text = (p: keyof HccModelTablesText) => Buffer.from(tables.get(p)!.bytes).toString('utf8');
  const py = year!;
  const v = version!;
  const edition: Edition = {
    id: `v${v}-py${py}`,
    name: `CMS-HCC V${v}, payment year ${py} (midyear/final)`,
    system: 'hcc',
    // A payment year is the calendar year CMS pays for (its diagnoses come from the year before).
    effectiveFrom: `${py}-01-01`,
    effectiveTo: `${py}-12-31`,
  };
  const data = namingTheFile(tables, () =>
    parseHccModelTables(
      {
        mappings: text('mappings'),
        hierarchies: text('hierarchies'),
        diseaseGroups: text('diseaseGroups'),
        interactions: text('interactions'),
        continuingEnrolleeFactors: text('continuingEnrolleeFactors'),
        newEnrolleeFactors: text('newEnrolleeFactors'),
      },
      { modelName: `CMS-HCC V${v}`, paymentYear: py, edition },
    ),
  );
  const book = workbook!;
  const sheets = await readWorkbook(book);
  const sheet = sheets[0];
  if (!sheet) throw new SourceFormatError(book.name, undefined, 'the workbook has no sheet');
  const yearColumn = sheet.data
    .flat()
    .map((c) => /for (\d{4})\s+Payment Year/i.exec(String(c ?? '').replace(/\s+/g, ' ')))
    .find((m) => m !== null);
  if (!yearColumn)
    throw new SourceFormatError(
      book.name,
      undefined,
      'no "… for YYYY Payment Year" column: not the ICD-10-CM Mappings workbook',
    );
  if (Number(yearColumn[1]) !== py)
    throw new SourceFormatError(
      book.name,
      undefined,
      `the name says payment year ${py} but the workbook's columns are for payment year ${yearColumn[1]}`,
    );
  const rows = parseHccCrosswalkRows(sheet.data, baseName(book.name));
  const prefix = overrides.contributedPrefix ?? `CMS-HCC V${v} PY${py} model software`;
  const source = (file: OfficialFile, contributed: string): ManifestSource => ({
    file: overrides.sourceName?.(file) ?? baseName(file.name),
    sha256: sha256(file.bytes),
    bytes: file.bytes.byteLength,
    contributed,
  });
  return {
    edition,
    derivation:
      overrides.derivation ??
      `CMS PY${py} model software tables for CMS-HCC V${v}, parsed as published; CMS PY${py} ICD-10-CM Mappings workbook, code and category columns`,
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
      crosswalkRowsWithV28: rows.filter((r) => r.categories['cms-hcc-v28'] !== undefined).length,
    },
    notes: overrides.notes ?? [],
    // CMS publishes the model software and the mappings for each payment year (a calendar year).
    publisherValidity: {
      period: `PY${py}`,
      from: `${py}-01-01`,
      through: `${py}-12-31`,
      nextFile: `the CMS PY${py + 1} model software tables and the ${py + 1} Midyear/Final ICD-10-CM Mappings workbook`,
    },
    sources: [
      ...TABLE_NAMES.map(([, p, contributed]) =>
        source(tables.get(p)!, `${prefix}: ${contributed.replace('V28', `V${v}`)}`),
      ),
      source(
        book,
        `CMS PY${py} Midyear/Final ICD-10-CM Mappings: categories of ESRD V21/V24, CMS-HCC V22/V28 and RxHCC V08, payment-year flags (descriptions not kept)`,
      ),
    ],
  };
}
