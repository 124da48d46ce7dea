/**
 * At run time, not only in the import graph: a lookup through `medcode/icd10pcs` or
 * `medcode/icd10cm` loads neither the XML parser nor the xlsx reader; `medcode/import` loads the XML
 * parser with its ICD-10-PCS importer and the xlsx reader only when it reads a workbook.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const loaded = vi.hoisted(() => new Set<string>());
vi.mock('fast-xml-parser', async (original) => {
  loaded.add('fast-xml-parser');
  return original();
});
vi.mock('read-excel-file/node', async (original) => {
  loaded.add('read-excel-file');
  return original();
});

describe('parsers are loaded by imports only', () => {
  it('ICD-10-PCS and ICD-10-CM lookups load neither parser', async () => {
    const { icd10pcs } = await import('../../src/icd10pcs/index');
    const { icd10cm } = await import('../../src/icd10cm/index');
    expect(icd10pcs.at('2026-05-01').get('0016070')?.code).toBe('0016070');
    expect(icd10cm.at('2026-05-01').get('E11.9')).toBeDefined();
    expect([...loaded]).toEqual([]);
  });

  it('medcode/import loads the XML parser, and the xlsx reader on the first workbook (the check can fail)', async () => {
    const { importCodeSets } = await import('../../src/import/index');
    expect(loaded.has('fast-xml-parser')).toBe(true);
    expect(loaded.has('read-excel-file')).toBe(false);
    const sources = join(import.meta.dirname, '..', '..', 'codesets', 'sources');
    const r = await importCodeSets([
      {
        name: 'MCR_MUE_PractitionerServices_Eff_04-01-2026.xlsx',
        bytes: readFileSync(join(sources, 'ncci', 'MCR_MUE_PractitionerServices_Eff_04-01-2026.xlsx')),
      },
    ]);
    expect(r.ok).toBe(true);
    expect(loaded.has('read-excel-file')).toBe(true);
  });
});
