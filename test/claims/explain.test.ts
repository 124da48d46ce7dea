/**
 * The claim reader written without zod (`src/claims/explain.ts`) against the claims schema it
 * restates: on every input, the same verdict, the same claim, the same zod issues (code, path,
 * input and the fields medcode reads) in the same order, and so the same medcode issues.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { $ZodIssue } from 'zod/v4/core';
import { explainClaim } from '../../src/claims/explain';
import { zodIssuesToMedcode } from '../../src/claims/parse';
import { CLAIM_FIELDS } from '../../src/claims/claim-values';
import {
  AddressSchema,
  ClaimDiagnosisSchema,
  ClaimLineSchema,
  ClaimSchema,
  PatientSchema,
  PayerSchema,
  ProviderSchema,
  SubscriberSchema,
} from '../../src/claims/schema';
import { claimArb } from './arbitraries';
import { propertyRuns } from '../property-runs';

/** The fields of an issue that medcode reads or that tell two issues apart. */
function essentials(issue: $ZodIssue): Record<string, unknown> {
  const out: Record<string, unknown> = { code: issue.code, path: issue.path, input: issue.input };
  for (const key of ['expected', 'keys', 'values', 'origin', 'minimum', 'maximum', 'format', 'params'])
    if (key in issue) out[key] = (issue as unknown as Record<string, unknown>)[key];
  if (issue.code === 'custom' || issue.code === 'invalid_format') out.message = issue.message;
  return out;
}

/** Asserts that the two readers agree on `value`; returns whether the schema accepted it. */
function agree(value: unknown): boolean {
  const zod = ClaimSchema.safeParse(value, { reportInput: true });
  const mine = explainClaim(value);
  expect(mine.success).toBe(zod.success);
  if (zod.success && mine.success) {
    expect(mine.data).toStrictEqual(zod.data);
    expect(Object.keys(mine.data)).toEqual(Object.keys(zod.data));
    return true;
  }
  if (!zod.success && !mine.success) {
    expect(mine.issues.map(essentials)).toStrictEqual(zod.error.issues.map(essentials));
    expect(zodIssuesToMedcode(mine.issues)).toStrictEqual(zodIssuesToMedcode(zod.error.issues));
  }
  return false;
}

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(`examples/${f}`, 'utf8')) as Record<string, unknown>);

/** Values that break each kind of field in a different way. */
const HOSTILE: readonly unknown[] = [
  undefined,
  null,
  '',
  'x',
  '2026-02-30',
  '2026-2-3',
  '1234567890',
  '1234567893',
  '123',
  '150.001',
  '7',
  'self',
  '18',
  'Y',
  'MJ',
  0,
  -1,
  1.5,
  2 ** 60,
  -(2 ** 60),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  [1],
  ['a'],
  [undefined],
  {},
  { x: 1 },
];

/** Every path to a value inside a JSON tree. */
function pathsOf(node: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const key = Array.isArray(node) ? Number(k) : k;
      out.push([...prefix, key], ...pathsOf(v, [...prefix, key]));
    }
  }
  return out;
}

/** A copy of `root` with the value at `path` replaced (or its key deleted, for `undefined` and `delete`). */
function withValueAt(
  root: unknown,
  path: readonly (string | number)[],
  value: unknown,
  remove = false,
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

describe('explainClaim agrees with ClaimSchema', () => {
  it('on every example claim, and on each with one value replaced or removed at every path', () => {
    let accepted = 0;
    let refused = 0;
    for (const example of examples) {
      expect(agree(example)).toBe(true);
      for (const path of pathsOf(example)) {
        for (const value of HOSTILE) agree(withValueAt(example, path, value)) ? accepted++ : refused++;
        agree(withValueAt(example, path, undefined, true));
        agree(withValueAt(example, [...path.slice(0, -1), 'unknownKey'], 1));
      }
    }
    // Both verdicts occur, or agreement would prove nothing about one of them.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(1000);
  });

  it('on whole values that are not claims', () => {
    for (const value of [...HOSTILE, 'a claim', [examples[0]], Object.create(null)]) agree(value);
  });

  it('on a line with a span and dates in every relation', () => {
    const base = examples[0] as { lines: Record<string, unknown>[] };
    const spans: Record<string, unknown>[] = [
      { serviceDateFrom: '2026-05-02', serviceDateTo: '2026-05-01' },
      { serviceDateFrom: '2026-05-01', serviceDateTo: '2026-05-01' },
      { serviceDate: '2026-05-01', serviceDateTo: '2026-05-03' },
      { serviceDate: '2026-05-01', serviceDateFrom: '2026-05-01' },
      { serviceDateTo: '2026-05-01' },
      {},
      { serviceDate: 'x', serviceDateFrom: 'y', serviceDateTo: 'z' },
      { serviceDate: '2026-05-01', units: 'one' },
      { serviceDate: '2026-05-01', charge: '1.234' },
      { serviceDate: '2026-05-01', extra: 1 },
    ];
    for (const dates of spans) {
      const claim = structuredClone(base);
      const line = claim.lines[0]!;
      delete line.serviceDate;
      Object.assign(line, dates);
      agree(claim);
    }
  });

  it('on values read through prototypes, undefined keys and holes', () => {
    const base = structuredClone(examples[0]) as Record<string, unknown>;
    const inherited = Object.assign(Object.create({ placeOfService: '11', polluted: 1 }), base);
    delete (inherited as Record<string, unknown>).placeOfService;
    agree(inherited);
    agree({ ...base, payerClaimControlNumber: undefined });
    const holes = structuredClone(base) as { diagnoses: unknown[] };
    holes.diagnoses.length += 2;
    agree(holes);
    agree({ ...base, ['__proto__']: { x: 1 } });
    agree(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(base).slice(1)}`));
  });

  it('on generated claims with values replaced at random (property)', () => {
    const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.integer(), fc.anything());
    fc.assert(
      fc.property(
        claimArb,
        fc.array(fc.tuple(fc.nat(), hostile), { minLength: 0, maxLength: 4 }),
        (c, changes) => {
          let value: unknown = c;
          for (const [seed, replacement] of changes) {
            const paths = pathsOf(value);
            if (paths.length === 0) break;
            value = withValueAt(value, paths[seed % paths.length]!, replacement, replacement === undefined);
          }
          agree(value);
        },
      ),
      { numRuns: propertyRuns(1000) },
    );
  });
});

describe('CLAIM_FIELDS', () => {
  it("lists each strict object's keys in the schema's order", () => {
    expect(CLAIM_FIELDS).toEqual({
      claim: Object.keys(ClaimSchema.shape),
      patient: Object.keys(PatientSchema.shape),
      address: Object.keys(AddressSchema.shape),
      diagnosis: Object.keys(ClaimDiagnosisSchema.shape),
      line: Object.keys(ClaimLineSchema.shape),
      provider: Object.keys(ProviderSchema.shape),
      subscriber: Object.keys(SubscriberSchema.shape),
      payer: Object.keys(PayerSchema.shape),
    });
  });
});
