/**
 * Where the built-in code-set packs live. The default data is only a default: every code system
 * also accepts packs from elsewhere (the `packs` option; see docs/runtimes.md).
 *
 * @module
 */
import { findBuiltInCodesetsDir } from './pack-source';

let cached: string | undefined;

/**
 * The absolute path of the package's `codesets/` folder (Node only). Throws a `PackError`
 * (`no_source`) where there is none (a browser, a bundle). Lazily cached.
 *
 * @example
 * ```ts
 * builtInCodesetsDir() // '/app/node_modules/medcode/codesets'
 * ```
 */
export function builtInCodesetsDir(): string {
  cached ??= findBuiltInCodesetsDir();
  return cached;
}
