/**
 * The `medcode` CLI: wall time of fresh `medcode` processes (dist/cli/index.js, built by the
 * runner) against bare node, and `medcode validate` throughput on a generated 837P and claim JSON
 * array (in-process, output discarded). No target is set for these; they document cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';
import { bareNodeMs, row } from './lib';
import { exampleClaimCopies, exampleClaims837 } from '../test/fixtures/example-claims';
import { runCli } from '../src/cli/main';

const S = 'cli';
const REPO = resolve(import.meta.dirname, '..');

function medianMs(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const processMs = (args: string[], runs = 9) =>
  medianMs(() => {
    spawnSync(process.execPath, [join(REPO, 'dist/cli/index.js'), ...args], { stdio: 'ignore', cwd: REPO });
  }, runs);

const sink = { write: () => true };

const suite: BenchSuite = {
  name: S,
  async run() {
    const rows: BenchRow[] = [];
    const bare = bareNodeMs();
    rows.push(row(S, 'medcode --help, fresh process (minus bare node)', processMs(['--help']) - bare, 'ms'));
    rows.push(
      row(
        S,
        'medcode lookup G0121, fresh process (minus bare node)',
        processMs(['lookup', 'G0121', '--date', '2026-05-01']) - bare,
        'ms',
      ),
    );
    rows.push(
      row(
        S,
        'medcode validate one example, fresh process (minus bare node)',
        processMs(['validate', 'examples/mue-exceeded.json']) - bare,
        'ms',
      ),
    );

    const dir = mkdtempSync(join(tmpdir(), 'medcode-cli-bench-'));
    const claims = exampleClaimCopies(2000, 'BENCH');
    writeFileSync(join(dir, 'claims.837'), exampleClaims837(claims));
    writeFileSync(join(dir, 'claims.json'), JSON.stringify(claims));
    const io = { stdout: sink, stderr: sink, cwd: dir, today: '2026-11-27' };
    await runCli(['validate', 'claims.837'], io); // warm-up: loads the code sets once
    for (const [file, label] of [
      ['claims.837', '837P'],
      ['claims.json', 'claim JSON array'],
    ] as const) {
      for (const mode of [[], ['--json']] as const) {
        const times: number[] = [];
        for (let r = 0; r < 3; r++) {
          const t0 = performance.now();
          await runCli(['validate', file, ...mode], io);
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        rows.push(
          row(
            S,
            `validate ${claims.length} claims, ${label}, ${mode.length ? 'JSON' : 'table'} output (in-process)`,
            claims.length / (times[1]! / 1000),
            'claims/s',
          ),
        );
      }
    }
    return rows;
  },
};
export default suite;
