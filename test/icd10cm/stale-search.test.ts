import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODESETS_DIR } from '../../scripts/lib/codesets';
import { memorySource } from '../../src/core/pack-source';
import { createIcd10CmSystem, icd10cm } from '../../src/icd10cm/index';

/** FY2026's packs with a manifest whose publisher validity ends before its effective period does. */
function fy2026ValidThrough(through: string) {
  const dir = join(CODESETS_DIR, 'icd10cm', 'fy2026');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.publisherValidity = { ...manifest.publisherValidity, through };
  const files: Record<string, Uint8Array> = {
    'icd10cm/fy2026/manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
  };
  for (const f of manifest.files as { file: string }[])
    files[`icd10cm/fy2026/${f.file}`] = new Uint8Array(readFileSync(join(dir, f.file)));
  return createIcd10CmSystem({ packs: memorySource(files) });
}

describe('ICD-10-CM tryAt: data_stale past the publisher validity', () => {
  it('answers with a data_stale warning when the date is past what CMS released the edition for', () => {
    const r = fy2026ValidThrough('2026-03-31').tryAt('2026-05-01');
    expect(r.ok).toBe(true);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'data_stale',
      severity: 'warning',
      edition: 'fy2026',
      validThrough: '2026-03-31',
      date: '2026-05-01',
    });
    // The search still answers (the warning does not withhold the code set).
    if (r.ok) expect(r.value.search('hives', { limit: 3 })[0]?.entry.code.startsWith('L50')).toBe(true);
  });

  it('has no issue within the validity (the built-in editions)', () => {
    expect(fy2026ValidThrough('2026-03-31').tryAt('2026-03-31').issues).toEqual([]);
    expect(icd10cm.tryAt('2026-09-30').issues).toEqual([]);
    expect(icd10cm.tryAt('2026-10-01').issues).toEqual([]);
  });
});
