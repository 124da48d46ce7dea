/**
 * The `manifest.json` beside every built edition: what it is, where it came from, and what it holds.
 * Read at run time to list editions without opening their packs.
 *
 * @module
 */
import { MedcodeError, PackError } from './errors';
import { createIssue } from './issues';
import { checkStringArgument } from './arguments';
import { toIsoDate } from './dates';
import { nodeBuiltin } from './runtime';
import { systemManifests, toPackSource } from './pack-source';
import type { PackSource, PackSourceInput } from './pack-source';
import type { IsoDate } from './dates';
import type { CodeSystemId } from './systems';
import type { Edition } from './edition';

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
  /** SHA-256 of the whole file. */
  readonly sha256: string;
  readonly bytes: number;
  /**
   * SHA-256 of the pack's header (magic, length and header JSON). The header holds the kind, the
   * edition, the total size and every section's CRC-32, and each section is checked against its
   * CRC-32 when the pack is opened, so this digest ties the whole pack to the manifest at a cost
   * independent of the pack's size (what keeps cold start low). When absent, `sha256` is checked.
   */
  readonly headerSha256?: string;
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
  /** `<codesetsDir>/<system>/<edition id>` (for a source in memory, its name in place of the folder). */
  readonly dir: string;
  /** The pack source that holds the edition's packs. */
  readonly source: PackSource;
  /** Whether it comes from the package's own folder (`builtIn`) or an imported one. */
  readonly origin: 'built-in' | 'imported';
}

function fail(file: string, detail: string): never {
  throw new PackError('bad_header', file, detail);
}

/**
 * Parses and validates one manifest's text. `file` names it in errors. Throws {@link PackError}
 * when it is malformed or its effective dates run backwards, and a {@link MedcodeError}
 * (`invalid_option`) when `text` or `file` is not a string.
 *
 * @example
 * ```ts
 * parseManifest(text, 'icd10cm/fy2026/manifest.json').edition.id // 'fy2026'
 * ```
 */
export function parseManifest(text: string, file: string): PackManifest {
  checkStringArgument('parseManifest', 'text', text);
  checkStringArgument('parseManifest', 'file', file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PackError('bad_header', file, error instanceof Error ? error.message : String(error));
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
  if (to !== null && to < from)
    throw new PackError('manifest_fault', file, `edition ${e.id} ends (${to}) before it starts (${from})`);
  if (!Array.isArray(m.files) || !Array.isArray(m.sources))
    fail(file, 'manifest must list files and sources');
  for (const f of m.files as unknown[]) {
    const x = f as Record<string, unknown> | null;
    if (
      typeof x !== 'object' ||
      x === null ||
      typeof x.file !== 'string' ||
      typeof x.sha256 !== 'string' ||
      !Number.isSafeInteger(x.bytes)
    )
      fail(file, 'every file entry must have file, sha256 and bytes');
  }
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
 * Reads and validates one manifest from a file (Node only). Throws {@link PackError} when it is
 * missing or malformed, and a {@link MedcodeError} (`invalid_option`) when `file` is not a string.
 *
 * @example
 * ```ts
 * readManifest('codesets/icd10cm/fy2026/manifest.json').counts.billable // 74719
 * ```
 */
export function readManifest(file: string): PackManifest {
  checkStringArgument('readManifest', 'file', file);
  const fs = nodeBuiltin<{ readFileSync(file: string, encoding: 'utf8'): string }>('node:fs');
  let text: string;
  try {
    if (!fs) throw new Error('no file system in this runtime');
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PackError('missing', file, error instanceof Error ? error.message : String(error));
  }
  return parseManifest(text, file);
}

/**
 * Lists the manifests of every edition built for a system under a codesets folder
 * (`<dir>/<system>/<edition>/manifest.json`), ordered by effective date, with the same checks as
 * every system applies at load.
 *
 * @example
 * ```ts
 * listManifests(builtInCodesetsDir(), 'icd10cm').map((m) => m.edition.id) // ['fy2026', 'fy2027']
 * ```
 */
export function listManifests(codesetsDir: string, system: string): readonly PackManifest[] {
  checkStringArgument('listManifests', 'codesetsDir', codesetsDir);
  checkStringArgument('listManifests', 'system', system);
  return systemManifests(toPackSource(codesetsDir), system);
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
  // The platform's PATH-style separator, read where Node is present (no top-level Node import).
  const delimiter = nodeBuiltin<{ delimiter: string }>('node:path')?.delimiter ?? ':';
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
 * The series an edition belongs to within its system: editions of one series replace one another
 * over time, editions of different series are in force side by side. The NCCI MUE tables are
 * published per setting (practitioner, outpatient hospital, DME supplier: CMS NCCI MUE page, "MUE
 * Tables") and the PTP tables per setting (practitioner, hospital: CMS NCCI PTP edits page), each
 * quarterly, so the series of such an edition (`hospital-2026q3`) is its setting; every other
 * system has one series.
 *
 * @example
 * ```ts
 * editionSeries('ncci-mue', 'hospital-2026q3') // 'hospital'
 * editionSeries('hcpcs', '2026-oct') // ''
 * ```
 */
export function editionSeries(system: string, editionId: string): string {
  if (system !== 'ncci-mue' && system !== 'ncci-ptp') return '';
  return /^(.*)-\d{4}q[1-4]$/.exec(editionId)?.[1] ?? editionId;
}

/**
 * The editions of one system from several codesets folders, merged by effective date: the first
 * folder is the built-in one, the others hold imported editions. An edition left open-ended by its
 * builder because its successor was not held (`effectiveTo: null`) ends the day before the next
 * edition of its series starts (see {@link editionSeries}: the MUE settings are separate series).
 * So does an edition whose fixed end runs past its publisher's period (`publisherValidity.through`)
 * to bridge a quarter not held, when the next edition starts after that period: the built-in
 * HCPCS January 2026 edition (to 2026-06-30, April not shipped) ends on 2026-03-31 once an April
 * 2026 file is imported. The same edition id twice, or two editions of one series whose fixed
 * ranges overlap otherwise, is a {@link MedcodeError} (`import_failed`): one date of service must
 * have one edition per series.
 *
 * @example
 * ```ts
 * mergedManifests([builtInCodesetsDir(), '/data/imported'], 'hcpcs').map((m) => m.manifest.edition.id)
 * // ['2026-jan', '2026-jul', '2026-oct']
 * ```
 */
export function mergedManifests(
  dirs: readonly PackSourceInput[],
  system: string,
): readonly LocatedManifest[] {
  const all: LocatedManifest[] = [];
  dirs.forEach((input, i) => {
    const source = toPackSource(input);
    const where = typeof input === 'string' ? input : source.name;
    for (const manifest of systemManifests(source, system)) {
      const dir = `${where.replace(/[\\/]+$/, '')}/${system}/${manifest.edition.id}`;
      const twin = all.find((m) => m.manifest.edition.id === manifest.edition.id);
      // The same edition reached twice (one folder named as the packs and in MEDCODE_CODESETS, a
      // copy, or the official file medcode ships imported again, whose manifest words its
      // derivation and sources otherwise): the same packs are the same data, so the first is kept.
      if (twin && samePacks(twin.manifest, manifest)) continue;
      if (twin)
        throw importIssue(
          dir,
          'duplicate_edition',
          `edition ${manifest.edition.id} is also in ${twin.dir}; keep one of the two folders`,
        );
      all.push({ manifest, dir, source, origin: i === 0 ? 'built-in' : 'imported' });
    }
  });
  all.sort((a, b) => (a.manifest.edition.effectiveFrom < b.manifest.edition.effectiveFrom ? -1 : 1));
  const seriesOf = (m: LocatedManifest) => editionSeries(system, m.manifest.edition.id);
  const merged: LocatedManifest[] = [];
  for (let i = 0; i < all.length; i++) {
    const cur = all[i]!;
    const series = seriesOf(cur);
    const next = all.slice(i + 1).find((m) => seriesOf(m) === series);
    const ed = cur.manifest.edition;
    if (next && ed.effectiveFrom === next.manifest.edition.effectiveFrom)
      throw importIssue(
        next.dir,
        'overlapping_edition',
        `${next.manifest.edition.id} starts on ${ed.effectiveFrom}, like ${ed.id} (${cur.dir})`,
      );
    const nextFrom = next?.manifest.edition.effectiveFrom;
    const bridged = nextFrom !== undefined && bridgesTo(cur.manifest, nextFrom);
    if (nextFrom !== undefined && ed.effectiveTo !== null && ed.effectiveTo >= nextFrom && !bridged)
      throw importIssue(
        next!.dir,
        'overlapping_edition',
        `${next!.manifest.edition.id} starts on ${nextFrom}, inside ${ed.id} (${ed.effectiveFrom}..${ed.effectiveTo}, ${cur.dir})`,
      );
    const effectiveTo =
      nextFrom !== undefined && (ed.effectiveTo === null || bridged) ? dayBefore(nextFrom) : ed.effectiveTo;
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
 * One pack source over merged editions of a system (see {@link mergedManifests}): each edition's
 * files are read from the folder that holds it, and its `manifest.json` is the merged one (an
 * open-ended edition closed by its imported successor). Every other system is read from `rest`.
 * A code system reads its editions through it as from one folder, so an imported ICD-10-CM delta
 * edition finds its base edition in the built-in folder.
 *
 * @example
 * ```ts
 * const located = mergedManifests([builtInCodesetsDir(), '/data/imported'], 'icd10cm')
 * mergedPackSource('icd10cm', located, defaultPackSource()).editions('icd10cm') // ['fy2026', 'fy2027']
 * ```
 */
export function mergedPackSource(
  system: string,
  located: readonly LocatedManifest[],
  rest: PackSource,
): PackSource {
  const byId = new Map(located.map((m) => [m.manifest.edition.id, m]));
  const ids = Object.freeze(located.map((m) => m.manifest.edition.id));
  const encoder = new TextEncoder();
  return {
    name: [...new Set([rest.name, ...located.map((m) => m.source.name)])].join(' + '),
    editions: (s) => (s === system ? ids : rest.editions(s)),
    read(path) {
      const [s, id, file] = path.split('/');
      const m = s === system && id !== undefined ? byId.get(id) : undefined;
      if (!m) return s === system ? undefined : rest.read(path);
      // The merged manifest, so that the edition's range is the one the merge gave it.
      if (file === 'manifest.json') return encoder.encode(JSON.stringify(m.manifest));
      return m.source.read(path);
    },
    ...(rest.sha256 ? { sha256: (bytes: Uint8Array) => rest.sha256!(bytes) } : {}),
  };
}

// The staleness helpers live in ./staleness (shared by every system's tryAt and the rules engine).
export { staleDataIssue } from './staleness';

/**
 * Whether an edition's fixed end reaches past its publisher's period only to bridge files that are
 * not held, and a successor starting on `nextFrom` falls in that bridge: then the successor takes
 * over from its first day. CMS releases each HCPCS Level II file for one quarter
 * (`publisherValidity`); the built-in January 2026 file is kept in force to 2026-06-30 because the
 * April 2026 file is not shipped, and an imported April file (from 2026-04-01, after the January
 * quarter ends on 2026-03-31) replaces it for April to June. A successor starting inside the
 * publisher's own period is still an overlap.
 */
function bridgesTo(manifest: PackManifest, nextFrom: IsoDate): boolean {
  const { effectiveTo } = manifest.edition;
  const through = manifest.publisherValidity?.through;
  return effectiveTo !== null && through !== undefined && through < effectiveTo && nextFrom > through;
}

/**
 * Whether two manifests of one edition id list the same files, byte for byte (name, size and
 * SHA-256 of each): their text (derivation, notes, the sources' wording) may differ.
 */
function samePacks(a: PackManifest, b: PackManifest): boolean {
  if (a === b) return true;
  const files = (m: PackManifest) =>
    JSON.stringify(
      m.files.map((f) => [f.file, f.bytes, f.sha256]).sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
    );
  return files(a) === files(b);
}
