/**
 * One edition (quarter) of the PFS relative value file, indexed by code and modifier.
 *
 * @module
 */
import { checkStringArgument, invalidArgument } from '../core/arguments';
import type { Edition } from '../core/edition';
import type { RvuEntry } from './model';

/**
 * The relative value file of one quarter. Built from an edition, the CMS notice and the entries
 * (as `parseRvuCsv` or `decodeRvuPack` give them); arguments of another type, or an entry without a
 * string code and modifier, are refused by name (`MedcodeError`, `invalid_option`).
 *
 * @example
 * ```ts
 * const schedule = pfs.at('2026-08-01')
 * schedule.get('71046', 'TC')?.nonFacilityTotal // '0.69'
 * ```
 */
export class PfsSchedule {
  readonly #index = new Map<string, RvuEntry>();

  constructor(
    readonly edition: Edition,
    /** The CMS notice of the file (AMA CPT and ADA CDT copyright), shown with any CPT-coded output. */
    readonly notice: string,
    readonly entries: readonly RvuEntry[],
  ) {
    if (edition === null || typeof edition !== 'object' || typeof edition.id !== 'string')
      throw invalidArgument('PfsSchedule', 'edition', 'an edition with an id', edition);
    checkStringArgument('PfsSchedule', 'notice', notice);
    if (!Array.isArray(entries))
      throw invalidArgument('PfsSchedule', 'entries', 'an array of RVU file entries', entries);
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k] as { code?: unknown; modifier?: unknown } | null;
      if (e === null || typeof e !== 'object' || typeof e.code !== 'string' || typeof e.modifier !== 'string')
        throw invalidArgument('PfsSchedule', `entries[${k}]`, 'an RVU file entry { code, modifier, … }', e);
      this.#index.set(`${e.code}|${e.modifier}`, e as RvuEntry);
    }
  }

  /**
   * The row of a code and modifier (`''` for the global row); undefined when the file has none,
   * or when the code or the modifier is not a string.
   *
   * @example
   * ```ts
   * pfs.at('2026-08-01').get('99213')?.status // 'A'
   * ```
   */
  get(code: string, modifier = ''): RvuEntry | undefined {
    if (typeof code !== 'string' || typeof modifier !== 'string') return undefined;
    return this.#index.get(`${code.trim().toUpperCase()}|${modifier.trim().toUpperCase()}`);
  }

  /**
   * Number of rows (code and modifier pairs).
   *
   * @example
   * ```ts
   * pfs.at('2026-08-01').size // 19356
   * ```
   */
  get size(): number {
    return this.entries.length;
  }
}
