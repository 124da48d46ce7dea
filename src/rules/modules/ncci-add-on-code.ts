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
 *   add-on code with no other service by the same provider on the date (warning).
 *
 * "Same provider" is the line's rendering provider, else the claim's rendering provider, else the
 * billing provider; prior claims (`options.history`) count as the claim does. Not modelled: the one
 * type 1 exception CR 7501 names (99292 by a physician whose group colleague of the same specialty
 * is paid 99291 that day) and a contractor allowing a primary on the previous date.
 *
 * @module
 */
import { upperAscii } from '../../core/code-shape';
import type { IsoDate } from '../../core/dates';
import type { Claim } from '../../claims/schema';
import type { AocPrimary, AocTable } from '../../ncci/aoc';
import type { Rule, RuleContext } from '../types';

/** The NPI that "same provider" is judged by: line rendering, claim rendering, billing provider. */
function providerOf(claim: Claim, line: Claim['lines'][number]): string {
  return line.renderingProvider?.npi ?? claim.renderingProvider?.npi ?? claim.billingProvider?.npi ?? '';
}

/** The AOC table in force on a date: the given tables first, then the built-in one. */
function tableFor(ctx: RuleContext, date: IsoDate): AocTable | undefined {
  const inForce = (t: AocTable) =>
    t.edition.effectiveFrom <= date && (t.edition.effectiveTo === null || date <= t.edition.effectiveTo);
  const given = ctx.aoc.tables.find(inForce);
  if (given) return given;
  const builtIn = ctx.aoc.builtIn();
  return builtIn && inForce(builtIn) ? builtIn : undefined;
}

/** A service of the same provider on a date: its procedure code and where it is. */
interface Service {
  readonly code: string;
  /** Line index on the claim, or -1 for a prior claim's line. */
  readonly line: number;
}

/**
 * NCCI add-on code rule (`ncci-add-on-code`). Uses the built-in CMS AOC table (2026 Q2) unless
 * tables are given (`options.aoc.tables`).
 *
 * @example
 * ```ts
 * validateClaim(claim, { profile: 'medicare-professional' }) // reports ncci_add_on_code on an add-on line without its primary
 * ```
 */
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
    const missing = new Set<IsoDate>();
    // Services by provider and date, built only when an add-on code is found.
    let services: Map<string, Service[]> | undefined;
    const servicesOf = (provider: string, date: IsoDate): readonly Service[] => {
      if (!services) {
        services = new Map();
        const add = (claim: Claim, line: Claim['lines'][number], index: number, d: IsoDate | undefined) => {
          if (d === undefined || line.units <= 0) return;
          const key = `${providerOf(claim, line)}|${d}`;
          const list = services!.get(key) ?? [];
          list.push({ code: upperAscii(line.procedure.trim()), line: index });
          services!.set(key, list);
        };
        lines.forEach((line, i) => {
          add(ctx.claim, line, i, ctx.lineDates[i]);
        });
        for (const prior of ctx.history)
          for (const line of prior.lines) add(prior, line, -1, line.serviceDate ?? line.serviceDateFrom);
      }
      return services.get(`${provider}|${date}`) ?? [];
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const date = ctx.lineDates[i];
      if (date === undefined) continue;
      const table = tableFor(ctx, date);
      if (!table) {
        missing.add(date);
        continue;
      }
      const code = upperAscii(line.procedure.trim());
      const rows = table.editsOn(code, date);
      if (!rows) continue;
      const billed = servicesOf(providerOf(ctx.claim, line), date).filter((s) => s.line !== i);
      const billedCodes = new Set(billed.map((s) => s.code));
      const listed = rows.filter((r) => !r.contractorDefined);
      const primaries = listed.filter((r) => primaryValidOn(r, date)).map((r) => r.code);
      if (primaries.some((p) => billedCodes.has(p))) continue;
      const editType = Math.max(...rows.map((r) => r.editType)) as 1 | 2 | 3;
      // Type 2 (and a type 3 code listed only as CCCCC): the contractor's list decides; only an
      // add-on code with nothing else by the provider on the date is certainly without a primary.
      if (primaries.length === 0 && billed.some((s) => s.code !== code)) continue;
      const everPrimary = new Set(
        table
          .get(code)!
          .primaries.filter((r) => !r.contractorDefined)
          .map((r) => r.code),
      );
      const primariesNotInForce = [...billedCodes]
        .filter((c) => everPrimary.has(c) && !primaries.includes(c))
        .sort();
      report.edit({
        code: 'ncci_add_on_code',
        ...(editType === 1 ? {} : { severity: 'warning' as const }),
        path: ['lines', i, 'procedure'],
        codes: [code],
        system: 'ncci-aoc',
        dataVersion: table.dataVersion,
        addOnCode: code,
        editType,
        primaries: [...new Set(primaries)].sort(),
        primariesNotInForce,
        specialInstructions: [...new Set(rows.map((r) => r.specialInstruction).filter((s) => s !== ''))],
        date,
        remedy:
          editType === 1
            ? `report ${code} with one of its primary codes by the same provider on the same date, or remove it`
            : editType === 3
              ? `report ${code} with a listed primary code, or check that the contractor accepts the primary billed`
              : `report ${code} with the primary service the contractor accepts for it`,
      });
    }
    for (const date of [...missing].sort())
      report.skip(
        `no NCCI add-on code table for ${date} (loaded: ${[...ctx.aoc.tables.map((t) => t.edition.name), ctx.aoc.builtIn()?.edition.name].filter((n) => n !== undefined).join(', ') || 'none'})`,
      );
  },
};

/** Whether a listed primary code is itself still valid on the date (`Primary_Code_DelDT`). */
function primaryValidOn(row: AocPrimary, date: IsoDate): boolean {
  return row.primaryDeletionDate === null || date <= row.primaryDeletionDate;
}
