/**
 * The claim-batch processor of medcode/node on a real distributed queue: an 837P batch read,
 * sharded into BullMQ jobs on a Redis server started for the test (127.0.0.1, no persistence),
 * processed by worker processes: the first is killed (SIGKILL) while it holds a job, two more share
 * the rest. Every shard completes (BullMQ finds the killed worker's job stalled and hands it to a
 * live worker), and the
 * results collected by shard index are, claim for claim, what validateClaims gives in one process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parseX12837PStream, toX12837P } from '../../src/claims/index';
import type { Claim } from '../../src/claims/index';
import type { ClaimBatchResult } from '../../src/node/index';
import { validateClaims } from '../../src/rules/index';

const REPO = resolve(import.meta.dirname, '..', '..');
const today = '2026-11-27';
const SHARD = 25;
const CLAIMS = 600;
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** An 837P interchange of the example claims under distinct ids, read back claim by claim. */
async function batchFrom837(): Promise<Claim[]> {
  const names = [
    'clean-office-visit',
    'em-with-procedure-needs-modifier-25',
    'excludes1-pair',
    'mue-exceeded',
  ];
  const bases = names.map(
    (n) => JSON.parse(readFileSync(join(REPO, 'examples', `${n}.json`), 'utf8')) as Claim,
  );
  const claims = Array.from({ length: CLAIMS }, (_, i) => ({
    ...bases[i % bases.length]!,
    claimId: `Q-${i}`,
  }));
  const x12 = toX12837P(claims, {
    sender: { id: 'QUEUE' },
    receiver: { id: 'PAYER' },
    submitter: { name: 'QUEUE', id: 'QUEUE', contactName: 'QUEUE', phone: '5555550100' },
    receiverName: 'PAYER',
    interchangeControlNumber: 7,
    createdAt: '2026-05-02T10:30',
  });
  if (!x12.ok) throw new Error(x12.issues.map((i) => i.message).join('\n'));
  const read: Claim[] = [];
  for await (const item of parseX12837PStream([x12.value])) if (item.kind === 'claim') read.push(item.claim);
  return read;
}

/** A worker process; resolves `lines` as it prints them. */
function startWorker(
  queue: string,
  port: number,
): { child: ChildProcess; seen: (line: RegExp) => Promise<string> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'test/node/bullmq-worker.ts'), queue, String(port), today],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  const waiting: { re: RegExp; done: (l: string) => void }[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiting.splice(0))
        if (w.re.test(line)) w.done(line);
        else waiting.push(w);
    }
  });
  return {
    child,
    seen: (re) =>
      new Promise((done) => {
        const found = lines.find((l) => re.test(l));
        if (found !== undefined) done(found);
        else waiting.push({ re, done });
      }),
  };
}

describe.skipIf(!hasRedis)('claim batches on BullMQ workers (Redis on 127.0.0.1)', () => {
  let redis: ChildProcess;
  let port: number;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
      {
        stdio: 'ignore',
      },
    );
    // Ready once it answers PING (a fresh client per try: a refused connection is not retried).
    for (let tries = 0; ; tries++) {
      const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        client.disconnect();
      }
    }
  });

  afterAll(() => {
    for (const w of workers) w.kill('SIGKILL');
    redis?.kill('SIGKILL');
  });

  it('shards an 837P batch over worker processes, one killed mid-batch, and loses no claim', async () => {
    const claims = await batchFrom837();
    expect(claims.length).toBe(CLAIMS);
    const connection = { host: '127.0.0.1', port };
    const queue = new Queue('medcode-claims', { connection });
    try {
      const shards = Math.ceil(claims.length / SHARD);
      for (let s = 0; s < shards; s++)
        await queue.add(
          'validate',
          { firstIndex: s * SHARD, claims: claims.slice(s * SHARD, (s + 1) * SHARD) },
          { jobId: `shard-${s}`, attempts: 3 },
        );

      // The first worker is killed while it holds its first job (loading the packs, validating).
      const doomed = startWorker('medcode-claims', port);
      workers.push(doomed.child);
      const held = (await doomed.seen(/^active /)).slice('active '.length);
      doomed.child.kill('SIGKILL');
      for (let w = 0; w < 2; w++) workers.push(startWorker('medcode-claims', port).child);

      for (let waited = 0; ((await queue.getJobCounts('completed')).completed ?? 0) < shards; waited += 250) {
        if (waited > 240_000)
          throw new Error(
            `only ${(await queue.getJobCounts('completed')).completed} of ${shards} shards done`,
          );
        await new Promise((r) => setTimeout(r, 250));
      }
      expect((await queue.getJobCounts('failed')).failed).toBe(0);

      // Collected by shard index: the results in input order.
      const results: unknown[] = [];
      for (let s = 0; s < shards; s++) {
        const job = await Job.fromId(queue, `shard-${s}`);
        const value = job!.returnvalue as ClaimBatchResult;
        expect(value.firstIndex).toBe(s * SHARD);
        results.push(...value.results);
      }
      const killedJob = await Job.fromId(queue, held);
      // The killed worker's job was started twice: by it, then by the survivor after it stalled.
      expect(killedJob!.attemptsStarted).toBeGreaterThanOrEqual(2);

      const expected: unknown[] = [];
      for await (const { result } of validateClaims(claims, { today })) expected.push(result);
      expect(results.length).toBe(claims.length);
      expect(JSON.parse(JSON.stringify(results))).toEqual(JSON.parse(JSON.stringify(expected)));
    } finally {
      await queue.close();
    }
  });
});
