/**
 * Opening the zip archives CMS and CDC publish their files in. fflate's own message for a damaged
 * archive ("invalid zip data") names no file, so a truncated download is reported here with the
 * name of the file the user gave.
 *
 * @module
 */
import { unzipSync } from 'fflate';
import { SourceFormatError } from './errors';

/**
 * The members of an official zip archive (optionally only those `keep` accepts), or a
 * `SourceFormatError` naming `file` when the bytes are not a readable archive.
 *
 * @example
 * ```ts
 * import { zipSync } from 'fflate'
 * const zip = zipSync({ 'icd10pcs_order_2026.txt': new TextEncoder().encode('00001 0016070 1 ...') })
 * Object.keys(unzipOfficialFile(zip, 'order.zip')) // ['icd10pcs_order_2026.txt']
 * unzipOfficialFile(zip.subarray(0, 20), 'order.zip') // throws SourceFormatError 'order.zip: not a readable zip archive (…)'
 * ```
 */
export function unzipOfficialFile(
  bytes: Uint8Array,
  file: string,
  keep?: (member: string) => boolean,
): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, keep ? { filter: (f) => keep(f.name) } : {});
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SourceFormatError(file, undefined, `not a readable zip archive (${detail})`);
  }
}
