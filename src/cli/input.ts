/**
 * Reading claims from a file for `validate` and `convert`: claim JSON (one claim or an array),
 * a FHIR R4 Claim (or a Bundle / array of them), or an X12 837P interchange, told apart by content.
 *
 * @module
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromFhirClaim } from '../claims/fhir';
import { parseClaim } from '../claims/parse';
import { parseX12837PStream } from '../claims/x12/parse';
import type { Claim, X12ReadItem } from '../claims/index';
import type { FhirBundle } from '../claims/fhir-types';
import { malformedJsonIssue } from '../claims/internal';
import type { MedcodeIssue } from '../core/issues';
import { CliError, EXIT_USAGE } from './io';
import type { CliStream } from './io';
import { createProgressBar } from './progress';
import { claimFileItemOfX12 } from './claim-lines';
import { X12TransactionSplitter } from '../claims/x12/transactions';
import type { X12Piece } from '../claims/x12/transactions';

/**
 * The formats `validate` and `convert` read.
 *
 * @example
 * ```ts
 * const format: ClaimFileFormat = 'x12'
 * ```
 */
export type ClaimFileFormat = 'claim-json' | 'fhir' | 'x12';

/**
 * One item read from a claim file, in file order.
 *
 * @example
 * ```ts
 * if (item.kind === 'unreadable') for (const i of item.issues) console.error(`${item.label}: ${i.message}`)
 * ```
 */
export type ClaimFileItem =
  /** A claim read whole; `issues` are warnings from reading (e.g. 837P values dropped). */
  | {
      readonly kind: 'claim';
      readonly label: string;
      readonly format: ClaimFileFormat;
      readonly claim: Claim;
      readonly issues: readonly MedcodeIssue[];
    }
  /** Something that should have been a claim but could not be read whole. */
  | {
      readonly kind: 'unreadable';
      readonly label: string;
      readonly format: ClaimFileFormat;
      readonly issues: readonly MedcodeIssue[];
    }
  /** A problem of the file itself (malformed JSON, a broken 837 envelope). */
  | { readonly kind: 'file-issue'; readonly format: ClaimFileFormat; readonly issue: MedcodeIssue };

/** Files from this size on get a progress bar (when stderr is a terminal). */
const PROGRESS_FROM_BYTES = 4 << 20;

/**
 * The size in bytes of a claim file named on the command line, or a usage error (exit 2) naming it
 * when it is missing, unreadable or a directory. Commands that read several files check them all
 * with it before printing anything, so a mistyped last file never cuts the first files' output.
 *
 * @example
 * ```ts
 * claimFileSize('examples/clean-office-visit.json', process.cwd()) // the file's size
 * claimFileSize('nope.json', process.cwd()) // throws CliError: cannot read nope.json: no such file
 * ```
 */
export function claimFileSize(file: string, cwd: string): number {
  try {
    const st = statSync(resolve(cwd, file));
    if (st.isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`, EXIT_USAGE);
    return st.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`, EXIT_USAGE);
  }
}

/**
 * Reads every claim of a file. A missing or unreadable file is a usage error (one line, exit 2);
 * everything wrong inside the file comes back as items with issues, never a throw.
 *
 * @example
 * ```ts
 * for await (const item of readClaimFile('examples/clean-office-visit.json', process.cwd())) {
 *   if (item.kind === 'claim') console.log(item.claim.claimId)
 * }
 * ```
 */
export async function* readClaimFile(
  file: string,
  cwd: string,
  progress?: CliStream,
  stdin?: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<ClaimFileItem, void, undefined> {
  if (file === '-') {
    // Standard input is read whole (it cannot be reopened to sniff its start), then told apart
    // like a file. Pipe large 837 files by name instead, which streams them.
    if (!stdin) throw new CliError('standard input is not available', EXIT_USAGE);
    const decoder = new TextDecoder('utf-8');
    let text = '';
    for await (const chunk of stdin)
      text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    text = (text + decoder.decode()).replace(/^\uFEFF/, '');
    if (/^\s*ISA/.test(text)) yield* readX12Items(parseX12837PStream([text]));
    else yield* readJson(text);
    return;
  }
  const path = resolve(cwd, file);
  const size = claimFileSize(file, cwd);
  if (looksLikeX12(path)) {
    yield* readX12(path, file, size, progress);
    return;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`, EXIT_USAGE);
  }
  yield* readJson(text.replace(/^\uFEFF/, ''));
}

/** An 837 starts with `ISA` (after white space or a byte-order mark). */
function looksLikeX12(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(256);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\uFEFF?\s*ISA/.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function* readJson(text: string): Generator<ClaimFileItem, void, undefined> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    // The file's own syntax error, with its position: a file of many claims may be far larger
    // than one claim's text may be, so it is not handed to parseClaim (which would refuse the size).
    yield { kind: 'file-issue', format: 'claim-json', issue: malformedJsonIssue(error) };
    return;
  }
  // A Bundle as a FHIR server returns it holds the Claims and the Patient, Coverage and Organization
  // resources they refer to: the Claims are the claims, and each is read against the whole Bundle.
  const bundle = isBundle(value) ? value : undefined;
  const resources = bundle ? bundleResources(bundle) : [];
  const claimsInBundle = resources.filter(isFhirClaim);
  const items: unknown[] = Array.isArray(value)
    ? value
    : bundle
      ? claimsInBundle.length > 0
        ? claimsInBundle
        : resources
      : [value];
  let index = 0;
  for (const item of items) {
    index++;
    const fhir = isFhirClaim(item);
    const r = fhir
      ? fromFhirClaim(item, bundle ? { bundle: bundle as FhirBundle } : undefined)
      : parseClaim(item);
    const format: ClaimFileFormat = fhir ? 'fhir' : 'claim-json';
    const id = claimIdOf(item, fhir);
    const label = items.length > 1 ? `#${index}${id ? ` ${id}` : ''}` : (id ?? `#${index}`);
    if (r.ok) yield { kind: 'claim', label: r.value.claimId, format, claim: r.value, issues: [] };
    else yield { kind: 'unreadable', label, format, issues: r.issues };
  }
}

/** An 837P file's bytes as they stream in, with a progress bar on a terminal for large files. */
interface X12FileRead {
  readonly chunks: AsyncIterable<Uint8Array>;
  /** Stops reading and ends the progress bar with `summary`. */
  close(summary: (bytesRead: number) => string): void;
}

function readX12File(path: string, file: string, size: number, progress?: CliStream): X12FileRead {
  const bar =
    progress && size >= PROGRESS_FROM_BYTES
      ? createProgressBar(`reading ${file}`, progress as NodeJS.WriteStream)
      : undefined;
  let done = 0;
  const stream = createReadStream(path);
  async function* counted(): AsyncGenerator<Uint8Array, void, undefined> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      done += chunk.length;
      bar?.update({ done, total: size, unit: 'bytes' });
      yield chunk;
    }
  }
  return {
    chunks: counted(),
    close(summary) {
      stream.destroy();
      bar?.finish(summary(done));
    },
  };
}

async function* readX12(
  path: string,
  file: string,
  size: number,
  progress?: CliStream,
): AsyncGenerator<ClaimFileItem, void, undefined> {
  const read = readX12File(path, file, size, progress);
  let claims = 0;
  try {
    for await (const item of readX12Items(parseX12837PStream(read.chunks))) {
      if (item.kind === 'claim') claims++;
      yield item;
    }
  } finally {
    read.close(() => `${claims.toLocaleString('en-US')} claims read`);
  }
}

async function* readX12Items(
  items: AsyncIterable<X12ReadItem>,
): AsyncGenerator<ClaimFileItem, void, undefined> {
  for await (const read of items) {
    const item = claimFileItemOfX12(read);
    if (item !== undefined) yield item;
  }
}

/**
 * Whether a file named on the command line is an 837P (it starts with `ISA`), read by name:
 * `false` for standard input and for a file that cannot be read (reading it says why).
 *
 * @example
 * ```ts
 * isX12File('batch.837', io.cwd) // true
 * ```
 */
export function isX12File(file: string, cwd: string): boolean {
  if (file === '-') return false;
  const path = resolve(cwd, file);
  try {
    if (!statSync(path).isFile()) return false;
  } catch {
    return false;
  }
  return looksLikeX12(path);
}

/**
 * An 837P file cut into its transaction sets as it streams in (claims/x12/transactions): the
 * pieces for `validate --workers` to read on worker threads, the rest read here. A file that stops
 * being readable part way is read as far as it went, as {@link readClaimFile} reads it.
 *
 * @example
 * ```ts
 * for await (const piece of readX12Pieces('batch.837', io.cwd)) console.log(piece.kind)
 * ```
 */
export async function* readX12Pieces(
  file: string,
  cwd: string,
  progress?: CliStream,
): AsyncGenerator<X12Piece, void, undefined> {
  const path = resolve(cwd, file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}`, EXIT_USAGE);
  }
  const read = readX12File(path, file, size, progress);
  const splitter = new X12TransactionSplitter();
  try {
    for await (const chunk of read.chunks) yield* splitter.push(chunk);
  } catch {
    // A failing source is a truncated input, as parseX12837PStream reads it: the reader reports it.
  } finally {
    read.close((done) => `${done.toLocaleString('en-US')} bytes read`);
  }
  yield* splitter.end();
}

function isFhirClaim(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    (v as { resourceType?: unknown }).resourceType === 'Claim'
  );
}

function isBundle(v: unknown): v is { entry?: unknown } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    (v as { resourceType?: unknown }).resourceType === 'Bundle'
  );
}

function bundleResources(bundle: { entry?: unknown }): unknown[] {
  return Array.isArray(bundle.entry)
    ? bundle.entry.map((e: unknown) =>
        typeof e === 'object' && e !== null ? (e as { resource?: unknown }).resource : e,
      )
    : [];
}

function claimIdOf(v: unknown, fhir: boolean): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const id = fhir ? (v as { id?: unknown }).id : (v as { claimId?: unknown }).claimId;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}

/**
 * Each named file resolved against the working directory, checked to exist and not be a folder: a
 * file that is not there is a usage error (exit 2), said before any work starts.
 *
 * @example
 * ```ts
 * existingFiles(['ccipra-v322r0-f1.zip'], io.cwd) // ['/abs/ccipra-v322r0-f1.zip']
 * ```
 */
export function existingFiles(names: readonly string[], cwd: string): string[] {
  return names.map((name) => {
    const full = resolve(cwd, name);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(full).isDirectory();
    } catch (error) {
      throw new CliError(`cannot read ${name}: ${describeFsError(error)}`, EXIT_USAGE);
    }
    if (isDirectory) throw new CliError(`cannot read ${name}: it is a directory`, EXIT_USAGE);
    return full;
  });
}

/**
 * A file-system error in a few words (`no such file`, `permission denied`).
 *
 * @example
 * ```ts
 * describeFsError(Object.assign(new Error(), { code: 'ENOENT' })) // 'no such file'
 * ```
 */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    default:
      return code ?? (error instanceof Error ? (error.message.split('\n')[0] ?? 'unreadable') : 'unreadable');
  }
}
