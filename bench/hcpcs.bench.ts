/**
 * HCPCS Level II, modifiers and places of service: get/check throughput (target ≥ 1,000,000/s),
 * cold start to the first lookup, and heap after loading one edition.
 */
import type { BenchRow, BenchSuite } from './lib';
import { bareNodeMs, coldStartMs, heapAfterMb, latencyPercentiles, opsPerSecond, row } from './lib';
import { misspeltPairs } from '../test/fixtures/misspell';
import { hcpcs, placesOfService } from '../src/hcpcs/index';
import { parseCpt } from '../src/cpt/model';
import { detectCodeSystem } from '../src/core/detect';

const S = 'hcpcs';

const suite: BenchSuite = {
  name: S,
  async run() {
    const rows: BenchRow[] = [];
    const codes = hcpcs.at('2026-03-01');
    const all = [...codes.codes()].map((e) => e.code);
    // Real codes, most valid, some terminated, plus a share of misses and odd spellings.
    const inputs = [...all.filter((_, i) => i % 7 === 0), 'g0121', ' J1885 ', 'V9998', 'G012', '99213'];
    rows.push(
      row(
        S,
        'hcpcs get (mixed inputs)',
        await opsPerSecond('hcpcs get', inputs, (c) => codes.get(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );
    const valid = all.filter((c) => codes.check(c).ok);
    rows.push(
      row(
        S,
        'hcpcs check (valid codes)',
        await opsPerSecond('hcpcs check', valid, (c) => codes.check(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );
    rows.push(
      row(
        S,
        'hcpcs check (mixed inputs)',
        await opsPerSecond('hcpcs check mixed', inputs, (c) => codes.check(c)),
        'ops/s',
      ),
    );

    const mods = hcpcs.modifiers.at('2026-03-01');
    const modCodes = [...mods.codes()].map((m) => m.code);
    rows.push(
      row(S, 'modifier get', await opsPerSecond('modifier get', modCodes, (c) => mods.get(c)), 'ops/s', {
        min: 1_000_000,
      }),
    );
    const validMods = modCodes.filter((c) => mods.check(c).ok);
    rows.push(
      row(
        S,
        'modifier check (valid)',
        await opsPerSecond('modifier check', validMods, (c) => mods.check(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );

    const pos = placesOfService.at('2026-03-01');
    const posCodes = [...pos.codes()].map((p) => p.code);
    rows.push(
      row(S, 'POS get', await opsPerSecond('pos get', posCodes, (c) => pos.get(c)), 'ops/s', {
        min: 1_000_000,
      }),
    );
    rows.push(
      row(S, 'POS check (valid)', await opsPerSecond('pos check', posCodes, (c) => pos.check(c)), 'ops/s', {
        min: 1_000_000,
      }),
    );

    // Messy and invalid spellings repeated as on claims (memoized per date, src/core/memo.ts).
    const messyCodes = [
      'g0121',
      ' a4397 ',
      'A0000',
      'A2040',
      'ZZZZZ',
      '',
      'A00',
      'j3490x',
      'G012!',
      '__proto__',
    ];
    rows.push(
      row(
        S,
        'hcpcs check (messy/invalid inputs repeated)',
        await opsPerSecond('hcpcs check messy', messyCodes, (c) => codes.check(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );
    rows.push(
      row(
        S,
        'hcpcs check (every code lower-cased: distinct, memo misses)',
        await opsPerSecond(
          'hcpcs check lower distinct',
          all.map((c) => c.toLowerCase()),
          (c) => codes.check(c),
        ),
        'ops/s',
      ),
    );
    const messyMods = ['xs', 'ZZ', 'AC', '1', ' lt', '2 5', 'constructor'];
    rows.push(
      row(
        S,
        'modifier check (messy/invalid inputs repeated)',
        await opsPerSecond('modifier check messy', messyMods, (c) => mods.check(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );
    const messyPos = ['1', '35', ' 11', '999', 'o1', ''];
    rows.push(
      row(
        S,
        'POS check (messy/invalid inputs repeated)',
        await opsPerSecond('pos check messy', messyPos, (c) => pos.check(c)),
        'ops/s',
        { min: 1_000_000 },
      ),
    );
    rows.push(
      row(
        S,
        'hcpcs.at(date).get (dates alternating)',
        await opsPerSecond('at+get', ['2026-03-01', '2026-07-15'], (d) => hcpcs.at(d).get('G0121')),
        'ops/s',
      ),
    );
    rows.push(
      row(
        S,
        'hcpcs.at(date).check (same date)',
        await opsPerSecond('at+check', valid.slice(0, 500), (c) => hcpcs.at('2026-03-01').check(c)),
        'ops/s',
      ),
    );
    rows.push(
      row(
        S,
        'cpt.parse',
        await opsPerSecond('cpt parse', ['99213', '27447', '0213T', '3074F', '0001U', '9921'], (c) =>
          parseCpt(c),
        ),
        'ops/s',
      ),
    );
    rows.push(
      row(
        S,
        'detectCodeSystem',
        await opsPerSecond('detect', ['99213', 'G0121', 'E11.9', '0DTJ4ZZ'], (c) => detectCodeSystem(c)),
        'ops/s',
      ),
    );

    // Search by description, as written and with one word misspelt (test/fixtures/misspell.ts:
    // one typing error in a word of six letters or more). Queries: the first three words of every
    // 20th title among the codes in force on the date (a search on a date answers only those);
    // a query counts when its code is in the top ten.
    const titled = [...codes.codes({ inForce: true })]
      .filter((_, i) => i % 20 === 0)
      .map((e) => ({ term: e.title.split(/\s+/).slice(0, 3).join(' '), code: e.code }));
    const misspelt = misspeltPairs(titled, 20260301);
    const found = (q: string, code: string) =>
      codes.search(q, { limit: 10 }).some((h) => h.entry.code === code);
    const spelt = misspelt.filter((p) => found(p.term, p.code)).length / misspelt.length;
    const typed = misspelt.filter((p) => found(p.misspelt, p.code)).length / misspelt.length;
    rows.push(
      row(S, `hcpcs search recall@10, title words (${misspelt.length} queries)`, spelt, 'ratio'),
      row(S, 'hcpcs search recall@10, the same with one word misspelt', typed, 'ratio'),
    );
    const spellLat = latencyPercentiles(
      misspelt.map((p) => p.term),
      (q) => codes.search(q, { limit: 10 }),
    );
    const typoLat = latencyPercentiles(
      misspelt.map((p) => p.misspelt),
      (q) => codes.search(q, { limit: 10 }),
    );
    rows.push(
      row(S, 'hcpcs search p50 / p99, title words', spellLat.p50, `ms / ${spellLat.p99.toFixed(2)} ms`),
      row(S, 'hcpcs search p50 / p99, one word misspelt', typoLat.p50, `ms / ${typoLat.p99.toFixed(2)} ms`),
    );

    const bare = bareNodeMs();
    const cold = coldStartMs("import { hcpcs } from 'medcode/hcpcs'; hcpcs.at('2026-03-01').get('G0121');");
    rows.push(row(S, 'cold start to first HCPCS get (minus bare node)', cold - bare, 'ms'));
    rows.push(
      row(
        S,
        'heap after loading one HCPCS edition',
        heapAfterMb("import { hcpcs } from 'medcode/hcpcs'; hcpcs.at('2026-03-01').get('G0121');"),
        'MB',
      ),
    );
    return rows;
  },
};
export default suite;
