/**
 * An edition built from official files, before it is written: its packs, counts, notes and the
 * sources it came from, and the manifest that describes it. Shared by `importCodeSets` and the
 * repository's `npm run codesets`, so that both produce byte-identical output.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { packHeaderBytes } from '../core/pack-source';
import { invalidArgument } from '../core/arguments';
import type { Edition } from '../core/edition';
import type { ManifestSource, PackManifest, PublisherValidity } from '../core/manifest';
import { SourceFormatError } from '../core/errors';

/**
 * A release file an edition is built from was not given (nor found beside the file that was): its
 * `file` is the missing file's official name, which the import error names (`missing_file`).
 *
 * @example
 * ```ts
 * throw new MissingSourceFileError('icd10cm_tabular_YYYY.xml', 'the ICD-10-CM import needs a tabular XML')
 * ```
 */
export class MissingSourceFileError extends SourceFormatError {
  constructor(file: string, detail: string) {
    super(file, undefined, detail);
  }
}

/**
 * The sha256 of some bytes, in lowercase hex (what manifests record).
 *
 * @example
 * ```ts
 * sha256(new Uint8Array()) // 'e3b0c442…b855'
 * ```
 */
export function sha256(bytes: Uint8Array): string {
  // By tag, as the importers check their files: bytes made in another realm count.
  if (Object.prototype.toString.call(bytes) !== '[object Uint8Array]')
    throw invalidArgument('sha256', 'bytes', 'a Uint8Array', bytes);
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One edition an importer produced.
 *
 * @example
 * ```ts
 * const built: BuiltEdition = await importHcpcsFile({ name: 'HCPC2026_JUL_ANWEB_06172026.xlsx', bytes })
 * built.edition.id // '2026-jul'
 * ```
 */
export interface BuiltEdition {
  readonly edition: Edition;
  readonly derivation: string;
  /** Pack files by file name (e.g. `codes.pack`). */
  readonly packs: Readonly<Record<string, Uint8Array>>;
  readonly counts: Readonly<Record<string, number>>;
  readonly notes?: readonly string[];
  /** The official files this edition used. */
  readonly sources: readonly ManifestSource[];
  /** What the publisher released it for (quarter or fiscal year). */
  readonly publisherValidity?: PublisherValidity;
}

/**
 * The manifest of a built edition. Deterministic: no timestamps, packs listed by name.
 *
 * @example
 * ```ts
 * manifestFor(built).files.map((f) => f.file) // ['codes.pack', 'modifiers.pack']
 * ```
 */
export function manifestFor(built: BuiltEdition): PackManifest {
  const files = Object.entries(built.packs)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, bytes]) => ({
      file,
      sha256: sha256(bytes),
      bytes: bytes.byteLength,
      // The cheap tie checked at load (see ManifestFile.headerSha256 in src/core/manifest.ts).
      ...(file.endsWith('.pack') ? { headerSha256: sha256(packHeaderBytes(bytes, file)) } : {}),
    }));
  return {
    formatVersion: 1,
    system: built.edition.system,
    edition: built.edition,
    derivation: built.derivation,
    sources: built.sources,
    files,
    counts: built.counts,
    notes: built.notes ?? [],
    ...(built.publisherValidity ? { publisherValidity: built.publisherValidity } : {}),
  };
}

/**
 * The text of `manifest.json` for a built edition (two-space JSON, final newline).
 *
 * @example
 * ```ts
 * writeFileSync(join(dir, 'manifest.json'), manifestText(built))
 * ```
 */
export function manifestText(built: BuiltEdition): string {
  return `${JSON.stringify(manifestFor(built), null, 2)}\n`;
}

/**
 * The quarter a date falls in, as CMS names the quarterly files (`2026 Q3`, first and last day).
 *
 * @example
 * ```ts
 * quarterOf('2026-07-01') // { period: '2026 Q3', from: '2026-07-01', through: '2026-09-30', year: 2026, quarter: 3 }
 * ```
 */
export function quarterOf(date: string): {
  period: string;
  from: string;
  through: string;
  year: number;
  quarter: number;
} {
  const year = Number(date.slice(0, 4));
  const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  const startMonth = quarter * 3 - 2;
  const endMonth = quarter * 3;
  const last = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return {
    period: `${year} Q${quarter}`,
    from: `${year}-${mm(startMonth)}-01`,
    through: `${year}-${mm(endMonth)}-${last}`,
    year,
    quarter,
  };
}

/** The month names CMS uses in quarterly file names, by quarter. */
export const QUARTER_MONTHS = ['january', 'april', 'july', 'october'] as const;
