/**
 * The CMS-1500 (02/12) as a printable PDF, from the field map of {@link toCms1500}.
 *
 * - `mode: 'form'` draws the form itself (boxes, labels, the shaded supplemental half of each
 *   service line) in red with the data in place: for records, and for payers that take
 *   plain-paper copies;
 * - `mode: 'data'` prints the data alone at the positions of the NUCC red-ink form, for printing
 *   onto pre-printed forms.
 *
 * Data is set in Courier 12 pt, which is 10 characters per inch, on the 6 lines per inch grid the
 * NUCC 1500 Claim Form Reference Instruction Manual describes (see `cms1500-grid.ts`). The fonts are
 * the PDF standard fonts: nothing is embedded or downloaded. pdf-lib is loaded on first use, so
 * importing `medcode/claims` does not pay for it.
 *
 * @module
 */
import { invalidArgument } from '../core/arguments';
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';
import { failure, success } from '../core/result';
import type { Result } from '../core/result';
import { toCms1500 } from './cms1500';
import { cms1500OptionIssues } from './cms1500-options';
import type { Cms1500Form, Cms1500Options } from './cms1500';
import { CMS1500_BOXES, CMS1500_GRID, cms1500Placement } from './cms1500-grid';
import type { Cms1500Box, Cms1500Placement } from './cms1500-grid';
import { describeReceived, invalidOptionIssue } from './internal';
import type { Claim } from './schema';

type PdfLib = typeof import('pdf-lib');
type PdfPage = import('pdf-lib').PDFPage;
type PdfFont = import('pdf-lib').PDFFont;

/**
 * Options of {@link toCms1500Pdf}.
 *
 * @example
 * ```ts
 * const options: Cms1500PdfOptions = { mode: 'data', offset: { x: 2, y: -1.5 }, pointersPerLine: 1 }
 * ```
 */
export interface Cms1500PdfOptions extends Cms1500Options {
  /** `form` (default): the form drawn with the data; `data`: the data alone, for pre-printed forms. */
  readonly mode?: 'form' | 'data';
  /**
   * Shift of everything printed, in points (1/72 in), right and down: printers feed paper a
   * little differently, and pre-printed forms are aligned by test prints. Default none.
   */
  readonly offset?: { readonly x?: number; readonly y?: number };
}

/** The options {@link toCms1500Pdf} takes. */
const CMS1500_PDF_OPTIONS: readonly string[] = Object.freeze(['pointersPerLine', 'mode', 'offset']);

/** Points per inch (PDF user space). */
const POINT = 72;
/** US Letter, the size of the 1500 form: 8.5 × 11 in. */
const PAGE_WIDTH = 8.5 * POINT;
const PAGE_HEIGHT = 11 * POINT;
const COLUMN_WIDTH = POINT / CMS1500_GRID.columnsPerInch; // 7.2 pt
const LINE_HEIGHT = POINT / CMS1500_GRID.linesPerInch; // 12 pt
/**
 * The grid origin: the top-left corner of column 1, line 1, in points from the page's top-left
 * corner: a quarter inch in from the left and top edges, medcode's choice for the 85 × 66 grid on
 * a Letter page. Printers feed forms a little differently; `offset` moves everything printed.
 */
const ORIGIN = { x: 0.25 * POINT, y: 0.25 * POINT };
/** Courier at 12 pt is 0.6 × 12 = 7.2 pt per character: 10 characters per inch. */
const DATA_SIZE = 12;
/** The baseline sits this far below the top of its grid line (Courier's capitals fill the line). */
const BASELINE = 9.5;
const LABEL_SIZE = 5.5;
/** The red of the OCR form ink, and its light tint for the shaded supplemental lines. */
const FORM_RED = [0.78, 0.12, 0.12] as const;
const SHADE_RED = [0.99, 0.9, 0.9] as const;

/** Refuses, naming the side, a box side that is no grid line or column (a string, NaN, absent). */
function checkBoxSide(side: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalidArgument('cms1500BoxRect', `box.${side}`, 'a grid line or column (a finite number)', value);
}

/**
 * The grid rectangle of a box in PDF points (origin bottom-left, as PDF draws), before any offset.
 * A box is its grid lines (`top`, `bottom`) and columns (`left`, `right`), each a finite number;
 * anything else has no place on the page and is refused with a `MedcodeError` (`invalid_option`)
 * naming the argument: `cms1500BoxRect(box)` for no box or `null`, `cms1500BoxRect(box.left)` for a
 * side given as a string or NaN.
 *
 * @example
 * ```ts
 * const r = cms1500BoxRect(CMS1500_BOXES.find((b) => b.id === '2')!) // { x: 18, y: …, width: 208.8, height: 24 }
 * cms1500BoxRect({ top: 1, bottom: 1, left: 1, right: 10 }).width     // 72 (10 columns of 7.2 pt)
 * ```
 */
export function cms1500BoxRect(box: Pick<Cms1500Box, 'top' | 'bottom' | 'left' | 'right'>): {
  x: number;
  y: number;
  width: number;
  height: number;
} {
  if (box === null || typeof box !== 'object')
    throw invalidArgument('cms1500BoxRect', 'box', 'a box { top, bottom, left, right } on the grid', box);
  const { top, bottom, left, right } = box;
  checkBoxSide('top', top);
  checkBoxSide('bottom', bottom);
  checkBoxSide('left', left);
  checkBoxSide('right', right);
  const x = ORIGIN.x + (left - 1) * COLUMN_WIDTH;
  const width = (right - left + 1) * COLUMN_WIDTH;
  const height = (bottom - top + 1) * LINE_HEIGHT;
  const y = PAGE_HEIGHT - (ORIGIN.y + bottom * LINE_HEIGHT);
  return { x, y, width, height };
}

/**
 * The CMS-1500 (02/12) of one claim, or of several (their pages in order), as a PDF. Refuses what
 * {@link toCms1500} refuses, with the same issues; a value the form cannot show as it is (longer
 * than its box, no box for its key, characters Courier cannot print) is printed as far as it fits
 * and reported as a `cms1500_field_unprinted` warning.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * const r = await toCms1500Pdf(claim, { mode: 'form' });
 * if (r.ok) writeFileSync('claim.pdf', r.value); else console.error(r.issues);
 * ```
 */
export async function toCms1500Pdf(
  claims: Claim | readonly Claim[],
  options: Cms1500PdfOptions = {},
): Promise<Result<Uint8Array>> {
  const list: readonly Claim[] = Array.isArray(claims) ? claims : [claims as Claim];
  const forms: Cms1500Form[] = [];
  const errors: MedcodeIssue[] = [];
  // Checked once for the whole batch, not once per claim (and so without a claim index).
  const shared = cms1500OptionIssues(options, CMS1500_PDF_OPTIONS);
  // Options that cannot be read at all (a throwing getter) are said once, and read no further.
  if (shared.some((issue) => issue.path.length === 0)) return failure(shared);
  const optionIssues = [...shared, ...pdfOptionIssues(options)];
  const pointersPerLine = options?.pointersPerLine === 1 ? 1 : 4;
  list.forEach((claim, k) => {
    const r = toCms1500(claim, { pointersPerLine });
    if (r.ok) forms.push(r.value);
    else
      for (const issue of r.issues)
        errors.push(list.length === 1 ? issue : createIssue({ ...issue, path: [k, ...issue.path] }));
  });
  if (errors.length > 0 || optionIssues.length > 0) return failure([...errors, ...optionIssues]);
  if (forms.length === 0)
    return failure([
      createIssue({
        code: 'invalid_type',
        severity: 'error',
        path: [],
        codes: [],
        expected: 'at least one claim',
        received: 'none',
      }),
    ]);
  return renderCms1500Pdf(forms, options);
}

/**
 * Renders filled forms (from {@link toCms1500}) as one PDF, every page of every form in order.
 *
 * @example
 * ```ts
 * const filled = toCms1500(claim);
 * if (filled.ok) { const pdf = await renderCms1500Pdf([filled.value], { mode: 'data' }); }
 * ```
 */
export async function renderCms1500Pdf(
  forms: readonly Cms1500Form[],
  options: Cms1500PdfOptions = {},
): Promise<Result<Uint8Array>> {
  const notForms = notCms1500Forms(forms);
  if (notForms) return failure([notForms]);
  const optionIssues = pdfOptionIssues(options);
  if (optionIssues.length > 0) return failure(optionIssues);
  const mode = options?.mode ?? 'form';
  const shift = { x: options?.offset?.x ?? 0, y: options?.offset?.y ?? 0 };
  const lib: PdfLib = await import('pdf-lib');
  // No producer or dates: the same claims give the same bytes.
  const doc = await lib.PDFDocument.create({ updateMetadata: false });
  doc.setTitle('CMS-1500 (02/12) health insurance claim form');
  const courier = await doc.embedFont(lib.StandardFonts.Courier);
  // The form is drawn once, as a form XObject every page shows: a 600-page batch neither redraws
  // nor repeats its ~300 lines and labels.
  const blankForm = mode === 'form' ? await drawnForm(lib, doc) : undefined;
  const bold = mode === 'form' ? await doc.embedFont(lib.StandardFonts.HelveticaBold) : undefined;
  const warnings: MedcodeIssue[] = [];
  forms.forEach((form, f) => {
    form.pages.forEach((page, p) => {
      const pdfPage = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
      const ink: Ink = { lib, page: pdfPage, shift };
      if (blankForm !== undefined && bold !== undefined) {
        pdfPage.drawPage(blankForm, { x: shift.x, y: -shift.y });
        if (page.pageCount > 1)
          pdfPage.drawText(`PAGE ${page.page} OF ${page.pageCount}`, {
            x: ORIGIN.x + shift.x,
            y: PAGE_HEIGHT - ORIGIN.y - 5.8 * LINE_HEIGHT - shift.y,
            size: 7,
            font: bold,
            color: lib.rgb(...FORM_RED),
          });
      }
      for (const [key, value] of Object.entries(page.fields)) {
        const path = forms.length === 1 ? ['pages', p, 'fields', key] : [f, 'pages', p, 'fields', key];
        printField(ink, courier, key, value, path, warnings);
      }
    });
  });
  return success(await doc.save(), Object.freeze(warnings));
}

/**
 * An `invalid_type` issue at the first value that is not what `toCms1500` returns (an array of
 * forms, each with pages of fields), else undefined.
 */
function notCms1500Forms(forms: unknown): MedcodeIssue | undefined {
  const wrong = (path: (string | number)[], expected: string, value: unknown) =>
    createIssue({
      code: 'invalid_type',
      severity: 'error',
      path,
      codes: [],
      expected,
      received: describeReceived(value),
    });
  if (!Array.isArray(forms)) return wrong([], 'an array of CMS-1500 forms (toCms1500(claims).value)', forms);
  for (let f = 0; f < forms.length; f++) {
    const form: unknown = forms[f];
    const pages = (form as { pages?: unknown } | null)?.pages;
    if (form === null || typeof form !== 'object' || !Array.isArray(pages))
      return wrong([f], 'a CMS-1500 form (toCms1500(claims).value[i])', form);
    for (let p = 0; p < pages.length; p++) {
      const fields = (pages[p] as { fields?: unknown } | null)?.fields;
      if (fields === null || typeof fields !== 'object')
        return wrong([f, 'pages', p, 'fields'], "a form page's fields", fields);
      // Every box holds text (Cms1500Page.fields): a number, null or object is not guessed into
      // text, since the printed form must say exactly what toCms1500 filled.
      for (const [key, value] of Object.entries(fields))
        if (typeof value !== 'string')
          return wrong([f, 'pages', p, 'fields', key], 'the text of a CMS-1500 box (a string)', value);
    }
  }
  return undefined;
}

/**
 * The `invalid_option` issues of the options only the PDF has: `mode`, and an `offset` that is
 * not `{ x?, y? }` of finite numbers of points. A misspelt or mistyped offset (`{ x: '2' }`,
 * `{ dx: 2 }`) would print every value where the form was not aligned, unseen until the payer's
 * scanner reads the wrong boxes.
 */
function pdfOptionIssues(options: Cms1500PdfOptions | undefined): MedcodeIssue[] {
  if (options === null || typeof options !== 'object') return [];
  const issues: MedcodeIssue[] = [];
  try {
    const mode = options.mode;
    if (mode !== undefined && mode !== 'form' && mode !== 'data')
      issues.push(invalidOptionIssue(['mode'], 'mode', "'form' or 'data'"));
    const offset: unknown = options.offset;
    if (offset === undefined) return issues;
    if (offset === null || typeof offset !== 'object' || Array.isArray(offset)) {
      issues.push(invalidOptionIssue(['offset'], 'offset', '{ x?, y? }: a shift in points'));
      return issues;
    }
    for (const key of Object.keys(offset)) {
      const value: unknown = (offset as Record<string, unknown>)[key];
      if (key !== 'x' && key !== 'y')
        issues.push(invalidOptionIssue(['offset', key], `offset.${key}`, 'x or y (points right and down)'));
      else if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value)))
        issues.push(invalidOptionIssue(['offset', key], `offset.${key}`, 'a finite number of points'));
    }
  } catch {
    // A proxy or a throwing getter: the writers answer with issues, never an exception.
    return [invalidOptionIssue([], 'options', 'an options object that can be read')];
  }
  return issues;
}

interface Ink {
  readonly lib: PdfLib;
  readonly page: PdfPage;
  readonly shift: { readonly x: number; readonly y: number };
}

/** Left edge of a grid column and baseline of a grid line, in PDF points. */
function at(ink: Ink, line: number, column: number): { x: number; y: number } {
  return {
    x: ORIGIN.x + (column - 1) * COLUMN_WIDTH + ink.shift.x,
    y: PAGE_HEIGHT - (ORIGIN.y + (line - 1) * LINE_HEIGHT + BASELINE) - ink.shift.y,
  };
}

/** Courier in a PDF standard font prints WinAnsi; the form asks for plain typed characters. */
const PRINTABLE = /^[\x20-\x7E]*$/;

function printField(
  ink: Ink,
  font: PdfFont,
  key: string,
  raw: string,
  path: readonly (string | number)[],
  warnings: MedcodeIssue[],
): void {
  const warn = (
    reason: 'no_position' | 'too_long' | 'not_a_choice' | 'not_printable',
    extra: { width?: number; printed?: string } = {},
  ): void => {
    warnings.push(
      createIssue({
        code: 'cms1500_field_unprinted',
        severity: 'warning',
        path,
        codes: [],
        field: key,
        reason,
        ...extra,
      }),
    );
  };
  const placement: Cms1500Placement | undefined = cms1500Placement(key);
  if (placement === undefined) {
    warn('no_position');
    return;
  }
  let value = raw;
  if (!PRINTABLE.test(value)) {
    // Control characters and letters outside Latin-1's printable ASCII: a '?' shows where they were.
    value = value.replace(/[^\x20-\x7E]/g, '?');
    warn('not_printable', { printed: value });
  }
  const put = (text: string, column: number) => {
    if (text === '') return;
    ink.page.drawText(text, { ...at(ink, placement.line, column), size: DATA_SIZE, font });
  };
  switch (placement.kind) {
    case 'text': {
      // The red-ink form already carries this text (24I "NPI"), and the drawn form draws it.
      if (placement.preprinted !== undefined && value === placement.preprinted) return;
      if (value.length > placement.width) {
        const cut = value.slice(0, placement.width);
        warn('too_long', { width: placement.width, printed: cut });
        value = cut;
      }
      put(value, placement.column);
      return;
    }
    case 'money': {
      // NUCC 1500 Claim Form Reference Instruction Manual (02/12), items 24F and 28: dollar amounts
      // right-justified left of the dollar/cents divider, cents right of it; no dollar sign, no
      // commas.
      const m = /^(\d+)\.(\d{2})$/.exec(value);
      if (!m) {
        warn('not_printable');
        return;
      }
      const dollars = m[1]!;
      if (dollars.length > placement.width) {
        warn('too_long', { width: placement.width });
        return;
      }
      put(dollars, placement.column - dollars.length + 1);
      put(m[2]!, placement.column + 2);
      return;
    }
    case 'choice': {
      const upper = value.trim().toUpperCase();
      const column = placement.choices[upper] ?? placement.choices[upper.split(/\s+/)[0] ?? ''];
      if (column === undefined) {
        warn('not_a_choice');
        return;
      }
      put('X', column);
      return;
    }
  }
}

const CHOICE_KEYS = ['1', '3.sex', '6', '10a', '10b', '10c', '11a.sex', '11d', '20', '25.type', '27'];

/** The blank form, drawn on a page of its own document and embedded into `doc` as a form XObject. */
async function drawnForm(
  lib: PdfLib,
  doc: import('pdf-lib').PDFDocument,
): Promise<import('pdf-lib').PDFEmbeddedPage> {
  const template = await lib.PDFDocument.create({ updateMetadata: false });
  const page = template.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  const font = await template.embedFont(lib.StandardFonts.Helvetica);
  const bold = await template.embedFont(lib.StandardFonts.HelveticaBold);
  drawForm({ lib, page, shift: { x: 0, y: 0 } }, font, bold);
  // Saved first, so that its fonts are written and copied along with the page.
  const [embedded] = await doc.embedPdf(await template.save());
  return embedded!;
}

function drawForm(ink: Ink, font: PdfFont, bold: PdfFont): void {
  const { lib, page, shift } = ink;
  const red = lib.rgb(...FORM_RED);
  const shade = lib.rgb(...SHADE_RED);
  const label = (text: string, x: number, y: number, size = LABEL_SIZE, f = font) =>
    page.drawText(text, { x: x + shift.x, y: y - shift.y, size, font: f, color: red });
  // Title block (NUCC 02/12): the form name and its approval line above item 1.
  label(
    'HEALTH INSURANCE CLAIM FORM',
    ORIGIN.x + 20 * COLUMN_WIDTH,
    PAGE_HEIGHT - ORIGIN.y - 5.8 * LINE_HEIGHT,
    11,
    bold,
  );
  label(
    'APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12',
    ORIGIN.x,
    PAGE_HEIGHT - ORIGIN.y - 4.8 * LINE_HEIGHT,
  );
  label('1500', ORIGIN.x, PAGE_HEIGHT - ORIGIN.y - 3 * LINE_HEIGHT, 16, bold);
  for (const box of CMS1500_BOXES) {
    const r = cms1500BoxRect(box);
    if (box.id === 'carrier') {
      label('CARRIER', r.x + r.width + 2, r.y + r.height / 2, 5);
      continue;
    }
    page.drawRectangle({
      x: r.x + shift.x,
      y: r.y - shift.y,
      width: r.width,
      height: r.height,
      borderColor: red,
      borderWidth: box.shaded ? 0.3 : 0.6,
      ...(box.shaded ? { color: shade } : {}),
    });
    if (box.label !== '') {
      // The label fills the top of the box; long labels shrink to the box width.
      const room = r.width - 2;
      const size = Math.max(
        3.2,
        Math.min(LABEL_SIZE, (LABEL_SIZE * room) / font.widthOfTextAtSize(box.label, LABEL_SIZE)),
      );
      label(box.label, r.x + 1.2, r.y + r.height - size - 0.6, size);
    }
  }
  // Check boxes: a small square at each choice's column (items 1, 3, 6, 10a–c, 11a, 11d, 20, 25, 27).
  for (const key of CHOICE_KEYS) {
    const p = cms1500Placement(key);
    if (p?.kind !== 'choice') continue;
    for (const column of new Set(Object.values(p.choices))) {
      const { x, y } = at({ ...ink, shift: { x: 0, y: 0 } }, p.line, column);
      page.drawRectangle({
        x: x - 0.6 + shift.x,
        y: y - 1.6 - shift.y,
        width: COLUMN_WIDTH + 1.2,
        height: 9,
        borderColor: red,
        borderWidth: 0.5,
      });
    }
  }
  // Item 21's letters and the ICD indicator caption; item 24's line numbers and 24I's "NPI".
  const letters = 'ABCDEFGHIJKL';
  for (let i = 0; i < 12; i++) {
    const p = cms1500Placement(`21.${letters[i]!}`)!;
    const { x, y } = at({ ...ink, shift: { x: 0, y: 0 } }, p.line, p.kind === 'text' ? p.column - 2 : 1);
    label(`${letters[i]!}.`, x, y, 6);
  }
  const ind = at({ ...ink, shift: { x: 0, y: 0 } }, 37, 41);
  label('ICD Ind.', ind.x, ind.y, 5);
  for (let row = 1; row <= 6; row++) {
    const { x, y } = at({ ...ink, shift: { x: 0, y: 0 } }, 42 + 2 * row, 81);
    label(String(row), x, y, 9, bold);
    const npi = at({ ...ink, shift: { x: 0, y: 0 } }, 42 + 2 * row, 65);
    label('NPI', npi.x, npi.y, 7, bold);
  }
  label(
    'NUCC Instruction Manual available at: www.nucc.org    PLEASE PRINT OR TYPE    APPROVED OMB-0938-1197 FORM 1500 (02-12)',
    ORIGIN.x,
    PAGE_HEIGHT - ORIGIN.y - 62.5 * LINE_HEIGHT,
    6,
  );
}
