import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseClaim } from '../../src/claims/parse';
import { toFhirClaim } from '../../src/claims/fhir';
import { toCms1500 } from '../../src/claims/cms1500';
import { toX12837P } from '../../src/claims/x12';
import { totalCharge } from '../../src/claims/money';
import type { Claim } from '../../src/claims/schema';
import { claimArb } from './arbitraries';
import { ENVELOPE } from './x12/samples';
import { propertyRuns } from '../property-runs';

const example = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Claim;

describe('money is JSON-safe', () => {
  it('a parsed claim survives JSON.stringify and parses back to an equal claim', () => {
    fc.assert(
      fc.property(claimArb, (generated) => {
        const first = parseClaim(generated);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const text = JSON.stringify(first.value);
        const again = parseClaim(JSON.parse(text) as unknown);
        expect(again.ok && again.value).toEqual(first.value);
        // Money is decimal strings, never a bigint or a float.
        for (const line of first.value.lines) expect(line.charge).toMatch(/^\d{1,9}(\.\d{1,2})?$/);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('totals are decimal strings, exact to the cent', () => {
    expect(totalCharge(['0.10', '0.20'])).toBe('0.30');
    const form = toCms1500(example);
    expect(form.ok && JSON.parse(JSON.stringify(form.value)).totalCharge).toBe(
      totalCharge(example.lines.map((l) => l.charge)),
    );
  });
});

describe('one issue code and one wording for a claim that does not match the schema', () => {
  const bad = { ...example, lines: [{ ...example.lines[0]!, units: '1' }] } as unknown as Claim;
  const expected = {
    code: 'claim_invalid',
    expected: 'a finite number',
    received: 'the string "1"',
  };

  it('parseClaim, toFhirClaim, toCms1500 and toX12837P all say claim_invalid, in the same words', () => {
    const results = [parseClaim(bad), toFhirClaim(bad), toCms1500(bad), toX12837P([bad], ENVELOPE)];
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject(expected);
    }
    expect(results[0]!.issues[0]!.message).toBe(
      'lines[0].units must be a finite number; got the string "1".',
    );
    // The batch writer names the claim in the batch; the words are the same.
    expect(results[3]!.issues[0]!.message).toBe(
      'claims[0].lines[0].units must be a finite number; got the string "1".',
    );
  });

  it('never passes zod text through, whatever the input', () => {
    const zodWords = /Invalid input|Invalid option|expected .*, received|Too small|Unrecognized key/;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ ...Object.fromEntries(Object.keys(example).map((k) => [k, fc.anything()])) }),
        ),
        (value) => {
          const r = parseClaim(value);
          if (!r.ok) for (const i of r.issues) expect(i.message).not.toMatch(zodWords);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('typed entries beside the unknown ones', () => {
  it('parseClaim takes a typed ClaimInput or unknown JSON, with the same result', () => {
    const typed = parseClaim(example);
    const untyped = parseClaim(JSON.stringify(example) as unknown);
    expect(typed).toEqual(untyped);
  });
});
