import { describe, expect, it } from 'vitest';
import { createIssue, formatIssue, type IssueMessages } from '../../src/core/issues';
import { formatResult, withMessages } from '../../src/core/messages';
import { failure, success } from '../../src/core/result';
import { parseHcpcsCode } from '../../src/hcpcs/model';

const fr: IssueMessages = {
  unknown_code: (i) => `Code inconnu : ${i.codes[0]}`,
  malformed_code: (i, english) => `[${i.reason}] ${english(i)}`,
};

describe('replaceable message layer', () => {
  const unknown = createIssue({
    code: 'unknown_code',
    severity: 'error',
    path: [],
    codes: ['E11.99'],
    system: 'icd10cm',
  });

  it('formatIssue uses the function for the code and English for the others', () => {
    expect(formatIssue(unknown, { messages: fr })).toBe('Code inconnu : E11.99');
    expect(formatIssue(unknown)).toBe(unknown.message);
    expect(formatIssue(unknown, { messages: {} })).toBe(unknown.message);
  });

  it('withMessages re-renders without touching the originals', () => {
    const [out] = withMessages([unknown], { messages: fr });
    expect(out!.message).toBe('Code inconnu : E11.99');
    expect(unknown.message).not.toBe(out!.message);
    expect(Object.isFrozen(out)).toBe(true);
  });

  it('formatResult re-renders every issue of a result and keeps the value', () => {
    const bad = parseHcpcsCode('G012');
    expect(bad.ok).toBe(false);
    const r = formatResult(bad, { messages: fr });
    expect(r.issues[0]!.message).toMatch(/^\[too_short\] "G012" is not a valid HCPCS Level II code/);
    const ok = formatResult(success(42, [unknown]), { messages: fr });
    expect(ok).toMatchObject({ ok: true, value: 42 });
    expect(ok.issues[0]!.message).toBe('Code inconnu : E11.99');
    expect(formatResult(failure([unknown]), { messages: {} }).issues[0]).toBe(unknown);
  });
});
