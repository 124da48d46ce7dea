/**
 * `medcode ncci import <files…> --out <dir>`: the CMS NCCI PTP quarterly files (zips as
 * downloaded, or their text) into packs, over `importPtp` from `medcode/ncci`, with a progress bar.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importPtp } from '../ncci/index';
import type { PtpTableKind } from '../ncci/index';
import { toIsoDate } from '../core/dates';
import { describeFsError, existingFiles } from './input';
import {
  CliError,
  EXIT_INPUT_ERRORS,
  EXIT_OK,
  EXIT_USAGE,
  firstLine,
  parseCommandArgs,
  writeJson,
} from './io';
import type { CliIo } from './io';
import { createProgressBar } from './progress';
import { renderTable } from './table';

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  table: { type: 'string' },
  'effective-from': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * Runs `medcode ncci <subcommand>`; only `import` exists.
 *
 * @example
 * ```ts
 * await runNcci(['import', 'ccipra-v322r0-f1.zip', '--out', 'ptp'], io) // writes ptp/ptp-practitioner-2026q3.pack
 * ```
 */
export async function runNcci(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new CliError('missing subcommand (medcode ncci import <files…> --out <dir>)');
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (sub !== 'import') throw new CliError(`unknown subcommand "${sub}" (try medcode ncci import --help)`);
  return runImport(rest, io);
}

async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0)
    throw new CliError('missing files (medcode ncci import <files…> --out <dir>)');
  if (values.out === undefined) throw new CliError('missing --out <dir> (where the packs are written)');
  let table: PtpTableKind | undefined;
  if (values.table !== undefined) {
    if (values.table !== 'practitioner' && values.table !== 'hospital')
      throw new CliError(`--table must be practitioner or hospital (received "${values.table}")`);
    table = values.table;
  }
  let effectiveFrom: string | undefined;
  if (values['effective-from'] !== undefined) {
    effectiveFrom = toIsoDate(values['effective-from']);
    if (effectiveFrom === undefined)
      throw new CliError(
        `--effective-from must be a date YYYY-MM-DD (received "${values['effective-from']}")`,
      );
  }
  const files = existingFiles(positionals, io.cwd);
  const bar = createProgressBar('importing NCCI PTP', io.stderr as NodeJS.WriteStream);
  let tables: Awaited<ReturnType<typeof importPtp>>;
  try {
    tables = await importPtp(files, {
      ...(table ? { table } : {}),
      ...(effectiveFrom ? { effectiveFrom } : {}),
      onProgress: (p) => {
        if (p.phase === 'parse' && p.bytesTotal > 0)
          bar.update({
            done: p.bytesDone,
            total: p.bytesTotal,
            unit: 'chars',
            label: `${p.file} · ${p.rows.toLocaleString('en-US')} rows`,
          });
        else bar.update({ done: p.rows, unit: 'rows', label: `${p.phase} ${p.file}` });
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    bar.finish('failed');
    // A missing or unreadable input is a usage error; a file that is not a PTP table is bad input.
    if (typeof code === 'string')
      throw new CliError(
        `cannot read an input file: ${describeFsError(error)}${(error as NodeJS.ErrnoException).path ? ` (${(error as NodeJS.ErrnoException).path})` : ''}`,
        EXIT_USAGE,
      );
    // The library names its options; the CLI user knows them as flags.
    const message = firstLine(error)
      .replace('pass { table }', 'pass --table practitioner|hospital')
      .replace('pass { effectiveFrom }', 'pass --effective-from YYYY-MM-DD');
    throw new CliError(message, EXIT_INPUT_ERRORS);
  }
  const outDir = resolve(io.cwd, values.out);
  const written: {
    file: string;
    kind: string;
    version: string;
    edition: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    rows: number;
    bytes: number;
    sources: readonly string[];
  }[] = [];
  try {
    mkdirSync(outDir, { recursive: true });
    for (const t of tables) {
      const bytes = t.toPack();
      const name = `ptp-${t.edition.id}.pack`;
      writeFileSync(join(outDir, name), bytes);
      written.push({
        file: join(values.out, name),
        kind: t.kind,
        version: t.version,
        edition: t.edition.id,
        effectiveFrom: t.edition.effectiveFrom,
        effectiveTo: t.edition.effectiveTo,
        rows: t.size,
        bytes: bytes.length,
        sources: t.sourceFiles,
      });
    }
  } catch (error) {
    bar.finish('failed');
    throw new CliError(`cannot write to ${values.out}: ${describeFsError(error)}`, EXIT_USAGE);
  }
  const rows = written.reduce((n, w) => n + w.rows, 0);
  bar.finish(
    `${rows.toLocaleString('en-US')} edits in ${written.length} table${written.length === 1 ? '' : 's'}`,
  );
  if (values.json) writeJson(io.stdout, { tables: written });
  else {
    io.stdout.write(
      `${renderTable(
        ['pack', 'table', 'version', 'in force', 'rows', 'bytes'],
        written.map((w) => [
          w.file,
          w.kind,
          w.version,
          `${w.effectiveFrom}..${w.effectiveTo ?? ''}`,
          w.rows.toLocaleString('en-US'),
          w.bytes.toLocaleString('en-US'),
        ]),
        200,
      )}\nUse them with: medcode validate <claims> --ptp ${values.out}\n`,
    );
  }
  return EXIT_OK;
}

const HELP = `Usage: medcode ncci import <files…> --out <dir> [options]

Imports the CMS NCCI procedure-to-procedure (PTP) quarterly files — the zips as downloaded
(ccipra-v322r0-f1.zip … f4 for practitioners, ccioph-… for outpatient hospitals) or the text
inside them — into one pack per table and quarter, written as <dir>/ptp-<edition>.pack.
"medcode validate --ptp <dir>" then runs the ncci-ptp rule with them.

Options:
  -o, --out <dir>               where to write the packs (created if needed; required)
      --table practitioner|hospital   when the file names do not say (ccipra / ccioph)
      --effective-from <YYYY-MM-DD>   first day of the quarter, when the names do not say (v322 = 2026 Q3)
      --json                    machine-readable summary
  -h, --help                    this help

Exit 0 on success, 1 when a file is not a PTP table (the message names the file and line), 2 on a
usage error or an unreadable file.
`;
