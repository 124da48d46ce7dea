/**
 * Shared reading of search options, so that every code system treats `limit` the same way.
 *
 * @module
 */

/** Default number of search hits. */
export const DEFAULT_SEARCH_LIMIT = 10;
/** Largest number of search hits any system returns. */
export const MAX_SEARCH_LIMIT = 1000;
/** Longest query text considered; longer input is cut here before tokenizing (a code or a title is far shorter). */
export const MAX_SEARCH_QUERY_LENGTH = 256;

/**
 * The number of hits to return for a `limit` option: a missing or non-numeric value (including `NaN`
 * and numeric strings) gives the default 10; a number is floored and clamped to 0…1000, so `0` or a
 * negative limit gives no hits and `Infinity` gives 1000.
 *
 * @example
 * ```ts
 * searchLimit(undefined) // 10
 * searchLimit(3.7)       // 3
 * searchLimit(-1)        // 0
 * searchLimit(Infinity)  // 1000
 * searchLimit('5')       // 10
 * ```
 */
export function searchLimit(limit: unknown): number {
  if (typeof limit !== 'number' || Number.isNaN(limit)) return DEFAULT_SEARCH_LIMIT;
  if (limit <= 0) return 0;
  return Math.min(MAX_SEARCH_LIMIT, Math.floor(limit));
}

/**
 * Invisible formatting characters (Unicode category Cf: the soft hyphen a PDF or a web page leaves
 * inside `pre\u00ADeclampsia`, zero-width spaces and joiners, the byte-order mark, direction marks).
 * They are part of no word as a reader sees it, so they are dropped and the word is read whole.
 */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
/**
 * Control characters (Unicode category Cc: tab, line breaks, NUL, C1 controls such as U+0085):
 * text pasted from a record or a form field may carry them between words, where they separate words
 * as a space does, and nowhere else.
 */
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/**
 * The query text a search considers: non-strings give `''`; invisible formatting characters (soft
 * hyphens, zero-width spaces, a byte-order mark) are dropped and control characters (tabs, line
 * breaks, NUL) read as spaces; the text is NFKC-normalized (so fullwidth `Ｅ１１` reads as `E11`) and
 * cut to {@link MAX_SEARCH_QUERY_LENGTH} characters.
 *
 * @example
 * ```ts
 * searchQuery('Ｅ１１．９')         // 'E11.9'
 * searchQuery('pre\u00ADeclampsia') // 'preeclampsia'
 * searchQuery('otitis\tmedia')     // 'otitis media'
 * searchQuery(42)                  // ''
 * ```
 */
export function searchQuery(text: unknown): string {
  if (typeof text !== 'string') return '';
  const cut = text.length > MAX_SEARCH_QUERY_LENGTH * 4 ? text.slice(0, MAX_SEARCH_QUERY_LENGTH * 4) : text;
  return cut
    .replace(FORMAT_CHARACTERS, '')
    .replace(CONTROL_CHARACTERS, ' ')
    .normalize('NFKC')
    .slice(0, MAX_SEARCH_QUERY_LENGTH);
}
