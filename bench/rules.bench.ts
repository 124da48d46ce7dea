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
import type { BenchSuite, BenchRow } from './lib';
import { opsPerSecond, row } from './lib';
import { createClaimValidator, validateClaimJson, BUILT_IN_RULES, PROFILES } from '../src/rules/index';
import { PtpTable } from '../src/ncci/index';
import { fastParseClaim } from '../src/claims/fast-parse';
import { ClaimSchema } from '../src/claims/schema';
import { syntheticPtpPack } from '../test/fixtures/ncci/synthetic-pack';
import { syntheticPairs } from '../test/fixtures/ncci/synthetic';

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
  configs: readonly (readonly [string, (c: unknown) => unknown])[],
  input: readonly unknown[],
  rounds = 12,
  perRound = 3000,
): Map<string, number> {
  const total = new Map<string, number>();
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of configs) {
      const t0 = process.cpuUsage();
      for (let i = 0; i < perRound; i++) fn(input[i % input.length]);
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
    const configs: [string, (c: unknown) => unknown][] = [
      ['zod', (c) => ClaimSchema.safeParse(c)],
      ['read', (c) => fastParseClaim(c)],
      ['all', (c) => all.validateJson(c)],
      ['fresh', fresh],
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
    const us = interleaved(configs, input);
    const noneUs = us.get('none')!;
    rows.push(row('rules', 'CPU time: all rules', 1e6 / us.get('all')!, 'claims/cpu-s', { min: 50_000 }));
    rows.push(row('rules', 'CPU time: all rules', us.get('all')!, 'µs/claim'));
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
        'CPU time: ClaimSchema.safeParse alone (zod, not used for clean claims)',
        us.get('zod')!,
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
    return rows;
  },
};
export default suite;
