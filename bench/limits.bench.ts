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
 *
 * Two rules get claims of their own, so that the row measures the rule's scaling and not the size of
 * its output: `ncci-ptp` runs with the synthetic 2.5M-row PTP pack of the rules bench on lines whose
 * codes are distinct and form a fixed number of PTP pairs per 10 lines (all on one date, the case a
 * pairwise comparison makes quadratic), and `icd10cm-excludes1` on distinct real ICD-10-CM codes
 * with a fixed number of Excludes1 pairs per 12 diagnoses. The bench checks that the edits grow
 * exactly tenfold before it times anything.
 */
import type { BenchRow, BenchSuite } from './lib';
import { row } from './lib';
import { BUILT_IN_RULES, PROFILES, createClaimValidator, validateClaimJson } from '../src/rules/index';
import type { ValidateOptions } from '../src/rules/index';
import { icd10cm } from '../src/icd10cm/index';
import { PtpTable } from '../src/ncci/index';
import { syntheticPtpPack } from '../test/fixtures/ncci/synthetic-pack';
import { syntheticPairs } from '../test/fixtures/ncci/synthetic';

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

const SERVICE_DATE = '2026-05-01';

/** A claim of `procedures.length` lines on one date with the given procedures (every third with 59). */
export function claimOfProcedures(
  id: string,
  procedures: readonly string[],
  diagnoses: readonly string[],
): unknown {
  return {
    claimId: id,
    patient: { birthDate: '1958-07-01', sex: 'F' },
    placeOfService: '11',
    diagnoses: diagnoses.map((code) => ({ code })),
    lines: procedures.map((procedure, i) => ({
      procedure,
      units: 1,
      charge: '125.00',
      serviceDate: SERVICE_DATE,
      diagnosisPointers: [1],
      modifiers: i % 3 === 0 ? ['59'] : [],
    })),
  };
}

/**
 * `count` distinct procedure codes of the synthetic PTP table, in pairs that have an edit active on
 * the service date, with no edit between codes of different pairs: each line is in exactly one PTP
 * pair however long the claim.
 */
export function ptpPairCodes(table: PtpTable, count: number): string[] {
  const { col1, col2Of } = syntheticPairs(2_500_000);
  const chosen: string[] = [];
  const taken = new Set<string>();
  const edited = (a: string, b: string) =>
    table.lookup(a, b, SERVICE_DATE) !== undefined || table.lookup(b, a, SERVICE_DATE) !== undefined;
  const free = (c: string) => !taken.has(c) && chosen.every((x) => !edited(x, c));
  for (let k = 0; chosen.length < count && k < col1.length; k++) {
    const a = col1[k]!;
    if (!free(a)) continue;
    const b = col2Of(k).find((c) => c !== a && table.lookup(a, c, SERVICE_DATE) !== undefined && free(c));
    if (b === undefined) continue;
    chosen.push(a, b);
    taken.add(a).add(b);
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} PTP pair codes found`);
  return chosen;
}

/**
 * `count` distinct billable ICD-10-CM codes (count a multiple of 12): per 12, two Excludes1 pairs
 * and eight codes without an Excludes1 conflict with any other code chosen.
 */
export function excludes1Diagnoses(count: number): string[] {
  const cm = icd10cm.at(SERVICE_DATE);
  const billable = [...cm.codes({ billable: true })].map((e) => e.code);
  const chosen: string[] = [];
  const taken = new Set<string>();
  const conflict = (a: string, b: string) => cm.excludesConflicts(a, b, 'excludes1').length > 0;
  const free = (c: string) => !taken.has(c) && chosen.every((x) => !conflict(x, c));
  const take = (...codes: string[]) => {
    chosen.push(...codes);
    for (const c of codes) taken.add(c);
  };
  const pairs: string[][] = [];
  // Pairs: a code with an Excludes1 note and the first billable code its note names.
  for (let k = 0; pairs.length < count / 6 && k < billable.length; k += 41) {
    const a = billable[k]!;
    if (!free(a)) continue;
    const refs = (cm.notesFor(a)?.excludes1 ?? []).flatMap((note) => note.references);
    for (const ref of refs) {
      let b: string | undefined;
      try {
        b = [...cm.codes({ under: ref.low, billable: true })]
          .map((e) => e.code)
          .find((c) => c !== a && conflict(a, c) && free(c));
      } catch {
        continue; // a reference to a range start that is not itself a code
      }
      if (b === undefined) continue;
      take(a, b);
      pairs.push([a, b]);
      break;
    }
  }
  const fillers: string[] = [];
  for (let k = 7; fillers.length < count - 2 * pairs.length && k < billable.length; k += 97) {
    const c = billable[k]!;
    if (!free(c)) continue;
    take(c);
    fillers.push(c);
  }
  if (pairs.length < count / 6 || fillers.length < count - 2 * pairs.length)
    throw new Error('not enough Excludes1 pairs or fillers found');
  // Blocks of 12: two pairs, eight fillers, so that the 1× claim is the first block of the 10× one.
  const out: string[] = [];
  for (let b = 0; b < count / 12; b++)
    out.push(...pairs[2 * b]!, ...pairs[2 * b + 1]!, ...fillers.slice(8 * b, 8 * b + 8));
  return out;
}

/** The number of edits of the given codes a validator reports on a claim. */
function editCount(
  validate: (c: unknown) => { issues: readonly { code: string }[] },
  c: unknown,
  codes: readonly string[],
): number {
  return validate(c).issues.filter((i) => codes.includes(i.code)).length;
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
export function ruleMicros(rule: () => unknown, engine: () => unknown, calls: number, rounds = 7): number {
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
    const { file } = await syntheticPtpPack();
    const ptpTables = [PtpTable.fromPack(file)];
    const ptpCodes = ptpPairCodes(ptpTables[0]!, 500);
    const excludes1Codes = excludes1Diagnoses(120);
    // Claims of their own for two rules (see the top of the file); the edit codes they must report.
    const own = new Map<string, { small: unknown; large: unknown; extra: ValidateOptions; edits: string[] }>([
      [
        'ncci-ptp',
        {
          small: claimOfProcedures('P1', ptpCodes.slice(0, 50), ['I10']),
          large: claimOfProcedures('P10', ptpCodes, ['I10']),
          extra: { ptp: { tables: ptpTables } },
          edits: ['ncci_ptp', 'ncci_ptp_bypassed'],
        },
      ],
      [
        'icd10cm-excludes1',
        {
          small: claimOfProcedures('X1', PROCEDURES.slice(0, 5), excludes1Codes.slice(0, 12)),
          large: claimOfProcedures('X10', PROCEDURES.slice(0, 5), excludes1Codes),
          extra: {},
          edits: ['excludes1_conflict'],
        },
      ],
    ]);
    const none = createClaimValidator({
      ...options,
      rules: Object.fromEntries([...BUILT_IN_RULES.keys()].map((k) => [k, false])),
    });
    for (const { id } of PROFILES.get('medicare-professional')!.rules) {
      const only = Object.fromEntries([...BUILT_IN_RULES.keys()].map((k) => [k, k === id]));
      const mine = own.get(id);
      const v = createClaimValidator({ ...options, ...mine?.extra, rules: only });
      const smallClaim = mine?.small ?? small;
      const largeClaim = mine?.large ?? large;
      if (mine) {
        const validate = (c: unknown) => v.validateJson(c);
        const s1 = editCount(validate, smallClaim, mine.edits);
        const s10 = editCount(validate, largeClaim, mine.edits);
        if (s1 === 0 || s10 !== 10 * s1)
          throw new Error(`${id}: the bench claims give ${s1} and ${s10} edits, not n and 10n`);
      }
      const s = Math.max(
        0.5,
        ruleMicros(
          () => v.validateJson(smallClaim),
          () => none.validateJson(smallClaim),
          200,
        ),
      );
      const l = Math.max(
        0.5,
        ruleMicros(
          () => v.validateJson(largeClaim),
          () => none.validateJson(largeClaim),
          20,
        ),
      );
      const what = mine ? ', edits ×10' : '';
      // icd10cm-excludes1 changes method past 12 diagnoses, so its 10× ÷ 1× compares two methods and
      // carries no target here; the row after the loop times its scaling on one method.
      const twoMethods = id === 'icd10cm-excludes1';
      rows.push(
        row(
          'limits',
          `${id}: CPU time at 10× claim size ÷ at 1× (${twoMethods ? 'pair cache at 1×, sorted index at 10×' : `linear ≈ 10${what}`})`,
          l / s,
          '×',
          twoMethods ? undefined : { max: 25 },
        ),
      );
    }
    // icd10cm-excludes1 pairs every diagnosis up to 12 (66 cached pair verdicts) and goes through the
    // claim's codes sorted once past 12: the 10×/1× row above compares the two methods. This row
    // times the sorted-index method alone, from 24 to 120 diagnoses (edits ×5; linear ≈ 5, n log n ≈ 7.5).
    {
      const only = Object.fromEntries([...BUILT_IN_RULES.keys()].map((k) => [k, k === 'icd10cm-excludes1']));
      const v = createClaimValidator({ ...options, rules: only });
      const from = claimOfProcedures('X2', PROCEDURES.slice(0, 5), excludes1Codes.slice(0, 24));
      const to = claimOfProcedures('X10', PROCEDURES.slice(0, 5), excludes1Codes);
      const validate = (c: unknown) => v.validateJson(c);
      const e2 = editCount(validate, from, ['excludes1_conflict']);
      const e10 = editCount(validate, to, ['excludes1_conflict']);
      if (e2 === 0 || e10 !== 5 * e2)
        throw new Error(`icd10cm-excludes1: the bench claims give ${e2} and ${e10} edits, not n and 5n`);
      const a = ruleMicros(
        () => v.validateJson(from),
        () => none.validateJson(from),
        100,
      );
      const b = ruleMicros(
        () => v.validateJson(to),
        () => none.validateJson(to),
        20,
      );
      rows.push(
        row(
          'limits',
          'icd10cm-excludes1: CPU time at 120 ÷ at 24 diagnoses (sorted-index method, linear ≈ 5, edits ×5)',
          b / Math.max(0.5, a),
          '×',
          { max: 12 },
        ),
      );
      rows.push(row('limits', 'icd10cm-excludes1 at 120 diagnoses, per edit', b / e10, 'µs/edit'));
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
