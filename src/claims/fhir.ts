/**
 * FHIR R4 Claim output and input.
 *
 * Mapping (HL7 FHIR R4 Claim element definitions, http://hl7.org/fhir/R4/claim.html): diagnoses become
 * `Claim.diagnosis` with `sequence` = pointer position (item 21 A=1 … L=12) and POA in
 * `onAdmission`; each line becomes an `item` with `diagnosisSequence` (= SV107 pointers),
 * `productOrService` (CPT or HCPCS Level II coding), `modifier`, `quantity` (SV104),
 * `unitPrice` (= net / quantity), `net` (SV102), `servicedDate`/`servicedPeriod` (DTP*472 D8/RD8)
 * and `locationCodeableConcept` (place of service, SV105/CLM05-1); `total` is CLM02.
 * Code-system URIs are the THO canonical ones from `src/core/systems.ts`; both HCPCS URIs are
 * accepted on input (HL7 Terminology (THO) HCPCS Level II code system, whose canonical URI
 * changed from http to https).
 *
 * Elements that FHIR R4 Claim has no slot for (claim frequency, a claim-level place of service
 * that differs from the first item's) are carried in medcode extensions with canonical URLs
 * (`fhir-extensions.ts`, StructureDefinitions shipped in `fhir/`), and X12 relationship and claim
 * filing indicator codes as codings in X12's code systems (`https://codesystem.x12.org/005010/…`),
 * so that a round trip is lossless; a third-party resource without them still reads (the place of
 * service then comes from the first item). The `urn:medcode:` URIs earlier versions wrote are read.
 *
 * The references of a Claim are resolved in its `contained` resources, in a Bundle and through a
 * resolver callback (`fhir-references.ts`), so a Claim as a FHIR server stores it reads too.
 *
 * @module
 */
import {
  CPT_SYSTEM_URI,
  HCPCS_SYSTEM_URI,
  HCPCS_SYSTEM_URI_HTTPS,
  ICD10CM_SYSTEM_URI,
  POA_SYSTEM_URI,
  POS_SYSTEM_URI,
  X12_CLAIM_FILING_INDICATOR_SYSTEM_URI,
  X12_INDIVIDUAL_RELATIONSHIP_SYSTEM_URI,
} from '../core/systems';
import {
  FREQUENCY_EXTENSION_URL,
  LEGACY_FREQUENCY_EXTENSION_URL,
  LEGACY_PLACE_OF_SERVICE_EXTENSION_URL,
  PLACE_OF_SERVICE_EXTENSION_URL,
} from './fhir-extensions';
import { ReferenceResolver, containedScope } from './fhir-references';
import type { Located } from './fhir-references';
import { upperAscii } from '../core/code-shape';
import { toIsoDate } from '../core/dates';
import { createIssue } from '../core/issues';
import type { IssuePath, MedcodeIssue } from '../core/issues';
import type { Result } from '../core/result';
import { failure, success } from '../core/result';
import { divideMoney, formatMoney, multiplyMoney, parseMoney } from './money';
import { parseClaim } from './parse';
import { einDigits, prepareClaimForOutput } from './output-check';
import { toNdc11 } from './formats';
// For the {@link} reference in the documentation.
import type { checkClaimLimits } from './limits';
import {
  claimInvalidIssue,
  describeReceived,
  invalidOptionIssue,
  unreadable,
  withPathPrefix,
} from './internal';
import type { ParseClaimResult } from './parse';
import type { Address, Claim, ClaimLine, Patient, Provider, Subscriber } from './schema';
import type {
  FhirAddress,
  FhirAnyResource,
  FhirBundle,
  FhirClaim,
  FhirClaimCareTeam,
  FhirClaimItem,
  FhirCodeableConcept,
  FhirContainedResource,
  FhirCoverage,
  FhirExtension,
  FhirIdentifier,
  FhirMoney,
  FhirOrganization,
  FhirPatient,
  FhirPractitioner,
  FhirReference,
} from './fhir-types';

export type * from './fhir-types';
export {
  FREQUENCY_EXTENSION_URL,
  PLACE_OF_SERVICE_EXTENSION_URL,
  medcodeExtensionDefinitions,
} from './fhir-extensions';

/**
 * US NPI identifier system (HL7 THO NamingSystem us-npi).
 * @example
 * ```ts
 * fhir.contained?.find((r) => r.id === 'billing') // identifier: [{ system: NPI_SYSTEM_URI, value: '1234567893' }]
 * ```
 */
export const NPI_SYSTEM_URI = 'http://hl7.org/fhir/sid/us-npi';
/**
 * US Employer Identification Number OID (IRS), used for a provider's tax id when it is an EIN.
 * @example
 * ```ts
 * { system: EIN_SYSTEM_URI, value: '820000001' }
 * ```
 */
export const EIN_SYSTEM_URI = 'urn:oid:2.16.840.1.113883.4.4';
/**
 * US Social Security Number identifier system (HL7 THO NamingSystem us-ssn, OID
 * 2.16.840.1.113883.4.1), used for a rendering provider's tax id when it is an SSN
 * (`123-45-6789`), which NUCC item 25 allows as the federal tax id; written as its 9 digits.
 * @example
 * ```ts
 * { system: SSN_SYSTEM_URI, value: '123456789' }
 * ```
 */
export const SSN_SYSTEM_URI = 'http://hl7.org/fhir/sid/us-ssn';
/** HL7 v2 table 0203 (identifier type), whose `TAX` is "Tax ID number": a tax id neither an EIN nor an SSN. */
const IDENTIFIER_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';
/** An SSN as the claim model writes one, `NNN-NN-NNNN`: without the hyphens it is read as an EIN. */
const SSN_TEXT = /^(\d{3})-(\d{2})-(\d{4})$/;
/**
 * NUCC Health Care Provider Taxonomy (THO).
 * @example
 * ```ts
 * { coding: [{ system: NUCC_TAXONOMY_SYSTEM_URI, code: '207Q00000X' }] }
 * ```
 */
export const NUCC_TAXONOMY_SYSTEM_URI = 'http://nucc.org/provider-taxonomy';
/**
 * National Drug Code (THO).
 * @example
 * ```ts
 * item.detail?.[0]?.productOrService.coding // [{ system: NDC_SYSTEM_URI, code: '00409379301' }]
 * ```
 */
export const NDC_SYSTEM_URI = 'http://hl7.org/fhir/sid/ndc';
/**
 * Coding system of the X12 individual relationship code (837P SBR02) written beside the FHIR
 * subscriber-relationship code in `Coverage.relationship` (X12 code list of element 1069, as HL7
 * Da Vinci PAS writes it).
 * @example
 * ```ts
 * coverage.relationship?.coding // [{ system: …subscriber-relationship, code: 'spouse' }, { system: X12_RELATIONSHIP_SYSTEM, code: '01' }]
 * ```
 */
export const X12_RELATIONSHIP_SYSTEM = X12_INDIVIDUAL_RELATIONSHIP_SYSTEM_URI;
/**
 * Coding system of the X12 claim filing indicator code (837P SBR09) in `Coverage.type` (X12 code
 * list of element 1032).
 * @example
 * ```ts
 * coverage.type?.coding // [{ system: X12_FILING_INDICATOR_SYSTEM, code: 'MB' }]
 * ```
 */
export const X12_FILING_INDICATOR_SYSTEM = X12_CLAIM_FILING_INDICATOR_SYSTEM_URI;
/** The coding systems medcode wrote for these before it used X12's URIs: read (old data), never written. */
const LEGACY_X12_RELATIONSHIP_SYSTEM = 'urn:medcode:x12:individual-relationship-code';
const LEGACY_X12_FILING_INDICATOR_SYSTEM = 'urn:medcode:x12:claim-filing-indicator-code';

const CLAIM_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/claim-type';
const PRIORITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/processpriority';
const DIAGNOSIS_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype';
const CARE_TEAM_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/claimcareteamrole';
const INFO_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/claiminformationcategory';
const RELATED_CLAIM_SYSTEM = 'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship';
const SUBSCRIBER_RELATIONSHIP_SYSTEM = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';
const COVERAGE_CLASS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/coverage-class';
const UCUM = 'http://unitsofmeasure.org';

/**
 * Options for {@link toFhirClaim}.
 * @example
 * ```ts
 * toFhirClaim(claim, { created: '2026-05-02', hcpcsSystem: 'https' } satisfies ToFhirOptions)
 * ```
 */
export interface ToFhirOptions {
  /**
   * `Claim.created` (required by R4), an R4 dateTime (`2026-05-02`, `2026-05-02T10:30:00Z`); any
   * other value is an `invalid_option` issue. Default: the latest service date on the claim, so
   * output is deterministic.
   */
  readonly created?: string;
  /** `Claim.id`, an R4 id (1–64 letters, digits, `-`, `.`); any other value is an `invalid_option` issue. Default: none. */
  readonly id?: string;
  /** Which HCPCS Level II URI to emit (THO changed it from http to https). Default `http` (THO 1.0.2); any other value is an `invalid_option` issue. */
  readonly hcpcsSystem?: 'http' | 'https';
}

/**
 * X12 individual relationship code (element 1069; 837P SBR02/PAT01, see RelationshipSchema) → FHIR
 * R4 Coverage.relationship code from http://terminology.hl7.org/CodeSystem/subscriber-relationship
 * (child, parent, spouse, common, other, self, injured). 18 self, 01 spouse and 19 child map
 * one-to-one; 53 life partner → `common` ("common law spouse or equivalent" in that code system);
 * employee, unknown, organ/cadaver donor and other have no FHIR counterpart → `other`. The mapping
 * is lossy, so the X12 code is always written beside it (X12_RELATIONSHIP_SYSTEM) and read first.
 */
const RELATIONSHIP_TO_FHIR: ReadonlyMap<string, string> = new Map([
  ['18', 'self'],
  ['01', 'spouse'],
  ['19', 'child'],
  ['53', 'common'],
  ['20', 'other'],
  ['21', 'other'],
  ['39', 'other'],
  ['40', 'other'],
  ['G8', 'other'],
]);
const SEX_TO_GENDER: ReadonlyMap<string, 'female' | 'male' | 'unknown'> = new Map([
  ['F', 'female'],
  ['M', 'male'],
  ['U', 'unknown'],
]);
const GENDER_TO_SEX: ReadonlyMap<string, 'F' | 'M' | 'U'> = new Map([
  ['female', 'F'],
  ['male', 'M'],
  ['unknown', 'U'],
  ['other', 'U'],
]);

/**
 * Whether a procedure code is HCPCS Level II (a letter then 4 digits) rather than CPT (5 digits,
 * or 4 digits then F/T for Category II/III). Source: CMS HCPCS Level II code structure; AMA CPT
 * Category II and III code formats.
 */
function isHcpcsLevel2(code: string): boolean {
  return /^[A-Za-z]/.test(code);
}

/**
 * A code as its code system publishes it: trimmed and upper case. The ICD-10-CM, CPT and HCPCS
 * code systems are case-sensitive in FHIR (HL7 Terminology, CodeSystem icd10CM: caseSensitive),
 * and their codes are upper case; `e119` would name no code. Dots are kept as the claim has them.
 */
function codeAsPublished(code: string): string {
  return upperAscii(code.trim());
}

/**
 * CPT modifiers: two digits, the anesthesia physical status modifiers P1–P6 and the Category II
 * modifiers 1P, 2P, 3P and 8P (AMA CPT, Appendix A); HCPCS Level II modifiers are the other ones
 * with a letter (CMS HCPCS Level II modifiers).
 */
function isCptModifier(code: string): boolean {
  return /^(?:\d{2}|P[1-6]|[1238]P)$/i.test(code.trim());
}

function money(text: string): FhirMoney {
  return { value: Number(text), currency: 'USD' };
}

/**
 * A claim address as the `address` list of a resource, or `undefined` when it has no part to
 * write. Empty parts are left out (R4 has no empty strings); the reader reads an absent required
 * part of a present address back as ''. An address of empty parts only would be `{}`, which R4
 * forbids (json.html: "JSON objects and arrays are never empty"; ele-1: every element has a value
 * or children), so the resource has no address, and it reads back as none.
 */
function addressList(a: Address | undefined): FhirAddress[] | undefined {
  if (a === undefined) return undefined;
  const line = [nonEmpty(a.line1), nonEmpty(a.line2)].filter((l): l is string => l !== undefined);
  const out: FhirAddress = {
    ...(line.length > 0 ? { line } : {}),
    ...optional('city', nonEmpty(a.city)),
    ...optional('state', nonEmpty(a.state)),
    ...optional('postalCode', nonEmpty(a.postalCode)),
  };
  return Object.keys(out).length > 0 ? [out] : undefined;
}

/** A HumanName list; an empty family or given name is left out, as R4 has no empty strings. */
function humanName(family: string | undefined, given: string | undefined): FhirPatient['name'] {
  const last = nonEmpty(family);
  const first = nonEmpty(given);
  if (last === undefined && first === undefined) return undefined;
  return [{ ...optional('family', last), ...(first !== undefined ? { given: [first] } : {}) }];
}

function providerResource(id: string, p: Provider): FhirPractitioner | FhirOrganization {
  const identifier: FhirIdentifier[] = [{ system: NPI_SYSTEM_URI, value: p.npi }];
  const taxId = nonEmpty(p.taxId);
  if (taxId !== undefined) identifier.push(taxIdentifier(taxId));
  // An empty taxonomy is no code: a Coding with `"code": ""` is not R4 (json.html: string values
  // are never empty), so the qualification or type is left out.
  const taxonomyCode = nonEmpty(p.taxonomy);
  const taxonomy: FhirCodeableConcept | undefined =
    taxonomyCode !== undefined
      ? { coding: [{ system: NUCC_TAXONOMY_SYSTEM_URI, code: taxonomyCode }] }
      : undefined;
  // A provider with a first name is a person (837P NM102 = 1); otherwise an organization (NM102 = 2),
  // also with an empty first name, as the 837P writer decides it.
  if (nonEmpty(p.firstName) !== undefined) {
    return {
      resourceType: 'Practitioner',
      id,
      identifier,
      ...optional('name', humanName(p.name, p.firstName)),
      ...optional('address', addressList(p.address)),
      ...(taxonomy !== undefined ? { qualification: [{ code: taxonomy }] } : {}),
    };
  }
  return {
    resourceType: 'Organization',
    id,
    identifier,
    ...(taxonomy !== undefined ? { type: [taxonomy] } : {}),
    ...optional('name', nonEmpty(p.name)),
    ...optional('address', addressList(p.address)),
  };
}

/**
 * A provider's tax id as the Identifier of what it is. NUCC item 25 (federal tax id) is an EIN or
 * an SSN: an EIN is written as its 9 digits under the IRS EIN OID, as 837P REF*EI and CMS-1500
 * item 25 print it (einDigits; the output check has refused a billing provider tax id that is
 * not one); an SSN (`123-45-6789`) as its 9 digits under us-ssn, never under the EIN OID, which
 * would name another number. A rendering provider's tax id, which no other format carries, that
 * is neither is kept as given, typed only as a tax id (v2-0203 `TAX`) with no system it is not in.
 */
function taxIdentifier(taxId: string): FhirIdentifier {
  const ein = einDigits(taxId);
  if (ein !== undefined) return { system: EIN_SYSTEM_URI, value: ein };
  const ssn = SSN_TEXT.exec(taxId);
  if (ssn) return { system: SSN_SYSTEM_URI, value: `${ssn[1]}${ssn[2]}${ssn[3]}` };
  return { type: { coding: [{ system: IDENTIFIER_TYPE_SYSTEM, code: 'TAX' }] }, value: taxId };
}

/**
 * The tax id of a provider's identifiers, as the claim model holds it: the EIN's value; an SSN as
 * `NNN-NN-NNNN` (9 bare digits would read as an EIN); else the value of a `TAX`-typed identifier.
 */
function readTaxId(identifiers: readonly Json[]): unknown {
  const ein = identifiers.find((i) => i.system === EIN_SYSTEM_URI);
  if (ein !== undefined) return ein.value;
  const ssn = identifiers.find((i) => i.system === SSN_SYSTEM_URI);
  if (ssn !== undefined)
    return typeof ssn.value === 'string' && /^\d{9}$/.test(ssn.value)
      ? `${ssn.value.slice(0, 3)}-${ssn.value.slice(3, 5)}-${ssn.value.slice(5)}`
      : ssn.value;
  return identifiers.find((i) => codingOf(i.type, [IDENTIFIER_TYPE_SYSTEM]) === 'TAX')?.value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * A claim string as a FHIR value: `undefined` for `''` or white space only. R4 JSON
 * (json.html#primitive): "string property values can never be empty"; R4 datatypes.html#string:
 * a string of white space only "could be trimmed to nothing, which would be treated as an
 * invalid element value", so strings "SHOULD always contain non-whitespace content" (and a
 * `code` has none to begin or end it). The element is left out instead, as the 837P writer leaves
 * out an element of spaces (the claim model's `''` means "not given", e.g. the blank POA of an
 * exempt diagnosis).
 */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || isWhiteSpaceOnly(value) ? undefined : value;
}

/** `''`, or a string of white space only: no value for R4 (see {@link nonEmpty}). */
function isWhiteSpaceOnly(value: string): boolean {
  return value.trim() === '';
}

function patientResource(
  id: string,
  p: {
    birthDate?: string | undefined;
    sex?: string | undefined;
    firstName?: string | undefined;
    lastName?: string | undefined;
    address?: Address | undefined;
  },
): FhirPatient {
  const gender = p.sex !== undefined ? SEX_TO_GENDER.get(p.sex) : undefined;
  return {
    resourceType: 'Patient',
    id,
    ...optional('name', humanName(p.lastName, p.firstName)),
    ...optional('gender', gender),
    ...optional('birthDate', p.birthDate),
    ...optional('address', addressList(p.address)),
  };
}

function lineDates(line: ClaimLine): { from: string; to: string } | undefined {
  const from = line.serviceDate ?? line.serviceDateFrom;
  if (from === undefined) return undefined;
  return { from, to: line.serviceDate ?? line.serviceDateTo ?? from };
}

/**
 * The outcome of {@link toFhirClaim}: the R4 `Claim` resource, or every reason the claim cannot be
 * written (the same checks as the X12 writer).
 * @example
 * ```ts
 * const r: FhirClaimResult = toFhirClaim(claim)
 * if (r.ok) send(r.value); else report(r.issues)
 * ```
 */
export type FhirClaimResult = Result<FhirClaim>;

/**
 * Writes a claim as a FHIR R4 `Claim` resource (professional, `use: claim`), with the patient,
 * providers, coverage and payer as contained resources. Pure and deterministic; never throws, for
 * any input. A claim no claim format can carry (over the count limits of {@link checkClaimLimits},
 * a pointer that does not point at a diagnosis, units that are not a positive ≤10.3-digit number,
 * an NDC not convertible to 11 digits, a malformed code) is refused with issues at the claim path,
 * exactly as `toX12837P` refuses it, so that {@link fromFhirClaim} reads back everything written.
 * The NDC is written in its 11-digit form, as the 837P writes it.
 *
 * @example
 * ```ts
 * const r = toFhirClaim(parsed.value)
 * if (r.ok) {
 *   r.value.item?.[0]?.productOrService.coding?.[0] // { system: 'http://www.ama-assn.org/go/cpt', code: '99214' }
 *   r.value.total // { value: 150, currency: 'USD' }
 * }
 * ```
 */
export function toFhirClaim(claim: Claim, options: ToFhirOptions = {}): FhirClaimResult {
  const prepared = prepareClaimForOutput(claim);
  if (!prepared.ok) return prepared;
  const opts: ToFhirOptions = options !== null && typeof options === 'object' ? options : {};
  const optionIssues = checkToFhirOptions(opts);
  // The claim id is Claim.identifier.value, a string that needs non-whitespace content (R4
  // datatypes.html#string); the 837P refuses it alike (CLM01 required, X12.6: spaces are empty).
  if (isWhiteSpaceOnly(prepared.value.claimId))
    optionIssues.unshift(
      claimInvalidIssue(
        ['claimId'],
        'the patient control number, not only white space',
        prepared.value.claimId,
      ),
    );
  if (optionIssues.length > 0) return Object.freeze(failure(Object.freeze(optionIssues)));
  return Object.freeze(success(writeFhirClaim(prepared.value, opts)));
}

/**
 * The options as R4 types them, so the writer never writes what its own reader refuses:
 * `Claim.created` is a dateTime (R4 datatypes.html#dateTime), `Claim.id` an id
 * (R4 datatypes.html#id: `[A-Za-z0-9\-\.]{1,64}`).
 */
function checkToFhirOptions(options: ToFhirOptions): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  const { created, id, hcpcsSystem } = options;
  if (created !== undefined && !isFhirDateTime(created))
    issues.push(
      invalidOptionIssue(
        ['created'],
        'created',
        'an R4 dateTime: YYYY, YYYY-MM, a real day YYYY-MM-DD, or that day with hh:mm:ss and a time zone (2026-05-02T10:30:00Z)',
      ),
    );
  if (id !== undefined && (typeof id !== 'string' || !FHIR_ID.test(id)))
    issues.push(invalidOptionIssue(['id'], 'id', 'a FHIR id: 1 to 64 letters, digits, "-" or "."'));
  if (hcpcsSystem !== undefined && hcpcsSystem !== 'http' && hcpcsSystem !== 'https')
    issues.push(invalidOptionIssue(['hcpcsSystem'], 'hcpcsSystem', "'http' or 'https'"));
  return issues;
}

function writeFhirClaim(claim: Claim, options: ToFhirOptions): FhirClaim {
  const hcpcsUri = options.hcpcsSystem === 'https' ? HCPCS_SYSTEM_URI_HTTPS : HCPCS_SYSTEM_URI;
  const contained: FhirContainedResource[] = [patientResource('patient', claim.patient)];
  if (claim.billingProvider) contained.push(providerResource('billing', claim.billingProvider));

  const careTeam: FhirClaimCareTeam[] = [];
  if (claim.renderingProvider) {
    contained.push(providerResource('rendering', claim.renderingProvider));
    careTeam.push({
      sequence: 1,
      provider: { reference: '#rendering' },
      responsible: true,
      role: { coding: [{ system: CARE_TEAM_ROLE_SYSTEM, code: 'primary' }] },
    });
  }

  let coverage: FhirReference = { display: 'coverage not specified' };
  if (claim.subscriber || claim.payer) {
    contained.push(coverageResource(claim.subscriber, claim.payer, contained));
    coverage = { reference: '#coverage' };
  }

  // The place of service is written on every item (Claim.item.locationCodeableConcept, the R4
  // element); the claim-level code (837P CLM05-1) needs the extension only when the first item
  // says otherwise, since a reader takes the first item's code as the claim's.
  const extension: FhirExtension[] = [];
  const firstLinePos = claim.lines[0]?.placeOfService ?? claim.placeOfService;
  if (firstLinePos !== claim.placeOfService)
    extension.push({
      url: PLACE_OF_SERVICE_EXTENSION_URL,
      valueCoding: { system: POS_SYSTEM_URI, code: claim.placeOfService },
    });
  if (claim.frequencyCode !== undefined)
    extension.push({ url: FREQUENCY_EXTENSION_URL, valueCode: claim.frequencyCode });

  let minDate: string | undefined;
  let maxDate: string | undefined;
  let total = 0n;
  let totalValid = true;
  const items: FhirClaimItem[] = claim.lines.map((line, i) => {
    const dates = lineDates(line);
    if (dates) {
      if (minDate === undefined || dates.from < minDate) minDate = dates.from;
      if (maxDate === undefined || dates.to > maxDate) maxDate = dates.to;
    }
    const cents = parseMoney(line.charge);
    if (cents === undefined) totalValid = false;
    else total += cents;
    let careTeamSequence: number[] | undefined;
    if (line.renderingProvider) {
      const id = `rendering-${i + 1}`;
      contained.push(providerResource(id, line.renderingProvider));
      const sequence = careTeam.length + 1;
      careTeam.push({
        sequence,
        provider: { reference: `#${id}` },
        responsible: false,
        role: { coding: [{ system: CARE_TEAM_ROLE_SYSTEM, code: 'primary' }] },
      });
      careTeamSequence = [sequence];
    } else if (claim.renderingProvider) {
      careTeamSequence = [1];
    }
    const unitPrice = cents !== undefined ? divideMoney(cents, line.units) : undefined;
    const item: FhirClaimItem = {
      sequence: i + 1,
      ...optional('careTeamSequence', careTeamSequence),
      ...(line.diagnosisPointers && line.diagnosisPointers.length > 0
        ? { diagnosisSequence: [...line.diagnosisPointers] }
        : {}),
      productOrService: {
        coding: [
          {
            system: isHcpcsLevel2(line.procedure) ? hcpcsUri : CPT_SYSTEM_URI,
            code: codeAsPublished(line.procedure),
          },
        ],
      },
      ...(line.modifiers && line.modifiers.length > 0
        ? {
            modifier: line.modifiers.map((m) => ({
              coding: [{ system: isCptModifier(m) ? CPT_SYSTEM_URI : hcpcsUri, code: codeAsPublished(m) }],
            })),
          }
        : {}),
      ...(line.serviceDate !== undefined
        ? { servicedDate: line.serviceDate }
        : line.serviceDateFrom !== undefined
          ? { servicedPeriod: { start: line.serviceDateFrom, ...optional('end', line.serviceDateTo) } }
          : {}),
      locationCodeableConcept: {
        coding: [{ system: POS_SYSTEM_URI, code: line.placeOfService ?? claim.placeOfService }],
      },
      quantity:
        line.unitBasis === 'MJ'
          ? { value: line.units, unit: 'minutes', system: UCUM, code: 'min' }
          : { value: line.units },
      // unitPrice = net / quantity, rounded to the cent when it does not divide (R4: net = quantity × unitPrice × factor).
      ...(unitPrice !== undefined ? { unitPrice: money(formatMoney(unitPrice.cents)) } : {}),
      net: money(line.charge),
      // The NDC in its 11-digit 5-4-2 form, as the 837P LIN03 carries it, so both outputs read back alike.
      ...(line.ndc !== undefined
        ? {
            detail: [
              {
                sequence: 1,
                productOrService: {
                  coding: [{ system: NDC_SYSTEM_URI, code: toNdc11(line.ndc) ?? line.ndc }],
                },
              },
            ],
          }
        : {}),
    };
    return item;
  });

  // A discharge date alone is kept (a Period may have only its end, FHIR R4 Period); the shared
  // output check has refused a discharge before the admission.
  const supportingInfo =
    claim.admissionDate !== undefined || claim.dischargeDate !== undefined
      ? [
          {
            sequence: 1,
            category: { coding: [{ system: INFO_CATEGORY_SYSTEM, code: 'hospitalized' }] },
            timingPeriod: {
              ...optional('start', claim.admissionDate),
              ...optional('end', claim.dischargeDate),
            },
          },
        ]
      : undefined;

  const created =
    options.created ?? maxDate ?? claim.dischargeDate ?? claim.admissionDate ?? claim.patient.birthDate;
  return {
    resourceType: 'Claim',
    ...optional('id', options.id),
    contained,
    ...(extension.length > 0 ? { extension } : {}),
    identifier: [{ value: claim.claimId }],
    status: 'active',
    type: { coding: [{ system: CLAIM_TYPE_SYSTEM, code: 'professional' }] },
    use: 'claim',
    patient: { reference: '#patient' },
    ...(minDate !== undefined && maxDate !== undefined
      ? { billablePeriod: { start: minDate, end: maxDate } }
      : {}),
    created,
    provider: claim.billingProvider
      ? { reference: '#billing' }
      : { display: 'billing provider not specified' },
    priority: { coding: [{ system: PRIORITY_SYSTEM, code: 'normal' }] },
    ...(careTeam.length > 0 ? { careTeam } : {}),
    ...optional('supportingInfo', supportingInfo),
    ...(claim.diagnoses.length > 0
      ? {
          diagnosis: claim.diagnoses.map((d, i) => ({
            sequence: i + 1,
            diagnosisCodeableConcept: {
              coding: [{ system: ICD10CM_SYSTEM_URI, code: codeAsPublished(d.code) }],
            },
            ...(i === 0
              ? { type: [{ coding: [{ system: DIAGNOSIS_TYPE_SYSTEM, code: 'principal' }] }] }
              : {}),
            // The blank POA ('' in the claim model: exempt, reported blank in 5010) has no code in
            // the POA code system and an empty code is not R4: onAdmission is left out, which the
            // reader reads as no POA, the same to every check (an exempt code needs none).
            ...(nonEmpty(d.poa) !== undefined
              ? { onAdmission: { coding: [{ system: POA_SYSTEM_URI, code: d.poa! }] } }
              : {}),
          })),
        }
      : {}),
    insurance: [{ sequence: 1, focal: true, coverage }],
    // Claim.related: the prior claim a replacement or void refers to, by the payer's claim control
    // number (FHIR R4 Claim.related.reference; relationship "prior" from the HL7 CodeSystem
    // ex-relatedclaimrelationship; 837P 2300 REF*F8).
    ...(nonEmpty(claim.payerClaimControlNumber) !== undefined
      ? {
          related: [
            {
              relationship: { coding: [{ system: RELATED_CLAIM_SYSTEM, code: 'prior' }] },
              reference: { value: claim.payerClaimControlNumber! },
            },
          ],
        }
      : {}),
    ...(items.length > 0 ? { item: items } : {}),
    ...(totalValid ? { total: money(formatMoney(total)) } : {}),
  };
}

function coverageResource(
  subscriber: Subscriber | undefined,
  payer: Claim['payer'],
  contained: FhirContainedResource[],
): FhirCoverage {
  let payor: FhirReference = { display: 'payer not specified' };
  if (payer) {
    const payerId = nonEmpty(payer.id);
    contained.push({
      resourceType: 'Organization',
      id: 'payer',
      ...(payerId === undefined ? {} : { identifier: [{ value: payerId }] }),
      ...optional('name', nonEmpty(payer.name)),
    });
    payor = { reference: '#payer' };
  }
  let subscriberRef: FhirReference | undefined;
  if (subscriber) {
    contained.push(patientResource('subscriber', subscriber));
    subscriberRef = { reference: '#subscriber' };
  }
  const relationship = subscriber?.relationship;
  // An empty claim filing indicator is no code: Coverage.type is left out rather than written
  // with `"code": ""` (R4 json.html: string values are never empty).
  const filing = nonEmpty(payer?.claimFilingIndicator);
  return {
    resourceType: 'Coverage',
    id: 'coverage',
    status: 'active',
    ...(filing !== undefined
      ? { type: { coding: [{ system: X12_FILING_INDICATOR_SYSTEM, code: filing }] } }
      : {}),
    ...optional('subscriber', subscriberRef),
    ...optional('subscriberId', nonEmpty(subscriber?.memberId)),
    beneficiary: { reference: '#patient' },
    ...(relationship !== undefined
      ? {
          relationship: {
            coding: [
              {
                system: SUBSCRIBER_RELATIONSHIP_SYSTEM,
                code: RELATIONSHIP_TO_FHIR.get(relationship) ?? 'other',
              },
              { system: X12_RELATIONSHIP_SYSTEM, code: relationship },
            ],
          },
        }
      : {}),
    payor: [payor],
    ...(nonEmpty(subscriber?.groupNumber) !== undefined
      ? {
          class: [
            {
              type: { coding: [{ system: COVERAGE_CLASS_SYSTEM, code: 'group' }] },
              value: subscriber!.groupNumber!,
            },
          ],
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Structural validation against the R4 Claim definition
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** Element names of R4 Claim, Claim.item and Claim.diagnosis (http://hl7.org/fhir/R4/claim.html). */
const BACKBONE = ['id', 'extension', 'modifierExtension'];
const CLAIM_ELEMENTS = new Set([
  'resourceType',
  'id',
  'meta',
  'implicitRules',
  'language',
  'text',
  'contained',
  'extension',
  'modifierExtension',
  'identifier',
  'status',
  'type',
  'subType',
  'use',
  'patient',
  'billablePeriod',
  'created',
  'enterer',
  'insurer',
  'provider',
  'priority',
  'fundsReserve',
  'related',
  'prescription',
  'originalPrescription',
  'payee',
  'referral',
  'facility',
  'careTeam',
  'supportingInfo',
  'diagnosis',
  'procedure',
  'insurance',
  'accident',
  'item',
  'total',
]);
const ITEM_ELEMENTS = new Set([
  ...BACKBONE,
  'sequence',
  'careTeamSequence',
  'diagnosisSequence',
  'procedureSequence',
  'informationSequence',
  'revenue',
  'category',
  'productOrService',
  'modifier',
  'programCode',
  'servicedDate',
  'servicedPeriod',
  'locationCodeableConcept',
  'locationAddress',
  'locationReference',
  'quantity',
  'unitPrice',
  'factor',
  'net',
  'udi',
  'bodySite',
  'subSite',
  'encounter',
  'detail',
]);
const DIAGNOSIS_ELEMENTS = new Set([
  ...BACKBONE,
  'sequence',
  'diagnosisCodeableConcept',
  'diagnosisReference',
  'type',
  'onAdmission',
  'packageCode',
]);

/** R4 id (http://hl7.org/fhir/R4/datatypes.html#id). */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/**
 * The R4 date and dateTime grammars, as published (http://hl7.org/fhir/R4/datatypes.html#date,
 * #dateTime): a year 0001–9999, then optionally month 01–12 and day 01–31; a dateTime's time is
 * hours 00–23, minutes and seconds ("Seconds must be provided due to schema type constraints"),
 * optional fractions, and a time zone ("If hours and minutes are specified, a time zone SHALL be
 * populated"). The grammar lets a day 31 follow any month: {@link isFhirDateTime} checks the
 * calendar.
 */
const R4_YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const R4_MONTH_DAY = '(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])';
const FHIR_DATE = new RegExp(`^${R4_YEAR}${R4_MONTH_DAY})?)?$`);
const FHIR_DATETIME = new RegExp(
  `^${R4_YEAR}${R4_MONTH_DAY}(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$`,
);

/**
 * Whether a value is an R4 dateTime (or, with `dateOnly`, an R4 date): the published grammar, and
 * a full date a real calendar day (R4 datatypes.html: "dates SHALL be valid dates"; `2026-02-30`
 * is none), checked with the claim model's own date rule (`toIsoDate`).
 */
function isFhirDateTime(value: unknown, dateOnly = false): value is string {
  if (typeof value !== 'string' || !(dateOnly ? FHIR_DATE : FHIR_DATETIME).test(value)) return false;
  return value.length < 10 || toIsoDate(value.slice(0, 10)) !== undefined;
}

/**
 * Checks a value against the FHIR R4 Claim structure: no unknown elements on the Claim, its items
 * and diagnoses; required elements and their types
 * (`status`, `type`, `use`, `patient`, `created`, `provider`, `priority`, `insurance` 1..*),
 * value sets of the required codes, positive-int sequences that are unique, `item.diagnosisSequence`
 * and `item.careTeamSequence` pointing at existing entries, `productOrService` 1..1, the
 * `serviced[x]` and `location[x]` choices, Money and Quantity shapes, `#id` references that
 * resolve to a contained resource, and no empty string, object or array anywhere (R4 json.html).
 * Returns the resource, typed, when its structure is valid, or
 * every `claim_invalid` issue (paths into the resource). Never throws.
 *
 * @example
 * ```ts
 * const r = toFhirClaim(claim)
 * if (r.ok) validateFhirR4Claim(r.value).ok // true
 * const bad = validateFhirR4Claim({ resourceType: 'Claim' })
 * if (!bad.ok) bad.issues.map((i) => i.path.join('.')) // ['status', 'type', 'use', …]
 * ```
 */
export function validateFhirR4Claim(resource: unknown): Result<FhirClaim> {
  let issues: readonly MedcodeIssue[];
  try {
    issues = checkFhirR4Claim(resource);
  } catch {
    issues = Object.freeze([unreadable()]);
  }
  return issues.length > 0 ? Object.freeze(failure(issues)) : Object.freeze(success(resource as FhirClaim));
}

function checkFhirR4Claim(resource: unknown): readonly MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  const bad = (path: IssuePath, expected: string, received: unknown): void => {
    issues.push(
      createIssue({
        code: 'claim_invalid',
        severity: 'error',
        path,
        codes: [],
        expected,
        received: describeReceived(received),
      }),
    );
  };
  if (!isObject(resource)) {
    bad([], 'a FHIR R4 Claim resource object', resource);
    return Object.freeze(issues);
  }
  if (resource.resourceType !== 'Claim') bad(['resourceType'], '"Claim"', resource.resourceType);
  if (resource.id !== undefined && (typeof resource.id !== 'string' || !FHIR_ID.test(resource.id)))
    bad(['id'], 'a FHIR id (1 to 64 letters, digits, "-" or ".")', resource.id);
  // R4 JSON: unknown elements are errors; `_name` carries a primitive's id/extensions.
  const unknownElements = (path: IssuePath, o: Json, known: ReadonlySet<string>): void => {
    for (const key of Object.keys(o)) {
      const name = key.startsWith('_') ? key.slice(1) : key;
      if (!known.has(name)) bad([...path, key], 'an element of the R4 definition', key);
    }
  };
  unknownElements([], resource, CLAIM_ELEMENTS);
  const codeIn = (key: string, allowed: readonly string[]): void => {
    const v = resource[key];
    if (typeof v !== 'string' || !allowed.includes(v))
      bad([key], `one of ${allowed.map((a) => `"${a}"`).join(', ')}`, v);
  };
  codeIn('status', ['active', 'cancelled', 'draft', 'entered-in-error']);
  codeIn('use', ['claim', 'preauthorization', 'predetermination']);
  const concept = (path: IssuePath, v: unknown, required: boolean): void => {
    if (v === undefined) {
      if (required) bad(path, 'a CodeableConcept', v);
      return;
    }
    if (!isObject(v)) {
      bad(path, 'a CodeableConcept', v);
      return;
    }
    if (v.coding !== undefined) {
      if (!Array.isArray(v.coding)) {
        bad([...path, 'coding'], 'an array of Coding', v.coding);
        return;
      }
      v.coding.forEach((c: unknown, i: number) => {
        if (!isObject(c)) {
          bad([...path, 'coding', i], 'a Coding', c);
          return;
        }
        for (const k of ['system', 'code', 'display'] as const) {
          if (c[k] !== undefined && typeof c[k] !== 'string')
            bad([...path, 'coding', i, k], 'a string', c[k]);
        }
      });
    }
    if (v.text !== undefined && typeof v.text !== 'string') bad([...path, 'text'], 'a string', v.text);
  };
  // Every contained id is known before any reference is checked: R4 gives `contained` no order,
  // and a contained resource may refer to one listed after it (R4 references.html#contained).
  const containedIds = new Set<string>();
  const containedOk: Json[] = [];
  if (resource.contained !== undefined) {
    if (!Array.isArray(resource.contained)) bad(['contained'], 'an array of resources', resource.contained);
    else
      resource.contained.forEach((r: unknown, i: number) => {
        if (!isObject(r) || typeof r.resourceType !== 'string') {
          bad(['contained', i], 'a resource with resourceType', r);
          return;
        }
        // R4 datatypes.html#id, as Claim.id: a contained resource's id is what `#id` references name.
        if (typeof r.id !== 'string' || !FHIR_ID.test(r.id)) {
          bad(
            ['contained', i, 'id'],
            'an id of 1-64 letters, digits, "-" or "." (contained resources need one)',
            r.id,
          );
          return;
        }
        containedIds.add(r.id);
        containedOk[i] = r;
      });
    containedOk.forEach((r, i) => {
      if (r.resourceType === 'Coverage') {
        if (typeof r.status !== 'string') bad(['contained', i, 'status'], 'a Coverage status', r.status);
        reference(['contained', i, 'beneficiary'], r.beneficiary, true);
        if (!Array.isArray(r.payor) || r.payor.length === 0)
          bad(['contained', i, 'payor'], 'at least one payor Reference', r.payor);
        else
          r.payor.forEach((p: unknown, k: number) => {
            reference(['contained', i, 'payor', k], p, true);
          });
      }
    });
  }
  function reference(path: IssuePath, v: unknown, required: boolean): void {
    if (v === undefined) {
      if (required) bad(path, 'a Reference', v);
      return;
    }
    if (!isObject(v)) {
      bad(path, 'a Reference', v);
      return;
    }
    if (v.reference === undefined && v.identifier === undefined && v.display === undefined)
      bad(path, 'a Reference with reference, identifier or display', v);
    if (v.reference !== undefined) {
      if (typeof v.reference !== 'string') bad([...path, 'reference'], 'a string', v.reference);
      else if (v.reference.startsWith('#') && !containedIds.has(v.reference.slice(1)))
        bad([...path, 'reference'], 'a reference to a contained resource', v.reference);
    }
  }
  concept(['type'], resource.type, true);
  concept(['priority'], resource.priority, true);
  reference(['patient'], resource.patient, true);
  reference(['provider'], resource.provider, true);
  if (!isFhirDateTime(resource.created)) bad(['created'], 'a FHIR dateTime', resource.created);
  const money = (path: IssuePath, v: unknown): void => {
    if (v === undefined) return;
    if (!isObject(v)) {
      bad(path, 'a Money', v);
      return;
    }
    if (v.value !== undefined && (typeof v.value !== 'number' || !Number.isFinite(v.value)))
      bad([...path, 'value'], 'a decimal number', v.value);
    if (v.currency !== undefined && (typeof v.currency !== 'string' || !/^[A-Z]{3}$/.test(v.currency)))
      bad([...path, 'currency'], 'an ISO 4217 code', v.currency);
  };
  money(['total'], resource.total);
  let netSum: bigint | undefined = 0n;
  const sequences = (key: string): Set<number> => {
    const seen = new Set<number>();
    const list = resource[key];
    if (list === undefined) return seen;
    if (!Array.isArray(list)) {
      bad([key], 'an array', list);
      return seen;
    }
    list.forEach((entry: unknown, i: number) => {
      if (!isObject(entry)) {
        bad([key, i], 'an object', entry);
        return;
      }
      if (!isPositiveInt(entry.sequence)) bad([key, i, 'sequence'], 'a positive integer', entry.sequence);
      else if (seen.has(entry.sequence))
        bad([key, i, 'sequence'], 'a sequence not used before', entry.sequence);
      else seen.add(entry.sequence);
    });
    return seen;
  };
  const diagnosisSeqs = sequences('diagnosis');
  const careTeamSeqs = sequences('careTeam');
  sequences('supportingInfo');
  const insuranceSeqs = sequences('insurance');
  sequences('item');
  if (!Array.isArray(resource.insurance) || insuranceSeqs.size === 0)
    bad(['insurance'], 'at least one insurance', resource.insurance);
  else
    resource.insurance.forEach((ins: unknown, i: number) => {
      if (!isObject(ins)) return;
      if (typeof ins.focal !== 'boolean') bad(['insurance', i, 'focal'], 'a boolean', ins.focal);
      reference(['insurance', i, 'coverage'], ins.coverage, true);
    });
  if (Array.isArray(resource.diagnosis))
    resource.diagnosis.forEach((d: unknown, i: number) => {
      if (!isObject(d)) return;
      unknownElements(['diagnosis', i], d, DIAGNOSIS_ELEMENTS);
      const hasConcept = d.diagnosisCodeableConcept !== undefined;
      if (hasConcept === (d.diagnosisReference !== undefined))
        bad(['diagnosis', i], 'exactly one of diagnosisCodeableConcept or diagnosisReference', d);
      concept(['diagnosis', i, 'diagnosisCodeableConcept'], d.diagnosisCodeableConcept, false);
      concept(['diagnosis', i, 'onAdmission'], d.onAdmission, false);
    });
  if (Array.isArray(resource.careTeam))
    resource.careTeam.forEach((c: unknown, i: number) => {
      if (isObject(c)) reference(['careTeam', i, 'provider'], c.provider, true);
    });
  if (Array.isArray(resource.item))
    resource.item.forEach((item: unknown, i: number) => {
      if (!isObject(item)) return;
      const path = ['item', i];
      unknownElements(path, item, ITEM_ELEMENTS);
      concept([...path, 'productOrService'], item.productOrService, true);
      const pointerList = (key: string, known: Set<number>, what: string): void => {
        const v = item[key];
        if (v === undefined) return;
        if (!Array.isArray(v)) {
          bad([...path, key], 'an array of positive integers', v);
          return;
        }
        v.forEach((s: unknown, k: number) => {
          if (!isPositiveInt(s)) bad([...path, key, k], 'a positive integer', s);
          else if (!known.has(s)) bad([...path, key, k], `the sequence of an existing ${what}`, s);
        });
      };
      pointerList('diagnosisSequence', diagnosisSeqs, 'Claim.diagnosis');
      pointerList('careTeamSequence', careTeamSeqs, 'Claim.careTeam');
      if (Array.isArray(item.modifier))
        item.modifier.forEach((m: unknown, k: number) => {
          concept([...path, 'modifier', k], m, true);
        });
      else if (item.modifier !== undefined)
        bad([...path, 'modifier'], 'an array of CodeableConcept', item.modifier);
      if (item.servicedDate !== undefined && item.servicedPeriod !== undefined)
        bad([...path], 'at most one of servicedDate or servicedPeriod', item);
      if (item.servicedDate !== undefined && !isFhirDateTime(item.servicedDate, true))
        bad([...path, 'servicedDate'], 'a FHIR date', item.servicedDate);
      if (item.servicedPeriod !== undefined) {
        const p = item.servicedPeriod;
        if (!isObject(p)) bad([...path, 'servicedPeriod'], 'a Period', p);
        else
          for (const k of ['start', 'end'] as const) {
            if (p[k] !== undefined && !isFhirDateTime(p[k]))
              bad([...path, 'servicedPeriod', k], 'a FHIR dateTime', p[k]);
          }
      }
      const locations = ['locationCodeableConcept', 'locationAddress', 'locationReference'].filter(
        (k) => item[k] !== undefined,
      );
      if (locations.length > 1) bad(path, 'at most one location[x]', locations.join(', '));
      concept([...path, 'locationCodeableConcept'], item.locationCodeableConcept, false);
      if (item.quantity !== undefined) {
        const q = item.quantity;
        if (!isObject(q)) bad([...path, 'quantity'], 'a SimpleQuantity', q);
        else if (q.value !== undefined && (typeof q.value !== 'number' || !Number.isFinite(q.value)))
          bad([...path, 'quantity', 'value'], 'a decimal number', q.value);
        else if (isObject(q) && q.comparator !== undefined)
          bad([...path, 'quantity', 'comparator'], 'no comparator (SimpleQuantity)', q.comparator);
      }
      money([...path, 'unitPrice'], item.unitPrice);
      money([...path, 'net'], item.net);
      // item.net is the line charge (837P SV102): never replaced by unitPrice × quantity when it
      // is present but not a claim amount (negative, sub-cent, or beyond 9 integer digits).
      if (isObject(item.net) && typeof item.net.value === 'number' && Number.isFinite(item.net.value)) {
        const cents = claimCents(item.net.value);
        if (cents === undefined)
          bad(
            [...path, 'net', 'value'],
            'a non-negative amount with at most 2 decimals (the line charge)',
            item.net.value,
          );
        else if (netSum !== undefined) netSum += cents;
      } else netSum = undefined;
    });
  // Claim.total is the sum of the items' net (837P CLM02 = Σ SV102, 005010X222A1 loop 2300 CLM02).
  if (
    netSum !== undefined &&
    Array.isArray(resource.item) &&
    resource.item.length > 0 &&
    isObject(resource.total) &&
    typeof resource.total.value === 'number' &&
    Number.isFinite(resource.total.value)
  ) {
    // The total is not held to the 9-digit line rule: R4 Money.value is a decimal of any size, and
    // 837P CLM02 is R 1/18, so a claim of several lines may total 1,000,000,000.00 or more.
    const total = parseMoney(String(resource.total.value));
    if (total !== netSum)
      bad(['total', 'value'], `the sum of item.net (${formatMoney(netSum)})`, resource.total.value);
  }
  // No empty value anywhere in the resource, contained resources included: R4 JSON
  // (json.html) "string property values can never be empty" and "JSON objects and arrays are
  // never empty"; ele-1 "All FHIR elements must have a @value or children". A path another
  // check above has reported already is not reported twice.
  const reported = new Set(issues.map((i) => i.path.join('\u0000')));
  forEachEmptyValue(resource, (path, value) => {
    if (!reported.has(path.join('\u0000'))) bad(path, NOT_EMPTY, value);
  });
  return Object.freeze(issues);
}

/** What an empty value's issue expects instead. */
const NOT_EMPTY =
  'a value that is not empty (R4 has no empty strings, objects or arrays, and a string needs non-whitespace content)';

/** A step of the walk in {@link forEachEmptyValue}: the path is built only for what is reported. */
interface WalkStep {
  readonly value: unknown;
  readonly parent: WalkStep | undefined;
  readonly key: string | number;
}

function walkPath(step: WalkStep): IssuePath {
  const path: (string | number)[] = [];
  for (let s: WalkStep | undefined = step; s?.parent !== undefined; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * Calls `report` for every empty or white-space-only string, and every empty object and array, in a
 * JSON value, in document order.
 * Iterative, so a deeply nested input cannot exhaust the stack; an object met twice (a cyclic
 * object built in code) is walked once.
 */
function forEachEmptyValue(root: Json, report: (path: IssuePath, value: unknown) => void): void {
  const seen = new Set<object>();
  const stack: WalkStep[] = [{ value: root, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === 'string' && isWhiteSpaceOnly(v)) report(walkPath(step), v);
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const keys: (string | number)[] = Array.isArray(v)
      ? Array.from({ length: v.length }, (_, i) => i)
      : Object.keys(v);
    if (keys.length === 0) report(walkPath(step), v);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      stack.push({ value: (v as Record<string | number, unknown>)[key], parent: step, key });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a FHIR R4 Claim
// ---------------------------------------------------------------------------------------------

function codingOf(concept: unknown, systems: readonly string[]): string | undefined {
  if (!isObject(concept) || !Array.isArray(concept.coding)) return undefined;
  for (const c of concept.coding) {
    if (
      isObject(c) &&
      typeof c.system === 'string' &&
      systems.includes(c.system) &&
      typeof c.code === 'string'
    )
      return c.code;
  }
  return undefined;
}

/** A FHIR decimal as claim money in cents (MoneySchema: ≤ 9 integer digits, ≤ 2 decimals, ≥ 0). */
function claimCents(value: number): bigint | undefined {
  const text = String(value);
  return /^\d{1,9}(\.\d{1,2})?$/.test(text) ? parseMoney(text) : undefined;
}

function moneyText(m: unknown): string | undefined {
  if (!isObject(m) || typeof m.value !== 'number') return undefined;
  const cents = parseMoney(String(m.value));
  return cents === undefined ? undefined : formatMoney(cents);
}

function chargeFromUnitPrice(unitPrice: unknown, quantity: unknown, factor: unknown): string | undefined {
  const price = moneyText(unitPrice);
  if (price === undefined || typeof quantity !== 'number' || (factor !== undefined && factor !== 1))
    return undefined;
  const cents = multiplyMoney(parseMoney(price)!, quantity);
  return cents === undefined || cents < 0n ? undefined : formatMoney(cents);
}

function readAddress(list: unknown): Address | undefined {
  if (!Array.isArray(list) || !isObject(list[0])) return undefined;
  const a = list[0];
  const lines = Array.isArray(a.line) ? a.line : [];
  // line1, city, state and postalCode are required strings of the claim model, '' when not given
  // (the writer leaves an empty one out).
  const out: Record<string, unknown> = {
    line1: lines[0] ?? '',
    city: a.city ?? '',
    state: a.state ?? '',
    postalCode: a.postalCode ?? '',
  };
  if (lines[1] !== undefined) out.line2 = lines[1];
  return out as unknown as Address;
}

function readName(list: unknown): { family?: unknown; given?: unknown } {
  if (!Array.isArray(list) || !isObject(list[0])) return {};
  const n = list[0];
  return { family: n.family, given: Array.isArray(n.given) ? n.given[0] : undefined };
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function readProvider(r: Json | undefined): Provider | undefined {
  if (!r) return undefined;
  const identifiers = Array.isArray(r.identifier) ? r.identifier.filter(isObject) : [];
  const out: Record<string, unknown> = { npi: identifiers.find((i) => i.system === NPI_SYSTEM_URI)?.value };
  put(
    out,
    'taxonomy',
    r.resourceType === 'Practitioner'
      ? Array.isArray(r.qualification) && isObject(r.qualification[0])
        ? codingOf(r.qualification[0].code, [NUCC_TAXONOMY_SYSTEM_URI])
        : undefined
      : Array.isArray(r.type)
        ? codingOf(r.type[0], [NUCC_TAXONOMY_SYSTEM_URI])
        : undefined,
  );
  put(out, 'taxId', readTaxId(identifiers));
  if (r.resourceType === 'Practitioner') {
    const name = readName(r.name);
    put(out, 'name', name.family);
    put(out, 'firstName', name.given);
  } else put(out, 'name', r.name);
  put(out, 'address', readAddress(r.address));
  return out as unknown as Provider;
}

/**
 * Options for {@link fromFhirClaim}: where the resources a Claim refers to are found.
 *
 * `#id` references are always looked up in the Claim's `contained` resources. Any other reference
 * (`Patient/123`, an absolute URL, `urn:uuid:…`) is looked up in the Bundle (the input itself when it
 * is a Bundle, or {@link ReadFhirOptions.bundle}) by `fullUrl` and by `ResourceType/id`, and then
 * given to {@link ReadFhirOptions.resolve}.
 *
 * @example
 * ```ts
 * const patients = new Map([['Patient/123', patient]])
 * fromFhirClaim(claim, { resolve: (reference) => patients.get(reference) } satisfies ReadFhirOptions)
 * ```
 */
export interface ReadFhirOptions {
  /** A Bundle holding the resources a Claim (passed on its own) refers to, e.g. one entry of a many-Claim Bundle. */
  readonly bundle?: FhirBundle;
  /**
   * Returns the resource a reference names, or `undefined` when it does not know it. Synchronous on
   * purpose: the reader is pure and never waits on I/O. With a FHIR server, fetch first (a search
   * with `_include=Claim:patient&_include=Claim:insurer…` returns a Bundle, or collect the resources
   * into a Map) and read after. A resolver that throws or returns a Promise gives an issue.
   */
  readonly resolve?: (reference: string) => FhirAnyResource | undefined;
}

/**
 * Reads a FHIR R4 Claim (an object or JSON text) back into a medcode claim. The input may be a Claim
 * whose patient, providers and coverage are contained resources (`#id`, as {@link toFhirClaim}
 * writes them), a Bundle with one Claim and the resources it refers to (as a FHIR server returns a
 * search with `_include`), or a Claim with `Patient/123`-style references and
 * {@link ReadFhirOptions} to find them. A reference that does not resolve is an issue at its path
 * (`patient.reference`); it is never skipped in silence.
 *
 * The resource is first checked with {@link validateFhirR4Claim} (issue paths point into the FHIR
 * input, under `entry.<n>.resource` for a Bundle); the mapped claim is then parsed with the claim
 * schema (issue paths point into the claim JSON). Accepts both HCPCS Level II system URIs, and the
 * `urn:medcode:` extension and coding URIs of earlier medcode versions (old data). Never throws.
 *
 * Typed: pass a {@link FhirClaim} or {@link FhirBundle} and the compiler checks it; pass `unknown`
 * (JSON text or decoded JSON from outside) and every check happens at run time.
 *
 * @example
 * ```ts
 * const written = toFhirClaim(claim)
 * const back = written.ok ? fromFhirClaim(written.value) : written
 * back.ok && back.value.lines[0]!.charge // '150.00'
 * fromFhirClaim(serverBundle) // Claim + Patient/Coverage/Organization/Practitioner entries
 * fromFhirClaim(storedClaim, { resolve: (reference) => cache.get(reference) })
 * ```
 */
export function fromFhirClaim(resource: FhirClaim | FhirBundle, options?: ReadFhirOptions): ParseClaimResult;
export function fromFhirClaim(resource: unknown, options?: ReadFhirOptions): ParseClaimResult;
export function fromFhirClaim(resource: unknown, options?: ReadFhirOptions): ParseClaimResult {
  try {
    return readFhirClaim(resource, isObject(options) ? options : {});
  } catch {
    // Only exotic objects (throwing getters, revoked proxies) get here: JSON never does.
    return Object.freeze(failure(Object.freeze([unreadable()])));
  }
}

interface BundleEntryAt {
  readonly fullUrl?: unknown;
  readonly resource: Json;
  readonly path: IssuePath;
}

function bundleEntries(bundle: unknown, prefix: IssuePath): BundleEntryAt[] {
  if (!isObject(bundle) || !Array.isArray(bundle.entry)) return [];
  const out: BundleEntryAt[] = [];
  bundle.entry.forEach((e: unknown, i: number) => {
    if (isObject(e) && isObject(e.resource))
      out.push({ fullUrl: e.fullUrl, resource: e.resource, path: [...prefix, 'entry', i, 'resource'] });
  });
  return out;
}

function invalid(path: IssuePath, expected: string, received: string): MedcodeIssue {
  return createIssue({ code: 'claim_invalid', severity: 'error', path, codes: [], expected, received });
}

function readFhirClaim(resource: unknown, options: ReadFhirOptions): ParseClaimResult {
  let value = resource;
  if (typeof resource === 'string') {
    try {
      value = JSON.parse(resource) as unknown;
    } catch {
      return parseClaim(resource);
    }
  }
  let entries = bundleEntries(options.bundle, []);
  // Where the Claim is in the input: a Bundle's Claim issues are reported under entry.<n>.resource.
  let claimPath: IssuePath = [];
  if (isObject(value) && value.resourceType === 'Bundle') {
    entries = bundleEntries(value, []);
    const claims = entries.filter((e) => e.resource.resourceType === 'Claim');
    if (claims.length !== 1)
      return Object.freeze(
        failure(
          Object.freeze([
            invalid(
              ['entry'],
              'a Bundle with exactly one Claim entry (read a Bundle of several Claims one Claim at a time, with the Bundle as the bundle option)',
              `${claims.length} Claim entries`,
            ),
          ]),
        ),
      );
    value = claims[0]!.resource;
    claimPath = claims[0]!.path;
  }
  const inClaim = (issues: readonly MedcodeIssue[]): readonly MedcodeIssue[] =>
    Object.freeze(issues.map((i) => withPathPrefix(i, claimPath)));
  // As parseClaim does for the claim JSON: arrays far over the format limits are refused before
  // any per-element work (10× the 837P limits: 50 lines, 12 diagnoses).
  if (isObject(value)) {
    const tooLarge: MedcodeIssue[] = [];
    for (const [key, element, max] of [
      ['item', 'lines', 500],
      ['diagnosis', 'diagnoses', 120],
    ] as const) {
      const list = value[key];
      if (Array.isArray(list) && list.length > max) {
        tooLarge.push(
          createIssue({
            code: 'claim_limit_exceeded',
            severity: 'error',
            path: [key],
            codes: [],
            element,
            max,
            received: list.length,
            citation: '837P 005010X222A1 limit × 10: refused before validation',
          }),
        );
      }
    }
    if (tooLarge.length > 0) return Object.freeze(failure(inClaim(tooLarge)));
  }
  const structural = validateFhirR4Claim(value);
  if (!structural.ok) return Object.freeze(failure(inClaim(structural.issues)));
  if (!isObject(value)) return Object.freeze(failure(Object.freeze([unreadable()])));
  const r = value;
  const references = new ReferenceResolver(entries, options.resolve);
  /** Problems of meaning found while mapping (values the claim model cannot take), at FHIR paths. */
  const readIssues: MedcodeIssue[] = [];
  const claimScope = containedScope(r, claimPath);
  /**
   * Resources checked for empty values: the Claim's contained ones by validateFhirR4Claim above,
   * those from outside it (a Bundle entry, the resolve option) once each as they are followed.
   */
  const checked = new Set<Json>([...claimScope.values()].map((c) => c.resource));
  const emptyAt = new Set<string>();
  /**
   * The resource a Reference at `path` (in the Claim) names, when it is one of `types`. One from
   * outside the Claim has not been through validateFhirR4Claim, so it is held to the same R4 JSON
   * rule here: no empty or white-space-only string, object or array (json.html, ele-1).
   */
  const follow = (ref: unknown, path: IssuePath, types: readonly string[]): Located | undefined => {
    const found = references.follow(ref, [...claimPath, ...path], claimScope, types);
    if (found !== undefined && !checked.has(found.resource)) {
      checked.add(found.resource);
      // A resource contained in one already walked is reported once, at the same path.
      forEachEmptyValue(found.resource, (at, v) => {
        const path = [...found.path, ...at];
        const key = path.join('\u0000');
        if (emptyAt.has(key)) return;
        emptyAt.add(key);
        readIssues.push(invalid(path, NOT_EMPTY, describeReceived(v)));
      });
    }
    return found;
  };
  const PERSON = ['Patient'];
  const PROVIDER = ['Practitioner', 'Organization'];

  const out: Record<string, unknown> = {};
  const identifier =
    Array.isArray(r.identifier) && isObject(r.identifier[0]) ? r.identifier[0].value : undefined;
  out.claimId = identifier;

  const patient = follow(r.patient, ['patient'], PERSON)?.resource;
  const p: Record<string, unknown> = {};
  if (patient) {
    put(p, 'birthDate', patient.birthDate);
    put(p, 'sex', typeof patient.gender === 'string' ? GENDER_TO_SEX.get(patient.gender) : undefined);
    const name = readName(patient.name);
    put(p, 'firstName', name.given);
    put(p, 'lastName', name.family);
    put(p, 'address', readAddress(patient.address));
  }
  out.patient = p as unknown as Patient;

  const extensions = Array.isArray(r.extension) ? r.extension.filter(isObject) : [];
  // Items in sequence order (R4 Claim.item.sequence; the array itself has no meaning of order):
  // the claim-level place of service falls back to the first item's, so "first" is by sequence.
  const items = (Array.isArray(r.item) ? r.item.filter(isObject) : [])
    .slice()
    .sort((a, b) => (a.sequence as number) - (b.sequence as number));
  const posExt = extensions.find(
    (e) => e.url === PLACE_OF_SERVICE_EXTENSION_URL || e.url === LEGACY_PLACE_OF_SERVICE_EXTENSION_URL,
  );
  const claimPos =
    (isObject(posExt?.valueCoding) ? posExt.valueCoding.code : undefined) ??
    codingOf(items[0]?.locationCodeableConcept, [POS_SYSTEM_URI]);
  out.placeOfService = claimPos;
  put(
    out,
    'frequencyCode',
    extensions.find((e) => e.url === FREQUENCY_EXTENSION_URL || e.url === LEGACY_FREQUENCY_EXTENSION_URL)
      ?.valueCode,
  );

  // Diagnoses in sequence order: sequence n becomes pointer n, so pointers are kept only if the
  // sequences are 1..n without gaps (checked below through the claim schema on pointers).
  const diagnoses = (Array.isArray(r.diagnosis) ? r.diagnosis.filter(isObject) : [])
    .slice()
    .sort((a, b) => (a.sequence as number) - (b.sequence as number));
  const seqToPointer = new Map<number, number>();
  out.diagnoses = diagnoses.map((d, i) => {
    seqToPointer.set(d.sequence as number, i + 1);
    const entry: Record<string, unknown> = {
      code: codingOf(d.diagnosisCodeableConcept, [ICD10CM_SYSTEM_URI]),
    };
    put(entry, 'poa', codingOf(d.onAdmission, [POA_SYSTEM_URI]));
    return entry;
  });

  const careTeam = new Map<number, { member: Json; provider: Json | undefined }>();
  // The first responsible member is the claim-level rendering provider (837P loop 2310B). R4
  // Claim.careTeam.responsible ("The party who is billing and/or responsible for the claimed
  // products or services") is a flag on each member, not a single slot, so several members may
  // be responsible, each for its own items: only this first one is the claim's.
  let claimRendering: { member: Json; provider: Json | undefined } | undefined;
  if (Array.isArray(r.careTeam))
    r.careTeam.forEach((c: unknown, i: number) => {
      if (!isObject(c)) return;
      const provider = follow(c.provider, ['careTeam', i, 'provider'], PROVIDER)?.resource;
      const entry = { member: c, provider };
      careTeam.set(c.sequence as number, entry);
      if (c.responsible === true && claimRendering === undefined) claimRendering = entry;
    });
  put(out, 'billingProvider', readProvider(follow(r.provider, ['provider'], PROVIDER)?.resource));
  put(out, 'renderingProvider', readProvider(claimRendering?.provider));

  const hcpcs = [HCPCS_SYSTEM_URI, HCPCS_SYSTEM_URI_HTTPS];
  const procedureSystems = [CPT_SYSTEM_URI, ...hcpcs];
  out.lines = items.map((item) => {
    const line: Record<string, unknown> = { procedure: codingOf(item.productOrService, procedureSystems) };
    if (Array.isArray(item.modifier) && item.modifier.length > 0)
      line.modifiers = item.modifier.map((m) => codingOf(m, procedureSystems));
    const q = isObject(item.quantity) ? item.quantity : undefined;
    line.units = q?.value;
    // Unit basis as the 837P reader gives it (SV103 is always written): minutes (UCUM min) are
    // MJ, anything else is UN. Both readers so return the same claim for the same input.
    line.unitBasis = q && q.system === UCUM && q.code === 'min' ? 'MJ' : 'UN';
    // R4: net = quantity × unitPrice × factor (factor defaults to 1); use it when net is absent.
    line.charge = moneyText(item.net) ?? chargeFromUnitPrice(item.unitPrice, q?.value, item.factor);
    if (typeof item.servicedDate === 'string') line.serviceDate = item.servicedDate;
    else if (isObject(item.servicedPeriod)) {
      put(line, 'serviceDateFrom', item.servicedPeriod.start);
      put(line, 'serviceDateTo', item.servicedPeriod.end);
    }
    if (Array.isArray(item.diagnosisSequence) && item.diagnosisSequence.length > 0) {
      line.diagnosisPointers = item.diagnosisSequence.map((s) => seqToPointer.get(s as number));
    }
    const pos = codingOf(item.locationCodeableConcept, [POS_SYSTEM_URI]);
    if (pos !== undefined && pos !== claimPos) line.placeOfService = pos;
    if (Array.isArray(item.detail)) {
      const ndc = item.detail
        .map((d) => (isObject(d) ? codingOf(d.productOrService, [NDC_SYSTEM_URI]) : undefined))
        .find((c) => c !== undefined);
      put(line, 'ndc', ndc);
    }
    // A line's own rendering provider (837P loop 2420A): the first member its careTeamSequence
    // names (R4 Claim.item.careTeamSequence) other than the claim-level one, whether that member
    // is responsible or not; naming only the claim-level member means the claim's provider.
    if (Array.isArray(item.careTeamSequence)) {
      const member = item.careTeamSequence
        .map((s) => careTeam.get(s as number))
        .find((c) => c !== undefined && c !== claimRendering);
      if (member) put(line, 'renderingProvider', readProvider(member.provider));
    }
    return line;
  });

  if (Array.isArray(r.supportingInfo)) {
    const hospitalized = r.supportingInfo.find(
      (s) => isObject(s) && codingOf(s.category, [INFO_CATEGORY_SYSTEM]) === 'hospitalized',
    );
    if (isObject(hospitalized) && isObject(hospitalized.timingPeriod)) {
      put(out, 'admissionDate', hospitalized.timingPeriod.start);
      put(out, 'dischargeDate', hospitalized.timingPeriod.end);
    }
  }

  if (Array.isArray(r.related)) {
    const prior = r.related.find(
      (x) => isObject(x) && codingOf(x.relationship, [RELATED_CLAIM_SYSTEM]) === 'prior',
    );
    if (isObject(prior) && isObject(prior.reference))
      put(out, 'payerClaimControlNumber', prior.reference.value);
  }

  const insurance = Array.isArray(r.insurance) ? r.insurance : [];
  const focalIndex = Math.max(
    insurance.findIndex((i) => isObject(i) && i.focal === true),
    0,
  );
  const focal: unknown = insurance[focalIndex];
  const coverageAt = isObject(focal)
    ? follow(focal.coverage, ['insurance', focalIndex, 'coverage'], ['Coverage'])
    : undefined;
  const coverage = coverageAt?.resource;
  /** A Reference inside the Coverage, resolved where the Coverage is (its own contained, the Bundle). */
  const inCoverage = (ref: unknown, path: IssuePath, types: readonly string[]): Json | undefined =>
    coverageAt
      ? references.follow(ref, [...coverageAt.path, ...path], coverageAt.scope, types)?.resource
      : undefined;
  if (coverage) {
    // Coverage.subscriber is Reference(Patient | RelatedPerson) in R4; both carry name, birthDate, gender, address.
    const subscriber = inCoverage(coverage.subscriber, ['subscriber'], ['Patient', 'RelatedPerson']);
    if (subscriber || coverage.subscriberId !== undefined) {
      // memberId and lastName are required strings of the claim model, '' when not given; the
      // writer leaves an empty one out (R4 has no empty strings), so absent reads back as ''.
      const s: Record<string, unknown> = { memberId: coverage.subscriberId ?? '' };
      const name = readName(subscriber?.name);
      put(s, 'firstName', name.given);
      s.lastName = name.family ?? '';
      put(s, 'birthDate', subscriber?.birthDate);
      put(
        s,
        'sex',
        typeof subscriber?.gender === 'string' ? GENDER_TO_SEX.get(subscriber.gender) : undefined,
      );
      put(s, 'address', readAddress(subscriber?.address));
      const group = Array.isArray(coverage.class)
        ? coverage.class.find((c) => isObject(c) && codingOf(c.type, [COVERAGE_CLASS_SYSTEM]) === 'group')
        : undefined;
      put(s, 'groupNumber', isObject(group) ? group.value : undefined);
      put(s, 'relationship', readRelationship(coverage.relationship, coverageAt!.path, readIssues));
      out.subscriber = s;
    }
    const payer = Array.isArray(coverage.payor)
      ? inCoverage(coverage.payor[0], ['payor', 0], ['Organization'])
      : undefined;
    if (payer) {
      const identifiers = Array.isArray(payer.identifier) ? payer.identifier.filter(isObject) : [];
      // The model's payer name and id are required strings; one the writer left out (empty) reads as ''.
      const py: Record<string, unknown> = { name: payer.name ?? '', id: identifiers[0]?.value ?? '' };
      put(
        py,
        'claimFilingIndicator',
        codingOf(coverage.type, [X12_FILING_INDICATOR_SYSTEM, LEGACY_X12_FILING_INDICATOR_SYSTEM]),
      );
      out.payer = py;
    }
  }
  const problems = [...references.issues, ...readIssues];
  if (problems.length > 0) return Object.freeze(failure(Object.freeze(problems)));
  return parseClaim(out);
}

/**
 * Every code of the R4 value set subscriber-relationship
 * (http://hl7.org/fhir/R4/valueset-subscriber-relationship.html) as its X12 individual
 * relationship code (837P SBR02, data element 1069). X12 has no parent or injured-plaintiff code
 * for a patient: both are G8 "other relationship", as `other` is; G8 is written back as `other`
 * beside the X12 coding, so a second round trip gives the same claim.
 */
const FHIR_RELATIONSHIP_TO_X12: ReadonlyMap<string, string> = new Map([
  ['self', '18'],
  ['spouse', '01'],
  ['child', '19'],
  ['common', '53'],
  ['parent', 'G8'],
  ['injured', 'G8'],
  ['other', 'G8'],
]);

/**
 * Coverage.relationship as the X12 code: the X12 coding when present (medcode writes it beside the
 * HL7 code), else the HL7 code mapped. A relationship present but not readable is an issue at its
 * path, never read as self (the claim model's default when the relationship is absent).
 */
function readRelationship(
  relationship: unknown,
  coveragePath: IssuePath,
  issues: MedcodeIssue[],
): string | undefined {
  if (relationship === undefined) return undefined;
  const x12 = codingOf(relationship, [X12_RELATIONSHIP_SYSTEM, LEGACY_X12_RELATIONSHIP_SYSTEM]);
  if (x12 !== undefined) return x12;
  const path = [...coveragePath, 'relationship'];
  const coding = isObject(relationship) && Array.isArray(relationship.coding) ? relationship.coding : [];
  const k = coding.findIndex((c) => isObject(c) && c.system === SUBSCRIBER_RELATIONSHIP_SYSTEM);
  const hl7 = coding[k] as Json | undefined;
  if (hl7 !== undefined) {
    const mapped = typeof hl7.code === 'string' ? FHIR_RELATIONSHIP_TO_X12.get(hl7.code) : undefined;
    if (mapped !== undefined) return mapped;
    issues.push(
      claimInvalidIssue(
        [...path, 'coding', k, 'code'],
        `a subscriber-relationship code (${[...FHIR_RELATIONSHIP_TO_X12.keys()].join(', ')})`,
        hl7.code,
      ),
    );
    return undefined;
  }
  issues.push(
    claimInvalidIssue(
      path,
      'a coding from the subscriber-relationship value set or the X12 individual relationship codes',
      relationship,
    ),
  );
  return undefined;
}
