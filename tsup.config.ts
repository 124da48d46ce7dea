import { defineConfig } from 'tsup';

/**
 * One entry per public area. Each becomes `dist/<area>/index.{js,cjs,d.ts,d.cts}` so that the
 * `exports` map in package.json can point every subpath at its own ESM, CJS and types files.
 * Shared code lands in chunks; code-set data is never bundled: it is read from a pack source at run
 * time (the `codesets/` folder by default on Node; see docs/runtimes.md).
 */
export const entries = {
  index: 'src/index.ts',
  'core/index': 'src/core/index.ts',
  'icd10cm/index': 'src/icd10cm/index.ts',
  'icd10pcs/index': 'src/icd10pcs/index.ts',
  'hcpcs/index': 'src/hcpcs/index.ts',
  'cpt/index': 'src/cpt/index.ts',
  'ncci/index': 'src/ncci/index.ts',
  'hcc/index': 'src/hcc/index.ts',
  'pfs/index': 'src/pfs/index.ts',
  'rules/index': 'src/rules/index.ts',
  'claims/index': 'src/claims/index.ts',
  'report/index': 'src/report/index.ts',
  'cli/index': 'src/cli/index.ts',
  'testing/index': 'src/testing/index.ts',
  'testing/vitest': 'src/testing/vitest.ts',
  'testing/jest': 'src/testing/jest.ts',
  'testing/arbitraries': 'src/testing/arbitraries.ts',
  'import/index': 'src/import/index.ts',
  // Node-only: the folder source and pack index (imports node:fs); nothing else needs it.
  'node/index': 'src/node/index.ts',
  // The worker thread of validateClaimsInWorkers (medcode/node): started by path, never imported.
  'node/validate-worker': 'src/node/validate-worker.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps in the package: they doubled dist/ and no stack trace needs them to be read.
  sourcemap: false,
  clean: true,
  splitting: true,
  treeshake: true,
  shims: true,
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
});
