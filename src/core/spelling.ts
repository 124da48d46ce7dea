/**
 * Spelling correction for search: a query word that no document holds (`diabetis`, `pnuemonia`,
 * `wheelchiar`) is read as the indexed words nearest to it in edit distance, the way a coder reads a
 * misspelt term before looking it up. Each system compares words as its search reads them, on both
 * sides: ICD-10-CM as its stemmed search tokens, the systems searched by title (HCPCS Level II,
 * modifiers, places of service) as the lower-cased words of their texts.
 *
 * The distance is the optimal string alignment distance: insertions, deletions, substitutions and
 * transpositions of two adjacent letters, each one edit. Transpositions count as one because they are
 * among the commonest typing errors (Damerau, "A technique for computer detection and correction of
 * spelling errors", CACM 7(3), 1964), and `pnuemonia` should be as near `pneumonia` as `pneumonai`.
 *
 * Written here rather than taken from a package: the dictionary is scanned with a bound, so the
 * distance has to count a swap as one edit and stop as soon as it exceeds the bound, without
 * garbage per word. `leven` (4.1) stops at a bound but counts a swap as two edits, so `ashtma`
 * would be two edits from `asthma` and never read as it; `damerau-levenshtein` (1.0.8) counts a
 * swap as one but builds a new table for every pair, and stops on its own fixed rule (more than
 * four edits on the diagonal) rather than the bound asked for.
 *
 * @module
 */
import { checkStringArgument, invalidArgument } from './arguments';
import { bitCount } from './bits';

/**
 * Most words of one query read as other spellings. Each correction scans the dictionary, and a
 * query with more words that no text holds is not a misspelling of indexed wording.
 */
export const MAX_CORRECTED_WORDS = 4;

/** Longest token compared; longer ones are never corrected, nor offered as corrections. */
const MAX_LENGTH = 48;

/**
 * Edits allowed for a token: none below five letters (a short word is too near too many others:
 * `gout` is one edit from `goat` and `grout`) and none for a token with digits (`t2dm`, `c5a`: codes
 * and counts, not words), one up to seven letters, two from eight.
 *
 * @example
 * ```ts
 * editsAllowed('gout') // 0
 * editsAllowed('type2') // 0
 * editsAllowed('asthma') // 1
 * editsAllowed('pnuemonia') // 2
 * ```
 */
export function editsAllowed(token: string): number {
  checkStringArgument('editsAllowed', 'token', token);
  if (token.length < 5 || token.length > MAX_LENGTH || /[0-9]/.test(token)) return 0;
  return token.length < 8 ? 1 : 2;
}

/**
 * Optimal string alignment distance between `a` and `b`, or `max + 1` as soon as it is known to
 * exceed `max`.
 *
 * @example
 * ```ts
 * editDistanceWithin('pnuemonia', 'pneumonia', 2) // 1
 * editDistanceWithin('asthma', 'ashtma', 1) // 1
 * editDistanceWithin('gout', 'goiter', 1) // 2
 * ```
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  checkStringArgument('editDistanceWithin', 'a', a);
  checkStringArgument('editDistanceWithin', 'b', b);
  if (!Number.isInteger(max) || max < 0)
    throw invalidArgument('editDistanceWithin', 'max', 'a whole number of edits, 0 or more', max);
  return boundedDistance(a, b, max, new DistanceRows(Math.max(a.length, b.length)));
}

/** Three rows of the distance table, reused across the words of one dictionary scan. */
class DistanceRows {
  readonly beforeLast: Int32Array;
  readonly last: Int32Array;
  readonly current: Int32Array;
  constructor(length: number) {
    this.beforeLast = new Int32Array(length + 1);
    this.last = new Int32Array(length + 1);
    this.current = new Int32Array(length + 1);
  }
}

function boundedDistance(a: string, b: string, max: number, scratch: DistanceRows): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let beforeLast = scratch.beforeLast;
  let last = scratch.last;
  let current = scratch.current;
  // Only the cells within `max` of the diagonal can hold `max` edits or fewer; those outside it
  // read as `max + 1`.
  const far = max + 1;
  for (let j = 0; j <= b.length; j++) last[j] = j <= max ? j : far;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[0] = i <= max ? i : far;
    if (from > 1) current[from - 1] = far;
    if (to < b.length) current[to + 1] = far;
    let rowMin = current[0]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const bj = b.charCodeAt(j - 1);
      const substitution = last[j - 1]! + (ai === bj ? 0 : 1);
      let d = Math.min(last[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        d = Math.min(d, beforeLast[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later row is at least this row's least entry: past the bound, the words are too far apart.
    if (rowMin > max) return max + 1;
    const spare = beforeLast;
    beforeLast = last;
    last = current;
    current = spare;
  }
  const d = last[b.length]!;
  return d > max ? max + 1 : d;
}

/**
 * The words of a search index, by length, for correcting query words it does not hold.
 *
 * @example
 * ```ts
 * const dictionary = new SpellingDictionary([
 *   ['pneumonia', 2100],
 *   ['pneumonitis', 180],
 * ]);
 * dictionary.corrections('pnuemonia') // ['pneumonia']
 * ```
 */
export class SpellingDictionary {
  /** Per length, the words of that length and how many documents hold each. */
  readonly #byLength: {
    readonly words: string[];
    readonly documents: number[];
    readonly letters: number[];
  }[] = [];
  readonly #scratch = new DistanceRows(MAX_LENGTH);

  /**
   * @param words each indexed word (a search token) with the number of documents holding it; words
   * held by no document, and words with digits, are left out.
   */
  constructor(words: Iterable<readonly [string, number]>) {
    for (const [word, documents] of words) {
      if (documents <= 0 || word.length === 0 || word.length > MAX_LENGTH || /[0-9]/.test(word)) continue;
      let bucket = this.#byLength[word.length];
      if (!bucket) bucket = this.#byLength[word.length] = { words: [], documents: [], letters: [] };
      bucket.words.push(word);
      bucket.documents.push(documents);
      bucket.letters.push(letterSet(word));
    }
  }

  /**
   * The indexed words nearest to `token` ({@link editsAllowed} edits at most), the fewest edits
   * first and, among as many edits, the word more documents hold first; at most `limit`. Empty when
   * none is near enough, or when the token is too short to correct.
   *
   * @example
   * ```ts
   * new SpellingDictionary([['asthma', 900], ['astigmat', 40]]).corrections('ashtma') // ['asthma']
   * ```
   */
  corrections(token: string, limit = 2): string[] {
    checkStringArgument('SpellingDictionary.corrections', 'token', token);
    if (!Number.isInteger(limit) || limit < 1)
      throw invalidArgument('SpellingDictionary.corrections', 'limit', 'a whole number, 1 or more', limit);
    const max = editsAllowed(token);
    if (max === 0) return [];
    const found: { word: string; edits: number; documents: number }[] = [];
    const letters = letterSet(token);
    for (let length = token.length - max; length <= token.length + max; length++) {
      const bucket = this.#byLength[length];
      if (!bucket) continue;
      for (let k = 0; k < bucket.words.length; k++) {
        // One edit brings at most one letter into the word and takes at most one out of it.
        if (bitCount(letters ^ bucket.letters[k]!) > 2 * max) continue;
        const edits = boundedDistance(token, bucket.words[k]!, max, this.#scratch);
        if (edits <= max) found.push({ word: bucket.words[k]!, edits, documents: bucket.documents[k]! });
      }
    }
    if (found.length === 0) return [];
    const fewest = Math.min(...found.map((f) => f.edits));
    return found
      .filter((f) => f.edits === fewest)
      .sort((x, y) => y.documents - x.documents || (x.word < y.word ? -1 : 1))
      .slice(0, limit)
      .map((f) => f.word);
  }
}

/**
 * The letters a word holds, as bits (a–z; other characters share one bit): words within `k` edits
 * differ in at most `2k` of them, a test far cheaper than the distance.
 */
function letterSet(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    bits |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return bits;
}
