/**
 * The ICD-10-CM importer: builds the FY2026 and FY2027 editions from the official CMS/CDC release
 * files (order files, order addenda, tabular XML, alphabetic and external-cause index, drug and
 * neoplasm tables, POA-exempt list), as `npm run codesets` does from `codesets/sources/icd10cm/` and
 * as `importCodeSets` does from a folder a user downloaded (FY2027 stored as a delta that shares
 * unchanged rows with FY2026; the FY2027 order addenda cross-check it). An order file of any other
 * fiscal year, or one given without that set, is built as a full edition of its own
 * (`buildIcd10CmFiscalYear`).
 *
 * Import-time only (node:zlib, fflate's unzip, the XML parser): `medcode/icd10cm` never loads it.
 *
 * @module
 */
import { checkOfficialFiles } from '../core/arguments';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { ManifestSource } from '../core/manifest';
import { SourceFormatError } from '../core/errors';
import type { BuiltEdition } from '../import/built';
import { MissingSourceFileError, sha256 } from '../import/built';
import {
  applyOrderAddenda,
  buildBaseCodesPack,
  buildDeltaCodesPack,
  buildNotesPack,
  buildSearchDeltaPack,
  buildSearchPack,
  indexCodeToUndotted,
  mulberry32,
  parseIndexTerms,
  neoplasmTableTerms,
  parseOrderAddenda,
  parseOrderFile,
  parseTabular,
  xmlVersion,
} from './loader';
import type { IndexTerm, OrderRow, SearchDoc, Tabular } from './loader';
import { formatIcd10CmDotted } from './model';
import type { Edition } from '../core/edition';

/**
 * Where the release files are read from: `icd10cm/<file name>` paths, each read recording what it
 * contributed (the manifest's `sources`). `SourceReader` of the build scripts is one.
 */
export interface Icd10CmReleaseReader {
  read(file: string, contributed: string): Uint8Array;
  list(dir: string): string[];
  readonly used: readonly ManifestSource[];
}

/**
 * A release reader over a folder of downloaded CMS/CDC files (`icd10cm/<name>` is `<folder>/<name>`).
 *
 * @example
 * ```ts
 * buildIcd10CmEditions(releaseFolder('/downloads/icd10cm-2027')).map((e) => e.edition.id) // ['fy2026', 'fy2027']
 * ```
 */
export function releaseFolder(folder: string): Icd10CmReleaseReader {
  const used: ManifestSource[] = [];
  return {
    used,
    read(file, contributed) {
      const path = join(folder, basename(file));
      if (!existsSync(path))
        throw new MissingSourceFileError(
          basename(file),
          `the ICD-10-CM import needs ${basename(file)} in ${folder} (${contributed})`,
        );
      const bytes = new Uint8Array(readFileSync(path));
      if (!used.some((s) => s.file === file))
        used.push({ file, sha256: sha256(bytes), bytes: bytes.length, contributed });
      return bytes;
    },
    list(dir) {
      return readdirSync(folder)
        .filter((f) => statSync(join(folder, f)).isFile())
        .sort()
        .map((f) => `${dir}/${f}`);
    },
  };
}

const DIR = 'icd10cm';
const NONE: ReadonlySet<string> = new Set();
/** Seed of the held-out search evaluation sample (docs/icd10cm.md, "Search"). */
export const EVAL_SEED = 20260501;
/** Size of the held-out sample. */
export const EVAL_PAIRS = 600;

function decodeXml(name: string, bytes: Uint8Array): string {
  return Buffer.from(name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/**
 * Picks the newest tabular XML present (`*tabular*.xml` or `.xml.gz`) by its `<version>`, so a newer
 * CDC tabular dropped into `codesets/sources/icd10cm/` is used with no code change.
 */
export function newestTabular(
  reader: Icd10CmReleaseReader,
  dir = DIR,
): { file: string; xml: string; version: string } {
  let best: { file: string; xml: string; version: string } | undefined;
  for (const file of reader.list(dir)) {
    if (!/tabular[^/]*\.xml(\.gz)?$/i.test(file)) continue;
    const xml = decodeXml(
      file,
      reader.read(
        file,
        'chapters, sections, instructional notes and 7th-character definitions (tabular XML)',
      ),
    );
    const version = xmlVersion(xml);
    if (version && (!best || version > best.version)) best = { file, xml, version };
  }
  if (!best) throw missingTabular();
  return best;
}

/**
 * No tabular XML among the release files: every edition needs one (chapters, sections, notes and
 * 7th characters come from it), the built-in FY2026 + FY2027 build as much as any other year.
 */
function missingTabular(year = '', order = 'the order file'): MissingSourceFileError {
  return new MissingSourceFileError(
    'icd10cm_tabular_YYYY.xml',
    `the ${year}ICD-10-CM import needs a tabular XML (icd10cm_tabular_YYYY.xml, or .xml.gz): chapters, sections, notes and 7th characters come from it; pass it with ${order}`,
  );
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

function zipMember(bytes: Uint8Array, name: string, zipName = name): string {
  const files = unzipSync(bytes, { filter: (f) => f.name.endsWith(name) });
  const hit = Object.values(files)[0];
  // A CMS order-file zip holds the order file of the fiscal year its name says.
  if (!hit) throw new SourceFormatError(zipName, undefined, `the zip does not hold ${name}`);
  return Buffer.from(hit).toString('latin1');
}

/**
 * The search documents of an edition: each code's title, short title, inclusion terms and the
 * conditions other codes' notes send to it, then every index term whose code the edition holds
 * (cross-reference terms show their target), less `heldOut`.
 *
 * @example
 * ```ts
 * searchDocs(fy2026, tab, indexTerms(new SourceReader()), new Set()).length
 * ```
 */
export function searchDocs(
  rows: readonly OrderRow[],
  tab: Tabular,
  terms: readonly IndexTerm[],
  heldOut: ReadonlySet<string>,
): SearchDoc[] {
  const rowOf = new Map(rows.map((r, i) => [r.code, i]));
  const named = namedByNotes(tab);
  const docs: SearchDoc[] = [];
  rows.forEach((r, i) => {
    docs.push({ text: r.title, row: i, source: 'title' });
    if (r.shortTitle !== r.title) docs.push({ text: r.shortTitle, row: i, source: 'short_title' });
    const notes = tab.nodes.get(r.code)?.notes;
    // Inclusion terms and "Includes" notes both list conditions classified to the code (ICD-10-CM
    // Official Guidelines FY2026, I.A.10 and I.A.11); so does another code's note that names this
    // code for a condition (`Excludes1: senile asthenia (R54)` under R53.1; see namedByNotes).
    for (const t of [
      ...(notes?.inclusionTerms ?? []),
      ...(notes?.includes ?? []),
      ...(named.get(r.code) ?? []),
    ])
      docs.push({ text: t, row: i, source: 'inclusion_term' });
    // A 7th-character code's title is its stem's plus the character's meaning, and the stem has its
    // own path document: a path per extension would only multiply the postings of common words.
    const path = r.code.length < 7 ? tabularPath(rows, rowOf, r.code) : undefined;
    if (path) docs.push({ text: `${path}, ${r.title}`, row: i, source: 'title' });
  });
  const seen = new Set<string>();
  for (const t of terms) {
    const code = indexCodeToUndotted(t.code);
    const row = rowOf.get(code);
    // Terms whose codes no longer exist in the edition are dropped (docs/icd10cm.md, "Search").
    if (row === undefined) continue;
    const key = `${t.text}\u0000${code}`;
    // A held-out entry is out with everything derived from it: the terms that refer to it reach
    // its code only through it.
    if (
      seen.has(key) ||
      heldOut.has(key) ||
      (t.origin !== undefined && heldOut.has(`${t.origin}\u0000${code}`))
    )
      continue;
    seen.add(key);
    // A term reached through a cross-reference shows it (`Hives (see Urticaria)`): the reader sees
    // why a lay word found a code whose title does not contain it.
    docs.push({
      text: t.via ? `${t.text} (see ${t.via})` : t.text,
      row,
      source: 'index_term',
      ...(t.continued ? { continued: true } : {}),
      ...(t.printed === 'manif' ? { manifestation: true } : {}),
    });
  }
  return docs;
}

/** Tabular notes that send a condition to another code, printed after it in parentheses. */
const NAMING_NOTES = ['excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso'] as const;
/** A code in parentheses as the notes print it: `(R54)`, `(F80.-)`, `(K56.41)`. */
const NOTE_CODE = /\(([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\.?-)?\)/g;

/**
 * The conditions the tabular's notes classify to each code (undotted), by the code they print in
 * parentheses after the condition. An Excludes1 note means "NOT CODED HERE!" and an Excludes2 note
 * "Not included here" (ICD-10-CM Official Guidelines FY2026, I.A.12.a and I.A.12.b): the condition
 * is coded at the code in parentheses (the Guidelines' own example: F45.8's Excludes1 "sleep related
 * teeth grinding (G47.63)"). "Code first", "Use additional code" (I.A.13) and "Code also" (I.A.17)
 * notes name the code of the condition they list the same way. So `Excludes1: senile asthenia (R54)`
 * under R53.1 makes `senile asthenia` a wording of R54. Notes naming several codes or a range
 * (`(E08-E13)`) name no single code and are left out. An Excludes note's list under a lead (a note
 * ending with a colon) completes the lead, and is read with it ({@link excludesWordings}).
 */
function namedByNotes(tab: Tabular): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of tab.nodes.values())
    for (const kind of NAMING_NOTES)
      for (const [note, wording] of excludesWordings(node.notes[kind] ?? [], kind)) {
        const codes = [...note.matchAll(NOTE_CODE)].map((m) => m[1]!.replace('.', ''));
        if (codes.length !== 1 || /\b[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z-]*)?\s*-\s*[A-Z][0-9]/.test(note))
          continue;
        const text = wording.replace(NOTE_CODE, ' ').replace(/\s+/g, ' ').trim();
        if (!text) continue;
        const list = out.get(codes[0]!);
        if (!list) out.set(codes[0]!, [text]);
        else if (!list.includes(text)) list.push(text);
      }
  return out;
}

/**
 * Each note of one kind on a code, with the wording it gives its condition. The Tabular prints an
 * Excludes list under a lead that the items complete (F20's Excludes2 `schizophrenic reaction in:`
 * then `alcoholism (F10.15-, …)`, `brain disease (F06.2)`, `epilepsy (F06.2)`; I32's `pericarditis
 * (in):` then `tuberculosis (A18.84)`): such an item is the lead's condition (`schizophrenic reaction
 * in epilepsy`), not the item's own (`epilepsy`, which is G40). A lead giving examples (`…, such
 * as:`) lists whole conditions, read alone, as are the lists under "Code first", "Use additional
 * code" and "Code also" leads, which are instructions (`code to identify:`). Excludes notes are in
 * alphabetical order, the lead's items among themselves too: the first item sorting before the one
 * above it is the next note of the main list, and ends the lead's.
 */
function excludesWordings(notes: readonly string[], kind: (typeof NAMING_NOTES)[number]): [string, string][] {
  const excludes = kind === 'excludes1' || kind === 'excludes2';
  let lead: string | undefined;
  let previous = '';
  return notes.map((note) => {
    const item = note.trim();
    if (excludes && item.endsWith(':')) {
      lead = /such as:$/i.test(item) ? undefined : item.slice(0, -1).trim();
      previous = '';
      return [note, note];
    }
    if (lead !== undefined && previous !== '' && sortsBefore(item, previous)) lead = undefined;
    previous = item;
    return [note, lead === undefined ? note : `${lead} ${item}`];
  });
}

/** Whether a note sorts before another in the Tabular's alphabetical order of notes (case aside). */
function sortsBefore(a: string, b: string): boolean {
  return a.localeCompare(b, 'en', { sensitivity: 'base' }) < 0;
}

/**
 * The titles of a code's headers, category first (`Outcome of delivery, Other multiple births, all
 * liveborn` for Z37.52), or undefined for a category. A code's title is read under its headers
 * (ICD-10-CM Official Guidelines FY2026, I.A.2: the category and subcategory are part of the code's
 * meaning), so a query worded along the hierarchy (`outcome of delivery, multiple births, all liveborn,
 * quadruplets`) meets the code whose own title is only `Quadruplets, all liveborn`. Headers whose
 * title the code's title already starts with add nothing and are skipped.
 */
function tabularPath(
  rows: readonly OrderRow[],
  rowOf: ReadonlyMap<string, number>,
  code: string,
): string | undefined {
  const own = rows[rowOf.get(code)!]!.title;
  const titles: string[] = [];
  for (let k = 3; k < code.length; k++) {
    const at = rowOf.get(code.slice(0, k));
    if (at === undefined) continue;
    const t = rows[at]!.title;
    if (!own.startsWith(t) && !titles.includes(t)) titles.push(t);
  }
  return titles.length ? titles.join(', ') : undefined;
}

function poaSet(reader: Icd10CmReleaseReader): Set<string> {
  return poaExemptList(
    reader.read(`${DIR}/POAexemptCodesFY26.zip`, 'POA-exempt flag (FY2026 list, 38,349 codes)'),
    'POAexemptCodesFY26.zip',
  );
}

/**
 * The codes of a CDC POA-exempt list zip (`POAexemptCodesFYyy.zip`): its full-list text member
 * (`POAexemptCodesFYyy.txt`; the zip also holds the year's Add/Delete/Revise lists and `.xlsx`
 * copies), a header line then tab-separated rows whose second field is the dotted code. The member
 * is found by that pattern in the zip, and its fiscal year must be the one the zip's name says.
 */
function poaExemptList(bytes: Uint8Array, zipName: string): Set<string> {
  const files = unzipSync(bytes, {
    filter: (f) => /^POAexemptCodes(FY\d{2})?\.txt$/i.test(basename(f.name)),
  });
  const members = Object.keys(files);
  const member = members[0];
  if (members.length !== 1 || member === undefined)
    throw new SourceFormatError(
      zipName,
      undefined,
      `a POA-exempt list zip holds one full list POAexemptCodesFYyy.txt, this one ${members.length}`,
    );
  const zipYear = /FY(\d{2})/i.exec(zipName)?.[1];
  const memberYear = /FY(\d{2})/i.exec(basename(member))?.[1];
  if (zipYear !== undefined && memberYear !== undefined && zipYear !== memberYear)
    throw new SourceFormatError(
      zipName,
      undefined,
      `the zip is named FY${zipYear} but holds ${basename(member)}`,
    );
  const text = Buffer.from(files[member]!).toString('latin1');
  const set = new Set<string>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const code = line.split('\t')[1];
    if (code) set.add(code.replace('.', '').trim());
  }
  return set;
}

/**
 * Every index, external-cause index, drug and neoplasm term (newest file of each kind).
 *
 * @example
 * ```ts
 * indexTerms(new SourceReader()).find((t) => t.via === 'Urticaria')?.code // 'L50.9'
 * ```
 */
export function indexTerms(reader: Icd10CmReleaseReader): IndexTerm[] {
  const newestByKind = new Map<string, [string, IndexTerm['source'], string]>();
  for (const file of reader.list(DIR)) {
    const m = /icd10cm_(index|eindex|drug|neoplasm)_(\d{4})\.xml(\.gz)?$/.exec(file);
    if (!m) continue;
    const f: [string, IndexTerm['source'], string] = [file, m[1] as IndexTerm['source'], m[2]!];
    if (!newestByKind.has(f[1]) || newestByKind.get(f[1])![2] < f[2]) newestByKind.set(f[1], f);
  }
  const terms: IndexTerm[] = [];
  const xmlOf = new Map<IndexTerm['source'], string>();
  for (const [file, kind] of [...newestByKind.values()].sort()) {
    const what =
      kind === 'index'
        ? 'alphabetic index'
        : kind === 'eindex'
          ? 'external-cause index'
          : kind === 'drug'
            ? 'Table of Drugs and Chemicals'
            : 'Neoplasm Table';
    const xml = decodeXml(file, reader.read(file, `search terms (${what})`));
    xmlOf.set(kind, xml);
    for (const t of parseIndexTerms(xml, kind)) terms.push(t);
  }
  // The index's main terms that send the reader to the Neoplasm Table by site (`Cancer`, `Adenoma`).
  const index = xmlOf.get('index');
  const table = xmlOf.get('neoplasm');
  if (index !== undefined && table !== undefined)
    for (const t of neoplasmTableTerms(index, table)) terms.push(t);
  return terms;
}

/**
 * The FY2026 search pack with some index entries left out (keys `term\u0000UNDOTTED`): each entry's
 * own term and every term that reaches its code through it (a reference to it, a subterm continued
 * from it). The bench uses it to measure recall on entries the index has never seen. `onlyThePairs`
 * leaves out the pairs alone (the former measure, which kept the referring terms and with them the
 * held-out entry's words in their `(see …)` text).
 *
 * @example
 * ```ts
 * fy2026SearchPackWithout(new SourceReader(), new Set(['Hives\u0000L509'])).rows // 98186
 * ```
 */
export function fy2026SearchPackWithout(
  reader: Icd10CmReleaseReader,
  exclude: ReadonlySet<string>,
  options: { readonly onlyThePairs?: boolean } = {},
): { pack: Uint8Array; rows: number } {
  const orderText = zipMember(
    reader.read(`${DIR}/2026-code-descriptions-tabular-order.zip`, 'order file'),
    'icd10cm_order_2026.txt',
  );
  const fy2026 = parseOrderFile(orderText, 'icd10cm_order_2026.txt');
  const picked = newestTabular(reader);
  const tab = parseTabular(picked.xml, picked.file);
  return {
    pack: buildSearchPack(
      'fy2026',
      searchDocs(
        fy2026,
        tab,
        options.onlyThePairs ? indexTerms(reader).map(({ origin: _, ...t }) => t) : indexTerms(reader),
        exclude,
      ),
    ),
    rows: fy2026.length,
  };
}

/** CMS/CDC release ICD-10-CM for the federal fiscal year (October 1 to September 30). */
function fiscalYear(fy: number) {
  return {
    period: `FY${fy}`,
    from: `${fy - 1}-10-01`,
    through: `${fy}-09-30`,
    nextFile: `the CMS ${fy + 1} Code Descriptions in Tabular Order (${fy + 1}-code-descriptions-tabular-order.zip, icd10cm_order_${fy + 1}.txt)`,
  };
}

/**
 * Throws unless the prior year's order file plus this year's order addenda give exactly this year's
 * order file's codes and flags (the addenda are CMS's statement of what changed; a disagreement means
 * one of the files is not what its name says).
 */
function assertAddendaAgree(derived: readonly OrderRow[], official: readonly OrderRow[], year = 2027): void {
  const flags = (rows: readonly OrderRow[]) => new Map(rows.map((r) => [r.code, r.billable]));
  const a = flags(derived);
  const b = flags(official);
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((c) => a.get(c) !== b.get(c));
  if (differing.length > 0)
    throw new SourceFormatError(
      `icd10cm_order_${year}.txt`,
      undefined,
      `icd10cm_order_${year}.txt and FY${year - 1} + icd10cm_order_addenda_${year}.txt disagree on ${differing.length} code(s), e.g. ${differing.slice(0, 5).join(', ')}`,
    );
}

/**
 * Builds the ICD-10-CM editions from the release files a reader holds.
 *
 * @example
 * ```ts
 * buildIcd10CmEditions(releaseFolder('codesets/sources/icd10cm'))[1]?.edition.id // 'fy2027'
 * ```
 */
export function buildIcd10CmEditions(reader: Icd10CmReleaseReader): BuiltEdition[] {
  {
    const orderText = zipMember(
      reader.read(
        `${DIR}/2026-code-descriptions-tabular-order.zip`,
        'FY2026 codes, billable flags, short and long titles (icd10cm_order_2026.txt)',
      ),
      'icd10cm_order_2026.txt',
    );
    const fy2026 = parseOrderFile(orderText, 'icd10cm_order_2026.txt');
    const picked = newestTabular(reader);
    const tab = { ...parseTabular(picked.xml, picked.file), file: picked.file };
    const poa = poaSet(reader);
    // FY2027 takes the CDC's FY2027 list when it is given: a code's POA exemption is the list of the
    // discharge's fiscal year (CMS POA reporting guidelines), and the lists change yearly.
    const poa27Name = 'POAexemptCodesFY27.zip';
    const poa27 = reader.list(DIR).some((f) => basename(f) === poa27Name)
      ? poaExemptList(reader.read(`${DIR}/${poa27Name}`, 'POA-exempt flag (CDC FY2027 list)'), poa27Name)
      : undefined;
    const addenda = parseOrderAddenda(
      latin1(
        reader.read(
          `${DIR}/icd10cm_order_addenda_2027.txt`,
          'FY2027 additions, deletions and revised titles (CMS order addenda)',
        ),
      ),
      'icd10cm_order_addenda_2027.txt',
    );
    // FY2027 is read from the official FY2027 order file itself: its titles and its order are the
    // published ones. The addenda stay a cross-check: FY2026 with them applied must give the same
    // codes and flags, or one of the two files is not what it claims to be.
    const fy2027 = parseOrderFile(
      latin1(
        reader.read(
          `${DIR}/icd10cm_order_2027.txt`,
          'FY2027 codes, billable flags, short and long titles, in tabular order (icd10cm_order_2027.txt)',
        ),
      ),
      'icd10cm_order_2027.txt',
    );
    assertAddendaAgree(applyOrderAddenda(fy2026, addenda, 'icd10cm_order_addenda_2027.txt'), fy2027);

    const terms = indexTerms(reader);
    const docs26 = searchDocs(fy2026, tab, terms, NONE);
    const docs27 = searchDocs(fy2027, tab, terms, NONE);

    // Held-out evaluation pairs: index/eindex term -> code billable in FY2026, chosen by a fixed seed,
    // excluded from every search pack so recall is measured on terms the index never saw.
    const billable26 = new Set(fy2026.filter((r) => r.billable).map((r) => r.code));
    const candidates = new Map<string, { term: string; code: string }>();
    for (const t of terms) {
      // Pairs the index prints, as plain codes only (the sample predates the subcat/seecat/manif
      // terms): no term reached through a reference or continued from one.
      if ((t.source !== 'index' && t.source !== 'eindex') || t.via || t.continued || t.printed) continue;
      const code = indexCodeToUndotted(t.code);
      if (!billable26.has(code)) continue;
      candidates.set(`${t.text}\u0000${code}`, { term: t.text, code });
    }
    const pool = [...candidates.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const rand = mulberry32(EVAL_SEED);
    // Two disjoint samples: `test` is only ever measured (bench), `dev` is the one ranking changes may look at.
    const heldOut = new Map<string, { term: string; code: string; set: 'test' | 'dev' }>();
    while (heldOut.size < Math.min(2 * EVAL_PAIRS, pool.length)) {
      const [key, pair] = pool[Math.floor(rand() * pool.length)]!;
      if (!heldOut.has(key)) heldOut.set(key, { ...pair, set: heldOut.size < EVAL_PAIRS ? 'test' : 'dev' });
    }
    const pairsOf = (set: 'test' | 'dev') =>
      [...heldOut.values()]
        .filter((p) => p.set === set)
        .map((p) => ({ term: p.term, code: formatIcd10CmDotted(p.code) }));
    const evalJson = Buffer.from(
      `${JSON.stringify({ seed: EVAL_SEED, test: pairsOf('test'), dev: pairsOf('dev') }, null, 1)}\n`,
    );

    const count = (rows: readonly OrderRow[]) => {
      const billable = rows.filter((r) => r.billable).length;
      const covered = rows.filter((r) => tab.nodes.has(r.code.slice(0, 3))).length;
      return {
        codes: rows.length,
        billable,
        headers: rows.length - billable,
        tabularCovered: covered,
        tabularUncovered: rows.length - covered,
      };
    };
    const sources = reader.used;
    const tabNote = `Chapters, sections, notes and 7th characters come from the tabular XML version ${tab.version} (${tab.file}), the newest held; codes whose category it lacks get chapter/section derived from the ranges and no notes.`;

    const e26: Edition = {
      id: 'fy2026',
      name: 'ICD-10-CM FY2026',
      system: 'icd10cm',
      effectiveFrom: '2025-10-01',
      effectiveTo: '2026-09-30',
    };
    const e27: Edition = {
      id: 'fy2027',
      name: 'ICD-10-CM FY2027',
      system: 'icd10cm',
      effectiveFrom: '2026-10-01',
      effectiveTo: '2027-09-30',
    };
    const c27 = count(fy2027);
    // The CMS trailer states the FY2027 totals; a mismatch means the addenda were misapplied.
    if (c27.billable !== addenda.trailer.codes.after || c27.headers !== addenda.trailer.headers.after) {
      throw new Error(
        `FY2027 = ${c27.billable} codes + ${c27.headers} headers, addenda trailer says ${addenda.trailer.codes.after} + ${addenda.trailer.headers.after}`,
      );
    }
    const billable27 = new Set(fy2027.filter((r) => r.billable).map((r) => r.code));
    return [
      {
        edition: e26,
        derivation:
          'CMS FY2026 order file (icd10cm_order_2026.txt) for codes, flags and titles; CDC FY2026 POA-exempt list; newest tabular XML for chapters, sections, notes and 7th characters; index, external-cause index, drug and neoplasm tables for search terms.',
        packs: {
          'codes.pack': buildBaseCodesPack('fy2026', fy2026, tab, poa),
          'notes.pack': buildNotesPack('fy2026', tab),
          'search.pack': buildSearchPack('fy2026', docs26),
          'search-eval.json': evalJson,
        },
        counts: {
          ...count(fy2026),
          poaExempt: fy2026.filter((r) => poa.has(r.code)).length,
          searchHeldOutTestPairs: EVAL_PAIRS,
          searchHeldOutDevPairs: heldOut.size - EVAL_PAIRS,
        },
        notes: [
          tabNote,
          `Search held-out evaluation: ${heldOut.size} index term -> FY2026 billable code pairs (seed ${EVAL_SEED}; ${EVAL_PAIRS} test pairs measured only in the bench, the rest a dev set for ranking work; search-eval.json). The shipped search index keeps every index term; the bench measures recall both with it and with an index rebuilt without the held-out pairs.`,
        ],
        sources: [...sources].filter((s) => !/(_2027\.txt|FY27\.zip)$/.test(s.file)),
        publisherValidity: fiscalYear(2026),
      },
      {
        edition: e27,
        derivation:
          "CMS FY2027 order file (icd10cm_order_2027.txt) for codes, flags, titles and order, checked against FY2026 + the FY2027 order addenda (icd10cm_order_addenda_2027.txt), which must give the same codes and flags. Rows equal to FY2026's are stored once, shared with FY2026 (codes.pack holds only the changed rows and the FY2027 order). Notes and 7th characters come from the same tabular XML, through ancestors; the notes pack is FY2026's.",
        packs: {
          'codes.pack': buildDeltaCodesPack('fy2027', 'fy2026', fy2026, fy2027, tab, poa27 ?? poa, poa),
          // The FY2027 search pack holds only what FY2026's lacks (new and revised codes' documents).
          'search.pack': buildSearchDeltaPack(
            'fy2027',
            { edition: 'fy2026', docs: docs26, codes: fy2026.map((r) => r.code) },
            docs27,
            fy2027.map((r) => r.code),
          ),
        },
        counts: {
          ...c27,
          poaExempt: fy2027.filter((r) => (poa27 ?? poa).has(r.code)).length,
          addendaAdds: addenda.adds.length,
          addendaDeletes: addenda.deletes.length,
          addendaRevisions: addenda.revisions.length,
          billableAdded: [...billable27].filter((c) => !billable26.has(c)).length,
          billableDeleted: [...billable26].filter((c) => !billable27.has(c)).length,
          trailerCodesAfter: addenda.trailer.codes.after,
          trailerHeadersAfter: addenda.trailer.headers.after,
        },
        notes: [
          tabNote,
          poa27
            ? `POA-exempt flags come from the CDC FY2027 list (${poa27Name}).`
            : 'The FY2027 POA-exempt list is not held (SOURCES.md): poaExempt is the FY2026 flag (codes new in FY2027 are reported as not exempt).',
          'The FY2027 tabular, index and table XML are not held: search terms come from the same files as FY2026, kept where their codes exist in FY2027.',
        ],
        sources: [...sources],
        publisherValidity: fiscalYear(2027),
      },
    ];
  }
}

/**
 * The release files the built-in build combines (FY2027 as a delta over FY2026, with the search
 * evaluation set). An order file of another fiscal year, or FY2026/FY2027 without all of these,
 * is built as a full edition of its own (`buildIcd10CmFiscalYear`).
 */
const BUILT_IN_FILES = [
  '2026-code-descriptions-tabular-order.zip',
  'icd10cm_order_2027.txt',
  'icd10cm_order_addenda_2027.txt',
  'POAexemptCodesFY26.zip',
];
const BUILT_IN_YEARS = ['2026', '2027'];
/** ICD-10-CM took effect in the United States on October 1, 2015: FY2016 is its first release. */
const FIRST_FISCAL_YEAR = 2016;

/** Whether a reader holds every file of the built-in FY2026 + FY2027 build. */
function holdsBuiltInRelease(reader: Icd10CmReleaseReader): boolean {
  const names = new Set(reader.list(DIR).map((f) => basename(f)));
  return BUILT_IN_FILES.every((f) => names.has(f));
}

/** The text of an order file given as itself or as the CMS zip that holds it. */
function orderText(bytes: Uint8Array, year: string): string {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  return isZip ? zipMember(bytes, `icd10cm_order_${year}.txt`) : latin1(bytes);
}

/**
 * Builds one fiscal year's ICD-10-CM edition `fyYYYY` on its own (no base edition) from its order
 * file and whatever companions the reader holds: the tabular XML (required: chapters, sections,
 * notes and 7th characters; the newest held, by its `<version>`), the index, external-cause index,
 * drug and neoplasm XML (optional: the search pack), the CDC POA-exempt list of that fiscal year
 * (`POAexemptCodesFYyy.zip`, optional), and that year's order addenda (optional: with the prior
 * year's order file they are applied to it and must give the same codes and flags; their trailer
 * totals are checked in any case). What is absent is said in the edition's `notes`.
 *
 * @example
 * ```ts
 * buildIcd10CmFiscalYear(releaseFolder('/downloads/icd10cm-2028'), 'icd10cm/icd10cm_order_2028.txt').edition.id // 'fy2028'
 * ```
 */
export function buildIcd10CmFiscalYear(reader: Icd10CmReleaseReader, orderFile: string): BuiltEdition {
  const name = basename(orderFile);
  const year = orderFileYear(name);
  if (year === undefined)
    throw new SourceFormatError(name, undefined, 'not an ICD-10-CM order file by its name');
  const fy = Number(year);
  const id = `fy${year}`;
  const held = new Set(reader.list(DIR).map((f) => basename(f)));
  const rows = parseOrderFile(
    orderText(
      reader.read(
        `${DIR}/${name}`,
        `FY${year} codes, billable flags, short and long titles, in tabular order`,
      ),
      year,
    ),
    `icd10cm_order_${year}.txt`,
  );
  if (![...held].some((f) => /tabular[^/]*\.xml(\.gz)?$/i.test(f))) throw missingTabular(`FY${year} `, name);
  const picked = newestTabular(reader);
  const tab = { ...parseTabular(picked.xml, picked.file), file: picked.file };
  const notes = [
    `Built on its own (no base edition) from ${name}. Chapters, sections, notes and 7th characters come from the tabular XML version ${tab.version} (${tab.file}), the newest given; codes whose category it lacks get chapter/section derived from the ranges and no notes.`,
  ];
  const counts: Record<string, number> = {};

  const poaName = `POAexemptCodesFY${year.slice(2)}.zip`;
  let poa: ReadonlySet<string> = NONE;
  if (held.has(poaName)) {
    poa = poaExemptList(reader.read(`${DIR}/${poaName}`, `POA-exempt flag (CDC FY${year} list)`), poaName);
    counts.poaExempt = rows.filter((r) => poa.has(r.code)).length;
  } else notes.push(`No ${poaName} given: no code is flagged POA-exempt.`);

  const addendaName = `icd10cm_order_addenda_${year}.txt`;
  if (held.has(addendaName)) {
    const addenda = parseOrderAddenda(
      latin1(
        reader.read(
          `${DIR}/${addendaName}`,
          `FY${year} additions, deletions and revised titles (CMS order addenda)`,
        ),
      ),
      addendaName,
    );
    const billable = rows.filter((r) => r.billable).length;
    // The CMS trailer states the year's totals after the changes: the order file must hold them.
    if (billable !== addenda.trailer.codes.after || rows.length - billable !== addenda.trailer.headers.after)
      throw new SourceFormatError(
        name,
        undefined,
        `FY${year} = ${billable} codes + ${rows.length - billable} headers, ${addendaName} trailer says ${addenda.trailer.codes.after} + ${addenda.trailer.headers.after}`,
      );
    const prior = [`icd10cm_order_${fy - 1}.txt`, `${fy - 1}-code-descriptions-tabular-order.zip`].find((f) =>
      held.has(f),
    );
    if (prior) {
      const priorRows = parseOrderFile(
        orderText(
          reader.read(`${DIR}/${prior}`, `FY${fy - 1} codes the FY${year} addenda apply to`),
          String(fy - 1),
        ),
        `icd10cm_order_${fy - 1}.txt`,
      );
      assertAddendaAgree(applyOrderAddenda(priorRows, addenda, addendaName), rows, fy);
      notes.push(
        `Checked: FY${fy - 1} (${prior}) with ${addendaName} applied gives the same codes and flags.`,
      );
    } else notes.push(`${addendaName} checked by its trailer totals only (no FY${fy - 1} order file given).`);
    counts.addendaAdds = addenda.adds.length;
    counts.addendaDeletes = addenda.deletes.length;
    counts.addendaRevisions = addenda.revisions.length;
  }

  const packs: Record<string, Uint8Array> = {
    'codes.pack': buildBaseCodesPack(id, rows, tab, poa),
    'notes.pack': buildNotesPack(id, tab),
  };
  const hasIndex = [...held].some((f) => /^icd10cm_(index|eindex|drug|neoplasm)_\d{4}\.xml(\.gz)?$/.test(f));
  // Without the index and table XML, search still reads every code's titles and inclusion terms.
  packs['search.pack'] = buildSearchPack(id, searchDocs(rows, tab, hasIndex ? indexTerms(reader) : [], NONE));
  if (!hasIndex)
    notes.push(
      'No index, external-cause index, drug or neoplasm XML given: search covers titles, short titles and inclusion terms only.',
    );
  const billable = rows.filter((r) => r.billable).length;
  const covered = rows.filter((r) => tab.nodes.has(r.code.slice(0, 3))).length;
  return {
    edition: {
      id,
      name: `ICD-10-CM FY${year}`,
      system: 'icd10cm',
      effectiveFrom: `${fy - 1}-10-01`,
      effectiveTo: `${fy}-09-30`,
    },
    derivation: `CMS FY${year} order file (${name}) for codes, flags, titles and order, stored whole (no base edition); the tabular XML for chapters, sections, notes and 7th characters; index and table XML, where given, for search terms.`,
    packs,
    counts: {
      codes: rows.length,
      billable,
      headers: rows.length - billable,
      tabularCovered: covered,
      tabularUncovered: rows.length - covered,
      ...counts,
    },
    notes,
    sources: [...reader.used],
    publisherValidity: fiscalYear(fy),
  };
}

/** The fiscal year an ICD-10-CM order file or order-file zip names, else `undefined`. */
function orderFileYear(name: string): string | undefined {
  const base = basename(name);
  return (
    /^icd10cm_order_(\d{4})\.txt$/i.exec(base)?.[1] ??
    /^(\d{4})-code-descriptions-tabular-order\.zip$/i.exec(base)?.[1]
  );
}

/**
 * Whether a file is a CMS ICD-10-CM order file (`icd10cm_order_2027.txt`) or the zip that holds it
 * (`2026-code-descriptions-tabular-order.zip`), by its name.
 *
 * @example
 * ```ts
 * looksLikeIcd10CmOrderFile({ name: 'icd10cm_order_2027.txt', bytes }) // true
 * ```
 */
export function looksLikeIcd10CmOrderFile(file: { readonly name: string }): boolean {
  return orderFileYear(file.name) !== undefined;
}

/** An order-file line: 5-digit order number, code, billable flag, short title (CMS icd10OrderFiles.pdf). */
const ORDER_LINE = /^\d{5} [A-Z][0-9A-Z]{2,6} +[01] \S/;

/**
 * Imports one ICD-10-CM fiscal year from its order file (or the zip that holds it). The other
 * release files the edition is built from are read from the same folder, under their CMS/CDC names:
 * the FY2026 order-file zip (FY2027 is stored as a delta over it), the FY2027 order addenda, the
 * tabular XML, the index, external-cause index, drug and neoplasm XML and the POA-exempt list
 * (`codesets/sources/SOURCES.md` lists them). With that whole set the packs are the ones
 * `npm run codesets` builds, byte for byte; otherwise (another fiscal year, or a folder without
 * the FY2026 base) the year is a full edition of its own (`buildIcd10CmFiscalYear`).
 *
 * @example
 * ```ts
 * const built = importIcd10CmFile({ name: '/downloads/icd10cm/icd10cm_order_2027.txt', bytes })
 * built.edition.id // 'fy2027'
 * ```
 */
export function importIcd10CmFile(file: { readonly name: string; readonly bytes: Uint8Array }): BuiltEdition {
  const year = checkedOrderFile(file);
  // The companion files are read from the order file's folder; a missing one is named in the error.
  const folder = dirname(file.name);
  return buildEdition(releaseFiles([file], folder), basename(file.name), year);
}

/** The fiscal year of an order file (or its zip), after checking its name, layout and year. */
function checkedOrderFile(file: { readonly name: string; readonly bytes: Uint8Array }): string {
  const year = orderFileYear(file.name);
  const name = basename(file.name);
  if (!year) throw new SourceFormatError(name, undefined, 'not an ICD-10-CM order file by its name');
  const isZip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
  const text = isZip
    ? zipMember(file.bytes, `icd10cm_order_${year}.txt`, name)
    : latin1(file.bytes.subarray(0, 400));
  if (!ORDER_LINE.test(text))
    throw new SourceFormatError(
      name,
      1,
      `the name says an ICD-10-CM order file, but the first line is not order-file layout (order number, code, flag, title)`,
    );
  if (Number(year) < FIRST_FISCAL_YEAR)
    throw new SourceFormatError(
      name,
      undefined,
      `FY${year}: ICD-10-CM releases start with FY${FIRST_FISCAL_YEAR} (October 1, 2015)`,
    );
  return year;
}

/**
 * A release reader over given files (name and bytes: files a browser read, or a caller holds in
 * memory): `icd10cm/<name>` is the given file of that base name; a file not given is read from
 * `folder` when one is named (the folder the order file was read from), else its absence is a
 * `SourceFormatError` naming it.
 *
 * @example
 * ```ts
 * const reader = releaseFiles([{ name: 'icd10cm_order_2027.txt', bytes }, …])
 * buildIcd10CmEditions(reader)[1]?.edition.id // 'fy2027'
 * ```
 */
export function releaseFiles(
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  folder?: string,
): Icd10CmReleaseReader {
  const byName = new Map(files.map((f) => [basename(f.name), f.bytes]));
  const disk = folder === undefined ? undefined : releaseFolder(folder);
  const used: ManifestSource[] = [];
  return {
    used,
    read(file, contributed) {
      const name = basename(file);
      let bytes = byName.get(name);
      if (bytes === undefined) {
        if (!disk)
          throw new MissingSourceFileError(
            name,
            `the ICD-10-CM import needs ${name} (${contributed}): pass it with the order file`,
          );
        bytes = disk.read(file, contributed);
      }
      if (!used.some((s) => s.file === file))
        used.push({ file, sha256: sha256(bytes), bytes: bytes.length, contributed });
      return bytes;
    },
    list(dir) {
      const names = new Set(byName.keys());
      if (disk) for (const f of disk.list(dir)) names.add(basename(f));
      return [...names].sort().map((f) => `${dir}/${f}`);
    },
  };
}

/** The CMS/CDC ICD-10-CM release files other than the order file, by name, and what each must hold. */
const COMPANIONS: readonly {
  readonly name: RegExp;
  readonly what: string;
  readonly holds: (head: string) => boolean;
}[] = [
  {
    name: /^icd10cm_order_addenda_\d{4}\.txt$/i,
    what: 'ICD-10-CM order addenda',
    holds: (head) => /^(Add|Delete|Revise from|Revise to):/.test(head),
  },
  {
    name: /^icd10cm_(tabular|index|eindex|drug|neoplasm)_\d{4}\.xml(\.gz)?$/i,
    what: 'ICD-10-CM tabular, index or table XML',
    holds: (head) => /^(\uFEFF|ï»¿)?\s*<(\?xml|ICD10CM)/.test(head),
  },
  {
    name: /^POAexemptCodesFY\d{2}\.zip$/i,
    what: 'CDC POA-exempt list zip',
    holds: (head) => head.startsWith('PK'),
  },
  { name: /^icd10cm_.*\.xsd$/i, what: 'ICD-10-CM XML schema', holds: (head) => /^\s*</.test(head) },
];

/**
 * Whether a file is one of the ICD-10-CM release files that go with an order file: the order
 * addenda, the tabular, index, external-cause index, drug and neoplasm XML (or their `.gz`), the
 * POA-exempt list zip, by its CMS/CDC name.
 *
 * @example
 * ```ts
 * isIcd10CmCompanionFile('icd10cm_order_addenda_2027.txt') // true
 * ```
 */
export function isIcd10CmCompanionFile(name: string): boolean {
  const base = basename(name);
  return COMPANIONS.some((c) => c.name.test(base));
}

/**
 * Imports one ICD-10-CM fiscal year from given release files (name and bytes): the order file of
 * the newest fiscal year given (`icd10cm_order_2027.txt`, or the zip that holds it) is the edition;
 * the other files are the release files it is built from (the FY2026 order-file zip FY2027 is a
 * delta over, the order addenda, the tabular and index XML, the drug, neoplasm and external-cause
 * XML, the POA-exempt list), each checked by name and content. A release file not given is read
 * from `folder` when one is named. With the built-in FY2026 + FY2027 set the packs are those
 * `npm run codesets` builds, byte for byte; any other order file (any fiscal year from FY2016) is
 * built as a full edition of its own (`buildIcd10CmFiscalYear`: tabular XML required).
 *
 * @example
 * ```ts
 * const built = importIcd10CmFiles([order2027, order2026Zip, addenda2027, tabular, index, eindex, drug, neoplasm, poaZip])
 * built.edition.id // 'fy2027'
 * ```
 */
export function importIcd10CmFiles(
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  folder?: string,
): BuiltEdition {
  checkOfficialFiles('importIcd10CmFiles', files);
  for (const f of files) {
    if (orderFileYear(f.name) !== undefined) continue;
    const base = basename(f.name);
    const kind = COMPANIONS.find((c) => c.name.test(base));
    if (!kind)
      throw new SourceFormatError(base, undefined, 'not an ICD-10-CM release file by its CMS/CDC name');
    const bytes = base.endsWith('.gz')
      ? gunzipSync(f.bytes.subarray(0, 1 << 20), { finishFlush: 2 })
      : f.bytes;
    if (!kind.holds(latin1(bytes.subarray(0, 200))))
      throw new SourceFormatError(base, 1, `the name says ${kind.what}, but the content is not one`);
  }
  const orders = files
    .filter((f) => orderFileYear(f.name) !== undefined)
    .sort((a, b) => (orderFileYear(a.name)! < orderFileYear(b.name)! ? -1 : 1));
  const order = orders.at(-1);
  if (!order)
    throw new SourceFormatError(
      basename(files[0]?.name ?? 'icd10cm'),
      undefined,
      'the ICD-10-CM release files need their order file (icd10cm_order_YYYY.txt or YYYY-code-descriptions-tabular-order.zip)',
    );
  const year = checkedOrderFile(order);
  return buildEdition(releaseFiles(files, folder), basename(order.name), year);
}

/**
 * The edition of an order file: the built-in build's when the reader holds all its files and the
 * year is one it makes (so the packs equal the shipped ones byte for byte), else a full edition of
 * that fiscal year on its own.
 */
function buildEdition(reader: Icd10CmReleaseReader, order: string, year: string): BuiltEdition {
  if (BUILT_IN_YEARS.includes(year) && holdsBuiltInRelease(reader)) {
    const edition = buildIcd10CmEditions(reader).find((e) => e.edition.id === `fy${year}`);
    if (edition) return edition;
  }
  return buildIcd10CmFiscalYear(reader, `${DIR}/${order}`);
}
