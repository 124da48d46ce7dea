/**
 * Cold start is a budget (≤ 60 ms over bare node for a code system's first lookup). Importing the
 * date-fns root costs ~80 ms and zod ~40-100 ms (bench/pack-format.bench.ts, docs/architecture.md),
 * so no module imports date-fns, code-system modules never import zod, and validation imports no
 * npm package at all.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * The packages a module loads when it is imported: the npm packages named by its static imports
 * and those of every module it imports in turn (type-only imports are erased; `import()` on first
 * need is not followed).
 */
function staticPackages(entry: string): { modules: number; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\b(?!\s+type\b)[^;]*?from\s+['"]([^'"]+)['"]/gms)) {
      const spec = m[1]!;
      const path = resolve(file, '..', spec);
      if (spec.startsWith('.')) walk(existsSync(`${path}.ts`) ? `${path}.ts` : join(path, 'index.ts'));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  walk(join(SRC, entry));
  return { modules: seen.size, packages: [...packages].sort() };
}

describe('import hygiene', () => {
  it('validation and the CLI load no npm package at import: not zod, not fflate', () => {
    // Each costs 30-100 ms of start-up, paid by every CLI run, serverless cold start and worker
    // of the validation pool (bench/rules.bench.ts, "cold start" rows). zod explains a refused
    // claim through src/claims/explain.ts instead; fflate reads zips in importers, loaded on use.
    for (const entry of [
      'rules/index.ts',
      'node/index.ts',
      'node/validate-worker.ts',
      'cli/validate.ts',
      'cli/transaction-lines.ts',
      'cli/convert.ts',
    ]) {
      const { modules, packages } = staticPackages(entry);
      expect(modules, entry).toBeGreaterThan(10);
      expect(packages, entry).toEqual([]);
    }
    // The walk sees packages: medcode/claims exports the zod schemas.
    expect(staticPackages('claims/index.ts').packages).toContain('zod');
  });
  it('no module imports date-fns (ages and dates are read from their digits)', () => {
    const offenders = files(SRC).filter((f) => /from ['"]date-fns/.test(readFileSync(f, 'utf8')));
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
    // `import('fflate')` on first need is the intended path.
    const { modules, packages } = staticPackages('icd10cm/index.ts');
    expect(modules).toBeGreaterThan(10);
    expect(packages.filter((x) => x.startsWith('fflate'))).toEqual([]);
  });
});
