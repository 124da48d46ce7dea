/**
 * A validation worker's requests for pack files, answered by the pool's main thread (which reads
 * each file once, into shared memory, for every worker). The worker blocks while it waits: a pack
 * is needed in the middle of a synchronous validation, and there is one wait per file per worker.
 *
 * @module
 */
import { receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { PackReply, PackRequest } from './validate-protocol';

/** How long a pack request may wait for the main thread before the worker gives up (and dies). */
export const PACK_REPLY_TIMEOUT_MS = 120_000;

/**
 * Where a worker asks the main thread for pack files: the port, the count of replies posted, the
 * next request's id.
 *
 * @example
 * ```ts
 * const channel: PackChannel = { port: setup.packPort, replies: new Int32Array(setup.packSignal), nextId: 0 }
 * ```
 */
export interface PackChannel {
  readonly port: MessagePort;
  /** An `Int32Array` over the setup's `packSignal`: the main thread adds 1 for each reply it posts. */
  readonly replies: Int32Array;
  nextId: number;
}

/**
 * Asks the main thread for a pack file and blocks until its reply is here. The reply count says
 * a reply was posted; the message itself can become readable on this side a moment later, so it is
 * looked for again every millisecond until it is (seen on a loaded CI machine: the count moved
 * and the port was still empty, and that reply then answered the next request). A reply to an
 * earlier request that gave up is skipped by its id.
 *
 * @example
 * ```ts
 * const reply = askMainThread(channel, 0, 'icd10cm/fy2026/codes.pack')
 * ```
 */
export function askMainThread(
  channel: PackChannel,
  root: number,
  path: string,
  timeoutMs = PACK_REPLY_TIMEOUT_MS,
): PackReply {
  const id = channel.nextId++;
  const countAtRequest = Atomics.load(channel.replies, 0);
  channel.port.postMessage({ id, root, path } satisfies PackRequest);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = receiveMessageOnPort(channel.port)?.message as PackReply | undefined;
    if (reply !== undefined) {
      if (reply.id === id) return reply;
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no answer from the main thread for pack file ${path}`);
    const count = Atomics.load(channel.replies, 0);
    // The main thread answers from its event loop: until it posts, wait for the count to move;
    // once it has moved, the message is on its way.
    waitForChange(channel.replies, count, count === countAtRequest ? left : 1);
  }
}

/** Blocks this thread until the value at `signal[0]` is no longer `seen`, or `ms` have passed. */
function waitForChange(signal: Int32Array, seen: number, ms: number): void {
  Atomics.wait(signal, 0, seen, ms);
}
