/**
 * Payer-facing reasons: the edits of medcode grouped the way a payer's denial would word them, so a
 * manager reads "more units than medically likely" rather than `mue_exceeded`.
 *
 * @module
 */
import { invalidArgument } from '../core/arguments';
import type { CodeSystemId } from '../core/systems';

const CODE_SYSTEMS_OF_PROCEDURES: readonly CodeSystemId[] = [
  'hcpcs',
  'hcpcs-modifier',
  'cpt',
  'cpt-modifier',
  'pos',
];

/** Issue codes saying a code is not a valid, complete code of its set on the date of service. */
const CODE_VALIDITY = new Set([
  'malformed_code',
  'unknown_code',
  'not_billable',
  'seventh_character_missing',
  'seventh_character_invalid',
  'placeholder_missing',
  'not_in_force',
  'code_terminated',
  'invalid_axis_value',
]);

const BY_CODE: Readonly<Record<string, string>> = {
  ncci_ptp: 'Not paid with another service on the same day (NCCI procedure-to-procedure edit)',
  ncci_add_on_code: 'Add-on code without its primary service (NCCI add-on code edit)',
  mue_exceeded: 'More units than medically likely (NCCI medically unlikely edit)',
  excludes1_conflict: 'Diagnoses that are not coded together (ICD-10-CM Excludes1)',
  manifestation_as_principal: 'Diagnosis sequencing: a manifestation code listed first',
  external_cause_principal: 'Diagnosis sequencing: an external cause code listed first',
  unacceptable_principal: 'Diagnosis not acceptable as the principal diagnosis',
  questionable_admission: 'Questionable reason for admission',
  wrong_procedure_performed: 'Wrong procedure performed: not covered',
  procedure_inconsistent_with_los: 'Procedure inconsistent with the length of stay',
  noncovered_procedure: 'Procedure not covered by Medicare',
  limited_coverage: 'Procedure of limited Medicare coverage',
  use_additional_code: 'An additional diagnosis code is expected',
  duplicate_diagnosis: 'Diagnosis reported twice',
  age_conflict: "Diagnosis inconsistent with the patient's age",
  sex_conflict: "Diagnosis inconsistent with the patient's sex",
  poa_missing: 'Present-on-admission indicator missing or invalid',
  poa_exempt_reported: 'Present-on-admission indicator missing or invalid',
  duplicate_line: 'Duplicate service line',
  future_date: 'Date of service in the future',
  filing_limit_passed: 'The time limit for filing has expired',
  not_checked: 'Not checked: no code set covers the date of service',
  custom_edit: 'Payer- or practice-specific edit',
};

/**
 * The payer-facing reason of an edit, in plain words. Codes the table does not know (new issue
 * codes, reading errors) fall into "Missing or invalid claim information".
 *
 * @example
 * ```ts
 * payerReason({ code: 'mue_exceeded' }) // 'More units than medically likely (NCCI medically unlikely edit)'
 * payerReason({ code: 'unknown_code', system: 'icd10cm' }) // 'Diagnosis code invalid or incomplete for the date of service'
 * ```
 */
export function payerReason(issue: {
  readonly code: string;
  readonly system?: CodeSystemId | undefined;
}): string {
  if (issue === null || typeof issue !== 'object' || typeof issue.code !== 'string')
    throw invalidArgument('payerReason', 'issue', 'an issue (with a code)', issue);
  if (CODE_VALIDITY.has(issue.code)) {
    if (issue.system === 'icd10cm') return 'Diagnosis code invalid or incomplete for the date of service';
    if (issue.system === 'icd10pcs') return 'Procedure (ICD-10-PCS) code invalid for the date of service';
    if (issue.system !== undefined && CODE_SYSTEMS_OF_PROCEDURES.includes(issue.system))
      return 'Procedure, modifier or place-of-service code invalid for the date of service';
    return 'Code invalid for the date of service';
  }
  return BY_CODE[issue.code] ?? 'Missing or invalid claim information';
}
