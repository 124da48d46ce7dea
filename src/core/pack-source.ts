/**
 * Where code-set packs come from. Every code system, the rules and the CLI read their data through
 * a {@link PackSource}: the built-in `codesets/` folder (the default on Node), another folder
 * (`folderSource` from `medcode/node`), packs already in memory ({@link memorySource}), or packs
 * fetched ahead of time ({@link loadPacks}, e.g. from a CDN in a browser). A source is synchronous:
 * anything asynchronous happens once, up front, in `loadPacks`.
 *
 * Whatever the source, a pack is only used once it is tied to its edition's manifest: the file must
 * be listed there with its size and digest, its header must name the manifest's kind and edition,
 * and every section must match its CRC-32. Manifest faults (an id that is not its folder's,
 * effective dates running backwards, two editions of one system in force on the same day) are
 * refused for the whole system, with the same {@link PackError} on every retry.
 *
 * @module
 */
import { checkOptionsArgument, checkStringArgument, invalidArgument } from './arguments';
import { PackError } from './errors';
import { editionSeries, parseManifest } from './manifest';
import type { PackManifest } from './manifest';
import { PackReader, preparePackInflate } from './pack';
import { nodeBuiltin } from './runtime';
import { sha256Hex } from './sha256';

/**
 * A synchronous view of a `codesets/` tree: `<system>/<edition>/<file>`.
 *
 * @example
 * ```ts
 * const source: PackSource = memorySource({ 'mce/v37/manifest.json': manifestBytes, 'mce/v37/lists.pack': packBytes })
 * source.editions('mce') // ['v37']
 * ```
 */
export interface PackSource {
  /** Names the source in errors, e.g. a folder path or `memory`. */
  readonly name: string;
  /** The edition folders held for a system (e.g. `['fy2026', 'fy2027']`); empty when none. */
  editions(system: string): readonly string[];
  /** The bytes of `<system>/<edition>/<file>`, or `undefined` when the source does not hold it. */
  read(path: string): Uint8Array | undefined;
  /**
   * Optional, with {@link PackSource.readRange}: the size in bytes of a file, or `undefined` when
   * the source does not hold it. A source that has both lets a pack be read by ranges: its header
   * at open, then only the blocks a lookup touches (the folder source has them).
   */
  byteSize?(path: string): number | undefined;
  /** Optional: fills `into` with a file's bytes from byte `position`; returns how many it read. */
  readRange?(path: string, position: number, into: Uint8Array): number;
  /**
   * SHA-256 (hex) of bytes, when the runtime has a faster digest than medcode's JavaScript one
   * (the folder source passes Node's).
   */
  sha256?(bytes: Uint8Array): string;
}

/** Bytes as a source may hand them over. */
export type PackBytes = Uint8Array | ArrayBuffer;

/**
 * What the `packs` option of every system factory, `validateClaim` and the CLI accepts: a source,
 * or a folder path (Node only).
 *
 * @example
 * ```ts
 * const packs: PackSourceInput = '/srv/medcode/codesets'
 * ```
 */
export type PackSourceInput = PackSource | string;

/** The systems whose packs medcode reads, in the order `loadPacks` fetches them. */
export const PACK_SYSTEMS = [
  'icd10cm',
  'icd10pcs',
  'hcpcs',
  'pos',
  'ncci-mue',
  'ncci-aoc',
  'mce',
  'hcc',
  'pfs',
] as const;

/** A folder name of a system under `codesets/`. */
export type PackSystem = (typeof PACK_SYSTEMS)[number];

/** Edition folders are short ids (`fy2026`, `2026-jan`, `practitioner-2026q2`): nothing else is read. */
const EDITION_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** At most this many editions per system are read: a bound on work for any source. */
const MAX_EDITIONS = 256;

function toBytes(bytes: PackBytes): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/**
 * A source over packs held in memory, keyed by path under `codesets/`
 * (`icd10cm/fy2026/codes.pack`). Editions are the folders that hold a `manifest.json`.
 *
 * @example
 * ```ts
 * const packs = memorySource(new Map([['mce/v37/manifest.json', manifest], ['mce/v37/lists.pack', lists]]))
 * createIcd10CmSystem({ packs })
 * ```
 */
export function memorySource(
  files: ReadonlyMap<string, PackBytes> | Readonly<Record<string, PackBytes>>,
  options: { readonly name?: string; readonly sha256?: (bytes: Uint8Array) => string } = {},
): PackSource {
  if (files === null || typeof files !== 'object')
    throw invalidArgument('memorySource', 'files', 'a Map or record of paths to pack bytes', files);
  checkOptionsArgument('memorySource', options);
  const map = new Map<string, Uint8Array>();
  const entries = files instanceof Map ? files.entries() : Object.entries(files);
  for (const [path, bytes] of entries) map.set(path, toBytes(bytes));
  const bySystem = new Map<string, string[]>();
  for (const path of map.keys()) {
    const parts = path.split('/');
    if (parts.length !== 3 || parts[2] !== 'manifest.json') continue;
    const list = bySystem.get(parts[0]!) ?? [];
    list.push(parts[1]!);
    bySystem.set(parts[0]!, list);
  }
  return Object.freeze({
    name: options.name ?? 'memory',
    editions: (system: string) => Object.freeze([...(bySystem.get(system) ?? [])].sort()),
    read: (path: string) => map.get(path),
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
  });
}

/** The file-system calls a folder source needs (Node's `fs` has them). */
export interface FolderFileSystem {
  readFileSync(path: string): Uint8Array;
  readdirSync(path: string): string[];
  existsSync(path: string): boolean;
  /** With the three below, packs are read by ranges (only the blocks a lookup touches). */
  statSync?(path: string): { size: number; isDirectory?(): boolean };
  openSync?(path: string, flags: 'r'): number;
  readSync?(fd: number, into: Uint8Array, offset: number, length: number, position: number): number;
  closeSync?(fd: number): void;
}

/**
 * A source over a `codesets/` folder through the given file-system calls. `medcode/node`'s
 * `folderSource(dir)` passes Node's `fs`; this is the runtime-neutral part.
 *
 * @example
 * ```ts
 * import * as fs from 'node:fs'
 * const packs = folderSourceWith(fs, '/srv/medcode/codesets')
 * ```
 */
export function folderSourceWith(
  fs: FolderFileSystem,
  dir: string,
  sha256?: (bytes: Uint8Array) => string,
): PackSource {
  if (fs === null || typeof fs !== 'object' || typeof fs.readFileSync !== 'function')
    throw invalidArgument('folderSourceWith', 'fs', "file-system calls (Node's fs)", fs);
  checkStringArgument('folderSourceWith', 'dir', dir);
  const root = dir.replace(/[\\/]+$/, '');
  let folderChecked = false;
  return Object.freeze({
    name: root,
    editions(system: string) {
      // A folder the caller named that is not there is a wrong path, not a folder without this
      // system's packs: said once, loudly, rather than as "no edition in force" on every date.
      if (!fs.existsSync(root)) throw new PackError('missing', root, 'no such folder');
      // A file named where a folder of packs belongs (a manifest.json, a downloaded zip) is as
      // wrong as a missing folder: read as a folder it would hold no editions, without a word.
      // Checked once per source, not once per system: the default source is on every cold start.
      if (!folderChecked && fs.statSync && !isFolder(fs, root))
        throw new PackError(
          'missing',
          root,
          'not a folder: name the codesets folder that holds <system>/<edition>/',
        );
      folderChecked = true;
      const sys = `${root}/${system}`;
      if (!fs.existsSync(sys)) return [];
      return Object.freeze(
        fs
          .readdirSync(sys)
          .filter((name) => fs.existsSync(`${sys}/${name}/manifest.json`))
          .sort(),
      );
    },
    read(path: string) {
      const file = `${root}/${path}`;
      try {
        return fs.readFileSync(file);
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return undefined;
        throw new PackError('missing', file, error instanceof Error ? error.message : String(error));
      }
    },
    ...(sha256 ? { sha256 } : {}),
    ...rangeReading(fs, root),
  });
}

function isFolder(fs: FolderFileSystem, path: string): boolean {
  try {
    return fs.statSync!(path).isDirectory?.() ?? true;
  } catch {
    return true;
  }
}

/** `byteSize` and `readRange` over a folder, where the file-system calls allow them. */
function rangeReading(fs: FolderFileSystem, root: string): Pick<PackSource, 'byteSize' | 'readRange'> {
  if (!fs.statSync || !fs.openSync || !fs.readSync || !fs.closeSync) return {};
  const f = fs as Required<FolderFileSystem>;
  return {
    byteSize(path: string) {
      const file = `${root}/${path}`;
      try {
        return f.statSync(file).size;
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return undefined;
        throw new PackError('missing', file, error instanceof Error ? error.message : String(error));
      }
    },
    readRange(path: string, position: number, into: Uint8Array) {
      const file = `${root}/${path}`;
      try {
        // Opened per range: a process holds no descriptor between lookups, and a range is a block
        // read once (a few dozen on a first lookup).
        const fd = f.openSync(file, 'r');
        try {
          let read = 0;
          while (read < into.length) {
            const n = f.readSync(fd, into, read, into.length - read, position + read);
            if (n === 0) break;
            read += n;
          }
          return read;
        } finally {
          f.closeSync(fd);
        }
      } catch (error) {
        throw new PackError('missing', file, error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/**
 * Node's SHA-256, when running on Node.
 *
 * @example
 * ```ts
 * nodeSha256()?.(new TextEncoder().encode('abc')) // 'ba7816bf…' on Node, undefined elsewhere
 * ```
 */
export function nodeSha256(): ((bytes: Uint8Array) => string) | undefined {
  const crypto = nodeBuiltin<{
    createHash(a: string): { update(b: Uint8Array): { digest(e: 'hex'): string } };
  }>('node:crypto');
  return crypto ? (bytes) => crypto.createHash('sha256').update(bytes).digest('hex') : undefined;
}

/** What a `packs` argument must be, in the words of a refusal. */
export const PACK_SOURCE_INPUT =
  'a folder path or a PackSource { name, editions, read } (memorySource, loadPacks, folderSource)';

/**
 * Refuses by name (`MedcodeError`, `invalid_option` for `fn(argument)`) what cannot be a pack
 * source: a folder path or a {@link PackSource}. `undefined` passes (the built-in packs).
 *
 * @example
 * ```ts
 * checkPackSourceInput('createIcd10CmSystem', 'options.packs', 5) // throws MedcodeError
 * ```
 */
export function checkPackSourceInput(fn: string, argument: string, input: unknown): void {
  if (input !== undefined && typeof input !== 'string' && !isPackSource(input))
    throw invalidArgument(fn, argument, PACK_SOURCE_INPUT, input);
}

/**
 * The packs a code system's factory reads: its `packs` option, else its `codesetsDir`, else
 * `undefined` (the built-in packs). Each is refused by name when given and not a source
 * ({@link checkPackSourceInput}) or a folder path, and `extraCodesetsDirs` when not an array of
 * folder paths: a system reads its packs on first use, long after it is made, and a wrong option
 * is said where it was given.
 *
 * @example
 * ```ts
 * packSourceOption('createIcd10CmSystem', { codesetsDir: '/srv/codesets' }) // '/srv/codesets'
 * packSourceOption('createIcd10CmSystem', { codesetsDir: 5 }) // throws MedcodeError
 * ```
 */
export function packSourceOption(
  fn: string,
  options: { readonly packs?: unknown; readonly codesetsDir?: unknown; readonly extraCodesetsDirs?: unknown },
): PackSourceInput | undefined {
  checkPackSourceInput(fn, 'options.packs', options.packs);
  if (options.codesetsDir !== undefined) checkStringArgument(fn, 'options.codesetsDir', options.codesetsDir);
  // One folder given as a string would be read one character at a time, each "folder" missing.
  const extra = options.extraCodesetsDirs;
  if (extra !== undefined && (!Array.isArray(extra) || !extra.every((dir) => typeof dir === 'string')))
    throw invalidArgument(fn, 'options.extraCodesetsDirs', 'an array of folder paths (strings)', extra);
  return (options.packs as PackSource | string | undefined) ?? (options.codesetsDir as string | undefined);
}

/**
 * The source for a `packs` option: a source as is; a folder path as a folder source (Node only;
 * a new source each call, since a folder can gain editions).
 *
 * @example
 * ```ts
 * toPackSource('/srv/medcode/codesets').editions('icd10cm') // ['fy2026', 'fy2027']
 * ```
 */
export function toPackSource(input: PackSourceInput): PackSource {
  if (typeof input !== 'string') {
    // A source is read lazily, long after it is given: what cannot be one is refused here, by
    // name, rather than failing at the first lookup.
    checkPackSourceInput('toPackSource', 'packs', input);
    return input as PackSource;
  }
  // A fresh source per call: a folder's editions can change (an import writes a new quarter into
  // it), and a system made after that must see them. Each system keeps the source it was given, so
  // its packs are still read once; the built-in folder, which never changes, is shared.
  const fs = nodeBuiltin<FolderFileSystem>('node:fs');
  if (!fs)
    throw new PackError(
      'no_source',
      input,
      'a folder of packs needs Node; elsewhere pass `packs: await loadPacks(loader)` or `memorySource(files)`',
    );
  // Node's digest, looked up only when a whole file must be hashed (node:crypto costs load time).
  return folderSourceWith(fs, input, (bytes) => (nodeSha256() ?? sha256Hex)(bytes));
}

/**
 * Whether a value can serve as a pack source: an object with a `name` (text, which every error about
 * its packs quotes) and `read` and `editions` functions (what `memorySource`, `loadPacks` and
 * `folderSource` return).
 *
 * @example
 * ```ts
 * isPackSource(memorySource({})) // true
 * isPackSource('codesets')       // false (a folder path, which toPackSource turns into a source)
 * ```
 */
export function isPackSource(value: unknown): value is PackSource {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { read?: unknown }).read === 'function' &&
    typeof (value as { editions?: unknown }).editions === 'function'
  );
}

interface SourceState {
  readonly systems: Map<string, readonly PackManifest[] | PackError>;
  readonly packs: Map<string, PackReader | PackError>;
}

const states = new WeakMap<PackSource, SourceState>();

function stateOf(source: PackSource): SourceState {
  let s = states.get(source);
  if (!s) {
    s = { systems: new Map(), packs: new Map() };
    states.set(source, s);
  }
  return s;
}

function asPackError(error: unknown, file: string): PackError {
  return error instanceof PackError
    ? error
    : new PackError('inconsistent', file, error instanceof Error ? error.message : String(error));
}

const UTF8 = new TextDecoder('utf-8');

/**
 * The manifests of a system's editions in a source, ordered by effective date, checked against
 * their folders and one another. Throws the same {@link PackError} on every call when a manifest is
 * damaged, names another edition than its folder, or overlaps another edition; a system with no
 * editions gives an empty list.
 *
 * @example
 * ```ts
 * systemManifests(toPackSource(builtInCodesetsDir()), 'hcpcs').map((m) => m.edition.id) // ['2026-jan', '2026-jul']
 * ```
 */
export function systemManifests(source: PackSource, system: string): readonly PackManifest[] {
  const state = stateOf(source);
  let hit = state.systems.get(system);
  if (hit === undefined) {
    try {
      hit = readSystem(source, system);
    } catch (error) {
      hit = asPackError(error, `${source.name}/${system}`);
    }
    state.systems.set(system, hit);
  }
  if (hit instanceof PackError) throw hit;
  return hit;
}

function readSystem(source: PackSource, system: string): readonly PackManifest[] {
  const ids = source.editions(system);
  if (ids.length > MAX_EDITIONS)
    throw new PackError(
      'manifest_fault',
      `${source.name}/${system}`,
      `${ids.length} editions, more than the ${MAX_EDITIONS} medcode reads`,
    );
  const manifests: { m: PackManifest; file: string }[] = [];
  for (const id of ids) {
    const file = `${system}/${id}/manifest.json`;
    const where = `${source.name}/${file}`;
    if (!EDITION_ID.test(id)) throw new PackError('manifest_fault', where, `"${id}" is not an edition id`);
    const bytes = source.read(file);
    if (bytes === undefined) throw new PackError('missing', where, 'no manifest.json');
    const m = parseManifest(UTF8.decode(bytes), where);
    if (m.edition.id !== id)
      throw new PackError('manifest_fault', where, `names edition ${m.edition.id}, but sits in folder ${id}`);
    if (m.system !== system || m.edition.system !== system)
      throw new PackError('manifest_fault', where, `describes ${m.system}, but sits in the ${system} folder`);
    manifests.push({ m, file: where });
  }
  manifests.sort((a, b) =>
    a.m.edition.effectiveFrom < b.m.edition.effectiveFrom
      ? -1
      : a.m.edition.effectiveFrom > b.m.edition.effectiveFrom
        ? 1
        : 0,
  );
  // One edition per day of service and series (the MUE settings are separate series: see
  // editionSeries): a date must select exactly one code set.
  const seriesOf = (x: { m: PackManifest }) => editionSeries(system, x.m.edition.id);
  for (let i = 1; i < manifests.length; i++) {
    const b = manifests[i]!;
    const a = manifests
      .slice(0, i)
      .reverse()
      .find((x) => seriesOf(x) === seriesOf(b));
    if (!a) continue;
    if (a.m.edition.effectiveTo === null || a.m.edition.effectiveTo >= b.m.edition.effectiveFrom)
      throw new PackError(
        'manifest_fault',
        b.file,
        `edition ${b.m.edition.id} (from ${b.m.edition.effectiveFrom}) overlaps edition ${a.m.edition.id} (${a.m.edition.effectiveFrom} to ${a.m.edition.effectiveTo ?? 'open'})`,
      );
  }
  return Object.freeze(manifests.map((x) => x.m));
}

/**
 * The manifest of one edition of a system in a source. Throws {@link PackError} when the system's
 * manifests are faulty or the edition is not held.
 *
 * @example
 * ```ts
 * editionManifest(toPackSource(builtInCodesetsDir()), 'mce', 'v37').counts
 * ```
 */
export function editionManifest(source: PackSource, system: string, edition: string): PackManifest {
  const m = systemManifests(source, system).find((x) => x.edition.id === edition);
  if (!m)
    throw new PackError('missing', `${source.name}/${system}/${edition}/manifest.json`, 'no such edition');
  return m;
}

/**
 * Opens one pack of an edition, tied to the edition's manifest: listed there, of the recorded
 * size and digest, holding the expected kind and edition, every section matching its CRC-32.
 * Read once per source; a refusal is the same {@link PackError} (naming the file) on every call.
 *
 * @example
 * ```ts
 * openPack(toPackSource(builtInCodesetsDir()), 'icd10cm', 'fy2026', 'codes.pack', 'icd10cm/codes').utf8('meta')
 * ```
 */
export function openPack(
  source: PackSource,
  system: string,
  edition: string,
  file: string,
  kind: string,
): PackReader {
  const path = `${system}/${edition}/${file}`;
  const state = stateOf(source);
  let hit = state.packs.get(path);
  if (hit === undefined) {
    try {
      hit = verifiedPack(source, system, edition, file, kind);
    } catch (error) {
      hit = asPackError(error, `${source.name}/${path}`);
    }
    state.packs.set(path, hit);
  }
  if (hit instanceof PackError) throw hit;
  return hit;
}

function verifiedPack(
  source: PackSource,
  system: string,
  edition: string,
  file: string,
  kind: string,
): PackReader {
  const byRanges = packByRanges(source, system, edition, file, kind);
  if (byRanges !== undefined) return byRanges;
  const bytes = verifiedPackBytes(source, system, edition, file);
  return PackReader.fromBuffer(bytes, `${source.name}/${system}/${edition}/${file}`, kind, edition);
}

/**
 * A pack opened by ranges, when the source can read ranges and the manifest records the pack's
 * header digest: size and header checked against the manifest now, every other byte checked when
 * it is first read (the header carries the checksums of the sections and blocks, so the manifest's
 * header digest binds them all). `undefined` when the pack must be read whole.
 */
function packByRanges(
  source: PackSource,
  system: string,
  edition: string,
  file: string,
  kind: string,
): PackReader | undefined {
  const { byteSize, readRange } = source;
  if (byteSize === undefined || readRange === undefined) return undefined;
  const path = `${system}/${edition}/${file}`;
  const where = `${source.name}/${path}`;
  const entry = editionManifest(source, system, edition).files.find((f) => f.file === file);
  if (!entry?.headerSha256) return undefined;
  const size = byteSize.call(source, path);
  if (size === undefined) throw new PackError('missing', where, 'the source does not hold it');
  if (size !== entry.bytes)
    throw new PackError(
      size < entry.bytes ? 'truncated' : 'digest_mismatch',
      where,
      `${size} bytes, the manifest records ${entry.bytes}`,
    );
  return PackReader.fromRanges(
    size,
    (position, into) => readRange.call(source, path, position, into),
    where,
    kind,
    edition,
    (header) => {
      // A header is a few kilobytes: the JavaScript digest is microseconds and loads no module.
      if (sha256Hex(header) !== entry.headerSha256)
        throw new PackError(
          'digest_mismatch',
          where,
          'its header does not match the manifest (another build?)',
        );
    },
  );
}

/**
 * The bytes of one pack of an edition, after the manifest checks of {@link openPack} (listed, size,
 * digest), for decoders that open the pack themselves. Not cached: call it once per pack.
 *
 * @example
 * ```ts
 * decodeRvuPack(verifiedPackBytes(toPackSource(dir), 'pfs', '2026-jul', 'rvu.pack'))
 * ```
 */
export function verifiedPackBytes(
  source: PackSource,
  system: string,
  edition: string,
  file: string,
): Uint8Array {
  const path = `${system}/${edition}/${file}`;
  const where = `${source.name}/${path}`;
  const manifest = editionManifest(source, system, edition);
  const entry = manifest.files.find((f) => f.file === file);
  if (!entry) throw new PackError('digest_mismatch', where, `not listed in ${edition}'s manifest`);
  const bytes = source.read(path);
  if (bytes === undefined) throw new PackError('missing', where, 'the source does not hold it');
  if (bytes.length !== entry.bytes)
    throw new PackError(
      bytes.length < entry.bytes ? 'truncated' : 'digest_mismatch',
      where,
      `${bytes.length} bytes, the manifest records ${entry.bytes}`,
    );
  if (entry.headerSha256 !== undefined) {
    // A header is a few kilobytes: the JavaScript digest is microseconds and loads no module.
    const actual = sha256Hex(packHeaderBytes(bytes, where));
    if (actual !== entry.headerSha256)
      throw new PackError(
        'digest_mismatch',
        where,
        'its header does not match the manifest (another build?)',
      );
  } else if ((source.sha256 ?? nodeSha256() ?? sha256Hex)(bytes) !== entry.sha256) {
    throw new PackError('digest_mismatch', where, 'its SHA-256 does not match the manifest');
  }
  return bytes;
}

/**
 * The bytes a manifest's `headerSha256` covers: magic, header length and header JSON.
 *
 * @example
 * ```ts
 * sha256Hex(packHeaderBytes(bytes, 'codes.pack')) === manifest.files[0].headerSha256
 * ```
 */
export function packHeaderBytes(bytes: Uint8Array, file: string): Uint8Array {
  if (bytes.length < 12) throw new PackError('truncated', file, 'shorter than a pack header');
  const length = new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(8, true);
  if (12 + length > bytes.length)
    throw new PackError('truncated', file, `header needs ${12 + length} bytes, file has ${bytes.length}`);
  return bytes.subarray(0, 12 + length);
}

/**
 * Fetches one file of a `codesets/` tree, by path (`icd10cm/fy2026/codes.pack`); `undefined` when
 * it does not exist.
 */
export type PackLoader = (path: string) => Promise<PackBytes | undefined>;

/**
 * A loader over HTTP(S): `fetch(new URL(path, baseUrl))`; a 404 is "not held".
 *
 * @example
 * ```ts
 * const packs = await loadPacks(fetchPackLoader('https://cdn.example.com/medcode/codesets/'), { systems: ['icd10cm'] })
 * ```
 */
export function fetchPackLoader(baseUrl: string | URL, init?: RequestInit): PackLoader {
  const text = typeof baseUrl === 'string' ? baseUrl : baseUrl instanceof URL ? baseUrl.href : undefined;
  const base = text === undefined ? undefined : absoluteUrl(text.endsWith('/') ? text : `${text}/`);
  if (base === undefined)
    throw invalidArgument('fetchPackLoader', 'baseUrl', 'an absolute URL (string or URL)', baseUrl);
  return async (path) => {
    const response = await fetch(new URL(path, base), init);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new PackError('missing', new URL(path, base).href, `HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** The URL, or undefined when the text is not an absolute URL (`URL.canParse` is missing in older browsers). */
function absoluteUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Options of {@link loadPacks}.
 *
 * @example
 * ```ts
 * const options: LoadPacksOptions = { systems: ['icd10cm', 'hcpcs'], skipFiles: ['search.pack'] }
 * ```
 */
export interface LoadPacksOptions {
  /** Systems to fetch; default: all of {@link PACK_SYSTEMS} listed in the index. */
  readonly systems?: readonly string[];
  /**
   * Edition ids per system; default: read from `index.json` at the root of the tree
   * (`{ "icd10cm": ["fy2026", "fy2027"], … }`, written by `writePackIndex` of `medcode/node`).
   */
  readonly editions?: Readonly<Record<string, readonly string[]>>;
  /** Pack file names not to fetch (e.g. `search.pack` when only lookups are needed). */
  readonly skipFiles?: readonly string[];
}

/**
 * Fetches the manifests and packs of some systems, checks every pack's SHA-256 against its
 * manifest (with Web Crypto where the runtime has it), and returns a synchronous source over them.
 * This is the one asynchronous step: systems created over the result answer synchronously. A pack
 * whose SHA-256 is not its manifest's rejects the promise with a {@link PackError}
 * (`digest_mismatch`) naming the pack, whatever else the manifest records (`headerSha256`).
 *
 * @example
 * ```ts
 * const packs = await loadPacks(fetchPackLoader('/codesets/'), { systems: ['icd10cm', 'hcpcs', 'icd10pcs'], skipFiles: ['search.pack'] })
 * validateClaim(claim, { packs }).status // 'passed'
 * ```
 */
export async function loadPacks(loader: PackLoader, options: LoadPacksOptions = {}): Promise<PackSource> {
  if (typeof loader !== 'function')
    throw invalidArgument(
      'loadPacks',
      'loader',
      'a function from a path to its bytes (fetchPackLoader)',
      loader,
    );
  checkOptionsArgument('loadPacks', options);
  let editions = options.editions;
  if (!editions) {
    const index = await loader('index.json');
    if (index === undefined)
      throw new PackError('missing', 'index.json', 'no index.json: pass `editions` to loadPacks');
    let parsed: unknown;
    try {
      parsed = JSON.parse(UTF8.decode(toBytes(index)));
    } catch {
      throw new PackError('bad_header', 'index.json', 'not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new PackError(
        'bad_header',
        'index.json',
        'not an object of edition ids per system ({ "icd10cm": ["fy2026", …] })',
      );
    editions = parsed as Record<string, readonly string[]>;
  }
  const systems = options.systems ?? PACK_SYSTEMS.filter((s) => Object.hasOwn(editions!, s));
  const skip = new Set(options.skipFiles ?? []);
  const files = new Map<string, Uint8Array>();
  const verified = new Map<Uint8Array, string>();
  for (const system of systems) {
    const ids = Object.hasOwn(editions, system) ? editions[system] : undefined;
    if (!Array.isArray(ids)) continue;
    for (const id of ids.slice(0, MAX_EDITIONS)) {
      if (typeof id !== 'string' || !EDITION_ID.test(id)) continue;
      const manifestPath = `${system}/${id}/manifest.json`;
      const raw = await loader(manifestPath);
      if (raw === undefined) throw new PackError('missing', manifestPath, 'not found');
      const manifestBytes = toBytes(raw);
      files.set(manifestPath, manifestBytes);
      const manifest = parseManifest(UTF8.decode(manifestBytes), manifestPath);
      await Promise.all(
        manifest.files
          .filter((f) => f.file.endsWith('.pack') && !skip.has(f.file))
          .map(async (f) => {
            const path = `${system}/${id}/${f.file}`;
            const got = await loader(path);
            if (got === undefined) return;
            const bytes = toBytes(got);
            // The whole file against the manifest, computed natively off the main thread where
            // possible. A manifest's header digest only binds the section CRC-32s, and a CRC-32
            // can be forged (a changed MUE value with a few compensating bytes keeps it): bytes
            // fetched from elsewhere are trusted only once their SHA-256 is the manifest's.
            const digest = (await webSha256(bytes)) ?? (nodeSha256() ?? sha256Hex)(bytes);
            if (digest !== f.sha256)
              throw new PackError(
                'digest_mismatch',
                path,
                `its SHA-256 (${digest}) does not match the manifest's (${f.sha256})`,
              );
            files.set(path, bytes);
            verified.set(bytes, digest);
          }),
      );
    }
  }
  // Search packs are DEFLATE-compressed: where there is no native decoder, load the portable one
  // now, in the one asynchronous step, so that a later search stays synchronous.
  if ([...files.keys()].some((path) => path.endsWith('/search.pack'))) await preparePackInflate();
  return memorySource(files, {
    name: 'loadPacks',
    sha256: (bytes) => verified.get(bytes) ?? sha256Hex(bytes),
  });
}

async function webSha256(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = (
    globalThis as { crypto?: { subtle?: { digest(a: string, b: Uint8Array): Promise<ArrayBuffer> } } }
  ).crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

let builtIn: PackSource | PackError | undefined;

/**
 * The default source: the `codesets/` folder shipped with medcode, when running on Node from the
 * installed package. Elsewhere (a browser, a bundle) it throws a {@link PackError} (`no_source`)
 * that says how to pass packs.
 *
 * @example
 * ```ts
 * defaultPackSource().editions('icd10cm') // ['fy2026', 'fy2027']
 * ```
 */
export function defaultPackSource(): PackSource {
  if (builtIn === undefined) {
    try {
      builtIn = toPackSource(findBuiltInCodesetsDir());
    } catch (error) {
      builtIn = asPackError(error, 'codesets');
    }
  }
  if (builtIn instanceof PackError) throw builtIn;
  return builtIn;
}

/**
 * Finds the package's `codesets/` folder by walking up from this module (which sits in `src/core`
 * in a checkout and in `dist/` when installed) to the folder whose package.json is medcode's.
 *
 * @example
 * ```ts
 * findBuiltInCodesetsDir() // '/app/node_modules/medcode/codesets'
 * ```
 */
export function findBuiltInCodesetsDir(): string {
  const fs = nodeBuiltin<{ existsSync(p: string): boolean; readFileSync(p: string, e: 'utf8'): string }>(
    'node:fs',
  );
  const path = nodeBuiltin<{ dirname(p: string): string; join(...p: string[]): string }>('node:path');
  const url = nodeBuiltin<{ fileURLToPath(u: string): string }>('node:url');
  const NO_FOLDER =
    'no built-in codesets/ folder in this runtime (a browser, a worker or a bundle): pass `packs` (folderSource(dir) from medcode/node, memorySource(files) or await loadPacks(loader))';
  if (!fs || !path || !url || !import.meta.url?.startsWith('file:'))
    throw new PackError('no_source', 'codesets', NO_FOLDER);
  let dir = path.dirname(url.fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'codesets'))) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'medcode')
          return path.join(dir, 'codesets');
      } catch {
        // not our package.json; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new PackError('no_source', 'codesets', NO_FOLDER);
}
