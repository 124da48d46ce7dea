import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadMueTable, parseMueCsv, MueTable } from '../../src/ncci/index';
import { SourceFormatError } from '../../src/core/errors';
import { CODESETS_DIR, SOURCES_DIR, SourceReader, diffEditions } from '../../scripts/lib/codesets';
import mueBuilder from '../../scripts/codesets/ncci-mue';

const CSV = join(SOURCES_DIR, 'ncci', 'MCR_MUE_PractitionerServices_Eff_04-01-2026.csv');

describe('MUE practitioner table 2026-04-01 (real CMS file)', () => {
  const mue = loadMueTable();

  it('has 15,095 codes with the published MAI split and keeps the AMA notice', () => {
    expect(mue.size).toBe(15095);
    const mai = [0, 0, 0, 0];
    for (const e of mue.entries()) mai[e.mai]!++;
    expect(mai.slice(1)).toEqual([41, 5417, 9637]);
    expect(mue.notice).toMatch(/copyright 2025 American Medical Association/);
    expect(mue.edition).toMatchObject({
      id: 'practitioner-2026q2',
      effectiveFrom: '2026-04-01',
      effectiveTo: '2026-06-30',
      system: 'ncci-mue',
    });
    expect(mue.dataVersion).toBe('MUE practitioner 2026-04-01');
  });

  it('returns the rows as published', () => {
    expect(mue.get('0001U')).toEqual({
      code: '0001U',
      value: 1,
      mai: 2,
      maiText: '2 Date of Service Edit: Policy',
      rationale: 'Code Descriptor / CPT Instruction',
    });
    expect(mue.get('0002M')).toMatchObject({ value: 1, mai: 3, rationale: 'Nature of Analyte' });
    expect(mue.get('V5364')).toMatchObject({ value: 0, mai: 3, rationale: 'CMS Policy' });
    expect(mue.get('v5364')?.code).toBe('V5364');
  });

  it('get never throws and returns undefined for hostile input', () => {
    fc.assert(fc.property(fc.anything(), (v) => mue.get(v) === undefined || typeof v === 'string'));
    for (const v of ['__proto__', 'constructor', '', 'x'.repeat(1_000_000), '０００１Ｕ'])
      expect(mue.get(v)).toBeUndefined();
  });

  it('the committed pack equals a fresh build', async () => {
    expect(diffEditions(CODESETS_DIR, 'ncci-mue', await mueBuilder.build(new SourceReader()))).toEqual([]);
  });

  it('imports other MUE tables in the same layout (setting from the header) and rejects other layouts', () => {
    const text = readFileSync(CSV, 'latin1').replace(
      'Practitioner Services MUE Values',
      'Outpatient Hospital Services MUE Values',
    );
    const oph = parseMueCsv(text, { fileName: 'MCR_MUE_OutpatientHospitalServices_Eff_07-01-2026.csv' });
    expect(oph.setting).toBe('hospital');
    expect(oph.edition.id).toBe('hospital-2026q3');
    expect(MueTable.fromPack(oph.toPack()).get('0001U')?.value).toBe(1);
    expect(() => parseMueCsv('a,b\n1,2\n', { fileName: 'x.csv' })).toThrow(SourceFormatError);
    expect(() =>
      parseMueCsv(text.replace('0001U,1,2 Date', '0001U,1,7 Date'), {
        fileName: 'MCR_MUE_X_Eff_07-01-2026.csv',
      }),
    ).toThrow(/adjudication indicator/);
  });
});

describe('createMueSystem', () => {
  it('selects the table in force on the date and reports no_edition otherwise', async () => {
    const { createMueSystem } = await import('../../src/ncci/index');
    const mue = createMueSystem();
    expect(mue.editions.map((e) => e.id)).toEqual(['practitioner-2026q2']);
    expect(mue.at('2026-05-01').get('99213')).toMatchObject({ value: 2, mai: 3 });
    const r = mue.tryAt('2026-08-01');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.code).toBe('no_edition');
    expect(mue.tryAt('not a date').ok).toBe(false);
    const injected = createMueSystem({
      tables: [
        parseMueCsv(readFileSync(CSV), { fileName: 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv' }),
      ],
    });
    expect(injected.at('2026-08-01').edition.id).toBe('practitioner-2026q3');
  });
});
