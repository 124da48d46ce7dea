/**
 * The value checks every claim writer applies before it writes (X12 837P, FHIR R4 Claim,
 * CMS-1500), so that the three outputs accept and refuse the same claims. Not part of the public
 * API (not re-exported by index.ts).
 *
 * Sources: 837P 005010X222A1 (ASC X12 implementation guide) loop 2300 HI01–HI12 (ICD-10-CM,
 * without the period), SV101-2 (a 5-character CPT/HCPCS code), SV101-3…6 (2-character modifiers),
 * SV104 (units: a positive decimal of at most 10 digits and 3 decimals, the X12 R data type as
 * the TR3 limits it), CLM05-1/SV105 (2-digit place of service), LIN03 (NDC, 11 digits 5-4-2);
 * the NUCC 1500 Claim Form Reference Instruction Manual (02/12) items 21, 24B, 24D, 24G and the
 * 24A shaded area carry the same values.
 *
 * @module
 */
import { upperAscii } from '../core/code-shape';
import { createIssue } from '../core/issues';
import type { IssuePath, MedcodeIssue } from '../core/issues';
import { describeReceived, unreadable } from './internal';
import { checkClaimLimits } from './limits';
import { parseClaim } from './parse';
import {
  ICD10CM_UNDOTTED,
  MODIFIER_CODE,
  POS_CODE,
  PROCEDURE_CODE,
  isEin,
  isWritableUnits,
  undottedIcd10Cm,
} from './formats';
import { toNdc11 } from './formats';
import type { Claim } from './schema';
import type { Result } from '../core/result';
import { failure } from '../core/result';

function bad(issues: MedcodeIssue[], path: IssuePath, expected: string, received: unknown): void {
  issues.push(
    createIssue({
      code: 'claim_invalid',
      severity: 'error',
      path,
      codes: [],
      expected,
      received: describeReceived(received),
      ...(typeof received === 'string' || typeof received === 'number' ? { input: received } : {}),
    }),
  );
}

/**
 * A tax id as the claim formats carry it: the 9 digits of an EIN without hyphens, from 9 digits
 * with at most one hyphen (`820000001`, `82-0000001`); `undefined` for anything else. One rule for
 * the three writers: 837P 2010AA REF*EI carries the 9 digits (REF02, 005010X222A1); CMS-1500 item
 * 25 "Do not enter hyphens with numbers" (NUCC 1500 Reference Instruction Manual 02/12 item 25);
 * the FHIR R4 Claim writes the same digits as the provider's EIN identifier.
 *
 * @example
 * ```ts
 * einDigits('82-0000001') // '820000001'
 * einDigits('not-a-tin')  // undefined
 * ```
 */
export function einDigits(taxId: string): string | undefined {
  if (!isEin(taxId)) return undefined;
  return taxId.length === 9 ? taxId : taxId.replace('-', '');
}

/**
 * The first date of service coded in ICD-10-CM: HIPAA's ICD-10 compliance date (45 CFR
 * 162.1002(c)). Before it diagnoses were ICD-9-CM, which the 837P qualifies BK/BF (not ABK/ABF)
 * and CMS-1500 item 21 flags with indicator 9; medcode carries no ICD-9-CM.
 */
const ICD10_FIRST_SERVICE_DATE = '2015-10-01';

/**
 * The values of a parsed claim that no claim format can carry: codes of the wrong shape, units
 * that are not a positive ≤10.3-digit decimal, an NDC that is not convertible to 11 digits, a
 * place of service that is not 2 digits; a claim without lines or diagnoses, a line without a
 * diagnosis pointer, a replacement or void without the payer's claim control number, a date of
 * service before ICD-10-CM, an admission after the discharge. Codes are checked upper-cased and
 * (diagnoses) undotted, as the writers write them; a diagnosis's dot only after its 3rd character.
 *
 * @example
 * ```ts
 * checkClaimValues({ ...claim, lines: [] }) // [claim_invalid at ['lines']]
 * ```
 */
export function checkClaimValues(claim: Claim): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  // 837P loop 2400 (at least one LX) and loop 2300 HI01 are required (005010X222A1); CMS-1500
  // items 21 A and 24 line 1 likewise (NUCC 1500 Claim Form Reference Instruction Manual 02/12).
  if (claim.lines.length === 0) bad(issues, ['lines'], 'at least one service line', claim.lines);
  if (claim.diagnoses.length === 0) bad(issues, ['diagnoses'], 'at least one diagnosis', claim.diagnoses);
  // A replacement (7) or void (8) names the claim it changes: 837P loop 2300 REF*F8 "Payer Claim
  // Control Number" is required when CLM05-3 is 7 or 8 (005010X222A1); CMS-1500 item 22
  // "Original Ref. No." (NUCC manual item 22; Pub. 100-04 chapter 26 item 22).
  if (
    (claim.frequencyCode === '7' || claim.frequencyCode === '8') &&
    (claim.payerClaimControlNumber === undefined || claim.payerClaimControlNumber.trim() === '')
  )
    bad(
      issues,
      ['payerClaimControlNumber'],
      `the payer's claim control number of the original claim (frequency ${claim.frequencyCode})`,
      claim.payerClaimControlNumber,
    );
  if (
    claim.admissionDate !== undefined &&
    claim.dischargeDate !== undefined &&
    claim.dischargeDate < claim.admissionDate
  )
    bad(issues, ['dischargeDate'], `on or after admissionDate (${claim.admissionDate})`, claim.dischargeDate);
  // The billing provider's tax id is printed as 9 digits by every writer (see einDigits); one the
  // writers cannot print that way is refused by all three alike.
  const taxId = claim.billingProvider?.taxId;
  if (taxId !== undefined && taxId !== '' && einDigits(taxId) === undefined)
    bad(
      issues,
      ['billingProvider', 'taxId'],
      'an EIN of 9 digits (with or without one hyphen: 82-0000001)',
      taxId,
    );
  if (!POS_CODE.test(claim.placeOfService))
    bad(issues, ['placeOfService'], 'a 2-digit place of service code', claim.placeOfService);
  claim.diagnoses.forEach((d, k) => {
    // A dot only after the 3-character category (undottedIcd10Cm): the 837P and CMS-1500 print
    // the code without it and the FHIR Claim with it, so a misplaced dot is refused by all three.
    const undotted = undottedIcd10Cm(d.code);
    if (undotted === undefined)
      bad(
        issues,
        ['diagnoses', k, 'code'],
        'an ICD-10-CM code with its dot, if any, after the 3rd character (E11.9 or E119)',
        d.code,
      );
    else if (!ICD10CM_UNDOTTED.test(upperAscii(undotted)))
      bad(issues, ['diagnoses', k, 'code'], 'an ICD-10-CM code', d.code);
  });
  claim.lines.forEach((line, j) => {
    if (!PROCEDURE_CODE.test(upperAscii(line.procedure)))
      bad(issues, ['lines', j, 'procedure'], 'a 5-character CPT or HCPCS code', line.procedure);
    (line.modifiers ?? []).forEach((m, k) => {
      if (!MODIFIER_CODE.test(upperAscii(m)))
        bad(issues, ['lines', j, 'modifiers', k], 'a 2-character modifier', m);
    });
    // 837P SV107-1 is required (005010X222A1 loop 2400); CMS-1500 item 24E likewise.
    if (line.diagnosisPointers === undefined || line.diagnosisPointers.length === 0)
      bad(
        issues,
        ['lines', j, 'diagnosisPointers'],
        'at least one diagnosis pointer',
        line.diagnosisPointers,
      );
    const from = line.serviceDate ?? line.serviceDateFrom;
    if (from !== undefined && from < ICD10_FIRST_SERVICE_DATE)
      bad(
        issues,
        ['lines', j, line.serviceDate !== undefined ? 'serviceDate' : 'serviceDateFrom'],
        `a date of service on or after ${ICD10_FIRST_SERVICE_DATE} (ICD-10-CM; medcode carries no ICD-9-CM)`,
        from,
      );
    if (!isWritableUnits(line.units))
      bad(
        issues,
        ['lines', j, 'units'],
        'a positive quantity with at most 10 digits and 3 decimals',
        line.units,
      );
    if (line.placeOfService !== undefined && !POS_CODE.test(line.placeOfService))
      bad(issues, ['lines', j, 'placeOfService'], 'a 2-digit place of service code', line.placeOfService);
    if (line.ndc !== undefined && toNdc11(line.ndc) === undefined) {
      bad(
        issues,
        ['lines', j, 'ndc'],
        'an NDC in 11-digit or hyphenated 10-digit (4-4-2, 5-3-2, 5-4-1) form',
        line.ndc,
      );
    }
  });
  return issues;
}

/**
 * The outcome of preparing a claim for a writer: the parsed (frozen) claim, or every reason it
 * cannot be written.
 */
export type PreparedClaim = Result<Claim>;

/**
 * Reads any value as a claim for a writer: the claim schema (via `parseClaim`, so `null`, proxies
 * and throwing getters become issues), then {@link checkClaimLimits} and {@link checkClaimValues}.
 * Never throws.
 */
export function prepareClaimForOutput(input: unknown): PreparedClaim {
  try {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      const issue = createIssue({
        code: 'claim_invalid',
        severity: 'error',
        path: [],
        codes: [],
        expected: 'a claim object',
        received: describeReceived(input),
      });
      return Object.freeze(failure(Object.freeze([issue])));
    }
    const parsed = parseClaim(input);
    if (!parsed.ok) return parsed;
    const issues = [...checkClaimLimits(parsed.value), ...checkClaimValues(parsed.value)];
    if (issues.length > 0) return Object.freeze(failure(Object.freeze(issues)));
    return parsed;
  } catch {
    return Object.freeze(failure(Object.freeze([unreadable()])));
  }
}
