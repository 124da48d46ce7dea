import type { PackSourceInput } from '../core/pack-source';
import type { Claim } from '../claims/schema';
import type { IsoDate } from '../core/dates';
import type { IssueDraft, MedcodeIssue, Severity } from '../core/issues';
import type { ClaimCodeSets } from './contract';
import type { PtpTable, PtpVersionPolicy, DeletionBound } from '../ncci/ptp';
import type { MueTable } from '../ncci/mue';
import type { AocTable } from '../ncci/aoc';
import type { MceLists } from './mce';
import type { DiagnosisTable } from './diagnosis-table';
import type { X12Separators } from '../claims/x12/envelope';

/** The built-in rule sets. */
export type ProfileId = 'medicare-professional' | 'medicare-institutional-outpatient' | 'medicare-inpatient';

/** The claim setting a profile edits. */
export type ClaimSetting = 'professional' | 'institutional-outpatient' | 'inpatient';

/**
 * An edit: a core issue plus the id of the rule that raised it.
 *
 * @example
 * ```ts
 * const e: ClaimEdit = validateClaim(claim, options).issues[0]
 * e.rule // 'ncci-ptp'; e.code // 'ncci_ptp'; e.path // ['lines', 2, 'procedure']
 * ```
 */
export type ClaimEdit = MedcodeIssue & { readonly rule: string };

/** A rule (or part of one) that could not run, and why. "No data" is never a pass. */
export interface SkippedRule {
  readonly rule: string;
  readonly reason: string;
}

export type { ClaimInput } from '../claims/schema';

/**
 * The verdict of a validation:
 * - `passed`: every code was checked and no edit is an error;
 * - `failed`: at least one error edit (or the claim or options could not be read);
 * - `not_checked`: no error edit, but some code could not be checked for lack of data (no code
 *   set covers its date); each such code has a `not_checked` issue at its path.
 */
export type ValidationStatus = 'passed' | 'failed' | 'not_checked';

interface ClaimValidationFields {
  /** Every edit, sorted by path, then code. */
  readonly issues: readonly ClaimEdit[];
  /** Rules (or parts of rules) that could not run, and why. Never a pass. */
  readonly skipped: readonly SkippedRule[];
  /**
   * One `data_stale` warning (rule `data-currency`) per edition the rules used past what its
   * publisher released it for, at the claim field the date came from, naming the edition, its last
   * day and the official file to import. Kept beside `issues`, like `skipped`: it says what the
   * verdict rests on, not what is wrong with the claim. Never changes `ok` or `status`.
   */
  readonly stale: readonly ClaimEdit[];
}

/**
 * What `validateClaim` returns: the one result shape of medcode (`{ ok, value, issues }`) with
 * the verdict in `status` and the rules that could not run in `skipped`. `ok` is true only when
 * the claim passed: then `value` is the parsed claim and `issues` holds its warnings and infos.
 *
 * @example
 * ```ts
 * const result = validateClaim(claim, { profile: 'medicare-professional' })
 * if (result.ok) send(result.value)
 * else if (result.status === 'not_checked') console.log('no code set for the date of service')
 * else for (const e of result.issues) console.log(e.severity, e.message)
 * ```
 */
export type ClaimValidation =
  | (ClaimValidationFields & { readonly ok: true; readonly status: 'passed'; readonly value: Claim })
  | (ClaimValidationFields & {
      readonly ok: false;
      readonly status: 'failed' | 'not_checked';
      /** The parsed claim, when it could be read. */
      readonly value?: Claim;
    });

/** An edit as a rule reports it: severity defaults to the rule's, citation to the rule's. */
export type EditDraft = IssueDraft extends infer D
  ? D extends unknown
    ? Omit<D, 'severity' | 'citation'> & { readonly severity?: Severity; readonly citation?: string }
    : never
  : never;

/**
 * An edit of a custom rule under its own code: `customCode` names it (e.g. `acme-zero-charge`),
 * `text` is its message. Severity and citation default to the rule's.
 *
 * @example
 * ```ts
 * const draft: CustomEditDraft = { code: 'custom_edit', customCode: 'acme-zero-charge', path: ['lines', 0, 'charge'], codes: ['99213'], text: 'charge is zero' }
 * ```
 */
export type CustomEditDraft = Extract<EditDraft, { code: 'custom_edit' }>;

/** How a rule reports. */
export interface RuleReporter {
  /** Reports an edit: a built-in issue code, or `custom_edit` with the rule's own `customCode`. */
  edit(draft: EditDraft): void;
  /** The rule (or a part of it, named in the reason) could not run. */
  skip(reason: string): void;
}

/** Resolved NCCI PTP options. */
export interface PtpOptions {
  /** Imported PTP tables (see `importPtp`, `PtpTable.fromPack`). None are shipped: without them the rule is skipped. */
  readonly tables: readonly PtpTable[];
  /** Where a bypass modifier must sit: on the column-2 line (CMS FAQ/FCSO, default) or on either line. */
  readonly modifierPlacement: 'column2' | 'either';
  /** Which quarterly table governs a date of service (default `dos-quarter`: the table of the quarter holding the date; docs/ncci.md). */
  readonly version: PtpVersionPolicy;
  /** Deletion date as last day in force (`inclusive`, default) or first day out (`exclusive`); docs/ncci.md. */
  readonly deletionBound: DeletionBound;
}

/** Resolved NCCI add-on code edit options. */
export interface AocOptions {
  /** AOC tables (see `importAocFile`, `AocTable.fromPack`); the built-in 2026 Q2 table is used for dates none of them covers. */
  readonly tables: readonly AocTable[];
}

/** Resolved MUE options. */
export interface MueOptions {
  /** MUE tables; the built-in practitioner table is added when none of the setting is given. */
  readonly tables: readonly MueTable[];
  /** MAI 2/3 over the limit: deny every line of the code on the date (`all`, default; docs/ncci.md) or only the lines past the limit (`excess`). */
  readonly dosDenial: 'all' | 'excess';
}

/** Resolved MCE options. */
export interface MceOptions {
  readonly lists: MceLists | undefined;
  /** Sex-conflict edit: `auto` (default) runs it only before its 2024-10-01 deactivation. */
  readonly sexEdit: 'auto' | 'on' | 'off';
  /** Apply the newest lists (v37, FY2020) to later dates, labelled as such (default true). */
  readonly applyToLaterDates: boolean;
}

/** Claim-format limits. */
export interface ClaimLimits {
  readonly diagnoses: number;
  readonly lines: number;
  readonly pointersPerLine: number;
  readonly modifiersPerLine: number;
}

/** Everything a rule may read. Immutable. */
export interface RuleContext {
  readonly claim: Claim;
  readonly profile: ProfileId | 'custom';
  readonly setting: ClaimSetting;
  /** Today, for the future-date check. */
  readonly today: IsoDate;
  readonly codeSets: ClaimCodeSets;
  /** The date selecting each line's code sets: `serviceDate` or `serviceDateFrom` (CMS Medicare Claims Processing Manual, Pub. 100-04, chapter 23). */
  readonly lineDates: readonly IsoDate[];
  /**
   * Each line's procedure as the code sets and NCCI tables write it (trimmed, ASCII upper case),
   * normalised once per claim for every rule.
   */
  readonly procedureCodes: readonly string[];
  /**
   * The date selecting the ICD-10-CM code set for claim-level diagnosis conventions (Excludes1,
   * manifestation, use additional code, POA, MCE): the discharge date for inpatient, else the
   * earliest line date.
   */
  readonly diagnosisDate: IsoDate | undefined;
  /**
   * Per diagnosis, the dates whose editions it is validated in: the dates of every line pointing at
   * it (sorted, distinct); `[diagnosisDate]` when no line points at it, and always on inpatient
   * claims (the discharge date: CMS Medicare Claims Processing Manual, Pub. 100-04, chapter 3).
   */
  readonly diagnosisDates: readonly (readonly IsoDate[])[];
  /**
   * The claim's diagnoses in the ICD-10-CM edition of `diagnosisDate`, each looked up once per
   * claim (verdict, entry, notes) and shared by every rule that reads them.
   */
  readonly diagnosisTable: DiagnosisTable;
  readonly ptp: PtpOptions;
  /** `builtIn`: every MUE table the validator's packs and `MEDCODE_CODESETS` hold. */
  readonly mue: MueOptions & { readonly builtIn: () => readonly MueTable[] };
  /** `builtIn`: every AOC table the validator's packs and `MEDCODE_CODESETS` hold. */
  readonly aoc: AocOptions & { readonly builtIn: () => readonly AocTable[] };
  readonly mce: MceOptions & { readonly load: () => MceLists | undefined };
  readonly limits: ClaimLimits;
  /** The delimiters of the X12 interchange the claims are to be sent in (`options.x12`, over the defaults). */
  readonly x12: { readonly separators: X12Separators };
  /** Prior claims (same provider, beneficiary): MUE date-of-service totals, add-on code primaries, PTP column 1 codes. */
  readonly history: readonly Claim[];
}

/**
 * A rule: one module with an id, a title, its official source and a `check`. Built-in rules and
 * user rules share this interface.
 *
 * @example
 * ```ts
 * const noZeroCharge: Rule = {
 *   id: 'acme-no-zero-charge', title: 'Charges above zero', citation: 'ACME payer manual 4.2', defaultSeverity: 'warning',
 *   check(ctx, report) {
 *     ctx.claim.lines.forEach((l, i) => { if (l.charge === '0.00') report.edit({ code: 'invalid_charge', path: ['lines', i, 'charge'], codes: [], charge: l.charge }) })
 *   },
 * }
 * ```
 */
export interface Rule {
  readonly id: string;
  readonly title: string;
  /** The official source the rule implements. */
  readonly citation: string;
  readonly defaultSeverity: Severity;
  check(context: RuleContext, report: RuleReporter): void;
}

/** Per-rule configuration: `false` turns it off; an object may change its severity. */
export type RuleSetting = boolean | { readonly enabled?: boolean; readonly severity?: Severity };

/**
 * Options of `validateClaim`. Unknown keys are rejected by name.
 *
 * @example
 * ```ts
 * const options: ValidateOptions = { profile: 'medicare-inpatient', codeSets, mce: { sexEdit: 'on' }, rules: { 'mce-questionable-admission': false } }
 * ```
 */
export interface ValidateOptions {
  /** The rule set; default `medicare-professional`. */
  readonly profile?: ProfileId;
  /** Turn rules on/off or change their severity, by rule id. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Extra rules, run after the profile's. */
  readonly customRules?: readonly Rule[];
  /**
   * Code-set providers by system. Default: the built-in systems (HCPCS Level II, modifiers, places
   * of service, ICD-10-CM, ICD-10-PCS), each chosen by date; a provider given here replaces the
   * built-in one for its system. A validator memoizes each provider's answer per date: providers
   * must be pure functions of the date.
   */
  readonly codeSets?: ClaimCodeSets;
  readonly ptp?: Partial<PtpOptions>;
  readonly mue?: Partial<MueOptions>;
  readonly aoc?: Partial<AocOptions>;
  readonly mce?: Partial<MceOptions>;
  readonly limits?: Partial<ClaimLimits>;
  /**
   * The X12 interchange the claims are to be sent in, for the `x12-837p` rule: its delimiters
   * (`separators`, the defaults `*`, `:`, `^`, `~` under what is given). A value holding one of
   * them cannot be sent in that interchange; one holding another interchange's delimiter can.
   */
  readonly x12?: { readonly separators?: Partial<X12Separators> };
  /**
   * Claims already sent for the same beneficiary by the same provider (claim JSON or claims): their
   * lines of this claim's dates count toward MUE date-of-service totals, supply add-on code
   * primaries, and carry PTP column 1 codes that deny this claim's column 2 lines.
   */
  readonly history?: readonly unknown[];
  /**
   * Today's date, the day the claim is filed: dates of service after it are future dates, and those
   * more than a calendar year before it are past Medicare's filing limit (default: the machine's
   * local date; a test suite that validates fixed claims passes one, so that its results do not
   * change as the years pass).
   */
  readonly today?: string | Date;
  /**
   * Where the packs (code sets, MUE, MCE) come from: a `PackSource` (`memorySource`,
   * `await loadPacks(…)`, `folderSource` of `medcode/node`) or a folder path (Node). Default: the
   * packs shipped with medcode (Node only). See docs/runtimes.md.
   */
  readonly packs?: PackSourceInput;
  /** Where built-in packs (code sets, MUE, MCE) are read from; default the package's `codesets/`. */
  readonly codesetsDir?: string;
}
