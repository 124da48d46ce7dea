import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClaimSchema } from '../../../src/claims/schema';
import { X12837PReader, X12Tokenizer, toX12837P } from '../../../src/claims/x12';
import { readX12 } from './read-all';
import type { MedcodeIssue } from '../../../src/core/issues';
import { DEPENDENT, DRUG_AND_ANESTHESIA, ENVELOPE, OFFICE_VISIT } from './samples';

const CLAIMS = [OFFICE_VISIT, DEPENDENT, DRUG_AND_ANESTHESIA];
const written = toX12837P(CLAIMS, ENVELOPE);
if (!written.ok) throw new Error('fixture');
const X12 = written.value;
const GOLDEN = readFileSync(join(import.meta.dirname, '../../fixtures/x12/office-visit.837'), 'utf8');

const brief = (i: MedcodeIssue) => {
  if (i.code === 'x12_syntax')
    return `${i.code}:${i.reason}@${i.segmentPosition}${i.segmentId ?? ''}${i.elementPosition !== undefined ? `.${i.elementPosition}` : ''}`;
  if (i.code === 'x12_segment')
    return `${i.code}:${i.reason}@${i.segmentPosition}${i.segmentId}${i.elementPosition !== undefined ? `.${i.elementPosition}` : ''}${i.componentPosition !== undefined ? `-${i.componentPosition}` : ''}`;
  return i.code;
};
/** 1-based position of the first segment starting with `prefix`. */
const positionOf = (text: string, prefix: string) =>
  text.split('~').findIndex((s) => s.replace(/^\s+/, '').startsWith(prefix)) + 1;

describe('fromX12837P on malformed input', () => {
  it('reads a valid interchange with no issues', () => {
    const r = readX12(X12);
    expect(r.ok).toBe(true);
    expect(r.claims).toEqual(CLAIMS);
  });

  it('never passes off a half claim: every truncation point gives whole claims only, plus a truncated issue', () => {
    const segments = X12.split('~');
    for (let n = 1; n < segments.length - 1; n++) {
      const cut = `${segments.slice(0, n).join('~')}~`;
      const r = readX12(cut);
      expect(r.ok).toBe(false);
      expect(r.issues.some((i) => i.code === 'x12_syntax' && i.reason === 'truncated')).toBe(true);
      // Claims returned are exactly a prefix of the originals, each whole.
      expect(r.claims).toEqual(CLAIMS.slice(0, r.claims.length));
    }
    // Cut in the middle of a segment, too.
    const mid = X12.indexOf('SV1*HC:J9355') + 9;
    const r = readX12(X12.slice(0, mid));
    expect(r.claims).toEqual(CLAIMS.slice(0, 2));
    expect(r.rejected).toEqual([{ claimId: 'PCN-3003', segmentPosition: positionOf(X12, 'CLM*PCN-3003') }]);
  });

  it('reports wrong separators at the segment where they break', () => {
    // The body switches to | as element separator from the third claim on.
    const at = X12.indexOf('HL*6*');
    const broken = X12.slice(0, at) + X12.slice(at).replace(/\*/g, '|');
    const r = readX12(broken);
    expect(r.ok).toBe(false);
    // The second claim was still open when the broken segment came: it cannot be known whole.
    expect(r.claims).toEqual(CLAIMS.slice(0, 1));
    expect(r.rejected.map((x) => x.claimId)).toEqual(['PCN-2002']);
    expect(r.issues[0]).toMatchObject({
      code: 'x12_syntax',
      reason: 'bad_segment_id',
      segmentPosition: positionOf(X12, 'HL*6*'),
    });
    expect(r.issues[0]!.message).toContain('wrong separators');
  });

  it('reports an ISA whose separators collide, and input that is not X12', () => {
    expect(readX12(X12.replace(/:~/, '*~')).issues.map(brief)).toEqual(['x12_syntax:bad_separators@1ISA.16']);
    expect(readX12('{"claimId": 1}').issues.map(brief)).toEqual(['x12_syntax:not_x12@1']);
    expect(readX12('').issues.map(brief)).toEqual(['x12_syntax:not_x12@1']);
    expect(readX12('ISA*00*').issues.map(brief)).toEqual(['x12_syntax:truncated@1ISA.3']);
  });

  it('reports an unknown qualifier with segment, element and component positions and rejects only that claim', () => {
    const r = readX12(GOLDEN.replace('HI*ABK:E119', 'HI*ABX:E119'));
    expect(r.claims).toEqual([]);
    expect(r.rejected).toEqual([{ claimId: 'PCN-1001', segmentPosition: 21 }]);
    // Without its HI the claim's pointers point nowhere: reported too.
    expect(r.issues.map(brief)).toEqual([
      'x12_segment:unknown_qualifier@22HI.1-1',
      'x12_segment:missing_segment@21CLM',
      'x12_segment:bad_value@26SV1.7',
      'x12_segment:bad_value@26SV1.7',
      'x12_segment:bad_value@29SV1.7',
    ]);
    expect(r.issues[0]!.message).toBe(
      '837P segment 22 (HI) in claim "PCN-1001": HI01-1 the qualifier is not one the 837P defines here; expected ABK, received "ABX".',
    );
    const two = readX12(X12.replace('DTP*472*D8*20260429', 'DTP*999*D8*20260429'));
    expect(two.claims).toEqual([OFFICE_VISIT, DRUG_AND_ANESTHESIA]);
    expect(two.issues.map(brief)).toEqual([
      `x12_segment:unknown_qualifier@${positionOf(X12, 'DTP*472*D8*20260429')}DTP.1`,
      `x12_segment:missing_segment@${positionOf(X12, 'DTP*472*D8*20260429') - 2}LX`,
    ]);
    expect(readX12(GOLDEN.replace('HI*ABK:E119', 'HI*BK:2500')).issues.map(brief)[0]).toBe(
      'x12_segment:unsupported_qualifier@22HI.1-1',
    );
    expect(readX12(GOLDEN.replace('SV1*HC:99214', 'SV1*ZZ:99214')).issues.map(brief)[0]).toBe(
      'x12_segment:unknown_qualifier@26SV1.1-1',
    );
  });

  it('reports a billing provider SSN (2010AA REF*SY) as an unsupported qualifier, never as its EIN', () => {
    const at = positionOf(GOLDEN, 'REF*EI*');
    const r = readX12(GOLDEN.replace('REF*EI*', 'REF*SY*'));
    // The claim model's tax id is an EIN (written back as REF*EI, printed in the EIN box of the
    // CMS-1500): the claims under that billing provider are rejected, not read with the SSN in it.
    expect(r.claims).toEqual([]);
    expect(r.rejected).toEqual([{ claimId: 'PCN-1001', segmentPosition: 21 }]);
    expect(r.issues.map(brief)).toEqual([`x12_segment:unsupported_qualifier@${at}REF.1`]);
    expect(r.issues[0]!.message).toBe(
      `837P segment ${at} (REF): REF01 the qualifier is valid 837P but medcode cannot represent it; expected EI (EIN); SY is a social security number, and the claim model's tax id is an EIN, received "SY".`,
    );
  });

  it('warns on an N4 the claim model cannot carry: a country (N404), or a ZIP code the 837P writer refuses', () => {
    const subscriberN4 = GOLDEN.split('~').find(
      (x, k, all) => x.trim().startsWith('N4*') && all[k - 2]?.includes('NM1*IL'),
    )!;
    const at = GOLDEN.split('~').indexOf(subscriberN4) + 1;
    const primary = readX12(GOLDEN);
    const cases: [string, string][] = [
      [`${subscriberN4}*CA`, `x12_segment:not_representable@${at}N4.4`],
      [subscriberN4.replace(/\*(\d{5})(\d{4})?$/, '*$1-1234'), `x12_segment:bad_value@${at}N4.3`],
      [subscriberN4.replace(/\*(\d{5})(\d{4})?$/, '*6270'), `x12_segment:bad_value@${at}N4.3`],
    ];
    for (const [n4, expected] of cases) {
      const r = readX12(GOLDEN.replace(subscriberN4, n4));
      // Read (a warning, not a rejection), and the warning says what cannot be carried.
      expect(r.ok, n4).toBe(true);
      expect(r.claims.length, n4).toBe(1);
      expect(r.issues.map(brief), n4).toEqual([expected]);
      expect(r.issues[0]!.severity).toBe('warning');
    }
    // A US address (N404 US or none) with a 5- or 9-digit ZIP code reads without a word.
    expect(readX12(GOLDEN.replace(subscriberN4, `${subscriberN4}*US`)).issues).toEqual([]);
    expect(primary.issues).toEqual([]);
    // The billing provider's (2010AA) ZIP code is all 9 digits, as the writer writes it.
    const billingN4 = GOLDEN.split('~').find(
      (x, k, all) => x.trim().startsWith('N4*') && all[k - 2]?.includes('NM1*85'),
    )!;
    const five = readX12(GOLDEN.replace(billingN4, billingN4.replace(/\*(\d{5})\d{4}$/, '*$1')));
    expect(five.issues.map((i) => (i.code === 'x12_segment' ? i.reason : i.code))).toEqual(['bad_value']);
  });

  it('warns on each claim of a secondary or tertiary subscriber (SBR01 not P): the payer responsibility is not carried', () => {
    const at = positionOf(GOLDEN, 'SBR*P*');
    const primary = readX12(GOLDEN);
    expect(primary.issues).toEqual([]);
    for (const code of ['S', 'T', 'A', 'U']) {
      const r = readX12(GOLDEN.replace('SBR*P*', `SBR*${code}*`));
      // Read whole (the claim is the same), with a warning, never silently as primary.
      expect(r.claims, code).toEqual(primary.claims);
      expect(r.issues.map(brief), code).toEqual([`x12_segment:not_representable@${at}SBR.1`]);
      expect(r.issues[0]).toMatchObject({ severity: 'warning', received: code, claimId: 'PCN-1001' });
    }
    // Every claim under that subscriber carries the warning: here a second claim follows the
    // first under the same 2000B, and the claims of other subscribers carry none.
    const segments = GOLDEN.split('~');
    const clm = segments.findIndex((x) => x.trim().startsWith('CLM*'));
    const se = segments.findIndex((x) => x.trim().startsWith('SE*'));
    const second = segments.slice(clm, se).map((x) => x.replace('CLM*PCN-1001*', 'CLM*PCN-1002*'));
    const seCount = se - segments.findIndex((x) => x.trim().startsWith('ST*')) + 1 + second.length;
    const twoClaims = [
      ...segments.slice(0, se),
      ...second,
      segments[se]!.replace(/SE\*\d+\*/, `SE*${seCount}*`),
      ...segments.slice(se + 1),
    ].join('~');
    expect(readX12(twoClaims).claims.map((c) => c.claimId)).toEqual(['PCN-1001', 'PCN-1002']);
    const r = readX12(twoClaims.replace('SBR*P*', 'SBR*S*'));
    expect(r.claims.map((c) => c.claimId)).toEqual(['PCN-1001', 'PCN-1002']);
    expect(r.issues.map((i) => (i.code === 'x12_segment' ? `${i.reason}:${i.claimId}` : i.code))).toEqual([
      'not_representable:PCN-1001',
      'not_representable:PCN-1002',
    ]);
    const other = readX12(X12.replace('SBR*P*18', 'SBR*S*18'));
    expect(other.claims).toEqual(CLAIMS);
    expect(other.issues.map((i) => (i.code === 'x12_segment' ? `${i.reason}:${i.claimId}` : i.code))).toEqual(
      ['not_representable:PCN-1001'],
    );
  });

  it('reports an SBR02 that disagrees with the hierarchy: 18 above a 2000C, or empty with none', () => {
    const DEPENDENT_837 = readFileSync(join(import.meta.dirname, '../../fixtures/x12/dependent.837'), 'utf8');
    const dependent = readX12(DEPENDENT_837);
    expect(dependent.issues).toEqual([]);
    // SBR02 18 says the subscriber is the patient, the 2000C says another person is: rejected.
    const at = positionOf(DEPENDENT_837, 'SBR*');
    const both = readX12(DEPENDENT_837.replace(/SBR\*P\*\*/, 'SBR*P*18*'));
    expect(both.claims).toEqual([]);
    expect(both.rejected.map((x) => x.claimId)).toEqual(dependent.claims.map((c) => c.claimId));
    expect(both.issues.map(brief)).toEqual([`x12_segment:bad_value@${at}SBR.2`]);
    expect(both.issues[0]!.severity).toBe('error');
    // SBR02 empty with no 2000C: the subscriber is the only person, read as the patient, with a warning.
    const self = positionOf(GOLDEN, 'SBR*');
    const blank = readX12(GOLDEN.replace('SBR*P*18*', 'SBR*P**'));
    expect(blank.claims).toEqual(readX12(GOLDEN).claims);
    expect(blank.issues.map(brief)).toEqual([`x12_segment:missing_element@${self}SBR.2`]);
    expect(blank.issues[0]).toMatchObject({ severity: 'warning', claimId: 'PCN-1001' });
  });

  it('reports bad counts and control numbers in SE, GE and IEA', () => {
    const r = readX12(
      GOLDEN.replace('SE*29*0001', 'SE*30*0002')
        .replace('GE*1*101', 'GE*2*102')
        .replace('IEA*1*000000101', 'IEA*1*000000100'),
    );
    expect(r.issues.map(brief)).toEqual([
      'x12_syntax:count_mismatch@31SE.1',
      'x12_syntax:control_number_mismatch@31SE.2',
      'x12_syntax:count_mismatch@32GE.1',
      'x12_syntax:control_number_mismatch@32GE.2',
      'x12_syntax:control_number_mismatch@33IEA.2',
    ]);
    expect(r.ok).toBe(false);
  });

  it('rejects a claim whose CLM02 is not the sum of SV102, and bad pointers, dates and amounts', () => {
    expect(readX12(GOLDEN.replace('CLM*PCN-1001*162.35', 'CLM*PCN-1001*162.36')).issues.map(brief)).toEqual([
      'x12_segment:charge_mismatch@21CLM.2',
    ]);
    expect(readX12(GOLDEN.replace('***1:2~', '***1:3~')).issues.map(brief)).toEqual([
      'x12_segment:bad_value@26SV1.7',
    ]);
    expect(readX12(GOLDEN.replace('***1:2~', '***1:2:3:4:5~')).issues.map(brief)).toEqual([
      'x12_segment:too_many@26SV1.7-5',
      'x12_segment:bad_value@26SV1.7',
      'x12_segment:bad_value@26SV1.7',
    ]);
    expect(readX12(GOLDEN.replace('D8*20260501', 'D8*20260231')).issues.map(brief)).toEqual([
      'x12_segment:bad_value@27DTP.3',
      'x12_segment:missing_segment@25LX',
    ]);
    expect(readX12(GOLDEN.replace('*150*UN', '*1.5e2*UN')).issues.map(brief)).toEqual([
      'x12_segment:bad_value@26SV1.2',
    ]);
    expect(readX12(GOLDEN.replace('DMG*D8*19510402*F', 'DMG*D8*19510402*X')).issues.map(brief)).toEqual([
      'x12_segment:bad_value@19DMG.3',
      'x12_segment:missing_segment@21CLM',
    ]);
  });

  it('reports the exact sum of SV102 charges past 2^53 cents, where a number is no longer exact', () => {
    // Each charge is exact cents below 2^53 (about 90 trillion dollars); their sum is not.
    const r = readX12(
      GOLDEN.replace('SV1*HC:99214:25*150*', 'SV1*HC:99214:25*50000000000000.01*').replace(
        'SV1*HC:82947*12.35*',
        'SV1*HC:82947*50000000000000.02*',
      ),
    );
    expect(r.issues.map(brief)).toEqual(['x12_segment:charge_mismatch@21CLM.2']);
    expect(r.issues[0]).toMatchObject({ expected: '100000000000000.03', received: '162.35' });
  });

  it('checks D8 dates against the calendar, leap years included', () => {
    expect(readX12(GOLDEN.replace('DMG*D8*19510402', 'DMG*D8*20000229')).claims[0]?.patient.birthDate).toBe(
      '2000-02-29',
    );
    expect(readX12(GOLDEN.replace('DMG*D8*19510402', 'DMG*D8*20240229')).claims[0]?.patient.birthDate).toBe(
      '2024-02-29',
    );
    expect(readX12(GOLDEN.replace('DMG*D8*19510402', 'DMG*D8*19000229')).issues.map(brief)[0]).toBe(
      'x12_segment:bad_value@19DMG.2',
    );
    expect(readX12(GOLDEN.replace('DMG*D8*19510402', 'DMG*D8*20250431')).issues.map(brief)[0]).toBe(
      'x12_segment:bad_value@19DMG.2',
    );
  });

  it('rejects a dependent claim without a valid PAT01 relationship', () => {
    const dependent = readFileSync(join(import.meta.dirname, '../../fixtures/x12/dependent.837'), 'utf8');
    expect(readX12(dependent.replace('PAT*19~', 'PAT*99~')).issues.map(brief)).toEqual([
      'x12_segment:unknown_qualifier@24CLM',
    ]);
    expect(readX12(dependent.replace('PAT*19~', 'PAT*18~')).issues.map(brief)).toEqual([
      'x12_segment:unknown_qualifier@24CLM',
    ]);
    // Dropping the segment also breaks SE01.
    expect(readX12(dependent.replace('PAT*19~\n', '')).issues.map(brief)).toEqual([
      'x12_segment:missing_segment@23CLM',
      'x12_syntax:count_mismatch@31SE.1',
    ]);
  });

  it('reports an interchange that is not an 837P once, and reads none of it', () => {
    const institutional = GOLDEN.replace('*X*005010X222A1~', '*X*005010X223A2~').replace(
      'ST*837*0001*005010X222A1',
      'ST*837*0001*005010X223A2',
    );
    const r = readX12(institutional);
    expect(r.claims).toEqual([]);
    expect(r.issues.map(brief)).toEqual(['x12_syntax:wrong_version@2GS.8']);
  });

  it('rejects a broken HL hierarchy', () => {
    const r = readX12(GOLDEN.replace('HL*2*1*22*0', 'HL*2*7*22*0'));
    expect(r.claims).toEqual([]);
    expect(r.issues.map(brief)).toEqual([
      'x12_segment:hl_structure@14HL.2',
      'x12_syntax:unexpected_segment@21CLM',
    ]);
  });

  it('survives any mutation of a valid file: no exception, and every claim it returns is whole and valid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: X12.length - 1 }),
        fc.integer({ min: 0, max: 40 }),
        fc.string({ maxLength: 8 }),
        (at, remove, insert) => {
          const text = X12.slice(0, at) + insert + X12.slice(at + remove);
          const r = readX12(text);
          for (const c of r.claims) {
            expect(ClaimSchema.safeParse(c).success).toBe(true);
            const total = c.lines.reduce((s, l) => s + Math.round(Number(l.charge) * 100), 0);
            expect(total).toBeGreaterThanOrEqual(0);
          }
          if (text !== X12) expect(r.claims.length + r.rejected.length).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });

  it('answers hostile input with issues, never an exception', () => {
    for (const bad of [
      null,
      undefined,
      42,
      {},
      [],
      '__proto__',
      'constructor',
      'ISA',
      '~~~~',
      'ISA'.padEnd(1_000_000, '*'),
      'x'.repeat(1_000_000),
      '\u0130SA*00*',
    ]) {
      const r = readX12(bad as never);
      expect(r.ok).toBe(false);
      expect(r.claims).toEqual([]);
      expect(r.issues.length).toBeGreaterThan(0);
    }
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(readX12(v as never).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(readX12(`ISA${s}`).claims).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('segments the 837P does not define, and a byte order mark', () => {
  it('rejects the claim holding an unknown segment with an issue at that segment', () => {
    const withZzz = X12.replace('CLM*PCN-1001', 'ZZZ*1~CLM*PCN-1001');
    const r = readX12(withZzz);
    expect(r.ok).toBe(false);
    const position = positionOf(withZzz, 'ZZZ');
    expect(r.issues.map(brief)).toContain(`x12_segment:unknown_segment@${position}ZZZ`);
    // The other claims still read.
    expect(r.claims.map((c) => c.claimId)).toEqual(['PCN-2002', 'PCN-3003']);
    const inLine = readX12(X12.replace('LX*1~', 'LX*1~ZZZ*1~'));
    expect(inLine.ok).toBe(false);
  });

  it('reads an interchange that starts with a byte order mark', () => {
    const r = readX12(`\uFEFF${X12}`);
    expect(r.issues).toEqual([]);
    expect(r.claims).toEqual(CLAIMS);
    expect(readX12(`\uFEFF\r\n${GOLDEN}`).ok).toBe(true);
    // A BOM anywhere else is not layout.
    expect(readX12(X12.replace('BHT', '\uFEFFBHT')).ok).toBe(false);
  });
});

describe('legal 837P forms other writers use', () => {
  it('reads SV1 with empty modifier components and an SV101-7 description, dropping the description with a warning', () => {
    for (const [sv101, modifiers] of [
      ['HC:99214:::::OFFICE VISIT', undefined],
      ['HC:99214:25::::OFFICE VISIT', ['25']],
      ['HC:99214:25:::', ['25']],
    ] as const) {
      const text = X12.replace('SV1*HC:99214:25*', `SV1*${sv101}*`);
      const r = readX12(text);
      expect(r.ok, sv101).toBe(true);
      expect(r.rejected, sv101).toEqual([]);
      const { modifiers: _m, ...rest } = OFFICE_VISIT.lines[0]!;
      expect(r.claims[0]!.lines[0], sv101).toEqual(modifiers ? { ...rest, modifiers } : rest);
      const warnings = r.result.ok ? r.result.issues.map(brief) : [];
      const sv1 = positionOf(text, `SV1*${sv101}`);
      expect(warnings, sv101).toEqual(
        sv101.endsWith('VISIT') ? [`x12_segment:not_representable@${sv1}SV1.1-7`] : [],
      );
      expect(r.result.ok && r.result.issues.every((i) => i.severity === 'warning')).toBe(true);
    }
    // An empty modifier before a modifier is still refused.
    const gap = readX12(X12.replace('SV1*HC:99214:25*', 'SV1*HC:99214::25*'));
    expect(gap.rejected.map((c) => c.claimId)).toEqual(['PCN-1001']);
  });

  it('reads R amounts and quantities without the leading zero (X12.6), within the same limits', () => {
    const claim = {
      ...OFFICE_VISIT,
      lines: [
        { ...OFFICE_VISIT.lines[0]!, charge: '0.50', units: 0.5 },
        { ...OFFICE_VISIT.lines[1]!, charge: '0.25' },
      ],
    };
    const w = toX12837P([claim], ENVELOPE);
    if (!w.ok) throw new Error('fixture');
    const text = w.value
      .replace('*0.75*', '*.75*')
      .replace('SV1*HC:99214:25*0.5*UN*0.5*', 'SV1*HC:99214:25*.5*UN*.5*')
      .replace('*0.25*', '*.25*');
    expect(text).toContain('CLM*PCN-1001*.75*');
    expect(text).toContain('SV1*HC:99214:25*.5*UN*.5*');
    const r = readX12(text);
    expect(r.rejected).toEqual([]);
    expect(r.claims).toEqual([claim]);
    // Three decimals, a point alone, and a zero quantity are still refused.
    for (const [from, to, element] of [
      ['*.25*', '*.255*', 'SV1.2'],
      ['*.25*', '*.*', 'SV1.2'],
      ['UN*.5*', 'UN*.0*', 'SV1.4'],
      ['UN*.5*', 'UN*.*', 'SV1.4'],
    ] as const) {
      const bad = readX12(text.replace(from, to));
      expect(
        bad.rejected.map((c) => c.claimId),
        to,
      ).toEqual(['PCN-1001']);
      const issues = bad.result.ok ? bad.result.value.rejected[0]!.issues.map(brief) : [];
      expect(
        issues.some((i) => i.startsWith('x12_segment:bad_value@') && i.endsWith(element)),
        to,
      ).toBe(true);
    }
  });
});

describe('X12837PReader given a chunk that is not text', () => {
  it('ends the read with one invalid_option issue naming the chunk, never reading on without it', () => {
    for (const chunk of [Buffer.from(GOLDEN), new Uint8Array(3), undefined, null, 5, Symbol('x')]) {
      const reader = new X12837PReader();
      const items = [
        ...reader.push(GOLDEN.slice(0, 200)),
        ...reader.push(chunk as never),
        ...reader.push(GOLDEN.slice(200)),
        ...reader.end(),
      ];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        kind: 'issue',
        issue: { code: 'invalid_option', path: ['text'], option: 'X12837PReader.push(text)' },
      });
    }
    // The whole text in one string reads as before.
    const reader = new X12837PReader();
    const items = [...reader.push(GOLDEN), ...reader.end()];
    expect(items.map((i) => i.kind)).toEqual(['claim', 'transaction']);
  });
  it('X12Tokenizer: a chunk that is not text is fatal, with the same issue', () => {
    const t = new X12Tokenizer();
    expect(t.push(Buffer.from(GOLDEN) as never)).toEqual([]);
    expect(t.push(GOLDEN)).toEqual([]);
    expect(t.fatal).toBe(true);
    expect(t.issues).toHaveLength(1);
    expect(t.issues[0]).toMatchObject({
      code: 'invalid_option',
      path: ['chunk'],
      option: 'X12Tokenizer.push(chunk)',
    });
  });
});
