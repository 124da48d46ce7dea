/**
 * The immutable, fluent claim builder. Lines name their diagnoses by code; the builder keeps the
 * claim's diagnosis list in first-use order, removes duplicates and assigns the 1-based pointers
 * (837P 005010X222A1 loop 2400 SV107 points at loop 2300 HI positions; CMS-1500 item 24E points
 * at item 21 letters, NUCC 1500 Claim Form Reference Instruction Manual items 21 and 24E).
 *
 * Count limits are refused here with a `claim_limit_exceeded` issue rather than truncated:
 * 12 diagnoses (837P HI01–HI12, CMS-1500 21A–L), 50 lines (837P loop 2400 repeat 50),
 * 4 modifiers (SV101-3…6) and 4 pointers per line (SV107-1…4), all per the 005010X222A1 guide.
 *
 * @module
 */
import { upperAscii } from '../core/code-shape';
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import { parseClaim } from './parse';
import type { Result } from '../core/result';
import { failure, success } from '../core/result';
import { claimInvalidIssue, invalidOptionIssue, unreadable } from './internal';
import { MAX_DIAGNOSES, MAX_LINES, MAX_MODIFIERS, MAX_POINTERS } from './format-limits';
import type { Claim, ClaimDiagnosis, Patient, Payer, Provider, Subscriber } from './schema';

export { MAX_DIAGNOSES, MAX_LINES, MAX_MODIFIERS, MAX_POINTERS } from './format-limits';

/**
 * A service line as given to the builder: diagnoses are named by code, not by pointer. Any other
 * field (a misspelt `modifier`, the claim JSON's `diagnosisPointers`) makes `build()` fail with a
 * `claim_invalid` issue at `['lines', i, field]`, as an unknown header field does.
 * @example
 * ```ts
 * const line: LineInput = { procedure: '99213', charge: '95.00', serviceDate: '2026-05-01', diagnoses: ['I10'] }
 * ```
 */
export interface LineInput {
  readonly procedure: string;
  readonly modifiers?: readonly string[] | undefined;
  /** Units of service (default 1 when absent; `null` is refused, as in claim JSON). */
  readonly units?: number | undefined;
  readonly unitBasis?: 'UN' | 'MJ' | undefined;
  /** Exact decimal string, e.g. `"150.00"`. */
  readonly charge: string;
  readonly serviceDate?: string | undefined;
  readonly serviceDateFrom?: string | undefined;
  readonly serviceDateTo?: string | undefined;
  /** Diagnosis codes this line treats, primary first; added to the claim when new. */
  readonly diagnoses?: readonly string[] | undefined;
  readonly placeOfService?: string | undefined;
  readonly ndc?: string | undefined;
  readonly renderingProvider?: Provider | undefined;
}

/**
 * What an injected claim validator returns: `medcode/rules` `validateClaim`'s result (its edits in
 * `issues`), or an object with the edits in `edits`.
 * @example
 * ```ts
 * const noEdits = (): ClaimValidation => ({ issues: [] })
 * ```
 */
export type ClaimValidation =
  | { readonly issues: readonly MedcodeIssue[] }
  | { readonly edits: readonly MedcodeIssue[] };

/**
 * Options for {@link ClaimBuilder.build}.
 * @example
 * ```ts
 * builder.build({ validate: (c) => validateClaim(c) })
 * ```
 */
export interface BuildOptions {
  /**
   * Runs after the claim has parsed; its edits are added to the result, and any edit of severity
   * `error` makes the build fail. Plug `validateClaim` from `medcode/rules` in here; code-set
   * checks then use the edition in force on each line's date.
   */
  readonly validate?: (claim: Claim) => ClaimValidation;
}

/**
 * The outcome of {@link ClaimBuilder.build}. `issues` on success holds warnings and infos only.
 * @example
 * ```ts
 * const r: BuildResult = builder.build()
 * if (!r.ok) r.issues.forEach((i) => console.log(i.message))
 * ```
 */
export type BuildResult = Result<Claim>;

interface DiagnosisState {
  readonly key: string;
  readonly diagnosis: ClaimDiagnosis;
}

interface State {
  readonly header: Readonly<Record<string, unknown>>;
  readonly diagnoses: readonly DiagnosisState[];
  readonly lines: readonly Readonly<Record<string, unknown>>[];
  readonly issues: readonly MedcodeIssue[];
}

/**
 * An immutable claim under construction: every method returns a new builder.
 * @example
 * ```ts
 * const b: ClaimBuilder = claim({ claimId: 'PCN-7' }).placeOfService('11')
 * const withVisit = b.line({ procedure: '99213', charge: '95.00', serviceDate: '2026-05-01', diagnoses: ['I10'] }) // b is unchanged
 * ```
 */
export interface ClaimBuilder {
  /** Sets the claim id (837P CLM01 patient control number). */
  id(claimId: string): ClaimBuilder;
  patient(patient: Patient): ClaimBuilder;
  /** Claim-level place of service (837P CLM05-1, CMS-1500 24B default). */
  placeOfService(code: string): ClaimBuilder;
  /**
   * Claim frequency (837P CLM05-3): `1` original, `7` replacement, `8` void. A replacement or void
   * names the claim it changes by the payer's claim control number, required for 7 and 8 (837P
   * loop 2300 REF*F8, 005010X222A1; CMS-1500 item 22 "Original Ref. No."): every writer refuses 7
   * or 8 without it, and `validateClaim` reports it (`claim_invalid` at `payerClaimControlNumber`).
   */
  frequency(code: '1' | '7' | '8', payerClaimControlNumber?: string): ClaimBuilder;
  subscriber(subscriber: Subscriber): ClaimBuilder;
  payer(payer: Payer): ClaimBuilder;
  billingProvider(provider: Provider): ClaimBuilder;
  renderingProvider(provider: Provider): ClaimBuilder;
  /** Institutional admission and discharge dates (the discharge date selects the inpatient code set). */
  admission(admissionDate: string, dischargeDate?: string): ClaimBuilder;
  /**
   * Adds a diagnosis unless the same code (ignoring case, dot and spaces) is already there; a
   * later call with a POA indicator sets it on the existing entry. The 13th distinct code is
   * refused with `claim_limit_exceeded`.
   */
  diagnosis(code: string, options?: { readonly poa?: ClaimDiagnosis['poa'] }): ClaimBuilder;
  /** Adds a service line; its `diagnoses` are added to the claim and turned into pointers. */
  line(line: LineInput): ClaimBuilder;
  /** The issues recorded so far (refused diagnoses, lines, modifiers, pointers). */
  readonly pendingIssues: readonly MedcodeIssue[];
  /** Validates and returns the claim, or every issue found. */
  build(options?: BuildOptions): BuildResult;
}

/** Normalized identity of a diagnosis code for de-duplication: upper case, no dot, no spaces. */
function diagnosisKey(code: string): string {
  return upperAscii(code.replace(/[.\s]/g, ''));
}

const EMPTY: State = Object.freeze({
  header: Object.freeze({}),
  diagnoses: Object.freeze([]),
  lines: Object.freeze([]),
  issues: Object.freeze([]),
});

/**
 * Starts a claim. Optional initial header fields may be given (any claim JSON field except
 * `diagnoses` and `lines`). Diagnoses and lines are added by {@link ClaimBuilder.diagnosis} and
 * {@link ClaimBuilder.line}, which name diagnoses by code and assign the pointers: an `init` with
 * `diagnoses` or `lines` (a parsed claim, whose lines carry pointers instead) fails the build with
 * `claim_invalid` at `['diagnoses']` / `['lines']` rather than losing them.
 *
 * @example
 * ```ts
 * const result = claim({ claimId: 'PCN-1001' })
 *   .patient({ birthDate: '1961-04-02', sex: 'F' })
 *   .placeOfService('11')
 *   .line({ procedure: '99214', modifiers: ['25'], charge: '150.00', serviceDate: '2026-05-01', diagnoses: ['E11.9', 'I10'] })
 *   .line({ procedure: '11102', charge: '120.00', serviceDate: '2026-05-01', diagnoses: ['L82.1'] })
 *   .build()
 * if (result.ok) result.value.lines[1]!.diagnosisPointers // [3]
 * ```
 */
export function claim(init?: Partial<Omit<Claim, 'diagnoses' | 'lines'>>): ClaimBuilder {
  if (init === undefined || init === null || typeof init !== 'object') return makeBuilder(EMPTY);
  // A null-prototype copy: a "__proto__" key from JSON stays a plain (and rejected) field.
  const header = Object.create(null) as Record<string, unknown>;
  const refused: MedcodeIssue[] = [];
  try {
    for (const key of Object.keys(init)) {
      const value = (init as Record<string, unknown>)[key];
      // Dropped, they would make a claim of no lines or diagnoses from one that had them: refused
      // at their path, as a line's unknown field is (addLine).
      if (key === 'diagnoses' || key === 'lines')
        refused.push(
          claimInvalidIssue(
            [key],
            key === 'lines'
              ? 'absent: a builder adds lines with line(), each naming its diagnoses by code'
              : 'absent: a builder adds diagnoses with diagnosis() or with the diagnoses of a line',
            value,
          ),
        );
      else header[key] = value;
    }
  } catch {
    // A proxy or throwing getter: the builder carries the problem to build() instead of throwing.
    return makeBuilder({ ...EMPTY, issues: Object.freeze([unreadable()]) });
  }
  return makeBuilder({ ...EMPTY, header: Object.freeze(header), issues: Object.freeze(refused) });
}

function makeBuilder(state: State): ClaimBuilder {
  return new ImmutableClaimBuilder(state);
}

/**
 * The builder's one implementation: a frozen object over a frozen state, with its methods on the
 * prototype so that each step allocates one small object rather than a set of closures.
 */
class ImmutableClaimBuilder implements ClaimBuilder {
  readonly #state: State;
  constructor(state: State) {
    this.#state = state;
    Object.freeze(this);
  }
  #setHeader(key: string, value: unknown): ClaimBuilder {
    return makeBuilder({ ...this.#state, header: Object.freeze({ ...this.#state.header, [key]: value }) });
  }
  id(claimId: string): ClaimBuilder {
    return this.#setHeader('claimId', claimId);
  }
  patient(patient: Patient): ClaimBuilder {
    return this.#setHeader('patient', patient);
  }
  placeOfService(code: string): ClaimBuilder {
    return this.#setHeader('placeOfService', code);
  }
  frequency(code: '1' | '7' | '8', payerClaimControlNumber?: string): ClaimBuilder {
    const state = this.#state;
    return makeBuilder({
      ...state,
      header: Object.freeze({
        ...state.header,
        frequencyCode: code,
        ...(payerClaimControlNumber !== undefined ? { payerClaimControlNumber } : {}),
      }),
    });
  }
  subscriber(subscriber: Subscriber): ClaimBuilder {
    return this.#setHeader('subscriber', subscriber);
  }
  payer(payer: Payer): ClaimBuilder {
    return this.#setHeader('payer', payer);
  }
  billingProvider(provider: Provider): ClaimBuilder {
    return this.#setHeader('billingProvider', provider);
  }
  renderingProvider(provider: Provider): ClaimBuilder {
    return this.#setHeader('renderingProvider', provider);
  }
  admission(admissionDate: string, dischargeDate?: string): ClaimBuilder {
    const state = this.#state;
    return makeBuilder({
      ...state,
      header: Object.freeze({
        ...state.header,
        admissionDate,
        ...(dischargeDate !== undefined ? { dischargeDate } : {}),
      }),
    });
  }
  diagnosis(code: string, options?: { readonly poa?: ClaimDiagnosis['poa'] }): ClaimBuilder {
    const state = this.#state;
    const path = ['diagnoses', state.diagnoses.length];
    try {
      const added = addDiagnosis(state.diagnoses, code, path, options?.poa);
      return makeBuilder({
        ...state,
        diagnoses: added.diagnoses,
        issues: concat(state.issues, added.issues),
      });
    } catch {
      return makeBuilder({ ...state, issues: concat(state.issues, [unreadable(path)]) });
    }
  }
  line(input: LineInput): ClaimBuilder {
    const state = this.#state;
    try {
      return makeBuilder(addLine(state, input));
    } catch {
      // A proxy or a getter that throws: reported at the line's path, the builder stays usable.
      return makeBuilder({
        ...state,
        issues: concat(state.issues, [unreadable(['lines', state.lines.length])]),
      });
    }
  }
  get pendingIssues(): readonly MedcodeIssue[] {
    return this.#state.issues;
  }
  build(options?: BuildOptions): BuildResult {
    return build(this.#state, options);
  }
}

function concat<T>(a: readonly T[], b: readonly T[]): readonly T[] {
  return b.length === 0 ? a : Object.freeze([...a, ...b]);
}

function addDiagnosis(
  diagnoses: readonly DiagnosisState[],
  code: unknown,
  path: readonly (string | number)[],
  poa?: ClaimDiagnosis['poa'],
): { diagnoses: readonly DiagnosisState[]; index: number; issues: readonly MedcodeIssue[] } {
  if (typeof code !== 'string' || code.trim() === '') {
    const issue = createIssue({
      code: 'claim_invalid',
      severity: 'error',
      path,
      codes: [],
      expected: 'a diagnosis code string',
      received: typeof code === 'string' ? 'an empty string' : typeof code,
    });
    return { diagnoses, index: -1, issues: [issue] };
  }
  const trimmed = code.trim();
  const key = diagnosisKey(trimmed);
  const existing = diagnoses.findIndex((d) => d.key === key);
  if (existing >= 0) {
    if (poa === undefined) return { diagnoses, index: existing, issues: [] };
    const next = [...diagnoses];
    next[existing] = Object.freeze({
      key,
      diagnosis: Object.freeze({ ...diagnoses[existing]!.diagnosis, poa }),
    });
    return { diagnoses: Object.freeze(next), index: existing, issues: [] };
  }
  if (diagnoses.length >= MAX_DIAGNOSES) {
    const issue = createIssue({
      code: 'claim_limit_exceeded',
      severity: 'error',
      path,
      codes: [trimmed.slice(0, 64)],
      element: 'diagnoses',
      max: MAX_DIAGNOSES,
      received: diagnoses.length + 1,
      citation: '837P 005010X222A1 loop 2300 HI01–HI12; CMS-1500 (02/12) item 21 A–L',
      remedy: 'Split the services into a second claim, or drop a diagnosis no line needs.',
    });
    return { diagnoses, index: -1, issues: [issue] };
  }
  const diagnosis: ClaimDiagnosis = poa === undefined ? { code: trimmed } : { code: trimmed, poa };
  return {
    diagnoses: Object.freeze([...diagnoses, Object.freeze({ key, diagnosis: Object.freeze(diagnosis) })]),
    index: diagnoses.length,
    issues: [],
  };
}

/** The fields of {@link LineInput}; the builder names diagnoses by code, never by pointer. */
const LINE_INPUT_KEYS: ReadonlySet<string> = new Set([
  'procedure',
  'modifiers',
  'units',
  'unitBasis',
  'charge',
  'serviceDate',
  'serviceDateFrom',
  'serviceDateTo',
  'diagnoses',
  'placeOfService',
  'ndc',
  'renderingProvider',
]);

function addLine(state: State, input: LineInput): State {
  const lineIndex = state.lines.length;
  const issues: MedcodeIssue[] = [];
  if (input === null || typeof input !== 'object') {
    issues.push(
      createIssue({
        code: 'claim_invalid',
        severity: 'error',
        path: ['lines', lineIndex],
        codes: [],
        expected: 'a line object',
        received: input === null ? 'null' : typeof input,
      }),
    );
    return { ...state, issues: concat(state.issues, issues) };
  }
  if (lineIndex >= MAX_LINES) {
    issues.push(
      createIssue({
        code: 'claim_limit_exceeded',
        severity: 'error',
        path: ['lines', lineIndex],
        codes: [],
        element: 'lines',
        max: MAX_LINES,
        received: lineIndex + 1,
        citation: '837P 005010X222A1 loop 2400 (repeat 50)',
        remedy: 'Split the lines into a second claim.',
      }),
    );
    return { ...state, issues: concat(state.issues, issues) };
  }
  // A field the builder does not know (a misspelt `modifier`, or the claim JSON's
  // `diagnosisPointers`) is refused, as an unknown header field is by the claim schema, rather
  // than dropped: a dropped modifier or pointer would be a silently different claim.
  for (const key of Object.keys(input)) {
    if (!LINE_INPUT_KEYS.has(key))
      issues.push(
        claimInvalidIssue(
          ['lines', lineIndex, key],
          key === 'diagnosisPointers'
            ? 'absent: a builder line names its diagnoses by code (diagnoses), not by pointer'
            : 'absent: a builder line has no field of that name',
          (input as unknown as Record<string, unknown>)[key],
        ),
      );
  }
  // Lists given as something else (`modifiers: '25'`, `diagnoses: 'I10'`, from JavaScript or spread
  // data) are refused at their path: read as no list, the modifier or diagnosis would be dropped.
  if (input.diagnoses !== undefined && !Array.isArray(input.diagnoses))
    issues.push(
      claimInvalidIssue(['lines', lineIndex, 'diagnoses'], 'a list of diagnosis codes', input.diagnoses),
    );
  if (input.modifiers !== undefined && !Array.isArray(input.modifiers))
    issues.push(claimInvalidIssue(['lines', lineIndex, 'modifiers'], 'a list of modifiers', input.modifiers));
  let diagnoses = state.diagnoses;
  const pointers: number[] = [];
  const codes = Array.isArray(input.diagnoses) ? input.diagnoses : [];
  codes.forEach((code, k) => {
    const added = addDiagnosis(diagnoses, code, ['lines', lineIndex, 'diagnoses', k]);
    diagnoses = added.diagnoses;
    issues.push(...added.issues);
    if (added.index >= 0 && !pointers.includes(added.index + 1)) pointers.push(added.index + 1);
  });
  if (pointers.length > MAX_POINTERS) {
    issues.push(
      createIssue({
        code: 'claim_limit_exceeded',
        severity: 'error',
        path: ['lines', lineIndex, 'diagnosisPointers'],
        codes: [],
        element: 'diagnosisPointers',
        max: MAX_POINTERS,
        received: pointers.length,
        citation: '837P 005010X222A1 SV107-1…SV107-4; CMS-1500 item 24E',
        remedy: 'Keep the four diagnoses most relevant to this service, primary first.',
      }),
    );
  }
  const modifiers = Array.isArray(input.modifiers) ? [...input.modifiers] : undefined;
  if (modifiers !== undefined && modifiers.length > MAX_MODIFIERS) {
    issues.push(
      createIssue({
        code: 'claim_limit_exceeded',
        severity: 'error',
        path: ['lines', lineIndex, 'modifiers'],
        codes: [],
        element: 'modifiers',
        max: MAX_MODIFIERS,
        received: modifiers.length,
        citation: '837P 005010X222A1 SV101-3…SV101-6; CMS-1500 item 24D',
      }),
    );
  }
  const line: Record<string, unknown> = { procedure: input.procedure };
  if (modifiers !== undefined && modifiers.length > 0) line.modifiers = Object.freeze(modifiers);
  // Only an absent units defaults to 1: `null` (a form's "no value") is given to the schema as it
  // is, which refuses it at lines[i].units as parseClaim refuses it in claim JSON, rather than
  // billing one unit the caller never gave.
  line.units = input.units === undefined ? 1 : input.units;
  if (input.unitBasis !== undefined) line.unitBasis = input.unitBasis;
  line.charge = input.charge;
  if (input.serviceDate !== undefined) line.serviceDate = input.serviceDate;
  if (input.serviceDateFrom !== undefined) line.serviceDateFrom = input.serviceDateFrom;
  if (input.serviceDateTo !== undefined) line.serviceDateTo = input.serviceDateTo;
  if (pointers.length > 0) line.diagnosisPointers = Object.freeze(pointers);
  if (input.placeOfService !== undefined) line.placeOfService = input.placeOfService;
  if (input.ndc !== undefined) line.ndc = input.ndc;
  if (input.renderingProvider !== undefined) line.renderingProvider = input.renderingProvider;
  return {
    header: state.header,
    diagnoses,
    lines: Object.freeze([...state.lines, Object.freeze(line)]),
    issues: concat(state.issues, issues),
  };
}

function build(state: State, options?: BuildOptions): BuildResult {
  const draft = {
    ...state.header,
    diagnoses: state.diagnoses.map((d) => d.diagnosis),
    lines: state.lines,
  };
  const parsed = parseClaim(draft);
  const builderErrors = state.issues;
  if (!parsed.ok) return Object.freeze(failure(Object.freeze([...builderErrors, ...parsed.issues])));
  if (builderErrors.some((i) => i.severity === 'error')) return Object.freeze(failure(builderErrors));
  const validate = options?.validate;
  if (validate !== undefined && typeof validate !== 'function')
    return Object.freeze(
      failure(
        Object.freeze([...builderErrors, invalidOptionIssue([], 'build(validate)', VALIDATE_EXPECTED)]),
      ),
    );
  const edits = validate ? editsOf(validate(parsed.value)) : [];
  const issues = Object.freeze([...builderErrors, ...edits]);
  if (issues.some((i) => i.severity === 'error')) return Object.freeze(failure(issues));
  return Object.freeze(success(parsed.value, issues));
}

/**
 * The edits of what an injected validator returned: `issues` (validateClaim's result) or `edits`.
 * Anything else (a validator returning `null`) is an `invalid_option` error naming the option,
 * not a TypeError.
 */
function editsOf(result: unknown): readonly MedcodeIssue[] {
  const r = result as { issues?: unknown; edits?: unknown } | null | undefined;
  if (r !== null && typeof r === 'object') {
    if (Array.isArray(r.issues)) return r.issues as readonly MedcodeIssue[];
    if (Array.isArray(r.edits)) return r.edits as readonly MedcodeIssue[];
  }
  return [invalidOptionIssue([], 'build(validate)', VALIDATE_EXPECTED)];
}

const VALIDATE_EXPECTED = "a function returning validateClaim's result ({ issues }) or { edits }";
