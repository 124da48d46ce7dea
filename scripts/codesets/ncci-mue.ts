/**
 * Builds the NCCI MUE pack from the CMS Medicare practitioner services MUE table effective
 * 2026-04-01 (`codesets/sources/ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv`) through the
 * package's importer (`src/ncci/import.ts`, the same code path as `importCodeSets`), keeping CMS's
 * AMA copyright notice in the pack. Outpatient hospital and DME tables are imported by users.
 */
import type { CodesetBuilder } from '../lib/codesets';
import { importMueFile } from '../../src/ncci/import';

const FILE = 'ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv';
const CONTRIBUTED =
  'MUE practitioner table: value, adjudication indicator and rationale per code; AMA notice';

const builder: CodesetBuilder = {
  system: 'ncci-mue',
  async build(sources) {
    const built = await importMueFile(
      { name: FILE, bytes: sources.read(FILE, CONTRIBUTED) },
      { sourceName: FILE, contributed: CONTRIBUTED },
    );
    return [
      {
        ...built,
        derivation: 'CMS MUE practitioner services CSV, 2026 Q2 (effective 2026-04-01), parsed as published',
      },
    ];
  },
};
export default builder;
