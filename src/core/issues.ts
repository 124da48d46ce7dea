/**
 * One issue type for the whole library, modelled on zod's core errors: a discriminated union keyed
 * by `code`, each variant carrying a `path` into the checked input and the data it was checked
 * against. The human `message` is produced by a separate layer ({@link formatIssue}); the fields
 * alone are enough to render any other message.
 *
 * @module
 */
import type { CodeSystemId } from './systems';
import type { DateRange, IsoDate } from './dates';

/** How serious an issue is. A claim with any `error` is expected to be denied or rejected. */
export type Severity = 'error' | 'warning' | 'info';

/** A path into the checked input, e.g. `['lines', 2, 'modifiers', 0]`. Empty for a bare code. */
export type IssuePath = readonly (string | number)[];

/** Fields every issue has. */
export interface IssueBase {
  /** Stable machine-readable identifier of the problem. */
  readonly code: string;
  readonly severity: Severity;
  readonly path: IssuePath;
  /** The codes involved, normalized where possible (may be empty). */
  readonly codes: readonly string[];
  /** The code system the check concerned, when there is one. */
  readonly system?: CodeSystemId;
  /** The edition or data version checked against, e.g. `ICD-10-CM FY2026`, `MUE practitioner 2026-04-01`. */
  readonly dataVersion?: string;
  /** The input value that was checked (long strings are truncated to 64 characters). */
  readonly input?: unknown;
  /** Official source of the rule, e.g. `ICD-10-CM Official Guidelines FY2026, I.A.12.a`. */
  readonly citation?: string;
  /** What the user can do about it, where something can be done. */
  readonly remedy?: string;
  /** Human-readable English text. Derived from the other fields by {@link formatIssue}. */
  readonly message: string;
}

/** Why a code string is structurally malformed. */
export type MalformedReason =
  | 'not_a_string'
  | 'empty'
  | 'too_long'
  | 'too_short'
  | 'first_character'
  | 'bad_character'
  | 'dot_position'
  | 'pattern';

/** One allowed value at a position, with its meaning (7th characters, PCS axis values…). */
export interface AllowedValue {
  readonly value: string;
  readonly meaning: string;
}

// ---- claims/x12 (837P reader and writer) ----------------------------------------------------
/** Why an X12 interchange is not readable as such (envelope, separators, control numbers, counts). */
export type X12SyntaxReason =
  | 'not_x12'
  | 'isa_malformed'
  | 'bad_separators'
  | 'bad_segment_id'
  | 'segment_too_long'
  | 'truncated'
  | 'unexpected_segment'
  | 'control_number_mismatch'
  | 'count_mismatch'
  | 'wrong_version';

/** Why a segment of an 837P is not acceptable in its loop. */
export type X12SegmentReason =
  | 'missing_segment'
  | 'missing_element'
  | 'unknown_qualifier'
  | 'unsupported_qualifier'
  | 'bad_value'
  | 'hl_structure'
  | 'charge_mismatch'
  | 'too_many'
  // A segment id the 837P transaction set does not define (ASC X12 005010X222A1).
  | 'unknown_segment'
  // A valid 837P value the claim model has no field for (a warning: the claim is read without it).
  | 'not_representable';

/** Why a claim cannot be written as an 837P as it stands. */
export type X12UnwritableReason =
  | 'missing'
  | 'too_many'
  | 'separator_in_value'
  | 'bad_value'
  | 'not_representable'
  // A value with characters outside the X12 basic and extended character sets (ASC X12.6),
  // written folded to ASCII because the envelope asked for it (`transliterate: true`): a warning.
  | 'transliterated';

/**
 * The fields specific to each issue code. Areas add their variants here so that
 * {@link MedcodeIssue} stays one closed, discriminated union.
 */
export interface IssueVariants {
  // ---- core ---------------------------------------------------------------------------------
  /** A date was not a `YYYY-MM-DD` string or a valid `Date`. */
  invalid_date: { readonly received: unknown };
  /** No loaded edition covers the date. */
  no_edition: {
    readonly date: IsoDate;
    readonly available: readonly (DateRange & { readonly id: string })[];
  };
  /** An option object had an unknown key or a bad value. */
  invalid_option: { readonly option: string; readonly expected: string };
  /**
   * The edition used for the date is past its publisher's validity and a newer official file is
   * due: the answer may be out of date (a warning, never an error).
   */
  data_stale: {
    readonly date: IsoDate;
    readonly edition: string;
    /** Last day the publisher released the edition for (end of its quarter or fiscal year). */
    readonly validThrough: IsoDate;
    /** The official file to import for the date. */
    readonly officialFile: string;
  };
  /** An official file could not be imported (wrong dataset, truncated, missing column, too big…). */
  import_failed: {
    readonly file: string;
    readonly reason:
      | 'empty'
      | 'too_large'
      | 'unreadable'
      | 'unknown_format'
      | 'unsupported'
      | 'mismatch'
      | 'bad_row'
      | 'missing_column'
      | 'duplicate_edition'
      | 'overlapping_edition'
      /** An optional package the format needs (read-excel-file for .xlsx) is not installed. */
      | 'missing_package'
      /** A release file the edition is built from was not given; `file` is its official name. */
      | 'missing_file';
    /** 1-based row or line, where there is one. */
    readonly row?: number;
    readonly detail: string;
  };
  /** A value of the wrong type where a code, claim or option was expected. */
  invalid_type: { readonly expected: string; readonly received: string };
  /**
   * A data pack needed for the check could not be used (missing, damaged, from another edition,
   * or its manifest is faulty). Never a pass: the result is `ok: false`.
   */
  pack_error: { readonly file: string; readonly reason: string; readonly detail: string };
  /**
   * A claim handed to a validation worker got no answer: the worker thread (or queue worker) died
   * while holding it, or the claim could not be sent to it. Never a pass: the result is `ok: false`.
   */
  worker_failed: { readonly reason: 'crashed' | 'not_cloneable'; readonly detail: string };

  // ---- codes (any system) -------------------------------------------------------------------
  /** The string cannot be a code of the system. */
  malformed_code: {
    readonly reason: MalformedReason;
    readonly position?: number;
    readonly expected?: string;
  };
  /** Well formed, but not a code of the edition. */
  unknown_code: Record<never, never>;
  /** A header (category/subcategory) that is not valid for submission. */
  not_billable: { readonly billableChildren: number; readonly examples: readonly string[] };
  /** A 7th character is required and absent. */
  seventh_character_missing: { readonly allowed: readonly AllowedValue[] };
  /** The 7th character is not one the category allows. */
  seventh_character_invalid: { readonly received: string; readonly allowed: readonly AllowedValue[] };
  /** The placeholder `X` is needed to pad the code before its 7th character. */
  placeholder_missing: { readonly expected: string };
  /** The code exists in another edition, not in the one in force on the date. */
  not_in_force: {
    readonly date?: IsoDate;
    readonly effectiveFrom?: IsoDate;
    readonly effectiveTo?: IsoDate;
    readonly inEditions: readonly string[];
  };
  /** HCPCS code terminated before the date of service. */
  code_terminated: { readonly terminationDate: IsoDate; readonly date?: IsoDate };
  /** The input was accepted after normalization (case, dot, spaces): informational. */
  code_normalized: { readonly normalized: string; readonly changes: readonly string[] };
  /** ICD-10-PCS: a value is not allowed on an axis within its table/row. */
  invalid_axis_value: {
    readonly position: number;
    readonly axis: string;
    readonly value: string;
    readonly table?: string;
    readonly row?: number;
    readonly allowed: readonly AllowedValue[];
    // ---- icd10pcs (additive) ----
    /** The axes before `position` that the table does allow (e.g. the body part an approach fails with). */
    readonly context?: readonly {
      readonly position: number;
      readonly axis: string;
      readonly value: string;
      readonly meaning: string;
    }[];
  };

  // ---- claims/x12 ---------------------------------------------------------------------------
  /** The interchange itself is broken. Positions are 1-based from the file start (ISA = segment 1). */
  x12_syntax: {
    readonly reason: X12SyntaxReason;
    readonly segmentPosition: number;
    readonly segmentId?: string;
    readonly elementPosition?: number;
    readonly expected?: string;
    readonly received?: string;
  };
  /** A segment of an 837P claim is missing, misplaced or carries a value the 837P does not allow. */
  x12_segment: {
    readonly reason: X12SegmentReason;
    readonly segmentPosition: number;
    readonly segmentId: string;
    readonly elementPosition?: number;
    readonly componentPosition?: number;
    readonly expected?: string;
    readonly received?: string;
    readonly claimId?: string;
  };
  /** A claim (or the envelope) cannot be written as an 837P as it stands. */
  x12_unwritable: {
    readonly reason: X12UnwritableReason;
    readonly segment: string;
    readonly expected?: string;
  };
  // ---- hcpcs ----------------------------------------------------------------------------------
  /**
   * The code is not in the edition in force on the date, but a later edition dates it on or before
   * that date (it came in an update medcode does not hold, e.g. HCPCS April 2026). Accepted, with
   * a warning.
   */
  added_between_editions: { readonly addedDate: IsoDate; readonly date?: IsoDate; readonly foundIn: string };
  // ---- claims -------------------------------------------------------------------------------
  /** A claim (JSON, builder input or FHIR resource) does not have the expected shape at `path`. */
  claim_invalid: { readonly expected: string; readonly received: string };
  /** Claim text is not valid JSON; `position` is the 0-based character offset when known. */
  claim_json_malformed: { readonly position?: number; readonly detail: string };
  /**
   * A count limit of the claim formats (12 diagnoses, 50 lines, 4 modifiers, 4 pointers) is
   * exceeded, or claim JSON text is longer than any claim within the parse caps can be
   * (`element: 'characters'`).
   */
  claim_limit_exceeded: {
    readonly element: 'diagnoses' | 'lines' | 'modifiers' | 'diagnosisPointers' | 'characters';
    readonly max: number;
    readonly received: number;
  };
  /**
   * A CMS-1500 field-map value that the printed form (or the PDF) cannot show as it is: no box for
   * the key on the NUCC grid, longer than its box, not one of a check box's choices, or characters
   * the form's font cannot print. The rest of the form is printed.
   */
  cms1500_field_unprinted: {
    readonly field: string;
    readonly reason: 'no_position' | 'too_long' | 'not_a_choice' | 'not_printable';
    /** The box width in characters (`too_long`). */
    readonly width?: number;
    /** What was printed instead, if anything. */
    readonly printed?: string;
  };
  /** An NPI fails its check digit (Luhn over the `80840` prefix plus the first 9 digits). */
  npi_check_digit: { readonly expectedCheckDigit?: string };
  // ---- rules (medcode/rules, medcode/ncci) ---------------------------------------------------
  /**
   * The code at this path could not be checked for validity: no code set of its system covers the
   * date (or the claim has no date). Never a pass: the claim's status is `not_checked`.
   */
  not_checked: {
    /** The date the code set was chosen by, when the claim has one. */
    readonly date?: IsoDate;
    /** The editions held for the system, e.g. `FY2026 (2025-10-01 to 2026-09-30)`; empty when none. */
    readonly editions: readonly string[];
    /** What was missing, in a few words, e.g. `no ICD-10-CM edition covers 2015-06-01`. */
    readonly reason: string;
  };
  /**
   * An edit raised by a custom rule (`ValidateOptions.customRules`) under its own code. The
   * built-in codes stay a closed union; a custom rule names its edit with `customCode`.
   */
  custom_edit: { readonly customCode: string; readonly text: string };
  /** NCCI PTP: the column 2 line is denied with the column 1 line (same date of service). */
  ncci_ptp: {
    readonly column1: string;
    readonly column2: string;
    /** The line carrying column 1: of this claim, or of `options.history[column1Claim]`. */
    readonly column1Line: number;
    /** When column 1 is on a prior claim of the same provider and day: its index in `options.history`. */
    readonly column1Claim?: number;
    readonly modifierIndicator: 0 | 1;
    readonly rationale: string;
    readonly effectiveDate: IsoDate;
    readonly deletionDate: IsoDate | null;
    readonly date: IsoDate;
  };
  /**
   * NCCI PTP edit with modifier indicator 1 that an NCCI PTP-associated modifier bypassed
   * (informational): tells "edit bypassed" from "no edit".
   */
  ncci_ptp_bypassed: {
    readonly column1: string;
    readonly column2: string;
    /** The line carrying column 1: of this claim, or of `options.history[column1Claim]`. */
    readonly column1Line: number;
    /** When column 1 is on a prior claim of the same provider and day: its index in `options.history`. */
    readonly column1Claim?: number;
    /** The modifier that bypassed the edit, and the line it is on (of `options.history[modifierClaim]` when given). */
    readonly modifier: string;
    readonly modifierLine: number;
    readonly modifierClaim?: number;
    readonly rationale: string;
    readonly date: IsoDate;
  };
  /** NCCI MUE: units above the medically unlikely edit value. */
  mue_exceeded: {
    readonly units: number;
    readonly mueValue: number;
    readonly mai: 1 | 2 | 3;
    readonly rationale: string;
    /** `line` for MAI 1, `date_of_service` (summed over lines and prior claims) for MAI 2/3. */
    readonly scope: 'line' | 'date_of_service';
    readonly date: IsoDate;
  };
  /**
   * NCCI add-on code edit: an add-on code billed without one of its primary codes by the same
   * provider on the same date of service. `editType` is the AOC edit type of the rows in force
   * (1: only the listed primaries; 2: contractor-defined primaries; 3: listed primaries, and others a
   * contractor may accept).
   */
  ncci_add_on_code: {
    readonly addOnCode: string;
    readonly editType: 1 | 2 | 3;
    /** The primary codes the table lists for the date (none for type 2). */
    readonly primaries: readonly string[];
    /** Codes on the claim that were primaries of the add-on code, but not on this date (edit or code deleted). */
    readonly primariesNotInForce: readonly string[];
    /** The table's special instruction notes for the add-on code's rows in force. */
    readonly specialInstructions: readonly string[];
    readonly date: IsoDate;
  };
  /** ICD-10-CM Excludes1: two diagnoses that the tabular says are not coded together. */
  excludes1_conflict: {
    readonly owner: string;
    readonly other: string;
    readonly noteText: string;
    readonly noteLevel: string;
    readonly levelCode: string;
  };
  /** A manifestation code (code-first note or MCE manifestation list) is first-listed/principal. */
  manifestation_as_principal: {
    readonly basis: readonly ('code_first_note' | 'mce_list')[];
    readonly codeFirst: readonly string[];
  };
  /** A "use additional code" note whose codes are absent from the claim (informational). */
  use_additional_code: {
    readonly noteText: string;
    readonly owner: string;
    /** The tabular level of the owner: `chapter` (owner `19`), `section` (`T07-T88`) or a code level. */
    readonly noteLevel?: string;
  };
  /** MCE age conflict: the patient's age is outside the list's range. */
  age_conflict: {
    readonly age: number;
    readonly list: 'newborn' | 'pediatric' | 'maternity' | 'adult';
    readonly min: number;
    readonly max: number;
    /** The MCE version whose edit logic (age ranges) was applied: the one in force on the date. */
    readonly mceLogicVersion?: number;
    /** The MCE version of the code lists used (the newest held). */
    readonly mceListVersion?: number;
  };
  /** MCE sex conflict: the code is for the other sex. */
  sex_conflict: { readonly sex: string; readonly list: 'female' | 'male' };
  /** MCE: the diagnosis is not acceptable as principal diagnosis. */
  unacceptable_principal: Record<never, never>;
  /** MCE: the principal diagnosis is a questionable reason for admission. */
  questionable_admission: Record<never, never>;
  /** MCE: a diagnosis says the wrong procedure was performed (Y65.51–Y65.53): the stay is not covered. */
  wrong_procedure_performed: Record<never, never>;
  /** MCE: a procedure that needs a longer stay than the claim's (ventilation over 96 hours). */
  procedure_inconsistent_with_los: {
    /** Days from admission to discharge. */
    readonly lengthOfStay: number;
    /** The fewest days of stay the procedure is consistent with. */
    readonly minimumDays: number;
  };
  /**
   * MCE: a procedure Medicare does not cover: never (`always`), or not for a patient over 60
   * (`over_age_60`, with the patient's age).
   */
  noncovered_procedure: { readonly reason: 'always' | 'over_age_60'; readonly age?: number };
  /** MCE: a procedure whose Medicare coverage is limited (transplants, heart assist devices). */
  limited_coverage: Record<never, never>;
  /** MCE: an external cause code (V00–Y99) as principal/first-listed diagnosis. */
  external_cause_principal: Record<never, never>;
  /** A diagnosis listed twice on the claim. */
  duplicate_diagnosis: { readonly firstIndex: number };
  /** POA indicator missing for a diagnosis that is not POA-exempt (inpatient). */
  poa_missing: Record<never, never>;
  /** POA indicator reported for a POA-exempt diagnosis (it must be blank or 1). */
  poa_exempt_reported: { readonly received: string };
  /** Units that are not a positive number. */
  invalid_units: { readonly units: number };
  /** A charge that is not an exact non-negative amount. */
  invalid_charge: { readonly charge: string };
  /** The same line twice (procedure, modifiers, date). */
  duplicate_line: { readonly firstLine: number };
  /** A date of service after today. */
  future_date: { readonly date: IsoDate; readonly today: IsoDate };
  /**
   * A claim filed more than one calendar year after its date of service (`date`): Medicare's filing
   * limit ended on `deadline`, before `today`.
   */
  filing_limit_passed: { readonly date: IsoDate; readonly deadline: IsoDate; readonly today: IsoDate };
}

/** Every issue medcode reports: one variant per {@link IssueVariants} key. */
export type MedcodeIssue = {
  [K in keyof IssueVariants]: IssueBase & { readonly code: K } & IssueVariants[K];
}[keyof IssueVariants];

/** Stable issue codes. */
export type IssueCode = MedcodeIssue['code'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An issue before its message is rendered. */
export type IssueDraft<K extends IssueCode = IssueCode> = DistributiveOmit<
  Extract<MedcodeIssue, { code: K }>,
  'message'
>;

/** Renders an issue (without its message) as human text. */
export type IssueFormatter = (issue: IssueDraft) => string;

/**
 * One message function per issue code, replacing the English text for that code: it receives the
 * issue (narrowed to its code) and the default renderer, to fall back on or to wrap. Codes not in
 * the map keep the default message. A map is plain data: build one per locale or per product.
 *
 * @example
 * ```ts
 * const messages: IssueMessages = { unknown_code: (i) => `${i.codes[0]} : code inconnu` };
 * ```
 */
export type IssueMessages = {
  readonly [K in IssueCode]?: (issue: IssueDraft<K>, english: (issue: IssueDraft) => string) => string;
};

/** Options of {@link formatIssue}. */
export interface FormatIssueOptions {
  /** Message functions by issue code; the English text is used for any code not given. */
  readonly messages?: IssueMessages;
}

/**
 * Creates a frozen issue and renders its message with `formatter` (default English when omitted).
 *
 * Built with `Object.assign` and plain assignments rather than an object spread with extra
 * properties: in V8 the spread form falls off the fast clone path and costs ~4 µs per issue on a
 * claim-validation hot path, the assign form ~0.2 µs (measured in the rules bench, docs/rules.md).
 * The message is rendered here, at once; the rules engine's issues render theirs on first read
 * instead.
 *
 * @example
 * ```ts
 * const issue = createIssue({ code: 'unknown_code', severity: 'error', path: [], codes: ['E11.99'], system: 'icd10cm' })
 * issue.message // 'E11.99 is not an ICD-10-CM code.'
 * ```
 */
export function createIssue<K extends IssueCode>(
  draft: IssueDraft<K>,
  formatter: IssueFormatter = formatIssue,
): Extract<MedcodeIssue, { code: K }> {
  const issue = Object.assign({}, draft) as { -readonly [P in keyof IssueDraft]: unknown } & Record<
    string,
    unknown
  >;
  issue.path = frozenCopy(draft.path);
  issue.codes = frozenCopy(draft.codes);
  if ('input' in draft && typeof draft.input === 'string' && draft.input.length > 64)
    issue.input = truncateInput(draft.input);
  issue.message = formatter(issue as unknown as IssueDraft);
  return Object.freeze(issue) as unknown as Extract<MedcodeIssue, { code: K }>;
}

/**
 * Like {@link createIssue}, for a draft the caller has just built and owns (a fresh object no one
 * else holds): the draft itself is completed and frozen, saving a copy on hot paths (the rules
 * engine makes one per edit). Do not pass an object anyone else may read or reuse. With the
 * default English formatter the `message` is an own enumerable property rendered when read (the
 * same text, key order and JSON as an eager one); a custom `formatter` renders it at once.
 *
 * @example
 * ```ts
 * const issue = createIssueInPlace({ code: 'unknown_code', severity: 'error', path: ['lines', 0, 'procedure'], codes: ['J0001'], system: 'hcpcs' })
 * Object.isFrozen(issue) // true
 * ```
 */
export function createIssueInPlace<K extends IssueCode>(
  draft: IssueDraft<K>,
  formatter?: IssueFormatter,
): Extract<MedcodeIssue, { code: K }> {
  const issue = draft as unknown as Record<string, unknown>;
  issue.path = frozenCopy(draft.path);
  issue.codes = frozenCopy(draft.codes);
  if ('input' in draft && typeof draft.input === 'string' && draft.input.length > 64)
    issue.input = truncateInput(draft.input);
  if (formatter === undefined || formatter === formatIssue) withEnglishMessageOnRead(issue);
  else issue.message = formatter(issue as unknown as IssueDraft);
  return Object.freeze(issue) as unknown as Extract<MedcodeIssue, { code: K }>;
}

/**
 * The `message` of an issue made on a hot path, as an own enumerable property that renders the
 * English text when read: a batch validator makes many issues whose text no one reads (a caller
 * filtering on `code`, a worker counting failures), and rendering was the largest single cost of
 * building an issue. The property reads, spreads and serializes as a plain one (`JSON.stringify`,
 * `{ ...issue }`, structured clone and deep equality all read it), in the same key order. One
 * shared getter keeps every such issue on the same hidden-class transition in V8; the text is a
 * pure function of the frozen issue, so rendering it again on a second read gives the same text.
 */
function withEnglishMessageOnRead(issue: Record<string, unknown>): void {
  Object.defineProperty(issue, 'message', ENGLISH_MESSAGE_ON_READ);
}

const ENGLISH_MESSAGE_ON_READ: PropertyDescriptor = Object.freeze({
  get(this: IssueDraft): string {
    return formatIssue(this);
  },
  enumerable: true,
  configurable: false,
});

/** A frozen array is shared as is (it cannot change under the issue); anything else is copied. */
function frozenCopy<T>(list: readonly T[]): readonly T[] {
  return Object.isFrozen(list) && Array.isArray(list) ? list : Object.freeze([...list]);
}

function truncateInput(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 64)
    return `${value.slice(0, 64)}… (${value.length} characters)`;
  return value;
}

/** 'an' before a system name read with a leading vowel sound (ICD-10-CM "eye…", NCCI "en…"), else 'a'. */
function articleFor(name: string): 'a' | 'an' {
  return /^(?:[AEIOU]|NCCI)/.test(name) ? 'an' : 'a';
}

const SYSTEM_NAMES: Readonly<Record<CodeSystemId, string>> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS Level II',
  'hcpcs-modifier': 'HCPCS modifier',
  cpt: 'CPT',
  'cpt-modifier': 'CPT modifier',
  pos: 'place of service',
  'ncci-ptp': 'NCCI PTP',
  'ncci-mue': 'NCCI MUE',
  'ncci-aoc': 'NCCI add-on code edits',
  mce: 'Medicare Code Editor',
  hcc: 'CMS-HCC',
  pfs: 'Medicare fee schedule',
};

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

const MALFORMED: Readonly<Record<MalformedReason, string>> = {
  not_a_string: 'is not a string',
  empty: 'is empty',
  too_long: 'is too long',
  too_short: 'is too short',
  first_character: 'has a first character that is not allowed',
  bad_character: 'has a character that is not allowed',
  dot_position: 'has its dot in the wrong place',
  pattern: 'does not have the shape of a code',
};

/**
 * The message of an issue: the default English text, or the function `options.messages` gives for
 * its code. Pure: the text depends only on the issue's fields and the options; there is no global
 * setting. To re-render the messages of issues already made, see `withMessages`.
 *
 * @example
 * ```ts
 * formatIssue(
 *   { code: 'unknown_code', severity: 'error', path: [], codes: ['E11.99'], system: 'icd10cm' },
 *   { messages: { unknown_code: (i) => `${i.codes[0]} : code inconnu` } },
 * ) // 'E11.99 : code inconnu'
 * ```
 *
 * @example
 * ```ts
 * formatIssue({ code: 'invalid_date', severity: 'error', path: ['lines', 0, 'serviceDate'], codes: [], received: '2026-13-01' })
 * // 'lines[0].serviceDate: "2026-13-01" is not a valid YYYY-MM-DD date.'
 * ```
 */
export function formatIssue(issue: IssueDraft, options?: FormatIssueOptions): string {
  const custom = options?.messages?.[issue.code] as
    | ((issue: IssueDraft, english: (issue: IssueDraft) => string) => string)
    | undefined;
  return custom ? custom(issue, englishMessage) : englishMessage(issue);
}

/**
 * Who carries a tabular note, in the tabular's own words: `Chapter 19`, `Section T07-T88`, or the
 * code. A bare chapter number would read as a code.
 */
function noteOwnerName(owner: string, level: string | undefined): string {
  if (level === 'chapter') return `Chapter ${owner}`;
  if (level === 'section') return `Section ${owner}`;
  return owner;
}

/** "line 2", or "line 2 of prior claim history[0]" for a line of a claim in `options.history`. */
function lineOfClaim(line: number, claim: number | undefined): string {
  return claim === undefined ? `line ${line + 1}` : `line ${line + 1} of prior claim history[${claim}]`;
}

/** The default English text of an issue. */
function englishMessage(issue: IssueDraft): string {
  const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  const sys = issue.system ? SYSTEM_NAMES[issue.system] : 'code';
  const code = issue.codes[0] ?? (typeof issue.input === 'string' ? issue.input : '');
  const version = issue.dataVersion ? ` (${issue.dataVersion})` : '';
  switch (issue.code) {
    case 'invalid_date':
      return `${where}${describeValue(issue.received)} is not a valid YYYY-MM-DD date.`;
    case 'no_edition': {
      const ranges = issue.available.map((r) => `${r.id} ${r.from}..${r.to ?? 'open'}`).join(', ');
      return `${where}no ${sys} edition is in force on ${issue.date}; loaded editions: ${ranges || 'none'}.`;
    }
    case 'data_stale':
      return `${where}${issue.dataVersion ?? issue.edition} was published for dates up to ${issue.validThrough}; ${issue.date} is later and a newer file is due: import ${issue.officialFile}.`;
    case 'import_failed':
      return `${where}cannot import ${issue.file}${issue.row !== undefined ? ` (row ${issue.row})` : ''}: ${issue.detail}.`;
    case 'invalid_option':
      return `${where}option "${issue.option}" is not valid: expected ${issue.expected}.`;
    case 'invalid_type':
      return `${where}expected ${issue.expected}, received ${issue.received}.`;
    case 'pack_error':
      return `${where}the check could not run: ${issue.detail}.`;
    case 'worker_failed':
      return issue.reason === 'crashed'
        ? `${where}the claim was not validated: its validation worker stopped (${issue.detail}).`
        : `${where}the claim was not validated: it cannot be sent to a validation worker (${issue.detail}).`;
    case 'malformed_code': {
      const pos = issue.position !== undefined ? ` at position ${issue.position + 1}` : '';
      const exp = issue.expected ? `; expected ${issue.expected}` : '';
      return `${where}${describeValue(issue.input)} is not a valid ${sys} code: it ${MALFORMED[issue.reason]}${pos}${exp}.`;
    }
    case 'unknown_code':
      return `${where}${code} is not ${articleFor(sys)} ${sys} code${version}.`;
    case 'not_billable':
      return `${where}${code} is a header, not valid for submission${version}; it has ${issue.billableChildren} billable code${issue.billableChildren === 1 ? '' : 's'} below it${issue.examples.length ? ` (e.g. ${issue.examples.join(', ')})` : ''}.`;
    case 'seventh_character_missing':
      return `${where}${code} needs a 7th character: ${issue.allowed.map((a) => `${a.value} ${a.meaning}`).join('; ')}.`;
    case 'seventh_character_invalid':
      return `${where}${code}: 7th character "${issue.received}" is not allowed; allowed: ${issue.allowed.map((a) => `${a.value} ${a.meaning}`).join('; ')}.`;
    case 'placeholder_missing':
      return `${where}${code} is missing its placeholder X; did you mean ${issue.expected}?`;
    case 'not_in_force': {
      const when =
        issue.effectiveFrom && issue.date && issue.date < issue.effectiveFrom
          ? `not in force until ${issue.effectiveFrom}`
          : issue.effectiveTo
            ? `no longer in force after ${issue.effectiveTo}`
            : 'not in force';
      return `${where}${code} is ${when}${issue.date ? ` (date of service ${issue.date})` : ''}; it exists in ${issue.inEditions.join(', ')}.`;
    }
    case 'code_terminated':
      return `${where}${code} was terminated on ${issue.terminationDate}${issue.date ? `, before the date of service ${issue.date}` : ''}.`;
    case 'code_normalized':
      return `${where}read as ${issue.normalized} (${issue.changes.join(', ')}).`;
    case 'invalid_axis_value': {
      const table = issue.table
        ? ` in table ${issue.table}${issue.row !== undefined ? ` row ${issue.row + 1}` : ''}`
        : '';
      // icd10pcs: name the values before it that the table does allow ("… with Body Part 5 (…)").
      const context = issue.context?.length
        ? ` with ${issue.context.map((c) => `${c.axis} ${c.value} (${c.meaning})`).join(', ')}`
        : '';
      // '; ' between values: PCS labels contain commas ("Synthetic Substitute, Metal").
      const allowed = issue.allowed.length
        ? `; allowed: ${issue.allowed.map((a) => `${a.value} ${a.meaning}`).join('; ')}`
        : '';
      return `${where}${code}: value "${issue.value}" is not allowed for ${issue.axis} (position ${issue.position})${table}${context}${allowed}.`;
    }
    case 'x12_syntax': {
      const at = `segment ${issue.segmentPosition}${issue.segmentId ? ` (${issue.segmentId})` : ''}${issue.elementPosition !== undefined ? `, element ${issue.elementPosition}` : ''}`;
      const exp = issue.expected !== undefined ? `; expected ${issue.expected}` : '';
      const rec = issue.received !== undefined ? `, received ${JSON.stringify(issue.received)}` : '';
      return `${where}X12 ${X12_SYNTAX[issue.reason]} at ${at}${exp}${rec}.`;
    }
    case 'x12_segment': {
      const comp = issue.componentPosition !== undefined ? `-${issue.componentPosition}` : '';
      const el =
        issue.elementPosition !== undefined
          ? `${issue.segmentId}${String(issue.elementPosition).padStart(2, '0')}${comp} `
          : '';
      const claim = issue.claimId !== undefined ? ` in claim ${JSON.stringify(issue.claimId)}` : '';
      const exp = issue.expected !== undefined ? `; expected ${issue.expected}` : '';
      const rec = issue.received !== undefined ? `, received ${JSON.stringify(issue.received)}` : '';
      return `${where}837P segment ${issue.segmentPosition} (${issue.segmentId})${claim}: ${el}${X12_SEGMENT[issue.reason]}${exp}${rec}.`;
    }
    case 'x12_unwritable': {
      // A transliterated value is written, not refused: what it became is no expectation.
      if (issue.reason === 'transliterated')
        return `${where}837P ${issue.segment}: ${X12_UNWRITABLE.transliterated}${issue.expected !== undefined ? `, ${issue.expected}` : ''}.`;
      const exp = issue.expected !== undefined ? `; expected ${issue.expected}` : '';
      // An error-severity not_representable is a value the element cannot hold (refused, never cut).
      const why =
        issue.reason === 'not_representable' && issue.severity === 'error'
          ? 'the value does not fit the element'
          : X12_UNWRITABLE[issue.reason];
      return `${where}cannot write 837P ${issue.segment}: ${why}${exp}.`;
    }
    // ---- hcpcs ----
    case 'added_between_editions':
      return `${where}${code} is not in ${issue.dataVersion ?? 'the edition in force'}, but ${issue.foundIn} dates it from ${issue.addedDate}${issue.date ? ` (date of service ${issue.date})` : ''}: it came in an update medcode does not hold; accepted.`;
    // ---- claims ----
    case 'claim_invalid':
      return `${issue.path.length > 0 ? formatPath(issue.path) : 'the claim'} must be ${issue.expected}; got ${issue.received}.`;
    case 'claim_json_malformed':
      return `${where}the claim is not valid JSON${issue.position !== undefined ? ` at character ${issue.position}` : ''}: ${issue.detail}.`;
    case 'claim_limit_exceeded':
      if (issue.element === 'characters')
        return `${where}claim JSON text may be at most ${issue.max} characters long; this text has ${issue.received}.`;
      return `${where}${issue.codes[0] !== undefined ? `${issue.codes[0]} was not added: ` : ''}a claim allows at most ${issue.max} ${issue.element === 'diagnosisPointers' ? 'diagnosis pointers per line' : issue.element === 'modifiers' ? 'modifiers per line' : issue.element}; this would make ${issue.received}.`;
    case 'cms1500_field_unprinted':
      return `${where}CMS-1500 field ${issue.field} ${CMS1500_UNPRINTED[issue.reason]}${issue.width !== undefined ? ` (${issue.width} characters)` : ''}${issue.printed !== undefined ? `; printed "${issue.printed}"` : '; not printed'}.`;
    case 'npi_check_digit':
      return `${where}${describeValue(issue.input)} is not a valid NPI: its check digit does not match${issue.expectedCheckDigit ? ` (expected ${issue.expectedCheckDigit})` : ''}.`;

    // ---- rules ----
    case 'not_checked':
      return `${where}${code ? `${code} ` : ''}was not checked: ${issue.reason}${issue.editions.length > 0 ? ` (editions held: ${issue.editions.join(', ')})` : ''}.`;
    case 'custom_edit':
      return `${where}${issue.text}`;
    case 'ncci_ptp': {
      const column1At = lineOfClaim(issue.column1Line, issue.column1Claim);
      return issue.modifierIndicator === 0
        ? `${where}${issue.column2} is denied with ${issue.column1} on ${column1At} (NCCI PTP, modifier indicator 0: no modifier bypasses; ${issue.rationale})${version}.`
        : `${where}${issue.column2} is denied with ${issue.column1} on ${column1At} unless an NCCI PTP-associated modifier is appended (modifier indicator 1; ${issue.rationale})${version}.`;
    }
    case 'ncci_ptp_bypassed':
      return `${where}${issue.column2} with ${issue.column1} on ${lineOfClaim(issue.column1Line, issue.column1Claim)}: NCCI PTP edit (modifier indicator 1; ${issue.rationale}) bypassed by modifier ${issue.modifier} on ${lineOfClaim(issue.modifierLine, issue.modifierClaim)}; the documentation must support it${version}.`;
    case 'mue_exceeded':
      return issue.scope === 'line'
        ? `${where}${code}: ${issue.units} units on the line exceed the MUE of ${issue.mueValue} (MAI 1, line edit; ${issue.rationale})${version}.`
        : `${where}${code}: ${issue.units} units on ${issue.date} exceed the MUE of ${issue.mueValue} for the date of service (MAI ${issue.mai}${issue.mai === 2 ? ', policy: not payable on appeal' : ', clinical'}; ${issue.rationale})${version}.`;
    case 'ncci_add_on_code': {
      const listed =
        issue.primaries.length === 0
          ? ''
          : `; primaries: ${issue.primaries.slice(0, 8).join(', ')}${issue.primaries.length > 8 ? `, … (${issue.primaries.length} in all)` : ''}`;
      const notInForce =
        issue.primariesNotInForce.length > 0
          ? `; ${issue.primariesNotInForce.join(', ')} ${issue.primariesNotInForce.length === 1 ? 'is' : 'are'} no longer a primary on ${issue.date}`
          : '';
      const notes =
        issue.specialInstructions.length > 0 ? `; note: ${issue.specialInstructions.join('; ')}` : '';
      const meaning =
        issue.editType === 1
          ? 'only the listed primaries'
          : issue.editType === 2
            ? 'primaries defined by the contractor'
            : 'the listed primaries, or others the contractor accepts';
      return `${where}${issue.addOnCode}: add-on code billed without a primary code by the same provider on ${issue.date} (NCCI AOC edit type ${issue.editType}: ${meaning}${listed}${notInForce}${notes})${version}.`;
    }
    case 'excludes1_conflict':
      return `${where}${issue.owner} has an Excludes1 note (${issue.noteLevel} ${issue.levelCode}: "${issue.noteText}") covering ${issue.other}; both may be reported only when the conditions are unrelated (ICD-10-CM guideline I.A.12.a)${version}.`;
    case 'manifestation_as_principal':
      return `${where}${code} is a manifestation code and may not be first-listed or principal; sequence the underlying condition first${issue.codeFirst.length ? ` (${issue.codeFirst.join('; ')})` : ''}${version}.`;
    case 'use_additional_code':
      return `${where}${noteOwnerName(issue.owner, issue.noteLevel)} says "use additional code" (${issue.noteText}) and the claim has none of these codes${version}.`;
    case 'age_conflict':
      return `${where}${code} is a ${issue.list} diagnosis (age ${issue.min}–${issue.max}) and the patient is ${issue.age}${version}.`;
    case 'sex_conflict':
      return `${where}${code} is for ${issue.list} patients only and the patient's sex is ${issue.sex}${version}.`;
    case 'unacceptable_principal':
      return `${where}${code} is not acceptable as principal diagnosis${version}.`;
    case 'questionable_admission':
      return `${where}${code} is a questionable reason for inpatient admission as principal diagnosis${version}.`;
    case 'wrong_procedure_performed':
      return `${where}${code} says the wrong procedure was performed (wrong patient, procedure or side); Medicare does not cover the stay${version}.`;
    case 'procedure_inconsistent_with_los':
      return `${where}${code} needs a stay of at least ${issue.minimumDays} days and the stay is ${issue.lengthOfStay}${version}.`;
    case 'noncovered_procedure':
      return issue.reason === 'over_age_60'
        ? `${where}${code} is not covered by Medicare for a patient over 60 and the patient is ${issue.age}${version}.`
        : `${where}${code} is a procedure Medicare does not cover${version}.`;
    case 'limited_coverage':
      return `${where}${code} is a procedure whose Medicare coverage is limited${version}.`;
    case 'external_cause_principal':
      return `${where}${code} is an external cause code (V00–Y99) and may not be the principal or first-listed diagnosis.`;
    case 'duplicate_diagnosis':
      return `${where}${code} is already listed as diagnosis ${issue.firstIndex + 1}.`;
    case 'poa_missing':
      return `${where}${code} needs a present-on-admission indicator (Y, N, U or W)${version}.`;
    case 'poa_exempt_reported':
      return `${where}${code} is exempt from POA reporting; leave the indicator blank (received "${issue.received}")${version}.`;
    case 'invalid_units':
      return `${where}units must be a positive number (received ${issue.units}).`;
    case 'invalid_charge':
      return `${where}charge "${issue.charge}" is not an exact non-negative amount.`;
    case 'duplicate_line':
      return `${where}duplicates line ${issue.firstLine + 1} (same procedure, modifiers and date).`;
    case 'future_date':
      return `${where}date of service ${issue.date} is after today (${issue.today}).`;
    case 'filing_limit_passed':
      return `${where}the filing limit for a service on ${issue.date} ended on ${issue.deadline}, one calendar year later; today is ${issue.today}.`;
  }
}

const CMS1500_UNPRINTED: Readonly<Record<IssueVariants['cms1500_field_unprinted']['reason'], string>> = {
  no_position: 'has no box on the NUCC grid',
  too_long: 'is longer than its box',
  not_a_choice: 'is not one of its check boxes',
  not_printable: 'has characters the form font cannot print',
};

const X12_SYNTAX: Readonly<Record<X12SyntaxReason, string>> = {
  not_x12: 'input does not start with an ISA segment',
  isa_malformed: 'ISA segment is malformed',
  bad_separators: 'separators are invalid or inconsistent',
  bad_segment_id: 'segment identifier is invalid (wrong separators?)',
  segment_too_long: 'segment is too long (missing segment terminator?)',
  truncated: 'interchange is truncated',
  unexpected_segment: 'segment is out of place',
  control_number_mismatch: 'trailer control number does not match its header',
  count_mismatch: 'trailer count does not match',
  wrong_version: 'version is not 005010X222A1 (837P)',
};

const X12_SEGMENT: Readonly<Record<X12SegmentReason, string>> = {
  missing_segment: 'a required segment is missing',
  missing_element: 'a required element is empty',
  unknown_qualifier: 'the qualifier is not one the 837P defines here',
  unsupported_qualifier: 'the qualifier is valid 837P but medcode cannot represent it',
  bad_value: 'the value is not valid',
  hl_structure: 'the HL hierarchy is broken',
  charge_mismatch: 'the total charge does not equal the sum of the line charges (SV102)',
  too_many: 'too many repetitions',
  unknown_segment: 'the segment is not defined in the 837P (005010X222A1) transaction set',
  not_representable: 'the claim model has no place for this value, which is dropped',
};

const X12_UNWRITABLE: Readonly<Record<X12UnwritableReason, string>> = {
  missing: 'required data is missing',
  too_many: 'more items than the 837P allows',
  separator_in_value: 'a value contains a separator character',
  bad_value: 'a value is not valid',
  not_representable: 'the 837P has no place for this value, which is dropped',
  transliterated: 'the value has characters outside the X12 character sets and is written transliterated',
};

/**
 * Renders a path the way a JavaScript reader expects: `lines[2].modifiers[0]`.
 *
 * @example
 * ```ts
 * formatPath(['lines', 2, 'modifiers', 0]) // 'lines[2].modifiers[0]'
 * ```
 */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/**
 * Sorts issues deterministically: by path (element-wise, numbers numerically), then by code.
 *
 * @example
 * ```ts
 * sortIssues(issues).map((i) => i.code)
 * ```
 */
export function sortIssues<T extends Pick<IssueBase, 'path' | 'code'>>(issues: readonly T[]): T[] {
  const out = issues.slice();
  const n = out.length;
  // A claim's edits are few and often already in order: insertion sort settles them with one
  // comparison each when they are, and no comparator closure; a long list takes the built-in sort.
  if (n > 16) return out.sort(compareIssues);
  for (let i = 1; i < n; i++) {
    const issue = out[i]!;
    let j = i - 1;
    while (j >= 0 && compareIssues(out[j]!, issue) > 0) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = issue;
  }
  return out;
}

/** The order of {@link sortIssues}: by path, then code (stable for equal keys). */
function compareIssues(a: Pick<IssueBase, 'path' | 'code'>, b: Pick<IssueBase, 'path' | 'code'>): number {
  return comparePaths(a.path, b.path) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function comparePaths(a: IssuePath, b: IssuePath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
