/**
 * CMS-HCC scoring: diagnoses → condition categories (with the model's MCE, age and sex edits) →
 * hierarchies → disease groups, interactions and the payment-HCC count → relative factors summed
 * per segment, every term explained.
 *
 * The rules are those of the CMS-HCC model software (SAS macros `AGESEXV2`, `V28I0ED1`, `V28115H1`
 * and the main macro of package V2826.115.T1, whose heart interaction patch is read in `V2823T2M` of
 * package V2823.115.T2; Python package `CMS_HCC_v28_2026_T_package_v3`) for
 * the V28 model described in CMS, "Announcement of Calendar Year (CY) 2026 Medicare Advantage (MA)
 * Capitation Rates and Part C and Part D Payment Policies", Attachment VI. The score is the raw
 * relative factor sum: the normalization factor and the MA coding pattern adjustment of the Rate
 * Announcement are applied by CMS afterwards and are not part of the model tables.
 *
 * @module
 */
import { checkStringArgument, invalidArgument } from '../core/arguments';
import type { MedcodeIssue } from '../core/issues';
import { createIssue } from '../core/issues';
import type { Result } from '../core/result';
import { failure, success } from '../core/result';
import type {
  DiagnosisMappingRow,
  DiagnosisOutcome,
  DualStatus,
  HccBeneficiary,
  HccFinding,
  HccModelData,
  HccSegment,
  HccSex,
  RelativeFactor,
  RiskScore,
  ScoreTerm,
  SegmentScore,
} from './model';
import { CONTINUING_ENROLLEE_SEGMENTS, SEGMENT_COLUMNS } from './model';

/** Thousandths of a relative factor: CMS publishes factors with at most three decimals. */
function thousandths(factor: string): number {
  const [whole = '0', frac = ''] = factor.split('.');
  return Number(whole) * 1000 + Number(frac.padEnd(3, '0'));
}

function decimal3(milli: number): string {
  const s = String(milli).padStart(4, '0');
  return `${s.slice(0, -3)}.${s.slice(-3)}`;
}

const SEX_EXPECTED = "'F' or 'M' (the CMS model has no cell for another value)";
const AGE_EXPECTED = 'whole years, 0 or more (the age on February 1 of the payment year)';
const OREC_EXPECTED = "'0', '1', '2' or '3' (OREC)";

/**
 * Refuses, by name, a sex or age the CMS cells have no place for: any other sex would make a cell
 * name the model does not have, and a fraction, a negative or a non-number would fall into a band
 * by accident.
 */
function checkSexAndAge(fn: string, sex: unknown, age: unknown, prefix = ''): void {
  if (sex !== 'F' && sex !== 'M') throw invalidArgument(fn, `${prefix}sex`, SEX_EXPECTED, sex);
  if (!Number.isInteger(age) || (age as number) < 0)
    throw invalidArgument(fn, `${prefix}age`, AGE_EXPECTED, age);
}

/**
 * The community age/sex cell of the CMS software (`AGESEXV2`): F0_34 … F95_GT, M0_34 … M95_GT.
 * A sex other than `F` or `M`, or an age that is not whole years from 0, is refused by name
 * (`MedcodeError`, `invalid_option`).
 *
 * @example
 * ```ts
 * ageSexCell('F', 72) // 'F70_74'
 * ```
 */
export function ageSexCell(sex: HccSex, age: number): string {
  checkSexAndAge('ageSexCell', sex, age);
  const bands: readonly [number, string][] = [
    [34, '0_34'],
    [44, '35_44'],
    [54, '45_54'],
    [59, '55_59'],
    [64, '60_64'],
    [69, '65_69'],
    [74, '70_74'],
    [79, '75_79'],
    [84, '80_84'],
    [89, '85_89'],
    [94, '90_94'],
  ];
  for (const [max, band] of bands) if (age <= max) return `${sex}${band}`;
  return `${sex}95_GT`;
}

/**
 * The new-enrollee age/sex cell (`AGESEXV2`, `NE_AGESEX`): single years 65–69, five-year bands
 * elsewhere; a 64-year-old entitled by age (OREC 0) falls in the 65 cell, because such a
 * beneficiary turns 65 during the payment year (the software's `AGEF=64 & OREC='0'` case). A sex,
 * age or OREC the model has no cell for is refused by name (`MedcodeError`, `invalid_option`).
 *
 * @example
 * ```ts
 * newEnrolleeCell('M', 64, '0') // 'M65'
 * newEnrolleeCell('M', 64, '1') // 'M60_64'
 * ```
 */
export function newEnrolleeCell(sex: HccSex, age: number, orec: string): string {
  checkSexAndAge('newEnrolleeCell', sex, age);
  if (orec !== '0' && orec !== '1' && orec !== '2' && orec !== '3')
    throw invalidArgument('newEnrolleeCell', 'orec', OREC_EXPECTED, orec);
  if (age === 64 && orec === '0') return `${sex}65`;
  if (age >= 65 && age <= 69) return `${sex}${age}`;
  const bands: readonly [number, string][] = [
    [34, '0_34'],
    [44, '35_44'],
    [54, '45_54'],
    [59, '55_59'],
    [64, '60_64'],
    [74, '70_74'],
    [79, '75_79'],
    [84, '80_84'],
    [89, '85_89'],
    [94, '90_94'],
  ];
  for (const [max, band] of bands) if (age <= max) return `${sex}${band}`;
  return `${sex}95_GT`;
}

/**
 * Age in whole years on February 1 of the payment year, the date the CMS software computes `AGEF`
 * at. Undefined when the date is not `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * ageOnFebruaryFirst('1955-02-02', 2026) // 70 (turns 71 on the next day)
 * ```
 */
export function ageOnFebruaryFirst(dateOfBirth: string, paymentYear: number): number | undefined {
  // A caller's JSON may carry anything here; matching a non-string would coerce it first.
  if (typeof dateOfBirth !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const birthdayPassed = mo < 2 || (mo === 2 && d <= 1);
  return paymentYear - y - (birthdayPassed ? 0 : 1);
}

/**
 * ICD-10-CM code as the CMS tables write it: upper case, no dot, no spaces.
 *
 * @example
 * ```ts
 * undottedDiagnosis(' e11.9 ') // 'E119'
 * ```
 */
export function undottedDiagnosis(code: string): string {
  checkStringArgument('undottedDiagnosis', 'code', code);
  return code.trim().toUpperCase().replace('.', '');
}

function within(age: number, c: { readonly min: number; readonly max: number }): boolean {
  return age >= c.min && age <= c.max;
}

/** HCC223, Heart Assist Device/Artificial Heart: paid only beside a heart failure HCC (V28 main macro). */
const HEART_ASSIST_HCC = 223;
/** The heart failure HCCs one of which HCC223 needs (V28 main macro, "heart interaction patch"). */
const HEART_ASSIST_COMPANIONS: readonly number[] = Object.freeze([221, 222, 224, 225, 226]);

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
const isNumberList = (v: unknown): boolean => Array.isArray(v) && v.every((n) => typeof n === 'number');
const isAgeCondition = (v: unknown): boolean =>
  v === undefined ||
  (isRecord(v) && typeof v.text === 'string' && typeof v.min === 'number' && typeof v.max === 'number');
const isFactor = (f: Record<string, unknown>): boolean =>
  typeof f.variable === 'string' &&
  typeof f.label === 'string' &&
  isRecord(f.values) &&
  Object.values(f.values).every((v) => v === undefined || typeof v === 'string');

/** Each table of the model data: what one of its entries is, and the fields scoring reads from it. */
const MODEL_TABLES: readonly [keyof HccModelData, string, (entry: Record<string, unknown>) => boolean][] = [
  [
    'mappings',
    'a mapping row { code, hcc }',
    (r) =>
      typeof r.code === 'string' &&
      typeof r.hcc === 'number' &&
      isAgeCondition(r.mceAge) &&
      isAgeCondition(r.ageEdit) &&
      (r.sexEdit === undefined || r.sexEdit === 'F' || r.sexEdit === 'M'),
  ],
  [
    'hierarchies',
    'a hierarchy rule { hcc, drops }',
    (h) => typeof h.hcc === 'number' && isNumberList(h.drops),
  ],
  [
    'diseaseGroups',
    'a disease group { name, hccs }',
    (g) => typeof g.name === 'string' && isNumberList(g.hccs),
  ],
  [
    'interactions',
    'an interaction { name, first, second }',
    (i) => typeof i.name === 'string' && typeof i.first === 'string' && typeof i.second === 'string',
  ],
  ['continuingEnrolleeFactors', 'a relative factor { variable, label, values }', isFactor],
  ['newEnrolleeFactors', 'a relative factor { variable, label, values }', isFactor],
];

/**
 * Refuses, by name, model data that is not {@link HccModelData} (as `parseHccModelTables` or
 * `decodeHccModelPack` give it, or the same read back from JSON): a missing table or a row of the
 * wrong shape would otherwise fail at its first read, here or while scoring.
 */
function checkModelData(data: unknown): void {
  const FN = 'HccModel';
  if (!isRecord(data))
    throw invalidArgument(FN, 'data', 'the model data (HccModelData, from parseHccModelTables)', data);
  if (!isRecord(data.edition) || typeof data.edition.id !== 'string')
    throw invalidArgument(FN, 'data.edition', 'an edition with an id', data.edition);
  checkStringArgument(FN, 'data.modelName', data.modelName);
  if (!Number.isInteger(data.paymentYear))
    throw invalidArgument(FN, 'data.paymentYear', 'a payment year (a whole number)', data.paymentYear);
  for (const [name, entry, isEntry] of MODEL_TABLES) {
    const list = data[name];
    if (!Array.isArray(list)) throw invalidArgument(FN, `data.${name}`, `an array, each ${entry}`, list);
    for (let k = 0; k < list.length; k++)
      if (!isRecord(list[k]) || !isEntry(list[k]))
        throw invalidArgument(FN, `data.${name}[${k}]`, entry, list[k]);
  }
}

/**
 * A CMS-HCC model of one payment year, with its lookups indexed. Build it from {@link HccModelData}
 * (see `createHccSystem` for the built-in V28 PY2026 tables); data of another shape (a missing
 * table, a row of the wrong type) is refused by name with a `MedcodeError` (`invalid_option`).
 *
 * @example
 * ```ts
 * const model = hcc.at(2026)
 * const r = model.score({ sex: 'F', age: 72, diagnoses: ['E11.9', 'I50.9'] })
 * if (r.ok) r.value.score // '1.033' (F70_74 + HCC38 + HCC226 + DIABETES_HF_V28)
 * ```
 */
export class HccModel {
  private readonly _byCode = new Map<string, DiagnosisMappingRow[]>();
  /** The HCCs each hierarchy rule drops, and the rule's place in the file (the order they run in). */
  private readonly _drops = new Map<number, readonly number[]>();
  private readonly _hierarchyRank = new Map<number, number>();
  private readonly _groups = new Map<string, readonly number[]>();
  private readonly _ce = new Map<string, RelativeFactor>();
  private readonly _ne = new Map<string, RelativeFactor>();
  private readonly _labels = new Map<number, string>();
  /** Each published factor text in thousandths, computed once. */
  private readonly _milli = new Map<string, number>();

  constructor(readonly data: HccModelData) {
    checkModelData(data);
    for (const row of data.mappings) {
      const rows = this._byCode.get(row.code);
      if (rows) rows.push(row);
      else this._byCode.set(row.code, [row]);
    }
    data.hierarchies.forEach((h, rank) => {
      if (h.drops.length === 0) return;
      this._drops.set(h.hcc, h.drops);
      this._hierarchyRank.set(h.hcc, rank);
    });
    for (const g of data.diseaseGroups) this._groups.set(g.name, g.hccs);
    for (const f of data.continuingEnrolleeFactors) {
      this._ce.set(f.variable, f);
      const m = /^HCC(\d+)$/.exec(f.variable);
      if (m) this._labels.set(Number(m[1]), f.label);
    }
    for (const f of data.newEnrolleeFactors) this._ne.set(f.variable, f);
    for (const f of [...data.continuingEnrolleeFactors, ...data.newEnrolleeFactors])
      for (const v of Object.values(f.values)) if (v !== undefined) this._milli.set(v, thousandths(v));
  }

  /**
   * The edition (payment year) of the tables.
   *
   * @example
   * ```ts
   * hcc.at(2026).edition.id // 'v28-py2026'
   * ```
   */
  get edition() {
    return this.data.edition;
  }

  /**
   * The payment HCCs of the model (those with relative factors), ascending.
   *
   * @example
   * ```ts
   * hcc.at(2026).paymentHccs.length // 115
   * ```
   */
  get paymentHccs(): readonly number[] {
    return [...this._labels.keys()].sort((a, b) => a - b);
  }

  /**
   * The CMS label of an HCC.
   *
   * @example
   * ```ts
   * hcc.at(2026).label(1) // 'HIV/AIDS'
   * ```
   */
  label(hcc: number): string | undefined {
    return this._labels.get(hcc);
  }

  /**
   * The mapping rows of a diagnosis (all of them, before edits).
   *
   * @example
   * ```ts
   * hcc.at(2026).mappingRows('C50.011').map((r) => r.hcc) // [22, 23]
   * ```
   */
  mappingRows(code: string): readonly DiagnosisMappingRow[] {
    checkStringArgument('HccModel.mappingRows', 'code', code);
    return this._byCode.get(undottedDiagnosis(code)) ?? [];
  }

  /**
   * Maps one diagnosis to its HCCs for a beneficiary of this age and sex, with the model's edits:
   * outside the MCE age range the code is invalid and raises nothing (SAS `V28I0ED1`: "CC is set
   * to -1.0 - invalid"); rows with an age or sex edit apply only when the condition holds (CMS
   * mapping file columns `AGE_EDIT_CONDITION`, `SEX_EDIT_CONDITION`). A `who` without a sex of
   * `F` or `M` and an age in whole years is refused by name (`MedcodeError`, `invalid_option`): an
   * edit cannot be applied to an age or sex that is not there.
   *
   * @example
   * ```ts
   * hcc.at(2026).mapDiagnosis('C50.011', { age: 45, sex: 'F' }) // { outcome: 'raised', hccs: [22] }
   * hcc.at(2026).mapDiagnosis('C50.011', { age: 70, sex: 'F' }) // { outcome: 'raised', hccs: [23] }
   * ```
   */
  mapDiagnosis(code: string, who: { readonly age: number; readonly sex: HccSex }): DiagnosisOutcome {
    if (who === null || typeof who !== 'object')
      throw invalidArgument('HccModel.mapDiagnosis', 'who', 'a beneficiary { age, sex }', who);
    checkSexAndAge('HccModel.mapDiagnosis', who.sex, who.age, 'who.');
    checkStringArgument('HccModel.mapDiagnosis', 'code', code);
    return this.#outcomeOf(undottedDiagnosis(code), who.age, who.sex);
  }

  /** {@link mapDiagnosis} of a code already undotted, for a beneficiary already checked. */
  #outcomeOf(key: string, age: number, sex: HccSex): DiagnosisOutcome {
    const who = { age, sex };
    const rows = this._byCode.get(key);
    if (!rows) return { code: key, outcome: 'not-in-model' };
    const mce = rows.find((r) => r.mceAge && !within(who.age, r.mceAge));
    if (mce?.mceAge) return { code: key, outcome: 'mce-age-edit', condition: mce.mceAge.text, age: who.age };
    const hccs: number[] = [];
    const failed: string[] = [];
    for (const r of rows) {
      const ageOk = !r.ageEdit || within(who.age, r.ageEdit);
      const sexOk = !r.sexEdit || r.sexEdit === who.sex;
      if (ageOk && sexOk) {
        if (!hccs.includes(r.hcc)) hccs.push(r.hcc);
      } else
        failed.push(
          [r.ageEdit?.text, r.sexEdit ? `sex = ${r.sexEdit}` : undefined]
            .filter((x) => x !== undefined)
            .join(' and '),
        );
    }
    if (hccs.length === 0) return { code: key, outcome: 'age-sex-edit', conditions: failed };
    return { code: key, outcome: 'raised', hccs: hccs.sort((a, b) => a - b) };
  }

  /**
   * Scores a beneficiary: every segment's score, term by term, and the segment that applies.
   * Fails (with `invalid_option` issues) when sex, age or date of birth is missing or invalid, or
   * when `options` is not an object (`null`, a number).
   *
   * @example
   * ```ts
   * const r = hcc.at(2026).score({ sex: 'M', age: 67, dualStatus: 'full', diagnoses: ['E1122', 'N184'] })
   * if (r.ok) r.value.segment // 'community-full-dual-aged'
   * ```
   */
  score(
    beneficiary: HccBeneficiary,
    options: { readonly explainAllSegments?: boolean } = {},
  ): Result<RiskScore> {
    if (options === null || typeof options !== 'object')
      return failure(invalidArgument('HccModel.score', 'options', 'an options object', options).issues);
    const explainAll = options.explainAllSegments ?? true;
    const issues = validate(beneficiary, this.data.paymentYear);
    if (issues.length > 0) return failure(issues);
    const b = beneficiary;
    const age = b.age ?? ageOnFebruaryFirst(b.dateOfBirth!, this.data.paymentYear)!;
    const orec = b.originalReasonForEntitlement ?? '0';
    // AGESEXV2: DISABL = (AGEF < 65 & OREC ne "0"); ORIGDS = (OREC = '1')*(DISABL = 0).
    const disabled = age < 65 && orec !== '0';
    const originallyDisabled = orec === '1' && !disabled;
    const dual: DualStatus = b.dualStatus ?? 'non-dual';
    const medicaid = b.medicaid ?? dual !== 'non-dual';

    // Diagnoses → CCs, with the edits; remember which diagnoses raised each CC.
    const outcomes: DiagnosisOutcome[] = [];
    const raisedBy = new Map<number, string[]>();
    const seen = new Set<string>();
    for (const code of b.diagnoses) {
      const key = undottedDiagnosis(code);
      if (seen.has(key)) continue;
      seen.add(key);
      const o = this.#outcomeOf(key, age, b.sex);
      outcomes.push(o);
      if (o.outcome === 'raised')
        for (const h of o.hccs) {
          const list = raisedBy.get(h);
          if (list) list.push(key);
          else raisedBy.set(h, [key]);
        }
    }

    // The heart interaction patch of the V28 main macro (SAS V2823T2M, step 3.6, run before the
    // hierarchy macro): CC223, a heart assist device or artificial heart, counts only beside a heart
    // failure CC (221, 222, 224, 225 or 226); without one it is set to 0 and takes no part in the
    // hierarchies.
    const heartFailureCompanions = HEART_ASSIST_COMPANIONS.filter((h) => raisedBy.has(h));
    const withoutCompanion = raisedBy.has(HEART_ASSIST_HCC) && heartFailureCompanions.length === 0;
    // Hierarchies (V28115H1 / V28_HCC_Hierarchies.csv): the macro's %SET0 rules run one after
    // another, in the file's order, each on the HCCs the earlier ones left: an HCC already dropped
    // drops nothing (HCC62 drops HCC63, so HCC63 no longer drops HCC202).
    const present = new Set(raisedBy.keys());
    if (withoutCompanion) present.delete(HEART_ASSIST_HCC);
    const droppedBy = new Map<number, number[]>();
    // Only the raised HCCs that have a rule, in the rules' order (a person has a handful).
    const withRules = [...present].filter((h) => this._drops.has(h));
    withRules.sort((x, y) => this._hierarchyRank.get(x)! - this._hierarchyRank.get(y)!);
    for (const h of withRules) {
      if (!present.has(h)) continue;
      for (const d of this._drops.get(h)!) if (present.delete(d)) droppedBy.set(d, [h]);
    }
    const findings: HccFinding[] = [...raisedBy.keys()]
      .sort((x, y) => x - y)
      .map((h) => ({
        hcc: h,
        label: this._labels.get(h) ?? '',
        diagnoses: raisedBy.get(h)!,
        droppedBy: droppedBy.get(h) ?? [],
        requiresOneOf: h === HEART_ASSIST_HCC && withoutCompanion ? HEART_ASSIST_COMPANIONS : [],
      }));
    const paying = findings.filter((f) => present.has(f.hcc) && this._labels.has(f.hcc)).map((f) => f.hcc);
    const payingSet = new Set(paying);

    // Disease groups and interactions (V28_Diagnosis_Categories.csv, V28_Interactions.csv).
    const indicator = (name: string): readonly number[] | boolean => {
      if (name === 'DISABL') return disabled;
      const single = /^HCC(\d+)$/.exec(name);
      if (single) return payingSet.has(Number(single[1])) ? [Number(single[1])] : [];
      return (this._groups.get(name) ?? []).filter((h) => payingSet.has(h));
    };
    const isOn = (v: readonly number[] | boolean): boolean => (typeof v === 'boolean' ? v : v.length > 0);
    const describe = (name: string, v: readonly number[] | boolean): string =>
      typeof v === 'boolean'
        ? `${name} (under 65, entitled by disability or ESRD)`
        : `${name} (${v.map((h) => `HCC${h}`).join(', ')})`;
    const interactionTerms: { variable: string; because: string; diagnoses: string[] }[] = [];
    for (const i of this.data.interactions) {
      const a = indicator(i.first);
      const c = indicator(i.second);
      if (isOn(a) && isOn(c)) {
        const hccs = [...(typeof a === 'boolean' ? [] : a), ...(typeof c === 'boolean' ? [] : c)];
        interactionTerms.push({
          variable: i.name,
          because: `${describe(i.first, a)} × ${describe(i.second, c)}`,
          diagnoses: [...new Set(hccs.flatMap((h) => raisedBy.get(h) ?? []))],
        });
      }
    }

    // The payment-HCC count variables D1–D10P (V28 main macro: count of payment HCCs after hierarchies).
    const count = paying.length;
    const countVariable = count === 0 ? undefined : count >= 10 ? 'D10P' : `D${count}`;

    // The variables switched on for this person are the same in every continuing-enrollee segment; a
    // segment whose CMS column is blank for one (e.g. LTIMCAID outside the institutional segment)
    // lists it with inModel false.
    const sexWord = b.sex === 'F' ? 'Female' : 'Male';
    const on: Omit<ScoreTerm, 'factor' | 'inModel' | 'label'>[] = [];
    const none: readonly string[] = [];
    on.push({
      variable: ageSexCell(b.sex, age),
      kind: 'demographic',
      because: `${sexWord}, age ${age} on February 1, ${this.data.paymentYear}`,
      diagnoses: none,
    });
    if (originallyDisabled) {
      const because = `originally entitled by disability (OREC 1), now ${age}`;
      on.push({ variable: `OriginallyDisabled_${sexWord}`, kind: 'demographic', because, diagnoses: none });
      on.push({ variable: 'ORIGDIS', kind: 'demographic', because, diagnoses: none });
    }
    if (medicaid)
      on.push({
        variable: 'LTIMCAID',
        kind: 'demographic',
        because: 'Medicaid in the payment year',
        diagnoses: none,
      });
    for (const h of paying) {
      const dx = raisedBy.get(h)!;
      on.push({ variable: `HCC${h}`, kind: 'hcc', because: `raised by ${dx.join(', ')}`, diagnoses: dx });
    }
    for (const t of interactionTerms)
      on.push({ variable: t.variable, kind: 'interaction', because: t.because, diagnoses: t.diagnoses });
    if (countVariable)
      on.push({
        variable: countVariable,
        kind: 'count',
        because: `${count} payment HCC${count === 1 ? '' : 's'} after hierarchies`,
        diagnoses: none,
      });
    const segment: HccSegment = b.newEnrollee
      ? b.specialNeedsPlan
        ? 'snp-new-enrollee'
        : 'new-enrollee'
      : b.institutional
        ? 'institutional'
        : communitySegment(dual, disabled);
    const segments: SegmentScore[] = [];
    for (const column of CONTINUING_ENROLLEE_SEGMENTS) {
      if (!explainAll && column !== segment) {
        // Score only: the terms of the segments that do not apply are left out on request (large streams).
        let milli = 0;
        for (const t of on) {
          const value = this._ce.get(t.variable)?.values[column];
          if (value !== undefined) milli += this._milli.get(value)!;
        }
        segments.push({
          segment: column,
          column: SEGMENT_COLUMNS[column],
          score: decimal3(milli),
          terms: [],
        });
        continue;
      }
      let milli = 0;
      const terms: ScoreTerm[] = on.map((t) => {
        const f = this._ce.get(t.variable);
        const value = f?.values[column];
        if (value !== undefined) milli += this._milli.get(value)!;
        return {
          variable: t.variable,
          label: f?.label ?? t.variable,
          kind: t.kind,
          factor: value ?? '0',
          inModel: value !== undefined,
          because: t.because,
          diagnoses: t.diagnoses,
        };
      });
      segments.push({ segment: column, column: SEGMENT_COLUMNS[column], score: decimal3(milli), terms });
    }
    const neCell = newEnrolleeCell(b.sex, age, orec);
    for (const neSegment of ['new-enrollee', 'snp-new-enrollee'] as const) {
      // New enrollees are scored on demographics only: Medicaid × originally disabled × age/sex.
      const variable = `${medicaid ? 'MCAID' : 'NMCAID'}_${originallyDisabled ? 'ORIGDIS' : 'NORIGDIS'}_NE${neCell}`;
      const f = this._ne.get(variable);
      const value = f?.values[neSegment];
      segments.push(
        segmentScore(neSegment, [
          {
            variable,
            label: f?.label ?? variable,
            kind: 'demographic',
            factor: value ?? '0',
            inModel: value !== undefined,
            because: `${sexWord}, age ${age}${age === 64 && orec === '0' ? ' (entitled by age: the 65 cell)' : ''}, ${medicaid ? 'Medicaid' : 'no Medicaid'}, ${originallyDisabled ? 'originally disabled' : 'not originally disabled'}`,
            diagnoses: [],
          },
        ]),
      );
    }

    const chosen = segments.find((s) => s.segment === segment)!;
    const value: RiskScore = {
      id: b.id,
      modelName: this.data.modelName,
      paymentYear: this.data.paymentYear,
      age,
      sex: b.sex,
      disabled,
      originallyDisabled,
      diagnoses: outcomes,
      hccs: findings,
      payingHccs: paying,
      segment,
      score: chosen.score,
      segments,
    };
    return success(value);
  }
}

function communitySegment(dual: DualStatus, disabled: boolean): HccSegment {
  const d = dual === 'full' ? 'full-dual' : dual === 'partial' ? 'partial-dual' : 'non-dual';
  return `community-${d}-${disabled ? 'disabled' : 'aged'}` as HccSegment;
}

function segmentScore(segment: HccSegment, terms: ScoreTerm[]): SegmentScore {
  let milli = 0;
  for (const t of terms) milli += thousandths(t.factor);
  return { segment, column: SEGMENT_COLUMNS[segment], score: decimal3(milli), terms };
}

function validate(b: HccBeneficiary, paymentYear: number): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  const bad = (path: string, expected: string) =>
    issues.push(
      createIssue({
        code: 'invalid_option',
        severity: 'error',
        path: [path],
        codes: [],
        option: path,
        expected,
      }),
    );
  if (typeof b !== 'object' || b === null) {
    bad('beneficiary', 'an object with sex, age or dateOfBirth, and diagnoses');
    return issues;
  }
  if (b.sex !== 'F' && b.sex !== 'M') bad('sex', "'F' or 'M' (the CMS model has no cell for another value)");
  if (b.age !== undefined) {
    if (!Number.isInteger(b.age) || b.age < 0 || b.age > 130) bad('age', 'whole years from 0 to 130');
  } else if (b.dateOfBirth === undefined) bad('age', 'age, or dateOfBirth (YYYY-MM-DD)');
  else {
    const a = ageOnFebruaryFirst(b.dateOfBirth, paymentYear);
    if (a === undefined || a < 0) bad('dateOfBirth', `a YYYY-MM-DD date before February 1, ${paymentYear}`);
  }
  if (!Array.isArray(b.diagnoses) || b.diagnoses.some((d) => typeof d !== 'string'))
    bad('diagnoses', 'an array of ICD-10-CM code strings');
  if (
    b.originalReasonForEntitlement !== undefined &&
    !['0', '1', '2', '3'].includes(b.originalReasonForEntitlement)
  )
    bad('originalReasonForEntitlement', "'0', '1', '2' or '3' (OREC)");
  if (b.dualStatus !== undefined && !['non-dual', 'partial', 'full'].includes(b.dualStatus))
    bad('dualStatus', "'non-dual', 'partial' or 'full'");
  return issues;
}
