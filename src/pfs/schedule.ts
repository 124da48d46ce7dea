/**
 * One edition (quarter) of the PFS relative value file, indexed by code and modifier.
 *
 * @module
 */
import type { Edition } from '../core/edition';
import type { RvuEntry } from './model';

/**
 * The relative value file of one quarter.
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
    for (const e of entries) this.#index.set(`${e.code}|${e.modifier}`, e);
  }

  /**
   * The row of a code and modifier (`''` for the global row).
   *
   * @example
   * ```ts
   * pfs.at('2026-08-01').get('99213')?.status // 'A'
   * ```
   */
  get(code: string, modifier = ''): RvuEntry | undefined {
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
