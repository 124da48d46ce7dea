/**
 * An incremental X12 tokenizer: text in (in chunks of any size), segments out. It learns the
 * separators from each ISA and keeps only the unfinished tail of the input, so memory stays flat
 * however large the interchange.
 *
 * ISA is fixed-format: the element separator is its 4th character, ISA11 the repetition separator,
 * ISA16 the component separator, and the character after ISA16 terminates segments
 * (ASC X12.5 interchange control structure, as summarized in the 837P layout notes "Envelope").
 *
 * @module
 */
import { invalidArgument } from '../../core/arguments';
import { createIssue } from '../../core/issues';
import type { MedcodeIssue } from '../../core/issues';
import type { X12Separators } from './envelope';

/**
 * One segment: `elements[0]` is the segment id, `elements[n]` element n (X12 numbering).
 *
 * @example
 * ```ts
 * const sv102 = segment.id === 'SV1' ? segment.elements[2] : undefined;
 * ```
 */
export interface X12Segment {
  /** 1-based position of the segment from the start of the input (the first ISA is 1). */
  readonly position: number;
  readonly id: string;
  readonly elements: readonly string[];
  /** The separators in force for this segment. */
  readonly separators: X12Separators;
}

/** A segment longer than this without a terminator means the separators are wrong. */
export const MAX_SEGMENT_LENGTH = 65_536;
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const SEGMENT_ID_PREFIX = /^([A-Z][A-Z0-9]{1,2})(?![A-Z0-9])/;

/**
 * Splits X12 text into segments. Feed it with {@link X12Tokenizer.push}, then call
 * {@link X12Tokenizer.end}. After a fatal issue (no ISA, malformed ISA, runaway segment) it stops.
 *
 * @example
 * ```ts
 * const t = new X12Tokenizer();
 * const segments = t.push(text);
 * segments.push(...t.end());
 * ```
 */
export class X12Tokenizer {
  private buf = '';
  private sep: X12Separators | undefined;
  private position = 0;
  /** Set once the input cannot be read further. */
  fatal = false;
  /** Issues found while splitting (each is fatal). */
  readonly issues: MedcodeIssue[] = [];

  /**
   * Adds text and returns the segments it completes. A chunk that is not a string is fatal, as the
   * reader's: one `invalid_option` issue naming `X12Tokenizer.push(chunk)`.
   */
  push(chunk: string): X12Segment[] {
    const out: X12Segment[] = [];
    if (this.fatal) return out;
    if (typeof chunk !== 'string') {
      this.fatal = true;
      this.issues.push(
        invalidArgument('X12Tokenizer.push', 'chunk', 'a chunk of X12 text, a string', chunk).issues[0]!,
      );
      return out;
    }
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    let pos = 0;
    const buf = this.buf;
    for (;;) {
      // Line breaks and spaces between segments are layout, not data; a byte order mark (U+FEFF,
      // added by some Windows editors) may precede the first ISA.
      while (
        pos < buf.length &&
        (buf.charCodeAt(pos) === 10 ||
          buf.charCodeAt(pos) === 13 ||
          buf.charCodeAt(pos) === 32 ||
          (this.sep === undefined && buf.charCodeAt(pos) === 0xfeff))
      )
        pos++;
      if (pos >= buf.length) break;
      if (this.sep === undefined || buf.startsWith('ISA', pos)) {
        const isa = this.#readIsa(buf, pos, false);
        if (isa === undefined) break; // need more text
        if (isa === null) return out;
        out.push(isa.segment);
        pos = isa.next;
        continue;
      }
      const term = buf.indexOf(this.sep.segment, pos);
      if (term < 0) {
        if (buf.length - pos > MAX_SEGMENT_LENGTH) {
          this.#fail(
            'segment_too_long',
            this.position + 1,
            buf.slice(pos, pos + 40),
            `a segment terminator ${JSON.stringify(this.sep.segment)}`,
          );
          return out;
        }
        break;
      }
      const text = buf.slice(pos, term);
      pos = term + 1;
      const elements = text.split(this.sep.element);
      this.position++;
      out.push({ position: this.position, id: elements[0]!, elements, separators: this.sep });
    }
    this.buf = pos >= buf.length ? '' : buf.slice(pos);
    return out;
  }

  /** Ends the input: returns the final segments; unterminated text is reported as truncation. */
  end(): X12Segment[] {
    if (this.fatal) return [];
    const rest = this.buf.trim();
    this.buf = '';
    if (rest.length === 0) {
      if (this.position === 0) this.#fail('not_x12', 1, '', 'an interchange starting with ISA');
      return [];
    }
    if (this.sep === undefined || rest.startsWith('ISA')) {
      const isa = this.#readIsa(rest, 0, true);
      return isa ? [isa.segment] : [];
    }
    // Text after the last terminator: a segment cut short.
    this.#fail(
      'truncated',
      this.position + 1,
      rest.slice(0, 40),
      `a segment ending with ${JSON.stringify(this.sep.segment)}`,
    );
    return [];
  }

  /** The separators of the interchange being read (from its ISA); none before the first ISA. */
  get separators(): X12Separators | undefined {
    return this.sep;
  }

  /** The position of the last segment read (0 before the first). */
  get lastPosition(): number {
    return this.position;
  }

  /** True when no text is held back waiting for the rest of a segment. */
  get idle(): boolean {
    return this.buf.length === 0;
  }

  /**
   * Counts `segments` read elsewhere (by a worker thread reading the transaction sets cut out of
   * the interchange), so that the segments after them keep their positions in the whole input.
   *
   * @internal
   */
  skip(segments: number): void {
    this.position += segments;
  }

  /**
   * Continues an interchange read elsewhere: its separators, and the position of the segment
   * before the first one this tokenizer will read.
   *
   * @internal
   */
  resume(separators: X12Separators, position: number): void {
    this.sep = separators;
    this.position = position;
  }

  /** Whether a segment id is well formed (two or three upper-case letters or digits). */
  static isSegmentId(id: string): boolean {
    return SEGMENT_ID.test(id);
  }

  #fail(
    reason: 'not_x12' | 'isa_malformed' | 'bad_separators' | 'segment_too_long' | 'truncated',
    position: number,
    received: string,
    expected: string,
    elementPosition?: number,
  ): void {
    this.fatal = true;
    this.issues.push(
      createIssue({
        code: 'x12_syntax',
        severity: 'error',
        path: [],
        codes: [],
        reason,
        segmentPosition: position,
        ...(SEGMENT_ID_PREFIX.test(received) ? { segmentId: SEGMENT_ID_PREFIX.exec(received)![1]! } : {}),
        ...(elementPosition !== undefined ? { elementPosition } : {}),
        expected,
        received: received.slice(0, 40),
      }),
    );
  }

  /**
   * Reads an ISA at `pos`. Returns undefined when more text is needed, null on a fatal problem.
   */
  #readIsa(
    buf: string,
    pos: number,
    final: boolean,
  ): { segment: X12Segment; next: number } | null | undefined {
    const position = this.position + 1;
    if (buf.length - pos < 3) {
      if (!final) return undefined;
    }
    if (!buf.startsWith('ISA', pos)) {
      this.#fail('not_x12', position, buf.slice(pos, pos + 3), 'an interchange starting with ISA');
      return null;
    }
    if (buf.length - pos < 4) {
      if (!final) return undefined;
      this.#fail('truncated', position, 'ISA', 'a complete ISA segment');
      return null;
    }
    const element = buf[pos + 3]!;
    if (/[0-9A-Za-z \r\n]/.test(element)) {
      this.#fail(
        'bad_separators',
        position,
        'ISA',
        'an element separator that is not a letter, digit or space',
        1,
      );
      return null;
    }
    // Find the 16th element separator; ISA16 is one character and the terminator follows it.
    let at = pos + 3;
    for (let k = 2; k <= 16; k++) {
      const next = buf.indexOf(element, at + 1);
      if (next < 0 || next - pos > 200) {
        if (!final && buf.length - pos < 200) return undefined;
        this.#fail(final ? 'truncated' : 'isa_malformed', position, 'ISA', '16 ISA elements', k);
        return null;
      }
      at = next;
    }
    if (buf.length < at + 3) {
      if (!final) return undefined;
      this.#fail('truncated', position, 'ISA', 'ISA16 and a segment terminator', 16);
      return null;
    }
    const component = buf[at + 1]!;
    const segment = buf[at + 2]!;
    const text = buf.slice(pos, at + 2);
    const elements = text.split(element);
    const repetition = elements[11] ?? '';
    const all = [element, component, segment];
    if (
      elements.length !== 17 ||
      /[0-9A-Za-z ]/.test(component) ||
      /[0-9A-Za-z ]/.test(segment) ||
      new Set(all).size !== 3 ||
      (repetition.length === 1 && all.includes(repetition))
    ) {
      this.#fail(
        'bad_separators',
        position,
        'ISA',
        'distinct element, component (ISA16) and segment separators',
        16,
      );
      return null;
    }
    this.sep = { element, component, repetition: repetition.length === 1 ? repetition : '', segment };
    this.position++;
    return { segment: { position: this.position, id: 'ISA', elements, separators: this.sep }, next: at + 3 };
  }
}
