/**
 * The x12-837p rule: what the 837P writer would refuse or drop in a claim, reported by validation
 * at the claim's paths, so that a billing run finds the claims that would sink an all-or-nothing
 * 837P batch before writing it. Off unless turned on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClaim, toX12837P } from '../../src/claims/index';
import type { Claim } from '../../src/claims/index';
import { validateClaim } from '../../src/rules/index';
import type { ValidateOptions } from '../../src/rules/index';
import { ENVELOPE } from '../claims/x12/samples';
import { changedExample } from './example-claim';
import { validClaim } from '../../src/testing/arbitraries';
import { propertyRuns } from '../property-runs';

const today = '2026-12-01';
const ON: ValidateOptions = { today, rules: { 'x12-837p': true } };
type Obj = Record<string, unknown>;
/** The example claim as JSON, with the parts the changes below touch. */
interface Mutable {
  [key: string]: unknown;
  claimId: string;
  patient: { address: Obj };
  subscriber: Obj;
  payer: Obj;
  billingProvider: Obj;
  renderingProvider: Obj;
  diagnoses: Obj[];
  lines: Obj[];
}

const mutated = (change: (c: Mutable) => void): Claim => changedExample(change);

/** The 837P writer's refusals (errors) of the claim alone, at paths into the claim. */
function writerRefusals(claim: Claim): string[] {
  const written = toX12837P([claim], ENVELOPE);
  return written.ok ? [] : written.issues.map((i) => i.path.join('.').replace(/^claims\.0\.?/, ''));
}

/**
 * Each change makes the example a valid claim that the 837P writer refuses, at the path given, in
 * the segment named (the example's subscriber has no address: 2010BA N3/N4 are the patient's).
 */
const UNWRITABLE: [string, (c: Mutable) => void, string, string][] = [
  [
    'a city of 31 characters (N401 2–30)',
    (c) => (c.patient.address.city = 'C'.repeat(31)),
    'patient.address.city',
    '2010BA N4',
  ],
  [
    'a 4-digit ZIP Code (N403)',
    (c) => (c.patient.address.postalCode = '6270'),
    'patient.address.postalCode',
    '2010BA N403',
  ],
  [
    'an address line of 56 characters (N301 1–55)',
    (c) => (c.patient.address.line1 = 'L'.repeat(56)),
    'patient.address.line1',
    '2010BA N3',
  ],
  ['an empty member id (NM109)', (c) => (c.subscriber.memberId = ''), 'subscriber.memberId', 'NM1'],
  ['a claim id of 39 characters (CLM01 1–38)', (c) => (c.claimId = 'X'.repeat(39)), 'claimId', 'CLM'],
  ['an empty payer name (2010BB NM103)', (c) => (c.payer.name = ''), 'payer.name', 'NM1'],
  [
    'a taxonomy code that is not 10 characters (PRV03)',
    (c) => (c.billingProvider.taxonomy = '207Q'),
    'billingProvider.taxonomy',
    '2000A PRV',
  ],
  [
    'a group number of 51 characters (SBR03 1–50)',
    (c) => (c.subscriber.groupNumber = 'G'.repeat(51)),
    'subscriber.groupNumber',
    'SBR',
  ],
  ['no payer (loop 2010BB is required)', (c) => delete (c as Obj).payer, 'payer', '2010BB NM1*PR'],
  [
    'no subscriber (loop 2010BA is required)',
    (c) => delete (c as Obj).subscriber,
    'subscriber',
    '2010BA NM1*IL',
  ],
];

describe('x12-837p: what the 837P writer refuses, validation reports when asked', () => {
  it('the example claim passes with the rule on, and the writer writes it', () => {
    const claim = mutated(() => {});
    const v = validateClaim(claim, ON);
    expect(v.status).toBe('passed');
    expect(v.issues.filter((e) => e.rule === 'x12-837p')).toEqual([]);
    expect(v.skipped.filter((s) => s.rule === 'x12-837p')).toEqual([]);
    expect(writerRefusals(claim)).toEqual([]);
  });

  for (const [name, change, path, segment] of UNWRITABLE)
    it(`${name}: an error at ${path} when on, nothing when off`, () => {
      const claim = mutated(change);
      expect(writerRefusals(claim)).toEqual([path]);
      const v = validateClaim(claim, ON);
      expect(v.status).toBe('failed');
      const edits = v.issues.filter((e) => e.rule === 'x12-837p');
      expect(edits).toEqual([
        expect.objectContaining({ code: 'x12_unwritable', severity: 'error', path: path.split('.') }),
      ]);
      expect((edits[0] as { segment: string }).segment).toBe(segment);
      expect(edits[0]!.citation).toMatch(/005010X222A1/);
      expect(edits[0]!.message.startsWith(`${path}: cannot write 837P`)).toBe(true);
      // Off in the profile: the same claim passes validation without it.
      expect(validateClaim(claim, { today }).issues.some((e) => e.rule === 'x12-837p')).toBe(false);
    });

  it('what the 837P drops is a warning: a POA indicator, the rendering provider tax id', () => {
    const claim = mutated((c) => {
      c.diagnoses[0]!.poa = 'Y';
      c.renderingProvider.taxId = '820000002';
    });
    expect(writerRefusals(claim)).toEqual([]);
    const v = validateClaim(claim, ON);
    expect(v.status).toBe('passed');
    expect(
      v.issues.filter((e) => e.rule === 'x12-837p').map((e) => [e.severity, e.path.join('.'), e.code]),
    ).toEqual([
      ['warning', 'diagnoses.0.poa', 'x12_unwritable'],
      ['warning', 'renderingProvider.taxId', 'x12_unwritable'],
    ]);
  });

  it('a count past the 837P limits is claim-structure’s edit, unless the profile limits allow more', () => {
    const claim = mutated((c) => {
      c.diagnoses = [
        'E11.9',
        'I10',
        'J02.9',
        'M54.50',
        'R51.9',
        'K21.9',
        'N39.0',
        'R05.9',
        'R10.9',
        'L30.9',
        'H10.9',
        'J30.9',
        'R53.83',
      ].map((code) => ({ code }));
      c.lines[0]!.modifiers = ['25', '59', '76', '77', 'GT'];
    });
    expect(writerRefusals(claim)).toEqual(['diagnoses.12', 'lines.0.modifiers']);
    const counts = (options: ValidateOptions) =>
      validateClaim(claim, options)
        .issues.filter((e) => e.code === 'claim_limit_exceeded')
        .map((e) => [e.rule, e.path.join('.')]);
    // The profile's limits are the 837P's: reported once, by claim-structure.
    expect(counts(ON)).toEqual([
      ['claim-structure', 'diagnoses.12'],
      ['claim-structure', 'lines.0.modifiers'],
    ]);
    // A payer's looser limits pass claim-structure; the 837P still cannot carry the claim.
    expect(counts({ ...ON, limits: { diagnoses: 25, modifiersPerLine: 8 } })).toEqual([
      ['x12-837p', 'diagnoses.12'],
      ['x12-837p', 'lines.0.modifiers'],
    ]);
    // A stricter payer limit is claim-structure's, at its own index; the 837P's is not said again.
    expect(counts({ ...ON, limits: { diagnoses: 8 } })).toEqual([
      ['claim-structure', 'diagnoses.8'],
      ['claim-structure', 'lines.0.modifiers'],
    ]);
  });

  it('its severity is the caller’s to change, like any rule’s', () => {
    const claim = mutated((c) => (c.payer.name = ''));
    const v = validateClaim(claim, { today, rules: { 'x12-837p': { enabled: true, severity: 'warning' } } });
    expect(v.status).toBe('passed');
    expect(v.issues.find((e) => e.rule === 'x12-837p')).toMatchObject({
      severity: 'warning',
      path: ['payer', 'name'],
    });
  });

  it('checks values against the delimiters of the interchange the claims go in (options.x12)', () => {
    // A '*' in a name is the default element separator; a '|' is the separator of another interchange.
    const star = mutated((c) => (c.billingProvider.name = 'SMITH*JONES CLINIC'));
    const bar = mutated((c) => (c.billingProvider.name = 'SMITH|JONES CLINIC'));
    const pipes = { element: '|', component: '>', repetition: '!', segment: '~' } as const;
    const refusalsOf = (claim: Claim, options: ValidateOptions) =>
      validateClaim(claim, options)
        .issues.filter((e) => e.rule === 'x12-837p')
        .map((e) => e.path.join('.'));
    expect(refusalsOf(star, ON)).toEqual(['billingProvider.name']);
    expect(refusalsOf(bar, ON)).toEqual([]);
    expect(refusalsOf(star, { ...ON, x12: { separators: pipes } })).toEqual([]);
    expect(refusalsOf(bar, { ...ON, x12: { separators: pipes } })).toEqual(['billingProvider.name']);
    // What the rule says is what the writer does with those delimiters.
    expect(writerRefusals(star)).toEqual(['billingProvider.name']);
    expect(toX12837P([star], { ...ENVELOPE, separators: pipes }).ok).toBe(true);
    expect(toX12837P([bar], { ...ENVELOPE, separators: pipes }).ok).toBe(false);
    // Only the element separator given: the others stay the defaults, so ':' is still refused.
    const colon = mutated((c) => (c.billingProvider.name = 'SMITH:JONES CLINIC'));
    expect(refusalsOf(colon, { ...ON, x12: { separators: { element: '|' } } })).toEqual([
      'billingProvider.name',
    ]);
  });

  it('refuses delimiters the 837P writer would refuse, as an option issue', () => {
    for (const separators of [{ element: 'A' }, { element: '|', segment: '|' }, { terminator: '~' }, '|']) {
      const v = validateClaim(
        mutated(() => {}),
        { ...ON, x12: { separators } as never },
      );
      expect(v.status).toBe('failed');
      expect(v.issues).toEqual([
        expect.objectContaining({ code: 'invalid_option', path: ['options', 'x12', 'separators'] }),
      ]);
    }
    expect(
      validateClaim(
        mutated(() => {}),
        { ...ON, x12: 'pipes' as never },
      ).issues,
    ).toEqual([expect.objectContaining({ code: 'invalid_option', path: ['options', 'x12'] })]);
  });

  it('an institutional claim is skipped, with the reason: medcode writes no 837I', () => {
    const claim = mutated((c) => (c.payer.name = ''));
    const v = validateClaim(claim, { ...ON, profile: 'medicare-institutional-outpatient' });
    expect(v.issues.some((e) => e.rule === 'x12-837p')).toBe(false);
    expect(v.skipped.find((s) => s.rule === 'x12-837p')?.reason).toMatch(/837I/);
  });
});

/** Where a generated value goes: string fields the 837P writes, each with its own element limits. */
const FIELDS: readonly (readonly string[])[] = [
  ['claimId'],
  ['patient', 'lastName'],
  ['patient', 'firstName'],
  ['patient', 'address', 'line1'],
  ['patient', 'address', 'city'],
  ['patient', 'address', 'state'],
  ['patient', 'address', 'postalCode'],
  ['subscriber', 'memberId'],
  ['subscriber', 'lastName'],
  ['subscriber', 'groupNumber'],
  ['payer', 'name'],
  ['payer', 'id'],
  ['billingProvider', 'name'],
  ['billingProvider', 'taxonomy'],
  ['billingProvider', 'address', 'city'],
  ['billingProvider', 'address', 'postalCode'],
  ['renderingProvider', 'name'],
];

/** Values near the element limits, and with delimiters, line breaks and letters outside ASCII. */
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom('A', '1', ' ', '-', '*', '~', ':', '^', '\n', 'é', '.'), maxLength: 90 }),
  fc.integer({ min: 0, max: 90 }).map((n) => 'X'.repeat(n)),
  fc.stringMatching(/^[0-9]{0,10}$/),
);

describe('x12-837p agrees with the 837P writer', () => {
  it('a claim that passes with the rule on is written; one the rule refuses, the writer refuses', () => {
    fc.assert(
      fc.property(validClaim(), fc.constantFrom(...FIELDS), value, ({ claim, options }, field, text) => {
        const json = structuredClone(claim) as Record<string, unknown>;
        let at = json;
        for (const key of field.slice(0, -1)) at = at[key] as Record<string, unknown>;
        at[field.at(-1)!] = text;
        const parsed = parseClaim(json);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const v = validateClaim(parsed.value, { ...options, rules: { 'x12-837p': true } });
        const written = toX12837P([parsed.value], ENVELOPE);
        const refusedByRule = v.issues.filter((e) => e.rule === 'x12-837p' && e.severity === 'error');
        if (v.status === 'passed') expect(written.ok).toBe(true);
        if (refusedByRule.length > 0) {
          expect(written.ok).toBe(false);
          const writerPaths = written.issues.map((i) => i.path.slice(2).join('.'));
          for (const e of refusedByRule) expect(writerPaths).toContain(e.path.join('.'));
        }
      }),
      { numRuns: propertyRuns(400), seed: 20261207 },
    );
  });
});
