/**
 * Importers for the CMS-HCC tables: the six CSV tables of the CMS model software (Python edition,
 * `data/input/internal/`) and the rows of the CMS "Midyear/Final ICD-10-CM Mappings" workbook, into
 * {@link HccModelData} and {@link HccCrosswalkRow}s; and their pack encoding. Pure functions over
 * text and rows: no file access, so a pack or a table read any way can be used.
 *
 * @module
 */
import {
  checkOptionsArgument,
  checkPackBytesArgument,
  checkStringArgument,
  invalidArgument,
} from '../core/arguments';
import { PackError, SourceFormatError } from '../core/errors';
import type { Edition } from '../core/edition';
import { PackReader, PackWriter, editionInPack } from '../core/pack';
import { parseCsv } from '../ncci/mue';
import type {
  AgeCondition,
  DiagnosisMappingRow,
  HccInteraction,
  HccModelData,
  HccSegment,
  RelativeFactor,
} from './model';
import { CONTINUING_ENROLLEE_SEGMENTS } from './model';

/** The six CSV tables of the CMS model software, as text. */
export interface HccModelTablesText {
  /** `ICD10_CC_mappings_CMS_HCC_2026_v28.csv` */
  readonly mappings: string;
  /** `V28_HCC_Hierarchies.csv` */
  readonly hierarchies: string;
  /** `V28_Diagnosis_Categories.csv` */
  readonly diseaseGroups: string;
  /** `V28_Interactions.csv` */
  readonly interactions: string;
  /** `V28_CE_Relative_Factors.csv` */
  readonly continuingEnrolleeFactors: string;
  /** `V28_NE_Relative_Factors.csv` */
  readonly newEnrolleeFactors: string;
}

function table(text: string, file: string, header: readonly string[]): string[][] {
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c.trim() !== ''));
  const head = rows[0]?.map((c) => c.trim());
  for (let i = 0; i < header.length; i++)
    if (head?.[i] !== header[i])
      throw new SourceFormatError(
        file,
        undefined,
        `column ${i + 1} is ${JSON.stringify(head?.[i])}, expected ${header[i]}`,
      );
  return rows.slice(1);
}

const AGE_CONDITION = /^(?:(\d+)\s*<=\s*)?age\s*(<=|<|>=|>|=)\s*(\d+)$/;

/**
 * Parses an age condition of the CMS mapping file into whole-year bounds.
 *
 * @example
 * ```ts
 * parseAgeCondition('age < 18')        // { text: 'age < 18', min: 0, max: 17 }
 * parseAgeCondition('0 <= age <= 17')  // { text: '0 <= age <= 17', min: 0, max: 17 }
 * ```
 */
export function parseAgeCondition(text: string): AgeCondition | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  const m = AGE_CONDITION.exec(t);
  if (!m) return undefined;
  const n = Number(m[3]);
  let min = m[1] === undefined ? 0 : Number(m[1]);
  let max = Number.POSITIVE_INFINITY;
  if (m[2] === '<') max = n - 1;
  else if (m[2] === '<=') max = n;
  else if (m[2] === '>') min = Math.max(min, n + 1);
  else if (m[2] === '>=') min = Math.max(min, n);
  else {
    min = n;
    max = n;
  }
  return Object.freeze({ text: t, min, max });
}

function integer(text: string, file: string, what: string): number {
  // CMS wrote the CC column as a float (`92.0`).
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n <= 0)
    throw new SourceFormatError(file, undefined, `${what}: not a category number: ${text}`);
  return n;
}

function hccNumber(text: string, file: string): number {
  const m = /^HCC(\d+)$/.exec(text.trim());
  if (!m) throw new SourceFormatError(file, undefined, `not an HCC variable: ${text}`);
  return Number(m[1]);
}

/**
 * Parses the six CMS model tables into the model data of one payment year.
 *
 * @example
 * ```ts
 * const data = parseHccModelTables(texts, { modelName: 'CMS-HCC V28', paymentYear: 2026, edition })
 * data.hierarchies.find((h) => h.hcc === 17)?.drops // [18, 19, 20, 21, 22, 23]
 * ```
 */
export function parseHccModelTables(
  texts: HccModelTablesText,
  options: { readonly modelName: string; readonly paymentYear: number; readonly edition: Edition },
): HccModelData {
  if (texts === null || typeof texts !== 'object')
    throw invalidArgument(
      'parseHccModelTables',
      'texts',
      'the model tables as text (HccModelTablesText)',
      texts,
    );
  checkOptionsArgument('parseHccModelTables', options);
  for (const table of [
    'mappings',
    'hierarchies',
    'diseaseGroups',
    'interactions',
    'continuingEnrolleeFactors',
    'newEnrolleeFactors',
  ] as const)
    checkStringArgument('parseHccModelTables', `texts.${table}`, texts[table]);
  const mapFile = 'ICD10_CC_mappings';
  const mappings: DiagnosisMappingRow[] = [];
  for (const r of table(texts.mappings, mapFile, [
    'ICD10',
    'CC',
    'MCE_AGE_CONDITION',
    'AGE_EDIT_CONDITION',
    'SEX_EDIT_CONDITION',
  ])) {
    const [code = '', cc = '', mce = '', ageEdit = '', sexEdit = ''] = r.map((c) => c.trim());
    const row: { -readonly [K in keyof DiagnosisMappingRow]: DiagnosisMappingRow[K] } = {
      code,
      hcc: integer(cc, mapFile, code),
    };
    if (mce) row.mceAge = parseAgeCondition(mce) ?? badCondition(mapFile, mce);
    if (ageEdit) row.ageEdit = parseAgeCondition(ageEdit) ?? badCondition(mapFile, ageEdit);
    if (sexEdit) {
      const s = Number(sexEdit);
      if (s !== 1 && s !== 2) throw new SourceFormatError(mapFile, undefined, `${code}: sex edit ${sexEdit}`);
      row.sexEdit = s === 1 ? 'M' : 'F';
    }
    mappings.push(Object.freeze(row));
  }

  const hierarchies = table(texts.hierarchies, 'V28_HCC_Hierarchies', ['HCC', 'SecondaryHCC_1']).map((r) =>
    Object.freeze({
      hcc: hccNumber(r[0]!, 'V28_HCC_Hierarchies'),
      drops: Object.freeze(
        r
          .slice(1)
          .filter((c) => c.trim() !== '')
          .map((c) => hccNumber(c, 'V28_HCC_Hierarchies')),
      ),
    }),
  );

  const diseaseGroups = table(texts.diseaseGroups, 'V28_Diagnosis_Categories', [
    'diag_category',
    'hcc_1',
  ]).map((r) =>
    Object.freeze({
      name: r[0]!.trim(),
      hccs: Object.freeze(
        r
          .slice(1)
          .filter((c) => c.trim() !== '')
          .map((c) => hccNumber(c, 'V28_Diagnosis_Categories')),
      ),
    }),
  );

  const interactions: HccInteraction[] = table(texts.interactions, 'V28_Interactions', [
    'interaction',
    'var_1',
    'var_2',
  ]).map((r) => Object.freeze({ name: r[0]!.trim(), first: r[1]!.trim(), second: r[2]!.trim() }));

  const ceHeader = [
    'Variable',
    'Label',
    'COMMUNITY_NA',
    'COMMUNITY_PBA',
    'COMMUNITY_FBA',
    'COMMUNITY_ND',
    'COMMUNITY_PBD',
    'COMMUNITY_FBD',
    'INSTITUTIONAL',
  ];
  const continuingEnrolleeFactors = table(
    texts.continuingEnrolleeFactors,
    'V28_CE_Relative_Factors',
    ceHeader,
  ).map((r) => {
    const values: Partial<Record<HccSegment, string>> = {};
    CONTINUING_ENROLLEE_SEGMENTS.forEach((segment, i) => {
      const v = factorText(r[i + 2], 'V28_CE_Relative_Factors');
      if (v !== undefined) values[segment] = v;
    });
    return factor(r[0]!, r[1]!, values);
  });
  const newEnrolleeFactors = table(texts.newEnrolleeFactors, 'V28_NE_Relative_Factors', [
    'Variable',
    'New Enrollees',
    'NE',
    'NE_SNP',
  ]).map((r) => {
    const values: Partial<Record<HccSegment, string>> = {};
    const ne = factorText(r[2], 'V28_NE_Relative_Factors');
    const snp = factorText(r[3], 'V28_NE_Relative_Factors');
    if (ne !== undefined) values['new-enrollee'] = ne;
    if (snp !== undefined) values['snp-new-enrollee'] = snp;
    return factor(r[0]!, r[1]!, values);
  });

  return Object.freeze({
    edition: options.edition,
    modelName: options.modelName,
    paymentYear: options.paymentYear,
    mappings: Object.freeze(mappings),
    hierarchies: Object.freeze(hierarchies),
    diseaseGroups: Object.freeze(diseaseGroups),
    interactions: Object.freeze(interactions),
    continuingEnrolleeFactors: Object.freeze(continuingEnrolleeFactors),
    newEnrolleeFactors: Object.freeze(newEnrolleeFactors),
  });
}

function badCondition(file: string, text: string): never {
  throw new SourceFormatError(file, undefined, `age condition not understood: ${text}`);
}

const FACTOR = /^\d+(?:\.\d{1,3})?$/;

function factorText(cell: string | undefined, file: string): string | undefined {
  const t = (cell ?? '').trim();
  if (t === '') return undefined;
  if (!FACTOR.test(t)) throw new SourceFormatError(file, undefined, `not a relative factor: ${t}`);
  return t;
}

function factor(
  variable: string,
  label: string,
  values: Partial<Record<HccSegment, string>>,
): RelativeFactor {
  return Object.freeze({ variable: variable.trim(), label: label.trim(), values: Object.freeze(values) });
}

/** The kind written into an HCC model pack header. */
export const HCC_MODEL_PACK_KIND = 'hcc/model';
/** The kind written into an HCC crosswalk pack header. */
export const HCC_CROSSWALK_PACK_KIND = 'hcc/crosswalk';

/**
 * Encodes model data as a pack (JSON sections; the tables are small).
 *
 * @example
 * ```ts
 * const bytes = encodeHccModelPack(data)
 * decodeHccModelPack(bytes).hierarchies.length // 115
 * ```
 */
export function encodeHccModelPack(data: HccModelData): Uint8Array {
  return new PackWriter(HCC_MODEL_PACK_KIND, data.edition.id)
    .json('meta', { edition: data.edition, modelName: data.modelName, paymentYear: data.paymentYear })
    .utf8(
      'mappings',
      data.mappings
        .map(
          (m) =>
            `${m.code},${m.hcc},${m.mceAge?.text ?? ''},${m.ageEdit?.text ?? ''},${m.sexEdit === undefined ? '' : m.sexEdit === 'M' ? '1' : '2'}`,
        )
        .join('\n'),
    )
    .json('hierarchies', data.hierarchies)
    .json('diseaseGroups', data.diseaseGroups)
    .json('interactions', data.interactions)
    .json('continuingEnrolleeFactors', data.continuingEnrolleeFactors)
    .json('newEnrolleeFactors', data.newEnrolleeFactors)
    .toBuffer();
}

/**
 * Decodes a pack written by {@link encodeHccModelPack}. Throws a `PackError` on a damaged pack,
 * and a `MedcodeError` naming the argument when `bytes` is not a byte array or `file` not a string.
 *
 * @example
 * ```ts
 * const data = decodeHccModelPack(bytes, 'v28.pack')
 * data.modelName // 'CMS-HCC V28'
 * ```
 */
export function decodeHccModelPack(bytes: Uint8Array, file = '<buffer>'): HccModelData {
  checkPackBytesArgument('decodeHccModelPack', bytes, file);
  const pack = PackReader.fromBuffer(bytes, file, HCC_MODEL_PACK_KIND);
  const meta = pack.json<{ edition: Edition; modelName: string; paymentYear: number }>('meta');
  // The metadata and tables are read as the writer wrote them: anything else is the pack's
  // inconsistency (the rows themselves are checked by HccModel).
  if (
    typeof meta !== 'object' ||
    meta === null ||
    typeof meta.modelName !== 'string' ||
    !Number.isInteger(meta.paymentYear)
  )
    throw new PackError('inconsistent', file, 'its metadata has no model name and payment year');
  editionInPack(meta.edition, file);
  const table = <T>(name: string): T => {
    const list = pack.json<T>(name);
    if (!Array.isArray(list)) throw new PackError('inconsistent', file, `its ${name} section is not a list`);
    return list;
  };
  const mappings: DiagnosisMappingRow[] = [];
  for (const line of pack.utf8('mappings').split('\n')) {
    const [code = '', hcc = '', mce = '', age = '', sex = ''] = line.split(',');
    const row: { -readonly [K in keyof DiagnosisMappingRow]: DiagnosisMappingRow[K] } = {
      code,
      hcc: Number(hcc),
    };
    if (mce) row.mceAge = parseAgeCondition(mce) ?? badCondition(file, mce);
    if (age) row.ageEdit = parseAgeCondition(age) ?? badCondition(file, age);
    if (sex) {
      // The writer writes the mapping file's own codes, 1 (male) and 2 (female).
      if (sex !== '1' && sex !== '2') throw new PackError('inconsistent', file, `${code}: sex edit "${sex}"`);
      row.sexEdit = sex === '1' ? 'M' : 'F';
    }
    mappings.push(Object.freeze(row));
  }
  return Object.freeze({
    edition: Object.freeze(meta.edition),
    modelName: meta.modelName,
    paymentYear: meta.paymentYear,
    mappings: Object.freeze(mappings),
    hierarchies: table<HccModelData['hierarchies']>('hierarchies'),
    diseaseGroups: table<HccModelData['diseaseGroups']>('diseaseGroups'),
    interactions: table<HccModelData['interactions']>('interactions'),
    continuingEnrolleeFactors: table<HccModelData['continuingEnrolleeFactors']>('continuingEnrolleeFactors'),
    newEnrolleeFactors: table<HccModelData['newEnrolleeFactors']>('newEnrolleeFactors'),
  });
}

// ---- the Midyear/Final ICD-10-CM mappings workbook ----------------------------------------------

/** The models of the CMS mappings workbook, in its column order. */
export const CROSSWALK_MODELS = ['esrd-v21', 'esrd-v24', 'cms-hcc-v22', 'cms-hcc-v28', 'rxhcc-v08'] as const;
/** The payment-year flags of a crosswalk pack row: one Y or N per model, in CROSSWALK_MODELS order. */
const CROSSWALK_FLAGS = new RegExp(`^[YN]{${CROSSWALK_MODELS.length}}$`);
/** A model of the CMS mappings workbook. */
export type CrosswalkModel = (typeof CROSSWALK_MODELS)[number];

/** One code row of the workbook (a code mapping to two categories of a model has two rows). */
export interface HccCrosswalkRow {
  /** ICD-10-CM code without the dot. */
  readonly code: string;
  /** The category per model (absent where the code maps to none). */
  readonly categories: Readonly<Partial<Record<CrosswalkModel, number>>>;
  /**
   * Whether the model uses the code for the workbook's payment year ("… for 2026 Payment Year": Yes/No;
   * false on a code's later rows, where the workbook writes `--` and states the flag on the first row).
   */
  readonly paymentYear: Readonly<Record<CrosswalkModel, boolean>>;
}

/**
 * Reads the rows of the CMS "Midyear/Final ICD-10-CM Mappings" workbook (as `read-excel-file` or any
 * reader returns them: arrays of cells). The header row is found by its first cell
 * ("Diagnosis Code"); the descriptions column is not kept (the ICD-10-CM titles live in
 * medcode/icd10cm).
 *
 * @example
 * ```ts
 * const rows = parseHccCrosswalkRows(sheet.data, '2026 Final ICD-10-CM Mappings.xlsx')
 * rows.find((r) => r.code === 'E119')?.categories // { 'esrd-v21': 19, 'esrd-v24': 19, 'cms-hcc-v22': 19, 'cms-hcc-v28': 38, 'rxhcc-v08': 31 }
 * ```
 */
export function parseHccCrosswalkRows(
  rows: readonly (readonly unknown[])[],
  file: string,
): HccCrosswalkRow[] {
  checkStringArgument('parseHccCrosswalkRows', 'file', file);
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r)))
    throw invalidArgument('parseHccCrosswalkRows', 'rows', 'the worksheet rows (an array of arrays)', rows);
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());
  const start = rows.findIndex((r) => cell(r[0]).replace(/\s+/g, ' ') === 'Diagnosis Code');
  if (start < 0) throw new SourceFormatError(file, undefined, 'no header row starting with "Diagnosis Code"');
  const header = rows[start]!.map((c) => cell(c).replace(/\s+/g, ' '));
  const expect = [
    'CMS-HCC ESRD Model Category V21',
    'CMS-HCC ESRD Model Category V24',
    'CMS-HCC Model Category V22',
    'CMS-HCC Model Category V28',
    'RxHCC Model Category V08',
  ];
  expect.forEach((h, i) => {
    if (header[i + 2] !== h)
      throw new SourceFormatError(file, undefined, `column ${i + 3} is "${header[i + 2]}", expected "${h}"`);
  });
  const out: HccCrosswalkRow[] = [];
  for (const r of rows.slice(start + 1)) {
    const code = cell(r[0]);
    if (!/^[A-Z][0-9][0-9A-Z]{1,5}$/.test(code)) continue; // blank and footer rows
    const categories: Partial<Record<CrosswalkModel, number>> = {};
    const paymentYear = {} as Record<CrosswalkModel, boolean>;
    CROSSWALK_MODELS.forEach((model, i) => {
      const c = cell(r[i + 2]);
      if (c !== '') categories[model] = integer(c, file, code);
      const flag = cell(r[i + 7]);
      // A code's second and later rows carry `--`: the flag is stated once, on its first row.
      if (flag !== 'Yes' && flag !== 'No' && flag !== '--')
        throw new SourceFormatError(file, undefined, `${code}: payment-year flag "${flag}"`);
      paymentYear[model] = flag === 'Yes';
    });
    out.push(
      Object.freeze({ code, categories: Object.freeze(categories), paymentYear: Object.freeze(paymentYear) }),
    );
  }
  return out;
}

/**
 * Encodes crosswalk rows as a pack: one text line per row, `code,v21,v24,v22,v28,rx08,flags`.
 *
 * @example
 * ```ts
 * const bytes = encodeHccCrosswalkPack(rows, edition)
 * decodeHccCrosswalkPack(bytes).rows.length === rows.length // true
 * ```
 */
export function encodeHccCrosswalkPack(rows: readonly HccCrosswalkRow[], edition: Edition): Uint8Array {
  const lines = rows.map(
    (r) =>
      `${r.code},${CROSSWALK_MODELS.map((m) => r.categories[m] ?? '').join(',')},${CROSSWALK_MODELS.map((m) => (r.paymentYear[m] ? 'Y' : 'N')).join('')}`,
  );
  return new PackWriter(HCC_CROSSWALK_PACK_KIND, edition.id)
    .json('meta', { edition })
    .utf8('rows', lines.join('\n'))
    .toBuffer();
}

/**
 * Decodes a pack written by {@link encodeHccCrosswalkPack}. Throws a `PackError` on a damaged pack,
 * and a `MedcodeError` naming the argument when `bytes` is not a byte array or `file` not a string.
 *
 * @example
 * ```ts
 * decodeHccCrosswalkPack(bytes, 'crosswalk.pack').edition.id // 'py2026'
 * ```
 */
export function decodeHccCrosswalkPack(
  bytes: Uint8Array,
  file = '<buffer>',
): { readonly edition: Edition; readonly rows: readonly HccCrosswalkRow[] } {
  checkPackBytesArgument('decodeHccCrosswalkPack', bytes, file);
  const pack = PackReader.fromBuffer(bytes, file, HCC_CROSSWALK_PACK_KIND);
  const meta = pack.json<{ edition: Edition } | null>('meta');
  const edition = editionInPack(meta?.edition, file);
  const rows = pack
    .utf8('rows')
    .split('\n')
    .map((line, row) => {
      const cells = line.split(',');
      const flags = cells[CROSSWALK_MODELS.length + 1] ?? '';
      // The row as the writer wrote it: a code, one category number (or nothing) per model, and one
      // Y or N per model. A category of another form would map a diagnosis to no category, or NaN.
      if (
        cells.length !== CROSSWALK_MODELS.length + 2 ||
        !/^[A-Z0-9]{3,7}$/.test(cells[0]!) ||
        !cells.slice(1, -1).every((c) => /^(\d{1,4})?$/.test(c)) ||
        !CROSSWALK_FLAGS.test(flags)
      )
        throw new PackError('inconsistent', file, `row ${row} is not a code, its categories and Y/N flags`);
      const categories: Partial<Record<CrosswalkModel, number>> = {};
      const paymentYear = {} as Record<CrosswalkModel, boolean>;
      CROSSWALK_MODELS.forEach((m, i) => {
        if (cells[i + 1]) categories[m] = Number(cells[i + 1]);
        paymentYear[m] = flags[i] === 'Y';
      });
      return Object.freeze({
        code: cells[0]!,
        categories: Object.freeze(categories),
        paymentYear: Object.freeze(paymentYear),
      });
    });
  return Object.freeze({ edition: Object.freeze(edition), rows: Object.freeze(rows) });
}
