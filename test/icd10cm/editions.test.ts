import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { icd10cm, createIcd10CmSystem } from '../../src/icd10cm/index';
import { MedcodeError } from '../../src/core/errors';
import { unwrap } from '../../src/core/result';
import { parseOrderAddenda } from '../../src/icd10cm/loader';
import { SOURCES_DIR } from '../../scripts/lib/codesets';

describe('ICD-10-CM FY2027 from the CMS addenda', () => {
  const addenda = parseOrderAddenda(
    readFileSync(join(SOURCES_DIR, 'icd10cm/icd10cm_order_addenda_2027.txt'), 'latin1'),
  );

  it('parses the addenda and its trailer', () => {
    expect(addenda.adds.length).toBe(253);
    expect(addenda.deletes.length).toBe(36);
    expect(addenda.revisions.length).toBe(4);
    expect(addenda.trailer.codes).toEqual({
      before: 74_719,
      after: 74_879,
      additions: 190,
      deletions: 30,
      revisions: 4,
    });
    expect(addenda.trailer.headers).toEqual({
      before: 23_467,
      after: 23_524,
      additions: 63,
      deletions: 6,
      revisions: 0,
    });
  });

  it('matches the CMS FY2027 totals exactly', () => {
    const cs = icd10cm.edition('fy2027');
    expect(cs.size).toBe(98_403);
    let billable = 0;
    for (const e of cs.codes()) if (e.billable) billable++;
    expect(billable).toBe(74_879);
    expect(cs.size - billable).toBe(23_524);
    expect(billable).toBe(addenda.trailer.codes.after);
  });

  it('diff agrees with the trailer', () => {
    const d = icd10cm.diff('fy2026', 'fy2027');
    expect(d.counts).toEqual({
      billableAdded: 190,
      billableDeleted: 30,
      headersAdded: 63,
      headersDeleted: 6,
      retitled: 4,
    });
    expect(d.becameHeader).toContain('I42.0');
    expect(d.deleted).toContain('S23.420A');
    expect(d.added).toContain('C78.31');
    expect(d.retitled.map((r) => r.code).sort()).toEqual(['L02.232', 'L03.312', 'L03.322', 'Z29.14']);
    expect(Object.isFrozen(d) && Object.isFrozen(d.added) && Object.isFrozen(d.retitled[0])).toBe(true);
    expect(() => icd10cm.diff('fy2026', 'fy2099')).toThrow(MedcodeError);
  });

  it('I42.0 is billable on 2026-09-30 and a header naming its billable children on 2026-10-01', () => {
    expect(icd10cm.at('2026-09-30').check('I42.0').ok).toBe(true);
    const r = icd10cm.at('2026-10-01').check('I42.0');
    expect(r.ok).toBe(false);
    const issue = r.issues[0]!;
    if (issue.code !== 'not_billable') throw new Error(issue.code);
    expect(issue.billableChildren).toBe(3);
    expect(issue.examples).toEqual(['I42.00', 'I42.01', 'I42.09']);
  });

  it('S23.420A is valid on 2026-09-30 and deleted on 2026-10-01', () => {
    expect(icd10cm.at('2026-09-30').check('S23.420A').ok).toBe(true);
    const r = icd10cm.at('2026-10-01').check('S23.420A');
    expect(r.issues.map((i) => i.code)).toEqual(['not_in_force']);
    expect(r.issues[0]!.message).toContain('no longer in force after 2026-09-30');
  });

  it('C78.31 is not in force until 2026-10-01, then valid', () => {
    const before = icd10cm.at('2026-09-30').check('C78.31');
    expect(before.issues.map((i) => i.code)).toEqual(['not_in_force']);
    expect(before.issues[0]!.message).toContain('not in force until 2026-10-01');
    const after = icd10cm.at('2026-10-01').check('C78.31');
    expect(after.ok).toBe(true);
    // New codes inherit notes through their ancestors (C78 in the FY2023 tabular).
    expect(
      unwrap(after).notes.codeFirst.length +
        unwrap(after).notes.excludes1.length +
        unwrap(after).notes.useAdditionalCode.length,
    ).toBeGreaterThan(0);
    expect(unwrap(after).tabularCoverage).toBe(true);
  });

  it('L02.232 has its revised title in FY2027 and the old one in FY2026', () => {
    expect(icd10cm.at('2026-09-30').get('L02.232')!.title).toBe(
      'Carbuncle of back [any part, except buttock]',
    );
    expect(icd10cm.at('2026-10-01').get('L02.232')!.title).toBe(
      'Carbuncle of back [any part, except buttock and flank]',
    );
    expect(icd10cm.at('2026-10-01').get('E11.9')!.title).toBe(
      'Type 2 diabetes mellitus without complications',
    );
  });

  it('new FY2027 codes get 7th characters through their ancestors', () => {
    const cs = icd10cm.at('2027-01-15');
    expect(cs.check('T65.851A').ok).toBe(true);
    expect(cs.check('T65.851').issues[0]!.code).toBe('seventh_character_missing');
  });

  it('selects the edition by date and gives a structured error outside the ranges', () => {
    expect(icd10cm.editions.map((e) => [e.id, e.effectiveFrom, e.effectiveTo])).toEqual([
      ['fy2026', '2025-10-01', '2026-09-30'],
      ['fy2027', '2026-10-01', '2027-09-30'],
    ]);
    expect(icd10cm.at(new Date(2026, 9, 1)).edition.id).toBe('fy2027');
    const r = icd10cm.tryAt('2024-01-01');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.code).toBe('no_edition');
      expect(r.issues[0]!.message).toContain('2024-01-01');
    }
    expect(() => icd10cm.at('2028-01-01')).toThrow(MedcodeError);
    expect(icd10cm.tryAt('2026-02-30').ok).toBe(false);
    expect(() => icd10cm.edition('fy1999')).toThrow(MedcodeError);
  });

  it('creating a system reads nothing until first use', () => {
    // A missing folder only shows up when the system is used, not when it is created.
    expect(() => createIcd10CmSystem({ codesetsDir: '/nonexistent/medcode' })).not.toThrow();
  });

  it('a system over a folder without packs has no editions', () => {
    // The sources folder holds official files, no packs.
    const empty = createIcd10CmSystem({ codesetsDir: SOURCES_DIR });
    expect(empty.editions).toEqual([]);
    expect(empty.tryAt('2026-05-01').ok).toBe(false);
  });
});
