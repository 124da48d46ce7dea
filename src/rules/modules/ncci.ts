/**
 * NCCI procedure-to-procedure (PTP) and Medically Unlikely Edit (MUE) rules.
 *
 * PTP semantics (CMS NCCI PTP edits page; CMS NCCI Policy Manual for Medicare Services, chapter I):
 * an edit applies to two codes on the same date of service; the column 2 code is denied; indicator 0
 * is never bypassed, 1 is bypassed by an NCCI PTP-associated modifier on the column 2 line (CMS FAQ
 * 5005/1887, FCSO), 9 never applies; a bypassed edit is reported as an `info` edit
 * (`ncci_ptp_bypassed`) naming the modifier. With an E/M column 2 code only 25 and 57 bypass (Policy
 * Manual ch. I §E, "Modifiers and Modifier Indicators": 59/X{EPSU} are not for E/M services; ch. I
 * §D, "Evaluation & Management (E&M) Services"). MUE semantics (CMS Medically Unlikely Edits page; Palmetto GBA
 * A44KL34718; NGS 1943300): MAI 1 compares each line, MAI 2/3 sum units per code per date of service over all lines
 * and claims.
 *
 * @module
 */
import { upperAscii } from '../../core/code-shape';
import { PackError } from '../../core/errors';
import type { Rule, RuleContext, RuleReporter } from '../types';
import type { DeletionBound, PtpTable, PtpTableKind } from '../../ncci/ptp';
import { selectPtpTable } from '../../ncci/ptp';
import type { MueSetting, MueTable } from '../../ncci/mue';
import { encodeProcedureCode, isoToDays } from '../../ncci/codes';
import { NCCI_ANATOMIC_MODIFIERS, NCCI_PTP_MODIFIERS } from './util';
import type { ModifierEntry, RuleCodeSet } from '../contract';

function ptpKind(ctx: RuleContext): PtpTableKind | undefined {
  return ctx.setting === 'professional'
    ? 'practitioner'
    : ctx.setting === 'institutional-outpatient'
      ? 'hospital'
      : undefined;
}

type ModifierLookup = RuleCodeSet<ModifierEntry> | null;

/**
 * What medcode knows of a modifier for PTP edits: whether it is NCCI PTP-associated and whether it
 * is anatomic, from the injected modifier set's flags, else the built-in lists. The modifier set of
 * each date is asked for once per claim, and only when an indicator-1 edit is found (most claims
 * have none).
 */
class PtpAssociatedModifiers {
  #sets: Map<string, ModifierLookup> | undefined;

  constructor(private readonly ctx: RuleContext) {}

  has(modifier: string, date: string): boolean {
    return this.#entry(modifier, date)?.ptpAssociated ?? NCCI_PTP_MODIFIERS.has(upperAscii(modifier.trim()));
  }

  isAnatomic(modifier: string, date: string): boolean {
    return this.#entry(modifier, date)?.anatomic ?? NCCI_ANATOMIC_MODIFIERS.has(upperAscii(modifier.trim()));
  }

  #entry(modifier: string, date: string): ModifierEntry | undefined {
    const provider = this.ctx.codeSets.modifiers;
    if (!provider) return undefined;
    this.#sets ??= new Map();
    let set = this.#sets.get(date);
    if (set === undefined) {
      try {
        const r = provider(date);
        set = r.ok ? r.value : null;
      } catch (error) {
        if (error instanceof PackError) throw error; // damaged data is an error, not a fallback
        set = null; // fall back to the built-in lists
      }
      this.#sets.set(date, set);
    }
    return set?.get(modifier);
  }
}

/**
 * Whether a CPT code is an evaluation and management (E/M) service: the E/M section of CPT,
 * 99202–99499 (AMA CPT, Evaluation and Management section; code numbers only).
 */
function isEvaluationAndManagement(code: string): boolean {
  return code.length === 5 && code >= '99202' && code <= '99499' && /^[0-9]{5}$/.test(code);
}

/**
 * Whether a repeat-test modifier (91) can stand on the code: a CPT Pathology and Laboratory code
 * (80047–89398), a Proprietary Laboratory Analyses code (4 digits and U), an administrative
 * multianalyte assay code (4 digits and M, CPT Appendix O), or a HCPCS Level II code
 * (a letter and 4 digits), which may be a laboratory service (G0480 drug testing) that the code
 * alone does not tell from others. Any other CPT code (Category I outside that range, Categories II
 * and III) is not a laboratory test.
 */
function mayBeLaboratoryTest(code: string): boolean {
  if (code.length !== 5) return false;
  if (/^[A-Z][0-9]{4}$/.test(code) || /^[0-9]{4}[MU]$/.test(code)) return true;
  return /^[0-9]{5}$/.test(code) && code >= '80047' && code <= '89398';
}

/** The E/M modifiers that may bypass a PTP edit whose column 2 code is an E/M service. */
const EM_BYPASS_MODIFIERS: ReadonlySet<string> = new Set(['25', '57']);

/**
 * The PTP-associated modifiers whose Medicare definition restricts them to E/M services: 24
 * (unrelated E/M in a postoperative period), 25 (significant, separately identifiable E/M), 27
 * (multiple outpatient hospital E/M encounters on one date), 57 (decision for surgery).
 */
const EM_ONLY_MODIFIERS: ReadonlySet<string> = new Set(['24', '25', '27', '57']);

/**
 * Whether a modifier on a line bypasses an indicator-1 edit. The NCCI Policy Manual for Medicare
 * Services, chapter I, section E ("Modifiers and Modifier Indicators"): a modifier bypasses only
 * when the clinical circumstances justify it and, "if the Medicare program imposes restrictions on
 * the use of a modifier", only when they are met. So:
 * - with an E/M column 2 code, only 25 and 57 on an E/M line (59 and XE/XS/XP/XU are not for E/M
 *   services; chapter I, section D, "Evaluation & Management (E&M) Services", names 25 and 57);
 * - 24, 25, 27 and 57 only on an E/M line, and 91 (repeat clinical diagnostic laboratory test) only
 *   on a laboratory code;
 * - an anatomic modifier (LT, RT, F1–F9, …) only when the other line of the pair does not carry the
 *   same one: it tells different sites apart, and the same one on both lines names one site;
 * - otherwise any NCCI PTP-associated modifier.
 */
function bypasses(
  associated: PtpAssociatedModifiers,
  modifier: string,
  code: string,
  otherLineModifiers: readonly string[],
  emColumn2: boolean,
  date: string,
): boolean {
  const m = upperAscii(modifier.trim());
  if (emColumn2) return EM_BYPASS_MODIFIERS.has(m) && isEvaluationAndManagement(code);
  if (!associated.has(modifier, date)) return false;
  if (EM_ONLY_MODIFIERS.has(m)) return isEvaluationAndManagement(code);
  if (m === '91') return mayBeLaboratoryTest(code);
  if (associated.isAnatomic(modifier, date))
    return !otherLineModifiers.some((o) => upperAscii(o.trim()) === m);
  return true;
}

/** A PTP edit active on the date between a column-1 code and a column-2 code present on it. */
interface ActivePair {
  /** The column-2 code's run in {@link LinesByDayAndCode} (its lines on the same date). */
  readonly column2Run: number;
  /** The table row of the edit. */
  readonly row: number;
}

/** 36^5: every encoded procedure code is below it (encodeProcedureCode). */
const CODE_SPACE = 60_466_176;

/**
 * A claim's lines grouped by date of service, then by procedure code: the PTP edits pair codes on
 * the same date (CMS NCCI PTP edits page), so the rule needs, per date, its distinct codes in
 * order and the lines carrying each. Built from one numeric sort of the lines, with no map or key
 * string per claim. A *run* is one (date, code): its lines are `order[runStart[r]..runStart[r+1])`
 * in line order; the runs of a date are consecutive, `[dayFirstRun[r], dayEndRun[r])`, and
 * `runCodes` over that range is the date's codes, ascending.
 */
interface LinesByDayAndCode {
  readonly order: readonly number[];
  readonly runStart: readonly number[];
  readonly runCodes: readonly number[];
  readonly dayFirstRun: readonly number[];
  readonly dayEndRun: readonly number[];
  /** Per line, its run, or -1 for a line whose code cannot be encoded. */
  readonly runOfLine: readonly number[];
}

/**
 * Groups lines by (day, code) ({@link LinesByDayAndCode}). Each line becomes one number,
 * `(dayRank × 36^5 + code) × n + line`, below 2^53 for any claim the readers accept (500 lines),
 * and one numeric sort orders them: the cost is one sort of n numbers, whatever the claim. Plain
 * arrays, not typed ones: at a claim's size, allocating a typed array costs more than it saves.
 */
function linesByDayAndCode(codes: readonly number[], days: readonly number[]): LinesByDayAndCode {
  const n = codes.length;
  // The readers cap a claim at 500 lines (PARSE_CAPS), far inside the bound; a caller that builds
  // a rule context past it gets an error, never lines grouped wrongly.
  if (!Number.isSafeInteger(n * n * CODE_SPACE))
    throw new RangeError(`${n} lines are too many to group by date and code (the readers accept 500)`);
  const ranks = dayRanks(days);
  const keys: number[] = [];
  const runOfLine: number[] = [];
  for (let i = 0; i < n; i++) {
    runOfLine.push(-1);
    if (codes[i]! >= 0) keys.push((ranks[i]! * CODE_SPACE + codes[i]!) * n + i);
  }
  sortAscending(keys);
  const order: number[] = [];
  const runStart: number[] = [];
  const runCodes: number[] = [];
  const runRank: number[] = [];
  let lastRest = -1;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const line = key % n;
    const rest = (key - line) / n;
    order.push(line);
    if (rest !== lastRest) {
      lastRest = rest;
      const code = rest % CODE_SPACE;
      runStart.push(k);
      runCodes.push(code);
      runRank.push((rest - code) / CODE_SPACE);
    }
    runOfLine[line] = runCodes.length - 1;
  }
  const runs = runCodes.length;
  runStart.push(keys.length);
  const dayFirstRun: number[] = [];
  const dayEndRun: number[] = [];
  for (let r = 0; r < runs; ) {
    let end = r + 1;
    while (end < runs && runRank[end] === runRank[r]) end++;
    for (let k = r; k < end; k++) {
      dayFirstRun.push(r);
      dayEndRun.push(end);
    }
    r = end;
  }
  return { order, runStart, runCodes, dayFirstRun, dayEndRun, runOfLine };
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * Sorts numbers ascending in place: by insertion up to a claim's usual size (no comparator call
 * per comparison, which costs more than the sort itself at ten lines), else the built-in sort.
 */
function sortAscending(keys: number[]): void {
  const n = keys.length;
  if (n > 32) {
    keys.sort(ascending);
    return;
  }
  for (let i = 1; i < n; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Each line's day as a rank among the claim's distinct days (0 when all lines share one date, the usual claim). */
function dayRanks(days: readonly number[]): readonly number[] {
  const n = days.length;
  let oneDay = true;
  for (let i = 1; i < n && oneDay; i++) oneDay = days[i] === days[0];
  if (oneDay) return new Array<number>(n).fill(0);
  const distinct = [...days].sort(ascending);
  let d = 0;
  for (let k = 1; k < n; k++) if (distinct[k] !== distinct[d]) distinct[++d] = distinct[k]!;
  distinct.length = d + 1;
  return days.map((day) => lowerBound(distinct, 0, distinct.length, day));
}

/** The first index in [from, to) of an ascending array whose value is `value` or higher. */
function lowerBound(a: readonly number[], from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The edits active on `day` whose column 1 is `code1` and whose column 2 is another code present
 * on that date (the runs `[firstRun, endRun)` of `present`, the date's codes ascending). Both lists are ordered, so they are intersected by leaping over whichever is behind
 * (a binary search on either side): the cost follows the shorter of the date's codes and the
 * column-1 code's rows, never the pairs of lines.
 */
function activePairs(
  table: PtpTable,
  code1: number,
  day: number,
  present: readonly number[],
  firstRun: number,
  endRun: number,
  bound: DeletionBound,
): readonly ActivePair[] {
  const index = table.column1Index(code1);
  if (index < 0 || firstRun === endRun) return [];
  const start = table.column1RowsStart(index);
  const end = table.column1RowsEnd(index);
  const out: ActivePair[] = [];
  let r = start;
  let p = lowerBound(present, firstRun, endRun, table.column2At(start));
  while (r < end && p < endRun) {
    const row2 = table.column2At(r);
    const code2 = present[p]!;
    if (row2 < code2) r = table.column2LowerBound(r + 1, end, code2);
    else if (code2 < row2) p = lowerBound(present, p + 1, endRun, row2);
    else {
      if (code2 !== code1) {
        const active = table.findActiveInRange(r, end, code2, day, bound);
        if (active >= 0) out.push({ column2Run: p, row: active });
      }
      p++;
      r = table.column2LowerBound(r + 1, end, code2 + 1);
    }
  }
  return out;
}

/**
 * The column-2 lines of a line's pairs, in line order, each as `line × pairs + pair index` (one
 * number per line: sorting them sorts by line).
 */
function linesInOrder(pairs: readonly ActivePair[], byCode: LinesByDayAndCode): readonly number[] {
  const out: number[] = [];
  const np = pairs.length;
  for (let p = 0; p < np; p++) {
    const run = pairs[p]!.column2Run;
    for (let k = byCode.runStart[run]!; k < byCode.runStart[run + 1]!; k++)
      out.push(byCode.order[k]! * np + p);
  }
  sortAscending(out);
  return out;
}

/**
 * NCCI PTP rule (`ncci-ptp`). Needs imported PTP tables (`options.ptp.tables`); none are shipped.
 *
 * @example
 * ```ts
 * const tables = await importPtp(['ccipra-v322r0-f1.zip'])
 * validateClaim(claim, { ptp: { tables } })
 * ```
 */
export const ncciPtpRule: Rule = {
  id: 'ncci-ptp',
  title: 'NCCI procedure-to-procedure edits',
  citation:
    'CMS NCCI PTP edits (Medicare NCCI Procedure to Procedure edits page); NCCI Policy Manual for Medicare Services, chapter I (modifiers)',
  defaultSeverity: 'error',
  check(ctx, report) {
    const kind = ptpKind(ctx);
    if (!kind) {
      report.skip('NCCI PTP edits apply to practitioner and outpatient hospital claims, not to this setting');
      return;
    }
    const lines = ctx.claim.lines;
    const n = lines.length;
    if (n < 2 && ctx.history.length === 0) return;
    const codes = new Array<number>(n);
    const days = new Array<number>(n);
    let lastDate: string | undefined;
    let lastDay = -1;
    for (let i = 0; i < n; i++) {
      codes[i] = encodeProcedureCode(ctx.procedureCodes[i]!);
      const d = ctx.lineDates[i];
      // Lines of a claim mostly share one date: convert each distinct run once.
      if (d !== lastDate) {
        lastDate = d;
        lastDay = d === undefined ? -1 : isoToDays(d);
      }
      days[i] = lastDay;
    }
    // Few lines (the usual claim): each line's column-1 rows are found with one probe and checked
    // against the other codes on its date one by one, in line order. More lines: grouped by date
    // and code, so that the cost follows the distinct codes, never the pairs of lines.
    const byCode = n > FEW_LINES ? linesByDayAndCode(codes, days) : undefined;
    // The edits found for each (date, column-1 code), shared by every line carrying that code.
    const pairsOfRun = byCode
      ? new Array<readonly ActivePair[] | undefined>(byCode.runCodes.length)
      : undefined;
    let found: PtpEditFound | undefined;
    // Lines of a claim mostly share one date: select the table once per run of dates (the
    // selection is pure, and a repeated skip reason is reported once).
    let tableDate: string | undefined;
    let table: PtpTable | undefined;
    for (let i = 0; i < n; i++) {
      const date = ctx.lineDates[i];
      if (codes[i]! < 0 || date === undefined) continue;
      if (date !== tableDate) {
        tableDate = date;
        table = selectPtpTable(ctx.ptp.tables, kind, date, ctx.ptp.version);
        if (!table) {
          const loaded = ctx.ptp.tables.filter((t) => t.kind === kind).map((t) => t.edition.id);
          report.skip(
            `no NCCI PTP ${kind} table for ${date} (loaded: ${loaded.length ? loaded.join(', ') : 'none'}; import the CMS files with importPtp and pass options.ptp.tables)`,
          );
        }
      }
      if (!table) continue;
      found ??= { ctx, report, table, date, associated: undefined };
      found.table = table;
      found.date = date;
      const code1 = codes[i]!;
      const day = days[i]!;
      if (byCode === undefined || pairsOfRun === undefined) {
        const index = table.column1Index(code1);
        if (index < 0) continue;
        const start = table.column1RowsStart(index);
        const end = table.column1RowsEnd(index);
        // Same date of service; the table, not the line order, decides column 1 (CMS NCCI PTP edits page).
        for (let j = 0; j < n; j++) {
          const code2 = codes[j]!;
          if (code2 < 0 || code2 === code1 || days[j] !== day) continue;
          const row = table.findActiveInRange(start, end, code2, day, ctx.ptp.deletionBound);
          if (row >= 0) reportPtpEdit(found, row, i, j);
        }
        continue;
      }
      const run = byCode.runOfLine[i]!;
      let pairs = pairsOfRun[run];
      if (pairs === undefined) {
        const { runCodes, dayFirstRun, dayEndRun } = byCode;
        pairs = activePairs(
          table,
          code1,
          day,
          runCodes,
          dayFirstRun[run]!,
          dayEndRun[run]!,
          ctx.ptp.deletionBound,
        );
        pairsOfRun[run] = pairs;
      }
      if (pairs.length === 0) continue;
      const np = pairs.length;
      for (const lineAndPair of linesInOrder(pairs, byCode)) {
        const pair = lineAndPair % np;
        reportPtpEdit(found, pairs[pair]!.row, i, (lineAndPair - pair) / np);
      }
    }
    if (ctx.history.length > 0) checkAgainstHistory(ctx, report, kind, codes, days);
  },
};

/**
 * The PTP edits whose column 1 code is on a prior claim (`options.history`: the same provider and
 * beneficiary) and whose column 2 code is on this claim's line of the same date: an edit applies to
 * the same beneficiary, provider and date of service whether the two codes are on one claim or on
 * two (CMS NCCI PTP edits page; Medicaid SMDL #10-017 words it "regardless of whether services are
 * reported on the same claim or on different claims"). The column 2 line of this claim is denied.
 * A column 2 code on a prior claim is that claim's denial, not this one's, and is not reported.
 */
function checkAgainstHistory(
  ctx: RuleContext,
  report: RuleReporter,
  kind: PtpTableKind,
  codes: readonly number[],
  days: readonly number[],
): void {
  const prior: PriorColumn1[] = [];
  for (let k = 0; k < ctx.history.length; k++) {
    const lines = ctx.history[k]!.lines;
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l]!;
      const date = line.serviceDate ?? line.serviceDateFrom;
      const code = upperAscii(line.procedure.trim());
      const encoded = encodeProcedureCode(code);
      if (date === undefined || encoded < 0 || !(line.units > 0)) continue;
      prior.push({
        claim: k,
        line: l,
        code,
        encoded,
        day: isoToDays(date),
        modifiers: line.modifiers ?? [],
      });
    }
  }
  if (prior.length === 0) return;
  let found: PtpEditFound | undefined;
  for (let j = 0; j < codes.length; j++) {
    const date = ctx.lineDates[j];
    if (codes[j]! < 0 || date === undefined) continue;
    // The table was selected for this date by the claim's own pass (a date without one is skipped there).
    const table = selectPtpTable(ctx.ptp.tables, kind, date, ctx.ptp.version);
    if (!table) continue;
    for (const p of prior) {
      if (p.day !== days[j] || p.encoded === codes[j]) continue;
      const index = table.column1Index(p.encoded);
      if (index < 0) continue;
      const row = table.findActiveInRange(
        table.column1RowsStart(index),
        table.column1RowsEnd(index),
        codes[j]!,
        days[j]!,
        ctx.ptp.deletionBound,
      );
      if (row < 0) continue;
      found ??= { ctx, report, table, date, associated: undefined };
      found.table = table;
      found.date = date;
      reportPtpEdit(found, row, p, j);
    }
  }
}

/** A column 1 candidate on a prior claim: its place in `options.history`, code, day and modifiers. */
interface PriorColumn1 {
  readonly claim: number;
  readonly line: number;
  readonly code: string;
  readonly encoded: number;
  readonly day: number;
  readonly modifiers: readonly string[];
}

/** Up to this many lines a claim's pairs are checked line by line (see the rule); past it, by distinct code. */
const FEW_LINES = 16;

/** What reporting an edit found on a claim needs: the claim, the table and date of the column-1 line. */
interface PtpEditFound {
  readonly ctx: RuleContext;
  readonly report: RuleReporter;
  table: PtpTable;
  date: string;
  /** Built on the first indicator-1 edit. */
  associated: PtpAssociatedModifiers | undefined;
}

/**
 * Reports the edit of table row `row` between column-1 line `i` and column-2 line `j`: bypassed
 * (info) when indicator 1 and an NCCI PTP-associated modifier is on the column-2 line (or either
 * line with `modifierPlacement: 'either'`), else denied. The codes are the lines' own (the row
 * matched them), so no edit object is built.
 */
function reportPtpEdit(found: PtpEditFound, row: number, i: number | PriorColumn1, j: number): void {
  const { ctx, report, table, date } = found;
  const lines = ctx.claim.lines;
  // Column 1 is a line of this claim, or of a prior claim (`options.history`).
  const prior = typeof i === 'number' ? undefined : i;
  const column1Line = prior === undefined ? (i as number) : prior.line;
  const column1 = prior === undefined ? ctx.procedureCodes[column1Line]! : prior.code;
  const column1Modifiers = prior === undefined ? (lines[column1Line]!.modifiers ?? []) : prior.modifiers;
  const onPriorClaim = prior === undefined ? {} : { column1Claim: prior.claim };
  const column2 = ctx.procedureCodes[j]!;
  const modifierIndicator = table.modifierIndicatorAt(row);
  const emColumn2 = isEvaluationAndManagement(column2);
  if (modifierIndicator === 1) {
    const associated = (found.associated ??= new PtpAssociatedModifiers(ctx));
    const column2Modifiers = lines[j]!.modifiers ?? [];
    const onCol2 = column2Modifiers.find((m) =>
      bypasses(associated, m, column2, column1Modifiers, emColumn2, date),
    );
    const onCol1 =
      onCol2 === undefined && ctx.ptp.modifierPlacement === 'either'
        ? column1Modifiers.find((m) => bypasses(associated, m, column1, column2Modifiers, emColumn2, date))
        : undefined;
    const modifier = onCol2 ?? onCol1;
    if (modifier !== undefined) {
      // Reported as information, so that "edit bypassed" can be told from "no edit".
      report.edit({
        code: 'ncci_ptp_bypassed',
        severity: 'info',
        path: ['lines', j, 'procedure'],
        codes: [column2, column1],
        system: 'ncci-ptp',
        dataVersion: table.dataVersion,
        column1,
        column2,
        column1Line,
        ...onPriorClaim,
        modifier: upperAscii(modifier.trim()),
        modifierLine: onCol2 !== undefined ? j : column1Line,
        ...(onCol2 === undefined && prior !== undefined ? { modifierClaim: prior.claim } : {}),
        rationale: table.rationaleAt(row),
        date,
      });
      return;
    }
  }
  report.edit({
    code: 'ncci_ptp',
    path: ['lines', j, 'procedure'],
    codes: [column2, column1],
    system: 'ncci-ptp',
    dataVersion: table.dataVersion,
    column1,
    column2,
    column1Line,
    ...onPriorClaim,
    modifierIndicator: modifierIndicator === 0 ? 0 : 1,
    rationale: table.rationaleAt(row),
    effectiveDate: table.effectiveDateAt(row),
    deletionDate: table.deletionDateAt(row),
    date,
    remedy:
      modifierIndicator !== 1
        ? `no modifier bypasses this edit; remove ${column2} or ${column1}`
        : emColumn2
          ? `line ${j + 1} (an E/M service) may bypass with modifier 25 when the E/M is significant and separately identifiable from the procedure, or 57 when it is the decision for a major surgery; 59/XE/XS/XP/XU are not for E/M services (NCCI Policy Manual for Medicare Services, ch. I §E and §D)`
          : `line ${j + 1} may bypass with 59/XE/XS/XP/XU (or another NCCI PTP-associated modifier) when documentation supports it`,
  });
}

function mueSetting(ctx: RuleContext): MueSetting | undefined {
  return ctx.setting === 'professional'
    ? 'practitioner'
    : ctx.setting === 'institutional-outpatient'
      ? 'hospital'
      : undefined;
}

/** The MUE tables of a validator for a setting (the given ones, plus the held ones when none is of the setting), once per validator. */
const mueTables = new WeakMap<object, Map<MueSetting, readonly MueTable[]>>();
function mueTablesFor(ctx: RuleContext, setting: MueSetting): readonly MueTable[] {
  let bySetting = mueTables.get(ctx.mue);
  if (!bySetting) {
    bySetting = new Map();
    mueTables.set(ctx.mue, bySetting);
  }
  let tables = bySetting.get(setting);
  if (!tables) {
    tables = ctx.mue.tables;
    if (!tables.some((t) => t.setting === setting)) {
      tables = [...tables, ...ctx.mue.builtIn().filter((t) => t.setting === setting)];
    }
    bySetting.set(setting, tables);
  }
  return tables;
}

function selectMue(tables: readonly MueTable[], setting: MueSetting, date: string): MueTable | undefined {
  for (const t of tables)
    if (
      t.setting === setting &&
      t.edition.effectiveFrom <= date &&
      (t.edition.effectiveTo === null || date <= t.edition.effectiveTo)
    )
      return t;
  return undefined;
}

/**
 * MUE rule (`ncci-mue`). Uses the MUE tables held (the built-in practitioner table of 2026-04-01 and
 * any edition imported into a `MEDCODE_CODESETS` folder) unless tables of the claim's setting are given.
 *
 * @example
 * ```ts
 * validateClaim(claim, { mue: { dosDenial: 'excess' }, history: [earlierClaimSameDay] })
 * ```
 */
export const ncciMueRule: Rule = {
  id: 'ncci-mue',
  title: 'NCCI Medically Unlikely Edits',
  citation:
    'CMS NCCI Medically Unlikely Edits (MUE page; MAI added 2014 Q3); Palmetto GBA A44KL34718; NGS article 1943300',
  defaultSeverity: 'error',
  check(ctx, report) {
    const setting = mueSetting(ctx);
    if (!setting) {
      report.skip('MUEs apply to practitioner, outpatient hospital and DME claims, not to this setting');
      return;
    }
    const tables = mueTablesFor(ctx, setting);
    // First pass: each line's table row (MAI 1 lines are settled at once). No maps, no key strings:
    // MAI 2/3 lines are grouped by comparing rows and dates below (at most 50 lines).
    const lines = ctx.claim.lines;
    const n = lines.length;
    // Per MAI 2/3 line, its table and row (-1 for the other lines).
    const rows = new Int32Array(n).fill(-1);
    const lineTables: (MueTable | undefined)[] = new Array<MueTable | undefined>(n);
    let missing: Set<string> | undefined;
    let lastDate: string | undefined;
    let lastTable: MueTable | undefined;
    // The line looked up last: a code repeated on the next line (units split over lines) is looked up once.
    let lastCode: string | undefined;
    let lastCodeTable: MueTable | undefined;
    let lastRow = -1;
    let grouped = 0;
    for (let i = 0; i < n; i++) {
      const line = lines[i]!;
      const date = ctx.lineDates[i];
      if (date === undefined) continue;
      // Lines of a claim mostly share one date: select the table once per run of dates.
      if (date !== lastDate) {
        lastDate = date;
        lastTable = selectMue(tables, setting, date);
      }
      const table = lastTable;
      if (!table) {
        (missing ??= new Set()).add(date);
        continue;
      }
      const code = ctx.procedureCodes[i]!;
      const row = code === lastCode && table === lastCodeTable ? lastRow : table.indexOf(code);
      lastCode = code;
      lastCodeTable = table;
      lastRow = row;
      if (row < 0) continue;
      if (table.maiAt(row) === 1) {
        // MAI 1: each line on its own; units on other lines are not added (Palmetto; NGS 88350 example).
        if (line.units > table.valueAt(row)) {
          report.edit({
            code: 'mue_exceeded',
            path: ['lines', i, 'units'],
            codes: [code],
            system: 'ncci-mue',
            dataVersion: table.dataVersion,
            units: line.units,
            mueValue: table.valueAt(row),
            mai: 1,
            rationale: table.rationaleAt(row),
            scope: 'line',
            date,
            remedy:
              'report additional medically necessary units on separate lines with an appropriate modifier (76, 77, anatomic, 59/XE/XS/XP/XU, 91)',
          });
        }
        continue;
      }
      rows[i] = row;
      lineTables[i] = table;
      grouped++;
    }
    if (missing !== undefined)
      for (const date of [...missing].sort()) {
        const loaded = tables.filter((t) => t.setting === setting).map((t) => t.edition.name);
        report.skip(`no MUE ${setting} table for ${date} (loaded: ${loaded.join(', ') || 'none'})`);
      }
    if (grouped === 0) return;
    // MAI 2/3: sum per code per date of service across lines and prior claims (same provider, beneficiary).
    const done = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      if (row < 0 || done[i]) continue;
      const table = lineTables[i]!;
      const date = ctx.lineDates[i]!;
      const members = [i];
      let total = lines[i]!.units;
      for (let j = i + 1; j < n; j++) {
        if (rows[j] === row && lineTables[j] === table && ctx.lineDates[j] === date) {
          done[j] = 1;
          members.push(j);
          total += lines[j]!.units;
        }
      }
      let prior = 0;
      if (ctx.history.length > 0) {
        const code = table.codeAt(row);
        for (const claim of ctx.history) {
          for (const line of claim.lines) {
            if (
              (line.serviceDate ?? line.serviceDateFrom) === date &&
              line.units > 0 &&
              upperAscii(line.procedure.trim()) === code
            )
              prior += line.units;
          }
        }
      }
      total += prior;
      const mueValue = table.valueAt(row);
      if (total <= mueValue) continue;
      const mai = table.maiAt(row) as 2 | 3;
      let running = prior;
      for (const k of members) {
        running += lines[k]!.units;
        // Default: every line of the code on the date is denied (docs/ncci.md, "MUE"); `excess`: only lines past the limit.
        if (ctx.mue.dosDenial === 'excess' && running <= mueValue) continue;
        const draft = {
          code: 'mue_exceeded' as const,
          path: ['lines', k, 'units'],
          codes: [table.codeAt(row)],
          system: 'ncci-mue' as const,
          dataVersion: table.dataVersion,
          units: total,
          mueValue,
          mai,
          rationale: table.rationaleAt(row),
          scope: 'date_of_service' as const,
          date,
        };
        report.edit(
          mai === 3
            ? Object.assign(draft, {
                remedy:
                  'units above the MUE may be paid on appeal with documentation of medical necessity (MAI 3, clinical)',
              })
            : draft,
        );
      }
    }
  },
};
