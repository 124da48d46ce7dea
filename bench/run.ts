/**
 * `npm run bench [-- suite…]`: builds the package, runs every `bench/*.bench.ts` suite (or the named
 * ones) and prints one table. Figures are for this machine; targets come from the issues.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';

const only = process.argv.slice(2);
execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit', cwd: join(import.meta.dirname, '..') });
const rows: BenchRow[] = [];
for (const file of readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  const suite = ((await import(join(import.meta.dirname, file))) as { default: BenchSuite }).default;
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.error(`running ${suite.name}…`);
  rows.push(...(await suite.run()));
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
