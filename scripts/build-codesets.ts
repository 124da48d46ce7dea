/**
 * `npm run codesets [-- --check] [system…]`: builds the compact packs in `codesets/<system>/<edition>/`
 * from the official files in `codesets/sources/`. With `--check`, builds in memory and compares with
 * the committed packs instead of writing (exit 1 on any difference).
 */
import { parseArgs } from 'node:util';
import { CODESETS_DIR, SourceReader, diffEditions, loadBuilders, writeEditions } from './lib/codesets';

const { values, positionals } = parseArgs({
  options: { check: { type: 'boolean', default: false } },
  allowPositionals: true,
});

const builders = await loadBuilders(positionals);
let failed = false;
for (const builder of builders) {
  const started = performance.now();
  const editions = await builder.build(new SourceReader());
  const ms = Math.round(performance.now() - started);
  if (values.check) {
    const diffs = diffEditions(CODESETS_DIR, builder.system, editions);
    for (const d of diffs) console.error(`  ${d}`);
    failed ||= diffs.length > 0;
    console.log(
      `${builder.system}: ${editions.length} edition(s), ${diffs.length === 0 ? 'matches committed packs' : `${diffs.length} difference(s)`} (${ms} ms)`,
    );
  } else {
    const written = writeEditions(CODESETS_DIR, builder.system, editions);
    console.log(
      `${builder.system}: ${editions.map((e) => e.edition.id).join(', ')} → ${written.length} file(s) (${ms} ms)`,
    );
  }
}
if (failed) process.exit(1);
