/**
 * NCCI add-on code edits (`ncci-add-on-code`).
 *
 * An add-on code describes a service performed in addition to a primary service; it is eligible for
 * payment only when one of its primary codes is reported by the same practitioner for the same
 * beneficiary on the same date of service (CMS "Medicare NCCI Add-on Code Edits" page,
 * cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits/medicare-ncci-add-code-edits;
 * NCCI Policy Manual for Medicare Services, chapter I, section R, "Add-on Codes"; CMS Change Request
 * 7501, Pub. 100-04 Transmittal 2636, effective 2013-04-01). The CMS AOC table says how far it lists
 * the primaries:
 * - type 1: only the listed primaries: without one, the add-on code is denied (error);
 * - type 3: some primaries are listed and a contractor may accept others: without a listed one the
 *   line needs the contractor's list (warning);
 * - type 2: the contractor defines every primary: medcode cannot tell which, so it reports only an
 *   add-on code with no other service by the same provider on the date.
 * An add-on code with no other service by the same provider on the date has no primary whatever the
 * type, and nothing a contractor accepts can be on the claim: an error for every type.
 *
 * "Same provider" is the line's rendering provider, else the claim's rendering provider, else the
 * billing provider; prior claims (`options.history`) count as the claim does. Not modelled: the one
 * type 1 exception CR 7501 names (99292 by a physician whose group colleague of the same specialty
 * is paid 99291 that day) and a contractor allowing a primary on the previous date.
 *
 * @module
 */
import { upperAscii } from '../../core/code-shape';
import { BoundedMemo } from '../../core/memo';
import type { IsoDate } from '../../core/dates';
import type { Claim } from '../../claims/schema';
import { CONTRACTOR_DEFINED_PRIMARY, isoDayNumber } from '../../ncci/aoc';
import type { AocPrimary, AocTable } from '../../ncci/aoc';
import type { Rule, RuleContext, RuleReporter } from '../types';

/** The NPI that "same provider" is judged by: line rendering, claim rendering, billing provider. */
function providerOf(claim: Claim, line: Claim['lines'][number]): string {
  return line.renderingProvider?.npi ?? claim.renderingProvider?.npi ?? claim.billingProvider?.npi ?? '';
}

/** The AOC table in force on a date: the given tables first, then the built-in one. */
function tableFor(ctx: RuleContext, date: IsoDate): AocTable | undefined {
  return tableInForce(ctx.aoc.tables, date) ?? tableInForce(ctx.aoc.builtIn(), date);
}

/** The first table whose edition is in force on the date. */
function tableInForce(tables: readonly AocTable[], date: IsoDate): AocTable | undefined {
  for (const t of tables)
    if (t.edition.effectiveFrom <= date && (t.edition.effectiveTo === null || date <= t.edition.effectiveTo))
      return t;
  return undefined;
}

/** A procedure code as written on a line, in the form the tables use (upper case, no spaces). */
function normalized(procedure: string): string {
  return procedure.length === 5 && !/[a-z ]/.test(procedure) ? procedure : upperAscii(procedure.trim());
}

/**
 * What one provider billed on one date, across the claim's lines and the prior claims of
 * `history`: each procedure code with the number of lines (units above zero) that carry it.
 */
type BilledOnDate = ReadonlyMap<string, number>;

const NOTHING_BILLED: BilledOnDate = new Map();

/**
 * The services billed on the claim, by provider and date of service, read in one pass over the
 * claim and its history: an add-on line looks its provider's day up here instead of walking every
 * line again, which keeps the rule linear in the claim's size. Keyed by provider, then date (the
 * claim's own strings: no key built per line); the usual claim, one provider on one date with no
 * history, is one map of codes.
 */
class ServicesByProviderAndDate {
  readonly #byProvider = new Map<string, Map<IsoDate, Map<string, number>>>();
  #onlyProvider: string | undefined;
  #onlyDate: IsoDate | undefined;
  #only: Map<string, number> | undefined;

  constructor(ctx: RuleContext) {
    const { claim, lineDates, procedureCodes } = ctx;
    const lines = claim.lines;
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.units > 0) this.#add(providerOf(claim, line), lineDates[j], procedureCodes[j]!);
    }
    for (const prior of ctx.history)
      for (const line of prior.lines)
        if (line.units > 0)
          this.#add(
            providerOf(prior, line),
            line.serviceDate ?? line.serviceDateFrom,
            normalized(line.procedure),
          );
  }

  /** The codes `provider` billed on `date`, with the number of lines carrying each. */
  on(provider: string, date: IsoDate): BilledOnDate {
    if (this.#only !== undefined)
      return provider === this.#onlyProvider && date === this.#onlyDate ? this.#only : NOTHING_BILLED;
    return this.#byProvider.get(provider)?.get(date) ?? NOTHING_BILLED;
  }

  #add(provider: string, date: IsoDate | undefined, code: string): void {
    if (date === undefined) return;
    if (this.#only === undefined && this.#byProvider.size === 0) {
      this.#onlyProvider = provider;
      this.#onlyDate = date;
      this.#only = new Map();
    }
    if (this.#only !== undefined) {
      if (provider === this.#onlyProvider && date === this.#onlyDate) {
        this.#only.set(code, (this.#only.get(code) ?? 0) + 1);
        return;
      }
      // A second provider or date: from here on, the general map (the first day moved into it).
      this.#byProvider.set(this.#onlyProvider!, new Map([[this.#onlyDate!, this.#only]]));
      this.#only = undefined;
    }
    let byDate = this.#byProvider.get(provider);
    if (byDate === undefined) {
      byDate = new Map();
      this.#byProvider.set(provider, byDate);
    }
    let codes = byDate.get(date);
    if (codes === undefined) {
      codes = new Map();
      byDate.set(date, codes);
    }
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
}

/** What the provider of an add-on line billed on its date besides that line. */
interface OtherServices {
  /** Whether `code` was billed on another line (another line of the add-on code itself counts). */
  has(code: string): boolean;
  /** Whether anything other than the add-on code itself was billed. */
  anyOtherCode(): boolean;
  /** The other codes billed, each once. */
  codes(): string[];
}

/**
 * The codes the provider billed on the date besides the add-on line itself (`own`, counted in
 * `billed` when its units are above zero): another line of the same code still counts.
 */
class OtherServicesOnDate implements OtherServices {
  constructor(
    private readonly billed: BilledOnDate,
    private readonly own: string,
    private readonly ownCounted: boolean,
  ) {}

  has(code: string): boolean {
    return (this.billed.get(code) ?? 0) > (this.ownCounted && code === this.own ? 1 : 0);
  }

  anyOtherCode(): boolean {
    for (const code of this.billed.keys()) if (code !== this.own) return true;
    return false;
  }

  /** The billed map's keys are distinct: no set is built. */
  codes(): string[] {
    const codes: string[] = [];
    for (const [code, lines] of this.billed)
      if (lines > (this.ownCounted && code === this.own ? 1 : 0)) codes.push(code);
    return codes;
  }
}

/**
 * The other lines of a claim without history, read in place: a line counts when it is not the
 * add-on line, is on the same date with units above zero, and has the same provider. A claim has
 * few lines, so a scan of them costs less than indexing them by provider, date and code.
 */
class OtherLinesOfClaim implements OtherServices {
  readonly #provider: string;

  constructor(
    private readonly ctx: RuleContext,
    private readonly addOnLine: number,
    private readonly date: IsoDate,
  ) {
    this.#provider = providerOf(ctx.claim, ctx.claim.lines[addOnLine]!);
  }

  has(code: string): boolean {
    const codes = this.ctx.procedureCodes;
    for (let j = 0; j < codes.length; j++) if (codes[j] === code && this.#counts(j)) return true;
    return false;
  }

  anyOtherCode(): boolean {
    const codes = this.ctx.procedureCodes;
    const own = codes[this.addOnLine];
    for (let j = 0; j < codes.length; j++) if (codes[j] !== own && this.#counts(j)) return true;
    return false;
  }

  codes(): string[] {
    const out: string[] = [];
    const codes = this.ctx.procedureCodes;
    for (let j = 0; j < codes.length; j++)
      if (this.#counts(j) && !out.includes(codes[j]!)) out.push(codes[j]!);
    return out;
  }

  #counts(j: number): boolean {
    if (j === this.addOnLine || this.ctx.lineDates[j] !== this.date) return false;
    const { claim } = this.ctx;
    const line = claim.lines[j]!;
    return line.units > 0 && providerOf(claim, line) === this.#provider;
  }
}

/** Up to this many lines, and with no prior claims, an add-on line's other services are read from the lines in place. */
const FEW_LINES = 16;

/** What the provider of line `i` billed on the date besides that add-on line. */
function otherServicesOf(
  ctx: RuleContext,
  services: { byProviderAndDate?: ServicesByProviderAndDate },
  i: number,
  date: IsoDate,
  code: string,
): OtherServices {
  if (ctx.history.length === 0 && ctx.claim.lines.length <= FEW_LINES)
    return new OtherLinesOfClaim(ctx, i, date);
  services.byProviderAndDate ??= new ServicesByProviderAndDate(ctx);
  const line = ctx.claim.lines[i]!;
  return new OtherServicesOnDate(
    services.byProviderAndDate.on(providerOf(ctx.claim, line), date),
    code,
    line.units > 0,
  );
}

export const ncciAddOnCodeRule: Rule = {
  id: 'ncci-add-on-code',
  title: 'NCCI add-on code edits',
  citation:
    'CMS Medicare NCCI Add-on Code Edits (AOC table, edit types 1–3); NCCI Policy Manual for Medicare Services, chapter I, section R ("Add-on Codes"); CMS CR 7501 (Pub. 100-04 Transmittal 2636)',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (ctx.setting !== 'professional') {
      report.skip('the Medicare AOC table is applied here to practitioner claims only');
      return;
    }
    const lines = ctx.claim.lines;
    // Read from the claim when a line first needs it (most claims carry no add-on code).
    const services: { byProviderAndDate?: ServicesByProviderAndDate } = {};
    let missing: Set<IsoDate> | undefined;
    // Lines of a claim mostly share one date: select the table once per run of dates.
    let lastDate: IsoDate | undefined;
    let table: AocTable | undefined;
    let day = 0;
    for (let i = 0; i < lines.length; i++) {
      const date = ctx.lineDates[i];
      if (date === undefined) continue;
      if (date !== lastDate) {
        lastDate = date;
        table = tableFor(ctx, date);
        day = isoDayNumber(date);
      }
      if (!table) {
        (missing ??= new Set()).add(date);
        continue;
      }
      const code = ctx.procedureCodes[i]!;
      const range = table.rangeOf(code);
      if (!range) continue;
      // The rows in force on the date, and whether one of their valid primaries is billed.
      let inForce = 0;
      let listed = 0;
      let billed: OtherServices | undefined;
      let satisfied = false;
      for (let r = range[0]; r < range[1] && !satisfied; r++) {
        if (!table.inForceAt(r, day)) continue;
        inForce++;
        const primary = table.primaryAt(r);
        if (primary === CONTRACTOR_DEFINED_PRIMARY || !table.primaryValidAt(r, day)) continue;
        listed++;
        billed ??= otherServicesOf(ctx, services, i, date, code);
        satisfied = billed.has(primary);
      }
      if (inForce === 0 || satisfied) continue;
      billed ??= otherServicesOf(ctx, services, i, date, code);
      // Type 2 (and a code listed only as CCCCC): the contractor's list decides; only an add-on
      // code with nothing else by the provider on the date is certainly without a primary.
      const alone = !billed.anyOtherCode();
      if (listed === 0 && !alone) continue;
      reportMissingPrimary(report, table, code, i, date, billed.codes(), alone);
    }
    if (missing !== undefined)
      for (const date of [...missing].sort())
        report.skip(
          `no NCCI add-on code table for ${date} (loaded: ${[...ctx.aoc.tables, ...ctx.aoc.builtIn()].map((t) => t.edition.name).join(', ') || 'none'})`,
        );
  },
};

/** What the AOC table says of an add-on code on a date, whatever else the claim bills. */
interface AddOnRows {
  /** The primaries listed and valid on the date, sorted. */
  readonly primaries: readonly string[];
  /** The highest edit type of the rows in force (1 denies, 2 and 3 defer to the contractor). */
  readonly editType: 1 | 2 | 3;
  /** The primaries the table lists for the code in some period but not among `primaries` on the date, sorted. */
  readonly primariesNotInForce: readonly string[];
  readonly specialInstructions: readonly string[];
}

function addOnRowsOf(table: AocTable, code: string, date: IsoDate): AddOnRows {
  const rows = table.editsOn(code, date)!;
  const primaries = [
    ...new Set(rows.filter((r) => !r.contractorDefined && primaryValidOn(r, date)).map((r) => r.code)),
  ].sort();
  const everPrimary = new Set(
    table
      .get(code)!
      .primaries.filter((r) => !r.contractorDefined)
      .map((r) => r.code),
  );
  return {
    primaries: Object.freeze(primaries),
    editType: Math.max(...rows.map((r) => r.editType)) as 1 | 2 | 3,
    primariesNotInForce: Object.freeze([...everPrimary].filter((c) => !primaries.includes(c)).sort()),
    specialInstructions: Object.freeze([
      ...new Set(rows.map((r) => r.specialInstruction).filter((s) => s !== '')),
    ]),
  };
}

/**
 * The rows of an add-on code on a date, read from a table once and then reused (tables are
 * immutable). Kept by date, then by code: no key string is built per reported line. A batch's
 * claims share a few dates, and an AOC table lists about 830 add-on codes: at most 8 dates of
 * 1,024 codes each are held (a ninth date starts the memo afresh).
 */
const addOnRowsMemo = new WeakMap<AocTable, BoundedMemo<BoundedMemo<AddOnRows>>>();
const ADD_ON_ROWS_DATES = 8;
const ADD_ON_ROWS_CODES = 1024;
function addOnRows(table: AocTable, code: string, date: IsoDate): AddOnRows {
  let byDate = addOnRowsMemo.get(table);
  if (byDate === undefined) {
    byDate = new BoundedMemo(ADD_ON_ROWS_DATES);
    addOnRowsMemo.set(table, byDate);
  }
  const byCode = byDate.get(date) ?? byDate.set(date, new BoundedMemo(ADD_ON_ROWS_CODES));
  return byCode.get(code) ?? byCode.set(code, addOnRowsOf(table, code, date));
}

/**
 * The `ncci_add_on_code` edit of line `i`, with the rows in force and the primaries no longer in
 * force. An error for type 1, and for any type when the add-on code is `alone` (nothing else billed
 * by the provider on the date): then no primary exists for a contractor to accept; otherwise, for
 * types 2 and 3, a warning.
 */
function reportMissingPrimary(
  report: RuleReporter,
  table: AocTable,
  code: string,
  i: number,
  date: IsoDate,
  billed: readonly string[],
  alone: boolean,
): void {
  const rows = addOnRows(table, code, date);
  const { primaries, editType, specialInstructions } = rows;
  // The billed codes that were primaries of the add-on code in another period (both lists are short).
  const primariesNotInForce = rows.primariesNotInForce.filter((c) => billed.includes(c));
  report.edit({
    code: 'ncci_add_on_code',
    ...(editType === 1 || alone ? {} : { severity: 'warning' as const }),
    path: ['lines', i, 'procedure'],
    codes: [code],
    system: 'ncci-aoc',
    dataVersion: table.dataVersion,
    addOnCode: code,
    editType,
    primaries,
    primariesNotInForce,
    specialInstructions,
    date,
    remedy:
      editType === 1
        ? `report ${code} with one of its primary codes by the same provider on the same date, or remove it`
        : alone
          ? `${code} is billed with no other service by the same provider on ${date}: report it with its primary service, or remove it`
          : editType === 3
            ? `report ${code} with a listed primary code, or check that the contractor accepts the primary billed`
            : `report ${code} with the primary service the contractor accepts for it`,
  });
}

/** Whether a listed primary code is itself still valid on the date (`Primary_Code_DelDT`). */
function primaryValidOn(row: AocPrimary, date: IsoDate): boolean {
  return row.primaryDeletionDate === null || date <= row.primaryDeletionDate;
}
