/**
 * The codeset pipeline's plumbing: each system's builder (`scripts/codesets/<system>.ts`) reads
 * official files from `codesets/sources/`, returns its editions as packs, and this module writes
 * them with their manifests to `codesets/<system>/<edition>/`, compares them with the committed
 * manifests (the expected digests: packs are build outputs and are not in git), and computes the
 * stamps that let `npm run codesets` skip a builder whose inputs did not change.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ManifestSource } from '../../src/core/index';
import { manifestFor, manifestText, sha256 } from '../../src/import/built';
import type { BuiltEdition } from '../../src/import/built';

export { manifestFor, manifestText, sha256 };
export type { BuiltEdition };

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODESETS_DIR = join(REPO_ROOT, 'codesets');
export const SOURCES_DIR = join(CODESETS_DIR, 'sources');
export const BUILDERS_DIR = join(REPO_ROOT, 'scripts', 'codesets');
/**
 * The build cache's stamps (one per builder), outside `codesets/` so that the package never ships
 * it, and in the checkout (not `node_modules/.cache`) so that worktrees sharing `node_modules` do
 * not share it. Not committed (.gitignore).
 */
export const STAMP_FILE = join(REPO_ROOT, '.cache', 'codesets-stamps.json');

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

/** What `scripts/codesets/<system>.ts` exports by default. */
export interface CodesetBuilder {
  readonly system: string;
  build(sources: SourceReader): Promise<readonly BuiltEdition[]> | readonly BuiltEdition[];
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

/**
 * Compares a fresh build with the packs on disk (built by `npm run codesets`; the committed manifests
 * are checked by {@link diffWithManifests}); returns the differences (empty when equal).
 */
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

/** The builder files in `scripts/codesets/` (each named after the system it builds), sorted. */
export function builderFiles(): string[] {
  return readdirSync(BUILDERS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(BUILDERS_DIR, f));
}

/** The system a builder file builds: its name (`scripts/codesets/ncci-mue.ts` builds `ncci-mue`). */
export function systemOfBuilder(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.ts$/, '');
}

/** Every file under a folder, relative to it, sorted (a stable order for digests). */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(join(dir, name)).isDirectory()) out.push(...filesUnder(join(dir, name), rel));
    else out.push(rel);
  }
  return out;
}

/** One digest over files' names and contents (paths relative to `root`). */
function digestOfFiles(root: string, files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort()) h.update(`${f}\0${sha256(readFileSync(join(root, f)))}\n`);
  return h.digest('hex');
}

/** The digest of every official file under `codesets/sources/` (names and contents). */
export function sourcesDigest(sourcesDir: string = SOURCES_DIR): string {
  return digestOfFiles(sourcesDir, filesUnder(sourcesDir));
}

/**
 * The digest of each builder's code: the builder file and every repository file it imports,
 * followed through the import graph by esbuild (packages from node_modules are left out: the
 * lockfile pins them). A change to a decoder in `src/` the ICD-10-CM builder uses invalidates the
 * ICD-10-CM stamp only. Keyed by builder file.
 */
export async function builderCodeDigests(files: readonly string[]): Promise<Map<string, string>> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [...files],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(REPO_ROOT, '.cache', 'codesets-graph'),
    logLevel: 'silent',
  });
  const digests = new Map<string, string>();
  const shared = [relative(REPO_ROOT, join(REPO_ROOT, 'scripts', 'build-codesets.ts'))];
  for (const output of Object.values(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const entry = resolve(REPO_ROOT, output.entryPoint);
    const inputs = [...Object.keys(output.inputs), ...shared].map((f) =>
      relative(REPO_ROOT, resolve(REPO_ROOT, f)),
    );
    digests.set(entry, digestOfFiles(REPO_ROOT, [...new Set(inputs)]));
  }
  for (const f of files) if (!digests.has(f)) throw new Error(`esbuild gave no import graph for ${f}`);
  return digests;
}

/** The stamps of the last successful build into `codesets/`, by builder file name. */
export function readStamps(file: string = STAMP_FILE): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Records the stamps of a successful build. */
export function writeStamps(stamps: Record<string, string>, file: string = STAMP_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stamps, null, 2)}\n`);
}

/** The committed manifests of a system, by edition id (the expected digests). */
export function committedManifests(codesetsDir: string, system: string): Map<string, string> {
  const out = new Map<string, string>();
  const dir = join(codesetsDir, system);
  if (!existsSync(dir)) return out;
  for (const ed of readdirSync(dir).sort()) {
    const file = join(dir, ed, 'manifest.json');
    if (existsSync(file)) out.set(ed, readFileSync(file, 'utf8'));
  }
  return out;
}

/**
 * Whether the outputs on disk are the ones the committed manifests describe: every listed file
 * present with its sha256. What lets a warm build skip a builder safely (a deleted or edited pack,
 * or a manifest changed by a pull, makes it run again).
 */
export function outputsMatchManifests(codesetsDir: string, system: string): boolean {
  const manifests = committedManifests(codesetsDir, system);
  if (manifests.size === 0) return false;
  for (const [ed, text] of manifests) {
    const files = (JSON.parse(text) as { files: { file: string; sha256: string; bytes: number }[] }).files;
    for (const f of files) {
      const path = join(codesetsDir, system, ed, f.file);
      if (!existsSync(path) || statSync(path).size !== f.bytes) return false;
      if (sha256(readFileSync(path)) !== f.sha256) return false;
    }
  }
  return true;
}

/**
 * Compares a fresh build with the committed manifests: the differences, each naming the edition
 * and the pack (empty when every digest and every other manifest field is equal).
 */
export function diffWithManifests(
  expectedDir: string,
  system: string,
  editions: readonly BuiltEdition[],
): string[] {
  const diffs: string[] = [];
  const committed = committedManifests(expectedDir, system);
  for (const built of editions) {
    const id = built.edition.id;
    const before = diffs.length;
    const fresh = manifestFor(built);
    const text = committed.get(id);
    if (text === undefined) {
      diffs.push(`${system}/${id}: built, but no committed manifest (a new edition)`);
      continue;
    }
    const expected = JSON.parse(text) as { files: { file: string; sha256: string }[] };
    const byFile = new Map(expected.files.map((f) => [f.file, f.sha256]));
    for (const f of fresh.files) {
      const want = byFile.get(f.file);
      if (want === undefined)
        diffs.push(`${system}/${id}/${f.file}: built, but not in the committed manifest`);
      else if (want !== f.sha256)
        diffs.push(
          `${system}/${id}/${f.file}: sha256 ${f.sha256} differs from the committed manifest's ${want}`,
        );
      byFile.delete(f.file);
    }
    for (const file of byFile.keys())
      diffs.push(`${system}/${id}/${file}: in the committed manifest, not built`);
    if (diffs.length === before && manifestText(built) !== text)
      diffs.push(
        `${system}/${id}/manifest.json: same packs, other fields differ from the committed manifest`,
      );
  }
  for (const id of committed.keys())
    if (!editions.some((e) => e.edition.id === id))
      diffs.push(`${system}/${id}: committed manifest, but the build produced no such edition`);
  return diffs;
}
