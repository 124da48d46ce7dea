/**
 * The one place medcode reads Excel workbooks (CMS publishes HCPCS, MUE and the CMS-HCC mappings as
 * .xlsx). The reader, `read-excel-file`, is an optional peer dependency: it is loaded here, on the
 * first workbook an import reads, and never by a lookup. Without it, importing a workbook is a
 * structured `import_failed` error (`missing_package`) naming the package and the file; the CSV,
 * fixed-width and zip formats import without it.
 *
 * @module
 */
import { checkOfficialFile } from '../core/arguments';
import { MedcodeError, SourceFormatError } from '../core/errors';
import { createIssue } from '../core/issues';

/** One worksheet: its name and its rows of cells (`null` for an empty cell). */
export interface WorkbookSheet {
  readonly sheet: string;
  readonly data: readonly (readonly unknown[])[];
}

/** The package read for .xlsx files. */
export const XLSX_READER_PACKAGE = 'read-excel-file';

type ReadXlsxFile = (input: Buffer) => Promise<readonly WorkbookSheet[]>;

let reader: Promise<ReadXlsxFile | undefined> | undefined;

function loadReader(): Promise<ReadXlsxFile | undefined> {
  reader ??= import('read-excel-file/node').then(
    (m) => ((m as { default?: unknown }).default ?? m) as unknown as ReadXlsxFile,
    () => undefined,
  );
  return reader;
}

/**
 * Reads every sheet of a workbook. Throws a {@link MedcodeError} (`import_failed`, reason
 * `missing_package`) when `read-excel-file` is not installed, and a `SourceFormatError` naming the
 * file when the bytes are not a readable workbook.
 *
 * @example
 * ```ts
 * const sheets = await readWorkbook({ name: 'HCPC2026_JUL_ANWEB_06172026.xlsx', bytes })
 * sheets[0]?.sheet // 'HCPC2026_JUL_contr'
 * ```
 */
export async function readWorkbook(file: {
  readonly name: string;
  readonly bytes: Uint8Array;
}): Promise<readonly WorkbookSheet[]> {
  checkOfficialFile('readWorkbook', 'file', file);
  const read = await loadReader();
  if (!read)
    throw new MedcodeError([
      createIssue({
        code: 'import_failed',
        severity: 'error',
        path: [],
        codes: [],
        file: file.name,
        reason: 'missing_package',
        detail: `reading .xlsx files needs the optional package ${XLSX_READER_PACKAGE} (npm install ${XLSX_READER_PACKAGE}); the .csv, .txt and .zip editions of the same files import without it`,
      }),
    ]);
  try {
    return await read(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  } catch (error) {
    throw new SourceFormatError(file.name, undefined, `not a readable xlsx (${(error as Error).message})`);
  }
}
