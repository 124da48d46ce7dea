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
/**
 * A claim's ICD-10-CM code without its dot, as the 837P (HI01–HI12) and CMS-1500 item 21 carry it,
 * or `undefined` when the code has a dot anywhere but after its third character. ICD-10-CM writes
 * a code as its 3-character category, then a dot before characters 4 to 7 (ICD-10-CM Official
 * Guidelines for Coding and Reporting, section I.A.2–I.A.5; the CMS tabular list: `E11.9`), so a dot
 * elsewhere (`E.119`, `E1.19`, `E119.`) is not a misprint to repair: it names no code, and the FHIR
 * R4 Claim, which keeps the dot as written, would carry it as it is. Only `.` is read here; the
 * rest of the shape is {@link ICD10CM_UNDOTTED}'s.
 *
 * @example
 * ```ts
 * undottedIcd10Cm('E11.9') // 'E119'
 * undottedIcd10Cm('E1.19') // undefined
 * ```
 */
export function undottedIcd10Cm(code: string): string | undefined {
  const dot = code.indexOf('.');
  if (dot === -1) return code;
  // One dot, after the category (index 3), with at least one character after it.
  if (dot !== 3 || code.length === 4 || code.indexOf('.', dot + 1) !== -1) return undefined;
  return code.slice(0, 3) + code.slice(4);
}
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
  // Whole units (nearly every line) print as their digits: at most 10 of them, without printing.
  if (Number.isInteger(units)) return units > 0 && units < 1e10;
  return units > 0 && UNITS_TEXT.test(String(units));
}

/**
 * An NDC in the 11-digit 5-4-2 form the 837P requires: accepts 11 digits (with or without
 * hyphens) and the 10-digit hyphenated forms 4-4-2, 5-3-2 and 5-4-1 (zero-padded).
 *
 * @example
 * ```ts
 * toNdc11('0002-1433-80') // '00002143380'
 * ```
 */
export function toNdc11(ndc: string): string | undefined {
  // Any non-string (a Symbol, an object) is not an NDC: RegExp.test would coerce it, or throw.
  if (typeof ndc !== 'string') return undefined;
  if (/^\d{11}$/.test(ndc)) return ndc;
  const m = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(ndc);
  if (!m) return undefined;
  const shape = `${m[1]!.length}-${m[2]!.length}-${m[3]!.length}`;
  if (shape !== '5-4-2' && shape !== '4-4-2' && shape !== '5-3-2' && shape !== '5-4-1') return undefined;
  return m[1]!.padStart(5, '0') + m[2]!.padStart(4, '0') + m[3]!.padStart(2, '0');
}

/**
 * A billing provider tax id as the writers carry it: an EIN of 9 digits, with or without one
 * hyphen (written without it). 837P 2010AA REF*EI carries the 9 digits (REF02, 005010X222A1);
 * NUCC 1500 Reference Instruction Manual (02/12) item 25: "Do not enter hyphens with numbers".
 * Read character by character: the 837P's clean lane checks it once per claim.
 *
 * @example
 * ```ts
 * isEin('82-0000001') // true
 * isEin('82-00-00001') // false
 * ```
 */
export function isEin(v: unknown): v is string {
  if (typeof v !== 'string' || (v.length !== 9 && v.length !== 10)) return false;
  let hyphens = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x2d) hyphens++;
    else if (c < 0x30 || c > 0x39) return false;
  }
  return hyphens === v.length - 9;
}
