/**
 * medcode's FHIR extensions have canonical URLs with StructureDefinitions shipped in `fhir/`, and
 * X12 codings use X12's code-system URIs; no `urn:medcode:` URI is written any more, and old data
 * that carries them still reads. Golden files: test/fixtures/fhir/replacement-claim*.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import {
  FREQUENCY_EXTENSION_URL,
  PLACE_OF_SERVICE_EXTENSION_URL,
  fromFhirClaim,
  medcodeExtensionDefinitions,
  toFhirClaim,
} from '../../src/claims/fhir';
import type { FhirStructureDefinition } from '../../src/claims/fhir';
import { parseClaim } from '../../src/claims/parse';
import { MEDCODE_FHIR_CANONICAL_BASE } from '../../src/core/systems';
import { claimArb } from './arbitraries';
import { findings } from './fhir-medplum';

const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const model = (() => {
  const r = parseClaim(readFileSync('test/fixtures/fhir/replacement-claim.json', 'utf8'));
  if (!r.ok) throw new Error('fixture');
  return r.value;
})();
const shipped: FhirStructureDefinition[] = readdirSync('fhir')
  .filter((f) => f.startsWith('StructureDefinition-') && f.endsWith('.json'))
  .sort()
  .map((f) => json(`fhir/${f}`) as FhirStructureDefinition);

describe('extension URLs', () => {
  it('are resolvable canonical URLs under the one canonical base', () => {
    for (const url of [FREQUENCY_EXTENSION_URL, PLACE_OF_SERVICE_EXTENSION_URL]) {
      expect(url.startsWith(`${MEDCODE_FHIR_CANONICAL_BASE}/StructureDefinition/`)).toBe(true);
      expect(new URL(url).protocol).toBe('https:');
    }
  });

  it('golden: a replacement claim is written with canonical URLs and X12 code-system URIs only', () => {
    const written = toFhirClaim(model, { id: 'replacement-claim' });
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    const out = JSON.parse(JSON.stringify(written.value));
    expect(out).toEqual(json('test/fixtures/fhir/replacement-claim.fhir.json'));
    expect(JSON.stringify(out)).not.toContain('urn:medcode');
  });

  it('golden: reads the canonical file and the urn:medcode file medcode wrote before, to the same claim', () => {
    for (const file of ['replacement-claim.fhir.json', 'replacement-claim.urn-medcode.fhir.json']) {
      const back = fromFhirClaim(json(`test/fixtures/fhir/${file}`));
      expect(back.ok ? back.value : back.issues).toEqual(model);
    }
  });

  it('the claim-level place of service extension is written only when the first item differs', () => {
    const same = toFhirClaim({ ...model, lines: model.lines.map(({ placeOfService: _, ...l }) => l) });
    expect(same.ok && same.value.extension?.map((e) => e.url)).toEqual([FREQUENCY_EXTENSION_URL]);
  });
});

describe('shipped StructureDefinitions (fhir/)', () => {
  it('are exactly medcodeExtensionDefinitions() (regenerate: npx tsx scripts/fhir-structure-definitions.ts)', () => {
    const expected = [...medcodeExtensionDefinitions()].sort((a, b) => a.id!.localeCompare(b.id!));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(shipped.map((sd) => sd.url).sort()).toEqual(
      [FREQUENCY_EXTENSION_URL, PLACE_OF_SERVICE_EXTENSION_URL].sort(),
    );
  });

  it.each(shipped.map((sd) => [sd.id, sd] as const))('%s is a valid R4 extension definition', (_, sd) => {
    expect(findings(sd)).toEqual([]);
    expect(sd).toMatchObject({
      kind: 'complex-type',
      type: 'Extension',
      derivation: 'constraint',
      fhirVersion: '4.0.1',
      baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    });
    expect(sd.context?.map((c) => c.expression)).toEqual(['Claim']);
    expect(sd.url).toBe(`${MEDCODE_FHIR_CANONICAL_BASE}/StructureDefinition/${sd.id}`);
  });

  it('and the validator does catch a broken definition', () => {
    const broken = JSON.parse(JSON.stringify(shipped[0]));
    delete broken.snapshot.element[1].definition;
    broken.kind = 'extension';
    expect(findings(broken).length).toBeGreaterThan(0);
  });

  it('is in the package (package.json files and exports)', () => {
    const pkg = json('package.json') as { files: string[]; exports: Record<string, unknown> };
    expect(pkg.files).toContain('fhir');
    expect(pkg.exports['./fhir/*']).toBe('./fhir/*');
  });
});

/** The value[x] element name each shipped definition allows (`valueCode`, `valueCoding`). */
const valueElement = new Map(
  shipped.map((sd) => {
    const code = sd.differential?.element.find((e) => e.path === 'Extension.value[x]')?.type?.[0]?.code ?? '';
    return [sd.url, `value${code[0]!.toUpperCase()}${code.slice(1)}`] as const;
  }),
);

describe('generated Claims that use the extensions', () => {
  it('pass the validator, and each extension is one of the shipped definitions with its value type', () => {
    let withExtensions = 0;
    fc.assert(
      fc.property(
        claimArb,
        fc.constantFrom('1', '7', '8'),
        fc.constantFrom('11', '22'),
        (input, frequency, pos) => {
          const parsed = parseClaim({
            ...input,
            frequencyCode: frequency,
            placeOfService: pos,
            ...(frequency !== '1' ? { payerClaimControlNumber: 'ICN-0001' } : {}),
          });
          if (!parsed.ok) return;
          const written = toFhirClaim(parsed.value);
          if (!written.ok) return;
          expect(findings(written.value)).toEqual([]);
          const text = JSON.stringify(written.value);
          expect(text).not.toContain('urn:medcode');
          for (const e of written.value.extension ?? []) {
            withExtensions++;
            const value = valueElement.get(e.url);
            expect(value).toBeDefined();
            expect(Object.keys(e).sort()).toEqual([value, 'url'].sort());
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(withExtensions).toBeGreaterThan(0);
  });
});
