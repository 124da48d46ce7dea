/**
 * CMS-HCC scoring over a stream of claims: 1,000,000 diagnoses (100,000 claims of 10 diagnoses,
 * 20,000 patients, real ICD-10-CM codes: half from the V28 mapping, half from the CMS mappings
 * workbook outside V28), generated lazily so the input itself takes no memory. Reference in the same
 * run: merely iterating the same claims and putting each diagnosis in a per-patient Map of Sets.
 * Memory: the largest heap (after a forced GC, sampled every 10,000 claims in an untimed pass) while
 * streaming 1M and 2M diagnoses over the same patients: flat when the state is per patient.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Claim } from '../src/claims/schema';
import { hcc, scoreClaimStream } from '../src/hcc/index';
import type { BenchRow, BenchSuite } from './lib';
import { row } from './lib';

const PATIENTS = 20_000;
const PER_CLAIM = 10;

function codePool(): string[] {
  const model = hcc.at(2026);
  const mapped = [...new Set(model.data.mappings.map((m) => m.code))];
  const cw = hcc.crosswalk(2026);
  const other: string[] = [];
  for (const code of [
    'I10',
    'E785',
    'Z0000',
    'M545',
    'R079',
    'J069',
    'K219',
    'E039',
    'F419',
    'G4700',
    'Z23',
    'R51',
  ])
    if (cw.get(code) === undefined || cw.get(code)!.models['cms-hcc-v28'].categories.length === 0)
      other.push(code);
  const pool: string[] = [];
  for (let i = 0; i < 4000; i++) pool.push(mapped[(i * 7919) % mapped.length]!, other[i % other.length]!);
  return pool;
}

function* claims(diagnoses: number, pool: readonly string[]): Generator<Claim> {
  const n = diagnoses / PER_CLAIM;
  for (let i = 0; i < n; i++) {
    const p = (i * 104_729) % PATIENTS;
    const dx = [];
    // Each patient has 30 conditions of its own, recurring over its claims, as chronic ones do.
    for (let k = 0; k < PER_CLAIM; k++) dx.push({ code: pool[(p * 13 + ((i + k * 3) % 30)) % pool.length]! });
    yield {
      claimId: `C${i}`,
      patient: { birthDate: `19${40 + (p % 40)}-0${1 + (p % 9)}-15`, sex: p % 2 === 0 ? 'F' : 'M' },
      subscriber: { memberId: `MBI${p}`, lastName: 'BENCH' },
      placeOfService: '11',
      diagnoses: dx,
      lines: [
        { procedure: '99214', units: 1, charge: '120.00', serviceDate: '2025-06-01', diagnosisPointers: [1] },
      ],
    };
  }
}

function reference(diagnoses: number, pool: readonly string[]): number {
  const map = new Map<string, Set<string>>();
  for (const c of claims(diagnoses, pool)) {
    const key = `${c.subscriber!.memberId}|${c.patient.birthDate}`;
    let s = map.get(key);
    if (!s) map.set(key, (s = new Set()));
    for (const d of c.diagnoses) s.add(d.code);
  }
  return map.size;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The largest heap after GC, sampled every 10,000 claims while the stream is consumed (untimed). */
async function peakHeapMb(diagnoses: number, pool: readonly string[]): Promise<number> {
  let peak = 0;
  function* sampled(): Generator<Claim> {
    let i = 0;
    for (const c of claims(diagnoses, pool)) {
      if (++i % 10_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      yield c;
    }
  }
  await scoreClaimStream(hcc.at(2026), sampled());
  return peak / 1048576;
}

const suite: BenchSuite = {
  name: 'hcc',
  async run() {
    const rows: BenchRow[] = [];
    const model = hcc.at(2026);
    const pool = codePool();
    // Warm up both paths.
    reference(100_000, pool);
    await scoreClaimStream(model, claims(100_000, pool));

    let t = performance.now();
    reference(1_000_000, pool);
    const refMs = performance.now() - t;
    t = performance.now();
    const out = await scoreClaimStream(model, claims(1_000_000, pool));
    const streamMs = performance.now() - t;
    if (out.diagnosesRead !== 1_000_000 || out.patients.size !== PATIENTS)
      throw new Error('bench: wrong counts');
    const peak1 = await peakHeapMb(1_000_000, pool);
    const peak2 = await peakHeapMb(2_000_000, pool);
    rows.push(row('hcc', 'reference: iterate 1,000,000 diagnoses into a per-patient Map', refMs, 'ms'));
    rows.push(
      row(
        'hcc',
        `scoreClaimStream: 1,000,000 diagnoses, ${PATIENTS.toLocaleString('en-US')} patients scored`,
        streamMs,
        'ms',
      ),
    );
    rows.push(row('hcc', 'scoreClaimStream / reference', streamMs / refMs, 'x'));
    rows.push(row('hcc', 'diagnoses per second (stream + score)', 1_000_000 / (streamMs / 1000), '/s'));
    rows.push(row('hcc', 'peak heap while streaming 1M diagnoses (after GC)', peak1, 'MB'));
    rows.push(row('hcc', 'peak heap while streaming 2M diagnoses, same patients', peak2, 'MB'));
    rows.push(
      row('hcc', 'peak heap 2M / 1M (1 = flat in the number of claims)', peak2 / peak1, 'x', { max: 1.2 }),
    );
    return rows;
  },
};
export default suite;
