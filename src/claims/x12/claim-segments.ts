/**
 * The transaction body of the 837P reader: the hierarchy (HL), the loops 1000A–2010CA, the claim
 * (loop 2300) and its service lines (loop 2400), segment by segment.
 *
 * Loop and qualifier facts: ASC X12 837P implementation guide 005010X222A1 (loops 1000A–2400 and
 * their segments, as also encoded in the pyx12 map 837.5010.X222.A1.xml).
 *
 * @module
 */
import type { Address, Provider } from './model';
import { centsToMoney, toCents } from './money';
import { ICD10CM_UNDOTTED } from '../formats';
import type { X12Segment } from './tokenizer';
import {
  CLAIM_DTP,
  COB_START,
  LINE_DTP,
  OTHER_HI,
  SEGMENTS_837P,
  SEX,
  SKIPPED_NM1,
  SV101_QUALIFIERS,
} from './vocabulary';
import { dotDiagnosis, isoFromD8 } from './claim-draft';
import { isZipCode } from './segment-writer';
import type { X12SegmentReason } from '../../core/issues';
import type { ClaimDraft, Person } from './claim-draft';
import { finishClaim } from './claim-completion';
import type { X12ReaderState } from './reader-state';

/** Handles one segment between ST and SE (the envelope segments aside). */
export function onTransactionSegment(r: X12ReaderState, s: X12Segment): void {
  const e = s.elements;
  switch (s.id) {
    case 'BHT':
      if (e[1] !== '0019') r.problem(s, 'unknown_qualifier', 1, undefined, '0019', e[1]);
      return;
    case 'HL':
      onHl(r, s);
      return;
    case 'CLM':
      onClm(r, s);
      return;
  }
  // Segments of a claim that has no valid hierarchy above it: already reported at its CLM.
  if (r.loop === 'orphan') return;
  // A segment the 837P does not define is an error (a 999 would reject it), never skipped in silence.
  if (!SEGMENTS_837P.has(s.id)) {
    r.problem(
      s,
      'unknown_segment',
      undefined,
      undefined,
      'a segment of the 837P transaction set',
      s.id.slice(0, 40),
    );
    return;
  }
  if (r.loop === 'cob') {
    if (s.id === 'LX') onLx(r, s);
    return;
  }
  if (r.claim && COB_START.has(s.id)) {
    r.loop = 'cob';
    return;
  }
  switch (s.id) {
    case 'NM1':
      onNm1(r, s);
      return;
    case 'N3':
      onN3(r, s);
      return;
    case 'N4':
      onN4(r, s);
      return;
    case 'DMG':
      onDmg(r, s);
      return;
    case 'REF':
      if (r.loop === '2010AA' && r.provider && e[1] === 'EI') r.provider.provider.taxId = e[2] ?? '';
      // 2010AA REF*SY carries the billing provider's social security number (005010X222A1 loop
      // 2010AA REF01: EI or SY). The claim model's tax id is an EIN (the CMS-1500 item 25 EIN box,
      // REF*EI when written): an SSN read into it would be sent on as an EIN, so it is a valid
      // 837P qualifier medcode cannot represent.
      else if (r.loop === '2010AA' && r.provider && e[1] === 'SY')
        r.problem(
          s,
          'unsupported_qualifier',
          1,
          undefined,
          "EI (EIN); SY is a social security number, and the claim model's tax id is an EIN",
          e[1],
        );
      // 2300 REF*F8 Payer Claim Control Number: the claim a replacement (7) or void (8) refers to.
      else if (r.loop === '2300' && r.claim && e[1] === 'F8') r.claim.payerClaimControlNumber = e[2] ?? '';
      return;
    case 'PRV':
      onPrv(r, s);
      return;
    case 'SBR':
      onSbr(r, s);
      return;
    case 'PAT':
      if (r.loop === '2000C' && r.patient) r.patient.relationship = e[1] ?? '';
      return;
    case 'DTP':
      onDtp(r, s);
      return;
    case 'HI':
      onHi(r, s);
      return;
    case 'LX':
      onLx(r, s);
      return;
    case 'SV1':
      onSv1(r, s);
      return;
    case 'LIN':
      onLin(r, s);
      return;
    default:
      // Other 837P segments (PER, CUR, PWK, CN1, AMT, K3, NTE, CR1, CRC, HCP, CTP, QTY, MEA…)
      // carry nothing the claim model holds.
      return;
  }
}

function onHl(r: X12ReaderState, s: X12Segment): void {
  finishClaim(r);
  const [, id = '', parent = '', level = ''] = s.elements;
  const broken = (expected: string) => {
    r.problem(s, 'hl_structure', 2, undefined, expected, parent);
  };
  if (level === '20') {
    if (parent !== '') broken('no parent for a billing provider HL');
    r.provider = { id, provider: {}, errors: [] };
    r.subscriber = r.patient = undefined;
    r.loop = '2000A';
  } else if (level === '22') {
    r.patient = undefined;
    if (!r.provider || parent !== r.provider.id) {
      r.subscriber = undefined;
      broken(`the billing provider HL ${r.provider?.id ?? '(none)'}`);
      r.loop = 'none';
      return;
    }
    r.subscriber = { id, parent: r.provider, person: {}, payer: {}, errors: [] };
    r.loop = '2000B';
  } else if (level === '23') {
    if (!r.subscriber || parent !== r.subscriber.id) {
      r.patient = undefined;
      broken(`the subscriber HL ${r.subscriber?.id ?? '(none)'}`);
      r.loop = 'none';
      return;
    }
    r.patient = { id, parent: r.subscriber, person: {}, errors: [] };
    r.loop = '2000C';
  } else {
    r.problem(s, 'unknown_qualifier', 3, undefined, '20, 22 or 23', level);
    r.loop = 'none';
  }
}

function onNm1(r: X12ReaderState, s: X12Segment): void {
  const e = s.elements;
  const entity = e[1] ?? '';
  const name = (): Person => ({
    ...(e[4] ? { firstName: e[4] } : {}),
    ...(e[3] ? { lastName: e[3] } : {}),
  });
  const provider = (): Partial<Provider> => {
    if (e[8] !== 'XX') r.problem(s, 'unknown_qualifier', 8, undefined, 'XX (NPI)', e[8]);
    return {
      npi: e[9] ?? '',
      ...(e[3] ? { name: e[3] } : {}),
      ...(e[2] === '1' && e[4] ? { firstName: e[4] } : {}),
    };
  };
  switch (entity) {
    case '41':
      r.loop = '1000A';
      return;
    case '40':
      r.loop = '1000B';
      return;
    case '85':
      r.loop = '2010AA';
      if (r.provider) Object.assign(r.provider.provider, provider());
      return;
    case '87':
      r.loop = '2010AB';
      return;
    case 'IL':
      r.loop = '2010BA';
      if (r.subscriber) {
        Object.assign(r.subscriber.person, name());
        if (e[8] !== 'MI' && e[8] !== 'II')
          r.problem(s, 'unknown_qualifier', 8, undefined, 'MI (member id)', e[8]);
        r.subscriber.person.memberId = e[9] ?? '';
      }
      return;
    case 'PR':
      r.loop = '2010BB';
      if (r.subscriber) r.subscriber.payer = { name: e[3] ?? '', id: e[9] ?? '' };
      return;
    case 'QC':
      r.loop = '2010CA';
      if (r.patient) Object.assign(r.patient.person, name());
      return;
    case '82':
      if (r.claim && r.line) {
        r.loop = '2420A';
        r.lineRendering = provider();
        r.line.line.renderingProvider = r.lineRendering as Provider;
      } else if (r.claim) {
        r.loop = '2310B';
        r.claim.rendering = provider();
      }
      return;
    default:
      if (
        r.loop === '2000C' ||
        r.loop === '2010CA' ||
        r.loop === '2010BB' ||
        r.loop === '2010BA' ||
        r.loop === '2010AA' ||
        r.loop === '2000A' ||
        r.loop === '2000B' ||
        r.loop === '2010AB'
      ) {
        // 2010AC pay-to plan (PE) and 2010BB/2010AA siblings carry nothing we map.
        if (entity === 'PE') {
          r.loop = '2010AB';
          return;
        }
      }
      if (SKIPPED_NM1.has(entity)) {
        r.loop = r.line ? '2420x' : '2310x';
        return;
      }
      r.problem(s, 'unknown_qualifier', 1, undefined, 'an 837P NM101 entity code', entity);
      r.loop = r.line ? '2420x' : r.claim ? '2310x' : 'none';
  }
}

function address(
  r: X12ReaderState,
  s: X12Segment,
): Person | (Partial<Provider> & { address?: Address }) | undefined {
  switch (r.loop) {
    case '2010AA':
      return r.provider?.provider;
    case '2010BA':
      return r.subscriber?.person;
    case '2010CA':
      return r.patient?.person;
    default:
      void s;
      return undefined;
  }
}

function onN3(r: X12ReaderState, s: X12Segment): void {
  const target = address(r, s);
  if (!target) return;
  target.address = {
    line1: s.elements[1] ?? '',
    ...(s.elements[2] ? { line2: s.elements[2] } : {}),
    city: '',
    state: '',
    postalCode: '',
  };
}

function onN4(r: X12ReaderState, s: X12Segment): void {
  const target = address(r, s);
  if (!target) return;
  const a = target.address ?? { line1: '', city: '', state: '', postalCode: '' };
  target.address = {
    line1: a.line1,
    ...(a.line2 !== undefined ? { line2: a.line2 } : {}),
    city: s.elements[1] ?? '',
    state: s.elements[2] ?? '',
    postalCode: s.elements[3] ?? '',
  };
  checkN4Representable(r, s);
}

/**
 * What the claim model cannot take from an N4 as it stands, read with a warning (the address
 * precedes the claim, so the warning is the interchange's, at the segment's position). The model
 * holds a United States address with no country; every writer writes it so.
 * - N404 country code, sent when the address is outside the United States (005010X222A1 N4):
 *   the address is read without it, and would be written back as a US address.
 * - N403 postal code: a US address's ZIP code is 5 or 9 digits with no hyphen (X12 element 116;
 *   {@link isZipCode}), and the billing provider's (2010AA) all 9; the 837P writer refuses any
 *   other, so the claim could not be written back.
 */
function checkN4Representable(r: X12ReaderState, s: X12Segment): void {
  const country = s.elements[4] ?? '';
  const warn = (element: number, expected: string, received: string, reason: X12SegmentReason) =>
    r.out.push({
      kind: 'issue',
      issue: r.segmentIssue(s, reason, element, undefined, expected, received, 'warning'),
    });
  if (country !== '' && country !== 'US')
    warn(
      4,
      'no country: the claim model holds US addresses only, so the address is read without N404 and would be written back as a US address',
      country,
      'not_representable',
    );
  else if ((s.elements[3] ?? '') !== '' && !isZipCode(s.elements[3], r.loop === '2010AA'))
    warn(
      3,
      r.loop === '2010AA'
        ? "the billing provider's 9-digit ZIP code (ZIP+4, no hyphen): the 837P writer refuses this one"
        : 'a ZIP code of 5 or 9 digits, no hyphen (X12 element 116): the 837P writer refuses this one',
      s.elements[3] ?? '',
      'bad_value',
    );
}

function onDmg(r: X12ReaderState, s: X12Segment): void {
  const person =
    r.loop === '2010BA' ? r.subscriber?.person : r.loop === '2010CA' ? r.patient?.person : undefined;
  if (!person) return;
  const e = s.elements;
  if (e[1] !== 'D8') r.problem(s, 'unknown_qualifier', 1, undefined, 'D8', e[1]);
  const date = isoFromD8(e[2] ?? '');
  if (date === undefined) r.problem(s, 'bad_value', 2, undefined, 'a CCYYMMDD date of birth', e[2]);
  else person.birthDate = date;
  if (!SEX.has(e[3] ?? '')) r.problem(s, 'bad_value', 3, undefined, 'F, M or U', e[3]);
  else person.sex = e[3] as 'F' | 'M' | 'U';
}

function onPrv(r: X12ReaderState, s: X12Segment): void {
  const e = s.elements;
  if (e[2] !== 'PXC') {
    r.problem(s, 'unknown_qualifier', 2, undefined, 'PXC (taxonomy)', e[2]);
    return;
  }
  if (r.loop === '2000A' && r.provider && e[1] === 'BI') r.provider.provider.taxonomy = e[3] ?? '';
  else if (r.loop === '2310B' && r.claim?.rendering && e[1] === 'PE') r.claim.rendering.taxonomy = e[3] ?? '';
  else if (r.loop === '2420A' && r.lineRendering && e[1] === 'PE') r.lineRendering.taxonomy = e[3] ?? '';
}

function onSbr(r: X12ReaderState, s: X12Segment): void {
  if (r.loop !== '2000B' || !r.subscriber) return;
  const e = s.elements;
  if (e[2] !== '' && e[2] !== undefined && e[2] !== '18')
    r.problem(s, 'bad_value', 2, undefined, '18 or empty', e[2]);
  r.subscriber.sbr = s;
  if (e[3]) r.subscriber.groupNumber = e[3];
  if (e[9]) r.subscriber.filing = e[9];
  else r.problem(s, 'missing_element', 9, undefined, 'the claim filing indicator');
}

function onClm(r: X12ReaderState, s: X12Segment): void {
  finishClaim(r);
  const sub = r.subscriber;
  if (!sub) {
    r.syntax('unexpected_segment', s.position, 'CLM', 'a subscriber HL (22) before CLM');
    r.loop = 'orphan';
    r.claim = undefined;
    return;
  }
  const e = s.elements;
  const draft: ClaimDraft = {
    position: s.position,
    claimId: e[1] ?? '',
    totalPosition: s.position,
    diagnoses: [],
    hiSeen: false,
    lines: [],
    issues: [],
    errors: 0,
    subscriber: sub,
    ...(r.patient ? { patient: r.patient } : {}),
  };
  r.claim = draft;
  r.line = undefined;
  r.loop = '2300';
  if (sub.sbr) checkSbrForClaim(r, sub.sbr, draft);
  if (!draft.claimId) r.problem(s, 'missing_element', 1, undefined, 'the patient control number');
  const total = toCents(e[2] ?? '');
  if (total === undefined) r.problem(s, 'bad_value', 2, undefined, 'a decimal amount', e[2]);
  else draft.totalCents = total;
  const clm05 = (e[5] ?? '').split(s.separators.component);
  if (!/^\d{2}$/.test(clm05[0] ?? ''))
    r.problem(s, 'bad_value', 5, 1, 'a 2-digit place of service code', clm05[0]);
  else draft.pos = clm05[0]!;
  if (clm05[1] !== 'B')
    r.problem(s, 'unknown_qualifier', 5, 2, 'B (place of service codes for professional services)', clm05[1]);
  if (!/^\d$/.test(clm05[2] ?? ''))
    r.problem(s, 'bad_value', 5, 3, 'a 1-digit claim frequency code', clm05[2]);
  else draft.frequency = clm05[2]!;
}

/**
 * What the claim just opened cannot take from its subscriber's SBR as it stands (005010X222A1 loop
 * 2000B SBR):
 * - SBR01, the payer responsibility sequence (P primary, S secondary, T tertiary, A–H payer 4–11,
 *   U unknown): the claim model has no field for it and every writer sends the claim to the
 *   primary payer (SBR01 P). A claim under another SBR01 is read with a warning that says so,
 *   like the SV101-7 description the model cannot hold.
 * - SBR02, "required when the subscriber is the same person as the patient; if not required, do
 *   not send": the claim's patient is the subscriber exactly when no 2000C patient loop is open.
 *   SBR02 18 above a 2000C says both that the subscriber is the patient and that another person
 *   is, so which one the claim is for is unknown: an error. SBR02 empty with no 2000C leaves the
 *   subscriber as the only person described: the claim is read as the subscriber's own, with a
 *   warning that SBR02 should have said so. (Any other SBR02 is refused where SBR is read.)
 */
function checkSbrForClaim(r: X12ReaderState, sbr: X12Segment, draft: ClaimDraft): void {
  const e = sbr.elements;
  if (e[1] !== 'P')
    draft.issues.push(
      r.segmentIssue(
        sbr,
        'not_representable',
        1,
        undefined,
        'P (primary): the claim model holds no payer responsibility sequence, so the claim reads as a primary claim and is written back with SBR01 P',
        e[1] ?? '',
        'warning',
      ),
    );
  const sbr02 = e[2] ?? '';
  if (sbr02 === '18' && draft.patient)
    r.problem(
      sbr,
      'bad_value',
      2,
      undefined,
      'empty: SBR02 18 says the subscriber is the patient, but a 2000C patient loop follows',
      sbr02,
    );
  else if (sbr02 === '' && !draft.patient)
    draft.issues.push(
      r.segmentIssue(
        sbr,
        'missing_element',
        2,
        undefined,
        '18: without a 2000C patient loop the patient is the subscriber, and the claim is read so',
        undefined,
        'warning',
      ),
    );
}

function onDtp(r: X12ReaderState, s: X12Segment): void {
  const e = s.elements;
  const q = e[1] ?? '';
  if (r.line && (r.loop === '2400' || r.loop === '2410')) {
    if (!LINE_DTP.has(q)) {
      r.problem(s, 'unknown_qualifier', 1, undefined, 'an 837P 2400 DTP qualifier (472 service date)', q);
      return;
    }
    if (q !== '472') return;
    const line = r.line;
    if (e[2] === 'D8') {
      const d = isoFromD8(e[3] ?? '');
      if (d === undefined) {
        r.problem(s, 'bad_value', 3, undefined, 'a CCYYMMDD date', e[3]);
        return;
      }
      line.line.serviceDate = d;
    } else if (e[2] === 'RD8') {
      const [a = '', b = ''] = (e[3] ?? '').split('-');
      const from = isoFromD8(a);
      const to = isoFromD8(b);
      if (from === undefined || to === undefined || to < from) {
        r.problem(s, 'bad_value', 3, undefined, 'a CCYYMMDD-CCYYMMDD range', e[3]);
        return;
      }
      line.line.serviceDateFrom = from;
      line.line.serviceDateTo = to;
    } else {
      r.problem(s, 'unknown_qualifier', 2, undefined, 'D8 or RD8', e[2]);
      return;
    }
    line.hasDate = true;
    return;
  }
  if (r.claim && r.loop === '2300') {
    if (!CLAIM_DTP.has(q)) {
      r.problem(s, 'unknown_qualifier', 1, undefined, 'an 837P 2300 DTP qualifier', q);
      return;
    }
    if (q !== '435' && q !== '096') return;
    if (e[2] !== 'D8') {
      r.problem(s, 'unknown_qualifier', 2, undefined, 'D8', e[2]);
      return;
    }
    const d = isoFromD8(e[3] ?? '');
    if (d === undefined) {
      r.problem(s, 'bad_value', 3, undefined, 'a CCYYMMDD date', e[3]);
      return;
    }
    if (q === '435') r.claim.admissionDate = d;
    else r.claim.dischargeDate = d;
  }
}

function onHi(r: X12ReaderState, s: X12Segment): void {
  const claim = r.claim;
  if (!claim || r.loop !== '2300') return;
  const e = s.elements;
  const first = (e[1] ?? '').split(s.separators.component)[0] ?? '';
  if (OTHER_HI.has(first)) return;
  if (first === 'BK') {
    r.problem(s, 'unsupported_qualifier', 1, 1, 'ABK (ICD-10-CM); BK is ICD-9-CM', first);
    return;
  }
  if (first !== 'ABK') {
    r.problem(s, 'unknown_qualifier', 1, 1, 'ABK', first);
    return;
  }
  // One diagnosis HI per claim; ABK principal, then ABF (005010X222A1 loop 2300 HI, Health Care
  // Diagnosis Code).
  if (claim.hiSeen) {
    r.problem(s, 'too_many', 1, 1, 'one HI segment with ABK');
    return;
  }
  claim.hiSeen = true;
  if (e.length - 1 > 12) r.problem(s, 'too_many', 13, undefined, 'at most 12 diagnoses');
  for (let i = 1; i < e.length && i <= 12; i++) {
    const [q = '', code = ''] = (e[i] ?? '').split(s.separators.component);
    const expected = i === 1 ? 'ABK' : 'ABF';
    if (q !== expected) {
      r.problem(s, 'unknown_qualifier', i, 1, expected, q);
      continue;
    }
    // Shape shared with the writers (formats.ts): position 2 may be a letter (FY2026 QA0).
    if (!ICD10CM_UNDOTTED.test(code)) {
      r.problem(s, 'bad_value', i, 2, 'an undotted ICD-10-CM code', code);
      continue;
    }
    claim.diagnoses.push({ code: dotDiagnosis(code) });
  }
}

function onLx(r: X12ReaderState, s: X12Segment): void {
  const claim = r.claim;
  if (!claim) {
    r.problem(s, 'missing_segment', undefined, undefined, 'CLM before LX');
    r.loop = 'cob';
    return;
  }
  r.loop = '2400';
  r.lineRendering = undefined;
  const n = claim.lines.length + 1;
  if (s.elements[1] !== String(n)) r.problem(s, 'bad_value', 1, undefined, String(n), s.elements[1]);
  if (n > 50) r.problem(s, 'too_many', 1, undefined, 'at most 50 service lines');
  r.line = { position: s.position, sv1Position: s.position, line: {}, hasDate: false, hasSv1: false };
  claim.lines.push(r.line);
}

function onSv1(r: X12ReaderState, s: X12Segment): void {
  const line = r.line;
  if (!line || r.loop !== '2400') {
    r.problem(s, 'missing_segment', undefined, undefined, 'LX before SV1');
    return;
  }
  if (line.hasSv1) {
    r.problem(s, 'too_many', undefined, undefined, 'one SV1 per line');
    return;
  }
  line.hasSv1 = true;
  line.sv1Position = s.position;
  const e = s.elements;
  const comp = s.separators.component;
  const sv101 = (e[1] ?? '').split(comp);
  const q = sv101[0] ?? '';
  if (q !== 'HC') {
    if (SV101_QUALIFIERS.has(q)) r.problem(s, 'unsupported_qualifier', 1, 1, 'HC (HCPCS/CPT)', q);
    else r.problem(s, 'unknown_qualifier', 1, 1, 'HC', q);
  }
  const proc = sv101[1] ?? '';
  if (!/^[0-9A-Z]{5}$/.test(proc)) r.problem(s, 'bad_value', 1, 2, 'a 5-character CPT or HCPCS code', proc);
  line.line.procedure = proc;
  // SV101-3…6 modifiers: trailing empty components are absent (X12.6 lets empty components stand
  // before a later one, here SV101-7); an empty one before a modifier is still refused.
  const mods = sv101.slice(2, 6);
  while (mods.length > 0 && mods[mods.length - 1] === '') mods.pop();
  for (let m = 0; m < mods.length; m++) {
    if (!/^[0-9A-Z]{2}$/.test(mods[m]!))
      r.problem(s, 'bad_value', 1, m + 3, 'a 2-character modifier', mods[m]);
  }
  if (mods.length > 0) line.line.modifiers = mods;
  // SV101-7 description (005010X222A1: situational, for unlisted and not-otherwise-classified
  // codes): the claim model has no place for it, so the claim is read without it and a warning
  // says so.
  const description = sv101[6];
  if (description !== undefined && description !== '' && r.claim)
    r.claim.issues.push(
      r.segmentIssue(
        s,
        'not_representable',
        1,
        7,
        'no procedure description in the claim model',
        description,
        'warning',
      ),
    );
  const cents = toCents(e[2] ?? '');
  if (cents === undefined) r.problem(s, 'bad_value', 2, undefined, 'a decimal amount', e[2]);
  else {
    line.cents = cents;
    line.line.charge = centsToMoney(cents);
  }
  const basis = e[3] ?? '';
  if (basis !== 'UN' && basis !== 'MJ') r.problem(s, 'unknown_qualifier', 3, undefined, 'UN or MJ', basis);
  else line.line.unitBasis = basis;
  const unitsText = e[4] ?? '';
  const units = Number(unitsText);
  // X12 R: the leading zero may be left out (`.5`; ASC X12.6).
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(unitsText) || !(units > 0) || !Number.isFinite(units))
    r.problem(s, 'bad_value', 4, undefined, 'a positive quantity', unitsText);
  else line.line.units = units;
  if (e[5]) {
    if (!/^\d{2}$/.test(e[5]))
      r.problem(s, 'bad_value', 5, undefined, 'a 2-digit place of service code', e[5]);
    else line.line.placeOfService = e[5];
  }
  const pointersText = e[7] ?? '';
  if (pointersText === '') {
    r.problem(s, 'missing_element', 7, 1, 'a diagnosis pointer');
  } else {
    const parts = pointersText.split(comp);
    if (parts.length > 4) r.problem(s, 'too_many', 7, 5, 'at most 4 diagnosis pointers');
    const pointers: number[] = [];
    for (let p = 0; p < parts.length && p < 4; p++) {
      const v = parts[p]!;
      if (!/^\d{1,2}$/.test(v) || Number(v) < 1 || Number(v) > 12)
        r.problem(s, 'bad_value', 7, p + 1, 'a diagnosis pointer 1…12', v);
      else pointers.push(Number(v));
    }
    line.line.diagnosisPointers = pointers;
  }
}

function onLin(r: X12ReaderState, s: X12Segment): void {
  if (!r.line || (r.loop !== '2400' && r.loop !== '2410')) return;
  r.loop = '2410';
  const e = s.elements;
  if (e[2] !== 'N4') {
    r.problem(s, 'unsupported_qualifier', 2, undefined, 'N4 (NDC in 5-4-2 format)', e[2]);
    return;
  }
  if (!/^\d{11}$/.test(e[3] ?? '')) {
    r.problem(s, 'bad_value', 3, undefined, 'an 11-digit NDC', e[3]);
    return;
  }
  r.line.line.ndc = e[3]!;
}
