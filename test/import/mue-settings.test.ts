/**
 * MUE editions overlap only within one setting: CMS publishes a practitioner, an outpatient hospital
 * and a DME supplier table each quarter, all in force on the same days. No outpatient hospital or DME
 * table is held (codesets/sources/SOURCES.md), so the other setting here is the real practitioner
 * table of 2026-04-01 imported and filed as the outpatient hospital edition of the same quarter: the
 * merge reads manifests only, which is what this proves.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODESETS_DIR, SOURCES_DIR } from '../../scripts/lib/codesets';
import { MedcodeError } from '../../src/core/errors';
import { mergedManifests } from '../../src/core/manifest';
import { systemManifests, toPackSource } from '../../src/core/pack-source';
import { importCodeSets } from '../../src/import/index';
import type { ImportedEdition } from '../../src/import/index';
import { readCodesetsOption } from '../../src/cli/codesets';

const temp = mkdtempSync(join(tmpdir(), 'medcode-mue-settings-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let practitioner: ImportedEdition;

/** Writes an imported edition into `<dir>/ncci-mue/<id>/` under another edition id and name. */
function fileAs(dir: string, e: ImportedEdition, id: string, name: string): void {
  const folder = join(dir, 'ncci-mue', id);
  mkdirSync(folder, { recursive: true });
  for (const [file, bytes] of Object.entries(e.packs)) writeFileSync(join(folder, file), bytes);
  const manifest = { ...e.manifest, edition: { ...e.manifest.edition, id, name } };
  writeFileSync(join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

beforeAll(async () => {
  const r = await importCodeSets([
    {
      name: 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv',
      bytes: new Uint8Array(
        readFileSync(join(SOURCES_DIR, 'ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv')),
      ),
    },
  ]);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  practitioner = r.value[0]!;
});

describe('mergedManifests on MUE tables of several settings', () => {
  it('an outpatient hospital table of the built-in quarter merges with the built-in practitioner table', () => {
    const dir = join(temp, 'hospital');
    fileAs(dir, practitioner, 'hospital-2026q2', 'MUE hospital 2026-04-01');
    const merged = mergedManifests([CODESETS_DIR, dir], 'ncci-mue');
    expect(merged.map((m) => [m.manifest.edition.id, m.origin, m.manifest.edition.effectiveTo])).toEqual([
      ['practitioner-2026q2', 'built-in', '2026-06-30'],
      ['hospital-2026q2', 'imported', '2026-06-30'],
    ]);
    // One folder may hold both settings of a quarter, as `medcode data import` writes them.
    fileAs(dir, practitioner, 'practitioner-2026q2', 'MUE practitioner 2026-04-01');
    expect(
      systemManifests(toPackSource(dir), 'ncci-mue')
        .map((m) => m.edition.id)
        .sort(),
    ).toEqual(['hospital-2026q2', 'practitioner-2026q2']);
    // And the CLI takes such a folder.
    expect(readCodesetsOption(temp, 'hospital').imported).toEqual([dir]);
  });

  it('two tables of one setting in force on the same day are still refused', () => {
    const refusal = (dir: string) => {
      try {
        mergedManifests([CODESETS_DIR, dir], 'ncci-mue');
      } catch (e) {
        if (e instanceof MedcodeError) return e.issues[0];
        throw e;
      }
      return undefined;
    };
    // The built-in quarter's own official file imported again gives byte-identical packs: the same
    // edition, held once (different packs under one id stay duplicate_edition: same-edition-twice).
    const same = join(temp, 'same');
    fileAs(same, practitioner, 'practitioner-2026q2', 'MUE practitioner 2026-04-01');
    expect(refusal(same)).toBeUndefined();
    expect(
      mergedManifests([CODESETS_DIR, same], 'ncci-mue').map((m) => [m.manifest.edition.id, m.origin]),
    ).toEqual([['practitioner-2026q2', 'built-in']]);
    // Filed as the next quarter's table but dated 2026-04-01: it overlaps the built-in one.
    const overlapping = join(temp, 'overlapping');
    fileAs(overlapping, practitioner, 'practitioner-2026q3', 'MUE practitioner 2026-07-01');
    expect(refusal(overlapping)).toMatchObject({ code: 'import_failed', reason: 'overlapping_edition' });
  });
});
