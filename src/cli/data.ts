/**
 * `medcode data status [--date D]` and `medcode data import <files…> --out <dir>`: which editions
 * are held for every dataset, what is missing or stale for a date, and the import of official files.
 *
 * @module
 */
import { resolve } from 'node:path';
import { builtInCodesetsDir } from '../core/data-dir';
import { toIsoDate } from '../core/dates';
import type { IsoDate } from '../core/dates';
import { importedCodesetsDirs, mergedManifests } from '../core/manifest';
import type { LocatedManifest } from '../core/manifest';
import { MedcodeError } from '../core/errors';
import {
  CliError,
  EXIT_INPUT_ERRORS,
  EXIT_OK,
  localToday,
  outputWidth,
  parseCommandArgs,
  writeJson,
} from './io';
import type { CliIo } from './io';
import { existingFiles } from './input';
import { readCodesetsOption } from './codesets';
import { createProgressBar } from './progress';
import { renderTable } from './table';

/** The datasets medcode reads, with the official file each one is renewed from. */
const DATASETS: readonly { readonly system: string; readonly name: string; readonly officialFile: string }[] =
  [
    {
      system: 'icd10cm',
      name: 'ICD-10-CM',
      officialFile: 'CMS <FY> Code Descriptions in Tabular Order (icd10cm_order_<FY>.txt)',
    },
    {
      system: 'icd10pcs',
      name: 'ICD-10-PCS',
      officialFile: 'CMS <FY> ICD-10-PCS Order File and Code Tables',
    },
    {
      system: 'hcpcs',
      name: 'HCPCS Level II',
      officialFile: 'CMS <month>-<year>-alpha-numeric-hcpcs-file.zip',
    },
    {
      system: 'ncci-mue',
      name: 'NCCI MUE',
      officialFile: 'CMS MCR_MUE_<Setting>Services_Eff_MM-DD-YYYY.csv',
    },
    {
      system: 'ncci-aoc',
      name: 'NCCI add-on code',
      officialFile: 'CMS AOC_V<year>Q<n>-MCR.xlsx (quarterly)',
    },
    {
      // None ships with medcode (docs/data.md): held only once imported, and `validate` skips the
      // PTP rule without it, so it is listed like every other dataset.
      system: 'ncci-ptp',
      name: 'NCCI PTP',
      officialFile:
        'CMS ccipra-v<NNN>r<N>-f<1-4>.zip (practitioner) or ccioph-… (outpatient hospital), quarterly',
    },
    { system: 'mce', name: 'Medicare Code Editor', officialFile: 'CMS Definitions of Medicare Code Edits' },
    { system: 'pos', name: 'Place of service', officialFile: 'CMS Place of Service code set' },
    {
      system: 'hcc',
      name: 'CMS-HCC model',
      officialFile: 'CMS <PY> Midyear/Final Model Software and ICD-10-CM Mappings',
    },
    {
      system: 'pfs',
      name: 'Medicare PFS RVU',
      officialFile: 'CMS RVU<yy><A-D> relative value file (quarterly)',
    },
  ];

/** One dataset's state on a date. */
interface DatasetStatus {
  readonly system: string;
  readonly name: string;
  readonly editions: readonly {
    readonly id: string;
    readonly from: IsoDate;
    readonly to: IsoDate | null;
    readonly origin: 'built-in' | 'imported';
    readonly publishedFor?: string;
    readonly validThrough?: IsoDate;
  }[];
  /** `current`, `stale` (held edition past its publisher's validity), or `missing` (none for the date). */
  readonly state: 'current' | 'stale' | 'missing';
  readonly edition?: string;
  /** The official file to import for the date, when stale or missing. */
  readonly get?: string;
}

function statusOf(
  dataset: (typeof DATASETS)[number],
  manifests: readonly LocatedManifest[],
  date: IsoDate,
): DatasetStatus {
  const editions = manifests.map(({ manifest: m, origin }) => ({
    id: m.edition.id,
    from: m.edition.effectiveFrom,
    to: m.edition.effectiveTo,
    origin,
    ...(m.publisherValidity
      ? { publishedFor: m.publisherValidity.period, validThrough: m.publisherValidity.through }
      : {}),
  }));
  const held = manifests.find(
    ({ manifest: m }) =>
      m.edition.effectiveFrom <= date && (m.edition.effectiveTo === null || date <= m.edition.effectiveTo),
  );
  const base = { system: dataset.system, name: dataset.name, editions };
  if (held) {
    const v = held.manifest.publisherValidity;
    if (v && date > v.through)
      return { ...base, state: 'stale', edition: held.manifest.edition.id, get: v.nextFile };
    return { ...base, state: 'current', edition: held.manifest.edition.id };
  }
  const before = [...manifests].reverse().find(({ manifest: m }) => m.edition.effectiveFrom <= date);
  return {
    ...base,
    state: 'missing',
    get: before?.manifest.publisherValidity?.nextFile ?? dataset.officialFile,
  };
}

/**
 * Every dataset's editions (built-in and imported) and its state on `date`.
 *
 * @example
 * ```ts
 * dataStatus('2026-12-02', []).find((d) => d.system === 'hcpcs')?.state // 'stale'
 * ```
 */
export function dataStatus(date: IsoDate, extraDirs: readonly string[]): readonly DatasetStatus[] {
  const dirs = [builtInCodesetsDir(), ...extraDirs, ...importedCodesetsDirs()];
  return DATASETS.map((d) => statusOf(d, mergedManifests(dirs, d.system), date));
}

/**
 * `medcode data status|import`.
 *
 * @example
 * ```ts
 * await runData(['status', '--date', '2026-12-02'], io) // 0
 * ```
 */
export async function runData(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'status') return runStatus(rest, io);
  if (sub === 'import') return runImport(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout.write(DATA_HELP);
    return EXIT_OK;
  }
  throw new CliError(`unknown subcommand "${sub.slice(0, 64)}" (status, import)`);
}

async function runStatus(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    date: { type: 'string', short: 'd' },
    json: { type: 'boolean' },
    codesets: { type: 'string', multiple: true },
  });
  if (values.help) {
    io.stdout.write(DATA_HELP);
    return EXIT_OK;
  }
  const raw = values.date ?? io.today ?? localToday();
  const date = toIsoDate(raw);
  if (date === undefined) throw new CliError(`--date must be a calendar date YYYY-MM-DD (received "${raw}")`);
  // Each folder is checked as every other command checks --codesets: there, and holding only
  // editions `medcode data import` writes (a usage error, exit 2, naming it otherwise).
  const folders = (values.codesets ?? []).flatMap((d) => readCodesetsOption(io.cwd, d).imported);
  let status: readonly DatasetStatus[];
  try {
    status = dataStatus(date, folders);
  } catch (error) {
    if (error instanceof MedcodeError) throw new CliError(error.issues.map((i) => i.message).join(' '));
    throw error;
  }
  if (values.json) {
    writeJson(io.stdout, { date, datasets: status });
    return EXIT_OK;
  }
  const rows = status.map((s) => [
    s.name,
    s.editions
      .map(
        (e) =>
          `${e.id} ${e.from}..${e.to ?? 'open'}${e.origin === 'imported' ? ' (imported)' : ''}${e.publishedFor ? ` [${e.publishedFor}]` : ''}`,
      )
      .join('; '),
    s.state === 'current'
      ? `current (${s.edition})`
      : s.state === 'stale'
        ? `STALE (${s.edition})`
        : 'MISSING',
    s.get ?? '',
  ]);
  io.stdout.write(`Data for ${date}\n`);
  io.stdout.write(
    renderTable(['dataset', 'editions held', 'on this date', 'official file to get'], rows, {
      width: outputWidth(io.stdout),
      wrap: [1, 3],
    }),
  );
  return EXIT_OK;
}

async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(DATA_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new CliError('missing official files to import');
  if (values.out === undefined)
    throw new CliError('missing --out <dir> (the folder to write the imported editions to)');
  const { importCodeSets } = await import('../import/index');
  const bar = createProgressBar('medcode data import', process.stderr);
  const files = existingFiles(positionals, io.cwd);
  const r = await importCodeSets(files, {
    out: resolve(io.cwd, values.out),
    onProgress: (p) =>
      bar.update({ done: p.done, total: p.total, unit: 'files', label: `${p.step} ${p.file}` }),
  });
  if (!r.ok) {
    bar.finish('failed, nothing written');
    for (const issue of r.issues) io.stderr.write(`medcode data import: ${issue.message}\n`);
    if (values.json) writeJson(io.stdout, { ok: false, issues: r.issues });
    return EXIT_INPUT_ERRORS;
  }
  bar.finish(`${r.value.length} edition(s) written`);
  if (values.json) {
    writeJson(io.stdout, { ok: true, editions: r.value.map((e) => ({ dir: e.dir, manifest: e.manifest })) });
    return EXIT_OK;
  }
  for (const e of r.value)
    io.stdout.write(
      `${e.manifest.edition.name}: ${e.manifest.edition.effectiveFrom}..${e.manifest.edition.effectiveTo ?? 'open'} → ${e.dir}\n`,
    );
  io.stdout.write(
    `Use them with MEDCODE_CODESETS=${resolve(io.cwd, values.out)} (or extraCodesetsDirs in the API).\n`,
  );
  return EXIT_OK;
}

const DATA_HELP = `medcode data: the code-set data medcode holds, and the import of official files

  medcode data status [--date D] [--codesets <dir>…] [--json]
      every dataset: editions held (built-in and imported), the range each covers, whether the
      date is covered, stale (past what the publisher released the edition for) or missing, and
      the official file to get.
  medcode data import <files…> --out <dir> [--json]
      imports official CMS files (HCPCS Level II quarterly zip/txt/xlsx; NCCI MUE csv/xlsx/zip;
      ICD-10-PCS tables xml + order file zip [+ definitions xml]; MCE code-list table; CMS-HCC
      model tables + ICD-10-CM Mappings xlsx; give the files of one edition together) into
      <dir>/<system>/<edition>/ (.xlsx needs the optional package read-excel-file). Nothing is written unless every file imports. Then set
      MEDCODE_CODESETS=<dir> to use them: they merge with the built-in editions by effective date.
`;
