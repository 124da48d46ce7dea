import { describe, expect, it } from 'vitest';
import { detectCodeSystem } from '../../src/core/detect';
import { hcpcs } from '../../src/hcpcs/index';
import { icd10cm } from '../../src/icd10cm/index';
import { icd10pcs } from '../../src/icd10pcs/index';

// Every code of every held edition must be detected as its own system: ICD-10-CM codes are 3 to 7
// alphanumeric characters with a dot after the 3rd (ICD-10-CM Official Guidelines FY2026, I.A.4),
// including categories whose second character is a letter (QA0, FY2026); ICD-10-PCS codes are 7
// characters (ICD-10-PCS Official Guidelines FY2026, A1-A2); HCPCS Level II a letter and 4 digits.
function detectedAs(raw: string, system: string, normalized: string): boolean {
  return detectCodeSystem(raw).some((d) => d.system === system && d.normalized === normalized);
}

describe('detectCodeSystem over every held code', () => {
  it('detects QA0 codes (second character a letter) as ICD-10-CM', () => {
    expect(detectCodeSystem('QA0.0101')).toContainEqual({ system: 'icd10cm', normalized: 'QA0.0101' });
    expect(detectCodeSystem('QA0.01')).toContainEqual({ system: 'icd10cm', normalized: 'QA0.01' });
    expect(detectCodeSystem('qa00101')).toContainEqual({ system: 'icd10cm', normalized: 'QA0.0101' });
  });

  it('detects every ICD-10-CM code of every edition, dotted and undotted', () => {
    const misses: string[] = [];
    let n = 0;
    for (const e of icd10cm.editions) {
      for (const entry of icd10cm.edition(e.id).codes()) {
        n++;
        if (!detectedAs(entry.code, 'icd10cm', entry.code)) misses.push(entry.code);
        if (!detectedAs(entry.undotted, 'icd10cm', entry.code)) misses.push(entry.undotted);
      }
    }
    expect(n).toBeGreaterThan(2 * 98_000);
    expect(misses).toEqual([]);
  });

  it('detects every ICD-10-PCS code, as written and with the dots and spaces `get` accepts', () => {
    const misses: string[] = [];
    let n = 0;
    for (const e of icd10pcs.editions) {
      const cs = icd10pcs.edition(e.id);
      for (const entry of cs.codes()) {
        n++;
        const c = entry.code;
        const variants = [
          c,
          c.toLowerCase(),
          `${c.slice(0, 3)}.${c.slice(3)}`,
          `${c.slice(0, 3)} ${c.slice(3, 5)} ${c.slice(5)}`,
        ];
        for (const v of variants) if (!detectedAs(v, 'icd10pcs', c)) misses.push(v);
      }
      // The spellings tested are ones `get` accepts.
      expect(cs.get('0DT.J4ZZ')?.code).toBe('0DTJ4ZZ');
      expect(cs.get('0DT J4 ZZ')?.code).toBe('0DTJ4ZZ');
    }
    expect(n).toBeGreaterThan(70_000);
    expect(misses).toEqual([]);
  });

  it('detects every HCPCS Level II code of every edition', () => {
    const misses: string[] = [];
    let n = 0;
    for (const e of hcpcs.editions) {
      for (const entry of hcpcs.edition(e.id).codes()) {
        n++;
        if (!detectedAs(entry.code, 'hcpcs', entry.code)) misses.push(entry.code);
      }
    }
    expect(n).toBeGreaterThan(7_000);
    expect(misses).toEqual([]);
  });

  it('still finds nothing in strings of no code system', () => {
    expect(detectCodeSystem('hello world')).toEqual([]);
    expect(detectCodeSystem('12')).toEqual([]);
    expect(detectCodeSystem('0DT.J4ZZ.Q')).toEqual([]);
  });
});
