/**
 * `medcode validate --workers`: the same output, line for line and in file order, as without it,
 * on an 837P with claims that pass, fail and cannot be read, followed by a claim JSON file; on 837P
 * files alone, cut into transaction sets that the workers read and print, in every output form and
 * with a broken envelope, an empty file and a worker stopped mid-run; a bad --workers value is a
 * usage error.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleClaimCopies, exampleClaims837 } from '../fixtures/example-claims';
import { runCli } from '../../src/cli/main';
import { TEST_TODAY, cli, isOneLineError } from './helpers';

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

  it('cuts 837P files into transaction sets: what one thread prints, in each output form, and the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medcode-cli-sets-'));
    // 1,300 claims, 40 to a transaction set: several pieces for the workers. CW-7 cannot be read.
    const clean = exampleClaims837(exampleClaimCopies(1300, 'CW'), 40).replace(
      /CLM\*CW-7\*[^*~]*/,
      'CLM*CW-7*',
    );
    const sets = join(dir, 'sets.837');
    writeFileSync(sets, clean);
    // The envelope broken: one set's SE count wrong, one set without its SE, the GE count wrong.
    const segments = exampleClaims837(exampleClaimCopies(90, 'BR'), 10).split('~');
    const se = segments.map((x, i) => (x.startsWith('SE*') ? i : -1)).filter((i) => i >= 0);
    segments[se[1]!] = segments[se[1]!]!.replace(/^SE\*\d+/, 'SE*3');
    segments.splice(se[4]!, 1);
    const broken = join(dir, 'broken.837');
    writeFileSync(broken, segments.join('~').replace(/GE\*\d+\*/, 'GE*2*'));
    // An interchange that holds no claim.
    const empty = join(dir, 'empty.837');
    writeFileSync(empty, clean.slice(0, clean.indexOf('ST*')) + clean.slice(clean.indexOf('GE*')));
    for (const form of [['--json-lines'], [], ['--quiet']]) {
      const args = ['validate', sets, broken, empty, ...form];
      const alone = await cli(...args);
      const pooled = await cli(...args, '--workers', '2');
      expect(pooled.code, form.join(' ')).toBe(alone.code);
      expect(pooled.stdout, form.join(' ')).toBe(alone.stdout);
      expect(pooled.stderr, form.join(' ')).toBe(alone.stderr);
    }
    const lines = (await cli('validate', sets, broken, '--json-lines', '--workers', '2')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; read?: boolean; reason?: string });
    expect(lines.filter((l) => l.type === 'claim').length).toBeGreaterThan(1300);
    expect(lines.some((l) => l.type === 'fileIssue' && l.reason === 'count_mismatch')).toBe(true);
    expect(lines.some((l) => l.type === 'claim' && l.read === false)).toBe(true);
  });

  it('answers the claims of a worker stopped mid-run, reading its sets on the main thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medcode-cli-sets-'));
    const file = join(dir, 'sets.837');
    writeFileSync(file, exampleClaims837(exampleClaimCopies(1300, 'KW'), 40));
    const args = ['validate', file, '--json-lines'];
    const alone = await cli(...args);
    let stdout = '';
    let stopped = 0;
    const code = await runCli([...args, '--workers', '2'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      cwd: process.cwd(),
      today: TEST_TODAY,
      // The first worker is stopped as soon as it answers a piece: the pieces it still holds are
      // read again here.
      onWorker: (thread) => {
        if (stopped++ === 0) thread.once('message', () => void thread.terminate());
      },
    });
    expect(stopped).toBeGreaterThan(2);
    expect(code).toBe(alone.code);
    expect(stdout).toBe(alone.stdout);
  });

  it('refuses a --workers value that is not a whole number from 1', async () => {
    for (const bad of ['0', 'two', '1.5']) {
      const run = await cli('validate', 'examples/mue-exceeded.json', '--workers', bad);
      expect(run.code).toBe(2);
      expect(isOneLineError(run.stderr)).toBe(true);
    }
  });
});
