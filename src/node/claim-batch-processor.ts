/**
 * A job processor for a distributed queue (BullMQ on Redis, or any queue that hands a function a
 * job's data): validates one shard of a claim batch and returns its results as plain JSON, with
 * the index of the shard's first claim so that a collector can put every result back in order.
 * medcode ships no queue: the processor is a function of `{ data }`, which is the job BullMQ
 * passes and what a serverless queue handler can build from a message body (docs/scaling.md).
 *
 * @module
 */
import { invalidArgument } from '../core/arguments';
import { createClaimValidator } from '../rules/index';
import type { ClaimValidation, ValidateOptions } from '../rules/index';

/**
 * The data of one job: a shard of claims and where it starts in the whole batch.
 *
 * @example
 * ```ts
 * const job: ClaimBatchJob = { firstIndex: 500, claims: claims.slice(500, 750) }
 * ```
 */
export interface ClaimBatchJob {
  /** The position of `claims[0]` in the whole batch (default 0). */
  readonly firstIndex?: number;
  readonly claims: readonly unknown[];
}

/**
 * What the processor returns for a job (plain JSON, as a queue stores it).
 *
 * @example
 * ```ts
 * const done: ClaimBatchResult = await processor({ data: { firstIndex: 0, claims } })
 * done.results[0].status // 'passed' | 'failed' | 'not_checked'
 * ```
 */
export interface ClaimBatchResult {
  readonly firstIndex: number;
  /** One result per claim of the job, in its order. */
  readonly results: readonly ClaimValidation[];
}

/**
 * A processor for queue jobs of {@link ClaimBatchJob}: `new Worker(queue, processor)` in BullMQ.
 * The validator is built once per process and reused by every job; a job is pure (the same shard
 * gives the same results), so a queue may retry a job whose worker died without double counting.
 *
 * @example
 * ```ts
 * import { Worker } from 'bullmq'
 * import { createClaimBatchProcessor } from 'medcode/node'
 * new Worker('claims', createClaimBatchProcessor({ profile: 'medicare-professional' }), { connection })
 * ```
 */
export function createClaimBatchProcessor(
  options?: ValidateOptions,
): (job: { readonly data: ClaimBatchJob }) => Promise<ClaimBatchResult> {
  const validator = createClaimValidator(options);
  return async (job) => {
    const data = job?.data as Partial<ClaimBatchJob> | undefined;
    if (!Array.isArray(data?.claims))
      throw invalidArgument('claimBatchProcessor', 'job.data.claims', 'an array of claims', data?.claims);
    const firstIndex = data.firstIndex ?? 0;
    if (!Number.isSafeInteger(firstIndex) || firstIndex < 0)
      throw invalidArgument(
        'claimBatchProcessor',
        'job.data.firstIndex',
        'a whole number from 0',
        firstIndex,
      );
    return { firstIndex, results: data.claims.map((claim) => validator.validateJson(claim)) };
  };
}
