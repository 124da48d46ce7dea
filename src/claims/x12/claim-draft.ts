/**
 * A claim as the 837P reader gathers it, loop by loop (the hierarchy of 2000A billing provider,
 * 2000B subscriber and 2000C patient, then loop 2300 and its 2400 lines), and the assembly of a
 * finished draft into the claim model. X12 date and code conversions the loops share live here too.
 *
 * @module
 */
import type { MedcodeIssue } from '../../core/issues';
import type { Address, Claim, ClaimDiagnosis, ClaimLine, Provider } from './model';
import type { X12Segment } from './tokenizer';

export type Loop =
  | 'none'
  | 'header'
  | '1000A'
  | '1000B'
  | '2000A'
  | '2010AA'
  | '2010AB'
  | '2000B'
  | '2010BA'
  | '2010BB'
  | '2000C'
  | '2010CA'
  | '2300'
  | '2310B'
  | '2310x'
  | '2400'
  | '2410'
  | '2420A'
  | '2420x'
  | 'cob'
  | 'orphan';

export interface Person {
  firstName?: string;
  lastName?: string;
  address?: Address;
  birthDate?: string;
  sex?: 'F' | 'M' | 'U';
  memberId?: string;
}

export interface ProviderCtx {
  id: string;
  provider: Partial<Provider> & { address?: Address };
  errors: MedcodeIssue[];
}
export interface SubscriberCtx {
  id: string;
  parent: ProviderCtx;
  /**
   * The 2000B SBR, whose SBR01 (payer responsibility) and SBR02 (18 when the subscriber is the
   * patient) each claim under it is checked against when its CLM is read (see onClm).
   */
  sbr?: X12Segment;
  groupNumber?: string;
  filing?: string;
  person: Person;
  payer: { name?: string; id?: string };
  errors: MedcodeIssue[];
}
export interface PatientCtx {
  id: string;
  parent: SubscriberCtx;
  relationship?: string;
  person: Person;
  errors: MedcodeIssue[];
}

export interface LineDraft {
  position: number;
  sv1Position: number;
  line: Partial<ClaimLine> & { modifiers?: string[]; diagnosisPointers?: number[] };
  cents?: number;
  hasDate: boolean;
  hasSv1: boolean;
}

export interface ClaimDraft {
  position: number;
  claimId: string;
  totalCents?: number;
  totalPosition: number;
  pos?: string;
  frequency?: string;
  admissionDate?: string;
  dischargeDate?: string;
  payerClaimControlNumber?: string;
  diagnoses: ClaimDiagnosis[];
  hiSeen: boolean;
  rendering?: Partial<Provider>;
  lines: LineDraft[];
  issues: MedcodeIssue[];
  errors: number;
  subscriber: SubscriberCtx;
  patient?: PatientCtx;
}

export const D8 = /^\d{8}$/;
export const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `CCYYMMDD` (X12 D8) → `YYYY-MM-DD`, or undefined when it is not a real calendar day. */
export function isoFromD8(text: string): string | undefined {
  if (!D8.test(text)) return undefined;
  // Checked by arithmetic rather than Date parsing: this runs for every line of a 100 MB file.
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= max ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : undefined;
}

/** Re-inserts the ICD-10-CM dot after the category (3rd character): `E119` → `E11.9`. */
export function dotDiagnosis(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function assemble(d: ClaimDraft): Claim {
  const sub = d.subscriber;
  const bp = sub.parent.provider;
  const subscriberPerson = sub.person;
  const patientPerson = d.patient?.person ?? subscriberPerson;
  const claim: Claim = {
    claimId: d.claimId,
    // When the patient is the subscriber (SBR02 = 18, no 2000C), 2010BA describes that one person:
    // its name, address, birth date and sex are the patient's (CMS-1500 items 2, 3, 5), and the
    // name, birth date and sex are also the subscriber's (items 4, 11a). The address stays with the
    // patient only: item 7 repeats it for the insured. (005010X222A1 2000B SBR02, 2010BA.)
    patient: {
      birthDate: patientPerson.birthDate!,
      sex: patientPerson.sex!,
      ...(patientPerson.firstName !== undefined ? { firstName: patientPerson.firstName } : {}),
      ...(patientPerson.lastName !== undefined ? { lastName: patientPerson.lastName } : {}),
      ...(patientPerson.address !== undefined ? { address: { ...patientPerson.address } } : {}),
    },
    placeOfService: d.pos!,
    frequencyCode: d.frequency!,
    ...(d.payerClaimControlNumber !== undefined
      ? { payerClaimControlNumber: d.payerClaimControlNumber }
      : {}),
    diagnoses: d.diagnoses,
    lines: d.lines.map((l) => l.line as ClaimLine),
    subscriber: {
      memberId: subscriberPerson.memberId!,
      ...(subscriberPerson.firstName !== undefined ? { firstName: subscriberPerson.firstName } : {}),
      lastName: subscriberPerson.lastName!,
      ...(subscriberPerson.birthDate !== undefined ? { birthDate: subscriberPerson.birthDate } : {}),
      ...(subscriberPerson.sex !== undefined ? { sex: subscriberPerson.sex } : {}),
      ...(d.patient && subscriberPerson.address !== undefined
        ? { address: { ...subscriberPerson.address } }
        : {}),
      ...(sub.groupNumber !== undefined ? { groupNumber: sub.groupNumber } : {}),
      relationship: (d.patient ? d.patient.relationship! : '18') as NonNullable<
        NonNullable<Claim['subscriber']>['relationship']
      >,
    },
    payer: { name: sub.payer.name!, id: sub.payer.id!, claimFilingIndicator: sub.filing! },
    billingProvider: { ...(bp as Provider), ...(bp.address ? { address: { ...bp.address } } : {}) },
    ...(d.rendering ? { renderingProvider: d.rendering as Provider } : {}),
    ...(d.admissionDate !== undefined ? { admissionDate: d.admissionDate } : {}),
    ...(d.dischargeDate !== undefined ? { dischargeDate: d.dischargeDate } : {}),
  };
  return claim;
}
