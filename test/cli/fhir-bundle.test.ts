/**
 * `medcode validate` on a Bundle as a FHIR server returns it (a search with `_include`): the Claim
 * entries are the claims, read against the Patient, Coverage and Organization entries they refer to,
 * not each entry taken for a claim of its own.
 */
import { describe, expect, it } from 'vitest';
import { cli, json } from './helpers';

describe('medcode validate on a server Bundle', () => {
  it('reads the one Claim of the Bundle, resolving its references to the other entries', async () => {
    const r = await cli('validate', 'test/fixtures/fhir/server-search-bundle.json', '--json');
    const out = json<{ claims: { read: boolean; format: string; issues: { code: string }[] }[] }>(r);
    expect(out.claims).toHaveLength(1);
    expect(out.claims[0]).toMatchObject({ read: true, format: 'fhir' });
    expect(out.claims[0]!.issues.filter((i) => i.code === 'claim_invalid')).toEqual([]);
  });
});
