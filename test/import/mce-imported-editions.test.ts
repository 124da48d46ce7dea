/**
 * MCE lists imported into a `MEDCODE_CODESETS` folder are used by `validateClaim` on their fiscal
 * year's dates (and labelled when applied to later ones) with no other change in the caller, as
 * imported MUE tables are. The validator here runs over a copy of the built-in folder without its
 * MCE lists, so the only MCE data in reach is the imported one (the CMS MCE v37 code-list table).
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

const temp = mkdtempSync(join(tmpdir(), 'medcode-mce-import-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('imported MCE editions in validateClaim', () => {
  it('MCE lists imported into MEDCODE_CODESETS feed the MCE rules, and their staleness is said', async () => {
    const out = join(temp, 'imported');
    const imported = await importCodeSets([join(SOURCES_DIR, 'mce/MCE_Simple_Code_Edits_v37.txt')], { out });
    expect(imported.ok).toBe(true);
    const packs = builtInWithout(temp, 'mce');
    // A newborn code (Z38.00) on a 54-year-old's inpatient claim: an MCE age conflict.
    const parsed = parseClaim(readFileSync('examples/newborn-code-on-adult.json', 'utf8'));
    if (!parsed.ok) throw new Error('example claim');
    const options = { packs, profile: 'medicare-inpatient', today: '2026-09-01' } as const;

    const before = validateClaim(parsed.value, options);
    expect(before.issues.some((i) => i.code === 'age_conflict')).toBe(false);
    expect(before.skipped.find((s) => s.rule === 'mce-age')?.reason).toMatch(/no MCE lists/);

    process.env.MEDCODE_CODESETS = out;
    try {
      // MEDCODE_CODESETS is read when a validator is built; validators are kept per options, so
      // this one is built with other options than the one above.
      const after = validateClaim(parsed.value, { ...options, today: '2026-09-02' });
      expect(after.issues.filter((i) => i.code === 'age_conflict')).toHaveLength(1);
      expect(after.skipped.map((s) => s.rule)).not.toContain('mce-age');
      // v37 is the FY2020 release: on a 2026 date the warning names it and the file to import.
      expect(after.stale.find((s) => s.code === 'data_stale' && s.system === 'mce')).toMatchObject({
        edition: 'v37',
        validThrough: '2020-09-30',
      });
    } finally {
      delete process.env.MEDCODE_CODESETS;
    }
  });
});
