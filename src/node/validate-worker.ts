/**
 * The worker-thread side of {@link validateClaimsInWorkers} (`medcode/node`): validates the claims
 * the pool sends, batch by batch, with one validator built from the options it received at start.
 * Code-set packs are not read from disk here: each file is asked of the main thread once and comes
 * back as a `SharedArrayBuffer`, so every worker reads the same bytes instead of holding its copy.
 *
 * Not a public entry: the pool starts it (from `dist/node/validate-worker.js` in the package, or
 * this source file under tsx or vitest).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { claimIdOf, claimTextValue } from '../claims/claim-text';
import { PackError } from '../core/errors';
import { validationJson } from '../core/frozen-json';
import { folderSourceWith } from '../core/pack-source';
import type { PackSource } from '../core/pack-source';
import { PtpTable } from '../ncci/index';
import { createClaimValidator } from '../rules/index';
import type { ValidateOptions } from '../rules/index';
import { STATUS_CODES } from './validate-protocol';
import type { ClaimResultsReply, PoolToWorker, WorkerSetup, WorkerToPool } from './validate-protocol';
import { importedValidatorData } from './imported-editions';
import { askMainThread } from './pack-channel';
import { lineGroupEnd } from '../core/line-groups';
import type { PackChannel } from './pack-channel';
import { validateTransactionLines } from '../cli/transaction-lines';

/**
 * The packs of one folder (`root` 0, the packs folder; `k`, the `k`th folder of imported editions):
 * listed here, each file read by the main thread once for every worker.
 */
function sharedPackSource(dir: string, root: number, channel: PackChannel): PackSource {
  const held = new Map<string, Uint8Array | undefined>();
  // Listing edition folders costs no memory: each worker does it itself.
  const listing = folderSourceWith(fs, dir);
  return Object.freeze({
    name: listing.name,
    editions: (system: string) => listing.editions(system),
    read(path: string): Uint8Array | undefined {
      if (held.has(path)) return held.get(path);
      // A blocked wait here is one per file per worker.
      const reply = askMainThread(channel, root, path);
      // As the folder source on one thread reports a file it cannot read.
      if (reply.error !== undefined) throw new PackError('missing', `${listing.name}/${path}`, reply.error);
      const bytes = reply.bytes === undefined ? undefined : new Uint8Array(reply.bytes);
      held.set(path, bytes);
      return bytes;
    },
    sha256: (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex'),
  });
}

function start(): void {
  const port = parentPort;
  if (port === null) throw new Error('medcode validate-worker must run in a worker thread');
  const setup = workerData as WorkerSetup;
  const channel: PackChannel = { port: setup.packPort, replies: new Int32Array(setup.packSignal), nextId: 0 };
  const [base, ...extra] = [setup.packsDir, ...setup.extraDirs].map((dir, root) =>
    sharedPackSource(dir, root, channel),
  );
  // Imported folders are read as `medcode validate --codesets` reads them on one thread.
  const imported = extra.length > 0 ? importedValidatorData(base!, extra) : undefined;
  const ptpTables = [
    ...setup.ptpPacks.map((bytes) => PtpTable.fromPack(new Uint8Array(bytes))),
    ...(imported?.ptpTables ?? []),
  ];
  const options: ValidateOptions = {
    ...setup.options,
    packs: imported?.packs ?? base!,
    ...(imported !== undefined && imported.aocTables.length > 0
      ? { aoc: { ...setup.options.aoc, tables: imported.aocTables } }
      : {}),
    ...(ptpTables.length > 0 ? { ptp: { ...setup.options.ptp, tables: ptpTables } } : {}),
  };
  const validator = createClaimValidator(options);
  const text = new ResultText();
  port.on('message', (message: PoolToWorker) => {
    if (message.spentText !== undefined) text.give(message.spentText);
    if ('transactions' in message) {
      const transactions = validateTransactionLines(
        (claim) => validator.validate(claim),
        message.transactions,
        text,
      );
      // The sets are read: their buffer goes back for the pool to copy later sets into.
      const spent = message.transactions.bytes.buffer as ArrayBuffer;
      port.postMessage({ batch: message.batch, transactions, spent } satisfies WorkerToPool, [
        transactions.text.buffer as ArrayBuffer,
        transactions.flags.buffer as ArrayBuffer,
        spent,
      ]);
      return;
    }
    const claims = 'ndjson' in message ? ndjsonLines(message.ndjson) : message.claims;
    const count = claims.length;
    const ends = new Uint32Array(count);
    const statuses = new Uint8Array(count);
    // The pool knows the ids of the claim objects it sent; those of NDJSON lines and of claims sent
    // as JSON text are only known here, once the text is read.
    const claimIds: (string | undefined)[] | undefined =
      'ndjson' in message || claims.some((c) => typeof c === 'string') ? [] : undefined;
    for (let i = 0; i < count; i++) {
      const claim = claimTextValue(claims[i]);
      const result = validator.validateJson(claim);
      claimIds?.push(claimIdOf(claim));
      ends[i] = text.append(validationJson(result));
      statuses[i] = STATUS_CODES.indexOf(result.status);
    }
    // The chunk is decoded: its buffer goes back for the pool to cut the next chunk into.
    const spent = 'ndjson' in message ? (message.ndjson.buffer as ArrayBuffer) : undefined;
    const reply: ClaimResultsReply = {
      batch: message.batch,
      text: text.take(),
      ends,
      statuses,
      ...(claimIds !== undefined ? { claimIds } : {}),
      ...(spent !== undefined ? { spent } : {}),
    };
    // The buffers are this batch's alone (see ResultText.take): moved to the pool, not copied.
    port.postMessage(reply, [
      reply.text.buffer as ArrayBuffer,
      ends.buffer,
      statuses.buffer,
      ...(spent !== undefined ? [spent] : []),
    ]);
  });
}

/** A byte-order mark is kept (the pool strips the one a file starts with): lines stay as counted. */
const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

/** The claims of an NDJSON chunk: one per line that holds more than blanks ({@link isBlankLine}). */
function ndjsonLines(bytes: Uint8Array): string[] {
  const claims: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = lineGroupEnd(bytes, start);
    // A newline byte never occurs inside a multi-byte UTF-8 character: a group decodes as the
    // same text it would be inside the whole chunk.
    for (const line of UTF8_DECODER.decode(bytes.subarray(start, end)).split('\n'))
      if (!isBlankLine(line)) claims.push(line);
    start = end;
  }
  return claims;
}

/** Only spaces, tabs and carriage returns: the rule the pool's line count follows byte by byte. */
function isBlankLine(line: string): boolean {
  return /^[ \t\r]*$/.test(line);
}

/** Spent result buffers a worker keeps for later batches at most. */
const MAX_SPENT_TEXTS = 4;

/**
 * A batch's results as UTF-8 bytes in one buffer, handed over whole (a transferred buffer costs
 * nothing to send, where a string is copied once to send and once to receive).
 *
 * A sent buffer is no longer this thread's, so each batch needs another. One the pool gives back
 * once nothing reads it is taken first: a new one is memory the kernel maps and zeroes page by page
 * as the results are written, and the pool's thread, receiving buffer after new buffer, runs full
 * garbage collections for memory outside its heap. On the bench's claims those two cost about
 * 5 µs of CPU per claim, a fifth of what the worker spends validating one (docs/scaling.md).
 */
class ResultText {
  private readonly encoder = new TextEncoder();
  private bytes = new Uint8Array(256 * 1024);
  private length = 0;
  private readonly spent: ArrayBuffer[] = [];

  /** A buffer the pool is done with, for a later batch. */
  give(buffer: ArrayBuffer): void {
    if (this.spent.length < MAX_SPENT_TEXTS && buffer.byteLength > 0) this.spent.push(buffer);
  }

  /** Appends one result's JSON and a newline; returns where the line ends (after the newline). */
  append(json: string): number {
    this.write(json);
    // Results are JSON lines as they stand: a consumer can write a whole batch with no copy.
    this.bytes[this.length++] = 10;
    return this.length;
  }

  /** Appends text as it is (a claim's printed lines, `medcode validate --workers`). */
  write(json: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (and one more for a newline): with that much room
    // the encoder never stops short.
    const room = this.length + json.length * 3 + 1;
    if (room > this.bytes.length) {
      const grown = new Uint8Array(Math.max(room, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length += this.encoder.encodeInto(json, this.bytes.subarray(this.length)).written;
  }

  /**
   * The text so far (its buffer is about to be transferred); the next batch starts in a spent
   * buffer at least as large, or a new one.
   */
  take(): Uint8Array {
    const done = this.bytes.subarray(0, this.length);
    const size = this.bytes.length;
    let next: ArrayBuffer | undefined;
    // A spent buffer smaller than the text has grown to (it was sent before) is dropped.
    while (next === undefined && this.spent.length > 0) {
      const buffer = this.spent.pop()!;
      if (buffer.byteLength >= size) next = buffer;
    }
    this.bytes = next === undefined ? new Uint8Array(size) : new Uint8Array(next);
    this.length = 0;
    return done;
  }
}

start();
