/**
 * Where the built-in code-set packs live. The default data is only a default: every code system
 * also accepts packs from elsewhere (see each system's `create…System` factory).
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The absolute path of the package's `codesets/` folder. Walks up from this module (which sits in
 * `src/core` in a checkout and in `dist/` when installed) to the folder whose package.json is
 * medcode's. Lazily cached.
 *
 * @example
 * ```ts
 * builtInCodesetsDir() // '/app/node_modules/medcode/codesets'
 * ```
 */
export function builtInCodesetsDir(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'codesets'))) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'medcode') {
          cached = join(dir, 'codesets');
          return cached;
        }
      } catch {
        // not our package.json; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    'medcode: cannot find the built-in codesets/ folder next to the package; pass code-set packs explicitly',
  );
}
