/**
 * Instructional notes from the tabular (inclusion terms, includes, excludes1/2, code first, use
 * additional code, code also, notes), loaded lazily from `notes.pack` and applied to a code through
 * its ancestors (ICD-10-CM Official Guidelines I.A.12–I.A.13 and Tabular "Instructional Notations":
 * a note at a category, section or chapter applies to every
 * code below it).
 *
 * @module
 */
import { editionManifest, openPack } from '../core/pack-source';
import type { PackSource } from '../core/pack-source';
import { parseIcd10CmReferences } from './references';
import type { Icd10CmCodeReference } from './references';

/**
 * Where a note sits in the tabular.
 *
 * @example
 * ```ts
 * const level: Icd10CmNoteLevel = 'category'
 * ```
 */
export type Icd10CmNoteLevel = 'chapter' | 'section' | 'category' | 'subcategory' | 'code';

/**
 * One instructional note with its parsed code references.
 *
 * @example
 * ```ts
 * const note = icd10cm.at('2026-05-01').notesFor('E11.9')!.excludes1[0]
 * note.levelCode // 'E11'
 * ```
 */
export interface Icd10CmNote {
  /** The note text as in the tabular. */
  readonly text: string;
  readonly level: Icd10CmNoteLevel;
  /** Chapter `'4'`, section `'E08-E13'`, category `'E11'`, code `'E11.9'`. */
  readonly levelCode: string;
  /** Parenthesised codes of the note (may be empty). */
  readonly references: readonly Icd10CmCodeReference[];
}

/**
 * Note kinds, in the field names of {@link Icd10CmEffectiveNotes}.
 *
 * @example
 * ```ts
 * for (const kind of ICD10CM_NOTE_KINDS) console.log(kind, notes[kind].length)
 * ```
 */
export const ICD10CM_NOTE_KINDS = [
  'inclusionTerms',
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
] as const;
/**
 * One note kind.
 *
 * @example
 * ```ts
 * const kind: Icd10CmNoteKind = 'excludes1'
 * ```
 */
export type Icd10CmNoteKind = (typeof ICD10CM_NOTE_KINDS)[number];

/**
 * A code's own notes plus every ancestor's (code, subcategory, category, section, chapter), nearest first.
 *
 * @example
 * ```ts
 * const notes: Icd10CmEffectiveNotes = icd10cm.at('2026-05-01').notesFor('E11.9')!
 * notes.useAdditionalCode.map((n) => n.text)
 * ```
 */
export type Icd10CmEffectiveNotes = { readonly [K in Icd10CmNoteKind]: readonly Icd10CmNote[] };

type NotesByKind = Partial<Record<Icd10CmNoteKind, readonly Icd10CmNote[]>>;

/** The notes of every tabular element, ready to combine. */
export class NotesIndex {
  readonly chapters: ReadonlyMap<string, NotesByKind>;
  readonly sections: ReadonlyMap<string, NotesByKind>;
  readonly nodes: ReadonlyMap<string, NotesByKind>;

  constructor(raw: {
    chapters: [string, Record<string, string[]>][];
    sections: [string, Record<string, string[]>][];
    nodes: [string, string, Record<string, string[]>][];
  }) {
    const make = (
      texts: Record<string, string[]>,
      level: Icd10CmNoteLevel,
      levelCode: string,
    ): NotesByKind => {
      const out: NotesByKind = {};
      for (const kind of ICD10CM_NOTE_KINDS) {
        const list = texts[kind];
        if (list?.length)
          out[kind] = Object.freeze(
            list.map((text) =>
              Object.freeze({ text, level, levelCode, references: parseIcd10CmReferences(text) }),
            ),
          );
      }
      return out;
    };
    this.chapters = new Map(raw.chapters.map(([id, t]) => [id, make(t, 'chapter', id)]));
    this.sections = new Map(raw.sections.map(([id, t]) => [id, make(t, 'section', id)]));
    this.nodes = new Map(
      raw.nodes.map(([key, level, t]) => [
        key,
        make(t, level as Icd10CmNoteLevel, key.length > 3 ? `${key.slice(0, 3)}.${key.slice(3)}` : key),
      ]),
    );
  }

  /**
   * The notes of a section whose range an edition extended past the held tabular (`I10-I1A` for the
   * tabular's `I10-I16`): the section with the same first category and the narrowest range (an
   * outer heading such as `C00-C96` shares its first category with `C00-C14`).
   */
  #renamedSection(section: string): NotesByKind | undefined {
    const first = section.split('-')[0]!;
    let best: string | undefined;
    for (const id of this.sections.keys())
      if ((id === first || id.startsWith(`${first}-`)) && (best === undefined || id < best)) best = id;
    return best === undefined ? undefined : this.sections.get(best);
  }

  /**
   * Effective notes for an undotted code in a section and chapter: the tabular elements on its
   * path, nearest first. `withSection` is false when the section was derived from ranges (the
   * category is absent from the tabular), so no section note is invented for it.
   */
  effective(code: string, section: string, chapter: string, withSection: boolean): Icd10CmEffectiveNotes {
    const path: NotesByKind[] = [];
    for (let n = code.length; n >= 3; n--) {
      const node = this.nodes.get(code.slice(0, n));
      if (node) path.push(node);
    }
    if (withSection) {
      const s = this.sections.get(section) ?? this.#renamedSection(section);
      if (s) path.push(s);
    }
    const c = this.chapters.get(chapter);
    if (c) path.push(c);
    const out = {} as Record<Icd10CmNoteKind, readonly Icd10CmNote[]>;
    for (const kind of ICD10CM_NOTE_KINDS) {
      const list: Icd10CmNote[] = [];
      for (const p of path) {
        const notes = p[kind];
        if (notes) list.push(...notes);
      }
      out[kind] = Object.freeze(list);
    }
    return Object.freeze(out);
  }
}

const NOTES = new WeakMap<PackSource, Map<string, NotesIndex>>();

/**
 * Loads (once) the notes of an edition: its own `notes.pack`, else its base edition's.
 *
 * @example
 * ```ts
 * loadNotes(defaultPackSource(), 'fy2026', null).nodes.get('E11')
 * ```
 */
export function loadNotes(packs: PackSource, edition: string, base: string | null): NotesIndex {
  const from = hasOwnNotes(packs, edition) || !base ? edition : base;
  let byEdition = NOTES.get(packs);
  if (!byEdition) {
    byEdition = new Map();
    NOTES.set(packs, byEdition);
  }
  const hit = byEdition.get(from);
  if (hit) return hit;
  const pack = openPack(packs, 'icd10cm', from, 'notes.pack', 'icd10cm/notes');
  const index = new NotesIndex(pack.json('notes'));
  byEdition.set(from, index);
  return index;
}

/**
 * Whether an edition has a notes pack of its own (its manifest lists one); else it reads its base's.
 *
 * @example
 * ```ts
 * hasOwnNotes(defaultPackSource(), 'fy2027') // false: FY2027 reads FY2026's notes
 * ```
 */
export function hasOwnNotes(packs: PackSource, edition: string): boolean {
  return editionManifest(packs, 'icd10cm', edition).files.some((f) => f.file === 'notes.pack');
}
