/**
 * Structured references inside Excludes notes: the parenthesised codes such as `(E10.-)`,
 * `(O24.4-)`, `(J02.9)` or `(F01-F99)` resolved to undotted prefix ranges.
 *
 * Convention (ICD-10-CM Tabular List, "Instructional Notations"; ICD-10-CM Official Guidelines
 * FY2026, section I.A.12): a target is a code, a code followed by `.-`/`-` (the code and everything below it) or a
 * range of codes; a code C is covered by `{ low, high }` iff `low <= C.slice(0, low.length)` and
 * `C.slice(0, high.length) <= high` (the two ends may differ in length: `T80-T88.6`).
 *
 * @module
 */
import { checkStringArgument, invalidArgument } from '../core/arguments';

/**
 * One parsed reference: `'E10.-'` → `{ raw: 'E10.-', low: 'E10', high: 'E10' }`.
 *
 * @example
 * ```ts
 * const ref: Icd10CmCodeReference = { raw: 'F01-F99', low: 'F01', high: 'F99' }
 * ```
 */
export interface Icd10CmCodeReference {
  readonly raw: string;
  readonly low: string;
  readonly high: string;
}

const CODE = '[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])(?:\\.?[0-9A-Z]{1,4})?';
const SINGLE = new RegExp(`^(${CODE})(?:\\.-|-|\\.)?$`);
const RANGE = new RegExp(`^(${CODE})(?:\\.-|-)?\\s*[-–]\\s*(${CODE})(?:\\.-|-)?$`);
/** `F10.-F19.-`: a range whose separator is the hyphen of the first end's `.-`. */
const DASH_RANGE = new RegExp(`^(${CODE})\\.-(${CODE})(?:\\.-|-)?$`);

const NO_REFERENCES: readonly Icd10CmCodeReference[] = Object.freeze([]);

function undot(s: string): string {
  return s.replace('.', '');
}

/**
 * Parses the parenthesised code references of a note. Groups may hold several targets separated by
 * commas or "and" (`(A00-A09, A15)`, `(A00-R94 and T80-T88.6, T88.8)`); text that is not a code
 * (`(NOS)`, `(acute)`) is ignored. A range whose ends differ in length is compared on the shorter
 * length, so it never covers less than it says.
 *
 * Qualified targets (Tabular List excludes notes such as `(F10-F19, with .17, .27, .97)`,
 * `(E08-E13 with .42)`, `(B27.- with fifth character 2)`, `(I69. with final characters -23)`) name
 * only the codes of the listed categories that carry the given characters, so they are expanded to
 * those codes (raw `'F10.17'`, …); a "with" qualifier that is not understood yields no reference
 * for its group rather than the whole, far wider, category range.
 *
 * @example
 * ```ts
 * parseIcd10CmReferences('gestational diabetes (O24.4-)') // [{ raw: 'O24.4-', low: 'O244', high: 'O244' }]
 * parseIcd10CmReferences('mental disorders (F01-F99)')    // [{ raw: 'F01-F99', low: 'F01', high: 'F99' }]
 * parseIcd10CmReferences('diabetes mellitus (E08-E13 with .42)').map((r) => r.raw) // ['E08.42', 'E09.42', …, 'E13.42']
 * ```
 */
export function parseIcd10CmReferences(text: string): readonly Icd10CmCodeReference[] {
  checkStringArgument('parseIcd10CmReferences', 'text', text);
  const out: Icd10CmCodeReference[] = [];
  const groups = text.match(/\(([^()]*)\)/g);
  // Notes are cached per category and shared between editions: never hand out a mutable array.
  if (!groups) return NO_REFERENCES;
  for (const group of groups) {
    const inner = group.slice(1, -1);
    const withAt = inner.search(/\bwith\b/);
    if (withAt >= 0) {
      qualified(inner.slice(0, withAt), inner.slice(withAt + 4), out);
      continue;
    }
    for (const part of targets(inner)) {
      const ref = plainTarget(part);
      if (ref) out.push(ref);
    }
  }
  return out.length ? Object.freeze(out) : NO_REFERENCES;
}

/** The targets of a group: separated by commas, semicolons or the word "and". */
function targets(list: string): string[] {
  return list
    .split(/[,;]|\band\b/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 3 && p.length <= 24);
}

function plainTarget(part: string): Icd10CmCodeReference | undefined {
  const single = SINGLE.exec(part);
  if (single) {
    const c = undot(single[1]!);
    return Object.freeze({ raw: part, low: c, high: c });
  }
  const range = RANGE.exec(part) ?? DASH_RANGE.exec(part);
  if (range) {
    // Each bound keeps its own length: `T80-T88.6` runs from category T80 through T88.6 and its
    // codes, not through all of T88 (the same note names T88.8 apart); `D06-D07.3` stops before
    // D07.4. A code is covered when its head of low's length is at least low and its head of
    // high's length at most high (referenceCovers).
    const low = undot(range[1]!);
    const high = undot(range[2]!);
    const n = Math.min(low.length, high.length);
    if (low.slice(0, n) <= high.slice(0, n)) return Object.freeze({ raw: part, low, high });
  }
  return undefined;
}

/** Characters a wildcard position may hold (ICD-10-CM uses digits and letters after the category). */
const ANY_CHARACTER = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['fourth', 4],
  ['4th', 4],
  ['fifth', 5],
  ['5th', 5],
  ['sixth', 6],
  ['6th', 6],
  ['seventh', 7],
  ['7th', 7],
]);

/**
 * `targets with qualifier`: the stems of the targets (codes, or ranges of codes differing in their
 * last digits), each combined with the qualifier's characters. Understood qualifiers: `.17, .27`,
 * `.51-.52` (characters after the dot), `fifth character 2`, `5th character .6`, `fifth to sixth
 * characters 51` (characters from that position on, at most one wildcard position before them) and
 * `final characters -23` (one wildcard position, then the given characters). Anything else (e.g.
 * `7th character B` after a category, which would need three wildcard positions): no reference.
 */
function qualified(left: string, qualifier: string, out: Icd10CmCodeReference[]): void {
  const stems: string[] = [];
  for (const part of targets(left)) {
    const ref = plainTarget(part);
    if (!ref) continue;
    const s = stemsOf(ref);
    if (!s) return;
    stems.push(...s);
  }
  if (!stems.length) return;
  const q = qualifier.trim().replace(/-$/, '');
  const positional =
    /^(fourth|4th|fifth|5th|sixth|6th|seventh|7th)(?:\s+to\s+\S+)?[-\s]characters?\s+\.?([0-9A-Z]{1,3})$/i.exec(
      q,
    );
  const final = /^final characters?\s+-?([0-9A-Z]{1,3})$/i.exec(q);
  const tailsFor = (stem: string): string[] | undefined => {
    if (/^(?:[.,\s]*\.[0-9A-Z]{1,4}(?:-\.[0-9A-Z]{1,4})?)+[.,\s]*$/.test(q)) {
      const tails: string[] = [];
      for (const m of q.matchAll(/\.([0-9A-Z]{1,4})(?:-\.([0-9A-Z]{1,4}))?/g)) {
        if (m[2] === undefined) tails.push(m[1]!);
        else {
          const range = enumerate(m[1]!, m[2]);
          if (!range) return undefined;
          tails.push(...range);
        }
      }
      return stem.length === 3 ? tails : undefined;
    }
    if (positional) {
      const wildcards = ORDINALS.get(positional[1]!.toLowerCase())! - 1 - stem.length;
      if (wildcards === 0) return [positional[2]!];
      if (wildcards === 1) return [...ANY_CHARACTER].map((c) => c + positional[2]!);
      return undefined;
    }
    if (final && stem.length === 3) return [...ANY_CHARACTER].map((c) => c + final[1]!);
    return undefined;
  };
  const refs: Icd10CmCodeReference[] = [];
  for (const stem of stems) {
    const tails = tailsFor(stem);
    if (!tails) return;
    for (const tail of tails) {
      const code = stem + tail;
      refs.push(Object.freeze({ raw: formatDotted(code), low: code, high: code }));
    }
  }
  out.push(...refs);
}

function formatDotted(undotted: string): string {
  return undotted.length > 3 ? `${undotted.slice(0, 3)}.${undotted.slice(3)}` : undotted;
}

/** `'51'..'52'` → `['51', '52']` (same length, numeric), else undefined. */
function enumerate(low: string, high: string): string[] | undefined {
  if (
    low.length !== high.length ||
    !/^[0-9]+$/.test(low) ||
    !/^[0-9]+$/.test(high) ||
    Number(high) - Number(low) > 99
  )
    return undefined;
  const out: string[] = [];
  for (let n = Number(low); n <= Number(high); n++) out.push(String(n).padStart(low.length, '0'));
  return out;
}

/** The codes of a code or a range whose ends differ only in trailing digits (`E08-E13`, `B27.0-B27.9`). */
function stemsOf(ref: Icd10CmCodeReference): string[] | undefined {
  const { low, high } = ref;
  if (low === high) return [low];
  if (low.length !== high.length) return undefined;
  let common = 0;
  while (common < low.length && low[common] === high[common]) common++;
  const range = enumerate(low.slice(common), high.slice(common));
  return range?.map((t) => low.slice(0, common) + t);
}

/**
 * Whether a reference covers an undotted code.
 *
 * @example
 * ```ts
 * referenceCovers({ raw: 'E10.-', low: 'E10', high: 'E10' }, 'E1010') // true
 * referenceCovers({ raw: 'T80-T88.6', low: 'T80', high: 'T886' }, 'T889XXA') // false
 * ```
 */
export function referenceCovers(ref: Icd10CmCodeReference, undottedCode: string): boolean {
  if (typeof ref !== 'object' || ref === null || typeof ref.low !== 'string' || typeof ref.high !== 'string')
    throw invalidArgument(
      'referenceCovers',
      'ref',
      'a reference { raw, low, high } from parseIcd10CmReferences',
      ref,
    );
  checkStringArgument('referenceCovers', 'undottedCode', undottedCode);
  if (undottedCode.length < ref.low.length) return false;
  return coversUndotted(ref, undottedCode);
}

/**
 * Whether a reference covers an undotted code known to be a string (the rules' hot path): its head
 * of low's length is at least low, its head of high's length at most high, compared in place.
 *
 * @example
 * ```ts
 * coversUndotted({ raw: 'D06-D07.3', low: 'D06', high: 'D073' }, 'D074') // false
 * ```
 */
export function coversUndotted(ref: Icd10CmCodeReference, undotted: string): boolean {
  return compareCodeHead(undotted, ref.low) >= 0 && compareCodeHead(undotted, ref.high) <= 0;
}

/**
 * Compares `code.slice(0, bound.length)` with `bound` as strings compare, without the slice; a code
 * shorter than the bound sorts before it. Sorted codes keep their order under it, so the codes a
 * reference covers are one run of a sorted list.
 *
 * @example
 * ```ts
 * compareCodeHead('T8861XA', 'T886') // 0
 * compareCodeHead('T889XXA', 'T886') > 0 // true
 * ```
 */
export function compareCodeHead(code: string, bound: string): number {
  const n = bound.length;
  for (let i = 0; i < n; i++) {
    if (i >= code.length) return -1; // a shorter head sorts first
    const d = code.charCodeAt(i) - bound.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}
