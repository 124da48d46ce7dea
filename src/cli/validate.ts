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
import { toIsoDate } from '../core/dates';
import { PtpTable } from '../ncci/index';
import { builtInCodesetsDir } from '../core/data-dir';
import { toPackSource } from '../core/pack-source';
import { importedValidatorData, withImportedEditions } from '../node/imported-editions';
import { BUILT_IN_RULES, PROFILES, createClaimValidator } from '../rules/index';
import type { ClaimValidation, ProfileId, RuleSetting, ValidateOptions } from '../rules/index';
import type { WorkerValidateOptions } from '../node/validate-workers';
import { claimFileSize, describeFsError, isX12File, readClaimFile, readX12Pieces } from './input';
import type { ClaimFileItem } from './input';
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
import type { CliIo } from './io';
import { readCodesetsOption } from './codesets';
import type { CliCodesets } from './codesets';
import {
  DataBanner,
  ItemFlag,
  ValidationTally,
  claimFileItemOfX12,
  claimOutput,
  fileIssueFlags,
  fileIssueOutput,
  outcomeFlags,
  outcomeOf,
} from './claim-lines';
import type { ClaimLinesFormat, ValidatedClaim } from './claim-lines';
import type { TransactionLinesReply } from './transaction-lines';
import type { Claim, X12ReadItem } from '../claims/index';
import { readX12Transactions } from '../claims/x12/transactions';
import { x12SeparatorsOf } from '../claims/x12/segment-writer';
import type { X12Separators } from '../claims/x12/envelope';
import type { createTransactionLinesPool } from '../node/validate-workers';

export type { ValidatedClaim } from './claim-lines';

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
  'x12-separators': { type: 'string' },
} as const;

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
  // Every file is there before the first claim is printed: a usage error (exit 2) stops the run
  // before any output, never after part of it.
  for (const file of positionals) if (file !== '-') claimFileSize(file, io.cwd);
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
  const separators = readX12Separators(values['x12-separators']);
  const shared = {
    profile,
    today,
    ...(codesets.builtIn !== undefined ? { codesetsDir: codesets.builtIn } : {}),
    ...(rules.size > 0 ? { rules: Object.fromEntries(rules) } : {}),
    ...(separators !== undefined ? { x12: { separators } } : {}),
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
      ? createClaimValidator({ ...shared, ...imported?.options, ...ptpOptions(ptpAll) })
      : undefined;
  const poolOptions = {
    ...shared,
    ...(workers !== undefined ? { workers } : {}),
    ...(ptpFiles.length > 0 ? { ptpPacks: ptpFiles } : {}),
    ...(codesets.imported.length > 0 ? { extraCodesetsDirs: codesets.imported } : {}),
    ...(io.onWorker !== undefined ? { onWorker: io.onWorker } : {}),
  };
  // --workers on 837P files printed as lines or tables: each file is cut into its transaction sets,
  // which the workers read, validate and print, so this thread only cuts and writes. Otherwise
  // (--json and --report keep every outcome here; claim JSON and FHIR are read whole) the claims
  // read here go to the pool and their results come back.
  const byTransactions =
    workers !== undefined &&
    !json &&
    values.report === undefined &&
    positionals.every((file) => isX12File(file, io.cwd));
  const inPool: ValidateItems | undefined =
    workers === undefined || byTransactions ? undefined : inWorkers(poolOptions);
  const transactionPool = byTransactions
    ? (await import('../node/validate-workers')).createTransactionLinesPool(poolOptions)
    : undefined;
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
  const tally = new ValidationTally();
  const banner = new DataBanner();
  // Claims are printed in chunks of many lines: a write per claim costs as much as reading it.
  const out = new ChunkedOutput(io.stdout);
  const linesOf = (file: string): ClaimLinesFormat => ({
    format: jsonLines ? 'json-lines' : 'table',
    file,
    width,
    quiet: values.quiet === true,
  });
  // A file with no claim in it (an empty array, an 837 with no claim) is a failure, as for
  // convert: "0 claims, 0 with errors" would otherwise pass a batch that was never there. Files
  // are told apart by their place on the command line (one named twice is read twice).
  const heldFiles = new Set<number>();
  async function* items(): AsyncGenerator<FileEntry, void, undefined> {
    for (const [at, file] of positionals.entries())
      for await (const item of readClaimFile(file, io.cwd, io.stderr, io.stdin)) yield { at, file, item };
  }
  // The claims of items read on this thread with --workers (an 837P's envelope, a transaction set
  // no worker could take) are validated here, by a validator made the first time one comes.
  let here = validator;
  const validateHere = (claim: Claim): ClaimValidation => {
    if (here === undefined) {
      const data = importedOptions(codesets);
      here = createClaimValidator({
        ...shared,
        ...data.options,
        ...ptpOptions([...loadPtpPacks(ptpFiles), ...data.ptpTables]),
      });
    }
    return here.validate(claim);
  };
  const entries: AsyncIterable<FileEntry | PrintedEntry> =
    inPool !== undefined
      ? inPool(items())
      : transactionPool !== undefined
        ? inTransactionWorkers(transactionPool, positionals, io, linesOf)
        : items();
  try {
    for await (const entry of entries) {
      if ('printed' in entry) {
        // Transaction sets a worker read, validated and printed, as this thread would have.
        const { printed } = entry;
        // Once written, the buffer goes back to the workers, to print a later piece into.
        const written = out.writeBytes(printed.text, () =>
          transactionPool?.recycle(printed.text.buffer as ArrayBuffer),
        );
        if (written !== undefined) await written;
        for (const flags of printed.flags) {
          tally.add(flags);
          if ((flags & (ItemFlag.claim | ItemFlag.fileError)) !== 0) heldFiles.add(entry.at);
        }
        banner.merge(printed.banner);
        continue;
      }
      const { file, item } = entry;
      const lines = linesOf(file);
      if (item.kind === 'file-issue') {
        if (json) fileIssues.push({ file, issue: item.issue });
        const flags = fileIssueFlags(item.issue);
        tally.add(flags);
        if (flags !== 0) heldFiles.add(entry.at);
        if (!json) {
          const written = out.write(fileIssueOutput(lines, item.issue));
          if (written !== undefined) await written;
        }
        continue;
      }
      heldFiles.add(entry.at);
      const outcome = outcomeOf(
        item,
        item.kind !== 'claim' ? undefined : (entry.validation ?? validateHere(item.claim)),
      );
      // The table is printed claim by claim and nothing is kept, so a large 837 streams through in
      // flat memory; --json keeps every outcome for the one document it prints.
      if (json) claims.push(outcome);
      banner.add(outcome);
      report?.add({ ...outcome, source: file, ...(item.kind === 'claim' ? { value: item.claim } : {}) });
      tally.add(outcomeFlags(outcome));
      const text = json ? undefined : claimOutput(lines, outcome);
      // Only a full chunk waits for the stream: the other claims go on without a turn of the event loop.
      const written = text === undefined ? undefined : out.write(text);
      if (written !== undefined) await written;
    }
  } finally {
    await transactionPool?.close();
    // What was validated is written even when a later file fails to read.
    out.flush();
  }
  const { total, errors, notChecked, warnings, withSkips } = tally;
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
  const emptyFiles = positionals.filter((_, at) => !heldFiles.has(at));
  for (const file of emptyFiles)
    io.stderr.write(`medcode validate: ${escapeControl(`${file}: the file holds no claim`)}\n`);
  const failed = errors > 0 || emptyFiles.length > 0 || tally.fileErrors > 0;
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

/** A claim-file item, with the file it came from (and that file's place on the command line). */
interface FileEntry {
  readonly at: number;
  readonly file: string;
  readonly item: ClaimFileItem;
  /** The claim's validation, when a worker made it. */
  readonly validation?: ClaimValidation;
}

/** Transaction sets of an 837P that a worker read, validated and printed. */
interface PrintedEntry {
  readonly at: number;
  readonly file: string;
  readonly printed: TransactionLinesReply;
}

/** Validates the claims among file items in a worker pool, yielding every item in file order. */
type ValidateItems = (items: AsyncIterable<FileEntry>) => AsyncIterable<FileEntry>;

/**
 * --workers: the claims go to worker threads (medcode/node's validateClaimsInWorkers) and come back
 * in order; the other items wait in a queue no longer than the pool's window of claims in flight.
 */
function inWorkers(options: Omit<WorkerValidateOptions, 'output'>): ValidateItems {
  return async function* (items) {
    const queue: FileEntry[] = [];
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

/**
 * --workers on 837P files: each file cut into its transaction sets as it streams in; the sets go to
 * the workers, which print their claims, and the rest is read here. Entries come in file order,
 * with at most two pieces per worker in flight, so a large file streams in bounded memory. Sets no
 * worker answered (one died, the pool broke) are read here instead: every claim gets its result.
 */
async function* inTransactionWorkers(
  pool: TransactionLinesPool,
  files: readonly string[],
  io: CliIo,
  linesOf: (file: string) => ClaimLinesFormat,
): AsyncGenerator<FileEntry | PrintedEntry, void, undefined> {
  const window = pool.workers * 2;
  for (const [at, file] of files.entries()) {
    const entriesOf = (reads: readonly X12ReadItem[]): FileEntry[] =>
      reads.flatMap((read) => {
        const item = claimFileItemOfX12(read);
        return item === undefined ? [] : [{ at, file, item }];
      });
    const queue: (readonly (FileEntry | PrintedEntry)[] | Promise<readonly (FileEntry | PrintedEntry)[]>)[] =
      [];
    for await (const piece of readX12Pieces(file, io.cwd, io.stderr)) {
      if (piece.kind === 'items') queue.push(entriesOf(piece.items));
      else
        queue.push(
          pool
            .read({ bytes: piece.bytes, at: piece.at, lines: linesOf(file) })
            .then((reply) =>
              'failed' in reply
                ? entriesOf([...readX12Transactions(piece.bytes, piece.at)])
                : [{ at, file, printed: reply }],
            ),
        );
      while (queue.length > window) yield* await queue.shift()!;
    }
    while (queue.length > 0) yield* await queue.shift()!;
  }
}

/** The pool of {@link inTransactionWorkers}. */
type TransactionLinesPool = ReturnType<typeof createTransactionLinesPool>;

/** The `ptp` option for PTP tables, none when there are none. */
function ptpOptions(tables: readonly PtpTable[]): Pick<ValidateOptions, 'ptp'> {
  return tables.length > 0 ? { ptp: { tables } } : {};
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
 * `--x12-separators <chars>`: the delimiters of the 837P the claims are to be sent in (element,
 * component, repetition, segment), which the x12-837p rule checks values against; refused up front
 * when the 837P writer would refuse them.
 */
function readX12Separators(value: string | undefined): X12Separators | undefined {
  if (value === undefined) return undefined;
  const chars = [...value];
  const [element, component, repetition, segment] = chars;
  const separators =
    chars.length === 4 ? x12SeparatorsOf({ element, component, repetition, segment }) : undefined;
  if (separators === undefined)
    throw new CliError(
      `--x12-separators must be 4 distinct punctuation characters, element, component, repetition and segment, such as '*:^~' or '|>!~' (received "${value}")`,
    );
  return separators;
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

const HELP = `Usage: medcode validate <claim.json | file.837 | fhir-claim.json>… [options]

Validates every claim in the files with medcode/rules (NCCI PTP and MUE, ICD-10-CM Excludes1 and
manifestation, MCE age/sex, POA, code validity on each line's date of service, claim structure)
and prints each claim's edits as a table: line, field, codes, severity, rule, message, remedy.
Claim JSON may hold one claim or an array; FHIR R4 Claim resources (or a Bundle of them) and
X12 837P interchanges are read too. "-" reads standard input.

Options:
  -p, --profile <id>       medicare-professional (default) | medicare-institutional-outpatient | medicare-inpatient
  -d, --date <YYYY-MM-DD>  "today" for the future-date and filing-limit checks (default: the
                           machine's date). Code sets are always chosen by each line's own date of
                           service, never by --date.
      --rule <id>[=on|off|error|warning|info]
                           turn a rule on or off or change its severity (repeatable), e.g.
                           --rule mce-age (age conflicts, off in the professional profile)
                           or --rule x12-837p (what the 837P writer would refuse, off in every profile)
      --x12-separators <chars>
                           the delimiters of the 837P the claims are to be sent in, for --rule
                           x12-837p: element, component, repetition and segment (default '*:^~')
      --ptp <pack|dir>     NCCI PTP packs written by "medcode ncci import" (repeatable); without
                           them the ncci-ptp rule is reported as skipped
      --codesets <dir>     a folder of imported editions (medcode data import --out, any system),
                           added to the built-in ones by effective date
      --json               machine-readable output: { ok, profile, today, claims[], fileIssues[] };
                           each claim { label, format, ok, status, read, issues[], skipped[] }
  -q, --quiet              table output: print only the claims with errors or warnings
      --json-lines         one JSON object per line as claims are read ({ type: 'claim' | 'fileIssue'
                           | 'summary', … }): flat memory on large files
  -w, --workers <n>        validate on n worker threads (output in file order, same as without).
                           837P files printed as lines or tables are cut into their transaction
                           sets, which the threads read; with --json, --report or JSON claims,
                           the file is read on this thread and it is slower (docs/cli.md)
      --report <file.html> also write a self-contained HTML report: totals, edits by rule and
                           by payer-facing reason, the lines most often denied, and the
                           claims with edits (the first 500 of them), sortable and filterable
  -h, --help               this help

Exit 0 when every claim passed; 1 when any has an error edit (or cannot be read), or a file holds
no claim; 4 when none has an error but some claim is NOT CHECKED (a code whose date of service no
code set covers: a not_checked issue names the date and the editions held); 2 on a usage error.

${EXIT_CODES_HELP}`;
