/**
 * `--codesets <dir>`: a folder of imported editions (`medcode data import --out <dir>`) of any
 * system, added to the built-in editions and chosen by effective date, exactly as
 * `MEDCODE_CODESETS` and `extraCodesetsDirs` do. It never replaces the built-in data: an ICD-10-CM
 * code still answers from the built-in packs when the folder holds only a HCPCS quarter.
 *
 * @module
 */
import { resolve } from 'node:path';
import { PACK_SYSTEMS, toPackSource } from '../core/pack-source';
import { IMPORTED_SYSTEMS } from '../node/imported-editions';
import { isFolder } from '../node/paths';
import { CliError } from './io';

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
  if (!isFolder(dir)) throw new CliError(`--codesets ${option}: no such folder`);
  const source = toPackSource(dir);
  // An empty folder adds nothing (a first import may not have run yet).
  const unmerged = PACK_SYSTEMS.filter((s) => !IMPORTED_SYSTEMS.has(s) && source.editions(s).length > 0);
  if (unmerged.length > 0)
    throw new CliError(
      `--codesets ${option}: holds ${unmerged.join(', ')} editions, which "medcode data import" does not write (it writes ${[...IMPORTED_SYSTEMS].join(', ')})`,
    );
  return { builtIn, imported: [dir] };
}
