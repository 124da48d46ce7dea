/**
 * Reads a claim the fast reader refused and says why, without zod: the same verdict, the same
 * issues in the same order and the same claim as `ClaimSchema.safeParse(value, { reportInput:
 * true })`. `parseClaim` is on every validation's path (`medcode/rules`, the CLI, each worker of
 * the validation pool), and importing zod costs each of them about 100 ms at start-up for a
 * schema that clean claims never reach (measured with node 20: `import('zod')` alone against bare
 * node). So the claim JSON's rules are written here a second time, as readers that follow zod 4's
 * rules of evaluation; the claims schemas (`schema.ts`) stay the public statement of the format,
 * and a differential test holds the two to the same answers (`test/claims/explain.test.ts`).
 *
 * zod 4's rules that these readers follow, because they decide which issues a value gets:
 * - a type's checks run after it parses; a check is skipped once an issue that does not let
 *   parsing continue has been raised (a wrong type, a failed `abort` refinement), except a check
 *   with its own condition (`min` on anything with a length), which is skipped only when an issue
 *   asked to abort;
 * - an object reads each key of its shape in order (`input[key]`, so inherited ones too), then
 *   lists the keys it does not know (`for…in`) in one `unrecognized_keys` issue that lets parsing
 *   continue;
 * - an optional key that is absent is skipped, and one holding `undefined` is kept as `undefined`;
 * - a union takes the first option without issues, else the only option whose issues let parsing
 *   continue, else reports `invalid_union`.
 *
 * @module
 */
import type { $ZodIssue } from 'zod/v4/core';
import { toIsoDate } from '../core/dates';
import {
  DATE_PATTERN,
  FREQUENCY_EXPECTED,
  FREQUENCY_PATTERN,
  LINE_DATE_RULES,
  MONEY_EXPECTED,
  MONEY_PATTERN,
  NPI_CHECK_DIGIT_MISMATCH,
  NPI_EXPECTED,
  NPI_PATTERN,
  POA_INDICATORS,
  RELATIONSHIP_NAMES,
  RELATIONSHIP_NAME_LIST,
  SEX_CODES,
  UNIT_BASIS_CODES,
  X12_RELATIONSHIP_CODES,
} from './claim-values';
import { NOT_A_CALENDAR_DATE, NOT_A_DATE_FORMAT } from './internal';
import { isValidNpi } from './npi';
import type { Claim } from './schema';

/** An issue as it is raised: zod's issue, and whether parsing may go on after it. */
type RaisedIssue = $ZodIssue & { continue?: boolean };

/** A value being read and the issues raised on it so far (zod's parse payload). */
interface Reading {
  value: unknown;
  readonly issues: RaisedIssue[];
}

/** Reads one value: its own type, then its checks. */
type Reader = (value: unknown) => Reading;

/** A check on a value that read as its type; pushes its issues onto the reading. */
interface Check {
  readonly run: (reading: Reading) => void;
  /** Its own condition to run: checked instead of "no issue stopped parsing". */
  readonly when?: (reading: Reading) => boolean;
}

/** A key of an object's shape: its reader, and whether it may be absent. */
interface Field {
  readonly read: Reader;
  readonly optional: boolean;
}

/** The outcome: the claim as the schema outputs it, or the issues in the schema's order. */
export type ClaimExplanation =
  | { readonly success: true; readonly data: Claim }
  | { readonly success: false; readonly issues: readonly $ZodIssue[] };

/** Whether an issue from `from` on stops the value's checks (zod's `aborted`). */
function stopped(reading: Reading, from = 0): boolean {
  for (let i = from; i < reading.issues.length; i++) if (reading.issues[i]!.continue !== true) return true;
  return false;
}

/** Whether an issue asked to abort outright (zod's `explicitlyAborted`). */
function abortedOutright(reading: Reading): boolean {
  return reading.issues.some((issue) => issue.continue === false);
}

/** A type reader followed by its checks, in order. */
function withChecks(read: Reader, checks: readonly Check[]): Reader {
  return (value) => {
    const reading = read(value);
    let isStopped = stopped(reading);
    for (const check of checks) {
      if (check.when) {
        if (abortedOutright(reading) || !check.when(reading)) continue;
      } else if (isStopped) continue;
      const before = reading.issues.length;
      check.run(reading);
      if (reading.issues.length !== before && !isStopped) isStopped = stopped(reading, before);
    }
    return reading;
  };
}

function invalidType(value: unknown, expected: string): Reading {
  return { value, issues: [{ code: 'invalid_type', expected, input: value, path: [], message: '' }] };
}

const text: Reader = (value) =>
  typeof value === 'string' ? { value, issues: [] } : invalidType(value, 'string');

const finiteNumber: Reader = (value) =>
  typeof value === 'number' && Number.isFinite(value) ? { value, issues: [] } : invalidType(value, 'number');

/** `z.number().int()`: a finite number, then a safe integer. */
const wholeNumber = withChecks(finiteNumber, [
  {
    run(reading) {
      const n = reading.value as number;
      if (!Number.isInteger(n)) {
        reading.issues.push({
          code: 'invalid_type',
          expected: 'int',
          format: 'safeint',
          input: n,
          path: [],
          message: '',
          continue: false,
        } as RaisedIssue);
      } else if (!Number.isSafeInteger(n)) {
        reading.issues.push(
          n > 0
            ? {
                code: 'too_big',
                origin: 'int',
                maximum: Number.MAX_SAFE_INTEGER,
                inclusive: true,
                input: n,
                path: [],
                message: '',
                continue: true,
              }
            : {
                code: 'too_small',
                origin: 'int',
                minimum: Number.MIN_SAFE_INTEGER,
                inclusive: true,
                input: n,
                path: [],
                message: '',
                continue: true,
              },
        );
      }
    },
  },
]);

/**
 * `z.enum(list)`. zod lists the allowed values as an object's values, so codes that read as
 * array indices (`18`, `1`) come first, in numeric order: the issue lists them as zod does.
 */
function oneOf(list: readonly string[]): Reader {
  const values = Object.values(Object.fromEntries(list.map((v) => [v, v])));
  const allowed: ReadonlySet<unknown> = new Set(values);
  return (value) =>
    allowed.has(value)
      ? { value, issues: [] }
      : {
          value,
          issues: [{ code: 'invalid_value', values: [...values], input: value, path: [], message: '' }],
        };
}

/** `.regex(pattern, message)`: an issue that lets the value's other checks run. */
function matches(pattern: RegExp, message: string): Check {
  return {
    run(reading) {
      const s = reading.value as string;
      if (!pattern.test(s))
        reading.issues.push({
          code: 'invalid_format',
          format: 'regex',
          origin: 'string',
          pattern: pattern.toString(),
          input: s,
          path: [],
          message,
          continue: true,
        } as RaisedIssue);
    },
  };
}

/** `.refine(holds, …)`: a custom issue; `abort` stops the checks after it. */
function refinement(
  holds: (value: unknown) => boolean,
  message: string,
  options: { abort?: boolean; params?: Record<string, unknown> } = {},
): Check {
  return {
    run(reading) {
      if (holds(reading.value)) return;
      reading.issues.push({
        code: 'custom',
        input: reading.value,
        path: [],
        message,
        continue: options.abort !== true,
        ...(options.params ? { params: options.params } : {}),
      });
    },
  };
}

/** `.min(1)` on a string: runs on anything with a length, even after a wrong type. */
const nonEmpty: Check = {
  when: (reading) => {
    const v = reading.value as { length?: unknown } | null | undefined;
    return v !== null && v !== undefined && v.length !== undefined;
  },
  run(reading) {
    const v = reading.value as { length: number };
    if (v.length >= 1) return;
    reading.issues.push({
      code: 'too_small',
      origin: typeof v === 'string' ? 'string' : Array.isArray(v) ? 'array' : 'unknown',
      minimum: 1,
      inclusive: true,
      input: v,
      path: [],
      message: '',
      continue: true,
    });
  },
};

function prefixed(key: PropertyKey, issues: readonly RaisedIssue[]): RaisedIssue[] {
  for (const issue of issues) issue.path.unshift(key);
  return issues as RaisedIssue[];
}

function required(read: Reader): Field {
  return { read, optional: false };
}

function optional(read: Reader): Field {
  return { read: (value) => (value === undefined ? { value, issues: [] } : read(value)), optional: true };
}

/** `z.strictObject(shape)`: each key of the shape in order, then the keys it does not know. */
function strictObject(shape: Readonly<Record<string, Field>>): Reader {
  const keys = Object.keys(shape);
  const known: ReadonlySet<string> = new Set(keys);
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return invalidType(input, 'object');
    const source = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const reading: Reading = { value: out, issues: [] };
    for (const key of keys) {
      const field = shape[key]!;
      const result = field.read(source[key]);
      const present = key in source;
      if (!present && field.optional) continue;
      if (result.issues.length > 0) reading.issues.push(...prefixed(key, result.issues));
      if (!present) {
        if (result.issues.length === 0)
          reading.issues.push({
            code: 'invalid_type',
            expected: 'nonoptional',
            input: undefined,
            path: [key],
            message: '',
          });
        continue;
      }
      out[key] = result.value;
    }
    const unknown: string[] = [];
    for (const key in source) if (!known.has(key)) unknown.push(key);
    if (unknown.length > 0)
      reading.issues.push({
        code: 'unrecognized_keys',
        keys: unknown,
        input: source,
        path: [],
        message: '',
        continue: true,
      });
    return reading;
  };
}

/** `z.array(item)`: each index up to the length (a hole reads as `undefined`). */
function arrayOf(item: Reader): Reader {
  return (input) => {
    if (!Array.isArray(input)) return invalidType(input, 'array');
    const out = new Array<unknown>(input.length);
    const reading: Reading = { value: out, issues: [] };
    for (let i = 0; i < input.length; i++) {
      const result = item(input[i]);
      if (result.issues.length > 0) reading.issues.push(...prefixed(i, result.issues));
      out[i] = result.value;
    }
    return reading;
  };
}

const isoDate = withChecks(text, [
  matches(DATE_PATTERN, NOT_A_DATE_FORMAT),
  refinement((s) => toIsoDate(s) !== undefined, NOT_A_CALENDAR_DATE),
]);

const money = withChecks(text, [matches(MONEY_PATTERN, MONEY_EXPECTED)]);

const npi = withChecks(text, [
  matches(NPI_PATTERN, NPI_EXPECTED),
  refinement(isValidNpi, NPI_CHECK_DIGIT_MISMATCH, { abort: true, params: { medcode: 'npi_check_digit' } }),
]);

const address = strictObject({
  line1: required(text),
  line2: optional(text),
  city: required(text),
  state: required(text),
  postalCode: required(text),
});

const sex = oneOf(SEX_CODES);

const provider = strictObject({
  npi: required(npi),
  taxonomy: optional(text),
  taxId: optional(text),
  name: optional(text),
  firstName: optional(text),
  address: optional(address),
});

/** A line's dates: one date or a span, and a span's end not before its start. */
const lineDates: Check = {
  run(reading) {
    const line = reading.value as Record<string, string | undefined>;
    const custom = (key: string, message: string, input: unknown) =>
      reading.issues.push({ code: 'custom', path: [key], message, input, continue: true });
    if (line.serviceDate === undefined && line.serviceDateFrom === undefined)
      custom('serviceDate', LINE_DATE_RULES.dateNeeded, undefined);
    if (line.serviceDate !== undefined && line.serviceDateFrom !== undefined)
      custom('serviceDateFrom', LINE_DATE_RULES.spanBesideDate, line.serviceDateFrom);
    if (line.serviceDate !== undefined && line.serviceDateTo !== undefined)
      custom('serviceDateTo', LINE_DATE_RULES.endBesideDate, line.serviceDateTo);
    if (
      line.serviceDateFrom !== undefined &&
      line.serviceDateTo !== undefined &&
      line.serviceDateTo < line.serviceDateFrom
    )
      custom('serviceDateTo', LINE_DATE_RULES.endBeforeStart(line.serviceDateFrom), line.serviceDateTo);
  },
};

const line = withChecks(
  strictObject({
    procedure: required(text),
    modifiers: optional(arrayOf(text)),
    units: required(finiteNumber),
    unitBasis: optional(oneOf(UNIT_BASIS_CODES)),
    charge: required(money),
    serviceDate: optional(isoDate),
    serviceDateFrom: optional(isoDate),
    serviceDateTo: optional(isoDate),
    diagnosisPointers: optional(arrayOf(wholeNumber)),
    placeOfService: optional(text),
    ndc: optional(text),
    // `z.lazy` in the schema only because the provider schema is declared after the line's.
    renderingProvider: optional(provider),
  }),
  [lineDates],
);

const x12Relationship = oneOf(X12_RELATIONSHIP_CODES);
const relationshipName = oneOf(RELATIONSHIP_NAME_LIST);

/** An X12 code, or a readable name read as its code: the first option that reads cleanly. */
const relationship: Reader = (value) => {
  const asCode = x12Relationship(value);
  if (asCode.issues.length === 0) return asCode;
  const asName = relationshipName(value);
  if (asName.issues.length === 0)
    return { value: RELATIONSHIP_NAMES[asName.value as keyof typeof RELATIONSHIP_NAMES], issues: [] };
  // Both options' issues stop parsing, so zod takes neither (it would take the only one that
  // did not stop) and reports the union.
  return {
    value,
    issues: [
      { code: 'invalid_union', errors: [asCode.issues, asName.issues], input: value, path: [], message: '' },
    ],
  };
};

const claim = strictObject({
  claimId: required(withChecks(text, [nonEmpty])),
  patient: required(
    strictObject({
      birthDate: required(isoDate),
      sex: required(sex),
      firstName: optional(text),
      lastName: optional(text),
      address: optional(address),
    }),
  ),
  placeOfService: required(text),
  frequencyCode: optional(withChecks(text, [matches(FREQUENCY_PATTERN, FREQUENCY_EXPECTED)])),
  payerClaimControlNumber: optional(text),
  diagnoses: required(arrayOf(strictObject({ code: required(text), poa: optional(oneOf(POA_INDICATORS)) }))),
  lines: required(arrayOf(line)),
  subscriber: optional(
    strictObject({
      memberId: required(text),
      firstName: optional(text),
      lastName: required(text),
      birthDate: optional(isoDate),
      sex: optional(sex),
      address: optional(address),
      groupNumber: optional(text),
      relationship: optional(relationship),
    }),
  ),
  payer: optional(
    strictObject({ name: required(text), id: required(text), claimFilingIndicator: optional(text) }),
  ),
  billingProvider: optional(provider),
  renderingProvider: optional(provider),
  admissionDate: optional(isoDate),
  dischargeDate: optional(isoDate),
});

/**
 * @internal Reads `value` as the claims schema does (`ClaimSchema.safeParse(value, {
 * reportInput: true })`), without zod: the claim it outputs, or its issues in its order. Throws
 * what a getter or proxy in the value throws, as zod does.
 *
 * @example
 * ```ts
 * const r = explainClaim({ claimId: '' })
 * if (!r.success) zodIssuesToMedcode(r.issues)
 * ```
 */
export function explainClaim(value: unknown): ClaimExplanation {
  const reading = claim(value);
  if (reading.issues.length === 0) return { success: true, data: reading.value as Claim };
  return { success: false, issues: reading.issues };
}
