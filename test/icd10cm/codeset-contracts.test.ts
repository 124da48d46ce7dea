import { medcodeErrorOf } from '../medcode-error';
import { describe, expect, it } from 'vitest';
import { icd10cm } from '../../src/icd10cm/index';
import { parseIcd10CmReferences } from '../../src/icd10cm/references';
import { MedcodeError } from '../../src/core/errors';

const fy26 = icd10cm.edition('fy2026');
const fy27 = icd10cm.edition('fy2027');

describe('shared notes are immutable', () => {
  it('a note without parenthesised codes has a frozen reference list', () => {
    expect(Object.isFrozen(parseIcd10CmReferences('no codes here'))).toBe(true);
    const note = fy26.notesFor('N39.0')!.excludes1.find((n) => n.references.length === 0)!;
    expect(note).toBeDefined();
    expect(Object.isFrozen(note.references)).toBe(true);
    expect(() =>
      (note.references as unknown as unknown[]).push({ raw: 'A00-Z99', low: 'A00', high: 'Z99' }),
    ).toThrow(TypeError);
    expect(fy26.excludesConflicts('N39.0', 'E11.9')).toHaveLength(1);
    expect(fy27.excludesConflicts('N39.0', 'E11.9')).toHaveLength(1);
  });
});

describe('no internal members on code-set objects', () => {
  it('exposes neither the table nor an unchecked date binding', () => {
    const cs = icd10cm.at('2026-05-01') as unknown as Record<string, unknown>;
    expect(cs.table).toBeUndefined();
    expect(cs.withDate).toBeUndefined();
    expect('table' in cs).toBe(false);
    expect('withDate' in cs).toBe(false);
    expect(icd10cm.at('2026-05-01').get('E11.9')?.code).toBe('E11.9');
    expect(icd10cm.diff('fy2026', 'fy2027').counts.billableAdded).toBeGreaterThan(0);
  });
});

describe('qualified Excludes targets cover only the qualified codes', () => {
  const raws = (t: string) => parseIcd10CmReferences(t).map((r) => r.raw);
  it('expands "with .xx" suffixes per category instead of covering the whole range', () => {
    const r = raws('dementia (F10-F19, with .17, .27, .97)');
    expect(r).toHaveLength(30);
    expect(r).toContain('F10.27');
    expect(r).not.toContain('F10-F19');
    expect(raws('amnestic disorder (F10, F13, F19 with .26, .96)')).toEqual([
      'F10.26',
      'F10.96',
      'F13.26',
      'F13.96',
      'F19.26',
      'F19.96',
    ]);
    expect(raws('diabetes mellitus (E08-E13 with .42)')).toEqual([
      'E08.42',
      'E09.42',
      'E10.42',
      'E11.42',
      'E12.42',
      'E13.42',
    ]);
    expect(raws('angiopathy (E08-E13 with .51-.52)')).toContain('E11.52');
  });
  it('resolves positional qualifiers and leaves unknown ones unresolved', () => {
    expect(raws('mononucleosis (B27.- with fifth character 2)')).toContain('B27.02');
    expect(raws('mononucleosis (B27.0-B27.9 with fifth character 1)')).toEqual([
      'B27.01',
      'B27.11',
      'B27.21',
      'B27.31',
      'B27.41',
      'B27.51',
      'B27.61',
      'B27.71',
      'B27.81',
      'B27.91',
    ]);
    expect(raws('stuttering (I69. with final characters -23)')).toContain('I69.323');
    expect(raws('open skull fracture (S02.- with 7th character B)')).toEqual([]);
  });
  it('splits targets joined by "and" and dash ranges', () => {
    expect(raws('adverse effects (A00-R94 and T80-T88.6, T88.8)')).toEqual(['A00-R94', 'T80-T88.6', 'T88.8']);
    expect(raws('drug dependence (F10.-F19.-)')).toEqual(['F10.-F19.-']);
  });
  it('no longer reports F10.20 as excluded by F02.80, but still F10.27', () => {
    expect(fy26.excludesConflicts('F02.80', 'F10.20')).toHaveLength(0);
    expect(fy26.excludesConflicts('F02.80', 'F10.27').map((c) => c.reference.raw)).toEqual(['F10.27']);
  });
});

describe('POA-exempt flag says when the list does not cover a code', () => {
  it('codes new in FY2027 are not claimed to be on a POA list', () => {
    const added = icd10cm
      .diff('fy2026', 'fy2027')
      .added.map((c) => fy27.get(c)!)
      .filter((e) => e.billable);
    expect(added.length).toBeGreaterThan(100);
    expect(added.every((e) => !e.poaExemptKnown)).toBe(true);
    expect(fy27.get('E11.9')!.poaExemptKnown).toBe(true);
    expect(fy26.get('E11.9')!.poaExemptKnown).toBe(true);
    const exempt = [...fy26.codes({ billable: true })].find((e) => e.poaExempt)!;
    expect(fy27.get(exempt.code)!.poaExempt).toBe(true);
    expect(fy27.get(exempt.code)!.poaExemptKnown).toBe(true);
  });
});

describe('bad filters and kinds are rejected, not silently ignored', () => {
  const optionOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(MedcodeError);
      return (e as MedcodeError).issues[0]!;
    }
    throw new Error('did not throw');
  };
  it('codes() checks its filter eagerly', () => {
    expect(optionOf(() => fy26.codes({ chapter: 4 } as never))).toMatchObject({
      code: 'invalid_option',
      option: 'filter.chapter',
    });
    expect(optionOf(() => fy26.codes({ chapter: '99' }))).toMatchObject({
      code: 'invalid_option',
      option: 'filter.chapter',
    });
    expect(optionOf(() => fy26.codes({ billable: 'yes' } as never))).toMatchObject({
      code: 'invalid_option',
      option: 'filter.billable',
    });
    expect(optionOf(() => fy26.codes({ billabel: true } as never))).toMatchObject({
      code: 'invalid_option',
      option: 'filter.billabel',
    });
    expect(optionOf(() => fy26.codes({ under: 'not a code' }))).toMatchObject({
      code: 'invalid_option',
      option: 'filter.under',
    });
    expect(optionOf(() => fy26.codes(null as never))).toMatchObject({
      code: 'invalid_option',
      option: 'filter',
    });
    expect([...fy26.codes({ chapter: '4', billable: true, under: 'E11' })].length).toBeGreaterThan(50);
  });
  it('excludesConflicts rejects an unknown kind', () => {
    expect(optionOf(() => fy26.excludesConflicts('E11.9', 'E10.9', 'bogus' as never))).toMatchObject({
      code: 'invalid_option',
      option: 'kind',
    });
    expect(fy26.excludesConflicts('E11.9', 'E10.9', 'excludes1').length).toBeGreaterThan(0);
  });
});

describe('diff takes dates of service as well as edition ids', () => {
  it('selects the editions in force on the dates', () => {
    const byDate = icd10cm.diff('2026-09-30', '2026-10-01');
    expect(byDate.from).toBe('fy2026');
    expect(byDate.to).toBe('fy2027');
    expect(byDate.counts).toEqual(icd10cm.diff('fy2026', 'fy2027').counts);
    expect(icd10cm.diff('fy2026', '2026-10-01').to).toBe('fy2027');
    expect(() => icd10cm.diff('garbage', 'fy2027')).toThrow(MedcodeError);
    expect(() => icd10cm.diff('1999-01-01', 'fy2027')).toThrow(MedcodeError);
    // Which argument is wrong is said.
    expect(medcodeErrorOf(() => icd10cm.diff('fy2026', 'garbage')).issues[0]).toMatchObject({
      option: 'diff(to)',
      path: ['to'],
    });
    expect(medcodeErrorOf(() => icd10cm.diff(Symbol('x') as never, 'fy2027')).issues[0]).toMatchObject({
      option: 'diff(from)',
      path: ['from'],
    });
  });
});

describe('a stray character is reported where it is', () => {
  it("'S72.001 A' is a bad character at position 8, not too long", () => {
    const issue = fy26.check('S72.001 A').issues[0]!;
    expect(issue).toMatchObject({ code: 'malformed_code', reason: 'bad_character', position: 7 });
    expect(issue.message).toContain('position 8');
    expect(fy26.check('E11.91234').issues[0]).toMatchObject({ code: 'malformed_code', reason: 'too_long' });
    expect(fy26.check('S72.001A').ok).toBe(true);
  });
});

describe('"an ICD-10-CM code"', () => {
  it('chooses the article by the system name', () => {
    expect(fy26.check('E11.99').issues[0]!.message).toContain('is not an ICD-10-CM code');
  });
});

describe('search reads query and limit like every system', () => {
  const codes = (q: unknown, limit?: unknown) =>
    fy26
      .search(q as string, limit === undefined ? undefined : { limit: limit as number })
      .map((h) => h.entry.code);
  it('look-alike letters in a code-like word match nothing; NFKC folds fullwidth and Roman numerals', () => {
    expect(codes('Е11.9')).toEqual([]); // Cyrillic Е
    expect(codes('Ｅ１１．９')[0]).toBe('E11.9');
    expect(codes('Ⅰ10')[0]).toBe('I10');
    expect(codes('type 2 diabetes Е11')).toContain('E11.9');
  });
  it('text pasted with a soft hyphen, a zero-width space or a control character reads as typed', () => {
    expect(codes('pre\u00ADeclampsia')).toEqual(codes('preeclampsia'));
    expect(codes('E11\u200B.9')[0]).toBe('E11.9');
    expect(codes('preeclampsia\u0000')).toEqual(codes('preeclampsia'));
    expect(codes('essential\thypertension')).toEqual(codes('essential hypertension'));
  });
  it('limit semantics come from core searchLimit', () => {
    expect(codes('diabetes', 0)).toEqual([]);
    expect(codes('diabetes', -1)).toEqual([]);
    expect(codes('diabetes', '5')).toHaveLength(10);
    expect(codes('diabetes', 2.9)).toHaveLength(2);
    expect(codes('diabetes', Infinity).length).toBe(codes('diabetes', 1e9).length);
  });
  it('a 1 MB query is cut to its first 256 characters', () => {
    const big = 'diabetes '.repeat(120_000);
    expect(codes(big)).toEqual(codes(big.slice(0, 256)));
  });
});

describe('billable codes and main-term defaults rank first', () => {
  const top = (q: string, n: number) => fy26.search(q, { limit: n }).map((h) => h.entry.code);
  it('common terms find their default code at the top', () => {
    expect(top('urinary tract infection', 1)).toEqual(['N39.0']);
    expect(top('UTI', 1)).toEqual(['N39.0']);
    expect(top('hypertension', 1)).toEqual(['I10']);
    expect(top('pneumonia', 2)).toContain('J18.9');
    expect(fy26.search('hypertension', { limit: 3 }).every((h) => h.entry.billable)).toBe(true);
  });
});

describe('results for codes not in the edition are memoized (speed in bench/icd10cm)', () => {
  it('repeats give the same frozen result; the date of service stays part of the answer', () => {
    const a = icd10cm.at('2026-05-01');
    const first = a.check('C78.31');
    expect(icd10cm.at('2026-05-01').check('C78.31')).toBe(first);
    expect(first.issues[0]).toMatchObject({ code: 'not_in_force', date: '2026-05-01', input: 'C78.31' });
    expect(icd10cm.at('2026-06-01').check('C78.31').issues[0]).toMatchObject({
      code: 'not_in_force',
      date: '2026-06-01',
    });
    expect(a.check('c78.31').issues[0]).toMatchObject({ input: 'c78.31' });
    expect(a.check('T36.01A')).toBe(a.check('T36.01A'));
    expect(a.check('T36.01A').issues[0]).toMatchObject({ code: 'placeholder_missing', expected: 'T36.0X1A' });
    for (let i = 0; i < 5000; i++) a.check(`Z99.${i}`); // fills past the bound
    expect(a.check('C78.31').issues[0]).toMatchObject({ code: 'not_in_force', date: '2026-05-01' });
  });
});

describe('FY2027 shares the entry objects of unchanged FY2026 rows', () => {
  it('unchanged rows are one object, changed rows are not', () => {
    expect(fy27.get('E11.9')).toBe(fy26.get('E11.9'));
    expect(fy27.get('A00.0')).toBe(fy26.get('A00.0'));
    const d = icd10cm.diff('fy2026', 'fy2027');
    const retitled = d.retitled[0]!.code;
    expect(fy27.get(retitled)).not.toBe(fy26.get(retitled));
    expect(fy27.get(retitled)!.title).toBe(d.retitled[0]!.after);
    const becameHeader = d.becameHeader[0];
    if (becameHeader) expect(fy27.get(becameHeader)!.billable).toBe(false);
    // Sharing does not leak one edition's notes or POA knowledge into the other.
    expect(fy27.notesFor('E11.9')).toBe(fy26.notesFor('E11.9'));
    let shared = 0;
    for (const e of fy27.codes({ under: 'E11' })) if (fy26.get(e.code) === e) shared++;
    expect(shared).toBeGreaterThan(50);
  });
});
