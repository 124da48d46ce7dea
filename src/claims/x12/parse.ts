/**
 * Reading 837P text: all at once ({@link fromX12837P}) or as a stream ({@link parseX12837PStream}).
 *
 * @module
 */
import { createIssue } from '../../core/issues';
import type { MedcodeIssue } from '../../core/issues';
import type { Result } from '../../core/result';
import { failure, success } from '../../core/result';
import type { Claim } from './model';
import { X12837PReader } from './reader';
import type { X12ReadItem } from './reader';
import { wrongArgumentItem } from './read-item';

/**
 * A claim of an 837P that could not be read whole, with the errors that say why. It is never
 * passed off as a claim.
 *
 * @example
 * ```ts
 * const r = fromX12837P(text);
 * if (r.ok) for (const x of r.value.rejected) console.error(x.claimId, x.issues.map((i) => i.message));
 * ```
 */
export interface X12RejectedClaim {
  /** CLM01, when the claim got that far. */
  readonly claimId?: string;
  /** 1-based position (from ISA) of the segment that opened the claim. */
  readonly segmentPosition: number;
  /** Why: at least one error, with the claim's warnings. */
  readonly issues: readonly MedcodeIssue[];
}

/**
 * An 837P interchange as read: the claims read whole and checked, and the claims that were not.
 *
 * @example
 * ```ts
 * const r = fromX12837P(text);
 * if (r.ok) { const { claims, rejected } = r.value; }
 * ```
 */
export interface X12Interchange {
  readonly claims: readonly Claim[];
  readonly rejected: readonly X12RejectedClaim[];
}

/**
 * What {@link fromX12837P} returns: the interchange, or why it as a whole does not check out.
 *
 * @example
 * ```ts
 * const r: X12ParseResult = fromX12837P(text);
 * if (!r.ok) r.issues.forEach((i) => console.error(i.message));
 * ```
 */
export type X12ParseResult = Result<X12Interchange>;

/**
 * Parses an 837P interchange (005010X222A1) into claims. Never throws: a truncated file, wrong
 * separators, unknown qualifiers or bad counts come back as `x12_syntax` / `x12_segment` issues
 * with segment position (1-based from ISA), segment id and element position.
 *
 * The result is the one result shape, at the level the X12 acknowledgments judge it: the
 * interchange fails (`ok: false`, every issue) when its envelope, a functional group or a
 * transaction set does not check out, as a TA1 or 999 would reject it; otherwise it succeeds, and
 * a claim that cannot be read whole is listed in `value.rejected` with its own errors, as a 277CA
 * rejects claims one by one, so one bad claim does not hide the good ones. The success `issues`
 * hold warnings only.
 *
 * @example
 * ```ts
 * const r = fromX12837P(fs.readFileSync('claims.837', 'utf8'));
 * if (r.ok) save(r.value.claims);
 * for (const issue of r.ok ? r.value.rejected.flatMap((x) => x.issues) : r.issues) console.error(issue.message);
 * ```
 */
export function fromX12837P(text: string): X12ParseResult {
  if (typeof text !== 'string') {
    const issue = createIssue({
      code: 'invalid_type',
      severity: 'error',
      path: [],
      codes: [],
      expected: 'a string of X12 text',
      received: text === null ? 'null' : typeof text,
    });
    return failure([issue]);
  }
  const reader = new X12837PReader();
  // Fed in 1 MiB slices so that only one slice's segments exist at a time, whatever the text size.
  const items: X12ReadItem[] = [];
  const SLICE = 1 << 20;
  for (let at = 0; at < text.length; at += SLICE) {
    for (const item of reader.push(text.slice(at, at + SLICE))) items.push(item);
  }
  for (const item of reader.end()) items.push(item);
  return collect(items);
}

function collect(items: readonly X12ReadItem[]): X12ParseResult {
  const claims: Claim[] = [];
  const rejected: X12RejectedClaim[] = [];
  const all: MedcodeIssue[] = [];
  const outside: MedcodeIssue[] = [];
  const warnings: MedcodeIssue[] = [];
  // An issue of a hierarchy level (say a bad DMG in 2010BA) is reported once on its own and again
  // with each claim it spoils; the flat list keeps it once, and it counts as the claims' problem.
  const seen = new Set<MedcodeIssue>();
  const inClaims = new Set<MedcodeIssue>();
  const add = (list: readonly MedcodeIssue[]) => {
    for (const i of list) {
      if (!seen.has(i)) {
        seen.add(i);
        all.push(i);
        if (i.severity !== 'error') warnings.push(i);
      }
    }
  };
  for (const item of items) {
    if (item.kind === 'claim') {
      claims.push(item.claim);
      add(item.issues);
    } else if (item.kind === 'rejected') {
      rejected.push({
        ...(item.claimId !== undefined ? { claimId: item.claimId } : {}),
        segmentPosition: item.segmentPosition,
        issues: item.issues,
      });
      for (const i of item.issues) inClaims.add(i);
      add(item.issues);
    } else if (item.kind === 'issue') {
      outside.push(item.issue);
      add([item.issue]);
    }
  }
  if (outside.some((i) => i.severity === 'error' && !inClaims.has(i))) return failure(all);
  return success(
    { claims, rejected },
    warnings.filter((i) => !inClaims.has(i)),
  );
}

/**
 * Anything {@link parseX12837PStream} can read: a Node `Readable`, a web `ReadableStream`, or any async iterable of text or bytes.
 *
 * @example
 * ```ts
 * parseX12837PStream(fs.createReadStream('claims.837'));
 * parseX12837PStream(['ISA*00*…', '…IEA*1*000000001~']);
 * ```
 */
export type X12Source = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Streams an 837P: yields each claim as soon as the segment closing it has been read, with memory
 * bounded by the largest claim rather than the file (tested on a 100 MB interchange). Items come
 * in input order: `claim`, `rejected` (never passed off as a claim), `issue` (envelope problems)
 * and `transaction` (an SE was read; `ok` tells whether the transaction set checked out).
 * A source that throws ends the stream with a `truncated` issue.
 *
 * @example
 * ```ts
 * for await (const item of parseX12837PStream(fs.createReadStream('big.837'))) {
 *   if (item.kind === 'claim') await save(item.claim);
 *   else if (item.kind !== 'transaction') console.error(item);
 * }
 * ```
 */
export async function* parseX12837PStream(source: X12Source): AsyncGenerator<X12ReadItem, void, undefined> {
  const reader = new X12837PReader();
  const decoder = new TextDecoder('utf-8');
  let iterable: X12Source | undefined;
  try {
    iterable =
      source !== null &&
      typeof source === 'object' &&
      (Symbol.asyncIterator in source || Symbol.iterator in source)
        ? source
        : undefined;
  } catch {
    iterable = undefined;
  }
  if (iterable === undefined) {
    // An array is iterable, so `received` is never 'an array' here.
    yield wrongArgumentItem('a readable stream or iterable of text', source);
    return;
  }
  try {
    for await (const chunk of iterable as AsyncIterable<string | Uint8Array>) {
      const text =
        typeof chunk === 'string'
          ? chunk
          : chunk instanceof Uint8Array
            ? decoder.decode(chunk, { stream: true })
            : '';
      const items = reader.push(text);
      for (const item of items) yield item;
    }
    const tail = decoder.decode();
    if (tail) for (const item of reader.push(tail)) yield item;
  } catch {
    // A failing source is a truncated input: close what is open and report it as such.
  }
  for (const item of reader.end()) yield item;
}
