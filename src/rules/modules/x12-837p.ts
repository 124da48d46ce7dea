/**
 * Whether a professional claim can be sent as an X12 837P: what medcode's own 837P writer
 * (`toX12837P`, medcode/claims) would refuse or drop in this claim, found before a batch is written.
 * The writer is all or nothing (one refused claim and the interchange is not written), so a billing
 * run that validates its claims with this rule on can hold back the few that would sink the batch.
 *
 * The checks are the writer's, not a second copy of them: the claim is written, on its own, inside a
 * fixed envelope with the delimiters of the interchange the claims go in (`options.x12.separators`,
 * the defaults `*`, `:`, `^`, `~` under them), and the writer's `x12_unwritable` issues are reported
 * at their paths in the claim. What the writer refuses as `claim_invalid` (the claim writers'
 * shared value checks) is `claim-structure`'s to report, once; so are the 837P's counts (12
 * diagnoses, 50 lines, 4 modifiers and 4 pointers per line), unless the profile's `limits` allow
 * more than the 837P does, when `claim-structure` is silent and this rule says the 837P cannot.
 *
 * Off in every profile: writing costs about as much as the other rules together, and a claim bound
 * for FHIR or paper has none of these limits. Turn it on with `rules: { 'x12-837p': true }`
 * (`medcode validate --rule x12-837p`).
 *
 * Sources: ASC X12 005010X222A1 (837P) Technical Report Type 3: element minimum and maximum lengths
 * (e.g. CLM01 1–38, N301 1–55, N401 2–30, N403 the 5- or 9-digit ZIP Code, NM109 2–80, SBR03
 * 1–50, PRV03 the 10-character taxonomy code), the required loops (2010AA billing provider name,
 * address and tax id; 2010BA subscriber; 2010BB payer; 2300 SBR09 claim filing indicator), and
 * Appendix B (delimiters never occur in data); ASC X12.6 basic and extended character sets.
 *
 * @module
 */
import { toX12837P } from '../../claims/x12/writer';
import type { X12Envelope, X12Separators } from '../../claims/x12/envelope';
import type { MedcodeIssue } from '../../core/issues';
import type { ClaimLimits, Rule } from '../types';
import { rehome } from './util';

/**
 * The envelope the claim is written in. Its values are valid and fixed, so that every issue the
 * writer returns is about the claim. Its delimiters are those of the interchange the claims are to
 * be sent in (`options.x12.separators`, the defaults `*`, `:`, `^`, `~` under them): a value holding
 * one of them is reported, one holding only another interchange's delimiter is not.
 */
const CHECK_ENVELOPE: X12Envelope = Object.freeze({
  sender: Object.freeze({ id: 'MEDCODE' }),
  receiver: Object.freeze({ id: 'PAYER' }),
  submitter: Object.freeze({ name: 'MEDCODE', id: 'MEDCODE', contactName: 'MEDCODE', phone: '5555550100' }),
  receiverName: 'PAYER',
  interchangeControlNumber: 1,
  createdAt: '2026-01-01T00:00',
});

/** The envelope with an interchange's delimiters, made once for a validator's, not per claim. */
const envelopes = new WeakMap<X12Separators, X12Envelope>();

function checkEnvelopeWith(separators: X12Separators): X12Envelope {
  let envelope = envelopes.get(separators);
  if (envelope === undefined) {
    envelope = Object.freeze({ ...CHECK_ENVELOPE, separators });
    envelopes.set(separators, envelope);
  }
  return envelope;
}

/** The profile limit that `claim-structure` checks for each count the 837P writer refuses past its own. */
const PROFILE_LIMIT: Readonly<Record<string, keyof ClaimLimits>> = Object.freeze({
  diagnoses: 'diagnoses',
  lines: 'lines',
  modifiers: 'modifiersPerLine',
  diagnosisPointers: 'pointersPerLine',
});

/**
 * Whether the 837P's own refusal of `issue` is this rule's to report: its `x12_unwritable` issues,
 * and a count past the 837P's limit that the profile's looser limit let `claim-structure` pass.
 */
function isOwnRefusal(issue: MedcodeIssue, limits: ClaimLimits): boolean {
  if (issue.code === 'x12_unwritable') return true;
  if (issue.code !== 'claim_limit_exceeded') return false;
  const key = PROFILE_LIMIT[issue.element];
  return key !== undefined && limits[key] > issue.max;
}

/**
 * X12 837P rule (`x12-837p`): the claim can be written as an 837P.
 *
 * @example
 * ```ts
 * validateClaim(claim, { rules: { 'x12-837p': true } }).issues.filter((i) => i.code === 'x12_unwritable')
 * ```
 */
export const x12837PRule: Rule = {
  id: 'x12-837p',
  title: 'The claim can be sent as an X12 837P (005010X222A1)',
  citation:
    'ASC X12 005010X222A1 (837P) TR3: element attributes, required loops 2010AA/2010BA/2010BB and SBR09, Appendix B delimiters; ASC X12.6 character sets',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (ctx.setting !== 'professional') {
      report.skip(
        'an institutional claim is sent as an 837I, which medcode does not write: only professional claims are checked as an 837P',
      );
      return;
    }
    const written = toX12837P([ctx.claim], checkEnvelopeWith(ctx.x12.separators));
    for (const issue of written.issues) {
      if (!isOwnRefusal(issue, ctx.limits)) continue;
      // The writer names the claim by its place in the batch (`claims[0].payer.name`); the rule's
      // paths are into the claim itself (`payer.name`), as every other rule's.
      const p = issue.path;
      const inClaim = p[0] === 'claims' && p[1] === 0 ? p.slice(2) : p;
      report.edit({ ...rehome(issue, []), path: inClaim });
    }
  },
};
