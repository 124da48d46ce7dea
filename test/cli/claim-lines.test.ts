/**
 * `claimLine`, the `--json-lines` text of one claim: the same text as `JSON.stringify` of
 * `{ type, file, ...outcome }`, whether the stale and skipped entries are met for the first time
 * or again (their text is kept with the frozen entry the validator hands every claim).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createClaimValidator } from '../../src/rules/index';
import { claimLine, outcomeOf } from '../../src/cli/claim-lines';
import type { ValidatedClaim } from '../../src/cli/claim-lines';

const claimJson = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<
  string,
  unknown
>;
const plainLine = (file: string, outcome: ValidatedClaim) =>
  `${JSON.stringify({ type: 'claim', file, ...outcome })}\n`;

describe('claimLine', () => {
  it('prints what JSON.stringify prints, for claims that share their stale and skipped entries', () => {
    const validator = createClaimValidator({ today: '2026-06-01' });
    const outcomes = ['A-1', 'A-2', 'A-3'].map((claimId) => {
      const r = validator.validateJson({ ...claimJson, claimId });
      if (!r.ok) throw new Error('the example claim passes validation');
      return outcomeOf(
        { kind: 'claim', label: claimId, format: 'claim-json', claim: r.value, issues: [] },
        r,
      );
    });
    // The case the kept text is for: the same frozen entries, claim after claim.
    expect(outcomes[0]!.stale.length).toBeGreaterThan(0);
    expect(outcomes[0]!.skipped.length).toBeGreaterThan(0);
    expect(outcomes[1]!.stale[0]).toBe(outcomes[0]!.stale[0]);
    expect(outcomes[1]!.skipped[0]).toBe(outcomes[0]!.skipped[0]);
    for (const outcome of [...outcomes, outcomes[0]!]) {
      const line = claimLine('batch "1".json', outcome);
      expect(line).toBe(plainLine('batch "1".json', outcome));
      expect(JSON.parse(line)).toMatchObject({ label: outcome.label, stale: [{ code: 'data_stale' }] });
    }
  });

  it('prints entries that are not frozen as they are now, not as they were first printed', () => {
    const entry = { rule: 'custom', reason: 'first' };
    const outcome: ValidatedClaim = {
      label: 'B\u00e9-\ud800',
      format: 'claim-json',
      ok: false,
      status: 'failed',
      read: false,
      issues: [],
      skipped: [entry],
      stale: [],
    };
    expect(claimLine('f', outcome)).toBe(plainLine('f', outcome));
    entry.reason = 'second';
    expect(claimLine('f', outcome)).toContain('"reason":"second"');
    expect(claimLine('f', outcome)).toBe(plainLine('f', outcome));
  });
});
