/**
 * The `loadPacks` example of docs/runtimes.md fetches the systems `validateClaim` reads: a claim
 * validated over packs loaded with its `systems` list has every data rule run, none skipped for
 * want of packs (an add-on code billed alone is caught, as with the built-in packs).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/core/pack-source';
import { validateClaim } from '../../src/rules/index';

const REPO = resolve(import.meta.dirname, '..', '..');

describe('docs/runtimes.md, loadPacks example', () => {
  it('its systems list holds every system validateClaim reads (ncci-aoc: the add-on code rule)', async () => {
    const doc = readFileSync(join(REPO, 'docs', 'runtimes.md'), 'utf8');
    const list = /loadPacks\(fetchPackLoader\([^)]*\), \{\s*systems: (\[[^\]]*\])/.exec(doc)?.[1];
    expect(list).toBeDefined();
    const systems = JSON.parse(list!.replaceAll("'", '"')) as string[];
    const loader = async (path: string) => {
      try {
        return new Uint8Array(readFileSync(join(REPO, 'codesets', path)));
      } catch {
        return undefined;
      }
    };
    const packs = await loadPacks(loader, { systems, skipFiles: ['search.pack'] });
    const raw = JSON.parse(
      readFileSync(join(REPO, 'testing', 'scenarios', 'add-on-code-without-primary.json'), 'utf8'),
    ) as { claim?: unknown };
    const claim = (raw.claim ?? raw) as Parameters<typeof validateClaim>[0];
    const builtIn = validateClaim(claim);
    const loaded = validateClaim(claim, { packs });
    expect(loaded.skipped.map((s) => s.rule)).toEqual(builtIn.skipped.map((s) => s.rule));
    expect(loaded.issues.map((i) => i.code)).toEqual(builtIn.issues.map((i) => i.code));
    expect(loaded.ok).toBe(false);
  });
});
