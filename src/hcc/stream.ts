/**
 * Scoring over a stream of claims: diagnoses are gathered per patient as claims go by, and each
 * patient is scored once the stream ends. Memory grows with the number of patients (one small
 * record each: sex, date of birth, the distinct diagnoses the model maps), never with the number
 * of claims.
 *
 * @module
 */
import { withPathPrefix } from '../claims/internal';
import type { Claim, ClaimInput } from '../claims/schema';
import {
  checkOptionsArgument,
  invalidArgument,
  isAsyncIterable,
  isIterable,
  isTextOrBytes,
} from '../core/arguments';
import { MedcodeError } from '../core/errors';
import type { Result } from '../core/result';
import type { HccBeneficiary, RiskScore, SegmentScore } from './model';
import { HccModel, undottedDiagnosis } from './score';

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
  const patient = (claim as { patient?: unknown } | null)?.patient;
  if (patient === null || typeof patient !== 'object')
    throw invalidArgument('defaultPatientKey', 'claim', 'a claim (with a patient)', claim);
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

const FN = 'scoreClaimStream';

/** The arguments of {@link scoreClaimStream}, refused by name before any claim is read. */
function checkArguments(model: unknown, claims: unknown, options: unknown): void {
  if (!(model instanceof HccModel)) throw invalidArgument(FN, 'model', 'an HccModel (hcc.at(2026))', model);
  if (isTextOrBytes(claims) || (!isIterable(claims) && !isAsyncIterable(claims)))
    throw invalidArgument(FN, 'claims', 'an iterable or async iterable of claims', claims);
  checkOptionsArgument(FN, options);
  const o = options as Record<string, unknown>;
  for (const name of ['patientKey', 'enrollment', 'includeClaim'] as const)
    if (o[name] !== undefined && typeof o[name] !== 'function')
      throw invalidArgument(FN, `options.${name}`, 'a function', o[name]);
  if (o.explainAllSegments !== undefined && typeof o.explainAllSegments !== 'boolean')
    throw invalidArgument(FN, 'options.explainAllSegments', 'true or false', o.explainAllSegments);
}

/**
 * Aggregates the diagnoses of a stream of claims (from `parseClaim`, the 837P reader or the FHIR
 * reader of medcode/claims, or claim JSON; any iterable or async iterable) per patient, and scores
 * each patient with the model. Per-patient state only: memory is flat in the number of claims.
 * Each claim is read as `parseClaim` reads it: one it refuses stops the stream with a
 * {@link MedcodeError} whose issues are at `['claims', index, …]`.
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
  claims: Iterable<ClaimInput | string> | AsyncIterable<ClaimInput | string>,
  options: ClaimStreamOptions = {},
): Promise<ClaimStreamScores> {
  checkArguments(model, claims, options);
  // Each claim is read as parseClaim reads it, so that what is not a claim is an error naming the
  // claim and the field, never a TypeError midway. Loaded on the first call: the claims reader
  // brings its schema library, which scoring diagnoses alone (HccModel.score) does not need.
  const { parseClaim } = await import('../claims/parse');
  const keyOf = options.patientKey ?? defaultPatientKey;
  const dataYear = String(model.data.paymentYear - 1);
  const include = options.includeClaim ?? ((c: Claim) => inDataYear(c, dataYear));
  const state = new Map<string, PatientState>();
  let claimsRead = 0;
  let claimsUsed = 0;
  let diagnosesRead = 0;
  for await (const item of claims as AsyncIterable<unknown>) {
    const read = parseClaim(item);
    if (!read.ok)
      throw new MedcodeError(
        read.issues
          .filter((i) => i.severity === 'error')
          .map((i) => withPathPrefix(i, ['claims', claimsRead])),
      );
    const claim = read.value;
    claimsRead++;
    if (!include(claim)) continue;
    claimsUsed++;
    const key = keyOf(claim);
    if (typeof key !== 'string')
      throw invalidArgument(FN, 'options.patientKey', 'a function returning a string', key);
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
    const enrollment = options.enrollment?.(key);
    if (
      enrollment !== undefined &&
      (enrollment === null || typeof enrollment !== 'object' || Array.isArray(enrollment))
    )
      throw invalidArgument(
        FN,
        'options.enrollment',
        'a function returning enrollment facts (an object) or undefined',
        enrollment,
      );
    const beneficiary: HccBeneficiary = {
      ...enrollment,
      id: key,
      sex: p.sex as HccBeneficiary['sex'],
      dateOfBirth: p.dateOfBirth,
      diagnoses: [...p.codes],
    };
    patients.set(key, model.score(beneficiary, { explainAllSegments: options.explainAllSegments ?? false }));
  }
  return { patients, claimsRead, claimsUsed, diagnosesRead };
}
