/**
 * Claim validation throughput: a claim with 10 lines and 6 diagnoses through every rule of
 * `medicare-professional`, with the synthetic 2.5M-row PTP pack loaded and the REAL built-in code
 * sets (ICD-10-CM, HCPCS Level II, modifiers, places of service, the MUE practitioner table, the
 * MCE lists) — no fakes. Also one row per rule alone and one for reading the claim alone, to show
 * where the time goes.
 *
 * The machine is shared (2 cores, several jobs), so besides tinybench's wall-clock figure every
 * configuration is timed interleaved in CPU time (user + system), which swings far less with load.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchSuite, BenchRow } from './lib';
import { bareNodeMs, coldStartMs, opsPerSecond, row } from './lib';
import { createClaimValidator, validateClaimJson, BUILT_IN_RULES, PROFILES } from '../src/rules/index';
import { PtpTable } from '../src/ncci/index';
import { fastParseClaim } from '../src/claims/fast-parse';
import { explainClaim } from '../src/claims/explain';
import { parseClaim } from '../src/claims/parse';
import type { Claim } from '../src/claims/schema';
import { unwrap } from '../src/core/result';
import { ClaimSchema } from '../src/claims/schema';
import { syntheticPtpPack } from '../test/fixtures/ncci/synthetic-pack';
import { syntheticPairs } from '../test/fixtures/ncci/synthetic';
import { icd10cm } from '../src/icd10cm/index';
import { hcpcs } from '../src/hcpcs/index';
import { loadMueTable } from '../src/ncci/mue';
import { encodeProcedureCode } from '../src/ncci/codes';

const REPO = resolve(import.meta.dirname, '..');

/** A claim as the floor reads it: its diagnosis codes, and per line the procedure and modifiers. */
interface ProbeClaim {
  readonly claim: unknown;
  readonly diagnoses: readonly string[];
  readonly procedures: readonly string[];
  /** The procedures as NCCI's integer codes (encodeProcedureCode), as the PTP rule reads them. */
  readonly procedureNumbers: readonly number[];
  readonly modifiers: readonly string[];
  readonly placeOfService: string;
}

/** PTP as a hash table: column 1 code → (column 2 code → row), 2.5M pairs in all. */
function ptpMap(pairs: ReturnType<typeof syntheticPairs>): Map<number, Map<number, number>> {
  const ptp = new Map<number, Map<number, number>>();
  let rowNumber = 0;
  pairs.col1.forEach((a, i) => {
    const column2 = new Map<number, number>();
    for (const b of pairs.col2Of(i)) column2.set(encodeProcedureCode(b), rowNumber++);
    ptp.set(encodeProcedureCode(a), column2);
  });
  return ptp;
}

/**
 * The first round's hand-listed floor, kept beside the recorded one to show what it missed: the lookups it assumed, replayed as plain `Map.get`
 * on maps of the real data's sizes, and nothing else (no claim reading, no dates, no issues). Per
 * claim: each diagnosis in the ICD-10-CM code map twice (validity, "use additional code" notes)
 * and the first once more (manifestation); each diagnosis pair in a two-level Excludes1 verdict
 * map; each line's procedure in the HCPCS map (Level II codes) and the MUE map, its modifiers in
 * the modifier map; the place of service; and, for the PTP edits, each line's code in the column 1
 * map and each ordered pair of lines in that code's column 2 map (2.5M pairs in all).
 */
function handListedFloor(ptp: ReadonlyMap<number, ReadonlyMap<number, number>>): (c: ProbeClaim) => number {
  const date = '2026-05-01';
  const icd = new Map<string, unknown>();
  for (const e of icd10cm.at(date).codes()) icd.set(e.code, e);
  const level2 = new Map<string, unknown>();
  for (const e of hcpcs.at(date).codes()) level2.set(e.code, e);
  const modifiers = new Map<string, unknown>();
  for (const e of hcpcs.modifiers.at(date).codes()) modifiers.set(e.code, e);
  const pos = new Map<string, unknown>();
  for (const e of hcpcs.placesOfService.at(date).codes()) pos.set(e.code, e);
  const mueTable = loadMueTable({ edition: 'practitioner-2026q2' });
  const mue = new Map<string, number>();
  for (let i = 0; i < mueTable.size; i++) mue.set(mueTable.codeAt(i), i);
  const excludes = new Map<string, Map<string, number>>();
  return (c) => {
    let found = 0;
    const dx = c.diagnoses;
    for (const d of dx) {
      if (icd.get(d) !== undefined) found++;
      if (icd.get(d) !== undefined) found++;
    }
    if (dx.length > 0 && icd.get(dx[0]!) !== undefined) found++;
    for (let i = 0; i < dx.length; i++) {
      let row = excludes.get(dx[i]!);
      if (row === undefined) {
        row = new Map(dx.map((d, k) => [d, k]));
        excludes.set(dx[i]!, row);
      }
      for (let j = i + 1; j < dx.length; j++) if (row.get(dx[j]!) !== undefined) found++;
    }
    const p = c.procedures;
    const codes = c.procedureNumbers;
    for (let i = 0; i < p.length; i++) {
      if (level2.get(p[i]!) !== undefined) found++;
      if (mue.get(p[i]!) !== undefined) found++;
      const column2 = ptp.get(codes[i]!);
      if (column2 === undefined) continue;
      for (let j = 0; j < p.length; j++) if (j !== i && column2.get(codes[j]!) !== undefined) found++;
    }
    for (const m of c.modifiers) if (modifiers.get(m) !== undefined) found++;
    if (pos.get(c.placeOfService) !== undefined) found++;
    return found;
  };
}

/** Where a recorded probe went: a hash table (replayed on a Map of the same keys) and the key. */
interface Probe {
  readonly table: ReadonlyMap<unknown, unknown>;
  readonly key: unknown;
}

/** A claim's recorded lookups, as the floor replays them, with where the others went. */
interface ProbeTrace {
  readonly claim: unknown;
  /** The lookups the rules make (rule modules and the data they read), in order. */
  readonly probes: readonly Probe[];
  /** Hash probes outside the rules (engine bookkeeping, claim reading): counted, not replayed. */
  readonly elsewhere: number;
  /** Probes per rule module (the nearest `src/rules/modules/*` frame), for the report. */
  readonly byModule: ReadonlyMap<string, number>;
}

/** The nearest rule module in a stack trace, or undefined when the probe is not a rule's. */
function ruleModuleOf(stack: string): string | undefined {
  const m = /src[\\/]rules[\\/](modules[\\/][\w-]+|mce)\.ts/.exec(stack);
  return m?.[1]?.replace(/\\/g, '/');
}

/**
 * Records every hash probe one validation makes: `Map#get`, `Map#has`, `Set#has` and `WeakMap#get`
 * (the rules' memos and the data's own maps: code-set verdicts, MUE rows, Excludes1 and
 * "use additional code" caches, AOC rows, MCE lists, modifier and place-of-service sets), plus
 * the PTP table's two searches (`column1Index`, the column-1 code's hash index; `findActiveInRange`,
 * one column-2 code within that code's rows, made for each other code on the date), which are
 * recorded as the hash probes they stand for on a 2.5M-pair `Map<column1, Map<column2, row>>`. A
 * probe made inside a PTP search is not counted twice. Only for the bench, before any timing: the built-in
 * prototypes are restored before it returns.
 */
function traceProbes(
  validate: (c: unknown) => unknown,
  input: readonly unknown[],
  ptp: ReadonlyMap<number, ReadonlyMap<number, number>>,
): ProbeTrace[] {
  const originals = {
    mapGet: Map.prototype.get,
    mapHas: Map.prototype.has,
    setHas: Set.prototype.has,
    weakGet: WeakMap.prototype.get,
    column1: PtpTable.prototype.column1Index,
    find: PtpTable.prototype.findActiveInRange,
  };
  const emptyColumn2 = new Map<number, number>();
  // Each recorded Set / WeakMap is replayed on a Map holding the same keys (snapshot after the trace).
  const sets = new Map<object, Map<unknown, unknown>>();
  let recording: { table: object; kind: 'map' | 'set' | 'weak' | 'ptp'; key: unknown; stack: string }[] = [];
  let depth = 0; // > 0 inside a recorder or a PTP search: nested probes are not the rule's own
  const record = (table: object, kind: 'map' | 'set' | 'weak' | 'ptp', key: unknown) => {
    if (depth > 0) return;
    depth++;
    recording.push({ table, kind, key, stack: new Error().stack ?? '' });
    depth--;
  };
  let column1: ReadonlyMap<number, number> = emptyColumn2;
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    record(this, 'map', key);
    return originals.mapGet.call(this, key);
  };
  Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
    record(this, 'map', key);
    return originals.mapHas.call(this, key);
  };
  Set.prototype.has = function (this: Set<unknown>, key: unknown) {
    record(this, 'set', key);
    return originals.setHas.call(this, key);
  };
  WeakMap.prototype.get = function (this: WeakMap<object, unknown>, key: object) {
    record(this, 'weak', key);
    return originals.weakGet.call(this, key);
  };
  PtpTable.prototype.column1Index = function (this: PtpTable, code1: number) {
    record(ptp, 'ptp', code1);
    column1 = originals.mapGet.call(ptp, code1) ?? emptyColumn2;
    depth++;
    try {
      return originals.column1.call(this, code1);
    } finally {
      depth--;
    }
  };
  PtpTable.prototype.findActiveInRange = function (this: PtpTable, ...args) {
    record(column1, 'ptp', args[2]);
    depth++;
    try {
      return originals.find.apply(this, args);
    } finally {
      depth--;
    }
  };
  const traces: { claim: unknown; recorded: typeof recording }[] = [];
  try {
    for (const claim of input) {
      recording = [];
      validate(claim);
      traces.push({ claim, recorded: recording });
    }
  } finally {
    Map.prototype.get = originals.mapGet;
    Map.prototype.has = originals.mapHas;
    Set.prototype.has = originals.setHas;
    WeakMap.prototype.get = originals.weakGet;
    PtpTable.prototype.column1Index = originals.column1;
    PtpTable.prototype.findActiveInRange = originals.find;
    Error.stackTraceLimit = previousLimit;
  }
  const replayTable = (table: object, kind: string, key: unknown): ReadonlyMap<unknown, unknown> => {
    if (kind === 'map' || kind === 'ptp') return table as ReadonlyMap<unknown, unknown>;
    let copy = sets.get(table);
    if (copy === undefined) {
      copy = kind === 'set' ? new Map([...(table as Set<unknown>)].map((k) => [k, true])) : new Map();
      sets.set(table, copy);
    }
    // A WeakMap cannot be listed: its replay Map holds the keys the trace probed, with their values.
    if (kind === 'weak' && !copy.has(key)) {
      const v = (table as WeakMap<object, unknown>).get(key as object);
      if (v !== undefined) copy.set(key, v);
    }
    return copy;
  };
  return traces.map(({ claim, recorded }) => {
    const probes: Probe[] = [];
    const byModule = new Map<string, number>();
    let elsewhere = 0;
    for (const r of recorded) {
      const module = ruleModuleOf(r.stack);
      if (module === undefined) {
        elsewhere++;
        continue;
      }
      byModule.set(module, (byModule.get(module) ?? 0) + 1);
      probes.push({ table: replayTable(r.table, r.kind, r.key), key: r.key });
    }
    return { claim, probes, elsewhere, byModule };
  });
}

/**
 * The hash-probe floor: a claim's recorded lookups (see {@link traceProbes}) replayed as plain
 * `Map.get` on Maps holding the same keys, and nothing else (no claim reading, no dates, no issues).
 */
function replayProbes(trace: ProbeTrace): number {
  const probes = trace.probes;
  let found = 0;
  for (let i = 0; i < probes.length; i++) {
    const p = probes[i]!;
    if (p.table.get(p.key) !== undefined) found++;
  }
  return found;
}

function claims(): unknown[] {
  const { col1, col2Of } = syntheticPairs(2_500_000);
  const out: unknown[] = [];
  for (let k = 0; k < 64; k++) {
    const a = col1[(k * 131) % col1.length]!;
    const c2 = col2Of((k * 131) % col1.length);
    const procs = [a, c2[3]!, c2[50]!, '99213', 'J1100', '97110', '20610', '96372', c2[120]!, '88350'];
    out.push({
      claimId: `B${k}`,
      patient: { birthDate: '1958-07-01', sex: 'F' },
      placeOfService: '11',
      diagnoses: [
        { code: 'E11.9' },
        { code: 'Z79.4' },
        { code: 'I10' },
        { code: 'J02.9' },
        { code: 'M54.50' },
        { code: 'E10.9' },
      ],
      lines: procs.map((p, i) => ({
        procedure: p,
        units: 1 + (i % 2),
        charge: '125.00',
        serviceDate: '2026-05-01',
        diagnosisPointers: [1 + (i % 6), 1 + ((i + 1) % 6)],
        modifiers: i % 3 === 0 ? ['59'] : [],
      })),
    });
  }
  return out;
}

/**
 * Interleaved timing: every configuration runs a slice in each round, so that load from other
 * processes hits them alike; returns CPU microseconds per claim (user + system).
 */
function interleaved(
  configs: readonly (readonly [string, (c: unknown) => unknown, (readonly unknown[])?])[],
  input: readonly unknown[],
  rounds = 12,
  perRound = 3000,
): Map<string, number> {
  const total = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn, own] of configs) {
      const data = own ?? input;
      const t0 = process.cpuUsage();
      for (let i = 0; i < perRound; i++) fn(data[i % data.length]);
      const used = process.cpuUsage(t0);
      if (r > 0) total.set(name, (total.get(name) ?? 0) + used.user + used.system); // round 0 warms up
    }
  }
  return new Map([...total].map(([k, us]) => [k, us / ((rounds - 1) * perRound)]));
}

const suite: BenchSuite = {
  name: 'rules',
  async run() {
    const rows: BenchRow[] = [];
    const { file } = await syntheticPtpPack();
    const tables = [PtpTable.fromPack(file)];
    const input = claims();
    const base = { ptp: { tables }, today: '2026-11-27' } as const;
    const all = createClaimValidator(base);
    const sample = all.validateJson(input[0]);
    const unexpected = sample.skipped.filter(
      (s) => !(s.rule === 'code-validity' && s.reason.startsWith('CPT existence not checked')),
    );
    if (
      !sample.issues.some((e) => e.code === 'ncci_ptp') ||
      !sample.issues.some((e) => e.code === 'excludes1_conflict') ||
      unexpected.length > 0
    ) {
      throw new Error(
        `bench claim does not exercise the rules: ${JSON.stringify(sample.issues.map((e) => e.code))} ${JSON.stringify(unexpected)}`,
      );
    }
    rows.push(
      row(
        'rules',
        `medicare-professional, 10 lines / 6 dx, 2.5M PTP, real code sets (tinybench, wall)`,
        await opsPerSecond('all', input, (c) => all.validateJson(c), 200),
        'claims/s',
        { min: 50_000 },
      ),
    );
    const profile = PROFILES.get('medicare-professional')!;
    // The natural call: a fresh options literal on every call, as users write it. Its resolved
    // validator is found again by the options' content (tables by identity).
    const fresh = (c: unknown) =>
      validateClaimJson(c, { profile: 'medicare-professional', ptp: { tables }, today: '2026-11-27' });
    const probes: ProbeClaim[] = input.map((claim) => {
      const c = claim as {
        placeOfService: string;
        diagnoses: { code: string }[];
        lines: { procedure: string; modifiers: string[] }[];
      };
      return {
        claim,
        diagnoses: c.diagnoses.map((d) => d.code),
        procedures: c.lines.map((l) => l.procedure),
        procedureNumbers: c.lines.map((l) => encodeProcedureCode(l.procedure)),
        modifiers: c.lines.flatMap((l) => l.modifiers),
        placeOfService: c.placeOfService,
      };
    });
    const parsedInput = input.map((c) => unwrap(parseClaim(c)));
    const ptp = ptpMap(syntheticPairs(2_500_000));
    const handListed = handListedFloor(ptp);
    // Record the exact lookups of each claim in steady state (memos warm, as in the timed loop).
    for (const c of input) all.validateJson(c);
    const traces = traceProbes((c) => all.validateJson(c), input, ptp);
    const probeCounts = traces.map((t) => t.probes.length);
    const defaultValidator = createClaimValidator();
    const configs: [string, (c: unknown) => unknown, (readonly unknown[])?][] = [
      ['floor', (c) => replayProbes(c as ProbeTrace), traces],
      ['hand-listed floor', (c) => handListed(c as ProbeClaim), probes],
      ['zod', (c) => ClaimSchema.safeParse(c)],
      ['explain', (c) => explainClaim(c)],
      ['read', (c) => fastParseClaim(c)],
      ['all', (c) => all.validateJson(c)],
      // Claims parseClaim returned are marked and not read a second time by the validator.
      ['all, parsed claims', (c) => all.validate(c as Claim), parsedInput],
      // Issue messages render on first read: this row is what a caller that prints every message pays.
      [
        'all+messages',
        (c) => {
          let n = 0;
          for (const issue of all.validateJson(c).issues) n += issue.message.length;
          return n;
        },
      ],
      ['fresh', fresh],
      // The shortest call, with the built-in data and no PTP tables, against the validator it resolves.
      ['no options', (c) => validateClaimJson(c)],
      ['default validator', (c) => defaultValidator.validateJson(c)],
    ];
    const none = createClaimValidator({
      ...base,
      rules: Object.fromEntries([...BUILT_IN_RULES.keys()].map((k) => [k, false])),
    });
    configs.push(['none', (c) => none.validateJson(c)]);
    for (const { id } of profile.rules) {
      const only = Object.fromEntries([...BUILT_IN_RULES.keys()].map((k) => [k, k === id]));
      const v = createClaimValidator({ ...base, rules: only });
      configs.push([id, (c) => v.validateJson(c)]);
    }
    // The opt-in 837P check writes each claim with the 837P writer: its cost on the two-line example
    // claim, which carries every loop the 837P requires (the bench claims carry none, and the writer
    // stops at the first missing loop).
    const example = [JSON.parse(readFileSync(join(REPO, 'examples', 'clean-office-visit.json'), 'utf8'))];
    const exampleOff = createClaimValidator({ today: '2026-11-27' });
    const exampleOn = createClaimValidator({ today: '2026-11-27', rules: { 'x12-837p': true } });
    const us = interleaved(configs, input);
    // Timed on their own, after the others: in the same rounds they would change what the caches hold
    // for the floor's lookups, and with it the floor.
    const exampleUs = interleaved(
      [
        ['example', (c) => exampleOff.validateJson(c)],
        ['example + x12-837p', (c) => exampleOn.validateJson(c)],
      ],
      example,
    );
    const noneUs = us.get('none')!;
    rows.push(row('rules', 'CPU time: all rules', 1e6 / us.get('all')!, 'claims/cpu-s', { min: 50_000 }));
    rows.push(row('rules', 'CPU time: all rules', us.get('all')!, 'µs/claim'));
    rows.push(
      row(
        'rules',
        'CPU time: all rules, on claims parseClaim returned (not read again)',
        us.get('all, parsed claims')!,
        'µs/claim',
      ),
    );
    rows.push(
      row('rules', 'CPU time: all rules, every issue message read', us.get('all+messages')!, 'µs/claim'),
    );
    const byModule = new Map<string, number>();
    for (const t of traces) for (const [m, n] of t.byModule) byModule.set(m, (byModule.get(m) ?? 0) + n);
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    rows.push(
      row(
        'rules',
        'hash probes per claim made by the rules (recorded, replayed by the floor)',
        mean(probeCounts),
        'probes',
      ),
    );
    for (const [m, n] of [...byModule].sort((a, b) => b[1] - a[1]))
      rows.push(row('rules', `  of which in ${m}`, n / traces.length, 'probes'));
    rows.push(
      row(
        'rules',
        'hash probes per claim outside the rules (engine, claim reader; not replayed)',
        mean(traces.map((t) => t.elsewhere)),
        'probes',
      ),
    );
    rows.push(
      row(
        'rules',
        "CPU time: hash-probe floor (each claim's recorded lookups as plain Map.get, 2.5M-pair PTP Map)",
        us.get('floor')!,
        'µs/claim',
      ),
    );
    rows.push(
      row(
        'rules',
        "CPU time: first round's hand-listed floor (for comparison)",
        us.get('hand-listed floor')!,
        'µs/claim',
      ),
    );
    rows.push(
      row(
        'rules',
        'all rules ÷ hash-probe floor (CPU time per claim)',
        us.get('all')! / us.get('floor')!,
        '×',
        {
          max: 3,
        },
      ),
    );
    rows.push(
      row(
        'rules',
        'CPU time: validateClaim(claim, { profile, … }) with a fresh options literal per call',
        1e6 / us.get('fresh')!,
        'claims/cpu-s',
      ),
    );
    rows.push(
      row(
        'rules',
        'fresh options literal per call ÷ reused createClaimValidator (throughput ratio)',
        us.get('all')! / us.get('fresh')!,
        '×',
        { min: 0.8 },
      ),
    );
    rows.push(
      row(
        'rules',
        'validateClaimJson(claim) with no options ÷ a reused createClaimValidator() (throughput ratio)',
        us.get('default validator')! / us.get('no options')!,
        '×',
        { min: 0.8 },
      ),
    );
    rows.push(
      row(
        'rules',
        'CPU time: ClaimSchema.safeParse alone (zod; validation does not load it)',
        us.get('zod')!,
        'µs/claim',
      ),
    );
    rows.push(
      row(
        'rules',
        'CPU time: explainClaim alone, same claims (what reads a refused claim, without zod)',
        us.get('explain')!,
        'µs/claim',
      ),
    );
    rows.push(
      row('rules', 'CPU time: fastParseClaim alone (the claim reader used)', us.get('read')!, 'µs/claim'),
    );
    rows.push(
      row('rules', 'CPU time: engine with every rule off (read + dates + result)', noneUs, 'µs/claim'),
    );
    for (const { id } of profile.rules)
      rows.push(row('rules', `CPU time: + ${id} alone`, us.get(id)! - noneUs, 'µs/claim'));
    rows.push(
      row(
        'rules',
        'CPU time: examples/clean-office-visit.json, medicare-professional, built-in data',
        exampleUs.get('example')!,
        'µs/claim',
      ),
      row(
        'rules',
        'the same with the x12-837p rule on ÷ off (the 837P writer per claim)',
        exampleUs.get('example + x12-837p')! / exampleUs.get('example')!,
        '×',
      ),
    );

    // Start-up, paid by every CLI run, serverless cold start and worker of the validation pool:
    // fresh processes, medians of 15, against bare node in the same run. zod alone is the
    // reference for what importing medcode/rules no longer loads.
    const bare = bareNodeMs();
    const claimText = JSON.stringify(input[0]);
    const coldRows: [string, string][] = [
      ['import medcode/rules', "import { validateClaimJson } from 'medcode/rules';"],
      [
        'import medcode/rules + validate one claim (built-in data)',
        `import { validateClaimJson } from 'medcode/rules'; validateClaimJson(${claimText}, { today: '2026-11-27' });`,
      ],
      [
        'import zod alone (reference: what validation loaded before)',
        `await import(${JSON.stringify(join(REPO, 'node_modules', 'zod', 'index.js'))});`,
      ],
    ];
    for (const [label, script] of coldRows)
      rows.push(row('rules', `cold start over bare node: ${label}`, coldStartMs(script) - bare, 'ms'));
    return rows;
  },
};
export default suite;
