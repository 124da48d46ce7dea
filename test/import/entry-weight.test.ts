/**
 * Zip, xlsx and XML parsing is import-time work: the lookup entries must not reach fflate,
 * read-excel-file or fast-xml-parser through any chain of static imports (only `medcode/import`
 * and the build scripts do; read-excel-file is loaded by `import()` on the first workbook read).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const IMPORT_TIME = ['fflate', 'read-excel-file', 'fast-xml-parser'];

/** Bare packages reachable from a module through static (not `import()`) imports. */
function reachablePackages(entry: string): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const base = join(dirname(file), spec);
        const candidates = [`${base}.ts`, join(base, 'index.ts'), base];
        const hit = candidates.find((c) => {
          try {
            return readFileSync(c) !== undefined && c.endsWith('.ts');
          } catch {
            return false;
          }
        });
        if (hit) visit(hit);
      } else if (!spec.startsWith('node:')) {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!found.has(pkg)) found.set(pkg, file);
      }
    }
  };
  visit(entry);
  return found;
}

describe('lookup entries do not load import-time parsers', () => {
  for (const area of ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt', 'core']) {
    it(`medcode/${area}`, () => {
      const pkgs = reachablePackages(join(SRC, area, 'index.ts'));
      // One exception: the ICD-10-CM search pack is deflated, and inflated on the first search with
      // fflate where the runtime has no native zlib (browsers); only src/icd10cm/search.ts imports it.
      const allowed = (p: string) =>
        area === 'icd10cm' && p === 'fflate' && pkgs.get(p) === join(SRC, 'icd10cm', 'search.ts');
      const offenders = IMPORT_TIME.filter((p) => pkgs.has(p) && !allowed(p)).map(
        (p) => `${p} via ${pkgs.get(p)}`,
      );
      expect(offenders).toEqual([]);
    });
  }
  it('medcode/import does load them (the check can fail)', () => {
    const pkgs = reachablePackages(join(SRC, 'import', 'index.ts'));
    expect(pkgs.has('fflate')).toBe(true);
    expect(pkgs.has('fast-xml-parser')).toBe(true);
  });
  it('read-excel-file (an optional peer dependency) is never imported statically, not even by medcode/import', () => {
    expect(reachablePackages(join(SRC, 'import', 'index.ts')).get('read-excel-file')).toBeUndefined();
  });
});
