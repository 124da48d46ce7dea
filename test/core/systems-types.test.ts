import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CODE_SYSTEMS,
  CPT_SYSTEM_URI,
  HCPCS_SYSTEM_URI,
  HCPCS_SYSTEM_URI_HTTPS,
  ICD10CM_SYSTEM_URI,
  ICD10PCS_SYSTEM_URI,
  POA_SYSTEM_URI,
  POS_SYSTEM_URI,
} from '../../src/core/systems';

// The type assertions are checked by `tsc --noEmit` (test files are in tsconfig.json); the runtime
// expectations keep the literal types honest about the values.
describe('code-system constants are literal types', () => {
  it('CODE_SYSTEMS entries carry their URIs, OIDs and ids as literals', () => {
    expectTypeOf(CODE_SYSTEMS.icd10cm.uri).toEqualTypeOf<'http://hl7.org/fhir/sid/icd-10-cm'>();
    expectTypeOf(CODE_SYSTEMS.icd10pcs.uri).toEqualTypeOf<'http://www.cms.gov/Medicare/Coding/ICD10'>();
    expectTypeOf(
      CODE_SYSTEMS.hcpcs.uri,
    ).toEqualTypeOf<'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'>();
    expectTypeOf(CODE_SYSTEMS.cpt.uri).toEqualTypeOf<'http://www.ama-assn.org/go/cpt'>();
    expectTypeOf(
      CODE_SYSTEMS.pos.uri,
    ).toEqualTypeOf<'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set'>();
    expectTypeOf(CODE_SYSTEMS.icd10cm.id).toEqualTypeOf<'icd10cm'>();
    expectTypeOf(CODE_SYSTEMS.icd10cm.oid).toEqualTypeOf<'2.16.840.1.113883.6.90'>();
    // Systems without a URI have none in their type either.
    expectTypeOf(CODE_SYSTEMS['ncci-ptp']).not.toHaveProperty('uri');
    expect(CODE_SYSTEMS.icd10cm.uri).toBe('http://hl7.org/fhir/sid/icd-10-cm');
    expect(Object.isFrozen(CODE_SYSTEMS.icd10cm)).toBe(true);
  });

  it('the URI constants are literals', () => {
    expectTypeOf(ICD10CM_SYSTEM_URI).toEqualTypeOf<'http://hl7.org/fhir/sid/icd-10-cm'>();
    expectTypeOf(ICD10PCS_SYSTEM_URI).toEqualTypeOf<'http://www.cms.gov/Medicare/Coding/ICD10'>();
    expectTypeOf(CPT_SYSTEM_URI).toEqualTypeOf<'http://www.ama-assn.org/go/cpt'>();
    expectTypeOf(HCPCS_SYSTEM_URI).toEqualTypeOf<'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'>();
    expectTypeOf(
      HCPCS_SYSTEM_URI_HTTPS,
    ).toEqualTypeOf<'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'>();
    expectTypeOf(
      POS_SYSTEM_URI,
    ).toEqualTypeOf<'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set'>();
    expectTypeOf(
      POA_SYSTEM_URI,
    ).toEqualTypeOf<'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/HospitalAcqCond/Coding'>();
    expect(HCPCS_SYSTEM_URI_HTTPS.replace('https:', 'http:')).toBe(HCPCS_SYSTEM_URI);
  });
});
