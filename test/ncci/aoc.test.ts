import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import readXlsxFile from 'read-excel-file/node';
import { AocTable, julianToIso, loadAocTable, parseAocRows } from '../../src/ncci/aoc';
import { importAocFile } from '../../src/ncci/aoc-import';
import { SourceFormatError } from '../../src/core/errors';
import { CODESETS_DIR, SOURCES_DIR, SourceReader, diffEditions } from '../../scripts/lib/codesets';
import aocBuilder from '../../scripts/codesets/ncci-aoc';

const XLSX = join(SOURCES_DIR, 'ncci', 'AOC_V2026Q2-MCR.xlsx');

describe('NCCI AOC table 2026 Q2 (real CMS file)', () => {
  const aoc = loadAocTable();

  it('has 9,000 rows for 830 add-on codes with the published type split, and keeps the AMA notice', () => {
    expect(aoc.size).toBe(9000);
    expect(aoc.addOnCodes()).toHaveLength(830);
    const types = [0, 0, 0, 0];
    for (const c of aoc.addOnCodes()) for (const p of aoc.get(c)!.primaries) types[p.editType]!++;
    expect(types.slice(1)).toEqual([8293, 47, 660]);
    expect(aoc.notice).toMatch(/copyright 2025 American Medical Association/);
    expect(aoc.edition).toMatchObject({
      id: '2026q2',
      system: 'ncci-aoc',
      effectiveFrom: '2026-04-01',
      effectiveTo: '2026-06-30',
    });
    expect(aoc.dataVersion).toBe('NCCI AOC 2026-04-01');
  });

  it('reads Julian dates (YYYYDDD) as the file writes them', () => {
    expect(julianToIso('2013091')).toBe('2013-04-01');
    expect(julianToIso('2016366')).toBe('2016-12-31');
    expect(julianToIso('2025365')).toBe('2025-12-31');
    expect(julianToIso('2025366')).toBeUndefined();
    expect(julianToIso('20250101')).toBeUndefined();
    // 22840 lost 63180 as a primary at the end of 2020 (Primary_Code_DelDT and AOC_Edit_DelDT 2020366).
    expect(aoc.get('22840')!.primaries.find((p) => p.code === '63180')).toMatchObject({
      primaryDeletionDate: '2020-12-31',
      deletionDate: '2020-12-31',
      effectiveDate: '2013-04-01',
      editType: 1,
    });
  });

  it('returns each edit type with its primaries and special instructions', () => {
    expect(aoc.get('99292')).toMatchObject({ editType: 1, addOnDeletionDate: null });
    expect(aoc.editsOn('99292', '2026-05-01')!.map((p) => p.code)).toEqual(['99291']);
    expect(aoc.get('0054T')).toMatchObject({
      editType: 2,
      specialInstructions: ['Contractor Defined Primary Codes'],
    });
    expect(aoc.get('0054T')!.primaries[0]).toMatchObject({ code: 'CCCCC', contractorDefined: true });
    expect(aoc.editsOn('0984T', '2026-05-01')!.map((p) => p.code)).toEqual([
      '36221',
      '36222',
      '36223',
      '36224',
      '36225',
      '36226',
      '37215',
      '37216',
    ]);
    // The table keeps history: 20701 was type 1 through 2022 and is type 3 from 2023.
    expect(aoc.get('20701')!.editType).toBe(3);
    expect(new Set(aoc.get('20701')!.primaries.map((p) => p.editType))).toEqual(new Set([1, 3]));
    expect(aoc.editsOn('20701', '2026-05-01')!.every((p) => p.editType === 3)).toBe(true);
    expect(aoc.editsOn('20701', '2022-06-01')!.every((p) => p.editType === 1)).toBe(true);
  });

  it('get and editsOn never throw and return undefined for hostile input', () => {
    fc.assert(fc.property(fc.anything(), (v) => aoc.get(v) === undefined || typeof v === 'string'));
    for (const v of ['__proto__', 'constructor', '', 'x'.repeat(1_000_000), '99213'])
      expect(aoc.get(v)).toBeUndefined();
    expect(aoc.editsOn(42, '2026-05-01')).toBeUndefined();
    expect(aoc.editsOn('99292', '2012-01-01')).toBeUndefined();
  });

  it('round-trips through its pack', () => {
    const again = AocTable.fromPack(aoc.toPack());
    expect(again.size).toBe(aoc.size);
    expect(again.get('22840')).toEqual(aoc.get('22840'));
  });

  it('the committed pack equals a fresh build', async () => {
    expect(diffEditions(CODESETS_DIR, 'ncci-aoc', await aocBuilder.build(new SourceReader()))).toEqual([]);
  });

  it('rejects other layouts, bad types, bad dates and repeated rows with the file and row', async () => {
    const [sheet] = await readXlsxFile(readFileSync(XLSX));
    const rows = sheet!.data as unknown[][];
    const name = { fileName: 'AOC_V2026Q2-MCR.xlsx' };
    const bad = (edit: (r: unknown[][]) => void, options = name) => {
      const copy = rows.map((r) => [...r]);
      edit(copy);
      try {
        parseAocRows(copy, options);
      } catch (error) {
        expect(error).toBeInstanceOf(SourceFormatError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad(() => {}, { fileName: 'aoc.xlsx' })).toMatch(/quarter from the file name/);
    expect(bad((r) => (r[1]![3] = 'Primary'))).toMatch(/column 4 of the header/);
    expect(bad((r) => (r[2]![0] = '4'))).toMatch(/:3: AOC_Edit_Type "4"/);
    expect(bad((r) => (r[2]![5] = '2013-04-01'))).toMatch(
      /:3: AOC_Edit_EffDT "2013-04-01" is not a Julian date/,
    );
    expect(bad((r) => (r[3]![1] = '99'))).toMatch(/:4: Add-On_Code "99"/);
    expect(bad((r) => r.push([...r[2]!]))).toMatch(/appears twice/);
    expect(() => parseAocRows('x' as never)).toThrow(/rows/);
  });

  it('imports through importAocFile with counts and the next quarter named', async () => {
    const built = await importAocFile({ name: 'AOC_V2026Q2-MCR.xlsx', bytes: readFileSync(XLSX) });
    expect(built.counts).toEqual({ rows: 9000, addOnCodes: 830, type1: 8293, type2: 47, type3: 660 });
    expect(built.publisherValidity?.nextFile).toContain('AOC_V2026Q3-MCR.xlsx');
    await expect(importAocFile({ name: 'AOC_V2026Q2-MCR.csv', bytes: new Uint8Array(4) })).rejects.toThrow(
      /Excel workbook/,
    );
  });
});
