/**
 * Editions: versions of a code set (or edit table) with an effective date range, and the choice of
 * the edition in force on a date of service.
 *
 * Which date to pass (CMS Medicare Claims Processing Manual, Pub. 100-04, ch. 23, §20.3; see docs/editions.md):
 * - outpatient and professional claims: the line's date of service;
 * - a service span (`serviceDateFrom`..`serviceDateTo`): the from-date;
 * - inpatient (institutional) claims: the discharge date, for diagnoses and procedures alike.
 *
 * @module
 */
import { createIssue } from './issues';
import type { MedcodeIssue } from './issues';
import { toIsoDate } from './dates';
import type { DateInput, DateRange, IsoDate } from './dates';
import type { CodeSystemId } from './systems';
import type { Result } from './result';
import { MedcodeError } from './errors';
import { success } from './result';

/** One version of a code set or edit table. */
export interface Edition {
  /** Stable id, e.g. `fy2026`, `2026-jan`, `2026q2`. */
  readonly id: string;
  /** Display name, e.g. `ICD-10-CM FY2026`. */
  readonly name: string;
  readonly system: CodeSystemId;
  /** First day in force (inclusive). */
  readonly effectiveFrom: IsoDate;
  /** Last day in force (inclusive), or `null` when no successor is known. */
  readonly effectiveTo: IsoDate | null;
}

/**
 * Picks the edition in force on `date`.
 *
 * @returns the edition, or an `invalid_date` / `no_edition` issue naming the loaded ranges. It never
 * falls back to a neighbouring edition.
 *
 * @example
 * ```ts
 * const r = selectEdition(icd10cm.editions, '2026-05-01')
 * if (r.ok) r.value.id // 'fy2026'
 * ```
 */
export function selectEdition<E extends Edition>(
  editions: readonly E[],
  date: DateInput,
  system?: CodeSystemId,
): Result<E> {
  const iso = toIsoDate(date);
  const sys = system ?? editions[0]?.system;
  if (iso === undefined) {
    return {
      ok: false,
      issues: [
        createIssue({
          code: 'invalid_date',
          severity: 'error',
          path: [],
          codes: [],
          received: date,
          input: date,
          ...(sys ? { system: sys } : {}),
        }),
      ],
    };
  }
  // An edition's dates were checked when its manifest was read: compared in place, as text.
  for (const edition of editions) {
    const to = edition.effectiveTo;
    if (iso >= edition.effectiveFrom && (to === null || iso <= to)) return success(edition);
  }
  return { ok: false, issues: [noEditionIssue(editions, iso, sys)] };
}

/**
 * Like {@link selectEdition} but throws a {@link MedcodeError} carrying the issue.
 *
 * @example
 * ```ts
 * editionAt(icd10cm.editions, '2026-05-01').id // 'fy2026'
 * ```
 */
export function editionAt<E extends Edition>(
  editions: readonly E[],
  date: DateInput,
  system?: CodeSystemId,
): E {
  const r = selectEdition(editions, date, system);
  if (!r.ok) throw new MedcodeError(r.issues);
  return r.value;
}

function noEditionIssue(
  editions: readonly Edition[],
  date: IsoDate,
  system: CodeSystemId | undefined,
): MedcodeIssue {
  const available: (DateRange & { id: string })[] = editions.map((e) => ({
    id: e.id,
    from: e.effectiveFrom,
    to: e.effectiveTo,
  }));
  return createIssue({
    code: 'no_edition',
    severity: 'error',
    path: [],
    codes: [],
    date,
    input: date,
    available,
    ...(system ? { system } : {}),
  });
}

/**
 * Sorts editions by effective date and checks that their ranges do not overlap: an ambiguous
 * edition table is a data error, not something to resolve silently.
 *
 * @example
 * ```ts
 * const editions = orderEditions([fy2027, fy2026]) // [fy2026, fy2027]
 * ```
 */
export function orderEditions<E extends Edition>(editions: readonly E[]): readonly E[] {
  const sorted = [...editions].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.effectiveTo === null || prev.effectiveTo >= cur.effectiveFrom) {
      throw new Error(`editions ${prev.id} and ${cur.id} of ${cur.system} overlap`);
    }
  }
  return Object.freeze(sorted);
}
