/**
 * HCPCS Level II categories by first letter (descriptive labels of the A–V letters of the CMS Level
 * II code set), on every code of the held CMS files.
 */
import { describe, expect, it } from 'vitest';
import { HCPCS_CATEGORIES, HCPCS_CATEGORY_CITATION, hcpcs, hcpcsCategoryOf } from '../../src/hcpcs/index';

describe('HCPCS Level II categories', () => {
  it('every code of every held edition carries the category of its first letter, with the citation', () => {
    const letters = new Set<string>();
    let n = 0;
    for (const e of hcpcs.editions) {
      for (const entry of hcpcs.edition(e.id).codes()) {
        n++;
        expect(entry.category.letter).toBe(entry.code[0]);
        expect(entry.category.citation).toBe(HCPCS_CATEGORY_CITATION);
        letters.add(entry.category.letter);
      }
    }
    expect(n).toBeGreaterThan(15_000);
    // The CMS file's letters: every category but D (dental, CDT, not in the CMS file).
    expect([...letters].sort().join('')).toBe('ABCEGHJKLMPQRSTUV');
    expect(Object.keys(HCPCS_CATEGORIES).sort().join('')).toBe('ABCDEGHJKLMPQRSTUV');
  });

  it.each([
    ['A0428', 'A', /^Transportation services including ambulance, medical and surgical supplies/],
    ['G0121', 'G', /^Procedures\/professional services \(temporary\)$/],
    ['L3000', 'L', /^Orthotic and prosthetic procedures/],
    ['J9035', 'J', /^Drugs administered other than oral method/],
    ['E0100', 'E', /^Durable medical equipment$/],
  ])('%s is in category %s', (code, letter, name) => {
    const entry = hcpcs.at('2026-03-01').get(code)!;
    expect(entry).toBeDefined();
    expect(entry.category.letter).toBe(letter);
    expect(entry.category.name).toMatch(name);
    expect(Object.isFrozen(entry.category)).toBe(true);
  });

  it('a string that begins no Level II category has none', () => {
    expect(hcpcsCategoryOf('99213')).toBeUndefined();
    expect(hcpcsCategoryOf('F1234')).toBeUndefined();
    expect(hcpcsCategoryOf(42)).toBeUndefined();
    expect(hcpcsCategoryOf('g0121')?.letter).toBe('G');
  });
});
