/**
 * A pack whose bytes pass every digest (written by other code, or re-signed in its manifest) can
 * still hold anything in its JSON and text sections. For every built-in pack (block-checksummed ones
 * written with their block size again), each such section is replaced by `null`, a number and an
 * empty object, the manifest re-signed, and the pack's system used: the answer is a PackError (or a
 * `pack_error` issue), never a TypeError, a RangeError or a SyntaxError from inside.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedcodeError, PackError, SourceFormatError } from '../../src/core/errors';
import { BLOCK_DIGEST_SECTION, PackReader, PackWriter } from '../../src/core/pack';
import type { PackSectionType } from '../../src/core/pack';
import { memorySource, packHeaderBytes } from '../../src/core/pack-source';
import type { PackSource } from '../../src/core/pack-source';
import { sha256Hex } from '../../src/core/sha256';
import { createHccSystem } from '../../src/hcc/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { loadAocTable, loadMueTable } from '../../src/ncci/index';
import { createPfsSystem } from '../../src/pfs/index';
import { loadMceLists } from '../../src/rules/index';

const CODESETS = resolve(import.meta.dirname, '..', '..', 'codesets');
const ON = '2026-08-01';

/** A use of each system that opens every one of its packs. */
const USES: Record<string, (packs: PackSource) => unknown> = {
  pos: (packs) => createHcpcsSystem({ packs }).placesOfService.at(ON).get('11')?.code,
  hcpcs: (packs) => {
    const s = createHcpcsSystem({ packs });
    return [s.at(ON).get('G0008')?.code, s.modifiers.at(ON).get('25')?.code];
  },
  icd10pcs: (packs) => createIcd10PcsSystem({ packs }).at('2026-05-01').get('0DTJ4ZZ')?.title,
  hcc: (packs) => {
    const r = createHccSystem({ packs })
      .at(2026)
      .score({ sex: 'F', age: 70, diagnoses: ['E1122'] });
    return r.ok ? r.value.score : r.issues[0]?.code;
  },
  pfs: (packs) => createPfsSystem({ packs }).at(ON).get('99213')?.workRvu,
  'ncci-mue': (packs) => loadMueTable({ packs }).indexOf('88350'),
  'ncci-aoc': (packs) => loadAocTable({ packs }).rangeOf('99292'),
  mce: (packs) => loadMceLists(packs).has('manifestation', 'G63'),
  icd10cm: (packs) => {
    const s = createIcd10CmSystem({ packs }).at(ON);
    return [
      s.get('E11.9')?.title,
      s.excludesConflicts('E11.9', 'E10.9').length,
      s.search('heart attack', { limit: 3 }).length,
    ];
  },
};

/** Every built-in pack and manifest, by path under the codesets folder. */
function builtInFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const system of Object.keys(USES))
    for (const edition of readdirSync(join(CODESETS, system)))
      for (const file of readdirSync(join(CODESETS, system, edition)))
        if (file.endsWith('.pack') || file === 'manifest.json')
          files.set(`${system}/${edition}/${file}`, readFileSync(join(CODESETS, system, edition, file)));
  return files;
}

/** The pack with one section's content replaced (a JSON section by `value`, a text one by its JSON). */
function withSection(bytes: Uint8Array, file: string, name: string | undefined, value: unknown): Uint8Array {
  const pack = PackReader.fromBuffer(bytes, file);
  const w = new PackWriter(pack.header.kind, pack.header.edition);
  if (pack.header.blockSize !== undefined) w.blockChecksums(pack.header.blockSize);
  for (const s of pack.header.sections) {
    if (s.name === BLOCK_DIGEST_SECTION) continue;
    const replaced = s.name === name;
    if (s.type === 'json') w.json(s.name, replaced ? value : pack.json(s.name));
    else if (s.type === 'utf8') w.utf8(s.name, replaced ? JSON.stringify(value) : pack.utf8(s.name));
    else
      w.typed(
        s.name,
        s.type as Exclude<PackSectionType, 'utf8' | 'json'>,
        pack.typed(s.name, s.type as 'u8'),
      );
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

describe('packs whose sections say something else', () => {
  it('are refused as the pack’s inconsistency, never a TypeError from inside', () => {
    const files = builtInFiles();
    const found: string[] = [];
    let tried = 0;
    for (const [path, bytes] of files) {
      if (!path.endsWith('.pack')) continue;
      const [system, edition, file] = path.split('/') as [string, string, string];
      const pack = PackReader.fromBuffer(bytes, file);
      const use = USES[system]!;
      const manifest = `${system}/${edition}/manifest.json`;
      const sourceWith = (changed: Uint8Array) =>
        memorySource(
          new Map([...files, [path, changed], [manifest, resigned(files.get(manifest)!, file, changed)]]),
        );
      // The harness itself: the pack written again unchanged answers as the original.
      expect(JSON.stringify(use(sourceWith(withSection(bytes, file, undefined, null)))), path).toBe(
        JSON.stringify(use(memorySource(files))),
      );
      for (const section of pack.header.sections)
        if (section.type === 'json' || section.type === 'utf8')
          for (const value of [null, 5, {}]) {
            tried++;
            try {
              const answer = JSON.stringify(use(sourceWith(withSection(bytes, file, section.name, value))));
              // Validation reports a damaged pack as a pack_error issue; anything else answered as it was.
              if (answer?.includes('pack_error')) continue;
            } catch (error) {
              if (
                error instanceof PackError ||
                error instanceof MedcodeError ||
                error instanceof SourceFormatError
              )
                continue;
              found.push(`${path} ${section.name} = ${JSON.stringify(value)}: ${String(error)}`);
            }
          }
    }
    expect(found).toEqual([]);
    expect(tried).toBeGreaterThan(40);
  }, 120_000);
});
