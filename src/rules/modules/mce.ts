/**
 * Medicare Code Editor edits on diagnoses and ICD-10-PCS procedures: age conflict, sex conflict,
 * unacceptable principal diagnosis, questionable admission, external cause as principal, non-covered
 * procedure, limited coverage, wrong procedure performed, procedure inconsistent with length of stay.
 *
 * Source: CMS Definitions of Medicare Code Edits v37 (FY2020), chapter 1, edits 2, 4, 5, 8, 9, 11,
 * 17, 18 and 19.
 * Lists from `codesets/sources/mce/MCE_Simple_Code_Edits_v37.txt`. The sex edit was deactivated by
 * CMS from 2024-10-01 (docs/rules.md explains the `sexEdit` option).
 *
 * @module
 */
import { ageInYears } from '../../core/dates';
import type { Rule, RuleContext, RuleReporter } from '../types';
import type { MceLists, MceLogicVersion } from '../mce';
import { MCE_LOGIC_VERSIONS, maternityAgeRangeOf, mceLogicVersionOn } from '../mce';
import { PCS_FORMAT } from './validity';

/** The date the MCE edits use: admission date for age (MCE: age at admission), else the diagnosis date. */
function mceFor(
  ctx: RuleContext,
  report: RuleReporter,
): { mce: MceLists; dataVersion: string; date: string; logic: MceLogicVersion } | undefined {
  const date = ctx.diagnosisDate;
  if (date === undefined) {
    report.skip('the claim has no date of service');
    return undefined;
  }
  const mce = ctx.mce.load();
  if (!mce) {
    report.skip('no MCE lists are available');
    return undefined;
  }
  const ed = mce.edition;
  if (date < ed.effectiveFrom) {
    report.skip(
      `no MCE lists for ${date}: the loaded lists are ${mce.dataVersion}, in force from ${ed.effectiveFrom}`,
    );
    return undefined;
  }
  if (ed.effectiveTo !== null && date > ed.effectiveTo) {
    if (!ctx.mce.applyToLaterDates) {
      report.skip(
        `no MCE lists for ${date}: the newest loaded are ${mce.dataVersion} (to ${ed.effectiveTo}); set mce.applyToLaterDates to use them`,
      );
      return undefined;
    }
    // The edit logic is that of the version in force on the date; the lists are the newest held.
    // Lists newer than any logic medcode knows carry their own version's logic.
    const inForce = mceLogicVersionOn(date);
    const logic = inForce !== undefined && inForce.version >= mce.version ? inForce : listLogic(mce);
    // CMS publishes one MCE version per fiscal year (October 1 to September 30): past the fiscal
    // year of the newest logic medcode knows, the version in force is one medcode has not seen, and
    // its logic is assumed to be the newest known rather than known to be.
    const assumed = date > `${logic.version + 1983}-09-30`;
    const logicLabel = `MCE v${logic.version} (${logic.fiscalYear}) edit logic`;
    return {
      mce,
      date,
      logic,
      dataVersion:
        logic.version === mce.version
          ? `${mce.dataVersion}, newest lists available, applied to ${date}${assumed ? `; the edit logic of the version in force then is not known to medcode: that of MCE v${logic.version}, the newest known, is assumed` : ''}`
          : assumed
            ? `${logicLabel}, the newest medcode knows, assumed for ${date} (the version in force then is not known to medcode), with the ${mce.dataVersion} lists, the newest held`
            : `${logicLabel} with the ${mce.dataVersion} lists, the newest held, applied to ${date}`,
    };
  }
  return { mce, date, dataVersion: mce.dataVersion, logic: listLogic(mce) };
}

/** The edit logic of the lists' own version. */
function listLogic(mce: MceLists): MceLogicVersion {
  return (
    MCE_LOGIC_VERSIONS.find((v) => v.version === mce.version) ?? {
      version: mce.version,
      effectiveFrom: mce.edition.effectiveFrom,
      fiscalYear: mce.edition.name,
    }
  );
}

/** The oldest age the MCE edits (its adult range ends there): older is MCE edit 14, invalid age. */
const MCE_MAX_AGE = 124;

/**
 * The patient's age as the MCE's edits read it: in completed years at admission on an inpatient
 * claim (the date of service otherwise), from 0 to 124 (CMS Definitions of Medicare Code Edits,
 * chapter 1, edits 4 and 14). `born after` when the birth date is after that date, `invalid` past
 * 124 (edit 14): no age-dependent edit is read from either.
 */
function mceAgeOf(
  ctx: RuleContext,
  date: string,
): { readonly at: string; readonly birth: string } & (
  | { readonly status: 'valid' | 'invalid'; readonly age: number }
  | { readonly status: 'born after' }
) {
  const at = ctx.setting === 'inpatient' ? (ctx.claim.admissionDate ?? date) : date;
  const birth = ctx.claim.patient.birthDate;
  if (birth > at) return { at, birth, status: 'born after' };
  const age = ageInYears(birth, at);
  return { at, birth, status: age > MCE_MAX_AGE ? 'invalid' : 'valid', age };
}

/**
 * MCE age conflict (`mce-age`): newborn 0, pediatric 0–17, maternity by the MCE version in force on
 * the date (12–55 before v39, 9–64 from v39), adult
 * 15–124, age in completed years from birth date to admission (inpatient) or date of service; an age
 * over 124 is MCE edit 14 (invalid age), reported at the birth date instead of any age conflict.
 *
 * @example
 * ```ts
 * validateClaim(claim, { profile: 'medicare-inpatient' })
 * ```
 */
export const mceAgeRule: Rule = {
  id: 'mce-age',
  title: 'MCE age conflict',
  citation: 'CMS Definitions of Medicare Code Edits v37, edits 4 (age conflict) and 14 (invalid age)',
  defaultSeverity: 'error',
  check(ctx, report) {
    const m = mceFor(ctx, report);
    if (!m) return;
    const patient = mceAgeOf(ctx, m.date);
    const { at, birth } = patient;
    if (patient.status === 'born after') {
      report.skip(`age not computed: birth date ${birth} is after ${at}`);
      return;
    }
    const { age } = patient;
    // MCE edit 14 (invalid age): the ages the MCE edits are 0 to 124 years. An older age is an error
    // in the data, and no age conflict is read from it.
    if (patient.status === 'invalid') {
      report.edit({
        code: 'claim_invalid',
        path: ['patient', 'birthDate'],
        codes: [],
        expected: `a birth date giving an age of 0 to ${MCE_MAX_AGE} years on ${at} (MCE edit 14, invalid age)`,
        received: `${birth} (age ${age})`,
        citation: 'CMS Definitions of Medicare Code Edits v37, chapter 1, edit 14 (invalid age)',
      });
      return;
    }
    // Age ranges are edit logic: those of the MCE version in force on the date (maternity 9–64
    // from v39, 12–55 before; CMS Definitions of Medicare Code Edits, chapter 1, edit 4).
    const [matMin, matMax] = maternityAgeRangeOf(m.logic.version);
    const ranges = [
      ['newborn', 0, 0],
      ['pediatric', 0, 17],
      ['maternity', matMin, matMax],
      ['adult', 15, MCE_MAX_AGE],
    ] as const;
    // Each code in the claim's one normalised form (trimmed, undotted, upper case), as every
    // diagnosis rule reads it.
    const table = ctx.diagnosisTable;
    ctx.claim.diagnoses.forEach((d, i) => {
      const code = table.undotted(i);
      for (const [list, min, max] of ranges) {
        if (m.mce.has(list, code) && (age < min || age > max)) {
          report.edit({
            code: 'age_conflict',
            path: ['diagnoses', i, 'code'],
            codes: [d.code],
            system: 'mce',
            dataVersion: m.dataVersion,
            age,
            list,
            min,
            max,
            mceLogicVersion: m.logic.version,
            mceListVersion: m.mce.version,
          });
        }
      }
    });
  },
};

const SEX_DEACTIVATED = '2024-10-01';

/**
 * MCE sex conflict (`mce-sex`). CMS deactivated the edit on 2024-10-01: by default it runs only for
 * earlier dates (`mce.sexEdit: 'on'` forces it).
 *
 * @example
 * ```ts
 * validateClaim(claim, { profile: 'medicare-inpatient', mce: { sexEdit: 'on' } })
 * ```
 */
export const mceSexRule: Rule = {
  id: 'mce-sex',
  title: 'MCE sex conflict',
  citation: 'CMS Definitions of Medicare Code Edits v37, edit 5 (sex conflict); deactivated 2024-10-01',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (ctx.mce.sexEdit === 'off') return;
    if (
      ctx.mce.sexEdit === 'auto' &&
      ctx.diagnosisDate !== undefined &&
      ctx.diagnosisDate >= SEX_DEACTIVATED
    ) {
      report.skip(
        `the MCE sex-conflict edit was deactivated by CMS on ${SEX_DEACTIVATED}; set mce.sexEdit to 'on' to run it`,
      );
      return;
    }
    const m = mceFor(ctx, report);
    if (!m) return;
    const sex = ctx.claim.patient.sex;
    if (sex !== 'F' && sex !== 'M') {
      report.skip('patient sex is unknown (U)');
      return;
    }
    const other = sex === 'F' ? 'male' : 'female';
    ctx.claim.diagnoses.forEach((d, i) => {
      if (m.mce.has(other === 'male' ? 'maleDiagnoses' : 'femaleDiagnoses', ctx.diagnosisTable.undotted(i)))
        report.edit({
          code: 'sex_conflict',
          path: ['diagnoses', i, 'code'],
          codes: [d.code],
          system: 'mce',
          dataVersion: m.dataVersion,
          sex,
          list: other,
        });
    });
    ctx.procedureCodes.forEach((p, i) => {
      if (PCS_FORMAT.test(p) && m.mce.has(other === 'male' ? 'maleProcedures' : 'femaleProcedures', p))
        report.edit({
          code: 'sex_conflict',
          path: ['lines', i, 'procedure'],
          codes: [p],
          system: 'mce',
          dataVersion: m.dataVersion,
          sex,
          list: other,
        });
    });
  },
};

/**
 * MCE unacceptable principal diagnosis (`mce-unacceptable-principal`).
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, diagnoses: [{ code: 'Z37.0' }] }, { profile: 'medicare-inpatient' })
 * ```
 */
export const mceUnacceptablePrincipalRule: Rule = {
  id: 'mce-unacceptable-principal',
  title: 'MCE unacceptable principal diagnosis',
  citation: 'CMS Definitions of Medicare Code Edits v37, edit 9 (unacceptable principal diagnosis)',
  defaultSeverity: 'error',
  check(ctx, report) {
    const first = ctx.claim.diagnoses[0];
    if (!first) return;
    const m = mceFor(ctx, report);
    if (m?.mce.has('unacceptablePrincipal', ctx.diagnosisTable.undotted(0)))
      report.edit({
        code: 'unacceptable_principal',
        path: ['diagnoses', 0, 'code'],
        codes: [first.code],
        system: 'mce',
        dataVersion: m.dataVersion,
      });
  },
};

/**
 * MCE questionable admission (`mce-questionable-admission`).
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, diagnoses: [{ code: 'Z21' }] }, { profile: 'medicare-inpatient' })
 * ```
 */
export const mceQuestionableAdmissionRule: Rule = {
  id: 'mce-questionable-admission',
  title: 'MCE questionable admission',
  citation: 'CMS Definitions of Medicare Code Edits v37, edit 8 (questionable admission)',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const first = ctx.claim.diagnoses[0];
    if (!first) return;
    const m = mceFor(ctx, report);
    if (m?.mce.has('questionableAdmission', ctx.diagnosisTable.undotted(0)))
      report.edit({
        code: 'questionable_admission',
        path: ['diagnoses', 0, 'code'],
        codes: [first.code],
        system: 'mce',
        dataVersion: m.dataVersion,
      });
  },
};

/**
 * External cause as principal (`external-cause-principal`): derived, not listed — any V00–Y99 code
 * first. Needs no data.
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, diagnoses: [{ code: 'W01.0XXA' }] })
 * ```
 */
export const externalCausePrincipalRule: Rule = {
  id: 'external-cause-principal',
  title: 'External cause code (V00–Y99) as principal or first-listed diagnosis',
  citation:
    'CMS Definitions of Medicare Code Edits, edit 2; ICD-10-CM Official Guidelines FY2026, I.C.20 (external cause codes are never first-listed)',
  defaultSeverity: 'error',
  check(ctx, report) {
    const first = ctx.claim.diagnoses[0];
    if (!first) return;
    const c = ctx.diagnosisTable.undotted(0);
    if (/^[VWXY]\d/.test(c))
      report.edit({
        code: 'external_cause_principal',
        path: ['diagnoses', 0, 'code'],
        codes: [first.code],
        system: 'icd10cm',
      });
  },
};

/**
 * MCE wrong procedure performed (`mce-wrong-procedure`): a diagnosis, principal or secondary, on the
 * MCE list of Y65.51–Y65.53 (wrong procedure on the correct patient, procedure on the wrong patient,
 * correct procedure on the wrong side or body part). Medicare does not cover such a stay, whatever
 * the other codes.
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, diagnoses: [{ code: 'S72.001A' }, { code: 'Y65.51' }] }, { profile: 'medicare-inpatient' })
 * ```
 */
export const mceWrongProcedureRule: Rule = {
  id: 'mce-wrong-procedure',
  title: 'MCE wrong procedure performed',
  citation: 'CMS Definitions of Medicare Code Edits v37, chapter 1, edit 18 (wrong procedure performed)',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (ctx.claim.diagnoses.length === 0) return;
    const m = mceFor(ctx, report);
    if (!m) return;
    const table = ctx.diagnosisTable;
    ctx.claim.diagnoses.forEach((d, i) => {
      if (m.mce.has('wrongProcedurePerformed', table.undotted(i)))
        report.edit({
          code: 'wrong_procedure_performed',
          path: ['diagnoses', i, 'code'],
          codes: [d.code],
          system: 'mce',
          dataVersion: m.dataVersion,
        });
    });
  },
};

/** Days from one calendar date to a later one (`YYYY-MM-DD`, read as UTC days). */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The stay, in days, that the procedures of MCE edit 19 need: ventilation over 96 consecutive hours
 * (5A1955Z) fills at least four days (CMS Definitions of Medicare Code Edits v37, chapter 1, edit 19).
 */
const SHORT_STAY_MINIMUM_DAYS = 4;

/**
 * MCE procedure inconsistent with length of stay (`mce-procedure-length-of-stay`): a procedure on the
 * MCE list (5A1955Z, respiratory ventilation over 96 consecutive hours) on a stay of fewer than four
 * days, admission to discharge. Skipped without both dates.
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, admissionDate: '2026-05-01', dischargeDate: '2026-05-03' }, { profile: 'medicare-inpatient' })
 * ```
 */
export const mceShortStayProcedureRule: Rule = {
  id: 'mce-procedure-length-of-stay',
  title: 'MCE procedure inconsistent with length of stay',
  citation:
    'CMS Definitions of Medicare Code Edits v37, chapter 1, edit 19 (procedure inconsistent with length of stay)',
  defaultSeverity: 'error',
  check(ctx, report) {
    const codes = ctx.procedureCodes;
    if (codes.length === 0) return;
    const { admissionDate, dischargeDate } = ctx.claim;
    if (admissionDate === undefined || dischargeDate === undefined) {
      report.skip('the claim has no admission and discharge dates to measure the stay');
      return;
    }
    const stay = daysFrom(admissionDate, dischargeDate);
    if (stay >= SHORT_STAY_MINIMUM_DAYS) return;
    const m = mceFor(ctx, report);
    if (!m) return;
    codes.forEach((p, i) => {
      if (PCS_FORMAT.test(p) && m.mce.has('inconsistentWithShortStay', p))
        report.edit({
          code: 'procedure_inconsistent_with_los',
          path: ['lines', i, 'procedure'],
          codes: [p],
          system: 'mce',
          dataVersion: m.dataVersion,
          lengthOfStay: stay,
          minimumDays: SHORT_STAY_MINIMUM_DAYS,
        });
    });
  },
};

/**
 * The age past which Medicare does not cover the procedures of MCE edit 11's section F, lumbar
 * artificial disc replacement: "over 60 years of age" (Medicare National Coverage Determinations
 * Manual, Pub. 100-03, chapter 1, part 2, section 150.10).
 */
const NONCOVERED_OVER_AGE = 60;

/**
 * MCE non-covered procedure (`mce-noncovered-procedure`): an ICD-10-PCS procedure on the MCE list of
 * procedures Medicare never covers, or on its list of those not covered for a patient over 60 (age
 * in completed years at admission).
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, lines: [{ ...claim.lines[0], procedure: '0FF4XZZ' }] }, { profile: 'medicare-inpatient' })
 * ```
 */
export const mceNoncoveredProcedureRule: Rule = {
  id: 'mce-noncovered-procedure',
  title: 'MCE non-covered procedure',
  citation:
    'CMS Definitions of Medicare Code Edits v37, chapter 1, edit 11 (non-covered procedure); over 60: Pub. 100-03, section 150.10',
  defaultSeverity: 'error',
  check(ctx, report) {
    const codes = ctx.procedureCodes;
    if (codes.length === 0) return;
    const m = mceFor(ctx, report);
    if (!m) return;
    // The age the MCE's age edits read: none when the birth date is after admission, and none past
    // 124, which is MCE edit 14's error (`mce-age`), not an age over 60.
    const patient = mceAgeOf(ctx, m.date);
    codes.forEach((p, i) => {
      if (!PCS_FORMAT.test(p)) return;
      const edit = { code: 'noncovered_procedure', path: ['lines', i, 'procedure'], codes: [p] } as const;
      if (m.mce.has('noncoveredProcedures', p))
        report.edit({ ...edit, system: 'mce', dataVersion: m.dataVersion, reason: 'always' });
      else if (m.mce.has('noncoveredOverAge60', p)) {
        if (patient.status === 'born after')
          report.skip(`age not computed for ${p}: birth date ${patient.birth} is after ${patient.at}`);
        else if (patient.status === 'invalid')
          report.skip(
            `age not read for ${p}: ${patient.age} years on ${patient.at} is not a valid age (MCE edit 14)`,
          );
        else if (patient.age > NONCOVERED_OVER_AGE)
          report.edit({
            ...edit,
            system: 'mce',
            dataVersion: m.dataVersion,
            reason: 'over_age_60',
            age: patient.age,
          });
      }
    });
  },
};

/**
 * MCE limited coverage (`mce-limited-coverage`): an ICD-10-PCS procedure on the MCE list of
 * procedures whose Medicare coverage is limited (organ transplants, heart assist devices and the
 * artificial heart). A warning: the edit flags the claim; it does not reject it.
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, lines: [{ ...claim.lines[0], procedure: '02YA0Z0' }] }, { profile: 'medicare-inpatient' })
 * ```
 */
export const mceLimitedCoverageRule: Rule = {
  id: 'mce-limited-coverage',
  title: 'MCE limited coverage',
  citation: 'CMS Definitions of Medicare Code Edits v37, chapter 1, edit 17 (limited coverage)',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const codes = ctx.procedureCodes;
    if (codes.length === 0) return;
    const m = mceFor(ctx, report);
    if (!m) return;
    codes.forEach((p, i) => {
      if (PCS_FORMAT.test(p) && m.mce.has('limitedCoverage', p))
        report.edit({
          code: 'limited_coverage',
          path: ['lines', i, 'procedure'],
          codes: [p],
          system: 'mce',
          dataVersion: m.dataVersion,
        });
    });
  },
};
