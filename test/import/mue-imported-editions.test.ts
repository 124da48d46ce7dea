/**
 * An MUE table imported into a `MEDCODE_CODESETS` folder is used by `validateClaim` on its dates with
 * no other change in the caller, as an imported HCPCS quarter is by the HCPCS system. The validator
 * here runs over a copy of the built-in folder without its MUE table, so the only MUE data in reach
 * is the imported one (the CMS practitioner table of 2026-04-01).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SOURCES_DIR } from '../../scripts/lib/codesets';
import { parseClaim } from '../../src/claims/parse';
import { importCodeSets } from '../../src/import/index';
import { validateClaim } from '../../src/rules/engine';
import { builtInWithout } from './built-in-without';

const temp = mkdtempSync(join(tmpdir(), 'medcode-mue-import-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('imported MUE editions in validateClaim', () => {
  it('a practitioner MUE table imported into MEDCODE_CODESETS is applied to the claim', async () => {
    const out = join(temp, 'imported');
    const imported = await importCodeSets(
      [join(SOURCES_DIR, 'ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv')],
      {
        out,
      },
    );
    expect(imported.ok).toBe(true);
    const packs = builtInWithout(temp, 'ncci-mue');
    const parsed = parseClaim(readFileSync('examples/mue-exceeded.json', 'utf8'));
    if (!parsed.ok) throw new Error('example claim');
    const options = { packs, today: '2026-06-01' } as const;

    const before = validateClaim(parsed.value, options);
    expect(before.issues.some((i) => i.code === 'mue_exceeded')).toBe(false);
    expect(before.skipped.map((s) => s.rule)).toContain('ncci-mue');

    process.env.MEDCODE_CODESETS = out;
    try {
      // MEDCODE_CODESETS is read when a validator is built; validators are kept per options, so
      // this one is built with other options than the one above.
      const after = validateClaim(parsed.value, { ...options, today: '2026-06-02' });
      expect(after.issues.filter((i) => i.code === 'mue_exceeded')).toHaveLength(1);
      expect(after.skipped.map((s) => s.rule)).not.toContain('ncci-mue');
    } finally {
      delete process.env.MEDCODE_CODESETS;
    }
  });
});
