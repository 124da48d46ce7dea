import { describe, expect, it, vi } from 'vitest';
import { deflateSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackReader, PackWriter, crc32, inflatePackSection, preparePackInflate } from '../../src/core/pack';
import { PackError } from '../../src/core/errors';

function samplePack(): Buffer {
  return Buffer.from(samplePackBytes());
}

function samplePackBytes(): Uint8Array {
  return new PackWriter('test/codes', 'e1')
    .utf8('codes', 'A000A001A009')
    .typed('flags', 'u8', new Uint8Array([0, 1, 1]))
    .u32('offsets', new Uint32Array([0, 5, 9, 12]))
    .json('meta', { name: 'Test', list: [1, 2, 3] })
    .toBuffer();
}

function expectPackError(fn: () => unknown, reason: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).reason).toBe(reason);
    return;
  }
  throw new Error('expected a PackError');
}

describe('pack container', () => {
  it('round-trips every section type', () => {
    const pack = PackReader.fromBuffer(samplePack(), 'sample', 'test/codes');
    expect(pack.header.edition).toBe('e1');
    expect(pack.utf8('codes')).toBe('A000A001A009');
    expect([...pack.typed('flags', 'u8')]).toEqual([0, 1, 1]);
    expect([...pack.u32('offsets')]).toEqual([0, 5, 9, 12]);
    expect(pack.json('meta')).toEqual({ name: 'Test', list: [1, 2, 3] });
  });
  it('is deterministic', () => {
    expect(samplePack().equals(samplePack())).toBe(true);
  });
  it('fails at once on a truncated file, at every truncation point', () => {
    const bytes = samplePack();
    for (let n = 0; n < bytes.length; n++) {
      expect(() => PackReader.fromBuffer(bytes.subarray(0, n), 'cut')).toThrow(PackError);
    }
    expectPackError(() => PackReader.fromBuffer(bytes.subarray(0, bytes.length - 1), 'cut'), 'truncated');
  });
  it('fails on a flipped bit in any section, when the section is first read or on verifyAll', () => {
    const bytes = samplePack();
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + bytes.readUInt32LE(8))) as {
      sections: { name: string; offset: number; byteLength: number }[];
    };
    for (const s of header.sections) {
      const copy = Buffer.from(bytes);
      copy[s.offset + Math.floor(s.byteLength / 2)]! ^= 0x40;
      expectPackError(() => PackReader.fromBuffer(copy, 'flipped').verifyAll(), 'checksum_mismatch');
      // Lazily: the damaged section fails on every read, the others still read.
      const pack = PackReader.fromBuffer(copy, 'flipped');
      expectPackError(() => pack.sections(), 'checksum_mismatch');
      for (const other of header.sections) {
        const type = pack.header.sections.find((x) => x.name === other.name)!.type;
        const read = () =>
          type === 'utf8'
            ? pack.utf8(other.name)
            : type === 'json'
              ? pack.json(other.name)
              : pack.typed(other.name, type);
        if (other.name === s.name) {
          expectPackError(read, 'checksum_mismatch');
          expectPackError(read, 'checksum_mismatch');
        } else expect(read).not.toThrow();
      }
    }
  });
  it('fails on bad magic, wrong kind, missing file and missing section', () => {
    expectPackError(() => PackReader.fromBuffer(Buffer.from('not a pack at all'), 'x'), 'bad_magic');
    expectPackError(() => PackReader.fromBuffer(samplePack(), 'x', 'icd10cm/codes'), 'kind_mismatch');
    expectPackError(() => PackReader.fromFile('/nonexistent/medcode.pack'), 'missing');
    expectPackError(() => PackReader.fromBuffer(samplePack()).utf8('nope'), 'missing_section');
    expectPackError(() => PackReader.fromBuffer(samplePack()).u32('codes'), 'bad_header');
  });
  it('reads from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medcode-pack-'));
    writeFileSync(join(dir, 'p.pack'), samplePack());
    expect(PackReader.fromFile(join(dir, 'p.pack')).utf8('codes')).toBe('A000A001A009');
  });
  it('computes standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('inflatePackSection', () => {
  it('decodes a raw-DEFLATE section natively on Node, and preparePackInflate has nothing to load', async () => {
    const text = 'Type 2 diabetes mellitus without complications\n'.repeat(50);
    const packed = deflateSync(new TextEncoder().encode(text));
    await preparePackInflate();
    expect(new TextDecoder().decode(inflatePackSection(packed, 'demo.pack'))).toBe(text);
  });
});

describe('inflatePackSection without node:zlib (a browser, a worker)', () => {
  it('refuses with a PackError until preparePackInflate has loaded fflate, then decodes', async () => {
    const text = 'Hypertensive heart disease with heart failure\n'.repeat(40);
    const packed = deflateSync(new TextEncoder().encode(text));
    const real = process.getBuiltinModule.bind(process);
    const spy = vi
      .spyOn(process, 'getBuiltinModule')
      .mockImplementation(((id: string) => (/zlib/.test(id) ? undefined : real(id))) as typeof real);
    try {
      expect(() => inflatePackSection(packed, 'icd10cm/fy2026/search.pack')).toThrow(PackError);
      await preparePackInflate();
      expect(new TextDecoder().decode(inflatePackSection(packed, 'icd10cm/fy2026/search.pack'))).toBe(text);
    } finally {
      spy.mockRestore();
    }
  });
});
