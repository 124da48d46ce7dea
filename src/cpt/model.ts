/**
 * The CPT code model: category and (Category I) section from the code's shape and number alone.
 * No AMA text: descriptors come only from a file the user licenses (see `descriptors.ts`).
 *
 * Sources: the AMA CPT code categories (I 5 digits; II 4 digits + F; III 4 digits + T; PLA 4 digits
 * + U; administrative MAAA codes 4 digits + M, CPT Appendix O) and the Category I section ranges of
 * the CPT code book; a numeric range alone cannot decide
 * the section of a 99xxx code (docs/cpt.md explains why).
 *
 * @module
 */
import { malformedCode, nonAsciiAt } from '../core/code-shape';
import type { Result } from '../core/result';
import type { CodeShape } from '../hcpcs/model';
import { success } from '../core/result';

/**
 * CPT category: I (5 digits), II (4 digits + F), III (4 digits + T), PLA (4 digits + U) or MAAA
 * (4 digits + M: the administrative codes for multianalyte assays with algorithmic analyses that CPT
 * Appendix O lists, such as 0018M, which CMS's MUE file carries).
 *
 * @example
 * ```ts
 * const c: CptCategory = 'III' // 4 digits + T
 * ```
 */
export type CptCategory = 'I' | 'II' | 'III' | 'PLA' | 'MAAA';

/**
 * Category I sections (CPT code book section headings). PLA codes belong to Pathology and Laboratory.
 *
 * @example
 * ```ts
 * const s: CptSection = 'evaluation_and_management'
 * ```
 */
export type CptSection =
  | 'evaluation_and_management'
  | 'anesthesia'
  | 'surgery'
  | 'radiology'
  | 'pathology_and_laboratory'
  | 'medicine';

/**
 * One numeric range of a Category I section, inclusive.
 *
 * @example
 * ```ts
 * CPT_SECTION_RANGES[0] // { section: 'anesthesia', low: '00100', high: '01999' }
 * ```
 */
export interface CptSectionRange {
  readonly section: CptSection;
  readonly low: string;
  readonly high: string;
  /** Why the range is there, when it is a secondary one. */
  readonly note?: string;
}

/**
 * Category I section ranges, as the CPT code book's section headings give them: E/M 99202–99499;
 * Anesthesia 00100–01999 plus 99100–99140 (qualifying circumstances); Surgery 10004–69990;
 * Radiology 70010–79999; Pathology and Laboratory 80047–89398; Medicine 90281–99199 and
 * 99500–99607.
 *
 * @example
 * ```ts
 * CPT_SECTION_RANGES.filter((r) => r.section === 'medicine').length // 2
 * ```
 */
export const CPT_SECTION_RANGES: readonly CptSectionRange[] = Object.freeze(
  [
    { section: 'anesthesia', low: '00100', high: '01999' },
    { section: 'surgery', low: '10004', high: '69990' },
    { section: 'radiology', low: '70010', high: '79999' },
    { section: 'pathology_and_laboratory', low: '80047', high: '89398' },
    { section: 'medicine', low: '90281', high: '99199' },
    { section: 'anesthesia', low: '99100', high: '99140', note: 'anesthesia qualifying circumstances' },
    { section: 'evaluation_and_management', low: '99202', high: '99499' },
    { section: 'medicine', low: '99500', high: '99607' },
  ].map((r) => Object.freeze(r)) as CptSectionRange[],
);

/**
 * What `cpt.parse` tells about a code.
 *
 * @example
 * ```ts
 * const r = parseCpt('99213')
 * if (r.ok) r.value.sectionCertain // false
 * ```
 */
export interface CptCode {
  /** The code, trimmed and upper-cased, e.g. `99213`, `0213T`. */
  readonly code: string;
  readonly category: CptCategory;
  /**
   * The section when the number decides it. For Category I codes in 99000–99999 it is the
   * range's answer but `sectionCertain` is false; for numbers in no published range, `undefined`.
   * PLA and MAAA codes: `pathology_and_laboratory`. Categories II and III have no section.
   */
  readonly section: CptSection | undefined;
  /** Every section whose range contains the number (two for 99100–99140). */
  readonly sectionCandidates: readonly CptSection[];
  /** False when the range alone cannot decide (every 99xxx code: see docs/cpt.md) or none matched. */
  readonly sectionCertain: boolean;
  /** Plain-words explanation when the section is uncertain or unknown. */
  readonly sectionNote: string | undefined;
}

const MAX_INPUT = 64;

/**
 * Reads a string as a CPT code shape (trim, upper-case). Used by `get`/`check` of a descriptor set.
 *
 * @example
 * ```ts
 * readCptShape(' 0213t') // { ok: true, code: '0213T', changes: ['trimmed white space', 'upper-cased'] }
 * ```
 */
export function readCptShape(raw: unknown): CodeShape {
  const expected = '5 digits, or 4 digits followed by F, M, T or U';
  if (typeof raw !== 'string') return { ok: false, reason: 'not_a_string', expected };
  if (raw.length > MAX_INPUT) return { ok: false, reason: 'too_long', expected };
  // Before trimming or case folding (see nonAsciiAt).
  const foreign = nonAsciiAt(raw);
  if (foreign >= 0)
    return {
      ok: false,
      reason: foreign === 0 ? 'first_character' : 'bad_character',
      position: foreign,
      expected,
    };
  const changes: string[] = [];
  let s = raw.trim();
  if (s !== raw) changes.push('trimmed white space');
  if (s === '') return { ok: false, reason: 'empty', expected };
  const up = s.toUpperCase();
  if (up !== s) {
    changes.push('upper-cased');
    s = up;
  }
  if (s.length > 5) return { ok: false, reason: 'too_long', expected };
  if (s.length < 5) return { ok: false, reason: 'too_short', expected };
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57)
      return { ok: false, reason: i === 0 ? 'first_character' : 'bad_character', position: i, expected };
  }
  const last = s[4]!;
  if (!/[0-9FMTU]/.test(last)) return { ok: false, reason: 'bad_character', position: 4, expected };
  return { ok: true, code: s, changes };
}

/**
 * Parses a CPT code: its category, and for Category I its section by numeric range.
 *
 * @returns the {@link CptCode}, or a `malformed_code` issue (system `cpt`) for anything that is
 * not 5 digits or 4 digits + F/M/T/U. Never throws.
 *
 * @example
 * ```ts
 * parseCpt('27447')  // { ok: true, value: { category: 'I', section: 'surgery', sectionCertain: true, … } }
 * parseCpt('99213')  // section 'evaluation_and_management', sectionCertain: false (99xxx)
 * parseCpt('3074F')  // category 'II'
 * parseCpt('0001U')  // category 'PLA', section 'pathology_and_laboratory'
 * parseCpt('0018M')  // category 'MAAA', section 'pathology_and_laboratory'
 * parseCpt('9921')   // { ok: false, issues: [malformed_code (too_short)] }
 * ```
 */
export function parseCpt(raw: unknown): Result<CptCode> {
  const shape = readCptShape(raw);
  if (!shape.ok) return malformedCode('cpt', raw, shape);
  return success(describe(shape.code));
}

function describe(code: string): CptCode {
  const last = code[4]!;
  if (last === 'F')
    return freeze({
      code,
      category: 'II',
      section: undefined,
      sectionCandidates: [],
      sectionCertain: true,
      sectionNote: 'Category II (performance measurement) codes have no section',
    });
  if (last === 'T')
    return freeze({
      code,
      category: 'III',
      section: undefined,
      sectionCandidates: [],
      sectionCertain: true,
      sectionNote: 'Category III (emerging technology) codes have no section',
    });
  if (last === 'U' || last === 'M')
    return freeze({
      code,
      category: last === 'U' ? 'PLA' : 'MAAA',
      section: 'pathology_and_laboratory',
      sectionCandidates: ['pathology_and_laboratory'],
      sectionCertain: true,
      sectionNote: undefined,
    });
  const candidates = [
    ...new Set(CPT_SECTION_RANGES.filter((r) => code >= r.low && code <= r.high).map((r) => r.section)),
  ];
  const is99 = code.startsWith('99');
  if (candidates.length === 0) {
    return freeze({
      code,
      category: 'I',
      section: undefined,
      sectionCandidates: [],
      sectionCertain: false,
      sectionNote: `${code} is in no published Category I section range`,
    });
  }
  if (is99) {
    // E/M (99202–99499) sits inside the Medicine numbers; a 99xxx number
    // alone does not prove the section. The range's answer is given, marked uncertain.
    const section =
      candidates.includes('anesthesia') && candidates.includes('medicine') ? 'anesthesia' : candidates[0]!;
    return freeze({
      code,
      category: 'I',
      section,
      sectionCandidates: candidates,
      sectionCertain: false,
      sectionNote: `99xxx codes share numbers between Evaluation and Management, Medicine and anesthesia qualifying circumstances; by range alone ${code} is ${candidates.join(' or ')}`,
    });
  }
  return freeze({
    code,
    category: 'I',
    section: candidates[0]!,
    sectionCandidates: candidates,
    sectionCertain: candidates.length === 1,
    sectionNote: undefined,
  });
}

function freeze(c: CptCode): CptCode {
  return Object.freeze({ ...c, sectionCandidates: Object.freeze([...c.sectionCandidates]) });
}
