/**
 * Type-level proof that the FHIR Claim medcode writes is an HL7 FHIR R4 `Claim` as the official R4
 * typings (`@types/fhir`, r4.d.ts) define it: `npm test` type-checks this file, so a shape that
 * drifts from R4 fails the build.
 */
import { describe, expect, it } from 'vitest';
import type { Claim as R4Claim } from 'fhir/r4';
import type { FhirClaim } from '../../src/claims/fhir-types';

/** medcode's resources are deeply readonly (frozen); the R4 typings are mutable. Compare shapes only. */
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

/** Compiles only if every FhirClaim is assignable to the R4 Claim type. */
const asR4Claim = (claim: Mutable<FhirClaim>): R4Claim => claim;

describe('FHIR R4 typings', () => {
  it('medcode FhirClaim is assignable to the official R4 Claim type', () => {
    expect(typeof asR4Claim).toBe('function');
  });
});
