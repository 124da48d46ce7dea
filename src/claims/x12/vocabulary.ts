/**
 * The 837P code lists the reader checks segments against: the segment ids of the transaction set
 * body, and the qualifier values each segment may carry (ASC X12 837P implementation guide
 * 005010X222A1, loops 1000A–2440).
 *
 * @module
 */

/**
 * Segment ids of the 837P transaction set body, all loops including 2320–2430 COB and 2440
 * (the 005010X222A1 implementation guide's segment list).
 */
export const SEGMENTS_837P: ReadonlySet<string> = new Set([
  'BHT',
  'NM1',
  'PER',
  'HL',
  'PRV',
  'CUR',
  'N3',
  'N4',
  'REF',
  'SBR',
  'PAT',
  'DMG',
  'CLM',
  'DTP',
  'PWK',
  'CN1',
  'AMT',
  'K3',
  'NTE',
  'CR1',
  'CR2',
  'CRC',
  'HI',
  'HCP',
  'LX',
  'SV1',
  'SV5',
  'CR3',
  'MEA',
  'PS1',
  'LIN',
  'CTP',
  'QTY',
  'LQ',
  'FRM',
  'SVD',
  'CAS',
  'OI',
  'MOA',
]);

export const SEX = new Set(['F', 'M', 'U']);
export const RELATIONSHIP = new Set(['18', '01', '19', '20', '21', '39', '40', '53', 'G8']);
// 2300 DTP qualifiers defined by the 837P (layout notes, "Dates"); 435/096 are mapped, the rest skipped.
export const CLAIM_DTP = new Set([
  '431',
  '454',
  '304',
  '453',
  '439',
  '484',
  '455',
  '471',
  '314',
  '360',
  '361',
  '297',
  '296',
  '435',
  '096',
  '090',
  '091',
  '444',
  '050',
]);
// 2400 DTP qualifiers defined by the 837P; 472 is mapped.
export const LINE_DTP = new Set([
  '472',
  '471',
  '607',
  '463',
  '461',
  '304',
  '738',
  '739',
  '011',
  '455',
  '454',
  '573',
]);
// 2300 HI qualifiers other than diagnoses (anesthesia BP/BO, condition codes BG, ICD-9 BK/BF handled apart).
export const OTHER_HI = new Set(['BP', 'BO', 'BG', 'BQ']);
// NM1 entity codes of 2300/2400 sub-loops medcode does not map (2310A/C/D/E/F, 2420B–H).
export const SKIPPED_NM1 = new Set(['DN', 'P3', '77', 'DQ', 'PW', '45', 'QB', 'DK', 'PE']);
// Segments of the other-subscriber (2320/2330x) and line-adjudication (2430/2440) loops.
export const COB_START = new Set(['SBR', 'SVD', 'LQ']);
export const SV101_QUALIFIERS = new Set(['HC', 'ER', 'IV', 'WK']);
