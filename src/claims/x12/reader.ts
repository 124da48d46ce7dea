/**
 * The 837P reader: segments in, claims out, one claim at a time.
 *
 * A claim (loop 2300 with its 2400 lines) is only handed out once the segment that closes it has
 * been seen (the next CLM, HL or SE) and it passed every check; a claim cut short by the end of the
 * input, or with any error, comes out as `rejected` with its issues, never as a claim.
 *
 * Loop and qualifier facts: ASC X12 837P implementation guide 005010X222A1 (loops 1000A–2400 and
 * their segments, as also encoded in the pyx12 map 837.5010.X222.A1.xml).
 *
 * @module
 */
import { invalidArgument } from '../../core/arguments';
import type { MedcodeIssue } from '../../core/issues';
import { X12Tokenizer } from './tokenizer';
import type { X12Segment } from './tokenizer';
import type { X12ReadItem } from './read-item';
import { X12ReaderState } from './reader-state';
import { onGe, onGs, onIea, onIsa, onSe, onSt } from './envelope-segments';
import { onTransactionSegment } from './claim-segments';
import { rejectClaim } from './claim-completion';

export type { X12ReadItem } from './read-item';

/**
 * Reads an 837P incrementally: `push` text chunks, then `end`. Each call returns the items
 * completed so far. Synchronous and pure apart from its own state; never throws on any input.
 *
 * @example
 * ```ts
 * const reader = new X12837PReader();
 * const items = [...reader.push(text), ...reader.end()];
 * const claims = items.flatMap((i) => (i.kind === 'claim' ? [i.claim] : []));
 * ```
 */
export class X12837PReader {
  private readonly state = new X12ReaderState();

  /**
   * Adds text; returns the items it completes. A chunk that is not a string (bytes from a stream
   * read without an encoding, `undefined`) ends the read with one `invalid_option` issue naming
   * `X12837PReader.push(text)`: read on without it, the rest would be misread. Bytes go to
   * `X12TransactionSplitter` or `parseX12837PStream`, which decode them.
   */
  push(text: string): X12ReadItem[] {
    if (typeof text !== 'string' && !this.state.stopped) {
      this.state.out.push({
        kind: 'issue',
        issue: invalidArgument(
          'X12837PReader.push',
          'text',
          'a chunk of the 837P text, a string (decode bytes first, or read them with X12TransactionSplitter or parseX12837PStream)',
          text,
        ).issues[0]!,
      });
      this.state.stopped = true;
      return this.state.take();
    }
    return pushText(this.state, text);
  }

  /** Ends the input; reports truncation and returns the last items. */
  end(): X12ReadItem[] {
    return endInput(this.state);
  }
}

/**
 * Reads `text` into a read's state and returns the items it completes: the body of
 * {@link X12837PReader.push}, for the readers of transaction sets cut out of an interchange
 * (transactions.ts), which start from a state of their own.
 */
export function pushText(r: X12ReaderState, text: string): X12ReadItem[] {
  if (r.stopped) return [];
  if (typeof text !== 'string') return [];
  for (const segment of r.tokenizer.push(text)) readSegment(r, segment);
  flushTokenizerIssues(r);
  return r.take();
}

/** Ends a read's input: reports truncation and returns the last items ({@link X12837PReader.end}). */
export function endInput(r: X12ReaderState): X12ReadItem[] {
  if (!r.stopped) {
    for (const segment of r.tokenizer.end()) readSegment(r, segment);
    flushTokenizerIssues(r);
  }
  const position = r.lastPosition + 1;
  if (r.claim) rejectClaim(r, r.claim, 'truncated', position);
  r.claim = undefined;
  if (!r.stopped && (r.isa || r.gs || r.st)) {
    const open = r.st ? 'SE' : r.gs ? 'GE' : 'IEA';
    r.syntax('truncated', position, undefined, `${open} before the end of the input`);
  }
  r.isa = r.gs = r.st = undefined;
  r.stopped = true;
  return r.take();
}

function flushTokenizerIssues(r: X12ReaderState): void {
  if (r.tokenizer.issues.length > 0) {
    for (const issue of r.tokenizer.issues) {
      if (r.claim && (issue.code !== 'x12_syntax' || issue.reason !== 'not_x12')) {
        r.claim.issues.push(issue);
        r.claim.errors++;
      } else {
        r.out.push({ kind: 'issue', issue });
      }
    }
    r.tokenizer.issues.length = 0;
  }
  if (r.tokenizer.fatal && !r.stopped) {
    if (r.claim) rejectClaim(r, r.claim, undefined, r.lastPosition + 1);
    r.claim = undefined;
    r.stopped = true;
  }
}

function readSegment(r: X12ReaderState, s: X12Segment): void {
  if (r.stopped) return;
  r.lastPosition = s.position;
  if (!X12Tokenizer.isSegmentId(s.id)) {
    // A claim open at this point cannot be known whole any more: it is rejected with the issue.
    r.syntax('bad_segment_id', s.position, undefined, 'a 2–3 character segment id', s.id.slice(0, 20));
    if (r.claim) {
      r.claim.issues.push((r.out.pop() as { issue: MedcodeIssue }).issue);
      r.claim.errors++;
    }
    return;
  }
  switch (s.id) {
    case 'ISA':
      onIsa(r, s);
      return;
    case 'GS':
      onGs(r, s);
      return;
    case 'ST':
      onSt(r, s);
      return;
    case 'SE':
      onSe(r, s);
      return;
    case 'GE':
      onGe(r, s);
      return;
    case 'IEA':
      onIea(r, s);
      return;
  }
  if (!r.st) {
    if (!r.groupSkip || !r.gs)
      r.syntax('unexpected_segment', s.position, s.id, 'ST before transaction segments');
    return;
  }
  onTransactionSegment(r, s);
}
