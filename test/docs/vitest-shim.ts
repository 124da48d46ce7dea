/**
 * What `from 'vitest'` means inside a documented ts block: the real `expect` (with medcode's
 * matchers, as the block's setup file would register them) and an `it`/`test` that runs its body
 * at once, since a block already runs inside a test. Pending bodies are awaited by the harness.
 */
import { expect } from 'vitest';
import '../../src/testing/vitest';

/** Bodies of `it` that returned a promise, awaited after the block module has loaded. */
export const pendingDocTests: Promise<unknown>[] = [];

/** Runs a documented test body now. */
export function it(_name: string, body: () => unknown): void {
  const result = body();
  if (result instanceof Promise) pendingDocTests.push(result);
}
export const test = it;

/** Runs a documented suite body now. */
export function describe(_name: string, body: () => unknown): void {
  body();
}

export { expect };
