import { describe, expect, it } from 'vitest';
import '../../src/testing/vitest';
import { validateClaim } from '../../src/rules/index';
import { scenario, toHaveEdit, toPassEdits } from '../../src/testing/index';
import { medcodeErrorOf } from '../medcode-error';

describe('matchers, registered by one import', () => {
  it('toPassEdits passes a clean claim and fails one with an edit, showing the CLI table', () => {
    // With each scenario's options, whose today is its date of service: a result that stays the same
    // when the suite runs years later.
    const clean = scenario('clean');
    const mue = scenario('mue-exceeded');
    expect(clean.claim).toPassEdits(clean.options);
    expect(mue.claim).not.toPassEdits(mue.options);
    const outcome = toPassEdits(mue.claim, mue.options);
    expect(outcome.pass).toBe(false);
    const message = outcome.message();
    expect(message).toContain('status is FAILED');
    expect(message).toMatch(/line\s+field\s+codes\s+severity\s+edit\s+message\s+remedy/);
    expect(message).toContain('ncci-mue');
    expect(message).toContain('20610');
  });

  it('toPassEdits with strict refuses warnings and infos', () => {
    const s = scenario('use-additional-code');
    expect(s.claim).toPassEdits(s.options);
    expect(s.claim).not.toPassEdits({ ...s.options, strict: true });
  });

  it('toHaveEdit matches by code, 1-based line, severity and rule', () => {
    const s = scenario('mue-exceeded');
    expect(s.claim).toHaveEdit('mue_exceeded', { line: 1, severity: 'error', rule: 'ncci-mue' });
    expect(s.claim).not.toHaveEdit('mue_exceeded', { line: 2 });
    expect(s.claim).not.toHaveEdit('mue_exceeded', { severity: 'warning' });
    const miss = toHaveEdit(s.claim, 'ncci_ptp', { line: 2, severity: 'error' });
    expect(miss.pass).toBe(false);
    expect(miss.message()).toContain('expected an edit ncci_ptp { line: 2, severity: "error" }');
    expect(miss.message()).toContain('ncci-mue');
  });

  it('toHaveEdit and toPassEdits accept a validation result as well as a claim', () => {
    const s = scenario('age-conflict');
    const r = validateClaim(s.claim, s.options);
    expect(r).toHaveEdit('age_conflict', { path: ['diagnoses', 0, 'code'] });
    expect(r).not.toPassEdits();
  });

  it('toHaveSkipped names the rules that could not run', () => {
    const r = validateClaim(scenario('clean').claim, { profile: 'medicare-professional' });
    // CPT existence needs the AMA's licensed descriptors: code validity runs only the format check.
    expect(r).toHaveSkipped('code-validity');
    expect(r).not.toHaveSkipped('ncci-mue');
    expect(validateClaim(scenario('clean', { on: '2026-11-02' }).claim)).toHaveSkipped('ncci-mue');
  });

  it('toBeValidCode checks a code in the edition of the date', () => {
    expect('E11.9').toBeValidCode('icd10cm', { on: '2026-11-01' });
    expect('I42.0').toBeValidCode('icd10cm', { on: '2026-09-30' });
    expect('I42.0').not.toBeValidCode('icd10cm', { on: '2026-10-01' });
    expect('0DTJ4ZZ').toBeValidCode('icd10pcs', { on: '2026-05-01' });
    expect('G0008').toBeValidCode('hcpcs', { on: '2026-03-01' });
    expect('LT').toBeValidCode('hcpcs-modifier', { on: '2026-03-01' });
    expect('11').toBeValidCode('pos', { on: '2026-03-01' });
    expect('J0001').not.toBeValidCode('hcpcs', { on: '2026-03-01' });
    expect(42).not.toBeValidCode('icd10cm', { on: '2026-03-01' });
  });
  it('toBeValidCode names any value under test, and refuses an unknown system by name', () => {
    expect(Object.create(null)).not.toBeValidCode('icd10cm', { on: '2026-03-01' });
    expect(() => expect(Object.create(null)).toBeValidCode('icd10cm', { on: '2026-03-01' })).toThrow(
      /expected an object to be a valid icd10cm code/,
    );
    expect(
      medcodeErrorOf(() => expect('E11.9').toBeValidCode(10n as never, { on: '2026-03-01' })).issues[0],
    ).toMatchObject({ code: 'invalid_option', path: ['system'], option: 'toBeValidCode(system)' });
  });
});
