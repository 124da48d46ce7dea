/**
 * A worker's pack requests (src/node/pack-channel.ts): the reply it gets is the one to its request,
 * even when the main thread's count of replies moves before the message can be read (as seen on a
 * loaded CI machine), and a late reply to an earlier request is skipped.
 */
import { describe, expect, it } from 'vitest';
import { MessageChannel, Worker } from 'node:worker_threads';
import { askMainThread } from '../../src/node/pack-channel';
import type { PackChannel } from '../../src/node/pack-channel';

/**
 * A thread that answers each request as the test says: it counts the reply first, then posts it
 * `lateMs` later; with `staleFirst`, it first posts a reply to an id nobody asks for any more.
 */
const ANSWERER = `
const { workerData } = require('node:worker_threads');
const { port, signal, lateMs, staleFirst } = workerData;
const replies = new Int32Array(signal);
port.on('message', (request) => {
  if (staleFirst) port.postMessage({ id: request.id - 1, bytes: undefined, error: 'stale' });
  Atomics.add(replies, 0, 1);
  Atomics.notify(replies, 0);
  setTimeout(() => port.postMessage({ id: request.id, bytes: undefined, error: 'for ' + request.path }), lateMs);
});
`;

async function withAnswerer<T>(
  options: { lateMs: number; staleFirst: boolean },
  ask: (channel: PackChannel) => T,
): Promise<T> {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const answerer = new Worker(ANSWERER, {
    eval: true,
    workerData: { port: port2, signal, ...options },
    transferList: [port2],
  });
  await new Promise((resolve) => answerer.once('online', resolve));
  try {
    return ask({ port: port1, replies: new Int32Array(signal), nextId: 5 });
  } finally {
    port1.close();
    await answerer.terminate();
  }
}

describe('askMainThread', () => {
  it('waits for the reply itself when the count of replies moves before it can be read', async () => {
    const replies = await withAnswerer({ lateMs: 40, staleFirst: false }, (channel) => [
      askMainThread(channel, 0, 'icd10cm/fy2026/codes.pack'),
      askMainThread(channel, 0, 'icd10cm/fy2026/manifest.json'),
    ]);
    expect(replies.map((r) => [r.id, r.error])).toEqual([
      [5, 'for icd10cm/fy2026/codes.pack'],
      [6, 'for icd10cm/fy2026/manifest.json'],
    ]);
  });

  it('skips a reply to another request', async () => {
    const reply = await withAnswerer({ lateMs: 5, staleFirst: true }, (channel) =>
      askMainThread(channel, 1, 'ncci-mue/2026-04-01/mue.pack'),
    );
    expect([reply.id, reply.error]).toEqual([5, 'for ncci-mue/2026-04-01/mue.pack']);
  });

  it('gives up after its time, naming the file', async () => {
    const { port1 } = new MessageChannel();
    const channel: PackChannel = {
      port: port1,
      replies: new Int32Array(new SharedArrayBuffer(4)),
      nextId: 0,
    };
    expect(() => askMainThread(channel, 0, 'pos/2024-08/pos.pack', 30)).toThrow(
      'no answer from the main thread for pack file pos/2024-08/pos.pack',
    );
    port1.close();
  });
});
