/**
 * ICD-10-PCS figures against their targets: cold import + first check (≤ 60 ms over bare
 * node), check throughput (≥ 1M/s), search p99 (≤ 5 ms), pack size (≤ 3 MB before gzip).
 */
import { misspeltPairs } from '../test/fixtures/misspell';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './lib';
import { bareNodeMs, coldStartMs, heapAfterMb, latencyPercentiles, opsPerSecond, row } from './lib';
import { icd10pcs } from '../src/icd10pcs/index';
import { CODESETS_DIR } from '../scripts/lib/codesets';

const S = 'icd10pcs';

/** Deterministic pseudo-random sample (LCG), so runs compare. */
function sample<T>(items: readonly T[], n: number, seed = 42): T[] {
  let x = seed;
  const out: T[] = [];
  for (let k = 0; k < n; k++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(items[x % items.length]!);
  }
  return out;
}

const suite: BenchSuite = {
  name: S,
  async run() {
    const rows: BenchRow[] = [];
    const packBytes = statSync(join(CODESETS_DIR, 'icd10pcs/fy2026/codes.pack')).size;
    rows.push(
      row(S, 'pack size codes.pack (bytes, before gzip)', packBytes, 'bytes', { max: 3 * 1024 * 1024 }),
    );

    const bare = bareNodeMs();
    const cold = coldStartMs(
      "import { icd10pcs } from 'medcode/icd10pcs';\nif (!icd10pcs.at('2026-05-01').check('0LB50ZZ').ok) process.exit(1);",
    );
    rows.push(row(S, 'bare node -e 0 (median of 15)', bare, 'ms'));
    rows.push(row(S, 'cold import + first check, over bare node', cold - bare, 'ms', { max: 60 }));
    rows.push(
      row(
        S,
        'heap after import + first check',
        heapAfterMb(
          "import { icd10pcs } from 'medcode/icd10pcs';\nicd10pcs.at('2026-05-01').check('0LB50ZZ');",
        ),
        'MB',
      ),
    );

    const cs = icd10pcs.at('2026-05-01');
    // Search first: its latency should not absorb the GC debt of the throughput runs below.
    const t0 = performance.now();
    cs.search('excision lower arm muscle open', { limit: 10 });
    rows.push(row(S, 'first search (builds the index)', performance.now() - t0, 'ms'));
    const queries = [
      'excision lower arm muscle open',
      'bypass coronary artery',
      'replacement knee joint synthetic',
      'appendectomy',
      'resection appendix',
      'drainage',
      'open',
      'right',
      'insertion infusion device',
      'fusion lumbar vertebral joint',
      'cesarean',
      'extraction products of conception',
      'mri brain contrast',
      'computerized tomography chest',
      'hemodialysis',
      'transfusion red blood cells',
      'biopsy liver percutaneous',
      'hallux',
      'ams 800',
      'dilation coronary artery drug eluting',
      '0LB5',
      'xw0',
    ];
    // Five unmeasured rounds first: the first calls pay for JIT compilation and for collecting the
    // garbage the index build left; the figure is the steady state of a running service.
    for (let w = 0; w < 5; w++) for (const q of queries) cs.search(q, { limit: 10 });
    const { p50, p99 } = latencyPercentiles(queries, (q) => cs.search(q, { limit: 10 }), 30);
    rows.push(row(S, 'search p50 (22 queries × 30 rounds after 5 warm-up rounds, limit 10)', p50, 'ms'));
    rows.push(
      row(S, 'search p99 (22 queries × 30 rounds after 5 warm-up rounds, limit 10)', p99, 'ms', { max: 5 }),
    );
    // Misspelt titles (test/fixtures/misspell.ts: one typing error in a word of six letters
    // or more): every 200th code's title without its approach, as written and misspelt; a query
    // counts when its code is in the top ten.
    const titled: { term: string; code: string }[] = [];
    let nth = 0;
    for (const e of cs.codes())
      if (nth++ % 200 === 0) titled.push({ term: e.title.split(',')[0]!, code: e.code });
    const misspelt = misspeltPairs(titled, 20260501);
    const found = (q: string, code: string) => cs.search(q, { limit: 10 }).some((h) => h.entry.code === code);
    rows.push(
      row(
        S,
        `search recall@10, title words (${misspelt.length} queries)`,
        misspelt.filter((p) => found(p.term, p.code)).length / misspelt.length,
        'ratio',
      ),
      row(
        S,
        'search recall@10, the same with one word misspelt',
        misspelt.filter((p) => found(p.misspelt, p.code)).length / misspelt.length,
        'ratio',
      ),
    );
    const typo = latencyPercentiles(
      misspelt.map((p) => p.misspelt),
      (q) => cs.search(q, { limit: 10 }),
      5,
    );
    rows.push(row(S, 'search p50 / p99, one word misspelt', typo.p50, `ms / ${typo.p99.toFixed(2)} ms`));
    const all = [...cs.codes()].map((e) => e.code);
    const valid10k = sample(all, 10_000);
    rows.push(
      row(
        S,
        'check, 10k distinct valid codes',
        await opsPerSecond('check valid', valid10k, (c) => cs.check(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );
    rows.push(
      row(
        S,
        'check, all 79,115 codes in turn (results rebuilt, ~no cache hits)',
        await opsPerSecond('check all', all, (c) => cs.check(c)),
        'ops/s',
      ),
    );
    const chars = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    const invalid = sample(all, 10_000, 7)
      .map((c, k) => c.slice(0, 4 + (k % 3)) + chars[(k * 7) % 34] + c.slice(5 + (k % 3)))
      .filter((c) => c.length === 7 && !cs.check(c).ok);
    rows.push(
      row(
        S,
        'check, invalid codes (explained, per axis)',
        await opsPerSecond('check invalid', invalid, (c) => cs.check(c)),
        'ops/s',
      ),
    );
    rows.push(
      row(
        S,
        'check, lowercase with dot (normalized)',
        await opsPerSecond(
          'check normalized',
          valid10k.map((c) => `${c.slice(0, 3)}.${c.slice(3)}`.toLowerCase()),
          (c) => cs.check(c),
        ),
        'ops/s',
      ),
    );
    // Messy and invalid spellings repeated as on claims (memoized, src/core/memo.ts).
    const messy = [
      '0LB5OZZ',
      '0lb50zz',
      '0LBZ0ZZ',
      'ZLB50ZZ',
      '0LB50',
      ' 0dtj4zz ',
      '0DT.J4ZZ',
      '__proto__',
      '',
    ];
    rows.push(
      row(
        S,
        'check, messy/invalid inputs repeated (9 spellings)',
        await opsPerSecond('check messy', messy, (c) => cs.check(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );
    rows.push(
      row(S, 'get, 10k distinct valid codes', await opsPerSecond('get', valid10k, (c) => cs.get(c)), 'ops/s'),
    );
    rows.push(
      row(S, 'decode, 10k codes', await opsPerSecond('decode', valid10k, (c) => cs.decode(c)), 'ops/s'),
    );

    return rows;
  },
};
export default suite;
