import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { hcpcs, createHcpcsSystem, placesOfService } from '../../src/hcpcs/index';
import { parseHcpcsFixedWidth, parseHcpcsWorkbookRows } from '../../src/hcpcs/loader';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { MedcodeError, PackError } from '../../src/core/errors';
import type { CodeEntry, CodeSet } from '../../src/core/codeset';
import { MAX_CORRECTED_WORDS } from '../../src/core/spelling';
import { readManifest } from '../../src/core/manifest';

const JAN = '2026-03-01';
const JUL = '2026-07-15';

describe('HCPCS packs', () => {
  it('January 2026 holds exactly 8,623 codes and 383 Level II modifiers', () => {
    const jan = hcpcs.edition('2026-jan');
    expect([...jan.codes()]).toHaveLength(8623);
    const level2 = [...hcpcs.modifiers.edition('2026-jan').codes((m) => m.source === 'hcpcs')];
    expect(level2).toHaveLength(383);
    const m = readManifest(join(CODESETS_DIR, 'hcpcs', '2026-jan', 'manifest.json'));
    expect(m.counts).toMatchObject({
      codes: 8623,
      modifiers: 383,
      codeContinuationRecords: 7415,
      modifierContinuationRecords: 193,
    });
  });

  it('July 2026 holds exactly 8,725 codes and 384 Level II modifiers (AC is new)', () => {
    expect([...hcpcs.edition('2026-jul').codes()]).toHaveLength(8725);
    const jul = [...hcpcs.modifiers.edition('2026-jul').codes((m) => m.source === 'hcpcs')].map(
      (m) => m.code,
    );
    const jan = new Set(
      [...hcpcs.modifiers.edition('2026-jan').codes((m) => m.source === 'hcpcs')].map((m) => m.code),
    );
    expect(jul).toHaveLength(384);
    expect(jul.filter((c) => !jan.has(c))).toEqual(['AC']);
  });

  it('editions: January covers 2026-01-01..2026-06-30 (April not held), July from 2026-07-01 open-ended (October not held)', () => {
    expect(hcpcs.editions.map((e) => [e.id, e.effectiveFrom, e.effectiveTo])).toEqual([
      ['2026-jan', '2026-01-01', '2026-06-30'],
      ['2026-jul', '2026-07-01', null],
    ]);
    const notes = readManifest(join(CODESETS_DIR, 'hcpcs', '2026-jan', 'manifest.json')).notes.join(' ');
    expect(notes).toMatch(/April 2026 HCPCS quarterly update is NOT held/);
    const julNotes = readManifest(join(CODESETS_DIR, 'hcpcs', '2026-jul', 'manifest.json')).notes.join(' ');
    expect(julNotes).toMatch(
      /October 2026 HCPCS quarterly update .* is NOT held: this July file stays in force after 2026-09-30/,
    );
    expect(hcpcs.at('2026-06-30').edition.id).toBe('2026-jan');
    expect(hcpcs.at('2026-07-01').edition.id).toBe('2026-jul');
  });

  it('the July file stays in force after its quarter (October 2026 update not held): 2026-10-01 and 2026-11-27 check', () => {
    for (const date of ['2026-10-01', '2026-11-27', '2027-06-01']) {
      expect(hcpcs.at(date).edition.id).toBe('2026-jul');
      expect(hcpcs.at(date).check('G0121').ok).toBe(true);
      expect(hcpcs.modifiers.at(date).check('XS').ok).toBe(true);
      expect(hcpcs.modifiers.at(date).check('25').ok).toBe(true);
    }
    // July additions are still not in force before 2026-07-01.
    const early = hcpcs.at('2026-06-30').check('A9574');
    expect(early.issues[0]!.message).toContain('not in force until 2026-07-01');
  });

  it('CPT modifiers are checkable on any date, even before the first HCPCS edition', () => {
    for (const date of ['2025-12-31', '2020-01-01']) {
      const mods = hcpcs.modifiers.at(date);
      expect(mods.edition.id).toBe('cpt-only');
      expect(mods.check('25')).toMatchObject({ ok: true, issues: [] });
      expect(mods.get('59')?.source).toBe('cpt');
      expect(mods.check('ZZ').ok).toBe(false);
      expect(hcpcs.modifiers.tryAt(date).ok).toBe(true);
    }
    expect(hcpcs.modifiers.at('2025-12-31').edition.effectiveTo).toBe('2025-12-31');
    const bad = hcpcs.modifiers.tryAt('2026-02-30');
    expect(!bad.ok && bad.issues[0]!.code).toBe('invalid_date');
  });

  it('a date before the editions is a structured no_edition error naming the date and the ranges', () => {
    for (const date of ['2025-12-31', '2000-01-01']) {
      const r = hcpcs.tryAt(date);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const issue = r.issues[0]!;
      expect(issue.code).toBe('no_edition');
      expect(issue.message).toContain(date);
      expect(issue.message).toContain('2026-jan 2026-01-01..2026-06-30');
      expect(() => hcpcs.at(date)).toThrow(MedcodeError);
    }
    const bad = hcpcs.tryAt('2026-02-30');
    expect(!bad.ok && bad.issues[0]!.code).toBe('invalid_date');
  });
});

describe('fixed-width parsing follows HCPC2026_recordlayout.txt', () => {
  const zip = unzipSync(
    new Uint8Array(readFileSync(join(SOURCES_DIR, 'hcpcs', 'january-2026-alpha-numeric-hcpcs-file.zip'))),
  );
  const txt = parseHcpcsFixedWidth(
    Buffer.from(zip['HCPC2026_JAN_ANWEB_01122026.txt']!).toString('latin1'),
    'jan.txt',
  );

  it('joins continuation records into the same long descriptions as the CMS workbook of the same file', async () => {
    const sheets = await readXlsxFile(Buffer.from(zip['HCPC2026_JAN_ANWEB_01122026.xlsx']!));
    const xlsx = parseHcpcsWorkbookRows(sheets[0]!.data, 'jan.xlsx');
    // The workbook keeps some double spaces the fixed-width text cannot carry; compare words.
    const words = (s: string) => s.replace(/\s+/g, ' ').trim();
    const byCode = new Map(xlsx.codes.map((c) => [c.code, c]));
    expect(xlsx.codes).toHaveLength(txt.codes.length);
    const differing = txt.codes.filter(
      (c) => words(c.longDescription) !== words(byCode.get(c.code)!.longDescription),
    );
    expect(differing.map((c) => c.code)).toEqual([]);
    const mods = new Map(xlsx.modifiers.map((m) => [m.code, m]));
    expect(txt.modifiers.filter((m) => JSON.stringify(m) !== JSON.stringify(mods.get(m.code)))).toEqual([]);
  });

  it('reads every field of G0121 at its layout position', () => {
    const g = hcpcs.at(JAN).get('G0121')!;
    expect(g).toMatchObject({
      code: 'G0121',
      title: 'Colorectal cancer screening; colonoscopy on individual not meeting criteria for high risk',
      shortDescription: 'Colon ca scrn not hi rsk ind',
      pricingIndicators: ['11'],
      multiplePricingIndicator: 'A',
      coverage: 'D',
      ascPaymentGroup: 'YY',
      ascPaymentGroupEffectiveDate: '2001-07-01',
      processingNote: '0064',
      betos: 'P8D',
      typesOfService: ['2'],
      addedDate: '1998-01-01',
      actionEffectiveDate: '2024-01-01',
      terminationDate: undefined,
      actionCode: 'N',
    });
  });

  it('reads repeated fields (lab certification ×8, cross reference ×5)', () => {
    const g = hcpcs.edition('2026-jan').get('G0464')!;
    expect(g.labCertifications).toEqual(['220', '310', '900']);
    expect(g.crossReferences).toEqual(['81528']);
    expect(g.terminationDate).toBe('2015-12-31');
  });

  it('rejects data past position 320 and orphan continuation records', () => {
    const rec = `G0121001003${'x'.padEnd(309)}`;
    expect(() => parseHcpcsFixedWidth(`${rec}EXTRA`, 'bad.txt')).toThrow(/past position 320/);
    expect(() => parseHcpcsFixedWidth('G0121002004more text', 'bad.txt')).toThrow(/does not follow/);
  });
});

describe('hcpcs.at(date).check', () => {
  it('accepts a valid code, any case and surrounding spaces (with a code_normalized note)', () => {
    expect(hcpcs.at(JAN).check('G0121')).toMatchObject({ ok: true, issues: [] });
    const r = hcpcs.at(JAN).check(' g0121 ');
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => i.code)).toEqual(['code_normalized']);
  });

  it('a code terminated before the date of service fails with code_terminated', () => {
    const r = hcpcs.at(JAN).check('C5271');
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'code_terminated', terminationDate: '2025-12-31', date: JAN });
    expect(r.issues[0]!.message).toBe(
      'C5271 was terminated on 2025-12-31, before the date of service 2026-03-01.',
    );
    // C9309 ends on 2026-06-30: in force on the last day, terminated the next.
    expect(hcpcs.at('2026-06-30').check('C9309').ok).toBe(true);
    expect(hcpcs.at('2026-07-01').check('C9309').issues[0]!.code).toBe('code_terminated');
  });

  it('a code added on 2026-07-01 is "not in force until 2026-07-01" before it', () => {
    const added = [
      ...hcpcs.edition('2026-jul').codes((e) => e.addedDate === '2026-07-01' && e.actionCode === 'A'),
    ];
    expect(added).toHaveLength(40);
    for (const e of added) {
      const r = hcpcs.at('2026-06-30').check(e.code);
      expect(r.ok).toBe(false);
      expect(r.issues[0]).toMatchObject({
        code: 'not_in_force',
        effectiveFrom: '2026-07-01',
        date: '2026-06-30',
      });
      expect(r.issues[0]!.message).toContain('not in force until 2026-07-01');
      expect(hcpcs.at('2026-07-01').check(e.code).ok).toBe(true);
    }
  });

  it('codes from the April update (not held) are not in force before 2026-04-01 and accepted with a warning after', () => {
    const before = hcpcs.at(JAN).check('A2040');
    expect(before.issues[0]).toMatchObject({ code: 'not_in_force', effectiveFrom: '2026-04-01' });
    const after = hcpcs.at('2026-05-01').check('A2040');
    expect(after.ok).toBe(true);
    expect(after.issues[0]).toMatchObject({
      code: 'added_between_editions',
      severity: 'warning',
      addedDate: '2026-04-01',
      foundIn: 'HCPCS Level II 2026 July',
    });
  });

  it('codes({ inForce }) lists exactly the codes check() accepts on the date, April not held', () => {
    // Every code either file holds, checked on dates inside January's own quarter, in the April to
    // June bridge (the July file's terminations and add dates apply) and in July.
    const every = new Set([
      ...[...hcpcs.edition('2026-jan').codes()].map((e) => e.code),
      ...[...hcpcs.edition('2026-jul').codes()].map((e) => e.code),
    ]);
    for (const date of ['2026-01-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-30', JUL]) {
      const view = hcpcs.at(date);
      const listed = [...view.codes({ inForce: true })].map((e) => e.code);
      const accepted = [...every].filter((c) => view.check(c).ok).sort();
      expect(listed, date).toEqual(accepted);
      for (const e of view.codes({ inForce: false })) expect(view.check(e.code).ok, e.code).toBe(false);
    }
    const may = hcpcs.at('2026-05-01');
    const inForce = [...may.codes({ inForce: true })];
    const codes = inForce.map((e) => e.code);
    // Ended 2026-03-31 by the July file: not in force, and listed as not in force.
    for (const c of ['C9145', 'C9307', 'C9308', 'L6000', 'L6010', 'L6020']) {
      expect(codes, c).not.toContain(c);
      expect([...may.codes({ inForce: false })].map((e) => e.code)).toContain(c);
    }
    // Added 2026-04-01 (July file): in force, with the July file's entry, in code order.
    expect(codes).toContain('A2040');
    expect(inForce.find((e) => e.code === 'A2040')).toBe(hcpcs.edition('2026-jul').get('A2040'));
    expect(codes).toEqual([...codes].sort());
    expect([...may.codes({ prefix: 'a204', inForce: true })].map((e) => e.code)).toEqual(
      expect.arrayContaining(['A2040', 'A2041']),
    );
    expect(
      [...may.codes({ inForce: true, where: (e) => e.addedDate === '2026-04-01' })].length,
    ).toBeGreaterThan(40);
    // Not yet added on 2026-03-01: not listed.
    expect([...hcpcs.at(JAN).codes({ inForce: true })].map((e) => e.code)).not.toContain('A2040');
  });

  it('malformed and unknown codes', () => {
    expect(hcpcs.at(JAN).check('G012').issues[0]).toMatchObject({
      code: 'malformed_code',
      reason: 'too_short',
    });
    expect(hcpcs.at(JAN).check('99213').issues[0]).toMatchObject({
      code: 'malformed_code',
      reason: 'first_character',
    });
    expect(hcpcs.at(JAN).check('W1234').issues[0]).toMatchObject({
      code: 'malformed_code',
      reason: 'first_character',
    });
    expect(hcpcs.at(JAN).check('V9998').issues[0]).toMatchObject({
      code: 'unknown_code',
      codes: ['V9998'],
      dataVersion: 'HCPCS Level II 2026 January',
    });
    expect(hcpcs.at(JAN).check(42).issues[0]).toMatchObject({
      code: 'malformed_code',
      reason: 'not_a_string',
    });
  });

  it('search ranks matching descriptions', () => {
    const hits = hcpcs.at(JAN).search('colonoscopy not meeting criteria high risk', { limit: 5 });
    expect(hits.map((h) => h.entry.code)).toContain('G0121');
    expect(hcpcs.at(JAN).search('g0121')[0]!.entry.code).toBe('G0121');
    expect(hcpcs.at(JAN).search('')).toEqual([]);
    expect(hcpcs.at(JAN).search('colonoscopy', { limit: Number.NaN })).toHaveLength(10);
    expect(hcpcs.at(JAN).search('colonoscopy', { limit: 2000 }).length).toBeGreaterThan(10);
    expect(hcpcs.at(JAN).search(42 as unknown as string)).toEqual([]);
    expect(hcpcs.at(JAN).search('x'.repeat(1 << 20))).toEqual([]);
  });

  it('search on a date answers only the codes check() accepts on that date (record layout field 29)', () => {
    const may = hcpcs.at('2026-05-01');
    const queries = [
      'skin substitute',
      'nebulizer tubing',
      'irrigation supply sleeve',
      'wheelchair',
      'oxygen',
      'drug test',
    ];
    for (const q of queries) {
      const hits = may.search(q, { limit: 1000 });
      expect(hits.length, q).toBeGreaterThan(0);
      for (const h of hits) expect(may.check(h.entry.code).ok, `${q}: ${h.entry.code}`).toBe(true);
    }
    // Terminated on 2025-12-31 (C5271, Q4100 in the January file), on 2026-03-31 by the July
    // file (C9145): in the file, rejected by check, never offered by search on the date.
    const codes = (q: string) => may.search(q, { limit: 1000 }).map((h) => h.entry.code);
    expect(may.check('C5271').issues[0]?.code).toBe('code_terminated');
    expect(codes('skin substitute')).not.toContain('Q4100');
    expect(codes('skin substitute')).not.toContain('C5271');
    expect(codes('C5271')).toEqual([]);
    expect(codes('C9145')).toEqual([]);
    // The same search on a view without a date of service (an edition) browses the whole file.
    expect(
      hcpcs
        .edition('2026-jan')
        .search('C5271')
        .map((h) => h.entry.code),
    ).toEqual(['C5271']);
    expect(
      hcpcs
        .edition('2026-jan')
        .search('skin substitute', { limit: 1000 })
        .map((h) => h.entry.code),
    ).toContain('Q4100');
    // A live code is still found by its code and its words.
    expect(codes('g0121')[0]).toBe('G0121');
    // A code of the April quarter, which only the July file holds (A2043, added 2026-04-01), is
    // accepted by check on the date (added_between_editions) and so found by its words, as
    // codes({ inForce: true }) yields it; never before it was added.
    expect(may.check('A2043').issues.map((i) => i.code)).toContain('added_between_editions');
    expect(codes('biobrane').sort()).toEqual(['A2043', 'A2044']);
    expect(codes('A2043')).toEqual(['A2043']);
    expect([...may.codes({ inForce: true })].map((e) => e.code)).toEqual(
      expect.arrayContaining(['A2043', 'A2044']),
    );
    expect(hcpcs.at('2026-02-01').search('biobrane')).toEqual([]);
  });

  it('search reads a word no description holds as the nearest words the descriptions hold', () => {
    const codes = (q: string, set: Pick<CodeSet<CodeEntry>, 'search'> = hcpcs.at(JAN)) =>
      set.search(q, { limit: 10 }).map((h) => h.entry.code);
    // `wheelchiar` (two letters swapped) is in no description: read as `wheelchair`.
    expect(codes('wheelchiar seat cushion')).toEqual(codes('wheelchair seat cushion'));
    expect(codes('wheelchiar seat cushion')).toContain('E2601');
    expect(codes('insluin')).toEqual(codes('insulin'));
    expect(codes('ofice', placesOfService.at(JAN))[0]).toBe('11');
    expect(codes('bilaterl', hcpcs.modifiers.at(JUL))[0]).toBe('50');
    // A word the short descriptions hold as written (`monitr`) is never read as another.
    expect(codes('pacemaker monitr')).toEqual(expect.arrayContaining(['E0610', 'E0615']));
    // One word that nothing is near enough to: no hits, as before.
    expect(codes('wheelchiar qqqqqqqq')).toEqual([]);
    // More words than MAX_CORRECTED_WORDS that no text holds: not a misspelling, no second search.
    expect(codes('custum fabricatd wheelchiar seat cushon')).toEqual(['E2609']);
    expect(MAX_CORRECTED_WORDS).toBe(4);
    expect(codes('custum fabricatd wheelchiar seat cushon sizze')).toEqual([]);
    expect(codes('whee')).not.toEqual([]);
  });
});

describe('hostile input', () => {
  const sets = () => [hcpcs.at(JAN), hcpcs.modifiers.at(JUL), placesOfService.at(JAN)];
  const nasty: unknown[] = [
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'x'.repeat(1 << 20),
    'Ｇ0121',
    'G０121',
    'Ｇ0121',
    'С1',
    'ХS',
    'G0121\u0000',
    null,
    undefined,
    0,
    NaN,
    {},
    [],
    ['G0121'],
    Symbol('x'),
    () => 'G0121',
    new String('G0121'),
    { toString: () => 'G0121' },
    10n,
  ];

  it('never throws, get returns undefined and check returns an issue', () => {
    for (const set of sets()) {
      for (const v of nasty) {
        expect(set.get(v)).toBeUndefined();
        const r = set.check(v);
        expect(r.ok).toBe(false);
        expect(r.issues.length).toBeGreaterThan(0);
      }
    }
  });

  it('property: any value', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        for (const set of sets()) {
          const got = set.get(v);
          const r = set.check(v);
          if (got === undefined) expect(r.ok && r.issues[0]?.code !== 'added_between_editions').toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('entries and results are frozen', () => {
    const e = hcpcs.at(JAN).get('G0121')!;
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e.pricingIndicators)).toBe(true);
    expect(Object.isFrozen(hcpcs.at(JAN).check('G0121'))).toBe(true);
    expect(Object.isFrozen(hcpcs.modifiers.at(JAN).get('59'))).toBe(true);
  });
});

describe('createHcpcsSystem', () => {
  it('reads nothing until used, and reports no edition for an empty folder', () => {
    // The sources folder is there and holds official files, no packs.
    const empty = createHcpcsSystem({ codesetsDir: SOURCES_DIR });
    expect(empty.editions).toEqual([]);
    const r = empty.tryAt(JAN);
    expect(!r.ok && r.issues[0]!.code).toBe('no_edition');
    // A folder that is not there is a wrong path, said on first use.
    const missing = createHcpcsSystem({ codesetsDir: join(CODESETS_DIR, 'does-not-exist') });
    expect(() => missing.editions).toThrow(PackError);
  });

  it('edition(id) checks against the edition start; unknown ids throw', () => {
    expect(hcpcs.edition('2026-jul').check('C9309').issues[0]!.code).toBe('code_terminated');
    expect(hcpcs.edition('2026-jul').check('G0121').ok).toBe(true);
    expect(() => hcpcs.edition('2026-apr')).toThrow(MedcodeError);
  });
});

describe('termination dates from a later file', () => {
  it('C9145 ended 2026-03-31 per the July 2026 file (April update not held): terminated on 2026-05-01 in the January edition', () => {
    expect(hcpcs.edition('2026-jan').get('C9145')!.terminationDate).toBeUndefined();
    expect(hcpcs.at('2026-03-31').check('C9145').ok).toBe(true);
    const r = hcpcs.at('2026-05-01').check('C9145');
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: 'code_terminated',
      terminationDate: '2026-03-31',
      citation: 'termination date from HCPCS Level II 2026 July',
    });
  });
});

describe('dated result memo', () => {
  it('reuses a terminated result for the same date only', () => {
    const a = hcpcs.at('2026-03-01').check('C5271');
    const b = hcpcs.at('2026-03-01').check('C5271');
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.issues)).toBe(true);
    const c = hcpcs.at('2026-04-02').check('C5271');
    expect(c.issues[0]!.message).toContain('2026-04-02');
    const d = hcpcs.edition('2026-jan').check('C5271');
    expect(d.issues[0]).not.toHaveProperty('date');
    expect(hcpcs.at('2026-03-01').check('c5271').issues[0]!.input).toBe('c5271');
  });
});

describe('data isolation', () => {
  it('works from a codesets folder holding only hcpcs/ and pos/ (no other system needed)', async () => {
    const { mkdtempSync, cpSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'medcode-hcpcs-'));
    cpSync(join(CODESETS_DIR, 'hcpcs'), join(dir, 'hcpcs'), { recursive: true });
    cpSync(join(CODESETS_DIR, 'pos'), join(dir, 'pos'), { recursive: true });
    const mine = createHcpcsSystem({ codesetsDir: dir });
    expect(mine.at(JAN).get('G0121')?.code).toBe('G0121');
    expect(mine.placesOfService.at(JAN).get('11')?.name).toBe('Office');
    expect(mine.modifiers.at(JUL).get('AC')?.source).toBe('hcpcs');
  });

  it('a corrupted pack fails loudly with a PackError, never half-loaded', async () => {
    const { mkdtempSync, cpSync, readFileSync: read, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'medcode-hcpcs-'));
    cpSync(join(CODESETS_DIR, 'hcpcs'), join(dir, 'hcpcs'), { recursive: true });
    const file = join(dir, 'hcpcs', '2026-jan', 'codes.pack');
    const bytes = read(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    expect(() => createHcpcsSystem({ codesetsDir: dir }).at(JAN).get('G0121')).toThrow(/corrupted|checksum/);
  });
});

describe('descriptions: whitespace collapsed in the loader', () => {
  it('no code or modifier text has a run of spaces, and only 12 July long descriptions really change', () => {
    for (const id of ['2026-jan', '2026-jul']) {
      for (const e of hcpcs.edition(id).codes())
        expect(/\s\s|^\s|\s$/.test(`${e.longDescription}|${e.shortDescription}`)).toBe(false);
      for (const m of hcpcs.modifiers.edition(id).codes())
        expect(/\s\s/.test(`${m.title}|${m.shortDescription}`)).toBe(false);
    }
    const jan = hcpcs.edition('2026-jan');
    const changed = [...hcpcs.edition('2026-jul').codes()].filter((e) => {
      const before = jan.get(e.code);
      return before !== undefined && before.longDescription !== e.longDescription;
    });
    expect(changed).toHaveLength(12);
    expect(hcpcs.edition('2026-jul').get('C9754')!.longDescription).toMatch(
      /^Creation of arteriovenous fistula, percutaneous; direct, any site, including all imaging/,
    );
  });
});
