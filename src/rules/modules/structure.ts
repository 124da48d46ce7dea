/**
 * Claim structure: counts, pointers, units, charges, modifiers, place of service, duplicate lines,
 * future dates and birth dates after the claim's first date.
 *
 * Sources: X12 837P 005010X222A1 (12 diagnoses in HI, 50 service lines, 4 pointers per SV107,
 * 4 modifiers per SV101), NUCC 1500 Claim Form (02/12) items 21 and 24; HIPAA code sets, 45 CFR
 * 162.1002 (the code set in force on the date of service); CMS Place of Service code set.
 *
 * @module
 */
import { checkClaimLimits } from '../../claims/limits';
import { checkClaimValues } from '../../claims/output-check';
import { isPaddedCode } from '../../core/code-shape';
import type { ClaimValueScope } from '../../claims/output-check';
import { isMoneyAmount } from '../../claims/internal';
import type { Claim } from '../../claims/schema';
import type { Rule, RuleContext, RuleReporter } from '../types';
import { checkIn, codeSetOr, rehome } from './util';
import type { MissingCodeSet } from './util';
import type { ModifierEntry, RuleCodeSet } from '../contract';

const MODIFIER = /^[0-9A-Z]{2}$/;

/**
 * The writers' value checks (medcode/claims' checkClaimValues: 837P 005010X222A1, CMS-1500 02/12,
 * FHIR R4 Claim) that no other rule makes, so that a claim which passes can be written and each
 * fact is reported once: the code shapes are code-validity's (malformed_code) and this rule's
 * (modifiers, places of service), units of 0 or less this rule's invalid_units; a date of service
 * before ICD-10-CM (2015-10-01) leaves every diagnosis not_checked, as no edition is in force.
 * Diagnosis pointers are a professional claim's (837P SV107, CMS-1500 item 24E); institutional
 * claims carry none.
 */
const PROFESSIONAL_VALUES: ClaimValueScope = Object.freeze({
  codeShapes: false,
  nonPositiveUnits: false,
  linePointers: true,
  datesBeforeIcd10: false,
});
const INSTITUTIONAL_VALUES: ClaimValueScope = Object.freeze({ ...PROFESSIONAL_VALUES, linePointers: false });

/** Whether two diagnosis strings are the same code once case, dots and spaces are ignored. */
function sameDiagnosis(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && (a.charCodeAt(i) === 46 || a.charCodeAt(i) <= 32)) i++;
    while (j < b.length && (b.charCodeAt(j) === 46 || b.charCodeAt(j) <= 32)) j++;
    if (i >= a.length || j >= b.length) return i >= a.length && j >= b.length;
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (x !== y && ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122)) return false;
    i++;
    j++;
  }
}

/** ASCII case-insensitive equality, without allocating upper-case copies. */
function sameAsciiIgnoringCase(p: string, q: string): boolean {
  if (p.length !== q.length) return false;
  for (let i = 0; i < p.length; i++) {
    const x = p.charCodeAt(i);
    const y = q.charCodeAt(i);
    if (x === y) continue;
    if ((x | 32) !== (y | 32) || (x | 32) < 97 || (x | 32) > 122) return false;
  }
  return true;
}

/** Two lines with the same procedure (any case), date, span end and modifiers in any order. */
function sameLine(
  a: Claim['lines'][number],
  b: Claim['lines'][number],
  dateA: string | undefined,
  dateB: string | undefined,
): boolean {
  const p = a.procedure;
  const q = b.procedure;
  if (p !== q && !sameAsciiIgnoringCase(p, q)) return false;
  if (dateA !== dateB || a.serviceDateTo !== b.serviceDateTo) return false;
  const ma = a.modifiers ?? [];
  const mb = b.modifiers ?? [];
  if (ma.length !== mb.length) return false;
  if (ma.length === 0) return true;
  if (ma.length === 1) return ma[0] === mb[0];
  const x = [...ma].sort();
  const y = [...mb].sort();
  return x.every((m, k) => m === y[k]);
}

/**
 * A place of service checked against the CMS Place of Service code set in force on `date`, its
 * issues reported at `path` (a module function, not a closure made per claim).
 */
function checkPlaceOfService(
  ctx: RuleContext,
  report: RuleReporter,
  posSets: Map<string, RuleCodeSet | MissingCodeSet>,
  code: string,
  path: (string | number)[],
  date: string | undefined,
): void {
  const pos = codeSetOr(ctx.codeSets.placesOfService, date, 'place of service', report, posSets);
  if (!pos) return;
  for (const issue of checkIn(pos, code).issues) {
    // White space around the code is an error of its own (checkClaimValues: no format carries it),
    // so the note that the lookup trimmed it would say the same thing twice.
    if (issue.code === 'code_normalized' && isPaddedCode(code)) continue;
    report.edit(rehome(issue, path));
  }
}

/**
 * Where a birth date after the claim's first date is reported: the patient's (837P 2010CA DMG02, or
 * 2010BA DMG02 when the patient is the subscriber; CMS-1500 item 3) and the subscriber's (837P
 * 2010BA DMG02; CMS-1500 item 11a).
 */
const BIRTH_DATE_CITATION =
  'X12 837P 005010X222A1 loops 2010BA and 2010CA DMG02 (date of birth); CMS-1500 (02/12) items 3 and 11a';

/** The claim's first date: the earliest of its admission and its lines' dates of service. */
function firstDateOf(claim: Claim, lineDates: readonly string[]): string | undefined {
  let first = claim.admissionDate;
  for (let i = 0; i < lineDates.length; i++) {
    const d = lineDates[i];
    if (d !== undefined && (first === undefined || d < first)) first = d;
  }
  return first;
}

/** A person is born on or before any service to them: a later birth date is an error in the data. */
function checkBornBy(
  report: RuleReporter,
  birthDate: string | undefined,
  first: string,
  path: (string | number)[],
): void {
  if (birthDate === undefined || birthDate <= first) return;
  report.edit({
    code: 'claim_invalid',
    path,
    codes: [],
    expected: `on or before the claim's first date, ${first} (a person is born before any service to them)`,
    received: birthDate,
    citation: BIRTH_DATE_CITATION,
  });
}

/**
 * Claim structure rule (`claim-structure`).
 *
 * @example
 * ```ts
 * validateClaim(claim, { rules: { 'claim-structure': { severity: 'warning' } } })
 * ```
 */
export const claimStructureRule: Rule = {
  id: 'claim-structure',
  title: 'Claim structure: limits, pointers, units, charges, modifiers, place of service, duplicates, dates',
  citation: 'X12 837P 005010X222A1 loops 2300 HI / 2400 SV1; CMS-1500 (02/12) items 21, 24A–24G',
  defaultSeverity: 'error',
  check(ctx, report) {
    const { claim, limits } = ctx;
    // One implementation of the format limits and pointer ranges: medcode/claims' checkClaimLimits
    // (claim_limit_exceeded, claim_invalid at the pointer), with this profile's limits.
    for (const issue of checkClaimLimits(claim, limits)) report.edit(rehome(issue, []));
    // What every writer refuses and no rule reports otherwise (a claim without diagnoses, a line
    // without a pointer, a replacement without the payer's claim control number…): see
    // PROFESSIONAL_VALUES. Issues only for a claim that has such a value, none for most.
    const values = checkClaimValues(
      claim,
      ctx.setting === 'professional' ? PROFESSIONAL_VALUES : INSTITUTIONAL_VALUES,
    );
    for (let i = 0; i < values.length; i++) report.edit(rehome(values[i]!, []));
    const dx = claim.diagnoses;
    // MCE edit 3 "duplicate of PDX" and 837P HI: a diagnosis is listed once (CMS Definitions of Medicare Code Edits v37, chapter 1, edit 3).
    // Pairwise (at most 12 in a valid claim), ignoring case, dots and spaces, without copies.
    for (let i = 1; i < dx.length; i++) {
      const code = dx[i]!.code;
      for (let j = 0; j < i; j++) {
        if (sameDiagnosis(dx[j]!.code, code)) {
          report.edit({
            code: 'duplicate_diagnosis',
            path: ['diagnoses', i, 'code'],
            codes: [code],
            firstIndex: j,
          });
          break;
        }
      }
    }
    const modProvider = ctx.codeSets.modifiers;
    let modDate: string | undefined;
    let modSet: RuleCodeSet<ModifierEntry> | undefined;
    // Made when a line has modifiers: most claims' lines have none.
    let modSets: Map<string, RuleCodeSet<ModifierEntry> | MissingCodeSet> | undefined;
    const lines = claim.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!(line.units > 0))
        report.edit({
          code: 'invalid_units',
          path: ['lines', i, 'units'],
          codes: [line.procedure],
          units: line.units,
        });
      // Exact money: the amount is a decimal string, never a float (schema MoneySchema).
      if (!isMoneyAmount(line.charge))
        report.edit({ code: 'invalid_charge', path: ['lines', i, 'charge'], codes: [], charge: line.charge });
      const mods = line.modifiers;
      const date = ctx.lineDates[i];
      if (mods !== undefined && mods.length > 0) {
        if (modProvider && (modDate !== date || modSet === undefined)) {
          modDate = date;
          modSets ??= new Map();
          modSet = codeSetOr(modProvider, date, 'modifier', report, modSets);
        }
        for (let k = 0; k < mods.length; k++) {
          const m = mods[k]!;
          if (!MODIFIER.test(m)) {
            report.edit({
              code: 'malformed_code',
              path: ['lines', i, 'modifiers', k],
              codes: [],
              input: m,
              system: 'hcpcs-modifier',
              reason: 'pattern',
              expected: 'two letters or digits',
            });
          } else if (modProvider && modSet) {
            // The modifier code set's own issues: unknown, or not in force on the line's date.
            const issues = checkIn(modSet, m).issues;
            for (const issue of issues) report.edit(rehome(issue, ['lines', i, 'modifiers', k]));
          }
        }
      }
      if (date !== undefined && date > ctx.today)
        report.edit({
          code: 'future_date',
          path: ['lines', i, line.serviceDate !== undefined ? 'serviceDate' : 'serviceDateFrom'],
          codes: [],
          date,
          today: ctx.today,
        });
      // The same procedure, modifiers (in any order) and dates twice. Compared pairwise (at most
      // 50 lines): cheaper than building a key string per line, and most pairs differ at once.
      // Lines whose procedures differ once normalised (most pairs) are not compared further.
      const procedure = ctx.procedureCodes[i];
      for (let j = 0; j < i; j++) {
        if (ctx.procedureCodes[j] === procedure && sameLine(lines[j]!, line, ctx.lineDates[j], date)) {
          report.edit({
            code: 'duplicate_line',
            path: ['lines', i],
            codes: [line.procedure],
            firstLine: j,
            severity: 'warning',
          });
          break;
        }
      }
    }
    const first = firstDateOf(claim, ctx.lineDates);
    if (first !== undefined) {
      checkBornBy(report, claim.patient.birthDate, first, ['patient', 'birthDate']);
      checkBornBy(report, claim.subscriber?.birthDate, first, ['subscriber', 'birthDate']);
    }
    if (!ctx.codeSets.modifiers && claim.lines.some((l) => (l.modifiers ?? []).length > 0))
      report.skip(
        'modifier existence not checked: no modifier code set was provided (options.codeSets.modifiers); format checked only',
      );
    // Place of service (CMS Place of Service code set): the claim's against the first line's
    // date, each line's own against its date. Professional claims only (institutional claims carry
    // a type of bill instead).
    if (ctx.setting === 'professional') {
      const posSets = new Map<string, RuleCodeSet | MissingCodeSet>();
      const claimDate = ctx.lineDates[0] ?? ctx.diagnosisDate;
      checkPlaceOfService(ctx, report, posSets, claim.placeOfService, ['placeOfService'], claimDate);
      for (let i = 0; i < lines.length; i++) {
        const pos = lines[i]!.placeOfService;
        if (pos !== undefined)
          checkPlaceOfService(ctx, report, posSets, pos, ['lines', i, 'placeOfService'], ctx.lineDates[i]);
      }
    }
  },
};
