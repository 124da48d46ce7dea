/**
 * Writes the StructureDefinitions of medcode's FHIR extensions into `fhir/` (shipped in the
 * package): `npx tsx scripts/fhir-structure-definitions.ts`. test/claims/fhir-extensions.test.ts
 * fails when the files differ from `medcodeExtensionDefinitions()`.
 */
import { writeFileSync } from 'node:fs';
import { medcodeExtensionDefinitions } from '../src/claims/fhir-extensions';

for (const sd of medcodeExtensionDefinitions()) {
  const file = `fhir/StructureDefinition-${sd.id}.json`;
  writeFileSync(file, `${JSON.stringify(sd, null, 2)}\n`);
  console.log(file);
}
