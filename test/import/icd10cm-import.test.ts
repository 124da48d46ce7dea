import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { readManifest } from '../../src/core/manifest';
import { importCodeSets } from '../../src/import/index';

const temp = mkdtempSync(join(tmpdir(), 'medcode-icd10cm-import-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const shipped = (id: string) =>
  readManifest(join(CODESETS_DIR, 'icd10cm', id, 'manifest.json')).files.map((f) => [f.file, f.sha256]);

describe('importCodeSets on the ICD-10-CM release files', () => {
  it('imports the FY2027 order file (companions read from its folder) into packs equal to the built-in ones', async () => {
    const r = await importCodeSets([join(SOURCES_DIR, 'icd10cm', 'icd10cm_order_2027.txt')]);
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(1);
    const e = r.value[0]!;
    expect(e.manifest.edition.id).toBe('fy2027');
    expect(e.manifest.files.map((f) => [f.file, f.sha256])).toEqual(shipped('fy2027'));
    expect(e.manifest.publisherValidity?.through).toBe('2027-09-30');
  }, 600_000);

  it('refuses a file named as an order file whose content is not one', async () => {
    const dir = mkdtempSync(join(temp, 'bad-'));
    const file = join(dir, 'icd10cm_order_2027.txt');
    writeFileSync(file, 'code,description\nI10,Essential hypertension\n');
    const r = await importCodeSets([file]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'import_failed', reason: 'mismatch', file });
  });

  it('names the companion file an order file needs when its folder lacks it', async () => {
    const dir = mkdtempSync(join(temp, 'alone-'));
    const file = join(dir, 'icd10cm_order_2027.txt');
    copyFileSync(join(SOURCES_DIR, 'icd10cm', 'icd10cm_order_2027.txt'), file);
    const r = await importCodeSets([file]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('import_failed');
    expect(r.issues[0]?.message).toMatch(/2026-code-descriptions-tabular-order\.zip|tabular/);
    expect(readdirSync(dir)).toEqual(['icd10cm_order_2027.txt']);
  });

  it('refuses a companion file passed alone, saying to pass the order file', async () => {
    const r = await importCodeSets([join(SOURCES_DIR, 'icd10cm', 'icd10cm_order_addenda_2027.txt')]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'import_failed', reason: 'unsupported' });
  });
});
