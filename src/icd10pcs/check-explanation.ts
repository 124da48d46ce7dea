/**
 * Explanations of invalid ICD-10-PCS codes: the first axis (section, body system, operation, then
 * characters 4 to 7 within the table's rows) that no row allows, the values allowed there, and
 * where the table does use the failing value. Source: CMS ICD-10-PCS FY2026 Tables
 * (icd10pcs_tables_2026.xml), where a code is valid only as a combination of one row's values.
 *
 * @module
 */
import { createIssue } from '../core/issues';
import type { AllowedValue, MedcodeIssue } from '../core/issues';
import { ICD10PCS_ALPHABET } from './model';
import { locate } from './edition-data';
import type { Icd10PcsData, RuntimeRow, RuntimeTable } from './edition-data';

const SYSTEM = 'icd10pcs' as const;
const TABLES_CITATION = 'CMS ICD-10-PCS FY2026 Tables (icd10pcs_tables_2026.xml)';

/** Why a well-formed code is not valid: the first failing axis and what is allowed there. */
export interface AxisFailure {
  readonly position: number;
  readonly axis: string;
  readonly value: string;
  readonly table?: RuntimeTable;
  readonly row?: number;
  readonly allowed: readonly AllowedValue[];
  readonly context: readonly { position: number; axis: string; value: string; meaning: string }[];
  /** Where the table does allow the failing value, in words (e.g. "only with Body Part C, D"). */
  readonly elsewhere?: string;
}

/**
 * The distinct values among (character, value id) pairs with their meanings, in ICD-10-PCS
 * character order (digits, then letters).
 *
 * @example
 * ```ts
 * allowedValues(data, [['0', id]]) // [{ value: '0', meaning: 'Open' }]
 * ```
 */
export function allowedValues(d: Icd10PcsData, ids: Iterable<readonly [string, number]>): AllowedValue[] {
  const seen = new Map<string, string>();
  for (const [ch, id] of ids) if (!seen.has(ch)) seen.set(ch, d.value(id)[1]);
  return [...seen.entries()]
    .sort((a, b) => ICD10PCS_ALPHABET.indexOf(a[0]) - ICD10PCS_ALPHABET.indexOf(b[0]))
    .map(([value, meaning]) => Object.freeze({ value, meaning }));
}

/**
 * Why a well-formed code is not valid: the first axis, in order 1..7, that no table/row allows
 * given the axes before it. Source: the tables XML, where a code is valid only as a combination
 * of one row's values (a value may exist in a table yet not with the other values chosen).
 *
 * @example
 * ```ts
 * explainInvalid(data, '0LB5OZZ').axis // 'Approach'
 * ```
 */
export function explainInvalid(d: Icd10PcsData, code: string): AxisFailure {
  const sectionTables = d.tree.get(code[0]!);
  if (!sectionTables) {
    const sections: [string, number][] = [];
    for (const [, bs] of d.tree) {
      const first = bs.values().next().value?.[0];
      if (first !== undefined) sections.push([d.tableCode(first)[0]!, d.table(first).head[0]]);
    }
    return {
      position: 1,
      axis: 'Section',
      value: code[0]!,
      allowed: allowedValues(d, sections),
      context: [],
    };
  }
  const anyTable = d.table(sectionTables.values().next().value![0]!);
  const bsTables = sectionTables.get(code[1]!);
  if (!bsTables) {
    const list: [string, number][] = [];
    for (const [ch, tables] of sectionTables) list.push([ch, d.table(tables[0]!).head[1]]);
    return {
      position: 2,
      axis: anyTable.names[1]!,
      value: code[1]!,
      allowed: allowedValues(d, list),
      context: [],
    };
  }
  const table = d.tableByCode(code.slice(0, 3));
  if (!table) {
    const ops = bsTables.map((i) => [d.tableCode(i)[2]!, d.table(i).head[2]] as const);
    return {
      position: 3,
      axis: d.table(bsTables[0]!).names[2]!,
      value: code[2]!,
      allowed: allowedValues(d, ops),
      context: [],
    };
  }
  let candidates: readonly RuntimeRow[] = table.rows;
  const context: { position: number; axis: string; value: string; meaning: string }[] = [];
  for (let k = 0; k < 4; k++) {
    const ch = code[k + 3]!;
    const next = candidates.filter((r) => r.chars[k]!.includes(ch));
    if (next.length === 0) {
      const pairs: [string, number][] = [];
      for (const r of candidates)
        for (let j = 0; j < r.chars[k]!.length; j++) pairs.push([r.chars[k]![j]!, r.ids[k]![j]!]);
      return {
        position: k + 4,
        axis: table.names[k + 3]!,
        value: ch,
        table,
        ...(k > 0 ? { row: candidates[0]!.index } : {}),
        allowed: allowedValues(d, pairs),
        context,
        elsewhere: elsewhere(d, table, code, k),
      };
    }
    const r = next[0]!;
    context.push({
      position: k + 4,
      axis: table.names[k + 3]!,
      value: ch,
      meaning: d.value(r.ids[k]![r.chars[k]!.indexOf(ch)]!)[1],
    });
    candidates = next;
  }
  // Unreachable for a code #locate rejected; kept total.
  return { position: 7, axis: table.names[6]!, value: code[6]!, table, allowed: [], context };
}

/**
 * For a value that fails at row axis `k`: where the table does use it. Among the rows holding the
 * value at `k`, the first earlier axis whose chosen value none of them allows is named with the
 * values those rows allow there ("Device L is used in table 0SR only with Body Part C, D").
 */
function elsewhere(d: Icd10PcsData, table: RuntimeTable, code: string, k: number): string {
  const ch = code[k + 3]!;
  const name = `${table.names[k + 3]} ${ch}`;
  let rows = table.rows.filter((r) => r.chars[k]!.includes(ch));
  if (rows.length === 0) return `${name} is not used anywhere in table ${table.code}`;
  const r0 = rows[0]!;
  const label = d.value(r0.ids[k]![r0.chars[k]!.indexOf(ch)]!)[1];
  for (let j = 0; j < k; j++) {
    const chosen = code[j + 3]!;
    const next = rows.filter((r) => r.chars[j]!.includes(chosen));
    if (next.length === 0) {
      const pairs: [string, number][] = [];
      for (const r of rows)
        for (let i = 0; i < r.chars[j]!.length; i++) pairs.push([r.chars[j]![i]!, r.ids[j]![i]!]);
      const allowed = allowedValues(d, pairs);
      const shown = allowed
        .slice(0, 8)
        .map((a) => `${a.value} (${a.meaning})`)
        .join('; ');
      return `${name} (${label}) is used in table ${table.code} only with ${table.names[j + 3]} ${shown}${allowed.length > 8 ? `; and ${allowed.length - 8} more` : ''}`;
    }
    rows = next;
  }
  return `${name} (${label}) is used in table ${table.code}, but not with these values`;
}

/**
 * The `invalid_axis_value` issue for a well-formed code that no row allows, with the values
 * allowed there and a remedy (the digit meant for I or O, or where the table uses the value).
 *
 * @example
 * ```ts
 * axisIssue(data, 'FY2026', '0LB5OZZ', '0LB5OZZ', explainInvalid(data, '0LB5OZZ')).code // 'invalid_axis_value'
 * ```
 */
export function axisIssue(
  d: Icd10PcsData,
  dataVersion: string,
  code: string,
  input: unknown,
  f: AxisFailure,
): MedcodeIssue {
  // I and O are never ICD-10-PCS values (ICD-10-PCS Official Guidelines, convention A2); suggest the digit they resemble.
  let remedy: string | undefined;
  if (f.value === 'I' || f.value === 'O') {
    const fixed = code.replace(/I/g, '1').replace(/O/g, '0');
    const ok = locate(d, fixed) !== undefined;
    remedy = `ICD-10-PCS never uses the letters I and O${ok ? `; did you mean ${fixed}?` : `; ${f.value === 'O' ? 'the digit 0' : 'the digit 1'} may have been meant`}`;
  } else if (f.elsewhere) {
    remedy = f.elsewhere;
  } else if (f.allowed.length > 0) {
    remedy = `use one of the values allowed for ${f.axis} here`;
  }
  return createIssue({
    code: 'invalid_axis_value',
    severity: 'error',
    path: [],
    codes: [code],
    system: SYSTEM,
    dataVersion: dataVersion,
    input,
    position: f.position,
    axis: f.axis,
    value: f.value,
    ...(f.table ? { table: f.table.code } : {}),
    ...(f.row !== undefined ? { row: f.row } : {}),
    allowed: Object.freeze([...f.allowed]),
    ...(f.context.length ? { context: Object.freeze(f.context.map((c) => Object.freeze(c))) } : {}),
    citation: f.table ? `${TABLES_CITATION}, table ${f.table.code}` : TABLES_CITATION,
    ...(remedy ? { remedy } : {}),
  });
}
