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
import { isPaddedCode, upperAscii } from '../core/code-shape';
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

function bad(
  issues: MedcodeIssue[],
  path: IssuePath,
  expected: string,
  received: unknown,
  citation: string,
): void {
  issues.push(
    createIssue({
      code: 'claim_invalid',
      severity: 'error',
      path,
      codes: [],
      expected,
      received: describeReceived(received),
      ...(typeof received === 'string' || typeof received === 'number' ? { input: received } : {}),
      citation,
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

const CITE_HI = '837P 005010X222A1 loop 2300 HI01–HI12; CMS-1500 (02/12) item 21';
const CITE_LINES = '837P 005010X222A1 loop 2400 (at least one LX); CMS-1500 (02/12) item 24';
const CITE_PCCN =
  '837P 005010X222A1 loop 2300 REF*F8, required when CLM05-3 is 7 or 8; CMS-1500 (02/12) item 22';
const CITE_DISCHARGE = '837P 005010X222A1 loop 2300 DTP*435/DTP*096; CMS-1500 (02/12) item 18';
const CITE_TAX_ID = '837P 005010X222A1 loop 2010AA REF*EI; CMS-1500 (02/12) item 25';
const CITE_POS = '837P 005010X222A1 CLM05-1 and SV105; CMS-1500 (02/12) item 24B';
const CITE_PROCEDURE = '837P 005010X222A1 SV101-2; CMS-1500 (02/12) item 24D';
const CITE_MODIFIER = '837P 005010X222A1 SV101-3…SV101-6; CMS-1500 (02/12) item 24D';
const CITE_POINTER = '837P 005010X222A1 SV107-1 (required); CMS-1500 (02/12) item 24E';
const CITE_DATE = 'HIPAA code sets, 45 CFR 162.1002(c): ICD-10-CM from 2015-10-01';
const CITE_UNITS = '837P 005010X222A1 SV104 (R, at most 10 digits and 3 decimals); CMS-1500 (02/12) item 24G';
const CITE_NDC =
  '837P 005010X222A1 loop 2410 LIN03 (11 digits, 5-4-2); CMS-1500 (02/12) item 24A shaded area';

/**
 * Which of {@link checkClaimValues}' checks to make. The writers make them all
 * ({@link ALL_CLAIM_VALUES}); the `claim-structure` rule of `medcode/rules` leaves out what other
 * rules already report under their own codes, so that a claim which passes validation can be
 * written, with each fact reported once.
 */
export interface ClaimValueScope {
  /**
   * The shape of every diagnosis, procedure, modifier and place of service code. When false, only
   * white space around a diagnosis, procedure or place of service is reported: the code-set checks
   * read a code trimmed, while every format carries it as given.
   */
  readonly codeShapes: boolean;
  /** Units of 0 or less (when false, only positive units no format can carry). */
  readonly nonPositiveUnits: boolean;
  /** A diagnosis pointer on every line (837P SV107-1, CMS-1500 24E: professional claims). */
  readonly linePointers: boolean;
  /** A date of service before ICD-10-CM (2015-10-01). */
  readonly datesBeforeIcd10: boolean;
}

/** Every check of {@link checkClaimValues}: what the writers refuse. */
export const ALL_CLAIM_VALUES: ClaimValueScope = Object.freeze({
  codeShapes: true,
  nonPositiveUnits: true,
  linePointers: true,
  datesBeforeIcd10: true,
});

/**
 * A code as every format carries it: with no white space around it (reported whatever the scope),
 * then, when `shapes` is on, of the shape `shapeOk` accepts.
 */
function checkCode(
  issues: MedcodeIssue[],
  path: IssuePath,
  code: string,
  shapes: boolean,
  shapeOk: (code: string) => boolean,
  expected: string,
  citation: string,
): void {
  if (isPaddedCode(code)) bad(issues, path, `${expected} without white space around it`, code, citation);
  else if (shapes && !shapeOk(code)) bad(issues, path, expected, code, citation);
}

function procedureShapeOk(code: string): boolean {
  return PROCEDURE_CODE.test(upperAscii(code));
}

function posShapeOk(code: string): boolean {
  return POS_CODE.test(code);
}

/**
 * The values of a parsed claim that no claim format can carry: codes of the wrong shape or with
 * white space around them, units that are not a positive ≤10.3-digit decimal, an NDC that is not
 * convertible to 11 digits, a place of service that is not 2 digits; a claim without lines or
 * diagnoses, a line without a diagnosis pointer, a replacement or void without the payer's claim
 * control number, a date of service before ICD-10-CM, an admission after the discharge, a billing
 * tax id that is not an EIN. Codes are checked upper-cased and (diagnoses) undotted, as the
 * writers write them; a diagnosis's dot only after its 3rd character. `scope` selects the checks
 * (default: all of them, as the writers make them).
 *
 * @example
 * ```ts
 * checkClaimValues({ ...claim, lines: [] }) // [claim_invalid at ['lines']]
 * ```
 */
export function checkClaimValues(claim: Claim, scope: ClaimValueScope = ALL_CLAIM_VALUES): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  const shapes = scope.codeShapes;
  // 837P loop 2400 (at least one LX) and loop 2300 HI01 are required (005010X222A1); CMS-1500
  // items 21 A and 24 line 1 likewise (NUCC 1500 Claim Form Reference Instruction Manual 02/12).
  if (claim.lines.length === 0) bad(issues, ['lines'], 'at least one service line', claim.lines, CITE_LINES);
  if (claim.diagnoses.length === 0)
    bad(issues, ['diagnoses'], 'at least one diagnosis', claim.diagnoses, CITE_HI);
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
      CITE_PCCN,
    );
  if (
    claim.admissionDate !== undefined &&
    claim.dischargeDate !== undefined &&
    claim.dischargeDate < claim.admissionDate
  )
    bad(
      issues,
      ['dischargeDate'],
      `on or after admissionDate (${claim.admissionDate})`,
      claim.dischargeDate,
      CITE_DISCHARGE,
    );
  // The billing provider's tax id is printed as 9 digits by every writer (see einDigits); one the
  // writers cannot print that way is refused by all three alike.
  const taxId = claim.billingProvider?.taxId;
  if (taxId !== undefined && taxId !== '' && einDigits(taxId) === undefined)
    bad(
      issues,
      ['billingProvider', 'taxId'],
      'an EIN of 9 digits (with or without one hyphen: 82-0000001)',
      taxId,
      CITE_TAX_ID,
    );
  checkCode(
    issues,
    ['placeOfService'],
    claim.placeOfService,
    shapes,
    posShapeOk,
    'a 2-digit place of service code',
    CITE_POS,
  );
  const diagnoses = claim.diagnoses;
  for (let k = 0; k < diagnoses.length; k++) {
    const code = diagnoses[k]!.code;
    const path = ['diagnoses', k, 'code'];
    if (isPaddedCode(code))
      bad(issues, path, 'an ICD-10-CM code without white space around it', code, CITE_HI);
    else if (!shapes) continue;
    else {
      // A dot only after the 3-character category (undottedIcd10Cm): the 837P and CMS-1500 print
      // the code without it and the FHIR Claim with it, so a misplaced dot is refused by all three.
      const undotted = undottedIcd10Cm(code);
      if (undotted === undefined)
        bad(
          issues,
          path,
          'an ICD-10-CM code with its dot, if any, after the 3rd character (E11.9 or E119)',
          code,
          CITE_HI,
        );
      else if (!ICD10CM_UNDOTTED.test(upperAscii(undotted)))
        bad(issues, path, 'an ICD-10-CM code', code, CITE_HI);
    }
  }
  const lines = claim.lines;
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j]!;
    checkCode(
      issues,
      ['lines', j, 'procedure'],
      line.procedure,
      shapes,
      procedureShapeOk,
      'a 5-character CPT or HCPCS code',
      CITE_PROCEDURE,
    );
    // The modifiers' shape, white space included, is the claim-structure rule's own check.
    const modifiers = line.modifiers;
    if (shapes && modifiers !== undefined)
      for (let k = 0; k < modifiers.length; k++) {
        const m = modifiers[k]!;
        if (!MODIFIER_CODE.test(upperAscii(m)))
          bad(issues, ['lines', j, 'modifiers', k], 'a 2-character modifier', m, CITE_MODIFIER);
      }
    // 837P SV107-1 is required (005010X222A1 loop 2400); CMS-1500 item 24E likewise.
    if (scope.linePointers && (line.diagnosisPointers === undefined || line.diagnosisPointers.length === 0))
      bad(
        issues,
        ['lines', j, 'diagnosisPointers'],
        'at least one diagnosis pointer',
        line.diagnosisPointers,
        CITE_POINTER,
      );
    const from = line.serviceDate ?? line.serviceDateFrom;
    if (scope.datesBeforeIcd10 && from !== undefined && from < ICD10_FIRST_SERVICE_DATE)
      bad(
        issues,
        ['lines', j, line.serviceDate !== undefined ? 'serviceDate' : 'serviceDateFrom'],
        `a date of service on or after ${ICD10_FIRST_SERVICE_DATE} (ICD-10-CM; medcode carries no ICD-9-CM)`,
        from,
        CITE_DATE,
      );
    const units = line.units;
    if (!isWritableUnits(units) && (scope.nonPositiveUnits || units > 0))
      bad(
        issues,
        ['lines', j, 'units'],
        'a positive quantity with at most 10 digits and 3 decimals',
        units,
        CITE_UNITS,
      );
    const pos = line.placeOfService;
    if (pos !== undefined)
      checkCode(
        issues,
        ['lines', j, 'placeOfService'],
        pos,
        shapes,
        posShapeOk,
        'a 2-digit place of service code',
        CITE_POS,
      );
    if (line.ndc !== undefined && toNdc11(line.ndc) === undefined) {
      bad(
        issues,
        ['lines', j, 'ndc'],
        'an NDC in 11-digit or hyphenated 10-digit (4-4-2, 5-3-2, 5-4-1) form',
        line.ndc,
        CITE_NDC,
      );
    }
  }
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
