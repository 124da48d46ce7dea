/**
 * Named regression cases: every failure the fuzz suite (and the hostile-input review before it)
 * found, as a plain test that fails if the defect comes back.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { claim as newClaim } from '../../src/claims/builder';
import { toCms1500 } from '../../src/claims/cms1500';
import { toFhirClaim } from '../../src/claims/fhir';
import { MAX_CLAIM_JSON_CHARACTERS, PARSE_CAPS, checkClaimSize } from '../../src/claims/limits';
import { totalCharge } from '../../src/claims/money';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';
import { toCents, toNdc11, toX12837P } from '../../src/claims/x12';
import { runCli } from '../../src/cli/main';
import { detectCodeSystem } from '../../src/core/detect';
import { toIsoDate } from '../../src/core/dates';
import { MedcodeError, SourceFormatError } from '../../src/core/errors';
import { cpt } from '../../src/cpt/index';
import { hcc } from '../../src/hcc/index';
import { hcpcs } from '../../src/hcpcs/index';
import { icd10cm } from '../../src/icd10cm/index';
import { icd10pcs } from '../../src/icd10pcs/index';
import { importCodeSets } from '../../src/import/index';
import { buildIcd10PcsPack } from '../../src/icd10pcs/loader';
import { readFileSync } from 'node:fs';
import { MueTable, PtpTable, importPtp, parseMueCsv, selectPtpTable } from '../../src/ncci/index';
import { validateClaim, validateClaims } from '../../src/rules/engine';

import type { ClaimInput } from '../../src/claims/schema';
import { medcodeErrorOf } from '../medcode-error';

const CLAIM: ClaimInput = {
  claimId: 'PCN-1',
  patient: { birthDate: '1961-04-02', sex: 'F' },
  placeOfService: '11',
  diagnoses: [{ code: 'I10' }],
  lines: [
    { procedure: '99213', units: 1, charge: '95.00', serviceDate: '2026-05-01', diagnosisPointers: [1] },
  ],
} as const;

async function cli(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd: process.cwd(),
    today: '2026-11-27',
    ...(stdin !== undefined ? { stdin: [new TextEncoder().encode(stdin)] } : {}),
  });
  return { code, out, err };
}

describe('a small claim cannot stall the event loop', () => {
  it('validateClaim refuses 5,000 copies of one diagnosis with claim_limit_exceeded before any rule', () => {
    const r = validateClaim({ ...CLAIM, diagnoses: Array.from({ length: 5000 }, () => ({ code: 'E11.9' })) });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['claim_limit_exceeded', 'diagnoses']]);
  });

  it('validateClaim refuses 200,000 lines and a sparse 1,000,000-element array with one issue each', () => {
    const line = CLAIM.lines[0]!;
    expect(
      validateClaim({ ...CLAIM, lines: Array.from({ length: 200_000 }, () => line) }).issues,
    ).toHaveLength(1);
    expect(validateClaim({ ...CLAIM, lines: new Array(1_000_000) } as never).issues[0]?.code).toBe(
      'claim_limit_exceeded',
    );
  });

  it('claim JSON text of millions of characters is refused before JSON.parse reads it', () => {
    // Found by the million-input run: 5–10 MB texts of 20,000 lines or a 1,000,000-element list
    // spent 35–126 ms of CPU in JSON.parse before the array caps could refuse them.
    const text = JSON.stringify({ ...CLAIM, lines: new Array(1_000_000).fill(null) });
    expect(text.length).toBeGreaterThan(MAX_CLAIM_JSON_CHARACTERS);
    const r = parseClaim(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.path.length])).toEqual([['claim_limit_exceeded', 0]]);
    expect(r.issues[0]).toMatchObject({ element: 'characters', received: text.length });
  });

  it('a claim at every parse cap, pretty-printed, is well within the text limit', () => {
    const line = { ...CLAIM.lines[0]!, modifiers: Array(PARSE_CAPS.modifiers).fill('25') };
    const atCaps = {
      ...CLAIM,
      diagnoses: Array(PARSE_CAPS.diagnoses).fill(CLAIM.diagnoses[0]),
      lines: Array(PARSE_CAPS.lines).fill(line),
    };
    const text = JSON.stringify(atCaps, null, 2);
    expect(text.length).toBeLessThan(MAX_CLAIM_JSON_CHARACTERS / 4);
    expect(parseClaim(text).issues.map((i) => i.code)).not.toContain('claim_limit_exceeded');
  });

  it('validateClaims and every writer apply the same size guard', async () => {
    const big = { ...CLAIM, diagnoses: Array.from({ length: 20_000 }, () => ({ code: 'E11.9' })) };
    for await (const item of validateClaims([big]))
      expect(item.result.issues[0]?.code).toBe('claim_limit_exceeded');
    expect(checkClaimSize(big)[0]?.code).toBe('claim_limit_exceeded');
    const fhir = toFhirClaim(big as unknown as Claim);
    expect(fhir.ok ? [] : fhir.issues.map((i) => i.code)).toContain('claim_limit_exceeded');
    const form = toCms1500(big as unknown as Claim);
    expect(form.ok ? [] : form.issues.map((i) => i.code)).toContain('claim_limit_exceeded');
  });
});

describe('Unicode case-mapping look-alikes are never codes', () => {
  it('HCPCS, modifier and place-of-service readers refuse non-ASCII before upper-casing', () => {
    const on = '2026-05-01';
    expect(hcpcs.at(on).check('ſ9083').ok).toBe(false); // would upper-case to S9083
    expect(hcpcs.at(on).get('ſ9083')).toBeUndefined();
    expect(hcpcs.at(on).check('S9083').ok).toBe(true);
    expect(hcpcs.modifiers.at(on).check('ß').ok).toBe(false); // would become SS
    expect(hcpcs.modifiers.at(on).check('ﬆ').ok).toBe(false); // would become ST
    expect(hcpcs.placesOfService.at(on).check('1\u0661').ok).toBe(false);
  });

  it('detectCodeSystem and ICD-10-CM refuse dotless i and no-break spaces', () => {
    expect(detectCodeSystem('ı10')).toEqual([]);
    expect(icd10cm.at('2026-05-01').check('ı10').ok).toBe(false);
    // A no-break space is not white space to trim: the code is refused where it is.
    const nbsp = icd10cm.at('2026-05-01').check('E11.9\u00a0');
    expect(nbsp.ok).toBe(false);
    expect(nbsp.issues[0]).toMatchObject({ code: 'malformed_code', position: 5 });
  });

  it('a claim with procedure ſ9083 fails validation and every writer refuses it alike', () => {
    const c = { ...CLAIM, lines: [{ ...CLAIM.lines[0], procedure: 'ſ9083' }] };
    expect(validateClaim(c as never).ok).toBe(false);
    expect(toFhirClaim(c as unknown as Claim).ok).toBe(false);
    expect(toCms1500(c as unknown as Claim).ok).toBe(false);
    const x12 = toX12837P([c as unknown as Claim], {
      sender: { id: 'A' },
      receiver: { id: 'B' },
      submitter: { name: 'S', id: '1', contactName: 'J', phone: '5555550100' },
      receiverName: 'P',
      interchangeControlNumber: 1,
      createdAt: '2026-05-02T10:30',
      usage: 'T',
    });
    expect(x12.ok).toBe(false);
  });
});

describe('wrong-typed arguments give a MedcodeError naming the argument', () => {
  const proxy = new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error('boom');
      },
    },
  );

  it.each([
    [
      'cpt.withDescriptors(text, null)',
      () => cpt.withDescriptors('code,descriptor\n', null as never),
      'options',
    ],
    ['totalCharge(5)', () => totalCharge(5 as never), 'charges'],
    ['PtpTable.fromPack(null)', () => PtpTable.fromPack(null as never), 'source'],
    ['MueTable.fromPack(null)', () => MueTable.fromPack(null as never), 'source'],
    ['parseMueCsv(5)', () => parseMueCsv(5 as never), 'bytes'],
    ['selectPtpTable(5)', () => selectPtpTable(5 as never, 'practitioner', '2026-05-01'), 'tables'],
  ])('%s', (_name, f, argument) => {
    expect(medcodeErrorOf(f).issues[0]).toMatchObject({ code: 'invalid_option', path: [argument] });
  });

  it('importPtp(5) and importPtp([null]) reject with a MedcodeError', async () => {
    await expect(importPtp(5 as never)).rejects.toBeInstanceOf(MedcodeError);
    await expect(importPtp([null] as never)).rejects.toBeInstanceOf(MedcodeError);
  });

  it('validateClaims(5) fails at the first next() with a MedcodeError', async () => {
    await expect(validateClaims(5 as never).next()).rejects.toBeInstanceOf(MedcodeError);
  });

  it('build({ validate: () => null }) gives a result, not a TypeError', () => {
    const b = newClaim({ claimId: 'P', patient: { birthDate: '1950-01-01', sex: 'F' }, placeOfService: '11' })
      .diagnosis('I10')
      .line({
        procedure: '99213',
        units: 1,
        charge: '1.00',
        serviceDate: '2026-05-01',
        diagnoses: ['E11.9'],
      });
    expect(() => b.build({ validate: () => null } as never)).not.toThrow();
  });

  it('toNdc11 and toCents answer undefined for a Symbol or an object', () => {
    for (const bad of [Symbol('x'), {}, null]) {
      expect(toNdc11(bad as never)).toBeUndefined();
      expect(toCents(bad as never)).toBeUndefined();
    }
  });

  it('parseClaim, validateClaim and tryAt survive a Proxy whose getPrototypeOf throws', () => {
    expect(parseClaim(proxy).ok).toBe(false);
    expect(validateClaim(proxy as never).ok).toBe(false);
    expect(hcpcs.tryAt(proxy as never).ok).toBe(false);
    expect(icd10cm.tryAt(proxy as never).ok).toBe(false);
  });
});

describe('corrupt zips name the file', () => {
  it('importPtp on bytes that only start like a zip gives a SourceFormatError with the file name', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    const error = await importPtp([{ name: 'ccipra-v322r0-f1.zip', bytes }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as SourceFormatError).file).toBe('ccipra-v322r0-f1.zip');
  });

  it('a truncated real zip too', async () => {
    const zip = zipSync({ 'ccipra-v322r0-f1.txt': new TextEncoder().encode('x'.repeat(200)) });
    const error = await importPtp([{ name: 'ptp.zip', bytes: zip.subarray(0, zip.length - 30) }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SourceFormatError);
  });
  it('the ICD-10-PCS build on a truncated order zip names the order file', () => {
    const dir = 'codesets/sources/icd10pcs';
    const order = readFileSync(`${dir}/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip`);
    const names = {
      tables: 'icd10pcs_tables_2026.xml',
      definitions: 'icd10pcs_definitions_2026.xml',
      order: 'order-2026.zip',
    };
    const files = {
      tablesXml: new Uint8Array(),
      definitionsXml: readFileSync(`${dir}/icd10pcs_definitions_2026.xml`),
      orderZip: order.subarray(0, order.length >> 1),
      names,
    };
    const error = (() => {
      try {
        buildIcd10PcsPack(files, 'fy2026');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as SourceFormatError).file).toBe('order-2026.zip');
  });
});

describe('the CLI never prints control characters from its input', () => {
  it('an ESC sequence in a claimId or a code is escaped in the validate table', async () => {
    const c = { ...CLAIM, claimId: 'A\u001b[2JB', diagnoses: [{ code: 'I10\u001b[1m' }] };
    const r = await cli(['validate', '-'], JSON.stringify(c));
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('A\\u001b[2JB');
  });

  it('and in lookup errors', async () => {
    const r = await cli(['lookup', 'E11\u001b[31m.9']);
    expect(r.out + r.err).not.toContain('\u001b');
  });

  it('--cpt-descriptors on a file that is not a descriptor table exits 2 with a clear message', async () => {
    const r = await cli(['lookup', '99213', '--cpt-descriptors', 'codesets/hcpcs/2026-jan/manifest.json']);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('internal error');
  });

  it('--limit -1 says how to pass a value that starts with a dash', async () => {
    const r = await cli(['search', 'diabetes', '--limit', '-1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--limit=<value>');
    expect((await cli(['search', 'diabetes', '--limit=-1'])).err).toContain('from 1 to 1000');
  });
});

describe('smaller contradictions', () => {
  it('toIsoDate and parseClaim agree on 0000-02-29 (year 0 is a leap year)', () => {
    expect(toIsoDate('0000-02-29')).toBe('0000-02-29');
    expect(toIsoDate('1900-02-29')).toBeUndefined();
    expect(parseClaim({ ...CLAIM, patient: { birthDate: '0000-02-29', sex: 'F' } }).ok).toBe(true);
    expect(parseClaim({ ...CLAIM, patient: { birthDate: '1900-02-29', sex: 'F' } }).ok).toBe(false);
  });

  it('HCPCS check and get agree on Q4436 (added between the editions held)', () => {
    const set = hcpcs.at('2026-05-01');
    expect(set.check('Q4436').ok).toBe(true);
    expect(set.get('Q4436')?.code).toBe('Q4436');
    expect(hcpcs.at('2026-03-01').get('Q4436')).toBeUndefined(); // not yet added on that date
  });

  it('ICD-10-PCS search results are sorted by score', () => {
    for (const q of ['x', 'q', 'excision stomach', 'bypass']) {
      const hits = icd10pcs.at('2026-05-01').search(q);
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    }
  });

  it('ICD-10-PCS reads a one-letter query term as a whole word, so 128 single letters stay cheap', () => {
    const pcs = icd10pcs.at('2026-05-01');
    const letters = Array.from({ length: 128 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join(' ');
    expect(pcs.search(letters)).toEqual([]);
    expect(pcs.search('excision stomach').length).toBeGreaterThan(0);
  });
});

describe('the builder takes validateClaim as documented', () => {
  it("build({ validate: (c) => validateClaim(c) }) reads the result's issues", () => {
    const b = newClaim({ claimId: 'P', patient: { birthDate: '1950-01-01', sex: 'F' }, placeOfService: '11' })
      .diagnosis('E11.9')
      .line({
        procedure: 'ſ9083',
        units: 1,
        charge: '1.00',
        serviceDate: '2026-05-01',
        diagnoses: ['E11.9'],
      });
    const r = b.build({ validate: (c) => validateClaim(c) });
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => i.path.join('.') === 'lines.0.procedure')).toBe(true);
    expect(b.build({ validate: () => null } as never).issues[0]).toMatchObject({ code: 'invalid_option' });
  });
});

describe('importCodeSets names a wrong-typed argument (found by the fuzz suite, 2026-12-05)', () => {
  /** The rejection of a call, or undefined when it resolved. */
  async function rejection(call: () => Promise<unknown>): Promise<unknown> {
    try {
      await call();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it.each([
    ['files', null, undefined, 'importCodeSets(files)'],
    ['files', 5, undefined, 'importCodeSets(files)'],
    ['a file item: null (was "Cannot read properties of null")', [null], undefined, 'importCodeSets(files)'],
    [
      'a file item without bytes (was "reading \'byteLength\'")',
      [{ name: 'a.csv' }],
      undefined,
      'importCodeSets(files)',
    ],
    ['options', [], null, 'importCodeSets(options)'],
    [
      'options.onProgress not a function (was "progress is not a function")',
      [],
      { onProgress: [] },
      'importCodeSets(options.onProgress)',
    ],
    ['options.maxBytes', [], { maxBytes: Number.NaN }, 'importCodeSets(options.maxBytes)'],
  ])('%s', async (_what, files, options, option) => {
    const error = await rejection(() => importCodeSets(files as never, options as never));
    expect(error).toBeInstanceOf(MedcodeError);
    expect((error as MedcodeError).issues[0]).toMatchObject({ code: 'invalid_option', option });
  });

  it('garbage under an official name is a failed result naming the file, not a throw', async () => {
    const r = await importCodeSets([
      { name: 'AOC_V2026Q2-MCR.xlsx', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]) },
    ]);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'import_failed', file: 'AOC_V2026Q2-MCR.xlsx' });
  });
});

describe('HCC scoring with options that are not an object (found by the fuzz suite, 2026-12-05)', () => {
  it('score(beneficiary, null) fails with invalid_option naming the argument (was a TypeError reading explainAllSegments)', () => {
    const model = hcc.at(2026);
    for (const options of [null, 5, 'x']) {
      const r = model.score({ sex: 'F', age: 70, diagnoses: ['E1122'] }, options as never);
      expect(r.ok).toBe(false);
      expect(r.issues[0]).toMatchObject({ code: 'invalid_option', option: 'HccModel.score(options)' });
    }
    expect(model.score({ sex: 'F', age: 70, diagnoses: ['E1122'] }, {}).ok).toBe(true);
  });
});

describe('HCC scoring of a beneficiary read from JSON (found by the million-input run, 2026-12-05)', () => {
  it('a dateOfBirth that is an object with a non-function toString fails with invalid_option, not a TypeError', () => {
    const model = hcc.at(2026);
    const r = model.score({ sex: 'M', dateOfBirth: { toString: true }, diagnoses: ['E119'] } as never);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'invalid_option', option: 'dateOfBirth' });
  });
});
