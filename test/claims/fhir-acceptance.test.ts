/**
 * FHIR R4 Claim defects found by independent validators: item.net and total, the hospitalization
 * period, readable subscriber relationships. Each test failed before these rules.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromFhirClaim, toFhirClaim } from '../../src/claims/fhir';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';

const base = (() => {
  const r = parseClaim(readFileSync('examples/clean-office-visit.json', 'utf8'));
  if (!r.ok) throw new Error('fixture');
  return r.value;
})();
const fhirOf = (claim: Claim) => {
  const r = toFhirClaim(claim);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return JSON.parse(JSON.stringify(r.value)) as Record<string, unknown> & {
    item: { net: { value: number } }[];
    total: { value: number };
  };
};
const where = (r: ReturnType<typeof fromFhirClaim>) => r.issues.map((i) => `${i.code} ${i.path.join('.')}`);

describe('fromFhirClaim: item.net and total', () => {
  it.each([-5, 0.001, 1e21])(
    'refuses item.net %s instead of replacing it with unitPrice × quantity',
    (net) => {
      const resource = fhirOf(base);
      resource.item[0]!.net.value = net;
      const r = fromFhirClaim(resource);
      expect(r.ok).toBe(false);
      expect(where(r)).toContain('claim_invalid item.0.net.value');
    },
  );

  it('refuses a total that differs from the sum of item.net', () => {
    const resource = fhirOf(base);
    resource.total.value += 1;
    const r = fromFhirClaim(resource);
    expect(r.ok).toBe(false);
    expect(where(r)).toEqual(['claim_invalid total.value']);
    expect(fromFhirClaim(fhirOf(base)).ok).toBe(true);
  });
});

describe('hospitalization dates (supportingInfo hospitalized timingPeriod)', () => {
  it('keeps a discharge date without an admission date', () => {
    const claim = { ...base, dischargeDate: '2026-05-03' };
    const back = fromFhirClaim(fhirOf(claim));
    expect(back.ok && back.value.dischargeDate).toBe('2026-05-03');
  });

  it('refuses a period whose start is after its end', () => {
    const r = toFhirClaim({ ...base, admissionDate: '2026-05-04', dischargeDate: '2026-05-03' });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(['claim_invalid dischargeDate']);
  });
});

describe('subscriber.relationship', () => {
  it.each([
    ['self', '18'],
    ['spouse', '01'],
    ['child', '19'],
    ['other', 'G8'],
    ['19', '19'],
  ])('accepts %s as the X12 code %s', (name, code) => {
    const r = parseClaim({ ...base, subscriber: { ...base.subscriber!, relationship: name } });
    expect(r.ok && r.value.subscriber?.relationship).toBe(code);
  });

  it('still refuses other names', () => {
    const r = parseClaim({ ...base, subscriber: { ...base.subscriber!, relationship: 'toString' } });
    expect(r.ok).toBe(false);
  });
});
