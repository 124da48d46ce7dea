/**
 * Packs written again with one section changed, and their manifests re-signed: what a pack written
 * by other code could hold while passing every digest. For the tests of what each decoder checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BLOCK_DIGEST_SECTION, PackReader, PackWriter } from '../src/core/pack';
import type { PackSectionType } from '../src/core/pack';
import { memorySource, packHeaderBytes } from '../src/core/pack-source';
import type { PackSource } from '../src/core/pack-source';
import { sha256Hex } from '../src/core/sha256';

const CODESETS = resolve(import.meta.dirname, '..', 'codesets');

/** Every built-in pack and manifest, by path under the codesets folder. */
export function builtInFiles(systems: readonly string[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const system of systems)
    for (const edition of readdirSync(join(CODESETS, system)))
      for (const file of readdirSync(join(CODESETS, system, edition)))
        if (file.endsWith('.pack') || file === 'manifest.json')
          files.set(`${system}/${edition}/${file}`, readFileSync(join(CODESETS, system, edition, file)));
  return files;
}

/** A pack's typed section, as `PackReader.typed` reads it. */
export type TypedSection = Uint8Array | Uint16Array | Uint32Array;

/**
 * The pack with one section's content replaced: a JSON section by `value`; a text one by its JSON,
 * or by what `value` makes of the text when it is a function; a typed one by what `value` (a
 * function) makes of it.
 */
export function withSection(
  bytes: Uint8Array,
  file: string,
  name: string | undefined,
  value: unknown,
): Uint8Array {
  const pack = PackReader.fromBuffer(bytes, file);
  const w = new PackWriter(pack.header.kind, pack.header.edition);
  if (pack.header.blockSize !== undefined) w.blockChecksums(pack.header.blockSize);
  for (const s of pack.header.sections) {
    if (s.name === BLOCK_DIGEST_SECTION) continue;
    const replaced = s.name === name;
    if (s.type === 'json') w.json(s.name, replaced ? value : pack.json(s.name));
    else if (s.type === 'utf8') {
      const text = pack.utf8(s.name);
      const edit =
        typeof value === 'function' ? (value as (t: string) => string) : () => JSON.stringify(value);
      w.utf8(s.name, replaced ? edit(text) : text);
    } else {
      const typed = pack.typed(s.name, s.type as 'u8') as TypedSection;
      w.typed(
        s.name,
        s.type as Exclude<PackSectionType, 'utf8' | 'json'>,
        replaced ? (value as (t: TypedSection) => TypedSection)(typed) : typed,
      );
    }
  }
  return w.toBuffer();
}

/** The manifest with the pack's size and digests made to match its new bytes. */
function resigned(manifest: Uint8Array, pack: string, bytes: Uint8Array): Uint8Array {
  const m = JSON.parse(new TextDecoder().decode(manifest)) as {
    files: { file: string; bytes: number; sha256: string; headerSha256?: string }[];
  };
  for (const entry of m.files)
    if (entry.file === pack) {
      entry.bytes = bytes.length;
      entry.sha256 = sha256Hex(bytes);
      entry.headerSha256 = sha256Hex(packHeaderBytes(bytes, pack));
    }
  return new TextEncoder().encode(JSON.stringify(m));
}

/**
 * The built-in packs of `systems` as a pack source, with the pack at `path` (`system/edition/file`)
 * replaced by `changed` and its edition's manifest re-signed to match.
 */
export function sourceWithPack(
  files: ReadonlyMap<string, Uint8Array>,
  path: string,
  changed: Uint8Array,
): PackSource {
  const [system, edition, file] = path.split('/') as [string, string, string];
  const manifest = `${system}/${edition}/manifest.json`;
  return memorySource(
    new Map([...files, [path, changed], [manifest, resigned(files.get(manifest)!, file, changed)]]),
  );
}
