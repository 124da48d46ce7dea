/**
 * A small progress bar for long CLI work (NCCI imports, large 837 files). Draws on stderr only when
 * it is a terminal, so piped output and CI logs stay clean; otherwise it prints one line at the end.
 *
 * @module
 */

/**
 * What long-running APIs report through their `onProgress` option.
 *
 * @example
 * ```ts
 * bar.update({ done: 1_000_000, total: 2_500_000, unit: 'rows', label: 'ccipra-v322r0-f1.TXT' } satisfies ProgressEvent)
 * ```
 */
export interface ProgressEvent {
  /** Work done so far, in `unit`s. */
  readonly done: number;
  /** Total work, when known. */
  readonly total?: number;
  readonly unit?: string;
  /** What is being worked on (a file name, a phase). */
  readonly label?: string;
}

/**
 * A progress sink: `update` as work goes on, `finish` once.
 *
 * @example
 * ```ts
 * const bar: ProgressBar = createProgressBar('reading claims.837')
 * ```
 */
export interface ProgressBar {
  update(event: ProgressEvent): void;
  finish(summary: string): void;
}

/**
 * Creates a progress bar on a stream (stderr by default).
 *
 * @example
 * ```ts
 * const bar = createProgressBar('importing PTP')
 * await importPtp(files, { onProgress: (e) => bar.update(e) })
 * bar.finish('2,500,000 edits')
 * ```
 */
export function createProgressBar(
  title: string,
  stream: NodeJS.WriteStream = process.stderr,
  width = 28,
): ProgressBar {
  const tty = stream.isTTY === true;
  let last = 0;
  return {
    update(event) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 80 && (event.total === undefined || event.done < event.total)) return;
      last = now;
      const unit = event.unit ? ` ${event.unit}` : '';
      let line: string;
      if (event.total !== undefined && event.total > 0) {
        const ratio = Math.min(1, event.done / event.total);
        const filled = Math.round(ratio * width);
        line = `${title} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${event.done.toLocaleString('en-US')}/${event.total.toLocaleString('en-US')}${unit}`;
      } else {
        line = `${title} ${event.done.toLocaleString('en-US')}${unit}`;
      }
      if (event.label) line += ` ${event.label}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1)}\x1b[K`);
    },
    finish(summary) {
      stream.write(`${tty ? '\r\x1b[K' : ''}${title}: ${summary}\n`);
    },
  };
}
