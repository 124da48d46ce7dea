/**
 * `npm run codesets [-- options] [system…]`: builds the packs in `codesets/<system>/<edition>/` from
 * the official files in `codesets/sources/`. Packs are build outputs (not in git); the committed
 * `manifest.json` of each edition holds the expected digests, and the build fails, naming the pack,
 * when a fresh pack differs from them.
 *
 * Cached: a builder is skipped when its stamp (the digest of every file under `codesets/sources/`
 * plus the digest of the builder's code and every repository module it imports) equals the one
 * recorded in `.cache/codesets-stamps.json` by the last successful build and the packs on disk
 * still match their manifests. Runs from `prepare` (npm ci / npm install in a checkout), `prepack`,
 * `pretest`, `predemo` and `prebench`.
 *
 * Options:
 *   --update      a new data release: write the manifests of the fresh build (review the diff)
 *   --check       build in memory and compare with the committed manifests; write nothing
 *   --out <dir>   write into another folder (compared with the committed manifests; no cache)
 *   --force       ignore the cache
 *   --expected <dir>  the folder whose manifests hold the expected digests (default codesets/)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CODESETS_DIR,
  SourceReader,
  builderCodeDigests,
  builderFiles,
  diffWithManifests,
  outputsMatchManifests,
  readStamps,
  sourcesDigest,
  systemOfBuilder,
  writeEditions,
  writeStamps,
} from './lib/codesets';
import type { CodesetBuilder } from './lib/codesets';

const { values, positionals } = parseArgs({
  options: {
    update: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    out: { type: 'string' },
    expected: { type: 'string' },
  },
  allowPositionals: true,
});
if (values.update && values.check) throw new Error('--update and --check cannot be combined');
const outDir = values.out === undefined ? CODESETS_DIR : resolve(values.out);
const expectedDir = values.expected === undefined ? CODESETS_DIR : resolve(values.expected);
// The cache only describes codesets/ itself; a build elsewhere (a test's temp folder) always runs.
const useCache =
  !values.force && !values.update && !values.check && outDir === CODESETS_DIR && expectedDir === CODESETS_DIR;

const started = performance.now();
const files = builderFiles().filter(
  (f) => positionals.length === 0 || positionals.includes(systemOfBuilder(f)),
);
for (const name of positionals)
  if (!files.some((f) => systemOfBuilder(f) === name))
    throw new Error(`no builder scripts/codesets/${name}.ts`);

const sources = sourcesDigest();
const code = await builderCodeDigests(files);
const stampOf = (file: string) => `${sources}:${code.get(file)}`;
const stamps = readStamps();

let failed = false;
let built = 0;
for (const file of files) {
  const system = systemOfBuilder(file);
  const key = `${system}.ts`;
  if (useCache && stamps[key] === stampOf(file) && outputsMatchManifests(CODESETS_DIR, system)) {
    console.log(`${system}: up to date (cached)`);
    continue;
  }
  const t0 = performance.now();
  const mod = (await import(file)) as { default?: CodesetBuilder };
  const builder = mod.default;
  if (!builder || typeof builder.build !== 'function')
    throw new Error(`scripts/codesets/${key} has no default CodesetBuilder export`);
  if (builder.system !== system)
    throw new Error(`scripts/codesets/${key} builds "${builder.system}": name the file after its system`);
  const editions = await builder.build(new SourceReader());
  const ms = Math.round(performance.now() - t0);
  built++;
  const diffs = values.update ? [] : diffWithManifests(expectedDir, system, editions);
  if (diffs.length > 0) {
    failed = true;
    console.error(`${system}: the fresh build differs from the committed manifests (${ms} ms):`);
    for (const d of diffs) console.error(`  ${d}`);
    continue;
  }
  if (values.check) {
    console.log(`${system}: ${editions.length} edition(s) match the committed manifests (${ms} ms)`);
    continue;
  }
  const written = writeEditions(outDir, system, editions);
  console.log(
    `${system}: ${editions.map((e) => e.edition.id).join(', ')} → ${written.length} file(s) (${ms} ms)`,
  );
  if (outDir === CODESETS_DIR) {
    // Recorded per builder as it succeeds: a later failure keeps the work already done.
    stamps[key] = stampOf(file);
    writeStamps(stamps);
  }
}

// index.json lists the edition folders of each system (what loadPacks fetches first over HTTP). It
// follows from the manifests and is committed with them.
if (!values.check && positionals.length === 0 && !failed) {
  const { packIndex } = await import('../src/node/index');
  const text = `${JSON.stringify(packIndex(outDir), null, 2)}\n`;
  const committedFile = join(expectedDir, 'index.json');
  const committed = existsSync(committedFile) ? readFileSync(committedFile, 'utf8') : undefined;
  if (text !== committed && !values.update) {
    failed = true;
    console.error('codesets/index.json: differs from the editions built');
  } else writeFileSync(join(outDir, 'index.json'), text);
}

const total = Math.round(performance.now() - started);
if (failed) {
  console.error(
    'codesets: build failed. If the official files or the builders changed on purpose (a new data release), run `npm run codesets -- --update` and commit the manifests.',
  );
  process.exit(1);
}
console.log(
  `codesets: ${built} of ${files.length} builder(s) ran, ${files.length - built} cached (${total} ms)`,
);
