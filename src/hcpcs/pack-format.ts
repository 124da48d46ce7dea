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

function rowsOf(pack: PackReader, section: string, width: number): unknown[][] {
  const rows = pack.json<unknown>(section);
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r) || r.length !== width)) {
    throw new PackError(
      'inconsistent',
      pack.header.kind,
      `section ${section} does not hold rows of ${width} columns`,
    );
  }
  return rows as unknown[][];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): readonly string[] =>
  Object.freeze(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

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
  const materialize = (i: number): HcpcsEntry => {
    let r: unknown;
    try {
      r = JSON.parse(rows[i]!);
    } catch {
      throw new PackError('inconsistent', pack.header.kind, `row ${i} is not JSON`);
    }
    if (!Array.isArray(r) || r.length !== 24 || r[0] !== codes[i])
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
  return rowsOf(pack, 'modifiers', 7).map((r) => {
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
  return rowsOf(pack, 'pos', 5).map((r) =>
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
