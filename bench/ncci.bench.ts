/**
 * NCCI scale bench: a synthetic 2.5M-row PTP table in the CMS layout (four zips), imported through
 * `importPtp`, packed, loaded and queried. Targets: the project's NCCI performance goals.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchSuite, BenchRow } from './lib';
import { opsPerSecond, row } from './lib';
import { importPtp, PtpTable, encodeProcedureCode } from '../src/ncci/index';
import { isoToDays } from '../src/ncci/codes';
import { syntheticPtpZips, syntheticPairs } from '../test/fixtures/ncci/synthetic';

const REPO = resolve(import.meta.dirname, '..');

/** Load time and memory of a PTP pack in a fresh process (dist build). */
function freshLoad(pack: string): { ms: number; heapMb: number; externalMb: number } {
  const dir = mkdtempSync(join(tmpdir(), 'medcode-bench-'));
  const file = join(dir, 'load.mjs');
  writeFileSync(
    file,
    `import { PtpTable } from '${REPO}/dist/ncci/index.js';
const t0 = performance.now();
const t = PtpTable.fromPack(${JSON.stringify(pack)});
const ms = performance.now() - t0;
if (t.lookup('00000', '00000', '2026-05-01') !== undefined) console.log('');
globalThis.gc();
const m = process.memoryUsage();
process.stdout.write(JSON.stringify({ ms, heap: m.heapUsed, ext: m.arrayBuffers }));`,
  );
  const runs = [0, 1, 2].map(
    () =>
      JSON.parse(execFileSync(process.execPath, ['--expose-gc', file], { encoding: 'utf8' })) as {
        ms: number;
        heap: number;
        ext: number;
      },
  );
  runs.sort((a, b) => a.ms - b.ms);
  const mid = runs[1]!;
  return { ms: mid.ms, heapMb: mid.heap / 1048576, externalMb: mid.ext / 1048576 };
}

const suite: BenchSuite = {
  name: 'ncci',
  async run() {
    const rows: BenchRow[] = [];
    const zips = syntheticPtpZips(2_500_000);
    const t0 = performance.now();
    const [table] = await importPtp(zips);
    const importS = (performance.now() - t0) / 1000;
    rows.push(
      row('ncci', `PTP import, ${table!.size.toLocaleString('en-US')} rows (4 CMS zips)`, importS, 's', {
        max: 60,
      }),
    );
    const pack = table!.toPack();
    const packFile = join(tmpdir(), 'medcode-bench-ptp.pack');
    writeFileSync(packFile, pack);
    rows.push(row('ncci', 'PTP pack size', statSync(packFile).size / 1048576, 'MB', { max: 40 }));
    const load = freshLoad(packFile);
    rows.push(row('ncci', 'PTP pack load (fresh process, CRC-verified)', load.ms, 'ms', { max: 1000 }));
    rows.push(row('ncci', 'heap after load (JS heap)', load.heapMb, 'MB', { max: 200 }));
    rows.push(row('ncci', 'ArrayBuffer memory after load (the pack bytes)', load.externalMb, 'MB'));

    const loaded = PtpTable.fromPack(packFile);
    const { col1, col2Of } = syntheticPairs(2_500_000);
    const pairs: [number, number][] = [];
    const strPairs: [string, string][] = [];
    for (let i = 0; i < 2000; i++) {
      const k = (i * 7919) % col1.length;
      const c2s = col2Of(k);
      const hit = i % 2 === 0;
      const a = col1[k]!;
      const b = hit ? c2s[i % c2s.length]! : '99999';
      pairs.push([encodeProcedureCode(a), encodeProcedureCode(b)]);
      strPairs.push([a, b]);
    }
    const day = isoToDays('2020-06-01');
    rows.push(
      row(
        'ncci',
        'PTP pair lookup (encoded codes, 50% hits)',
        await opsPerSecond('findActive', pairs, ([a, b]) => loaded.findActive(a, b, day), 1000),
        'ops/s',
        { min: 5_000_000 },
      ),
    );
    rows.push(
      row(
        'ncci',
        'PTP pair lookup (strings + date, returns the edit)',
        await opsPerSecond('lookup', strPairs, ([a, b]) => loaded.lookup(a, b, '2020-06-01'), 1000),
        'ops/s',
      ),
    );
    return rows;
  },
};
export default suite;
