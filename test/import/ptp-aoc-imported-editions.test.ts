/**
 * NCCI PTP and add-on code tables imported into a `MEDCODE_CODESETS` folder are used by
 * `validateClaim` on their quarters' dates with no other change in the caller, as imported MUE
 * tables and MCE lists are. PTP: the CMS practitioner table v24.0 (2018 Q1) from the test fixtures
 * (no current PTP file is held: they are over a hundred megabytes). AOC: the CMS Medicare add-on
 * code table 2026 Q2, over a copy of the built-in folder without its own AOC table.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SOURCES_DIR } from '../../scripts/lib/codesets';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';
import { importCodeSets } from '../../src/import/index';
import { validateClaim } from '../../src/rules/engine';
import { builtInWithout } from './built-in-without';

const temp = mkdtempSync(join(tmpdir(), 'medcode-ptp-aoc-import-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The clean office-visit example with the given procedures, each on its own line on `date`. */
function claimWith(procedures: readonly string[], date: string): Claim {
  const c = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as {
    lines: Record<string, unknown>[];
  } & Record<string, unknown>;
  const r = parseClaim({
    ...c,
    lines: procedures.map((procedure) => ({ ...c.lines[0], procedure, serviceDate: date })),
  });
  if (!r.ok) throw new Error('example claim');
  return r.value;
}

async function withImported<T>(out: string, run: () => T): Promise<T> {
  process.env.MEDCODE_CODESETS = out;
  try {
    return run();
  } finally {
    delete process.env.MEDCODE_CODESETS;
  }
}

describe('imported PTP and AOC editions in validateClaim', () => {
  it('a PTP table imported into MEDCODE_CODESETS is applied on its quarter', async () => {
    const out = join(temp, 'ptp');
    const imported = await importCodeSets(['test/fixtures/ncci/ccipra-v240r0-f1.zip'], { out });
    expect(imported.ok).toBe(true);
    // 64633 with 64484 on the same day in 2018 Q1: a practitioner PTP pair, modifier indicator 1.
    const claim = claimWith(['64633', '64484'], '2018-02-01');
    const options = { profile: 'medicare-professional', today: '2026-09-01' } as const;
    const before = validateClaim(claim, options);
    expect(before.issues.some((i) => i.code === 'ncci_ptp')).toBe(false);
    expect(before.skipped.map((s) => s.rule)).toContain('ncci-ptp');
    // Validators are kept per options: other options build one that reads MEDCODE_CODESETS.
    const after = await withImported(out, () => validateClaim(claim, { ...options, today: '2026-09-02' }));
    expect(after.issues.find((i) => i.code === 'ncci_ptp')).toMatchObject({
      rule: 'ncci-ptp',
      path: ['lines', 1, 'procedure'],
    });
    expect(after.skipped.map((s) => s.rule)).not.toContain('ncci-ptp');
  });

  it('an AOC table imported into MEDCODE_CODESETS is applied on its quarter', async () => {
    const out = join(temp, 'aoc');
    const imported = await importCodeSets([join(SOURCES_DIR, 'ncci/AOC_V2026Q2-MCR.xlsx')], { out });
    expect(imported.ok).toBe(true);
    const packs = builtInWithout(temp, 'ncci-aoc');
    // 99292 (critical care, each additional 30 minutes) without 99291: an edit type 1 add-on code.
    const claim = claimWith(['99213', '99292'], '2026-05-01');
    const options = { packs, profile: 'medicare-professional', today: '2026-09-01' } as const;
    const before = validateClaim(claim, options);
    expect(before.issues.some((i) => i.code === 'ncci_add_on_code')).toBe(false);
    expect(before.skipped.find((s) => s.rule === 'ncci-add-on-code')?.reason).toMatch(
      /no NCCI add-on code table for 2026-05-01 \(loaded: none\)/,
    );
    const after = await withImported(out, () => validateClaim(claim, { ...options, today: '2026-09-02' }));
    expect(after.issues.find((i) => i.code === 'ncci_add_on_code')).toMatchObject({
      addOnCode: '99292',
      editType: 1,
      path: ['lines', 1, 'procedure'],
    });
  });
});
