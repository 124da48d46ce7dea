/**
 * What every CLI command shares: where output goes, the error type that becomes one line on stderr
 * and an exit code, and `parseArgs` with usage errors.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { lineGroupEnd } from '../core/line-groups';

/**
 * Success. Exit codes: 0 success; 1 the input has errors; 2 usage; 3 data cannot be loaded; 4 some
 * claim could not be checked (no code set for its date); 70 bug.
 *
 * @example
 * ```ts
 * process.exitCode = errors > 0 ? EXIT_INPUT_ERRORS : EXIT_OK
 * ```
 */
export const EXIT_OK = 0;
/**
 * The input was read and has errors (invalid codes, claims with error edits, claims that cannot be read).
 *
 * @example
 * ```ts
 * return validation.ok ? EXIT_OK : EXIT_INPUT_ERRORS
 * ```
 */
export const EXIT_INPUT_ERRORS = 1;
/**
 * The command line itself is wrong (unknown command or option, missing argument, missing file).
 *
 * @example
 * ```ts
 * throw new CliError('missing --out <dir>', EXIT_USAGE)
 * ```
 */
export const EXIT_USAGE = 2;
/**
 * medcode's own code-set data cannot be loaded (packs missing or corrupted: an installation problem).
 *
 * @example
 * ```ts
 * if (error instanceof PackError) return EXIT_DATA
 * ```
 */
export const EXIT_DATA = 3;
/**
 * A bug: an unexpected exception (still reported on one line; `MEDCODE_DEBUG=1` adds the stack).
 *
 * @example
 * ```ts
 * return EXIT_INTERNAL // 70, EX_SOFTWARE in sysexits.h
 * ```
 */
export const EXIT_INTERNAL = 70;
/**
 * No claim has an error, but the codes of some claim could not be checked for lack of data (no
 * code set covers its date of service): not a pass, so not 0.
 *
 * @example
 * ```ts
 * return errors > 0 ? EXIT_INPUT_ERRORS : notChecked > 0 ? EXIT_NOT_CHECKED : EXIT_OK
 * ```
 */
export const EXIT_NOT_CHECKED = 4;

/**
 * The exit codes, as `--help` lists them.
 *
 * @example
 * ```ts
 * io.stdout.write(`Usage: medcode …\n\n${EXIT_CODES_HELP}`)
 * ```
 */
export const EXIT_CODES_HELP = `Exit codes:
  0   success
  1   the input has errors (invalid codes, claims with error edits, claims that cannot be read)
  2   usage error (unknown command or option, missing argument or file)
  3   medcode's code-set data cannot be loaded (missing or corrupted packs: an installation problem)
  4   validate: no errors, but some claim's codes could not be checked (no code set for its date)
  70  internal error (a bug; MEDCODE_DEBUG=1 shows the stack)
`;

/**
 * A writable text sink (a process stream or a test buffer).
 *
 * @example
 * ```ts
 * let text = ''
 * const sink: CliStream = { write: (s) => (text += s) }
 * ```
 */
export interface CliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  /** Node streams: true while the write buffer is over its high-water mark. */
  readonly writableNeedDrain?: boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

/**
 * Waits until a node stream has flushed its buffer, so that output produced claim by claim to a
 * slow pipe (`medcode validate big.837 | less`) does not pile up in memory. Instant for buffers.
 *
 * @example
 * ```ts
 * io.stdout.write(table)
 * await drained(io.stdout)
 * ```
 */
export function drained(stream: CliStream): Promise<void> | undefined {
  if (stream.writableNeedDrain !== true || typeof stream.once !== 'function') return undefined;
  return new Promise<void>((resolve) => {
    stream.once?.('drain', resolve);
  });
}

/**
 * Output produced piece by piece (a line per claim) and written in chunks of about 64 KiB: one
 * `write` per line would be a system call per claim on a file or a pipe. `write` waits (for the
 * stream to drain) only when it hands a chunk over, so a slow reader still holds the producer back.
 *
 * @example
 * ```ts
 * const out = new ChunkedOutput(io.stdout)
 * for (const line of lines) await out.write(`${line}\n`)
 * out.flush()
 * ```
 */
export class ChunkedOutput {
  #pending: string[] = [];
  #size = 0;
  constructor(
    private readonly stream: CliStream,
    private readonly chunkSize = 64 * 1024,
  ) {}

  /** Adds text; past the chunk size, writes the chunk and waits until the stream has taken it. */
  write(text: string): Promise<void> | undefined {
    this.#pending.push(text);
    this.#size += text.length;
    if (this.#size < this.chunkSize) return undefined;
    this.flush();
    return drained(this.stream);
  }

  /**
   * Adds UTF-8 text made elsewhere (a worker's printed claims). A Node stream takes the bytes as
   * they are, after what is pending; any other stream gets them decoded a group of lines at a time.
   * `done` is called once the stream no longer needs the bytes.
   */
  writeBytes(bytes: Uint8Array, done: () => void): Promise<void> | undefined {
    const stream = this.stream as CliStream & Partial<NodeJS.WritableStream>;
    if (typeof stream.writable === 'boolean' && typeof stream.write === 'function') {
      this.flush();
      (stream as NodeJS.WritableStream).write(bytes, () => done());
      return drained(this.stream);
    }
    let waited: Promise<void> | undefined;
    for (const text of utf8LineGroups(bytes)) {
      const written = this.write(text);
      if (written !== undefined) waited = written;
    }
    done();
    return waited;
  }

  /** Writes what is pending (before anything else goes to the stream, and at the end). */
  flush(): void {
    if (this.#pending.length === 0) return;
    this.stream.write(this.#pending.join(''));
    this.#pending = [];
    this.#size = 0;
  }
}

/** UTF-8 bytes decoded a group of whole lines at a time (core/line-groups says why). */
function* utf8LineGroups(bytes: Uint8Array): Generator<string, void, undefined> {
  for (let start = 0; start < bytes.length; ) {
    const end = lineGroupEnd(bytes, start);
    yield UTF8_LINES.decode(bytes.subarray(start, end));
    start = end;
  }
}

const UTF8_LINES = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Where a CLI run reads and writes. Tests pass buffers; the `medcode` binary passes the process streams.
 *
 * @example
 * ```ts
 * const out: string[] = []
 * const io: CliIo = { stdout: { write: (s) => out.push(s) }, stderr: { write: (s) => out.push(s) }, cwd: process.cwd() }
 * ```
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Relative file names resolve against it. */
  readonly cwd: string;
  /** Standard input, read when a file argument is `-`. */
  readonly stdin?: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  /** "Today" when `--date` is not given (tests pin it). Default: the machine's local date. */
  readonly today?: string;
  /**
   * The built-in packs' folder (default: the package's own `codesets/`). Tests and embedders point
   * it elsewhere; `--codesets` folders are merged with it.
   */
  readonly builtInCodesets?: string;
  /**
   * Called with each worker thread `validate --workers` starts (medcode/node's `onWorker`): tests
   * and embedders watch them, or stop one to see its claims still answered.
   */
  readonly onWorker?: (thread: import('node:worker_threads').Worker) => void;
}

/**
 * An expected failure: printed as one line `medcode <command>: <message>` on stderr, never a stack.
 *
 * @example
 * ```ts
 * throw new CliError('cannot read claims.json: no such file', EXIT_USAGE)
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
  }
}

/**
 * The options a command declares, in `node:util` parseArgs form.
 *
 * @example
 * ```ts
 * const options = { json: { type: 'boolean' }, date: { type: 'string', short: 'd' } } as const satisfies OptionSpec
 * ```
 */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** The value type of one declared option. */
type OptionValue<S> = S extends { readonly type: 'boolean' }
  ? boolean
  : S extends { readonly multiple: true }
    ? string[]
    : string;

/**
 * What {@link parseCommandArgs} returns: each declared option's value (absent when not given) and
 * the positional arguments.
 *
 * @example
 * ```ts
 * const parsed: ParsedCommandArgs<{ json: { type: 'boolean' } }> = parseCommandArgs(['--json'], { json: { type: 'boolean' } })
 * ```
 */
export interface ParsedCommandArgs<O extends OptionSpec> {
  readonly values: { readonly [K in keyof O]?: OptionValue<O[K]> } & { readonly help?: boolean };
  readonly positionals: string[];
}

/**
 * Options every command accepts (`-h`, `--help`).
 *
 * @example
 * ```ts
 * parseArgs({ options: { ...COMMON_OPTIONS, ...mine } })
 * ```
 */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

/**
 * Parses a command's arguments strictly; an unknown option, a missing value or a stray argument is
 * a usage error naming the offender (node's own wording, on one line).
 *
 * @example
 * ```ts
 * const { values, positionals } = parseCommandArgs(['E11.9', '--json'], { json: { type: 'boolean' } })
 * ```
 */
export function parseCommandArgs<O extends OptionSpec>(
  args: readonly string[],
  options: O,
): ParsedCommandArgs<O> {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    }) as ParsedCommandArgs<O>;
  } catch (error) {
    throw new CliError(usageMessage(error));
  }
}

/** node's parseArgs wording, shortened to one plain line. */
function usageMessage(error: unknown): string {
  const text = firstLine(error);
  const unknown = /^Unknown option '([^']+)'/.exec(text);
  if (unknown) return `unknown option ${unknown[1]} (see --help)`;
  const name = (quoted: string) => /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  const ambiguous = /^Option '([^']+)' argument is ambiguous/.exec(text);
  if (ambiguous)
    return `option ${name(ambiguous[1]!)} needs a value; write a value that starts with "-" as ${name(ambiguous[1]!)}=<value>`;
  const missing = /^Option '([^']+)' argument missing/.exec(text);
  if (missing) return `option ${name(missing[1]!)} needs a value`;
  const noArg = /^Option '([^']+)' does not take an argument/.exec(text);
  if (noArg) return `option ${name(noArg[1]!)} does not take a value`;
  const positional = /^Unexpected argument '([^']+)'/.exec(text);
  if (positional) return `unexpected argument ${positional[1]}`;
  return text;
}

/**
 * The first line of an error's message, without node's error-code prefix.
 *
 * @example
 * ```ts
 * firstLine(new Error('boom\n  at x')) // 'boom'
 * ```
 */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').trim() || (error instanceof Error ? error.name : 'unknown error');
}

/**
 * Whether an error is core's "cannot find the built-in codesets/ folder" (an installation problem).
 *
 * @example
 * ```ts
 * if (isMissingDataError(error)) return EXIT_DATA
 * ```
 */
export function isMissingDataError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('medcode: cannot find the built-in codesets');
}

/**
 * Today as `YYYY-MM-DD` in the machine's time zone (dates of service are calendar dates).
 *
 * @example
 * ```ts
 * localToday() // '2026-11-27'
 * ```
 */
export function localToday(now: Date = new Date()): string {
  return `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Writes a value as pretty JSON plus a newline.
 *
 * @example
 * ```ts
 * writeJson(io.stdout, { ok: true })
 * ```
 */
export function writeJson(stream: CliStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The width to lay tables out in: the terminal's, or 120 when output is piped.
 *
 * @example
 * ```ts
 * renderTable(header, rows, { width: outputWidth(io.stdout), wrap: [4] })
 * ```
 */
export function outputWidth(stream: CliStream): number {
  return stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 40
    ? stream.columns
    : 120;
}

/**
 * Control characters of the input (an ESC sequence in a claimId or a code, a carriage return, a
 * C1 control) made visible as `\u001b`-style escapes, so that text from a file never drives the
 * terminal: it could recolour, move the cursor or overwrite earlier lines of a report. Line breaks
 * and tabs are kept.
 *
 * @example
 * ```ts
 * escapeControl('PCN\u001b[31m1') // 'PCN\\u001b[31m1'
 * ```
 */
export function escapeControl(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * {@link escapeControl} for a message printed as one line: its line breaks and tabs escaped too, so
 * that a value echoed from the command line (`--date $'2026\n'`) cannot split an error in two.
 *
 * @example
 * ```ts
 * escapeToOneLine('received "2026\n"') // 'received "2026\\n"'
 * ```
 */
export function escapeToOneLine(text: string): string {
  // escapeControl keeps only these two (a carriage return it escapes already).
  return escapeControl(text).replace(/[\n\t]/g, (c) => (c === '\n' ? '\\n' : '\\t'));
}
