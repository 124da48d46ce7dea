/**
 * `npm run bench [-- suite…]`: builds the package, runs every `bench/*.bench.ts` suite (or the named
 * ones) and prints one table. Figures are for this machine; targets come from the issues.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { useScratchTmpdir } from '../test/scratch-dir';
import type { BenchRow, BenchSuite } from './lib';

const only = process.argv.slice(2);
execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit', cwd: join(import.meta.dirname, '..') });
// The suites write claim files and packs of hundreds of megabytes through `os.tmpdir()`, in this
// process, its workers and the processes it spawns: all of them go into one folder of this run,
// removed at the end even when a suite fails.
const removeScratch = useScratchTmpdir('medcode-bench-run-');
const rows: BenchRow[] = [];
try {
  for (const file of readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()) {
    const suite = ((await import(join(import.meta.dirname, file))) as { default: BenchSuite }).default;
    if (only.length > 0 && !only.includes(suite.name)) continue;
    console.error(`running ${suite.name}…`);
    rows.push(...(await suite.run()));
  }
} finally {
  removeScratch();
}
const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3));
console.table(
  rows.map((r) => ({
    suite: r.suite,
    metric: r.metric,
    value: fmt(r.value),
    unit: r.unit,
    target: r.target ?? '',
    ok: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  })),
);
