/**
 * Expected Medicare payment of a professional claim under the physician fee schedule: per line the
 * fee schedule amount for the place of service, the adjustments the RVU file's indicators call for,
 * and the claim total, each amount explained. Money is exact: RVUs, GPCIs and the conversion factor
 * are scaled integers (`bigint`), amounts are rounded to the cent once per step and returned as
 * decimal strings.
 *
 * Rules: Medicare Claims Processing Manual (Pub. 100-04), chapter 12, and the CMS PFS relative
 * value file README (RVU26C) for each indicator's meaning, including the multiple procedure
 * payment reductions of indicators 4–7 (diagnostic imaging, therapy, diagnostic cardiovascular and
 * ophthalmology services). Not modelled: geographic adjustment without a locality (national
 * amounts), the limiting charge, sequestration, deductible and coinsurance. The claim is taken as
 * one provider's, and "same session" as the same date of service.
 *
 * @module
 */
import { checkStringArgument, invalidArgument } from '../core/arguments';
import { claimInvalidIssue, isMoneyAmount } from '../claims/internal';
import { checkClaimSize } from '../claims/limits';
import type { Claim } from '../claims/schema';
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import type { Result } from '../core/result';
import { failure, success } from '../core/result';
import type { ClaimPricing, LinePricing, PfsLocality, PricingAdjustment, RvuEntry } from './model';
import { PFS_STATUS } from './model';
import type { PfsSchedule } from './schedule';

const CH12 = 'Medicare Claims Processing Manual (Pub. 100-04), ch. 12';

/**
 * Places of service paid at the facility rate: 42 CFR 414.22(b)(5)(i) (services in a hospital,
 * SNF, ASC, … use the facility practice expense RVUs) and Pub. 100-04, ch. 12, §20.4.2; the POS
 * list follows the CMS place-of-service code set's facility designation (02 telehealth other than
 * in the home is paid at the facility rate; 10, in the home, at the non-facility rate).
 */
export const FACILITY_PLACES_OF_SERVICE: ReadonlySet<string> = new Set([
  '02',
  '19',
  '21',
  '22',
  '23',
  '24',
  '26',
  '31',
  '34',
  '41',
  '42',
  '51',
  '52',
  '53',
  '56',
  '61',
]);

// ---- exact decimals ------------------------------------------------------------------------------

/** A non-negative decimal string as an integer scaled by 10^scale, or undefined. */
function scaled(text: string, scale: number): bigint | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2]?.length ?? 0) > scale) return undefined;
  return BigInt(m[1]!) * 10n ** BigInt(scale) + BigInt((m[2] ?? '').padEnd(scale, '0') || '0');
}

/** Rounds n / d half up (n, d ≥ 0): CMS rounds fee schedule amounts to the cent. */
function roundDiv(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

function money(cents: bigint): string {
  const s = cents.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Applies a percentage given in tenths of a percent (625 = 62.5%) to cents, rounding to the cent. */
function percentOf(cents: bigint, permille: bigint): bigint {
  return roundDiv(cents * permille, 1000n);
}

function permilleText(p: bigint): string {
  return `${Number(p) / 10}%`;
}

/**
 * One decimal an amount is computed from, as an integer scaled by 10^scale; refused by name when it
 * is not a decimal string with at most that many decimals (the RVU file writes RVUs with two, the
 * conversion factor with four, the GPCI file GPCIs with three).
 */
function decimalArgument(argument: string, text: unknown, scale: number): bigint {
  const value = typeof text === 'string' ? scaled(text, scale) : undefined;
  if (value === undefined)
    throw invalidArgument(
      'feeScheduleAmount',
      argument,
      `a decimal string with at most ${scale} decimals`,
      text,
    );
  return value;
}

/**
 * The fee schedule amount of one unit of a row: national, (work + PE + MP) × CF; with a locality,
 * (work × work GPCI + PE × PE GPCI + MP × MP GPCI) × CF (Pub. 100-04, ch. 12, §20.4; the GPCIs of
 * the CMS GPCI file). PE is the facility or non-facility PE RVU by setting. A row that is not an
 * RVU file entry, a setting other than the two, or a locality that is not one (`undefined` or
 * `null` is none) is refused by name (`MedcodeError`, `invalid_option`).
 *
 * @example
 * ```ts
 * feeScheduleAmount(pfs.at('2026-08-01').get('99213')!, 'non-facility').amount // '95.19'
 * ```
 */
export function feeScheduleAmount(
  row: RvuEntry,
  setting: 'facility' | 'non-facility',
  locality?: PfsLocality,
): { readonly cents: bigint; readonly amount: string; readonly formula: string } {
  if (row === null || typeof row !== 'object')
    throw invalidArgument('feeScheduleAmount', 'row', 'an RVU file entry (schedule.get(code))', row);
  if (setting !== 'facility' && setting !== 'non-facility')
    throw invalidArgument('feeScheduleAmount', 'setting', "'facility' or 'non-facility'", setting);
  const facility = setting === 'facility';
  const pe = facility ? row.facilityPeRvu : row.nonFacilityPeRvu;
  const total = facility ? row.facilityTotal : row.nonFacilityTotal;
  const w = decimalArgument('row.workRvu', row.workRvu, 2);
  const p = decimalArgument(facility ? 'row.facilityPeRvu' : 'row.nonFacilityPeRvu', pe, 2);
  const m = decimalArgument('row.mpRvu', row.mpRvu, 2);
  const cf = decimalArgument('row.conversionFactor', row.conversionFactor, 4);
  if (typeof total !== 'string')
    throw invalidArgument(
      'feeScheduleAmount',
      facility ? 'row.facilityTotal' : 'row.nonFacilityTotal',
      'a decimal string',
      total,
    );
  if (locality === undefined || locality === null) {
    const cents = roundDiv((w + p + m) * cf, 10_000n);
    return {
      cents,
      amount: money(cents),
      formula: `(work ${row.workRvu} + ${setting} PE ${pe} + MP ${row.mpRvu} = ${total} RVUs) × CF ${row.conversionFactor} = ${money(cents)}`,
    };
  }
  if (typeof locality !== 'object' || typeof locality.name !== 'string')
    throw invalidArgument('feeScheduleAmount', 'locality', 'a locality { name, work, pe, mp }', locality);
  const gw = decimalArgument('locality.work', locality.work, 3);
  const gp = decimalArgument('locality.pe', locality.pe, 3);
  const gm = decimalArgument('locality.mp', locality.mp, 3);
  const cents = roundDiv((w * gw + p * gp + m * gm) * cf, 10_000_000n);
  return {
    cents,
    amount: money(cents),
    formula: `(work ${row.workRvu} × ${locality.work} + ${setting} PE ${pe} × ${locality.pe} + MP ${row.mpRvu} × ${locality.mp}) × CF ${row.conversionFactor} = ${money(cents)} (${locality.name})`,
  };
}

/**
 * Facility or non-facility rate for a place of service.
 *
 * @example
 * ```ts
 * settingOf('11') // 'non-facility'
 * settingOf('22') // 'facility'
 * ```
 */
export function settingOf(placeOfService: string): 'facility' | 'non-facility' {
  checkStringArgument('settingOf', 'placeOfService', placeOfService);
  return FACILITY_PLACES_OF_SERVICE.has(placeOfService.trim()) ? 'facility' : 'non-facility';
}

const ASSISTANT_MODIFIERS = ['80', '81', '82', 'AS'];

/** Options of {@link priceClaim}. */
export interface PriceClaimOptions {
  /**
   * The RVU file to price with, or a function choosing it by date of service (e.g. `pfs.tryAt`).
   * Default in `medcode/pfs`'s `priceClaim`: the built-in file in force on each line's date.
   */
  readonly schedule: PfsSchedule | ((date: string) => Result<PfsSchedule>);
  /** GPCIs of the payment locality; without, national amounts. */
  readonly locality?: PfsLocality;
}

interface Working {
  pricing: {
    -readonly [K in keyof LinePricing]: LinePricing[K];
  };
  adjustments: PricingAdjustment[];
  notes: string[];
  /** The line's amount in cents so far; undefined once it is unpriced. */
  cents?: bigint | undefined;
  row?: RvuEntry;
  schedule?: PfsSchedule;
  date: string;
  /** The line's actual charge in cents (undefined when the claim's charge is not money). */
  charge: bigint | undefined;
  /** The other side's line when this line and it are one bilateral procedure (RT and LT). */
  bilateralPartner?: Working;
  /** Units of service on the line (whole, positive when the line is priced). */
  units: number;
}

/**
 * The `invalid_option` issue of a pricing option (`priceClaimWith`, `priceClaim`): internal to
 * medcode/pfs.
 *
 * @example
 * ```ts
 * pricingOptionIssue(['schedule'], 'schedule', 'a fee schedule').code // 'invalid_option'
 * ```
 */
export function pricingOptionIssue(
  path: (string | number)[],
  option: string,
  expected: string,
): MedcodeIssue {
  return createIssue({ code: 'invalid_option', severity: 'error', path, codes: [], option, expected });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';

/**
 * The first field pricing reads that is not of the claim model's type, as a `claim_invalid` issue
 * at its path. Only the fields pricing reads are checked, by hand: the claims schema would bring
 * its schema library into this module (and a browser bundle of it) for these few fields.
 */
function unpriceableField(claim: unknown): MedcodeIssue | undefined {
  if (!isObject(claim)) return claimInvalidIssue([], 'a claim object', claim);
  if (!isOptionalString(claim.claimId)) return claimInvalidIssue(['claimId'], 'a string', claim.claimId);
  if (typeof claim.placeOfService !== 'string')
    return claimInvalidIssue(['placeOfService'], 'a place of service code (string)', claim.placeOfService);
  if (!Array.isArray(claim.lines)) return claimInvalidIssue(['lines'], 'an array of lines', claim.lines);
  for (let i = 0; i < claim.lines.length; i++) {
    const line: unknown = claim.lines[i];
    if (!isObject(line)) return claimInvalidIssue(['lines', i], 'a line object', line);
    if (typeof line.procedure !== 'string')
      return claimInvalidIssue(['lines', i, 'procedure'], 'a procedure code (string)', line.procedure);
    if (typeof line.units !== 'number' || !Number.isFinite(line.units))
      return claimInvalidIssue(['lines', i, 'units'], 'a number of units', line.units);
    // The claim model's money (claims schema MoneySchema): a decimal string, never a float, so
    // that the lower-of-charge cap compares exact cents.
    if (typeof line.charge !== 'string' || !isMoneyAmount(line.charge))
      return claimInvalidIssue(
        ['lines', i, 'charge'],
        'an amount (decimal string such as "150.00")',
        line.charge,
      );
    for (const field of ['placeOfService', 'serviceDate', 'serviceDateFrom'] as const)
      if (!isOptionalString(line[field]))
        return claimInvalidIssue(['lines', i, field], 'a string', line[field]);
    const modifiers = line.modifiers;
    if (modifiers !== undefined) {
      if (!Array.isArray(modifiers))
        return claimInvalidIssue(['lines', i, 'modifiers'], 'an array of modifiers', modifiers);
      const k = modifiers.findIndex((m) => typeof m !== 'string');
      if (k >= 0) return claimInvalidIssue(['lines', i, 'modifiers', k], 'a modifier (string)', modifiers[k]);
    }
  }
  return undefined;
}

/**
 * Prices a claim (the claim model of `medcode/claims`) under the physician fee schedule. Fails
 * only on an unusable option (a malformed locality, no schedule) or a field pricing reads that is
 * not of the claim model's type (`claim_invalid` at its path); every line problem is reported on
 * the line.
 *
 * @example
 * ```ts
 * const r = priceClaimWith(claim, { schedule: pfs.at('2026-08-01') })
 * if (r.ok) r.value.total // '95.19'
 * ```
 */
export function priceClaimWith(claim: Claim, options: PriceClaimOptions): Result<ClaimPricing> {
  if (options === null || typeof options !== 'object')
    return failure([pricingOptionIssue([], 'options', 'an options object with schedule')]);
  const issues: MedcodeIssue[] = [...checkClaimSize(claim)];
  if (issues.length === 0) {
    const bad = unpriceableField(claim);
    if (bad) issues.push(bad);
  }
  if (issues.length > 0) return failure(issues);
  if (
    options.schedule === null ||
    (typeof options.schedule !== 'object' && typeof options.schedule !== 'function')
  )
    issues.push(
      pricingOptionIssue(
        ['schedule'],
        'schedule',
        'a fee schedule (pfs.at(date)) or a function from a date to its Result',
      ),
    );
  // A locality left out in any falsy way (null, '') is no locality: national amounts.
  const loc = options.locality || undefined;
  if (loc) {
    // The name is quoted in every line's formula.
    if (typeof loc.name !== 'string')
      issues.push(pricingOptionIssue(['locality', 'name'], 'locality.name', 'the locality name (a string)'));
    for (const k of ['work', 'pe', 'mp'] as const)
      if (typeof loc[k] !== 'string' || scaled(loc[k], 3) === undefined)
        issues.push(
          createIssue({
            code: 'invalid_option',
            severity: 'error',
            path: ['locality', k],
            codes: [],
            option: `locality.${k}`,
            expected: 'a GPCI as a decimal string with at most 3 decimals, e.g. "1.023"',
          }),
        );
  }
  if (issues.length > 0) return failure(issues);

  const pick = (date: string): PfsSchedule | string => {
    if (typeof options.schedule !== 'function') return options.schedule;
    const r = options.schedule(date);
    return r.ok ? r.value : `no fee schedule file for ${date}: ${r.issues.map((i) => i.message).join('; ')}`;
  };

  const work: Working[] = claim.lines.map((line, index) => {
    const modifiers = (line.modifiers ?? []).map((m) => m.trim().toUpperCase());
    const pos = (line.placeOfService ?? claim.placeOfService).trim();
    const setting = settingOf(pos);
    const date = line.serviceDate ?? line.serviceDateFrom ?? '';
    const w: Working = {
      pricing: {
        line: index,
        procedure: line.procedure.trim().toUpperCase(),
        modifiers,
        setting,
        placeOfService: pos,
        adjustments: [],
        notes: [],
      },
      adjustments: [],
      notes: [],
      date,
      charge: scaled(line.charge, 2),
      units: line.units,
    };
    const s = pick(date);
    if (typeof s === 'string') {
      w.pricing.unpriced = s;
      return w;
    }
    w.schedule = s;
    priceLine(w, line, s, loc);
    return w;
  });

  priceBilateralSides(work);
  bundleStatusTServices(work);
  applyMultipleProcedureRules(work, loc);
  applyDiagnosticAndTherapyReductions(work, loc);
  applyLowerOfCharge(work);

  let total = 0n;
  let unpriced = 0;
  const lines: LinePricing[] = work.map((w) => {
    if (w.cents !== undefined) total += w.cents;
    else unpriced++;
    return {
      ...w.pricing,
      ...(w.cents !== undefined ? { amount: money(w.cents) } : {}),
      adjustments: w.adjustments,
      notes: w.notes,
    };
  });
  const editions = [...new Set(work.flatMap((w) => (w.schedule ? [w.schedule.edition.id] : [])))];
  return success({
    claimId: claim.claimId,
    lines,
    total: money(total),
    unpricedLines: unpriced,
    editions,
    ...(loc ? { locality: loc.name } : {}),
  });
}

function priceLine(
  w: Working,
  line: Claim['lines'][number],
  s: PfsSchedule,
  loc: PfsLocality | undefined,
): void {
  const p = w.pricing;
  const code = p.procedure;
  const mods = p.modifiers;
  const base = s.get(code);
  const component = mods.includes('26') ? '26' : mods.includes('TC') ? 'TC' : undefined;
  let row = base;
  if (component) {
    row = s.get(code, component);
    if (!row) {
      p.unpriced = base
        ? `modifier ${component} does not apply to ${code}: PC/TC indicator ${base.pctc} (RVU README, "PCTC IND"; the file has no ${component} row)`
        : `${code} is not in the fee schedule file ${s.edition.id}`;
      return;
    }
  } else if (mods.includes('53') && s.get(code, '53')) row = s.get(code, '53');
  if (!row) {
    p.unpriced = `${code} is not in the fee schedule file ${s.edition.id}`;
    return;
  }
  w.row = row;
  p.row = { code: row.code, modifier: row.modifier };
  p.status = row.status;
  const status = PFS_STATUS[row.status];
  if (!status.paid) {
    // Never a number the file does not have: bundled, carrier-priced, excluded and non-covered codes say so.
    p.unpriced = `status ${row.status}: ${status.meaning} (RVU README, "Status Code")`;
    return;
  }
  if (row.notUsedForMedicarePayment) {
    p.unpriced = `the RVUs of ${code} are not used for Medicare payment (RVU file column "NOT USED FOR MEDICARE PAYMENT")`;
    return;
  }
  if (row.status === 'R') w.notes.push('status R: paid only where the special coverage instructions are met');
  if (p.setting === 'facility' && row.facilityNa)
    w.notes.push('facility NA indicator: the service is rarely or never performed in a facility setting');
  if (p.setting === 'non-facility' && row.nonFacilityNa)
    w.notes.push(
      'non-facility NA indicator: the service is rarely or never performed in a non-facility setting',
    );
  const fee = feeScheduleAmount(row, p.setting, loc);
  p.feeScheduleAmount = fee.amount;
  p.formula = fee.formula;
  let cents = fee.cents;

  if (!Number.isInteger(line.units) || line.units <= 0) {
    p.unpriced = `units ${line.units}: the fee schedule amount is per whole unit`;
    return;
  }
  // Bilateral indicators 1 and 2: a code reported twice on one line (2 in the units field) is the
  // bilateral procedure, paid as with modifier 50 (150% and 100% of one side), not twice.
  const bilateralByUnits =
    !mods.includes('50') && line.units === 2 && (row.bilateral === '1' || row.bilateral === '2');
  if (line.units > 1 && !bilateralByUnits) {
    cents *= BigInt(line.units);
    w.adjustments.push({ rule: 'units', detail: `× ${line.units} units`, citation: `${CH12}, §20.4` });
  }

  if (mods.includes('50') || bilateralByUnits) {
    const pct = row.bilateral === '1' ? 1500n : row.bilateral === '3' ? 2000n : 1000n;
    if (row.bilateral === '9')
      w.notes.push('bilateral indicator 9: the bilateral concept does not apply to this code');
    cents = percentOf(cents, pct);
    w.adjustments.push({
      rule: 'bilateral',
      detail: `${permilleText(pct)} (bilateral indicator ${row.bilateral}${bilateralByUnits ? ', reported as 2 units' : ''})`,
      citation: `${CH12}, §40.7; RVU README, "BILAT SURG"`,
    });
  }

  if (mods.includes('62')) {
    if (row.coSurgeons === '0' || row.coSurgeons === '9') {
      p.unpriced = `co-surgeons (modifier 62) not permitted for ${code}: co-surgeon indicator ${row.coSurgeons}`;
      return;
    }
    if (row.coSurgeons === '1') w.notes.push('co-surgeon indicator 1: supporting documentation required');
    cents = percentOf(cents, 625n);
    w.adjustments.push({
      rule: 'co-surgeons',
      detail: `62.5% to each co-surgeon (co-surgeon indicator ${row.coSurgeons})`,
      citation: `${CH12}, §40.8; RVU README, "CO-SURG"`,
    });
  }

  if (mods.includes('66')) {
    p.unpriced =
      row.teamSurgery === '1' || row.teamSurgery === '2'
        ? `team surgery (modifier 66, team indicator ${row.teamSurgery}): priced by the contractor by report, no fee schedule amount`
        : `team surgery (modifier 66) not permitted for ${code}: team surgery indicator ${row.teamSurgery}`;
    return;
  }

  const assistant = mods.find((m) => ASSISTANT_MODIFIERS.includes(m));
  if (assistant) {
    if (row.assistantAtSurgery === '1' || row.assistantAtSurgery === '9') {
      p.unpriced = `assistant at surgery (modifier ${assistant}) not paid for ${code}: assistant indicator ${row.assistantAtSurgery}`;
      return;
    }
    if (row.assistantAtSurgery === '0')
      w.notes.push('assistant indicator 0: paid only with documentation of medical necessity');
    // Physician assistants: 16% (§20.4.3); non-physician practitioners (AS) get 85% of that: 13.6%.
    const pct = assistant === 'AS' ? 136n : 160n;
    cents = percentOf(cents, pct);
    w.adjustments.push({
      rule: 'assistant-at-surgery',
      detail: `${permilleText(pct)} (assistant indicator ${row.assistantAtSurgery}, modifier ${assistant})`,
      citation: `${CH12}, §20.4.3; RVU README, "ASST SURG"`,
    });
  }
  w.cents = cents;
}

/**
 * Status T services (RVU README, "Status Code" T: injections and minor services): paid only when
 * no other service payable under the fee schedule is billed on the same date (a claim is taken as
 * one provider's); beside one, they are bundled and get no amount.
 */
function bundleStatusTServices(work: Working[]): void {
  const datesWithOtherServices = new Set<string>();
  for (const w of work)
    if (w.cents !== undefined && w.row?.status !== 'T') datesWithOtherServices.add(w.date);
  for (const w of work) {
    if (w.cents === undefined || w.row?.status !== 'T') continue;
    if (!datesWithOtherServices.has(w.date)) {
      w.notes.push('status T: paid, as no other fee-schedule service is billed on the date');
      continue;
    }
    w.cents = undefined;
    w.pricing.unpriced = `status T: bundled, as another fee-schedule service is billed on ${w.date} (RVU README, "Status Code")`;
  }
}

/**
 * A code billed on two lines of one date, one with RT and the other with LT, is one bilateral
 * procedure (RVU README, "BILAT SURG", indicators 0, 1 and 2: "reported twice on the same day by
 * any other means (e.g., with RT and LT modifiers...)"): the two sides together are 150% of one
 * side (indicator 1) or 100% (0 and 2), as with modifier 50. The first line is paid one side, the
 * second the rest; the pair then ranks as one procedure in the multiple-surgery rules. Lines of one
 * unit each, with no modifier 50 and the same other modifiers, are paired in claim order. Codes of
 * the diagnostic and therapy reductions (multiple procedure indicators 4–7) are left as billed.
 */
function priceBilateralSides(work: Working[]): void {
  const waiting = new Map<string, Working>();
  for (const w of work) {
    const r = w.row;
    if (w.cents === undefined || !r || w.units !== 1) continue;
    if (!['0', '1', '2'].includes(r.bilateral) || ['4', '5', '6', '7'].includes(r.multipleProcedure))
      continue;
    const mods = w.pricing.modifiers;
    const right = mods.includes('RT');
    if (mods.includes('50') || right === mods.includes('LT')) continue;
    const others = mods.filter((m) => m !== 'RT' && m !== 'LT').sort();
    const key = `${w.date}|${r.code}|${r.modifier}|${others.join(',')}`;
    const side = right ? 'RT' : 'LT';
    const other = waiting.get(`${key}|${right ? 'LT' : 'RT'}`);
    if (other === undefined) {
      if (!waiting.has(`${key}|${side}`)) waiting.set(`${key}|${side}`, w);
      continue;
    }
    waiting.delete(`${key}|${right ? 'LT' : 'RT'}`);
    const pct = r.bilateral === '1' ? 1500n : 1000n;
    const oneSide = other.cents!;
    const both = percentOf(oneSide, pct);
    const citation = `${CH12}, §40.7; RVU README, "BILAT SURG"`;
    const detail = `${permilleText(pct)} of one side for both (bilateral indicator ${r.bilateral}, RT and LT on lines ${other.pricing.line + 1} and ${w.pricing.line + 1})`;
    other.adjustments.push({ rule: 'bilateral', detail: `${detail}: one side here`, citation });
    w.adjustments.push({ rule: 'bilateral', detail: `${detail}: ${money(both - oneSide)} here`, citation });
    w.cents = both - oneSide;
    other.bilateralPartner = w;
    w.bilateralPartner = other;
  }
}

/**
 * The allowed amount is the lower of the actual charge and the fee schedule amount after every
 * adjustment (Social Security Act §1848(a)(1); RVU README, "MULT PROC" 2 and "BILAT SURG": the
 * lower of the actual charge and the reduced or bilateral amount). The two lines of an RT and LT
 * pair are one procedure: their total charge against their total amount.
 */
function applyLowerOfCharge(work: Working[]): void {
  const citation = 'Social Security Act §1848(a)(1); RVU README, "MULT PROC", "BILAT SURG"';
  for (const w of work) {
    if (w.cents === undefined || w.charge === undefined) continue;
    const partner = w.bilateralPartner;
    if (partner !== undefined) {
      if (partner.pricing.line < w.pricing.line) continue; // capped with its first side
      if (partner.cents === undefined || partner.charge === undefined) continue;
      const charge = w.charge + partner.charge;
      const amount = w.cents + partner.cents;
      if (charge >= amount) continue;
      const detail = `the lower of the two sides' actual charges (${money(charge)}) and their amount (${money(amount)})`;
      // The first side keeps its amount as far as its own charge goes; the second side gets the
      // rest of the two charges (at least its own charge, as the first side gets at most its own).
      let first = w.cents;
      if (w.charge < first) first = w.charge;
      w.adjustments.push({ rule: 'lower-of-charge', detail, citation });
      partner.adjustments.push({ rule: 'lower-of-charge', detail, citation });
      w.cents = first;
      partner.cents = charge - first;
      continue;
    }
    if (w.charge >= w.cents) continue;
    w.adjustments.push({
      rule: 'lower-of-charge',
      detail: `the lower of the actual charge (${money(w.charge)}) and the fee schedule amount (${money(w.cents)})`,
      citation,
    });
    w.cents = w.charge;
  }
}

/**
 * Multiple surgery (indicator 2, Pub. 100-04 ch. 12 §40.6): on one date, the highest-paid
 * procedure at 100% and each other at 50%. Endoscopies of one family (indicator 3): the highest at
 * full value, each other at its value minus the base endoscopy's; the family then ranks as one
 * procedure among the others.
 */
function applyMultipleProcedureRules(work: Working[], loc: PfsLocality | undefined): void {
  const byDate = new Map<string, Working[]>();
  for (const w of work)
    if (
      w.cents !== undefined &&
      w.row &&
      (w.row.multipleProcedure === '2' || w.row.multipleProcedure === '3')
    ) {
      const list = byDate.get(w.date);
      if (list) list.push(w);
      else byDate.set(w.date, [w]);
    }
  for (const lines of byDate.values()) {
    // Units of procedures: a family of endoscopies (indicator 3, same ENDO BASE) is one unit; a
    // base endoscopy billed with its family joins it (its value minus itself adds nothing).
    const units: { lines: Working[]; cents: bigint }[] = [];
    const families = new Map<string, Working[]>();
    for (const l of lines)
      if (l.row!.multipleProcedure === '3' && l.row!.endoscopicBase) {
        const f = families.get(l.row!.endoscopicBase);
        if (f) f.push(l);
        else families.set(l.row!.endoscopicBase, [l]);
      }
    // The two sides of a bilateral procedure billed RT and LT rank as one procedure.
    const unitOf = new Map<Working, { lines: Working[]; cents: bigint }>();
    for (const l of lines) {
      if (l.row!.multipleProcedure === '3' && l.row!.endoscopicBase) continue;
      const family = families.get(l.row!.code);
      const pair = l.bilateralPartner ? unitOf.get(l.bilateralPartner) : undefined;
      if (family) family.push(l);
      else if (pair) {
        pair.lines.push(l);
        pair.cents += l.cents!;
      } else {
        const unit = { lines: [l], cents: l.cents! };
        units.push(unit);
        unitOf.set(l, unit);
      }
    }
    for (const [base, family] of families) {
      family.sort((a, b) => (b.cents! > a.cents! ? 1 : b.cents! < a.cents! ? -1 : 0));
      const baseRow = family[0]!.schedule!.get(base);
      if (family.length > 1 && baseRow) {
        const baseFee = feeScheduleAmount(baseRow, family[0]!.pricing.setting, loc).cents;
        for (const l of family.slice(1)) {
          const reduced = l.cents! > baseFee ? l.cents! - baseFee : 0n;
          l.adjustments.push({
            rule: 'endoscopy-family',
            detail: `${money(l.cents!)} minus the base endoscopy ${base} (${money(baseFee)}) = ${money(reduced)}`,
            citation: `${CH12}, §40.6 (multiple endoscopies); RVU README, "MULT PROC" 3 and "ENDO BASE"`,
          });
          l.cents = reduced;
        }
      }
      units.push({ lines: family, cents: family.reduce((s, l) => s + l.cents!, 0n) });
    }
    if (units.length < 2) continue;
    units.sort((a, b) => (b.cents > a.cents ? 1 : b.cents < a.cents ? -1 : 0));
    units.slice(1).forEach((u, i) => {
      for (const l of u.lines) {
        const before = l.cents!;
        l.cents = percentOf(before, 500n);
        l.adjustments.push({
          rule: 'multiple-procedure',
          detail: `50%: procedure ${i + 2} by amount on ${l.date} (${money(before)} → ${money(l.cents)})`,
          citation: `${CH12}, §40.6; RVU README, "MULT PROC" ${l.row!.multipleProcedure}`,
        });
      }
    });
    if (units.length > 5)
      for (const u of units.slice(5))
        for (const l of u.lines)
          l.notes.push('sixth and later procedures on one date are priced by report by the contractor');
  }
}

/**
 * The practice expense of one unit of a row in cents: the facility or non-facility PE RVU × the PE
 * GPCI × CF, rounded to the cent, as in {@link feeScheduleAmount}.
 */
function practiceExpenseCents(
  row: RvuEntry,
  setting: 'facility' | 'non-facility',
  loc: PfsLocality | undefined,
): bigint {
  const rvu = scaled(setting === 'facility' ? row.facilityPeRvu : row.nonFacilityPeRvu, 2)!;
  const cf = scaled(row.conversionFactor, 4)!;
  if (!loc) return roundDiv(rvu * cf, 10_000n);
  return roundDiv(rvu * scaled(loc.pe, 3)! * cf, 10_000_000n);
}

/**
 * The multiple procedure payment reductions of indicators 4–7 (RVU README, "MULT PROC"). On one
 * date the services of one group are ranked; the first unit of the highest keeps its full amount
 * and every other unit is reduced:
 * - 4, diagnostic imaging (same "DIAGNOSTIC IMAGING FAMILY INDICATOR", 88 for every imaging family
 *   since 2011): ranked by the amount of the code's TC; 50% off the TC, and 5% off the PC (services
 *   from 2017-01-01);
 * - 5, selected therapy services: ranked by the PE amount; 50% off the practice expense, for
 *   further units as well as further procedures (CMS therapy MPPR instruction: full payment for
 *   the unit or procedure with the highest PE payment);
 * - 6, diagnostic cardiovascular services: ranked by TC amount; 25% off the TC;
 * - 7, diagnostic ophthalmology services: ranked by TC amount; 20% off the TC.
 * The TC and PC amounts are those of the file's own TC and 26 rows of the code; a global line is
 * reduced by the reductions of both parts. A code without TC/26 rows (PC/TC indicator other than 1)
 * is all TC when its indicator is 3 (technical component only) and is otherwise left as it is.
 */
function applyDiagnosticAndTherapyReductions(work: Working[], loc: PfsLocality | undefined): void {
  const groups = new Map<string, Working[]>();
  for (const w of work) {
    const r = w.row;
    if (w.cents === undefined || !r || !['4', '5', '6', '7'].includes(r.multipleProcedure)) continue;
    const key = `${w.date}|${r.multipleProcedure}|${r.multipleProcedure === '4' ? r.imagingFamily : ''}`;
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  }
  for (const lines of groups.values()) {
    const indicator = lines[0]!.row!.multipleProcedure as '4' | '5' | '6' | '7';
    const rule = REDUCTION[indicator];
    const parts = lines.map((w) => reducibleParts(w, indicator, loc));
    const units = lines.reduce((n, w) => n + w.units, 0);
    if (units < 2) continue;
    let first = 0;
    for (let k = 1; k < lines.length; k++) if (parts[k]!.rank > parts[first]!.rank) first = k;
    lines.forEach((w, k) => {
      const reducedUnits = BigInt(w.units - (k === first ? 1 : 0));
      const p = parts[k]!;
      if (reducedUnits === 0n) return;
      if (p.unsplit) {
        w.notes.push(
          `multiple procedure indicator ${indicator}: the file has no TC row for ${w.row!.code} (PC/TC indicator ${w.row!.pctc}); not reduced`,
        );
        return;
      }
      const perUnit = percentOf(p.tc, rule.tc) + percentOf(p.pc, rule.pc) + percentOf(p.pe, rule.pe);
      const reduction = perUnit * reducedUnits;
      if (reduction === 0n) return;
      const before = w.cents!;
      w.cents = before > reduction ? before - reduction : 0n;
      w.adjustments.push({
        rule: rule.name,
        detail: `${rule.describe(p)}${reducedUnits > 1n ? ` × ${reducedUnits} units` : ''}: ${money(before)} − ${money(reduction)} = ${money(w.cents)}`,
        citation: rule.citation,
      });
    });
  }
}

const README_MPI = 'RVU README, "MULT PROC"';

/** Per indicator: what is reduced, by how much (tenths of a percent), and the source. */
const REDUCTION: Readonly<
  Record<
    '4' | '5' | '6' | '7',
    {
      readonly name: PricingAdjustment['rule'];
      readonly tc: bigint;
      readonly pc: bigint;
      readonly pe: bigint;
      readonly describe: (p: ReducibleParts) => string;
      readonly citation: string;
    }
  >
> = {
  '4': {
    name: 'imaging-multiple-procedure',
    tc: 500n,
    pc: 50n,
    pe: 0n,
    describe: (p) =>
      [p.tc > 0n ? `50% of the TC ${money(p.tc)}` : '', p.pc > 0n ? `5% of the PC ${money(p.pc)}` : '']
        .filter((s) => s !== '')
        .join(' + '),
    citation: `${README_MPI} 4 and "DIAGNOSTIC IMAGING FAMILY INDICATOR"`,
  },
  '5': {
    name: 'therapy-multiple-procedure',
    tc: 0n,
    pc: 0n,
    pe: 500n,
    describe: (p) => `50% of the practice expense ${money(p.pe)}`,
    citation: `${README_MPI} 5; CMS MPPR for therapy services (units and procedures; highest PE payment in full)`,
  },
  '6': {
    name: 'cardiovascular-multiple-procedure',
    tc: 250n,
    pc: 0n,
    pe: 0n,
    describe: (p) => `25% of the TC ${money(p.tc)}`,
    citation: `${README_MPI} 6`,
  },
  '7': {
    name: 'ophthalmology-multiple-procedure',
    tc: 200n,
    pc: 0n,
    pe: 0n,
    describe: (p) => `20% of the TC ${money(p.tc)}`,
    citation: `${README_MPI} 7`,
  },
};

/** The parts of one unit of a line that a reduction applies to, and its rank in its group. */
interface ReducibleParts {
  readonly tc: bigint;
  readonly pc: bigint;
  readonly pe: bigint;
  /** What the group is ranked by: the TC amount (4, 6, 7) or the PE amount (5). */
  readonly rank: bigint;
  /** No TC row to split the line by: left as it is. */
  readonly unsplit: boolean;
}

function reducibleParts(
  w: Working,
  indicator: '4' | '5' | '6' | '7',
  loc: PfsLocality | undefined,
): ReducibleParts {
  const row = w.row!;
  const setting = w.pricing.setting;
  if (indicator === '5') {
    const pe = practiceExpenseCents(row, setting, loc);
    return { tc: 0n, pc: 0n, pe, rank: pe, unsplit: false };
  }
  const tcRow = w.schedule!.get(row.code, 'TC');
  const pcRow = w.schedule!.get(row.code, '26');
  const tcOfCode = tcRow
    ? feeScheduleAmount(tcRow, setting, loc).cents
    : row.pctc === '3'
      ? feeScheduleAmount(row, setting, loc).cents
      : undefined;
  if (tcOfCode === undefined) return { tc: 0n, pc: 0n, pe: 0n, rank: 0n, unsplit: true };
  const pcOfCode = pcRow ? feeScheduleAmount(pcRow, setting, loc).cents : 0n;
  // The line's own component: a TC line has only its TC, a 26 line only its PC, a global line both.
  const tc = row.modifier === '26' ? 0n : tcOfCode;
  const pc = row.modifier === 'TC' || row.pctc === '3' ? 0n : pcOfCode;
  return { tc, pc, pe: 0n, rank: tcOfCode, unsplit: false };
}
