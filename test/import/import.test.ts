import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { PackError } from '../../src/core/errors';
import { readManifest } from '../../src/core/manifest';
import { createHcpcsSystem, hcpcs } from '../../src/hcpcs/index';
import { importCodeSets } from '../../src/import/index';
import type { ImportedEdition } from '../../src/import/index';

const temp = mkdtempSync(join(tmpdir(), 'medcode-import-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const source = (f: string) => join(SOURCES_DIR, f);
/** A copy of an official file under another name (the content is untouched). */
function renamed(from: string, name: string): string {
  const dir = mkdtempSync(join(temp, 'f-'));
  const to = join(dir, name);
  cpSync(source(from), to);
  return to;
}
function digests(e: ImportedEdition) {
  return e.manifest.files.map((f) => [f.file, f.sha256]);
}
function shipped(system: string, id: string) {
  return readManifest(join(CODESETS_DIR, system, id, 'manifest.json')).files.map((f) => [f.file, f.sha256]);
}

describe('importCodeSets on the official files in codesets/sources', () => {
  it('HCPCS: the January zip (fixed-width txt) and the July xlsx give the shipped packs', async () => {
    const r = await importCodeSets([
      source('hcpcs/january-2026-alpha-numeric-hcpcs-file.zip'),
      source('hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx'),
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((e) => e.manifest.edition.id)).toEqual(['2026-jan', '2026-jul']);
    expect(digests(r.value[0]!)).toEqual(shipped('hcpcs', '2026-jan'));
    expect(digests(r.value[1]!)).toEqual(shipped('hcpcs', '2026-jul'));
    expect(r.value[1]!.manifest.publisherValidity).toMatchObject({
      period: '2026 Q3',
      through: '2026-09-30',
    });
  });

  it('HCPCS: the fixed-width txt on its own, taken out of the zip', async () => {
    const zip = unzipSync(
      new Uint8Array(readFileSync(source('hcpcs/january-2026-alpha-numeric-hcpcs-file.zip'))),
    );
    const r = await importCodeSets([
      { name: 'HCPC2026_JAN_ANWEB_01122026.txt', bytes: zip['HCPC2026_JAN_ANWEB_01122026.txt']! },
    ]);
    expect(r.ok && digests(r.value[0]!)).toEqual(shipped('hcpcs', '2026-jan'));
  });

  it('MUE: the practitioner csv and xlsx give the shipped pack', async () => {
    const r = await importCodeSets([source('ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv')]);
    expect(r.ok && digests(r.value[0]!)).toEqual(shipped('ncci-mue', 'practitioner-2026q2'));
    const x = await importCodeSets([source('ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.xlsx')]);
    expect(x.ok && x.value[0]!.manifest.counts).toEqual(
      readManifest(join(CODESETS_DIR, 'ncci-mue', 'practitioner-2026q2', 'manifest.json')).counts,
    );
    expect(x.ok && x.value[0]!.manifest.edition.id).toBe('practitioner-2026q2');
  });
});

describe('imported editions merge with the built-in ones by effective date', () => {
  it('a HCPCS quarter imported into a folder moves at(date) to it', async () => {
    // A codesets folder holding January only, as if July had not been shipped.
    const builtIn = join(temp, 'jan-only');
    cpSync(join(CODESETS_DIR, 'hcpcs', '2026-jan'), join(builtIn, 'hcpcs', '2026-jan'), { recursive: true });
    const out = join(temp, 'imported');
    // A folder named for imports that is not there yet is a wrong path, said on first use; once
    // made (empty), it adds no edition until the import writes one.
    expect(() => createHcpcsSystem({ codesetsDir: builtIn, extraCodesetsDirs: [out] }).editions).toThrow(
      PackError,
    );
    mkdirSync(out);
    const before = createHcpcsSystem({ codesetsDir: builtIn, extraCodesetsDirs: [out] });
    expect(before.tryAt('2026-08-01')).toMatchObject({ ok: false, issues: [{ code: 'no_edition' }] });

    const r = await importCodeSets([source('hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx')], { out });
    expect(r.ok).toBe(true);
    expect(readdirSync(out)).toEqual(['hcpcs']);
    const after = createHcpcsSystem({ codesetsDir: builtIn, extraCodesetsDirs: [out] });
    expect(after.at('2026-08-01').edition.id).toBe('2026-jul');
    expect(after.at('2026-03-01').edition.id).toBe('2026-jan');
    expect(after.at('2026-08-01').get('G0121')).toBeDefined();
    // The same folder named by MEDCODE_CODESETS: no other change in the caller.
    process.env.MEDCODE_CODESETS = out;
    try {
      expect(createHcpcsSystem({ codesetsDir: builtIn }).at('2026-08-01').edition.id).toBe('2026-jul');
    } finally {
      delete process.env.MEDCODE_CODESETS;
    }
    // Importing the same edition again is refused, and the folder is left as it was.
    const again = await importCodeSets([source('hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx')], { out });
    expect(again).toMatchObject({
      ok: false,
      issues: [{ code: 'import_failed', reason: 'duplicate_edition' }],
    });
    // The built-in July 2026 edition comes from the same workbook: the imported one has the same
    // packs, byte for byte, so the two folders hold one edition, not two in conflict.
    expect(
      createHcpcsSystem({ extraCodesetsDirs: [out] })
        .at('2026-08-01')
        .get('G0121')?.code,
    ).toBe('G0121');
  });

  it('an imported April 2026 HCPCS file takes over from 2026-04-01 and January ends 2026-03-31', async () => {
    // A stand-in for april-2026-alpha-numeric-hcpcs-file.zip, which the data_stale warning names
    // for April to June dates: the January text file under the April name, with one record's
    // action effective date (record layout positions 277-284) moved into the April quarter.
    const zip = unzipSync(
      new Uint8Array(readFileSync(source('hcpcs/january-2026-alpha-numeric-hcpcs-file.zip'))),
    );
    const text = new TextDecoder('latin1').decode(zip['HCPC2026_JAN_ANWEB_01122026.txt']!);
    // The first procedure record: code (positions 1-5), sequence (6-10), record id 3 (11).
    const at = text.search(/^[A-Z]\d{4}\d{5}3/m);
    expect(at).toBeGreaterThan(0);
    const april = `${text.slice(0, at + 276)}20260401${text.slice(at + 284)}`;
    const file = join(mkdtempSync(join(temp, 'apr-')), 'HCPC2026_APR_ANWEB_03152026.txt');
    writeFileSync(file, april, 'latin1');
    const out = join(temp, 'imported-april');
    const r = await importCodeSets([file], { out });
    expect(r.ok && r.value.map((e) => e.manifest.edition)).toEqual([
      expect.objectContaining({ id: '2026-apr', effectiveFrom: '2026-04-01', effectiveTo: null }),
    ]);

    // Without the import, January stands for April to June (up to the built-in July file).
    expect(hcpcs.at('2026-05-01').edition.id).toBe('2026-jan');
    expect(hcpcs.tryAt('2026-05-01').issues[0]).toMatchObject({ code: 'data_stale', edition: '2026-jan' });

    const withApril = createHcpcsSystem({ extraCodesetsDirs: [out] });
    expect(withApril.editions.map((e) => [e.id, e.effectiveFrom, e.effectiveTo])).toEqual([
      ['2026-jan', '2026-01-01', '2026-03-31'],
      ['2026-apr', '2026-04-01', '2026-06-30'],
      ['2026-jul', '2026-07-01', null],
    ]);
    expect(withApril.modifiers.editions.map((e) => [e.id, e.effectiveTo])).toEqual([
      ['2026-jan', '2026-03-31'],
      ['2026-apr', '2026-06-30'],
      ['2026-jul', null],
    ]);
    for (const [date, id] of [
      ['2026-03-31', '2026-jan'],
      ['2026-04-01', '2026-apr'],
      ['2026-06-30', '2026-apr'],
      ['2026-07-01', '2026-jul'],
    ] as const) {
      expect(withApril.at(date).edition.id, date).toBe(id);
      expect(withApril.at(date).check('G0121').ok, date).toBe(true);
      expect(withApril.modifiers.at(date).check('25').ok, date).toBe(true);
    }
    // The April edition is current for its quarter: no data_stale.
    expect(withApril.tryAt('2026-05-01').issues).toEqual([]);
    // MEDCODE_CODESETS reaches the same merge.
    process.env.MEDCODE_CODESETS = out;
    try {
      expect(createHcpcsSystem().at('2026-05-01').edition.id).toBe('2026-apr');
    } finally {
      delete process.env.MEDCODE_CODESETS;
    }

    // An edition starting inside January's own quarter (to 2026-03-31) still overlaps it.
    const early = join(temp, 'imported-march');
    cpSync(join(out, 'hcpcs', '2026-apr'), join(early, 'hcpcs', '2026-mar'), { recursive: true });
    const manifestFile = join(early, 'hcpcs', '2026-mar', 'manifest.json');
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    m.edition = { ...m.edition, id: '2026-mar', effectiveFrom: '2026-03-01' };
    writeFileSync(manifestFile, JSON.stringify(m));
    expect(() => createHcpcsSystem({ extraCodesetsDirs: [early] }).at('2026-03-15')).toThrow(
      /2026-mar starts on 2026-03-01, inside 2026-jan/,
    );
  });

  it('data_stale on 2026-12-02 for the July 2026 HCPCS edition, naming the October file', () => {
    const r = hcpcs.tryAt('2026-12-02');
    expect(r.ok).toBe(true);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'data_stale',
      severity: 'warning',
      edition: '2026-jul',
      validThrough: '2026-09-30',
      date: '2026-12-02',
    });
    expect(r.issues[0]!.message).toMatch(/october-2026-alpha-numeric-hcpcs-file\.zip/);
    expect(hcpcs.tryAt('2026-08-01').issues).toEqual([]);
  });
});

describe('bad input: a clear error naming the file, nothing written', () => {
  const out = join(temp, 'never-written');
  async function fails(files: Parameters<typeof importCodeSets>[0]) {
    const r = await importCodeSets(files, { out });
    expect(r.ok).toBe(false);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    return r.issues;
  }

  it('a truncated zip', async () => {
    const bytes = readFileSync(source('hcpcs/january-2026-alpha-numeric-hcpcs-file.zip'));
    const [issue] = await fails([
      { name: 'january-2026-alpha-numeric-hcpcs-file.zip', bytes: bytes.subarray(0, 1_000_000) },
    ]);
    expect(issue).toMatchObject({
      code: 'import_failed',
      reason: 'unreadable',
      file: 'january-2026-alpha-numeric-hcpcs-file.zip',
    });
  });

  it('an xlsx with a missing column', async () => {
    const zip = unzipSync(new Uint8Array(readFileSync(source('hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx'))));
    const strings = Buffer.from(zip['xl/sharedStrings.xml']!).toString('utf8');
    expect(strings).toContain('>BETOS<');
    zip['xl/sharedStrings.xml'] = new Uint8Array(Buffer.from(strings.replace('>BETOS<', '>BETA<')));
    const [issue] = await fails([{ name: 'HCPC2026_JUL_ANWEB_06172026.xlsx', bytes: zipSync(zip) }]);
    expect(issue).toMatchObject({
      reason: 'missing_column',
      row: 1,
      file: 'HCPC2026_JUL_ANWEB_06172026.xlsx',
    });
    expect(issue!.message).toMatch(/BETOS/);
  });

  it('a July file named as October, and a practitioner MUE table named as DME', async () => {
    const [q] = await fails([
      renamed('hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx', 'HCPC2026_OCT_ANWEB_v2.xlsx'),
    ]);
    expect(q).toMatchObject({ reason: 'mismatch' });
    expect(q!.message).toMatch(/2026 Q4.*2026-07-01.*July 2026/);
    const [m] = await fails([
      renamed(
        'ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv',
        'MCR_MUE_DMESupplierServices_Eff_04-01-2026.csv',
      ),
    ]);
    expect(m).toMatchObject({ reason: 'mismatch' });
    expect(m!.message).toMatch(/dme.*practitioner/);
  });

  it('a file of another dataset, and files medcode does not know', async () => {
    const [other] = await fails([
      renamed('ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv', 'HCPC2026_OCT_ANWEB.txt'),
    ]);
    expect(other).toMatchObject({
      code: 'import_failed',
      file: expect.stringMatching(/HCPC2026_OCT_ANWEB\.txt$/),
    });
    const [unknown] = await fails([source('reference/place-of-service-codes.csv')]);
    expect(unknown).toMatchObject({ reason: 'unknown_format' });
  });

  it('an empty file and a 1 GB file (sparse, never read)', async () => {
    const empty = join(temp, 'HCPC2026_OCT_ANWEB_empty.txt');
    writeFileSync(empty, '');
    const huge = join(temp, 'HCPC2026_OCT_ANWEB_huge.txt');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 1024 ** 3);
    closeSync(fd);
    const issues = await fails([empty, huge]);
    expect(issues.map((i) => i.code === 'import_failed' && [i.reason, i.file])).toEqual([
      ['empty', empty],
      ['too_large', huge],
    ]);
  });

  it('one bad file among good ones writes nothing', async () => {
    const empty = join(temp, 'MCR_MUE_DMESupplierServices_Eff_10-01-2026.csv');
    writeFileSync(empty, '');
    await fails([source('hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx'), empty]);
  });
});
