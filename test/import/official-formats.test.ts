/**
 * Every official format medcode builds from is imported at run time through `importCodeSets`, and
 * gives the packs `npm run codesets` ships (digests equal the committed manifests'); bad input is a
 * clear error naming the file, with nothing written.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { readManifest } from '../../src/core/manifest';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { importCodeSets } from '../../src/import/index';
import type { ImportedEdition } from '../../src/import/index';

const temp = mkdtempSync(join(tmpdir(), 'medcode-import-formats-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const source = (f: string) => join(SOURCES_DIR, f);
const digests = (e: ImportedEdition) => e.manifest.files.map((f) => [f.file, f.sha256]);
const shipped = (system: string, id: string) => readManifest(join(CODESETS_DIR, system, id, 'manifest.json'));
const PCS = [
  'icd10pcs/icd10pcs_tables_2026.xml',
  'icd10pcs/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip',
  'icd10pcs/icd10pcs_definitions_2026.xml',
].map(source);
const HCC = [
  'ICD10_CC_mappings_CMS_HCC_2026_v28.csv',
  'V28_HCC_Hierarchies.csv',
  'V28_Diagnosis_Categories.csv',
  'V28_Interactions.csv',
  'V28_CE_Relative_Factors.csv',
  'V28_NE_Relative_Factors.csv',
  '2026 Final ICD-10-CM Mappings.xlsx',
].map((f) => source(`hcc/${f}`));
const MCE = source('mce/MCE_Simple_Code_Edits_v37.txt');

/** A copy of an official file under another name (the content is untouched). */
function renamed(from: string, name: string): string {
  const dir = mkdtempSync(join(temp, 'f-'));
  cpSync(from, join(dir, name));
  return join(dir, name);
}

describe('importCodeSets gives the shipped packs from the official files', () => {
  it('ICD-10-PCS: tables XML + order file zip + definitions XML, in any order', async () => {
    const r = await importCodeSets([PCS[2]!, PCS[0]!, PCS[1]!]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(1);
    const m = shipped('icd10pcs', 'fy2026');
    expect(r.value[0]!.manifest.edition).toEqual(m.edition);
    expect(digests(r.value[0]!)).toEqual(m.files.map((f) => [f.file, f.sha256]));
    expect(r.value[0]!.manifest.publisherValidity).toEqual(m.publisherValidity);
    expect(r.value[0]!.manifest.counts).toEqual(m.counts);
  });

  it('MCE: the code-list table', async () => {
    const r = await importCodeSets([MCE]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = shipped('mce', 'v37');
    expect(r.value[0]!.manifest.edition).toEqual(m.edition);
    expect(digests(r.value[0]!)).toEqual(m.files.map((f) => [f.file, f.sha256]));
    expect(r.value[0]!.manifest.publisherValidity).toMatchObject({ period: 'FY2020', through: '2020-09-30' });
  });

  it('CMS-HCC: the six model tables and the ICD-10-CM mappings workbook', async () => {
    const r = await importCodeSets(HCC);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = shipped('hcc', 'v28-py2026');
    expect(r.value[0]!.manifest.edition).toEqual(m.edition);
    expect(digests(r.value[0]!)).toEqual(m.files.map((f) => [f.file, f.sha256]));
    expect(r.value[0]!.manifest.counts).toEqual(m.counts);
    expect(r.value[0]!.manifest.publisherValidity).toEqual(m.publisherValidity);
  });

  it('an imported ICD-10-PCS edition is read from the folder it was written to', async () => {
    const out = join(temp, 'pcs-out');
    const r = await importCodeSets(PCS, { out });
    expect(r.ok).toBe(true);
    expect(readdirSync(join(out, 'icd10pcs', 'fy2026')).sort()).toEqual(['codes.pack', 'manifest.json']);
    const pcs = createIcd10PcsSystem({ packs: out });
    expect(pcs.at('2026-05-01').get('0016070')?.code).toBe('0016070');
  });
});

describe('bad input of the new formats: a clear error naming the file, nothing written', () => {
  const out = join(temp, 'never-written');
  async function fails(files: Parameters<typeof importCodeSets>[0]) {
    const r = await importCodeSets(files, { out });
    expect(r.ok).toBe(false);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    return r.issues;
  }

  it('ICD-10-PCS: the tables without the order file', async () => {
    const [issue] = await fails([PCS[0]!]);
    expect(issue).toMatchObject({ code: 'import_failed', file: PCS[0] });
    expect(issue!.message).toMatch(/order file zip .* is needed/);
  });

  it('ICD-10-PCS: a truncated order zip', async () => {
    const bytes = readFileSync(PCS[1]!);
    const [issue] = await fails([
      { name: 'icd10pcs_tables_2026.xml', bytes: readFileSync(PCS[0]!) },
      {
        name: '2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip',
        bytes: bytes.subarray(0, 500_000),
      },
    ]);
    expect(issue).toMatchObject({ code: 'import_failed' });
    expect(issue!.message).toMatch(/order-file.*zip|readable zip|icd10pcs_order/);
  });

  it('ICD-10-PCS: the FY2026 tables named as FY2027, and the definitions named as the tables', async () => {
    const [year] = await fails([renamed(PCS[0]!, 'icd10pcs_tables_2027.xml'), PCS[1]!]);
    expect(year).toMatchObject({ reason: 'mismatch', file: expect.stringMatching(/tables_2027\.xml$/) });
    expect(year!.message).toMatch(/FY2027.*FY2026/);
    const [root] = await fails([renamed(PCS[2]!, 'icd10pcs_tables_2026.xml'), PCS[1]!]);
    expect(root!.message).toMatch(/tables XML but the content is the definitions XML/);
  });

  it('MCE: a table whose rows name another version, and a table missing its header', async () => {
    const [v] = await fails([renamed(MCE, 'MCE_Simple_Code_Edits_v43.txt')]);
    expect(v).toMatchObject({ reason: 'mismatch' });
    expect(v!.message).toMatch(/v43.*v37/);
    const text = readFileSync(MCE, 'utf8');
    const [h] = await fails([
      {
        name: 'MCE_Simple_Code_Edits_v37.txt',
        bytes: new Uint8Array(Buffer.from(text.replace('MCE_Section', 'MCE_Part'))),
      },
    ]);
    expect(h).toMatchObject({ code: 'import_failed', file: 'MCE_Simple_Code_Edits_v37.txt' });
  });

  it('CMS-HCC: a model table missing, and a table of another model version', async () => {
    const [missing] = await fails(HCC.slice(1));
    expect(missing!.message).toMatch(/missing: ICD10_CC_mappings_CMS_HCC_YYYY_vNN\.csv/);
    const [version] = await fails([
      ...HCC.slice(0, 1),
      renamed(HCC[1]!, 'V24_HCC_Hierarchies.csv'),
      ...HCC.slice(2),
    ]);
    expect(version!.message).toMatch(/V24.*V28/);
  });

  it('CMS-HCC: a model table with a missing column, with the file named', async () => {
    const text = readFileSync(HCC[3]!, 'utf8');
    const bad = {
      name: 'V28_Interactions.csv',
      bytes: new Uint8Array(Buffer.from(text.replace(/^\uFEFF?[^,\r\n]+/, 'X'))),
    };
    const [issue] = await fails([...HCC.slice(0, 3), bad, ...HCC.slice(4)]);
    expect(issue).toMatchObject({ code: 'import_failed', file: 'V28_Interactions.csv' });
    expect(issue!.message).toMatch(/expected interaction/);
  });
});
