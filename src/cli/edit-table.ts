/**
 * The table of edits the CLI prints for a claim, as a pure function, shared with the test
 * matchers of `medcode/testing` so that a failing assertion shows the same table.
 *
 * @module
 */
import { formatPath } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import { renderTable } from './table';

/** Where an edit sits, for the table: a 1-based line number, `dx N` or `claim`. */
export function whereOf(path: readonly (string | number)[]): { line: string; field: string } {
  const [head, index, ...rest] = path;
  if (head === 'lines' && typeof index === 'number')
    return { line: String(index + 1), field: formatPath(rest) };
  if (head === 'diagnoses' && typeof index === 'number')
    return { line: `dx ${index + 1}`, field: formatPath(rest) };
  return { line: 'claim', field: formatPath(path) };
}

/** The message without its leading `path: ` (the table has its own columns for where). */
export function bareMessage(issue: MedcodeIssue): string {
  const prefix = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  return prefix && issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}

/**
 * Renders edits as the CLI's table: line, field, codes, severity, edit, message, remedy, with the
 * message and remedy columns word-wrapped to `width`.
 *
 * @example
 * ```ts
 * renderEditTable(validateClaim(claim).issues, 100)
 * ```
 */
export function renderEditTable(issues: readonly MedcodeIssue[], width = 120): string {
  const rows = issues.map((e) => {
    const { line, field } = whereOf(e.path);
    const rule = 'rule' in e && typeof e.rule === 'string' ? e.rule : e.code;
    return [line, field, e.codes.join(' '), e.severity, rule, bareMessage(e), e.remedy ?? ''];
  });
  return renderTable(['line', 'field', 'codes', 'severity', 'edit', 'message', 'remedy'], rows, {
    width,
    wrap: [5, 6],
  });
}
