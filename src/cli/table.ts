/**
 * Plain-text tables for CLI output.
 *
 * @module
 */
import { escapeControl } from './io';

/**
 * Layout of {@link renderTable}.
 *
 * @example
 * ```ts
 * const layout: TableLayout = { width: process.stdout.columns ?? 120, wrap: [5, 6] }
 * ```
 */
export interface TableLayout {
  /** Longest cell before it is clipped with `…` (columns that wrap are never clipped). Default 72. */
  readonly maxWidth?: number;
  /**
   * Total line width to fit. Columns listed in `wrap` share what the other columns leave and their
   * cells are word-wrapped onto continuation lines, so no text is lost. Default: no wrapping.
   */
  readonly width?: number;
  /** Indexes of the columns that wrap (e.g. the message and remedy of an edit). */
  readonly wrap?: readonly number[];
}

/**
 * Renders rows as an aligned text table with a header line. The third argument is either the clip
 * width (as before) or a {@link TableLayout} that word-wraps long columns to fit a terminal.
 *
 * @example
 * ```ts
 * renderTable(['code', 'title'], [['E11.9', 'Type 2 diabetes mellitus without complications']])
 * renderTable(['line', 'message'], rows, { width: 100, wrap: [1] })
 * ```
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  layout: number | TableLayout = 72,
): string {
  const opts: TableLayout = typeof layout === 'number' ? { maxWidth: layout } : layout;
  const maxWidth = opts.maxWidth ?? 72;
  const wrapCols = new Set(opts.width !== undefined ? (opts.wrap ?? []) : []);
  const clean = (s: string) => escapeControl(s).replace(/\s+/g, ' ').trim();
  const clip = (s: string, i: number) =>
    wrapCols.has(i) || s.length <= maxWidth ? s : `${s.slice(0, maxWidth - 1)}…`;
  const cells = [header, ...rows].map((r) => header.map((_, i) => clip(clean(r[i] ?? ''), i)));
  const natural = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const widths = [...natural];
  if (wrapCols.size > 0 && opts.width !== undefined) {
    // The fixed columns keep their natural width; the wrapping ones share the rest in proportion to
    // the square root of their natural widths (a long message gets more room than a short remedy,
    // without squeezing the remedy to nothing). A column that needs less than its share keeps its
    // natural width and leaves the rest to the others. Each gets at least 24 characters (16 when
    // the terminal is too narrow for that): a narrow terminal scrolls rather than garbles.
    const gaps = 2 * (header.length - 1);
    const fixed = natural.reduce((sum, w, i) => (wrapCols.has(i) ? sum : sum + w), 0);
    let room = Math.max(opts.width - fixed - gaps, 16 * wrapCols.size);
    const order = [...wrapCols].sort((a, b) => natural[a]! - natural[b]!);
    let weight = order.reduce((sum, i) => sum + Math.sqrt(natural[i]!), 0);
    for (const i of order) {
      const w = Math.sqrt(natural[i]!);
      const share = weight > 0 ? Math.floor((room * w) / weight) : room;
      widths[i] = Math.max(16, Math.min(natural[i]!, Math.max(share, 24)));
      room -= widths[i]!;
      weight -= w;
    }
  }
  const lines: string[] = [];
  const emit = (r: readonly string[]) => {
    const parts = r.map((c, i) => (wrapCols.has(i) ? wrapText(c, widths[i]!) : [c]));
    const height = Math.max(...parts.map((p) => p.length));
    for (let k = 0; k < height; k++) {
      const row = parts.map((p, i) =>
        i === parts.length - 1 ? (p[k] ?? '') : (p[k] ?? '').padEnd(widths[i]!),
      );
      lines.push(row.join('  ').trimEnd());
    }
  };
  emit(cells[0]!);
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) emit(r);
  return lines.join('\n');
}

/** Greedy word wrap; a word longer than the width is cut. */
function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const out: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line) {
        out.push(line);
        line = '';
      }
      out.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  return out;
}
