/**
 * The PFS system: the built-in (or injected) relative value files by quarter, and `priceClaim`
 * over them. Packs are read on first use; importing this module reads nothing.
 *
 * @module
 */
import { checkOptionsArgument } from '../core/arguments';
import type { Claim } from '../claims/schema';
import type { CodeSystem } from '../core/codeset';
import type { DateInput } from '../core/dates';
import type { Edition } from '../core/edition';
import { orderEditions, selectEdition } from '../core/edition';
import { MedcodeError } from '../core/errors';
import { createIssue } from '../core/issues';
import {
  packSourceOption,
  defaultPackSource,
  systemManifests,
  toPackSource,
  verifiedPackBytes,
} from '../core/pack-source';
import type { PackSource, PackSourceInput } from '../core/pack-source';
import type { Result } from '../core/result';
import { failure, success } from '../core/result';
import { decodeRvuPack } from './loader';
import type { ClaimPricing, PfsLocality } from './model';
import { priceClaimWith, pricingOptionIssue } from './price';
import { PfsSchedule } from './schedule';

/** The PFS system: relative value files by quarter. */
export type PfsSystem = CodeSystem<PfsSchedule>;

/**
 * Creates the PFS system over the packs in `codesetsDir` (default: the built-in RVU26C file,
 * July–September 2026) and/or schedules passed directly.
 *
 * @example
 * ```ts
 * const pfs = createPfsSystem()
 * pfs.at('2026-08-01').get('99213')?.workRvu // '1.30'
 * ```
 */
export function createPfsSystem(
  options: {
    readonly packs?: PackSourceInput;
    readonly codesetsDir?: string;
    readonly schedules?: readonly PfsSchedule[];
  } = {},
): PfsSystem {
  checkOptionsArgument('createPfsSystem', options);
  const input = packSourceOption('createPfsSystem', options);
  let source: PackSource | undefined;
  const packs = (): PackSource | undefined =>
    (source ??=
      input !== undefined ? toPackSource(input) : options.schedules ? undefined : defaultPackSource());
  const schedules = new Map<string, PfsSchedule>();
  for (const s of options.schedules ?? []) schedules.set(s.edition.id, s);
  let editions: readonly Edition[] | undefined;
  const load = (): readonly Edition[] => {
    if (!editions) {
      const dir = packs();
      const fromDisk = dir
        ? systemManifests(dir, 'pfs')
            .map((m) => m.edition)
            .filter((e) => !schedules.has(e.id))
        : [];
      editions = orderEditions([...fromDisk, ...[...schedules.values()].map((s) => s.edition)]);
    }
    return editions;
  };
  const open = (e: Edition): PfsSchedule => {
    let s = schedules.get(e.id);
    if (!s) {
      const file = `pfs/${e.id}/rvu.pack`;
      const d = decodeRvuPack(verifiedPackBytes(packs()!, 'pfs', e.id, 'rvu.pack'), file);
      s = new PfsSchedule(d.edition, d.notice, d.entries);
      schedules.set(e.id, s);
    }
    return s;
  };
  const tryAt = (date: DateInput): Result<PfsSchedule> => {
    const r = selectEdition(load(), date, 'pfs');
    return r.ok ? success(open(r.value)) : r;
  };
  return {
    id: 'pfs',
    get editions() {
      return load();
    },
    tryAt,
    at(date) {
      const r = tryAt(date);
      if (!r.ok) throw new MedcodeError(r.issues);
      return r.value;
    },
    edition(id) {
      const e = load().find((x) => x.id === id);
      if (!e)
        throw new MedcodeError([
          createIssue({
            code: 'invalid_option',
            severity: 'error',
            path: [],
            codes: [],
            option: 'edition',
            expected:
              load()
                .map((x) => x.id)
                .join(' | ') || 'a loaded edition',
          }),
        ]);
      return open(e);
    },
  };
}

let builtIn: PfsSystem | undefined;

/**
 * The built-in PFS system (CMS RVU26C, effective 2026-07-01 to 2026-09-30). Nothing is read until first use.
 *
 * @example
 * ```ts
 * import { pfs } from 'medcode/pfs'
 * pfs.at('2026-08-01').get('71046', '26')?.nonFacilityTotal // '0.30'
 * ```
 */
export const pfs: PfsSystem = {
  id: 'pfs',
  get editions() {
    builtIn ??= createPfsSystem();
    return builtIn.editions;
  },
  at: (date) => {
    builtIn ??= createPfsSystem();
    return builtIn.at(date);
  },
  tryAt: (date) => {
    builtIn ??= createPfsSystem();
    return builtIn.tryAt(date);
  },
  edition: (id) => {
    builtIn ??= createPfsSystem();
    return builtIn.edition(id);
  },
};

/**
 * Prices a claim under the physician fee schedule: each line with the RVU file in force on its
 * date of service (default: the built-in files), national amounts or, with `locality`, amounts
 * adjusted by that locality's GPCIs. See {@link priceClaimWith} for the rules.
 *
 * @example
 * ```ts
 * const r = priceClaim(claim)
 * if (r.ok) for (const l of r.value.lines) console.log(l.procedure, l.amount ?? l.unpriced, l.formula)
 * ```
 */
export function priceClaim(
  claim: Claim,
  options: { readonly locality?: PfsLocality; readonly system?: PfsSystem } = {},
): Result<ClaimPricing> {
  if (options === null || typeof options !== 'object')
    return failure([pricingOptionIssue([], 'options', 'an options object (locality, system)')]);
  const system = options.system ?? pfs;
  return priceClaimWith(claim, {
    schedule: (date) => system.tryAt(date),
    ...(options.locality ? { locality: options.locality } : {}),
  });
}
