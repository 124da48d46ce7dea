/**
 * Global setup of every test project: one scratch directory per run, removed when the run ends.
 *
 * Tests and the CLI processes they spawn make temporary folders (packs, imported editions, browser
 * profiles, installed tarballs) through `os.tmpdir()`. Pointing `TMPDIR` at a folder of this run before
 * any test worker starts puts all of them in one place, so that a test that forgets to clean up, or
 * fails before its own clean-up, no longer leaves hundreds of megabytes in the system's `/tmp` on every
 * run. Worker threads and child processes inherit the variable; `os.tmpdir()` reads it on each call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Points `TMPDIR` at a new folder named `prefix…` under the current temporary folder; the function
 * returned puts `TMPDIR` back and removes the folder with everything in it (`npm run bench` uses it
 * too). When `TMPDIR` already is such a folder (one `vitest run` over several projects runs each
 * project's global setup in the same process), that folder is kept and nothing is nested: nested,
 * the paths grew past the 107 bytes of a Unix socket path that Chromium's profile lock needs.
 */
export function useScratchTmpdir(prefix: string): () => void {
  const previous = process.env.TMPDIR;
  if (basename(tmpdir()).startsWith(prefix)) return () => {};
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  process.env.TMPDIR = scratch;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(scratch, { recursive: true, force: true });
  };
}

export default function setup(): () => void {
  return useScratchTmpdir('medcode-test-run-');
}
