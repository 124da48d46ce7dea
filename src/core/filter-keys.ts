/**
 * How every code set's `codes(filter)` refuses a filter: its unknown keys, and the one error shape.
 *
 * @module
 */
import { MedcodeError } from './errors';
import { createIssue } from './issues';
import type { CodeSystemId } from './systems';

/**
 * Throws a {@link MedcodeError} `invalid_option` (`filter.<key>`) for the first key of `filter`
 * that is not in `known`. A misspelt option, or another code set's name for one (ICD-10-CM's
 * `under` given to HCPCS, whose option is `prefix`), would otherwise be ignored and every code
 * yielded as if it matched.
 *
 * @example
 * ```ts
 * refuseUnknownFilterKeys({ under: 'G01' }, new Set(['prefix', 'inForce', 'where']), 'hcpcs', 'HCPCS 2026-jan')
 * // throws MedcodeError: invalid_option at filter.under, expected one of prefix, inForce, where
 * ```
 */
export function refuseUnknownFilterKeys(
  filter: object,
  known: ReadonlySet<string>,
  system: CodeSystemId,
  dataVersion: string,
): void {
  for (const key of Object.keys(filter))
    if (!known.has(key))
      throwInvalidFilter(
        system,
        dataVersion,
        `filter.${key.slice(0, 40)}`,
        `one of ${[...known].join(', ')}`,
        (filter as Record<string, unknown>)[key],
      );
}

/**
 * Throws the {@link MedcodeError} `invalid_option` of a code set's `codes(filter)`: the option
 * (`filter`, `filter.under`), what it must be, and what was given.
 *
 * @example
 * ```ts
 * throwInvalidFilter('icd10cm', 'ICD-10-CM FY2026', 'filter.billable', 'true or false', 'yes')
 * // throws MedcodeError: invalid_option at filter.billable
 * ```
 */
export function throwInvalidFilter(
  system: CodeSystemId,
  dataVersion: string,
  option: string,
  expected: string,
  input: unknown,
): never {
  throw new MedcodeError([
    createIssue({
      code: 'invalid_option',
      severity: 'error',
      path: [],
      codes: [],
      system,
      dataVersion,
      option,
      expected,
      input,
    }),
  ]);
}
