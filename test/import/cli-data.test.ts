import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, json } from '../cli/helpers';

const temp = mkdtempSync(join(tmpdir(), 'medcode-cli-data-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('medcode data and the stale/missing-data banner', () => {
  it('data status on 2026-12-02: HCPCS stale, ICD-10-PCS and MUE missing, each with the file to get', async () => {
    const r = await cli('data', 'status', '--date', '2026-12-02', '--json');
    expect(r.code).toBe(0);
    const byId = new Map(
      json<{ datasets: { system: string; state: string; edition?: string; get?: string }[] }>(r).datasets.map(
        (d) => [d.system, d],
      ),
    );
    expect(byId.get('icd10cm')).toMatchObject({ state: 'current', edition: 'fy2027' });
    expect(byId.get('hcpcs')).toMatchObject({ state: 'stale', edition: '2026-jul' });
    expect(byId.get('hcpcs')!.get).toMatch(/october-2026-alpha-numeric-hcpcs-file\.zip/);
    expect(byId.get('icd10pcs')).toMatchObject({ state: 'missing' });
    expect(byId.get('icd10pcs')!.get).toMatch(/2027/);
    expect(byId.get('ncci-mue')).toMatchObject({ state: 'missing' });
    const table = await cli('data', 'status', '--date', '2026-12-02');
    expect(table.stdout).toMatch(/STALE \(2026-jul\)/);
  });

  it('lookup says "no edition for this date", never "not found", and prints the banners', async () => {
    const r = await cli('lookup', '0DTJ4ZZ', 'G0121', '--date', '2026-12-02');
    expect(r.stdout).toMatch(/0DTJ4ZZ\s+no edition for this date/);
    expect(r.stdout).not.toMatch(/not found/);
    expect(r.stderr).toMatch(
      /medcode: stale data: HCPCS Level II 2026 July was published for dates up to 2026-09-30/,
    );
    expect(r.stderr).toMatch(/medcode: missing data: no ICD-10-PCS edition for 2026-12-02/);
    const inForce = await cli('lookup', 'G0121', '--date', '2026-08-01');
    expect(inForce.stderr).not.toMatch(/stale data/);
  });

  it('data import writes nothing on bad input and imports an official file', async () => {
    const out = join(temp, 'out');
    const bad = await cli(
      'data',
      'import',
      'codesets/sources/reference/place-of-service-codes.csv',
      '--out',
      out,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot import .*place-of-service-codes\.csv: not a file medcode can import/);
    const ok = await cli(
      'data',
      'import',
      'codesets/sources/ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv',
      '--out',
      out,
      '--json',
    );
    expect(ok.code).toBe(0);
    expect(readdirSync(join(out, 'ncci-mue'))).toEqual(['practitioner-2026q2']);
  });

  it('validate prints the stale/missing-data banner on stderr, and lists stale editions in --json', async () => {
    const claim = {
      claimId: 'C1',
      patient: { birthDate: '1950-01-01', sex: 'F' },
      placeOfService: '11',
      diagnoses: [{ code: 'E11.9' }],
      lines: [
        { procedure: 'G0121', units: 1, charge: '100.00', serviceDate: '2026-12-02', diagnosisPointers: [1] },
      ],
    };
    const file = join(temp, 'claim-2026-12-02.json');
    writeFileSync(file, JSON.stringify(claim));
    const r = await cli('validate', file, '--date', '2026-12-04');
    expect(r.stderr).toMatch(
      /medcode: stale data: HCPCS Level II 2026 July was published for dates up to 2026-09-30; .*october-2026-alpha-numeric-hcpcs-file\.zip/,
    );
    // The banner names the edition, once, without a claim path.
    expect(r.stderr.match(/stale data: HCPCS/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/stale data: lines/);
    const j = await cli('validate', file, '--date', '2026-12-04', '--json');
    const out = json<{ claims: { stale: { code: string; edition: string; path: unknown[] }[] }[] }>(j);
    expect(out.claims[0]!.stale).toContainEqual(
      expect.objectContaining({ code: 'data_stale', edition: '2026-jul', path: ['lines', 0, 'serviceDate'] }),
    );
    // In force and current: no HCPCS banner.
    const current = join(temp, 'claim-2026-08-03.json');
    writeFileSync(
      current,
      JSON.stringify({ ...claim, lines: [{ ...claim.lines[0], serviceDate: '2026-08-03' }] }),
    );
    const c = await cli('validate', current, '--date', '2026-12-04');
    expect(c.stderr).not.toMatch(/stale data: HCPCS/);
  });

  it('validate names missing data: codes not checked for want of an edition', async () => {
    const file = join(temp, 'claim-2016.json');
    writeFileSync(
      file,
      JSON.stringify({
        claimId: 'C2',
        patient: { birthDate: '1950-01-01', sex: 'F' },
        placeOfService: '11',
        diagnoses: [{ code: 'E11.9' }],
        lines: [
          {
            procedure: 'G0121',
            units: 1,
            charge: '100.00',
            serviceDate: '2016-03-01',
            diagnosisPointers: [1],
          },
        ],
      }),
    );
    const r = await cli('validate', file, '--date', '2026-12-04');
    expect(r.stderr).toMatch(/medcode: missing data: .*2016-03-01/);
  });
});
