/**
 * `system.at(date).check(code)` says `data_stale` when the edition answering is past the period its
 * publisher released it for, as `system.tryAt(date)` does: HCPCS Level II on the built-in July 2026
 * quarter (open-ended: the October file is not held), ICD-10-CM and ICD-10-PCS on the built-in
 * FY2026 packs whose manifest leaves the edition open-ended (as a build does when the next fiscal
 * year's files are not held). A current date gets the plain view: no warning, no wrapper.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODESETS_DIR } from '../../scripts/lib/codesets';
import { hcpcs } from '../../src/hcpcs/index';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';

const temp = mkdtempSync(join(tmpdir(), 'medcode-stale-check-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A codesets folder holding one built-in edition, its manifest left open-ended. */
function openEnded(system: string, edition: string): string {
  const dir = join(temp, system);
  mkdirSync(join(dir, system), { recursive: true });
  const folder = join(dir, system, edition);
  cpSync(join(CODESETS_DIR, system, edition), folder, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  manifest.edition.effectiveTo = null;
  writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

const staleOf = (issues: readonly { code: string }[]) => issues.filter((i) => i.code === 'data_stale');

describe('at(date).check(code) carries data_stale past the publisher validity', () => {
  it('HCPCS Level II: the July 2026 quarter on 2026-12-02', () => {
    const r = hcpcs.at('2026-12-02').check('G0121');
    expect(r.ok).toBe(true);
    expect(staleOf(r.issues)).toEqual([
      expect.objectContaining({ edition: '2026-jul', validThrough: '2026-09-30', date: '2026-12-02' }),
    ]);
    expect(staleOf(hcpcs.at('2026-08-01').check('G0121').issues)).toEqual([]);
    // A failed check says it too, after its own error.
    const bad = hcpcs.at('2026-12-02').check('G9999X');
    expect(bad.ok).toBe(false);
    expect(bad.issues.at(-1)?.code).toBe('data_stale');
    // One view per edition and date.
    expect(hcpcs.at('2026-12-02')).toBe(hcpcs.at('2026-12-02'));
  });

  it('ICD-10-PCS: FY2026 used on 2026-12-02', () => {
    const pcs = createIcd10PcsSystem({ codesetsDir: openEnded('icd10pcs', 'fy2026') });
    const r = pcs.at('2026-12-02').check('0LB50ZZ');
    expect(r.ok).toBe(true);
    expect(staleOf(r.issues)).toEqual([
      expect.objectContaining({ system: 'icd10pcs', edition: 'fy2026', validThrough: '2026-09-30' }),
    ]);
    expect(pcs.at('2026-12-02').get('0LB50ZZ')?.code).toBe('0LB50ZZ');
    expect(pcs.at('2026-05-01').check('0LB50ZZ').issues).toEqual([]);
  });

  it('ICD-10-CM: FY2026 used on 2026-12-02', () => {
    const cm = createIcd10CmSystem({ codesetsDir: openEnded('icd10cm', 'fy2026') });
    const r = cm.at('2026-12-02').check('I10');
    expect(r.ok).toBe(true);
    expect(staleOf(r.issues)).toEqual([
      expect.objectContaining({ system: 'icd10cm', edition: 'fy2026', validThrough: '2026-09-30' }),
    ]);
    expect(r.issues[0]?.message).toMatch(/2027-code-descriptions-tabular-order\.zip/);
    expect(cm.at('2026-12-02').get('I10')?.title).toBe('Essential (primary) hypertension');
    expect(cm.at('2026-05-01').check('I10').issues).toEqual([]);
    expect(staleOf(cm.tryAt('2026-12-02').issues)).toHaveLength(1);
  });
});
