/**
 * `medcode lookup`, `check` and `search` on the real built-in data.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cli, cliOver, isOneLineError, json } from './helpers';

interface LookupJson {
  date: string;
  results: {
    input: string;
    matches: { system: string; code: string; edition?: string; title: string }[];
    notes: string[];
  }[];
}
interface CheckJson {
  ok: boolean;
  results: {
    input: string;
    valid: boolean;
    verdicts: {
      system: string;
      valid: boolean;
      issues: { code: string; message: string }[];
      note?: string;
    }[];
    note?: string;
  }[];
}

describe('medcode lookup', () => {
  it('finds a HCPCS code in the edition in force on --date', async () => {
    const r = await cli('lookup', 'g0121', '--date', '2026-05-01', '--json');
    expect(r.code).toBe(0);
    const out = json<LookupJson>(r);
    expect(out.date).toBe('2026-05-01');
    expect(out.results[0]!.matches).toEqual([
      expect.objectContaining({
        system: 'hcpcs',
        code: 'G0121',
        edition: 'HCPCS Level II 2026 January',
        title: expect.stringMatching(/colonoscopy/i),
      }),
    ]);
  });

  it('check shows the remedy of an issue in the table (ICD-10-PCS letter O for a zero)', async () => {
    // With --system and without: a letter O makes the code no system's shape, but it reads as an
    // ICD-10-PCS code with the digit, so it is checked as one.
    for (const forced of [['--system', 'icd10pcs'], []]) {
      const r = await cli('check', '0LB5OZZ', ...forced, '--date', '2026-05-01');
      expect(r.code).toBe(1);
      expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
        /0LB5OZZ ICD-10-PCS invalid .*Remedy: ICD-10-PCS never uses the letters I and O; did you mean 0LB50ZZ\?/,
      );
    }
    const looked = await cli('lookup', '0LB5OZZ', '--date', '2026-05-01', '--json');
    expect(looked.code).toBe(1);
    expect(JSON.parse(looked.stdout).results[0].notes).toEqual(['not in ICD-10-PCS FY2026']);
  });

  it('a HCPCS code terminated before --date is shown as terminated, with exit 1 as check gives', async () => {
    // C5271 ended 2025-12-31, A7011 2015-12-31 (HCPCS record layout field 29): in the January 2026
    // file, not valid on 2026-05-01.
    const r = await cli('lookup', 'C5271', 'A7011', '--date', '2026-05-01', '--json');
    expect(r.code).toBe(1);
    const [c5271, a7011] = json<LookupJson>(r).results;
    expect(c5271!.matches).toEqual([
      expect.objectContaining({
        system: 'hcpcs',
        code: 'C5271',
        valid: false,
        title: expect.stringMatching(/ \[terminated: last valid 2025-12-31, not valid on 2026-05-01\]$/),
      }),
    ]);
    expect(a7011!.matches[0]!.title).toMatch(
      /\[terminated: last valid 2015-12-31, not valid on 2026-05-01\]$/,
    );
    const table = await cli('lookup', 'C5271', '--date', '2026-05-01');
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/terminated: last valid\s+2025-12-31/);
    // A valid code beside it does not make the answer clean; alone it is exit 0.
    expect((await cli('lookup', 'G0121', 'C5271', '--date', '2026-05-01')).code).toBe(1);
    expect((await cli('lookup', 'G0121', '--date', '2026-05-01')).code).toBe(0);
  });

  it('finds an ICD-10-CM code in the fiscal-year edition of the date, in any spelling', async () => {
    const may = json<LookupJson>(await cli('lookup', 'e119', '--date', '2026-05-01', '--json'));
    expect(may.results[0]!.matches).toEqual([
      expect.objectContaining({
        system: 'icd10cm',
        code: 'E11.9',
        edition: 'ICD-10-CM FY2026',
        title: 'Type 2 diabetes mellitus without complications',
      }),
    ]);
    const header = json<LookupJson>(await cli('lookup', 'E11', '--date', '2026-05-01', '--json'));
    expect(header.results[0]!.matches[0]!.title).toBe(
      'Type 2 diabetes mellitus [header: not valid for submission]',
    );
    const nov = json<LookupJson>(await cli('lookup', 'E11.9', '--date', '2026-11-01', '--json'));
    expect(nov.results[0]!.matches[0]!.edition).toBe('ICD-10-CM FY2027');
  });

  it('a code real in two systems (J1100: HCPCS J1100 and ICD-10-CM J11.00) shows both and asks for --system', async () => {
    const r = await cli('lookup', 'J1100', '--date', '2026-05-01', '--json');
    expect(json<LookupJson>(r).results[0]!.matches.map((m) => [m.system, m.code])).toEqual([
      ['hcpcs', 'J1100'],
      ['icd10cm', 'J11.00'],
    ]);
    const table = await cli('lookup', 'J1100', '--date', '2026-05-01');
    expect(table.stderr).toMatch(/"J1100" is a code in HCPCS Level II and ICD-10-CM; use --system/);
    const forced = json<LookupJson>(
      await cli('lookup', 'J1100', '--system', 'icd10cm', '--date', '2026-05-01', '--json'),
    );
    expect(forced.results[0]!.matches.map((m) => m.code)).toEqual(['J11.00']);
  });

  it('decodes an ICD-10-PCS code', async () => {
    const r = await cli('lookup', '0DTJ4ZZ', '--date', '2026-05-01', '--json');
    expect(r.code).toBe(0);
    expect(json<LookupJson>(r).results[0]!.matches[0]).toMatchObject({
      system: 'icd10pcs',
      code: '0DTJ4ZZ',
      title: 'Resection of Appendix, Percutaneous Endoscopic Approach',
    });
  });

  it('shows both systems for an ambiguous two-character code and asks for --system', async () => {
    const r = await cli('lookup', '25', '--date', '2026-05-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Modifier\s+25\s/);
    expect(r.stdout).toMatch(/Place of service\s+25\s/);
    expect(r.stderr).toMatch(/use --system/);
    const forced = json<LookupJson>(
      await cli('lookup', '25', '--system', 'pos', '--date', '2026-05-01', '--json'),
    );
    expect(forced.results[0]!.matches.map((m) => m.system)).toEqual(['pos']);
  });

  it('gives CPT its category without any AMA descriptor', async () => {
    const r = await cli('lookup', '99213', '--date', '2026-05-01', '--json');
    const m = json<LookupJson>(r).results[0]!.matches[0]!;
    expect(m.system).toBe('cpt');
    expect(m.title).toMatch(/no descriptor/);
  });

  it('--cpt-descriptors loads a (licensed) descriptor file for CPT titles, existence and search', async () => {
    const file = 'test/cpt/fixtures/descriptors.tsv'; // synthetic fixture rows, no AMA text
    const found = json<LookupJson>(
      await cli('lookup', '10005', '--cpt-descriptors', file, '--date', '2026-05-01', '--json'),
    );
    expect(found.results[0]!.matches[0]).toMatchObject({
      system: 'cpt',
      code: '10005',
      title: 'Fixture entry alpha: widget adjustment, first unit',
    });
    const unknown = await cli('check', '99999', '--cpt-descriptors', file, '--date', '2026-05-01', '--json');
    expect(unknown.code).toBe(1);
    expect(json<CheckJson>(unknown).results[0]!.verdicts[0]!.issues[0]!.code).toBe('unknown_code');
    const search = json<{ groups: { system: string; hits: { code: string }[] }[] }>(
      await cli('search', 'widget', '--system', 'cpt', '--cpt-descriptors', file, '--json'),
    );
    expect(search.groups[0]!.hits.map((h) => h.code).sort()).toEqual(['10005', '10006']);
    const missing = await cli('lookup', '10005', '--cpt-descriptors', 'no-such.tsv');
    expect(missing.code).toBe(2);
    expect(isOneLineError(missing.stderr)).toBe(true);
  });

  it('exits 1 when a code is not found, and says why', async () => {
    const r = await cli('lookup', 'G0121', 'U9999', '--date', '2026-05-01');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/U9999.*not found/);
  });

  it('names the loaded editions when none is in force on the date', async () => {
    const r = await cli('lookup', 'G0121', '--system', 'hcpcs', '--date', '2019-01-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no HCPCS Level II edition is in force on 2019-01-01.*Use --date/);
  });
});

describe('medcode check', () => {
  it('explains a fracture code missing its 7th character, with the allowed values', async () => {
    const r = await cli('check', 'S72.001', '--date', '2026-05-01', '--json');
    expect(r.code).toBe(1);
    const issue = json<CheckJson>(r).results[0]!.verdicts[0]!.issues[0]! as {
      code: string;
      allowed?: { value: string }[];
    };
    expect(issue.code).toBe('seventh_character_missing');
    expect(issue.allowed?.map((a) => a.value)).toContain('A');
    const table = await cli('check', 'S72.001', '--date', '2026-05-01');
    expect(table.stdout).toMatch(
      /S72\.001\s+ICD-10-CM\s+invalid\s+error: S72\.001 needs a 7th character: A initial encounter/,
    );
    expect((await cli('check', 'S72.001A', 'E11.9', '--date', '2026-05-01')).code).toBe(0);
  });

  it('explains an invalid ICD-10-PCS axis value (JSON)', async () => {
    const r = await cli('check', '0DTJ4ZX', '--date', '2026-05-01', '--json');
    expect(r.code).toBe(1);
    const out = json<CheckJson>(r);
    expect(out.ok).toBe(false);
    expect(out.results[0]!.verdicts[0]!.issues[0]!.code).toBe('invalid_axis_value');
  });

  it('exits 0 when every code is valid, and 1 when one is not', async () => {
    expect((await cli('check', 'G0121', '11', '--system', 'pos', '--date', '2026-05-01')).code).toBe(1); // G0121 is no POS
    expect((await cli('check', 'G0121', 'J1100', '--date', '2026-05-01')).code).toBe(0);
    const bad = await cli('check', 'XX', '--date', '2026-05-01');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/XX is not a HCPCS modifier code/);
  });

  it('checks CPT format only, and says existence was not checked', async () => {
    const r = json<CheckJson>(await cli('check', '99213', '--date', '2026-05-01', '--json'));
    expect(r.results[0]!.verdicts[0]).toMatchObject({ system: 'cpt', valid: true });
    expect(r.results[0]!.verdicts[0]!.note).toMatch(/existence not checked/);
  });

  it('reports a string of no code shape', async () => {
    const r = await cli('check', 'hello world', '--date', '2026-05-01');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/shape of no code system/);
  });
});

describe('damaged code-set data', () => {
  it('a corrupted pack is one line naming the file, exit 3 (not "not found")', async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'medcode-badpacks-'));
    cpSync('codesets/hcpcs', join(dir, 'hcpcs'), { recursive: true });
    const pack = join(dir, 'hcpcs', '2026-jan', 'codes.pack');
    const bytes = readFileSync(pack);
    const mid = bytes.length >> 1;
    bytes[mid] = bytes[mid]! ^ 0xff;
    writeFileSync(pack, bytes);
    const r = await cliOver(dir, 'lookup', 'G0121', '--system', 'hcpcs', '--date', '2026-05-01');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^medcode lookup: cannot load code-set data: cannot load .*codes\.pack: /);
    expect(isOneLineError(r.stderr)).toBe(true);
  });
});

describe('medcode search', () => {
  it('ranks HCPCS hits and honours --limit', async () => {
    const r = await cli(
      'search',
      'screening',
      'colonoscopy',
      '--system',
      'hcpcs',
      '--limit',
      '3',
      '--date',
      '2026-05-01',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = json<{ text: string; groups: { system: string; hits: { code: string; title: string }[] }[] }>(
      r,
    );
    expect(out.text).toBe('screening colonoscopy');
    expect(out.groups).toHaveLength(1);
    expect(out.groups[0]!.hits).toHaveLength(3);
    for (const h of out.groups[0]!.hits) expect(h.title.toLowerCase()).toMatch(/colonoscopy/);
  });

  it('searches every system with data, grouped', async () => {
    const r = await cli('search', 'office', '--date', '2026-05-01', '--json');
    const out = json<{ groups: { system: string; hits: unknown[] }[] }>(r);
    expect(out.groups.map((g) => g.system)).toEqual(['icd10cm', 'icd10pcs', 'hcpcs', 'modifier', 'pos']);
    expect(out.groups.find((g) => g.system === 'pos')!.hits.length).toBeGreaterThan(0);
  });

  it('reads a misspelt word as the nearest indexed word, and shows the indexed spelling', async () => {
    const r = await cli('search', 'diabetis', '--system', 'icd10cm', '--date', '2026-05-01', '--json');
    expect(r.code).toBe(0);
    const out = json<{ groups: { hits: { code: string; matched: string }[] }[] }>(r);
    const e119 = out.groups[0]!.hits.find((h) => h.code === 'E11.9');
    expect(e119?.matched).toMatch(/^Diabetes/);
  });
});

describe('usage errors: one line on stderr, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown option', ['lookup', 'E11.9', '--nope'], /unknown option --nope/],
    ['missing option value', ['check', 'E11.9', '--date'], /option --date needs a value/],
    ['bad date', ['check', 'E11.9', '--date', '2026-02-30'], /--date must be a calendar date/],
    ['bad system', ['lookup', 'E11.9', '--system', 'icd9'], /--system must be one of/],
    ['bad limit', ['search', 'knee', '--limit', '0'], /--limit must be a whole number/],
    ['no code', ['lookup'], /missing code/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(isOneLineError(r.stderr), r.stderr).toBe(true);
      expect(r.stdout).toBe('');
    });
  }

  it('--help prints the command help on stdout and exits 0', async () => {
    for (const c of ['lookup', 'check', 'search', 'validate', 'convert']) {
      const r = await cli(c, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: medcode ${c}`));
    }
    expect((await cli('ncci', '--help')).stdout).toMatch(/Usage: medcode ncci import/);
    expect((await cli('ncci', 'import', '--help')).stdout).toMatch(/Usage: medcode ncci import/);
    expect((await cli('help', 'validate')).stdout).toMatch(/Usage: medcode validate/);
    expect((await cli('--help')).stdout).toMatch(/Exit codes/);
    const none = await cli();
    expect(none.code).toBe(2);
    expect(isOneLineError(none.stderr)).toBe(true);
  });
});

describe('hostile input never throws', () => {
  it('odd code strings give exit 0 or 1 and well-formed JSON', async () => {
    const odd = fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        '',
        ' ',
        'Ｅ１１．９',
        'Е11.9',
        'e11.9\u0000',
        '9'.repeat(1_000_000),
        '-',
        '..',
      ),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(odd, fc.constantFrom('lookup', 'check'), async (code, command) => {
        if (code.startsWith('-')) code = ` ${code}`; // an argument, not an option
        const r = await cli(command, code, '--date', '2026-05-01', '--json');
        expect([0, 1]).toContain(r.code);
        expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
      }),
      { numRuns: 40 },
    );
  });
});
