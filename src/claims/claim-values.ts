/**
 * The values and wording the claim JSON's rules are made of: the allowed codes of each coded
 * field, the patterns of dates, money, NPIs and frequency codes, and the text of each rule as
 * the claims schemas word it, and the fields of each object. One source for the zod schemas
 * (`schema.ts`), the fast reader (`fast-parse.ts`), the reader that explains a claim without zod
 * (`explain.ts`) and the 837P writer's clean-claim lane (`x12/clean-claim.ts`), so that they
 * cannot drift apart. Nothing here imports zod: `medcode/rules` reads claims without loading it.
 *
 * @module
 */

/** Patient and subscriber sex (837P DMG03): female, male, unknown. */
export const SEX_CODES = ['F', 'M', 'U'] as const;

/**
 * Present-on-admission indicator values: Y present, N not present, U documentation insufficient,
 * W clinically undetermined, 1 exempt (4010A convention; in 5010 the exempt case is reported
 * blank, here '').
 */
export const POA_INDICATORS = ['Y', 'N', 'U', 'W', '1', ''] as const;

/** Units of a line (837P SV103): UN units, MJ minutes (anesthesia). */
export const UNIT_BASIS_CODES = ['UN', 'MJ'] as const;

/**
 * Patient's relationship to the subscriber (X12 data element 1069, Individual Relationship Code):
 * `18` self, `01` spouse, `19` child, `20` employee, `21` unknown, `39` organ donor,
 * `40` cadaver donor, `53` life partner, `G8` other relationship (005010X222A1 loop 2000B SBR02
 * and loop 2000C PAT01).
 */
export const X12_RELATIONSHIP_CODES = ['18', '01', '19', '20', '21', '39', '40', '53', 'G8'] as const;

/**
 * The readable relationship names medcode's FHIR output writes in Coverage.relationship (HL7
 * CodeSystem subscriber-relationship: self, spouse, child, other), accepted as well and read as
 * their X12 codes (`self` 18, `spouse` 01, `child` 19, `other` G8), the one form inside.
 * @example
 * ```ts
 * RELATIONSHIP_NAMES.self // '18'
 * ```
 */
export const RELATIONSHIP_NAMES = Object.freeze({
  self: '18',
  spouse: '01',
  child: '19',
  other: 'G8',
} as const);

/** The names of {@link RELATIONSHIP_NAMES}, in order. */
export const RELATIONSHIP_NAME_LIST = ['self', 'spouse', 'child', 'other'] as const;

/** `YYYY-MM-DD` as written; {@link NOT_A_CALENDAR_DATE} is the check that the day exists. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A money amount: up to 9 integer digits and 2 decimals, as a string. */
export const MONEY_PATTERN = /^\d{1,9}(\.\d{1,2})?$/;
export const MONEY_EXPECTED = 'expected a decimal string such as "150.00"';

/** An NPI is 10 digits whose last is a Luhn check digit (CMS NPI standard). */
export const NPI_PATTERN = /^\d{10}$/;
export const NPI_EXPECTED = 'expected a 10-digit NPI';
export const NPI_CHECK_DIGIT_MISMATCH = 'NPI check digit does not match';

/** Claim frequency type code (837P CLM05-3): 1 original, 7 replacement, 8 void. */
export const FREQUENCY_PATTERN = /^[178]$/;
export const FREQUENCY_EXPECTED = 'expected "1", "7" or "8" (claim frequency type code)';

/**
 * What the line rules say, worded as what the field must be (`parse.ts` reads them as
 * "<field> must be …"): one date or a span on each line.
 */
export const LINE_DATE_RULES = {
  dateNeeded: 'given: a line needs a serviceDate, or a serviceDateFrom with an optional serviceDateTo',
  spanBesideDate: 'absent when serviceDate is given (one date or a span, not both)',
  endBesideDate: 'absent when serviceDate is given (the end of a span starting at serviceDateFrom)',
  endBeforeStart: (from: string) => `on or after serviceDateFrom (${from})`,
} as const;

/**
 * The fields each object of the claim JSON may hold, in the schema's order: the claims schemas
 * are strict objects, so any other key is refused. The X12 writer's clean-claim lane reads these
 * (`x12/clean-claim.ts`); a test holds them to the zod schemas' shapes.
 */
export const CLAIM_FIELDS = {
  claim: [
    'claimId',
    'patient',
    'placeOfService',
    'frequencyCode',
    'payerClaimControlNumber',
    'diagnoses',
    'lines',
    'subscriber',
    'payer',
    'billingProvider',
    'renderingProvider',
    'admissionDate',
    'dischargeDate',
  ],
  patient: ['birthDate', 'sex', 'firstName', 'lastName', 'address'],
  address: ['line1', 'line2', 'city', 'state', 'postalCode'],
  diagnosis: ['code', 'poa'],
  line: [
    'procedure',
    'modifiers',
    'units',
    'unitBasis',
    'charge',
    'serviceDate',
    'serviceDateFrom',
    'serviceDateTo',
    'diagnosisPointers',
    'placeOfService',
    'ndc',
    'renderingProvider',
  ],
  provider: ['npi', 'taxonomy', 'taxId', 'name', 'firstName', 'address'],
  subscriber: [
    'memberId',
    'firstName',
    'lastName',
    'birthDate',
    'sex',
    'address',
    'groupNumber',
    'relationship',
  ],
  payer: ['name', 'id', 'claimFilingIndicator'],
} as const;
