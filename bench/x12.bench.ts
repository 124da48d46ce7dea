/**
 * X12 837P figures: build + serialize throughput (target ≥ 20,000 claims/s), against
 * node-x12's object model writing the same bytes (target ≥ 1.5×), per-claim cost from 1 to 5,000
 * claims per interchange (target: flat), parse throughput, and a streaming parse of a generated
 * 100 MB interchange file with heap figures, measured in a fresh process (`--expose-gc`) so that
 * the generator's memory does not count.
 *
 * The machine is shared (2 cores, several jobs): the ratios are timed in CPU time (user + system),
 * the configurations interleaved round by round (the first round a warm-up, the median of the rest
 * counts), so that load from other processes hits them alike. medcode and node-x12 are checked to
 * write the same text before anything is timed; medcode is timed from claim objects and from the
 * same claims as parseClaim returns them. Every interchange has its own control number.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchSuite } from './lib';
import { opsPerSecond, row } from './lib';
import type { Claim } from '../src/claims/schema';
import { X12Interchange } from 'node-x12';
import { fromX12837P, toX12837P } from '../src/claims/x12';
import { parseClaim } from '../src/claims/parse';
import type { X12Envelope } from '../src/claims/x12';

const REPO = resolve(import.meta.dirname, '..');

const ENVELOPE: X12Envelope = {
  sender: { id: 'MEDCODESUB' },
  receiver: { id: 'PAYERRCV' },
  submitter: { name: 'MEDCODE BILLING', id: 'S00012', contactName: 'JANE DOE', phone: '5555550100' },
  receiverName: 'EXAMPLE PAYER',
  interchangeControlNumber: 1,
  createdAt: '2026-05-02T10:30',
};

const DX = ['E11.9', 'I10', 'J06.9', 'R50.9', 'M54.50', 'Z00.00', 'S52.521A', 'K21.9'];
const PROC = ['99213', '99214', '82947', '85025', '36415', '93000', '71046', 'J1100'];

/** Builds one realistic claim (2–4 diagnoses, 1–4 lines) from an index, the way an app would. */
export function buildClaim(i: number): Claim {
  const nDx = 2 + (i % 3);
  const nLines = 1 + (i % 4);
  const self = i % 5 !== 0;
  const lines = Array.from({ length: nLines }, (_, j) => ({
    procedure: PROC[(i + j) % PROC.length]!,
    ...(j === 0 && i % 2 === 0 ? { modifiers: ['25'] } : {}),
    units: 1 + (j % 2),
    unitBasis: 'UN' as const,
    charge: `${40 + ((i * 7 + j * 13) % 400)}.${String((i + j) % 100).padStart(2, '0')}`,
    serviceDate: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`,
    diagnosisPointers: j === 0 ? [1, 2] : [1 + (j % nDx)],
  }));
  return {
    claimId: `PCN-${i}`,
    patient: self
      ? { birthDate: '1961-04-02', sex: 'F' }
      : {
          birthDate: '2015-09-30',
          sex: 'M',
          firstName: 'TOMMY',
          lastName: `BROWN${i % 100}`,
          // 2010CA N3/N4 are required (005010X222A1).
          address: { line1: '12 OAK AVE', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
        },
    placeOfService: '11',
    frequencyCode: '1',
    diagnoses: Array.from({ length: nDx }, (_, k) => ({ code: DX[(i + k) % DX.length]! })),
    lines,
    subscriber: {
      memberId: `M${1_000_000 + i}`,
      firstName: 'MARY',
      lastName: `SMITH${i % 1000}`,
      address: { line1: '12 OAK AVE', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
      relationship: self ? '18' : '19',
    },
    payer: { name: 'MEDICARE PART B', id: '00952', claimFilingIndicator: 'MB' },
    billingProvider: {
      npi: '1234567893',
      name: 'VALLEY FAMILY CLINIC',
      taxId: '123456789',
      taxonomy: '207Q00000X',
      address: { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
    },
    renderingProvider: { npi: '1245319599', name: 'JONES', firstName: 'ALAN' },
  };
}

/** A 10-line, 6-diagnosis claim (the size of the rules bench's claim), from an index. */
export function tenLineClaim(i: number): Claim {
  const c = buildClaim(i);
  return {
    ...c,
    diagnoses: Array.from({ length: 6 }, (_, k) => ({ code: DX[(i + k) % DX.length]! })),
    lines: Array.from({ length: 10 }, (_, j) => ({
      procedure: PROC[(i + j) % PROC.length]!,
      ...(j % 3 === 0 ? { modifiers: ['59'] } : {}),
      units: 1 + (j % 2),
      unitBasis: 'UN' as const,
      charge: `${40 + ((i * 7 + j * 13) % 400)}.${String((i + j) % 100).padStart(2, '0')}`,
      serviceDate: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`,
      diagnosisPointers: [1 + (j % 6), 1 + ((j + 1) % 6)],
    })),
  };
}

/**
 * The reference: node-x12's object model (interchange, group, transaction, segments) writing the
 * same interchange, fed the segments of medcode's output already split into elements (so it does
 * less than medcode, which also maps and checks the claim). Its trailers (SE, GE, IEA) are its own.
 */
function nodeX12Writer(text: string): () => string {
  const segments = text
    .split('~')
    .filter((s) => s !== '')
    .map((s) => s.split('*'));
  const body = segments.slice(3, -3);
  const write = () => {
    const interchange = new X12Interchange({
      segmentTerminator: '~',
      elementDelimiter: '*',
      subElementDelimiter: ':',
      repetitionDelimiter: '^',
    });
    interchange.setHeader(segments[0]!.slice(1));
    const group = interchange.addFunctionalGroup();
    group.setHeader(segments[1]!.slice(1));
    const transaction = group.addTransaction();
    transaction.setHeader(segments[2]!.slice(1));
    for (const s of body) transaction.addSegment(s[0]!, s.slice(1));
    return interchange.toString();
  };
  if (write() !== text) throw new Error('node-x12 does not write the same bytes');
  return write;
}

/**
 * CPU microseconds per call of each configuration: every configuration runs `calls` calls in each
 * round (round 0 warms up), the median round counts.
 */
function interleavedCpu(configs: readonly (readonly [string, () => unknown])[], calls: number, rounds = 9) {
  const times = new Map<string, number[]>(configs.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of configs) {
      const t0 = process.cpuUsage();
      for (let k = 0; k < calls; k++) fn();
      const used = process.cpuUsage(t0);
      if (r > 0) times.get(name)!.push((used.user + used.system) / calls);
    }
  }
  return new Map([...times].map(([name, t]) => [name, t.sort((a, b) => a - b)[t.length >> 1]!]));
}

/** Per-claim CPU microseconds writing the same 5,000 claims as interchanges of `perInterchange` claims. */
function batchConfig(claims: readonly Claim[], perInterchange: number): readonly [string, () => unknown] {
  const batches: Claim[][] = [];
  for (let k = 0; k < claims.length; k += perInterchange) batches.push(claims.slice(k, k + perInterchange));
  // Each interchange has its own control number, as a submitter's would.
  const envelopes = batches.map((_, k) => withControlNumber(k + 1));
  return [
    `batch ${perInterchange}`,
    () => {
      for (let k = 0; k < batches.length; k++)
        if (!toX12837P(batches[k]!, envelopes[k]!).ok) throw new Error('bench fixture');
    },
  ];
}

/** The bench envelope with interchange control number `icn` (ISA13; GS06 and BHT03 follow it). */
function withControlNumber(icn: number): X12Envelope {
  return { ...ENVELOPE, interchangeControlNumber: icn };
}

const CHILD = `
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { toX12837P, parseX12837PStream } from '${REPO}/src/claims/x12/index.ts';
import { buildClaim } from '${REPO}/bench/x12.bench.ts';
const [file, targetMb] = process.argv.slice(2);
const env = ${JSON.stringify(ENVELOPE)};
// Generate: one interchange per 5,000 claims, appended until the file reaches the target size.
const out = createWriteStream(file);
let bytes = 0, icn = 0, written = 0;
while (bytes < Number(targetMb) * 1024 * 1024) {
  const claims = Array.from({ length: 5000 }, (_, k) => buildClaim(written + k));
  const r = toX12837P(claims, { ...env, interchangeControlNumber: ++icn });
  if (!r.ok) throw new Error('generation failed');
  bytes += Buffer.byteLength(r.value);
  written += claims.length;
  if (!out.write(r.value)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
globalThis.gc(); globalThis.gc();
const base = process.memoryUsage().heapUsed;
let peak = base, claims = 0, other = 0;
const quartiles = [];
const size = statSync(file).size;
let next = size / 4, read = 0;
const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
stream.on('data', (c) => { read += c.length; });
const t0 = performance.now();
for await (const item of parseX12837PStream(stream)) {
  if (item.kind === 'claim') claims++; else if (item.kind !== 'transaction') other++;
  if ((claims & 1023) === 0) {
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
    // At each quarter of the file, the heap still reachable (after a full GC) shows whether memory grows with the input.
    if (read >= next) { globalThis.gc(); quartiles.push(+(process.memoryUsage().heapUsed / 1048576).toFixed(1)); next += size / 4; }
  }
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ size, written, claims, other, ms, baseMb: base / 1048576, peakMb: peak / 1048576, rssMb: process.memoryUsage().rss / 1048576, quartiles }));
`;

/** Runs the 100 MB streaming measurement in a fresh process. */
export function streamFigures(targetMb = 100): {
  size: number;
  written: number;
  claims: number;
  other: number;
  ms: number;
  baseMb: number;
  peakMb: number;
  rssMb: number;
  quartiles: number[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'medcode-x12-'));
  const script = join(dir, 'stream.mts');
  writeFileSync(script, CHILD);
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', script, join(dir, 'big.837'), String(targetMb)],
    { encoding: 'utf8', cwd: REPO, maxBuffer: 1 << 20 },
  );
  return JSON.parse(out) as ReturnType<typeof streamFigures>;
}

const suite: BenchSuite = {
  name: 'x12',
  async run() {
    const BATCH = 100;
    const starts = Array.from({ length: 50 }, (_, k) => k * BATCH);
    const serialize = await opsPerSecond(
      'build+serialize',
      starts,
      (start) =>
        toX12837P(
          Array.from({ length: BATCH }, (_, k) => buildClaim(start + k)),
          ENVELOPE,
        ),
      10,
    );
    const texts = starts.slice(0, 10).map((start) => {
      const r = toX12837P(
        Array.from({ length: BATCH }, (_, k) => buildClaim(start + k)),
        ENVELOPE,
      );
      if (!r.ok) throw new Error('bench fixture');
      return r.value;
    });
    const parse = await opsPerSecond('fromX12837P', texts, (t) => fromX12837P(t), 10);
    // medcode (claim → checked interchange) against node-x12 (segments → interchange), same bytes.
    // medcode is timed twice: from the claim objects (checked as it writes them, see
    // src/claims/x12/clean-claim.ts), and from the same claims as parseClaim returns them.
    // Each interchange has its own control number (ISA13, GS06, BHT03), as a submitter's would,
    // on both sides: medcode keeps the last envelope's values and header bytes (writer.ts, the
    // envelope lane), and a constant envelope would flatter it. It compares the envelope's values,
    // not the object, so reusing these 64 envelope objects gains nothing over a new one per
    // interchange.
    const ten = Array.from({ length: 64 }, (_, k) => tenLineClaim(k));
    const envelopes = ten.map((_, k) => withControlNumber(k + 1));
    const parsedTen = ten.map((c) => {
      const r = parseClaim(c);
      if (!r.ok) throw new Error('bench fixture');
      return r.value;
    });
    const references = ten.map((c, k) => {
      const r = toX12837P([c], envelopes[k]!);
      const fromParsed = toX12837P([parsedTen[k]!], envelopes[k]!);
      if (!r.ok || !fromParsed.ok || fromParsed.value !== r.value) throw new Error('bench fixture');
      return nodeX12Writer(r.value);
    });
    let m = 0;
    let p = 0;
    let n = 0;
    const versus = interleavedCpu(
      [
        [
          'medcode',
          () => {
            m = m + 1 === ten.length ? 0 : m + 1;
            const r = toX12837P([ten[m]!], envelopes[m]!);
            if (!r.ok) throw new Error('bench fixture');
            return r;
          },
        ],
        [
          'medcode, parsed claim',
          () => {
            p = p + 1 === parsedTen.length ? 0 : p + 1;
            const r = toX12837P([parsedTen[p]!], envelopes[p]!);
            if (!r.ok) throw new Error('bench fixture');
            return r;
          },
        ],
        [
          'node-x12',
          () => {
            n = n + 1 === references.length ? 0 : n + 1;
            return references[n]!();
          },
        ],
      ],
      2000,
    );
    // Per-claim cost by batch size, over the same 5,000 claims (so the data's footprint is the same).
    const five = Array.from({ length: 5000 }, (_, k) => buildClaim(k));
    const sizes = [1, 100, 5000];
    const perClaim = interleavedCpu(
      sizes.map((b) => batchConfig(five, b)),
      1,
      7,
    );
    const us = (b: number) => perClaim.get(`batch ${b}`)! / five.length;
    const s = streamFigures(100);
    return [
      row(
        'x12',
        'CPU time: build + serialize 837P, 10-line claim, one per interchange',
        1e6 / versus.get('medcode')!,
        'claims/cpu-s',
      ),
      row(
        'x12',
        'CPU time: build + serialize 837P, the same claim as parseClaim returns it (trusted as parsed)',
        1e6 / versus.get('medcode, parsed claim')!,
        'claims/cpu-s',
      ),
      row(
        'x12',
        'CPU time: node-x12 object model writing the same bytes (segments given)',
        1e6 / versus.get('node-x12')!,
        'claims/cpu-s',
      ),
      row(
        'x12',
        'build + serialize 837P ÷ node-x12 object model, same bytes (throughput ratio)',
        versus.get('node-x12')! / versus.get('medcode')!,
        '×',
        { min: 1.5 },
      ),
      row(
        'x12',
        'build + serialize 837P from a parsed claim ÷ node-x12 object model, same bytes (throughput ratio)',
        versus.get('node-x12')! / versus.get('medcode, parsed claim')!,
        '×',
        { min: 1.5 },
      ),
      ...sizes.map((b) => row('x12', `CPU time per claim, ${b} claims per interchange`, us(b), 'µs/claim')),
      row('x12', 'per-claim cost: 5,000 claims per interchange ÷ 1 per interchange', us(5000) / us(1), '×', {
        max: 1.25,
      }),
      row('x12', 'build + serialize 837P (100 claims per interchange)', serialize * BATCH, 'claims/s', {
        min: 20_000,
      }),
      row('x12', 'fromX12837P (100 claims per interchange)', parse * BATCH, 'claims/s'),
      row('x12', `stream parse ${(s.size / 1048576).toFixed(0)} MB: claims read`, s.claims, 'claims'),
      row('x12', 'stream parse: throughput', s.size / 1048576 / (s.ms / 1000), 'MB/s'),
      row('x12', 'stream parse: heap before (after GC)', s.baseMb, 'MB'),
      row('x12', 'stream parse: peak heap sampled (incl. garbage)', s.peakMb, 'MB'),
      row(
        'x12',
        'stream parse: live heap growth from 25% to 75% of the file',
        (s.quartiles.at(-1) ?? 0) - (s.quartiles[0] ?? 0),
        'MB',
        { max: 8 },
      ),
      row(
        'x12',
        `stream parse: live heap after GC at 25/50/75% of the file = ${s.quartiles.join(' / ')} MB; last`,
        s.quartiles.at(-1) ?? 0,
        'MB',
      ),
      row('x12', 'stream parse: RSS at end', s.rssMb, 'MB'),
    ];
  },
};
export default suite;
