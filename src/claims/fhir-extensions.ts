/**
 * medcode's own FHIR R4 extensions: their canonical URLs and their StructureDefinitions.
 *
 * An extension is used only where neither FHIR R4 Claim nor a published extension (HL7 core
 * extensions, US Core, CARIN Blue Button, Da Vinci PAS/CRD, CMS) carries the meaning:
 * - the claim frequency (837P CLM05-3: 1 original, 7 replacement, 8 void). R4 `Claim.related`
 *   (relationship `prior`) links the prior claim, but says neither "replacement" nor "void", and
 *   `Claim.status` is the status of the resource, not of the billing transaction;
 * - the claim-level place of service (837P CLM05-1, CMS-1500 item 24B default). The standard element
 *   is `Claim.item.locationCodeableConcept`, always written on every item; the extension is written
 *   only when the claim-level code differs from the first item's, which no R4 element can say.
 *
 * Each URL is `${MEDCODE_FHIR_CANONICAL_BASE}/StructureDefinition/<name>`; the StructureDefinition
 * JSON ships in the package as `fhir/StructureDefinition-<name>.json` (written by
 * `scripts/fhir-structure-definitions.ts` from the definitions below, checked by a test).
 *
 * @module
 */
import { MEDCODE_FHIR_CANONICAL_BASE } from '../core/systems';
import type { ElementDefinition } from 'fhir/r4.js';
import type { FhirStructureDefinition } from './fhir-types';

/**
 * URL of the medcode extension carrying the claim frequency (837P CLM05-3) as `valueCode`.
 * @example
 * ```ts
 * fhir.extension?.find((e) => e.url === FREQUENCY_EXTENSION_URL)?.valueCode // '7'
 * ```
 */
export const FREQUENCY_EXTENSION_URL =
  `${MEDCODE_FHIR_CANONICAL_BASE}/StructureDefinition/claim-frequency` as const;

/**
 * URL of the medcode extension carrying the claim-level place of service (837P CLM05-1) as
 * `valueCoding` (CMS Place of Service code system); written only when it differs from the first
 * item's `locationCodeableConcept`.
 * @example
 * ```ts
 * fhir.extension?.find((e) => e.url === PLACE_OF_SERVICE_EXTENSION_URL)?.valueCoding?.code // '11'
 * ```
 */
export const PLACE_OF_SERVICE_EXTENSION_URL =
  `${MEDCODE_FHIR_CANONICAL_BASE}/StructureDefinition/claim-place-of-service` as const;

/**
 * The URLs medcode wrote before its extensions had canonical URLs. Read (old data), never written.
 */
export const LEGACY_FREQUENCY_EXTENSION_URL = 'urn:medcode:fhir:extension:claim-frequency';
/** See {@link LEGACY_FREQUENCY_EXTENSION_URL}. */
export const LEGACY_PLACE_OF_SERVICE_EXTENSION_URL = 'urn:medcode:fhir:extension:place-of-service';

/** What one medcode extension means and where it may appear. */
interface ExtensionDefinition {
  readonly url: string;
  /** The last path segment of the URL: the StructureDefinition id and file name. */
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** FHIRPath element contexts (R4 StructureDefinition.context, type `element`). */
  readonly context: readonly string[];
  readonly valueType: 'code' | 'Coding';
  readonly valueShort: string;
}

const DEFINITIONS: readonly ExtensionDefinition[] = [
  {
    url: FREQUENCY_EXTENSION_URL,
    id: 'claim-frequency',
    name: 'ClaimFrequency',
    title: 'Claim frequency',
    description:
      'The claim frequency type code of a professional claim (ASC X12 837P 005010X222A1 loop 2300 CLM05-3): 1 original claim, 7 replacement of a prior claim, 8 void/cancel of a prior claim. FHIR R4 Claim has no element for it: Claim.related (relationship prior) identifies the prior claim but not whether this claim replaces or voids it.',
    context: ['Claim'],
    valueType: 'code',
    valueShort: 'Claim frequency type code (CLM05-3)',
  },
  {
    url: PLACE_OF_SERVICE_EXTENSION_URL,
    id: 'claim-place-of-service',
    name: 'ClaimPlaceOfService',
    title: 'Claim-level place of service',
    description:
      "The claim-level place of service of a professional claim (ASC X12 837P 005010X222A1 loop 2300 CLM05-1), a code of the CMS Place of Service code set. Every Claim.item carries its own place of service in item.locationCodeableConcept (the standard R4 element); this extension is present only when the claim-level code differs from the first item's, which no R4 Claim element can express.",
    context: ['Claim'],
    valueType: 'Coding',
    valueShort: 'CMS Place of Service code (CLM05-1)',
  },
];

function element(
  path: string,
  min: number,
  max: string,
  base: { path: string; min: number; max: string },
  rest: Partial<ElementDefinition> = {},
): ElementDefinition {
  return { id: path, path, min, max, base, ...rest };
}

function structureDefinition(d: ExtensionDefinition): FhirStructureDefinition {
  const differential: ElementDefinition[] = [
    element(
      'Extension',
      0,
      '1',
      { path: 'Extension', min: 0, max: '*' },
      {
        short: d.title,
        definition: d.description,
      },
    ),
    element(
      'Extension.extension',
      0,
      '0',
      { path: 'Element.extension', min: 0, max: '*' },
      {
        short: 'No nested extensions',
        definition: 'A simple extension: its value is in value[x], it has no nested extensions.',
        type: [{ code: 'Extension' }],
      },
    ),
    element(
      'Extension.url',
      1,
      '1',
      { path: 'Extension.url', min: 1, max: '1' },
      {
        short: 'identifies the meaning of the extension',
        definition: 'Source of the definition for the extension code - a logical name or a URL.',
        type: [{ code: 'uri' }],
        fixedUri: d.url,
      },
    ),
    element(
      'Extension.value[x]',
      1,
      '1',
      { path: 'Extension.value[x]', min: 0, max: '1' },
      {
        short: d.valueShort,
        definition: d.valueShort,
        type: [{ code: d.valueType }],
      },
    ),
  ];
  // The snapshot is the differential over the R4 Extension base (http://hl7.org/fhir/R4/extensibility.html):
  // validators that check an instance against a profile need it; Extension.id is the base element.
  const snapshot: ElementDefinition[] = [
    differential[0]!,
    element(
      'Extension.id',
      0,
      '1',
      { path: 'Element.id', min: 0, max: '1' },
      {
        short: 'Unique id for inter-element referencing',
        definition:
          'Unique id for the element within a resource (for internal references). This may be any string value that does not contain spaces.',
        type: [{ code: 'http://hl7.org/fhirpath/System.String' }],
      },
    ),
    ...differential.slice(1),
  ];
  return {
    resourceType: 'StructureDefinition',
    id: d.id,
    url: d.url,
    version: '1.0.0',
    name: d.name,
    title: d.title,
    status: 'active',
    publisher: 'medcode',
    description: d.description,
    fhirVersion: '4.0.1',
    kind: 'complex-type',
    abstract: false,
    context: d.context.map((expression) => ({ type: 'element', expression })),
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    snapshot: { element: snapshot },
    differential: { element: differential },
  };
}

/**
 * The StructureDefinitions of medcode's FHIR extensions, as shipped in the package's `fhir/`
 * folder (one `StructureDefinition-<id>.json` file each). Load them into a FHIR validator or server
 * so it knows medcode's extensions.
 *
 * @example
 * ```ts
 * medcodeExtensionDefinitions().map((sd) => sd.url)
 * // ['https://medcode.dev/fhir/StructureDefinition/claim-frequency', 'https://medcode.dev/fhir/StructureDefinition/claim-place-of-service']
 * ```
 */
export function medcodeExtensionDefinitions(): readonly FhirStructureDefinition[] {
  return DEFINITIONS.map(structureDefinition);
}
