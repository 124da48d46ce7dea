/**
 * The X12 syntax layer under the 837P writer: the issues one write collects, the segment and element
 * writer with the 005010X222A1 element lengths and the X12 character set (ASC X12.6), the delimiters
 * (X12.5 ISA), and the interchange's byte output. The claim loops themselves are in `writer.ts`.
 *
 * @module
 */
import { createIssue } from '../../core/issues';
import type { IssuePath, MedcodeIssue, X12UnwritableReason } from '../../core/issues';
import { DEFAULT_X12_SEPARATORS } from './envelope';
import type { X12Separators } from './envelope';
import { invalidOptionIssue } from '../internal';

/** Collects the writer's issues for one call. */
export class Problems {
  readonly list: MedcodeIssue[] = [];
  errors = 0;
  add(
    path: IssuePath,
    segment: string,
    reason: X12UnwritableReason,
    expected?: string,
    input?: unknown,
    severity: 'error' | 'warning' = reason === 'not_representable' || reason === 'transliterated'
      ? 'warning'
      : 'error',
  ): void {
    if (severity === 'error') this.errors++;
    this.list.push(
      createIssue({
        code: 'x12_unwritable',
        severity,
        path,
        codes: [],
        reason,
        segment,
        ...(expected !== undefined ? { expected } : {}),
        ...(input !== undefined ? { input } : {}),
      }),
    );
  }
  /** An envelope option refused; `field` names the part of it at fault (`submitter.phone`). */
  option(option: string, expected: string, field: readonly string[] = []): void {
    this.errors++;
    this.list.push(invalidOptionIssue(['envelope', option, ...field], option, expected));
  }
}

/**
 * Writes segments with the interchange's separators and checks that no value contains one. The
 * interchange is written as bytes into one buffer, not kept as thousands of segment strings: those
 * would outlive the young generation in a large batch and make the garbage collector's work, and
 * so the cost per claim, grow with the number of claims.
 *
 * The claim loops write a segment element by element ({@link begin}, {@link element},
 * {@link component}, {@link end}) so that no array of elements is built per segment. Empty
 * elements are held back and written only when a non-empty element follows, so that trailing
 * empty elements and components are omitted as X12 requires (X12.6 syntax: "trailing
 * separators are not transmitted").
 */
export class SegmentWriter {
  /** The byte output (the clean-claim lane, `clean-claim.ts`, writes into it directly). */
  readonly bytes: InterchangeBytes;
  /** Segments written so far (SE01 counts them). */
  segments = 0;
  private readonly el: string;
  private readonly comp: string;
  private readonly term: string;
  readonly separators: X12Separators;
  /** Whether a line break follows each segment terminator. */
  readonly lineBreaks: boolean;
  private forbiddenPattern: RegExp | undefined;
  /** Which ASCII codes a value may hold as it is (1) or not (0), for {@link isPlainValue}. */
  readonly plain: Uint8Array;
  /** Empty elements (then components) of the open segment not yet written. */
  private emptyElements = 0;
  private emptyComponents = 0;
  /** Whether the current element's separator is written (a component may follow). */
  private elementOpen = false;
  constructor(
    sep: X12Separators,
    lineBreaks: boolean,
    private readonly problems: Problems,
    private readonly transliterate: boolean,
  ) {
    this.bytes = InterchangeBytes.acquire();
    this.el = sep.element;
    this.comp = sep.component;
    this.term = lineBreaks ? `${sep.segment}\n` : sep.segment;
    this.separators = sep;
    this.lineBreaks = lineBreaks;
    this.plain = plainValueTable(sep);
  }
  /** A separator or a line break (built when a value breaks a rule, not per interchange). */
  private get forbidden(): RegExp {
    if (this.forbiddenPattern === undefined) {
      const sep = this.separators;
      const chars = [sep.element, sep.component, sep.repetition, sep.segment]
        .map((c) => c.replace(/[\\\]^-]/g, '\\$&'))
        .join('');
      this.forbiddenPattern = new RegExp(`[${chars}\\r\\n]`);
    }
    return this.forbiddenPattern;
  }
  /**
   * Printable ASCII (ASC X12.6 basic and extended sets) without a separator, with at least one
   * character other than a space: written as it is.
   */
  private isPlainValue(v: string): boolean {
    const plain = this.plain;
    // Zero while every character so far is a space (0x20).
    let text = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      // A code past the table (non-ASCII) reads as undefined: not plain.
      if (plain[c] !== 1) return false;
      text |= c ^ 0x20;
    }
    return text !== 0;
  }
  /**
   * Makes a value safe for an element, or reports it (and returns '') when it holds a separator,
   * a character outside the X12 character sets, or has a length outside the element's min/max.
   * An empty or all-space value is nothing to write: omitted in a situational element
   * ({@link X12_SITUATIONAL_ELEMENTS}), a `missing` error in any other element of
   * {@link X12_ELEMENT_LENGTH}. The issue path is `base` followed by up to four keys, built only
   * when the value is reported.
   */
  value(
    v: string,
    segment: string,
    element: X12Element | undefined,
    base: IssuePath,
    k1?: string | number,
    k2?: string | number,
    k3?: string | number,
    k4?: string | number,
  ): string {
    // The common case, a printable ASCII value of a valid length, builds no issue path.
    if (this.isPlainValue(v)) {
      if (element === undefined) return withoutTrailingSpaces(v, 1);
      const length = X12_ELEMENT_LENGTH[element];
      const text = withoutTrailingSpaces(v, length[0]);
      if (text.length >= length[0] && text.length <= length[1]) return text;
    }
    return this.badValue(v, issuePath(base, k1, k2, k3, k4), segment, element);
  }
  /** {@link value} for a value that breaks a rule: reports it and returns what may be written. */
  private badValue(v: string, path: IssuePath, segment: string, element?: X12Element): string {
    if (this.forbidden.test(v)) {
      this.problems.add(path, segment, 'separator_in_value', 'no separator characters or line breaks', v);
      return '';
    }
    let text = v;
    if (!isX12Text(text)) {
      const ascii = asciiFold(text);
      if (this.transliterate && isX12Text(ascii)) {
        // Folding can itself produce a delimiter: the canonical decomposition of ≠ ≮ ≯ is = < >
        // plus a combining mark, that of U+037E (Greek question mark) is ; and that of U+1FEF is `.
        // A delimiter must not occur in data (005010X222A1 Appendix B), so the folded text is
        // checked again and refused, not written into a corrupt segment.
        if (this.forbidden.test(ascii)) {
          this.problems.add(
            path,
            segment,
            'separator_in_value',
            `no separator characters or line breaks, once transliterated too (it would be ${JSON.stringify(ascii)})`,
            v,
          );
          return '';
        }
        this.problems.add(path, segment, 'transliterated', `as ${JSON.stringify(ascii)}`, v);
        text = ascii;
      } else {
        this.problems.add(
          path,
          segment,
          'bad_value',
          'characters of the X12 basic and extended character sets (printable ASCII); the envelope option transliterate: true writes letters without their diacritics',
          v,
        );
        return '';
      }
    }
    if (element === undefined) return isBlank(text) ? text : withoutTrailingSpaces(text, 1);
    const [min, max] = X12_ELEMENT_LENGTH[element];
    if (isBlank(text)) {
      // X12.6: an AN element holds at least one character other than a space; an element with
      // none is not sent. So an empty or all-space value is absent: a situational element is
      // omitted, a required one has nothing to carry.
      if (X12_SITUATIONAL_ELEMENTS.has(element)) return '';
      this.problems.add(
        path,
        segment,
        'missing',
        `${min === max ? `${min}` : `${min}–${max}`} characters in ${element}, not all spaces`,
        v === '' ? undefined : v,
      );
      return '';
    }
    text = withoutTrailingSpaces(text, min);
    if (text.length < min || text.length > max) {
      this.problems.add(
        path,
        segment,
        'not_representable',
        `${min === max ? `${min}` : `${min}–${max}`} characters in ${element}`,
        text.length > 60 ? `${text.length} characters` : text,
        'error',
      );
      return '';
    }
    return text;
  }
  /**
   * One segment from its elements (the envelope's); trailing empty elements are omitted. Written
   * element by element: `Array.prototype.join` into one string and then copying it cost about
   * three times as much for these short arrays.
   */
  seg(id: string, elements: readonly string[]): void {
    let last = elements.length;
    while (last > 0 && elements[last - 1] === '') last--;
    const out = this.bytes;
    out.write(id);
    for (let i = 0; i < last; i++) {
      out.write(this.el);
      out.write(elements[i]!);
    }
    out.write(this.term);
    this.segments++;
  }
  /**
   * A segment of two numbers (SE, GE, IEA), the second zero-padded to `width` digits (0: as it
   * is), written without building their strings.
   */
  numbers(id: string, first: number, second: number, width: number): void {
    const out = this.bytes;
    out.write(id);
    out.write(this.el);
    out.writeWholeNumber(first);
    out.write(this.el);
    out.writeZeroPadded(second, width);
    out.write(this.term);
    this.segments++;
  }
  /** Opens a segment: its id. */
  begin(id: string): void {
    this.bytes.write(id);
    this.emptyElements = 0;
    this.emptyComponents = 0;
    this.elementOpen = false;
  }
  /** The next element of the open segment (a value already made safe by {@link value}). */
  element(v: string): void {
    this.emptyComponents = 0;
    if (v === '') {
      this.emptyElements++;
      this.elementOpen = false;
      return;
    }
    this.openElement();
    this.bytes.write(v);
  }
  /** The next element: a whole number written as its decimal digits (HL01, LX01, SE01…). */
  count(n: number): void {
    this.emptyComponents = 0;
    this.openElement();
    this.bytes.writeWholeNumber(n);
  }
  /** The next element: an ISO date `YYYY-MM-DD` as X12 D8 `CCYYMMDD`. */
  date(iso: string): void {
    this.emptyComponents = 0;
    this.openElement();
    this.bytes.writeWithout(iso, 0x2d /* - */);
  }
  /** The next element: an X12 RD8 date span `CCYYMMDD-CCYYMMDD` from two ISO dates. */
  dateSpan(from: string, to: string): void {
    this.date(from);
    this.bytes.write('-');
    this.bytes.writeWithout(to, 0x2d);
  }
  /**
   * The next component of the current composite element (the first component is written with
   * {@link element}); trailing empty components are omitted like trailing elements.
   */
  component(v: string): void {
    if (v === '') {
      this.emptyComponents++;
      return;
    }
    if (!this.elementOpen) this.openElement();
    const out = this.bytes;
    for (; this.emptyComponents >= 0; this.emptyComponents--) out.write(this.comp);
    this.emptyComponents = 0;
    out.write(v);
  }
  /** The next component: a whole number written as its decimal digits (SV107-2…4 pointers). */
  componentCount(n: number): void {
    if (!this.elementOpen) this.openElement();
    const out = this.bytes;
    for (; this.emptyComponents >= 0; this.emptyComponents--) out.write(this.comp);
    this.emptyComponents = 0;
    out.writeWholeNumber(n);
  }
  /** Closes the open segment. */
  end(): void {
    this.bytes.write(this.term);
    this.segments++;
  }
  /** Writes the element separators of the held-back empty elements and of this one. */
  private openElement(): void {
    const out = this.bytes;
    for (; this.emptyElements >= 0; this.emptyElements--) out.write(this.el);
    this.emptyElements = 0;
    this.elementOpen = true;
  }
  /** Where the output stands, to {@link rollback} to. */
  mark(): { readonly length: number; readonly segments: number } {
    this.bytes.startClaim();
    return { length: this.bytes.length, segments: this.segments };
  }
  /** Drops everything written since `mark` (a claim with an error is not written at all). */
  rollback(mark: { readonly length: number; readonly segments: number }): void {
    this.bytes.length = mark.length;
    this.segments = mark.segments;
  }
  /** The interchange text; the writer is done and its buffer goes back for the next call. */
  text(): string {
    return this.bytes.finish();
  }
  /** The writer is done without text (the call failed); its buffer goes back for the next call. */
  discard(): void {
    this.bytes.release();
  }
}

/**
 * Whether two sets of interchange delimiters (ISA element, ISA16 component, ISA11 repetition and
 * segment terminator) are the same characters: what the writer's lazy caches of one entry are
 * keyed by.
 *
 * @example
 * ```ts
 * sameDelimiters(DEFAULT_X12_SEPARATORS, { ...DEFAULT_X12_SEPARATORS }) // true
 * ```
 */
export function sameDelimiters(a: X12Separators, b: X12Separators): boolean {
  return (
    a.element === b.element &&
    a.component === b.component &&
    a.repetition === b.repetition &&
    a.segment === b.segment
  );
}

/**
 * The ASCII codes a value may hold as written: printable ASCII (the X12 basic and extended
 * character sets, ASC X12.6) except the interchange's four delimiters (X12.5: a delimiter must
 * not occur in data). One table per writer, so that each value is checked with one load per
 * character instead of a pattern.
 */
function plainValueTable(sep: X12Separators): Uint8Array {
  if (sameDelimiters(sep, lastTable.sep)) return lastTable.table;
  const table = new Uint8Array(128);
  table.fill(1, 0x20, 0x7f);
  for (const c of [sep.element, sep.component, sep.repetition, sep.segment]) {
    const code = c.charCodeAt(0);
    if (code < 128) table[code] = 0;
  }
  lastTable = { sep: { ...sep }, table };
  return table;
}

/** The table of the last separators seen (a lazy cache: a run of interchanges shares one set). */
let lastTable: { readonly sep: X12Separators; readonly table: Uint8Array } = {
  sep: { element: '', component: '', repetition: '', segment: '' },
  table: new Uint8Array(0),
};

/**
 * `base` followed by the given keys (an absent key is skipped): an issue path, built only when an
 * issue is reported.
 */
export function issuePath(
  base: IssuePath,
  k1?: string | number,
  k2?: string | number,
  k3?: string | number,
  k4?: string | number,
): IssuePath {
  const path = [...base];
  if (k1 !== undefined) path.push(k1);
  if (k2 !== undefined) path.push(k2);
  if (k3 !== undefined) path.push(k3);
  if (k4 !== undefined) path.push(k4);
  return path;
}

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

/**
 * The interchange as UTF-8 bytes (X12 text is ASCII; anything else is encoded as a file would hold
 * it), written into a small buffer that is turned into text whenever it fills past a threshold at
 * a claim's start (a rollback never reaches further back): the buffer stays in the CPU cache and
 * the output is a few large strings whatever the batch size.
 */
export class InterchangeBytes {
  private buf: Uint8Array;
  private readonly chunks: string[] = [];
  /** Bytes written before the current buffer. */
  private flushed = 0;
  private at = 0;
  /** Whether every byte in the buffer is ASCII (then it becomes text without UTF-8 decoding). */
  private ascii = true;
  private constructor(buf: Uint8Array) {
    this.buf = buf;
  }
  /**
   * A writer's byte output over a buffer reused from the previous call: allocating and zeroing a
   * fresh buffer per interchange was a visible share of writing one small claim. A call that
   * starts while another is still writing (only possible from a getter inside the claim data)
   * gets a fresh buffer.
   */
  static acquire(): InterchangeBytes {
    const spare = spareBuffer;
    spareBuffer = undefined;
    return new InterchangeBytes(spare ?? newByteArray(CHUNK_BYTES * 2));
  }
  /** Bytes written so far. */
  get length(): number {
    return this.flushed + this.at;
  }
  /** Drops the bytes past `length`, which must lie within the current buffer (see {@link startClaim}). */
  set length(length: number) {
    this.at = length - this.flushed;
  }
  /** Copies bytes written before (see {@link copyOf}); `ascii` tells whether they are all ASCII. */
  writeBytes(bytes: Uint8Array, ascii: boolean): void {
    if (this.at + bytes.length > this.buf.length) this.grow(bytes.length);
    this.buf.set(bytes, this.at);
    this.at += bytes.length;
    if (!ascii) this.ascii = false;
  }
  /** A copy of the bytes written since `start` (which must lie within the current buffer). */
  copyOf(start: number): Uint8Array {
    // A plain Uint8Array copy: Node's Buffer#slice would be a view of the reused buffer.
    return new Uint8Array(this.buf.subarray(start - this.flushed, this.at));
  }
  /** A claim starts: the buffer may be turned into text, since no rollback goes back past here. */
  startClaim(): void {
    if (this.at < CHUNK_BYTES) return;
    this.chunks.push(this.decode());
    this.flushed += this.at;
    this.at = 0;
    this.ascii = true;
  }
  write(s: string): void {
    const n = s.length;
    if (this.at + 3 * n > this.buf.length) this.grow(3 * n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        at += utf8.encodeInto(s.slice(i), buf.subarray(at)).written;
        this.ascii = false;
        break;
      }
      buf[at++] = c;
    }
    this.at = at;
  }
  /**
   * Text known to be ASCII (a segment template of ASCII separators, a checked code), written
   * without the UTF-8 check of {@link write}.
   */
  writeAscii(s: string): void {
    const n = s.length;
    if (this.at + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.at = at;
  }
  /**
   * Writes `v` when it is a string of characters each allowed by `plain` (see
   * {@link plainValueTable}), not all spaces, and of `min`…`max` characters once its trailing
   * spaces are dropped as {@link withoutTrailingSpaces} drops them (the full path's value),
   * checking and copying in one pass; otherwise returns false, having written part of it (the
   * caller then rolls the claim back).
   */
  plainValue(v: unknown, plain: Uint8Array, min: number, max: number): boolean {
    if (typeof v !== 'string' || v.length < min) return false;
    // Trailing spaces are not sent (005010X222A1 Appendix B), but to reach the minimum length;
    // they are spaces, which the table allows, so only the characters before them are checked.
    const n = keptLength(v, min);
    if (n > max) return false;
    if (this.at + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let at = this.at;
    // Zero while every character so far is a space: an all-space value is not plain (X12.6).
    let text = 0;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      // A code past the table (non-ASCII) reads as undefined: not plain.
      if (plain[c] !== 1) return false;
      text |= c ^ 0x20;
      buf[at++] = c;
    }
    if (text === 0) return false;
    this.at = at;
    return true;
  }
  /**
   * Writes `v` upper-cased (ASCII a–z only) when, once upper-cased and without its `.` (if
   * `undot`), it is `min`…`max` ASCII letters and digits, the first a letter if `letterFirst`;
   * returns false (having written part of it) otherwise. With `undot`, the one dot allowed is an
   * ICD-10-CM code's, after its 3-character category and before at least one more character (as
   * `undottedIcd10Cm` reads it for the full path).
   */
  upperCode(v: unknown, min: number, max: number, letterFirst: boolean, undot: boolean): boolean {
    if (typeof v !== 'string') return false;
    const n = v.length;
    if (n > max + 1) return false;
    if (this.at + n > this.buf.length) this.grow(n);
    const buf = this.buf;
    let at = this.at;
    let dot = !undot;
    for (let i = 0; i < n; i++) {
      let c = v.charCodeAt(i);
      if (c === 0x2e && !dot) {
        if (at - this.at !== 3 || i === n - 1) return false;
        dot = true;
        continue;
      }
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      const letter = c >= 0x41 && c <= 0x5a;
      if (!letter && (c < 0x30 || c > 0x39 || (letterFirst && at === this.at))) return false;
      buf[at++] = c;
    }
    const written = at - this.at;
    if (written < min || written > max) return false;
    this.at = at;
    return true;
  }
  /** One ASCII byte (a separator). */
  byte(c: number): void {
    if (this.at + 1 > this.buf.length) this.grow(1);
    this.buf[this.at++] = c;
  }
  /**
   * An amount in integer cents in the X12 R form of {@link centsToX12} (no trailing fractional
   * zeros), without building a string.
   */
  writeCents(cents: number): void {
    const whole = Math.floor(cents / 100);
    const frac = cents % 100;
    this.writeWholeNumber(whole);
    if (frac === 0) return;
    this.byte(0x2e);
    this.byte(0x30 + Math.floor(frac / 10));
    if (frac % 10 !== 0) this.byte(0x30 + (frac % 10));
  }
  /** ASCII text without one character (an ISO date without its hyphens), no string built. */
  writeWithout(s: string, skip: number): void {
    const n = s.length;
    if (this.at + 3 * n > this.buf.length) this.grow(3 * n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === skip) continue;
      if (c > 0x7f) {
        this.at = at;
        this.write(s.slice(i).replaceAll(String.fromCharCode(skip), ''));
        return;
      }
      buf[at++] = c;
    }
    this.at = at;
  }
  /**
   * A checked ISO date `YYYY-MM-DD` as X12 D8 `CCYYMMDD`: its eight digits, copied without a test
   * per character (the clean-claim lane has checked it).
   */
  writeD8(iso: string): void {
    if (this.at + 8 > this.buf.length) this.grow(8);
    const buf = this.buf;
    const at = this.at;
    buf[at] = iso.charCodeAt(0);
    buf[at + 1] = iso.charCodeAt(1);
    buf[at + 2] = iso.charCodeAt(2);
    buf[at + 3] = iso.charCodeAt(3);
    buf[at + 4] = iso.charCodeAt(5);
    buf[at + 5] = iso.charCodeAt(6);
    buf[at + 6] = iso.charCodeAt(8);
    buf[at + 7] = iso.charCodeAt(9);
    this.at = at + 8;
  }
  /** A non-negative whole number's decimal digits, no string built. */
  writeWholeNumber(n: number): void {
    if (!(Number.isSafeInteger(n) && n >= 0)) {
      this.write(String(n));
      return;
    }
    if (this.at + 16 > this.buf.length) this.grow(16);
    // One or two digits (HL and LX numbers, pointers, units) without the division loop.
    if (n < 10) {
      this.buf[this.at++] = 0x30 + n;
      return;
    }
    if (n < 100) {
      const tens = (n / 10) | 0;
      this.buf[this.at++] = 0x30 + tens;
      this.buf[this.at++] = 0x30 + (n - tens * 10);
      return;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    const buf = this.buf;
    let at = this.at + digits;
    this.at = at;
    let rest = n;
    do {
      buf[--at] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }
  /** A non-negative whole number's decimal digits, zero-padded to `width` digits (ISA13, ST02). */
  writeZeroPadded(n: number, width: number): void {
    if (!(Number.isSafeInteger(n) && n >= 0)) {
      this.write(String(n).padStart(width, '0'));
      return;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    if (digits < width) {
      if (this.at + width > this.buf.length) this.grow(width);
      for (let i = digits; i < width; i++) this.buf[this.at++] = 0x30;
    }
    this.writeWholeNumber(n);
  }
  /** The interchange text; the buffer is given back for the next interchange. */
  finish(): string {
    const last = this.decode();
    const text = this.chunks.length === 0 ? last : this.chunks.join('') + last;
    this.release();
    return text;
  }
  /** Gives the buffer back for the next interchange (a grown buffer is let go). */
  release(): void {
    if (this.buf.length === CHUNK_BYTES * 2) spareBuffer = this.buf;
    this.at = 0;
    this.ascii = true;
  }
  /** The buffer's bytes as text. */
  private decode(): string {
    return this.ascii ? asciiText(this.buf, this.at) : utf8Text.decode(this.buf.subarray(0, this.at));
  }
  private grow(extra: number): void {
    const next = newByteArray(Math.max(this.buf.length * 2, this.at + extra));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }
}

/**
 * Whether every byte is ASCII.
 *
 * @example
 * ```ts
 * isAsciiBytes(new TextEncoder().encode('ISA*00')) // true
 * ```
 */
export function isAsciiBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

/** Node's Buffer where there is one (not in a browser bundle). */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** A zeroed byte array: a Node Buffer where there is one, so that {@link asciiText} is fast. */
function newByteArray(size: number): Uint8Array {
  return NodeBuffer === undefined ? new Uint8Array(size) : NodeBuffer.alloc(size);
}

/**
 * The first `length` bytes, all ASCII, as text. Node's Buffer copies ASCII bytes straight into a
 * one-byte string; TextDecoder's UTF-8 path took about twice as long, a visible share of writing
 * a one-claim interchange. Without Node, TextDecoder (the same text for ASCII).
 */
function asciiText(bytes: Uint8Array, length: number): string {
  return NodeBuffer?.isBuffer(bytes)
    ? bytes.toString('ascii', 0, length)
    : utf8Text.decode(bytes.subarray(0, length));
}

/**
 * The buffer of the last finished interchange, taken by the next one (a lazy cache: never more
 * than one buffer, and never shared by two writers at once, see {@link InterchangeBytes.acquire}).
 */
let spareBuffer: Uint8Array | undefined;

/** The size past which the written bytes become text at the next claim. */
const CHUNK_BYTES = 32 * 1024;

/**
 * Checks the envelope's `separators` option: absent gives the defaults; otherwise it must be an
 * object whose given delimiters, over the defaults, are four distinct {@link isSeparatorChar}
 * characters. Anything else is an `invalid_option` at `envelope.separators` (and the defaults
 * are returned, for the rest of the check).
 *
 * @example
 * ```ts
 * checkSeparators({ element: '|' }, problems) // { element: '|', component: ':', repetition: '^', segment: '~' }
 * checkSeparators({ element: '.' }, problems) // the defaults, and an invalid_option issue
 * ```
 */
export function checkSeparators(given: unknown, problems: Problems): X12Separators {
  // No separators given: the defaults, which are valid.
  if (given === undefined) return DEFAULT_X12_SEPARATORS;
  const sep: X12Separators | undefined = isSeparatorsObject(given)
    ? { ...DEFAULT_X12_SEPARATORS, ...(given as Partial<X12Separators>) }
    : undefined;
  // ISA fixes each delimiter as one character; they must differ and must not occur in data
  // (X12.5 interchange control structure; ISA is fixed-length, ISA11/ISA16 one character each;
  // 005010X222A1 Appendix B: delimiters are chosen from the basic and extended character sets
  // and must not be used in data).
  const ok =
    sep !== undefined &&
    isSeparatorChar(sep.element) &&
    isSeparatorChar(sep.component) &&
    isSeparatorChar(sep.repetition) &&
    isSeparatorChar(sep.segment) &&
    new Set([sep.element, sep.component, sep.repetition, sep.segment]).size === 4;
  if (!ok) problems.option('separators', SEPARATORS_EXPECTED);
  return ok ? sep : DEFAULT_X12_SEPARATORS;
}

/**
 * The delimiters the `separators` option gives, as {@link checkSeparators} reads it (the defaults
 * under what is given), or undefined when that option would be refused.
 *
 * @example
 * ```ts
 * x12SeparatorsOf({ element: '|' }) // { element: '|', component: ':', repetition: '^', segment: '~' }
 * x12SeparatorsOf({ element: 'A' }) // undefined
 * ```
 */
export function x12SeparatorsOf(given: unknown): X12Separators | undefined {
  const problems = new Problems();
  const separators = checkSeparators(given, problems);
  return problems.errors === 0 ? separators : undefined;
}

/**
 * Whether `given` has the shape of the `separators` option: an object (not an array) whose keys are
 * among `element`, `component`, `repetition` and `segment`. Another key (`elements`, `terminator`)
 * is a misspelt delimiter that would otherwise be dropped in favour of the default.
 *
 * @example
 * ```ts
 * isSeparatorsObject({ element: '|' })    // true
 * isSeparatorsObject({ terminator: '~' }) // false
 * ```
 */
export function isSeparatorsObject(given: unknown): boolean {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) return false;
  for (const key of Object.keys(given)) if (!SEPARATOR_KEYS.has(key)) return false;
  return true;
}

const SEPARATOR_KEYS: ReadonlySet<string> = new Set(['element', 'component', 'repetition', 'segment']);

/** What the `separators` option must be, for its `invalid_option` issue. */
export const SEPARATORS_EXPECTED =
  "an object of element, component, repetition and segment: four distinct single characters, each printable ASCII punctuation other than '.' and '-' (one of !\"#$%&'()*+,/:;<=>?@[\\]^_`{|}~)";

/**
 * Whether `c` may be an interchange delimiter: one printable ASCII character (0x21–0x7E, the X12
 * basic and extended character sets, ASC X12.6, without space and control characters, so that ISA
 * stays 106 bytes and the delimiters stay visible) that is not a letter or digit and not `.` or
 * `-`. Those occur in the values the writer formats itself and so cannot be escaped: letters and
 * digits in every code, `.` in R amounts and quantities (CLM02, SV102, SV104, CTP04) and `-` in
 * RD8 date spans (DTP03 `CCYYMMDD-CCYYMMDD`). A delimiter must not occur in data (005010X222A1
 * Appendix B). Any other character a value holds is refused value by value (`separator_in_value`).
 *
 * @example
 * ```ts
 * isSeparatorChar('|') // true
 * isSeparatorChar('.') // false: "95.5" in SV102
 * isSeparatorChar('§') // false: not ASCII
 * ```
 */
export function isSeparatorChar(c: unknown): c is string {
  if (typeof c !== 'string' || c.length !== 1) return false;
  const code = c.charCodeAt(0);
  if (code < 0x21 || code > 0x7e || code === 0x2e /* . */ || code === 0x2d /* - */) return false;
  const lower = code | 0x20;
  return !((code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a));
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Minimum and maximum lengths of the elements the writer fills from claim or envelope data
 * (005010X222A1 element attributes: NM103 AN 1–60, NM104 AN 1–35, NM109 AN 2–80, N301/N302
 * AN 1–55, N401 AN 2–30, N402 ID 2, N403 ID 3–15, REF02 AN 1–50, SBR03 AN 1–50, CLM01 AN 1–38,
 * PER02 AN 1–60, PER04 AN 1–256, BHT03 AN 1–50, LIN03 AN 1–48). Values beyond them are refused,
 * never cut.
 */
export const X12_ELEMENT_LENGTH = {
  NM103: [1, 60],
  NM104: [1, 35],
  NM109: [2, 80],
  N301: [1, 55],
  N302: [1, 55],
  N401: [2, 30],
  N402: [2, 2],
  N403: [3, 15],
  REF02: [1, 50],
  SBR03: [1, 50],
  CLM01: [1, 38],
  PER02: [1, 60],
  PER04: [1, 256],
  BHT03: [1, 50],
  LIN03: [1, 48],
} as const satisfies Record<string, readonly [number, number]>;
export type X12Element = keyof typeof X12_ELEMENT_LENGTH;

/**
 * The elements of {@link X12_ELEMENT_LENGTH} that the writer fills only when the claim has a
 * value (005010X222A1 usage S): NM104 first name (2010AA/2010BA/2010CA/2310B/2420A, "required
 * when the person has a first name"), N302 second address line, SBR03 group number. An empty or
 * all-space value there omits the element; in every other element it is a `missing` error.
 *
 * @example
 * ```ts
 * X12_SITUATIONAL_ELEMENTS.has('N302') // true
 * X12_SITUATIONAL_ELEMENTS.has('N301') // false: N301 is required (AN 1/55)
 * ```
 */
export const X12_SITUATIONAL_ELEMENTS: ReadonlySet<X12Element> = new Set<X12Element>([
  'NM104',
  'N302',
  'SBR03',
]);

/**
 * `v` without its trailing spaces, but for those needed to keep `min` characters: "trailing spaces
 * must be suppressed unless they are necessary to satisfy a minimum length requirement"
 * (005010X222A1 Appendix B; ASC X12.6: trailing spaces are not significant in an AN value). So
 * `SMITH     ` is sent as `SMITH`, which means the same to any X12 reader.
 *
 * @example
 * ```ts
 * withoutTrailingSpaces('SMITH   ', 1) // 'SMITH'
 * withoutTrailingSpaces('A ', 2)       // 'A ' (NM109 holds at least 2 characters)
 * withoutTrailingSpaces(' A', 1)       // ' A' (leading spaces are significant)
 * ```
 */
export function withoutTrailingSpaces(v: string, min: number): string {
  const n = keptLength(v, min);
  return n === v.length ? v : v.slice(0, n);
}

/**
 * The length of `v` once its trailing spaces are dropped, keeping at least `min` characters: the
 * one rule both writing paths apply ({@link withoutTrailingSpaces}; the clean-claim lane counts it
 * without making the shorter string).
 */
function keptLength(v: string, min: number): number {
  let n = v.length;
  while (n > min && v.charCodeAt(n - 1) === 0x20) n--;
  return n;
}

/**
 * Whether `v` is absent, empty or only spaces: an X12 AN value needs at least one character
 * other than a space (ASC X12.6), so such a value is nothing to write.
 *
 * @example
 * ```ts
 * isBlank('  ') // true
 * isBlank(' A') // false
 * ```
 */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === '') return true;
  if (typeof v !== 'string') return false;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) !== 0x20) return false;
  return true;
}

/**
 * Whether `v` is a ZIP code as an N403 carries it. N403 is X12 element 116, Postal Code: "code
 * defining international postal zone code excluding punctuation and blanks (zip code for United
 * States)", so ZIP+4 is sent as its 9 digits, without the hyphen or a space. The writer sends no
 * N404 country code, so every address it writes is a US one and its N403 is the ZIP code: 5
 * digits or the 9 of ZIP+4; only the 9 when `zip4` ("When reporting the ZIP code for U.S.
 * addresses, the full nine digit ZIP code must be provided", 005010X222A1 loop 2010AA N403). Both
 * writing paths check every N403 with it.
 *
 * @example
 * ```ts
 * isZipCode('62704', false)      // true
 * isZipCode('627041234', true)   // true
 * isZipCode('62704-1234', false) // false: punctuation
 * isZipCode('62704', true)       // false: 2010AA needs ZIP+4
 * ```
 */
export function isZipCode(v: unknown, zip4: boolean): v is string {
  if (typeof v !== 'string' || (v.length !== 9 && (zip4 || v.length !== 5))) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * The X12 basic and extended character sets (ASC X12.6) are printable ASCII: letters, digits,
 * space and the special characters. UTF-8 letters such as `ñ` are outside them.
 */
export function isX12Text(v: string): boolean {
  return /^[\x20-\x7e]*$/.test(v);
}

/** `Muñoz` → `Munoz`: canonical decomposition, then the combining marks dropped. */
export function asciiFold(v: string): string {
  return v.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export function padRight(v: string, n: number): string {
  return v.length >= n ? v.slice(0, n) : v + ' '.repeat(n - v.length);
}
