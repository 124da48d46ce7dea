/**
 * `medcode/icd10pcs`: ICD-10-PCS (inpatient procedures) as tables: lookup, validation naming the
 * failing axis, decoding, browsing, iteration and search. Loads only ICD-10-PCS data, lazily.
 *
 * @example
 * ```ts
 * import { icd10pcs } from 'medcode/icd10pcs'
 * const cs = icd10pcs.at('2026-05-01')
 * cs.check('0LB5OZZ').issues[0]?.message
 * ```
 *
 * @module
 */
export { icd10pcs, createIcd10PcsSystem } from './system';
export type { Icd10PcsSystem, Icd10PcsSystemOptions } from './system';
export { Icd10PcsCodeSet } from './codeset';
export {
  ICD10PCS_ALPHABET,
  ICD10PCS_CODE_LENGTH,
  normalizeIcd10PcsInput,
  isCanonicalIcd10Pcs,
  isIcd10PcsCharacter,
} from './model';
export type {
  Icd10PcsAxis,
  Icd10PcsAxisValue,
  Icd10PcsDecoded,
  Icd10PcsDecodedAxis,
  Icd10PcsEntry,
  Icd10PcsRow,
  Icd10PcsRowAxis,
  Icd10PcsTable,
  Icd10PcsTableFilter,
} from './model';
