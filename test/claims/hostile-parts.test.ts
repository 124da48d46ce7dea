/**
 * Claims parts on hostile input: structured results, never a TypeError.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { claim } from '../../src/claims/builder';
import { checkClaimLimits } from '../../src/claims/limits';
import { formatMoney } from '../../src/claims/money';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';

const proxy = new Proxy(
  {},
  {
    get() {
      throw new Error('boom');
    },
    ownKeys() {
      throw new Error('boom');
    },
    has() {
      throw new Error('boom');
    },
  },
);

describe('formatMoney', () => {
  it('formats bigint cents and gives undefined for anything else', () => {
    expect(formatMoney(15000n)).toBe('150.00');
    for (const bad of [5, 1.5, '5', null, undefined, {}, proxy])
      expect(formatMoney(bad as unknown)).toBeUndefined();
  });
});

describe('claim builder', () => {
  it('turns a proxy header into an issue at build time', () => {
    const b = claim(proxy as never);
    expect(b.pendingIssues.map((i) => i.code)).toEqual(['claim_invalid']);
    const r = b.build();
    expect(r.ok).toBe(false);
  });

  it('reports a line whose getter throws at the line path and stays usable', () => {
    const b = claim().line({
      get procedure(): string {
        throw new Error('boom');
      },
    } as never);
    expect(b.pendingIssues.map((i) => [i.code, i.path.join('.')])).toEqual([['claim_invalid', 'lines.0']]);
    expect(b.line(proxy as never).pendingIssues.map((i) => i.path.join('.'))).toEqual(['lines.0', 'lines.0']);
    expect(b.build().ok).toBe(false);
    expect(
      claim()
        .diagnosis('I10', proxy as never)
        .pendingIssues.map((i) => i.path.join('.')),
    ).toEqual(['diagnoses.0']);
  });
});

describe('checkClaimLimits', () => {
  it('returns issues for null, non-claims and proxies', () => {
    for (const bad of [null, undefined, 1, 'x', [], {}, { lines: 'x', diagnoses: [] }, proxy]) {
      const issues = checkClaimLimits(bad as unknown as Claim);
      expect(issues.map((i) => i.code)).toEqual(['claim_invalid']);
    }
    const r = parseClaim(readFileSync('examples/clean-office-visit.json', 'utf8'));
    expect(r.ok && checkClaimLimits(r.value, null as never)).toEqual([]);
  });
});
