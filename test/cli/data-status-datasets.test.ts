/**
 * `medcode data status` lists every dataset medcode reads or imports: each system with packs, and
 * the NCCI PTP tables, which none ship with and only an import brings.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataStatus } from '../../src/cli/data';
import { PACK_SYSTEMS } from '../../src/core/pack-source';
import { IMPORTED_SYSTEMS } from '../../src/node/imported-editions';

const CODESETS = resolve(import.meta.dirname, '..', '..', 'codesets');

describe('medcode data status: the datasets listed', () => {
  it('every system with packs and every imported one, add-on codes and PTP included', () => {
    const systems = dataStatus('2026-05-01', []).map((d) => d.system);
    expect(new Set(systems)).toEqual(new Set([...PACK_SYSTEMS, ...IMPORTED_SYSTEMS]));
    const byId = new Map(dataStatus('2026-05-01', []).map((d) => [d.system, d]));
    expect(byId.get('ncci-aoc')).toMatchObject({ state: 'current', edition: '2026q2' });
    expect(byId.get('ncci-ptp')).toMatchObject({ state: 'missing' });
    expect(byId.get('ncci-ptp')!.get).toMatch(/ccipra/);
  });

  it('an imported add-on code quarter is listed as imported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medcode-status-aoc-'));
    cpSync(join(CODESETS, 'ncci-aoc', '2026q2'), join(dir, 'ncci-aoc', '2026q3'), { recursive: true });
    const file = join(dir, 'ncci-aoc', '2026q3', 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { edition: Record<string, unknown> };
    m.edition = { ...m.edition, id: '2026q3', effectiveFrom: '2026-07-01', effectiveTo: '2026-09-30' };
    writeFileSync(file, JSON.stringify(m));
    const aoc = dataStatus('2026-05-01', [dir]).find((d) => d.system === 'ncci-aoc');
    expect(aoc?.editions.map((e) => [e.id, e.origin])).toEqual([
      ['2026q2', 'built-in'],
      ['2026q3', 'imported'],
    ]);
  });
});
