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
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { folderSourceWith } from '../core/pack-source';
import type { PackSource } from '../core/pack-source';
import { PtpTable } from '../ncci/index';
import { createClaimValidator } from '../rules/index';
import type { ClaimValidation, ValidateOptions } from '../rules/index';
import type { PackReply, PoolToWorker, WorkerSetup, WorkerToPool } from './validate-protocol';

/** How long a pack request may wait for the main thread before the worker gives up (and dies). */
const PACK_REPLY_TIMEOUT_MS = 120_000;

function sharedPackSource(dir: string, port: MessagePort, signal: Int32Array): PackSource {
  const held = new Map<string, Uint8Array | undefined>();
  // Listing edition folders costs no memory: each worker does it itself.
  const listing = folderSourceWith(fs, dir);
  return Object.freeze({
    name: listing.name,
    editions: (system: string) => listing.editions(system),
    read(path: string): Uint8Array | undefined {
      if (held.has(path)) return held.get(path);
      Atomics.store(signal, 0, 0);
      port.postMessage({ path });
      // The main thread answers from its event loop; a blocked wait here is one per file per worker.
      if (Atomics.wait(signal, 0, 0, PACK_REPLY_TIMEOUT_MS) === 'timed-out')
        throw new Error(`no answer from the main thread for pack file ${path}`);
      const reply = receiveMessageOnPort(port)?.message as PackReply | undefined;
      const bytes = reply?.bytes === undefined ? undefined : new Uint8Array(reply.bytes);
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
  const packs = sharedPackSource(setup.packsDir, setup.packPort, new Int32Array(setup.packSignal));
  const ptpTables = setup.ptpPacks.map((bytes) => PtpTable.fromPack(new Uint8Array(bytes)));
  const options: ValidateOptions = {
    ...setup.options,
    packs,
    ...(ptpTables.length > 0 ? { ptp: { ...setup.options.ptp, tables: ptpTables } } : {}),
  };
  const validator = createClaimValidator(options);
  port.on('message', (message: PoolToWorker) => {
    const results: string[] = [];
    const statuses: ClaimValidation['status'][] = [];
    for (const claim of message.claims) {
      const result = validator.validateJson(claim);
      results.push(JSON.stringify(result));
      statuses.push(result.status);
    }
    const reply: WorkerToPool = { batch: message.batch, results: results.join('\n'), statuses };
    port.postMessage(reply);
  });
}

start();
