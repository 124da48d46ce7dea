/**
 * The claim stream takes claims from any reader of medcode/claims: claim JSON (`parseClaim`), X12
 * 837P (`parseX12837PStream`) and FHIR R4 (`fromFhirClaim`). The same claims in the three formats
 * give the same per-patient scores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fromFhirClaim,
  parseClaim,
  parseX12837PStream,
  toFhirClaim,
  toX12837P,
} from '../../src/claims/index';
import type { Claim } from '../../src/claims/index';
import { hcc, scoreClaimStream } from '../../src/hcc/index';

const example = parseClaim(
  readFileSync(
    join(import.meta.dirname, '..', '..', 'examples', 'em-with-procedure-needs-modifier-25.json'),
    'utf8',
  ),
);
if (!example.ok) throw new Error('example claim does not parse');
// The example claim, moved to the data year of PY2026 and coded with two V28 conditions.
const claims: Claim[] = [
  {
    ...example.value,
    claimId: 'HCC-1',
    diagnoses: [{ code: 'E11.22' }, { code: 'N18.4' }],
    lines: example.value.lines.map((l) => ({ ...l, serviceDate: '2025-04-07', diagnosisPointers: [1] })),
  },
  {
    ...example.value,
    claimId: 'HCC-2',
    diagnoses: [{ code: 'I50.9' }, { code: 'E11.9' }],
    lines: example.value.lines.map((l) => ({ ...l, serviceDate: '2025-10-01', diagnosisPointers: [1] })),
  },
];

describe('scoring claims read from JSON, 837P and FHIR', () => {
  it('gives the same patient score from each format', async () => {
    const model = hcc.at(2026);
    const fromJson = await scoreClaimStream(
      model,
      claims.map((c) => {
        const r = parseClaim(JSON.stringify(c));
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        return r.value;
      }),
    );
    const x12 = toX12837P(claims, {
      sender: { id: 'SUBMITTER01' },
      receiver: { id: 'PAYER01' },
      submitter: { name: 'ACME BILLING', id: 'S123', contactName: 'JANE DOE', phone: '5555550100' },
      receiverName: 'MEDICARE B',
      interchangeControlNumber: 1,
      createdAt: '2026-01-15T10:30',
    });
    if (!x12.ok) throw new Error(JSON.stringify(x12.issues));
    async function* from837(): AsyncGenerator<Claim> {
      for await (const item of parseX12837PStream([x12.ok ? x12.value : '']))
        if (item.kind === 'claim') yield item.claim;
    }
    const from837p = await scoreClaimStream(model, from837());
    const fromFhir = await scoreClaimStream(
      model,
      claims.map((c) => {
        const f = toFhirClaim(c);
        if (!f.ok) throw new Error(JSON.stringify(f.issues));
        const back = fromFhirClaim(f.value);
        if (!back.ok) throw new Error(JSON.stringify(back.issues));
        return back.value;
      }),
    );
    const key = '2FH5UF6NL83|1958-09-14';
    const json = fromJson.patients.get(key)!;
    expect(json.ok && json.value.payingHccs).toEqual([37, 226, 327]);
    expect(json.ok && json.value.segment).toBe('community-non-dual-aged');
    expect(from837p.patients.get(key)).toEqual(json);
    expect(fromFhir.patients.get(key)).toEqual(json);
    expect([fromJson.claimsUsed, from837p.claimsUsed, fromFhir.claimsUsed]).toEqual([2, 2, 2]);
  });
});
