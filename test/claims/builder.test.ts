import { describe, expect, it } from 'vitest';
import { claim } from '../../src/claims/builder';
import { createIssue } from '../../src/core/issues';
import type { Claim } from '../../src/claims/schema';

const base = () =>
  claim({ claimId: 'PCN-1' })
    .patient({ birthDate: '1961-04-02', sex: 'F' })
    .placeOfService('11')
    .billingProvider({ npi: '1888000019', name: 'Clinic' });

describe('claim() builder', () => {
  it('adds diagnoses in first-use order, de-duplicates and assigns pointers', () => {
    const r = base()
      .line({
        procedure: '99214',
        modifiers: ['25'],
        charge: '150.00',
        serviceDate: '2026-05-01',
        diagnoses: ['E11.9', 'I10'],
      })
      .line({
        procedure: '11102',
        charge: '120.00',
        serviceDate: '2026-05-01',
        diagnoses: ['L82.1', 'e119', 'E11.9'],
      })
      .build();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.diagnoses.map((d) => d.code)).toEqual(['E11.9', 'I10', 'L82.1']);
    expect(r.value.lines.map((l) => l.diagnosisPointers)).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(r.value.lines[0]!.units).toBe(1);
    expect(Object.isFrozen(r.value.lines[1]!.diagnosisPointers)).toBe(true);
  });

  it('defaults units to 1 only when absent: null is refused at the line, as parseClaim refuses it', () => {
    const line = { procedure: '99213', charge: '95.00', serviceDate: '2026-05-01', diagnoses: ['I10'] };
    const absent = base().line(line).build();
    expect(absent.ok && absent.value.lines[0]!.units).toBe(1);
    const r = base()
      .line({ ...line, units: null as never })
      .build();
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.code}:${i.path.join('.')}`)).toEqual(['claim_invalid:lines.0.units']);
  });

  it('is immutable: every step returns a new builder and leaves the old one unchanged', () => {
    const a = base().diagnosis('I10');
    const b = a.diagnosis('E78.5');
    const ra = a.line({ procedure: '99213', charge: '90.00', serviceDate: '2026-01-05' }).build();
    const rb = b.line({ procedure: '99213', charge: '90.00', serviceDate: '2026-01-05' }).build();
    expect(ra.ok && ra.value.diagnoses.length).toBe(1);
    expect(rb.ok && rb.value.diagnoses.length).toBe(2);
    expect(Object.isFrozen(b)).toBe(true);
  });

  it('sets POA on an existing diagnosis without duplicating it', () => {
    const r = base()
      .diagnosis('I10')
      .diagnosis('i10', { poa: 'Y' })
      .line({ procedure: '99213', charge: '90.00', serviceDate: '2026-01-05', diagnoses: ['I10'] })
      .build();
    expect(r.ok && r.value.diagnoses).toEqual([{ code: 'I10', poa: 'Y' }]);
  });

  it('refuses the 13th diagnosis with a clear issue naming the code', () => {
    let b = base();
    const codes = [
      'E11.9',
      'I10',
      'E78.5',
      'J06.9',
      'M17.11',
      'R51.9',
      'Z00.00',
      'L82.1',
      'M54.50',
      'K21.9',
      'F41.1',
      'E66.9',
      'N39.0',
    ];
    for (const c of codes) b = b.diagnosis(c);
    const r = b
      .line({ procedure: '99213', charge: '90.00', serviceDate: '2026-01-05', diagnoses: ['E11.9'] })
      .build();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'claim_limit_exceeded',
      element: 'diagnoses',
      max: 12,
      received: 13,
      path: ['diagnoses', 12],
      codes: ['N39.0'],
    });
    expect(r.issues[0]!.message).toBe(
      'diagnoses[12]: N39.0 was not added: a claim allows at most 12 diagnoses; this would make 13.',
    );
  });

  it('refuses a 13th diagnosis introduced by a line, at the line path', () => {
    let b = base();
    for (let i = 0; i < 12; i++) b = b.diagnosis(`Z0${i % 10}.${i}`);
    const r = b
      .line({ procedure: '99213', charge: '90.00', serviceDate: '2026-01-05', diagnoses: ['Z00.0', 'N39.0'] })
      .build();
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([['lines', 0, 'diagnoses', 1]]);
  });

  it('refuses more than 4 pointers, 4 modifiers and 50 lines', () => {
    const r = base()
      .line({
        procedure: '99213',
        modifiers: ['25', '59', 'XS', 'RT', 'LT'],
        charge: '90.00',
        serviceDate: '2026-01-05',
        diagnoses: ['A', 'B', 'C', 'D', 'E'],
      })
      .build();
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_limit_exceeded', 'lines.0.diagnosisPointers'],
      ['claim_limit_exceeded', 'lines.0.modifiers'],
    ]);
    let b = base();
    for (let i = 0; i < 51; i++)
      b = b.line({ procedure: '99213', charge: '1.00', serviceDate: '2026-01-05', diagnoses: ['I10'] });
    const r50 = b.build();
    expect(r50.ok ? [] : r50.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_limit_exceeded', 'lines.50'],
    ]);
  });

  it('returns schema issues with paths (bad NPI, bad charge, missing date)', () => {
    const r = claim({ claimId: 'X' })
      .patient({ birthDate: '1961-04-02', sex: 'F' })
      .placeOfService('11')
      .renderingProvider({ npi: '1234567890' })
      .line({ procedure: '99213', charge: '90.999' })
      .build();
    expect(r.ok ? [] : r.issues.map((i) => `${i.code}@${i.path.join('.')}`).sort()).toEqual([
      'claim_invalid@lines.0.charge',
      'claim_invalid@lines.0.serviceDate',
      'npi_check_digit@renderingProvider.npi',
    ]);
  });

  it('never throws on hostile builder input', () => {
    const b = base() as unknown as { diagnosis(x: unknown): any; line(x: unknown): any };
    const r = b
      .diagnosis(null)
      .diagnosis('')
      .diagnosis({})
      .line(null)
      .line({ procedure: 42, charge: 1 })
      .build();
    expect(r.ok).toBe(false);
    expect(r.issues.length).toBeGreaterThanOrEqual(5);
  });

  it('runs an injected validator: errors fail the build, warnings are returned with the claim', () => {
    const seen: Claim[] = [];
    const warning = createIssue({
      code: 'unknown_code',
      severity: 'warning',
      path: ['diagnoses', 0],
      codes: ['I10'],
    });
    const b = base().line({
      procedure: '99213',
      charge: '90.00',
      serviceDate: '2026-01-05',
      diagnoses: ['I10'],
    });
    const ok = b.build({
      validate: (c) => {
        seen.push(c);
        return { edits: [warning] };
      },
    });
    expect(ok.ok).toBe(true);
    expect(ok.issues).toEqual([warning]);
    expect(seen).toHaveLength(1);
    const error = createIssue({
      code: 'unknown_code',
      severity: 'error',
      path: ['diagnoses', 0],
      codes: ['I10'],
    });
    const bad = b.build({ validate: () => ({ edits: [error] }) });
    expect(bad).toEqual({ ok: false, issues: [error] });
  });
});

describe('claim() with hostile initial fields', () => {
  it('reports a __proto__ key from JSON as an unknown field and pollutes nothing', () => {
    const init = JSON.parse(
      '{"__proto__": {"polluted": true}, "claimId": "A", "placeOfService": "11", "patient": {"birthDate": "1961-04-02", "sex": "F"}}',
    );
    const r = claim(init)
      .line({ procedure: '99213', charge: '90.00', serviceDate: '2026-01-05', diagnoses: ['I10'] })
      .build();
    expect(r.ok ? [] : r.issues.map((i) => i.path.join('.'))).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('claim() initial fields', () => {
  it('refuses diagnoses and lines in init at their paths, rather than dropping them', () => {
    const parsed: Claim = {
      claimId: 'PCN-2',
      patient: { birthDate: '1961-04-02', sex: 'F' },
      placeOfService: '11',
      diagnoses: [{ code: 'I10' }],
      lines: [
        { procedure: '99213', units: 1, charge: '95.00', serviceDate: '2026-05-01', diagnosisPointers: [1] },
      ],
    };
    const b = claim(parsed);
    expect(b.pendingIssues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'diagnoses'],
      ['claim_invalid', 'lines'],
    ]);
    const r = b
      .line({ procedure: '99214', charge: '150.00', serviceDate: '2026-05-01', diagnoses: ['I10'] })
      .build();
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'diagnoses'],
      ['claim_invalid', 'lines'],
    ]);
    expect(r.issues[1]!.message).toMatch(/^lines must be absent: a builder adds lines with line\(\)/);
    const { diagnoses: _d, lines: _l, ...header } = parsed;
    expect(claim(header).pendingIssues).toEqual([]);
  });
});

describe('claim() line fields', () => {
  it('refuses a line field the builder does not know, at its path, as an unknown header field', () => {
    const r = base()
      .line({
        procedure: '99214',
        charge: '150.00',
        serviceDate: '2026-05-01',
        diagnoses: ['E11.9'],
        modifier: ['25'],
      } as never)
      .line({
        procedure: '36415',
        charge: '12.00',
        serviceDate: '2026-05-01',
        diagnosisPointers: [1],
      } as never)
      .build();
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'lines.0.modifier'],
      ['claim_invalid', 'lines.1.diagnosisPointers'],
    ]);
    const header = claim({ claimId: 'PCN-1', bogus: 1 } as never)
      .patient({ birthDate: '1961-04-02', sex: 'F' })
      .placeOfService('11')
      .line({ procedure: '99214', charge: '150.00', serviceDate: '2026-05-01', diagnoses: ['E11.9'] })
      .build();
    expect(header.ok ? [] : header.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'bogus'],
    ]);
  });

  it('refuses lists given as a single value, and a validate option that is not a function', () => {
    const r = base()
      .line({
        procedure: '99214',
        charge: '150.00',
        serviceDate: '2026-05-01',
        diagnoses: 'E11.9',
        modifiers: '25',
      } as never)
      .build();
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'lines.0.diagnoses'],
      ['claim_invalid', 'lines.0.modifiers'],
    ]);
    const v = base()
      .line({ procedure: '99214', charge: '150.00', serviceDate: '2026-05-01', diagnoses: ['E11.9'] })
      .build({ validate: 5 } as never);
    expect(v.ok ? [] : v.issues.map((i) => [i.code, i.code === 'invalid_option' && i.option])).toEqual([
      ['invalid_option', 'build(validate)'],
    ]);
  });
});

describe('claim() frequency', () => {
  it('a replacement or void takes the payer claim control number of the claim it changes', () => {
    const visit = { procedure: '99213', charge: '95.00', serviceDate: '2026-05-01', diagnoses: ['I10'] };
    const r = base().frequency('7', '20261234567').line(visit).build();
    expect(r.ok && [r.value.frequencyCode, r.value.payerClaimControlNumber]).toEqual(['7', '20261234567']);
    const v = base().frequency('8', 'PCN-OLD').line(visit).build();
    expect(v.ok && [v.value.frequencyCode, v.value.payerClaimControlNumber]).toEqual(['8', 'PCN-OLD']);
    const original = base().frequency('1').line(visit).build();
    expect(original.ok && 'payerClaimControlNumber' in original.value).toBe(false);
  });
});
