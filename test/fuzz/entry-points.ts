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
import fc from 'fast-check';
import { claim as newClaim } from '../../src/claims/builder';
import { toCms1500 } from '../../src/claims/cms1500';
import { fromFhirClaim, toFhirClaim } from '../../src/claims/fhir';
import { totalCharge } from '../../src/claims/money';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';
import { fromX12837P, parseX12837PStream, toCents, toNdc11, toX12837P } from '../../src/claims/x12';
import type { X12Envelope } from '../../src/claims/x12';
import { runCli } from '../../src/cli/main';
import { detectCodeSystem } from '../../src/core/detect';
import { toIsoDate } from '../../src/core/dates';
import { MedcodeError, SourceFormatError } from '../../src/core/errors';
import { withDescriptors } from '../../src/cpt/descriptors';
import { parseCpt } from '../../src/cpt/model';
import { hcpcs } from '../../src/hcpcs/index';
import { icd10cm } from '../../src/icd10cm/index';
import { icd10pcs } from '../../src/icd10pcs/index';
import { importPtp, parseMueCsv, selectPtpTable } from '../../src/ncci/index';
import { validateClaim, validateClaims } from '../../src/rules/engine';
import { claimArb } from '../claims/arbitraries';

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

/** Every entry point under fuzz, in the order of the report. */
export const ENTRY_POINTS: readonly EntryPoint[] = [
  ...codeSystemPoints,
  ...claimPoints,
  ...importerPoints,
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
