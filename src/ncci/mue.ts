/**
 * NCCI Medically Unlikely Edits (MUE): the CMS CSV tables (practitioner, outpatient hospital, DME
 * supplier; same layout), their compact pack, and lookup of the MUE value, adjudication indicator
 * (MAI) and rationale of a code.
 *
 * Layout and MAI semantics: the CMS MUE page
 * (https://www.cms.gov/medicare/coding/nationalcorrectcodinited/mue.html), Palmetto GBA
 * (A44KL34718) and NGS (article 1943300).
 *
 * @module
 */
import { checkOfficialFile, checkOptionsArgument, invalidArgument } from '../core/arguments';
import { checkedIndex } from './row-index';
import { checkRowCounts, everyRowIn, isCodeList } from './pack-rows';
import { PackReader, PackWriter, editionInPack, isTextList } from '../core/pack';
import type { Edition } from '../core/edition';
import type { IsoDate } from '../core/dates';
import { PackError, SourceFormatError } from '../core/errors';
import { packSourceOption, defaultPackSource, openPack, toPackSource } from '../core/pack-source';
import type { PackSourceInput } from '../core/pack-source';
import { nodeBuiltin } from '../core/runtime';

/** The MUE table: practitioner services, outpatient hospital services or DME supplier services. */
export type MueSetting = 'practitioner' | 'hospital' | 'dme';

/** MUE adjudication indicator: 1 line edit; 2 date-of-service edit (policy); 3 date-of-service edit (clinical). */
export type MueAdjudicationIndicator = 1 | 2 | 3;

/** The MUE of one code. Frozen. */
export interface MueEntry {
  readonly code: string;
  /** Maximum units of service (per line for MAI 1, per date of service for MAI 2/3). */
  readonly value: number;
  readonly mai: MueAdjudicationIndicator;
  /** The MAI text as published, e.g. `2 Date of Service Edit: Policy`. */
  readonly maiText: string;
  readonly rationale: string;
}

const MAI_TEXT: Readonly<Record<MueAdjudicationIndicator, string>> = {
  1: '1 Line Edit',
  2: '2 Date of Service Edit: Policy',
  3: '3 Date of Service Edit: Clinical',
};

/**
 * Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines), as CMS writes the MUE tables.
 *
 * @example
 * ```ts
 * parseCsv('"HCPCS/\nCPT Code",Value\n0001U,1\n') // [['HCPCS/\nCPT Code', 'Value'], ['0001U', '1']]
 * ```
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * One MUE table (one setting, one quarter). Lookups go through a `Map` built on first use.
 *
 * @example
 * ```ts
 * const mue = MueTable.fromPack('codesets/ncci-mue/practitioner-2026q2/mue.pack')
 * mue.get('88350') // { value: …, mai: …, rationale: … }
 * ```
 */
export class MueTable {
  #index: Map<string, number> | undefined;

  /** @internal */
  constructor(
    readonly setting: MueSetting,
    readonly edition: Edition,
    /** CMS's AMA copyright notice, kept verbatim from the file. */
    readonly notice: string,
    private readonly codes: string,
    private readonly values: Uint32Array,
    private readonly mais: Uint8Array,
    private readonly rats: Uint8Array,
    readonly rationales: readonly string[],
  ) {}

  /**
   * Number of codes with an MUE.
   *
   * @example
   * ```ts
   * loadMueTable().size // codes with an MUE (15,095 in the practitioner file of 2026-04-01)
   * ```
   */
  get size(): number {
    return this.values.length;
  }

  /**
   * Label for issues, e.g. `MUE practitioner 2026-04-01`.
   *
   * @example
   * ```ts
   * loadMueTable().dataVersion // 'MUE practitioner 2026-04-01'
   * ```
   */
  get dataVersion(): string {
    return `MUE ${this.setting} ${this.edition.effectiveFrom}`;
  }

  #map(): Map<string, number> {
    if (!this.#index) {
      const m = new Map<string, number>();
      for (let i = 0; i < this.values.length; i++) m.set(this.codes.slice(i * 5, i * 5 + 5), i);
      this.#index = m;
    }
    return this.#index;
  }

  /**
   * The MUE of a code, or `undefined` (no published MUE, or not a code). Never throws.
   *
   * @example
   * ```ts
   * mue.get('0001U')?.mai // 2
   * ```
   */
  get(code: unknown): MueEntry | undefined {
    if (typeof code !== 'string' || code.length !== 5) return undefined;
    const i = this.#map().get(code.toUpperCase());
    if (i === undefined) return undefined;
    const mai = this.mais[i]! as MueAdjudicationIndicator;
    return Object.freeze({
      code: this.codes.slice(i * 5, i * 5 + 5),
      value: this.values[i]!,
      mai,
      maiText: MAI_TEXT[mai],
      rationale: this.rationaleAt(i),
    });
  }

  /**
   * @internal Row of a code (upper case, 5 characters) or -1: for hot loops that read {@link valueAt}/{@link maiAt}.
   *
   * @example
   * ```ts
   * const i = mue.indexOf('0001U')
   * if (i >= 0) mue.valueAt(i) // 1
   * ```
   */
  indexOf(code: string): number {
    return this.#map().get(code) ?? -1;
  }
  /**
   * @internal The code of a row (upper case, 5 characters).
   *
   * @example
   * ```ts
   * mue.codeAt(mue.indexOf('0001U')) // '0001U'
   * ```
   */
  codeAt(i: number): string {
    const r = checkedIndex(i, this.values.length, 'MueTable.codeAt', 'i');
    return this.codes.slice(r * 5, r * 5 + 5);
  }
  /**
   * @internal MUE value of a row.
   *
   * @example
   * ```ts
   * mue.valueAt(mue.indexOf('0001U')) // 1
   * ```
   */
  valueAt(i: number): number {
    return this.values[checkedIndex(i, this.values.length, 'MueTable.valueAt', 'i')]!;
  }
  /**
   * @internal MAI of a row.
   *
   * @example
   * ```ts
   * mue.maiAt(mue.indexOf('0001U')) // 2
   * ```
   */
  maiAt(i: number): MueAdjudicationIndicator {
    return this.mais[checkedIndex(i, this.values.length, 'MueTable.maiAt', 'i')]! as MueAdjudicationIndicator;
  }
  /**
   * @internal The MUE adjudication rationale of a row ('' when the file has none).
   *
   * @example
   * ```ts
   * mue.rationaleAt(mue.indexOf('0001U')) // 'Code Descriptor / CPT Instruction'
   * ```
   */
  rationaleAt(i: number): string {
    return (
      this.rationales[this.rats[checkedIndex(i, this.values.length, 'MueTable.rationaleAt', 'i')]!] ?? ''
    );
  }

  /**
   * Every entry, in code order.
   *
   * @example
   * ```ts
   * for (const e of mue.entries()) if (e.mai === 1) console.log(e.code, e.value)
   * ```
   */
  *entries(): IterableIterator<MueEntry> {
    for (let i = 0; i < this.values.length; i++) yield this.get(this.codes.slice(i * 5, i * 5 + 5))!;
  }

  /**
   * Serializes as a deterministic pack (`ncci/mue`).
   *
   * @example
   * ```ts
   * writeFileSync('mue.pack', mue.toPack())
   * MueTable.fromPack('mue.pack').size === mue.size // true
   * ```
   */
  toPack(): Uint8Array {
    return new PackWriter('ncci/mue', this.edition.id)
      .json('meta', {
        setting: this.setting,
        edition: this.edition,
        rationales: this.rationales,
        notice: this.notice,
      })
      .utf8('codes', this.codes)
      .u32('values', this.values)
      .typed('mai', 'u8', this.mais)
      .typed('rationale', 'u8', this.rats)
      .toBuffer();
  }

  /**
   * Opens an MUE pack (path or bytes). Throws `PackError` when damaged.
   *
   * @example
   * ```ts
   * const mue = MueTable.fromPack(bytes)
   * ```
   */
  static fromPack(source: string | Uint8Array | PackReader): MueTable {
    if (typeof source !== 'string' && !(source instanceof Uint8Array) && !(source instanceof PackReader))
      throw invalidArgument(
        'MueTable.fromPack',
        'source',
        'a pack file path or its bytes (Uint8Array)',
        source,
      );
    const reader =
      source instanceof PackReader
        ? source
        : typeof source === 'string'
          ? PackReader.fromFile(source, 'ncci/mue')
          : PackReader.fromBuffer(source, '<buffer>', 'ncci/mue');
    const meta = reader.json<{ setting: MueSetting; edition: Edition; rationales: string[]; notice: string }>(
      'meta',
    );
    // The metadata is read as the writer wrote it: anything else is the pack's inconsistency.
    if (
      typeof meta !== 'object' ||
      meta === null ||
      (meta.setting !== 'practitioner' && meta.setting !== 'hospital' && meta.setting !== 'dme') ||
      typeof meta.notice !== 'string' ||
      !isTextList(meta.rationales)
    )
      throw new PackError('inconsistent', reader.file, 'its metadata has no setting, notice and rationales');
    editionInPack(meta.edition, reader.file);
    const codes = reader.utf8('codes');
    const values = reader.u32('values');
    const mais = reader.typed('mai', 'u8');
    const rationales = reader.typed('rationale', 'u8');
    checkRowCounts(reader.file, values.length, { mai: mais, rationale: rationales });
    // Codes once each and in order (lookups index them by code), MAIs 1–3, rationales the table's.
    if (!isCodeList(codes, values.length, 'strictly-ascending'))
      throw new PackError('inconsistent', reader.file, 'its codes are not one ascending code per row');
    if (!everyRowIn(mais, [1, 2, 3]) || !everyRowIn(rationales, meta.rationales.length))
      throw new PackError(
        'inconsistent',
        reader.file,
        'a row has an MAI other than 1, 2 or 3, or a rationale the table does not have',
      );
    return new MueTable(
      meta.setting,
      Object.freeze(meta.edition),
      meta.notice,
      codes,
      values,
      mais,
      rationales,
      Object.freeze([...meta.rationales]),
    );
  }
}

/** Options of {@link parseMueCsv}. */
export interface MueParseOptions {
  /** The table's setting; read from the header (`Practitioner Services MUE Values`…) when omitted. */
  readonly setting?: MueSetting;
  /** First day in force; read from the file name (`…_Eff_04-01-2026.csv`) when omitted. */
  readonly effectiveFrom?: IsoDate;
  /** The file name, for errors and to read the date. */
  readonly fileName?: string;
}

/**
 * Parses a CMS MUE table in its published CSV layout: a quoted AMA copyright notice, a header
 * `HCPCS/CPT Code, <Setting> Services MUE Values, MUE Adjudication Indicator, MUE Rationale`
 * (as CMS publishes them), then one row per code. The same parser reads the practitioner, outpatient
 * hospital and DME supplier tables. Throws `SourceFormatError` on any other layout, an MAI outside
 * 1–3, a non-integer value or a duplicated code.
 *
 * @example
 * ```ts
 * const table = parseMueCsv(readFileSync('MCR_MUE_PractitionerServices_Eff_04-01-2026.csv'), { fileName: 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv' })
 * table.size // 15095
 * ```
 */
export function parseMueCsv(bytes: Uint8Array | string, options: MueParseOptions = {}): MueTable {
  if (typeof bytes !== 'string' && !(bytes instanceof Uint8Array))
    throw invalidArgument('parseMueCsv', 'bytes', 'the CSV text or its bytes (Uint8Array)', bytes);
  if (options === null || typeof options !== 'object')
    throw invalidArgument('parseMueCsv', 'options', 'an options object', options);
  const file = options.fileName ?? '<mue csv>';
  // CMS writes the notice in Windows-1252 (the ® sign); latin1 keeps every byte.
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('latin1').decode(bytes);
  const rows = parseCsv(text);
  const headerAt = rows.findIndex(
    (r) => /HCPCS\s*\/\s*CPT\s+Code/i.test(r[0] ?? '') && /MUE Values/i.test(r[1] ?? ''),
  );
  if (headerAt < 0)
    throw new SourceFormatError(
      file,
      undefined,
      'no MUE header row ("HCPCS/CPT Code", "… MUE Values", "MUE Adjudication Indicator", "MUE Rationale")',
    );
  const header = rows[headerAt]!;
  if (!/Adjudication Indicator/i.test(header[2] ?? '') || !/Rationale/i.test(header[3] ?? ''))
    throw new SourceFormatError(
      file,
      headerAt + 1,
      'MUE header columns 3–4 must be the adjudication indicator and the rationale',
    );
  const headerSetting: MueSetting | undefined = /Practitioner/i.test(header[1]!)
    ? 'practitioner'
    : /Hospital/i.test(header[1]!)
      ? 'hospital'
      : /DME/i.test(header[1]!)
        ? 'dme'
        : undefined;
  const setting = options.setting ?? headerSetting;
  if (!setting)
    throw new SourceFormatError(
      file,
      headerAt + 1,
      `cannot tell the MUE setting from "${header[1]}"; pass { setting }`,
    );
  let from = options.effectiveFrom;
  if (!from) {
    const m = /Eff_(\d{2})-(\d{2})-(\d{4})/i.exec(file);
    if (m) from = `${m[3]}-${m[1]}-${m[2]}`;
  }
  if (!from)
    throw new SourceFormatError(
      file,
      undefined,
      'cannot read the effective date from the file name (…_Eff_MM-DD-YYYY.csv); pass { effectiveFrom }',
    );
  const notice = rows
    .slice(0, headerAt)
    .map((r) => r.filter((c) => c !== '').join(' '))
    .join('\n')
    .replace(/\r/g, '')
    .trim();
  const data: { code: string; value: number; mai: number; rationale: string; line: number }[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.length === 1 && r[0] === '') continue;
    const code = (r[0] ?? '').trim().toUpperCase();
    if (!/^[0-9A-Z]{5}$/.test(code))
      throw new SourceFormatError(file, i + 1, `"${code}" is not a 5-character HCPCS/CPT code`);
    const valueText = (r[1] ?? '').trim();
    if (!/^\d+$/.test(valueText))
      throw new SourceFormatError(file, i + 1, `MUE value "${valueText}" is not a whole number`);
    const mai = Number((r[2] ?? '').trim().charAt(0));
    if (mai !== 1 && mai !== 2 && mai !== 3)
      throw new SourceFormatError(file, i + 1, `MUE adjudication indicator "${r[2]}" is not 1, 2 or 3`);
    data.push({ code, value: Number(valueText), mai, rationale: (r[3] ?? '').trim(), line: i + 1 });
  }
  data.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (let i = 1; i < data.length; i++)
    if (data[i]!.code === data[i - 1]!.code)
      throw new SourceFormatError(file, data[i]!.line, `code ${data[i]!.code} appears twice`);
  const rationales = [...new Set(data.map((d) => d.rationale))].sort();
  const ratIndex = new Map(rationales.map((r, i) => [r, i]));
  const y = Number(from.slice(0, 4));
  const q = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  const endMonth = q * 3;
  const to = `${y}-${String(endMonth).padStart(2, '0')}-${String(new Date(Date.UTC(y, endMonth, 0)).getUTCDate()).padStart(2, '0')}`;
  const edition: Edition = Object.freeze({
    id: `${setting}-${y}q${q}`,
    name: `MUE ${setting} ${from}`,
    system: 'ncci-mue',
    effectiveFrom: from,
    effectiveTo: to,
  });
  return new MueTable(
    setting,
    edition,
    notice,
    data.map((d) => d.code).join(''),
    Uint32Array.from(data.map((d) => d.value)),
    Uint8Array.from(data.map((d) => d.mai)),
    Uint8Array.from(data.map((d) => ratIndex.get(d.rationale)!)),
    Object.freeze(rationales),
  );
}

/**
 * Imports other MUE tables (outpatient hospital, DME supplier, later quarters) in the same CMS CSV
 * layout; alias of {@link parseMueCsv} that reads a file path.
 *
 * @example
 * ```ts
 * const oph = importMue('MCR_MUE_OutpatientHospitalServices_Eff_07-01-2026.csv')
 * writeFileSync('mue-hospital.pack', oph.toPack())
 * ```
 */
export async function importMue(
  file: string | { readonly name: string; readonly bytes: Uint8Array },
  options: Omit<MueParseOptions, 'fileName'> = {},
): Promise<MueTable> {
  checkOptionsArgument('importMue', options);
  if (typeof file === 'string') {
    const fs = nodeBuiltin<{ readFileSync(p: string): Uint8Array }>('node:fs');
    if (!fs)
      throw invalidArgument(
        'importMue',
        'file',
        '{ name, bytes } (no file system here to read a path)',
        file,
      );
    const fileName = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    return parseMueCsv(fs.readFileSync(file), { ...options, fileName });
  }
  checkOfficialFile('importMue', 'file', file);
  return parseMueCsv(file.bytes, { ...options, fileName: file.name });
}

const builtInCache = new WeakMap<PackReader, MueTable>();

/**
 * Loads a built-in (or injected) MUE pack: `<codesetsDir>/ncci-mue/<edition>/mue.pack`. Lazily
 * cached per file. Default: the practitioner table effective 2026-04-01.
 *
 * @example
 * ```ts
 * loadMueTable().get('0001U')?.value // 1
 * ```
 */
export function loadMueTable(
  options: {
    readonly packs?: PackSourceInput;
    readonly codesetsDir?: string;
    readonly edition?: string;
  } = {},
): MueTable {
  checkOptionsArgument('loadMueTable', options);
  const input = packSourceOption('loadMueTable', options);
  const packs = input === undefined ? defaultPackSource() : toPackSource(input);
  const reader = openPack(
    packs,
    'ncci-mue',
    options.edition ?? 'practitioner-2026q2',
    'mue.pack',
    'ncci/mue',
  );
  let t = builtInCache.get(reader);
  if (!t) {
    t = MueTable.fromPack(reader);
    builtInCache.set(reader, t);
  }
  return t;
}
