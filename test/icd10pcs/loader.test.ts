import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SourceFormatError } from '../../src/core/errors';
import { buildIcd10PcsPack } from '../../src/icd10pcs/loader';
import type { Icd10PcsSourceFiles } from '../../src/icd10pcs/loader';
import { SOURCES_DIR } from '../../scripts/lib/codesets';

const dir = join(SOURCES_DIR, 'icd10pcs');
const real: Icd10PcsSourceFiles = {
  tablesXml: readFileSync(join(dir, 'icd10pcs_tables_2026.xml')),
  definitionsXml: readFileSync(join(dir, 'icd10pcs_definitions_2026.xml')),
  orderZip: readFileSync(join(dir, '2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip')),
  names: { tables: 'tables.xml', definitions: 'definitions.xml', order: 'order.zip' },
};
const orderText = Buffer.from(unzipSync(real.orderZip)['icd10pcs_order_2026.txt']!).toString('latin1');

function withOrder(text: string): Icd10PcsSourceFiles {
  return { ...real, orderZip: zipSync({ 'icd10pcs_order_2026.txt': Buffer.from(text, 'latin1') }) };
}

describe('icd10pcs loader cross-checks the tables against the order file', () => {
  it('builds from the real files with the expected counts', () => {
    const { counts } = buildIcd10PcsPack(real, 'fy2026');
    expect(counts).toMatchObject({ codes: 79_115, tables: 914, rows: 2_733, sections: 17 });
  });

  it('fails when the order file lacks a code the tables generate', () => {
    const text = orderText.replace(/^.{6}0LB50ZZ 1 .*\r?\n/m, '');
    expect(text.length).toBeLessThan(orderText.length);
    expect(() => buildIcd10PcsPack(withOrder(text), 'fy2026')).toThrow(/1 codes without a title \(0LB50ZZ\)/);
  });

  it('fails when the order file has a valid code the tables do not generate', () => {
    const extra = `99999 0LB5ZZZ 1 ${'Invented'.padEnd(60)} Invented procedure\r\n`;
    let error: unknown;
    try {
      buildIcd10PcsPack(withOrder(orderText + extra), 'fy2026');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceFormatError);
    expect(String(error)).toMatch(/1 titled codes not in the tables \(0LB5ZZZ\)/);
  });

  it('fails when a row does not expand to the number of codes it declares', () => {
    const xml = Buffer.from(real.tablesXml)
      .toString('utf8')
      .replace('<pcsRow codes="99">', '<pcsRow codes="98">');
    expect(() => buildIcd10PcsPack({ ...real, tablesXml: Buffer.from(xml) }, 'fy2026')).toThrow(
      /row says 98 codes, expands to 99/,
    );
  });
});
