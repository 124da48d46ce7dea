/**
 * medcode/hcc: CMS-HCC risk adjustment. The V28 model of payment year 2026 as CMS publishes it
 * (ICD-10-CM mapping with age/sex edits, hierarchies, interactions, relative factors), scoring of a
 * beneficiary with every term explained, scoring over a stream of claims, and the CMS mappings
 * workbook as a crosswalk to ESRD V21/V24, CMS-HCC V22 and RxHCC V08.
 *
 * @module
 */
export { hcc, createHccSystem, HccCrosswalk } from './system';
export type { HccSystem, HccCrosswalkEntry } from './system';
export { HccModel, ageSexCell, newEnrolleeCell, ageOnFebruaryFirst, undottedDiagnosis } from './score';
export { scoreClaimStream, defaultPatientKey } from './stream';
export type { ClaimStreamOptions, ClaimStreamScores, HccEnrollment } from './stream';
export {
  parseHccModelTables,
  parseAgeCondition,
  encodeHccModelPack,
  decodeHccModelPack,
  parseHccCrosswalkRows,
  encodeHccCrosswalkPack,
  decodeHccCrosswalkPack,
  CROSSWALK_MODELS,
  HCC_MODEL_PACK_KIND,
  HCC_CROSSWALK_PACK_KIND,
} from './loader';
export type { HccModelTablesText, HccCrosswalkRow, CrosswalkModel } from './loader';
export { CONTINUING_ENROLLEE_SEGMENTS, SEGMENT_COLUMNS } from './model';
export type {
  AgeCondition,
  HccSex,
  DiagnosisMappingRow,
  HccSegment,
  RelativeFactor,
  HccInteraction,
  HccModelData,
  OriginalReasonForEntitlement,
  DualStatus,
  HccBeneficiary,
  DiagnosisOutcome,
  HccFinding,
  ScoreTerm,
  SegmentScore,
  RiskScore,
} from './model';
