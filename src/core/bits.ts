/**
 * Bit helpers for the packed flag words that search and the rules keep per document or per code.
 *
 * @module
 */

/**
 * Number of set bits of a 32-bit word (a population count, by the classic SWAR steps: pairs, then
 * nibbles, then bytes summed by one multiplication).
 *
 * @example
 * ```ts
 * bitCount(0b1011) // 3
 * bitCount(-1) // 32
 * ```
 */
export function bitCount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
