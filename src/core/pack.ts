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
}

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
 * CRC-32 (IEEE) of a byte range. Uses zlib's native implementation where Node has it (20.15+),
 * else a table-driven fallback.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')) // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array): number {
  const native = nodeBuiltin<{ crc32?: (data: Uint8Array, value?: number) => number }>('node:zlib')?.crc32;
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

/** A raw-DEFLATE decoder: bytes in, bytes out. */
type RawInflate = (bytes: Uint8Array) => Uint8Array;

/** Node's native raw inflate where the runtime is Node (several times faster than JavaScript). */
function nativeInflate(): RawInflate | undefined {
  const zlib = nodeBuiltin<{ inflateRawSync(b: Uint8Array): Uint8Array }>('node:zlib');
  return zlib ? (bytes) => zlib.inflateRawSync(bytes) : undefined;
}

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
  portableInflate = inflateSync;
}

/**
 * Decodes a raw-DEFLATE pack section: Node's zlib where there is one, else the fflate decoder that
 * {@link preparePackInflate} loaded. Throws {@link PackError} (`missing`, naming `file`) when neither
 * is available, so a search in a browser fails with what to do rather than a TypeError.
 *
 * @example
 * ```ts
 * inflatePackSection(pack.typed('docs', 'u8'), 'icd10cm/fy2026/search.pack')
 * ```
 */
export function inflatePackSection(bytes: Uint8Array, file: string): Uint8Array {
  const decode = nativeInflate() ?? portableInflate;
  if (decode === undefined)
    throw new PackError(
      'missing',
      file,
      'no DEFLATE decoder in this runtime yet: `await preparePackInflate()` (loadPacks does it) before the first search',
    );
  return decode(bytes);
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

  #add(name: string, type: PackSectionType, bytes: Uint8Array, count: number): this {
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
    // The header's offsets depend on the header's length; iterate until the length settles.
    let headerLength = 0;
    for (;;) {
      let offset = align8(12 + headerLength);
      const infos: PackSectionInfo[] = this.#sections.map((s) => {
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
      this.#sections.forEach((s, i) => {
        out.set(s.bytes, infos[i]!.offset);
      });
      return out;
    }
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * Reads a pack, verifying magic, format, size and section table at open, and each section's
 * CRC-32 on its first read.
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
  /** Sections whose CRC-32 has been checked. */
  readonly #verified = new Set<string>();

  private constructor(buffer: Uint8Array, file: string, header: PackHeader) {
    this.#buffer = buffer;
    this.#file = file;
    this.header = header;
    this.#sections = new Map(header.sections.map((s) => [s.name, s]));
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
    if (buffer.length < 12 || MAGIC.some((b, i) => buffer[i] !== b)) {
      throw new PackError('bad_magic', file, 'not a medcode pack (bad magic bytes)');
    }
    const headerLength = new DataView(buffer.buffer, buffer.byteOffset, 12).getUint32(8, true);
    if (12 + headerLength > buffer.length)
      throw new PackError(
        'truncated',
        file,
        `header needs ${12 + headerLength} bytes, file has ${buffer.length}`,
      );
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
    if (header.totalBytes !== buffer.length) {
      throw new PackError(
        buffer.length < header.totalBytes ? 'truncated' : 'inconsistent',
        file,
        `header says ${header.totalBytes} bytes, file has ${buffer.length}`,
      );
    }
    for (const s of header.sections) {
      if (
        typeof s !== 'object' ||
        s === null ||
        !Number.isSafeInteger(s.offset) ||
        !Number.isSafeInteger(s.byteLength) ||
        s.offset < 0 ||
        s.byteLength < 0 ||
        !Object.hasOwn(ELEMENT_SIZE, s.type) ||
        s.byteLength % ELEMENT_SIZE[s.type as PackSectionType] !== 0
      )
        throw new PackError('bad_header', file, 'a section entry has no valid offset, length or type');
      if (s.offset + s.byteLength > buffer.length)
        throw new PackError('truncated', file, `section ${s.name} runs past the end`);
    }
    return new PackReader(buffer, file, header);
  }

  /**
   * Checks a section's CRC-32 the first time it is read. A section never read (the search terms of
   * a process that only looks codes up) costs nothing, and no byte reaches a caller unchecked.
   */
  #verify(s: PackSectionInfo): void {
    if (this.#verified.has(s.name)) return;
    const actual = crc32(this.#buffer.subarray(s.offset, s.offset + s.byteLength));
    if (actual !== s.crc32)
      throw new PackError(
        'checksum_mismatch',
        this.#file,
        `section ${s.name} is corrupted (CRC-32 ${actual.toString(16)} ≠ ${s.crc32.toString(16)})`,
      );
    this.#verified.add(s.name);
  }

  /**
   * Checks every section's CRC-32 now (sections are otherwise checked on first read), throwing
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

  #info(name: string, type: PackSectionType): PackSectionInfo {
    const info = this.#sections.get(name);
    if (!info) throw new PackError('missing_section', this.#file, `no section ${name}`);
    if (info.type !== type)
      throw new PackError('bad_header', this.#file, `section ${name} is ${info.type}, expected ${type}`);
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
   * A numeric section as a typed array view (copied only if the buffer is misaligned).
   *
   * @example
   * ```ts
   * const flags = pack.typed('flags', 'u8') // Uint8Array
   * ```
   */
  typed<T extends Exclude<PackSectionType, 'utf8' | 'json'>>(name: string, type: T): TypedFor<T> {
    const s = this.#info(name, type);
    const size = ELEMENT_SIZE[type];
    let buf = this.#buffer.buffer as ArrayBuffer;
    let start = this.#buffer.byteOffset + s.offset;
    if (start % size !== 0) {
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
