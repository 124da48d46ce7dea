/**
 * `medcode/import`: turns official CMS/CDC files into packs and manifests in the built-in format,
 * at run time. The kind and edition of each file are read from its name and checked against its
 * content. Node-only and import-time only: it loads the zip and xlsx readers, which the lookup
 * entries (`medcode/hcpcs`, `medcode/icd10cm`, …) never do.
 *
 * @module
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SourceFormatError } from '../core/errors';
import { createIssue } from '../core/issues';
import type { IssueVariants, MedcodeIssue } from '../core/issues';
import type { PackManifest } from '../core/manifest';
import { failure, success } from '../core/result';
import type { Result } from '../core/result';
import { importHcpcsFile, looksLikeHcpcs } from '../hcpcs/import';
import { importIcd10CmFiles, isIcd10CmCompanionFile, looksLikeIcd10CmOrderFile } from '../icd10cm/import';
import type { OfficialFile } from '../hcpcs/import';
import { importMueFile, importPtpFiles, mueSettingFromName, ptpTableOfName } from '../ncci/import';
import { importAocFile, isAocFileName } from '../ncci/aoc-import';
import { icd10PcsFilePart, importIcd10PcsFiles } from '../icd10pcs/import';
import { importMceFile, looksLikeMceTable } from '../mce/import';
import { hccFilePart, importHccFiles } from '../hcc/import';
import { MedcodeError } from '../core/errors';
import { invalidArgument } from '../core/arguments';
import { MissingSourceFileError, manifestFor, manifestText } from './built';
import type { BuiltEdition } from './built';

export type { BuiltEdition } from './built';
export { manifestFor, sha256 } from './built';
export type { OfficialFile } from '../hcpcs/import';
export { importHcpcsFile } from '../hcpcs/import';
export { importMueFile, importPtpFiles } from '../ncci/import';
export { importIcd10CmFiles } from '../icd10cm/import';
export { importAocFile } from '../ncci/aoc-import';
export { importIcd10PcsFiles } from '../icd10pcs/import';
export { importMceFile } from '../mce/import';
export { importHccFiles } from '../hcc/import';
export { readWorkbook, XLSX_READER_PACKAGE } from './xlsx';
export type { WorkbookSheet } from './xlsx';

/**
 * The largest file read, in bytes (512 MiB). The largest official file medcode imports (the
 * ICD-10-CM order file) is about 15 MB; anything near this limit is not one of them.
 */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** A step of an import, for progress bars. */
export interface ImportProgress {
  readonly file: string;
  readonly step: 'read' | 'parse' | 'write' | 'done';
  /** Files finished so far, and in all. */
  readonly done: number;
  readonly total: number;
}

/** Options of {@link importCodeSets}. */
export interface ImportOptions {
  /**
   * A codesets folder to write `<system>/<edition>/` into. Each edition is written to a temporary
   * folder beside it and renamed into place: a failed import leaves nothing behind.
   */
  readonly out?: string;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Refuse files larger than this (default {@link MAX_IMPORT_BYTES}). */
  readonly maxBytes?: number;
}

/** One imported edition. */
export interface ImportedEdition {
  readonly manifest: PackManifest;
  readonly packs: Readonly<Record<string, Uint8Array>>;
  /** Where it was written (`<out>/<system>/<edition>`), when `out` was given. */
  readonly dir?: string;
}

type ImportReason = IssueVariants['import_failed']['reason'];

function importFailed(file: string, reason: ImportReason, detail: string, row?: number): MedcodeIssue {
  return createIssue({
    code: 'import_failed',
    severity: 'error',
    path: [],
    codes: [],
    file,
    reason,
    detail,
    ...(row !== undefined ? { row } : {}),
  });
}

/** The importer of one kind of official file. */
interface OfficialFormat {
  /** What the format is, in the publisher's words. */
  readonly kind: string;
  readonly matches: (file: OfficialFile) => boolean;
  /** Undefined when medcode recognises the file but cannot import it at run time yet. */
  readonly importer?: (file: OfficialFile) => Promise<BuiltEdition>;
  /**
   * For an edition built from several files (ICD-10-PCS tables + order file + definitions, the
   * CMS-HCC model tables + mappings workbook): the files of one edition share a key, and are
   * imported together.
   */
  readonly group?: {
    readonly key: (file: OfficialFile) => string;
    readonly importer: (files: readonly OfficialFile[]) => Promise<BuiltEdition>;
  };
  /** Why it cannot be imported, and what to do instead. */
  readonly unsupported?: string;
}

/** A file as read by {@link importCodeSets}: from disk, it knows its folder. */
interface ReadOfficialFile extends OfficialFile {
  readonly folder?: string;
}

const text = (f: OfficialFile, n = 4096) => Buffer.from(f.bytes.subarray(0, n)).toString('latin1');

/** The NCCI add-on code (AOC) edit table (`AOC_V2026Q2-MCR.xlsx`, or its zip). */
const ADD_ON_CODE_EDITS: OfficialFormat = {
  kind: 'NCCI add-on code edits',
  matches: (f) => isAocFileName(f.name),
  importer: (f) => importAocFile(f),
};

/**
 * The formats, in the order they are tried. Name patterns are CMS's and CDC's own file names;
 * each importer then checks the content against what the name claims.
 */
const FORMATS: readonly OfficialFormat[] = [
  { kind: 'HCPCS Level II quarterly file', matches: looksLikeHcpcs, importer: (f) => importHcpcsFile(f) },
  {
    kind: 'NCCI MUE table',
    matches: (f) =>
      mueSettingFromName(f.name) !== undefined || (/\.csv$/i.test(f.name) && /MUE Values/i.test(text(f))),
    importer: (f) => importMueFile(f),
  },
  ADD_ON_CODE_EDITS,
  {
    kind: 'NCCI PTP edit tables',
    // By CMS's name (`ccipra-v322r0-f1.zip`, `ccioph-…`), or by the title row of the text layout.
    matches: (f) =>
      ptpTableOfName(f.name) !== undefined || /^[^\n]*\r?\nColumn1\/Column2 Edits/.test(text(f, 400)),
    // The parts of one table (`-f1` … `-f4`, split by code range) are one edition.
    group: {
      key: (f) => ptpTableOfName(f.name) ?? basename(f.name),
      importer: (files) => importPtpFiles(files),
    },
  },
  {
    kind: 'ICD-10-CM release (order file, order addenda, tabular and index XML, POA-exempt list)',
    matches: (f) => looksLikeIcd10CmOrderFile(f) || isIcd10CmCompanionFile(f.name),
    group: {
      key: () => 'icd10cm',
      importer: async (files) => {
        if (!files.some(looksLikeIcd10CmOrderFile))
          throw new MedcodeError(
            files.map((f) =>
              importFailed(
                f.name,
                'unsupported',
                'an ICD-10-CM release file is imported with its order file (icd10cm_order_YYYY.txt or YYYY-code-descriptions-tabular-order.zip): pass them together',
              ),
            ),
          );
        // Release files not given are read from the folder of an order file read from disk.
        const folder = files.map((f) => (f as ReadOfficialFile).folder).find((d) => d !== undefined);
        return importIcd10CmFiles(files, folder);
      },
    },
  },
  {
    kind: 'ICD-10-CM release file',
    matches: (f) => /icd10cm|code-descriptions-tabular-order|POAexempt/i.test(basename(f.name)),
    unsupported:
      'not read by medcode; pass the order file (icd10cm_order_YYYY.txt or its zip) with the order addenda, tabular, index, drug, neoplasm and external-cause XML and the POA-exempt list',
  },
  {
    kind: 'ICD-10-PCS release (tables XML, order file zip, definitions XML)',
    matches: (f) => icd10PcsFilePart(f) !== undefined,
    group: {
      // One edition per fiscal year; the importer checks each year against the content.
      key: (f) => /(?:^|[_-])(\d{4})(?:[_.-])/.exec(basename(f.name))?.[1] ?? 'icd10pcs',
      importer: async (files) => importIcd10PcsFiles(files),
    },
  },
  {
    kind: 'Medicare Code Editor code-list table',
    matches: (f) => looksLikeMceTable(f),
    importer: async (f) => importMceFile(f),
  },
  {
    kind: 'CMS-HCC model tables and ICD-10-CM mappings workbook',
    matches: (f) => hccFilePart(f.name) !== undefined,
    group: { key: () => 'hcc', importer: (files) => importHccFiles(files) },
  },
  {
    kind: 'Medicare Code Editor definitions',
    matches: (f) => /definition-medicare-code-edits|definition-mce/i.test(basename(f.name)),
    unsupported:
      'the CMS definitions document is not read; import the MCE code-list table (MCE_Version, ICD_Version, MCE_Section, … columns)',
  },
];

function readOfficialFile(input: string | OfficialFile, maxBytes: number): OfficialFile | MedcodeIssue {
  if (typeof input !== 'string') {
    if (input.bytes.byteLength === 0) return importFailed(input.name, 'empty', 'the file is empty');
    if (input.bytes.byteLength > maxBytes)
      return importFailed(
        input.name,
        'too_large',
        `${input.bytes.byteLength} bytes, over the ${maxBytes}-byte limit`,
      );
    return input;
  }
  let size: number;
  try {
    const st = statSync(input);
    if (!st.isFile()) return importFailed(input, 'unreadable', 'not a file');
    size = st.size;
  } catch (error) {
    return importFailed(input, 'unreadable', (error as Error).message);
  }
  // The size is checked before reading, so a huge file is refused without being loaded.
  if (size === 0) return importFailed(input, 'empty', 'the file is empty');
  if (size > maxBytes)
    return importFailed(
      input,
      'too_large',
      `${size} bytes, over the ${maxBytes}-byte limit: not an official code-set file`,
    );
  const file: ReadOfficialFile = {
    name: input,
    bytes: new Uint8Array(readFileSync(input)),
    folder: dirname(input),
  };
  return file;
}

function issuesOfError(file: string, error: unknown): readonly MedcodeIssue[] {
  if (error instanceof MedcodeError) return error.issues;
  return [issueOfError(file, error)];
}

function issueOfError(file: string, error: unknown): MedcodeIssue {
  // A release file that is not there is named itself: the files given are not at fault.
  if (error instanceof MissingSourceFileError)
    return importFailed(error.file, 'missing_file', error.message.replace(/^[^:]*?: /, ''));
  if (error instanceof SourceFormatError) {
    const detail = error.message.replace(/^[^:]*?(:\d+)?: /, '');
    const reason: ImportReason = /missing column/i.test(detail)
      ? 'missing_column'
      : /the name says/i.test(detail)
        ? 'mismatch'
        : /not a readable|no sheet|holds no/i.test(detail)
          ? 'unreadable'
          : error.line !== undefined
            ? 'bad_row'
            : 'mismatch';
    return importFailed(file, reason, detail, error.line);
  }
  return importFailed(file, 'unreadable', error instanceof Error ? error.message : String(error));
}

/** A file path, or a `{ name, bytes }` pair as {@link OfficialFile} describes it. */
function isImportInput(input: unknown): input is string | OfficialFile {
  if (typeof input === 'string') return true;
  if (input === null || typeof input !== 'object') return false;
  const { name, bytes } = input as { name?: unknown; bytes?: unknown };
  return typeof name === 'string' && bytes instanceof Uint8Array;
}

/** Wrong-typed arguments are a MedcodeError naming the argument, before any file is read. */
function checkImportArguments(files: unknown, options: unknown): void {
  if (!Array.isArray(files))
    throw invalidArgument(
      'importCodeSets',
      'files',
      'an array of file paths or { name, bytes } objects',
      files,
    );
  for (const file of files)
    if (!isImportInput(file))
      throw invalidArgument(
        'importCodeSets',
        'files',
        'file paths or { name: string, bytes: Uint8Array } objects',
        file,
      );
  if (options === null || typeof options !== 'object')
    throw invalidArgument('importCodeSets', 'options', 'an options object', options);
  const { onProgress, maxBytes, out } = options as Record<string, unknown>;
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw invalidArgument('importCodeSets', 'options.onProgress', 'a function', onProgress);
  if (maxBytes !== undefined && !(typeof maxBytes === 'number' && maxBytes >= 0))
    throw invalidArgument('importCodeSets', 'options.maxBytes', 'a number of bytes, 0 or more', maxBytes);
  if (out !== undefined && typeof out !== 'string')
    throw invalidArgument('importCodeSets', 'options.out', 'a folder path', out);
}

/**
 * Imports official CMS/CDC files: HCPCS Level II quarterly files (zip, fixed-width txt or xlsx),
 * NCCI MUE tables (practitioner, outpatient hospital, DME supplier; csv, xlsx or zip), ICD-10-PCS
 * releases (tables XML + order file zip, definitions XML when given: one edition per fiscal year),
 * MCE code-list tables, and CMS-HCC payment years (the six model tables + the ICD-10-CM mappings
 * workbook). Each file's kind and edition come from its name and are checked against its content. Returns the packs and
 * manifests in the built-in format; with `out`, writes them to `<out>/<system>/<edition>/` only if
 * every file imported (nothing is written otherwise). A folder written here is read by the code
 * systems through `extraCodesetsDirs`, `MEDCODE_CODESETS` or `medcode --codesets <dir>`, merged
 * with the built-in editions by effective date.
 *
 * @example
 * ```ts
 * const r = await importCodeSets(['HCPC2026_OCT_ANWEB_v2.xlsx'], { out: '/data/medcode' })
 * if (r.ok) r.value.map((e) => e.manifest.edition.id) // ['2026-oct']
 * else console.error(r.issues.map((i) => i.message).join('\n'))
 * ```
 */
export async function importCodeSets(
  files: readonly (string | OfficialFile)[],
  options: ImportOptions = {},
): Promise<Result<readonly ImportedEdition[]>> {
  checkImportArguments(files, options);
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const progress = options.onProgress ?? (() => {});
  const total = files.length;
  const built: { built: BuiltEdition; file: string }[] = [];
  const issues: MedcodeIssue[] = [];
  // Files of a multi-file edition, by format and edition key, imported once every file is read.
  const groups = new Map<string, { format: OfficialFormat; files: OfficialFile[] }>();
  for (let i = 0; i < files.length; i++) {
    const input = files[i]!;
    const name = typeof input === 'string' ? input : input.name;
    progress({ file: name, step: 'read', done: i, total });
    const file = readOfficialFile(input, maxBytes);
    if ('code' in file) {
      issues.push(file);
      continue;
    }
    const format = FORMATS.find((f) => f.matches(file));
    if (!format) {
      issues.push(
        importFailed(
          name,
          'unknown_format',
          'not a file medcode can import under its official name (ICD-10-CM order file and release files, ICD-10-PCS tables/order/definitions, HCPCS Level II quarterly file, NCCI PTP, MUE and add-on code tables, MCE code-list table, CMS-HCC model tables and mappings workbook)',
        ),
      );
      continue;
    }
    if (format.group) {
      const key = `${format.kind}|${format.group.key(file)}`;
      const g = groups.get(key);
      if (g) g.files.push(file);
      else groups.set(key, { format, files: [file] });
      continue;
    }
    if (!format.importer) {
      issues.push(importFailed(name, 'unsupported', `${format.kind}: ${format.unsupported}`));
      continue;
    }
    progress({ file: name, step: 'parse', done: i, total });
    try {
      built.push({ built: await format.importer(file), file: name });
    } catch (error) {
      issues.push(...issuesOfError(name, error));
    }
  }
  for (const { format, files: members } of groups.values()) {
    const name = members.map((m) => m.name).join(', ');
    progress({ file: name, step: 'parse', done: total, total });
    try {
      built.push({ built: await format.group!.importer(members), file: name });
    } catch (error) {
      // An error names the member it is about when it can; else the first file of the edition.
      const about =
        error instanceof SourceFormatError && members.some((m) => m.name === error.file)
          ? error.file
          : members[0]!.name;
      issues.push(...issuesOfError(about, error));
    }
  }
  const seen = new Map<string, string>();
  for (const b of built) {
    const key = `${b.built.edition.system}/${b.built.edition.id}`;
    const other = seen.get(key);
    if (other)
      issues.push(importFailed(b.file, 'duplicate_edition', `${key} is also imported from ${other}`));
    else seen.set(key, b.file);
    if (options.out && existsSync(join(options.out, key)))
      issues.push(
        importFailed(
          b.file,
          'duplicate_edition',
          `${join(options.out, key)} exists; remove it to import again`,
        ),
      );
  }
  if (issues.length > 0) return failure(issues);
  const editions: ImportedEdition[] = [];
  if (options.out) {
    progress({ file: options.out, step: 'write', done: total, total });
    mkdirSync(options.out, { recursive: true });
    const staging = mkdtempSync(join(options.out, '.medcode-import-'));
    try {
      for (const { built: b } of built) {
        const dir = join(staging, b.edition.system, b.edition.id);
        mkdirSync(dir, { recursive: true });
        for (const [f, bytes] of Object.entries(b.packs)) writeFileSync(join(dir, f), bytes);
        writeFileSync(join(dir, 'manifest.json'), manifestText(b));
      }
      for (const { built: b } of built) {
        const target = join(options.out, b.edition.system, b.edition.id);
        mkdirSync(join(options.out, b.edition.system), { recursive: true });
        renameSync(join(staging, b.edition.system, b.edition.id), target);
        editions.push({ manifest: manifestFor(b), packs: b.packs, dir: target });
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } else {
    for (const { built: b } of built) editions.push({ manifest: manifestFor(b), packs: b.packs });
  }
  progress({ file: '', step: 'done', done: total, total });
  return success(Object.freeze(editions));
}
