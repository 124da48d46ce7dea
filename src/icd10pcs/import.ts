/**
 * Import of the CMS ICD-10-PCS release of one fiscal year: the tables XML (`icd10pcs_tables_YYYY.xml`,
 * the structure and the source of truth for the valid codes), the order file zip
 * (`YYYY-icd-10-pcs-order-file-long-and-abbreviated-titles.zip`, titles) and, when given, the
 * definitions XML (`icd10pcs_definitions_YYYY.xml`). Import-time only: it loads the XML parser and
 * the zip reader, which `medcode/icd10pcs` lookups never do.
 *
 * @module
 */
import { checkOfficialFiles } from '../core/arguments';
import type { Edition } from '../core/edition';
import { SourceFormatError } from '../core/errors';
import type { ManifestSource } from '../core/manifest';
import type { BuiltEdition } from '../import/built';
import { sha256 } from '../import/built';
import type { OfficialFile } from '../hcpcs/import';
import { buildIcd10PcsPack } from './loader';

/** The part of the ICD-10-PCS release a file is. */
export type Icd10PcsFilePart = 'tables' | 'definitions' | 'order';

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;
const head = (f: OfficialFile, n = 2048) => Buffer.from(f.bytes.subarray(0, n)).toString('latin1');

/**
 * Which part of the ICD-10-PCS release a file is, from its CMS name (`icd10pcs_tables_2026.xml`,
 * `icd10pcs_definitions_2026.xml`, `2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip`)
 * or, for an XML file, from its root element. `undefined` when it is none of them.
 *
 * @example
 * ```ts
 * icd10PcsFilePart({ name: 'icd10pcs_tables_2026.xml', bytes }) // 'tables'
 * ```
 */
export function icd10PcsFilePart(file: OfficialFile): Icd10PcsFilePart | undefined {
  const base = baseName(file.name);
  if (/icd10pcs_tables_\d{4}\.xml$/i.test(base)) return 'tables';
  if (/icd10pcs_definitions_\d{4}\.xml$/i.test(base)) return 'definitions';
  if (/icd-?10-?pcs-order-file.*\.zip$|icd10pcs_order.*\.zip$/i.test(base)) return 'order';
  if (/\.xml$/i.test(base)) {
    const text = head(file);
    if (text.includes('<ICD10PCS.tabular')) return 'tables';
    if (text.includes('<ICD10PCS.definitions')) return 'definitions';
  }
  return undefined;
}

/** The fiscal year in a CMS ICD-10-PCS file name (`…_2026.xml`, `2026-icd-10-pcs-…`). */
function yearInName(name: string): number | undefined {
  const m = /(?:^|[_-])(\d{4})(?:[_.-])/.exec(baseName(name));
  return m ? Number(m[1]) : undefined;
}

/** The fiscal year an XML file states in its `<version>` element. */
function yearInXml(file: OfficialFile): number | undefined {
  const m = /<version>\s*(\d{4})\s*<\/version>/.exec(head(file));
  return m ? Number(m[1]) : undefined;
}

/** The fiscal year of the order file member of the zip (`icd10pcs_order_2026.txt`), read from the zip's directory. */
function yearInZip(file: OfficialFile): number | undefined {
  const m = /icd10pcs_order_(\d{4})\.txt/.exec(Buffer.from(file.bytes).toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

/** The fiscal year of a file, checked between its name and its content. */
function fiscalYearOf(file: OfficialFile, part: Icd10PcsFilePart): number {
  if (part !== 'order') {
    const text = head(file);
    const root = text.includes('<ICD10PCS.tabular')
      ? 'tables'
      : text.includes('<ICD10PCS.definitions')
        ? 'definitions'
        : undefined;
    if (root !== part)
      throw new SourceFormatError(
        file.name,
        undefined,
        `the name says the ICD-10-PCS ${part} XML but the content is ${root ? `the ${root} XML` : 'not an ICD-10-PCS XML file'}`,
      );
  }
  const named = yearInName(file.name);
  const content = part === 'order' ? yearInZip(file) : yearInXml(file);
  if (content === undefined)
    throw new SourceFormatError(
      file.name,
      undefined,
      part === 'order'
        ? 'not an ICD-10-PCS order file zip: it holds no icd10pcs_order_YYYY.txt'
        : `not an ICD-10-PCS ${part} XML: no <version>YYYY</version>`,
    );
  if (named !== undefined && named !== content)
    throw new SourceFormatError(
      file.name,
      undefined,
      `the name says FY${named} but the file is the FY${content} ${part === 'order' ? 'order file' : `${part} XML`}`,
    );
  return content;
}

/**
 * Imports one fiscal year of ICD-10-PCS from the CMS files: the tables XML and the order file zip
 * are required, the definitions XML is used when given. The fiscal year comes from the names and is
 * checked against the content (`<version>` of the XML files, the order member of the zip); files of
 * two fiscal years, a part given twice or a part missing are errors. The tables must expand to
 * exactly the valid codes of the order file.
 *
 * @example
 * ```ts
 * const built = importIcd10PcsFiles([tables, order, definitions]) // OfficialFile each
 * built.edition // { id: 'fy2026', effectiveFrom: '2025-10-01', effectiveTo: '2026-09-30', … }
 * ```
 */
export function importIcd10PcsFiles(
  files: readonly OfficialFile[],
  overrides: {
    /** Source names as recorded in the manifest (default: the file names). */
    readonly sourceNames?: Partial<Record<Icd10PcsFilePart, string>>;
    readonly contributed?: Partial<Record<Icd10PcsFilePart, string>>;
    readonly derivation?: string;
    readonly notes?: readonly string[];
  } = {},
): BuiltEdition {
  checkOfficialFiles('importIcd10PcsFiles', files);
  const parts = new Map<Icd10PcsFilePart, { file: OfficialFile; year: number }>();
  for (const file of files) {
    const part = icd10PcsFilePart(file);
    if (!part)
      throw new SourceFormatError(
        file.name,
        undefined,
        'not an ICD-10-PCS tables XML, definitions XML or order file zip',
      );
    const other = parts.get(part);
    if (other)
      throw new SourceFormatError(
        file.name,
        undefined,
        `a second ICD-10-PCS ${part} file (${other.file.name})`,
      );
    parts.set(part, { file, year: fiscalYearOf(file, part) });
  }
  const tables = parts.get('tables');
  const order = parts.get('order');
  const definitions = parts.get('definitions');
  const any = (tables ?? order ?? definitions)!;
  if (!tables || !order)
    throw new SourceFormatError(
      any.file.name,
      undefined,
      `the ICD-10-PCS ${!tables ? 'tables XML (icd10pcs_tables_YYYY.xml)' : 'order file zip (YYYY-icd-10-pcs-order-file-long-and-abbreviated-titles.zip)'} is needed with it`,
    );
  for (const p of parts.values())
    if (p.year !== tables.year)
      throw new SourceFormatError(
        p.file.name,
        undefined,
        `FY${p.year}, but the tables XML (${tables.file.name}) is FY${tables.year}`,
      );
  const fy = tables.year;
  const nameOf = (part: Icd10PcsFilePart, f: OfficialFile) =>
    overrides.sourceNames?.[part] ?? baseName(f.name);
  const id = `fy${fy}`;
  const { pack, counts } = buildIcd10PcsPack(
    {
      tablesXml: tables.file.bytes,
      orderZip: order.file.bytes,
      ...(definitions ? { definitionsXml: definitions.file.bytes } : {}),
      names: {
        tables: tables.file.name,
        order: order.file.name,
        definitions: definitions?.file.name ?? '',
      },
    },
    id,
  );
  const CONTRIBUTED: Record<Icd10PcsFilePart, string> = {
    tables:
      'table structure: sections, body systems, operations and the rows of axes 4-7 (source of truth for the valid codes)',
    order: `long and abbreviated titles of the ${counts.codes.toLocaleString('en-US')} valid codes (icd10pcs_order_${fy}.txt); cross-check of the code list`,
    definitions:
      'definitions, explanations and includes of axis values (root operations, approaches, body part and device keys)',
  };
  const source = (part: Icd10PcsFilePart): ManifestSource | undefined => {
    const p = parts.get(part);
    if (!p) return undefined;
    return {
      file: nameOf(part, p.file),
      sha256: sha256(p.file.bytes),
      bytes: p.file.bytes.byteLength,
      contributed: overrides.contributed?.[part] ?? CONTRIBUTED[part],
    };
  };
  // CMS releases ICD-10-PCS for the federal fiscal year: FY2026 is 2025-10-01 to 2026-09-30.
  const edition: Edition = {
    id,
    name: `ICD-10-PCS FY${fy}`,
    system: 'icd10pcs',
    effectiveFrom: `${fy - 1}-10-01`,
    effectiveTo: `${fy}-09-30`,
  };
  return {
    edition,
    derivation:
      overrides.derivation ??
      `FY${fy} tables XML (structure) + FY${fy} order file (titles)${definitions ? ` + FY${fy} definitions XML` : ''}; the tables expand to exactly the valid codes of the order file`,
    packs: { 'codes.pack': pack },
    counts,
    notes: overrides.notes ?? [
      'Codes are generated from the tables; the order file supplies titles only.',
      ...(definitions ? [] : ['No definitions XML was imported: axis values carry no definitions.']),
    ],
    sources: (['tables', 'order', 'definitions'] as const)
      .map(source)
      .filter((s): s is ManifestSource => s !== undefined),
    publisherValidity: {
      period: `FY${fy}`,
      from: edition.effectiveFrom,
      through: `${fy}-09-30`,
      nextFile: `the CMS ${fy + 1} ICD-10-PCS Order File and Code Tables (${fy + 1}-icd-10-pcs-order-file-long-and-abbreviated-titles.zip, icd10pcs_tables_${fy + 1}.xml)`,
    },
  };
}
