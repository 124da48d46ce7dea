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
import { BLOCK_DIGEST_SECTION, PackReader, PackWriter } from '../../src/core/pack';
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
    // The codes pack is checked block by block as lookups first read it: a damaged byte is refused
    // when the data it sits in is first read (here, every title), never answered from.
    use: (dir: string) => {
      const cs = createIcd10CmSystem({ codesetsDir: dir }).at('2026-05-01');
      let titles = 0;
      for (const e of cs.codes()) titles += e.title.length;
      return cs.get('E11.9') && titles;
    },
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
    if (pack.header.blockSize !== undefined) writer.blockChecksums(pack.header.blockSize);
    for (const [name, value] of pack.sections()) {
      const info = pack.header.sections.find((s) => s.name === name)!;
      if (name === BLOCK_DIGEST_SECTION) continue;
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

describe('the ICD-10-CM codes pack is checked block by block, on first read', () => {
  /** A copy of the built-in ICD-10-CM packs with one byte of FY2026 codes.pack flipped. */
  function flipped(at: (pack: PackReader) => number): { dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'medcode-block-'));
    cpSync(join(CODESETS, 'icd10cm'), join(dir, 'icd10cm'), { recursive: true });
    const file = join(dir, 'icd10cm', 'fy2026', 'codes.pack');
    const bytes = Buffer.from(readFileSync(file));
    const pack = PackReader.fromBuffer(bytes, file, 'icd10cm/codes');
    const offset = at(pack);
    bytes[offset]! ^= 0x10;
    writeFileSync(file, bytes);
    return { dir };
  }
  const section = (pack: PackReader, name: string) => pack.header.sections.find((s) => s.name === name)!;

  it('the pack carries block checksums (the lazy path is the one the built-in data takes)', () => {
    const pack = PackReader.fromFile(join(CODESETS, 'icd10cm', 'fy2026', 'codes.pack'), 'icd10cm/codes');
    expect(pack.header.blockSize).toBe(8192);
    expect(pack.has(BLOCK_DIGEST_SECTION)).toBe(true);
    expect(() => pack.verifyAll()).not.toThrow();
  });

  it('a flipped byte in a block the first get does not read: that get answers, the block is refused when read', () => {
    // The last byte of the 7th-character definitions (the last data section, 55 KB): E11.9 has no
    // 7th character, so its lookup never reads them; S72.001A's does.
    const { dir } = flipped((pack) => {
      const s = section(pack, 'sevenChr');
      return s.offset + s.byteLength - 2;
    });
    const cs = createIcd10CmSystem({ codesetsDir: dir }).at('2026-05-01');
    expect(cs.get('E11.9')?.title).toBe('Type 2 diabetes mellitus without complications');
    const last = () => cs.get('S72.001A');
    expectPackError(last, 'icd10cm/fy2026/codes.pack');
    // The same refusal on every retry, never the damaged bytes.
    expectPackError(last, 'icd10cm/fy2026/codes.pack');
    let reason: unknown;
    try {
      last();
    } catch (error) {
      reason = (error as PackError).reason;
    }
    expect(reason).toBe('checksum_mismatch');
  });

  it('a flipped byte in a block the first get reads: that get is refused', () => {
    // A byte of E11.9's row in the codes table.
    const { dir } = flipped((pack) => {
      const codes = pack.typed('codes', 'u8');
      let row = 0;
      while (new TextDecoder().decode(codes.subarray(row * 7, row * 7 + 7)).trim() !== 'E119') row++;
      return section(pack, 'codes').offset + row * 7 + 2;
    });
    expectPackError(
      () => createIcd10CmSystem({ codesetsDir: dir }).at('2026-05-01').get('E11.9'),
      'icd10cm/fy2026/codes.pack',
    );
  });

  it('FY2027 reads its FY2026 base the same way: a damaged base block is refused when read', () => {
    const { dir } = flipped((pack) => {
      const codes = pack.typed('codes', 'u8');
      let row = 0;
      while (new TextDecoder().decode(codes.subarray(row * 7, row * 7 + 7)).trim() !== 'E119') row++;
      return section(pack, 'codes').offset + row * 7 + 2;
    });
    const cs = createIcd10CmSystem({ codesetsDir: dir }).at('2026-10-01');
    // C78.31 is new in FY2027 (its own pack); E11.9 is a shared FY2026 row.
    expect(cs.get('C78.31')?.code).toBe('C78.31');
    expectPackError(() => cs.get('E11.9'), 'icd10cm/fy2026/codes.pack');
  });
});
