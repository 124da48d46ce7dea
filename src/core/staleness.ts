/**
 * Staleness, said the same way by every system: an edition used for a date past what its publisher
 * released it for gives one `data_stale` warning naming the edition, the last day it was released
 * for and the official file to import. CMS and CDC publish the next file before its period starts
 * (HCPCS Level II, NCCI PTP and MUE quarterly; ICD-10-CM, ICD-10-PCS and the Medicare Code Editor
 * for the federal fiscal year), so a date past that period means a newer file exists.
 *
 * @module
 */
import { createIssue } from './issues';
import type { IsoDate } from './dates';
import type { IssuePath, MedcodeIssue } from './issues';
import type { PackManifest } from './manifest';
import { success } from './result';
import type { Result } from './result';

/** What staleness needs of a manifest: its system, its edition and its publisher's validity. */
export type StalenessManifest = Pick<PackManifest, 'system' | 'edition' | 'publisherValidity'>;

/**
 * Whether a date is past the period the publisher released an edition for. An edition without a
 * publisher cycle (a reference list) is never stale.
 *
 * @example
 * ```ts
 * isStaleOn(julyHcpcsManifest, '2026-12-02') // true (released for 2026 Q3)
 * ```
 */
export function isStaleOn(manifest: StalenessManifest, date: IsoDate): boolean {
  const v = manifest.publisherValidity;
  return v !== undefined && date > v.through;
}

/**
 * The `data_stale` warning for an edition used on `date`, or `undefined` when the date is within
 * what its publisher released it for (or the manifest records no publisher cycle). `path` is where
 * the date came from (e.g. `['lines', 0, 'serviceDate']` in a claim).
 *
 * @example
 * ```ts
 * const jul = listManifests(builtInCodesetsDir(), 'hcpcs').find((m) => m.edition.id === '2026-jul')!
 * staleDataIssue(jul, '2026-12-02')?.officialFile // 'the CMS HCPCS Level II October 2026 quarterly file …'
 * ```
 */
export function staleDataIssue(
  manifest: StalenessManifest,
  date: IsoDate,
  path: IssuePath = [],
): MedcodeIssue | undefined {
  const v = manifest.publisherValidity;
  if (v === undefined || date <= v.through) return undefined;
  return createIssue({
    code: 'data_stale',
    severity: 'warning',
    path,
    codes: [],
    system: manifest.system,
    dataVersion: manifest.edition.name,
    date,
    edition: manifest.edition.id,
    validThrough: v.through,
    officialFile: v.nextFile,
  });
}

/**
 * A successful answer for a date, carrying the `data_stale` warning when the edition it rests on is
 * past its publisher's validity: what every system's `tryAt` returns, so that they agree.
 *
 * @example
 * ```ts
 * successWithStaleness(view, julyHcpcsManifest, '2026-12-02').issues[0]?.code // 'data_stale'
 * ```
 */
export function successWithStaleness<T>(
  value: T,
  manifest: StalenessManifest | undefined,
  date: IsoDate,
): Result<T> {
  const stale = manifest ? staleDataIssue(manifest, date) : undefined;
  return success(value, stale ? [stale] : []);
}

/** The check result with the edition's `data_stale` warning after its own issues. */
function withStaleIssue<R extends Result<unknown>>(result: R, stale: MedcodeIssue): R {
  return Object.freeze({ ...result, issues: Object.freeze([...result.issues, stale]) }) as R;
}

/**
 * A code-set view for a date past its edition's publisher validity: the same view, whose `check`
 * results end with the edition's `data_stale` warning, so that `system.at(date).check(code)` says
 * what `system.tryAt(date)` says (CMS and CDC release ICD-10-CM, ICD-10-PCS and HCPCS Level II for a
 * fiscal year or a quarter; a later date has a newer file). Every other member is the view's own
 * (methods bound to it). Built once per edition and date by the system, never for a current date:
 * the plain view's `check` is untouched.
 *
 * @example
 * ```ts
 * const view = staleCheckView(icd10pcs.edition('fy2026'), staleDataIssue(pcsManifest, '2026-12-02')!)
 * view.check('0LB50ZZ').issues.at(-1)?.code // 'data_stale'
 * ```
 */
export function staleCheckView<V extends { check(code: unknown): Result<unknown> }>(
  view: V,
  stale: MedcodeIssue,
): V {
  const members = new Map<PropertyKey, unknown>();
  // The results of string inputs, kept as the view's own check keeps them (bounded).
  const checked = new Map<string, Result<unknown>>();
  const check = (method: (code: unknown) => unknown, target: V, code: unknown): Result<unknown> => {
    if (typeof code !== 'string' || code.length > 32)
      return withStaleIssue(method.call(target, code) as Result<unknown>, stale);
    let r = checked.get(code);
    if (r === undefined) {
      if (checked.size >= 4096) checked.clear();
      r = withStaleIssue(method.call(target, code) as Result<unknown>, stale);
      checked.set(code, r);
    }
    return r;
  };
  return new Proxy(view, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let member = members.get(key);
      if (member === undefined) {
        // Bound to the view itself: its methods read private fields, which a proxy does not have.
        const method = value as (...args: unknown[]) => unknown;
        member = key === 'check' ? (code: unknown) => check(method, target, code) : method.bind(target);
        members.set(key, member);
      }
      return member;
    },
  });
}

/**
 * A bounded memo of {@link staleCheckView}s for a code system's `at(date)`: one view per edition and
 * date of service, so that a caller checking many codes on one stale date builds its view once.
 * Holds at most 64 views (a batch spans few dates); the oldest are dropped together when full.
 *
 * @example
 * ```ts
 * const staleView = staleViewMemo<DatedCodeSet<HcpcsEntry>>()
 * staleView('2026-jul', '2026-12-02', stale, () => codeSet).check('G0121').issues.at(-1)?.code // 'data_stale'
 * ```
 */
export function staleViewMemo<V extends { check(code: unknown): Result<unknown> }>(): (
  editionId: string,
  date: string,
  stale: MedcodeIssue,
  view: () => V,
) => V {
  const views = new Map<string, V>();
  return (editionId, date, stale, view) => {
    const key = `${editionId}|${date}`;
    let found = views.get(key);
    if (found === undefined) {
      if (views.size >= 64) views.clear();
      found = staleCheckView(view(), stale);
      views.set(key, found);
    }
    return found;
  };
}
