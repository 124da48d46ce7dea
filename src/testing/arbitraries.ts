/**
 * fast-check generators (`medcode/testing/arbitraries`; fast-check is an optional peer dependency):
 * valid codes of a system on a date, valid claims, and claims that carry exactly one chosen edit.
 * Each generated value, validated, gives exactly what it claims; medcode's own suite proves it.
 *
 * @module
 */
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { ClaimInput } from '../claims/schema';
import { checkOptionsArgument, invalidArgument } from '../core/arguments';
import { toIsoDate } from '../core/dates';
import type { DateInput } from '../core/dates';
import type { IssueCode } from '../core/issues';
import { hcpcs } from '../hcpcs/index';
import { icd10cm } from '../icd10cm/index';
import { icd10pcs } from '../icd10pcs/index';
import type { ValidateOptions } from '../rules/types';
import {
  QUIET_DIAGNOSES,
  QUIET_PROCEDURES,
  SCENARIO_DATE,
  scenario,
  scenariosFor,
  type Scenario,
  type ScenarioName,
} from './scenarios';

/** Entries are read once per edition and date, on first use (a lazy cache, not module state that changes answers). */
const codeLists = new Map<string, readonly string[]>();

function listOnce(key: string, build: () => readonly string[]): readonly string[] {
  let list = codeLists.get(key);
  if (list === undefined) {
    list = Object.freeze(build());
    codeLists.set(key, list);
  }
  return list;
}

function pick(list: readonly string[], what: string): Arbitrary<string> {
  if (list.length === 0) throw new TypeError(`no ${what} to generate from`);
  return fc.integer({ min: 0, max: list.length - 1 }).map((i) => list[i]!);
}

/**
 * A billable ICD-10-CM code valid on the date (dotted), 7th character and placeholder included.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(icd10cmCode({ on: '2026-11-01' }), (code) => icd10cm.at('2026-11-01').check(code).ok))
 * ```
 */
export function icd10cmCode(at: { readonly on: DateInput }): Arbitrary<string> {
  checkedAt('icd10cmCode', at);
  const set = icd10cm.at(at.on);
  const list = listOnce(`icd10cm:${set.edition.id}`, () => {
    const out: string[] = [];
    for (const e of set.codes()) if (e.billable) out.push(e.code);
    return out;
  });
  return pick(list, `billable ICD-10-CM codes in ${set.edition.name}`);
}

/**
 * A HCPCS Level II code in force on the date.
 *
 * @example
 * ```ts
 * fc.sample(hcpcsCode({ on: '2026-03-01' }), 3) // e.g. ['A4206', 'G0283', 'J1100']
 * ```
 */
export function hcpcsCode(at: { readonly on: DateInput }): Arbitrary<string> {
  checkedAt('hcpcsCode', at);
  const set = hcpcs.at(at.on);
  // The calendar day `hcpcs.at` reads (a Date's local day), so the list and its cache key agree.
  const day = toIsoDate(at.on) ?? String(at.on);
  // codes({ inForce: true }) is decided by check(): every code listed passes it on the date.
  const list = listOnce(`hcpcs:${set.edition.id}:${day}`, () =>
    Array.from(set.codes({ inForce: true }), (e) => e.code),
  );
  return pick(list, `HCPCS codes in force on ${day}`);
}

/**
 * An ICD-10-PCS code that the tables of the edition in force on the date generate.
 *
 * @example
 * ```ts
 * fc.sample(icd10pcsCode({ on: '2026-05-01' }), 1) // e.g. ['0DTJ4ZZ']
 * ```
 */
export function icd10pcsCode(at: { readonly on: DateInput }): Arbitrary<string> {
  checkedAt('icd10pcsCode', at);
  const set = icd10pcs.at(at.on);
  const list = listOnce(`icd10pcs:${set.edition.id}`, () => Array.from(set.codes(), (e) => e.code));
  return pick(list, `ICD-10-PCS codes in ${set.edition.name}`);
}

/** A claim with the options to validate it with. */
export interface GeneratedClaim {
  readonly claim: ClaimInput;
  readonly options: ValidateOptions;
}

/** What varies a scenario without changing its edits: ids, names, charges. */
const variation = fc.record({
  claimId: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
  patientFirstName: fc.stringMatching(/^[A-Z][a-z]{1,14}$/),
  patientLastName: fc.stringMatching(/^[A-Z][a-z]{1,19}$/),
  charge: fc.integer({ min: 1, max: 999_999 }).map((cents) => (cents / 100).toFixed(2)),
});

/** Options of {@link validClaim}. */
export interface ValidClaimOptions {
  /**
   * Date of service, a calendar date YYYY-MM-DD (anything else is refused: a MedcodeError naming
   * `options.on`); default 2026-05-12 (ICD-10-CM FY2026, HCPCS January 2026, MUE 2026 Q2 in
   * force). It is also the `today` of the returned options, so a later date is not a future date
   * of service. Pick one the code sets medcode holds cover: a claim dated outside them is NOT
   * CHECKED, not clean.
   */
  readonly on?: string;
  /** `professional` (default): an office claim; `inpatient`: a two-night stay. */
  readonly setting?: 'professional' | 'inpatient';
  /**
   * Number of service lines of a professional claim, 1 to 8 (default: 1 to 4, generated). An
   * inpatient claim has one procedure line whatever this says.
   */
  readonly lines?: number;
}

/**
 * A claim that passes every built-in edit of its profile with no edit at all: diagnoses from
 * {@link QUIET_DIAGNOSES}, distinct procedures, all pointers valid.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(validClaim({ lines: 3 }), ({ claim, options }) => validateClaim(claim, options).ok))
 * ```
 */
export function validClaim(options: ValidClaimOptions = {}): Arbitrary<GeneratedClaim> {
  checkOptionsArgument('validClaim', options);
  const setting = options.setting ?? 'professional';
  const lineCount =
    options.lines === undefined ? fc.integer({ min: 1, max: 4 }) : fc.constant(checkedLines(options.lines));
  const on = options.on === undefined ? SCENARIO_DATE : checkedOn(options.on);
  const base = setting === 'inpatient' ? 'inpatient-clean' : 'clean';
  return fc
    .tuple(
      variation,
      lineCount,
      fc.uniqueArray(fc.constantFrom(...QUIET_DIAGNOSES), { minLength: 1, maxLength: 4 }),
      fc.shuffledSubarray([...QUIET_PROCEDURES], { minLength: 8, maxLength: 8 }),
    )
    .map(([v, n, diagnoses, procedures]) => {
      const s = scenario(base, { ...v, on });
      const first = s.claim.lines[0]!;
      const claim = {
        ...s.claim,
        diagnoses: diagnoses.map((code) =>
          setting === 'inpatient' ? { code, poa: 'Y' as const } : { code },
        ),
        lines:
          setting === 'inpatient'
            ? [{ ...first, diagnosisPointers: diagnoses.map((_, i) => i + 1).slice(0, 4) }]
            : procedures.slice(0, n).map((procedure) => ({
                ...first,
                procedure,
                diagnosisPointers: diagnoses.map((_, i) => i + 1).slice(0, 4),
              })),
      } as ClaimInput;
      // Today is the date of service (the last day of the claim, discharge included), so that the
      // claim is never dated in the future of the machine that validates it.
      return { claim, options: { ...s.options, today: on } };
    });
}

function checkedOn(on: unknown): string {
  if (typeof on !== 'string' || toIsoDate(on) !== on)
    throw invalidArgument('validClaim', 'options.on', 'a calendar date YYYY-MM-DD', on);
  return on;
}

function checkedLines(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > QUIET_PROCEDURES.length)
    throw invalidArgument(
      'validClaim',
      'options.lines',
      `a whole number from 1 to ${QUIET_PROCEDURES.length}`,
      n,
    );
  return n;
}

/** The `{ on }` of a code generator, refused by name when it is not an object. */
function checkedAt(fn: string, at: unknown): { readonly on: DateInput } {
  if (typeof at !== 'object' || at === null) throw invalidArgument(fn, 'at', 'an object { on: date }', at);
  return at as { readonly on: DateInput };
}

/** A claim generated for one edit, with the scenario it came from. */
export interface ClaimWithEdit extends GeneratedClaim {
  readonly scenario: ScenarioName;
  readonly edit: IssueCode;
  readonly path: readonly (string | number)[];
}

/**
 * A claim that carries exactly one edit: validation gives one issue, with this code, at the path
 * given. Available for every edit in `SCENARIO_EDITS` (the built-in edits whose data medcode ships).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(claimWithEdit('mue_exceeded'), ({ claim, options }) =>
 *   validateClaim(claim, options).issues.length === 1))
 * ```
 */
export function claimWithEdit(edit: IssueCode): Arbitrary<ClaimWithEdit> {
  const names = scenariosFor(edit);
  if (names.length === 0)
    throw invalidArgument(
      'claimWithEdit',
      'edit',
      'an edit code in SCENARIO_EDITS (a claim edit whose data medcode ships)',
      edit,
    );
  return fc.tuple(fc.constantFrom(...names), variation).map(([name, v]) => {
    const s: Scenario = scenario(name, v);
    return { claim: s.claim, options: s.options, scenario: name, edit, path: s.path ?? [] };
  });
}
