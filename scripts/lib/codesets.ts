/**
 * The codeset pipeline's plumbing: each system's builder (`scripts/codesets/<system>.ts`) reads
 * official files from `codesets/sources/`, returns its editions as packs, and this module writes
 * them with their manifests to `codesets/<system>/<edition>/`, or compares them with what is
 * committed.
 */
import { packHeaderBytes } from '../../src/core/pack-source';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edition, ManifestSource, PackManifest } from '../../src/core/index';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODESETS_DIR = join(REPO_ROOT, 'codesets');
export const SOURCES_DIR = join(CODESETS_DIR, 'sources');

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hands a builder its source files and records each one for the manifest. */
export class SourceReader {
  readonly used: ManifestSource[] = [];
  constructor(readonly sourcesDir: string = SOURCES_DIR) {}

  /** Reads `codesets/sources/<file>` and records what it contributed. Throws if it is missing. */
  read(file: string, contributed: string): Buffer {
    const path = join(this.sourcesDir, file);
    if (!existsSync(path)) throw new Error(`source file missing: codesets/sources/${file}`);
    const bytes = readFileSync(path);
    if (!this.used.some((s) => s.file === file))
      this.used.push({ file, sha256: sha256(bytes), bytes: bytes.length, contributed });
    return bytes;
  }

  /** Lists files under a sources sub-folder (for builders that pick up newer drops automatically). */
  list(subdir: string): string[] {
    const dir = join(this.sourcesDir, subdir);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isFile())
      .sort()
      .map((f) => `${subdir}/${f}`);
  }
}

/** One edition a builder produced. */
export interface BuiltEdition {
  readonly edition: Edition;
  readonly derivation: string;
  /** Pack files by file name (e.g. `codes.pack`). */
  readonly packs: Readonly<Record<string, Uint8Array>>;
  readonly counts: Readonly<Record<string, number>>;
  readonly notes?: readonly string[];
  /** The sources this edition used (a subset of what the reader saw, or all of it). */
  readonly sources: readonly ManifestSource[];
}

/** What `scripts/codesets/<system>.ts` exports by default. */
export interface CodesetBuilder {
  readonly system: string;
  build(sources: SourceReader): Promise<readonly BuiltEdition[]> | readonly BuiltEdition[];
}

/** The manifest of a built edition. Deterministic: no timestamps. */
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
  };
}

/** Writes every edition of a builder under `outDir/<system>/<edition>/`, replacing what was there. */
export function writeEditions(outDir: string, system: string, editions: readonly BuiltEdition[]): string[] {
  const written: string[] = [];
  const systemDir = join(outDir, system);
  rmSync(systemDir, { recursive: true, force: true });
  for (const built of editions) {
    const dir = join(systemDir, built.edition.id);
    mkdirSync(dir, { recursive: true });
    for (const [file, bytes] of Object.entries(built.packs)) {
      writeFileSync(join(dir, file), bytes);
      written.push(relative(outDir, join(dir, file)));
    }
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(built), null, 2)}\n`);
    written.push(relative(outDir, join(dir, 'manifest.json')));
  }
  return written;
}

/** Compares a fresh build with the committed files; returns the differences (empty when equal). */
export function diffEditions(
  committedDir: string,
  system: string,
  editions: readonly BuiltEdition[],
): string[] {
  const diffs: string[] = [];
  const expected = new Map<string, Uint8Array>();
  for (const built of editions) {
    for (const [file, bytes] of Object.entries(built.packs))
      expected.set(join(built.edition.id, file), bytes);
    expected.set(
      join(built.edition.id, 'manifest.json'),
      Buffer.from(`${JSON.stringify(manifestFor(built), null, 2)}\n`),
    );
  }
  const systemDir = join(committedDir, system);
  const committed = new Set<string>();
  if (existsSync(systemDir)) {
    for (const ed of readdirSync(systemDir)) {
      if (!statSync(join(systemDir, ed)).isDirectory()) continue;
      for (const f of readdirSync(join(systemDir, ed))) committed.add(join(ed, f));
    }
  }
  for (const [file, bytes] of expected) {
    if (!committed.has(file)) diffs.push(`${system}/${file}: missing from committed packs`);
    else if (sha256(readFileSync(join(systemDir, file))) !== sha256(bytes))
      diffs.push(`${system}/${file}: differs from a fresh build`);
  }
  for (const file of committed)
    if (!expected.has(file)) diffs.push(`${system}/${file}: committed but not produced by the build`);
  return diffs;
}

/** Loads every builder module in `scripts/codesets/`. */
export async function loadBuilders(only?: readonly string[]): Promise<CodesetBuilder[]> {
  const dir = join(REPO_ROOT, 'scripts', 'codesets');
  const builders: CodesetBuilder[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const mod = (await import(join(dir, file))) as { default?: CodesetBuilder };
    if (!mod.default || typeof mod.default.build !== 'function')
      throw new Error(`scripts/codesets/${file} has no default CodesetBuilder export`);
    if (!only || only.length === 0 || only.includes(mod.default.system)) builders.push(mod.default);
  }
  return builders;
}
