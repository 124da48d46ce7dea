/**
 * The compact binary container every code-set pack uses (`*.pack`).
 *
 * Layout (little-endian):
 * ```
 * 0   8 bytes   magic "MCPACK\0\x01"
 * 8   uint32    header length H
 * 12  H bytes   header JSON: { format, kind, edition, totalBytes, sections: [{ name, type, offset, byteLength, count, crc32 }] }
 * ..  sections, each 8-byte aligned, in header order
 * ```
 * The header states the total size and every section's place, checked when the pack is opened, so
 * a truncated file fails at once with a {@link PackError}. Every section carries a CRC-32, checked
 * the first time the section is read (a section a process never reads costs no checksum time); a
 * corrupted section is a {@link PackError} before any of its bytes reach a caller. Typed sections are views on the file buffer (no copy, no parse), strings are
 * decoded once, which is what keeps cold start low (see docs/architecture.md for the figures).
 *
 * @module
 */
import { PackError } from './errors';
import { toIsoDate } from './dates';
import type { Edition } from './edition';
import { nodeBuiltin } from './runtime';

const MAGIC = new Uint8Array([0x4d, 0x43, 0x50, 0x41, 0x43, 0x4b, 0x00, 0x01]);
const UTF8 = new TextDecoder('utf-8');
const ENCODER = new TextEncoder();
/** Format version written into every header. */
export const PACK_FORMAT_VERSION = 1;

/** Element type of a pack section. */
export type PackSectionType = 'utf8' | 'json' | 'u8' | 'u16' | 'u32' | 'i32' | 'f64';

type TypedFor<T extends PackSectionType> = T extends 'u8'
  ? Uint8Array
  : T extends 'u16'
    ? Uint16Array
    : T extends 'u32'
      ? Uint32Array
      : T extends 'i32'
        ? Int32Array
        : T extends 'f64'
          ? Float64Array
          : never;

/** Section metadata stored in the header. */
export interface PackSectionInfo {
  readonly name: string;
  readonly type: PackSectionType;
  readonly offset: number;
  readonly byteLength: number;
  /** Element count (characters are not counted for `utf8`/`json`: bytes). */
  readonly count: number;
  readonly crc32: number;
}

/** The parsed pack header. */
export interface PackHeader {
  readonly format: number;
  /** What the pack holds, e.g. `icd10cm/codes`. */
  readonly kind: string;
  /** Edition id, e.g. `fy2026`. */
  readonly edition: string;
  readonly totalBytes: number;
  readonly sections: readonly PackSectionInfo[];
  /**
   * Present when the pack also carries a digest per block of this many bytes (a power of two) over
   * its data, in a last `blockDigest` section: a reader can then check the few blocks a first lookup
   * touches rather than whole sections.
   */
  readonly blockSize?: number;
}

/** Name of the section holding the per-block digests of a pack written with block checksums. */
export const BLOCK_DIGEST_SECTION = 'blockDigest';

type SectionValue = string | Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

const ELEMENT_SIZE: Readonly<Record<PackSectionType, number>> = {
  utf8: 1,
  json: 1,
  u8: 1,
  u16: 2,
  u32: 4,
  i32: 4,
  f64: 8,
};

/**
 * CRC-32 (IEEE) of a byte range. Uses zlib's native implementation where Node has it (20.15+)
 * and the range is large, else a table-driven one.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')) // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  const native = worthNativeCrc(bytes)
    ? nodeBuiltin<{ crc32?: (data: Uint8Array, value?: number) => number }>('node:zlib')?.crc32
    : undefined;
  if (native) return native(bytes) >>> 0;
  let table = CRC_TABLE;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    CRC_TABLE = table;
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
let CRC_TABLE: Uint32Array | undefined;

/**
 * Whether a CRC is long enough to be worth `node:zlib`: loading it (and the stream modules it
 * pulls in) costs a fresh Node process about 5 ms, the JavaScript table loop about 1 ms per 64 KiB
 * before it is optimised. A small pack section (a block table, a manifest-sized JSON) stays in
 * JavaScript, so a process that only looks codes up never loads zlib.
 */
function worthNativeCrc(bytes: Uint8Array): boolean {
  return bytes.length >= 65_536;
}

/**
 * The digest of one block of a block-checksummed pack: four interleaved multiply–xor (FNV-style)
 * lanes over the block's little-endian 32-bit words, folded into one. Why not CRC-32: blocks are
 * checked the first time a lookup touches them, on the cold-start path, where JavaScript has not
 * been optimised yet; this is a quarter of the steps of a bytewise table CRC, and it needs no
 * `node:zlib`, whose loading alone costs a Node process about 5 ms. One changed word always changes
 * the digest (each step is a bijection of a lane's state), and a block's length is fixed by the
 * header. Blocks are whole words: the data start is 8-aligned and every section is padded to 8.
 *
 * @example
 * ```ts
 * blockDigest(new Uint8Array(16)) // the same number for the same bytes, on every platform
 * ```
 */
export function blockDigest(bytes: Uint8Array): number {
  const native = bytes.length <= WASM_PAGE ? wasmBlockDigest() : undefined;
  return native !== undefined ? native(bytes) : blockDigestPortable(bytes);
}

/**
 * {@link blockDigest} in plain JavaScript: what runs where WebAssembly cannot (a page whose
 * content security policy forbids it), and the reference the WebAssembly one is tested against.
 *
 * @example
 * ```ts
 * blockDigestPortable(bytes) === blockDigest(bytes) // true
 * ```
 */
export function blockDigestPortable(bytes: Uint8Array): number {
  const words = littleEndianWords(bytes);
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x2fd3fa2b;
  let d = 0x6b8b4567;
  const n = words.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    a = Math.imul(a ^ words[i]!, 0x01000193);
    b = Math.imul(b ^ words[i + 1]!, 0x01000193);
    c = Math.imul(c ^ words[i + 2]!, 0x01000193);
    d = Math.imul(d ^ words[i + 3]!, 0x01000193);
  }
  for (; i < n; i++) a = Math.imul(a ^ words[i]!, 0x01000193);
  return (a ^ b ^ c ^ d) >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Bytes of one WebAssembly memory page: the largest block the WebAssembly digest takes. */
const WASM_PAGE = 65_536;

/**
 * The block digest as a 215-byte WebAssembly module. Why: a first lookup checks about 25 blocks
 * while JavaScript is still interpreted, and the JavaScript loop then costs 4–8 ms for those
 * 200 KB; compiled WebAssembly checks them in under 1 ms (its compilation about 1 ms). Exports
 * `m` (one page of memory, the block is copied to its start) and `d(length) -> i32`:
 *
 *   (func (param $len i32) (result i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $i i32)
 *     a b c d := 0x811c9dc5 0x050c5d1f 0x2fd3fa2b 0x6b8b4567
 *     (block (loop (br_if 1 (i32.gt_u (i32.add $i 16) $len))
 *       a := (a ^ load($i)) * 0x01000193   b, c, d likewise at $i + 4, 8, 12
 *       $i += 16  (br 0)))
 *     (block (loop (br_if 1 (i32.ge_u $i $len))  a := (a ^ load($i)) * 0x01000193  $i += 4  (br 0)))
 *     a ^ b ^ c ^ d)
 *
 * which is {@link blockDigestPortable} word for word (WebAssembly loads are little-endian).
 */
const BLOCK_DIGEST_WASM =
  '0061736d0100000001060160017f017f03020100050301000107090201640000016d02000ab00101ad0101057f41c5bbf288782101419fbab128210241abf4cffe02210341e78aaddc06210402400340200541106a20004b0d01200120052802007341938380086c2101200220052802047341938380086c2102200320052802087341938380086c21032004200528020c7341938380086c2104200541106a21050c000b0b02400340200520004f0d01200120052802007341938380086c2101200541046a21050c000b0b20012002732003732004730b';

/** The part of the WebAssembly API the digest uses (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  Module: new (code: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** A lazy cache: the compiled digest, `null` where WebAssembly is unavailable or refused. */
let wasmDigest: ((bytes: Uint8Array) => number) | null | undefined;

function wasmBlockDigest(): ((bytes: Uint8Array) => number) | undefined {
  if (wasmDigest === undefined) {
    try {
      const code = new Uint8Array(BLOCK_DIGEST_WASM.length / 2);
      for (let i = 0; i < code.length; i++)
        code[i] = Number.parseInt(BLOCK_DIGEST_WASM.slice(2 * i, 2 * i + 2), 16);
      const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
      if (wasm === undefined) throw new Error('no WebAssembly');
      const { exports } = new wasm.Instance(new wasm.Module(code));
      const memory = new Uint8Array((exports.m as { buffer: ArrayBuffer }).buffer);
      const digest = exports.d as (length: number) => number;
      wasmDigest = (bytes) => {
        memory.set(bytes);
        return digest(bytes.length) >>> 0;
      };
    } catch {
      wasmDigest = null;
    }
  }
  return wasmDigest ?? undefined;
}

/**
 * The bytes as 32-bit little-endian words, a view where the platform is little-endian and the
 * bytes are 4-aligned (always, for a pack read by medcode), else a copy (so a digest never depends
 * on the machine).
 */
function littleEndianWords(bytes: Uint8Array): Int32Array {
  const n = bytes.byteLength >>> 2;
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, n);
  const words = new Int32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) words[i] = view.getInt32(i * 4, true);
  return words;
}

/**
 * A raw-DEFLATE decoder: bytes in, bytes out; `size`, when known, the length out, so that the output
 * is written once into a buffer of that length.
 */
type RawInflate = (bytes: Uint8Array, size?: number) => Uint8Array;

/**
 * Node's native raw inflate where the runtime is Node (several times faster than JavaScript). Given
 * the length out, it inflates into one chunk of that length: zlib's default 16 KiB chunks, joined at
 * the end, touch every byte of new memory twice, and on the project's virtual machines a first
 * touch costs about 3 µs per KB (25 MB of search documents: 176–223 ms against 86–117 ms).
 */
function nativeInflate(): RawInflate | undefined {
  const zlib = nodeBuiltin<{ inflateRawSync(b: Uint8Array, o?: { chunkSize: number }): Uint8Array }>(
    'node:zlib',
  );
  return zlib
    ? (bytes, size) =>
        size !== undefined && size >= 64
          ? zlib.inflateRawSync(bytes, { chunkSize: size })
          : zlib.inflateRawSync(bytes)
    : undefined;
}

/**
 * The most bytes a pack may say a section inflates to: ten times the largest held (the 25 MB of
 * FY2026 search documents). A larger claim is refused before anything is allocated for it.
 */
const MAX_INFLATED_SECTION = 1 << 28;

/**
 * fflate's inflate, for runtimes without `node:zlib` (browsers, workers, edge). A lazy cache: it is
 * set once by {@link preparePackInflate} and never changes after. fflate is not imported where Node
 * decodes natively, because importing it costs a Node process about 15 ms of module loading (its
 * Node build starts `worker_threads` and the stream modules) before the first lookup.
 */
let portableInflate: RawInflate | undefined;

/**
 * Makes DEFLATE-compressed pack sections (the ICD-10-CM search packs) readable in this runtime.
 * Nothing to do on Node (native zlib); elsewhere it loads fflate once. `loadPacks` calls it when it
 * fetches a search pack; call it yourself before a first search over a `memorySource` in a browser.
 *
 * @example
 * ```ts
 * await preparePackInflate()
 * icd10cm.at('2026-05-01').search('chest pain') // decodes the search pack synchronously
 * ```
 */
export async function preparePackInflate(): Promise<void> {
  if (portableInflate !== undefined || nativeInflate() !== undefined) return;
  const { inflateSync } = await import('fflate');
  // One byte more than the length out: fflate cuts what does not fit, and a longer section must
  // show as one (the caller compares the lengths).
  portableInflate = (bytes, size) =>
    size === undefined ? inflateSync(bytes) : inflateSync(bytes, { out: new Uint8Array(size + 1) });
}

/**
 * Decodes a raw-DEFLATE pack section: Node's zlib where there is one, else the fflate decoder that
 * {@link preparePackInflate} loaded. Throws {@link PackError} (`missing`, naming `file`) when neither
 * is available, so a search in a browser fails with what to do rather than a TypeError.
 *
 * `size`, when the pack records it, is the section's length once inflated: the output is written
 * into one buffer of that length, and any other length is refused (`inconsistent`).
 *
 * @example
 * ```ts
 * inflatePackSection(pack.typed('docs', 'u8'), 'icd10cm/fy2026/search.pack')
 * ```
 */
export function inflatePackSection(bytes: Uint8Array, file: string, size?: number): Uint8Array {
  const decode = nativeInflate() ?? portableInflate;
  if (decode === undefined)
    throw new PackError(
      'missing',
      file,
      'no DEFLATE decoder in this runtime yet: `await preparePackInflate()` (loadPacks does it) before the first search',
    );
  const known = size !== undefined && Number.isSafeInteger(size) && size >= 0 && size <= MAX_INFLATED_SECTION;
  if (size !== undefined && !known)
    throw new PackError('inconsistent', file, `a section length of ${String(size)} bytes is not believable`);
  let out: Uint8Array;
  try {
    out = decode(bytes, known ? size : undefined);
  } catch (error) {
    // Data that is not DEFLATE, or more than the runtime can hold: the pack's fault, said as such.
    throw new PackError('inconsistent', file, `a section does not inflate (${String(error)})`);
  }
  if (known && out.length !== size)
    throw new PackError(
      'inconsistent',
      file,
      `a section inflates to ${out.length} bytes, not the ${size} recorded`,
    );
  return out;
}

/**
 * Whether a value read from a pack's JSON (or given for one) is a list of strings: rationales,
 * notes, names, an MCE list's codes.
 *
 * @example
 * ```ts
 * isTextList(['Clinical', 'Policy']) // true
 * ```
 */
export function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * The edition a pack's metadata records, as an `Edition`; a `PackError` (`inconsistent`, naming the
 * file) when it is not one: an object with a string id, name and system and `YYYY-MM-DD` effective
 * dates (`effectiveTo` `null` when open). A pack's bytes are checked against its manifest, but a
 * pack written by other code, or re-signed, can still carry anything in its JSON sections.
 *
 * @example
 * ```ts
 * editionInPack(pack.json('meta').edition, 'pfs/2026-jul/rvu.pack').id // '2026-jul'
 * ```
 */
export function editionInPack(value: unknown, file: string): Edition {
  const e = value as Record<string, unknown> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    typeof e.id !== 'string' ||
    typeof e.name !== 'string' ||
    typeof e.system !== 'string' ||
    typeof e.effectiveFrom !== 'string' ||
    toIsoDate(e.effectiveFrom) !== e.effectiveFrom ||
    (e.effectiveTo !== null &&
      (typeof e.effectiveTo !== 'string' || toIsoDate(e.effectiveTo) !== e.effectiveTo))
  )
    throw new PackError(
      'inconsistent',
      file,
      'its metadata records no edition { id, name, system, effectiveFrom, effectiveTo }',
    );
  return e as unknown as Edition;
}

/**
 * Builds a pack in memory. Sections are written in the order they are added.
 *
 * @example
 * ```ts
 * const bytes = new PackWriter('icd10cm/codes', 'fy2026')
 *   .utf8('codes', 'A000A001')
 *   .u32('flags', new Uint32Array([1, 1]))
 *   .toBuffer()
 * ```
 */
export class PackWriter {
  readonly #sections: { name: string; type: PackSectionType; bytes: Uint8Array; count: number }[] = [];
  #blockSize: number | undefined;

  constructor(
    readonly kind: string,
    readonly edition: string,
  ) {}

  /**
   * Adds a UTF-8 string section.
   *
   * @example
   * ```ts
   * new PackWriter('demo/kind', 'v1').utf8('codes', 'A00\nA01')
   * ```
   */
  utf8(name: string, text: string): this {
    const bytes = ENCODER.encode(text);
    return this.#add(name, 'utf8', bytes, bytes.byteLength);
  }

  /**
   * Adds a JSON section (for small, irregular data such as notes or axis labels).
   *
   * @example
   * ```ts
   * new PackWriter('demo/kind', 'v1').json('names', ['Open', 'Percutaneous'])
   * ```
   */
  json(name: string, value: unknown): this {
    const bytes = ENCODER.encode(JSON.stringify(value));
    return this.#add(name, 'json', bytes, bytes.byteLength);
  }

  /**
   * Adds a typed numeric section.
   *
   * @example
   * ```ts
   * new PackWriter('demo/kind', 'v1').typed('flags', 'u8', new Uint8Array([1, 0, 1]))
   * ```
   */
  typed(
    name: string,
    type: Exclude<PackSectionType, 'utf8' | 'json'>,
    array: Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array,
  ): this {
    if (array.BYTES_PER_ELEMENT !== ELEMENT_SIZE[type])
      throw new TypeError(`section ${name}: array does not match type ${type}`);
    return this.#add(
      name,
      type,
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
      array.length,
    );
  }

  /**
   * Adds a `u32` section.
   *
   * @example
   * ```ts
   * new PackWriter('demo/kind', 'v1').u32('offsets', new Uint32Array([0, 4, 9]))
   * ```
   */
  u32(name: string, array: Uint32Array): this {
    return this.typed(name, 'u32', array);
  }

  /**
   * Also writes a {@link blockDigest} per `blockSize` bytes of data (a power of two from 1 KiB
   * to 1 GiB), so that a reader can check only the blocks a first lookup touches instead of whole
   * sections.
   *
   * @example
   * ```ts
   * new PackWriter('demo/kind', 'v1').blockChecksums(16384).utf8('codes', 'A00').toBuffer()
   * ```
   */
  blockChecksums(blockSize: number): this {
    if (!isBlockSize(blockSize))
      throw new RangeError(`block size ${blockSize} is not a power of two from 1 KiB to 1 GiB`);
    this.#blockSize = blockSize;
    return this;
  }

  #add(name: string, type: PackSectionType, bytes: Uint8Array, count: number): this {
    if (name === BLOCK_DIGEST_SECTION)
      throw new Error(`${BLOCK_DIGEST_SECTION} is written by blockChecksums`);
    if (this.#sections.some((s) => s.name === name)) throw new Error(`duplicate pack section ${name}`);
    this.#sections.push({ name, type, bytes, count });
    return this;
  }

  /**
   * Serializes the pack. Deterministic: the same sections give the same bytes.
   *
   * @example
   * ```ts
   * const bytes = new PackWriter('demo/kind', 'v1').utf8('codes', 'A00').toBuffer()
   * PackReader.fromBuffer(bytes, 'demo.pack', 'demo/kind').utf8('codes') // 'A00'
   * ```
   */
  toBuffer(): Uint8Array {
    const sections = [...this.#sections];
    const blockSize = this.#blockSize;
    if (blockSize !== undefined) {
      // The data start is 8-aligned whatever the header's length, so the data bytes, and the digest
      // of each block counted from the data start, do not depend on the header.
      let length = 0;
      for (const s of sections) length = align8(length + s.bytes.byteLength);
      const data = new Uint8Array(length);
      let at = 0;
      for (const s of sections) {
        data.set(s.bytes, at);
        at = align8(at + s.bytes.byteLength);
      }
      const digests = new Uint32Array(Math.ceil(length / blockSize));
      for (let k = 0; k < digests.length; k++)
        digests[k] = blockDigest(data.subarray(k * blockSize, (k + 1) * blockSize));
      sections.push({
        name: BLOCK_DIGEST_SECTION,
        type: 'u32',
        bytes: new Uint8Array(digests.buffer),
        count: digests.length,
      });
    }
    // The header's offsets depend on the header's length; iterate until the length settles.
    let headerLength = 0;
    for (;;) {
      let offset = align8(12 + headerLength);
      const infos: PackSectionInfo[] = sections.map((s) => {
        const info = {
          name: s.name,
          type: s.type,
          offset,
          byteLength: s.bytes.byteLength,
          count: s.count,
          crc32: crc32(s.bytes),
        };
        offset = align8(offset + s.bytes.byteLength);
        return info;
      });
      const header: PackHeader = {
        format: PACK_FORMAT_VERSION,
        kind: this.kind,
        edition: this.edition,
        totalBytes: offset,
        sections: infos,
        ...(blockSize !== undefined ? { blockSize } : {}),
      };
      const headerBytes = ENCODER.encode(JSON.stringify(header));
      if (headerBytes.length !== headerLength) {
        headerLength = headerBytes.length;
        continue;
      }
      const out = new Uint8Array(offset);
      out.set(MAGIC, 0);
      new DataView(out.buffer).setUint32(8, headerLength, true);
      out.set(headerBytes, 12);
      sections.forEach((s, i) => {
        out.set(s.bytes, infos[i]!.offset);
      });
      return out;
    }
  }
}

/**
 * Whether a block size is one the reader can check: a power of two from 1 KiB to 1 GiB. The upper
 * bound keeps block offsets within 32-bit shifts (`k << shift`); a larger size in a header would
 * wrap them, and a block would be checked over fewer bytes than it covers.
 */
function isBlockSize(blockSize: number): boolean {
  return Number.isInteger(Math.log2(blockSize)) && blockSize >= 1024 && blockSize <= 1 << 30;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Fills `into` with the pack file's bytes from byte `position`; returns how many it read. */
export type PackRangeReader = (position: number, into: Uint8Array) => number;

/** The block checks of a pack written with block checksums. */
interface BlockChecks {
  /** log2 of the block size. */
  readonly shift: number;
  /** Byte range of the pack the blocks cover (every section but the block table). */
  readonly start: number;
  readonly end: number;
  readonly digests: Uint32Array;
  /** 1 once a block's bytes are read in and match their digest. */
  readonly ready: Uint8Array;
}

/**
 * Checks magic, format, kind, edition, size and section table, from the header bytes only (a pack
 * opened by ranges has read nothing else yet).
 */
function parseHeader(
  buffer: Uint8Array,
  totalBytes: number,
  file: string,
  expectedKind: string | undefined,
  expectedEdition: string | undefined,
): PackHeader {
  if (totalBytes < 12 || MAGIC.some((b, i) => buffer[i] !== b)) {
    throw new PackError('bad_magic', file, 'not a medcode pack (bad magic bytes)');
  }
  const headerLength = new DataView(buffer.buffer, buffer.byteOffset, 12).getUint32(8, true);
  if (12 + headerLength > totalBytes)
    throw new PackError('truncated', file, `header needs ${12 + headerLength} bytes, file has ${totalBytes}`);
  let header: PackHeader;
  try {
    header = JSON.parse(UTF8.decode(buffer.subarray(12, 12 + headerLength))) as PackHeader;
  } catch {
    throw new PackError('bad_header', file, 'header is not valid JSON');
  }
  if (typeof header !== 'object' || header === null || !Array.isArray(header.sections))
    throw new PackError('bad_header', file, 'header has no section table');
  if (header.format !== PACK_FORMAT_VERSION)
    throw new PackError(
      'unsupported_version',
      file,
      `pack format ${String(header.format)}, this medcode reads ${PACK_FORMAT_VERSION}`,
    );
  if (expectedKind !== undefined && header.kind !== expectedKind)
    throw new PackError('kind_mismatch', file, `holds ${header.kind}, expected ${expectedKind}`);
  if (expectedEdition !== undefined && header.edition !== expectedEdition)
    throw new PackError(
      'edition_mismatch',
      file,
      `holds edition ${String(header.edition)}, but sits in edition ${expectedEdition}'s folder`,
    );
  if (header.totalBytes !== totalBytes) {
    throw new PackError(
      totalBytes < header.totalBytes ? 'truncated' : 'inconsistent',
      file,
      `header says ${header.totalBytes} bytes, file has ${totalBytes}`,
    );
  }
  if (header.blockSize !== undefined && typeof header.blockSize !== 'number')
    throw new PackError('bad_header', file, 'block size is not a number');
  for (const s of header.sections) {
    if (
      typeof s !== 'object' ||
      s === null ||
      !Number.isSafeInteger(s.offset) ||
      !Number.isSafeInteger(s.byteLength) ||
      s.offset < 12 + headerLength ||
      s.byteLength < 0 ||
      !Object.hasOwn(ELEMENT_SIZE, s.type) ||
      s.byteLength % ELEMENT_SIZE[s.type as PackSectionType] !== 0
    )
      throw new PackError('bad_header', file, 'a section entry has no valid offset, length or type');
    if (s.offset + s.byteLength > totalBytes)
      throw new PackError('truncated', file, `section ${s.name} runs past the end`);
  }
  return header;
}

/**
 * Reads a pack, verifying magic, format, size and section table at open, and each section's
 * CRC-32 (or, for a pack written with block checksums, each block's digest) on its first read.
 *
 * @example
 * ```ts
 * const pack = PackReader.fromFile('codesets/icd10cm/fy2026/codes.pack', 'icd10cm/codes')
 * const codes = pack.utf8('codes')
 * ```
 */
export class PackReader {
  readonly header: PackHeader;
  readonly #buffer: Uint8Array;
  readonly #file: string;
  readonly #sections: Map<string, PackSectionInfo>;
  /** Sections whose bytes have been checked. */
  readonly #verified = new Set<string>();
  /** Reads file bytes into the buffer, for a pack opened by ranges; `undefined` when the buffer is whole. */
  readonly #fill: PackRangeReader | undefined;
  /** Byte ranges already read into the buffer by `#fill` (sections, blocks). */
  readonly #filled = new Set<number>();
  /** Block checks, for a pack written with block checksums. */
  readonly #blocks: BlockChecks | undefined;

  private constructor(buffer: Uint8Array, file: string, header: PackHeader, fill?: PackRangeReader) {
    this.#buffer = buffer;
    this.#file = file;
    this.header = header;
    this.#fill = fill;
    this.#sections = new Map(header.sections.map((s) => [s.name, s]));
    this.#blocks = header.blockSize === undefined ? undefined : this.#blockChecks(header.blockSize);
  }

  /**
   * The block table of a block-checksummed pack, read and checked whole now (a few hundred bytes):
   * every data section must lie inside the blocks it covers.
   */
  #blockChecks(blockSize: number): BlockChecks {
    const table = this.#sections.get(BLOCK_DIGEST_SECTION);
    const shift = Math.log2(blockSize);
    if (!isBlockSize(blockSize) || table === undefined || table.type !== 'u32')
      throw new PackError('bad_header', this.#file, 'block checksums without a valid block size or table');
    const data = this.header.sections.filter((s) => s !== table);
    const start = data.length === 0 ? table.offset : Math.min(...data.map((s) => s.offset));
    const end = table.offset;
    if (
      data.some((s) => s.offset < start || s.offset + s.byteLength > end) ||
      table.count !== Math.ceil((end - start) / blockSize) ||
      table.byteLength !== table.count * 4
    )
      throw new PackError('bad_header', this.#file, 'the block table does not cover the sections');
    const digests = this.typed(BLOCK_DIGEST_SECTION, 'u32');
    return { shift, start, end, digests, ready: new Uint8Array(table.count) };
  }

  /**
   * Opens a pack file. Throws {@link PackError} when it is missing, truncated or corrupted.
   *
   * @example
   * ```ts
   * const pack = PackReader.fromFile('codesets/hcpcs/2026-jan/codes.pack', 'hcpcs/codes')
   * ```
   */
  static fromFile(file: string, expectedKind?: string): PackReader {
    let buffer: Uint8Array;
    try {
      const fs = nodeBuiltin<{ readFileSync(file: string): Uint8Array }>('node:fs');
      if (!fs) throw new Error('no file system in this runtime: pass the pack bytes (PackReader.fromBuffer)');
      buffer = fs.readFileSync(file);
    } catch (error) {
      throw new PackError('missing', file, error instanceof Error ? error.message : String(error));
    }
    return PackReader.fromBuffer(buffer, file, expectedKind);
  }

  /**
   * Opens a pack already in memory. `file` names it in errors.
   *
   * @example
   * ```ts
   * const pack = PackReader.fromBuffer(new PackWriter('demo/kind', 'v1').utf8('codes', 'A00').toBuffer(), 'demo.pack', 'demo/kind')
   * ```
   */
  static fromBuffer(
    input: Uint8Array | ArrayBuffer,
    file = '<buffer>',
    expectedKind?: string,
    expectedEdition?: string,
  ): PackReader {
    const buffer = input instanceof Uint8Array ? input : new Uint8Array(input);
    const header = parseHeader(buffer, buffer.length, file, expectedKind, expectedEdition);
    return new PackReader(buffer, file, header);
  }

  /**
   * Opens a pack of `totalBytes` bytes by reading ranges of it: the header now, then each section
   * (or, for a pack written with block checksums, each block) the first time it is read. A pack
   * without block checksums is read whole at once. `read(position, into)` fills `into` from the
   * file's byte `position` and returns how many bytes it read; `checkHeader`, when given, sees the
   * header bytes (magic, length, JSON) before anything in them is trusted (a manifest's digest).
   *
   * @example
   * ```ts
   * const fd = fs.openSync(file, 'r')
   * PackReader.fromRanges(fs.fstatSync(fd).size, (at, into) => fs.readSync(fd, into, 0, into.length, at), file)
   * ```
   */
  static fromRanges(
    totalBytes: number,
    read: PackRangeReader,
    file = '<ranges>',
    expectedKind?: string,
    expectedEdition?: string,
    checkHeader?: (headerBytes: Uint8Array) => void,
  ): PackReader {
    if (!Number.isSafeInteger(totalBytes) || totalBytes < 0)
      throw new PackError('inconsistent', file, `a size of ${totalBytes} bytes is not a byte count`);
    // A fresh zeroed buffer is address space only: its pages cost nothing until bytes are read in.
    let buffer: Uint8Array;
    try {
      buffer = new Uint8Array(totalBytes);
    } catch {
      throw new PackError('inconsistent', file, `${totalBytes} bytes are more than this runtime can hold`);
    }
    const fill = (at: number, length: number) => {
      const got = read(at, buffer.subarray(at, at + length));
      if (got !== length)
        throw new PackError('truncated', file, `${length} bytes at ${at} expected, ${got} read`);
    };
    fill(0, Math.min(12, totalBytes));
    if (totalBytes >= 12) {
      const headerLength = new DataView(buffer.buffer, 0, 12).getUint32(8, true);
      if (12 + headerLength <= totalBytes) {
        fill(12, headerLength);
        checkHeader?.(buffer.subarray(0, 12 + headerLength));
      }
    }
    const header = parseHeader(buffer, totalBytes, file, expectedKind, expectedEdition);
    if (header.blockSize === undefined) {
      const from = 12 + new DataView(buffer.buffer, 0, 12).getUint32(8, true);
      fill(from, totalBytes - from);
      return new PackReader(buffer, file, header);
    }
    return new PackReader(buffer, file, header, (at, into) => {
      fill(at, into.length);
      return into.length;
    });
  }

  /** Reads a range into the buffer once (a pack opened by ranges). */
  #fillRange(at: number, length: number): void {
    if (this.#fill === undefined || this.#filled.has(at) || length === 0) return;
    this.#fill(at, this.#buffer.subarray(at, at + length));
    this.#filled.add(at);
  }

  /**
   * Checks a section the first time it is read: its blocks, for a block-checksummed pack, else its
   * CRC-32. A section never read (the search terms of a process that only looks codes up) costs
   * nothing, and no byte reaches a caller unchecked.
   */
  #verify(s: PackSectionInfo): void {
    if (this.#verified.has(s.name)) return;
    const blocks = this.#blocks;
    if (blocks !== undefined && s.name !== BLOCK_DIGEST_SECTION) this.ensure(s.offset, s.byteLength);
    else {
      this.#fillRange(s.offset, s.byteLength);
      const actual = crc32(this.#buffer.subarray(s.offset, s.offset + s.byteLength));
      if (actual !== s.crc32)
        throw new PackError(
          'checksum_mismatch',
          this.#file,
          `section ${s.name} is corrupted (CRC-32 ${actual.toString(16)} ≠ ${s.crc32.toString(16)})`,
        );
    }
    this.#verified.add(s.name);
  }

  /**
   * Makes bytes `[offset, offset + length)` of the pack readable: for a block-checksummed pack,
   * reads in (when opened by ranges) and checks each block of the range not yet checked, throwing
   * {@link PackError} `checksum_mismatch` naming the file for a damaged block; otherwise nothing to
   * do (sections were checked whole by {@link view}). Call it before reading a {@link view}.
   *
   * @example
   * ```ts
   * const codes = pack.view('codes', 'u8')
   * pack.ensure(pack.header.sections[1].offset + row * 7, 7) // then read codes[row * 7 …]
   * ```
   */
  ensure(offset: number, length: number): void {
    const blocks = this.#blocks;
    if (blocks === undefined) return;
    const first = Math.max(offset, blocks.start) - blocks.start;
    const last = Math.min(offset + length, blocks.end) - 1 - blocks.start;
    for (let k = first >>> blocks.shift; k <= last >>> blocks.shift && last >= first; k++)
      if (blocks.ready[k] === 0) this.#checkBlock(blocks, k);
  }

  #checkBlock(blocks: BlockChecks, k: number): void {
    const start = blocks.start + (k << blocks.shift);
    const end = Math.min(start + (1 << blocks.shift), blocks.end);
    this.#fillRange(start, end - start);
    const actual = blockDigest(this.#buffer.subarray(start, end));
    if (actual !== blocks.digests[k])
      throw new PackError(
        'checksum_mismatch',
        this.#file,
        `block ${k} (bytes ${start}–${end}) is corrupted (digest ${actual.toString(16)} ≠ ${blocks.digests[k]!.toString(16)})`,
      );
    blocks.ready[k] = 1;
  }

  /**
   * Checks every section now (sections are otherwise checked on first read), throwing
   * {@link PackError} `checksum_mismatch` for the first damaged one.
   *
   * @example
   * ```ts
   * PackReader.fromFile('codesets/icd10cm/fy2026/codes.pack', 'icd10cm/codes').verifyAll()
   * ```
   */
  verifyAll(): this {
    for (const s of this.header.sections) this.#verify(s);
    return this;
  }

  /**
   * The bytes a manifest's `headerSha256` covers: magic, header length and header JSON.
   *
   * @example
   * ```ts
   * sha256Hex(pack.headerBytes()) === manifest.files[0].headerSha256
   * ```
   */
  headerBytes(): Uint8Array {
    return this.#buffer.subarray(
      0,
      12 + new DataView(this.#buffer.buffer, this.#buffer.byteOffset, 12).getUint32(8, true),
    );
  }

  /**
   * The name the pack was opened under (a path, or what the caller named it), as errors give it.
   *
   * @example
   * ```ts
   * PackReader.fromBuffer(bytes, 'mce.pack').file // 'mce.pack'
   * ```
   */
  get file(): string {
    return this.#file;
  }

  /**
   * Whether the pack has a section.
   *
   * @example
   * ```ts
   * pack.has('codes') // true
   * ```
   */
  has(name: string): boolean {
    return this.#sections.has(name);
  }

  /**
   * A numeric section as a typed array view whose bytes, for a block-checksummed pack, are read
   * in and checked only as {@link ensure} is called for them (call it before every read of bytes
   * not yet ensured); for any other pack, the whole section is checked now, as by {@link typed}.
   * For large tables of which a lookup reads a few entries (the ICD-10-CM hash table and titles).
   *
   * @example
   * ```ts
   * const hash = pack.view('hash', 'u32')
   * pack.ensure(pack.offsetOf('hash') + slot * 4, 4)
   * hash[slot]
   * ```
   */
  view<T extends Exclude<PackSectionType, 'utf8' | 'json'>>(name: string, type: T): TypedFor<T> {
    if (this.#blocks === undefined) return this.typed(name, type);
    const s = this.#lookupInfo(name, type);
    return this.#viewOf(s, type);
  }

  /**
   * The byte offset of a section in the pack, for {@link ensure}.
   *
   * @example
   * ```ts
   * pack.offsetOf('codes') // 1272
   * ```
   */
  offsetOf(name: string): number {
    const info = this.#sections.get(name);
    if (!info) throw new PackError('missing_section', this.#file, `no section ${name}`);
    return info.offset;
  }

  #lookupInfo(name: string, type: PackSectionType): PackSectionInfo {
    const info = this.#sections.get(name);
    if (!info) throw new PackError('missing_section', this.#file, `no section ${name}`);
    if (info.type !== type)
      throw new PackError('bad_header', this.#file, `section ${name} is ${info.type}, expected ${type}`);
    return info;
  }

  #info(name: string, type: PackSectionType): PackSectionInfo {
    const info = this.#lookupInfo(name, type);
    this.#verify(info);
    return info;
  }

  /**
   * A UTF-8 section as a string.
   *
   * @example
   * ```ts
   * pack.utf8('codes') // 'A00'
   * ```
   */
  utf8(name: string): string {
    const s = this.#info(name, 'utf8');
    return UTF8.decode(this.#buffer.subarray(s.offset, s.offset + s.byteLength));
  }

  /**
   * A JSON section, parsed. The caller validates its shape.
   *
   * @example
   * ```ts
   * const names = pack.json<string[]>('names')
   * ```
   */
  json<T = unknown>(name: string): T {
    const s = this.#info(name, 'json');
    try {
      return JSON.parse(UTF8.decode(this.#buffer.subarray(s.offset, s.offset + s.byteLength))) as T;
    } catch {
      throw new PackError('inconsistent', this.#file, `section ${name} is not valid JSON`);
    }
  }

  /**
   * A UTF-8 or JSON section's bytes, checked and not decoded: a view into the pack (shared memory
   * when the pack is), for a reader that decodes only the parts of a large section it needs.
   *
   * @example
   * ```ts
   * const text = pack.textBytes('notes') // Uint8Array of the JSON
   * ```
   */
  textBytes(name: string): Uint8Array {
    const info = this.#sections.get(name);
    const s = this.#info(name, info?.type === 'utf8' ? 'utf8' : 'json');
    return this.#buffer.subarray(s.offset, s.offset + s.byteLength);
  }

  /**
   * A UTF-8 or JSON section's bytes as a view whose bytes, for a block-checksummed pack, are read in
   * and checked only as {@link ensure} is called for them (call it, at the section's offset plus
   * the position, before every read of bytes not yet ensured); for any other pack, the whole
   * section is checked now, as by {@link textBytes}. For a large text of which a reader decodes a
   * few parts found through an index of its own (the ICD-10-CM notes of a claim's codes).
   *
   * @example
   * ```ts
   * const text = pack.textView('notes')
   * pack.ensure(pack.offsetOf('notes') + at, length) // then read text[at … at + length)
   * ```
   */
  textView(name: string): Uint8Array {
    const info = this.#sections.get(name);
    const type = info?.type === 'utf8' ? 'utf8' : 'json';
    if (this.#blocks === undefined) return this.textBytes(name);
    const s = this.#lookupInfo(name, type);
    return this.#buffer.subarray(s.offset, s.offset + s.byteLength);
  }

  /**
   * A numeric section as a typed array view (copied only if the buffer is misaligned).
   *
   * @example
   * ```ts
   * const flags = pack.typed('flags', 'u8') // Uint8Array
   * ```
   */
  typed<T extends Exclude<PackSectionType, 'utf8' | 'json'>>(name: string, type: T): TypedFor<T> {
    return this.#viewOf(this.#info(name, type), type);
  }

  #viewOf<T extends Exclude<PackSectionType, 'utf8' | 'json'>>(s: PackSectionInfo, type: T): TypedFor<T> {
    const size = ELEMENT_SIZE[type];
    let buf = this.#buffer.buffer as ArrayBuffer;
    let start = this.#buffer.byteOffset + s.offset;
    if (start % size !== 0) {
      // Only a pack handed over in memory at an odd offset: its bytes are all there to copy.
      const copy = new Uint8Array(s.byteLength);
      copy.set(this.#buffer.subarray(s.offset, s.offset + s.byteLength));
      buf = copy.buffer;
      start = 0;
    }
    const length = s.byteLength / size;
    const Ctor = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array }[
      type
    ];
    return new Ctor(buf, start, length) as TypedFor<T>;
  }

  /**
   * A `u32` section.
   *
   * @example
   * ```ts
   * const offsets = pack.u32('offsets')
   * ```
   */
  u32(name: string): Uint32Array {
    return this.typed(name, 'u32');
  }

  /**
   * Every section as a value, for tests that compare packs.
   *
   * @example
   * ```ts
   * [...pack.sections().keys()] // ['codes', …]
   * ```
   */
  sections(): ReadonlyMap<string, SectionValue> {
    const out = new Map<string, SectionValue>();
    for (const s of this.header.sections) {
      this.#verify(s);
      out.set(
        s.name,
        s.type === 'utf8' || s.type === 'json'
          ? UTF8.decode(this.#buffer.subarray(s.offset, s.offset + s.byteLength))
          : this.typed(s.name, s.type),
      );
    }
    return out;
  }
}
