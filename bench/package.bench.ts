/**
 * The published tarball's size, as `npm pack --dry-run` reports it (packed and unpacked), with the
 * share of the code-set packs. Target from the project's runtime issue: at most 25 MB unpacked with
 * both ICD-10-CM editions, HCPCS, PCS, MUE and MCE.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
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
    // What a browser app that embeds validation ships: `validateClaimJson` bundled by esbuild for
    // the browser, minified, from the sources (as the package's exports resolve). The zod claims
    // schema bundled the same way is the reference: validation no longer carries it.
    const bundled = async (contents: string) => {
      const r = await build({
        stdin: { contents, resolveDir: REPO, loader: 'ts' },
        bundle: true,
        write: false,
        minify: true,
        format: 'esm',
        platform: 'browser',
        alias: { medcode: join(REPO, 'src') },
        logLevel: 'error',
      });
      return r.outputFiles[0]!.contents;
    };
    const validation = await bundled(
      "import { validateClaimJson } from 'medcode/rules'; globalThis.validate = validateClaimJson;",
    );
    const schema = await bundled(
      "import { ClaimSchema } from 'medcode/claims'; globalThis.schema = ClaimSchema;",
    );
    rows.push(
      row(S, 'browser bundle, validateClaimJson (esbuild, minified)', validation.length / 1e3, 'KB'),
      row(S, 'the same, gzip', gzipSync(validation).length / 1e3, 'KB'),
      row(S, 'reference: ClaimSchema (zod) bundled the same way, gzip', gzipSync(schema).length / 1e3, 'KB'),
    );
    return rows;
  },
};

export default suite;
