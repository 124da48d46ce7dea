/**
 * Validity on the date of service: every ICD-10-CM, ICD-10-PCS and HCPCS code is checked in the
 * edition in force (header codes, 7th characters, terminated HCPCS codes); CPT gets a format check,
 * plus existence when licensed descriptors are loaded. The form of every code is checked whatever
 * the date; a code whose edition medcode does not hold gets a `not_checked` issue, never a pass.
 *
 * Sources: HIPAA code sets, 45 CFR 162.1002 (the code set valid on the date of service); CMS
 * Medicare Claims Processing Manual (Pub. 100-04), chapter 23 (ICD-10 and HCPCS coding on claims)
 * and chapter 3 (inpatient claims take the discharge date); ICD-10-CM Official Guidelines for
 * Coding and Reporting FY2026, section I.B.1 (codes to the highest number of characters); AMA CPT
 * code structure (five characters, Category II F and III T suffixes); CMS HCPCS Level II code
 * structure (a letter and four digits).
 *
 * @module
 */
import type { IsoDate } from '../../core/dates';
import { scanIcd10CmCode } from '../../icd10cm/model';
import type { IssuePath } from '../../core/issues';
import type { CodeSystemId } from '../../core/systems';
import type { Rule, RuleContext, RuleReporter } from '../types';
import type { RuleCodeSet, Icd10CmRuleCodeSet } from '../contract';
import { checkIn, codeSetLookup, isMissing, rehome } from './util';
import type { MissingCodeSet } from './util';

/**
 * CPT Category I (5 digits), PLA (4 digits + U), administrative MAAA (4 digits + M), Category II
 * (4 digits + F), Category III (4 digits + T).
 */
export const CPT_FORMAT = /^\d{4}[0-9FMTU]$/;
/** HCPCS Level II: a letter A–V then 4 digits. */
export const HCPCS_LEVEL2_FORMAT = /^[A-V]\d{4}$/;
/** ICD-10-PCS: 7 characters, digits and letters except I and O. */
export const PCS_FORMAT = /^[0-9A-HJ-NP-Z]{7}$/;

/** The code at `path` could not be checked: say so where the caller looks, not only in `skipped`. */
function reportNotChecked(
  report: RuleReporter,
  path: IssuePath,
  code: string,
  system: CodeSystemId,
  missing: MissingCodeSet,
): void {
  report.edit({
    code: 'not_checked',
    path,
    codes: [code],
    system,
    ...(missing.date !== undefined ? { date: missing.date } : {}),
    editions: missing.editions,
    reason: missing.reason,
  });
}

/** The form of an ICD-10-CM code, checked with no edition: a malformed code fails on any date. */
function diagnosisShapeOk(report: RuleReporter, path: IssuePath, code: string): boolean {
  const parsed = scanIcd10CmCode(code);
  if (parsed.ok) return true;
  report.edit({
    code: 'malformed_code',
    path,
    codes: [],
    input: code,
    system: 'icd10cm',
    reason: parsed.reason,
    ...(parsed.position !== undefined ? { position: parsed.position } : {}),
    ...(parsed.expected !== undefined ? { expected: parsed.expected } : {}),
  });
  return false;
}

/**
 * Every diagnosis in the edition of each line that points at it (a code must be valid on the date
 * of service). When all those lines fall in one edition, its issues sit on the diagnosis
 * (`['diagnoses', i, 'code']`); when they straddle an edition change (lines on 2026-09-30 and
 * 2026-10-01), the issues of an edition sit on the pointers of the lines in that edition only
 * (`['lines', j, 'diagnosisPointers', k]`), since only those lines are affected.
 */
function checkDiagnoses(ctx: RuleContext, report: RuleReporter): void {
  // Only diagnoses checked on another date than the claim's diagnosis date use it: made then.
  const sets: DiagnosisCodeSets = { byDate: undefined };
  // A loop over a module function, not a callback made per claim.
  for (let i = 0; i < ctx.claim.diagnoses.length; i++) checkDiagnosis(ctx, report, sets, i);
}

/** Diagnosis `i` in the edition of each date it is checked on ({@link checkDiagnoses}). */
function checkDiagnosis(ctx: RuleContext, report: RuleReporter, sets: DiagnosisCodeSets, i: number): void {
  const provider = ctx.codeSets.icd10cm;
  const { claim } = ctx;
  const d = claim.diagnoses[i]!;
  const path = ['diagnoses', i, 'code'];
  const dates = ctx.diagnosisDates[i] ?? [];
  if (dates.length === 1 && dates[0] === ctx.diagnosisDate) {
    // The common case: the claim's diagnosis date, whose lookups every ICD-10-CM rule shares.
    const found = ctx.diagnosisTable.lookup(report, 'ICD-10-CM');
    if (!isMissing(found)) {
      const { issues } = ctx.diagnosisTable.facts(i, report)!.verdict;
      for (let k = 0; k < issues.length; k++) report.edit(rehome(issues[k]!, path));
    } else if (diagnosisShapeOk(report, path, d.code))
      reportNotChecked(report, path, d.code, 'icd10cm', found);
    return;
  }
  if (dates.length <= 1) {
    // One date, one edition.
    const found = codeSetLookup<Icd10CmRuleCodeSet>(
      provider,
      dates[0],
      'ICD-10-CM',
      report,
      (sets.byDate ??= new Map()),
    );
    if (!isMissing(found))
      for (const issue of checkIn(found, d.code).issues) report.edit(rehome(issue, path));
    else if (diagnosisShapeOk(report, path, d.code)) reportNotChecked(report, path, d.code, 'icd10cm', found);
    return;
  }
  // Group the dates by the edition in force on them.
  const groups = new Map<string, { set: Icd10CmRuleCodeSet; dates: IsoDate[] }>();
  let missing: MissingCodeSet | undefined;
  for (const date of dates) {
    const found = codeSetLookup<Icd10CmRuleCodeSet>(
      provider,
      date,
      'ICD-10-CM',
      report,
      (sets.byDate ??= new Map()),
    );
    if (isMissing(found)) {
      missing ??= found;
      continue;
    }
    const g = groups.get(found.edition.id);
    if (g) g.dates.push(date);
    else groups.set(found.edition.id, { set: found, dates: [date] });
  }
  if (missing && diagnosisShapeOk(report, path, d.code))
    reportNotChecked(report, path, d.code, 'icd10cm', missing);
  if (groups.size === 1 && !missing) {
    const { set } = groups.values().next().value!;
    for (const issue of checkIn(set, d.code).issues) report.edit(rehome(issue, path));
    return;
  }
  for (const { set, dates: inEdition } of groups.values()) {
    const issues = checkIn(set, d.code).issues;
    if (issues.length === 0) continue;
    claim.lines.forEach((line, j) => {
      const date = ctx.lineDates[j];
      if (date === undefined || !inEdition.includes(date)) return;
      const k = (line.diagnosisPointers ?? []).indexOf(i + 1);
      if (k < 0) return;
      for (const issue of issues) report.edit(rehome(issue, ['lines', j, 'diagnosisPointers', k]));
    });
  }
}

/** The ICD-10-CM code sets by date of {@link checkDiagnosis}, for one claim, made on first use. */
interface DiagnosisCodeSets {
  byDate: Map<string, Icd10CmRuleCodeSet | MissingCodeSet> | undefined;
}

/**
 * The caches of {@link checkProcedure}: each system's code set by date, for one claim, each made on
 * first use (a claim of CPT and HCPCS codes never asks for ICD-10-PCS).
 */
interface ProcedureCodeSets {
  hcpcs: Map<string, RuleCodeSet | MissingCodeSet> | undefined;
  pcs: Map<string, RuleCodeSet | MissingCodeSet> | undefined;
  cpt: Map<string, RuleCodeSet | MissingCodeSet> | undefined;
}

/**
 * Line `i`'s procedure in the code set of its date; `cpt-format-only` when it is a CPT code and no
 * licensed CPT code set was loaded (its format was checked, its existence cannot be).
 */
function checkProcedure(
  ctx: RuleContext,
  report: RuleReporter,
  caches: ProcedureCodeSets,
  i: number,
): 'cpt-format-only' | undefined {
  const line = ctx.claim.lines[i]!;
  const code = ctx.procedureCodes[i]!;
  const path = ['lines', i, 'procedure'];
  const date = ctx.setting === 'inpatient' ? (ctx.diagnosisDate ?? ctx.lineDates[i]) : ctx.lineDates[i];
  let found: RuleCodeSet | MissingCodeSet;
  let system: CodeSystemId;
  if (CPT_FORMAT.test(code)) {
    // CPT descriptors are licensed by the AMA and not shipped: without them a CPT code gets
    // its format check only, which is reported in `skipped`, by design not a missing edition.
    if (!ctx.codeSets.cpt) return 'cpt-format-only';
    system = 'cpt';
    found = codeSetLookup(ctx.codeSets.cpt, date, 'CPT', report, (caches.cpt ??= new Map()));
  } else if (HCPCS_LEVEL2_FORMAT.test(code)) {
    system = 'hcpcs';
    found = codeSetLookup(ctx.codeSets.hcpcs, date, 'HCPCS Level II', report, (caches.hcpcs ??= new Map()));
  } else if (ctx.setting === 'inpatient' && PCS_FORMAT.test(code)) {
    system = 'icd10pcs';
    found = codeSetLookup(ctx.codeSets.icd10pcs, date, 'ICD-10-PCS', report, (caches.pcs ??= new Map()));
  } else {
    report.edit({
      code: 'malformed_code',
      path,
      codes: [],
      input: line.procedure,
      system: 'hcpcs',
      reason: 'pattern',
      expected:
        ctx.setting === 'inpatient'
          ? 'a CPT, HCPCS Level II or ICD-10-PCS code'
          : 'a CPT (5 characters) or HCPCS Level II (letter + 4 digits) code',
    });
    return;
  }
  if (isMissing(found)) reportNotChecked(report, path, code, system, found);
  else for (const issue of checkIn(found, code).issues) report.edit(rehome(issue, path));
  return undefined;
}

/**
 * Code validity rule (`code-validity`).
 *
 * @example
 * ```ts
 * validateClaim(claim, { codeSets, rules: { 'code-validity': true } })
 * ```
 */
export const codeValidityRule: Rule = {
  id: 'code-validity',
  title: 'Every code valid in the edition in force on the date of service',
  citation:
    'HIPAA code sets, 45 CFR 162.1002; CMS Medicare Claims Processing Manual (Pub. 100-04), chapter 23',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { claim } = ctx;
    if (claim.diagnoses.length > 0) checkDiagnoses(ctx, report);
    const caches: ProcedureCodeSets = { hcpcs: undefined, pcs: undefined, cpt: undefined };
    let cptUnchecked = false;
    for (let i = 0; i < claim.lines.length; i++)
      if (checkProcedure(ctx, report, caches, i) === 'cpt-format-only') cptUnchecked = true;
    if (cptUnchecked)
      report.skip(
        'CPT existence not checked: CPT descriptors are licensed by the AMA and none were loaded (options.codeSets.cpt); CPT codes got a format check only',
      );
  },
};
