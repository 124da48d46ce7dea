/**
 * Builds the PFS pack from `codesets/sources/pfs/PPRRVU2026_Jul_nonQPP.no-descriptors.csv.gz`: the CMS
 * CY2026 physician fee schedule relative value file, July release (RVU26C, effective 2026-07-01 to
 * 2026-09-30, non-QPP conversion factor), with its DESCRIPTION column removed by
 * `scripts/pfs-strip-descriptors.ts` from the CMS file of sha256
 * b7d197e73211ef6854c213c267d5fa9dec8df995db8e1ee7d44c0556ad7cee21 (the CMS file itself is not kept:
 * its descriptors are AMA CPT / ADA CDT text).
 */
import { gunzipSync } from 'fflate';
import type { CodesetBuilder } from '../lib/codesets';
import type { Edition } from '../../src/core/edition';
import { encodeRvuPack, parseRvuCsv } from '../../src/pfs/loader';

const FILE = 'pfs/PPRRVU2026_Jul_nonQPP.no-descriptors.csv.gz';

const builder: CodesetBuilder = {
  system: 'pfs',
  build(sources) {
    const gz = sources.read(
      FILE,
      'CY2026 PFS relative value file, July release (RVU26C, PPRRVU2026_Jul_nonQPP.csv without its DESCRIPTION column): RVUs, indicators, conversion factor, AMA/ADA notices',
    );
    const text = Buffer.from(gunzipSync(new Uint8Array(gz))).toString('latin1');
    const { notice, entries } = parseRvuCsv(text, FILE);
    const edition: Edition = {
      id: '2026-jul',
      name: 'Medicare PFS relative value file RVU26C (July 2026)',
      system: 'pfs',
      effectiveFrom: '2026-07-01',
      effectiveTo: '2026-09-30',
    };
    const counts: Record<string, number> = { rows: entries.length };
    for (const e of entries) counts[`status${e.status}`] = (counts[`status${e.status}`] ?? 0) + 1;
    return [
      {
        edition,
        derivation:
          'CMS RVU26C PPRRVU2026_Jul_nonQPP.csv (sha256 b7d197e73211ef6854c213c267d5fa9dec8df995db8e1ee7d44c0556ad7cee21) without its DESCRIPTION column, parsed as published',
        packs: { 'rvu.pack': encodeRvuPack(entries, notice, edition) },
        counts,
        notes: [
          'Codes, modifiers, indicators and numbers only: no CPT or CDT descriptor. The AMA and ADA notices of the CMS file are kept in the pack (meta.notice).',
          'Non-QPP conversion factor (33.4009). National amounts unless a locality GPCI is given: the CMS GPCI2026 file was not obtained.',
          'Not the newest quarter: RVU26D (October 2026) supersedes RVU26C from 2026-10-01 and was not obtained.',
        ],
        sources: [...sources.used],
      },
    ];
  },
};
export default builder;
