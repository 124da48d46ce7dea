/**
 * One edition reached through two folders. The official file medcode ships, imported again, gives
 * the same packs byte for byte under a manifest worded otherwise (derivation, notes, the sources'
 * wording): that is the same data, and the merge keeps one. Packs that differ under one edition id
 * are still two editions that cannot both be in force.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medcodeErrorOf } from '../medcode-error';
import { mergedManifests } from '../../src/core/manifest';
import { IMPORTED_SYSTEMS } from '../../src/node/imported-editions';

const CODESETS = resolve(import.meta.dirname, '..', '..', 'codesets');

/** A folder holding a copy of one built-in edition, its manifest changed by `change`. */
function copyOf(system: string, id: string, change: (m: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'medcode-twice-'));
  cpSync(join(CODESETS, system, id), join(dir, system, id), { recursive: true });
  const file = join(dir, system, id, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(m);
  writeFileSync(file, JSON.stringify(m, null, 2));
  return dir;
}

const ids = (located: ReturnType<typeof mergedManifests>) => located.map((l) => l.manifest.edition.id);

describe('the same edition in two folders', () => {
  const cases = [...IMPORTED_SYSTEMS]
    .filter((s) => readdirSync(CODESETS).includes(s))
    .flatMap((s) => readdirSync(join(CODESETS, s)).map((id) => [s, id] as const));

  it('covers every imported system medcode ships editions of', () => {
    expect(new Set(cases.map(([s]) => s))).toEqual(
      new Set(['icd10cm', 'icd10pcs', 'hcpcs', 'ncci-mue', 'ncci-aoc', 'mce', 'hcc']),
    );
  });

  it.each(cases)('%s %s: byte-identical packs under another manifest text are kept once', (system, id) => {
    const dir = copyOf(system, id, (m) => {
      m.derivation = 'imported with medcode data import';
      m.notes = ['worded otherwise'];
      m.sources = [{ file: `${system}/official-file`, sha256: '0'.repeat(64), bytes: 1, contributed: 'all' }];
    });
    const merged = mergedManifests([CODESETS, dir], system);
    expect(ids(merged)).toEqual(ids(mergedManifests([CODESETS], system)));
    // The first folder's is kept (the built-in one).
    expect(merged.find((l) => l.manifest.edition.id === id)?.origin).toBe('built-in');
  });

  it.each(cases)('%s %s: another pack under the same edition id is a duplicate edition', (system, id) => {
    const dir = copyOf(system, id, (m) => {
      const files = m.files as { sha256: string }[];
      files[0]!.sha256 = 'f'.repeat(64);
    });
    expect(medcodeErrorOf(() => mergedManifests([CODESETS, dir], system)).issues[0]).toMatchObject({
      code: 'import_failed',
      reason: 'duplicate_edition',
    });
  });
});
