/**
 * Whether a path a caller named is there, of the kind asked for: checked before any worker starts,
 * so that a folder or file that is not there is an error naming it rather than data silently
 * missing. Internal to medcode (the worker pool and the CLI).
 *
 * @module
 */
import { statSync } from 'node:fs';

/**
 * Whether `path` is a folder (not a file, not missing).
 *
 * @example
 * ```ts
 * isFolder('/data/imported') // true once `medcode data import --out /data/imported` ran
 * ```
 */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether `path` is a regular file (not a folder, not missing).
 *
 * @example
 * ```ts
 * isFile('ptp/2026q2.pack') // true once `medcode ncci import` wrote it
 * ```
 */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
