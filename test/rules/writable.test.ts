/**
 * A claim that passes validateClaim can be written: the claim-structure rule reports, as error
 * edits at the claim's paths, what the three writers (toX12837P, toFhirClaim, toCms1500) refuse
 * and no other rule reports, through the writers' own check (checkClaimValues); what another rule
 * already reports under its own code is not reported twice.
 */
import { describe, expect, it } from 'vitest';
import { claim as claimBuilder, toCms1500, toFhirClaim, toX12837P } from '../../src/claims/index';
import type { Claim } from '../../src/claims/index';
import { validateClaim } from '../../src/rules/index';
import { ENVELOPE } from '../claims/x12/samples';
import { changedExample } from './example-claim';

const today = '2026-12-01';
type Mutable = {
  diagnoses: { code: string }[];
  lines: Record<string, unknown>[];
  [key: string]: unknown;
};

const mutated = (change: (c: Mutable) => void): Claim => changedExample(change);

/** The paths (joined) of the writers' refusals, each writer separately (the 837P's without `claims.0`). */
function writerPaths(claim: Claim): string[][] {
  return [toX12837P([claim], ENVELOPE), toFhirClaim(claim), toCms1500(claim)].map((r) =>
    r.ok ? [] : r.issues.map((i) => i.path.join('.').replace(/^claims\.0\./, '')),
  );
}

const UNWRITABLE: [string, (c: Mutable) => void, string][] = [
  [
    'no diagnoses (and so no pointer)',
    (c) => {
      c.diagnoses = [];
      for (const l of c.lines) delete l.diagnosisPointers;
    },
    'diagnoses',
  ],
  ['a line without a pointer', (c) => delete c.lines[0]!.diagnosisPointers, 'lines.0.diagnosisPointers'],
  [
    'a replacement without the payer claim control number',
    (c) => (c.frequencyCode = '7'),
    'payerClaimControlNumber',
  ],
  [
    'a void without the payer claim control number',
    (c) => (c.frequencyCode = '8'),
    'payerClaimControlNumber',
  ],
  ['units 0.0001', (c) => (c.lines[0]!.units = 0.0001), 'lines.0.units'],
  ['units 1e11', (c) => (c.lines[0]!.units = 1e11), 'lines.0.units'],
  [
    'a discharge before the admission',
    (c) => {
      c.admissionDate = '2026-03-10';
      c.dischargeDate = '2026-03-01';
    },
    'dischargeDate',
  ],
  [
    'a billing tax id that is no EIN',
    (c) => (c.billingProvider = { npi: '1234567893', name: 'Maple', taxId: '12-34-56789' }),
    'billingProvider.taxId',
  ],
  ['an NDC not convertible to 11 digits', (c) => (c.lines[0]!.ndc = '123'), 'lines.0.ndc'],
  ['a diagnosis with leading white space', (c) => (c.diagnoses[0]!.code = ' E11.9'), 'diagnoses.0.code'],
  ['a procedure with trailing white space', (c) => (c.lines[0]!.procedure = '99214 '), 'lines.0.procedure'],
  ['a place of service with a tab', (c) => (c.placeOfService = '\t11'), 'placeOfService'],
  [
    'a line place of service with a newline',
    (c) => (c.lines[0]!.placeOfService = '11\n'),
    'lines.0.placeOfService',
  ],
];

describe('claim-structure: what the writers refuse, validation reports', () => {
  it('the example claim passes and every writer writes it', () => {
    const claim = mutated(() => {});
    expect(validateClaim(claim, { today }).status).toBe('passed');
    expect(writerPaths(claim)).toEqual([[], [], []]);
  });

  for (const [name, change, path] of UNWRITABLE)
    it(`${name}: an error edit at ${path}, with a citation, where every writer refuses it`, () => {
      const claim = mutated(change);
      for (const paths of writerPaths(claim)) expect(paths).toContain(path);
      const v = validateClaim(claim, { today });
      expect(v.ok).toBe(false);
      expect(v.status).toBe('failed');
      const at = v.issues.filter((e) => e.path.join('.') === path && e.severity === 'error');
      expect(at).toEqual([
        expect.objectContaining({ code: 'claim_invalid', rule: 'claim-structure', severity: 'error' }),
      ]);
      // Not said again as a note that a lookup trimmed the code.
      expect(v.issues.filter((e) => e.path.join('.') === path && e.code === 'code_normalized')).toEqual([]);
      expect(at[0]!.citation).toMatch(/005010X222A1|45 CFR/);
      expect(at[0]!.message.startsWith(`${path.replace(/\.(\d+)/g, '[$1]')} must be`)).toBe(true);
    });

  it('a fact another rule reports is not reported again under claim_invalid', () => {
    const cases: [(c: Mutable) => void, string, string][] = [
      [(c) => (c.lines[0]!.units = -1), 'lines.0.units', 'invalid_units'],
      [(c) => (c.lines[0]!.units = 0), 'lines.0.units', 'invalid_units'],
      [(c) => (c.diagnoses[0]!.code = 'E1.19'), 'diagnoses.0.code', 'malformed_code'],
      [(c) => (c.lines[0]!.procedure = '9921'), 'lines.0.procedure', 'malformed_code'],
      [(c) => (c.lines[0]!.modifiers = ['255']), 'lines.0.modifiers.0', 'malformed_code'],
      [(c) => (c.lines[0]!.modifiers = ['25 ']), 'lines.0.modifiers.0', 'malformed_code'],
      [(c) => (c.placeOfService = '1'), 'placeOfService', 'malformed_code'],
      [(c) => (c.lines[0]!.placeOfService = 'X1'), 'lines.0.placeOfService', 'malformed_code'],
    ];
    for (const [change, path, code] of cases) {
      const claim = mutated(change);
      for (const paths of writerPaths(claim)) expect(paths).toContain(path);
      const at = validateClaim(claim, { today }).issues.filter((e) => e.path.join('.') === path);
      expect(at.map((e) => e.code)).toEqual([code]);
    }
  });

  it('a date of service before ICD-10-CM stays not_checked (no edition in force), never a pass', () => {
    const claim = mutated((c) => {
      for (const l of c.lines) l.serviceDate = '2014-06-01';
    });
    const v = validateClaim(claim, { today: '2014-12-01' });
    expect(v.status).toBe('not_checked');
    expect(v.issues.some((e) => e.code === 'claim_invalid')).toBe(false);
  });

  it('an institutional claim is not asked for diagnosis pointers (the UB-04 and 837I carry none)', () => {
    const claim = mutated((c) => {
      for (const l of c.lines) delete l.diagnosisPointers;
    });
    const professional = validateClaim(claim, { today });
    expect(
      professional.issues.filter((e) => e.code === 'claim_invalid').map((e) => e.path.join('.')),
    ).toEqual(['lines.0.diagnosisPointers', 'lines.1.diagnosisPointers']);
    const outpatient = validateClaim(claim, { today, profile: 'medicare-institutional-outpatient' });
    expect(outpatient.issues.filter((e) => e.path.includes('diagnosisPointers'))).toEqual([]);
  });

  it('a built claim that passes build({ validate: validateClaim }) is written by every writer', () => {
    const address = { line1: '1 Main', city: 'Springfield', state: 'IL', postalCode: '627011234' };
    const base = claimBuilder({ claimId: 'PCN-1' })
      .patient({ birthDate: '1961-04-02', sex: 'F', address })
      .placeOfService('11')
      .subscriber({ memberId: '1EG4TE5MK72', lastName: 'Alvarez' })
      .payer({ name: 'Medicare Part B', id: '00952', claimFilingIndicator: 'MB' })
      .billingProvider({ npi: '1234567893', name: 'Maple', taxId: '820000001', address });
    const validate = (c: Claim) => validateClaim(c, { today });
    const visit = { procedure: '99213', charge: '95.00', serviceDate: '2026-05-01' } as const;
    const refused = [
      base.line(visit),
      base.frequency('7').line({ ...visit, diagnoses: ['I10'] }),
      base.line({ ...visit, units: 0.0001, diagnoses: ['I10'] }),
      base.admission('2026-05-10', '2026-05-01').line({ ...visit, diagnoses: ['I10'] }),
      base.line({ ...visit, procedure: '99214 ', diagnoses: ['I10'] }),
    ];
    for (const b of refused) expect(b.build({ validate }).ok).toBe(false);
    const replacement = base
      .frequency('7', '20261234567')
      .line({ ...visit, diagnoses: ['I10'] })
      .build({ validate });
    expect(replacement.ok).toBe(true);
    if (replacement.ok) {
      expect(replacement.value.payerClaimControlNumber).toBe('20261234567');
      expect(writerPaths(replacement.value)).toEqual([[], [], []]);
    }
  });
});
