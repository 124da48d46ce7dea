/**
 * The ICD-10-CM code system: its loaded editions (from `codesets/icd10cm/<edition>/manifest.json`)
 * and the choice among them by date of service (FY N runs October 1 N-1 – September 30 N: CMS
 * Medicare Claims Processing Manual, Pub. 100-04, ch. 23, §20.3; see docs/editions.md).
 *
 * @module
 */
import { checkOptionsArgument } from '../core/arguments';
import type { CodeSystem } from '../core/codeset';
import type { DateInput } from '../core/dates';
import { toIsoDate } from '../core/dates';
import { orderEditions, selectEdition } from '../core/edition';
import type { Edition } from '../core/edition';
import { MedcodeError } from '../core/errors';
import { createIssue } from '../core/issues';
import { packSourceOption, defaultPackSource, systemManifests, toPackSource } from '../core/pack-source';
import type { PackSource, PackSourceInput } from '../core/pack-source';
import { importedCodesetsDirs, mergedManifests, mergedPackSource, staleDataIssue } from '../core/manifest';
import type { PackManifest } from '../core/manifest';
import { staleViewMemo } from '../core/staleness';
import type { Result } from '../core/result';
import { F_BILLABLE, loadCodeTable } from './data';
import type { CodeTable } from './data';
import { Icd10CmCodeSet, codeSetAtDate, codeSetEntryAt, codeSetTable } from './codeset';
import type { Icd10CmEntry, Icd10CmSiblings } from './codeset';
import { formatIcd10CmDotted } from './model';
import { success } from '../core/result';

/**
 * Options of {@link createIcd10CmSystem}.
 *
 * @example
 * ```ts
 * const options: Icd10CmSystemOptions = { codesetsDir: '/srv/medcode/codesets' }
 * ```
 */
export interface Icd10CmSystemOptions {
  /**
   * Where the packs come from: a {@link PackSource} (`memorySource`, `await loadPacks(…)`,
   * `folderSource(dir)` of `medcode/node`) or a folder path (Node); default: the packs shipped with
   * medcode (Node only). See docs/runtimes.md.
   */
  readonly packs?: PackSourceInput;
  /** A `codesets/` folder holding `icd10cm/<edition>/` packs (Node); the same as `packs: dir`. */
  readonly codesetsDir?: string;
  /**
   * Folders of imported editions (`importCodeSets` output), merged with the built-in ones by
   * effective date; `MEDCODE_CODESETS` adds more.
   */
  readonly extraCodesetsDirs?: readonly string[];
}

/**
 * What changed between two editions (`icd10cm.diff`). Codes are dotted.
 *
 * @example
 * ```ts
 * icd10cm.diff('fy2026', 'fy2027').counts // { billableAdded: 190, billableDeleted: 30, headersAdded: 63, headersDeleted: 6, retitled: 4 }
 * ```
 */
export interface Icd10CmDiff {
  readonly from: string;
  readonly to: string;
  /** Codes in `to` only. */
  readonly added: readonly string[];
  /** Codes in `from` only. */
  readonly deleted: readonly string[];
  /** Header in `from`, billable in `to`. */
  readonly becameBillable: readonly string[];
  /** Billable in `from`, header in `to`. */
  readonly becameHeader: readonly string[];
  /** Same code and flag, new long or short title. */
  readonly retitled: readonly { readonly code: string; readonly before: string; readonly after: string }[];
  /** Counts as in the CMS addenda trailer: billable and header additions/deletions count flag changes. */
  readonly counts: {
    readonly billableAdded: number;
    readonly billableDeleted: number;
    readonly headersAdded: number;
    readonly headersDeleted: number;
    readonly retitled: number;
  };
}

/**
 * The ICD-10-CM system object.
 *
 * @example
 * ```ts
 * const system: Icd10CmSystem = createIcd10CmSystem()
 * system.editions.map((e) => e.id) // ['fy2026', 'fy2027']
 * ```
 */
export interface Icd10CmSystem extends CodeSystem<Icd10CmCodeSet> {
  /** Manifests of the loaded editions (derivation, sources, counts, caveats). */
  readonly manifests: readonly PackManifest[];
  /**
   * Additions, deletions, billable↔header changes and retitled codes between two editions, each
   * given by edition id (`'fy2026'`) or by a date of service (`'2026-10-01'`, a `Date`) that selects
   * the edition in force. Throws a `MedcodeError` (`invalid_option` / `no_edition`) otherwise.
   */
  diff(from: DateInput, to: DateInput): Icd10CmDiff;
}

/**
 * Creates an ICD-10-CM system over a codesets folder (the built-in packs by default). Nothing is
 * read until first use; each edition's data is read once and shared.
 *
 * @example
 * ```ts
 * const icd = createIcd10CmSystem({ codesetsDir: '/data/medcode-codesets' })
 * icd.at('2026-10-01').check('I42.0').issues[0]?.code // 'not_billable'
 * ```
 */
export function createIcd10CmSystem(options: Icd10CmSystemOptions = {}): Icd10CmSystem {
  checkOptionsArgument('createIcd10CmSystem', options);
  const input = packSourceOption('createIcd10CmSystem', options);
  let source: PackSource | undefined;
  let manifests: readonly PackManifest[] | undefined;
  let editions: readonly Edition[] | undefined;
  const sets = new Map<string, Icd10CmCodeSet>();
  const given = () => (source ??= input === undefined ? defaultPackSource() : toPackSource(input));
  // The editions' packs: the given source, or, when imported folders hold editions too, one source
  // over the editions merged by effective date (an imported delta edition finds its base in it).
  let merged: PackSource | undefined;
  const packs = (): PackSource => {
    loadManifests();
    return merged!;
  };
  // Both or neither: a failure (a manifest fault) leaves nothing half-set and is thrown again, the
  // same, by every later call.
  const loadManifests = () => {
    if (!manifests) {
      const extra = [...(options.extraCodesetsDirs ?? []), ...importedCodesetsDirs()];
      const located = extra.length > 0 ? mergedManifests([given(), ...extra], 'icd10cm') : undefined;
      const m = located ? located.map((x) => x.manifest) : systemManifests(given(), 'icd10cm');
      const src = located?.some((x) => x.origin === 'imported')
        ? mergedPackSource('icd10cm', located, given())
        : given();
      editions = orderEditions(m.map((x) => x.edition));
      merged = src;
      manifests = m;
    }
    return manifests;
  };
  // Views for dates past their edition's publisher validity, whose checks say so (see `at`).
  const staleView = staleViewMemo<Icd10CmCodeSet>();
  const siblings: Icd10CmSiblings = {
    get packs() {
      return packs();
    },
    others(self: string) {
      // Nearest edition first (by start date), so the issue names the neighbouring fiscal year.
      const me = (editions ?? []).find((e) => e.id === self);
      const dist = (e: Edition) =>
        Math.abs(Date.parse(e.effectiveFrom) - Date.parse(me?.effectiveFrom ?? e.effectiveFrom));
      return (editions ?? [])
        .filter((e) => e.id !== self)
        .sort((a, b) => dist(a) - dist(b))
        .map((e) => ({ edition: e, table: codeSetTable(setFor(e)) }));
    },
    baseEntry(base: string, row: number) {
      const e = (editions ?? []).find((x) => x.id === base);
      return e ? codeSetEntryAt(setFor(e), row) : undefined;
    },
  };
  const setFor = (e: Edition): Icd10CmCodeSet => {
    let cs = sets.get(e.id);
    if (!cs) {
      const table = loadCodeTable(packs(), e.id);
      cs = new Icd10CmCodeSet(e, table, siblings, {});
      sets.set(e.id, cs);
    }
    return cs;
  };
  const byId = (id: string): Edition => {
    loadManifests();
    const e = editions!.find((x) => x.id === id);
    if (!e) {
      throw new MedcodeError([
        createIssue({
          code: 'invalid_option',
          severity: 'error',
          path: [],
          codes: [],
          system: 'icd10cm',
          option: 'edition',
          expected: `one of ${editions!.map((x) => x.id).join(', ')}`,
          input: id,
        }),
      ]);
    }
    return e;
  };
  // An edition id, else a date of service: diff('2026-09-30', '2026-10-01') compares the editions in
  // force on the two dates. A value that is neither is refused naming the argument it was given as.
  const editionOf = (x: DateInput, argument: 'from' | 'to'): Edition => {
    loadManifests();
    const byName = typeof x === 'string' ? editions!.find((e) => e.id === x) : undefined;
    if (byName) return byName;
    if (toIsoDate(x) === undefined) {
      throw new MedcodeError([
        createIssue({
          code: 'invalid_option',
          severity: 'error',
          path: [argument],
          codes: [],
          system: 'icd10cm',
          option: `diff(${argument})`,
          expected: `an edition id (${editions!.map((e) => e.id).join(', ')}) or a date of service (YYYY-MM-DD)`,
          input: x,
        }),
      ]);
    }
    const r = selectEdition(editions!, x, 'icd10cm');
    if (!r.ok) throw new MedcodeError(r.issues);
    return r.value;
  };
  const tryAt = (date: DateInput): Result<Icd10CmCodeSet> => {
    loadManifests();
    const r = selectEdition(editions!, date, 'icd10cm');
    if (!r.ok) return r;
    const iso = toIsoDate(date)!;
    // CMS releases ICD-10-CM for one fiscal year (October 1 to September 30): an edition used past
    // the period its manifest records is answered, with a warning naming the file that replaces it.
    const manifest = manifests!.find((m) => m.edition.id === r.value.id);
    const stale = manifest ? staleDataIssue(manifest, iso) : undefined;
    return success(codeSetAtDate(setFor(r.value), iso), stale ? [stale] : []);
  };
  return {
    id: 'icd10cm',
    get editions() {
      loadManifests();
      return editions!;
    },
    get manifests() {
      return loadManifests();
    },
    at(date: DateInput): Icd10CmCodeSet {
      const r = tryAt(date);
      if (!r.ok) throw new MedcodeError(r.issues);
      // A current date (no warning) gets the plain view; a stale one a view whose every check ends
      // with the data_stale warning tryAt gave, built once per edition and date.
      const stale = r.issues[0];
      if (stale === undefined) return r.value;
      return staleView(
        r.value.edition.id,
        stale.code === 'data_stale' ? stale.date : '',
        stale,
        () => r.value,
      );
    },
    tryAt,
    edition(id: string): Icd10CmCodeSet {
      return setFor(byId(id));
    },
    diff(from: DateInput, to: DateInput): Icd10CmDiff {
      const a = editionOf(from, 'from');
      const b = editionOf(to, 'to');
      return diffTables(a.id, b.id, codeSetTable(setFor(a)), codeSetTable(setFor(b)));
    },
  };
}

function diffTables(fromId: string, toId: string, a: CodeTable, b: CodeTable): Icd10CmDiff {
  const added: string[] = [];
  const deleted: string[] = [];
  const becameBillable: string[] = [];
  const becameHeader: string[] = [];
  const retitled: { code: string; before: string; after: string }[] = [];
  let billableAdded = 0;
  let billableDeleted = 0;
  let headersAdded = 0;
  let headersDeleted = 0;
  for (let pos = 0; pos < b.size; pos++) {
    const rb = b.rowAt(pos);
    const code = b.code(rb);
    const ra = a.find(code);
    const billB = (b.flags(rb) & F_BILLABLE) !== 0;
    if (ra < 0) {
      added.push(formatIcd10CmDotted(code));
      if (billB) billableAdded++;
      else headersAdded++;
      continue;
    }
    const billA = (a.flags(ra) & F_BILLABLE) !== 0;
    if (billA !== billB) {
      (billB ? becameBillable : becameHeader).push(formatIcd10CmDotted(code));
      if (billB) {
        billableAdded++;
        headersDeleted++;
      } else {
        headersAdded++;
        billableDeleted++;
      }
    } else if (a.title(ra) !== b.title(rb) || a.shortTitle(ra) !== b.shortTitle(rb)) {
      retitled.push(
        Object.freeze({ code: formatIcd10CmDotted(code), before: a.title(ra), after: b.title(rb) }),
      );
    }
  }
  for (let pos = 0; pos < a.size; pos++) {
    const ra = a.rowAt(pos);
    const code = a.code(ra);
    if (b.find(code) >= 0) continue;
    deleted.push(formatIcd10CmDotted(code));
    if (a.flags(ra) & F_BILLABLE) billableDeleted++;
    else headersDeleted++;
  }
  return Object.freeze({
    from: fromId,
    to: toId,
    added: Object.freeze(added),
    deleted: Object.freeze(deleted),
    becameBillable: Object.freeze(becameBillable),
    becameHeader: Object.freeze(becameHeader),
    retitled: Object.freeze(retitled),
    counts: Object.freeze({
      billableAdded,
      billableDeleted,
      headersAdded,
      headersDeleted,
      retitled: retitled.length,
    }),
  });
}

/**
 * The ICD-10-CM system over the packs shipped with medcode (FY2026 and FY2027).
 *
 * @example
 * ```ts
 * import { icd10cm } from 'medcode/icd10cm'
 * icd10cm.at('2026-05-01').get('e119')?.code // 'E11.9'
 * ```
 */
export const icd10cm: Icd10CmSystem = createIcd10CmSystem();

export type { Icd10CmEntry };
