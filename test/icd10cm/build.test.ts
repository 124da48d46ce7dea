import { describe, expect, it } from 'vitest';
import { mkdtempSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCES_DIR, SourceReader } from '../../scripts/lib/codesets';
import { newestTabular } from '../../scripts/codesets/icd10cm';
import { parseTabular, sectionOfCategory } from '../../src/icd10cm/loader';

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
