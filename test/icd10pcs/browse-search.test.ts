import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedcodeError } from '../../src/core/errors';
import { createIcd10PcsSystem, icd10pcs } from '../../src/icd10pcs/index';
import { CODESETS_DIR } from '../../scripts/lib/codesets';

const cs = icd10pcs.at('2026-05-01');

describe('icd10pcs system', () => {
  it('selects FY2026 by date (October 1 boundary) and by id', () => {
    expect(icd10pcs.editions.map((e) => e.id)).toEqual(['fy2026']);
    expect(icd10pcs.at('2025-10-01').edition.id).toBe('fy2026');
    expect(icd10pcs.at('2026-09-30').edition.name).toBe('ICD-10-PCS FY2026');
    expect(icd10pcs.edition('fy2026')).toBe(cs);
    expect(() => icd10pcs.at('2025-09-30')).toThrow(MedcodeError);
    const r = icd10pcs.tryAt('2026-10-01');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('no_edition');
    const bad = icd10pcs.tryAt('2026-02-30');
    if (!bad.ok) expect(bad.issues[0]?.code).toBe('invalid_date');
    expect(bad.ok).toBe(false);
    expect(() => icd10pcs.edition('fy1999')).toThrow(MedcodeError);
  });

  it('reads injected packs and nothing else', () => {
    const injected = createIcd10PcsSystem({ codesetsDir: CODESETS_DIR });
    expect(injected.at('2026-05-01').get('0LB50ZZ')?.title).toBe(cs.get('0LB50ZZ')?.title);
    const empty = createIcd10PcsSystem({ codesetsDir: mkdtempSync(join(tmpdir(), 'pcs-empty-')) });
    expect(empty.editions).toEqual([]);
    expect(empty.tryAt('2026-05-01').ok).toBe(false);
  });
});

describe('icd10pcs tables and codes', () => {
  it('browses section -> body system -> operation -> rows', () => {
    const tendons = cs.tables({ section: '0', bodySystem: 'L' });
    expect(tendons.length).toBe(19);
    expect(tendons.every((t) => t.code.startsWith('0L') && t.bodySystem.label === 'Tendons')).toBe(true);
    const [excision] = cs.tables({ section: '0', bodySystem: 'L', operation: 'B' });
    expect(excision?.code).toBe('0LB');
    expect(excision?.operation.label).toBe('Excision');
    expect(excision?.operation.definition).toBe(
      'Cutting out or off, without replacement, a portion of a body part',
    );
    const row = excision!.rows[0]!;
    expect(row.axes.map((a) => a.name)).toEqual(['Body Part', 'Approach', 'Device', 'Qualifier']);
    expect(row.axes[1].values.map((v) => `${v.value} ${v.label}`)).toEqual([
      '0 Open',
      '3 Percutaneous',
      '4 Percutaneous Endoscopic',
    ]);
    expect(row.codeCount).toBe(row.axes.reduce((n, a) => n * a.values.length, 1));
    expect(Object.isFrozen(excision)).toBe(true);
    expect(cs.tables({ section: 'I' })).toEqual([]);
    expect(cs.table('0lb')).toBe(excision);
    expect(cs.table('__proto__')).toBeUndefined();
  });

  it('iterates codes narrowed by table, all of them valid', () => {
    const codes = [...cs.codes({ section: '0', bodySystem: 'L', operation: 'B' })].map((e) => e.code);
    expect(codes.length).toBe(cs.table('0LB')!.codeCount);
    expect(codes).toContain('0LB50ZZ');
    expect(codes.every((c) => c.startsWith('0LB') && cs.check(c).ok)).toBe(true);
  });

  it('codes() and tables() refuse a key other than section, bodySystem and operation (invalid_option)', () => {
    for (const filter of [
      { prefix: '0LB' },
      { under: '0LB' },
      { table: '0LB' },
      { section: '0', body: 'L' },
    ]) {
      for (const call of [() => cs.codes(filter as never), () => cs.tables(filter as never)]) {
        let thrown: unknown;
        try {
          call();
        } catch (error) {
          thrown = error;
        }
        expect(thrown, JSON.stringify(filter)).toBeInstanceOf(MedcodeError);
        const key = Object.keys(filter).find((k) => k !== 'section')!;
        expect((thrown as MedcodeError).issues[0]).toMatchObject({
          code: 'invalid_option',
          system: 'icd10pcs',
          option: `filter.${key}`,
          expected: 'one of section, bodySystem, operation',
        });
      }
    }
    // Known keys (and no filter) are read as before.
    expect(cs.tables({ section: '0', bodySystem: 'L' })).toHaveLength(19);
    expect(cs.tables()).toHaveLength(cs.tables({}).length);
  });
});

describe('icd10pcs search', () => {
  it('finds excision of the lower arm muscle, open approach', () => {
    const hits = cs.search('excision lower arm muscle open', { limit: 10 });
    expect(hits.map((h) => h.entry.code)).toEqual(expect.arrayContaining(['0KB90ZZ', '0KBB0ZZ']));
    for (const h of hits) {
      expect(h.source).toBe('title');
      expect(h.matched.toLowerCase()).toMatch(/excision/);
      expect(h.matched).toMatch(/Muscle/);
      expect(h.matched).toMatch(/Open/);
    }
  });

  it('matches word prefixes, respects the limit and ranks shorter titles first', () => {
    const hits = cs.search('append resect', { limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits[0]!.entry.title).toMatch(/^Resection of Appendix/);
    const many = cs.search('bypass', { limit: 50 });
    expect(many).toHaveLength(50);
    for (let k = 1; k < many.length; k++)
      expect(many[k]!.entry.title.length).toBeGreaterThanOrEqual(many[k - 1]!.entry.title.length);
  });

  it('finds codes through the body part and device keys of the definitions file', () => {
    const hallux = cs.search('hallux', { limit: 5 });
    expect(hallux.length).toBe(5);
    for (const h of hallux) {
      expect(h.source).toBe('inclusion_term');
      expect(h.matched).toBe('Hallux');
      expect(h.entry.axes[3]!.label).toMatch(/^1st Toe, (Left|Right)$/);
    }
    const sphincter = cs.search('ams 800', { limit: 3 });
    expect(sphincter.length).toBe(3);
    for (const h of sphincter) {
      expect(h.matched).toBe('AMS 800(R) Urinary Control System');
      expect(h.entry.axes[5]!.label).toBe('Artificial Sphincter');
    }
    // Title matches rank before key-term matches.
    const mixed = cs.search('replacement hip', { limit: 20 });
    expect(mixed.every((h) => h.source === 'title')).toBe(true);
  });

  it('ranks key-term matches by how much of the query their own title holds', () => {
    // No title holds "total": every hit is a key-term match. Device J (Synthetic Substitute) lists
    // `AbioCor(R) Total Replacement Heart` and `Zimmer(R) NexGen(R) LPS Mobile Bearing Knee`
    // among its products, so every code with that device matches the three words through them,
    // `Revision of Synthetic Substitute in Head` too; a knee replacement's own title holds two.
    const hits = cs.search('total knee replacement', { limit: 10 });
    expect(hits).toHaveLength(10);
    for (const h of hits) {
      expect(h.source).toBe('inclusion_term');
      expect(h.entry.title).toMatch(/^Replacement of .*Knee/);
    }
    expect(hits.map((h) => h.entry.code)).toEqual(expect.arrayContaining(['0SRC0JZ', '0SRD0JZ', '0SRC0J9']));
    // Among many hits, a title holding more of the query scores higher than a shorter one holding none.
    const many = cs.search('total knee replacement', { limit: 500 });
    const head = many.findIndex((h) => h.entry.code === '0WW00JZ');
    expect(head === -1 || head > many.findIndex((h) => h.entry.code === '0SRC0JZ')).toBe(true);
  });

  it('lists codes for a code prefix', () => {
    const hits = cs.search('0lb5', { limit: 5 });
    expect(hits.length).toBe(5);
    expect(hits.every((h) => h.entry.code.startsWith('0LB5') && h.source === 'code')).toBe(true);
  });

  it('a code prefix lists the first codes under it in code order, as codes() lists them', () => {
    // 0SRC (Replacement of Right Knee Joint): the table's rows interleave, so generation order is
    // not code order; 0, 0S and 0SR span several tables or rows.
    const all = [...cs.codes()].map((e) => e.code);
    for (const [prefix, limit] of [
      ['0SRC', 12],
      ['0SR', 10],
      ['0', 5],
      ['02H', 8],
      ['0LB5', 40],
      ['B3', 7],
    ] as const) {
      const want = all.filter((c) => c.startsWith(prefix)).slice(0, limit);
      expect(
        cs.search(prefix, { limit }).map((h) => h.entry.code),
        prefix,
      ).toEqual(want);
    }
    const knee = cs.search('0SRC', { limit: 1000 }).map((h) => h.entry.code);
    expect(knee).toHaveLength(
      [...cs.codes({ section: '0', bodySystem: 'S', operation: 'R' })].filter((e) =>
        e.code.startsWith('0SRC'),
      ).length,
    );
    expect(knee.slice(0, 3)).toEqual(['0SRC069', '0SRC06A', '0SRC06Z']);
    for (const h of cs.search('0SRC0', { limit: 50 })) expect(cs.get(h.entry.code)).toEqual(h.entry);
  });

  it('returns nothing for nonsense and survives hostile queries', () => {
    expect(cs.search('zzzqqq')).toEqual([]);
    expect(cs.search('')).toEqual([]);
    // Only common words: they are used rather than ignored.
    expect(cs.search('of with', { limit: 3 }).every((h) => / of .* with /i.test(h.matched))).toBe(true);
    expect(cs.search('a'.repeat(1_000_000))).toEqual([]);
    expect(cs.search('excision', { limit: -5 })).toEqual([]); // one reading of limit for every system (src/core/search-options.ts)
    expect(cs.search('excision', { limit: Number.NaN })).toHaveLength(10);
    expect(cs.search(undefined as unknown as string)).toEqual([]);
  });

  it('reads a word that starts no title or key-term word as the nearest words they hold', () => {
    const codes = (q: string) => cs.search(q, { limit: 10 }).map((h) => h.entry.code);
    expect(codes('excsion lower arm muscle open')).toEqual(codes('excision lower arm muscle open'));
    expect(codes('resecton apendix')).toContain('0DTJ0ZZ');
    // A key term (definitions XML body part key `hallux`) misspelt.
    expect(codes('halux')).toEqual(codes('hallux'));
    // A prefix of a held word is read as written, never as another word.
    expect(codes('drainag pleural')).toEqual(codes('drainage pleural'));
    expect(codes('zzzqqqzzz')).toEqual([]);
    // A misspelt word that search leaves out is left out too, not required in every title.
    expect(codes('excision lower arm muscle open usinng')).toEqual(codes('excision lower arm muscle open'));
    expect(codes('aproach').length).toBeGreaterThan(0);
  });
});

describe('icd10pcs search reads limit and query like every system', () => {
  const pcs = icd10pcs.at('2026-05-01');
  it('limit 0 or -1 gives no hits; Infinity equals 1e9; a numeric string is the default', () => {
    expect(pcs.search('excision', { limit: 0 })).toEqual([]);
    expect(pcs.search('excision', { limit: -1 })).toEqual([]);
    expect(pcs.search('excision', { limit: Infinity }).length).toBe(1000);
    expect(pcs.search('excision', { limit: 1e9 }).length).toBe(1000);
    expect(pcs.search('excision', { limit: '5' as never }).length).toBe(10);
  });

  it('look-alike letters match nothing; fullwidth code prefixes read as ASCII', () => {
    expect(pcs.search('\u0415' + '11.9')).toEqual([]);
    expect(pcs.search('０ＬＢ５')[0]?.entry.code.startsWith('0LB5')).toBe(true);
    const huge = 'excision '.repeat(120_000);
    expect(pcs.search(huge).map((h) => h.entry.code)).toEqual(
      pcs.search(huge.slice(0, 256)).map((h) => h.entry.code),
    );
  });
});
