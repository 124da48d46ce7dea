/**
 * The state of one 837P read: the open envelope (ISA, GS, ST and their counts), the hierarchy
 * (2000A billing provider, 2000B subscriber, 2000C patient), the claim and line being gathered, and
 * the items completed so far. The envelope checks (envelope-segments.ts), the loop handlers
 * (claim-segments.ts) and the claim completion (claim-completion.ts) all read and advance this one
 * state, so each concern lives in its own module while the reader stays a thin dispatcher.
 *
 * @module
 */
import { createIssue } from '../../core/issues';
import type { MedcodeIssue, X12SegmentReason, X12SyntaxReason } from '../../core/issues';
import type { Provider } from './model';
import { X12Tokenizer } from './tokenizer';
import type { X12Segment } from './tokenizer';
import type { X12ReadItem } from './read-item';
import type { ClaimDraft, LineDraft, Loop, PatientCtx, ProviderCtx, SubscriberCtx } from './claim-draft';

/** Mutable state of one read, and the issue reporting every handler shares. */
export class X12ReaderState {
  readonly tokenizer = new X12Tokenizer();
  out: X12ReadItem[] = [];
  loop: Loop = 'none';
  // Envelope state.
  isa: X12Segment | undefined;
  gs: X12Segment | undefined;
  groupSkip = false;
  st: X12Segment | undefined;
  groupsInInterchange = 0;
  txInGroup = 0;
  txStartPosition = 0;
  txOk = true;
  txClaims = 0;
  // Hierarchy.
  provider: ProviderCtx | undefined;
  subscriber: SubscriberCtx | undefined;
  patient: PatientCtx | undefined;
  claim: ClaimDraft | undefined;
  line: LineDraft | undefined;
  lineRendering: Partial<Provider> | undefined;
  stopped = false;
  /** Position of the last segment seen, for issues about the end of the input. */
  lastPosition = 0;

  /** Hands out the items completed since the last call. */
  take(): X12ReadItem[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  /** Reports an envelope or syntax error; the transaction it falls in is no longer clean. */
  syntax(
    reason: X12SyntaxReason,
    segmentPosition: number,
    segmentId: string | undefined,
    expected?: string,
    received?: string,
    elementPosition?: number,
  ): void {
    this.txOk = false;
    this.out.push({
      kind: 'issue',
      issue: createIssue({
        code: 'x12_syntax',
        severity: 'error',
        path: [],
        codes: [],
        reason,
        segmentPosition,
        ...(segmentId !== undefined ? { segmentId } : {}),
        ...(elementPosition !== undefined ? { elementPosition } : {}),
        ...(expected !== undefined ? { expected } : {}),
        ...(received !== undefined ? { received } : {}),
      }),
    });
  }

  /** Builds an issue about segment `s` (and the current claim, if any); the caller places it. */
  segmentIssue(
    s: X12Segment,
    reason: X12SegmentReason,
    element?: number,
    component?: number,
    expected?: string,
    received?: string,
    severity: 'error' | 'warning' = 'error',
  ): MedcodeIssue {
    return createIssue({
      code: 'x12_segment',
      severity,
      path: [],
      codes: [],
      reason,
      segmentPosition: s.position,
      segmentId: s.id,
      ...(element !== undefined ? { elementPosition: element } : {}),
      ...(component !== undefined ? { componentPosition: component } : {}),
      ...(expected !== undefined ? { expected } : {}),
      ...(received !== undefined ? { received: received.slice(0, 64) } : {}),
      ...(this.claim ? { claimId: this.claim.claimId } : {}),
    });
  }

  /** Reports a problem of the current claim (or of the current hierarchy level when outside one). */
  problem(
    s: X12Segment,
    reason: X12SegmentReason,
    element?: number,
    component?: number,
    expected?: string,
    received?: string,
  ): void {
    const issue = this.segmentIssue(s, reason, element, component, expected, received);
    if (this.claim) {
      this.claim.issues.push(issue);
      this.claim.errors++;
    } else {
      const ctx = this.patient ?? this.subscriber ?? this.provider;
      if (ctx && this.loop !== 'header' && this.loop !== '1000A' && this.loop !== '1000B')
        ctx.errors.push(issue);
      this.txOk = false;
      this.out.push({ kind: 'issue', issue });
    }
  }
}
