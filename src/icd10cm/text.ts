/**
 * Search text normalisation shared by the pack builder and the runtime, so that both sides
 * tokenise identically: lower case, punctuation dropped, coder abbreviations expanded and plurals
 * folded.
 *
 * @module
 */
import { checkStringArgument } from '../core/arguments';

/** Abbreviations coders type (ICD-10-CM Tabular "Abbreviations": NEC, NOS; common w/, w/o, unsp). */
const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['w', ['with']],
  ['wo', ['without']],
  ['w/', ['with']],
  ['w/o', ['without']],
  ['unsp', ['unspecified']],
  ['unspec', ['unspecified']],
  ['nos', ['unspecified']],
  ['nec', ['other']],
  ['dm', ['diabetes', 'mellitus']],
  ['t2dm', ['type', '2', 'diabetes', 'mellitus']],
  ['t1dm', ['type', '1', 'diabetes', 'mellitus']],
  ['htn', ['hypertension']],
  ['chf', ['heart', 'failure']],
  ['copd', ['chronic', 'obstructive', 'pulmonary', 'disease']],
  ['ckd', ['chronic', 'kidney', 'disease']],
  ['uti', ['urinary', 'tract', 'infection']],
  ['fx', ['fracture']],
  ['strep', ['streptococcal']],
  ['lt', ['left']],
  ['rt', ['right']],
  ['ii', ['2']],
  ['i', ['1']],
]);

/**
 * Clinicians' abbreviations for a condition, as problem lists and notes write them (`afib`, `cad`,
 * `osa`), read as the words the classification prints. Only those with one meaning in a diagnosis
 * (not `cp`, chest pain or cerebral palsy; not `add`, an English word) and that no ICD-10-CM
 * title, inclusion term or index term prints as a word, so that they change no document's words
 * (`dvt`, `bph`, `gerd` and `tbi` are printed, and found as printed). Each meaning is as a public
 * page words it, the page named beside the abbreviation's query in
 * `test/icd10cm/search-abbreviation-queries.json`.
 *
 * @internal
 * @example
 * ```ts
 * CLINICAL_ABBREVIATIONS.get('afib') // ['atrial', 'fibrillation']
 * ```
 */
export const CLINICAL_ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['adhd', ['attention', 'deficit', 'hyperactivity', 'disorder']],
  ['afib', ['atrial', 'fibrillation']],
  ['cad', ['coronary', 'artery', 'disease']],
  ['mi', ['myocardial', 'infarction']],
  ['cva', ['cerebrovascular', 'accident']],
  ['pe', ['pulmonary', 'embolism']],
  ['osa', ['obstructive', 'sleep', 'apnea']],
  ['uri', ['upper', 'respiratory', 'infection']],
  ['aki', ['acute', 'kidney', 'injury']],
  ['mdd', ['major', 'depressive', 'disorder']],
  ['gad', ['generalized', 'anxiety', 'disorder']],
  ['ocd', ['obsessive', 'compulsive', 'disorder']],
  ['ra', ['rheumatoid', 'arthritis']],
  ['oa', ['osteoarthritis']],
  ['sob', ['shortness', 'of', 'breath']],
  ['std', ['sexually', 'transmitted', 'disease']],
  ['pid', ['pelvic', 'inflammatory', 'disease']],
  ['ibs', ['irritable', 'bowel', 'syndrome']],
  ['dka', ['diabetic', 'ketoacidosis']],
  ['svt', ['supraventricular', 'tachycardia']],
  ['vt', ['ventricular', 'tachycardia']],
  ['ards', ['acute', 'respiratory', 'distress', 'syndrome']],
  ['aaa', ['abdominal', 'aortic', 'aneurysm']],
  ['als', ['amyotrophic', 'lateral', 'sclerosis']],
  ['sah', ['subarachnoid', 'hemorrhage']],
  ['sbo', ['small', 'bowel', 'obstruction']],
  ['bcc', ['basal', 'cell', 'carcinoma']],
  ['scc', ['squamous', 'cell', 'carcinoma']],
  ['cml', ['chronic', 'myeloid', 'leukemia']],
  ['hcv', ['hepatitis', 'c']],
  ['hbv', ['hepatitis', 'b']],
  ['pcos', ['polycystic', 'ovary', 'syndrome']],
  ['bp', ['blood', 'pressure']],
  ['lvh', ['left', 'ventricular', 'hypertrophy']],
  ['cts', ['carpal', 'tunnel', 'syndrome']],
  ['hf', ['heart', 'failure']],
  ['dm1', ['type', '1', 'diabetes', 'mellitus']],
  ['dm2', ['type', '2', 'diabetes', 'mellitus']],
  ['acl', ['anterior', 'cruciate', 'ligament']],
]);

/** Every abbreviation a search reads as words: the coders' and the clinicians'. */
const EXPANSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ...ABBREVIATIONS,
  ...CLINICAL_ABBREVIATIONS,
]);

/**
 * Anatomical adjectives folded onto the organ noun the titles use ("renal" and "kidney" meet), as
 * ICD-10-CM titles and index terms use both forms for the same site.
 */
const SITE_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['renal', 'kidney'],
  ['nephric', 'kidney'],
  ['hepatic', 'liver'],
  ['cardiac', 'heart'],
  ['pulmonary', 'lung'],
  ['gastric', 'stomach'],
  ['cutaneous', 'skin'],
  ['dermal', 'skin'],
  ['cerebral', 'brain'],
  ['ocular', 'eye'],
  ['ophthalmic', 'eye'],
  ['otic', 'ear'],
  ['aural', 'ear'],
  ['nasal', 'nose'],
  ['oral', 'mouth'],
  ['dental', 'tooth'],
  ['teeth', 'tooth'],
  ['vesical', 'bladder'],
  ['uterine', 'uterus'],
  ['ovarian', 'ovary'],
  ['testicular', 'testis'],
  ['mammary', 'breast'],
  ['osseous', 'bone'],
  ['vertebral', 'vertebra'],
  ['sacral', 'sacrum'],
  ['coccygeal', 'coccyx'],
  ['sternal', 'sternum'],
  ['clavicular', 'clavicle'],
  ['scapular', 'scapula'],
  ['patellar', 'patella'],
  ['humeral', 'humerus'],
  ['umbilical', 'umbilicus'],
  ['axillary', 'axilla'],
  ['femoral', 'femur'],
  ['pelvic', 'pelvis'],
  ['thoracic', 'thorax'],
  ['abdominal', 'abdomen'],
  ['intestinal', 'intestine'],
  ['colonic', 'colon'],
  ['rectal', 'rectum'],
  ['anal', 'anus'],
  ['esophageal', 'esophagus'],
  ['laryngeal', 'larynx'],
  ['pharyngeal', 'pharynx'],
  ['tracheal', 'trachea'],
  ['bronchial', 'bronchus'],
  ['pleural', 'pleura'],
  ['splenic', 'spleen'],
  ['pancreatic', 'pancreas'],
  ['thyroidal', 'thyroid'],
  ['prostatic', 'prostate'],
  ['vaginal', 'vagina'],
  ['vulvar', 'vulva'],
  ['arterial', 'artery'],
  ['venous', 'vein'],
  ['muscular', 'muscle'],
  ['articular', 'joint'],
  ['neural', 'nerve'],
  ['retinal', 'retina'],
  ['corneal', 'cornea'],
  ['conjunctival', 'conjunctiva'],
  ['tonsillar', 'tonsil'],
  ['gingival', 'gingiva'],
  ['mandibular', 'mandible'],
  ['cerebellar', 'cerebellum'],
  ['duodenal', 'duodenum'],
  ['ureteral', 'ureter'],
  ['urethral', 'urethra'],
  ['urinary', 'urine'],
  ['peritoneal', 'peritoneum'],
  ['pericardial', 'pericardium'],
  ['infant', 'newborn'],
  ['neonatal', 'newborn'],
  ['neonate', 'newborn'],
  ['tumor', 'neoplasm'],
  ['tumour', 'neoplasm'],
  ['hypertensive', 'hypertension'],
]);

/** Words too common to rank on. */
const STOP = new Set([
  'of',
  'the',
  'and',
  'or',
  'in',
  'to',
  'a',
  'an',
  'for',
  'by',
  'as',
  'on',
  'at',
  'from',
  'due',
  'other',
  'unspecified',
  'specified',
  'with',
]);

/**
 * A nonessential modifier as the index prints it, the words in one pair of parentheses, innermost
 * first (Official Guidelines FY2026, I.A.7): `(acute)` in `Bronchitis (acute)`. Global: `match`
 * lists them all, `replace` blanks them all.
 *
 * @internal
 */
export const NONESSENTIAL_MODIFIER = /\([^()]*\)/g;

/** A possessive `'s` (`Parkinson's`): the eponym is the word, the `s` no word of its own. */
const POSSESSIVE = /([a-z0-9])['\u2019]s\b/g;

/**
 * `non` written apart from the word it negates (`non-Hodgkin`, `non-pressure`, `non ST elevation`):
 * one word, as `nontraumatic` is, so that `Hodgkin lymphoma` does not meet `non-Hodgkin lymphoma`.
 */
const NEGATING_PREFIX = /\bnon[\s-]+(?=[a-z0-9])/g;

const SUFFIXES = [
  'ically',
  'ations',
  'ation',
  'ative',
  'ating',
  'ated',
  'ities',
  'ity',
  'ness',
  'ings',
  'ing',
  'ied',
  'ed',
  'ical',
  'ic',
  'al',
  'ous',
  'ies',
  'es',
  's',
];

/**
 * Folds plurals and common inflections so that `fractures`/`fracture` and the index's synonym lists
 * (`ulcer, ulcerated, ulceration, ulcerative`) meet: a light suffix stripper keeping at least four
 * characters of stem.
 *
 * @example
 * ```ts
 * stem('ulcerated') // 'ulcer'
 * ```
 */
export function stem(word: string): string {
  const singular = latinSingular(word);
  if (singular !== word) return stem(singular);
  // Four-letter plurals keep too little stem for the suffix stripper (`ears`, `legs`, `hips`,
  // `eyes`): only their plural s goes.
  if (word.length === 4 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word) && !/^[0-9]/.test(word))
    return word.slice(0, 3);
  const s = stripSuffix(word);
  // A final silent e goes too, so that `fracture` and `fractures` (stripped of `es`) agree.
  return s.length > 4 && s.endsWith('e') ? s.slice(0, -1) : s;
}

/**
 * The singular of a Latin plural the index and the titles print beside its singular (`bacilli` and
 * `Bacillus`, `calculi` and `calculus`, `petechiae`, `vertebrae`, `bursae`): `-i` is `-us`, `-ae` is
 * `-a`. Only words of five letters or more (`nevi`, `ii` stay), and never a doubled `ii`.
 */
function latinSingular(word: string): string {
  if (word.length < 5 || /^[0-9]/.test(word)) return word;
  if (word.endsWith('ae')) return word.slice(0, -1);
  if (word.endsWith('i') && !word.endsWith('ii')) return `${word.slice(0, -1)}us`;
  return word;
}

function stripSuffix(word: string): string {
  if (word.length <= 4 || /^[0-9]/.test(word)) return word;
  // A condition and its adjective meet: psychosis/psychotic, thrombosis/thrombotic,
  // arthritis/arthritic.
  const condition = /(?:osis|otic|itis|itic)$/.exec(word);
  if (condition && word.length - 4 >= 4) return word.slice(0, condition[0][0] === 'i' ? -2 : -3);
  for (const suf of SUFFIXES) {
    if (word.length - suf.length >= 4 && word.endsWith(suf)) {
      if (suf === 's' && (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is'))) return word;
      if (suf === 'ies' || suf === 'ied') return `${word.slice(0, -3)}y`;
      return word.slice(0, -suf.length);
    }
  }
  return word;
}

/**
 * Tokens of a text for search: lower case, `w/` and `w/o` kept as words, abbreviations expanded,
 * plurals folded. `keepStop` keeps the stop words (titles are indexed without them).
 *
 * @example
 * ```ts
 * searchTokens('Type 2 DM w/ neuropathies') // ['type', '2', 'diabetes', 'mellitus', 'neuropathy']
 * ```
 */
export function searchTokens(text: string, keepStop = false): string[] {
  checkStringArgument('searchTokens', 'text', text);
  const out: string[] = [];
  const lowered = text.length > 2000 ? text.slice(0, 2000).toLowerCase() : text.toLowerCase();
  const normalised = lowered
    // The Tabular writes out what the index abbreviates (ICD-10-CM Official Guidelines FY2026,
    // I.A.9.a): both sides read NEC and NOS alike.
    .replace(/\bnot elsewhere classified\b/g, ' nec ')
    .replace(/\bnot otherwise specified\b/g, ' nos ')
    .replace(/\bw\/o\b/g, ' wo ')
    .replace(/\bw\//g, ' w ');
  for (const w of writtenWords(normalised)) {
    if (w.length === 0) continue;
    const expanded = EXPANSIONS.get(w);
    for (const t0 of expanded ?? [w]) {
      const t = SITE_SYNONYMS.get(t0) ?? t0;
      if (!keepStop && STOP.has(t)) continue;
      out.push(stem(t));
    }
  }
  return out;
}

/**
 * Query tokens split into essential words and nonessential modifiers (words in parentheses, the
 * ICD-10-CM index convention for "nonessential modifiers": their presence or absence does not change
 * the code). Essential words decide coverage; modifiers only add a small bonus.
 *
 * @example
 * ```ts
 * queryParts('Pain (s), kidney') // { essential: ['pain', 'kidney'], optional: ['s'] }
 * ```
 */
export function queryParts(text: string): { essential: string[]; optional: string[] } {
  const t = text.length > 2000 ? text.slice(0, 2000) : text;
  const optional = (t.match(NONESSENTIAL_MODIFIER) ?? []).flatMap((g) => searchTokens(g));
  const essential = searchTokens(essentialText(t));
  return {
    essential: [...new Set(essential)],
    optional: [...new Set(optional)].filter((o) => !essential.includes(o)),
  };
}

/** Query words naming what the Official Guidelines make a fracture's default, each with the word naming the other kind. */
const FRACTURE_DEFAULTS: readonly (readonly [fallback: string, other: string])[] = [
  [stem('closed'), stem('open')],
  [stem('displaced'), stem('nondisplaced')],
];
const FRACTURE = stem('fracture');

/**
 * A query's parts with the words that name a fracture's default kind moved from its essential words
 * to its modifiers: a fracture not indicated as open or closed is coded closed, and one not
 * indicated as displaced or nondisplaced is coded displaced (ICD-10-CM Official Guidelines FY2026,
 * I.C.19.c.1). The index prints neither default (`Fracture, traumatic, radius, distal end`), and the
 * seventh character carries the closed fracture (`initial encounter for closed fracture`): a query
 * saying `closed` asks for no word the entry lacks, and still prefers the closed fracture's code
 * among its siblings, as a modifier does. Unchanged when the query names no fracture, or names the
 * other kind as well.
 *
 * @example
 * ```ts
 * withFractureDefaults(queryParts('closed fracture of distal radius'))
 * // { essential: ['fractur', 'dist', 'radius'], optional: ['clos'] }
 * ```
 */
export function withFractureDefaults(parts: { essential: string[]; optional: string[] }): {
  essential: string[];
  optional: string[];
} {
  const { essential } = parts;
  if (!essential.includes(FRACTURE)) return parts;
  const moved = FRACTURE_DEFAULTS.filter(
    ([word, other]) => essential.includes(word) && !essential.includes(other),
  );
  if (moved.length === 0) return parts;
  const words = moved.map(([word]) => word);
  return {
    essential: essential.filter((t) => !words.includes(t)),
    optional: [...parts.optional, ...words.filter((w) => !parts.optional.includes(w))],
  };
}

/**
 * The essential tokens of a query's last subterm, when it is written as an index path (`Main term,
 * subterm, …, subterm`): what the entry adds to its parent entry, the words that tell it from its
 * parent and its siblings (the Alphabetic Index indents each subterm under the one before it,
 * ICD-10-CM Official Guidelines FY2026, I.A.1 and I.B.1). Empty for a query of one segment.
 *
 * @example
 * ```ts
 * lastSubterm('Resistance (to), drug, vancomycin') // ['vancomycin']
 * ```
 */
export function lastSubterm(text: string): string[] {
  const t = essentialText(text);
  const cut = t.lastIndexOf(',');
  return cut < 0 ? [] : searchTokens(t.slice(cut + 1));
}

/**
 * Adjacent query words written as one in the index (`cold sore` → `Coldsore`, `bed wetting` →
 * `Bedwetting`, `heart burn` → `Heartburn`): for each pair of adjacent essential words, the token of
 * the two joined, and how many query words it stands for. The index decides whether a compound is a
 * word: the caller keeps only those it holds.
 *
 * @example
 * ```ts
 * compoundTokens('cold sore') // ['coldsore']
 * ```
 */
export function compoundTokens(text: string): string[] {
  const t = essentialText(text);
  const words = writtenWords(t.toLowerCase()).filter(
    (w) => w.length > 0 && !STOP.has(w) && !EXPANSIONS.has(w),
  );
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (/^[0-9]/.test(words[i + 1]!) || /^[0-9]/.test(words[i]!)) continue;
    out.push(stem(words[i]! + words[i + 1]!));
  }
  return out;
}

/**
 * Each essential query token that one written word of five letters or more gives, with that word
 * as written (lower case): what spelling correction compares with the words the index prints.
 * Words that expand (`copd`) or are stop words give none.
 *
 * @example
 * ```ts
 * writtenTokens('Stifness (chronic), joint') // Map { 'stif' => 'stifness', 'joint' => 'joint' }
 * ```
 */
export function writtenTokens(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of writtenWords(essentialText(text).toLowerCase())) {
    if (word.length < 5) continue;
    const tokens = searchTokens(word);
    if (tokens.length === 1 && !out.has(tokens[0]!)) out.set(tokens[0]!, word);
  }
  return out;
}

/**
 * The words of a lower-cased text as search reads them: a possessive's `s` is no word of its own,
 * and `non` is one word with the word it negates.
 */
function writtenWords(lowered: string): string[] {
  return lowered
    .replace(POSSESSIVE, '$1')
    .replace(NEGATING_PREFIX, 'non')
    .split(/[^a-z0-9]+/);
}

/**
 * A query's text outside its parenthesised nonessential modifiers (blanked), cut to its first 2,000
 * characters as every reading of a query is.
 */
function essentialText(text: string): string {
  return (text.length > 2000 ? text.slice(0, 2000) : text).replace(NONESSENTIAL_MODIFIER, ' ');
}

/**
 * The essential tokens of each part of an index path, the parts split at the commas between the
 * main term and its subterms (nonessential modifiers and the cross-reference left out).
 *
 * @internal
 * @example
 * ```ts
 * indexPathTokens('Fracture, traumatic (abduction), hip (see Fracture, femur, neck)') // [['fractur'], ['traumat'], ['hip']]
 * ```
 */
export function indexPathTokens(text: string): string[][] {
  return essentialText(text)
    .split(',')
    .map((part) => searchTokens(part));
}

/**
 * Groups of adjacent query tokens that are forms of one word, as the Alphabetic Index prints a main
 * term with its adjectival and plural forms (`Gout, gouty`, `Ulcer, ulcerated, ulcerating, ulceration,
 * ulcerative`, `Abnormal, abnormality, abnormalities`): two adjacent stems where one, less at most its
 * last letter, begins the other (at least four letters shared). A title that says `gout` then covers
 * the query word `gout, gouty` as the index term does. Returns each token's group number.
 *
 * @example
 * ```ts
 * wordForms(['gout', 'gouty', 'drug', 'induc']) // [0, 0, 1, 2]
 * ```
 */
export function wordForms(tokens: readonly string[]): number[] {
  const group: number[] = [];
  let g = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0 || !sameWord(tokens[i - 1]!, tokens[i]!)) g++;
    group.push(g);
  }
  return group;
}

/**
 * How many words the tokens make, the forms of one word as one ({@link wordForms}): what a query
 * asks for, or a term prints as its own, word by word.
 *
 * @example
 * ```ts
 * wordCount(['gout', 'gouty', 'drug', 'induc']) // 3
 * ```
 */
export function wordCount(tokens: readonly string[]): number {
  const forms = wordForms(tokens);
  return forms.length === 0 ? 0 : forms[forms.length - 1]! + 1;
}

function sameWord(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4 || /^[0-9]/.test(a) || /^[0-9]/.test(b)) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= 4 && common >= shorter - 1;
}
