import { describe, expect, it, vi } from 'vitest';
import { deflateSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PackReader,
  PackWriter,
  blockDigest,
  blockDigestPortable,
  crc32,
  inflatePackSection,
  preparePackInflate,
} from '../../src/core/pack';
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

  it('inflates into one buffer of the recorded length, and refuses any other length', () => {
    const bytes = new TextEncoder().encode('Type 2 diabetes mellitus without complications\n'.repeat(500));
    const packed = deflateSync(bytes);
    const out = inflatePackSection(packed, 'demo.pack', bytes.length);
    expect(Buffer.compare(out, bytes)).toBe(0);
    expect(out.buffer.byteLength).toBe(bytes.length);
    for (const wrong of [bytes.length - 1, bytes.length + 1, 0, 10])
      expectPackError(() => inflatePackSection(packed, 'demo.pack', wrong), 'inconsistent');
    for (const unbelievable of [-1, 1.5, Number.NaN, 2 ** 28 + 1, 2 ** 31])
      expectPackError(() => inflatePackSection(packed, 'demo.pack', unbelievable), 'inconsistent');
    // Bytes that are not DEFLATE: the pack's error, not zlib's.
    expectPackError(
      () => inflatePackSection(Uint8Array.of(0xff, 0xff, 0xff), 'demo.pack', 10),
      'inconsistent',
    );
    expectPackError(() => inflatePackSection(Uint8Array.of(0xff, 0xff, 0xff), 'demo.pack'), 'inconsistent');
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
      // fflate cuts output that does not fit its buffer: a longer section still shows as one.
      const n = new TextEncoder().encode(text).length;
      expect(new TextDecoder().decode(inflatePackSection(packed, 'search.pack', n))).toBe(text);
      for (const wrong of [n - 1, n + 1, 0])
        expectPackError(() => inflatePackSection(packed, 'search.pack', wrong), 'inconsistent');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('block checksums: a pack read and checked block by block', () => {
  /** 5,000 bytes of rows (five 1 KiB blocks, the last partial) and a small JSON section. */
  function blockPack(): Uint8Array {
    const rows = new Uint8Array(5000);
    for (let i = 0; i < rows.length; i++) rows[i] = (i * 31) & 0xff;
    return new PackWriter('test/rows', 'e1')
      .blockChecksums(1024)
      .typed('rows', 'u8', rows)
      .json('meta', { rows: 5000 })
      .toBuffer();
  }
  /** A range reader over bytes that records what it was asked for. */
  function ranges(bytes: Uint8Array) {
    const reads: [number, number][] = [];
    const read = (at: number, into: Uint8Array) => {
      reads.push([at, into.length]);
      into.set(bytes.subarray(at, at + into.length));
      return Math.min(into.length, Math.max(0, bytes.length - at));
    };
    return { reads, read };
  }

  it('reads the header and block table at open, then only the blocks ensured', () => {
    const bytes = blockPack();
    const { reads, read } = ranges(bytes);
    const pack = PackReader.fromRanges(bytes.length, read, 'rows.pack', 'test/rows', 'e1');
    expect(pack.header.blockSize).toBe(1024);
    const atOpen = reads.reduce((n, [, length]) => n + length, 0);
    expect(atOpen).toBeLessThan(bytes.length / 2);
    const rows = pack.view('rows', 'u8');
    const at = pack.offsetOf('rows');
    pack.ensure(at + 2100, 10);
    expect(reads.length).toBe(4); // magic, header, block table, one block
    expect(reads.at(-1)![1]).toBe(1024);
    expect(rows[2100]).toBe((2100 * 31) & 0xff);
    pack.ensure(at + 2100, 10); // checked once
    expect(reads.length).toBe(4);
    expect(pack.json('meta')).toEqual({ rows: 5000 });
    expect(() => pack.verifyAll()).not.toThrow();
  });

  it('gives a text section as bytes read and checked only where ensured', () => {
    const text = 'x'.repeat(3000) + JSON.stringify({ code: 'E11.9' }) + 'y'.repeat(3000);
    const bytes = new PackWriter('test/rows', 'e1').blockChecksums(1024).utf8('text', text).toBuffer();
    const { reads, read } = ranges(bytes);
    const pack = PackReader.fromRanges(bytes.length, read, 'rows.pack', 'test/rows', 'e1');
    const opened = reads.length;
    const view = pack.textView('text');
    expect(view.length).toBe(text.length);
    expect(reads.length).toBe(opened); // nothing of the section read yet
    pack.ensure(pack.offsetOf('text') + 3000, 16);
    expect(new TextDecoder().decode(view.subarray(3000, 3016))).toBe('{"code":"E11.9"}');
    expect(reads.length).toBeLessThanOrEqual(opened + 2); // the one or two blocks of those bytes
    // A pack without block checksums: the section is checked whole, as textBytes does.
    const plain = PackReader.fromBuffer(new PackWriter('test/rows', 'e1').utf8('text', text).toBuffer());
    expect(new TextDecoder().decode(plain.textView('text'))).toBe(text);
    expectPackError(() => plain.textView('missing'), 'missing_section');
  });

  it('a flipped byte is refused, naming the file, when its block is first read, and on every retry', () => {
    const bytes = blockPack();
    const pack0 = PackReader.fromBuffer(bytes, 'rows.pack');
    const at = pack0.offsetOf('rows');
    bytes[at + 4000]! ^= 0x04;
    const { read } = ranges(bytes);
    const pack = PackReader.fromRanges(bytes.length, read, 'rows.pack', 'test/rows', 'e1');
    expect(() => pack.ensure(at, 100)).not.toThrow(); // an intact block reads
    for (let i = 0; i < 2; i++) {
      expectPackError(() => pack.ensure(at + 3999, 2), 'checksum_mismatch');
      expect(() => pack.ensure(at + 3999, 2)).toThrow(/rows\.pack/);
    }
    // The same pack handed over whole: its blocks are checked the same way.
    const whole = PackReader.fromBuffer(bytes, 'rows.pack');
    expect(() => whole.ensure(at, 100)).not.toThrow();
    expectPackError(() => whole.ensure(at + 4000, 1), 'checksum_mismatch');
    expectPackError(() => whole.typed('rows', 'u8'), 'checksum_mismatch');
  });

  it('a header edited before anything in it is trusted is refused by the check the caller passes', () => {
    const bytes = blockPack();
    const { read } = ranges(bytes);
    expect(() =>
      PackReader.fromRanges(bytes.length, read, 'rows.pack', 'test/rows', 'e1', () => {
        throw new PackError('digest_mismatch', 'rows.pack', 'not the manifest header');
      }),
    ).toThrow(PackError);
  });

  it('blockDigest changes with any one word, and is fixed for fixed bytes', () => {
    const block = new Uint8Array(1024);
    for (let i = 0; i < block.length; i++) block[i] = i & 0xff;
    const d = blockDigest(block);
    expect(blockDigest(block.slice())).toBe(d);
    for (const at of [0, 1, 511, 1020, 1023]) {
      const copy = block.slice();
      copy[at]! ^= 0x80;
      expect(blockDigest(copy)).not.toBe(d);
    }
    // A misaligned view gives the same digest (copied into words, never misread).
    const shifted = new Uint8Array(1025);
    shifted.set(block, 1);
    expect(blockDigest(shifted.subarray(1))).toBe(d);
  });

  it('the WebAssembly digest is the portable one, word for word, at every length and alignment', () => {
    let seed = 12345;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    const data = Uint8Array.from({ length: 70_000 }, next);
    for (const length of [0, 4, 12, 16, 20, 1024, 8188, 8192, 65_536, 65_540]) {
      for (const at of [0, 4, 1, 3]) {
        const block = data.subarray(at, at + length);
        expect(blockDigest(block)).toBe(blockDigestPortable(block));
      }
    }
  });

  it('the writer refuses a block size that is not a power of two from 1 KiB to 1 GiB', () => {
    expect(() => new PackWriter('test/rows', 'e1').blockChecksums(1000)).toThrow(RangeError);
    expect(() => new PackWriter('test/rows', 'e1').blockChecksums(512)).toThrow(RangeError);
    expect(() => new PackWriter('test/rows', 'e1').blockChecksums(2 ** 31)).toThrow(RangeError);
  });

  it('a size that is not a byte count, or more than the runtime can hold, is a PackError naming the file', () => {
    for (const size of [-1, Number.NaN, 1.5, 2 ** 45, 2 ** 60])
      expectPackError(() => PackReader.fromRanges(size, () => 0, 'rows.pack'), 'inconsistent');
  });

  it('a header whose block size would wrap 32-bit block offsets is refused, not checked in part', () => {
    // One block either way (216 bytes of data), so the block table still fits the header; the
    // same header length: the kind's 9 characters give way to the block size's 9 more digits.
    // Unrefused, 2^40 would wrap to a 256-byte block, checked over the first 256 bytes only.
    const small = new PackWriter('test/rows', 'e1')
      .blockChecksums(1024)
      .typed('rows', 'u8', new Uint8Array(200).fill(7))
      .json('meta', { rows: 200 })
      .toBuffer();
    const text = new TextDecoder('latin1').decode(small);
    const edited = text
      .replace('"kind":"test/rows"', '"kind":""')
      .replace('"blockSize":1024', `"blockSize":${2 ** 40}`);
    expect(edited.length).toBe(text.length);
    const bytes = Uint8Array.from(edited, (c) => c.charCodeAt(0));
    expectPackError(() => PackReader.fromBuffer(bytes, 'rows.pack'), 'bad_header');
  });
});
