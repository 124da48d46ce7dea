/**
 * The clean office visit of `examples/`, changed one way per test and parsed: for the tests that
 * check what the claim writers refuse against what validation reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseClaim } from '../../src/claims/index';
import type { Claim } from '../../src/claims/index';

const EXAMPLE: unknown = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../examples/clean-office-visit.json'), 'utf8'),
);

/**
 * The example claim as its JSON (`T` names the parts a test changes), changed by `change`, then
 * parsed: the change must leave a claim the schema accepts.
 */
export function changedExample<T>(change: (claim: T) => void): Claim {
  const c = structuredClone(EXAMPLE) as T;
  change(c);
  const parsed = parseClaim(c);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return parsed.value;
}
