/**
 * Import of the Medicare Code Editor (MCE) code lists: the tab-delimited table of the CMS
 * "Definitions of Medicare Code Edits" lists (columns MCE_Version, ICD_Version, MCE_Section,
 * MCE_Subsection, MCE_Edit_Type, ICD_Code_Type, ICD_Code, ICD_Desc; `MCE_Simple_Code_Edits_vNN.txt`)
 * into the `mce/lists` pack the rules engine reads. Import-time only.
 *
 * @module
 */
import { checkOfficialFile } from '../core/arguments';
import type { Edition } from '../core/edition';
import { SourceFormatError } from '../core/errors';
import type { BuiltEdition } from '../import/built';
import { sha256 } from '../import/built';
import type { OfficialFile } from '../hcpcs/import';
import { MceLists, parseMceTable } from '../rules/mce';

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/**
 * Whether a file is an MCE code-list table: its header row is the MCE table's.
 *
 * @example
 * ```ts
 * looksLikeMceTable({ name: 'MCE_Simple_Code_Edits_v37.txt', bytes }) // true
 * ```
 */
export function looksLikeMceTable(file: OfficialFile): boolean {
  const head = Buffer.from(file.bytes.subarray(0, 200))
    .toString('latin1')
    .replace(/^\uFEFF|^ï»¿/, '');
  return /^MCE_Version\tICD_Version\tMCE_Section/.test(head);
}

/**
 * The fiscal year of an MCE version: CMS releases one version per fiscal year with the MS-DRG
 * grouper of the same number (v37 is FY2020, v43 FY2026; CMS "Definitions of Medicare Code Edits").
 *
 * @example
 * ```ts
 * mceFiscalYear(37) // 2020
 * ```
 */
export function mceFiscalYear(version: number): number {
  return version + 1983;
}

/**
 * Imports one MCE code-list table. The MCE version comes from the table's `MCE_Version` column and
 * must agree with the version in the file name (`…_v37.txt`) when the name carries one; the edition
 * covers the version's fiscal year (October 1 to September 30).
 *
 * @example
 * ```ts
 * const built = importMceFile({ name: 'MCE_Simple_Code_Edits_v37.txt', bytes })
 * built.edition.id // 'v37'
 * ```
 */
export function importMceFile(
  file: OfficialFile,
  overrides: {
    readonly sourceName?: string;
    readonly contributed?: string;
    readonly notes?: readonly string[];
    /** The official file to import after the version's fiscal year (default: the next version's). */
    readonly nextFile?: string;
  } = {},
): BuiltEdition {
  checkOfficialFile('importMceFile', 'file', file);
  const base = baseName(file.name);
  if (!looksLikeMceTable(file))
    throw new SourceFormatError(
      file.name,
      1,
      'not an MCE code-list table: the first row is not MCE_Version, ICD_Version, MCE_Section, …',
    );
  const { version, lists } = parseMceTable(Buffer.from(file.bytes).toString('utf8'), file.name);
  const named = /_v(\d+)\b/i.exec(base);
  if (named && Number(named[1]) !== version)
    throw new SourceFormatError(
      file.name,
      undefined,
      `the name says MCE v${named[1]} but the table is MCE v${version}`,
    );
  const counts = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, (v as string[]).length]));
  if (Object.values(counts).every((n) => n === 0))
    throw new SourceFormatError(
      file.name,
      undefined,
      'the table holds no code of the MCE lists medcode uses',
    );
  const fy = mceFiscalYear(version);
  const edition: Edition = {
    id: `v${version}`,
    name: `Medicare Code Editor v${version} (FY${fy})`,
    system: 'mce',
    effectiveFrom: `${fy - 1}-10-01`,
    effectiveTo: `${fy}-09-30`,
  };
  const mce = new MceLists(version, edition, lists);
  return {
    edition,
    derivation: `MCE v${version} simple code edits table (sections 4, 5, 6, 8, 9, 18, 19), codes undotted`,
    packs: { 'lists.pack': mce.toPack() },
    counts,
    notes: overrides.notes ?? [],
    sources: [
      {
        file: overrides.sourceName ?? base,
        sha256: sha256(file.bytes),
        bytes: file.bytes.byteLength,
        contributed:
          overrides.contributed ??
          `MCE v${version} code lists: age, sex, manifestation, questionable admission, unacceptable principal diagnosis, wrong procedure performed, procedure inconsistent with length of stay`,
      },
    ],
    // The MCE is versioned with the fiscal year of the IPPS/MS-DRG release it belongs to.
    publisherValidity: {
      period: `FY${fy}`,
      from: edition.effectiveFrom,
      through: `${fy}-09-30`,
      nextFile:
        overrides.nextFile ??
        `the CMS Definitions of Medicare Code Edits v${version + 1} (FY${fy + 1}) code lists`,
    },
  };
}
