/**
 * The ICD-10-CM rules stay n log n on claims past the 837P's 12 diagnoses (the engine accepts up
 * to ten times the limits): here they must report exactly what comparing every pair of diagnoses
 * reports, on the built-in FY2026 tabular.
 */
import { describe, expect, it } from 'vitest';
import { icd10cm } from '../../src/icd10cm/index';
import type { Icd10CmNote } from '../../src/icd10cm/index';
import { validateClaimJson } from '../../src/rules/index';
import type { ClaimEdit } from '../../src/rules/index';
import { baseClaim } from './fakes';

const today = '2026-11-27';
const DATE = '2026-05-01';
// Excludes1 pairs (E10/E11, I10/I11.9, J45/J44, K21/K20) and "use additional code" notes met and
// unmet; repeated, in another case and undotted, so that copies of one code meet each other.
const CODES = [
  'E11.9',
  'Z79.4',
  'I10',
  'J02.9',
  'E10.9',
  'I11.9',
  'J45.909',
  'J44.9',
  'K21.9',
  'K20.9',
  'e11.65',
  'N183',
];
const diagnoses = Array.from({ length: 60 }, (_, i) => CODES[(i * 7) % CODES.length]!);
const claim = baseClaim({
  diagnoses: diagnoses.map((code) => ({ code })),
  lines: [{ procedure: '99213', units: 1, charge: '10.00', serviceDate: DATE, diagnosisPointers: [1, 2] }],
});
const rules = (id: string) => ({
  today,
  rules: { 'claim-structure': false, 'code-validity': false, [id]: true },
});
const only = (edits: readonly ClaimEdit[], code: string) =>
  edits
    .filter((e) => e.code === code)
    .map((e) => JSON.stringify({ ...e, message: undefined }))
    .sort();
const undotted = (code: string) => code.replace('.', '').toUpperCase();
const covers = (r: { low: string; high: string }, u: string) =>
  u.slice(0, r.low.length) >= r.low && u.slice(0, r.high.length) <= r.high;

describe('ICD-10-CM rules on a 60-diagnosis claim', () => {
  const cm = icd10cm.at(DATE);

  it('icd10cm-excludes1 reports what every pair reports', () => {
    const r = validateClaimJson(claim, rules('icd10cm-excludes1'));
    const expected: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < diagnoses.length; i++)
      for (let j = i + 1; j < diagnoses.length; j++)
        for (const c of cm.excludesConflicts(diagnoses[i], diagnoses[j], 'excludes1')) {
          const key = `${c.owner}|${c.other}|${j}`;
          if (seen.has(key)) continue;
          seen.add(key);
          expected.push(JSON.stringify([j, c.owner, c.other, c.note.text]));
        }
    const got = r.issues
      .filter((e) => e.code === 'excludes1_conflict')
      .map((e) =>
        e.code === 'excludes1_conflict' ? JSON.stringify([e.path[1], e.owner, e.other, e.noteText]) : '',
      );
    expect(got.length).toBeGreaterThan(20);
    expect(got.sort()).toEqual(expected.sort());
    expect(only(r.issues, 'excludes1_conflict').length).toBe(expected.length);
  });

  it('icd10cm-use-additional-code reports what checking every other diagnosis reports', () => {
    const r = validateClaimJson(claim, rules('icd10cm-use-additional-code'));
    const expected: string[] = [];
    diagnoses.forEach((code, i) => {
      if (!cm.check(code).ok) return;
      const groups = new Map<string, Icd10CmNote[]>();
      for (const note of cm.notesFor(code)?.useAdditionalCode ?? [])
        if (note.references.length > 0)
          groups.set(`${note.level}|${note.levelCode}`, [
            ...(groups.get(`${note.level}|${note.levelCode}`) ?? []),
            note,
          ]);
      for (const notes of groups.values()) {
        const met = diagnoses.some(
          (other, k) =>
            k !== i && notes.some((n) => n.references.some((ref) => covers(ref, undotted(other)))),
        );
        if (!met)
          expected.push(JSON.stringify([i, notes[0]!.levelCode, notes.map((n) => n.text).join('; ')]));
      }
    });
    const got = r.issues
      .filter((e) => e.code === 'use_additional_code')
      .map((e) => (e.code === 'use_additional_code' ? JSON.stringify([e.path[1], e.owner, e.noteText]) : ''));
    expect(got.length).toBeGreaterThan(5);
    expect(got.sort()).toEqual(expected.sort());
  });
});
