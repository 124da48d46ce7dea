import { describe, expect, it } from 'vitest';
import { mkdtempSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCES_DIR, SourceReader } from '../../scripts/lib/codesets';
import { newestTabular } from '../../scripts/codesets/icd10cm';
import { orderSevenChrDefinitions, parseTabular, sectionOfCategory } from '../../src/icd10cm/loader';
import type { OrderRow } from '../../src/icd10cm/loader';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'icd10cm_tabular_2099.xml');

describe('ICD-10-CM builder', () => {
  it('picks the newest tabular XML by its <version>, with no code change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'icd10cm-src-'));
    mkdirSync(join(dir, 'icd10cm'));
    copyFileSync(
      join(SOURCES_DIR, 'icd10cm', 'icd10cm_tabular_2023.xml.gz'),
      join(dir, 'icd10cm', 'icd10cm_tabular_2023.xml.gz'),
    );
    expect(newestTabular(new SourceReader(dir)).version).toBe('2023');
    copyFileSync(FIXTURE, join(dir, 'icd10cm', 'icd10cm_tabular_2099.xml'));
    const picked = newestTabular(new SourceReader(dir));
    expect(picked.version).toBe('2099');
    expect(picked.file).toBe('icd10cm/icd10cm_tabular_2099.xml');
  });

  it('reads the 7th characters of a category the tabular does not describe from the order file titles', () => {
    const tab = parseTabular(readFileSync(FIXTURE, 'utf8'));
    const row = (code: string, title: string, billable = true): OrderRow => ({
      code,
      billable,
      title,
      shortTitle: title.slice(0, 60),
    });
    const rows: OrderRow[] = [
      // A00 has a sevenChrDef in the fixture: nothing is derived for it.
      row('A000', 'Cholera', false),
      row('A000XXA', 'Cholera, initial encounter'),
      row('W44', 'Foreign body entering into or through a natural orifice', false),
      row('W44A0', 'Battery entering into or through a natural orifice', false),
      row('W44A0XA', 'Battery entering into or through a natural orifice, initial encounter'),
      row('W44A0XD', 'Battery entering into or through a natural orifice, subsequent encounter'),
      row('W44A0XS', 'Battery entering into or through a natural orifice, sequela'),
      // Ordinary 7-character codes: a title that is not the stem's plus a meaning.
      row('C4410', 'Malignant neoplasm of skin of eyelid', false),
      row('C441021', 'Squamous cell carcinoma of skin of right upper eyelid, including canthus'),
      row('C441022', 'Squamous cell carcinoma of skin of right lower eyelid, including canthus'),
      // One meaning per letter, or the category is not read as 7th characters.
      row('X01A', 'Something', false),
      row('X01AXXA', 'Something, initial encounter'),
      row('X01B', 'Other thing', false),
      row('X01BXXA', 'Other thing, sequela'),
      row('X01BXXD', 'Other thing, subsequent encounter'),
    ];
    expect(orderSevenChrDefinitions(tab, rows)).toEqual([
      [
        'W44',
        [
          ['A', 'initial encounter'],
          ['D', 'subsequent encounter'],
          ['S', 'sequela'],
        ],
      ],
    ]);
  });

  it('parses a tabular fixture: sections, notes, inherited 7th characters', () => {
    const tab = parseTabular(readFileSync(FIXTURE, 'utf8'));
    expect(tab.version).toBe('2099');
    expect(tab.chapters[0]).toMatchObject({ id: '1', first: 'A00', last: 'A09' });
    expect(tab.nodes.get('A00')!.sevenChr).toEqual([
      ['A', 'initial encounter'],
      ['S', 'sequela'],
    ]);
    expect(tab.nodes.get('A000')).toMatchObject({
      level: 'code',
      notes: { inclusionTerms: ['Classical cholera'] },
    });
    expect(tab.nodes.get('A00')!.notes.excludes1).toEqual(['something else (B01-B02, B05.1)']);
    expect(sectionOfCategory(tab, 'A00')).toEqual({ index: 0, derived: false });
    expect(sectionOfCategory(tab, 'A05')).toEqual({ index: 0, derived: true });
    expect(sectionOfCategory(tab, 'A0A')).toEqual({ index: 0, derived: true });
  });
});
