import { describe, expect, it } from 'vitest';
import hccBuilder from '../../scripts/codesets/hcc';
import hcpcsBuilder from '../../scripts/codesets/hcpcs';
import icd10cmBuilder from '../../scripts/codesets/icd10cm';
import icd10pcsBuilder from '../../scripts/codesets/icd10pcs';
import pfsBuilder from '../../scripts/codesets/pfs';
import posBuilder from '../../scripts/codesets/pos';
import { CODESETS_DIR, diffEditions, SourceReader } from '../../scripts/lib/codesets';

/**
 * The slow proof that the packs are reproducible from the official files: each builder runs on
 * `codesets/sources/` and its output must equal what the package ships. It runs in CI and with
 * `npm run test:codesets`, not in the default `npm test` loop.
 */
describe('a fresh build from codesets/sources equals the shipped packs', () => {
  it('ICD-10-CM', async () => {
    expect(diffEditions(CODESETS_DIR, 'icd10cm', await icd10cmBuilder.build(new SourceReader()))).toEqual([]);
  });
  it('ICD-10-PCS', async () => {
    expect(diffEditions(CODESETS_DIR, 'icd10pcs', await icd10pcsBuilder.build(new SourceReader()))).toEqual(
      [],
    );
  });
  it('HCPCS Level II', async () => {
    expect(diffEditions(CODESETS_DIR, 'hcpcs', await hcpcsBuilder.build(new SourceReader()))).toEqual([]);
  });
  it('places of service', async () => {
    expect(diffEditions(CODESETS_DIR, 'pos', await posBuilder.build(new SourceReader()))).toEqual([]);
  });
  it('CMS-HCC', async () => {
    expect(diffEditions(CODESETS_DIR, 'hcc', await hccBuilder.build(new SourceReader()))).toEqual([]);
  });
  it('physician fee schedule', async () => {
    expect(diffEditions(CODESETS_DIR, 'pfs', await pfsBuilder.build(new SourceReader()))).toEqual([]);
  });
});
