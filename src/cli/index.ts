#!/usr/bin/env node
/**
 * The `medcode` command. Thin: it calls the public API only (see `./main` for the commands).
 *
 * @module
 */
import { runCli } from './main';

/** 128 + SIGPIPE (13): the exit status of a process stopped by a closed pipe. */
const EXIT_CLOSED_PIPE = 141;

// A closed pipe (`medcode search … | head`) is not an error worth a stack trace. A command cut
// short by it has no result yet, so it exits 141 (128 + SIGPIPE, as a shell reports a process the
// closed pipe stopped), never 0, which would say that no claim had an error edit.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_CLOSED_PIPE);
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `medcode: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
