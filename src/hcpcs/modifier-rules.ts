/**
 * Modifier facts the rules need: which modifiers are NCCI PTP-associated and which are anatomic,
 * and the CPT (Level I) modifier values with neutral labels.
 *
 * Source for both lists: the CMS NCCI Policy Manual for Medicare Services, chapter I, section E
 * ("Modifiers and Modifier Indicators"), as reproduced at
 * https://andrewallenbruce.github.io/northstar/reference/search_ptps.html and
 * https://findacode.com/tools/ncci-edit-modifiers.php, and `codesets/sources/reference/modifiers-notes.md`.
 *
 * @module
 */

/**
 * Anatomic modifiers (NCCI Policy Manual for Medicare Services, ch. I, section E): eyelids E1–E4, left-hand digits FA, F1–F4, right-hand
 * digits F5–F9, left-foot digits TA, T1–T4, right-foot digits T5–T9, sides LT/RT, coronary arteries
 * LC, LD, LM, RC, RI.
 *
 * @example
 * ```ts
 * ANATOMIC_MODIFIERS.has('F5') // true
 * ```
 */
export const ANATOMIC_MODIFIERS: ReadonlySet<string> = new Set([
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LT',
  'RT',
  'LC',
  'LD',
  'LM',
  'RC',
  'RI',
]);

/**
 * NCCI PTP-associated modifiers: the only modifiers that may bypass a PTP edit whose modifier
 * indicator is 1 (NCCI Policy Manual for Medicare Services, ch. I, section E). Anatomic, global surgery
 * (24, 25, 57, 58, 78, 79) and other (27, 59, 91, XE, XS, XP, XU). 76/77 are NOT on the list.
 *
 * @example
 * ```ts
 * PTP_ASSOCIATED_MODIFIERS.has('XS') // true
 * PTP_ASSOCIATED_MODIFIERS.has('76') // false
 * ```
 */
export const PTP_ASSOCIATED_MODIFIERS: ReadonlySet<string> = new Set([
  ...ANATOMIC_MODIFIERS,
  '24',
  '25',
  '57',
  '58',
  '78',
  '79',
  '27',
  '59',
  '91',
  'XE',
  'XS',
  'XP',
  'XU',
]);

/**
 * CPT (Level I) modifier values with labels written for medcode. These are NOT the AMA descriptors
 * (AMA copyright, see modifiers-notes.md): each label only names the circumstance in neutral words
 * so that a user can tell the values apart. Attach licensed CPT text yourself if you need it.
 *
 * @example
 * ```ts
 * CPT_MODIFIER_LABELS.get('59') // 'Distinct procedural service (NCCI bypass)'
 * ```
 */
export const CPT_MODIFIER_LABELS: ReadonlyMap<string, string> = new Map([
  ['22', 'Increased procedural work'],
  ['23', 'Unusual anesthesia'],
  ['24', 'Unrelated E/M visit in a postoperative period'],
  ['25', 'Separate E/M service on the same day as a procedure'],
  ['26', 'Professional component only'],
  ['27', 'Multiple outpatient hospital E/M encounters on one day'],
  ['32', 'Service required by a third party'],
  ['33', 'Preventive service'],
  ['47', 'Anesthesia given by the surgeon'],
  ['50', 'Bilateral procedure'],
  ['51', 'Multiple procedures'],
  ['52', 'Reduced service'],
  ['53', 'Procedure stopped before completion'],
  ['54', 'Surgical care only'],
  ['55', 'Postoperative care only'],
  ['56', 'Preoperative care only'],
  ['57', 'E/M visit that led to the decision for surgery'],
  ['58', 'Staged or related procedure in the postoperative period'],
  ['59', 'Distinct procedural service (NCCI bypass)'],
  ['62', 'Two surgeons'],
  ['63', 'Procedure on an infant under 4 kg'],
  ['66', 'Surgical team'],
  ['73', 'Outpatient procedure stopped before anesthesia'],
  ['74', 'Outpatient procedure stopped after anesthesia'],
  ['76', 'Repeat procedure, same practitioner'],
  ['77', 'Repeat procedure, other practitioner'],
  ['78', 'Unplanned return to the operating room in the postoperative period'],
  ['79', 'Unrelated procedure in the postoperative period'],
  ['80', 'Assistant surgeon'],
  ['81', 'Minimum assistant surgeon'],
  ['82', 'Assistant surgeon when no qualified resident is available'],
  ['90', 'Laboratory test by an outside laboratory'],
  ['91', 'Repeat clinical laboratory test'],
  ['92', 'Alternative laboratory platform testing'],
  ['93', 'Audio-only telemedicine service'],
  ['95', 'Synchronous audio-video telemedicine service'],
  ['96', 'Habilitative service'],
  ['97', 'Rehabilitative service'],
  ['99', 'Multiple modifiers'],
  // The performance measurement modifiers of CPT Appendix A, reported only with Category II codes
  // (e.g. 3074F-8P): an exclusion from a quality measure for a medical, patient or system reason
  // (1P, 2P, 3P), or a measured action not done with no reason given (8P). They are CPT modifiers
  // like the two-digit ones, and a claim line that reports a Category II result may carry them.
  ['1P', 'Quality measure exclusion, medical reason (Category II)'],
  ['2P', 'Quality measure exclusion, patient reason (Category II)'],
  ['3P', 'Quality measure exclusion, system reason (Category II)'],
  ['8P', 'Quality measure action not done, no reason given (Category II)'],
]);

/**
 * The rule flags of one modifier code.
 *
 * @example
 * ```ts
 * modifierFlags('LT') // { ptpAssociated: true, anatomic: true }
 * ```
 */
export function modifierFlags(code: string): { readonly ptpAssociated: boolean; readonly anatomic: boolean } {
  return { ptpAssociated: PTP_ASSOCIATED_MODIFIERS.has(code), anatomic: ANATOMIC_MODIFIERS.has(code) };
}
