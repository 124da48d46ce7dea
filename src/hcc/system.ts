/**
 * The CMS-HCC system: the built-in (or injected) model tables by payment year, and the CMS
 * ICD-10-CM mappings workbook as a crosswalk to the other models (ESRD V21/V24, CMS-HCC V22,
 * RxHCC V08). Packs are read on first use; importing this module reads nothing.
 *
 * @module
 */
import { checkOptionsArgument, invalidArgument } from '../core/arguments';
import type { DateInput } from '../core/dates';
import type { Edition } from '../core/edition';
import { orderEditions, selectEdition } from '../core/edition';
import { MedcodeError, PackError } from '../core/errors';
import { createIssue } from '../core/issues';
import {
  packSourceOption,
  defaultPackSource,
  systemManifests,
  toPackSource,
  verifiedPackBytes,
} from '../core/pack-source';
import type { PackSource, PackSourceInput } from '../core/pack-source';
import type { Result } from '../core/result';
import { success } from '../core/result';
import type { CrosswalkModel, HccCrosswalkRow } from './loader';
import { CROSSWALK_MODELS, decodeHccCrosswalkPack, decodeHccModelPack } from './loader';
import type { HccModelData } from './model';
import { HccModel, undottedDiagnosis } from './score';

/** The categories of one diagnosis in each model of the CMS mappings workbook. */
export interface HccCrosswalkEntry {
  readonly code: string;
  readonly models: Readonly<
    Record<CrosswalkModel, { readonly categories: readonly number[]; readonly paymentYear: boolean }>
  >;
}

/** Whether a value has the fields a crosswalk lookup reads from a row. */
function isCrosswalkRow(value: unknown): value is HccCrosswalkRow {
  const r = value as Partial<Record<keyof HccCrosswalkRow, unknown>> | null;
  return (
    r !== null &&
    typeof r === 'object' &&
    typeof r.code === 'string' &&
    r.categories !== null &&
    typeof r.categories === 'object' &&
    r.paymentYear !== null &&
    typeof r.paymentYear === 'object'
  );
}

/**
 * The CMS "Midyear/Final ICD-10-CM Mappings" workbook of one payment year: per code, the category
 * in each model and whether the model uses the code for that payment year. No age/sex edits: CMS
 * publishes those only with each model's software (applied for V28 by {@link HccModel.mapDiagnosis}).
 *
 * @example
 * ```ts
 * hcc.crosswalk(2026).get('E11.9')?.models['rxhcc-v08'] // { categories: [31], paymentYear: true }
 * ```
 */
export class HccCrosswalk {
  readonly #byCode = new Map<string, HccCrosswalkRow[]>();
  /**
   * `rows` as `parseHccCrosswalkRows` or `decodeHccCrosswalkPack` give them; an edition or rows of
   * another shape are refused by name (`MedcodeError`, `invalid_option`).
   */
  constructor(
    readonly edition: Edition,
    rows: readonly HccCrosswalkRow[],
  ) {
    if (edition === null || typeof edition !== 'object' || typeof edition.id !== 'string')
      throw invalidArgument('HccCrosswalk', 'edition', 'an edition with an id', edition);
    if (!Array.isArray(rows))
      throw invalidArgument('HccCrosswalk', 'rows', 'an array of crosswalk rows', rows);
    for (let k = 0; k < rows.length; k++)
      if (!isCrosswalkRow(rows[k]))
        throw invalidArgument(
          'HccCrosswalk',
          `rows[${k}]`,
          'a crosswalk row { code, categories, paymentYear }',
          rows[k],
        );
    for (const r of rows) {
      const list = this.#byCode.get(r.code);
      if (list) list.push(r);
      else this.#byCode.set(r.code, [r]);
    }
  }

  /**
   * Number of distinct codes.
   *
   * @example
   * ```ts
   * hcc.crosswalk(2026).size // 11346
   * ```
   */
  get size(): number {
    return this.#byCode.size;
  }

  /**
   * The categories of a diagnosis (dots optional), or undefined when the workbook does not list it
   * (a value that is not a string included: no code).
   *
   * @example
   * ```ts
   * hcc.crosswalk(2026).get('I50.9')?.models['cms-hcc-v28'].categories // [226]
   * ```
   */
  get(code: string): HccCrosswalkEntry | undefined {
    if (typeof code !== 'string') return undefined;
    const key = undottedDiagnosis(code);
    const rows = this.#byCode.get(key);
    if (!rows) return undefined;
    const models = {} as Record<CrosswalkModel, { categories: number[]; paymentYear: boolean }>;
    for (const m of CROSSWALK_MODELS) {
      const categories = [
        ...new Set(rows.flatMap((r) => (r.categories[m] === undefined ? [] : [r.categories[m]!]))),
      ];
      models[m] = {
        categories: categories.sort((a, b) => a - b),
        paymentYear: rows.some((r) => r.paymentYear[m]),
      };
    }
    return { code: key, models };
  }
}

/** The HCC system: the model tables and crosswalks by payment year. */
export interface HccSystem {
  readonly id: 'hcc';
  /** The model editions, ordered by payment year. */
  readonly editions: readonly Edition[];
  /** The model of a payment year (a number) or of the payment year containing a date. Throws `MedcodeError`. */
  at(paymentYear: number | DateInput): HccModel;
  /** Like `at`, as a result. */
  tryAt(paymentYear: number | DateInput): Result<HccModel>;
  /** The model of one edition by id (`v28-py2026`). */
  edition(id: string): HccModel;
  /** The CMS mappings workbook of a payment year. Throws `MedcodeError` when none is loaded. */
  crosswalk(paymentYear: number | DateInput): HccCrosswalk;
}

const yearDate = (y: number | DateInput): DateInput => (typeof y === 'number' ? `${y}-02-01` : y);

/**
 * The model of a pack's decoded tables. `HccModel` checks every row; from a pack, a row it refuses
 * is the pack's inconsistency (a `PackError` naming the file), not an argument of the caller's.
 */
function modelOfPack(data: HccModelData, file: string): HccModel {
  try {
    return new HccModel(data);
  } catch (error) {
    if (!(error instanceof MedcodeError)) throw error;
    throw new PackError('inconsistent', file, error.issues[0]?.message ?? error.message);
  }
}

/**
 * Creates the HCC system over the packs in `codesetsDir` (default: the built-in CMS-HCC V28 PY2026
 * tables) and/or model data passed directly.
 *
 * @example
 * ```ts
 * const hcc = createHccSystem()
 * hcc.at(2026).score({ sex: 'F', age: 70, diagnoses: ['I50.9'] })
 * ```
 */
export function createHccSystem(
  options: {
    readonly packs?: PackSourceInput;
    readonly codesetsDir?: string;
    readonly models?: readonly HccModelData[];
  } = {},
): HccSystem {
  checkOptionsArgument('createHccSystem', options);
  if (options.models !== undefined && !Array.isArray(options.models))
    throw invalidArgument(
      'createHccSystem',
      'options.models',
      'an array of model data (HccModelData)',
      options.models,
    );
  const input = packSourceOption('createHccSystem', options);
  let source: PackSource | undefined;
  const packs = (): PackSource | undefined =>
    (source ??= input !== undefined ? toPackSource(input) : options.models ? undefined : defaultPackSource());
  const models = new Map<string, HccModel>();
  for (const d of options.models ?? []) {
    const model = new HccModel(d);
    models.set(model.edition.id, model);
  }
  let editions: readonly Edition[] | undefined;
  const load = (): readonly Edition[] => {
    if (!editions) {
      const dir = packs();
      const fromDisk = dir
        ? systemManifests(dir, 'hcc')
            .map((m) => m.edition)
            .filter((e) => !models.has(e.id))
        : [];
      editions = orderEditions([...fromDisk, ...[...models.values()].map((m) => m.edition)]);
    }
    return editions;
  };
  const crosswalks = new Map<string, HccCrosswalk>();
  const open = (e: Edition): HccModel => {
    let m = models.get(e.id);
    if (!m) {
      const file = `hcc/${e.id}/model.pack`;
      m = modelOfPack(decodeHccModelPack(verifiedPackBytes(packs()!, 'hcc', e.id, 'model.pack'), file), file);
      models.set(e.id, m);
    }
    return m;
  };
  const tryAt = (y: number | DateInput): Result<HccModel> => {
    const r = selectEdition(load(), yearDate(y), 'hcc');
    return r.ok ? success(open(r.value)) : r;
  };
  const at = (y: number | DateInput): HccModel => {
    const r = tryAt(y);
    if (!r.ok) throw new MedcodeError(r.issues);
    return r.value;
  };
  return {
    id: 'hcc',
    get editions() {
      return load();
    },
    tryAt,
    at,
    edition(id) {
      const e = load().find((x) => x.id === id);
      if (!e)
        throw new MedcodeError([
          createIssue({
            code: 'invalid_option',
            severity: 'error',
            path: [],
            codes: [],
            option: 'edition',
            expected:
              load()
                .map((x) => x.id)
                .join(' | ') || 'a loaded edition',
          }),
        ]);
      return open(e);
    },
    crosswalk(y) {
      const e = at(y).edition;
      let c = crosswalks.get(e.id);
      if (!c) {
        const file = `hcc/${e.id}/crosswalk.pack`;
        const decoded = decodeHccCrosswalkPack(
          verifiedPackBytes(packs() ?? defaultPackSource(), 'hcc', e.id, 'crosswalk.pack'),
          file,
        );
        c = new HccCrosswalk(decoded.edition, decoded.rows);
        crosswalks.set(e.id, c);
      }
      return c;
    },
  };
}

/**
 * The built-in HCC system (CMS-HCC V28, payment year 2026). Nothing is read until first use.
 *
 * @example
 * ```ts
 * import { hcc } from 'medcode/hcc'
 * hcc.at(2026).mapDiagnosis('E11.9', { age: 70, sex: 'F' }) // { code: 'E119', outcome: 'raised', hccs: [38] }
 * ```
 */
export const hcc: HccSystem = lazySystem();

function lazySystem(): HccSystem {
  let real: HccSystem | undefined;
  const get = () => {
    real ??= createHccSystem();
    return real;
  };
  return {
    id: 'hcc',
    get editions() {
      return get().editions;
    },
    at: (y) => get().at(y),
    tryAt: (y) => get().tryAt(y),
    edition: (id) => get().edition(id),
    crosswalk: (y) => get().crosswalk(y),
  };
}
