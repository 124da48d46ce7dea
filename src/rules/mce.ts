/**
 * Medicare Code Editor (MCE) code lists: the pack built from CMS "Definitions of Medicare Code
 * Edits" v37 (FY2020) as tabulated in `codesets/sources/mce/MCE_Simple_Code_Edits_v37.txt`, and the
 * version-gated parameters of the age and sex edits (CMS Definitions of Medicare Code Edits, chapter 1,
 * edits 4 and 5).
 *
 * @module
 */
import { checkStringArgument, invalidArgument } from '../core/arguments';
import { undot } from './modules/util';
import { PackReader, PackWriter, editionInPack, isTextList } from '../core/pack';
import type { Edition } from '../core/edition';
import { checkPackSourceInput, defaultPackSource, openPack, toPackSource } from '../core/pack-source';
import type { PackSourceInput } from '../core/pack-source';
import { PackError, SourceFormatError } from '../core/errors';
import { toIsoDate } from '../core/dates';

/**
 * One version of the MCE edit logic: the version number and the first discharge/service date it
 * applies to. CMS releases one MCE version per fiscal year with the MS-DRG grouper of the same number
 * (CMS "Definitions of Medicare Code Edits", one document per version, effective October 1).
 *
 * @example
 * ```ts
 * mceLogicVersionOn('2026-05-01') // { version: 43, effectiveFrom: '2025-10-01', fiscalYear: 'FY2026' }
 * ```
 */
export interface MceLogicVersion {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly fiscalYear: string;
}

/** The MCE versions whose edit logic medcode knows, oldest first (one per fiscal year). */
export const MCE_LOGIC_VERSIONS: readonly MceLogicVersion[] = Object.freeze(
  [37, 38, 39, 40, 41, 42, 43].map((version) =>
    Object.freeze({
      version,
      effectiveFrom: `${version + 1982}-10-01`,
      fiscalYear: `FY${version + 1983}`,
    }),
  ),
);

/**
 * The first MCE version whose age edit uses 9–64 for maternity diagnoses; earlier versions use
 * 12–55 (CMS Definitions of Medicare Code Edits, chapter 1, edit 4, of v39 (FY2022) against v37
 * and v38).
 */
export const MCE_MATERNITY_9_TO_64_FROM = 39;

/**
 * The MCE edit logic in force on a date (the newest version that took effect on or before it), or
 * `undefined` before the oldest version medcode knows. Past the fiscal year of the newest version
 * medcode knows (v43, to 2026-09-30) that newest version is returned: the version then in force is
 * one medcode does not know, and the MCE edits say in their `dataVersion` that its logic is assumed. The date is a calendar day `YYYY-MM-DD`:
 * anything else (`'2026-5-1'`, `'tomorrow'`, a `Date`, a number) is refused with a `MedcodeError`
 * (`invalid_option`) naming `mceLogicVersionOn(date)`: compared as text with the effective
 * dates, such a string would get a version by the accident of its first characters (`'tomorrow'`
 * the newest).
 *
 * @example
 * ```ts
 * mceLogicVersionOn('2026-05-01')?.version // 43
 * mceLogicVersionOn('2020-05-01')?.version // 37
 * mceLogicVersionOn('2019-09-30')          // undefined (before v37)
 * mceLogicVersionOn('tomorrow')            // throws MedcodeError: mceLogicVersionOn(date) …
 * ```
 */
export function mceLogicVersionOn(date: string): MceLogicVersion | undefined {
  if (typeof date !== 'string' || toIsoDate(date) === undefined)
    throw invalidArgument('mceLogicVersionOn', 'date', 'a calendar date YYYY-MM-DD', date);
  let found: MceLogicVersion | undefined;
  for (const v of MCE_LOGIC_VERSIONS) if (v.effectiveFrom <= date) found = v;
  return found;
}

/**
 * The maternity age range of an MCE version's age edit: 12–55 before v39, 9–64 from v39 on. A
 * version is a whole number (`MceLogicVersion.version`); anything else (NaN, `38.5`, the string
 * `'43'`, a `bigint`) is refused with a `MedcodeError` (`invalid_option`) naming
 * `maternityAgeRangeOf(version)`, rather than compared and given either range.
 *
 * @example
 * ```ts
 * maternityAgeRangeOf(37) // [12, 55]
 * maternityAgeRangeOf(43) // [9, 64]
 * maternityAgeRangeOf(NaN) // throws MedcodeError: maternityAgeRangeOf(version) …
 * ```
 */
export function maternityAgeRangeOf(version: number): readonly [number, number] {
  if (!Number.isSafeInteger(version) || version < 1)
    throw invalidArgument(
      'maternityAgeRangeOf',
      'version',
      'an MCE version number (a positive integer, such as 43)',
      version,
    );
  return version < MCE_MATERNITY_9_TO_64_FROM ? [12, 55] : [9, 64];
}

/** The MCE lists medcode uses, by the MCE edit they feed. Codes are undotted. */
export interface MceListData {
  /** Edit 4, age conflict (section 4 A–D). */
  readonly newborn: readonly string[];
  readonly pediatric: readonly string[];
  readonly maternity: readonly string[];
  readonly adult: readonly string[];
  /** Edit 5, sex conflict (section 5 A–D): diagnoses and ICD-10-PCS procedures. */
  readonly femaleDiagnoses: readonly string[];
  readonly maleDiagnoses: readonly string[];
  readonly femaleProcedures: readonly string[];
  readonly maleProcedures: readonly string[];
  /** Edit 6, manifestation code as principal diagnosis. */
  readonly manifestation: readonly string[];
  /** Edit 8, questionable admission. */
  readonly questionableAdmission: readonly string[];
  /** Edit 9, unacceptable principal diagnosis. */
  readonly unacceptablePrincipal: readonly string[];
  /**
   * Edit 18, wrong procedure performed (section 18: Y65.51–Y65.53). Absent from packs imported
   * before medcode held it (read as empty).
   */
  readonly wrongProcedurePerformed?: readonly string[];
  /**
   * Edit 19, procedure inconsistent with length of stay (section 19: 5A1955Z, ventilation over 96
   * consecutive hours). Absent from packs imported before medcode held it (read as empty).
   */
  readonly inconsistentWithShortStay?: readonly string[];
  /**
   * Edit 11, non-covered procedure: the ICD-10-PCS procedures Medicare never covers (section 11 A).
   * Absent from packs imported before medcode held it (read as empty).
   */
  readonly noncoveredProcedures?: readonly string[];
  /**
   * Edit 11, non-covered procedure: those not covered for a patient over 60 (section 11 F, lumbar
   * artificial disc replacement). Absent from packs imported before medcode held it (read as empty).
   */
  readonly noncoveredOverAge60?: readonly string[];
  /**
   * Edit 17, limited coverage: procedures whose Medicare coverage is limited (section 17 A:
   * transplants, heart assist and artificial heart). Absent from packs imported before medcode held
   * it (read as empty).
   */
  readonly limitedCoverage?: readonly string[];
}

/** Names of the lists. */
export type MceListName = keyof MceListData;

const SECTIONS: ReadonlyArray<readonly [string, MceListName]> = [
  ['4|A|D', 'newborn'],
  ['4|B|D', 'pediatric'],
  ['4|C|D', 'maternity'],
  ['4|D|D', 'adult'],
  ['5|A|D', 'femaleDiagnoses'],
  ['5|B|P', 'femaleProcedures'],
  ['5|C|D', 'maleDiagnoses'],
  ['5|D|P', 'maleProcedures'],
  ['6|_|D', 'manifestation'],
  ['8|A|D', 'questionableAdmission'],
  ['9|_|D', 'unacceptablePrincipal'],
  ['18|_|D', 'wrongProcedurePerformed'],
  ['19|_|P', 'inconsistentWithShortStay'],
  ['11|A|P', 'noncoveredProcedures'],
  ['11|F|P', 'noncoveredOverAge60'],
  ['17|A|P', 'limitedCoverage'],
];

/** Lists added after packs were first written: a pack without their section holds none. */
const LATER_LISTS: ReadonlySet<MceListName> = new Set([
  'wrongProcedurePerformed',
  'inconsistentWithShortStay',
  'noncoveredProcedures',
  'noncoveredOverAge60',
  'limitedCoverage',
]);

/** Prefix of a pack section holding one list (`list:manifestation`). */
const LIST_SECTION = 'list:';

/**
 * Loaded MCE lists of one version, with `Set` lookups built on first use. Immutable.
 *
 * @example
 * ```ts
 * const mce = loadMceLists()
 * mce.has('manifestation', 'G63') // true
 * ```
 */
export class MceLists {
  readonly #sets = new Map<MceListName, ReadonlySet<string>>();
  /** One list, read on first use: a pack's own section per list, or the lists given. */
  readonly #list: (name: MceListName) => readonly string[];
  #lists: MceListData | undefined;

  /**
   * `lists` is every list, or a function that reads one list by name (a pack read list by list:
   * a claim's edits need one or two of the sixteen lists, about 14,150 codes in all in MCE v37).
   */
  constructor(
    /** MCE version number, e.g. 37. */
    readonly version: number,
    readonly edition: Edition,
    lists: MceListData | ((name: MceListName) => readonly string[]),
  ) {
    if (typeof lists === 'function') {
      const read = new Map<MceListName, readonly string[]>();
      this.#list = (name) => {
        let list = read.get(name);
        if (list === undefined) {
          const given = lists(name);
          if (!isTextList(given))
            throw invalidArgument(
              'MceLists',
              'lists',
              `a function giving list ${name} as code strings`,
              given,
            );
          list = Object.freeze([...given]);
          read.set(name, list);
        }
        return list;
      };
    } else {
      this.#lists = lists;
      this.#list = (name) => lists[name] ?? [];
    }
  }

  /**
   * Every list, by name (each read now, if it was not yet).
   *
   * @example
   * ```ts
   * mce.lists.manifestation.length // 395 in MCE v37
   * ```
   */
  get lists(): MceListData {
    this.#lists ??= Object.freeze(
      Object.fromEntries(SECTIONS.map(([, name]) => [name, this.#list(name)])),
    ) as unknown as MceListData;
    return this.#lists;
  }

  /**
   * Label for issues: `MCE v37 (FY2020)`.
   *
   * @example
   * ```ts
   * loadMceLists().dataVersion // 'MCE v37 (FY2020)'
   * ```
   */
  get dataVersion(): string {
    return `MCE v${this.version} (${this.edition.name.replace(/^.*\((.*)\).*$/, '$1')})`;
  }

  /**
   * Whether an (undotted or dotted) diagnosis/procedure code is on a list, compared in the form
   * the rules read claim codes in (`undot`: trimmed, undotted, ASCII upper case). Throws only a
   * `PackError`, when the list is first read from a damaged pack.
   *
   * @example
   * ```ts
   * mce.has('manifestation', 'G63')  // true
   * mce.has('manifestation', 'g63')  // true (any case, dotted or not)
   * mce.has('manifestation', ' G63 ') // true (white space around it dropped)
   * mce.has('manifestation', null)   // false
   * ```
   */
  has(list: MceListName, code: unknown): boolean {
    // Longer than any ICD-10 code with a dot and some white space around it: on no list.
    if (typeof code !== 'string' || code.length > 32) return false;
    let set = this.#sets.get(list);
    if (!set) {
      set = new Set(this.#list(list));
      this.#sets.set(list, set);
    }
    return set.has(undot(code));
  }

  /**
   * The maternity age range of this lists' own MCE version ({@link maternityAgeRangeOf}). The age
   * edit uses the range of the version in force on the date of service instead.
   *
   * @example
   * ```ts
   * const [min, max] = mce.maternityAgeRange // [12, 55] in MCE v37
   * ```
   */
  get maternityAgeRange(): readonly [number, number] {
    return maternityAgeRangeOf(this.version);
  }

  /**
   * Serializes as a deterministic pack (`mce/lists`).
   *
   * @example
   * ```ts
   * writeFileSync('mce.pack', mce.toPack())
   * ```
   */
  toPack(): Uint8Array {
    // One section per list, so that a reader parses only the lists its edits use.
    const writer = new PackWriter('mce/lists', this.edition.id).json('meta', {
      version: this.version,
      edition: this.edition,
    });
    for (const [, name] of SECTIONS) writer.json(`${LIST_SECTION}${name}`, this.#list(name));
    return writer.toBuffer();
  }

  /**
   * Opens an MCE pack. Throws `PackError` when damaged.
   *
   * @example
   * ```ts
   * const mce = MceLists.fromPack('mce.pack')
   * mce.has('manifestation', 'G63') // true
   * ```
   */
  static fromPack(source: string | Uint8Array | PackReader): MceLists {
    const reader =
      source instanceof PackReader
        ? source
        : typeof source === 'string'
          ? PackReader.fromFile(source, 'mce/lists')
          : PackReader.fromBuffer(source, '<buffer>', 'mce/lists');
    const meta = reader.json<{ version: number; edition: Edition }>('meta');
    // The metadata is read as the writer wrote it: anything else is the pack's inconsistency.
    if (typeof meta !== 'object' || meta === null || !Number.isSafeInteger(meta.version) || meta.version < 1)
      throw new PackError('inconsistent', reader.file, 'its metadata has no MCE version');
    const edition = Object.freeze(editionInPack(meta.edition, reader.file));
    // Packs written by earlier releases (an edition imported then) hold the lists as one section.
    if (!reader.has(`${LIST_SECTION}${SECTIONS[0]![1]}`)) {
      const lists = reader.json<MceListData>('lists');
      if (
        typeof lists !== 'object' ||
        lists === null ||
        !SECTIONS.every(
          ([, name]) =>
            (LATER_LISTS.has(name) && !(name in lists)) ||
            isTextList((lists as unknown as Record<string, unknown>)[name]),
        )
      )
        throw new PackError(
          'inconsistent',
          reader.file,
          'section lists does not hold every MCE list of codes',
        );
      for (const l of Object.values(lists)) Object.freeze(l);
      return new MceLists(meta.version, edition, Object.freeze(lists));
    }
    return new MceLists(meta.version, edition, (name) => {
      if (LATER_LISTS.has(name) && !reader.has(`${LIST_SECTION}${name}`)) return [];
      const list = reader.json<unknown>(`${LIST_SECTION}${name}`);
      if (!isTextList(list))
        throw new PackError(
          'inconsistent',
          reader.file,
          `section ${LIST_SECTION}${name} is not a list of codes`,
        );
      return list;
    });
  }
}

/**
 * Parses the tab-delimited MCE table (columns MCE_Version, ICD_Version, MCE_Section, MCE_Subsection,
 * MCE_Edit_Type, ICD_Code_Type, ICD_Code, ICD_Desc). Build time only.
 *
 * @example
 * ```ts
 * const data = parseMceTable(readFileSync('MCE_Simple_Code_Edits_v37.txt', 'utf8'))
 * data.lists.manifestation.length // 395
 * ```
 */
export function parseMceTable(
  text: string,
  file = 'MCE_Simple_Code_Edits.txt',
): { version: number; lists: MceListData } {
  checkStringArgument('parseMceTable', 'text', text);
  checkStringArgument('parseMceTable', 'file', file);
  // A table saved as "UTF-8" by Excel or Notepad starts with a byte order mark: not part of the header.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  if (header[0] !== 'MCE_Version' || header[2] !== 'MCE_Section' || header[6] !== 'ICD_Code')
    throw new SourceFormatError(file, 1, 'expected the MCE_Version … ICD_Code header');
  const acc = new Map<MceListName, Set<string>>(SECTIONS.map(([, n]) => [n, new Set<string>()]));
  const byKey = new Map(SECTIONS);
  let version = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const c = line.split('\t');
    // Every row of the table names one code (CMS Definitions of Medicare Code Edits lists one code
    // per entry): a row cut short, or without its code, is a damaged table, not an empty code.
    if (c.length < 7)
      throw new SourceFormatError(
        file,
        i + 1,
        `the row has ${c.length} column(s), not the ${header.length} of the header (MCE_Version … ICD_Code)`,
      );
    const code = c[6]!.trim();
    if (code === '') throw new SourceFormatError(file, i + 1, 'the row has no ICD_Code');
    version = Number(c[0]);
    const name = byKey.get(`${c[2]}|${c[3]}|${c[5]}`);
    if (name) acc.get(name)!.add(code);
  }
  if (!Number.isInteger(version) || version <= 0)
    throw new SourceFormatError(file, undefined, 'no MCE version');
  const lists = Object.fromEntries([...acc].map(([n, s]) => [n, [...s].sort()])) as unknown as MceListData;
  return { version, lists };
}

const cache = new WeakMap<PackReader, MceLists>();

/**
 * Loads the MCE lists pack from a codesets folder (default: the built-in packs), cached per folder.
 *
 * @example
 * ```ts
 * loadMceLists().version // 37
 * ```
 */
export function loadMceLists(packs?: PackSourceInput, edition = 'v37'): MceLists {
  checkPackSourceInput('loadMceLists', 'packs', packs);
  const source = packs === undefined ? defaultPackSource() : toPackSource(packs);
  const reader = openPack(source, 'mce', edition, 'lists.pack', 'mce/lists');
  let m = cache.get(reader);
  if (!m) {
    m = MceLists.fromPack(reader);
    cache.set(reader, m);
  }
  return m;
}
