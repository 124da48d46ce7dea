import { describe, expect, it } from 'vitest';
import { validateClaimJson, loadMceLists } from '../../src/rules/index';
import { MceLists, maternityAgeRangeOf, mceLogicVersionOn } from '../../src/rules/mce';
import { PackReader, PackWriter } from '../../src/core/pack';
import { PackError } from '../../src/core/errors';
import { medcodeErrorOf } from '../medcode-error';
import type { ClaimValidation } from '../../src/rules/index';
import { CODESETS_DIR, SourceReader, diffEditions } from '../../scripts/lib/codesets';
import mceBuilder from '../../scripts/codesets/mce';
import { baseClaim, fakeCodeSets } from './fakes';

const today = '2026-11-27';
const opts = { codeSets: fakeCodeSets, today } as const;
const find = (r: ClaimValidation, code: string) => r.issues.filter((e) => e.code === code);
const line = (procedure: string, units: number, extra: Record<string, unknown> = {}) => ({
  procedure,
  units,
  charge: '10.00',
  serviceDate: '2026-05-01',
  ...extra,
});

describe('MUE on the real practitioner table (2026-04-01)', () => {
  it('MAI 3 sums units per code per date across lines; value, MAI and rationale reported', () => {
    // 99213: MUE 2, MAI 3, "Clinical: Data".
    const r = validateClaimJson(
      baseClaim({ lines: [line('99213', 2), line('99213', 1, { modifiers: ['76'] })] }),
      opts,
    );
    const e = find(r, 'mue_exceeded');
    expect(e.map((x) => x.path)).toEqual([
      ['lines', 0, 'units'],
      ['lines', 1, 'units'],
    ]);
    expect(e[0]).toMatchObject({
      units: 3,
      mueValue: 2,
      mai: 3,
      rationale: 'Clinical: Data',
      scope: 'date_of_service',
      dataVersion: 'MUE practitioner 2026-04-01',
      severity: 'error',
    });
    expect(e[0]!.remedy).toMatch(/appeal/);
    // 'excess': only the line that crosses the limit.
    const x = validateClaimJson(
      baseClaim({ lines: [line('99213', 2), line('99213', 1, { modifiers: ['76'] })] }),
      { ...opts, mue: { dosDenial: 'excess' } },
    );
    expect(find(x, 'mue_exceeded').map((i) => i.path)).toEqual([['lines', 1, 'units']]);
    // Different dates are separate.
    expect(
      find(
        validateClaimJson(
          baseClaim({ lines: [line('99213', 2), line('99213', 2, { serviceDate: '2026-05-02' })] }),
          opts,
        ),
        'mue_exceeded',
      ),
    ).toEqual([]);
  });

  it('MAI 2/3 count prior claims passed as history', () => {
    const prior = baseClaim({ claimId: 'P1', lines: [line('99213', 2)] });
    const r = validateClaimJson(baseClaim({ lines: [line('99213', 1)] }), { ...opts, history: [prior] });
    expect(find(r, 'mue_exceeded')[0]).toMatchObject({ units: 3, mueValue: 2 });
    expect(
      validateClaimJson(baseClaim({ lines: [line('99213', 1)] }), { ...opts, history: [{ bad: true }] })
        .issues[0],
    ).toMatchObject({ code: 'invalid_option', option: 'history.0' });
  });

  it('MAI 1 compares each line on its own (A0425: 250, line edit)', () => {
    const over = validateClaimJson(baseClaim({ lines: [line('A0425', 251)] }), opts);
    expect(find(over, 'mue_exceeded')[0]).toMatchObject({
      mai: 1,
      scope: 'line',
      mueValue: 250,
      units: 251,
      rationale: 'Clinical: Data',
    });
    expect(find(over, 'mue_exceeded')[0]!.message).toMatch(/MAI 1, line edit/);
    expect(
      find(
        validateClaimJson(
          baseClaim({ lines: [line('A0425', 200), line('A0425', 200, { modifiers: ['76'] })] }),
          opts,
        ),
        'mue_exceeded',
      ),
    ).toEqual([]);
  });

  it('MAI 2 (11042: 1, policy) and a date without an MUE table is skipped', () => {
    expect(
      find(validateClaimJson(baseClaim({ lines: [line('11042', 2)] }), opts), 'mue_exceeded')[0],
    ).toMatchObject({ mai: 2, mueValue: 1 });
    const later = validateClaimJson(
      baseClaim({ lines: [line('99213', 5, { serviceDate: '2026-08-01' })] }),
      opts,
    );
    expect(find(later, 'mue_exceeded')).toEqual([]);
    expect(later.skipped).toContainEqual({
      rule: 'ncci-mue',
      reason: 'no MUE practitioner table for 2026-08-01 (loaded: MUE practitioner 2026-04-01)',
    });
  });
});

describe('ICD-10-CM conventions (contract fakes)', () => {
  it('Excludes1 is a warning that names the note and the exception; Excludes2 never fires', () => {
    const r = validateClaimJson(
      baseClaim({ diagnoses: [{ code: 'E10.9' }, { code: 'E11.9' }, { code: 'Z79.4' }] }),
      opts,
    );
    const e = find(r, 'excludes1_conflict');
    expect(e.map((x) => x.codes)).toEqual([
      ['E10.9', 'E11.9'],
      ['E11.9', 'E10.9'],
    ]);
    expect(e[0]).toMatchObject({
      severity: 'warning',
      noteLevel: 'category',
      levelCode: 'E10',
      noteText: 'type 2 diabetes mellitus (E11.-)',
    });
    expect(e[0]!.message).toMatch(/unrelated/);
    expect(r.ok).toBe(true);
    expect(
      find(
        validateClaimJson(
          baseClaim({ diagnoses: [{ code: 'E11.9' }, { code: 'E13.9' }, { code: 'Z79.4' }] }),
          opts,
        ),
        'excludes1_conflict',
      ),
    ).toEqual([]);
  });

  it('a manifestation code first is an error (code-first note and/or MCE list); "use additional code" unmet is info', () => {
    const g63 = validateClaimJson(baseClaim({ diagnoses: [{ code: 'G63' }, { code: 'E85.4' }] }), opts);
    expect(find(g63, 'manifestation_as_principal')[0]).toMatchObject({
      severity: 'error',
      basis: ['code_first_note', 'mce_list'],
      path: ['diagnoses', 0, 'code'],
    });
    expect(g63.ok).toBe(false);
    expect(
      find(
        validateClaimJson(baseClaim({ diagnoses: [{ code: 'F02.80' }] }), opts),
        'manifestation_as_principal',
      )[0],
    ).toMatchObject({ basis: ['mce_list'] });
    expect(
      find(
        validateClaimJson(baseClaim({ diagnoses: [{ code: 'E85.4' }, { code: 'G63' }] }), opts),
        'manifestation_as_principal',
      ),
    ).toEqual([]);
    const uac = find(
      validateClaimJson(baseClaim({ diagnoses: [{ code: 'E11.9' }] }), opts),
      'use_additional_code',
    );
    expect(uac).toEqual([
      expect.objectContaining({
        severity: 'info',
        owner: 'E11',
        path: ['diagnoses', 0, 'code'],
        noteText: 'insulin (Z79.4); oral antidiabetic drugs (Z79.84)',
      }),
    ]);
    // The alternatives of one instruction: any one meets it.
    expect(
      find(
        validateClaimJson(baseClaim({ diagnoses: [{ code: 'E11.9' }, { code: 'Z79.84' }] }), opts),
        'use_additional_code',
      ),
    ).toEqual([]);
  });
});

describe('Medicare Code Editor v37 lists (real data) on inpatient claims', () => {
  const inpatient = (
    diagnoses: unknown[],
    patient = { birthDate: '1960-03-15', sex: 'M' },
    date = '2026-05-03',
  ) =>
    baseClaim({
      diagnoses,
      patient,
      admissionDate: '2026-05-01',
      dischargeDate: date,
      lines: [line('99223', 1, { serviceDate: '2026-05-01' })],
    });
  const ip = { ...opts, profile: 'medicare-inpatient' } as const;

  it('the committed MCE pack equals a fresh build and holds the v37 list sizes', async () => {
    expect(diffEditions(CODESETS_DIR, 'mce', await mceBuilder.build(new SourceReader()))).toEqual([]);
    const m = loadMceLists();
    expect(m.version).toBe(37);
    expect(m.lists.manifestation).toHaveLength(395);
    expect(m.lists.newborn).toHaveLength(41);
    expect(m.maternityAgeRange).toEqual([12, 55]);
  });

  it('MCE packs hold a section per list, read list by list; a pack with one section still reads', () => {
    const m = loadMceLists();
    const pack = PackReader.fromBuffer(m.toPack(), 'mce.pack', 'mce/lists');
    expect(pack.has('list:manifestation')).toBe(true);
    expect(pack.has('lists')).toBe(false);
    const reread = MceLists.fromPack(pack);
    expect(reread.has('manifestation', 'G63')).toBe(true);
    expect(reread.has('manifestation', 'I10')).toBe(false);
    expect(reread.lists).toEqual(m.lists);
    // As earlier releases wrote them (an edition imported then): the lists as one JSON section.
    const oneSection = new PackWriter('mce/lists', m.edition.id)
      .json('meta', { version: m.version, edition: m.edition })
      .json('lists', m.lists)
      .toBuffer();
    const old = MceLists.fromPack(oneSection);
    expect(old.has('manifestation', 'G63')).toBe(true);
    expect(old.lists).toEqual(m.lists);
    // A list section that is not a list of codes is the pack's error when the list is read.
    const bad = new PackWriter('mce/lists', m.edition.id).json('meta', { version: 37, edition: m.edition });
    for (const name of Object.keys(m.lists)) bad.json(`list:${name}`, name === 'adult' ? { G63: true } : []);
    const damaged = MceLists.fromPack(bad.toBuffer());
    expect(damaged.has('newborn', 'Z3800')).toBe(false);
    expect(() => damaged.has('adult', 'G63')).toThrow(PackError);
    // A caller's list reader that gives something else: an error naming the argument.
    for (const given of [5, null, ['G63', 7], { G63: true }]) {
      const lists = new MceLists(37, m.edition, () => given as never);
      expect(() => lists.has('manifestation', 'G63')).toThrow(/MceLists\(lists\)/);
    }
    expect(new MceLists(37, m.edition, () => ['G63']).has('manifestation', 'g63')).toBe(true);
  });

  it('age conflict: newborn, maternity by the MCE version in force, adult; age from birth date at admission', () => {
    const r = validateClaimJson(inpatient([{ code: 'I10', poa: 'Y' }, { code: 'Z00.110' }]), ip);
    expect(find(r, 'age_conflict')[0]).toMatchObject({
      list: 'newborn',
      age: 66,
      min: 0,
      max: 0,
      path: ['diagnoses', 1, 'code'],
      mceLogicVersion: 43,
      mceListVersion: 37,
    });
    // The result says which logic and which lists were used.
    expect(find(r, 'age_conflict')[0]!.dataVersion).toBe(
      'MCE v43 (FY2026) edit logic with the MCE v37 (FY2020) lists, the newest held, applied to 2026-05-03',
    );
    // 2026 discharge: MCE v43 logic, maternity 9–64 (CMS Definitions of Medicare Code Edits,
    // chapter 1, edit 4, from v39), applied to the v37 lists.
    const mother = (birthDate: string, date = '2026-05-03') =>
      find(
        validateClaimJson(
          baseClaim({
            diagnoses: [{ code: 'O80' }],
            patient: { birthDate, sex: 'F' },
            admissionDate: date,
            dischargeDate: date,
            lines: [line('99223', 1, { serviceDate: date })],
          }),
          ip,
        ),
        'age_conflict',
      );
    expect(mother('1962-05-04')).toEqual([]); // 63 at admission
    expect(mother('1961-05-04')).toEqual([]); // 64
    expect(mother('1961-05-02')).toEqual([
      expect.objectContaining({ list: 'maternity', age: 65, min: 9, max: 64, mceLogicVersion: 43 }),
    ]);
    expect(mother('2016-01-01')).toEqual([]); // 10: in 9–64, outside the old 12–55
    expect(mother('2018-01-01')).toEqual([expect.objectContaining({ age: 8, min: 9 })]);
    // A discharge under v37 itself (FY2020): its own 12–55 range.
    expect(mother('1964-01-01', '2020-05-01')).toEqual([
      expect.objectContaining({ list: 'maternity', age: 56, min: 12, max: 55, mceLogicVersion: 37 }),
    ]);
    expect(mother('2009-01-01', '2020-05-01')).toEqual([expect.objectContaining({ age: 11, min: 12 })]);
    expect(mother('1966-01-01', '2020-05-01')).toEqual([]);
    expect(
      find(
        validateClaimJson(
          inpatient([{ code: 'N40.0', poa: 'Y' }], { birthDate: '2012-01-01', sex: 'M' }),
          ip,
        ),
        'age_conflict',
      )[0],
    ).toMatchObject({ list: 'adult', age: 14 });
  });

  it('an age over 124 at admission is MCE edit 14 (invalid age), at the birth date, not an age conflict', () => {
    // N40.0 is adult-only (15–124): at 125 the age is the error, not the diagnosis.
    const at = (birthDate: string) =>
      validateClaimJson(inpatient([{ code: 'N40.0', poa: 'Y' }], { birthDate, sex: 'M' }), ip);
    const old = at('1901-05-01'); // 125 on the day of admission, 2026-05-01
    expect(old.status).toBe('failed');
    expect(find(old, 'age_conflict')).toEqual([]);
    expect(find(old, 'claim_invalid')).toEqual([
      expect.objectContaining({
        rule: 'mce-age',
        path: ['patient', 'birthDate'],
        received: '1901-05-01 (age 125)',
        citation: expect.stringMatching(/edit 14 \(invalid age\)/),
        message: expect.stringMatching(
          /^patient\.birthDate must be a birth date giving an age of 0 to 124 years/,
        ),
      }),
    ]);
    // 124 on the day of admission, 125 the next day, is a valid age.
    expect(find(at('1901-05-02'), 'claim_invalid')).toEqual([]);
  });

  it('past the fiscal year of the newest MCE logic known, the issue says that logic is assumed', () => {
    const age = (date: string) =>
      find(
        validateClaimJson(inpatient([{ code: 'I10', poa: 'Y' }, { code: 'Z00.110' }], undefined, date), ip),
        'age_conflict',
      )[0];
    // FY2026 (v43 in force): stated as the logic applied.
    expect(age('2026-09-30')!.dataVersion).toBe(
      'MCE v43 (FY2026) edit logic with the MCE v37 (FY2020) lists, the newest held, applied to 2026-09-30',
    );
    // FY2027 on (v44 and later, not known to medcode): v43 logic assumed, and said to be.
    for (const date of ['2026-10-05', '2030-01-01'])
      expect(age(date)).toMatchObject({
        mceLogicVersion: 43,
        mceListVersion: 37,
        dataVersion: `MCE v43 (FY2026) edit logic, the newest medcode knows, assumed for ${date} (the version in force then is not known to medcode), with the MCE v37 (FY2020) lists, the newest held`,
      });
    // Lists newer than the newest logic known (v44, FY2027) carry their own version's logic later on.
    const m = loadMceLists();
    const v44 = new MceLists(
      44,
      {
        ...m.edition,
        id: 'v44',
        name: 'Medicare Code Editor v44 (FY2027)',
        effectiveFrom: '2026-10-01',
        effectiveTo: '2027-09-30',
      },
      (name) => m.lists[name] ?? [],
    );
    const later = find(
      validateClaimJson(
        inpatient([{ code: 'I10', poa: 'Y' }, { code: 'Z00.110' }], undefined, '2028-01-05'),
        {
          ...ip,
          mce: { lists: v44 },
        },
      ),
      'age_conflict',
    )[0];
    expect(later).toMatchObject({ mceLogicVersion: 44, mceListVersion: 44 });
    expect(later!.dataVersion).toMatch(
      /^MCE v44 \(FY2027\), newest lists available, applied to 2028-01-05; .*MCE v44, the newest known, is assumed$/,
    );
  });

  it('the MCE logic version in force by date', () => {
    expect(mceLogicVersionOn('2019-09-30')).toBeUndefined();
    expect(mceLogicVersionOn('2019-10-01')?.version).toBe(37);
    expect(mceLogicVersionOn('2021-09-30')?.version).toBe(38);
    expect(mceLogicVersionOn('2021-10-01')?.version).toBe(39);
    expect(mceLogicVersionOn('2026-05-01')).toEqual({
      version: 43,
      effectiveFrom: '2025-10-01',
      fiscalYear: 'FY2026',
    });
    expect(maternityAgeRangeOf(38)).toEqual([12, 55]);
    expect(maternityAgeRangeOf(39)).toEqual([9, 64]);
  });

  it('the MCE logic lookups refuse by name a date or version of the wrong kind', () => {
    const refusal = (call: () => unknown) => medcodeErrorOf(call).issues[0];
    const common = [Symbol('x'), 10n, Object.create(null), {}, null, undefined];
    // A string that is not a calendar day compared as text would fall after every effective date.
    for (const [k, date] of [
      ...common,
      20260501,
      new Date('2026-05-01'),
      '',
      'tomorrow',
      '2026-5-1',
      '2026-02-30',
      '99',
    ].entries())
      expect(
        refusal(() => mceLogicVersionOn(date as never)),
        `date ${k}`,
      ).toMatchObject({
        code: 'invalid_option',
        path: ['date'],
        option: 'mceLogicVersionOn(date)',
      });
    for (const [k, version] of [...common, '43', Number.NaN, 38.5, Number.POSITIVE_INFINITY, 0, -1].entries())
      expect(
        refusal(() => maternityAgeRangeOf(version as never)),
        `version ${k}`,
      ).toMatchObject({
        code: 'invalid_option',
        path: ['version'],
        option: 'maternityAgeRangeOf(version)',
      });
    expect(maternityAgeRangeOf(37)).toEqual([12, 55]);
    expect(mceLogicVersionOn('2024-02-29')?.version).toBe(41);
  });

  it('sex conflict is off by default after its 2024-10-01 deactivation and can be turned on', () => {
    const c = inpatient(
      [
        { code: 'N40.0', poa: 'Y' },
        { code: 'C61', poa: 'Y' },
      ],
      { birthDate: '1950-01-01', sex: 'F' },
    );
    const off = validateClaimJson(c, ip);
    expect(find(off, 'sex_conflict')).toEqual([]);
    expect(off.skipped).toContainEqual({
      rule: 'mce-sex',
      reason:
        "the MCE sex-conflict edit was deactivated by CMS on 2024-10-01; set mce.sexEdit to 'on' to run it",
    });
    const on = validateClaimJson(c, { ...ip, mce: { sexEdit: 'on' } });
    expect(find(on, 'sex_conflict').map((e) => e.codes[0])).toEqual(['N40.0', 'C61']);
    // Before the deactivation it runs by default (FY2020 date, within v37).
    const old = validateClaimJson(
      inpatient([{ code: 'N40.0' }], { birthDate: '1950-01-01', sex: 'F' }, '2020-05-03'),
      ip,
    );
    expect(find(old, 'sex_conflict')[0]).toMatchObject({ list: 'male', dataVersion: 'MCE v37 (FY2020)' });
  });

  it('unacceptable principal, questionable admission, external cause principal (derived)', () => {
    expect(
      find(validateClaimJson(inpatient([{ code: 'Z37.0' }]), ip), 'unacceptable_principal'),
    ).toHaveLength(1);
    expect(
      find(validateClaimJson(inpatient([{ code: 'E11.9', poa: 'Y' }]), ip), 'questionable_admission')[0],
    ).toMatchObject({ severity: 'warning' });
    expect(
      find(validateClaimJson(inpatient([{ code: 'W01.0XXA', poa: 'Y' }]), ip), 'external_cause_principal')[0],
    ).toMatchObject({ severity: 'error' });
    expect(
      find(
        validateClaimJson(baseClaim({ diagnoses: [{ code: 'W01.0XXA' }] }), opts),
        'external_cause_principal',
      )[0],
    ).toMatchObject({ severity: 'warning' });
    // Secondary position: no principal edits.
    expect(
      validateClaimJson(inpatient([{ code: 'I10', poa: 'Y' }, { code: 'Z37.0' }]), ip).issues.filter(
        (e) => e.code === 'unacceptable_principal',
      ),
    ).toEqual([]);
  });

  it('a diagnosis or procedure with white space around it is read by every MCE edit as the code itself', () => {
    const codesOf = (r: ClaimValidation, code: string) => find(r, code).map((e) => e.path.join('.'));
    for (const pad of [(c: string) => `${c} `, (c: string) => ` ${c}`, (c: string) => `\t${c}\t`]) {
      expect(
        codesOf(
          validateClaimJson(inpatient([{ code: 'I21.4', poa: 'Y' }, { code: pad('Z38.00') }]), ip),
          'age_conflict',
        ),
      ).toEqual(['diagnoses.1.code']);
      expect(
        codesOf(validateClaimJson(inpatient([{ code: pad('Z37.0') }]), ip), 'unacceptable_principal'),
      ).toEqual(['diagnoses.0.code']);
      expect(
        codesOf(validateClaimJson(inpatient([{ code: pad('i10'), poa: 'Y' }]), ip), 'questionable_admission'),
      ).toEqual(['diagnoses.0.code']);
      expect(
        codesOf(
          validateClaimJson(inpatient([{ code: pad('W01.0XXA'), poa: 'Y' }]), ip),
          'external_cause_principal',
        ),
      ).toEqual(['diagnoses.0.code']);
      const female = { birthDate: '1950-01-01', sex: 'F' };
      const sex = validateClaimJson(
        {
          ...inpatient([{ code: pad('N40.0'), poa: 'Y' }], female, '2020-05-03'),
          lines: [line(pad('0VT04ZZ'), 1, { serviceDate: '2020-05-03' })],
        },
        { ...ip, mce: { sexEdit: 'on' } },
      );
      expect(codesOf(sex, 'sex_conflict')).toEqual(['diagnoses.0.code', 'lines.0.procedure']);
      expect(
        find(
          validateClaimJson(baseClaim({ diagnoses: [{ code: pad('F02.80') }] }), opts),
          'manifestation_as_principal',
        )[0],
      ).toMatchObject({ basis: ['mce_list'] });
    }
    expect(loadMceLists().has('newborn', ' z38.00\t')).toBe(true);
    // The same form for the tabular's notes: a padded secondary code meets "use additional code".
    expect(
      find(
        validateClaimJson(baseClaim({ diagnoses: [{ code: 'E11.9' }, { code: ' Z79.84 ' }] }), opts),
        'use_additional_code',
      ),
    ).toEqual([]);
  });

  it('wrong procedure performed (Y65.51–Y65.53, any position) and ventilation over 96 hours on a stay under four days', () => {
    const wrong = validateClaimJson(
      inpatient([
        { code: 'S72.001A', poa: 'Y' },
        { code: 'Y65.51', poa: 'N' },
        { code: 'y65.53 ', poa: 'N' },
      ]),
      ip,
    );
    expect(find(wrong, 'wrong_procedure_performed')).toEqual([
      expect.objectContaining({
        path: ['diagnoses', 1, 'code'],
        severity: 'error',
        rule: 'mce-wrong-procedure',
      }),
      expect.objectContaining({ path: ['diagnoses', 2, 'code'], codes: ['y65.53 '] }),
    ]);
    expect(
      find(validateClaimJson(inpatient([{ code: 'Y65.8', poa: 'N' }]), ip), 'wrong_procedure_performed'),
    ).toEqual([]);
    const vent = (admissionDate: string, dischargeDate: string) =>
      find(
        validateClaimJson(
          {
            ...inpatient([{ code: 'J96.01', poa: 'Y' }]),
            admissionDate,
            dischargeDate,
            lines: [line('5A1955Z', 1, { serviceDate: admissionDate })],
          },
          ip,
        ),
        'procedure_inconsistent_with_los',
      );
    expect(vent('2026-05-01', '2026-05-03')).toEqual([
      expect.objectContaining({
        path: ['lines', 0, 'procedure'],
        lengthOfStay: 2,
        minimumDays: 4,
        severity: 'error',
      }),
    ]);
    expect(vent('2026-02-26', '2026-03-01')).toEqual([expect.objectContaining({ lengthOfStay: 3 })]);
    expect(vent('2026-05-01', '2026-05-05')).toEqual([]);
    // Not run on professional claims (the MCE is an inpatient editor).
    expect(
      find(
        validateClaimJson(baseClaim({ diagnoses: [{ code: 'Y65.51' }] }), opts),
        'wrong_procedure_performed',
      ),
    ).toEqual([]);
    // A pack written before these lists were held reads them as empty.
    const m = loadMceLists();
    const before = new PackWriter('mce/lists', m.edition.id).json('meta', {
      version: 37,
      edition: m.edition,
    });
    for (const name of Object.keys(m.lists))
      if (
        ![
          'wrongProcedurePerformed',
          'inconsistentWithShortStay',
          'noncoveredProcedures',
          'noncoveredOverAge60',
          'limitedCoverage',
        ].includes(name)
      )
        before.json(`list:${name}`, m.lists[name as keyof typeof m.lists]);
    const older = MceLists.fromPack(before.toBuffer());
    expect(older.has('wrongProcedurePerformed', 'Y65.51')).toBe(false);
    expect(older.has('newborn', 'Z38.00')).toBe(true);
    expect(m.has('wrongProcedurePerformed', 'Y65.51')).toBe(true);
    expect(m.lists.inconsistentWithShortStay).toEqual(['5A1955Z']);
    expect(older.has('limitedCoverage', '02YA0Z0')).toBe(false);
    expect(m.lists.noncoveredOverAge60).toEqual(['0SR20JZ', '0SR40JZ']);
  });

  it('non-covered procedures (never, and lumbar disc replacement over 60) and limited coverage', () => {
    const withProcedures = (procedures: string[], birthDate = '1960-03-15') =>
      validateClaimJson(
        {
          ...inpatient([{ code: 'K80.20', poa: 'Y' }], { birthDate, sex: 'M' }),
          lines: procedures.map((p) => line(p, 1, { serviceDate: '2026-05-01' })),
        },
        ip,
      );
    // 0FF4XZZ: fragmentation in the gallbladder, external approach (section 11 A); 0SR20JZ: lumbar
    // disc replacement (11 F); 0FY00Z0: liver transplant (17 A); 0FT44ZZ: laparoscopic cholecystectomy.
    const r = withProcedures(['0FF4XZZ', ' 0sr20jz', '0FY00Z0', '0FT44ZZ']);
    expect(find(r, 'noncovered_procedure')).toEqual([
      expect.objectContaining({
        path: ['lines', 0, 'procedure'],
        reason: 'always',
        severity: 'error',
        rule: 'mce-noncovered-procedure',
        message: expect.stringMatching(/0FF4XZZ is a procedure Medicare does not cover \(MCE v/),
      }),
      expect.objectContaining({
        path: ['lines', 1, 'procedure'],
        reason: 'over_age_60',
        age: 66,
        message: expect.stringMatching(/not covered by Medicare for a patient over 60 and the patient is 66/),
      }),
    ]);
    expect(find(r, 'limited_coverage')).toEqual([
      expect.objectContaining({
        path: ['lines', 2, 'procedure'],
        severity: 'warning',
        rule: 'mce-limited-coverage',
      }),
    ]);
    // Age in completed years at admission (2026-05-01): 60 is not "over 60"; 61 is.
    expect(find(withProcedures(['0SR40JZ'], '1965-05-02'), 'noncovered_procedure')).toEqual([]);
    expect(find(withProcedures(['0SR40JZ'], '1965-05-01'), 'noncovered_procedure')).toEqual([
      expect.objectContaining({ age: 61, reason: 'over_age_60' }),
    ]);
    expect(find(withProcedures(['0SR40JZ'], '2026-06-01'), 'noncovered_procedure')).toEqual([]);
    expect(withProcedures(['0SR40JZ'], '2026-06-01').skipped).toContainEqual({
      rule: 'mce-noncovered-procedure',
      reason: 'age not computed for 0SR40JZ: birth date 2026-06-01 is after 2026-05-01',
    });
    // An age past 124 is MCE edit 14's invalid age (mce-age), not a patient over 60: the procedure
    // on the over-60 list is not reported, and why is said; one never covered still is.
    const invalidAge = withProcedures(['0SR40JZ', '0FF4XZZ'], '1896-04-30');
    expect(find(invalidAge, 'noncovered_procedure')).toEqual([
      expect.objectContaining({ path: ['lines', 1, 'procedure'], reason: 'always' }),
    ]);
    expect(invalidAge.skipped).toContainEqual({
      rule: 'mce-noncovered-procedure',
      reason: 'age not read for 0SR40JZ: 130 years on 2026-05-01 is not a valid age (MCE edit 14)',
    });
    expect(find(invalidAge, 'claim_invalid')).toEqual([
      expect.objectContaining({ path: ['patient', 'birthDate'], rule: 'mce-age' }),
    ]);
    expect(find(withProcedures(['0SR40JZ'], '1902-05-01'), 'noncovered_procedure')).toEqual([
      expect.objectContaining({ age: 124, reason: 'over_age_60' }),
    ]);
    // Not run on professional claims (the MCE is an inpatient editor).
    expect(
      find(validateClaimJson(baseClaim({ lines: [line('0FF4XZZ', 1)] }), opts), 'noncovered_procedure'),
    ).toEqual([]);
  });

  it('lists can be refused for later dates (then skipped)', () => {
    const r = validateClaimJson(inpatient([{ code: 'Z37.0' }]), { ...ip, mce: { applyToLaterDates: false } });
    expect(find(r, 'unacceptable_principal')).toEqual([]);
    expect(
      r.skipped.some(
        (s) => s.rule === 'mce-unacceptable-principal' && /newest loaded are MCE v37/.test(s.reason),
      ),
    ).toBe(true);
  });

  it('POA: Y/N/U/W required unless exempt; exempt codes take blank', () => {
    const r = validateClaimJson(
      inpatient([
        { code: 'I10' },
        { code: 'Z37.0', poa: 'Y' },
        { code: 'J02.9', poa: 'W' },
        { code: 'M54.50', poa: '1' },
      ]),
      ip,
    );
    expect(find(r, 'poa_missing').map((e) => e.path)).toEqual([
      ['diagnoses', 0, 'poa'],
      ['diagnoses', 3, 'poa'],
    ]);
    expect(find(r, 'poa_exempt_reported')[0]).toMatchObject({
      path: ['diagnoses', 1, 'poa'],
      severity: 'warning',
      received: 'Y',
    });
    expect(find(validateClaimJson(baseClaim({ diagnoses: [{ code: 'I10' }] }), opts), 'poa_missing')).toEqual(
      [],
    );
  });
});

describe('institutional outpatient profile uses the hospital tables, never the practitioner ones', () => {
  it('MUE: skipped without a hospital table; applied with an imported one', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseMueCsv } = await import('../../src/ncci/index');
    const { SOURCES_DIR } = await import('../../scripts/lib/codesets');
    const claim = baseClaim({ lines: [line('99213', 5)] });
    const o = { ...opts, profile: 'medicare-institutional-outpatient' } as const;
    const none = validateClaimJson(claim, o);
    expect(find(none, 'mue_exceeded')).toEqual([]);
    expect(none.skipped).toContainEqual({
      rule: 'ncci-mue',
      reason: 'no MUE hospital table for 2026-05-01 (loaded: none)',
    });
    // The practitioner CSV relabelled as an outpatient hospital table, only to exercise the import path.
    const text = readFileSync(
      join(SOURCES_DIR, 'ncci', 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv'),
      'latin1',
    ).replace('Practitioner Services MUE Values', 'Outpatient Hospital Services MUE Values');
    const oph = parseMueCsv(text, { fileName: 'MCR_MUE_OutpatientHospitalServices_Eff_04-01-2026.csv' });
    expect(find(validateClaimJson(claim, { ...o, mue: { tables: [oph] } }), 'mue_exceeded')[0]).toMatchObject(
      {
        dataVersion: 'MUE hospital 2026-04-01',
        mueValue: 2,
      },
    );
  });
});
