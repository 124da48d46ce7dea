import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import {
  validateClaimJson,
  validateClaims,
  createClaimValidator,
  PROFILES,
  BUILT_IN_RULES,
} from '../../src/rules/index';
import type { Rule, ClaimValidation } from '../../src/rules/index';
import { importPtp } from '../../src/ncci/index';
import { MAX_CLAIM_JSON_CHARACTERS } from '../../src/claims/limits';
import { baseClaim, fakeCodeSets } from './fakes';
import { createIssue, createIssueInPlace } from '../../src/core/issues';
import { MedcodeError } from '../../src/core/errors';

const today = '2026-11-27';
const opts = { codeSets: fakeCodeSets, today } as const;
const codesOf = (r: ClaimValidation) => r.issues.map((e) => `${e.path.join('.')}:${e.code}`);

describe('engine', () => {
  it('a clean professional claim passes, and what could not run is listed in skipped', () => {
    const r = validateClaimJson(baseClaim({ diagnoses: [{ code: 'E11.9' }, { code: 'Z79.4' }] }), opts);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.skipped.map((s) => s.rule)).toEqual(['code-validity']);
    expect(r.skipped[0]!.reason).toMatch(/CPT existence not checked/);
  });

  it('rejects unknown options by name, at every level, without running rules', () => {
    const r = validateClaimJson(baseClaim(), {
      ...opts,
      profle: 'medicare-inpatient',
      ptp: { placement: 'either' },
      rules: { 'no-such-rule': false, 'ncci-mue': { severity: 'fatal' } },
    } as never);
    expect(r.ok).toBe(false);
    expect(r.issues.map((e) => (e.code === 'invalid_option' ? e.option : e.code))).toEqual([
      'profle',
      'ptp.placement',
      'rules.ncci-mue.severity',
      'rules.no-such-rule',
    ]);
    expect(r.issues[0]!.message).toMatch(/option "profle" is not valid/);
    expect(validateClaimJson(baseClaim(), { profile: 'medicare-dental' } as never).issues[0]).toMatchObject({
      code: 'invalid_option',
      option: 'profile',
    });
  });

  it('a worker-pool option given to one thread names the validators of medcode/node that take it', () => {
    for (const option of ['workers', 'ptpPacks', 'input']) {
      const r = validateClaimJson(baseClaim(), { ...opts, [option]: 2 } as never);
      expect(r.issues[0]).toMatchObject({ code: 'invalid_option', option });
      expect(r.issues[0]!.message).toContain(
        'validateClaimsInWorkers and createClaimValidationPool (medcode/node)',
      );
    }
    expect(
      validateClaimJson(baseClaim(), { ...opts, profle: 'x' } as never).issues[0]!.message,
    ).not.toContain('medcode/node');
  });

  it('malformed claims get structured issues at the right paths and no partial verdict; never throws', () => {
    const r = validateClaimJson(
      { ...baseClaim(), lines: [{ procedure: 99213, units: '1', charge: 12.5 }], extra: 1 },
      opts,
    );
    expect(r.ok).toBe(false);
    expect(r.skipped).toEqual([]);
    expect(r.issues.every((e) => e.rule === 'claim-schema')).toBe(true);
    expect(r.issues.some((e) => e.code === 'claim_invalid')).toBe(true);
    const paths = r.issues.map((e) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['extra', 'lines.0.procedure', 'lines.0.units', 'lines.0.charge']),
    );
    for (const bad of [
      null,
      undefined,
      42,
      '__proto__',
      'constructor',
      'x'.repeat(1_000_000),
      [],
      { __proto__: { claimId: 'x' } },
      JSON.parse('{"__proto__": 1}'),
    ]) {
      const v = validateClaimJson(bad, opts);
      expect(v.ok).toBe(false);
      expect(v.issues.length).toBeGreaterThan(0);
    }
    const hostile = {
      get claimId(): string {
        throw new Error('boom');
      },
    };
    expect(validateClaimJson(hostile, opts).issues[0]?.code).toBe('claim_invalid');
    fc.assert(fc.property(fc.anything(), (v) => validateClaimJson(v, opts).ok === false));
  });

  it('hostile strings inside a well-formed claim give issues, not throws', () => {
    const huge = 'A'.repeat(1_000_000);
    const claim = baseClaim({
      placeOfService: '__proto__',
      diagnoses: [{ code: '__proto__' }, { code: 'constructor' }, { code: huge }, { code: 'Ｅ11.9' }],
      lines: [
        {
          procedure: huge,
          units: 1,
          charge: '1.00',
          serviceDate: '2026-05-01',
          modifiers: ['__proto__', 'ｘｓ'],
        },
        {
          procedure: 'constructor',
          units: 1e308,
          charge: '999999999.99',
          serviceDate: '2026-05-01',
          diagnosisPointers: [0, -1, 2 ** 40],
        },
      ],
    });
    const r = validateClaimJson(claim, opts);
    expect(r.ok).toBe(false);
    expect(codesOf(r)).toEqual(
      expect.arrayContaining([
        'diagnoses.0.code:unknown_code',
        'diagnoses.3.code:unknown_code',
        'lines.0.procedure:malformed_code',
        'lines.0.modifiers.0:malformed_code',
        'lines.1.diagnosisPointers.0:claim_invalid',
        'placeOfService:unknown_code',
      ]),
    );
    for (const e of r.issues) expect(e.message.length).toBeLessThan(2000);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            procedure: fc.string(),
            units: fc.double(),
            charge: fc.string(),
            serviceDate: fc.constantFrom('2026-05-01', '2026-02-30', 'x'),
            modifiers: fc.array(fc.string(), { maxLength: 6 }),
          }),
          { maxLength: 6 },
        ),
        fc.array(fc.record({ code: fc.string() }), { maxLength: 14 }),
        (lines, diagnoses) => {
          const v = validateClaimJson(baseClaim({ lines, diagnoses }), opts);
          return Array.isArray(v.issues) && typeof v.ok === 'boolean';
        },
      ),
      { numRuns: 200 },
    );
  });

  it('results are deterministic and sorted by path, then code', () => {
    const claim = baseClaim({
      diagnoses: [{ code: 'W01.0XXA' }, { code: 'E10.9' }, { code: 'E11.9' }, { code: 'NOPE' }],
      lines: [
        {
          procedure: '99213',
          units: 0,
          charge: '1.00',
          serviceDate: '2026-05-01',
          diagnosisPointers: [9],
          modifiers: ['ZZ'],
        },
        { procedure: 'J0001', units: 1, charge: '1.00', serviceDate: '2026-05-01', diagnosisPointers: [1] },
      ],
    });
    const a = validateClaimJson(claim, opts);
    const b = validateClaimJson(structuredClone(claim), { ...opts });
    expect(codesOf(a)).toEqual(codesOf(b));
    expect(codesOf(a)).toEqual([
      'diagnoses.0.code:external_cause_principal',
      'diagnoses.2.code:excludes1_conflict',
      'diagnoses.2.code:excludes1_conflict',
      'diagnoses.2.code:use_additional_code',
      'diagnoses.3.code:unknown_code',
      'lines.0.diagnosisPointers.0:claim_invalid',
      'lines.0.modifiers.0:unknown_code',
      'lines.0.units:invalid_units',
      'lines.1.procedure:code_terminated',
    ]);
    expect(Object.isFrozen(a.issues[0])).toBe(true);
  });

  it('rules can be turned off, re-graded and added, through the same interface', () => {
    const claim = baseClaim({ diagnoses: [{ code: 'E10.9' }, { code: 'E11.9' }] });
    expect(validateClaimJson(claim, opts).ok).toBe(true); // Excludes1 is a warning by default
    const strict = validateClaimJson(claim, {
      ...opts,
      rules: { 'icd10cm-excludes1': { severity: 'error' } },
    });
    expect(strict.ok).toBe(false);
    expect(
      validateClaimJson(claim, { ...opts, rules: { 'icd10cm-excludes1': false } }).issues.some(
        (e) => e.code === 'excludes1_conflict',
      ),
    ).toBe(false);
    const noZero: Rule = {
      id: 'acme-no-zero-charge',
      title: 'No zero charges',
      citation: 'ACME payer manual 4.2',
      defaultSeverity: 'warning',
      check(ctx, report) {
        ctx.claim.lines.forEach((l, i) => {
          if (l.charge === '0.00')
            report.edit({
              code: 'invalid_charge',
              path: ['lines', i, 'charge'],
              codes: [],
              charge: l.charge,
            });
        });
      },
    };
    const c2 = baseClaim({
      lines: [
        { procedure: '99213', units: 1, charge: '0.00', serviceDate: '2026-05-01', diagnosisPointers: [1] },
      ],
    });
    const r = validateClaimJson(c2, { ...opts, customRules: [noZero] });
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'invalid_charge',
        rule: 'acme-no-zero-charge',
        severity: 'warning',
        citation: 'ACME payer manual 4.2',
      }),
    ]);
    const broken: Rule = {
      ...noZero,
      id: 'broken',
      check: () => {
        throw new Error('bug');
      },
    };
    expect(validateClaimJson(c2, { ...opts, customRules: [broken] }).skipped).toContainEqual({
      rule: 'broken',
      reason: 'the rule failed: bug',
    });
    expect(
      validateClaimJson(c2, { ...opts, customRules: [{ ...noZero, id: 'claim-structure' }] }).issues[0],
    ).toMatchObject({ code: 'invalid_option', option: 'customRules.0' });
  });

  it('profiles are data', () => {
    expect([...PROFILES.keys()]).toEqual([
      'medicare-professional',
      'medicare-institutional-outpatient',
      'medicare-inpatient',
    ]);
    for (const p of PROFILES.values()) for (const r of p.rules) expect(BUILT_IN_RULES.has(r.id)).toBe(true);
    expect(PROFILES.get('medicare-inpatient')!.rules.map((r) => r.id)).not.toContain('ncci-ptp');
    // The 837P's limits for professional claims, the 837I's for institutional ones (a principal and
    // 24 other diagnoses, 999 lines).
    expect(PROFILES.get('medicare-professional')!.limits).toMatchObject({ diagnoses: 12, lines: 50 });
    for (const id of ['medicare-institutional-outpatient', 'medicare-inpatient'] as const)
      expect(PROFILES.get(id)!.limits, id).toMatchObject({ diagnoses: 25, lines: 999 });
    const dx = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ code: `A${String(i).padStart(2, '0')}.0` }));
    const limitEdits = (n: number, profile: 'medicare-professional' | 'medicare-inpatient') =>
      validateClaimJson(baseClaim({ diagnoses: dx(n) }), { ...opts, profile })
        .issues.filter((x) => x.code === 'claim_limit_exceeded')
        .map((x) => x.path);
    expect(limitEdits(15, 'medicare-inpatient')).toEqual([]);
    expect(limitEdits(26, 'medicare-inpatient')).toEqual([['diagnoses', 25]]);
    expect(limitEdits(15, 'medicare-professional')).toEqual([['diagnoses', 12]]);
  });

  it('validateClaims streams results in order', async () => {
    function* gen() {
      for (let i = 0; i < 500; i++) yield i % 100 === 7 ? { nope: true } : baseClaim({ claimId: `C${i}` });
    }
    let n = 0;
    let bad = 0;
    for await (const item of validateClaims(gen(), opts)) {
      expect(item.index).toBe(n++);
      if (!item.result.ok) bad++;
    }
    expect(n).toBe(500);
    expect(bad).toBe(5);
  });

  it('validateClaims reports the claimId of a claim given as JSON text, and its issues as for the text', async () => {
    const text = JSON.stringify(baseClaim({ claimId: 'TEXT-1' }));
    const broken = JSON.stringify({ claimId: 'TEXT-2', lines: 'none' });
    const oversized = `{"claimId":"TEXT-3","pad":"${'x'.repeat(MAX_CLAIM_JSON_CHARACTERS)}"}`;
    const items = [];
    for await (const item of validateClaims([text, broken, '{"claimId":', oversized], opts)) items.push(item);
    expect(items.map((i) => i.claimId)).toEqual(['TEXT-1', 'TEXT-2', undefined, undefined]);
    expect(items.map((i) => i.result)).toEqual(
      [text, broken, '{"claimId":', oversized].map((t) => validateClaimJson(t, opts)),
    );
    expect(items[2]!.result.issues[0]!.code).toBe('claim_json_malformed');
    // Over the size limit the text is refused unread: its id is not known, and no field is checked.
    expect(items[3]!.result.issues.map((i) => [i.code, 'element' in i ? i.element : undefined])).toEqual([
      ['claim_limit_exceeded', 'characters'],
    ]);
  });

  it('validateClaims refuses one NDJSON text or byte array, which would iterate as characters or numbers', async () => {
    const text = `${JSON.stringify(baseClaim({ claimId: 'A' }))}\n`;
    for (const [source, got] of [
      [text, 'the string'],
      [Buffer.from(text), `a Buffer of ${Buffer.byteLength(text)} bytes`],
    ] as const) {
      const error = await validateClaims(source as never, opts)
        .next()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(MedcodeError);
      const issue = (error as MedcodeError).issues[0]!;
      expect(issue).toMatchObject({ code: 'invalid_option', path: ['claims'] });
      expect(issue.message).toContain('give NDJSON as its lines');
      expect(issue.message).toContain(got);
    }
  });

  it('a validator resolves options once', () => {
    const v = createClaimValidator(opts);
    expect(v.validateJson(baseClaim()).ok).toBe(true);
  });
});

describe('claim structure (837P limits)', () => {
  it('limits, pointers, units, modifiers, place of service, duplicates, future dates', () => {
    const dx = Array.from({ length: 13 }, () => ({ code: 'I10' }));
    dx[0] = { code: 'J02.9' };
    const line = {
      procedure: '99213',
      units: 1,
      charge: '10.00',
      serviceDate: '2026-05-01',
      diagnosisPointers: [1, 2, 3, 4, 14],
      modifiers: ['25', '59', 'XS', 'LT', 'GA'],
      placeOfService: '77',
    };
    const r = validateClaimJson(
      baseClaim({
        diagnoses: dx,
        placeOfService: '99',
        lines: [
          line,
          { ...line, modifiers: ['GA', 'LT', 'XS', '59', '25'] },
          { ...line, serviceDate: '2026-12-01', diagnosisPointers: [1], modifiers: [] },
        ],
      }),
      opts,
    );
    const c = codesOf(r);
    expect(c).toEqual(
      expect.arrayContaining([
        'diagnoses.12:claim_limit_exceeded',
        'diagnoses.2.code:duplicate_diagnosis',
        'lines.0.diagnosisPointers:claim_limit_exceeded',
        'lines.0.diagnosisPointers.4:claim_invalid',
        'lines.0.modifiers:claim_limit_exceeded',
        'lines.0.placeOfService:unknown_code',
        'placeOfService:unknown_code',
        'lines.1:duplicate_line',
        'lines.2.serviceDate:future_date',
      ]),
    );
    expect(r.issues.find((e) => e.code === 'future_date')?.message).toMatch(
      /2026-12-01 is after today \(2026-11-27\)/,
    );
    const many = validateClaimJson(
      baseClaim({
        lines: Array.from({ length: 51 }, (_, i) => ({
          procedure: '99213',
          units: 1,
          charge: '1.00',
          serviceDate: '2026-05-01',
          modifiers: [String(10 + (i % 90))],
        })),
      }),
      { ...opts, rules: { 'ncci-mue': false } },
    );
    expect(codesOf(many)).toContain('lines.50:claim_limit_exceeded');
  });

  it("a birth date after the claim's first date (admission or earliest service) is an error at that date", () => {
    const bornOn = (birthDate: string, extra: Record<string, unknown> = {}) =>
      validateClaimJson(
        baseClaim({
          patient: { birthDate, sex: 'F' },
          subscriber: { memberId: 'M1', lastName: 'Doe', birthDate },
          lines: [
            {
              procedure: '99213',
              units: 1,
              charge: '1.00',
              serviceDate: '2026-05-03',
              diagnosisPointers: [1],
            },
            {
              procedure: '36415',
              units: 1,
              charge: '1.00',
              serviceDate: '2026-05-01',
              diagnosisPointers: [1],
            },
          ],
          ...extra,
        }),
        opts,
      );
    const late = bornOn('2026-05-02');
    expect(late.status).toBe('failed');
    expect(late.issues.filter((e) => e.code === 'claim_invalid')).toEqual([
      expect.objectContaining({
        rule: 'claim-structure',
        path: ['patient', 'birthDate'],
        received: '2026-05-02',
        citation: expect.stringMatching(/DMG02/),
        message:
          "patient.birthDate must be on or before the claim's first date, 2026-05-01 (a person is born before any service to them); got 2026-05-02.",
      }),
      expect.objectContaining({ path: ['subscriber', 'birthDate'] }),
    ]);
    // Born on the first date of service: a newborn's claim.
    expect(bornOn('2026-05-01').issues.some((e) => e.code === 'claim_invalid')).toBe(false);
    // An admission before the services is the claim's first date.
    expect(
      bornOn('2026-04-30', { admissionDate: '2026-04-29', dischargeDate: '2026-05-03' }).issues.map(
        (e) => `${e.path.join('.')}:${e.code}`,
      ),
    ).toEqual(expect.arrayContaining(['patient.birthDate:claim_invalid']));
  });
});

describe('validity on the date of service (contract fakes)', () => {
  it('header codes, unknown codes, terminated HCPCS, CPT format, malformed procedures', () => {
    const r = validateClaimJson(
      baseClaim({
        diagnoses: [{ code: 'E11' }, { code: 'E11.99' }],
        lines: [
          { procedure: 'J0001', units: 1, charge: '1.00', serviceDate: '2026-05-01', diagnosisPointers: [1] },
          { procedure: '9921', units: 1, charge: '1.00', serviceDate: '2026-05-01', diagnosisPointers: [2] },
        ],
      }),
      opts,
    );
    expect(codesOf(r)).toEqual([
      'diagnoses.0.code:not_billable',
      'diagnoses.1.code:unknown_code',
      'lines.0.procedure:code_terminated',
      'lines.1.procedure:malformed_code',
    ]);
    expect(r.issues[0]!.dataVersion).toBe('ICD-10-CM FY2026');
  });
  it('no code set for the date is NOT CHECKED at each code, never a pass', () => {
    const r = validateClaimJson(
      baseClaim({
        lines: [
          { procedure: 'J1100', units: 1, charge: '1.00', serviceDate: '2025-06-01', diagnosisPointers: [1] },
        ],
      }),
      // Validated within the claim's filing limit, so that no other edit decides its status.
      { ...opts, today: '2025-12-01' },
    );
    expect(r.ok).toBe(false);
    expect(r.status).toBe('not_checked');
    const notChecked = codesOf(r).filter((c) => c.endsWith('not_checked'));
    expect(notChecked).toContain('diagnoses.0.code:not_checked');
    expect(notChecked).toContain('lines.0.procedure:not_checked');
    expect(r.issues.find((e) => e.code === 'not_checked')).toMatchObject({
      date: '2025-06-01',
      reason: 'no ICD-10-CM edition covers 2025-06-01',
      severity: 'error',
    });
    expect(r.skipped.filter((s) => s.rule === 'code-validity').map((s) => s.reason)).toEqual([
      expect.stringMatching(/^no HCPCS Level II data for 2025-06-01/),
      expect.stringMatching(/^no ICD-10-CM data for 2025-06-01/),
    ]);
    // Without options.codeSets the built-in editions are used; a date none of them covers is skipped too.
    const none = validateClaimJson(
      baseClaim({
        lines: [
          { procedure: 'J1100', units: 1, charge: '1.00', serviceDate: '2025-06-01', diagnosisPointers: [1] },
        ],
      }),
      { today },
    );
    expect(none.skipped.map((s) => s.reason)).toContainEqual(
      expect.stringMatching(
        /^no ICD-10-CM data for 2025-06-01: .*fy2026 2025-10-01\.\.2026-09-30, fy2027 2026-10-01\.\.2027-09-30/,
      ),
    );
  });
});

describe('NCCI PTP in claims (CMS-packaged fixtures of documented pairs)', () => {
  const FIX = join(import.meta.dirname, '..', 'fixtures', 'ncci');
  const tablesP = importPtp([join(FIX, 'ccipra-v233r0-f1.zip'), join(FIX, 'ccipra-v240r0-f1.zip')]);
  const claimOn = (date: string, col1Mods: string[], col2Mods: string[]) =>
    baseClaim({
      lines: [
        { procedure: '38220', units: 1, charge: '300.00', serviceDate: date, modifiers: col2Mods },
        { procedure: '22319', units: 1, charge: '900.00', serviceDate: date, modifiers: col1Mods },
      ],
    });

  it('indicator 1 (2017 Q4): denied without a modifier, bypassed by 59 on the column 2 line', async () => {
    const o = { ...opts, ptp: { tables: await tablesP } };
    const r = validateClaimJson(claimOn('2017-11-15', [], []), o);
    const e = r.issues.find((x) => x.code === 'ncci_ptp')!;
    expect(e).toMatchObject({
      path: ['lines', 0, 'procedure'],
      codes: ['38220', '22319'],
      severity: 'error',
      modifierIndicator: 1,
      column1Line: 1,
      dataVersion: 'NCCI PTP practitioner 23.3 (2017 Q4)',
    });
    expect(e.remedy).toMatch(/line 1 may bypass with 59\/XE\/XS\/XP\/XU/);
    expect(r.ok).toBe(false);
    expect(
      validateClaimJson(claimOn('2017-11-15', [], ['59']), o).issues.some((x) => x.code === 'ncci_ptp'),
    ).toBe(false);
    // On the column 1 line it does not bypass by default; it does with placement 'either'.
    expect(
      validateClaimJson(claimOn('2017-11-15', ['59'], []), o).issues.some((x) => x.code === 'ncci_ptp'),
    ).toBe(true);
    expect(
      validateClaimJson(claimOn('2017-11-15', ['59'], []), {
        ...o,
        ptp: { tables: await tablesP, modifierPlacement: 'either' },
      }).issues.some((x) => x.code === 'ncci_ptp'),
    ).toBe(false);
    // A non-PTP modifier (GA) does not bypass.
    expect(
      validateClaimJson(claimOn('2017-11-15', [], ['GA']), o).issues.some((x) => x.code === 'ncci_ptp'),
    ).toBe(true);
  });

  it('a modifier bypasses only where Medicare allows it: E/M modifiers on E/M lines, 91 on laboratory codes, an anatomic modifier on another site than the other line', async () => {
    // NCCI Policy Manual for Medicare Services, ch. I §E. 38220 (column 2) and 22319 (column 1) are
    // neither E/M services nor laboratory tests; the 2017 Q4 edit has modifier indicator 1.
    const o = { ...opts, ptp: { tables: await tablesP } };
    const outcome = (col1Mods: string[], col2Mods: string[]) =>
      validateClaimJson(claimOn('2017-11-15', col1Mods, col2Mods), o)
        .issues.filter((x) => x.code.startsWith('ncci_ptp'))
        .map((x) => x.code);
    for (const m of ['24', '25', '27', '57', '91']) expect(outcome([], [m]), m).toEqual(['ncci_ptp']);
    expect(outcome([], ['RT'])).toEqual(['ncci_ptp_bypassed']);
    expect(outcome(['LT'], ['RT'])).toEqual(['ncci_ptp_bypassed']);
    expect(outcome(['RT'], ['RT'])).toEqual(['ncci_ptp']);
    expect(outcome(['F1'], ['F2'])).toEqual(['ncci_ptp_bypassed']);
    // The same site on both lines, but a distinct-service modifier too: 59 bypasses.
    expect(outcome(['RT'], ['RT', '59'])).toEqual(['ncci_ptp_bypassed']);
    expect(outcome([], ['XS'])).toEqual(['ncci_ptp_bypassed']);
  });

  it('indicator 0 (2018 Q1): denied whatever the modifiers; the DOS-quarter table decides', async () => {
    const o = { ...opts, ptp: { tables: await tablesP } };
    const r = validateClaimJson(claimOn('2018-02-01', ['XS'], ['59', 'XS']), o);
    expect(r.issues.filter((x) => x.code === 'ncci_ptp')).toEqual([
      expect.objectContaining({ modifierIndicator: 0, path: ['lines', 0, 'procedure'] }),
    ]);
    // Different dates of service: no edit.
    const apart = baseClaim({
      lines: [
        { procedure: '38220', units: 1, charge: '1.00', serviceDate: '2018-02-01' },
        { procedure: '22319', units: 1, charge: '1.00', serviceDate: '2018-02-02' },
      ],
    });
    expect(validateClaimJson(apart, o).issues.some((x) => x.code === 'ncci_ptp')).toBe(false);
  });

  it('lines on interleaved dates, codes repeated: each column 2 line paired on its own date, in line order', async () => {
    const o = { ...opts, ptp: { tables: await tablesP } };
    const line = (procedure: string, serviceDate: string) => ({
      procedure,
      units: 1,
      charge: '1.00',
      serviceDate,
    });
    const r = validateClaimJson(
      baseClaim({
        lines: [
          line('22319', '2018-02-02'),
          line('38220', '2018-02-01'),
          line('38220', '2018-02-02'),
          line('22319', '2018-02-01'),
          line('38220', '2018-02-02'),
          line('22319', '2018-02-03'),
        ],
      }),
      o,
    );
    // Column 2 38220 on lines 1, 2, 4; each denied by a 22319 line on its own date (2018-02-03 has none).
    expect(
      r.issues
        .filter((x) => x.code === 'ncci_ptp')
        .map((x) => [
          x.path[1],
          x.code === 'ncci_ptp' ? x.column1Line : -1,
          x.code === 'ncci_ptp' ? x.date : '',
        ]),
    ).toEqual([
      [1, 3, '2018-02-01'],
      [2, 0, '2018-02-02'],
      [4, 0, '2018-02-02'],
    ]);
  });

  it('a column 1 code on a prior claim of the same day (options.history) denies the column 2 line of this one', async () => {
    // CMS NCCI PTP edits page: same beneficiary, provider and date of service, on one claim or two.
    const o = { ...opts, ptp: { tables: await tablesP } };
    const priorOn = (date: string, modifiers: string[] = []) =>
      baseClaim({
        claimId: 'PRIOR',
        lines: [{ procedure: '22319', units: 1, charge: '900.00', serviceDate: date, modifiers }],
      });
    const thisOn = (date: string, modifiers: string[] = []) =>
      baseClaim({
        lines: [{ procedure: '38220', units: 1, charge: '300.00', serviceDate: date, modifiers }],
      });
    const denied = validateClaimJson(thisOn('2017-11-15'), { ...o, history: [priorOn('2017-11-15')] });
    const e = denied.issues.find((x) => x.code === 'ncci_ptp')!;
    expect(e).toMatchObject({
      path: ['lines', 0, 'procedure'],
      codes: ['38220', '22319'],
      column1Line: 0,
      column1Claim: 0,
      modifierIndicator: 1,
    });
    expect(e.message).toContain('denied with 22319 on line 1 of prior claim history[0]');
    expect(denied.ok).toBe(false);
    // Another date: no edit. Modifier 59 on this claim's column 2 line bypasses the indicator-1 edit;
    // on the prior claim's column 1 line only with placement 'either'.
    const ptpCodes = (r: ReturnType<typeof validateClaimJson>) =>
      r.issues.filter((x) => x.code.startsWith('ncci_ptp')).map((x) => x.code);
    expect(
      ptpCodes(validateClaimJson(thisOn('2017-11-15'), { ...o, history: [priorOn('2017-11-16')] })),
    ).toEqual([]);
    expect(
      ptpCodes(validateClaimJson(thisOn('2017-11-15', ['59']), { ...o, history: [priorOn('2017-11-15')] })),
    ).toEqual(['ncci_ptp_bypassed']);
    expect(
      ptpCodes(validateClaimJson(thisOn('2017-11-15'), { ...o, history: [priorOn('2017-11-15', ['59'])] })),
    ).toEqual(['ncci_ptp']);
    const either = validateClaimJson(thisOn('2017-11-15'), {
      ...o,
      ptp: { tables: await tablesP, modifierPlacement: 'either' },
      history: [priorOn('2017-11-15', ['59'])],
    });
    expect(either.issues.find((x) => x.code === 'ncci_ptp_bypassed')).toMatchObject({
      column1Claim: 0,
      modifierLine: 0,
      modifierClaim: 0,
    });
    // Indicator 0 (2018 Q1): denied whatever the modifier.
    expect(
      ptpCodes(validateClaimJson(thisOn('2018-02-01', ['59']), { ...o, history: [priorOn('2018-02-01')] })),
    ).toEqual(['ncci_ptp']);
    // Column 2 on the prior claim is that claim's denial: nothing on this claim's column 1 line.
    const reversed = validateClaimJson(
      baseClaim({ lines: [{ procedure: '22319', units: 1, charge: '900.00', serviceDate: '2017-11-15' }] }),
      {
        ...o,
        history: [
          baseClaim({
            claimId: 'PRIOR',
            lines: [{ procedure: '38220', units: 1, charge: '300.00', serviceDate: '2017-11-15' }],
          }),
        ],
      },
    );
    expect(ptpCodes(reversed)).toEqual([]);
  });

  it('indicator 9 never fires; no table for the date is skipped', async () => {
    const o = { ...opts, ptp: { tables: await tablesP } };
    const r = validateClaimJson(
      baseClaim({
        lines: [
          { procedure: '93653', units: 1, charge: '1.00', serviceDate: '2013-01-01' },
          { procedure: '93623', units: 1, charge: '1.00', serviceDate: '2013-01-01' },
        ],
      }),
      o,
    );
    expect(r.issues.some((x) => x.code === 'ncci_ptp')).toBe(false);
    expect(r.skipped).toContainEqual({
      rule: 'ncci-ptp',
      reason: expect.stringMatching(
        /^no NCCI PTP practitioner table for 2013-01-01 \(loaded: practitioner-2017q4, practitioner-2018q1/,
      ),
    });
  });
});

describe('createIssueInPlace (the one-copy issue path of the engine)', () => {
  it('completes and freezes the draft itself, equal to createIssue; long inputs truncated', () => {
    const draft = {
      code: 'unknown_code' as const,
      severity: 'error' as const,
      path: ['lines', 0, 'procedure'],
      codes: ['J0001'],
      system: 'hcpcs' as const,
      input: 'x'.repeat(100),
    };
    const copy = createIssue({ ...draft });
    const issue = createIssueInPlace(draft);
    expect(issue).toBe(draft);
    expect(Object.isFrozen(issue) && Object.isFrozen(issue.path) && Object.isFrozen(issue.codes)).toBe(true);
    expect(issue).toEqual(copy);
    expect(issue.message).toBe('lines[0].procedure: J0001 is not a HCPCS Level II code.');
    expect(String(issue.input)).toMatch(/… \(100 characters\)$/);
  });
});
