import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMceFile, looksLikeMceTable } from '../../src/mce/import';

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
});
