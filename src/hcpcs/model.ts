/**
 * HCPCS Level II, modifier and place-of-service models: entry types and the parsing of a raw code
 * string. No data here: the entries come from the packs (see `codeset.ts`).
 *
 * Field names follow the meaning given in the CMS record layout `HCPC2026_recordlayout.txt`
 * (member of `codesets/sources/hcpcs/january-2026-alpha-numeric-hcpcs-file.zip`), not its columns.
 *
 * @module
 */
import type { CodeEntry } from '../core/codeset';
import type { HcpcsCategory } from './categories';
import type { IsoDate } from '../core/dates';
import {
  type CodeScan,
  type MalformedShape,
  type ParsedCode,
  isAsciiDigit,
  nonAsciiAt,
  scanToResult,
} from '../core/code-shape';
import type { Result } from '../core/result';

/**
 * One HCPCS Level II procedure/supply code with every field of the CMS contractor record.
 *
 * @example
 * ```ts
 * hcpcs.at('2026-03-01').get('G0121')?.pricingIndicators // ['11']
 * ```
 */
export interface HcpcsEntry extends CodeEntry {
  /** Five characters, a letter and four digits, e.g. `G0121`. */
  readonly code: string;
  /** The full long description (first record plus its continuation records, record id 4). */
  readonly title: string;
  /** Same as `title`; named as in the layout (field 7, HCPCS Long Description). */
  readonly longDescription: string;
  /** Field 8, HCPCS Short Description (at most 28 characters). */
  readonly shortDescription: string;
  /** Field 9, Pricing Indicator Code (1–4 occurrences), e.g. `['11']`; `00` = not separately priced by Part B. */
  readonly pricingIndicators: readonly string[];
  /** Field 10, Multiple Pricing Indicator Code, e.g. `A` (priced under one methodology), `9` (not applicable). */
  readonly multiplePricingIndicator: string | undefined;
  /** Field 11, Coverage Issues Manual reference section numbers (0–3). */
  readonly coverageIssuesManualSections: readonly string[];
  /** Field 12, Medicare Carriers Manual reference section numbers (0–3). */
  readonly carriersManualSections: readonly string[];
  /** Field 13, statute reference for coverage or non-coverage, e.g. `1862(a)(7)`. */
  readonly statute: string | undefined;
  /** Field 14, lab certification codes (0–8), e.g. `['310']` (routine chemistry). */
  readonly labCertifications: readonly string[];
  /** Field 15, cross-reference codes (0–5): a valid code for a deleted or non-Medicare code. */
  readonly crossReferences: readonly string[];
  /** Field 16, Medicare coverage code: C carrier judgment, D special instructions, I not payable, M non-covered, S non-covered by statute. */
  readonly coverage: string | undefined;
  /** Field 17, ASC payment group code: `YY` = approved for an ambulatory surgical center. */
  readonly ascPaymentGroup: string | undefined;
  /** Field 18, date the code was assigned to the ASC payment group. */
  readonly ascPaymentGroupEffectiveDate: IsoDate | undefined;
  /** Field 19, MOG (Medicare outpatient group) payment group code (the workbook's `OPPS` column). */
  readonly mogPaymentGroup: string | undefined;
  /** Field 20, MOG payment policy indicator (the workbook's `OPPS_PI`). */
  readonly mogPaymentPolicyIndicator: string | undefined;
  /** Field 21, MOG effective date (the workbook's `OPPS_DT`). */
  readonly mogEffectiveDate: IsoDate | undefined;
  /** Field 22, processing note number (Appendix A of the HCPCS manual). */
  readonly processingNote: string | undefined;
  /** Field 23, Berenson-Eggers type of service (BETOS), e.g. `P8D` (colonoscopy). */
  readonly betos: string | undefined;
  /** Field 25, CMS type of service codes (1–5), e.g. `['2']` (surgery). */
  readonly typesOfService: readonly string[];
  /** Field 26, anesthesia base units, when given. */
  readonly anesthesiaBaseUnits: number | undefined;
  /** Field 27, date the code was added to HCPCS. */
  readonly addedDate: IsoDate | undefined;
  /** Field 28, effective date of the latest action on the code. */
  readonly actionEffectiveDate: IsoDate | undefined;
  /** Field 29, last date the code may be used by Medicare providers (inclusive). */
  readonly terminationDate: IsoDate | undefined;
  /** Field 30, action code: A add, B both, C long description, D discontinue, F admin, N none, P payment, R reactivate, S short description, T misc. */
  readonly actionCode: string | undefined;
  /** The Level II category of the code's first letter (a descriptive label of the letter), with its citation. */
  readonly category: HcpcsCategory;
}

/**
 * Where a modifier comes from: the HCPCS Level II file, or CPT (value with a neutral medcode label).
 *
 * @example
 * ```ts
 * hcpcs.modifiers.at('2026-03-01').get('25')?.source // 'cpt'
 * ```
 */
export type ModifierSource = 'hcpcs' | 'cpt';

/**
 * A two-character modifier, Level II (from the CMS file) or CPT (value only).
 *
 * @example
 * ```ts
 * hcpcs.modifiers.at('2026-03-01').get('LT') // { source: 'hcpcs', ptpAssociated: true, anatomic: true, … }
 * ```
 */
export interface ModifierEntry extends CodeEntry {
  /** Two characters, e.g. `59`, `XS`, `LT`. */
  readonly code: string;
  /** Level II: the CMS long description. CPT: a neutral label written by medcode (never AMA text). */
  readonly title: string;
  readonly source: ModifierSource;
  /** NCCI PTP-associated: may bypass a PTP edit with modifier indicator 1 (NCCI Policy Manual for Medicare Services, ch. I, section E). */
  readonly ptpAssociated: boolean;
  /** Anatomic modifier (LT, RT, E1–E4, FA, F1–F9, TA, T1–T9, LC, LD, LM, RC, RI; NCCI Policy Manual for Medicare Services, ch. I, section E). */
  readonly anatomic: boolean;
  /** Level II: the CMS short description; CPT: the same neutral label. */
  readonly shortDescription: string;
  /** Level II only: record dates and action code (fields 27–30 of the layout). */
  readonly addedDate: IsoDate | undefined;
  readonly actionEffectiveDate: IsoDate | undefined;
  readonly terminationDate: IsoDate | undefined;
  readonly actionCode: string | undefined;
}

/**
 * One CMS place-of-service code.
 *
 * @example
 * ```ts
 * placesOfService.at('2026-03-01').get('66')?.effectiveFrom // '2024-08-01'
 * ```
 */
export interface PlaceOfServiceEntry extends CodeEntry {
  /** Two digits, leading zero kept: `01`, `11`, `99`. */
  readonly code: string;
  /** Same as `name`. */
  readonly title: string;
  readonly name: string;
  /** The CMS description of the setting. */
  readonly description: string;
  /** First day the code may be used, when CMS states one later than the edition start. */
  readonly effectiveFrom: IsoDate | undefined;
  /** Last day the code may be used, when it has been retired. */
  readonly effectiveTo: IsoDate | undefined;
}

/**
 * The compact outcome of scanning a raw string as a code of a given shape (the hot path of `get`
 * and `check`); the public `parse…Code` functions return a {@link Result} instead.
 *
 * @example
 * ```ts
 * scanModifierCode('5') // { ok: false, reason: 'too_short', expected: '2 letters or digits, e.g. 59 or XS' }
 * ```
 */
export type CodeShape =
  | (CodeScan<string> & { readonly ok: true })
  | (MalformedShape & { readonly ok: false; readonly expected: string });

const MAX_INPUT = 64;

/**
 * Reads `raw` as a code of fixed `length` whose characters all satisfy `allowed` (given upper
 * case). Trims surrounding white space and upper-cases letters, reporting what it changed. Never
 * throws; inspects at most 64 characters of any input.
 */
function readFixed(
  raw: unknown,
  length: number,
  expected: string,
  allowed: (charCode: number, index: number) => boolean,
): CodeShape {
  if (typeof raw !== 'string') return { ok: false, reason: 'not_a_string', expected };
  if (raw.length > MAX_INPUT) return { ok: false, reason: 'too_long', expected };
  // Before trimming or case folding, which would read 'ſ9083' as S9083 and 'ß' as SS.
  const foreign = nonAsciiAt(raw);
  if (foreign >= 0)
    return {
      ok: false,
      reason: foreign === 0 ? 'first_character' : 'bad_character',
      position: foreign,
      expected,
    };
  let s = raw;
  const changes: string[] = [];
  const trimmed = s.trim();
  if (trimmed !== s) {
    changes.push('trimmed white space');
    s = trimmed;
  }
  if (s.length === 0) return { ok: false, reason: 'empty', expected };
  const upper = s.toUpperCase();
  if (upper !== s) {
    changes.push('upper-cased');
    s = upper;
  }
  if (s.length > length) return { ok: false, reason: 'too_long', expected };
  if (s.length < length) return { ok: false, reason: 'too_short', expected };
  for (let i = 0; i < length; i++) {
    if (!allowed(s.charCodeAt(i), i))
      return { ok: false, reason: i === 0 ? 'first_character' : 'bad_character', position: i, expected };
  }
  return { ok: true, code: s, changes };
}

const isUpper = (c: number) => c >= 65 && c <= 90;

/**
 * Reads a HCPCS Level II code: one letter A–V then four digits (CMS HCPCS Level II record layout,
 * HCPC2026_recordlayout.txt, field 1; HL7 terminology cs-hcpcs-level-ii: "the A to V range").
 *
 * @example
 * ```ts
 * parseHcpcsCode(' g0121') // { ok: true, value: { code: 'G0121', changes: ['trimmed white space', 'upper-cased'] }, issues: [] }
 * parseHcpcsCode('99213')  // { ok: false, issues: [{ code: 'malformed_code', reason: 'first_character', position: 0, … }] }
 * ```
 */
export function parseHcpcsCode(raw: unknown): Result<ParsedCode> {
  return scanToResult('hcpcs', raw, scanHcpcsCode(raw));
}

/**
 * The scanner behind {@link parseHcpcsCode}, in the compact form the code set reads.
 *
 * @example
 * ```ts
 * scanHcpcsCode('g0121') // { ok: true, code: 'G0121', changes: ['upper-cased'] }
 * ```
 */
export function scanHcpcsCode(raw: unknown): CodeShape {
  return readFixed(raw, 5, 'a letter A–V and 4 digits, e.g. G0121', (c, i) =>
    i === 0 ? c >= 65 && c <= 86 : isAsciiDigit(c),
  );
}

/**
 * Reads a modifier: exactly two letters or digits (ASC X12 005010X222A1, element 1339, AN 2/2).
 *
 * @example
 * ```ts
 * parseModifierCode('xs') // { ok: true, value: { code: 'XS', changes: ['upper-cased'] }, issues: [] }
 * ```
 */
export function parseModifierCode(raw: unknown): Result<ParsedCode> {
  return scanToResult('hcpcs-modifier', raw, scanModifierCode(raw));
}

/**
 * The scanner behind {@link parseModifierCode}.
 *
 * @example
 * ```ts
 * scanModifierCode('xs') // { ok: true, code: 'XS', changes: ['upper-cased'] }
 * ```
 */
export function scanModifierCode(raw: unknown): CodeShape {
  return readFixed(raw, 2, '2 letters or digits, e.g. 59 or XS', (c) => isAsciiDigit(c) || isUpper(c));
}

/**
 * Reads a place-of-service code: exactly two digits. `'1'` is not `'01'` (POS codes are two-digit
 * strings: CMS Place of Service Code Set; HL7 terminology cs-CMS-PlaceofServiceCodes).
 *
 * @example
 * ```ts
 * parsePlaceOfServiceCode('11').ok // true
 * parsePlaceOfServiceCode('1').ok  // false (malformed_code, too_short)
 * ```
 */
export function parsePlaceOfServiceCode(raw: unknown): Result<ParsedCode> {
  return scanToResult('pos', raw, scanPlaceOfServiceCode(raw));
}

/**
 * The scanner behind {@link parsePlaceOfServiceCode}.
 *
 * @example
 * ```ts
 * scanPlaceOfServiceCode('1').ok // false
 * ```
 */
export function scanPlaceOfServiceCode(raw: unknown): CodeShape {
  return readFixed(raw, 2, '2 digits, e.g. 11', isAsciiDigit);
}
