/**
 * Helpers shared by the rule modules.
 *
 * @module
 */
import { isPaddedCode, upperAscii } from '../../core/code-shape';
import { PackError } from '../../core/errors';
import { BoundedMemo } from '../../core/memo';
import type { MedcodeIssue, IssuePath } from '../../core/issues';
import type { Result } from '../../core/result';
import type { EditDraft, RuleReporter } from '../types';
import type { CheckResult, CodeEntry } from '../../core/codeset';
import type { RuleCodeSet } from '../contract';

/** Per code-set object, its verdicts by code (lazy, bounded). */
const verdicts = new WeakMap<object, BoundedMemo<CheckResult<CodeEntry>>>();
const VERDICT_MEMO_LIMIT = 20_000;

/**
 * A code set's `check` of a code, kept per code-set object: a code set is immutable, and the
 * engine hands every rule the same object for a date, so the rules of a claim and the claims of a
 * batch ask for the same few verdicts again and again (validity, then "use additional code").
 *
 * @example
 * ```ts
 * checkIn(cm, 'E11.9').ok // true, computed once per code set
 * ```
 */
export function checkIn<E extends CodeEntry>(set: RuleCodeSet<E>, code: string): CheckResult<E> {
  if (code.length > 16) return set.check(code);
  let memo = verdicts.get(set);
  if (memo === undefined) {
    memo = new BoundedMemo(VERDICT_MEMO_LIMIT);
    verdicts.set(set, memo);
  }
  return (memo.get(code) ?? memo.set(code, set.check(code))) as CheckResult<E>;
}

/**
 * Re-homes an issue from a code set's `check` at a path in the claim (message re-rendered by the engine).
 *
 * @example
 * ```ts
 * const [issue] = hcpcs.at('2026-03-01').check('C5271').issues
 * rehome(issue!, ['lines', 2, 'procedure']).path // ['lines', 2, 'procedure']
 * ```
 */
export function rehome(issue: MedcodeIssue, path: IssuePath): EditDraft {
  // Copy every field but `message`, without reading it: messages render lazily, on first read.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(issue)) if (key !== 'message') out[key] = issue[key as keyof MedcodeIssue];
  out.path = issue.path.length === 0 ? path : [...path, ...issue.path];
  return out as unknown as EditDraft;
}

/** Why no code set could be chosen: what `not_checked` issues report. */
export interface MissingCodeSet {
  readonly missing: true;
  /** The date the code set was asked for, when the claim has one. */
  readonly date: string | undefined;
  /** The editions the provider holds, with their dates, when it said (e.g. `FY2026 (2025-10-01 to 2026-09-30)`). */
  readonly editions: readonly string[];
  /** What is missing, in a few words. */
  readonly reason: string;
}

/**
 * The code set in force on a date, or why there is none (the reason is also reported as a skip).
 *
 * @example
 * ```ts
 * const found = codeSetLookup(ctx.codeSets.icd10cm, '2015-06-01', 'ICD-10-CM', report)
 * if ('missing' in found) found.reason // 'no ICD-10-CM edition covers 2015-06-01'
 * ```
 */
export function codeSetLookup<T>(
  provider: ((date: string) => Result<T>) | undefined,
  date: string | undefined,
  what: string,
  report: RuleReporter,
  cache?: Map<string, T | MissingCodeSet>,
): T | MissingCodeSet {
  if (!provider) {
    report.skip(`no ${what} code set was provided (options.codeSets)`);
    return { missing: true, date, editions: [], reason: `no ${what} code set was provided` };
  }
  if (date === undefined) {
    report.skip(`${what}: the claim has no date of service to choose the edition`);
    return {
      missing: true,
      date,
      editions: [],
      reason: `the claim has no date of service to choose the ${what} edition`,
    };
  }
  // A hit was reported (as a skip, when missing) on its first lookup for this claim.
  const hit = cache?.get(date);
  if (hit !== undefined) return hit;
  let found: T | MissingCodeSet;
  try {
    const r = provider(date);
    if (r.ok) found = r.value;
    else {
      const editions: string[] = [];
      for (const issue of r.issues)
        if (issue.code === 'no_edition')
          for (const e of issue.available) editions.push(`${e.id} (${e.from} to ${e.to ?? 'open'})`);
      found = { missing: true, date, editions, reason: `no ${what} edition covers ${date}` };
      report.skip(`no ${what} data for ${date}: ${r.issues.map((i) => i.message).join(' ')}`);
    }
  } catch (error) {
    // Damaged or mismatched data is not missing data: the engine reports it as an error edit.
    if (error instanceof PackError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    found = { missing: true, date, editions: [], reason: `the ${what} code set for ${date} failed to load` };
    report.skip(`${what} code set for ${date} failed to load: ${why}`);
  }
  cache?.set(date, found);
  return found;
}

/**
 * Whether a lookup found no code set.
 *
 * @example
 * ```ts
 * if (isMissing(found)) report.skip(found.reason)
 * ```
 */
export function isMissing(found: unknown): found is MissingCodeSet {
  return typeof found === 'object' && found !== null && (found as { missing?: unknown }).missing === true;
}

/**
 * Unwraps a code-set provider's result, or reports why the rule part is skipped.
 *
 * @example
 * ```ts
 * const modifiers = codeSetOr(options.codeSets.modifiers, line.serviceDate, 'modifier', report)
 * if (modifiers) modifiers.check('25')
 * ```
 */
export function codeSetOr<T>(
  provider: ((date: string) => Result<T>) | undefined,
  date: string | undefined,
  what: string,
  report: RuleReporter,
  cache?: Map<string, T | MissingCodeSet>,
): T | undefined {
  const found = codeSetLookup(provider, date, what, report, cache);
  return isMissing(found) ? undefined : found;
}

/**
 * Undotted upper-case form of an ICD-10 code string, white space around it dropped: the one form
 * every diagnosis list (tabular note references, MCE lists) is compared in, as the code sets read
 * a padded code (`'Z38.00 '`) as the code itself.
 *
 * @example
 * ```ts
 * undot('e11.9')    // 'E119'
 * undot(' Z38.00\t') // 'Z3800'
 * ```
 */
export function undot(raw: string): string {
  const code = isPaddedCode(raw) ? raw.trim() : raw;
  // Claims mostly carry canonical dotted codes: one slice-and-join, no regex, no case copy.
  const dot = code.indexOf('.');
  const out = dot < 0 ? code : code.slice(0, dot) + code.slice(dot + 1);
  for (let i = 0; i < out.length; i++) {
    const c = out.charCodeAt(i);
    // ASCII-only folding: a non-ASCII look-alike ('ı10') stays as it is and matches no code.
    if (c >= 97 && c <= 122) return upperAscii(out);
  }
  return out;
}

/**
 * The anatomic NCCI PTP-associated modifiers (sides, eyelids, digits, coronary arteries), CMS NCCI
 * Policy Manual for Medicare Services, chapter I, section E. Used when no modifier code set is
 * injected.
 *
 * @example
 * ```ts
 * NCCI_ANATOMIC_MODIFIERS.has('RT') // true
 * NCCI_ANATOMIC_MODIFIERS.has('59') // false
 * ```
 */
export const NCCI_ANATOMIC_MODIFIERS: ReadonlySet<string> = new Set(
  ['E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9']
    .concat(['LC', 'LD', 'LM', 'LT', 'RC', 'RI', 'RT'])
    .concat(['TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']),
);

/**
 * NCCI PTP-associated modifiers, CMS NCCI Policy Manual for Medicare Services, chapter I
 * (codesets/sources/reference/modifiers-notes.md). Used when no modifier code set is injected.
 *
 * @example
 * ```ts
 * NCCI_PTP_MODIFIERS.has('XS') // true
 * NCCI_PTP_MODIFIERS.has('26') // false
 * ```
 */
export const NCCI_PTP_MODIFIERS: ReadonlySet<string> = new Set([
  ...NCCI_ANATOMIC_MODIFIERS,
  // Global surgery.
  ...['24', '25', '57', '58', '78', '79'],
  // Other.
  ...['27', '59', '91', 'XE', 'XS', 'XP', 'XU'],
]);
