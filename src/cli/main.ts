/**
 * The `medcode` command line, as a function: `runCli(argv, io)` returns the exit code, so tests run
 * it in-process and the binary (`src/cli/index.ts`) only wires the process streams.
 *
 * @module
 */
import { MedcodeError, PackError, SourceFormatError } from '../core/errors';
import { importedCodesetsDirs } from '../core/manifest';
import {
  CliError,
  escapeControl,
  escapeToOneLine,
  EXIT_CODES_HELP,
  EXIT_DATA,
  EXIT_INTERNAL,
  EXIT_OK,
  EXIT_USAGE,
  firstLine,
  isMissingDataError,
} from './io';
import type { CliIo } from './io';

export type { CliIo, CliStream } from './io';
export { EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_DATA, EXIT_INTERNAL } from './io';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

// Each command's module (and the medcode areas it uses: zod, rules, claims…) is imported only when
// that command runs, so `medcode --help` or `medcode lookup` does not pay for the others.
const COMMANDS = new Map<string, () => Promise<Command>>([
  ['lookup', async () => (await import('./codes')).runLookup],
  ['check', async () => (await import('./codes')).runCheck],
  ['search', async () => (await import('./codes')).runSearch],
  ['validate', async () => (await import('./validate')).runValidate],
  ['convert', async () => (await import('./convert')).runConvert],
  ['ncci', async () => (await import('./ncci')).runNcci],
  ['data', async () => (await import('./data')).runData],
]);

/**
 * Runs one `medcode` command line and returns its exit code: 0 success, 1 the input has errors
 * (invalid codes, error edits, unreadable claims), 2 usage error, 3 code-set data cannot be loaded,
 * 4 some claim could not be checked (validate), 70 internal error. Never throws and never prints a
 * stack trace: every failure is one line `medcode <command>: <message>` on stderr.
 *
 * @example
 * ```ts
 * const code = await runCli(['check', 'E11.9', '--json'], { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() })
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.stderr.write(`medcode: missing command (${[...COMMANDS.keys()].join(', ')}; try medcode --help)\n`);
    return EXIT_USAGE;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? args[0] : undefined;
    if (topic !== undefined && COMMANDS.has(topic)) return runCli([topic, '--help'], io);
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${await version()}\n`);
    return EXIT_OK;
  }
  const load = COMMANDS.get(command);
  if (!load) {
    io.stderr.write(
      `medcode: unknown command "${escapeToOneLine(command.slice(0, 64))}" (commands: ${[...COMMANDS.keys()].join(', ')}; try medcode --help)\n`,
    );
    return EXIT_USAGE;
  }
  try {
    const run = await load();
    return await run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`medcode ${command}: ${escapeToOneLine(error.message)}\n`);
      return error.exitCode;
    }
    if (error instanceof MedcodeError || error instanceof SourceFormatError) {
      // Input medcode refused with a reason (a descriptor file that is not CSV/TSV, a source file
      // that is not the expected table): a usage problem with a clear message, not a bug.
      io.stderr.write(`medcode ${command}: ${escapeControl(firstLine(error))}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof PackError || isMissingDataError(error)) {
      // An installation problem (missing or corrupted packs), not a bug in the input or in medcode.
      io.stderr.write(
        `medcode ${command}: cannot load code-set data: ${escapeControl(firstLine(error).replace(/^medcode: /, ''))}${fromEnvironment(error)}\n`,
      );
      return EXIT_DATA;
    }
    // Unexpected: still one line. MEDCODE_DEBUG=1 shows the stack for bug reports.
    io.stderr.write(
      `medcode ${command}: internal error: ${escapeControl(firstLine(error))}${process.env.MEDCODE_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set MEDCODE_DEBUG=1 for details)'}\n`,
    );
    return EXIT_INTERNAL;
  }
}

/** The version from medcode's package.json, found by walking up from this file (src/ or dist/). */
/**
 * Where a missing packs folder was named when the command line did not name it: a folder in
 * `MEDCODE_CODESETS` is read by every command, and its user may not connect the error to it.
 */
function fromEnvironment(error: unknown): string {
  if (!(error instanceof PackError) || error.reason !== 'missing') return '';
  const named = importedCodesetsDirs().some((dir) => dir.replace(/[\\/]+$/, '') === error.file);
  return named ? ' (a folder named in MEDCODE_CODESETS)' : '';
}

async function version(): Promise<string> {
  try {
    const { readFileSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (pkg.name === 'medcode') return `medcode ${pkg.version ?? 'unknown'}`;
      } catch {
        // not here; go up
      }
    }
  } catch {
    // fall through
  }
  return 'medcode (version unknown)';
}

const HELP = `medcode: US medical coding and billing (ICD-10-CM, ICD-10-PCS, HCPCS, CPT, NCCI, claims)

Usage: medcode <command> [options]      medcode <command> --help for details

Codes (system detected from the shape, --system to force; --date picks the edition, default today):
  lookup <code…>          the entry of each code:     medcode lookup E11.9 G0121 0DTJ4ZZ
  check <code…>           validate and explain:       medcode check S72.001 --date 2026-05-01
  search <text>           ranked text search:         medcode search "type 2 diabetes" --system icd10cm

Claims (claim JSON, X12 837P or FHIR R4 Claim JSON in):
  validate <file…>        edits as a table (or --json); exit 1 when any error edit, 4 when
                          some claim could not be checked (NOT CHECKED)
  convert <in> --to x12|fhir|json|cms1500|pdf [--out <file>]

Data (see medcode data --help):
  data status [--date D]              editions held, what is stale or missing, the file to get
  data import <files…> --out <dir>    official CMS files into packs (MEDCODE_CODESETS=<dir> to use)

NCCI:
  ncci import <files…> --out <dir>    CMS PTP quarterly zips into packs for validate --ptp

${EXIT_CODES_HELP}`;
