/**
 * The claim's diagnoses as the ICD-10-CM rules read them: each code looked up once per claim in
 * the edition of the claim's diagnosis date (its verdict, entry and notes), and shared by every
 * rule that asks (code validity, "use additional code", manifestation, POA), instead of each rule
 * asking the code set again.
 *
 * @module
 */
import type { CheckResult } from '../core/codeset';
import type { IsoDate } from '../core/dates';
import type { Icd10CmEffectiveNotes, Icd10CmEntry, Icd10CmRuleCodeSet } from './contract';
import type { ClaimDiagnosis } from '../claims/schema';
import type { Result } from '../core/result';
import type { RuleReporter } from './types';
import { codeSetLookup, isMissing, undot } from './modules/util';
import type { MissingCodeSet } from './modules/util';

/**
 * What one edition says of one diagnosis code, each part read on first use and then kept: every
 * claim listing the code in that edition shares it.
 *
 * @example
 * ```ts
 * const facts = ctx.diagnosisTable.facts(0, report)
 * if (facts && !facts.verdict.ok) console.log(facts.code, 'is not valid on the date')
 * ```
 */
export class DiagnosisFacts {
  #verdict: CheckResult<Icd10CmEntry> | undefined;
  #entry: Icd10CmEntry | null | undefined;
  #notes: Icd10CmEffectiveNotes | null | undefined;
  #firstDerive: object | undefined;
  #firstValue: unknown;
  #derived: Map<object, unknown> | undefined;

  constructor(
    private readonly set: Icd10CmRuleCodeSet,
    /** The code as the claim writes it. */
    readonly code: string,
  ) {}

  /**
   * The code set's `check` of the code: valid for submission in the edition, or its issues.
   *
   * @example
   * ```ts
   * table.facts(0, report)?.verdict.ok // true for E11.9 in FY2026
   * ```
   */
  get verdict(): CheckResult<Icd10CmEntry> {
    this.#verdict ??= this.set.check(this.code);
    return this.#verdict;
  }

  /**
   * The code's entry (headers too), or undefined when the edition has no such code.
   *
   * @example
   * ```ts
   * table.facts(0, report)?.entry?.title
   * ```
   */
  get entry(): Icd10CmEntry | undefined {
    if (this.#entry === undefined) this.#entry = this.set.get(this.code) ?? null;
    return this.#entry ?? undefined;
  }

  /**
   * The tabular notes in force for the code (its own and its ancestors'), or undefined.
   *
   * @example
   * ```ts
   * table.facts(0, report)?.notes?.codeFirst.length
   * ```
   */
  get notes(): Icd10CmEffectiveNotes | undefined {
    if (this.#notes === undefined) this.#notes = this.set.notesFor(this.code) ?? null;
    return this.#notes ?? undefined;
  }

  /**
   * What a rule derives from these facts (its reading of the notes), computed once per code and
   * edition, keyed by the rule's own derivation function (past the first, one returning undefined is not kept).
   *
   * @example
   * ```ts
   * const groups = facts.derived(additionalGroupsOf)
   * ```
   */
  derived<T>(derive: (facts: DiagnosisFacts, set: Icd10CmRuleCodeSet) => T): T {
    // One rule derives from the facts today ("use additional code"): its value sits in a field,
    // read with no lookup; any other derivation goes to a map.
    if (this.#firstDerive === derive) return this.#firstValue as T;
    if (this.#firstDerive === undefined) {
      const value = derive(this, this.set);
      this.#firstDerive = derive;
      this.#firstValue = value;
      return value;
    }
    this.#derived ??= new Map();
    let value = this.#derived.get(derive) as T | undefined;
    if (value === undefined) {
      value = derive(this, this.set);
      this.#derived.set(derive, value);
    }
    return value;
  }
}

/** Per code-set object, the facts of each code met (bounded: a stream of distinct codes is cut). */
const factsBySet = new WeakMap<object, Map<string, DiagnosisFacts>>();
const FACTS_LIMIT = 20_000;

/** Codes longer than any ICD-10-CM code (hostile input) are looked up but never kept. */
const LONGEST_KEPT = 16;

/** The facts kept for a code set's codes, made on first use. */
function factsOfSet(set: Icd10CmRuleCodeSet): Map<string, DiagnosisFacts> {
  let byCode = factsBySet.get(set);
  if (byCode === undefined) {
    byCode = new Map();
    factsBySet.set(set, byCode);
  }
  return byCode;
}

/** The facts of a code in a code set (`byCode`, its {@link factsOfSet}), shared by every claim that lists it. */
function factsIn(set: Icd10CmRuleCodeSet, byCode: Map<string, DiagnosisFacts>, code: string): DiagnosisFacts {
  if (code.length > LONGEST_KEPT) return new DiagnosisFacts(set, code);
  let facts = byCode.get(code);
  if (facts === undefined) {
    facts = new DiagnosisFacts(set, code);
    if (byCode.size >= FACTS_LIMIT) byCode.clear();
    byCode.set(code, facts);
  }
  return facts;
}

/**
 * One claim's diagnoses in the ICD-10-CM edition of its diagnosis date (CMS Medicare Claims
 * Processing Manual, Pub. 100-04, chapter 23: the code set valid on the date of service; chapter 3:
 * the discharge date for inpatient claims). Built empty with the claim's rule context; the code
 * set is chosen on the first rule's request and each diagnosis looked up on first use.
 *
 * @example
 * ```ts
 * const cm = ctx.diagnosisTable.codeSet(report, 'ICD-10-CM')
 * if (cm && ctx.diagnosisTable.facts(0, report)?.verdict.ok) console.log('first diagnosis valid')
 * ```
 */
export class DiagnosisTable {
  #set: Icd10CmRuleCodeSet | undefined;
  #facts: (DiagnosisFacts | undefined)[] | undefined;
  #byCode: Map<string, DiagnosisFacts> | undefined;
  #undotted: string[] | undefined;

  constructor(
    private readonly provider: ((date: IsoDate) => Result<Icd10CmRuleCodeSet>) | undefined,
    /** The claim's diagnosis date (see `RuleContext.diagnosisDate`). */
    readonly date: IsoDate | undefined,
    private readonly diagnoses: readonly ClaimDiagnosis[],
  ) {}

  /**
   * The ICD-10-CM code set in force on the diagnosis date, or why there is none; a missing one is
   * reported as a skip of the asking rule (as `codeSetLookup` does), every time a rule asks.
   *
   * @example
   * ```ts
   * const found = ctx.diagnosisTable.lookup(report, 'ICD-10-CM')
   * if (isMissing(found)) report.skip(found.reason)
   * ```
   */
  lookup(report: RuleReporter, what: string): Icd10CmRuleCodeSet | MissingCodeSet {
    if (this.#set !== undefined) return this.#set;
    const found = codeSetLookup<Icd10CmRuleCodeSet>(this.provider, this.date, what, report);
    if (!isMissing(found)) this.#set = found;
    return found;
  }

  /**
   * The ICD-10-CM code set in force on the diagnosis date, or undefined (the asking rule skipped).
   *
   * @example
   * ```ts
   * const cm = ctx.diagnosisTable.codeSet(report, 'ICD-10-CM')
   * ```
   */
  codeSet(report: RuleReporter, what: string): Icd10CmRuleCodeSet | undefined {
    const found = this.lookup(report, what);
    return isMissing(found) ? undefined : found;
  }

  /**
   * How many diagnoses the claim lists.
   *
   * @example
   * ```ts
   * for (let k = 0; k < ctx.diagnosisTable.size; k++) ctx.diagnosisTable.undotted(k)
   * ```
   */
  get size(): number {
    return this.diagnoses.length;
  }

  /**
   * Diagnosis `k` as the claim writes it, undotted and in ASCII upper case (`e11.9` → `E119`), the
   * form the tabular's note references compare against; made once per claim for every rule.
   *
   * @example
   * ```ts
   * ctx.diagnosisTable.undotted(0) // 'E119' for E11.9
   * ```
   */
  undotted(k: number): string {
    if (this.#undotted === undefined) {
      const dx = this.diagnoses;
      const out = new Array<string>(dx.length);
      for (let i = 0; i < dx.length; i++) out[i] = undot(dx[i]!.code);
      this.#undotted = out;
    }
    return this.#undotted[k]!;
  }

  /**
   * What the edition of the diagnosis date says of diagnosis `i`, or undefined when there is no
   * such edition (the asking rule skipped).
   *
   * @example
   * ```ts
   * ctx.diagnosisTable.facts(0, report)?.verdict.ok
   * ```
   */
  facts(i: number, report: RuleReporter, what = 'ICD-10-CM'): DiagnosisFacts | undefined {
    const known = this.#facts?.[i];
    if (known !== undefined) return known;
    const set = this.codeSet(report, what);
    if (set === undefined) return undefined;
    // The code set's facts map is found once per claim, then each code with one probe.
    this.#byCode ??= factsOfSet(set);
    const facts = factsIn(set, this.#byCode, this.diagnoses[i]!.code);
    // Made on the first request: a claim whose rules read no diagnosis allocates nothing.
    this.#facts ??= new Array<DiagnosisFacts | undefined>(this.diagnoses.length);
    this.#facts[i] = facts;
    return facts;
  }
}
