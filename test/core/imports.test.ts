/**
 * Cold start is a budget (≤ 60 ms over bare node for a code system's first lookup). Importing the
 * date-fns root costs ~80 ms and zod ~40 ms (bench/pack-format.bench.ts, docs/architecture.md), so
 * code-system modules import date-fns by function subpath and never import zod.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('import hygiene', () => {
  it('no module imports the date-fns root index', () => {
    const offenders = files(SRC).filter((f) => /from ['"]date-fns['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
  it('code-system and core modules do not import zod', () => {
    const dirs = ['core', 'icd10cm', 'icd10pcs', 'hcpcs', 'cpt'].map((d) => join(SRC, d));
    const offenders = dirs
      .flatMap((d) => {
        try {
          return files(d);
        } catch {
          return [];
        }
      })
      .filter((f) => /from ['"]zod['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
  it('the lookup path of medcode/icd10cm imports no fflate statically (Node inflates natively)', () => {
    // fflate's Node build starts worker_threads and the stream modules: about 15 ms of cold start.
    const seen = new Set<string>();
    const external = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Static imports and re-exports only: `import('fflate')` on first need is the intended path.
      for (const m of text.matchAll(/^(?:import|export)\b[^;]*?from\s+['"]([^'"]+)['"]/gms)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) walk(resolve(file, '..', `${spec}.ts`));
        else external.add(spec);
      }
    };
    walk(join(SRC, 'icd10cm', 'index.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect([...external].filter((x) => x.startsWith('fflate'))).toEqual([]);
  });
});
