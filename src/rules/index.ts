/**
 * medcode/rules: claim validation before the payer sees it — NCCI PTP and MUE, ICD-10-CM Excludes1
 * and etiology/manifestation, Medicare Code Editor lists, POA, validity on the date of service and
 * claim structure. Rules are modules; profiles are data; code sets are injected.
 *
 * @module
 */
export {
  validateClaim,
  validateClaimJson,
  validateClaims,
  createClaimValidator,
  PROFILES,
  BUILT_IN_RULES,
} from './engine';
export type { Profile, ClaimValidator, ClaimsValidationItem } from './engine';
export type * from './types';
export type * from './contract';
export type { DiagnosisTable, DiagnosisFacts } from './diagnosis-table';
export {
  MceLists,
  loadMceLists,
  parseMceTable,
  MCE_LOGIC_VERSIONS,
  MCE_MATERNITY_9_TO_64_FROM,
  maternityAgeRangeOf,
  mceLogicVersionOn,
} from './mce';
export type { MceListData, MceListName, MceLogicVersion } from './mce';
export { NCCI_PTP_MODIFIERS } from './modules/util';
export { CPT_FORMAT, HCPCS_LEVEL2_FORMAT, PCS_FORMAT } from './modules/validity';
