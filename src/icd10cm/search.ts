/**
 * Ranked text search over titles, inclusion terms and alphabetic-index terms, from the prebuilt
 * inverted index in `search.pack` (loaded lazily on the first search).
 *
 * Ranking: each query token adds its inverse document frequency to every document containing it;
 * a document's score is scaled by the share of query tokens it covers and lightly penalised for
 * extra words; a code takes the score of its best document. Two priors then order near-ties the way
 * a coder reads the Alphabetic Index (ICD-10-CM Official Guidelines I.A.1/I.B.1: look up the main
 * term first; the code it gives is the default): an index term whose main term (its first word) is
 * a query word is boosted, and a header (order-file flag 0, not valid for submission) is ranked
 * below billable codes. Factors chosen on the dev half of the held-out pairs only. An index term
 * continued through a reference (`Broken, bone, hip`: the index prints `Broken, bone — see Fracture`
 * and `Fracture, hip`, the reader joins them) ranks ×0.9 below the terms the index prints. Two
 * adjacent query words the index writes as one (`cold sore`, `Coldsore`) count as both. Adjacent
 * query words that are forms of one index word (`Gout, gouty`) are one word either form covers, and an
 * index term that continues the query's own path (`…, drug-induced, vertebrae` for `…, drug-induced`)
 * ranks ×0.5, below the code the query itself names.
 *
 * A query written as an index path (`Main term, subterm, …`) is told from its parent entry and its
 * siblings by its last subterm: a document holding none of that subterm's words ranks ×0.5. A code is
 * also all its documents together: the query's words found across its title and its index terms
 * count (×0.6 of one document holding them all), and the leading 30 codes have their tabular
 * documents read for every query word, common ones included. A one-word main term the index sends
 * to another as a whole (`Aplasia — see Agenesis`, `Bleeding — see Hemorrhage`) makes the two words
 * synonyms, read from the pack's own documents on the first search: a document holding only the
 * synonym covers the query word at ×0.75. An essential word no document holds (`diabetis`) is read
 * as the nearest words the index holds ({@link SpellingDictionary}).
 *
 * An index path's parent entry, when the index prints it, places the answer: codes sharing its
 * code's leading characters rank a little higher, the more they share. And a leading code stands
 * for a sibling the query names better: on the side of the body the query asks (`…, right, with
 * left` is both sides), or holding the words of the query's last subterm that the leading code's
 * document lacks (`…, class I` for `…, class IV`). The code set reads each code's code and title
 * for both.
 *
 * A seventh character's extension (`, initial encounter for closed fracture`, `, sequela`) counts as
 * one word of its title, and a code's encounters are led by the one the query names (else the initial
 * encounter), the others following the next codes' leads: `fracture of femur` lists ten fractures by
 * their initial encounter, not ten sequela codes. A last subterm that only names a side (`…, right`)
 * does not hold down codes without laterality, and codes scored alike are ordered by the shorter
 * printed index term (an entry before its own `specified NEC` subterm).
 *
 * @module
 */
import { bitCount } from '../core/bits';
import { PackError } from '../core/errors';
import type { PackReader } from '../core/pack';
// Only inflate: the runtime decodes packs; deflating is the builder's (loader.ts).
import { inflatePackSection } from '../core/pack';
import { openPack } from '../core/pack-source';
import type { PackSource } from '../core/pack-source';
import { MAX_CORRECTED_WORDS, SpellingDictionary, editsAllowed } from '../core/spelling';
import {
  NONESSENTIAL_MODIFIER,
  compoundTokens,
  lastSubterm,
  queryParts,
  searchTokens,
  withFractureDefaults,
  wordCount,
  wordForms,
  writtenTokens,
} from './text';

/**
 * How many nearby spellings a word no document holds is read as (the commonest first). A corrected
 * word weighs as the word itself: ×0.75 and ×0.5 found the same dev pairs (misspelt recall@10 0.980).
 */
const CORRECTIONS = 2;
/** Shortest word read as a compound, and shortest part of one. */
const MIN_COMPOUND = 7;
const MIN_PART = 6;
/** A held token this rare may be a misspelling of a printed word held this many times as often. */
const REAL_WORD_DF = 50;
const REAL_WORD_RATIO = 10;
/** Weight of a nonessential modifier relative to an essential word. */
const OPTIONAL_WEIGHT = 0.25;
/** Score divisor per word of a document's own that the query leaves out: ÷(1 + 0.08 × words). */
const EXTRA_WORD = 0.08;
/** Score factor of an index term whose main term is a query word. */
const MAIN_TERM_BOOST = 1.1;
/** Score factor of a header (not billable). */
const HEADER_FACTOR = 0.85;
const INDEX_TERM = 3;
/** Source id of a title document, and of a short title's (`SOURCES`). */
const TITLE = 0;
const SHORT_TITLE = 1;
/** Source id of an inclusion term, an "Includes" note or a condition another code's note names. */
const INCLUSION_TERM = 2;
/**
 * Score factor of an index term that continues the query's own path (`Gout, drug-induced, vertebrae`
 * for the query `Gout, drug-induced`): it is narrower than what was asked, and the code the query's
 * own entry would give (often the unspecified one, Official Guidelines FY2026, I.A.18) should not be
 * buried under the subterms below it. Chosen on the dev half of the held-out pairs.
 */
const NARROWER_FACTOR = 0.5;
/**
 * Score factor of a document that holds none of the words of the query's last subterm (`vancomycin`
 * in `Resistance (to), drug, vancomycin`): the query's parent entry and its siblings hold every other
 * word, but not the one the entry adds. Chosen on the dev half of the held-out pairs.
 */
const LEAF_MISSING_FACTOR = 0.5;
/**
 * Score factor of a code whose documents hold the query's words only between them (`Fatigue,
 * senile` for R54: `Debility, senile` is one entry, `Fatigue` another), against one document that
 * holds them together. Chosen on the dev half of the held-out pairs.
 */
const UNION_FACTOR = 0.6;
/**
 * How many leading codes have their tabular documents (title, inclusion terms) read for every query
 * word, including the common words that only probe candidates. Chosen on the dev half: 30 and 50
 * gave the same recall; 100 one pair more (`Anomaly, anomalous, knee`, whose title `Congenital
 * malformation of knee` ties with hundreds of `Anomaly, …` terms until it is read), at 1.2–1.3× the
 * time per query, which the 5 ms 99th-percentile budget cannot spare for one pair.
 */
const COMPLETED_ROWS = 30;
/**
 * Score factor of a query word met only as its synonym from a main-term reference (`Aplasia — see
 * Agenesis`): the index's own word for the query ranks higher. Chosen on the dev half.
 */
const SYNONYM_WEIGHT = 0.75;
/**
 * A synonym brings its own documents as candidates only when it is this rare, and is probed against
 * the candidates only below the second bound: a common synonym (`Disorder — see Disease`) would cost
 * more than it finds.
 */
const SYNONYM_WALK_DF = 200;
const SYNONYM_PROBE_DF = 1000;
/** Above this many documents a query word is probed against the candidates, not walked. */
const RARE = 3000;
/**
 * A main term of one word printed with nothing but nonessential modifiers and a reference to another
 * one-word main term: `Aplasia (see Agenesis)`, `Adiposity (see Obesity)`.
 */
const MAIN_TERM_REFERENCE = /^([A-Za-z'-]+)(?: \([^()]*\))* \(see ([A-Za-z'-]+)\)$/;
/**
 * Source id of an index term continued through a reference (`Broken, bone, hip` from `Broken, bone —
 * see Fracture` and `Fracture, hip`): shown as an index term, ranked below the terms the index prints.
 *
 * @internal
 * @example
 * ```ts
 * CONTINUED_TERM // 4
 * ```
 */
export const CONTINUED_TERM = 4;
/**
 * Source id of a printed index term giving the manifestation code the index prints in brackets
 * after the etiology code (`Disease, Alzheimer's G30.9 [F02.80]`): an index term to the reader,
 * ordered after the etiology among codes scored alike (Official Guidelines FY2026, I.A.13: the
 * etiology is sequenced first, the manifestation code in brackets after it).
 *
 * @internal
 * @example
 * ```ts
 * MANIFESTATION_TERM // 5
 * ```
 */
export const MANIFESTATION_TERM = 5;
/**
 * Source id of an index term continued through a reference that gives a manifestation code printed
 * in brackets ({@link MANIFESTATION_TERM}, {@link CONTINUED_TERM}).
 *
 * @internal
 * @example
 * ```ts
 * CONTINUED_MANIFESTATION_TERM // 6
 * ```
 */
export const CONTINUED_MANIFESTATION_TERM = 6;
/** Score factor of a continued index term: the index prints it nowhere, the reader infers it. */
const CONTINUED_FACTOR = 0.9;

/**
 * Score factor of a document that names another side of the body than the query: `left` asked, the
 * document about the right or both sides. ICD-10-CM codes carry laterality (Guidelines I.B.13), and
 * the index prints a code's side as a subterm of its own (`…, leg, left, with, gangrene`); a sibling
 * entry for the other side holds every other query word, and the side word, printed in hundreds of
 * codes, weighs too little on its own to tell them apart. A document naming no side is not
 * penalized (unspecified side codes, and codes without laterality). Chosen on the dev half's
 * strict recall@10 among 1, 0.5, 0.3 and 0.15 (0.858, 0.858, 0.860, 0.860): the mildest that gains.
 */
const OTHER_SIDE_FACTOR = 0.3;
/**
 * Score factor of a family history code (`Family history of stroke`, Z82.3) for a query that asks
 * for a history and names no family (`history of stroke`). History codes are of two types, the
 * patient's own past condition and a family member's (Guidelines FY2026, I.C.21.c.4); the index
 * prints both under `History` (`History, family (of), stroke` beside `History, personal (of),
 * stroke without residual deficits`), and `family` is often the shorter entry. A history the record
 * gives without a family member is the patient's own.
 */
const FAMILY_HISTORY_FACTOR = 0.3;
/** A code title about a family member's history (category Z80–Z84 and the like). */
const FAMILY_HISTORY_TITLE = /\bfamily history\b/i;
/**
 * Score of a code's variant on the asked side, against the unpenalized score of a leading code matched
 * on another side ({@link SearchIndex.#sideVariantOf}): just below what the match would score on the
 * asked side, far above the match itself, which carries {@link OTHER_SIDE_FACTOR}.
 */
const SIDE_VARIANT_FACTOR = 0.9;
/**
 * Score of a code's variant on the asked side against a leading code whose title names no side (`…,
 * unspecified ear`): above it, since the side asked is documented, and the unspecified side is for
 * a record that does not say it (Official Guidelines FY2026, I.B.13). Chosen on the dev half between
 * 0.9 and 1.05: the same recall@10 with either (two pairs more than without the step), 1.05 more at
 * rank 1.
 */
const UNSIDED_VARIANT_FACTOR = 1.05;
/**
 * Score of a code's sibling whose title holds the query's last subterm, against the leading code
 * whose best document lacks a word of it ({@link SearchIndex.#leafVariantOf}): above it, as it
 * holds what the leading code lacks. Chosen on the dev half among 0.75, 0.9, 1 and 1.05: 0.75 found
 * one pair fewer at recall@10, the others the same pairs; 1.05 the most at rank 1.
 */
const LEAF_VARIANT_FACTOR = 1.05;
/**
 * How many codes each way a code's variant is looked for; the seventh-character codes between
 * siblings are not counted ({@link SearchIndex.#nearestInFamily}).
 */
const VARIANT_SPAN = 32;
/**
 * Score factor per code character a code shares with the code of the query's parent entry, past
 * the first two (one for the same category, two for the same subcategory, …). The index's subterms
 * refine the code of the term above them (Official Guidelines FY2026, I.A.1: the index's main terms
 * and subterms, then the Tabular for the code's full detail), most often within its category: with
 * the query's own entry missing, the codes beside its parent's are where the answer is. Chosen on
 * the dev half among 0.05, 0.1 and 0.2: the same recall@10 within one pair, 0.05 the most at rank 1.
 */
const PARENT_ENTRY_FACTOR = 0.05;
/**
 * Score factor of a code per seventh-character sibling ahead of it. With the extension counted as
 * one word whatever its length ({@link SearchIndex.#rankedLengthOf}), a code's encounters score alike,
 * and one fracture's sixteen encounters would fill the first page: the encounter the query names, else
 * the first in classification order (the initial encounter), leads with the best score of them, and
 * the next codes' leads come before the others. Set, not tuned: the held-out pairs hold no
 * seventh-character code.
 */
const SEVENTH_SIBLING_FACTOR = 0.8;
/**
 * A title of a code for other kinds than its siblings name: `Other …`, or `other` further in
 * (`Encounter for other contraceptive management`, `Fall (on) (from) other stairs and steps`); not
 * `Other and unspecified …`, nor `… and other …`, which names kinds beside the one before it. (A
 * short title's `Oth` is a word of its own already: no stop word.)
 */
const OTHER_KIND_TITLE = /(?<!\b(?:and|or) )\bother (?!and unspecified\b)/i;
/** A code of chapter 20, External Causes of Morbidity (V00-Y99). */
const EXTERNAL_CAUSE_CODE = /^[V-Y]/;
/** `NOS`, not otherwise specified, as the Tabular prints it in an inclusion term (`Fatigue NOS`). */
const NOS_WORD = /\bNOS\b/;
/**
 * An index entry's last subterm for the other specified kinds of its parent entry (`…, specified
 * NEC`, `…, specified type NEC`), not a site or kind of its own (`Stiffness, joint NEC`).
 */
const SPECIFIED_NEC_SUBTERM = /, (?:other )?specified\b[^,]*\bNEC\b[^,]*$/;
/**
 * Score factor of an `Other …` title once its `Other` counts as a word left out: just below the
 * codes with as many words left out of their own (`Stress fracture, …` for `fracture of femur`),
 * which name their kind; a lowered score would otherwise tie with theirs only to the last bits of
 * its arithmetic, and rounding would order them.
 */
const AFTER_NAMED_KINDS = 1 - 1e-9;
/**
 * Score factor of a document naming a side of the body for a query that names none: just below a
 * document scored alike that names no side (`Tinnitus, bilateral` after `Tinnitus, unspecified ear`
 * for `tinnitus`). When the record does not identify the side, the code for the unspecified side is
 * assigned (Guidelines FY2026, I.B.13). Only ties move: a side the query leaves open is no word it
 * contradicts. Ten times closer to 1 than {@link AFTER_NAMED_KINDS}, so that the two never meet
 * where only the last bits of a score's arithmetic would order them.
 */
const SIDE_NOT_ASKED = 1 - 1e-10;
/** Rows kept past the page for a query of one word whose leading `Other …` titles may be lowered. */
const PAST_THE_PAGE = 10;
/** A query asking for a specified kind: `other`, `specified`, `NEC` (not elsewhere classified). */
const OTHER_KIND_ASKED = /\b(?:other|specified|nec|not elsewhere classified)\b/i;
/** The word a title uses for an axis the record does not document. */
const UNSPECIFIED_WORD = /\bunspecified\b/gi;
/** Sides of the body as bits: the query's, and those a document names. */
const LEFT_SIDE = 1;
const RIGHT_SIDE = 2;
const BOTH_SIDES = 4;

const SOURCES = [
  'title',
  'short_title',
  'inclusion_term',
  'index_term',
  'index_term',
  'index_term',
  'index_term',
] as const;

/** A byte kept per document or row ({@link SearchIndex.#extensionWords}, {@link SearchIndex.#otherKindTitles}) not yet read. */
const UNREAD = 255;
/** {@link SearchIndex.#seventhCharacterRuns} of a row not yet read. */
const UNREAD_RUN = -2;

/**
 * What a search index reads of its edition's codes, by edition position: the code set passes all
 * four from its codes pack.
 */
export interface SearchCodes {
  /** Whether the code is billable: headers rank lower ({@link HEADER_FACTOR}). */
  readonly billable?: (position: number) => boolean;
  /**
   * Its title or short title, which the search pack does not keep: without it, no word a title holds
   * is read as a misspelling of another, and no sibling is read for the side or the subterm asked.
   */
  readonly titleAt?: (position: number, short: boolean) => string;
  /** Its code, undotted: without it, the query's parent entry does not raise the codes beside its own. */
  readonly codeAt?: (position: number) => string;
  /**
   * The meaning of its seventh character (`initial encounter for closed fracture`), for a code that
   * has one from the Tabular's `sevenChrDef`: without it, the extension's words count as the title's.
   */
  readonly seventhCharacterAt?: (position: number) => string | undefined;
}

/** One raw hit: a row id of the edition's table. */
export interface RawHit {
  readonly row: number;
  readonly score: number;
  readonly matched: string;
  readonly source: (typeof SOURCES)[number];
}

/**
 * The documents' text, as the offsets of their texts joined by newlines address it: one string, or,
 * for an edition decoded over its base, runs of the base's strings and of the pack's own that are
 * never joined (joining FY2027's over FY2026's would copy 25 MB on the first search). A document's
 * text lies within one run, so a slice of it is a slice of one string.
 */
export class DocumentText {
  /** Where each run starts and ends in the joined text, ascending. */
  readonly #starts: Uint32Array;
  readonly #ends: Uint32Array;
  readonly #texts: readonly string[];
  /** Where each run starts in its own string. */
  readonly #from: Uint32Array;
  /** The length of the joined text. */
  readonly length: number;

  private constructor(
    starts: Uint32Array,
    ends: Uint32Array,
    texts: readonly string[],
    from: Uint32Array,
    length: number,
  ) {
    this.#starts = starts;
    this.#ends = ends;
    this.#texts = texts;
    this.#from = from;
    this.length = length;
  }

  /**
   * One string as the whole text.
   *
   * @example
   * ```ts
   * DocumentText.of('Infarct\nAttack').slice(8, 14) // 'Attack'
   * ```
   */
  static of(text: string): DocumentText {
    return new DocumentText(
      Uint32Array.of(0),
      Uint32Array.of(text.length),
      [text],
      Uint32Array.of(0),
      text.length,
    );
  }

  /** The run holding position `at` of the joined text (the last run starting at or before it). */
  #runAt(at: number): number {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Characters `[start, end)` of the joined text, within one document.
   *
   * @example
   * ```ts
   * DocumentText.of('Infarct\nAttack').slice(0, 7) // 'Infarct'
   * ```
   */
  slice(start: number, end: number): string {
    const k = this.#runAt(start);
    const shift = this.#from[k]! - this.#starts[k]!;
    return this.#texts[k]!.slice(start + shift, end + shift);
  }

  /**
   * Whether the joined text at `start`, lower-cased, begins with `prefix` (a lower-case text within
   * one document). Compared character by character, so that ranking does not copy a document's text
   * for every candidate; a character outside ASCII is compared through `toLowerCase` as a whole.
   *
   * @example
   * ```ts
   * DocumentText.of('Infarct, heart\nAttack').startsWithLowerCase(0, 'infarct, ') // true
   * ```
   */
  startsWithLowerCase(start: number, prefix: string): boolean {
    const k = this.#runAt(start);
    const text = this.#texts[k]!;
    const from = start + this.#from[k]! - this.#starts[k]!;
    if (from + prefix.length > text.length) return false;
    for (let i = 0; i < prefix.length; i++) {
      const c = text.charCodeAt(from + i);
      if (c >= 128) return text.slice(from, from + prefix.length).toLowerCase() === prefix;
      if ((c >= 65 && c <= 90 ? c | 32 : c) !== prefix.charCodeAt(i)) return false;
    }
    return true;
  }

  /**
   * The parts of `[start, end)` of the joined text, run by run: where each starts in the joined
   * text, its string, and the range of that string it covers.
   *
   * @example
   * ```ts
   * [...DocumentText.of('Infarct\nAttack').runsWithin(8, 14)] // [[8, 'Infarct\nAttack', 8, 14]]
   * ```
   */
  *runsWithin(
    start: number,
    end: number,
  ): IterableIterator<readonly [at: number, text: string, from: number, to: number]> {
    for (let k = this.#runAt(start); k < this.#starts.length && this.#starts[k]! < end; k++) {
      const s = Math.max(start, this.#starts[k]!);
      const e = Math.min(end, this.#ends[k]!);
      if (e <= s) continue;
      const shift = this.#from[k]! - this.#starts[k]!;
      yield [s, this.#texts[k]!, s + shift, e + shift];
    }
  }

  /**
   * The joined text (for tests and tools; searching never needs it).
   *
   * @example
   * ```ts
   * DocumentText.of('Infarct').toString() // 'Infarct'
   * ```
   */
  toString(): string {
    let out = '';
    let at = 0;
    for (const [s, text, from, to] of this.runsWithin(0, this.length)) {
      out += '\n'.repeat(s - at) + text.slice(from, to);
      at = s + to - from;
    }
    return out + '\n'.repeat(this.length - at);
  }

  /**
   * Builds a text run by run: {@link DocumentTextBuilder.add} places part of another text at a
   * position of this one.
   *
   * @example
   * ```ts
   * const b = DocumentText.builder()
   * b.add(8, DocumentText.of('Attack'), 0, 6)
   * b.build(14).slice(8, 14) // 'Attack'
   * ```
   */
  static builder(): DocumentTextBuilder {
    const starts: number[] = [];
    const ends: number[] = [];
    const texts: string[] = [];
    const froms: number[] = [];
    return {
      add(at, source, start, end) {
        for (const [s, text, from, to] of source.runsWithin(start, end)) {
          starts.push(at + s - start);
          ends.push(at + s - start + to - from);
          texts.push(text);
          froms.push(from);
        }
      },
      build: (length) =>
        new DocumentText(
          Uint32Array.from(starts),
          Uint32Array.from(ends),
          texts,
          Uint32Array.from(froms),
          length,
        ),
    };
  }
}

/** Assembles a {@link DocumentText} from parts of others ({@link DocumentText.builder}). */
export interface DocumentTextBuilder {
  /** Places characters `[start, end)` of `source` at position `at` of the text being built. */
  add(at: number, source: DocumentText, start: number, end: number): void;
  /** The text, `length` characters long once joined (positions no run covers are newlines). */
  build(length: number): DocumentText;
}

/**
 * The decoded search data of one edition: documents (texts joined by newlines, a title document's
 * text is empty: the codes pack holds it), each document's row, source and essential-word count,
 * and the inverted index (token ids, postings sorted by document id). Read-only, so the indexes of
 * two editions may share a base's arrays.
 */
export interface SearchData {
  readonly docs: DocumentText;
  /** Start of each document's text in `docs`; entry `n` is one past the end (texts end before `off[d + 1] - 1`). */
  readonly docOff: Uint32Array;
  readonly docRow: Uint32Array;
  readonly docSource: Uint8Array;
  readonly docLen: Uint8Array;
  readonly tokens: ReadonlyMap<string, number>;
  readonly postOff: Uint32Array;
  readonly post: Uint32Array;
}

/** A term's own words and the words it holds only among its nonessential modifiers, as tokens. */
interface DocumentWords {
  /** The term as printed, without the cross-reference it is shown with. */
  readonly printed: string;
  /** The cross-reference it is shown with (` (see …)`), or ''. */
  readonly see: string;
  /** The tokens of its nonessential modifiers. */
  readonly modifiers: readonly string[];
  /** Its own tokens and word count, read when first needed ({@link SearchIndex.#ownWordsOf}). */
  readonly own?: OwnWords;
}

/** A term's own tokens ({@link SearchIndex.#ownWordsOf}). */
interface OwnWords {
  /** Its own tokens: those it prints outside its modifiers, then its cross-reference's. */
  readonly tokens: readonly string[];
  /** How many of `tokens` it prints outside its modifiers (the rest are its cross-reference's). */
  readonly printed: number;
  /** How many words it prints as its own, the forms of one word as one. */
  readonly words: number;
}

/** The inverted index of one edition. */
export class SearchIndex {
  readonly #docs: DocumentText;
  readonly #docOff: Uint32Array;
  readonly #docRow: Uint32Array;
  readonly #docSource: Uint8Array;
  readonly #docLen: Uint8Array;
  readonly #tokens: ReadonlyMap<string, number>;
  readonly #postOff: Uint32Array;
  readonly #post: Uint32Array;
  readonly #score: Float64Array;
  readonly #hits: Uint16Array;
  /** Per document: bit g set when it holds a form of the query's essential word g. */
  readonly #words: Uint32Array;
  /** Per document: bit g set when it holds a synonym of the query's essential word g. */
  readonly #synonymWords: Uint32Array;
  readonly #synonymScore: Float64Array;
  readonly #rowBest: Float64Array;
  /**
   * Per row: the score of its best single document, before the union of its documents may raise
   * {@link SearchIndex.#rowBest}. Orders rows the union leaves tied.
   */
  readonly #rowDocBest: Float64Array;
  readonly #rowDoc: Int32Array;
  /** Per row: bit g set when any of its documents holds a form of the query's essential word g. */
  readonly #rowWords: Uint32Array;
  /** Per row: the essential query words its best document holds, as {@link SearchIndex.#words}. */
  readonly #rowDocWords: Uint32Array;
  /** Per row: 1 when its best document names another side than the query ({@link OTHER_SIDE_FACTOR}). */
  readonly #rowOtherSide: Uint8Array;
  /** Per document: the sides of the body it names ({@link SearchIndex.#sidesOf}). Built on the first query naming a side. */
  #docSides: Uint8Array | undefined;
  readonly #touched: Int32Array;
  /** The touched documents in document order, for probing ({@link probedInOrder}). */
  readonly #probeOrder: Int32Array;
  readonly #rows: Int32Array;
  /** Per index-term document: token id of its main term (first word), else -1. Built on first search. */
  #docMain: Int32Array | undefined;
  /** Main-term references as token synonyms ({@link SearchIndex.#synonyms}). Built on first search. */
  #synonymsOf: ReadonlyMap<string, readonly string[]> | undefined;
  #tabular: { readonly start: Int32Array; readonly end: Int32Array } | undefined;
  /** The index's words for spelling correction. Built on the first query word no document holds. */
  #spelling: SpellingDictionary | undefined;
  /** The words the documents print, for spelling correction ({@link SearchIndex.#printedWords}). */
  #printed: SpellingDictionary | undefined;
  /** The same words as a map to how often each is printed, to tell a printed word from another. */
  #printedCounts: ReadonlyMap<string, number> | undefined;
  /** Per row: 1 for billable, 0 for a header (all 1 when unknown). */
  readonly #billable: Uint8Array;
  /** The title (or short title) at an edition position, which title documents do not keep. */
  readonly #titleAt: ((position: number, short: boolean) => string) | undefined;
  /** The code (undotted) at an edition position. */
  readonly #codeAt: ((position: number) => string) | undefined;
  /** The meaning of the seventh character of the code at an edition position, if it has one. */
  readonly #seventhCharacterAt: ((position: number) => string | undefined) | undefined;
  /**
   * Per title and short-title document: how many of its words are its code's seventh-character
   * extension ({@link SearchIndex.#extensionWordsOf}); {@link UNREAD} until first read.
   */
  readonly #extensionWords: Uint8Array | undefined;
  /** Per document: {@link SearchIndex.#extraFormsOf}, {@link UNREAD} until read. */
  #extraForms: Uint8Array | undefined;
  /** Per row: the factor {@link SearchIndex.#spreadSeventhCharacterSiblings} gave it for this query. */
  readonly #rowSpread: Float64Array;
  /** Per row: {@link SearchIndex.#seventhCharacterRunOf}, {@link UNREAD_RUN} until first read. */
  #seventhCharacterRuns: Int32Array | undefined;
  /** Per run's first row: the query that last read the run ({@link SearchIndex.#queries}). */
  #runsRead: Uint32Array | undefined;
  /** Queries that read seventh-character runs so far, numbering them for {@link SearchIndex.#runsRead}. */
  #queries = 0;
  /** Essential-word counts of the seventh characters' texts ({@link SearchIndex.#essentialWordsIn}). */
  #essentialCounts: Map<string, number> | undefined;
  /** {@link SearchIndex.#wordsOf}, per document read. */
  #documentWords: Map<number, DocumentWords | undefined> | undefined;
  /** {@link SearchIndex.#unspecifiedCodeOf}, per header read. */
  #unspecifiedCodes: Map<number, number> | undefined;
  /** The words of the query being searched (essential, then modifiers); empty between queries. */
  #queryWords: readonly string[] = [];
  /** {@link SearchIndex.#encounterWordsNamed}: each seventh character's meaning, as search tokens. */
  #meaningTokens: Map<string, readonly string[]> | undefined;
  /** {@link SearchIndex.#sexSplitOf}, per header read. */
  #sexSplits: Map<number, readonly [number, number] | undefined> | undefined;
  /** Per row: 1 when its title is a family history ({@link FAMILY_HISTORY_TITLE}), 0 if not, {@link UNREAD} until read. */
  #familyHistoryTitles: Uint8Array | undefined;
  /** Per row: 1 when its title is of another kind ({@link SearchIndex.#titlesOtherKind}), 0 if not, {@link UNREAD} until read. */
  #otherKindTitles: Uint8Array | undefined;

  /**
   * @param data the edition's decoded search data ({@link decodeSearchPack}).
   * @param rows how many codes the edition holds (its edition positions).
   * @param codes what the index reads of the edition's codes ({@link SearchCodes}); each one left out
   * turns off the ranking step that needs it.
   */
  constructor(data: SearchData, rows: number, codes: SearchCodes = {}) {
    this.#titleAt = codes.titleAt;
    this.#codeAt = codes.codeAt;
    this.#seventhCharacterAt = codes.seventhCharacterAt;
    this.#docs = data.docs;
    this.#docOff = data.docOff;
    this.#docRow = data.docRow;
    this.#docSource = data.docSource;
    this.#docLen = data.docLen;
    this.#tokens = data.tokens;
    this.#postOff = data.postOff;
    this.#post = data.post;
    this.#score = new Float64Array(this.#docRow.length);
    this.#hits = new Uint16Array(this.#docRow.length);
    this.#words = new Uint32Array(this.#docRow.length);
    this.#synonymWords = new Uint32Array(this.#docRow.length);
    this.#synonymScore = new Float64Array(this.#docRow.length);
    this.#rowBest = new Float64Array(rows);
    this.#rowDocBest = new Float64Array(rows);
    this.#rowDoc = new Int32Array(rows).fill(-1);
    this.#rowWords = new Uint32Array(rows);
    this.#rowOtherSide = new Uint8Array(rows);
    this.#rowDocWords = new Uint32Array(rows);
    this.#rowSpread = new Float64Array(rows).fill(1);
    this.#touched = new Int32Array(this.#docRow.length);
    this.#probeOrder = new Int32Array(this.#docRow.length);
    this.#rows = new Int32Array(rows);
    this.#billable = new Uint8Array(rows).fill(1);
    const billable = codes.billable;
    if (billable) for (let r = 0; r < rows; r++) if (!billable(r)) this.#billable[r] = 0;
    this.#extensionWords =
      codes.seventhCharacterAt && codes.titleAt
        ? new Uint8Array(this.#docRow.length).fill(UNREAD)
        : undefined;
  }

  #text(d: number, max = Number.POSITIVE_INFINITY): string {
    const start = this.#docOff[d]!;
    return this.#docs.slice(start, start + Math.min(this.#textLength(d), max));
  }

  /** The length of document `d`'s text (0 for a title document, whose text the codes pack holds). */
  #textLength(d: number): number {
    return this.#docOff[d + 1]! - 1 - this.#docOff[d]!;
  }

  #mainTerms(): Int32Array {
    if (this.#docMain) return this.#docMain;
    const main = new Int32Array(this.#docRow.length).fill(-1);
    const byWord = new Map<string, number>();
    for (let d = 0; d < main.length; d++) {
      if (this.#docSource[d]! < INDEX_TERM) continue;
      const text = this.#text(d, 40);
      const word = /^[A-Za-z0-9']+/.exec(text)?.[0];
      if (!word) continue;
      let id = byWord.get(word);
      if (id === undefined) {
        const t = searchTokens(word)[0];
        id = t === undefined ? -1 : (this.#tokens.get(t) ?? -1);
        byWord.set(word, id);
      }
      main[d] = id;
    }
    return (this.#docMain = main);
  }

  #startsWith(d: number, prefix: string): boolean {
    if (this.#textLength(d) <= prefix.length) return false;
    return this.#docs.startsWithLowerCase(this.#docOff[d]!, prefix);
  }

  /** Records that document `d` holds a query token: an essential word's form, a compound or a modifier. */
  #count(d: number, p: { readonly words: number; readonly bit: number; readonly synonym: boolean }): void {
    if (p.synonym) this.#synonymWords[d]! |= p.bit;
    else if (p.bit) this.#words[d]! |= p.bit;
    else this.#hits[d]! += p.words ? 16 * p.words : 1;
  }

  /** Adds a token's weight to document `d`: a synonym's apart, counted only where the word is missing. */
  #add(d: number, p: { readonly scale: number; readonly synonym: boolean }, idf: number): void {
    if (p.synonym) this.#synonymScore[d]! += idf * p.scale;
    else this.#score[d]! += idf * p.scale;
  }

  /**
   * Per document, the sides of the body it names: left, right, both (`bilateral`, or left and right
   * together, as the index prints `right, with left`); 0 for none. One walk of the three words'
   * postings, kept: a byte per document, read once per candidate.
   */
  #sidesOf(): Uint8Array {
    if (this.#docSides) return this.#docSides;
    const sides = new Uint8Array(this.#docRow.length);
    for (const [token, side] of [
      [SIDE_TOKENS.left, LEFT_SIDE],
      [SIDE_TOKENS.right, RIGHT_SIDE],
      [SIDE_TOKENS.bilateral, BOTH_SIDES],
    ] as const) {
      const id = this.#tokens.get(token);
      if (id === undefined) continue;
      for (let k = this.#postOff[id]!; k < this.#postOff[id + 1]!; k++) sides[this.#post[k]!]! |= side;
    }
    for (let d = 0; d < sides.length; d++)
      if ((sides[d]! & (LEFT_SIDE | RIGHT_SIDE)) === (LEFT_SIDE | RIGHT_SIDE)) sides[d]! |= BOTH_SIDES;
    return (this.#docSides = sides);
  }

  #contains(start: number, end: number, doc: number): boolean {
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.#post[mid]!;
      if (v === doc) return true;
      if (v < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /**
   * Main terms the index sends to another main term as a whole (`Aplasia — see Agenesis`,
   * `Bleeding — see Hemorrhage`, printed as documents `Aplasia (see Agenesis)`): one token each way,
   * read from the documents on first search.
   */
  #synonyms(): ReadonlyMap<string, readonly string[]> {
    if (this.#synonymsOf) return this.#synonymsOf;
    const out = new Map<string, string[]>();
    const add = (a: string, b: string) => {
      const list = out.get(a);
      if (!list) out.set(a, [b]);
      else if (!list.includes(b)) list.push(b);
    };
    for (let d = 0; d < this.#docRow.length; d++) {
      if (this.#docSource[d] !== INDEX_TERM && this.#docSource[d] !== MANIFESTATION_TERM) continue;
      const m = MAIN_TERM_REFERENCE.exec(this.#text(d, 200));
      if (!m) continue;
      const [from] = searchTokens(m[1]!);
      const [to] = searchTokens(m[2]!);
      if (from === undefined || to === undefined || from === to) continue;
      add(from, to);
      add(to, from);
    }
    return (this.#synonymsOf = out);
  }

  /** Per row, the range of its tabular documents (title, short title, inclusion terms, path). */
  #tabularDocs(): { readonly start: Int32Array; readonly end: Int32Array } {
    if (this.#tabular) return this.#tabular;
    const start = new Int32Array(this.#rowBest.length);
    const end = new Int32Array(this.#rowBest.length);
    for (let d = 0; d < this.#docRow.length; d++) {
      if (this.#docSource[d]! >= INDEX_TERM) continue;
      const r = this.#docRow[d]!;
      if (end[r] === 0) start[r] = d;
      end[r] = d + 1;
    }
    return (this.#tabular = { start, end });
  }

  /**
   * The rows of the query's parent entry: the longest path of the query's leading subterms
   * (`Absence, teeth, acquired, due to, caries` for `…, caries, class IV`) the index prints as an
   * entry of its own. Found through the postings of the path's rarest word, when it is rare.
   */
  #parentEntryRows(query: string): number[] {
    const path = indexPath(query);
    // The rarest essential word of each leading path, shortest first: -1 once a word is held nowhere.
    const rarestOf: number[] = [];
    let rarest = -2;
    for (let k = 0; k < path.length - 1; k++) {
      for (const t of queryParts(path[k]!).essential) {
        const id = rarest === -1 ? undefined : this.#tokens.get(t);
        if (id === undefined) rarest = -1;
        else if (rarest < 0 || this.#documentsHolding(id) < this.#documentsHolding(rarest)) rarest = id;
      }
      rarestOf.push(rarest);
    }
    for (let k = path.length - 1; k >= 1; k--) {
      // Compared in lower case: a query typed in lower case names the entry as well.
      const parent = path.slice(0, k).join(', ').toLowerCase();
      const rarest = rarestOf[k - 1]!;
      if (rarest < 0 || this.#documentsHolding(rarest) > RARE) continue;
      const found: number[] = [];
      for (let x = this.#postOff[rarest]!; x < this.#postOff[rarest + 1]!; x++) {
        const d = this.#post[x]!;
        if (this.#docSource[d]! < INDEX_TERM || this.#textLength(d) !== parent.length) continue;
        if (this.#docs.startsWithLowerCase(this.#docOff[d]!, parent) && !found.includes(this.#docRow[d]!))
          found.push(this.#docRow[d]!);
      }
      if (found.length > 0) return found;
    }
    return [];
  }

  /**
   * Per parent-entry row, the runs of rows whose codes share its first 3, 4, … characters, widest
   * first: codes beside one another in classification order share their leading characters, so
   * each run is found by two binary searches.
   */
  #codeFamilies(parents: readonly number[]): CodeFamily[] {
    const codeAt = this.#codeAt;
    if (codeAt === undefined) return [];
    const out: CodeFamily[] = [];
    const last = this.#rowBest.length - 1;
    for (const p of parents) {
      const code = codeAt(p);
      for (let k = 3; k <= code.length; k++) {
        const prefix = code.slice(0, k);
        const inFamily = (r: number) => codeAt(r).startsWith(prefix);
        // First row of the run in [0, p], last one in [p, last].
        let lo = 0;
        let hi = p;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (inFamily(mid)) hi = mid;
          else lo = mid + 1;
        }
        const first = lo;
        lo = p;
        hi = last;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (inFamily(mid)) lo = mid;
          else hi = mid - 1;
        }
        out.push({ first, last: lo, shared: k });
      }
    }
    return out;
  }

  /** The characters an index-term document prints; 0 for a title or inclusion term. */
  #printedLengthOf(d: number): number {
    return this.#docSource[d]! >= INDEX_TERM ? this.#textLength(d) : 0;
  }

  /**
   * A document's essential words as the ranking counts them: a seventh character's extension
   * ({@link SearchIndex.#extensionWordsOf}) counts as one word, whatever its length. One word, not
   * none: the character is one more axis than the code's header and its siblings without one.
   */
  #rankedLengthOf(d: number): number {
    const length = this.#docLen[d]!;
    if (this.#docSource[d]! > SHORT_TITLE) return length;
    const extension = this.#extensionWordsOf(d);
    return extension > 1 ? length - extension + 1 : length;
  }

  /**
   * How many of a title or short-title document's words are its code's seventh-character extension
   * (`, initial encounter for closed fracture`, `, sequela`), 0 for any other document. The seventh
   * character adds the encounter or episode to a code whose title already names the condition
   * (Official Guidelines FY2026, I.A.5 and I.C.19.a): its words are not, one by one, words the query
   * failed to ask for ({@link SearchIndex.#rankedLengthOf} counts them as one), so that `fracture of
   * femur` does not rank the shortest extension, the sequela, first.
   * The title ends with the character's meaning from the Tabular; the short title abbreviates it
   * after its last comma (`init for clos fx`, `7thD`). Read on first use, kept per document.
   */
  #extensionWordsOf(d: number): number {
    const known = this.#extensionWords;
    if (known === undefined) return 0;
    const held = known[d]!;
    if (held !== UNREAD) return held;
    let words = 0;
    const source = this.#docSource[d]!;
    if (source <= SHORT_TITLE) {
      const row = this.#docRow[d]!;
      const meaning = this.#seventhCharacterAt!(row);
      if (meaning !== undefined) {
        const title = this.#titleAt!(row, source === SHORT_TITLE);
        const comma = title.lastIndexOf(', ');
        const extension =
          source === SHORT_TITLE
            ? comma < 0
              ? ''
              : title.slice(comma + 2)
            : title.endsWith(`, ${meaning}`)
              ? meaning
              : '';
        if (extension !== '') words = Math.min(this.#docLen[d]!, this.#essentialWordsIn(extension));
      }
    }
    known[d] = words;
    return words;
  }

  /**
   * How many of index term `d`'s essential words are further forms of a word it prints before them
   * (`Infection, infected, infective`: 2, `Confusion, confused`: 1; {@link wordCount}), 0 for any
   * other document: words its length counts that name nothing more. Read on first use, kept per
   * document.
   */
  #extraFormsOf(d: number): number {
    if (this.#docSource[d]! < INDEX_TERM) return 0;
    const known = (this.#extraForms ??= new Uint8Array(this.#docRow.length).fill(UNREAD));
    if (known[d] === UNREAD) {
      const own = queryParts(this.#text(d)).essential;
      known[d] = Math.min(UNREAD - 1, own.length - wordCount(own));
    }
    return known[d]!;
  }

  /** How many essential words a text holds, as the pack counts a document's; kept per text. */
  #essentialWordsIn(text: string): number {
    const counts = (this.#essentialCounts ??= new Map());
    let n = counts.get(text);
    if (n === undefined) counts.set(text, (n = queryParts(text).essential.length));
    return n;
  }

  /**
   * Among the candidates that are seventh-character siblings (the same code but for the seventh
   * character), gives the lead (the encounter the query names, else the first) the best score of
   * them and lowers the others, in classification order, by {@link SEVENTH_SIBLING_FACTOR} once,
   * twice, and so on; the factor is kept for the scores still to come ({@link SearchIndex.#rowSpread}).
   */
  #spreadSeventhCharacterSiblings(rows: Int32Array, n: number): void {
    if (this.#extensionWords === undefined) return;
    // Siblings lie together: each run is read from its first row, once, for the candidates in it.
    const spread = this.#rowSpread;
    const read = (this.#runsRead ??= new Uint32Array(this.#rowBest.length));
    // Queries are numbered for the marks; past 2^32 the marks start over.
    let query = (this.#queries + 1) >>> 0;
    if (query === 0) {
      read.fill(0);
      query = 1;
    }
    this.#queries = query;
    const best = this.#rowBest;
    const single = this.#rowDocBest;
    const rowDoc = this.#rowDoc;
    const docWords = this.#rowDocWords;
    const runs = this.#seventhCharacterRunsRead();
    for (let x = 0; x < n; x++) {
      const r = rows[x]!;
      // A run is read whole with its first member: the rows after `first` are its while they name it.
      const first = runs[r] === UNREAD_RUN ? this.#seventhCharacterRunOf(r) : runs[r]!;
      if (first < 0 || read[first] === query) continue;
      read[first] = query;
      // The lead is the encounter whose best document holds the most query words (the encounter the
      // query names), else the first in classification order; it takes the run's best score, since
      // the encounters differ only by the extension and by how their short titles abbreviate the
      // rest. The others follow it in classification order.
      let lead = -1;
      let held = -1;
      let top = 0;
      let topSingle = 0;
      let end = first;
      for (; end < runs.length && runs[end] === first; end++) {
        if (rowDoc[end] === -1) continue;
        const words = bitCount(docWords[end]!);
        if (words > held) {
          lead = end;
          held = words;
        }
        if (best[end]! > top) top = best[end]!;
        if (single[end]! > topSingle) topSingle = single[end]!;
      }
      best[lead] = top;
      single[lead] = topSingle;
      let factor = 1;
      for (let r = first; r < end; r++) {
        if (r === lead || rowDoc[r] === -1) continue;
        factor *= SEVENTH_SIBLING_FACTOR;
        best[r]! *= factor;
        single[r]! *= factor;
        spread[r] = factor;
      }
    }
  }

  /** {@link SearchIndex.#seventhCharacterRuns}, made on first use. */
  #seventhCharacterRunsRead(): Int32Array {
    return (this.#seventhCharacterRuns ??= new Int32Array(this.#rowBest.length).fill(UNREAD_RUN));
  }

  /**
   * The first row of the run of codes that share row `r`'s code but for its seventh character, or -1
   * for a code without one. Siblings lie together in classification order; kept per row.
   */
  #seventhCharacterRunOf(r: number): number {
    const runs = this.#seventhCharacterRunsRead();
    const held = runs[r]!;
    if (held !== UNREAD_RUN) return held;
    const seventhCharacterAt = this.#seventhCharacterAt!;
    const codeAt = this.#codeAt;
    if (codeAt === undefined || seventhCharacterAt(r) === undefined) return (runs[r] = -1);
    const stem = codeAt(r).slice(0, 6);
    const inRun = (n: number) => {
      const code = codeAt(n);
      return code.length === 7 && code.startsWith(stem);
    };
    let first = r;
    while (first > 0 && inRun(first - 1)) first--;
    for (let n = first; n < runs.length && (n === first || inRun(n)); n++) runs[n] = first;
    return first;
  }

  /** The row's title document, else its first tabular document, else -1. */
  #titleDocOf(r: number): number {
    const tabular = this.#tabularDocs();
    let first = -1;
    for (let d = tabular.start[r]!; d < tabular.end[r]!; d++) {
      if (this.#docRow[d] !== r) continue;
      if (this.#docSource[d] === TITLE) return d;
      if (first < 0) first = d;
    }
    return first;
  }

  /**
   * The code beside row `r` whose title is r's on the side `asked`, or -1: among the codes that
   * share r's code but for its last two characters (the side is the last axis, or the last but the
   * seventh character's) and its category, or a header's own codes, within {@link VARIANT_SPAN}
   * rows. ICD-10-CM prints laterality as a code's axis (Official Guidelines FY2026, I.B.13): `…,
   * left ear`, `…, right ear`, `…, bilateral` are siblings, their titles the same but for the side
   * and the body part the side names.
   *
   * Of several such codes, the one whose title shares the most words with the document that led
   * row `r` (then the nearest): a header's codes may differ by site as well as by side (L03.11
   * `Cellulitis of other parts of limb` holds the upper and the lower limb on each side), and the
   * index term that brought the header names the site (`Cellulitis, leg (see Cellulitis, lower
   * limb)`).
   */
  #sideVariantOf(r: number, asked: number, other: boolean): number {
    const titleAt = this.#titleAt;
    const codeAt = this.#codeAt;
    if (titleAt === undefined || codeAt === undefined) return -1;
    const code = codeAt(r);
    if (code.length < 4) return -1;
    const ownTokens = searchTokens(titleAt(r, false));
    const ownSides = essentialSides(ownTokens);
    if (other ? ownSides === 0 || ownSides === asked : ownSides !== 0) return -1;
    const own = withoutSides(ownTokens);
    const header = !this.#billable[r];
    let led: readonly string[] | undefined;
    // Within the category at least: a four-character code's siblings are its category's codes.
    return this.#bestInFamily(r, code.slice(0, Math.max(3, code.length - 2)), (n, c) => {
      // A header's side is in its codes (C50.91 female breast, C50.912 left female breast).
      const child = header && c.length === code.length + 1 && c.startsWith(code);
      if (c.length !== code.length && !child) return 0;
      const title = titleAt(n, false);
      // Most siblings name no side or another: a look at the text spares tokenizing them.
      if (!SIDE_WORD.test(title)) return 0;
      const tokens = searchTokens(title);
      if (essentialSides(tokens) !== asked) return 0;
      const theirs = withoutSides(tokens);
      const [ownOnly, theirsOnly] = wordsNotShared(own, theirs);
      // Another side's sibling: the same words but for one the side names (`left ear`, `bilateral`).
      // An unspecified side's: the same words but for one exchanged (`unspecified extremity`, `left leg`).
      const sibling = other
        ? Math.min(ownOnly, theirsOnly) === 0 && Math.max(ownOnly, theirsOnly) <= 1
        : ownOnly === theirsOnly && ownOnly <= 1;
      if (!sibling) return 0;
      led ??= searchTokens(this.#text(this.#rowDoc[r]!));
      return 1 + sharedWords(theirs, led);
    });
  }

  /**
   * The sibling of row `r` (its code but for the last character, within {@link VARIANT_SPAN} rows)
   * whose title holds every word of the query's last subterm, or -1. Siblings are read once per
   * query: a family in `scanned` is not read again.
   */
  #leafVariantOf(r: number, leafTokens: readonly string[], scanned: Set<string>): number {
    const titleAt = this.#titleAt;
    const codeAt = this.#codeAt;
    if (titleAt === undefined || codeAt === undefined || leafTokens.length === 0) return -1;
    const code = codeAt(r);
    // A seventh character's siblings differ by encounter or episode, which the index never prints.
    if (code.length < 4 || code.length >= 7) return -1;
    const family = code.slice(0, -1);
    if (scanned.has(family)) return -1;
    scanned.add(family);
    return this.#nearestInFamily(r, family, (n, c) => {
      if (c.length !== code.length) return false;
      const title = titleAt(n, false);
      // A stem is most often the start of the word it stands for: a look at the text spares
      // tokenizing most titles (the tokens decide).
      const lower = title.toLowerCase();
      if (!leafTokens.some((t) => lower.includes(t))) return false;
      const tokens = searchTokens(title);
      return leafTokens.every((t) => tokens.includes(t));
    });
  }

  /**
   * The billable code nearest to row `r`, before it and then after it, within {@link VARIANT_SPAN}
   * rows and while codes start with `family` (siblings lie together in classification order), that
   * `matches` accepts; or -1. A header of seventh-character codes is read as the code it stands for
   * ({@link SearchIndex.#codeFor}): `matches` reads the header, the code is returned.
   */
  #nearestInFamily(r: number, family: string, matches: (row: number, code: string) => boolean): number {
    const codeAt = this.#codeAt!;
    // Up to sixteen seventh-character codes follow each code that takes them (S82.891A … S82.891S
    // before S82.892): read, but counted only among codes of seven characters.
    const countAll = codeAt(r).length === 7;
    for (const step of [-1, 1])
      for (let n = r + step, k = 1; k <= VARIANT_SPAN && n >= 0 && n < this.#rowBest.length; n += step) {
        const c = codeAt(n);
        if (!c.startsWith(family)) break;
        const code = this.#codeFor(n);
        if (code >= 0 && matches(n, c)) return code;
        if (countAll || c.length < 7) k++;
      }
    return -1;
  }

  /**
   * The billable code within {@link VARIANT_SPAN} rows of row `r`, while codes start with `family`,
   * that `rank` ranks highest (0 refuses a code); of codes ranked alike, the one
   * {@link SearchIndex.#nearestInFamily} would find first. Or -1.
   */
  #bestInFamily(r: number, family: string, rank: (row: number, code: string) => number): number {
    let best = -1;
    let bestRank = 0;
    this.#nearestInFamily(r, family, (n, c) => {
      const k = rank(n, c);
      if (k > bestRank) {
        best = this.#codeFor(n);
        bestRank = k;
      }
      return false;
    });
    return best;
  }

  /**
   * Row `r` when its code is billable; for a header, the code it stands for
   * ({@link SearchIndex.#standInOf}); else -1.
   */
  #codeFor(r: number): number {
    return this.#billable[r] ? r : this.#standInOf(r);
  }

  /**
   * The billable code a header stands for when the query says nothing of the axis its codes add, or
   * -1: for a header of seventh-character codes, the encounter ({@link SearchIndex.#encounterOf});
   * else its one code that adds an unspecified axis ({@link SearchIndex.#unspecifiedCodeOf}), read
   * the same way down to a billable code (S72.00 `Fracture of unspecified part of neck of femur`:
   * S72.009 `… of unspecified femur`, then S72.009A). A header is no valid code on a claim (Official
   * Guidelines FY2026, I.A.3 and I.B.2), and the index prints one with a dash for the coder to
   * complete in the Tabular (I.B.1); what the record does not document is coded unspecified
   * (I.A.9.b, I.B.18).
   */
  #standInOf(r: number): number {
    for (let n = this.#withSexAsked(r); n >= 0; n = this.#withSexAsked(this.#unspecifiedCodeOf(n, true))) {
      if (this.#billable[n]) return n;
      const encounter = this.#encounterOf(n);
      if (encounter >= 0) return encounter;
    }
    return -1;
  }

  /**
   * Of a header's codes one character longer, the only one whose title says `unspecified` more
   * often than the header's (H66.9 `Otitis media, unspecified`: H66.90 `…, unspecified ear`; L89.9
   * `Pressure ulcer of unspecified site`: L89.90 `…, unspecified stage`), or -1: none, or several.
   * With `bySex`, a header whose codes split by the patient's sex alone, which has no unspecified
   * code, gives the code of them that the query leads with ({@link SearchIndex.#sexSplitOf}).
   */
  #unspecifiedCodeOf(r: number, bySex = false): number {
    const codeAt = this.#codeAt;
    const titleAt = this.#titleAt;
    if (this.#billable[r] || codeAt === undefined || titleAt === undefined) return -1;
    // Read once per header: a category's codes run to hundreds of rows (S72: about 1,500).
    const known = (this.#unspecifiedCodes ??= new Map()).get(r);
    if (known !== undefined) return known < 0 && bySex ? this.#sexCodeOf(r) : known;
    const code = codeAt(r);
    const own = unspecifiedAxes(titleAt(r, false));
    // The codes one character longer: those adding an unspecified axis, and of them those not
    // named nondisplaced.
    let codes = 0;
    let last = -1;
    let unspecified = 0;
    let found = -1;
    let displaced = 0;
    let foundDisplaced = -1;
    for (let n = r + 1; n < this.#rowBest.length; n++) {
      const c = codeAt(n);
      if (!c.startsWith(code)) break;
      if (c.length !== code.length + 1) continue;
      codes++;
      last = n;
      const title = titleAt(n, false);
      if (unspecifiedAxes(title) <= own) continue;
      if (unspecified++ === 0) found = n;
      if (!NONDISPLACED_WORD.test(title) && displaced++ === 0) foundDisplaced = n;
    }
    // One such code is the header's unspecified code. Of two or more, a fracture's is the displaced
    // one: a fracture not indicated as displaced or nondisplaced is coded displaced (Official
    // Guidelines FY2026, I.C.19.c.1; S92.35: S92.353, not S92.356). A header with one code one
    // character longer holds nothing but that code (S06.9 `Unspecified intracranial injury`:
    // S06.9X, the placeholder X, I.A.4), which stands for it in turn.
    if (unspecified > 1) found = displaced === 1 ? foundDisplaced : -1;
    else if (unspecified === 0 && codes === 1) found = last;
    this.#unspecifiedCodes.set(r, found);
    return found < 0 && bySex ? this.#sexCodeOf(r) : found;
  }

  /**
   * Of a header's two codes for the patient's sex ({@link SearchIndex.#sexSplitOf}), the one the
   * query leads with (`male breast cancer`), else the first in the Tabular's order; -1 when the
   * header does not split that way. The sex is the patient's, a fact of the claim (the Medicare Code
   * Editor's sex edits check it), not of how a diagnosis is worded: a search that names none shows
   * the code the Tabular lists first, as a header of seventh characters shows its initial encounter
   * (the alphabetic index itself gives `Cancer, breast` as C50.91-, the female breast).
   */
  #sexCodeOf(r: number): number {
    if (this.#billable[r] || this.#codeAt === undefined || this.#titleAt === undefined) return -1;
    const split = this.#sexSplitOf(r);
    if (split === undefined) return -1;
    const [first, second] = split;
    const asked = this.#sexAsked();
    if (asked !== undefined) return sexOf(this.#titleAt(first, false)) === asked ? first : second;
    return this.#rowBest[second]! > this.#rowBest[first]! ? second : first;
  }

  /** The patient's sex the current query names, one and not the other (`male breast cancer`), or undefined. */
  #sexAsked(): string | undefined {
    const male = this.#queryWords.includes(SEX_TOKENS.male);
    const female = this.#queryWords.includes(SEX_TOKENS.female);
    return male === female ? undefined : male ? 'male' : 'female';
  }

  /**
   * Header `n`, or its sibling for the sex the query names when `n` is one half of its parent's
   * split by the patient's sex ({@link SearchIndex.#sexSplitOf}) and names the other: the index
   * gives `Cancer, breast` as C50.91- (female), and `male breast cancer` asks for C50.92-.
   */
  #withSexAsked(n: number): number {
    const titleAt = this.#titleAt;
    const codeAt = this.#codeAt;
    if (n < 0 || this.#billable[n] || titleAt === undefined || codeAt === undefined) return n;
    const asked = this.#sexAsked();
    const own = asked === undefined ? undefined : sexOf(titleAt(n, false));
    if (own === undefined || own === asked) return n;
    // The parent lies before its codes, within the sibling before n and that sibling's codes.
    const parent = codeAt(n).slice(0, -1);
    for (let p = n - 1; p >= 0; p--) {
      const c = codeAt(p);
      if (c === parent) {
        const split = this.#sexSplitOf(p);
        return split === undefined ? n : split[0] === n ? split[1] : split[1] === n ? split[0] : n;
      }
      if (!c.startsWith(parent)) break;
    }
    return n;
  }

  /**
   * The two codes one character longer than header `r` whose titles are its title's but for the
   * patient's sex (C50.9 `Malignant neoplasm of breast of unspecified site`: C50.91 `…, female`,
   * C50.92 `…, male`; N35.0 `Post-traumatic urethral stricture`: `…, male`, `…, female`), in the
   * Tabular's order; undefined for any other header. ICD-10-CM has no unspecified sex for them.
   */
  #sexSplitOf(r: number): readonly [number, number] | undefined {
    const sexSplits = (this.#sexSplits ??= new Map());
    if (sexSplits.has(r)) return sexSplits.get(r);
    const codeAt = this.#codeAt!;
    const titleAt = this.#titleAt!;
    const code = codeAt(r);
    const header = titleAt(r, false).toLowerCase();
    const codes: number[] = [];
    let split = !SEX_WORD.test(header);
    for (let n = r + 1; split && n < this.#rowBest.length; n++) {
      const c = codeAt(n);
      if (!c.startsWith(code)) break;
      if (c.length !== code.length + 1) continue;
      const title = titleAt(n, false).toLowerCase();
      split = SEX_WORD.test(title) && sameWordsButSex(title, header);
      codes.push(n);
    }
    const found =
      split && codes.length === 2 && sexOf(titleAt(codes[0]!, false)) !== sexOf(titleAt(codes[1]!, false))
        ? ([codes[0]!, codes[1]!] as const)
        : undefined;
    sexSplits.set(r, found);
    return found;
  }

  /**
   * For a header whose codes differ from it only by the seventh character (S61.412 `Laceration
   * without foreign body of left hand` takes A, D or S), the code an index term giving the header
   * stands for: the index prints the header, and the seventh character is required for a valid code
   * (Official Guidelines FY2026, I.A.5; I.B.1, the dash). That is the code of them leading the
   * search: of the codes whose seventh character's meaning holds the most query words (`open
   * fracture of distal radius`: `initial encounter for open fracture type I or II`), the one ranked
   * highest, else the first, the initial encounter; or -1 when `r` is not such a header. The meaning
   * is read first: the codes of a header the index gave may not be among the rows the query's
   * words reached.
   */
  #encounterOf(r: number): number {
    const codeAt = this.#codeAt;
    const next = r + 1;
    if (
      this.#billable[r] ||
      codeAt === undefined ||
      this.#seventhCharacterAt === undefined ||
      next >= this.#rowBest.length ||
      this.#seventhCharacterRunOf(next) !== next ||
      !codeAt(next).startsWith(codeAt(r))
    )
      return -1;
    const runs = this.#seventhCharacterRunsRead();
    let lead = next;
    let leadNamed = this.#encounterWordsNamed(next);
    for (let n = next + 1; n < runs.length && runs[n] === next; n++) {
      const named = this.#encounterWordsNamed(n);
      if (named > leadNamed || (named === leadNamed && this.#rowBest[n]! > this.#rowBest[lead]!)) {
        lead = n;
        leadNamed = named;
      }
    }
    return lead;
  }

  /** How many words of the current query (essential or not) row `r`'s seventh character's meaning holds. */
  #encounterWordsNamed(r: number): number {
    const words = this.#queryWords;
    if (words.length === 0) return 0;
    const meaning = this.#seventhCharacterAt!(r);
    if (meaning === undefined) return 0;
    const known = (this.#meaningTokens ??= new Map());
    let tokens = known.get(meaning);
    if (tokens === undefined) known.set(meaning, (tokens = searchTokens(meaning)));
    let named = 0;
    for (let i = 0; i < words.length; i++) if (tokens.includes(words[i]!)) named++;
    return named;
  }

  /**
   * How many of document `d`'s own words a query leaves out when it holds some query word only
   * among its nonessential modifiers, the words in parentheses (Official Guidelines FY2026, I.A.7):
   * such a word covers the query word but is none of the term's own, so the term's own words are
   * counted, the forms of one word as one; undefined when no held query word (bits of `held`, by
   * their groups of `forms`) is held only that way. Read from the text of an index or inclusion term;
   * the cross-reference a term is shown with (`(see Infarct, myocardium)`) is what it means, not a
   * modifier.
   */
  #ownWordsLeftOut(
    d: number,
    essential: readonly string[],
    forms: readonly number[],
    held: number,
  ): number | undefined {
    const words = this.#wordsOf(d);
    if (words === undefined) return undefined;
    // Most leading terms hold the query's words as their own: the modifiers are read first, and the
    // rest of the text only when a held query word is among them.
    const inModifiers = queryWordsAmong(words.modifiers, essential, forms);
    if ((inModifiers & held) === 0) return undefined;
    const own = this.#ownWordsOf(d, words);
    const ownBits = queryWordsAmong(own.tokens, essential, forms);
    const only = bitCount(inModifiers & ~ownBits & held);
    if (only === 0) return undefined;
    // The words it prints that the query holds: not those only its cross-reference holds
    // (`Failure, heart (acute), end stage (see Failure, heart, by type as … systolic, chronic)`
    // prints `end stage`, which `acute on chronic systolic heart failure` leaves out).
    return Math.max(
      0,
      own.words - bitCount(queryWordsAmong(own.tokens, essential, forms, own.printed) & held),
    );
  }

  /**
   * How many of the query words document `d` holds (`held`, one bit per word) it prints as its own
   * words, not only in a nonessential modifier or its cross-reference: `Failure, heart (acute),
   * systolic, acute, and (on) chronic` prints every word of `acute on chronic systolic heart
   * failure`, `Failure, heart (acute), systolic, chronic` all but `acute`. Of two terms scored
   * alike, the one whose own words say more of the query is the entry the query names (a
   * nonessential modifier may be present or absent without changing the code, Official Guidelines
   * FY2026, I.A.7, and so does not name it).
   */
  #queryWordsHeldAsOwn(
    d: number,
    essential: readonly string[],
    forms: readonly number[],
    held: number,
  ): number {
    const words = this.#wordsOf(d);
    if (words === undefined) return bitCount(held);
    // Most terms print the query's words they hold: the modifiers are read first, the rest of the
    // text only when a held query word is among them or the term has a cross-reference.
    if (words.see === '' && (queryWordsAmong(words.modifiers, essential, forms) & held) === 0)
      return bitCount(held);
    const own = this.#ownWordsOf(d, words);
    return bitCount(queryWordsAmong(own.tokens, essential, forms, own.printed) & held);
  }

  /**
   * The tokens of an index or inclusion term's nonessential modifiers, the words in parentheses
   * (Official Guidelines FY2026, I.A.7), but for the cross-reference it is shown with (`(see Infarct,
   * myocardium)`), which is its meaning; undefined for a title or a term without modifiers. Read
   * once per document.
   */
  #wordsOf(d: number): DocumentWords | undefined {
    if (this.#docSource[d]! <= SHORT_TITLE) return undefined;
    const cache = (this.#documentWords ??= new Map());
    if (cache.has(d)) return cache.get(d);
    const text = this.#text(d);
    let words: DocumentWords | undefined;
    if (text.includes('(')) {
      const see = text.lastIndexOf(' (see ');
      const printed = see < 0 ? text : text.slice(0, see);
      const modifiers = searchTokens((printed.match(NONESSENTIAL_MODIFIER) ?? []).join(' '));
      if (modifiers.length > 0) words = { printed, see: see < 0 ? '' : text.slice(see), modifiers };
    }
    cache.set(d, words);
    return words;
  }

  /**
   * A term's own tokens (those of the cross-reference it is shown with too) and how many words it
   * prints as its own, the forms of one word as one (`Infection, infected, infective`: one).
   */
  #ownWordsOf(d: number, words: DocumentWords): OwnWords {
    if (words.own !== undefined) return words.own;
    const essential = queryParts(words.printed).essential;
    const own = {
      tokens: words.see === '' ? essential : [...essential, ...searchTokens(words.see)],
      printed: essential.length,
      words: wordCount(essential),
    };
    this.#documentWords!.set(d, { ...words, own });
    return own;
  }

  /**
   * Whether document `d` is the title of a code for another kind than the ones its siblings name
   * (`Other asthma`, `Other Hodgkin lymphoma, spleen`, `Encounter for other contraceptive
   * management`): the residual category, where the classification puts conditions specified but
   * classified nowhere else (Official Guidelines FY2026, I.A.9.a). `Other and unspecified …` is the
   * unspecified code too, and is not one. An inclusion term that says `Other` so (`Other epilepsy
   * NOS` under G40.802) names such a kind too.
   */
  #titlesOtherKind(d: number): boolean {
    if (this.#docSource[d] === INCLUSION_TERM) return OTHER_KIND_TITLE.test(this.#text(d));
    if (this.#docSource[d] !== TITLE) return false;
    const row = this.#docRow[d]!;
    const known = (this.#otherKindTitles ??= new Uint8Array(this.#rowBest.length).fill(UNREAD));
    if (known[row] === UNREAD) known[row] = this.#otherKindOf(row) ? 1 : 0;
    return known[row] === 1;
  }

  /**
   * Whether index term `d` is the entry of the query's words alone: its own words (not its
   * nonessential modifiers, not its cross-reference) hold every query word, and it counts no more
   * words than the query has (a main term's default kind, `traumatic` in `Fracture, traumatic,
   * hip`, is not counted by the pack, nor is `primary` in a cell of the Neoplasm Table's `Malignant
   * Primary` column; the forms of a word count as one).
   */
  #namesQueryAlone(d: number, essential: readonly string[], otherAsked: boolean): boolean {
    const length = this.#rankedLengthOf(d);
    // A main term printed in several forms (`Neoplasm, neoplastic`) is one word of the entry's.
    // Read first, from what is kept per document: most candidates fail here.
    if (length > essential.length && length - this.#extraFormsOf(d) > wordCount(essential)) return false;
    const text = this.#text(d);
    // `Ataxia, hereditary, specified NEC` is the residual kind of `Ataxia, hereditary`, not its
    // entry: NEC marks the code for conditions specified but classified nowhere else (I.A.9.a).
    if (!otherAsked && SPECIFIED_NEC_SUBTERM.test(text)) return false;
    const own = queryParts(text).essential;
    return essential.every((t) => own.includes(t));
  }

  /**
   * Whether row `r`'s code is an external cause's (chapter 20, V00-Y99), which is never the
   * first-listed diagnosis (Official Guidelines FY2026, I.C.20.a.6).
   */
  #isExternalCause(r: number): boolean {
    return this.#codeAt !== undefined && EXTERNAL_CAUSE_CODE.test(this.#codeAt(r));
  }

  /** Whether row `r`'s code is a family member's history ({@link FAMILY_HISTORY_FACTOR}), read once per row. */
  #isFamilyHistory(r: number): boolean {
    const titleAt = this.#titleAt;
    if (titleAt === undefined) return false;
    const known = (this.#familyHistoryTitles ??= new Uint8Array(this.#rowBest.length).fill(UNREAD));
    if (known[r] === UNREAD) known[r] = FAMILY_HISTORY_TITLE.test(titleAt(r, false)) ? 1 : 0;
    return known[r] === 1;
  }

  /** {@link SearchIndex.#titlesOtherKind} for a row's title, read from the title and inclusion terms. */
  #otherKindOf(row: number): boolean {
    if (!OTHER_KIND_TITLE.test(this.#titleAt!(row, false))) return false;
    // `Other fatigue` includes `Fatigue NOS`, and NOS is the equivalent of unspecified (Official
    // Guidelines FY2026, I.A.6.b): the code is the default, not a residual kind.
    const tabular = this.#tabularDocs();
    for (let t = tabular.start[row]!; t < tabular.end[row]!; t++)
      if (this.#docRow[t] === row && this.#docSource[t] === INCLUSION_TERM) {
        // `Other epilepsy NOS` is another kind not further specified, not epilepsy unspecified.
        const text = this.#text(t);
        if (NOS_WORD.test(text) && !OTHER_KIND_TITLE.test(text)) return false;
      }
    return true;
  }

  /**
   * The query with each word no document holds that the classification prints with a hyphen after a
   * prefix written as the classification prints it: `preeclampsia` as `pre-eclampsia`, `preexisting`
   * as `pre-existing`, `posttraumatic` as `post-traumatic`. Everything the ranking reads of the query
   * (its tokens, its index path, the entry it continues) then reads the printed word.
   */
  #withHyphens(
    query: string,
    parts: { readonly essential: readonly string[]; readonly optional: readonly string[] },
  ): string {
    let out = query;
    let words: ReadonlyMap<string, string> | undefined;
    for (const token of parts.essential.length ? parts.essential : parts.optional) {
      if (this.#holds(token)) continue;
      const word = (words ??= writtenTokens(query)).get(token);
      if (word === undefined) continue;
      const prefix = HYPHENATED_PREFIXES.find((p) => {
        if (!word.startsWith(p) || word.length < p.length + MIN_PART) return false;
        const split = searchTokens(`${p}-${word.slice(p.length)}`);
        return split.length === 2 && split.every((t) => this.#holds(t));
      });
      if (prefix !== undefined)
        out = out.replace(
          new RegExp(`\\b${word}\\b`, 'i'),
          (w) => `${w.slice(0, prefix.length)}-${w.slice(prefix.length)}`,
        );
    }
    return out;
  }

  /** Whether some document holds the token (a delta edition keeps tokens only deleted codes held). */
  #holds(token: string): boolean {
    const id = this.#tokens.get(token);
    return id !== undefined && this.#documentsHolding(id) > 0;
  }

  /** How many documents hold the token of that id (none for a token a delta edition only inherits). */
  #documentsHolding(id: number): number {
    return this.#postOff[id + 1]! - this.#postOff[id]!;
  }

  /**
   * The indexed tokens nearest to a token no document holds ({@link SpellingDictionary}): first
   * through the word as the query wrote it, compared with the words the documents print (the stemmer
   * can carry a misspelt word far from its stem: `stifness` stems to `stif`, `stiffness` to
   * `stiff`), then through the token among the index's tokens; when no word is spelt near, the
   * held words a long word is built from or into ({@link SearchIndex.#partsOf}).
   */
  #spellingsOf(token: string, written: string | undefined): string[] {
    const found: string[] = [];
    if (written !== undefined && editsAllowed(written) > 0) {
      const nearest = this.#printedWords()
        .corrections(written, CORRECTIONS)
        .map((word) => searchTokens(word));
      // A misspelt word that search leaves out (`unspecifed`, `witth`): read as that word, nothing.
      if (nearest.length > 0 && nearest[0]!.length === 0) return [];
      for (const tokens of nearest)
        if (tokens.length === 1 && this.#holds(tokens[0]!) && !found.includes(tokens[0]!))
          found.push(tokens[0]!);
    }
    if (found.length === 0 && editsAllowed(token) > 0)
      found.push(...this.#tokenWords().corrections(token, CORRECTIONS));
    if (found.length === 0 && token.length >= MIN_COMPOUND) found.push(...this.#partsOf(token));
    return found;
  }

  /**
   * For a long word no document holds and none is spelt near: the indexed words it is built from
   * or built into. Medical words are compounds of combining forms (`pseudo` + `hypoparathyroidism`,
   * `para` + `geusia`): the shortest held word that ends with it, then the longest held word of six
   * letters or more that it ends with, then the longest it starts with; the first two found.
   */
  #partsOf(token: string): string[] {
    let suffix = '';
    let prefix = '';
    let container = '';
    for (const [t, id] of this.#tokens) {
      if (t.length >= MIN_PART && t.length <= token.length - 2) {
        if (t.length > suffix.length && token.endsWith(t) && this.#documentsHolding(id) > 0) suffix = t;
        if (t.length > prefix.length && token.startsWith(t) && this.#documentsHolding(id) > 0) prefix = t;
      } else if (
        t.length > token.length &&
        (container === '' || t.length < container.length) &&
        t.endsWith(token) &&
        this.#documentsHolding(id) > 0
      )
        container = t;
    }
    const parts: string[] = [];
    for (const t of [container, suffix, prefix]) if (t !== '' && !parts.includes(t)) parts.push(t);
    return parts.slice(0, CORRECTIONS);
  }

  /** The index's tokens with how many documents hold each, for correcting a token. Built on first use. */
  #tokenWords(): SpellingDictionary {
    if (!this.#spelling) {
      const words: [string, number][] = [];
      for (const [word, id] of this.#tokens) words.push([word, this.#documentsHolding(id)]);
      this.#spelling = new SpellingDictionary(words);
    }
    return this.#spelling;
  }

  /**
   * The words the documents print (three letters or more, lower case) with how often, for reading a
   * misspelt query word as written. Title documents keep no text (the codes pack holds it), so their
   * words are only among the tokens. Built on the first correction.
   */
  #printedWords(): SpellingDictionary {
    this.#printed ??= new SpellingDictionary(this.#printedCountsOf());
    return this.#printed;
  }

  /** The words the documents print with how often each is, counted on first use and kept. */
  #printedCountsOf(): ReadonlyMap<string, number> {
    this.#printedCounts ??= printedWordCounts(this.#docs);
    return this.#printedCounts;
  }

  /**
   * A held token read as a misspelling too (a real-word error): when few documents hold it, and no
   * document prints its word as the query writes it, the tokens of the printed words spelt nearest
   * to that word that ten times as many documents hold, with the inverse document frequency of the
   * first (the most the token as written may earn). `migrane` stems to `migran`, which
   * `Larva migrans` holds; the documents print `migraine`, one edit away, under a token held 16
   * times as often. Undefined for a word the documents print as written, or none near enough.
   */
  #asRealWordError(
    token: string,
    writtenAs: () => ReadonlyMap<string, string>,
  ): { readonly alternatives: readonly string[]; readonly maxIdf: number } | undefined {
    const id = this.#tokens.get(token)!;
    const df = this.#documentsHolding(id);
    if (df > REAL_WORD_DF) return undefined;
    const written = writtenAs().get(token);
    if (written === undefined || editsAllowed(written) === 0 || this.#printedCountsOf().has(written))
      return undefined;
    // No document holding the token prints the word as written. A title document keeps no text
    // here: its title is read from the codes (without them, it may print the word).
    for (let k = this.#postOff[id]!; k < this.#postOff[id + 1]!; k++) {
      const d = this.#post[k]!;
      if (this.#textLength(d) > 0) continue;
      if (this.#titleAt === undefined) return undefined;
      if (printsWord(this.#titleAt(this.#docRow[d]!, this.#docSource[d] === SHORT_TITLE), written))
        return undefined;
    }
    const alternatives: string[] = [];
    let maxIdf = 0;
    for (const word of this.#printedWords().corrections(written, CORRECTIONS)) {
      const tokens = searchTokens(word);
      if (tokens.length !== 1 || tokens[0] === token || alternatives.includes(tokens[0]!)) continue;
      const other = this.#tokens.get(tokens[0]!);
      if (other === undefined) continue;
      const otherDf = this.#documentsHolding(other);
      if (otherDf < REAL_WORD_RATIO * df) continue;
      if (alternatives.length === 0) maxIdf = Math.log(1 + this.#docRow.length / otherDf);
      alternatives.push(tokens[0]!);
    }
    return alternatives.length > 0 ? { alternatives, maxIdf } : undefined;
  }

  /** Number of documents. */
  get size(): number {
    return this.#docRow.length;
  }

  /**
   * Top `limit` rows for a query. Scratch arrays are reused and cleared before returning, so the
   * method is synchronous and leaves no state behind.
   */
  search(written: string, limit: number): RawHit[] {
    try {
      return this.#search(written, limit);
    } finally {
      this.#queryWords = [];
    }
  }

  #search(written: string, limit: number): RawHit[] {
    const asWritten = queryParts(written);
    // A closed-up word the classification prints hyphenated is read as printed, the whole query with it.
    const query = this.#withHyphens(written, asWritten);
    const parts = withFractureDefaults(query === written ? asWritten : queryParts(query));
    const essential = parts.essential.length ? parts.essential.slice(0, 32) : parts.optional.slice(0, 32);
    const optional = parts.essential.length ? parts.optional.slice(0, 16) : [];
    // The seventh character a header stands for is the one whose meaning the query names.
    this.#queryWords = optional.length === 0 ? essential : [...essential, ...optional];
    // Whether the query asks for an other or specified kind, the residual category (I.A.9.a).
    const otherAsked = OTHER_KIND_ASKED.test(query);
    // Forms of one word printed together (`Gout, gouty`) are one query word: either form covers it.
    const forms = wordForms(essential);
    const present: {
      df: number;
      start: number;
      end: number;
      weight: number;
      scale: number;
      synonym: boolean;
      /** A synonym earns at most what the query's own word would: its rarity is not the query's. */
      maxIdf: number;
      words: number;
      bit: number;
    }[] = [];
    const queryIds: number[] = [];
    /** Per essential word (group of forms): the inverse document frequency of its rarest form. */
    const wordIdf: number[] = [];
    // Two adjacent words the index writes as one (`Coldsore`) count as both words.
    const compounds = parts.essential.length
      ? compoundTokens(query).filter((t) => !essential.includes(t))
      : [];
    let corrected = 0;
    // The query's words as written, read only when one of its tokens is held by no document, or
    // by so few that it may be a misspelling of another word.
    let writtenAs: ReadonlyMap<string, string> | undefined;
    for (const [list, weight, words] of [
      [essential, 1, 1],
      [compounds, 1, 2],
      [optional, OPTIONAL_WEIGHT, 0],
    ] as const) {
      for (let i = 0; i < list.length; i++) {
        // An essential word no document holds is read as its nearest spellings in the index.
        const unheld = list === essential && !this.#holds(list[i]!);
        const written = unheld ? (writtenAs ??= writtenTokens(query)).get(list[i]!) : undefined;
        const misspelt =
          unheld &&
          (editsAllowed(list[i]!) > 0 || (written !== undefined && editsAllowed(written) > 0)) &&
          corrected++ < MAX_CORRECTED_WORDS;
        // A held word may still be misspelt: another word's stem (`migrane` reads as `migrans`).
        const realWord =
          list === essential && !unheld && corrected < MAX_CORRECTED_WORDS
            ? this.#asRealWordError(list[i]!, () => (writtenAs ??= writtenTokens(query)))
            : undefined;
        if (realWord) corrected++;
        const spellings = misspelt
          ? this.#spellingsOf(list[i]!, written)
          : realWord
            ? [list[i]!, ...realWord.alternatives]
            : [list[i]!];
        for (const t of spellings) {
          const id = this.#tokens.get(t);
          if (id === undefined) continue;
          const start = this.#postOff[id]!;
          const end = this.#postOff[id + 1]!;
          // A delta edition keeps its base's token list: a token only deleted codes held has no postings.
          if (start === end) continue;
          if (weight === 1) queryIds.push(id);
          if (list === essential) {
            const g = forms[i]!;
            wordIdf[g] = Math.max(wordIdf[g] ?? 0, Math.log(1 + this.#docRow.length / (end - start)));
          }
          present.push({
            df: end - start,
            start,
            end,
            weight,
            scale: weight,
            synonym: false,
            // The word as written, when read as a misspelling too, earns no more than the word it
            // likely means: otherwise its rarity alone would rank `Larva migrans` above `Migraine`.
            maxIdf: realWord && t === list[i] ? realWord.maxIdf : Number.POSITIVE_INFINITY,
            words,
            bit: list === essential ? (1 << forms[i]!) >>> 0 : 0,
          });
        }
      }
    }
    // A main term the index sends to another (`Aplasia — see Agenesis`, `Bleeding — see Hemorrhage`)
    // is the same word to the reader: either covers the query word, the index's own word ranks higher.
    if (parts.essential.length && SYNONYM_WEIGHT > 0) {
      const synonyms = this.#synonyms();
      const seen = new Set(essential);
      for (let i = 0; i < essential.length; i++) {
        for (const t of synonyms.get(essential[i]!) ?? []) {
          if (seen.has(t)) continue;
          seen.add(t);
          const id = this.#tokens.get(t);
          if (id === undefined) continue;
          const start = this.#postOff[id]!;
          const end = this.#postOff[id + 1]!;
          if (start === end || end - start > SYNONYM_PROBE_DF) continue;
          present.push({
            df: end - start,
            start,
            end,
            weight: 1,
            scale: SYNONYM_WEIGHT,
            synonym: true,
            maxIdf: wordIdf[forms[i]!] ?? Number.POSITIVE_INFINITY,
            words: 1,
            bit: (1 << forms[i]!) >>> 0,
          });
        }
      }
    }
    if (present.length === 0) return [];
    const n = this.#docRow.length;
    // Preallocated scratch lists (no garbage per query): touched documents and rows.
    const touched = this.#touched;
    let nt = 0;
    // Candidates come from the rarer tokens (always at least the rarest); common tokens are only
    // probed by binary search in their sorted postings, which keeps the cost bounded by the rare lists.
    // Essential tokens first (rarest first): at most three rare lists generate candidates; the
    // other essential tokens and every nonessential modifier are only probed against them.
    // Synonyms sort after the query's own words: they never take a generating list's place.
    present.sort((a, b) =>
      a.weight !== b.weight
        ? b.weight - a.weight
        : a.synonym !== b.synonym
          ? Number(a.synonym) - Number(b.synonym)
          : a.df - b.df,
    );
    let k0 = 0;
    // When even the rarest essential token is common (e.g. "fracture, left"), probing each candidate
    // costs more than walking the lists, so every essential list (up to eight) is accumulated.
    const walkAll = present[0]!.df > 4 * RARE;
    while (
      k0 < present.length &&
      present[k0]!.weight === 1 &&
      !present[k0]!.synonym &&
      (walkAll ? k0 < 8 : k0 < 3 && (k0 === 0 || present[k0]!.df <= RARE))
    ) {
      const p = present[k0]!;
      const idf = Math.min(p.maxIdf, Math.log(1 + n / p.df));
      for (let k = p.start; k < p.end; k++) {
        const d = this.#post[k]!;
        if (this.#hits[d] === 0 && this.#words[d] === 0 && this.#synonymWords[d] === 0) touched[nt++] = d;
        this.#count(d, p);
        this.#add(d, p, idf);
      }
      k0++;
    }
    // A rare synonym also brings its own documents (`Agenesis, nail` for `Aplasia, nail`); a
    // less rare one only adds to the candidates there are. Either is read by walking its short
    // postings once (synonyms are kept below SYNONYM_PROBE_DF documents), cheaper than probing it
    // for each candidate; the walk that may add candidates comes first.
    for (const adds of [true, false])
      for (let j = k0; j < present.length; j++) {
        const p = present[j]!;
        if (!p.synonym || p.df <= SYNONYM_WALK_DF !== adds) continue;
        const idf = Math.min(p.maxIdf, Math.log(1 + n / p.df));
        for (let k = p.start; k < p.end; k++) {
          const d = this.#post[k]!;
          if (this.#hits[d] === 0 && this.#words[d] === 0 && this.#synonymWords[d] === 0) {
            if (!adds) continue;
            touched[nt++] = d;
          }
          this.#count(d, p);
          this.#add(d, p, idf);
        }
      }
    // The other words are probed against the candidates in document order, each from where the
    // last one stopped in the word's postings: one pass through the postings per word rather than
    // a binary search from scratch per candidate. The candidates keep their own order for scoring.
    const candidates = probedInOrder(touched, nt, this.#probeOrder);
    for (let j = k0; j < present.length; j++) {
      if (present[j]!.synonym) continue;
      const p = present[j]!;
      const idf = Math.min(p.maxIdf, Math.log(1 + n / p.df));
      let at = p.start;
      for (let x = 0; x < nt && at < p.end; x++) {
        const d = candidates[x]!;
        at = seekPosting(this.#post, at, p.end, d);
        if (at < p.end && this.#post[at] === d) {
          this.#count(d, p);
          this.#add(d, p, idf);
        }
      }
    }
    const qn = wordCount(essential);
    let leaf = 0;
    const leafTokens = parts.essential.length ? lastSubterm(query) : [];
    // A last subterm that only names a side (`Cataract, senile, right`) adds an axis, not a
    // condition: a code without laterality lacks it without being another entry's (Guidelines
    // I.B.13), and a document naming another side is already held below ({@link OTHER_SIDE_FACTOR}).
    if (parts.essential.length && !leafTokens.every(isSideToken))
      for (const t of leafTokens) {
        const i = essential.indexOf(t);
        if (i >= 0) leaf |= (1 << forms[i]!) >>> 0;
      }
    // The side the query asks for, from its essential words (a side in a nonessential modifier,
    // `(bilateral)`, leaves the side open, as the index means it).
    const asked = essentialSides(parts.essential);
    const docSides = this.#sidesOf();
    // A history the query gives without a family member is the patient's own.
    const ownHistory =
      parts.essential.includes(HISTORY_TOKENS.history) && !parts.essential.includes(HISTORY_TOKENS.family);
    const queryPath = `${query.trim().toLowerCase()}, `;
    // The codes beside the query's parent entry's ({@link PARENT_ENTRY_FACTOR}).
    const families =
      PARENT_ENTRY_FACTOR > 0 && parts.essential.length && this.#codeAt !== undefined
        ? this.#codeFamilies(this.#parentEntryRows(query))
        : [];
    const nearParent = families.length === 0 ? undefined : (row: number) => parentEntryFactor(row, families);
    const rows = this.#rows;
    const mainOf = this.#mainTerms();
    let nr = 0;
    for (let x = 0; x < nt; x++) {
      const d = touched[x]!;
      // words: one bit per essential word held; hits: 16 per word of a compound, 1 per optional one.
      // A word held only as a synonym covers it, at the synonym's weight.
      const bySynonym = bitCount(this.#synonymWords[d]! & ~this.#words[d]!);
      const matched = bitCount(this.#words[d]! | this.#synonymWords[d]!) + (this.#hits[d]! >> 4);
      const cover = Math.min(1, matched / Math.max(1, qn));
      const main = mainOf[d]!;
      const mainAsked = main >= 0 && queryIds.includes(main);
      let extra = Math.max(0, this.#rankedLengthOf(d) - matched);
      // An index term of the query's words alone but for its main term's other forms (`Infection,
      // infected, infective` for `infection`) is the entry the query looks up: the forms are one
      // word, not words the query left out.
      if (
        extra > 0 &&
        matched >= qn &&
        mainAsked &&
        this.#extraFormsOf(d) === extra &&
        this.#namesQueryAlone(d, essential, otherAsked)
      )
        extra = 0;
      const row = this.#docRow[d]!;
      const prior =
        (this.#billable[row] ? 1 : HEADER_FACTOR) *
        (isContinuedTerm(this.#docSource[d]!) ? CONTINUED_FACTOR : 1) *
        (mainAsked ? MAIN_TERM_BOOST : 1) *
        (nearParent === undefined ? 1 : nearParent(row)) *
        (ownHistory && this.#isFamilyHistory(row) ? FAMILY_HISTORY_FACTOR : 1);
      const narrower =
        // Only a document holding every query word can continue the query's path: the text is
        // compared for those alone.
        extra > 0 && matched >= qn && this.#docSource[d]! >= INDEX_TERM && this.#startsWith(d, queryPath)
          ? NARROWER_FACTOR
          : 1;
      if (bySynonym) this.#score[d]! += this.#synonymScore[d]!;
      const named = docSides[d]!;
      const otherSide = asked !== 0 && named !== 0 && (named & asked) === 0;
      const s =
        (otherSide ? OTHER_SIDE_FACTOR : named !== 0 && asked === 0 ? SIDE_NOT_ASKED : 1) *
        (bySynonym ? SYNONYM_WEIGHT ** bySynonym : 1) *
        (leaf !== 0 && ((this.#words[d]! | this.#synonymWords[d]!) & leaf) === 0 ? LEAF_MISSING_FACTOR : 1) *
        narrower *
        ((this.#score[d]! * cover * cover) / (1 + EXTRA_WORD * extra)) *
        (this.#docSource[d] === TITLE ? 1.02 : 1) *
        prior;
      this.#rowWords[row]! |= this.#words[d]!;
      const docWords = this.#words[d]! | this.#synonymWords[d]!;
      this.#score[d] = 0;
      this.#hits[d] = 0;
      this.#words[d] = 0;
      this.#synonymWords[d] = 0;
      this.#synonymScore[d] = 0;
      if (this.#rowDoc[row] === -1) rows[nr++] = row;
      if (this.#rowDoc[row] === -1 || s > this.#rowBest[row]!) {
        this.#rowBest[row] = s;
        this.#rowDocBest[row] = s;
        this.#rowDoc[row] = d;
        this.#rowOtherSide[row] = otherSide ? 1 : 0;
        this.#rowDocWords[row] = docWords;
      }
    }
    // A code is all its documents: the query's words found across them (`Fatigue, senile` for R54,
    // whose index terms are `Debility, senile` and `Fatigue` … in separate entries) count, below a
    // single document holding them together.
    const union = (r: number) => {
      const u = this.#rowWords[r]!;
      const held = bitCount(u);
      if (held < 2) return;
      let idf = 0;
      for (let g = 0; g < qn; g++) if (u & (1 << g)) idf += wordIdf[g] ?? 0;
      const cover = held / qn;
      const s =
        UNION_FACTOR *
        idf *
        cover *
        cover *
        (this.#billable[r] ? 1 : HEADER_FACTOR) *
        (this.#rowOtherSide[r] ? OTHER_SIDE_FACTOR : 1) *
        (leaf !== 0 && (u & leaf) === 0 ? LEAF_MISSING_FACTOR : 1) *
        (nearParent === undefined ? 1 : nearParent(r)) *
        (ownHistory && this.#isFamilyHistory(r) ? FAMILY_HISTORY_FACTOR : 1) *
        this.#rowSpread[r]!;
      if (s > this.#rowBest[r]!) this.#rowBest[r] = s;
    };
    if (UNION_FACTOR > 0 && qn > 1) for (let x = 0; x < nr; x++) union(rows[x]!);
    const top: number[] = [];
    const complete = qn > 1 && UNION_FACTOR > 0;
    // A leading `Other …` title lowered below (`otherLeftOut`) lets the next row into the page: a
    // query of one word, whose rows are not completed, keeps some rows past the page for that.
    const otherLeftOut = this.#titleAt !== undefined && !otherAsked;
    const keep = complete ? Math.max(limit, COMPLETED_ROWS) : otherLeftOut ? limit + PAST_THE_PAGE : limit;
    // Partial selection: keep the `limit` best rows. Rows scored alike are ordered by their best
    // single document (the union of a row's documents can raise rows to one score), then by the
    // fewer words of their own that document holds: for "essential hypertension" every
    // `Hypertension, …` term holds both words, `(essential)` being the main term's modifier, and
    // the main term's own code (I10) leads its subterms' (`…, psychogenic` F45.8): the code beside
    // a main term is its default (ICD-10-CM Official Guidelines I.A.18). Then by the shorter printed
    // text of an index term (a title or inclusion term first): words the tokens leave out still set
    // an entry's subterms apart from it (`Disease, vascular, specified NEC` from `Disease,
    // vascular`). Then, of the two codes one index term gives (`Disease, Alzheimer's G30.9 [F02.80]`),
    // the etiology before the manifestation printed in brackets (Official Guidelines FY2026, I.A.13).
    // Then earlier classification order first.
    const best = this.#rowBest;
    const single = this.#rowDocBest;
    const ownWords = (r: number) => this.#rankedLengthOf(this.#rowDoc[r]!);
    const printed = (r: number) => this.#printedLengthOf(this.#rowDoc[r]!);
    const manifestation = (r: number) => Number(isManifestationTerm(this.#docSource[this.#rowDoc[r]!]!));
    const better = (a: number, b: number) =>
      best[a]! > best[b]! ||
      (best[a] === best[b] &&
        (single[a]! > single[b]! ||
          (single[a] === single[b] &&
            (ownWords(a) < ownWords(b) ||
              (ownWords(a) === ownWords(b) &&
                (printed(a) < printed(b) ||
                  (printed(a) === printed(b) &&
                    (manifestation(a) < manifestation(b) ||
                      (manifestation(a) === manifestation(b) && a < b)))))))));
    /** `better` as a sort's comparator: the kept rows re-ranked after scores change. */
    const byRank = (a: number, b: number) => (better(a, b) ? -1 : better(b, a) ? 1 : 0);
    this.#spreadSeventhCharacterSiblings(rows, nr);
    for (let x = 0; x < nr; x++) keepRanked(top, keep, rows[x]!, better);
    // A query word a leading document holds only in a nonessential modifier (`Cyst, multilocular
    // (ovary)` for `ovarian cyst`) covers the query word but is none of the document's own words:
    // the document's own words the query leaves out (`multilocular`) are extra, as they are for a
    // document that does not hold the query word at all.
    // Likewise a leading title of an `Other …` code (`Other asthma`) for a query that asks for no
    // other or specified kind: the title's `Other` (a stop word, which no query word meets) is one
    // word the query leaves out, so that the unspecified code (`Asthma NOS`) comes first.
    if (qn > 1 || otherLeftOut) {
      // Read in rank order down to the page's last row, and one row further for each row lowered
      // (it may leave the page, and the row after the page enter it); the rows below are not read.
      let lowered = 0;
      for (let x = 0; x < top.length && x < limit + lowered; x++) {
        const r = top[x]!;
        const d = this.#rowDoc[r]!;
        const extra = Math.max(0, this.#rankedLengthOf(d) - bitCount(this.#rowDocWords[r]!));
        // An index or inclusion term's own words, or a title's (one or the other: a title has no
        // modifiers, an index term no `Other`).
        const otherKind = otherLeftOut && this.#titlesOtherKind(d);
        const ownExtra = otherKind
          ? extra + 1
          : qn > 1 && this.#docSource[d]! > SHORT_TITLE
            ? this.#ownWordsLeftOut(d, essential, forms, this.#rowDocWords[r]!)
            : undefined;
        if (ownExtra === undefined || ownExtra <= extra) continue;
        const factor =
          ((1 + EXTRA_WORD * extra) / (1 + EXTRA_WORD * ownExtra)) * (otherKind ? AFTER_NAMED_KINDS : 1);
        best[r]! *= factor;
        single[r]! *= factor;
        lowered++;
      }
      if (lowered > 0) top.sort(byRank);
    }
    if (complete) {
      // The leading codes' own titles and inclusion terms are read for every query word, rare or
      // not (a common word is only probed against the candidates the rare ones brought): a code
      // whose title holds the common word and whose index term the rare one is whole again.
      const tabular = this.#tabularDocs();
      for (const r of top) {
        for (let d = tabular.start[r]!; d < tabular.end[r]!; d++) {
          if (this.#docRow[d] !== r) continue;
          for (const p of present)
            if (p.bit && !p.synonym && !(this.#rowWords[r]! & p.bit) && this.#contains(p.start, p.end, d))
              this.#rowWords[r]! |= p.bit;
        }
        union(r);
      }
      top.sort(byRank);
    }
    // A leading code matched on another side than asked stands for its variant on the asked side:
    // the index prints each side as a sibling entry, and the asked one may be the entry missing.
    // Likewise a leading code whose documents lack a word of the query's last subterm stands for
    // its sibling whose title holds that subterm (`…, caries, class I` for `…, caries, class IV`),
    // and a leading header of seventh-character codes for the code of them it stands for.
    {
      let added = false;
      const promote = (n: number, s: number, through = -1) => {
        if (this.#rowDoc[n] === -1) {
          // A code the search shows through one of its own documents (each code has its title's).
          const d = this.#titleDocOf(n);
          if (d < 0) return;
          rows[nr++] = n;
          this.#rowDoc[n] = d;
        } else if (s <= best[n]!) return;
        // A header's code shows the document that found the header, and ranks among codes scored
        // alike as the header did.
        if (through >= 0) this.#rowDoc[n] = through;
        best[n] = s;
        single[n] = s;
        if (!top.includes(n)) top.push(n);
        added = true;
      };
      // A header whose code took its place follows that code, as the code's next encounter would.
      const followsItsCode = (r: number) => {
        best[r]! *= SEVENTH_SIBLING_FACTOR;
        single[r]! *= SEVENTH_SIBLING_FACTOR;
      };
      // An index term of the query's words alone whose code is a header (`Loss (of), hearing` gives
      // H91.9-) is the entry the query looks up, and its code is the header completed for what the
      // query leaves unsaid: H91.90, the unspecified ear. A dash in the index means characters
      // are required (Official Guidelines FY2026, I.B.1), the code beside the entry is the default
      // (I.A.18), and a side the record does not give is the unspecified side (I.B.13). A code the
      // index prints without the seventh character it takes (`Fracture, traumatic, ankle` gives
      // S82.899) is completed the same way, with the encounter (I.A.5): S82.899A. That code
      // ranks as the entry would if the index printed it whole, from anywhere among the candidate
      // rows: the header's own factor is for a code no claim can carry, not for the entry's answer,
      // and many codes of longer entries may rank above the header (`fracture` gives thousands of
      // `…, initial encounter for closed fracture` titles above `Fracture, traumatic` T14.8-). The
      // cheap tests come first. Of two such entries, the External Cause Index's (`Fracture
      // (circumstances unknown or unspecified)` X58.-) follows the Alphabetic Index's: an external
      // cause code is never the first-listed diagnosis (Official Guidelines FY2026, I.C.20 and
      // I.C.20.a.6).
      if (asked === 0) {
        const candidates = nr;
        for (let x = 0; x < candidates; x++) {
          const r = rows[x]!;
          if (this.#billable[r] || bitCount(this.#rowDocWords[r]!) < qn) continue;
          const d = this.#rowDoc[r]!;
          if (this.#docSource[d]! < INDEX_TERM || !this.#namesQueryAlone(d, essential, otherAsked)) continue;
          const n = this.#standInOf(r);
          const score = (best[r]! / HEADER_FACTOR) * (this.#isExternalCause(r) ? AFTER_NAMED_KINDS : 1);
          if (n < 0) {
            // No code of the header is the default (`Blindness` gives H54.0X-, whose codes each
            // name a category for each eye): the header itself ranks as the entry, for the reader
            // to choose the characters the index requires. Not a manifestation printed in brackets,
            // which follows its etiology (I.A.13).
            if (isManifestationTerm(this.#docSource[d]!)) continue;
            best[r] = single[r] = score;
            if (!top.includes(r)) top.push(r);
            added = true;
            continue;
          }
          if (score <= best[n]!) continue;
          promote(n, score, d);
          followsItsCode(r);
        }
      }
      // Likewise the entry of the query's words but for the side (`Fracture, traumatic, hip` for
      // `fracture of right hip`): the index prints no side under it, the header's codes carry it
      // (S72.001, right femur). Its document covers all but the side word, so it may rank far below
      // the page; every candidate row is read, the cheap tests first. Its code on the asked side
      // ranks as the entry would if it held the side word too (the side word's weight added, and no
      // cover lost for it).
      if (asked !== 0) {
        let sideBits = 0;
        for (let i = 0; i < essential.length; i++)
          if (isSideToken(essential[i]!)) sideBits |= (1 << forms[i]!) >>> 0;
        const wanted = (((qn >= 32 ? 0 : 1 << qn) - 1) & ~sideBits) >>> 0;
        const unsided = essential.filter((t) => !isSideToken(t));
        const candidates = nr;
        for (let x = 0; x < candidates; x++) {
          const r = rows[x]!;
          if (this.#billable[r] || (this.#rowDocWords[r]! & wanted) !== wanted) continue;
          const d = this.#rowDoc[r]!;
          if (
            this.#docSource[d]! < INDEX_TERM ||
            docSides[d] !== 0 ||
            !this.#namesQueryAlone(d, unsided, otherAsked)
          )
            continue;
          // A header split by the patient's sex keeps the side a level further down (C50.9, C50.91, C50.911).
          let n = this.#sideVariantOf(r, asked, false);
          if (n < 0) {
            const bySex = this.#sexCodeOf(r);
            if (bySex >= 0) n = this.#sideVariantOf(bySex, asked, false);
          }
          if (n < 0) continue;
          const words = this.#rowDocWords[r]!;
          let heldIdf = 0;
          let sideIdf = 0;
          for (let g = 0; g < qn; g++)
            if (words & (1 << g)) heldIdf += wordIdf[g] ?? 0;
            else if (sideBits & (1 << g)) sideIdf += wordIdf[g] ?? 0;
          if (heldIdf <= 0) continue;
          const score =
            (best[r]! * (qn / bitCount(words)) ** 2 * ((heldIdf + sideIdf) / heldIdf)) / HEADER_FACTOR;
          if (score <= best[n]!) continue;
          promote(n, score, d);
        }
      }
      if (added) top.sort(byRank);
      const scanned = new Set<string>();
      for (const r of top.slice(0, limit)) {
        const score = best[r]!;
        // A header of seventh-character codes stands for one of them: that code takes the header's
        // score, and the header follows it as the code's next encounter would. The first code shown
        // is one valid on a claim: a leading header of other codes stands for its unspecified code,
        // found through the header's own document; below it, headers stay as the index prints
        // them (each code put before one would push a code off the page). A query naming a side
        // is answered by the side variant below, not by the unspecified side.
        if (!this.#billable[r]) {
          const encounter = this.#encounterOf(r);
          const n = encounter < 0 && asked === 0 && r === top[0] ? this.#standInOf(r) : encounter;
          if (n >= 0 && score > best[n]!) {
            promote(n, score, n === encounter ? -1 : this.#rowDoc[r]!);
            followsItsCode(r);
          }
        }
        if (asked !== 0) {
          const other = this.#rowOtherSide[r] === 1;
          const n = this.#sideVariantOf(r, asked, other);
          if (n >= 0)
            promote(
              n,
              other ? (score / OTHER_SIDE_FACTOR) * SIDE_VARIANT_FACTOR : score * UNSIDED_VARIANT_FACTOR,
            );
        }
        if (leaf !== 0 && LEAF_VARIANT_FACTOR > 0 && (this.#rowDocWords[r]! & leaf) !== leaf) {
          const n = this.#leafVariantOf(r, leafTokens, scanned);
          if (n >= 0) promote(n, score * LEAF_VARIANT_FACTOR);
        }
      }
      if (added) top.sort(byRank);
      // Headers scored alike (`Bite (s) (animal) (human), hip`, `…, hand`, …): the one completed
      // above gives way to its code, and the next may take the lead. The first code shown is still
      // one valid on a claim: each new leading header stands for its code in turn.
      for (let turn = 0; asked === 0 && turn < limit; turn++) {
        const r = top[0];
        if (r === undefined || this.#billable[r]) break;
        const encounter = this.#encounterOf(r);
        const n = encounter < 0 ? this.#standInOf(r) : encounter;
        if (n < 0) break;
        // The code takes the header's score, or keeps its own if higher (the header led on a tie).
        if (best[r]! > best[n]!) promote(n, best[r]!, n === encounter ? -1 : this.#rowDoc[r]!);
        followsItsCode(r);
        top.sort(byRank);
      }
    }
    // On the page, of two codes scored alike by the same best single document score, the one whose
    // document prints more of the query's words as its own comes first
    // ({@link SearchIndex.#queryWordsHeldAsOwn}), and of those an entry before a `…, specified
    // NEC` subterm, its residual kind (I.A.9.a), for a query that asks for no other kind: the
    // entry may print a cross-reference that makes its text the longer (`Cholelithiasis (see
    // Calculus, gallbladder)` K80.20, `Cholelithiasis, specified NEC` K80.80). Headers follow the
    // codes they are scored alike with, so that the first code shown stays one valid on a claim.
    // This orders the page only, once its rows are known: the documents are read for those rows,
    // and which rows make the page does not change.
    const namesQuery = (r: number) => {
      if (!this.#billable[r]) return -2;
      const d = this.#rowDoc[r]!;
      const residual =
        !otherAsked && this.#docSource[d]! >= INDEX_TERM && SPECIFIED_NEC_SUBTERM.test(this.#text(d));
      return 2 * this.#queryWordsHeldAsOwn(d, essential, forms, this.#rowDocWords[r]!) - (residual ? 1 : 0);
    };
    orderScoredAlike(top, (a, b) => best[a] === best[b] && single[a] === single[b], namesQuery, limit);
    top.length = Math.min(top.length, limit);
    const out = top.map((row) => {
      const d = this.#rowDoc[row]!;
      return {
        row,
        score: this.#rowBest[row]!,
        matched: this.#text(d),
        source: SOURCES[this.#docSource[d]!] ?? 'title',
      };
    });
    for (let x = 0; x < nr; x++) {
      const r = rows[x]!;
      this.#rowDoc[r] = -1;
      this.#rowBest[r] = 0;
      this.#rowDocBest[r] = 0;
      this.#rowWords[r] = 0;
      this.#rowOtherSide[r] = 0;
      this.#rowDocWords[r] = 0;
      this.#rowSpread[r] = 1;
    }
    return out;
  }
}

/**
 * The query words (one bit per word, `forms` giving each essential token's word) found among the
 * first `end` of `tokens`: a term's modifiers, its own tokens, or those it prints.
 *
 * @internal
 * @example
 * ```ts
 * queryWordsAmong(['gout', 'chronic'], ['chronic', 'gout', 'gouti'], [0, 1, 1]) // 0b11
 * queryWordsAmong(['gout', 'chronic'], ['chronic', 'gout'], [0, 1], 1) // 0b10
 * ```
 */
export function queryWordsAmong(
  tokens: readonly string[],
  essential: readonly string[],
  forms: readonly number[],
  end = tokens.length,
): number {
  let bits = 0;
  for (let i = 0; i < essential.length; i++) {
    const at = tokens.indexOf(essential[i]!);
    if (at >= 0 && at < end) bits |= (1 << forms[i]!) >>> 0;
  }
  return bits;
}

/**
 * Orders each run of rows scored alike among the first `page` rows of `top` (adjacent, as `top` is
 * ranked) by `key`, the larger first, keeping the run's order among rows of one key: the page,
 * ranked by `better`, becomes ranked by `key` before `better` among rows scored alike. Which rows
 * make the page does not change: a run that the page's end cuts is ordered up to it. The key is
 * read once per row of a run of two or more.
 *
 * @internal
 * @example
 * ```ts
 * const top = [9, 7, 4, 2]
 * orderScoredAlike(top, (a, b) => a > 5 === b > 5, (r) => r % 3) // top is [7, 9, 2, 4]
 * ```
 */
export function orderScoredAlike(
  top: number[],
  scoredAlike: (a: number, b: number) => boolean,
  key: (row: number) => number,
  page = top.length,
): void {
  const end = Math.min(page, top.length);
  for (let i = 0; i < end; ) {
    let j = i + 1;
    while (j < end && scoredAlike(top[i]!, top[j]!)) j++;
    if (j - i > 1) {
      const keys = top.slice(i, j).map((row) => [key(row), row] as const);
      // Array.prototype.sort is stable: rows of one key keep their order.
      keys.sort((a, b) => b[0] - a[0]);
      for (let k = 0; k < keys.length; k++) top[i + k] = keys[k]![1];
    }
    i = j;
  }
}

/**
 * Puts `row` in its place in `top`, a list ranked by `better` and kept to `keep` rows: it enters
 * when the list has room or it ranks above the last row, which then leaves. Rows ranked below it
 * move down one place each (no pair swapped through a new array: ranking runs for every candidate
 * of a query).
 *
 * @internal
 * @example
 * ```ts
 * const top = [9, 5]
 * keepRanked(top, 2, 7, (a, b) => a > b) // top is [9, 7]
 * ```
 */
export function keepRanked(
  top: number[],
  keep: number,
  row: number,
  better: (a: number, b: number) => boolean,
): void {
  if (keep <= 0 || (top.length >= keep && !better(row, top[top.length - 1]!))) return;
  let i = top.length < keep ? top.length : top.length - 1;
  for (; i > 0 && better(row, top[i - 1]!); i--) top[i] = top[i - 1]!;
  top[i] = row;
}

/** How many times a title says `unspecified`: each is an axis the code leaves open. */
function unspecifiedAxes(title: string): number {
  return title.match(UNSPECIFIED_WORD)?.length ?? 0;
}

/**
 * The first position in sorted postings `post[from..end)` whose document is `doc` or later (`end`
 * if none): a galloping search from `from` (steps of 1, 2, 4, … then a binary search in the last
 * step), so that candidates taken in document order each cost the logarithm of the gap from the
 * previous one, not of the whole list.
 *
 * @internal
 * @example
 * ```ts
 * seekPosting(Uint32Array.of(2, 5, 9, 14), 0, 4, 9) // 2
 * ```
 */
export function seekPosting(post: Uint32Array, from: number, end: number, doc: number): number {
  if (from >= end || post[from]! >= doc) return from;
  // post[lo] < doc throughout; the step doubles until post[hi] >= doc or the list ends.
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < end && post[hi]! < doc) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > end) hi = end;
  // The first position in (lo, hi] holding doc or later.
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (post[mid]! < doc) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The first `n` candidates in document order, for probing: sorted in `scratch`, so that the scoring
 * loop still meets the candidates in the order they were found (which decides the document a code
 * shows among equal scores).
 */
function probedInOrder(touched: Int32Array, n: number, scratch: Int32Array): Int32Array {
  const sorted = scratch.subarray(0, n);
  sorted.set(touched.subarray(0, n));
  return n > 1 ? sorted.sort() : sorted;
}

/** Whether a text prints a word (lower case) as a whole word, in any case. */
function printsWord(text: string, word: string): boolean {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
    const before = at === 0 ? 0 : lower.charCodeAt(at - 1);
    const after = at + word.length < lower.length ? lower.charCodeAt(at + word.length) : 0;
    if (!(before >= 97 && before <= 122) && !(after >= 97 && after <= 122)) return true;
  }
  return false;
}

/**
 * The words of three to 48 ASCII letters a text prints, lower case, with how often (a query word of
 * five letters may be two edits from one of three: `witth` from `with`). One pass over
 * the characters, each distinct spelling lower-cased once: the documents are 25 million
 * characters, and a regular expression over a lower-cased copy took about twice as long.
 */
function printedWordCounts(docs: DocumentText): Map<string, number> {
  const asPrinted = new Map<string, number>();
  // Runs are whole documents, which end at a newline: no word spans two.
  for (const [, text, from, to] of docs.runsWithin(0, docs.length)) {
    let start = -1;
    for (let i = from; i <= to; i++) {
      const c = i < to ? text.charCodeAt(i) | 32 : 0;
      if (c >= 97 && c <= 122) {
        if (start < 0) start = i;
        continue;
      }
      if (start < 0) continue;
      if (i - start >= 3 && i - start <= 48) {
        const word = text.slice(start, i);
        asPrinted.set(word, (asPrinted.get(word) ?? 0) + 1);
      }
      start = -1;
    }
  }
  const lower = new Map<string, number>();
  for (const [word, n] of asPrinted) {
    const key = word.toLowerCase();
    lower.set(key, (lower.get(key) ?? 0) + n);
  }
  return lower;
}

/**
 * The side of the body essential query words ask for: both when they say `bilateral` or name left
 * and right together (the index's `right, with left`), else left or right, else 0 (no side).
 */
function essentialSides(essential: readonly string[]): number {
  const left = essential.includes(SIDE_TOKENS.left);
  const right = essential.includes(SIDE_TOKENS.right);
  if (essential.includes(SIDE_TOKENS.bilateral) || (left && right)) return BOTH_SIDES;
  return left ? LEFT_SIDE : right ? RIGHT_SIDE : 0;
}

/** A run of rows whose codes share their first `shared` characters with a parent entry's code. */
interface CodeFamily {
  readonly first: number;
  readonly last: number;
  readonly shared: number;
}

/** The factor {@link PARENT_ENTRY_FACTOR} gives a row: by the most characters its code shares with a parent entry's. */
function parentEntryFactor(row: number, families: readonly CodeFamily[]): number {
  let shared = 0;
  for (const f of families) if (row >= f.first && row <= f.last && f.shared > shared) shared = f.shared;
  return shared >= 3 ? 1 + PARENT_ENTRY_FACTOR * (shared - 2) : 1;
}

/**
 * A query's index path: its comma-separated parts, commas inside a nonessential modifier's
 * parentheses kept in their part.
 */
function indexPath(query: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(query.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(query.slice(from).trim());
  return parts;
}

/** Tokens without the side words. */
function withoutSides(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !isSideToken(t));
}

/**
 * How many of `a`'s tokens `b` lacks and how many of `b`'s `a` lacks, each token counted as often as
 * it is printed.
 */
function wordsNotShared(a: readonly string[], b: readonly string[]): [number, number] {
  const left = [...a];
  let onlyB = 0;
  for (const t of b) {
    const i = left.indexOf(t);
    if (i < 0) onlyB++;
    else left.splice(i, 1);
  }
  return [left.length, onlyB];
}

/** How many distinct words of `a` are also in `b`. */
function sharedWords(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a.indexOf(a[i]!) === i && b.includes(a[i]!)) n++;
  return n;
}

/** Whether a document source id is an index term continued through a reference. */
function isContinuedTerm(source: number): boolean {
  return source === CONTINUED_TERM || source === CONTINUED_MANIFESTATION_TERM;
}

/** Whether a document source id is an index term giving a manifestation code printed in brackets. */
function isManifestationTerm(source: number): boolean {
  return source === MANIFESTATION_TERM || source === CONTINUED_MANIFESTATION_TERM;
}

/** A text that may name a side of the body (the tokens decide). */
const SIDE_WORD = /left|right|bilateral/i;

/** A fracture's kind other than the default, displaced (Official Guidelines FY2026, I.C.19.c.1). */
const NONDISPLACED_WORD = /\bnondisplaced\b/i;

/** A word naming the patient's sex in a Tabular title (`…, female`, `Male orgasmic disorder`). */
const SEX_WORD = /\b(?:fe)?male\b/i;

/** The search tokens of the words naming the patient's sex. */
const SEX_TOKENS = { male: searchTokens('male')[0]!, female: searchTokens('female')[0]! } as const;

/** `female` or `male`: the sex a Tabular title names first, or undefined. */
function sexOf(title: string): string | undefined {
  return SEX_WORD.exec(title)?.[0].toLowerCase();
}

/**
 * Whether a code's title is its header's with a word for the patient's sex added (both
 * lower-cased): `malignant neoplasm of breast of unspecified site, female` and `malignant
 * neoplasm of breast of unspecified site`; `female orgasmic disorder` and `orgasmic disorder`.
 */
function sameWordsButSex(title: string, header: string): boolean {
  const words = (text: string) => text.split(/[^a-z0-9]+/).filter((w) => w !== '' && !SEX_WORD.test(w));
  const a = words(title);
  const b = words(header);
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** The side words as the query and the documents are tokenized. */
const SIDE_TOKENS = {
  left: searchTokens('left')[0]!,
  right: searchTokens('right')[0]!,
  bilateral: searchTokens('bilateral')[0]!,
};

/**
 * Prefixes the classification prints with a hyphen (`pre-eclampsia`, `pre-existing`, `post-traumatic`,
 * `self-harm`, `anti-inflammatory`, `re-entrant`, `co-twin`, `intra-abdominal`), which a query may
 * write closed up.
 */
const HYPHENATED_PREFIXES = [
  'pre',
  'post',
  'anti',
  'self',
  're',
  'co',
  'intra',
  'extra',
  'multi',
  'sub',
  'semi',
  'mid',
  'hyper',
  'hypo',
] as const;

/** The words of a history query as tokenized: whose history it is, the family's or not. */
const HISTORY_TOKENS = {
  history: searchTokens('history')[0]!,
  family: searchTokens('family')[0]!,
};

/** Whether a query token names a side of the body. */
function isSideToken(token: string): boolean {
  return token === SIDE_TOKENS.left || token === SIDE_TOKENS.right || token === SIDE_TOKENS.bilateral;
}

// ---------------------------------------------------------------------------------------------
// Pack format

/** The `meta.encoding` of the search packs this module reads. */
export const SEARCH_PACK_ENCODING = 'deflate-delta-1';

/** What a search pack stores, before encoding (see `buildSearchPack` in the loader). */
export interface SearchSections {
  readonly texts: readonly string[];
  readonly rows: readonly number[];
  readonly sources: readonly number[];
  readonly docLen: Uint8Array;
  readonly tokens: readonly string[];
  /** Per token (same order), the ascending ids of the documents that hold it. */
  readonly postings: readonly (readonly number[])[];
  /** Per document of a delta pack, the base document it repeats, or -1. */
  readonly repeats?: Int32Array | undefined;
}

const UTF8 = new TextEncoder();
const FROM_UTF8 = new TextDecoder();

/** Unsigned LEB128 varints: postings and rows are runs of small gaps, one byte each. */
class VarintWriter {
  #bytes: number[] = [];
  push(value: number): void {
    let v = value >>> 0;
    while (v >= 0x80) {
      this.#bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.#bytes.push(v);
  }
  /** A signed gap, zigzag-coded. */
  pushSigned(value: number): void {
    this.push(value >= 0 ? value * 2 : -value * 2 - 1);
  }
  get bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }
}

class VarintReader {
  #at = 0;
  constructor(readonly bytes: Uint8Array) {}
  next(): number {
    const first = this.bytes[this.#at++]!;
    // Most numbers (posting and row gaps) fit in one byte.
    if (first < 0x80) return first;
    let v = first & 0x7f;
    let scale = 0x80;
    let b: number;
    do {
      b = this.bytes[this.#at++]!;
      v += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b & 0x80);
    return v;
  }
  nextSigned(): number {
    const v = this.next();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
}

/**
 * Encodes a search pack's sections before the builder deflates each one: rows as signed gaps,
 * postings as gaps within each token's list (a count first), repeats as signed gaps of `base id + 1`.
 *
 * @example
 * ```ts
 * encodeSearchSections({ texts: ['', 'Hives'], rows: [0, 0], sources: [0, 3], docLen: Uint8Array.of(1, 1), tokens: ['hive'], postings: [[0, 1]] }).length // 6
 * ```
 */
export function encodeSearchSections(s: SearchSections): [string, Uint8Array][] {
  const rows = new VarintWriter();
  let prev = 0;
  for (const r of s.rows) {
    rows.pushSigned(r - prev);
    prev = r;
  }
  const post = new VarintWriter();
  for (const list of s.postings) {
    post.push(list.length);
    let p = 0;
    for (const id of list) {
      post.push(id - p);
      p = id;
    }
  }
  const out: [string, Uint8Array][] = [
    ['docs', UTF8.encode(s.texts.join('\n'))],
    ['docRow', rows.bytes],
    ['docSource', Uint8Array.from(s.sources)],
    ['docLen', s.docLen],
    ['tokens', UTF8.encode(s.tokens.join('\n'))],
    ['postings', post.bytes],
  ];
  if (s.repeats) {
    const rep = new VarintWriter();
    let last = 0;
    for (const b of s.repeats) {
      rep.pushSigned(b + 1 - last);
      last = b + 1;
    }
    out.push(['repeats', rep.bytes]);
  }
  return out;
}

function offsetsOf(text: string, n: number, where: string): Uint32Array {
  const off = new Uint32Array(n + 1);
  let at = 0;
  for (let d = 0; d < n; d++) {
    off[d] = at;
    const nl = text.indexOf('\n', at);
    if (nl < 0 && d < n - 1) throw new PackError('bad_header', where, `docs holds fewer than ${n} texts`);
    at = nl < 0 ? text.length + 1 : nl + 1;
  }
  off[n] = at;
  return off;
}

/**
 * Decodes a search pack into the arrays the index reads. A delta pack (FY2027 over FY2026) needs its
 * base's decoded data: repeated documents take the base's text and postings, remapped to their ids
 * here, merged with the pack's own postings.
 *
 * @example
 * ```ts
 * decodeSearchPack(openPack(source, 'icd10cm', 'fy2026', 'search.pack', 'icd10cm/search')).docRow.length
 * ```
 */
export function decodeSearchPack(pack: PackReader, base?: SearchData): SearchData {
  const meta = pack.json('meta') as {
    encoding?: string;
    docs?: number;
    base?: string | null;
    /** Each section's length once inflated (packs built before it was recorded have none). */
    inflated?: Record<string, unknown>;
  };
  const where = `icd10cm search pack ${pack.header.edition}`;
  if (typeof meta !== 'object' || meta === null)
    throw new PackError('bad_header', where, 'its metadata is not an object');
  if (meta.encoding !== SEARCH_PACK_ENCODING || !Number.isSafeInteger(meta.docs) || (meta.docs as number) < 0)
    throw new PackError(
      'bad_header',
      where,
      `search pack encoding ${String(meta.encoding)} is not ${SEARCH_PACK_ENCODING}`,
    );
  if (meta.base && !base) throw new PackError('missing', where, `needs its base edition ${meta.base}`);
  const n = meta.docs as number;
  const sizes = meta.inflated;
  if (sizes !== undefined && (typeof sizes !== 'object' || sizes === null || Array.isArray(sizes)))
    throw new PackError('bad_header', where, 'the inflated lengths are not a record of sections');
  const part = (name: string) => {
    const size = sizes !== undefined && Object.hasOwn(sizes, name) ? sizes[name] : undefined;
    if (size !== undefined && typeof size !== 'number')
      throw new PackError('bad_header', where, `the inflated length of ${name} is not a number`);
    return inflatePackSection(pack.typed(name, 'u8'), where, size);
  };
  const rowsIn = new VarintReader(part('docRow'));
  const docRow = new Uint32Array(n);
  let row = 0;
  for (let d = 0; d < n; d++) docRow[d] = row += rowsIn.nextSigned();
  const docSource = part('docSource');
  const docLen = part('docLen');
  const ownText = FROM_UTF8.decode(part('docs'));
  const ownOff = offsetsOf(ownText, n, where);
  const tokenList = FROM_UTF8.decode(part('tokens')).split('\n');
  const own = decodePostings(part('postings'), tokenList.length, where);
  if (!meta.base || !base)
    return {
      docs: DocumentText.of(ownText),
      docOff: ownOff,
      docRow,
      docSource,
      docLen,
      tokens: new Map(tokenList.map((t, i) => [t, i])),
      postOff: own.postOff,
      post: own.post,
    };
  // Delta pack: repeated documents come from the base. Each document's base id (-1 for the pack's
  // own), then the text in runs: an edition repeats most of its base in order, so a run of
  // consecutive base documents is one range of the base's text (and the pack's own documents one
  // range of its own), a few hundred runs that are addressed, not joined.
  const repIn = new VarintReader(part('repeats'));
  const baseOf = new Int32Array(n);
  const newOf = new Int32Array(base.docRow.length).fill(-1);
  let last = 0;
  for (let d = 0; d < n; d++) {
    last += repIn.nextSigned();
    const b = last - 1;
    if (b >= base.docRow.length)
      throw new PackError('inconsistent', where, `document ${d} repeats no base document`);
    baseOf[d] = b < 0 ? -1 : b;
    if (b >= 0) newOf[b] = d;
  }
  const ownDocs = DocumentText.of(ownText);
  const text = DocumentText.builder();
  const docOff = new Uint32Array(n + 1);
  let at = 0;
  for (let d = 0; d < n; ) {
    const fromBase = baseOf[d]! >= 0;
    const source = fromBase ? base.docs : ownDocs;
    const offs = fromBase ? base.docOff : ownOff;
    const from = fromBase ? baseOf[d]! : d;
    let end = d + 1;
    while (end < n && (fromBase ? baseOf[end] === from + (end - d) : baseOf[end] === -1)) end++;
    text.add(at, source, offs[from]!, offs[from + (end - d)]! - 1);
    for (let k = from; k < from + (end - d); k++) {
      docOff[d + k - from] = at;
      at += offs[k + 1]! - offs[k]!;
    }
    d = end;
  }
  docOff[n] = at;
  // The documents joined by newlines: one newline fewer than documents.
  const docs = text.build(Math.max(0, at - 1));
  const tokens = new Map(base.tokens);
  for (const t of tokenList) if (!tokens.has(t)) tokens.set(t, tokens.size);
  const { postOff, post } = mergedPostings(base, newOf, own, tokenList, tokens);
  return { docs, docOff, docRow, docSource, docLen, tokens, postOff, post };
}

/**
 * A pack's postings, decoded straight into one array: the section is each token's count, then its
 * document ids as gaps, all varints; the varints are counted first (one per byte below 0x80), so
 * that no list is allocated on its own.
 */
function decodePostings(
  bytes: Uint8Array,
  tokenCount: number,
  where: string,
): { readonly postOff: Uint32Array; readonly post: Uint32Array } {
  let varints = 0;
  for (let k = 0; k < bytes.length; k++) if (bytes[k]! < 0x80) varints++;
  const total = varints - tokenCount;
  if (total < 0)
    throw new PackError('inconsistent', where, `postings of ${tokenCount} tokens hold ${varints} numbers`);
  const postOff = new Uint32Array(tokenCount + 1);
  const post = new Uint32Array(total);
  const input = new VarintReader(bytes);
  let at = 0;
  for (let t = 0; t < tokenCount; t++) {
    postOff[t] = at;
    const len = input.next();
    if (len > total - at)
      throw new PackError('inconsistent', where, `the postings of token ${t} run past the section`);
    let id = 0;
    for (let k = 0; k < len; k++) post[at++] = id += input.next();
  }
  postOff[tokenCount] = at;
  if (at !== total)
    throw new PackError('inconsistent', where, `postings hold ${total - at} numbers past the last token`);
  return { postOff, post };
}

/**
 * A delta edition's postings: each token's base list in the edition's document ids (documents it
 * does not repeat dropped), merged with the pack's own list, counted and then written in place.
 * Both lists are sorted in the edition's ids (repeated documents keep their base order) and
 * disjoint (a document is repeated or the pack's own).
 */
function mergedPostings(
  base: SearchData,
  newOf: Int32Array,
  own: { readonly postOff: Uint32Array; readonly post: Uint32Array },
  tokenList: readonly string[],
  tokens: ReadonlyMap<string, number>,
): { readonly postOff: Uint32Array; readonly post: Uint32Array } {
  const size = tokens.size;
  // Base tokens keep their ids (tokens starts as a copy of the base's); new ones follow them.
  const baseTokens = base.postOff.length - 1;
  const ownIdOf = new Int32Array(size).fill(-1);
  tokenList.forEach((t, i) => {
    ownIdOf[tokens.get(t)!] = i;
  });
  const postOff = new Uint32Array(size + 1);
  let total = 0;
  for (let id = 0; id < size; id++) {
    postOff[id] = total;
    if (id < baseTokens)
      for (let k = base.postOff[id]!; k < base.postOff[id + 1]!; k++) if (newOf[base.post[k]!]! >= 0) total++;
    const o = ownIdOf[id]!;
    if (o >= 0) total += own.postOff[o + 1]! - own.postOff[o]!;
  }
  postOff[size] = total;
  const post = new Uint32Array(total);
  for (let id = 0; id < size; id++) {
    let out = postOff[id]!;
    let i = id < baseTokens ? base.postOff[id]! : 0;
    const iEnd = id < baseTokens ? base.postOff[id + 1]! : 0;
    const o = ownIdOf[id]!;
    let j = o >= 0 ? own.postOff[o]! : 0;
    const jEnd = o >= 0 ? own.postOff[o + 1]! : 0;
    let repeated = -1;
    while (i < iEnd && repeated < 0) repeated = newOf[base.post[i++]!]!;
    while (repeated >= 0) {
      while (j < jEnd && own.post[j]! < repeated) post[out++] = own.post[j++]!;
      post[out++] = repeated;
      repeated = -1;
      while (i < iEnd && repeated < 0) repeated = newOf[base.post[i++]!]!;
    }
    while (j < jEnd) post[out++] = own.post[j++]!;
  }
  return { postOff, post };
}

// ---------------------------------------------------------------------------------------------
// Loading

const DATA = new WeakMap<PackSource, Map<string, SearchData>>();
const INDEXES = new WeakMap<PackSource, Map<string, SearchIndex>>();

function cached<T extends object>(cache: WeakMap<PackSource, Map<string, T>>, packs: PackSource) {
  let byEdition = cache.get(packs);
  if (!byEdition) {
    byEdition = new Map();
    cache.set(packs, byEdition);
  }
  return byEdition;
}

/**
 * The decoded search data of an edition (once per pack source), with its base edition's first
 * when its pack is a delta.
 *
 * @example
 * ```ts
 * searchData(defaultPackSource(), 'fy2027').docRow.length
 * ```
 */
export function searchData(packs: PackSource, edition: string, depth = 0): SearchData {
  const byEdition = cached(DATA, packs);
  const hit = byEdition.get(edition);
  if (hit) return hit;
  const pack = openPack(packs, 'icd10cm', edition, 'search.pack', 'icd10cm/search');
  const meta = pack.json('meta') as { base?: unknown } | null;
  const base = typeof meta === 'object' && meta !== null ? meta.base : undefined;
  // A base is another edition's full pack; a chain longer than a few editions means a bad manifest.
  if (base !== undefined && base !== null && typeof base !== 'string')
    throw new PackError('bad_header', `icd10cm search pack ${edition}`, 'its base edition is not a name');
  if (base && (base === edition || depth > 4))
    throw new PackError('bad_header', `icd10cm search pack ${edition}`, `bad base edition ${base}`);
  const data = decodeSearchPack(pack, base ? searchData(packs, base, depth + 1) : undefined);
  byEdition.set(edition, data);
  return data;
}

/**
 * Loads (once) an edition's search index. `codes` reads the codes pack ({@link SearchCodes}): whether
 * the code at an edition position is billable, its title or short title (which the search pack does
 * not keep), its code and its seventh character's meaning.
 *
 * @example
 * ```ts
 * loadSearch(defaultPackSource(), 'fy2026', 98186, { billable: (pos) => true }).search('type 2 diabetes', 10)
 * ```
 */
export function loadSearch(
  packs: PackSource,
  edition: string,
  rows: number,
  codes?: SearchCodes,
): SearchIndex {
  const byEdition = cached(INDEXES, packs);
  const hit = byEdition.get(edition);
  if (hit) return hit;
  const index = new SearchIndex(searchData(packs, edition), rows, codes);
  byEdition.set(edition, index);
  return index;
}
