/**
 * Hostile claim sizes: every rule is linear or n log n in the claim's size, and the size guard
 * refuses an oversized claim at the cost of a small one.
 *
 * Each rule runs alone (all others off) on a claim of size s (12 diagnoses, 50 lines) and of size
 * 10 s (120 diagnoses, 500 lines: the largest claim parseClaim and validateClaim accept, the 837P
 * limits times ten). The ratio of CPU time per claim is ~10 for a linear rule, ~13 for n log n and
 * ~100 for a quadratic one: the target is at most 25. The engine's own work (reading the claim,
 * dates, the result) is subtracted. Timed in CPU time, interleaved, against references in the same
 * run (the machine is shared).
 */
import type { BenchRow, BenchSuite } from './lib';
import { row } from './lib';
import { BUILT_IN_RULES, PROFILES, createClaimValidator, validateClaimJson } from '../src/rules/index';

const DIAGNOSES = [
  'E11.9',
  'Z79.4',
  'I10',
  'J02.9',
  'M54.50',
  'E10.9',
  'E11.65',
  'N18.3',
  'K21.9',
  'E78.5',
  'J45.909',
  'F41.1',
];
const PROCEDURES = ['99213', 'J1100', '97110', '20610', '96372', '88350', '36415', '80053', '93000', '71046'];

function claimOfSize(scale: number): unknown {
  return {
    claimId: `S${scale}`,
    patient: { birthDate: '1958-07-01', sex: 'F' },
    placeOfService: '11',
    diagnoses: Array.from({ length: 12 * scale }, (_, i) => ({ code: DIAGNOSES[i % DIAGNOSES.length]! })),
    lines: Array.from({ length: 50 * scale }, (_, i) => ({
      procedure: PROCEDURES[i % PROCEDURES.length]!,
      units: 1,
      charge: '125.00',
      serviceDate: '2026-05-01',
      diagnosisPointers: [1 + (i % 12), 1 + ((i + 5) % 12)],
      modifiers: i % 3 === 0 ? ['59'] : [],
    })),
  };
}

/** CPU microseconds per call of `fn` over one run of `calls` calls. */
function cpuOnce(fn: () => unknown, calls: number): number {
  const t0 = process.cpuUsage();
  for (let k = 0; k < calls; k++) fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / calls;
}

/** CPU microseconds per call of `fn`, the median of `rounds` rounds. */
function cpuMicros(fn: () => unknown, calls: number, rounds = 5): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) times.push(cpuOnce(fn, calls));
  return median(times);
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/**
 * CPU microseconds a rule adds to the engine's own work per call: the rule's validator and the
 * all-rules-off validator run in alternating rounds (so that load from other processes and JIT
 * state hit both alike), and the median of the per-round differences is returned.
 */
function ruleMicros(rule: () => unknown, engine: () => unknown, calls: number, rounds = 7): number {
  for (let k = 0; k < calls * 3; k++) {
    rule();
    engine();
  }
  const diffs: number[] = [];
  for (let r = 0; r < rounds; r++) diffs.push(cpuOnce(rule, calls) - cpuOnce(engine, calls));
  return median(diffs);
}

const suite: BenchSuite = {
  name: 'limits',
  async run() {
    const rows: BenchRow[] = [];
    const small = claimOfSize(1);
    const large = claimOfSize(10);
    const options = { profile: 'medicare-professional' as const, today: '2026-06-01' };
    const none = createClaimValidator({
      ...options,
      rules: Object.fromEntries([...BUILT_IN_RULES.keys()].map((k) => [k, false])),
    });
    for (const { id } of PROFILES.get('medicare-professional')!.rules) {
      const only = Object.fromEntries([...BUILT_IN_RULES.keys()].map((k) => [k, k === id]));
      const v = createClaimValidator({ ...options, rules: only });
      const s = Math.max(
        0.5,
        ruleMicros(
          () => v.validateJson(small),
          () => none.validateJson(small),
          200,
        ),
      );
      const l = Math.max(
        0.5,
        ruleMicros(
          () => v.validateJson(large),
          () => none.validateJson(large),
          20,
        ),
      );
      rows.push(
        row('limits', `${id}: CPU time at 10× claim size ÷ at 1× (linear ≈ 10)`, l / s, '×', { max: 25 }),
      );
    }
    // The size guard: 20,000 copies of one diagnosis (about 300 KB of JSON) cost what a small claim does.
    const hostile = {
      ...(small as object),
      diagnoses: Array.from({ length: 20_000 }, () => ({ code: 'E11.9' })),
    };
    validateClaimJson(hostile, options);
    const hostileUs = cpuMicros(() => validateClaimJson(hostile, options), 200);
    const smallUs = cpuMicros(() => validateClaimJson(small, options), 200);
    rows.push(
      row(
        'limits',
        'validateClaim: 20,000 diagnoses (refused) ÷ a 12-diagnosis claim',
        hostileUs / smallUs,
        '×',
        { max: 1 },
      ),
    );
    rows.push(row('limits', 'validateClaim: 20,000 diagnoses (refused)', hostileUs, 'µs/claim'));
    return rows;
  },
};

export default suite;
