import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CODESETS_DIR } from '../../scripts/lib/codesets';

/**
 * A copy of the built-in codesets folder (symbolic links, in `parent`) without one system's
 * editions: the only data of that system in reach of a validator over it is what a test imports.
 */
export function builtInWithout(parent: string, system: string): string {
  const dir = join(parent, `codesets-without-${system}`);
  mkdirSync(dir);
  for (const name of readdirSync(CODESETS_DIR))
    if (name !== system && name !== 'sources') symlinkSync(resolve(CODESETS_DIR, name), join(dir, name));
  return dir;
}
