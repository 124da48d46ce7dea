import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fromFhirClaim, toFhirClaim, validateFhirR4Claim } from '../../src/claims/fhir';
import type { FhirClaim, ToFhirOptions } from '../../src/claims/fhir';
import { toNdc11 } from '../../src/claims/x12';
import { parseClaim } from '../../src/claims/parse';
import {
  CPT_SYSTEM_URI,
  HCPCS_SYSTEM_URI,
  HCPCS_SYSTEM_URI_HTTPS,
  ICD10CM_SYSTEM_URI,
  POA_SYSTEM_URI,
  POS_SYSTEM_URI,
} from '../../src/core/systems';
import type { Claim } from '../../src/claims/schema';
import { claimArb } from './arbitraries';
import { findings } from './fhir-medplum';
import { propertyRuns } from '../property-runs';

const load = (name: string): Claim => {
  const r = parseClaim(readFileSync(`examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};

/** The written resource; fails the test when the writer refuses the claim. */
const fhirOf = (claim: Claim, options?: ToFhirOptions): FhirClaim => {
  const r = toFhirClaim(claim, options);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};

/**
 * The claim as both interchange readers (FHIR and 837P) give it back: the unit basis is explicit
 * (UN unless MJ) and an NDC is in its 11-digit form.
 */
const interchangeForm = (claim: Claim): Claim => ({
  ...claim,
  lines: claim.lines.map((l) => ({
    ...l,
    unitBasis: l.unitBasis ?? 'UN',
    ...(l.ndc !== undefined ? { ndc: toNdc11(l.ndc) ?? l.ndc } : {}),
  })),
});

describe('toFhirClaim', () => {
  it('maps the clean office visit to an R4 Claim with the core system URIs', () => {
    const claim = load('clean-office-visit');
    const f = fhirOf(claim);
    expect(validateFhirR4Claim(f).issues).toEqual([]);
    expect(f.resourceType).toBe('Claim');
    expect(f.created).toBe('2026-03-10');
    expect(f.diagnosis?.map((d) => [d.sequence, d.diagnosisCodeableConcept?.coding?.[0]])).toEqual([
      [1, { system: ICD10CM_SYSTEM_URI, code: 'E11.9' }],
      [2, { system: ICD10CM_SYSTEM_URI, code: 'I10' }],
    ]);
    const item = f.item![0]!;
    expect(item.productOrService.coding).toEqual([{ system: CPT_SYSTEM_URI, code: '99214' }]);
    expect(item.diagnosisSequence).toEqual([1, 2]);
    expect(item.servicedDate).toBe('2026-03-10');
    expect(item.locationCodeableConcept?.coding).toEqual([{ system: POS_SYSTEM_URI, code: '11' }]);
    expect(item.quantity).toEqual({ value: 1 });
    expect(item.net).toEqual({ value: 165, currency: 'USD' });
    expect(item.unitPrice).toEqual({ value: 165, currency: 'USD' });
    expect(f.total).toEqual({ value: 177, currency: 'USD' });
    expect(f.billablePeriod).toEqual({ start: '2026-03-10', end: '2026-03-10' });
  });

  it('uses the HCPCS URI for Level II codes and modifiers, and can emit the https form', () => {
    const r = parseClaim({
      ...load('clean-office-visit'),
      diagnoses: [{ code: 'I10', poa: 'Y' }],
      lines: [
        {
          procedure: 'J1885',
          modifiers: ['JZ', '59'],
          units: 3,
          charge: '100.00',
          serviceDateFrom: '2026-05-01',
          serviceDateTo: '2026-05-03',
          diagnosisPointers: [1],
        },
      ],
    });
    if (!r.ok) throw new Error('fixture');
    const f = fhirOf(r.value);
    const item = f.item![0]!;
    expect(item.productOrService.coding).toEqual([{ system: HCPCS_SYSTEM_URI, code: 'J1885' }]);
    expect(item.modifier?.map((m) => m.coding?.[0]?.system)).toEqual([HCPCS_SYSTEM_URI, CPT_SYSTEM_URI]);
    expect(item.servicedPeriod).toEqual({ start: '2026-05-01', end: '2026-05-03' });
    expect(item.unitPrice).toEqual({ value: 33.33, currency: 'USD' });
    expect(item.net).toEqual({ value: 100, currency: 'USD' });
    expect(f.diagnosis?.[0]?.onAdmission?.coding).toEqual([{ system: POA_SYSTEM_URI, code: 'Y' }]);
    expect(fhirOf(r.value, { hcpcsSystem: 'https' }).item![0]!.productOrService.coding?.[0]?.system).toBe(
      HCPCS_SYSTEM_URI_HTTPS,
    );
  });

  it('writes codes as their case-sensitive code systems publish them, and CPT modifiers P1-P6 and 1P-8P as CPT', () => {
    const r = parseClaim({
      ...load('clean-office-visit'),
      diagnoses: [{ code: 'e11.9' }],
      lines: [
        {
          procedure: 'j1885',
          modifiers: ['jz', 'P3', '8P'],
          units: 1,
          charge: '100.00',
          serviceDate: '2026-05-01',
          diagnosisPointers: [1],
        },
      ],
    });
    if (!r.ok) throw new Error('fixture');
    const f = fhirOf(r.value);
    expect(f.diagnosis?.[0]?.diagnosisCodeableConcept?.coding?.[0]?.code).toBe('E11.9');
    expect(f.item![0]!.productOrService.coding?.[0]?.code).toBe('J1885');
    expect(f.item![0]!.modifier?.map((m) => [m.coding?.[0]?.system, m.coding?.[0]?.code])).toEqual([
      [HCPCS_SYSTEM_URI, 'JZ'],
      [CPT_SYSTEM_URI, 'P3'],
      [CPT_SYSTEM_URI, '8P'],
    ]);
  });
});

describe('fromFhirClaim', () => {
  it('round-trips generated claims exactly, and the output is structurally valid R4', () => {
    fc.assert(
      fc.property(claimArb, (input) => {
        const parsed = parseClaim(input);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const fhir = fhirOf(parsed.value);
        expect(validateFhirR4Claim(fhir).issues).toEqual([]);
        const back = fromFhirClaim(JSON.parse(JSON.stringify(fhir)));
        if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
        expect(back.value).toEqual(interchangeForm(parsed.value));
      }),
      { numRuns: propertyRuns(250) },
    );
  });

  it('accepts the https HCPCS URI on input', () => {
    const claim = load('clean-office-visit');
    const withHcpcs = parseClaim({ ...claim, lines: [{ ...claim.lines[0]!, procedure: 'G0439' }] });
    if (!withHcpcs.ok) throw new Error('fixture');
    const f = fhirOf(withHcpcs.value, { hcpcsSystem: 'https' });
    const back = fromFhirClaim(f);
    expect(back.ok && back.value.lines[0]!.procedure).toBe('G0439');
  });

  it('reports structural problems at FHIR paths', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    f.item[0].diagnosisSequence = [1, 9];
    delete f.item[1].productOrService;
    f.insurance = [];
    f.status = 'final';
    const r = fromFhirClaim(f);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path.join('.'))).toEqual([
      'status',
      'insurance',
      'item.0.diagnosisSequence.1',
      'item.1.productOrService',
    ]);
  });

  it('reports a mapped claim problem (unknown procedure system) at the claim path', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    f.item[0].productOrService.coding[0].system = 'http://example.org/local';
    const r = fromFhirClaim(f);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'lines.0.procedure'],
    ]);
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(fromFhirClaim(x).ok).toBe(false);
      }),
      { numRuns: propertyRuns(300) },
    );
    for (const bad of [
      '{',
      '__proto__',
      'x'.repeat(1_000_000),
      { resourceType: 'Claim', item: 'x', diagnosis: [null] },
    ]) {
      expect(fromFhirClaim(bad).ok).toBe(false);
    }
  });
});

describe('exotic FHIR input', () => {
  it('does not throw on objects whose getters throw', () => {
    const evil = {
      resourceType: 'Claim',
      get status(): string {
        throw new Error('boom');
      },
    };
    expect(fromFhirClaim(evil).ok).toBe(false);
    expect(validateFhirR4Claim(evil).ok).toBe(false);
  });
});

describe('reading FHIR written by others', () => {
  it('falls back to the first item for the place of service and to FHIR relationship codes', () => {
    const claim = load('clean-office-visit');
    const withSpouse = parseClaim({ ...claim, subscriber: { ...claim.subscriber!, relationship: '01' } });
    if (!withSpouse.ok) throw new Error('fixture');
    const f = JSON.parse(JSON.stringify(fhirOf(withSpouse.value)));
    delete f.extension;
    const coverage = f.contained.find((r: { resourceType: string }) => r.resourceType === 'Coverage');
    coverage.relationship.coding = coverage.relationship.coding.slice(0, 1);
    const r = fromFhirClaim(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.placeOfService).toBe('11');
    expect(r.value.frequencyCode).toBeUndefined();
    expect(r.value.subscriber?.relationship).toBe('01');
  });

  it("reads each line's own care-team member when several members are responsible (R4 allows any number)", () => {
    const claim = load('clean-office-visit');
    const twoProviders = parseClaim({
      ...claim,
      lines: [
        claim.lines[0],
        { ...claim.lines[1], renderingProvider: { npi: '1234567893', name: 'Smith', firstName: 'Jo' } },
      ],
    });
    if (!twoProviders.ok) throw new Error('fixture');
    const f = JSON.parse(JSON.stringify(fhirOf(twoProviders.value)));
    // Another system flags every member responsible for its own services.
    for (const member of f.careTeam) member.responsible = true;
    expect(f.careTeam.map((m: { sequence: number }) => m.sequence)).toEqual([1, 2]);
    expect(f.item.map((i: { careTeamSequence: number[] }) => i.careTeamSequence)).toEqual([[1], [2]]);
    expect(findings(f)).toEqual([]);
    const r = fromFhirClaim(f);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.renderingProvider?.npi).toBe('1888000043');
    // Line 1 names the claim-level member: it has no provider of its own.
    expect(r.value.lines.map((l) => l.renderingProvider?.npi)).toEqual([undefined, '1234567893']);
  });
});

describe('item charge without net', () => {
  it('uses quantity × unitPrice when net is absent (R4 net definition)', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    delete f.item[0].net;
    f.item[0].quantity = { value: 2 };
    f.item[0].unitPrice = { value: 82.5, currency: 'USD' };
    const r = fromFhirClaim(f);
    expect(r.ok && r.value.lines[0]!.charge).toBe('165.00');
    f.item[0].factor = 0.5;
    const withFactor = fromFhirClaim(f);
    expect(withFactor.ok ? [] : withFactor.issues.map((i) => i.path.join('.'))).toEqual(['lines.0.charge']);
  });
});

describe('validateFhirR4Claim', () => {
  it('flags elements that R4 does not define (typos, STU3 names)', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    f.diagnosiss = [];
    f.item[0].service = f.item[0].productOrService; // STU3 name
    f.diagnosis[0].diagnosisLinkId = [1];
    // allowed: a primitive's extension (an empty list would not be: R4 has no empty arrays)
    f._status = { extension: [{ url: 'https://example.org/fhir/note', valueString: 'x' }] };
    expect(validateFhirR4Claim(f).issues.map((i) => i.path.join('.'))).toEqual([
      'diagnosiss',
      'diagnosis.0.diagnosisLinkId',
      'item.0.service',
    ]);
  });
});

describe('fromFhirClaim size guard', () => {
  it('refuses item and diagnosis arrays far over the format limits before validating them', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    const items = fromFhirClaim({ ...f, item: new Array(1_000_000).fill(null) });
    expect(items.ok ? [] : items.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_limit_exceeded', 'item'],
    ]);
    const sparse = fromFhirClaim({ ...f, item: new Array(1_000_000) });
    expect(sparse.ok).toBe(false);
    const dx = fromFhirClaim({ ...f, diagnosis: new Array(121).fill(f.diagnosis[0]) });
    expect(dx.ok ? [] : dx.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_limit_exceeded', 'diagnosis'],
    ]);
  });
});

describe('Claim.total of a billion dollars or more', () => {
  it('reads back a total over 999,999,999.99 that equals the sum of the items (R4 Money has no size limit)', () => {
    const claim = load('clean-office-visit');
    const big = parseClaim({
      ...claim,
      lines: [
        { ...claim.lines[0]!, charge: '999999999.00' },
        { ...claim.lines[1]!, charge: '1.00' },
      ],
    });
    if (!big.ok) throw new Error('fixture');
    const f = fhirOf(big.value);
    expect(f.total?.value).toBe(1_000_000_000);
    expect(validateFhirR4Claim(f).issues).toEqual([]);
    const back = fromFhirClaim(JSON.parse(JSON.stringify(f)));
    expect(back.ok && back.value.lines.map((l) => l.charge)).toEqual(['999999999.00', '1.00']);
    // A total that is not the sum is still refused.
    const wrong = validateFhirR4Claim({ ...f, total: { value: 1_000_000_001, currency: 'USD' } });
    expect(wrong.issues.map((i) => i.path.join('.'))).toEqual(['total.value']);
  });
});

describe('contained resources in any order', () => {
  it('resolves references to contained resources listed later (R4 gives contained no order)', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    f.contained.reverse();
    expect(validateFhirR4Claim(f).issues).toEqual([]);
    const back = fromFhirClaim(f);
    expect(back.ok && back.value).toEqual(interchangeForm(load('clean-office-visit')));
    // A reference to an id no contained resource has is still refused.
    f.contained[0].beneficiary = { reference: '#nobody' };
    expect(validateFhirR4Claim(f).issues.map((i) => i.path.join('.'))).toEqual([
      'contained.0.beneficiary.reference',
    ]);
  });

  it('refuses a contained id that is not an R4 id (datatypes.html#id)', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    const payer = f.contained.findIndex((r: { id: string }) => r.id === 'payer');
    f.contained[payer].id = 'the payer';
    expect(validateFhirR4Claim(f).issues.map((i) => i.path.join('.'))).toContain(`contained.${payer}.id`);
  });
});

describe('claim place of service from the item with the lowest sequence', () => {
  it('does not depend on the order of the item array', () => {
    const claim = load('clean-office-visit');
    const mixed = parseClaim({
      ...claim,
      placeOfService: '11',
      lines: [claim.lines[0]!, { ...claim.lines[1]!, placeOfService: '22' }],
    });
    if (!mixed.ok) throw new Error('fixture');
    const f = JSON.parse(JSON.stringify(fhirOf(mixed.value)));
    f.item.reverse();
    const back = fromFhirClaim(f);
    expect(back.ok && [back.value.placeOfService, back.value.lines.map((l) => l.placeOfService)]).toEqual([
      '11',
      [undefined, '22'],
    ]);
  });
});

describe('Coverage.relationship with only the HL7 subscriber-relationship code', () => {
  const written = (): {
    f: Record<string, unknown>;
    coverageIndex: number;
    coverage: Record<string, unknown>;
  } => {
    const claim = load('clean-office-visit');
    const dependent = parseClaim({ ...claim, subscriber: { ...claim.subscriber!, relationship: 'G8' } });
    if (!dependent.ok) throw new Error('fixture');
    const f = JSON.parse(JSON.stringify(fhirOf(dependent.value)));
    const coverageIndex = f.contained.findIndex(
      (r: { resourceType: string }) => r.resourceType === 'Coverage',
    );
    return { f, coverageIndex, coverage: f.contained[coverageIndex] };
  };
  const hl7 = (code: unknown) => ({
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code }],
  });

  it('maps every code of the R4 value set, parent and injured to G8 as other is', () => {
    const expected = [
      ['self', '18'],
      ['spouse', '01'],
      ['child', '19'],
      ['common', '53'],
      ['parent', 'G8'],
      ['injured', 'G8'],
      ['other', 'G8'],
    ] as const;
    for (const [code, x12] of expected) {
      const { f, coverage } = written();
      coverage.relationship = hl7(code);
      const r = fromFhirClaim(f);
      expect(r.ok && r.value.subscriber?.relationship).toBe(x12);
      // Written again and read again: the same claim (G8 is written as `other` beside the X12 code).
      if (!r.ok) return;
      const again = fromFhirClaim(JSON.parse(JSON.stringify(fhirOf(r.value))));
      expect(again.ok && again.value).toEqual(r.value);
    }
  });

  it('refuses a code outside the value set, or a relationship without a known coding, at its path', () => {
    const { f, coverageIndex, coverage } = written();
    coverage.relationship = hl7('friend');
    const r = fromFhirClaim(f);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', `contained.${coverageIndex}.relationship.coding.0.code`],
    ]);
    coverage.relationship = { text: 'mother' };
    const text = fromFhirClaim(f);
    expect(text.ok ? [] : text.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', `contained.${coverageIndex}.relationship`],
    ]);
  });
});

describe('toFhirClaim options', () => {
  it('refuses a created that is not an R4 dateTime and an id that is not an R4 id, with invalid_option', () => {
    const claim = load('clean-office-visit');
    const cases: readonly [ToFhirOptions, string][] = [
      [{ created: '05/02/2026' }, 'created'],
      [{ created: 20260502 as unknown as string }, 'created'],
      [{ id: 'claim id with spaces/and slash' }, 'id'],
      [{ id: '' }, 'id'],
      [{ id: 'x'.repeat(65) }, 'id'],
      [{ hcpcsSystem: 'ftp' as 'http' }, 'hcpcsSystem'],
    ];
    for (const [options, option] of cases) {
      const r = toFhirClaim(claim, options);
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
        ['invalid_option', option],
      ]);
    }
    const good = fhirOf(claim, { created: '2026-05-02T10:30:00Z', id: 'claim-2026.0001' });
    expect(validateFhirR4Claim(good).issues).toEqual([]);
  });

  it('refuses a created outside the R4 dateTime grammar or not a calendar day, and takes every R4 form', () => {
    const claim = load('clean-office-visit');
    // R4 datatypes.html#dateTime: seconds with a time, a time zone with a time, year 0001-9999,
    // hours 00-23; and a real day (2026-02-30 is none).
    for (const created of [
      '2026-05-02T10:30Z',
      '2026-05-02T10:30:00',
      '2026-13-45',
      '2026-02-30',
      '2026-02-30T25:61:00Z',
      '2026-05-02T24:00:00Z',
      '2025-02-29',
      '0000',
      '2026-5-2',
    ]) {
      const r = toFhirClaim(claim, { created });
      expect([created, r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])]).toEqual([
        created,
        [['invalid_option', 'created']],
      ]);
    }
    for (const created of [
      '2026',
      '2026-05',
      '2024-02-29',
      '2026-05-02T10:30:00Z',
      '2026-05-02T10:30:00.250-05:00',
      '2026-05-02T23:59:60+14:00',
      '0001',
    ]) {
      const f = fhirOf(claim, { created });
      expect([created, validateFhirR4Claim(f).issues, findings(f)]).toEqual([created, [], []]);
    }
  });

  it('validateFhirR4Claim checks created, servicedDate and servicedPeriod against the R4 grammars and the calendar', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    f.created = '2026-05-02T10:30Z';
    f.item[0].servicedDate = '2026-02-30';
    delete f.item[1].servicedDate;
    f.item[1].servicedPeriod = { start: '2026-03-10T08:00Z', end: '2026-13-01' };
    expect(validateFhirR4Claim(f).issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'created'],
      ['claim_invalid', 'item.0.servicedDate'],
      ['claim_invalid', 'item.1.servicedPeriod.start'],
      ['claim_invalid', 'item.1.servicedPeriod.end'],
    ]);
  });

  it('validateFhirR4Claim checks Claim.id against the R4 id pattern', () => {
    const f = fhirOf(load('clean-office-visit'));
    expect(validateFhirR4Claim({ ...f, id: 'a b' }).issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'id'],
    ]);
    expect(validateFhirR4Claim({ ...f, id: 'A-1.b' }).ok).toBe(true);
  });
});

describe("a rendering provider's tax id", () => {
  it('is written under the system of what it is (EIN, SSN, else a TAX-typed identifier) and reads back', () => {
    const claim = load('clean-office-visit');
    const cases: readonly [string, object, string][] = [
      ['82-0000001', { system: 'urn:oid:2.16.840.1.113883.4.4', value: '820000001' }, '820000001'],
      // NUCC item 25: the federal tax id may be an SSN; never under the EIN OID.
      ['123-45-6789', { system: 'http://hl7.org/fhir/sid/us-ssn', value: '123456789' }, '123-45-6789'],
      [
        'TIN-42',
        {
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'TAX' }] },
          value: 'TIN-42',
        },
        'TIN-42',
      ],
    ];
    for (const [taxId, identifier, readBack] of cases) {
      const r = parseClaim({ ...claim, renderingProvider: { ...claim.renderingProvider!, taxId } });
      if (!r.ok) throw new Error('fixture');
      const f = fhirOf(r.value);
      const rendering = f.contained?.find((c) => c.id === 'rendering') as { identifier?: object[] };
      expect(rendering.identifier?.slice(1)).toEqual([identifier]);
      expect(findings(f)).toEqual([]);
      const back = fromFhirClaim(JSON.parse(JSON.stringify(f)));
      expect(back.ok && back.value.renderingProvider?.taxId).toBe(readBack);
      // A second round trip writes the same resource.
      expect(back.ok && toFhirClaim(back.value)).toEqual(toFhirClaim(r.value));
    }
  });
});

describe('empty claim strings in FHIR', () => {
  /** The clean office visit with every optional provider and coverage string empty. */
  const emptyProviderFields = (): Claim => {
    const claim = load('clean-office-visit');
    const r = parseClaim({
      ...claim,
      billingProvider: { ...claim.billingProvider!, name: '', taxonomy: '' },
      renderingProvider: { ...claim.renderingProvider!, firstName: '' },
      payer: { ...claim.payer!, claimFilingIndicator: '' },
      subscriber: { ...claim.subscriber!, address: { line1: '', city: '', state: '', postalCode: '' } },
    });
    if (!r.ok) throw new Error('fixture');
    return r.value;
  };

  it('writes no empty name, code, given name or address for empty provider and coverage fields', () => {
    const f = fhirOf(emptyProviderFields());
    const json = JSON.stringify(f);
    expect(json).not.toContain('""');
    expect(json).not.toContain('{}');
    expect(json).not.toContain('[]');
    const byId = (id: string) => f.contained?.find((r) => r.id === id) as unknown as Record<string, unknown>;
    // No taxonomy and no name: an Organization with its NPI and EIN only.
    expect(Object.keys(byId('billing'))).toEqual(['resourceType', 'id', 'identifier', 'address']);
    // An empty first name is no person, as in the 837P (NM102 2): an Organization named Nguyen.
    expect(byId('rendering')).toMatchObject({ resourceType: 'Organization', name: 'Nguyen' });
    expect(byId('coverage').type).toBeUndefined();
    expect(byId('subscriber').address).toBeUndefined();
    expect(validateFhirR4Claim(f).issues).toEqual([]);
    expect(findings(f)).toEqual([]);
    const back = fromFhirClaim(JSON.parse(json));
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
    expect(back.value.billingProvider).toEqual({
      npi: '1888000019',
      taxId: '820000001',
      address: { line1: '100 Maple Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
    });
    expect(back.value.renderingProvider).toEqual({
      npi: '1888000043',
      taxonomy: '207Q00000X',
      name: 'Nguyen',
    });
    expect(back.value.payer?.claimFilingIndicator).toBeUndefined();
    expect(back.value.subscriber?.address).toBeUndefined();
  });

  it('validateFhirR4Claim refuses an empty string, object or array anywhere, contained resources included', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    const patient = f.contained.findIndex((r: { id: string }) => r.id === 'patient');
    const coverage = f.contained.findIndex((r: { id: string }) => r.id === 'coverage');
    f.contained[patient].name[0].given = [''];
    f.contained[patient].address = [{}];
    f.contained[coverage].type.coding[0].code = '';
    f.item[0].modifier = [];
    const r = validateFhirR4Claim(f);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', `contained.${patient}.name.0.given.0`],
      ['claim_invalid', `contained.${patient}.address.0`],
      ['claim_invalid', `contained.${coverage}.type.coding.0.code`],
      ['claim_invalid', 'item.0.modifier'],
    ]);
    expect(fromFhirClaim(f).ok).toBe(false);
  });

  it('leaves out strings of white space only, as R4 asks strings to carry non-whitespace content', () => {
    const claim = load('clean-office-visit');
    const spaces = parseClaim({
      ...claim,
      billingProvider: {
        ...claim.billingProvider!,
        taxonomy: '   ',
        address: { ...claim.billingProvider!.address!, line2: ' \t ' },
      },
      renderingProvider: { ...claim.renderingProvider!, firstName: '  ' },
      subscriber: { ...claim.subscriber!, firstName: '  ', groupNumber: '   ' },
      patient: { ...claim.patient, firstName: '\t' },
      payer: { ...claim.payer!, claimFilingIndicator: ' ' },
    });
    if (!spaces.ok) throw new Error('fixture');
    const f = fhirOf(spaces.value);
    expect(JSON.stringify(f)).not.toMatch(/"\s*"/);
    // The independent validator refuses a string of white space: "String must contain
    // non-whitespace content".
    expect(findings(f)).toEqual([]);
    expect(validateFhirR4Claim(f).issues).toEqual([]);
    const byId = (id: string) => f.contained?.find((r) => r.id === id) as unknown as Record<string, unknown>;
    // A first name of spaces is no person, as in the 837P: an Organization named Nguyen.
    expect(byId('rendering')).toMatchObject({ resourceType: 'Organization', name: 'Nguyen' });
    expect(byId('billing').type).toBeUndefined();
    expect(byId('billing').address).toEqual([
      { line: ['100 Maple Street'], city: 'Springfield', state: 'IL', postalCode: '627010001' },
    ]);
  });

  it('refuses a claim id of white space only, which Claim.identifier cannot carry', () => {
    const claim = parseClaim({ ...load('clean-office-visit'), claimId: '   ' });
    if (!claim.ok) throw new Error('fixture');
    const r = toFhirClaim(claim.value);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['claim_invalid', 'claimId']]);
  });

  it('validateFhirR4Claim refuses a string of white space only anywhere', () => {
    const f = JSON.parse(JSON.stringify(fhirOf(load('clean-office-visit'))));
    const patient = f.contained.findIndex((r: { id: string }) => r.id === 'patient');
    f.contained[patient].name[0].given = ['  '];
    f.identifier[0].value = '\t';
    const r = validateFhirR4Claim(f);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', `contained.${patient}.name.0.given.0`],
      ['claim_invalid', 'identifier.0.value'],
    ]);
    expect(findings(f)).toHaveLength(2);
  });

  it('writes no empty string (R4 json.html: string values are never empty) and reads back the same meaning', () => {
    const claim = load('clean-office-visit');
    const blank = parseClaim({
      ...claim,
      diagnoses: [
        { code: 'E11.9', poa: '' },
        { code: 'I10', poa: 'Y' },
      ],
      subscriber: { ...claim.subscriber!, memberId: '', groupNumber: '', firstName: '', lastName: '' },
      patient: {
        ...claim.patient,
        firstName: '',
        address: { line1: '', city: '', state: 'IL', postalCode: '' },
      },
      payer: { ...claim.payer!, name: '', id: '' },
      payerClaimControlNumber: '',
    });
    if (!blank.ok) throw new Error('fixture');
    const f = fhirOf(blank.value);
    expect(JSON.stringify(f)).not.toContain('""');
    expect(f.diagnosis?.map((d) => d.onAdmission?.coding?.[0]?.code)).toEqual([undefined, 'Y']);
    expect(f.related).toBeUndefined();
    expect(validateFhirR4Claim(f).issues).toEqual([]);
    const back = fromFhirClaim(JSON.parse(JSON.stringify(f)));
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
    // '' and absent mean the same for these optional fields (the POA rule reads both as blank);
    // memberId is a required string, so it reads back as ''.
    expect(back.value.diagnoses).toEqual([{ code: 'E11.9' }, { code: 'I10', poa: 'Y' }]);
    expect(back.value.subscriber?.memberId).toBe('');
    expect(back.value.subscriber?.groupNumber).toBeUndefined();
    expect(back.value.subscriber?.firstName).toBeUndefined();
    expect(back.value.patient.firstName).toBeUndefined();
    expect(back.value.patient.address).toEqual({ line1: '', city: '', state: 'IL', postalCode: '' });
    expect(back.value.payerClaimControlNumber).toBeUndefined();
    expect(back.value.payer).toMatchObject({ name: '', id: '' });
  });
});
