/**
 * Build time only: reads the official ICD-10-CM files and writes the compact packs. Never imported
 * by the runtime entry (`medcode/icd10cm`).
 *
 * Sources (codesets/sources/SOURCES.md):
 * - CMS order file `icd10cm_order_2026.txt` (layout in CMS `icd10OrderFiles.pdf`):
 *   codes, billable flag (1 = valid for HIPAA transactions, 0 = header), short and long titles;
 * - CMS FY2027 order addenda `icd10cm_order_addenda_2027.txt` (Add / Delete / Revise from / Revise to
 *   lines in order-file layout, plus the count trailer);
 * - CDC tabular XML (`icd10cm_tabular.xsd`): chapters, sections, notes, `sevenChrDef`;
 * - CDC POA-exempt list `POAexemptCodesFY26.txt`;
 * - CDC index, external-cause index, drug and neoplasm tables (search terms).
 *
 * @module
 */
import { deflateSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { PackWriter } from '../core/pack';
import { NOTES_NODE_OFFSETS, notesNodeOffsets } from './notes';
import { SourceFormatError } from '../core/errors';
import { formatIcd10CmDotted } from './model';
import { NONESSENTIAL_MODIFIER, indexPathTokens, queryParts, searchTokens, wordCount } from './text';
import {
  CONTINUED_MANIFESTATION_TERM,
  CONTINUED_TERM,
  MANIFESTATION_TERM,
  SEARCH_PACK_ENCODING,
  encodeSearchSections,
} from './search';

// ---------------------------------------------------------------------------------------------
// Order file and addenda

/** One row of the CMS order file. */
export interface OrderRow {
  readonly code: string;
  readonly billable: boolean;
  readonly shortTitle: string;
  readonly title: string;
}

/**
 * Parses `icd10cm_order_YYYY.txt`: fixed width, order number 1–5, code 7–13 (undotted, padded),
 * flag 15 (`1` billable / `0` header), short title 17–76, long title from 78
 * (CMS `icd10OrderFiles.pdf`).
 *
 * @example
 * ```ts
 * parseOrderFile('00001 A00     0 Cholera' + ' '.repeat(53) + 'Cholera')[0].code // 'A00'
 * ```
 */
export function parseOrderFile(text: string, file = 'icd10cm_order.txt'): OrderRow[] {
  const rows: OrderRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const row = parseOrderFields(line.slice(6), file, i + 1);
    rows.push(row);
  }
  return rows;
}

/** Parses `code(7) flag(1) short(60) long` with single spaces between, as the order file after its order number. */
function parseOrderFields(rest: string, file: string, line: number): OrderRow {
  const code = rest.slice(0, 7).trim();
  const flag = rest.charAt(8);
  if (!/^[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])[0-9A-Z]{0,4}$/.test(code))
    throw new SourceFormatError(file, line, `bad code ${JSON.stringify(code)}`);
  if (flag !== '0' && flag !== '1')
    throw new SourceFormatError(file, line, `bad billable flag ${JSON.stringify(flag)}`);
  return {
    code,
    billable: flag === '1',
    shortTitle: rest.slice(10, 70).trim(),
    title: rest.slice(71).trim(),
  };
}

/** The parsed FY addenda. */
export interface OrderAddenda {
  readonly adds: readonly OrderRow[];
  readonly deletes: readonly OrderRow[];
  readonly revisions: readonly { readonly from: OrderRow; readonly to: OrderRow }[];
  /** The trailer's own figures. */
  readonly trailer: {
    readonly headers: {
      readonly before: number;
      readonly after: number;
      readonly additions: number;
      readonly deletions: number;
      readonly revisions: number;
    };
    readonly codes: {
      readonly before: number;
      readonly after: number;
      readonly additions: number;
      readonly deletions: number;
      readonly revisions: number;
    };
  };
}

/**
 * Parses a CMS order-file addenda (`icd10cm_order_addenda_YYYY.txt`): `Add:`, `Delete:`,
 * `Revise from:` / `Revise to:` lines (13-character prefix, then the order-file fields without the
 * order number) and the `Headers` / `Codes` count trailer.
 *
 * @example
 * ```ts
 * parseOrderAddenda(text).trailer.codes.after // 74879
 * ```
 */
export function parseOrderAddenda(text: string, file = 'icd10cm_order_addenda.txt'): OrderAddenda {
  const adds: OrderRow[] = [];
  const deletes: OrderRow[] = [];
  const revisions: { from: OrderRow; to: OrderRow }[] = [];
  let pendingFrom: OrderRow | undefined;
  const lines = text.split(/\r?\n/);
  const trailer: Record<'headers' | 'codes', Record<string, number>> = { headers: {}, codes: {} };
  let block: 'headers' | 'codes' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kind = /^(Add|Delete|Revise from|Revise to):/.exec(line)?.[1];
    if (kind) {
      // After the 13-character prefix: flag(1) space code(7) space short(60) space long.
      const rest = line.slice(13);
      const row = parseOrderFields(`${rest.slice(2, 9)} ${rest.charAt(0)}${rest.slice(9)}`, file, i + 1);
      if (kind === 'Add') adds.push(row);
      else if (kind === 'Delete') deletes.push(row);
      else if (kind === 'Revise from') pendingFrom = row;
      else {
        if (!pendingFrom || pendingFrom.code !== row.code)
          throw new SourceFormatError(file, i + 1, 'Revise to without matching Revise from');
        revisions.push({ from: pendingFrom, to: row });
        pendingFrom = undefined;
      }
      continue;
    }
    const t = line.trim();
    if (t === 'Headers') block = 'headers';
    else if (t === 'Codes') block = 'codes';
    const m = /^(\d+) (headers|codes) in icd10cm_order_(\d{4})\.txt$/.exec(t);
    if (m && block) {
      trailer[block][Object.keys(trailer[block]).includes('before') ? 'after' : 'before'] = Number(m[1]);
      continue;
    }
    const c = /^(\d+) (additions|deletions|revisions)$/.exec(t);
    if (c && block) trailer[block][c[2]!] = Number(c[1]);
  }
  const pick = (b: Record<string, number>) => {
    for (const k of ['before', 'after', 'additions', 'deletions', 'revisions'])
      if (b[k] === undefined) throw new SourceFormatError(file, undefined, `trailer lacks ${k}`);
    return {
      before: b.before!,
      after: b.after!,
      additions: b.additions!,
      deletions: b.deletions!,
      revisions: b.revisions!,
    };
  };
  return {
    adds,
    deletes,
    revisions,
    trailer: { headers: pick(trailer.headers), codes: pick(trailer.codes) },
  };
}

/**
 * Applies an addenda to an order list: deletions first, then additions placed in classification
 * order, then revised titles. A Delete + Add of the same code is a billable↔header flag change.
 * Throws when a deletion or revision does not match the base, so a wrong base is never silently used.
 *
 * @example
 * ```ts
 * applyOrderAddenda(fy2026Rows, addenda).length // 98403
 * ```
 */
export function applyOrderAddenda(
  base: readonly OrderRow[],
  addenda: OrderAddenda,
  file = 'addenda',
): OrderRow[] {
  const list: OrderRow[] = [...base];
  const indexOf = (code: string) => list.findIndex((r) => r.code === code);
  const deletedAt = new Map<string, number>();
  for (const d of addenda.deletes) {
    const i = indexOf(d.code);
    if (i < 0 || list[i]!.billable !== d.billable)
      throw new SourceFormatError(file, undefined, `Delete ${d.code} does not match the base edition`);
    deletedAt.set(d.code, i);
    list.splice(i, 1);
  }
  for (const a of addenda.adds) {
    if (indexOf(a.code) >= 0) throw new SourceFormatError(file, undefined, `Add ${a.code} already exists`);
    list.splice(insertionPoint(list, a.code), 0, a);
  }
  for (const { from, to } of addenda.revisions) {
    const i = indexOf(from.code);
    if (i < 0 || list[i]!.title !== from.title)
      throw new SourceFormatError(file, undefined, `Revise from ${from.code} does not match the base title`);
    list[i] = to;
  }
  return list;
}

/**
 * Where an added code goes in classification order. The order file is not in ASCII order across
 * categories (C4A sits between C43 and C44), so a code is placed inside the block of its longest
 * existing prefix (its parent), in ASCII order among that block, which holds within a category; a
 * new category goes after the nearest preceding category (J4B after J4A…).
 */
function insertionPoint(list: readonly OrderRow[], code: string): number {
  for (let n = code.length - 1; n >= 3; n--) {
    const prefix = code.slice(0, n);
    const at = list.findIndex((r) => r.code === prefix);
    if (at < 0) continue;
    let i = at + 1;
    while (i < list.length && list[i]!.code.startsWith(prefix) && list[i]!.code < code) i++;
    return i;
  }
  const category = code.slice(0, 3);
  let best = -1;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!.code.slice(0, 3);
    if (c < category && c[0] === category[0]) best = i;
  }
  return best + 1;
}

// ---------------------------------------------------------------------------------------------
// Tabular XML

/** Kinds of tabular notes, in the contract's field names. */
export const NOTE_KINDS = [
  'inclusionTerms',
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
] as const;
/** One kind of tabular note. */
export type NoteKind = (typeof NOTE_KINDS)[number];
const XML_NOTE_TAGS: Readonly<Record<NoteKind, string>> = {
  inclusionTerms: 'inclusionTerm',
  includes: 'includes',
  excludes1: 'excludes1',
  excludes2: 'excludes2',
  codeFirst: 'codeFirst',
  useAdditionalCode: 'useAdditionalCode',
  codeAlso: 'codeAlso',
  notes: 'notes',
};

/** Notes of one tabular element, by kind (only non-empty kinds). */
export type NoteTexts = Partial<Record<NoteKind, string[]>>;

/** A tabular `<diag>` (category, subcategory or code). */
export interface TabularNode {
  readonly key: string;
  readonly level: 'category' | 'subcategory' | 'code';
  readonly notes: NoteTexts;
  readonly sevenChr?: readonly (readonly [string, string])[];
}

/** The parsed tabular list. */
export interface Tabular {
  readonly version: string;
  readonly chapters: readonly {
    readonly id: string;
    readonly title: string;
    readonly first: string;
    readonly last: string;
    readonly notes: NoteTexts;
  }[];
  readonly sections: readonly {
    readonly id: string;
    readonly title: string;
    readonly chapter: number;
    readonly first: string;
    readonly last: string;
    readonly notes: NoteTexts;
  }[];
  readonly nodes: ReadonlyMap<string, TabularNode>;
  /**
   * Each category's own section: the `<section>` whose `<diag>` children include it, which is the
   * innermost of the ranges that contain it (C00 is in `C00-C14`, not in the headings `C00-C96` and
   * `C00-C75` that hold no category of their own).
   */
  readonly categorySections: ReadonlyMap<string, number>;
}

type XmlNode = Record<string, unknown>;

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * The reading shared by every CDC ICD-10-CM XML file (tabular, index, drug and neoplasm tables,
 * external cause index): element and attribute text is kept as written. fast-xml-parser would
 * otherwise turn `<title>false</title>` into the boolean false (the index subterms "Pregnancy,
 * false" F45.8, "Croup, false" J38.5, "Lymphoma, histiocytic, true" C96.A) and `1.50` or `007`
 * into numbers, losing the text the index prints.
 */
function cdcXmlParser(isArray: (name: string) => boolean): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray,
  });
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v.trim().replace(/\s+/g, ' ');
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as XmlNode)['#text']);
  return '';
}

function notesOf(el: XmlNode): NoteTexts {
  const out: NoteTexts = {};
  for (const kind of NOTE_KINDS) {
    const texts: string[] = [];
    for (const block of asArray(el[XML_NOTE_TAGS[kind]])) {
      for (const note of asArray((block as XmlNode).note)) {
        const t = textOf(note);
        if (t) texts.push(t);
      }
    }
    if (texts.length) out[kind] = texts;
  }
  return out;
}

/** The `<version>` of a tabular or index XML, read from its first bytes. */
export function xmlVersion(xml: string): string | undefined {
  return /<version>\s*([^<\s]+)\s*<\/version>/.exec(xml.slice(0, 2000))?.[1];
}

/**
 * Parses a CDC ICD-10-CM tabular XML (`icd10cm_tabular.xsd`): chapters with their section ranges
 * (`sectionIndex/sectionRef first/last`), sections, every `<diag>` with its notes and
 * `sevenChrDef` (`<extension char>` values).
 *
 * @example
 * ```ts
 * parseTabular(xml).nodes.get('S72')?.sevenChr?.[0] // ['A', 'initial encounter for closed fracture']
 * ```
 */
export function parseTabular(xml: string, file = 'tabular.xml'): Tabular {
  const parser = cdcXmlParser((name) =>
    ['chapter', 'section', 'sectionRef', 'diag', 'note', 'extension'].includes(name),
  );
  const doc = parser.parse(xml) as { 'ICD10CM.tabular'?: XmlNode };
  const root = doc['ICD10CM.tabular'];
  if (!root) throw new SourceFormatError(file, undefined, 'not an ICD10CM.tabular document');
  const version = textOf(root.version);
  const chapters: Tabular['chapters'][number][] = [];
  const sections: Tabular['sections'][number][] = [];
  const nodes = new Map<string, TabularNode>();
  const categorySections = new Map<string, number>();
  const walk = (diag: XmlNode, inheritedDepth: number) => {
    const name = textOf(diag.name).replace('.', '');
    const children = asArray(diag.diag) as XmlNode[];
    const level = inheritedDepth === 0 ? 'category' : children.length ? 'subcategory' : 'code';
    const ext = asArray((asArray(diag.sevenChrDef)[0] as XmlNode | undefined)?.extension).map(
      (e) => [String((e as XmlNode)['@char']), textOf(e)] as const,
    );
    nodes.set(name, { key: name, level, notes: notesOf(diag), ...(ext.length ? { sevenChr: ext } : {}) });
    for (const c of children) walk(c, inheritedDepth + 1);
  };
  for (const ch of asArray(root.chapter) as XmlNode[]) {
    const refs = asArray((ch.sectionIndex as XmlNode | undefined)?.sectionRef) as XmlNode[];
    const chapterIndex = chapters.length;
    const firsts = refs.map((r) => String(r['@first']));
    const lasts = refs.map((r) => String(r['@last']));
    chapters.push({
      id: textOf(ch.name),
      title: textOf(ch.desc).replace(/\s*\([A-Z0-9]+-[A-Z0-9]+\)$/, ''),
      first: [...firsts].sort()[0] ?? '',
      last: [...lasts].sort().at(-1) ?? '',
      notes: notesOf(ch),
    });
    const rangeById = new Map(
      refs.map((r) => [String(r['@id']), { first: String(r['@first']), last: String(r['@last']) }]),
    );
    for (const sec of asArray(ch.section) as XmlNode[]) {
      const id = String(sec['@id']);
      const range = rangeById.get(id) ?? { first: id.split('-')[0]!, last: id.split('-')[1] ?? id };
      sections.push({
        id,
        title: textOf(sec.desc).replace(/\s*\([A-Z0-9-]+\)$/, ''),
        chapter: chapterIndex,
        first: range.first,
        last: range.last,
        notes: notesOf(sec),
      });
      for (const d of asArray(sec.diag) as XmlNode[]) {
        categorySections.set(textOf(d.name).replace('.', ''), sections.length - 1);
        walk(d, 0);
      }
    }
  }
  return { version, chapters, sections, nodes, categorySections };
}

/**
 * The section (block) of a 3-character category: the section that holds it in the tabular, else the
 * innermost section whose range contains it (the last-starting one), else (for a category outside
 * every range) the section with the greatest first code not after it; `derived` says whether the
 * tabular itself placed it. {@link sectionLayout} places categories by the order file instead.
 *
 * @example
 * ```ts
 * sectionOfCategory(tabular, 'C00') // { index: <C00-C14>, derived: false }
 * ```
 */
export function sectionOfCategory(tab: Tabular, category: string): { index: number; derived: boolean } {
  const own = tab.categorySections.get(category);
  if (own !== undefined) return { index: own, derived: false };
  let inner = -1;
  let best = 0;
  for (let i = 0; i < tab.sections.length; i++) {
    const s = tab.sections[i]!;
    if (s.first <= category && category <= s.last && (inner < 0 || s.first >= tab.sections[inner]!.first))
      inner = i;
    if (s.first <= category && s.first >= tab.sections[best]!.first) best = i;
  }
  return { index: inner >= 0 ? inner : best, derived: true };
}

/** Sections and chapters of one edition, with each of its categories placed in one section. */
export interface SectionLayout {
  readonly chapters: Tabular['chapters'];
  /** The tabular's sections (same indices), ranges extended, then sections the tabular lacks. */
  readonly sections: Tabular['sections'];
  /** Category → its section index and whether the placement was derived from the order file. */
  readonly categories: ReadonlyMap<string, { readonly index: number; readonly derived: boolean }>;
}

/**
 * Places every category of an edition's order file in a section. A category the tabular holds
 * keeps its own (innermost) section. A category the tabular predates (I1A and J4A for an FY2023
 * tabular) sits in the order file among its classification neighbours (the order file is the
 * tabular order, CMS `icd10OrderFiles.pdf`): it joins the section of the category before it, whose
 * range is extended to it when it is the highest code (`I10-I16` becomes `I10-I1A`, `J40-J47`
 * becomes `J40-J4A`), unless it lies past the end of its chapter's range (QA0 after Q99 in
 * chapter 17, Q00-Q99): then it opens a section of its own, titled by the order file. `rowsBefore` (a base edition's rows) is laid out first, so that the sections a
 * base edition added keep their indices in an edition derived from it.
 *
 * @example
 * ```ts
 * const layout = sectionLayout(tabular, fy2026Rows)
 * layout.sections[layout.categories.get('I1A')!.index].id // 'I10-I1A'
 * ```
 */
export function sectionLayout(
  tab: Tabular,
  rows: readonly OrderRow[],
  rowsBefore: readonly OrderRow[] = [],
): SectionLayout {
  const sections = tab.sections.map((s) => ({ ...s }));
  const chapters = tab.chapters.map((c) => ({ ...c }));
  const categories = new Map<string, { index: number; derived: boolean }>();
  for (const list of [rowsBefore, rows]) {
    let prev = -1;
    for (const r of list) {
      if (r.code.length !== 3) continue;
      const seen = categories.get(r.code);
      const own = seen ? seen.index : tab.categorySections.get(r.code);
      if (own !== undefined) {
        if (!seen) categories.set(r.code, { index: own, derived: false });
        prev = own;
        continue;
      }
      const before = prev >= 0 ? sections[prev]! : undefined;
      const chapterIndex = before ? before.chapter : 0;
      if (before && r.code <= tab.chapters[chapterIndex]!.last) {
        // A range is written lowest–highest code (letters after digits: J40-J4A, K65-K6A), even
        // where the order file puts the new category in the middle (J4A between J44 and J45).
        if (r.code > before.last) {
          const renamed = before.id === `${before.first}-${before.last}` || before.id === before.first;
          before.last = r.code;
          if (renamed) before.id = `${before.first}-${r.code}`;
        }
        categories.set(r.code, { index: prev, derived: true });
        continue;
      }
      sections.push({
        id: r.code,
        title: r.title,
        chapter: chapterIndex,
        first: r.code,
        last: r.code,
        notes: {},
      });
      const c = chapters[chapterIndex]!;
      if (r.code > c.last) c.last = r.code;
      prev = sections.length - 1;
      categories.set(r.code, { index: prev, derived: true });
    }
  }
  return { chapters, sections, categories };
}

// ---------------------------------------------------------------------------------------------
// Index files (search terms)

/** One alphabetic-index term and the code it points to (dotted or undotted, as printed). */
export interface IndexTerm {
  readonly text: string;
  readonly code: string;
  readonly source: 'index' | 'eindex' | 'drug' | 'neoplasm';
  /**
   * Set when the term reaches the code through a cross-reference rather than printing it: the
   * reference's target as printed (`Infarct, myocardium` for `Attack, heart — see Infarct,
   * myocardium`).
   */
  readonly via?: string;
  /**
   * For a term reached through a cross-reference: the full text of the index entry that prints the
   * code (`Infarct, infarction, myocardium, myocardial (acute)`). The held-out evaluation drops a
   * referring term whose code comes from a held-out entry, so that entry's words and code are really
   * out of the index measured.
   */
  readonly origin?: string;
  /**
   * How the code is printed when it is not a plain `code`: `subcat` (a subcategory, `H93.3`), `manif`
   * (the manifestation code printed in brackets after the etiology code, `E85.4 [I43]`) or `seecat`
   * (`see category M01` printed as an element).
   */
  readonly printed?: 'subcat' | 'manif' | 'seecat';
  /**
   * Set on a term made of a referring entry and one subterm of the entry it names (`Broken, bone,
   * hip` from `Broken, bone — see Fracture` and `Fracture, hip`): a step the index leaves to the reader.
   */
  readonly continued?: true;
}

/** One entry of an index file as printed: its title, codes, cross-references and subterms. */
interface IndexEntry {
  readonly text: string;
  /** Lower-case title without its nonessential modifiers, and each comma-separated form of it. */
  readonly keys: readonly string[];
  /** The keys of the title as a whole ({@link entryKeys}): the title, and the title without a trailing NEC or NOS, not its forms. */
  readonly wholeKeys: readonly string[];
  readonly codes: string[];
  /** The entry's own title as printed (`leg`, `Fracture, traumatic (abduction)`). */
  readonly title: string;
  /** 0 for a main term, 1 for its subterms, and so on. */
  readonly level: number;
  readonly see: string[];
  readonly seeAlso: string[];
  readonly subterms: IndexEntry[];
}

/** Index elements that print a code other than `<code>` (CDC index XSD, `icd10cm_index.xsd`). */
const PRINTED_CODES = ['subcat', 'seecat', 'manif'] as const;

/** An index title as a lookup key: nonessential modifiers (parenthesised) dropped, lower case. */
function titleKey(title: string): string {
  let t = title;
  // Modifiers nest (`Dementia (degenerative (primary))`): strip innermost first until none is left.
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(NONESSENTIAL_MODIFIER, ' ');
  }
  return t.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The keys one title answers to: the whole title, the title without a trailing NEC or NOS (a
 * reference names `Hydronephrosis`, the entry prints `Hydronephrosis … NEC`), and each of its
 * comma-separated forms.
 */
function titleKeys(title: string): string[] {
  return withForms(entryKeys(title));
}

/** {@link titleKeys} from the title's {@link entryKeys}: those keys, then each comma-separated form. */
function withForms([whole, bare]: readonly [whole: string, bare: string]): string[] {
  return [...new Set([whole, bare, ...bare.split(', ')])];
}

/**
 * The keys one entry's title answers to as a whole: the title, and the title without a trailing NEC
 * or NOS. Unlike {@link titleKeys}, not each comma-separated part: `juvenile, breast` under
 * `Carcinoma` is a kind of carcinoma, not the site `breast`.
 */
function entryKeys(title: string): [whole: string, bare: string] {
  const whole = titleKey(title);
  return [whole, whole.replace(/ (nec|nos)$/, '')];
}

/**
 * Follows a `see` / `see also` target (`Infarct, myocardium`, `Ulcer, pressure, by site`) to the index
 * entry it names: the longest run of its parts that is a main term (a main term's title may itself
 * hold commas, `Infarct, infarction`), then one subterm per remaining part. Parts no subterm answers
 * to (`by site`, a site the reader supplies) end the walk at the deepest entry reached. Targets in the
 * Neoplasm Table or the Table of Drugs and Chemicals need a site or a drug the reference cannot give,
 * so they are not followed. With `whole`, a target some of whose parts no entry answers to (other
 * than a closing `by site`) names nothing.
 */
function referenceTarget(
  target: string,
  mainTerms: ReadonlyMap<string, IndexEntry>,
  whole = false,
): IndexEntry | undefined {
  const parts = titleKey(target)
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts[0] === 'neoplasm' || parts[0]!.startsWith('table of')) return undefined;
  let entry: IndexEntry | undefined;
  let i = parts.length;
  for (; i > 0 && !entry; i--) entry = mainTerms.get(parts.slice(0, i).join(', '));
  let rest = parts.slice(i + 1);
  if (!entry) {
    // `see also Otitis media`: a main term and its subterm printed as one phrase (the index has
    // `Otitis` with the subterm `media`): the longest leading words that are a main term, the rest a
    // subterm.
    const words = parts[0]!.split(' ');
    for (let k = words.length - 1; k > 0 && !entry; k--) {
      entry = mainTerms.get(words.slice(0, k).join(' '));
      if (entry) rest = [words.slice(k).join(' '), ...parts.slice(1)];
    }
  }
  if (!entry) return undefined;
  // `by site`, `by type`: the reader supplies the site or type; the walk ends there (a subterm such
  // as `impaction, impacted - code as Fracture, by site` must not answer to it).
  while (rest.length > 0 && !rest[0]!.startsWith('by ')) {
    let found = subtermNamed(entry.subterms, rest);
    // A reference may leave out the connective the index prints its subterm under: `Diabetes,
    // amyotrophy` names `Diabetes, with, amyotrophy`, `Angina, with documented spasm` the entry
    // `Angina, with, documented spasm` ("with" subterms, Official Guidelines FY2026, I.A.15).
    if (!found)
      for (const connective of entry.subterms) {
        if (!CONNECTIVES.has(connective.keys[0]!)) continue;
        const [first = '', ...after] = rest;
        const within = subtermNamed(connective.subterms, [first.replace(CONNECTIVE_WORD, ''), ...after]);
        if (within && (!found || within.used > found.used)) found = within;
      }
    // A part may name two levels of the index in one phrase: `Hypertension, complicating pregnancy`
    // names `Hypertension, complicating, pregnancy`, `Defect, reduction, upper limb` names `Defect,
    // reduction, limb, upper` (a site's qualifier printed as its subterm).
    if (!found) {
      const words = rest[0]!.split(' ');
      for (let k = 1; k < words.length && !found; k++) {
        const head = words.slice(0, k).join(' ');
        const tail = words.slice(k).join(' ');
        for (const [outer, inner] of k === 1 && words.length === 2
          ? [
              [head, tail],
              [tail, head],
            ]
          : [[head, tail]]) {
          const level = subtermNamed(entry.subterms, [outer!]);
          const below = level && subtermNamed(level.entry.subterms, [inner!, ...rest.slice(1)]);
          if (level && below) found = { entry: below.entry, used: below.used };
          if (found) break;
        }
      }
    }
    if (!found) break;
    entry = found.entry;
    rest = rest.slice(found.used);
  }
  if (whole && rest.length > 0 && !rest[0]!.startsWith('by ')) return undefined;
  return entry;
}

/** Subterms the index prints only to group others under a connective (Official Guidelines FY2026, I.A.15). */
const CONNECTIVES = new Set(['with', 'in', 'due to']);
/** A connective a reference prints at the start of a part (`with documented spasm`). */
const CONNECTIVE_WORD = /^(?:with|in|due to) /;

/**
 * The subterm that answers to the leading parts of a reference's remaining path, and how many parts
 * it takes (the most it can): the subterm as the reference prints it, else with its words' plural s
 * aside (`Opioid (s), dependence — see Dependence, drug, opioids` names the subterm printed
 * `opioid`), else one of the alternatives a subterm prints with `or` (`Bronchitis, croupous — see
 * Bronchitis, acute` names the subterm printed `acute or subacute`).
 */
function subtermNamed(
  subterms: readonly IndexEntry[],
  rest: readonly string[],
): { entry: IndexEntry; used: number } | undefined {
  // A subterm's whole title before one of its comma-separated forms: `Osteochondrosis, juvenile`
  // names the subterm `juvenile`, not `femur (head), juvenile`.
  for (const same of SUBTERM_MATCHES)
    for (const wholeOnly of [true, false]) {
      let next: IndexEntry | undefined;
      let used = 0;
      for (const sub of subterms) {
        const keys = wholeOnly ? sub.wholeKeys : sub.keys;
        for (const key of keys) {
          const n = key.split(', ').length;
          if (n > used && same(rest.slice(0, n).join(', '), key)) {
            next = sub;
            used = n;
          }
        }
      }
      if (next) return { entry: next, used };
    }
  return undefined;
}

const SUBTERM_MATCHES: readonly ((named: string, printed: string) => boolean)[] = [
  (a, b) => a === b,
  (a, b) => singular(a) === singular(b),
  (a, b) => b.includes(' or ') && b.split(' or ').includes(a),
  // The index names a bone by its adjective and `bone` (`carpal bone (s)`, `metatarsal bone`); a
  // reference drops the noun (`Fracture, carpal`).
  (a, b) => b === `${a} bone`,
];

/** A lower-case index title with each word's final plural s dropped (`opioids` and `opioid` meet). */
function singular(title: string): string {
  return title.replace(/(?<=[a-z]{3})s\b/g, '');
}

/**
 * The codes a reference target stands for: its own codes, else those of the entry its own `see`
 * names (followed up to `depth` times). An entry that prints no code and names no entry that does
 * stands for no code: the reader who follows a reference to it picks one of its subterms
 * (Official Guidelines FY2026, I.A.16, "see": go to the term referenced "to locate the correct
 * code"), so what it gives is one term per subterm (the continued terms of `parseIndexTerms`),
 * never the referring title repeated for each subterm's code.
 */
function targetCodes(
  entry: IndexEntry,
  mainTerms: ReadonlyMap<string, IndexEntry>,
  depth: number,
): { code: string; origin: string }[] {
  if (entry.codes.length > 0) return entry.codes.map((code) => ({ code, origin: entry.text }));
  for (const see of entry.see) {
    const next = depth > 0 ? referenceTarget(see, mainTerms) : undefined;
    if (next && next !== entry) {
      const codes = targetCodes(next, mainTerms, depth - 1);
      if (codes.length > 0) return codes;
    }
  }
  return [];
}

/**
 * For an entry that stands for no code ({@link targetCodes} gives none): the entry among whose
 * subterms the reader goes on, and the reference that names it when it is not the entry itself.
 * `Thrombosis, leg — see Thrombosis, vein, lower extremity`: `lower extremity` prints no code, its
 * subterms `deep` (I82.40-) and `superficial` (I82.81-) do. The entry's own `see` comes first, as in
 * {@link targetCodes}.
 */
function entryToChooseIn(
  entry: IndexEntry,
  mainTerms: ReadonlyMap<string, IndexEntry>,
  depth: number,
  whole = false,
): { entry: IndexEntry; named?: string } | undefined {
  for (const see of entry.see) {
    const next = depth > 0 ? referenceTarget(see, mainTerms, whole) : undefined;
    if (next && next !== entry) {
      const deeper = entryToChooseIn(next, mainTerms, depth - 1, whole);
      if (deeper) return { entry: deeper.entry, named: deeper.named ?? see };
    }
  }
  return entry.subterms.length > 0 ? { entry } : undefined;
}

/** A `<term>` whose title is an instruction (`Note: heart failure stages A, B, C, and D …`), not a subterm. */
function isIndexNote(term: XmlNode): boolean {
  return /^note:/i.test(textOf(term.title));
}

/**
 * Flattens an index XML (main index, external-cause index, drug or neoplasm table) into term → code
 * pairs. A term's text is its main term and subterms joined (`Diabetes, type 2, with, neuropathy`);
 * for the tables the column heading is appended (`Neoplasm, lung, Malignant Primary`).
 *
 * Cross-references are followed within the file: a term printed with `see` (`Hives — see Urticaria`)
 * or `see also` gets the codes of the entry it names, marked with `via`. This is where the index
 * keeps its lay and older wording (`Attack, heart`, `Blood, pressure, high`, `Bedwetting`). A `see
 * condition` reference (printed under adjectives and sites such as `Acute` or `Ankle`) names no entry:
 * it tells the reader to look up the condition itself, so it yields no term. An entry named that
 * prints no code (`Findings, abnormal, inconclusive, without diagnosis — see also Abnormal`) gives
 * the referring title no code either: the reader picks one of its subterms. A reference printed under
 * a main term or its direct subterm is continued into the subterms of the entry it names (`Broken,
 * bone — see Fracture` gives `Broken, bone, hip` for the codes of `Fracture, hip`), marked
 * `continued`; every term reached through a reference names in `origin` the entry that prints its code.
 * Notes printed among the subterms (`Note: heart failure stages A, B, C, and D …`) are no term's words.
 *
 * @example
 * ```ts
 * parseIndexTerms(xml, 'index').find((t) => t.code === 'Q87.19')?.text // "Aarskog's syndrome"
 * parseIndexTerms(xml, 'index').find((t) => t.text === 'Hives (bold)')?.via // 'Urticaria'
 * ```
 */
export function parseIndexTerms(xml: string, source: IndexTerm['source']): IndexTerm[] {
  const cleaned = xml.replace(/<\/?nemod>/g, ' ');
  const parser = cdcXmlParser((n) =>
    [
      'letter',
      'mainTerm',
      'term',
      'code',
      'subcat',
      'seecat',
      'manif',
      'cell',
      'head',
      'see',
      'seeAlso',
    ].includes(n),
  );
  const doc = parser.parse(cleaned) as { 'ICD10CM.index'?: XmlNode };
  const root = doc['ICD10CM.index'];
  if (!root) return [];
  const heads = new Map<string, string>();
  for (const h of asArray((root.indexHeading as XmlNode | undefined)?.head) as XmlNode[])
    heads.set(String(h['@col']), textOf(h));
  const out: IndexTerm[] = [];
  const entries: IndexEntry[] = [];
  const mainTerms = new Map<string, IndexEntry>();
  const walk = (t: XmlNode, path: string[]): IndexEntry => {
    const title = textOf(t.title);
    const p = [...path, title];
    const text = p.join(', ');
    const wholeKeys = entryKeys(title);
    const entry: IndexEntry = {
      text,
      title,
      level: path.length,
      keys: withForms(wholeKeys),
      wholeKeys,
      codes: [],
      see: asArray(t.see).map(textOf).filter(Boolean),
      seeAlso: asArray(t.seeAlso).map(textOf).filter(Boolean),
      subterms: [],
    };
    entries.push(entry);
    for (const c of asArray(t.code)) {
      const code = textOf(c);
      if (code) {
        entry.codes.push(code);
        out.push({ text, code, source });
      }
    }
    for (const printed of PRINTED_CODES) {
      for (const c of asArray(t[printed])) {
        const code = textOf(c);
        if (!code) continue;
        // A manifestation code is printed beside the etiology code, never instead of it: it is not
        // what a reference to this entry stands for.
        if (printed !== 'manif') entry.codes.push(code);
        out.push({ text, code, source, printed });
      }
    }
    for (const cell of asArray(t.cell) as XmlNode[]) {
      const code = textOf(cell);
      if (!code || code === '--') continue;
      out.push({ text: `${text}, ${heads.get(String(cell['@col'])) ?? ''}`, code, source });
    }
    for (const sub of asArray(t.term) as XmlNode[]) {
      if (!isIndexNote(sub)) {
        entry.subterms.push(walk(sub, p));
        continue;
      }
      // A note is printed among the subterms as an instruction to the coder, not as one of them:
      // its words are no term's. The CDC XML gives it a `<term>` of its own and nests the subterms
      // printed after it inside (`Failure, heart`, then `Note: heart failure stages A, B, C, and D
      // …`, then `stage A` … `valvular`, which the printed index indents under `heart`): they are
      // the subterms of the entry printed just before the note.
      const owner = entry.subterms.at(-1);
      for (const after of asArray(sub.term) as XmlNode[])
        if (owner) owner.subterms.push(walk(after, [...p, owner.title]));
        else entry.subterms.push(walk(after, p));
    }
    return entry;
  };
  const mains: IndexEntry[] = [];
  for (const letter of asArray(root.letter) as XmlNode[])
    for (const m of asArray(letter.mainTerm) as XmlNode[]) mains.push(walk(m, []));
  // A main term's own title wins over another's comma-separated form (`Injury` over `…, injury`).
  for (const entry of mains) if (!mainTerms.has(entry.keys[0]!)) mainTerms.set(entry.keys[0]!, entry);
  // Of several main terms sharing a form (`Fracture, burst`, `Fracture, traumatic`), `see Fracture`
  // names the one the reader continues in: the one with the most subterms.
  const formOwner = new Map<string, IndexEntry>();
  for (const entry of mains)
    for (const key of entry.keys.slice(1)) {
      const held = formOwner.get(key);
      if (!held || entry.subterms.length > held.subterms.length) formOwner.set(key, entry);
    }
  for (const [key, entry] of formOwner) if (!mainTerms.has(key)) mainTerms.set(key, entry);
  /**
   * Terms under the referring wording `text` for each subterm of `target` (named `via`): the codes
   * the subterm stands for; for a subterm that names an entry printing no code (`Thrombosis, leg —
   * see Thrombosis, vein, lower extremity`), `levels` more steps among that entry's subterms.
   */
  const continueInto = (
    referrer: IndexEntry,
    text: string,
    via: string,
    target: IndexEntry,
    levels: number,
  ) => {
    // A subterm the referring entry prints itself stays that entry's.
    const own = text === referrer.text ? new Set(referrer.subterms.flatMap((e) => e.keys)) : undefined;
    for (const sub of target.subterms) {
      if (sub === referrer || (own && sub.keys.some((k) => own.has(k)))) continue;
      // Only subterms that print a code or name an entry that does (or, `levels` permitting, one
      // whose subterms do): a subterm that merely groups others (`due to`, `with`) would point the
      // lay wording at a dozen guesses.
      const codes = targetCodes(sub, mainTerms, 2);
      for (const { code, origin } of codes)
        out.push({
          text: `${text}, ${sub.title}`,
          code,
          source,
          via: `${via}, ${sub.title}`,
          origin,
          continued: true,
        });
      if (codes.length > 0 || levels === 0 || sub.see.length === 0) continue;
      const choice = entryToChooseIn(sub, mainTerms, 2, true);
      if (choice?.named)
        continueInto(referrer, `${text}, ${sub.title}`, choice.named, choice.entry, levels - 1);
    }
  };
  for (const entry of entries) {
    for (const via of [...entry.see, ...entry.seeAlso]) {
      if (titleKey(via) === 'condition') continue;
      // `see category M01`, `see subcategory M14.8-`: the reference names a tabular code itself.
      const tabular = /^(?:sub)?category ([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?-?)$/i.exec(via.trim());
      if (tabular) {
        out.push({ text: entry.text, code: tabular[1]!, source, via });
        continue;
      }
      const named = referenceTarget(via, mainTerms);
      if (!named || named === entry) continue;
      // A target whose last parts no subterm answers to (`see Seizure, epileptiform`, where the
      // index prints no such subterm) ends at an entry above the one meant: its codes are the
      // nearest the reference gives, but its subterms are not the ones the reader would go on among.
      const whole = referenceTarget(via, mainTerms, true) === named;
      let target: IndexEntry = named;
      // `Fracture, burst — see Fracture, traumatic, by site`: an entry that is only a reference
      // stands for the entry it names.
      for (let hop = 0; hop < 3 && target.codes.length === 0 && target.subterms.length === 0; hop++) {
        const next: IndexEntry | undefined =
          target.see.length === 1 ? referenceTarget(target.see[0]!, mainTerms) : undefined;
        if (!next || next === entry || next === target) break;
        target = next;
      }
      const codes = targetCodes(target, mainTerms, 3);
      for (const { code, origin } of codes) out.push({ text: entry.text, code, source, via, origin });
      // The reader who follows a reference goes on among the target's subterms for the rest of what
      // they are coding: `Broken, bone — see Fracture`, then `Fracture, hip`; `Clot, vein — see
      // Thrombosis`, then `Thrombosis, leg`. Each subterm of the target becomes a term under the
      // referring wording, unless the referring entry prints that subterm itself.
      // From main terms and their direct subterms, where the index keeps its lay wording (`Broken,
      // bone`, `Clot, vein`). Deeper references (`Pregnancy, complicated by, …`) are coder wording
      // already and would multiply the pack: they are continued only where the target prints no
      // code, since its subterms are then all the reference gives.
      if (!whole) continue;
      if (entry.level <= 1) continueInto(entry, entry.text, via, target, 1);
      else if (codes.length === 0) {
        const choice = entryToChooseIn(target, mainTerms, 3);
        if (choice) continueInto(entry, entry.text, choice.named ?? via, choice.entry, 1);
      }
    }
  }
  return out;
}

/** The Neoplasm Table's column heading for each behavior a reference to the Table "by site" names. */
const TABLE_COLUMN_OF_BEHAVIOR: Readonly<Record<string, string>> = {
  malignant: 'Malignant Primary',
  secondary: 'Malignant Secondary',
  'in situ': 'Ca in situ',
  benign: 'Benign',
  'uncertain behavior': 'Uncertain Behavior',
  'unspecified behavior': 'Unspecified Behavior',
};

/**
 * The behavior a reference to the Table "by site" names (`Cancer — see also Neoplasm, by site,
 * malignant`, `Adenoma — see also Neoplasm, benign, by site`), or undefined for a reference to a
 * part of the Table (`Neoplasm, skin, benign, by site`) or elsewhere.
 */
function tableBehaviorOf(reference: string): string | undefined {
  const m = /^(?:also )?Neoplasm, (?:by site, ([a-z ]+)|([a-z ]+), by site)$/i.exec(
    reference.trim().replace(/\s+/g, ' '),
  );
  const behavior = (m?.[1] ?? m?.[2])?.toLowerCase();
  return behavior !== undefined && behavior in TABLE_COLUMN_OF_BEHAVIOR ? behavior : undefined;
}

/**
 * The terms a main term of the alphabetic index gives through the Table of Neoplasms: a main term
 * that sends the reader to the Table "by site" in one column (`Cancer — see also Neoplasm, by site,
 * malignant`; `Adenoma — see also Neoplasm, benign, by site`) stands, with a site, for that site's
 * code in that column (Official Guidelines FY2026, I.C.2: the Table gives the code by site and
 * behavior). One term per site of the Table's first level, under the main term's wording, as the
 * index's other references are continued into their target's subterms (`parseIndexTerms`):
 * `Cancer, colon` for the `Malignant Primary` code of `Neoplasm, neoplastic, colon` (C18.9), marked
 * `continued`, its `origin` the Table's term. A site the main term prints itself as a subterm
 * (`Cancer, breast`) stays the main term's own. No `via`: shown as `(see Neoplasm, colon, malignant)`,
 * the Table's words would be held by each of these 28,000 terms, and every search for `neoplasm`
 * or `malignant` would read them all; the Table's own terms hold those words.
 *
 * @example
 * ```ts
 * neoplasmTableTerms(indexXml, neoplasmXml).find((t) => t.text === 'Cancer, colon')?.code // 'C18.9'
 * ```
 */
export function neoplasmTableTerms(indexXml: string, neoplasmXml: string): IndexTerm[] {
  const parse = (xml: string) =>
    cdcXmlParser((n) => ['letter', 'mainTerm', 'term', 'cell', 'head', 'see', 'seeAlso'].includes(n)).parse(
      xml.replace(/<\/?nemod>/g, ' '),
    ) as { 'ICD10CM.index'?: XmlNode };
  const table = parse(neoplasmXml)['ICD10CM.index'];
  const index = parse(indexXml)['ICD10CM.index'];
  if (!table || !index) return [];
  const columnOf = new Map<string, string>();
  for (const h of asArray((table.indexHeading as XmlNode | undefined)?.head) as XmlNode[])
    columnOf.set(textOf(h), String(h['@col']));
  // The Table's first-level sites, each with its code per column.
  const sites: { title: string; keys: readonly string[]; text: string; codes: Map<string, string> }[] = [];
  for (const letter of asArray(table.letter) as XmlNode[])
    for (const main of asArray(letter.mainTerm) as XmlNode[]) {
      const mainTitle = textOf(main.title);
      for (const term of asArray(main.term) as XmlNode[]) {
        const title = textOf(term.title);
        const codes = new Map<string, string>();
        for (const cell of asArray(term.cell) as XmlNode[]) {
          const code = textOf(cell);
          // `--` and `-`: the Table prints no code for that site and behavior.
          if (/^[A-Z][0-9]/.test(code)) codes.set(String(cell['@col']), code);
        }
        if (title) sites.push({ title, keys: titleKeys(title), text: `${mainTitle}, ${title}`, codes });
      }
    }
  const out: IndexTerm[] = [];
  for (const letter of asArray(index.letter) as XmlNode[])
    for (const main of asArray(letter.mainTerm) as XmlNode[]) {
      const references = [...asArray(main.see), ...asArray(main.seeAlso)].map(textOf);
      const behavior = references.map(tableBehaviorOf).find((b) => b !== undefined);
      if (behavior === undefined) continue;
      const heading = TABLE_COLUMN_OF_BEHAVIOR[behavior]!;
      const column = columnOf.get(heading);
      if (column === undefined) continue;
      const text = textOf(main.title);
      const own = new Set((asArray(main.term) as XmlNode[]).flatMap((t) => entryKeys(textOf(t.title))));
      for (const site of sites) {
        const code = site.codes.get(column);
        if (code === undefined || site.keys.some((k) => own.has(k))) continue;
        out.push({
          text: `${text}, ${site.title}`,
          code,
          source: 'index',
          origin: `${site.text}, ${heading}`,
          continued: true,
        });
      }
    }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Packs

/** Flag bits of the `flags` section. */
export const FLAG_BILLABLE = 1;
/** The code is on the POA-exempt list. */
export const FLAG_POA_EXEMPT = 2;
/** The code's category is in the tabular used (notes and 7th characters apply). */
export const FLAG_TABULAR = 4;
/** The section/chapter was derived from the ranges (category absent from the tabular). */
export const FLAG_SECTION_DERIVED = 8;

/** FNV-1a of a code string: the hash the runtime recomputes to probe the `hash` section. */
export function hashCode(code: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function rowsSections(
  rows: readonly OrderRow[],
  tab: Tabular,
  layout: SectionLayout,
  poa: ReadonlySet<string>,
) {
  const flags = new Uint8Array(rows.length);
  const section = new Uint16Array(rows.length);
  rows.forEach((r, i) => {
    const category = r.code.slice(0, 3);
    const s = layout.categories.get(category) ?? sectionOfCategory(tab, category);
    const covered = tab.nodes.has(category);
    flags[i] =
      (r.billable ? FLAG_BILLABLE : 0) |
      (poa.has(r.code) ? FLAG_POA_EXEMPT : 0) |
      (covered ? FLAG_TABULAR : 0) |
      (s.derived ? FLAG_SECTION_DERIVED : 0);
    section[i] = s.index;
  });
  return { flags, section };
}

/** A title may be written as a prefix of a title at most this many strings back (a `u16` delta). */
const MAX_TITLE_DELTA = 0xffff;
/** Longest chain of titles one title is built from, so decoding one stays a handful of steps. */
const MAX_TITLE_DEPTH = 8;

/** Title strings of a segment: string `2i` is row i's long title, `2i + 1` its short title. */
export interface TitleTable {
  /** Per string: how many strings back its base title is (0: none, the whole title is the suffix). */
  readonly titleRef: Uint16Array;
  /** Per string: characters kept from the base title. */
  readonly titlePrefix: Uint8Array;
  /** Per string: its suffix, an index into the shared suffix table (`u16` while it fits). */
  readonly titleSuffix: Uint16Array | Uint32Array;
  /** Distinct suffixes, ASCII bytes back to back, and their `n + 1` offsets. */
  readonly suffixes: Uint8Array;
  readonly suffixOffsets: Uint32Array;
}

/**
 * Long and short titles stored structurally rather than as 10 MB of text. ICD-10-CM titles repeat
 * along the hierarchy: a code's title is its parent's plus a specifier, and most codes are 7th
 * character extensions whose title is the stem's title plus the 7th-character meaning from the
 * tabular's `sevenChrDef` (Official Guidelines FY2026, I.A.5), e.g. S72.001A = S72.001's title +
 * ", initial encounter for closed fracture". So each title is the longest prefix it shares with one
 * earlier title (its parent's, the previous row's, or for a short title its own long title) plus a
 * suffix from one table of distinct suffixes. Decoding is a few slices with no inflate, and the
 * CMS titles are printable ASCII (checked here), so the runtime reads suffixes as latin1 bytes.
 *
 * @example
 * ```ts
 * const t = titleTable(rows)
 * t.titleRef.length === 2 * rows.length // true
 * ```
 */
export function titleTable(rows: readonly OrderRow[]): TitleTable {
  const n = rows.length;
  const rowOf = new Map(rows.map((r, i) => [r.code, i]));
  const text = (id: number) => (id & 1 ? rows[id >> 1]!.shortTitle : rows[id >> 1]!.title);
  const titleRef = new Uint16Array(2 * n);
  const titlePrefix = new Uint8Array(2 * n);
  const titleSuffix = new Uint32Array(2 * n);
  const depth = new Uint8Array(2 * n);
  const suffixIds = new Map<string, number>();
  const suffixParts: string[] = [];
  const suffixOffsets: number[] = [0];
  let suffixBytes = 0;
  for (let i = 0; i < n; i++) {
    const code = rows[i]!.code;
    let parent = -1;
    for (let k = code.length - 1; k >= 3 && parent < 0; k--) parent = rowOf.get(code.slice(0, k)) ?? -1;
    for (const kind of [0, 1] as const) {
      const id = 2 * i + kind;
      const own = text(id);
      if (!/^[\x20-\x7e]*$/.test(own))
        throw new SourceFormatError('order file', undefined, `title of ${code} is not printable ASCII`);
      const candidates = kind === 0 ? [2 * parent, 2 * (i - 1)] : [id - 1, 2 * parent + 1, 2 * (i - 1) + 1];
      let best = -1;
      let bestLength = 0;
      for (const c of candidates) {
        if (c < 0 || c >= id || id - c > MAX_TITLE_DELTA || depth[c]! >= MAX_TITLE_DEPTH) continue;
        const other = text(c);
        const limit = Math.min(255, own.length, other.length);
        let k = 0;
        while (k < limit && own.charCodeAt(k) === other.charCodeAt(k)) k++;
        if (k > bestLength || (k === bestLength && k > 0 && depth[c]! < depth[best]!)) {
          best = c;
          bestLength = k;
        }
      }
      const suffix = own.slice(bestLength);
      let sid = suffixIds.get(suffix);
      if (sid === undefined) {
        sid = suffixParts.length;
        suffixIds.set(suffix, sid);
        suffixParts.push(suffix);
        suffixBytes += suffix.length;
        suffixOffsets.push(suffixBytes);
      }
      titleRef[id] = best < 0 ? 0 : id - best;
      titlePrefix[id] = bestLength;
      titleSuffix[id] = sid;
      depth[id] = best < 0 ? 0 : depth[best]! + 1;
    }
  }
  return {
    titleRef,
    titlePrefix,
    titleSuffix: suffixParts.length <= 0xffff ? Uint16Array.from(titleSuffix) : titleSuffix,
    suffixes: Uint8Array.from(Buffer.from(suffixParts.join(''), 'latin1')),
    suffixOffsets: Uint32Array.from(suffixOffsets),
  };
}

/** The title sections of a codes pack. */
function writeTitles(writer: PackWriter, rows: readonly OrderRow[]): PackWriter {
  const t = titleTable(rows);
  return writer
    .typed('titleRef', 'u16', t.titleRef)
    .typed('titlePrefix', 'u8', t.titlePrefix)
    .typed('titleSuffix', t.titleSuffix instanceof Uint16Array ? 'u16' : 'u32', t.titleSuffix)
    .typed('suffixes', 'u8', t.suffixes)
    .u32('suffixOffsets', t.suffixOffsets);
}

function codeBytes(rows: readonly OrderRow[]): Uint8Array {
  return Uint8Array.from(Buffer.from(rows.map((r) => r.code.padEnd(7, ' ')).join(''), 'latin1'));
}

function metaOf(tab: Tabular, layout: SectionLayout, base: string | null) {
  return {
    base,
    tabularVersion: tab.version,
    chapters: layout.chapters.map((c) => ({ id: c.id, title: c.title, first: c.first, last: c.last })),
    sections: layout.sections.map((s) => ({
      id: s.id,
      title: s.title,
      chapter: s.chapter,
      first: s.first,
      last: s.last,
    })),
  };
}

/**
 * The 7th-character definitions of an edition: each `sevenChrDef` of the tabular, and one for each
 * category of 7th-character codes that the tabular held does not describe
 * ({@link orderSevenChrDefinitions}).
 */
function sevenChrOf(tab: Tabular, rows: readonly OrderRow[]): [string, (readonly [string, string])[]][] {
  const out: [string, (readonly [string, string])[]][] = [];
  for (const n of tab.nodes.values()) if (n.sevenChr) out.push([n.key, [...n.sevenChr]]);
  out.push(...orderSevenChrDefinitions(tab, rows));
  return out;
}

/**
 * The 7th characters of categories that the tabular held has no `sevenChrDef` for, as the order
 * file shows them. The tabular is an older release than the order files (FY2023, and its W44 is
 * missing: FY2023 expanded W44 into W44.A–W44.H, each with 7th characters A, D and S), so without
 * this `W44.A0A` would be an unknown code rather than one missing its placeholder X.
 *
 * A category qualifies when every billable 7-character code under it that no `sevenChrDef` covers
 * is its stem's title plus `, ` and a meaning (the stem being the code's first 6 characters less
 * placeholder X's, a header of the order file), with a letter as 7th character and one meaning per
 * letter across the category: how the order file writes a 7th character (ICD-10-CM Official
 * Guidelines FY2026, section I.A.5; W44.A0XA "Battery entering into or through a natural
 * orifice, initial encounter"). A category of ordinary 7-character codes (C44.1021) fails the test
 * and gets none.
 *
 * @example
 * ```ts
 * orderSevenChrDefinitions(tabularWithoutW44, fy2026Rows)
 * // [['W44', [['A', 'initial encounter'], ['D', 'subsequent encounter'], ['S', 'sequela']]]]
 * ```
 */
export function orderSevenChrDefinitions(
  tab: Tabular,
  rows: readonly OrderRow[],
): [string, (readonly [string, string])[]][] {
  const covered = (code: string): boolean => {
    for (let n = 6; n >= 3; n--) if (tab.nodes.get(code.slice(0, n))?.sevenChr) return true;
    return false;
  };
  const rowOf = new Map(rows.map((r) => [r.code, r]));
  /** Category → 7th character → meaning; `null` for a category whose codes are not of that form. */
  const byCategory = new Map<string, Map<string, string> | null>();
  for (const r of rows) {
    if (!r.billable || r.code.length !== 7 || covered(r.code)) continue;
    const category = r.code.slice(0, 3);
    let values = byCategory.get(category);
    if (values === null) continue;
    const seventh = r.code[6]!;
    const stem = rowOf.get(r.code.slice(0, 6).replace(/X+$/, ''));
    const meaning =
      stem !== undefined && !stem.billable && r.title.startsWith(`${stem.title}, `)
        ? r.title.slice(stem.title.length + 2)
        : undefined;
    if (values === undefined) byCategory.set(category, (values = new Map()));
    if (meaning === undefined || !/^[A-Z]$/.test(seventh) || (values.get(seventh) ?? meaning) !== meaning)
      byCategory.set(category, null);
    else values.set(seventh, meaning);
  }
  const out: [string, (readonly [string, string])[]][] = [];
  for (const [category, values] of byCategory)
    if (values !== null && values.size > 1)
      out.push([category, [...values].sort(([a], [b]) => (a < b ? -1 : 1))]);
  return out;
}

/**
 * The full codes pack of a base edition: fixed-width codes, flags, sections, a hash table for O(1)
 * lookup, and titles as shared prefixes plus a table of distinct suffixes ({@link titleTable}; see
 * docs/icd10cm.md "Pack layout").
 *
 * @example
 * ```ts
 * const bytes = buildBaseCodesPack('fy2026', rows, tabular, poaSet)
 * ```
 */
export function buildBaseCodesPack(
  edition: string,
  rows: readonly OrderRow[],
  tab: Tabular,
  poa: ReadonlySet<string>,
): Uint8Array {
  const layout = sectionLayout(tab, rows);
  const { flags, section } = rowsSections(rows, tab, layout, poa);
  // Open addressing at a load factor of at most 3/4: a hit is about 2.5 probes, and the table is the
  // cold-start index only (a busy process switches to a Map, see CodeTable.find).
  const capacity = 1 << Math.ceil(Math.log2((rows.length * 4) / 3 + 1));
  const hash = new Uint32Array(capacity);
  rows.forEach((r, i) => {
    let slot = hashCode(r.code) & (capacity - 1);
    while (hash[slot] !== 0) slot = (slot + 1) & (capacity - 1);
    hash[slot] = i + 1;
  });
  const writer = new PackWriter('icd10cm/codes', edition)
    .blockChecksums(CODES_BLOCK_SIZE)
    .json('meta', metaOf(tab, layout, null))
    .typed('codes', 'u8', codeBytes(rows))
    .typed('flags', 'u8', flags)
    .typed('section', 'u16', section)
    .u32('hash', hash);
  return writeTitles(writer, rows).json('sevenChr', sevenChrOf(tab, rows)).toBuffer();
}

/**
 * Bytes per checked block of a codes pack. A first lookup reads a few bytes from each of about ten
 * tables; each block it touches is read in and checked whole, so small blocks keep that first read
 * small (about 25 blocks, 200 KB, for `get('E11.9')`), while the block table stays a few KB.
 */
const CODES_BLOCK_SIZE = 8192;
/**
 * Bytes per checksummed block of a notes pack. An element is 111 bytes (median; 2 KB at most), and
 * finding one reads the key of about 14 others: smaller blocks read less around each.
 */
const NOTES_BLOCK_SIZE = 4096;

/**
 * The codes pack of an edition derived from a base edition: only the rows that differ (added,
 * flag-changed, retitled), the base indices they replace or delete, and the full order as runs of
 * indices into base ∪ added ({@link orderRuns}). Unchanged rows are shared with the base at run time.
 * `basePoa` is the POA-exempt list the base pack was built with (default: the edition's own list).
 *
 * @example
 * ```ts
 * const bytes = buildDeltaCodesPack('fy2027', 'fy2026', fy2026Rows, fy2027Rows, tabular, poaSet)
 * ```
 */
export function buildDeltaCodesPack(
  edition: string,
  baseEdition: string,
  base: readonly OrderRow[],
  rows: readonly OrderRow[],
  tab: Tabular,
  poa: ReadonlySet<string>,
  basePoa: ReadonlySet<string> = poa,
): Uint8Array {
  const baseIndex = new Map(base.map((r, i) => [r.code, i]));
  const added: OrderRow[] = [];
  const removed: number[] = [];
  const order = new Uint32Array(rows.length);
  const keep = new Set<number>();
  rows.forEach((r, k) => {
    const i = baseIndex.get(r.code);
    const b = i === undefined ? undefined : base[i]!;
    if (
      i !== undefined &&
      b &&
      b.billable === r.billable &&
      b.title === r.title &&
      b.shortTitle === r.shortTitle &&
      // A shared row keeps its base flags: a code the year's POA-exempt list treats otherwise
      // than the base's list is a changed row.
      basePoa.has(r.code) === poa.has(r.code)
    ) {
      keep.add(i);
      order[k] = i;
    } else {
      order[k] = base.length + added.length;
      added.push(r);
    }
  });
  for (let i = 0; i < base.length; i++) if (!keep.has(i)) removed.push(i);
  const layout = sectionLayout(tab, rows, base);
  const { flags, section } = rowsSections(added, tab, layout, poa);
  const writer = new PackWriter('icd10cm/codes', edition)
    .blockChecksums(CODES_BLOCK_SIZE)
    .json('meta', metaOf(tab, layout, baseEdition))
    .typed('codes', 'u8', codeBytes(added))
    .typed('flags', 'u8', flags)
    .typed('section', 'u16', section)
    .u32('removed', Uint32Array.from(removed))
    .u32('orderRuns', orderRuns(order));
  return writeTitles(writer, added).json('sevenChr', sevenChrOf(tab, rows)).toBuffer();
}

/**
 * An edition's order as runs of consecutive row ids, `[start, length]` pairs: a new edition keeps
 * long stretches of its base's rows in order (FY2027: 98,403 rows in 84 runs).
 *
 * @example
 * ```ts
 * orderRuns(Uint32Array.of(0, 1, 2, 9, 3)) // Uint32Array [0, 3, 9, 1, 3, 1]
 * ```
 */
export function orderRuns(order: Uint32Array): Uint32Array {
  const runs: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && order[j] === order[j - 1]! + 1) j++;
    runs.push(order[i]!, j - i);
    i = j;
  }
  return Uint32Array.from(runs);
}

/**
 * The notes pack: every chapter, section and `<diag>` with notes, as one JSON section (loaded
 * lazily, only when notes are asked for).
 *
 * @example
 * ```ts
 * const bytes = buildNotesPack('fy2026', tabular)
 * ```
 */
export function buildNotesPack(edition: string, tab: Tabular): Uint8Array {
  const nodes: [string, string, NoteTexts][] = [];
  for (const n of tab.nodes.values()) if (Object.keys(n.notes).length) nodes.push([n.key, n.level, n.notes]);
  // In code order, which the tabular's order is not everywhere (C4A sits between C43 and C44): the reader
  // finds an element by a binary search over the offsets below.
  nodes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const notes = {
    tabularVersion: tab.version,
    chapters: tab.chapters.map((c) => [c.id, c.notes]),
    sections: tab.sections.map((s) => [s.id, s.notes]),
    nodes,
  };
  // Where each element starts, so that loading the notes does not scan the 1.5 MB of JSON: the
  // offsets of the JSON the writer stores (JSON.stringify gives the same text twice).
  const offsets = notesNodeOffsets(new TextEncoder().encode(JSON.stringify(notes)));
  // Checked by 4 KiB block: a reader reads and checks the blocks of the elements it is asked for.
  return new PackWriter('icd10cm/notes', edition)
    .blockChecksums(NOTES_BLOCK_SIZE)
    .json('notes', notes)
    .u32(NOTES_NODE_OFFSETS, offsets)
    .toBuffer();
}

/** Where a search document came from (`SearchHit.source`). */
export const DOC_SOURCES = ['title', 'short_title', 'inclusion_term', 'index_term'] as const;

/** One search document: a text pointing at a code (by row index in the edition's order). */
export interface SearchDoc {
  readonly text: string;
  readonly row: number;
  readonly source: (typeof DOC_SOURCES)[number];
  /** An index term continued through a reference (`IndexTerm.continued`), ranked below printed ones. */
  readonly continued?: boolean;
  /**
   * A manifestation code the index prints in brackets beside the etiology code (`IndexTerm.printed`
   * `manif`, `Disease, Alzheimer's G30.9 [F02.80]`): of codes scored alike, ranked after the etiology.
   */
  readonly manifestation?: boolean;
}

/**
 * A search document's source id in the pack: its index in {@link DOC_SOURCES}, or for an index term
 * continued through a reference or giving a manifestation code printed in brackets, the id search.ts
 * ranks it by ({@link CONTINUED_TERM}, {@link MANIFESTATION_TERM}, {@link CONTINUED_MANIFESTATION_TERM}).
 */
function searchDocSource(d: SearchDoc): number {
  if (d.source !== 'index_term' || (!d.continued && !d.manifestation)) return DOC_SOURCES.indexOf(d.source);
  if (!d.manifestation) return CONTINUED_TERM;
  return d.continued ? CONTINUED_MANIFESTATION_TERM : MANIFESTATION_TERM;
}

/**
 * The search pack of an edition that stands alone: documents (text, row, source, essential-word
 * count) and an inverted index built here so the runtime only decodes it (token list, postings).
 * Every section is deflated and the postings and rows are delta-coded (format in `search.ts`,
 * `encodeSearchSections`): the index terms repeat their main terms (`Fracture, …`) and the postings are
 * runs of nearby ids, which is what makes the pack a fraction of its raw size.
 *
 * @example
 * ```ts
 * const bytes = buildSearchPack('fy2026', docs)
 * ```
 */
export function buildSearchPack(edition: string, docs: readonly SearchDoc[]): Uint8Array {
  return searchPackWriter(edition, docs, null).toBuffer();
}

/**
 * The search pack of an edition that shares most documents with a base edition's pack (FY2027 over
 * FY2026): only the documents the base lacks are stored with their postings, plus, per document,
 * which base document it repeats. A document repeats a base one when its source, text and code are
 * the same; titles a new edition revises therefore come out as new documents.
 *
 * @example
 * ```ts
 * const bytes = buildSearchDeltaPack('fy2027', { edition: 'fy2026', docs: docs26, codes: codes26 }, docs27, codes27)
 * ```
 */
export function buildSearchDeltaPack(
  edition: string,
  base: { edition: string; docs: readonly SearchDoc[]; codes: readonly string[] },
  docs: readonly SearchDoc[],
  codes: readonly string[],
): Uint8Array {
  const key = (d: SearchDoc, rowCodes: readonly string[]) =>
    `${searchDocSource(d)}\u0000${d.text}\u0000${rowCodes[d.row]}`;
  const baseId = new Map<string, number>();
  base.docs.forEach((d, i) => {
    const k = key(d, base.codes);
    if (!baseId.has(k)) baseId.set(k, i);
  });
  // Repeats must keep the base order (the runtime remaps base postings, which stay sorted only if
  // the mapping is increasing); a document out of that order is stored as a new one.
  const repeats = new Int32Array(docs.length).fill(-1);
  let last = -1;
  docs.forEach((d, i) => {
    const b = baseId.get(key(d, codes));
    if (b !== undefined && b > last) {
      repeats[i] = b;
      last = b;
    }
  });
  return searchPackWriter(edition, docs, { edition: base.edition, repeats }).toBuffer();
}

/** Index entries a main term must have for one of its first subterms to be its default kind. */
const DEFAULT_KIND_MIN_ENTRIES = 100;
/** Share of a main term's entries under one first subterm that makes it the default kind. */
const DEFAULT_KIND_SHARE = 0.85;

/**
 * Per document, how many of its essential words are its main term's default kind, 0 for most. The
 * Alphabetic Index files nearly every fracture under `Fracture, traumatic` (3,764 of 4,209 entries)
 * and nearly every wound under `Wound, open`: the index reads the main term as that kind unless
 * another is named (`Fracture, pathological`), and a query for `hip fracture` leaves it unsaid, so
 * its word is not one the entry holds beyond the query's. A first subterm holding at least
 * {@link DEFAULT_KIND_SHARE} of a main term's index entries (of at least
 * {@link DEFAULT_KIND_MIN_ENTRIES}) is such a kind, unless it only prints the main term's own forms
 * or words: when every entry passes through one first part (`Septum, septate`, `Legal,
 * intervention`), or it begins as the main term does (`Contraction, contracture`).
 */
function defaultKindWords(docs: readonly SearchDoc[]): Uint8Array {
  const out = new Uint8Array(docs.length);
  const paths: (string[][] | undefined)[] = docs.map((d) =>
    d.source === 'index_term' ? indexPathTokens(d.text) : undefined,
  );
  // Per main term (its tokens joined): its index entries, and their count under each first subterm.
  const entries = new Map<string, { all: number; bySubterm: Map<string, number> }>();
  for (const path of paths) {
    if (path === undefined || path.length === 0) continue;
    const main = path[0]!.join(' ');
    let counts = entries.get(main);
    if (!counts) entries.set(main, (counts = { all: 0, bySubterm: new Map() }));
    counts.all++;
    if (path.length > 1) {
      const sub = path[1]!.join(' ');
      counts.bySubterm.set(sub, (counts.bySubterm.get(sub) ?? 0) + 1);
    }
  }
  const kindOf = new Map<string, string>();
  for (const [main, { all, bySubterm }] of entries) {
    if (all < DEFAULT_KIND_MIN_ENTRIES) continue;
    const mainTokens = main.split(' ');
    for (const [sub, n] of bySubterm) {
      // Every entry under one first part is the main term's title printing its own forms (`Septum,
      // septate`, `Body, bodies`) or words (`Legal, intervention`), not a kind beside other kinds.
      if (n < DEFAULT_KIND_SHARE * all || n === all || sub === '') continue;
      if (
        sub.slice(0, 3) === main.slice(0, 3) ||
        wordCount([...mainTokens, ...sub.split(' ')]) === wordCount(mainTokens)
      )
        continue;
      kindOf.set(main, sub);
    }
  }
  const primaryCell = indexPathTokens(`${NEOPLASM_TABLE_MAIN_TERM}, ${TABLE_COLUMN_OF_BEHAVIOR.malignant}`);
  paths.forEach((path, id) => {
    if (path === undefined || path.length < 2) return;
    if (kindOf.get(path[0]!.join(' ')) === path[1]!.join(' '))
      out[id] = path[1]!.filter((t) => !path[0]!.includes(t)).length;
    else if (isMalignantPrimaryCell(path, primaryCell)) out[id] = 1;
  });
  return out;
}

/** The Neoplasm Table's main term, as its cells' index paths begin. */
const NEOPLASM_TABLE_MAIN_TERM = 'Neoplasm, neoplastic';

/**
 * Whether an index path is a cell of the Neoplasm Table's `Malignant Primary` column (`Neoplasm,
 * neoplastic, breast (…), Malignant Primary`), given that column's path with no site (`cell`). A
 * malignancy the record does not call secondary is coded in that column: the index's own
 * references read `malignant` that way (`Carcinoma — see also Neoplasm, by site, malignant`;
 * Official Guidelines FY2026, I.C.2, the Table by site and behavior), so `primary` is the column's
 * default kind and not a word `malignant neoplasm of breast` leaves out, while `secondary` is.
 */
function isMalignantPrimaryCell(
  path: readonly (readonly string[])[],
  cell: readonly (readonly string[])[],
): boolean {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((t, i) => t === b[i]);
  return (
    path.length > cell.length &&
    same(path[0]!, cell[0]!) &&
    same(path[1]!, cell[1]!) &&
    same(path[path.length - 1]!, cell[cell.length - 1]!)
  );
}

function searchPackWriter(
  edition: string,
  docs: readonly SearchDoc[],
  base: { edition: string; repeats: Int32Array } | null,
): PackWriter {
  const postings = new Map<string, number[]>();
  const docLen = new Uint8Array(docs.length);
  const kindWords = defaultKindWords(docs);
  docs.forEach((d, id) => {
    // Length normalisation counts essential words only (parenthesised words are nonessential
    // modifiers), and not a main term's default kind (`traumatic` in `Fracture, traumatic, hip`).
    const essential = queryParts(d.text).essential.length;
    docLen[id] = Math.min(255, Math.max(1, essential - kindWords[id]!));
    if (base && base.repeats[id]! >= 0) return;
    for (const t of new Set(searchTokens(d.text))) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(id);
    }
  });
  const tokens = [...postings.keys()].sort();
  const sections = encodeSearchSections({
    // Title documents point at the codes pack's titles; only other texts are stored here, and in a
    // delta pack only those of documents the base does not hold.
    texts: docs.map((d, id) =>
      (base && base.repeats[id]! >= 0) || d.source === 'title' || d.source === 'short_title' ? '' : d.text,
    ),
    rows: docs.map((d) => d.row),
    sources: docs.map(searchDocSource),
    docLen,
    tokens,
    postings: tokens.map((t) => postings.get(t)!),
    repeats: base?.repeats,
  });
  // Each section's length once inflated, so that a reader inflates it into one buffer of that size.
  const w = new PackWriter('icd10cm/search', edition).json('meta', {
    encoding: SEARCH_PACK_ENCODING,
    docs: docs.length,
    base: base?.edition ?? null,
    inflated: Object.fromEntries(sections.map(([name, bytes]) => [name, bytes.length])),
  });
  for (const [name, bytes] of sections) w.typed(name, 'u8', deflateSync(bytes, { level: 9, mem: 8 }));
  return w;
}

/**
 * Turns an index code as printed (`E11.40`, `T51.3X1`, `C79.8-`) into the undotted code it names.
 *
 * @example
 * ```ts
 * indexCodeToUndotted('C79.8-') // 'C798'
 * ```
 */
export function indexCodeToUndotted(code: string): string {
  return code.replace(/[.-]/g, '').toUpperCase();
}

/** Deterministic PRNG (mulberry32) for the held-out evaluation sample. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export { formatIcd10CmDotted };
