/**
 * The one error class medcode throws. It is thrown only where a function cannot return a result
 * (e.g. `at(date)` when no edition is in force, or a corrupted data pack); everything that checks
 * user data returns issues instead.
 *
 * @module
 */
import type { MedcodeIssue } from './issues';

/**
 * Thrown by medcode; carries the structured issues behind the message.
 *
 * @example
 * ```ts
 * try { icd10cm.at('1999-01-01') } catch (e) {
 *   if (e instanceof MedcodeError) e.issues[0]?.code // 'no_edition'
 * }
 * ```
 */
export class MedcodeError extends Error {
  override readonly name = 'MedcodeError';
  /** The structured issues (at least one). */
  readonly issues: readonly MedcodeIssue[];

  constructor(issues: readonly MedcodeIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.issues = Object.freeze([...issues]);
  }
}

/** Why a data pack could not be loaded. */
export type PackErrorReason =
  | 'missing'
  | 'bad_magic'
  | 'unsupported_version'
  | 'truncated'
  | 'checksum_mismatch'
  | 'bad_header'
  | 'missing_section'
  | 'inconsistent'
  /** The pack holds another kind of data than the file name promises (e.g. notes in `codes.pack`). */
  | 'kind_mismatch'
  /** The pack was built for another edition than the folder (and manifest) it sits in. */
  | 'edition_mismatch'
  /** The pack's bytes do not match the size or digest its manifest records. */
  | 'digest_mismatch'
  /** A manifest contradicts its folder or another manifest (id, dates, overlapping editions). */
  | 'manifest_fault'
  /** No pack source is available (no built-in folder in this runtime and none was passed). */
  | 'no_source';

/**
 * Thrown when a code-set pack or source data file is missing, truncated or corrupted. Loading fails
 * as a whole: a code set is never half-loaded.
 *
 * @example
 * ```ts
 * try { PackReader.fromFile('missing.pack') } catch (e) {
 *   if (e instanceof PackError) e.reason // 'missing'
 * }
 * ```
 */
export class PackError extends Error {
  override readonly name = 'PackError';
  constructor(
    readonly reason: PackErrorReason,
    readonly file: string,
    detail: string,
  ) {
    super(`cannot load ${file}: ${detail}`);
  }
}

/**
 * Thrown when an official source file does not have the layout medcode expects.
 *
 * @example
 * ```ts
 * throw new SourceFormatError('HCPC2026_JAN_ANWEB.txt', 12, 'data past position 320')
 * // message: 'HCPC2026_JAN_ANWEB.txt:12: data past position 320'
 * ```
 */
export class SourceFormatError extends Error {
  override readonly name = 'SourceFormatError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${detail}`);
  }
}
