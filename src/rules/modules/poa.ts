/**
 * Present-on-admission indicators on inpatient claims: Y, N, U, W for every diagnosis not on the
 * POA-exempt list; exempt codes are reported blank (or 1, the 4010A convention). A code newer than
 * the list held (FY2027's new codes against the FY2026 list) left blank is `not_checked`, never a
 * `poa_missing` error the list cannot support.
 *
 * Sources: CMS POA reporting (HL7 THO cs-presentOnAdmission), CMS POA-exempt list FY2026
 * (`codesets/sources/icd10cm/POAexemptCodesFY26.zip`, via the ICD-10-CM entries' `poaExempt`);
 * ICD-10-CM Official Guidelines for Coding and Reporting FY2026, Appendix I (POA reporting).
 *
 * @module
 */
import type { Rule } from '../types';

/**
 * POA rule (`poa`).
 *
 * @example
 * ```ts
 * validateClaim(inpatientClaim, { profile: 'medicare-inpatient', codeSets })
 * ```
 */
export const poaRule: Rule = {
  id: 'poa',
  title: 'Present-on-admission indicators (inpatient)',
  citation:
    'CMS Hospital-Acquired Conditions / POA indicator reporting; CMS POA-exempt codes FY2026; ICD-10-CM Official Guidelines for Coding and Reporting FY2026, Appendix I',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (ctx.setting !== 'inpatient') return;
    const table = ctx.diagnosisTable;
    const cm = table.codeSet(report, 'ICD-10-CM (POA-exempt list)');
    if (!cm) return;
    ctx.claim.diagnoses.forEach((d, i) => {
      const entry = table.facts(i, report)!.entry;
      if (!entry) return; // invalid codes are reported by code-validity
      const poa = d.poa ?? '';
      // Every POA edit sits at the diagnosis's indicator and names the code and edition.
      const at = {
        path: ['diagnoses', i, 'poa'],
        codes: [entry.code],
        system: 'icd10cm',
        dataVersion: cm.edition.name,
      } as const;
      const blank = poa === '' || poa === '1';
      if (entry.poaExemptKnown === false) {
        // A code newer than the POA-exempt list held: blank (or 1) is right if the code is exempt
        // and wrong if it is not, so that case cannot be decided; Y, N, U or W is right for a code
        // that is not exempt and at most the warning below for one that is.
        if (blank)
          report.edit({
            code: 'not_checked',
            ...at,
            editions: [],
            reason:
              'the POA-exempt list held does not cover this code (new since that list), so whether its POA indicator may be blank is not known',
          });
      } else if (entry.poaExempt) {
        if (!blank) report.edit({ code: 'poa_exempt_reported', ...at, received: poa, severity: 'warning' });
      } else if (blank) {
        report.edit({ code: 'poa_missing', ...at, remedy: 'report Y, N, U or W' });
      }
    });
  },
};
