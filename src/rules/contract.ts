/**
 * The code-set contract the rules engine consumes, declared
 * structurally so that `medcode/rules` works with the real `medcode/icd10cm`, `/icd10pcs` and
 * `/hcpcs` systems and with any other implementation (tests, a payer's own tables). Nothing here
 * loads another system: the caller injects the code sets (the note types are ICD-10-CM's own, imported
 * as types only).
 *
 * @module
 */
import type { CheckResult, CodeEntry } from '../core/codeset';
import type { Edition } from '../core/edition';
import type { IsoDate } from '../core/dates';
import type { Result } from '../core/result';

// The note shapes are medcode/icd10cm's own types (type-only imports: nothing of that system loads
// at run time); the code-set interfaces below stay structural so that any implementation can be injected.
export type {
  Icd10CmCodeReference,
  Icd10CmNoteLevel,
  Icd10CmNote,
  Icd10CmEffectiveNotes,
  Icd10CmExcludesConflict,
} from '../icd10cm/index';
import type { Icd10CmEffectiveNotes, Icd10CmExcludesConflict } from '../icd10cm/index';

/** The fields of an ICD-10-CM entry the rules read. */
export interface Icd10CmEntry extends CodeEntry {
  readonly billable: boolean;
  readonly poaExempt: boolean;
  /**
   * False when the POA-exempt list held cannot speak for the code (a code newer than the list):
   * its `poaExempt` is then a default, not the list's word. Absent means the list covers it.
   */
  readonly poaExemptKnown?: boolean;
}
/** A code set with `get` and `check` (any system). */
export interface RuleCodeSet<E extends CodeEntry = CodeEntry> {
  readonly edition: Edition;
  get(code: unknown): E | undefined;
  check(code: unknown): CheckResult<E>;
}
/** The ICD-10-CM code set of one edition, with notes. */
export interface Icd10CmRuleCodeSet extends RuleCodeSet<Icd10CmEntry> {
  notesFor(code: unknown): Icd10CmEffectiveNotes | undefined;
  excludesConflicts(
    a: unknown,
    b: unknown,
    kind?: 'excludes1' | 'excludes2',
  ): readonly Icd10CmExcludesConflict[];
}
/** A modifier entry (CPT and Level II together). */
export interface ModifierEntry extends CodeEntry {
  readonly source: 'hcpcs' | 'cpt';
  readonly ptpAssociated: boolean;
  readonly anatomic: boolean;
}

/**
 * The code sets of a claim, each chosen by date. Every member is optional: a missing one, or one
 * returning `ok: false` for the date, puts the rules that need it in `skipped` (never a pass).
 *
 * @example
 * ```ts
 * import { icd10cm } from 'medcode/icd10cm'
 * import { hcpcs } from 'medcode/hcpcs'
 * const codeSets: ClaimCodeSets = {
 *   icd10cm: (d) => icd10cm.tryAt(d),
 *   hcpcs: (d) => hcpcs.tryAt(d),
 *   modifiers: (d) => hcpcs.modifiers.tryAt(d),
 *   placesOfService: (d) => hcpcs.placesOfService.tryAt(d),
 * }
 * ```
 */
export interface ClaimCodeSets {
  readonly icd10cm?: (date: IsoDate) => Result<Icd10CmRuleCodeSet>;
  readonly icd10pcs?: (date: IsoDate) => Result<RuleCodeSet>;
  readonly hcpcs?: (date: IsoDate) => Result<RuleCodeSet>;
  /** CPT with licensed descriptors, when the user has loaded them (existence check). */
  readonly cpt?: (date: IsoDate) => Result<RuleCodeSet>;
  readonly modifiers?: (date: IsoDate) => Result<RuleCodeSet<ModifierEntry>>;
  readonly placesOfService?: (date: IsoDate) => Result<RuleCodeSet>;
}
