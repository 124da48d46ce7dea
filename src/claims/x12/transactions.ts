/**
 * An 837P cut into its transaction sets (ST…SE), for reading them on several threads with the same
 * items, in the same order, as one {@link X12837PReader} reading the whole input.
 *
 * Why transaction sets: a transaction set is the unit whose size the 837P implementation guide
 * (ASC X12 005010X222A1) asks senders to bound, recommending at most 5,000 CLM segments per ST…SE,
 * and nothing read inside one depends on another (ST and SE: the guide's Appendix B, control
 * segments). What a set needs from outside it is the interchange's separators (ISA), an open 837P
 * functional group (GS) and the position of its ST in the input, which issues report. Everything
 * outside the sets (ISA, GS, GE, IEA, anything malformed) is read here, by a reader that counts the
 * sets' segments without reading them, so the envelope's counts and positions come out as one
 * reader gives them.
 *
 * The cut is made on bytes, segment by segment: a segment ends at the terminator ISA16 named, and
 * a set is cut out only when it is here whole and clean (its ST in an open 837P group, no claim or
 * line left open before it, no envelope segment before its SE, no segment longer than the
 * tokenizer's limit). Anything else (a set cut short, a group that is not 837P, an ISA with a byte
 * outside ASCII, a set larger than {@link MAX_TRANSACTION_BYTES}) is read here as one reader reads
 * it.
 *
 * @module
 */
import type { X12Separators } from './envelope';
import type { X12ReadItem } from './read-item';
import { wrongArgumentItem } from './read-item';
import { endInput, pushText } from './reader';
import { X12ReaderState } from './reader-state';
import { MAX_SEGMENT_LENGTH } from './tokenizer';

/**
 * Where transaction sets cut out of an interchange sit in it: what {@link readX12Transactions}
 * needs to read them as the whole-input reader reads them there.
 *
 * @example
 * ```ts
 * const at: X12TransactionsAt = { isa, gs, separators, position: 3 }
 * ```
 */
export interface X12TransactionsAt {
  /** The elements of the interchange's ISA (`elements[0]` is `ISA`). */
  readonly isa: readonly string[];
  /** The elements of the functional group's GS. */
  readonly gs: readonly string[];
  readonly separators: X12Separators;
  /** The position of the first ST in the whole input (the first ISA is 1). */
  readonly position: number;
}

/**
 * A piece of an 837P in input order: items read on this thread, or transaction sets (ST…SE, one or
 * more back to back, with only line breaks and spaces between them) to read elsewhere with
 * {@link readX12Transactions}.
 *
 * @example
 * ```ts
 * for (const piece of splitter.push(chunk)) if (piece.kind === 'transactions') send(piece)
 * ```
 */
export type X12Piece =
  | { readonly kind: 'items'; readonly items: readonly X12ReadItem[] }
  | {
      readonly kind: 'transactions';
      /** The bytes from the first ST to the last SE's terminator, in a buffer of their own. */
      readonly bytes: Uint8Array;
      readonly at: X12TransactionsAt;
      /** How many transaction sets. */
      readonly count: number;
    };

/**
 * Transaction sets back to back are sent together up to about this many bytes (some 500 claims as
 * medcode writes them): small sets are not sent one by one, and the threads that read the pieces
 * share the work in steps of a few milliseconds.
 */
const PIECE_BYTES = 256 << 10;

/**
 * A transaction set larger than this is read on this thread, as it streams in, rather than held
 * whole to be sent: 64 MiB is far past the 5,000 claims the implementation guide recommends
 * (about 2.5 MiB as medcode writes them).
 *
 * @example
 * ```ts
 * if (bytes.length > MAX_TRANSACTION_BYTES) console.log('read on this thread')
 * ```
 */
export const MAX_TRANSACTION_BYTES = 64 << 20;

const LF = 10;
const CR = 13;
const SPACE = 32;
const UPPER_S = 83;
const UPPER_T = 84;
const UPPER_E = 69;
const UPPER_G = 71;
const UPPER_I = 73;
const UPPER_A = 65;

/** The bytes of a segment's id the cut looks for, and what they mean for a set being cut out. */
type SegmentKind = 'se' | 'envelope' | 'other';

/** A set being looked through, kept across chunks so that its bytes are walked once. */
interface Lookahead {
  /** Where its ST starts. */
  readonly start: number;
  /** The next segment to look at. */
  at: number;
  /** Segments seen from the ST on. */
  segments: number;
}

/** Sets taken and not yet handed out: `[start, end)` of the buffer, from one GS. */
interface OpenPiece {
  readonly start: number;
  end: number;
  readonly at: X12TransactionsAt;
  count: number;
}

/**
 * Cuts an 837P, pushed as byte chunks of any size, into {@link X12Piece}s. Reads everything it does
 * not cut out itself; never throws on any input.
 *
 * @example
 * ```ts
 * const splitter = new X12TransactionSplitter()
 * for await (const chunk of fs.createReadStream('big.837')) for (const piece of splitter.push(chunk)) handle(piece)
 * for (const piece of splitter.end()) handle(piece)
 * ```
 */
export class X12TransactionSplitter {
  readonly #reader = new X12ReaderState();
  /** Text for this thread's reader: one stream, so that a character is never decoded in two. */
  readonly #decoder = new TextDecoder('utf-8');
  #buffer = new Uint8Array(0);
  #length = 0;
  /** Bytes before this offset are read (by this thread's reader) or cut out. */
  #consumed = 0;
  /** The next segment to walk. */
  #cursor = 0;
  /** Where the segment that needs more bytes starts: what the tokenizer would hold back. */
  #waiting = 0;
  #element: number | undefined;
  #terminator: number | undefined;
  #look: Lookahead | undefined;
  #piece: OpenPiece | undefined;
  /** Set once nothing more is cut out: every byte goes to this thread's reader as it comes. */
  #whole = false;
  #out: X12Piece[] = [];

  /** Adds bytes; returns the pieces they complete. A chunk that is not bytes is an issue, not read. */
  push(chunk: Uint8Array): X12Piece[] {
    if (!(chunk instanceof Uint8Array))
      return [{ kind: 'items', items: [wrongArgumentItem('bytes (a Uint8Array) of the 837P', chunk)] }];
    if (this.#whole) {
      this.#read(this.#decoder.decode(chunk, { stream: true }));
      return this.#take();
    }
    this.#append(chunk);
    this.#walk();
    // The tokenizer gives up on a segment longer than its limit that is still unfinished at the
    // end of a chunk; the reader here decides it, with the same text held back at the same point.
    if (!this.#whole && this.#length - this.#waiting > MAX_SEGMENT_LENGTH) this.#readTheRest();
    // Segments no set was cut from (another group's, a broken set's) are read as they come, so
    // that what is held stays about a piece, or a set being looked through.
    else if (this.#look === undefined && this.#cursor - this.#consumed > PIECE_BYTES)
      this.#toReader(this.#cursor);
    return this.#take();
  }

  /** Ends the input: reads what is left and returns the last pieces. */
  end(): X12Piece[] {
    if (!this.#whole) this.#readTheRest();
    this.#read(this.#decoder.decode());
    const items = endInput(this.#reader);
    if (items.length > 0) this.#out.push({ kind: 'items', items });
    return this.#take();
  }

  #take(): X12Piece[] {
    const out = this.#out;
    this.#out = [];
    return out;
  }

  #append(chunk: Uint8Array): void {
    if (this.#length + chunk.length > this.#buffer.length) {
      // Bytes before the open piece (or before what is not consumed) are done with: drop them.
      const base = Math.min(this.#piece?.start ?? this.#consumed, this.#consumed);
      const kept = this.#length - base;
      const grown =
        kept + chunk.length > this.#buffer.length / 2
          ? new Uint8Array(Math.max(2 * (kept + chunk.length), 1 << 16))
          : this.#buffer;
      if (grown === this.#buffer) this.#buffer.copyWithin(0, base, this.#length);
      else grown.set(this.#buffer.subarray(base, this.#length));
      this.#buffer = grown;
      this.#length = kept;
      this.#consumed -= base;
      this.#cursor -= base;
      this.#waiting -= base;
      if (this.#look !== undefined)
        this.#look = {
          start: this.#look.start - base,
          at: this.#look.at - base,
          segments: this.#look.segments,
        };
      if (this.#piece !== undefined)
        this.#piece = { ...this.#piece, start: this.#piece.start - base, end: this.#piece.end - base };
    }
    this.#buffer.set(chunk, this.#length);
    this.#length += chunk.length;
  }

  /** Walks the complete segments from the cursor, cutting out the sets that can be. */
  #walk(): void {
    const length = this.#length;
    const bytes = this.#buffer.subarray(0, length);
    let s = this.#cursor;
    for (;;) {
      s = skipLayout(bytes, s, length);
      this.#cursor = s;
      this.#waiting = s;
      if (s >= length) return;
      if (this.#terminator === undefined && isByteOrderMark(bytes, s, length)) {
        // Before the first ISA the tokenizer skips a byte-order mark (U+FEFF) as layout.
        s += 3;
        continue;
      }
      if (this.#terminator === undefined || startsWithIsa(bytes, s, length)) {
        const isa = isaEnd(bytes, s, length);
        if (isa === 'more') return;
        if (isa === 'unusual') {
          this.#readTheRest();
          return;
        }
        this.#element = isa.element;
        this.#terminator = isa.terminator;
        s = isa.end;
        continue;
      }
      const t = bytes.indexOf(this.#terminator, s);
      if (t < 0) return;
      if (isSt(bytes, s, t, this.#element!)) {
        const set = this.#lookThrough(s);
        if (set === 'more') return;
        this.#look = undefined;
        if (set !== 'no' && this.#cut(s, set.end, set.segments)) {
          s = set.end;
          continue;
        }
      }
      s = t + 1;
    }
  }

  /**
   * Walks a transaction set from its ST (at `start`): its end and segment count when an SE closes
   * it, `no` when an envelope segment or an over-long segment comes first or it is too large to
   * hold, `more` when its bytes are not all here yet.
   */
  #lookThrough(start: number): { readonly end: number; readonly segments: number } | 'no' | 'more' {
    const length = this.#length;
    const bytes = this.#buffer.subarray(0, length);
    const element = this.#element!;
    const terminator = this.#terminator!;
    const look = this.#look?.start === start ? this.#look : (this.#look = { start, at: start, segments: 0 });
    let p = look.at;
    for (;;) {
      p = skipLayout(bytes, p, length);
      look.at = p;
      if (p - start > MAX_TRANSACTION_BYTES) return 'no';
      this.#waiting = p;
      if (p >= length) return 'more';
      if (look.segments > 0 && startsWithIsa(bytes, p, length)) return 'no';
      const t = bytes.indexOf(terminator, p);
      if (t < 0) return 'more';
      if (t - p > MAX_SEGMENT_LENGTH) return 'no';
      look.segments++;
      if (look.segments > 1) {
        const kind = segmentKind(bytes, p, t, element);
        if (kind === 'se') return { end: t + 1, segments: look.segments };
        if (kind === 'envelope') return 'no';
      }
      p = t + 1;
      look.at = p;
    }
  }

  /**
   * Cuts out the set `[start, end)` of `segments` segments when this thread's reader, having read
   * everything before it, stands where a set can start clean; false (the set is read here) if not.
   */
  #cut(start: number, end: number, segments: number): boolean {
    this.#toReader(start);
    const r = this.#reader;
    const sep = r.tokenizer.separators;
    if (
      r.stopped ||
      r.tokenizer.fatal ||
      !r.tokenizer.idle ||
      r.isa === undefined ||
      r.gs === undefined ||
      r.groupSkip ||
      r.st !== undefined ||
      r.claim !== undefined ||
      r.line !== undefined ||
      r.lineRendering !== undefined ||
      r.loop !== 'none' ||
      sep === undefined ||
      sep.segment.charCodeAt(0) !== this.#terminator ||
      sep.element.charCodeAt(0) !== this.#element
    )
      return false;
    const position = r.tokenizer.lastPosition + 1;
    // What reading the set here would have changed outside it: the segments counted, and one more
    // transaction set in the group (GE01).
    r.tokenizer.skip(segments);
    r.txInGroup++;
    r.lastPosition = position + segments - 1;
    const piece = this.#piece;
    if (piece !== undefined && piece.at.gs === r.gs.elements && isLayout(this.#buffer, piece.end, start)) {
      piece.end = end;
      piece.count++;
    } else {
      this.#handOut();
      this.#piece = {
        start,
        end,
        at: { isa: r.isa.elements, gs: r.gs.elements, separators: sep, position },
        count: 1,
      };
    }
    this.#consumed = end;
    if (this.#piece!.end - this.#piece!.start >= PIECE_BYTES) this.#handOut();
    return true;
  }

  /** Hands out the sets taken so far as one piece. */
  #handOut(): void {
    const piece = this.#piece;
    if (piece === undefined) return;
    this.#piece = undefined;
    this.#out.push({
      kind: 'transactions',
      bytes: this.#buffer.slice(piece.start, piece.end),
      at: piece.at,
      count: piece.count,
    });
  }

  /** Reads `[consumed, upTo)` here, after the sets taken before it. */
  #toReader(upTo: number): void {
    if (upTo <= this.#consumed) return;
    const range = this.#buffer.subarray(this.#consumed, upTo);
    this.#consumed = upTo;
    // Line breaks and spaces between sets are skipped by the tokenizer: they do not close a piece.
    if (this.#piece !== undefined && isLayout(range, 0, range.length)) return;
    this.#handOut();
    this.#read(this.#decoder.decode(range, { stream: true }));
  }

  /** From here on, nothing is cut out: what is held and every later byte is read here. */
  #readTheRest(): void {
    this.#handOut();
    this.#read(this.#decoder.decode(this.#buffer.subarray(this.#consumed, this.#length), { stream: true }));
    this.#whole = true;
    this.#buffer = new Uint8Array(0);
    this.#length = this.#consumed = this.#cursor = this.#waiting = 0;
    this.#look = undefined;
  }

  #read(text: string): void {
    if (text.length === 0) return;
    const items = pushText(this.#reader, text);
    if (items.length > 0) this.#out.push({ kind: 'items', items });
  }
}

/** Bytes of a piece decoded and read at a time: the claims of one step are validated and dropped. */
const READ_BYTES = 64 << 10;

/**
 * Reads transaction sets cut out by {@link X12TransactionSplitter}: the items a reader of the whole
 * input gives for them, positions included, yielded as they are read (a piece of a few megabytes
 * is never held as claims all at once). Bytes that are not a `Uint8Array`, or an `at` without its
 * shape, give one `invalid_type` issue item and nothing else.
 *
 * @example
 * ```ts
 * for (const item of readX12Transactions(piece.bytes, piece.at)) if (item.kind === 'claim') save(item.claim)
 * ```
 */
export function* readX12Transactions(
  bytes: Uint8Array,
  at: X12TransactionsAt,
): Generator<X12ReadItem, void, undefined> {
  if (!(bytes instanceof Uint8Array)) {
    yield wrongArgumentItem('the bytes of a piece (a Uint8Array)', bytes);
    return;
  }
  if (!isTransactionsAt(at)) {
    yield wrongArgumentItem("a piece's `at` (its ISA and GS elements, separators and ST position)", at);
    return;
  }
  const r = new X12ReaderState();
  r.tokenizer.resume(at.separators, at.position - 1);
  r.isa = { position: 0, id: 'ISA', elements: at.isa, separators: at.separators };
  r.gs = { position: 0, id: 'GS', elements: at.gs, separators: at.separators };
  // A piece starts at `ST`: no byte-order mark to strip. Its segments are each shorter than the
  // tokenizer's limit, so the steps may cut one anywhere.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let from = 0; from < bytes.length; from += READ_BYTES) {
    const text = decoder.decode(bytes.subarray(from, from + READ_BYTES), { stream: true });
    yield* pushText(r, text);
  }
  yield* pushText(r, decoder.decode());
}

/** Whether `at` has the shape {@link X12TransactionsAt} describes (a piece's own, sent as data). */
function isTransactionsAt(at: unknown): at is X12TransactionsAt {
  if (typeof at !== 'object' || at === null) return false;
  const { isa, gs, separators, position } = at as Record<string, unknown>;
  const oneCharacter = (v: unknown) => typeof v === 'string' && v.length === 1;
  const sep = separators as Record<string, unknown> | null | undefined;
  return (
    Array.isArray(isa) &&
    isa.every((e) => typeof e === 'string') &&
    Array.isArray(gs) &&
    gs.every((e) => typeof e === 'string') &&
    typeof sep === 'object' &&
    sep !== null &&
    oneCharacter(sep.element) &&
    oneCharacter(sep.component) &&
    oneCharacter(sep.segment) &&
    (sep.repetition === '' || oneCharacter(sep.repetition)) &&
    Number.isSafeInteger(position) &&
    (position as number) >= 1
  );
}

function skipLayout(bytes: Uint8Array, from: number, to: number): number {
  let p = from;
  while (p < to) {
    const b = bytes[p]!;
    if (b !== LF && b !== CR && b !== SPACE) break;
    p++;
  }
  return p;
}

function isLayout(bytes: Uint8Array, from: number, to: number): boolean {
  return skipLayout(bytes, from, to) >= to;
}

function isByteOrderMark(bytes: Uint8Array, p: number, length: number): boolean {
  return p + 2 < length && bytes[p] === 0xef && bytes[p + 1] === 0xbb && bytes[p + 2] === 0xbf;
}

function startsWithIsa(bytes: Uint8Array, p: number, length: number): boolean {
  return p + 2 < length && bytes[p] === UPPER_I && bytes[p + 1] === UPPER_S && bytes[p + 2] === UPPER_A;
}

/** `ST`, followed by the element separator or the terminator (at `t`). */
function isSt(bytes: Uint8Array, s: number, t: number, element: number): boolean {
  return bytes[s] === UPPER_S && bytes[s + 1] === UPPER_T && (s + 2 === t || bytes[s + 2] === element);
}

/** What the segment `[s, t)` is to a set being cut out: its SE, an envelope segment, or its body. */
function segmentKind(bytes: Uint8Array, s: number, t: number, element: number): SegmentKind {
  const idEnd =
    s + 2 === t || bytes[s + 2] === element ? s + 2 : s + 3 === t || bytes[s + 3] === element ? s + 3 : -1;
  if (idEnd === s + 2) {
    const a = bytes[s];
    const b = bytes[s + 1];
    if (a === UPPER_S) return b === UPPER_E ? 'se' : b === UPPER_T ? 'envelope' : 'other';
    if (a === UPPER_G) return b === UPPER_E || b === UPPER_S ? 'envelope' : 'other';
    return 'other';
  }
  if (idEnd === s + 3 && bytes[s] === UPPER_I && bytes[s + 1] === UPPER_E && bytes[s + 2] === UPPER_A)
    return 'envelope';
  return 'other';
}

/**
 * Where the ISA at `s` ends and its separators, found as the tokenizer finds them (the element
 * separator is ISA's 4th character, the terminator follows the one-character ISA16): `more` when
 * its bytes are not all here, `unusual` when the tokenizer may read it otherwise (a byte outside
 * ASCII in it, no 16 elements within 200 bytes): the rest is then read on this thread.
 */
function isaEnd(
  bytes: Uint8Array,
  s: number,
  length: number,
): { readonly end: number; readonly element: number; readonly terminator: number } | 'more' | 'unusual' {
  if (length - s < 4) return 'more';
  if (!startsWithIsa(bytes, s, length)) return 'unusual';
  const element = bytes[s + 3]!;
  let at = s + 3;
  for (let k = 2; k <= 16; k++) {
    const next = bytes.indexOf(element, at + 1);
    if (next < 0 || next - s > 200) return length - s < 200 ? 'more' : 'unusual';
    at = next;
  }
  if (length < at + 3) return 'more';
  for (let p = s; p < at + 3; p++) if (bytes[p]! >= 0x80) return 'unusual';
  return { end: at + 3, element, terminator: bytes[at + 2]! };
}
