/**
 * The check a `// =>` comment of a documented ts block turns into (see test/docs/blocks.ts).
 */
import { assertDocValue } from './blocks';

/** Asserts a documented value; `expected` is a thunk so that a typo in it points at its line. */
export function __docCheck(actual: unknown, expected: () => unknown, where: string): void {
  assertDocValue(actual, expected(), where);
}
