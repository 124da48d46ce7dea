import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { icd10cm } from '../../src/icd10cm/index';
import type { Icd10CmCodeSet } from '../../src/icd10cm/index';

const cs: Icd10CmCodeSet = icd10cm.at('2026-05-01');
const codesOf = (r: { issues: readonly { code: string }[] }) => r.issues.map((i) => i.code);

describe('ICD-10-CM FY2026 code set (real data)', () => {
  it('has exactly the CMS order-file counts', () => {
    expect(cs.edition.id).toBe('fy2026');
    expect(cs.size).toBe(98_186);
    let billable = 0;
    let headers = 0;
    for (const e of cs.codes()) e.billable ? billable++ : headers++;
    expect(billable).toBe(74_719);
    expect(headers).toBe(23_467);
    expect([...cs.codes({ billable: true })].length).toBe(74_719);
    const m = icd10cm.manifests.find((x) => x.edition.id === 'fy2026')!;
    expect(m.counts.codes).toBe(98_186);
    expect(m.counts.tabularCovered! + m.counts.tabularUncovered!).toBe(98_186);
    expect(m.counts.tabularUncovered).toBeGreaterThan(150);
    expect(m.counts.tabularUncovered).toBeLessThan(300);
  });

  it('gets entries in every spelling, frozen, with hierarchy', () => {
    const e = cs.get('e119')!;
    expect(e).toBe(cs.get(' E11.9 '));
    expect(e).toBe(cs.get('E119'));
    expect(e.code).toBe('E11.9');
    expect(e.undotted).toBe('E119');
    expect(e.billable).toBe(true);
    expect(e.title).toBe('Type 2 diabetes mellitus without complications');
    expect(e.parent).toBe('E11');
    expect(e.chapter).toBe('4');
    expect(e.section).toBe('E08-E13');
    expect(Object.isFrozen(e)).toBe(true);
    expect(cs.get('E11')!.billable).toBe(false);
    expect(cs.children('E11').map((c) => c.code)).toContain('E11.9');
    expect(cs.children('E11').every((c) => c.parent === 'E11')).toBe(true);
    expect(cs.ancestors('S72.001A').map((c) => c.code)).toEqual(['S72.001', 'S72.00', 'S72.0', 'S72']);
  });

  it('flags POA-exempt codes from the CDC FY2026 list', () => {
    // The CDC list's own entries (POAexemptCodesFY26): exempt Z38.00, Y92.9, Z23; not exempt I10, E11.9.
    for (const c of ['Z38.00', 'Y92.9', 'Z23', 'Z79.4']) expect(cs.get(c)?.poaExempt).toBe(true);
    for (const c of ['I10', 'E11.9']) expect(cs.get(c)?.poaExempt).toBe(false);
    expect([...cs.codes()].filter((e) => e.poaExempt).length).toBe(38_349);
  });

  it('checks 7th characters from the inherited sevenChrDef', () => {
    const missing = cs.check('S72.001');
    expect(missing.ok).toBe(false);
    expect(codesOf(missing)).toContain('seventh_character_missing');
    const m = missing.issues[0]!;
    if (m.code !== 'seventh_character_missing') throw new Error('wrong issue');
    expect(m.allowed.map((a) => a.value).join('')).toBe('ABCDEFGHJKMNPQRS');
    expect(cs.check('S72.001A').ok).toBe(true);
    expect(cs.get('S72.001A')!.seventhCharacter).toEqual({
      value: 'A',
      meaning: 'initial encounter for closed fracture',
    });
    const bad = cs.check('S72.001Z');
    expect(codesOf(bad)).toEqual(['seventh_character_invalid']);
    expect(bad.issues[0]!.message).toContain('A initial encounter for closed fracture');
    const fetus = cs.check('O40.1XX6');
    expect(codesOf(fetus)).toEqual(['seventh_character_invalid']);
    if (fetus.issues[0]!.code === 'seventh_character_invalid')
      expect(fetus.issues[0]!.allowed.map((a) => a.value)).toEqual(['0', '1', '2', '3', '4', '5', '9']);
    expect(cs.check('O40.1XX0').ok).toBe(true);
  });

  it('finds a missing placeholder X', () => {
    const r = cs.check('T36.01A');
    expect(codesOf(r)).toEqual(['placeholder_missing']);
    if (r.issues[0]!.code === 'placeholder_missing') expect(r.issues[0]!.expected).toBe('T36.0X1A');
    const w = cs.check('W01.0A');
    if (w.issues[0]!.code === 'placeholder_missing') expect(w.issues[0]!.expected).toBe('W01.0XXA');
    else throw new Error(`expected placeholder_missing, got ${w.issues[0]!.code}`);
  });

  it('knows the 7th characters of W44, which the tabular held does not describe, from the order file', () => {
    const r = cs.check('W44.A0A');
    expect(codesOf(r)).toEqual(['placeholder_missing']);
    if (r.issues[0]!.code === 'placeholder_missing') expect(r.issues[0]!.expected).toBe('W44.A0XA');
    const bad = cs.check('W44.A0XB');
    expect(codesOf(bad)).toEqual(['seventh_character_invalid']);
    if (bad.issues[0]!.code === 'seventh_character_invalid')
      expect(bad.issues[0]!.allowed).toEqual([
        { value: 'A', meaning: 'initial encounter' },
        { value: 'D', meaning: 'subsequent encounter' },
        { value: 'S', meaning: 'sequela' },
      ]);
    expect(codesOf(cs.check('W44.A0X'))).toEqual(['seventh_character_missing']);
    expect(cs.check('W44.A0XA').ok).toBe(true);
  });

  it('explains headers, unknown and malformed codes', () => {
    const h = cs.check('E11');
    expect(codesOf(h)).toEqual(['not_billable']);
    expect(Object.isFrozen(h)).toBe(true);
    expect(cs.check('E11')).toBe(h); // one frozen result per row and spelling
    if (h.issues[0]!.code === 'not_billable') {
      expect(Object.isFrozen(h.issues[0]!.examples)).toBe(true);
      expect(h.issues[0]!.billableChildren).toBe([...cs.codes({ under: 'E11', billable: true })].length);
      expect(h.issues[0]!.examples[0]).toBe('E11.00');
    }
    expect(codesOf(cs.check('E11.99'))).toEqual(['unknown_code']);
    expect(codesOf(cs.check('E1.19'))).toEqual(['malformed_code']);
    expect(codesOf(cs.check(null))).toEqual(['malformed_code']);
  });

  it('derives chapter and section for categories the FY2023 tabular lacks, without inventing notes', () => {
    const e = cs.get('I1A.0')!;
    expect(e.chapter).toBe('9');
    expect(e.section).toBe('I10-I1A');
    expect(e.sectionDerived).toBe(true);
    expect(e.tabularCoverage).toBe(false);
    expect(e.notes.excludes1.every((n) => n.level === 'chapter')).toBe(true);
    expect(cs.get('QA0')!.chapter).toBe('17');
  });

  it('applies notes through ancestors with structured Excludes references', () => {
    const n = cs.notesFor('E11.9')!;
    const t1 = n.excludes1.find((x) => x.text.includes('type 1 diabetes'))!;
    expect(t1).toMatchObject({
      level: 'category',
      levelCode: 'E11',
      references: [{ raw: 'E10.-', low: 'E10', high: 'E10' }],
    });
    expect(n.excludes1.some((x) => x.level === 'chapter' && x.levelCode === '4')).toBe(true);
    expect(n.useAdditionalCode.length).toBeGreaterThan(0);
    const s = cs.notesFor('S72.001A')!;
    expect(s.excludes1.some((x) => x.levelCode === 'S72')).toBe(true);
    expect(cs.notesFor('not a code')).toBeUndefined();
  });

  it('reports Excludes conflicts in both directions', () => {
    const both = cs.excludesConflicts('E11.9', 'E10.9', 'excludes1');
    expect(both.map((c) => `${c.owner}>${c.other}:${c.reference.raw}`).sort()).toEqual([
      'E10.9>E11.9:E11.-',
      'E11.9>E10.9:E10.-',
    ]);
    // Chapter 9 Excludes2 "endocrine, nutritional and metabolic diseases (E00-E88)" covers E11.9 from I10.
    const ch = cs.excludesConflicts('E11.9', 'I10');
    expect(
      ch.map((c) => [c.kind, c.owner, c.other, c.note.level, c.note.levelCode, c.reference.raw]),
    ).toEqual([['excludes2', 'I10', 'E11.9', 'chapter', '9', 'E00-E88']]);
    expect(cs.excludesConflicts('E11.9', 'I10', 'excludes1')).toEqual([]);
    expect(cs.excludesConflicts('E11.9', '__proto__')).toEqual([]);
  });

  it('searches titles, inclusion and index terms', () => {
    const hits = cs.search('type 2 diabetes w/ neuropathy', { limit: 10 });
    expect(hits.length).toBe(10);
    expect(hits.slice(0, 3).map((h) => h.entry.code)).toContain('E11.40');
    expect(
      cs
        .search('Neuropathy diabetes type 2')
        .slice(0, 5)
        .map((h) => h.entry.code),
    ).toContain('E11.40');
    expect(cs.search('E11.9')[0]!.entry.code).toBe('E11.9');
    expect(cs.search('')).toEqual([]);
  });
});

describe('hostile input', () => {
  const hostile: unknown[] = [
    '',
    ' ',
    'x'.repeat(1_000_000),
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'Е11.9',
    'E11.9\u200b',
    '\uFF25119',
    null,
    undefined,
    0,
    42,
    {},
    [],
    Symbol('x'),
    () => 1,
    new Date(),
    NaN,
  ];
  it('get returns undefined and check returns issues, never throwing', () => {
    for (const v of hostile) {
      expect(cs.get(v)).toBeUndefined();
      const r = cs.check(v);
      expect(r.ok).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
      expect(Object.isFrozen(r.issues[0])).toBe(true);
    }
    expect(cs.search('x'.repeat(1_000_000))).toEqual([]);
    expect(cs.search(42 as unknown as string)).toEqual([]);
    expect(cs.search('diabetes', { limit: 0 }).length).toBe(0); // core searchLimit: 0 means no hits
    expect(cs.search('diabetes', { limit: 5000 }).length).toBeLessThanOrEqual(1000);
    expect(cs.search('diabetes', { limit: Number.NaN }).length).toBe(10);
    // Bad options are programming errors: rejected with a structured MedcodeError (review 25).
    expect(() => cs.excludesConflicts('E11.9', 'E10.9', 'bogus' as 'excludes1')).toThrow(/option "kind"/);
    expect(() => cs.codes({ under: '__proto__' })).toThrow(/option "filter.under"/);
    expect(cs.excludesConflicts('__proto__', 'E10.9')).toEqual([]);
    expect(cs.get('E11.9')!.code).toBe('E11.9');
  });

  it('property: any string gets a structured result', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('S72.001', 'O40.1XX6', 'E11', 'e11.9')), (s) => {
        const r = cs.check(s);
        expect(r.ok ? r.value.billable : r.issues.length > 0).toBe(true);
        const e = cs.get(s);
        if (e) expect(Object.isFrozen(e)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
