/**
 * NCCI PTP files through `importCodeSets`, routed to `importPtp`: one edition per table (the parts
 * `-f1` … `-f4` of one version together), its pack read back with `PtpTable.fromPack`. No official
 * PTP file is held (each is over the size limit of the source collection: SOURCES.md); these are the
 * CMS-packaged fixtures of the importPtp tests (test/fixtures/ncci/README.md), rows from a published
 * table of the 2017 Q4 and 2018 Q1 versions.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCodeSets } from '../../src/import/index';
import { PtpTable, importPtp } from '../../src/ncci/index';

const temp = mkdtempSync(join(tmpdir(), 'medcode-ptp-import-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const Q4_2017 = 'test/fixtures/ncci/ccipra-v233r0-f1.zip';
const Q1_2018 = 'test/fixtures/ncci/ccipra-v240r0-f1.zip';

describe('importCodeSets on NCCI PTP files', () => {
  it('imports each PTP table as an edition whose pack is the importPtp table', async () => {
    const out = join(temp, 'out');
    const r = await importCodeSets([Q1_2018, Q4_2017], { out });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((e) => e.manifest.edition.id)).toEqual(['practitioner-2018q1', 'practitioner-2017q4']);
    const q1 = r.value[0]!;
    expect(q1.manifest.publisherValidity).toMatchObject({ period: '2018 Q1', through: '2018-03-31' });
    expect(q1.manifest.publisherValidity?.nextFile).toMatch(/ccipra-v241r0-f1\.zip/);
    const [direct] = await importPtp([Q1_2018]);
    const fromPack = PtpTable.fromPack(
      readFileSync(join(out, 'ncci-ptp', 'practitioner-2018q1', 'ptp.pack')),
    );
    expect(fromPack.size).toBe(direct!.size);
    expect(fromPack.lookup('64633', '64484', '2018-02-01')?.modifierIndicator).toBe(
      direct!.lookup('64633', '64484', '2018-02-01')?.modifierIndicator,
    );
  });

  it('a file in the PTP text layout under another name is detected by content, and the missing setting is a clear error', async () => {
    const text = Buffer.from(
      'CPT only copyright 2025 American Medical Association. All rights reserved.\r\nColumn1/Column2 Edits\r\n',
    );
    const r = await importCodeSets([{ name: 'edits.txt', bytes: new Uint8Array(text) }]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'import_failed', file: 'edits.txt' });
    expect(r.issues[0]?.message).toMatch(/practitioner \(ccipra\) from hospital \(ccioph\)/);
  });

  it('a truncated PTP zip is refused naming the file, and nothing is written', async () => {
    const out = join(temp, 'truncated');
    const bytes = new Uint8Array(readFileSync(Q1_2018)).subarray(0, 100);
    const r = await importCodeSets([{ name: 'ccipra-v240r0-f1.zip', bytes }], { out });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'import_failed', file: 'ccipra-v240r0-f1.zip' });
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
