import { describe, expect, it } from 'vitest';
import { createIssue, formatIssue, type IssueMessages } from '../../src/core/issues';
import { formatResult, withMessages } from '../../src/core/messages';
import { failure, success } from '../../src/core/result';
import { parseHcpcsCode } from '../../src/hcpcs/model';
import { validateClaim } from '../../src/rules/index';
import type { ClaimInput } from '../../src/rules/index';

const claimOn = (serviceDate: string, procedure: string): ClaimInput => ({
  claimId: 'PCN-F1',
  patient: { birthDate: '1961-04-02', sex: 'F' },
  placeOfService: '11',
  diagnoses: [{ code: 'E11.9' }],
  lines: [{ procedure, units: 1, charge: '95.00', serviceDate, diagnosisPointers: [1] }],
});

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

  it("formatResult keeps validateClaim's status, skipped and value, and re-words its stale warnings", () => {
    // Before any ICD-10-CM edition held: not_checked, with the reasons in skipped.
    const notChecked = validateClaim(claimOn('2014-06-01', '99213'), { today: '2014-12-01' });
    const nc = formatResult(notChecked, { messages: { not_checked: (i) => `Non vérifié : ${i.reason}` } });
    expect(nc.status).toBe('not_checked');
    expect(nc.ok).toBe(false);
    expect(nc.skipped).toEqual(notChecked.skipped);
    expect(nc.skipped.length).toBeGreaterThan(0);
    expect(nc.value).toBe(notChecked.value);
    expect(nc.issues[0]!.message).toMatch(/^Non vérifié : /);
    expect(Object.isFrozen(nc)).toBe(true);
    // Past the July 2026 HCPCS edition's quarter: a data_stale warning in stale.
    const passed = validateClaim(claimOn('2026-12-02', 'G0121'), { today: '2026-12-04' });
    expect(passed.stale.length).toBeGreaterThan(0);
    const fr = formatResult(passed, { messages: { data_stale: (i) => `Données périmées : ${i.system}` } });
    expect(fr).toMatchObject({ ok: passed.ok, status: passed.status, value: passed.value });
    expect(fr.stale.map((i) => i.message)).toEqual(passed.stale.map((i) => `Données périmées : ${i.system}`));
    expect(fr.stale.map((i) => i.rule)).toEqual(passed.stale.map((i) => i.rule));
  });
});
