/**
 * A BullMQ worker process for test/node/bullmq.test.ts: medcode's claim-batch processor on a queue,
 * one job at a time, reporting `ready`, `active <id>` and `completed <id>` lines on stdout so that
 * the test can kill it while it holds a job.
 * Usage: node --import tsx test/node/bullmq-worker.ts <queue> <redis port> <today>
 */
import { Worker } from 'bullmq';
import { createClaimBatchProcessor } from '../../src/node/index';

const [queue = 'claims', port = '6379', today = '2026-11-27'] = process.argv.slice(2);
const worker = new Worker(queue, createClaimBatchProcessor({ today }), {
  connection: { host: '127.0.0.1', port: Number(port) },
  concurrency: 1,
  // A killed worker's job is found stalled once its lock lapses: short here so the test is quick.
  lockDuration: 4000,
  stalledInterval: 1000,
});
worker.on('ready', () => process.stdout.write('ready\n'));
worker.on('active', (job) => process.stdout.write(`active ${job.id}\n`));
worker.on('completed', (job) => process.stdout.write(`completed ${job.id}\n`));
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
