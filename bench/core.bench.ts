import type { BenchSuite } from './lib';
import { opsPerSecond, row } from './lib';
import { selectEdition } from '../src/core/edition';
import type { Edition } from '../src/core/edition';

const editions: Edition[] = [
  {
    id: 'fy2026',
    name: 'ICD-10-CM FY2026',
    system: 'icd10cm',
    effectiveFrom: '2025-10-01',
    effectiveTo: '2026-09-30',
  },
  {
    id: 'fy2027',
    name: 'ICD-10-CM FY2027',
    system: 'icd10cm',
    effectiveFrom: '2026-10-01',
    effectiveTo: '2027-09-30',
  },
];

const suite: BenchSuite = {
  name: 'core',
  async run() {
    const dates = ['2026-05-01', '2026-10-01', '2027-01-15', '2026-09-30'];
    const hz = await opsPerSecond('selectEdition', dates, (d) => selectEdition(editions, d));
    return [row('core', 'selectEdition (string date)', hz, 'ops/s')];
  },
};
export default suite;
