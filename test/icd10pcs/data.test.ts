import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { icd10pcs } from '../../src/icd10pcs/index';

/** The valid codes and titles of the FY2026 order file, read independently of the loader. */
function orderFile(): Map<string, { long: string; short: string }> {
  const zip = readFileSync(
    join(SOURCES_DIR, 'icd10pcs/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip'),
  );
  const text = Buffer.from(unzipSync(zip)['icd10pcs_order_2026.txt']!).toString('latin1');
  const out = new Map<string, { long: string; short: string }>();
  for (const line of text.split(/\r?\n/)) {
    if (line[14] !== '1') continue;
    out.set(line.slice(6, 13), { short: line.slice(16, 76).trimEnd(), long: line.slice(77).trimEnd() });
  }
  return out;
}

const cs = icd10pcs.at('2026-05-01');

describe('ICD-10-PCS FY2026 data', () => {
  it('expanding the tables gives exactly the 79,115 valid codes of the order file, with their titles', () => {
    const expected = orderFile();
    expect(expected.size).toBe(79_115);
    const generated = new Set<string>();
    const wrongTitles: string[] = [];
    for (const entry of cs.codes()) {
      generated.add(entry.code);
      const want = expected.get(entry.code);
      if (want && (want.long !== entry.title || want.short !== entry.shortTitle))
        wrongTitles.push(entry.code);
    }
    expect(generated.size).toBe(79_115);
    expect([...generated].filter((c) => !expected.has(c))).toEqual([]);
    expect([...expected.keys()].filter((c) => !generated.has(c))).toEqual([]);
    expect(wrongTitles).toEqual([]);
    expect(cs.size).toBe(79_115);
    // codes() yields in code order, which is the order file's order.
    expect([...generated]).toEqual([...expected.keys()]);
  });

  it('every valid code checks valid and gets its own entry', () => {
    const bad: string[] = [];
    const codes = [...orderFile().keys()];
    // Three passes: results are cached on a second sighting, so the later passes read the cache.
    for (let pass = 0; pass < 3; pass++) {
      for (const code of codes) {
        const r = cs.check(code);
        if (!r.ok || r.value.code !== code || r.issues.length !== 0 || cs.get(code)?.code !== code)
          bad.push(code);
      }
    }
    expect(bad).toEqual([]);
    // A repeated code is cached on its second sighting, then answered with the same frozen result.
    cs.check('0LB50ZZ');
    cs.check('0LB50ZZ');
    expect(cs.check('0LB50ZZ')).toBe(cs.check('0LB50ZZ'));
  });

  it('the pack is at most 3 MB before gzip, titles included', () => {
    const bytes = statSync(join(CODESETS_DIR, 'icd10pcs/fy2026/codes.pack')).size;
    expect(bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
  });

  it('tables: 914 tables, 17 sections, row counts adding up to every code', () => {
    const tables = cs.tables();
    expect(tables).toHaveLength(914);
    expect(new Set(tables.map((t) => t.code[0])).size).toBe(17);
    expect(tables.reduce((n, t) => n + t.codeCount, 0)).toBe(79_115);
    for (const t of tables) expect(t.rows.reduce((n, r) => n + r.codeCount, 0)).toBe(t.codeCount);
  });
});
