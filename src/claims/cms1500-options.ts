/**
 * The options of the CMS-1500 writers, checked alike (not part of the public API: not re-exported
 * by index.ts).
 *
 * @module
 */
import type { MedcodeIssue } from '../core/issues';
import { invalidOptionIssue } from './internal';

/**
 * The `invalid_option` issues of CMS-1500 options (of `toCms1500`, or of `toCms1500Pdf` with
 * its own `known` keys): a key that is no option (a misspelt `pointerPerLine` would otherwise
 * print four pointers where one was asked for), and a `pointersPerLine` other than the number 1 or
 * 4 (NUCC item 24E allows four; Medicare asks for one, Pub. 100-04 chapter 26 item 24E). Options
 * that are not an object are read as none, as the other writers read them.
 */
export function cms1500OptionIssues(options: unknown, known: readonly string[]): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  if (options === null || typeof options !== 'object') return issues;
  try {
    for (const key of Object.keys(options))
      if (!known.includes(key))
        issues.push(invalidOptionIssue([key], key, `a known option (${known.join(', ')})`));
    const perLine = (options as { readonly pointersPerLine?: unknown }).pointersPerLine;
    if (perLine !== undefined && perLine !== 1 && perLine !== 4)
      issues.push(
        invalidOptionIssue(
          ['pointersPerLine'],
          'pointersPerLine',
          'the number 4 (NUCC: up to four pointers per line) or 1 (Medicare: the primary pointer only)',
        ),
      );
  } catch {
    // A proxy or a throwing getter: the writers answer with issues, never an exception.
    return [invalidOptionIssue([], 'options', 'an options object that can be read')];
  }
  return issues;
}
