/**
 * `npm run demo` (examples/demo.ts through tsx, as on a fresh clone): every example is validated,
 * the examples with a problem show their edit, and one clean claim is printed as 837P and FHIR.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fromX12837P } from '../../src/claims/index';

describe('npm run demo', () => {
  it('validates every example and prints a clean claim as 837P and FHIR', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of readdirSync('examples').filter((n) => n.endsWith('.json')))
      expect(r.stdout).toContain(`${f} (`);
    expect(r.stdout).toMatch(
      /mue-exceeded\.json \(PCN-2026-0003\): would be denied\n(?:[^\n]+\n)*?1\s+20610\s+error\s+ncci-mue/,
    );
    expect(r.stdout).toMatch(
      /excludes1-pair\.json \(PCN-2026-0004\): passes with warnings[\s\S]*?icd10cm-excludes1/,
    );
    expect(r.stdout).toMatch(
      /fracture-missing-7th-character\.json \(PCN-2026-0005\): would be denied[\s\S]*?S72\.001 needs a 7th character/,
    );
    expect(r.stdout).toMatch(/newborn-code-on-adult\.json \(PCN-2026-0006\): would be denied[\s\S]*?mce-age/);
    // "Not checked" names what was not checked (CPT existence, for want of licensed descriptors),
    // never the code-validity rule whose ICD-10-CM and HCPCS checks did run.
    expect(r.stdout).not.toMatch(/not checked: [^\n]*\bcode-validity\b(?!\])/);
    expect(r.stdout).toMatch(/CPT existence not checked: CPT descriptors are licensed by the AMA/);
    const x12 = /^(ISA\*[\s\S]*?IEA\*[^~]*~)$/m.exec(r.stdout)?.[1];
    expect(x12).toBeDefined();
    const read = fromX12837P(x12!);
    expect(read.ok).toBe(true);
    expect(read.ok && read.value.claims[0]!.claimId).toBe('PCN-2026-0001');
    // The resource itself (not a result wrapper) follows the FHIR heading.
    expect(r.stdout).toMatch(/as a FHIR R4 Claim\n=+\n\{\n {2}"resourceType": "Claim",/);
  });
});
