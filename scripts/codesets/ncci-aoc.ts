/**
 * Builds the NCCI add-on code (AOC) edit pack from the CMS Medicare AOC table of 2026 Q2
 * (`codesets/sources/ncci/AOC_V2026Q2-MCR.xlsx`) through the package's importer
 * (`src/ncci/aoc-import.ts`, the same code path as `importCodeSets`), keeping CMS's AMA copyright
 * notice in the pack.
 */
import type { CodesetBuilder } from '../lib/codesets';
import { importAocFile } from '../../src/ncci/aoc-import';

const FILE = 'ncci/AOC_V2026Q2-MCR.xlsx';
const CONTRIBUTED =
  'AOC table: edit type, primary codes and their dates, special instructions per add-on code; AMA notice';

const builder: CodesetBuilder = {
  system: 'ncci-aoc',
  async build(sources) {
    const built = await importAocFile(
      { name: FILE, bytes: sources.read(FILE, CONTRIBUTED) },
      { sourceName: FILE, contributed: CONTRIBUTED },
    );
    return [built];
  },
};
export default builder;
