/**
 * The examples claim to show real coding problems. These tests check each claim against the
 * official files it relies on, so an example cannot silently stop demonstrating its problem.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { unzipSync, strFromU8 } from 'fflate';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';

const load = (name: string): Claim => {
  const r = parseClaim(readFileSync(`examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};

const undot = (code: string) => code.replace('.', '');

/** FY2026 ICD-10-CM billable codes (icd10cm_codes_2026.txt in the CDC/CMS 2026 zip). */
const fy2026 = (() => {
  const zip = unzipSync(readFileSync('codesets/sources/icd10cm/2026-code-descriptions-tabular-order.zip'), {
    filter: (f) => f.name === 'icd10cm_codes_2026.txt',
  });
  const text = strFromU8(zip['icd10cm_codes_2026.txt']!);
  return new Set(
    text
      .split(/\r?\n/)
      .map((l) => l.slice(0, 7).trim())
      .filter(Boolean),
  );
})();

/** MUE rows: HCPCS/CPT → [value, MAI text] from the CMS practitioner file effective 2026-04-01. */
const mue = (() => {
  const rows = new Map<string, { value: number; mai: string }>();
  for (const line of readFileSync(
    'codesets/sources/ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv',
    'latin1',
  ).split(/\r?\n/)) {
    const m = /^([0-9A-Z]{5}),(\d+),([^,]+),/.exec(line);
    if (m) rows.set(m[1]!, { value: Number(m[2]), mai: m[3]! });
  }
  return rows;
})();

const allDates = (c: Claim) => c.lines.map((l) => l.serviceDate ?? l.serviceDateFrom!);

describe('examples (checked against the official sources)', () => {
  it('all service dates are in 2026 and inside FY2026 (2025-10-01..2026-09-30) so FY2026 codes apply', () => {
    for (const name of [
      'clean-office-visit',
      'em-with-procedure-needs-modifier-25',
      'mue-exceeded',
      'excludes1-pair',
      'fracture-missing-7th-character',
      'newborn-code-on-adult',
    ]) {
      for (const d of allDates(load(name))) {
        expect(d >= '2026-01-01' && d <= '2026-09-30', `${name} ${d}`).toBe(true);
      }
    }
  });

  it('clean office visit: every diagnosis is a FY2026 billable code', () => {
    for (const d of load('clean-office-visit').diagnoses)
      expect(fy2026.has(undot(d.code)), d.code).toBe(true);
  });

  it('E/M + procedure: same-day E/M and 20610 with no modifier 25 on the E/M', () => {
    const c = load('em-with-procedure-needs-modifier-25');
    const em = c.lines.find((l) => l.procedure.startsWith('992'))!;
    const proc = c.lines.find((l) => l.procedure === '20610')!;
    expect(em.serviceDate).toBe(proc.serviceDate);
    expect(em.modifiers ?? []).not.toContain('25');
  });

  it('MUE: the 20610 line bills more units than its practitioner MUE (2, MAI 3)', () => {
    const row = mue.get('20610');
    expect(row).toEqual({ value: 2, mai: '3 Date of Service Edit: Clinical' });
    const line = load('mue-exceeded').lines[0]!;
    expect(line.procedure).toBe('20610');
    expect(line.units).toBeGreaterThan(row!.value);
  });

  it('Excludes1: E11 lists type 1 diabetes (E10.-) as Excludes1 in the FY2023 tabular, and both codes are FY2026 codes', () => {
    const tabular = gunzipSync(readFileSync('codesets/sources/icd10cm/icd10cm_tabular_2023.xml.gz')).toString(
      'utf8',
    );
    const start = tabular.indexOf('<name>E11</name>');
    const block = tabular.slice(start, tabular.indexOf('<diag>', start));
    const excludes1 = /<excludes1>([\s\S]*?)<\/excludes1>/.exec(block)?.[1] ?? '';
    expect(excludes1).toContain('type 1 diabetes mellitus (E10.-)');
    const codes = load('excludes1-pair').diagnoses.map((d) => d.code);
    expect(codes).toEqual(['E11.9', 'E10.9']);
    for (const c of codes) expect(fy2026.has(undot(c))).toBe(true);
  });

  it('fracture: S72.001 is not billable in FY2026 while its 7th-character codes are', () => {
    const c = load('fracture-missing-7th-character');
    expect(c.diagnoses[0]!.code).toBe('S72.001');
    expect(fy2026.has('S72001')).toBe(false);
    expect(fy2026.has('S72001A')).toBe(true);
  });

  it('newborn: Z38.00 is a FY2026 code, on a patient over 50 at the date of service', () => {
    const c = load('newborn-code-on-adult');
    expect(c.diagnoses[0]!.code).toBe('Z38.00');
    expect(fy2026.has('Z3800')).toBe(true);
    const age = Number(allDates(c)[0]!.slice(0, 4)) - Number(c.patient.birthDate.slice(0, 4));
    expect(age).toBeGreaterThan(50);
  });
});
