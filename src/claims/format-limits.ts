/**
 * The count limits of the professional claim formats, shared by the builder (which refuses them),
 * `parseClaim` (which refuses arrays far beyond them) and `checkClaimLimits` (which reports them).
 * A module of its own so that none of those imports another for a constant.
 *
 * @module
 */

/**
 * Maximum diagnoses on a professional claim (837P HI01–HI12; CMS-1500 item 21 A–L).
 * @example
 * ```ts
 * builder.diagnosis('N39.0') // with 12 already: a claim_limit_exceeded issue, max MAX_DIAGNOSES
 * ```
 */
export const MAX_DIAGNOSES = 12;
/**
 * Maximum service lines on an 837P claim (loop 2400 repeat 50).
 * @example
 * ```ts
 * if (lines.length > MAX_LINES) splitIntoTwoClaims(lines)
 * ```
 */
export const MAX_LINES = 50;
/**
 * Maximum procedure modifiers per line (SV101-3…SV101-6; CMS-1500 24D).
 * @example
 * ```ts
 * line.modifiers.slice(0, MAX_MODIFIERS)
 * ```
 */
export const MAX_MODIFIERS = 4;
/**
 * Maximum diagnosis pointers per line (SV107-1…SV107-4; CMS-1500 24E).
 * @example
 * ```ts
 * line.diagnoses.slice(0, MAX_POINTERS)
 * ```
 */
export const MAX_POINTERS = 4;
