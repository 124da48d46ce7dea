/**
 * The rules engine on the built-in ICD-10-CM FY2026 and FY2027 editions (no fakes): validity on
 * each line's date of service, the I42.0 October transition, Excludes1, manifestation codes, POA
 * on the FY2026 exempt list, and the example claims written for ICD-10-CM edits.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateClaimJson } from '../../src/rules/index';
import type { ClaimValidation } from '../../src/rules/index';
import { baseClaim } from './fakes';

const today = '2026-11-27';
const REPO = resolve(import.meta.dirname, '..', '..');
const example = (name: string): unknown =>
  JSON.parse(readFileSync(join(REPO, 'examples', `${name}.json`), 'utf8'));
const dxEdits = (r: ClaimValidation) =>
  r.issues
    .filter((e) => e.system === 'icd10cm' && e.rule === 'code-validity')
    .map((e) => `${e.path.join('.')}:${e.code}`);
const visit = (
  diagnoses: readonly string[],
  dates: readonly string[] = ['2026-05-01'],
  pointers: readonly (readonly number[])[] = dates.map(() => diagnoses.map((_, i) => i + 1).slice(0, 4)),
) =>
  baseClaim({
    diagnoses: diagnoses.map((code) => ({ code })),
    lines: dates.map((serviceDate, i) => ({
      procedure: i === 0 ? '99213' : '36415',
      units: 1,
      charge: '10.00',
      serviceDate,
      diagnosisPointers: [...pointers[i]!],
    })),
  });

describe('ICD-10-CM validity on the date of service', () => {
  it('a header names its billable children; a fracture code without its 7th character lists the allowed ones', () => {
    const r = validateClaimJson(visit(['E11', 'S72.001']), { today });
    expect(dxEdits(r)).toEqual([
      'diagnoses.0.code:not_billable',
      'diagnoses.1.code:seventh_character_missing',
    ]);
    expect(r.issues[0]).toMatchObject({
      billableChildren: 87,
      examples: ['E11.00', 'E11.01', 'E11.10'],
      dataVersion: 'ICD-10-CM FY2026',
      rule: 'code-validity',
      severity: 'error',
    });
    const seventh = r.issues.find((e) => e.code === 'seventh_character_missing')!;
    expect(
      seventh.code === 'seventh_character_missing' && seventh.allowed.map((a) => a.value).slice(0, 3),
    ).toEqual(['A', 'B', 'C']);
    expect(r.ok).toBe(false);
  });

  it('I42.0 is fine on a 2026-09-30 line and a header on a 2026-10-01 line: reported for the October line only', () => {
    const both = validateClaimJson(visit(['I42.0'], ['2026-09-30', '2026-10-01']), { today });
    expect(dxEdits(both)).toEqual(['lines.1.diagnosisPointers.0:not_billable']);
    expect(both.issues.find((e) => e.code === 'not_billable')).toMatchObject({
      codes: ['I42.0'],
      dataVersion: 'ICD-10-CM FY2027',
      billableChildren: 3,
      examples: ['I42.00', 'I42.01', 'I42.09'],
    });
    expect(both.issues.find((e) => e.code === 'not_billable')!.message).toMatch(
      /^lines\[1\]\.diagnosisPointers\[0\]: I42\.0 is a header, not valid for submission \(ICD-10-CM FY2027\)/,
    );
    // One side of the change only: the diagnosis itself carries the verdict.
    expect(dxEdits(validateClaimJson(visit(['I42.0'], ['2026-09-30']), { today }))).toEqual([]);
    expect(dxEdits(validateClaimJson(visit(['I42.0'], ['2026-10-01']), { today }))).toEqual([
      'diagnoses.0.code:not_billable',
    ]);
  });

  it('a code added in FY2027 is "not in force until 2026-10-01" on 2026-09-30, and one deleted is "no longer in force" after', () => {
    const r = validateClaimJson(visit(['C78.31', 'S23.420A'], ['2026-09-30', '2026-10-01']), { today });
    expect(dxEdits(r)).toEqual([
      'lines.0.diagnosisPointers.0:not_in_force',
      'lines.1.diagnosisPointers.1:not_in_force',
    ]);
    const nif = r.issues.filter((e) => e.code === 'not_in_force');
    expect(nif[0]!.message).toMatch(
      /C78\.31 is not in force until 2026-10-01 \(date of service 2026-09-30\)/,
    );
    expect(nif[1]!.message).toMatch(
      /S23\.420A is no longer in force after 2026-09-30 \(date of service 2026-10-01\)/,
    );
  });

  it('a diagnosis no line points at is checked on the claim date', () => {
    const r = validateClaimJson(visit(['I10', 'E11'], ['2026-05-01'], [[1]]), { today });
    expect(dxEdits(r)).toEqual(['diagnoses.1.code:not_billable']);
  });

  it('inpatient claims use the discharge date for every diagnosis (Pub. 100-04 ch. 3)', () => {
    const claim = baseClaim({
      admissionDate: '2026-09-28',
      dischargeDate: '2026-10-02',
      placeOfService: '21',
      diagnoses: [{ code: 'I42.0', poa: 'Y' }],
      lines: [
        {
          procedure: '0DTJ4ZZ',
          units: 1,
          charge: '1000.00',
          serviceDate: '2026-09-28',
          diagnosisPointers: [1],
        },
      ],
    });
    const r = validateClaimJson(claim, { today, profile: 'medicare-inpatient' });
    expect(r.issues.find((e) => e.code === 'not_billable')).toMatchObject({
      path: ['diagnoses', 0, 'code'],
      dataVersion: 'ICD-10-CM FY2027',
    });
  });
});

describe('ICD-10-CM conventions on the real tabular', () => {
  it('Excludes1: E11.9 with E10.9 is a warning both ways, naming the category note and the exception', () => {
    const r = validateClaimJson(example('excludes1-pair'), { today });
    const e = r.issues.filter((x) => x.code === 'excludes1_conflict');
    expect(e.map((x) => x.codes)).toEqual([
      ['E11.9', 'E10.9'],
      ['E10.9', 'E11.9'],
    ]);
    expect(e[0]).toMatchObject({
      path: ['diagnoses', 1, 'code'],
      severity: 'warning',
      noteLevel: 'category',
      levelCode: 'E11',
      noteText: 'type 1 diabetes mellitus (E10.-)',
      dataVersion: 'ICD-10-CM FY2026',
    });
    expect(e[0]!.message).toMatch(/unrelated/);
    expect(r.ok).toBe(true);
    // Excludes2 never fires: J45.909 with J44.9 (J45 Excludes2 "asthma with chronic obstructive pulmonary disease (J44.9)").
    expect(
      validateClaimJson(visit(['J45.909', 'J44.9']), { today }).issues.filter(
        (x) => x.code === 'excludes1_conflict',
      ),
    ).toEqual([]);
    // T88.7's Excludes1 "(… T80-T88.6, T88.8)" does not reach T88.9: the range ends at T88.6.
    expect(
      validateClaimJson(visit(['T88.7XXA', 'T88.9XXA']), { today }).issues.filter(
        (x) => x.code === 'excludes1_conflict',
      ),
    ).toEqual([]);
    // Several Excludes1 notes of one owner covering the same code give one edit (E11: postpancreatectomy,
    // postprocedural and secondary diabetes, all E13.-); E13 has no Excludes1 covering E11.
    expect(
      validateClaimJson(visit(['E11.9', 'E13.9']), { today })
        .issues.filter((x) => x.code === 'excludes1_conflict')
        .map((x) => x.codes),
    ).toEqual([['E11.9', 'E13.9']]);
  });

  it('a manifestation code first-listed is an error, citing its "code first" note; sequenced second it is fine', () => {
    const r = validateClaimJson(visit(['G63', 'E85.4']), { today });
    const m = r.issues.find((e) => e.code === 'manifestation_as_principal')!;
    expect(m).toMatchObject({ path: ['diagnoses', 0, 'code'], codes: ['G63'], severity: 'error' });
    expect(m.code === 'manifestation_as_principal' && m.basis).toContain('code_first_note');
    expect(m.code === 'manifestation_as_principal' && m.codeFirst).toContain('amyloidosis (E85.-)');
    expect(
      validateClaimJson(visit(['E85.4', 'G63']), { today }).issues.filter(
        (e) => e.code === 'manifestation_as_principal',
      ),
    ).toEqual([]);
    // I42.0 carries "code first pre-existing cardiomyopathy complicating pregnancy (O99.4)" but is not a
    // manifestation ("in diseases classified elsewhere" is not in its title): an error only when O99.4x
    // is on the claim after it (ICD-10-CM Official Guidelines FY2026, I.A.13).
    const manif = (dx: string[]) =>
      validateClaimJson(visit(dx), { today })
        .issues.filter((e) => e.code === 'manifestation_as_principal')
        .map((e) => e.codes[0]);
    expect(manif(['I42.0'])).toEqual([]);
    expect(manif(['I42.0', 'O99.411'])).toEqual(['I42.0']);
    // T36-T50's "code first, for adverse effects, the nature of the adverse effect" holds for adverse
    // effects (6th character 5) only: a poisoning is sequenced first, its manifestations after it
    // (Official Guidelines FY2026, I.C.19.e.5(a) and (b)).
    expect(manif(['T39.011A', 'K29.70'])).toEqual([]);
    expect(manif(['T45.511A', 'D68.32'])).toEqual([]);
    expect(manif(['T39.015A', 'K29.70'])).toEqual(['T39.015A']);
    expect(manif(['K29.70', 'T39.015A'])).toEqual([]);
  });

  it('POA on the FY2026 exempt list: exempt codes stay blank, the others need Y/N/U/W', () => {
    const claim = baseClaim({
      admissionDate: '2026-05-01',
      dischargeDate: '2026-05-04',
      placeOfService: '21',
      diagnoses: [
        { code: 'I10' },
        { code: 'Z79.4', poa: 'Y' },
        { code: 'E11.9', poa: 'N' },
        { code: 'Z38.00' },
      ],
      lines: [
        {
          procedure: '0DTJ4ZZ',
          units: 1,
          charge: '1000.00',
          serviceDate: '2026-05-01',
          diagnosisPointers: [1],
        },
      ],
    });
    const r = validateClaimJson(claim, { today, profile: 'medicare-inpatient' });
    const poa = r.issues
      .filter((e) => e.rule === 'poa')
      .map((e) => `${e.path.join('.')}:${e.code}:${e.severity}`);
    expect(poa).toEqual(['diagnoses.0.poa:poa_missing:error', 'diagnoses.1.poa:poa_exempt_reported:warning']);
  });

  it('POA on a code new in FY2027, which the FY2026 exempt list held cannot cover: blank is not checked, never poa_missing', () => {
    // Z68.18 and Z86.17 are new in FY2027; the FY2026 list exempts their siblings Z68.20 and Z86.19.
    const claim = baseClaim({
      admissionDate: '2026-10-01',
      dischargeDate: '2026-10-05',
      placeOfService: '21',
      diagnoses: [
        { code: 'K35.80', poa: 'Y' },
        { code: 'Z68.20' },
        { code: 'Z68.18' },
        { code: 'Z86.17', poa: '1' },
        { code: 'Z86.17', poa: 'N' },
        { code: 'I10' },
      ],
      lines: [
        {
          procedure: '0DTJ4ZZ',
          units: 1,
          charge: '1000.00',
          serviceDate: '2026-10-01',
          diagnosisPointers: [1],
        },
      ],
    });
    const r = validateClaimJson(claim, { today: '2026-12-06', profile: 'medicare-inpatient' });
    const poa = r.issues
      .filter((e) => e.rule === 'poa')
      .map((e) => `${e.path.join('.')}:${e.code}:${e.severity}`);
    expect(poa).toEqual([
      'diagnoses.2.poa:not_checked:error',
      'diagnoses.3.poa:not_checked:error',
      'diagnoses.5.poa:poa_missing:error',
    ]);
    expect(r.issues.find((e) => e.path.join('.') === 'diagnoses.2.poa')!.message).toMatch(
      /^diagnoses\[2\]\.poa: Z68\.18 was not checked: the POA-exempt list held does not cover this code/,
    );
  });
});

describe('the example claims written for ICD-10-CM edits', () => {
  it('fracture-missing-7th-character: S72.001 needs a 7th character', () => {
    const r = validateClaimJson(example('fracture-missing-7th-character'), { today });
    expect(dxEdits(r)).toEqual(['diagnoses.0.code:seventh_character_missing']);
    expect(r.ok).toBe(false);
  });

  it('clean-office-visit: no errors with every built-in code set wired', () => {
    const r = validateClaimJson(example('clean-office-visit'), { today });
    expect(r.issues.filter((e) => e.severity === 'error')).toEqual([]);
    // Skipped, never passed: CPT descriptors are not loaded, no PTP tables, and the MUE and AOC tables held start 2026-04-01.
    expect(r.skipped.map((s) => s.rule)).toEqual([
      'code-validity',
      'ncci-add-on-code',
      'ncci-mue',
      'ncci-ptp',
    ]);
    expect(r.ok).toBe(true);
  });
});
