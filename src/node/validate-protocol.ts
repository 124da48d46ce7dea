/**
 * The messages between {@link validateClaimsInWorkers}' pool and its worker threads: their types,
 * and the one-byte codes of a claim's verdict.
 *
 * @module
 */
import type { TransactionLinesReply, TransactionLinesRequest } from '../cli/transaction-lines';
import type { MessagePort } from 'node:worker_threads';
import type { ClaimValidation, ValidateOptions } from '../rules/index';

/** The options a worker can receive: plain data (functions and class instances do not cross threads). */
export type CloneableValidateOptions = Omit<
  ValidateOptions,
  'customRules' | 'codeSets' | 'packs' | 'codesetsDir'
>;

/** `workerData` of a validation worker. */
export interface WorkerSetup {
  readonly options: CloneableValidateOptions;
  /** The `codesets/` folder the packs come from (listed by the worker, read by the main thread). */
  readonly packsDir: string;
  /**
   * Folders of imported editions merged with `packsDir`'s by effective date (listed by the worker,
   * read by the main thread as `packsDir` is); pack requests name them as roots 1, 2, ….
   */
  readonly extraDirs: readonly string[];
  /** Where the worker asks for pack files (one request at a time). */
  readonly packPort: MessagePort;
  /** An `Int32Array` over this: the number of pack replies the main thread has posted. */
  readonly packSignal: SharedArrayBuffer;
  /** NCCI PTP packs, read once by the main thread. */
  readonly ptpPacks: readonly SharedArrayBuffer[];
}

/** A pack file asked for by a worker. */
export interface PackRequest {
  /** Numbers this worker's requests, so that a reply to one it gave up on is not taken for another. */
  readonly id: number;
  /** 0 for `packsDir`, `k` for `extraDirs[k - 1]`. */
  readonly root: number;
  readonly path: string;
}

/**
 * The main thread's answer: the file's bytes, none when the folder does not hold it, or why the file
 * could not be read (a permission or a transient system error is not a missing pack).
 */
export interface PackReply {
  /** The request's id. */
  readonly id: number;
  readonly bytes: SharedArrayBuffer | undefined;
  readonly error?: string;
}

/**
 * A batch to validate: claims (objects, or JSON text), or a chunk of NDJSON bytes cut at a line
 * end, transferred whole: the worker splits it into lines (blank lines are not claims). Either may
 * carry a spent result buffer ({@link ClaimResultsReply.text}) that nothing on the pool's side reads any
 * more, transferred back for the worker to write a later batch's results into.
 */
export type PoolToWorker = (
  | { readonly batch: number; readonly claims: readonly unknown[] }
  | { readonly batch: number; readonly ndjson: Uint8Array }
  /**
   * `medcode validate --workers` on an 837P: transaction sets to read, validate and print, their
   * bytes in a buffer of their own, transferred.
   */
  | { readonly batch: number; readonly transactions: TransactionLinesRequest }
) & { readonly spentText?: ArrayBuffer };

/** A claim's verdict as one byte of {@link ClaimResultsReply.statuses}: its index in this list. */
export const STATUS_CODES = [
  'passed',
  'failed',
  'not_checked',
] as const satisfies readonly ClaimValidation['status'][];

/** A worker's answer to a batch. */
export type WorkerToPool = ClaimResultsReply | TransactionLinesAnswer;

/** The answer to a `transactions` batch. */
export interface TransactionLinesAnswer {
  readonly batch: number;
  readonly transactions: TransactionLinesReply;
  /** The buffer the transaction sets came in, given back once read, for the pool to copy later sets into. */
  readonly spent?: ArrayBuffer;
}

/**
 * The results of a batch, in its order, as UTF-8 JSON text in one buffer that is transferred, not
 * copied: the worker encodes each result once, and the pool hands the bytes on (or decodes the
 * batch once) instead of deserializing a structured clone of every result object.
 */
export interface ClaimResultsReply {
  readonly batch: number;
  /** `JSON.stringify` of each claim's `ClaimValidation`, UTF-8, each followed by a newline. */
  readonly text: Uint8Array;
  /** Where each claim's line ends in `text` (a byte offset just past its newline). */
  readonly ends: Uint32Array;
  /** Each claim's verdict ({@link STATUS_CODES}), so that a consumer can count without parsing. */
  readonly statuses: Uint8Array;
  /** For an NDJSON chunk (whose claims the pool never saw): each claim's `claimId`, if any. */
  readonly claimIds?: readonly (string | undefined)[];
  /** For an NDJSON chunk: its buffer, given back once decoded, for the pool to cut the next one into. */
  readonly spent?: ArrayBuffer;
}
