/**
 * Build-time readers for the CMS HCPCS Level II files (never imported by the runtime entry).
 *
 * - {@link parseHcpcsFixedWidth}: the ANWEB fixed-width file, e.g. `HCPC2026_JAN_ANWEB_01122026.txt`,
 *   read exactly as `HCPC2026_recordlayout.txt` (same zip) defines the 320-byte contractor record.
 * - {@link parseHcpcsWorkbookRows}: the rows of the ANWEB Excel workbook, e.g.
 *   `HCPC2026_JUL_ANWEB_06172026.xlsx` (sheet `HCPC2026_JUL_contr`, 48 named columns, same fields).
 *
 * Both give the same {@link HcpcsFileContents}, so one pack encoder serves both editions.
 *
 * @module
 */
import { SourceFormatError } from '../core/errors';
import type { IsoDate } from '../core/dates';
import { toIsoDate } from '../core/dates';
import type { HcpcsEntry } from './model';

/**
 * A Level II modifier record (record id 7 + continuation 8).
 *
 * @example
 * ```ts
 * parseHcpcsFixedWidth(text, file).modifiers[0] // { code: 'A1', longDescription: 'Dressing for one wound', … }
 * ```
 */
export interface HcpcsModifierRecord {
  readonly code: string;
  readonly longDescription: string;
  readonly shortDescription: string;
  readonly addedDate: IsoDate | undefined;
  readonly actionEffectiveDate: IsoDate | undefined;
  readonly terminationDate: IsoDate | undefined;
  readonly actionCode: string | undefined;
}

/**
 * A procedure record, every field of the layout.
 *
 * @example
 * ```ts
 * parseHcpcsFixedWidth(text, file).codes.find((c) => c.code === 'G0121')?.betos // 'P8D'
 * ```
 */
export type HcpcsCodeRecord = Omit<HcpcsEntry, 'title' | 'category'>;

/**
 * What one HCPCS file holds.
 *
 * @example
 * ```ts
 * const { codes, modifiers, continuationRecords } = parseHcpcsFixedWidth(text, file)
 * continuationRecords // { codes: 7415, modifiers: 193 } for January 2026
 * ```
 */
export interface HcpcsFileContents {
  readonly codes: readonly HcpcsCodeRecord[];
  readonly modifiers: readonly HcpcsModifierRecord[];
  /** Continuation records joined (record ids 4 and 8). */
  readonly continuationRecords: { readonly codes: number; readonly modifiers: number };
}

/** Layout positions are 1-based and inclusive, as printed in the record layout. */
function field(line: string, begin: number, end: number): string {
  return line.slice(begin - 1, end).trim();
}

function occurs(line: string, begin: number, width: number, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < max; i++) {
    const v = field(line, begin + i * width, begin + (i + 1) * width - 1);
    if (v) out.push(v);
  }
  return out;
}

function ymd(value: string, file: string, line: number | undefined, name: string): IsoDate | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (!/^\d{8}$/.test(v)) throw new SourceFormatError(file, line, `${name} "${v}" is not YYYYMMDD`);
  const iso = toIsoDate(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`);
  if (iso === undefined) throw new SourceFormatError(file, line, `${name} "${v}" is not a calendar date`);
  return iso;
}

function opt(v: string): string | undefined {
  return v === '' ? undefined : v;
}

/**
 * Parses the fixed-width ANWEB file. Positions follow `HCPC2026_recordlayout.txt`:
 * 1–5 code (modifiers: 4–5), 6–10 sequence, 11 record id (3/4 procedure, 7/8 modifier), 12–91 long
 * description (continued on records 4/8), 92–119 short description, 120–127 pricing indicator ×4,
 * 128 multiple pricing indicator, 129–146 CIM ×3, 147–170 MCM ×3, 171–180 statute, 181–204 lab
 * certification ×8, 205–229 cross reference ×5, 230 coverage, 231–232 ASC group, 233–240 ASC date,
 * 241–243 MOG group, 244 MOG indicator, 245–252 MOG date, 253–256 processing note, 257–259 BETOS,
 * 261–265 type of service ×5, 266–268 anesthesia base units, 269–276 add date, 277–284 action
 * effective date, 285–292 termination date, 293 action code.
 *
 * A record is 320 characters; characters past 320 must be blank (the January 2026 file has one
 * line padded with spaces). Blank lines are skipped.
 *
 * @example
 * ```ts
 * const { codes, modifiers } = parseHcpcsFixedWidth(text, 'HCPC2026_JAN_ANWEB_01122026.txt')
 * codes.length // 8623
 * ```
 */
export function parseHcpcsFixedWidth(text: string, file: string): HcpcsFileContents {
  const codes: HcpcsCodeRecord[] = [];
  const modifiers: HcpcsModifierRecord[] = [];
  // Long descriptions are assembled per record; continuation text is appended to the last one.
  const codeLong: string[][] = [];
  const modLong: string[][] = [];
  let lastKind: 'code' | 'modifier' | undefined;
  let lastCode = '';
  let contCodes = 0;
  let contMods = 0;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    if (raw.trim() === '') continue;
    if (raw.length > 320 && raw.slice(320).trim() !== '')
      throw new SourceFormatError(file, n + 1, 'data past position 320');
    const line = raw.length < 320 ? raw.padEnd(320) : raw.slice(0, 320);
    const recordId = line[10];
    const long = line.slice(11, 91).trimEnd();
    if (recordId === '3') {
      const code = field(line, 1, 5);
      if (!/^[A-Z][0-9]{4}$/.test(code))
        throw new SourceFormatError(file, n + 1, `bad procedure code "${code}"`);
      const abu = field(line, 266, 268);
      codes.push({
        code,
        longDescription: '',
        shortDescription: collapseWhitespace(field(line, 92, 119)),
        pricingIndicators: occurs(line, 120, 2, 4),
        multiplePricingIndicator: opt(field(line, 128, 128)),
        coverageIssuesManualSections: occurs(line, 129, 6, 3),
        carriersManualSections: occurs(line, 147, 8, 3),
        statute: opt(field(line, 171, 180)),
        labCertifications: occurs(line, 181, 3, 8),
        crossReferences: occurs(line, 205, 5, 5),
        coverage: opt(field(line, 230, 230)),
        ascPaymentGroup: opt(field(line, 231, 232)),
        ascPaymentGroupEffectiveDate: ymd(
          field(line, 233, 240),
          file,
          n + 1,
          'ASC payment group effective date',
        ),
        mogPaymentGroup: opt(field(line, 241, 243)),
        mogPaymentPolicyIndicator: opt(field(line, 244, 244)),
        mogEffectiveDate: ymd(field(line, 245, 252), file, n + 1, 'MOG effective date'),
        processingNote: opt(field(line, 253, 256)),
        betos: opt(field(line, 257, 259)),
        typesOfService: occurs(line, 261, 1, 5),
        anesthesiaBaseUnits: abu === '' ? undefined : Number(abu),
        addedDate: ymd(field(line, 269, 276), file, n + 1, 'add date'),
        actionEffectiveDate: ymd(field(line, 277, 284), file, n + 1, 'action effective date'),
        terminationDate: ymd(field(line, 285, 292), file, n + 1, 'termination date'),
        actionCode: opt(field(line, 293, 293)),
      });
      codeLong.push([long]);
      lastKind = 'code';
      lastCode = code;
    } else if (recordId === '7') {
      const code = field(line, 4, 5);
      if (!/^[A-Z0-9]{2}$/.test(code) || field(line, 1, 3) !== '')
        throw new SourceFormatError(file, n + 1, `bad modifier "${line.slice(0, 5)}"`);
      modifiers.push({
        code,
        longDescription: '',
        shortDescription: collapseWhitespace(field(line, 92, 119)),
        addedDate: ymd(field(line, 269, 276), file, n + 1, 'add date'),
        actionEffectiveDate: ymd(field(line, 277, 284), file, n + 1, 'action effective date'),
        terminationDate: ymd(field(line, 285, 292), file, n + 1, 'termination date'),
        actionCode: opt(field(line, 293, 293)),
      });
      modLong.push([long]);
      lastKind = 'modifier';
      lastCode = code;
    } else if (recordId === '4' || recordId === '8') {
      const kind = recordId === '4' ? 'code' : 'modifier';
      const code = kind === 'code' ? field(line, 1, 5) : field(line, 4, 5);
      // A continuation belongs to the record just before it (same code, higher sequence number).
      if (lastKind !== kind || code !== lastCode)
        throw new SourceFormatError(
          file,
          n + 1,
          `continuation record for ${code} does not follow its first record`,
        );
      if (kind === 'code') {
        codeLong[codeLong.length - 1]!.push(long);
        contCodes++;
      } else {
        modLong[modLong.length - 1]!.push(long);
        contMods++;
      }
    } else {
      throw new SourceFormatError(file, n + 1, `unknown record id "${recordId ?? ''}"`);
    }
  }
  return {
    codes: codes.map((c, i) => ({ ...c, longDescription: joinDescription(codeLong[i]!) })),
    modifiers: modifiers.map((m, i) => ({ ...m, longDescription: joinDescription(modLong[i]!) })),
    continuationRecords: { codes: contCodes, modifiers: contMods },
  };
}

/**
 * Joins the 80-character pieces of a long description (record ids 3 + 4, or 7 + 8): trailing
 * padding is dropped and pieces are joined with one space, the way CMS's own workbook of the same
 * file joins them (checked in test/hcpcs against `HCPC2026_JAN_ANWEB_01122026.xlsx`).
 */
function joinDescription(pieces: readonly string[]): string {
  return collapseWhitespace(
    pieces
      .map((p) => p.trimEnd())
      .filter((p) => p.trim() !== '')
      .join(' '),
  );
}

/**
 * Runs of spaces (and tabs, line breaks, no-break spaces) read as one space, ends trimmed. CMS
 * text has stray double spaces: the July 2026 workbook writes "…  …" in 14 of the 26 long
 * descriptions it "changes" (C9754, G0023, G0417), which would otherwise show as changed text
 * and break phrase search. Applied to both the fixed-width file and the workbook
 * so that the same file reads the same either way.
 *
 * @example
 * ```ts
 * collapseWhitespace(' Creation of arteriovenous fistula,  percutaneous ') // 'Creation of arteriovenous fistula, percutaneous'
 * ```
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The workbook column names (row 1 of the sheet). */
const WORKBOOK_COLUMNS = [
  'HCPC',
  'SEQNUM',
  'RECID',
  'LONG DESCRIPTION',
  'SHORT DESCRIPTION',
  'PRICE1',
  'PRICE2',
  'PRICE3',
  'PRICE4',
  'MULT_PI',
  'CIM1',
  'CIM2',
  'CIM3',
  'MCM1',
  'MCM2',
  'MCM3',
  'STATUTE',
  'LABCERT1',
  'LABCERT2',
  'LABCERT3',
  'LABCERT4',
  'LABCERT5',
  'LABCERT6',
  'LABCERT7',
  'LABCERT8',
  'XREF1',
  'XREF2',
  'XREF3',
  'XREF4',
  'XREF5',
  'COV',
  'ASC_GRP',
  'ASC_DT',
  'OPPS',
  'OPPS_PI',
  'OPPS_DT',
  'PROCNOTE',
  'BETOS',
  'TOS1',
  'TOS2',
  'TOS3',
  'TOS4',
  'TOS5',
  'ANEST_BU',
  'ADD DT',
  'ACT EFF DT',
  'TERM DT',
  'ACTION CD',
] as const;
type WorkbookColumn = (typeof WORKBOOK_COLUMNS)[number];

/**
 * Reads the rows of the ANWEB workbook (first row = header). Columns are found by header name, so
 * a reordered sheet still reads correctly; a missing column is a {@link SourceFormatError}. The
 * workbook holds one row per code or modifier (RECID 3 or 7) with the full long description.
 *
 * @example
 * ```ts
 * const { codes, modifiers } = parseHcpcsWorkbookRows(rows, 'HCPC2026_JUL_ANWEB_06172026.xlsx')
 * codes.length // 8725
 * ```
 */
export function parseHcpcsWorkbookRows(
  rows: readonly (readonly unknown[])[],
  file: string,
): HcpcsFileContents {
  const header = (rows[0] ?? []).map((h) =>
    String(h ?? '')
      .trim()
      .toUpperCase(),
  );
  const index = new Map<WorkbookColumn, number>();
  for (const col of WORKBOOK_COLUMNS) {
    const i = header.indexOf(col);
    if (i < 0) throw new SourceFormatError(file, 1, `missing column ${col}`);
    index.set(col, i);
  }
  const codes: HcpcsCodeRecord[] = [];
  const modifiers: HcpcsModifierRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const get = (c: WorkbookColumn): string => {
      const v = row[index.get(c)!];
      return v === null || v === undefined ? '' : String(v).trim();
    };
    const many = (prefix: string, n: number): string[] => {
      const out: string[] = [];
      for (let i = 1; i <= n; i++) {
        const v = get(`${prefix}${i}` as WorkbookColumn);
        if (v) out.push(v);
      }
      return out;
    };
    const recid = get('RECID');
    const code = get('HCPC');
    if (recid === '' && code === '') continue;
    const dates = {
      addedDate: ymd(get('ADD DT'), file, r + 1, 'ADD DT'),
      actionEffectiveDate: ymd(get('ACT EFF DT'), file, r + 1, 'ACT EFF DT'),
      terminationDate: ymd(get('TERM DT'), file, r + 1, 'TERM DT'),
      actionCode: opt(get('ACTION CD')),
    };
    if (recid === '3') {
      if (!/^[A-Z][0-9]{4}$/.test(code))
        throw new SourceFormatError(file, r + 1, `bad procedure code "${code}"`);
      const abu = get('ANEST_BU');
      codes.push({
        code,
        longDescription: collapseWhitespace(get('LONG DESCRIPTION')),
        shortDescription: collapseWhitespace(get('SHORT DESCRIPTION')),
        pricingIndicators: many('PRICE', 4),
        multiplePricingIndicator: opt(get('MULT_PI')),
        coverageIssuesManualSections: many('CIM', 3),
        carriersManualSections: many('MCM', 3),
        statute: opt(get('STATUTE')),
        labCertifications: many('LABCERT', 8),
        crossReferences: many('XREF', 5),
        coverage: opt(get('COV')),
        ascPaymentGroup: opt(get('ASC_GRP')),
        ascPaymentGroupEffectiveDate: ymd(get('ASC_DT'), file, r + 1, 'ASC_DT'),
        mogPaymentGroup: opt(get('OPPS')),
        mogPaymentPolicyIndicator: opt(get('OPPS_PI')),
        mogEffectiveDate: ymd(get('OPPS_DT'), file, r + 1, 'OPPS_DT'),
        processingNote: opt(get('PROCNOTE')),
        betos: opt(get('BETOS')),
        typesOfService: many('TOS', 5),
        anesthesiaBaseUnits: abu === '' ? undefined : Number(abu),
        ...dates,
      });
    } else if (recid === '7') {
      if (!/^[A-Z0-9]{2}$/.test(code)) throw new SourceFormatError(file, r + 1, `bad modifier "${code}"`);
      modifiers.push({
        code,
        longDescription: collapseWhitespace(get('LONG DESCRIPTION')),
        shortDescription: collapseWhitespace(get('SHORT DESCRIPTION')),
        ...dates,
      });
    } else {
      throw new SourceFormatError(file, r + 1, `unexpected RECID "${recid}"`);
    }
  }
  return { codes, modifiers, continuationRecords: { codes: 0, modifiers: 0 } };
}
