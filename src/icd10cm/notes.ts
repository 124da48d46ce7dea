/**
 * Instructional notes from the tabular (inclusion terms, includes, excludes1/2, code first, use
 * additional code, code also, notes), loaded lazily from `notes.pack` and applied to a code through
 * its ancestors (ICD-10-CM Official Guidelines I.A.12–I.A.13 and Tabular "Instructional Notations":
 * a note at a category, section or chapter applies to every
 * code below it).
 *
 * @module
 */
import { PackError } from '../core/errors';
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
type NoteTexts = Record<string, string[]>;

/** One element's notes, with each note's code references parsed. */
function notesByKind(texts: NoteTexts, level: Icd10CmNoteLevel, levelCode: string): NotesByKind {
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
}

/**
 * How a {@link NotesIndex} reads its JSON: `ensure(at, length)` makes bytes `[at, at + length)`
 * readable (read in and checked, for a block-checksummed pack) and is called before they are read;
 * `file` names the pack in errors.
 */
export interface NotesBytes {
  readonly file: string;
  ensure(at: number, length: number): void;
}

/** JSON held whole and already checked (a pack without block checksums, a test's text). */
const ALL_READABLE: NotesBytes = Object.freeze({ file: 'notes', ensure: () => {} });

/** Bytes read at an element's start to find its key: `["`, an ICD-10-CM code (7 characters) and `"`. */
const KEY_PEEK_BYTES = 16;

/**
 * The notes of every tabular element, ready to combine. A code's own, subcategory and category
 * notes (9,500 elements, 23,000 notes in FY2026) are parsed from the pack's JSON only when a code
 * under them is first asked for: a claim names a handful of codes, and the whole tabular's notes as
 * objects would hold several MiB in every process (every worker thread) that validates claims.
 * Chapter and section notes, a few hundred, are read at once and their code references parsed on
 * first use too: parsing them all took about 15 ms of every process's first validation.
 */
export class NotesIndex {
  /** Chapter and section note texts, by id. */
  readonly #chapterTexts: ReadonlyMap<string, NoteTexts>;
  readonly #sectionTexts: ReadonlyMap<string, NoteTexts>;
  /** Chapters and sections parsed so far. */
  readonly #chapters = new Map<string, NotesByKind>();
  readonly #sections = new Map<string, NotesByKind>();
  /** The pack's JSON (UTF-8), read in place. */
  readonly #json: Uint8Array;
  /**
   * Where each element's `[key, level, notes]` starts in {@link #json}, by undotted code: found by
   * a scan of a pack without offsets; with them, `undefined`, and {@link #offsets} is searched.
   */
  readonly #nodeAt: ReadonlyMap<string, number> | undefined;
  /** The pack's element offsets, its elements in code order (binary search by the key at each). */
  readonly #offsets: Uint32Array | undefined;
  /** Elements parsed so far. */
  readonly #nodes = new Map<string, NotesByKind>();
  /** Makes bytes of {@link #json} readable before they are read (a block-checksummed pack). */
  readonly #bytes: NotesBytes;

  /**
   * `json` is the notes pack's JSON: `{ chapters, sections, nodes }`; `nodeOffsets`, when the pack
   * has them ({@link NOTES_NODE_OFFSETS}), where each element of `nodes` starts in it, so that the
   * JSON is not scanned. `bytes.ensure`, when the JSON is read from a block-checksummed pack a block
   * at a time, is called for each range of it before the range is read: with the offsets, only the
   * chapter and section notes (the JSON's first 57 KB) and the elements a caller asks for are read.
   * Throws on anything else, and on offsets out of order; an offset that does not start an element
   * is refused when it is read.
   */
  constructor(json: Uint8Array, nodeOffsets?: Uint32Array, bytes: NotesBytes = ALL_READABLE) {
    this.#json = json;
    this.#bytes = bytes;
    // The members before `nodes` (chapters and sections, nearly all of what is not an element) end
    // where the first element starts; without offsets, the whole JSON is scanned.
    bytes.ensure(0, nodeOffsets !== undefined && nodeOffsets.length > 0 ? nodeOffsets[0]! : json.length);
    const top = new Map<string, number>();
    // With the offsets, `nodes` (the last member, nearly all the bytes) is not walked.
    eachJsonMember(json, skipSpace(json, 0), (start, key) => {
      top.set(key!, start);
      return !(key === 'nodes' && nodeOffsets !== undefined);
    });
    const parse = <T>(key: string): T => {
      const at = top.get(key);
      if (at === undefined) throw new Error(`no ${key}`);
      return JSON.parse(UTF8.decode(json.subarray(at, jsonValueEnd(json, at)))) as T;
    };
    const chapters = parse<[string, NoteTexts][]>('chapters');
    const sections = parse<[string, NoteTexts][]>('sections');
    this.#chapterTexts = new Map(chapters);
    this.#sectionTexts = new Map(sections);
    const nodes = top.get('nodes');
    if (nodes === undefined) throw new Error('no nodes');
    if (nodeOffsets === undefined) {
      const nodeAt = new Map<string, number>();
      eachJsonMember(json, nodes, (start) => {
        nodeAt.set(nodeKey(json, start), start);
      });
      this.#nodeAt = nodeAt;
      this.#offsets = undefined;
    } else {
      // Each offset is past the previous one, inside the JSON. The keys at them rise, and each
      // starts an element: notesNodeOffsets, which wrote them, refuses elements out of code order,
      // and the pack's checksums hold what it wrote; the byte at an offset is checked when read.
      let last = nodes;
      for (const at of nodeOffsets) {
        if (at <= last || at >= json.length)
          throw new Error(`node offset ${at} does not start the next element`);
        last = at;
      }
      this.#nodeAt = undefined;
      this.#offsets = nodeOffsets;
    }
  }

  /**
   * The key of the element at `at` (the next one starts at `next`), reading its first bytes only: a
   * key is a code in quotes. A key that does not close within them has the whole element read.
   */
  #keyAt(at: number, next: number): string {
    const json = this.#json;
    const peek = Math.min(KEY_PEEK_BYTES, next - at);
    this.#bytes.ensure(at, peek);
    const head = json.subarray(at, at + peek);
    const open = head.indexOf(QUOTE);
    if (open < 0 || head.indexOf(QUOTE, open + 1) < 0 || head.includes(BACKSLASH))
      this.#bytes.ensure(at, next - at);
    return nodeKey(json, at);
  }

  /** Where the element of `key` starts and ends, or `undefined`. */
  #elementAt(key: string): { readonly at: number; readonly end: number } | undefined {
    const json = this.#json;
    if (this.#nodeAt !== undefined) {
      const at = this.#nodeAt.get(key);
      return at === undefined ? undefined : { at, end: jsonValueEnd(json, at) };
    }
    const offsets = this.#offsets!;
    const endOf = (k: number) => (k + 1 < offsets.length ? offsets[k + 1]! : json.length);
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = offsets[mid]!;
      const next = endOf(mid);
      const found = this.#keyAt(at, next);
      if (found === key) {
        this.#bytes.ensure(at, next - at);
        const end = jsonValueEnd(json, at);
        if (end > next) throw new Error(`element ${key} at byte ${at} runs past the next one at ${next}`);
        return { at, end };
      }
      if (found < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /**
   * The notes of one tabular element (chapter and section excepted) by undotted code, parsed on
   * first use.
   *
   * @example
   * ```ts
   * loadNotes(defaultPackSource(), 'fy2026', null).node('E11')?.excludes1?.[0]?.text
   * ```
   */
  node(key: string): NotesByKind | undefined {
    const made = this.#nodes.get(key);
    if (made !== undefined) return made;
    // A code without notes is searched again each time: a few key reads, and nothing kept for it.
    let texts: NoteTexts;
    let level: Icd10CmNoteLevel;
    try {
      const element = this.#elementAt(key);
      if (element === undefined) return undefined;
      [, level, texts] = JSON.parse(UTF8.decode(this.#json.subarray(element.at, element.end))) as [
        string,
        Icd10CmNoteLevel,
        NoteTexts,
      ];
    } catch (error) {
      // Damaged bytes are the pack's checksum error; bytes that hold what the checksums say but
      // are not the notes JSON the offsets describe are the pack's inconsistency, never "no notes".
      if (error instanceof PackError) throw error;
      throw new PackError('inconsistent', this.#bytes.file, `notes of ${key}: ${String(error)}`);
    }
    const node = notesByKind(texts, level, key.length > 3 ? `${key.slice(0, 3)}.${key.slice(3)}` : key);
    this.#nodes.set(key, node);
    return node;
  }

  /**
   * The notes of a chapter by its id (`'4'`), parsed on first use.
   *
   * @example
   * ```ts
   * loadNotes(defaultPackSource(), 'fy2026', null).chapter('4')?.notes?.[0]?.level // 'chapter'
   * ```
   */
  chapter(id: string): NotesByKind | undefined {
    return parsedOnce(this.#chapters, this.#chapterTexts, id, 'chapter');
  }

  /**
   * The notes of a section by its range (`'I10-I16'`), parsed on first use.
   *
   * @example
   * ```ts
   * loadNotes(defaultPackSource(), 'fy2026', null).section('I10-I16')?.excludes1?.[0]?.level // 'section'
   * ```
   */
  section(id: string): NotesByKind | undefined {
    return parsedOnce(this.#sections, this.#sectionTexts, id, 'section');
  }

  /**
   * The notes of a section whose range an edition extended past the held tabular (`I10-I1A` for the
   * tabular's `I10-I16`): the section with the same first category and the narrowest range (an
   * outer heading such as `C00-C96` shares its first category with `C00-C14`).
   */
  #renamedSection(section: string): NotesByKind | undefined {
    const first = section.split('-')[0]!;
    let best: string | undefined;
    for (const id of this.#sectionTexts.keys())
      if ((id === first || id.startsWith(`${first}-`)) && (best === undefined || id < best)) best = id;
    return best === undefined ? undefined : this.section(best);
  }

  /**
   * Effective notes for an undotted code in a section and chapter: the tabular elements on its
   * path, nearest first. `withSection` is false when the section was derived from ranges (the
   * category is absent from the tabular), so no section note is invented for it.
   */
  effective(code: string, section: string, chapter: string, withSection: boolean): Icd10CmEffectiveNotes {
    const path: NotesByKind[] = [];
    for (let n = code.length; n >= 3; n--) {
      const node = this.node(code.slice(0, n));
      if (node) path.push(node);
    }
    if (withSection) {
      const s = this.section(section) ?? this.#renamedSection(section);
      if (s) path.push(s);
    }
    const c = this.chapter(chapter);
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

/** A chapter's or section's notes from its texts, made on first use and kept. */
function parsedOnce(
  made: Map<string, NotesByKind>,
  texts: ReadonlyMap<string, NoteTexts>,
  id: string,
  level: 'chapter' | 'section',
): NotesByKind | undefined {
  const hit = made.get(id);
  if (hit !== undefined) return hit;
  const t = texts.get(id);
  if (t === undefined) return undefined;
  const notes = notesByKind(t, level, id);
  made.set(id, notes);
  return notes;
}

const UTF8 = new TextDecoder('utf-8');

/* Reading the notes JSON in place: where values start and end, found byte by byte (a newline,
   quote or bracket byte never occurs inside a multi-byte UTF-8 character). */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isJsonSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(json: Uint8Array, at: number): number {
  while (isJsonSpace(json[at])) at++;
  return at;
}

/** Where the string starting at `at` (its opening quote) ends: just past its closing quote. */
function jsonStringEnd(json: Uint8Array, at: number): number {
  for (let i = at + 1; i < json.length; i++) {
    const byte = json[i];
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i + 1;
  }
  throw new Error(`unterminated string at byte ${at}`);
}

/** Where the JSON value starting at `at` ends (exclusive). */
function jsonValueEnd(json: Uint8Array, at: number): number {
  const first = json[at];
  if (first === QUOTE) return jsonStringEnd(json, at);
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) {
    // A number, true, false or null: up to the next delimiter.
    let i = at;
    while (
      i < json.length &&
      json[i] !== COMMA &&
      json[i] !== CLOSE_ARRAY &&
      json[i] !== CLOSE_OBJECT &&
      !isJsonSpace(json[i])
    )
      i++;
    return i;
  }
  let depth = 0;
  for (let i = at; i < json.length; i++) {
    const byte = json[i];
    if (byte === QUOTE) i = jsonStringEnd(json, i) - 1;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) depth++;
    else if ((byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) && --depth === 0) return i + 1;
  }
  throw new Error(`unterminated value at byte ${at}`);
}

/**
 * Calls `visit` with where each member of the object or array starting at `at` starts, and its key
 * (an object's members) or `undefined` (an array's elements).
 */
function eachJsonMember(json: Uint8Array, at: number, visit: (start: number, key?: string) => unknown): void {
  const open = json[at];
  if (open !== OPEN_ARRAY && open !== OPEN_OBJECT) throw new Error(`no object or array at byte ${at}`);
  const close = open === OPEN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT;
  let i = skipSpace(json, at + 1);
  if (json[i] === close) return;
  while (true) {
    let key: string | undefined;
    if (open === OPEN_OBJECT) {
      const keyEnd = jsonStringEnd(json, i);
      key = jsonString(json, i, keyEnd);
      i = skipSpace(json, keyEnd);
      if (json[i] !== COLON) throw new Error(`no colon at byte ${i}`);
      i = skipSpace(json, i + 1);
    }
    // A visitor that returns false has found what it needed: the rest is not read.
    if (visit(i, key) === false) return;
    i = skipSpace(json, jsonValueEnd(json, i));
    if (json[i] === close) return;
    if (json[i] !== COMMA) throw new Error(`no comma at byte ${i}`);
    i = skipSpace(json, i + 1);
  }
}

/**
 * The string whose JSON is `json[start, end)`: read byte by byte when it is plain ASCII (a code,
 * a key), else parsed.
 */
function jsonString(json: Uint8Array, start: number, end: number): string {
  let plain = '';
  for (let i = start + 1; i < end - 1; i++) {
    const byte = json[i]!;
    if (byte === BACKSLASH || byte >= 0x80)
      return JSON.parse(UTF8.decode(json.subarray(start, end))) as string;
    plain += String.fromCharCode(byte);
  }
  return plain;
}

/** The key of a `["A000", level, notes]` element starting at `at`. */
function nodeKey(json: Uint8Array, at: number): string {
  const start = skipSpace(json, at + 1);
  if (json[at] !== OPEN_ARRAY || json[start] !== QUOTE) throw new Error(`no element key at byte ${at}`);
  return jsonString(json, start, jsonStringEnd(json, start));
}

/**
 * The notes pack's section of `u32` byte offsets: where each element of the JSON's `nodes` starts.
 * Written by {@link notesNodeOffsets} when the pack is built; a pack without it is scanned.
 */
export const NOTES_NODE_OFFSETS = 'node-offsets';

/**
 * Where each element of the notes JSON's `nodes` starts, for {@link NOTES_NODE_OFFSETS}: the scan
 * a {@link NotesIndex} would otherwise make at every load, made once when the pack is built. The
 * elements must be in code order (UTF-16 order of their keys), since the reader searches them;
 * throws otherwise.
 *
 * @example
 * ```ts
 * notesNodeOffsets(new TextEncoder().encode('{"chapters":[],"sections":[],"nodes":[["A00","category",{}]]}'))
 * // Uint32Array [ 38 ]
 * ```
 */
export function notesNodeOffsets(json: Uint8Array): Uint32Array {
  let nodes: number | undefined;
  // Stop at `nodes`: the walk below reads it, element by element.
  eachJsonMember(json, skipSpace(json, 0), (start, key) => {
    if (key !== 'nodes') return true;
    nodes = start;
    return false;
  });
  if (nodes === undefined) throw new Error('no nodes');
  const out: number[] = [];
  let previous: string | undefined;
  eachJsonMember(json, nodes, (start) => {
    // The reader searches the elements by key: they must be in code order.
    const key = nodeKey(json, start);
    if (previous !== undefined && key <= previous)
      throw new Error(`notes element ${key} is not after ${previous} (elements go in code order)`);
    previous = key;
    out.push(start);
  });
  return Uint32Array.from(out);
}

const NOTES = new WeakMap<PackSource, Map<string, NotesIndex>>();

/**
 * Loads (once) the notes of an edition: its own `notes.pack`, else its base edition's.
 *
 * @example
 * ```ts
 * loadNotes(defaultPackSource(), 'fy2026', null).node('E11')
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
  const file = `${packs.name}/icd10cm/${from}/notes.pack`;
  let index: NotesIndex;
  try {
    const offsets = pack.has(NOTES_NODE_OFFSETS) ? pack.typed(NOTES_NODE_OFFSETS, 'u32') : undefined;
    // A block-checksummed pack with offsets is read a block at a time, as its elements are asked
    // for: a claim's codes need a few dozen of its 4 KiB blocks, not its 1.5 MB.
    if (offsets !== undefined && pack.header.blockSize !== undefined) {
      const base = pack.offsetOf('notes');
      const bytes: NotesBytes = { file, ensure: (at, length) => pack.ensure(base + at, length) };
      index = new NotesIndex(pack.textView('notes'), offsets, bytes);
    } else index = new NotesIndex(pack.textBytes('notes'), offsets, { file, ensure: () => {} });
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new PackError('inconsistent', file, `section notes is not the notes JSON (${String(error)})`);
  }
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
