import { describe, expect, it } from 'vitest';
import { claim as claimBuilder } from '../../src/claims/index';
import type { Claim } from '../../src/claims/index';
import {
  createClaimValidator,
  validateClaim,
  validateClaimJson,
  validateClaims,
} from '../../src/rules/index';
import type { ClaimInput, ClaimValidation, Rule } from '../../src/rules/index';
import { exampleClaimCopies } from '../fixtures/example-claims';

const today = '2026-11-27';

function professional(serviceDate: string, diagnoses: string[], procedure = '99213'): ClaimInput {
  return {
    claimId: 'PCN-R1',
    patient: { birthDate: '1960-03-15', sex: 'M' },
    placeOfService: '11',
    diagnoses: diagnoses.map((code) => ({ code })),
    lines: [{ procedure, units: 1, charge: '120.00', serviceDate, diagnosisPointers: [1] }],
  };
}

describe('validateClaim: the one result shape with a verdict', () => {
  it('a claim that passes is ok with its value; issues hold only warnings and infos', () => {
    const r = validateClaim(professional('2026-05-01', ['I10'], 'G0121'), { today });
    expect(r.status).toBe('passed');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.claimId).toBe('PCN-R1');
    expect(r.issues.filter((e) => e.severity === 'error')).toEqual([]);
  });

  it('a 2015 claim with the malformed ZZZ.99 fails on its shape: shape checks run whatever the date', () => {
    const r = validateClaim(professional('2015-06-01', ['ZZZ.99']), { today });
    expect(r.ok).toBe(false);
    expect(r.status).toBe('failed');
    expect(r.issues.find((e) => e.path.join('.') === 'diagnoses.0.code')).toMatchObject({
      code: 'malformed_code',
      system: 'icd10cm',
      severity: 'error',
    });
  });

  it('a well-formed 2015 claim is not_checked, with the date and the editions held at the code', () => {
    const r = validateClaim(professional('2015-06-01', ['E11.9'], 'G0121'), { today: '2015-12-01' });
    expect(r.ok).toBe(false);
    expect(r.status).toBe('not_checked');
    const dx = r.issues.find((e) => e.path.join('.') === 'diagnoses.0.code');
    expect(dx).toMatchObject({
      code: 'not_checked',
      system: 'icd10cm',
      date: '2015-06-01',
      codes: ['E11.9'],
    });
    if (dx?.code === 'not_checked') {
      expect(dx.editions.length).toBeGreaterThan(0);
      expect(dx.editions.join(' ')).toMatch(/fy2026 \(2025-10-01 to 2026-09-30\)/);
    }
    expect(r.issues.find((e) => e.path.join('.') === 'lines.0.procedure')?.code).toBe('not_checked');
    // The claim was read: its value is there for the caller, but it did not pass.
    expect(r.value?.claimId).toBe('PCN-R1');
  });

  it('a claim that does not match the schema gets parseClaim issues, in one code', () => {
    const r = validateClaimJson({ claimId: 'X', lines: 'none' }, { today });
    expect(r.ok).toBe(false);
    expect(r.status).toBe('failed');
    expect(r.value).toBeUndefined();
    expect(r.issues.some((e) => e.code === 'claim_invalid')).toBe(true);
    expect(r.issues.every((e) => e.rule === 'claim-schema')).toBe(true);
    expect(r.issues.map((e) => e.code as string)).not.toContain('invalid_claim');
  });

  it('validateClaims and createClaimValidator give the same result as validateClaim', async () => {
    const input = professional('2015-06-01', ['E11.9'], 'G0121');
    const one = validateClaim(input, { today });
    const viaValidator = createClaimValidator({ today }).validate(input);
    const streamed: ClaimValidation[] = [];
    for await (const item of validateClaims([input], { today })) streamed.push(item.result);
    for (const r of [viaValidator, streamed[0]!]) {
      expect(r.status).toBe(one.status);
      expect(r.issues.map((e) => e.message)).toEqual(one.issues.map((e) => e.message));
    }
  });

  it('a fresh options literal with the same content reuses the resolved validator (bounded cache)', () => {
    const input = professional('2026-05-01', ['I10']);
    // Bad options resolve to one frozen failure per validator: the same object means the same validator.
    const a = validateClaim(input, { profle: 'medicare-professional' } as never);
    const b = validateClaim(input, { profle: 'medicare-professional' } as never);
    const c = validateClaim(input, { profle: 'medicare-inpatient' } as never);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    // More distinct options than the cache holds: the first is dropped and resolved again.
    for (let i = 0; i < 40; i++) validateClaim(input, { [`x${i}`]: 1 } as never);
    expect(validateClaim(input, { profle: 'medicare-professional' } as never)).not.toBe(a);
  });

  it('no options at all reuse one resolved validator, as an empty options object does', () => {
    // The MCE lists in force on 2026-03-10 are past their publisher's validity: each validator
    // makes that data_stale warning once and hands the same frozen edit to every claim after.
    const [input] = exampleClaimCopies(1, 'S');
    const first = validateClaim(input!);
    expect(first.stale.length).toBeGreaterThan(0);
    expect(validateClaim(input!).stale[0]).toBe(first.stale[0]);
    expect(validateClaimJson(input).stale[0]).toBe(first.stale[0]);
    expect(validateClaim(input!, {}).stale[0]).toBe(first.stale[0]);
  });

  it('options changed in place between calls resolve again', () => {
    const input = professional('2026-05-01', ['I10']);
    const options = { profle: 'medicare-professional' } as Record<string, unknown>;
    const a = validateClaim(input, options as never);
    options.profle = 'medicare-inpatient';
    const b = validateClaim(input, options as never);
    expect(b).not.toBe(a);
    expect(validateClaim(input, { profle: 'medicare-professional' } as never)).toBe(a);
    // Nested data, dates and lists are compared by content at each call, not by the object.
    const nested = { profle: { limits: [1, 2] }, at: new Date(0) };
    const c = validateClaim(input, nested as never);
    expect(validateClaim(input, nested as never)).toBe(c);
    nested.profle.limits.push(3);
    const d = validateClaim(input, nested as never);
    expect(d).not.toBe(c);
    nested.at.setTime(1);
    const e = validateClaim(input, nested as never);
    expect(e).not.toBe(d);
    expect(validateClaim(input, { profle: { limits: [1, 2, 3] }, at: new Date(1) } as never)).toBe(e);
    // Keys added or removed, or holding undefined, are another options object.
    const f = validateClaim(input, { profle: 'medicare-professional', extra: undefined } as never);
    expect(f).not.toBe(a);
    expect(validateClaim(input, { profle: 'medicare-professional' } as never)).toBe(a);
  });

  it('options that throw when read give an invalid_option failure, never an exception', async () => {
    const input = professional('2026-05-01', ['I10']);
    const throwing = {
      get today(): string {
        throw new Error('clock unavailable');
      },
    };
    for (const r of [validateClaim(input, throwing as never), validateClaimJson(input, throwing as never)]) {
      expect(r.status).toBe('failed');
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({ code: 'invalid_option', path: ['options'], option: 'options' });
      expect(r.issues[0]!.message).toContain('clock unavailable');
    }
    const items = [];
    for await (const item of validateClaims([input, input], throwing as never)) items.push(item);
    expect(items.map((i) => i.result.issues[0]?.code)).toEqual(['invalid_option', 'invalid_option']);
    // A Proxy whose traps throw, and a thrown value that is not an Error.
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError('no keys');
        },
        get() {
          throw 5;
        },
      },
    );
    const p = validateClaim(input, trap as never);
    expect(p.issues[0]?.code).toBe('invalid_option');
    // Options that could not be read are read again on the next call, not kept as failed.
    let clockDown = true;
    const flaky = {
      get today(): string {
        if (clockDown) throw new Error('clock unavailable');
        return today;
      },
    };
    expect(validateClaim(input, flaky as never).issues[0]?.code).toBe('invalid_option');
    clockDown = false;
    expect(validateClaim(input, flaky as never).issues.map((i) => i.code)).not.toContain('invalid_option');
  });

  it('objects in options that are not plain data are compared by identity', () => {
    const input = professional('2026-05-01', ['I10']);
    class Source {
      version = 1;
    }
    const source = new Source();
    const a = validateClaim(input, { profle: source } as never);
    source.version = 2;
    expect(validateClaim(input, { profle: source } as never)).toBe(a);
    expect(validateClaim(input, { profle: new Source() } as never)).not.toBe(a);
    // Numbers as the key writes them: NaN is NaN, -0 is 0.
    const n = validateClaim(input, { profle: Number.NaN } as never);
    expect(validateClaim(input, { profle: Number.NaN } as never)).toBe(n);
    const z = validateClaim(input, { profle: -0 } as never);
    expect(validateClaim(input, { profle: 0 } as never)).toBe(z);
  });
});

describe('custom rules raise their own codes', () => {
  const zeroCharge: Rule = {
    id: 'acme-zero-charge',
    title: 'Charges above zero',
    citation: 'ACME payer manual 4.2',
    defaultSeverity: 'warning',
    check(ctx, report) {
      ctx.claim.lines.forEach((line, i) => {
        if (line.charge === '0.00')
          report.edit({
            code: 'custom_edit',
            customCode: 'acme-zero-charge',
            path: ['lines', i, 'charge'],
            codes: [line.procedure],
            text: 'ACME does not accept a zero charge.',
          });
      });
    },
  };

  it('custom_edit carries the rule code, severity, path, codes and message', () => {
    const input = { ...professional('2026-05-01', ['I10'], 'G0121') } as ClaimInput & { lines: unknown[] };
    const r = validateClaimJson(
      { ...input, lines: [{ ...(input.lines[0] as object), charge: '0.00' }] },
      { today, customRules: [zeroCharge] },
    );
    const edit = r.issues.find((e) => e.rule === 'acme-zero-charge');
    expect(edit).toMatchObject({
      code: 'custom_edit',
      customCode: 'acme-zero-charge',
      severity: 'warning',
      path: ['lines', 0, 'charge'],
      codes: ['G0121'],
      citation: 'ACME payer manual 4.2',
      message: 'lines[0].charge: ACME does not accept a zero charge.',
    });
    expect(r.skipped.filter((s) => s.rule === 'acme-zero-charge')).toEqual([]);
  });

  it('an unknown code from an untyped rule is reported in skipped by name, not as a TypeError', () => {
    const untyped: Rule = {
      ...zeroCharge,
      id: 'acme-untyped',
      check(_ctx, report) {
        report.edit({ code: 'custom', path: [], message: 'x' } as never);
      },
    };
    const r = validateClaim(professional('2026-05-01', ['I10'], 'G0121'), { today, customRules: [untyped] });
    const reason = r.skipped.find((s) => s.rule === 'acme-untyped')?.reason ?? '';
    expect(reason).toMatch(/unknown issue code "custom".*custom_edit/);
    expect(reason).not.toMatch(/Cannot read properties/);
  });
});

describe('types', () => {
  it('validateClaim takes a Claim or ClaimInput, not the builder function; untrusted input goes to validateClaimJson', () => {
    // @ts-expect-error the builder function is not a claim
    const wrong = validateClaim(claimBuilder, { today });
    expect(wrong.ok).toBe(false);
    const first = validateClaim(professional('2026-05-01', ['I10'], 'G0121'), { today });
    if (first.ok) {
      const parsed: Claim = first.value;
      expect(validateClaim(parsed, { today }).status).toBe('passed');
    } else expect.unreachable('the claim passes');
    const untrusted: unknown = JSON.parse('{"claimId":"X"}');
    // @ts-expect-error unknown input must go through validateClaimJson
    validateClaim(untrusted, { today });
    expect(validateClaimJson(untrusted, { today }).ok).toBe(false);
  });
});
