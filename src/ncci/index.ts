/**
 * medcode/ncci: the CMS National Correct Coding Initiative tables — PTP edits (import the CMS
 * quarterly zips into compact packs, look pairs up on a date of service) and Medically Unlikely
 * Edits (the practitioner table effective 2026-04-01 built in; other tables imported) and add-on
 * code edits (the CMS AOC table of 2026 Q2 built in).
 *
 * @module
 */
export { PtpTable, importPtp, loadPtpTables, selectPtpTable } from './ptp';
export type {
  PtpEdit,
  PtpTableKind,
  PtpModifierIndicator,
  DeletionBound,
  PtpImportInput,
  PtpImportOptions,
  PtpImportProgress,
  PtpVersionPolicy,
} from './ptp';
export { MueTable, parseMueCsv, importMue, loadMueTable } from './mue';
export type { MueEntry, MueSetting, MueAdjudicationIndicator, MueParseOptions } from './mue';
export {
  AocTable,
  AOC_EDIT_TYPES,
  AOC_COLUMNS,
  CONTRACTOR_DEFINED_PRIMARY,
  julianToIso,
  loadAocTable,
  parseAocRows,
} from './aoc';
export type { AocEditType, AocEntry, AocPrimary, AocParseOptions } from './aoc';
export { encodeProcedureCode, decodeProcedureCode } from './codes';
export { createMueSystem } from './system';
export type { MueSystem } from './system';
