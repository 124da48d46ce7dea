/**
 * `medcode validate <claim.json | file.837>`: runs `validateClaim` from `medcode/rules` on every
 * claim of the file and prints the edits as a table (or JSON).
 *
 * @module
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { MedcodeIssue } from '../core/issues';
import { createIssue } from '../core/issues';
import { toIsoDate } from '../core/dates';
import { PtpTable } from '../ncci/index';
import { builtInCodesetsDir } from '../core/data-dir';
import { toPackSource } from '../core/pack-source';
import { importedValidatorData, withImportedEditions } from '../node/imported-editions';
import { BUILT_IN_RULES, PROFILES, createClaimValidator } from '../rules/index';
import type {
  ClaimEdit,
  ClaimValidation,
  ProfileId,
  RuleSetting,
  SkippedRule,
  ValidateOptions,
  ValidationStatus,
} from '../rules/index';
import type { WorkerValidateOptions } from '../node/validate-workers';
import { describeFsError, readClaimFile } from './input';
import type { ClaimFileFormat, ClaimFileItem } from './input';
import {
  ChunkedOutput,
  CliError,
  EXIT_CODES_HELP,
  EXIT_INPUT_ERRORS,
  escapeControl,
  EXIT_NOT_CHECKED,
  EXIT_OK,
  EXIT_USAGE,
  firstLine,
  localToday,
  outputWidth,
  parseCommandArgs,
  writeJson,
} from './io';
import type { CliIo, CliStream } from './io';
import { readCodesetsOption } from './codesets';
import type { CliCodesets } from './codesets';
import { renderEditTable } from './edit-table';

const OPTIONS = {
  profile: { type: 'string', short: 'p' },
  date: { type: 'string', short: 'd' },
  json: { type: 'boolean' },
  'json-lines': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  ptp: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  codesets: { type: 'string' },
  report: { type: 'string' },
  workers: { type: 'string', short: 'w' },
} as const;

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
 * Runs `medcode validate`. Exit 1 when any claim has an error edit, cannot be read, or the file
 * itself is broken or holds no claim; 4 when there is no error but some claim could not be checked (no code set for
 * its date); 2 on a usage error (unknown option or profile, missing file, bad date).
 *
 * @example
 * ```ts
 * await runValidate(['examples/mue-exceeded.json', '--json'], io) // 1
 * ```
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError('missing file (medcode validate <claim.json | file.837>)');
  keepClaimGarbageYoung();
  collectDeadClaimsSooner();
  const json = values.json === true;
  const jsonLines = values['json-lines'] === true;
  if (json && jsonLines) throw new CliError('--json and --json-lines cannot be combined');
  const profile = readProfile(values.profile);
  const rawToday = values.date ?? io.today ?? localToday();
  const today = toIsoDate(rawToday);
  if (today === undefined)
    throw new CliError(`--date must be a calendar date YYYY-MM-DD (received "${rawToday}")`);
  const workers = readWorkers(values.workers);
  const ptpFiles = ptpPackFiles(values.ptp ?? [], io.cwd);
  // The packs are read here even with --workers, so that a bad pack is a usage error up front
  // rather than a worker that dies on every claim.
  const ptpTables = loadPtpPacks(ptpFiles);
  const codesets = readCodesetsOption(io.cwd, values.codesets, io.builtInCodesets);
  const rules = readRuleSettings(values.rule ?? []);
  const shared = {
    profile,
    today,
    ...(codesets.builtIn !== undefined ? { codesetsDir: codesets.builtIn } : {}),
    ...(rules.size > 0 ? { rules: Object.fromEntries(rules) } : {}),
  };
  // PTP tables from --ptp and from the --codesets folders (ncci-ptp/<edition>/ptp.pack).
  // On this thread each claim is validated in the loop below, as it is read; --workers sends the
  // claims to the pool and takes the results back in order. The pool's workers read the --codesets
  // folders as this thread does (medcode/node's imported editions), from files read once here.
  const imported = workers === undefined ? importedOptions(codesets) : undefined;
  // Editions that clash (the same quarter imported twice) are a usage error here, up front, rather
  // than a pool whose every worker fails to start.
  if (workers !== undefined && codesets.imported.length > 0)
    withImportedEditions(
      toPackSource(codesets.builtIn ?? builtInCodesetsDir()),
      codesets.imported.map(toPackSource),
    );
  const ptpAll = [...ptpTables, ...(imported?.ptpTables ?? [])];
  const validator =
    workers === undefined
      ? createClaimValidator({
          ...shared,
          ...imported?.options,
          ...(ptpAll.length > 0 ? { ptp: { tables: ptpAll } } : {}),
        })
      : undefined;
  const inPool: ValidateItems | undefined =
    workers === undefined
      ? undefined
      : inWorkers({
          ...shared,
          workers,
          ...(ptpFiles.length > 0 ? { ptpPacks: ptpFiles } : {}),
          ...(codesets.imported.length > 0 ? { extraCodesetsDirs: codesets.imported } : {}),
        });
  ptpTables.length = 0;
  ptpAll.length = 0;
  const width = outputWidth(io.stdout);
  // --report aggregates as claims stream by and keeps a bounded sample of rows (medcode/report).
  // The report and the worker pool are loaded only when asked for: a plain run starts with less.
  const report =
    values.report === undefined
      ? undefined
      : (await import('../report/index')).createValidationReport({ profile, today });

  const claims: ValidatedClaim[] = [];
  const fileIssues: { file: string; issue: MedcodeIssue }[] = [];
  let total = 0;
  let withSkips = 0;
  let errors = 0;
  let notChecked = 0;
  let warnings = 0;
  const banner = new DataBanner();
  // Claims are printed in chunks of many lines: a write per claim costs as much as reading it.
  const out = new ChunkedOutput(io.stdout);
  // A file with no claim in it (an empty array, an 837 with no claim) is a failure, as for
  // convert: "0 claims, 0 with errors" would otherwise pass a batch that was never there.
  const emptyFiles: string[] = [];
  async function* items(): AsyncGenerator<FileItem, void, undefined> {
    for (const file of positionals) {
      let held = false;
      for await (const item of readClaimFile(file, io.cwd, io.stderr, io.stdin)) {
        if (item.kind !== 'file-issue' || item.issue.severity === 'error') held = true;
        yield { file, item };
      }
      if (!held) emptyFiles.push(file);
    }
  }
  const entries: AsyncIterable<FileItem & { readonly validation?: ClaimValidation }> =
    inPool === undefined ? items() : inPool(items());
  for await (const entry of entries) {
    const { file, item } = entry;
    if (item.kind === 'file-issue') {
      fileIssues.push({ file, issue: item.issue });
      if (jsonLines) await out.write(`${JSON.stringify({ type: 'fileIssue', file, ...item.issue })}\n`);
      else if (!json)
        await out.write(`${escapeControl(`${file}: ${item.issue.severity}: ${item.issue.message}`)}\n`);
      continue;
    }
    let outcome: ValidatedClaim;
    if (item.kind === 'unreadable') {
      outcome = {
        label: item.label,
        format: item.format,
        ok: false,
        status: 'failed',
        read: false,
        issues: item.issues,
        skipped: [],
        stale: [],
      };
    } else {
      const v =
        validator !== undefined ? validator.validate(item.claim) : (entry.validation as ClaimValidation);
      outcome = {
        label: item.label,
        format: item.format,
        ok: v.ok,
        status: v.status,
        read: true,
        issues: item.issues.length === 0 ? v.issues : [...item.issues, ...v.issues],
        skipped: v.skipped,
        stale: v.stale,
      };
    }
    // The table is printed claim by claim and nothing is kept, so a large 837 streams through in
    // flat memory; --json keeps every outcome for the one document it prints.
    if (json) claims.push(outcome);
    banner.add(outcome);
    report?.add({ ...outcome, source: file, ...(item.kind === 'claim' ? { value: item.claim } : {}) });
    total++;
    if (outcome.skipped.length > 0) withSkips++;
    if (outcome.status === 'failed') errors++;
    else if (outcome.status === 'not_checked') notChecked++;
    else if (outcome.issues.some((e) => e.severity === 'warning')) warnings++;
    if (jsonLines) {
      // The line's keys in the order of `{ type, file, ...outcome }`, without copying the outcome
      // (`satisfies`: a field added to ValidatedClaim and not written here fails to compile).
      const written = out.write(
        `${JSON.stringify({
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
        } satisfies Record<keyof ValidatedClaim | 'type' | 'file', unknown>)}\n`,
      );
      // Only a full chunk waits for the stream: the other claims go on without a turn of the event loop.
      if (written !== undefined) await written;
    } else if (
      !json &&
      !(values.quiet && outcome.ok && !outcome.issues.some((e) => e.severity === 'warning'))
    )
      await out.write(claimText(file, outcome, width));
  }
  out.flush();
  if (report !== undefined && values.report !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, values.report), report.render());
    } catch (error) {
      throw new CliError(`cannot write ${values.report}: ${describeFsError(error)}`, EXIT_USAGE);
    }
    io.stderr.write(
      `medcode validate: wrote the report of ${total} claim${total === 1 ? '' : 's'} to ${values.report}\n`,
    );
  }
  for (const file of emptyFiles)
    io.stderr.write(`medcode validate: ${escapeControl(`${file}: the file holds no claim`)}\n`);
  const failed = errors > 0 || emptyFiles.length > 0 || fileIssues.some((f) => f.issue.severity === 'error');
  const ok = !failed && notChecked === 0;
  if (json) {
    writeJson(io.stdout, {
      ok,
      profile,
      today,
      claims,
      fileIssues: fileIssues.map((f) => ({ file: f.file, ...f.issue })),
    });
  } else if (jsonLines) {
    io.stdout.write(
      `${JSON.stringify({ type: 'summary', ok, profile, today, claims: total, withErrors: errors, notChecked, withWarningsOnly: warnings, withSkippedRules: withSkips })}\n`,
    );
  } else {
    const clean = total - errors - notChecked - warnings;
    io.stdout.write(
      `\n${total} claim${total === 1 ? '' : 's'}: ${errors} with errors, ${notChecked} not checked, ${warnings} with warnings only, ${clean} without warnings or errors (profile ${profile}, today ${today}).\n`,
    );
    if (notChecked > 0)
      io.stdout.write(
        `${notChecked} claim${notChecked === 1 ? '' : 's'} NOT CHECKED: no code set covers the date of service of some code (see the not_checked lines); this is not a pass.\n`,
      );
    // A skipped rule is not a pass: say so next to the verdict.
    if (withSkips > 0)
      io.stdout.write(
        `Some rules could not run (in full) on ${withSkips} of them: see the "skipped" lines (no data is not a pass).\n`,
      );
  }
  banner.write(io.stderr);
  return failed ? EXIT_INPUT_ERRORS : notChecked > 0 ? EXIT_NOT_CHECKED : EXIT_OK;
}

/**
 * Stops V8 from allocating objects of busy allocation sites straight into the old generation
 * ("allocation-site pretenuring") for the rest of this process, the `medcode` command's own.
 *
 * Why: a claim's objects (its reading, its edits, its output line) all die with the claim, but
 * with thousands of claims streaming by, V8 bets that some of them live long and pretenures them;
 * the old generation then fills with dead claims up to about 100 MB between full collections.
 * Measured on a 100,000-claim 837P, reading, validating and writing JSON lines as this command
 * does: peak RSS 185 -> 133 MiB and 30% less CPU time with the bet off. The flag is read at each collection, so setting it now takes effect; it
 * changes no result. The library never sets it: its host process is not its own.
 */
function keepClaimGarbageYoung(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/**
 * Lets the old generation grow by at most 30% over what a full collection found alive (V8 picks a
 * factor between 1.1 and 4 from its own timing), for the rest of this process, the `medcode`
 * command's own.
 *
 * Why: what stays alive while `validate` streams a batch is small and flat (the code sets, about
 * 12 MB of heap, and the claims in flight); everything else is claims already written out. With
 * V8's own factor the heap is allowed to fill with those dead claims before a full collection,
 * and the peak follows that allowance rather than the data. Measured on a 100,000-claim 837P with
 * `--json-lines`, four interleaved runs each: peak RSS 145-148 MiB with V8's factor, 131-134 MiB
 * with 30%, at the same CPU time within the machine's noise. The flag is read at each full
 * collection, so setting it now takes effect; it changes no result. The library never sets it.
 */
function collectDeadClaimsSooner(): void {
  setFlagsFromString('--heap-growing-percent=30');
}

/**
 * The stale/missing-data banner of `validate`, as `lookup` and `check` print it: one line per
 * edition used past its publisher's validity (`data_stale`), one per system with no edition for a
 * date (`not_checked`), and one for the rules skipped for lack of data. On stderr, after the claims,
 * so that stdout stays the table or the JSON.
 */
class DataBanner {
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

/** A claim-file item, with the file it came from. */
interface FileItem {
  readonly file: string;
  readonly item: ClaimFileItem;
}

/** Validates the claims among file items in a worker pool, yielding every item in file order. */
type ValidateItems = (
  items: AsyncIterable<FileItem>,
) => AsyncIterable<FileItem & { readonly validation?: ClaimValidation }>;

/**
 * --workers: the claims go to worker threads (medcode/node's validateClaimsInWorkers) and come back
 * in order; the other items wait in a queue no longer than the pool's window of claims in flight.
 */
function inWorkers(options: Omit<WorkerValidateOptions, 'output'>): ValidateItems {
  return async function* (items) {
    const queue: FileItem[] = [];
    async function* claims(): AsyncGenerator<unknown, void, undefined> {
      for await (const entry of items) {
        queue.push(entry);
        if (entry.item.kind === 'claim') yield entry.item.claim;
      }
    }
    const { validateClaimsInWorkers } = await import('../node/validate-workers');
    for await (const { result } of validateClaimsInWorkers(claims(), options)) {
      while (queue[0] !== undefined && queue[0].item.kind !== 'claim') yield queue.shift()!;
      const entry = queue.shift()!;
      yield { ...entry, validation: result };
    }
    yield* queue.splice(0);
  };
}

/** --workers <n>: worker threads (1 to 256). */
function readWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= 256))
    throw new CliError(`--workers must be a whole number from 1 to 256 (received "${value}")`);
  return n;
}

function readProfile(value: string | undefined): ProfileId {
  const ids = [...PROFILES.keys()];
  if (value === undefined) return 'medicare-professional';
  const found = ids.find((id) => id === value);
  if (!found) throw new CliError(`--profile must be one of ${ids.join(', ')} (received "${value}")`);
  return found;
}

/**
 * `--rule <id>[=on|off|error|warning|info]`: turn a built-in rule on or off, or change its severity
 * (validateClaim's `rules` option). Unknown ids are a usage error rather than an edit on every claim.
 */
function readRuleSettings(specs: readonly string[]): Map<string, RuleSetting> {
  const out = new Map<string, RuleSetting>();
  for (const spec of specs) {
    const [id = '', setting = 'on'] = spec.split('=', 2);
    if (!BUILT_IN_RULES.has(id))
      throw new CliError(`--rule: unknown rule "${id}" (rules: ${[...BUILT_IN_RULES.keys()].join(', ')})`);
    if (setting === 'on') out.set(id, true);
    else if (setting === 'off') out.set(id, false);
    else if (setting === 'error' || setting === 'warning' || setting === 'info')
      out.set(id, { enabled: true, severity: setting });
    else throw new CliError(`--rule ${id}=${setting}: expected on, off, error, warning or info`);
  }
  return out;
}

/**
 * The validator options that read `--codesets` folders after the built-in packs: one pack source
 * over both, each imported system's editions merged with the built-in ones by effective date, so
 * every rule picks its data as it does from the built-in packs (code sets by date of service, MUE
 * tables by setting and date, MCE lists by date). Imported NCCI add-on code tables are given as
 * tables, which the rule prefers on the dates they cover; imported PTP tables join `--ptp`'s.
 */
function importedOptions({ builtIn, imported }: CliCodesets): {
  readonly options: Partial<ValidateOptions>;
  readonly ptpTables: readonly PtpTable[];
} {
  if (imported.length === 0)
    return { options: builtIn === undefined ? {} : { codesetsDir: builtIn }, ptpTables: [] };
  const data = importedValidatorData(
    toPackSource(builtIn ?? builtInCodesetsDir()),
    imported.map(toPackSource),
  );
  return {
    options: { packs: data.packs, ...(data.aocTables.length > 0 ? { aoc: { tables: data.aocTables } } : {}) },
    ptpTables: data.ptpTables,
  };
}

/** `--ptp` takes pack files written by `medcode ncci import`, or folders of them. */
function ptpPackFiles(paths: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    let dir = false;
    try {
      dir = statSync(full).isDirectory();
    } catch {
      throw new CliError(`cannot read PTP pack ${p}: no such file or folder`, EXIT_USAGE);
    }
    if (dir) {
      const packs = readdirSync(full)
        .filter((f) => f.endsWith('.pack'))
        .sort();
      if (packs.length === 0)
        throw new CliError(`no .pack files in ${p} (write them with medcode ncci import)`, EXIT_USAGE);
      files.push(...packs.map((f) => join(full, f)));
    } else files.push(full);
  }
  return files;
}

function loadPtpPacks(files: readonly string[]): PtpTable[] {
  return files.map((f) => {
    try {
      return PtpTable.fromPack(f);
    } catch (error) {
      throw new CliError(`cannot load PTP pack ${f}: ${firstLine(error)}`, EXIT_USAGE);
    }
  });
}

/** A claim's verdict line, its edit table and its skipped rules, as the table output prints them. */
function claimText(file: string, claim: ValidatedClaim, width: number): string {
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

const HELP = `Usage: medcode validate <claim.json | file.837 | fhir-claim.json>… [options]

Validates every claim in the files with medcode/rules (NCCI PTP and MUE, ICD-10-CM Excludes1 and
manifestation, MCE age/sex, POA, code validity on each line's date of service, claim structure)
and prints each claim's edits as a table: line, field, codes, severity, rule, message, remedy.
Claim JSON may hold one claim or an array; FHIR R4 Claim resources (or a Bundle of them) and
X12 837P interchanges are read too. "-" reads standard input.

Options:
  -p, --profile <id>       medicare-professional (default) | medicare-institutional-outpatient | medicare-inpatient
  -d, --date <YYYY-MM-DD>  "today" for the future-date check (default: the machine's date). Code sets
                           are always chosen by each line's own date of service, never by --date.
      --rule <id>[=on|off|error|warning|info]
                           turn a rule on or off or change its severity (repeatable), e.g.
                           --rule mce-age (age conflicts, off in the professional profile)
      --ptp <pack|dir>     NCCI PTP packs written by "medcode ncci import" (repeatable); without
                           them the ncci-ptp rule is reported as skipped
      --codesets <dir>     a folder of imported editions (medcode data import --out, any system),
                           added to the built-in ones by effective date
      --json               machine-readable output: { ok, profile, today, claims[], fileIssues[] };
                           each claim { label, format, ok, status, read, issues[], skipped[] }
  -q, --quiet              table output: print only the claims with errors or warnings
      --json-lines         one JSON object per line as claims are read ({ type: 'claim' | 'fileIssue'
                           | 'summary', … }): flat memory on large files
  -w, --workers <n>        validate on n worker threads (output in file order, same as without);
                           the file is still read on this thread, so it is slower today (docs/cli.md)
      --report <file.html> also write a self-contained HTML report: totals, edits by rule and
                           by payer-facing reason, the lines most often denied, and the
                           claims with edits (the first 500 of them), sortable and filterable
  -h, --help               this help

Exit 0 when every claim passed; 1 when any has an error edit (or cannot be read), or a file holds
no claim; 4 when none has an error but some claim is NOT CHECKED (a code whose date of service no
code set covers: a not_checked issue names the date and the editions held); 2 on a usage error.

${EXIT_CODES_HELP}`;
