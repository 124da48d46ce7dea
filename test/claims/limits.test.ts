import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkClaimLimits } from '../../src/claims/limits';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';

const base = (): Claim => {
  const r = parseClaim(readFileSync('examples/clean-office-visit.json', 'utf8'));
  if (!r.ok) throw new Error('fixture');
  return r.value;
};

describe('checkClaimLimits', () => {
  it('its TSDoc example reads the claim where parseClaim keeps it, and gets [] as its comment says', () => {
    const source = readFileSync('src/claims/limits.ts', 'utf8');
    const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export function checkClaimLimits/.exec(source)?.[1] ?? '';
    const example = doc.slice(doc.indexOf('@example'));
    const read = [...example.matchAll(/\br\.(\w+)/g)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(0);
    const r = parseClaim(readFileSync('examples/clean-office-visit.json', 'utf8'));
    for (const key of read) expect(Object.keys(r), `r.${key}`).toContain(key);
    const argument = /checkClaimLimits\(r\.(\w+)\)/.exec(example)?.[1] ?? '';
    expect(checkClaimLimits((r as unknown as Record<string, Claim>)[argument]!)).toEqual([]);
  });

  it('passes every example claim', () => {
    for (const f of [
      'clean-office-visit',
      'mue-exceeded',
      'excludes1-pair',
      'fracture-missing-7th-character',
      'newborn-code-on-adult',
      'em-with-procedure-needs-modifier-25',
    ]) {
      const r = parseClaim(readFileSync(`examples/${f}.json`, 'utf8'));
      expect(r.ok && checkClaimLimits(r.value)).toEqual([]);
    }
  });

  it('reports 13 diagnoses, 51 lines, 5 modifiers, 5 pointers and dangling pointers at their paths', () => {
    const c = base();
    const diagnoses = Array.from({ length: 13 }, (_, i) => ({ code: `Z0${i % 10}.${i}` }));
    const lines = Array.from({ length: 51 }, () => ({ ...c.lines[0]! }));
    lines[3] = {
      ...lines[3]!,
      modifiers: ['25', '59', 'XS', 'RT', 'LT'],
      diagnosisPointers: [1, 2, 3, 4, 13],
    };
    lines[4] = { ...lines[4]!, diagnosisPointers: [0] };
    const r = parseClaim({ ...c, diagnoses, lines });
    if (!r.ok) throw new Error('fixture');
    expect(checkClaimLimits(r.value).map((i) => `${i.code}@${i.path.join('.')}`)).toEqual([
      'claim_limit_exceeded@diagnoses.12',
      'claim_limit_exceeded@lines.50',
      'claim_limit_exceeded@lines.3.modifiers',
      'claim_limit_exceeded@lines.3.diagnosisPointers',
      'claim_invalid@lines.3.diagnosisPointers.4',
      'claim_invalid@lines.4.diagnosisPointers.0',
    ]);
  });
});
