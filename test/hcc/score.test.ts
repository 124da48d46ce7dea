/**
 * CMS-HCC V28 PY2026 scoring, proven against the CMS model tables. The oracle: for each beneficiary
 * the test names by hand the model variables CMS's software would switch on (from the model rules,
 * cited per case), and recomputes the score by summing those variables' relative factors read
 * straight from `codesets/sources/hcc/V28_CE_Relative_Factors.csv` / `V28_NE_Relative_Factors.csv`
 * (the CMS output the SAS and Python software use) with a parser of this file's own.
 *
 * Rules cited: CMS-HCC model software (SAS package V2826.115.T1 / Python package
 * CMS_HCC_v28_2026_T_package_v3): `AGESEXV2` (age/sex cells, DISABL, ORIGDS, new-enrollee cells),
 * `V28I0ED1` (MCE and age/sex edits, carried as columns of ICD10_CC_mappings_CMS_HCC_2026_v28.csv),
 * `V28115H1` (hierarchies = V28_HCC_Hierarchies.csv), the V28 main macro (disease groups,
 * interactions, D1–D10P payment-HCC counts); CMS, Announcement of CY2026 MA Capitation Rates and
 * Part C and Part D Payment Policies, Attachment VI (V28 segments).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/claims/schema';
import {
  HCC_CROSSWALK_PACK_KIND,
  HCC_MODEL_PACK_KIND,
  HccCrosswalk,
  HccModel,
  ageSexCell,
  createHccSystem,
  decodeHccCrosswalkPack,
  decodeHccModelPack,
  encodeHccCrosswalkPack,
  encodeHccModelPack,
  hcc,
  newEnrolleeCell,
  scoreClaimStream,
} from '../../src/hcc/index';
import { MedcodeError, PackError } from '../../src/core/errors';
import { PackWriter } from '../../src/core/pack';
import { expectRefused, medcodeErrorOf, WRONG_ARGUMENTS } from '../medcode-error';
import type { HccBeneficiary, HccSegment, RiskScore } from '../../src/hcc/index';

const SRC = join(import.meta.dirname, '..', '..', 'codesets', 'sources', 'hcc');
const model = hcc.at(2026);

/** A CSV line splitter for the CMS tables (quoted labels may hold commas). */
function csvRows(file: string): string[][] {
  const text = readFileSync(join(SRC, file), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cells: string[] = [];
      let cur = '';
      let q = false;
      for (const ch of line) {
        if (ch === '"') q = !q;
        else if (ch === ',' && !q) {
          cells.push(cur);
          cur = '';
        } else cur += ch;
      }
      cells.push(cur);
      return cells;
    });
}

const ceRows = csvRows('V28_CE_Relative_Factors.csv');
const ceHeader = ceRows[0]!;
const CE = new Map(ceRows.slice(1).map((r) => [r[0]!, r]));
const neRows = csvRows('V28_NE_Relative_Factors.csv');
const NE = new Map(neRows.slice(1).map((r) => [r[0]!, r]));

const COLUMN: Record<HccSegment, string> = {
  'community-non-dual-aged': 'COMMUNITY_NA',
  'community-partial-dual-aged': 'COMMUNITY_PBA',
  'community-full-dual-aged': 'COMMUNITY_FBA',
  'community-non-dual-disabled': 'COMMUNITY_ND',
  'community-partial-dual-disabled': 'COMMUNITY_PBD',
  'community-full-dual-disabled': 'COMMUNITY_FBD',
  institutional: 'INSTITUTIONAL',
  'new-enrollee': 'NE',
  'snp-new-enrollee': 'NE_SNP',
};

/** The oracle: the sum of the named variables' factors in one CMS column, by hand from the CSV. */
function oracle(segment: HccSegment, variables: readonly string[]): string {
  let milli = 0;
  for (const v of variables) {
    let cell: string | undefined;
    if (segment === 'new-enrollee' || segment === 'snp-new-enrollee')
      cell = NE.get(v)?.[segment === 'new-enrollee' ? 2 : 3];
    else cell = CE.get(v)?.[ceHeader.indexOf(COLUMN[segment])];
    if (cell === undefined) throw new Error(`oracle: no row ${v}`);
    milli += Math.round(Number(cell === '' ? '0' : cell) * 1000);
  }
  return (milli / 1000).toFixed(3);
}

function scored(b: HccBeneficiary): RiskScore {
  const r = model.score(b);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

function variablesOf(r: RiskScore, segment: HccSegment): string[] {
  return r.segments.find((s) => s.segment === segment)!.terms.map((t) => t.variable);
}

interface Case {
  readonly name: string;
  readonly beneficiary: HccBeneficiary;
  readonly segment: HccSegment;
  /** The variables CMS's software switches on for this person, written by hand. */
  readonly variables: readonly string[];
  readonly dropped?: readonly [hcc: number, by: number][];
}

const CASES: readonly Case[] = [
  {
    // Community non-dual aged; DIABETES_HF, HF_CHR_LUNG, HF_KIDNEY, HF_HCC238 interactions; HCC37 drops HCC38.
    name: 'aged, non-dual: diabetes, heart failure, CKD 4, COPD, atrial fibrillation',
    beneficiary: { sex: 'F', age: 72, diagnoses: ['E11.9', 'E11.22', 'I50.9', 'N18.4', 'J44.9', 'I48.91'] },
    segment: 'community-non-dual-aged',
    variables: [
      'F70_74',
      'HCC37',
      'HCC226',
      'HCC238',
      'HCC280',
      'HCC327',
      'DIABETES_HF_V28',
      'HF_CHR_LUNG_V28',
      'HF_KIDNEY_V28',
      'HF_HCC238_V28',
      'D5',
    ],
    dropped: [[38, 37]],
  },
  {
    // Community full-benefit dual disabled (OREC 1, under 65): CHR_LUNG × CARD_RESP_FAIL, gSubUseDisorder × gPsych.
    name: 'disabled, full dual: COPD, chronic respiratory failure, drug dependence, schizophrenia',
    beneficiary: {
      sex: 'M',
      age: 50,
      originalReasonForEntitlement: '1',
      dualStatus: 'full',
      diagnoses: ['J44.9', 'J96.11', 'F11.20', 'F20.0'],
    },
    segment: 'community-full-dual-disabled',
    variables: [
      'M45_54',
      'HCC137',
      'HCC151',
      'HCC213',
      'HCC280',
      'LTIMCAID',
      'CHR_LUNG_CARD_RESP_FAIL_V28',
      'gSubUseDisorder_gPsych_V28',
      'DISABLED_CHR_LUNG_V28',
      'D4',
    ],
  },
  {
    // Institutional, disabled, Medicaid (LTIMCAID): the five DISABLED_* interactions of the institutional segment.
    name: 'institutional, disabled, Medicaid: metastatic cancer, MS, heart failure, COPD, pressure ulcer',
    beneficiary: {
      sex: 'F',
      age: 60,
      originalReasonForEntitlement: '1',
      medicaid: true,
      institutional: true,
      diagnoses: ['C78.7', 'G35', 'I50.9', 'J44.9', 'L89.154'],
    },
    segment: 'institutional',
    variables: [
      'F60_64',
      'LTIMCAID',
      'HCC17',
      'HCC198',
      'HCC226',
      'HCC280',
      'HCC379',
      'HF_CHR_LUNG_V28',
      'DISABLED_CANCER_V28',
      'DISABLED_NEURO_V28',
      'DISABLED_HF_V28',
      'DISABLED_CHR_LUNG_V28',
      'DISABLED_ULCER_V28',
      'D5',
    ],
  },
  {
    // Community partial-benefit dual aged, originally disabled (OREC 1, now 65+: ORIGDS = 1).
    name: 'aged, partial dual, originally disabled: HIV/AIDS',
    beneficiary: {
      sex: 'M',
      age: 70,
      originalReasonForEntitlement: '1',
      dualStatus: 'partial',
      diagnoses: ['B20'],
    },
    segment: 'community-partial-dual-aged',
    variables: ['M70_74', 'OriginallyDisabled_Male', 'ORIGDIS', 'LTIMCAID', 'HCC1', 'D1'],
  },
  {
    name: 'disabled, non-dual, no diagnoses',
    beneficiary: { sex: 'F', age: 40, originalReasonForEntitlement: '1', diagnoses: [] },
    segment: 'community-non-dual-disabled',
    variables: ['F35_44'],
  },
  {
    // ESRD entitlement (OREC 2) under 65 is disabled in AGESEXV2 (OREC ne "0").
    name: 'disabled (ESRD entitlement), partial dual: end-stage heart failure',
    beneficiary: {
      sex: 'M',
      age: 62,
      originalReasonForEntitlement: '2',
      dualStatus: 'partial',
      diagnoses: ['I50.84'],
    },
    segment: 'community-partial-dual-disabled',
    variables: ['M60_64', 'LTIMCAID', 'HCC222', 'DISABLED_HF_V28', 'D1'],
  },
  {
    // Ten payment HCCs with no hierarchy among them: D10P.
    name: 'aged, full dual: ten payment HCCs',
    beneficiary: {
      sex: 'F',
      age: 85,
      dualStatus: 'full',
      diagnoses: ['B20', 'A41.9', 'C61', 'E11.9', 'K74.69', 'M06.9', 'G30.0', 'F11.20', 'F20.0', 'I48.91'],
    },
    segment: 'community-full-dual-aged',
    variables: [
      'F85_89',
      'LTIMCAID',
      'HCC1',
      'HCC2',
      'HCC23',
      'HCC38',
      'HCC64',
      'HCC93',
      'HCC127',
      'HCC137',
      'HCC151',
      'HCC238',
      'gSubUseDisorder_gPsych_V28',
      'D10P',
    ],
  },
];

describe('CMS-HCC V28 PY2026 scores, term by term, against the CMS relative factors', () => {
  it.each(CASES)('$name', (c) => {
    const r = scored(c.beneficiary);
    expect(r.segment).toBe(c.segment);
    expect(variablesOf(r, c.segment).sort()).toEqual([...c.variables].sort());
    // Every segment is computed, as the CMS software does for every person; each against the oracle.
    for (const s of r.segments) {
      if (s.segment === 'new-enrollee' || s.segment === 'snp-new-enrollee') continue;
      expect(s.score, s.segment).toBe(oracle(s.segment, c.variables));
      for (const t of s.terms) {
        const cell = CE.get(t.variable)![ceHeader.indexOf(COLUMN[s.segment])]!;
        expect(t.factor).toBe(cell === '' ? '0' : cell);
        expect(t.inModel).toBe(cell !== '');
      }
    }
    expect(r.score).toBe(oracle(c.segment, c.variables));
    for (const [h, by] of c.dropped ?? []) expect(r.hccs.find((f) => f.hcc === h)?.droppedBy).toEqual([by]);
    // Every HCC term names the diagnoses that raised it.
    for (const t of r.segments[0]!.terms.filter((x) => x.kind === 'hcc'))
      expect(t.diagnoses.length).toBeGreaterThan(0);
  });

  it('scores the aged non-dual case to the figure summed by hand from the factors file', () => {
    // F70_74 0.395 + HCC37 0.166 + HCC226 0.360 + HCC238 0.299 + HCC280 0.319 + HCC327 0.514
    // + DIABETES_HF 0.112 + HF_CHR_LUNG 0.078 + HF_KIDNEY 0.176 + HF_HCC238 0.077 + D5 0.050
    const r = scored(CASES[0]!.beneficiary);
    const factors = [
      'F70_74',
      'HCC37',
      'HCC226',
      'HCC238',
      'HCC280',
      'HCC327',
      'DIABETES_HF_V28',
      'HF_CHR_LUNG_V28',
      'HF_KIDNEY_V28',
      'HF_HCC238_V28',
      'D5',
    ].map((v) => CE.get(v)![2]);
    expect(factors.every((f) => f !== '')).toBe(true);
    expect(r.score).toBe(oracle('community-non-dual-aged', CASES[0]!.variables));
  });

  it('covers every interaction of V28_Interactions.csv and every segment', () => {
    const interactions = csvRows('V28_Interactions.csv')
      .slice(1)
      .map((r) => r[0]!);
    const covered = new Set(CASES.flatMap((c) => c.variables));
    expect(interactions.filter((i) => !covered.has(i))).toEqual([]);
    const segments = new Set(CASES.map((c) => c.segment));
    for (const s of Object.keys(COLUMN) as HccSegment[])
      if (!s.includes('new-enrollee')) expect(segments.has(s), s).toBe(true);
  });
});

describe('new enrollees (AGESEXV2 new-enrollee cells; V28_NE_Relative_Factors.csv)', () => {
  it.each([
    // A 64-year-old entitled by age is in the 65 cell (AGEF=64 & OREC='0').
    [{ sex: 'F', age: 64, newEnrollee: true, diagnoses: [] }, 'new-enrollee', 'NMCAID_NORIGDIS_NEF65'],
    [
      { sex: 'F', age: 64, originalReasonForEntitlement: '1', newEnrollee: true, diagnoses: [] },
      'new-enrollee',
      'NMCAID_NORIGDIS_NEF60_64',
    ],
    [
      {
        sex: 'M',
        age: 67,
        originalReasonForEntitlement: '1',
        dualStatus: 'full',
        newEnrollee: true,
        diagnoses: ['B20'],
      },
      'new-enrollee',
      'MCAID_ORIGDIS_NEM67',
    ],
    [
      { sex: 'M', age: 96, medicaid: true, newEnrollee: true, specialNeedsPlan: true, diagnoses: [] },
      'snp-new-enrollee',
      'MCAID_NORIGDIS_NEM95_GT',
    ],
  ] as const)('%j → %s %s', (b, segment, variable) => {
    const r = scored(b as HccBeneficiary);
    expect(r.segment).toBe(segment);
    expect(variablesOf(r, segment)).toEqual([variable]);
    expect(r.score).toBe(oracle(segment, [variable]));
  });
});

describe('hierarchies (V28115H1 = V28_HCC_Hierarchies.csv): every rule', () => {
  // For each CC, a code that raises exactly that CC for a 70-year-old of some sex (edits tested below).
  const rows = csvRows('ICD10_CC_mappings_CMS_HCC_2026_v28.csv').slice(1);
  const plainCode = new Map<string, string>(); // `${sex}:${cc}` → code
  for (const r of rows)
    for (const sex of ['F', 'M'] as const) {
      const o = model.mapDiagnosis(r[0]!, { age: 70, sex });
      if (o.outcome === 'raised' && o.hccs.length === 1 && !plainCode.has(`${sex}:${o.hccs[0]}`))
        plainCode.set(`${sex}:${o.hccs[0]}`, r[0]!);
    }
  const pick = (top: number, low: number): ['F' | 'M', string, string] | undefined => {
    for (const sex of ['F', 'M'] as const) {
      const a = plainCode.get(`${sex}:${top}`);
      const b = plainCode.get(`${sex}:${low}`);
      if (a && b) return [sex, a, b];
    }
    return undefined;
  };
  const rules = csvRows('V28_HCC_Hierarchies.csv')
    .slice(1)
    .flatMap((r) =>
      r
        .slice(1)
        .filter((x) => x.trim() !== '')
        .map((d) => [Number(r[0]!.slice(3)), Number(d.slice(3))] as const),
    );

  it('has a plain code for every HCC the hierarchies name', () => {
    expect(rules.length).toBeGreaterThan(100);
    for (const [top, low] of rules) {
      expect(pick(top, low), `HCC${top} over HCC${low}`).toBeDefined();
    }
  });

  it('drops the lower HCC of every rule, names the HCC that dropped it, and scores only the higher', () => {
    for (const [top, low] of rules) {
      const [sex, a, b] = pick(top, low)!;
      const r = scored({ sex, age: 70, diagnoses: [a, b] });
      // The heart interaction patch runs first: HCC223 beside HCC227 alone (no heart failure HCC
      // 221, 222, 224, 225, 226) is set to 0 and drops nothing.
      if (top === 223 && low === 227) {
        expect(r.payingHccs).toEqual([227]);
        expect(r.hccs.find((f) => f.hcc === 223)?.requiresOneOf).toEqual([221, 222, 224, 225, 226]);
        continue;
      }
      expect(r.payingHccs, `HCC${top} over HCC${low}`).toEqual([top]);
      expect(r.hccs.find((f) => f.hcc === low)?.droppedBy).toEqual([top]);
      expect(r.score).toBe(oracle('community-non-dual-aged', [`${sex}70_74`, `HCC${top}`, 'D1']));
    }
  });

  it('runs the rules one after another: an HCC dropped by an earlier rule drops nothing', () => {
    // V28115H1: %SET0(CC=62, HIER=63 64 65 68) runs before %SET0(CC=63, HIER=64 65 68 202), each
    // testing the HCCs as the earlier ones left them. T86.40 (HCC62), I85.00 (HCC63), G93.1 (HCC202).
    const r = scored({ sex: 'F', age: 70, diagnoses: ['T86.40', 'I85.00', 'G93.1'] });
    expect(r.payingHccs).toEqual([62, 202]);
    expect(r.hccs.find((f) => f.hcc === 63)?.droppedBy).toEqual([62]);
    expect(r.hccs.find((f) => f.hcc === 202)?.droppedBy).toEqual([]);
    expect(r.score).toBe(oracle('community-non-dual-aged', ['F70_74', 'HCC62', 'HCC202', 'D2']));
    // Where the rules nest (HCC17 over 18 over 19), the lower HCCs are named as dropped by the top one.
    const cancers = scored({
      sex: 'F',
      age: 70,
      diagnoses: [plainCode.get('F:17')!, plainCode.get('F:18')!, plainCode.get('F:19')!],
    });
    expect(cancers.payingHccs).toEqual([17]);
    expect(cancers.hccs.filter((f) => f.hcc !== 17).map((f) => f.droppedBy)).toEqual([[17], [17]]);
  });
});

describe('heart interaction patch (V28 main macro, before the hierarchies)', () => {
  it('HCC223 (heart assist device) counts only beside a heart failure HCC', () => {
    // Z95.811 (heart assist device present) raises CC223 alone: the patch sets it to 0.
    const alone = scored({ sex: 'M', age: 72, diagnoses: ['Z95.811'] });
    expect(alone.payingHccs).toEqual([]);
    expect(alone.hccs).toEqual([
      expect.objectContaining({ hcc: 223, droppedBy: [], requiresOneOf: [221, 222, 224, 225, 226] }),
    ]);
    expect(alone.score).toBe(oracle('community-non-dual-aged', ['M70_74']));
    // With I50.9 (HCC226, heart failure) it counts, and drops HCC226 by its hierarchy rule.
    const withHeartFailure = scored({ sex: 'M', age: 72, diagnoses: ['Z95.811', 'I50.9'] });
    expect(withHeartFailure.payingHccs).toEqual([223]);
    expect(withHeartFailure.hccs.find((f) => f.hcc === 223)?.requiresOneOf).toEqual([]);
    expect(withHeartFailure.hccs.find((f) => f.hcc === 226)?.droppedBy).toEqual([223]);
    expect(withHeartFailure.score).toBe(oracle('community-non-dual-aged', ['M70_74', 'HCC223', 'D1']));
  });
});

describe('MCE, age and sex edits (V28I0ED1, as the mapping file columns)', () => {
  it('breast cancer: HCC22 under 50, HCC23 from 50 (AGE_EDIT_CONDITION)', () => {
    expect(model.mapDiagnosis('C50.911', { age: 45, sex: 'F' })).toEqual({
      code: 'C50911',
      outcome: 'raised',
      hccs: [22],
    });
    expect(model.mapDiagnosis('C50.911', { age: 50, sex: 'F' })).toEqual({
      code: 'C50911',
      outcome: 'raised',
      hccs: [23],
    });
  });
  it('hemophilia D66: HCC112 for females, HCC111 for males (SEX_EDIT_CONDITION)', () => {
    expect(model.mapDiagnosis('D66', { age: 70, sex: 'F' })).toEqual({
      code: 'D66',
      outcome: 'raised',
      hccs: [112],
    });
    expect(model.mapDiagnosis('D66', { age: 70, sex: 'M' })).toEqual({
      code: 'D66',
      outcome: 'raised',
      hccs: [111],
    });
  });
  it('a beneficiary without a sex of F or M and an age in whole years is refused by name', () => {
    // An age or sex edit cannot be applied to an age or sex that is not there (C50.011 has one).
    for (const [who, path] of [
      [undefined, ['who']],
      [null, ['who']],
      [{}, ['who.sex']],
      [{ sex: 'F' }, ['who.age']],
      [{ sex: 'F', age: 10n }, ['who.age']],
      [{ sex: 'F', age: 45.5 }, ['who.age']],
      [{ sex: Symbol('F'), age: 45 }, ['who.sex']],
    ] as const)
      expect(
        medcodeErrorOf(() => model.mapDiagnosis('C50.011', who as never)).issues[0],
        JSON.stringify(path),
      ).toMatchObject({ code: 'invalid_option', option: `HccModel.mapDiagnosis(${path[0]})`, path });
  });
  it('a diagnosis that is not text is refused by the method that was given it', () => {
    for (const bad of WRONG_ARGUMENTS.filter((v) => typeof v !== 'string')) {
      expectRefused(() => model.mappingRows(bad as never), 'HccModel.mappingRows(code)');
      expectRefused(
        () => model.mapDiagnosis(bad as never, { sex: 'F', age: 45 }),
        'HccModel.mapDiagnosis(code)',
      );
    }
  });
  it('an MCE age range outside the beneficiary age invalidates the code (CC -1.0)', () => {
    const o = model.mapDiagnosis('K70.31', { age: 10, sex: 'M' });
    expect(o).toEqual({ code: 'K7031', outcome: 'mce-age-edit', condition: 'age >= 15', age: 10 });
    expect(model.mapDiagnosis('K70.31', { age: 15, sex: 'M' })).toEqual({
      code: 'K7031',
      outcome: 'raised',
      hccs: [64],
    });
  });
  it('a code whose only row has an age edit raises nothing outside it', () => {
    expect(model.mapDiagnosis('J44.1', { age: 10, sex: 'F' })).toEqual({
      code: 'J441',
      outcome: 'age-sex-edit',
      conditions: ['age >= 18'],
    });
  });
  it('a code outside the model raises nothing', () => {
    expect(model.mapDiagnosis('I10', { age: 70, sex: 'F' })).toEqual({
      code: 'I10',
      outcome: 'not-in-model',
    });
  });
  it('the pack holds the CMS mapping file row for row', () => {
    const rows = csvRows('ICD10_CC_mappings_CMS_HCC_2026_v28.csv').slice(1);
    expect(model.data.mappings.length).toBe(rows.length);
    rows.forEach((r, i) => {
      const m = model.data.mappings[i]!;
      expect([m.code, m.hcc, m.mceAge?.text ?? '', m.ageEdit?.text ?? '', m.sexEdit ?? '']).toEqual([
        r[0],
        Number(r[1]),
        r[2]!.trim(),
        r[3]!.trim(),
        r[4] === '1.0' ? 'M' : r[4] === '2.0' ? 'F' : '',
      ]);
    });
  });
});

describe('inputs', () => {
  it('computes the age on February 1 of the payment year from a date of birth', () => {
    expect(scored({ sex: 'F', dateOfBirth: '1955-02-01', diagnoses: [] }).age).toBe(71);
    expect(scored({ sex: 'F', dateOfBirth: '1955-02-02', diagnoses: [] }).age).toBe(70);
  });
  it('refuses a beneficiary without sex or age, with structured issues', () => {
    const r = model.score({ sex: 'U' as 'F', diagnoses: [] });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual([['sex'], ['age']]);
  });
});

describe('the CMS mappings workbook crosswalk', () => {
  const cw = hcc.crosswalk(2026);
  it('maps E11.9 in every model of the workbook', () => {
    const e = cw.get('E11.9')!;
    expect(e.models['cms-hcc-v28']).toEqual({ categories: [38], paymentYear: true });
    expect(e.models['esrd-v24']).toEqual({ categories: [19], paymentYear: true });
    expect(e.models['rxhcc-v08']).toEqual({ categories: [31], paymentYear: true });
  });
  it('joins a code of two rows (B37.7: V28 HCC2 and HCC6)', () => {
    expect(cw.get('B377')!.models['cms-hcc-v28'].categories).toEqual([2, 6]);
    expect(cw.size).toBe(11346);
  });
});

describe('scoring a stream of claims', () => {
  const claim = (
    id: string,
    member: string,
    dob: string,
    sex: 'F' | 'M',
    date: string,
    dx: string[],
  ): Claim => ({
    claimId: id,
    patient: { birthDate: dob, sex },
    subscriber: { memberId: member, lastName: 'X' },
    placeOfService: '11',
    diagnoses: dx.map((code) => ({ code })),
    lines: [{ procedure: '99214', units: 1, charge: '120.00', serviceDate: date, diagnosisPointers: [1] }],
  });
  async function* claims() {
    yield claim('1', 'A', '1953-06-01', 'F', '2025-03-02', ['E11.9', 'I10']);
    yield claim('2', 'B', '1948-01-15', 'M', '2025-04-02', ['J44.9']);
    yield claim('3', 'A', '1953-06-01', 'F', '2025-09-02', ['E11.22', 'I50.9']);
    yield claim('4', 'A', '1953-06-01', 'F', '2026-01-05', ['C78.7']); // payment year: not counted
  }
  it('aggregates per patient from the data year and scores as if given the diagnoses directly', async () => {
    const out = await scoreClaimStream(model, claims());
    expect([out.claimsRead, out.claimsUsed, out.diagnosesRead]).toEqual([4, 3, 5]);
    const a = out.patients.get('A|1953-06-01')!;
    const direct = model.score(
      { id: 'A|1953-06-01', sex: 'F', dateOfBirth: '1953-06-01', diagnoses: ['E119', 'E1122', 'I509'] },
      { explainAllSegments: false },
    );
    expect(a).toEqual(direct);
    // Every segment's score is the same as when all segments are explained.
    const full = model.score({ sex: 'F', dateOfBirth: '1953-06-01', diagnoses: ['E119', 'E1122', 'I509'] });
    expect(a.ok && a.value.segments.map((s) => s.score)).toEqual(
      full.ok && full.value.segments.map((s) => s.score),
    );
    expect(a.ok && a.value.payingHccs).toEqual([37, 226]);
    expect(
      out.patients.get('B|1948-01-15')!.ok &&
        (out.patients.get('B|1948-01-15') as { value: RiskScore }).value.segment,
    ).toBe('community-non-dual-aged');
  });

  it('refuses what is not a claim stream, a claim or an option by name, never with a TypeError midway', async () => {
    const rejection = (run: () => Promise<unknown>) =>
      run().then(
        () => undefined,
        (e: unknown) => e,
      );
    const good = claim('1', 'A', '1953-06-01', 'F', '2025-03-02', ['E11.9']);
    const cases: [() => Promise<unknown>, (string | number)[]][] = [
      [() => scoreClaimStream({} as never, [good]), ['model']],
      [() => scoreClaimStream(model, JSON.stringify(good) as never), ['claims']],
      [() => scoreClaimStream(model, 5 as never), ['claims']],
      [() => scoreClaimStream(model, [good], { patientKey: 'memberId' } as never), ['options.patientKey']],
      [() => scoreClaimStream(model, [good], { patientKey: () => 7 } as never), ['options.patientKey']],
      [() => scoreClaimStream(model, [good], { enrollment: () => 'full' } as never), ['options.enrollment']],
      [
        () => scoreClaimStream(model, [good], { explainAllSegments: 'yes' } as never),
        ['options.explainAllSegments'],
      ],
      [() => scoreClaimStream(model, [good, null] as never), ['claims', 1]],
      [
        () => scoreClaimStream(model, [good, { ...good, diagnoses: 'I10' }] as never),
        ['claims', 1, 'diagnoses'],
      ],
    ];
    for (const [run, path] of cases) {
      const error = await rejection(run);
      expect(error, JSON.stringify(path)).toBeInstanceOf(MedcodeError);
      expect((error as MedcodeError).issues[0]!.path, JSON.stringify(path)).toEqual(path);
    }
    // Claim JSON text is read as parseClaim reads it.
    const fromText = await scoreClaimStream(model, [JSON.stringify(good)]);
    expect(fromText).toEqual(await scoreClaimStream(model, [good]));
  });
});

describe('arguments of the wrong type are refused by name, never a TypeError from inside', () => {
  it('decodeHccModelPack and decodeHccCrosswalkPack: bytes that are not bytes, a file that is not a name', () => {
    const modelBytes = encodeHccModelPack(model.data);
    const rows = [
      {
        code: 'E119',
        categories: { 'cms-hcc-v28': 38 },
        paymentYear: {
          'esrd-v21': true,
          'esrd-v24': true,
          'cms-hcc-v22': true,
          'cms-hcc-v28': true,
          'rxhcc-v08': true,
        },
      },
    ];
    const crosswalkBytes = encodeHccCrosswalkPack(rows, model.edition);
    for (const bad of [...WRONG_ARGUMENTS, [], [77, 67]]) {
      expectRefused(() => decodeHccModelPack(bad as never), 'decodeHccModelPack(bytes)');
      expectRefused(() => decodeHccCrosswalkPack(bad as never), 'decodeHccCrosswalkPack(bytes)');
    }
    for (const bad of [null, 5, Symbol('f'), Object.create(null)]) {
      expectRefused(() => decodeHccModelPack(modelBytes, bad as never), 'decodeHccModelPack(file)');
      expectRefused(
        () => decodeHccCrosswalkPack(crosswalkBytes, bad as never),
        'decodeHccCrosswalkPack(file)',
      );
    }
    // Bytes that are a damaged pack stay the pack reader's error.
    expect(() => decodeHccModelPack(new Uint8Array(3))).toThrow(PackError);
    expect(() => decodeHccCrosswalkPack(modelBytes)).toThrow(PackError);
    // The pack bytes, as a Uint8Array or its ArrayBuffer, decode as before.
    expect(decodeHccModelPack(modelBytes, 'model.pack').mappings).toEqual(model.data.mappings);
    const buffer = modelBytes.buffer.slice(
      modelBytes.byteOffset,
      modelBytes.byteOffset + modelBytes.byteLength,
    );
    expect(decodeHccModelPack(buffer as never).hierarchies).toEqual(model.data.hierarchies);
    expect(decodeHccCrosswalkPack(crosswalkBytes).rows).toEqual(rows);
  });

  it("decodeHccModelPack and decodeHccCrosswalkPack: metadata or tables of another shape are the pack's inconsistency", () => {
    /** A model pack as the encoder writes it, with its metadata or one table replaced. */
    const modelPack = (meta: unknown, hierarchies: unknown = []) =>
      new PackWriter(HCC_MODEL_PACK_KIND, 'x')
        .json('meta', meta)
        .utf8('mappings', 'E119,38')
        .json('hierarchies', hierarchies)
        .json('diseaseGroups', [])
        .json('interactions', [])
        .json('continuingEnrolleeFactors', [])
        .json('newEnrolleeFactors', [])
        .toBuffer();
    const meta = { edition: model.edition, modelName: 'V28', paymentYear: 2026 };
    expect(decodeHccModelPack(modelPack(meta)).mappings).toEqual([{ code: 'E119', hcc: 38 }]);
    for (const [bad, message] of [
      [modelPack(null), /no model name and payment year/],
      [modelPack({ ...meta, paymentYear: '2026' }), /no model name and payment year/],
      [modelPack({ ...meta, edition: { id: 'x' } }), /records no edition/],
      [
        modelPack({ ...meta, edition: { ...model.edition, effectiveFrom: '2026-1-1' } }),
        /records no edition/,
      ],
      [modelPack(meta, { 38: [] }), /hierarchies section is not a list/],
    ] as const) {
      expect(() => decodeHccModelPack(bad)).toThrow(PackError);
      expect(() => decodeHccModelPack(bad)).toThrow(message);
    }
    const crosswalkPack = (m: unknown) =>
      new PackWriter(HCC_CROSSWALK_PACK_KIND, 'x')
        .json('meta', m)
        .utf8('rows', 'E119,,,,38,,YYYYY')
        .toBuffer();
    expect(decodeHccCrosswalkPack(crosswalkPack({ edition: model.edition })).rows[0]?.code).toBe('E119');
    for (const m of [null, 5, {}, { edition: { id: 'x' } }])
      expect(() => decodeHccCrosswalkPack(crosswalkPack(m))).toThrow(/records no edition/);
    // A row the writer would not write: a category that is not a number, a flag other than Y or N,
    // a cell missing, a code that is not one.
    const withRows = (text: string) =>
      new PackWriter(HCC_CROSSWALK_PACK_KIND, 'x')
        .json('meta', { edition: model.edition })
        .utf8('rows', text)
        .toBuffer();
    for (const row of [
      'E119,,,,3x,,YYYYY',
      'E119,,,,38,,YYYYX',
      'E119,,,38,,YYYYY',
      'E119,,,,38,,YYYY',
      'e11.9,,,,38,,YYYYY',
    ])
      expect(() => decodeHccCrosswalkPack(withRows(`E118,,,,38,,YYYYY\n${row}`)), row).toThrow(
        /row 1 is not a code, its categories and Y\/N flags/,
      );
  });

  it('HccModel: data that is not model data, a missing table or a row of the wrong shape', () => {
    for (const bad of WRONG_ARGUMENTS) {
      // An object is read as model data: the first field it lacks is named.
      const option = bad !== null && typeof bad === 'object' ? 'HccModel(data.edition)' : 'HccModel(data)';
      expectRefused(() => new HccModel(bad as never), option);
    }
    expectRefused(
      () => new HccModel({ ...model.data, modelName: Symbol('m') } as never),
      'HccModel(data.modelName)',
    );
    expectRefused(
      () => new HccModel({ ...model.data, paymentYear: '2026' } as never),
      'HccModel(data.paymentYear)',
    );
    for (const bad of [undefined, null, 0, Symbol('s'), Object.create(null), 'E119,38'])
      expectRefused(() => new HccModel({ ...model.data, mappings: bad } as never), 'HccModel(data.mappings)');
    for (const bad of [null, Symbol('s'), Object.create(null), { code: 'E119', hcc: '38' }])
      expectRefused(
        () => new HccModel({ ...model.data, mappings: [bad] } as never),
        'HccModel(data.mappings[0])',
      );
    expectRefused(
      () => new HccModel({ ...model.data, hierarchies: [{ hcc: 17, drops: 18 }] } as never),
      'HccModel(data.hierarchies[0])',
    );
    expectRefused(
      () =>
        new HccModel({
          ...model.data,
          newEnrolleeFactors: [{ variable: 'NE', label: 'NE', values: { 'new-enrollee': 0.5 } }],
        } as never),
      'HccModel(data.newEnrolleeFactors[0])',
    );
    // Model data of the right shape builds the same model.
    const again = new HccModel(model.data);
    const b: HccBeneficiary = { sex: 'F', age: 72, diagnoses: ['E11.9', 'I50.9'] };
    expect(again.score(b)).toEqual(model.score(b));
  });

  it('createHccSystem: models that are not an array of model data', () => {
    for (const bad of [5, Symbol('s'), Object.create(null), 'v28'])
      expectRefused(() => createHccSystem({ models: bad as never }), 'createHccSystem(options.models)');
    expectRefused(() => createHccSystem({ models: [null as never] }), 'HccModel(data)');
    expect(createHccSystem({ models: [model.data] }).at(2026).edition.id).toBe(model.edition.id);
  });

  it('HccCrosswalk: an edition or rows of another shape; get answers undefined for what is not a code', () => {
    const edition = hcc.crosswalk(2026).edition;
    for (const bad of WRONG_ARGUMENTS)
      expectRefused(() => new HccCrosswalk(bad as never, []), 'HccCrosswalk(edition)');
    for (const bad of WRONG_ARGUMENTS.filter((v) => !Array.isArray(v)))
      expectRefused(() => new HccCrosswalk(edition, bad as never), 'HccCrosswalk(rows)');
    for (const bad of [null, Symbol('s'), Object.create(null), { code: 'E119' }, 'E119'])
      expectRefused(() => new HccCrosswalk(edition, [bad] as never), 'HccCrosswalk(rows[0])');
    const cw = hcc.crosswalk(2026);
    for (const bad of [undefined, null, 5, Symbol('s'), Object.create(null)])
      expect(cw.get(bad as never)).toBeUndefined();
    const one = new HccCrosswalk(edition, [
      { code: 'E119', categories: { 'cms-hcc-v28': 38 }, paymentYear: { 'cms-hcc-v28': true } as never },
    ]);
    expect(one.get('E11.9')?.models['cms-hcc-v28']).toEqual({ categories: [38], paymentYear: true });
  });

  it('ageSexCell and newEnrolleeCell: a sex, age or OREC the CMS cells have no place for', () => {
    for (const bad of [...WRONG_ARGUMENTS, 'U', 'f', 1]) {
      expectRefused(() => ageSexCell(bad as never, 70), 'ageSexCell(sex)');
      expectRefused(() => newEnrolleeCell(bad as never, 70, '0'), 'newEnrolleeCell(sex)');
    }
    for (const bad of [
      undefined,
      null,
      -1,
      64.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      Symbol('s'),
      Object.create(null),
      '70',
      {},
    ]) {
      expectRefused(() => ageSexCell('F', bad as never), 'ageSexCell(age)');
      expectRefused(() => newEnrolleeCell('F', bad as never, '0'), 'newEnrolleeCell(age)');
    }
    for (const bad of [undefined, null, 0, '4', '', 10n, Symbol('s'), Object.create(null), {}])
      expectRefused(() => newEnrolleeCell('M', 64, bad as never), 'newEnrolleeCell(orec)');
    expect(ageSexCell('F', 72)).toBe('F70_74');
    expect(ageSexCell('M', 0)).toBe('M0_34');
    expect(ageSexCell('M', 101)).toBe('M95_GT');
    expect(newEnrolleeCell('M', 64, '0')).toBe('M65');
    expect(newEnrolleeCell('M', 64, '1')).toBe('M60_64');
    expect(newEnrolleeCell('F', 67, '3')).toBe('F67');
  });
});
