/**
 * The `manifest.json` beside every built edition: what it is, where it came from, and what it holds.
 * Read at run time to list editions without opening their packs.
 *
 * @module
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MedcodeError, PackError } from './errors';
import { createIssue } from './issues';
import { toIsoDate } from './dates';
import type { IsoDate } from './dates';
import type { CodeSystemId } from './systems';
import type { Edition } from './edition';
import type { MedcodeIssue } from './issues';

/** One official source file an edition was built from. */
export interface ManifestSource {
  /** Path under `codesets/sources/`. */
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  /** What this file contributed (plain words). */
  readonly contributed: string;
}

/** One pack file of an edition. */
export interface ManifestFile {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The manifest of one built edition. */
export interface PackManifest {
  readonly formatVersion: 1;
  readonly system: CodeSystemId;
  readonly edition: Edition;
  /** How the edition was derived, in plain words (e.g. "FY2026 order file + FY2027 addenda"). */
  readonly derivation: string;
  readonly sources: readonly ManifestSource[];
  readonly files: readonly ManifestFile[];
  /** Named counts (codes, billable, headers, …). */
  readonly counts: Readonly<Record<string, number>>;
  /** Honest caveats: data gaps, older sources used, etc. */
  readonly notes: readonly string[];
  /** What the publisher released the edition for; absent for reference lists that have no cycle. */
  readonly publisherValidity?: PublisherValidity;
}

/**
 * The period a publisher (CMS, CDC) released an edition for. HCPCS Level II, NCCI PTP and MUE files
 * are quarterly (CMS publishes the next quarter's file before it starts); ICD-10-CM, ICD-10-PCS and
 * the Medicare Code Editor follow the federal fiscal year (October 1 to September 30).
 */
export interface PublisherValidity {
  /** The period, e.g. `2026 Q3` or `FY2027`. */
  readonly period: string;
  /** First day of the period. */
  readonly from: IsoDate;
  /** Last day of the period: after it, a newer official file is due. */
  readonly through: IsoDate;
  /** The official file that replaces this one for dates after `through`, in the publisher's words. */
  readonly nextFile: string;
}

/** A manifest together with the folder its packs are in. */
export interface LocatedManifest {
  readonly manifest: PackManifest;
  /** `<codesetsDir>/<system>/<edition id>`. */
  readonly dir: string;
  /** Whether it comes from the package's own folder (`builtIn`) or an imported one. */
  readonly origin: 'built-in' | 'imported';
}

function fail(file: string, detail: string): never {
  throw new PackError('bad_header', file, detail);
}

/**
 * Reads and validates one manifest. Throws {@link PackError} when it is missing or malformed.
 *
 * @example
 * ```ts
 * readManifest('codesets/icd10cm/fy2026/manifest.json').counts.billable // 74719
 * ```
 */
export function readManifest(file: string): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PackError(
      existsSync(file) ? 'bad_header' : 'missing',
      file,
      error instanceof Error ? error.message : String(error),
    );
  }
  if (typeof raw !== 'object' || raw === null) fail(file, 'manifest is not an object');
  const m = raw as Record<string, unknown>;
  if (m.formatVersion !== 1) fail(file, `unsupported manifest formatVersion ${String(m.formatVersion)}`);
  const e = m.edition as Record<string, unknown> | undefined;
  if (!e || typeof e.id !== 'string' || typeof e.name !== 'string' || typeof e.system !== 'string')
    fail(file, 'edition must have id, name and system');
  const from = toIsoDate(e.effectiveFrom);
  const to = e.effectiveTo === null ? null : toIsoDate(e.effectiveTo);
  if (from === undefined || to === undefined)
    fail(file, 'edition effectiveFrom/effectiveTo must be YYYY-MM-DD (effectiveTo may be null)');
  if (!Array.isArray(m.files) || !Array.isArray(m.sources))
    fail(file, 'manifest must list files and sources');
  if (typeof m.counts !== 'object' || m.counts === null) fail(file, 'manifest must have counts');
  const edition: Edition = Object.freeze({
    id: e.id,
    name: e.name,
    system: e.system as CodeSystemId,
    effectiveFrom: from as IsoDate,
    effectiveTo: to,
  });
  return Object.freeze({ ...(m as unknown as PackManifest), edition });
}

/**
 * Lists the manifests of every edition built for a system under a codesets folder
 * (`<dir>/<system>/<edition>/manifest.json`), ordered by effective date.
 *
 * @example
 * ```ts
 * listManifests(builtInCodesetsDir(), 'icd10cm').map((m) => m.edition.id) // ['fy2026', 'fy2027']
 * ```
 */
export function listManifests(codesetsDir: string, system: string): readonly PackManifest[] {
  const dir = join(codesetsDir, system);
  if (!existsSync(dir)) return [];
  const manifests: PackManifest[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'manifest.json');
    if (existsSync(file)) manifests.push(readManifest(file));
  }
  return manifests.sort((a, b) => (a.edition.effectiveFrom < b.edition.effectiveFrom ? -1 : 1));
}

/**
 * The imported codesets folders named by the `MEDCODE_CODESETS` environment variable (separated by
 * the platform's path delimiter), which every default code system reads after its built-in packs.
 *
 * @example
 * ```ts
 * // MEDCODE_CODESETS=/data/medcode-imported
 * importedCodesetsDirs() // ['/data/medcode-imported']
 * ```
 */
export function importedCodesetsDirs(): readonly string[] {
  const raw = typeof process === 'undefined' ? undefined : process.env.MEDCODE_CODESETS;
  if (!raw) return [];
  return raw.split(delimiter).filter((d) => d.trim() !== '');
}

function dayBefore(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10) as IsoDate;
}

function importIssue(file: string, reason: 'duplicate_edition' | 'overlapping_edition', detail: string) {
  return new MedcodeError([
    createIssue({ code: 'import_failed', severity: 'error', path: [], codes: [], file, reason, detail }),
  ]);
}

/**
 * The editions of one system from several codesets folders, merged by effective date: the first
 * folder is the built-in one, the others hold imported editions. An edition left open-ended by its
 * builder because its successor was not held (`effectiveTo: null`) ends the day before the next
 * edition starts. The same edition id twice, or two editions whose fixed ranges overlap, is a
 * {@link MedcodeError} (`import_failed`): one date of service must have one edition.
 *
 * @example
 * ```ts
 * mergedManifests([builtInCodesetsDir(), '/data/imported'], 'hcpcs').map((m) => m.manifest.edition.id)
 * // ['2026-jan', '2026-jul', '2026-oct']
 * ```
 */
export function mergedManifests(dirs: readonly string[], system: string): readonly LocatedManifest[] {
  const all: LocatedManifest[] = [];
  dirs.forEach((codesetsDir, i) => {
    for (const manifest of listManifests(codesetsDir, system)) {
      const dir = join(codesetsDir, system, manifest.edition.id);
      const twin = all.find((m) => m.manifest.edition.id === manifest.edition.id);
      if (twin)
        throw importIssue(
          dir,
          'duplicate_edition',
          `edition ${manifest.edition.id} is also in ${twin.dir}; keep one of the two folders`,
        );
      all.push({ manifest, dir, origin: i === 0 ? 'built-in' : 'imported' });
    }
  });
  all.sort((a, b) => (a.manifest.edition.effectiveFrom < b.manifest.edition.effectiveFrom ? -1 : 1));
  const merged: LocatedManifest[] = [];
  for (let i = 0; i < all.length; i++) {
    const cur = all[i]!;
    const next = all[i + 1];
    const ed = cur.manifest.edition;
    if (next && ed.effectiveFrom === next.manifest.edition.effectiveFrom)
      throw importIssue(
        next.dir,
        'overlapping_edition',
        `${next.manifest.edition.id} starts on ${ed.effectiveFrom}, like ${ed.id} (${cur.dir})`,
      );
    if (next && ed.effectiveTo !== null && ed.effectiveTo >= next.manifest.edition.effectiveFrom)
      throw importIssue(
        next.dir,
        'overlapping_edition',
        `${next.manifest.edition.id} starts on ${next.manifest.edition.effectiveFrom}, inside ${ed.id} (${ed.effectiveFrom}..${ed.effectiveTo}, ${cur.dir})`,
      );
    const effectiveTo =
      next && ed.effectiveTo === null ? dayBefore(next.manifest.edition.effectiveFrom) : ed.effectiveTo;
    merged.push(
      effectiveTo === ed.effectiveTo
        ? cur
        : {
            ...cur,
            manifest: Object.freeze({ ...cur.manifest, edition: Object.freeze({ ...ed, effectiveTo }) }),
          },
    );
  }
  return Object.freeze(merged);
}

/**
 * The `data_stale` warning for an edition used on `date`, or `undefined` when the date is within
 * what its publisher released it for (or the manifest records no publisher cycle).
 *
 * @example
 * ```ts
 * const jul = listManifests(builtInCodesetsDir(), 'hcpcs').find((m) => m.edition.id === '2026-jul')!
 * staleDataIssue(jul, '2026-12-02')?.officialFile // 'HCPCS Level II October 2026 quarterly file …'
 * ```
 */
export function staleDataIssue(manifest: PackManifest, date: IsoDate): MedcodeIssue | undefined {
  const v = manifest.publisherValidity;
  if (!v || date <= v.through) return undefined;
  return createIssue({
    code: 'data_stale',
    severity: 'warning',
    path: [],
    codes: [],
    system: manifest.system,
    dataVersion: manifest.edition.name,
    date,
    edition: manifest.edition.id,
    validThrough: v.through,
    officialFile: v.nextFile,
  });
}
