/**
 * The published tarball's size, as `npm pack --dry-run` reports it (packed and unpacked), with the
 * share of the code-set packs. Target from the project's runtime issue: at most 25 MB unpacked with
 * both ICD-10-CM editions, HCPCS, PCS, MUE and MCE.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';
import { row } from './lib';

const S = 'package';
const REPO = resolve(import.meta.dirname, '..');

interface PackReport {
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

const suite: BenchSuite = {
  name: S,
  async run() {
    const rows: BenchRow[] = [];
    // --ignore-scripts: `npm run bench` has just built dist/; prepack would build it again.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const report = (JSON.parse(out) as PackReport[])[0]!;
    const packs = report.files.filter((f) => f.path.startsWith('codesets/')).reduce((n, f) => n + f.size, 0);
    rows.push(row(S, 'tarball, packed (npm pack)', report.size / 1e6, 'MB'));
    rows.push(row(S, 'tarball, unpacked (npm pack)', report.unpackedSize / 1e6, 'MB', { max: 25 }));
    rows.push(row(S, 'of which codesets/', packs / 1e6, 'MB'));
    rows.push(row(S, 'files in the tarball', report.files.length, 'files'));
    rows.push(
      row(
        S,
        'source maps, benchmarks, evaluation data shipped',
        report.files.filter((f) => /\.map$|^bench\/|search-eval/.test(f.path)).length,
        'files',
        { max: 0 },
      ),
    );
    return rows;
  },
};

export default suite;
