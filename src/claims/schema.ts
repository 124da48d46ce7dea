/**
 * The claim JSON that `validateClaim`, `medcode validate` and `examples/` share, as zod schemas.
 * The schema checks shape and types only; counting limits (12 diagnoses, 50 lines, 4 pointers…) and
 * code validity are edits reported by `medcode/rules`, so that a claim that breaks them still parses
 * and each problem is reported at its own path.
 *
 * @module
 */
import { z } from 'zod';
import { toIsoDate } from '../core/dates';
import { isValidNpi } from './npi';
import { NOT_A_CALENDAR_DATE, NOT_A_DATE_FORMAT } from './internal';
import {
  DATE_PATTERN,
  FREQUENCY_EXPECTED,
  FREQUENCY_PATTERN,
  LINE_DATE_RULES,
  MONEY_EXPECTED,
  MONEY_PATTERN,
  NPI_CHECK_DIGIT_MISMATCH,
  NPI_EXPECTED,
  NPI_PATTERN,
  POA_INDICATORS,
  RELATIONSHIP_NAMES,
  RELATIONSHIP_NAME_LIST,
  SEX_CODES,
  UNIT_BASIS_CODES,
  X12_RELATIONSHIP_CODES,
} from './claim-values';

export { RELATIONSHIP_NAMES } from './claim-values';

/** `YYYY-MM-DD`, and a real calendar day. */
export const IsoDateSchema = z
  .string()
  .regex(DATE_PATTERN, NOT_A_DATE_FORMAT)
  .refine((s) => toIsoDate(s) !== undefined, NOT_A_CALENDAR_DATE);

/**
 * A money amount as an exact decimal string (no floats): up to 2 decimals, non-negative, at most
 * 9 integer digits (999,999,999.99). The 837P allows more (CLM02/SV102 are X12 R 1–18,
 * 005010X222A1 loops 2300 CLM02 and 2400 SV102); 9 digits is medcode's claim limit so that the writers' total of
 * 50 lines (loop 2400 repeat 50) stays exact in integer cents below 2^53 and fits CLM02 and
 * CMS-1500 item 28. `parseMoney` is general arithmetic (bigint, up to 15 digits) and is not this
 * claim rule.
 */
export const MoneySchema = z.string().regex(MONEY_PATTERN, MONEY_EXPECTED);

/** A postal address (837P N3/N4, CMS-1500 items 5, 7, 32, 33). */
export const AddressSchema = z.strictObject({
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
});

/**
 * Present-on-admission indicator values: Y present, N not present, U documentation insufficient,
 * W clinically undetermined, 1 exempt (4010A convention; in 5010 the exempt case is reported
 * blank, here ''). Source: the HL7 THO code system
 * cs-presentOnAdmission (CMS Hospital-Acquired Conditions POA coding). POA is reported on
 * institutional claims; the 837P writer drops it with a warning.
 */
export const PoaIndicatorSchema = z.enum(POA_INDICATORS);

/** One diagnosis, in pointer order. */
export const ClaimDiagnosisSchema = z.strictObject({
  code: z.string(),
  poa: PoaIndicatorSchema.optional(),
});

/** Patient demographics used by age and sex edits. */
export const PatientSchema = z.strictObject({
  birthDate: IsoDateSchema,
  sex: z.enum(SEX_CODES),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  address: AddressSchema.optional(),
});

/** One service line. `serviceDate` or `serviceDateFrom` (with optional `serviceDateTo`) is required. */
export const ClaimLineSchema = z
  .strictObject({
    procedure: z.string(),
    modifiers: z.array(z.string()).optional(),
    units: z.number().finite(),
    unitBasis: z.enum(UNIT_BASIS_CODES).optional(),
    charge: MoneySchema,
    serviceDate: IsoDateSchema.optional(),
    serviceDateFrom: IsoDateSchema.optional(),
    serviceDateTo: IsoDateSchema.optional(),
    diagnosisPointers: z.array(z.number().int()).optional(),
    placeOfService: z.string().optional(),
    ndc: z.string().optional(),
    renderingProvider: z.lazy(() => ProviderSchema).optional(),
  })
  .superRefine((line, ctx) => {
    // Messages are worded as what the field must be, and `input` is the field's own value, so that
    // the issue reads "<field> must be …; got …" about that field (parse.ts maps them).
    if (line.serviceDate === undefined && line.serviceDateFrom === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceDate'],
        message: LINE_DATE_RULES.dateNeeded,
        input: undefined,
      });
    }
    if (line.serviceDate !== undefined && line.serviceDateFrom !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceDateFrom'],
        message: LINE_DATE_RULES.spanBesideDate,
        input: line.serviceDateFrom,
      });
    }
    // A span's end belongs to its start: beside a one-day serviceDate it would be dropped by every
    // writer (837P loop 2400 DTP*472 is one date, D8, or a range, RD8; never an end alone).
    if (line.serviceDate !== undefined && line.serviceDateTo !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceDateTo'],
        message: LINE_DATE_RULES.endBesideDate,
        input: line.serviceDateTo,
      });
    }
    if (
      line.serviceDateFrom !== undefined &&
      line.serviceDateTo !== undefined &&
      line.serviceDateTo < line.serviceDateFrom
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['serviceDateTo'],
        message: LINE_DATE_RULES.endBeforeStart(line.serviceDateFrom),
        input: line.serviceDateTo,
      });
    }
  });

/**
 * A National Provider Identifier: 10 digits whose last is the Luhn check digit over `80840` plus the
 * first 9 (CMS NPI check-digit standard; see `npi.ts`). Failing the check digit is reported as the
 * `npi_check_digit` issue by `parseClaim`.
 * @example
 * ```ts
 * NpiSchema.safeParse('1234567893').success // true
 * NpiSchema.safeParse('1234567890').success // false
 * ```
 */
export const NpiSchema = z
  .string()
  .regex(NPI_PATTERN, NPI_EXPECTED)
  .refine(isValidNpi, {
    message: NPI_CHECK_DIGIT_MISMATCH,
    params: { medcode: 'npi_check_digit' },
    abort: true,
  });

/**
 * Claim frequency type code (837P CLM05-3; CMS-1500 item 22 resubmission code): `1` original,
 * `7` replacement of a prior claim, `8` void/cancel of a prior claim
 * (005010X222A1 loop 2300 CLM05-3; NUCC 1500 Claim Form Reference Instruction Manual item 22).
 * Absent means `1`.
 * @example
 * ```ts
 * ClaimFrequencySchema.safeParse('7').success // true (replacement)
 * ```
 */
export const ClaimFrequencySchema = z.string().regex(FREQUENCY_PATTERN, FREQUENCY_EXPECTED);

/** A billing or rendering provider. */
export const ProviderSchema = z.strictObject({
  npi: NpiSchema,
  taxonomy: z.string().optional(),
  /**
   * The federal tax id (NUCC 1500 item 25: an EIN or an SSN). A billing provider's must be an EIN
   * (`820000001` or `82-0000001`), the only form the writers print; a rendering provider's, carried
   * by the FHIR Claim only, may also be an SSN, written `123-45-6789` (9 bare digits read as an EIN).
   */
  taxId: z.string().optional(),
  /** Organization name, or the person's last name. */
  name: z.string().optional(),
  firstName: z.string().optional(),
  address: AddressSchema.optional(),
});

/**
 * Patient's relationship to the subscriber (X12 data element 1069, Individual Relationship Code):
 * `18` self, `01` spouse, `19` child, `20` employee, `21` unknown, `39` organ donor,
 * `40` cadaver donor, `53` life partner, `G8` other relationship. These are the values the
 * 005010X222A1 TR3 allows: `18` in 2000B SBR02 (the subscriber is the patient) and the others in
 * 2000C PAT01 (005010X222A1 loop 2000B SBR02 and loop 2000C PAT01).
 */
export const X12RelationshipSchema = z.enum(X12_RELATIONSHIP_CODES);

/** The patient's relationship to the subscriber: an X12 code, or a readable name read as its X12 code. */
export const RelationshipSchema = z.union([
  X12RelationshipSchema,
  z.enum(RELATIONSHIP_NAME_LIST).transform((name) => RELATIONSHIP_NAMES[name]),
]);

/** The insured person (837P loop 2000B/2010BA). */
export const SubscriberSchema = z.strictObject({
  memberId: z.string(),
  firstName: z.string().optional(),
  lastName: z.string(),
  birthDate: IsoDateSchema.optional(),
  sex: z.enum(SEX_CODES).optional(),
  address: AddressSchema.optional(),
  groupNumber: z.string().optional(),
  /** The patient's relationship to this subscriber; `18` (self) when absent. */
  relationship: RelationshipSchema.optional(),
});

/** The payer (837P loop 2010BB). `claimFilingIndicator` is SBR09 (e.g. `MB` Medicare Part B, `CI` commercial). */
export const PayerSchema = z.strictObject({
  name: z.string(),
  id: z.string(),
  claimFilingIndicator: z.string().optional(),
});

/** The claim. */
export const ClaimSchema = z.strictObject({
  claimId: z.string().min(1),
  patient: PatientSchema,
  placeOfService: z.string(),
  frequencyCode: ClaimFrequencySchema.optional(),
  /**
   * The payer's claim control number of the claim this one replaces or voids (837P loop 2300
   * REF*F8 "Payer Claim Control Number"; CMS-1500 item 22 "Original Ref. No."). Required when
   * `frequencyCode` is `7` or `8`; every writer refuses such a claim without it.
   */
  payerClaimControlNumber: z.string().optional(),
  diagnoses: z.array(ClaimDiagnosisSchema),
  lines: z.array(ClaimLineSchema),
  subscriber: SubscriberSchema.optional(),
  payer: PayerSchema.optional(),
  billingProvider: ProviderSchema.optional(),
  renderingProvider: ProviderSchema.optional(),
  admissionDate: IsoDateSchema.optional(),
  dischargeDate: IsoDateSchema.optional(),
});

/**
 * A claim as medcode reads it: plain JSON data (money as decimal strings such as `'125.00'`), so
 * `JSON.stringify(claim)` always works and `parseClaim(JSON.parse(JSON.stringify(claim)))` gives
 * an equal claim.
 */
export type Claim = z.infer<typeof ClaimSchema>;
/**
 * A claim as a caller writes it in code, for the typed overload of `parseClaim`. The schema
 * transforms nothing, so it has the fields of {@link Claim}.
 * @example
 * ```ts
 * const input: ClaimInput = { claimId: 'PCN-1', patient: { birthDate: '1961-04-02', sex: 'F' }, placeOfService: '11', diagnoses: [{ code: 'I10' }], lines: [{ procedure: '99213', units: 1, charge: '95.00', serviceDate: '2026-05-01', diagnosisPointers: [1] }] }
 * parseClaim(input).ok // true
 * ```
 */
export type ClaimInput = z.input<typeof ClaimSchema>;
/** One claim line. */
export type ClaimLine = z.infer<typeof ClaimLineSchema>;
/** One claim diagnosis. */
export type ClaimDiagnosis = z.infer<typeof ClaimDiagnosisSchema>;
/** A provider. */
export type Provider = z.infer<typeof ProviderSchema>;
/** The subscriber. */
export type Subscriber = z.infer<typeof SubscriberSchema>;
/** The payer. */
export type Payer = z.infer<typeof PayerSchema>;
/** The patient. */
export type Patient = z.infer<typeof PatientSchema>;
/** A postal address. */
export type Address = z.infer<typeof AddressSchema>;
