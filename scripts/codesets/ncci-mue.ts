/**
 * Builds the NCCI MUE pack from the CMS Medicare practitioner services MUE table effective
 * 2026-04-01 (`codesets/sources/ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv`), keeping
 * CMS's AMA copyright notice in the pack. Outpatient hospital and DME tables in the same layout are
 * imported by users with `importMue` (not shipped: not obtained, see SOURCES.md).
 */
import type { CodesetBuilder } from '../lib/codesets';
import { parseMueCsv } from '../../src/ncci/mue';

const FILE = 'ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv';

const builder: CodesetBuilder = {
  system: 'ncci-mue',
  build(sources) {
    const bytes = sources.read(
      FILE,
      'MUE practitioner table: value, adjudication indicator and rationale per code; AMA notice',
    );
    const table = parseMueCsv(bytes, { fileName: 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv' });
    const counts: Record<string, number> = { codes: table.size, mai1: 0, mai2: 0, mai3: 0 };
    for (const e of table.entries()) counts[`mai${e.mai}`]!++;
    return [
      {
        edition: table.edition,
        derivation: 'CMS MUE practitioner services CSV, 2026 Q2 (effective 2026-04-01), parsed as published',
        packs: { 'mue.pack': table.toPack() },
        counts,
        notes: [
          'CPT code numbers only, no CPT descriptors. The AMA copyright notice of the CMS file is kept in the pack (meta.notice).',
        ],
        sources: [...sources.used],
      },
    ];
  },
};
export default builder;
