/**
 * The `manifest.json` beside every built edition: what it is, where it came from, and what it holds.
 * Read at run time to list editions without opening their packs.
 *
 * @module
 */
import { PackError } from './errors';
import { toIsoDate } from './dates';
import { nodeBuiltin } from './runtime';
import { systemManifests, toPackSource } from './pack-source';
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
}

function fail(file: string, detail: string): never {
  throw new PackError('bad_header', file, detail);
}

/**
 * Parses and validates one manifest's text. `file` names it in errors. Throws {@link PackError}
 * when it is malformed or its effective dates run backwards.
 *
 * @example
 * ```ts
 * parseManifest(text, 'icd10cm/fy2026/manifest.json').edition.id // 'fy2026'
 * ```
 */
export function parseManifest(text: string, file: string): PackManifest {
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
 * missing or malformed.
 *
 * @example
 * ```ts
 * readManifest('codesets/icd10cm/fy2026/manifest.json').counts.billable // 74719
 * ```
 */
export function readManifest(file: string): PackManifest {
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
 * every system applies at load (see {@link systemManifests}).
 *
 * @example
 * ```ts
 * listManifests(builtInCodesetsDir(), 'icd10cm').map((m) => m.edition.id) // ['fy2026', 'fy2027']
 * ```
 */
export function listManifests(codesetsDir: string, system: string): readonly PackManifest[] {
  return systemManifests(toPackSource(codesetsDir), system);
}
