/**
 * The subset of the FHIR R4 (4.0.1) resource types that medcode writes and reads for a Claim.
 *
 * Why hand-written: the published types must not depend on a dev dependency, and these are deeply
 * readonly (medcode's resources are frozen). They follow the R4 element names and cardinalities of
 * http://hl7.org/fhir/R4/claim.html.
 * test/claims/fhir-r4-types.test.ts proves at type level that they fit the official R4 typings
 * (`@types/fhir` 0.0.44, r4.d.ts; npm's `latest` tag, 3.0.2, is the older STU3 package).
 *
 * @module
 */

/**
 * R4 `Coding`.
 * @example
 * ```ts
 * const c: FhirCoding = { system: ICD10CM_SYSTEM_URI, code: 'E11.9' }
 * ```
 */
export interface FhirCoding {
  readonly system?: string;
  readonly version?: string;
  readonly code?: string;
  readonly display?: string;
}

/**
 * R4 `CodeableConcept`.
 * @example
 * ```ts
 * const cc: FhirCodeableConcept = { coding: [{ system: CPT_SYSTEM_URI, code: '99213' }] }
 * ```
 */
export interface FhirCodeableConcept {
  readonly coding?: readonly FhirCoding[];
  readonly text?: string;
}

/**
 * R4 `Reference`.
 * @example
 * ```ts
 * const ref: FhirReference = { reference: '#patient' }
 * ```
 */
export interface FhirReference {
  readonly reference?: string;
  readonly identifier?: FhirIdentifier;
  readonly display?: string;
}

/**
 * R4 `Identifier`.
 * @example
 * ```ts
 * const id: FhirIdentifier = { system: NPI_SYSTEM_URI, value: '1234567893' }
 * ```
 */
export interface FhirIdentifier {
  readonly system?: string;
  readonly value?: string;
  readonly type?: FhirCodeableConcept;
}

/**
 * R4 `Period` (dates as `YYYY-MM-DD`).
 * @example
 * ```ts
 * const p: FhirPeriod = { start: '2026-05-01', end: '2026-05-03' }
 * ```
 */
export interface FhirPeriod {
  readonly start?: string;
  readonly end?: string;
}

/**
 * R4 `Money`: `value` is a JSON decimal; `currency` an ISO 4217 code.
 * @example
 * ```ts
 * const m: FhirMoney = { value: 150, currency: 'USD' }
 * ```
 */
export interface FhirMoney {
  readonly value?: number;
  readonly currency?: string;
}

/**
 * R4 `SimpleQuantity`.
 * @example
 * ```ts
 * const q: FhirQuantity = { value: 30, unit: 'minutes', system: 'http://unitsofmeasure.org', code: 'min' }
 * ```
 */
export interface FhirQuantity {
  readonly value?: number;
  readonly unit?: string;
  readonly system?: string;
  readonly code?: string;
}

/**
 * R4 `Address`.
 * @example
 * ```ts
 * const a: FhirAddress = { line: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62704' }
 * ```
 */
export interface FhirAddress {
  readonly line?: readonly string[];
  readonly city?: string;
  readonly state?: string;
  readonly postalCode?: string;
}

/**
 * R4 `HumanName`.
 * @example
 * ```ts
 * const n: FhirHumanName = { family: 'Alvarez', given: ['Ruth'] }
 * ```
 */
export interface FhirHumanName {
  readonly family?: string;
  readonly given?: readonly string[];
}

/**
 * R4 `Extension` (only the value types medcode uses).
 * @example
 * ```ts
 * const e: FhirExtension = { url: FREQUENCY_EXTENSION_URL, valueCode: '1' }
 * ```
 */
export interface FhirExtension {
  readonly url: string;
  readonly valueCode?: string;
  readonly valueCoding?: FhirCoding;
}

/**
 * R4 `Patient` (contained).
 * @example
 * ```ts
 * const p: FhirPatient = { resourceType: 'Patient', id: 'patient', gender: 'female', birthDate: '1961-04-02' }
 * ```
 */
export interface FhirPatient {
  readonly resourceType: 'Patient';
  readonly id?: string;
  readonly name?: readonly FhirHumanName[];
  readonly gender?: 'male' | 'female' | 'other' | 'unknown';
  readonly birthDate?: string;
  readonly address?: readonly FhirAddress[];
}

/**
 * R4 `Practitioner` (contained).
 * @example
 * ```ts
 * const p: FhirPractitioner = { resourceType: 'Practitioner', id: 'rendering', identifier: [{ system: NPI_SYSTEM_URI, value: '1234567893' }] }
 * ```
 */
export interface FhirPractitioner {
  readonly resourceType: 'Practitioner';
  readonly id?: string;
  readonly identifier?: readonly FhirIdentifier[];
  readonly name?: readonly FhirHumanName[];
  readonly address?: readonly FhirAddress[];
  readonly qualification?: readonly { readonly code: FhirCodeableConcept }[];
}

/**
 * R4 `Organization` (contained).
 * @example
 * ```ts
 * const o: FhirOrganization = { resourceType: 'Organization', id: 'payer', name: 'Medicare Part B', identifier: [{ value: '00952' }] }
 * ```
 */
export interface FhirOrganization {
  readonly resourceType: 'Organization';
  readonly id?: string;
  readonly identifier?: readonly FhirIdentifier[];
  readonly type?: readonly FhirCodeableConcept[];
  readonly name?: string;
  readonly address?: readonly FhirAddress[];
}

/**
 * R4 `Coverage` (contained): `status`, `beneficiary` and `payor` are required.
 * @example
 * ```ts
 * const c: FhirCoverage = { resourceType: 'Coverage', id: 'coverage', status: 'active', beneficiary: { reference: '#patient' }, payor: [{ reference: '#payer' }] }
 * ```
 */
export interface FhirCoverage {
  readonly resourceType: 'Coverage';
  readonly id?: string;
  readonly status: 'active' | 'cancelled' | 'draft' | 'entered-in-error';
  readonly type?: FhirCodeableConcept;
  readonly subscriber?: FhirReference;
  readonly subscriberId?: string;
  readonly beneficiary: FhirReference;
  readonly relationship?: FhirCodeableConcept;
  readonly payor: readonly FhirReference[];
  readonly class?: readonly { readonly type: FhirCodeableConcept; readonly value: string }[];
}

/**
 * A resource medcode may contain in a Claim.
 * @example
 * ```ts
 * fhir.contained?.filter((r): r is FhirPatient => r.resourceType === 'Patient')
 * ```
 */
export type FhirContainedResource = FhirPatient | FhirPractitioner | FhirOrganization | FhirCoverage;

/**
 * R4 `Claim.diagnosis`.
 * @example
 * ```ts
 * const d: FhirClaimDiagnosis = { sequence: 1, diagnosisCodeableConcept: { coding: [{ system: ICD10CM_SYSTEM_URI, code: 'I10' }] } }
 * ```
 */
export interface FhirClaimDiagnosis {
  readonly sequence: number;
  readonly diagnosisCodeableConcept?: FhirCodeableConcept;
  readonly diagnosisReference?: FhirReference;
  readonly type?: readonly FhirCodeableConcept[];
  readonly onAdmission?: FhirCodeableConcept;
}

/**
 * R4 `Claim.careTeam`.
 * @example
 * ```ts
 * const t: FhirClaimCareTeam = { sequence: 1, provider: { reference: '#rendering' }, responsible: true }
 * ```
 */
export interface FhirClaimCareTeam {
  readonly sequence: number;
  readonly provider: FhirReference;
  readonly responsible?: boolean;
  readonly role?: FhirCodeableConcept;
}

/**
 * R4 `Claim.supportingInfo`.
 * @example
 * ```ts
 * const s: FhirClaimSupportingInfo = { sequence: 1, category: { coding: [{ code: 'hospitalized' }] }, timingPeriod: { start: '2026-05-01' } }
 * ```
 */
export interface FhirClaimSupportingInfo {
  readonly sequence: number;
  readonly category: FhirCodeableConcept;
  readonly timingDate?: string;
  readonly timingPeriod?: FhirPeriod;
}

/**
 * R4 `Claim.insurance`.
 * @example
 * ```ts
 * const i: FhirClaimInsurance = { sequence: 1, focal: true, coverage: { reference: '#coverage' } }
 * ```
 */
export interface FhirClaimInsurance {
  readonly sequence: number;
  readonly focal: boolean;
  readonly coverage: FhirReference;
}

/**
 * R4 `Claim.item.detail`.
 * @example
 * ```ts
 * const d: FhirClaimItemDetail = { sequence: 1, productOrService: { coding: [{ system: NDC_SYSTEM_URI, code: '00409-3793-01' }] } }
 * ```
 */
export interface FhirClaimItemDetail {
  readonly sequence: number;
  readonly productOrService: FhirCodeableConcept;
  readonly quantity?: FhirQuantity;
}

/**
 * R4 `Claim.item`.
 * @example
 * ```ts
 * const r = toFhirClaim(claim); const item: FhirClaimItem | undefined = r.ok ? r.value.item?.[0] : undefined
 * item.diagnosisSequence // [1, 2]
 * ```
 */
export interface FhirClaimItem {
  readonly sequence: number;
  readonly careTeamSequence?: readonly number[];
  readonly diagnosisSequence?: readonly number[];
  readonly productOrService: FhirCodeableConcept;
  readonly modifier?: readonly FhirCodeableConcept[];
  readonly servicedDate?: string;
  readonly servicedPeriod?: FhirPeriod;
  readonly locationCodeableConcept?: FhirCodeableConcept;
  readonly quantity?: FhirQuantity;
  readonly unitPrice?: FhirMoney;
  /** Price scaling factor; `net = quantity × unitPrice × factor` (default 1). */
  readonly factor?: number;
  readonly net?: FhirMoney;
  readonly detail?: readonly FhirClaimItemDetail[];
}

/**
 * R4 `Claim`: `status`, `type`, `use`, `patient`, `created`, `provider`, `priority` and `insurance` are required.
 * @example
 * ```ts
 * const r = toFhirClaim(claim); const fhir: FhirClaim | undefined = r.ok ? r.value : undefined
 * fhir.total // { value: 150, currency: 'USD' }
 * ```
 */
export interface FhirClaim {
  readonly resourceType: 'Claim';
  readonly id?: string;
  readonly contained?: readonly FhirContainedResource[];
  readonly extension?: readonly FhirExtension[];
  readonly identifier?: readonly FhirIdentifier[];
  readonly status: 'active' | 'cancelled' | 'draft' | 'entered-in-error';
  readonly type: FhirCodeableConcept;
  readonly use: 'claim' | 'preauthorization' | 'predetermination';
  readonly patient: FhirReference;
  readonly billablePeriod?: FhirPeriod;
  readonly created: string;
  readonly provider: FhirReference;
  readonly priority: FhirCodeableConcept;
  readonly careTeam?: readonly FhirClaimCareTeam[];
  readonly supportingInfo?: readonly FhirClaimSupportingInfo[];
  readonly diagnosis?: readonly FhirClaimDiagnosis[];
  readonly insurance: readonly FhirClaimInsurance[];
  /** The prior claim a replacement or void refers to (`relationship` prior, `reference` its number). */
  readonly related?: readonly {
    readonly relationship?: FhirCodeableConcept;
    readonly reference?: FhirIdentifier;
  }[];
  readonly item?: readonly FhirClaimItem[];
  readonly total?: FhirMoney;
}
