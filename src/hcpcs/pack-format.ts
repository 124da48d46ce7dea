/**
 * The HCPCS, modifier and place-of-service pack contents, rows in a fixed column order (below):
 * the codes pack holds a `codes` section (one code per line) and a `rows` section (one JSON row per
 * line, decoded on first use); the modifier and POS packs hold one JSON section of rows. Shared by the builder (encode) and the runtime (decode), so that the
 * two cannot drift apart.
 *
 * @module
 */
import { type HcpcsCategory, hcpcsCategoryOf } from './categories';
import { PackError } from '../core/errors';
import type { PackReader } from '../core/pack';
import { PackWriter } from '../core/pack';
import type { HcpcsEntry, ModifierEntry, PlaceOfServiceEntry } from './model';
import type { HcpcsCodeRecord, HcpcsModifierRecord } from './loader';

/**
 * Pack kinds (checked when a pack is opened).
 *
 * @example
 * ```ts
 * PackReader.fromFile('codesets/hcpcs/2026-jan/codes.pack', HCPCS_CODES_KIND)
 * ```
 */
export const HCPCS_CODES_KIND = 'hcpcs/codes';
/**
 * Pack kind of a Level II modifiers pack.
 *
 * @example
 * ```ts
 * PackReader.fromFile('codesets/hcpcs/2026-jan/modifiers.pack', HCPCS_MODIFIERS_KIND)
 * ```
 */
export const HCPCS_MODIFIERS_KIND = 'hcpcs/modifiers';
/**
 * Pack kind of a place-of-service pack.
 *
 * @example
 * ```ts
 * PackReader.fromFile('codesets/pos/2024-08/pos.pack', POS_KIND)
 * ```
 */
export const POS_KIND = 'pos/codes';

type Row = readonly (string | number | readonly string[])[];

const s = (v: string | undefined): string => v ?? '';
const u = (v: string | undefined | number): string | undefined =>
  v === '' || v === undefined ? undefined : String(v);

/**
 * Encodes procedure records (sorted by code) as a pack.
 *
 * @example
 * ```ts
 * writeFileSync('codes.pack', encodeHcpcsCodes('2026-jan', parseHcpcsFixedWidth(text, file).codes))
 * ```
 */
export function encodeHcpcsCodes(edition: string, records: readonly HcpcsCodeRecord[]): Uint8Array {
  const rows: Row[] = [...records]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((r) => [
      r.code,
      r.longDescription,
      r.shortDescription,
      r.pricingIndicators,
      s(r.multiplePricingIndicator),
      r.coverageIssuesManualSections,
      r.carriersManualSections,
      s(r.statute),
      r.labCertifications,
      r.crossReferences,
      s(r.coverage),
      s(r.ascPaymentGroup),
      s(r.ascPaymentGroupEffectiveDate),
      s(r.mogPaymentGroup),
      s(r.mogPaymentPolicyIndicator),
      s(r.mogEffectiveDate),
      s(r.processingNote),
      s(r.betos),
      r.typesOfService,
      r.anesthesiaBaseUnits === undefined ? '' : r.anesthesiaBaseUnits,
      s(r.addedDate),
      s(r.actionEffectiveDate),
      s(r.terminationDate),
      s(r.actionCode),
    ]);
  // One JSON row per line, decoded per entry on first use (see decodeHcpcsCodes).
  return new PackWriter(HCPCS_CODES_KIND, edition)
    .utf8('codes', rows.map((r) => r[0] as string).join('\n'))
    .utf8('rows', rows.map((r) => JSON.stringify(r)).join('\n'))
    .toBuffer();
}

/**
 * Encodes Level II modifier records (sorted by code) as a pack.
 *
 * @example
 * ```ts
 * writeFileSync('modifiers.pack', encodeHcpcsModifiers('2026-jan', contents.modifiers))
 * ```
 */
export function encodeHcpcsModifiers(edition: string, records: readonly HcpcsModifierRecord[]): Uint8Array {
  const rows: Row[] = [...records]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((r) => [
      r.code,
      r.longDescription,
      r.shortDescription,
      s(r.addedDate),
      s(r.actionEffectiveDate),
      s(r.terminationDate),
      s(r.actionCode),
    ]);
  return new PackWriter(HCPCS_MODIFIERS_KIND, edition).json('modifiers', rows).toBuffer();
}

/**
 * One place-of-service row as the builder produces it.
 *
 * @example
 * ```ts
 * const r: PlaceOfServiceRecord = { code: '66', name: 'PACE Center', description: '…', effectiveFrom: '2024-08-01' }
 * ```
 */
export interface PlaceOfServiceRecord {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
}

/**
 * Encodes place-of-service rows as a pack.
 *
 * @example
 * ```ts
 * encodePlacesOfService('2024-08', records)
 * ```
 */
export function encodePlacesOfService(edition: string, records: readonly PlaceOfServiceRecord[]): Uint8Array {
  const rows: Row[] = [...records]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((r) => [r.code, r.name, r.description, s(r.effectiveFrom), s(r.effectiveTo)]);
  return new PackWriter(POS_KIND, edition).json('pos', rows).toBuffer();
}

/**
 * What a cell of a row holds, as the encoders write it: text (`''` when the file has none), a list
 * of text, or a count (a number, or `''` when the file has none).
 */
type CellShape = 'text' | 'list' | 'count';

const MODIFIER_COLUMNS: readonly CellShape[] = Array(7).fill('text');
const PLACE_OF_SERVICE_COLUMNS: readonly CellShape[] = Array(5).fill('text');
// The columns encodeHcpcsCodes writes, in order.
const CODE_COLUMNS: readonly CellShape[] = [
  'text', // code
  'text', // long description
  'text', // short description
  'list', // pricing indicators
  'text', // multiple pricing indicator
  'list', // coverage issues manual sections
  'list', // carriers manual sections
  'text', // statute
  'list', // lab certifications
  'list', // cross-references
  'text', // coverage
  'text', // ASC payment group
  'text', // ASC payment group effective date
  'text', // MOG payment group
  'text', // MOG payment policy indicator
  'text', // MOG effective date
  'text', // processing note
  'text', // BETOS
  'list', // types of service
  'count', // anesthesia base units
  'text', // added date
  'text', // action effective date
  'text', // termination date
  'text', // action code
];

function isCell(value: unknown, shape: CellShape): boolean {
  if (shape === 'text') return typeof value === 'string';
  if (shape === 'list') return Array.isArray(value) && value.every((x) => typeof x === 'string');
  return value === '' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * Whether a decoded row has the writer's columns. A cell of another kind would otherwise read as
 * empty, and a code as `''`, which no lookup finds: the pack would answer "no such code" without a
 * sign.
 */
function isRowOf(row: unknown, columns: readonly CellShape[]): row is unknown[] {
  return Array.isArray(row) && row.length === columns.length && columns.every((c, k) => isCell(row[k], c));
}

function rowsOf(pack: PackReader, section: string, columns: readonly CellShape[]): unknown[][] {
  const rows = pack.json<unknown>(section);
  if (!Array.isArray(rows) || !rows.every((r) => isRowOf(r, columns))) {
    throw new PackError(
      'inconsistent',
      pack.header.kind,
      `section ${section} does not hold rows of ${columns.length} columns of text`,
    );
  }
  if (!isAscending(rows.map((r) => r[0] as string)))
    throw new PackError(
      'inconsistent',
      pack.header.kind,
      `section ${section} repeats a code or is out of order`,
    );
  return rows as unknown[][];
}

/**
 * Whether codes are in the encoders' order, each once: a code given twice would leave one of its rows
 * unreachable by lookup while a listing still shows it.
 */
function isAscending(codes: readonly string[]): boolean {
  for (let i = 1; i < codes.length; i++) if (!(codes[i - 1]! < codes[i]!)) return false;
  return true;
}

// Cells of rows checked by isRowOf.
const str = (v: unknown): string => v as string;
const list = (v: unknown): readonly string[] => Object.freeze([...(v as string[])]);

/**
 * Opens a codes pack: the code list at once, each entry on demand. JSON.stringify never writes a
 * raw newline, so the rows section splits on `\n`.
 *
 * @example
 * ```ts
 * const { codes, materialize } = decodeHcpcsCodes(PackReader.fromFile(file, HCPCS_CODES_KIND))
 * materialize(codes.indexOf('G0121')).shortDescription
 * ```
 */
export function decodeHcpcsCodes(pack: PackReader): {
  readonly codes: readonly string[];
  readonly materialize: (i: number) => HcpcsEntry;
} {
  const codes = pack.utf8('codes').split('\n');
  const rows = pack.utf8('rows').split('\n');
  if (codes.length !== rows.length)
    throw new PackError('inconsistent', pack.header.kind, `${codes.length} codes but ${rows.length} rows`);
  if (!isAscending(codes))
    throw new PackError('inconsistent', pack.header.kind, 'its codes repeat a code or are out of order');
  const materialize = (i: number): HcpcsEntry => {
    let r: unknown;
    try {
      r = JSON.parse(rows[i]!);
    } catch {
      throw new PackError('inconsistent', pack.header.kind, `row ${i} is not JSON`);
    }
    if (!isRowOf(r, CODE_COLUMNS) || r[0] !== codes[i])
      throw new PackError('inconsistent', pack.header.kind, `row ${i} does not match code ${codes[i]}`);
    return hcpcsEntryOf(r);
  };
  return { codes, materialize };
}

function hcpcsEntryOf(r: readonly unknown[]): HcpcsEntry {
  return Object.freeze({
    code: str(r[0]),
    title: str(r[1]),
    longDescription: str(r[1]),
    shortDescription: str(r[2]),
    pricingIndicators: list(r[3]),
    multiplePricingIndicator: u(str(r[4])),
    coverageIssuesManualSections: list(r[5]),
    carriersManualSections: list(r[6]),
    statute: u(str(r[7])),
    labCertifications: list(r[8]),
    crossReferences: list(r[9]),
    coverage: u(str(r[10])),
    ascPaymentGroup: u(str(r[11])),
    ascPaymentGroupEffectiveDate: u(str(r[12])),
    mogPaymentGroup: u(str(r[13])),
    mogPaymentPolicyIndicator: u(str(r[14])),
    mogEffectiveDate: u(str(r[15])),
    processingNote: u(str(r[16])),
    betos: u(str(r[17])),
    typesOfService: list(r[18]),
    anesthesiaBaseUnits: typeof r[19] === 'number' ? r[19] : undefined,
    addedDate: u(str(r[20])),
    actionEffectiveDate: u(str(r[21])),
    terminationDate: u(str(r[22])),
    actionCode: u(str(r[23])),
    category: categoryOf(str(r[0])),
  });
}

function categoryOf(code: string): HcpcsCategory {
  const c = hcpcsCategoryOf(code);
  // The pack holds CMS Level II codes only, each beginning with a category letter.
  if (!c)
    throw new PackError(
      'inconsistent',
      HCPCS_CODES_KIND,
      `code ${code} begins with no HCPCS Level II category letter`,
    );
  return c;
}

/**
 * Flags computed by the caller (NCCI PTP-associated, anatomic) for a modifier code.
 *
 * @example
 * ```ts
 * decodeHcpcsModifiers(pack, modifierFlags)
 * ```
 */
export type ModifierFlags = (code: string) => { readonly ptpAssociated: boolean; readonly anatomic: boolean };

/**
 * Decodes a modifiers pack into frozen Level II entries.
 *
 * @example
 * ```ts
 * decodeHcpcsModifiers(PackReader.fromFile(file, HCPCS_MODIFIERS_KIND), modifierFlags)
 * ```
 */
export function decodeHcpcsModifiers(pack: PackReader, flags: ModifierFlags): ModifierEntry[] {
  return rowsOf(pack, 'modifiers', MODIFIER_COLUMNS).map((r) => {
    const code = str(r[0]);
    return Object.freeze({
      code,
      title: str(r[1]),
      source: 'hcpcs' as const,
      ...flags(code),
      shortDescription: str(r[2]),
      addedDate: u(str(r[3])),
      actionEffectiveDate: u(str(r[4])),
      terminationDate: u(str(r[5])),
      actionCode: u(str(r[6])),
    });
  });
}

/**
 * Decodes a place-of-service pack into frozen entries.
 *
 * @example
 * ```ts
 * decodePlacesOfService(PackReader.fromFile(file, POS_KIND)).length // 52
 * ```
 */
export function decodePlacesOfService(pack: PackReader): PlaceOfServiceEntry[] {
  return rowsOf(pack, 'pos', PLACE_OF_SERVICE_COLUMNS).map((r) =>
    Object.freeze({
      code: str(r[0]),
      title: str(r[1]),
      name: str(r[1]),
      description: str(r[2]),
      effectiveFrom: u(str(r[3])),
      effectiveTo: u(str(r[4])),
    }),
  );
}
