/**
 * medcode/report: a batch of claim validations as one self-contained HTML page that a manager
 * reads at a glance — the totals, the edits by rule and by payer-facing reason as bar charts, the
 * lines most often denied, and per-claim rows with the same paths and remedies as the terminal
 * table of `medcode validate`. No network, no external script or style: one file to mail or open.
 *
 * Streaming-friendly: {@link createValidationReport} aggregates as results arrive and keeps only a
 * bounded sample of claim rows (the report says so), so a 100k-claim batch never sits in memory.
 *
 * @module
 */
import { checkOptionsArgument, invalidArgument, isIterable, isTextOrBytes } from '../core/arguments';
import { createHash } from 'node:crypto';
import { MedcodeError } from '../core/errors';
import { createIssue, formatPath } from '../core/issues';
import type { IssuePath, MedcodeIssue, Severity } from '../core/issues';
import { payerReason } from './reasons';

export { payerReason } from './reasons';

/**
 * An issue as the report reads it: a medcode issue, with the id of the rule that raised it when a
 * rule did (`ClaimEdit`).
 *
 * @example
 * ```ts
 * const i: ReportIssue = validateClaim(claim).issues[0]!
 * ```
 */
export type ReportIssue = MedcodeIssue & { readonly rule?: string };

/**
 * One claim's validation as the report takes it: what `validateClaim` returns (a `ClaimValidation`)
 * is one, and so is a `medcode validate --json` claim (which carries no `value`: the lines it
 * denies are counted as "(unknown)"). `label` and `source` name the claim in the rows (default:
 * the claim id, when the claim was read).
 *
 * @example
 * ```ts
 * const entry: ReportEntry = { ...validateClaim(claim), label: 'PCN-2026-0001', source: 'batch.837' }
 * ```
 */
export interface ReportEntry {
  readonly ok: boolean;
  /** `passed`, `failed` or `not_checked`; without it, `ok` decides between passed and failed. */
  readonly status?: 'passed' | 'failed' | 'not_checked' | undefined;
  readonly issues: readonly ReportIssue[];
  /** Rules that could not run, and why. */
  readonly skipped?: readonly { readonly rule: string; readonly reason: string }[] | undefined;
  /** The claim, when it could be read: its id labels the row, its lines name the denied lines. */
  readonly value?: {
    readonly claimId?: string | undefined;
    readonly lines?:
      | readonly { readonly procedure: string; readonly modifiers?: readonly string[] | undefined }[]
      | undefined;
  };
  readonly label?: string | undefined;
  readonly source?: string | undefined;
}

/**
 * Options of {@link createValidationReport} and {@link renderValidationReport}.
 *
 * @example
 * ```ts
 * const options: ValidationReportOptions = { title: 'March batch', maxClaimRows: 200, profile: 'medicare-professional', today: '2026-03-31' }
 * ```
 */
export interface ValidationReportOptions {
  /** The page title. Default `Claim validation report`. */
  readonly title?: string;
  /** Claims with edits kept as rows (the first ones, in input order): a whole number, 0 for none. Default 500. */
  readonly maxClaimRows?: number;
  /** The profile the claims were validated with, shown under the title. */
  readonly profile?: string;
  /** The validation date, shown under the title (the report itself holds no clock). */
  readonly today?: string;
  /** Bars per chart and lines in the most-denied table: a whole number from 1 up. Default 12. */
  readonly top?: number;
}

/**
 * The counts of a report, as shown at its top.
 *
 * @example
 * ```ts
 * const t: ValidationReportTotals = report.totals() // { claims: 120, clean: 80, withWarnings: 12, withErrors: 25, notChecked: 3, … }
 * ```
 */
export interface ValidationReportTotals {
  readonly claims: number;
  /** Passed with no warning. */
  readonly clean: number;
  /** Passed, with at least one warning. */
  readonly withWarnings: number;
  /** Failed: at least one error edit, or the claim could not be read. */
  readonly withErrors: number;
  /** Not checked for lack of data (no code set covers a date of service). */
  readonly notChecked: number;
  /** Claims on which some rule could not run. */
  readonly withSkippedRules: number;
  readonly edits: { readonly error: number; readonly warning: number; readonly info: number };
  /** Claims kept as rows, and claims with edits that were not kept. */
  readonly rowsShown: number;
  readonly rowsOmitted: number;
}

/**
 * A report being filled: add results one at a time, render at the end.
 *
 * @example
 * ```ts
 * const report = createValidationReport({ maxClaimRows: 200 })
 * for await (const claim of claims) report.add(validator.validate(claim))
 * writeFileSync('report.html', report.render())
 * ```
 */
export interface ValidationReport {
  /** Adds one claim's validation. */
  add(entry: ReportEntry): void;
  /** The counts so far. */
  totals(): ValidationReportTotals;
  /** The HTML page for everything added so far. */
  render(): string;
}

type Counts = { error: number; warning: number; info: number };
const zero = (): Counts => ({ error: 0, warning: 0, info: 0 });

interface ClaimRow {
  readonly label: string;
  readonly source: string;
  readonly status: 'passed' | 'failed' | 'not_checked';
  readonly edits: readonly EditRow[];
}

interface EditRow {
  readonly line: string;
  readonly field: string;
  readonly codes: string;
  readonly severity: Severity;
  readonly rule: string;
  readonly reason: string;
  readonly message: string;
  readonly remedy: string;
}

/**
 * Starts a report. Memory stays flat in the number of claims: counters per rule, reason and
 * procedure, and at most `maxClaimRows` claim rows.
 *
 * @example
 * ```ts
 * const report = createValidationReport({ title: 'Batch 42' })
 * report.add(validateClaim(claim))
 * report.totals().claims // 1
 * ```
 */
export function createValidationReport(options: ValidationReportOptions = {}): ValidationReport {
  return startReport('createValidationReport', options);
}

/** {@link createValidationReport}, with the name of the public function that was called for its errors. */
function startReport(fn: string, options: ValidationReportOptions): ValidationReport {
  checkOptionsArgument(fn, options);
  const maxRows = countOption(fn, options, 'maxClaimRows', 500, 0);
  const top = countOption(fn, options, 'top', 12, 1);
  for (const name of ['title', 'profile', 'today'] as const)
    if (options[name] !== undefined && typeof options[name] !== 'string')
      throw invalidArgument(fn, name, 'a string', options[name]);
  let claims = 0;
  let clean = 0;
  let withWarnings = 0;
  let withErrors = 0;
  let notChecked = 0;
  let withSkippedRules = 0;
  let rowsOmitted = 0;
  const edits = zero();
  const byRule = new Map<string, Counts>();
  const byReason = new Map<string, Counts>();
  /** Procedure (with modifiers) → lines with an error edit, and the rules that denied them. */
  const denied = new Map<string, { lines: number; rules: Map<string, number> }>();
  const rows: ClaimRow[] = [];
  /** `rule NUL reason` → claims on which that part of the rule could not run. */
  const skips = new Map<string, number>();

  const bump = (map: Map<string, Counts>, key: string, severity: Severity) => {
    let c = map.get(key);
    if (!c) map.set(key, (c = zero()));
    c[severity]++;
  };

  return {
    add(entry: ReportEntry): void {
      checkEntry(entry, claims);
      claims++;
      const issues = entry.issues;
      const status = entry.status ?? (entry.ok ? 'passed' : 'failed');
      const warned = issues.some((i) => i.severity === 'warning');
      if (status === 'failed') withErrors++;
      else if (status === 'not_checked') notChecked++;
      else if (warned) withWarnings++;
      else clean++;
      const skipped = entry.skipped ?? [];
      if (skipped.length > 0) withSkippedRules++;
      // A line is denied once however many errors it has; its rules are counted per edit.
      const deniedLines = new Map<number, Set<string>>();
      for (const issue of issues) {
        const severity = issue.severity;
        edits[severity]++;
        bump(byRule, issue.rule ?? issue.code, severity);
        bump(byReason, payerReason(issue), severity);
        const line = lineIndex(issue.path);
        // A code that could not be checked is not a denial.
        if (severity === 'error' && line !== undefined && issue.code !== 'not_checked') {
          let rules = deniedLines.get(line);
          if (!rules) deniedLines.set(line, (rules = new Set()));
          rules.add(issue.rule ?? issue.code);
        }
      }
      for (const [line, rules] of deniedLines) {
        const l = entry.value?.lines?.[line];
        const key = l
          ? [l.procedure.toUpperCase(), ...(l.modifiers ?? []).map((m) => m.toUpperCase())].join('-')
          : '(unknown)';
        let d = denied.get(key);
        if (!d) denied.set(key, (d = { lines: 0, rules: new Map() }));
        d.lines++;
        for (const r of rules) d.rules.set(r, (d.rules.get(r) ?? 0) + 1);
      }
      // Skipped rules are summed per rule and reason (the same few reasons recur on every claim).
      for (const s of skipped) {
        const key = `${s.rule}\u0000${s.reason}`;
        skips.set(key, (skips.get(key) ?? 0) + 1);
      }
      if (status === 'passed' && issues.length === 0) return;
      if (rows.length >= maxRows) {
        rowsOmitted++;
        return;
      }
      rows.push({
        label: entry.label ?? entry.value?.claimId ?? `claim ${claims}`,
        source: entry.source ?? '',
        status,
        edits: issues.map(editRow),
      });
    },
    totals(): ValidationReportTotals {
      return {
        claims,
        clean,
        withWarnings,
        withErrors,
        notChecked,
        withSkippedRules,
        edits: { ...edits },
        rowsShown: rows.length,
        rowsOmitted,
      };
    },
    render(): string {
      return renderHtml(options, this.totals(), { byRule, byReason, denied, skips }, rows, maxRows, top);
    },
  };
}

/**
 * The whole report in one call, for results already at hand or produced lazily by a generator
 * (each result is read once and dropped: a generator that validates claim by claim streams).
 *
 * @example
 * ```ts
 * import { renderValidationReport } from 'medcode/report'
 * const html = renderValidationReport(claims.map((c) => validateClaim(c)), { title: 'Batch 42' })
 * ```
 */
export function renderValidationReport(
  results: Iterable<ReportEntry>,
  options: ValidationReportOptions = {},
): string {
  if (isTextOrBytes(results) || !isIterable(results))
    throw invalidArgument('renderValidationReport', 'results', 'an iterable of validation results', results);
  const report = startReport('renderValidationReport', options);
  for (const r of results) report.add(r);
  return report.render();
}

/**
 * A count option (`maxClaimRows`, `top`): its default when absent, else a whole number from `min`
 * up. NaN, Infinity, a fraction or a negative number is refused by name rather than rounded: NaN
 * would empty every chart while the totals count edits, and Infinity would lift the row bound that
 * keeps a large batch's page small.
 */
function countOption(
  fn: string,
  options: ValidationReportOptions,
  name: 'maxClaimRows' | 'top',
  fallback: number,
  min: number,
): number {
  const value: unknown = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw invalidArgument(fn, name, `a whole number from ${min} up`, value);
  return value;
}

/**
 * Refuses, with a {@link MedcodeError}, what is not a validation result: the report would otherwise
 * count it wrongly or fail deep inside.
 */
function checkEntry(entry: unknown, index: number): asserts entry is ReportEntry {
  const bad: (path: (string | number)[], expected: string, value: unknown) => never = (
    path,
    expected,
    value,
  ) => {
    throw new MedcodeError([
      createIssue({
        code: 'invalid_type',
        severity: 'error',
        path: [index, ...path],
        codes: [],
        expected,
        received: value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value,
      }),
    ]);
  };
  if (typeof entry !== 'object' || entry === null)
    bad([], 'a validation result ({ ok, status, issues })', entry);
  const e = entry as Record<string, unknown>;
  if (typeof e.ok !== 'boolean') bad(['ok'], 'a boolean', e.ok);
  if (!Array.isArray(e.issues)) bad(['issues'], 'an array of issues', e.issues);
  if (e.status !== undefined && e.status !== 'passed' && e.status !== 'failed' && e.status !== 'not_checked')
    bad(['status'], "'passed', 'failed' or 'not_checked'", e.status);
  (e.issues as unknown[]).forEach((issue, k) => {
    const i = issue as Record<string, unknown> | null;
    if (
      typeof i !== 'object' ||
      i === null ||
      typeof i.code !== 'string' ||
      (i.severity !== 'error' && i.severity !== 'warning' && i.severity !== 'info') ||
      !Array.isArray(i.path) ||
      typeof i.message !== 'string'
    )
      bad(['issues', k], 'a medcode issue ({ code, severity, path, message })', issue);
    // The path places the edit on a line or diagnosis of the row; anything but names and indexes
    // would be shown as "[object Object]".
    (i.path as unknown[]).forEach((part, p) => {
      if (typeof part !== 'string' && typeof part !== 'number')
        bad(['issues', k, 'path', p], 'a field name or an index', part);
    });
    if (i.codes !== undefined && !isStringArray(i.codes))
      bad(['issues', k, 'codes'], 'an array of codes (strings)', i.codes);
    optionalString(i.rule, ['issues', k, 'rule']);
    optionalString(i.remedy, ['issues', k, 'remedy']);
  });
  if (e.skipped !== undefined) {
    if (!Array.isArray(e.skipped)) bad(['skipped'], 'an array', e.skipped);
    (e.skipped as unknown[]).forEach((skip, k) => {
      const s = skip as Record<string, unknown> | null;
      if (typeof s !== 'object' || s === null || typeof s.rule !== 'string' || typeof s.reason !== 'string')
        bad(['skipped', k], 'a skipped rule ({ rule, reason })', skip);
    });
  }
  // The claim names the row (its id) and the denied lines (each line's procedure and modifiers).
  if (e.value !== undefined) {
    if (typeof e.value !== 'object' || e.value === null || Array.isArray(e.value))
      bad(['value'], 'the claim (an object)', e.value);
    const claim = e.value as Record<string, unknown>;
    optionalString(claim.claimId, ['value', 'claimId']);
    if (claim.lines !== undefined) {
      if (!Array.isArray(claim.lines)) bad(['value', 'lines'], 'an array of lines', claim.lines);
      (claim.lines as unknown[]).forEach((line, k) => {
        const l = line as Record<string, unknown> | null;
        if (typeof l !== 'object' || l === null)
          bad(['value', 'lines', k], 'a line ({ procedure, modifiers })', line);
        if (typeof l.procedure !== 'string') bad(['value', 'lines', k, 'procedure'], 'a string', l.procedure);
        if (l.modifiers !== undefined && !isStringArray(l.modifiers))
          bad(['value', 'lines', k, 'modifiers'], 'an array of modifiers (strings)', l.modifiers);
      });
    }
  }
  optionalString(e.label, ['label']);
  optionalString(e.source, ['source']);

  function optionalString(value: unknown, path: (string | number)[]): void {
    if (value !== undefined && typeof value !== 'string') bad(path, 'a string', value);
  }
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function lineIndex(path: IssuePath): number | undefined {
  return path[0] === 'lines' && typeof path[1] === 'number' ? path[1] : undefined;
}

/** Where an edit sits, as in the terminal table: a 1-based line number, `dx N` or `claim`. */
function whereOf(path: IssuePath): { line: string; field: string } {
  const [head, index, ...rest] = path;
  if (head === 'lines' && typeof index === 'number')
    return { line: String(index + 1), field: formatPath(rest) };
  if (head === 'diagnoses' && typeof index === 'number')
    return { line: `dx ${index + 1}`, field: formatPath(rest) };
  return { line: 'claim', field: formatPath(path) };
}

function editRow(issue: ReportIssue): EditRow {
  const { line, field } = whereOf(issue.path);
  const prefix = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  const message =
    prefix && issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
  return {
    line,
    field,
    codes: (issue.codes ?? []).join(' '),
    severity: issue.severity,
    rule: issue.rule ?? issue.code,
    reason: payerReason(issue),
    message,
    remedy: issue.remedy ?? '',
  };
}

// ---- HTML ---------------------------------------------------------------------------------------

/**
 * Text for HTML: the five markup characters escaped, and control characters (which a claim may
 * carry from a hostile or broken file) shown as U+FFFD rather than passed to the browser.
 */
function esc(value: unknown): string {
  return String(value)
    .replace(/(?![\t\n\r])\p{Cc}/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  error: '#c62828',
  warning: '#ef8f00',
  info: '#78909c',
};

/** A horizontal stacked bar chart (errors, warnings, infos) as inline SVG. */
function barChart(id: string, title: string, data: Map<string, Counts>, top: number): string {
  const rows = [...data.entries()]
    .map(([name, c]) => ({ name, c, total: c.error + c.warning + c.info }))
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1))
    .slice(0, top);
  if (rows.length === 0)
    return `<section class="card"><h2>${esc(title)}</h2><p class="muted">No edits.</p></section>`;
  const max = Math.max(...rows.map((r) => r.total));
  // Bars in percent of the chart width and text in pixels: the labels stay readable on a phone.
  const rowHeight = 40;
  const barMax = 85;
  const bars = rows
    .map((r, k) => {
      const y = k * rowHeight;
      let x = 0;
      const segments = (['error', 'warning', 'info'] as const)
        .filter((s) => r.c[s] > 0)
        .map((s) => {
          const w = Math.max(0.5, (r.c[s] / max) * barMax);
          const rect = `<rect x="${x.toFixed(2)}%" y="${y + 19}" width="${w.toFixed(2)}%" height="14" rx="2" fill="${SEVERITY_COLOR[s]}"><title>${esc(`${r.name}: ${r.c[s]} ${s}`)}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      return `<g data-bar="${esc(r.name)}" data-count="${r.total}"><text x="0" y="${y + 14}" class="bar-label">${esc(r.name.length > 46 ? `${r.name.slice(0, 45)}…` : r.name)}<title>${esc(r.name)}</title></text>${segments}<text x="${x.toFixed(2)}%" dx="6" y="${y + 31}" class="bar-value">${r.total}</text></g>`;
    })
    .join('');
  return `<section class="card"><h2>${esc(title)}</h2><svg id="${id}" role="img" aria-label="${esc(title)}" width="100%" height="${rows.length * rowHeight}">${bars}</svg></section>`;
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:15px;color:#1d2329;background:#f4f6f8}
body{margin:0;padding:16px;max-width:1200px;margin-inline:auto}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.1rem;margin:0 0 10px}
.muted{color:#5f6b76}.card{background:#fff;border-radius:10px;padding:14px 16px;margin:14px 0;box-shadow:0 1px 3px #0002}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;margin:14px 0}
.total{background:#fff;border-radius:10px;padding:12px 14px;box-shadow:0 1px 3px #0002;border-top:4px solid #90a4ae}
.total output{display:block;font-size:1.8rem;font-weight:700}.total span{color:#5f6b76}
.total.clean{border-color:#2e7d32}.total.warn{border-color:#ef8f00}.total.err{border-color:#c62828}.total.nc{border-color:#6a1b9a}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:14px}.charts .card{margin:0}
.bar-label{font-size:13px;fill:#1d2329}.bar-value{font-size:12px;fill:#5f6b76}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e7eb;vertical-align:top}
th{background:#eef1f4;position:sticky;top:0}th button{all:unset;cursor:pointer;font-weight:600}th button::after{content:" ↕";color:#90a4ae}
th[aria-sort=ascending] button::after{content:" ↑"}th[aria-sort=descending] button::after{content:" ↓"}
#edits td:nth-child(8){min-width:240px}.sev-error{color:#c62828;font-weight:600}.sev-warning{color:#b26a00;font-weight:600}.sev-info{color:#546e7a}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:10px}.filters input,.filters select{font:inherit;padding:6px 8px;border:1px solid #c3ccd4;border-radius:6px}
.filters input{flex:1;min-width:180px}.notice{background:#fff8e1;border-left:4px solid #ef8f00;padding:8px 12px;border-radius:6px}
@media (max-width:700px){body{padding:8px}table,thead,tbody,tr,td{display:block}thead{display:none}
tr{background:#fff;border-radius:8px;margin:8px 0;box-shadow:0 1px 2px #0002;padding:6px 4px}td{border:0;padding:3px 8px}
td::before{content:attr(data-label) ": ";font-weight:600;color:#5f6b76}}
`;

/** Sorting and filtering of the claim rows; reads the table, holds no data of its own. */
const SCRIPT = `(()=>{const t=document.getElementById('edits');if(!t)return;const b=t.tBodies[0];const rows=[...b.rows];
const q=document.getElementById('filter-text'),s=document.getElementById('filter-severity'),st=document.getElementById('filter-status'),n=document.getElementById('shown');
function apply(){const text=q.value.trim().toLowerCase(),sev=s.value,stat=st.value;let k=0;for(const r of rows){const ok=(!text||r.textContent.toLowerCase().includes(text))&&(!sev||r.dataset.severity===sev)&&(!stat||r.dataset.status===stat);r.hidden=!ok;if(ok)k++}n.textContent=String(k)}
q.addEventListener('input',apply);s.addEventListener('change',apply);st.addEventListener('change',apply);
t.tHead.querySelectorAll('th').forEach((th,i)=>{const btn=th.querySelector('button');if(!btn)return;btn.addEventListener('click',()=>{const asc=th.getAttribute('aria-sort')!=='ascending';
t.tHead.querySelectorAll('th').forEach(h=>h.removeAttribute('aria-sort'));th.setAttribute('aria-sort',asc?'ascending':'descending');
const key=r=>r.cells[i].dataset.sort??r.cells[i].textContent;rows.sort((x,y)=>{const a=key(x),c=key(y);const d=a.localeCompare(c,undefined,{numeric:true});return asc?d:-d});for(const r of rows)b.appendChild(r)})});apply()})();`;

const SEVERITY_RANK: Readonly<Record<Severity, string>> = { error: '0', warning: '1', info: '2' };
const STATUS_TEXT = { passed: 'passed', failed: 'failed', not_checked: 'not checked' } as const;

function renderHtml(
  options: ValidationReportOptions,
  t: ValidationReportTotals,
  tallies: {
    readonly byRule: Map<string, Counts>;
    readonly byReason: Map<string, Counts>;
    readonly denied: Map<string, { lines: number; rules: Map<string, number> }>;
    readonly skips: Map<string, number>;
  },
  rows: readonly ClaimRow[],
  maxRows: number,
  top: number,
): string {
  const title = options.title ?? 'Claim validation report';
  const subtitle = [
    options.profile !== undefined ? `profile ${options.profile}` : '',
    options.today !== undefined ? `validated ${options.today}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const total = (id: string, cls: string, n: number, label: string) =>
    `<div class="total ${cls}"><output id="${id}">${n}</output><span>${label}</span></div>`;
  const { byRule, byReason, denied, skips } = tallies;
  const mostDenied = [...denied.entries()]
    .sort((a, b) => b[1].lines - a[1].lines || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([code, d]) => {
      const rules = [...d.rules.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([r, n]) => `${r} (${n})`)
        .join(', ');
      return `<tr data-procedure="${esc(code)}"><td data-label="Procedure">${esc(code)}</td><td data-label="Denied lines">${d.lines}</td><td data-label="Rules">${esc(rules)}</td></tr>`;
    })
    .join('');
  const editRows: string[] = [];
  for (const row of rows) {
    const cells = (e: EditRow | undefined) => {
      const sev = e?.severity;
      return `<tr data-claim="${esc(row.label)}" data-status="${row.status}" data-severity="${sev ?? ''}"><td data-label="Claim">${esc(row.label)}${row.source ? `<br><span class="muted">${esc(row.source)}</span>` : ''}</td><td data-label="Status">${STATUS_TEXT[row.status]}</td><td data-label="Line" data-sort="${esc(e?.line.padStart(6, '0') ?? '')}">${esc(e?.line ?? '')}</td><td data-label="Field">${esc(e?.field ?? '')}</td><td data-label="Codes">${esc(e?.codes ?? '')}</td><td data-label="Severity" data-sort="${sev ? SEVERITY_RANK[sev] : '3'}" class="${sev ? `sev-${sev}` : ''}">${esc(sev ?? '')}</td><td data-label="Edit">${esc(e?.rule ?? '')}</td><td data-label="Message">${esc(e?.message ?? '')}</td><td data-label="Remedy">${esc(e?.remedy ?? '')}</td></tr>`;
    };
    if (row.edits.length === 0) editRows.push(cells(undefined));
    for (const e of row.edits) editRows.push(cells(e));
  }
  const sampleNote =
    t.rowsOmitted > 0
      ? `<p class="notice" id="sample-note">Rows are a bounded sample: the first <strong>${t.rowsShown}</strong> claims with edits (at most ${maxRows}), in input order. <strong>${t.rowsOmitted}</strong> more claims with edits are counted in the totals and charts above but not listed.</p>`
      : // A clean claim (passed, no warning) with info edits is listed for its infos, so that the
        // severity filter finds every info the totals count; only a claim with no edit is not.
        `<p class="muted" id="sample-note">Every claim with edits is listed (${t.rowsShown}), clean claims with info edits among them; claims with no edit are counted above only.</p>`;
  const headers = ['Claim', 'Status', 'Line', 'Field', 'Codes', 'Severity', 'Edit', 'Message', 'Remedy'];
  const script = SCRIPT;
  const scriptHash = createHash('sha256').update(script).digest('base64');
  // No network: the policy forbids every fetch; only this page's own style and script run.
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${esc(title)}</h1>${subtitle ? `<p class="muted">${esc(subtitle)}</p>` : ''}</header>
<section class="totals" aria-label="Totals">
${total('total-claims', '', t.claims, 'claims')}
${total('total-clean', 'clean', t.clean, 'clean')}
${total('total-warnings', 'warn', t.withWarnings, 'with warnings')}
${total('total-errors', 'err', t.withErrors, 'with errors')}
${total('total-not-checked', 'nc', t.notChecked, 'not checked (no data)')}
</section>
<p class="muted">${t.edits.error} errors, ${t.edits.warning} warnings, ${t.edits.info} infos in all.${t.withSkippedRules > 0 ? ` Some rules could not run on <strong id="total-skipped">${t.withSkippedRules}</strong> claims (no data is not a pass).` : ''}</p>
<p class="legend muted"><span><i style="background:${SEVERITY_COLOR.error}"></i>error</span><span><i style="background:${SEVERITY_COLOR.warning}"></i>warning</span><span><i style="background:${SEVERITY_COLOR.info}"></i>info</span></p>
<div class="charts">
${barChart('chart-rules', 'Edits by rule', byRule, top)}
${barChart('chart-reasons', 'Edits by payer-facing reason', byReason, top)}
</div>
<section class="card"><h2>Lines most often denied</h2>${
    mostDenied
      ? `<table id="denied"><thead><tr><th>Procedure</th><th>Denied lines</th><th>Rules</th></tr></thead><tbody>${mostDenied}</tbody></table>`
      : '<p class="muted">No line has an error edit.</p>'
  }</section>
${
  skips.size > 0
    ? `<section class="card" id="skipped"><h2>Rules that could not run</h2><p class="muted">No data is not a pass: these checks were not made.</p><table><thead><tr><th>Rule</th><th>Why</th><th>Claims</th></tr></thead><tbody>${[
        ...skips.entries(),
      ]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([key, n]) => {
          const [rule, reason] = key.split('\u0000');
          return `<tr><td data-label="Rule">${esc(rule)}</td><td data-label="Why">${esc(reason)}</td><td data-label="Claims">${n}</td></tr>`;
        })
        .join('')}</tbody></table></section>`
    : ''
}
<section class="card"><h2>Claims with edits</h2>
${sampleNote}
<div class="filters"><input id="filter-text" type="search" placeholder="Filter: claim, code, rule, message…" aria-label="Filter rows">
<select id="filter-severity" aria-label="Severity"><option value="">all severities</option><option value="error">error</option><option value="warning">warning</option><option value="info">info</option></select>
<select id="filter-status" aria-label="Status"><option value="">all statuses</option><option value="failed">failed</option><option value="not_checked">not checked</option><option value="passed">passed</option></select>
<span class="muted"><span id="shown">${editRows.length}</span> rows</span></div>
<table id="edits"><thead><tr>${headers.map((h) => `<th><button type="button">${h}</button></th>`).join('')}</tr></thead>
<tbody>${editRows.join('\n')}</tbody></table>
</section>
<script>${script}</script>
</body>
</html>
`;
}
