/**
 * `medcode/icd10cm`: ICD-10-CM diagnosis codes. Typed codes (parse/normalize/format), the FY2026
 * and FY2027 editions built from the official CMS/CDC files, validation with precise reasons,
 * hierarchy, instructional notes with structured Excludes references, and search.
 *
 * @example
 * ```ts
 * import { icd10cm } from 'medcode/icd10cm'
 * const cs = icd10cm.at('2026-05-01')
 * cs.get('e119')?.title            // 'Type 2 diabetes mellitus without complications'
 * cs.check('S72.001').issues[0]    // seventh_character_missing, allowed A, B, C, …
 * ```
 *
 * @module
 */
export { icd10cm, createIcd10CmSystem } from './system';
export type { Icd10CmSystem, Icd10CmSystemOptions, Icd10CmDiff } from './system';
export { Icd10CmCodeSet } from './codeset';
export type {
  Icd10CmEntry,
  Icd10CmCodeFilter,
  Icd10CmExcludesConflict,
  Icd10CmExcludesKind,
} from './codeset';
export type { Icd10CmNote, Icd10CmNoteLevel, Icd10CmEffectiveNotes, Icd10CmNoteKind } from './notes';
export { ICD10CM_NOTE_KINDS } from './notes';
export type { Icd10CmCodeReference } from './references';
export { parseIcd10CmReferences, referenceCovers } from './references';
export {
  parseIcd10CmCode,
  normalizeIcd10CmCode,
  isCanonicalIcd10CmCode,
  formatIcd10CmDotted,
  formatIcd10CmUndotted,
} from './model';
export type { Icd10CmCode, Icd10CmParseResult } from './model';
export type { ParsedCode, MalformedShape } from '../core/code-shape';
export { searchTokens } from './text';
export { CODE_SYSTEMS } from '../core/systems';
export { preparePackInflate } from '../core/pack';
