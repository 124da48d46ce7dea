/**
 * HCPCS Level II code categories: the first letter of a Level II code (A–V) groups the codes by
 * kind of item or service. CMS defines the Level II code set and its A–V range (CMS "Healthcare
 * Common Procedure Coding System (HCPCS) Level II Coding Procedures", which describes the permanent
 * and temporary code types; HL7 THO CodeSystem hcpcs-Level-II, OID 2.16.840.1.113883.6.285), but
 * publishes no table of one name per letter: the names below are medcode's descriptive labels of
 * each letter's codes, in the wording the HCPCS Level II code books use, not a CMS title. D
 * (dental, CDT, maintained by the ADA) has no codes in the CMS file and is listed for completeness.
 *
 * @module
 */

/** The letters that begin HCPCS Level II codes. */
export type HcpcsCategoryLetter =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'G'
  | 'H'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T'
  | 'U'
  | 'V';

/**
 * The category of a HCPCS Level II code, from its first letter.
 *
 * @example
 * ```ts
 * hcpcs.at('2026-03-01').get('L3000')?.category
 * // { letter: 'L', name: 'Orthotic and prosthetic procedures and devices', citation: 'HCPCS Level II code set, first letter A–V …' }
 * ```
 */
export interface HcpcsCategory {
  readonly letter: HcpcsCategoryLetter;
  readonly name: string;
  /** Where the category is defined. */
  readonly citation: string;
}

/** Where the categories are defined, cited on each. */
export const HCPCS_CATEGORY_CITATION =
  'HCPCS Level II code set, first letter A–V (CMS HCPCS Level II Coding Procedures); category names are descriptive labels, not a CMS-published table';

const NAMES: Readonly<Record<HcpcsCategoryLetter, string>> = {
  A: 'Transportation services including ambulance, medical and surgical supplies, administrative, miscellaneous and investigational',
  B: 'Enteral and parenteral therapy',
  C: 'Outpatient prospective payment system (temporary hospital OPPS codes)',
  D: 'Dental procedures (CDT, maintained by the American Dental Association)',
  E: 'Durable medical equipment',
  G: 'Procedures/professional services (temporary)',
  H: 'Alcohol and drug abuse treatment services; rehabilitative services',
  J: 'Drugs administered other than oral method; chemotherapy drugs',
  K: 'Temporary codes for durable medical equipment (DME MACs)',
  L: 'Orthotic and prosthetic procedures and devices',
  M: 'Medical services (including quality measures)',
  P: 'Pathology and laboratory services',
  Q: 'Temporary codes (Q)',
  R: 'Diagnostic radiology services',
  S: 'Temporary national codes (non-Medicare)',
  T: 'National codes established for state Medicaid agencies',
  U: 'Coronavirus diagnostic laboratory tests',
  V: 'Vision and hearing services',
};

/**
 * Every HCPCS Level II category by its letter, frozen.
 *
 * @example
 * ```ts
 * HCPCS_CATEGORIES.G.name // 'Procedures/professional services (temporary)'
 * ```
 */
export const HCPCS_CATEGORIES: Readonly<Record<HcpcsCategoryLetter, HcpcsCategory>> = Object.freeze(
  Object.fromEntries(
    Object.entries(NAMES).map(([letter, name]) => [
      letter,
      Object.freeze({ letter: letter as HcpcsCategoryLetter, name, citation: HCPCS_CATEGORY_CITATION }),
    ]),
  ) as Record<HcpcsCategoryLetter, HcpcsCategory>,
);

/**
 * The category of a Level II code by its first letter, or `undefined` for a letter that begins no
 * Level II category (F, I, N, O, W–Z) or a non-string.
 *
 * @example
 * ```ts
 * hcpcsCategoryOf('A0428')?.name // 'Transportation services including ambulance, …'
 * hcpcsCategoryOf('99213')       // undefined
 * ```
 */
export function hcpcsCategoryOf(code: unknown): HcpcsCategory | undefined {
  if (typeof code !== 'string' || code.length === 0) return undefined;
  const letter = code[0]!.toUpperCase();
  return Object.hasOwn(HCPCS_CATEGORIES, letter)
    ? HCPCS_CATEGORIES[letter as HcpcsCategoryLetter]
    : undefined;
}
