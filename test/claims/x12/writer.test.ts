import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X12Parser } from 'node-x12';
import { toX12837P } from '../../../src/claims/x12';
import { writeX12837P } from '../../../src/claims/x12/writer';
import type { Claim } from '../../../src/claims/schema';
import type { X12Envelope } from '../../../src/claims/x12';
import { ENVELOPE, GOLDEN, DEPENDENT, OFFICE_VISIT, DRUG_AND_ANESTHESIA } from './samples';
import { readX12 } from './read-all';

const FIXTURES = join(import.meta.dirname, '../../fixtures/x12');

interface NxSegment {
  tag: string;
  elements: { value: string }[];
}
interface NxInterchange {
  elementDelimiter: string;
  segmentTerminator: string;
  header: NxSegment;
  trailer: NxSegment;
  functionalGroups: {
    header: NxSegment;
    trailer: NxSegment;
    transactions: { header: NxSegment; trailer: NxSegment; segments: NxSegment[] }[];
  }[];
}

/** Parses with node-x12 (an independent X12 parser, strict mode) and returns its tree. */
function independent(x12: string): NxInterchange {
  return new X12Parser(true).parse(x12) as unknown as NxInterchange;
}
const el = (s: NxSegment, n: number) => s.elements[n - 1]?.value ?? '';
const cents = (v: string) => {
  const [w = '0', f = ''] = v.split('.');
  return Number(w) * 100 + Number(f.padEnd(2, '0'));
};

function write(claims: readonly Claim[], extra: Partial<typeof ENVELOPE> = {}): string {
  const r = toX12837P(claims, { ...ENVELOPE, ...extra });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

describe('toX12837P checked by node-x12', () => {
  const claims = [OFFICE_VISIT, DEPENDENT, DRUG_AND_ANESTHESIA];
  const x12 = write(claims);
  const ic = independent(x12);

  it('writes matching ISA/IEA, GS/GE and ST/SE control numbers and counts', () => {
    // ISA is fixed-width: ISA13 is 9 digits zero-padded, echoed by IEA02.
    expect(x12.split('*')[13]).toBe('000000101');
    expect(x12.slice(0, 106).split('*')).toHaveLength(17);
    expect(Number(el(ic.header, 13))).toBe(101);
    expect(x12.trimEnd().endsWith('IEA*1*000000101~')).toBe(true);
    expect(el(ic.trailer, 1)).toBe('1');
    expect(ic.functionalGroups).toHaveLength(1);
    const g = ic.functionalGroups[0]!;
    expect(el(g.header, 1)).toBe('HC');
    expect(el(g.header, 8)).toBe('005010X222A1');
    expect(el(g.trailer, 2)).toBe(el(g.header, 6));
    expect(el(g.trailer, 1)).toBe(String(g.transactions.length));
    for (const tx of g.transactions) {
      expect(el(tx.header, 1)).toBe('837');
      expect(el(tx.header, 3)).toBe('005010X222A1');
      expect(el(tx.trailer, 2)).toBe(el(tx.header, 2));
      // SE01 = segments from ST to SE inclusive (node-x12 keeps ST and SE apart from the body).
      expect(Number(el(tx.trailer, 1))).toBe(tx.segments.length + 2);
    }
  });

  it('passes node-x12 strict checks, which do catch a wrong SE01, GE02 or IEA02', () => {
    // Strict mode validates SE01, GE01/GE02 and IEA02 against the content: the check has teeth.
    expect(() => independent(x12.replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) - 1}*`))).toThrow(
      /SE01/,
    );
    expect(() => independent(x12.replace('GE*1*101', 'GE*1*102'))).toThrow(/GE02/);
    expect(() => independent(x12.replace('IEA*1*000000101', 'IEA*1*000000102'))).toThrow(/IEA02/);
  });

  it('numbers HL segments 1…n with parents and child flags that match the hierarchy', () => {
    const segs = ic.functionalGroups[0]!.transactions[0]!.segments;
    const hls = segs.filter((s) => s.tag === 'HL');
    const levelOf = new Map<string, string>();
    hls.forEach((hl, i) => {
      expect(el(hl, 1)).toBe(String(i + 1));
      const level = el(hl, 3);
      const parent = el(hl, 2);
      if (level === '20') expect(parent).toBe('');
      if (level === '22') expect(levelOf.get(parent)).toBe('20');
      if (level === '23') expect(levelOf.get(parent)).toBe('22');
      levelOf.set(el(hl, 1), level);
      const next = hls[i + 1];
      const hasChild = next !== undefined && el(next, 2) === el(hl, 1);
      expect(el(hl, 4)).toBe(hasChild ? '1' : '0');
    });
    expect(hls.map((h) => el(h, 3))).toEqual(['20', '22', '20', '22', '23', '20', '22']);
  });

  it('writes CLM02 as the exact sum of SV102, HI as ABK then ABF undotted, and SV107 pointers into HI', () => {
    const segs = ic.functionalGroups[0]!.transactions[0]!.segments;
    const byClaim: NxSegment[][] = [];
    for (const s of segs) {
      if (s.tag === 'CLM') byClaim.push([s]);
      else if (s.tag === 'HL') byClaim.push([]);
      else byClaim[byClaim.length - 1]?.push(s);
    }
    const claimsSegs = byClaim.filter((c) => c[0]?.tag === 'CLM');
    expect(claimsSegs).toHaveLength(3);
    claimsSegs.forEach((c, k) => {
      const clm = c[0]!;
      const sv1 = c.filter((s) => s.tag === 'SV1');
      expect(sv1).toHaveLength(claims[k]!.lines.length);
      expect(cents(el(clm, 2))).toBe(sv1.reduce((sum, s) => sum + cents(el(s, 2)), 0));
      expect(el(clm, 1)).toBe(claims[k]!.claimId);
      expect(el(clm, 5).split(':')).toEqual([claims[k]!.placeOfService, 'B', claims[k]!.frequencyCode]);
      const hi = c.filter((s) => s.tag === 'HI');
      expect(hi).toHaveLength(1);
      const comps = hi[0]!.elements.map((e) => e.value.split(':'));
      expect(comps.map((x) => x[0])).toEqual(comps.map((_, i) => (i === 0 ? 'ABK' : 'ABF')));
      expect(comps.map((x) => x[1])).toEqual(claims[k]!.diagnoses.map((d) => d.code.replace('.', '')));
      sv1.forEach((s, j) => {
        expect(el(s, 1).split(':')).toEqual([
          'HC',
          claims[k]!.lines[j]!.procedure,
          ...(claims[k]!.lines[j]!.modifiers ?? []),
        ]);
        expect(el(s, 7).split(':').map(Number)).toEqual(claims[k]!.lines[j]!.diagnosisPointers);
        for (const p of el(s, 7).split(':')) expect(Number(p)).toBeLessThanOrEqual(comps.length);
      });
      expect(c.filter((s) => s.tag === 'DTP' && el(s, 1) === '472')).toHaveLength(sv1.length);
    });
  });

  it('writes the 2010 names with their qualifiers and 2000C only when the patient is not the subscriber', () => {
    const segs = ic.functionalGroups[0]!.transactions[0]!.segments;
    const nm1 = segs.filter((s) => s.tag === 'NM1').map((s) => `${el(s, 1)}:${el(s, 8)}`);
    expect(nm1.filter((x) => x === '85:XX')).toHaveLength(3);
    expect(nm1.filter((x) => x === 'IL:MI')).toHaveLength(3);
    expect(nm1.filter((x) => x === 'PR:PI')).toHaveLength(3);
    expect(nm1.filter((x) => x.startsWith('QC:'))).toHaveLength(1);
    expect(segs.filter((s) => s.tag === 'SBR').map((s) => el(s, 2))).toEqual(['18', '', '18']);
    expect(segs.filter((s) => s.tag === 'PAT').map((s) => el(s, 1))).toEqual(['19']);
    const lin = segs.find((s) => s.tag === 'LIN')!;
    expect([el(lin, 2), el(lin, 3)]).toEqual(['N4', '63020005201']);
  });

  it('splits transaction sets at maxClaimsPerTransaction and keeps GE01 and the ST02s right', () => {
    const out = write(claims, { maxClaimsPerTransaction: 2 });
    const g = independent(out).functionalGroups[0]!;
    expect(g.transactions.map((t) => el(t.header, 2))).toEqual(['0001', '0002']);
    expect(el(g.trailer, 1)).toBe('2');
    for (const t of g.transactions) expect(Number(el(t.trailer, 1))).toBe(t.segments.length + 2);
    expect(readX12(out).claims).toEqual(claims);
  });

  it('honours configurable separators (node-x12 and medcode both read them back)', () => {
    const separators = { element: '|', component: '>', repetition: '!', segment: "'" };
    const out = write(claims, { separators });
    expect(out.startsWith('ISA|00|')).toBe(true);
    expect(out.slice(0, 106).endsWith(">'")).toBe(true);
    expect(out).not.toContain('*');
    const ic2 = independent(out);
    expect(ic2.elementDelimiter).toBe('|');
    expect(ic2.segmentTerminator).toBe("'");
    const r = readX12(out);
    expect(r.issues).toEqual([]);
    expect(r.claims).toEqual(claims);
  });

  it('is deterministic', () => {
    expect(write(claims)).toBe(x12);
  });
});

describe('golden files (hand-checked)', () => {
  for (const [name, claim] of Object.entries(GOLDEN)) {
    it(`${name}.837 is what the writer produces and reads back as the claim`, () => {
      const golden = readFileSync(join(FIXTURES, `${name}.837`), 'utf8');
      expect(write([claim], { lineBreaks: true })).toBe(golden);
      const r = readX12(golden);
      expect(r.ok).toBe(true);
      expect(r.claims).toEqual([claim]);
    });
  }
});

describe('toX12837P refuses what the 837P cannot carry, and writes nothing partial', () => {
  const codes = (r: ReturnType<typeof toX12837P>) =>
    r.issues.map((i) => `${i.code}:${'reason' in i ? i.reason : ''}:${i.path.join('.')}`);

  it('reports missing billing provider, subscriber and payer', () => {
    const { billingProvider: _b, ...noProvider } = OFFICE_VISIT;
    const r = toX12837P([noProvider as Claim], ENVELOPE);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['x12_unwritable:missing:claims.0.billingProvider']);
  });

  it('refuses a 13th diagnosis, a 5th pointer, a pointer past the diagnoses and a 51st line', () => {
    const dx = Array.from({ length: 13 }, (_, i) => ({ code: `A0${(i % 9) + 1}.0` }));
    const line = OFFICE_VISIT.lines[0]!;
    const claim: Claim = {
      ...OFFICE_VISIT,
      diagnoses: dx,
      lines: [
        { ...line, diagnosisPointers: [1, 2, 3, 4, 5] },
        { ...line, diagnosisPointers: [13] },
      ],
    };
    const r = toX12837P([claim], ENVELOPE);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual([
      // The shared output check's issues, the same as the FHIR and CMS-1500 writers give.
      'claim_limit_exceeded::claims.0.diagnoses.12',
      'claim_limit_exceeded::claims.0.lines.0.diagnosisPointers',
      'claim_invalid::claims.0.lines.1.diagnosisPointers.0',
    ]);
    const many: Claim = { ...OFFICE_VISIT, lines: Array.from({ length: 51 }, () => line) };
    expect(codes(toX12837P([many], ENVELOPE))).toEqual(['claim_limit_exceeded::claims.0.lines.50']);
  });

  it('accepts the limits themselves: 12 diagnoses, 50 lines, 4 modifiers, 4 pointers', () => {
    const dx = Array.from({ length: 12 }, (_, i) => ({ code: `A${String(i + 10)}.1` }));
    const line = {
      ...OFFICE_VISIT.lines[0]!,
      modifiers: ['25', '59', 'XU', 'GT'],
      diagnosisPointers: [9, 10, 11, 12],
    };
    const claim: Claim = { ...OFFICE_VISIT, diagnoses: dx, lines: Array.from({ length: 50 }, () => line) };
    const r = toX12837P([claim], ENVELOPE);
    expect(r.issues).toEqual([]);
    const back = readX12(r.ok ? r.value : '');
    expect(back.claims).toEqual([claim]);
  });

  it('refuses values holding a separator instead of corrupting the interchange', () => {
    const r = toX12837P([{ ...OFFICE_VISIT, claimId: 'PCN*1~' }], ENVELOPE);
    expect(codes(r)).toEqual(['x12_unwritable:separator_in_value:claims.0.claimId']);
  });

  it('refuses a value that transliteration turns into a delimiter, in both lanes', () => {
    // NFD(≠ ≮ ≯) = '=' '<' '>' + U+0338, NFD(U+037E) = ';', NFD(U+1FEF) = '`': folded, each is a
    // delimiter of these separators, and would split NM103.
    for (const [char, separators] of [
      ['\u2260', { element: '=' }],
      ['\u226e', { component: '<' }],
      ['\u226f', { component: '>' }],
      ['\u037e', { repetition: ';' }],
      ['\u1fef', { segment: '`' }],
    ] as const) {
      const envelope = { ...ENVELOPE, separators, transliterate: true };
      const claim: Claim = {
        ...OFFICE_VISIT,
        payer: { ...OFFICE_VISIT.payer!, name: `ACME ${char} HEALTH` },
      };
      const r = writeX12837P([claim], envelope, true);
      expect(r, char).toEqual(writeX12837P([claim], envelope, false));
      expect(codes(r), char).toEqual(['x12_unwritable:separator_in_value:claims.0.payer.name']);
      expect(r.ok).toBe(false);
    }
    // The same characters under separators they do not fold into are written transliterated.
    const r = toX12837P(
      [{ ...OFFICE_VISIT, payer: { ...OFFICE_VISIT.payer!, name: 'ACME \u226f HEALTH' } }],
      {
        ...ENVELOPE,
        transliterate: true,
      },
    );
    expect(r.ok && r.value).toContain('NM1*PR*2*ACME > HEALTH*');
  });

  it('warns that POA and a rendering tax id are dropped, and still writes', () => {
    const r = toX12837P(
      [
        {
          ...OFFICE_VISIT,
          diagnoses: [{ code: 'E11.9', poa: 'Y' }],
          lines: [{ ...OFFICE_VISIT.lines[0]!, diagnosisPointers: [1] }],
          renderingProvider: { ...OFFICE_VISIT.renderingProvider!, taxId: '987654321' },
        },
      ],
      ENVELOPE,
    );
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => i.severity)).toEqual(['warning', 'warning']);
  });

  it('checks the envelope and the separators', () => {
    const r = toX12837P([OFFICE_VISIT], {
      ...ENVELOPE,
      interchangeControlNumber: 0,
      separators: { element: 'A' },
    });
    expect(codes(r)).toEqual([
      'invalid_option::envelope.separators',
      'invalid_option::envelope.interchangeControlNumber',
    ]);
    expect(toX12837P([OFFICE_VISIT], null as never).ok).toBe(false);
  });

  it('writes the submitter telephone as AAABBBCCCC, and refuses one that is not a North American number', () => {
    const per = (phone: string): string | undefined => {
      const r = toX12837P([OFFICE_VISIT], { ...ENVELOPE, submitter: { ...ENVELOPE.submitter, phone } });
      return r.ok ? r.value.split('~').find((s) => s.startsWith('PER*')) : undefined;
    };
    // 005010X222A1 1000A PER04: area code, exchange, line number; no punctuation, no leading 1.
    expect(per('5342242525')).toBe('PER*IC*JANE DOE*TE*5342242525');
    expect(per('(534) 224-2525')).toBe('PER*IC*JANE DOE*TE*5342242525');
    expect(per('+1 534.224.2525')).toBe('PER*IC*JANE DOE*TE*5342242525');
    expect(per('1-534-224-2525 ext. 12')).toBe('PER*IC*JANE DOE*TE*534224252512');
    expect(per('534-224-2525x7')).toBe('PER*IC*JANE DOE*TE*53422425257');
    for (const phone of [
      '224-2525',
      '888240HELP',
      '+44 20 7946 0958',
      '134-224-2525',
      '534-124-2525',
      '5342242525 5',
    ]) {
      const r = toX12837P([OFFICE_VISIT], { ...ENVELOPE, submitter: { ...ENVELOPE.submitter, phone } });
      expect(codes(r), phone).toEqual(['invalid_option::envelope.submitter.phone']);
      expect(r.issues[0]!.message, phone).toMatch(/AAABBBCCCC/);
    }
  });

  it('refuses separators that occur in its own values, are not printable ASCII, or are not an object', () => {
    // '.' is in R amounts (SV102 95.5) and '-' in RD8 spans: the reader could not read them back.
    for (const separators of [
      { element: '.' },
      { component: '.' },
      { segment: '.' },
      { repetition: '.' },
      { element: '-' },
      { segment: '-' },
      { element: '§' },
      { segment: '\u00a7' },
      { component: '\uD800' },
      { segment: '\u2028' },
      { segment: '\t' },
      { repetition: ' ' },
      '|',
      null,
      ['|', '>', '!', '~'],
      // A misspelt delimiter would be dropped for the default.
      { terminator: '!' },
      { element: '|', elements: '!' },
    ]) {
      const r = toX12837P([OFFICE_VISIT], { ...ENVELOPE, separators: separators as never });
      expect(codes(r), JSON.stringify(separators)).toEqual(['invalid_option::envelope.separators']);
      // The same envelope a second time, through the kept-envelope lane: refused alike.
      const again = toX12837P([OFFICE_VISIT], { ...ENVELOPE, separators: separators as never });
      expect(codes(again), JSON.stringify(separators)).toEqual(['invalid_option::envelope.separators']);
    }
    // Every other printable ASCII punctuation character is accepted, and read back.
    for (const c of '!"#$%&\'()+,/;<=>?@[\\]_`{|}') {
      const r = toX12837P([OFFICE_VISIT], { ...ENVELOPE, separators: { element: c } });
      expect(r.ok, c).toBe(true);
      expect(readX12(r.ok ? r.value : '').claims, c).toEqual([OFFICE_VISIT]);
    }
  });

  it('refuses empty or all-space values in required elements, in both lanes, and omits them in situational ones', () => {
    const both = (claim: Claim) => {
      const lane = writeX12837P([claim], ENVELOPE, true);
      expect(lane).toEqual(writeX12837P([claim], ENVELOPE, false));
      return lane;
    };
    const bp = OFFICE_VISIT.billingProvider!;
    for (const blank of ['', ' ', '   ']) {
      // N301 AN 1/55, N401 AN 2/30, N402 ID 2, N403 ID 3/15: required in 2010AA and 2010BA.
      const addresses: Claim = {
        ...OFFICE_VISIT,
        billingProvider: { ...bp, address: { ...bp.address!, line1: blank, city: blank } },
        patient: {
          ...OFFICE_VISIT.patient,
          address: { line1: blank, city: blank, state: blank, postalCode: blank },
        },
      };
      expect(codes(both(addresses)), JSON.stringify(blank)).toEqual([
        'x12_unwritable:missing:claims.0.billingProvider.address.line1',
        'x12_unwritable:missing:claims.0.billingProvider.address.city',
        'x12_unwritable:missing:claims.0.patient.address.line1',
        'x12_unwritable:missing:claims.0.patient.address.city',
        'x12_unwritable:missing:claims.0.patient.address.state',
        'x12_unwritable:missing:claims.0.patient.address.postalCode',
      ]);
      // NM103, NM109, CLM01: required names and ids.
      const names: Claim = {
        ...OFFICE_VISIT,
        billingProvider: { ...bp, name: blank },
        subscriber: { ...OFFICE_VISIT.subscriber!, memberId: blank },
        payer: { ...OFFICE_VISIT.payer!, name: blank, id: blank },
        ...(blank === '' ? {} : { claimId: blank }),
      };
      expect(codes(both(names)), JSON.stringify(blank)).toEqual([
        'x12_unwritable:missing:claims.0.billingProvider.name',
        'x12_unwritable:missing:claims.0.subscriber.memberId',
        'x12_unwritable:missing:claims.0.payer.name',
        'x12_unwritable:missing:claims.0.payer.id',
        ...(blank === '' ? [] : ['x12_unwritable:missing:claims.0.claimId']),
      ]);
      // N302 and SBR03 are situational: an empty or all-space value is no value.
      const situational: Claim = {
        ...OFFICE_VISIT,
        patient: { ...OFFICE_VISIT.patient, address: { ...OFFICE_VISIT.patient.address!, line2: blank } },
        subscriber: { ...OFFICE_VISIT.subscriber!, groupNumber: blank },
      };
      const r = both(situational);
      expect(r.issues).toEqual([]);
      expect(r.ok && r.value).toBe(write([OFFICE_VISIT]));
    }
  });

  it('refuses envelope values that are empty, all spaces or do not fit their element, in both lanes', () => {
    const cases: [Partial<X12Envelope>, string][] = [
      [{ batchId: '' }, 'batchId'], // BHT03 R AN 1/50
      [{ batchId: '  ' }, 'batchId'],
      [{ batchId: 'B'.repeat(51) }, 'batchId'],
      [{ receiverId: '' }, 'receiverId'], // 1000B NM109 R AN 2/80
      [{ receiverId: 'R' }, 'receiverId'],
      [{ applicationSender: '' }, 'applicationSender'], // GS02 M AN 2/15
      [{ applicationSender: ' ' }, 'applicationSender'],
      [{ applicationReceiver: 'THIS-IS-A-VERY-LONG-APPLICATION-RECEIVER' }, 'applicationReceiver'],
      [{ sender: { id: 'A' } }, 'sender'], // GS02 repeats it: min 2
      [{ receiver: { id: 'B' } }, 'receiver'], // GS03 and 1000B NM109 repeat it
      [{ sender: { id: '   ' } }, 'sender'],
      [{ sender: { id: 'SUB', qualifier: 'zz' } }, 'sender'], // ISA05 code list
      [{ receiver: { id: 'PAYER', qualifier: '99' } }, 'receiver'],
      [{ receiverName: ' ' }, 'receiverName'],
      [{ submitter: { ...ENVELOPE.submitter, name: '  ' } }, 'submitter'],
      [{ submitter: { ...ENVELOPE.submitter, phone: ' ' } }, 'submitter'],
    ];
    for (const [change, option] of cases) {
      const envelope = { ...ENVELOPE, ...change } as X12Envelope;
      // The first call keeps the default envelope's header block, so the second may take the
      // envelope lane: it must give the full check's result.
      writeX12837P([OFFICE_VISIT], ENVELOPE, true);
      const lane = writeX12837P([OFFICE_VISIT], envelope, true);
      expect(lane, JSON.stringify(change)).toEqual(writeX12837P([OFFICE_VISIT], envelope, false));
      expect(codes(lane), JSON.stringify(change)).toEqual([`invalid_option::envelope.${option}`]);
    }
    // A 1-character interchange id is fine when GS02/GS03 and 1000B NM109 are given.
    const r = toX12837P([OFFICE_VISIT], {
      ...ENVELOPE,
      sender: { id: 'A', qualifier: '30' },
      receiver: { id: 'B' },
      applicationSender: 'AS',
      applicationReceiver: 'AR',
      receiverId: 'RID',
    });
    expect(r.issues).toEqual([]);
  });

  it("refuses a patient without an address (2010CA N3/N4 required; 2010BA's in the self case), in both lanes", () => {
    const { address: _a, ...noAddress } = DEPENDENT.patient;
    const { address: _b, ...selfNoAddress } = OFFICE_VISIT.patient;
    for (const claim of [
      { ...DEPENDENT, patient: noAddress },
      { ...OFFICE_VISIT, patient: selfNoAddress },
    ] as Claim[]) {
      const lane = writeX12837P([claim], ENVELOPE, true);
      expect(lane).toEqual(writeX12837P([claim], ENVELOPE, false));
      expect(codes(lane)).toEqual(['x12_unwritable:missing:claims.0.patient.address']);
    }
    // Self case: the subscriber's own address is written in 2010BA instead.
    const subscriberAddress = {
      ...OFFICE_VISIT,
      patient: selfNoAddress,
      subscriber: { ...OFFICE_VISIT.subscriber!, address: OFFICE_VISIT.patient.address! },
    } as Claim;
    expect(toX12837P([subscriberAddress], ENVELOPE).issues).toEqual([]);
  });

  it('refuses a patient or subscriber ZIP code with punctuation or blanks in N403, as the billing provider’s, in both lanes', () => {
    // X12 element 116 excludes punctuation and blanks: ZIP+4 is sent as 9 digits.
    const withZip = (claim: Claim, owner: 'patient' | 'subscriber', postalCode: string): Claim => {
      const address = { ...claim.patient.address!, postalCode };
      if (owner === 'patient') return { ...claim, patient: { ...claim.patient, address } };
      // Self case: the subscriber's own address is written in 2010BA (the patient has none).
      const { address: _a, ...patient } = claim.patient;
      return { ...claim, patient, subscriber: { ...claim.subscriber!, address } };
    };
    const cases: [Claim, 'patient' | 'subscriber', string][] = [
      [OFFICE_VISIT, 'patient', '2010BA N403'],
      [OFFICE_VISIT, 'subscriber', '2010BA N403'],
      [DEPENDENT, 'patient', '2010CA N403'],
    ];
    for (const [claim, owner, segment] of cases) {
      for (const zip of ['62704-1234', '62704 1234', '62704-', ' 62704', '6270', '627041', 'K1A0B1']) {
        const bad = withZip(claim, owner, zip);
        const lane = writeX12837P([bad], ENVELOPE, true);
        expect(lane, zip).toEqual(writeX12837P([bad], ENVELOPE, false));
        expect(codes(lane), `${segment} ${zip}`).toEqual([
          `x12_unwritable:bad_value:claims.0.${owner}.address.postalCode`,
        ]);
        expect(lane.issues[0]).toMatchObject({ segment, input: zip });
      }
      for (const zip of ['62704', '627041234']) {
        const good = withZip(claim, owner, zip);
        const lane = writeX12837P([good], ENVELOPE, true);
        expect(lane).toEqual(writeX12837P([good], ENVELOPE, false));
        expect(lane.ok && lane.value, zip).toContain(`*${zip}~`);
      }
    }
  });

  it("writes the patient's first name in 2010BA NM104 when the self-case subscriber has none, in both lanes", () => {
    const example = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../examples/clean-office-visit.json'), 'utf8'),
    ) as Claim;
    const { firstName: _f, ...subscriber } = example.subscriber!;
    const claim: Claim = { ...example, subscriber };
    const lane = writeX12837P([claim], ENVELOPE, true);
    expect(lane).toEqual(writeX12837P([claim], ENVELOPE, false));
    expect(lane.issues).toEqual([]);
    expect(lane.ok && lane.value).toContain('NM1*IL*1*Alvarez*Ruth****MI*1EG4TE5MK72~');
    // Read back, 2010BA names the patient and the subscriber alike.
    const back = readX12(lane.ok ? lane.value : '').claims[0]!;
    expect([back.patient.firstName, back.subscriber!.firstName]).toEqual(['Ruth', 'Ruth']);
    // A patient first name the 837P cannot carry is reported at the patient's path.
    const bad: Claim = { ...claim, patient: { ...claim.patient, firstName: 'R*UTH' } };
    const refused = writeX12837P([bad], ENVELOPE, true);
    expect(refused).toEqual(writeX12837P([bad], ENVELOPE, false));
    expect(codes(refused)).toEqual(['x12_unwritable:separator_in_value:claims.0.patient.firstName']);
  });

  it('warns, in both lanes, when a self-case subscriber birth date or sex differs from the patient', () => {
    for (const change of [{ birthDate: '1950-01-01' }, { sex: 'M' as const }]) {
      const claim: Claim = { ...OFFICE_VISIT, subscriber: { ...OFFICE_VISIT.subscriber!, ...change } };
      const lane = writeX12837P([claim], ENVELOPE, true);
      expect(lane).toEqual(writeX12837P([claim], ENVELOPE, false));
      expect(lane.ok).toBe(true);
      // 2010BA has one DMG: the patient's is written, the subscriber's is dropped with the same
      // warning a differing name or address gets.
      expect(lane.issues.map((i) => `${i.severity} ${codes({ ...lane, issues: [i] })[0]}`)).toEqual([
        'warning x12_unwritable:not_representable:claims.0.patient',
      ]);
      expect(lane.ok && lane.value).toContain('DMG*D8*19510402*F~');
    }
  });

  it('says where a claim does not fit the schema', () => {
    const r = toX12837P(
      [{ ...OFFICE_VISIT, lines: [{ ...OFFICE_VISIT.lines[0]!, units: 'one' as never }] }],
      ENVELOPE,
    );
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'claim_invalid',
      path: ['claims', 0, 'lines', 0, 'units'],
      received: 'the string "one"',
    });
    expect(r.issues[0]!.message).toBe(
      'claims[0].lines[0].units must be a finite number; got the string "one".',
    );
  });

  it('answers anything at all with issues, never an exception', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (claims, envelope) => {
        const r = toX12837P(claims as never, envelope as never);
        expect(r.ok).toBe(false);
        expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.anything(), { minLength: 1, maxLength: 3 }), (claims) => {
        expect(toX12837P(claims as never, ENVELOPE).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('survives objects that throw when read', () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(toX12837P([trap as never], ENVELOPE).ok).toBe(false);
    expect(toX12837P([OFFICE_VISIT], trap as never).ok).toBe(false);
  });

  it('answers hostile input with issues, never an exception', () => {
    for (const bad of [
      null,
      undefined,
      42,
      'x',
      {},
      [null],
      [{ __proto__: { claimId: 'x' } }],
      [OFFICE_VISIT, 'x'],
      ['constructor'],
    ]) {
      const r = toX12837P(bad as never, ENVELOPE);
      expect(r.ok).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
    }
  });
});

describe('envelope createdAt', () => {
  it('refuses impossible dates and times instead of writing them into ISA09/ISA10', () => {
    for (const createdAt of [
      '2026-13-01T10:30',
      '2026-02-30T10:30',
      '2026-00-10T10:30',
      '2026-05-01T25:00',
      '2026-05-01T24:00',
      '2026-05-01T10:60',
    ]) {
      const r = toX12837P([OFFICE_VISIT], { ...ENVELOPE, createdAt });
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
        ['invalid_option', 'envelope.createdAt'],
      ]);
    }
    for (const createdAt of ['2028-02-29T00:00', '2026-12-31T23:59'])
      expect(toX12837P([OFFICE_VISIT], { ...ENVELOPE, createdAt }).ok).toBe(true);
  });
});
