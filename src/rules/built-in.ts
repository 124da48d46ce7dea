/**
 * The built-in code systems as the rules engine's default code sets: HCPCS Level II, modifiers
 * and places of service from `medcode/hcpcs`, ICD-10-CM from `medcode/icd10cm` and ICD-10-PCS
 * from `medcode/icd10pcs`. Importing
 * this module creates the systems but reads no data: each system reads its manifests and packs on
 * first use, i.e. when the first claim is validated.
 *
 * @module
 */
import type { PackSource, PackSourceInput } from '../core/pack-source';
import { createHcpcsSystem, hcpcs } from '../hcpcs/index';
import type { HcpcsSystem } from '../hcpcs/index';
import { createIcd10CmSystem, icd10cm } from '../icd10cm/index';
import type { Icd10CmSystem } from '../icd10cm/index';
import { createIcd10PcsSystem, icd10pcs } from '../icd10pcs/index';
import type { Icd10PcsSystem } from '../icd10pcs/index';
import type { ClaimCodeSets } from './contract';

/** The code sets the built-in systems provide, over one `codesets/` folder. */
function codeSetsOf(h: HcpcsSystem, cm: Icd10CmSystem, pcs: Icd10PcsSystem): ClaimCodeSets {
  return Object.freeze({
    icd10cm: (date: string) => cm.tryAt(date),
    icd10pcs: (date: string) => pcs.tryAt(date),
    hcpcs: (date: string) => h.tryAt(date),
    modifiers: (date: string) => h.modifiers.tryAt(date),
    placesOfService: (date: string) => h.placesOfService.tryAt(date),
  });
}

let defaults: ClaimCodeSets | undefined;
const byDir = new Map<string, ClaimCodeSets>();
const bySource = new WeakMap<PackSource, ClaimCodeSets>();

/**
 * The code sets medcode ships, chosen by date: what `validateClaim` uses for every system the
 * caller does not inject through `options.codeSets`. With `codesetsDir`, systems over that folder
 * (created once per folder).
 *
 * @example
 * ```ts
 * const sets = builtInCodeSets()
 * sets.hcpcs?.('2026-03-01') // { ok: true, value: HCPCS Level II 2026-jan }
 * ```
 */
export function builtInCodeSets(packs?: PackSourceInput): ClaimCodeSets {
  if (packs === undefined) return (defaults ??= codeSetsOf(hcpcs, icd10cm, icd10pcs));
  let sets = typeof packs === 'string' ? byDir.get(packs) : bySource.get(packs);
  if (!sets) {
    sets = codeSetsOf(
      createHcpcsSystem({ packs }),
      createIcd10CmSystem({ packs }),
      createIcd10PcsSystem({ packs }),
    );
    if (typeof packs === 'string') byDir.set(packs, sets);
    else bySource.set(packs, sets);
  }
  return sets;
}
