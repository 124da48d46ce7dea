import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICD10PCS_ALPHABET, icd10pcs } from '../../src/icd10pcs/index';
import type { MedcodeIssue } from '../../src/core/issues';
import { MedcodeError } from '../../src/core/errors';
import { propertyRuns } from '../property-runs';

const cs = icd10pcs.at('2026-05-01');

function axisIssue(code: unknown): Extract<MedcodeIssue, { code: 'invalid_axis_value' }> {
  const r = cs.check(code);
  expect(r.ok).toBe(false);
  const issue = r.issues.find((i) => i.code === 'invalid_axis_value');
  if (issue?.code !== 'invalid_axis_value')
    throw new Error(`no invalid_axis_value for ${String(code)}: ${JSON.stringify(r.issues)}`);
  return issue;
}

describe('icd10pcs get', () => {
  it('returns the entry with titles and seven named axes', () => {
    const e = cs.get('0lb50zz')!;
    expect(e.code).toBe('0LB50ZZ');
    expect(e.title).toBe('Excision of Right Lower Arm and Wrist Tendon, Open Approach');
    expect(e.shortTitle).toBe('Excision of Right Lower Arm and Wrist Tendon, Open Approach');
    expect(e.axes.map((a) => [a.position, a.name, a.value, a.label])).toEqual([
      [1, 'Section', '0', 'Medical and Surgical'],
      [2, 'Body System', 'L', 'Tendons'],
      [3, 'Operation', 'B', 'Excision'],
      [4, 'Body Part', '5', 'Lower Arm and Wrist Tendon, Right'],
      [5, 'Approach', '0', 'Open'],
      [6, 'Device', 'Z', 'No Device'],
      [7, 'Qualifier', 'Z', 'No Qualifier'],
    ]);
    expect(e.axes[2]!.definition).toBe('Cutting out or off, without replacement, a portion of a body part');
    expect(e.axes[4]!.definition).toMatch(/^Cutting through the skin or mucous membrane/);
    expect(e.table).toBe('0LB');
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e.axes)).toBe(true);
    expect(Object.isFrozen(e.axes[0])).toBe(true);
  });

  it('uses the section-specific axis names and abbreviated titles', () => {
    const e = cs.get('BW03ZZZ');
    expect(e?.axes.map((a) => a.name)).toEqual([
      'Section',
      'Body System',
      'Type',
      'Body Part',
      'Contrast',
      'Qualifier',
      'Qualifier',
    ]);
    const long = cs.get('0016070')!;
    expect(long.shortTitle).toBe('Bypass Cereb Vent to Nasophar with Autol Sub, Open Approach');
  });

  it('attaches body part and device keys from the definitions file', () => {
    const toe = cs.get('0QBR0ZZ'); // Excision of right toe phalanx
    expect(toe).toBeDefined();
    const device = cs.get('0SRC0JZ')?.axes[5]; // knee joint replacement with synthetic substitute
    expect(device?.label).toBe('Synthetic Substitute');
    expect(device?.includes?.length ?? 0).toBeGreaterThan(0);
  });

  it('returns undefined for invalid codes and hostile input', () => {
    for (const x of [
      '0LB5OZZ',
      '',
      '__proto__',
      'constructor',
      'x'.repeat(1_000_000),
      null,
      undefined,
      7,
      {},
      [],
      '0LB50Z',
      '0LB50ZZZ',
    ]) {
      expect(cs.get(x)).toBeUndefined();
    }
  });
});

describe('icd10pcs check', () => {
  it('accepts a valid code with no issues', () => {
    const r = cs.check('0LB50ZZ');
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
    if (r.ok) expect(r.value.code).toBe('0LB50ZZ');
  });

  it('normalizes lowercase, a stray dot and spaces with an info issue', () => {
    const r = cs.check(' 0lb.50 zz ');
    expect(r.ok).toBe(true);
    expect(r.issues).toHaveLength(1);
    const [note] = r.issues;
    expect(note?.code).toBe('code_normalized');
    expect(note?.severity).toBe('info');
    if (note?.code === 'code_normalized') {
      expect(note.normalized).toBe('0LB50ZZ');
      expect(note.changes).toEqual(['upper-cased', 'removed dot', 'removed spaces']);
    }
  });

  it('reads a code from a CRLF line: every ASCII white space is removed like a space', () => {
    for (const input of ['0DTJ4ZZ\r', '0DTJ4ZZ\r\n', '\t0DTJ4ZZ\f', '0DTJ4ZZ\v'])
      expect(cs.check(input), JSON.stringify(input)).toMatchObject({ ok: true, value: { code: '0DTJ4ZZ' } });
  });

  it('names the approach when the body part exists but not with that approach, and flags the letter O', () => {
    const issue = axisIssue('0LB5OZZ');
    expect(issue).toMatchObject({ position: 5, axis: 'Approach', value: 'O', table: '0LB', row: 0 });
    expect(issue.allowed.map((a) => a.value)).toEqual(['0', '3', '4']);
    expect(issue.context?.[0]).toEqual({
      position: 4,
      axis: 'Body Part',
      value: '5',
      meaning: 'Lower Arm and Wrist Tendon, Right',
    });
    expect(issue.remedy).toMatch(/never uses the letters I and O; did you mean 0LB50ZZ\?/);
    expect(issue.message).toContain('table 0LB row 1');
  });

  it('reports a value allowed elsewhere in the table but not with the chosen body part', () => {
    // Table 0SR (Replacement, Lower Joints): device L exists (knee rows) but not for hip joint 9.
    const t = cs.table('0SR')!;
    expect(t.rows[5]!.axes[2].values.map((v) => v.value)).toContain('L');
    const device = axisIssue('0SR90LZ');
    expect(device).toMatchObject({ position: 6, axis: 'Device', value: 'L', table: '0SR', row: 1 });
    expect(device.allowed.map((a) => a.value)).toEqual(['1', '2', '3', '4', '6', '7', 'E', 'J', 'K']);
    // …and says where the table does use device L.
    expect(device.remedy).toBe(
      'Device L (Synthetic Substitute, Unicondylar Medial) is used in table 0SR only with Body Part C (Knee Joint, Right); D (Knee Joint, Left)',
    );
    expect(device.message).toContain(
      'allowed: 1 Synthetic Substitute, Metal; 2 Synthetic Substitute, Metal on Polyethylene;',
    );
    expect(axisIssue('0LB5ZZZ').remedy).toBe('Approach Z is not used anywhere in table 0LB');
    // Device 7 with hip joint 9 is row 2, which allows only qualifier Z (qualifier 9 belongs to row 1's devices).
    const qualifier = axisIssue('0SR9079');
    expect(qualifier).toMatchObject({ position: 7, axis: 'Qualifier', value: '9', table: '0SR', row: 2 });
    expect(qualifier.allowed).toEqual([{ value: 'Z', meaning: 'No Qualifier' }]);
    expect(qualifier.context?.map((c) => c.value)).toEqual(['9', '0', '7']);
  });

  it('reports section, body system and operation against the tables that exist', () => {
    expect(axisIssue('ZZZZZZZ')).toMatchObject({ position: 1, axis: 'Section' });
    expect(axisIssue('ZZZZZZZ').allowed).toHaveLength(17);
    const bs = axisIssue('0ZZ0000');
    expect(bs).toMatchObject({ position: 2, axis: 'Body System', value: 'Z' });
    expect(bs.table).toBeUndefined();
    const op = axisIssue('0LZ0000');
    expect(op).toMatchObject({ position: 3, axis: 'Operation', value: 'Z' });
    expect(op.allowed.map((a) => a.value)).toContain('B');
    expect(op.allowed.map((a) => a.value)).not.toContain('1');
    const bp = axisIssue('0LBZ0ZZ');
    expect(bp).toMatchObject({ position: 4, axis: 'Body Part', table: '0LB' });
    expect(bp.row).toBeUndefined();
    expect(axisIssue('0LB50Z1')).toMatchObject({ position: 7, axis: 'Qualifier', table: '0LB' });
  });

  it('never accepts I or O', () => {
    for (const code of ['0LB50ZI', 'OLB50ZZ', '0LI50ZZ', 'IIIIIII', 'OOOOOOO']) {
      const r = cs.check(code);
      expect(r.ok).toBe(false);
      const issue = axisIssue(code);
      expect(['I', 'O']).toContain(issue.value);
      expect(issue.remedy).toMatch(/never uses the letters I and O/);
    }
  });

  it('reports malformed input structurally', () => {
    const reason = (x: unknown) => {
      const r = cs.check(x);
      expect(r.ok).toBe(false);
      const i = r.issues[0];
      return i?.code === 'malformed_code' ? i.reason : i?.code;
    };
    expect(reason(42)).toBe('not_a_string');
    expect(reason(null)).toBe('not_a_string');
    expect(reason('')).toBe('empty');
    expect(reason(' . ')).toBe('empty');
    expect(reason('0LB5')).toBe('too_short');
    expect(reason('0LB50ZZZ')).toBe('too_long');
    expect(reason('x'.repeat(1_000_000))).toBe('too_long');
    expect(reason('0LB-0ZZ')).toBe('bad_character');
    expect(reason('0LB50Z\uFF3A')).toBe('bad_character'); // fullwidth Z
    expect(reason('0LB5\u041EZZ')).toBe('bad_character'); // Cyrillic O
    expect(reason('__proto__')).toBe('bad_character');
    const long = cs.check('y'.repeat(1_000_000)).issues[0]!;
    expect(String(long.input).length).toBeLessThan(100);
  });

  it('agrees with the tables for random 7-character strings (validity iff generated)', () => {
    const all = new Set<string>();
    for (const e of cs.codes()) all.add(e.code);
    const char = fc.constantFrom(...`${ICD10PCS_ALPHABET}IO`);
    // Bias toward real prefixes so that rows are exercised, not only sections.
    const prefixes = [...new Set([...all].map((c) => c.slice(0, 4)))];
    const starts = new Set<string>();
    for (const c of all) for (let k = 1; k <= 7; k++) starts.add(c.slice(0, k));
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.array(char, { minLength: 3, maxLength: 3 }),
        (prefix, rest) => {
          const code = prefix + rest.join('');
          const r = cs.check(code);
          expect(r.ok).toBe(all.has(code));
          if (!r.ok) {
            const issue = r.issues[0]!;
            expect(issue.code).toBe('invalid_axis_value');
            if (issue.code === 'invalid_axis_value') {
              // The reported position really is where the code stops matching, and the allowed values fix it there.
              expect(issue.position).toBeGreaterThanOrEqual(5);
              expect(issue.allowed.map((a) => a.value)).not.toContain(code[issue.position - 1]);
              const fixedPrefix = code.slice(0, issue.position - 1) + issue.allowed[0]!.value;
              expect(starts.has(fixedPrefix)).toBe(true);
            }
          }
        },
      ),
      { numRuns: propertyRuns(3000) },
    );
  });

  it('never throws and always returns structured issues for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (x) => {
        const r = cs.check(x);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) expect(typeof i.message).toBe('string');
        expect(() => cs.get(x)).not.toThrow();
        expect(() => cs.decode(x)).not.toThrow();
        expect(() => cs.search(x as string)).not.toThrow();
        expect(() => cs.table(x)).not.toThrow();
        // A filter object with a key other than the three table characters is refused (invalid_option).
        const unknownKey =
          x !== null &&
          typeof x === 'object' &&
          Object.keys(x).some((k) => !['section', 'bodySystem', 'operation'].includes(k));
        if (unknownKey) expect(() => cs.tables(x as never)).toThrow(MedcodeError);
        else expect(() => cs.tables(x as never)).not.toThrow();
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});

describe('icd10pcs decode', () => {
  it('decodes the seven axes of an invalid code', () => {
    const d = cs.decode('0LB5OZZ')!;
    expect(d.valid).toBe(false);
    expect(d.table).toBe('0LB');
    expect(d.axes.map((a) => a.label)).toEqual([
      'Medical and Surgical',
      'Tendons',
      'Excision',
      'Lower Arm and Wrist Tendon, Right',
      undefined,
      'No Device',
      'No Qualifier',
    ]);
    expect(d.axes.map((a) => a.name)).toEqual([
      'Section',
      'Body System',
      'Operation',
      'Body Part',
      'Approach',
      'Device',
      'Qualifier',
    ]);
  });

  it("reads a valid code's characters 4-7 from the row that generates it, for every FY2026 code", () => {
    // 3E0 character 7 '0' is Autologous in the row of 3E030U0 and Influenza Vaccine in another.
    expect(cs.decode('3E030U0')!.axes[6]!.label).toBe('Autologous');
    expect(cs.decode('XW013S9')!.axes[5]!.label).toBe('Epcoritamab Monoclonal Antibody');
    let differing = 0;
    for (const entry of cs.codes()) {
      const decoded = cs.decode(entry.code)!;
      if (!decoded.valid || entry.axes.some((a, i) => a.label !== decoded.axes[i]!.label)) differing++;
    }
    expect(differing).toBe(0);
  });

  it('decodes a valid code and rejects shapes that cannot be codes', () => {
    expect(cs.decode('0lb50zz')?.valid).toBe(true);
    expect(cs.decode('0LB5')).toBeUndefined();
    expect(cs.decode(5)).toBeUndefined();
    const z = cs.decode('ZZZZZZZ')!;
    expect(z.axes.every((a) => a.label === undefined)).toBe(true);
    expect(z.table).toBeUndefined();
  });
});

describe('icd10pcs check memo', () => {
  it('the same messy or invalid input gives the same frozen result object', () => {
    for (const input of ['0LB5OZZ', '0lb50zz', '0LBZ0ZZ', 'ZLB50ZZ', '0LB50', '__proto__', '']) {
      const a = cs.check(input);
      expect(cs.check(input)).toBe(a);
      expect(Object.isFrozen(a)).toBe(true);
      expect(Object.isFrozen(a.issues)).toBe(true);
    }
    expect(cs.check('0lb50zz').ok).toBe(true);
    expect(cs.check('0LB5OZZ').ok).toBe(false);
  });
});

describe('isIcd10PcsCharacter on any input', () => {
  it('answers false instead of throwing for null, numbers and objects', async () => {
    const { isIcd10PcsCharacter } = await import('../../src/icd10pcs/model');
    for (const bad of [null, undefined, 5, {}, ['A']] as unknown[])
      expect(isIcd10PcsCharacter(bad)).toBe(false);
    expect(isIcd10PcsCharacter('A')).toBe(true);
    expect(isIcd10PcsCharacter('O')).toBe(false);
  });
});

describe('row numbering', () => {
  it('the row field indexes table.rows (0-based, like every index field) and the message counts from 1', () => {
    const issue = axisIssue('0DTJ3ZZ');
    expect(issue.table).toBe('0DT');
    expect(issue.row).toBe(1);
    const row = cs.table('0DT')!.rows[issue.row!]!;
    // The first row that allows body part J; `allowed` is the union over every such row.
    expect(row.axes[0].values.map((v) => v.value)).toContain('J');
    expect(row.axes[1].values.every((v) => issue.allowed.some((a) => a.value === v.value))).toBe(true);
    expect(issue.message).toContain(`in table 0DT row ${issue.row! + 1} `);
  });
});
