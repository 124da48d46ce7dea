/**
 * Claims that arrive as JSON text in a stream (`validateClaims`, the worker pool): read once into
 * the object they encode, so that the claim's `claimId` can be reported with its result and a
 * well-formed claim takes the validator's object reader.
 *
 * @module
 */
import { MAX_CLAIM_JSON_CHARACTERS } from './limits';

/**
 * A claim given as JSON text, as the JSON object it encodes; anything else is returned as it
 * came, and the validator reports it exactly as it reports the text: text longer than
 * {@link MAX_CLAIM_JSON_CHARACTERS} is not parsed at all (`claim_limit_exceeded`, `element:
 * 'characters'`), malformed JSON gives `claim_json_malformed` with the parser's position, and a
 * JSON value that is not an object the schema's issue.
 *
 * @example
 * ```ts
 * claimTextValue('{"claimId":"PCN-1"}') // { claimId: 'PCN-1' }
 * claimTextValue('{"claimId":') // '{"claimId":' (the validator reports the malformed JSON)
 * claimTextValue({ claimId: 'PCN-2' }) // the same object
 * ```
 */
export function claimTextValue(claim: unknown): unknown {
  if (typeof claim !== 'string' || claim.length > MAX_CLAIM_JSON_CHARACTERS) return claim;
  let value: unknown;
  try {
    value = JSON.parse(claim);
  } catch {
    return claim;
  }
  return typeof value === 'object' && value !== null ? value : claim;
}

/**
 * The `claimId` a claim object carries (a string), or undefined: what a stream's result reports
 * beside the claim's verdict, whether or not the claim passed.
 *
 * @example
 * ```ts
 * claimIdOf({ claimId: 'PCN-1' }) // 'PCN-1'
 * claimIdOf({ claimId: 7 }) // undefined
 * claimIdOf('{"claimId":"PCN-1"}') // undefined: read the text with claimTextValue first
 * ```
 */
export function claimIdOf(claim: unknown): string | undefined {
  if (typeof claim !== 'object' || claim === null) return undefined;
  const id = (claim as { claimId?: unknown }).claimId;
  return typeof id === 'string' ? id : undefined;
}
