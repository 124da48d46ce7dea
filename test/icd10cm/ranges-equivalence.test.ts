import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODESETS_DIR } from '../../scripts/lib/codesets';
import { memorySource } from '../../src/core/pack-source';
import { createIcd10CmSystem } from '../../src/icd10cm/index';

/** Every ICD-10-CM pack file, whole, in memory: the path that never reads a pack by ranges. */
function wholeFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const root = join(CODESETS_DIR, 'icd10cm');
  for (const edition of readdirSync(root))
    for (const file of readdirSync(join(root, edition)))
      files[`icd10cm/${edition}/${file}`] = new Uint8Array(readFileSync(join(root, edition, file)));
  return files;
}

// A codes pack read from a folder is read by ranges: only the blocks a lookup touches are read in
// and checked. An unread byte is a zero in the reader's buffer, so a read that skipped its block
// check would answer from zeros; this compares every code of both editions, entry by entry,
// against the same packs read whole.
describe('ICD-10-CM codes packs read by ranges answer exactly as the same packs read whole', () => {
  const byRanges = createIcd10CmSystem({ codesetsDir: CODESETS_DIR });
  const whole = createIcd10CmSystem({ packs: memorySource(wholeFiles()) });

  for (const [edition, date] of [
    ['fy2026', '2026-05-01'],
    ['fy2027', '2026-11-01'],
  ] as const)
    it(`${edition}: the same codes, and the same entry for every one of them`, () => {
      const expected = whole.at(date);
      const actual = byRanges.at(date);
      expect(actual.edition.id).toBe(edition);
      // Looked up first, in an order unlike the pack's, so that no block is read ahead of its turn.
      const codes = [...expected.codes()].map((e) => e.undotted).reverse();
      expect(codes.length).toBeGreaterThan(70_000);
      for (const code of codes) {
        const entry = actual.get(code);
        if (JSON.stringify(entry) !== JSON.stringify(expected.get(code)))
          expect({ code, entry }).toEqual({ code, entry: expected.get(code) });
      }
      expect([...actual.codes()].map((e) => e.undotted)).toEqual([...codes].reverse());
    });
});
