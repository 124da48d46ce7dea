/**
 * Attaching a user's licensed CPT descriptor file. medcode ships no CPT descriptors (AMA
 * copyright; see docs/cpt.md, "Licensing"); users who hold a licence bring their own file.
 *
 * @module
 */
import { invalidArgument } from '../core/arguments';
import type { CodeEntry } from '../core/codeset';
import type { Edition } from '../core/edition';
import { MedcodeError } from '../core/errors';
import { createIssue } from '../core/issues';
import { DatedCodeSet, EditionData } from '../core/dated-codeset';
import { parseCpt, readCptShape } from './model';
import type { CptCategory, CptSection } from './model';

/**
 * One CPT code with the descriptor from the user's file.
 *
 * @example
 * ```ts
 * withDescriptors(tsv).get('10005') // { code: '10005', title: '<your descriptor>', category: 'I', section: 'surgery' }
 * ```
 */
export interface CptEntry extends CodeEntry {
  readonly code: string;
  /** The descriptor from the user's file. */
  readonly title: string;
  readonly category: CptCategory;
  readonly section: CptSection | undefined;
}

/**
 * A CPT code set built from user-supplied descriptors.
 *
 * @example
 * ```ts
 * const set: CptCodeSet = withDescriptors(tsv)
 * set.check('99999').issues[0]?.code // 'unknown_code'
 * ```
 */
export type CptCodeSet = DatedCodeSet<CptEntry>;

/**
 * A row of the file that was not used, and why.
 *
 * @example
 * ```ts
 * withDescriptors('code\tdescriptor\nABCDE\tx\n').skipped // [{ line: 2, reason: 'malformed_code', code: 'ABCDE' }]
 * ```
 */
export interface SkippedDescriptorRow {
  /** 1-based line of the row's start in the file. */
  readonly line: number;
  readonly reason: 'malformed_code' | 'duplicate_code' | 'empty_descriptor' | 'missing_cells';
  readonly code: string;
}

/**
 * Options for {@link withDescriptors}.
 *
 * @example
 * ```ts
 * withDescriptors(csv, { codeColumn: 'HCPCS', descriptorColumn: 'LONG DESCRIPTION' })
 * ```
 */
export interface CptDescriptorOptions {
  /** Header of the code column (default: the first of code, cpt code, cpt, hcpcs, procedure code). */
  readonly codeColumn?: string;
  /** Header of the descriptor column (default: the first of long descriptor, descriptor, long description, description, …). */
  readonly descriptorColumn?: string;
  /** Which CPT year the file is, for messages and range checks (default: open-ended `user` edition). */
  readonly edition?: {
    readonly id: string;
    readonly name: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
  };
}

/**
 * The code set plus what was left out of it.
 *
 * @example
 * ```ts
 * const set = withDescriptors(tsv)
 * set.skipped.length // rows left out
 * ```
 */
export type CptDescriptorSet = CptCodeSet & { readonly skipped: readonly SkippedDescriptorRow[] };

const CODE_HEADERS = [
  'code',
  'cpt code',
  'cpt',
  'cpt4',
  'cpt 4 code',
  'hcpcs',
  'hcpcs code',
  'procedure code',
];
const DESCRIPTOR_HEADERS = [
  'long descriptor',
  'descriptor',
  'long description',
  'description',
  'medium descriptor',
  'medium description',
  'short descriptor',
  'short description',
  'desc',
];

const normHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[_\-\s]+/g, ' ');

/** Splits delimited text into rows (RFC 4180 quoting: "" escapes a quote, quoted fields may hold newlines). */
function splitDelimited(text: string, delimiter: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cur = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cur += ch;
      }
      continue;
    }
    if (ch === '"' && cur === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cur);
      cur = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cur);
      if (cells.some((c) => c.trim() !== '')) rows.push({ cells, line: rowLine });
      cells = [];
      cur = '';
      line++;
      rowLine = line;
    } else cur += ch;
  }
  cells.push(cur);
  if (cells.some((c) => c.trim() !== '')) rows.push({ cells, line: rowLine });
  return rows;
}

function badSource(option: string, expected: string, input?: unknown): never {
  throw new MedcodeError([
    createIssue({
      code: 'invalid_option',
      severity: 'error',
      path: [],
      codes: [],
      system: 'cpt',
      option,
      expected,
      ...(input !== undefined ? { input } : {}),
    }),
  ]);
}

/**
 * Builds a CPT code set from a user's licensed descriptor file: CSV or TSV text (or bytes, read as
 * UTF-8) whose first row names the columns. The delimiter is a tab when the header row has one,
 * else a comma. Columns are chosen by header name (case, `_`, `-` and spaces ignored).
 *
 * Rows whose code is not a CPT code shape, or repeats an earlier code, or has an empty
 * descriptor, are left out and listed in `skipped`.
 *
 * @throws MedcodeError (`invalid_option`) when the source is not text/bytes or no code/descriptor
 * column can be found: the file itself is unusable, unlike a bad code passed to `check`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs'
 * const cpt2026 = withDescriptors(readFileSync('my-licensed-cpt.tsv', 'utf8'))
 * cpt2026.get('99213')?.title   // the descriptor from your file
 * cpt2026.check('99999')        // unknown_code
 * cpt2026.search('knee')        // ranked hits from your descriptors
 * ```
 */
export function withDescriptors(
  source: string | Uint8Array,
  options: CptDescriptorOptions = {},
): CptDescriptorSet {
  if (options === null || typeof options !== 'object')
    throw invalidArgument('withDescriptors', 'options', 'an options object', options);
  const text =
    typeof source === 'string'
      ? source
      : source instanceof Uint8Array
        ? new TextDecoder('utf-8').decode(source)
        : badSource('source', 'CSV/TSV text or bytes', typeof source);
  const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n/)) || text.length);
  const delimiter = firstLine.includes('\t') ? '\t' : ',';
  const rows = splitDelimited(text, delimiter);
  const header = (rows[0]?.cells ?? []).map(normHeader);
  const pick = (wanted: string | undefined, defaults: readonly string[], option: string): number => {
    if (wanted !== undefined) {
      const i = header.indexOf(normHeader(wanted));
      return i >= 0 ? i : badSource(option, `a header of the file (${header.join(', ') || 'none'})`, wanted);
    }
    for (const d of defaults) {
      const i = header.indexOf(d);
      if (i >= 0) return i;
    }
    return badSource(option, `a column named one of: ${defaults.join(', ')}`);
  };
  const codeCol = pick(options.codeColumn, CODE_HEADERS, 'codeColumn');
  const descCol = pick(options.descriptorColumn, DESCRIPTOR_HEADERS, 'descriptorColumn');
  const entries = new Map<string, CptEntry>();
  const skipped: SkippedDescriptorRow[] = [];
  for (const { cells, line } of rows.slice(1)) {
    const rawCode = cells[codeCol];
    const descriptor = cells[descCol];
    if (rawCode === undefined || descriptor === undefined) {
      skipped.push(Object.freeze({ line, reason: 'missing_cells' as const, code: rawCode ?? '' }));
      continue;
    }
    const parsed = parseCpt(rawCode);
    if (!parsed.ok) {
      skipped.push(Object.freeze({ line, reason: 'malformed_code' as const, code: rawCode.slice(0, 64) }));
      continue;
    }
    const { code, category, section } = parsed.value;
    if (entries.has(code)) {
      skipped.push(Object.freeze({ line, reason: 'duplicate_code' as const, code }));
      continue;
    }
    const title = descriptor.trim();
    if (!title) {
      skipped.push(Object.freeze({ line, reason: 'empty_descriptor' as const, code }));
      continue;
    }
    entries.set(code, Object.freeze({ code, title, category, section }));
  }
  const ed = options.edition;
  const edition: Edition = Object.freeze({
    id: ed?.id ?? 'user',
    name: ed?.name ?? 'CPT (user-supplied descriptors)',
    system: 'cpt' as const,
    effectiveFrom: ed?.effectiveFrom ?? '0001-01-01',
    effectiveTo: ed?.effectiveTo ?? null,
  });
  const sorted = [...entries.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  const set = new DatedCodeSet<CptEntry>(edition, EditionData.of(sorted), {
    system: 'cpt',
    parse: readCptShape,
    startOf: () => undefined,
    endOf: () => undefined,
    searchText: (e) => e.title,
    otherEditions: () => [],
  });
  return Object.assign(set, { skipped: Object.freeze(skipped) }) as CptDescriptorSet;
}
