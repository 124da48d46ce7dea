/**
 * Code-system identifiers, names and canonical URIs.
 *
 * The URIs are the HL7 Terminology (THO) canonical URLs (HL7 UTG code systems icd10CM,
 * icd10PCS, CPT, hcpcs-level-ii, CMS-PlaceofServiceCodes and presentOnAdmission). Every constant is
 * a literal type, so `CODE_SYSTEMS.icd10cm.uri` is `'http://hl7.org/fhir/sid/icd-10-cm'`.
 *
 * @module
 */

/** Stable identifiers of the code systems medcode knows. */
export type CodeSystemId =
  | 'icd10cm'
  | 'icd10pcs'
  | 'hcpcs'
  | 'hcpcs-modifier'
  | 'cpt'
  | 'cpt-modifier'
  | 'pos'
  | 'ncci-ptp'
  | 'ncci-mue'
  | 'ncci-aoc'
  | 'mce'
  | 'hcc'
  | 'pfs';

/** ICD-10-CM FHIR system URI (THO, OID 2.16.840.1.113883.6.90). */
export const ICD10CM_SYSTEM_URI = 'http://hl7.org/fhir/sid/icd-10-cm' as const;
/** ICD-10-PCS FHIR system URI (THO, OID 2.16.840.1.113883.6.4). */
export const ICD10PCS_SYSTEM_URI = 'http://www.cms.gov/Medicare/Coding/ICD10' as const;
/** CPT FHIR system URI (THO, OID 2.16.840.1.113883.6.12). CPT modifiers share it. */
export const CPT_SYSTEM_URI = 'http://www.ama-assn.org/go/cpt' as const;
/**
 * HCPCS Level II FHIR system URI as published by THO 1.0.2 (`http`). THO up to 1.0.1 and CMS Blue
 * Button use the `https` form ({@link HCPCS_SYSTEM_URI_HTTPS}); both are in use, so medcode emits
 * this one and accepts both on input.
 */
export const HCPCS_SYSTEM_URI = 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets' as const;
/** The `https` spelling of the HCPCS Level II URI (THO ≤ 1.0.1, CMS BFD). Accepted on input. */
export const HCPCS_SYSTEM_URI_HTTPS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets' as const;
/** CMS Place of Service code set URI (THO, OID 2.16.840.1.113883.15.5). */
export const POS_SYSTEM_URI =
  'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set' as const;
/** Present-on-admission indicator URI (THO, OID 2.16.840.1.113883.6.301.11). */
export const POA_SYSTEM_URI =
  'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/HospitalAcqCond/Coding' as const;

/**
 * Canonical base of medcode's own FHIR conformance resources: each medcode extension URL is
 * `${MEDCODE_FHIR_CANONICAL_BASE}/StructureDefinition/<name>`, which is where its
 * StructureDefinition would be published. The definitions themselves ship in the package
 * (`medcode/fhir/StructureDefinition-<name>.json`), so no network access is needed to validate.
 *
 * @example
 * ```ts
 * import { MEDCODE_FHIR_CANONICAL_BASE } from 'medcode'
 * MEDCODE_FHIR_CANONICAL_BASE // 'https://medcode.dev/fhir'
 * ```
 */
export const MEDCODE_FHIR_CANONICAL_BASE = 'https://medcode.dev/fhir' as const;
/**
 * X12 code list of data element 1069, Individual Relationship Code (837P SBR02), under X12's
 * code-system URI scheme `https://codesystem.x12.org/005010/<element>` as HL7 Da Vinci PAS uses it
 * (PAS Coverage.relationship carries this coding beside the HL7 subscriber-relationship one).
 */
export const X12_INDIVIDUAL_RELATIONSHIP_SYSTEM_URI = 'https://codesystem.x12.org/005010/1069' as const;
/**
 * X12 code list of data element 1032, Claim Filing Indicator Code (837P SBR09), under the same X12
 * code-system URI scheme (`https://codesystem.x12.org/005010/<element>`).
 */
export const X12_CLAIM_FILING_INDICATOR_SYSTEM_URI = 'https://codesystem.x12.org/005010/1032' as const;

/** Descriptive facts about one code system. */
export interface CodeSystemInfo {
  readonly id: CodeSystemId;
  /** Display name, e.g. `ICD-10-CM`. */
  readonly name: string;
  /** FHIR canonical URI, where one exists. */
  readonly uri?: string;
  /** HL7 OID, where one exists. */
  readonly oid?: string;
  /** Who maintains the code set. */
  readonly steward: string;
}

/**
 * Facts for every code system, keyed by id.
 *
 * @example
 * ```ts
 * import { CODE_SYSTEMS } from 'medcode'
 * CODE_SYSTEMS.icd10cm.uri // 'http://hl7.org/fhir/sid/icd-10-cm'
 * ```
 */
export const CODE_SYSTEMS = Object.freeze({
  icd10cm: Object.freeze({
    id: 'icd10cm',
    name: 'ICD-10-CM',
    uri: ICD10CM_SYSTEM_URI,
    oid: '2.16.840.1.113883.6.90',
    steward: 'CDC/NCHS and CMS',
  } as const),
  icd10pcs: Object.freeze({
    id: 'icd10pcs',
    name: 'ICD-10-PCS',
    uri: ICD10PCS_SYSTEM_URI,
    oid: '2.16.840.1.113883.6.4',
    steward: 'CMS',
  } as const),
  hcpcs: Object.freeze({
    id: 'hcpcs',
    name: 'HCPCS Level II',
    uri: HCPCS_SYSTEM_URI,
    oid: '2.16.840.1.113883.6.285',
    steward: 'CMS',
  } as const),
  'hcpcs-modifier': Object.freeze({
    id: 'hcpcs-modifier',
    name: 'HCPCS Level II modifier',
    uri: HCPCS_SYSTEM_URI,
    oid: '2.16.840.1.113883.6.285',
    steward: 'CMS',
  } as const),
  cpt: Object.freeze({
    id: 'cpt',
    name: 'CPT',
    uri: CPT_SYSTEM_URI,
    oid: '2.16.840.1.113883.6.12',
    steward: 'American Medical Association',
  } as const),
  'cpt-modifier': Object.freeze({
    id: 'cpt-modifier',
    name: 'CPT modifier',
    uri: CPT_SYSTEM_URI,
    oid: '2.16.840.1.113883.6.12',
    steward: 'American Medical Association',
  } as const),
  pos: Object.freeze({
    id: 'pos',
    name: 'CMS Place of Service',
    uri: POS_SYSTEM_URI,
    oid: '2.16.840.1.113883.15.5',
    steward: 'CMS',
  } as const),
  'ncci-ptp': Object.freeze({
    id: 'ncci-ptp',
    name: 'NCCI procedure-to-procedure edits',
    steward: 'CMS',
  } as const),
  'ncci-mue': Object.freeze({
    id: 'ncci-mue',
    name: 'NCCI Medically Unlikely Edits',
    steward: 'CMS',
  } as const),
  'ncci-aoc': Object.freeze({
    id: 'ncci-aoc',
    name: 'NCCI add-on code edits',
    steward: 'CMS',
  } as const),
  mce: Object.freeze({ id: 'mce', name: 'Medicare Code Editor', steward: 'CMS' } as const),
  hcc: Object.freeze({ id: 'hcc', name: 'CMS-HCC risk adjustment model', steward: 'CMS' } as const),
  pfs: Object.freeze({ id: 'pfs', name: 'Medicare Physician Fee Schedule', steward: 'CMS' } as const),
} as const) satisfies Readonly<Record<CodeSystemId, CodeSystemInfo>>;
