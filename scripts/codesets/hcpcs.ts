/**
 * Builds the HCPCS Level II editions (codes + Level II modifiers) from the CMS quarterly files in
 * `codesets/sources/hcpcs/`:
 *
 * - `2026-jan`: `january-2026-alpha-numeric-hcpcs-file.zip` → `HCPC2026_JAN_ANWEB_01122026.txt`, the
 *   fixed-width file, read as `HCPC2026_recordlayout.txt` (same zip) defines it. In force
 *   2026-01-01..2026-06-30: the April 2026 quarterly update is NOT held, so this edition also
 *   stands for the second quarter (see the manifest notes and docs/hcpcs.md).
 * - `2026-jul`: `HCPC2026_JUL_ANWEB_06172026.xlsx`, the CMS workbook of the July 2026 file (same
 *   fields), read with read-excel-file at build time only. In force from 2026-07-01 with no end
 *   date (`effectiveTo: null`): the October 2026 quarterly update is not held, so the July file
 *   stays in force after its quarter, like the January file stands for April (a claim dated in
 *   October 2026 or later is checked against July data; see the manifest notes and docs/hcpcs.md).
 */
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import type { BuiltEdition, CodesetBuilder, SourceReader } from '../lib/codesets';
import { parseHcpcsFixedWidth, parseHcpcsWorkbookRows } from '../../src/hcpcs/loader';
import type { HcpcsFileContents } from '../../src/hcpcs/loader';
import { encodeHcpcsCodes, encodeHcpcsModifiers } from '../../src/hcpcs/pack-format';
import type { Edition } from '../../src/core/edition';

const JAN_ZIP = 'hcpcs/january-2026-alpha-numeric-hcpcs-file.zip';
const JAN_TXT = 'HCPC2026_JAN_ANWEB_01122026.txt';
const JUL_XLSX = 'hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx';

/** Reads the January fixed-width file out of the CMS zip. */
export function readJanuary2026(sources: SourceReader): HcpcsFileContents {
  const zip = unzipSync(
    new Uint8Array(
      sources.read(
        JAN_ZIP,
        `HCPCS Level II codes and modifiers, January 2026 (${JAN_TXT}, fixed-width, per HCPC2026_recordlayout.txt)`,
      ),
    ),
  );
  const member = zip[JAN_TXT];
  if (!member) throw new Error(`${JAN_ZIP} has no member ${JAN_TXT}`);
  return parseHcpcsFixedWidth(Buffer.from(member).toString('latin1'), JAN_TXT);
}

/** Reads the July workbook. */
export async function readJuly2026(sources: SourceReader): Promise<HcpcsFileContents> {
  const bytes = sources.read(
    JUL_XLSX,
    'HCPCS Level II codes and modifiers, July 2026 (CMS workbook, sheet HCPC2026_JUL_contr)',
  );
  const sheets = await readXlsxFile(bytes);
  const sheet = sheets.find((s) => s.sheet === 'HCPC2026_JUL_contr') ?? sheets[0];
  if (!sheet) throw new Error(`${JUL_XLSX} has no sheet`);
  return parseHcpcsWorkbookRows(sheet.data, 'HCPC2026_JUL_ANWEB_06172026.xlsx');
}

function edition(id: string, name: string, from: string, to: string | null): Edition {
  return { id, name, system: 'hcpcs', effectiveFrom: from, effectiveTo: to };
}

function built(
  ed: Edition,
  contents: HcpcsFileContents,
  derivation: string,
  notes: string[],
  sources: SourceReader,
  file: string,
): BuiltEdition {
  const terminated = contents.codes.filter((c) => c.terminationDate !== undefined).length;
  return {
    edition: ed,
    derivation,
    packs: {
      'codes.pack': encodeHcpcsCodes(ed.id, contents.codes),
      'modifiers.pack': encodeHcpcsModifiers(ed.id, contents.modifiers),
    },
    counts: {
      codes: contents.codes.length,
      modifiers: contents.modifiers.length,
      codesWithTerminationDate: terminated,
      codeContinuationRecords: contents.continuationRecords.codes,
      modifierContinuationRecords: contents.continuationRecords.modifiers,
    },
    notes,
    sources: sources.used.filter((s) => s.file === file),
  };
}

const builder: CodesetBuilder = {
  system: 'hcpcs',
  async build(sources) {
    const jan = readJanuary2026(sources);
    const jul = await readJuly2026(sources);
    return [
      built(
        edition('2026-jan', 'HCPCS Level II 2026 January', '2026-01-01', '2026-06-30'),
        jan,
        `CMS HCPCS Level II January 2026 quarterly file (${JAN_TXT}, corrected file of 2026-01-12), fixed-width records parsed per HCPC2026_recordlayout.txt; continuation records (id 4, 8) joined into full long descriptions.`,
        [
          'The April 2026 HCPCS quarterly update is NOT held: this January file is used for dates of service 2026-01-01 to 2026-06-30. Codes added or changed on 2026-04-01 are missing or out of date for April to June.',
          'The file holds no CPT (Level I) codes and no CDT (D) codes.',
        ],
        sources,
        JAN_ZIP,
      ),
      built(
        edition('2026-jul', 'HCPCS Level II 2026 July', '2026-07-01', null),
        jul,
        'CMS HCPCS Level II July 2026 quarterly file, Excel version (HCPC2026_JUL_ANWEB_06172026.xlsx, sheet HCPC2026_JUL_contr), columns read by header name; the workbook holds full long descriptions (no continuation rows).',
        [
          'Built from the CMS workbook; the fixed-width .txt of the July file was not available.',
          'The October 2026 HCPCS quarterly update (and any later one) is NOT held: this July file stays in force after 2026-09-30 (effectiveTo null). Codes added, changed or terminated on 2026-10-01 or later are missing or out of date for those dates of service.',
        ],
        sources,
        JUL_XLSX,
      ),
    ];
  },
};
export default builder;
