import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SOURCES_DIR } from '../../scripts/lib/codesets';
import { icd10cm } from '../../src/icd10cm/index';
import { parseOrderFile } from '../../src/icd10cm/loader';

/**
 * CMS derives `icd10cm_codes_YYYY.txt` from the order file (icd10OrderFiles.pdf): every billable row
 * as the code padded to 7 characters, one space, the long title, CRLF. Rebuilding it from a pack and
 * matching the published digest proves the pack holds the official codes, titles and order.
 */
function codesFileOf(edition: 'fy2026' | 'fy2027'): Buffer {
  let text = '';
  for (const e of icd10cm.edition(edition).codes({ billable: true }))
    text += `${e.code.replace('.', '').padEnd(7)} ${e.title}\r\n`;
  return Buffer.from(text, 'latin1');
}
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('ICD-10-CM editions built from the official order files', () => {
  it('FY2027: the codes file rebuilt from the pack has the published sha256', () => {
    // icd10cm_codes_2027.txt, 6,425,201 bytes (codesets/sources/SOURCES.md).
    const bytes = codesFileOf('fy2027');
    expect(bytes.length).toBe(6_425_201);
    expect(sha256(bytes)).toBe('3c0583a38ee0e848f7dc0ac8ce88e8f001bbba8c6385ed825d44d46f6e5297c9');
  });

  it('FY2026: the codes file rebuilt from the pack equals the one in the CMS zip', () => {
    const zip = unzipSync(
      new Uint8Array(readFileSync(join(SOURCES_DIR, 'icd10cm/2026-code-descriptions-tabular-order.zip'))),
      { filter: (f) => f.name.endsWith('icd10cm_codes_2026.txt') },
    );
    const official = Object.values(zip)[0]!;
    expect(sha256(codesFileOf('fy2026'))).toBe(sha256(official));
  });

  it('FY2027: codes() iterates every row of icd10cm_order_2027.txt in the official order', () => {
    const rows = parseOrderFile(
      readFileSync(join(SOURCES_DIR, 'icd10cm/icd10cm_order_2027.txt'), 'latin1'),
      'icd10cm_order_2027.txt',
    );
    const fromPack = [...icd10cm.edition('fy2027').codes()].map(
      (e) => `${e.code.replace('.', '')} ${e.billable ? 1 : 0} ${e.shortTitle} ${e.title}`,
    );
    expect(fromPack.length).toBe(98_403);
    expect(fromPack).toEqual(rows.map((r) => `${r.code} ${r.billable ? 1 : 0} ${r.shortTitle} ${r.title}`));
  });

  it('FY2026: every row, header or billable, has the short and long title of icd10cm_order_2026.txt', () => {
    // Titles are stored as shared prefixes plus distinct suffixes: decoding must give the exact text.
    const zip = unzipSync(
      new Uint8Array(readFileSync(join(SOURCES_DIR, 'icd10cm/2026-code-descriptions-tabular-order.zip'))),
      { filter: (f) => f.name.endsWith('icd10cm_order_2026.txt') },
    );
    const rows = parseOrderFile(
      Buffer.from(Object.values(zip)[0]!).toString('latin1'),
      'icd10cm_order_2026.txt',
    );
    const fromPack = [...icd10cm.edition('fy2026').codes()].map(
      (e) => `${e.code.replace('.', '')} ${e.billable ? 1 : 0} ${e.shortTitle} ${e.title}`,
    );
    expect(fromPack.length).toBe(98_186);
    expect(fromPack).toEqual(rows.map((r) => `${r.code} ${r.billable ? 1 : 0} ${r.shortTitle} ${r.title}`));
  });
});
