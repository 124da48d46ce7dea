import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  hcpcs,
  placesOfService,
  ANATOMIC_MODIFIERS,
  PTP_ASSOCIATED_MODIFIERS,
  CPT_MODIFIER_LABELS,
} from '../../src/hcpcs/index';
import { SOURCES_DIR } from '../../scripts/lib/codesets';
import { MedcodeError } from '../../src/core/errors';

const JAN = '2026-03-01';

describe('hcpcs.modifiers', () => {
  it('holds the 383 Level II modifiers plus the CPT values, one entry per code', () => {
    const all = [...hcpcs.modifiers.at(JAN).codes()];
    expect(all.filter((m) => m.source === 'hcpcs')).toHaveLength(383);
    expect(all.filter((m) => m.source === 'cpt')).toHaveLength(CPT_MODIFIER_LABELS.size);
    expect(new Set(all.map((m) => m.code)).size).toBe(all.length);
  });

  it('Level II modifiers carry CMS text; CPT modifiers carry medcode labels only', () => {
    const xs = hcpcs.modifiers.at(JAN).get('xs')!;
    expect(xs).toMatchObject({ code: 'XS', source: 'hcpcs', ptpAssociated: true, anatomic: false });
    expect(xs.title.toLowerCase()).toContain('separate structure');
    const m59 = hcpcs.modifiers.at(JAN).get('59')!;
    expect(m59).toMatchObject({
      source: 'cpt',
      ptpAssociated: true,
      anatomic: false,
      title: 'Distinct procedural service (NCCI bypass)',
    });
    expect(hcpcs.modifiers.at(JAN).get('76')).toMatchObject({ source: 'cpt', ptpAssociated: false });
  });

  it('flags follow the NCCI Policy Manual ch. I §E modifier lists, and every Level II flagged modifier is in the CMS file', () => {
    const set = hcpcs.modifiers.at(JAN);
    for (const code of ANATOMIC_MODIFIERS) {
      const m = set.get(code)!;
      expect(m, code).toBeDefined();
      expect(m.source).toBe('hcpcs');
      expect(m.anatomic && m.ptpAssociated).toBe(true);
    }
    for (const code of PTP_ASSOCIATED_MODIFIERS) expect(set.get(code)?.ptpAssociated, code).toBe(true);
    expect([...PTP_ASSOCIATED_MODIFIERS].filter((c) => /^\d\d$/.test(c)).sort()).toEqual([
      '24',
      '25',
      '27',
      '57',
      '58',
      '59',
      '78',
      '79',
      '91',
    ]);
    expect(set.get('GA')).toMatchObject({ ptpAssociated: false, anatomic: false });
  });

  it('AC (added 2026-07-01) is not in force until 2026-07-01', () => {
    const before = hcpcs.modifiers.at('2026-06-30').check('AC');
    expect(before.ok).toBe(false);
    expect(before.issues[0]!.message).toContain('not in force until 2026-07-01');
    expect(hcpcs.modifiers.at('2026-07-01').check('AC').ok).toBe(true);
  });

  it('CPT Category II performance measurement modifiers 1P, 2P, 3P, 8P (CPT Appendix A) are CPT modifiers', () => {
    for (const code of ['1P', '2P', '3P', '8P']) {
      for (const date of [JAN, '2026-07-15', '2025-06-01']) {
        const r = hcpcs.modifiers.at(date).check(code);
        expect(r, `${code} on ${date}`).toMatchObject({ ok: true, issues: [] });
      }
      const m = hcpcs.modifiers.at(JAN).get(code.toLowerCase())!;
      expect(m).toMatchObject({ code, source: 'cpt', ptpAssociated: false, anatomic: false });
      expect(m.title).toMatch(/^Quality measure .*\(Category II\)$/);
    }
    // P1–P6 (anesthesia physical status) are Level II entries of the HCPCS file, not these.
    expect(hcpcs.modifiers.at(JAN).get('P3')?.source).toBe('hcpcs');
    expect(hcpcs.modifiers.at(JAN).check('4P').issues[0]?.code).toBe('unknown_code');
  });

  it('a Level II modifier that only a later file holds is terminated on dates past its termination date', () => {
    // Before 2026-01-01 the view is `cpt-only` and Level II modifiers come from the files held.
    // The January 2026 file ends JG on 2024-12-31 (added 2018-01-01), CP on 2017-12-31 and JF on
    // 2015-06-30: record layout field 29, the last date the modifier may be used.
    for (const [code, date, ended] of [
      ['JG', '2025-06-01', '2024-12-31'],
      ['MA', '2025-03-15', '2024-12-31'],
      ['CP', '2019-05-01', '2017-12-31'],
      ['JF', '2020-01-01', '2015-06-30'],
    ] as const) {
      const view = hcpcs.modifiers.at(date);
      expect(view.edition.id).toBe('cpt-only');
      const r = view.check(code);
      expect(r.ok, `${code} on ${date}`).toBe(false);
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({
        code: 'code_terminated',
        severity: 'error',
        terminationDate: ended,
        date,
        citation: 'termination date from HCPCS modifiers 2026 January',
      });
      expect(view.get(code)).toBeUndefined();
    }
    // In force on its last day, and a modifier not terminated is still accepted from the file.
    expect(hcpcs.modifiers.at('2024-12-31').check('JG')).toMatchObject({
      ok: true,
      issues: [{ code: 'added_between_editions' }],
    });
    expect(hcpcs.modifiers.at('2025-06-01').check('XS')).toMatchObject({
      ok: true,
      issues: [{ code: 'added_between_editions', addedDate: '2015-01-01' }],
    });
    // Within 2026 the January edition itself holds JG and rejects it the same way.
    expect(hcpcs.modifiers.at('2026-02-01').check('JG').issues[0]).toMatchObject({
      code: 'code_terminated',
      terminationDate: '2024-12-31',
    });
  });

  it('rejects malformed and unknown modifiers', () => {
    expect(hcpcs.modifiers.at(JAN).check('5').issues[0]).toMatchObject({
      code: 'malformed_code',
      reason: 'too_short',
    });
    expect(hcpcs.modifiers.at(JAN).check('59X').issues[0]).toMatchObject({
      code: 'malformed_code',
      reason: 'too_long',
    });
    expect(hcpcs.modifiers.at(JAN).check('-9').issues[0]).toMatchObject({
      code: 'malformed_code',
      reason: 'first_character',
    });
    expect(hcpcs.modifiers.at(JAN).check('ZZ').issues[0]).toMatchObject({
      code: 'unknown_code',
      system: 'hcpcs-modifier',
    });
  });
});

describe('placesOfService', () => {
  it('is hcpcs.placesOfService and holds every row of the CSV with a name and a description', () => {
    expect(placesOfService).toBe(hcpcs.placesOfService);
    const csv = readFileSync(join(SOURCES_DIR, 'reference', 'place-of-service-codes.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    const all = [...placesOfService.at(JAN).codes()];
    expect(all).toHaveLength(csv.length);
    expect(all).toHaveLength(52);
    for (const e of all) {
      expect(e.code).toMatch(/^\d\d$/);
      expect(e.title).toBe(e.name);
      expect(e.description.length).toBeGreaterThan(20);
    }
    expect(placesOfService.at(JAN).get('11')).toMatchObject({ name: 'Office' });
  });

  it("rejects '1' (the code is '01'), unassigned codes, and codes before they took effect", () => {
    const set = placesOfService.at(JAN);
    expect(set.check('01').ok).toBe(true);
    expect(set.check('1').issues[0]).toMatchObject({ code: 'malformed_code', reason: 'too_short' });
    expect(set.get('1')).toBeUndefined();
    expect(set.check('28').issues[0]).toMatchObject({ code: 'unknown_code', system: 'pos' });
    expect(set.check('AB').issues[0]).toMatchObject({ code: 'malformed_code' });
    // POS 66 (PACE Center), flagged VERIFY in the CSV, verified in HL7 THO: effective 2024-08-01.
    expect(placesOfService.at('2024-07-31').check('66').issues[0]).toMatchObject({
      code: 'not_in_force',
      effectiveFrom: '2024-08-01',
    });
    expect(placesOfService.at('2024-08-01').check('66').ok).toBe(true);
    expect(placesOfService.at('2023-09-30').check('27').issues[0]!.code).toBe('not_in_force');
    expect(placesOfService.tryAt('2021-12-31').ok).toBe(false);
  });
});

describe('check results on messy/invalid input are frozen and memoized per date', () => {
  it('the same messy input gives the same frozen result object on the same date', () => {
    const mods = hcpcs.modifiers.at(JAN);
    const pos = placesOfService.at(JAN);
    const codes = hcpcs.at(JAN);
    for (const [cs, input] of [
      [mods, 'xs'],
      [mods, 'ZZ'],
      [pos, '1'],
      [codes, 'g0121'],
      [codes, 'A0000'],
    ] as const) {
      const a = cs.check(input);
      expect(cs.check(input)).toBe(a);
      expect(Object.isFrozen(a)).toBe(true);
      expect(Object.isFrozen(a.issues)).toBe(true);
      expect(a.issues.length).toBeGreaterThan(0);
    }
  });

  it('memoized results stay date-specific (AC is new in July 2026)', () => {
    const march = hcpcs.modifiers.at(JAN).check('ac');
    const july = hcpcs.modifiers.at('2026-07-15').check('ac');
    expect(march.ok).toBe(false);
    expect(march.issues[0]!.code).toBe('not_in_force');
    expect(july.ok).toBe(true);
    expect(hcpcs.modifiers.at(JAN).check('ac')).toBe(march);
    expect(hcpcs.modifiers.edition('2026-jan').check('ac').issues[0]!.message).not.toContain(
      'date of service',
    );
  });

  it('hostile input is answered without throwing and without being kept', () => {
    const huge = 'x'.repeat(1_000_000);
    const r = hcpcs.at(JAN).check(huge);
    expect(r.ok).toBe(false);
    expect(Object.isFrozen(r.issues)).toBe(true);
    expect(hcpcs.at(JAN).check(huge)).not.toBe(r);
  });
});

describe('codes() takes an options object and refuses only a key it does not know', () => {
  it('codes({}) yields every entry for codes, modifiers and places of service', () => {
    const codes = hcpcs.at(JAN);
    const mods = hcpcs.modifiers.at(JAN);
    const pos = placesOfService.at(JAN);
    expect([...codes.codes({})]).toHaveLength([...codes.codes()].length);
    expect([...mods.codes({})]).toHaveLength([...mods.codes()].length);
    expect([...pos.codes({})]).toHaveLength([...pos.codes()].length);
    for (const bad of [null, 5, 'x', []] as unknown[]) {
      expect(() => [...codes.codes(bad as never)]).not.toThrow();
    }
  });

  it('prefix, inForce and where filter; a wrong-typed option yields nothing', () => {
    const codes = hcpcs.at(JAN);
    const g012 = [...codes.codes({ prefix: ' g012' })].map((e) => e.code);
    expect(g012).toContain('G0121');
    expect(g012.every((c) => c.startsWith('G012'))).toBe(true);
    expect([...codes.codes({ prefix: 5 } as never)]).toEqual([]);
    const terminated = [...codes.codes({ inForce: false })];
    expect(terminated.map((e) => e.code)).toContain('C5271');
    expect([...codes.codes({ inForce: true })].map((e) => e.code)).not.toContain('C5271');
    const level2 = [...hcpcs.modifiers.at(JAN).codes({ where: (m) => m.source === 'hcpcs' })];
    expect(level2).toHaveLength(383);
    expect([...placesOfService.at('2024-07-01').codes({ inForce: true })].map((p) => p.code)).not.toContain(
      '66',
    );
  });

  it('a key other than prefix, inForce and where throws invalid_option at the call, never yields every code', () => {
    const sets = [hcpcs.at(JAN), hcpcs.modifiers.at(JAN), placesOfService.at(JAN), hcpcs.edition('2026-jul')];
    for (const set of sets) {
      for (const filter of [{ under: 'G01' }, { prefix: 'G01', billable: true }, { Prefix: 'G' }]) {
        let thrown: unknown;
        try {
          set.codes(filter as never);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, JSON.stringify(filter)).toBeInstanceOf(MedcodeError);
        const key = Object.keys(filter).find((k) => !['prefix', 'inForce', 'where'].includes(k))!;
        expect((thrown as MedcodeError).issues[0]).toMatchObject({
          code: 'invalid_option',
          system: set.system,
          option: `filter.${key}`,
          expected: 'one of prefix, inForce, where',
        });
      }
    }
    // The known keys, a bare predicate and a non-object filter are read as before.
    expect([...hcpcs.at(JAN).codes({ prefix: 'G01', inForce: true, where: () => true })]).not.toHaveLength(0);
    expect([...hcpcs.at(JAN).codes((e) => e.code === 'G0121')]).toHaveLength(1);
  });
});

describe('search ranks the title above the description', () => {
  it('places of service: the entry named by the query comes first, before long descriptions that mention it', () => {
    const pos = placesOfService.at(JAN);
    expect(pos.search('office')[0]?.entry.code).toBe('11');
    expect(pos.search('home')[0]?.entry.code).toBe('12');
    // "hospital" in the name (21 Inpatient Hospital, 22 On Campus-Outpatient Hospital) ranks above
    // descriptions that name a hospital in passing.
    const hospital = pos.search('hospital', { limit: 5 }).map((h) => h.entry.code);
    expect(hospital).toEqual(expect.arrayContaining(['21', '22', '23']));
  });
});

describe('search reads limit and query text like every system', () => {
  const codes = hcpcs.at(JAN);
  const pos = placesOfService.at(JAN);

  it('limit: 0 or negative gives no hits, Infinity and 1e9 the same capped list, numeric strings the default', () => {
    for (const cs of [codes, pos] as const) {
      expect(cs.search('office', { limit: 0 })).toEqual([]);
      expect(cs.search('office', { limit: -1 })).toEqual([]);
      expect(cs.search('office', { limit: Infinity }).length).toBe(
        cs.search('office', { limit: 1e9 }).length,
      );
      expect(cs.search('office', { limit: '5' as never }).length).toBe(cs.search('office').length);
    }
    expect(codes.search('wheelchair', { limit: Infinity }).length).toBeGreaterThan(10);
  });

  it('look-alike letters match nothing; fullwidth input reads as ASCII', () => {
    expect(codes.search('\u0415' + '11.9')).toEqual([]); // Cyrillic Е
    expect(codes.search('\u0415' + '0121')).toEqual([]);
    expect(codes.search('Ｇ０１２１')[0]?.entry.code).toBe('G0121');
    expect(pos.search('ｏｆｆｉｃｅ').map((h) => h.entry.code)).toContain('11');
  });

  it('a 1 MB query gives the hits of its first 256 characters, and non-strings give none', () => {
    const huge = 'wheelchair '.repeat(100_000);
    expect(codes.search(huge).map((h) => h.entry.code)).toEqual(
      codes.search(huge.slice(0, 256)).map((h) => h.entry.code),
    );
    expect(codes.search(null as never)).toEqual([]);
    expect(codes.search('wheelchair', null as never).length).toBe(10);
  });
});
