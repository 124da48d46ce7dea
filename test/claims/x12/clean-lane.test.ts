/**
 * The 837P writer's clean-claim lane (src/claims/x12/clean-claim.ts) against the full path
 * (claim schema, output checks, 837P checks): for any input the two give the same result, the
 * same bytes for a claim the lane writes and the same issues, in the same order and with the same
 * paths, for any other. And the lane does write the claims it is for.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeX12837P } from '../../../src/claims/x12/writer';
import { writeCleanClaim } from '../../../src/claims/x12/clean-claim';
import { Problems, SegmentWriter } from '../../../src/claims/x12/segment-writer';
import { DEFAULT_X12_SEPARATORS } from '../../../src/claims/x12';
import type { X12Envelope } from '../../../src/claims/x12';
import type { Claim } from '../../../src/claims/schema';
import { claimArbitrary, separatorsArbitrary } from './arbitraries';
import { claimArb } from '../arbitraries';
import { DEPENDENT, DRUG_AND_ANESTHESIA, ENVELOPE, OFFICE_VISIT } from './samples';

function sameAsFullPath(claims: readonly unknown[], envelope: X12Envelope = ENVELOPE): void {
  const lane = writeX12837P(claims as Claim[], envelope, true);
  const full = writeX12837P(claims as Claim[], envelope, false);
  expect(lane).toEqual(full);
}

/** Whether the lane itself writes `claim` (rather than leaving it to the full path). */
function laneWrites(claim: unknown): boolean {
  const w = new SegmentWriter(DEFAULT_X12_SEPARATORS, false, new Problems(), false);
  const written = writeCleanClaim(w, claim, 0, { n: 0 }, new Problems());
  w.discard();
  return written;
}

/** Values that break a claim field in every way the schema or the 837P can refuse. */
const badValue = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    ' ',
    'x',
    'Zoë',
    'A*B',
    'A~B',
    'A:B',
    'A^B',
    'A\nB',
    'A ',
    'SMITH   ',
    ' A',
    '62704 ',
    'PO BOX 12',
    '2026-02-30',
    '2014-12-31',
    '99999',
    '1234567890',
    '12-3456789',
    'ab.1',
    '1.234',
    0,
    -1,
    1.5,
    13,
    1e10,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    [],
    {},
    'self',
    'spouse',
    '19',
    'X'.repeat(61),
  ),
  fc.anything(),
);

/** Every path to a value inside `value` (objects and arrays), up to a depth. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      out.push([...prefix, key]);
      paths(v, [...prefix, key], out);
    }
  }
  return out;
}

/** A deep copy of `claim` with the value at `path` replaced (or deleted when `value` is undefined and `drop`). */
function withValue(
  claim: unknown,
  path: readonly (string | number)[],
  value: unknown,
  drop: boolean,
): unknown {
  const copy = structuredClone(claim) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (drop) delete at[last];
  else at[last] = value;
  return copy;
}

/** Keys the claim schema has, for adding a field a claim did not have. */
const EXTRA_FIELDS = fc.constantFrom(
  ['admissionDate'],
  ['dischargeDate'],
  ['payerClaimControlNumber'],
  ['frequencyCode'],
  ['subscriber', 'relationship'],
  ['subscriber', 'birthDate'],
  ['subscriber', 'sex'],
  ['subscriber', 'address'],
  ['subscriber', 'groupNumber'],
  ['patient', 'lastName'],
  ['patient', 'firstName'],
  ['patient', 'address'],
  ['billingProvider', 'taxonomy'],
  ['billingProvider', 'firstName'],
  ['renderingProvider'],
  ['renderingProvider', 'taxId'],
  ['renderingProvider', 'address'],
  ['diagnoses', 0, 'poa'],
  ['lines', 0, 'ndc'],
  ['lines', 0, 'placeOfService'],
  ['lines', 0, 'serviceDateTo'],
  ['lines', 0, 'serviceDateFrom'],
  ['lines', 0, 'renderingProvider'],
  ['lines', 0, 'modifiers'],
  ['unknownKey'],
);

const goodFieldValue = fc.constantFrom(
  '2026-05-01',
  '2026-04-01',
  '7',
  '8',
  '1',
  'F',
  'M',
  '01',
  '18',
  'Y',
  '',
  '11',
  '22',
  '0002-1433-80',
  { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
  { npi: '1245319599', name: 'JONES', taxId: '123456789' },
  ['25', '59'],
  'SMITH',
);

/** A clean claim given the fields the 837P drops with a warning (POA, a dependent's subscriber demographics, a rendering tax id and address). */
const withWarnings: fc.Arbitrary<unknown> = fc
  .record({
    claim: claimArbitrary,
    poa: fc.constantFrom('Y', 'N', '', undefined),
    dependent: fc.boolean(),
    renderingExtras: fc.boolean(),
  })
  .map(({ claim, poa, dependent, renderingExtras }) => {
    const c = structuredClone(claim) as Record<string, any>;
    if (poa !== undefined) c.diagnoses = c.diagnoses.map((d: object) => ({ ...d, poa }));
    if (dependent && c.subscriber) {
      c.subscriber = {
        ...c.subscriber,
        relationship: '19',
        birthDate: '1970-01-01',
        sex: 'F',
        address: { line1: '1 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
      };
      c.patient = { ...c.patient, lastName: 'DOE', firstName: 'JO' };
    }
    if (renderingExtras) {
      const extras = {
        taxId: '123456789',
        address: { line1: '2 ELM ST', city: 'DAYTON', state: 'OH', postalCode: '45402' },
      };
      if (c.renderingProvider) c.renderingProvider = { ...c.renderingProvider, ...extras };
      c.lines = c.lines.map((l: Record<string, unknown>) =>
        l.renderingProvider
          ? { ...l, renderingProvider: { ...(l.renderingProvider as object), ...extras } }
          : l,
      );
    }
    return c;
  });

describe('837P clean-claim lane', () => {
  it('writes the sample claims itself, and the generated clean claims', () => {
    for (const claim of [OFFICE_VISIT, DEPENDENT]) expect(laneWrites(claim)).toBe(true);
    // An NDC (2410 LIN/CTP) is left to the full path.
    expect(laneWrites(DRUG_AND_ANESTHESIA)).toBe(false);
    fc.assert(
      fc.property(fc.oneof(claimArbitrary, withWarnings), (claim) => {
        const lines = (claim as Claim).lines;
        if (lines.every((l) => l.ndc === undefined)) expect(laneWrites(claim)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the full path’s result for generated claims, with warnings and with any separators', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(claimArbitrary, claimArb, withWarnings), { minLength: 1, maxLength: 4 }),
        (claims) => sameAsFullPath(claims),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(claimArbitrary, separatorsArbitrary, fc.boolean(), (claim, separators, lineBreaks) =>
        sameAsFullPath([claim, OFFICE_VISIT], { ...ENVELOPE, separators, lineBreaks }),
      ),
      { numRuns: 200 },
    );
  });

  it('gives the full path’s issues for a claim with any one value broken, removed or added', () => {
    const base = fc.oneof(claimArbitrary, withWarnings, fc.constantFrom<unknown>(OFFICE_VISIT, DEPENDENT));
    fc.assert(
      fc.property(base, fc.nat(), badValue, fc.boolean(), (claim, pick, value, drop) => {
        const all = paths(claim);
        const path = all[pick % all.length]!;
        sameAsFullPath([OFFICE_VISIT, withValue(claim, path, value, drop)]);
      }),
      { numRuns: 800 },
    );
    fc.assert(
      fc.property(base, EXTRA_FIELDS, fc.oneof(goodFieldValue, badValue), (claim, path, value) => {
        const parent = path
          .slice(0, -1)
          .reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], claim);
        if (parent === null || typeof parent !== 'object') return;
        sameAsFullPath([withValue(claim, path, value, false)]);
      }),
      { numRuns: 800 },
    );
  });

  it('gives the full path’s issues for non-claims and odd objects', () => {
    for (const odd of [
      null,
      42,
      'claim',
      [],
      Object.create({ claimId: 'X' }),
      Object.assign(Object.create(null), OFFICE_VISIT),
      new Proxy(OFFICE_VISIT, {}),
      {
        ...OFFICE_VISIT,
        get claimId(): string {
          throw new Error('getter');
        },
      },
      // A hole at the end of the lines.
      {
        ...OFFICE_VISIT,
        lines: Object.assign([...OFFICE_VISIT.lines], { length: OFFICE_VISIT.lines.length + 1 }),
      },
    ])
      sameAsFullPath([odd]);
  });
});

/** The text values of a claim (AN elements: names, ids, address parts), as paths. */
const TEXT_FIELDS: readonly (readonly (string | number)[])[] = [
  ['claimId'],
  ['payerClaimControlNumber'],
  ['patient', 'firstName'],
  ['patient', 'lastName'],
  ['subscriber', 'memberId'],
  ['subscriber', 'firstName'],
  ['subscriber', 'lastName'],
  ['subscriber', 'groupNumber'],
  ['payer', 'name'],
  ['payer', 'id'],
  ['billingProvider', 'name'],
  ['billingProvider', 'firstName'],
  ['renderingProvider', 'name'],
  ['renderingProvider', 'firstName'],
  ...['patient', 'subscriber', 'billingProvider'].flatMap((owner) =>
    ['line1', 'line2', 'city', 'state', 'postalCode'].map((part) => [owner, 'address', part]),
  ),
];

/** `claim` with `pad` appended to each of its text values. */
function padded(claim: unknown, pad: string): unknown {
  let out = claim;
  for (const path of TEXT_FIELDS) {
    const at = path.reduce<unknown>(
      (o, key) => (o as Record<string | number, unknown> | undefined)?.[key],
      claim,
    );
    if (typeof at === 'string') out = withValue(out, path, `${at}${pad}`, false);
  }
  return out;
}

describe('837P trailing spaces', () => {
  it('are not written, in either lane: a claim with its text values padded gives the same bytes and issues', () => {
    // 005010X222A1 Appendix B: trailing spaces are suppressed unless a minimum length needs them.
    fc.assert(
      fc.property(fc.oneof(claimArbitrary, withWarnings), fc.integer({ min: 1, max: 8 }), (claim, spaces) => {
        const pad = ' '.repeat(spaces);
        sameAsFullPath([padded(claim, pad)]);
        const plain = writeX12837P([claim as Claim], ENVELOPE, true);
        const spaced = writeX12837P([padded(claim, pad) as Claim], ENVELOPE, true);
        expect(spaced.ok).toBe(plain.ok);
        if (plain.ok && spaced.ok) expect(spaced.value).toBe(plain.value);
      }),
      { numRuns: 200 },
    );
    const r = writeX12837P([padded(OFFICE_VISIT, '     ') as Claim], ENVELOPE, true);
    expect(r).toEqual(writeX12837P([padded(OFFICE_VISIT, '     ') as Claim], ENVELOPE, false));
    expect(r.issues).toEqual([]);
    // No element ends with a space (ISA's fixed-width ids aside).
    const body = (r.ok ? r.value : '').split('~').slice(1).join('~');
    expect(body).not.toMatch(/ [*:~]| $/);
    expect(body).toContain('CLM*PCN-1001*');
  });

  it('are kept only as far as an element’s minimum length needs them, in both lanes', () => {
    // NM109 is AN 2/80: "A " keeps its space; N402 is ID 2/2.
    const claim = { ...OFFICE_VISIT, payer: { ...OFFICE_VISIT.payer!, id: 'A   ' } };
    const r = writeX12837P([claim], ENVELOPE, true);
    expect(r).toEqual(writeX12837P([claim], ENVELOPE, false));
    expect(r.ok && r.value).toContain('*PI*A ~');
    // Leading spaces are significant and stay.
    const leading = { ...OFFICE_VISIT, payer: { ...OFFICE_VISIT.payer!, name: ' ACME ' } };
    const l = writeX12837P([leading], ENVELOPE, true);
    expect(l).toEqual(writeX12837P([leading], ENVELOPE, false));
    expect(l.ok && l.value).toContain('NM1*PR*2* ACME*');
    // Trailing spaces do not count against the maximum: NM103 is AN 1/60.
    const long = { ...OFFICE_VISIT, payer: { ...OFFICE_VISIT.payer!, name: `${'N'.repeat(60)}   ` } };
    const g = writeX12837P([long], ENVELOPE, true);
    expect(g).toEqual(writeX12837P([long], ENVELOPE, false));
    expect(g.issues).toEqual([]);
  });
});

describe('837P header block kept from the last call', () => {
  it('writes the same result whether the previous call had the same envelope or not', () => {
    const other: X12Envelope = { ...ENVELOPE, receiverName: 'ANOTHER PAYER' };
    const envelopes = fc.record({
      interchangeControlNumber: fc.integer({ min: 1, max: 999_999_999 }),
      groupControlNumber: fc.option(fc.integer({ min: 1, max: 999_999_999 }), { nil: undefined }),
      batchId: fc.option(fc.constantFrom('B1', 'BATCH 2026', '', 'A*B', 'Zoë', 'X'.repeat(51)), {
        nil: undefined,
      }),
      separators: fc.option(separatorsArbitrary, { nil: undefined }),
      lineBreaks: fc.boolean(),
    });
    fc.assert(
      fc.property(envelopes, envelopes, (a, b) => {
        const first = { ...ENVELOPE, ...a } as X12Envelope;
        // b's separators and line breaks are a's: only the control numbers and batch id differ.
        const second = {
          ...ENVELOPE,
          ...b,
          separators: a.separators,
          lineBreaks: a.lineBreaks,
        } as X12Envelope;
        writeX12837P([OFFICE_VISIT], first, true);
        const afterSame = writeX12837P([OFFICE_VISIT, DEPENDENT], second, true);
        writeX12837P([OFFICE_VISIT], other, true);
        const afterOther = writeX12837P([OFFICE_VISIT, DEPENDENT], second, true);
        expect(afterSame).toEqual(afterOther);
        if (afterSame.ok) {
          const sep = second.separators?.element ?? '*';
          expect(afterSame.value).toContain(
            `${sep}${String(second.interchangeControlNumber).padStart(9, '0')}${sep}`,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('837P envelope lane', () => {
  it('keeps no envelope whose values sit behind getters that read differently each time', () => {
    const names = ['ONE PAYER', 'OTHER PAYER'];
    let reads = 0;
    const shifting = {
      ...ENVELOPE,
      get receiverName(): string {
        return names[reads++ % 2]!;
      },
    } as X12Envelope;
    expect(writeX12837P([OFFICE_VISIT], shifting, true).ok).toBe(true);
    // Whichever read was kept, a plain envelope of either name is written as the full path writes it.
    for (const receiverName of names) {
      const plain = { ...ENVELOPE, receiverName };
      const afterGetter = writeX12837P([OFFICE_VISIT], plain, true);
      expect(afterGetter).toEqual(writeX12837P([OFFICE_VISIT], plain, false));
      expect(afterGetter.ok && afterGetter.value).toContain(receiverName);
      writeX12837P([OFFICE_VISIT], shifting, true);
    }
  });

  /** Each envelope field (or a party's), for changing one of them. */
  const FIELDS = [
    ['sender', 'id'],
    ['sender', 'qualifier'],
    ['receiver', 'id'],
    ['receiver', 'qualifier'],
    ['applicationSender'],
    ['applicationReceiver'],
    ['submitter', 'name'],
    ['submitter', 'id'],
    ['submitter', 'contactName'],
    ['submitter', 'phone'],
    ['submitter', 'email'],
    ['submitter'],
    ['sender'],
    ['receiverName'],
    ['receiverId'],
    ['interchangeControlNumber'],
    ['groupControlNumber'],
    ['createdAt'],
    ['usage'],
    ['batchId'],
    ['transactionType'],
    ['separators'],
    ['separators', 'segment'],
    ['transliterate'],
    ['lineBreaks'],
    ['maxClaimsPerTransaction'],
  ] as const;
  const envelopeValue = fc.oneof(
    badValue,
    fc.constantFrom(
      'ZZ',
      '01',
      'OTHER',
      'T',
      'P',
      'RP',
      'CH',
      '2026-05-03T23:59',
      '2026-02-29T10:30',
      '2028-02-29T10:30',
      'B1',
      'a@b.example',
      1,
      2,
      999_999_999,
      1_000_000_000,
      102,
      { element: '|', component: '>', repetition: '!', segment: "'" },
      { segment: "'" },
      "'",
      false,
    ),
    fc.integer({ min: -5, max: 1_000_000_005 }),
  );

  it('gives the full check’s result for an envelope with any one value changed after another', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS),
        envelopeValue,
        fc.option(separatorsArbitrary, { nil: undefined }),
        fc.boolean(),
        (path, value, separators, lineBreaks) => {
          const first = { ...ENVELOPE, separators, lineBreaks } as X12Envelope;
          const parent = path.length === 2 ? (first as unknown as Record<string, unknown>)[path[0]] : first;
          if (parent === null || typeof parent !== 'object') return;
          const second = withValue(first, path, value, value === undefined) as X12Envelope;
          // The first call keeps its header block and values; the second is compared with them.
          writeX12837P([OFFICE_VISIT], first, true);
          const lane = writeX12837P([OFFICE_VISIT, DEPENDENT], second, true);
          const full = writeX12837P([OFFICE_VISIT, DEPENDENT], second, false);
          expect(lane).toEqual(full);
          // And again, with the second envelope's own values kept (when it was written).
          expect(writeX12837P([DEPENDENT], second, true)).toEqual(writeX12837P([DEPENDENT], second, false));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('compares values, not objects: an envelope changed in place is written as it now is', () => {
    const envelope = structuredClone(ENVELOPE) as { -readonly [K in keyof X12Envelope]: X12Envelope[K] };
    const before = writeX12837P([OFFICE_VISIT], envelope, true);
    envelope.receiverName = 'ANOTHER PAYER';
    (envelope.submitter as { name: string }).name = 'ANOTHER BILLING';
    const after = writeX12837P([OFFICE_VISIT], envelope, true);
    expect(before.ok && after.ok).toBe(true);
    if (!after.ok) return;
    expect(after).toEqual(writeX12837P([OFFICE_VISIT], envelope, false));
    expect(after.value).toContain('NM1*40*2*ANOTHER PAYER*');
    expect(after.value).toContain('NM1*41*2*ANOTHER BILLING*');
  });
});

describe('837P clean-claim lane: strict keys', () => {
  it('refuses an unknown key in any object of a claim, after claims of the same shape were written', () => {
    for (const claim of [OFFICE_VISIT, DEPENDENT]) {
      // The key lists of these objects are now known to the lane.
      expect(laneWrites(claim)).toBe(true);
      for (const path of paths(claim)) {
        const at = path.reduce<unknown>((o, key) => (o as Record<string | number, unknown>)[key], claim);
        if (at === null || typeof at !== 'object' || Array.isArray(at)) continue;
        const changed = withValue(claim, [...path, 'unknownKey'], 'X', false);
        expect(laneWrites(changed)).toBe(false);
        sameAsFullPath([changed]);
      }
      const top = withValue(claim, ['unknownKey'], 'X', false);
      expect(laneWrites(top)).toBe(false);
      sameAsFullPath([top]);
    }
  });

  it('reads a key holding undefined as absent, in any order of keys', () => {
    const reordered = Object.fromEntries(Object.entries(OFFICE_VISIT).reverse());
    expect(laneWrites(reordered)).toBe(true);
    sameAsFullPath([reordered]);
    const withUndefined = { ...OFFICE_VISIT, admissionDate: undefined };
    expect(laneWrites(withUndefined)).toBe(true);
    sameAsFullPath([withUndefined]);
  });

  it('leaves a claim to the full path while Object.prototype has an enumerable key', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.injected = 'X';
    try {
      expect(laneWrites(OFFICE_VISIT)).toBe(false);
      sameAsFullPath([OFFICE_VISIT]);
    } finally {
      delete proto.injected;
    }
    expect(laneWrites(OFFICE_VISIT)).toBe(true);
  });
});

describe('837P clean-claim lane: fixed-length codes read character by character', () => {
  const cases: readonly [readonly (string | number)[], readonly unknown[]][] = [
    [
      ['billingProvider', 'taxId'],
      ['123456789', '12-3456789', '123456-789', '1-2-345678', '12345678', '1234567890', '12345678A'],
    ],
    [
      ['billingProvider', 'taxonomy'],
      ['207Q00000X', '207q00000X', '207Q00000Y', '207Q0000X', '207Q000000X', 'ÀBCDEFGHIX'],
    ],
    [
      ['billingProvider', 'address', 'postalCode'],
      ['627011234', '62701123', '6270112345', '62701-234', '６２７０１１２３４'],
    ],
    [
      ['patient', 'address', 'postalCode'],
      ['62704', '627041234', '62704-1234', '62704 1234', '6270412', '6270', '６２７０４'],
    ],
    [['placeOfService'], ['11', '1', '111', 'A1', '1A', '１１']],
    [
      ['payer', 'claimFilingIndicator'],
      ['MB', 'CI', '16', 'mb', 'M', 'MBX', 'M-'],
    ],
  ];
  it('accepts exactly what the full path accepts, and writes the same bytes', () => {
    for (const [path, values] of cases)
      for (const value of values) {
        const claim = withValue(OFFICE_VISIT, path, value, false);
        const full = writeX12837P([claim as Claim], ENVELOPE, false);
        expect(laneWrites(claim)).toBe(full.ok);
        sameAsFullPath([claim]);
      }
  });
});
