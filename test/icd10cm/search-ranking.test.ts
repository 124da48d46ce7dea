import { describe, expect, it } from 'vitest';
import type { SearchDoc } from '../../src/icd10cm/loader';
import { lastSubterm } from '../../src/icd10cm/text';
import { searchIndexOf } from './synthetic-index';

describe('ICD-10-CM search: the query as an index path', () => {
  it('reads the essential words of the last subterm, none for a query of one segment', () => {
    expect(lastSubterm('Resistance, resistant (to), organism (s), to, drug, vancomycin')).toEqual([
      'vancomycin',
    ]);
    expect(lastSubterm('Gonorrhea (acute) (chronic), cervix')).toEqual(['cervix']);
    expect(lastSubterm('Hypoalbuminemia')).toEqual([]);
    expect(lastSubterm('heart attack')).toEqual([]);
  });

  it('ranks the code naming the last subterm above the parent entry and its siblings', () => {
    // `Gumma, kidney` when that entry is not there: the parent entry and its siblings hold the main
    // term, rarer here than `kidney`; the code whose title names the kidney is what the entry adds.
    const docs: SearchDoc[] = [
      { text: 'Syphilis of kidney', row: 0, source: 'title' },
      { text: 'Gumma (syphilitic)', row: 1, source: 'index_term' },
      { text: 'Gumma (syphilitic), heart', row: 2, source: 'index_term' },
      { text: 'Cyst of kidney', row: 3, source: 'title' },
      { text: 'Stone, kidney', row: 4, source: 'index_term' },
    ];
    const hits = searchIndexOf(docs, 5).search('Gumma (syphilitic), kidney', 5);
    expect(hits[0]?.row).toBe(0);
    expect(hits.findIndex((h) => h.row === 1)).toBeGreaterThan(0);
  });
});

describe('ICD-10-CM search: codes scored alike', () => {
  it("rank the main term's code above its subterms' when the query's words are all in the main term", () => {
    // The index's own wording: `(essential)` is the main term's nonessential modifier, so every
    // subterm of `Hypertension` holds both query words too, and scores as the main term does.
    const docs: SearchDoc[] = [
      { text: 'Hypertension, hypertensive (benign) (essential), psychogenic', row: 0, source: 'index_term' },
      { text: 'Hypertension, hypertensive (benign) (essential)', row: 1, source: 'index_term' },
      { text: 'Hypertension, hypertensive (benign) (essential), heart', row: 2, source: 'index_term' },
      { text: 'Other somatoform disorders', row: 0, source: 'title' },
      { text: 'Essential (primary) hypertension', row: 1, source: 'title' },
    ];
    const index = searchIndexOf(docs, 3);
    expect(index.search('essential hypertension', 3).map((h) => h.row)).toEqual([1, 0, 2]);
    expect(index.search('benign hypertension', 3)[0]?.row).toBe(1);
  });
});

describe('ICD-10-CM search: a code is all its documents', () => {
  it('joins the query words found in a code title and in one of its index terms', () => {
    // A52.75 Syphilis of kidney and ureter: its title says kidney, its index term says gumma.
    const docs: SearchDoc[] = [
      { text: 'Gumma (syphilitic)', row: 0, source: 'index_term' },
      { text: 'Gumma (syphilitic), heart', row: 1, source: 'index_term' },
      { text: 'Gumma (syphilitic), brain', row: 2, source: 'index_term' },
      { text: 'Syphilis of kidney and ureter', row: 3, source: 'title' },
      { text: 'Gumma (syphilitic), ureter', row: 3, source: 'index_term' },
    ];
    // Enough other kidney documents that `kidney` is a common word, probed against the candidates the
    // rare word `gumma` brings rather than walked: the title is then read only by the completion.
    for (let i = 0; i < 3100; i++)
      docs.push({ text: `Disorder of kidney, type ${i}`, row: 4 + (i % 50), source: 'index_term' });
    const hits = searchIndexOf(docs, 60).search('Gumma (syphilitic), kidney', 3);
    expect(hits[0]?.row).toBe(3);
  });
});

describe('ICD-10-CM search: main terms the index sends to another', () => {
  it('lets a one-word main-term reference stand for the query word, below the word itself', () => {
    const docs: SearchDoc[] = [
      { text: 'Aplasia (see Agenesis)', row: 0, source: 'index_term' },
      { text: 'Agenesis, nail (s)', row: 1, source: 'index_term' },
      { text: 'Nail, ingrowing', row: 2, source: 'index_term' },
      { text: 'Aplasia, nail (s)', row: 3, source: 'index_term' },
    ];
    const index = searchIndexOf(docs, 4);
    // The index's own entry for the query first, then its synonym's.
    expect(index.search('Aplasia, nail', 2).map((h) => h.row)).toEqual([3, 1]);
    // Without the query's own entry, the synonym's entry is found.
    const held = searchIndexOf(docs.slice(0, 3), 4);
    expect(held.search('Aplasia, nail', 1)[0]?.row).toBe(1);
  });

  it('reads no synonym from a subterm reference or a reference to a phrase', () => {
    const docs: SearchDoc[] = [
      { text: 'Attack, heart (see Infarct, myocardium)', row: 0, source: 'index_term' },
      { text: 'Infarct, kidney', row: 1, source: 'index_term' },
      { text: 'Attack, kidney stone', row: 2, source: 'index_term' },
    ];
    // `Attack` is not made a synonym of `Infarct`: the kidney stone attack comes first.
    expect(searchIndexOf(docs, 3).search('attack, kidney', 1)[0]?.row).toBe(2);
  });
});
