/**
 * Editions imported with `medcode data import` (folders of packs) added to a validator's base
 * packs, by effective date: the one place that decides what a validator reads from imported
 * folders, for `medcode validate --codesets` on one thread and for the worker threads of
 * {@link validateClaimsInWorkers} alike, so that both give the same verdicts.
 *
 * Internal to medcode (the CLI and the worker pool); not a public entry.
 *
 * @module
 */
import { mergedManifests, mergedPackSource } from '../core/manifest';
import type { PackSource } from '../core/pack-source';
import { BUILT_IN_AOC_EDITION, loadAocTable } from '../ncci/aoc';
import type { AocTable } from '../ncci/aoc';
import { loadPtpTables } from '../ncci/ptp';
import type { PtpTable } from '../ncci/ptp';

/**
 * The systems `medcode data import` writes, each merged with the built-in editions by effective
 * date wherever medcode reads imported folders: ICD-10-CM, ICD-10-PCS and HCPCS Level II, NCCI PTP,
 * MUE and add-on code tables, the Medicare Code Editor lists and the CMS-HCC model. Places of
 * service and the PFS relative values have no run-time importer.
 *
 * @example
 * ```ts
 * IMPORTED_SYSTEMS.has('hcpcs') // true
 * IMPORTED_SYSTEMS.has('pos') // false
 * ```
 */
export const IMPORTED_SYSTEMS: ReadonlySet<string> = new Set([
  'ncci-ptp',
  'icd10cm',
  'icd10pcs',
  'hcpcs',
  'ncci-mue',
  'ncci-aoc',
  'mce',
  'hcc',
]);

/**
 * One pack source over `base` and the imported folders: for every system an imported folder holds,
 * its editions merged with the base ones by effective date (see `mergedPackSource`); every other
 * system as in `base`. Throws the `MedcodeError` of `mergedManifests` when two folders hold the
 * same edition or overlapping ones.
 *
 * @example
 * ```ts
 * withImportedEditions(folderSource(builtInCodesetsFolder()), [folderSource('/data/imported')]).editions('hcpcs')
 * // ['2026-jan', '2026-jul', '2026-oct']
 * ```
 */
export function withImportedEditions(base: PackSource, imported: readonly PackSource[]): PackSource {
  let source = base;
  for (const system of IMPORTED_SYSTEMS) {
    if (!imported.some((f) => f.editions(system).length > 0)) continue;
    source = mergedPackSource(system, mergedManifests([source, ...imported], system), source);
  }
  return source;
}

/** What a validator is given for imported folders ({@link importedValidatorData}). */
export interface ImportedValidatorData {
  /** The base packs with the imported editions merged in: the validator's `packs`. */
  readonly packs: PackSource;
  /** The add-on code tables of the imported quarters: the validator's `aoc.tables` (none: omit). */
  readonly aocTables: readonly AocTable[];
  /** The PTP tables of the imported quarters, for the validator's `ptp.tables`. */
  readonly ptpTables: readonly PtpTable[];
}

/**
 * The data a validator reads from imported folders added to `base`: the merged packs (code sets,
 * MUE tables and MCE lists are picked from them by date), every add-on code table other than the
 * built-in quarter (the rule uses its tables on their dates and the built-in quarter elsewhere),
 * and the PTP tables each folder holds (none ship with medcode).
 *
 * @example
 * ```ts
 * const data = importedValidatorData(folderSource(builtInCodesetsFolder()), [folderSource('/data/imported')])
 * createClaimValidator({ packs: data.packs, ptp: { tables: data.ptpTables } })
 * ```
 */
export function importedValidatorData(
  base: PackSource,
  imported: readonly PackSource[],
): ImportedValidatorData {
  const packs = withImportedEditions(base, imported);
  const aocTables = mergedManifests([packs], 'ncci-aoc')
    .filter((e) => e.manifest.edition.id !== BUILT_IN_AOC_EDITION)
    .map((e) => loadAocTable({ packs, edition: e.manifest.edition.id }));
  const ptpTables = imported.flatMap((source) => loadPtpTables(source));
  return Object.freeze({ packs, aocTables: Object.freeze(aocTables), ptpTables: Object.freeze(ptpTables) });
}
