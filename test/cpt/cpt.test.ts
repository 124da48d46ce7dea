import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpt, parseCpt, withDescriptors, detectCodeSystem } from '../../src/cpt/index';
import { detectCodeSystem as fromCore } from '../../src/core/index';
import { MedcodeError } from '../../src/core/errors';

// The fixture holds made-up descriptors written for these tests: no AMA text.
const TSV = readFileSync(join(import.meta.dirname, 'fixtures', 'descriptors.tsv'), 'utf8');

const section = (code: string) => {
  const r = parseCpt(code);
  if (!r.ok) throw new Error(code);
  return r.value;
};

describe('cpt.parse', () => {
  it('gives the category from the shape', () => {
    expect(section('27447').category).toBe('I');
    expect(section('3074F').category).toBe('II');
    expect(section('0213T').category).toBe('III');
    expect(section('0001U')).toMatchObject({
      category: 'PLA',
      section: 'pathology_and_laboratory',
      sectionCertain: true,
    });
    expect(section('0018M')).toMatchObject({
      category: 'MAAA',
      section: 'pathology_and_laboratory',
      sectionCertain: true,
    });
    expect(section(' 0213t ').code).toBe('0213T');
  });

  it('gives Category I sections by range (the Category I section ranges of the CPT code book)', () => {
    expect(section('00100')).toMatchObject({ section: 'anesthesia', sectionCertain: true });
    expect(section('01999').section).toBe('anesthesia');
    expect(section('10004').section).toBe('surgery');
    expect(section('69990').section).toBe('surgery');
    expect(section('70010').section).toBe('radiology');
    expect(section('80047').section).toBe('pathology_and_laboratory');
    expect(section('90281')).toMatchObject({ section: 'medicine', sectionCertain: true });
  });

  it('says when a range alone cannot decide: every 99xxx code, and numbers in no range', () => {
    expect(section('99213')).toMatchObject({ section: 'evaluation_and_management', sectionCertain: false });
    expect(section('99120')).toMatchObject({
      sectionCandidates: ['medicine', 'anesthesia'],
      sectionCertain: false,
    });
    expect(section('99500')).toMatchObject({ section: 'medicine', sectionCertain: false });
    expect(section('99201')).toMatchObject({
      section: undefined,
      sectionCandidates: [],
      sectionCertain: false,
    });
    expect(section('00050').section).toBeUndefined();
    expect(section('99213').sectionNote).toMatch(/99xxx/);
  });

  it('malformed input gets a structured malformed_code issue, never a throw', () => {
    const cases: [unknown, string][] = [
      ['9921', 'too_short'],
      ['992134', 'too_long'],
      ['A9921', 'first_character'],
      ['9921X', 'bad_character'],
      ['', 'empty'],
      [99213, 'not_a_string'],
    ];
    for (const [input, reason] of cases) {
      const r = cpt.parse(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'malformed_code', system: 'cpt', reason });
    }
    fc.assert(fc.property(fc.anything(), (v) => void cpt.parse(v)));
  });
});

describe('cpt.withDescriptors', () => {
  const set = withDescriptors(TSV);

  it('reads a TSV by header names and skips unusable rows', () => {
    expect([...set.codes()].map((e) => e.code)).toEqual(['0001T', '0009U', '10005', '10006', '1234F']);
    expect(set.get('10005')).toMatchObject({
      title: 'Fixture entry alpha: widget adjustment, first unit',
      category: 'I',
      section: 'surgery',
    });
    expect(set.skipped.map((s) => [s.line, s.reason])).toEqual([
      [7, 'malformed_code'],
      [8, 'duplicate_code'],
      [9, 'empty_descriptor'],
    ]);
  });

  it('get, check and search like the other code sets', () => {
    expect(set.check('10006').ok).toBe(true);
    expect(set.check('99999').issues[0]).toMatchObject({ code: 'unknown_code', system: 'cpt' });
    expect(set.check('999').issues[0]).toMatchObject({ code: 'malformed_code' });
    expect(set.check('__proto__').ok).toBe(false);
    expect(set.get({})).toBeUndefined();
    expect(set.search('widget adjustment').map((h) => h.entry.code)).toEqual(['10005', '10006']);
    expect(set.search('gadget')[0]!.entry.code).toBe('0001T');
  });

  it('reads CSV with quoted fields and chosen columns', () => {
    const csv =
      'cpt_code,description,extra\n"10005","Made-up text, with a comma and ""quotes""",x\r\n20000,"Second, multi\nline text",y\n';
    const s = withDescriptors(csv);
    expect(s.get('10005')!.title).toBe('Made-up text, with a comma and "quotes"');
    expect(s.get('20000')!.title).toBe('Second, multi\nline text');
    const chosen = withDescriptors('id,text,code\n1,Made-up,10005\n', {
      codeColumn: 'code',
      descriptorColumn: 'text',
    });
    expect(chosen.get('10005')!.title).toBe('Made-up');
  });

  it('an unusable file throws a MedcodeError with invalid_option', () => {
    expect(() => withDescriptors('a,b\n1,2\n')).toThrow(MedcodeError);
    try {
      withDescriptors('code,b\n10005,2\n');
    } catch (e) {
      expect((e as MedcodeError).issues[0]).toMatchObject({
        code: 'invalid_option',
        option: 'descriptorColumn',
      });
    }
    expect(() => withDescriptors(TSV, { codeColumn: 'nope' })).toThrow(MedcodeError);
  });
});

describe('detectCodeSystem', () => {
  it('is exported from core and from medcode/cpt', () => {
    expect(fromCore).toBe(detectCodeSystem);
  });

  it('lists the candidate systems by shape', () => {
    const systems = (raw: unknown) =>
      detectCodeSystem(raw).map((d) => (d.cptCategory ? `cpt-${d.cptCategory}` : d.system));
    expect(systems('99213')).toEqual(['cpt-I']);
    expect(systems('3074F')).toEqual(['cpt-II']);
    expect(systems('0213T')).toEqual(['cpt-III']);
    expect(systems('0001U')).toEqual(['cpt-PLA']);
    expect(systems('0018m')).toEqual(['cpt-MAAA']);
    expect(systems('G0121')).toEqual(['hcpcs', 'icd10cm']);
    expect(systems('e11.9')).toEqual(['icd10cm']);
    expect(detectCodeSystem('E119')[0]!.normalized).toBe('E11.9');
    // ICD-10-CM reads 'E11.' as a misplaced dot (malformed_code), so detection does not offer it.
    expect(systems('E11.')).toEqual([]);
    expect(systems('E11')).toEqual(['icd10cm']);
    expect(systems('0DTJ4ZZ')).toEqual(['icd10pcs']);
    expect(systems('S72001A')).toEqual(['icd10pcs', 'icd10cm']);
    expect(systems('0DTI4ZZ')).toEqual([]);
    for (const bad of ['', '1', '__proto__', 'x'.repeat(1 << 20), null, 5, {}])
      expect(detectCodeSystem(bad)).toEqual([]);
    fc.assert(fc.property(fc.anything(), (v) => Array.isArray(detectCodeSystem(v))));
  });
});
