/**
 * Scoring over a stream of claims: diagnoses are gathered per patient as claims go by, and each
 * patient is scored once the stream ends. Memory grows with the number of patients (one small
 * record each: sex, date of birth, the distinct diagnoses the model maps), never with the number
 * of claims.
 *
 * @module
 */
import type { Claim } from '../claims/schema';
import type { Result } from '../core/result';
import type { HccBeneficiary, RiskScore, SegmentScore } from './model';
import type { HccModel } from './score';
import { undottedDiagnosis } from './score';

/** What the stream cannot know from a claim: enrollment facts of the payment year. */
export type HccEnrollment = Omit<HccBeneficiary, 'diagnoses' | 'sex' | 'age' | 'dateOfBirth' | 'id'>;

/** Options of {@link scoreClaimStream}. */
export interface ClaimStreamOptions {
  /**
   * The patient a claim belongs to. Default: the subscriber's member ID (the MBI on a Medicare
   * claim) and the patient's date of birth, `memberId|birthDate`; without a subscriber, the patient's
   * last name, first name and date of birth.
   */
  readonly patientKey?: (claim: Claim) => string;
  /** Enrollment facts per patient (dual status, OREC, institutional, new enrollee). Default: none (community, non-dual, entitled by age). */
  readonly enrollment?: (patientKey: string) => HccEnrollment | undefined;
  /**
   * Which claims count: default, claims with a line dated in the data year (the calendar year
   * before the payment year), as CMS takes diagnoses from the year before the payment year.
   */
  readonly includeClaim?: (claim: Claim) => boolean;
  /**
   * Explain the terms of every segment, not only the one that applies (default false: every
   * segment's score is still given; see {@link SegmentScore.terms}).
   */
  readonly explainAllSegments?: boolean;
}

/** The result of {@link scoreClaimStream}. */
export interface ClaimStreamScores {
  /** One score (or the issues that prevented it) per patient key, in order of first appearance. */
  readonly patients: ReadonlyMap<string, Result<RiskScore>>;
  readonly claimsRead: number;
  readonly claimsUsed: number;
  /** Diagnoses read from the claims used (with repeats). */
  readonly diagnosesRead: number;
}

interface PatientState {
  sex: string;
  dateOfBirth: string;
  codes: Set<string>;
}

/**
 * The default patient key: `memberId|birthDate`, or `lastName|firstName|birthDate` without a subscriber.
 *
 * @example
 * ```ts
 * defaultPatientKey(claim) // '1EG4TE5MK73|1950-03-14'
 * ```
 */
export function defaultPatientKey(claim: Claim): string {
  const id = claim.subscriber?.memberId;
  if (id) return `${id}|${claim.patient.birthDate}`;
  return `${claim.patient.lastName ?? ''}|${claim.patient.firstName ?? ''}|${claim.patient.birthDate}`;
}

function inDataYear(claim: Claim, dataYear: string): boolean {
  for (const line of claim.lines) {
    const d = line.serviceDate ?? line.serviceDateFrom;
    if (d?.startsWith(dataYear)) return true;
    if (line.serviceDateTo?.startsWith(dataYear)) return true;
  }
  return false;
}

/**
 * Aggregates the diagnoses of a stream of claims (from `parseClaim`, the 837P reader or the FHIR
 * reader of medcode/claims; any iterable or async iterable) per patient, and scores each patient
 * with the model. Per-patient state only: memory is flat in the number of claims.
 *
 * @example
 * ```ts
 * const { patients } = await scoreClaimStream(hcc.at(2026), claims, {
 *   enrollment: (key) => ({ dualStatus: 'full' }),
 * })
 * for (const [key, r] of patients) if (r.ok) console.log(key, r.value.score)
 * ```
 */
export async function scoreClaimStream(
  model: HccModel,
  claims: Iterable<Claim> | AsyncIterable<Claim>,
  options: ClaimStreamOptions = {},
): Promise<ClaimStreamScores> {
  const keyOf = options.patientKey ?? defaultPatientKey;
  const dataYear = String(model.data.paymentYear - 1);
  const include = options.includeClaim ?? ((c: Claim) => inDataYear(c, dataYear));
  const state = new Map<string, PatientState>();
  let claimsRead = 0;
  let claimsUsed = 0;
  let diagnosesRead = 0;
  for await (const claim of claims) {
    claimsRead++;
    if (!include(claim)) continue;
    claimsUsed++;
    const key = keyOf(claim);
    let p = state.get(key);
    if (!p) {
      p = { sex: claim.patient.sex, dateOfBirth: claim.patient.birthDate, codes: new Set() };
      state.set(key, p);
    }
    for (const d of claim.diagnoses) {
      diagnosesRead++;
      const code = undottedDiagnosis(d.code);
      // Only codes the model maps can change a score; keeping only those bounds the state.
      if (!p.codes.has(code) && model.mappingRows(code).length > 0) p.codes.add(code);
    }
  }
  const patients = new Map<string, Result<RiskScore>>();
  for (const [key, p] of state) {
    const beneficiary: HccBeneficiary = {
      ...options.enrollment?.(key),
      id: key,
      sex: p.sex as HccBeneficiary['sex'],
      dateOfBirth: p.dateOfBirth,
      diagnoses: [...p.codes],
    };
    patients.set(key, model.score(beneficiary, { explainAllSegments: options.explainAllSegments ?? false }));
  }
  return { patients, claimsRead, claimsUsed, diagnosesRead };
}
