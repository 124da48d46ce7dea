/**
 * fromFhirClaim reads a Claim as a FHIR server stores it: references (`Patient/123`) to Patient,
 * Coverage, Organization and Practitioner resources, found in a Bundle, in `contained`, or through a
 * resolver callback. Golden: test/fixtures/fhir/server-search-bundle.json reads to
 * test/fixtures/fhir/server-stored-claim.json.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromFhirClaim, toFhirClaim } from '../../src/claims/fhir';
import type { FhirAnyResource, FhirBundle, FhirClaim, FhirCoverage } from '../../src/claims/fhir';
import { parseClaim } from '../../src/claims/parse';
import { findings } from './fhir-medplum';

const json = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const model = (() => {
  const r = parseClaim(readFileSync('test/fixtures/fhir/server-stored-claim.json', 'utf8'));
  if (!r.ok) throw new Error('fixture');
  return r.value;
})();
const bundle = () => json<FhirBundle>('test/fixtures/fhir/server-search-bundle.json');
const storedClaim = (b: FhirBundle) =>
  b.entry!.find((e) => e.resource?.resourceType === 'Claim')!.resource as FhirClaim;
const where = (r: ReturnType<typeof fromFhirClaim>) => r.issues.map((i) => `${i.code} ${i.path.join('.')}`);

describe('golden: a Claim stored with references, in a Bundle', () => {
  it('is valid R4: the Bundle and each of its resources (independent validator)', () => {
    // Each entry is validated on its own too: the validator checks a Bundle's own elements.
    const all = (b: FhirBundle) => [...findings(b), ...b.entry!.flatMap((e) => findings(e.resource))];
    expect(all(bundle())).toEqual([]);
    const broken = bundle();
    (storedClaim(broken) as unknown as { created: unknown }).created = 20260310;
    expect(all(broken).some((f) => f.includes('Claim.created'))).toBe(true);
  });

  it('reads equal to the model claim', () => {
    const r = fromFhirClaim(bundle());
    expect(r.ok ? r.value : r.issues).toEqual(model);
  });

  it('reads equal to what toFhirClaim writes with contained resources', () => {
    const written = toFhirClaim(model);
    if (!written.ok) throw new Error('fixture');
    const contained = fromFhirClaim(written.value);
    const stored = fromFhirClaim(bundle());
    expect(stored.ok && contained.ok && stored.value).toEqual(contained.ok && contained.value);
  });

  it('refuses an empty or white-space-only value in a resource found outside the Claim, at its path', () => {
    const b = bundle();
    const at = (type: string) => b.entry!.findIndex((e) => e.resource?.resourceType === type);
    const patient = at('Patient');
    const coverage = at('Coverage');
    const p = b.entry![patient]!.resource as unknown as { name: { given: string[] }[] };
    p.name[0]!.given = ['  '];
    (b.entry![coverage]!.resource as unknown as Record<string, unknown>).identifier = [];
    const r = fromFhirClaim(b);
    expect(r.ok).toBe(false);
    expect(where(r)).toEqual(
      expect.arrayContaining([
        `claim_invalid entry.${patient}.resource.name.0.given.0`,
        `claim_invalid entry.${coverage}.resource.identifier`,
      ]),
    );
    expect(where(r)).toHaveLength(2);
    // The same resources given through the resolve option are held to the same rule.
    const byReference = new Map<string, unknown>();
    for (const e of b.entry!) {
      byReference.set(`${e.resource!.resourceType}/${e.resource!.id}`, e.resource!);
      byReference.set(e.fullUrl!, e.resource!);
    }
    const resolved = fromFhirClaim(storedClaim(b), { resolve: (ref) => byReference.get(ref) as never });
    expect(resolved.ok).toBe(false);
    expect(resolved.issues.some((i) => i.path.join('.').endsWith('name.0.given.0'))).toBe(true);
  });

  it('reads the Claim alone with the Bundle as the bundle option (one Claim of many)', () => {
    const b = bundle();
    const r = fromFhirClaim(storedClaim(b), { bundle: b });
    expect(r.ok ? r.value : r.issues).toEqual(model);
  });

  it('reads the Claim alone with a resolve callback (resources keyed as a server names them)', () => {
    const b = bundle();
    const byReference = new Map<string, FhirAnyResource>();
    for (const e of b.entry!) {
      byReference.set(`${e.resource!.resourceType}/${e.resource!.id}`, e.resource!);
      byReference.set(e.fullUrl!, e.resource!);
    }
    const asked: string[] = [];
    const r = fromFhirClaim(storedClaim(b), {
      resolve: (reference) => {
        asked.push(reference);
        return byReference.get(reference);
      },
    });
    expect(r.ok ? r.value : r.issues).toEqual(model);
    expect(asked).toContain('Patient/pat-4471');
    expect(asked).toContain('Practitioner/prac-1245319599');
  });

  it('an absolute reference matches the entry with that fullUrl', () => {
    const b = bundle();
    storedClaim(b).careTeam![1]!.provider = {
      reference: 'https://fhir.example.org/r4/Practitioner/prac-1245319599',
    };
    const r = fromFhirClaim(b);
    expect(r.ok ? r.value : r.issues).toEqual(model);
  });

  it('a Bundle entry found by fullUrl only (urn:uuid references, as in a transaction)', () => {
    const b = bundle();
    const patient = b.entry!.find((e) => e.resource?.id === 'pat-4471')!;
    patient.fullUrl = 'urn:uuid:6f1c3a52-6a8e-4f3e-9d6b-0c4b3a2b1f10';
    delete patient.resource!.id;
    storedClaim(b).patient = { reference: patient.fullUrl };
    const coverage = b.entry!.find((e) => e.resource?.resourceType === 'Coverage')!.resource as FhirCoverage;
    coverage.beneficiary = { reference: patient.fullUrl };
    const r = fromFhirClaim(b);
    expect(r.ok ? r.value : r.issues).toEqual(model);
  });
});

describe('a reference that does not resolve is an issue at its path, never a TypeError', () => {
  it('a Claim alone: patient.reference, provider.reference, careTeam, insurance coverage', () => {
    const r = fromFhirClaim(storedClaim(bundle()));
    expect(r.ok).toBe(false);
    expect(where(r)).toEqual([
      'claim_invalid patient.reference',
      'claim_invalid careTeam.0.provider.reference',
      'claim_invalid careTeam.1.provider.reference',
      'claim_invalid provider.reference',
      'claim_invalid insurance.0.coverage.reference',
    ]);
    expect(r.issues[0]!.message).toContain('Patient/pat-4471');
  });

  it('a missing entry in a Bundle: its path under the Claim entry, or under the Coverage entry', () => {
    const b = bundle();
    b.entry = b.entry!.filter((e) => e.resource?.id !== 'pat-4472' && e.resource?.id !== 'prac-1888000043');
    const r = fromFhirClaim(b);
    expect(where(r)).toEqual([
      'claim_invalid entry.0.resource.careTeam.0.provider.reference',
      'claim_invalid entry.4.resource.subscriber.reference',
    ]);
  });

  it('a reference to the wrong resource type', () => {
    const b = bundle();
    storedClaim(b).patient = { reference: 'Organization/org-1888000019' };
    expect(where(fromFhirClaim(b))).toEqual(['claim_invalid entry.0.resource.patient.reference']);
  });

  it('a resolver that throws, returns a Promise or returns a non-resource', () => {
    const claim = storedClaim(bundle());
    const thrown = fromFhirClaim(claim, {
      resolve: () => {
        throw new Error('network down');
      },
    });
    expect(where(thrown)).toContain('claim_invalid patient.reference');
    const promised = fromFhirClaim(claim, {
      resolve: () => Promise.resolve({ resourceType: 'Patient' }) as unknown as FhirAnyResource,
    });
    expect(promised.issues[0]!.message).toContain('not a Promise');
    const junk = fromFhirClaim(claim, { resolve: () => 42 as unknown as FhirAnyResource });
    expect(where(junk)[0]).toBe('claim_invalid patient.reference');
  });

  it('a Bundle without exactly one Claim', () => {
    const b = bundle();
    const none = fromFhirClaim({ ...b, entry: b.entry!.slice(1) });
    expect(where(none)).toEqual(['claim_invalid entry']);
    const two = fromFhirClaim({ ...b, entry: [...b.entry!, b.entry![0]!] });
    expect(where(two)).toEqual(['claim_invalid entry']);
  });

  it('structural issues of a Claim in a Bundle point into the Bundle', () => {
    const b = bundle();
    (storedClaim(b) as { status: string }).status = 'finished';
    expect(where(fromFhirClaim(b))).toEqual(['claim_invalid entry.0.resource.status']);
  });
});
