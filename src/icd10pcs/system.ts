/**
 * The ICD-10-PCS code system: its editions and the choice among them by date. Data is injected
 * (`createIcd10PcsSystem({ codesetsDir })`); the built-in packs are only the default.
 *
 * Which date: ICD-10-PCS codes are reported on inpatient claims, whose code set is chosen by the
 * discharge date (CMS Medicare Claims Processing Manual, Pub. 100-04, ch. 3; see docs/editions.md); a new edition
 * takes effect every October 1 (FY).
 *
 * @module
 */
import { checkOptionsArgument } from '../core/arguments';
import type { CodeSystem } from '../core/codeset';
import type { DateInput } from '../core/dates';
import { orderEditions, selectEdition } from '../core/edition';
import type { Edition } from '../core/edition';
import { MedcodeError } from '../core/errors';
import { createIssue } from '../core/issues';
import { importedCodesetsDirs, mergedManifests } from '../core/manifest';
import type { LocatedManifest } from '../core/manifest';
import { packSourceOption, defaultPackSource, openPack, toPackSource } from '../core/pack-source';
import type { PackSource, PackSourceInput } from '../core/pack-source';
import { staleDataIssue, staleViewMemo, successWithStaleness } from '../core/staleness';
import { toIsoDate } from '../core/dates';
import { PACK_KIND } from './pack-format';
import type { Result } from '../core/result';
import { Icd10PcsCodeSet } from './codeset';

/**
 * Options of {@link createIcd10PcsSystem}.
 *
 * @example
 * ```ts
 * createIcd10PcsSystem({ codesetsDir: '/data/medcode-codesets' })
 * ```
 */
export interface Icd10PcsSystemOptions {
  /**
   * Where the packs come from: a `PackSource` (`memorySource`, `await loadPacks(…)`, `folderSource`
   * of `medcode/node`) or a folder path (Node). Default: the built-in packs (Node only).
   */
  readonly packs?: PackSourceInput;
  /** A `codesets/` folder holding `icd10pcs/<edition>/{manifest.json,codes.pack}`. Default: the built-in packs. */
  readonly codesetsDir?: string;
  /**
   * Folders of imported editions (`importCodeSets` output), merged with the built-in ones by
   * effective date; `MEDCODE_CODESETS` adds more.
   */
  readonly extraCodesetsDirs?: readonly string[];
}

/**
 * The ICD-10-PCS code system.
 *
 * @example
 * ```ts
 * const pcs: Icd10PcsSystem = createIcd10PcsSystem()
 * pcs.editions.map((e) => e.id) // ['fy2026']
 * ```
 */
export interface Icd10PcsSystem extends CodeSystem<Icd10PcsCodeSet> {
  readonly id: 'icd10pcs';
}

/**
 * Creates an ICD-10-PCS system over a codesets folder. Nothing is read until first use; each
 * edition's pack is read once, when its code set is first queried.
 *
 * @example
 * ```ts
 * const pcs = createIcd10PcsSystem({ codesetsDir: '/data/medcode-codesets' })
 * pcs.at('2026-05-01').check('0LB50ZZ').ok // true
 * ```
 */
export function createIcd10PcsSystem(options: Icd10PcsSystemOptions = {}): Icd10PcsSystem {
  checkOptionsArgument('createIcd10PcsSystem', options);
  let editions: readonly Edition[] | undefined;
  let located: readonly LocatedManifest[] | undefined;
  let source: PackSource | undefined;
  const sets = new Map<string, Icd10PcsCodeSet>();
  // Views for dates past their edition's publisher validity, whose checks say so (see `at`).
  const staleView = staleViewMemo<Icd10PcsCodeSet>();
  const input = packSourceOption('createIcd10PcsSystem', options);
  const packs = (): PackSource =>
    (source ??= input === undefined ? defaultPackSource() : toPackSource(input));
  // The built-in editions and the imported ones, merged by effective date.
  const manifests = (): readonly LocatedManifest[] =>
    (located ??= mergedManifests(
      [packs(), ...(options.extraCodesetsDirs ?? []), ...importedCodesetsDirs()],
      'icd10pcs',
    ));
  const load = (): readonly Edition[] =>
    (editions ??= orderEditions(manifests().map((m) => m.manifest.edition)));
  const locatedOf = (edition: Edition) => manifests().find((m) => m.manifest.edition.id === edition.id);
  const setFor = (edition: Edition): Icd10PcsCodeSet => {
    let cs = sets.get(edition.id);
    if (!cs) {
      const src = locatedOf(edition)?.source ?? packs();
      cs = new Icd10PcsCodeSet(edition, () => openPack(src, 'icd10pcs', edition.id, 'codes.pack', PACK_KIND));
      sets.set(edition.id, cs);
    }
    return cs;
  };
  return Object.freeze({
    id: 'icd10pcs' as const,
    get editions(): readonly Edition[] {
      return load();
    },
    at(date: DateInput): Icd10PcsCodeSet {
      const r = selectEdition(load(), date, 'icd10pcs');
      if (!r.ok) throw new MedcodeError(r.issues);
      // Past the fiscal year CMS released the edition for, every check ends with the data_stale
      // warning tryAt gives (one view per edition and date); a current date gets the plain view.
      const manifest = locatedOf(r.value)?.manifest;
      const iso = toIsoDate(date)!;
      const stale = manifest ? staleDataIssue(manifest, iso) : undefined;
      if (!stale) return setFor(r.value);
      return staleView(r.value.id, iso, stale, () => setFor(r.value));
    },
    tryAt(date: DateInput): Result<Icd10PcsCodeSet> {
      const r = selectEdition(load(), date, 'icd10pcs');
      if (!r.ok) return r;
      // Past the fiscal year CMS released the edition for: said, with the file to import.
      return successWithStaleness(setFor(r.value), locatedOf(r.value)?.manifest, toIsoDate(date)!);
    },
    edition(id: string): Icd10PcsCodeSet {
      const found = load().find((e) => e.id === id);
      if (!found) {
        throw new MedcodeError([
          createIssue({
            code: 'invalid_option',
            severity: 'error',
            path: [],
            codes: [],
            system: 'icd10pcs',
            option: 'edition',
            expected: `one of ${
              load()
                .map((e) => e.id)
                .join(', ') || '(none loaded)'
            }`,
            input: id,
          }),
        ]);
      }
      return setFor(found);
    },
  });
}

/**
 * ICD-10-PCS over the built-in packs (FY2026).
 *
 * @example
 * ```ts
 * import { icd10pcs } from 'medcode/icd10pcs'
 * icd10pcs.at('2026-05-01').get('0LB50ZZ')?.title
 * ```
 */
export const icd10pcs: Icd10PcsSystem = createIcd10PcsSystem();
