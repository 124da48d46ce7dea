import { describe, expect, it } from 'vitest';
import type { SearchDoc } from '../../src/icd10cm/loader';
import { lastSubterm, queryParts, withFractureDefaults } from '../../src/icd10cm/text';
import { searchIndexOf } from './synthetic-index';

/** The rows a query gives on an index of `docs` alone (one row per code, no code strings), best first. */
function rankedRows(docs: readonly SearchDoc[], rows: number, query: string): number[] {
  return searchIndexOf(docs, rows)
    .search(query, rows)
    .map((h) => h.row);
}

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
    const rows = index.search('essential hypertension', 3).map((h) => h.row);
    expect(rows[0]).toBe(1);
    // The subterms follow, the one printed with fewer words first.
    expect(rows.slice(1)).toEqual([2, 0]);
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

/** One code per row: its title, then the index terms that give it, as search documents. */
function codesAsDocs(codes: readonly { title: string; terms?: readonly string[] }[]): SearchDoc[] {
  return codes.flatMap(({ title, terms = [] }, row) => [
    { text: title, row, source: 'title' as const },
    ...terms.map((text) => ({ text, row, source: 'index_term' as const })),
  ]);
}

describe('ICD-10-CM search: the code the missing entry would give', () => {
  // H66.2-: chronic atticoantral suppurative otitis media, by ear (ICD-10-CM's laterality axis).
  const codes = ['H6620', 'H6621', 'H6622', 'H6623'];
  const mucosal = 'Disease, diseased, persistent mucosal (middle ear)';
  const otitis = codesAsDocs([
    { title: 'Chronic atticoantral suppurative otitis media, unspecified ear', terms: [mucosal] },
    { title: 'Chronic atticoantral suppurative otitis media, right ear', terms: [`${mucosal}, right`] },
    { title: 'Chronic atticoantral suppurative otitis media, left ear', terms: [`${mucosal}, left`] },
    { title: 'Chronic atticoantral suppurative otitis media, bilateral' },
  ]);
  const bothEars = `${mucosal}, right, with left`;

  it("ranks the sibling on the side asked first when the index's entry for that side is missing", () => {
    // The index's `right, with left` is both ears; the entries at hand name one ear each.
    expect(searchIndexOf(otitis, 4, codes).search(bothEars, 4)[0]?.row).toBe(3);
    // Without the codes and titles, the bilateral code is out of reach of the query's words.
    expect(searchIndexOf(otitis, 4).search(bothEars, 4)[0]?.row).not.toBe(3);
  });

  it('ranks the sided sibling above the unspecified side when the query names a side', () => {
    const unsided = otitis.filter((d) => d.source === 'title' || d.row === 0);
    const hits = searchIndexOf(unsided, 4, codes).search(`${mucosal}, left`, 4);
    expect(hits.map((h) => h.row).slice(0, 2)).toEqual([2, 0]);
  });

  it("ranks a header's code on the side asked above the header", () => {
    // C50.91- names no side: its codes do (right, left, unspecified female breast). `left` is
    // printed in thousands of codes, so it weighs little: eight codes of M79.6- stand for them.
    const site = 'Malignant neoplasm of unspecified site of';
    const breast = codesAsDocs([
      {
        title: 'Malignant neoplasm of breast of unspecified site, female',
        terms: ['Carcinoma, mammary, breast, female'],
      },
      { title: `${site} right female breast` },
      { title: `${site} left female breast` },
      { title: `${site} unspecified female breast` },
      ...['arm', 'leg', 'hand', 'foot', 'knee', 'hip', 'eye', 'ear'].map((part) => ({
        title: `Pain in left ${part}`,
      })),
    ]);
    const codesC = [
      'C5091',
      'C50911',
      'C50912',
      'C50919',
      ...Array.from({ length: 8 }, (_, k) => `M796${k}`),
    ];
    const query = 'Carcinoma, mammary, breast, female, left';
    expect(searchIndexOf(breast, 12, codesC, [0]).search(query, 4)[0]?.row).toBe(2);
    expect(searchIndexOf(breast, 12).search(query, 4)[0]?.row).toBe(0);
  });

  it("takes, of a header's codes on the side asked, the one naming the site its index term names", () => {
    // L03.11- names no side and two sites: its codes are the axilla, the upper and the lower limb
    // on each side. The index sends `leg` to `lower limb`; the upper limb's codes come first in
    // classification order.
    const limb = codesAsDocs([
      {
        title: 'Cellulitis of other parts of limb',
        terms: ['Cellulitis (diffuse), leg (see Cellulitis, lower limb)'],
      },
      ...['right axilla', 'left axilla', 'right upper limb', 'left upper limb', 'right lower limb'].map(
        (site) => ({ title: `Cellulitis of ${site}` }),
      ),
      { title: 'Cellulitis of left lower limb' },
    ]);
    const codesL = ['L0311', 'L03111', 'L03112', 'L03113', 'L03114', 'L03115', 'L03116'];
    expect(searchIndexOf(limb, 7, codesL, [0]).search('cellulitis of left leg', 1)[0]?.row).toBe(6);
  });

  it("finds the sibling whose title holds the query's last subterm when the others lack it", () => {
    // K08.13-: complete loss of teeth due to caries, by class; the class IV entry is missing.
    const caries = 'Absence, teeth, acquired (complete), due to, caries';
    const loss = 'Complete loss of teeth due to caries';
    const teeth = codesAsDocs([
      { title: `${loss}, unspecified class`, terms: [caries] },
      ...['I', 'II', 'III'].map((c) => ({ title: `${loss}, class ${c}`, terms: [`${caries}, class ${c}`] })),
      { title: `${loss}, class IV` },
    ]);
    const codesK = ['K08139', 'K08131', 'K08132', 'K08133', 'K08134'];
    const query = `${caries}, class IV`;
    const rank = (index: ReturnType<typeof searchIndexOf>) =>
      index.search(query, 3).findIndex((h) => h.row === 4);
    expect(rank(searchIndexOf(teeth, 5))).toBe(-1);
    expect(rank(searchIndexOf(teeth, 5, codesK))).toBe(0);
  });

  it("ranks the codes beside the query's parent entry's above others that match as well", () => {
    // `Widget, acute` with that entry missing: two titles hold both words; the parent entry
    // `Widget` gives Y20.9, so Y20.0 beside it ranks first, X10.0 before it in classification order.
    const docs = codesAsDocs([
      { title: 'Acute widget disorder' },
      { title: 'Acute widget disease' },
      { title: 'Chronic widget disease', terms: ['Widget, chronic'] },
      { title: 'Widget disease, unspecified', terms: ['Widget'] },
    ]);
    const codesW = ['X100', 'Y200', 'Y201', 'Y209'];
    expect(
      searchIndexOf(docs, 4)
        .search('Widget, acute', 2)
        .map((h) => h.row),
    ).toEqual([0, 1]);
    expect(
      searchIndexOf(docs, 4, codesW)
        .search('Widget, acute', 2)
        .map((h) => h.row),
    ).toEqual([1, 0]);
  });
});

describe('ICD-10-CM search: seventh characters', () => {
  // S72.90 and S72.91 with three of their encounters, as the order file titles them; the meanings are
  // the Tabular's sevenChrDef for category S72.
  const INITIAL = 'initial encounter for closed fracture';
  const SUBSEQUENT = 'subsequent encounter for closed fracture with routine healing';
  const codes = ['S7290', 'S7290XA', 'S7290XD', 'S7290XS', 'S7291XA', 'S7291XD', 'S7291XS'];
  const titles = [
    'Unspecified fracture of femur',
    `Unspecified fracture of unspecified femur, ${INITIAL}`,
    `Unspecified fracture of unspecified femur, ${SUBSEQUENT}`,
    'Unspecified fracture of unspecified femur, sequela',
    `Unspecified fracture of right femur, ${INITIAL}`,
    `Unspecified fracture of right femur, ${SUBSEQUENT}`,
    'Unspecified fracture of right femur, sequela',
  ];
  const docs: SearchDoc[] = titles.map((text, row) => ({ text, row, source: 'title' }));
  const seventh = new Map([
    [1, INITIAL],
    [2, SUBSEQUENT],
    [3, 'sequela'],
    [4, INITIAL],
    [5, SUBSEQUENT],
    [6, 'sequela'],
  ]);
  const index = searchIndexOf(docs, codes.length, codes, [0], seventh);

  it('does not count the encounter as words the query left out: the initial encounter first', () => {
    expect(index.search('fracture of femur', 1)[0]?.row).toBe(1);
    // Control: read as title words, the shortest extension, the sequela, ranks first.
    expect(searchIndexOf(docs, codes.length, codes, [0]).search('fracture of femur', 1)[0]?.row).toBe(3);
  });

  it("ranks the encounter the query names first, and lists the next code's first encounter before a second one", () => {
    expect(index.search('fracture of femur, sequela', 1)[0]?.row).toBe(3);
    // S72.91XA holds the extra word `right`; S72.90XD, the second of its code, ranks after it.
    const rows = index.search('fracture of femur', 7).map((h) => h.row);
    expect(rows.slice(0, 2)).toEqual([1, 4]);
    // Scored alike, S72.90's own encounters would come second and third.
    expect(rows.indexOf(2)).toBeGreaterThan(1);
  });
});

describe('ICD-10-CM search: a header of seventh-character codes', () => {
  // S61.412 needs its seventh character; the index prints `Laceration, hand, left` with the header.
  // S61.422A holds every query word in its title, with two words more.
  const codes = ['S61412', 'S61412A', 'S61412D', 'S61412S', 'S61422A'];
  const docs: SearchDoc[] = [
    { text: 'Laceration without foreign body of left hand', row: 0, source: 'title' },
    { text: 'Laceration, hand, left', row: 0, source: 'index_term' },
    { text: 'Laceration without foreign body of left hand, initial encounter', row: 1, source: 'title' },
    { text: 'Laceration without foreign body of left hand, subsequent encounter', row: 2, source: 'title' },
    { text: 'Laceration without foreign body of left hand, sequela', row: 3, source: 'title' },
    { text: 'Laceration with foreign body of left hand, initial encounter', row: 4, source: 'title' },
  ];
  const seventh = new Map([
    [1, 'initial encounter'],
    [2, 'subsequent encounter'],
    [3, 'sequela'],
    [4, 'initial encounter'],
  ]);

  it('stands for the code of it the query leads with: the initial encounter first, the header after it', () => {
    const rows = searchIndexOf(docs, 5, codes, [0], seventh)
      .search('laceration of left hand', 5)
      .map((h) => h.row);
    expect(rows[0]).toBe(1);
    expect(rows.indexOf(0)).toBeGreaterThan(0);
    // Control: without the seventh characters, the header's index term leads.
    expect(searchIndexOf(docs, 5, codes, [0]).search('laceration of left hand', 1)[0]?.row).toBe(0);
  });
});

describe("ICD-10-CM search: a fracture's encounter and default kind", () => {
  // `Fracture, radius, distal end` gives S52.509- (seventh character required); the thumb's distal
  // phalanx holds `distal`, `fracture` and, in its seventh character, `closed`.
  const codes = ['S52509', 'S52509A', 'S52509B', 'S52509P', 'S62523A'];
  const docs: SearchDoc[] = [
    { text: 'Unspecified fracture of the lower end of unspecified radius', row: 0, source: 'title' },
    { text: 'Fracture, radius, distal end', row: 0, source: 'index_term' },
    {
      text: 'Unspecified fracture of the lower end of unspecified radius, initial encounter for closed fracture',
      row: 1,
      source: 'title',
    },
    {
      text: 'Unspecified fracture of the lower end of unspecified radius, initial encounter for open fracture type I or II',
      row: 2,
      source: 'title',
    },
    {
      text: 'Unspecified fracture of the lower end of unspecified radius, subsequent encounter for closed fracture with malunion',
      row: 3,
      source: 'title',
    },
    {
      text: 'Displaced fracture of distal phalanx of unspecified thumb, initial encounter for closed fracture',
      row: 4,
      source: 'title',
    },
  ];
  const seventh = new Map([
    [1, 'initial encounter for closed fracture'],
    [2, 'initial encounter for open fracture type I or II'],
    [3, 'subsequent encounter for closed fracture with malunion'],
    [4, 'initial encounter for closed fracture'],
  ]);
  const index = searchIndexOf(docs, 5, codes, [0], seventh);
  const first = (query: string) => index.search(query, 5)[0]?.row;

  it("stands for the code whose seventh character's meaning the query names", () => {
    expect(first('fracture of distal radius')).toBe(1);
    expect(first('open fracture of distal radius')).toBe(2);
    expect(first('fracture of distal radius with malunion')).toBe(3);
    // The meaning is read even where the query's words reach none of the codes: here their titles
    // hold the header's words alone, and every code scores alike.
    const unreached = searchIndexOf(
      docs.map((d) => (d.row >= 1 && d.row <= 3 ? { ...d, text: docs[0]!.text } : d)),
      5,
      codes,
      [0],
      seventh,
    );
    expect(unreached.search('open fracture of distal radius', 5)[0]?.row).toBe(2);
    expect(unreached.search('fracture of distal radius with malunion', 5)[0]?.row).toBe(3);
  });

  it('reads `closed` and `displaced` as the default a fracture is coded to', () => {
    expect(first('closed fracture of distal radius')).toBe(1);
    expect(withFractureDefaults(queryParts('closed displaced fracture of radius'))).toEqual({
      essential: ['fractur', 'radius'],
      optional: ['clos', 'displac'],
    });
    // Not when the query names the other kind too, or no fracture.
    expect(withFractureDefaults(queryParts('closed or open fracture')).essential).toContain('clos');
    expect(withFractureDefaults(queryParts('closed head injury')).essential).toContain('clos');
  });
});

describe('ICD-10-CM search: the entry of the query whose code takes a seventh character', () => {
  // `Fracture, (traumatic,) ankle` gives S82.899 (`Other fracture of unspecified lower leg`), which
  // takes a seventh character; each side's code has its sixteen between them; a stress fracture's
  // title holds both query words and one more.
  const SEVENTH = 'ABCDEFGHJKMNPQRS';
  const meaning = (ch: string) => (ch === 'A' ? 'initial encounter for closed fracture' : `encounter ${ch}`);
  const codes: string[] = [];
  const docs: SearchDoc[] = [];
  const seventh = new Map<number, string>();
  const headers: number[] = [];
  for (const [code, leg] of [
    ['S82891', 'right lower leg'],
    ['S82892', 'left lower leg'],
    ['S82899', 'unspecified lower leg'],
  ] as const) {
    headers.push(codes.length);
    docs.push({ text: `Other fracture of ${leg}`, row: codes.length, source: 'title' });
    if (code === 'S82899') docs.push({ text: 'Fracture, ankle', row: codes.length, source: 'index_term' });
    codes.push(code);
    for (const ch of SEVENTH) {
      seventh.set(codes.length, meaning(ch));
      docs.push({ text: `Other fracture of ${leg}, ${meaning(ch)}`, row: codes.length, source: 'title' });
      codes.push(`${code}${ch}`);
    }
  }
  const stress = codes.length;
  codes.push('M84373A', 'M84371A');
  seventh.set(stress, 'initial encounter for fracture').set(stress + 1, 'initial encounter for fracture');
  docs.push(
    {
      text: 'Stress fracture, unspecified ankle, initial encounter for fracture',
      row: stress,
      source: 'title',
    },
    {
      text: 'Stress fracture, right ankle, initial encounter for fracture',
      row: stress + 1,
      source: 'title',
    },
  );
  const index = searchIndexOf(docs, codes.length, codes, headers, seventh);
  const first = (query: string) => codes[index.search(query, 5)[0]!.row];

  it("ranks the header's initial encounter as the entry, above a title of one word more", () => {
    expect(first('fracture of ankle')).toBe('S82899A');
    expect(first('ankle fracture')).toBe('S82899A');
  });

  it('finds the side asked for past the other sides and their seventh characters', () => {
    expect(first('fracture of right ankle')).toBe('S82891A');
    expect(first('fracture of left ankle')).toBe('S82892A');
  });
});

describe("ICD-10-CM search: the lead of a code's encounters", () => {
  it('is the first encounter when the query names none, whatever the short titles abbreviate', () => {
    // S61.328A and S61.328S as the order file titles them: the sequela's short title abbreviates
    // `foreign body` to `fb`, one word fewer, which alone made it the best-scored of the two.
    const docs: SearchDoc[] = [
      {
        text: 'Laceration with foreign body of other finger with damage to nail, initial encounter',
        row: 0,
        source: 'title',
      },
      { text: 'Laceration w foreign body of finger w damage to nail, init', row: 0, source: 'short_title' },
      {
        text: 'Laceration with foreign body of other finger with damage to nail, sequela',
        row: 1,
        source: 'title',
      },
      { text: 'Laceration w fb of finger w damage to nail, sequela', row: 1, source: 'short_title' },
    ];
    const seventh = new Map([
      [0, 'initial encounter'],
      [1, 'sequela'],
    ]);
    const index = searchIndexOf(docs, 2, ['S61328A', 'S61328S'], [], seventh);
    expect(index.search('laceration of finger', 2).map((h) => h.row)).toEqual([0, 1]);
    expect(index.search('laceration of finger, sequela', 1)[0]?.row).toBe(1);
  });
});

describe('ICD-10-CM search: index terms scored alike', () => {
  it('rank the entry above its `specified NEC` subterm when the entry prints a longer cross-reference', () => {
    // `Cholelithiasis … (see Calculus, gallbladder)` K80.20 and `Cholelithiasis …, specified NEC`
    // K80.80 score alike; the cross-reference makes the entry's text the longer.
    const docs: SearchDoc[] = [
      {
        text: 'Cholelithiasis (cystic duct) (gallbladder) (impacted) (multiple), specified NEC',
        row: 0,
        source: 'index_term',
      },
      {
        text: 'Cholelithiasis (cystic duct) (gallbladder) (impacted) (multiple) (see Calculus, gallbladder)',
        row: 1,
        source: 'index_term',
      },
    ];
    expect(rankedRows(docs, 2, 'cholelithiasis')).toEqual([1, 0]);
    // A query asking for the other kind keeps the shorter text first.
    expect(rankedRows(docs, 2, 'other cholelithiasis')).toEqual([0, 1]);
  });

  it('rank the entry the query names above its own `specified NEC` subterm, which holds no other query word', () => {
    // `Disease, vascular` → I99.9 and `Disease, vascular, specified NEC` → I99.8: `specified` and NEC
    // add no essential word, so both score alike; the entry printed with fewer words is the one the
    // query names, and its code is the default (Official Guidelines FY2026, I.A.18).
    const docs: SearchDoc[] = [
      { text: 'Disease, diseased, vascular, specified NEC', row: 0, source: 'index_term' },
      { text: 'Disease, diseased, vascular', row: 1, source: 'index_term' },
    ];
    expect(rankedRows(docs, 2, 'Disease, vascular')).toEqual([1, 0]);
  });

  it('rank the etiology before the manifestation code one index term prints in brackets beside it', () => {
    // `Disease, Alzheimer's G30.9 [F02.80]`: F02.80 comes first in classification order, but the
    // etiology is sequenced first (Official Guidelines FY2026, I.A.13).
    const docs: SearchDoc[] = [
      { text: "Disease, diseased, Alzheimer's", row: 0, source: 'index_term', manifestation: true },
      { text: "Disease, diseased, Alzheimer's", row: 1, source: 'index_term' },
    ];
    expect(rankedRows(docs, 2, "Alzheimer's disease")).toEqual([1, 0]);
    // An order among equals: the manifestation's index term scores as the etiology's.
    const [first, second] = searchIndexOf(docs, 2).search("Alzheimer's disease", 2);
    expect(first?.score).toBe(second?.score);
    // Without the mark, classification order decides.
    expect(
      rankedRows(
        docs.map(({ manifestation: _, ...d }) => d),
        2,
        "Alzheimer's disease",
      ),
    ).toEqual([0, 1]);
  });

  it("count a term's own words the query leaves out as extra when it holds a query word only as a modifier", () => {
    // `Cyst, multilocular (ovary)` holds `ovary` only as a nonessential modifier (Official
    // Guidelines FY2026, I.A.7): `multilocular`, its own word, is one the query leaves out.
    const docs: SearchDoc[] = [
      { text: 'Cyst, multilocular (ovary)', row: 0, source: 'index_term' },
      { text: 'Cyst, ovary, ovarian (twisted)', row: 1, source: 'index_term' },
    ];
    expect(rankedRows(docs, 2, 'ovarian cyst')).toEqual([1, 0]);
    // The forms of one word are one word: `Infection, infected, infective` names the infection once.
    const infection: SearchDoc[] = [
      {
        text: 'Infection, infected, infective (opportunistic), urinary (tract)',
        row: 0,
        source: 'index_term',
      },
      {
        text: 'Infection, infected, infective (opportunistic), bladder (tract)',
        row: 1,
        source: 'index_term',
      },
    ];
    expect(searchIndexOf(infection, 2).search('urinary tract infection', 1)[0]?.row).toBe(0);
  });

  it('rank the term printing more query words as its own first, and do not let its cross-reference speak for it', () => {
    // `Failure, heart (acute)`: `acute` is a nonessential modifier of every heart-failure subterm
    // (Official Guidelines FY2026, I.A.7), so `…, systolic, chronic` (I50.22) holds every word of
    // `acute on chronic systolic heart failure` too; `…, systolic, acute, and (on) chronic` (I50.23)
    // prints them all. `…, end stage (see …, systolic, chronic)` prints `end stage`, which the query
    // leaves out, and holds `systolic` and `chronic` only in its cross-reference.
    const heart = 'Failure, failed, heart (acute) (senile) (sudden)';
    const docs: SearchDoc[] = [
      {
        text: `${heart}, end stage (see Failure, heart, by type as diastolic or systolic, chronic)`,
        row: 0,
        source: 'index_term',
      },
      { text: `${heart}, systolic (congestive), chronic (congestive)`, row: 1, source: 'index_term' },
      {
        text: `${heart}, systolic (congestive), acute (congestive), and (on) chronic (congestive)`,
        row: 2,
        source: 'index_term',
      },
    ];
    expect(rankedRows(docs, 3, 'acute on chronic systolic heart failure')).toEqual([2, 1, 0]);
    // `end stage` counts as words left out: the end-stage term scores below, not only after.
    const hits = searchIndexOf(docs, 3).search('acute on chronic systolic heart failure', 3);
    expect(hits[2]!.score).toBeLessThan(hits[1]!.score);
  });
});

describe('ICD-10-CM search: a leading header of other codes', () => {
  // H66.9 `Otitis media, unspecified` is a header; the index's `Infection, ear` gives it.
  const codes = ['H669', 'H6690', 'H6691', 'H6692'];
  const docs: SearchDoc[] = [
    { text: 'Otitis media, unspecified', row: 0, source: 'title' },
    { text: 'Infection, infected, infective, ear (see Otitis media)', row: 0, source: 'index_term' },
    { text: 'Otitis media, unspecified, unspecified ear', row: 1, source: 'title' },
    { text: 'Otitis media, unspecified, right ear', row: 2, source: 'title' },
    { text: 'Otitis media, unspecified, left ear', row: 3, source: 'title' },
  ];
  const index = searchIndexOf(docs, 4, codes, [0]);

  it("stands for its code that leaves the added axis unspecified, shown through the header's term", () => {
    const hits = index.search('ear infection', 4);
    expect(hits.map((h) => h.row).slice(0, 2)).toEqual([1, 0]);
    expect(hits[0]?.matched).toBe(docs[1]!.text);
    // Control: without the codes' titles, the header leads.
    expect(searchIndexOf(docs, 4).search('ear infection', 1)[0]?.row).toBe(0);
  });

  it('gives the side asked, not the unspecified side, to a query that names one', () => {
    expect(index.search('left ear infection', 1)[0]?.row).toBe(3);
  });

  it('is read down to a billable code, through a header of seventh-character codes', () => {
    // S72.00 → S72.009 `… of unspecified femur` (a header of encounters) → S72.009A.
    const fracture = ['S7200', 'S72001', 'S72001A', 'S72009', 'S72009A'];
    const hip: SearchDoc[] = [
      { text: 'Fracture of unspecified part of neck of femur', row: 0, source: 'title' },
      { text: 'Broken, hip (see Fracture, femur, neck)', row: 0, source: 'index_term' },
      { text: 'Fracture of unspecified part of neck of right femur', row: 1, source: 'title' },
      {
        text: 'Fracture of unspecified part of neck of right femur, initial encounter',
        row: 2,
        source: 'title',
      },
      { text: 'Fracture of unspecified part of neck of unspecified femur', row: 3, source: 'title' },
      {
        text: 'Fracture of unspecified part of neck of unspecified femur, initial encounter',
        row: 4,
        source: 'title',
      },
    ];
    const seventh = new Map([
      [2, 'initial encounter'],
      [4, 'initial encounter'],
    ]);
    expect(searchIndexOf(hip, 5, fracture, [0, 1, 3], seventh).search('broken hip', 1)[0]?.row).toBe(4);
  });

  it('stands for no code when two of its codes leave an axis unspecified', () => {
    const two: SearchDoc[] = [
      ...docs.slice(0, 3),
      { text: 'Otitis media, unspecified, unspecified ear, unspecified type', row: 3, source: 'title' },
    ];
    expect(searchIndexOf(two, 4, codes, [0]).search('ear infection', 1)[0]?.row).toBe(0);
  });
});

describe('ICD-10-CM search: titles of other kinds', () => {
  // J45.998 `Other asthma` and J45.909, whose inclusion term is `Asthma NOS`.
  const codes = ['J45909', 'J45998'];
  const docs: SearchDoc[] = [
    { text: 'Unspecified asthma, uncomplicated', row: 0, source: 'title' },
    { text: 'Asthma NOS', row: 0, source: 'inclusion_term' },
    { text: 'Other asthma', row: 1, source: 'title' },
  ];
  const index = searchIndexOf(docs, 2, codes);

  it("count the title's `Other` as a word the query leaves out, unless the query asks for another kind", () => {
    expect(index.search('asthma', 2).map((h) => h.row)).toEqual([0, 1]);
    expect(index.search('other asthma', 1)[0]?.row).toBe(1);
    expect(index.search('asthma NEC', 1)[0]?.row).toBe(1);
    // Control: without the titles to read, `Other asthma` holds the one query word and nothing else.
    expect(searchIndexOf(docs, 2).search('asthma', 1)[0]?.row).toBe(1);
  });

  it('read an `Other …` code that includes the condition NOS as its default', () => {
    // R53.83 `Other fatigue` includes `Fatigue NOS`; R53.82 `Chronic fatigue, unspecified`.
    const fatigue: SearchDoc[] = [
      { text: 'Chronic fatigue, unspecified', row: 0, source: 'title' },
      { text: 'Other fatigue', row: 1, source: 'title' },
      { text: 'Fatigue NOS', row: 1, source: 'inclusion_term' },
    ];
    expect(searchIndexOf(fatigue, 2, ['R5382', 'R5383']).search('fatigue', 1)[0]?.row).toBe(1);
    // Without the inclusion term, `Other fatigue` is a residual kind like any other.
    expect(searchIndexOf(fatigue.slice(0, 2), 2, ['R5382', 'R5383']).search('fatigue', 1)[0]?.row).toBe(0);
  });

  it('read an inclusion term that begins `Other` as another kind, NOS or not', () => {
    // G40.802 includes `Other epilepsy NOS`; G40.909 `Epilepsy NOS`. Both hold the one query word.
    const epilepsy: SearchDoc[] = [
      { text: 'Other epilepsy, not intractable, without status epilepticus', row: 0, source: 'title' },
      { text: 'Other epilepsy NOS', row: 0, source: 'inclusion_term' },
      { text: 'Epilepsy, unspecified, not intractable, without status epilepticus', row: 1, source: 'title' },
      { text: 'Epilepsy NOS', row: 1, source: 'inclusion_term' },
    ];
    const codes = ['G40802', 'G40909'];
    expect(searchIndexOf(epilepsy, 2, codes).search('epilepsy', 1)[0]?.row).toBe(1);
    expect(searchIndexOf(epilepsy, 2, codes).search('other epilepsy', 1)[0]?.row).toBe(0);
    // Control: without the titles to read, the two inclusion terms tie and the first code leads.
    expect(searchIndexOf(epilepsy, 2).search('epilepsy', 1)[0]?.row).toBe(0);
  });

  it('read `other` further in a title as another kind, but not `and other`', () => {
    // Z30.8 `Encounter for other contraceptive management`; Z30.9 `…, unspecified`.
    const contraceptive: SearchDoc[] = [
      { text: 'Encounter for other contraceptive management', row: 0, source: 'title' },
      { text: 'Encounter for contraceptive management, unspecified', row: 1, source: 'title' },
    ];
    const codes = ['Z308', 'Z309'];
    expect(
      searchIndexOf(contraceptive, 2, codes).search('encounter for contraceptive management', 1)[0]?.row,
    ).toBe(1);
    // Control: `and other` names kinds beside the one before it, and is not lowered.
    const beside: SearchDoc[] = [
      { text: 'Encounter for contraceptive and other management', row: 0, source: 'title' },
      { text: 'Encounter for contraceptive management, unspecified', row: 1, source: 'title' },
    ];
    expect(searchIndexOf(beside, 2, codes).search('encounter for contraceptive management', 1)[0]?.row).toBe(
      0,
    );
  });

  it('read `Other and unspecified` as the unspecified code it also is', () => {
    const both: SearchDoc[] = [
      { text: 'Other and unspecified asthma', row: 0, source: 'title' },
      { text: 'Asthma, specified type', row: 1, source: 'title' },
    ];
    expect(searchIndexOf(both, 2, codes).search('asthma', 1)[0]?.row).toBe(0);
  });
});

describe("ICD-10-CM search: a history is the patient's own unless the query names the family", () => {
  // Z82.3 `Family history of stroke` and Z86.73, as the index prints them under `History`.
  const codes = ['Z823', 'Z8673'];
  const docs: SearchDoc[] = [
    { text: 'Family history of stroke', row: 0, source: 'title' },
    { text: 'History, family (of), stroke (cerebrovascular)', row: 0, source: 'index_term' },
    {
      text: 'Personal history of transient ischemic attack (TIA), and cerebral infarction without residual deficits',
      row: 1,
      source: 'title',
    },
    { text: 'History, personal (of), stroke without residual deficits', row: 1, source: 'index_term' },
  ];
  const index = searchIndexOf(docs, 2, codes);

  it('ranks the personal history first for a history without a family member', () => {
    expect(index.search('history of stroke', 2).map((h) => h.row)).toEqual([1, 0]);
    expect(index.search('family history of stroke', 1)[0]?.row).toBe(0);
    // Control: without the titles to read, the shorter `History, family` entry leads.
    expect(searchIndexOf(docs, 2).search('history of stroke', 1)[0]?.row).toBe(0);
  });

  it('leaves a query without a history alone', () => {
    const cancer: SearchDoc[] = [
      { text: 'Family history of malignant neoplasm of breast', row: 0, source: 'title' },
      { text: 'Malignant neoplasm of breast', row: 1, source: 'title' },
    ];
    const scores = (i: ReturnType<typeof searchIndexOf>) =>
      i.search('neoplasm of breast', 2).map((h) => h.score);
    expect(scores(searchIndexOf(cancer, 2, ['Z803', 'C509']))).toEqual(scores(searchIndexOf(cancer, 2)));
  });
});

describe('ICD-10-CM search: a side the query leaves open', () => {
  // H93.13 `Tinnitus, bilateral` and H93.19 `Tinnitus, unspecified ear`, scored alike for `tinnitus`.
  const docs: SearchDoc[] = [
    { text: 'Tinnitus, bilateral', row: 0, source: 'title' },
    { text: 'Tinnitus, unspecified ear', row: 1, source: 'title' },
  ];
  const index = searchIndexOf(docs, 2);

  it('ranks the unspecified side first among codes scored alike, and the side asked for when named', () => {
    expect(index.search('tinnitus', 2).map((h) => h.row)).toEqual([1, 0]);
    expect(index.search('tinnitus, bilateral', 1)[0]?.row).toBe(0);
  });
});

describe('ICD-10-CM search: a word written closed up that the classification hyphenates', () => {
  const docs: SearchDoc[] = [
    { text: 'Unspecified pre-eclampsia, unspecified trimester', row: 0, source: 'title' },
    { text: 'Eclampsia', row: 1, source: 'title' },
    { text: 'Pre-existing hypertension with pre-eclampsia', row: 2, source: 'title' },
  ];
  const index = searchIndexOf(docs, 3);

  it('reads it as printed (preeclampsia as pre-eclampsia), and leaves a word the documents hold alone', () => {
    expect(index.search('preeclampsia', 3)).toEqual(index.search('pre-eclampsia', 3));
    expect(index.search('preeclampsia', 1)[0]?.row).toBe(0);
    expect(index.search('Preexisting hypertension', 1)[0]?.row).toBe(2);
    // `eclampsia` is held: no prefix is split off it.
    expect(index.search('eclampsia', 1)[0]?.row).toBe(1);
  });
});

describe('ICD-10-CM search: an index entry of the query alone whose code is a header', () => {
  // `Loss (of), hearing` gives H91.9- (H91.90 `Unspecified hearing loss, unspecified ear`), and its
  // subterm `…, conductive` gives H90.2: the entry the query names is answered by the header's code
  // for the side left unsaid, though the header itself ranks below billable codes.
  const codes = ['H902', 'H919', 'H9190', 'H9193'];
  const docs: SearchDoc[] = [
    { text: 'Conductive hearing loss, unspecified', row: 0, source: 'title' },
    { text: 'Loss (of), hearing, conductive', row: 0, source: 'index_term' },
    { text: 'Unspecified hearing loss', row: 1, source: 'title' },
    { text: 'Loss (of), hearing (see Deafness)', row: 1, source: 'index_term' },
    { text: 'Unspecified hearing loss, unspecified ear', row: 2, source: 'title' },
    { text: 'Unspecified hearing loss, bilateral', row: 3, source: 'title' },
  ];

  it('ranks the completed code first, whatever the limit', () => {
    const index = searchIndexOf(docs, 4, codes, [1]);
    expect(index.search('hearing loss', 1)[0]?.row).toBe(2);
    expect(index.search('hearing loss', 4)[0]?.row).toBe(2);
    expect(index.search('Loss, hearing', 4)[0]?.row).toBe(2);
    // A subterm's words are more than the entry's: the subterm's own code answers them.
    expect(index.search('conductive hearing loss', 1)[0]?.row).toBe(0);
  });

  it('leaves a billable entry as printed, and needs the entry', () => {
    // The same entry giving a billable code is already ranked as printed.
    const billable = searchIndexOf(docs, 4, codes);
    expect(billable.search('hearing loss', 1)[0]?.row).toBe(1);
    // Control: without the entry, the subterm's code leads.
    const withoutEntry = searchIndexOf(
      docs.filter((d) => d.text !== 'Loss (of), hearing (see Deafness)'),
      4,
      codes,
      [1],
    );
    expect(withoutEntry.search('hearing loss', 1)[0]?.row).not.toBe(2);
  });
});

describe('ICD-10-CM search: the entry of the query alone, wherever it ranks', () => {
  // `Fracture, traumatic` gives T14.8- (seventh character required) and `Fracture (circumstances
  // unknown or unspecified)`, in the External Cause Index, X58.-; every `Fracture of …, initial
  // encounter for closed fracture` title holds the query word twice and outscores either header.
  // Nearly every fracture entry (3,764 of 4,209) is filed under `Fracture, traumatic`: its word is
  // the main term's default kind, which the entry holds beyond the query without counting it.
  const codes = ['T148', 'T148XXA', 'X58', 'X58XXXA'];
  const seventh = new Map([
    [1, 'initial encounter'],
    [3, 'initial encounter'],
  ]);
  const docs: SearchDoc[] = [
    { text: 'Other injury of unspecified body region', row: 0, source: 'title' },
    { text: 'Fracture, traumatic (abduction) (adduction) (separation)', row: 0, source: 'index_term' },
    { text: 'Other injury of unspecified body region, initial encounter', row: 1, source: 'title' },
    { text: 'Exposure to other specified factors', row: 2, source: 'title' },
    { text: 'Fracture (circumstances unknown or unspecified)', row: 2, source: 'index_term' },
    { text: 'Exposure to other specified factors, initial encounter', row: 3, source: 'title' },
  ];
  const site = (i: number) =>
    `site${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
  for (let i = 0; i < 40; i++) {
    seventh.set(codes.length, 'initial encounter for closed fracture');
    docs.push({
      text: `Fracture of ${site(i)}, initial encounter for closed fracture`,
      row: codes.length,
      source: 'title',
    });
    codes.push(`S02${String(i).padStart(2, '0')}XA`);
  }
  for (let i = 0; i < 100; i++)
    docs.push({
      text: `Fracture, ${i < 90 ? 'traumatic' : 'pathological'}, ${site(i)}`,
      row: 4 + (i % 40),
      source: 'index_term',
    });
  const index = searchIndexOf(docs, codes.length, codes, [0, 2], seventh);
  const ranked = (query: string, limit: number) => index.search(query, limit).map((h) => codes[h.row]);

  it("ranks the entry's code first at any limit, the External Cause Index's after the Alphabetic Index's", () => {
    for (const limit of [1, 5, 10, 40]) expect(ranked('fracture', limit)[0]).toBe('T148XXA');
    expect(ranked('fracture', 5).slice(0, 2)).toEqual(['T148XXA', 'X58XXXA']);
    // Control: without the Alphabetic Index's entry, the External Cause Index's is the entry.
    const external = searchIndexOf(
      docs.filter((d) => !d.text.startsWith('Fracture, traumatic')),
      codes.length,
      codes,
      [0, 2],
      seventh,
    );
    expect(codes[external.search('fracture', 5)[0]!.row]).toBe('X58XXXA');
  });
});

describe('ICD-10-CM search: an entry whose header has no default code', () => {
  // `Blindness (acquired) (congenital) (both eyes)` gives H54.0X-, whose codes each name a category
  // for each eye; the entry's subterms (`…, day`) hold the query word and one word more.
  const codes = ['H540X', 'H540X33', 'H540X34', 'H5311', 'H5316'];
  const docs: SearchDoc[] = [
    { text: 'Blindness, both eyes, different category levels', row: 0, source: 'title' },
    { text: 'Blindness (acquired) (congenital) (both eyes)', row: 0, source: 'index_term' },
    { text: 'Blindness right eye category 3, blindness left eye category 3', row: 1, source: 'title' },
    { text: 'Blindness right eye category 3, blindness left eye category 4', row: 2, source: 'title' },
    { text: 'Day blindness', row: 3, source: 'title' },
    { text: 'Blindness (acquired) (congenital) (both eyes), day', row: 3, source: 'index_term' },
    { text: 'Facial blindness', row: 4, source: 'title' },
    { text: 'Blindness (acquired) (congenital) (both eyes), face', row: 4, source: 'index_term' },
  ];

  it('ranks the header itself as the entry, above its subterms', () => {
    const index = searchIndexOf(docs, codes.length, codes, [0]);
    expect(codes[index.search('blindness', 5)[0]!.row]).toBe('H540X');
    // A subterm's words are more than the entry's: its own code answers them.
    expect(codes[index.search('day blindness', 5)[0]!.row]).toBe('H5311');
  });
});

describe("ICD-10-CM search: a main term's forms in the entry of the query", () => {
  // `Confusion, confused` gives R41.0; `Confusional arousals` (G47.51) holds the query word and
  // one word more, as the entry holds `confused`, a form of the same word.
  const docs: SearchDoc[] = [
    { text: 'Altered mental status, unspecified', row: 0, source: 'title' },
    { text: 'Confusion, confused', row: 0, source: 'index_term' },
    { text: 'Confusional arousals', row: 1, source: 'title' },
    { text: 'Confusional arousals', row: 1, source: 'index_term' },
    { text: 'Confusion, confused, epileptic', row: 2, source: 'index_term' },
  ];

  it("ranks the entry first: the main term's forms are one word", () => {
    expect(rankedRows(docs, 3, 'confusion')).toEqual([0, 1, 2]);
    // A subterm's word asked too: the subterm's code.
    expect(rankedRows(docs, 3, 'epileptic confusion')[0]).toBe(2);
  });
});

describe("ICD-10-CM search: a header's unspecified code among several, and its only code", () => {
  it('completes a fracture as displaced, the default, when both kinds name an unspecified foot', () => {
    // `Fracture, metatarsal, fifth` gives S92.35-: its displaced and nondisplaced codes each add an
    // unspecified foot; the right foot's title holds every query word too.
    const codes = ['S9235', 'S92351', 'S92353', 'S92356'];
    const docs: SearchDoc[] = [
      { text: 'Fracture of fifth metatarsal bone', row: 0, source: 'title' },
      { text: 'Fracture, metatarsal, fifth', row: 0, source: 'index_term' },
      { text: 'Displaced fracture of fifth metatarsal bone, right foot', row: 1, source: 'title' },
      { text: 'Displaced fracture of fifth metatarsal bone, unspecified foot', row: 2, source: 'title' },
      { text: 'Nondisplaced fracture of fifth metatarsal bone, unspecified foot', row: 3, source: 'title' },
    ];
    const index = searchIndexOf(docs, 4, codes, [0]);
    expect(index.search('fracture of fifth metatarsal', 4)[0]?.row).toBe(2);
  });

  it('completes a header through its only code', () => {
    // S06.9 holds only S06.9X (the placeholder), whose codes say how consciousness was lost.
    const codes = ['S069', 'S069X', 'S069X0', 'S069X9', 'S0689'];
    const docs: SearchDoc[] = [
      { text: 'Unspecified intracranial injury', row: 0, source: 'title' },
      { text: 'Injury, intracranial', row: 0, source: 'index_term' },
      { text: 'Unspecified intracranial injury', row: 1, source: 'title' },
      { text: 'Unspecified intracranial injury without loss of consciousness', row: 2, source: 'title' },
      {
        text: 'Unspecified intracranial injury with loss of consciousness of unspecified duration',
        row: 3,
        source: 'title',
      },
      { text: 'Other specified intracranial injury', row: 4, source: 'title' },
    ];
    const index = searchIndexOf(docs, 5, codes, [0, 1]);
    expect(index.search('intracranial injury', 5)[0]?.row).toBe(3);
  });
});

describe('ICD-10-CM search: headers scored alike at the top', () => {
  it('show a code valid on a claim first, each leading header standing for its code in turn', () => {
    // `Bite (s) (animal) (human), lip` gives S01.551 (seventh character required), `…, hip` S71.05-:
    // scored alike. The first gives way to S01.551A, scored as it was; the second then leads.
    const codes = ['S01551', 'S01551A', 'S7105', 'S71051', 'S71059'];
    const docs: SearchDoc[] = [
      { text: 'Open bite of lip', row: 0, source: 'title' },
      { text: 'Bite (animal) (human), lip', row: 0, source: 'index_term' },
      { text: 'Open bite of lip, initial encounter', row: 1, source: 'title' },
      { text: 'Open bite of hip', row: 2, source: 'title' },
      { text: 'Bite (animal) (human), hip', row: 2, source: 'index_term' },
      { text: 'Open bite, right hip', row: 3, source: 'title' },
      { text: 'Open bite, unspecified hip', row: 4, source: 'title' },
    ];
    const index = searchIndexOf(docs, 5, codes, [0, 2], new Map([[1, 'initial encounter']]));
    expect([0, 2]).not.toContain(index.search('animal bite', 5)[0]?.row);
    // At any limit.
    expect([0, 2]).not.toContain(index.search('animal bite', 1)[0]?.row);
  });
});

describe('ICD-10-CM search: the entry of the query but for the side, whose code is a header', () => {
  // `Fracture, hip` gives S72.00- (neck of femur), whose codes carry the side; the periprosthetic
  // fracture's title names the right hip, every query word.
  const codes = ['S7200', 'S72001', 'S72002', 'S72009', 'M9701'];
  const docs: SearchDoc[] = [
    { text: 'Fracture of unspecified part of neck of femur', row: 0, source: 'title' },
    { text: 'Fracture, hip (see Fracture, femur, neck)', row: 0, source: 'index_term' },
    { text: 'Fracture of unspecified part of neck of right femur', row: 1, source: 'title' },
    { text: 'Fracture of unspecified part of neck of left femur', row: 2, source: 'title' },
    { text: 'Fracture of unspecified part of neck of unspecified femur', row: 3, source: 'title' },
    { text: 'Periprosthetic fracture around internal prosthetic right hip joint', row: 4, source: 'title' },
  ];
  const index = searchIndexOf(docs, 5, codes, [0]);

  it("ranks the header's code on the asked side first, and its unspecified side when none is asked", () => {
    expect(index.search('fracture of right hip', 1)[0]?.row).toBe(1);
    expect(index.search('fracture of left hip', 5)[0]?.row).toBe(2);
    expect(index.search('hip fracture', 1)[0]?.row).toBe(3);
    // Control: without the entry, the title naming every query word leads.
    const withoutEntry = searchIndexOf(
      docs.filter((d) => d.source !== 'index_term'),
      5,
      codes,
      [0],
    );
    expect(withoutEntry.search('fracture of right hip', 1)[0]?.row).toBe(4);
  });
});

describe("ICD-10-CM search: a header whose codes split by the patient's sex", () => {
  // `Carcinoma, breast` gives C50.9- through the Neoplasm Table; its codes are C50.91 (female) and
  // C50.92 (male), neither unspecified, and the Merkel cell carcinoma of the skin of the breast names
  // both query words in a billable code.
  const codes = ['C4A52', 'C509', 'C5091', 'C50911', 'C50919', 'C5092', 'C50921', 'C50929'];
  const docs: SearchDoc[] = [
    { text: 'Merkel cell carcinoma of skin of breast', row: 0, source: 'title' },
    { text: 'Carcinoma (malignant), Merkel cell, skin of breast', row: 0, source: 'index_term' },
    { text: 'Malignant neoplasm of breast of unspecified site', row: 1, source: 'title' },
    { text: 'Carcinoma (malignant), breast (connective tissue)', row: 1, source: 'index_term' },
    { text: 'Malignant neoplasm of breast of unspecified site, female', row: 2, source: 'title' },
    { text: 'Malignant neoplasm of unspecified site of right female breast', row: 3, source: 'title' },
    { text: 'Malignant neoplasm of unspecified site of unspecified female breast', row: 4, source: 'title' },
    { text: 'Malignant neoplasm of breast of unspecified site, male', row: 5, source: 'title' },
    { text: 'Malignant neoplasm of unspecified site of right male breast', row: 6, source: 'title' },
    { text: 'Malignant neoplasm of unspecified site of unspecified male breast', row: 7, source: 'title' },
  ];
  const index = searchIndexOf(docs, 8, codes, [1, 2, 5]);

  it("ranks the Tabular's first code of the split first, completed, and on the side asked", () => {
    expect(index.search('carcinoma of breast', 1)[0]?.row).toBe(4);
    expect(index.search('carcinoma of breast', 8)[0]?.row).toBe(4);
    expect(index.search('carcinoma of right breast', 1)[0]?.row).toBe(3);
  });

  it('follows the sex the query names past an entry that gives the other', () => {
    // The index gives `Cancer, breast` as C50.91- (female): `male breast cancer` asks for C50.92-.
    const withCancer = searchIndexOf(
      [...docs, { text: 'Cancer, breast', row: 2, source: 'index_term' }],
      8,
      codes,
      [1, 2, 5],
    );
    expect(withCancer.search('breast cancer', 1)[0]?.row).toBe(4);
    expect(withCancer.search('male breast cancer', 1)[0]?.row).toBe(7);
  });

  it('needs codes that differ by the sex alone', () => {
    // Control: with a third code under the header, it does not split by sex, and no code stands in
    // for it: the header leads as the index prints it.
    const third = searchIndexOf(
      [...docs, { text: 'Malignant neoplasm of breast of unspecified site, other', row: 8, source: 'title' }],
      9,
      [...codes, 'C5093'],
      [1, 2, 5],
    );
    expect(third.search('carcinoma of breast', 1)[0]?.row).toBe(1);
  });
});

describe("ICD-10-CM search: a main term's default kind", () => {
  // The index files 3,764 of its 4,209 fracture entries under `Fracture, traumatic`: its word is the
  // main term's default kind, not a word the entry holds beyond a query that names no kind.
  const sites = Array.from(
    { length: 100 },
    (_, i) => `site${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
  );
  /** `Fracture, traumatic, <site>` for the first `traumatic` sites, `Fracture, pathological, …` after. */
  const entries = (traumatic: number, first = 'Fracture, traumatic, siteaa'): SearchDoc[] => [
    { text: 'Stress fracture, siteaa', row: 0, source: 'title' },
    ...sites.map((site, i) => ({
      text: i === 0 ? first : `Fracture, ${i < traumatic ? 'traumatic' : 'pathological'}, ${site}`,
      row: i === 0 ? 1 : 2,
      source: 'index_term' as const,
    })),
  ];
  const entryScore = (docs: SearchDoc[]) =>
    searchIndexOf(docs, 3)
      .search('siteaa fracture', 3)
      .find((h) => h.row === 1)!.score;

  it('does not count the kind nearly every entry is filed under', () => {
    // 90 of 100 entries traumatic: `Fracture, traumatic, siteaa` scores as `Fracture, siteaa` would.
    expect(entryScore(entries(90))).toBeCloseTo(entryScore(entries(90, 'Fracture, siteaa')), 10);
  });

  it("does not count `primary` in the Neoplasm Table's Malignant Primary column", () => {
    // A malignancy not called secondary is coded in that column: `malignant` names it.
    const docs: SearchDoc[] = [
      { text: 'Neoplasm, neoplastic, siteaa, Malignant Secondary', row: 0, source: 'index_term' },
      { text: 'Neoplasm, neoplastic, siteaa, Malignant Primary', row: 1, source: 'index_term' },
      { text: 'Neoplasm, neoplastic, siteaa, Benign', row: 2, source: 'index_term' },
      { text: 'Tumor, siteaa, Malignant Primary', row: 3, source: 'index_term' },
      { text: 'Tumor, siteaa, Malignant', row: 4, source: 'index_term' },
    ];
    const index = searchIndexOf(docs, 5);
    const score = (query: string, row: number) => index.search(query, 5).find((h) => h.row === row)!.score;
    expect(score('malignant neoplasm of siteaa', 1)).toBeGreaterThan(
      score('malignant neoplasm of siteaa', 0),
    );
    // Only the Table's column: elsewhere the word is the entry's own.
    expect(score('malignant tumor of siteaa', 3)).toBeLessThan(score('malignant tumor of siteaa', 4));
  });

  it('counts a kind beside others, and the words every entry prints', () => {
    const asDefault = entryScore(entries(90));
    // Half the entries traumatic: a kind like the other, one word more than the query's.
    expect(entryScore(entries(50))).toBeLessThan(asDefault);
    // Every entry traumatic: the main term's title printing its own words, counted as well.
    expect(entryScore(entries(100))).toBeCloseTo(entryScore(entries(50)), 10);
  });
});
