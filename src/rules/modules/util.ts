/**
 * Helpers shared by the rule modules.
 *
 * @module
 */
import type { MedcodeIssue, IssuePath } from '../../core/issues';
import type { Result } from '../../core/result';
import type { EditDraft, RuleReporter } from '../types';

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
  cache?: Map<string, T | null>,
): T | undefined {
  if (!provider) {
    report.skip(`no ${what} code set was provided (options.codeSets)`);
    return undefined;
  }
  if (date === undefined) {
    report.skip(`${what}: the claim has no date of service to choose the edition`);
    return undefined;
  }
  const key = date;
  const hit = cache?.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let r: Result<T>;
  try {
    r = provider(date);
  } catch (error) {
    report.skip(
      `${what} code set for ${date} failed to load: ${error instanceof Error ? error.message : String(error)}`,
    );
    cache?.set(key, null);
    return undefined;
  }
  if (!r.ok) {
    report.skip(`no ${what} data for ${date}: ${r.issues.map((i) => i.message).join(' ')}`);
    cache?.set(key, null);
    return undefined;
  }
  cache?.set(key, r.value);
  return r.value;
}

/**
 * Undotted upper-case form of an ICD-10 code string.
 *
 * @example
 * ```ts
 * undot('e11.9') // 'E119'
 * ```
 */
export function undot(code: string): string {
  // Claims mostly carry canonical dotted codes: one slice-and-join, no regex, no case copy.
  const dot = code.indexOf('.');
  const out = dot < 0 ? code : code.slice(0, dot) + code.slice(dot + 1);
  for (let i = 0; i < out.length; i++) {
    const c = out.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c > 127) return out.toUpperCase();
  }
  return out;
}

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
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'LC',
  'LD',
  'LM',
  'LT',
  'RC',
  'RI',
  'RT',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  '24',
  '25',
  '57',
  '58',
  '78',
  '79',
  '27',
  '59',
  '91',
  'XE',
  'XS',
  'XP',
  'XU',
]);
