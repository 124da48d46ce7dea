/**
 * A result type for operations that can fail with structured issues.
 *
 * @module
 */
import type { MedcodeIssue } from './issues';

/** Success with a value, or failure with at least one issue. */
export type Result<T, I = MedcodeIssue> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly I[] };
