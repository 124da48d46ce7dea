/**
 * Claims known to be `parseClaim`'s own output: schema-checked, deeply frozen copies. The 837P
 * writer trusts such a claim instead of reading it through the claim schema a second time (a
 * copy of every line, diagnosis and party); it still applies the output checks every claim writer
 * shares (`checkClaimLimits`, `checkClaimValues`), since a parsed claim may still be one that no
 * claim format can carry.
 *
 * Only `parseClaim` marks claims. A mark cannot be forged from data: it is a `WeakSet` entry for
 * the object itself, never a property, and a marked claim is frozen, so it cannot change after it
 * was checked. The set holds its claims weakly: marking keeps nothing alive.
 *
 * @module
 */

/** The claims `parseClaim` returned (a lazy cache of identities, held weakly). */
const PARSED_CLAIMS = new WeakSet<object>();

/**
 * Marks `claim` as `parseClaim`'s output and returns it. Call only on a claim that passed the
 * claim schema and is deeply frozen.
 *
 * @example
 * ```ts
 * const claim = markParsedClaim(deepFreeze(parsedCopy)); // inside parseClaim
 * ```
 */
export function markParsedClaim<T extends object>(claim: T): T {
  PARSED_CLAIMS.add(claim);
  return claim;
}

/**
 * Whether `value` is a claim that `parseClaim` returned (see {@link markParsedClaim}).
 *
 * @example
 * ```ts
 * isParsedClaim(parseClaim(text).value) // true once parseClaim marks its output
 * isParsedClaim({ ...claim })           // false: a copy is not checked
 * ```
 */
export function isParsedClaim(value: unknown): boolean {
  return typeof value === 'object' && value !== null && PARSED_CLAIMS.has(value);
}
