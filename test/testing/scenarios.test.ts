import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IssueCode } from '../../src/core/issues';
import { validateClaim } from '../../src/rules/index';
import {
  claimWithEdit,
  hcpcsCode,
  icd10cmCode,
  icd10pcsCode,
  validClaim,
} from '../../src/testing/arbitraries';
import { SCENARIO_EDITS, SCENARIO_NAMES, scenario } from '../../src/testing/index';
import { hcpcs } from '../../src/hcpcs/index';
import { icd10cm } from '../../src/icd10cm/index';
import { icd10pcs } from '../../src/icd10pcs/index';
import { medcodeErrorOf } from '../medcode-error';

const RUNS = Number(process.env.MEDCODE_TESTING_RUNS ?? 150);

describe('scenario claims', () => {
  it.each(SCENARIO_NAMES)('%s validates to exactly the edit it names', (name) => {
    const s = scenario(name);
    const r = validateClaim(s.claim, s.options);
    if (s.edit === undefined) {
      expect(r.issues).toEqual([]);
      expect(r.status).toBe('passed');
    } else {
      expect(r.issues.map((i) => ({ code: i.code, path: i.path }))).toEqual([{ code: s.edit, path: s.path }]);
    }
  });

  it.each(['2026-04-15', '2026-06-30'])(
    'moved to %s, inside the data window, every scenario still validates to exactly its edit',
    (on) => {
      for (const name of SCENARIO_NAMES) {
        const s = scenario(name, { on });
        const r = validateClaim(s.claim, s.options);
        const expected = s.edit === undefined ? [] : [{ code: s.edit, path: s.path }];
        expect(
          r.issues.map((i) => ({ code: i.code, path: i.path })),
          name,
        ).toEqual(expected);
      }
    },
  );

  it("moved past the machine's date, a clean claim stays clean and the future-date one keeps its edit", () => {
    for (const name of ['clean', 'inpatient-clean', 'future-date'] as const) {
      const s = scenario(name, { on: '2099-06-01' });
      expect(s.options.today, name).toBe(name === 'future-date' ? '2099-05-31' : '2099-06-01');
      const codes = validateClaim(s.claim, s.options).issues.map((i) => i.code);
      if (name === 'future-date') expect(codes).toContain('future_date');
      else expect(codes, name).not.toContain('future_date');
    }
  });

  it('the JSON fixtures in testing/scenarios/ are the scenarios, byte for byte', () => {
    for (const name of SCENARIO_NAMES) {
      const file = join(import.meta.dirname, '..', '..', 'testing', 'scenarios', `${name}.json`);
      const s = scenario(name);
      const { name: _n, ...fixture } = s;
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(fixture)));
    }
  });

  it('covers every built-in claim edit whose data medcode ships, and says why the others are absent', () => {
    // Edits a claim cannot carry with shipped data, each for a stated reason.
    const absent: Record<string, string> = {
      ncci_ptp: 'no NCCI PTP table ships: users import the CMS files',
      invalid_charge: 'the claim schema refuses a bad charge first (claim_invalid)',
      added_between_editions: 'depends on a HCPCS code added by the April update, which is not held',
      code_normalized: 'an info of ICD-10-PCS input; claims carry PCS procedures only on 837I',
      invalid_axis_value: 'ICD-10-PCS procedures are not on professional claims',
      claim_json_malformed: 'a property of JSON text, not of a claim',
      custom_edit: "raised by a user's own rules only",
      invalid_date: 'an option or argument error, not a claim edit',
      no_edition: 'an argument error of at(date); claims report not_checked instead',
      invalid_option: 'an option error, not a claim edit',
      invalid_type: 'an argument error, not a claim edit',
      x12_syntax: 'an 837P reading issue, not a claim edit',
      x12_segment: 'an 837P reading issue, not a claim edit',
      x12_unwritable: 'an 837P writing issue, not a claim edit',
    };
    const ruleCodes: IssueCode[] = [
      'malformed_code',
      'unknown_code',
      'not_billable',
      'seventh_character_missing',
      'seventh_character_invalid',
      'placeholder_missing',
      'not_in_force',
      'code_terminated',
      'claim_invalid',
      'claim_limit_exceeded',
      'npi_check_digit',
      'not_checked',
      'mue_exceeded',
      'ncci_add_on_code',
      'excludes1_conflict',
      'manifestation_as_principal',
      'use_additional_code',
      'age_conflict',
      'sex_conflict',
      'unacceptable_principal',
      'questionable_admission',
      'external_cause_principal',
      'duplicate_diagnosis',
      'poa_missing',
      'poa_exempt_reported',
      'invalid_units',
      'duplicate_line',
      'future_date',
    ];
    expect([...SCENARIO_EDITS].sort()).toEqual([...ruleCodes].sort());
    for (const code of Object.keys(absent)) expect(SCENARIO_EDITS).not.toContain(code);
  });
});

describe('generators', () => {
  it('icd10cmCode gives billable codes valid on the date, in both editions', () => {
    for (const on of ['2026-05-01', '2026-11-01']) {
      const set = icd10cm.at(on);
      fc.assert(
        fc.property(icd10cmCode({ on }), (code) => set.check(code).ok),
        { numRuns: RUNS * 4 },
      );
    }
  });

  it('hcpcsCode gives codes in force on the date', () => {
    const set = hcpcs.at('2026-03-01');
    fc.assert(
      fc.property(hcpcsCode({ on: '2026-03-01' }), (code) => set.check(code).ok),
      { numRuns: RUNS * 4 },
    );
  });

  it('hcpcsCode reads a Date by its local calendar day, as hcpcs.at does, and keeps each day apart', () => {
    // The time zone is the process's (a worker thread cannot change it): a child process in New
    // York, where 23:30 on 2026-03-31 is 2026-04-01 in UTC. The July file ended some codes on
    // 2026-03-31 and the April update added others from 2026-04-01, so the two days' lists differ.
    const script = `
      import fc from 'fast-check';
      import { hcpcsCode } from './src/testing/arbitraries.ts';
      import { hcpcs } from './src/hcpcs/index.ts';
      const out = {};
      for (const [on, day] of [[new Date(2026, 2, 31, 23, 30), '2026-03-31'], ['2026-04-01', '2026-04-01']]) {
        const set = hcpcs.at(day);
        out[day] = fc.sample(hcpcsCode({ on }), { numRuns: 30000, seed: 7 }).filter((c) => !set.check(c).ok);
      }
      process.stdout.write(JSON.stringify(out));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
      env: { ...process.env, TZ: 'America/New_York' },
    });
    expect(JSON.parse(out)).toEqual({ '2026-03-31': [], '2026-04-01': [] });
  });

  it('icd10pcsCode gives codes the tables generate', () => {
    const set = icd10pcs.at('2026-05-01');
    fc.assert(
      fc.property(icd10pcsCode({ on: '2026-05-01' }), (code) => set.check(code).ok),
      {
        numRuns: RUNS * 4,
      },
    );
  });

  it.each(['professional', 'inpatient'] as const)('validClaim (%s) passes with no edit at all', (setting) => {
    fc.assert(
      fc.property(validClaim({ setting }), ({ claim, options }) => {
        const r = validateClaim(claim, options);
        return r.status === 'passed' && r.issues.length === 0;
      }),
      { numRuns: RUNS },
    );
  });

  it.each(['professional', 'inpatient'] as const)(
    'validClaim (%s) on a date after the machine clock still passes: its options carry today',
    (setting) => {
      // ICD-10-CM FY2027 covers the date, so only the clock could make it fail (future_date).
      const on = '2027-03-01';
      fc.assert(
        fc.property(validClaim({ setting, on }), ({ claim, options }) => {
          expect(options.today).toBe(on);
          const r = validateClaim(claim, options);
          expect(r.issues).toEqual([]);
          expect(r.status).toBe('passed');
        }),
        { numRuns: Math.max(5, Math.floor(RUNS / 10)) },
      );
    },
  );

  it('claimWithEdit gives exactly one edit, with its code and path, for every edit with a scenario', () => {
    for (const edit of SCENARIO_EDITS) {
      fc.assert(
        fc.property(claimWithEdit(edit), (g) => {
          const r = validateClaim(g.claim, g.options);
          expect(r.issues.map((i) => ({ code: i.code, path: i.path }))).toEqual([
            { code: edit, path: g.path },
          ]);
        }),
        { numRuns: Math.max(10, Math.floor(RUNS / 10)) },
      );
    }
  });

  it('refuses what it cannot generate, naming the argument (a MedcodeError, invalid_option)', () => {
    for (const [call, path, expected] of [
      [() => claimWithEdit('ncci_ptp'), ['edit'], /SCENARIO_EDITS.*got the string "ncci_ptp"/],
      [() => claimWithEdit(10n as never), ['edit'], /got the bigint 10/],
      [() => validClaim({ lines: 0 }), ['options.lines'], /a whole number from 1 to 8; got the number 0/],
      [() => validClaim({ on: '2026-02-30' }), ['options.on'], /YYYY-MM-DD; got the string "2026-02-30"/],
      [() => validClaim({ on: 'garbage' }), ['options.on'], /YYYY-MM-DD; got the string "garbage"/],
      [() => validClaim({ on: '2026-5-1' }), ['options.on'], /got the string "2026-5-1"/],
      [() => validClaim({ on: 20260512 as never }), ['options.on'], /got the number 20260512/],
      [() => validClaim(null as never), ['options'], /got null/],
      [() => icd10cmCode(undefined as never), ['at'], /an object \{ on: date \}; got undefined/],
      [() => hcpcsCode(null as never), ['at'], /got null/],
      [() => icd10pcsCode('2026-05-01' as never), ['at'], /got the string "2026-05-01"/],
      [
        () => scenario('__proto__' as never),
        ['name'],
        /a scenario name \(clean, .*got the string "__proto__"/,
      ],
      // Any value is named, never converted by calling its own methods.
      [() => scenario(Object.create(null)), ['name'], /got an object/],
      [() => scenario(10n as never), ['name'], /got the bigint 10/],
      [() => scenario('clean', { on: 20260512 as never }), ['variation.on'], /got the number 20260512/],
      [() => scenario('clean', { on: '2026-02-30' }), ['variation.on'], /got the string "2026-02-30"/],
      [() => scenario(Symbol('clean') as never), ['name'], /got a symbol/],
    ] as const) {
      const error = medcodeErrorOf(call);
      expect(error.issues[0], JSON.stringify(path)).toMatchObject({ code: 'invalid_option', path });
      expect(error.message).toMatch(expected);
    }
  });
});
