/**
 * `medcode validate`, `convert` and `ncci import` on the examples, the 837P golden files and the
 * NCCI fixture zips; bad input gives one-line errors and the documented exit codes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromX12837P, parseClaim, validateFhirR4Claim } from '../../src/claims/index';
import type { Claim } from '../../src/claims/index';
import { cli, cliOver, cliWithStdin, isOneLineError, json } from './helpers';
import { runCli } from '../../src/cli/main';

const tmp = mkdtempSync(join(tmpdir(), 'medcode-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const at = (name: string) => join(tmp, name);

interface ValidateJson {
  ok: boolean;
  profile: string;
  today: string;
  claims: {
    label: string;
    format: string;
    ok: boolean;
    read: boolean;
    issues: { code: string; rule?: string; severity: string; path: (string | number)[]; message: string }[];
    skipped: { rule: string; reason: string }[];
  }[];
  fileIssues: { file: string; code: string; message: string }[];
}

const example = (name: string): Claim => {
  const r = parseClaim(readFileSync(`examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(`examples/${name}.json does not parse`);
  return r.value;
};

describe('medcode validate', () => {
  it('MUE example: exit 1, the mue_exceeded edit at line 1 in JSON and in the table', async () => {
    const r = await cli('validate', 'examples/mue-exceeded.json', '--json');
    expect(r.code).toBe(1);
    const out = json<ValidateJson>(r);
    expect(out).toMatchObject({ ok: false, profile: 'medicare-professional', today: '2026-11-27' });
    const edit = out.claims[0]!.issues.find((e) => e.code === 'mue_exceeded');
    expect(edit).toMatchObject({ rule: 'ncci-mue', severity: 'error', path: ['lines', 0, 'units'] });

    const table = await cli('validate', 'examples/mue-exceeded.json');
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^line\s+field\s+codes\s+severity\s+edit\s+message\s+remedy$/m);
    expect(table.stdout).toMatch(/^1\s+units\s+20610\s+error\s+ncci-mue\s+20610: 3 units/m);
    expect(table.stdout).toMatch(/units above the MUE may be paid/); // the remedy column
    expect(table.stdout).toMatch(/1 claim: 1 with errors/);
  });

  it('a claim no code set covers is NOT CHECKED, never OK, and exits 4', async () => {
    const c = example('clean-office-visit');
    const old = {
      ...c,
      lines: c.lines.map((l) => ({ ...l, serviceDate: '2015-06-01' })),
    };
    writeFileSync(at('2015.json'), JSON.stringify(old));
    // Validated as of a day within its filing limit: a 2015 claim filed today is denied for that alone.
    const filed = ['--date', '2015-12-01'];
    const today = json<ValidateJson>(await cli('validate', at('2015.json'), '--json'));
    expect(today.claims[0]!.issues.map((e) => e.code)).toContain('filing_limit_passed');
    const table = await cli('validate', at('2015.json'), ...filed);
    expect(table.code).toBe(4);
    expect(table.stdout).toMatch(/: NOT CHECKED — /);
    expect(table.stdout).not.toMatch(/: OK — /);
    expect(table.stdout).toMatch(/not_checked|was not checked: no ICD-10-CM edition covers 2015-06-01/);
    const out = json<ValidateJson & { claims: { status: string }[] }>(
      await cli('validate', at('2015.json'), '--json', ...filed),
    );
    expect(out.ok).toBe(false);
    expect(out.claims[0]).toMatchObject({ ok: false, status: 'not_checked' });
    // A malformed diagnosis on the same date is an error whatever the date: exit 1.
    writeFileSync(
      at('2015-bad.json'),
      JSON.stringify({ ...old, diagnoses: [{ code: 'ZZZ.99' }, ...old.diagnoses.slice(1)] }),
    );
    const bad = await cli('validate', at('2015-bad.json'), ...filed);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/: ERRORS — /);
  });

  it('--help lists every exit code the CLI uses', async () => {
    for (const args of [['--help'], ['validate', '--help']]) {
      const r = await cli(...args);
      for (const code of ['0', '1', '2', '3', '4', '70'])
        expect(r.stdout).toMatch(new RegExp(`^  ${code}\\s`, 'm'));
    }
  });

  it('fracture example: code-validity error at the diagnosis; Excludes1 example: warnings only, exit 0', async () => {
    const fracture = await cli('validate', 'examples/fracture-missing-7th-character.json', '--json');
    expect(fracture.code).toBe(1);
    expect(
      json<ValidateJson>(fracture).claims[0]!.issues.find((e) => e.code === 'seventh_character_missing'),
    ).toMatchObject({
      rule: 'code-validity',
      severity: 'error',
      path: ['diagnoses', 0, 'code'],
    });
    const excludes = await cli('validate', 'examples/excludes1-pair.json', '--json');
    const out = json<ValidateJson>(excludes);
    expect(
      out.claims[0]!.issues.filter((e) => e.code === 'excludes1_conflict').map((e) => e.severity),
    ).toContain('warning');
    expect(out.claims[0]!.issues.some((e) => e.severity === 'error')).toBe(false);
    expect(excludes.code).toBe(0); // warnings do not fail the run
    const table = await cli('validate', 'examples/excludes1-pair.json');
    expect(table.stdout).toMatch(
      /^dx 2\s+code\s+E11\.9 E10\.9\s+warning\s+icd10cm-excludes1\s+E11\.9 has an Excludes1 note/m,
    );
    expect(table.stdout).toMatch(/1 claim: 0 with errors, 0 not checked, 1 with warnings only/);
  });

  it('the clean office visit passes (exit 0) and lists the rules that could not run', async () => {
    const r = await cli('validate', 'examples/clean-office-visit.json', '--json');
    const out = json<ValidateJson>(r);
    expect(out.claims[0]!.issues.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    // No PTP table is shipped: the rule says so instead of passing silently.
    expect(out.claims[0]!.skipped.map((s) => s.rule)).toContain('ncci-ptp');
  });

  it('validates every example in one run, one result per claim', async () => {
    const files = [
      'clean-office-visit',
      'em-with-procedure-needs-modifier-25',
      'excludes1-pair',
      'fracture-missing-7th-character',
      'mue-exceeded',
      'newborn-code-on-adult',
    ].map((n) => `examples/${n}.json`);
    const out = json<ValidateJson>(await cli('validate', ...files, '--json'));
    expect(out.claims.map((c) => c.label)).toEqual([
      'PCN-2026-0001',
      'PCN-2026-0002',
      'PCN-2026-0004',
      'PCN-2026-0005',
      'PCN-2026-0003',
      'PCN-2026-0006',
    ]);
    expect(out.ok).toBe(false);
  });

  it('a truncated ICD-10-CM codes pack fails validation with a non-zero exit, never "OK"', async () => {
    const bad = at('truncated-codesets');
    mkdirSync(bad);
    for (const s of ['icd10cm', 'hcpcs', 'pos', 'icd10pcs', 'ncci-mue', 'mce'])
      cpSync(join('codesets', s), join(bad, s), { recursive: true });
    const pack = join(bad, 'icd10cm', 'fy2026', 'codes.pack');
    writeFileSync(pack, readFileSync(pack).subarray(0, 1_000_000));
    const run = await cliOver(bad, 'validate', 'examples/mue-exceeded.json');
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/the check could not run: cannot\s+load/);
    expect(run.stdout).not.toMatch(/OK — 0 errors/);
    const r = json<ValidateJson>(await cliOver(bad, 'validate', 'examples/mue-exceeded.json', '--json'));
    expect(r.claims[0]!.issues.some((e) => e.code === 'pack_error')).toBe(true);
  });

  it('with no built-in data the rules are skipped, never passed; an empty --codesets folder adds nothing', async () => {
    const empty = at('empty-codesets');
    mkdirSync(empty);
    const r = json<ValidateJson>(await cliOver(empty, 'validate', 'examples/mue-exceeded.json', '--json'));
    expect(r.claims[0]!.issues.some((e) => e.code === 'mue_exceeded')).toBe(false);
    expect(r.claims[0]!.skipped.map((s) => s.rule)).toEqual(
      expect.arrayContaining(['ncci-mue', 'code-validity']),
    );
    const table = await cliOver(empty, 'validate', 'examples/mue-exceeded.json');
    expect(table.stdout).toMatch(/Some rules could not run \(in full\) on 1 of them/);
    // --codesets adds editions to the built-in ones: an empty folder leaves the answer as it was.
    const same = json<ValidateJson>(
      await cli('validate', 'examples/mue-exceeded.json', '--codesets', empty, '--json'),
    );
    expect(same.claims[0]!.issues.some((e) => e.code === 'mue_exceeded')).toBe(true);
    const lookup = await cliOver(empty, 'lookup', 'G0121', '--system', 'hcpcs', '--date', '2026-05-01');
    expect(lookup.code).toBe(1);
    expect(lookup.stderr).toMatch(/loaded editions: none/);
    expect((await cli('validate', 'examples/mue-exceeded.json', '--codesets', at('nope'))).code).toBe(2);
  });

  it('--rule turns on a rule outside the profile (the newborn example needs mce-age)', async () => {
    const off = json<ValidateJson>(await cli('validate', 'examples/newborn-code-on-adult.json', '--json'));
    expect(off.claims[0]!.issues.some((e) => e.code === 'age_conflict')).toBe(false);
    const on = await cli('validate', 'examples/newborn-code-on-adult.json', '--rule', 'mce-age', '--json');
    expect(on.code).toBe(1);
    expect(json<ValidateJson>(on).claims[0]!.issues.find((e) => e.code === 'age_conflict')).toMatchObject({
      rule: 'mce-age',
      path: ['diagnoses', 0, 'code'],
    });
    const asWarning = json<ValidateJson>(
      await cli('validate', 'examples/newborn-code-on-adult.json', '--rule', 'mce-age=warning', '--json'),
    );
    expect(asWarning.claims[0]!.issues.find((e) => e.code === 'age_conflict')?.severity).toBe('warning');
    const bad = await cli('validate', 'examples/newborn-code-on-adult.json', '--rule', 'no-such-rule');
    expect(bad.code).toBe(2);
    expect(isOneLineError(bad.stderr)).toBe(true);
  });

  it('--rule x12-837p finds the claim the 837P writer would refuse before a batch is written', async () => {
    const c = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8'));
    c.patient.address.city = 'Rancho Santa Margarita Heights East';
    writeFileSync(at('long-city.json'), JSON.stringify(c));
    const off = await cli('validate', at('long-city.json'), '--json');
    expect(off.code).toBe(0);
    const on = await cli('validate', at('long-city.json'), '--rule', 'x12-837p', '--json');
    expect(on.code).toBe(1);
    expect(json<ValidateJson>(on).claims[0]!.issues.find((e) => e.rule === 'x12-837p')).toMatchObject({
      code: 'x12_unwritable',
      severity: 'error',
      path: ['patient', 'address', 'city'],
    });
    const table = await cli('validate', at('long-city.json'), '--rule', 'x12-837p');
    expect(table.stdout).toMatch(/x12-837p/);
    expect(table.stdout).toMatch(/N401/);
  });

  it('--x12-separators: the x12-837p rule checks values against the delimiters of the 837P to be sent', async () => {
    const c = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8'));
    c.billingProvider.name = 'SMITH*JONES CLINIC';
    writeFileSync(at('star-name.json'), JSON.stringify(c));
    const refusals = async (...args: string[]) => {
      const r = await cli('validate', at('star-name.json'), '--rule', 'x12-837p', '--json', ...args);
      return json<ValidateJson>(r)
        .claims[0]!.issues.filter((e) => e.rule === 'x12-837p')
        .map((e) => e.path);
    };
    expect(await refusals()).toEqual([['billingProvider', 'name']]);
    expect(await refusals('--x12-separators', '|>!~')).toEqual([]);
    // A line break in the value is echoed escaped: the error stays one line.
    for (const bad of ['|>!', '||!~', 'A>!~', '|\n>!~']) {
      const r = await cli('validate', at('star-name.json'), '--x12-separators', bad);
      expect(r.code).toBe(2);
      expect(isOneLineError(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(/--x12-separators must be 4 distinct punctuation characters/);
    }
  });

  it('--date is "today" for the future-date rule (code sets still follow each line date)', async () => {
    const r = await cli('validate', 'examples/clean-office-visit.json', '--date', '2026-03-01', '--json');
    expect(r.code).toBe(1);
    const out = json<ValidateJson>(r);
    expect(out.today).toBe('2026-03-01');
    expect(out.claims[0]!.issues.map((e) => e.code)).toContain('future_date');
  });

  it('--quiet prints only the claims with errors or warnings, and the full summary', async () => {
    const r = await cli(
      'validate',
      'examples/clean-office-visit.json',
      'examples/mue-exceeded.json',
      'examples/excludes1-pair.json',
      '--quiet',
    );
    expect(r.stdout).not.toMatch(/PCN-2026-0001/);
    expect(r.stdout).toMatch(/PCN-2026-0003 .*ERRORS/);
    expect(r.stdout).toMatch(/PCN-2026-0004 .*OK/);
    expect(r.stdout).toMatch(
      /3 claims: 1 with errors, 0 not checked, 1 with warnings only, 1 without warnings or errors/,
    );
  });

  it('--json-lines prints one object per claim as it goes, then a summary', async () => {
    const r = await cli(
      'validate',
      'examples/clean-office-visit.json',
      'examples/mue-exceeded.json',
      '--json-lines',
    );
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual(['claim', 'claim', 'summary']);
    expect(lines[1]).toMatchObject({ file: 'examples/mue-exceeded.json', label: 'PCN-2026-0003', ok: false });
    expect(lines[2]).toMatchObject({ ok: false, claims: 2, withErrors: 1 });
    expect((await cli('validate', 'examples/mue-exceeded.json', '--json', '--json-lines')).code).toBe(2);
  });

  it('reads an 837P and validates each claim in it', async () => {
    const r = await cli('validate', 'test/fixtures/x12/office-visit.837', '--json');
    const out = json<ValidateJson>(r);
    expect(out.claims.length).toBeGreaterThan(0);
    expect(out.claims.every((c) => c.format === 'x12' && c.read)).toBe(true);
  });

  it('a truncated 837 is an input error naming the segment, not a crash (exit 1)', async () => {
    const text = readFileSync('test/fixtures/x12/office-visit.837', 'utf8');
    writeFileSync(at('truncated.837'), text.slice(0, Math.floor(text.length * 0.7)));
    const r = await cli('validate', at('truncated.837'), '--json');
    expect(r.code).toBe(1);
    const out = json<ValidateJson>(r);
    const all = [
      ...out.fileIssues.map((i) => i.message),
      ...out.claims.flatMap((c) => c.issues.map((e) => e.message)),
    ].join('\n');
    expect(all).toMatch(/truncated/);
    expect(all).toMatch(/segment \d+/);
    expect(out.claims.every((c) => !c.read || c.ok !== undefined)).toBe(true);
    expect(out.claims.some((c) => c.read)).toBe(false); // the cut claim is never passed off as whole
  });

  it('reads standard input for "-": claim JSON and 837P', async () => {
    const fromJson = await cliWithStdin(
      readFileSync('examples/mue-exceeded.json', 'utf8'),
      'validate',
      '-',
      '--json',
    );
    expect(fromJson.code).toBe(1);
    expect(json<ValidateJson>(fromJson).claims[0]!.issues.map((e) => e.code)).toContain('mue_exceeded');
    const from837 = await cliWithStdin(
      readFileSync('test/fixtures/x12/office-visit.837', 'utf8'),
      'convert',
      '-',
      '--to',
      'json',
    );
    expect(from837.code, from837.stderr).toBe(0);
    expect(parseClaim(from837.stdout).ok || Array.isArray(JSON.parse(from837.stdout))).toBe(true);
  });

  it('malformed JSON: exit 1, one line saying where', async () => {
    writeFileSync(at('bad.json'), '{"claimId": "X", "lines": [ }');
    const r = await cli('validate', at('bad.json'));
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/bad\.json: error: the claim is not valid JSON.*"lines": \[ \}/);
    expect(lines[1]).toMatch(/^0 claims: 0 with errors/);
    writeFileSync(at('cut.json'), '{"claimId": "X", "li');
    expect((await cli('validate', at('cut.json'))).stdout).toMatch(/not valid JSON at character 20/);
  });

  it('malformed JSON in a file over the 4 MiB of one claim: the JSON error with its position, not the size', async () => {
    const claim = readFileSync('examples/clean-office-visit.json', 'utf8').trim();
    const text = `[${Array.from({ length: Math.ceil((4 << 20) / claim.length) + 1 }, () => claim).join(',')}`;
    expect(text.length).toBeGreaterThan(4 << 20);
    writeFileSync(at('big-cut.json'), text); // the closing "]" is missing
    const r = await cli('validate', at('big-cut.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(`big-cut\\.json: error: the claim is not valid JSON at character ${text.length}: `),
    );
    expect(r.stdout).not.toMatch(/at most \d+ characters/);
  });

  it('a file with no claim fails as convert refuses it: exit 1, "the file holds no claim"', async () => {
    const empty = await cliWithStdin('[]', 'validate', '-');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^medcode validate: -: the file holds no claim$/m);
    expect(empty.stdout).toMatch(/^0 claims: 0 with errors/m);
    const converted = await cliWithStdin('[]', 'convert', '-', '--to', 'json');
    expect(converted.code).toBe(1);
    expect(converted.stderr).toMatch(/-: the file holds no claim/);
    // Named once among several files; --json and --json-lines say ok: false.
    writeFileSync(at('empty.json'), '[]');
    const two = await cli('validate', 'examples/clean-office-visit.json', at('empty.json'), '--json');
    expect(two.code).toBe(1);
    expect(json<ValidateJson>(two)).toMatchObject({ ok: false, claims: [{ ok: true }] });
    expect(two.stderr).toMatch(/empty\.json: the file holds no claim/);
    const lines = await cli('validate', at('empty.json'), '--json-lines');
    expect(lines.code).toBe(1);
    expect(JSON.parse(lines.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      type: 'summary',
      ok: false,
      claims: 0,
    });
    // Malformed JSON is its own error, not also "no claim".
    writeFileSync(at('broken.json'), '[');
    expect((await cli('validate', at('broken.json'))).stderr).not.toMatch(/holds no claim/);
  });

  it('a claim that breaks the schema is reported with paths, and not validated', async () => {
    const c = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(at('schema.json'), JSON.stringify([{ ...c, placeOfService: 11 }, c]));
    const out = json<ValidateJson>(await cli('validate', at('schema.json'), '--json'));
    expect(out.claims[0]).toMatchObject({ read: false, ok: false, label: '#1 PCN-2026-0001' });
    expect(out.claims[0]!.issues[0]!.path).toEqual(['placeOfService']);
    expect(out.claims[1]!.read).toBe(true);
  });

  it('hostile files never crash: exit 1 with issues, never 70', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const cases: [string, string | Uint8Array][] = [
      ['empty.json', ''],
      ['number.json', '42'],
      ['null.json', 'null'],
      ['proto.json', '{"__proto__": {"claimId": "X"}, "constructor": 1}'],
      ['deep.json', '['.repeat(5000) + ']'.repeat(5000)],
      ['random.bin', bytes],
      ['isa-only.837', 'ISA*00*'],
      [
        'wrong-separators.837',
        readFileSync('test/fixtures/x12/office-visit.837', 'utf8')
          .replace(/\*/g, '|')
          .replace(/^ISA\|/, 'ISA*'),
      ],
    ];
    for (const [name, content] of cases) {
      writeFileSync(at(name), content);
      for (const argv of [
        ['validate', at(name), '--json'],
        ['convert', at(name), '--to', 'fhir'],
      ]) {
        const r = await cli(...argv);
        expect(r.code, `${argv[0]} ${name}: ${r.stderr}`).toBe(1);
        expect(r.stderr).not.toMatch(/internal error/);
      }
    }
  });

  it('usage errors: missing file, unknown profile, bad --ptp: one line, exit 2', async () => {
    for (const argv of [
      ['validate', 'no-such-claim.json'],
      ['validate', 'examples/clean-office-visit.json', '--profile', 'medicaid'],
      ['validate', 'examples/clean-office-visit.json', '--ptp', 'no-such-dir'],
      ['validate', 'examples/clean-office-visit.json', '--bogus'],
      ['validate'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    }
    expect((await cli('validate', 'no-such-claim.json')).stderr).toBe(
      'medcode validate: cannot read no-such-claim.json: no such file\n',
    );
  });
});

/** The 837P envelope values convert requires (no placeholders are ever written). */
const SENDER = ['--sender-id', 'S1', '--contact-phone', '5555550100'] as const;

describe('medcode convert', () => {
  it('claim JSON -> 837P -> claim JSON keeps the claim', async () => {
    const x12 = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'x12',
      ...SENDER,
      '--created-at',
      '2026-05-02T10:30',
      '--control-number',
      '42',
    );
    expect(x12.code, x12.stderr).toBe(0);
    expect(x12.stdout).toMatch(/^ISA\*00\*/);
    expect(x12.stdout).toMatch(/\*000000042\*0\*T\*:~/); // ISA13 and the test-usage default
    const read = fromX12837P(x12.stdout);
    expect(read.ok).toBe(true);
    expect(read.ok && read.value.claims).toHaveLength(1);

    writeFileSync(at('office.837'), x12.stdout);
    const back = await cli('convert', at('office.837'), '--to', 'json');
    expect(back.code).toBe(0);
    const claim = json<Claim>(back);
    const original = example('clean-office-visit');
    expect(claim.claimId).toBe(original.claimId);
    expect(claim.diagnoses).toEqual(original.diagnoses);
    expect(claim.lines.map((l) => [l.procedure, l.charge, l.serviceDate, l.diagnosisPointers])).toEqual(
      original.lines.map((l) => [l.procedure, l.charge, l.serviceDate, l.diagnosisPointers]),
    );
  });

  it('FHIR output is a valid R4 Claim; several claims make a Bundle; FHIR reads back', async () => {
    const one = await cli('convert', 'examples/clean-office-visit.json', '--to', 'fhir');
    expect(one.code).toBe(0);
    const resource = json(one);
    expect(resource.resourceType).toBe('Claim');
    expect(validateFhirR4Claim(resource).issues).toEqual([]);

    writeFileSync(at('two.json'), JSON.stringify([example('clean-office-visit'), example('mue-exceeded')]));
    const bundle = json<{ resourceType: string; entry: { resource: unknown }[] }>(
      await cli('convert', at('two.json'), '--to', 'fhir'),
    );
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry).toHaveLength(2);
    for (const e of bundle.entry) expect(validateFhirR4Claim(e.resource).issues).toEqual([]);

    writeFileSync(at('bundle.json'), JSON.stringify(bundle));
    const back = json<Claim[]>(await cli('convert', at('bundle.json'), '--to', 'json'));
    expect(back.map((c) => c.claimId)).toEqual(['PCN-2026-0001', 'PCN-2026-0003']);
  });

  it('CMS-1500 field map with --pointers-per-line 1', async () => {
    const r = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'cms1500',
      '--pointers-per-line',
      '1',
    );
    expect(r.code).toBe(0);
    const form = json<{ claimId: string; totalCharge: string; pages: { fields: Record<string, string> }[] }>(
      r,
    );
    expect(form.totalCharge).toBe('177.00');
    expect(form.pages[0]!.fields['21.A']).toBe('E119');
    expect(form.pages[0]!.fields['24E.1']).toBe('A');
  });

  it('--out writes the file and nothing to stdout', async () => {
    const r = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'json',
      '--out',
      at('copy.json'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(parseClaim(readFileSync(at('copy.json'), 'utf8')).ok).toBe(true);
  });

  it('all or nothing: an unreadable claim or an unwritable 837 writes nothing (exit 1)', async () => {
    const c = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(at('mixed.json'), JSON.stringify([c, { ...c, lines: 'none' }]));
    const r = await cli('convert', at('mixed.json'), '--to', 'x12', '--out', at('mixed.837'));
    expect(r.code).toBe(1);
    expect(existsSync(at('mixed.837'))).toBe(false);
    expect(r.stderr).toMatch(/nothing written/);

    // A separator that appears in the data ("/" in the claim id) is refused by the writer: the
    // claim cannot be written with it. (A letter, "." or "-" as separator is a bad option: a usage error.)
    writeFileSync(at('slash.json'), JSON.stringify({ ...c, claimId: 'PCN/1001' }));
    const sep = await cli('convert', at('slash.json'), '--to', 'x12', ...SENDER, '--separators', '*:^/');
    expect(sep.code).toBe(1);
    expect(sep.stderr).toMatch(/claimId: cannot write 837P CLM: a value contains a separator character/);
    expect(sep.stdout).toBe('');
  });

  it('every writer refuses a claim with 13 diagnoses: exit 1, nothing on stdout, the reason on stderr', async () => {
    const c = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<string, unknown>;
    const codes = [
      'E11.9',
      'I10',
      'E78.5',
      'J45.909',
      'M17.11',
      'K21.9',
      'F41.1',
      'G47.33',
      'N18.30',
      'E03.9',
      'M54.50',
      'R73.03',
      'Z79.4',
    ];
    writeFileSync(at('13dx.json'), JSON.stringify({ ...c, diagnoses: codes.map((code) => ({ code })) }));
    for (const to of ['fhir', 'cms1500', 'x12']) {
      const r = await cli('convert', at('13dx.json'), '--to', to, ...(to === 'x12' ? SENDER : []));
      expect(r.code, to).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/12 diagnoses/);
      expect(r.stderr).toMatch(/nothing written/);
    }
  });

  it('an interchange needs real envelope values, from the options or an --envelope file', async () => {
    for (const usage of ['T', 'P']) {
      const r = await cli('convert', 'examples/clean-office-visit.json', '--to', 'x12', '--usage', usage);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--sender-id is required/);
      expect(r.stdout).not.toMatch(/0000000000|MEDCODE/);
    }
    writeFileSync(
      at('envelope.json'),
      JSON.stringify({ sender: { id: 'ETIN77' }, submitter: { name: 'ACME BILLING', phone: '5555550199' } }),
    );
    const fromFile = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'x12',
      '--envelope',
      at('envelope.json'),
      '--created-at',
      '2026-05-02T10:30',
    );
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(
      /NM1\*41\*2\*ACME BILLING\*{5}46\*ETIN77~PER\*IC\*ACME BILLING\*TE\*5555550199~/,
    );
    const r = await cli('convert', 'examples/clean-office-visit.json', '--to', 'x12', '--usage', 'P');
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    const noContact = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'x12',
      '--usage',
      'P',
      '--sender-id',
      'S1',
    );
    expect(noContact.stderr).toMatch(/--contact-phone or --contact-email is required/);
    const ok = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'x12',
      '--usage',
      'P',
      '--sender-id',
      'S1',
      '--contact-phone',
      '5555550100',
      '--created-at',
      '2026-05-02T10:30',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/\*P\*:~/);
    expect(ok.stdout).not.toMatch(/0000000000|MEDCODE/);
  });

  it('refuses a format option given for a target it does not apply to, rather than ignoring it (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--to', 'json', '--mode', 'data'],
        /^medcode convert: --mode applies to --to pdf only \(received --to json\)/,
      ],
      [['--to', 'fhir', '--line-breaks'], /^medcode convert: --line-breaks applies to --to x12 only/],
      [
        ['--to', 'x12', ...SENDER, '--hcpcs-uri', 'https'],
        /^medcode convert: --hcpcs-uri applies to --to fhir only/,
      ],
      [
        ['--to', 'fhir', '--pointers-per-line', '1'],
        /^medcode convert: --pointers-per-line applies to --to cms1500 or --to pdf only/,
      ],
      [
        ['--to', 'cms1500', '--contact-phone', '5342242525'],
        /^medcode convert: --contact-phone applies to --to x12/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli('convert', 'examples/clean-office-visit.json', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(isOneLineError(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    // Given with their own target, they are used.
    const pointers = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'cms1500',
      '--pointers-per-line',
      '1',
    );
    expect(pointers.code, pointers.stderr).toBe(0);
  });

  it('an envelope value the 837P writer refuses is a usage error naming the option (exit 2), not an input error', async () => {
    const cases: [string[], RegExp][] = [
      [['--created-at', '2026-02-30T10:00'], /^medcode convert: --created-at must be a real local date-time/],
      [['--separators', '****'], /^medcode convert: --separators must be .*four distinct single characters/],
      [
        ['--sender-qualifier', 'ZZZZZ'],
        /^medcode convert: --sender-id or --sender-qualifier must be an id qualifier of ISA05\/ISA07/,
      ],
      [
        ['--sender-id', '123456789012345678901'],
        /^medcode convert: --sender-id or --sender-qualifier must be an id of 1–15/,
      ],
    ];
    for (const [extra, message] of cases) {
      const r = await cli('convert', 'examples/clean-office-visit.json', '--to', 'x12', ...SENDER, ...extra);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(isOneLineError(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/clean-office-visit\.json/);
      expect(r.stdout).toBe('');
    }
    // A value from an --envelope file is named there too.
    writeFileSync(at('bad-envelope.json'), JSON.stringify({ sender: { qualifier: 'TOOLONG' } }));
    const fromFile = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'x12',
      ...SENDER,
      '--envelope',
      at('bad-envelope.json'),
    );
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(
      /--sender-id or --sender-qualifier \(or sender in .*bad-envelope\.json\) must be/,
    );
  });

  it('usage errors: --to missing or unknown, missing input', async () => {
    for (const argv of [
      ['convert', 'examples/clean-office-visit.json'],
      ['convert', 'examples/clean-office-visit.json', '--to', 'pdf'],
      ['convert', 'missing.json', '--to', 'fhir'],
      ['convert', '--to', 'fhir'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(isOneLineError(r.stderr), r.stderr).toBe(true);
    }
  });
});

describe('medcode ncci import', () => {
  it('writes one pack per quarter that validate --ptp uses', async () => {
    const dir = at('ptp');
    const r = await cli(
      'ncci',
      'import',
      'test/fixtures/ncci/ccipra-v233r0-f1.zip',
      'test/fixtures/ncci/ccipra-v240r0-f1.zip',
      '--out',
      dir,
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const out = json<{
      tables: { file: string; kind: string; version: string; edition: string; rows: number }[];
    }>(r);
    expect(out.tables.map((t) => [t.kind, t.version, t.edition, t.rows])).toEqual([
      ['practitioner', '23.3', 'practitioner-2017q4', 3],
      ['practitioner', '24.0', 'practitioner-2018q1', 3],
    ]);
    expect(r.stderr).toMatch(/6 edits in 2 tables/); // the progress line's summary
    for (const t of out.tables) expect(existsSync(t.file)).toBe(true);

    // 64633 with 64484 on the same day in 2018 Q1: modifier indicator 1 (tingtau Table 1, fixture README).
    const c = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as {
      lines: Record<string, unknown>[];
    } & Record<string, unknown>;
    const line = (procedure: string) => ({ ...c.lines[0], procedure, serviceDate: '2018-02-01' });
    writeFileSync(at('ptp-claim.json'), JSON.stringify({ ...c, lines: [line('64633'), line('64484')] }));
    const v = json<ValidateJson>(await cli('validate', at('ptp-claim.json'), '--ptp', dir, '--json'));
    const ptp = v.claims[0]!.issues.find((e) => e.code === 'ncci_ptp');
    expect(ptp).toMatchObject({ rule: 'ncci-ptp', path: ['lines', 1, 'procedure'] });
    // On a worker thread the PTP packs are shared with it: the same edit.
    const pooled = json<ValidateJson>(
      await cli('validate', at('ptp-claim.json'), '--ptp', dir, '--json', '--workers', '1'),
    );
    expect(pooled.claims[0]!.issues).toEqual(v.claims[0]!.issues);
    // Without the packs the rule is skipped, never passed.
    const without = json<ValidateJson>(await cli('validate', at('ptp-claim.json'), '--json'));
    expect(without.claims[0]!.issues.some((e) => e.code === 'ncci_ptp')).toBe(false);
    expect(without.claims[0]!.skipped.map((s) => s.rule)).toContain('ncci-ptp');
  });

  it('draws a progress bar when stderr is a terminal', async () => {
    let stderr = '';
    const code = await runCli(
      ['ncci', 'import', 'test/fixtures/ncci/ccipra-v240r0-f1.zip', '--out', at('ptp-tty')],
      {
        stdout: { write: () => true },
        stderr: { write: (s: string) => (stderr += s), isTTY: true, columns: 100 },
        cwd: process.cwd(),
      },
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/\rimporting NCCI PTP \[#+-*\]\s+\d+%/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress bar redraws with CR and ESC[K
    expect(stderr).toMatch(/\r\u001b\[Kimporting NCCI PTP: 3 edits in 1 table\n$/);
  });

  it('a file that is not a PTP table: one line naming it, exit 1; a missing one: exit 2', async () => {
    writeFileSync(at('ccipra-v322r0-f1.txt'), 'hello\n');
    const bad = await cli('ncci', 'import', at('ccipra-v322r0-f1.txt'), '--out', at('ptp2'));
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n').filter(Boolean).at(-1)).toMatch(/^medcode ncci: ccipra-v322r0-f1\.txt: /);
    const missing = await cli('ncci', 'import', 'nope.zip', '--out', at('ptp2'));
    expect(missing.code).toBe(2);
    expect(isOneLineError(missing.stderr)).toBe(true);
    expect((await cli('ncci', 'import', 'x.zip')).stderr).toMatch(/missing --out/);
    expect((await cli('ncci')).code).toBe(2);
  });
});
