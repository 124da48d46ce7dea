import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMceFile, looksLikeMceTable } from '../../src/mce/import';
import { SourceFormatError } from '../../src/core/errors';
import { parseMceTable } from '../../src/rules/mce';

const official = readFileSync('codesets/sources/mce/MCE_Simple_Code_Edits_v37.txt');
const NAME = 'MCE_Simple_Code_Edits_v37.txt';

describe('MCE table import', () => {
  it('a table saved with a UTF-8 byte order mark imports as the same lists', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), official]);
    expect(looksLikeMceTable({ name: NAME, bytes: bom })).toBe(true);
    const plain = importMceFile({ name: NAME, bytes: official });
    const marked = importMceFile({ name: NAME, bytes: bom });
    expect(marked.counts).toEqual(plain.counts);
    expect(marked.edition).toEqual(plain.edition);
    expect(Buffer.from(marked.packs['lists.pack']!)).toEqual(Buffer.from(plain.packs['lists.pack']!));
  });

  it('a row cut short or without its ICD_Code is refused naming the file and row', () => {
    const header =
      'MCE_Version\tICD_Version\tMCE_Section\tMCE_Subsection\tMCE_Edit_Type\tICD_Code_Type\tICD_Code\tICD_Desc';
    const g63 = '37\t10\t6\t_\tPrincipal_Manifestation\tD\tG63\tPolyneuropathy in diseases classd elswhr';
    const refusal = (rows: string[]) => {
      try {
        parseMceTable([header, g63, ...rows, ''].join('\n'), NAME);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    for (const [rows, detail] of [
      [['37\t10\t6\t_\tPrincipal_Manifestation\tD'], /row has 6 column\(s\)/],
      [['37\t10\t6\t_\tPrincipal_Manifestation\tD\t\tno code'], /no ICD_Code/],
      [['37\t10\t6\t_\tPrincipal_Manifestation\tD\t  \tno code'], /no ICD_Code/],
    ] as const) {
      const e = refusal([...rows]);
      expect(e).toBeInstanceOf(SourceFormatError);
      expect(e).toMatchObject({ file: NAME, line: 3 });
      expect((e as Error).message).toMatch(detail);
    }
    // The importer passes the same refusal on, by file and row.
    const cut = Buffer.from([header, g63, '37\t10\t6\t_\tPrincipal_Manifestation\tD', ''].join('\n'));
    expect(() => importMceFile({ name: NAME, bytes: cut })).toThrow(SourceFormatError);
    expect(parseMceTable([header, g63].join('\n')).lists.manifestation).toEqual(['G63']);
  });
});
