/**
 * What the 837P reader yields, one item at a time, in input order.
 *
 * @module
 */
import { createIssue } from '../../core/issues';
import type { MedcodeIssue } from '../../core/issues';
import type { Claim } from './model';

/**
 * One result of reading an 837P, in input order.
 *
 * @example
 * ```ts
 * if (item.kind === 'claim') save(item.claim);
 * else if (item.kind === 'rejected') report(item.claimId, item.issues);
 * ```
 */
export type X12ReadItem =
  /** A claim read whole and checked. `issues` holds warnings only. */
  | {
      readonly kind: 'claim';
      readonly claim: Claim;
      readonly segmentPosition: number;
      readonly issues: readonly MedcodeIssue[];
    }
  /** A claim that could not be read whole (errors, or cut short): never passed off as a claim. */
  | {
      readonly kind: 'rejected';
      readonly claimId?: string;
      readonly segmentPosition: number;
      readonly issues: readonly MedcodeIssue[];
    }
  /** A problem of the interchange, group or transaction set rather than of one claim. */
  | { readonly kind: 'issue'; readonly issue: MedcodeIssue }
  /**
   * The SE of a transaction set was read. `ok` is false when its count or control number did not
   * match or any of its claims was rejected; a consumer that needs all-or-nothing per transaction
   * commits the claims it got since the ST only when `ok` is true.
   */
  | {
      readonly kind: 'transaction';
      readonly controlNumber: string;
      readonly ok: boolean;
      readonly claims: number;
      readonly segmentPosition: number;
    };

/**
 * A reader's argument of the wrong kind, as an issue item (readers answer with items, never throw):
 * what was expected, and the kind of value that came.
 *
 * @example
 * ```ts
 * yield wrongArgumentItem('a readable stream or iterable of text', source)
 * ```
 */
export function wrongArgumentItem(expected: string, received: unknown): X12ReadItem {
  return {
    kind: 'issue',
    issue: createIssue({
      code: 'invalid_type',
      severity: 'error',
      path: [],
      codes: [],
      expected,
      received: received === null ? 'null' : Array.isArray(received) ? 'an array' : typeof received,
    }),
  };
}
