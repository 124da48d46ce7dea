/**
 * The rules engine on the built-in code sets (no injected fakes): HCPCS Level II January and July
 * 2026, modifiers, places of service, the MUE practitioner table and the MCE v37 lists, plus the
 * six example claims of examples/*.json.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatIssue } from '../../src/core/issues';
import { validateClaimJson } from '../../src/rules/index';
import type { ClaimValidation } from '../../src/rules/index';
import { importPtp } from '../../src/ncci/index';
import { hcpcs } from '../../src/hcpcs/index';
import { ptpText, ptpZip } from '../fixtures/ncci/layout';
import { baseClaim } from './fakes';
import { success } from '../../src/core/result';

const today = '2026-11-27';
const REPO = resolve(import.meta.dirname, '..', '..');
const codesOf = (r: ClaimValidation) => r.issues.map((e) => `${e.path.join('.')}:${e.code}`);
const example = (name: string): unknown =>
  JSON.parse(readFileSync(join(REPO, 'examples', `${name}.json`), 'utf8'));
const line = (procedure: string, extra: Record<string, unknown> = {}) => ({
  procedure,
  units: 1,
  charge: '10.00',
  serviceDate: '2026-05-01',
  diagnosisPointers: [1],
  ...extra,
});

describe('built-in code sets are the default', () => {
  it('HCPCS: a terminated code, a code not in force until July, unknown and valid modifiers, POS "1"', () => {
    const r = validateClaimJson(
      baseClaim({
        placeOfService: '1',
        lines: [
          line('C5271'),
          line('A9574', { serviceDate: '2026-06-30' }),
          line('A9574', { serviceDate: '2026-07-01', modifiers: ['ZZ', 'XS'] }),
          line('J1100', { placeOfService: '11' }),
        ],
      }),
      { today, rules: { 'ncci-mue': false } },
    );
    expect(codesOf(r).filter((c) => !c.startsWith('diagnoses'))).toEqual([
      'lines.0.procedure:code_terminated',
      'lines.1.procedure:not_in_force',
      'lines.2.modifiers.0:unknown_code',
      'placeOfService:malformed_code',
    ]);
    const byPath = (p: string) => r.issues.find((e) => e.path.join('.') === p)!;
    expect(byPath('lines.0.procedure')).toMatchObject({
      terminationDate: '2025-12-31',
      dataVersion: 'HCPCS Level II 2026 January',
      rule: 'code-validity',
      severity: 'error',
    });
    expect(byPath('lines.1.procedure').message).toMatch(
      /A9574 is not in force until 2026-07-01 \(date of service 2026-06-30\)/,
    );
    expect(byPath('lines.2.modifiers.0')).toMatchObject({
      system: 'hcpcs-modifier',
      dataVersion: 'HCPCS modifiers 2026 July',
      rule: 'claim-structure',
    });
    expect(byPath('placeOfService')).toMatchObject({ system: 'pos', reason: 'too_short' });
    expect(byPath('placeOfService').message).toMatch(/expected 2 digits/);
    expect(r.ok).toBe(false);
  });

  it('duplicate diagnoses ignore case, dots and spaces; duplicate lines ignore modifier order and case', () => {
    const r = validateClaimJson(
      baseClaim({
        diagnoses: [{ code: 'E11.9' }, { code: 'I10' }, { code: ' e119' }, { code: 'E11.69' }],
        lines: [
          line('j1100', { modifiers: ['XS', 'RT'] }),
          line('J1100', { modifiers: ['RT', 'XS'] }),
          line('J1100', { modifiers: ['RT'] }),
        ],
      }),
      { today, rules: { 'ncci-mue': false } },
    );
    expect(
      r.issues
        .filter((e) => e.code === 'duplicate_diagnosis' || e.code === 'duplicate_line')
        .map((e) => `${e.path.join('.')}:${e.code}`),
    ).toEqual(['diagnoses.2.code:duplicate_diagnosis', 'lines.1:duplicate_line']);
    expect(r.issues.find((e) => e.code === 'duplicate_diagnosis')).toMatchObject({ firstIndex: 0 });
  });

  it('payer limits go through checkClaimLimits (one implementation with medcode/claims)', () => {
    const r = validateClaimJson(
      baseClaim({
        lines: [
          line('J1100'),
          line('J1100', { serviceDate: '2026-05-02' }),
          line('J1100', { serviceDate: '2026-05-03' }),
        ],
      }),
      { today, limits: { lines: 2 } },
    );
    expect(r.issues.filter((e) => e.code === 'claim_limit_exceeded')).toEqual([
      expect.objectContaining({
        path: ['lines', 2],
        element: 'lines',
        max: 2,
        received: 3,
        rule: 'claim-structure',
      }),
    ]);
  });

  it('administrative MAAA codes (4 digits + M) are CPT codes: format-checked, and edited by their MUE', () => {
    // 0018M is in CMS's practitioner MUE file of 2026-04-01: MUE 1, MAI 2.
    const claim = (units: number) =>
      baseClaim({
        diagnoses: [{ code: 'C61' }],
        lines: [line('0018M', { units, serviceDate: '2026-05-12' })],
      });
    const one = validateClaimJson(claim(1), { today });
    expect(one.issues.filter((e) => e.severity === 'error')).toEqual([]);
    expect(one.skipped.map((s) => s.reason)).toContainEqual(
      expect.stringMatching(/CPT existence not checked/),
    );
    const three = validateClaimJson(claim(3), { today });
    expect(codesOf(three).filter((c) => c.startsWith('lines'))).toEqual(['lines.0.units:mue_exceeded']);
  });

  it('a Level II modifier terminated before the date of service fails on 2025 lines too (JG ended 2024-12-31)', () => {
    const claim = (serviceDate: string) =>
      baseClaim({
        diagnoses: [{ code: 'E11.9' }],
        lines: [line('99214', { serviceDate, modifiers: ['JG'] })],
      });
    // Validated on a day within both lines' filing limits.
    const filed = { today: '2026-02-01' };
    const nov = validateClaimJson(claim('2025-11-15'), filed);
    expect(codesOf(nov).filter((c) => c.startsWith('lines'))).toEqual([
      'lines.0.modifiers.0:code_terminated',
    ]);
    expect(nov.issues.find((e) => e.path.join('.') === 'lines.0.modifiers.0')).toMatchObject({
      severity: 'error',
      terminationDate: '2024-12-31',
      date: '2025-11-15',
    });
    expect(nov.ok).toBe(false);
    // The same line dated inside the January 2026 edition: the same edit.
    const feb = validateClaimJson(claim('2026-02-01'), filed);
    expect(codesOf(feb).filter((c) => c.startsWith('lines'))).toEqual([
      'lines.0.modifiers.0:code_terminated',
    ]);
  });

  it('a CPT Category II code with a performance measurement modifier (3074F-8P) has no modifier edit', () => {
    for (const modifier of ['1P', '2P', '3P', '8P']) {
      const r = validateClaimJson(
        baseClaim({
          diagnoses: [{ code: 'E11.9' }],
          lines: [line('99214'), line('3074F', { modifiers: [modifier], charge: '0.00' })],
        }),
        { today },
      );
      expect(
        r.issues.filter((e) => e.path.join('.').startsWith('lines.1.modifiers')),
        modifier,
      ).toEqual([]);
    }
  });

  it('a provider passed in options replaces the built-in one for its system only', () => {
    const jan = hcpcs.edition('2026-jan');
    const r = validateClaimJson(
      baseClaim({
        placeOfService: '1',
        lines: [line('C5271'), line('A9574', { serviceDate: '2026-07-01' })],
      }),
      {
        today,
        rules: { 'ncci-mue': false },
        // Pin HCPCS to January for every date: A9574 (July) is checked in January; POS stays built in.
        codeSets: { hcpcs: () => success(jan) },
      },
    );
    expect(codesOf(r).filter((c) => !c.startsWith('diagnoses'))).toEqual([
      'lines.0.procedure:code_terminated',
      'lines.1.procedure:not_in_force',
      'placeOfService:malformed_code',
    ]);
    expect(r.issues.find((e) => e.path.join('.') === 'lines.1.procedure')).toMatchObject({
      dataVersion: 'HCPCS Level II 2026 January',
      inEditions: ['HCPCS Level II 2026 July'],
    });
  });

  it('a date no built-in edition covers is NOT CHECKED with the editions held, never a pass', () => {
    const r = validateClaimJson(baseClaim({ lines: [line('J1100', { serviceDate: '2025-06-01' })] }), {
      today: '2025-12-01',
      rules: { 'ncci-mue': false },
    });
    expect(r.ok).toBe(false);
    expect(r.status).toBe('not_checked');
    expect(codesOf(r).filter((c) => c.startsWith('lines'))).toEqual(['lines.0.procedure:not_checked']);
    expect(r.issues.find((e) => e.path.join('.') === 'lines.0.procedure')).toMatchObject({
      system: 'hcpcs',
      date: '2025-06-01',
      editions: ['2026-jan (2026-01-01 to 2026-06-30)', '2026-jul (2026-07-01 to open)'],
    });
    const reason = r.skipped.find(
      (s) => s.rule === 'code-validity' && s.reason.startsWith('no HCPCS Level II data for 2025-06-01'),
    )?.reason;
    expect(reason).toMatch(/2026-jan 2026-01-01\.\.2026-06-30, 2026-jul 2026-07-01\.\.open/);
  });

  it('importing medcode/rules reads no data; validating a professional claim reads only what it needs', () => {
    const script = `
      import { validateClaim, validateClaimJson } from './src/rules/index.ts';
      const fs = await import('node:fs');
      console.log('IMPORTED');
      const claim = JSON.parse(fs.readFileSync('examples/clean-office-visit.json', 'utf8'));
      const r = validateClaimJson(claim, { today: '2026-11-27' });
      console.log('VALIDATED', r.ok);
    `;
    const out = execFileSync(
      process.execPath,
      [
        '--require',
        join(REPO, 'test/package/trace-codesets.cjs'),
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(out).toMatch(/VALIDATED true/);
    const read = JSON.parse(/CODESETS_READ=(.*)$/m.exec(out)![1]!) as string[];
    // CPT lines, no modifiers: the place-of-service set, the MUE table and the MCE lists; no HCPCS
    // Level II pack (no Level II code or modifier to check) and no ICD-10-PCS (not inpatient).
    expect(read).toContain('codesets/pos/2024-08/pos.pack');
    expect(read).toContain('codesets/ncci-mue/practitioner-2026q2/mue.pack');
    expect(read.some((f) => f.startsWith('codesets/hcpcs/'))).toBe(false);
    expect(read.some((f) => f.startsWith('codesets/icd10pcs/'))).toBe(false);
    // Import alone: nothing.
    const bare = execFileSync(
      process.execPath,
      [
        '--require',
        join(REPO, 'test/package/trace-codesets.cjs'),
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import './src/rules/index.ts'; console.log('OK')`,
      ],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(JSON.parse(/CODESETS_READ=(.*)$/m.exec(bare)![1]!)).toEqual([]);
  }, 60_000);
});

describe('hostile input on the real code sets', () => {
  it('never throws, always answers with structured edits, bounded messages, sorted by path then code', () => {
    const code = fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        '',
        ' ',
        'E11.9',
        'e119',
        'Ｅ11.9',
        'I42.0',
        'S72.001',
        'J1100',
        'j1100',
        'C5271',
        '99213',
        '0DTJ4ZZ',
        'XS',
        '59',
        '1',
        '11',
        'x'.repeat(100_000),
      ),
      fc.string({ maxLength: 12 }),
    );
    const date = fc.constantFrom('2025-06-01', '2026-05-01', '2026-09-30', '2026-10-01', '2027-12-31');
    const isSorted = (r: ClaimValidation) =>
      r.issues.every(
        (e, i) =>
          i === 0 ||
          JSON.stringify(r.issues[i - 1]!.path) !== JSON.stringify(e.path) ||
          r.issues[i - 1]!.code <= e.code,
      );
    fc.assert(
      fc.property(
        fc.array(code, { maxLength: 14 }),
        fc.array(
          fc.record({
            procedure: code,
            modifiers: fc.array(code, { maxLength: 5 }),
            serviceDate: date,
            placeOfService: code,
            diagnosisPointers: fc.array(fc.integer({ min: -2, max: 14 }), { maxLength: 5 }),
          }),
          { maxLength: 6 },
        ),
        code,
        fc.constantFrom(
          'medicare-professional',
          'medicare-institutional-outpatient',
          'medicare-inpatient',
        ) as fc.Arbitrary<'medicare-professional'>,
        (diagnoses, lines, pos, profile) => {
          const claim = baseClaim({
            placeOfService: pos,
            admissionDate: '2026-09-28',
            dischargeDate: '2026-10-01',
            diagnoses: diagnoses.map((c) => ({ code: c })),
            lines: lines.map((l) => ({ ...l, units: 1, charge: '1.00' })),
          });
          const r = validateClaimJson(claim, { today, profile });
          expect(typeof r.ok).toBe('boolean');
          for (const e of r.issues) {
            expect(e.message.length).toBeLessThan(5000);
            expect(Object.isFrozen(e)).toBe(true);
          }
          expect(isSorted(r)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('inpatient: ICD-10-PCS on the discharge date', () => {
  const inpatient = (discharge: string, procedures: string[]) =>
    baseClaim({
      admissionDate: '2026-09-28',
      dischargeDate: discharge,
      placeOfService: '21',
      lines: procedures.map((p) => ({
        procedure: p,
        units: 1,
        charge: '1000.00',
        serviceDate: '2026-09-28',
        diagnosisPointers: [1],
      })),
    });
  it('a valid PCS code passes, a bad axis value is reported with the allowed values', () => {
    const r = validateClaimJson(inpatient('2026-09-30', ['0DTJ4ZZ', '0DTJ4ZX']), {
      today,
      profile: 'medicare-inpatient',
    });
    const pcs = r.issues.filter((e) => e.path[0] === 'lines');
    expect(pcs.map((e) => `${e.path.join('.')}:${e.code}`)).toEqual(['lines.1.procedure:invalid_axis_value']);
    expect(pcs[0]).toMatchObject({ position: 7, value: 'X', table: '0DT', dataVersion: 'ICD-10-PCS FY2026' });
  });
  it('the discharge date, not the line date, selects the edition (Pub. 100-04, chapter 3)', () => {
    // Lines dated in FY2026, discharge on 2026-10-02: FY2027 PCS is not held, so the code is not checked, not passed.
    const r = validateClaimJson(inpatient('2026-10-02', ['0DTJ4ZX']), {
      today,
      profile: 'medicare-inpatient',
    });
    expect(r.issues.filter((e) => e.path[0] === 'lines').map((e) => e.code)).toEqual(['not_checked']);
    expect(r.status).not.toBe('passed');
    expect(r.skipped).toContainEqual(
      expect.objectContaining({
        rule: 'code-validity',
        reason: expect.stringMatching(
          /^no ICD-10-PCS data for 2026-10-02: .*fy2026 2025-10-01\.\.2026-09-30/,
        ),
      }),
    );
  });
});

describe('the example claims each give the edit they were written for', () => {
  it('clean-office-visit: no errors', () => {
    const r = validateClaimJson(example('clean-office-visit'), { today });
    expect(r.issues.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('mue-exceeded: 20610 x3 against its practitioner MUE', () => {
    const r = validateClaimJson(example('mue-exceeded'), { today });
    const e = r.issues.filter((x) => x.code === 'mue_exceeded');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({
      path: ['lines', 0, 'units'],
      codes: ['20610'],
      units: 3,
      dataVersion: 'MUE practitioner 2026-04-01',
    });
    expect(r.ok).toBe(false);
  });

  it('newborn-code-on-adult: Z38.00 on a 54-year-old is an MCE newborn age conflict', () => {
    // The MCE is an inpatient editor, so mce-age is not in the professional profile; turned on here.
    const r = validateClaimJson(example('newborn-code-on-adult'), { today, rules: { 'mce-age': true } });
    expect(r.issues.filter((x) => x.code === 'age_conflict')).toEqual([
      expect.objectContaining({
        path: ['diagnoses', 0, 'code'],
        codes: ['Z38.00'],
        list: 'newborn',
        age: 54,
        min: 0,
        max: 0,
      }),
    ]);
  });

  it('mce-age counts the first birthday as age 1 in every time zone', () => {
    // The time zone is the process's: a worker thread cannot change it, so a child process reads
    // the claim in four zones. West of UTC, UTC midnight is the evening before: read as local
    // dates, the two days were February 29, 2024 and February 28, 2025, and the age came out 0.
    const script = `
      import { readFileSync } from 'node:fs';
      import { validateClaimJson } from './src/rules/index.ts';
      const claim = JSON.parse(readFileSync('examples/newborn-code-on-adult.json', 'utf8'));
      claim.patient.birthDate = '2024-03-01';
      claim.lines[0].serviceDate = '2025-03-01';
      const ages = {};
      for (const tz of ['UTC', 'America/New_York', 'Pacific/Honolulu', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        const r = validateClaimJson(claim, { today: '${today}', rules: { 'mce-age': true } });
        ages[tz] = r.issues.filter((x) => x.code === 'age_conflict').map((x) => x.age);
      }
      process.stdout.write(JSON.stringify(ages));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({
      UTC: [1],
      'America/New_York': [1],
      'Pacific/Honolulu': [1],
      'Asia/Tokyo': [1],
    });
  });

  it('em-with-procedure-needs-modifier-25: 99214 denied with 20610 unless modifier 25 is on the E/M line', async () => {
    // Without PTP tables the rule is skipped, never passed.
    expect(
      validateClaimJson(example('em-with-procedure-needs-modifier-25'), { today }).skipped,
    ).toContainEqual({
      rule: 'ncci-ptp',
      reason:
        'no NCCI PTP practitioner table for 2026-04-07 (loaded: none; import the CMS files with importPtp and pass options.ptp.tables)',
    });
    // The CMS quarterly tables are not held (too large); one row in the exact CMS layout and
    // packaging stands for the E/M-with-minor-procedure edit: column 1 20610, column 2 99214,
    // modifier indicator 1 (NCCI Policy Manual for Medicare Services, ch. I: an E/M on the day of a
    // minor procedure is bundled unless significant and separately identifiable, modifier 25).
    // ILLUSTRATIVE ROW, not copied from a CMS file.
    const zip = ptpZip(
      'ccipra-v321r0-f1',
      ptpText([
        [
          '20610',
          '99214',
          '',
          '20260101',
          '*',
          '1',
          'Standard preparation/monitoring services for anesthesia',
        ],
      ]),
    );
    const tables = await importPtp([{ name: 'ccipra-v321r0-f1.zip', bytes: zip }]);
    const claim = example('em-with-procedure-needs-modifier-25') as { lines: { modifiers?: string[] }[] };
    const r = validateClaimJson(claim, { today, ptp: { tables } });
    const e = r.issues.filter((x) => x.code === 'ncci_ptp');
    expect(e).toEqual([
      expect.objectContaining({
        path: ['lines', 0, 'procedure'],
        column1: '20610',
        column2: '99214',
        modifierIndicator: 1,
        column1Line: 1,
      }),
    ]);
    // Column 2 is an E/M service: the remedy is 25 (or 57), never 59/X{EPSU} (NCCI Policy Manual
    // for Medicare Services, ch. I §E and §D).
    expect(e[0]!.remedy).toMatch(/^line 1 \(an E\/M service\) may bypass with modifier 25 .* or 57 /);
    expect(e[0]!.remedy).toMatch(/59\/XE\/XS\/XP\/XU are not for E\/M services/);
    expect(e[0]!.remedy).toContain('ch. I §E and §D');
    const withModifier = (m: string) => ({
      ...claim,
      lines: [{ ...claim.lines[0]!, modifiers: [m] }, claim.lines[1]!],
    });
    // 59 on the E/M line does not bypass the edit.
    expect(
      validateClaimJson(withModifier('59'), { today, ptp: { tables } }).issues.filter(
        (x) => x.code === 'ncci_ptp',
      ),
    ).toHaveLength(1);
    const fixed = validateClaimJson(withModifier('25'), { today, ptp: { tables } });
    expect(fixed.issues.filter((x) => x.code === 'ncci_ptp')).toEqual([]);
    // Bypassed, not absent: an info edit names the modifier.
    const bypassed = fixed.issues.filter((x) => x.code === 'ncci_ptp_bypassed');
    expect(bypassed).toEqual([
      expect.objectContaining({
        severity: 'info',
        path: ['lines', 0, 'procedure'],
        column1: '20610',
        column2: '99214',
        modifier: '25',
        modifierLine: 0,
        column1Line: 1,
      }),
    ]);
    expect(formatIssue(bypassed[0]!)).toMatch(/bypassed by modifier 25 on line 1/);
    // 25 belongs on the E/M line: on the procedure line it bypasses nothing, even with placement 'either'.
    const onProcedure = { ...claim, lines: [claim.lines[0]!, { ...claim.lines[1]!, modifiers: ['25'] }] };
    expect(
      validateClaimJson(onProcedure, {
        today,
        ptp: { tables, modifierPlacement: 'either' },
      }).issues.filter((x) => x.code === 'ncci_ptp'),
    ).toHaveLength(1);
    // A claim with no such pair has no bypass edit either.
    const alone = { ...claim, lines: [claim.lines[0]!] };
    expect(
      validateClaimJson(alone, { today, ptp: { tables } }).issues.filter((x) =>
        x.code.startsWith('ncci_ptp'),
      ),
    ).toEqual([]);
  });
});
