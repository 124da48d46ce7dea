/**
 * Import of the CMS NCCI Medically Unlikely Edit tables (practitioner services, outpatient hospital
 * services, DME supplier services) as published: the CSV, the Excel workbook, or the zip holding
 * either. Import-time only (fflate, read-excel-file).
 *
 * @module
 */
import { checkOfficialFile, checkOfficialFiles } from '../core/arguments';
import { SourceFormatError } from '../core/errors';
import { unzipOfficialFile } from '../core/official-zip';
import { readWorkbook } from '../import/xlsx';
import type { BuiltEdition } from '../import/built';
import { quarterOf, sha256 } from '../import/built';
import type { OfficialFile } from '../hcpcs/import';
import { parseMueCsv } from './mue';
import { importPtp } from './ptp';
import type { MueSetting } from './mue';

const SETTING_IN_NAME: readonly [RegExp, MueSetting][] = [
  [/Practitioner/i, 'practitioner'],
  [/OutpatientHospital|Facility|_OPH_/i, 'hospital'],
  [/DME/i, 'dme'],
];

const SETTING_FILE: Record<MueSetting, string> = {
  practitioner: 'MCR_MUE_PractitionerServices',
  hospital: 'MCR_MUE_OutpatientHospitalServices',
  dme: 'MCR_MUE_DMESupplierServices',
};

/**
 * The MUE setting a file name names, if any.
 *
 * @example
 * ```ts
 * mueSettingFromName('MCR_MUE_DMESupplierServices_Eff_10-01-2026.csv') // 'dme'
 * ```
 */
export function mueSettingFromName(name: string): MueSetting | undefined {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (!/MUE/i.test(base)) return undefined;
  return SETTING_IN_NAME.find(([re]) => re.test(base))?.[1];
}

/** CSV text of workbook rows, so that the CSV parser (and its checks) reads both editions alike. */
function rowsToCsv(rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) => `"${(v === null || v === undefined ? '' : String(v)).replace(/"/g, '""')}"`;
  return rows.map((r) => r.map(cell).join(',')).join('\r\n');
}

async function csvTextOf(file: OfficialFile): Promise<{ text: string | Uint8Array; member: string }> {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.zip')) {
    const zip = unzipOfficialFile(file.bytes, file.name, (member) => /\.(csv|xlsx)$/i.test(member));
    const names = Object.keys(zip).sort((a, b) => (a.endsWith('.csv') ? -1 : b.endsWith('.csv') ? 1 : 0));
    const name = names[0];
    if (!name) throw new SourceFormatError(file.name, undefined, 'the zip holds no MUE .csv or .xlsx table');
    return csvTextOf({ name, bytes: zip[name]! });
  }
  if (lower.endsWith('.xlsx')) {
    const sheets = await readWorkbook(file);
    const sheet = sheets[0];
    if (!sheet) throw new SourceFormatError(file.name, undefined, 'the workbook has no sheet');
    return { text: rowsToCsv(sheet.data), member: file.name };
  }
  return { text: file.bytes, member: file.name };
}

/**
 * Imports one MUE table. The setting and the effective date come from the CMS file name
 * (`MCR_MUE_<Setting>Services_Eff_MM-DD-YYYY`); the setting must agree with the table's own header
 * (a practitioner table given under a DME name is an error). MUE tables are quarterly: the edition
 * covers its quarter, and the publisher's validity names the next quarter's file.
 *
 * @example
 * ```ts
 * const built = await importMueFile({ name: 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv', bytes })
 * built.edition.id // 'practitioner-2026q2'
 * ```
 */
export async function importMueFile(
  file: OfficialFile,
  overrides: { readonly sourceName?: string; readonly contributed?: string } = {},
): Promise<BuiltEdition> {
  checkOfficialFile('importMueFile', 'file', file);
  const base = file.name.split(/[\\/]/).pop()!;
  const named = mueSettingFromName(base);
  const { text, member } = await csvTextOf(file);
  const memberBase = member.split(/[\\/]/).pop()!;
  const effName = /Eff_\d{2}-\d{2}-\d{4}/i.test(memberBase) ? memberBase : base;
  const table = parseMueCsv(text, { fileName: effName });
  if (named && named !== table.setting)
    throw new SourceFormatError(
      file.name,
      undefined,
      `the name says the ${named} table but the header is the ${table.setting} table's`,
    );
  const counts: Record<string, number> = { codes: table.size, mai1: 0, mai2: 0, mai3: 0 };
  for (const e of table.entries()) counts[`mai${e.mai}`]!++;
  const q = quarterOf(table.edition.effectiveFrom);
  const next = quarterOf(new Date(Date.UTC(q.year, q.quarter * 3, 1)).toISOString().slice(0, 10));
  const mm = String(next.quarter * 3 - 2).padStart(2, '0');
  return {
    edition: table.edition,
    derivation: `CMS MUE ${table.setting} services table, ${q.period} (effective ${table.edition.effectiveFrom}), parsed as published`,
    packs: { 'mue.pack': table.toPack() },
    counts,
    notes: [
      'CPT code numbers only, no CPT descriptors. The AMA copyright notice of the CMS file is kept in the pack (meta.notice).',
    ],
    sources: [
      {
        file: overrides.sourceName ?? base,
        sha256: sha256(file.bytes),
        bytes: file.bytes.byteLength,
        contributed:
          overrides.contributed ??
          `MUE ${table.setting} table: value, adjudication indicator and rationale per code`,
      },
    ],
    publisherValidity: {
      period: q.period,
      from: q.from,
      through: q.through,
      nextFile: `the CMS MUE ${table.setting} table for ${['January', 'April', 'July', 'October'][next.quarter - 1]} ${next.year} (${SETTING_FILE[table.setting]}_Eff_${mm}-01-${next.year}.csv)`,
    },
  };
}

/**
 * The PTP table a file name names (`ccipra-v322r0-f1.zip`: practitioner, version 32.2; `ccioph-…`:
 * outpatient hospital), as the key that groups the parts (`-f1` … `-f4`) of one table; `undefined`
 * for any other name.
 *
 * @example
 * ```ts
 * ptpTableOfName('ccipra-v322r0-f2.zip') // 'ccipra-v322r0'
 * ```
 */
export function ptpTableOfName(name: string): string | undefined {
  const m = /(cci(?:pra|oph))-?v(\d{3})r(\d+)/i.exec(name.split(/[\\/]/).pop() ?? name);
  return m ? `${m[1]!.toLowerCase()}-v${m[2]}r${m[3]}` : undefined;
}

/**
 * Imports the parts of one CMS NCCI PTP table (the zips as downloaded, `ccipra-v322r0-f1.zip` …, or
 * the tab-delimited text inside them) through `importPtp`, as one edition: the table's pack
 * (`ptp.pack`, read back with `PtpTable.fromPack` and given to the validator as `ptp.tables`) and a
 * manifest naming the quarter CMS released it for. Throws `SourceFormatError` as `importPtp` does,
 * and when the files hold more than one table.
 *
 * @example
 * ```ts
 * const built = await importPtpFiles([{ name: 'ccipra-v240r0-f1.zip', bytes }])
 * built.edition.id // 'practitioner-2018q1'
 * ```
 */
export async function importPtpFiles(files: readonly OfficialFile[]): Promise<BuiltEdition> {
  checkOfficialFiles('importPtpFiles', files);
  const tables = await importPtp(files.map((f) => ({ name: baseNameOf(f.name), bytes: f.bytes })));
  if (tables.length !== 1)
    throw new SourceFormatError(
      files[0]!.name,
      undefined,
      `the files hold ${tables.length} PTP tables (${tables.map((t) => t.edition.id).join(', ')}); import the parts of one table together`,
    );
  const table = tables[0]!;
  const q = quarterOf(table.edition.effectiveFrom);
  const next = quarterOf(
    `${q.quarter === 4 ? q.year + 1 : q.year}-${String(q.quarter === 4 ? 1 : q.quarter * 3 + 1).padStart(2, '0')}-01`,
  );
  const prefix = table.kind === 'practitioner' ? 'ccipra' : 'ccioph';
  // CMS numbers PTP versions from 1994: version 32.2 is 2026 Q3 (year 1994 + 32, quarter 2 + 1).
  const nextVersion = `${next.year - 1994}${next.quarter - 1}`;
  return {
    edition: table.edition,
    derivation: `CMS NCCI PTP ${table.kind} edit table, version ${table.version} (${table.sourceFiles.join(', ')}), parts merged and ordered by column 1, column 2 and effective date`,
    packs: { 'ptp.pack': table.toPack() },
    counts: { edits: table.size, rationales: table.rationales.length },
    notes: [],
    sources: files.map((f) => ({
      file: baseNameOf(f.name),
      sha256: sha256(f.bytes),
      bytes: f.bytes.byteLength,
      contributed: `NCCI PTP ${table.kind} edits (column 1/column 2 pairs, dates, modifier indicator, rationale)`,
    })),
    // CMS publishes the PTP tables quarterly, before the quarter starts (CMS NCCI PTP edits page).
    publisherValidity: {
      period: q.period,
      from: q.from,
      through: q.through,
      nextFile: `the CMS NCCI PTP ${table.kind} edit files for ${next.period} (${prefix}-v${nextVersion}r0-f1.zip …)`,
    },
  };
}

const baseNameOf = (name: string) => name.split(/[\\/]/).pop() ?? name;
