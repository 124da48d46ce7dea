/**
 * Global setup of the `slow` project: builds and packs the tarball once (`npm pack` runs `prepack`,
 * the build) and hands its path to every test that installs it, instead of one build per test file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    medcodeTarball: string;
  }
}

export default function setup(project: TestProject): void {
  const repo = resolve(import.meta.dirname, '..', '..');
  const work = mkdtempSync(join(tmpdir(), 'medcode-pack-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (tgz === undefined) throw new Error(`npm pack wrote no tarball into ${work}`);
  project.provide('medcodeTarball', join(work, tgz));
}
