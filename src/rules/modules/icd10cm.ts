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
import type { Rule } from '../types';
import type {
  Icd10CmCodeReference,
  Icd10CmExcludesConflict,
  Icd10CmNote,
  Icd10CmRuleCodeSet,
} from '../contract';
import { codeSetOr, undot } from './util';

/**
 * Whether a note reference covers an undotted code: `low <= code.slice(0, low.length) <= high`
 * (the reference's range reads as code prefixes), compared in place, without slicing a string per test.
 */
function covers(ref: Icd10CmCodeReference, undotted: string): boolean {
  return compareHead(undotted, ref.low) >= 0 && compareHead(undotted, ref.high) <= 0;
}

/** Compares `code.slice(0, bound.length)` with `bound`, as strings compare. */
function compareHead(code: string, bound: string): number {
  const n = bound.length;
  for (let i = 0; i < n; i++) {
    if (i >= code.length) return -1; // a shorter head sorts first
    const d = code.charCodeAt(i) - bound.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Lazy cache of Excludes1 verdicts per edition and ordered diagnosis pair: an edition's notes are
 * immutable, and claims repeat the same pairs (E11.9 with I10…), so the verdict is computed once.
 * Keyed by the edition object, not the code-set object: systems hand out a fresh dated view of the
 * same edition per call (`icd10cm.tryAt(date)`), which would make a per-view cache miss every claim.
 */
const conflictCache = new WeakMap<
  object,
  { rows: Map<string, Map<string, readonly Icd10CmExcludesConflict[]>>; pairs: number }
>();
const CONFLICT_CACHE_LIMIT = 50_000;

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
    const cm = codeSetOr<Icd10CmRuleCodeSet>(ctx.codeSets.icd10cm, ctx.diagnosisDate, 'ICD-10-CM', report);
    if (!cm) return;
    const seen = new Set<string>();
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
    for (let i = 0; i < dx.length; i++) {
      const a = dx[i]!.code;
      // Two-level map (first code, then second): no key string built per pair.
      let row = a.length <= 16 ? cache.rows.get(a) : undefined;
      if (row === undefined && a.length <= 16) {
        row = new Map();
        cache.rows.set(a, row);
      }
      for (let j = i + 1; j < dx.length; j++) {
        const b = dx[j]!.code;
        let conflicts = row !== undefined && b.length <= 16 ? row.get(b) : undefined;
        if (!conflicts) {
          conflicts = cm.excludesConflicts(a, b, 'excludes1');
          if (row !== undefined && b.length <= 16) {
            row.set(b, conflicts);
            cache.pairs++;
          }
        }
        if (conflicts.length === 0) continue;
        for (const c of conflicts) {
          if (c.kind !== 'excludes1') continue;
          const key = `${c.owner}|${c.other}|${j}`;
          if (seen.has(key)) continue;
          seen.add(key);
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
    }
  },
};

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
    const cm = ctx.codeSets.icd10cm
      ? codeSetOr<Icd10CmRuleCodeSet>(ctx.codeSets.icd10cm, ctx.diagnosisDate, 'ICD-10-CM', report)
      : undefined;
    if (cm) {
      checked = true;
      dataVersion = cm.edition.name;
      const notes = cm.notesFor(first.code);
      if (notes && notes.codeFirst.length > 0) {
        // ICD-10-CM Official Guidelines for Coding and Reporting FY2026, section I.A.13: a "code first" code whose title says "in diseases
        // classified elsewhere" is a manifestation and is never first-listed. Other codes carry
        // "code first" too (I42 cardiomyopathy: "code first pre-existing cardiomyopathy complicating
        // pregnancy (O99.4)"): they are a sequencing error only when the claim holds the condition
        // the note names, listed after them.
        const title = cm.get(first.code)?.title ?? '';
        const manifestation = /classified elsewhere/i.test(title);
        const others = ctx.claim.diagnoses.slice(1).map((d) => undot(d.code));
        const underlyingPresent =
          !manifestation &&
          notes.codeFirst.some((n) => n.references.some((r) => others.some((u) => covers(r, u))));
        if (manifestation || underlyingPresent) {
          basis.push('code_first_note');
          for (const n of notes.codeFirst) codeFirst.push(n.text);
        }
      }
    }
    const mce = ctx.mce.load();
    if (mce) {
      checked = true;
      if (mce.has('manifestation', first.code)) {
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

/** Per edition and diagnosis code, its "use additional code" instructions (lazy, bounded). */
const additionalCache = new WeakMap<object, Map<string, readonly AdditionalCodeGroup[]>>();

/** One "use additional code" instruction: its alternatives, at one level. */
interface AdditionalCodeGroup {
  readonly owner: string;
  /** The tabular level that carries the note: a chapter, a section or a code. */
  readonly level: Icd10CmNote['level'];
  readonly notes: readonly Icd10CmNote[];
  /** Every code reference of the alternatives, flattened: any one present meets the instruction. */
  readonly references: readonly Icd10CmCodeReference[];
  readonly text: string;
}

/**
 * The "use additional code" instructions of a code. The tabular lists the alternatives of one
 * instruction as separate note lines at the same level (E11: insulin Z79.4, oral antidiabetic
 * Z79.84, …); any one of them meets it, so they are grouped by the level code that carries them.
 * Notes without parsed code references are not checked.
 */
function additionalGroups(cm: Icd10CmRuleCodeSet, code: string): readonly AdditionalCodeGroup[] {
  const notes = cm.notesFor(code);
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
    const cm = codeSetOr<Icd10CmRuleCodeSet>(ctx.codeSets.icd10cm, ctx.diagnosisDate, 'ICD-10-CM', report);
    if (!cm) return;
    const undotted = dx.map((d) => undot(d.code));
    let cache = additionalCache.get(cm.edition);
    if (!cache) {
      cache = new Map();
      additionalCache.set(cm.edition, cache);
    }
    for (let i = 0; i < dx.length; i++) {
      const d = dx[i]!;
      // A diagnosis that fails validation (unknown, header, 7th character missing) is reported by
      // the validity rule; advice on companion codes would only send the coder further astray
      // (Guidelines I.A.13 applies to a reportable code).
      if (!cm.check(d.code).ok) continue;
      let groups = d.code.length <= 16 ? cache.get(d.code) : undefined;
      if (groups === undefined) {
        groups = additionalGroups(cm, d.code);
        if (d.code.length <= 16) {
          if (cache.size >= CONFLICT_CACHE_LIMIT) cache.clear();
          cache.set(d.code, groups);
        }
      }
      for (const { owner, level, references, text } of groups) {
        let met = false;
        for (let k = 0; k < undotted.length && !met; k++) {
          if (k === i) continue;
          const u = undotted[k]!;
          for (let r = 0; r < references.length && !met; r++) met = covers(references[r]!, u);
        }
        if (met) continue;
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
