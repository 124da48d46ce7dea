import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SOURCES_DIR } from '../../scripts/lib/codesets';
import { parseIndexTerms } from '../../src/icd10cm/loader';
import type { IndexTerm } from '../../src/icd10cm/loader';

// The alphabetic index the packs are built from (codesets/sources/icd10cm, CDC FY2023 XML, the
// newest main index held): read whole, as the builder reads it.
const terms = parseIndexTerms(
  gunzipSync(readFileSync(join(SOURCES_DIR, 'icd10cm/icd10cm_index_2023.xml.gz'))).toString('utf8'),
  'index',
);

/** Per referring title and the reference it follows, the entries whose codes its terms carry. */
function originsByReference(list: readonly IndexTerm[]): Map<string, Set<string>> {
  const origins = new Map<string, Set<string>>();
  for (const t of list) {
    if (!t.via || t.continued || t.origin === undefined) continue;
    const key = `${t.text}\u0000${t.via}`;
    origins.set(key, (origins.get(key) ?? new Set()).add(t.origin));
  }
  return origins;
}

/** The references whose title was spread over codes printed by more than one entry (`title → target`). */
function spreadReferences(origins: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...origins].filter(([, o]) => o.size > 1).map(([k]) => k.replace('\u0000', ' → '));
}

describe('ICD-10-CM index: a reference to an entry that prints no code', () => {
  // `Findings, abnormal, inconclusive, without diagnosis — see also Abnormal`: `Abnormal` prints no
  // code, only subterms (`albumin` R77.0, `alphafetoprotein` R77.2, …). The reader who follows the
  // reference picks one of those subterms (Official Guidelines FY2026, I.A.16); the referring title
  // alone names none of their codes.
  const findings = 'Findings, abnormal, inconclusive, without diagnosis';

  it('gives the referring title alone no document per code of the target subterms', () => {
    expect(terms.filter((t) => t.text === findings && t.via)).toEqual([]);
  });

  it('gives a document per subterm of the target, under the referring wording', () => {
    expect(terms.find((t) => t.text === `${findings}, alphafetoprotein`)).toMatchObject({
      code: 'R77.2',
      via: 'Abnormal, alphafetoprotein',
      continued: true,
    });
  });

  it('never spreads one referring title over codes printed by different entries', () => {
    // A reference stands for one entry: the target itself or the end of its own `see` chain.
    expect(spreadReferences(originsByReference(terms))).toEqual([]);
  });

  it('goes on among the subterms of an entry a continued subterm names (Clot, vein, leg → lower extremity)', () => {
    // `Clot, vein — see Thrombosis`; `Thrombosis, leg — see Thrombosis, vein, lower extremity`, which
    // prints no code: its subterms `deep` and `superficial` do.
    const leg = terms.filter((t) => t.text.startsWith('Clot (blood), vein, leg'));
    expect(leg.map((t) => [t.text, t.code, t.via])).toEqual([
      ['Clot (blood), vein, leg, deep', 'I82.40-', 'Thrombosis, vein, lower extremity, deep'],
      ['Clot (blood), vein, leg, superficial', 'I82.81-', 'Thrombosis, vein, lower extremity, superficial'],
    ]);
  });

  it('continues a reference only into the entry it names (see Syndrome, irritable bowel)', () => {
    // The FY2023 index prints `Syndrome, irritable, bowel` on two levels, which the reference names
    // in one phrase: the walk reaches it, not `Syndrome`, whose thousand subterms (`5q minus NOS`,
    // `48,XXXX`, …) are not what the reference names.
    const continued = terms.filter((t) => t.continued && t.via?.startsWith('Syndrome, irritable bowel'));
    expect(new Set(continued.map((t) => t.code))).toEqual(new Set(['K58.2', 'K58.8', 'F45.8']));
    expect(
      terms
        .filter((t) => t.text === 'Enteritis (acute) (diarrheal) (hemorrhagic) (noninfective), mucous')
        .map((t) => t.code),
    ).toEqual(['K58.9']);
  });

  it('still gives a referring title the code of an entry that prints one (Hives → Urticaria)', () => {
    expect(terms.filter((t) => t.text === 'Hives (bold)' && t.via).map((t) => [t.code, t.via])).toEqual([
      ['L50.9', 'Urticaria'],
    ]);
  });
});

describe('ICD-10-CM index: notes printed among the subterms', () => {
  // The CDC XML prints the heart-failure stages note as a level-1 `<term>` titled `Note: …` after
  // `Failure, heart`'s subterms, and nests the rest of `heart`'s subterms (stage A–D, systolic,
  // thyrotoxic, valvular) under it. In the printed index the note stands among `heart`'s subterms:
  // it is an instruction, not a subterm, and what follows it is still `heart`'s.
  const heart = 'Failure, failed, heart (acute) (senile) (sudden)';

  it('makes no note a word of any term', () => {
    expect(terms.filter((t) => /\bNote:/i.test(t.text)).map((t) => t.text)).toEqual([]);
  });

  it('reads the subterms after the note as subterms of the entry before it', () => {
    const codeOf = (text: string) => terms.filter((t) => t.text === text && !t.via).map((t) => t.code);
    expect(codeOf(`${heart}, stage A`)).toEqual(['Z91.89']);
    expect(codeOf(`${heart}, stage D`)).toEqual(['I50.84']);
    expect(codeOf(`${heart}, systolic (congestive) (left ventricular)`)).toEqual(['I50.20']);
  });

  it('resolves a reference to a subterm printed after the note (see Failure, heart, systolic)', () => {
    // `Failure, heart, left, systolic — see Failure, heart, systolic`: I50.20 and its kin, not the
    // I50.9 of `heart` where the walk stopped while `systolic` sat under the note.
    const left = terms.filter((t) => t.text === `${heart}, left (ventricular), systolic` && t.via);
    expect(left.map((t) => t.code)).toEqual(['I50.20']);
  });
});

describe('ICD-10-CM external-cause index: references', () => {
  // The external-cause index is read by the same walk (codesets/sources/icd10cm, CDC FY2026 XML). Its
  // references (`Accident, aircraft — see Accident, transport, aircraft`) stand for one entry each,
  // as the main index's do: no referring title spread over the codes of several entries.
  const eindex = parseIndexTerms(
    readFileSync(join(SOURCES_DIR, 'icd10cm/icd10cm_eindex_2026.xml'), 'utf8'),
    'eindex',
  );

  it('never spreads one referring title over codes printed by different entries', () => {
    const origins = originsByReference(eindex);
    expect(origins.size).toBeGreaterThan(500);
    expect(spreadReferences(origins)).toEqual([]);
  });

  it('follows a reference to the entry it names (Accident, aircraft → Accident, transport, aircraft NEC)', () => {
    expect(
      eindex.find((t) => t.text === 'Accident (to), aircraft (in transit) (powered)' && t.via),
    ).toMatchObject({
      code: 'V97.89',
      via: 'Accident, transport, aircraft',
    });
  });
});

describe('ICD-10-CM XML text is read as written', () => {
  // A subterm titled "false" or "true" is words of the index, not a value: "Pregnancy, false"
  // F45.8, "Croup, false" J38.5, "Cyst, pancreas, false" K86.3, "Lymphoma, histiocytic, true" C96.A.
  it('keeps index subterms titled false or true (CDC FY2023 index)', () => {
    const texts = (code: string) => terms.filter((t) => t.code === code).map((t) => t.text);
    expect(texts('F45.8')).toContain('Pregnancy (single) (uterine), false');
    expect(texts('J38.5')).toContain(
      'Croup, croupous (catarrhal) (infectious) (inflammatory) (nondiphtheritic), false',
    );
    expect(texts('K86.3')).toContain(
      'Cyst (colloid) (mucous) (simple) (retention), pancreas, pancreatic (hemorrhagic) (true), false',
    );
    expect(texts('C96.A')).toContain('Lymphoma (of) (malignant), histiocytic, true');
    // No term ends in an empty subterm (a title read as something other than text).
    expect(terms.filter((t) => /, $|, ,/.test(t.text))).toEqual([]);
  });

  it('keeps the neoplasm table row "cord (vocal), false" (CDC FY2026 neoplasm table)', () => {
    const neoplasm = parseIndexTerms(
      readFileSync(join(SOURCES_DIR, 'icd10cm/icd10cm_neoplasm_2026.xml'), 'utf8'),
      'neoplasm',
    );
    expect(neoplasm.find((t) => t.code === 'C32.1' && t.text.includes('false'))?.text).toBe(
      'Neoplasm, neoplastic, cord (true) (vocal), false, Malignant Primary',
    );
  });

  it('keeps titles that look like numbers or booleans exactly as the XML spells them', () => {
    const xml = `<?xml version="1.0"?><ICD10CM.index><version>2023</version><title>t</title><letter><title>P</title>
<mainTerm><title>Pregnancy<nemod>(single)</nemod></title><code>Z33.1</code>
<term level="1"><title>false</title><code>F45.8</code></term>
<term level="1"><title>true</title><code>F45.9</code></term>
<term level="1"><title>007</title><code>F45.7</code></term>
<term level="1"><title>1.50</title><code>F45.6</code></term>
</mainTerm></letter></ICD10CM.index>`;
    expect(parseIndexTerms(xml, 'index').map((t) => [t.code, t.text])).toEqual([
      ['Z33.1', 'Pregnancy (single)'],
      ['F45.8', 'Pregnancy (single), false'],
      ['F45.9', 'Pregnancy (single), true'],
      ['F45.7', 'Pregnancy (single), 007'],
      ['F45.6', 'Pregnancy (single), 1.50'],
    ]);
  });
});

describe('ICD-10-CM index: a reference naming a subterm in the plural', () => {
  it('reaches the subterm printed in the singular, not the entry above it', () => {
    // `Opioid (s), dependence — see Dependence, drug, opioids`: the index prints `opioid` under
    // `Dependence, drug` (F11.20); stopping at `Dependence, drug` would give F19.20.
    const opioid = terms.find((t) => t.text === 'Opioid (s), dependence');
    expect(opioid?.code).toBe('F11.20');
    // `Fracture, carpal bone (s), semilunar — see Fracture, carpal bones, lunate`: S62.12-, not
    // T14.8, the code of `Fracture` alone, where the walk stopped at `bones`.
    expect(terms.find((t) => t.text.endsWith('carpal bone (s), semilunar'))?.code).toMatch(/^S62\.12/);
  });
});
