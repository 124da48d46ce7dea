/**
 * The `manifest.json` beside every built edition: what it is, where it came from, and what it holds.
 * Read at run time to list editions without opening their packs.
 *
 * @module
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PackError } from './errors';
import { toIsoDate } from './dates';
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
