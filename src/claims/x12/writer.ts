/**
 * The 837P writer: claims in the medcode model → one ASC X12 005010X222A1 interchange.
 *
 * Loop and segment order follow the ASC X12 837P implementation guide 005010X222A1 (as also
 * encoded in the pyx12 map `837.5010.X222.A1.xml`). Each claim gets its own 2000A billing provider and 2000B
 * subscriber hierarchy (and 2000C patient when the patient is not the subscriber): the TR3 allows
 * the repetition and it lets any claim be read on its own.
 *
 * @module
 */
import { upperAscii } from '../../core/code-shape';
import { prepareClaimForOutput } from '../output-check';
import { withPathPrefix } from '../internal';
import type { Result } from '../../core/result';
import { failure, success } from '../../core/result';
import {
  ICD10CM_UNDOTTED,
  MODIFIER_CODE,
  POS_CODE,
  PROCEDURE_CODE,
  isWritableUnits,
  toNdc11,
} from '../formats';

export { toNdc11 } from '../formats';
import type { Address, Claim, ClaimLine, Provider } from './model';
import { createIssue } from '../../core/issues';
import { toIsoDate } from '../../core/dates';
import type { IssuePath } from '../../core/issues';
import { centsToX12, toCents } from './money';
import { X12_837P_VERSION } from './envelope';
import type { X12Envelope, X12Separators } from './envelope';
import { Problems, SegmentWriter, checkSeparators, str, padRight } from './segment-writer';
import type { X12Element } from './segment-writer';

/**
 * The outcome of {@link toX12837P}: the interchange text, or why it could not be written.
 *
 * @example
 * ```ts
 * const r = toX12837P(claims, envelope);
 * if (r.ok) save(r.value); else report(r.issues);
 * ```
 */
export type X12WriteResult = Result<string>;

const MAX_DIAGNOSES = 12; // 005010X222A1 loop 2300 HI: 12 composites (HI01–HI12).
const MAX_LINES = 50; // 005010X222A1 loop 2400 repeats 50 times.
const MAX_MODIFIERS = 4; // 005010X222A1 loop 2400 SV101-3…SV101-6.
const MAX_POINTERS = 4; // 005010X222A1 loop 2400 SV107-1…SV107-4, values 1–12.

// Code shapes shared with the FHIR and CMS-1500 writers (formats.ts).
const DIAGNOSIS = ICD10CM_UNDOTTED;
const PROCEDURE = PROCEDURE_CODE;
const MODIFIER = MODIFIER_CODE;
const POS = POS_CODE;
const NPI = /^\d{10}$/;
const TAX_ID = /^\d{9}$/;
const TAXONOMY = /^[0-9A-Z]{9}X$/;
/** A post office or lock box in an address line ("PO Box 123", "P.O. BOX", "Post Office Box", "Lock Box"). */
const PO_BOX = /\b(?:P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|LOCK\s*BOX)\b/i;
const ZIP9 = /^\d{9}$/;
const BILLING_ADDRESS = 'the billing provider street address (not a post office or lock box)';
const CREATED_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Writes claims as one X12 837P (005010X222A1) interchange: ISA/GS/ST, BHT, 1000A/1000B, and per
 * claim 2000A/2010AA, 2000B/2010BA/2010BB, 2000C/2010CA when the patient is not the subscriber,
 * 2300 CLM/DTP/HI, 2310B, and 2400 LX/SV1/DTP*472 with 2410 LIN/CTP and 2420A.
 *
 * CLM02 is the exact sum of the lines' SV102 (integer cents, never floats); diagnoses go undotted,
 * ABK then ABF; SV107 carries the 1-based pointers; HL numbers, SE01 counts and the ISA/GS/ST
 * control numbers with their trailers are computed. Any input is accepted: problems come back as
 * issues (`x12_unwritable`, `invalid_option`, `invalid_type`), never as exceptions.
 *
 * Not representable in the 837P and dropped with a warning: diagnosis POA indicators, the
 * rendering provider's tax id and address.
 *
 * @example
 * ```ts
 * const result = toX12837P([claim], {
 *   sender: { id: 'SUBMITTER01' }, receiver: { id: 'PAYER01' },
 *   submitter: { name: 'ACME BILLING', id: 'S123', contactName: 'JANE DOE', phone: '5555550100' },
 *   receiverName: 'MEDICARE B', interchangeControlNumber: 1, createdAt: '2026-05-02T10:30',
 * });
 * if (result.ok) fs.writeFileSync('claims.837', result.value);
 * ```
 */
export function toX12837P(claims: readonly Claim[], envelope: X12Envelope): X12WriteResult {
  try {
    return writeInterchange(claims, envelope);
  } catch {
    // Only reachable with exotic input (a getter or Proxy that throws while being read).
    const issue = createIssue({
      code: 'invalid_type',
      severity: 'error',
      path: [],
      codes: [],
      expected: 'plain claim and envelope data',
      received: 'an object that throws when read',
    });
    return failure([issue]);
  }
}

function writeInterchange(claims: readonly Claim[], envelope: X12Envelope): X12WriteResult {
  const problems = new Problems();
  if (!Array.isArray(claims)) {
    problems.list.push(
      createIssue({
        code: 'invalid_type',
        severity: 'error',
        path: ['claims'],
        codes: [],
        expected: 'an array of claims',
        received: describe(claims),
      }),
    );
    return failure(problems.list);
  }
  if (claims.length === 0) problems.add(['claims'], 'CLM', 'missing', 'at least one claim');
  const env = checkEnvelope(envelope, problems);
  if (env === undefined) return failure(problems.list);
  const w = new SegmentWriter(env.sep, env.lineBreaks, problems, env.transliterate);
  const e = (v: string, field: string, element?: X12Element) =>
    w.value(v, ['envelope', field], 'envelope', element);

  w.seg(
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    padRight(e(env.senderQualifier, 'sender'), 2),
    padRight(e(env.senderId, 'sender'), 15),
    padRight(e(env.receiverQualifier, 'receiver'), 2),
    padRight(e(env.receiverId, 'receiver'), 15),
    env.date.slice(2),
    env.time,
    env.sep.repetition,
    '00501',
    String(env.icn).padStart(9, '0'),
    '0',
    env.usage,
    env.sep.component,
  );
  w.seg(
    'GS',
    'HC',
    e(env.appSender, 'applicationSender'),
    e(env.appReceiver, 'applicationReceiver'),
    env.date,
    env.time,
    String(env.gcn),
    'X',
    X12_837P_VERSION,
  );

  const perTx = env.maxPerTx;
  let transactions = 0;
  for (let start = 0; start === 0 || start < claims.length; start += perTx) {
    transactions++;
    const stControl = String(transactions).padStart(4, '0');
    const first = w.segments;
    w.seg('ST', '837', stControl, X12_837P_VERSION);
    w.seg('BHT', '0019', '00', e(env.batchId, 'batchId', 'BHT03'), env.date, env.time, env.transactionType);
    w.seg(
      'NM1',
      '41',
      '2',
      e(env.submitter.name, 'submitter', 'NM103'),
      '',
      '',
      '',
      '',
      '46',
      e(env.submitter.id, 'submitter', 'NM109'),
    );
    const per = ['IC', e(env.submitter.contactName, 'submitter', 'PER02')];
    if (env.submitter.phone) per.push('TE', e(env.submitter.phone, 'submitter', 'PER04'));
    if (env.submitter.email) per.push('EM', e(env.submitter.email, 'submitter', 'PER04'));
    w.seg('PER', ...per);
    w.seg(
      'NM1',
      '40',
      '2',
      e(env.receiverName, 'receiverName', 'NM103'),
      '',
      '',
      '',
      '',
      '46',
      e(env.receiver1000B, 'receiverId', 'NM109'),
    );
    const hl = { n: 0 };
    const end = Math.min(claims.length, start + perTx);
    for (let i = start; i < end; i++) writeClaim(w, claims[i], i, hl, problems);
    // SE01 counts every segment from ST to SE inclusive.
    w.seg('SE', String(w.segments - first + 1), stControl);
    if (claims.length === 0) break;
  }
  w.seg('GE', String(transactions), String(env.gcn));
  w.seg('IEA', '1', String(env.icn).padStart(9, '0'));
  if (problems.errors > 0) return failure(problems.list);
  return success(w.text(), problems.list);
}

interface CheckedEnvelope {
  sep: X12Separators;
  lineBreaks: boolean;
  transliterate: boolean;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  appSender: string;
  appReceiver: string;
  receiver1000B: string;
  receiverName: string;
  submitter: { name: string; id: string; contactName: string; phone: string; email: string };
  icn: number;
  gcn: number;
  date: string;
  time: string;
  usage: string;
  batchId: string;
  transactionType: string;
  maxPerTx: number;
}

function checkEnvelope(input: unknown, problems: Problems): CheckedEnvelope | undefined {
  if (input === null || typeof input !== 'object') {
    problems.list.push(
      createIssue({
        code: 'invalid_type',
        severity: 'error',
        path: ['envelope'],
        codes: [],
        expected: 'an X12Envelope object',
        received: describe(input),
      }),
    );
    return undefined;
  }
  const env = input as Partial<Record<keyof X12Envelope, unknown>>;
  const before = problems.errors;
  const sep = checkSeparators(env.separators, problems);
  const party = (v: unknown, name: string) => {
    const p = v !== null && typeof v === 'object' ? (v as { qualifier?: unknown; id?: unknown }) : {};
    const id = str(p.id);
    const qualifier = p.qualifier === undefined ? 'ZZ' : str(p.qualifier);
    if (id.length < 1 || id.length > 15) problems.option(name, 'an id of 1–15 characters (ISA06/ISA08)');
    if (qualifier.length !== 2) problems.option(name, 'a 2-character id qualifier (ISA05/ISA07)');
    return { id, qualifier };
  };
  const sender = party(env.sender, 'sender');
  const receiver = party(env.receiver, 'receiver');
  const sub =
    env.submitter !== null && typeof env.submitter === 'object'
      ? (env.submitter as Partial<Record<string, unknown>>)
      : {};
  const submitter = {
    name: str(sub.name),
    id: str(sub.id),
    contactName: str(sub.contactName),
    phone: str(sub.phone),
    email: str(sub.email),
  };
  if (!submitter.name || !submitter.id || !submitter.contactName || (!submitter.phone && !submitter.email)) {
    problems.option('submitter', 'name, id, contactName and a phone or email (loop 1000A NM1*41 and PER)');
  }
  const receiverName = str(env.receiverName);
  if (!receiverName) problems.option('receiverName', 'the receiver name (loop 1000B NM1*40)');
  const icn = env.interchangeControlNumber;
  if (typeof icn !== 'number' || !Number.isInteger(icn) || icn < 1 || icn > 999_999_999)
    problems.option('interchangeControlNumber', 'an integer 1…999999999 (ISA13)');
  const gcn = env.groupControlNumber ?? icn;
  if (
    env.groupControlNumber !== undefined &&
    (typeof gcn !== 'number' || !Number.isInteger(gcn) || gcn < 1 || gcn > 999_999_999)
  )
    problems.option('groupControlNumber', 'an integer 1…999999999 (GS06)');
  // ISA09/GS04 dates and ISA10/GS05 times must be real (X12 DT: CCYYMMDD; TM: HHMM, 00–23 and
  // 00–59): a real calendar day, hour 00–23, minute 00–59.
  const createdMatch = CREATED_AT.exec(str(env.createdAt));
  const created =
    createdMatch &&
    toIsoDate(`${createdMatch[1]}-${createdMatch[2]}-${createdMatch[3]}`) !== undefined &&
    Number(createdMatch[4]) <= 23 &&
    Number(createdMatch[5]) <= 59
      ? createdMatch
      : null;
  if (!created)
    problems.option('createdAt', 'a real local date-time YYYY-MM-DDTHH:MM (hour 00–23, minute 00–59)');
  const usage = env.usage ?? 'P';
  if (usage !== 'P' && usage !== 'T') problems.option('usage', "'P' or 'T' (ISA15)");
  const transactionType = env.transactionType ?? 'CH';
  if (transactionType !== 'CH' && transactionType !== 'RP')
    problems.option('transactionType', "'CH' or 'RP' (BHT06)");
  const maxPerTx = env.maxClaimsPerTransaction ?? 5000;
  if (typeof maxPerTx !== 'number' || !Number.isInteger(maxPerTx) || maxPerTx < 1)
    problems.option('maxClaimsPerTransaction', 'a positive integer');
  if (problems.errors > before || !created) return undefined;
  return {
    sep,
    lineBreaks: env.lineBreaks === true,
    transliterate: env.transliterate === true,
    senderQualifier: sender.qualifier,
    senderId: sender.id,
    receiverQualifier: receiver.qualifier,
    receiverId: receiver.id,
    appSender: env.applicationSender === undefined ? sender.id : str(env.applicationSender),
    appReceiver: env.applicationReceiver === undefined ? receiver.id : str(env.applicationReceiver),
    receiver1000B: env.receiverId === undefined ? receiver.id : str(env.receiverId),
    receiverName,
    submitter,
    icn: icn as number,
    gcn: gcn as number,
    date: `${created[1]}${created[2]}${created[3]}`,
    time: `${created[4]}${created[5]}`,
    usage: usage as string,
    batchId: env.batchId === undefined ? String(icn) : str(env.batchId),
    transactionType: transactionType as string,
    maxPerTx: maxPerTx as number,
  };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return typeof v;
}

const d8 = (iso: string) => iso.replaceAll('-', '');

/**
 * Writes one claim's loops. On any error the claim's segments are rolled back so that no half
 * claim is ever emitted; the call as a whole then fails.
 */
function writeClaim(
  w: SegmentWriter,
  input: unknown,
  index: number,
  hl: { n: number },
  problems: Problems,
): void {
  const base: IssuePath = ['claims', index];
  // The claim's shape and values are the shared output check's business: the same issues as the
  // FHIR and CMS-1500 writers, so that the three accept and refuse the same claims.
  const parsed = prepareClaimForOutput(input);
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      problems.list.push(withPathPrefix(issue, base));
      if (issue.severity === 'error') problems.errors++;
    }
    return;
  }
  const claim = parsed.value;
  const errorsBefore = problems.errors;
  const mark = w.mark();
  const hlMark = hl.n;
  const v = (value: string, path: IssuePath, segment: string, element?: X12Element) =>
    w.value(value, path, segment, element, base);
  const need = <T>(value: T | undefined, path: IssuePath, segment: string, expected: string): value is T => {
    if (value === undefined || value === '') {
      problems.add([...base, ...path], segment, 'missing', expected);
      return false;
    }
    return true;
  };
  const check = (ok: boolean, path: IssuePath, segment: string, expected: string, input: unknown) => {
    if (!ok) problems.add([...base, ...path], segment, 'bad_value', expected, input);
  };

  const bp = claim.billingProvider;
  const sub = claim.subscriber;
  const payer = claim.payer;
  // Every missing party is reported in one call, not one per attempt.
  const hasBilling = need(bp, ['billingProvider'], '2010AA NM1*85', 'a billing provider');
  const hasSubscriber = need(sub, ['subscriber'], '2010BA NM1*IL', 'a subscriber');
  const hasPayer = need(payer, ['payer'], '2010BB NM1*PR', 'a payer');
  if (hasBilling) need(bp.address, ['billingProvider', 'address'], '2010AA N3/N4', BILLING_ADDRESS);
  if (!hasBilling || !hasSubscriber || !hasPayer) return;
  const self = (sub.relationship ?? '18') === '18';

  // ---- 2000A billing provider (HL03 = 20) -----------------------------------------------------
  const hlProvider = ++hl.n;
  w.seg('HL', String(hlProvider), '', '20', '1');
  if (bp.taxonomy !== undefined) {
    check(
      TAXONOMY.test(bp.taxonomy),
      ['billingProvider', 'taxonomy'],
      '2000A PRV',
      'a 10-character provider taxonomy code',
      bp.taxonomy,
    );
    w.seg('PRV', 'BI', 'PXC', v(bp.taxonomy, ['billingProvider', 'taxonomy'], 'PRV'));
  }
  writeProviderName(w, '85', bp, ['billingProvider'], '2010AA NM1*85', base, problems);
  if (bp.address !== undefined) {
    const path: IssuePath = [...base, 'billingProvider', 'address'];
    // 2010AA N301/N302: "The Billing Provider Address must be a street address. Post Office Box
    // or Lock Box addresses are to be sent in the Pay-To Address Loop (Loop ID-2010AB)"; N403:
    // "When reporting the ZIP code for U.S. addresses, the full nine digit ZIP code must be
    // provided" (005010X222A1 loop 2010AA N3 and N4 notes).
    if (PO_BOX.test(bp.address.line1))
      problems.add([...path, 'line1'], '2010AA N301', 'bad_value', BILLING_ADDRESS, bp.address.line1);
    if (bp.address.line2 !== undefined && PO_BOX.test(bp.address.line2))
      problems.add([...path, 'line2'], '2010AA N302', 'bad_value', BILLING_ADDRESS, bp.address.line2);
    if (!ZIP9.test(bp.address.postalCode))
      problems.add(
        [...path, 'postalCode'],
        '2010AA N403',
        'bad_value',
        'the full 9-digit ZIP code (ZIP+4, without the hyphen)',
        bp.address.postalCode,
      );
    writeAddress(w, bp.address, path, '2010AA');
  }
  // REF*EI (EIN) or REF*SY (SSN) is required in 2010AA; medcode writes the EIN form.
  if (need(bp.taxId, ['billingProvider', 'taxId'], '2010AA REF*EI', 'the billing provider tax id (EIN)')) {
    const ein = bp.taxId.replace('-', '');
    check(TAX_ID.test(ein), ['billingProvider', 'taxId'], '2010AA REF*EI', '9 digits', bp.taxId);
    w.seg('REF', 'EI', v(ein, ['billingProvider', 'taxId'], 'REF'));
  }

  // ---- 2000B subscriber (HL03 = 22) ------------------------------------------------------------
  const hlSubscriber = ++hl.n;
  w.seg('HL', String(hlSubscriber), String(hlProvider), '22', self ? '0' : '1');
  // SBR01 payer responsibility: medcode writes primary (P). SBR02 = 18 only when the subscriber is
  // the patient; SBR09 claim filing indicator is required.
  if (
    need(
      payer.claimFilingIndicator,
      ['payer', 'claimFilingIndicator'],
      '2000B SBR09',
      'the claim filing indicator (e.g. MB, CI)',
    )
  ) {
    check(
      /^[0-9A-Z]{2}$/.test(payer.claimFilingIndicator),
      ['payer', 'claimFilingIndicator'],
      '2000B SBR09',
      'a 2-character claim filing indicator code',
      payer.claimFilingIndicator,
    );
    w.seg(
      'SBR',
      'P',
      self ? '18' : '',
      v(sub.groupNumber ?? '', ['subscriber', 'groupNumber'], 'SBR', 'SBR03'),
      '',
      '',
      '',
      '',
      '',
      v(payer.claimFilingIndicator, ['payer'], 'SBR'),
    );
  }
  w.seg(
    'NM1',
    'IL',
    '1',
    v(sub.lastName, ['subscriber', 'lastName'], 'NM1', 'NM103'),
    v(sub.firstName ?? '', ['subscriber', 'firstName'], 'NM1', 'NM104'),
    '',
    '',
    '',
    'MI',
    v(sub.memberId, ['subscriber', 'memberId'], 'NM1', 'NM109'),
  );
  need(sub.lastName, ['subscriber', 'lastName'], '2010BA NM1*IL', 'the subscriber last name');
  need(sub.memberId, ['subscriber', 'memberId'], '2010BA NM1*IL', 'the member id');
  // 2010BA N3/N4 and DMG: "Required when the patient is the subscriber or considered to be the
  // subscriber. If not required by this implementation guide, do not send." (005010X222A1 loop
  // 2010BA N3, N4 and DMG situational rules.) A dependent's subscriber address and demographics
  // have no place in the 837P.
  if (self) {
    const subAddress = sub.address ?? claim.patient.address;
    if (subAddress) writeAddress(w, subAddress, [...base, 'subscriber', 'address'], '2010BA');
    w.seg('DMG', 'D8', d8(claim.patient.birthDate), claim.patient.sex);
  } else {
    for (const field of ['address', 'birthDate', 'sex'] as const) {
      if (sub[field] !== undefined)
        problems.add(
          [...base, 'subscriber', field],
          field === 'address' ? '2010BA N3/N4' : '2010BA DMG',
          'not_representable',
          "sent only when the subscriber is the patient (the patient's are in 2010CA)",
        );
    }
  }
  need(payer.name, ['payer', 'name'], '2010BB NM1*PR', 'the payer name');
  need(payer.id, ['payer', 'id'], '2010BB NM1*PR', 'the payer id');
  w.seg(
    'NM1',
    'PR',
    '2',
    v(payer.name, ['payer', 'name'], 'NM1', 'NM103'),
    '',
    '',
    '',
    '',
    'PI',
    v(payer.id, ['payer', 'id'], 'NM1', 'NM109'),
  );

  // ---- 2000C patient (HL03 = 23), only when the patient is not the subscriber ----------------
  if (!self) {
    w.seg('HL', String(++hl.n), String(hlSubscriber), '23', '0');
    w.seg('PAT', sub.relationship ?? '');
    const p = claim.patient;
    need(
      p.lastName,
      ['patient', 'lastName'],
      '2010CA NM1*QC',
      'the patient last name (the patient is not the subscriber)',
    );
    w.seg(
      'NM1',
      'QC',
      '1',
      v(p.lastName ?? '', ['patient', 'lastName'], 'NM1', 'NM103'),
      v(p.firstName ?? '', ['patient', 'firstName'], 'NM1', 'NM104'),
    );
    if (p.address) writeAddress(w, p.address, [...base, 'patient', 'address'], '2010CA');
    w.seg('DMG', 'D8', d8(p.birthDate), p.sex);
  } else {
    // One person: the 837P carries the patient's name and address as the subscriber's (2010BA).
    const p = claim.patient;
    const differs = (a: unknown, b: unknown) =>
      a !== undefined && b !== undefined && JSON.stringify(a) !== JSON.stringify(b);
    if (
      differs(p.lastName, sub.lastName) ||
      differs(p.firstName, sub.firstName) ||
      (sub.address !== undefined && differs(p.address, sub.address))
    ) {
      problems.add(
        [...base, 'patient'],
        '2010BA NM1*IL',
        'not_representable',
        "the subscriber's name and address (the patient is the subscriber)",
      );
    }
  }

  // ---- 2300 claim ------------------------------------------------------------------------------
  const lines = claim.lines;
  if (lines.length === 0) problems.add([...base, 'lines'], '2400 LX', 'missing', 'at least one service line');
  if (lines.length > MAX_LINES)
    problems.add([...base, 'lines'], '2400 LX', 'too_many', `at most ${MAX_LINES} service lines`);
  let total = 0;
  const charges: string[] = [];
  for (let j = 0; j < lines.length; j++) {
    const cents = toCents(lines[j]!.charge);
    if (cents === undefined) {
      problems.add(
        [...base, 'lines', j, 'charge'],
        '2400 SV102',
        'bad_value',
        'a decimal amount',
        lines[j]!.charge,
      );
      charges.push('');
    } else {
      total += cents;
      charges.push(centsToX12(cents));
    }
  }
  const pos = claim.placeOfService;
  check(POS.test(pos), ['placeOfService'], '2300 CLM05-1', 'a 2-digit place of service code', pos);
  const frequency = claim.frequencyCode ?? '1';
  check(
    /^\d$/.test(frequency),
    ['frequencyCode'],
    '2300 CLM05-3',
    'a 1-digit claim frequency code (1 original, 7 replacement, 8 void)',
    frequency,
  );
  need(claim.claimId, ['claimId'], '2300 CLM01', 'the patient control number');
  // CLM02 = sum of SV102 (layout notes, "Claim level — loop 2300"); CLM05 = POS:B:frequency;
  // CLM06 Y signature on file, CLM07 A assigned, CLM08 Y benefits assigned, CLM09 Y release.
  w.seg(
    'CLM',
    v(claim.claimId, ['claimId'], 'CLM', 'CLM01'),
    centsToX12(total),
    '',
    '',
    w.composite([pos, 'B', frequency]),
    'Y',
    'A',
    'Y',
    'Y',
  );
  if (claim.admissionDate !== undefined) w.seg('DTP', '435', 'D8', d8(claim.admissionDate));
  if (claim.dischargeDate !== undefined) w.seg('DTP', '096', 'D8', d8(claim.dischargeDate));
  // REF*F8 Payer Claim Control Number: "Required when CLM05-3 (Claim Frequency Type Code)
  // indicates this claim is a replacement or void to a previously adjudicated claim"
  // (005010X222A1 loop 2300 REF*F8; the shared output check refuses 7/8 without it).
  if (claim.payerClaimControlNumber !== undefined && frequency !== '1')
    w.seg('REF', 'F8', v(claim.payerClaimControlNumber, ['payerClaimControlNumber'], 'REF*F8', 'REF02'));
  else if (claim.payerClaimControlNumber !== undefined)
    problems.add(
      [...base, 'payerClaimControlNumber'],
      '2300 REF*F8',
      'not_representable',
      'sent only for a replacement (7) or void (8)',
    );

  // HI: HI01-1 ABK (principal ICD-10-CM), HI02…HI12-1 ABF, codes without the dot (005010X222A1
  // loop 2300 HI, and its rule that ICD codes are sent without the decimal point; CMS FAQ12889).
  const dx = claim.diagnoses;
  if (dx.length === 0) problems.add([...base, 'diagnoses'], '2300 HI', 'missing', 'at least one diagnosis');
  if (dx.length > MAX_DIAGNOSES)
    problems.add([...base, 'diagnoses'], '2300 HI', 'too_many', `at most ${MAX_DIAGNOSES} diagnoses`);
  const hi: string[] = [];
  for (let k = 0; k < dx.length && k < MAX_DIAGNOSES; k++) {
    const d = dx[k]!;
    const code = upperAscii(d.code.replace('.', ''));
    check(DIAGNOSIS.test(code), ['diagnoses', k, 'code'], '2300 HI', 'an ICD-10-CM code', d.code);
    if (d.poa !== undefined && d.poa !== '')
      problems.add(
        [...base, 'diagnoses', k, 'poa'],
        '2300 HI',
        'not_representable',
        'POA is reported on institutional (837I) claims only',
      );
    hi.push(w.composite([k === 0 ? 'ABK' : 'ABF', v(code, ['diagnoses', k, 'code'], 'HI')]));
  }
  if (hi.length > 0) w.seg('HI', ...hi);

  // 2310B rendering provider (NM1*82, PRV*PE*PXC).
  if (claim.renderingProvider)
    writeRendering(w, claim.renderingProvider, [...base, 'renderingProvider'], '2310B', problems);

  // ---- 2400 service lines ----------------------------------------------------------------------
  for (let j = 0; j < lines.length && j < MAX_LINES; j++) {
    writeLine(w, lines[j]!, charges[j]!, pos, dx.length, [...base, 'lines', j], problems);
  }

  if (problems.errors > errorsBefore) {
    // Roll back: a claim with an error is not written at all.
    w.rollback(mark);
    hl.n = hlMark;
  }
}

function writeLine(
  w: SegmentWriter,
  line: ClaimLine,
  charge: string,
  claimPos: string,
  dxCount: number,
  path: IssuePath,
  problems: Problems,
): void {
  const lineNo = (path[path.length - 1] as number) + 1;
  w.seg('LX', String(lineNo));
  const proc = upperAscii(line.procedure);
  if (!PROCEDURE.test(proc))
    problems.add(
      [...path, 'procedure'],
      '2400 SV101-2',
      'bad_value',
      'a 5-character CPT or HCPCS code',
      line.procedure,
    );
  const mods = line.modifiers ?? [];
  if (mods.length > MAX_MODIFIERS)
    problems.add([...path, 'modifiers'], '2400 SV101', 'too_many', `at most ${MAX_MODIFIERS} modifiers`);
  const sv101 = ['HC', w.value(proc, [...path, 'procedure'], 'SV1')];
  for (let m = 0; m < mods.length && m < MAX_MODIFIERS; m++) {
    const mod = upperAscii(mods[m]!);
    if (!MODIFIER.test(mod))
      problems.add([...path, 'modifiers', m], '2400 SV101', 'bad_value', 'a 2-character modifier', mods[m]);
    sv101.push(w.value(mod, [...path, 'modifiers', m], 'SV1'));
  }
  const units = String(line.units);
  if (!isWritableUnits(line.units))
    problems.add(
      [...path, 'units'],
      '2400 SV104',
      'bad_value',
      'a positive quantity with at most 3 decimals',
      line.units,
    );
  // SV105 only when the line's place of service differs from CLM05-1 (005010X222A1 loop 2400 SV105).
  const linePos =
    line.placeOfService !== undefined && line.placeOfService !== claimPos ? line.placeOfService : '';
  if (linePos !== '' && !POS.test(linePos))
    problems.add(
      [...path, 'placeOfService'],
      '2400 SV105',
      'bad_value',
      'a 2-digit place of service code',
      linePos,
    );
  const pointers = line.diagnosisPointers ?? [];
  if (pointers.length === 0)
    problems.add(
      [...path, 'diagnosisPointers'],
      '2400 SV107',
      'missing',
      'at least one diagnosis pointer (SV107-1 is required)',
    );
  if (pointers.length > MAX_POINTERS)
    problems.add(
      [...path, 'diagnosisPointers'],
      '2400 SV107',
      'too_many',
      `at most ${MAX_POINTERS} pointers`,
    );
  for (let p = 0; p < pointers.length; p++) {
    const ptr = pointers[p]!;
    if (!(ptr >= 1 && ptr <= Math.min(dxCount, MAX_DIAGNOSES)))
      problems.add(
        [...path, 'diagnosisPointers', p],
        '2400 SV107',
        'bad_value',
        `a diagnosis position 1…${Math.min(dxCount, MAX_DIAGNOSES)}`,
        ptr,
      );
  }
  w.seg(
    'SV1',
    w.composite(sv101),
    charge,
    line.unitBasis ?? 'UN',
    units,
    linePos,
    '',
    w.composite(pointers.slice(0, MAX_POINTERS).map(String)),
  );
  // DTP*472: D8 for one date, RD8 for a span (005010X222A1 loop 2400 DTP*472).
  if (line.serviceDate !== undefined) w.seg('DTP', '472', 'D8', d8(line.serviceDate));
  else if (line.serviceDateFrom !== undefined)
    w.seg(
      'DTP',
      '472',
      'RD8',
      `${d8(line.serviceDateFrom)}-${d8(line.serviceDateTo ?? line.serviceDateFrom)}`,
    );
  // 2410 drug identification: LIN02 N4 + 11-digit NDC, CTP04 quantity, CTP05-1 unit.
  if (line.ndc !== undefined) {
    const ndc = toNdc11(line.ndc);
    if (ndc === undefined)
      problems.add(
        [...path, 'ndc'],
        '2410 LIN03',
        'bad_value',
        'an NDC in 11-digit or 10-digit hyphenated (4-4-2, 5-3-2, 5-4-1) form',
        line.ndc,
      );
    w.seg('LIN', '', 'N4', w.value(ndc ?? '', [...path, 'ndc'], '2410 LIN', 'LIN03'));
    // The model has no separate drug quantity: the line's units are sent as CTP04 in units (UN).
    w.seg('CTP', '', '', '', units, 'UN');
  }
  if (line.renderingProvider)
    writeRendering(w, line.renderingProvider, [...path, 'renderingProvider'], '2420A', problems);
}

function writeProviderName(
  w: SegmentWriter,
  entity: string,
  p: Provider,
  rel: IssuePath,
  segment: string,
  base: IssuePath,
  problems: Problems,
): void {
  const path = [...base, ...rel];
  if (!NPI.test(p.npi)) problems.add([...path, 'npi'], segment, 'bad_value', 'a 10-digit NPI', p.npi);
  if (p.name === undefined || p.name === '')
    problems.add([...path, 'name'], segment, 'missing', 'the provider (organization or last) name');
  const person = p.firstName !== undefined && p.firstName !== '';
  w.seg(
    'NM1',
    entity,
    person ? '1' : '2',
    w.value(p.name ?? '', [...path, 'name'], 'NM1', 'NM103'),
    person ? w.value(p.firstName!, [...path, 'firstName'], 'NM1', 'NM104') : '',
    '',
    '',
    '',
    'XX',
    w.value(p.npi, [...path, 'npi'], 'NM1', 'NM109'),
  );
}

function writeRendering(
  w: SegmentWriter,
  p: Provider,
  path: IssuePath,
  loop: string,
  problems: Problems,
): void {
  // 2310B/2420A: NM1*82 (NM108 XX = NPI), PRV*PE*PXC taxonomy. The 837P has no rendering tax id or address.
  writeProviderName(w, '82', p, [], `${loop} NM1*82`, path, problems);
  if (p.taxonomy !== undefined) {
    if (!TAXONOMY.test(p.taxonomy))
      problems.add(
        [...path, 'taxonomy'],
        `${loop} PRV`,
        'bad_value',
        'a 10-character provider taxonomy code',
        p.taxonomy,
      );
    w.seg('PRV', 'PE', 'PXC', w.value(p.taxonomy, [...path, 'taxonomy'], 'PRV'));
  }
  if (p.taxId !== undefined)
    problems.add([...path, 'taxId'], `${loop} REF`, 'not_representable', 'the billing provider tax id only');
  if (p.address !== undefined)
    problems.add(
      [...path, 'address'],
      `${loop} N3/N4`,
      'not_representable',
      'no rendering provider address in the 837P',
    );
}

function writeAddress(w: SegmentWriter, a: Address, path: IssuePath, loop: string): void {
  w.seg(
    'N3',
    w.value(a.line1, [...path, 'line1'], `${loop} N3`, 'N301'),
    w.value(a.line2 ?? '', [...path, 'line2'], `${loop} N3`, 'N302'),
  );
  w.seg(
    'N4',
    w.value(a.city, [...path, 'city'], `${loop} N4`, 'N401'),
    w.value(a.state, [...path, 'state'], `${loop} N4`, 'N402'),
    w.value(a.postalCode, [...path, 'postalCode'], `${loop} N4`, 'N403'),
  );
}
