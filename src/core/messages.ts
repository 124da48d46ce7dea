/**
 * The replaceable message layer: re-render the `message` of issues, or of every issue in a result,
 * with {@link IssueMessages} (one function per issue code). Issues are made with English messages;
 * an application that shows another language, or its own wording, maps them at its edge. Nothing
 * here is global: the messages are passed in, so two callers can use two wordings at once.
 *
 * @module
 */
import { type FormatIssueOptions, type IssueDraft, type MedcodeIssue, formatIssue } from './issues';
import type { Result } from './result';

/**
 * The issues with their `message` re-rendered by `options.messages` (codes without a function keep
 * the English text). Returns new frozen issues; the given ones are untouched.
 *
 * @example
 * ```ts
 * import { icd10cm } from 'medcode/icd10cm';
 * import { withMessages } from 'medcode';
 * const r = icd10cm.at('2026-05-01').check('E11.99');
 * withMessages(r.issues, { messages: { unknown_code: (i) => `Code inconnu : ${i.codes[0]}` } })[0]?.message;
 * // 'Code inconnu : E11.99'
 * ```
 */
export function withMessages<I extends MedcodeIssue>(
  issues: readonly I[],
  options: FormatIssueOptions,
): readonly I[] {
  return Object.freeze(
    issues.map((issue) => {
      const message = formatIssue(issue as unknown as IssueDraft, options);
      return message === issue.message ? issue : (Object.freeze({ ...issue, message }) as I);
    }),
  );
}

/**
 * The same result with the messages of all its issues re-rendered (see {@link withMessages}): every
 * other field is kept as it is (the value of a success, `validateClaim`'s `status`, `skipped` and
 * the claim `value` of a failure), and the `data_stale` warnings `validateClaim` keeps in `stale`
 * are re-rendered too.
 *
 * @example
 * ```ts
 * import { hcpcs } from 'medcode/hcpcs';
 * import { formatResult } from 'medcode';
 * const r = formatResult(hcpcs.at('2026-03-01').check('G012'), {
 *   messages: { malformed_code: (i, english) => `[${i.reason}] ${english(i)}` },
 * });
 * r.issues[0]?.message; // '[too_short] "G012" is not a valid HCPCS Level II code: …'
 * ```
 */
export function formatResult<R extends Result<unknown>>(result: R, options: FormatIssueOptions): R {
  const out: Record<string, unknown> = { ...result, issues: withMessages(result.issues, options) };
  // validateClaim's result keeps the warnings that say what its verdict rests on beside `issues`:
  // an application that re-words one list re-words both.
  const stale: unknown = (result as { readonly stale?: unknown }).stale;
  if (Array.isArray(stale)) out.stale = withMessages(stale as readonly MedcodeIssue[], options);
  return Object.freeze(out) as R;
}
