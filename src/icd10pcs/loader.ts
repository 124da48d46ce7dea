/**
 * Build time only: turns the official CMS FY ICD-10-PCS files into the compact `codes.pack`.
 * Never imported by the runtime entry (`index.ts`).
 *
 * - Structure: the tables XML (`icd10pcs_tables_2026.xml`, `<pcsTable>` → `<axis pos=1..3>` and
 *   `<pcsRow>` → `<axis pos=4..7>`). It is the source of truth: the codes are the expansion of the
 *   rows, stored as tables, not as 79,115 strings.
 * - Titles: the order file (`icd10pcs_order_2026.txt` in the order zip; layout per CMS
 *   `icd10pcsOrderFile.pdf`: columns 1-5 order number, 7-13 code, 15 valid flag (1 = valid code,
 *   0 = table header), 17-76 abbreviated title, 78- long title).
 * - Definitions: the definitions XML (`icd10pcs_definitions_2026.xml`, `<section>` → `<axis>` →
 *   `<terms>` with `<title>`, `<definition>`, `<explanation>`, `<includes>`).
 *
 * The expansion of the rows must equal the valid codes of the order file exactly, else the build fails.
 *
 * Titles are stored as phrase tokens: each title is cut after `, `, ` with `, ` to `, ` of `,
 * ` into `, ` using `, ` from ` into phrases, one dictionary serves long and abbreviated titles,
 * and each title is a run of 1-2 byte phrase ids. This keeps the pack well under 3 MB with every
 * title in it (long titles alone are 5.9 MB as text).
 *
 * @module
 */
import { XMLParser } from 'fast-xml-parser';
import { PackWriter } from '../core/pack';
import { SourceFormatError } from '../core/errors';
import { unzipOfficialFile } from '../core/official-zip';
import { ICD10PCS_ALPHABET } from './model';
import { PACK_KIND, TITLE_BLOCK, splitTitle, type PackValueRecord, type PackTable } from './pack-format';

/** The parsed tables, before they are written. */
interface Structure {
  readonly names: string[];
  readonly values: PackValueRecord[];
  readonly tables: { readonly code: string; readonly table: PackTable; readonly count: number }[];
}

/**
 * The official files of one edition.
 *
 * @example
 * ```ts
 * const files: Icd10PcsSourceFiles = { tablesXml, definitionsXml, orderZip, names: { tables: 't.xml', definitions: 'd.xml', order: 'o.zip' } }
 * ```
 */
export interface Icd10PcsSourceFiles {
  readonly tablesXml: Uint8Array;
  /** Optional: without it, axis values carry no definitions. */
  readonly definitionsXml?: Uint8Array;
  /** The order zip (`…order-file-long-and-abbreviated-titles.zip`). */
  readonly orderZip: Uint8Array;
  /** Names used in error messages. */
  readonly names: { readonly tables: string; readonly definitions: string; readonly order: string };
}

/**
 * What the loader produced, with figures for the manifest.
 *
 * @example
 * ```ts
 * buildIcd10PcsPack(files, 'fy2026').counts.codes // 79115
 * ```
 */
export interface Icd10PcsBuildResult {
  readonly pack: Uint8Array;
  readonly counts: {
    readonly codes: number;
    readonly tables: number;
    readonly rows: number;
    readonly sections: number;
    readonly titlePhrases: number;
    readonly axisValuesWithDefinition: number;
  };
}

type Xml = Record<string, unknown>;

const ARRAY_TAGS = new Set(['pcsTable', 'pcsRow', 'axis', 'label', 'section', 'terms', 'title', 'includes']);

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
}

function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '#text' in node) return String((node as Xml)['#text']);
  return '';
}

function arr(node: unknown): Xml[] {
  return Array.isArray(node) ? (node as Xml[]) : [];
}

interface DefinitionTerm {
  readonly definition?: string;
  readonly explanation?: string;
  readonly includes?: readonly string[];
}

/** Definitions XML → Map keyed `section|pos|title`. */
function readDefinitions(xml: Uint8Array, file: string): Map<string, DefinitionTerm> {
  const doc = parser().parse(Buffer.from(xml).toString('utf8')) as Xml;
  const root = doc['ICD10PCS.definitions'] as Xml | undefined;
  if (!root) throw new SourceFormatError(file, undefined, 'no <ICD10PCS.definitions> root');
  const out = new Map<string, DefinitionTerm>();
  for (const section of arr(root.section)) {
    const sectionCode = String(section['@code']);
    for (const axis of arr(section.axis)) {
      const pos = String(axis['@pos']);
      for (const term of arr(axis.terms)) {
        const definition = text(term.definition) || undefined;
        const explanation = text(term.explanation) || undefined;
        const includes = arr(term.includes).map(text).filter(Boolean);
        const value: DefinitionTerm = {
          ...(definition ? { definition } : {}),
          ...(explanation ? { explanation } : {}),
          ...(includes.length ? { includes } : {}),
        };
        for (const title of arr(term.title)) out.set(`${sectionCode}|${pos}|${text(title)}`, value);
      }
    }
  }
  return out;
}

/** Order file → Map code → [long, short]. */
function readOrderFile(zip: Uint8Array, file: string): Map<string, readonly [string, string]> {
  const files = unzipOfficialFile(zip, file);
  const member = Object.keys(files).find((name) => /^icd10pcs_order_\d{4}\.txt$/.test(name));
  if (!member) throw new SourceFormatError(file, undefined, 'no icd10pcs_order_YYYY.txt member');
  const body = Buffer.from(files[member]!).toString('latin1');
  const out = new Map<string, readonly [string, string]>();
  let lineNo = 0;
  for (const raw of body.split('\n')) {
    lineNo++;
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    const code = line.slice(6, 13).trim();
    const flag = line[14];
    if (flag !== '0' && flag !== '1')
      throw new SourceFormatError(`${file}:${member}`, lineNo, `valid flag is ${JSON.stringify(flag)}`);
    if (flag === '0') continue;
    if (code.length !== 7)
      throw new SourceFormatError(
        `${file}:${member}`,
        lineNo,
        `code ${JSON.stringify(code)} is not 7 characters`,
      );
    out.set(code, [line.slice(77).trim(), line.slice(16, 76).trim()]);
  }
  return out;
}

/** Tables XML + definitions → the structure section, in generation order. */
function readTables(
  xml: Uint8Array,
  file: string,
  defs: Map<string, DefinitionTerm>,
): { structure: Structure; codes: string[]; withDefinition: number } {
  const doc = parser().parse(Buffer.from(xml).toString('utf8')) as Xml;
  const root = doc['ICD10PCS.tabular'] as Xml | undefined;
  if (!root) throw new SourceFormatError(file, undefined, 'no <ICD10PCS.tabular> root');
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const nameId = (n: string): number => {
    let id = nameIds.get(n);
    if (id === undefined) {
      id = names.length;
      names.push(n);
      nameIds.set(n, id);
    }
    return id;
  };
  const values: PackValueRecord[] = [];
  const valueIds = new Map<string, number>();
  let withDefinition = 0;
  const valueId = (rec: PackValueRecord): number => {
    const key = JSON.stringify(rec);
    let id = valueIds.get(key);
    if (id === undefined) {
      id = values.length;
      values.push(rec);
      valueIds.set(key, id);
      if (rec[2] !== null) withDefinition++;
    }
    return id;
  };
  // Definition of a value: definitions XML by section, position and label. Devices are listed
  // there per body system ("Autologous Arterial Tissue in Lower Arteries"), so that form is tried
  // first. The table's own <definition> (root operations) is the fallback.
  const record = (
    section: string,
    pos: number,
    bodySystemLabel: string,
    code: string,
    label: string,
    tableDefinition?: string,
  ): PackValueRecord => {
    const def =
      defs.get(`${section}|${pos}|${label} in ${bodySystemLabel}`) ?? defs.get(`${section}|${pos}|${label}`);
    const definition = def?.definition ?? tableDefinition ?? null;
    return [code, label, definition, def?.explanation ?? null, def?.includes ? [...def.includes] : null];
  };

  const tables: Structure['tables'] = [];
  const codes: string[] = [];
  const seenTables = new Set<string>();
  for (const t of arr(root.pcsTable)) {
    const axes = arr(t.axis);
    const head: { pos: number; name: string; code: string; label: string; definition?: string }[] = [];
    for (const a of axes) {
      const labels = arr(a.label);
      if (labels.length !== 1)
        throw new SourceFormatError(
          file,
          undefined,
          `table axis ${String(a['@pos'])} has ${labels.length} labels, expected 1`,
        );
      const definition = text(a.definition) || undefined;
      head.push({
        pos: Number(a['@pos']),
        name: text(arr(a.title)[0]),
        code: String(labels[0]!['@code']),
        label: text(labels[0]),
        ...(definition ? { definition } : {}),
      });
    }
    if (head.length !== 3 || head.some((h, i) => h.pos !== i + 1))
      throw new SourceFormatError(file, undefined, 'table does not have axes 1, 2, 3');
    const [h1, h2, h3] = head as [(typeof head)[0], (typeof head)[0], (typeof head)[0]];
    const tableCode = h1.code + h2.code + h3.code;
    if (seenTables.has(tableCode))
      throw new SourceFormatError(file, undefined, `table ${tableCode} appears twice`);
    seenTables.add(tableCode);
    const section = h1.code;
    const rowNames: (number | undefined)[] = [undefined, undefined, undefined, undefined];
    const rows: PackTable[4] = [];
    const firstCode = codes.length;
    for (const r of arr(t.pcsRow)) {
      const rowAxes = arr(r.axis);
      if (rowAxes.length !== 4)
        throw new SourceFormatError(file, undefined, `table ${tableCode}: row has ${rowAxes.length} axes`);
      const row: (string | number[])[] = [];
      let product = 1;
      rowAxes.forEach((a, i) => {
        const pos = Number(a['@pos']);
        if (pos !== i + 4)
          throw new SourceFormatError(file, undefined, `table ${tableCode}: row axis ${pos} out of order`);
        const n = nameId(text(arr(a.title)[0]));
        if (rowNames[i] !== undefined && rowNames[i] !== n)
          throw new SourceFormatError(
            file,
            undefined,
            `table ${tableCode}: axis ${pos} is named differently in two rows`,
          );
        rowNames[i] = n;
        let chars = '';
        const ids: number[] = [];
        for (const l of arr(a.label)) {
          const ch = String(l['@code']);
          if (ch.length !== 1 || !ICD10PCS_ALPHABET.includes(ch))
            throw new SourceFormatError(
              file,
              undefined,
              `table ${tableCode}: value ${JSON.stringify(ch)} is not a PCS character`,
            );
          if (chars.includes(ch))
            throw new SourceFormatError(
              file,
              undefined,
              `table ${tableCode}: value ${ch} twice on axis ${pos}`,
            );
          chars += ch;
          ids.push(valueId(record(section, pos, h2.label, ch, text(l))));
        }
        product *= chars.length;
        row.push(chars, ids);
      });
      const declared = Number(r['@codes']);
      if (declared !== product)
        throw new SourceFormatError(
          file,
          undefined,
          `table ${tableCode}: row says ${declared} codes, expands to ${product}`,
        );
      const [c4, , c5, , c6, , c7] = row as [
        string,
        number[],
        string,
        number[],
        string,
        number[],
        string,
        number[],
      ];
      for (const a of c4)
        for (const b of c5) for (const c of c6) for (const d of c7) codes.push(tableCode + a + b + c + d);
      rows.push(row as PackTable[4][number]);
    }
    tables.push({
      code: tableCode,
      count: codes.length - firstCode,
      table: [
        [nameId(h1.name), nameId(h2.name), nameId(h3.name), ...rowNames.map((n) => n ?? nameId(''))],
        valueId(record(section, 1, h2.label, h1.code, h1.label)),
        valueId(record(section, 2, h2.label, h2.code, h2.label)),
        valueId(record(section, 3, h2.label, h3.code, h3.label, h3.definition)),
        rows,
      ],
    });
  }
  return { structure: { names, values, tables }, codes, withDefinition };
}

function encodeTitles(
  titles: readonly string[],
  dict: Map<string, number>,
): { stream: Uint8Array; counts: Uint8Array; blocks: Uint32Array } {
  const bytes: number[] = [];
  const counts = new Uint8Array(titles.length);
  const blocks = new Uint32Array(Math.ceil(titles.length / TITLE_BLOCK));
  titles.forEach((title, i) => {
    if (i % TITLE_BLOCK === 0) blocks[i / TITLE_BLOCK] = bytes.length;
    const parts = splitTitle(title);
    if (parts.length > 255) throw new Error(`title of ${parts.length} phrases`);
    counts[i] = parts.length;
    for (const p of parts) {
      const id = dict.get(p)!;
      if (id < 0x80) bytes.push(id);
      else bytes.push(0x80 | (id >> 8), id & 0xff);
    }
  });
  return { stream: Uint8Array.from(bytes), counts, blocks };
}

function offsetsOf(parts: readonly string[]): Uint32Array {
  const out = new Uint32Array(parts.length + 1);
  parts.forEach((p, i) => {
    out[i + 1] = out[i]! + p.length;
  });
  return out;
}

/**
 * Builds the `codes.pack` of one edition from the official files, verifying that the tables
 * expand to exactly the valid codes of the order file.
 *
 * @example
 * ```ts
 * const { pack, counts } = buildIcd10PcsPack(files, 'fy2026') // counts.codes === 79115
 * ```
 */
export function buildIcd10PcsPack(files: Icd10PcsSourceFiles, editionId: string): Icd10PcsBuildResult {
  const defs =
    files.definitionsXml === undefined
      ? new Map<string, DefinitionTerm>()
      : readDefinitions(files.definitionsXml, files.names.definitions);
  const titles = readOrderFile(files.orderZip, files.names.order);
  const { structure, codes, withDefinition } = readTables(files.tablesXml, files.names.tables, defs);

  // The tables are the source of truth; the order file must list exactly the same valid codes.
  const generated = new Set(codes);
  if (generated.size !== codes.length)
    throw new SourceFormatError(
      files.names.tables,
      undefined,
      `rows overlap: ${codes.length - generated.size} codes generated twice`,
    );
  const missing = codes.filter((c) => !titles.has(c));
  const extra = [...titles.keys()].filter((c) => !generated.has(c));
  if (missing.length || extra.length) {
    throw new SourceFormatError(
      files.names.order,
      undefined,
      `tables and order file differ: ${missing.length} codes without a title (${missing.slice(0, 5).join(', ')}), ${extra.length} titled codes not in the tables (${extra.slice(0, 5).join(', ')})`,
    );
  }

  // One phrase dictionary for both title kinds, most frequent first (1-byte ids for the top 128).
  const longTitles = codes.map((c) => titles.get(c)![0]);
  const shortTitles = codes.map((c) => titles.get(c)![1]);
  const freq = new Map<string, number>();
  for (const t of [...longTitles, ...shortTitles])
    for (const p of splitTitle(t)) freq.set(p, (freq.get(p) ?? 0) + 1);
  const phrases = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([p]) => p);
  if (phrases.length >= 0x8000)
    throw new Error(`${phrases.length} title phrases: more than 2-byte ids allow`);
  if (phrases.some((p) => p.includes('\n'))) throw new Error('a title contains a newline');
  const dict = new Map(phrases.map((p, i) => [p, i]));
  const long = encodeTitles(longTitles, dict);
  const short = encodeTitles(shortTitles, dict);

  const tableJson = structure.tables.map((t) => JSON.stringify(t.table));
  const valueJson = structure.values.map((v) => JSON.stringify(v));
  const bases = [0];
  for (const t of structure.tables) bases.push(bases[bases.length - 1]! + t.count);
  const all = [...tableJson, ...valueJson, ...phrases, ...structure.names].join('');
  // Offsets are used as string indices at run time: the text must be ASCII (1 byte = 1 character).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the class is all of ASCII on purpose, control characters included
  if (/[^\u0000-\u007f]/u.test(all))
    throw new Error('non-ASCII text in the sources: offsets would not be character offsets');
  const pack = new PackWriter(PACK_KIND, editionId)
    .json('names', structure.names)
    .utf8('table-codes', structure.tables.map((t) => t.code).join(''))
    .utf8('tables', tableJson.join(''))
    .u32('table-offsets', offsetsOf(tableJson))
    .u32('table-bases', Uint32Array.from(bases))
    .utf8('values', valueJson.join(''))
    .u32('value-offsets', offsetsOf(valueJson))
    .utf8('phrases', phrases.join(''))
    .u32('phrase-offsets', offsetsOf(phrases))
    .typed('long', 'u8', long.stream)
    .typed('long-count', 'u8', long.counts)
    .u32('long-block', long.blocks)
    .typed('short', 'u8', short.stream)
    .typed('short-count', 'u8', short.counts)
    .u32('short-block', short.blocks)
    .toBuffer();
  const rows = structure.tables.reduce((n, t) => n + t.table[4].length, 0);
  return {
    pack,
    counts: {
      codes: codes.length,
      tables: structure.tables.length,
      rows,
      sections: new Set(structure.tables.map((t) => t.code[0])).size,
      titlePhrases: phrases.length,
      axisValuesWithDefinition: withDefinition,
    },
  };
}
