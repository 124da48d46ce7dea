/**
 * Validity on the date of service: every ICD-10-CM, ICD-10-PCS and HCPCS code is checked in the
 * edition in force (header codes, 7th characters, terminated HCPCS codes); CPT gets a format check,
 * plus existence when licensed descriptors are loaded.
 *
 * Sources: HIPAA code-set date-of-service compliance, CMS Medicare Claims Processing Manual text
 * (domain-rules §6: "claims with a code not valid on the DOS are returned unprocessable"; inpatient
 * uses the discharge date); CPT structure (§1.3), HCPCS Level II structure (§1.4).
 *
 * @module
 */
import type { IsoDate } from '../../core/dates';
import type { Rule, RuleContext, RuleReporter } from '../types';
import type { RuleCodeSet, Icd10CmRuleCodeSet } from '../contract';
import { codeSetOr, rehome } from './util';

/** CPT Category I (5 digits), PLA (4 digits + U), Category II (4 digits + F), Category III (4 digits + T): domain-rules §1.3. */
export const CPT_FORMAT = /^\d{4}[0-9FTU]$/;
/** HCPCS Level II: a letter A–V then 4 digits (domain-rules §1.4). */
export const HCPCS_LEVEL2_FORMAT = /^[A-V]\d{4}$/;
/** ICD-10-PCS: 7 characters, digits and letters except I and O (domain-rules §1.2). */
export const PCS_FORMAT = /^[0-9A-HJ-NP-Z]{7}$/;

/** Whether a string has no lower-case ASCII letter and no surrounding space (no copy needed). */
function isUpperTrimmed(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return n === 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c > 127) return false; // let toUpperCase handle non-ASCII
  }
  return true;
}

/**
 * Every diagnosis in the edition of each line that points at it (issue 8; domain-rules §6: a code
 * must be valid on the date of service). When all those lines fall in one edition, its issues sit
 * on the diagnosis (`['diagnoses', i, 'code']`); when they straddle an edition change (lines on
 * 2026-09-30 and 2026-10-01), the issues of an edition sit on the pointers of the lines in that
 * edition only (`['lines', j, 'diagnosisPointers', k]`), since only those lines are affected.
 */
function checkDiagnoses(ctx: RuleContext, report: RuleReporter): void {
  const provider = ctx.codeSets.icd10cm;
  if (!provider) {
    report.skip('no ICD-10-CM code set was provided (options.codeSets)');
    return;
  }
  const sets = new Map<string, Icd10CmRuleCodeSet | null>();
  const { claim } = ctx;
  claim.diagnoses.forEach((d, i) => {
    const dates = ctx.diagnosisDates[i] ?? [];
    if (dates.length === 0) {
      report.skip('ICD-10-CM: the claim has no date of service to choose the edition');
      return;
    }
    const path = ['diagnoses', i, 'code'];
    if (dates.length === 1) {
      // The common case: one date, one edition.
      const set = codeSetOr<Icd10CmRuleCodeSet>(provider, dates[0], 'ICD-10-CM', report, sets);
      if (set) for (const issue of set.check(d.code).issues) report.edit(rehome(issue, path));
      return;
    }
    // Group the dates by the edition in force on them.
    const groups = new Map<string, { set: Icd10CmRuleCodeSet; dates: IsoDate[] }>();
    for (const date of dates) {
      const set = codeSetOr<Icd10CmRuleCodeSet>(provider, date, 'ICD-10-CM', report, sets);
      if (!set) continue;
      const g = groups.get(set.edition.id);
      if (g) g.dates.push(date);
      else groups.set(set.edition.id, { set, dates: [date] });
    }
    if (groups.size === 1) {
      const { set } = groups.values().next().value!;
      for (const issue of set.check(d.code).issues) report.edit(rehome(issue, path));
      return;
    }
    for (const { set, dates: inEdition } of groups.values()) {
      const issues = set.check(d.code).issues;
      if (issues.length === 0) continue;
      claim.lines.forEach((line, j) => {
        const date = ctx.lineDates[j];
        if (date === undefined || !inEdition.includes(date)) return;
        const k = (line.diagnosisPointers ?? []).indexOf(i + 1);
        if (k < 0) return;
        for (const issue of issues) report.edit(rehome(issue, ['lines', j, 'diagnosisPointers', k]));
      });
    }
  });
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
    'HIPAA code sets, 45 CFR 162.1002; CMS Medicare Claims Processing Manual (date-of-service compliance) — domain-rules §6',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { claim } = ctx;
    if (claim.diagnoses.length > 0) checkDiagnoses(ctx, report);
    const caches = {
      hcpcs: new Map<string, RuleCodeSet | null>(),
      pcs: new Map<string, RuleCodeSet | null>(),
      cpt: new Map<string, RuleCodeSet | null>(),
    };
    let cptUnchecked = false;
    claim.lines.forEach((line, i) => {
      const raw = line.procedure;
      const code = isUpperTrimmed(raw) ? raw : raw.trim().toUpperCase();
      const path = ['lines', i, 'procedure'];
      const date = ctx.setting === 'inpatient' ? (ctx.diagnosisDate ?? ctx.lineDates[i]) : ctx.lineDates[i];
      let set: RuleCodeSet | undefined;
      if (CPT_FORMAT.test(code)) {
        if (!ctx.codeSets.cpt) {
          cptUnchecked = true;
          return;
        }
        set = codeSetOr(ctx.codeSets.cpt, date, 'CPT', report, caches.cpt);
      } else if (HCPCS_LEVEL2_FORMAT.test(code)) {
        set = codeSetOr(ctx.codeSets.hcpcs, date, 'HCPCS Level II', report, caches.hcpcs);
      } else if (ctx.setting === 'inpatient' && PCS_FORMAT.test(code)) {
        set = codeSetOr(ctx.codeSets.icd10pcs, date, 'ICD-10-PCS', report, caches.pcs);
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
      if (!set) return;
      for (const issue of set.check(code).issues) report.edit(rehome(issue, path));
    });
    if (cptUnchecked)
      report.skip(
        'CPT existence not checked: CPT descriptors are licensed by the AMA and none were loaded (options.codeSets.cpt); CPT codes got a format check only',
      );
  },
};
