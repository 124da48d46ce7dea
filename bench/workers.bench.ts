/**
 * Validation at scale (`npm run bench -- workers`), every figure from fresh `node` processes over
 * the built package (dist/), peak memory as the whole process's peak RSS (all threads):
 * - validateClaimsInWorkers with 1 and 2 worker threads against validateClaims in one thread, on
 *   the same claims (one NDJSON file, read line by line; each line goes to a worker as text): the
 *   2-to-1 throughput ratio (target >= 1.8 on two idle cores) and the 2-to-1 peak memory ratio
 *   (target <= 1.3). The job is "validate the file and write each result as a JSON line"
 *   (`output: 'json'`), and again keeping result objects on the main thread (`output: 'objects'`);
 *   then the same file given to the pool as bytes (`input: 'ndjson'`, a `FileHandle` read into one
 *   buffer: cut into chunks at line ends, transferred, split and parsed by the workers) with each
 *   batch's JSON lines written as they come and then released to the pool (`output: 'json-lines'`,
 *   `release()`): the path whose main thread does almost nothing per claim; and the
 *   same bytes twice through one pool kept across streams (`createClaimValidationPool`), the
 *   second pass timed: workers started and warm, as a service validating batch after batch runs.
 * - The machine's ceiling for warm copies: two one-thread processes, each validating the file
 *   twice and timing its second pass, started together, against one alone.
 * - The machine's own ceiling for the same job: two one-thread processes started together against
 *   one alone. A pool cannot scale past what two independent copies of the job get from the cores.
 * - `medcode validate --json-lines` on a 100,000-claim 837P (generated from the example claims):
 *   peak RSS (target <= 150 MiB) and throughput against the library reading and validating the same
 *   file in one process (target: the library at most 1.5 times as fast); and the same command with
 *   `--workers 2` against one thread (target >= 1.8), with each run's main-thread CPU per claim,
 *   the CPU time of all threads against one thread's, and the peak RSS with workers.
 * Runs are interleaved (thread, 1 worker, 2 workers, thread, …) and each figure is the median of
 * its rounds, so that a change in the machine's load hits every mode alike. The processes' CPU time
 * is reported too, split between the main thread and the rest: it does not depend on other work on
 * the machine, and tells whether the main thread or the workers bound the throughput.
 */
import { spawn, spawnSync } from 'node:child_process';
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
/** Claims in the start-up runs (enough that some fail, as the programs check). */
const STARTUP_CLAIMS = 20;
const ROUNDS = Number(process.env.MEDCODE_BENCH_WORKER_ROUNDS ?? 3);

/**
 * Preloaded into every measured run: on exit, prints the process's peak RSS (KiB, all threads), its
 * CPU time (all threads, including workers that have ended), the main thread's own CPU time, and
 * that of the threads the process had before any program code ran: V8's platform threads (its
 * optimizing compiler's jobs and its garbage collector's helpers, shared by every isolate of the
 * process). Linux /proc/self/task; -1 elsewhere. What remains of the total is the worker threads'
 * (and libuv's few file reads).
 *
 * The peak is the process's own memory's high-water mark (`VmHWM` in /proc/self/status), not
 * `getrusage`'s `maxRSS`: Linux carries the spawning process's RSS over into the child's `maxRSS`
 * at exec, so with `maxRSS` every run read at least the bench runner's own size (in a full `npm run
 * bench`, 267 MiB for every run, and a ratio of exactly 1). `maxRSS` only where /proc is missing.
 */
const PROBE = `data:text/javascript,${encodeURIComponent(`
import { readdirSync, readFileSync } from 'node:fs';
const cpuMs = (file) => {
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
let early = [];
try { early = readdirSync('/proc/self/task').filter((tid) => tid !== String(process.pid)); } catch {}
process.on('exit', () => {
  let main = -1;
  let platform = -1;
  try {
    main = cpuMs('/proc/thread-self/stat');
    platform = 0;
    for (const tid of early) try { platform += cpuMs('/proc/self/task/' + tid + '/stat'); } catch {}
  } catch {}
  let peakKiB = process.resourceUsage().maxRSS;
  try {
    const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) peakKiB = Number(hwm[1]);
  } catch {}
  const cpu = process.cpuUsage();
  process.stderr.write('PROBE ' + peakKiB + ' ' + (cpu.user + cpu.system) / 1000 + ' ' + main + ' ' + platform + '\\n');
});`)}`;

interface Run {
  readonly ms: number;
  readonly peakMiB: number;
  /** CPU time of the whole process, ms. */
  readonly cpuMs: number;
  /** CPU time of the main thread, ms (-1 when unknown). */
  readonly mainCpuMs: number;
  /** CPU time of V8's platform threads (compiler jobs, GC helpers), ms (-1 when unknown). */
  readonly platformCpuMs: number;
  /**
   * For the NDJSON runs: claims done and time (ms from the process start) when half the stream
   * was done, and when all of it was: the rate in between is past start-up and JIT warm-up.
   */
  readonly half?: { readonly claims: number; readonly atMs: number; readonly endMs: number };
  /** For the warm-pool runs: claims and time (ms) of the second pass through the same pool. */
  readonly pool?: { readonly claims: number; readonly ms: number };
}

function measure(args: readonly string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PROBE, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  const probe = /PROBE (\d+) ([\d.]+) (-?[\d.]+) (-?[\d.]+)/.exec(r.stderr ?? '');
  const half = /HALF (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  const pool = /POOL (\d+) ([\d.]+)/.exec(r.stderr ?? '');
  if (probe === null || (r.status !== 0 && r.status !== 1))
    throw new Error(`bench run failed: ${args.join(' ')}\n${r.stderr}`);
  return {
    ms,
    peakMiB: Number(probe[1]) / 1024,
    cpuMs: Number(probe[2]),
    mainCpuMs: Number(probe[3]),
    platformCpuMs: Number(probe[4]),
    ...(half !== null
      ? { half: { claims: Number(half[1]), atMs: Number(half[2]), endMs: Number(half[3]) } }
      : {}),
    ...(pool !== null ? { pool: { claims: Number(pool[1]), ms: Number(pool[2]) } } : {}),
  };
}

/**
 * Runs programs together, each in its own process, until the last one ends; each one's stderr.
 */
async function runTogether(files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map(
      (file) =>
        new Promise<string>((done, fail) => {
          const child = spawn(process.execPath, [file], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.setEncoding('utf8').on('data', (text: string) => {
            stderr += text;
          });
          child.on('error', fail);
          child.on('close', (status) =>
            status === 0 || status === 1
              ? done(stderr)
              : fail(new Error(`bench run failed: ${file}\n${stderr}`)),
          );
        }),
    ),
  );
}

/**
 * The second-pass rates (claims/s) of warm one-thread programs started together, one per process:
 * what the cores give independent warm copies of the job, the ceiling for a warm pool.
 */
async function warmRatesTogether(files: readonly string[]): Promise<number[]> {
  return (await runTogether(files)).map((stderr, k) => {
    const warm = /WARM (\d+) ([\d.]+)/.exec(stderr);
    if (warm === null) throw new Error(`bench run printed no rate: ${files[k]}\n${stderr}`);
    return Number(warm[1]) / (Number(warm[2]) / 1000);
  });
}

/**
 * Wall time for programs started together, each in its own process, until the last one ends: what
 * the machine gives independent copies of the same job, with no thread or memory shared between
 * them.
 */
async function measureTogether(files: readonly string[]): Promise<number> {
  const t0 = performance.now();
  await runTogether(files);
  return performance.now() - t0;
}

/**
 * The median run of a mode (by wall time); its CPU figures come with it. Its peak memory is the
 * median of the rounds' peaks instead: a run's peak moves with the moment its main thread happens
 * to collect garbage, which has nothing to do with how long the run took.
 */
function median(runs: readonly Run[]): Run {
  const peaks = runs.map((run) => run.peakMiB).sort((a, b) => a - b);
  const byTime = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
  return { ...byTime, peakMiB: peaks[Math.floor(runs.length / 2)]! };
}

type Mode = 'thread' | 'workers' | 'bytes' | 'pool' | 'thread-warm';
type Output = 'json' | 'objects';

/**
 * A child program: validates every line of an NDJSON claims file (read in chunks, split into
 * lines here) and either writes each result as a JSON line (1 MiB to a system call, gathered, not
 * copied together) or keeps result
 * objects long enough to count their issues.
 */
function libraryProgram(ndjson: string, out: string, mode: Mode, output: Output, workers = 1): string {
  // The job twice in one process, the second pass timed (`<tag> <claims> <ms>` on stderr): its
  // warm rate, past start-up and the compiler's warm-up.
  const twice = (tag: string, loop: string) => `async function pass() {
  let done = 0;
${loop}
  return done;
}
await pass();
const warm = performance.now();
const done = await pass();
process.stderr.write('${tag} ' + done + ' ' + (performance.now() - warm) + '\\n');`;
  // A pool kept across streams: the file once to start and warm the workers, then once more.
  const poolPasses = `const pool = createClaimValidationPool({ today: '${TODAY}', workers: ${workers} });
${twice(
  'POOL',
  `  const file = await open('${ndjson}');
  for await (const batch of pool.validate(file, { input: 'ndjson', output: 'json-lines' })) {
    for (const status of batch.statuses) if (status === 'failed') failed++;
    writeLines(batch);
    done += batch.count;
  }
  await file.close();`,
)}
await pool.close();`;
  // The one-thread job the same way: one warm copy of the job.
  const threadPasses = twice(
    'WARM',
    `  for await (const { result } of validateClaims(lines(), { today: '${TODAY}' })) {
    if (result.status === 'failed') failed++;
    write(JSON.stringify(result));
    done++;
  }`,
  );
  const items =
    mode === 'pool' || mode === 'thread-warm'
      ? 'undefined'
      : mode === 'thread'
        ? `validateClaims(lines(), { today: '${TODAY}' })`
        : mode === 'bytes'
          ? `validateClaimsInWorkers(await open('${ndjson}'), { today: '${TODAY}', workers: ${workers}, input: 'ndjson', output: 'json-lines' })`
          : `validateClaimsInWorkers(lines(), { today: '${TODAY}', workers: ${workers}, output: '${output}' })`;
  const consume =
    mode === 'pool'
      ? poolPasses
      : mode === 'thread-warm'
        ? threadPasses
        : mode === 'bytes'
          ? `let done = 0; let half; for await (const batch of items) { for (const status of batch.statuses) if (status === 'failed') failed++; writeLines(batch); done += batch.count; if (half === undefined && done >= ${LIBRARY_CLAIMS / 2}) half = [done, performance.now()]; } if (half !== undefined) process.stderr.write('HALF ' + (done - half[0]) + ' ' + half[1] + ' ' + performance.now() + '\\n');`
          : output === 'objects'
            ? `for await (const { result } of items) { if (result.status === 'failed') failed++; issues += result.issues.length; }`
            : mode === 'thread'
              ? `for await (const { result } of items) { if (result.status === 'failed') failed++; write(JSON.stringify(result)); }`
              : `for await (const item of items) { if (item.status === 'failed') failed++; write(item.bytes); }`;
  return `
import { createReadStream, openSync, writevSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { validateClaims } from '${join(DIST, 'rules/index.js')}';
import { createClaimValidationPool, validateClaimsInWorkers } from '${join(DIST, 'node/index.js')}';
async function* lines() {
  let rest = '';
  for await (const chunk of createReadStream('${ndjson}', { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (rest + chunk).split('\\n');
    rest = parts.pop();
    yield* parts;
  }
  if (rest !== '') yield rest;
}
const fd = openSync('${out}', 'w');
let pending = [];
let size = 0;
const newline = Buffer.from('\\n');
function write(text) {
  pending.push(typeof text === 'string' ? Buffer.from(text) : text, newline);
  size += text.length + 1;
  if (size >= 1 << 20) flush();
}
// A json-lines batch is written, then its memory given back to the pool (release()).
let written = [];
function writeLines(batch) {
  pending.push(batch.bytes);
  written.push(batch);
  size += batch.bytes.length;
  if (size >= 1 << 20) flush();
}
function flush() {
  writevSync(fd, pending);
  for (const batch of written) batch.release();
  pending = []; written = []; size = 0;
}
let failed = 0;
let issues = 0;
const items = ${items};
${consume}
flush();
closeSync(fd);
if (failed === 0) throw new Error('no claim failed: the run did not validate');
`;
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
    rows.push(
      row(S, 'load average (1 min) at the start: other work on this machine', loadavg()[0]!, 'runnable'),
    );

    const ndjson = join(dir, 'claims.ndjson');
    writeFileSync(
      ndjson,
      `${exampleClaimCopies(LIBRARY_CLAIMS, 'B')
        .map((c) => JSON.stringify(c))
        .join('\n')}\n`,
    );
    const out = join(dir, 'results.ndjson');
    // The same start (process, packs, each worker's validator) with next to no claims: subtracted
    // from the full runs, it leaves the time the claims themselves take.
    const few = join(dir, 'few-claims.ndjson');
    writeFileSync(
      few,
      `${exampleClaimCopies(STARTUP_CLAIMS, 'S')
        .map((c) => JSON.stringify(c))
        .join('\n')}\n`,
    );
    const modes = {
      thread: program('thread', libraryProgram(ndjson, out, 'thread', 'json')),
      one: program('one', libraryProgram(ndjson, out, 'workers', 'json', 1)),
      two: program('two', libraryProgram(ndjson, out, 'workers', 'json', 2)),
      threadObjects: program('thread-objects', libraryProgram(ndjson, out, 'thread', 'objects')),
      oneObjects: program('one-objects', libraryProgram(ndjson, out, 'workers', 'objects', 1)),
      twoObjects: program('two-objects', libraryProgram(ndjson, out, 'workers', 'objects', 2)),
      oneBytes: program('one-bytes', libraryProgram(ndjson, out, 'bytes', 'json', 1)),
      twoBytes: program('two-bytes', libraryProgram(ndjson, out, 'bytes', 'json', 2)),
      oneBytesStart: program('one-bytes-start', libraryProgram(few, out, 'bytes', 'json', 1)),
      twoBytesStart: program('two-bytes-start', libraryProgram(few, out, 'bytes', 'json', 2)),
      onePool: program('one-pool', libraryProgram(ndjson, out, 'pool', 'json', 1)),
      twoPool: program('two-pool', libraryProgram(ndjson, out, 'pool', 'json', 2)),
    };
    const runs = Object.fromEntries(Object.keys(modes).map((m) => [m, [] as Run[]])) as Record<
      keyof typeof modes,
      Run[]
    >;
    // The machine's own ceiling for two copies of this job: the one-thread program twice, in two
    // processes started together (each writing its own file), against one alone in the same round.
    const twin = program('thread-twin', libraryProgram(ndjson, `${out}.twin`, 'thread', 'json'));
    const together: number[] = [];
    // The same ceiling for warm copies (each process times its second pass), for the warm pool.
    const warmThread = program('thread-warm', libraryProgram(ndjson, `${out}.warm`, 'thread-warm', 'json'));
    const warmTwin = program(
      'thread-warm-twin',
      libraryProgram(ndjson, `${out}.warm-twin`, 'thread-warm', 'json'),
    );
    const warmAlone: number[] = [];
    const warmTogether: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const [mode, file] of Object.entries(modes))
        runs[mode as keyof typeof modes].push(measure([file]));
      together.push(await measureTogether([modes.thread, twin]));
      warmAlone.push((await warmRatesTogether([warmThread]))[0]!);
      warmTogether.push((await warmRatesTogether([warmThread, warmTwin])).reduce((a, b) => a + b, 0));
    }
    const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof modes,
      Run
    >;
    const rate = (run: Run) => LIBRARY_CLAIMS / (run.ms / 1000);
    const perClaim = (ms: number) => (ms * 1000) / LIBRARY_CLAIMS;
    const n = LIBRARY_CLAIMS.toLocaleString('en-US');
    rows.push(
      row(
        S,
        `validateClaims, one thread, ${n} claims, results written as JSON lines`,
        rate(m.thread),
        'claims/s',
      ),
    );
    rows.push(row(S, "validateClaimsInWorkers output 'json', 1 worker", rate(m.one), 'claims/s'));
    rows.push(row(S, "validateClaimsInWorkers output 'json', 2 workers", rate(m.two), 'claims/s'));
    rows.push(
      row(S, "throughput, 2 workers / 1 worker (output 'json')", m.one.ms / m.two.ms, 'x', { min: 1.8 }),
    );
    rows.push(
      row(
        S,
        'throughput, two one-thread processes started together / one alone (the machine, no pool)',
        (2 * m.thread.ms) / [...together].sort((a, b) => a - b)[together.length >> 1]!,
        'x',
      ),
    );
    rows.push(row(S, "peak RSS, one thread (output 'json')", m.thread.peakMiB, 'MiB'));
    rows.push(row(S, "peak RSS, 1 worker (output 'json')", m.one.peakMiB, 'MiB'));
    rows.push(row(S, "peak RSS, 2 workers (output 'json')", m.two.peakMiB, 'MiB'));
    rows.push(
      row(S, "peak RSS, 2 workers / 1 worker (output 'json')", m.two.peakMiB / m.one.peakMiB, 'x', {
        max: 1.3,
      }),
    );
    for (const [name, run] of [
      ['one thread', m.thread],
      ['1 worker', m.one],
      ['2 workers', m.two],
    ] as const)
      if (run.mainCpuMs >= 0)
        rows.push(
          row(
            S,
            `CPU per claim, ${name} (output 'json'): main thread / other threads`,
            perClaim(run.mainCpuMs),
            `µs / ${perClaim(run.cpuMs - run.mainCpuMs).toFixed(1)} µs`,
          ),
        );
    rows.push(
      row(
        S,
        "validateClaimsInWorkers input 'ndjson' (file bytes), output 'json-lines', 1 worker",
        rate(m.oneBytes),
        'claims/s',
      ),
    );
    rows.push(
      row(
        S,
        "validateClaimsInWorkers input 'ndjson', output 'json-lines', 2 workers",
        rate(m.twoBytes),
        'claims/s',
      ),
    );
    rows.push(
      row(
        S,
        "throughput, 2 workers / 1 worker (input 'ndjson', output 'json-lines')",
        m.oneBytes.ms / m.twoBytes.ms,
        'x',
        {
          min: 1.8,
        },
      ),
    );
    rows.push(
      row(
        S,
        "start-up (process, packs, validators, 20 claims), 1 / 2 workers (input 'ndjson')",
        m.oneBytesStart.ms,
        `ms / ${m.twoBytesStart.ms.toFixed(0)} ms`,
      ),
    );
    rows.push(
      row(
        S,
        "throughput past start-up, 2 workers / 1 worker (input 'ndjson')",
        (m.oneBytes.ms - m.oneBytesStart.ms) / (m.twoBytes.ms - m.twoBytesStart.ms),
        'x',
      ),
    );
    rows.push(
      row(
        S,
        "peak RSS, 1 / 2 workers (input 'ndjson', output 'json-lines')",
        m.oneBytes.peakMiB,
        `MiB / ${m.twoBytes.peakMiB.toFixed(1)} MiB`,
      ),
    );
    rows.push(
      row(
        S,
        "peak RSS, 2 workers / 1 worker (input 'ndjson')",
        m.twoBytes.peakMiB / m.oneBytes.peakMiB,
        'x',
        {
          max: 1.3,
        },
      ),
    );
    // Cores the process had on average: under Linux autogroup scheduling a busy machine shares its
    // CPU by session, not by thread, and a second worker then gets no second core.
    rows.push(
      row(
        S,
        "cores used (CPU time / wall time), 1 / 2 workers (input 'ndjson')",
        m.oneBytes.cpuMs / m.oneBytes.ms,
        `/ ${(m.twoBytes.cpuMs / m.twoBytes.ms).toFixed(2)}`,
      ),
    );
    // Where the CPU goes, thread by thread: the main thread, V8's platform threads (optimizing
    // compiler jobs, GC helpers) and the worker threads; for the whole run, for start-up alone (the
    // 20-claim runs: process, packs, each worker's validator) and per claim past start-up.
    const split = (run: Run) => ({
      main: run.mainCpuMs,
      platform: run.platformCpuMs,
      workers: run.cpuMs - run.mainCpuMs - run.platformCpuMs,
    });
    const splitText = (cpu: ReturnType<typeof split>, unit: (ms: number) => number, suffix: string) =>
      `${suffix} main / ${unit(cpu.platform).toFixed(1)} V8 platform / ${unit(cpu.workers).toFixed(1)} workers`;
    for (const [name, run, start] of [
      ['1 worker', m.oneBytes, m.oneBytesStart],
      ['2 workers', m.twoBytes, m.twoBytesStart],
    ] as const)
      if (run.mainCpuMs >= 0 && run.platformCpuMs >= 0 && start.platformCpuMs >= 0) {
        const whole = split(run);
        const begin = split(start);
        rows.push(
          row(
            S,
            `CPU per claim, ${name} (input 'ndjson'), whole run`,
            perClaim(whole.main),
            splitText(whole, perClaim, 'µs'),
          ),
        );
        rows.push(
          row(
            S,
            `CPU of start-up alone (20 claims), ${name}`,
            begin.main,
            splitText(begin, (ms) => ms, 'ms'),
          ),
        );
        const past = {
          main: whole.main - begin.main,
          platform: whole.platform - begin.platform,
          workers: whole.workers - begin.workers,
        };
        rows.push(
          row(
            S,
            `CPU per claim past start-up, ${name} (input 'ndjson')`,
            perClaim(past.main),
            splitText(past, perClaim, 'µs'),
          ),
        );
      }
    // The rate over the stream's second half: past start-up and the JIT's warm-up, which every
    // worker pays for itself (isolates share no compiled code), what a long stream runs at.
    const secondHalf = (run: Run) =>
      run.half === undefined ? Number.NaN : run.half.claims / ((run.half.endMs - run.half.atMs) / 1000);
    rows.push(
      row(
        S,
        "second half of the stream, 1 / 2 workers (input 'ndjson')",
        secondHalf(m.oneBytes),
        `claims/s / ${Math.round(secondHalf(m.twoBytes)).toLocaleString('en-US')} claims/s`,
      ),
    );
    rows.push(
      row(
        S,
        "throughput over the second half, 2 workers / 1 worker (input 'ndjson')",
        secondHalf(m.twoBytes) / secondHalf(m.oneBytes),
        'x',
        { min: 1.8 },
      ),
    );
    // The same two ratios from each mode's fastest round: on this VM a fresh process can settle
    // into a slow state for its whole life (docs/scaling.md), and a slowed run only ever takes
    // longer, so the fastest round of each mode is the one no such process held back.
    const fastest = (xs: readonly number[]) => Math.max(...xs.filter((x) => !Number.isNaN(x)));
    rows.push(
      row(
        S,
        "throughput, 2 workers / 1 worker (input 'ndjson'), fastest round of each",
        Math.min(...runs.oneBytes.map((r) => r.ms)) / Math.min(...runs.twoBytes.map((r) => r.ms)),
        'x',
      ),
      row(
        S,
        "throughput over the second half, 2 workers / 1 worker (input 'ndjson'), fastest round of each",
        fastest(runs.twoBytes.map(secondHalf)) / fastest(runs.oneBytes.map(secondHalf)),
        'x',
      ),
    );
    // A pool kept across streams (createClaimValidationPool): the second pass over the same file,
    // with every worker started and its compiler warm, what a service validating batch after batch
    // runs at. Medians and fastest of the rounds' second-pass rates.
    const poolRate = (run: Run) =>
      run.pool === undefined ? Number.NaN : run.pool.claims / (run.pool.ms / 1000);
    const middle = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const onePool = middle(runs.onePool.map(poolRate));
    const twoPool = middle(runs.twoPool.map(poolRate));
    rows.push(
      row(
        S,
        "warm pool (createClaimValidationPool), second pass, 1 / 2 workers (input 'ndjson')",
        onePool,
        `claims/s / ${Math.round(twoPool).toLocaleString('en-US')} claims/s`,
      ),
      row(S, 'throughput, warm pool, 2 workers / 1 worker (second pass)', twoPool / onePool, 'x', {
        min: 1.8,
      }),
      row(
        S,
        'throughput, warm pool, 2 workers / 1 worker (second pass), fastest round of each',
        fastest(runs.twoPool.map(poolRate)) / fastest(runs.onePool.map(poolRate)),
        'x',
      ),
      row(
        S,
        'throughput, two warm one-thread processes together / one alone (second pass; the ceiling for a warm pool)',
        middle(warmTogether) / middle(warmAlone),
        'x',
      ),
      row(S, 'peak RSS, warm pool, 2 workers / 1 worker', m.twoPool.peakMiB / m.onePool.peakMiB, 'x', {
        max: 1.3,
      }),
    );
    rows.push(
      row(S, `validateClaims, one thread, ${n} claims, result objects`, rate(m.threadObjects), 'claims/s'),
    );
    rows.push(row(S, "validateClaimsInWorkers output 'objects', 1 worker", rate(m.oneObjects), 'claims/s'));
    rows.push(row(S, "validateClaimsInWorkers output 'objects', 2 workers", rate(m.twoObjects), 'claims/s'));
    rows.push(
      row(S, "throughput, 2 workers / 1 worker (output 'objects')", m.oneObjects.ms / m.twoObjects.ms, 'x'),
    );
    rows.push(
      row(
        S,
        "peak RSS, 2 workers / 1 worker (output 'objects')",
        m.twoObjects.peakMiB / m.oneObjects.peakMiB,
        'x',
      ),
    );
    if (m.oneObjects.mainCpuMs >= 0)
      rows.push(
        row(
          S,
          "CPU per claim, 1 worker (output 'objects'): main thread / other threads",
          perClaim(m.oneObjects.mainCpuMs),
          `µs / ${perClaim(m.oneObjects.cpuMs - m.oneObjects.mainCpuMs).toFixed(1)} µs`,
        ),
      );

    const x12 = join(dir, 'claims.837');
    writeFileSync(x12, exampleClaims837(exampleClaimCopies(CLI_CLAIMS, 'CLI')));
    const cliArgs = [join(DIST, 'cli/index.js'), 'validate', x12, '--json-lines', '--date', TODAY];
    const lib837 = program('lib837', library837Program(x12));
    const cliRuns: Run[] = [];
    const cliWorkerRuns: Run[] = [];
    const libRuns: Run[] = [];
    for (let r = 0; r < Math.max(1, ROUNDS - 1); r++) {
      cliRuns.push(measure(cliArgs));
      cliWorkerRuns.push(measure([...cliArgs, '--workers', '2']));
      libRuns.push(measure([lib837]));
    }
    const cli = median(cliRuns);
    const cliWorkers = median(cliWorkerRuns);
    const lib = median(libRuns);
    const c = CLI_CLAIMS.toLocaleString('en-US');
    const perClaimCli = (ms: number) => (ms * 1000) / CLI_CLAIMS;
    rows.push(
      row(S, `medcode validate --json-lines, ${c} claims 837P: peak RSS`, cli.peakMiB, 'MiB', { max: 150 }),
    );
    rows.push(
      row(S, `medcode validate --json-lines, ${c} claims 837P`, CLI_CLAIMS / (cli.ms / 1000), 'claims/s'),
    );
    rows.push(row(S, 'library: same 837P streamed and validated', CLI_CLAIMS / (lib.ms / 1000), 'claims/s'));
    rows.push(row(S, 'library throughput / CLI throughput', cli.ms / lib.ms, 'x', { max: 1.5 }));
    rows.push(row(S, 'CPU time, CLI / library (all threads)', cli.cpuMs / lib.cpuMs, 'x'));
    rows.push(
      row(
        S,
        `medcode validate --json-lines --workers 2, ${c} claims 837P`,
        CLI_CLAIMS / (cliWorkers.ms / 1000),
        'claims/s',
      ),
    );
    // With --workers the 837P is cut into its transaction sets (5,000 claims each, as the writer
    // makes them), which the workers read, validate and print; the main thread cuts and writes.
    rows.push(row(S, 'CLI throughput, --workers 2 / one thread', cli.ms / cliWorkers.ms, 'x', { min: 1.8 }));
    rows.push(
      row(S, 'CLI CPU time, --workers 2 / one thread (all threads)', cliWorkers.cpuMs / cli.cpuMs, 'x'),
    );
    rows.push(row(S, 'CLI --workers 2: peak RSS', cliWorkers.peakMiB, 'MiB'));
    rows.push(row(S, 'CLI --workers 2: main thread CPU per claim', perClaimCli(cliWorkers.mainCpuMs), 'µs'));
    rows.push(row(S, 'CLI one thread: main thread CPU per claim', perClaimCli(cli.mainCpuMs), 'µs'));
    rows.push(row(S, 'load average (1 min) at the end', loadavg()[0]!, 'runnable'));
    return rows;
  },
};
export default suite;
