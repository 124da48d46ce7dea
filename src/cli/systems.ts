/**
 * The code systems the `lookup`, `check` and `search` commands reach, each loaded on first use
 * through its public subpath (`medcode/icd10cm`, `medcode/icd10pcs`, `medcode/hcpcs`,
 * `medcode/cpt`), so that `medcode lookup 99213` never reads ICD-10-CM data.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCodesets } from './codesets';
import { detectCodeSystem } from '../core/detect';
import type { CheckResult, CodeEntry, SearchHit, SearchOptions } from '../core/codeset';
import type { DateInput } from '../core/dates';
import type { Edition } from '../core/edition';
import type { Result } from '../core/result';
import { CliError, EXIT_USAGE } from './io';
import { success } from '../core/result';

/**
 * What `--system` accepts. `modifier` and `pos` come from `medcode/hcpcs`.
 *
 * @example
 * ```ts
 * const id: CliSystemId = readSystemOption('pos') ?? 'icd10cm'
 * ```
 */
export type CliSystemId = 'icd10cm' | 'icd10pcs' | 'hcpcs' | 'modifier' | 'pos' | 'cpt';

/**
 * Every `--system` value, in the order searches list them.
 *
 * @example
 * ```ts
 * CLI_SYSTEMS.includes('hcpcs') // true
 * ```
 */
export const CLI_SYSTEMS: readonly CliSystemId[] = Object.freeze([
  'icd10cm',
  'icd10pcs',
  'hcpcs',
  'modifier',
  'pos',
  'cpt',
]);

/**
 * Display names of the `--system` values.
 *
 * @example
 * ```ts
 * CLI_SYSTEM_NAMES.get('pos') // 'Place of service'
 * ```
 */
export const CLI_SYSTEM_NAMES: ReadonlyMap<CliSystemId, string> = new Map<CliSystemId, string>([
  ['icd10cm', 'ICD-10-CM'],
  ['icd10pcs', 'ICD-10-PCS'],
  ['hcpcs', 'HCPCS Level II'],
  ['modifier', 'Modifier'],
  ['pos', 'Place of service'],
  ['cpt', 'CPT'],
]);

/**
 * The part of a code set the CLI uses (every medcode code set has it).
 *
 * @example
 * ```ts
 * const set: CliCodeSet = hcpcs.at('2026-05-01')
 * ```
 */
export interface CliCodeSet {
  readonly edition: Edition;
  get(code: unknown): CodeEntry | undefined;
  check(code: unknown): CheckResult<CodeEntry>;
  search(text: string, options?: SearchOptions): readonly SearchHit<CodeEntry>[];
}

/**
 * The part of a code system the CLI uses.
 *
 * @example
 * ```ts
 * const system: CliCodeSystem = hcpcs.modifiers
 * ```
 */
export interface CliCodeSystem {
  tryAt(date: DateInput): Result<CliCodeSet>;
}

/**
 * Loads code systems lazily and caches them for one CLI run. ICD-10-CM, ICD-10-PCS and HCPCS Level
 * II (with its modifiers and places of service) read the imported folders (`--codesets`) after the
 * built-in packs, merged by effective date.
 *
 * @example
 * ```ts
 * const systems = new CliSystems(process.cwd())
 * const icd = await systems.load('icd10cm') // undefined when that subpath ships no data
 * ```
 */
export class CliSystems {
  readonly #loaded = new Map<CliSystemId, Promise<CliCodeSystem | undefined>>();

  /**
   * @param cwd base of relative paths
   * @param cptDescriptors a licensed CPT descriptor file (TSV/CSV) to give CPT titles and existence checks
   * @param codesets the built-in folder and the imported ones (`--codesets`) merged with it
   */
  constructor(
    readonly cwd: string,
    readonly cptDescriptors?: string,
    readonly codesets: CliCodesets = { builtIn: undefined, imported: [] },
  ) {}

  /** The system, or `undefined` when this build of medcode has no data for it. */
  load(id: CliSystemId): Promise<CliCodeSystem | undefined> {
    let p = this.#loaded.get(id);
    if (!p) {
      p = this.#load(id);
      this.#loaded.set(id, p);
    }
    return p;
  }

  async #hcpcs() {
    const m = await import('../hcpcs/index');
    const { builtIn, imported } = this.codesets;
    if (builtIn === undefined && imported.length === 0) return m.hcpcs;
    return m.createHcpcsSystem({
      ...(builtIn !== undefined ? { codesetsDir: builtIn } : {}),
      extraCodesetsDirs: imported,
    });
  }

  async #load(id: CliSystemId): Promise<CliCodeSystem | undefined> {
    const { builtIn: dir, imported } = this.codesets;
    const custom = dir !== undefined || imported.length > 0;
    const options = { ...(dir !== undefined ? { codesetsDir: dir } : {}), extraCodesetsDirs: imported };
    switch (id) {
      case 'icd10cm': {
        const m = await import('../icd10cm/index');
        return custom ? m.createIcd10CmSystem(options) : m.icd10cm;
      }
      case 'icd10pcs': {
        const m = await import('../icd10pcs/index');
        return custom ? m.createIcd10PcsSystem(options) : m.icd10pcs;
      }
      case 'hcpcs':
        return this.#hcpcs();
      case 'modifier':
        return (await this.#hcpcs()).modifiers;
      case 'pos':
        return (await this.#hcpcs()).placesOfService;
      case 'cpt': {
        if (this.cptDescriptors === undefined) return undefined;
        const file = resolve(this.cwd, this.cptDescriptors);
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(file);
        } catch (error) {
          throw new CliError(
            `cannot read the CPT descriptor file ${this.cptDescriptors}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
            EXIT_USAGE,
          );
        }
        const set = (await import('../cpt/index')).cpt.withDescriptors(bytes);
        return { tryAt: () => success<CliCodeSet>(set) };
      }
    }
  }
}

/**
 * A code and the systems it may belong to.
 *
 * @example
 * ```ts
 * const { candidates }: CodeCandidates = candidatesFor('25')
 * ```
 */
export interface CodeCandidates {
  readonly input: string;
  readonly candidates: readonly { readonly system: CliSystemId; readonly normalized: string }[];
}

/**
 * Whether a code of no system's shape has an ICD-10-PCS shape once its letters I and O are read
 * as the digits 1 and 0 (`0LB5OZZ`). ICD-10-PCS never uses I or O (ICD-10-PCS Official
 * Guidelines, convention A2), so that shape is the likeliest intent, and the ICD-10-PCS check
 * names the digit code when it exists.
 */
function readsAsPcsWithDigits(code: string): boolean {
  if (!/[IO]/i.test(code)) return false;
  const digits = code.toUpperCase().replace(/I/g, '1').replace(/O/g, '0');
  return detectCodeSystem(digits).some((d) => d.system === 'icd10pcs');
}

/**
 * The systems a code may belong to: the forced one, or those {@link detectCodeSystem} finds from the
 * code's shape. Two-character inputs, which `detectCodeSystem` does not cover, are tried as a
 * modifier (letters/digits) and a place of service (digits): a CLI convenience. So is a code of no
 * shape that reads as ICD-10-PCS with its I and O taken for 1 and 0: it is checked as ICD-10-PCS,
 * whose answer says what was meant.
 *
 * @example
 * ```ts
 * candidatesFor('G0121').candidates // [{ system: 'hcpcs', … }, { system: 'icd10cm', normalized: 'G01.21' }]
 * candidatesFor('25').candidates    // [{ system: 'modifier', … }, { system: 'pos', … }]
 * candidatesFor('0LB5OZZ').candidates // [{ system: 'icd10pcs', normalized: '0LB5OZZ' }]
 * ```
 */
export function candidatesFor(input: string, forced?: CliSystemId): CodeCandidates {
  const trimmed = input.trim();
  if (forced) return { input, candidates: [{ system: forced, normalized: trimmed.toUpperCase() }] };
  const detected: { system: CliSystemId; normalized: string }[] = detectCodeSystem(trimmed).map((d) => ({
    system: d.system,
    normalized: d.normalized,
  }));
  if (detected.length === 0 && /^[0-9A-Za-z]{2}$/.test(trimmed)) {
    detected.push({ system: 'modifier', normalized: trimmed.toUpperCase() });
    if (/^[0-9]{2}$/.test(trimmed)) detected.push({ system: 'pos', normalized: trimmed });
  }
  if (detected.length === 0 && readsAsPcsWithDigits(trimmed))
    detected.push({ system: 'icd10pcs', normalized: trimmed.toUpperCase() });
  return { input, candidates: detected };
}

/**
 * Reads `--system`, or throws a usage error listing the accepted values.
 *
 * @example
 * ```ts
 * readSystemOption('icd10cm') // 'icd10cm'
 * ```
 */
export function readSystemOption(value: string | undefined): CliSystemId | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  const found = CLI_SYSTEMS.find((s) => s === v);
  if (!found) throw new CliError(`--system must be one of ${CLI_SYSTEMS.join(', ')} (received "${value}")`);
  return found;
}
