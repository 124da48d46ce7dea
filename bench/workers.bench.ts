/**
 * Validation at scale (`npm run bench -- workers`), every figure from fresh `node` processes over
 * the built package (dist/), peak memory as the whole process's peak RSS (all threads):
 * - validateClaimsInWorkers with 1 and 2 worker threads against validateClaims in one thread, on
 *   the same generated claims: the 2-to-1 throughput ratio (target >= 1.8 on two idle cores) and
 *   the 2-to-1 peak memory ratio (target <= 1.3);
 * - `medcode validate --json-lines` on a 100,000-claim 837P (generated from the example claims):
 *   peak RSS (target <= 150 MiB) and throughput against the library reading and validating the same
 *   file in one process (target: the library at most 1.5 times as fast).
 * Ratios come from runs in the same bench, one after the other; on a machine busy with other work
 * the parallel figures are lower than the cores allow (the report says how busy: load average).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';
import { row } from './lib';
import { exampleClaimCopies, exampleClaims837 } from '../test/fixtures/example-claims';

const S = 'workers';
const REPO = resolve(import.meta.dirname, '..');
const DIST = join(REPO, 'dist');
const TODAY = '2026-11-27';
const LIBRARY_CLAIMS = Number(process.env.MEDCODE_BENCH_WORKER_CLAIMS ?? 40_000);
const CLI_CLAIMS = Number(process.env.MEDCODE_BENCH_CLI_CLAIMS ?? 100_000);

/** Prints the process's peak RSS (KiB, all threads) on exit: preloaded into every measured run. */
const PEAK_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('PEAK_RSS_KIB '+process.resourceUsage().maxRSS+'\\n'))`;

interface Run {
  readonly ms: number;
  readonly peakMiB: number;
}

function measure(args: readonly string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PEAK_RSS, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  const peak = /PEAK_RSS_KIB (\d+)/.exec(r.stderr ?? '');
  if (peak === null) throw new Error(`bench run failed: ${args.join(' ')}\n${r.stderr}`);
  return { ms, peakMiB: Number(peak[1]) / 1024 };
}

/** A child program validating `n` example claims with the given mode. */
function libraryProgram(n: number, mode: 'thread' | 'workers', workers = 1): string {
  return `
import { readFileSync } from 'node:fs';
import { validateClaims } from '${join(DIST, 'rules/index.js')}';
import { validateClaimsInWorkers } from '${join(DIST, 'node/index.js')}';
const names = ['clean-office-visit', 'em-with-procedure-needs-modifier-25', 'excludes1-pair', 'mue-exceeded'];
const bases = names.map((n) => JSON.parse(readFileSync('${REPO}/examples/' + n + '.json', 'utf8')));
function* claims() { for (let i = 0; i < ${n}; i++) yield { ...bases[i % 4], claimId: 'B-' + i }; }
let failed = 0;
const items = ${mode === 'thread' ? `validateClaims(claims(), { today: '${TODAY}' })` : `validateClaimsInWorkers(claims(), { today: '${TODAY}', workers: ${workers} })`};
for await (const { result } of items) if (result.status === 'failed') failed++;
if (failed === 0) throw new Error('no claim failed: the run did not validate');
`;
}

function generate837(n: number, file: string): void {
  writeFileSync(file, exampleClaims837(exampleClaimCopies(n, 'CLI')));
}

/** The library doing the CLI's job in one process: the 837P streamed from disk, each claim validated. */
function library837Program(file: string): string {
  return `
import { createReadStream } from 'node:fs';
import { parseX12837PStream } from '${join(DIST, 'claims/index.js')}';
import { createClaimValidator } from '${join(DIST, 'rules/index.js')}';
const validator = createClaimValidator({ today: '${TODAY}' });
let n = 0;
for await (const item of parseX12837PStream(createReadStream('${file}'))) if (item.kind === 'claim') { validator.validate(item.claim); n++; }
if (n === 0) throw new Error('no claim read');
`;
}

const suite: BenchSuite = {
  name: S,
  async run() {
    const rows: BenchRow[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'medcode-workers-bench-'));
    const program = (name: string, text: string) => {
      const file = join(dir, `${name}.mjs`);
      writeFileSync(file, text);
      return file;
    };
    const load = loadavg()[0]!;
    rows.push(row(S, 'load average (1 min) at the start: other work on this machine', load, 'runnable'));

    const thread = measure([program('thread', libraryProgram(LIBRARY_CLAIMS, 'thread'))]);
    const one = measure([program('one', libraryProgram(LIBRARY_CLAIMS, 'workers', 1))]);
    const two = measure([program('two', libraryProgram(LIBRARY_CLAIMS, 'workers', 2))]);
    const rate = (r: Run, n: number) => n / (r.ms / 1000);
    rows.push(
      row(
        S,
        `validateClaims, one thread, ${LIBRARY_CLAIMS} claims (process)`,
        rate(thread, LIBRARY_CLAIMS),
        'claims/s',
      ),
    );
    rows.push(row(S, 'validateClaimsInWorkers, 1 worker', rate(one, LIBRARY_CLAIMS), 'claims/s'));
    rows.push(row(S, 'validateClaimsInWorkers, 2 workers', rate(two, LIBRARY_CLAIMS), 'claims/s'));
    rows.push(row(S, 'throughput, 2 workers / 1 worker', rate(two, 1) / rate(one, 1), 'x', { min: 1.8 }));
    rows.push(row(S, 'peak RSS, one thread', thread.peakMiB, 'MiB'));
    rows.push(row(S, 'peak RSS, 1 worker', one.peakMiB, 'MiB'));
    rows.push(row(S, 'peak RSS, 2 workers', two.peakMiB, 'MiB'));
    rows.push(row(S, 'peak RSS, 2 workers / 1 worker', two.peakMiB / one.peakMiB, 'x', { max: 1.3 }));

    const x12 = join(dir, 'claims.837');
    generate837(CLI_CLAIMS, x12);
    const cli = measure([join(DIST, 'cli/index.js'), 'validate', x12, '--json-lines', '--date', TODAY]);
    const lib = measure([program('lib837', library837Program(x12))]);
    rows.push(
      row(S, `medcode validate --json-lines, ${CLI_CLAIMS} claims 837P: peak RSS`, cli.peakMiB, 'MiB', {
        max: 150,
      }),
    );
    rows.push(
      row(S, `medcode validate --json-lines, ${CLI_CLAIMS} claims 837P`, rate(cli, CLI_CLAIMS), 'claims/s'),
    );
    rows.push(row(S, `library: same 837P streamed and validated`, rate(lib, CLI_CLAIMS), 'claims/s'));
    rows.push(row(S, 'library throughput / CLI throughput', cli.ms / lib.ms, 'x', { max: 1.5 }));
    return rows;
  },
};
export default suite;
