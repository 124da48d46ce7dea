/**
 * `medcode validate --workers`: the same output, line for line and in file order, as without it,
 * on an 837P with claims that pass, fail and cannot be read, followed by a claim JSON file; a bad
 * --workers value is a usage error.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleClaimCopies, exampleClaims837 } from '../fixtures/example-claims';
import { cli, isOneLineError } from './helpers';

/** An 837P of the example claims with distinct ids; one claim's CLM segment is broken. */
function write837(n: number): string {
  const x12 = exampleClaims837(exampleClaimCopies(n, 'CW'));
  const dir = mkdtempSync(join(tmpdir(), 'medcode-cli-workers-'));
  const file = join(dir, 'claims.837');
  // Claim CW-7 loses its total charge: the reader reports it unreadable, between readable claims.
  writeFileSync(file, x12.replace(/CLM\*CW-7\*[^*~]*/, 'CLM*CW-7*'));
  return file;
}

describe('medcode validate --workers', () => {
  it('prints what the single-thread run prints, in file order', async () => {
    const file = write837(60);
    const args = ['validate', file, 'examples/mue-exceeded.json', '--json-lines'];
    const alone = await cli(...args);
    const pooled = await cli(...args, '--workers', '2');
    expect(pooled.code).toBe(alone.code);
    expect(pooled.stdout).toBe(alone.stdout);
    const lines = alone.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; read?: boolean });
    expect(lines.filter((l) => l.type === 'claim').length).toBe(61);
    expect(lines.some((l) => l.type === 'claim' && l.read === false)).toBe(true);
  });

  it('refuses a --workers value that is not a whole number from 1', async () => {
    for (const bad of ['0', 'two', '1.5']) {
      const run = await cli('validate', 'examples/mue-exceeded.json', '--workers', bad);
      expect(run.code).toBe(2);
      expect(isOneLineError(run.stderr)).toBe(true);
    }
  });
});
