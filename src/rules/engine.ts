/**
 * The rules engine: profiles (rule sets as data), option validation, `validateClaim` and the
 * streaming `validateClaims`.
 *
 * @module
 */
import type { Claim } from '../claims/schema';
import { fastParseClaim } from '../claims/fast-parse';
import { checkClaimSize } from '../claims/limits';
import { claimIdOf, claimTextValue } from '../claims/claim-text';
import { invalidArgument, isAsyncIterable, isIterable, isTextOrBytes } from '../core/arguments';
import { isParsedClaim, parseClaim } from '../claims/parse';
import { builtInCodeSets } from './built-in';
import type { ClaimCodeSets } from './contract';
import type { Result } from '../core/result';
import { toIsoDate } from '../core/dates';
import { upperAscii } from '../core/code-shape';
import type { IsoDate } from '../core/dates';
import { createIssue, createIssueInPlace, sortIssues } from '../core/issues';
import type { IssueCode, IssueDraft, MedcodeIssue, Severity } from '../core/issues';
import { PackError } from '../core/errors';
import {
  PACK_SOURCE_INPUT,
  defaultPackSource,
  isPackSource,
  systemManifests,
  toPackSource,
} from '../core/pack-source';
import { importedCodesetsDirs, mergedManifests } from '../core/manifest';
import type { PackManifest } from '../core/manifest';
import { staleDataIssue } from '../core/staleness';
import type { StalenessManifest } from '../core/staleness';
import { selectPtpTable } from '../ncci/ptp';
import type { PackSource, PackSourceInput } from '../core/pack-source';
import { loadMueTable } from '../ncci/mue';
import { MueTable } from '../ncci/mue';
import { AocTable, loadAocTable } from '../ncci/aoc';
import { PtpTable, loadPtpTables } from '../ncci/ptp';
import { MceLists, loadMceLists } from './mce';
import { DiagnosisTable } from './diagnosis-table';
import { shallowCopy, withRule } from './objects';
import { BoundedMemo } from '../core/memo';
import { DEFAULT_X12_SEPARATORS } from '../claims/x12/envelope';
import { SEPARATORS_EXPECTED, x12SeparatorsOf } from '../claims/x12/segment-writer';
import type {
  ClaimEdit,
  ClaimInput,
  ClaimLimits,
  ClaimSetting,
  ClaimValidation,
  ProfileId,
  Rule,
  RuleContext,
  RuleReporter,
  SkippedRule,
  ValidateOptions,
  ValidationStatus,
  EditDraft,
} from './types';
import { claimStructureRule } from './modules/structure';
import { codeValidityRule } from './modules/validity';
import { ncciMueRule, ncciPtpRule } from './modules/ncci';
import { ncciAddOnCodeRule } from './modules/ncci-add-on-code';
import { excludes1Rule, manifestationRule, useAdditionalCodeRule } from './modules/icd10cm';
import {
  externalCausePrincipalRule,
  mceAgeRule,
  mceQuestionableAdmissionRule,
  mceSexRule,
  mceShortStayProcedureRule,
  mceWrongProcedureRule,
  mceNoncoveredProcedureRule,
  mceLimitedCoverageRule,
  mceUnacceptablePrincipalRule,
} from './modules/mce';
import { poaRule } from './modules/poa';
import { x12837PRule } from './modules/x12-837p';
import { timelyFilingRule } from './modules/timely-filing';

/** Every built-in rule, by id. */
export const BUILT_IN_RULES: ReadonlyMap<string, Rule> = new Map(
  [
    claimStructureRule,
    codeValidityRule,
    ncciPtpRule,
    ncciMueRule,
    ncciAddOnCodeRule,
    excludes1Rule,
    manifestationRule,
    useAdditionalCodeRule,
    externalCausePrincipalRule,
    mceAgeRule,
    mceSexRule,
    mceUnacceptablePrincipalRule,
    mceQuestionableAdmissionRule,
    mceWrongProcedureRule,
    mceShortStayProcedureRule,
    mceNoncoveredProcedureRule,
    mceLimitedCoverageRule,
    poaRule,
    timelyFilingRule,
    x12837PRule,
  ].map((r) => [r.id, Object.freeze(r)]),
);

/** A profile: the claim setting and its rules, each with an optional severity. Data, not code. */
export interface Profile {
  readonly id: ProfileId;
  readonly setting: ClaimSetting;
  readonly rules: readonly { readonly id: string; readonly severity?: Severity }[];
  readonly limits: ClaimLimits;
}

// X12 837P 005010X222A1: 12 diagnoses (HI), 50 lines (loop 2400), 4 pointers, 4 modifiers.
const LIMITS: ClaimLimits = Object.freeze({
  diagnoses: 12,
  lines: 50,
  pointersPerLine: 4,
  modifiersPerLine: 4,
});
// X12 837I 005010X223A2, for the institutional profiles: a principal diagnosis (loop 2300 HI, BK/ABK)
// and up to 24 others (HI "Other Diagnosis Information", two segments of 12), 999 service lines
// (loop 2400 LX), 4 modifiers (SV202-3 to SV202-6). The 837I carries no diagnosis pointers; the
// claim model's are held to the 837P's 4. Override with options.limits.
const INSTITUTIONAL_LIMITS: ClaimLimits = Object.freeze({
  diagnoses: 25,
  lines: 999,
  pointersPerLine: 4,
  modifiersPerLine: 4,
});

/**
 * The built-in profiles. For professional and outpatient claims the MCE-style first-listed edits
 * (external cause) are warnings: CMS defines the Medicare Code Editor for inpatient claims (CMS
 * Definitions of Medicare Code Edits v37, chapter 1).
 *
 * @example
 * ```ts
 * PROFILES.get('medicare-inpatient')?.rules.map((r) => r.id)
 * ```
 */
// The professional (837P) and institutional outpatient profiles run the same rules, but for the
// add-on code edits (the Medicare AOC table is applied to practitioner claims); otherwise they
// differ in setting (which date picks the code sets, and the place-of-service check).
const PRACTITIONER_AND_OUTPATIENT_RULES = Object.freeze([
  { id: 'claim-structure' },
  { id: 'code-validity' },
  { id: 'ncci-ptp' },
  { id: 'ncci-mue' },
  { id: 'icd10cm-excludes1' },
  { id: 'icd10cm-manifestation' },
  { id: 'icd10cm-use-additional-code' },
  { id: 'external-cause-principal', severity: 'warning' as const },
  { id: 'timely-filing' },
]);
const PROFESSIONAL_RULES = Object.freeze([
  ...PRACTITIONER_AND_OUTPATIENT_RULES.slice(0, 4),
  { id: 'ncci-add-on-code' },
  ...PRACTITIONER_AND_OUTPATIENT_RULES.slice(4),
]);

export const PROFILES: ReadonlyMap<ProfileId, Profile> = new Map<ProfileId, Profile>([
  [
    'medicare-professional',
    Object.freeze({
      id: 'medicare-professional',
      setting: 'professional',
      limits: LIMITS,
      rules: PROFESSIONAL_RULES,
    }),
  ],
  [
    'medicare-institutional-outpatient',
    Object.freeze({
      id: 'medicare-institutional-outpatient',
      setting: 'institutional-outpatient',
      limits: INSTITUTIONAL_LIMITS,
      rules: PRACTITIONER_AND_OUTPATIENT_RULES,
    }),
  ],
  [
    'medicare-inpatient',
    Object.freeze({
      id: 'medicare-inpatient',
      setting: 'inpatient',
      limits: INSTITUTIONAL_LIMITS,
      rules: Object.freeze([
        { id: 'claim-structure' },
        { id: 'code-validity' },
        { id: 'icd10cm-excludes1' },
        { id: 'icd10cm-manifestation' },
        { id: 'icd10cm-use-additional-code' },
        { id: 'external-cause-principal' },
        { id: 'mce-age' },
        { id: 'mce-sex' },
        { id: 'mce-unacceptable-principal' },
        { id: 'mce-questionable-admission' },
        { id: 'mce-wrong-procedure' },
        { id: 'mce-procedure-length-of-stay' },
        { id: 'mce-noncovered-procedure' },
        { id: 'mce-limited-coverage' },
        { id: 'poa' },
        { id: 'timely-filing' },
      ]),
    }),
  ],
]);

// ---------------------------------------------------------------------------------------------
// Options

type Check = (value: unknown) => string | undefined;
const isArray =
  (what: string): Check =>
  (v) =>
    Array.isArray(v) ? undefined : what;
const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)
      ? undefined
      : values.map((x) => JSON.stringify(x)).join(' | ');
const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : 'true | false');
const isPositiveInt: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'a positive integer';
const isString: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const isObject: Check = (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : 'an object';
const isFunction: Check = (v) => (typeof v === 'function' ? undefined : 'a function (date) => Result');

const NESTED: ReadonlyMap<string, ReadonlyMap<string, Check>> = new Map([
  [
    'ptp',
    new Map<string, Check>([
      [
        'tables',
        (v) =>
          Array.isArray(v) && v.every((t) => t instanceof PtpTable)
            ? undefined
            : 'an array of PtpTable (importPtp / PtpTable.fromPack)',
      ],
      ['modifierPlacement', oneOf('column2', 'either')],
      ['version', oneOf('dos-quarter', 'latest')],
      ['deletionBound', oneOf('inclusive', 'exclusive')],
    ]),
  ],
  [
    'mue',
    new Map<string, Check>([
      [
        'tables',
        (v) =>
          Array.isArray(v) && v.every((t) => t instanceof MueTable)
            ? undefined
            : 'an array of MueTable (parseMueCsv / MueTable.fromPack)',
      ],
      ['dosDenial', oneOf('all', 'excess')],
    ]),
  ],
  [
    'aoc',
    new Map<string, Check>([
      [
        'tables',
        (v) =>
          Array.isArray(v) && v.every((t) => t instanceof AocTable)
            ? undefined
            : 'an array of AocTable (importAocFile / AocTable.fromPack)',
      ],
    ]),
  ],
  [
    'mce',
    new Map<string, Check>([
      ['lists', (v) => (v instanceof MceLists ? undefined : 'MceLists (loadMceLists)')],
      ['sexEdit', oneOf('auto', 'on', 'off')],
      ['applyToLaterDates', isBool],
    ]),
  ],
  [
    'limits',
    new Map<string, Check>([
      ['diagnoses', isPositiveInt],
      ['lines', isPositiveInt],
      ['pointersPerLine', isPositiveInt],
      ['modifiersPerLine', isPositiveInt],
    ]),
  ],
  [
    'x12',
    new Map<string, Check>([
      // The 837P writer's own check of its separators option, which the x12-837p rule writes with.
      ['separators', (v) => (x12SeparatorsOf(v) !== undefined ? undefined : SEPARATORS_EXPECTED)],
    ]),
  ],
  [
    'codeSets',
    new Map<string, Check>([
      ['icd10cm', isFunction],
      ['icd10pcs', isFunction],
      ['hcpcs', isFunction],
      ['cpt', isFunction],
      ['modifiers', isFunction],
      ['placesOfService', isFunction],
    ]),
  ],
]);

const TOP: ReadonlyMap<string, Check> = new Map<string, Check>([
  ['profile', oneOf(...PROFILES.keys())],
  ['rules', isObject],
  ['customRules', isArray('an array of rules')],
  ['codeSets', isObject],
  ['ptp', isObject],
  ['mue', isObject],
  ['aoc', isObject],
  ['mce', isObject],
  ['limits', isObject],
  ['x12', isObject],
  ['history', isArray('an array of prior claims')],
  ['today', (v) => (toIsoDate(v) !== undefined ? undefined : 'a YYYY-MM-DD date or a Date')],
  ['codesetsDir', isString],
  ['packs', (v) => (typeof v === 'string' || isPackSource(v) ? undefined : PACK_SOURCE_INPUT)],
]);

/**
 * Options of the worker-thread validators of `medcode/node`, which this module (it runs in
 * browsers too) does not take: named in the refusal, so that `workers: 4` given here says where
 * worker threads are.
 */
const WORKER_POOL_OPTIONS: ReadonlySet<string> = new Set([
  'workers',
  'ptpPacks',
  'extraCodesetsDirs',
  'onWorker',
  'batchSize',
  'maxBatchesInFlight',
  'input',
  'output',
  'chunkBytes',
]);

function unknownOptionExpected(key: string): string {
  const known = `a known option (${[...TOP.keys()].join(', ')})`;
  return WORKER_POOL_OPTIONS.has(key)
    ? `${known}; ${key} is an option of validateClaimsInWorkers and createClaimValidationPool (medcode/node), which validate on worker threads`
    : known;
}

function optionIssue(path: (string | number)[], expected: string): MedcodeIssue {
  return createIssue({
    code: 'invalid_option',
    severity: 'error',
    path: ['options', ...path],
    codes: [],
    option: path.join('.'),
    expected,
  });
}

function ownKeys(v: object): string[] {
  return Object.keys(v);
}

/** Validates options; every unknown or bad key is reported by name. */
function validateOptions(options: unknown, knownRuleIds: ReadonlySet<string>): MedcodeIssue[] {
  const issues: MedcodeIssue[] = [];
  if (options === undefined) return issues;
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    return [optionIssue([], 'an options object')];
  const o = options as Record<string, unknown>;
  for (const key of ownKeys(o)) {
    const check = TOP.get(key);
    if (!check) {
      issues.push(optionIssue([key], unknownOptionExpected(key)));
      continue;
    }
    const value = o[key];
    if (value === undefined) continue;
    const bad = check(value);
    if (bad) {
      issues.push(optionIssue([key], bad));
      continue;
    }
    const nested = NESTED.get(key);
    if (nested) {
      const v = value as Record<string, unknown>;
      for (const k of ownKeys(v)) {
        const c = nested.get(k);
        if (!c)
          issues.push(optionIssue([key, k], `a known ${key} option (${[...nested.keys()].join(', ')})`));
        else if (v[k] !== undefined) {
          const b = c(v[k]);
          if (b) issues.push(optionIssue([key, k], b));
        }
      }
    }
  }
  if (Array.isArray(o.customRules)) {
    (o.customRules as unknown[]).forEach((r, i) => {
      const rule = r as Partial<Rule> | null;
      if (
        !rule ||
        typeof rule !== 'object' ||
        typeof rule.id !== 'string' ||
        typeof rule.check !== 'function' ||
        typeof rule.title !== 'string' ||
        typeof rule.citation !== 'string' ||
        oneOf('error', 'warning', 'info')(rule.defaultSeverity)
      ) {
        issues.push(
          optionIssue(['customRules', i], 'a Rule { id, title, citation, defaultSeverity, check }'),
        );
      } else if (BUILT_IN_RULES.has(rule.id))
        issues.push(optionIssue(['customRules', i], `a rule id other than the built-in "${rule.id}"`));
    });
  }
  if (o.rules && typeof o.rules === 'object') {
    const custom = new Set(
      Array.isArray(o.customRules) ? (o.customRules as { id?: unknown }[]).map((r) => r?.id) : [],
    );
    for (const id of ownKeys(o.rules)) {
      if (!knownRuleIds.has(id) && !custom.has(id)) {
        issues.push(optionIssue(['rules', id], `a known rule id (${[...knownRuleIds].join(', ')})`));
        continue;
      }
      const s = (o.rules as Record<string, unknown>)[id];
      if (typeof s === 'boolean') continue;
      if (typeof s !== 'object' || s === null) {
        issues.push(optionIssue(['rules', id], 'true | false | { enabled?, severity? }'));
        continue;
      }
      for (const k of ownKeys(s)) {
        const v = (s as Record<string, unknown>)[k];
        if (k === 'enabled' ? isBool(v) : k === 'severity' ? oneOf('error', 'warning', 'info')(v) : 'x') {
          issues.push(
            optionIssue(
              ['rules', id, k],
              k === 'enabled'
                ? 'true | false'
                : k === 'severity'
                  ? '"error" | "warning" | "info"'
                  : 'enabled or severity',
            ),
          );
        }
      }
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Validator

/** A validator with its options resolved once; reuse it for many claims. */
export interface ClaimValidator {
  /** Validates one claim (a parsed claim or builder/JSON input). Never throws. */
  validate(claim: Claim | ClaimInput): ClaimValidation;
  /** Validates untrusted input (decoded JSON, or JSON text): anything at all. Never throws. */
  validateJson(input: unknown): ClaimValidation;
}

interface ActiveRule {
  readonly rule: Rule;
  readonly severity: Severity | undefined;
}

/** A failed result with the given issues, tagged with the pseudo-rule that raised them. */
function failedWith(issues: readonly MedcodeIssue[], rule: string): ClaimValidation {
  return Object.freeze({
    ok: false,
    status: 'failed',
    issues: Object.freeze(issues.map((i) => Object.freeze(withRule(i, rule)))),
    skipped: Object.freeze([]),
    stale: Object.freeze([]),
  });
}

/** A validator whose every answer is the same failure (bad options): no claim is read. */
function fixedFailure(issues: readonly MedcodeIssue[], rule: string): ClaimValidator {
  const result = failedWith(issues, rule);
  return { validate: () => result, validateJson: () => result };
}

function localToday(): IsoDate {
  return toIsoDate(new Date())!;
}

/**
 * Every MUE table held: the editions of the validator's packs (the built-in folder by default) and
 * of the folders `MEDCODE_CODESETS` names, as the HCPCS system reads them, so a quarter the user
 * imported is used on its dates with no other change. The rule picks the table of the claim's
 * setting in force on each line's date. None where this runtime has no packs at all (the rule then
 * reports itself skipped). A pack that is there but missing, damaged or from another edition throws
 * its PackError: the rule's result is an error, never a skip that reads like a missing date.
 */
function heldMueTables(packs: PackSourceInput | undefined): readonly MueTable[] {
  return heldTables(packs, 'ncci-mue', (source, edition) => loadMueTable({ packs: source, edition }));
}

/** Every edition of an NCCI table system the held sources ({@link heldSources}) hold, each loaded. */
function heldTables<T>(
  packs: PackSourceInput | undefined,
  system: string,
  load: (source: PackSource, edition: string) => T,
): T[] {
  return heldSources(packs, system).flatMap((source) =>
    systemManifests(source, system).map((manifest) => load(source, manifest.edition.id)),
  );
}

/**
 * Every NCCI add-on code table held (the validator's packs and the `MEDCODE_CODESETS` folders, as
 * {@link heldMueTables}): CMS publishes the AOC file each quarter, so an imported quarter is used
 * on its dates. None where this runtime has no packs (the rule then reports itself skipped).
 */
function heldAocTables(packs: PackSourceInput | undefined): readonly AocTable[] {
  return heldTables(packs, 'ncci-aoc', (source, edition) => loadAocTable({ packs: source, edition }));
}

/**
 * The NCCI PTP tables imported into the folders `MEDCODE_CODESETS` names (none ship with medcode),
 * for a validator given no `ptp.tables`: an imported quarter is used with no other change in the
 * caller, as MUE and AOC quarters are.
 */
function heldPtpTables(): readonly PtpTable[] {
  return importedCodesetsDirs().flatMap((dir) => loadPtpTables(toPackSource(dir)));
}

/**
 * The sources holding a system's editions: the validator's packs (the built-in folder by default)
 * when they hold any, then the folders `MEDCODE_CODESETS` names. None where this runtime has no
 * packs at all.
 */
function heldSources(packs: PackSourceInput | undefined, system: string): PackSource[] {
  const sources: PackSource[] = [];
  try {
    const source = packs === undefined ? defaultPackSource() : toPackSource(packs);
    if (source.editions(system).length > 0) sources.push(source);
  } catch (error) {
    if (!(error instanceof PackError && error.reason === 'no_source')) throw error;
  }
  for (const dir of importedCodesetsDirs()) sources.push(toPackSource(dir));
  return sources;
}

/** One MCE edition held: its manifest (fiscal year, publisher validity) and its lists, read once. */
interface HeldMce {
  readonly manifest: PackManifest;
  readonly lists: () => MceLists;
}

/**
 * Every MCE edition held (the validator's packs and the `MEDCODE_CODESETS` folders, as
 * {@link heldMueTables}), merged by effective date: CMS releases one MCE version per fiscal year
 * ("Definitions of Medicare Code Edits"), so an imported version is used on its fiscal year's dates.
 */
function heldMce(packs: PackSourceInput | undefined): readonly HeldMce[] {
  return mergedManifests(heldSources(packs, 'mce'), 'mce').map(({ manifest, source }) => {
    // Opened on first use and then kept: the rules of every claim ask for them (a pack that
    // fails to open throws each time, as before, and is never kept).
    let lists: MceLists | undefined;
    return { manifest, lists: () => (lists ??= loadMceLists(source, manifest.edition.id)) };
  });
}

/**
 * The MCE lists for a date: the version in force on it; past the newest, the newest (the rules
 * label them as applied to a later date, or skip, per `applyToLaterDates`); before the oldest, the
 * oldest (the rules say from when they are in force). Without a date, the newest.
 */
function mceListsOn(held: readonly HeldMce[], date: IsoDate | undefined): MceLists | undefined {
  const on =
    date === undefined
      ? held.at(-1)
      : (held.findLast((h) => h.manifest.edition.effectiveFrom <= date) ?? held[0]);
  return on?.lists();
}

/** A pack a rule needed could not be used: an error edit at the claim, so the result is never ok. */
function packErrorEdit(error: PackError, rule: string): ClaimEdit {
  return Object.freeze(
    withRule(
      createIssue({
        code: 'pack_error',
        severity: 'error',
        path: [],
        codes: [],
        file: error.file,
        reason: error.reason,
        detail: error.message,
      }),
      rule,
    ),
  ) as ClaimEdit;
}

/**
 * Each line's procedure in the form the code sets and NCCI tables use (trimmed, ASCII upper case):
 * normalised once per claim, and the claim's own string kept when it is already in that form.
 */
function procedureCodesOf(claim: Claim): readonly string[] {
  const lines = claim.lines;
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = tablesForm(lines[i]!.procedure);
  return out;
}

/** A code trimmed and upper-cased (ASCII only), with no copy when it already is. */
function tablesForm(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  if (raw.charCodeAt(0) <= 32 || raw.charCodeAt(n - 1) <= 32) return upperAscii(raw.trim());
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) return upperAscii(raw);
  }
  return raw;
}

/** The date selecting a line's code sets: `serviceDate`, or the from-date of a span (CMS Medicare Claims Processing Manual, Pub. 100-04, chapter 23). */
function lineDate(line: Claim['lines'][number]): IsoDate | undefined {
  return line.serviceDate ?? line.serviceDateFrom;
}

/**
 * The built-in code sets with the caller's providers laid over them, system by system: a provider
 * the caller passes replaces the built-in one for that system only.
 */
function mergeCodeSets(
  builtIn: ClaimCodeSets,
  given: ClaimCodeSets | undefined,
  observe: (answer: Result<unknown>) => void,
): ClaimCodeSets {
  const out: Record<string, unknown> = { ...builtIn };
  if (given) for (const [k, v] of Object.entries(given)) if (v !== undefined) out[k] = v;
  for (const [k, v] of Object.entries(out)) {
    const memo = memoByDate(v as (date: IsoDate) => Result<unknown>);
    out[k] = (date: IsoDate) => {
      const r = memo(date);
      if (r.issues.length > 0) observe(r);
      return r;
    };
  }
  return Object.freeze(out) as ClaimCodeSets;
}

/** The pseudo-rule that reports data past its publisher's validity (`data_stale`). */
const DATA_CURRENCY_RULE = 'data-currency';

/**
 * The staleness record of MCE lists: the built-in edition's manifest, or, for lists the caller
 * loaded, their edition's fiscal year (CMS releases one MCE version per fiscal year, "Definitions of
 * Medicare Code Edits").
 */
function mceStaleness(lists: MceLists, packs: PackSourceInput | undefined): StalenessManifest | undefined {
  try {
    const source = packs === undefined ? defaultPackSource() : toPackSource(packs);
    const m = systemManifests(source, 'mce').find((x) => x.edition.id === lists.edition.id);
    if (m?.publisherValidity) return m;
  } catch {
    // No packs in this runtime: fall back on the lists' own edition.
  }
  const to = lists.edition.effectiveTo;
  if (to === null) return undefined;
  return {
    system: 'mce',
    edition: lists.edition,
    publisherValidity: {
      period: `FY${to.slice(0, 4)}`,
      from: lists.edition.effectiveFrom as IsoDate,
      through: to as IsoDate,
      nextFile: 'the CMS Definitions of Medicare Code Edits code lists for the fiscal year of the date',
    },
  };
}

type StaleIssue = Extract<MedcodeIssue, { code: 'data_stale' }>;

/** A code set's `data_stale` issue as the claim's edit, at the claim field its date came from. */
function staleEditAt(issue: StaleIssue, path: readonly (string | number)[]): ClaimEdit {
  const { message: _, ...draft } = issue;
  return Object.freeze(
    withRule(createIssue({ ...draft, path: Object.freeze(path) }), DATA_CURRENCY_RULE),
  ) as ClaimEdit;
}

/** Where a date of the claim comes from, for the path of a `data_stale` warning. */
function pathOfDate(claim: Claim, lineDates: readonly (IsoDate | undefined)[], date: IsoDate) {
  const j = lineDates.indexOf(date);
  if (j >= 0)
    return ['lines', j, claim.lines[j]!.serviceDate !== undefined ? 'serviceDate' : 'serviceDateFrom'];
  if (claim.dischargeDate === date) return ['dischargeDate'];
  if (claim.admissionDate === date) return ['admissionDate'];
  return [];
}

/**
 * The edit `make` builds for a source issue at a claim path, made once and then reused (`make` is a
 * module function, not a closure made per claim): edits are
 * frozen, so one object can stand in every result that reports the same thing at the same place.
 * A source issue is reported at a few claim fields at most: they are compared element by element,
 * with no key string built per claim.
 */
function recall<S extends object>(
  memo: WeakMap<object, ClaimEdit[]>,
  source: S,
  path: readonly (string | number)[],
  make: (source: S, path: readonly (string | number)[]) => ClaimEdit,
): ClaimEdit {
  let made = memo.get(source);
  if (made === undefined) {
    made = [];
    memo.set(source, made);
  }
  for (const edit of made) if (samePath(edit.path, path)) return edit;
  // Bounded: claims whose stale dates sit on ever new fields never grow it past the limit.
  if (made.length >= RECALL_LIMIT) made.length = 0;
  const edit = make(source, path);
  made.push(edit);
  return edit;
}

const RECALL_LIMIT = 64;

/**
 * Distinct skip reasons kept per rule: a reason names a date or a quarter, so a batch has a few;
 * a failing rule's reasons carry error text and would otherwise be kept without end.
 */
const SKIP_ENTRIES_PER_RULE = 16;

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const PROVIDER_MEMO_LIMIT = 256;

/**
 * A provider's answer per date, memoized for the validator's life: a claim asks each system for
 * the same date from several rules, and a batch asks for the same few dates claim after claim
 * (`icd10cm.tryAt` selects the edition and makes a dated view on every call). Providers are
 * expected to be pure functions of the date; a thrown error is not memoized (the rule reports it).
 */
function memoByDate<T>(provider: (date: IsoDate) => Result<T>): (date: IsoDate) => Result<T> {
  const memo = new Map<IsoDate, Result<T>>();
  return (date) => {
    let r = memo.get(date);
    if (r === undefined) {
      r = provider(date);
      if (memo.size >= PROVIDER_MEMO_LIMIT) memo.clear();
      memo.set(date, r);
    }
    return r;
  };
}

/**
 * For each diagnosis, the dates whose editions it is checked in: the date of every line pointing at it, so that a code valid on one side of an
 * October change and not on the other is reported for the lines on the wrong side only. A
 * diagnosis no line points at is checked on the claim's diagnosis date. Institutional inpatient
 * claims use the discharge date for every code (CMS Medicare Claims Processing Manual, Pub. 100-04,
 * chapter 3: "date of service (including, when applicable, the date of discharge)").
 */
function diagnosisDatesOf(
  claim: Claim,
  lineDates: readonly (IsoDate | undefined)[],
  diagnosisDate: IsoDate | undefined,
  inpatient: boolean,
): readonly (readonly IsoDate[])[] {
  const n = claim.diagnoses.length;
  const fallback: readonly IsoDate[] = diagnosisDate === undefined ? [] : [diagnosisDate];
  if (inpatient || n === 0 || allOn(lineDates, diagnosisDate))
    return new Array<readonly IsoDate[]>(n).fill(fallback);
  const dates: IsoDate[][] = [];
  for (let i = 0; i < n; i++) dates.push([]);
  const lines = claim.lines;
  for (let j = 0; j < lines.length; j++) {
    const d = lineDates[j];
    const ptrs = lines[j]!.diagnosisPointers;
    if (d === undefined || !ptrs) continue;
    for (const p of ptrs) {
      const list = p >= 1 && p <= n ? dates[p - 1]! : undefined;
      if (list && !list.includes(d)) list.push(d);
    }
  }
  return dates.map((list) => (list.length === 0 ? fallback : list.length > 1 ? list.sort() : list));
}

/**
 * Whether every line is on `date`: then every diagnosis is checked on that one date whichever lines
 * point at it (the usual claim, all lines on one day), and no pointer need be read.
 */
function allOn(lineDates: readonly (IsoDate | undefined)[], date: IsoDate | undefined): boolean {
  if (date === undefined) return false;
  for (let j = 0; j < lineDates.length; j++) if (lineDates[j] !== date) return false;
  return true;
}

/**
 * Resolves options once and returns a reusable validator. Throws nothing: invalid options make
 * every `validate` return the `invalid_option` issues (by name, at `['options', …]`).
 *
 * @example
 * ```ts
 * const validator = createClaimValidator({ profile: 'medicare-professional', ptp: { tables } })
 * for (const claim of claims) console.log(validator.validate(claim).ok)
 * ```
 */
export function createClaimValidator(options: ValidateOptions = {}): ClaimValidator {
  const customRules: readonly Rule[] = Array.isArray(options?.customRules) ? options.customRules : [];
  const known = new Set(BUILT_IN_RULES.keys());
  const optionIssues = validateOptions(options, known);
  if (optionIssues.length > 0) return fixedFailure(sortIssues(optionIssues), 'options');
  const profile = PROFILES.get(options.profile ?? 'medicare-professional')!;
  const settings = options.rules ?? {};
  const active: ActiveRule[] = [];
  const settingOf = (id: string) => (Object.hasOwn(settings, id) ? settings[id] : undefined);
  for (const r of [
    ...profile.rules.map((p) => ({ rule: BUILT_IN_RULES.get(p.id)!, severity: p.severity })),
    ...customRules.map((rule) => ({ rule, severity: undefined })),
  ]) {
    const s = settingOf(r.rule.id);
    if (s === false || (typeof s === 'object' && s.enabled === false)) continue;
    active.push({ rule: r.rule, severity: typeof s === 'object' && s.severity ? s.severity : r.severity });
  }
  // Rules a user turns on that the profile does not include.
  for (const [id, s] of Object.entries(settings)) {
    if (active.some((a) => a.rule.id === id)) continue;
    if (s === true || (typeof s === 'object' && s.enabled === true)) {
      const rule = BUILT_IN_RULES.get(id);
      if (rule) active.push({ rule, severity: typeof s === 'object' ? s.severity : undefined });
    }
  }
  const dir: PackSourceInput | undefined = options.packs ?? options.codesetsDir;
  // What the current claim's rules used, for data_stale: set for the length of one run.
  let staleSink: MedcodeIssue[] | undefined;
  let mceSink: { lists: MceLists | undefined; readonly date: IsoDate | undefined } | undefined;
  const mceManifests = new Map<string, StalenessManifest | undefined>();
  const ptpActive = active.some((a) => a.rule === BUILT_IN_RULES.get('ncci-ptp'));
  let mce: readonly HeldMce[] | null = null;
  let mceLast: { readonly date: IsoDate | undefined; readonly lists: MceLists | undefined } | undefined;
  let mue: readonly MueTable[] | null = null;
  let aoc: readonly AocTable[] | null = null;
  // The caller's tables are copied now (the caller may reuse its array); held ones on first use.
  let ptpTables: readonly PtpTable[] | null = options.ptp?.tables
    ? Object.freeze([...options.ptp.tables])
    : null;
  const base = {
    profile: profile.id,
    setting: profile.setting,
    codeSets: mergeCodeSets(builtInCodeSets(dir), options.codeSets, (answer) => {
      // Rules ask the same provider for the same date several times per claim: each answer's
      // issue is kept once (the memo hands back the same objects).
      for (const issue of answer.issues)
        if (issue.code === 'data_stale' && staleSink !== undefined && !staleSink.includes(issue))
          staleSink.push(issue);
    }),
    ptp: Object.freeze({
      // The caller's tables, else those imported into MEDCODE_CODESETS, read on first use: a
      // practitioner quarter is millions of pairs, and most validators never reach the PTP rule.
      get tables(): readonly PtpTable[] {
        ptpTables ??= Object.freeze([...heldPtpTables()]);
        return ptpTables;
      },
      modifierPlacement: options.ptp?.modifierPlacement ?? 'column2',
      version: options.ptp?.version ?? 'dos-quarter',
      deletionBound: options.ptp?.deletionBound ?? 'inclusive',
    }),
    mue: Object.freeze({
      tables: Object.freeze([...(options.mue?.tables ?? [])]),
      dosDenial: options.mue?.dosDenial ?? 'all',
      builtIn: () => {
        if (mue === null) mue = heldMueTables(dir);
        return mue;
      },
    }),
    aoc: Object.freeze({
      tables: Object.freeze([...(options.aoc?.tables ?? [])]),
      builtIn: () => {
        if (aoc === null) aoc = heldAocTables(dir);
        return aoc;
      },
    }),
    mce: Object.freeze({
      lists: options.mce?.lists,
      sexEdit: options.mce?.sexEdit ?? 'auto',
      applyToLaterDates: options.mce?.applyToLaterDates ?? true,
      // The caller's lists, else the held version for the claim's diagnosis date.
      load: () => {
        const date = mceSink?.date;
        // A batch's claims mostly share their diagnosis date: the last date's lists are reused.
        if (mceLast === undefined || mceLast.date !== date)
          mceLast = { date, lists: options.mce?.lists ?? mceListsOn((mce ??= heldMce(dir)), date) };
        const lists = mceLast.lists;
        if (lists && mceSink) mceSink.lists = lists;
        return lists;
      },
    }),
    limits: Object.freeze({ ...profile.limits, ...(options.limits ?? {}) }),
    x12: Object.freeze({
      separators: x12SeparatorsOf(options.x12?.separators) ?? DEFAULT_X12_SEPARATORS,
    }),
  } as const;
  const fixedToday = options.today !== undefined ? toIsoDate(options.today) : undefined;
  const rawHistory = options.history ?? [];
  const history: Claim[] = [];
  const historyIssues: MedcodeIssue[] = [];
  rawHistory.forEach((h, k) => {
    // Prior claims are read like the claim itself, and explained in the same words.
    const r = parseClaim(h);
    if (r.ok) history.push(r.value);
    else historyIssues.push(optionIssue(['history', k], `a claim (${r.issues[0]?.message ?? 'invalid'})`));
  });
  if (historyIssues.length > 0) return fixedFailure(historyIssues, 'options');
  Object.freeze(history);

  const freezeContext = active.some(({ rule }) => BUILT_IN_RULES.get(rule.id) !== rule);
  let sink: { edits: ClaimEdit[]; skipped: SkippedRule[] } = { edits: [], skipped: [] };
  const reporters = active.map(({ rule, severity }) => {
    const builtIn = BUILT_IN_RULES.get(rule.id) === rule;
    // A rule skips for the same reason claim after claim (no table for the quarter of a batch's
    // dates): every such claim gets the same frozen entry, as it gets the same data_stale edit.
    const skipEntries = new BoundedMemo<SkippedRule>(SKIP_ENTRIES_PER_RULE);
    const reporter: RuleReporter = {
      edit(draft: EditDraft) {
        if (!builtIn) {
          const bad = customDraftProblem(draft);
          if (bad) {
            reporter.skip(`the rule reported an edit medcode cannot read: ${bad}`);
            return;
          }
        }
        const codes = capCodeLengths(draft.codes);
        // A built-in rule hands over a fresh draft that no one else holds: it is completed in place
        // and becomes the issue. A custom rule's draft is copied first, never touched.
        const full = builtIn ? (draft as unknown as Record<string, unknown>) : shallowCopy(draft);
        if (builtIn) {
          Object.freeze(draft.path);
          if (codes === draft.codes) Object.freeze(codes);
        }
        full.codes = codes;
        full.severity = severity ?? draft.severity ?? rule.defaultSeverity;
        full.citation = draft.citation ?? rule.citation;
        full.rule = rule.id;
        sink.edits.push(createIssueInPlace(full as unknown as IssueDraft) as unknown as ClaimEdit);
      },
      skip(reason: string) {
        for (const s of sink.skipped) if (s.rule === rule.id && s.reason === reason) return;
        sink.skipped.push(
          skipEntries.get(reason) ?? skipEntries.set(reason, Object.freeze({ rule: rule.id, reason })),
        );
      },
    };
    return { rule, reporter };
  });

  /**
   * One `data_stale` warning per edition the claim's rules used past its publisher's validity (the
   * earliest such date, at the claim field it came from): code sets answered with one, MCE lists
   * applied to a later date, and PTP tables chosen with `version: 'latest'` for a later quarter.
   */
  function staleWarnings(
    claim: Claim,
    lineDates: readonly (IsoDate | undefined)[],
    diagnosisDate: IsoDate | undefined,
    fromCodeSets: readonly MedcodeIssue[],
    lists: MceLists | undefined,
  ): ClaimEdit[] {
    const found: MedcodeIssue[] = [...fromCodeSets];
    if (lists && diagnosisDate !== undefined) {
      const id = lists.edition.id;
      if (!mceManifests.has(id))
        mceManifests.set(
          id,
          mce?.find((h) => h.manifest.edition.id === id)?.manifest ?? mceStaleness(lists, dir),
        );
      const mceManifest = mceManifests.get(id);
      const issue = mceManifest && mceStaleOn(mceManifest, diagnosisDate);
      if (issue) found.push(issue);
    }
    if (ptpActive && base.ptp.version === 'latest' && profile.setting !== 'inpatient') {
      const kind = profile.setting === 'professional' ? 'practitioner' : 'hospital';
      // Each date once, in the order the lines first give it (no set built per claim: at most 50 lines).
      for (let k = 0; k < lineDates.length; k++) {
        const date = lineDates[k];
        if (date === undefined || lineDates.indexOf(date) !== k) continue;
        const t = selectPtpTable(base.ptp.tables, kind, date, 'latest');
        const to = t?.edition.effectiveTo;
        // A PTP table is released for its quarter; CMS publishes the next quarter's before it starts.
        if (t && to && date > to) {
          const issue = staleDataIssue(
            {
              system: 'ncci-ptp',
              edition: t.edition,
              publisherValidity: {
                period: t.edition.name,
                from: t.edition.effectiveFrom as IsoDate,
                through: to as IsoDate,
                nextFile: `the CMS NCCI PTP ${kind} edit files for the quarter of ${date}`,
              },
            },
            date,
          );
          if (issue) found.push(issue);
        }
      }
    }
    if (found.length === 0) return [];
    // The earliest date per edition (system and edition id), in order of first appearance: a few
    // issues at most, compared field by field.
    const first: StaleIssue[] = [];
    for (const issue of found) {
      if (issue.code !== 'data_stale') continue;
      let k = 0;
      while (k < first.length && !(first[k]!.system === issue.system && first[k]!.edition === issue.edition))
        k++;
      if (k === first.length) first.push(issue);
      else if (issue.date < first[k]!.date) first[k] = issue;
    }
    const edits: ClaimEdit[] = [];
    for (const issue of first)
      edits.push(recall(staleEdits, issue, pathOfDate(claim, lineDates, issue.date), staleEditAt));
    return edits;
  }

  // A batch's claims mostly share their dates, so the same few data_stale warnings are made claim
  // after claim: each is made once per source issue and claim field, and the frozen edit reused.
  const staleEdits = new WeakMap<MedcodeIssue, ClaimEdit[]>();
  const mceStaleByDate = new Map<string, MedcodeIssue | undefined>();
  let lastMceStale:
    | { manifest: StalenessManifest; date: IsoDate; issue: MedcodeIssue | undefined }
    | undefined;
  function mceStaleOn(manifest: StalenessManifest, date: IsoDate): MedcodeIssue | undefined {
    // A batch's claims mostly share their date: the last answer first, with no key built.
    if (lastMceStale !== undefined && lastMceStale.manifest === manifest && lastMceStale.date === date)
      return lastMceStale.issue;
    const issue = mceStaleByKey(manifest, date);
    lastMceStale = { manifest, date, issue };
    return issue;
  }
  function mceStaleByKey(manifest: StalenessManifest, date: IsoDate): MedcodeIssue | undefined {
    // Keyed by edition as well: the MCE version in force moves with the diagnosis date.
    const key = `${manifest.edition.id}|${date}`;
    if (mceStaleByDate.has(key)) return mceStaleByDate.get(key);
    const issue = staleDataIssue(manifest, date);
    if (mceStaleByDate.size >= PROVIDER_MEMO_LIMIT) mceStaleByDate.clear();
    mceStaleByDate.set(key, issue);
    return issue;
  }

  function run(claim: Claim): ClaimValidation {
    const lineDates = claim.lines.map(lineDate) as IsoDate[];
    let earliest: IsoDate | undefined;
    let latest: IsoDate | undefined;
    for (const d of lineDates) {
      if (d === undefined) continue;
      if (earliest === undefined || d < earliest) earliest = d;
      if (latest === undefined || d > latest) latest = d;
    }
    // Inpatient claims take the code sets of the discharge date (CMS Medicare Claims Processing
    // Manual, Pub. 100-04, chapter 3); other claims the earliest line date.
    const diagnosisDate =
      profile.setting === 'inpatient'
        ? (claim.dischargeDate ?? latest ?? claim.admissionDate)
        : (earliest ?? claim.dischargeDate);
    const diagnosisDates = diagnosisDatesOf(claim, lineDates, diagnosisDate, profile.setting === 'inpatient');
    // One literal with every field: each claim's context has the same shape, which keeps the
    // rules' reads of it monomorphic in V8 (a copy of the base completed key by key did not).
    const ctx: RuleContext = {
      profile: base.profile,
      setting: base.setting,
      codeSets: base.codeSets,
      ptp: base.ptp,
      mue: base.mue,
      aoc: base.aoc,
      mce: base.mce,
      limits: base.limits,
      x12: base.x12,
      claim,
      today: fixedToday ?? localToday(),
      lineDates,
      procedureCodes: procedureCodesOf(claim),
      diagnosisDate,
      diagnosisDates,
      diagnosisTable: new DiagnosisTable(base.codeSets.icd10cm, diagnosisDate, claim.diagnoses),
      history,
    };
    // Frozen when a custom rule will read it: the built-in rules only read the context, and an
    // object no other code sees need not pay a freeze (a runtime call in V8) per claim.
    if (freezeContext) Object.freeze(ctx);
    const edits: ClaimEdit[] = [];
    const skipped: SkippedRule[] = [];
    // The reporters are built once per validator and write to the current claim's arrays; saved
    // and restored so that a custom rule calling the same validator cannot mix two claims.
    const saved = sink;
    const savedStale = staleSink;
    const savedMce = mceSink;
    sink = { edits, skipped };
    const stale: MedcodeIssue[] = [];
    const mceUse: { lists: MceLists | undefined; date: IsoDate | undefined } = {
      lists: undefined,
      date: diagnosisDate,
    };
    staleSink = stale;
    mceSink = mceUse;
    try {
      for (const { rule, reporter } of reporters) {
        try {
          rule.check(ctx, reporter);
        } catch (error) {
          if (error instanceof PackError) {
            // One edit per damaged or missing pack, however many rules read it.
            if (!edits.some((e) => e.code === 'pack_error' && e.detail === error.message))
              edits.push(packErrorEdit(error, rule.id));
          } else reporter.skip(`the rule failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      sink = saved;
      staleSink = savedStale;
      mceSink = savedMce;
    }
    const staleFound = staleWarnings(claim, lineDates, diagnosisDate, stale, mceUse.lists);
    const staleEdits = frozenList(staleFound.length > 1 ? sortIssues(staleFound) : staleFound);
    const sorted = frozenList(edits.length > 1 ? sortIssues(edits) : edits);
    if (skipped.length > 1) skipped.sort(compareSkipped);
    const status = statusOf(sorted);
    return Object.freeze(
      status === 'passed'
        ? { ok: true, status, value: claim, issues: sorted, skipped: frozenList(skipped), stale: staleEdits }
        : {
            ok: false,
            status,
            value: claim,
            issues: sorted,
            skipped: frozenList(skipped),
            stale: staleEdits,
          },
    );
  }

  function validateJson(input: unknown): ClaimValidation {
    // Clean claims take the hand-written reader of medcode/claims (same acceptance as the schema);
    // anything else goes through parseClaim, whose issues explain what is wrong, in medcode's words.
    // The size guard comes first, as in parseClaim: no rule ever sees 5,000 diagnoses. The fast
    // reader refuses arrays past the same caps, so a claim it accepts needs no separate pass.
    // A claim parseClaim returned was checked and frozen there: it is not read a second time.
    if (isParsedClaim(input)) return run(input);
    const claim = fastParseClaim(input);
    if (claim !== undefined) return run(claim);
    const oversized = checkClaimSize(input);
    if (oversized.length > 0) return failedWith(sortIssues(oversized), 'claim-schema');
    const parsed = parseClaim(input);
    if (!parsed.ok) return failedWith(sortIssues(parsed.issues), 'claim-schema');
    return run(parsed.value);
  }

  return { validate: validateJson, validateJson };
}

/** The frozen empty list every result without edits, skips or stale warnings shares. */
const NO_ENTRIES: readonly never[] = Object.freeze([]);

/**
 * A result's list, frozen: most claims have no skip and no stale warning, and those share one
 * empty list rather than freezing a new one (V8 freezes an array through a runtime call).
 */
function frozenList<T>(list: T[]): readonly T[] {
  return list.length === 0 ? NO_ENTRIES : Object.freeze(list);
}

/** The order of `skipped`: by rule, then reason. */
function compareSkipped(a: SkippedRule, b: SkippedRule): number {
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0;
}

/** `failed` on any error edit other than `not_checked`; else `not_checked` if any code was not; else `passed`. */
function statusOf(edits: readonly ClaimEdit[]): ValidationStatus {
  let notChecked = false;
  for (const e of edits) {
    if (e.code === 'not_checked') notChecked = true;
    else if (e.severity === 'error') return 'failed';
  }
  return notChecked ? 'not_checked' : 'passed';
}

const MAX_CODE_LENGTH = 64;

/** Codes come from the claim: hostile lengths are cut so that a 1 MB string never reaches a message. */
function capCodeLengths(codes: readonly string[]): readonly string[] {
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]!.length > MAX_CODE_LENGTH)
      return codes.map((c) =>
        c.length > MAX_CODE_LENGTH ? `${c.slice(0, MAX_CODE_LENGTH)}… (${c.length} characters)` : c,
      );
  }
  return codes;
}

/**
 * Every issue code of the closed union, at run time: a custom rule written in JavaScript (no type
 * checker) may pass any string, and an unknown code is reported rather than rendered as nothing.
 * `satisfies` keeps the list complete when a code is added.
 */
const KNOWN_CODES: ReadonlySet<string> = new Set(
  Object.keys({
    invalid_date: true,
    no_edition: true,
    invalid_option: true,
    invalid_type: true,
    malformed_code: true,
    unknown_code: true,
    not_billable: true,
    seventh_character_missing: true,
    seventh_character_invalid: true,
    placeholder_missing: true,
    not_in_force: true,
    code_terminated: true,
    code_normalized: true,
    invalid_axis_value: true,
    x12_syntax: true,
    x12_segment: true,
    x12_unwritable: true,
    added_between_editions: true,
    claim_invalid: true,
    claim_json_malformed: true,
    claim_limit_exceeded: true,
    cms1500_field_unprinted: true,
    npi_check_digit: true,
    not_checked: true,
    custom_edit: true,
    ncci_ptp: true,
    ncci_ptp_bypassed: true,
    mue_exceeded: true,
    ncci_add_on_code: true,
    excludes1_conflict: true,
    manifestation_as_principal: true,
    use_additional_code: true,
    age_conflict: true,
    sex_conflict: true,
    unacceptable_principal: true,
    questionable_admission: true,
    wrong_procedure_performed: true,
    procedure_inconsistent_with_los: true,
    noncovered_procedure: true,
    limited_coverage: true,
    external_cause_principal: true,
    duplicate_diagnosis: true,
    poa_missing: true,
    poa_exempt_reported: true,
    invalid_units: true,
    invalid_charge: true,
    duplicate_line: true,
    future_date: true,
    filing_limit_passed: true,
    data_stale: true,
    import_failed: true,
    pack_error: true,
    worker_failed: true,
  } satisfies Record<IssueCode, true>),
);

/** Why a custom rule's draft is not a readable edit, or undefined when it is. */
function customDraftProblem(draft: unknown): string | undefined {
  if (typeof draft !== 'object' || draft === null) return 'the edit is not an object';
  const d = draft as Record<string, unknown>;
  if (typeof d.code !== 'string' || !KNOWN_CODES.has(d.code))
    return `unknown issue code ${JSON.stringify(d.code)} (a custom rule reports its own codes as { code: 'custom_edit', customCode, text })`;
  if (!Array.isArray(d.path)) return 'path must be an array';
  if (!Array.isArray(d.codes) || !d.codes.every((c) => typeof c === 'string'))
    return 'codes must be an array of strings';
  if (d.severity !== undefined && d.severity !== 'error' && d.severity !== 'warning' && d.severity !== 'info')
    return 'severity must be "error", "warning" or "info"';
  if (d.code === 'custom_edit' && (typeof d.customCode !== 'string' || d.customCode.length === 0))
    return 'a custom_edit needs a customCode string';
  if (d.code === 'custom_edit' && typeof d.text !== 'string') return 'a custom_edit needs a text string';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Resolved validators, reused across calls

/** How many resolved validators `validateClaim` keeps (least recently used dropped first). */
const VALIDATOR_CACHE_LIMIT = 32;
const validatorsByOptions = new Map<string, ClaimValidator>();
const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** A number standing for one object (a code-set provider, a table, a rule), for as long as it lives. */
function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}

/** A plain object of options, copied: its own keys in order, and each value copied. */
class OptionsRecordCopy {
  constructor(
    readonly keys: readonly string[],
    readonly values: readonly OptionsCopy[],
  ) {}
}

/** A date in options, copied as its time: a `Date` can be changed in place. */
class OptionsDateCopy {
  constructor(readonly time: number) {}
}

/** Options as a validator is cached by them: plain data copied by content, the rest held by identity. */
type OptionsCopy = OptionsRecordCopy | OptionsDateCopy | readonly OptionsCopy[] | unknown;

/**
 * A copy of options, made by reading them once: the key of the validator cache is built from it
 * ({@link keyOfCopy}), and later calls' options are compared with it ({@link sameAsCopy}).
 */
function copyOfOptions(value: unknown): OptionsCopy {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOfOptions);
  if (value instanceof Date) return new OptionsDateCopy(value.getTime());
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const keys = Object.keys(value);
  return new OptionsRecordCopy(
    keys,
    keys.map((k) => copyOfOptions((value as Record<string, unknown>)[k])),
  );
}

/**
 * Whether `value` has the key {@link keyOfCopy} gives `copy`: the same plain data (keys in the
 * same order, values compared the same way) and the same objects where the key names an object by
 * identity.
 */
function sameAsCopy(value: unknown, copy: OptionsCopy): boolean {
  if (copy instanceof OptionsRecordCopy) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date)
      return false;
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    // for…in lists the own keys in Object.keys order, then any inherited enumerable key (a
    // polluted Object.prototype): such a key makes the count differ, never a false match.
    let k = 0;
    for (const key in value) {
      if (k >= copy.keys.length || key !== copy.keys[k]) return false;
      if (!sameAsCopy((value as Record<string, unknown>)[key], copy.values[k])) return false;
      k++;
    }
    return k === copy.keys.length;
  }
  if (copy instanceof OptionsDateCopy) return value instanceof Date && Object.is(value.getTime(), copy.time);
  if (Array.isArray(copy)) {
    if (!Array.isArray(value) || value.length !== copy.length) return false;
    for (let i = 0; i < copy.length; i++) if (!sameAsCopy(value[i], copy[i])) return false;
    return true;
  }
  // Primitives by value (0 is -0 and NaN is NaN, as in the key); other objects by identity.
  return value === copy || Object.is(value, copy);
}

/**
 * A key equal for two option objects that resolve to the same validator, built from their copy
 * ({@link copyOfOptions}): plain data (profile, rule settings, limits, dates, prior claims) by
 * content, so that options with the same content find the same validator; functions and class
 * instances (code-set providers, PTP/MUE tables, MCE lists, custom rules' checks) by identity,
 * since their content cannot be compared.
 */
function keyOfCopy(copy: OptionsCopy): string {
  if (copy instanceof OptionsRecordCopy) {
    // Keys in their own order: the same literal written twice has the same order; a literal
    // written in another order only costs one more cache entry.
    let out = '{';
    for (let k = 0; k < copy.keys.length; k++)
      out += `${JSON.stringify(copy.keys[k])}:${keyOfCopy(copy.values[k])},`;
    return `${out}}`;
  }
  if (copy instanceof OptionsDateCopy) return `D${copy.time}`;
  if (Array.isArray(copy)) {
    let out = '[';
    for (let i = 0; i < copy.length; i++) out += `${keyOfCopy(copy[i])},`;
    return `${out}]`;
  }
  switch (typeof copy) {
    case 'string':
      return JSON.stringify(copy);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(copy);
    case 'undefined':
      return 'u';
  }
  // Functions, symbols and objects that are not plain data: the copy holds them as they are.
  return copy === null ? 'n' : `#${identityOf(copy as object)}`;
}

/** What `validateClaim(claim)` with no options resolves: the same as an empty options object. */
const NO_OPTIONS: ValidateOptions = Object.freeze({});

/**
 * The options of the last call that resolved a validator, copied as plain data, and that validator.
 * A batch validated claim by claim passes the same options each time, often as a fresh literal:
 * comparing them with this copy costs a fraction of building their key.
 */
let lastResolved: { readonly options: OptionsCopy; readonly validator: ClaimValidator } | undefined;

/** The validator for these options: resolved once per distinct options, then reused. */
function validatorFor(options: ValidateOptions | undefined): ClaimValidator {
  const given = options === undefined ? NO_OPTIONS : options;
  if (typeof given !== 'object' || given === null) return createClaimValidator(options);
  let copy: OptionsCopy;
  let key: string;
  try {
    const last = lastResolved;
    if (last !== undefined && sameAsCopy(given, last.options)) return last.validator;
    copy = copyOfOptions(given);
    key = keyOfCopy(copy);
  } catch (error) {
    // Options nested too deep (or in a cycle) to copy are resolved without the cache. Options
    // whose getters or Proxy traps throw when read cannot be resolved at all: every claim gets
    // that as an issue, and the next call reads them again.
    return error instanceof RangeError ? createClaimValidator(given) : unreadableOptions(error);
  }
  let validator = validatorsByOptions.get(key);
  if (validator !== undefined) {
    // Most recently used last, so the oldest is the first key when the cache is full.
    validatorsByOptions.delete(key);
  } else {
    validator = createClaimValidator(given);
    if (validatorsByOptions.size >= VALIDATOR_CACHE_LIMIT)
      validatorsByOptions.delete(validatorsByOptions.keys().next().value!);
  }
  validatorsByOptions.set(key, validator);
  lastResolved = { options: copy, validator };
  return validator;
}

/**
 * A validator whose every result is one `invalid_option` failure at `options` saying what reading
 * them threw (a getter, a Proxy's trap): the functions that validate with options return a result
 * and never throw.
 */
function unreadableOptions(error: unknown): ClaimValidator {
  const issue = createIssue({
    code: 'invalid_option',
    severity: 'error',
    path: ['options'],
    codes: [],
    option: 'options',
    expected: `options whose properties can be read (reading one threw ${describeThrown(error)})`,
  });
  return fixedFailure([issue], 'options');
}

/** What was thrown, in words: its message when it is an error, never an exception of its own. */
function describeThrown(error: unknown): string {
  try {
    if (typeof error === 'string') return JSON.stringify(error);
    const message =
      error instanceof Error ? Object.getOwnPropertyDescriptor(error, 'message')?.value : undefined;
    return typeof message === 'string' ? `an error: ${JSON.stringify(message)}` : `a ${typeof error}`;
  } catch {
    // A thrown Proxy whose traps throw too.
    return 'a value that cannot be read';
  }
}

/**
 * Validates one claim: a parsed {@link Claim} or a claim as the builder or JSON holds it. Returns
 * the one result shape with a verdict: `{ ok, value?, issues, skipped, status }`. `ok` is true only
 * when the claim passed (`status: 'passed'`); `status: 'not_checked'` means no error was found but
 * some code could not be checked for lack of data (a `not_checked` issue sits at each such code's
 * path). Issues are sorted by path, then code. Never throws: a claim that does not match the
 * schema gets `parseClaim`'s issues, bad options get `invalid_option` issues by name.
 *
 * Options are resolved once per distinct content and reused, so a fresh options literal per call,
 * or no options at all, costs about what a reused {@link createClaimValidator} does.
 *
 * For untrusted input (decoded JSON of unknown shape) use {@link validateClaimJson}.
 *
 * @example
 * ```ts
 * const result = validateClaim(claim, { profile: 'medicare-professional' })
 * if (result.ok) console.log('passed', result.value.claimId)
 * else if (result.status === 'not_checked') console.log('not checked: no code set for the date')
 * for (const e of result.issues) console.log(e.severity, e.message)
 * ```
 */
export function validateClaim(claim: Claim | ClaimInput, options?: ValidateOptions): ClaimValidation {
  return validatorFor(options).validateJson(claim);
}

/**
 * {@link validateClaim} for untrusted input: decoded JSON of any shape, or JSON text. The same
 * result; input that is not a claim gets `parseClaim`'s issues.
 *
 * @example
 * ```ts
 * const result = validateClaimJson(JSON.parse(body), { profile: 'medicare-professional' })
 * if (!result.ok) for (const e of result.issues) console.log(formatPath(e.path), e.message)
 * ```
 */
export function validateClaimJson(input: unknown, options?: ValidateOptions): ClaimValidation {
  return validatorFor(options).validateJson(input);
}

/** One result of {@link validateClaims}. */
export interface ClaimsValidationItem {
  /** Position in the input stream. */
  readonly index: number;
  /** The claim's `claimId` when it has one. */
  readonly claimId: string | undefined;
  readonly result: ClaimValidation;
}

/**
 * Validates a stream of claims (any iterable or async iterable) one at a time, yielding each result
 * as it is produced, so memory stays flat whatever the batch size.
 *
 * @example
 * ```ts
 * for await (const { index, result } of validateClaims(readNdjson('claims.ndjson'), { profile: 'medicare-professional' })) {
 *   if (!result.ok) console.log(index, result.status, result.issues.length)
 * }
 * ```
 */
export async function* validateClaims(
  claims: Iterable<unknown> | AsyncIterable<unknown>,
  options?: ValidateOptions,
): AsyncGenerator<ClaimsValidationItem, void, undefined> {
  if (isTextOrBytes(claims))
    throw invalidArgument(
      'validateClaims',
      'claims',
      'an iterable of claims (objects or JSON texts), not one text or byte array: give NDJSON as its lines',
      claims,
    );
  if (!isIterable(claims) && !isAsyncIterable(claims))
    throw invalidArgument('validateClaims', 'claims', 'an iterable or async iterable of claims', claims);
  const validator = validatorFor(options);
  let index = 0;
  for await (const item of claims as AsyncIterable<unknown>) {
    // A claim given as JSON text is read once here, so that its claimId comes with its result.
    const claim = claimTextValue(item);
    yield Object.freeze({ index, claimId: claimIdOf(claim), result: validator.validateJson(claim) });
    index++;
  }
}
