/**
 * A submitter's telephone number as an 837P communication number.
 *
 * 005010X222A1 loop 1000A PER (Submitter EDI Contact Information), PER04: a telephone number of
 * the North American Numbering Plan is written as `AAABBBCCCC` (area code, exchange, line
 * number), with no punctuation, no spaces and no leading `1`, and an extension directly after the
 * number. This is the PER communication-number note of the 005010 health care guides; X12 RFI
 * #1829 (rfi.x12.org) quotes it from the 005010X212, X217 and X279A1 guides.
 *
 * @module
 */

/**
 * A number as people write it: an optional `+1` or `1`, the area code (in parentheses or not),
 * exchange and line number separated by spaces, hyphens or dots, then an optional extension
 * (`x`, `ext`, `ext.`, `extension` or `#`). NANP area codes and exchanges begin with 2–9.
 */
const WRITTEN_TELEPHONE =
  /^(?:\+?1[\s.-]*)?\(?([2-9]\d{2})\)?[\s.-]*([2-9]\d{2})[\s.-]*(\d{4})(?:\s*(?:x|ext\.?|extension|#)\s*(\d{1,10}))?$/i;

/**
 * The PER04 form of a North American telephone number: its 10 digits `AAABBBCCCC`, then the
 * extension's digits if it has one; `undefined` when the text is not such a number (letters of a
 * vanity number, a number of another country, digits missing or left over).
 *
 * @example
 * ```ts
 * telephoneCommunicationNumber('(534) 224-2525'); // '5342242525'
 * telephoneCommunicationNumber('+1 534.224.2525 ext. 12'); // '534224252512'
 * telephoneCommunicationNumber('224-2525'); // undefined: no area code
 * ```
 */
export function telephoneCommunicationNumber(text: string): string | undefined {
  const match = WRITTEN_TELEPHONE.exec(text.trim());
  if (match === null) return undefined;
  const [, area, exchange, line, extension = ''] = match;
  return `${area}${exchange}${line}${extension}`;
}
