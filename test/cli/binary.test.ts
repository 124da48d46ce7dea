/**
 * The `medcode` binary itself (src/cli/index.ts through tsx): exit codes reach the shell and errors
 * stay one line, without a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleClaimCopies, exampleClaims837 } from '../fixtures/example-claims';

const runIn = (env: NodeJS.ProcessEnv, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    // Past spawnSync's 1 MiB default the child is killed mid-output.
    maxBuffer: 64 << 20,
    env,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const run = (...args: string[]) => runIn(process.env, ...args);

describe('medcode binary', () => {
  it('validate on an example: table on stdout, exit 1 for an error edit', () => {
    const r = run('validate', 'examples/mue-exceeded.json');
    // stderr holds only the stale/missing-data banner (the built-in MCE v37 lists are FY2020's).
    expect(
      r.stderr.split('\n').filter((l) => l !== '' && !/^medcode: (stale|missing) data: /.test(l)),
    ).toEqual([]);
    expect(r.stdout).toMatch(/ncci-mue/);
    expect(r.code).toBe(1);
  });

  it('validate --workers 2 on an 837P writes what the workers printed to a real pipe: the same as one thread', () => {
    // In-process runs write to strings; the binary's stdout is a Node stream that takes the bytes.
    const file = join(mkdtempSync(join(tmpdir(), 'medcode-bin-')), 'sets.837');
    writeFileSync(file, exampleClaims837(exampleClaimCopies(900, 'BIN'), 100));
    const alone = run('validate', file, '--json-lines', '--date', '2026-11-27');
    const pooled = run('validate', file, '--json-lines', '--date', '2026-11-27', '--workers', '2');
    expect(alone.code).toBe(1);
    expect(pooled.code).toBe(alone.code);
    expect(pooled.stdout).toBe(alone.stdout);
    expect(pooled.stdout.split('\n').filter((l) => l.startsWith('{"type":"claim"'))).toHaveLength(900);
  });

  it('a missing file and an unknown option: exit 2, one stderr line, no stack', () => {
    for (const args of [
      ['validate', 'does-not-exist.json'],
      ['check', 'E11.9', '--frobnicate'],
    ]) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });

  it('a missing or unreadable later file stops validate before any output, not after part of it', () => {
    // Enough claims in the first file that some of its output is written before the second is read.
    const file = join(mkdtempSync(join(tmpdir(), 'medcode-bin-')), 'first.837');
    writeFileSync(file, exampleClaims837(exampleClaimCopies(600, 'FIRST'), 100));
    for (const extra of [['does-not-exist.json'], ['examples'], ['--workers', '2', 'does-not-exist.json']]) {
      const r = run('validate', file, ...extra, '--json-lines', '--date', '2026-11-27');
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stdout, extra.join(' ')).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('standard output closed before validate finishes: exit 141, never 0 (its result is unknown)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'medcode-bin-')), 'many.837');
    writeFileSync(file, exampleClaims837(exampleClaimCopies(3000, 'PIPE'), 100));
    const viaBash = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" --import tsx src/cli/index.ts validate "${file}" | head -c 1 > /dev/null`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(viaBash.status).toBe(141);
  });

  it('a MEDCODE_CODESETS folder that is not there: exit 3, one line naming the folder and the variable', () => {
    const missing = join(tmpdir(), 'medcode-no-such-imports');
    const r = runIn(
      { ...process.env, MEDCODE_CODESETS: `${missing}/` },
      'lookup',
      'I10',
      '--date',
      '2026-05-01',
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `medcode lookup: cannot load code-set data: cannot load ${missing}: no such folder (a folder named in MEDCODE_CODESETS)\n`,
    );
  });

  it('convert to json through a pipe: exit 0 and parseable output', () => {
    const r = run('convert', 'examples/clean-office-visit.json', '--to', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { claimId: string }).claimId).toBe('PCN-2026-0001');
  });
});
