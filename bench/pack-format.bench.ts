/**
 * Why packs are binary: loads the same ICD-10-CM FY2026 order data (98,186 codes, titles, billable
 * flags) in three formats, each in fresh `node` processes, and reports the time to the first lookup
 * over bare `node -e 0`, plus the size on disk. The figures are recorded in docs/architecture.md.
 */
import { mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { unzipSync } from 'fflate';
import { PackWriter } from '../src/core/pack';
import type { BenchSuite, BenchRow } from './lib';
import { bareNodeMs, row } from './lib';

const REPO = resolve(import.meta.dirname, '..');

function orderRows(): { code: string; billable: boolean; short: string; long: string }[] {
  const zip = unzipSync(
    readFileSync(join(REPO, 'codesets/sources/icd10cm/2026-code-descriptions-tabular-order.zip')),
  );
  const name = Object.keys(zip).find((n) => n.endsWith('icd10cm_order_2026.txt'))!;
  const text = Buffer.from(zip[name]!).toString('latin1');
  // Order-file layout (CMS icd10OrderFiles.pdf): code 7-13, flag 15, short title 17-76, long title 78-.
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((l) => ({
      code: l.slice(6, 13).trim(),
      billable: l[14] === '1',
      short: l.slice(16, 76).trim(),
      long: l.slice(77).trim(),
    }));
}

function timeScript(file: string, runs = 11): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [file], { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const suite: BenchSuite = {
  name: 'pack-format',
  async run() {
    const rows = orderRows();
    const dir = mkdtempSync(join(tmpdir(), 'medcode-format-'));
    // (a) JSON, one object per code: the obvious format.
    writeFileSync(join(dir, 'objects.json'), JSON.stringify(rows));
    writeFileSync(
      join(dir, 'objects.mjs'),
      `import { readFileSync } from 'node:fs';
const rows = JSON.parse(readFileSync('${dir}/objects.json', 'utf8'));
const byCode = new Map(rows.map((r) => [r.code, r]));
if (!byCode.get('E119')) process.exit(1);`,
    );
    // (b) JSON, columnar arrays.
    writeFileSync(
      join(dir, 'columns.json'),
      JSON.stringify({
        codes: rows.map((r) => r.code),
        billable: rows.map((r) => (r.billable ? 1 : 0)),
        short: rows.map((r) => r.short),
        long: rows.map((r) => r.long),
      }),
    );
    writeFileSync(
      join(dir, 'columns.mjs'),
      `import { readFileSync } from 'node:fs';
const c = JSON.parse(readFileSync('${dir}/columns.json', 'utf8'));
const byCode = new Map(); c.codes.forEach((code, i) => byCode.set(code, i));
if (byCode.get('E119') === undefined) process.exit(1);`,
    );
    // (c) medcode pack: fixed-width code string + typed arrays + one title string with offsets.
    const offsets = new Uint32Array(rows.length * 2 + 1);
    let titles = '';
    rows.forEach((r, i) => {
      offsets[2 * i] = titles.length;
      titles += r.short;
      offsets[2 * i + 1] = titles.length;
      titles += r.long;
    });
    offsets[rows.length * 2] = titles.length;
    const pack = new PackWriter('icd10cm/codes', 'fy2026')
      .utf8('codes', rows.map((r) => r.code.padEnd(7)).join(''))
      .typed(
        'billable',
        'u8',
        Uint8Array.from(rows, (r) => (r.billable ? 1 : 0)),
      )
      .utf8('titles', titles)
      .u32('titleOffsets', offsets)
      .toBuffer();
    writeFileSync(join(dir, 'codes.pack'), pack);
    // The pack reader is internal (no public subpath exports it): the script loads the same source
    // bundled on its own, as the package's build bundles it into its chunks.
    buildSync({
      entryPoints: [join(REPO, 'src/core/pack.ts')],
      outfile: join(dir, 'pack-reader.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    writeFileSync(
      join(dir, 'pack.mjs'),
      `import { PackReader } from '${dir}/pack-reader.mjs';
const p = PackReader.fromFile('${dir}/codes.pack', 'icd10cm/codes');
const codes = p.utf8('codes'); const billable = p.typed('billable', 'u8'); const titles = p.utf8('titles'); const off = p.u32('titleOffsets');
const byCode = new Map(); for (let i = 0, n = codes.length / 7; i < n; i++) byCode.set(codes.slice(i * 7, i * 7 + 7).trimEnd(), i);
const i = byCode.get('E119'); if (i === undefined || !titles.slice(off[2 * i + 1], off[2 * i + 2])) process.exit(1);`,
    );
    const bare = bareNodeMs(11);
    const out: BenchRow[] = [row('pack-format', 'bare node -e 0', bare, 'ms')];
    for (const [name, data] of [
      ['JSON objects', 'objects'],
      ['JSON columns', 'columns'],
      ['binary pack', 'pack'],
    ] as const) {
      const file = data === 'pack' ? 'codes.pack' : `${data}.json`;
      out.push(
        row(
          'pack-format',
          `${name}: load + index + first get, over bare node`,
          timeScript(join(dir, `${data}.mjs`)) - bare,
          'ms',
        ),
      );
      out.push(row('pack-format', `${name}: size on disk`, statSync(join(dir, file)).size / 1e6, 'MB'));
    }
    return out;
  },
};
export default suite;
