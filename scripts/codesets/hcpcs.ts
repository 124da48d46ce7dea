/**
 * Builds the HCPCS Level II editions (codes + Level II modifiers) from the CMS quarterly files in
 * `codesets/sources/hcpcs/` through the package's importer (`src/hcpcs/import.ts`, the same code
 * path as `importCodeSets` and `medcode data import`):
 *
 * - `2026-jan`: `january-2026-alpha-numeric-hcpcs-file.zip` → `HCPC2026_JAN_ANWEB_01122026.txt`.
 *   In force 2026-01-01..2026-06-30: the April 2026 quarterly update is NOT held, so this edition
 *   also stands for the second quarter (a `data_stale` warning says so for April to June dates).
 *   The end past `publisherValidity.through` (2026-03-31) only bridges that quarter: an imported
 *   April file takes over from 2026-04-01 (`mergedManifests`, src/core/manifest.ts).
 * - `2026-jul`: `HCPC2026_JUL_ANWEB_06172026.xlsx`, the CMS workbook of the July 2026 file. In force
 *   from 2026-07-01 with no end date until a later quarter is imported; past 2026-09-30 every use
 *   carries `data_stale` naming the October file.
 */
import type { CodesetBuilder } from '../lib/codesets';
import { importHcpcsFile } from '../../src/hcpcs/import';

const JAN_ZIP = 'hcpcs/january-2026-alpha-numeric-hcpcs-file.zip';
const JAN_TXT = 'HCPC2026_JAN_ANWEB_01122026.txt';
const JUL_XLSX = 'hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx';

const builder: CodesetBuilder = {
  system: 'hcpcs',
  async build(sources) {
    const janContributed = `HCPCS Level II codes and modifiers, January 2026 (${JAN_TXT}, fixed-width, per HCPC2026_recordlayout.txt)`;
    const julContributed =
      'HCPCS Level II codes and modifiers, July 2026 (CMS workbook, sheet HCPC2026_JUL_contr)';
    const jan = await importHcpcsFile(
      { name: JAN_ZIP, bytes: sources.read(JAN_ZIP, janContributed) },
      {
        sourceName: JAN_ZIP,
        contributed: janContributed,
        edition: {
          id: '2026-jan',
          name: 'HCPCS Level II 2026 January',
          system: 'hcpcs',
          effectiveFrom: '2026-01-01',
          effectiveTo: '2026-06-30',
        },
        derivation: `CMS HCPCS Level II January 2026 quarterly file (${JAN_TXT}, corrected file of 2026-01-12), fixed-width records parsed per HCPC2026_recordlayout.txt; continuation records (id 4, 8) joined into full long descriptions.`,
        notes: [
          'The April 2026 HCPCS quarterly update is NOT held: this January file is used for dates of service 2026-01-01 to 2026-06-30. Codes added or changed on 2026-04-01 are missing or out of date for April to June. An imported April 2026 file takes over from 2026-04-01 (this edition then ends 2026-03-31).',
          'The file holds no CPT (Level I) codes and no CDT (D) codes.',
        ],
      },
    );
    const jul = await importHcpcsFile(
      { name: JUL_XLSX, bytes: sources.read(JUL_XLSX, julContributed) },
      {
        sourceName: JUL_XLSX,
        contributed: julContributed,
        derivation:
          'CMS HCPCS Level II July 2026 quarterly file, Excel version (HCPC2026_JUL_ANWEB_06172026.xlsx, sheet HCPC2026_JUL_contr), columns read by header name; the workbook holds full long descriptions (no continuation rows).',
        notes: [
          'Built from the CMS workbook; the fixed-width .txt of the July file was not available.',
          'The October 2026 HCPCS quarterly update (and any later one) is NOT held: this July file stays in force after 2026-09-30 (effectiveTo null) until a later quarter is imported, and every use past 2026-09-30 carries a data_stale warning naming the October file.',
        ],
      },
    );
    return [jan, jul];
  },
};
export default builder;
