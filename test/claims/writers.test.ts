/**
 * The three claim writers (X12 837P, FHIR R4, CMS-1500) accept and refuse the same claims, never
 * throw, and what they write reads back.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { toCms1500 } from '../../src/claims/cms1500';
import { fromFhirClaim, toFhirClaim } from '../../src/claims/fhir';
import { parseClaim } from '../../src/claims/parse';
import { toNdc11, toX12837P } from '../../src/claims/x12';
import { writeX12837P } from '../../src/claims/x12/writer';
import type { Claim } from '../../src/claims/schema';
import { ENVELOPE } from './x12/samples';
import { readX12 } from './x12/read-all';
import { propertyRuns } from '../property-runs';

const EXAMPLES = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string): Claim => {
  const r = parseClaim(readFileSync(`examples/${file}`, 'utf8'));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};
const base = load('clean-office-visit.json');
const paths = (r: {
  ok: boolean;
  issues: readonly { code: string; path: readonly (string | number)[] }[];
}) => (r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path.join('.')}`));

/**
 * The claim as both interchange readers give it back: unit basis explicit (UN unless MJ), NDC in
 * its 11-digit form; the 837P also always carries the frequency code (CLM05-3, 1 when absent).
 */
const interchangeForm = (claim: Claim, x12: boolean): Claim => ({
  ...claim,
  ...(x12 ? { frequencyCode: claim.frequencyCode ?? '1' } : {}),
  lines: claim.lines.map((l) => ({
    ...l,
    unitBasis: l.unitBasis ?? 'UN',
    ...(l.ndc !== undefined ? { ndc: toNdc11(l.ndc) ?? l.ndc } : {}),
  })),
});

/** Claims parseClaim accepts that no claim format can carry, with the path refused. */
const UNWRITABLE: readonly [string, Claim, string][] = (() => {
  const line0 = base.lines[0]!;
  const codes = [
    'E11.9',
    'I10',
    'E78.5',
    'J06.9',
    'M17.11',
    'R51.9',
    'Z00.00',
    'L82.1',
    'M54.50',
    'K21.9',
    'F41.1',
    'E66.9',
    'N39.0',
  ];
  const make = (name: string, patch: Partial<Claim>, path: string): [string, Claim, string] => {
    const r = parseClaim({ ...base, ...patch });
    if (!r.ok) throw new Error(`fixture ${name}: ${r.issues.map((i) => i.message).join('; ')}`);
    return [name, r.value, path];
  };
  return [
    make(
      '13th diagnosis',
      { diagnoses: codes.map((code) => ({ code })) },
      'claim_limit_exceeded diagnoses.12',
    ),
    make(
      '5th modifier',
      { lines: [{ ...line0, modifiers: ['25', '59', 'XS', 'RT', 'LT'] }] },
      'claim_limit_exceeded lines.0.modifiers',
    ),
    make(
      'pointer 0',
      { lines: [{ ...line0, diagnosisPointers: [0] }] },
      'claim_invalid lines.0.diagnosisPointers.0',
    ),
    make(
      'pointer 9',
      { lines: [{ ...line0, diagnosisPointers: [9] }] },
      'claim_invalid lines.0.diagnosisPointers.0',
    ),
    make('units -1', { lines: [{ ...line0, units: -1 }] }, 'claim_invalid lines.0.units'),
    make('units 1e308', { lines: [{ ...line0, units: 1e308 }] }, 'claim_invalid lines.0.units'),
    make('units 0.0001', { lines: [{ ...line0, units: 0.0001 }] }, 'claim_invalid lines.0.units'),
    make('NDC N4abc', { lines: [{ ...line0, ndc: 'N4abc' }] }, 'claim_invalid lines.0.ndc'),
    make('procedure 💥', { lines: [{ ...line0, procedure: '💥' }] }, 'claim_invalid lines.0.procedure'),
    make('diagnosis E1', { diagnoses: [{ code: 'E1' }, { code: 'I10' }] }, 'claim_invalid diagnoses.0.code'),
    make('place of service 1', { placeOfService: '1' }, 'claim_invalid placeOfService'),
    // Refused by the 837P only, before the shared check decided for all three writers.
    make('no lines', { lines: [] }, 'claim_invalid lines'),
    make(
      'no diagnoses',
      { diagnoses: [], lines: [{ ...line0, diagnosisPointers: [] }] },
      'claim_invalid diagnoses',
    ),
    make(
      'no pointers',
      { lines: [{ ...line0, diagnosisPointers: [] }] },
      'claim_invalid lines.0.diagnosisPointers',
    ),
    make(
      'pointers absent',
      { lines: [(({ diagnosisPointers: _, ...l }) => l)(line0)] },
      'claim_invalid lines.0.diagnosisPointers',
    ),
    // Refused by FHIR and CMS-1500 only, before.
    make(
      'line place of service empty',
      { lines: [{ ...line0, placeOfService: '' }] },
      'claim_invalid lines.0.placeOfService',
    ),
    make('replacement without REF*F8', { frequencyCode: '7' }, 'claim_invalid payerClaimControlNumber'),
    make(
      'ICD-9 era date',
      { lines: [{ ...line0, serviceDate: '2015-09-30' }] },
      'claim_invalid lines.0.serviceDate',
    ),
    make(
      'discharge before admission',
      { admissionDate: '2026-05-02', dischargeDate: '2026-05-01' },
      'claim_invalid dischargeDate',
    ),
  ];
})();

describe('CMS-1500 and FHIR writers refuse what the 837P writer refuses', () => {
  it.each(UNWRITABLE)('%s', (_name, claim, path) => {
    const cms = toCms1500(claim);
    const fhir = toFhirClaim(claim);
    expect(paths(cms)).toContain(path);
    expect(paths(fhir)).toContain(path);
    const x12 = toX12837P([claim], ENVELOPE);
    expect(paths(x12).map((p) => p.replace(' claims.0.', ' ').replace(/ claims\.0$/, ' '))).toContain(path);
  });

  it('accept and refuse the same generated claims, with the same issues (property)', () => {
    // Claims that are valid, or broken in one of the ways the writers used to disagree on.
    const line0 = base.lines[0]!;
    const breakage = fc.constantFrom<(c: Claim) => Claim>(
      (c) => c,
      (c) => ({ ...c, lines: [] }),
      (c) => ({ ...c, lines: c.lines.map((l) => ({ ...l, diagnosisPointers: [] })) }),
      (c) => ({ ...c, lines: c.lines.map((l) => ({ ...l, placeOfService: '' })) }),
      (c) => ({ ...c, frequencyCode: '8' }),
      (c) => ({ ...c, lines: [...c.lines, { ...line0, serviceDate: '2014-12-31' }] }),
      (c) => ({ ...c, admissionDate: '2026-02-02', dischargeDate: '2026-02-01' }),
      (c) => ({ ...c, lines: c.lines.map((l) => ({ ...l, units: 0 })) }),
    );
    fc.assert(
      fc.property(fc.nat({ max: 4 }), breakage, fc.constantFrom('11', '22', '1'), (n, broken, pos) => {
        const claim = broken({
          ...base,
          placeOfService: pos,
          lines: base.lines.slice(0, 1 + (n % base.lines.length)),
        });
        const strip = (p: string) => p.replace(' claims.0.', ' ');
        const x12 = toX12837P([claim], ENVELOPE);
        const fhir = toFhirClaim(claim);
        const cms = toCms1500(claim);
        expect(fhir.ok).toBe(x12.ok);
        expect(cms.ok).toBe(x12.ok);
        if (!x12.ok) {
          expect(paths(fhir)).toEqual(paths(x12).map(strip));
          expect(paths(cms)).toEqual(paths(fhir));
        }
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('returns issues, never a TypeError, for null, non-objects, proxies and throwing getters', () => {
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const getter = {
      ...base,
      get lines(): never {
        throw new Error('boom');
      },
    };
    for (const bad of [null, undefined, 42, 'claim', [], {}, proxy, getter]) {
      const cms = toCms1500(bad as unknown as Claim);
      const fhir = toFhirClaim(bad as unknown as Claim);
      expect(cms.ok).toBe(false);
      expect(fhir.ok).toBe(false);
      expect(cms.issues.length).toBeGreaterThan(0);
      expect(fhir.issues.length).toBeGreaterThan(0);
    }
    expect(toCms1500(base, null as never).ok).toBe(true);
    expect(toFhirClaim(base, null as never).ok).toBe(true);
  });

  it('never throws on any value (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(toCms1500(x as Claim).ok).toBe(false);
        expect(toFhirClaim(x as Claim).ok).toBe(false);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('writes the 12 diagnoses, 4 modifiers and pointer 12 that are within the limits', () => {
    const codes = [
      'E11.9',
      'I10',
      'E78.5',
      'J06.9',
      'M17.11',
      'R51.9',
      'Z00.00',
      'L82.1',
      'M54.50',
      'K21.9',
      'F41.1',
      'E66.9',
    ];
    const r = parseClaim({
      ...base,
      diagnoses: codes.map((code) => ({ code })),
      lines: [{ ...base.lines[0]!, modifiers: ['25', '59', 'XS', 'rt'], diagnosisPointers: [12, 1] }],
    });
    if (!r.ok) throw new Error('fixture');
    const cms = toCms1500(r.value);
    expect(cms.ok && cms.value.pages[0]!.fields['21.L']).toBe('E669');
    expect(cms.ok && cms.value.pages[0]!.fields['24D.1.modifier4']).toBe('RT');
    expect(cms.ok && cms.value.pages[0]!.fields['24E.1']).toBe('LA');
    const fhir = toFhirClaim(r.value);
    expect(fhir.ok && fhir.value.diagnosis?.length).toBe(12);
    const back = fhir.ok ? fromFhirClaim(fhir.value) : fhir;
    expect(back.ok).toBe(true);
  });
});

describe('the billing provider tax id', () => {
  it('is printed as the same 9 digits by all three writers, without the hyphen', () => {
    const r = parseClaim({ ...base, billingProvider: { ...base.billingProvider!, taxId: '82-0000001' } });
    if (!r.ok) throw new Error('fixture');
    const x12 = toX12837P([r.value], ENVELOPE);
    expect(x12.ok ? x12.value : x12.issues.map((i) => i.message)).toContain('REF*EI*820000001~');
    const cms = toCms1500(r.value);
    expect(cms.ok && [cms.value.pages[0]!.fields['25'], cms.value.pages[0]!.fields['25.type']]).toEqual([
      '820000001',
      'EIN',
    ]);
    const fhir = toFhirClaim(r.value);
    const billing = fhir.ok ? fhir.value.contained?.find((c) => c.id === 'billing') : undefined;
    const ids = (billing as { identifier?: { system?: string; value?: string }[] } | undefined)?.identifier;
    expect(ids?.find((i) => i.system === 'urn:oid:2.16.840.1.113883.4.4')?.value).toBe('820000001');
  });

  it('is refused alike by all three writers when it is not 9 digits', () => {
    for (const taxId of ['not-a-tin', '12345678', '1-2-3456789']) {
      const r = parseClaim({ ...base, billingProvider: { ...base.billingProvider!, taxId } });
      if (!r.ok) throw new Error('fixture');
      const expected = ['claim_invalid billingProvider.taxId'];
      expect(paths(toCms1500(r.value))).toEqual(expected);
      expect(paths(toFhirClaim(r.value))).toEqual(expected);
      expect(paths(toX12837P([r.value], ENVELOPE)).map((p) => p.replace(' claims.0.', ' '))).toEqual(
        expected,
      );
    }
  });
});

describe('ICD-10-CM codes with a letter in position 2 (FY2026 category QA0)', () => {
  it('are written by all three writers, as the claim model accepts them', () => {
    const r = parseClaim({ ...base, diagnoses: [{ code: 'QA0.0101' }, { code: 'I10' }] });
    if (!r.ok) throw new Error('fixture');
    const x12 = toX12837P([r.value], ENVELOPE);
    expect(x12.ok ? x12.value : x12.issues.map((i) => i.message)).toContain('HI*ABK:QA00101*ABF:I10~');
    const back = readX12(x12.ok ? x12.value : '');
    expect(back.claims[0]?.diagnoses[0]?.code).toBe('QA0.0101');
    const cms = toCms1500(r.value);
    expect(cms.ok && cms.value.pages[0]!.fields['21.A']).toBe('QA00101');
    expect(toFhirClaim(r.value).ok).toBe(true);
  });
});

describe('an ICD-10-CM code with its dot anywhere but after the 3rd character', () => {
  // ICD-10-CM writes the 3-character category, then the dot (E11.9); FHIR keeps the dot as written,
  // the 837P and CMS-1500 drop it, so E.119 would be E.119 in one output and E119 in the others.
  it.each(['E.119', 'E1.19', 'E119.', 'E11..9', 'E11.9.'])(
    '%s is refused by the shared output check',
    (code) => {
      const r = parseClaim({ ...base, diagnoses: [{ code }, { code: 'I10' }] });
      if (!r.ok) throw new Error('fixture');
      expect(paths(toFhirClaim(r.value))).toEqual(['claim_invalid diagnoses.0.code']);
      expect(paths(toCms1500(r.value))).toEqual(['claim_invalid diagnoses.0.code']);
      // The 837P's full path (claim schema, shared output check, 837P checks) and its clean-claim
      // lane, which gives such a claim up to the full path.
      for (const cleanLane of [false, true])
        expect(paths(writeX12837P([r.value], ENVELOPE, cleanLane))).toEqual([
          'claim_invalid claims.0.diagnoses.0.code',
        ]);
    },
  );

  it('while E11.9 and E119 are written by all three writers', () => {
    for (const code of ['E11.9', 'E119', 'e11.9']) {
      const r = parseClaim({ ...base, diagnoses: [{ code }, { code: 'I10' }] });
      if (!r.ok) throw new Error('fixture');
      const fhir = toFhirClaim(r.value);
      expect(fhir.ok && fhir.value.diagnosis?.[0]?.diagnosisCodeableConcept?.coding?.[0]?.code).toBe(
        code.toUpperCase(),
      );
      const cms = toCms1500(r.value);
      expect(cms.ok && cms.value.pages[0]!.fields['21.A']).toBe('E119');
      const x12 = writeX12837P([r.value], ENVELOPE, false);
      expect(x12.ok ? x12.value : x12.issues.map((i) => i.message)).toContain('HI*ABK:E119*ABF:I10~');
    }
  });
});

describe('examples/*.json round trip', () => {
  it('has the six examples', () => expect(EXAMPLES).toHaveLength(6));

  it.each(EXAMPLES)(
    '%s: 837P write → read gives the claim back (patient = subscriber kept in place)',
    (file) => {
      const claim = load(file);
      const written = toX12837P([claim], ENVELOPE);
      if (!written.ok) throw new Error(written.issues.map((i) => i.message).join('\n'));
      expect(written.issues).toEqual([]);
      const read = readX12(written.value);
      expect(read.issues).toEqual([]);
      expect(read.claims).toEqual([interchangeForm(claim, true)]);
      // The person fields stay where they belong when SBR02 = 18.
      expect(read.claims[0]!.patient).toEqual(claim.patient);
      expect(read.claims[0]!.subscriber).toEqual(claim.subscriber);
    },
  );

  it.each(EXAMPLES)('%s: FHIR write → read gives the claim back', (file) => {
    const claim = load(file);
    const written = toFhirClaim(claim);
    if (!written.ok) throw new Error(written.issues.map((i) => i.message).join('\n'));
    const back = fromFhirClaim(JSON.parse(JSON.stringify(written.value)));
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
    expect(back.value).toEqual(interchangeForm(claim, false));
  });

  it('normalises unit basis and NDC alike in both readers', () => {
    const r = parseClaim({
      ...base,
      lines: [
        { ...base.lines[0]!, unitBasis: 'UN', ndc: '00009-0347-01' },
        { ...base.lines[1]!, unitBasis: 'MJ', units: 30 },
        base.lines[1]!,
      ],
    });
    if (!r.ok) throw new Error('fixture');
    const x12 = toX12837P([r.value], ENVELOPE);
    const fromX12 = readX12(x12.ok ? x12.value : '').claims[0];
    const fhir = toFhirClaim(r.value);
    const fromFhir = fhir.ok ? fromFhirClaim(fhir.value) : fhir;
    const basisAndNdc = (c: Claim | undefined) => c?.lines.map((l) => [l.unitBasis, l.ndc]);
    expect(basisAndNdc(fromX12)).toEqual([
      ['UN', '00009034701'],
      ['MJ', undefined],
      ['UN', undefined],
    ]);
    expect(basisAndNdc(fromFhir.ok ? fromFhir.value : undefined)).toEqual(basisAndNdc(fromX12));
  });
});
