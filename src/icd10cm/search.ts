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
 * below billable codes. Factors chosen on the dev half of the held-out pairs only.
 *
 * @module
 */
import type { PackReader } from '../core/pack';
import { openPack } from '../core/pack-source';
import type { PackSource } from '../core/pack-source';
import { queryParts, searchTokens } from './text';

/** Weight of a nonessential modifier relative to an essential word. */
const OPTIONAL_WEIGHT = 0.25;
/** Score factor of an index term whose main term is a query word. */
const MAIN_TERM_BOOST = 1.1;
/** Score factor of a header (not billable). */
const HEADER_FACTOR = 0.85;
const INDEX_TERM = 3;

const SOURCES = ['title', 'short_title', 'inclusion_term', 'index_term'] as const;

/** One raw hit: a row id of the edition's table. */
export interface RawHit {
  readonly row: number;
  readonly score: number;
  readonly matched: string;
  readonly source: (typeof SOURCES)[number];
}

/** The inverted index of one edition. */
export class SearchIndex {
  readonly #docs: string;
  readonly #docOff: Uint32Array;
  readonly #docRow: Uint32Array;
  readonly #docSource: Uint8Array;
  readonly #docLen: Uint16Array;
  readonly #tokens: Map<string, number>;
  readonly #postOff: Uint32Array;
  readonly #post: Uint32Array;
  readonly #score: Float64Array;
  readonly #hits: Uint16Array;
  readonly #rowBest: Float64Array;
  readonly #rowDoc: Int32Array;
  readonly #touched: Int32Array;
  readonly #rows: Int32Array;
  /** Per index-term document: token id of its main term (first word), else -1. Built on first search. */
  #docMain: Int32Array | undefined;
  /** Per row: 1 for billable, 0 for a header (all 1 when unknown). */
  readonly #billable: Uint8Array;

  /**
   * @param billable whether the row at an edition position is billable; headers are ranked lower.
   */
  constructor(pack: PackReader, rows: number, billable?: (position: number) => boolean) {
    this.#docs = pack.utf8('docs');
    this.#docOff = pack.u32('docOffsets');
    this.#docRow = pack.u32('docRow');
    this.#docSource = pack.typed('docSource', 'u8');
    this.#docLen = pack.typed('docLen', 'u16');
    this.#tokens = new Map(
      pack
        .utf8('tokens')
        .split('\n')
        .map((t, i) => [t, i]),
    );
    this.#postOff = pack.u32('postOffsets');
    this.#post = pack.u32('postings');
    this.#score = new Float64Array(this.#docRow.length);
    this.#hits = new Uint16Array(this.#docRow.length);
    this.#rowBest = new Float64Array(rows);
    this.#rowDoc = new Int32Array(rows).fill(-1);
    this.#touched = new Int32Array(this.#docRow.length);
    this.#rows = new Int32Array(rows);
    this.#billable = new Uint8Array(rows).fill(1);
    if (billable) for (let r = 0; r < rows; r++) if (!billable(r)) this.#billable[r] = 0;
  }

  #mainTerms(): Int32Array {
    if (this.#docMain) return this.#docMain;
    const main = new Int32Array(this.#docRow.length).fill(-1);
    const byWord = new Map<string, number>();
    for (let d = 0; d < main.length; d++) {
      if (this.#docSource[d] !== INDEX_TERM) continue;
      const text = this.#docs.slice(this.#docOff[d]!, Math.min(this.#docOff[d + 1]!, this.#docOff[d]! + 40));
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

  /** Number of documents. */
  get size(): number {
    return this.#docRow.length;
  }

  /**
   * Top `limit` rows for a query. Scratch arrays are reused and cleared before returning, so the
   * method is synchronous and leaves no state behind.
   */
  search(query: string, limit: number): RawHit[] {
    const parts = queryParts(query);
    const essential = parts.essential.length ? parts.essential.slice(0, 32) : parts.optional.slice(0, 32);
    const optional = parts.essential.length ? parts.optional.slice(0, 16) : [];
    const qt = essential;
    const present: { df: number; start: number; end: number; weight: number }[] = [];
    const queryIds: number[] = [];
    for (const [list, weight] of [
      [essential, 1],
      [optional, OPTIONAL_WEIGHT],
    ] as const) {
      for (const t of list) {
        const id = this.#tokens.get(t);
        if (id === undefined) continue;
        if (weight === 1) queryIds.push(id);
        const start = this.#postOff[id]!;
        const end = this.#postOff[id + 1]!;
        present.push({ df: end - start, start, end, weight });
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
    present.sort((a, b) => (a.weight === b.weight ? a.df - b.df : b.weight - a.weight));
    const RARE = 3000;
    let k0 = 0;
    // When even the rarest essential token is common (e.g. "fracture, left"), probing each candidate
    // costs more than walking the lists, so every essential list (up to eight) is accumulated.
    const walkAll = present[0]!.df > 4 * RARE;
    while (
      k0 < present.length &&
      present[k0]!.weight === 1 &&
      (walkAll ? k0 < 8 : k0 < 3 && (k0 === 0 || present[k0]!.df <= RARE))
    ) {
      const p = present[k0]!;
      const idf = Math.log(1 + n / p.df);
      for (let k = p.start; k < p.end; k++) {
        const d = this.#post[k]!;
        if (this.#hits[d] === 0) touched[nt++] = d;
        this.#hits[d]! += p.weight === 1 ? 16 : 1;
        this.#score[d]! += idf * p.weight;
      }
      k0++;
    }
    for (let j = k0; j < present.length; j++) {
      const p = present[j]!;
      const idf = Math.log(1 + n / p.df);
      for (let x = 0; x < nt; x++) {
        const d = touched[x]!;
        if (this.#contains(p.start, p.end, d)) {
          this.#hits[d]! += p.weight === 1 ? 16 : 1;
          this.#score[d]! += idf * p.weight;
        }
      }
    }
    const qn = qt.length;
    const rows = this.#rows;
    const mainOf = this.#mainTerms();
    let nr = 0;
    for (let x = 0; x < nt; x++) {
      const d = touched[x]!;
      // hits counts 16 per essential token and 1 per optional one.
      const matched = this.#hits[d]! >> 4;
      const cover = Math.min(1, matched / Math.max(1, qn));
      const extra = Math.max(0, this.#docLen[d]! - matched);
      const row = this.#docRow[d]!;
      const main = mainOf[d]!;
      const prior =
        (this.#billable[row] ? 1 : HEADER_FACTOR) *
        (main >= 0 && queryIds.includes(main) ? MAIN_TERM_BOOST : 1);
      const s =
        ((this.#score[d]! * cover * cover) / (1 + 0.08 * extra)) *
        (this.#docSource[d] === 0 ? 1.02 : 1) *
        prior;
      this.#score[d] = 0;
      this.#hits[d] = 0;
      if (this.#rowDoc[row] === -1) rows[nr++] = row;
      if (this.#rowDoc[row] === -1 || s > this.#rowBest[row]!) {
        this.#rowBest[row] = s;
        this.#rowDoc[row] = d;
      }
    }
    const top: number[] = [];
    // Partial selection: keep the `limit` best rows (ties: earlier classification order first).
    const better = (a: number, b: number) =>
      this.#rowBest[a]! > this.#rowBest[b]! || (this.#rowBest[a] === this.#rowBest[b] && a < b);
    for (let x = 0; x < nr; x++) {
      const r = rows[x]!;
      if (top.length < limit) {
        top.push(r);
        for (let i = top.length - 1; i > 0 && better(top[i]!, top[i - 1]!); i--)
          [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
      } else if (better(r, top[top.length - 1]!)) {
        top[top.length - 1] = r;
        for (let i = top.length - 1; i > 0 && better(top[i]!, top[i - 1]!); i--)
          [top[i], top[i - 1]] = [top[i - 1]!, top[i]!];
      }
    }
    const out = top.map((row) => {
      const d = this.#rowDoc[row]!;
      return {
        row,
        score: this.#rowBest[row]!,
        matched: this.#docs.slice(this.#docOff[d]!, this.#docOff[d + 1]!),
        source: SOURCES[this.#docSource[d]!] ?? 'title',
      };
    });
    for (let x = 0; x < nr; x++) {
      const r = rows[x]!;
      this.#rowDoc[r] = -1;
      this.#rowBest[r] = 0;
    }
    return out;
  }
}

const INDEXES = new WeakMap<PackSource, Map<string, SearchIndex>>();

/**
 * Loads (once) an edition's search index.
 *
 * @example
 * ```ts
 * loadSearch(defaultPackSource(), 'fy2026', 98186, (pos) => true).search('type 2 diabetes', 10)
 * ```
 */
export function loadSearch(
  packs: PackSource,
  edition: string,
  rows: number,
  billable?: (position: number) => boolean,
): SearchIndex {
  let byEdition = INDEXES.get(packs);
  if (!byEdition) {
    byEdition = new Map();
    INDEXES.set(packs, byEdition);
  }
  const hit = byEdition.get(edition);
  if (hit) return hit;
  const index = new SearchIndex(
    openPack(packs, 'icd10cm', edition, 'search.pack', 'icd10cm/search'),
    rows,
    billable,
  );
  byEdition.set(edition, index);
  return index;
}
