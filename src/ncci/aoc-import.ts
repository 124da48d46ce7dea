/**
 * Import of the CMS NCCI Medicare add-on code (AOC) edit table as published: the Excel workbook
 * (`AOC_V<year>Q<n>-MCR.xlsx`) or the zip holding it. Import-time only (fflate, read-excel-file).
 *
 * @module
 */
import { checkOfficialFile } from '../core/arguments';
import { SourceFormatError } from '../core/errors';
import { unzipOfficialFile } from '../core/official-zip';
import { readWorkbook } from '../import/xlsx';
import type { BuiltEdition } from '../import/built';
import { quarterOf, sha256 } from '../import/built';
import type { OfficialFile } from '../hcpcs/import';
import { parseAocRows } from './aoc';

/**
 * Whether a file name is CMS's AOC table name (`AOC_V2026Q2-MCR.xlsx`, or its zip).
 *
 * @example
 * ```ts
 * isAocFileName('AOC_V2026Q2-MCR.xlsx') // true
 * ```
 */
export function isAocFileName(name: string): boolean {
  return /(^|[\\/])AOC_V\d{4}Q[1-4]/i.test(name);
}

async function worksheetRows(file: OfficialFile): Promise<{ rows: unknown[][]; member: string }> {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.zip')) {
    const zip = unzipOfficialFile(file.bytes, file.name, (member) => /\.xlsx$/i.test(member));
    const name = Object.keys(zip).sort()[0];
    if (!name) throw new SourceFormatError(file.name, undefined, 'the zip holds no AOC .xlsx table');
    return worksheetRows({ name, bytes: zip[name]! });
  }
  if (!lower.endsWith('.xlsx'))
    throw new SourceFormatError(
      file.name,
      undefined,
      'the AOC table is read from its Excel workbook (.xlsx)',
    );
  const sheets = await readWorkbook(file);
  const sheet = sheets[0];
  if (!sheet) throw new SourceFormatError(file.name, undefined, 'the workbook has no sheet');
  return { rows: sheet.data as unknown[][], member: file.name };
}

/**
 * Imports one AOC table into a built edition (`ncci-aoc/<year>q<n>/aoc.pack`). The quarter comes
 * from the CMS file name (`AOC_V<year>Q<n>-MCR`); AOC tables are quarterly, and the publisher's
 * validity names the next quarter's file. CMS's AMA copyright notice is kept in the pack.
 *
 * @example
 * ```ts
 * const built = await importAocFile({ name: 'AOC_V2026Q2-MCR.xlsx', bytes })
 * built.edition.id // '2026q2'
 * ```
 */
export async function importAocFile(
  file: OfficialFile,
  overrides: { readonly sourceName?: string; readonly contributed?: string } = {},
): Promise<BuiltEdition> {
  checkOfficialFile('importAocFile', 'file', file);
  const base = file.name.split(/[\\/]/).pop()!;
  const { rows, member } = await worksheetRows(file);
  const memberBase = member.split(/[\\/]/).pop()!;
  const table = parseAocRows(rows, { fileName: isAocFileName(memberBase) ? memberBase : base });
  const counts: Record<string, number> = {
    rows: table.size,
    addOnCodes: table.addOnCodes().length,
    type1: 0,
    type2: 0,
    type3: 0,
  };
  for (const code of table.addOnCodes())
    for (const p of table.get(code)!.primaries) counts[`type${p.editType}`]!++;
  const q = quarterOf(table.edition.effectiveFrom);
  const next = quarterOf(new Date(Date.UTC(q.year, q.quarter * 3, 1)).toISOString().slice(0, 10));
  return {
    edition: table.edition,
    derivation: `CMS NCCI Medicare add-on code edit table, ${q.period} (effective ${table.edition.effectiveFrom}), parsed as published; Julian dates as ISO dates`,
    packs: { 'aoc.pack': table.toPack() },
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
          'AOC table: edit type, primary codes and their dates, special instructions per add-on code',
      },
    ],
    publisherValidity: {
      period: q.period,
      from: q.from,
      through: q.through,
      nextFile: `the CMS NCCI Medicare add-on code edit table for ${next.year} Q${next.quarter} (AOC_V${next.year}Q${next.quarter}-MCR.xlsx)`,
    },
  };
}
