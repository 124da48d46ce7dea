/**
 * 837P defects that get a real claim rejected by a payer or clearinghouse (ASC X12 005010X222A1
 * situational rules and element attributes). Each test failed on the writer before these rules.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseX12837PStream, toX12837P } from '../../../src/claims/x12';
import type { X12ReadItem } from '../../../src/claims/x12';
import type { Claim } from '../../../src/claims/schema';
import { ENVELOPE, DEPENDENT, DRUG_AND_ANESTHESIA, OFFICE_VISIT } from './samples';
import { readX12 } from './read-all';

const FIXTURES = join(import.meta.dirname, '../../fixtures/x12');
const brief = (r: ReturnType<typeof toX12837P>) =>
  r.issues.map((i) => `${i.severity} ${i.code}:${'reason' in i ? i.reason : ''}:${i.path.join('.')}`);
const write = (claim: Claim) => toX12837P([claim], { ...ENVELOPE, lineBreaks: true });

describe('2300 REF*F8 Payer Claim Control Number (replacement 7, void 8)', () => {
  it('writes REF*F8 after the 2300 dates and reads it back (golden drug-anesthesia.837)', () => {
    const golden = readFileSync(join(FIXTURES, 'drug-anesthesia.837'), 'utf8');
    expect(golden).toContain('CLM*PCN-3003*1534.57***22:B:7*Y*A*Y*Y~\nREF*F8*2226123456789~\nHI*');
    expect(readX12(golden).claims[0]?.payerClaimControlNumber).toBe('2226123456789');
  });

  it('refuses frequency 7 or 8 without it, at the claim path', () => {
    for (const frequencyCode of ['7', '8'] as const) {
      const { payerClaimControlNumber: _, ...claim } = { ...DRUG_AND_ANESTHESIA, frequencyCode };
      const r = write(claim);
      expect(r.ok).toBe(false);
      expect(brief(r)).toEqual(['error claim_invalid::claims.0.payerClaimControlNumber']);
    }
  });
});

describe('2010BA N3/N4 and DMG only when the subscriber is the patient', () => {
  it('leaves them out for a dependent, with a warning for each subscriber field dropped', () => {
    const golden = readFileSync(join(FIXTURES, 'dependent.837'), 'utf8');
    const sbr = golden.slice(golden.indexOf('NM1*IL'), golden.indexOf('NM1*PR'));
    expect(sbr).toBe('NM1*IL*1*BROWN*LINDA****MI*XYZ123456789~\n');
    const r = write({
      ...DEPENDENT,
      subscriber: {
        ...DEPENDENT.subscriber!,
        birthDate: '1984-01-15',
        sex: 'F',
        address: { line1: '9 ELM ST', city: 'PEORIA', state: 'IL', postalCode: '61602' },
      },
    });
    expect(r.ok && r.value).toBe(golden);
    expect(brief(r)).toEqual([
      'warning x12_unwritable:not_representable:claims.0.subscriber.address',
      'warning x12_unwritable:not_representable:claims.0.subscriber.birthDate',
      'warning x12_unwritable:not_representable:claims.0.subscriber.sex',
    ]);
  });

  it('still sends them when the subscriber is the patient', () => {
    const r = write(OFFICE_VISIT);
    expect(r.ok && r.value).toContain('NM1*IL*1*SMITH*MARY****MI*1EG4TE5MK73~\nN3*12 OAK AVE~\nN4*');
  });
});

describe('2010AA billing provider address', () => {
  const bp = OFFICE_VISIT.billingProvider!;
  it('refuses a 5-digit ZIP (N403 must be the 9-digit ZIP)', () => {
    const r = write({
      ...OFFICE_VISIT,
      billingProvider: { ...bp, address: { ...bp.address!, postalCode: '62701' } },
    });
    expect(brief(r)).toEqual(['error x12_unwritable:bad_value:claims.0.billingProvider.address.postalCode']);
  });

  it('refuses a post office box (N301/N302 must be a street address)', () => {
    for (const line1 of ['PO Box 123', 'P.O. BOX 9', 'Post Office Box 4']) {
      const r = write({ ...OFFICE_VISIT, billingProvider: { ...bp, address: { ...bp.address!, line1 } } });
      expect(brief(r)).toEqual(['error x12_unwritable:bad_value:claims.0.billingProvider.address.line1']);
    }
    // "BOXWOOD LN" is a street.
    const street = { ...bp, address: { ...bp.address!, line1: '4 BOXWOOD LN' } };
    expect(write({ ...OFFICE_VISIT, billingProvider: street }).ok).toBe(true);
  });
});

describe('element lengths (005010X222A1 min/max), refused, never cut', () => {
  const bp = OFFICE_VISIT.billingProvider!;
  it.each([
    [
      'N301 of 56',
      {
        ...OFFICE_VISIT,
        patient: {
          ...OFFICE_VISIT.patient,
          address: { ...OFFICE_VISIT.patient.address!, line1: 'A'.repeat(56) },
        },
      },
      // The patient's address, written in 2010BA (self case): the issue points where the value is.
      'claims.0.patient.address.line1',
    ],
    [
      'N401 of 31',
      { ...OFFICE_VISIT, billingProvider: { ...bp, address: { ...bp.address!, city: 'C'.repeat(31) } } },
      'claims.0.billingProvider.address.city',
    ],
    [
      'NM103 of 61',
      { ...OFFICE_VISIT, payer: { ...OFFICE_VISIT.payer!, name: 'P'.repeat(61) } },
      'claims.0.payer.name',
    ],
    [
      'NM109 of 81',
      { ...OFFICE_VISIT, subscriber: { ...OFFICE_VISIT.subscriber!, memberId: '9'.repeat(81) } },
      'claims.0.subscriber.memberId',
    ],
    [
      'NM104 of 36',
      { ...OFFICE_VISIT, billingProvider: { ...bp, firstName: 'F'.repeat(36) } },
      'claims.0.billingProvider.firstName',
    ],
    [
      'SBR03 of 51',
      { ...OFFICE_VISIT, subscriber: { ...OFFICE_VISIT.subscriber!, groupNumber: 'G'.repeat(51) } },
      'claims.0.subscriber.groupNumber',
    ],
    [
      'REF02 of 51',
      { ...DRUG_AND_ANESTHESIA, payerClaimControlNumber: '7'.repeat(51) },
      'claims.0.payerClaimControlNumber',
    ],
  ] as [string, Claim, string][])('%s', (_name, claim, path) => {
    const r = write(claim);
    expect(r.ok).toBe(false);
    expect(brief(r)).toEqual([`error x12_unwritable:not_representable:${path}`]);
  });

  it('refuses the 200,000-character name, so nothing it writes is too long for its own stream reader', async () => {
    const r = write({
      ...OFFICE_VISIT,
      subscriber: { ...OFFICE_VISIT.subscriber!, lastName: 'N'.repeat(200_000) },
    });
    expect(r.ok).toBe(false);
    expect(brief(r)).toContain('error x12_unwritable:not_representable:claims.0.subscriber.lastName');
    // The longest names the elements allow read back in 64 KiB chunks as in one piece.
    const longest = write({
      ...OFFICE_VISIT,
      patient: { ...OFFICE_VISIT.patient, lastName: 'N'.repeat(60), firstName: 'F'.repeat(35) },
      subscriber: { ...OFFICE_VISIT.subscriber!, lastName: 'N'.repeat(60), firstName: 'F'.repeat(35) },
    });
    if (!longest.ok) throw new Error(longest.issues.map((i) => i.message).join('\n'));
    const text = longest.value;
    const chunks: string[] = [];
    for (let at = 0; at < text.length; at += 65_536) chunks.push(text.slice(at, at + 65_536));
    const items: X12ReadItem[] = [];
    for await (const item of parseX12837PStream(chunks)) items.push(item);
    expect(items.filter((i) => i.kind === 'claim')).toHaveLength(1);
    expect(items.filter((i) => i.kind === 'issue' || i.kind === 'rejected')).toEqual([]);
  });
});

describe('characters outside the X12 basic and extended character sets', () => {
  const munoz: Claim = {
    ...OFFICE_VISIT,
    patient: { ...OFFICE_VISIT.patient, lastName: 'MUÑOZ' },
    subscriber: { ...OFFICE_VISIT.subscriber!, lastName: 'MUÑOZ' },
  };
  it('refuses Muñoz by default, at the value path', () => {
    const r = write(munoz);
    expect(r.ok).toBe(false);
    expect(brief(r)).toEqual(['error x12_unwritable:bad_value:claims.0.subscriber.lastName']);
  });

  it('writes MUNOZ with a warning when transliterate is set, and an independent reader decodes it', () => {
    const r = toX12837P([munoz], { ...ENVELOPE, transliterate: true });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value).toContain('NM1*IL*1*MUNOZ*MARY');
    expect(brief(r)).toEqual(['warning x12_unwritable:transliterated:claims.0.subscriber.lastName']);
    // The warning says what happened to the value: written folded, not dropped.
    expect(r.issues[0]!.message).toBe(
      'claims[0].subscriber.lastName: 837P NM1: the value has characters outside the X12 character sets and is written transliterated, as "MUNOZ".',
    );
    expect(/^[\x20-\x7e]*$/.test(r.ok ? r.value : '')).toBe(true);
  });
});

describe('missing parties are reported in one call', () => {
  it('subscriber, payer and billing provider address together', () => {
    const { subscriber: _s, payer: _p, ...claim } = OFFICE_VISIT;
    const { address: _a, ...bp } = OFFICE_VISIT.billingProvider!;
    const r = write({ ...claim, billingProvider: bp } as Claim);
    expect(brief(r)).toEqual([
      'error x12_unwritable:missing:claims.0.subscriber',
      'error x12_unwritable:missing:claims.0.payer',
      'error x12_unwritable:missing:claims.0.billingProvider.address',
    ]);
  });
});

describe('dates of service before ICD-10-CM (2015-10-01)', () => {
  it('are refused rather than written with ABK/ABF qualifiers', () => {
    const lines = OFFICE_VISIT.lines.map((l) => ({ ...l, serviceDate: '2015-09-30' }));
    const r = write({ ...OFFICE_VISIT, lines });
    expect(brief(r)).toEqual([
      'error claim_invalid::claims.0.lines.0.serviceDate',
      'error claim_invalid::claims.0.lines.1.serviceDate',
    ]);
    expect(
      write({ ...OFFICE_VISIT, lines: lines.map((l) => ({ ...l, serviceDate: '2015-10-01' })) }).ok,
    ).toBe(true);
  });
});
