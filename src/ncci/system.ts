/**
 * The MUE code system: the built-in (or injected) MUE packs by edition, chosen by date of service.
 *
 * @module
 */
import { checkOptionsArgument } from '../core/arguments';
import type { CodeSystem } from '../core/codeset';
import type { DateInput } from '../core/dates';
import type { Edition } from '../core/edition';
import { orderEditions, selectEdition } from '../core/edition';
import { MedcodeError } from '../core/errors';
import { createIssue } from '../core/issues';
import {
  packSourceOption,
  defaultPackSource,
  openPack,
  systemManifests,
  toPackSource,
} from '../core/pack-source';
import type { PackSource, PackSourceInput } from '../core/pack-source';
import type { Result } from '../core/result';
import { MueTable } from './mue';
import type { MueSetting } from './mue';
import { success } from '../core/result';

/** The MUE system: every loaded table of one setting, by quarter. */
export interface MueSystem extends CodeSystem<MueTable> {
  readonly setting: MueSetting;
}

/**
 * Creates the MUE system of a setting over the packs in `codesetsDir` (default: the built-in packs,
 * i.e. the practitioner table effective 2026-04-01) and/or tables passed directly. Manifests are
 * read on first use, packs on first lookup of their edition.
 *
 * @example
 * ```ts
 * const mue = createMueSystem()
 * mue.at('2026-05-01').get('99213') // { value: 2, mai: 3, rationale: 'Clinical: Data', … }
 * mue.tryAt('2026-08-01').ok        // false: no table for that quarter
 * ```
 */
export function createMueSystem(
  options: {
    /** Where the packs come from (a `PackSource` or a folder path); default: the built-in packs. */
    readonly packs?: PackSourceInput;
    readonly codesetsDir?: string;
    readonly tables?: readonly MueTable[];
    readonly setting?: MueSetting;
  } = {},
): MueSystem {
  checkOptionsArgument('createMueSystem', options);
  const setting = options.setting ?? 'practitioner';
  let editions: readonly Edition[] | undefined;
  const tables = new Map<string, MueTable>();
  for (const t of options.tables ?? []) if (t.setting === setting) tables.set(t.edition.id, t);
  const input = packSourceOption('createMueSystem', options);
  let source: PackSource | undefined;
  const packs = (): PackSource | undefined =>
    (source ??= input !== undefined ? toPackSource(input) : options.tables ? undefined : defaultPackSource());
  const load = (): readonly Edition[] => {
    if (!editions) {
      const dir = packs();
      const fromDisk = dir
        ? systemManifests(dir, 'ncci-mue')
            .map((m) => m.edition)
            .filter((e) => e.id.startsWith(`${setting}-`) && !tables.has(e.id))
        : [];
      editions = orderEditions([...fromDisk, ...[...tables.values()].map((t) => t.edition)]);
    }
    return editions;
  };
  const open = (e: Edition): MueTable => {
    let t = tables.get(e.id);
    if (!t) {
      t = MueTable.fromPack(openPack(packs()!, 'ncci-mue', e.id, 'mue.pack', 'ncci/mue'));
      tables.set(e.id, t);
    }
    return t;
  };
  const tryAt = (date: DateInput): Result<MueTable> => {
    const r = selectEdition(load(), date, 'ncci-mue');
    return r.ok ? success(open(r.value)) : r;
  };
  return {
    id: 'ncci-mue',
    setting,
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
