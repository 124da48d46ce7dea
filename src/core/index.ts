/**
 * Shared foundations: editions and dates, code-system ids and URIs, the issue type and its message
 * layer, errors, the result shape, code shapes and the code-set interface every system implements.
 *
 * Build internals (the pack container `PackReader`/`PackWriter`, `crc32`, `createIssueInPlace`) are
 * not part of the public API: modules inside medcode import them from their own files.
 *
 * @module
 */
export * from './systems';
export * from './dates';
export type {
  Severity,
  IssuePath,
  IssueBase,
  MalformedReason,
  AllowedValue,
  X12SyntaxReason,
  X12SegmentReason,
  X12UnwritableReason,
  IssueVariants,
  MedcodeIssue,
  IssueCode,
  IssueDraft,
  IssueFormatter,
  IssueMessages,
  FormatIssueOptions,
} from './issues';
export { createIssue, formatIssue, formatPath, sortIssues } from './issues';
export * from './messages';
export * from './errors';
export * from './result';
export * from './code-shape';
export * from './edition';
export * from './codeset';
export type { PackHeader, PackSectionInfo, PackSectionType } from './pack';
export { PACK_FORMAT_VERSION, preparePackInflate } from './pack';
export * from './manifest';
export * from './data-dir';
export * from './detect';
export * from './search-options';
export type {
  PackSource,
  PackSourceInput,
  PackBytes,
  PackLoader,
  LoadPacksOptions,
  PackSystem,
  FolderFileSystem,
} from './pack-source';
export {
  memorySource,
  loadPacks,
  fetchPackLoader,
  defaultPackSource,
  toPackSource,
  folderSourceWith,
  PACK_SYSTEMS,
} from './pack-source';
export * from './staleness';
