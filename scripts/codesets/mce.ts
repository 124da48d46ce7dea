/**
 * Builds the Medicare Code Editor lists pack from `codesets/sources/mce/MCE_Simple_Code_Edits_v37.txt`
 * (CMS "Definitions of Medicare Code Edits" v37, FY2020, tabulated by nlindner/CMS_Issued_Codes_For_SQL,
 * MIT) through the package's importer (`src/mce/import.ts`, the same code path as `importCodeSets`).
 * The newest MCE lists available; labelled as v37.
 */
import type { CodesetBuilder } from '../lib/codesets';
import { importMceFile } from '../../src/mce/import';

const FILE = 'mce/MCE_Simple_Code_Edits_v37.txt';

const builder: CodesetBuilder = {
  system: 'mce',
  build(sources) {
    const contributed =
      'MCE v37 code lists: age, sex, manifestation, questionable admission, unacceptable principal diagnosis, wrong procedure performed, procedure inconsistent with length of stay';
    const built = importMceFile(
      { name: FILE, bytes: sources.read(FILE, contributed) },
      {
        sourceName: FILE,
        contributed,
        notes: [
          'OLDER RELEASE: MCE v37 (FY2020) is the newest list available; codes added after FY2020 are absent. medcode applies these lists to later dates of service by default and says so in dataVersion.',
          'Maternity age range 12-55 in v37 (9-64 in later versions).',
          'The sex-conflict edit was deactivated by CMS on 2024-10-01.',
        ],
        nextFile:
          'the CMS Definitions of Medicare Code Edits for the fiscal year of the date (FY2027: fy2027-fr-definition-mce-v44.zip)',
      },
    );
    return [built];
  },
};
export default builder;
