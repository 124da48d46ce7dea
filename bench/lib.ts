/**
 * The benchmark harness behind `npm run bench`. Each `bench/<area>.bench.ts` default-exports a
 * {@link BenchSuite}; the runner prints every row as one table. Throughput uses tinybench; cold
 * start is measured in fresh `node` processes against a bare `node -e 0` baseline taken in the
 * same run.
 */
import { Bench } from 'tinybench';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** One measured figure. */
export interface BenchRow {
  readonly suite: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The target, e.g. `>= 5000000` or `<= 60`, when the issue sets one. */
  readonly target?: string;
  /** Whether the target is met (absent when there is no target). */
  readonly pass?: boolean;
}

/** What a `bench/*.bench.ts` file exports by default. */
export interface BenchSuite {
  readonly name: string;
  run(): Promise<readonly BenchRow[]>;
}

/** A row with a target of `value >= min` or `value <= max`. */
export function row(
  suite: string,
  metric: string,
  value: number,
  unit: string,
  target?: { min?: number; max?: number },
): BenchRow {
  if (!target) return { suite, metric, value, unit };
  const pass =
    (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max);
  const text = target.min !== undefined ? `>= ${target.min}` : `<= ${target.max}`;
  return { suite, metric, value, unit, target: text, pass };
}

/**
 * Operations per second of `fn` over an input array, cycling through inputs so the JIT cannot fold
 * a constant. Measured with tinybench (mean throughput of its samples).
 */
export async function opsPerSecond<T>(
  name: string,
  inputs: readonly T[],
  fn: (input: T) => unknown,
  batch = 1000,
): Promise<number> {
  let i = 0;
  let sink: unknown;
  const bench = new Bench({ time: 1000, warmupTime: 200 });
  bench.add(name, () => {
    for (let k = 0; k < batch; k++) {
      sink = fn(inputs[i]!);
      i = i + 1 === inputs.length ? 0 : i + 1;
    }
  });
  await bench.run();
  const task = bench.tasks[0]!;
  const result = task.result as { throughput?: { mean?: number }; hz?: number } | undefined;
  const hz = result?.throughput?.mean ?? result?.hz ?? 0;
  if (sink === Symbol.for('never')) console.log('');
  return hz * batch;
}

/** Percentiles (p50, p99) in milliseconds of `fn` over inputs, one timed call each. */
export function latencyPercentiles<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  rounds = 3,
): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const t0 = performance.now();
      fn(input);
      samples.push(performance.now() - t0);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

const REPO = resolve(import.meta.dirname, '..');

/**
 * Median wall time (ms) of a fresh `node` process running `script` (an ES module body that may
 * import from `dist/`), minus nothing: compare with {@link bareNodeMs} taken in the same run.
 * Requires `npm run build` first (the runner does it).
 */
export function coldStartMs(script: string, runs = 15): number {
  const dir = mkdtempSync(join(tmpdir(), 'medcode-bench-'));
  const file = join(dir, 'cold.mjs');
  writeFileSync(
    file,
    script
      .replaceAll('medcode/', `${REPO}/dist/`)
      .replace(/from '([^']+\/dist\/[a-z0-9]+)'/g, "from '$1/index.js'"),
  );
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [file], { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Median wall time (ms) of `node -e 0`. */
export function bareNodeMs(runs = 15): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Heap used (MB) in a fresh process after running `script`, after a forced GC. */
export function heapAfterMb(script: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'medcode-bench-'));
  const file = join(dir, 'heap.mjs');
  const body = script
    .replaceAll('medcode/', `${REPO}/dist/`)
    .replace(/from '([^']+\/dist\/[a-z0-9]+)'/g, "from '$1/index.js'");
  writeFileSync(
    file,
    `${body}\nglobalThis.gc(); process.stdout.write(String(process.memoryUsage().heapUsed));\n`,
  );
  const out = execFileSync(process.execPath, ['--expose-gc', file], { encoding: 'utf8' });
  return Number(out) / 1024 / 1024;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
