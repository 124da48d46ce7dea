/**
 * The 837P writer: claims in the medcode model → one ASC X12 005010X222A1 interchange.
 *
 * Loop and segment order follow the ASC X12 837P implementation guide 005010X222A1 (as also
 * encoded in the pyx12 map `837.5010.X222.A1.xml`). Each claim gets its own 2000A billing provider and 2000B
 * subscriber hierarchy (and 2000C patient when the patient is not the subscriber): the TR3 allows
 * the repetition and it lets any claim be read on its own.
 *
 * A clean claim is checked and written in one pass by the clean-claim lane (`clean-claim.ts`);
 * any other claim takes the full path below (claim schema, the output checks every writer shares,
 * then the 837P checks), which reports every issue with its path.
 *
 * @module
 */
import { upperAscii } from '../../core/code-shape';
import { checkClaimValues, einDigits, prepareClaimForOutput } from '../output-check';
import { checkClaimLimits } from '../limits';
import { isParsedClaim } from '../parse';
import { withPathPrefix } from '../internal';
import type { Result } from '../../core/result';
import { failure, success } from '../../core/result';
import { toNdc11 } from '../formats';
import { telephoneCommunicationNumber } from './telephone';

export { toNdc11 } from '../formats';
import type { Address, Claim, ClaimLine, Provider } from './model';
import { createIssue } from '../../core/issues';
import { toIsoDate } from '../../core/dates';
import type { IssuePath } from '../../core/issues';
import { centsToX12, toCents } from './money';
import { DEFAULT_X12_SEPARATORS, X12_837P_VERSION } from './envelope';
import type { X12Envelope, X12Separators } from './envelope';
import {
  Problems,
  SegmentWriter,
  checkSeparators,
  isAsciiBytes,
  isBlank,
  isSeparatorsObject,
  isZipCode,
  issuePath,
  str,
  padRight,
  sameDelimiters,
} from './segment-writer';
import type { X12Element } from './segment-writer';
import { writeCleanClaim } from './clean-claim';

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

const NPI = /^\d{10}$/;
const TAXONOMY = /^[0-9A-Z]{9}X$/;
/** A post office or lock box in an address line ("PO Box 123", "P.O. BOX", "Post Office Box", "Lock Box"). */
const PO_BOX = /\b(?:P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|LOCK\s*BOX)\b/i;
const BILLING_ADDRESS = 'the billing provider street address (not a post office or lock box)';
const PATIENT_ADDRESS = "the patient's address (N3/N4 are required for the patient)";
const CREATED_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
/** SBR09 claim filing indicator code: 2 characters (005010X222A1 loop 2000B SBR09). */
const FILING_INDICATOR = /^[0-9A-Z]{2}$/;
/** CLM05-3 claim frequency type code: 1 digit (005010X222A1 loop 2300 CLM05-3). */
const FREQUENCY = /^\d$/;

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
  return writeX12837P(claims, envelope, true);
}

/**
 * {@link toX12837P}, with the clean-claim lane (`clean-claim.ts`) on or off. Off, every claim
 * takes the full path (claim schema, output checks, then the 837P checks): the tests compare the
 * two, which must give the same result for any input.
 *
 * @example
 * ```ts
 * expect(writeX12837P([claim], envelope, true)).toEqual(writeX12837P([claim], envelope, false));
 * ```
 */
export function writeX12837P(
  claims: readonly Claim[],
  envelope: X12Envelope,
  cleanLane: boolean,
): X12WriteResult {
  try {
    return writeInterchange(claims, envelope, cleanLane);
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

function writeInterchange(
  claims: readonly Claim[],
  envelope: X12Envelope,
  cleanLane: boolean,
): X12WriteResult {
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
  // The envelope lane: an envelope whose values are those of the last one written, but for the
  // control numbers and batch id, is checked by comparing them, and its header block is copied.
  const kept = cleanLane ? keptEnvelope : undefined;
  const keptEnv = kept === undefined ? undefined : sameEnvelope(envelope, kept);
  const env = keptEnv ?? checkEnvelope(envelope, problems);
  if (env === undefined) return failure(problems.list);
  const w = new SegmentWriter(env.sep, env.lineBreaks, problems, env.transliterate);

  const perTx = env.maxPerTx;
  let transactions = 0;
  for (let start = 0; start === 0 || start < claims.length; start += perTx) {
    transactions++;
    // The first transaction's header comes with the interchange's: the two are one block.
    if (transactions === 1) {
      if (keptEnv !== undefined) writeKeptHeaders(w, kept!.headers, keptEnv);
      else writeHeaders(w, env, envelope, problems);
    } else writeTransactionHeader(w, env, String(transactions).padStart(4, '0'));
    const first = w.segments - TRANSACTION_HEADER_SEGMENTS;
    const hl = { n: 0 };
    const end = Math.min(claims.length, start + perTx);
    for (let i = start; i < end; i++) {
      // A clean claim is checked and written in one pass; any other takes the full path, which
      // reports its issues.
      if (!cleanLane || !writeCleanClaim(w, claims[i], i, hl, problems))
        writeClaim(w, claims[i], i, hl, problems);
    }
    // SE01 counts every segment from ST to SE inclusive; SE02 is ST02.
    w.numbers('SE', w.segments - first + 1, transactions, 4);
    if (claims.length === 0) break;
  }
  // GE01 the number of transactions, GE02 = GS06; IEA01 one group, IEA02 = ISA13 (9 digits).
  w.numbers('GE', transactions, env.gcn, 0);
  w.numbers('IEA', 1, env.icn, 9);
  if (problems.errors > 0) {
    w.discard();
    return failure(problems.list);
  }
  return success(w.text(), problems.list);
}

/** ST, BHT, 1000A NM1*41 and PER, 1000B NM1*40: the segments that open each transaction. */
const TRANSACTION_HEADER_SEGMENTS = 5;

/**
 * The interchange and first transaction headers (ISA, GS, ST*0001 … 1000B), written in full. They
 * depend only on the envelope, and a run of calls usually shares every value but the control
 * numbers: the bytes of a block written without an issue are kept, cut around ISA13, GS06 and
 * BHT03, with the envelope values they came from (see {@link sameEnvelope}), for the next call
 * (a lazy cache of one block).
 */
function writeHeaders(w: SegmentWriter, env: CheckedEnvelope, input: unknown, problems: Problems): void {
  const start = w.bytes.length;
  const segments = w.segments;
  const issues = problems.list.length;
  writeInterchangeHeader(w, env);
  writeTransactionHeader(w, env, '0001');
  if (problems.list.length !== issues || start !== 0) return;
  const bytes = w.bytes.copyOf(start);
  const parts = headerParts(bytes, env.sep);
  const kept = keptValues(input);
  if (parts !== undefined && kept !== undefined)
    keptEnvelope = {
      ...kept,
      env,
      headers: { parts, segments: w.segments - segments, ascii: isAsciiBytes(bytes) },
    };
}

/**
 * The kept header block (see {@link writeHeaders}) with this envelope's ISA13 (the interchange
 * control number, 9 digits), GS06 (the group control number) and BHT03 (the batch id, checked
 * and reported as when written in full).
 */
function writeKeptHeaders(w: SegmentWriter, headers: HeaderBlock, env: CheckedEnvelope): void {
  const out = w.bytes;
  const [isa, gs, bht, rest] = headers.parts;
  out.writeBytes(isa, headers.ascii);
  out.writeZeroPadded(env.icn, 9);
  out.writeBytes(gs, headers.ascii);
  out.writeWholeNumber(env.gcn);
  out.writeBytes(bht, headers.ascii);
  out.write(envelopeValue(w, env.batchId, 'batchId', 'BHT03'));
  out.writeBytes(rest, headers.ascii);
  w.segments += headers.segments;
}

/** A header block as bytes, cut around ISA13, GS06 and BHT03 (see {@link headerParts}). */
interface HeaderBlock {
  readonly parts: readonly [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  readonly segments: number;
  /** Whether every byte is ASCII (a separator or value may be other UTF-8). */
  readonly ascii: boolean;
}

/**
 * The envelope values the header block and the checked envelope follow from, but for the
 * interchange and group control numbers and the batch id, as read from the caller's envelope.
 */
interface EnvelopeValues {
  readonly lineBreaks: unknown;
  readonly transliterate: unknown;
  readonly senderId: unknown;
  readonly senderQualifier: unknown;
  readonly receiverId: unknown;
  readonly receiverQualifier: unknown;
  readonly applicationSender: unknown;
  readonly applicationReceiver: unknown;
  readonly submitterName: unknown;
  readonly submitterId: unknown;
  readonly contactName: unknown;
  readonly phone: unknown;
  readonly email: unknown;
  readonly receiverName: unknown;
  readonly receiverId1000B: unknown;
  readonly createdAt: unknown;
  readonly usage: unknown;
  readonly transactionType: unknown;
  readonly maxClaimsPerTransaction: unknown;
}

/** An envelope as kept by {@link writeHeaders}: the values it was checked from, and its header block. */
interface KeptEnvelope {
  readonly values: EnvelopeValues;
  /** The separators given (the defaults under them), or undefined when none were. */
  readonly separators: X12Separators | undefined;
  readonly env: CheckedEnvelope;
  readonly headers: HeaderBlock;
}

/** The envelope of the last header block written in full without an issue (see {@link writeHeaders}). */
let keptEnvelope: KeptEnvelope | undefined;

type EnvelopeInput = Partial<Record<keyof X12Envelope, unknown>>;
type PartsInput = Partial<Record<string, unknown>>;

/** The parties of an envelope, or undefined when one of them is not an object. */
function envelopeParties(
  e: EnvelopeInput,
):
  | { readonly sender: PartsInput; readonly receiver: PartsInput; readonly submitter: PartsInput }
  | undefined {
  const sender = e.sender as PartsInput;
  const receiver = e.receiver as PartsInput;
  const submitter = e.submitter as PartsInput;
  if (!isObject(sender) || !isObject(receiver) || !isObject(submitter)) return undefined;
  return { sender, receiver, submitter };
}

/** The values of an envelope that {@link sameEnvelope} compares, read once each. */
function readEnvelopeValues(
  e: EnvelopeInput,
  { sender, receiver, submitter }: NonNullable<ReturnType<typeof envelopeParties>>,
): EnvelopeValues {
  return {
    lineBreaks: e.lineBreaks,
    transliterate: e.transliterate,
    senderId: sender.id,
    senderQualifier: sender.qualifier,
    receiverId: receiver.id,
    receiverQualifier: receiver.qualifier,
    applicationSender: e.applicationSender,
    applicationReceiver: e.applicationReceiver,
    submitterName: submitter.name,
    submitterId: submitter.id,
    contactName: submitter.contactName,
    phone: submitter.phone,
    email: submitter.email,
    receiverName: e.receiverName,
    receiverId1000B: e.receiverId,
    createdAt: e.createdAt,
    usage: e.usage,
    transactionType: e.transactionType,
    maxClaimsPerTransaction: e.maxClaimsPerTransaction,
  };
}

/** The names of {@link EnvelopeValues}, as {@link readEnvelopeValues} writes them. */
const ENVELOPE_VALUE_KEYS = Object.keys(
  readEnvelopeValues({}, { sender: {}, receiver: {}, submitter: {} }),
) as readonly (keyof EnvelopeValues)[];

/**
 * What {@link writeHeaders} keeps of `input` besides its checked form: the values {@link
 * sameEnvelope} compares and the separators given; undefined when its parties are not objects or
 * a value sits behind a getter (such an envelope is always checked in full).
 */
function keptValues(input: unknown): Pick<KeptEnvelope, 'values' | 'separators'> | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const e = input as EnvelopeInput;
  const parties = envelopeParties(e);
  if (parties === undefined) return undefined;
  // A value behind a getter may read differently each time: the checked envelope was built from
  // the reads the full check made, so only an envelope of plain data values is kept.
  const { sender, receiver, submitter } = parties;
  if (![e, sender, receiver, submitter, e.separators].every(holdsOnlyDataValues)) return undefined;
  const separators = givenSeparators(e.separators);
  if (separators === null) return undefined;
  return { values: readEnvelopeValues(e, parties), separators };
}

/**
 * The envelope lane: the checked envelope of `input` when every value {@link checkEnvelope} reads
 * is the same (`===`) as in the kept envelope but for ISA13, GS06 and BHT03, and those are valid
 * (ISA13 and GS06 integers 1…999,999,999, the batch id absent or as {@link checkEnvelope} accepts it); otherwise undefined,
 * and the envelope is checked in full. Values are compared, not objects: a caller that builds a
 * new envelope per interchange takes this lane as well.
 */
function sameEnvelope(input: unknown, kept: KeptEnvelope): CheckedEnvelope | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const e = input as EnvelopeInput;
  const parties = envelopeParties(e);
  if (parties === undefined || !sameSeparators(e.separators, kept.separators)) return undefined;
  const values = readEnvelopeValues(e, parties);
  for (const key of ENVELOPE_VALUE_KEYS) if (values[key] !== kept.values[key]) return undefined;
  const icn = e.interchangeControlNumber;
  const gcn = e.groupControlNumber;
  const batchId = e.batchId;
  if (!isControlNumber(icn) || (gcn !== undefined && !isControlNumber(gcn))) return undefined;
  if (batchId !== undefined && !isEnvelopeText(batchId, BATCH_ID)) return undefined;
  return { ...kept.env, icn, gcn: gcn ?? icn, batchId: batchId ?? String(icn) };
}

/**
 * Whether `v` (an envelope part, or undefined) has no accessor among its own properties and no
 * prototype but `Object.prototype` or null: each read of it gives the same value.
 */
function holdsOnlyDataValues(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(v)))
    if (!('value' in descriptor)) return false;
  return true;
}

function isObject(v: unknown): v is PartsInput {
  return v !== null && typeof v === 'object';
}

/** ISA13 and GS06: an integer 1…999,999,999. */
function isControlNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 999_999_999;
}

/**
 * The separators as {@link checkSeparators} reads them (the defaults under what is given), not
 * yet checked; undefined when none are given, null when `given` is not an object (or is an array),
 * which the check refuses.
 */
function givenSeparators(given: unknown): X12Separators | undefined | null {
  if (given === undefined) return undefined;
  if (!isSeparatorsObject(given)) return null;
  return { ...DEFAULT_X12_SEPARATORS, ...(given as Partial<X12Separators>) };
}

function sameSeparators(given: unknown, kept: X12Separators | undefined): boolean {
  if (given === undefined || kept === undefined) return given === kept;
  const sep = givenSeparators(given);
  return isObject(sep) && sameDelimiters(sep, kept);
}

/**
 * The header block cut around ISA13, GS06 and BHT03 (found by counting element separators in the
 * 1st, 2nd and 4th segments; no value holds a separator), or undefined when a separator is not
 * one byte.
 */
function headerParts(
  bytes: Uint8Array,
  sep: X12Separators,
): readonly [Uint8Array, Uint8Array, Uint8Array, Uint8Array] | undefined {
  const el = sep.element.charCodeAt(0);
  const term = sep.segment.charCodeAt(0);
  if (el > 0x7f || term > 0x7f) return undefined;
  // [segment, element]: the cut starts after that element's separator and ends at the next one.
  const cuts = [
    [0, 13],
    [1, 6],
    [3, 3],
  ] as const;
  const at: number[] = [];
  let segment = 0;
  let element = 0;
  for (let i = 0; i < bytes.length && at.length < 6; i++) {
    const b = bytes[i];
    if (b === term) {
      segment++;
      element = 0;
    } else if (b === el) {
      element++;
      const cut = cuts[at.length >> 1]!;
      if (segment === cut[0] && element === cut[1] + (at.length & 1)) at.push(at.length & 1 ? i : i + 1);
    }
  }
  if (at.length !== 6) return undefined;
  return [bytes.slice(0, at[0]), bytes.slice(at[1], at[2]), bytes.slice(at[3], at[4]), bytes.slice(at[5])];
}

/** ISA and GS. */
function writeInterchangeHeader(w: SegmentWriter, env: CheckedEnvelope): void {
  w.seg('ISA', [
    '00',
    '          ',
    '00',
    '          ',
    padRight(envelopeValue(w, env.senderQualifier, 'sender'), 2),
    padRight(envelopeValue(w, env.senderId, 'sender'), 15),
    padRight(envelopeValue(w, env.receiverQualifier, 'receiver'), 2),
    padRight(envelopeValue(w, env.receiverId, 'receiver'), 15),
    env.date.slice(2),
    env.time,
    env.sep.repetition,
    '00501',
    String(env.icn).padStart(9, '0'),
    '0',
    env.usage,
    env.sep.component,
  ]);
  w.seg('GS', [
    'HC',
    envelopeValue(w, env.appSender, 'applicationSender'),
    envelopeValue(w, env.appReceiver, 'applicationReceiver'),
    env.date,
    env.time,
    String(env.gcn),
    'X',
    X12_837P_VERSION,
  ]);
}

/** ST, BHT, 1000A submitter (NM1*41, PER) and 1000B receiver (NM1*40) of one transaction. */
function writeTransactionHeader(w: SegmentWriter, env: CheckedEnvelope, stControl: string): void {
  w.seg('ST', ['837', stControl, X12_837P_VERSION]);
  w.seg('BHT', [
    '0019',
    '00',
    envelopeValue(w, env.batchId, 'batchId', 'BHT03'),
    env.date,
    env.time,
    env.transactionType,
  ]);
  w.seg('NM1', [
    '41',
    '2',
    envelopeValue(w, env.submitter.name, 'submitter', 'NM103'),
    '',
    '',
    '',
    '',
    '46',
    envelopeValue(w, env.submitter.id, 'submitter', 'NM109'),
  ]);
  const per = ['IC', envelopeValue(w, env.submitter.contactName, 'submitter', 'PER02')];
  if (env.submitter.phone) per.push('TE', envelopeValue(w, env.submitter.phone, 'submitter', 'PER04'));
  if (env.submitter.email) per.push('EM', envelopeValue(w, env.submitter.email, 'submitter', 'PER04'));
  w.seg('PER', per);
  w.seg('NM1', [
    '40',
    '2',
    envelopeValue(w, env.receiverName, 'receiverName', 'NM103'),
    '',
    '',
    '',
    '',
    '46',
    envelopeValue(w, env.receiver1000B, 'receiverId', 'NM109'),
  ]);
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
  const sender = checkParty(env.sender, 'sender', problems);
  const receiver = checkParty(env.receiver, 'receiver', problems);
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
  if (submitter.phone !== '' && !isBlank(submitter.phone)) {
    const digits = telephoneCommunicationNumber(submitter.phone);
    if (digits === undefined)
      problems.option(
        'submitter',
        'a North American telephone number with its area code, such as 5342242525 or (534) 224-2525, written AAABBBCCCC (1000A PER04)',
        ['phone'],
      );
    else submitter.phone = digits;
  }
  if (
    isBlank(submitter.name) ||
    isBlank(submitter.id) ||
    isBlank(submitter.contactName) ||
    (!submitter.phone && !submitter.email) ||
    (submitter.phone !== '' && isBlank(submitter.phone)) ||
    (submitter.email !== '' && isBlank(submitter.email))
  ) {
    problems.option('submitter', 'name, id, contactName and a phone or email (loop 1000A NM1*41 and PER)');
  }
  const receiverName = str(env.receiverName);
  if (isBlank(receiverName)) problems.option('receiverName', 'the receiver name (loop 1000B NM1*40)');
  // GS02/GS03 (M, AN 2/15) and 1000B NM109 (R, AN 2/80; P0809: NM108 46 is written with it)
  // repeat the interchange ids unless given; BHT03 (R, AN 1/50) is the interchange control
  // number unless given.
  const appSender = envelopeText(env.applicationSender, APPLICATION_ID, 'applicationSender', problems);
  const appReceiver = envelopeText(env.applicationReceiver, APPLICATION_ID, 'applicationReceiver', problems);
  const receiver1000B = envelopeText(env.receiverId, RECEIVER_ID, 'receiverId', problems);
  const batchId = envelopeText(env.batchId, BATCH_ID, 'batchId', problems);
  if (appSender === undefined && sender.id.length === 1)
    problems.option(
      'sender',
      'an id of 2–15 characters: GS02 (AN 2/15) repeats it when applicationSender is absent',
    );
  if ((appReceiver === undefined || receiver1000B === undefined) && receiver.id.length === 1)
    problems.option(
      'receiver',
      'an id of 2–15 characters: GS03 (AN 2/15) and 1000B NM109 (AN 2/80) repeat it when applicationReceiver or receiverId is absent',
    );
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
    appSender: appSender ?? sender.id,
    appReceiver: appReceiver ?? receiver.id,
    receiver1000B: receiver1000B ?? receiver.id,
    receiverName,
    submitter,
    icn: icn as number,
    gcn: gcn as number,
    date: `${created[1]}${created[2]}${created[3]}`,
    time: `${created[4]}${created[5]}`,
    usage: usage as string,
    batchId: batchId ?? String(icn),
    transactionType: transactionType as string,
    maxPerTx: maxPerTx as number,
  };
}

/** An envelope value made safe for its element (see {@link SegmentWriter.value}). */
function envelopeValue(w: SegmentWriter, v: string, field: string, element?: X12Element): string {
  return w.value(v, 'envelope', element, ENVELOPE_PATH, field);
}

/**
 * ISA05/ISA07 interchange id qualifiers that 005010X222A1 allows: 01 D-U-N-S, 14 D-U-N-S plus
 * suffix, 20 Health Industry Number, 27 CMS carrier id, 28 CMS fiscal intermediary id, 29 CMS
 * Medicare provider and supplier id, 30 US federal tax id, 33 NAIC company code, ZZ mutually
 * defined (005010X222A1 Appendix C, ISA05/ISA07 code list).
 */
const INTERCHANGE_ID_QUALIFIERS: ReadonlySet<string> = new Set([
  '01',
  '14',
  '20',
  '27',
  '28',
  '29',
  '30',
  '33',
  'ZZ',
]);

/**
 * ISA05/ISA06 or ISA07/ISA08: an id of 1–15 characters, not all spaces (ISA06/ISA08 AN 15/15,
 * padded), and a qualifier of the guide's list (ZZ by default).
 */
function checkParty(v: unknown, name: string, problems: Problems): { id: string; qualifier: string } {
  const p = v !== null && typeof v === 'object' ? (v as { qualifier?: unknown; id?: unknown }) : {};
  const id = str(p.id);
  const qualifier = p.qualifier === undefined ? 'ZZ' : str(p.qualifier);
  if (id.length > 15 || isBlank(id))
    problems.option(name, 'an id of 1–15 characters, not all spaces (ISA06/ISA08)');
  if (!INTERCHANGE_ID_QUALIFIERS.has(qualifier))
    problems.option(name, 'an id qualifier of ISA05/ISA07: 01, 14, 20, 27, 28, 29, 30, 33 or ZZ');
  return { id, qualifier };
}

/** The length of an envelope text element and what its `invalid_option` issue expects. */
interface EnvelopeText {
  readonly min: number;
  readonly max: number;
  readonly expected: string;
}
/** GS02/GS03 application sender and receiver codes: M, AN 2/15. */
const APPLICATION_ID: EnvelopeText = {
  min: 2,
  max: 15,
  expected: 'a code of 2–15 characters, not all spaces (GS02/GS03 AN 2/15)',
};
/** 1000B NM109 receiver primary identifier: R, AN 2/80. */
const RECEIVER_ID: EnvelopeText = {
  min: 2,
  max: 80,
  expected: 'an id of 2–80 characters, not all spaces (1000B NM109 AN 2/80)',
};
/** BHT03 originator application transaction identifier: R, AN 1/50. */
const BATCH_ID: EnvelopeText = {
  min: 1,
  max: 50,
  expected: 'an id of 1–50 characters, not all spaces (BHT03 AN 1/50)',
};

/** Whether `v` is a string of the element's length, not all spaces (X12.6 AN). */
function isEnvelopeText(v: unknown, element: EnvelopeText): v is string {
  return typeof v === 'string' && v.length >= element.min && v.length <= element.max && !isBlank(v);
}

/**
 * An optional envelope text option: undefined when absent, else the value, with an
 * `invalid_option` issue when it does not fit its element (its characters are checked where it is
 * written, as every value's are).
 */
function envelopeText(
  v: unknown,
  element: EnvelopeText,
  option: string,
  problems: Problems,
): string | undefined {
  if (v === undefined) return undefined;
  if (!isEnvelopeText(v, element)) problems.option(option, element.expected);
  return str(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return typeof v;
}

/** The issue path of an envelope value (`['envelope', field]`). */
const ENVELOPE_PATH: IssuePath = Object.freeze(['envelope']);

/** `value` is absent or empty: a required element has nothing to write. */
function isMissing(value: unknown): boolean {
  return value === undefined || value === '';
}

/** The segment names of a loop's address, for issues (`2010AA N3`, `2010AA N4`). */
const ADDRESS_SEGMENTS = {
  '2010AA': ['2010AA N3', '2010AA N4'],
  '2010BA': ['2010BA N3', '2010BA N4'],
  '2010CA': ['2010CA N3', '2010CA N4'],
} as const;

/** The segment names of a rendering provider loop, for issues. */
const RENDERING_SEGMENTS = {
  '2310B': { nm1: '2310B NM1*82', prv: '2310B PRV', ref: '2310B REF', address: '2310B N3/N4' },
  '2420A': { nm1: '2420A NM1*82', prv: '2420A PRV', ref: '2420A REF', address: '2420A N3/N4' },
} as const;

/**
 * Writes one claim's loops. On any error the claim's segments are rolled back so that no half
 * claim is ever emitted; the call as a whole then fails. Issue paths are built only when an issue
 * is reported: a clean claim allocates none.
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
  const parsed = prepareClaim(input);
  if (!parsed.ok) {
    for (const issue of parsed.issues) {
      problems.list.push(withPathPrefix(issue, base));
      if (issue.severity === 'error') problems.errors++;
    }
    return;
  }
  // From here the claim's code shapes, counts (12 diagnoses, 50 lines, 4 modifiers and 4
  // pointers per line), pointers, units, places of service and NDCs are known good: the output
  // check refused any claim without them. What remains is what only the 837P requires (element
  // lengths and character set, the billing provider's street address and ZIP+4, the parties'
  // ids) and the bytes.
  const claim = parsed.value;
  const errorsBefore = problems.errors;
  const mark = w.mark();
  const hlMark = hl.n;

  const bp = claim.billingProvider;
  const sub = claim.subscriber;
  const payer = claim.payer;
  // Every missing party is reported in one call, not one per attempt.
  if (bp === undefined)
    problems.add([...base, 'billingProvider'], '2010AA NM1*85', 'missing', 'a billing provider');
  if (sub === undefined) problems.add([...base, 'subscriber'], '2010BA NM1*IL', 'missing', 'a subscriber');
  if (payer === undefined) problems.add([...base, 'payer'], '2010BB NM1*PR', 'missing', 'a payer');
  if (bp !== undefined && bp.address === undefined)
    problems.add([...base, 'billingProvider', 'address'], '2010AA N3/N4', 'missing', BILLING_ADDRESS);
  if (bp === undefined || sub === undefined || payer === undefined) return;
  const self = (sub.relationship ?? '18') === '18';

  // ---- 2000A billing provider (HL03 = 20) -----------------------------------------------------
  const hlProvider = ++hl.n;
  w.begin('HL');
  w.count(hlProvider);
  w.element('');
  w.element('20');
  w.element('1');
  w.end();
  if (bp.taxonomy !== undefined) {
    if (!TAXONOMY.test(bp.taxonomy))
      problems.add(
        [...base, 'billingProvider', 'taxonomy'],
        '2000A PRV',
        'bad_value',
        'a 10-character provider taxonomy code',
        bp.taxonomy,
      );
    w.begin('PRV');
    w.element('BI');
    w.element('PXC');
    w.element(w.value(bp.taxonomy, 'PRV', undefined, base, 'billingProvider', 'taxonomy'));
    w.end();
  }
  writeProviderName(w, '85', bp, '2010AA NM1*85', base, 'billingProvider', problems);
  if (bp.address !== undefined) {
    // 2010AA N301/N302: "The Billing Provider Address must be a street address. Post Office Box
    // or Lock Box addresses are to be sent in the Pay-To Address Loop (Loop ID-2010AB)"; N403:
    // "When reporting the ZIP code for U.S. addresses, the full nine digit ZIP code must be
    // provided" (005010X222A1 loop 2010AA N3 and N4 notes). The ZIP code is checked with every
    // N403, in writeAddress.
    if (PO_BOX.test(bp.address.line1))
      problems.add(
        [...base, 'billingProvider', 'address', 'line1'],
        '2010AA N301',
        'bad_value',
        BILLING_ADDRESS,
        bp.address.line1,
      );
    if (bp.address.line2 !== undefined && PO_BOX.test(bp.address.line2))
      problems.add(
        [...base, 'billingProvider', 'address', 'line2'],
        '2010AA N302',
        'bad_value',
        BILLING_ADDRESS,
        bp.address.line2,
      );
    writeAddress(w, bp.address, '2010AA', base, 'billingProvider', problems);
  }
  // REF*EI (EIN) or REF*SY (SSN) is required in 2010AA; medcode writes the EIN form.
  if (isMissing(bp.taxId)) {
    problems.add(
      [...base, 'billingProvider', 'taxId'],
      '2010AA REF*EI',
      'missing',
      'the billing provider tax id (EIN)',
    );
  } else {
    // The shared output check (checkClaimValues, in prepareClaim above) has refused a tax id that
    // is not an EIN, as the CMS-1500 and FHIR writers refuse it: einDigits reads this one.
    const ein = einDigits(bp.taxId!)!;
    w.begin('REF');
    w.element('EI');
    w.element(w.value(ein, 'REF', undefined, base, 'billingProvider', 'taxId'));
    w.end();
  }

  // ---- 2000B subscriber (HL03 = 22) ------------------------------------------------------------
  const hlSubscriber = ++hl.n;
  w.begin('HL');
  w.count(hlSubscriber);
  w.count(hlProvider);
  w.element('22');
  w.element(self ? '0' : '1');
  w.end();
  // SBR01 payer responsibility: medcode writes primary (P). SBR02 = 18 only when the subscriber is
  // the patient; SBR09 claim filing indicator is required.
  const filing = payer.claimFilingIndicator;
  if (isMissing(filing)) {
    problems.add(
      [...base, 'payer', 'claimFilingIndicator'],
      '2000B SBR09',
      'missing',
      'the claim filing indicator (e.g. MB, CI)',
    );
  } else {
    if (!FILING_INDICATOR.test(filing!))
      problems.add(
        [...base, 'payer', 'claimFilingIndicator'],
        '2000B SBR09',
        'bad_value',
        'a 2-character claim filing indicator code',
        filing,
      );
    w.begin('SBR');
    w.element('P');
    w.element(self ? '18' : '');
    w.element(w.value(sub.groupNumber ?? '', 'SBR', 'SBR03', base, 'subscriber', 'groupNumber'));
    w.element('');
    w.element('');
    w.element('');
    w.element('');
    w.element('');
    w.element(w.value(filing!, 'SBR', undefined, base, 'payer'));
    w.end();
  }
  w.begin('NM1');
  w.element('IL');
  w.element('1');
  w.element(w.value(sub.lastName, 'NM1', 'NM103', base, 'subscriber', 'lastName'));
  // In the self case 2010BA is the patient's loop as well: without a subscriber first name the
  // patient's is written, as the patient's address is, since NM104 is "required when the person
  // has a first name" (005010X222A1 loop 2010BA NM104). Its issues point at the patient's.
  if (self && sub.firstName === undefined && claim.patient.firstName !== undefined)
    w.element(w.value(claim.patient.firstName, 'NM1', 'NM104', base, 'patient', 'firstName'));
  else w.element(w.value(sub.firstName ?? '', 'NM1', 'NM104', base, 'subscriber', 'firstName'));
  w.element('');
  w.element('');
  w.element('');
  w.element('MI');
  w.element(w.value(sub.memberId, 'NM1', 'NM109', base, 'subscriber', 'memberId'));
  w.end();
  // 2010BA N3/N4 and DMG: "Required when the patient is the subscriber or considered to be the
  // subscriber. If not required by this implementation guide, do not send." (005010X222A1 loop
  // 2010BA N3, N4 and DMG situational rules.) A dependent's subscriber address and demographics
  // have no place in the 837P.
  if (self) {
    if (sub.address) writeAddress(w, sub.address, '2010BA', base, 'subscriber', problems);
    // The patient's own address, so its issues point at it.
    else if (claim.patient.address)
      writeAddress(w, claim.patient.address, '2010BA', base, 'patient', problems);
    // 2010BA N3/N4 are required when the patient is the subscriber (005010X222A1 loop 2010BA).
    else problems.add([...base, 'patient', 'address'], '2010BA N3/N4', 'missing', PATIENT_ADDRESS);
    writeDemographics(w, claim.patient.birthDate, claim.patient.sex);
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
  w.begin('NM1');
  w.element('PR');
  w.element('2');
  w.element(w.value(payer.name, 'NM1', 'NM103', base, 'payer', 'name'));
  w.element('');
  w.element('');
  w.element('');
  w.element('');
  w.element('PI');
  w.element(w.value(payer.id, 'NM1', 'NM109', base, 'payer', 'id'));
  w.end();

  // ---- 2000C patient (HL03 = 23), only when the patient is not the subscriber ----------------
  if (!self) {
    w.begin('HL');
    w.count(++hl.n);
    w.count(hlSubscriber);
    w.element('23');
    w.element('0');
    w.end();
    w.begin('PAT');
    w.element(sub.relationship ?? '');
    w.end();
    const p = claim.patient;
    w.begin('NM1');
    w.element('QC');
    w.element('1');
    w.element(w.value(p.lastName ?? '', 'NM1', 'NM103', base, 'patient', 'lastName'));
    w.element(w.value(p.firstName ?? '', 'NM1', 'NM104', base, 'patient', 'firstName'));
    w.end();
    // 2010CA N3/N4: usage Required (005010X222A1 loop 2010CA).
    if (p.address) writeAddress(w, p.address, '2010CA', base, 'patient', problems);
    else problems.add([...base, 'patient', 'address'], '2010CA N3/N4', 'missing', PATIENT_ADDRESS);
    writeDemographics(w, p.birthDate, p.sex);
  } else {
    // One person: 2010BA carries one name, one address and one DMG (the subscriber's name and
    // address, the patient's birth date and sex), so any of them that differ is dropped.
    const p = claim.patient;
    if (
      differs(p.lastName, sub.lastName) ||
      differs(p.firstName, sub.firstName) ||
      (sub.address !== undefined && differs(p.address, sub.address)) ||
      differs(p.birthDate, sub.birthDate) ||
      differs(p.sex, sub.sex)
    ) {
      problems.add(
        [...base, 'patient'],
        '2010BA NM1*IL',
        'not_representable',
        'one name, address, birth date and sex in 2010BA (the patient is the subscriber)',
      );
    }
  }

  // ---- 2300 claim ------------------------------------------------------------------------------
  const lines = claim.lines;
  // CLM02 = sum of SV102 (layout notes, "Claim level — loop 2300"), in integer cents. Each line's
  // SV102 is written from the same cents when the line is written.
  let total = 0;
  const charges: (number | undefined)[] = [];
  for (let j = 0; j < lines.length; j++) {
    const cents = toCents(lines[j]!.charge);
    charges.push(cents);
    if (cents === undefined)
      problems.add(
        [...base, 'lines', j, 'charge'],
        '2400 SV102',
        'bad_value',
        'a decimal amount',
        lines[j]!.charge,
      );
    else total += cents;
  }
  const pos = claim.placeOfService;
  const frequency = claim.frequencyCode ?? '1';
  if (!FREQUENCY.test(frequency))
    problems.add(
      [...base, 'frequencyCode'],
      '2300 CLM05-3',
      'bad_value',
      'a 1-digit claim frequency code (1 original, 7 replacement, 8 void)',
      frequency,
    );
  // CLM05 = POS:B:frequency; CLM06 Y signature on file, CLM07 A assigned, CLM08 Y benefits
  // assigned, CLM09 Y release.
  w.begin('CLM');
  w.element(w.value(claim.claimId, 'CLM', 'CLM01', base, 'claimId'));
  w.element(centsToX12(total));
  w.element('');
  w.element('');
  w.element(pos);
  w.component('B');
  w.component(frequency);
  w.element('Y');
  w.element('A');
  w.element('Y');
  w.element('Y');
  w.end();
  if (claim.admissionDate !== undefined) writeDate(w, '435', claim.admissionDate);
  if (claim.dischargeDate !== undefined) writeDate(w, '096', claim.dischargeDate);
  // REF*F8 Payer Claim Control Number: "Required when CLM05-3 (Claim Frequency Type Code)
  // indicates this claim is a replacement or void to a previously adjudicated claim"
  // (005010X222A1 loop 2300 REF*F8; the shared output check refuses 7/8 without it).
  if (claim.payerClaimControlNumber !== undefined && frequency !== '1') {
    w.begin('REF');
    w.element('F8');
    w.element(w.value(claim.payerClaimControlNumber, 'REF*F8', 'REF02', base, 'payerClaimControlNumber'));
    w.end();
  } else if (claim.payerClaimControlNumber !== undefined)
    problems.add(
      [...base, 'payerClaimControlNumber'],
      '2300 REF*F8',
      'not_representable',
      'sent only for a replacement (7) or void (8)',
    );

  // HI: HI01-1 ABK (principal ICD-10-CM), HI02…HI12-1 ABF, codes without the dot (005010X222A1
  // loop 2300 HI, and its rule that ICD codes are sent without the decimal point; CMS FAQ12889).
  const dx = claim.diagnoses;
  if (dx.length > 0) w.begin('HI');
  for (let k = 0; k < dx.length && k < MAX_DIAGNOSES; k++) {
    const d = dx[k]!;
    const code = upperAscii(d.code.replace('.', ''));
    if (d.poa !== undefined && d.poa !== '')
      problems.add(
        [...base, 'diagnoses', k, 'poa'],
        '2300 HI',
        'not_representable',
        'POA is reported on institutional (837I) claims only',
      );
    w.element(k === 0 ? 'ABK' : 'ABF');
    w.component(w.value(code, 'HI', undefined, base, 'diagnoses', k, 'code'));
  }
  if (dx.length > 0) w.end();

  // 2310B rendering provider (NM1*82, PRV*PE*PXC).
  if (claim.renderingProvider)
    writeRendering(w, claim.renderingProvider, [...base, 'renderingProvider'], '2310B', problems);

  // ---- 2400 service lines ----------------------------------------------------------------------
  for (let j = 0; j < lines.length && j < MAX_LINES; j++) {
    writeLine(w, lines[j]!, j, charges[j], pos, base, problems);
  }

  if (problems.errors > errorsBefore) {
    // Roll back: a claim with an error is not written at all.
    w.rollback(mark);
    hl.n = hlMark;
  }
}

/**
 * The claim as the shared output check reads it. A claim that `parseClaim` returned is trusted
 * as schema-checked and frozen (see `isParsedClaim` in `../parse.ts`): it is not read and copied through the
 * schema again, only the output checks run, with the same issues `prepareClaimForOutput` gives.
 */
function prepareClaim(input: unknown): Result<Claim> {
  if (!isParsedClaim(input)) return prepareClaimForOutput(input);
  const claim = input as Claim;
  const limits = checkClaimLimits(claim);
  const values = checkClaimValues(claim);
  if (limits.length === 0 && values.length === 0) return success(claim);
  return failure([...limits, ...values]);
}

/** Whether two values both present differ (the one person's patient and subscriber data). */
function differs(a: unknown, b: unknown): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a) !== JSON.stringify(b);
}

/** DMG*D8*birth date*sex (005010X222A1 loops 2010BA and 2010CA DMG). */
function writeDemographics(w: SegmentWriter, birthDate: string, sex: string): void {
  w.begin('DMG');
  w.element('D8');
  w.date(birthDate);
  w.element(sex);
  w.end();
}

/** DTP*qualifier*D8*date (005010X222A1 loop 2300 DTP*435 admission, DTP*096 discharge). */
function writeDate(w: SegmentWriter, qualifier: string, iso: string): void {
  w.begin('DTP');
  w.element(qualifier);
  w.element('D8');
  w.date(iso);
  w.end();
}

function writeLine(
  w: SegmentWriter,
  line: ClaimLine,
  j: number,
  cents: number | undefined,
  claimPos: string,
  base: IssuePath,
  problems: Problems,
): void {
  w.begin('LX');
  w.count(j + 1);
  w.end();
  const mods = line.modifiers ?? NONE;
  const procedure = w.value(upperAscii(line.procedure), 'SV1', undefined, base, 'lines', j, 'procedure');
  // SV105 only when the line's place of service differs from CLM05-1 (005010X222A1 loop 2400 SV105).
  const linePos =
    line.placeOfService !== undefined && line.placeOfService !== claimPos ? line.placeOfService : '';
  const pointers = line.diagnosisPointers ?? NO_POINTERS;
  // SV1: SV101 HC:procedure:modifiers, SV102 charge, SV103 unit basis, SV104 units, SV105 place
  // of service, SV107 pointers (005010X222A1 loop 2400 SV1).
  w.begin('SV1');
  w.element('HC');
  w.component(procedure);
  for (let m = 0; m < mods.length && m < MAX_MODIFIERS; m++)
    w.component(w.value(upperAscii(mods[m]!), 'SV1', undefined, base, 'lines', j, 'modifiers', m));
  w.element(cents === undefined ? '' : centsToX12(cents));
  w.element(line.unitBasis ?? 'UN');
  w.element(String(line.units));
  w.element(linePos);
  w.element('');
  if (pointers.length > 0) {
    w.count(pointers[0]!);
    for (let p = 1; p < pointers.length && p < MAX_POINTERS; p++) w.componentCount(pointers[p]!);
  }
  w.end();
  // DTP*472: D8 for one date, RD8 for a span (005010X222A1 loop 2400 DTP*472).
  if (line.serviceDate !== undefined) writeDate(w, '472', line.serviceDate);
  else if (line.serviceDateFrom !== undefined) {
    w.begin('DTP');
    w.element('472');
    w.element('RD8');
    w.dateSpan(line.serviceDateFrom, line.serviceDateTo ?? line.serviceDateFrom);
    w.end();
  }
  // 2410 drug identification: LIN02 N4 + 11-digit NDC, CTP04 quantity, CTP05-1 unit.
  if (line.ndc !== undefined) {
    const ndc = toNdc11(line.ndc);
    if (ndc === undefined)
      problems.add(
        [...base, 'lines', j, 'ndc'],
        '2410 LIN03',
        'bad_value',
        'an NDC in 11-digit or 10-digit hyphenated (4-4-2, 5-3-2, 5-4-1) form',
        line.ndc,
      );
    w.begin('LIN');
    w.element('');
    w.element('N4');
    w.element(ndc === undefined ? '' : w.value(ndc, '2410 LIN', 'LIN03', base, 'lines', j, 'ndc'));
    w.end();
    // The model has no separate drug quantity: the line's units are sent as CTP04 in units (UN).
    w.begin('CTP');
    w.element('');
    w.element('');
    w.element('');
    w.element(String(line.units));
    w.element('UN');
    w.end();
  }
  if (line.renderingProvider)
    writeRendering(w, line.renderingProvider, [...base, 'lines', j, 'renderingProvider'], '2420A', problems);
}

const NONE: readonly string[] = Object.freeze([]);
const NO_POINTERS: readonly number[] = Object.freeze([]);

/** NM1 of a provider (NM108 XX: NM109 is the NPI), from the provider at `base` + `key`. */
function writeProviderName(
  w: SegmentWriter,
  entity: string,
  p: Provider,
  segment: string,
  base: IssuePath,
  key: string | undefined,
  problems: Problems,
): void {
  if (!NPI.test(p.npi))
    problems.add(issuePath(base, key, 'npi'), segment, 'bad_value', 'a 10-digit NPI', p.npi);
  // NM102 1 (person) when a first name is given; NM104 is sent only then.
  const person = !isBlank(p.firstName);
  w.begin('NM1');
  w.element(entity);
  w.element(person ? '1' : '2');
  w.element(w.value(p.name ?? '', 'NM1', 'NM103', base, key, 'name'));
  w.element(person ? w.value(p.firstName!, 'NM1', 'NM104', base, key, 'firstName') : '');
  w.element('');
  w.element('');
  w.element('');
  w.element('XX');
  w.element(w.value(p.npi, 'NM1', 'NM109', base, key, 'npi'));
  w.end();
}

function writeRendering(
  w: SegmentWriter,
  p: Provider,
  path: IssuePath,
  loop: keyof typeof RENDERING_SEGMENTS,
  problems: Problems,
): void {
  // 2310B/2420A: NM1*82 (NM108 XX = NPI), PRV*PE*PXC taxonomy. The 837P has no rendering tax id or address.
  const segments = RENDERING_SEGMENTS[loop];
  writeProviderName(w, '82', p, segments.nm1, path, undefined, problems);
  if (p.taxonomy !== undefined) {
    if (!TAXONOMY.test(p.taxonomy))
      problems.add(
        [...path, 'taxonomy'],
        segments.prv,
        'bad_value',
        'a 10-character provider taxonomy code',
        p.taxonomy,
      );
    w.begin('PRV');
    w.element('PE');
    w.element('PXC');
    w.element(w.value(p.taxonomy, 'PRV', undefined, path, 'taxonomy'));
    w.end();
  }
  if (p.taxId !== undefined)
    problems.add([...path, 'taxId'], segments.ref, 'not_representable', 'the billing provider tax id only');
  if (p.address !== undefined)
    problems.add(
      [...path, 'address'],
      segments.address,
      'not_representable',
      'no rendering provider address in the 837P',
    );
}

/**
 * N3/N4 of the address at `base` + `owner` + `address`. N403 is a ZIP code without punctuation or
 * blanks ({@link isZipCode}): the 9 digits of ZIP+4 in 2010AA, 5 or 9 digits in 2010BA and 2010CA.
 */
function writeAddress(
  w: SegmentWriter,
  a: Address,
  loop: keyof typeof ADDRESS_SEGMENTS,
  base: IssuePath,
  owner: string,
  problems: Problems,
): void {
  const [n3, n4] = ADDRESS_SEGMENTS[loop];
  w.begin('N3');
  w.element(w.value(a.line1, n3, 'N301', base, owner, 'address', 'line1'));
  w.element(w.value(a.line2 ?? '', n3, 'N302', base, owner, 'address', 'line2'));
  w.end();
  w.begin('N4');
  w.element(w.value(a.city, n4, 'N401', base, owner, 'address', 'city'));
  w.element(w.value(a.state, n4, 'N402', base, owner, 'address', 'state'));
  const zip = w.value(a.postalCode, n4, 'N403', base, owner, 'address', 'postalCode');
  // A value the element refused (blank, a separator, a length) is reported once, by value().
  const zip4 = loop === '2010AA';
  if (zip !== '' && !isZipCode(zip, zip4))
    problems.add(
      [...base, owner, 'address', 'postalCode'],
      `${loop} N403`,
      'bad_value',
      zip4
        ? 'the full 9-digit ZIP code (ZIP+4, without the hyphen)'
        : 'a 5-digit ZIP code or the 9 digits of ZIP+4, without a hyphen or space',
      a.postalCode,
    );
  w.element(zip);
  w.end();
}
