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
    severity: 'error' | 'warning' = reason === 'not_representable' ? 'warning' : 'error',
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
  option(option: string, expected: string): void {
    this.errors++;
    this.list.push(
      createIssue({
        code: 'invalid_option',
        severity: 'error',
        path: ['envelope', option],
        codes: [],
        option,
        expected,
      }),
    );
  }
}

/**
 * Writes segments with the interchange's separators and checks that no value contains one. The
 * interchange is written as bytes into one growing buffer, not kept as thousands of segment
 * strings: those would outlive the young generation in a large batch and make the garbage
 * collector's work, and so the cost per claim, grow with the number of claims.
 */
export class SegmentWriter {
  private readonly bytes = new InterchangeBytes();
  /** Segments written so far (SE01 counts them). */
  segments = 0;
  private readonly el: string;
  private readonly comp: string;
  private readonly term: string;
  private readonly separators: X12Separators;
  private forbiddenPattern: RegExp | undefined;
  /** The four separators' character codes, for {@link isPlainValue}. */
  private readonly separatorCodes: readonly [number, number, number, number];
  constructor(
    sep: X12Separators,
    lineBreaks: boolean,
    private readonly problems: Problems,
    private readonly transliterate: boolean,
  ) {
    this.el = sep.element;
    this.comp = sep.component;
    this.term = lineBreaks ? `${sep.segment}\n` : sep.segment;
    this.separators = sep;
    this.separatorCodes = [
      sep.element.charCodeAt(0),
      sep.component.charCodeAt(0),
      sep.repetition.charCodeAt(0),
      sep.segment.charCodeAt(0),
    ];
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
  /** Printable ASCII (ASC X12.6 basic and extended sets) without a separator: written as it is. */
  private isPlainValue(v: string): boolean {
    const [a, b, c, d] = this.separatorCodes;
    for (let i = 0; i < v.length; i++) {
      const ch = v.charCodeAt(i);
      if (ch < 0x20 || ch > 0x7e || ch === a || ch === b || ch === c || ch === d) return false;
    }
    return true;
  }
  /**
   * Makes a value safe for an element, or reports it (and returns '') when it holds a separator,
   * a character outside the X12 character sets, or has a length outside the element's min/max.
   */
  value(v: string, path: IssuePath, segment: string, element?: X12Element, base?: IssuePath): string {
    // The common case, a printable ASCII value of a valid length, builds no issue path.
    if (this.isPlainValue(v)) {
      if (element === undefined || v === '') return v;
      const [min, max] = X12_ELEMENT_LENGTH[element];
      if (v.length >= min && v.length <= max) return v;
    }
    return this.badValue(v, base === undefined ? path : [...base, ...path], segment, element);
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
        this.problems.add(path, segment, 'not_representable', `written as ${JSON.stringify(ascii)}`, v);
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
    if (element !== undefined && text !== '') {
      const [min, max] = X12_ELEMENT_LENGTH[element];
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
    }
    return text;
  }
  composite(parts: readonly string[]): string {
    let n = parts.length;
    while (n > 0 && parts[n - 1] === '') n--;
    return n === parts.length ? parts.join(this.comp) : parts.slice(0, n).join(this.comp);
  }
  /** One segment; trailing empty elements are omitted as X12 requires. */
  seg(id: string, ...elements: string[]): void {
    let n = elements.length;
    while (n > 0 && elements[n - 1] === '') n--;
    const out = this.bytes;
    out.write(id);
    for (let i = 0; i < n; i++) {
      out.write(this.el);
      out.write(elements[i]!);
    }
    out.write(this.term);
    this.segments++;
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
  /** The interchange text. */
  text(): string {
    return this.bytes.text();
  }
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
  private buf = new Uint8Array(2048);
  private readonly chunks: string[] = [];
  /** Bytes written before the current buffer. */
  private flushed = 0;
  private at = 0;
  /** Bytes written so far. */
  get length(): number {
    return this.flushed + this.at;
  }
  /** Drops the bytes past `length`, which must lie within the current buffer (see {@link startClaim}). */
  set length(length: number) {
    this.at = length - this.flushed;
  }
  /** A claim starts: the buffer may be turned into text, since no rollback goes back past here. */
  startClaim(): void {
    if (this.at < CHUNK_BYTES) return;
    this.chunks.push(utf8Text.decode(this.buf.subarray(0, this.at)));
    this.flushed += this.at;
    this.at = 0;
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
        break;
      }
      buf[at++] = c;
    }
    this.at = at;
  }
  text(): string {
    const last = utf8Text.decode(this.buf.subarray(0, this.at));
    return this.chunks.length === 0 ? last : this.chunks.join('') + last;
  }
  private grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + extra));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }
}

/** The size past which the written bytes become text at the next claim. */
const CHUNK_BYTES = 32 * 1024;

export function checkSeparators(given: unknown, problems: Problems): X12Separators {
  const sep: X12Separators = {
    ...DEFAULT_X12_SEPARATORS,
    ...(given !== null && typeof given === 'object' ? (given as Partial<X12Separators>) : {}),
  };
  const all = [sep.element, sep.component, sep.repetition, sep.segment];
  // ISA fixes each delimiter as one character; they must differ and must not occur in data
  // (X12.5 interchange control structure; ISA is fixed-length, ISA11/ISA16 one character each).
  const ok =
    all.every((c) => typeof c === 'string' && c.length === 1 && !/[0-9A-Za-z \r\n]/.test(c)) &&
    new Set(all).size === 4;
  if (!ok)
    problems.option(
      'separators',
      'four distinct single characters, none a letter, digit, space or line break',
    );
  return ok ? sep : DEFAULT_X12_SEPARATORS;
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
