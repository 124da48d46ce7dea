/**
 * Tiny hand-made implementations of the code-set contract (interfaces.md) for unit tests, until the
 * integrator wires the real medcode/icd10cm, /icd10pcs and /hcpcs systems. The notes mirror the
 * FY2026 tabular for the few codes used (E10/E11 Excludes1 each other; G63 "code first"; E11
 * "use additional code" Z79.4).
 */
import { createIssue } from '../../src/core/issues';
import type { CheckResult, CodeEntry } from '../../src/core/codeset';
import type { Edition } from '../../src/core/edition';
import type { Result } from '../../src/core/result';
import type {
  ClaimCodeSets,
  Icd10CmEntry,
  Icd10CmNote,
  Icd10CmRuleCodeSet,
  ModifierEntry,
  RuleCodeSet,
  Icd10CmEffectiveNotes,
  Icd10CmExcludesConflict,
} from '../../src/rules/contract';
import { success } from '../../src/core/result';

const FY2026: Edition = {
  id: 'fy2026',
  name: 'ICD-10-CM FY2026',
  system: 'icd10cm',
  effectiveFrom: '2025-10-01',
  effectiveTo: '2026-09-30',
};

const note = (
  text: string,
  level: Icd10CmNote['level'],
  levelCode: string,
  refs: [string, string, string][],
): Icd10CmNote => ({
  text,
  level,
  levelCode,
  references: refs.map(([raw, low, high]) => ({ raw, low, high })),
});
const E10_EX1 = note('type 2 diabetes mellitus (E11.-)', 'category', 'E10', [['E11.-', 'E11', 'E11']]);
const E11_EX1 = note('type 1 diabetes mellitus (E10.-)', 'category', 'E11', [['E10.-', 'E10', 'E10']]);
const E11_UAC = note('insulin (Z79.4)', 'category', 'E11', [['Z79.4', 'Z794', 'Z794']]);
const E11_UAC2 = note('oral antidiabetic drugs (Z79.84)', 'category', 'E11', [['Z79.84', 'Z7984', 'Z7984']]);
const G63_CF = note('Code first underlying disease, such as: amyloidosis (E85.-)', 'category', 'G63', [
  ['E85.-', 'E85', 'E85'],
]);
const E11_EX2 = note('other specified diabetes (E13.-)', 'category', 'E11', [['E13.-', 'E13', 'E13']]);

const CODES: Record<
  string,
  { billable: boolean; poaExempt: boolean; notes?: Partial<Icd10CmEffectiveNotes> }
> = {
  'E10.9': { billable: true, poaExempt: false, notes: { excludes1: [E10_EX1] } },
  'E11.9': {
    billable: true,
    poaExempt: false,
    notes: { excludes1: [E11_EX1], excludes2: [E11_EX2], useAdditionalCode: [E11_UAC, E11_UAC2] },
  },
  'E13.9': { billable: true, poaExempt: false },
  E11: { billable: false, poaExempt: false },
  G63: { billable: true, poaExempt: false, notes: { codeFirst: [G63_CF] } },
  'E85.4': { billable: true, poaExempt: false },
  'Z79.4': { billable: true, poaExempt: true },
  'Z79.84': { billable: true, poaExempt: true },
  I10: { billable: true, poaExempt: false },
  'Z37.0': { billable: true, poaExempt: true },
  'Z3A.39': { billable: true, poaExempt: true },
  'Z00.110': { billable: true, poaExempt: true },
  O80: { billable: true, poaExempt: true },
  'N40.0': { billable: true, poaExempt: false },
  C61: { billable: true, poaExempt: false },
  'W01.0XXA': { billable: true, poaExempt: false },
  'F02.80': { billable: true, poaExempt: false },
  'J02.9': { billable: true, poaExempt: false },
  'M54.50': { billable: true, poaExempt: false },
};

const EMPTY: Icd10CmEffectiveNotes = {
  inclusionTerms: [],
  includes: [],
  excludes1: [],
  excludes2: [],
  codeFirst: [],
  useAdditionalCode: [],
  codeAlso: [],
  notes: [],
};

function lookup(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const c = code.trim().toUpperCase();
  return Object.hasOwn(CODES, c) ? c : undefined;
}

/** A fake ICD-10-CM FY2026 code set. */
export const fakeIcd10cm: Icd10CmRuleCodeSet = {
  edition: FY2026,
  get(code) {
    const c = lookup(code);
    if (!c) return undefined;
    const d = CODES[c]!;
    return { code: c, title: c, billable: d.billable, poaExempt: d.poaExempt } satisfies Icd10CmEntry;
  },
  check(code): CheckResult<Icd10CmEntry> {
    const entry = this.get(code);
    if (!entry)
      return {
        ok: false as const,
        issues: [
          createIssue({
            code: 'unknown_code',
            severity: 'error',
            path: [],
            codes: [String(code)],
            system: 'icd10cm',
            dataVersion: FY2026.name,
          }),
        ],
      };
    if (!entry.billable)
      return {
        ok: false as const,
        issues: [
          createIssue({
            code: 'not_billable',
            severity: 'error',
            path: [],
            codes: [entry.code],
            system: 'icd10cm',
            dataVersion: FY2026.name,
            billableChildren: 1,
            examples: ['E11.9'],
          }),
        ],
      };
    return { ok: true as const, value: entry, issues: [] };
  },
  notesFor(code) {
    const c = lookup(code);
    return c ? { ...EMPTY, ...(CODES[c]!.notes ?? {}) } : undefined;
  },
  excludesConflicts(a, b, kind) {
    const out: Icd10CmExcludesConflict[] = [];
    for (const [owner, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const o = lookup(owner);
      const t = lookup(other);
      if (!o || !t) continue;
      const notes = this.notesFor(o)!;
      for (const k of ['excludes1', 'excludes2'] as const) {
        if (kind && kind !== k) continue;
        for (const n of notes[k])
          for (const r of n.references) {
            const head = t.replace('.', '').slice(0, r.low.length);
            if (r.low <= head && head <= r.high)
              out.push({ kind: k, owner: o, other: t, note: n, reference: r });
          }
      }
    }
    return out;
  },
};

const HCPCS_2026: Edition = {
  id: '2026-apr',
  name: 'HCPCS 2026 Q2',
  system: 'hcpcs',
  effectiveFrom: '2026-04-01',
  effectiveTo: '2026-06-30',
};
const hcpcsCodes = new Map<string, { terminated?: string }>([
  ['J1100', {}],
  ['G0008', {}],
  ['A0425', {}],
  ['J0001', { terminated: '2026-01-01' }],
]);

function simpleSet<E extends CodeEntry>(
  edition: Edition,
  system: 'hcpcs' | 'pos' | 'hcpcs-modifier',
  get: (c: string) => E | undefined,
  extra?: (e: E) => CheckResult<E> | undefined,
): RuleCodeSet<E> {
  return {
    edition,
    get: (code) => (typeof code === 'string' ? get(code.trim().toUpperCase()) : undefined),
    check(code) {
      const e = this.get(code);
      if (!e)
        return {
          ok: false as const,
          issues: [
            createIssue({
              code: 'unknown_code',
              severity: 'error',
              path: [],
              codes: [String(code)],
              system,
              dataVersion: edition.name,
            }),
          ],
        };
      return extra?.(e) ?? { ok: true as const, value: e, issues: [] };
    },
  };
}

export const fakeHcpcs = simpleSet(
  HCPCS_2026,
  'hcpcs',
  (c) => (hcpcsCodes.has(c) ? { code: c, title: c } : undefined),
  (e) => {
    const t = hcpcsCodes.get(e.code)?.terminated;
    return t
      ? {
          ok: false as const,
          issues: [
            createIssue({
              code: 'code_terminated',
              severity: 'error',
              path: [],
              codes: [e.code],
              system: 'hcpcs',
              terminationDate: t,
            }),
          ],
        }
      : undefined;
  },
);

const MODS: Record<string, Omit<ModifierEntry, 'code' | 'title'>> = {
  '59': { source: 'cpt', ptpAssociated: true, anatomic: false },
  XS: { source: 'hcpcs', ptpAssociated: true, anatomic: false },
  LT: { source: 'hcpcs', ptpAssociated: true, anatomic: true },
  '25': { source: 'cpt', ptpAssociated: true, anatomic: false },
  '26': { source: 'cpt', ptpAssociated: false, anatomic: false },
  GA: { source: 'hcpcs', ptpAssociated: false, anatomic: false },
  '76': { source: 'cpt', ptpAssociated: false, anatomic: false },
};
export const fakeModifiers = simpleSet<ModifierEntry>(HCPCS_2026, 'hcpcs-modifier', (c) =>
  Object.hasOwn(MODS, c) ? { code: c, title: c, ...MODS[c]! } : undefined,
);
export const fakePos = simpleSet({ ...HCPCS_2026, id: 'pos', name: 'CMS POS' }, 'pos', (c) =>
  ['11', '22', '21', '02'].includes(c) ? { code: c, title: c } : undefined,
);

const ok = <T>(value: T): Result<T> => success(value);
const none = (date: string): Result<never> => ({
  ok: false,
  issues: [
    createIssue({
      code: 'no_edition',
      severity: 'error',
      path: [],
      codes: [],
      date,
      available: [],
      system: 'icd10cm',
    }),
  ],
});

/** Code sets in force 2025-10-01..2026-09-30 (ICD-10-CM) and 2026-01-01..2026-12-31 (the rest). */
export const fakeCodeSets: ClaimCodeSets = {
  icd10cm: (d) => (d >= '2025-10-01' && d <= '2026-09-30' ? ok(fakeIcd10cm) : none(d)),
  hcpcs: (d) => (d >= '2026-01-01' && d <= '2026-12-31' ? ok(fakeHcpcs) : none(d)),
  modifiers: (d) => (d >= '2026-01-01' && d <= '2026-12-31' ? ok(fakeModifiers) : none(d)),
  placesOfService: (d) => (d >= '2026-01-01' && d <= '2026-12-31' ? ok(fakePos) : none(d)),
};

/** A valid professional claim to start from. */
export function baseClaim(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claimId: 'C1',
    patient: { birthDate: '1960-03-15', sex: 'M' },
    placeOfService: '11',
    diagnoses: [{ code: 'E11.9' }, { code: 'Z79.4' }],
    lines: [
      {
        procedure: '99213',
        units: 1,
        charge: '120.00',
        serviceDate: '2026-05-01',
        diagnosisPointers: [1, 2],
      },
    ],
    ...overrides,
  };
}
