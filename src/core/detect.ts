/**
 * Which code systems a pasted string could belong to, from its shape alone (no data is loaded).
 *
 * Shapes: ICD-10-CM a letter, then 2 letters/digits, then up to 4 more, dot after the 3rd
 * (ICD-10-CM Official Guidelines FY2026, section I.A.4: codes are 3 to 7 alphanumeric characters;
 * the second character is a letter in categories such as QA0, added in FY2026); ICD-10-PCS exactly
 * 7 of 0–9 and A–Z without I and O, read after removing the dots and spaces a reader may type, as
 * `icd10pcs` `get` does (ICD-10-PCS Official Guidelines FY2026, conventions A1-A2); CPT
 * Category I 5 digits, II 4 digits + F, III 4 digits + T, PLA 4 digits + U (AMA CPT code categories); HCPCS Level II
 * a letter A–V and 4 digits (§1.4). A string can fit several (e.g. `G0121` is HCPCS-shaped and
 * ICD-10-CM-shaped): look it up in each candidate system to decide.
 *
 * @module
 */
import { nonAsciiAt } from './code-shape';
import type { CodeSystemId } from './systems';

/**
 * One system a string could be a code of.
 *
 * @example
 * ```ts
 * detectCodeSystem('0213T')[0] // { system: 'cpt', normalized: '0213T', cptCategory: 'III' }
 * ```
 */
export interface DetectedCode {
  readonly system: Extract<CodeSystemId, 'icd10cm' | 'icd10pcs' | 'cpt' | 'hcpcs'>;
  /** The string as that system writes it (upper case; ICD-10-CM dotted). */
  readonly normalized: string;
  /** For CPT: its category. */
  readonly cptCategory?: 'I' | 'II' | 'III' | 'PLA' | 'MAAA';
}

// A dot only between the category and at least one more character, as ICD-10-CM writes codes.
const CM = /^([A-Z][0-9A-Z]{2})(?:\.?([0-9A-Z]{1,4}))?$/;
const PCS = /^[0-9A-HJ-NP-Z]{7}$/;
const HCPCS = /^[A-V][0-9]{4}$/;
const CPT1 = /^[0-9]{5}$/;
const CPT_OTHER = /^[0-9]{4}[FMTU]$/;

/** The category a CPT code of 4 digits and a letter has, by its letter (AMA CPT code categories). */
const CPT_CATEGORY_BY_LAST_CHARACTER: Readonly<Record<string, 'II' | 'III' | 'PLA' | 'MAAA'>> = {
  F: 'II',
  M: 'MAAA',
  T: 'III',
  U: 'PLA',
};

function pcsCandidate(normalized: string): DetectedCode {
  return { system: 'icd10pcs', normalized };
}

/**
 * The candidate systems for a raw string, most specific shape first (HCPCS and CPT before
 * ICD-10-CM, which accepts almost any short letter-digit string). Empty for anything else,
 * including non-strings and strings over 16 characters. Never throws.
 *
 * @example
 * ```ts
 * detectCodeSystem('99213')   // [{ system: 'cpt', normalized: '99213', cptCategory: 'I' }]
 * detectCodeSystem('e11.9')   // [{ system: 'icd10cm', normalized: 'E11.9' }]
 * detectCodeSystem('G0121')   // [{ system: 'hcpcs', … }, { system: 'icd10cm', normalized: 'G01.21' }]
 * detectCodeSystem('0DTJ4ZZ') // [{ system: 'icd10pcs', normalized: '0DTJ4ZZ' }]
 * detectCodeSystem('0DT J4 ZZ') // [{ system: 'icd10pcs', normalized: '0DTJ4ZZ' }]
 * detectCodeSystem('QA0.01')  // [{ system: 'icd10cm', normalized: 'QA0.01' }]
 * ```
 */
export function detectCodeSystem(raw: unknown): readonly DetectedCode[] {
  if (typeof raw !== 'string' || raw.length > 16) return [];
  // Codes are ASCII: 'ı10' must not become I10 by case mapping (see nonAsciiAt).
  if (nonAsciiAt(raw) >= 0) return [];
  const s = raw.trim().toUpperCase();
  if (s.length < 3) return [];
  // ICD-10-PCS input may carry dots and inner spaces (`0DT.J4ZZ`, `0DT J4 ZZ`): `icd10pcs` `get`
  // reads it after removing them, so detection does too.
  const pcs = s.replace(/[.\s]/g, '');
  if (s.length > 8) return pcs !== s && PCS.test(pcs) ? [pcsCandidate(pcs)] : [];
  const out: DetectedCode[] = [];
  if (HCPCS.test(s)) out.push({ system: 'hcpcs', normalized: s });
  if (CPT1.test(s)) out.push({ system: 'cpt', normalized: s, cptCategory: 'I' });
  if (CPT_OTHER.test(s))
    out.push({
      system: 'cpt',
      normalized: s,
      cptCategory: CPT_CATEGORY_BY_LAST_CHARACTER[s[4]!]!,
    });
  if (PCS.test(pcs)) out.push(pcsCandidate(pcs));
  const cm = CM.exec(s);
  if (cm) out.push({ system: 'icd10cm', normalized: cm[2] ? `${cm[1]}.${cm[2]}` : cm[1]! });
  return Object.freeze(out.map((d) => Object.freeze(d)));
}
