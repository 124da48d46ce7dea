/**
 * `medcode validate --workers` on an 837P: a worker thread reads transaction sets cut out of the
 * file (claims/x12/transactions), validates their claims and prints them as the command would, so
 * that the command's thread only cuts the file and writes what comes back. It runs in the worker
 * threads of medcode/node's validation pool (started by the command, not a public API).
 *
 * @module
 */
import type { Claim } from '../claims/index';
import { readX12Transactions } from '../claims/x12/transactions';
import type { X12TransactionsAt } from '../claims/x12/transactions';
import type { ClaimValidation } from '../rules/index';
import {
  DataBanner,
  claimFileItemOfX12,
  claimOutput,
  fileIssueFlags,
  fileIssueOutput,
  outcomeFlags,
  outcomeOf,
} from './claim-lines';
import type { ClaimLinesFormat, DataBannerFacts } from './claim-lines';

/**
 * Transaction sets to read and print.
 *
 * @example
 * ```ts
 * const request: TransactionLinesRequest = { bytes: piece.bytes, at: piece.at, lines }
 * ```
 */
export interface TransactionLinesRequest {
  readonly bytes: Uint8Array;
  readonly at: X12TransactionsAt;
  readonly lines: ClaimLinesFormat;
}

/**
 * Their printed text (UTF-8), how each item counts ({@link ItemFlag} bits, one byte per claim or
 * file issue, in order), and the banner's facts.
 *
 * @example
 * ```ts
 * out.write(new TextDecoder().decode(reply.text))
 * ```
 */
export interface TransactionLinesReply {
  readonly text: Uint8Array;
  readonly flags: Uint8Array;
  readonly banner: DataBannerFacts;
}

/** Where the printed text goes as it is made: a worker's buffer, written claim by claim. */
export interface PrintedText {
  write(text: string): void;
  /** Everything written since the last call. */
  take(): Uint8Array;
}

/**
 * Reads, validates and prints the claims of transaction sets, as `validate` prints them on one
 * thread. Each claim's text is written as soon as it is made, so that no claim outlives its turn.
 *
 * @example
 * ```ts
 * const reply = validateTransactionLines((claim) => validator.validate(claim), request, text)
 * ```
 */
export function validateTransactionLines(
  validate: (claim: Claim) => ClaimValidation,
  request: TransactionLinesRequest,
  printed: PrintedText,
): TransactionLinesReply {
  const { lines } = request;
  const banner = new DataBanner();
  const flags: number[] = [];
  for (const read of readX12Transactions(request.bytes, request.at)) {
    const item = claimFileItemOfX12(read);
    if (item === undefined) continue;
    if (item.kind === 'file-issue') {
      printed.write(fileIssueOutput(lines, item.issue));
      flags.push(fileIssueFlags(item.issue));
      continue;
    }
    const outcome = outcomeOf(item, item.kind === 'claim' ? validate(item.claim) : undefined);
    banner.add(outcome);
    flags.push(outcomeFlags(outcome));
    const text = claimOutput(lines, outcome);
    if (text !== undefined) printed.write(text);
  }
  return { text: printed.take(), flags: Uint8Array.from(flags), banner: banner.facts() };
}
