/**
 * The HCPCS Level II, modifier and place-of-service code systems: their editions (read from the
 * packs' manifests on first use) and the choice of edition by date of service.
 *
 * Editions held (see docs/hcpcs.md): HCPCS January 2026 (2026-01-01..2026-06-30: the April 2026
 * update is NOT held, so the January file stands for the second quarter too, until an imported
 * April file takes over from 2026-04-01) and July 2026
 * (from 2026-07-01, open-ended: the October 2026 update is NOT held, so the July file stays in
 * force after its quarter). CPT modifiers are checkable on any date: before the first HCPCS
 * edition, `modifiers.at(date)` serves them alone (edition id `cpt-only`). Places of service: one edition, the CMS code set as of 2024-08-01.
 *
 * @module
 */
import { checkOptionsArgument } from '../core/arguments';
import type { CodeSystem } from '../core/codeset';
import { toIsoDate } from '../core/dates';
import type { DateInput, IsoDate } from '../core/dates';
import { orderEditions, selectEdition } from '../core/edition';
import type { Edition } from '../core/edition';
import { MedcodeError } from '../core/errors';
import { createIssue } from '../core/issues';
import { importedCodesetsDirs, mergedManifests } from '../core/manifest';
import { staleDataIssue, staleViewMemo } from '../core/staleness';
import type { PackManifest } from '../core/manifest';
import {
  packSourceOption,
  defaultPackSource,
  openPack,
  systemManifests,
  toPackSource,
} from '../core/pack-source';
import type { PackSource, PackSourceInput } from '../core/pack-source';
import type { Result } from '../core/result';
import type { CodeSystemId } from '../core/systems';
import { DatedCodeSet, EditionData } from '../core/dated-codeset';
import type { DatedCodeSetSpec, OtherEdition } from '../core/dated-codeset';
import { CPT_MODIFIER_LABELS, modifierFlags } from './modifier-rules';
import { scanHcpcsCode, scanModifierCode, scanPlaceOfServiceCode } from './model';
import type { HcpcsEntry, ModifierEntry, PlaceOfServiceEntry } from './model';
import {
  HCPCS_CODES_KIND,
  HCPCS_MODIFIERS_KIND,
  POS_KIND,
  decodeHcpcsCodes,
  decodeHcpcsModifiers,
  decodePlacesOfService,
} from './pack-format';
import type { CodeEntry } from '../core/codeset';
import { success } from '../core/result';

/**
 * One HCPCS Level II edition seen on a date.
 *
 * @example
 * ```ts
 * const jan: HcpcsCodeSet = hcpcs.at('2026-03-01')
 * ```
 */
export type HcpcsCodeSet = DatedCodeSet<HcpcsEntry>;
/**
 * One modifier edition (Level II from the HCPCS file plus CPT values) seen on a date.
 *
 * @example
 * ```ts
 * const mods: ModifierCodeSet = hcpcs.modifiers.at('2026-03-01')
 * ```
 */
export type ModifierCodeSet = DatedCodeSet<ModifierEntry>;
/**
 * The place-of-service code set seen on a date.
 *
 * @example
 * ```ts
 * const pos: PlaceOfServiceCodeSet = placesOfService.at('2026-03-01')
 * ```
 */
export type PlaceOfServiceCodeSet = DatedCodeSet<PlaceOfServiceEntry>;

/**
 * A code system over dated code sets.
 *
 * @example
 * ```ts
 * const system: DatedCodeSystem<ModifierEntry> = hcpcs.modifiers
 * system.editions.map((e) => e.id) // ['2026-jan', '2026-jul']
 * ```
 */
export type DatedCodeSystem<E extends CodeEntry> = CodeSystem<DatedCodeSet<E>>;

/**
 * The HCPCS Level II system, with its modifiers and places of service.
 *
 * @example
 * ```ts
 * const mine: HcpcsSystem = createHcpcsSystem({ codesetsDir: '/data/codesets' })
 * ```
 */
export interface HcpcsSystem extends DatedCodeSystem<HcpcsEntry> {
  /** Level II and CPT modifiers, same editions as the codes. */
  readonly modifiers: DatedCodeSystem<ModifierEntry>;
  /** The CMS place-of-service code set. */
  readonly placesOfService: DatedCodeSystem<PlaceOfServiceEntry>;
}

/**
 * Where the packs come from.
 *
 * @example
 * ```ts
 * createHcpcsSystem({ codesetsDir: '/data/codesets' })
 * ```
 */
export interface HcpcsSystemOptions {
  /**
   * Where the packs come from: a `PackSource` (`memorySource`, `await loadPacks(…)`, `folderSource`
   * of `medcode/node`) or a folder path (Node). Default: the built-in packs (Node only).
   */
  readonly packs?: PackSourceInput;
  /** A `codesets/` folder holding `hcpcs/<edition>/` and `pos/<edition>/` (default: the built-in packs). */
  readonly codesetsDir?: string;
  /**
   * Folders of imported editions (`importCodeSets` output), merged with `codesetsDir` by effective
   * date; `MEDCODE_CODESETS` adds more.
   */
  readonly extraCodesetsDirs?: readonly string[];
}

interface EditionSource<E extends CodeEntry> {
  readonly edition: Edition;
  /** The manifest, for the publisher's validity (`data_stale`). */
  readonly manifest?: PackManifest;
  load(): EditionData<E>;
}

/**
 * Builds a lazily loaded, date-selected code system over editions. `outside`, when given, serves a
 * date that no loaded edition covers (instead of `no_edition`): the modifiers use it so that CPT
 * modifiers stay checkable on any date.
 */
function datedSystem<E extends CodeEntry>(
  id: CodeSystemId,
  sources: () => readonly EditionSource<E>[],
  spec: Omit<DatedCodeSetSpec<E>, 'otherEditions' | 'system'>,
  outside?: (first: Edition | undefined) => EditionSource<E>,
): DatedCodeSystem<E> {
  let ordered: readonly EditionSource<E>[] | undefined;
  const data = new Map<string, EditionData<E>>();
  const all = (): readonly EditionSource<E>[] => {
    if (!ordered) {
      const list = sources();
      const eds = orderEditions(list.map((s) => s.edition));
      ordered = eds.map((e) => list.find((s) => s.edition === e)!);
    }
    return ordered;
  };
  const dataOf = (src: EditionSource<E>): EditionData<E> => {
    let d = data.get(src.edition.id);
    if (!d) {
      d = src.load();
      data.set(src.edition.id, d);
    }
    return d;
  };
  // Per edition, the other editions in date order; built once, their data loaded on first lookup.
  const others = new Map<string, readonly OtherEdition<E>[]>();
  const fullSpec: DatedCodeSetSpec<E> = {
    ...spec,
    system: id,
    otherEditions: (self) => {
      let list = others.get(self.id);
      if (!list) {
        list = Object.freeze(
          all()
            .filter((s) => s.edition.id !== self.id)
            .map((s) =>
              Object.freeze({
                edition: s.edition,
                get: (code: string) => dataOf(s).lookup(code),
                all: () => dataOf(s).all(),
              }),
            ),
        );
        others.set(self.id, list);
      }
      return list;
    },
  };
  const view = (src: EditionSource<E>, date?: IsoDate) =>
    new DatedCodeSet<E>(src.edition, dataOf(src), fullSpec, date);
  let fallback: EditionSource<E> | undefined;
  const staleView = staleViewMemo<DatedCodeSet<E>>();
  // One-slot cache: claims check many codes on the same date in a row.
  let last: { readonly date: string; readonly result: Result<DatedCodeSet<E>> } | undefined;
  const tryAt = (date: DateInput): Result<DatedCodeSet<E>> => {
    if (typeof date === 'string' && last !== undefined && last.date === date) return last.result;
    const result = selectView(date);
    if (typeof date === 'string' && result.ok) last = { date, result };
    return result;
  };
  const selectView = (date: DateInput): Result<DatedCodeSet<E>> => {
    const eds = all();
    const r = selectEdition(
      eds.map((s) => s.edition),
      date,
      id,
    );
    if (!r.ok) {
      if (outside === undefined || r.issues[0]?.code !== 'no_edition') return r;
      fallback ??= outside(eds[0]?.edition);
      return Object.freeze(success(view(fallback, toIsoDate(date))));
    }
    const src = eds.find((s) => s.edition === r.value)!;
    const iso = toIsoDate(date)!;
    const stale = src.manifest ? staleDataIssue(src.manifest, iso) : undefined;
    return Object.freeze(success(view(src, iso), stale ? [stale] : []));
  };
  return {
    id,
    get editions() {
      return all().map((s) => s.edition);
    },
    at(date: DateInput) {
      const r = tryAt(date);
      if (!r.ok) throw new MedcodeError(r.issues);
      // Past the quarter CMS released the edition for: every check ends with tryAt's data_stale
      // warning (one view per edition and date); a current date gets the plain view.
      const stale = r.issues[0];
      if (stale === undefined) return r.value;
      return staleView(r.value.edition.id, r.value.date ?? '', stale, () => r.value);
    },
    tryAt,
    edition(editionId: string) {
      const src = all().find((s) => s.edition.id === editionId);
      if (!src) {
        throw new MedcodeError([
          createIssue({
            code: 'invalid_option',
            severity: 'error',
            path: [],
            codes: [],
            system: id,
            option: 'edition',
            expected: `one of ${
              all()
                .map((s) => s.edition.id)
                .join(', ') || '(none loaded)'
            }`,
            input: editionId,
          }),
        ]);
      }
      return view(src);
    },
  };
}

/** The calendar day before an ISO date (UTC arithmetic on a calendar date: no time zone involved). */
function dayBefore(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const CPT_MODIFIERS: readonly ModifierEntry[] = Object.freeze(
  [...CPT_MODIFIER_LABELS].map(([code, label]) =>
    Object.freeze({
      code,
      title: label,
      source: 'cpt' as const,
      ...modifierFlags(code),
      shortDescription: label,
      addedDate: undefined,
      actionEffectiveDate: undefined,
      terminationDate: undefined,
      actionCode: undefined,
    }),
  ),
);

/**
 * Creates the HCPCS system over a codesets folder. Nothing is read until first use.
 *
 * @example
 * ```ts
 * const hcpcs = createHcpcsSystem({ codesetsDir: '/data/medcode-codesets' })
 * hcpcs.at('2026-03-01').get('G0121')?.shortDescription // 'Colon ca scrn not hi rsk ind'
 * ```
 */
export function createHcpcsSystem(options: HcpcsSystemOptions = {}): HcpcsSystem {
  checkOptionsArgument('createHcpcsSystem', options);
  const input = packSourceOption('createHcpcsSystem', options);
  let source: PackSource | undefined;
  const packs = (): PackSource =>
    (source ??= input === undefined ? defaultPackSource() : toPackSource(input));
  // The built-in (or given) packs first, then imported folders; editions merge by effective date.
  const hcpcsManifests = () =>
    mergedManifests([packs(), ...(options.extraCodesetsDirs ?? []), ...importedCodesetsDirs()], 'hcpcs');
  const codes = datedSystem<HcpcsEntry>(
    'hcpcs',
    () =>
      hcpcsManifests().map(({ manifest: m, source: from }) => ({
        edition: m.edition,
        manifest: m,
        load: () => {
          const { codes: list, materialize } = decodeHcpcsCodes(
            openPack(from, 'hcpcs', m.edition.id, 'codes.pack', HCPCS_CODES_KIND),
          );
          return new EditionData(list, materialize);
        },
      })),
    {
      parse: scanHcpcsCode,
      startOf: (e) => e.addedDate,
      endOf: (e) => e.terminationDate,
      searchText: (e) => `${e.longDescription} ${e.shortDescription}`,
    },
  );
  const modifiers = datedSystem<ModifierEntry>(
    'hcpcs-modifier',
    () =>
      hcpcsManifests().map(({ manifest: m, source: from }) => ({
        manifest: m,
        edition: Object.freeze({
          ...m.edition,
          system: 'hcpcs-modifier' as const,
          name: m.edition.name.replace('HCPCS Level II', 'HCPCS modifiers'),
        }),
        load: () => {
          const level2 = decodeHcpcsModifiers(
            openPack(from, 'hcpcs', m.edition.id, 'modifiers.pack', HCPCS_MODIFIERS_KIND),
            modifierFlags,
          );
          const all = [...CPT_MODIFIERS, ...level2].sort((a, b) => (a.code < b.code ? -1 : 1));
          return EditionData.of(all);
        },
      })),
    {
      parse: scanModifierCode,
      startOf: (e) => e.addedDate,
      endOf: (e) => e.terminationDate,
      searchText: (e) => `${e.title} ${e.shortDescription}`,
    },
    // CPT modifiers (AMA, Appendix A) do not change with the HCPCS Level II quarters: on a date no
    // HCPCS edition covers (before 2026-01-01), the CPT modifiers alone are served, so that '25'
    // or '59' can still be checked. Level II modifiers (XS, LT…) then report from the editions
    // that hold them.
    (first) => ({
      edition: Object.freeze({
        id: 'cpt-only',
        name: 'CPT modifiers only (no HCPCS Level II modifier edition held for the date)',
        system: 'hcpcs-modifier' as const,
        effectiveFrom: '0001-01-01',
        effectiveTo: first ? dayBefore(first.effectiveFrom) : null,
      }),
      load: () => EditionData.of(CPT_MODIFIERS),
    }),
  );
  const placesOfService = datedSystem<PlaceOfServiceEntry>(
    'pos',
    () =>
      systemManifests(packs(), 'pos').map((m) => ({
        edition: m.edition,
        load: () =>
          EditionData.of(decodePlacesOfService(openPack(packs(), 'pos', m.edition.id, 'pos.pack', POS_KIND))),
      })),
    {
      parse: scanPlaceOfServiceCode,
      startOf: (e) => e.effectiveFrom,
      endOf: (e) => e.effectiveTo,
      searchText: (e) => `${e.name} ${e.description}`,
    },
  );
  return Object.freeze({
    id: codes.id,
    get editions() {
      return codes.editions;
    },
    at: codes.at,
    tryAt: codes.tryAt,
    edition: codes.edition,
    modifiers,
    placesOfService,
  });
}
