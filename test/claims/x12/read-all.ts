/**
 * Test helper: an 837P read with {@link fromX12837P}, flattened to one view (claims, rejected claims,
 * every issue in input order), so that the malformed-input tests can state what was read and what
 * was reported whether the interchange as a whole succeeded or failed. On failure, the claims the
 * reader handed out before the failure are read with the streaming {@link X12837PReader}, which is
 * what a caller who wants them uses.
 */
import type { MedcodeIssue } from '../../../src/core/issues';
import { X12837PReader, fromX12837P } from '../../../src/claims/x12/index';
import type { Claim } from '../../../src/claims/schema';

export interface X12ReadView {
  readonly ok: boolean;
  readonly result: ReturnType<typeof fromX12837P>;
  readonly claims: readonly Claim[];
  readonly rejected: readonly { readonly claimId?: string; readonly segmentPosition: number }[];
  readonly issues: readonly MedcodeIssue[];
}

export function readX12(text: string): X12ReadView {
  const result = fromX12837P(text);
  const reader = new X12837PReader();
  const items = typeof text === 'string' ? [...reader.push(text), ...reader.end()] : [];
  const claims: Claim[] = [];
  const rejected: { claimId?: string; segmentPosition: number }[] = [];
  for (const item of items) {
    if (item.kind === 'claim') claims.push(item.claim);
    else if (item.kind === 'rejected')
      rejected.push({
        ...(item.claimId !== undefined ? { claimId: item.claimId } : {}),
        segmentPosition: item.segmentPosition,
      });
  }
  if (result.ok) {
    // The value holds what the stream yields.
    const seen = new Set<MedcodeIssue>();
    const issues: MedcodeIssue[] = [];
    for (const item of items) {
      const list = item.kind === 'issue' ? [item.issue] : item.kind === 'transaction' ? [] : item.issues;
      for (const i of list) {
        if (seen.has(i)) continue;
        seen.add(i);
        issues.push(i);
      }
    }
    return {
      ok: result.value.rejected.length === 0,
      result,
      claims: result.value.claims,
      rejected: result.value.rejected.map(({ issues: _issues, ...where }) => where),
      issues,
    };
  }
  return { ok: false, result, claims, rejected, issues: result.issues };
}
