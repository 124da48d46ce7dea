/**
 * read-excel-file is an optional peer dependency: without it, importing a workbook is a structured
 * `import_failed` issue (`missing_package`) naming the package and the file, and the CSV edition of
 * the same table still imports.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importCodeSets } from '../../src/import/index';

vi.mock('read-excel-file/node', () => {
  throw Object.assign(new Error("Cannot find package 'read-excel-file'"), { code: 'ERR_MODULE_NOT_FOUND' });
});

const sources = join(import.meta.dirname, '..', '..', 'codesets', 'sources');

describe('without read-excel-file', () => {
  it('an xlsx import fails naming the package and the file; the csv imports', async () => {
    const xlsx = join(sources, 'ncci', 'MCR_MUE_PractitionerServices_Eff_04-01-2026.xlsx');
    const r = await importCodeSets([xlsx]);
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: 'import_failed', reason: 'missing_package', file: xlsx }],
    });
    expect(r.issues[0]!.message).toMatch(/read-excel-file/);
    const csv = await importCodeSets([
      join(sources, 'ncci', 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv'),
    ]);
    expect(csv.ok).toBe(true);
  });
});
