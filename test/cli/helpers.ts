/**
 * Runs the CLI in-process with buffered streams.
 */
import { runCli } from '../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI's "today" in tests, so that results do not depend on the machine clock. */
export const TEST_TODAY = '2026-11-27';

export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWithStdin(undefined, ...argv);
}

/** Runs the CLI with `builtIn` in place of the package's own codesets/ folder (as if it shipped only that). */
export async function cliOver(builtIn: string, ...argv: string[]): Promise<CliRun> {
  return run(undefined, builtIn, argv);
}

/** Runs the CLI with `stdin` as standard input (in two chunks, to exercise reassembly). */
export async function cliWithStdin(stdin: string | undefined, ...argv: string[]): Promise<CliRun> {
  return run(stdin, undefined, argv);
}

async function run(stdin: string | undefined, builtIn: string | undefined, argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const bytes = stdin === undefined ? undefined : new TextEncoder().encode(stdin);
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: process.cwd(),
    today: TEST_TODAY,
    ...(builtIn !== undefined ? { builtInCodesets: builtIn } : {}),
    ...(bytes ? { stdin: [bytes.subarray(0, 7), bytes.subarray(7)] } : {}),
  });
  return { code, stdout, stderr };
}

/** Parses stdout as JSON (fails the test with the output when it is not). */
export function json<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** A usage or input error: exactly one line on stderr, prefixed with the command, no stack frames. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.split('\n').filter(Boolean);
  return lines.length === 1 && /^medcode( [a-z]+)?: /.test(lines[0]!) && !/\n\s+at /.test(stderr);
}
