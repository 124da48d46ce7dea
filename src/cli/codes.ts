/**
 * `medcode lookup`, `medcode check` and `medcode search`: codes of any system, in the edition in
 * force on `--date` (default today).
 *
 * @module
 */
import { parseCpt } from '../cpt/index';
import { PackError } from '../core/errors';
import type { CodeEntry } from '../core/codeset';
import { toIsoDate } from '../core/dates';
import type { IsoDate } from '../core/dates';
import type { MedcodeIssue } from '../core/issues';
import {
  CliError,
  escapeControl,
  EXIT_INPUT_ERRORS,
  EXIT_OK,
  firstLine,
  isMissingDataError,
  localToday,
  outputWidth,
  parseCommandArgs,
  writeJson,
} from './io';
import { readCodesetsOption } from './codesets';
import type { CliIo } from './io';
import { CLI_SYSTEM_NAMES, CliSystems, candidatesFor, readSystemOption } from './systems';
import type { CliCodeSet, CliSystemId } from './systems';
import { renderTable } from './table';

const CODE_OPTIONS = {
  system: { type: 'string', short: 's' },
  date: { type: 'string', short: 'd' },
  json: { type: 'boolean' },
  limit: { type: 'string', short: 'n' },
  'cpt-descriptors': { type: 'string' },
  codesets: { type: 'string' },
} as const;

/** Why CPT has no titles: medcode ships no AMA text (AMA copyright on CPT descriptors). */
const CPT_NOTE =
  'CPT descriptors are AMA-licensed and not shipped; pass --cpt-descriptors <file> for titles and existence checks';

interface CodeCommandContext {
  readonly systems: CliSystems;
  readonly date: IsoDate;
  readonly forced: CliSystemId | undefined;
  readonly json: boolean;
  readonly limit: number;
  /** Stale-data warnings met while answering, by edition: printed once, as a banner. */
  readonly stale: Map<string, MedcodeIssue>;
  /** Systems that had no edition for the date. */
  readonly noEdition: Set<CliSystemId>;
}

/**
 * The one-line banners for answers that rest on stale data or on no data for the date, on stderr
 * (stdout stays the table or the JSON).
 */
function writeDataBanner(ctx: CodeCommandContext, io: CliIo): void {
  for (const issue of ctx.stale.values()) io.stderr.write(`medcode: stale data: ${issue.message}\n`);
  for (const system of ctx.noEdition)
    io.stderr.write(
      `medcode: missing data: no ${CLI_SYSTEM_NAMES.get(system)} edition for ${ctx.date} (medcode data status --date ${ctx.date} names the file to import)\n`,
    );
}

function readContext(args: readonly string[], io: CliIo, needPositionals: string) {
  const { values, positionals } = parseCommandArgs(args, CODE_OPTIONS);
  if (values.help) return { help: true as const };
  if (positionals.length === 0) throw new CliError(`missing ${needPositionals}`);
  const rawDate = values.date ?? io.today ?? localToday();
  const date = toIsoDate(rawDate);
  if (date === undefined)
    throw new CliError(`--date must be a calendar date YYYY-MM-DD (received "${rawDate}")`);
  let limit = 10;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!/^\d+$/.test(values.limit) || limit < 1 || limit > 1000)
      throw new CliError(`--limit must be a whole number from 1 to 1000 (received "${values.limit}")`);
  }
  const ctx: CodeCommandContext = {
    systems: new CliSystems(
      io.cwd,
      values['cpt-descriptors'],
      readCodesetsOption(io.cwd, values.codesets, io.builtInCodesets),
    ),
    date,
    forced: readSystemOption(values.system),
    json: values.json === true,
    limit,
    stale: new Map(),
    noEdition: new Set(),
  };
  return { help: false as const, ctx, positionals };
}

/** The code set of a system on the date, or why there is none. */
async function codeSetOn(
  ctx: CodeCommandContext,
  system: CliSystemId,
): Promise<{ set: CliCodeSet } | { problem: string }> {
  const sys = await ctx.systems.load(system);
  if (!sys)
    return {
      problem:
        system === 'cpt'
          ? CPT_NOTE
          : `${CLI_SYSTEM_NAMES.get(system)} data is not available in this build of medcode`,
    };
  let r: ReturnType<typeof sys.tryAt>;
  try {
    r = sys.tryAt(ctx.date);
  } catch (error) {
    // A damaged or missing installation (PackError, no codesets/ folder) cannot answer at all:
    // runCli reports it on one line with exit 3 rather than calling the codes "not found".
    if (error instanceof CliError || error instanceof PackError || isMissingDataError(error)) throw error;
    return { problem: firstLine(error) };
  }
  if (!r.ok) {
    if (r.issues.some((i) => i.code === 'no_edition')) ctx.noEdition.add(system);
    return {
      problem: `${r.issues.map((i) => i.message).join(' ')}${r.issues.some((i) => i.code === 'no_edition') ? ' Use --date to pick another date.' : ''}`,
    };
  }
  for (const issue of r.issues)
    if (issue.code === 'data_stale') ctx.stale.set(`${system}:${issue.edition}`, issue);
  return { set: r.value };
}

/** What a CPT code shows without licensed descriptors: its category and section from the number. */
function cptShape(input: string): { entry?: Record<string, unknown>; issues: readonly MedcodeIssue[] } {
  const r = parseCpt(input);
  if (!r.ok) return { issues: r.issues };
  const v = r.value;
  return {
    entry: {
      code: v.code,
      category: v.category,
      section: v.section ?? null,
      sectionCertain: v.sectionCertain,
    },
    issues: [],
  };
}

const cptSummary = (entry: Record<string, unknown>) =>
  `Category ${String(entry.category)}${entry.section ? `, ${String(entry.section).replace(/_/g, ' ')}${entry.sectionCertain ? '' : ' (by range, uncertain)'}` : ''}; no descriptor (AMA-licensed, not shipped)`;

// ---------------------------------------------------------------------------------------------
// lookup

interface LookupMatch {
  readonly system: CliSystemId;
  readonly code: string;
  readonly edition?: string;
  readonly title: string;
  readonly entry: unknown;
  /** False when the code is in the edition but not valid on the date (terminated, not yet added). */
  readonly valid?: false;
}

/** The lookup marker for a code `check` rejects on the date for its dates alone, or ''. */
function notInForce(
  r: { readonly ok: boolean; readonly issues: readonly MedcodeIssue[] },
  date: IsoDate,
): string {
  if (r.ok) return '';
  for (const issue of r.issues) {
    if (issue.code === 'code_terminated')
      return ` [terminated: last valid ${issue.terminationDate}, not valid on ${date}]`;
    if (issue.code === 'not_in_force')
      return issue.effectiveFrom
        ? ` [not in force until ${issue.effectiveFrom}, not valid on ${date}]`
        : ` [not in force on ${date}]`;
  }
  return '';
}

/**
 * `medcode lookup <code…>`: each code's entry in the edition in force on the date. Exit 1 when any
 * code is found in no system.
 *
 * @example
 * ```ts
 * await runLookup(['E11.9', 'G0121', '--date', '2026-05-01'], io) // 0
 * ```
 */
export async function runLookup(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = readContext(args, io, 'code (medcode lookup <code…>)');
  if (parsed.help) {
    io.stdout.write(LOOKUP_HELP);
    return EXIT_OK;
  }
  const { ctx, positionals } = parsed;
  const results: { input: string; matches: LookupMatch[]; notes: string[]; noEdition: boolean }[] = [];
  for (const input of positionals) {
    const { candidates } = candidatesFor(input, ctx.forced);
    const matches: LookupMatch[] = [];
    const notes: string[] = [];
    if (candidates.length === 0)
      notes.push(`"${input}" has the shape of no code system (use --system to force one)`);
    for (const c of candidates) {
      const on = await codeSetOn(ctx, c.system);
      if ('problem' in on) {
        if (c.system === 'cpt') {
          const shape = cptShape(c.normalized);
          if (shape.entry)
            matches.push({
              system: 'cpt',
              code: String(shape.entry.code),
              title: cptSummary(shape.entry),
              entry: shape.entry,
            });
          else notes.push(`CPT: ${shape.issues.map((i) => i.message).join(' ')}`);
        } else notes.push(`${CLI_SYSTEM_NAMES.get(c.system)}: ${on.problem}`);
        continue;
      }
      const entry = on.set.get(input);
      // ICD-10-CM headers (categories with codes below them) are not valid on a claim: say so.
      const header =
        (entry as { billable?: unknown } | undefined)?.billable === false
          ? ' [header: not valid for submission]'
          : '';
      // A code the file still lists but that is not valid on the date of service (a HCPCS code
      // past its termination date, CMS HCPCS record layout field 29, or added after the date) is
      // shown with `check`'s verdict, and counts as invalid for the exit status, as in `check`.
      const dated = entry && !header ? notInForce(on.set.check(input), ctx.date) : '';
      if (entry)
        matches.push({
          system: c.system,
          code: entry.code,
          edition: on.set.edition.name,
          title: `${entry.title}${header}${dated}`,
          entry,
          ...(dated ? { valid: false } : {}),
        });
      else notes.push(`not in ${on.set.edition.name}`);
    }
    if (matches.length > 1 && !ctx.forced) {
      notes.push(
        `"${input}" is a code in ${matches.map((m) => CLI_SYSTEM_NAMES.get(m.system)).join(' and ')}; use --system to pick one`,
      );
    }
    // "Not found" only when some system with data for the date was asked and does not have the
    // code; when every candidate system lacks an edition for the date, the truth is "no data".
    const noEdition =
      matches.length === 0 && candidates.length > 0 && candidates.every((c) => ctx.noEdition.has(c.system));
    results.push({ input, matches, notes, noEdition });
  }
  const missing = results.filter(
    (r) => r.matches.length === 0 || r.matches.every((m) => m.valid === false),
  ).length;
  if (ctx.json) {
    writeJson(io.stdout, { date: ctx.date, results });
  } else {
    const rows = results.flatMap((r) =>
      r.matches.length > 0
        ? r.matches.map((m) => [r.input, CLI_SYSTEM_NAMES.get(m.system)!, m.code, m.edition ?? '', m.title])
        : [[r.input, '', '', '', r.noEdition ? 'no edition for this date' : 'not found']],
    );
    io.stdout.write(
      `${renderTable(['input', 'system', 'code', 'edition', 'title'], rows, { width: outputWidth(io.stdout), wrap: [4] })}\n`,
    );
    for (const r of results) {
      // Notes on codes that were found only matter when they are ambiguous.
      const shown = r.matches.length === 0 ? r.notes : r.notes.filter((n) => n.includes('--system'));
      for (const n of shown) io.stderr.write(`${escapeControl(`${r.input}: ${n}`)}\n`);
    }
  }
  writeDataBanner(ctx, io);
  return missing > 0 ? EXIT_INPUT_ERRORS : EXIT_OK;
}

// ---------------------------------------------------------------------------------------------
// check

interface CheckVerdict {
  readonly system: CliSystemId;
  readonly valid: boolean;
  readonly code?: string;
  readonly edition?: string;
  readonly title?: string;
  readonly issues: readonly MedcodeIssue[];
  readonly note?: string;
  /** True when the system has no data for the date: the code could not be checked at all. */
  readonly noData?: boolean;
}

/**
 * `medcode check <code…>`: validates each code in the edition in force on the date and explains
 * every problem. When the shape fits several systems, the code is checked in each; a code valid in
 * exactly one is reported there. Exit 1 when any code is invalid.
 *
 * @example
 * ```ts
 * await runCheck(['S72.001', '--date', '2026-05-01'], io) // 1: seventh_character_missing
 * ```
 */
export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = readContext(args, io, 'code (medcode check <code…>)');
  if (parsed.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_OK;
  }
  const { ctx, positionals } = parsed;
  const results: { input: string; valid: boolean; verdicts: CheckVerdict[]; note?: string }[] = [];
  for (const input of positionals) {
    const { candidates } = candidatesFor(input, ctx.forced);
    const verdicts: CheckVerdict[] = [];
    for (const c of candidates) {
      const on = await codeSetOn(ctx, c.system);
      if ('problem' in on) {
        if (c.system === 'cpt') {
          const shape = cptShape(c.normalized);
          verdicts.push(
            shape.entry
              ? {
                  system: 'cpt',
                  valid: true,
                  code: String(shape.entry.code),
                  issues: [],
                  note: `well-formed CPT code, Category ${String(shape.entry.category)}; existence not checked (${CPT_NOTE})`,
                }
              : { system: 'cpt', valid: false, issues: shape.issues },
          );
        } else verdicts.push({ system: c.system, valid: false, noData: true, issues: [], note: on.problem });
        continue;
      }
      const r = on.set.check(input);
      // A failure carries no entry; a header code still has one to name (not billable, but known).
      const entry: CodeEntry | undefined = r.ok ? r.value : on.set.get(input);
      verdicts.push({
        system: c.system,
        valid: r.ok,
        ...(entry ? { code: entry.code, title: entry.title } : {}),
        edition: on.set.edition.name,
        issues: r.issues,
      });
    }
    const valid = verdicts.filter((v) => v.valid);
    // Several candidates: keep the valid ones when there are any (the others are other systems' shapes).
    const shown = valid.length > 0 && verdicts.length > 1 ? valid : verdicts;
    const note =
      candidates.length === 0
        ? `"${input}" has the shape of no code system (use --system to force one)`
        : valid.length > 1 && !ctx.forced
          ? `"${input}" is valid in ${valid.map((v) => CLI_SYSTEM_NAMES.get(v.system)).join(' and ')}; use --system to pick one`
          : undefined;
    results.push({ input, valid: valid.length > 0, verdicts: shown, ...(note ? { note } : {}) });
  }
  const invalid = results.filter((r) => !r.valid).length;
  if (ctx.json) {
    writeJson(io.stdout, { date: ctx.date, ok: invalid === 0, results });
  } else {
    const rows: string[][] = [];
    for (const r of results) {
      if (r.verdicts.length === 0) rows.push([r.input, '', 'invalid', r.note ?? '']);
      for (const v of r.verdicts) {
        const label = CLI_SYSTEM_NAMES.get(v.system)!;
        const head =
          v.valid && v.title ? `${v.code ?? r.input} ${v.title}${v.edition ? ` (${v.edition})` : ''}` : '';
        // An issue's remedy (`did you mean 0LB50ZZ?` for a letter O typed for a zero) is the part
        // of the verdict that fixes the code: shown after its message, as validate's table shows it.
        const messages = [
          head,
          ...v.issues.map((i) => `${i.severity}: ${i.message}${i.remedy ? ` Remedy: ${i.remedy}` : ''}`),
          v.note ?? '',
        ]
          .filter(Boolean)
          .join(' | ');
        rows.push([r.input, label, v.valid ? 'valid' : v.noData ? 'no data' : 'invalid', messages]);
      }
    }
    io.stdout.write(
      `${renderTable(['input', 'system', 'verdict', 'details'], rows, { width: outputWidth(io.stdout), wrap: [3] })}\n`,
    );
    for (const r of results)
      if (r.note && r.verdicts.length > 0) io.stderr.write(`${escapeControl(`${r.input}: ${r.note}`)}\n`);
  }
  writeDataBanner(ctx, io);
  return invalid > 0 ? EXIT_INPUT_ERRORS : EXIT_OK;
}

// ---------------------------------------------------------------------------------------------
// search

/** Systems searched when `--system` is not given (CPT only with licensed descriptors). */
const DEFAULT_SEARCH: readonly CliSystemId[] = ['icd10cm', 'icd10pcs', 'hcpcs', 'modifier', 'pos'];

/**
 * `medcode search <text>`: ranked text search, per system (scores are comparable only within one
 * system's list, so hits are grouped, not merged). Exit 1 when nothing is found.
 *
 * @example
 * ```ts
 * await runSearch(['colon', 'cancer', 'screening', '--system', 'hcpcs', '--limit', '5'], io)
 * ```
 */
export async function runSearch(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = readContext(args, io, 'search text (medcode search <text>)');
  if (parsed.help) {
    io.stdout.write(SEARCH_HELP);
    return EXIT_OK;
  }
  const { ctx, positionals } = parsed;
  const text = positionals.join(' ');
  const systems = ctx.forced
    ? [ctx.forced]
    : ctx.systems.cptDescriptors !== undefined
      ? [...DEFAULT_SEARCH, 'cpt' as const]
      : DEFAULT_SEARCH;
  const groups: {
    system: CliSystemId;
    edition?: string;
    hits: { code: string; title: string; matched: string; source: string; score: number }[];
    note?: string;
  }[] = [];
  for (const system of systems) {
    const on = await codeSetOn(ctx, system);
    if ('problem' in on) {
      groups.push({ system, hits: [], note: on.problem });
      continue;
    }
    const hits = on.set.search(text, { limit: ctx.limit }).map((h) => ({
      code: h.entry.code,
      title: h.entry.title,
      matched: h.matched,
      source: h.source,
      score: h.score,
    }));
    groups.push({ system, edition: on.set.edition.name, hits });
  }
  const total = groups.reduce((n, g) => n + g.hits.length, 0);
  if (ctx.json) {
    writeJson(io.stdout, { date: ctx.date, text, groups });
  } else {
    const rows = groups.flatMap((g) =>
      g.hits.map((h) => [
        CLI_SYSTEM_NAMES.get(g.system)!,
        h.code,
        h.matched && h.matched !== h.title && h.source !== 'code'
          ? `${h.title} [${h.source.replace(/_/g, ' ')}: ${h.matched}]`
          : h.title,
      ]),
    );
    if (rows.length > 0)
      io.stdout.write(
        `${renderTable(['system', 'code', 'title'], rows, { width: outputWidth(io.stdout), wrap: [2] })}\n`,
      );
    else io.stdout.write(`no match for "${escapeControl(text)}"\n`);
    for (const g of groups)
      if (g.note && ctx.forced) io.stderr.write(`${CLI_SYSTEM_NAMES.get(g.system)}: ${g.note}\n`);
  }
  return total === 0 ? EXIT_INPUT_ERRORS : EXIT_OK;
}

const SHARED_HELP = `Options:
  -s, --system <id>        icd10cm | icd10pcs | hcpcs | modifier | pos | cpt (default: detected from the code's shape)
  -d, --date <YYYY-MM-DD>  date of service choosing the edition (default: today)
      --json               machine-readable output
  -n, --limit <n>          search hits per system (default 10)
      --cpt-descriptors <file>  your licensed CPT descriptor file (TSV/CSV) for CPT titles
      --codesets <dir>     a folder of imported editions (medcode data import --out), added to the
                           built-in ones by effective date
  -h, --help               this help
`;

const LOOKUP_HELP = `Usage: medcode lookup <code…> [options]

Shows each code's entry in the edition in force on the date. The system is detected from the
code's shape (E11.9 ICD-10-CM, 0DTJ4ZZ ICD-10-PCS, G0121 HCPCS, 99213 CPT, two characters a
modifier or place of service); a code that fits several systems is looked up in each.
A code the edition lists but that is not valid on the date (terminated, not yet added) is shown
marked so. Exit 0 when every code is found and valid on the date, 1 otherwise, 2 on a usage error.

${SHARED_HELP}`;

const CHECK_HELP = `Usage: medcode check <code…> [options]

Validates each code in the edition in force on the date and explains every problem (header
code, missing 7th character, terminated, not yet in force…). Exit 0 when all are valid, 1 when
any is invalid, 2 on a usage error.

${SHARED_HELP}`;

const SEARCH_HELP = `Usage: medcode search <text> [options]

Ranked text search in each system (ICD-10-CM, ICD-10-PCS, HCPCS, modifiers, places of service;
CPT only with --cpt-descriptors), grouped by system. Exit 0 when something matched, 1 otherwise.

${SHARED_HELP}`;
