/**
 * The public FHIR types are the official R4 typings (`@types/fhir`, `fhir/r4`): a Claim or Bundle
 * typed by another FHIR library goes in, and what medcode writes comes out, without a cast.
 * `npm test` type-checks this file, so a drift from the official types fails the build.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Bundle as R4Bundle, Claim as R4Claim, Coverage as R4Coverage } from 'fhir/r4.js';
import { fromFhirClaim, toFhirClaim } from '../../src/claims/fhir';
import type { FhirBundle, FhirClaim, FhirCoverage } from '../../src/claims/fhir';
import { parseClaim } from '../../src/claims/parse';

describe('FHIR R4 typings', () => {
  it('what toFhirClaim writes is an R4 Claim, and an R4 Claim or Bundle is what fromFhirClaim reads', () => {
    const parsed = parseClaim(readFileSync('examples/clean-office-visit.json', 'utf8'));
    if (!parsed.ok) throw new Error('fixture');
    const written = toFhirClaim(parsed.value);
    if (!written.ok) throw new Error('fixture');
    const claim: R4Claim = written.value;
    const back: FhirClaim = claim;
    const bundle: R4Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: claim }] };
    const typedBundle: FhirBundle = bundle;
    const coverage: R4Coverage | FhirCoverage | undefined = claim.contained?.find(
      (r): r is R4Coverage => r.resourceType === 'Coverage',
    );
    expect(fromFhirClaim(back).ok).toBe(true);
    expect(fromFhirClaim(typedBundle).ok).toBe(true);
    expect(coverage?.status).toBe('active');
  });
});
