/**
 * Node-only helpers for code-set packs (`medcode/node`): a source over a `codesets/` folder, the
 * package's built-in folder, and the `index.json` that lets `loadPacks` fetch a folder over HTTP.
 * Everything else in medcode runs wherever JavaScript runs; this entry imports `node:fs`.
 *
 * @module
 */
import { checkStringArgument } from '../core/arguments';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { PACK_SYSTEMS, findBuiltInCodesetsDir, folderSourceWith } from '../core/pack-source';
import type { PackSource } from '../core/pack-source';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A pack source over a `codesets/` folder (`<dir>/<system>/<edition>/manifest.json` and packs),
 * e.g. the packs copied next to a bundled function.
 *
 * @example
 * ```ts
 * import { folderSource } from 'medcode/node'
 * import { createIcd10CmSystem } from 'medcode/icd10cm'
 * const icd = createIcd10CmSystem({ packs: folderSource(new URL('./codesets', import.meta.url).pathname) })
 * ```
 */
export function folderSource(dir: string): PackSource {
  checkStringArgument('folderSource', 'dir', dir);
  return folderSourceWith(fs, dir, sha256);
}

/**
 * The folder of packs shipped in the medcode package (what every system reads by default on Node).
 * Copy it next to a bundle that cannot see `node_modules/medcode`.
 *
 * @example
 * ```ts
 * cpSync(builtInCodesetsFolder(), 'dist/codesets', { recursive: true })
 * ```
 */
export function builtInCodesetsFolder(): string {
  return findBuiltInCodesetsDir();
}

/**
 * The `index.json` of a `codesets/` folder: the edition folders of each system, which is what
 * `loadPacks` reads first when it fetches packs over HTTP (a web server cannot list folders).
 *
 * @example
 * ```ts
 * packIndex('codesets') // { icd10cm: ['fy2026', 'fy2027'], icd10pcs: ['fy2026'], … }
 * ```
 */
export function packIndex(dir: string): Record<string, readonly string[]> {
  checkStringArgument('packIndex', 'dir', dir);
  const source = folderSource(dir);
  const out: Record<string, readonly string[]> = {};
  for (const system of PACK_SYSTEMS) {
    const editions = source.editions(system);
    if (editions.length > 0) out[system] = editions;
  }
  return out;
}

/**
 * Writes `<dir>/index.json` (see {@link packIndex}) and returns its path.
 *
 * @example
 * ```ts
 * writePackIndex('public/codesets') // 'public/codesets/index.json'
 * ```
 */
export function writePackIndex(dir: string): string {
  checkStringArgument('writePackIndex', 'dir', dir);
  const file = join(dir, 'index.json');
  fs.writeFileSync(file, `${JSON.stringify(packIndex(dir), null, 2)}\n`);
  return file;
}

export { createClaimValidationPool, validateClaimsInWorkers } from './validate-workers';
export type {
  ClaimSource,
  ClaimStreamOptions,
  ClaimValidationPool,
  ClaimValidationPoolOptions,
  ClaimsValidationLines,
  ClaimsValidationText,
  WorkerValidateOptions,
} from './validate-workers';
export { createClaimBatchProcessor } from './claim-batch-processor';
export type { ClaimBatchJob, ClaimBatchResult } from './claim-batch-processor';
