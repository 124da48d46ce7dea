/**
 * Claims throughput: the fluent builder (with its zod validation), FHIR R4 output, JSON parsing
 * and CMS-1500 output, over 500 generated claims (fixed seed) of 1–12 lines. X12 837P output is
 * measured by the X12 suite.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchSuite } from './lib';
import { coldStartMs, bareNodeMs, opsPerSecond, row } from './lib';
import { claim } from '../src/claims/builder';
import type { ClaimBuilder } from '../src/claims/builder';
import { toFhirClaim } from '../src/claims/fhir';
import { toCms1500 } from '../src/claims/cms1500';
import { parseClaim } from '../src/claims/parse';
import type { Claim } from '../src/claims/schema';
import { claimArb } from '../test/claims/arbitraries';

/** Replays a claim through the builder: lines name their diagnoses by code. */
function rebuild(c: Claim): ClaimBuilder {
  const { diagnoses, lines, ...header } = c;
  let b = claim(header);
  for (const d of diagnoses) b = b.diagnosis(d.code, d.poa !== undefined ? { poa: d.poa } : undefined);
  for (const { diagnosisPointers, ...line } of lines) {
    b = b.line({ ...line, diagnoses: (diagnosisPointers ?? []).map((p) => diagnoses[p - 1]!.code) });
  }
  return b;
}

/**
 * Claims per second of CPU time (user + system) over `rounds` passes. The build machine is shared,
 * so wall-clock throughput swings with other jobs; CPU time is the steadier figure to compare.
 */
function perCpuSecond<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds = 20): number {
  let sink: unknown;
  for (const input of inputs) sink = fn(input);
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const input of inputs) sink = fn(input);
  const used = process.cpuUsage(start);
  if (sink === Symbol.for('never')) console.log('');
  return (rounds * inputs.length) / ((used.user + used.system) / 1e6);
}

const suite: BenchSuite = {
  name: 'claims',
  async run() {
    const claims = fc.sample(claimArb, { numRuns: 500, seed: 42 }).map((c) => {
      const r = parseClaim(c);
      if (!r.ok) throw new Error('generated claim does not parse');
      return r.value;
    });
    const examples = readdirSync('examples')
      .filter((f) => f.endsWith('.json'))
      .map((f) => {
        const r = parseClaim(readFileSync(join('examples', f), 'utf8'));
        if (!r.ok) throw new Error(`example ${f} does not parse`);
        return r.value;
      });
    const exampleBuildFhir = await opsPerSecond(
      'examples: build + toFhirClaim',
      examples,
      (c) => {
        const r = rebuild(c).build();
        return r.ok ? toFhirClaim(r.value) : r;
      },
      100,
    );
    const lines = claims.reduce((n, c) => n + c.lines.length, 0) / claims.length;
    const builders = claims.map(rebuild);
    const texts = claims.map((c) => JSON.stringify(c));
    const build = await opsPerSecond('build', builders, (b) => b.build(), 100);
    const builderAndBuild = await opsPerSecond('claim()…build()', claims, (c) => rebuild(c).build(), 100);
    const fhir = await opsPerSecond('toFhirClaim', claims, (c) => toFhirClaim(c), 100);
    const both = await opsPerSecond(
      'build + toFhirClaim',
      claims,
      (c) => {
        const r = rebuild(c).build();
        return r.ok ? toFhirClaim(r.value) : r;
      },
      100,
    );
    const parse = await opsPerSecond('parseClaim', texts, (t) => parseClaim(t), 100);
    const cms = await opsPerSecond('toCms1500', claims, (c) => toCms1500(c), 100);
    const buildFhirCpu = perCpuSecond(claims, (c) => {
      const r = rebuild(c).build();
      return r.ok ? toFhirClaim(r.value) : r;
    });
    const examplesCpu = perCpuSecond(
      examples,
      (c) => {
        const r = rebuild(c).build();
        return r.ok ? toFhirClaim(r.value) : r;
      },
      2000,
    );
    const parseCpu = perCpuSecond(texts, (t) => parseClaim(t));
    const cold = coldStartMs("import { parseClaim } from 'medcode/claims'; parseClaim('{}');");
    const bare = bareNodeMs();
    return [
      row(
        'claims',
        'examples/*.json (1–2 lines): claim()…build() + toFhirClaim',
        exampleBuildFhir,
        'claims/s',
      ),
      row('claims', `mean lines per generated claim`, lines, 'lines'),
      row('claims', 'build() of a prepared builder', build, 'claims/s'),
      row('claims', 'claim()…line()…build()', builderAndBuild, 'claims/s'),
      row('claims', 'toFhirClaim', fhir, 'claims/s'),
      row('claims', 'claim()…build() + toFhirClaim', both, 'claims/s'),
      row('claims', 'parseClaim (JSON text)', parse, 'claims/s'),
      row('claims', 'toCms1500', cms, 'claims/s'),
      row('claims', 'CPU time: examples claim()…build() + toFhirClaim', examplesCpu, 'claims/cpu-s'),
      row('claims', 'CPU time: generated claim()…build() + toFhirClaim', buildFhirCpu, 'claims/cpu-s'),
      row('claims', 'CPU time: generated parseClaim (JSON text)', parseCpu, 'claims/cpu-s'),
      row('claims', 'cold start import medcode/claims + parse (minus bare node)', cold - bare, 'ms'),
    ];
  },
};
export default suite;
