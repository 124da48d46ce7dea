/**
 * Every category's section, checked against the structure of the official order file (CMS
 * `icd10OrderFiles.pdf`: the order file lists the codes in tabular order). A section (block) of the
 * tabular is a run of consecutive categories written lowest–highest code (ICD-10-CM Official
 * Guidelines FY2026, I.A.2–I.A.3: chapters divided into blocks of categories). So for each category:
 * its section holds it, the categories of one section are consecutive in the order file, and the
 * section's range runs from its first category to one of its categories, and covers every category
 * the held tabular predates. An outer heading (C00-C96, V00-X58) or a range from an older tabular
 * (I10-I16 without I1A) fails that.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { icd10cm } from '../../src/icd10cm/index';

const ZIP = join(
  import.meta.dirname,
  '..',
  '..',
  'codesets',
  'sources',
  'icd10cm',
  '2026-code-descriptions-tabular-order.zip',
);

function officialCategories2026(): string[] {
  const files = unzipSync(readFileSync(ZIP), { filter: (f) => f.name.endsWith('icd10cm_order_2026.txt') });
  const text = Buffer.from(Object.values(files)[0]!).toString('latin1');
  return text
    .split(/\r?\n/)
    .map((l) => l.slice(6, 13).trim())
    .filter((c) => c.length === 3);
}

function rangeOf(section: string): [string, string] {
  const [first, last] = section.split('-');
  return [first!, last ?? first!];
}

function checkEdition(id: string): { categories: string[]; sections: Map<string, string[]> } {
  const cs = icd10cm.edition(id);
  const categories: string[] = [];
  const sections = new Map<string, string[]>();
  const problems: string[] = [];
  let previous: string | undefined;
  for (const e of cs.codes()) {
    if (e.undotted.length !== 3) {
      // Every code below a category shares the category's section and chapter.
      const cat = cs.get(e.undotted.slice(0, 3))!;
      if (cat.section !== e.section || cat.chapter !== e.chapter) problems.push(`${e.code}: ${e.section}`);
      continue;
    }
    categories.push(e.code);
    const [first, last] = rangeOf(e.section);
    // A category the tabular itself places stays where it puts it (C4A in C43-C44, M1A in
    // M05-M14, Z3A in Z30-Z39); one it predates must be covered by its section's range.
    if (e.sectionDerived && !(first <= e.code && e.code <= last))
      problems.push(`${e.code} outside ${e.section}`);
    const run = sections.get(e.section);
    if (run && previous !== e.section) problems.push(`${e.code}: ${e.section} is not one run`);
    if (run) run.push(e.code);
    else sections.set(e.section, [e.code]);
    previous = e.section;
  }
  for (const [section, run] of sections) {
    const [first, last] = rangeOf(section);
    // A range end that is no code of the edition is a reserved one (U00-U49 holds U07 and U09).
    const reserved = (c: string) => cs.get(c) === undefined;
    if ((run[0] !== first && !reserved(first)) || (!run.includes(last) && !reserved(last)))
      problems.push(`${section} holds ${run[0]}…${run.at(-1)}`);
  }
  expect(problems).toEqual([]);
  return { categories, sections };
}

describe('ICD-10-CM sections', () => {
  it('FY2026: every category is in its innermost section, consistent with the official order file', () => {
    const { categories, sections } = checkEdition('fy2026');
    expect(categories).toEqual(officialCategories2026().map((c) => c));
    expect(categories).toHaveLength(1918);
    expect(sections.size).toBeGreaterThan(280);
  });

  it('FY2027: every category is in one section, consistent with the edition order', () => {
    const { categories } = checkEdition('fy2027');
    expect(categories).toContain('J4B');
  });

  it.each([
    ['fy2026', 'C00', 'C00-C14'],
    ['fy2026', 'C7A.00', 'C7A'],
    ['fy2026', 'V00', 'V00-V09'],
    ['fy2026', 'M48.40XS', 'M45-M49'],
    ['fy2026', 'I10', 'I10-I1A'],
    ['fy2026', 'I1A.0', 'I10-I1A'],
    ['fy2026', 'J44', 'J40-J4A'],
    ['fy2026', 'J4A', 'J40-J4A'],
    ['fy2026', 'QA0', 'QA0'],
    ['fy2027', 'J4B', 'J40-J4B'],
  ])('%s %s is in section %s', (edition, code, section) => {
    expect(icd10cm.edition(edition).get(code)?.section).toBe(section);
  });

  it('QA0 has its own section in chapter 17, titled by the order file; the chapter range covers it', () => {
    const qa0 = icd10cm.edition('fy2026').get('QA0')!;
    expect(qa0).toMatchObject({
      chapter: '17',
      section: 'QA0',
      sectionTitle: 'Neurodevelopmental disorders related to specific genetic pathogenic variants',
      sectionDerived: true,
    });
  });
});

describe('section notes under an extended range', () => {
  it("I10 (section I10-I1A, the tabular's I10-I16) keeps its section notes", () => {
    const cs = icd10cm.edition('fy2026');
    const notes = cs.notesFor('I10')!;
    const all = Object.values(notes).flat() as { level: string; levelCode: string }[];
    expect(all.some((n) => n.level === 'section' && n.levelCode === 'I10-I16')).toBe(true);
  });
});
