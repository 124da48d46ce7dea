import { describe, expect, it } from 'vitest';
import { createIssue, formatIssue, formatPath, sortIssues } from '../../src/core/issues';

describe('issues', () => {
  it('render messages from their fields only, with the path first', () => {
    const issue = createIssue({
      code: 'malformed_code',
      severity: 'error',
      path: ['lines', 2, 'procedure'],
      codes: [],
      system: 'icd10cm',
      input: 'E1',
      reason: 'too_short',
    });
    expect(issue.message).toBe('lines[2].procedure: "E1" is not a valid ICD-10-CM code: it is too short.');
    expect(formatIssue(issue)).toBe(issue.message);
    expect(Object.isFrozen(issue) && Object.isFrozen(issue.path)).toBe(true);
  });
  it('accept a custom formatter (the message is a separate layer)', () => {
    const issue = createIssue(
      { code: 'unknown_code', severity: 'error', path: [], codes: ['E11.99'], system: 'icd10cm' },
      (i) => `${i.code}:${i.codes.join()}`,
    );
    expect(issue.message).toBe('unknown_code:E11.99');
  });
  it('truncate huge inputs kept on the issue', () => {
    const big = 'A'.repeat(1_000_000);
    const issue = createIssue({
      code: 'malformed_code',
      severity: 'error',
      path: [],
      codes: [],
      input: big,
      reason: 'too_long',
    });
    expect(String(issue.input).length).toBeLessThan(100);
    expect(issue.message.length).toBeLessThan(300);
  });
  it('sort by path (numbers numerically), then code', () => {
    const mk = (path: (string | number)[], code: 'unknown_code' | 'not_billable') =>
      code === 'unknown_code'
        ? createIssue({ code, severity: 'error', path, codes: [] })
        : createIssue({ code, severity: 'error', path, codes: [], billableChildren: 1, examples: [] });
    const sorted = sortIssues([
      mk(['lines', 10], 'unknown_code'),
      mk(['lines', 2], 'unknown_code'),
      mk(['diagnoses', 0], 'unknown_code'),
      mk(['lines', 2], 'not_billable'),
    ]);
    expect(sorted.map((i) => `${formatPath(i.path)} ${i.code}`)).toEqual([
      'diagnoses[0] unknown_code',
      'lines[2] not_billable',
      'lines[2] unknown_code',
      'lines[10] unknown_code',
    ]);
  });
});
