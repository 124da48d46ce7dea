/**
 * The ICD-10-CM import of a fiscal year the built-in build does not make: an order file given
 * without the FY2026 base is built as a full edition of its own from the generic path, with no
 * year-specific code. The proof is on the real FY2027 order file: the edition it gives must hold
 * the same codes, billable flags and titles as the built-in FY2027 for every code.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { createIcd10CmSystem } from '../../src/icd10cm/system';
import { importCodeSets, importIcd10CmFiles } from '../../src/import/index';

const temp = mkdtempSync(join(tmpdir(), 'medcode-icd10cm-any-year-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const source = (name: string) => join(SOURCES_DIR, 'icd10cm', name);
const given = (name: string, as = name) => ({ name: as, bytes: new Uint8Array(readFileSync(source(name))) });

/** A folder holding copies of some of the official release files, and nothing else. */
function folderWith(label: string, names: readonly string[]): string {
  const dir = join(temp, label);
  mkdirSync(dir);
  for (const n of names) copyFileSync(source(n), join(dir, n));
  return dir;
}

const builtIn = createIcd10CmSystem();

describe('ICD-10-CM import of any fiscal year (full edition from its order file)', () => {
  it('names the tabular XML an order file alone needs (chapters and sections come from it)', async () => {
    const dir = folderWith('alone', ['icd10cm_order_2027.txt']);
    const r = await importCodeSets([join(dir, 'icd10cm_order_2027.txt')]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('import_failed');
    expect(r.issues[0]?.message).toMatch(/tabular XML/);
  });

  it('the FY2027 order file with the tabular XML gives an edition equal to the built-in FY2027 for every code', async () => {
    const dir = folderWith('with-tabular', ['icd10cm_order_2027.txt', 'icd10cm_tabular_2023.xml.gz']);
    const out = join(temp, 'out-with-tabular');
    const r = await importCodeSets([join(dir, 'icd10cm_order_2027.txt')], { out });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    const m = r.value[0]!.manifest;
    // The year is read from the order file's name; the edition stands alone (no delta base).
    expect(m.edition).toMatchObject({ id: 'fy2027', effectiveFrom: '2026-10-01', effectiveTo: '2027-09-30' });
    expect(m.publisherValidity).toMatchObject({ period: 'FY2027', through: '2027-09-30' });
    expect(m.files.map((f) => f.file).sort()).toEqual(['codes.pack', 'notes.pack', 'search.pack']);
    expect(m.notes?.join(' ')).toMatch(/No POAexemptCodesFY27\.zip given/);

    const imported = createIcd10CmSystem({ codesetsDir: out });
    expect(imported.editions.map((e) => e.id)).toEqual(['fy2027']);
    const mine = imported.at('2027-03-01');
    const theirs = builtIn.at('2027-03-01');
    expect(theirs.edition.id).toBe('fy2027');
    const row = (e: { code: string; billable: boolean; title: string; shortTitle: string }) =>
      `${e.code}\t${e.billable}\t${e.title}\t${e.shortTitle}`;
    const a = [...mine.codes()].map(row);
    const b = [...theirs.codes()].map(row);
    expect(a.length).toBeGreaterThan(97_000);
    expect(a).toEqual(b);
    // Hierarchy and notes come from the same tabular XML.
    expect(mine.get('E11.9')?.chapter).toEqual(theirs.get('E11.9')?.chapter);
    expect(mine.notesFor('E11')).toBeDefined();
    expect(mine.notesFor('E11')).toEqual(theirs.notesFor('E11'));
    // Without index XML, search reads titles and inclusion terms.
    expect(mine.search('essential hypertension', { limit: 3 }).map((h) => h.entry.code)).toContain('I10');
  }, 600_000);

  it('createIcd10CmSystem({ extraCodesetsDirs }) answers from the imported edition', async () => {
    const out = join(temp, 'out-extra');
    const r = await importCodeSets([given('icd10cm_order_2027.txt'), given('icd10cm_tabular_2023.xml.gz')], {
      out,
    });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    // An empty packs folder: the only ICD-10-CM edition in reach is the imported one.
    const empty = join(temp, 'no-builtin');
    mkdirSync(empty);
    const icd = createIcd10CmSystem({ packs: empty, extraCodesetsDirs: [out] });
    expect(icd.editions.map((e) => e.id)).toEqual(['fy2027']);
    expect(icd.at('2027-01-15').check('I42.0').issues[0]?.code).toBe('not_billable');
    expect(icd.at('2027-01-15').get('I10')?.title).toBe(builtIn.at('2027-01-15').get('I10')?.title);
  }, 600_000);

  it('applies the order addenda to the prior year and cross-checks them in the generic path', () => {
    // The FY2026 zip and FY2027 addenda given, but not the FY2026 POA list the built-in build uses.
    const built = importIcd10CmFiles([
      given('icd10cm_order_2027.txt'),
      given('2026-code-descriptions-tabular-order.zip'),
      given('icd10cm_order_addenda_2027.txt'),
      given('icd10cm_tabular_2023.xml.gz'),
    ]);
    expect(built.edition.id).toBe('fy2027');
    expect(built.packs['codes.pack']).toBeDefined();
    expect(built.notes?.join(' ')).toMatch(
      /FY2026 \(2026-code-descriptions-tabular-order\.zip\) with icd10cm_order_addenda_2027\.txt applied gives the same codes and flags/,
    );
    expect(built.counts.addendaAdds).toBeGreaterThan(0);
  }, 600_000);

  it('reads the POA-exempt list of the order file’s own year by name, in the generic path', () => {
    // FY2026 from its zip, without the FY2027 files the built-in build combines it with.
    const built = importIcd10CmFiles([
      given('2026-code-descriptions-tabular-order.zip'),
      given('POAexemptCodesFY26.zip'),
      given('icd10cm_tabular_2023.xml.gz'),
    ]);
    expect(built.edition.id).toBe('fy2026');
    // The CDC FY2026 list: 38,349 codes, all in the FY2026 order file.
    expect(built.counts.poaExempt).toBe(38_349);
  }, 600_000);

  it('FY2027 with the FY2026 base takes its POA-exempt flags from the FY2027 list when given', async () => {
    // A FY2027 list in the CDC layout: the FY2026 list without B90.0, with C78.31.
    const fy26 = unzipSync(readFileSync(source('POAexemptCodesFY26.zip')))['POAexemptCodesFY26.txt']!;
    const lines = Buffer.from(fy26)
      .toString('latin1')
      .split('\r\n')
      .filter((l) => l.split('\t')[1] !== 'B90.0');
    lines.splice(1, 0, '99999\tC78.31\tSecondary malignant neoplasm of cecum');
    const fy27 = zipSync({ 'POAexemptCodesFY27.txt': Buffer.from(lines.join('\r\n'), 'latin1') });
    const files = [
      given('2026-code-descriptions-tabular-order.zip'),
      given('icd10cm_order_2027.txt'),
      given('icd10cm_order_addenda_2027.txt'),
      given('POAexemptCodesFY26.zip'),
      { name: 'POAexemptCodesFY27.zip', bytes: fy27 },
      given('icd10cm_tabular_2023.xml.gz'),
    ];
    const out = join(temp, 'out-poa27');
    const r = await importCodeSets(files, { out });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    const m = r.value[0]!.manifest;
    expect(m.edition.id).toBe('fy2027');
    expect(m.sources?.map((s) => s.file)).toContain('icd10cm/POAexemptCodesFY27.zip');
    expect(m.notes?.join(' ')).toMatch(/CDC FY2027 list \(POAexemptCodesFY27\.zip\)/);
    // The imported FY2027 is a delta over the built-in FY2026: one folder with both.
    cpSync(join(CODESETS_DIR, 'icd10cm', 'fy2026'), join(out, 'icd10cm', 'fy2026'), { recursive: true });
    const fy2027 = createIcd10CmSystem({ packs: out }).at('2026-10-15');
    expect(fy2027.get('B90.0')?.poaExempt).toBe(false);
    expect(fy2027.get('C78.31')?.poaExempt).toBe(true);
    expect(fy2027.get('B90.1')?.poaExempt).toBe(true);
    expect(createIcd10CmSystem({ packs: out }).at('2026-05-01').get('B90.0')?.poaExempt).toBe(true);
  }, 600_000);

  it('the built-in set of files without a tabular XML: a missing_file error naming the tabular XML', async () => {
    const r = await importCodeSets([
      given('2026-code-descriptions-tabular-order.zip'),
      given('icd10cm_order_2027.txt'),
      given('icd10cm_order_addenda_2027.txt'),
      given('POAexemptCodesFY26.zip'),
    ]);
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'import_failed',
      reason: 'missing_file',
      file: 'icd10cm_tabular_YYYY.xml',
    });
    expect(r.issues[0]?.message).toMatch(/needs a tabular XML \(icd10cm_tabular_YYYY\.xml, or \.xml\.gz\)/);
    expect(r.issues[0]?.message).not.toMatch(/codesets\/sources/);
  });

  it('refuses an order-file zip whose name and content years disagree', () => {
    expect(() =>
      importIcd10CmFiles([
        given('2026-code-descriptions-tabular-order.zip', '2028-code-descriptions-tabular-order.zip'),
        given('icd10cm_tabular_2023.xml.gz'),
      ]),
    ).toThrow(/2028-code-descriptions-tabular-order\.zip: the zip does not hold icd10cm_order_2028\.txt/);
  });

  it('refuses a year before ICD-10-CM took effect (FY2016)', () => {
    expect(() => importIcd10CmFiles([given('icd10cm_order_2027.txt', 'icd10cm_order_2015.txt')])).toThrow(
      /FY2015: ICD-10-CM releases start with FY2016/,
    );
  });
});
