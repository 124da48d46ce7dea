/**
 * Core benchmarks: edition selection, and what opening a pack costs (ICD-10-CM FY2026 codes.pack,
 * the pack of the cold-start path): reading the file, checking the header, and checking section
 * CRC-32s, which a reader does lazily on first read of a section.
 * `npm run bench -- core`
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';
import { opsPerSecond, row } from './lib';
import { selectEdition } from '../src/core/edition';
import type { Edition } from '../src/core/edition';
import { PackReader } from '../src/core/pack';

const REPO = resolve(import.meta.dirname, '..');
const CODES_PACK = join(REPO, 'codesets/icd10cm/fy2026/codes.pack');

const editions: Edition[] = [
  {
    id: 'fy2026',
    name: 'ICD-10-CM FY2026',
    system: 'icd10cm',
    effectiveFrom: '2025-10-01',
    effectiveTo: '2026-09-30',
  },
  {
    id: 'fy2027',
    name: 'ICD-10-CM FY2027',
    system: 'icd10cm',
    effectiveFrom: '2026-10-01',
    effectiveTo: '2027-09-30',
  },
];

/** Median of `runs` timings (ms) of `fn`. */
function medianMs(fn: () => unknown, runs = 21): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1]!;
}

const suite: BenchSuite = {
  name: 'core',
  async run() {
    const rows: BenchRow[] = [];
    const dates = ['2026-05-01', '2026-10-01', '2027-01-15', '2026-09-30'];
    const hz = await opsPerSecond('selectEdition', dates, (d) => selectEdition(editions, d));
    rows.push(row('core', 'selectEdition (string date)', hz, 'ops/s'));
    const bytes = readFileSync(CODES_PACK);
    rows.push(row('core', 'icd10cm fy2026 codes.pack size', bytes.length / 1e6, 'MB'));
    rows.push(
      row(
        'core',
        'read codes.pack from disk (median of 21)',
        medianMs(() => readFileSync(CODES_PACK)),
        'ms',
      ),
    );
    rows.push(
      row(
        'core',
        'open codes.pack in memory: header and section table',
        medianMs(() => PackReader.fromBuffer(bytes, 'codes.pack', 'icd10cm/codes')),
        'ms',
      ),
    );
    rows.push(
      row(
        'core',
        'open codes.pack and check every section CRC-32',
        medianMs(() => PackReader.fromBuffer(bytes, 'codes.pack', 'icd10cm/codes').verifyAll()),
        'ms',
      ),
    );
    return rows;
  },
};
export default suite;
