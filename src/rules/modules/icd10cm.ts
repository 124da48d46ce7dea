/**
 * ICD-10-CM conventions that can be checked on codes alone: Excludes1, etiology/manifestation
 * sequencing, and "use additional code".
 *
 * Sources: ICD-10-CM Official Guidelines for Coding and Reporting FY2026, I.A.12.a (Excludes1, with
 * the "unrelated conditions" exception, NCHS guidance of 2015/2016), I.A.13 and I.B.7 (etiology/
 * manifestation, "code first", "use additional code"); CMS Definitions of Medicare Code Edits v37,
 * chapter 1, edit 6 (manifestation as principal).
 *
 * @module
 */
import type { Rule, RuleReporter } from '../types';
import type {
  Icd10CmCodeReference,
  Icd10CmExcludesConflict,
  Icd10CmNote,
  Icd10CmRuleCodeSet,
} from '../contract';
import { compareCodeHead, coversUndotted } from '../../icd10cm/references';
import { undot } from './util';
import type { DiagnosisFacts, DiagnosisTable } from '../diagnosis-table';

/**
 * Lazy cache of Excludes1 verdicts per edition and ordered diagnosis pair: an edition's notes are
 * immutable, and claims repeat the same pairs (E11.9 with I10…), so the verdict is computed once.
 * Keyed by the edition object, not the code-set object: systems hand out a fresh dated view of the
 * same edition per call (`icd10cm.tryAt(date)`), which would make a per-view cache miss every claim.
 */
const conflictCache = new WeakMap<object, ConflictCache>();
const CONFLICT_CACHE_LIMIT = 50_000;

/** Pairs of diagnosis indexes (i < j) as one number, `i * PAIR_BASE + j`: sorted, they run in (i, j) order. */
const PAIR_BASE = 65_536;

/**
 * For a claim past the 837P's 12 diagnoses (already in error; a shorter one has every pair
 * checked, at most 66), the diagnosis pairs (i < j) whose codes may carry an Excludes1 conflict,
 * in (i, j) order: only the pairs where one code's Excludes1 references (its own and its ancestors',
 * as `excludesConflicts` reads them) reach the other, found by binary search over the distinct
 * codes sorted once; a code listed again is paired from its first listing only, which gives the
 * same edits (they are reported at the later diagnosis, once per code pair). A hostile
 * 120-diagnosis claim so costs n log n, not n².
 */
function pairsThatMayConflict(cm: Icd10CmRuleCodeSet, dx: readonly { readonly code: string }[]): number[] {
  const n = dx.length;
  const pairs: number[] = [];
  // Each distinct code as written, with the diagnoses that list it (ascending).
  const listed = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const at = listed.get(dx[i]!.code);
    if (at) at.push(i);
    else listed.set(dx[i]!.code, [i]);
  }
  const known: { undotted: string; at: readonly number[]; excludes1: readonly Icd10CmNote[] }[] = [];
  for (const [code, at] of listed) {
    const entry = cm.get(code);
    const notes = entry ? cm.notesFor(entry.code) : undefined;
    if (entry && notes) known.push({ undotted: undot(entry.code), at, excludes1: notes.excludes1 });
  }
  known.sort((x, y) => (x.undotted < y.undotted ? -1 : x.undotted > y.undotted ? 1 : x.at[0]! - y.at[0]!));
  const codes = known.map((k) => k.undotted);
  const seen = new Set<number>();
  const add = (i: number, j: number) => {
    const pair = i * PAIR_BASE + j;
    if (!seen.has(pair)) {
      seen.add(pair);
      pairs.push(pair);
    }
  };
  for (const x of known) {
    for (const note of x.excludes1) {
      for (const ref of note.references) {
        // A reference reaches a code whose head of low's length is at least low and whose head of
        // high's length is at most high (the bounds may differ in length: `T80-T88.6`).
        const from = firstIndexWhere(codes, (u) => compareCodeHead(u, ref.low) >= 0);
        const to = firstIndexWhere(codes, (u) => compareCodeHead(u, ref.high) > 0);
        for (let k = from; k < to; k++) {
          const y = known[k]!;
          for (const j of y.at) if (x.at[0]! < j) add(x.at[0]!, j);
          if (y !== x) for (const j of x.at) if (y.at[0]! < j) add(y.at[0]!, j);
        }
      }
    }
  }
  return pairs.sort((p, q) => p - q);
}

/**
 * Excludes1 rule (`icd10cm-excludes1`): warning by default, because the guidelines allow both codes
 * when the conditions are unrelated. Excludes2 never fires.
 *
 * @example
 * ```ts
 * validateClaim(claim, { codeSets, rules: { 'icd10cm-excludes1': { severity: 'error' } } })
 * ```
 */
export const excludes1Rule: Rule = {
  id: 'icd10cm-excludes1',
  title: 'ICD-10-CM Excludes1 conflicts between diagnoses',
  citation:
    'ICD-10-CM Official Guidelines FY2026, I.A.12.a (Excludes1, and its exception for unrelated conditions)',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const dx = ctx.claim.diagnoses;
    if (dx.length < 2) return;
    const cm = ctx.diagnosisTable.codeSet(report, 'ICD-10-CM');
    if (!cm) return;
    let cache = conflictCache.get(cm.edition);
    if (!cache) {
      cache = { rows: new Map(), pairs: 0 };
      conflictCache.set(cm.edition, cache);
    }
    // Bounded: a stream of distinct (or hostile) pairs never grows it past the limit.
    if (cache.pairs >= CONFLICT_CACHE_LIMIT) {
      cache.rows.clear();
      cache.pairs = 0;
    }
    const claim: Excludes1Claim = { cm, cache, dx, row: undefined, reported: undefined };
    const n = dx.length;
    if (n <= 12) {
      // Within the 837P's 12 diagnoses: every pair, in (i, j) order, with no list of pairs made.
      for (let i = 0; i < n; i++) {
        claim.row = conflictRow(cache, dx[i]!.code);
        for (let j = i + 1; j < n; j++) checkExcludes1Pair(claim, report, i, j);
      }
      return;
    }
    let i = -1;
    for (const pair of pairsThatMayConflict(cm, dx)) {
      const j = pair % PAIR_BASE;
      if (i !== (pair - j) / PAIR_BASE) {
        i = (pair - j) / PAIR_BASE;
        claim.row = conflictRow(cache, dx[i]!.code);
      }
      checkExcludes1Pair(claim, report, i, j);
    }
  },
};

/** What the Excludes1 rule holds while it walks one claim's diagnosis pairs. */
interface Excludes1Claim {
  readonly cm: Icd10CmRuleCodeSet;
  readonly cache: ConflictCache;
  readonly dx: readonly { readonly code: string }[];
  /** The verdicts of the current first code (undefined for a code too long to keep). */
  row: Map<string, readonly Icd10CmExcludesConflict[]> | undefined;
  /** The conflicts reported so far, as (owner, other, diagnosis index): a claim has a few at most. */
  reported: { readonly owner: string; readonly other: string; readonly at: number }[] | undefined;
}

type ConflictCache = { rows: Map<string, Map<string, readonly Icd10CmExcludesConflict[]>>; pairs: number };

/** The cached verdicts of a first code against second codes (two-level map: no key string per pair). */
function conflictRow(
  cache: ConflictCache,
  a: string,
): Map<string, readonly Icd10CmExcludesConflict[]> | undefined {
  if (a.length > 16) return undefined;
  let row = cache.rows.get(a);
  if (row === undefined) {
    row = new Map();
    cache.rows.set(a, row);
  }
  return row;
}

/**
 * The Excludes1 conflicts between diagnoses `i` and `j` (i < j), each reported once at the later
 * diagnosis (ICD-10-CM Official Guidelines FY2026, I.A.12.a).
 */
function checkExcludes1Pair(claim: Excludes1Claim, report: RuleReporter, i: number, j: number): void {
  const { cm, row, dx } = claim;
  const b = dx[j]!.code;
  let conflicts = row !== undefined && b.length <= 16 ? row.get(b) : undefined;
  if (!conflicts) {
    conflicts = cm.excludesConflicts(dx[i]!.code, b, 'excludes1');
    if (row !== undefined && b.length <= 16) {
      row.set(b, conflicts);
      claim.cache.pairs++;
    }
  }
  for (let k = 0; k < conflicts.length; k++) {
    const c = conflicts[k]!;
    if (c.kind !== 'excludes1' || alreadyReported(claim, c.owner, c.other, j)) continue;
    report.edit({
      code: 'excludes1_conflict',
      path: ['diagnoses', j, 'code'],
      codes: [c.owner, c.other],
      system: 'icd10cm',
      dataVersion: cm.edition.name,
      owner: c.owner,
      other: c.other,
      noteText: c.note.text,
      noteLevel: c.note.level,
      levelCode: c.note.levelCode,
      remedy:
        'report both only when the conditions are unrelated (document it), else keep the one that applies',
    });
  }
}

/** Whether this conflict was reported at diagnosis `at` already; else it is recorded. A scan: a claim has a few at most. */
function alreadyReported(claim: Excludes1Claim, owner: string, other: string, at: number): boolean {
  const reported = (claim.reported ??= []);
  for (const r of reported) if (r.owner === owner && r.other === other && r.at === at) return true;
  reported.push({ owner, other, at });
  return false;
}

/**
 * Whether a diagnosis listed after the first is one a "code first" note of the first names
 * (the claim's codes undotted once, in the claim's diagnosis table).
 */
function codeFirstConditionListed(codeFirst: readonly Icd10CmNote[], table: DiagnosisTable): boolean {
  for (const note of codeFirst)
    for (const ref of note.references)
      for (let k = 1; k < table.size; k++) if (coversUndotted(ref, table.undotted(k))) return true;
  return false;
}

/**
 * The "code first" notes that apply to the code they are read for. The block of section T36-T50
 * ("code first, for adverse effects, the nature of the adverse effect, such as:", then one note per
 * condition: aspirin gastritis (K29.-), blood disorders (D56-D76), …) is about adverse effects only:
 * ICD-10-CM Official Guidelines FY2026, I.C.19.e.5(a), sequences the nature of an adverse effect
 * first, then the T36-T50 code with 6th character 5; a poisoning (6th character 1-4, I.C.19.e.5(b))
 * is sequenced first, with its manifestations after it. A block is the notes of one level.
 */
function applicableCodeFirst(notes: readonly Icd10CmNote[], code: string): readonly Icd10CmNote[] {
  let adverseOnly: Set<string> | undefined;
  for (const n of notes)
    if (/\bfor adverse effects?\b/i.test(n.text))
      (adverseOnly ??= new Set()).add(`${n.level} ${n.levelCode}`);
  if (adverseOnly === undefined || isAdverseEffectCode(undot(code))) return notes;
  return notes.filter((n) => !adverseOnly.has(`${n.level} ${n.levelCode}`));
}

/** A T36-T50 code whose 6th character is 5: adverse effect of a drug (ICD-10-CM tabular, T36-T50). */
function isAdverseEffectCode(undotted: string): boolean {
  return /^T(3[6-9]|4[0-9]|50)/i.test(undotted) && undotted[5] === '5';
}

/**
 * Manifestation-first rule (`icd10cm-manifestation`): a manifestation code as first-listed/principal
 * diagnosis is an error — a code on the MCE manifestation list, or a code with a "code first" note
 * whose title says "in diseases classified elsewhere"; a code with a "code first" note and no such
 * title only when the condition its note names is also on the claim (sequenced after it).
 *
 * @example
 * ```ts
 * validateClaim({ ...claim, diagnoses: [{ code: 'G63' }, { code: 'E11.42' }] }, { codeSets }).issues[0]?.code // 'manifestation_as_principal'
 * ```
 */
export const manifestationRule: Rule = {
  id: 'icd10cm-manifestation',
  title: 'Manifestation code as first-listed or principal diagnosis',
  citation:
    'ICD-10-CM Official Guidelines FY2026, I.A.13 (etiology/manifestation convention); MCE edit 6 (Definitions of Medicare Code Edits v37)',
  defaultSeverity: 'error',
  check(ctx, report) {
    const first = ctx.claim.diagnoses[0];
    if (!first) return;
    const basis: ('code_first_note' | 'mce_list')[] = [];
    const codeFirst: string[] = [];
    let dataVersion: string | undefined;
    let checked = false;
    const cm = ctx.codeSets.icd10cm ? ctx.diagnosisTable.codeSet(report, 'ICD-10-CM') : undefined;
    if (cm) {
      checked = true;
      dataVersion = cm.edition.name;
      const facts = ctx.diagnosisTable.facts(0, report)!;
      const notes = facts.notes;
      const codeFirstNotes = notes ? applicableCodeFirst(notes.codeFirst, first.code) : [];
      if (notes && codeFirstNotes.length > 0) {
        // ICD-10-CM Official Guidelines for Coding and Reporting FY2026, section I.A.13: a "code first" code whose title says "in diseases
        // classified elsewhere" is a manifestation and is never first-listed. Other codes carry
        // "code first" too (I42 cardiomyopathy: "code first pre-existing cardiomyopathy complicating
        // pregnancy (O99.4)"): they are a sequencing error only when the claim holds the condition
        // the note names, listed after them.
        const title = facts.entry?.title ?? '';
        const manifestation = /classified elsewhere/i.test(title);
        const underlyingPresent =
          !manifestation && codeFirstConditionListed(codeFirstNotes, ctx.diagnosisTable);
        if (manifestation || underlyingPresent) {
          basis.push('code_first_note');
          for (const n of codeFirstNotes) codeFirst.push(n.text);
        }
      }
    }
    const mce = ctx.mce.load();
    if (mce) {
      checked = true;
      if (mce.has('manifestation', ctx.diagnosisTable.undotted(0))) {
        basis.push('mce_list');
        dataVersion = dataVersion ? `${dataVersion}; ${mce.dataVersion}` : mce.dataVersion;
      }
    }
    if (!checked) {
      report.skip('neither an ICD-10-CM code set nor the MCE lists are available');
      return;
    }
    if (!ctx.codeSets.icd10cm)
      report.skip(
        '"code first" notes not checked: no ICD-10-CM code set was provided; MCE manifestation list only',
      );
    if (basis.length === 0) return;
    report.edit({
      code: 'manifestation_as_principal',
      path: ['diagnoses', 0, 'code'],
      codes: [first.code],
      system: 'icd10cm',
      ...(dataVersion ? { dataVersion } : {}),
      basis,
      codeFirst,
      remedy: 'list the underlying (etiology) condition first, then this manifestation code',
    });
  },
};

/** A claim's diagnosis codes, undotted and in string order. */
type SortedDiagnoses = readonly string[];

function sortDiagnoses(dx: readonly { readonly code: string }[]): SortedDiagnoses {
  const out = new Array<string>(dx.length);
  for (let i = 0; i < dx.length; i++) out[i] = undot(dx[i]!.code);
  return out.sort();
}

/**
 * How many of the sorted codes a reference covers. Cutting codes to a fixed length keeps their
 * order, so the covered codes are one contiguous run: from the first whose head is at least `low`
 * to the last whose head is at most `high`.
 */
function countCovered(sorted: SortedDiagnoses, ref: Icd10CmCodeReference): number {
  const from = firstIndexWhere(sorted, (u) => compareCodeHead(u, ref.low) >= 0);
  const to = firstIndexWhere(sorted, (u) => compareCodeHead(u, ref.high) > 0);
  return to > from ? to - from : 0;
}

/** Binary search: the first index where a predicate that is false then true over the array holds. */
function firstIndexWhere(sorted: SortedDiagnoses, holds: (code: string) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(sorted[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One "use additional code" instruction: its alternatives, at one level. */
interface AdditionalCodeGroup {
  readonly owner: string;
  /** The tabular level that carries the note: a chapter, a section or a code. */
  readonly level: Icd10CmNote['level'];
  readonly notes: readonly Icd10CmNote[];
  /** Every code reference of the alternatives, flattened: any one present meets the instruction. */
  readonly references: readonly Icd10CmCodeReference[];
  readonly text: string;
  /**
   * Whether one of the references covers a code (undotted), per code met so far: claims repeat the
   * same companion codes, so each is tested against the references once (bounded).
   */
  readonly coverage: Map<string, boolean>;
}

const COVERAGE_LIMIT = 4096;

/** Whether an instruction's references cover an undotted code, tested once per code ({@link AdditionalCodeGroup.coverage}). */
function groupCovers(group: AdditionalCodeGroup, undotted: string): boolean {
  let covered = group.coverage.get(undotted);
  if (covered === undefined) {
    covered = false;
    for (const ref of group.references) if ((covered = coversUndotted(ref, undotted))) break;
    if (group.coverage.size >= COVERAGE_LIMIT) group.coverage.clear();
    group.coverage.set(undotted, covered);
  }
  return covered;
}

/**
 * The "use additional code" instructions of a code. The tabular lists the alternatives of one
 * instruction as separate note lines at the same level (E11: insulin Z79.4, oral antidiabetic
 * Z79.84, …); any one of them meets it, so they are grouped by the level code that carries them.
 * Notes without parsed code references are not checked.
 */
function additionalGroupsOf(facts: DiagnosisFacts): readonly AdditionalCodeGroup[] {
  const notes = facts.notes;
  if (!notes || notes.useAdditionalCode.length === 0) return [];
  const groups = new Map<string, Icd10CmNote[]>();
  for (const note of notes.useAdditionalCode) {
    if (note.references.length === 0) continue;
    // Keyed by level too: chapter "19" and a code can never be confused.
    const key = `${note.level}\u0000${note.levelCode}`;
    const g = groups.get(key);
    if (g) g.push(note);
    else groups.set(key, [note]);
  }
  return Object.freeze(
    [...groups.values()].map((list) =>
      Object.freeze({
        owner: list[0]!.levelCode,
        level: list[0]!.level,
        notes: Object.freeze(list),
        references: Object.freeze(list.flatMap((n) => n.references)),
        text: list.map((n) => n.text).join('; '),
        coverage: new Map<string, boolean>(),
      }),
    ),
  );
}

/**
 * "Use additional code" rule (`icd10cm-use-additional-code`), informational: the note's codes are
 * absent from the claim. Notes without parsed code references are not checked.
 *
 * @example
 * ```ts
 * validateClaim(claim, { codeSets, rules: { 'icd10cm-use-additional-code': false } })
 * ```
 */
export const useAdditionalCodeRule: Rule = {
  id: 'icd10cm-use-additional-code',
  title: '"Use additional code" notes left unmet',
  citation: 'ICD-10-CM Official Guidelines FY2026, I.A.13 ("use additional code" at the etiology code)',
  defaultSeverity: 'info',
  check(ctx, report) {
    const dx = ctx.claim.diagnoses;
    if (dx.length === 0) return;
    const table = ctx.diagnosisTable;
    const cm = table.codeSet(report, 'ICD-10-CM');
    if (!cm) return;
    // A longer claim (already in error) is sorted once: whether another diagnosis falls in a note's
    // range is then two binary searches, so a 120-diagnosis claim costs n log n, not n² (and
    // nothing is sorted when no note applies).
    let others: SortedDiagnoses | undefined;
    for (let i = 0; i < dx.length; i++) {
      const d = dx[i]!;
      const facts = table.facts(i, report)!;
      // A diagnosis that fails validation (unknown, header, 7th character missing) is reported by
      // the validity rule; advice on companion codes would only send the coder further astray
      // (Guidelines I.A.13 applies to a reportable code).
      if (!facts.verdict.ok) continue;
      const groups = facts.derived(additionalGroupsOf);
      for (let g = 0; g < groups.length; g++) {
        const group = groups[g]!;
        // Met when a diagnosis other than this one is in any of the instruction's alternatives.
        let met = false;
        if (dx.length <= 12) {
          // Within the 837P's 12 diagnoses: each other diagnosis against the instruction's memo.
          for (let k = 0; k < dx.length && !met; k++) met = k !== i && groupCovers(group, table.undotted(k));
        } else {
          others ??= sortDiagnoses(dx);
          const self = undot(d.code);
          const { references } = group;
          for (let r = 0; r < references.length && !met; r++)
            met = countCovered(others, references[r]!) > (coversUndotted(references[r]!, self) ? 1 : 0);
        }
        if (met) continue;
        const { owner, level, text } = group;
        report.edit({
          code: 'use_additional_code',
          path: ['diagnoses', i, 'code'],
          codes: [d.code],
          system: 'icd10cm',
          dataVersion: cm.edition.name,
          noteText: text,
          owner,
          noteLevel: level,
        });
      }
    }
  },
};
