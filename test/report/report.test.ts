/**
 * The validation report: counts against the results, streaming with a bounded sample, hostile
 * text escaped, and the page itself opened in headless Chromium (Debian's `chromium`, driven by
 * playwright-core) for the counts it shows, its sorting and filtering, its phone layout and the
 * screenshots in docs/report.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimInput, ClaimValidation, Rule } from '../../src/rules/index';
import { createClaimValidator } from '../../src/rules/index';
import { createValidationReport, payerReason, renderValidationReport } from '../../src/report/index';
import type { ReportEntry } from '../../src/report/index';
import { cli } from '../cli/helpers';
import { MedcodeError } from '../../src/core/errors';

const work = mkdtempSync(join(tmpdir(), 'medcode-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const EXAMPLES = [
  'clean-office-visit',
  'em-with-procedure-needs-modifier-25',
  'excludes1-pair',
  'fracture-missing-7th-character',
  'mue-exceeded',
  'newborn-code-on-adult',
];
const example = (name: string): ClaimInput =>
  JSON.parse(readFileSync(`examples/${name}.json`, 'utf8')) as ClaimInput;

const HOSTILE_LABEL = '<script>document.title="pwned"</script>\u0001PCN-EVIL';
const HOSTILE_TEXT = '<img src=x onerror="alert(1)"> charge\u0007 is </td></tr><script>alert(2)</script>';
/** A practice rule whose edit text is hostile, to prove it is shown as text and never run. */
const hostileRule: Rule = {
  id: 'acme-hostile',
  title: 'Hostile text',
  citation: 'test',
  defaultSeverity: 'error',
  check(ctx, report) {
    if (ctx.claim.claimId !== 'PCN-EVIL') return;
    report.edit({
      code: 'custom_edit',
      customCode: 'acme-hostile',
      path: ['lines', 0, 'charge'],
      codes: ['<b>99214</b>'],
      text: HOSTILE_TEXT,
    });
  },
};
const validator = createClaimValidator({ today: '2026-11-27', customRules: [hostileRule] });

/** 20 claims: the six examples three times, one dated before any ICD-10-CM edition held, one hostile. */
function batch(): ReportEntry[] {
  const entries: ReportEntry[] = [];
  for (let round = 0; round < 3; round++)
    for (const name of EXAMPLES)
      entries.push({ ...validator.validate(example(name)), source: `examples/${name}.json` });
  const old = example('clean-office-visit') as { lines: { serviceDate?: string }[] } & ClaimInput;
  for (const line of old.lines) line.serviceDate = '2014-06-01';
  // Validated within its filing limit: not checked, and nothing else.
  const filedThen = createClaimValidator({ today: '2014-12-01' });
  entries.push({ ...filedThen.validate({ ...old, claimId: 'PCN-2014' }), source: 'old.json' });
  const evil = { ...example('clean-office-visit'), claimId: 'PCN-EVIL' };
  entries.push({ ...validator.validate(evil), label: HOSTILE_LABEL, source: '<evil>.json' });
  return entries;
}

describe('renderValidationReport', () => {
  it('counts claims by status and edits by rule and payer-facing reason', () => {
    const entries = batch();
    const report = createValidationReport();
    for (const e of entries) report.add(e);
    const t = report.totals();
    // The examples: three clean (infos only), excludes1-pair with warnings, two with errors.
    expect(t).toMatchObject({ claims: 20, clean: 9, withWarnings: 3, withErrors: 7, notChecked: 1 });
    expect(t.clean + t.withWarnings + t.withErrors + t.notChecked).toBe(t.claims);
    const all = entries.flatMap((e) => e.issues);
    expect(t.edits).toEqual({
      error: all.filter((i) => i.severity === 'error').length,
      warning: all.filter((i) => i.severity === 'warning').length,
      info: all.filter((i) => i.severity === 'info').length,
    });
    // A ClaimValidation is a ReportEntry as it is.
    const v: ClaimValidation = validator.validate(example('mue-exceeded'));
    expect(renderValidationReport([v])).toContain('ncci-mue');
  });

  it('escapes hostile claim text and runs only its own script, under a content security policy', () => {
    const html = renderValidationReport(batch());
    expect(html).not.toContain('<script>document.title');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('\u0001');
    expect(html).not.toContain('\u0007');
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;\uFFFDPCN-EVIL');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'/,
    );
    // Self-contained: no URL to fetch anything from.
    expect(html).not.toMatch(/\b(?:src|href)=["']?(?:https?:)?\/\//);
  });

  it('streams: a lazily validated batch keeps a bounded sample of rows and says so', () => {
    let made = 0;
    function* validations(): Generator<ReportEntry> {
      for (let k = 0; k < 300; k++) {
        made++;
        yield validator.validate(example(EXAMPLES[k % EXAMPLES.length]!));
      }
    }
    const report = createValidationReport({ maxClaimRows: 5 });
    const it = validations();
    for (const entry of it) {
      report.add(entry);
      expect(made).toBe(report.totals().claims); // one result at a time
    }
    const t = report.totals();
    expect(t.claims).toBe(300);
    expect(t.rowsShown).toBe(5);
    // Claims with edits: every example but newborn-code-on-adult has some.
    expect(t.rowsShown + t.rowsOmitted).toBe(250);
    expect(t.withSkippedRules).toBe(300);
    const html = report.render();
    expect(html).toContain('Rows are a bounded sample: the first <strong>5</strong> claims with edits');
    expect(html).toContain('<strong>245</strong> more claims with edits');
  });

  it('a clean claim with info edits is counted clean and listed for its infos, as the page says', () => {
    const entry = validator.validate(example('clean-office-visit'));
    expect(entry.status).toBe('passed');
    expect(entry.issues.length).toBeGreaterThan(0);
    expect(entry.issues.every((i) => i.severity === 'info')).toBe(true);
    const report = createValidationReport();
    report.add(entry);
    report.add({ ok: true, status: 'passed', issues: [], skipped: [] });
    expect(report.totals()).toMatchObject({ claims: 2, clean: 2, rowsShown: 1, rowsOmitted: 0 });
    const html = report.render();
    expect(html.match(/<tr data-claim=/g)).toHaveLength(entry.issues.length);
    expect(html).toContain(
      'Every claim with edits is listed (1), clean claims with info edits among them; claims with no edit are counted above only.',
    );
  });

  it('a medcode validate --json claim carries no claim value: its denied lines are "(unknown)"', () => {
    const { value: _value, ...cliClaim } = validator.validate(example('mue-exceeded'));
    const html = renderValidationReport([{ ...cliClaim, label: 'PCN-2026-0003' }]);
    expect(html).toContain('<tr data-procedure="(unknown)">');
    expect(html).toContain('data-claim="PCN-2026-0003"');
    expect(renderValidationReport([validator.validate(example('mue-exceeded'))])).toContain(
      '<tr data-procedure="20610">',
    );
  });

  it('refuses what is not a validation result with a MedcodeError naming where', () => {
    const report = createValidationReport();
    report.add(validator.validate(example('mue-exceeded')));
    const refused = (entry: unknown) => {
      try {
        report.add(entry as ReportEntry);
      } catch (error) {
        expect(error).toBeInstanceOf(MedcodeError);
        const issue = (error as MedcodeError).issues[0]!;
        return `${issue.code} ${issue.path.join('.')}`;
      }
      return 'accepted';
    };
    expect(refused(null)).toBe('invalid_type 1');
    expect(refused({ ok: true })).toBe('invalid_type 1.issues');
    expect(refused({ ok: false, issues: [{ code: 'x' }] })).toBe('invalid_type 1.issues.0');
    expect(refused({ ok: false, status: 'maybe', issues: [] })).toBe('invalid_type 1.status');
    // Every field the report reads is checked, not only the outer shape.
    const edit = { code: 'mue_exceeded', severity: 'error', path: ['lines', 0, 'units'], message: 'm' };
    expect(refused({ ok: false, issues: [{ ...edit, codes: '20610' }] })).toBe(
      'invalid_type 1.issues.0.codes',
    );
    expect(refused({ ok: false, issues: [{ ...edit, path: [{}] }] })).toBe('invalid_type 1.issues.0.path.0');
    expect(refused({ ok: false, issues: [{ ...edit, remedy: 5 }] })).toBe('invalid_type 1.issues.0.remedy');
    expect(refused({ ok: false, issues: [{ ...edit, rule: 5 }] })).toBe('invalid_type 1.issues.0.rule');
    expect(refused({ ok: false, issues: [edit], value: { lines: [{ procedure: 20610 }] } })).toBe(
      'invalid_type 1.value.lines.0.procedure',
    );
    expect(
      refused({ ok: false, issues: [edit], value: { lines: [{ procedure: '20610', modifiers: 'RT' }] } }),
    ).toBe('invalid_type 1.value.lines.0.modifiers');
    expect(refused({ ok: false, issues: [edit], value: { lines: [null] } })).toBe(
      'invalid_type 1.value.lines.0',
    );
    expect(refused({ ok: false, issues: [edit], value: { lines: 'x' } })).toBe('invalid_type 1.value.lines');
    expect(refused({ ok: false, issues: [edit], value: { claimId: 7 } })).toBe(
      'invalid_type 1.value.claimId',
    );
    expect(refused({ ok: false, issues: [edit], value: 'claim' })).toBe('invalid_type 1.value');
    expect(refused({ ok: true, issues: [], skipped: [null] })).toBe('invalid_type 1.skipped.0');
    expect(refused({ ok: true, issues: [], skipped: [{ rule: 'ncci-ptp' }] })).toBe(
      'invalid_type 1.skipped.0',
    );
    expect(refused({ ok: false, label: 5, issues: [edit] })).toBe('invalid_type 1.label');
    expect(refused({ ok: false, source: {}, issues: [edit] })).toBe('invalid_type 1.source');
    // renderValidationReport refuses the same way, never with a TypeError from inside.
    expect(() =>
      renderValidationReport([
        { ok: false, issues: [{ ...edit, codes: '20610' }] } as unknown as ReportEntry,
      ]),
    ).toThrow(MedcodeError);
    // Nothing refused was counted.
    expect(report.totals().claims).toBe(1);
  });

  it('refuses a count option that is not a whole number, by name, instead of rounding it', () => {
    const refused = (options: Record<string, unknown>, call: 'create' | 'render' = 'create') => {
      try {
        if (call === 'create') createValidationReport(options);
        else renderValidationReport([], options);
      } catch (error) {
        expect(error).toBeInstanceOf(MedcodeError);
        const issue = (error as MedcodeError).issues[0]!;
        return `${issue.code} ${issue.path.join('.')}`;
      }
      return 'accepted';
    };
    expect(refused({ top: Number.NaN })).toBe('invalid_option top');
    expect(refused({ top: 0 })).toBe('invalid_option top');
    expect(refused({ top: 2.5 }, 'render')).toBe('invalid_option top');
    expect(refused({ maxClaimRows: Number.NaN })).toBe('invalid_option maxClaimRows');
    expect(refused({ maxClaimRows: Number.POSITIVE_INFINITY })).toBe('invalid_option maxClaimRows');
    expect(refused({ maxClaimRows: -1 }, 'render')).toBe('invalid_option maxClaimRows');
    expect(refused({ maxClaimRows: '5' })).toBe('invalid_option maxClaimRows');
    expect(refused({ title: 42 })).toBe('invalid_option title');
    expect(refused({ maxClaimRows: 0, top: 1 })).toBe('accepted');
    // Within bounds the options still do what they say: one bar per chart, no claim row.
    const html = renderValidationReport(batch(), { maxClaimRows: 0, top: 1 });
    expect(html.match(/<g data-bar=/g)).toHaveLength(2);
    expect(html).toContain('<strong>0</strong> claims with edits');
  });

  it('names payer-facing reasons in plain words', () => {
    expect(payerReason({ code: 'ncci_ptp' })).toMatch(/same day/);
    expect(payerReason({ code: 'seventh_character_missing', system: 'icd10cm' })).toBe(
      'Diagnosis code invalid or incomplete for the date of service',
    );
    expect(payerReason({ code: 'unknown_code', system: 'hcpcs' })).toMatch(/^Procedure, modifier/);
    expect(payerReason({ code: 'something_new' })).toBe('Missing or invalid claim information');
  });
});

describe('the report in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const entries = batch();
  const file = join(work, 'report.html');

  beforeAll(async () => {
    writeFileSync(
      file,
      renderValidationReport(entries, {
        title: 'Claim validation report',
        profile: 'medicare-professional',
        today: '2026-11-27',
      }),
    );
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'medcode-chromium-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1200, height: 900 },
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows the counts of the results', async () => {
    const shown = async (id: string) => Number(await page.textContent(`#${id}`));
    const status = (s: string) => entries.filter((e) => e.status === s);
    const warned = (e: ReportEntry) => e.issues.some((i) => i.severity === 'warning');
    expect(await shown('total-claims')).toBe(entries.length);
    expect(await shown('total-clean')).toBe(status('passed').filter((e) => !warned(e)).length);
    expect(await shown('total-warnings')).toBe(status('passed').filter(warned).length);
    expect(await shown('total-errors')).toBe(status('failed').length);
    expect(await shown('total-not-checked')).toBe(status('not_checked').length);
    expect([9, 3, 7, 1]).toEqual([
      await shown('total-clean'),
      await shown('total-warnings'),
      await shown('total-errors'),
      await shown('total-not-checked'),
    ]);
    // Every edit is in the rule chart once (fewer rules than bars), and in the reason chart once.
    const edits = entries.reduce((n, e) => n + e.issues.length, 0);
    const sum = (chart: string) =>
      page.$$eval(`#${chart} [data-count]`, (gs) =>
        gs.reduce((n, g) => n + Number(g.getAttribute('data-count')), 0),
      );
    expect(await sum('chart-rules')).toBe(edits);
    expect(await sum('chart-reasons')).toBe(edits);
    const mue = entries.flatMap((e) => e.issues).filter((i) => i.rule === 'ncci-mue').length;
    expect(await page.getAttribute('#chart-rules [data-bar="ncci-mue"]', 'data-count')).toBe(String(mue));
    // The lines most denied: 20610 (MUE) and the fracture's 99285 line, once per copy; the
    // hostile rule's 99214.
    const denied = await page.$$eval('#denied tbody tr', (rows) =>
      rows.map((r) => [r.cells[0]!.textContent, r.cells[1]!.textContent]),
    );
    expect(denied).toContainEqual(['20610', '3']);
    // Rows: one per edit of every claim that has any.
    const rows = entries.reduce(
      (n, e) => n + (e.status === 'passed' && e.issues.length === 0 ? 0 : Math.max(1, e.issues.length)),
      0,
    );
    expect(await page.locator('#edits tbody tr').count()).toBe(rows);
  });

  it('filters and sorts the claim rows', async () => {
    const visible = () => page.locator('#edits tbody tr:not([hidden])').count();
    const mueRows = entries.flatMap((e) => e.issues).filter((i) => i.rule === 'ncci-mue').length;
    await page.fill('#filter-text', 'ncci-mue');
    expect(await visible()).toBe(mueRows);
    expect(await page.textContent('#shown')).toBe(String(mueRows));
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-status', 'not_checked');
    expect(await visible()).toBe(entries.find((e) => e.status === 'not_checked')!.issues.length);
    await page.selectOption('#filter-status', '');
    await page.selectOption('#filter-severity', 'warning');
    expect(await visible()).toBe(
      entries.flatMap((e) => e.issues).filter((i) => i.severity === 'warning').length,
    );
    await page.selectOption('#filter-severity', '');
    // Sorting by severity puts errors first, then warnings.
    await page.click('#edits thead th:nth-child(6) button');
    const severities = await page.$$eval('#edits tbody tr', (rows) =>
      rows.map((r) => r.cells[5]!.textContent),
    );
    expect(severities[0]).toBe('error');
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
    expect(await page.getAttribute('#edits thead th:nth-child(6)', 'aria-sort')).toBe('ascending');
  });

  it('shows hostile text as text, runs none of it, and fetches nothing', async () => {
    expect(dialogs).toEqual([]);
    expect(await page.title()).toBe('Claim validation report');
    const evil = page.locator('#edits tbody tr', { hasText: 'PCN-EVIL' });
    expect(await evil.count()).toBeGreaterThan(0);
    expect(await evil.first().locator('td').first().textContent()).toContain(
      '<script>document.title="pwned"</script>\uFFFDPCN-EVIL',
    );
    expect(
      await page.locator('#edits tbody tr', { hasText: '</td></tr><script>alert(2)</script>' }).count(),
    ).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  it('reads on a phone: no sideways scrolling; screenshots for the docs', async () => {
    // The top of the page: totals and charts (the sorting test has scrolled).
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    const desktop = await page.screenshot({ fullPage: false });
    expect(desktop.subarray(1, 4).toString()).toBe('PNG');
    await page.setViewportSize({ width: 390, height: 844 });
    // Runs in the page (the test's tsconfig has no DOM library, hence the declared shape).
    const [scrollWidth, innerWidth] = await page.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: { documentElement: { scrollWidth: number } };
      };
      return [w.document.documentElement.scrollWidth, w.innerWidth];
    });
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth!);
    // Cards, not a table, on a phone: every cell says what it is.
    const display = await page.$eval(
      '#edits thead',
      (h) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(h)
          .display,
    );
    expect(display).toBe('none');
    const phone = await page.screenshot({ fullPage: false });
    if (process.env.UPDATE_DOCS_IMAGES === '1') {
      writeFileSync('docs/img/report-desktop.png', desktop);
      writeFileSync('docs/img/report-phone.png', phone);
    }
  });
});

describe('medcode validate --report', () => {
  it('writes the report of every claim of the files, and keeps the table and exit code', async () => {
    const out = join(work, 'cli-report.html');
    const files = EXAMPLES.map((n) => `examples/${n}.json`);
    const run = await cli('validate', ...files, '--report', out, '--quiet');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('6 claims: 2 with errors');
    expect(run.stderr).toContain(`wrote the report of 6 claims to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<output id="total-claims">6</output>');
    expect(html).toContain('<output id="total-errors">2</output>');
    expect(html).toContain('profile medicare-professional');
    expect(html).toContain('examples/mue-exceeded.json');
    const bad = await cli('validate', files[0]!, '--report', join(work, 'no-such-dir', 'r.html'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot write');
  });
});
