/**
 * Proof that the CMS-1500 PDF prints every field-map value inside its box on the NUCC grid
 * (10 characters per inch, 6 lines per inch): each example claim is rendered in both modes, the
 * PDF is turned back into words with positions by poppler's `pdftotext -bbox`, and each value's
 * words are looked up at their grid column and line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toCms1500 } from '../../src/claims/cms1500';
import type { Cms1500Form } from '../../src/claims/cms1500';
import { CMS1500_BOXES, CMS1500_FIELD_KEYS, cms1500Placement } from '../../src/claims/cms1500-grid';
import { cms1500BoxRect, renderCms1500Pdf, toCms1500Pdf } from '../../src/claims/cms1500-pdf';
import { parseClaim } from '../../src/claims/parse';
import { MedcodeError } from '../../src/core/errors';
import type { Claim } from '../../src/claims/schema';

const work = mkdtempSync(join(tmpdir(), 'medcode-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Word {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Words per page, from `pdftotext -bbox` (top-left origin, points). */
function wordsOf(pdf: Uint8Array): Word[][] {
  const file = join(work, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const xhtml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5]!
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'"),
      })),
    );
}

// The NUCC grid, stated here on its own: 0.1 in per column and 1/6 in per line from an origin a
// quarter inch in from the top-left corner of the 8.5 × 11 in page.
/** Rounding in pdftotext's six decimals. */
const EPSILON = 0.001;
const columnX = (column: number) => 18 + (column - 1) * 7.2;
const lineTop = (line: number) => 18 + (line - 1) * 12;

/** The words a value should print as, and the grid column of each. */
function expectedWords(key: string, value: string): { text: string; column: number }[] | 'preprinted' {
  const p = cms1500Placement(key);
  if (p === undefined) throw new Error(`no placement for ${key}`);
  if (p.kind === 'choice') {
    const column = p.choices[value.toUpperCase()];
    if (column === undefined) throw new Error(`${key}: ${value} is not a choice`);
    return [{ text: 'X', column }];
  }
  if (p.kind === 'money') {
    const [dollars, cents] = value.split('.') as [string, string];
    return [
      { text: dollars, column: p.column - dollars.length + 1 },
      { text: cents, column: p.column + 2 },
    ];
  }
  if (p.preprinted === value) return 'preprinted';
  const shown = value.slice(0, p.width);
  const out: { text: string; column: number }[] = [];
  for (const m of shown.matchAll(/\S+/g)) out.push({ text: m[0], column: p.column + m.index });
  return out;
}

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const r = parseClaim(readFileSync(join('examples', f), 'utf8'));
    if (!r.ok) throw new Error(f);
    return [f, r.value] as const;
  });

function formOf(claim: Claim): Cms1500Form {
  const r = toCms1500(claim);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

async function pdfOf(claim: Claim | readonly Claim[], mode: 'form' | 'data'): Promise<Uint8Array> {
  const r = await toCms1500Pdf(claim, { mode });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

/** Asserts every field of every page lands, word by word, at its grid column and line, inside its box. */
function expectEveryValueInItsBox(form: Cms1500Form, pages: Word[][], mode: 'form' | 'data'): number {
  expect(pages).toHaveLength(form.pages.length);
  let checked = 0;
  form.pages.forEach((page, p) => {
    for (const [key, value] of Object.entries(page.fields)) {
      const placement = cms1500Placement(key)!;
      const box = CMS1500_BOXES.find((b) => b.id === placement.box)!;
      const words = expectedWords(key, value);
      if (words === 'preprinted') continue;
      const left = columnX(box.left);
      const right = columnX(box.right + 1);
      const top = lineTop(box.top);
      const bottom = lineTop(box.bottom + 1);
      for (const w of words) {
        const found = pages[p]!.find(
          (x) =>
            x.text === w.text &&
            Math.abs(x.xMin - columnX(w.column)) < 0.5 &&
            x.yMin >= lineTop(placement.line) &&
            x.yMax <= lineTop(placement.line + 1),
        );
        expect(
          found,
          `${mode} page ${p + 1}: ${key} = "${value}" word "${w.text}" at column ${w.column}, line ${placement.line}`,
        ).toBeDefined();
        expect(found!.xMin).toBeGreaterThanOrEqual(left - EPSILON);
        expect(found!.xMax).toBeLessThanOrEqual(right + EPSILON);
        expect(found!.yMin).toBeGreaterThanOrEqual(top - EPSILON);
        expect(found!.yMax).toBeLessThanOrEqual(bottom + EPSILON);
        // Courier 12 pt: 7.2 pt a character, i.e. 10 characters per inch.
        expect(found!.xMax - found!.xMin).toBeCloseTo(7.2 * w.text.length, 1);
        checked++;
      }
    }
  });
  return checked;
}

describe('CMS-1500 PDF on the NUCC grid', () => {
  it.each(examples)('%s: every value inside its box, in both modes', async (_name, claim) => {
    const form = formOf(claim);
    for (const mode of ['form', 'data'] as const) {
      const pages = wordsOf(await pdfOf(claim, mode));
      const checked = expectEveryValueInItsBox(form, pages, mode);
      expect(checked).toBeGreaterThan(30);
      if (mode === 'data') {
        // Data alone: nothing but the values (no labels of the pre-printed form).
        const printed = pages.flat().length;
        expect(printed).toBe(checked);
      }
    }
  });

  it('draws the form in form mode: labels sit in the box of the value they name', async () => {
    const [, claim] = examples.find(([f]) => f === 'clean-office-visit.json')!;
    const words = wordsOf(await pdfOf(claim, 'form'))[0]!;
    const inBox = (id: string, text: string) => {
      const r = cms1500BoxRect(CMS1500_BOXES.find((b) => b.id === id)!);
      const top = 792 - (r.y + r.height);
      return words.some(
        (w) =>
          w.text === text &&
          w.xMin >= r.x &&
          w.xMax <= r.x + r.width &&
          w.yMin >= top - 0.5 &&
          w.yMax <= top + r.height,
      );
    };
    expect(inBox('2', "PATIENT'S")).toBe(true);
    expect(inBox('2', 'Alvarez,')).toBe(true);
    expect(inBox('28', 'TOTAL')).toBe(true);
    expect(inBox('28', '177')).toBe(true);
    expect(inBox('24F', 'CHARGES')).toBe(true);
    expect(inBox('24F.1', '165')).toBe(true);
    expect(inBox('24I.1', 'NPI')).toBe(true);
    expect(words.some((w) => w.text === '1500')).toBe(true);
  });

  it('pages at 6 service lines, each page with its own total in item 28', async () => {
    const [, base] = examples.find(([f]) => f === 'clean-office-visit.json')!;
    const lines = Array.from({ length: 8 }, (_, i) => ({ ...base.lines[0]!, charge: `${10 + i}.25` }));
    const claim: Claim = { ...base, lines };
    const form = formOf(claim);
    expect(form.pages).toHaveLength(2);
    for (const mode of ['form', 'data'] as const) {
      const pages = wordsOf(await pdfOf(claim, mode));
      expectEveryValueInItsBox(form, pages, mode);
    }
    // Page 1: lines 1–6 = 10.25 + … + 15.25 = 76.50; page 2: 16.25 + 17.25 = 33.50.
    expect(form.pages[0]!.fields['28']).toBe('76.50');
    expect(form.pages[1]!.fields['28']).toBe('33.50');
    const data = wordsOf(await pdfOf(claim, 'data'));
    const total = data[1]!.filter(
      (w) => w.yMin > lineTop(56) && w.yMax < lineTop(57) && w.xMin > columnX(49),
    );
    expect(total.filter((w) => w.xMax < columnX(61)).map((w) => `${w.text}@${w.xMin.toFixed(1)}`)).toEqual([
      `33@${columnX(55).toFixed(1)}`,
      `50@${columnX(58).toFixed(1)}`,
    ]);
  });

  it('several claims make one PDF, their pages in order', async () => {
    const claims = examples.map(([, c]) => c);
    const pages = wordsOf(await pdfOf(claims, 'data'));
    expect(pages).toHaveLength(claims.reduce((n, c) => n + formOf(c).pages.length, 0));
    expect(
      pages.map(
        (p) =>
          p.find((w) => Math.abs(w.xMin - columnX(23)) < 0.5 && w.yMin > lineTop(56) && w.yMax < lineTop(57))
            ?.text,
      ),
    ).toEqual(claims.map((c) => c.claimId));
  });

  it('warns, and prints what fits, for text longer than its box or that Courier cannot print', async () => {
    const [, base] = examples.find(([f]) => f === 'clean-office-visit.json')!;
    const claim: Claim = {
      ...base,
      patient: {
        ...base.patient,
        lastName: 'Zoë\u0007<script>',
        firstName: 'Bartholomew-Maximilian-Alexander',
      },
    };
    const r = await toCms1500Pdf(claim, { mode: 'data' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const reasons = r.issues.map((i) =>
      i.code === 'cms1500_field_unprinted' ? `${i.field}:${i.reason}` : i.code,
    );
    expect(reasons).toEqual(['2:not_printable', '2:too_long']);
    expect(r.issues.every((i) => i.severity === 'warning' && i.path.join('.') === 'pages.0.fields.2')).toBe(
      true,
    );
    const words = wordsOf(r.value)[0]!.filter(
      (w) => w.yMin > lineTop(10) && w.yMax < lineTop(11) && w.xMax <= columnX(30),
    );
    expect(words.map((w) => w.text).join(' ')).toBe('Zo??<script>, Bartholomew-Ma');
    expect(words.at(-1)!.xMax).toBeCloseTo(columnX(29), 2);
  });

  it('refuses what toCms1500 refuses, with the same issues', async () => {
    const [, base] = examples.find(([f]) => f === 'clean-office-visit.json')!;
    const claim: Claim = { ...base, lines: [{ ...base.lines[0]!, procedure: '9921' }] };
    const fields = toCms1500(claim);
    const pdf = await toCms1500Pdf(claim);
    expect(fields.ok).toBe(false);
    expect(pdf.ok).toBe(false);
    expect(pdf.issues.map((i) => i.message)).toEqual(fields.issues.map((i) => i.message));
    const two = await toCms1500Pdf([base, claim]);
    expect(two.ok).toBe(false);
    expect(two.issues[0]!.path[0]).toBe(1);
    const none = await toCms1500Pdf([]);
    expect(none.ok).toBe(false);
    const badMode = await renderCms1500Pdf([formOf(base)], { mode: 'ink' as 'form' });
    expect(badMode.ok ? [] : badMode.issues.map((i) => i.code)).toEqual(['invalid_option']);
  });

  it('refuses a pointersPerLine other than 1 or 4, and a key that is no option, once per batch', async () => {
    const [, base] = examples.find(([f]) => f === 'clean-office-visit.json')!;
    const options = { pointersPerLine: '1', offest: { x: 2 } } as unknown as { pointersPerLine: 1 };
    const r = await toCms1500Pdf([base, base], options);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_option', 'offest'],
      ['invalid_option', 'pointersPerLine'],
    ]);
    expect((await toCms1500Pdf(base, { pointersPerLine: 1, mode: 'data', offset: { x: 1 } })).ok).toBe(true);
  });

  it('refuses an offset that is not { x?, y? } in finite points, rather than printing unshifted', async () => {
    const [, base] = examples.find(([f]) => f === 'clean-office-visit.json')!;
    for (const [offset, paths] of [
      [{ x: '2' }, ['offset.x']],
      [{ x: Number.NaN, y: 1 }, ['offset.x']],
      [{ dx: 2, y: Infinity }, ['offset.dx', 'offset.y']],
      [5, ['offset']],
      [null, ['offset']],
      [[2, 1], ['offset']],
    ] as const) {
      const options = { mode: 'data', offset } as never;
      for (const r of [await toCms1500Pdf(base, options), await renderCms1500Pdf([formOf(base)], options)])
        expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual(
          paths.map((p) => ['invalid_option', p]),
        );
    }
    // Options that throw when read are one issue, never an exception, from either function.
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('unreadable');
        },
      },
    ) as never;
    for (const r of [await toCms1500Pdf(base, throwing), await renderCms1500Pdf([formOf(base)], throwing)])
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid_option', '']]);
    // A shift moves every value by exactly the points asked: right by x, down by y.
    const wordsAt = async (offset: { x?: number; y?: number }) => {
      const r = await toCms1500Pdf(base, { mode: 'data', offset });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return wordsOf(r.value)[0]!;
    };
    const plain = await wordsAt({});
    const shifted = await wordsAt({ x: 2, y: -1.5 });
    expect(shifted.map((w) => w.text)).toEqual(plain.map((w) => w.text));
    expect(plain.length).toBeGreaterThan(20);
    shifted.forEach((w, k) => {
      expect(Math.abs(w.xMin - plain[k]!.xMin - 2)).toBeLessThan(EPSILON);
      expect(Math.abs(w.yMin - plain[k]!.yMin + 1.5)).toBeLessThan(EPSILON);
    });
  });

  it('refuses a field value that is not text with invalid_type at the field, never a TypeError', async () => {
    const form = formOf(examples[0]![1]);
    const page = form.pages[0]!;
    for (const [key, value] of [
      ['24G.1', 2],
      ['26', null],
      ['24F.1', 165],
      ['2', undefined],
      ['19', { text: 'x' }],
    ] as const) {
      const edited = { ...form, pages: [{ ...page, fields: { ...page.fields, [key]: value } }] };
      const r = await renderCms1500Pdf([edited as never], { mode: 'data' });
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
        ['invalid_type', [0, 'pages', 0, 'fields', key]],
      ]);
    }
  });

  it('reports a field-map key the form has no box for, and prints the rest', async () => {
    const form = formOf(examples[0]![1]);
    const page = form.pages[0]!;
    const r = await renderCms1500Pdf([
      { ...form, pages: [{ ...page, fields: { ...page.fields, '99': 'X', '24K.1': 'Y' } }] },
    ]);
    expect(
      r.ok && r.issues.map((i) => (i.code === 'cms1500_field_unprinted' ? `${i.field}:${i.reason}` : '')),
    ).toEqual(['99:no_position', '24K.1:no_position']);
  });

  it('has a box for every item of the 02/12 form, inside the page and not overlapping', () => {
    const items = [
      '1',
      '1a',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '9a',
      '9b',
      '9c',
      '9d',
      '10',
      '10a',
      '10b',
      '10c',
      '10d',
      '11',
      '11a',
      '11b',
      '11c',
      '11d',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '17a',
      '17b',
      '18',
      '19',
      '20',
      '21',
      '22',
      '23',
      '24',
      '25',
      '26',
      '27',
      '28',
      '29',
      '30',
      '31',
      '32',
      '32a',
      '32b',
      '33',
      '33a',
      '33b',
    ];
    const ids = new Set(CMS1500_BOXES.map((b) => b.id));
    expect(items.filter((i) => !ids.has(i))).toEqual([]);
    for (const b of CMS1500_BOXES) {
      expect(b.left).toBeGreaterThanOrEqual(1);
      expect(b.right).toBeLessThanOrEqual(85);
      expect(b.bottom).toBeLessThanOrEqual(66);
    }
    // Item 24's heading box spans its column headings; every other pair of boxes is disjoint.
    const boxes = CMS1500_BOXES.filter((b) => b.id !== '24');
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    // Every placement prints inside its own box.
    for (const key of CMS1500_FIELD_KEYS) {
      const p = cms1500Placement(key)!;
      const box = CMS1500_BOXES.find((b) => b.id === p.box)!;
      expect(p.line >= box.top && p.line <= box.bottom, key).toBe(true);
      const columns =
        p.kind === 'choice'
          ? Object.values(p.choices).map((c) => [c, c])
          : p.kind === 'money'
            ? [[p.column - p.width + 1, p.column + 3]]
            : [[p.column, p.column + p.width - 1]];
      for (const [from, to] of columns) expect(from! >= box.left && to! <= box.right, key).toBe(true);
    }
  });

  it('renders to PNG with pdftoppm (the pictures in docs/cms1500-pdf.md)', async () => {
    // UPDATE_DOCS_IMAGES=1 npx vitest run test/pdf refreshes docs/img/cms1500-*.png.
    const [, claim] = examples.find(([f]) => f === 'fracture-missing-7th-character.json')!;
    for (const mode of ['form', 'data'] as const) {
      const pdf = join(work, `docs-${mode}.pdf`);
      writeFileSync(pdf, await pdfOf(claim, mode));
      const png = join(work, `cms1500-${mode}`);
      execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf, png]);
      const bytes = readFileSync(`${png}.png`);
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      // 8.5 × 11 in at 80 dpi.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([680, 880]);
      if (process.env.UPDATE_DOCS_IMAGES === '1') writeFileSync(`docs/img/cms1500-${mode}.png`, bytes);
    }
  });

  it('gives the same bytes for the same claim (no dates or producer in the file)', async () => {
    const [, claim] = examples[0]!;
    expect(Buffer.from(await pdfOf(claim, 'form')).equals(Buffer.from(await pdfOf(claim, 'form')))).toBe(
      true,
    );
  });
});

describe('the grid helpers given what is not a key or a box', () => {
  it('cms1500Placement: a key that is not a string has no place on the form', () => {
    for (const key of [Symbol('2'), 10n, Object.create(null), {}, [], null, undefined, 2, Number.NaN])
      expect(cms1500Placement(key as never)).toBeUndefined();
    expect(cms1500Placement('2')).toMatchObject({ kind: 'text', box: '2', line: 10, column: 1, width: 28 });
    expect(cms1500Placement('99')).toBeUndefined();
  });

  it('cms1500BoxRect: no box, or a side that is not a finite number, is refused by name', () => {
    const refusal = (box: unknown) => {
      try {
        cms1500BoxRect(box as never);
      } catch (error) {
        expect(error).toBeInstanceOf(MedcodeError);
        return (error as MedcodeError).issues[0];
      }
      throw new Error('expected a MedcodeError');
    };
    const box = { top: 1, bottom: 1, left: 1, right: 10 };
    for (const wrong of [undefined, null, Symbol('box'), 10n, 'box', 5, () => box])
      expect(refusal(wrong)).toMatchObject({
        code: 'invalid_option',
        path: ['box'],
        option: 'cms1500BoxRect(box)',
      });
    for (const [side, value] of [
      ['top', Symbol('top')],
      ['bottom', 10n],
      ['left', '1'],
      ['right', Number.NaN],
      ['top', Number.POSITIVE_INFINITY],
      ['left', undefined],
    ] as const)
      expect(refusal({ ...box, [side]: value })).toMatchObject({
        code: 'invalid_option',
        path: [`box.${side}`],
        option: `cms1500BoxRect(box.${side})`,
      });
    for (const wrong of [Object.create(null), {}, []])
      expect(refusal(wrong)).toMatchObject({ code: 'invalid_option', option: 'cms1500BoxRect(box.top)' });
    expect(cms1500BoxRect(box)).toEqual({ x: 18, y: 792 - 18 - 12, width: 72, height: 12 });
  });
});
