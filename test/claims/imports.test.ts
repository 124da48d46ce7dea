import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

describe('medcode/claims import graph', () => {
  it('imports only core and zod, so loading it reads no code-set data', () => {
    const files = readdirSync('src/claims').filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const text = readFileSync(`src/claims/${f}`, 'utf8');
      for (const m of text.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
        const spec = m[1]!;
        const allowed =
          spec.startsWith('./') ||
          spec.startsWith('../core/') ||
          spec === 'zod' ||
          spec.startsWith('zod/') ||
          // The official FHIR R4 typings: types only, erased from the JavaScript.
          (spec === 'fhir/r4.js' && m[0].startsWith('import type'));
        expect(allowed, `${f} imports ${spec}`).toBe(true);
      }
    }
  });
});
