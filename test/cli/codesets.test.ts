/**
 * `--codesets <dir>` adds imported editions to the built-in ones by effective date (as
 * `MEDCODE_CODESETS` and `extraCodesetsDirs` do); it never replaces the built-in data.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliOver, isOneLineError, json } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'medcode-cli-codesets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** A built-in folder as if medcode had shipped HCPCS January 2026 only (ICD-10 and POS as shipped). */
const janOnly = join(tmp, 'jan-only');
/** The July 2026 HCPCS quarter and the April 2026 practitioner MUE table, imported with `medcode data import`. */
const imported = join(tmp, 'imported');
/** A built-in folder as if medcode had shipped no MCE lists (everything else as shipped). */
const noMce = join(tmp, 'no-mce');
/** The CMS MCE v37 code-list table, imported with `medcode data import`. */
const importedMce = join(tmp, 'imported-mce');

/** The imported folder with its July 2026 HCPCS manifest naming another codes pack than the shipped one. */
function otherJuly(): string {
  const dir = join(tmp, 'other-july');
  if (existsSync(dir)) return dir;
  cpSync(imported, dir, { recursive: true });
  const file = join(dir, 'hcpcs', '2026-jul', 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as { files: { sha256: string }[] };
  m.files[0]!.sha256 = 'f'.repeat(64);
  writeFileSync(file, JSON.stringify(m));
  return dir;
}

interface LookupJson {
  results: { input: string; matches: { system: string; edition: string }[]; notes: string[] }[];
}

beforeAll(async () => {
  mkdirSync(join(janOnly, 'hcpcs'), { recursive: true });
  cpSync('codesets/hcpcs/2026-jan', join(janOnly, 'hcpcs', '2026-jan'), { recursive: true });
  for (const s of ['icd10cm', 'icd10pcs', 'pos', 'mce', 'ncci-aoc'])
    symlinkSync(resolve('codesets', s), join(janOnly, s));
  const r = await cli(
    'data',
    'import',
    'codesets/sources/hcpcs/HCPC2026_JUL_ANWEB_06172026.xlsx',
    'codesets/sources/ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv',
    '--out',
    imported,
  );
  expect(r.code, r.stderr).toBe(0);
  mkdirSync(noMce);
  for (const s of ['icd10cm', 'icd10pcs', 'hcpcs', 'pos', 'ncci-mue', 'ncci-aoc'])
    symlinkSync(resolve('codesets', s), join(noMce, s));
  const m = await cli(
    'data',
    'import',
    'codesets/sources/mce/MCE_Simple_Code_Edits_v37.txt',
    '--out',
    importedMce,
  );
  expect(m.code, m.stderr).toBe(0);
});

describe('medcode lookup --codesets <dir> merges imported editions with the built-in ones', () => {
  it('ICD-10-CM still answers from the built-in packs; a HCPCS date in the imported quarter from the import', async () => {
    const before = json<LookupJson>(
      await cliOver(janOnly, 'lookup', 'G0121', 'I10', '--date', '2026-08-01', '--json'),
    );
    expect(before.results[0]!.matches).toEqual([]);
    expect(before.results[0]!.notes.join('\n')).toMatch(
      /no HCPCS Level II edition is in force on 2026-08-01/,
    );
    const after = json<LookupJson>(
      await cliOver(
        janOnly,
        'lookup',
        'G0121',
        'I10',
        '--date',
        '2026-08-01',
        '--codesets',
        imported,
        '--json',
      ),
    );
    expect(after.results[0]!.matches).toEqual([
      expect.objectContaining({ system: 'hcpcs', edition: 'HCPCS Level II 2026 July' }),
    ]);
    expect(after.results[1]!.matches).toEqual([
      expect.objectContaining({ system: 'icd10cm', edition: 'ICD-10-CM FY2026' }),
    ]);
    // A date in the built-in quarter still answers from the built-in January edition.
    const march = json<LookupJson>(
      await cliOver(janOnly, 'lookup', 'G0121', '--date', '2026-03-01', '--codesets', imported, '--json'),
    );
    expect(march.results[0]!.matches[0]).toMatchObject({ edition: 'HCPCS Level II 2026 January' });
  });

  it('the shipped data and the same quarter imported again (the same packs): one edition, answered', async () => {
    const r = await cli('lookup', 'G0121', '--date', '2026-08-01', '--codesets', imported);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/G0121/);
    expect(r.stdout).not.toMatch(/not found/);
  });

  it('other packs under a shipped edition id: an error naming the edition, not a silent choice', async () => {
    const r = await cli('lookup', 'G0121', '--date', '2026-08-01', '--codesets', otherJuly());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/2026-jul/);
  });

  it('a folder holding editions "medcode data import" does not write (places of service, PFS) is refused in one line', async () => {
    const r = await cli('lookup', 'I10', '--codesets', 'codesets');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--codesets codesets: holds pos, pfs editions, which "medcode data import" does not write/,
    );
    expect(isOneLineError(r.stderr)).toBe(true);
  });
});

describe('medcode data status --codesets <dir>', () => {
  it('checks each folder as the other commands do: missing, a file, or holding editions import does not write, exit 2', async () => {
    for (const [folder, message] of [
      [join(tmp, 'no-such-folder'), /--codesets .*no-such-folder: no such folder/],
      ['package.json', /--codesets package\.json: no such folder/],
      ['codesets', /--codesets codesets: holds pos, pfs editions/],
    ] as const) {
      const r = await cli('data', 'status', '--codesets', folder);
      expect(r.code, folder).toBe(2);
      expect(r.stderr, folder).toMatch(message);
      expect(isOneLineError(r.stderr)).toBe(true);
    }
    // A folder with no editions yet (a first import may not have run) adds nothing.
    const empty = join(tmp, 'empty-imports');
    mkdirSync(empty, { recursive: true });
    const ok = await cli('data', 'status', '--codesets', empty, '--json');
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('medcode validate --codesets <dir>', () => {
  it('an imported MUE table is used for its dates; the built-in code sets still check the codes', async () => {
    const without = json<{ claims: { issues: { code: string }[]; skipped: { rule: string }[] }[] }>(
      await cliOver(janOnly, 'validate', 'examples/mue-exceeded.json', '--json'),
    );
    expect(without.claims[0]!.skipped.map((s) => s.rule)).toContain('ncci-mue');
    const withImport = json<{ claims: { issues: { code: string }[]; skipped: { rule: string }[] }[] }>(
      await cliOver(janOnly, 'validate', 'examples/mue-exceeded.json', '--codesets', imported, '--json'),
    );
    expect(withImport.claims[0]!.issues.some((e) => e.code === 'mue_exceeded')).toBe(true);
    const shipped = json<{ claims: { skipped: unknown[] }[] }>(
      await cli('validate', 'examples/mue-exceeded.json', '--json'),
    );
    expect(withImport.claims[0]!.skipped).toEqual(shipped.claims[0]!.skipped);
  });

  it('--workers reads the imported folder as one thread does: the same verdicts, the imported MUE table used', async () => {
    const args = [
      'validate',
      'examples/mue-exceeded.json',
      'examples/clean-office-visit.json',
      '--codesets',
      imported,
      '--json',
    ];
    const oneThread = json<{ claims: { issues: { code: string }[] }[] }>(await cliOver(janOnly, ...args));
    const pooled = json<{ claims: { issues: { code: string }[] }[] }>(
      await cliOver(janOnly, ...args, '--workers', '2'),
    );
    expect(pooled.claims).toEqual(oneThread.claims);
    expect(pooled.claims[0]!.issues.some((e) => e.code === 'mue_exceeded')).toBe(true);
  });

  it('--workers with the shipped data and the same quarter imported again: the same verdicts', async () => {
    const args = ['validate', 'examples/mue-exceeded.json', '--json'];
    const alone = json<{ claims: unknown[] }>(await cli(...args));
    const both = json<{ claims: unknown[] }>(await cli(...args, '--codesets', imported, '--workers', '2'));
    expect(both.claims).toEqual(alone.claims);
  });

  it('--workers with other packs under a shipped edition id: the clash is a usage error up front', async () => {
    const r = await cli(
      'validate',
      'examples/mue-exceeded.json',
      '--codesets',
      otherJuly(),
      '--workers',
      '2',
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/2026-jul/);
    expect(isOneLineError(r.stderr)).toBe(true);
  });

  it('imported MCE lists feed the MCE rules (the built-in folder here has none)', async () => {
    interface ValidateJson {
      claims: {
        issues: { code: string; rule: string }[];
        skipped: { rule: string }[];
        stale: { edition: string }[];
      }[];
    }
    const args = [
      'validate',
      'examples/newborn-code-on-adult.json',
      '--profile',
      'medicare-inpatient',
      '--json',
    ];
    const without = json<ValidateJson>(await cliOver(noMce, ...args));
    expect(without.claims[0]!.skipped.map((s) => s.rule)).toContain('mce-age');
    expect(without.claims[0]!.issues.some((e) => e.code === 'age_conflict')).toBe(false);
    const withImport = json<ValidateJson>(await cliOver(noMce, ...args, '--codesets', importedMce));
    expect(withImport.claims[0]!.issues.find((e) => e.code === 'age_conflict')).toMatchObject({
      rule: 'mce-age',
    });
    expect(withImport.claims[0]!.skipped.map((s) => s.rule)).not.toContain('mce-age');
    // As with the built-in lists: the FY2020 lists on a 2026 date are said to be stale.
    expect(withImport.claims[0]!.stale.map((s) => s.edition)).toContain('v37');
  });
});

describe('medcode data import', () => {
  it('a file that does not exist, or a folder, is a usage error (exit 2) before anything is read', async () => {
    const missing = await cli('data', 'import', 'nope.zip', '--out', join(tmp, 'never'));
    expect(missing.code).toBe(2);
    expect(isOneLineError(missing.stderr)).toBe(true);
    expect(missing.stderr).toMatch(/cannot read nope\.zip: no such file/);
    const folder = await cli('data', 'import', 'codesets/sources', '--out', join(tmp, 'never'));
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/it is a directory/);
  });
});
