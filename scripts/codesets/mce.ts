/**
 * Builds the Medicare Code Editor lists pack from `codesets/sources/mce/MCE_Simple_Code_Edits_v37.txt`
 * (CMS "Definitions of Medicare Code Edits" v37, FY2020, tabulated by nlindner/CMS_Issued_Codes_For_SQL,
 * MIT). The newest MCE lists available; labelled as v37.
 */
import type { CodesetBuilder } from '../lib/codesets';
import { MceLists, parseMceTable } from '../../src/rules/mce';

const builder: CodesetBuilder = {
  system: 'mce',
  build(sources) {
    const text = sources.read(
      'mce/MCE_Simple_Code_Edits_v37.txt',
      'MCE v37 code lists: age, sex, manifestation, questionable admission, unacceptable principal diagnosis',
    );
    const { version, lists } = parseMceTable(text.toString('utf8'), 'mce/MCE_Simple_Code_Edits_v37.txt');
    const mce = new MceLists(
      version,
      {
        id: `v${version}`,
        name: `Medicare Code Editor v${version} (FY2020)`,
        system: 'mce',
        effectiveFrom: '2019-10-01',
        effectiveTo: '2020-09-30',
      },
      lists,
    );
    const counts = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, (v as string[]).length]));
    return [
      {
        edition: mce.edition,
        derivation: 'MCE v37 simple code edits table (sections 4, 5, 6, 8, 9), codes undotted',
        packs: { 'lists.pack': mce.toPack() },
        counts,
        notes: [
          'OLDER RELEASE: MCE v37 (FY2020) is the newest list available; codes added after FY2020 are absent. medcode applies these lists to later dates of service by default and says so in dataVersion.',
          'Maternity age range 12-55 in v37 (9-64 in later versions).',
          'The sex-conflict edit was deactivated by CMS on 2024-10-01.',
        ],
        sources: [...sources.used],
        // The MCE is versioned with the fiscal year of the IPPS/MS-DRG release it belongs to.
        publisherValidity: {
          period: 'FY2020',
          from: '2019-10-01',
          through: '2020-09-30',
          nextFile:
            'the CMS Definitions of Medicare Code Edits for the fiscal year of the date (FY2027: fy2027-fr-definition-mce-v44.zip)',
        },
      },
    ];
  },
};
export default builder;
