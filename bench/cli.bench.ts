/**
 * The `medcode` CLI: wall time of fresh `medcode` processes (dist/cli/index.js, built by the
 * runner) against bare node, and `medcode validate` throughput on a generated 837P and claim JSON
 * array (in-process, output discarded). No target is set for these; they document cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';
import { bareNodeMs, row } from './lib';
import { parseClaim, toX12837P } from '../src/claims/index';
import type { Claim } from '../src/claims/index';
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

/** Copies of the example claims with distinct ids, all lines on dates the built-in data covers. */
function generateClaims(n: number): Claim[] {
  const names = [
    'clean-office-visit',
    'em-with-procedure-needs-modifier-25',
    'excludes1-pair',
    'mue-exceeded',
  ];
  const bases = names.map((name) => {
    const r = parseClaim(readFileSync(join(REPO, 'examples', `${name}.json`), 'utf8'));
    if (!r.ok) throw new Error(name);
    return r.value;
  });
  return Array.from({ length: n }, (_, i) => ({ ...bases[i % bases.length]!, claimId: `BENCH-${i}` }));
}

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
    const claims = generateClaims(2000);
    const x12 = toX12837P(claims, {
      sender: { id: 'BENCH' },
      receiver: { id: 'PAYER' },
      submitter: { name: 'BENCH', id: 'BENCH', contactName: 'BENCH', phone: '5555550100' },
      receiverName: 'PAYER',
      interchangeControlNumber: 1,
      createdAt: '2026-05-02T10:30',
    });
    if (!x12.ok) throw new Error(x12.issues.map((i) => i.message).join('\n'));
    writeFileSync(join(dir, 'claims.837'), x12.value);
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
