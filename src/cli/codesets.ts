/**
 * `--codesets <dir>`: a folder of imported editions (`medcode data import --out <dir>`) of any
 * system, added to the built-in editions and chosen by effective date, exactly as
 * `MEDCODE_CODESETS` and `extraCodesetsDirs` do. It never replaces the built-in data: an ICD-10-CM
 * code still answers from the built-in packs when the folder holds only a HCPCS quarter.
 *
 * @module
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergedManifests, mergedPackSource } from '../core/manifest';
import { PACK_SYSTEMS, toPackSource } from '../core/pack-source';
import { loadPtpTables } from '../ncci/ptp';
import type { PtpTable } from '../ncci/ptp';
import type { PackSource } from '../core/pack-source';
import { CliError } from './io';

/**
 * The systems `medcode data import` writes, each merged with the built-in editions by effective
 * date wherever the CLI reads it: ICD-10-CM, ICD-10-PCS and HCPCS Level II (lookup, check, search,
 * validate), NCCI PTP, MUE and add-on code tables and the Medicare Code Editor lists (validate),
 * the CMS-HCC model (data status). Places of service and the PFS relative values have no run-time
 * importer: a folder holding them was not written by `medcode data import`, and is refused rather
 * than silently ignored.
 */
const MERGED_SYSTEMS: ReadonlySet<string> = new Set([
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
 * Where a CLI run reads packs: the built-in folder (`undefined`: the package's own `codesets/`) and
 * the imported folders merged with it.
 *
 * @example
 * ```ts
 * const where: CliCodesets = { builtIn: undefined, imported: ['/data/medcode-imported'] }
 * ```
 */
export interface CliCodesets {
  /** The built-in packs' folder; `undefined` for the package's own (the default systems). */
  readonly builtIn: string | undefined;
  /** Folders of imported editions, merged with the built-in ones by effective date. */
  readonly imported: readonly string[];
}

/**
 * Reads `--codesets <dir>`: checks the folder exists and holds editions that `medcode data import`
 * writes (of any system it imports), and returns it as an imported folder. `builtIn` (tests,
 * embedders) replaces the package's own folder. Throws a usage {@link CliError} naming the folder
 * otherwise.
 *
 * @example
 * ```ts
 * readCodesetsOption(process.cwd(), 'imported').imported // ['/home/me/imported']
 * ```
 */
export function readCodesetsOption(cwd: string, option: string | undefined, builtIn?: string): CliCodesets {
  if (option === undefined) return { builtIn, imported: [] };
  const dir = resolve(cwd, option);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CliError(`--codesets ${option}: no such folder`);
  const source = toPackSource(dir);
  // An empty folder adds nothing (a first import may not have run yet).
  const unmerged = PACK_SYSTEMS.filter((s) => !MERGED_SYSTEMS.has(s) && source.editions(s).length > 0);
  if (unmerged.length > 0)
    throw new CliError(
      `--codesets ${option}: holds ${unmerged.join(', ')} editions, which "medcode data import" does not write (it writes ${[...MERGED_SYSTEMS].join(', ')})`,
    );
  return { builtIn, imported: [dir] };
}

/**
 * One pack source over the built-in folder and the imported ones: for every system an imported
 * folder holds, its editions merged with the built-in ones by effective date (see
 * `mergedPackSource`); every other system as built in. What `medcode validate --codesets` gives
 * the validator as `packs`, so that each rule picks its data (code sets, MUE tables, MCE lists) from
 * the merged editions exactly as it does from the built-in ones. Throws the `MedcodeError` of
 * `mergedManifests` when two folders hold the same edition or overlapping ones.
 *
 * @example
 * ```ts
 * importedPackSource(builtInCodesetsDir(), ['/data/imported']).editions('hcpcs') // ['2026-jan', '2026-jul', '2026-oct']
 * ```
 */
export function importedPackSource(builtIn: string, imported: readonly string[]): PackSource {
  let source = toPackSource(builtIn);
  const folders = imported.map((d) => toPackSource(d));
  for (const system of MERGED_SYSTEMS) {
    if (!folders.some((f) => f.editions(system).length > 0)) continue;
    source = mergedPackSource(system, mergedManifests([source, ...folders], system), source);
  }
  return source;
}

/**
 * The NCCI PTP tables `medcode data import` wrote into imported folders (`ncci-ptp/<edition>/ptp.pack`),
 * each tied to its manifest, for the validator's `ptp.tables` (the rule picks the table of the
 * claim's setting for each line's quarter).
 *
 * @example
 * ```ts
 * importedPtpTables(['/data/imported']).map((t) => t.edition.id) // ['practitioner-2026q4']
 * ```
 */
export function importedPtpTables(imported: readonly string[]): PtpTable[] {
  return imported.flatMap((dir) => loadPtpTables(toPackSource(dir)));
}
