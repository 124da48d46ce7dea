/**
 * `npx tsx scripts/pfs-strip-descriptors.ts <PPRRVU….csv> <out.csv.gz>`: derives the descriptor-free
 * copy of a CMS PFS relative value file that medcode may keep in `codesets/sources/pfs/`.
 *
 * The CMS file carries AMA CPT and ADA CDT short descriptors (its DESCRIPTION column), licensed to
 * CMS's users only. The transformation, exactly:
 * 1. the title and notice lines before the header (the file's first 5 lines: title, AMA and ADA
 *    copyright notices, release date) are kept byte for byte;
 * 2. every later line is parsed as CSV and written again without its third field (DESCRIPTION):
 *    the remaining fields are codes, modifiers, indicators and numbers, none needs quoting, and
 *    they are joined with `,` and CRLF line ends as CMS wrote them;
 * 3. the result is gzipped (fflate, level 9, mtime 0) so that the output is reproducible.
 * It prints the sha256 of the input and the output.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { stripRvuDescriptors } from '../src/pfs/loader';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: tsx scripts/pfs-strip-descriptors.ts <PPRRVU….csv> <out.csv.gz>');
  process.exit(2);
}
const bytes = readFileSync(input);
const stripped = stripRvuDescriptors(bytes.toString('latin1'));
const gz = gzipSync(Buffer.from(stripped, 'latin1'), { level: 9, mtime: 0 });
writeFileSync(output, gz);
const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
console.log(`input  ${input}: ${bytes.length} bytes, sha256 ${hash(bytes)}`);
console.log(`output ${output}: ${gz.length} bytes, sha256 ${hash(gz)}`);
