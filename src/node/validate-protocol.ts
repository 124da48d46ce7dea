/**
 * The messages between {@link validateClaimsInWorkers}' pool and its worker threads. Types only.
 *
 * @module
 */
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
  /** Where the worker asks for pack files (one request at a time). */
  readonly packPort: MessagePort;
  /** An `Int32Array` over this: set to 1 by the main thread when a pack reply is posted. */
  readonly packSignal: SharedArrayBuffer;
  /** NCCI PTP packs, read once by the main thread. */
  readonly ptpPacks: readonly SharedArrayBuffer[];
}

/** A pack file asked for by a worker. */
export interface PackRequest {
  readonly path: string;
}

/** The main thread's answer: the file's bytes, or none when the folder does not hold it. */
export interface PackReply {
  readonly bytes: SharedArrayBuffer | undefined;
}

/** A batch of claims to validate. */
export interface PoolToWorker {
  readonly batch: number;
  readonly claims: readonly unknown[];
}

/**
 * The results of a batch, in its order, as JSON text: one string crosses threads as a single copy,
 * where a structured clone of the result objects costs more than validating them.
 */
export interface WorkerToPool {
  readonly batch: number;
  /**
   * `JSON.stringify` of each claim's `ClaimValidation`, joined by line feeds (JSON text holds
   * none): one string per batch is one allocation on the receiving side, not one per claim.
   */
  readonly results: string;
  /** Each claim's verdict, so that a consumer of the text can count without parsing it. */
  readonly statuses: readonly ClaimValidation['status'][];
}
