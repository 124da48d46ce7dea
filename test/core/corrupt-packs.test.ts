/**
 * Bad data files fail loudly at load: for every built-in system, a truncated or bit-flipped pack (or a
 * broken manifest) makes first use throw a PackError naming the file, never a TypeError from deep
 * inside and never a half-loaded code set.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PackError } from '../../src/core/errors';
import { PackReader, PackWriter } from '../../src/core/pack';
import { packHeaderBytes } from '../../src/core/pack-source';
import { sha256Hex } from '../../src/core/sha256';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';

const CODESETS = resolve(import.meta.dirname, '..', '..', 'codesets');

type Damage = 'truncate' | 'flip' | 'manifest';

function damagedCopy(system: string, edition: string, file: string, damage: Damage): string {
  const dir = mkdtempSync(join(tmpdir(), 'medcode-bad-'));
  cpSync(join(CODESETS, system), join(dir, system), { recursive: true });
  const target = join(dir, system, edition, damage === 'manifest' ? 'manifest.json' : file);
  const bytes = readFileSync(target);
  if (damage === 'truncate') writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  else if (damage === 'flip') {
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length * 0.6)]! ^= 0x10;
    writeFileSync(target, copy);
  } else writeFileSync(target, bytes.subarray(0, 40));
  return dir;
}

function expectPackError(use: () => unknown, file: string): void {
  let thrown: unknown;
  try {
    use();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(PackError);
  expect((thrown as PackError).message).toContain(file);
}

const CASES = [
  {
    system: 'icd10cm',
    edition: 'fy2026',
    file: 'codes.pack',
    use: (dir: string) => createIcd10CmSystem({ codesetsDir: dir }).at('2026-05-01').get('E11.9'),
  },
  {
    system: 'icd10pcs',
    edition: 'fy2026',
    file: 'codes.pack',
    use: (dir: string) => createIcd10PcsSystem({ codesetsDir: dir }).at('2026-05-01').check('0LB50ZZ'),
  },
  {
    system: 'hcpcs',
    edition: '2026-jan',
    file: 'codes.pack',
    use: (dir: string) => createHcpcsSystem({ codesetsDir: dir }).at('2026-03-01').get('G0121'),
  },
] as const;

describe('damaged packs fail loudly', () => {
  for (const c of CASES) {
    it.each(['truncate', 'flip'] as const)(`${c.system} ${c.edition}/${c.file}: %s`, (damage) => {
      const dir = damagedCopy(c.system, c.edition, c.file, damage);
      expectPackError(() => c.use(dir), c.file);
    });
    it(`${c.system}: a broken manifest`, () => {
      const dir = damagedCopy(c.system, c.edition, c.file, 'manifest');
      expectPackError(() => c.use(dir), 'manifest.json');
    });
  }
  it('the undamaged copies load (the harness itself is sound)', () => {
    for (const c of CASES) {
      const dir = mkdtempSync(join(tmpdir(), 'medcode-ok-'));
      cpSync(join(CODESETS, c.system), join(dir, c.system), { recursive: true });
      expect(c.use(dir)).toBeTruthy();
      expect(readdirSync(join(dir, c.system)).length).toBeGreaterThan(0);
    }
  });
});

describe('a codes pack built wrongly, with valid checksums and digests', () => {
  it('a title reference before the first title is a PackError when the title is read, never a hang', () => {
    // Rebuilt with one title reference pointing before string 0: every CRC-32 and the manifest's
    // header digest match, so only the reference check itself can refuse it.
    const dir = mkdtempSync(join(tmpdir(), 'medcode-refs-'));
    cpSync(join(CODESETS, 'icd10cm'), join(dir, 'icd10cm'), { recursive: true });
    const file = join(dir, 'icd10cm', 'fy2026', 'codes.pack');
    const pack = PackReader.fromBuffer(readFileSync(file), file, 'icd10cm/codes');
    const codes = pack.typed('codes', 'u8');
    let row = 0;
    while (new TextDecoder().decode(codes.subarray(row * 7, row * 7 + 7)).trim() !== 'E119') row++;
    const writer = new PackWriter(pack.header.kind, pack.header.edition);
    for (const [name, value] of pack.sections()) {
      const info = pack.header.sections.find((s) => s.name === name)!;
      if (name === 'titleRef') {
        const refs = Uint16Array.from(value as Uint16Array);
        refs[2 * row] = 2 * row + 1;
        writer.typed(name, 'u16', refs);
      } else if (info.type === 'json') writer.json(name, JSON.parse(value as string));
      else if (info.type === 'utf8') writer.utf8(name, value as string);
      else writer.typed(name, info.type, value as Uint8Array);
    }
    const bytes = writer.toBuffer();
    writeFileSync(file, bytes);
    const manifestFile = join(dir, 'icd10cm', 'fy2026', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      files: { file: string; bytes: number; sha256: string; headerSha256?: string }[];
    };
    const entry = manifest.files.find((f) => f.file === 'codes.pack')!;
    entry.bytes = bytes.length;
    entry.headerSha256 = sha256Hex(packHeaderBytes(bytes, file));
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const cs = createIcd10CmSystem({ codesetsDir: dir }).at('2026-05-01');
    expect(cs.get('E11.8')?.title).toBe('Type 2 diabetes mellitus with unspecified complications');
    expectPackError(() => cs.get('E11.9'), 'icd10cm/codes');
  });
});
