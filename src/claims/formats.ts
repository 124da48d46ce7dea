/**
 * The value formats the claim writers share (X12 837P, FHIR R4 Claim, CMS-1500), so that all of
 * them accept and refuse the same claims. Not part of the public API (not re-exported).
 *
 * Sources: ASC X12 837P implementation guide 005010X222A1 loop 2300 HI01–HI12 (ICD-10-CM without the
 * period), SV101-2 (5-character CPT/HCPCS), SV101-3…6 (2-character modifiers), SV104 (units,
 * X12 R type limited by the TR3 to 10 digits with up to 3 decimals), CLM05-1/SV105 (2-digit place
 * of service); NUCC 1500 Claim Form Reference Instruction Manual (02/12) items 21, 24B, 24D and
 * 24G carry the same values.
 *
 * @module
 */

/**
 * An ICD-10-CM code, undotted and upper-case: a letter, then two letters or digits, then up to
 * four more. Position 2 is usually a digit, but the FY2026 code descriptions
 * (codesets/sources/icd10cm/2026-code-descriptions-tabular-order.zip) have category QA0 (e.g.
 * QA0.0101), so a letter is accepted there, as `medcode/icd10cm` and the claim model accept it.
 */
export const ICD10CM_UNDOTTED = /^[A-Z][0-9A-Z][0-9A-Z][0-9A-Z]{0,4}$/;
/** A CPT or HCPCS Level II code: 5 letters or digits (837P SV101-2; CMS-1500 item 24D). */
export const PROCEDURE_CODE = /^[0-9A-Z]{5}$/;
/** A procedure modifier: 2 letters or digits (837P SV101-3…6; CMS-1500 item 24D). */
export const MODIFIER_CODE = /^[0-9A-Z]{2}$/;
/** A place of service: 2 digits (CMS Place of Service code set; 837P CLM05-1 and SV105; CMS-1500 24B). */
export const POS_CODE = /^\d{2}$/;
/** Units as written: at most 10 integer digits and 3 decimals (837P SV104; CMS-1500 24G). */
export const UNITS_TEXT = /^\d{1,10}(\.\d{1,3})?$/;

/**
 * Whether a number of units can be written in SV104 / 24G / Claim.item.quantity: positive, and at
 * most 10 integer digits and 3 decimals once printed (so `1e+308`, `-1` and `NaN` are refused).
 */
export function isWritableUnits(units: number): boolean {
  return units > 0 && UNITS_TEXT.test(String(units));
}
