/**
 * `validateClaimsInWorkers`: `validateClaims` of `medcode/rules` over a pool of worker threads, for
 * large batches on every core of one machine. Built on `node:worker_threads` directly rather than a
 * pool library: the pool needs ordered results with a bounded window, a crash turned into a result
 * per claim, and a synchronous side channel for shared packs; a general pool would leave all three
 * to this module and add a runtime dependency.
 *
 * @module
 */
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileHandle } from 'node:fs/promises';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import {
  checkOptionsArgument,
  invalidArgument,
  isAsyncIterable,
  isIterable,
  isTextOrBytes,
} from '../core/arguments';
import { claimIdOf } from '../claims/claim-text';
import { createIssue } from '../core/issues';
import { findBuiltInCodesetsDir } from '../core/pack-source';
import type {
  ClaimsValidationItem,
  ClaimValidation,
  ValidateOptions,
  ValidationStatus,
} from '../rules/index';
import { STATUS_CODES } from './validate-protocol';
import { isFile, isFolder } from './paths';
import type { TransactionLinesReply, TransactionLinesRequest } from '../cli/transaction-lines';
import type {
  ClaimResultsReply,
  CloneableValidateOptions,
  PackReply,
  PackRequest,
  PoolToWorker,
  TransactionLinesAnswer,
  WorkerSetup,
  WorkerToPool,
} from './validate-protocol';

/**
 * Options of {@link createClaimValidationPool}: `validateClaims`' options that can cross to a worker
 * thread (plain data: no `customRules`, no `codeSets` providers, no loaded tables), and where the
 * workers' data comes from.
 *
 * @example
 * ```ts
 * const options: ClaimValidationPoolOptions = { workers: 2, profile: 'medicare-professional', ptpPacks: ['ptp/2026q2.pack'] }
 * ```
 */
export interface ClaimValidationPoolOptions extends Omit<CloneableValidateOptions, 'ptp'> {
  /** Worker threads (default: the machine's available parallelism, at least 1). */
  readonly workers?: number;
  /** The `codesets/` folder the packs come from (default the package's built-in folder). */
  readonly packs?: string;
  /** Same as `packs` (the name `validateClaim` also accepts). */
  readonly codesetsDir?: string;
  /** PTP options other than the tables; the tables come from `ptpPacks`. */
  readonly ptp?: Omit<NonNullable<ValidateOptions['ptp']>, 'tables'>;
  /** NCCI PTP pack files (`medcode ncci import`), read once and shared by every worker. */
  readonly ptpPacks?: readonly string[];
  /**
   * Folders of imported editions (`medcode data import --out`), merged with the packs' editions by
   * effective date as `medcode validate --codesets` merges them on one thread: code sets, MUE and
   * add-on code tables and MCE lists are picked by date from both, and the PTP tables the folders
   * hold are used with `ptpPacks`'. Each file is read once by this thread and shared by every worker.
   */
  readonly extraCodesetsDirs?: readonly string[];
  /** Called with each worker thread as it starts (a replacement too): to watch or stop it. */
  readonly onWorker?: (thread: Worker) => void;
}

/**
 * How one stream goes through a pool ({@link ClaimValidationPool.validate}): its input, its output
 * and how far ahead of the consumer it reads.
 *
 * @example
 * ```ts
 * const stream: ClaimStreamOptions = { input: 'ndjson', output: 'json-lines' }
 * ```
 */
export interface ClaimStreamOptions {
  /**
   * Claims per message to a worker (default 128): a message costs a round trip through both event
   * loops, so claims travel by the hundred; a little more latency, far less of this thread's time.
   */
  readonly batchSize?: number;
  /**
   * Batches in flight at most (default 4 per worker, so that a worker finishing one batch has the
   * next one waiting; 2 per worker with `input: 'ndjson'`, whose chunks hold hundreds of claims
   * each): the input is read no further ahead than this,
   * which bounds memory whatever the input size and lets a slow consumer hold back the source.
   */
  readonly maxBatchesInFlight?: number;
  /**
   * `objects` (default): each item's `result` is a `ClaimValidation`, as `validateClaims` yields.
   * `json`: each item carries the result as JSON text (`bytes`, UTF-8, and `json`, decoded when
   * read) and its `status` instead, parsed by nobody: for results written straight to a file, a
   * socket or a queue, which leaves this thread almost nothing to do per claim.
   * `json-lines`: each item is a whole batch's results as JSON lines ({@link ClaimsValidationLines}).
   */
  readonly output?: 'objects' | 'json' | 'json-lines';
  /**
   * `claims` (default): the source yields claims (objects, or JSON text). `ndjson`: the source
   * yields raw bytes (a `fs.createReadStream`, `process.stdin`; `Uint8Array` or string chunks cut
   * anywhere) of newline-delimited JSON, one claim per line, blank lines skipped; one string or
   * byte array (a file read whole) is the whole input. With `claims`, one string or byte array is
   * refused: it would iterate as characters or numbers, each a failed claim. This thread only
   * cuts the bytes into chunks at line ends and transfers each chunk whole; the workers decode,
   * split, parse and validate, so that this thread's work per claim is close to nothing.
   */
  readonly input?: 'claims' | 'ndjson';
  /** With `input: 'ndjson'`: bytes per chunk sent to a worker (default 128 KiB, cut at the next line end). */
  readonly chunkBytes?: number;
}

/**
 * Options of {@link validateClaimsInWorkers}: a pool's ({@link ClaimValidationPoolOptions}) and its
 * one stream's ({@link ClaimStreamOptions}).
 *
 * @example
 * ```ts
 * const options: WorkerValidateOptions = { workers: 2, profile: 'medicare-professional', ptpPacks: ['ptp/2026q2.pack'] }
 * ```
 */
export interface WorkerValidateOptions extends ClaimValidationPoolOptions, ClaimStreamOptions {}

/** One worker thread and the batches it holds (answered in the order they were sent). */
interface PoolWorker {
  readonly thread: Worker;
  readonly held: Map<number, HeldBatch>;
  dead: boolean;
  /** Batches answered: a worker that dies before its first answer may never start at all. */
  answered: number;
}

/** Workers dying before their first answer, in a row, after which no new one is started. */
const MAX_FAILED_STARTS = 3;

interface HeldBatch {
  readonly size: number;
  /** Called with the worker's answer. */
  readonly resolve: (reply: WorkerToPool) => void;
  /** Called instead when no answer will come (the worker died, the pool closed). */
  readonly fail: (detail: string) => void;
}

/** A held batch of claims: its answer, or each claim `worker_failed`, resolves `resolve`. */
function heldClaims(size: number, resolve: (results: BatchResults) => void): HeldBatch {
  return {
    size,
    resolve: (reply) => resolve(reply as ClaimResultsReply),
    fail: (detail) => resolve(workerFailedResults(size, 'crashed', detail)),
  };
}

/**
 * A batch's results as the worker sent them: each claim's JSON, UTF-8, back to back in one buffer,
 * where each ends, and each claim's verdict ({@link STATUS_CODES}).
 */
interface BatchResults {
  readonly text: Uint8Array;
  readonly ends: Uint32Array;
  readonly statuses: Uint8Array;
  /** Each claim's `claimId`, from the worker, for claims this thread never parsed (NDJSON). */
  readonly claimIds?: readonly (string | undefined)[];
}

/** The UTF-8 JSON of the `i`th result of a batch (without its newline): a view, not a copy. */
function resultBytes(results: BatchResults, i: number): Uint8Array {
  return results.text.subarray(i === 0 ? 0 : results.ends[i - 1], results.ends[i]! - 1);
}

/** A batch's results from JSON texts (the results made on this thread: failures, merged batches). */
function batchResultsOf(texts: readonly string[], statuses: readonly ValidationStatus[]): BatchResults {
  const encoded = texts.map((text) => UTF8_ENCODER.encode(`${text}\n`));
  const text = new Uint8Array(encoded.reduce((n, bytes) => n + bytes.length, 0));
  const ends = new Uint32Array(texts.length);
  let at = 0;
  encoded.forEach((bytes, i) => {
    text.set(bytes, at);
    at += bytes.length;
    ends[i] = at;
  });
  return { text, ends, statuses: Uint8Array.from(statuses, (status) => STATUS_CODES.indexOf(status)) };
}

/** Stateless codecs (no streaming), shared by every pool. */
const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

/**
 * One result of {@link validateClaimsInWorkers} with `output: 'json'`: the claim's
 * `ClaimValidation` as JSON text, and its verdict.
 *
 * @example
 * ```ts
 * for await (const item of validateClaimsInWorkers(claims, { output: 'json' })) out.write(`${item.json}\n`)
 * ```
 */
export interface ClaimsValidationText {
  /** Position in the input stream. */
  readonly index: number;
  /** The claim's `claimId` when it has one. */
  readonly claimId: string | undefined;
  readonly status: ValidationStatus;
  /** `JSON.stringify` of the claim's `ClaimValidation` (decoded from `bytes` when first read). */
  readonly json: string;
  /**
   * The same JSON as UTF-8 bytes, as the worker wrote them: what to hand to a file or a socket,
   * with no decoding on this thread. A view into a buffer the batch's other results share.
   */
  readonly bytes: Uint8Array;
}

/**
 * One item of {@link validateClaimsInWorkers} with `output: 'json-lines'`: a whole batch's results
 * as JSON lines, ready to be written out as they are (nothing decoded, no object per claim).
 *
 * @example
 * ```ts
 * for await (const batch of validateClaimsInWorkers(createReadStream('claims.ndjson'), { input: 'ndjson', output: 'json-lines' })) out.write(batch.bytes)
 * ```
 */
export interface ClaimsValidationLines {
  /** Position in the input stream of the batch's first claim. */
  readonly index: number;
  /** Claims in the batch (results in `bytes`). */
  readonly count: number;
  /** Each claim's `ClaimValidation` as JSON (UTF-8) followed by a newline, in input order. */
  readonly bytes: Uint8Array;
  /** Each claim's verdict, in input order. */
  readonly statuses: readonly ValidationStatus[];
  /**
   * Gives the memory of `bytes` back to the pool, for a later batch's results: call it once the
   * bytes are written out (for a stream, in `write`'s callback, not before). `bytes` is empty from
   * then on (its buffer is detached), never another batch's text. Optional: a batch not released
   * is garbage-collected, at the cost of new memory for every batch (about a sixth of the
   * throughput on two cores, `npm run bench -- workers`). A second call does nothing.
   *
   * @example
   * ```ts
   * for await (const batch of pool.validate(source, { input: 'ndjson', output: 'json-lines' })) out.write(batch.bytes, () => batch.release())
   * ```
   */
  release(): void;
}

/** An item of `output: 'json-lines'`: its buffer goes back to the pool on {@link ClaimsValidationLines.release}. */
class ClaimResultLines implements ClaimsValidationLines {
  readonly #texts: SpentTexts;
  readonly statuses: readonly ValidationStatus[];
  constructor(
    readonly index: number,
    readonly count: number,
    readonly bytes: Uint8Array,
    statuses: Uint8Array,
    texts: SpentTexts,
  ) {
    this.statuses = Object.freeze(Array.from(statuses, (code) => STATUS_CODES[code]!));
    this.#texts = texts;
    Object.freeze(this);
  }
  release(): void {
    this.#texts.give(this.bytes.buffer as ArrayBuffer);
  }
}

/** An item of `output: 'json'`: its text is decoded only if someone reads `json`. */
class ClaimResultText implements ClaimsValidationText {
  #json: string | undefined;
  constructor(
    readonly index: number,
    readonly claimId: string | undefined,
    readonly status: ValidationStatus,
    readonly bytes: Uint8Array,
  ) {
    Object.freeze(this);
  }
  get json(): string {
    this.#json ??= UTF8_DECODER.decode(this.bytes);
    return this.#json;
  }
}

/** Pack files read once by the main thread into shared memory, handed to any worker that asks. */
class SharedPackFiles {
  private readonly files = new Map<string, SharedArrayBuffer | undefined>();
  constructor(readonly dir: string) {}
  get(path: string): SharedArrayBuffer | undefined {
    if (this.files.has(path)) return this.files.get(path);
    // Only `<system>/<edition>/<file>` is ever asked for; nothing outside the folder is read.
    if (path.split('/').some((part) => part === '..' || part === '')) return undefined;
    const file = `${this.dir.replace(/[\\/]+$/, '')}/${path}`;
    // Only a file that is not there is answered as absent, and remembered: any other failure to
    // read it is thrown, and the next request tries again.
    const shared = readSharedIfPresent(file);
    this.files.set(path, shared);
    return shared;
  }
}

/** A `ptpPacks` file (checked to exist when the options were read): its bytes, in shared memory. */
function readPtpPack(file: string): SharedArrayBuffer {
  const bytes = readSharedIfPresent(file);
  if (bytes === undefined) throw new Error(`medcode: the PTP pack ${file} is gone`);
  return bytes;
}

/**
 * Reads a file straight into shared memory (no intermediate copy of a 13 MB pack); `undefined` when
 * it does not exist, as the folder source answers.
 */
function readSharedIfPresent(file: string): SharedArrayBuffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const shared = new SharedArrayBuffer(size);
    const view = new Uint8Array(shared);
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, view, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return done === size ? shared : shared.slice(0, done);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The worker entry next to this module: `validate-worker.ts` in the sources (run through tsx),
 * `node/validate-worker.{js,cjs}` in the package, where this code sits in a chunk at `dist/`.
 */
function workerEntry(): { readonly file: string; readonly typescript: boolean } {
  const here = fileURLToPath(import.meta.url);
  const ext = extname(here);
  for (const candidate of [`./validate-worker${ext}`, `./node/validate-worker${ext}`]) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (fs.existsSync(file)) return { file, typescript: ext === '.ts' || ext === '.mts' };
  }
  throw new Error(`medcode: the validation worker entry is missing next to ${here}`);
}

/** Starts a worker; a TypeScript entry (tests, tsx) is loaded through tsx's module hooks. */
function startThread(
  setup: WorkerSetup,
  transfer: readonly MessagePort[],
  youngGenerationMb: number,
): Worker {
  const entry = workerEntry();
  const options = {
    workerData: setup,
    transferList: [...transfer],
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
  };
  if (!entry.typescript) return new Worker(entry.file, options);
  const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(
    new URL(`file://${entry.file}`).href,
  )}))`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * A validation worker's young generation: a claim's garbage is small and short-lived, and V8's
 * default (up to 3 × 16 MiB semi-spaces per isolate) would grow every worker by tens of MiB.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * The young generation of `medcode validate --workers`' workers on an 837P. Each reads and prints
 * its claims too (about 2.6 KB of JSON each), so a claim leaves several times the garbage of a
 * validation alone, and 8 MiB fills every few hundred claims. On a 100,000-claim 837P with
 * `--workers 2`, four alternated runs each on a busy machine: 4.97 s (median) with 32 MiB against
 * 5.43 s with 8 MiB, at 355 against 311 MiB peak RSS; the command's peak is not the library's row.
 */
const PRINTING_WORKER_YOUNG_GENERATION_MB = 32;

/** The results of claims no worker answered: `failed`, with a `worker_failed` issue each. */
function workerFailedResults(
  size: number,
  reason: 'crashed' | 'not_cloneable',
  detail: string,
): BatchResults {
  const issue = createIssue({
    code: 'worker_failed',
    severity: 'error',
    path: [],
    codes: [],
    reason,
    detail,
  });
  const result: ClaimValidation = {
    ok: false,
    status: 'failed',
    issues: [{ ...issue, rule: 'validation-worker' }],
    skipped: [],
    stale: [],
  };
  const text = JSON.stringify(result);
  return batchResultsOf(
    Array.from({ length: size }, () => text),
    Array.from({ length: size }, () => 'failed'),
  );
}

/** The `detail` of a claim's `worker_failed` issue when its pool was closed before answering it. */
const POOL_CLOSED = 'the pool was closed';

/** Parsed results are frozen at the top, like `validateClaims`' items. */
function parseResult(bytes: Uint8Array): ClaimValidation {
  return Object.freeze(JSON.parse(UTF8_DECODER.decode(bytes)) as ClaimValidation);
}

function checkedCount(fn: string, value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1024)
    throw invalidArgument(fn, name, 'an integer from 1 to 1024', value);
  return value;
}

/** What a pool's workers are started with, from {@link ClaimValidationPoolOptions} once checked. */
interface PoolSetup {
  readonly threads: number;
  readonly packFiles: readonly SharedPackFiles[];
  readonly validateOptions: CloneableValidateOptions;
  /** NCCI PTP pack files, checked to be there: the pool reads them when it starts. */
  readonly ptpPacks: readonly string[];
  readonly onWorker: ((thread: Worker) => void) | undefined;
  /** Each worker's young generation (`resourceLimits.maxYoungGenerationSizeMb`). */
  readonly youngGenerationMb: number;
}

/** The keys of {@link ClaimStreamOptions}: a stream's, not a pool's. */
const STREAM_KEYS = ['batchSize', 'maxBatchesInFlight', 'output', 'input', 'chunkBytes'] as const;

/** The pool's part of {@link WorkerValidateOptions}: all but the stream's keys. */
function poolOptionsOf(options: WorkerValidateOptions): ClaimValidationPoolOptions {
  const pool: Record<string, unknown> = { ...options };
  for (const key of STREAM_KEYS) delete pool[key];
  return pool as ClaimValidationPoolOptions;
}

/**
 * Checks a pool's options, throwing a `MedcodeError` that names `fn` and the option. Reads no
 * pack: the pool reads the PTP packs when it starts (after a stream's options are checked too),
 * and the packs folders' files as the workers ask.
 */
function poolSetup(fn: string, options: ClaimValidationPoolOptions): PoolSetup {
  const { workers, packs, codesetsDir, ptpPacks, extraCodesetsDirs, onWorker, ...validateOptions } =
    options as ClaimValidationPoolOptions & Record<string, unknown>;
  for (const key of ['customRules', 'codeSets'] as const)
    if (key in validateOptions)
      throw invalidArgument(
        fn,
        key,
        'nothing: functions cannot cross to a worker thread (use validateClaims of medcode/rules)',
        validateOptions[key],
      );
  // Tables and lists are class instances: a clone would reach the worker without its methods.
  const tables = validateOptions as {
    ptp?: { tables?: unknown };
    mue?: { tables?: unknown };
    mce?: { lists?: unknown };
    aoc?: { tables?: unknown };
  };
  for (const [key, value] of [
    ['ptp.tables', tables.ptp?.tables],
    ['mue.tables', tables.mue?.tables],
    ['mce.lists', tables.mce?.lists],
    ['aoc.tables', tables.aoc?.tables],
  ] as const)
    if (value !== undefined)
      throw invalidArgument(
        fn,
        key,
        'nothing: loaded tables cannot cross to a worker thread (give PTP packs as ptpPacks files; MUE, add-on code and MCE data come from the packs folder and extraCodesetsDirs)',
        value,
      );
  try {
    structuredClone(validateOptions);
  } catch {
    throw invalidArgument(fn, 'options', 'plain data (no functions or symbols)', validateOptions);
  }
  if (packs !== undefined && typeof packs !== 'string')
    throw invalidArgument(fn, 'packs', 'a codesets/ folder path', packs);
  if (codesetsDir !== undefined && typeof codesetsDir !== 'string')
    throw invalidArgument(fn, 'codesetsDir', 'a codesets/ folder path', codesetsDir);
  // Every worker would answer each claim with the same pack_error: said once, before any starts.
  // As in one thread, `packs` wins over `codesetsDir`.
  const packsName = packs !== undefined ? 'packs' : 'codesetsDir';
  const packsDir = packs ?? codesetsDir;
  if (packsDir !== undefined && !isFolder(packsDir))
    throw invalidArgument(fn, packsName, 'an existing codesets/ folder', packsDir);
  if (
    extraCodesetsDirs !== undefined &&
    (!Array.isArray(extraCodesetsDirs) || !extraCodesetsDirs.every((d) => typeof d === 'string'))
  )
    throw invalidArgument(
      fn,
      'extraCodesetsDirs',
      'an array of folder paths (medcode data import --out)',
      extraCodesetsDirs,
    );
  // A folder that is not there would add no edition, silently: the caller asked for its editions.
  for (const [k, dir] of (extraCodesetsDirs ?? []).entries())
    if (!isFolder(dir))
      throw invalidArgument(
        fn,
        `extraCodesetsDirs[${k}]`,
        'an existing folder (medcode data import --out)',
        dir,
      );
  if (ptpPacks !== undefined && (!Array.isArray(ptpPacks) || !ptpPacks.every((f) => typeof f === 'string')))
    throw invalidArgument(fn, 'ptpPacks', 'an array of PTP pack file paths (medcode ncci import)', ptpPacks);
  for (const [k, file] of (ptpPacks ?? []).entries())
    if (!isFile(file))
      throw invalidArgument(fn, `ptpPacks[${k}]`, 'an existing PTP pack file (medcode ncci import)', file);
  if (onWorker !== undefined && typeof onWorker !== 'function')
    throw invalidArgument(fn, 'onWorker', 'a function', onWorker);
  const threads = checkedCount(fn, workers, 'workers', Math.max(1, availableParallelism()));
  const packFiles = [packsDir ?? findBuiltInCodesetsDir(), ...(extraCodesetsDirs ?? [])].map(
    (dir) => new SharedPackFiles(dir),
  );
  return {
    threads,
    packFiles,
    validateOptions: validateOptions as CloneableValidateOptions,
    ptpPacks: ptpPacks ?? [],
    onWorker,
    youngGenerationMb: WORKER_YOUNG_GENERATION_MB,
  };
}

/** How one stream goes through a pool, from {@link ClaimStreamOptions} once checked. */
interface StreamSetup {
  readonly perBatch: number;
  readonly window: number;
  readonly output: 'objects' | 'json' | 'json-lines';
  readonly ndjson: boolean;
  readonly chunkBytes: number;
}

function streamSetup(fn: string, options: ClaimStreamOptions, threads: number): StreamSetup {
  const { batchSize, maxBatchesInFlight, output, input, chunkBytes } = options;
  if (output !== undefined && output !== 'objects' && output !== 'json' && output !== 'json-lines')
    throw invalidArgument(fn, 'output', '"objects", "json" or "json-lines"', output);
  if (input !== undefined && input !== 'claims' && input !== 'ndjson')
    throw invalidArgument(fn, 'input', '"claims" or "ndjson"', input);
  if (
    chunkBytes !== undefined &&
    (typeof chunkBytes !== 'number' ||
      !Number.isInteger(chunkBytes) ||
      chunkBytes < 1 ||
      chunkBytes > 1 << 26)
  )
    throw invalidArgument(fn, 'chunkBytes', 'an integer from 1 to 67108864', chunkBytes);
  const ndjson = input === 'ndjson';
  return {
    perBatch: checkedCount(fn, batchSize, 'batchSize', 128),
    // NDJSON chunks hold hundreds of claims each: two per worker keep it busy.
    window: checkedCount(fn, maxBatchesInFlight, 'maxBatchesInFlight', threads * (ndjson ? 2 : 4)),
    output: output ?? 'objects',
    ndjson,
    chunkBytes: chunkBytes ?? 128 * 1024,
  };
}

/**
 * The claims source of a stream. With `input: 'ndjson'` one text or byte array is the whole NDJSON
 * (one piece); otherwise it is refused, since it would iterate as characters or numbers.
 */
function checkedClaims(
  fn: string,
  claims: unknown,
  { ndjson }: StreamSetup,
): Iterable<unknown> | AsyncIterable<unknown> {
  if (isFileHandle(claims)) {
    if (ndjson) return fileHandlePieces(fn, claims);
    throw invalidArgument(
      fn,
      'claims',
      "claims (a FileHandle is read as NDJSON bytes: pass input: 'ndjson')",
      claims,
    );
  }
  if (isTextOrBytes(claims)) {
    if (ndjson) return [claims];
    throw invalidArgument(
      fn,
      'claims',
      "an iterable of claims (objects or JSON texts), not one text or byte array: give NDJSON as its lines, or pass input: 'ndjson'",
      claims,
    );
  }
  if (!isIterable(claims) && !isAsyncIterable(claims))
    throw invalidArgument(fn, 'claims', 'an iterable or async iterable of claims', claims);
  return claims;
}

/**
 * What a stream validates: claims (objects, or JSON texts) from an iterable or async iterable; with
 * `input: 'ndjson'`, pieces of NDJSON bytes or text, one text or byte array holding it all, or a
 * `FileHandle` (`fs.promises.open`).
 *
 * A `FileHandle` is read from its current position to its end, into one buffer kept for the
 * stream: a `createReadStream` gives every read a new buffer (1 MiB or 64 KiB), memory outside
 * the heap that makes this thread collect garbage over and over as the file streams through. The
 * handle is the caller's to close.
 *
 * @example
 * ```ts
 * const source: ClaimSource = await open('claims.ndjson') // read with input: 'ndjson'
 * ```
 */
export type ClaimSource = Iterable<unknown> | AsyncIterable<unknown> | FileHandle;

/** Bytes read from a `FileHandle` source at a time. */
const FILE_READ_BYTES = 1 << 20;

/** An open `fs.promises` file handle (its class is not exported to test against). */
function isFileHandle(value: unknown): value is FileHandle {
  if (typeof value !== 'object' || value === null || Symbol.asyncIterator in value) return false;
  const handle = value as Partial<FileHandle>;
  return (
    typeof handle.fd === 'number' && typeof handle.read === 'function' && typeof handle.close === 'function'
  );
}

/**
 * A file's bytes from its handle's position on, each read into the same buffer: `ndjsonChunks`
 * copies every piece out (into a chunk buffer, or a line cut short into a copy of its own) before
 * it asks for the next one. A handle whose `read` answers anything but a byte count within the
 * buffer fails the stream as a source that throws, rather than being read without end.
 */
async function* fileHandlePieces(
  fn: string,
  handle: FileHandle,
): AsyncGenerator<Uint8Array, void, undefined> {
  const buffer = new Uint8Array(FILE_READ_BYTES);
  while (true) {
    const read: unknown = await handle.read(buffer, 0, buffer.length, null);
    const bytesRead = (read as { bytesRead?: unknown } | null)?.bytesRead;
    if (!Number.isInteger(bytesRead) || (bytesRead as number) < 0 || (bytesRead as number) > buffer.length)
      throw invalidArgument(
        fn,
        'claims',
        'a FileHandle whose read() answers { bytesRead } within the buffer it was given',
        read,
      );
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead as number);
  }
}

/**
 * One stream through a pool: reads the source in batches with at most `window` out at once,
 * yields each batch's results in input order, and on its end (or the consumer's `break`) stops
 * reading the source. The pool is left as it is.
 *
 * A source that throws is treated as `validateClaims` treats it: every claim read before the
 * error gets its result, in order, and then the source's own error is thrown. A pool closed while
 * the stream runs ends it: the claims it has read fail with `worker_failed`, and it reads no more.
 */
async function* streamThrough(
  pool: ValidationPool,
  claims: Iterable<unknown> | AsyncIterable<unknown>,
  { perBatch, window, output, ndjson, chunkBytes }: StreamSetup,
): AsyncGenerator<ClaimsValidationItem | ClaimsValidationText | ClaimsValidationLines, void, undefined> {
  // A stream made before close() and first read after it has read nothing: refused as validate() is.
  if (pool.closed) throw closedPoolError();
  const iterator = ndjson
    ? ndjsonChunks(toAsyncIterator(claims), chunkBytes, pool.chunkBuffers, () => pool.closed)
    : toAsyncIterator(claims);
  /**
   * Batches sent and not yet yielded, in input order, each with its claims' ids: the claims
   * themselves are not held here once sent (the worker has its copy), so that what this thread
   * keeps per batch in flight is a few strings, not the claims.
   */
  const pending: {
    readonly claimIds: readonly (string | undefined)[];
    readonly results: Promise<BatchResults>;
  }[] = [];
  let index = 0;
  /** The source ended or threw: it is not to be told to stop. */
  let ended = false;
  /** The pool was closed: the source is read no further. */
  let stopped = false;
  /** The source's own error, thrown once every claim read before it has its result. */
  let failure: { readonly error: unknown } | undefined;
  try {
    while (true) {
      while (!ended && !stopped && pending.length < window) {
        if (ndjson) {
          // Once the pool is closed this gives what the chunker already holds, reading nothing more.
          stopped = pool.closed;
          let chunk: IteratorResult<unknown>;
          try {
            chunk = await iterator.next();
          } catch (error) {
            failure = { error };
            chunk = SOURCE_FAILED;
          }
          if (chunk.done) ended = true;
          else pending.push({ claimIds: [], results: pool.validateChunk(chunk.value as Uint8Array) });
          continue;
        }
        if (pool.closed) {
          stopped = true;
          break;
        }
        const batch: unknown[] = [];
        while (batch.length < perBatch) {
          // Read inline, not through a helper: this runs once per claim on the pool's busiest thread.
          let item: IteratorResult<unknown>;
          try {
            item = await iterator.next();
          } catch (error) {
            failure = { error };
            item = SOURCE_FAILED;
          }
          if (item.done) {
            ended = true;
            break;
          }
          batch.push(item.value);
          // Closed while the source was read: what was read is answered (failed), nothing more read.
          if (pool.closed) break;
        }
        if (batch.length > 0)
          pending.push({
            claimIds: output === 'json-lines' ? [] : batch.map(claimIdOf),
            results: pool.validate(batch),
          });
      }
      const head = pending.shift();
      if (head === undefined) break;
      const results = await head.results;
      if (output === 'json-lines') {
        const count = results.ends.length;
        if (count === 0) continue;
        yield new ClaimResultLines(index, count, results.text, results.statuses, pool.spentTexts);
        index += count;
        continue;
      }
      for (let i = 0; i < results.ends.length; i++) {
        const claimId = results.claimIds?.[i] ?? head.claimIds[i];
        const bytes = resultBytes(results, i);
        yield output === 'json'
          ? new ClaimResultText(index, claimId, STATUS_CODES[results.statuses[i]!]!, bytes)
          : Object.freeze({ index, claimId, result: parseResult(bytes) });
        index++;
      }
      // Every result of the batch is parsed into objects of its own: nothing reads its text now.
      if (output === 'objects') pool.spentTexts.give(results.text.buffer as ArrayBuffer);
    }
  } finally {
    // Stopped early (the consumer's `break`, the pool closed): the source releases what it holds.
    if (!ended) await iterator.return?.();
  }
  if (failure !== undefined) throw failure.error;
}

/** A source that threw is read as one that ended; its error is thrown after the results. */
const SOURCE_FAILED: IteratorResult<unknown> = Object.freeze({ done: true, value: undefined });

/** What `ClaimValidationPool.validate` throws once the pool is closed. */
function closedPoolError(): Error {
  return invalidArgument(
    'ClaimValidationPool.validate',
    'pool',
    'an open pool (close() was called)',
    'closed',
  );
}

/**
 * Validates a stream of claims on worker threads: the same items as `validateClaims` of
 * `medcode/rules` (`{ index, claimId, result }`), in input order. The input is read in batches
 * with at most `maxBatchesInFlight` of them out at once, so a huge or endless source streams in
 * bounded memory and a slow consumer slows the reading. Packs are read once, by this thread, into
 * `SharedArrayBuffer`s that every worker reads: more workers add threads, not copies of the data.
 * The workers are started for this stream and stopped at its end; to validate many streams,
 * keep one pool ({@link createClaimValidationPool}) and its warmed-up workers.
 *
 * A worker that dies (a crash, an out-of-memory kill) never hangs the stream: each claim it held
 * gets a `failed` result with a `worker_failed` issue, a new worker takes its place, and the rest
 * of the stream goes on. Breaking out of the loop stops the workers. A source that throws gets what
 * `validateClaims` gives it: the results of the claims read before the error, in order, then the
 * error itself.
 *
 * @example
 * ```ts
 * import { validateClaimsInWorkers } from 'medcode/node'
 * for await (const { index, result } of validateClaimsInWorkers(claims, { workers: 2, profile: 'medicare-professional' })) {
 *   if (!result.ok) console.log(index, result.status, result.issues.length)
 * }
 * ```
 */
export function validateClaimsInWorkers(
  claims: ClaimSource,
  options: WorkerValidateOptions & { readonly output: 'json-lines' },
): AsyncGenerator<ClaimsValidationLines, void, undefined>;
export function validateClaimsInWorkers(
  claims: ClaimSource,
  options: WorkerValidateOptions & { readonly output: 'json' },
): AsyncGenerator<ClaimsValidationText, void, undefined>;
export function validateClaimsInWorkers(
  claims: ClaimSource,
  options?: WorkerValidateOptions & { readonly output?: 'objects' },
): AsyncGenerator<ClaimsValidationItem, void, undefined>;
export async function* validateClaimsInWorkers(
  claims: ClaimSource,
  options: WorkerValidateOptions = {},
): AsyncGenerator<ClaimsValidationItem | ClaimsValidationText | ClaimsValidationLines, void, undefined> {
  const fn = 'validateClaimsInWorkers';
  checkOptionsArgument(fn, options);
  const setup = poolSetup(fn, poolOptionsOf(options));
  const stream = streamSetup(fn, options, setup.threads);
  const source = checkedClaims(fn, claims, stream);
  const pool = new ValidationPool(setup);
  try {
    yield* streamThrough(pool, source, stream);
  } finally {
    await pool.close();
  }
}

/**
 * A pool of validation workers kept across streams ({@link createClaimValidationPool}).
 *
 * @example
 * ```ts
 * const pool = createClaimValidationPool({ workers: 2 })
 * for await (const { result } of pool.validate(claims)) console.log(result.status)
 * await pool.close()
 * ```
 */
export interface ClaimValidationPool {
  /** Worker threads the pool keeps. */
  readonly workers: number;
  /**
   * Validates a stream of claims on the pool's workers: the items of {@link validateClaimsInWorkers}
   * for the same claims and stream options, in input order. Streams may run side by side; their
   * batches share the workers. Breaking out of the loop stops reading the source, not the pool.
   * A source that throws gets what `validateClaims` gives it: the results of the claims read
   * before the error, in order, then the error.
   */
  validate(
    claims: ClaimSource,
    options: ClaimStreamOptions & { readonly output: 'json-lines' },
  ): AsyncGenerator<ClaimsValidationLines, void, undefined>;
  validate(
    claims: ClaimSource,
    options: ClaimStreamOptions & { readonly output: 'json' },
  ): AsyncGenerator<ClaimsValidationText, void, undefined>;
  validate(
    claims: ClaimSource,
    options?: ClaimStreamOptions & { readonly output?: 'objects' },
  ): AsyncGenerator<ClaimsValidationItem, void, undefined>;
  /**
   * Stops the workers. Claims still in flight fail with `worker_failed`; `validate` refuses new
   * streams. A stream still running ends: each claim it has read and not yet had answered fails
   * with `worker_failed` (`detail: 'the pool was closed'`), and it reads its source no further.
   * An open pool keeps the process running, as any worker thread does.
   */
  close(): Promise<void>;
}

/**
 * Starts validation workers once, for many streams: a service validating batch after batch pays
 * each worker's start (its modules, its validator, the compiler's warm-up of the rules, in all
 * several hundred milliseconds of CPU per worker) once, instead of once per
 * {@link validateClaimsInWorkers} call. The workers start at once and share the packs as
 * {@link validateClaimsInWorkers}' do. Options are checked here, before any worker starts.
 *
 * @example
 * ```ts
 * import { createClaimValidationPool } from 'medcode/node'
 * const pool = createClaimValidationPool({ workers: 2, profile: 'medicare-professional' })
 * try {
 *   for (const batch of batches)
 *     for await (const { index, result } of pool.validate(batch)) if (!result.ok) console.log(index, result.status)
 * } finally {
 *   await pool.close()
 * }
 * ```
 */
export function createClaimValidationPool(options: ClaimValidationPoolOptions = {}): ClaimValidationPool {
  const fn = 'createClaimValidationPool';
  checkOptionsArgument(fn, options);
  for (const key of STREAM_KEYS)
    if (key in options)
      throw invalidArgument(
        fn,
        key,
        "nothing: a stream's option, given to pool.validate(claims, options)",
        (options as Record<string, unknown>)[key],
      );
  const setup = poolSetup(fn, options);
  const pool = new ValidationPool(setup);
  let closed = false;
  return Object.freeze({
    workers: setup.threads,
    validate(claims: ClaimSource, stream: ClaimStreamOptions = {}) {
      const at = 'ClaimValidationPool.validate';
      if (closed) throw closedPoolError();
      checkOptionsArgument(at, stream);
      const streamOptions = streamSetup(at, stream, setup.threads);
      return streamThrough(pool, checkedClaims(at, claims, streamOptions), streamOptions);
    },
    async close() {
      closed = true;
      await pool.close();
    },
  }) as ClaimValidationPool;
}

/**
 * The pool of `medcode validate --workers` on an 837P: workers that read transaction sets cut out
 * of the file, validate their claims and print them (cli/transaction-lines). Not a public API:
 * what it prints is the command's output.
 *
 * @example
 * ```ts
 * const pool = createTransactionLinesPool({ workers: 2, today: '2026-12-06' })
 * const reply = await pool.read({ bytes: piece.bytes, at: piece.at, lines })
 * ```
 */
export function createTransactionLinesPool(options: ClaimValidationPoolOptions): {
  readonly workers: number;
  read(request: TransactionLinesRequest): Promise<TransactionLinesReply | { readonly failed: string }>;
  /** A reply's text buffer, written out: the workers print later pieces into it. */
  recycle(buffer: ArrayBuffer): void;
  close(): Promise<void>;
} {
  const setup = {
    ...poolSetup('medcode validate --workers', options),
    youngGenerationMb: PRINTING_WORKER_YOUNG_GENERATION_MB,
  };
  const pool = new ValidationPool(setup);
  return Object.freeze({
    workers: setup.threads,
    read: (request: TransactionLinesRequest) => pool.readTransactions(request),
    recycle: (buffer: ArrayBuffer) => pool.spentTexts.give(buffer),
    close: () => pool.close(),
  });
}

/**
 * NDJSON bytes cut into chunks of about `target` bytes, each ending at a line end (the last one at
 * the end of the input), each in a buffer of its own, to be transferred. A newline byte never
 * occurs inside a multi-byte UTF-8 character, so no character is ever cut in two.
 *
 * Once `stop()` is true the next chunk is everything already read and not yet sent, and the source
 * is read no further: the claims in it are answered, not lost. A source that throws gives its
 * whole lines read before the error as a last chunk, then its error (a line it cut short is no
 * claim).
 */
async function* ndjsonChunks(
  source: AsyncIterator<unknown>,
  target: number,
  buffers: ChunkBuffers,
  stop: () => boolean,
): AsyncGenerator<Uint8Array, void, undefined> {
  let parts: Uint8Array[] = [];
  let held = 0;
  let first = true;
  let failed = false;
  /** The chunk, without the byte-order mark a file may start with (it is no part of a claim). */
  const chunk = (bytes: Uint8Array): Uint8Array => {
    const bom = first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    first = false;
    return bom ? bytes.subarray(3) : bytes;
  };
  try {
    while (!stop()) {
      let piece: Uint8Array;
      try {
        const next = await source.next();
        if (next.done) break;
        piece = ndjsonPiece(next.value);
      } catch (error) {
        failed = true;
        // The whole lines read before the error are claims read: sent before the error is thrown.
        const whole = held > 0 ? joinBytes(parts, buffers) : undefined;
        const end = whole === undefined ? -1 : whole.lastIndexOf(10);
        if (end >= 0) yield chunk(whole!.subarray(0, end + 1));
        throw error;
      }
      let start = 0;
      while (!stop()) {
        // The next line end at or past the target size (counting what is already held).
        const from = start + Math.max(0, target - held - 1);
        if (from >= piece.length) break;
        const end = piece.indexOf(10, from);
        if (end < 0) break;
        parts.push(piece.subarray(start, end + 1));
        yield chunk(joinBytes(parts, buffers));
        parts = [];
        held = 0;
        start = end + 1;
      }
      if (start < piece.length) {
        // Kept as a copy: a source may reuse its buffer for the next piece.
        parts.push(piece.slice(start));
        held += piece.length - start;
      }
    }
    if (held > 0) yield chunk(joinBytes(parts, buffers));
  } finally {
    // A source that threw is finished; one left unfinished is told to release what it holds.
    if (!failed) await source.return?.();
  }
}

/** A piece of an NDJSON source as bytes: a `Uint8Array` (a Buffer) as it is, a string encoded. */
function ndjsonPiece(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return UTF8_ENCODER.encode(value);
  throw invalidArgument(
    'validateClaimsInWorkers',
    'claims',
    "with input: 'ndjson', a source of Uint8Array or string pieces",
    value,
  );
}

/**
 * The parts in one buffer that nothing else shares (so that it can be transferred): a spent chunk
 * buffer a worker gave back, or a new one.
 */
function joinBytes(parts: readonly Uint8Array[], buffers: ChunkBuffers): Uint8Array {
  const joined = buffers.take(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

/**
 * The claims in an NDJSON chunk: its lines holding anything but spaces, tabs and carriage returns
 * (the worker's own rule), counted by byte so that a lost chunk's claims can be failed one by one.
 */
function countNdjsonClaims(bytes: Uint8Array): number {
  const lines = bufferView(bytes);
  let count = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = lines.indexOf(10, start);
    if (end < 0) end = bytes.length;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      if (byte !== 32 && byte !== 9 && byte !== 13) {
        count++;
        break;
      }
    }
    start = end + 1;
  }
  return count;
}

/**
 * The same bytes as a `Buffer`, not copied: a `Buffer`'s `indexOf` finds a byte with the C
 * library's `memchr`, where a plain `Uint8Array`'s compares element by element. Counting a chunk's
 * claims line by line took some 590 ns per claim with the latter and 140 ns with the former, on the
 * pool's thread, which every worker waits on.
 */
function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toAsyncIterator(claims: Iterable<unknown> | AsyncIterable<unknown>): AsyncIterator<unknown> {
  if (isAsyncIterable(claims)) return claims[Symbol.asyncIterator]();
  const sync = (claims as Iterable<unknown>)[Symbol.iterator]();
  return {
    next: async () => sync.next(),
    return: async () => sync.return?.() ?? { done: true, value: undefined },
  };
}

/** Spent NDJSON chunk buffers kept for reuse at most (about two chunks in flight per worker). */
const MAX_SPENT_CHUNKS = 16;
/** Room of a new chunk buffer beyond the chunk: a later chunk, cut at its own line end, fits too. */
const CHUNK_ROOM = 64 * 1024;

/**
 * The buffers NDJSON chunks are cut into. A chunk's buffer is transferred to a worker, which gives
 * it back once the chunk is decoded; the next chunk is copied into it. A new buffer's pages are
 * zeroed and mapped by the kernel on first touch, which on a virtual machine cost more than the
 * copy itself (filling a new 192 KiB buffer: 31–94 µs; the same copy into a used one: under 2 µs).
 */
class ChunkBuffers {
  readonly #spent: ArrayBuffer[] = [];

  /** A view of `size` bytes over a buffer no one else holds. */
  take(size: number): Uint8Array {
    for (let i = this.#spent.length - 1; i >= 0; i--) {
      const buffer = this.#spent[i]!;
      if (buffer.byteLength < size) continue;
      this.#spent.splice(i, 1);
      return new Uint8Array(buffer, 0, size);
    }
    return new Uint8Array(new ArrayBuffer(size + CHUNK_ROOM), 0, size);
  }

  /** A buffer a worker is done with. */
  give(buffer: ArrayBuffer): void {
    if (this.#spent.length < MAX_SPENT_CHUNKS) this.#spent.push(buffer);
  }
}

/** Spent result buffers kept for the workers at most (about two batches in flight per worker). */
const MAX_SPENT_TEXTS = 16;

/**
 * Result buffers nothing on this thread reads any more ({@link ClaimsValidationLines.release}, or a
 * batch whose results were all parsed), each sent back to a worker with a later batch to write
 * that batch's results into: see the worker's `ResultText` for what a new buffer per batch costs.
 */
class SpentTexts {
  readonly #spent: ArrayBuffer[] = [];

  /**
   * Keeps `buffer` (up to {@link MAX_SPENT_TEXTS}), moved into a new `ArrayBuffer` (no copy): the
   * old one is detached, so that a view a consumer still holds reads as empty instead of a later
   * batch's results.
   */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0) return;
    // Detached even when not kept: a released batch's bytes read as empty whatever the pool holds.
    const moved = structuredClone(buffer, { transfer: [buffer] });
    if (this.#spent.length < MAX_SPENT_TEXTS) this.#spent.push(moved);
  }

  /** A spent buffer, if any, to send with the next batch. */
  take(): ArrayBuffer | undefined {
    return this.#spent.pop();
  }
}

/** The worker threads, each answering its batches in order; a dead one is replaced. */
class ValidationPool {
  /** Buffers for the NDJSON chunks of every stream through this pool. */
  readonly chunkBuffers = new ChunkBuffers();
  /** Result buffers to give back to the workers. */
  readonly spentTexts = new SpentTexts();
  private readonly workers: PoolWorker[] = [];
  private nextBatch = 0;
  private closing = false;
  private failedStarts = 0;
  /** Why workers cannot start (set after {@link MAX_FAILED_STARTS}): every batch then fails. */
  private broken: string | undefined;

  /** The PTP packs, read once into shared memory for every worker. */
  private readonly ptpPacks: readonly SharedArrayBuffer[];

  /** `setup.packFiles`: the packs folder, then each folder of imported editions (a pack request's `root`). */
  constructor(private readonly setup: PoolSetup) {
    this.ptpPacks = setup.ptpPacks.map(readPtpPack);
    for (let i = 0; i < setup.threads; i++) this.workers.push(this.spawn());
  }

  /** True once {@link close} was called: no batch is sent to a worker after it. */
  get closed(): boolean {
    return this.closing;
  }

  /** Sends a batch to the worker holding the fewest; resolves with one result per claim, in order. */
  validate(claims: readonly unknown[]): Promise<BatchResults> {
    if (this.closing) return Promise.resolve(workerFailedResults(claims.length, 'crashed', POOL_CLOSED));
    if (this.broken !== undefined)
      return Promise.resolve(workerFailedResults(claims.length, 'crashed', this.broken));
    const worker = this.workers.reduce((a, b) => (b.held.size < a.held.size ? b : a));
    const batch = this.nextBatch++;
    return new Promise((resolve) => {
      try {
        this.post(worker, { batch, claims }, []);
      } catch (error) {
        // Something in the batch cannot be cloned (a function, a symbol): find which claims, send
        // the rest, and answer those with a structured error.
        resolve(this.validateCloneable(claims, error));
        return;
      }
      worker.held.set(batch, heldClaims(claims.length, resolve));
    });
  }

  /** Sends an NDJSON chunk (transferred, not copied); resolves with one result per claim line. */
  validateChunk(ndjson: Uint8Array): Promise<BatchResults> {
    const size = countNdjsonClaims(ndjson);
    if (this.closing) return Promise.resolve(workerFailedResults(size, 'crashed', POOL_CLOSED));
    if (this.broken !== undefined) return Promise.resolve(workerFailedResults(size, 'crashed', this.broken));
    const worker = this.workers.reduce((a, b) => (b.held.size < a.held.size ? b : a));
    const batch = this.nextBatch++;
    return new Promise((resolve) => {
      // The chunk's buffer is its own (see joinBytes): moved to the worker, not copied.
      this.post(worker, { batch, ndjson }, [ndjson.buffer as ArrayBuffer]);
      worker.held.set(batch, heldClaims(size, resolve));
    });
  }

  /**
   * Sends transaction sets of an 837P to be read, validated and printed (`medcode validate
   * --workers`); resolves with what to print, or with why no worker answered. The bytes are copied,
   * not moved: the caller keeps them to read the sets itself when no worker can.
   */
  readTransactions(
    request: TransactionLinesRequest,
  ): Promise<TransactionLinesReply | { readonly failed: string }> {
    if (this.closing) return Promise.resolve({ failed: POOL_CLOSED });
    if (this.broken !== undefined) return Promise.resolve({ failed: this.broken });
    const worker = this.workers.reduce((a, b) => (b.held.size < a.held.size ? b : a));
    const batch = this.nextBatch++;
    // The sets go in a buffer of their own, moved to the worker rather than cloned: a structured
    // clone serializes and copies a piece's megabytes on this thread, which only cuts and writes.
    // The caller keeps its own bytes, to read the sets itself if no worker answers; the worker gives
    // the buffer back, and a later piece is copied into it (see ChunkBuffers).
    const bytes = this.chunkBuffers.take(request.bytes.length);
    bytes.set(request.bytes);
    return new Promise((resolve) => {
      this.post(worker, { batch, transactions: { ...request, bytes } }, [bytes.buffer as ArrayBuffer]);
      worker.held.set(batch, {
        size: 0,
        resolve: (reply) => resolve((reply as TransactionLinesAnswer).transactions),
        fail: (failed) => resolve({ failed }),
      });
    });
  }

  /**
   * Posts a batch to a worker, moving the buffers in `transfer`, and with it a spent result buffer
   * when the pool holds one, for the worker to write this batch's results into.
   */
  private post(worker: PoolWorker, message: PoolToWorker, transfer: readonly ArrayBuffer[]): void {
    const spentText = this.spentTexts.take();
    if (spentText === undefined) worker.thread.postMessage(message, transfer);
    else worker.thread.postMessage({ ...message, spentText }, [...transfer, spentText]);
  }

  private async validateCloneable(claims: readonly unknown[], error: unknown): Promise<BatchResults> {
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const cloneable = claims.map((claim) => {
      try {
        structuredClone(claim);
        return true;
      } catch {
        return false;
      }
    });
    const sent = claims.filter((_, i) => cloneable[i]);
    const answered = sent.length > 0 && sent.length < claims.length ? await this.validate(sent) : undefined;
    const refused = UTF8_DECODER.decode(resultBytes(workerFailedResults(1, 'not_cloneable', detail), 0));
    const results: string[] = [];
    const statuses: ValidationStatus[] = [];
    let next = 0;
    for (let i = 0; i < claims.length; i++) {
      const taken = cloneable[i] && answered !== undefined && next < answered.ends.length;
      results.push(taken ? UTF8_DECODER.decode(resultBytes(answered, next)) : refused);
      statuses.push(taken ? STATUS_CODES[answered.statuses[next]!]! : 'failed');
      if (taken) next++;
    }
    return batchResultsOf(results, statuses);
  }

  private spawn(): PoolWorker {
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const replies = new Int32Array(signal);
    const setup: WorkerSetup = {
      options: this.setup.validateOptions,
      packsDir: this.setup.packFiles[0]!.dir,
      extraDirs: this.setup.packFiles.slice(1).map((files) => files.dir),
      packPort: channel.port2,
      packSignal: signal,
      ptpPacks: this.ptpPacks,
    };
    const thread = startThread(setup, [channel.port2], this.setup.youngGenerationMb);
    const worker: PoolWorker = { thread, held: new Map(), dead: false, answered: 0 };
    channel.port1.on('message', (request: PackRequest) => {
      let reply: PackReply;
      try {
        reply = { id: request.id, bytes: this.setup.packFiles[request.root]?.get(request.path) };
      } catch (error) {
        // The worker throws this from its pack source, as a folder source throws a read error:
        // the rules report it as a pack_error naming the cause, not as a missing pack.
        const detail = error instanceof Error ? error.message : String(error);
        reply = { id: request.id, bytes: undefined, error: detail };
      }
      channel.port1.postMessage(reply);
      // One more reply posted: the worker, blocked until the count moves, looks for it.
      Atomics.add(replies, 0, 1);
      Atomics.notify(replies, 0);
    });
    // The pack channel must not keep the process alive on its own.
    channel.port1.unref();
    thread.on('message', (reply: WorkerToPool) => {
      const held = worker.held.get(reply.batch);
      if (held === undefined) return;
      if ('spent' in reply && reply.spent !== undefined) this.chunkBuffers.give(reply.spent);
      worker.held.delete(reply.batch);
      worker.answered++;
      this.failedStarts = 0;
      held.resolve(reply);
    });
    let failure = 'the worker exited';
    thread.on('error', (error) => {
      failure = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
    });
    thread.on('exit', (code) => {
      worker.dead = true;
      channel.port1.close();
      const detail = code === 0 || failure !== 'the worker exited' ? failure : `${failure} with code ${code}`;
      for (const held of worker.held.values()) held.fail(detail);
      worker.held.clear();
      if (this.closing) return;
      if (worker.answered === 0 && ++this.failedStarts >= MAX_FAILED_STARTS) {
        // A worker that cannot start (a broken pack, an option it refuses) would die again on
        // every restart: stop, and answer everything still to come with the reason.
        this.workers.splice(this.workers.indexOf(worker), 1);
        if (this.workers.length === 0) this.broken = detail;
        return;
      }
      const at = this.workers.indexOf(worker);
      if (at >= 0) this.workers[at] = this.spawn();
    });
    this.setup.onWorker?.(thread);
    return worker;
  }

  /**
   * Stops every worker. Batches still held are answered at once, each claim `worker_failed` with
   * the pool's closing as the reason: a stream still running yields them and ends rather than
   * waiting for workers that will never answer.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const worker of this.workers) {
      for (const held of worker.held.values()) held.fail(POOL_CLOSED);
      worker.held.clear();
    }
    await Promise.all(this.workers.map((w) => (w.dead ? undefined : w.thread.terminate())));
  }
}
