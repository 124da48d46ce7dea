/**
 * The two example consumer projects of docs/testing.md, each installed from the packed tarball with
 * its own test runner, run their suites: vitest (ESM, `medcode/testing/vitest`) and jest (CJS,
 * `medcode/testing/jest`). Runners come from the npm registry into the temporary projects.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
let work = '';
let tarball = '';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'medcode-testing-consumers-'));
  tarball = inject('medcodeTarball');
});

describe('medcode/testing in consumer projects installed from the tarball', () => {
  it.each([
    ['vitest', ['vitest@4.1', 'fast-check@4']],
    ['jest', ['jest@29', 'fast-check@4']],
  ] as const)(
    '%s: the example suite passes',
    (runner, deps) => {
      const dir = join(work, runner);
      cpSync(join(REPO, 'examples', 'consumers', runner), dir, { recursive: true });
      npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...deps], dir);
      const run = spawnSync('npm', ['test'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      // Runners may still colour their summary: compare the text without ANSI escapes.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC
      const out = `${run.stdout}\n${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
      expect(run.status, out).toBe(0);
      // Both runners print how many tests passed; every test of the example suite must have run.
      expect(out).toMatch(runner === 'vitest' ? /Tests\s+4 passed/ : /Tests:\s+3 passed, 3 total/);
    },
    600_000,
  );
});
