/**
 * Claim completion in the 837P reader: once the segment that closes a claim is seen (the next CLM,
 * HL or SE), the gathered draft is checked as a whole (required segments of loops 2010AA–2400,
 * CLM02 against the sum of SV102, diagnosis pointers) and handed out as a claim or rejected with its
 * issues.
 *
 * @module
 */
import { createIssue } from '../../core/issues';
import type { MedcodeIssue, X12SegmentReason } from '../../core/issues';
import { centsToMoney } from './money';
import { formatMoney } from '../money';
import { parseClaim } from '../parse';
import type { X12Segment } from './tokenizer';
import { RELATIONSHIP } from './vocabulary';
import { assemble } from './claim-draft';
import type { ClaimDraft } from './claim-draft';
import type { X12ReaderState } from './reader-state';

/** Hands out a claim as rejected, with its issues (and a truncation issue when cut short). */
export function rejectClaim(
  r: X12ReaderState,
  draft: ClaimDraft,
  truncatedReason: 'truncated' | undefined,
  position: number,
): void {
  const issues = [...draft.issues];
  if (truncatedReason) {
    issues.push(
      createIssue({
        code: 'x12_syntax',
        severity: 'error',
        path: [],
        codes: [],
        reason: 'truncated',
        segmentPosition: position,
        expected: `the end of claim ${JSON.stringify(draft.claimId)} (next CLM, HL or SE)`,
      }),
    );
  }
  r.txOk = false;
  r.out.push({
    kind: 'rejected',
    ...(draft.claimId ? { claimId: draft.claimId } : {}),
    segmentPosition: draft.position,
    issues,
  });
}

/** Closes the current claim: hands it out whole, or rejects it with its issues. */
export function finishClaim(r: X12ReaderState): void {
  const draft = r.claim;
  r.claim = undefined;
  r.line = undefined;
  r.lineRendering = undefined;
  if (!draft) return;
  const clm: X12Segment = {
    position: draft.position,
    id: 'CLM',
    elements: [],
    separators: { element: '*', component: ':', repetition: '^', segment: '~' },
  };
  const fail = (
    reason: X12SegmentReason,
    element: number | undefined,
    expected: string,
    received?: string,
    at: X12Segment = clm,
  ) => {
    draft.issues.push(segmentIssueFor(at, draft.claimId, reason, element, expected, received));
    draft.errors++;
  };
  const sub = draft.subscriber;
  const provider = sub.parent.provider;
  const inherited = [...sub.parent.errors, ...sub.errors, ...(draft.patient?.errors ?? [])];
  if (!draft.hiSeen) fail('missing_segment', undefined, 'an HI segment with the diagnoses');
  if (draft.lines.length === 0) fail('missing_segment', undefined, 'at least one service line (LX/SV1)');
  let sum = 0;
  for (const l of draft.lines) {
    const lx: X12Segment = { ...clm, position: l.position, id: 'LX' };
    if (!l.hasSv1) fail('missing_segment', undefined, 'SV1 in the service line', undefined, lx);
    if (!l.hasDate)
      fail('missing_segment', undefined, 'DTP*472 service date in the service line', undefined, lx);
    sum += l.cents ?? 0;
    for (const p of l.line.diagnosisPointers ?? []) {
      if (p > draft.diagnoses.length)
        fail('bad_value', 7, `a pointer to one of the ${draft.diagnoses.length} HI diagnoses`, String(p), {
          ...lx,
          position: l.sv1Position,
          id: 'SV1',
        });
    }
  }
  // CLM02 must equal the sum of SV102 (layout notes, "Claim level — loop 2300").
  if (draft.totalCents !== undefined && draft.errors === 0 && sum !== draft.totalCents)
    fail('charge_mismatch', 2, sumOfCharges(draft, sum), centsToMoney(draft.totalCents));
  const person = draft.patient?.person ?? sub.person;
  if (person.birthDate === undefined || person.sex === undefined)
    fail(
      'missing_segment',
      undefined,
      `DMG for the ${draft.patient ? 'patient (2010CA)' : 'subscriber/patient (2010BA)'}`,
    );
  if (!sub.filing || !sub.payer.name || !sub.payer.id)
    fail('missing_segment', undefined, 'SBR09 and the payer NM1*PR (2010BB)');
  if (!provider.npi || !provider.name)
    fail('missing_segment', undefined, 'the billing provider NM1*85 (2010AA)');
  if (!sub.person.memberId || !sub.person.lastName)
    fail('missing_segment', undefined, 'the subscriber NM1*IL (2010BA)');
  if (
    draft.patient &&
    (!RELATIONSHIP.has(draft.patient.relationship ?? '') || draft.patient.relationship === '18')
  ) {
    fail(
      draft.patient.relationship ? 'unknown_qualifier' : 'missing_segment',
      undefined,
      'PAT01, an individual relationship code other than 18',
      draft.patient.relationship,
    );
  }
  if (draft.errors > 0 || inherited.length > 0) {
    rejectClaim(r, { ...draft, issues: [...inherited, ...draft.issues] }, undefined, draft.position);
    return;
  }
  // The assembled claim must also satisfy the claim model itself (e.g. the NPI check digit), so
  // that nothing the schema would refuse is ever handed out as a claim.
  const checked = parseClaim(assemble(draft));
  if (!checked.ok) {
    rejectClaim(r, { ...draft, issues: [...draft.issues, ...checked.issues] }, undefined, draft.position);
    return;
  }
  r.txClaims++;
  r.out.push({
    kind: 'claim',
    claim: checked.value,
    segmentPosition: draft.position,
    issues: draft.issues,
  });
}

function segmentIssueFor(
  s: X12Segment,
  claimId: string,
  reason: X12SegmentReason,
  element: number | undefined,
  expected: string,
  received?: string,
): MedcodeIssue {
  return createIssue({
    code: 'x12_segment',
    severity: 'error',
    path: [],
    codes: [],
    reason,
    segmentPosition: s.position,
    segmentId: s.id,
    ...(element !== undefined ? { elementPosition: element } : {}),
    expected,
    ...(received !== undefined ? { received } : {}),
    claimId,
  });
}

/**
 * The SV102 line charges' sum as money. Each charge is exact cents below 2^53, but their sum can
 * pass it (two charges of 50 trillion dollars), where a number is no longer exact: that sum is
 * added again in `bigint`, so the mismatch reports the true total.
 */
function sumOfCharges(draft: ClaimDraft, sum: number): string {
  if (Number.isSafeInteger(sum)) return centsToMoney(sum);
  let exact = 0n;
  for (const l of draft.lines) exact += BigInt(l.cents ?? 0);
  return formatMoney(exact);
}
