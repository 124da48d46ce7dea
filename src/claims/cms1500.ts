/**
 * CMS-1500 (02/12) paper claim as a field map keyed by NUCC item numbers.
 *
 * Rules (NUCC 1500 Claim Form Reference Instruction Manual, version 02/12; Medicare Claims
 * Processing Manual, Pub. 100-04, chapter 26, where the payer is Medicare; box by box in
 * docs/cms1500.md):
 * - items 1, 1a, 2–7, 10a–c, 11–13, 18, 22, 25–27, 31, 33 from the claim's parties and dates;
 * - item 21: ICD indicator `0` for ICD-10-CM; up to 12 codes in 21A–L, without the period;
 * - item 24, per line: 24A dates (from/to), 24B place of service, 24C EMG, 24D CPT/HCPCS plus up to
 *   4 modifiers, 24E diagnosis pointers as letters A–L (up to 4, primary first, no commas),
 *   24F charges, 24G units, 24H EPSDT/family plan, 24I qualifier and 24J rendering NPI; the NDC
 *   goes in the shaded supplemental area of 24A with qualifier `N4`;
 * - 6 service lines per page: longer claims are split into pages;
 * - item 28: total charge, the exact sum of 24F on the page.
 * Medicare asks for only one pointer per line while NUCC allows four (Medicare Claims Processing
 * Manual, Pub. 100-04, chapter 26, item 24E): see
 * {@link Cms1500Options.pointersPerLine}.
 *
 * @module
 */
import { upperAscii } from '../core/code-shape';
import type { Result } from '../core/result';
import { failure, success } from '../core/result';
import { cms1500OptionIssues } from './cms1500-options';
import { formatMoney, parseMoney } from './money';
import { einDigits, prepareClaimForOutput } from './output-check';
import { toNdc11, undottedIcd10Cm } from './formats';
// For the {@link} references in the documentation.
import type { checkClaimLimits } from './limits';
import type { toX12837P } from './x12/writer';
import type { Claim, ClaimLine } from './schema';

/**
 * Service lines printed on one CMS-1500 page (item 24 rows 1–6).
 * @example
 * ```ts
 * Math.ceil(claim.lines.length / CMS1500_LINES_PER_PAGE) // pages needed
 * ```
 */
export const CMS1500_LINES_PER_PAGE = 6;

/**
 * Options for {@link toCms1500}.
 * @example
 * ```ts
 * toCms1500(claim, { pointersPerLine: 1 } satisfies Cms1500Options)
 * ```
 */
export interface Cms1500Options {
  /** Diagnosis pointers printed in 24E: `4` (NUCC, default) or `1` (Medicare: primary pointer only). */
  readonly pointersPerLine?: 1 | 4;
}

/**
 * One printed page: NUCC item number → text. Line items are keyed `24A.1.from` … `24J.6`.
 * @example
 * ```ts
 * const page: Cms1500Page = toCms1500(claim).pages[0]!
 * page.fields['24E.1'] // 'AB'
 * ```
 */
export interface Cms1500Page {
  readonly page: number;
  readonly pageCount: number;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The whole form set for one claim.
 * @example
 * ```ts
 * const r = toCms1500(claim)
 * const form: Cms1500Form | undefined = r.ok ? r.form : undefined
 * form?.totalCharge // '270.00'
 * ```
 */
export interface Cms1500Form {
  readonly pages: readonly Cms1500Page[];
  /** Exact total of all 24F charges across pages. */
  readonly totalCharge: string;
}

/**
 * The outcome of {@link toCms1500}: the filled form, or every reason the claim cannot be printed
 * (the same checks as the X12 writer: {@link checkClaimLimits} and the code/units/NDC shapes).
 * @example
 * ```ts
 * const r: Cms1500Result = toCms1500(claim)
 * if (r.ok) print(r.value.pages); else report(r.issues)
 * ```
 */
export type Cms1500Result = Result<Cms1500Form>;

const LETTERS = 'ABCDEFGHIJKL';

/** `2026-05-01` → `05 01 26` (24A, 6-digit MM DD YY). */
function shortDate(iso: string | undefined): string {
  return iso === undefined ? '' : `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(2, 4)}`;
}

/** `1961-04-02` → `04 02 1961` (items 3 and 11a, 8-digit MM DD CCYY). */
function longDate(iso: string | undefined): string {
  return iso === undefined ? '' : `${iso.slice(5, 7)} ${iso.slice(8, 10)} ${iso.slice(0, 4)}`;
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function personName(last: string | undefined, first: string | undefined): string {
  if (last === undefined) return '';
  return first === undefined ? last : `${last}, ${first}`;
}

/** Relationship in item 6: Self, Spouse, Child or Other (X12 individual relationship codes). */
function relationshipBox(code: string | undefined): string {
  switch (code ?? '18') {
    case '18':
      return 'Self';
    case '01':
      return 'Spouse';
    case '19':
      return 'Child';
    default:
      return 'Other';
  }
}

/**
 * Fills the CMS-1500 (02/12) form for a claim, one page per 6 lines. Pure; never throws, for any
 * input. A claim the form cannot carry (over 12 diagnoses or 4 modifiers or pointers per line, a
 * pointer that does not point at a diagnosis, units that are not a positive ≤10.3-digit number,
 * an NDC not convertible to 11 digits, a malformed code) is refused with `claim_invalid` /
 * `claim_limit_exceeded` issues at the claim path, as {@link toX12837P} refuses it. Codes are
 * printed upper-case.
 *
 * @example
 * ```ts
 * const r = toCms1500(claim, { pointersPerLine: 1 }) // Medicare: one pointer per line
 * if (r.ok) {
 *   r.value.pages[0]!.fields['21.indicator'] // '0'
 *   r.value.pages[0]!.fields['21.A']         // 'E119'
 *   r.value.pages[0]!.fields['24E.1']        // 'A'
 * }
 * ```
 */
export function toCms1500(claim: Claim, options: Cms1500Options = {}): Cms1500Result {
  const prepared = prepareClaimForOutput(claim);
  if (!prepared.ok) return prepared;
  const optionIssues = cms1500OptionIssues(options, CMS1500_OPTIONS);
  if (optionIssues.length > 0) return Object.freeze(failure(Object.freeze(optionIssues)));
  const perLine = options !== null && typeof options === 'object' && options.pointersPerLine === 1 ? 1 : 4;
  return Object.freeze(success(fillForm(prepared.value, perLine)));
}

/** The options {@link toCms1500} takes. */
const CMS1500_OPTIONS: readonly string[] = Object.freeze(['pointersPerLine']);

function fillForm(claim: Claim, perLine: 1 | 4): Cms1500Form {
  const header: Record<string, string> = {};
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') header[key] = value;
  };
  const { patient, subscriber, payer, billingProvider } = claim;
  // Medicare Part A/B as the (primary) payer: Pub. 100-04 chapter 26 rules for items 4, 7, 11.
  const medicare = payer?.claimFilingIndicator === 'MA' || payer?.claimFilingIndicator === 'MB';
  const self = subscriber !== undefined && (subscriber.relationship ?? '18') === '18';
  set('1', insuranceType(payer?.claimFilingIndicator, subscriber?.groupNumber));
  set('1a', subscriber?.memberId);
  // Items 2 and 5 (NUCC 02/12 items 2, 5): the patient's name and address. When the patient is the
  // insured (relationship 18) the claim may give them on the subscriber only: it is one person, so
  // the subscriber's are the patient's, as the 837P carries that one name and address in 2010BA
  // for a self claim (005010X222A1 loop 2010BA NM1*IL, N3/N4; no 2000C patient loop).
  const named = self && isBlank(patient.lastName) ? subscriber : patient;
  set('2', personName(named.lastName, named.firstName));
  set('3.birthDate', longDate(patient.birthDate));
  set('3.sex', patient.sex === 'U' ? undefined : patient.sex);
  // Item 4 (NUCC 02/12 item 4): the insured's name. Medicare primary: "If Medicare is primary,
  // leave blank" (Pub. 100-04 chapter 26, item 4); item 7 is then blank too, so 4 is never filled
  // with 7 blank.
  if (!medicare) set('4', personName(subscriber?.lastName, subscriber?.firstName));
  const patientAddress = patient.address ?? (self ? subscriber.address : undefined);
  if (patientAddress) {
    set('5.street', [patientAddress.line1, patientAddress.line2].filter((x) => x !== undefined).join(' '));
    set('5.city', patientAddress.city);
    set('5.state', patientAddress.state);
    set('5.zip', patientAddress.postalCode);
  }
  // Item 6 (NUCC 02/12 item 6): the patient's relationship to the insured. Medicare primary: blank
  // with item 4 (Pub. 100-04 chapter 26, item 6: "Enter the patient's relationship to insured
  // when item 4 is completed").
  if (!medicare && subscriber) set('6', relationshipBox(subscriber.relationship));
  // Item 7 (NUCC 02/12 item 7): the insured's address, completed whenever item 4 is; the
  // patient's address when the patient is the insured. Medicare primary: blank with item 4
  // (Pub. 100-04 chapter 26, item 7: "Complete this item only when items 4, 6, and 11 are
  // completed").
  const insuredAddress = subscriber?.address ?? (self ? patient.address : undefined);
  if (!medicare && subscriber !== undefined && insuredAddress) {
    set('7.street', [insuredAddress.line1, insuredAddress.line2].filter((x) => x !== undefined).join(' '));
    set('7.city', insuredAddress.city);
    set('7.state', insuredAddress.state);
    set('7.zip', insuredAddress.postalCode);
  }
  // Items 10a–10c (NUCC 02/12; Pub. 100-04 chapter 26 items 10a–10c, "Check YES or NO"): the
  // claim model carries no employment, auto or other accident (as the 837P writer sends no CLM11),
  // so each is NO.
  header['10a'] = 'NO';
  header['10b'] = 'NO';
  header['10c'] = 'NO';
  // Item 11: the insured's group number; for Medicare, "NONE" when there is no insurance primary
  // to Medicare (Pub. 100-04 chapter 26, item 11); medcode claims carry one (primary) payer.
  // Items 11a–11d describe that primary insurance, so with NONE they stay blank (Pub. 100-04
  // chapter 26, item 11: "enter the word NONE and proceed to item 12").
  set('11', medicare ? 'NONE' : subscriber?.groupNumber);
  if (!medicare) {
    // Item 11a (NUCC 02/12 item 11a): the insured's date of birth and sex. When the patient is the
    // insured, they are the patient's (item 3), which the claim model always carries, as the
    // 837P sends the patient's in 2010BA DMG for a self claim (005010X222A1 loop 2010BA DMG).
    const insuredBirthDate = subscriber?.birthDate ?? (self ? patient.birthDate : undefined);
    const insuredSex = subscriber?.sex ?? (self ? patient.sex : undefined);
    set('11a.birthDate', longDate(insuredBirthDate));
    set('11a.sex', insuredSex === 'U' ? undefined : insuredSex);
    set('11c', payer?.name);
  }
  // Item 21: ICD indicator 0 = ICD-10-CM; codes A–L without the period (the output check has
  // refused a code whose period is not after its 3rd character).
  header['21.indicator'] = '0';
  claim.diagnoses.forEach((d, i) => {
    set(`21.${LETTERS[i]!}`, upperAscii(undottedIcd10Cm(d.code) ?? d.code));
  });
  // Items 12 and 13: "SIGNATURE ON FILE" (NUCC 02/12 items 12, 13; Pub. 100-04 chapter 26 items
  // 12, 13), as the 837P writer sends CLM09 Y (release of information) and CLM08 Y (benefits
  // assigned).
  header['12'] = 'SIGNATURE ON FILE';
  header['13'] = 'SIGNATURE ON FILE';
  // Item 18: hospitalization dates related to current services, from the admission and
  // discharge dates (NUCC 02/12 item 18; 837P 2300 DTP*435/DTP*096).
  set('18.from', claim.admissionDate !== undefined ? shortDate(claim.admissionDate) : undefined);
  set('18.to', claim.dischargeDate !== undefined ? shortDate(claim.dischargeDate) : undefined);
  // Item 22: resubmission code for replacement (7) and void (8) claims, with the payer's claim
  // control number of the original claim (NUCC 02/12 item 22 "Original Ref. No."; 837P 2300
  // CLM05-3 and REF*F8).
  if (claim.frequencyCode === '7' || claim.frequencyCode === '8') {
    set('22.resubmissionCode', claim.frequencyCode);
    set('22.originalReference', claim.payerClaimControlNumber);
  }
  // Item 25: the EIN without hyphens (NUCC 02/12 item 25: "Do not enter hyphens with numbers"),
  // the same 9 digits as 837P REF*EI; a tax id that is not 9 digits was refused before filling.
  const ein = billingProvider?.taxId !== undefined ? einDigits(billingProvider.taxId) : undefined;
  if (ein !== undefined) {
    header['25'] = ein;
    header['25.type'] = 'EIN';
  }
  set('26', claim.claimId);
  // Item 27: accept assignment YES, as the 837P writer sends CLM07 A (NUCC 02/12 item 27;
  // Pub. 100-04 chapter 26 item 27).
  header['27'] = 'YES';
  // Item 31: "SIGNATURE ON FILE" for the provider's signature, as CLM06 Y (NUCC 02/12 item 31).
  header['31'] = 'SIGNATURE ON FILE';
  if (billingProvider) {
    set('33', personName(billingProvider.name, billingProvider.firstName));
    if (billingProvider.address) {
      set(
        '33.street',
        [billingProvider.address.line1, billingProvider.address.line2]
          .filter((x) => x !== undefined)
          .join(' '),
      );
      set('33.city', billingProvider.address.city);
      set('33.state', billingProvider.address.state);
      set('33.zip', billingProvider.address.postalCode);
    }
    set('33a', billingProvider.npi);
    if (billingProvider.taxonomy !== undefined) set('33b', `ZZ${billingProvider.taxonomy}`);
  }

  const pageCount = Math.max(1, Math.ceil(claim.lines.length / CMS1500_LINES_PER_PAGE));
  const pages: Cms1500Page[] = [];
  let grandTotal = 0n;
  for (let p = 0; p < pageCount; p++) {
    const fields: Record<string, string> = { ...header };
    let pageTotal = 0n;
    const lines = claim.lines.slice(p * CMS1500_LINES_PER_PAGE, (p + 1) * CMS1500_LINES_PER_PAGE);
    lines.forEach((line, k) => {
      const row = k + 1;
      const cents = parseMoney(line.charge) ?? 0n;
      pageTotal += cents;
      fillLine(fields, row, line, claim, perLine);
    });
    grandTotal += pageTotal;
    fields['28'] = formatMoney(pageTotal);
    pages.push(Object.freeze({ page: p + 1, pageCount, fields: Object.freeze(fields) }));
  }
  return Object.freeze({ pages: Object.freeze(pages), totalCharge: formatMoney(grandTotal) });
}

/**
 * Item 1 (NUCC 02/12 item 1, type of coverage) from the 837P claim filing indicator (SBR09):
 * MA/MB Medicare, MC Medicaid, CH TRICARE, VA CHAMPVA; otherwise Group Health Plan when the
 * insured has a group number (item 11), else Other.
 */
function insuranceType(filing: string | undefined, groupNumber: string | undefined): string | undefined {
  if (filing === undefined) return undefined;
  if (filing === 'MA' || filing === 'MB') return 'MEDICARE';
  if (filing === 'MC') return 'MEDICAID';
  if (filing === 'CH') return 'TRICARE';
  if (filing === 'VA') return 'CHAMPVA';
  return groupNumber !== undefined ? 'GROUP HEALTH PLAN' : 'OTHER';
}

function fillLine(
  fields: Record<string, string>,
  row: number,
  line: ClaimLine,
  claim: Claim,
  perLine: 1 | 4,
): void {
  const from = line.serviceDate ?? line.serviceDateFrom;
  const to = line.serviceDate ?? line.serviceDateTo ?? from;
  fields[`24A.${row}.from`] = shortDate(from);
  fields[`24A.${row}.to`] = shortDate(to);
  // Shaded supplemental area of 24A: NDC with qualifier N4, 11 digits (5-4-2) without hyphens;
  // 10-digit forms are zero-padded as for 837P LIN03 (checked before filling).
  // After the NDC come the unit qualifier and the quantity (NUCC 02/12 item 24A shaded area: "N4",
  // the 11-digit NDC, then the unit of measurement qualifier and the quantity); the model's drug
  // quantity is the line's units in UN, as in 837P CTP04/CTP05-1.
  if (line.ndc !== undefined)
    fields[`24A.${row}.shaded`] = `N4${toNdc11(line.ndc) ?? ''} UN${String(line.units)}`;
  fields[`24B.${row}`] = line.placeOfService ?? claim.placeOfService;
  fields[`24D.${row}.procedure`] = upperAscii(line.procedure);
  (line.modifiers ?? []).forEach((m, i) => {
    fields[`24D.${row}.modifier${i + 1}`] = upperAscii(m);
  });
  // Pointers were checked (1…number of diagnoses ≤ 12) by checkClaimLimits before filling.
  const letters: string[] = [];
  for (const pointer of line.diagnosisPointers ?? []) {
    const letter = LETTERS[pointer - 1]!;
    if (!letters.includes(letter)) letters.push(letter);
  }
  if (letters.length > 0) fields[`24E.${row}`] = letters.slice(0, perLine).join('');
  // Item 24F: dollars and cents, two decimals, as item 28 (NUCC 02/12 item 24F: "Enter the
  // charge for each listed service"; the form has a cents column). The schema has checked the
  // charge is money, so `"165"` prints as 165.00 and `"12.5"` as 12.50.
  fields[`24F.${row}`] = formatMoney(parseMoney(line.charge) ?? 0n);
  fields[`24G.${row}`] = String(line.units);
  const rendering = line.renderingProvider ?? claim.renderingProvider;
  if (rendering) {
    fields[`24I.${row}`] = 'NPI';
    fields[`24J.${row}`] = rendering.npi;
  }
}
