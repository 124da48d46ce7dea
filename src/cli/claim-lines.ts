/**
 * What `medcode validate` prints for each item of a claim file: a claim's outcome as a JSON line
 * or as its table, a file issue, and the banner of stale and missing data. Used where the claims
 * are validated: on the command's thread, and, with `--workers` on an 837P, on the worker threads
 * that read its transaction sets (so that a worker hands back the very text to print).
 *
 * @module
 */
import type { ClaimValidation, ClaimEdit, SkippedRule, ValidationStatus } from '../rules/index';
import type { X12ReadItem } from '../claims/index';
import { validationJson } from '../core/frozen-json';
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import { renderEditTable } from './edit-table';
import { escapeControl } from './io';
import type { CliStream } from './io';
import type { ClaimFileFormat, ClaimFileItem } from './input';

/**
 * One claim's outcome in `--json` output.
 *
 * @example
 * ```ts
 * const { claims } = JSON.parse(stdout) as { claims: ValidatedClaim[] }
 * claims.filter((c) => !c.ok).map((c) => c.label)
 * ```
 */
export interface ValidatedClaim {
  /** The claim id, or where the claim sits when it could not be read. */
  readonly label: string;
  readonly format: ClaimFileFormat;
  /** True only when the claim passed (`status: 'passed'`). */
  readonly ok: boolean;
  /** `validateClaim`'s verdict; `failed` too for a claim that could not be read. */
  readonly status: ValidationStatus;
  /** True when the claim was read whole and validated. */
  readonly read: boolean;
  /** Issues from `validateClaim` (or, for an unreadable claim, the reading issues). */
  readonly issues: readonly (ClaimEdit | MedcodeIssue)[];
  /** Rules that could not run (no data is never a pass). */
  readonly skipped: readonly SkippedRule[];
  /** `data_stale` warnings: editions used past their publisher's validity (see the banner). */
  readonly stale: readonly ClaimEdit[];
}

/**
 * How `validate` prints claims: `json-lines` (one object per line) or `table` (a verdict line and
 * an edit table per claim; `quiet` leaves out the claims without errors or warnings).
 *
 * @example
 * ```ts
 * const lines: ClaimLinesFormat = { format: 'table', file: 'batch.837', width: 120, quiet: false }
 * ```
 */
export interface ClaimLinesFormat {
  readonly format: 'json-lines' | 'table';
  readonly file: string;
  readonly width: number;
  readonly quiet: boolean;
}

/**
 * What a {@link DataBanner} holds, as plain data that crosses to another thread.
 *
 * @example
 * ```ts
 * banner.merge(reply.banner)
 * ```
 */
export interface DataBannerFacts {
  readonly stale: readonly (readonly [string, MedcodeIssue])[];
  readonly missing: readonly string[];
  readonly skipped: readonly (readonly [string, number])[];
}

/**
 * The outcome of a claim-file item: its validation (for a claim read whole) with the reading's own
 * issues first, or the reading issues of a claim that could not be read.
 *
 * @example
 * ```ts
 * const outcome = outcomeOf(item, item.kind === 'claim' ? validator.validate(item.claim) : undefined)
 * ```
 */
export function outcomeOf(
  item: Exclude<ClaimFileItem, { kind: 'file-issue' }>,
  validation: ClaimValidation | undefined,
): ValidatedClaim {
  if (item.kind === 'unreadable' || validation === undefined)
    return {
      label: item.label,
      format: item.format,
      ok: false,
      status: 'failed',
      read: false,
      issues: item.issues,
      skipped: [],
      stale: [],
    };
  return {
    label: item.label,
    format: item.format,
    ok: validation.ok,
    status: validation.status,
    read: true,
    issues: item.issues.length === 0 ? validation.issues : [...item.issues, ...validation.issues],
    skipped: validation.skipped,
    stale: validation.stale,
  };
}

/**
 * An 837P reader's item as a claim-file item (`undefined` for the end of a transaction set).
 *
 * @example
 * ```ts
 * const item = claimFileItemOfX12(readItem)
 * ```
 */
export function claimFileItemOfX12(item: X12ReadItem): ClaimFileItem | undefined {
  switch (item.kind) {
    case 'claim':
      return {
        kind: 'claim',
        label: item.claim.claimId,
        format: 'x12',
        claim: item.claim,
        issues: item.issues,
      };
    case 'rejected':
      return {
        kind: 'unreadable',
        label: item.claimId ?? `claim at segment ${item.segmentPosition}`,
        format: 'x12',
        issues: item.issues,
      };
    case 'issue':
      return { kind: 'file-issue', format: 'x12', issue: item.issue };
    case 'transaction':
      return undefined;
  }
}

/**
 * A claim's `--json-lines` line, newline included: the keys of `{ type, file, ...outcome }`.
 *
 * @example
 * ```ts
 * out.write(claimLine('batch.837', outcome))
 * ```
 */
export function claimLine(file: string, outcome: ValidatedClaim): string {
  // The line's keys in the order of `{ type, file, ...outcome }`, without copying the outcome
  // (`satisfies`: a field added to ValidatedClaim and not written here fails to compile). The
  // stale and skipped entries a batch's claims share are written from their kept text.
  return `${validationJson({
    type: 'claim',
    file,
    label: outcome.label,
    format: outcome.format,
    ok: outcome.ok,
    status: outcome.status,
    read: outcome.read,
    issues: outcome.issues,
    skipped: outcome.skipped,
    stale: outcome.stale,
  } satisfies Record<keyof ValidatedClaim | 'type' | 'file', unknown>)}\n`;
}

/**
 * What `validate` prints for a claim in `format`: its JSON line, its table, or nothing (`quiet`
 * and neither an error nor a warning).
 *
 * @example
 * ```ts
 * const text = claimOutput(lines, outcome)
 * if (text !== undefined) out.write(text)
 * ```
 */
export function claimOutput(lines: ClaimLinesFormat, outcome: ValidatedClaim): string | undefined {
  if (lines.format === 'json-lines') return claimLine(lines.file, outcome);
  if (lines.quiet && outcome.ok && !outcome.issues.some((e) => e.severity === 'warning')) return undefined;
  return claimText(lines.file, outcome, lines.width);
}

/**
 * What `validate` prints for a problem of the file itself, in `format`.
 *
 * @example
 * ```ts
 * out.write(fileIssueOutput(lines, issue))
 * ```
 */
export function fileIssueOutput(lines: ClaimLinesFormat, issue: MedcodeIssue): string {
  if (lines.format === 'json-lines')
    return `${JSON.stringify({ type: 'fileIssue', file: lines.file, ...issue })}\n`;
  return `${escapeControl(`${lines.file}: ${issue.severity}: ${issue.message}`)}\n`;
}

/**
 * How an item counts in `validate`'s summary, as bits: a claim (else a file issue), then its
 * verdict and what it carries. Counted the same wherever the claim was validated.
 *
 * @example
 * ```ts
 * const failedClaim = (flags & ItemFlag.failed) !== 0
 * ```
 */
export const ItemFlag = Object.freeze({
  claim: 1,
  failed: 2,
  notChecked: 4,
  warning: 8,
  skipped: 16,
  /** A file issue of severity `error`. */
  fileError: 32,
});

/**
 * The {@link ItemFlag} bits of a claim's outcome.
 *
 * @example
 * ```ts
 * tally.add(outcomeFlags(outcome))
 * ```
 */
export function outcomeFlags(outcome: ValidatedClaim): number {
  return (
    ItemFlag.claim |
    (outcome.status === 'failed' ? ItemFlag.failed : 0) |
    (outcome.status === 'not_checked' ? ItemFlag.notChecked : 0) |
    (outcome.issues.some((e) => e.severity === 'warning') ? ItemFlag.warning : 0) |
    (outcome.skipped.length > 0 ? ItemFlag.skipped : 0)
  );
}

/**
 * The {@link ItemFlag} bits of a file issue.
 *
 * @example
 * ```ts
 * tally.add(fileIssueFlags(issue))
 * ```
 */
export function fileIssueFlags(issue: MedcodeIssue): number {
  return issue.severity === 'error' ? ItemFlag.fileError : 0;
}

/**
 * The summary counts of `validate`: claims, those with errors, not checked, with warnings only,
 * with skipped rules, and whether any file issue was an error.
 *
 * @example
 * ```ts
 * const tally = new ValidationTally()
 * tally.add(outcomeFlags(outcome))
 * ```
 */
export class ValidationTally {
  total = 0;
  errors = 0;
  notChecked = 0;
  warnings = 0;
  withSkips = 0;
  fileErrors = 0;

  add(flags: number): void {
    if ((flags & ItemFlag.claim) === 0) {
      if ((flags & ItemFlag.fileError) !== 0) this.fileErrors++;
      return;
    }
    this.total++;
    if ((flags & ItemFlag.skipped) !== 0) this.withSkips++;
    if ((flags & ItemFlag.failed) !== 0) this.errors++;
    else if ((flags & ItemFlag.notChecked) !== 0) this.notChecked++;
    else if ((flags & ItemFlag.warning) !== 0) this.warnings++;
  }
}

/**
 * A claim's verdict line, its edit table and its skipped rules, as the table output prints them.
 *
 * @example
 * ```ts
 * out.write(claimText('batch.837', outcome, 120))
 * ```
 */
export function claimText(file: string, claim: ValidatedClaim, width: number): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const e of claim.issues) counts[e.severity]++;
  const verdict = !claim.read
    ? 'NOT READ'
    : claim.status === 'passed'
      ? 'OK'
      : claim.status === 'not_checked'
        ? 'NOT CHECKED'
        : 'ERRORS';
  let text = `\n${escapeControl(`${claim.label} (${file})`)}: ${verdict} — ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info\n`;
  if (claim.issues.length > 0) text += `${renderEditTable(claim.issues, width)}\n`;
  for (const s of claim.skipped) text += `  skipped ${escapeControl(`${s.rule}: ${s.reason}`)}\n`;
  return text;
}

/**
 * The stale/missing-data banner of `validate`, as `lookup` and `check` print it: one line per
 * edition used past its publisher's validity (`data_stale`), one per system with no edition for a
 * date (`not_checked`), and one for the rules skipped for lack of data. On stderr, after the claims,
 * so that stdout stays the table or the JSON.
 *
 * A banner made where claims were validated (a worker thread reading some transaction sets) is
 * handed over as {@link DataBannerFacts} and merged in file order: the lines come out as if one
 * banner had seen every claim.
 *
 * @example
 * ```ts
 * const banner = new DataBanner()
 * banner.add(outcome)
 * banner.write(io.stderr)
 * ```
 */
export class DataBanner {
  readonly #stale = new Map<string, MedcodeIssue>();
  readonly #missing = new Map<string, string>();
  readonly #skipped = new Map<string, number>();

  add(claim: ValidatedClaim): void {
    for (const issue of [...claim.stale, ...claim.issues]) {
      if (issue.code === 'data_stale') {
        const key = `${issue.system}:${issue.edition}`;
        // The banner names the edition, not a claim field: the message is rebuilt without the path.
        if (!this.#stale.has(key)) {
          const { message: _, ...draft } = issue;
          this.#stale.set(key, createIssue({ ...draft, path: [] }));
        }
      } else if (issue.code === 'not_checked') {
        const what = issue.reason;
        if (!this.#missing.has(what)) this.#missing.set(what, what);
      }
    }
    for (const s of claim.skipped)
      if (/^no /i.test(s.reason)) this.#skipped.set(s.rule, (this.#skipped.get(s.rule) ?? 0) + 1);
  }

  /** What this banner holds, to be merged into another ({@link DataBanner.merge}). */
  facts(): DataBannerFacts {
    return { stale: [...this.#stale], missing: [...this.#missing.keys()], skipped: [...this.#skipped] };
  }

  /** Adds what another banner saw, after what this one has seen. */
  merge(facts: DataBannerFacts): void {
    for (const [key, issue] of facts.stale) if (!this.#stale.has(key)) this.#stale.set(key, issue);
    for (const what of facts.missing) if (!this.#missing.has(what)) this.#missing.set(what, what);
    for (const [rule, n] of facts.skipped) this.#skipped.set(rule, (this.#skipped.get(rule) ?? 0) + n);
  }

  write(err: CliStream): void {
    for (const issue of this.#stale.values())
      err.write(`medcode: stale data: ${escapeControl(issue.message)}\n`);
    if (this.#missing.size > 0)
      err.write(
        `medcode: missing data: ${escapeControl([...this.#missing.keys()].slice(0, 3).join('; '))}${this.#missing.size > 3 ? ` (and ${this.#missing.size - 3} more)` : ''} (medcode data status --date <date> names the file to import)\n`,
      );
    if (this.#skipped.size > 0)
      err.write(
        `medcode: missing data: rules skipped for lack of data: ${[...this.#skipped].map(([rule, n]) => `${rule} (${n} claim${n === 1 ? '' : 's'})`).join(', ')} (see the "skipped" lines)\n`,
      );
  }
}
