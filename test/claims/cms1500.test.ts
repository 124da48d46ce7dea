import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { toCms1500 } from '../../src/claims/cms1500';
import type { Cms1500Form, Cms1500Options } from '../../src/claims/cms1500';
import { formatMoney, parseMoney, totalCharge } from '../../src/claims/money';
import { claimArb } from './arbitraries';
import { parseClaim } from '../../src/claims/parse';
import type { Claim } from '../../src/claims/schema';
import { propertyRuns } from '../property-runs';

const load = (name: string): Claim => {
  const r = parseClaim(readFileSync(`examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error('fixture');
  return r.value;
};

/** The filled form; fails the test when the writer refuses the claim. */
const formOf = (claim: Claim, options?: Cms1500Options): Cms1500Form => {
  const r = toCms1500(claim, options);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
};

describe('toCms1500', () => {
  it('fills items 21 (indicator 0, codes without the period) and 24A–J for each line', () => {
    const form = formOf(load('fracture-missing-7th-character'));
    expect(form.pages).toHaveLength(1);
    const f = form.pages[0]!.fields;
    expect(f['21.indicator']).toBe('0');
    expect(f['21.A']).toBe('S72001');
    expect(f['21.B']).toBe('W19XXXA');
    expect(f['21.C']).toBeUndefined();
    expect(f['24A.1.from']).toBe('07 19 26');
    expect(f['24B.1']).toBe('23');
    expect(f['24D.1.procedure']).toBe('99285');
    expect(f['24D.2.modifier1']).toBe('26');
    expect(f['24D.2.modifier2']).toBe('RT');
    expect(f['24E.1']).toBe('AB');
    expect(f['24E.2']).toBe('A');
    expect(f['24F.1']).toBe('480.00');
    expect(f['24G.1']).toBe('1');
    expect(f['24J.1']).toBe('1888000068');
    expect(f['28']).toBe('545.00');
    expect(f['33a']).toBe('1888000035');
    expect(f['3.birthDate']).toBe('11 03 1948');
    expect(form.totalCharge).toBe('545.00');
  });

  it('prints 24F with two decimals, as item 28, whatever the decimals of the charge', () => {
    const base = load('clean-office-visit');
    const r = parseClaim({
      ...base,
      lines: [
        { ...base.lines[0]!, charge: '165' },
        { ...base.lines[1]!, charge: '12.5' },
      ],
    });
    if (!r.ok) throw new Error('fixture');
    const f = formOf(r.value).pages[0]!.fields;
    expect([f['24F.1'], f['24F.2'], f['28']]).toEqual(['165.00', '12.50', '177.50']);
  });

  it('prints only the primary pointer with the Medicare option', () => {
    const form = formOf(load('clean-office-visit'), { pointersPerLine: 1 });
    expect(form.pages[0]!.fields['24E.1']).toBe('A');
    expect(formOf(load('clean-office-visit')).pages[0]!.fields['24E.1']).toBe('AB');
  });

  it('refuses a pointersPerLine other than 1 or 4, and a key that is no option, with invalid_option', () => {
    const claim = load('clean-office-visit');
    expect(formOf(claim, { pointersPerLine: 4 }).pages[0]!.fields['24E.1']).toBe('AB');
    for (const [options, option] of [
      [{ pointersPerLine: '1' }, 'pointersPerLine'],
      [{ pointersPerLine: 2 }, 'pointersPerLine'],
      [{ pointersPerLine: null }, 'pointersPerLine'],
      [{ pointerPerLine: 1 }, 'pointerPerLine'],
    ] as const) {
      const r = toCms1500(claim, options as unknown as Cms1500Options);
      expect(r.ok).toBe(false);
      expect(r.issues).toEqual([expect.objectContaining({ code: 'invalid_option', option, path: [option] })]);
    }
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys');
        },
      },
    );
    expect(toCms1500(claim, hostile).issues.map((i) => i.code)).toEqual(['invalid_option']);
  });

  it('splits pages at 6 lines with exact page and claim totals', () => {
    const base = load('clean-office-visit');
    const lines = Array.from({ length: 13 }, (_, i) => ({
      ...base.lines[0]!,
      charge: `0.${String(i + 1).padStart(2, '0')}`,
      diagnosisPointers: [(i % 2) + 1],
    }));
    const r = parseClaim({ ...base, lines });
    if (!r.ok) throw new Error('fixture');
    const form = formOf(r.value);
    expect(form.pages.map((p) => [p.page, p.pageCount, p.fields['28']])).toEqual([
      [1, 3, '0.21'],
      [2, 3, '0.57'],
      [3, 3, '0.13'],
    ]);
    expect(form.totalCharge).toBe('0.91');
    expect(form.pages[2]!.fields['24F.1']).toBe('0.13');
    expect(form.pages[2]!.fields['24F.2']).toBeUndefined();
    expect(form.pages[1]!.fields['21.indicator']).toBe('0');
  });

  it('letters pointers A–L, and refuses a claim with a pointer to a missing diagnosis', () => {
    const base = load('clean-office-visit');
    const diagnoses = [
      'E11.9',
      'I10',
      'E78.5',
      'J06.9',
      'M17.11',
      'R51.9',
      'Z00.00',
      'L82.1',
      'M54.50',
      'K21.9',
      'F41.1',
      'E66.9',
    ].map((code) => ({ code }));
    const good = parseClaim({
      ...base,
      diagnoses,
      lines: [
        { ...base.lines[0]!, diagnosisPointers: [12, 11, 1, 10] },
        { ...base.lines[1]!, diagnosisPointers: [2] },
      ],
    });
    if (!good.ok) throw new Error('fixture');
    const form = formOf(good.value);
    expect(form.pages[0]!.fields['24E.1']).toBe('LKAJ');
    expect(form.pages[0]!.fields['21.L']).toBe('E669');
    const r = parseClaim({
      ...base,
      diagnoses,
      lines: [
        { ...base.lines[0]!, diagnosisPointers: [12, 11, 1, 10] },
        { ...base.lines[1]!, diagnosisPointers: [13] },
      ],
    });
    if (!r.ok) throw new Error('fixture');
    const refused = toCms1500(r.value);
    expect(refused.ok ? [] : refused.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'lines.1.diagnosisPointers.0'],
    ]);
  });

  it('prints the NDC with its unit qualifier and quantity in the shaded 24A area, and item 22 with the original reference', () => {
    const base = load('clean-office-visit');
    const r = parseClaim({
      ...base,
      frequencyCode: '7',
      payerClaimControlNumber: '2226123456789',
      lines: [{ ...base.lines[0]!, ndc: '00409-3793-01', units: 2 }],
    });
    if (!r.ok) throw new Error('fixture');
    const f = formOf(r.value).pages[0]!.fields;
    // NUCC 02/12 item 24A shaded: N4, the 11-digit NDC, the unit qualifier, the quantity.
    expect(f['24A.1.shaded']).toBe('N400409379301 UN2');
    expect(f['22.resubmissionCode']).toBe('7');
    expect(f['22.originalReference']).toBe('2226123456789');
  });

  it('refuses a replacement or void without the original reference (item 22)', () => {
    const base = load('clean-office-visit');
    const r = parseClaim({ ...base, frequencyCode: '8' });
    if (!r.ok) throw new Error('fixture');
    const written = toCms1500(r.value);
    expect(written.ok).toBe(false);
    expect(written.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual([
      'claim_invalid payerClaimControlNumber',
    ]);
  });

  it('fills items 1, 4, 6, 7, 10a–c, 11, 11a, 11c, 12, 13, 18, 27 and 31 (golden cms1500-boxes.json)', async () => {
    const base = load('clean-office-visit');
    const commercial = parseClaim({
      ...base,
      payer: { name: 'ACME HEALTH', id: '60054', claimFilingIndicator: 'CI' },
      subscriber: { ...base.subscriber!, groupNumber: 'GRP-7788' },
      admissionDate: '2026-04-01',
      dischargeDate: '2026-04-03',
    });
    const medicare = parseClaim({
      ...base,
      payer: { name: 'MEDICARE PART B', id: '00952', claimFilingIndicator: 'MB' },
    });
    if (!commercial.ok || !medicare.ok) throw new Error('fixture');
    const boxes = [
      '1',
      '4',
      '6',
      '7.street',
      '7.city',
      '7.state',
      '7.zip',
      '10a',
      '10b',
      '10c',
      '11',
      '11a.birthDate',
      '11a.sex',
      '11c',
      '12',
      '13',
      '18.from',
      '18.to',
      '27',
      '31',
    ];
    const pick = (c: typeof commercial.value) => {
      const f = formOf(c).pages[0]!.fields;
      return Object.fromEntries(boxes.map((b) => [b, f[b] ?? '']));
    };
    const got = { commercial: pick(commercial.value), medicare: pick(medicare.value) };
    // Medicare primary: 4 and 7 blank together, 11 NONE (Pub. 100-04 chapter 26 items 4, 7, 11).
    expect(got.medicare['4']).toBe('');
    expect(got.medicare['7.street']).toBe('');
    expect(got.medicare['11']).toBe('NONE');
    // With NONE in 11, items 11a–11d are blank; item 6 is completed only with item 4 (Pub. 100-04
    // chapter 26 items 11 and 6).
    expect([
      got.medicare['6'],
      got.medicare['11a.birthDate'],
      got.medicare['11a.sex'],
      got.medicare['11c'],
    ]).toEqual(['', '', '', '']);
    expect(got.commercial['6']).toBe('Self');
    expect(got.commercial['11c']).toBe('ACME HEALTH');
    expect(got.medicare['1']).toBe('MEDICARE');
    // Otherwise 4 is filled, and 7 with it (NUCC 02/12 item 7).
    expect(got.commercial['4']).not.toBe('');
    expect(got.commercial['7.street']).not.toBe('');
    await expect(`${JSON.stringify(got, null, 2)}\n`).toMatchFileSnapshot(
      '../fixtures/claims/cms1500-boxes.json',
    );
  });
});

describe('the patient is the insured (relationship 18)', () => {
  // One person: the name and address may be given on the subscriber only, and the birth date and
  // sex on the patient only (NUCC 02/12 items 2, 5, 11a; 837P 2010BA carries the one person).
  const base = load('clean-office-visit');
  const { firstName: _first, lastName: _last, address: _address, ...patient } = base.patient;
  const { birthDate: _birth, sex: _sex, ...subscriber } = base.subscriber!;
  const onSubscriber = {
    ...base,
    patient,
    subscriber: {
      ...subscriber,
      address: { line1: '12 Oak Lane', city: 'Springfield', state: 'IL', postalCode: '62704' },
    },
  };
  const fieldsOf = (input: unknown) => {
    const r = parseClaim(input);
    if (!r.ok) throw new Error('fixture');
    const f = formOf(r.value).pages[0]!.fields;
    return Object.fromEntries(
      ['2', '3.birthDate', '5.street', '5.city', '5.state', '5.zip', '11a.birthDate', '11a.sex'].map((k) => [
        k,
        f[k] ?? '',
      ]),
    );
  };

  it('prints items 2 and 5 from the subscriber when the patient has no name or address (Medicare)', () => {
    expect(fieldsOf(onSubscriber)).toEqual({
      '2': 'Alvarez, Ruth',
      '3.birthDate': '04 02 1961',
      '5.street': '12 Oak Lane',
      '5.city': 'Springfield',
      '5.state': 'IL',
      '5.zip': '62704',
      // Medicare primary: 11a stays blank after NONE in item 11 (Pub. 100-04 chapter 26 item 11).
      '11a.birthDate': '',
      '11a.sex': '',
    });
  });

  it("prints item 11a from the patient's birth date and sex when the subscriber has none (commercial)", () => {
    const commercial = {
      ...onSubscriber,
      payer: { name: 'ACME HEALTH', id: '60054', claimFilingIndicator: 'CI' },
    };
    expect(fieldsOf(commercial)).toMatchObject({
      '2': 'Alvarez, Ruth',
      '11a.birthDate': '04 02 1961',
      '11a.sex': 'F',
    });
  });

  it("never prints the subscriber's name, address or birth date as a dependent patient's", () => {
    const child = {
      ...onSubscriber,
      payer: { name: 'ACME HEALTH', id: '60054', claimFilingIndicator: 'CI' },
      subscriber: { ...onSubscriber.subscriber, relationship: '19' },
    };
    expect(fieldsOf(child)).toMatchObject({ '2': '', '5.street': '', '11a.birthDate': '', '11a.sex': '' });
  });
});

describe('toCms1500 on generated claims', () => {
  it('pages, totals and pointer letters agree with the claim (property)', () => {
    fc.assert(
      fc.property(claimArb, (input) => {
        const r = parseClaim(input);
        if (!r.ok) throw new Error('generated claim does not parse');
        const claim = r.value;
        const written = toCms1500(claim);
        expect(written.ok && written.issues).toEqual([]);
        const form = formOf(claim);
        expect(form.pages).toHaveLength(Math.ceil(claim.lines.length / 6));
        expect(form.totalCharge).toBe(totalCharge(claim.lines.map((l) => l.charge)));
        expect(totalCharge(form.pages.map((p) => p.fields['28']!))).toBe(form.totalCharge);
        claim.lines.forEach((line, i) => {
          const fields = form.pages[Math.floor(i / 6)]!.fields;
          const row = (i % 6) + 1;
          const letters = fields[`24E.${row}`] ?? '';
          expect([...letters].map((l) => l.charCodeAt(0) - 64)).toEqual(line.diagnosisPointers ?? []);
          expect(fields[`24F.${row}`]).toBe(formatMoney(parseMoney(line.charge)!));
        });
        claim.diagnoses.forEach((d, i) => {
          expect(form.pages[0]!.fields[`21.${'ABCDEFGHIJKL'[i]}`]).toBe(d.code.replace('.', ''));
        });
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
