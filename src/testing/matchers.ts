/**
 * Assertion matchers for claims and codes, written once against the matcher contract that vitest
 * and jest share (`expect.extend({ name(received, ...args) { return { pass, message } } })`).
 * Failure messages show the edits in the table `medcode validate` prints, with paths and remedies.
 *
 * @module
 */
import { renderEditTable } from '../cli/edit-table';
import { describeArgument, invalidArgument } from '../core/arguments';
import type { DateInput } from '../core/dates';
import type { IssueCode, Severity } from '../core/issues';
import type { Result } from '../core/result';
import { hcpcs, placesOfService } from '../hcpcs/index';
import { icd10cm } from '../icd10cm/index';
import { icd10pcs } from '../icd10pcs/index';
import { validateClaimJson } from '../rules/engine';
import type { ClaimEdit, ClaimValidation, ValidateOptions } from '../rules/types';

/** What a matcher returns: the contract of `expect.extend` in vitest and jest alike. */
export interface MatcherOutcome {
  readonly pass: boolean;
  readonly message: () => string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/** The code systems `toBeValidCode` checks. */
export type TestableCodeSystem = 'icd10cm' | 'icd10pcs' | 'hcpcs' | 'hcpcs-modifier' | 'pos';

/** Which edit `toHaveEdit` looks for; every field given must match. */
export interface EditExpectation {
  /** 1-based service line, as the CLI table and CMS-1500 number them. */
  readonly line?: number;
  readonly severity?: Severity;
  /** The rule id, e.g. `ncci-mue`. */
  readonly rule?: string;
  /** The exact path, e.g. `['lines', 0, 'units']`. */
  readonly path?: readonly (string | number)[];
  /** One of the codes the edit names. */
  readonly code?: string;
  /** Validation options when the received value is a claim (default: the professional profile). */
  readonly options?: ValidateOptions;
}

const DEFAULT_OPTIONS: ValidateOptions = Object.freeze({ profile: 'medicare-professional' });

/** A validation result as the matchers receive it, or the claim to validate. */
function validationOf(received: unknown, options: ValidateOptions | undefined): ClaimValidation {
  if (isValidation(received)) return received;
  return validateClaimJson(received, options ?? DEFAULT_OPTIONS);
}

function isValidation(v: unknown): v is ClaimValidation {
  return (
    typeof v === 'object' &&
    v !== null &&
    'status' in v &&
    'issues' in v &&
    'skipped' in v &&
    Array.isArray((v as { issues: unknown }).issues)
  );
}

function table(issues: readonly ClaimEdit[]): string {
  return issues.length === 0 ? '  (no edits)' : renderEditTable(issues, 120);
}

function skippedLines(v: ClaimValidation): string {
  return v.skipped.length === 0
    ? ''
    : `\nskipped:\n${v.skipped.map((s) => `  ${s.rule}: ${s.reason}`).join('\n')}`;
}

function matches(e: ClaimEdit, code: IssueCode | string, want: EditExpectation): boolean {
  if (e.code !== code) return false;
  if (want.severity !== undefined && e.severity !== want.severity) return false;
  if (want.rule !== undefined && e.rule !== want.rule) return false;
  if (want.line !== undefined && !(e.path[0] === 'lines' && e.path[1] === want.line - 1)) return false;
  if (want.path !== undefined && JSON.stringify(e.path) !== JSON.stringify(want.path)) return false;
  if (want.code !== undefined && !e.codes.includes(want.code)) return false;
  return true;
}

function describeExpectation(code: string, want: EditExpectation): string {
  const { options: _options, ...fields } = want;
  const parts = Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return parts.length > 0 ? `${code} { ${parts.join(', ')} }` : code;
}

/**
 * `expect(claim).toPassEdits(options?)`: the claim (or a validation result) passes: every code was
 * checked and no edit is an error. Warnings and infos are allowed unless `strict` is set.
 *
 * @example
 * ```ts
 * expect(claim).toPassEdits({ profile: 'medicare-professional' })
 * ```
 */
export function toPassEdits(
  received: unknown,
  options?: ValidateOptions & { readonly strict?: boolean },
): MatcherOutcome {
  const { strict, ...validate } = options ?? {};
  const v = validationOf(received, options ? validate : undefined);
  const pass = v.status === 'passed' && (!strict || v.issues.length === 0);
  return {
    pass,
    message: () =>
      pass
        ? `expected the claim not to pass its edits, but it passed${v.issues.length ? ` with:\n${table(v.issues)}` : ''}`
        : `expected the claim to pass its edits${strict ? ' with no edit at all' : ''}, but its status is ${v.status.toUpperCase().replace('_', ' ')}:\n${table(v.issues)}${skippedLines(v)}`,
  };
}

/**
 * `expect(claim).toHaveEdit(code, expectation?)`: validation gives an edit with this code (and the
 * line, severity, rule, path or code given).
 *
 * @example
 * ```ts
 * expect(claim).toHaveEdit('mue_exceeded', { line: 1, severity: 'error' })
 * ```
 */
export function toHaveEdit(
  received: unknown,
  code: IssueCode,
  expectation: EditExpectation = {},
): MatcherOutcome {
  const v = validationOf(received, expectation.options);
  const hit = v.issues.find((e) => matches(e, code, expectation));
  const wanted = describeExpectation(code, expectation);
  return {
    pass: hit !== undefined,
    message: () =>
      hit !== undefined
        ? `expected no edit ${wanted}, but found one:\n${table([hit])}`
        : `expected an edit ${wanted}, but the claim has:\n${table(v.issues)}${skippedLines(v)}`,
    actual: v.issues.map((e) => ({ code: e.code, path: e.path, severity: e.severity, rule: e.rule })),
    expected: wanted,
  };
}

/**
 * `expect(result).toHaveSkipped(ruleId)`: the rule could not run (no data for the date, no table
 * given), so it neither passed nor failed the claim.
 *
 * @example
 * ```ts
 * expect(validateClaim(claim)).toHaveSkipped('ncci-ptp')
 * ```
 */
export function toHaveSkipped(received: unknown, rule: string, options?: ValidateOptions): MatcherOutcome {
  const v = validationOf(received, options);
  const hit = v.skipped.find((s) => s.rule === rule);
  return {
    pass: hit !== undefined,
    message: () =>
      hit !== undefined
        ? `expected rule ${rule} to have run, but it was skipped: ${hit.reason}`
        : `expected rule ${rule} to be skipped, but it ran.${skippedLines(v) || ' No rule was skipped.'}\nedits:\n${table(v.issues)}`,
  };
}

/**
 * `expect(code).toBeValidCode(system, { on })`: the code is valid for submission in the edition of
 * that system in force on the date.
 *
 * @example
 * ```ts
 * expect('E11.9').toBeValidCode('icd10cm', { on: '2026-11-01' })
 * ```
 */
export function toBeValidCode(
  received: unknown,
  system: TestableCodeSystem,
  at: { readonly on: DateInput },
): MatcherOutcome {
  const result = checkCode(system, received, at?.on);
  // The value under test may be anything, a null-prototype object included (String() would throw).
  const shown = typeof received === 'string' ? received : describeArgument(received);
  return {
    pass: result.ok,
    message: () =>
      result.ok
        ? `expected ${shown} not to be a valid ${system} code on ${String(at?.on)}, but it is`
        : `expected ${shown} to be a valid ${system} code on ${String(at?.on)}:\n${result.issues.map((i) => `  ${i.code}: ${i.message}`).join('\n')}`,
  };
}

function checkCode(system: TestableCodeSystem, code: unknown, on: DateInput | undefined): Result<unknown> {
  const sys =
    system === 'icd10cm'
      ? icd10cm
      : system === 'icd10pcs'
        ? icd10pcs
        : system === 'hcpcs'
          ? hcpcs
          : system === 'hcpcs-modifier'
            ? hcpcs.modifiers
            : system === 'pos'
              ? placesOfService
              : undefined;
  if (sys === undefined)
    throw invalidArgument(
      'toBeValidCode',
      'system',
      "one of 'icd10cm', 'icd10pcs', 'hcpcs', 'hcpcs-modifier', 'pos'",
      system,
    );
  const set = sys.tryAt(on as DateInput);
  if (!set.ok) return set;
  return set.value.check(code);
}

/**
 * All matchers, for `expect.extend(medcodeMatchers)` in any runner with jest's matcher contract.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest'
 * expect.extend(medcodeMatchers)
 * ```
 */
export const medcodeMatchers = Object.freeze({ toPassEdits, toHaveEdit, toHaveSkipped, toBeValidCode });

/** The matchers' signatures as a runner's `Assertion` sees them (the received value is implied). */
export interface MedcodeMatchers<R = unknown> {
  /** The claim passes its edits (no error edit, every code checked). */
  toPassEdits(options?: ValidateOptions & { readonly strict?: boolean }): R;
  /** Validation gives an edit with this code, matching the expectation. */
  toHaveEdit(code: IssueCode, expectation?: EditExpectation): R;
  /** The validation result lists this rule as skipped. */
  toHaveSkipped(rule: string, options?: ValidateOptions): R;
  /** The code is valid in the edition in force on the date. */
  toBeValidCode(system: TestableCodeSystem, at: { readonly on: DateInput }): R;
}
