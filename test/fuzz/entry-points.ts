/**
 * The fuzz suite's entry points: every public function that takes outside input, each with a
 * generator of hostile inputs and a property. Shared by the CI slice (fuzz.test.ts) and the long
 * run (`npm run fuzz -- --runs N`, run.ts).
 *
 * A property returns nothing when the input was handled as documented, or a {@link Finding}:
 * `throw` (an exception other than a documented MedcodeError / SourceFormatError), `contradiction`
 * (two answers of medcode that disagree: check and get, a writer and its reader, two writers) or
 * `prototype` (Object.prototype changed). Time-outs are measured by the caller.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { claim as newClaim } from '../../src/claims/builder';
import { toCms1500 } from '../../src/claims/cms1500';
import { fromFhirClaim, toFhirClaim } from '../../src/claims/fhir';
import { totalCharge } from '../../src/claims/money';
import { explainClaim } from '../../src/claims/explain';
import { checkClaimSize } from '../../src/claims/limits';
import { parseClaim, zodIssuesToMedcode } from '../../src/claims/parse';
import { ClaimSchema } from '../../src/claims/schema';
import type { Claim } from '../../src/claims/schema';
import {
  X12TransactionSplitter,
  fromX12837P,
  parseX12837PStream,
  readX12Transactions,
  toCents,
  toNdc11,
  toX12837P,
} from '../../src/claims/x12';
import type { X12Envelope } from '../../src/claims/x12';
import { runCli } from '../../src/cli/main';
import { detectCodeSystem } from '../../src/core/detect';
import { toIsoDate } from '../../src/core/dates';
import { MedcodeError, PackError, SourceFormatError } from '../../src/core/errors';
import { memorySource, packHeaderBytes } from '../../src/core/pack-source';
import type { PackSource } from '../../src/core/pack-source';
import { sha256Hex } from '../../src/core/sha256';
import { createHccSystem, hcc, scoreClaimStream } from '../../src/hcc/index';
import { pfs, priceClaimWith } from '../../src/pfs/index';
import { importCodeSets } from '../../src/import/index';
import { createClaimValidationPool, validateClaimsInWorkers } from '../../src/node/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { withDescriptors } from '../../src/cpt/descriptors';
import { parseCpt } from '../../src/cpt/model';
import { hcpcs } from '../../src/hcpcs/index';
import { createIcd10CmSystem, icd10cm } from '../../src/icd10cm/index';
import { icd10pcs } from '../../src/icd10pcs/index';
import { importPtp, parseMueCsv, selectPtpTable } from '../../src/ncci/index';
import type { PtpTable } from '../../src/ncci/index';
import { validateClaim, validateClaims } from '../../src/rules/engine';
import { claimArb } from '../claims/arbitraries';
// Claims the 837P writer carries whole, so that the interchange holds real transaction sets.
import { claimArbitrary as x12ClaimArb } from '../claims/x12/arbitraries';
import { syntheticPairs, syntheticPtpZips } from '../fixtures/ncci/synthetic';

/** What a property found wrong with one input. */
export interface Finding {
  readonly kind: 'throw' | 'contradiction' | 'prototype';
  readonly detail: string;
}

/** One public entry point under fuzz. */
export interface EntryPoint<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Milliseconds one input may take (on two shared cores, with a cold cache on the first). */
  readonly timeBoundMs: number;
  /**
   * Share of the runs relative to a plain entry point (default 1): an entry point whose input costs
   * a real import or a worker thread gets a fraction, so that the CI slice stays in its budget.
   */
  readonly weight?: number;
  readonly property: (input: T) => Finding | undefined | Promise<Finding | undefined>;
}

/** Types one entry point by its own input, and files it with the others. */
function entry<T>(point: EntryPoint<T>): EntryPoint {
  return point as unknown as EntryPoint;
}

const DATE = '2026-05-01';
const ENVELOPE: X12Envelope = {
  sender: { id: 'MEDCODESUB' },
  receiver: { id: 'PAYERRCV' },
  submitter: { name: 'MEDCODE BILLING', id: 'S00012', contactName: 'JANE DOE', phone: '5555550100' },
  receiverName: 'EXAMPLE PAYER',
  interchangeControlNumber: 101,
  createdAt: '2026-05-02T10:30',
  usage: 'T',
};

/** Whether a string has a character outside ASCII (no code of any system does). */
function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
}

/** Exceptions medcode documents (a MedcodeError or SourceFormatError with its reason) are fine. */
function documented(error: unknown): boolean {
  return error instanceof MedcodeError || error instanceof SourceFormatError;
}

function thrown(error: unknown): Finding {
  const e = error as Error;
  return {
    kind: 'throw',
    detail: `${e?.name ?? typeof error}: ${String(e?.message ?? error).slice(0, 200)}`,
  };
}

/** Runs `f`; a documented error counts as handled. */
function guarded(f: () => Finding | undefined): Finding | undefined {
  try {
    return f();
  } catch (error) {
    return documented(error) ? undefined : thrown(error);
  }
}

async function guardedAsync(f: () => Promise<Finding | undefined>): Promise<Finding | undefined> {
  try {
    return await f();
  } catch (error) {
    return documented(error) ? undefined : thrown(error);
  }
}

/**
 * For the worker pools: a contradiction when any stream's items differ from what `validateClaims`
 * yields on one thread for the same claims (only when the claims are an array and the items are
 * objects, `output` other than `json`).
 */
async function disagreesWithOneThread(
  streams: readonly unknown[][],
  claims: unknown,
  options: unknown,
  detail: string,
): Promise<Finding | undefined> {
  if (!Array.isArray(claims) || (options as { output?: unknown }).output === 'json') return undefined;
  const direct: unknown[] = [];
  for await (const item of validateClaims(claims, { today: '2026-11-27' })) direct.push(item);
  return streams.every((items) => same(items, direct)) ? undefined : { kind: 'contradiction', detail };
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
/** `Object.prototype` untouched: no property added (a `__proto__` key in JSON must never reach it). */
export function prototypeFinding(): Finding | undefined {
  const now = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  if (now !== PROTOTYPE_KEYS || ({} as Record<string, unknown>).polluted !== undefined)
    return { kind: 'prototype', detail: `Object.prototype now has ${now}` };
  return undefined;
}

// ---- generators -------------------------------------------------------------------------------

/** Characters that have hurt: case-mapping look-alikes, no-break and wide spaces, controls, surrogates. */
const TRICKY = [
  'ſ',
  'ß',
  'ﬆ',
  'ı',
  'İ',
  'K',
  'Å',
  'ﬀ',
  'ǅ',
  '\u00a0',
  '\u2007',
  '\u3000',
  '\u200b',
  '\ufeff',
  '\u001b',
  '\u0000',
  '\r',
  '\n',
  '\t',
  '\ud800',
  '.',
  '-',
  ' ',
  '０',
  'Ｅ',
];
const trickyChar = fc.constantFrom(...TRICKY);
const REAL_CODES = [
  'E11.9',
  'I10',
  'S72.001A',
  'Z00.00',
  'G0121',
  'S9083',
  'Q4436',
  'J1100',
  'C5271',
  '99213',
  '0213T',
  '3074F',
  '0001U',
  '0DTJ4ZZ',
  '0LB50ZZ',
  '25',
  '59',
  'XS',
  'ST',
  'SS',
  '11',
  '02',
  'E119',
];
/** A real code with a few characters replaced, inserted or case-changed. */
const mutatedCode = fc
  .tuple(
    fc.constantFrom(...REAL_CODES),
    fc.array(
      fc.tuple(
        fc.nat(9),
        fc.oneof(
          trickyChar,
          fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
          fc.constantFrom('a', 's', 'i', 'x'),
        ),
      ),
      {
        maxLength: 3,
      },
    ),
    fc.boolean(),
  )
  .map(([code, edits, lower]) => {
    let s = lower ? code.toLowerCase() : code;
    for (const [at, ch] of edits) {
      const i = at % (s.length + 1);
      s = at % 2 === 0 ? s.slice(0, i) + ch + s.slice(i + 1) : s.slice(0, i) + ch + s.slice(i);
    }
    return s;
  });
/** Anything a caller might pass where a code is expected. */
export const codeInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: mutatedCode },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(trickyChar, fc.constantFrom(...'ESGQJ0123456789.')), { maxLength: 9 })
      .map((a) => a.join('')),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.anything() },
);

/** A JSON value of any shape, with keys a claim has (so that the schema is reached). */
const CLAIM_KEYS = [
  'claimId',
  'patient',
  'placeOfService',
  'diagnoses',
  'lines',
  'code',
  'procedure',
  'units',
  'charge',
  'serviceDate',
  'diagnosisPointers',
  'modifiers',
  '__proto__',
  'constructor',
];
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      mutatedCode,
    ),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...CLAIM_KEYS), fc.string({ maxLength: 6 })), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** A valid claim with one field replaced by a hostile value. */
const mutatedClaim: fc.Arbitrary<unknown> = fc
  .tuple(
    claimArb,
    fc.constantFrom(
      'procedure',
      'modifier',
      'diagnosis',
      'pos',
      'date',
      'units',
      'charge',
      'ndc',
      'claimId',
      'birthDate',
    ),
    fc.oneof(
      mutatedCode,
      jsonish,
      fc.constantFrom('0000-02-29', '2026-02-29', '2024-02-29', '9999-12-31', '0.001', '-1', '1e3'),
    ),
  )
  .map(([c, field, value]) => {
    const copy = JSON.parse(JSON.stringify(c)) as Record<string, any>;
    const line = copy.lines[0];
    switch (field) {
      case 'procedure':
        line.procedure = value;
        break;
      case 'modifier':
        line.modifiers = [value];
        break;
      case 'diagnosis':
        copy.diagnoses[0].code = value;
        break;
      case 'pos':
        copy.placeOfService = value;
        break;
      case 'date':
        line.serviceDate = value;
        break;
      case 'units':
        line.units = value;
        break;
      case 'charge':
        line.charge = value;
        break;
      case 'ndc':
        line.ndc = value;
        break;
      case 'claimId':
        copy.claimId = value;
        break;
      case 'birthDate':
        copy.patient.birthDate = value;
        break;
    }
    return copy;
  });

/** Large claims: many copies of one diagnosis or line (the size guard must refuse them fast). */
const bigClaim: fc.Arbitrary<unknown> = fc
  .tuple(
    claimArb,
    fc.constantFrom(13, 121, 600, 5000, 20000),
    fc.constantFrom('diagnoses', 'lines', 'modifiers', 'diagnosisPointers', 'sparse'),
  )
  .map(([c, n, what]) => {
    const copy = JSON.parse(JSON.stringify(c)) as Record<string, any>;
    if (what === 'diagnoses') copy.diagnoses = Array.from({ length: n }, () => ({ code: 'E11.9' }));
    else if (what === 'lines') copy.lines = Array.from({ length: n }, () => copy.lines[0]);
    else if (what === 'modifiers') copy.lines[0].modifiers = Array.from({ length: n }, () => '25');
    else if (what === 'diagnosisPointers')
      copy.lines[0].diagnosisPointers = Array.from({ length: n }, () => 1);
    else copy.lines = new Array(n * 50);
    return copy;
  });

export const claimInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: claimArb as fc.Arbitrary<unknown> },
  { weight: 5, arbitrary: mutatedClaim },
  { weight: 1, arbitrary: bigClaim },
  { weight: 2, arbitrary: jsonish },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
);

/** Mostly no options; one time in four, some of these keys with the values given (odd ones, mostly). */
function oddOptions(values: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<object> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.record(values, { requiredKeys: [] }) },
  );
}

/** Claims for the worker pools: a few claims, or any value at all. */
const poolClaims = fc.oneof(
  { weight: 4, arbitrary: fc.array(claimInput, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.anything() },
);

// ---- code systems -----------------------------------------------------------------------------

interface CheckGet {
  check(code: unknown): { ok: boolean; value?: { code: string } };
  get(code: unknown): { code: string } | undefined;
}

/** check and get agree, and no non-ASCII input is ever a valid code. */
function codeSetProperty(set: () => CheckGet): (input: unknown) => Finding | undefined {
  return (input) =>
    guarded(() => {
      const s = set();
      const checked = s.check(input);
      const got = s.get(input);
      if (checked.ok && got === undefined)
        return {
          kind: 'contradiction',
          detail: `check(${JSON.stringify(input)}) is valid, get is undefined`,
        };
      if (checked.ok && checked.value?.code !== got?.code)
        return {
          kind: 'contradiction',
          detail: `check and get read ${JSON.stringify(input)} as different codes`,
        };
      if (typeof input === 'string' && hasNonAscii(input) && (checked.ok || got !== undefined))
        return {
          kind: 'contradiction',
          detail: `non-ASCII ${JSON.stringify(input)} accepted as ${got?.code ?? checked.value?.code}`,
        };
      return undefined;
    });
}

const codeSystemPoints: EntryPoint[] = [
  entry({
    name: 'icd10cm check/get',
    arbitrary: codeInput,
    timeBoundMs: 100,
    property: codeSetProperty(() => icd10cm.at(DATE) as unknown as CheckGet),
  }),
  entry({
    name: 'icd10pcs check/get',
    arbitrary: codeInput,
    timeBoundMs: 100,
    property: codeSetProperty(() => icd10pcs.at(DATE) as unknown as CheckGet),
  }),
  entry({
    name: 'hcpcs check/get',
    arbitrary: codeInput,
    timeBoundMs: 100,
    property: codeSetProperty(() => hcpcs.at(DATE) as unknown as CheckGet),
  }),
  entry({
    name: 'hcpcs check/get (January edition, July codes)',
    arbitrary: codeInput,
    timeBoundMs: 100,
    property: codeSetProperty(() => hcpcs.at('2026-03-01') as unknown as CheckGet),
  }),
  entry({
    name: 'modifier check/get',
    arbitrary: codeInput,
    timeBoundMs: 100,
    property: codeSetProperty(() => hcpcs.modifiers.at(DATE) as unknown as CheckGet),
  }),
  entry({
    name: 'place-of-service check/get',
    arbitrary: codeInput,
    timeBoundMs: 100,
    property: codeSetProperty(() => hcpcs.placesOfService.at(DATE) as unknown as CheckGet),
  }),
  entry({
    name: 'cpt parse',
    arbitrary: codeInput,
    timeBoundMs: 20,
    property: (input) =>
      guarded(() => {
        const r = parseCpt(input);
        if (r.ok && typeof input === 'string' && hasNonAscii(input))
          return { kind: 'contradiction', detail: `non-ASCII ${JSON.stringify(input)} parsed as CPT` };
        return undefined;
      }),
  }),
  entry({
    name: 'detectCodeSystem',
    arbitrary: codeInput,
    timeBoundMs: 20,
    property: (input) =>
      guarded(() => {
        const found = detectCodeSystem(input);
        if (found.length > 0 && typeof input === 'string' && hasNonAscii(input))
          return {
            kind: 'contradiction',
            detail: `non-ASCII ${JSON.stringify(input)} detected as ${found[0]!.normalized}`,
          };
        return undefined;
      }),
  }),
  entry({
    name: 'search (icd10cm, icd10pcs, hcpcs)',
    arbitrary: fc.oneof(
      fc.string({ maxLength: 40 }),
      fc
        .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), { minLength: 100, maxLength: 128 })
        .map((a) => a.join(' ')),
      // Words long enough to be read as misspellings: each one no text holds costs a dictionary scan.
      fc.array(fc.stringMatching(/^[a-z]{5,14}$/), { minLength: 1, maxLength: 20 }).map((a) => a.join(' ')),
      fc.anything(),
    ),
    timeBoundMs: 400,
    property: (input) =>
      guarded(() => {
        for (const set of [icd10cm.at(DATE), icd10pcs.at(DATE), hcpcs.at(DATE)]) {
          const hits = (set as unknown as { search(q: unknown): readonly { score: number }[] }).search(input);
          for (let i = 1; i < hits.length; i++)
            if (hits[i]!.score > hits[i - 1]!.score)
              return {
                kind: 'contradiction',
                detail: `${set.system} search(${JSON.stringify(input).slice(0, 40)}) not sorted by score`,
              };
        }
        return undefined;
      }),
  }),
  entry({
    name: 'toIsoDate / parseClaim dates',
    arbitrary: fc.oneof(
      fc
        .record({
          y: fc.integer({ min: 0, max: 9999 }),
          m: fc.integer({ min: 0, max: 13 }),
          d: fc.integer({ min: 0, max: 32 }),
        })
        .map(
          ({ y, m, d }) =>
            `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
      fc.anything(),
    ),
    timeBoundMs: 20,
    property: (input) =>
      guarded(() => {
        const iso = toIsoDate(input);
        if (typeof input !== 'string') return undefined;
        const c = {
          claimId: 'P',
          patient: { birthDate: input, sex: 'F' },
          placeOfService: '11',
          diagnoses: [{ code: 'I10' }],
          lines: [{ procedure: '99213', units: 1, charge: '1.00', serviceDate: DATE }],
        };
        const parsed = parseClaim(c).ok;
        if ((iso !== undefined) !== parsed)
          return {
            kind: 'contradiction',
            detail: `toIsoDate(${input}) is ${iso}, parseClaim accepts it: ${parsed}`,
          };
        return undefined;
      }),
  }),
];

// ---- claims -------------------------------------------------------------------------------------

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const claimPoints: EntryPoint[] = [
  entry({
    name: 'parseClaim',
    arbitrary: fc.oneof(
      claimInput,
      claimInput.map((v) => JSON.stringify(v) ?? 'null'),
    ),
    timeBoundMs: 100,
    property: (input) =>
      guarded(() => {
        parseClaim(input);
        return prototypeFinding();
      }),
  }),
  entry({
    // parseClaim explains a refused claim without zod; the zod schema is the statement it restates.
    name: 'explainClaim agrees with the zod claims schema',
    arbitrary: claimInput,
    timeBoundMs: 200,
    property: (input) => {
      // parseClaim refuses claims far over the format's limits before reading them.
      if (checkClaimSize(input).length > 0) return undefined;
      let zod: ReturnType<typeof ClaimSchema.safeParse>;
      try {
        zod = ClaimSchema.safeParse(input, { reportInput: true });
      } catch {
        // zod could not read the value (an exotic object): parseClaim reports it as unreadable.
        return undefined;
      }
      return guarded(() => {
        const mine = explainClaim(input);
        const agree = mine.success
          ? zod.success && same(mine.data, zod.data)
          : !zod.success && same(zodIssuesToMedcode(mine.issues), zodIssuesToMedcode(zod.error.issues));
        return agree
          ? prototypeFinding()
          : {
              kind: 'contradiction',
              detail: `explainClaim and ClaimSchema differ on ${JSON.stringify(input)?.slice(0, 300)}`,
            };
      });
    },
  }),
  entry({
    name: 'claim builder',
    arbitrary: fc.tuple(
      fc.array(fc.oneof(codeInput, fc.constantFrom('E11.9', 'I10')), { maxLength: 14 }),
      fc.array(
        fc.oneof(
          jsonish,
          fc.record({
            procedure: mutatedCode,
            units: fc.oneof(fc.integer(), fc.double()),
            charge: fc.string({ maxLength: 8 }),
            serviceDate: fc.constant(DATE),
          }),
        ),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
    timeBoundMs: 100,
    property: ([dx, lines, options]) =>
      guarded(() => {
        let b = newClaim({
          claimId: 'P',
          patient: { birthDate: '1950-01-01', sex: 'F' },
          placeOfService: '11',
        } as never);
        for (const d of dx) b = b.diagnosis(d as string);
        for (const l of lines) b = b.line(l as never);
        b.build(options as never);
        return prototypeFinding();
      }),
  }),
  entry({
    name: 'validateClaim (claims and options)',
    arbitrary: fc.tuple(
      claimInput,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: jsonish },
        {
          weight: 1,
          arbitrary: fc.record(
            {
              profile: fc.constantFrom('medicare-professional', 'nope', 5),
              rules: jsonish,
              limits: jsonish,
              today: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        },
      ),
    ),
    timeBoundMs: 250,
    property: ([c, options]) =>
      guarded(() => {
        validateClaim(c as never, options as never);
        return prototypeFinding();
      }),
  }),
  entry({
    name: 'validateClaims (stream)',
    arbitrary: fc.oneof(fc.array(claimInput, { maxLength: 3 }), fc.anything()),
    timeBoundMs: 500,
    property: (input) =>
      guardedAsync(async () => {
        for await (const _ of validateClaims(input as never)) void _;
        return undefined;
      }),
  }),
  entry({
    name: 'scoreClaimStream (hostile claims and options)',
    arbitrary: fc.tuple(
      fc.oneof(fc.array(claimInput, { maxLength: 3 }), fc.anything()),
      fc.oneof(
        fc.constant(undefined),
        fc.record(
          {
            patientKey: fc.oneof(
              fc.constant((c: { claimId?: unknown }) => c.claimId),
              fc.anything(),
            ),
            enrollment: fc.oneof(fc.func(fc.anything()), fc.anything()),
            includeClaim: fc.oneof(fc.func(fc.boolean()), fc.anything()),
            explainAllSegments: fc.anything(),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    timeBoundMs: 500,
    property: ([claims, options]) =>
      guardedAsync(async () => {
        const r = await scoreClaimStream(hcc.at(2026), claims as never, options as never);
        for (const score of r.patients.values()) {
          const shape = resultShapeFinding(score, 'scoreClaimStream patient');
          if (shape) return shape;
        }
        return prototypeFinding();
      }),
  }),
  entry({
    name: 'priceClaimWith (hostile claims and options)',
    arbitrary: fc.tuple(
      fc.oneof(claimInput, fc.anything()),
      fc.oneof(fc.constant('schedule'), fc.anything()),
    ),
    timeBoundMs: 250,
    property: ([claim, options]) =>
      guarded(() => {
        const opts = options === 'schedule' ? { schedule: (date: string) => pfs.tryAt(date) } : options;
        const shape = resultShapeFinding(priceClaimWith(claim as never, opts as never), 'priceClaimWith');
        return shape ?? prototypeFinding();
      }),
  }),
  entry({
    name: 'writers agree on acceptance (837P, FHIR, CMS-1500)',
    arbitrary: claimInput,
    timeBoundMs: 250,
    property: (input) =>
      guarded(() => {
        // The 837P needs more than the other two (a billing provider and a subscriber, loops 2010AA
        // and 2010BA) and carries less (no POA on a professional claim): its own x12_unwritable
        // refusals tell nothing about the values (it stops at the loops it cannot fill). Otherwise a
        // refusal of the claim's values (a code, an amount, a date) must be shared by all three.
        const written = toX12837P([input as Claim], ENVELOPE);
        const x12 = written.ok
          ? true
          : written.issues.every((i) => i.code === 'x12_unwritable')
            ? undefined
            : false;
        const fhir = toFhirClaim(input as Claim).ok;
        const form = toCms1500(input as Claim).ok;
        if ((x12 !== undefined && x12 !== fhir) || fhir !== form)
          return {
            kind: 'contradiction',
            detail: `837P ${x12}, FHIR ${fhir}, CMS-1500 ${form} for ${JSON.stringify(input).slice(0, 160)}`,
          };
        return prototypeFinding();
      }),
  }),
  entry({
    name: 'validateClaim with x12-837p on agrees with the 837P writer',
    arbitrary: claimInput,
    timeBoundMs: 250,
    property: (input) =>
      guarded(() => {
        // A claim that passes with the 837P check on is written; one the check refuses is refused.
        const v = validateClaim(input as never, { today: '2026-11-27', rules: { 'x12-837p': true } });
        const refused = v.issues.some((e) => e.rule === 'x12-837p' && e.severity === 'error');
        if (v.status !== 'passed' && !refused) return prototypeFinding();
        const written = toX12837P([input as Claim], ENVELOPE).ok;
        if (written === refused)
          return {
            kind: 'contradiction',
            detail: `validation ${v.status} (x12-837p ${refused ? 'refuses' : 'accepts'}), 837P writer ${written ? 'writes' : 'refuses'} ${JSON.stringify(input).slice(0, 160)}`,
          };
        return prototypeFinding();
      }),
  }),
  entry({
    name: '837P write/read round trip (string and stream, random chunks)',
    arbitrary: fc.tuple(claimArb, fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 })),
    timeBoundMs: 400,
    property: ([c, cuts]) =>
      guardedAsync(async () => {
        const w = toX12837P([c], ENVELOPE);
        // Claims the 837P cannot carry by design (no billing provider, POA): not round-trip material.
        if (!w.ok && w.issues.every((i) => i.code === 'x12_unwritable')) return undefined;
        if (!w.ok)
          return { kind: 'contradiction', detail: `837P refuses a valid claim: ${w.issues[0]?.message}` };
        const text = w.value;
        const read = fromX12837P(text);
        if (!read.ok || read.value.claims.length !== 1)
          return { kind: 'contradiction', detail: '837P reader does not read back what the writer wrote' };
        // The same text in random chunks must read to the same claims.
        const chunks: string[] = [];
        let at = 0;
        for (let k = 0; at < text.length; k++) {
          const n = cuts[k % cuts.length]!;
          chunks.push(text.slice(at, at + n));
          at += n;
        }
        const streamed: unknown[] = [];
        for await (const item of parseX12837PStream(chunks))
          if (item.kind === 'claim') streamed.push(item.claim);
        if (!same(streamed, read.value.claims))
          return { kind: 'contradiction', detail: 'stream and string readers disagree' };
        const again = toX12837P(read.value.claims, ENVELOPE);
        if (!again.ok || again.value !== text)
          return { kind: 'contradiction', detail: '837P write(read(write(c))) differs from write(c)' };
        return undefined;
      }),
  }),
  entry({
    name: '837P read (hostile text, string and stream)',
    arbitrary: fc.tuple(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        claimArb
          .map((c) => {
            const w = toX12837P([c], ENVELOPE);
            return w.ok ? w.value : '';
          })
          .chain((t) =>
            fc
              .tuple(
                fc.nat(Math.max(0, t.length - 1)),
                fc.oneof(trickyChar, fc.constantFrom('*', '~', ':', '^', 'ſ', '')),
              )
              .map(([i, ch]) => t.slice(0, i) + ch + t.slice(i + 1)),
          ),
      ),
      fc.integer({ min: 1, max: 64 }),
    ),
    timeBoundMs: 400,
    property: ([text, size]) =>
      guardedAsync(async () => {
        const read = fromX12837P(text);
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
        const streamed: unknown[] = [];
        for await (const item of parseX12837PStream(chunks))
          if (item.kind === 'claim') streamed.push(item.claim);
        if (read.ok && !same(streamed, read.value.claims))
          return { kind: 'contradiction', detail: 'stream and string readers disagree on hostile text' };
        return undefined;
      }),
  }),
  entry({
    name: '837P cut into transaction sets (hostile bytes): the items of one reader',
    arbitrary: fc.tuple(
      x12ClaimArb
        .map((c) => {
          const w = toX12837P([c, { ...c, claimId: `${c.claimId}-2` }], {
            ...ENVELOPE,
            maxClaimsPerTransaction: 1,
          });
          return w.ok ? w.value : '';
        })
        .chain((t) =>
          fc
            .tuple(
              fc.nat(Math.max(0, t.length - 1)),
              fc.oneof(trickyChar, fc.constantFrom('*', '~', ':', '^', 'ſ', '', 'SE*', 'ST*837*', 'ISA')),
            )
            .map(([i, ch]) => t.slice(0, i) + ch + t.slice(i + 1)),
        ),
      fc.integer({ min: 1, max: 512 }),
    ),
    timeBoundMs: 400,
    property: ([text, size]) =>
      guardedAsync(async () => {
        const bytes = new TextEncoder().encode(text);
        const parts: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
        const whole: unknown[] = [];
        for await (const item of parseX12837PStream(parts)) whole.push(item);
        const splitter = new X12TransactionSplitter();
        const pieces = [...parts.flatMap((part) => splitter.push(part)), ...splitter.end()];
        const cut = pieces.flatMap((p) =>
          p.kind === 'items' ? [...p.items] : [...readX12Transactions(p.bytes, p.at)],
        );
        if (!same(cut, whole))
          return {
            kind: 'contradiction',
            detail: 'transaction cut and one reader disagree on hostile bytes',
          };
        return undefined;
      }),
  }),
  entry({
    name: 'FHIR write/read round trip and hostile resources',
    arbitrary: fc.oneof(
      claimArb.map((c) => ({ valid: c as unknown })),
      jsonish.map((j) => ({ hostile: j as unknown })),
    ),
    timeBoundMs: 250,
    property: (input) =>
      guarded(() => {
        if ('hostile' in input) {
          fromFhirClaim(input.hostile);
          return prototypeFinding();
        }
        const w = toFhirClaim(input.valid as Claim);
        if (!w.ok)
          return {
            kind: 'contradiction',
            detail: `FHIR writer refuses a valid claim: ${w.issues[0]?.message}`,
          };
        const r = fromFhirClaim(w.value);
        if (!r.ok)
          return {
            kind: 'contradiction',
            detail: `FHIR reader refuses what the writer wrote: ${r.issues[0]?.message}`,
          };
        const again = toFhirClaim(r.value);
        if (!again.ok || !same(again.value, w.value))
          return { kind: 'contradiction', detail: 'FHIR write(read(write(c))) differs' };
        return undefined;
      }),
  }),
  entry({
    name: 'money and NDC helpers',
    arbitrary: fc.oneof(fc.anything(), fc.constant(Symbol('x')), fc.array(fc.string({ maxLength: 8 }))),
    timeBoundMs: 20,
    property: (input) =>
      guarded(() => {
        toNdc11(input as never);
        toCents(input as never);
        totalCharge(input as never);
        return undefined;
      }),
  }),
];

// ---- importers, CPT descriptors, CLI -----------------------------------------------------------

const bytesArb = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
  fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
);

const importerPoints: EntryPoint[] = [
  entry({
    name: 'CPT withDescriptors',
    arbitrary: fc.tuple(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('code\tdescriptor\n99213\tOffice visit\n', 'code,descriptor\nſ9083,x\n99213,"a\n'),
        bytesArb,
        fc.anything(),
      ),
      fc.oneof(fc.constant(undefined), fc.anything()),
    ),
    timeBoundMs: 100,
    property: ([text, options]) =>
      guarded(() => {
        withDescriptors(text as never, options as never);
        return undefined;
      }),
  }),
  entry({
    name: 'parseMueCsv',
    arbitrary: fc.tuple(
      fc.oneof(fc.string({ maxLength: 300 }), bytesArb, fc.anything()),
      fc.oneof(fc.constant(undefined), fc.anything()),
    ),
    timeBoundMs: 100,
    property: ([text, options]) =>
      guarded(() => {
        parseMueCsv(text as never, options as never);
        return undefined;
      }),
  }),
  entry({
    name: 'importPtp / selectPtpTable',
    // File paths are left out: a path that does not exist gives Node's own ENOENT error (with its
    // errno code, which the CLI reports as a usage error), and random paths must not touch the disk.
    arbitrary: fc.oneof(
      fc.array(
        fc.record({
          name: fc.constantFrom('ccipra-v322r0-f1.txt', 'x.zip', 'ccioph-v321r0-f2.TXT'),
          bytes: bytesArb,
        }),
        { maxLength: 2 },
      ),
      fc
        .anything()
        .filter((v) => typeof v !== 'string' && !(Array.isArray(v) && v.some((x) => typeof x === 'string'))),
    ),
    timeBoundMs: 250,
    property: (input) =>
      guardedAsync(async () => {
        const tables = await importPtp(input as never);
        selectPtpTable(tables, 'practitioner', DATE);
        return undefined;
      }),
  }),
  entry({
    name: 'CLI (lookup, check, search, validate from stdin)',
    arbitrary: fc.oneof(
      fc
        .tuple(
          fc.constantFrom('lookup', 'check'),
          fc.array(
            codeInput.filter((c): c is string => typeof c === 'string'),
            { minLength: 1, maxLength: 3 },
          ),
        )
        .map(([cmd, codes]) => ({ argv: [cmd, ...codes], stdin: undefined as string | undefined })),
      fc
        .tuple(
          fc.constantFrom('--limit', '-n', '--date', '--system'),
          fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('-1', '0', '1001', 'ſ')),
        )
        .map(([opt, v]) => ({
          argv: ['search', 'diabetes', opt, v],
          stdin: undefined as string | undefined,
        })),
      claimInput.map((c) => ({
        argv: ['validate', '-'],
        stdin: JSON.stringify(c) ?? ('null' as string | undefined),
      })),
      fc.string({ maxLength: 40 }).map((s) => ({
        argv: ['validate', '-'],
        stdin: `{"claimId":"A\u001b[2J${s}"}` as string | undefined,
      })),
    ),
    timeBoundMs: 1000,
    property: ({ argv, stdin }) =>
      guardedAsync(async () => {
        let out = '';
        const bytes = stdin === undefined ? undefined : new TextEncoder().encode(stdin);
        const code = await runCli(argv, {
          stdout: { write: (s: string) => (out += s) },
          stderr: { write: (s: string) => (out += s) },
          cwd: process.cwd(),
          today: '2026-11-27',
          ...(bytes ? { stdin: [bytes] } : {}),
        });
        if (code === 70)
          return { kind: 'throw', detail: `exit 70 for ${JSON.stringify(argv)}: ${out.slice(0, 200)}` };
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
        if (/[\u001b\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u009b]/.test(out))
          return {
            kind: 'contradiction',
            detail: `raw control character printed for ${JSON.stringify(argv)}`,
          };
        return undefined;
      }),
  }),
];

// ---- official files, packs, FHIR Bundles, HCC scoring, worker threads ---------------------------

const SOURCES = join(import.meta.dirname, '..', '..', 'codesets', 'sources');
const CODESETS = join(import.meta.dirname, '..', '..', 'codesets');

/** Small real official files in codesets/sources, imported under their own names. */
const OFFICIAL_FILES = [
  'hcc/V28_Diagnosis_Categories.csv',
  'hcc/V28_HCC_Hierarchies.csv',
  'hcc/V28_Interactions.csv',
  'hcc/V28_CE_Relative_Factors.csv',
  'ncci/AOC_V2026Q2-MCR.xlsx',
  'mce/MCE_Simple_Code_Edits_v37.txt',
  'hcpcs/january-2026-alpha-numeric-hcpcs-file.zip',
];

const fileBytes = new Map<string, Uint8Array>();
/** The bytes of a file (read once; callers copy before changing them). */
function bytesOf(path: string): Uint8Array {
  let bytes = fileBytes.get(path);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path));
    fileBytes.set(path, bytes);
  }
  return bytes;
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Positions (as fractions of the length) and XOR masks of bytes to flip. */
const byteFlips = fc.array(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })),
  { maxLength: 4 },
);

/** A copy of `bytes`, cut to `keep` of its length, with the flips applied. */
function damaged(bytes: Uint8Array, flips: readonly (readonly [number, number])[], keep: number): Uint8Array {
  const out = bytes.slice(0, Math.floor(bytes.length * keep));
  for (const [at, mask] of flips)
    if (out.length > 0) {
      const i = Math.min(out.length - 1, Math.floor(at * out.length));
      out[i] = out[i]! ^ mask;
    }
  return out;
}

/** Kept whole (weight 2), or cut anywhere. */
const keptShare = fc.oneof(
  { weight: 2, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);

/** A real official file under its own name, as it is, with bytes flipped, or truncated. */
const damagedOfficialFile = fc
  .record({ path: fc.constantFrom(...OFFICIAL_FILES), flips: byteFlips, keep: keptShare })
  .map(({ path, flips, keep }) => ({
    name: lastSegment(path),
    bytes: damaged(bytesOf(join(SOURCES, path)), flips, keep),
  }));

/** Official-looking and hostile file names (no folders: nothing is read from or written to disk). */
const importName = fc.oneof(
  fc.constantFrom(
    'HCPC2026_OCT_ANWEB_v2.xlsx',
    'january-2026-alpha-numeric-hcpcs-file.zip',
    'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv',
    'MCR_MUE_PractitionerServices_Eff_04-01-2026.xlsx',
    'AOC_V2026Q2-MCR.xlsx',
    'MCE_Simple_Code_Edits_v37.txt',
    'icd10pcs_tables_2026.xml',
    '2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip',
    'V28_Interactions.csv',
    '2026 Final ICD-10-CM Mappings.xlsx',
    'ccipra-v322r0-f1.zip',
    '__proto__',
    'constructor',
    'hasOwnProperty.csv',
    '',
    'ſ.xlsx',
  ),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => `${'x'.repeat(n)}.xlsx`),
  fc.string({ maxLength: 30 }),
);

/** Garbage under an official name: random bytes, a zip signature on garbage (as an xlsx is a zip), or empty. */
const garbageFile = fc.record({
  name: importName,
  bytes: fc.oneof(bytesArb, fc.constant(new Uint8Array(0))),
});

const importInput = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(fc.oneof(damagedOfficialFile, garbageFile, garbageFile), {
      minLength: 1,
      maxLength: 3,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.anything().filter((v) => typeof v !== 'string'),
      fc.array(
        fc.oneof(
          fc.constantFrom(
            null,
            5,
            {},
            { name: 5, bytes: 'x' },
            { name: 'a.csv' },
            { bytes: new Uint8Array(3) },
          ),
          fc.record({ name: fc.anything(), bytes: fc.anything() }),
        ),
        { maxLength: 2 },
      ),
    ),
  },
);

/** Options without `out` (nothing is written). */
const importOptions = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, 5, 'x', { maxBytes: 10 }, { maxBytes: -1 }, { maxBytes: Number.NaN }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ onProgress: fc.anything(), maxBytes: fc.anything() }, { requiredKeys: [] }),
  },
);

/** Every issue of a failed result is an error, and a result is one of the two shapes. */
function resultShapeFinding(r: unknown, what: string): Finding | undefined {
  const result = r as { ok?: unknown; issues?: readonly { severity?: unknown }[] };
  if (typeof result?.ok !== 'boolean' || !Array.isArray(result.issues))
    return { kind: 'contradiction', detail: `${what} returned neither result shape` };
  if (!result.ok && !result.issues.some((i) => i.severity === 'error'))
    return { kind: 'contradiction', detail: `${what} failed without an error issue` };
  return undefined;
}

// Packs: a system's real packs and manifest, damaged, cut, swapped or re-signed, held in memory.

/** Editions with small packs, the files of each, and a use that opens every pack. */
const PACK_EDITIONS: Record<
  string,
  { readonly files: readonly string[]; readonly use: (packs: PackSource) => unknown }
> = {
  pos: {
    files: ['pos/2024-08/manifest.json', 'pos/2024-08/pos.pack'],
    use: (packs) => createHcpcsSystem({ packs }).placesOfService.at(DATE).get('11')?.code,
  },
  hcc: {
    files: ['hcc/v28-py2026/manifest.json', 'hcc/v28-py2026/model.pack', 'hcc/v28-py2026/crosswalk.pack'],
    use: (packs) => {
      const r = createHccSystem({ packs })
        .at(2026)
        .score({ sex: 'F', age: 70, diagnoses: ['E1122', 'N184'] });
      return r.ok ? r.value.score : r.issues[0]?.code;
    },
  },
  // The notes pack is read a block at a time: a damaged block in the notes a lookup reads is a
  // PackError, one elsewhere leaves the answer as it was.
  'icd10cm notes': {
    files: ['icd10cm/fy2026/manifest.json', 'icd10cm/fy2026/codes.pack', 'icd10cm/fy2026/notes.pack'],
    use: (packs) => {
      const cs = createIcd10CmSystem({ packs }).at(DATE);
      const conflicts = cs.excludesConflicts('E11.9', 'E10.9').map((c) => c.note.text);
      const notes = cs.get('I10')?.notes.useAdditionalCode.map((n) => n.text) ?? [];
      return JSON.stringify([conflicts, notes]);
    },
  },
  'mce and mue': {
    files: [
      'mce/v37/manifest.json',
      'mce/v37/lists.pack',
      'ncci-mue/practitioner-2026q2/manifest.json',
      'ncci-mue/practitioner-2026q2/mue.pack',
    ],
    use: (packs) => {
      const r = validateClaim(
        {
          claimId: 'PACKS',
          patient: { birthDate: '1958-07-01', sex: 'F' },
          placeOfService: '11',
          diagnoses: [{ code: 'O80' }],
          lines: [
            { procedure: '88350', units: 9, charge: '10.00', serviceDate: DATE, diagnosisPointers: [1] },
          ],
        },
        { packs, today: '2026-11-27' },
      );
      return r.issues.map((i) => i.code).join(',');
    },
  },
};

/** What each edition's use answers with the packs as built (a damaged set must never answer otherwise and pass as whole). */
const packAnswers = new Map<string, unknown>();

/** The manifest of a pack's folder, with the pack's size and digests made to match `bytes`. */
function resigned(manifest: Uint8Array, pack: string, bytes: Uint8Array): Uint8Array {
  const m = JSON.parse(new TextDecoder().decode(manifest)) as {
    files: { file: string; bytes: number; sha256: string; headerSha256?: string }[];
  };
  for (const entry of m.files) {
    if (entry.file !== pack) continue;
    entry.bytes = bytes.length;
    entry.sha256 = sha256Hex(bytes);
    try {
      entry.headerSha256 = sha256Hex(packHeaderBytes(bytes, pack));
    } catch {
      delete entry.headerSha256; // too short for a header: the full digest ties it instead
    }
  }
  return new TextEncoder().encode(JSON.stringify(m));
}

const packInput = fc.record({
  edition: fc.constantFrom(...Object.keys(PACK_EDITIONS)),
  target: fc.nat(),
  damage: fc.constantFrom(
    'none',
    'flip',
    'cut',
    'swap',
    'flip and re-sign',
    'cut and re-sign',
    'swap and re-sign',
  ),
  flips: byteFlips.filter((f) => f.length > 0),
  keep: fc.double({ min: 0, max: 0.999, noNaN: true }),
  swapWith: fc.constantFrom(
    'pos/2024-08/pos.pack',
    'mce/v37/lists.pack',
    'hcc/v28-py2026/model.pack',
    'ncci-mue/practitioner-2026q2/mue.pack',
  ),
});

// FHIR: a written Claim's contained resources moved into a Bundle, then broken.

/** The Bundle a FHIR server returns for the Claim with `_include`: its contained resources as entries. */
function asBundle(claim: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(claim)) as Record<string, unknown> & {
    contained?: { id: string; resourceType: string }[];
  };
  const contained = copy.contained ?? [];
  delete copy.contained;
  const typeOf = new Map(contained.map((r) => [r.id, r.resourceType]));
  const relink = (resource: unknown) =>
    JSON.parse(
      JSON.stringify(resource).replace(
        /"reference":"#([^"]*)"/g,
        (_, id: string) => `"reference":"${typeOf.get(id)}/${id}"`,
      ),
    ) as Record<string, unknown>;
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [
      { fullUrl: 'https://fhir.example.org/Claim/c1', resource: relink({ ...copy, id: 'c1' }) },
      ...contained.map((r) => ({
        fullUrl: `https://fhir.example.org/${r.resourceType}/${r.id}`,
        resource: relink(r),
      })),
    ],
  };
}

const HOSTILE_REFERENCES = [
  'Patient/',
  'Patient/__proto__',
  'Claim/c1',
  '#',
  '#c1',
  'Organization/x/_history/2',
  'https://fhir.example.org/Patient',
  'urn:uuid:00000000-0000-0000-0000-000000000000',
  'Patient/ſ',
  `Patient/${'9'.repeat(5000)}`,
];

const bundleInput = fc.record({
  claim: claimArb,
  damage: fc.constantFrom('none', 'drop entry', 'reference', 'duplicate entry', 'entry replaced', 'resolver'),
  at: fc.nat(),
  reference: fc.oneof(fc.constantFrom(...HOSTILE_REFERENCES), fc.string({ maxLength: 20 })),
  junk: jsonish,
  resolver: fc.constantFrom(
    'throws',
    'returns junk',
    'returns the bundle',
    'returns a Patient of another id',
  ),
});

/** Every object in a JSON tree that has a `reference` string. */
function referencesIn(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.reference === 'string') out.push(o);
    for (const v of Object.values(o)) referencesIn(v, out);
  }
  return out;
}

// HCC: hostile diagnosis lists and demographics.

const HCC_DIAGNOSES = ['E1122', 'E11.22', 'N184', 'I5022', 'C509', 'F0390', 'J449', 'E119', 'Z794', 'I10'];
const hccInput = fc.record({
  year: fc.oneof(
    { weight: 4, arbitrary: fc.constant(2026 as unknown) },
    { weight: 1, arbitrary: fc.anything() },
  ),
  beneficiary: fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record(
        {
          id: fc.oneof(fc.string({ maxLength: 8 }), fc.anything()),
          sex: fc.oneof(fc.constantFrom('F', 'M'), fc.constantFrom('f', 'U', '', 'ſ'), fc.anything()),
          age: fc.oneof(fc.integer({ min: -5, max: 130 }), fc.double(), fc.anything()),
          dateOfBirth: fc.oneof(
            fc.constantFrom('1950-02-01', '1961-02-29', '0000-02-29', '2030-01-01'),
            fc.anything(),
          ),
          originalReasonForEntitlement: fc.oneof(fc.constantFrom('0', '1', '2', '3', '9', 1), fc.anything()),
          dualStatus: fc.oneof(fc.constantFrom('non-dual', 'partial', 'full', 'FULL'), fc.anything()),
          medicaid: fc.oneof(fc.boolean(), fc.anything()),
          institutional: fc.oneof(fc.boolean(), fc.anything()),
          newEnrollee: fc.oneof(fc.boolean(), fc.anything()),
          specialNeedsPlan: fc.oneof(fc.boolean(), fc.anything()),
          diagnoses: fc.oneof(
            {
              weight: 4,
              arbitrary: fc.array(fc.oneof(fc.constantFrom(...HCC_DIAGNOSES), codeInput), { maxLength: 12 }),
            },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom(20_000, 200_000)
                .map((n) => Array.from({ length: n }, (_, i) => HCC_DIAGNOSES[i % HCC_DIAGNOSES.length])),
            },
            { weight: 1, arbitrary: fc.anything() },
          ),
        },
        { requiredKeys: ['sex', 'diagnoses'] },
      ),
    },
    { weight: 1, arbitrary: jsonish },
  ),
  options: fc.oneof(fc.constant(undefined), fc.anything()),
});

/** The segment scores of a result, for comparing two scorings of one beneficiary. */
/**
 * The figures of a score: the score, each segment's score and the paying HCCs. The explanations
 * (which diagnoses raised a term) list the diagnoses in the caller's order, so they are left out.
 */
function scoresOf(r: {
  ok: boolean;
  value?: {
    score: string;
    payingHccs: readonly number[];
    segments: readonly { segment: string; score: string }[];
  };
}): string {
  if (!r.ok) return 'failed';
  const v = r.value!;
  return JSON.stringify([v.score, [...v.payingHccs].sort(), v.segments.map((s) => [s.segment, s.score])]);
}

const morePoints: EntryPoint[] = [
  entry({
    name: 'importCodeSets (hostile names and bytes, damaged official files)',
    arbitrary: fc.tuple(importInput, importOptions),
    timeBoundMs: 8000,
    weight: 0.1,
    property: ([files, options]) =>
      guardedAsync(async () => {
        const r = await importCodeSets(files as never, options as never);
        return resultShapeFinding(r, 'importCodeSets') ?? prototypeFinding();
      }),
  }),
  entry({
    name: 'code systems from hostile pack bytes (flipped, cut, swapped, re-signed)',
    arbitrary: packInput,
    timeBoundMs: 3000,
    weight: 0.2,
    property: ({ edition, target, damage, flips, keep, swapWith }) =>
      guarded(() => {
        const { files, use } = PACK_EDITIONS[edition]!;
        const held = new Map<string, Uint8Array>(files.map((f) => [f, bytesOf(join(CODESETS, f))]));
        if (!packAnswers.has(edition)) packAnswers.set(edition, use(memorySource(held)));
        const path = files[target % files.length]!;
        const original = held.get(path)!;
        const changed = damage.startsWith('flip')
          ? damaged(original, flips, 1)
          : damage.startsWith('cut')
            ? damaged(original, [], keep)
            : damage.startsWith('swap')
              ? bytesOf(join(CODESETS, swapWith))
              : original;
        held.set(path, changed);
        if (damage.endsWith('re-sign') && path.endsWith('.pack')) {
          const manifest = `${path.slice(0, path.lastIndexOf('/'))}/manifest.json`;
          held.set(manifest, resigned(held.get(manifest)!, lastSegment(path), changed));
        }
        let answer: unknown;
        try {
          answer = use(memorySource(held));
        } catch (error) {
          if (error instanceof PackError || documented(error)) return prototypeFinding();
          throw error;
        }
        // A damaged pack is a PackError or does not change the answer (a section the answer does not
        // read may be damaged unseen): never a different answer. The validator reports damaged MUE
        // and MCE packs as issues of its result, so its answer is left out.
        if (edition !== 'mce and mue' && answer !== packAnswers.get(edition))
          return {
            kind: 'contradiction',
            detail: `${edition}: ${damage} ${path} answers ${String(answer)}, not ${String(packAnswers.get(edition))}`,
          };
        return prototypeFinding();
      }),
  }),
  entry({
    name: 'FHIR read of Bundles and references (broken, cyclic, hostile resolvers)',
    arbitrary: bundleInput,
    timeBoundMs: 400,
    weight: 0.5,
    property: ({ claim, damage, at, reference, junk, resolver }) =>
      guarded(() => {
        const written = toFhirClaim(claim);
        if (!written.ok)
          return {
            kind: 'contradiction',
            detail: `FHIR writer refuses a valid claim: ${written.issues[0]?.message}`,
          };
        const bundle = asBundle(written.value as unknown as Record<string, unknown>);
        const entries = bundle.entry as { fullUrl: string; resource: unknown }[];
        let options: Parameters<typeof fromFhirClaim>[1];
        if (damage === 'drop entry' && entries.length > 1) entries.splice(1 + (at % (entries.length - 1)), 1);
        else if (damage === 'reference') {
          const refs = referencesIn(bundle);
          if (refs.length > 0) refs[at % refs.length]!.reference = reference;
        } else if (damage === 'duplicate entry')
          entries.push({
            ...entries[at % entries.length]!,
            resource: { resourceType: 'Patient', id: 'dup' },
          });
        else if (damage === 'entry replaced') entries[at % entries.length] = junk as never;
        else if (damage === 'resolver') {
          const refs = referencesIn(bundle);
          if (refs.length > 0) refs[at % refs.length]!.reference = 'Patient/elsewhere';
          bundle.entry = entries.slice(0, 1);
          options = {
            resolve: (ref: string) => {
              if (resolver === 'throws') throw new Error(`no ${ref}`);
              if (resolver === 'returns junk') return junk;
              if (resolver === 'returns the bundle') return bundle;
              return { resourceType: 'Patient', id: 'someone-else' };
            },
          } as never;
        }
        const read = fromFhirClaim(bundle, options);
        const shape = resultShapeFinding(read, 'fromFhirClaim');
        if (shape) return shape;
        if (damage === 'none') {
          const direct = fromFhirClaim(written.value);
          if (!read.ok || !direct.ok || !same(read.value, direct.value))
            return {
              kind: 'contradiction',
              detail: `the Bundle form reads ${read.ok ? 'another claim' : `as failed (${read.issues[0]?.message})`} than the contained form`,
            };
        }
        return prototypeFinding();
      }),
  }),
  entry({
    name: 'HCC scoring (hostile diagnosis lists and demographics)',
    arbitrary: hccInput,
    timeBoundMs: 400,
    property: ({ year, beneficiary, options }) =>
      guarded(() => {
        const model = hcc.tryAt(year as never);
        if (!model.ok) return resultShapeFinding(model, 'hcc.tryAt');
        const r = model.value.score(beneficiary as never, options as never);
        const shape = resultShapeFinding(r, 'score');
        if (shape) return shape;
        const b = beneficiary as { diagnoses?: unknown };
        if (r.ok && Array.isArray(b.diagnoses)) {
          // The order of the diagnoses does not change a score.
          const reversed = model.value.score(
            { ...(beneficiary as object), diagnoses: [...b.diagnoses].reverse() } as never,
            options as never,
          );
          if (scoresOf(r) !== scoresOf(reversed))
            return { kind: 'contradiction', detail: 'the score depends on the order of the diagnoses' };
          if (!Number.isFinite(Number(r.value.score)))
            return { kind: 'contradiction', detail: `score ${r.value.score} is not a number` };
        }
        return prototypeFinding();
      }),
  }),
  entry({
    name: 'validateClaimsInWorkers (agrees with validateClaims)',
    arbitrary: fc.tuple(
      poolClaims,
      oddOptions({
        batchSize: fc.constantFrom(0, -3, 1, 2.5, 'x', Number.POSITIVE_INFINITY, null),
        maxBatchesInFlight: fc.constantFrom(0, -1, 1, 1.5, Number.NaN, '2'),
        output: fc.constantFrom('objects', 'json', 'xml', 5),
        workers: fc.constantFrom(0, -1, 1.5, Number.NaN, '2', null),
      }),
    ),
    timeBoundMs: 20000,
    weight: 0.02,
    property: ([claims, extra]) =>
      guardedAsync(async () => {
        const options = { workers: 1, today: '2026-11-27', ...(extra as object) };
        const pooled: unknown[] = [];
        for await (const item of validateClaimsInWorkers(claims as never, options as never))
          pooled.push(item);
        return (
          (await disagreesWithOneThread(
            [pooled],
            claims,
            options,
            'worker threads and validateClaims disagree',
          )) ?? prototypeFinding()
        );
      }),
  }),
  entry({
    name: 'createClaimValidationPool (two streams through one pool agree with validateClaims)',
    arbitrary: fc.tuple(
      poolClaims,
      oddOptions({
        workers: fc.constantFrom(0, -1, 1.5, Number.NaN, '2', null),
        output: fc.constantFrom('objects', 'json'),
        extraCodesetsDirs: fc.constantFrom('x', [1], null),
        onWorker: fc.constantFrom(5, 'f'),
      }),
      oddOptions({
        batchSize: fc.constantFrom(0, -3, 1, 2.5, 'x', null),
        output: fc.constantFrom('objects', 'json', 'xml', 5),
        input: fc.constantFrom('claims', 'csv', 7),
      }),
    ),
    timeBoundMs: 20000,
    weight: 0.02,
    property: ([claims, poolExtra, streamExtra]) =>
      guardedAsync(async () => {
        const pool = createClaimValidationPool({
          workers: 1,
          today: '2026-11-27',
          ...(poolExtra as object),
        } as never);
        try {
          const streams = await Promise.all(
            [0, 1].map(async () => {
              const items: unknown[] = [];
              for await (const item of pool.validate(claims as never, streamExtra as never)) items.push(item);
              return items;
            }),
          );
          const found = await disagreesWithOneThread(
            streams,
            claims,
            streamExtra,
            'a pool stream and validateClaims disagree',
          );
          if (found) return found;
        } finally {
          await pool.close();
        }
        return prototypeFinding();
      }),
  }),
];

// PTP: the rule's line index against the definition, pair by pair.

const SMALL_PTP_ROWS = 20_000;
let smallPtp: Promise<PtpTable> | undefined;
/** The synthetic PTP table (20,000 rows, CMS layout), imported once as 2026 Q2. */
function smallPtpTable(): Promise<PtpTable> {
  smallPtp ??= importPtp(syntheticPtpZips(SMALL_PTP_ROWS), { effectiveFrom: '2026-04-01' }).then(
    (t) => t[0]!,
  );
  return smallPtp;
}

/** Lines drawn from a few column-1 codes of the table and their column-2 codes, on two dates. */
const ptpClaimInput = fc.array(
  fc.record({
    k: fc.nat(3),
    column1: fc.boolean(),
    m: fc.nat(199),
    date: fc.constantFrom(DATE, '2026-05-02'),
    modifiers: fc.array(fc.constantFrom('59', '25', 'XS', '57', 'LT', 'xu'), { maxLength: 2 }),
  }),
  { minLength: 2, maxLength: 60 },
);

const ptpPoint = entry({
  name: 'ncci-ptp (the line index finds the pairs the definition names)',
  arbitrary: ptpClaimInput,
  timeBoundMs: 400,
  property: (specs) =>
    guardedAsync(async () => {
      const table = await smallPtpTable();
      const { col1, col2Of } = syntheticPairs(SMALL_PTP_ROWS);
      const lines = specs.map((l) => ({
        procedure: l.column1 ? col1[l.k]! : col2Of(l.k)[l.m % 50]!,
        units: 1,
        charge: '10.00',
        serviceDate: l.date,
        diagnosisPointers: [1],
        modifiers: l.modifiers,
      }));
      const r = validateClaim(
        {
          claimId: 'PTP',
          patient: { birthDate: '1958-07-01', sex: 'F' },
          placeOfService: '11',
          diagnoses: [{ code: 'I10' }],
          lines,
        },
        { ptp: { tables: [table] }, today: '2026-11-27', rules: { 'ncci-ptp': true } },
      );
      const found = r.issues
        .filter((i) => i.code === 'ncci_ptp' || i.code === 'ncci_ptp_bypassed')
        .map((i) => {
          const e = i as unknown as {
            column1Line: number;
            path: readonly unknown[];
            column1: string;
            column2: string;
          };
          return `${e.column1Line}>${String(e.path[1])} ${e.column1}/${e.column2}`;
        })
        .sort();
      // The definition (CMS NCCI PTP edits page): every ordered pair of lines on one date whose
      // codes differ and have an edit active on that date.
      const expected: string[] = [];
      for (const [i, a] of lines.entries())
        for (const [j, b] of lines.entries()) {
          if (i === j || a.serviceDate !== b.serviceDate || a.procedure === b.procedure) continue;
          const edit = table.lookup(a.procedure, b.procedure, a.serviceDate);
          if (edit) expected.push(`${i}>${j} ${edit.column1}/${edit.column2}`);
        }
      expected.sort();
      if (!same(found, expected))
        return {
          kind: 'contradiction',
          detail: `ncci-ptp reports ${found.length} pairs, the definition ${expected.length}: ${found
            .filter((f) => !expected.includes(f))
            .concat(expected.filter((e) => !found.includes(e)))
            .slice(0, 3)
            .join('; ')}`,
        };
      return undefined;
    }),
});

/** Every entry point under fuzz, in the order of the report. */
export const ENTRY_POINTS: readonly EntryPoint[] = [
  ...codeSystemPoints,
  ...claimPoints,
  ...importerPoints,
  ...morePoints,
  ptpPoint,
] as EntryPoint[];

/**
 * Loads what the entry points read lazily (every edition of every code set a generated claim can
 * date into, the search indexes, the validators), so that a time-out measures the work of one
 * input, not a first load.
 */
export async function warmUp(): Promise<void> {
  const fcSample = fc.sample(claimArb, { numRuns: 60, seed: 7 });
  for (const c of fcSample) validateClaim(c);
  for (const y of [2025, 2026, 2027])
    for (const m of ['01', '04', '07', '10', '12']) {
      const d = `${y}-${m}-15`;
      for (const sys of [icd10cm, icd10pcs, hcpcs, hcpcs.modifiers, hcpcs.placesOfService]) {
        const r = (
          sys as unknown as {
            tryAt(d: string): {
              ok: boolean;
              value?: { check(c: string): unknown; search(q: string): unknown };
            };
          }
        ).tryAt(d);
        if (r.ok) {
          r.value!.check('A0000');
          r.value!.search('diabetes');
          // The spelling dictionaries, built on the first misspelt word (ICD-10-CM's printed words
          // count 25 MB of text once): one word near an indexed one, one near none.
          r.value!.search('diabetis');
          r.value!.search('xqzvwyxq');
        }
      }
    }
  await runCli(['check', 'E11.9'], {
    stdout: { write: () => true },
    stderr: { write: () => true },
    cwd: process.cwd(),
    today: '2026-11-27',
  });
}
