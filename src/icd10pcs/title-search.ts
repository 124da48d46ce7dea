/**
 * Title search over one ICD-10-PCS edition: an index of title words and of the body part and
 * device key terms (`includes` of the CMS definitions XML), and the ranked query over it.
 *
 * @module
 */
import type { SearchHit } from '../core/codeset';
import { MAX_CORRECTED_WORDS, SpellingDictionary, editsAllowed } from '../core/spelling';
import type { Icd10PcsEntry } from './model';
import type { Icd10PcsData } from './edition-data';

/** Words too common in titles to narrow a search; ignored unless the query has nothing else. */
const STOP_WORDS = new Set([
  'of',
  'with',
  'and',
  'the',
  'to',
  'a',
  'in',
  'into',
  'using',
  'from',
  'or',
  'for',
  'on',
  'approach',
]);

/** The lazily built search index over the long titles. */
export interface SearchIndex {
  /** Distinct lower-case title words, sorted, with the phrases each occurs in. */
  readonly words: readonly string[];
  readonly wordPhrases: readonly (readonly number[])[];
  /** Rank ids per phrase (CSR), each list sorted: rank = position in the static ranking. */
  readonly phraseStart: Uint32Array;
  readonly phraseCodes: Uint32Array;
  /** Rank id → code index (generation order), and back. */
  readonly byRank: Uint32Array;
  readonly rankOf: Uint32Array;
  /** Long title length per code (ranking: shorter, more specific titles first). */
  readonly titleLength: Uint16Array;
  /**
   * Scratch space of one query, by rank id: the terms a code matches, the terms its own title
   * matches and the last term counted there, and the candidate list.
   */
  readonly mark: Uint8Array;
  readonly titleTerms: Uint8Array;
  readonly titleSeen: Uint8Array;
  readonly pool: Uint32Array;
  /**
   * Words of the body part and device keys (`includes` of the definitions XML, e.g. `hallux` under
   * body part 1st Toe), sorted, with the axis value ids that list them.
   */
  readonly includeWords: readonly string[];
  readonly includeWordValues: readonly (readonly number[])[];
  /** Where each such value sits: [table index, row index, axis (0 = char 4, 2 = char 6), position in the axis]. */
  readonly occurrences: ReadonlyMap<number, readonly (readonly [number, number, number, number])[]>;
  /** The title and key-term words for reading a misspelt query word, built on the first one. */
  readonly spelling: () => SpellingDictionary;
}

/** What one query word matches: title phrases and key terms (axis values). */
interface TermSources {
  readonly phrases: readonly number[];
  readonly values: readonly number[];
  readonly size: number;
}

/**
 * Ranked search of the long titles and key terms: every query word (stop words aside) must start a
 * word of the title, or of a body part or device key term of the code. Full title matches rank
 * first, shorter titles first; `entryAt` turns a generation index into its entry.
 *
 * @example
 * ```ts
 * searchTitles(data, () => index, 'excision tendon', 10, entryAt)[0]?.source // 'title'
 * ```
 */
export function searchTitles(
  d: Icd10PcsData,
  searchIndex: () => SearchIndex,
  query: string,
  limit: number,
  entryAt: (index: number) => Icd10PcsEntry,
): readonly SearchHit<Icd10PcsEntry>[] {
  // Words are runs of letters and digits of any script: a look-alike such as Cyrillic 'Е11'
  // stays one word that matches nothing, instead of being cut down to '11'.
  const all = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(all)].slice(0, 16);
  const terms = unique.filter((t) => !STOP_WORDS.has(t));
  const use = terms.length ? terms : unique;
  if (use.length === 0) return Object.freeze([]);
  const ix = searchIndex();
  // Each term: the phrases holding a word it starts, then the codes holding such a phrase. A term
  // that starts no word (`excsion`) is read as the nearest words the titles and key terms hold.
  let corrected = 0;
  const lists: TermSources[] = [];
  for (const term of use) {
    const own = termSources(d, ix, [term]);
    if (own.size > 0 || editsAllowed(term) === 0 || corrected >= MAX_CORRECTED_WORDS) {
      lists.push(own);
      continue;
    }
    corrected++;
    const nearest = ix.spelling().corrections(term);
    // A misspelt word that search leaves out beside others (`usinng`) is left out too.
    if (nearest.length > 0 && STOP_WORDS.has(nearest[0]!) && use.length > 1) continue;
    lists.push(nearest.length > 0 ? termSources(d, ix, nearest) : own);
  }
  if (lists.length === 0 || lists.some((l) => l.size === 0)) return Object.freeze([]);
  lists.sort((a, b) => a.size - b.size);
  const { phraseStart, phraseCodes, byRank, rankOf } = ix;
  const letters = use.join('').length;
  /** A hit, from its rank and how many of the query's `terms` its own title holds. */
  const hitAt = (rank: number, held: number, terms: number): SearchHit<Icd10PcsEntry> => {
    const index = byRank[rank]!;
    const entry = entryAt(index);
    const byTitle = held >= terms;
    // Share of the title the query words cover: comparable within one result list only. A match
    // through a key term counts half, and more the more of the query its own title holds.
    const weight = byTitle ? 1 : 0.5 + (0.5 * held) / terms;
    const score = Math.round((letters / Math.max(1, ix.titleLength[index]!)) * weight * 1000) / 1000;
    const keyTerm = byTitle ? undefined : matchingKeyTerm(entry, use);
    return Object.freeze(
      keyTerm
        ? { entry, score, matched: keyTerm, source: 'inclusion_term' as const }
        : { entry, score, matched: entry.title, source: 'title' as const },
    );
  };

  // Postings hold rank ids (position in the ranking: shorter title first, then code order) and
  // each phrase's list is sorted. One-word queries: the best title matches are among the first
  // `limit` ids of each phrase list, so there is no need to walk the whole lists.
  if (lists.length === 1) {
    const top: number[] = []; // sorted, distinct, at most `limit`
    for (const p of lists[0]!.phrases) {
      for (let k = phraseStart[p]!, end = phraseStart[p + 1]!; k < end; k++) {
        const r = phraseCodes[k]!;
        if (top.length === limit && r >= top[limit - 1]!) break; // the rest of this list is worse
        let at = top.length;
        while (at > 0 && top[at - 1]! > r) at--;
        if (top[at - 1] === r) continue;
        top.splice(at, 0, r);
        if (top.length > limit) top.pop();
      }
    }
    if (top.length >= limit) return byScore(top.map((r) => hitAt(r, 1, 1)));
  }

  const mark = ix.mark;
  // Candidates live in a reused scratch array (no per-query allocation proportional to the hits,
  // which would show up as GC pauses in the p99). `titleTerms` counts the terms the title itself
  // holds: a code whose title holds them all ranks before codes matched through a body part or
  // device key term, and among those, one whose title holds more of the query ranks first. A
  // device's key terms are many products' names (J Synthetic Substitute: `AbioCor(R) Total
  // Replacement Heart`, `Zimmer(R) NexGen(R) LPS Mobile Bearing Knee`), so a query can be matched
  // across several of them on codes that are none of what it names.
  const pool = ix.pool;
  const titleTerms = ix.titleTerms;
  const titleSeen = ix.titleSeen;
  /** Counts term `j` once for code `r`'s title (a term can start words of several phrases). */
  const titleHolds = (r: number, j: number): void => {
    if (titleSeen[r] === j + 1) return;
    titleSeen[r] = j + 1;
    titleTerms[r]!++;
  };
  let n = 0;
  // Title postings are walked inline (the hot loop); key-term codes through #eachKeyTermCode.
  for (const p of lists[0]!.phrases) {
    for (let k = phraseStart[p]!, end = phraseStart[p + 1]!; k < end; k++) {
      const r = phraseCodes[k]!;
      titleHolds(r, 0);
      if (mark[r] === 0) {
        mark[r] = 1;
        pool[n++] = r;
      }
    }
  }
  eachKeyTermCode(d, ix, lists[0]!, (c) => {
    const r = rankOf[c]!;
    if (mark[r] === 0) {
      mark[r] = 1;
      pool[n++] = r;
    }
  });
  const seeded = n;
  let alive = n;
  for (let j = 1; j < lists.length && alive > 0; j++) {
    for (const p of lists[j]!.phrases) {
      for (let k = phraseStart[p]!, end = phraseStart[p + 1]!; k < end; k++) {
        const r = phraseCodes[k]!;
        if (mark[r] === 0) continue; // not a candidate: scratch is reset for candidates only
        titleHolds(r, j);
        if (mark[r] === j) mark[r] = j + 1;
      }
    }
    eachKeyTermCode(d, ix, lists[j]!, (c) => {
      const r = rankOf[c]!;
      if (mark[r] === j) mark[r] = j + 1;
    });
    alive = 0;
    for (let k = 0; k < seeded; k++) if (mark[pool[k]!] === j + 1) alive++;
  }
  const want = lists.length;
  // Keep the best `limit`: full title matches by rank, then key-term matches by the terms their
  // titles hold (more first), then by rank.
  const best: number[] = [];
  const total = byRank.length;
  for (let k = 0; k < seeded; k++) {
    const r = pool[k]!;
    if (mark[r] !== want) continue;
    const key = (want - Math.min(want, titleTerms[r]!)) * total + r;
    if (best.length === limit && key >= best[limit - 1]!) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]! > key) at--;
    best.splice(at, 0, key);
    if (best.length > limit) best.pop();
  }
  for (let k = 0; k < seeded; k++) {
    mark[pool[k]!] = 0;
    titleTerms[pool[k]!] = 0;
    titleSeen[pool[k]!] = 0;
  }
  return byScore(best.map((key) => hitAt(key % total, want - Math.floor(key / total), want)));
}

/** The phrases holding a word one of `terms` starts, and the key-term values holding one, with the codes they reach. */
function termSources(d: Icd10PcsData, ix: SearchIndex, terms: readonly string[]): TermSources {
  const phrases = new Set<number>();
  const values = new Set<number>();
  for (const term of terms) {
    let lo = lowerBound(ix.words, term);
    for (; lo < ix.words.length && startsWord(ix.words[lo]!, term); lo++)
      for (const p of ix.wordPhrases[lo]!) phrases.add(p);
    lo = lowerBound(ix.includeWords, term);
    for (; lo < ix.includeWords.length && startsWord(ix.includeWords[lo]!, term); lo++)
      for (const v of ix.includeWordValues[lo]!) values.add(v);
  }
  let size = 0;
  for (const p of phrases) size += ix.phraseStart[p + 1]! - ix.phraseStart[p]!;
  for (const v of values)
    for (const [t, r, k] of ix.occurrences.get(v) ?? []) {
      const row = d.table(t).rows[r]!;
      size += row.count / row.chars[k]!.length;
    }
  return { phrases: [...phrases], values: [...values], size };
}

/**
 * The hits in descending score, ties in their ranking order (a stable sort): a key-term match
 * whose halved share of a short title beats a title match of a long one comes first, as its score
 * says.
 */
function byScore(hits: SearchHit<Icd10PcsEntry>[]): readonly SearchHit<Icd10PcsEntry>[] {
  return Object.freeze(hits.sort((a, b) => b.score - a.score));
}

/**
 * Whether a query term matches an index word: a prefix of it, except that a one-character term
 * must be the whole word. A single letter starts a word of nearly every title, so as a prefix it
 * narrows nothing while walking the longest postings of the index; read as a word ("vitamin b",
 * "c section") it stays useful, and a hostile query of 128 single letters costs what a short one
 * does (as ICD-10-CM's search bounds its candidate lists).
 */
function startsWord(word: string, term: string): boolean {
  return term.length === 1 ? word === term : word.startsWith(term);
}

/** Calls `fn` for every code a term reaches through a body part or device key term. */
function eachKeyTermCode(
  d: Icd10PcsData,
  ix: SearchIndex,
  sources: TermSources,
  fn: (code: number) => void,
): void {
  for (const v of sources.values) {
    for (const [t, r, axis, at] of ix.occurrences.get(v) ?? []) {
      const row = d.table(t).rows[r]!;
      // The codes of the row with this axis fixed: blocks of `stride` consecutive codes, one per
      // combination of the axes before it.
      const stride = row.strides[axis]!;
      const span = stride * row.chars[axis]!.length;
      for (let start = row.base + at * stride; start < row.base + row.count; start += span) {
        for (let k = 0; k < stride; k++) fn(start + k);
      }
    }
  }
}

/**
 * Builds the search index over the long titles and the body part and device key terms of an
 * edition (once, on the first title search).
 *
 * @example
 * ```ts
 * buildSearchIndex(data).words.length
 * ```
 */
export function buildSearchIndex(d: Icd10PcsData): SearchIndex {
  const wordMap = new Map<string, number[]>();
  for (let id = 0; id < d.phraseCount; id++) {
    const phrase = d.phrase(id);
    for (const w of new Set(phrase.toLowerCase().match(/[a-z0-9]+/g) ?? [])) {
      let list = wordMap.get(w);
      if (!list) wordMap.set(w, (list = []));
      list.push(id);
    }
  }
  const words = [...wordMap.keys()].sort();
  const wordPhrases = words.map((w) => wordMap.get(w)!);
  // Postings: the codes whose long title holds each phrase.
  const counts = new Uint32Array(d.phraseCount + 1);
  const titleLength = new Uint16Array(d.total);
  const visit = (fn: (code: number, phrase: number) => void): void => {
    let p = 0;
    for (let i = 0; i < d.total; i++) {
      for (let n = d.longCount[i]!; n > 0; n--) {
        const b = d.long[p]!;
        let id: number;
        if (b & 0x80) {
          id = ((b & 0x7f) << 8) | d.long[p + 1]!;
          p += 2;
        } else {
          id = b;
          p += 1;
        }
        fn(i, id);
      }
    }
  };
  visit((i, id) => {
    counts[id + 1]!++;
    titleLength[i] = Math.min(65535, titleLength[i]! + d.phrase(id).length);
  });
  // The ranking is static: shorter (more specific) titles first, then code index. Postings hold
  // rank ids, each phrase's list sorted, so the best matches come first.
  const keys = new Float64Array(d.total);
  for (let i = 0; i < d.total; i++) keys[i] = titleLength[i]! * 2 ** 20 + i;
  keys.sort();
  const byRank = new Uint32Array(d.total);
  const rankOf = new Uint32Array(d.total);
  for (let r = 0; r < d.total; r++) {
    const i = keys[r]! % 2 ** 20;
    byRank[r] = i;
    rankOf[i] = r;
  }
  const phraseStart = new Uint32Array(d.phraseCount + 1);
  for (let k = 1; k <= d.phraseCount; k++) phraseStart[k] = phraseStart[k - 1]! + counts[k]!;
  const fill = phraseStart.slice(0, d.phraseCount);
  const phraseCodes = new Uint32Array(phraseStart[d.phraseCount]!);
  visit((i, id) => {
    phraseCodes[fill[id]!++] = rankOf[i]!;
  });
  for (let p = 0; p < d.phraseCount; p++) phraseCodes.subarray(phraseStart[p]!, phraseStart[p + 1]!).sort();
  // Body part (char 4) and device (char 6) keys: their `includes` terms lead to the codes using
  // the value (definitions XML, body part and device keys).
  const includeMap = new Map<string, Set<number>>();
  const occurrences = new Map<number, [number, number, number, number][]>();
  for (let t = 0; t < d.tableCount; t++) {
    d.table(t).rows.forEach((row, r) => {
      for (const axis of [0, 2]) {
        row.ids[axis]!.forEach((id, at) => {
          const includes = d.value(id)[4];
          if (!includes) return;
          let occ = occurrences.get(id);
          if (!occ) {
            occurrences.set(id, (occ = []));
            for (const term of includes) {
              for (const w of term.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
                let set = includeMap.get(w);
                if (!set) includeMap.set(w, (set = new Set()));
                set.add(id);
              }
            }
          }
          occ.push([t, r, axis, at]);
        });
      }
    });
  }
  const includeWords = [...includeMap.keys()].sort();
  const includeWordValues = includeWords.map((w) => [...includeMap.get(w)!]);
  let spelling: SpellingDictionary | undefined;
  return {
    spelling: () => {
      if (!spelling) {
        // How common a word is: the phrases and key-term values holding it.
        const held = new Map<string, number>();
        for (let i = 0; i < words.length; i++) held.set(words[i]!, wordPhrases[i]!.length);
        for (let i = 0; i < includeWords.length; i++)
          held.set(includeWords[i]!, (held.get(includeWords[i]!) ?? 0) + includeWordValues[i]!.length);
        spelling = new SpellingDictionary(held);
      }
      return spelling;
    },
    words,
    wordPhrases,
    phraseStart,
    phraseCodes,
    byRank,
    rankOf,
    titleLength,
    mark: new Uint8Array(d.total),
    titleTerms: new Uint8Array(d.total),
    titleSeen: new Uint8Array(d.total),
    pool: new Uint32Array(d.total),
    includeWords,
    includeWordValues,
    occurrences,
  };
}

/** The first key term (body part or device `includes`) of an entry that holds a word each unmatched query term starts. */
function matchingKeyTerm(entry: Icd10PcsEntry, terms: readonly string[]): string | undefined {
  const titleWords = entry.title.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const missing = terms.filter((t) => !titleWords.some((w) => w.startsWith(t)));
  let best: string | undefined;
  let bestCount = 0;
  for (const axis of entry.axes) {
    for (const inc of axis.includes ?? []) {
      const words = inc.toLowerCase().match(/[a-z0-9]+/g) ?? [];
      const count = missing.filter((t) => words.some((w) => w.startsWith(t))).length;
      if (count > bestCount) {
        best = inc;
        bestCount = count;
      }
    }
  }
  return best;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
