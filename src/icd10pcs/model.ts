/**
 * ICD-10-PCS code structure, without data: the alphabet, input normalization and the shapes of
 * entries, axes and tables.
 *
 * Sources: CMS ICD-10-PCS code structure (MLN web-based training, "Code structure") and
 * ICD-10-PCS Official Guidelines FY2026, conventions A1-A2: a code is exactly 7 characters, no decimal point; each character
 * is one of 34 values, the digits 0-9 and the letters A-H, J-N, P-Z (I and O are never used, so
 * they cannot be confused with 1 and 0). Character 1 is the section; the meaning of characters 2-7
 * depends on the section and is named by each table (`icd10pcs_tables_2026.xml`, `<axis pos>`
 * `<title>`).
 *
 * @module
 */
import { type ParsedCode, malformedCode, scanToResult } from '../core/code-shape';
import type { CodeEntry } from '../core/codeset';
import type { Result } from '../core/result';

/**
 * The 34 characters ICD-10-PCS uses, in the tables' sort order (ICD-10-PCS Official Guidelines, convention A2; CMS MLN
 * "Code structure": digits 0-9 and letters A-H, J-N, P-Z).
 *
 * @example
 * ```ts
 * ICD10PCS_ALPHABET.includes('O') // false
 * ```
 */
export const ICD10PCS_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Length of every ICD-10-PCS code (ICD-10-PCS Official Guidelines, convention A1).
 *
 * @example
 * ```ts
 * '0LB50ZZ'.length === ICD10PCS_CODE_LENGTH // true
 * ```
 */
export const ICD10PCS_CODE_LENGTH = 7;

/**
 * One axis (character position) of a code, with the value's meaning in its table.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').get('0LB50ZZ')?.axes[4] // { position: 5, name: 'Approach', value: '0', label: 'Open', definition: '…' }
 * ```
 */
export interface Icd10PcsAxis {
  /** 1 to 7. */
  readonly position: number;
  /** The axis name in this section, e.g. `Body Part`, `Approach`, `Contrast`. */
  readonly name: string;
  /** The character, e.g. `L`. */
  readonly value: string;
  /** The value's meaning in this table, e.g. `Tendons`. */
  readonly label: string;
  /** The official definition (root operations, approaches, some qualifiers), from the tables or definitions XML. */
  readonly definition?: string;
  /** The official explanation that accompanies a definition, from the definitions XML. */
  readonly explanation?: string;
  /** Terms the definitions XML lists under the value (body part key, device key, examples). */
  readonly includes?: readonly string[];
}

/**
 * One allowed value of an axis, as listed in a table row.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').table('0LB')?.rows[0]?.axes[1].values[0] // { value: '0', label: 'Open', definition: '…' }
 * ```
 */
export interface Icd10PcsAxisValue {
  readonly value: string;
  readonly label: string;
  readonly definition?: string;
  readonly explanation?: string;
  readonly includes?: readonly string[];
}

/**
 * One axis of a table row: its name and the values the row allows.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').table('0LB')?.rows[0]?.axes[1].name // 'Approach'
 * ```
 */
export interface Icd10PcsRowAxis {
  readonly position: number;
  readonly name: string;
  readonly values: readonly Icd10PcsAxisValue[];
}

/**
 * One row of a table: every combination of its four axes is a valid code.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').table('0LB')?.rows[0]?.codeCount // 168 = 28 body parts × 3 approaches × 1 device × 2 qualifiers
 * ```
 */
export interface Icd10PcsRow {
  /** 0-based row number within the table, as in the tables XML. */
  readonly index: number;
  /** How many codes the row generates (the product of its axes' sizes). */
  readonly codeCount: number;
  /** Axes 4 to 7. */
  readonly axes: readonly [Icd10PcsRowAxis, Icd10PcsRowAxis, Icd10PcsRowAxis, Icd10PcsRowAxis];
}

/**
 * One ICD-10-PCS table: the first three characters fixed, rows for characters 4 to 7.
 *
 * @example
 * ```ts
 * const t = icd10pcs.at('2026-05-01').table('0LB')
 * t?.bodySystem.label // 'Tendons'
 * ```
 */
export interface Icd10PcsTable {
  /** The first three characters, e.g. `0LB`. */
  readonly code: string;
  readonly section: Icd10PcsAxis;
  readonly bodySystem: Icd10PcsAxis;
  readonly operation: Icd10PcsAxis;
  readonly rows: readonly Icd10PcsRow[];
  /** Total codes of the table. */
  readonly codeCount: number;
}

/**
 * A valid ICD-10-PCS code with its titles and its seven axes.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').get('0LB50ZZ')?.shortTitle
 * ```
 */
export interface Icd10PcsEntry extends CodeEntry {
  /** The 7-character code, e.g. `0LB50ZZ`. */
  readonly code: string;
  /** Long title from the CMS order file. */
  readonly title: string;
  /** Abbreviated title from the CMS order file (at most 60 characters). */
  readonly shortTitle: string;
  /** The seven axes in order. */
  readonly axes: readonly Icd10PcsAxis[];
  /** The table (first three characters). */
  readonly table: string;
  /** The 0-based row of the table that generates the code. */
  readonly row: number;
}

/**
 * What `decode` returns: the axes of any 7-character string, valid or not.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').decode('0LB5OZZ')?.valid // false
 * ```
 */
export interface Icd10PcsDecoded {
  /** The normalized 7-character string. */
  readonly code: string;
  /** Whether the whole code is valid in the edition. */
  readonly valid: boolean;
  /** Seven axes; `label` is undefined where the value means nothing in that place. */
  readonly axes: readonly Icd10PcsDecodedAxis[];
  /** The table when the first three characters name one. */
  readonly table?: string;
}

/**
 * One decoded axis: the name and the character, with its meaning where it has one.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').decode('0LB5OZZ')?.axes[4] // { position: 5, name: 'Approach', value: 'O' } (no label)
 * ```
 */
export interface Icd10PcsDecodedAxis {
  readonly position: number;
  readonly name: string;
  readonly value: string;
  readonly label?: string;
  readonly definition?: string;
}

/**
 * Filter for `tables()` and `codes()`.
 *
 * @example
 * ```ts
 * icd10pcs.at('2026-05-01').tables({ section: '0', bodySystem: 'L', operation: 'B' })
 * ```
 */
export interface Icd10PcsTableFilter {
  /** Character 1, e.g. `0`. */
  readonly section?: string;
  /** Character 2, e.g. `L`. */
  readonly bodySystem?: string;
  /** Character 3, e.g. `B`. */
  readonly operation?: string;
}

/**
 * The compact result of {@link scanIcd10PcsInput} (the hot path of `get` and `check`);
 * {@link normalizeIcd10PcsInput} returns the public {@link Result} instead.
 *
 * @example
 * ```ts
 * const n = scanIcd10PcsInput('0lb50zz')
 * if (n.ok) n.code // '0LB50ZZ'
 * ```
 */
export type Icd10PcsNormalized =
  | { readonly ok: true; readonly code: string; readonly changes: readonly string[] }
  | {
      readonly ok: false;
      readonly reason: 'not_a_string' | 'empty' | 'too_long' | 'too_short' | 'bad_character';
      readonly position?: number;
    };

/** Inputs longer than this are rejected before any scan (a 1 MB string costs nothing). */
const MAX_RAW_LENGTH = 32;

const NOT_A_STRING: Icd10PcsNormalized = Object.freeze({ ok: false, reason: 'not_a_string' });
const EMPTY: Icd10PcsNormalized = Object.freeze({ ok: false, reason: 'empty' });
const TOO_LONG: Icd10PcsNormalized = Object.freeze({ ok: false, reason: 'too_long' });
const NO_CHANGES: readonly string[] = Object.freeze([]);

/** 1 where an ASCII code unit is one of the 34 PCS characters (upper case). */
const IS_PCS = new Uint8Array(128);
for (const ch of ICD10PCS_ALPHABET) IS_PCS[ch.charCodeAt(0)] = 1;

/** Where the 7-axis structure of a code is defined, cited by `malformed_code` issues. */
export const ICD10PCS_STRUCTURE_CITATION =
  'ICD-10-PCS Official Guidelines for Coding and Reporting FY2026, conventions A1-A2';
/** What a code looks like, in words, for `malformed_code` issues. */
export const ICD10PCS_EXPECTED_SHAPE = 'exactly 7 characters, each a digit 0-9 or a letter A-H, J-N, P-Z';

/**
 * Normalizes user input to a 7-character upper-case code, naming each change (lower-case letters
 * upper-cased, dots and spaces removed), or fails with one `malformed_code` issue (reason, position,
 * expected shape). Never throws.
 *
 * @example
 * ```ts
 * normalizeIcd10PcsInput(' 0lb.50zz') // { ok: true, value: { code: '0LB50ZZ', changes: ['upper-cased', 'removed dot', 'removed spaces'] }, issues: [] }
 * normalizeIcd10PcsInput('0LB5') // { ok: false, issues: [{ code: 'malformed_code', reason: 'too_short', … }] }
 * ```
 */
export function normalizeIcd10PcsInput(input: unknown): Result<ParsedCode> {
  const scan = scanIcd10PcsInput(input);
  if (scan.ok) return scanToResult('icd10pcs', input, scan);
  return malformedCode(
    'icd10pcs',
    input,
    { ...scan, expected: ICD10PCS_EXPECTED_SHAPE },
    ICD10PCS_STRUCTURE_CITATION,
  );
}

/**
 * Normalizes user input to a 7-character upper-case string: lowercase ASCII letters are upper-
 * cased, dots and spaces (a stray `0LB.50ZZ`, `0LB 50ZZ `) are removed, and each change is named.
 * Anything else that is not a digit or an ASCII letter (unicode look-alikes, punctuation) is a bad
 * character; `I` and `O` are kept, since they are letters a reader may type for 1 and 0, so that
 * `check` can say which axis they break. Never throws; bounded work for any input.
 *
 * @example
 * ```ts
 * scanIcd10PcsInput(' 0lb.50zz') // { ok: true, code: '0LB50ZZ', changes: ['upper-cased', 'removed dot', 'removed spaces'] }
 * ```
 */
export function scanIcd10PcsInput(input: unknown): Icd10PcsNormalized {
  if (typeof input !== 'string') return NOT_A_STRING;
  const n = input.length;
  // Fast path: already canonical.
  if (n === ICD10PCS_CODE_LENGTH) {
    let clean = true;
    for (let i = 0; i < n; i++) {
      const c = input.charCodeAt(i);
      if (c >= 128 || IS_PCS[c] !== 1) {
        clean = false;
        break;
      }
    }
    if (clean) return { ok: true, code: input, changes: NO_CHANGES };
  }
  if (n === 0) return EMPTY;
  if (n > MAX_RAW_LENGTH) return TOO_LONG;
  let out = '';
  let upper = false;
  let dots = 0;
  let spaces = 0;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c === 46) {
      dots++;
      continue;
    }
    // Any ASCII white space, as detectCodeSystem reads it: a code from a CRLF file line ends in \r.
    if (c === 32 || (c >= 9 && c <= 13)) {
      spaces++;
      continue;
    }
    if (c >= 97 && c <= 122) {
      upper = true;
      out += String.fromCharCode(c - 32);
      continue;
    }
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      out += input[i];
      continue;
    }
    return { ok: false, reason: 'bad_character', position: out.length };
  }
  if (out.length === 0) return EMPTY;
  if (out.length > ICD10PCS_CODE_LENGTH) return TOO_LONG;
  if (out.length < ICD10PCS_CODE_LENGTH) return { ok: false, reason: 'too_short' };
  const changes: string[] = [];
  if (upper) changes.push('upper-cased');
  if (dots > 0) changes.push(dots === 1 ? 'removed dot' : 'removed dots');
  if (spaces > 0) changes.push('removed spaces');
  return { ok: true, code: out, changes: Object.freeze(changes) };
}

/**
 * Whether the input is already a canonical 7-character string of PCS characters (upper case, no
 * dot or space): the allocation-free fast path of `check` and `get`.
 *
 * @example
 * ```ts
 * isCanonicalIcd10Pcs('0LB50ZZ') // true
 * isCanonicalIcd10Pcs('0lb50zz') // false (needs normalizing)
 * ```
 */
export function isCanonicalIcd10Pcs(input: unknown): input is string {
  if (typeof input !== 'string' || input.length !== ICD10PCS_CODE_LENGTH) return false;
  for (let i = 0; i < ICD10PCS_CODE_LENGTH; i++) {
    const c = input.charCodeAt(i);
    if (c >= 128 || IS_PCS[c] !== 1) return false;
  }
  return true;
}

/**
 * Whether a character is one of the 34 ICD-10-PCS values (I and O never are).
 *
 * @example
 * ```ts
 * isIcd10PcsCharacter('O') // false
 * ```
 */
export function isIcd10PcsCharacter(ch: unknown): boolean {
  // Any input: a public guard must answer `false`, not throw, for null or a number.
  return (
    typeof ch === 'string' && ch.length === 1 && ch.charCodeAt(0) < 128 && IS_PCS[ch.charCodeAt(0)] === 1
  );
}
