/**
 * ICD-10-CM imported at run time and used through `--codesets`: the FY2027 release files given as
 * name + bytes (as a browser or a caller holding them in memory would), imported with
 * `importCodeSets`, then merged by the CLI with a built-in folder that holds FY2026 only. The import
 * builds every ICD-10-CM pack from the official files (tens of seconds): this file is in `slow`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { readManifest } from '../../src/core/manifest';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { importCodeSets } from '../../src/import/index';
import type { ImportedEdition } from '../../src/import/index';
import { cliOver, json } from '../cli/helpers';

const temp = mkdtempSync(join(tmpdir(), 'medcode-icd10cm-codesets-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A built-in folder as if medcode had shipped ICD-10-CM FY2026 only (every other system as shipped). */
const fy2026Only = join(temp, 'fy2026-only');
const imported = join(temp, 'imported');

/** The FY2027 release files as bytes under their CMS/CDC names, no folder to read companions from. */
const RELEASE_FILES = [
  'icd10cm_order_2027.txt',
  '2026-code-descriptions-tabular-order.zip',
  'icd10cm_order_addenda_2027.txt',
  'icd10cm_tabular_2023.xml.gz',
  'icd10cm_index_2023.xml.gz',
  'icd10cm_eindex_2026.xml',
  'icd10cm_drug_2026.xml',
  'icd10cm_neoplasm_2026.xml',
  'POAexemptCodesFY26.zip',
];
const bytesOf = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(join(SOURCES_DIR, 'icd10cm', name))),
});

let edition: ImportedEdition;

beforeAll(async () => {
  mkdirSync(join(fy2026Only, 'icd10cm'), { recursive: true });
  cpSync(join(CODESETS_DIR, 'icd10cm', 'fy2026'), join(fy2026Only, 'icd10cm', 'fy2026'), { recursive: true });
  for (const s of ['icd10pcs', 'hcpcs', 'pos', 'ncci-mue', 'ncci-aoc', 'mce'])
    symlinkSync(resolve(CODESETS_DIR, s), join(fy2026Only, s));
  const r = await importCodeSets(RELEASE_FILES.map(bytesOf), { out: imported });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  expect(r.value).toHaveLength(1);
  edition = r.value[0]!;
}, 900_000);

describe('importCodeSets on ICD-10-CM release files given as bytes', () => {
  it('builds FY2027 from the given files alone, into packs equal to the built-in ones', () => {
    expect(edition.manifest.edition.id).toBe('fy2027');
    const shipped = readManifest(join(CODESETS_DIR, 'icd10cm', 'fy2027', 'manifest.json'));
    expect(edition.manifest.files.map((f) => [f.file, f.sha256])).toEqual(
      shipped.files.map((f) => [f.file, f.sha256]),
    );
    // Every given file that contributed is recorded, under the name it was given.
    expect(edition.manifest.sources.map((s) => basename(s.file)).sort()).toEqual([...RELEASE_FILES].sort());
  });

  it('a release file whose content is not what its name says is refused, naming it', async () => {
    const r = await importCodeSets([
      bytesOf('icd10cm_order_2027.txt'),
      { name: 'icd10cm_order_addenda_2027.txt', bytes: bytesOf('icd10cm_drug_2026.xml').bytes },
    ]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: 'import_failed',
      reason: 'mismatch',
      file: 'icd10cm_order_addenda_2027.txt',
    });
  });

  it('a missing release file is named, with what it is for', async () => {
    // Alone, the FY2027 order file is a full edition of its own, which needs the tabular XML.
    const r = await importCodeSets([bytesOf('icd10cm_order_2027.txt')]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: 'import_failed',
      reason: 'missing_file',
      file: 'icd10cm_tabular_YYYY.xml',
    });
    expect(r.issues[0]?.message).toMatch(
      /needs a tabular XML \(icd10cm_tabular_YYYY\.xml.*chapters, sections, notes and 7th characters come from it; pass it with icd10cm_order_2027\.txt/,
    );
  });
});

describe('--codesets with an imported ICD-10-CM edition', () => {
  interface LookupJson {
    results: { input: string; matches: { system: string; edition: string }[]; notes: string[] }[];
  }
  // C78.31, "Secondary malignant neoplasm of larynx", is new in FY2027 (CMS FY2027 order addenda).
  it('medcode lookup answers a code new in FY2027 from the imported edition on 2026-11-01', async () => {
    const before = json<LookupJson>(
      await cliOver(fy2026Only, 'lookup', 'C78.31', '--date', '2026-11-01', '--json'),
    );
    expect(before.results[0]!.matches).toEqual([]);
    const after = json<LookupJson>(
      await cliOver(fy2026Only, 'lookup', 'C78.31', '--date', '2026-11-01', '--codesets', imported, '--json'),
    );
    expect(after.results[0]!.matches).toEqual([
      expect.objectContaining({ system: 'icd10cm', edition: 'ICD-10-CM FY2027' }),
    ]);
    // A date in FY2026 still answers from the built-in edition, where the code does not exist.
    const july = json<LookupJson>(
      await cliOver(fy2026Only, 'lookup', 'I10', '--date', '2026-07-01', '--codesets', imported, '--json'),
    );
    expect(july.results[0]!.matches[0]).toMatchObject({ edition: 'ICD-10-CM FY2026' });
  });

  it('the API merges the same folder: the imported delta edition reads its FY2026 base from the built-in folder', () => {
    const cm = createIcd10CmSystem({ codesetsDir: fy2026Only, extraCodesetsDirs: [imported] });
    expect(cm.editions.map((e) => e.id)).toEqual(['fy2026', 'fy2027']);
    expect(cm.at('2026-11-01').get('C78.31')?.title).toBe('Secondary malignant neoplasm of larynx');
    // An unchanged code of FY2027 is a row shared with FY2026 (the delta's base).
    expect(cm.at('2026-11-01').get('I10')?.title).toBe(cm.at('2026-07-01').get('I10')?.title);
    expect(cm.diff('fy2026', 'fy2027').counts).toEqual(createIcd10CmSystem().diff('fy2026', 'fy2027').counts);
  });
});
