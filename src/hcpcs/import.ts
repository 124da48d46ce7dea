/**
 * Import of the CMS HCPCS Level II quarterly file ("alpha-numeric HCPCS file"): the zip, its
 * fixed-width `HCPCYYYY_MMM_ANWEB_*.txt` (layout per `HCPCYYYY_recordlayout.txt`) or its `.xlsx`.
 * Import-time only: it loads fflate and read-excel-file, which `medcode/hcpcs` lookups never do.
 *
 * @module
 */
import { checkOfficialFile } from '../core/arguments';
import type { Edition } from '../core/edition';
import { SourceFormatError } from '../core/errors';
import { unzipOfficialFile } from '../core/official-zip';
import { readWorkbook } from '../import/xlsx';
import type { ManifestSource } from '../core/manifest';
import type { BuiltEdition } from '../import/built';
import { QUARTER_MONTHS, quarterOf, sha256 } from '../import/built';
import { parseHcpcsFixedWidth, parseHcpcsWorkbookRows } from './loader';
import type { HcpcsFileContents } from './loader';
import { encodeHcpcsCodes, encodeHcpcsModifiers } from './pack-format';

/** An official file given to an importer: its name (as published) and its bytes. */
export interface OfficialFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const MONTHS = ['JAN', 'APR', 'JUL', 'OCT'] as const;
const MONTH_NAMES = ['January', 'April', 'July', 'October'] as const;

/**
 * The quarter a HCPCS file name names: `HCPC2026_JUL_ANWEB_…` or `july-2026-alpha-numeric-hcpcs-file.zip`.
 *
 * @example
 * ```ts
 * hcpcsQuarterFromName('HCPC2026_JUL_ANWEB_06172026.xlsx') // { year: 2026, quarter: 3 }
 * ```
 */
export function hcpcsQuarterFromName(name: string): { year: number; quarter: number } | undefined {
  const base = name.split(/[\\/]/).pop() ?? name;
  const a = /HCPC(\d{4})_(JAN|APR|JUL|OCT)_/i.exec(base);
  if (a) return { year: Number(a[1]), quarter: MONTHS.indexOf(a[2]!.toUpperCase() as never) + 1 };
  const b = /(january|april|july|october)-(\d{4})-alpha-numeric-hcpcs/i.exec(base);
  if (b) return { year: Number(b[2]), quarter: QUARTER_MONTHS.indexOf(b[1]!.toLowerCase() as never) + 1 };
  return undefined;
}

/**
 * Whether some bytes look like a HCPCS file (the ANWEB text layout, its workbook, or the zip).
 *
 * @example
 * ```ts
 * looksLikeHcpcs({ name: 'HCPC2026_JUL_ANWEB_06172026.xlsx', bytes }) // true
 * ```
 */
export function looksLikeHcpcs(file: OfficialFile): boolean {
  return hcpcsQuarterFromName(file.name) !== undefined || /ANWEB/i.test(file.name);
}

async function readContents(file: OfficialFile): Promise<{ contents: HcpcsFileContents; member: string }> {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.zip')) {
    const zip = unzipOfficialFile(file.bytes, file.name, (member) =>
      /_ANWEB[^/]*\.(txt|xlsx)$/i.test(member),
    );
    const names = Object.keys(zip).sort((a, b) => (a.endsWith('.txt') ? -1 : b.endsWith('.txt') ? 1 : 0));
    const name = names[0];
    if (!name) throw new SourceFormatError(file.name, undefined, 'the zip holds no HCPCYYYY_MMM_ANWEB file');
    const inner = await readContents({ name, bytes: zip[name]! });
    return { contents: inner.contents, member: `${file.name} → ${name}` };
  }
  if (lower.endsWith('.xlsx')) {
    const sheets = await readWorkbook(file);
    const sheet = sheets.find((s) => /_contr$/i.test(s.sheet)) ?? sheets[0];
    if (!sheet) throw new SourceFormatError(file.name, undefined, 'the workbook has no sheet');
    const base = file.name.split(/[\\/]/).pop()!;
    return { contents: parseHcpcsWorkbookRows(sheet.data, base), member: file.name };
  }
  const base = file.name.split(/[\\/]/).pop()!;
  return {
    contents: parseHcpcsFixedWidth(Buffer.from(file.bytes).toString('latin1'), base),
    member: file.name,
  };
}

/**
 * Imports one HCPCS Level II quarterly file. The quarter comes from the file name and must agree
 * with the content: CMS dates every change a quarterly file carries with its action effective date,
 * so the latest one falls in the file's own quarter (a July file renamed as October is an error).
 *
 * @example
 * ```ts
 * const built = await importHcpcsFile({ name: 'HCPC2026_JUL_ANWEB_06172026.xlsx', bytes })
 * built.edition // { id: '2026-jul', effectiveFrom: '2026-07-01', effectiveTo: null, … }
 * ```
 */
export async function importHcpcsFile(
  file: OfficialFile,
  overrides: Partial<Pick<BuiltEdition, 'derivation' | 'notes'>> & {
    readonly edition?: Edition;
    readonly sourceName?: string;
    readonly contributed?: string;
  } = {},
): Promise<BuiltEdition> {
  checkOfficialFile('importHcpcsFile', 'file', file);
  const named = hcpcsQuarterFromName(file.name);
  if (!named)
    throw new SourceFormatError(
      file.name,
      undefined,
      'the HCPCS quarter is not in the file name (HCPCYYYY_MMM_ANWEB_… or <month>-YYYY-alpha-numeric-hcpcs-file.zip)',
    );
  const { contents, member } = await readContents(file);
  if (contents.codes.length === 0)
    throw new SourceFormatError(file.name, undefined, 'no HCPCS code records (record id 3) in the file');
  const q = quarterOf(`${named.year}-${String(named.quarter * 3 - 2).padStart(2, '0')}-01`);
  let latest = '';
  for (const c of contents.codes)
    if (c.actionEffectiveDate && c.actionEffectiveDate > latest) latest = c.actionEffectiveDate;
  if (latest !== '' && (latest < q.from || latest > q.through)) {
    const actual = quarterOf(latest);
    throw new SourceFormatError(
      file.name,
      undefined,
      `the name says ${q.period} but the latest action effective date in the file is ${latest} (${actual.period}): the file is the ${MONTH_NAMES[actual.quarter - 1]} ${actual.year} update`,
    );
  }
  const month = MONTH_NAMES[named.quarter - 1]!;
  const edition: Edition = overrides.edition ?? {
    id: `${named.year}-${MONTHS[named.quarter - 1]!.toLowerCase()}`,
    name: `HCPCS Level II ${named.year} ${month}`,
    system: 'hcpcs',
    effectiveFrom: q.from,
    effectiveTo: null,
  };
  const next = quarterOf(new Date(Date.UTC(named.year, named.quarter * 3, 1)).toISOString().slice(0, 10));
  const sourceName = overrides.sourceName ?? file.name.split(/[\\/]/).pop()!;
  const source: ManifestSource = {
    file: sourceName,
    sha256: sha256(file.bytes),
    bytes: file.bytes.byteLength,
    contributed:
      overrides.contributed ?? `HCPCS Level II codes and modifiers, ${month} ${named.year} (${member})`,
  };
  return {
    edition,
    derivation:
      overrides.derivation ??
      `CMS HCPCS Level II ${month} ${named.year} quarterly file (${member}), imported with medcode.`,
    packs: {
      'codes.pack': encodeHcpcsCodes(edition.id, contents.codes),
      'modifiers.pack': encodeHcpcsModifiers(edition.id, contents.modifiers),
    },
    counts: {
      codes: contents.codes.length,
      modifiers: contents.modifiers.length,
      codesWithTerminationDate: contents.codes.filter((c) => c.terminationDate !== undefined).length,
      codeContinuationRecords: contents.continuationRecords.codes,
      modifierContinuationRecords: contents.continuationRecords.modifiers,
    },
    notes: overrides.notes ?? [],
    sources: [source],
    publisherValidity: {
      period: q.period,
      from: q.from,
      through: q.through,
      nextFile: `the CMS HCPCS Level II ${MONTH_NAMES[next.quarter - 1]} ${next.year} quarterly file (${QUARTER_MONTHS[next.quarter - 1]}-${next.year}-alpha-numeric-hcpcs-file.zip)`,
    },
  };
}
