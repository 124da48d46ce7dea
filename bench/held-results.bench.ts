/**
 * Validation speed after a caller has held many results at once (a batch collected into an
 * array, then dropped), against a process that never held them.
 *
 * Why it matters: V8 decides per allocation site (an object or array literal in medcode's code)
 * whether to allocate its objects straight into the old generation ("allocation-site pretenuring"),
 * from how many of them survive a young-generation collection. While a caller holds thousands of
 * results, nearly all the claim objects, issues and paths made so far survive, and V8 pretenures
 * those sites for the rest of the process. Every later claim's objects are then born old, keep the
 * young objects they point to alive through each young collection, and are only freed by full
 * collections: validation runs at about half speed. The decision can also fall that way by chance
 * in a process that holds nothing (about one run in ten on the bench's claims).
 *
 * Each configuration runs in fresh processes, alternated, and the figure is the median CPU time
 * per claim over the measured claims.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';
import { row } from './lib';

const S = 'held-results';
const REPO = resolve(import.meta.dirname, '..');
const ROUNDS = 5;

/** The child: validates the example claims, holding `hold` results first, then times 100,000. */
function program(): string {
  return `
import { createClaimValidator } from '${REPO}/src/rules/index.ts';
import { exampleClaimCopies } from '${REPO}/test/fixtures/example-claims.ts';
const claims = exampleClaimCopies(64, 'H');
const validator = createClaimValidator({ today: '2026-11-27' });
const hold = Number(process.argv[2]);
let held = [];
for (let i = 0; i < hold; i++) held.push(validator.validateJson(claims[i % 64]));
held = null;
for (let i = 0; i < 20000; i++) validator.validateJson(claims[i % 64]);
const n = 100000;
const t0 = process.cpuUsage();
for (let i = 0; i < n; i++) validator.validateJson(claims[i % 64]);
const used = process.cpuUsage(t0);
process.stdout.write(String((used.user + used.system) / n));
`;
}

const suite: BenchSuite = {
  name: S,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'medcode-held-'));
    try {
      const file = join(dir, 'held.mts');
      writeFileSync(file, program());
      const runs = { fresh: [] as number[], held: [] as number[], heldNoPretenuring: [] as number[] };
      const once = (hold: number, flags: readonly string[]) => {
        const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', file, String(hold)], {
          cwd: REPO,
          encoding: 'utf8',
        });
        const us = Number(r.stdout);
        if (r.status !== 0 || !(us > 0)) throw new Error(`held-results child failed: ${r.stderr}`);
        return us;
      };
      for (let k = 0; k < ROUNDS; k++) {
        runs.fresh.push(once(0, []));
        runs.held.push(once(20_000, []));
        runs.heldNoPretenuring.push(once(20_000, ['--no-allocation-site-pretenuring']));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      const fresh = median(runs.fresh);
      const held = median(runs.held);
      const off = median(runs.heldNoPretenuring);
      const rows: BenchRow[] = [
        row(
          S,
          `CPU per claim, fresh process (median of ${ROUNDS}; runs ${runs.fresh.map((x) => x.toFixed(1)).join(' ')})`,
          fresh,
          'µs',
        ),
        row(
          S,
          `CPU per claim after 20,000 results held and dropped (runs ${runs.held.map((x) => x.toFixed(1)).join(' ')})`,
          held,
          'µs',
        ),
        row(S, 'held ÷ fresh', held / fresh, '×'),
        row(
          S,
          `the same with node --no-allocation-site-pretenuring (runs ${runs.heldNoPretenuring.map((x) => x.toFixed(1)).join(' ')})`,
          off,
          'µs',
        ),
        row(S, 'held, flag ÷ fresh', off / fresh, '×'),
      ];
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
