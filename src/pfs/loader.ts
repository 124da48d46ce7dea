/**
 * Importer for the CMS PFS relative value file (`PPRRVU<yy>_<Jan|Apr|Jul|Oct>_nonQPP.csv` of any
 * quarter, or its descriptor-free copy), and the PFS pack. The DESCRIPTION column is skipped while
 * parsing: no AMA CPT or ADA CDT descriptor enters a {@link RvuEntry} or a pack. Pure functions over
 * text; no file access.
 *
 * @module
 */
import { checkPackBytesArgument, checkStringArgument } from '../core/arguments';
import type { Edition } from '../core/edition';
import { PackError, SourceFormatError } from '../core/errors';
import { PackReader, PackWriter, editionInPack } from '../core/pack';
import { parseCsv } from '../ncci/mue';
import type { PfsStatusCode, RvuEntry } from './model';
import { PFS_STATUS } from './model';

/** The last header line's words after HCPCS, MOD (and DESCRIPTION), as CMS writes them. */
const HEADER_TAIL = [
  'CODE',
  'PAYMENT',
  'RVU',
  'PE RVU',
  'INDICATOR',
  'PE RVU',
  'INDICATOR',
  'RVU',
  'TOTAL',
  'TOTAL',
  'IND',
  'DAYS',
  'OP',
  'OP',
  'OP',
  'PROC',
  'SURG',
  'SURG',
  'SURG',
  'SURG',
  'IND',
  'BASE',
  'FACTOR',
  'PROCEDURES',
  'FLAG',
  'INDICATOR',
  'AMOUNT',
  'AMOUNT',
  'AMOUNT',
];

/** The parsed file: the CMS copyright notices and the rows. */
export interface RvuFileContents {
  /** The title and notice lines of the file (AMA CPT and ADA CDT copyright notices, release date). */
  readonly notice: string;
  readonly entries: readonly RvuEntry[];
}

function headerIndex(rows: readonly string[][], file: string): { index: number; described: boolean } {
  const index = rows.findIndex((r) => r[0]?.trim() === 'HCPCS' && r[1]?.trim() === 'MOD');
  if (index < 0) throw new SourceFormatError(file, undefined, 'no header line starting with HCPCS,MOD');
  const head = rows[index]!.map((c) => c.trim());
  const described = head[2] === 'DESCRIPTION';
  const tail = head.slice(described ? 3 : 2);
  HEADER_TAIL.forEach((w, i) => {
    if (tail[i] !== w)
      throw new SourceFormatError(
        file,
        index + 1,
        `header field ${i + (described ? 4 : 3)} is "${tail[i]}", expected "${w}"`,
      );
  });
  return { index, described };
}

// The RVU file writes every RVU and total with two decimals and the conversion factor with four
// (every one of the 19,356 rows of RVU26C). Pricing computes in exact decimals at those scales
// (feeScheduleAmount), so a field written otherwise is refused here, when the file is read, rather
// than when a line is priced.
const RVU_DECIMAL = /^\d+\.\d{2}$/;
const CONVERSION_FACTOR_DECIMAL = /^\d+\.\d{4}$/;
/** Fields (0-based, DESCRIPTION removed) of work, PE, MP and total RVUs, then the conversion factor. */
const RVU_FIELDS = [4, 5, 7, 9, 10, 11] as const;
const CONVERSION_FACTOR_FIELD = 24;

/**
 * Parses a PPRRVU file (as published, or without its DESCRIPTION column). Descriptors are skipped.
 *
 * @example
 * ```ts
 * const { entries } = parseRvuCsv(text, 'PPRRVU2026_Jul_nonQPP.csv')
 * entries.find((e) => e.code === '99213' && e.modifier === '')?.workRvu // '1.30'
 * ```
 */
export function parseRvuCsv(text: string, file: string): RvuFileContents {
  checkStringArgument('parseRvuCsv', 'text', text);
  checkStringArgument('parseRvuCsv', 'file', file);
  const rows = parseCsv(text);
  const { index, described } = headerIndex(rows, file);
  const notice = rows
    .slice(0, index)
    .map((r) => r.filter((c) => c.trim() !== '').join(' '))
    .filter((l) => l !== '' && !/^(NON-FACILITY|NOT USED|FOR|STATUS)\b/.test(l))
    .slice(0, 4)
    .join('\n');
  const entries: RvuEntry[] = [];
  for (let i = index + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.every((c) => c.trim() === '')) continue;
    const f = described ? [r[0]!, r[1]!, ...r.slice(3)] : r;
    const at = (k: number) => (f[k] ?? '').trim();
    const status = at(2) as PfsStatusCode;
    if (!Object.hasOwn(PFS_STATUS, status))
      throw new SourceFormatError(file, i + 1, `status code "${at(2)}"`);
    for (const k of RVU_FIELDS)
      if (!RVU_DECIMAL.test(at(k)))
        throw new SourceFormatError(
          file,
          i + 1,
          `field ${k + 1} is not an RVU with two decimals: "${at(k)}"`,
        );
    if (!CONVERSION_FACTOR_DECIMAL.test(at(CONVERSION_FACTOR_FIELD)))
      throw new SourceFormatError(
        file,
        i + 1,
        `field ${CONVERSION_FACTOR_FIELD + 1} is not a conversion factor with four decimals: "${at(CONVERSION_FACTOR_FIELD)}"`,
      );
    entries.push(
      Object.freeze({
        code: at(0),
        modifier: at(1),
        status,
        notUsedForMedicarePayment: at(3) === '+',
        workRvu: at(4),
        nonFacilityPeRvu: at(5),
        nonFacilityNa: at(6) === 'NA',
        facilityPeRvu: at(7),
        facilityNa: at(8) === 'NA',
        mpRvu: at(9),
        nonFacilityTotal: at(10),
        facilityTotal: at(11),
        pctc: at(12),
        globalDays: at(13),
        preOp: at(14),
        intraOp: at(15),
        postOp: at(16),
        multipleProcedure: at(17),
        bilateral: at(18),
        assistantAtSurgery: at(19),
        coSurgeons: at(20),
        teamSurgery: at(21),
        endoscopicBase: at(23),
        conversionFactor: at(24),
        physicianSupervision: at(25),
        imagingFamily: at(27),
      }),
    );
  }
  // at(22) is the "PRIC IND" column (9 on every row of RVU26C); at(26) the calculation flag; 28–30 the OPPS cap inputs.
  return { notice, entries };
}

/**
 * The descriptor-free copy of a PPRRVU file: the title and notice lines before the column headings
 * kept as published, and every later line without its third field (DESCRIPTION). See
 * `scripts/pfs-strip-descriptors.ts` for the exact transformation.
 *
 * @example
 * ```ts
 * stripRvuDescriptors(original).includes('Office o/p') // false
 * ```
 */
export function stripRvuDescriptors(text: string): string {
  checkStringArgument('stripRvuDescriptors', 'text', text);
  const rows = parseCsv(text);
  const lines = text.split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== rows.length)
    throw new SourceFormatError('PPRRVU', undefined, 'a quoted field spans lines; cannot map lines to rows');
  const headingsFrom = rows.findIndex(
    (r) => r[0] === '' && r[1] === '' && r[2] === '' && r.some((c) => c !== ''),
  );
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (headingsFrom >= 0 && i < headingsFrom) out.push(lines[i]!);
    else {
      const kept = [r[0]!, r[1]!, ...r.slice(3)];
      if (kept.some((c) => /[",\r\n]/.test(c)))
        throw new SourceFormatError('PPRRVU', i + 1, 'a kept field needs quoting; not a PPRRVU layout');
      out.push(kept.join(','));
    }
  });
  return `${out.join('\r\n')}\r\n`;
}

/** The kind written into a PFS pack header. */
export const PFS_PACK_KIND = 'pfs/rvu';

const FIELDS: readonly (keyof RvuEntry)[] = [
  'code',
  'modifier',
  'status',
  'notUsedForMedicarePayment',
  'workRvu',
  'nonFacilityPeRvu',
  'nonFacilityNa',
  'facilityPeRvu',
  'facilityNa',
  'mpRvu',
  'nonFacilityTotal',
  'facilityTotal',
  'pctc',
  'globalDays',
  'preOp',
  'intraOp',
  'postOp',
  'multipleProcedure',
  'bilateral',
  'assistantAtSurgery',
  'coSurgeons',
  'teamSurgery',
  'endoscopicBase',
  'conversionFactor',
  'physicianSupervision',
  'imagingFamily',
];

/**
 * Encodes RVU entries as a pack: one comma-separated line per entry (codes, modifiers, indicators
 * and numbers only) and the CMS notice.
 *
 * @example
 * ```ts
 * const bytes = encodeRvuPack(entries, notice, edition)
 * decodeRvuPack(bytes).entries.length === entries.length // true
 * ```
 */
export function encodeRvuPack(entries: readonly RvuEntry[], notice: string, edition: Edition): Uint8Array {
  const lines = entries.map((e) =>
    FIELDS.map((k) => {
      const v = e[k];
      return typeof v === 'boolean' ? (v ? '1' : '') : v;
    }).join(','),
  );
  return new PackWriter(PFS_PACK_KIND, edition.id)
    .json('meta', { edition, notice, fields: FIELDS })
    .utf8('rows', lines.join('\n'))
    .toBuffer();
}

/** The fields the pack writes as `1` (true) or nothing (false). */
const BOOLEAN_FIELDS: ReadonlySet<keyof RvuEntry> = new Set([
  'notUsedForMedicarePayment',
  'nonFacilityNa',
  'facilityNa',
]);
const RVU_DECIMAL_FIELDS: ReadonlySet<keyof RvuEntry> = new Set([
  'workRvu',
  'nonFacilityPeRvu',
  'facilityPeRvu',
  'mpRvu',
  'nonFacilityTotal',
  'facilityTotal',
]);

/** The indexes in {@link FIELDS} of the fields {@link isRvuCell} has a form for. */
const CHECKED_FIELD_INDEXES: readonly number[] = FIELDS.flatMap((f, i) =>
  BOOLEAN_FIELDS.has(f) || RVU_DECIMAL_FIELDS.has(f) || f === 'conversionFactor' || f === 'status' ? [i] : [],
);

/** Whether a pack cell is what {@link parseRvuCsv} accepts for its field. */
function isRvuCell(field: keyof RvuEntry, value: string): boolean {
  if (BOOLEAN_FIELDS.has(field)) return value === '1' || value === '';
  if (RVU_DECIMAL_FIELDS.has(field)) return RVU_DECIMAL.test(value);
  if (field === 'conversionFactor') return CONVERSION_FACTOR_DECIMAL.test(value);
  if (field === 'status') return Object.hasOwn(PFS_STATUS, value);
  return true;
}

/**
 * One entry from the cells of a row written in {@link FIELDS} order, each checked by
 * {@link isRvuCell}; a `PackError` naming the row when one is not.
 */
function rvuEntryOfCells(c: readonly string[], row: number, file: string): RvuEntry {
  if (c.length !== FIELDS.length)
    throw new PackError('inconsistent', file, `row ${row} has ${c.length} cells, not ${FIELDS.length}`);
  for (const k of CHECKED_FIELD_INDEXES)
    if (!isRvuCell(FIELDS[k]!, c[k]!))
      throw new PackError(
        'inconsistent',
        file,
        `row ${row}: ${FIELDS[k]} "${c[k]}" is not as the RVU file writes it`,
      );
  return Object.freeze({
    code: c[0]!,
    modifier: c[1]!,
    status: c[2] as PfsStatusCode,
    notUsedForMedicarePayment: c[3] === '1',
    workRvu: c[4]!,
    nonFacilityPeRvu: c[5]!,
    nonFacilityNa: c[6] === '1',
    facilityPeRvu: c[7]!,
    facilityNa: c[8] === '1',
    mpRvu: c[9]!,
    nonFacilityTotal: c[10]!,
    facilityTotal: c[11]!,
    pctc: c[12]!,
    globalDays: c[13]!,
    preOp: c[14]!,
    intraOp: c[15]!,
    postOp: c[16]!,
    multipleProcedure: c[17]!,
    bilateral: c[18]!,
    assistantAtSurgery: c[19]!,
    coSurgeons: c[20]!,
    teamSurgery: c[21]!,
    endoscopicBase: c[22]!,
    conversionFactor: c[23]!,
    physicianSupervision: c[24]!,
    imagingFamily: c[25]!,
  });
}

/**
 * Decodes a pack written by {@link encodeRvuPack}. Throws a `PackError` on a damaged pack, and a
 * `MedcodeError` naming the argument when `bytes` is not a byte array or `file` not a string (a
 * number would otherwise be taken as the length of a new buffer).
 *
 * @example
 * ```ts
 * decodeRvuPack(bytes, 'rvu.pack').edition.id // '2026-jul'
 * ```
 */
export function decodeRvuPack(
  bytes: Uint8Array,
  file = '<buffer>',
): { readonly edition: Edition; readonly notice: string; readonly entries: readonly RvuEntry[] } {
  checkPackBytesArgument('decodeRvuPack', bytes, file);
  const pack = PackReader.fromBuffer(bytes, file, PFS_PACK_KIND);
  const meta = pack.json<{ edition: Edition; notice: string; fields: (keyof RvuEntry)[] }>('meta');
  // The metadata is read as the writer wrote it: anything else is the pack's inconsistency.
  if (typeof meta !== 'object' || meta === null || typeof meta.notice !== 'string')
    throw new PackError('inconsistent', file, 'its metadata has no notice');
  editionInPack(meta.edition, file);
  if (!Array.isArray(meta.fields) || !meta.fields.every((f) => FIELDS.includes(f)))
    throw new PackError('inconsistent', file, 'its metadata lists fields an RVU entry does not have');
  const fields = meta.fields;
  // The writer's own field list, in its order, is read into one object shape (a literal), which is
  // about three times faster over the 19,000 rows of a release than setting the fields one by one.
  const asWritten = fields.length === FIELDS.length && fields.every((f, i) => f === FIELDS[i]);
  const entries = pack
    .utf8('rows')
    .split('\n')
    .map((line, row) => {
      const cells = line.split(',');
      if (asWritten) return rvuEntryOfCells(cells, row, file);
      // Each row as the writer wrote it, checked as the RVU file is at import: a cell missing or of
      // another form would otherwise price a line from an empty or wrong RVU without a sign.
      if (cells.length !== fields.length)
        throw new PackError(
          'inconsistent',
          file,
          `row ${row} has ${cells.length} cells, not ${fields.length}`,
        );
      const e: Record<string, string | boolean> = {};
      fields.forEach((k, i) => {
        const v = cells[i]!;
        if (!isRvuCell(k, v))
          throw new PackError(
            'inconsistent',
            file,
            `row ${row}: ${k} "${v}" is not as the RVU file writes it`,
          );
        e[k] = BOOLEAN_FIELDS.has(k) ? v === '1' : v;
      });
      return Object.freeze(e) as unknown as RvuEntry;
    });
  return { edition: Object.freeze(meta.edition), notice: meta.notice, entries };
}
