/**
 * The long fuzz run: `npm run fuzz -- --runs 1000000 [--seconds S] [--seed 42] [--only <name part>]`.
 * The runs are shared by the entry points of entry-points.ts in proportion to their weights (default
 * 1; a real import or a worker thread per input gets a fraction). With `--seconds`, so is the time:
 * an entry point stops at its share of either, and the report gives the exact counts run. Each input
 * is timed against its entry point's bound in CPU time. Prints, per entry point, the inputs run, throws, time-outs, contradictions and
 * prototype changes, with up to three examples of each, and exits 1 when anything was found.
 */
import fc from 'fast-check';
import { ENTRY_POINTS, warmUp } from './entry-points';
import type { Finding } from './entry-points';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const runs = Number(option('runs') ?? 10_000);
const seed = Number(option('seed') ?? Date.now() % 2 ** 31);
const only = option('only');
const seconds = option('seconds') === undefined ? Number.POSITIVE_INFINITY : Number(option('seconds'));
const points = ENTRY_POINTS.filter((p) => only === undefined || p.name.includes(only));
const totalWeight = points.reduce((sum, p) => sum + (p.weight ?? 1), 0);
/** An entry point's share of the runs (and of the time), by its weight. */
const shareOf = (weight = 1) => weight / totalWeight;
const BATCH = 500;

interface Tally {
  inputs: number;
  throws: number;
  timeouts: number;
  contradictions: number;
  prototype: number;
  slowestMs: number;
  slowestWallMs: number;
  examples: string[];
}

await warmUp();
const started = Date.now();
const rows: [string, Tally][] = [];
console.log(
  `fuzz: ${runs} runs over ${points.length} entry points (shared by weight${Number.isFinite(seconds) ? `, at most ${seconds} s in all` : ''}), seed ${seed}`,
);
for (const [k, point] of points.entries()) {
  const t: Tally = {
    inputs: 0,
    throws: 0,
    timeouts: 0,
    contradictions: 0,
    prototype: 0,
    slowestMs: 0,
    slowestWallMs: 0,
    examples: [],
  };
  let batch = 0;
  const perPoint = Math.max(1, Math.floor(runs * shareOf(point.weight)));
  const deadline = performance.now() + seconds * 1000 * shareOf(point.weight);
  while (t.inputs < perPoint && performance.now() < deadline) {
    const n = Math.min(BATCH, perPoint - t.inputs);
    const inputs = fc.sample(point.arbitrary, { numRuns: n, seed: seed + k * 1_000_003 + batch++ });
    for (const input of inputs) {
      const clock = startInputClock();
      let finding: Finding | undefined;
      try {
        finding = await point.property(input);
      } catch (error) {
        finding = { kind: 'throw', detail: String(error) };
      }
      const { cpuMs, wallMs } = clock.stop();
      // The first input of an entry point loads its data packs: not a time-out.
      if (t.inputs > 0 && cpuMs > point.timeBoundMs) {
        t.timeouts++;
        if (t.examples.length < 3)
          t.examples.push(
            `time-out ${cpuMs.toFixed(0)} ms CPU (${wallMs.toFixed(0)} ms wall): ${show(input)}`,
          );
      }
      if (t.inputs > 0) {
        t.slowestMs = Math.max(t.slowestMs, cpuMs);
        t.slowestWallMs = Math.max(t.slowestWallMs, wallMs);
      }
      t.inputs++;
      if (finding) {
        if (finding.kind === 'throw') t.throws++;
        else if (finding.kind === 'contradiction') t.contradictions++;
        else t.prototype++;
        if (t.examples.length < 3) t.examples.push(`${finding.kind}: ${finding.detail} <- ${show(input)}`);
      }
    }
  }
  rows.push([point.name, t]);
  console.log(
    `${point.name.padEnd(62)} inputs ${String(t.inputs).padStart(7)}  throws ${t.throws}  time-outs ${t.timeouts}  contradictions ${t.contradictions}  prototype ${t.prototype}  slowest ${t.slowestMs.toFixed(0)} ms CPU, ${t.slowestWallMs.toFixed(0)} ms wall`,
  );
  for (const e of t.examples) console.log(`    ${e}`);
}
const sum = (key: keyof Tally) => rows.reduce((n, [, t]) => n + (t[key] as number), 0);
console.log(
  `total: ${sum('inputs')} inputs, ${sum('throws')} throws, ${sum('timeouts')} time-outs, ${sum('contradictions')} contradictions, ${sum('prototype')} prototype changes in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${seed})`,
);
process.exitCode = sum('throws') + sum('timeouts') + sum('contradictions') + sum('prototype') > 0 ? 1 : 0;

function show(input: unknown): string {
  try {
    return (
      JSON.stringify(input, (_k, v) =>
        typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? String(v) : v,
      ) ?? String(input)
    ).slice(0, 160);
  } catch {
    return typeof input;
  }
}

/**
 * Times one input by the process's CPU time as well as the wall clock. The bound is checked against
 * CPU time: on a shared machine the wall clock also counts the other processes' turns on the cores,
 * which made plain inputs such as `"E11.9"` look like event-loop stalls. A real stall is work, and
 * work is CPU time (worker threads included: `process.cpuUsage` covers the whole process).
 */
function startInputClock(): { stop(): { cpuMs: number; wallMs: number } } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  return {
    stop() {
      const cpu = process.cpuUsage(cpu0);
      return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wall0 };
    },
  };
}
