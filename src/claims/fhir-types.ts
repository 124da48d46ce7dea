/**
 * The FHIR R4 (4.0.1) types medcode writes and reads for a Claim: the official R4 typings of
 * `@types/fhir` (`fhir/r4`, generated from hl7.fhir.r4.core 4.0.1), under medcode's names.
 *
 * Why the official typings and not a hand-written subset: a Claim read from a FHIR server or built
 * with another FHIR library has the same type, with no cast, and element names and cardinalities
 * follow http://hl7.org/fhir/R4/claim.html by construction. `@types/fhir` is a (types-only)
 * dependency of medcode because these declarations are part of its published `.d.ts` files.
 * The import names `fhir/r4.js` (the file `r4.d.ts`): `@types/fhir` has no `exports` map, so a
 * consumer's TypeScript in `nodenext` ESM mode resolves a deep import only with its extension.
 *
 * @module
 */
import type {
  Address,
  Bundle,
  BundleEntry,
  Claim,
  ClaimCareTeam,
  ClaimDiagnosis,
  ClaimInsurance,
  ClaimItem,
  ClaimItemDetail,
  ClaimSupportingInfo,
  CodeableConcept,
  Coding,
  Coverage,
  Extension,
  HumanName,
  Identifier,
  Money,
  Organization,
  Patient,
  Period,
  Practitioner,
  Quantity,
  Reference,
  Resource,
  StructureDefinition,
} from 'fhir/r4.js';

/**
 * R4 `Coding`.
 * @example
 * ```ts
 * const c: FhirCoding = { system: ICD10CM_SYSTEM_URI, code: 'E11.9' }
 * ```
 */
export type FhirCoding = Coding;

/**
 * R4 `CodeableConcept`.
 * @example
 * ```ts
 * const cc: FhirCodeableConcept = { coding: [{ system: CPT_SYSTEM_URI, code: '99213' }] }
 * ```
 */
export type FhirCodeableConcept = CodeableConcept;

/**
 * R4 `Reference`: `#id` for a contained resource, `Patient/123` or an absolute URL for one a
 * server stores (see {@link ReadFhirOptions}).
 * @example
 * ```ts
 * const ref: FhirReference = { reference: 'Patient/123' }
 * ```
 */
export type FhirReference = Reference;

/**
 * R4 `Identifier`.
 * @example
 * ```ts
 * const id: FhirIdentifier = { system: NPI_SYSTEM_URI, value: '1234567893' }
 * ```
 */
export type FhirIdentifier = Identifier;

/**
 * R4 `Period` (dates as `YYYY-MM-DD`).
 * @example
 * ```ts
 * const p: FhirPeriod = { start: '2026-05-01', end: '2026-05-03' }
 * ```
 */
export type FhirPeriod = Period;

/**
 * R4 `Money`: `value` is a JSON decimal; `currency` an ISO 4217 code.
 * @example
 * ```ts
 * const m: FhirMoney = { value: 150, currency: 'USD' }
 * ```
 */
export type FhirMoney = Money;

/**
 * R4 `SimpleQuantity` (a `Quantity` without `comparator`).
 * @example
 * ```ts
 * const q: FhirQuantity = { value: 30, unit: 'minutes', system: 'http://unitsofmeasure.org', code: 'min' }
 * ```
 */
export type FhirQuantity = Quantity;

/**
 * R4 `Address`.
 * @example
 * ```ts
 * const a: FhirAddress = { line: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62704' }
 * ```
 */
export type FhirAddress = Address;

/**
 * R4 `HumanName`.
 * @example
 * ```ts
 * const n: FhirHumanName = { family: 'Alvarez', given: ['Ruth'] }
 * ```
 */
export type FhirHumanName = HumanName;

/**
 * R4 `Extension`.
 * @example
 * ```ts
 * const e: FhirExtension = { url: FREQUENCY_EXTENSION_URL, valueCode: '7' }
 * ```
 */
export type FhirExtension = Extension;

/**
 * R4 `Patient`.
 * @example
 * ```ts
 * const p: FhirPatient = { resourceType: 'Patient', id: 'patient', gender: 'female', birthDate: '1961-04-02' }
 * ```
 */
export type FhirPatient = Patient;

/**
 * R4 `Practitioner`.
 * @example
 * ```ts
 * const p: FhirPractitioner = { resourceType: 'Practitioner', id: 'rendering', identifier: [{ system: NPI_SYSTEM_URI, value: '1234567893' }] }
 * ```
 */
export type FhirPractitioner = Practitioner;

/**
 * R4 `Organization`.
 * @example
 * ```ts
 * const o: FhirOrganization = { resourceType: 'Organization', id: 'payer', name: 'Medicare Part B', identifier: [{ value: '00952' }] }
 * ```
 */
export type FhirOrganization = Organization;

/**
 * R4 `Coverage`: `status`, `beneficiary` and `payor` are required.
 * @example
 * ```ts
 * const c: FhirCoverage = { resourceType: 'Coverage', id: 'coverage', status: 'active', beneficiary: { reference: '#patient' }, payor: [{ reference: '#payer' }] }
 * ```
 */
export type FhirCoverage = Coverage;

/**
 * A resource a medcode Claim refers to (contained, in a Bundle, or from a resolver).
 * @example
 * ```ts
 * fhir.contained?.filter((r): r is FhirPatient => r.resourceType === 'Patient')
 * ```
 */
export type FhirContainedResource = FhirPatient | FhirPractitioner | FhirOrganization | FhirCoverage;

/**
 * Any R4 resource (the `Resource` base of `fhir/r4`, which every resource type extends), as a
 * resolver or a Bundle entry gives it.
 * @example
 * ```ts
 * const r: FhirAnyResource = { resourceType: 'Patient', id: '123' }
 * ```
 */
export type FhirAnyResource = Resource;

/**
 * R4 `Bundle` (a FHIR server's search result or transaction, or a collection).
 * @example
 * ```ts
 * const b: FhirBundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'Claim/1', resource: claim }] }
 * ```
 */
export type FhirBundle = Bundle;

/**
 * R4 `Bundle.entry`.
 * @example
 * ```ts
 * const e: FhirBundleEntry = { fullUrl: 'https://fhir.example.org/Patient/123', resource: patient }
 * ```
 */
export type FhirBundleEntry = BundleEntry;

/**
 * R4 `StructureDefinition` (the definitions of medcode's extensions are shipped as these).
 * @example
 * ```ts
 * const sd: FhirStructureDefinition = JSON.parse(readFileSync('node_modules/medcode/fhir/StructureDefinition-claim-frequency.json', 'utf8'))
 * ```
 */
export type FhirStructureDefinition = StructureDefinition;

/**
 * R4 `Claim.diagnosis`.
 * @example
 * ```ts
 * const d: FhirClaimDiagnosis = { sequence: 1, diagnosisCodeableConcept: { coding: [{ system: ICD10CM_SYSTEM_URI, code: 'I10' }] } }
 * ```
 */
export type FhirClaimDiagnosis = ClaimDiagnosis;

/**
 * R4 `Claim.careTeam`.
 * @example
 * ```ts
 * const t: FhirClaimCareTeam = { sequence: 1, provider: { reference: '#rendering' }, responsible: true }
 * ```
 */
export type FhirClaimCareTeam = ClaimCareTeam;

/**
 * R4 `Claim.supportingInfo`.
 * @example
 * ```ts
 * const s: FhirClaimSupportingInfo = { sequence: 1, category: { coding: [{ code: 'hospitalized' }] }, timingPeriod: { start: '2026-05-01' } }
 * ```
 */
export type FhirClaimSupportingInfo = ClaimSupportingInfo;

/**
 * R4 `Claim.insurance`.
 * @example
 * ```ts
 * const i: FhirClaimInsurance = { sequence: 1, focal: true, coverage: { reference: '#coverage' } }
 * ```
 */
export type FhirClaimInsurance = ClaimInsurance;

/**
 * R4 `Claim.item.detail`.
 * @example
 * ```ts
 * const d: FhirClaimItemDetail = { sequence: 1, productOrService: { coding: [{ system: NDC_SYSTEM_URI, code: '00409379301' }] } }
 * ```
 */
export type FhirClaimItemDetail = ClaimItemDetail;

/**
 * R4 `Claim.item`.
 * @example
 * ```ts
 * const r = toFhirClaim(claim); const item: FhirClaimItem | undefined = r.ok ? r.value.item?.[0] : undefined
 * item.diagnosisSequence // [1, 2]
 * ```
 */
export type FhirClaimItem = ClaimItem;

/**
 * R4 `Claim`: `status`, `type`, `use`, `patient`, `created`, `provider`, `priority` and `insurance` are required.
 * @example
 * ```ts
 * const r = toFhirClaim(claim); const fhir: FhirClaim | undefined = r.ok ? r.value : undefined
 * fhir.total // { value: 150, currency: 'USD' }
 * ```
 */
export type FhirClaim = Claim;
