/**
 * The 837P writer's clean-claim lane: one pass over a claim object that checks it and writes its
 * loops at once, for the common claim that has nothing to report. It accepts a claim only when the
 * full path (the claim schema through `parseClaim`, the shared output checks, then the writer's
 * own 837P checks in `writer.ts`) would write it with no error, and then writes the same bytes,
 * with the full path's warnings for values the 837P drops (POA indicators, a dependent's
 * subscriber demographics, a rendering provider's tax id and address) in the same order; anything
 * else (a value of the wrong type or shape, an unknown key, a code or length the 837P refuses, a
 * field it leaves to the full path such as an NDC) makes it give up, the writer rolls the
 * claim's bytes back and takes the full path, which explains every problem with its path. So
 * the issues of an invalid claim are the full path's, and a clean claim is never read twice,
 * copied or frozen. test/claims/x12/clean-lane.test.ts asserts both halves against the full path.
 *
 * Loop and segment order, elements and their rules are those of `writer.ts` (ASC X12 837P
 * 005010X222A1); each segment below names its loop.
 *
 * @module
 */
import { isEin } from '../formats';
import { isValidNpi } from '../npi';
import { CLAIM_FIELDS, RELATIONSHIP_NAMES, X12_RELATIONSHIP_CODES } from '../claim-values';
import type { IssuePath } from '../../core/issues';
import type { InterchangeBytes, Problems, SegmentWriter } from './segment-writer';
import type { X12Separators } from './envelope';
import { X12_ELEMENT_LENGTH, isZipCode, sameDelimiters } from './segment-writer';

/** Thrown inside the lane to give a claim up to the full path; never escapes {@link writeCleanClaim}. */
const GIVE_UP = Symbol('not a clean claim');

function giveUp(): never {
  throw GIVE_UP;
}

// The keys each object of the claim may hold: the claim schema's own (strict objects), so that
// the lane never accepts a key the schema refuses.
const CLAIM_KEYS = knownKeys(CLAIM_FIELDS.claim);
const PATIENT_KEYS = knownKeys(CLAIM_FIELDS.patient);
const ADDRESS_KEYS = knownKeys(CLAIM_FIELDS.address);
const DIAGNOSIS_KEYS = knownKeys(CLAIM_FIELDS.diagnosis);
const LINE_KEYS = knownKeys(CLAIM_FIELDS.line);
const PROVIDER_KEYS = knownKeys(CLAIM_FIELDS.provider);
const SUBSCRIBER_KEYS = knownKeys(CLAIM_FIELDS.subscriber);
const PAYER_KEYS = knownKeys(CLAIM_FIELDS.payer);
const RELATIONSHIP_CODES: ReadonlySet<string> = new Set(X12_RELATIONSHIP_CODES);

/**
 * The keys a strict object of the claim schema allows, and the key lists of objects already found
 * to hold only those keys (see {@link onlyKnownKeys}).
 */
interface KnownKeys {
  readonly names: ReadonlySet<string>;
  /** Key lists, as `Object.keys` gives them, already checked against `names` (a lazy cache). */
  readonly seen: (readonly string[])[];
}

function knownKeys(fields: readonly string[]): KnownKeys {
  return { names: new Set(fields), seen: [] };
}

/**
 * How many key lists each kind of object remembers: a claim's lines or diagnoses come in a few
 * shapes (with or without modifiers, a line place of service, a POA), not in many.
 */
const KEY_LISTS_KEPT = 8;

/**
 * Whether every own enumerable key of `v` is one of `known.names`. The objects of a batch come in
 * a few shapes, made by the same code: their key lists (same keys, same order) are compared with
 * the lists already checked, one identity comparison per key, instead of a set look-up per key
 * (which was about a tenth of the time of writing a clean claim). A list not seen before is
 * checked against the set and kept, up to {@link KEY_LISTS_KEPT} lists.
 */
function onlyKnownKeys(v: object, known: KnownKeys): boolean {
  const keys = Object.keys(v);
  const seen = known.seen;
  for (let s = 0; s < seen.length; s++) if (sameKeys(seen[s]!, keys)) return true;
  for (let i = 0; i < keys.length; i++) if (!known.names.has(keys[i]!)) return false;
  if (seen.length < KEY_LISTS_KEPT) seen.push(keys);
  return true;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether an object with the prototype `Object.prototype` inherits an enumerable key, which the
 * schema (reading keys with `for…in`) would see and {@link onlyKnownKeys} (own keys) would not:
 * only when something has added one to `Object.prototype`. Checked once per claim.
 */
function objectPrototypeHasEnumerableKeys(): boolean {
  for (const key in Object.prototype) if (key !== undefined) return true;
  return false;
}

/** 005010X222A1 loop 2300 HI01–HI12: 12 diagnoses; loop 2400 repeats 50 times. */
const MAX_DIAGNOSES = 12;
const MAX_LINES = 50;
/** SV101-3…SV101-6 modifiers; SV107-1…SV107-4 pointers. */
const MAX_MODIFIERS = 4;
const MAX_POINTERS = 4;
/** The first date of service coded in ICD-10-CM (45 CFR 162.1002(c)); see `../output-check.ts`. */
const ICD10_FIRST_SERVICE_DATE = '2015-10-01';
/** A post office or lock box in an address line (2010AA N301/N302 must be a street address). */
const PO_BOX = /\b(?:P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|LOCK\s*BOX)\b/i;
const UNITS_TEXT = /^\d{1,10}(\.\d{1,3})?$/;
/** The claim schema's present-on-admission indicators. */
const POA: ReadonlySet<string> = new Set(['Y', 'N', 'U', 'W', '1', '']);

/**
 * The constant parts of the claim segments for one set of separators: each written with one copy
 * instead of element by element. Built once per separator set (see {@link claimTemplates}).
 */
interface ClaimTemplates {
  readonly term: string;
  /** `HL*` … */
  readonly hl: string;
  /** `**20*1~` (2000A HL02 empty, HL03 20, HL04 1). */
  readonly hlProviderTail: string;
  readonly hl22: string;
  readonly hl23Tail: string;
  readonly prvBi: string;
  readonly prvPe: string;
  readonly nm1Billing: string;
  readonly nm1Rendering: string;
  /** NM105–NM107 empty, NM108 XX (NM109 is the NPI). */
  readonly nm1Xx: string;
  readonly n3: string;
  readonly n4: string;
  readonly refEi: string;
  readonly sbr: string;
  /** SBR04–SBR08 empty before SBR09. */
  readonly sbrToFiling: string;
  readonly nm1Subscriber: string;
  /** NM105–NM107 empty, NM108 MI. */
  readonly nm1Mi: string;
  readonly dmg: string;
  readonly nm1Payer: string;
  /** NM104–NM107 empty, NM108 PI. */
  readonly nm1Pi: string;
  readonly pat: string;
  readonly nm1Patient: string;
  readonly clm: string;
  /** CLM03, CLM04 empty before CLM05-1. */
  readonly clmToPos: string;
  /** CLM05-2 B, then CLM05-3. */
  readonly clmFacility: string;
  /** CLM06 Y, CLM07 A, CLM08 Y, CLM09 Y. */
  readonly clmTail: string;
  readonly dtp435: string;
  readonly dtp096: string;
  /** SV1 ends, then `DTP*472*D8*` (one date) or `DTP*472*RD8*` (a span). */
  readonly endDtp472: string;
  readonly endDtp472Span: string;
  readonly refF8: string;
  readonly hiFirst: string;
  readonly hiNext: string;
  /** `LX*n~SV1*HC:` for line n (1…50): the line's number and the start of its SV1, one copy. */
  readonly lxSv1: readonly string[];
  /** SV103 `UN` or `MJ` between its separators. */
  readonly basisUn: string;
  readonly basisMj: string;
  /** SV105 empty, SV106 empty: the separators before SV107. */
  readonly toPointers: string;
  /** SV105 written: the separators after it, before SV107. */
  readonly afterLinePos: string;
  readonly el: number;
  readonly comp: number;
}

function buildTemplates(e: string, c: string, term: string): ClaimTemplates {
  return {
    term,
    hl: `HL${e}`,
    hlProviderTail: `${e}${e}20${e}1${term}`,
    hl22: `${e}22${e}`,
    hl23Tail: `${e}23${e}0${term}`,
    prvBi: `PRV${e}BI${e}PXC${e}`,
    prvPe: `PRV${e}PE${e}PXC${e}`,
    nm1Billing: `NM1${e}85${e}`,
    nm1Rendering: `NM1${e}82${e}`,
    nm1Xx: `${e}${e}${e}${e}XX${e}`,
    n3: `N3${e}`,
    n4: `N4${e}`,
    refEi: `REF${e}EI${e}`,
    sbr: `SBR${e}P${e}`,
    sbrToFiling: `${e}${e}${e}${e}${e}${e}`,
    nm1Subscriber: `NM1${e}IL${e}1${e}`,
    nm1Mi: `${e}${e}${e}${e}MI${e}`,
    dmg: `DMG${e}D8${e}`,
    nm1Payer: `NM1${e}PR${e}2${e}`,
    nm1Pi: `${e}${e}${e}${e}${e}PI${e}`,
    pat: `PAT${e}`,
    nm1Patient: `NM1${e}QC${e}1${e}`,
    clm: `CLM${e}`,
    clmToPos: `${e}${e}${e}`,
    clmFacility: `${c}B${c}`,
    clmTail: `${e}Y${e}A${e}Y${e}Y${term}`,
    dtp435: `DTP${e}435${e}D8${e}`,
    dtp096: `DTP${e}096${e}D8${e}`,
    endDtp472: `${term}DTP${e}472${e}D8${e}`,
    endDtp472Span: `${term}DTP${e}472${e}RD8${e}`,
    refF8: `REF${e}F8${e}`,
    hiFirst: `HI${e}ABK${c}`,
    hiNext: `${e}ABF${c}`,
    lxSv1: Array.from({ length: MAX_LINES }, (_, j) => `LX${e}${j + 1}${term}SV1${e}HC${c}`),
    basisUn: `${e}UN${e}`,
    basisMj: `${e}MJ${e}`,
    toPointers: `${e}${e}${e}`,
    afterLinePos: `${e}${e}`,
    el: e.charCodeAt(0),
    comp: c.charCodeAt(0),
  };
}

/** The templates of the last separators seen (a lazy cache: a run of interchanges shares one set). */
let lastTemplates: {
  readonly sep: X12Separators;
  readonly lineBreaks: boolean;
  readonly templates: ClaimTemplates | undefined;
} = {
  sep: { element: '', component: '', repetition: '', segment: '' },
  lineBreaks: false,
  templates: undefined,
};

/**
 * The claim templates of a writer's separators, or undefined when a separator is not ASCII (the
 * lane writes bytes one per character; such interchanges take the full path).
 */
function claimTemplates(w: SegmentWriter): ClaimTemplates | undefined {
  const sep = w.separators;
  const last = lastTemplates;
  if (w.lineBreaks === last.lineBreaks && sameDelimiters(sep, last.sep)) return last.templates;
  const ascii = /^[\x21-\x7e]$/;
  const templates =
    ascii.test(sep.element) && ascii.test(sep.component) && ascii.test(sep.segment)
      ? buildTemplates(sep.element, sep.component, w.lineBreaks ? `${sep.segment}\n` : sep.segment)
      : undefined;
  lastTemplates = { sep: { ...sep }, lineBreaks: w.lineBreaks, templates };
  return templates;
}

type Obj = Record<string, unknown>;

/**
 * An object of the claim as the schema's strict objects read it: a plain object (prototype
 * Object.prototype or null) with only the given keys. A key holding `undefined` reads as absent,
 * as the schema reads an optional key; a required one is refused where it is read. The values
 * are read by name where they are used, not here.
 */
function plainObject(v: unknown, keys: KnownKeys): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) giveUp();
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) giveUp();
  if (!onlyKnownKeys(v, keys)) giveUp();
  return v as Obj;
}

// The code shapes below are read character by character: a pattern test per value was a visible
// share of a claim's time, and these shapes are fixed-length.

/** `v` is a string of exactly `n` ASCII digits (place of service: 2). */
function isDigits(v: unknown, n: number): v is string {
  if (typeof v !== 'string' || v.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `v` is exactly `n` ASCII digits or capital letters (SBR09 claim filing indicator: 2). */
function isUpperAlphanumeric(v: unknown, n: number): v is string {
  return typeof v === 'string' && v.length === n && upperAlphanumericPrefix(v, n);
}

/** The first `n` characters of `v` are ASCII digits or capital letters. */
function upperAlphanumericPrefix(v: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return true;
}

/**
 * A provider taxonomy code: 9 digits or capital letters, then `X` (2000A and 2310B/2420A PRV03;
 * NUCC Health Care Provider Taxonomy code set).
 */
function isTaxonomy(v: unknown): v is string {
  return (
    typeof v === 'string' && v.length === 10 && v.charCodeAt(9) === 0x58 && upperAlphanumericPrefix(v, 9)
  );
}

/** An array of `min`…`max` items without holes. */
function list(v: unknown, min: number, max: number): readonly unknown[] {
  if (!Array.isArray(v) || v.length < min || v.length > max) giveUp();
  for (let i = 0; i < v.length; i++) if (!(i in v)) giveUp();
  return v;
}

/**
 * `v`, or `otherwise` when `v` is absent. Not `??`, which would read `null` as absent where the
 * schema refuses it.
 */
function absentAs<T>(v: unknown, otherwise: T): unknown {
  return v === undefined ? otherwise : v;
}

/** Whether `v` is absent or the empty string (an element with nothing to write). */
function isEmpty(v: unknown): boolean {
  return v === undefined || v === '';
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day `YYYY-MM-DD` (the claim schema's date), as a string. */
function isoDate(v: unknown): string {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 0x2d || v.charCodeAt(7) !== 0x2d)
    giveUp();
  const year = digitsAt(v, 0, 4);
  const month = digitsAt(v, 5, 7);
  const day = digitsAt(v, 8, 10);
  if (month < 1 || month > 12 || day < 1) giveUp();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS[month - 1]!)) giveUp();
  return v;
}

function digitsAt(v: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = v.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) giveUp();
    n = n * 10 + d;
  }
  return n;
}

/**
 * Integer cents of a claim charge: the claim schema's money (1–9 integer digits, then optionally
 * a point and 1–2 decimals), read digit by digit.
 */
function chargeCents(v: unknown): number {
  if (typeof v !== 'string') giveUp();
  const n = v.length;
  let i = 0;
  let whole = 0;
  for (; i < n; i++) {
    const d = v.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i < 1 || i > 9) giveUp();
  let frac = 0;
  if (i < n) {
    const decimals = n - i - 1;
    if (v.charCodeAt(i) !== 0x2e || decimals < 1 || decimals > 2) giveUp();
    for (let k = i + 1; k < n; k++) {
      const d = v.charCodeAt(k) - 0x30;
      if (d < 0 || d > 9) giveUp();
      frac = frac * 10 + d;
    }
    if (decimals === 1) frac *= 10;
  }
  return whole * 100 + frac;
}

/** The patient's relationship as its X12 code (a readable name is read as its code, as the schema does). */
function relationshipCode(v: unknown): string {
  if (v === undefined) return '18';
  if (typeof v !== 'string') giveUp();
  if (Object.hasOwn(RELATIONSHIP_NAMES, v)) return RELATIONSHIP_NAMES[v as keyof typeof RELATIONSHIP_NAMES];
  if (!RELATIONSHIP_CODES.has(v)) giveUp();
  return v;
}

/**
 * A warning of the full path about a value the 837P cannot carry (`not_representable`): the
 * path under the claim, the segment, what is expected. The lane reports these only once the
 * claim is written, so that a claim it gives up on later reports nothing twice.
 */
type PendingWarning = readonly [path: IssuePath, segment: string, expected: string];

/** Checks and writes one claim's loops (see the module comment). */
class CleanClaimLane {
  /** The claim's warnings, in the full path's order (see {@link PendingWarning}). */
  readonly warnings: PendingWarning[] = [];
  /** The lines' charges in cents, read once for CLM02 and written again in each SV102. */
  private readonly charges: number[] = [];
  constructor(
    private readonly out: InterchangeBytes,
    private readonly t: ClaimTemplates,
    private readonly plain: Uint8Array,
  ) {}
  private warn(path: IssuePath, segment: string, expected: string): void {
    this.warnings.push([path, segment, expected]);
  }
  /** A required value of `min`…`max` plain characters (X12.6 printable ASCII, no separator). */
  private value(v: unknown, min: number, max: number): void {
    if (!this.out.plainValue(v, this.plain, min, max)) giveUp();
  }
  /** An optional value: absent or empty writes nothing (an empty element). */
  private optional(v: unknown, max: number): void {
    if (v !== undefined && v !== '') this.value(v, 1, max);
  }
  /** A D8 date element: `YYYY-MM-DD` checked as a real day, written `CCYYMMDD`. */
  private date(v: unknown): void {
    this.out.writeD8(isoDate(v));
  }
  private end(): void {
    this.out.writeAscii(this.t.term);
  }

  /** Writes the claim; gives up (throws GIVE_UP) when it is not clean. Returns the segments written. */
  write(input: unknown, hl: { n: number }): number {
    const t = this.t;
    const out = this.out;
    // The schema reads keys with for…in, inherited ones included: see onlyKnownKeys.
    if (objectPrototypeHasEnumerableKeys()) giveUp();
    const claim = plainObject(input, CLAIM_KEYS);
    const claimId = claim.claimId;
    const patient = plainObject(claim.patient, PATIENT_KEYS);
    const pos = claim.placeOfService;
    if (!isDigits(pos, 2)) giveUp();
    const frequency = absentAs(claim.frequencyCode, '1');
    if (frequency !== '1' && frequency !== '7' && frequency !== '8') giveUp();
    const dx = list(claim.diagnoses, 1, MAX_DIAGNOSES);
    const lines = list(claim.lines, 1, MAX_LINES);
    const bp = plainObject(claim.billingProvider, PROVIDER_KEYS);
    const sub = plainObject(claim.subscriber, SUBSCRIBER_KEYS);
    const payer = plainObject(claim.payer, PAYER_KEYS);
    const relationship = relationshipCode(sub.relationship);
    const self = relationship === '18';
    let segments = 0;

    // ---- 2000A billing provider (HL03 = 20), 2010AA ----
    const hlProvider = ++hl.n;
    out.writeAscii(t.hl);
    out.writeWholeNumber(hlProvider);
    out.writeAscii(t.hlProviderTail);
    segments++;
    if (bp.taxonomy !== undefined) {
      this.taxonomy(t.prvBi, bp.taxonomy);
      segments++;
    }
    this.providerName(t.nm1Billing, bp);
    // 2010AA N3/N4: a street address (no post office or lock box) and the 9-digit ZIP code.
    const bpAddress = plainObject(bp.address, ADDRESS_KEYS);
    if (typeof bpAddress.line1 === 'string' && PO_BOX.test(bpAddress.line1)) giveUp();
    if (typeof bpAddress.line2 === 'string' && PO_BOX.test(bpAddress.line2)) giveUp();
    this.address(bpAddress, true);
    // 2010AA REF*EI: the EIN, 9 digits (one hyphen dropped).
    const taxId = bp.taxId;
    if (!isEin(taxId)) giveUp();
    out.writeAscii(t.refEi);
    if (taxId.length === 9) out.writeAscii(taxId);
    else out.writeWithout(taxId, 0x2d);
    this.end();
    segments += 4;

    // ---- 2000B subscriber (HL03 = 22), SBR, 2010BA, 2010BB ----
    const hlSubscriber = ++hl.n;
    out.writeAscii(t.hl);
    out.writeWholeNumber(hlSubscriber);
    out.byte(t.el);
    out.writeWholeNumber(hlProvider);
    out.writeAscii(t.hl22);
    out.byte(self ? 0x30 : 0x31);
    this.end();
    const filing = payer.claimFilingIndicator;
    if (!isUpperAlphanumeric(filing, 2)) giveUp();
    out.writeAscii(t.sbr);
    if (self) out.writeAscii('18');
    out.byte(t.el);
    this.optional(sub.groupNumber, X12_ELEMENT_LENGTH.SBR03[1]);
    out.writeAscii(t.sbrToFiling);
    out.writeAscii(filing);
    this.end();
    out.writeAscii(t.nm1Subscriber);
    this.value(sub.lastName, ...X12_ELEMENT_LENGTH.NM103);
    out.byte(t.el);
    // Self case: without a subscriber first name, the patient's (005010X222A1 loop 2010BA NM104,
    // "required when the person has a first name"; see writer.ts).
    this.optional(
      self && sub.firstName === undefined ? patient.firstName : sub.firstName,
      X12_ELEMENT_LENGTH.NM104[1],
    );
    out.writeAscii(t.nm1Mi);
    this.value(sub.memberId, ...X12_ELEMENT_LENGTH.NM109);
    this.end();
    segments += 3;
    if (sub.birthDate !== undefined) isoDate(sub.birthDate);
    if (sub.sex !== undefined) sex(sub.sex);
    const birthDate = isoDate(patient.birthDate);
    const patientSex = sex(patient.sex);
    if (self) {
      // One person: the patient's name and address are the subscriber's (2010BA), so they must agree…
      if (patient.lastName !== undefined && patient.lastName !== sub.lastName) giveUp();
      if (
        patient.firstName !== undefined &&
        sub.firstName !== undefined &&
        patient.firstName !== sub.firstName
      )
        giveUp();
      if (patient.address !== undefined && sub.address !== undefined) giveUp();
      // …and so must the birth date and sex (one DMG); the full path warns when they differ.
      if (sub.birthDate !== undefined && sub.birthDate !== birthDate) giveUp();
      if (sub.sex !== undefined && sub.sex !== patientSex) giveUp();
      if (typeof patient.firstName !== 'string' && patient.firstName !== undefined) giveUp();
      segments += this.addressAndDemographics(absentAs(sub.address, patient.address), birthDate, patientSex);
    } else {
      // 2010BA N3/N4 and DMG: "Required when the patient is the subscriber or considered to be the
      // subscriber. If not required by this implementation guide, do not send." (005010X222A1).
      const why = "sent only when the subscriber is the patient (the patient's are in 2010CA)";
      if (sub.address !== undefined) {
        checkAddress(plainObject(sub.address, ADDRESS_KEYS));
        this.warn(['subscriber', 'address'], '2010BA N3/N4', why);
      }
      if (sub.birthDate !== undefined) this.warn(['subscriber', 'birthDate'], '2010BA DMG', why);
      if (sub.sex !== undefined) this.warn(['subscriber', 'sex'], '2010BA DMG', why);
    }
    out.writeAscii(t.nm1Payer);
    this.value(payer.name, ...X12_ELEMENT_LENGTH.NM103);
    out.writeAscii(t.nm1Pi);
    this.value(payer.id, ...X12_ELEMENT_LENGTH.NM109);
    this.end();
    segments++;

    // ---- 2000C patient (HL03 = 23), PAT, 2010CA: only when the patient is not the subscriber ----
    if (!self) {
      out.writeAscii(t.hl);
      out.writeWholeNumber(++hl.n);
      out.byte(t.el);
      out.writeWholeNumber(hlSubscriber);
      out.writeAscii(t.hl23Tail);
      out.writeAscii(t.pat);
      out.writeAscii(relationship);
      this.end();
      out.writeAscii(t.nm1Patient);
      this.value(patient.lastName, ...X12_ELEMENT_LENGTH.NM103);
      if (!isEmpty(patient.firstName)) {
        out.byte(t.el);
        this.value(patient.firstName, ...X12_ELEMENT_LENGTH.NM104);
      }
      this.end();
      segments += 3;
      segments += this.addressAndDemographics(patient.address, birthDate, patientSex);
    } else if (patient.lastName !== undefined && typeof patient.lastName !== 'string') giveUp();

    // ---- 2300 claim: CLM02 is the sum of the lines' SV102, in integer cents ----
    let total = 0;
    const charges = this.charges;
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j];
      if (line === null || typeof line !== 'object') giveUp();
      const cents = chargeCents((line as Obj).charge);
      charges[j] = cents;
      total += cents;
    }
    out.writeAscii(t.clm);
    this.value(claimId, ...X12_ELEMENT_LENGTH.CLM01);
    out.byte(t.el);
    out.writeCents(total);
    out.writeAscii(t.clmToPos);
    out.writeAscii(pos);
    out.writeAscii(t.clmFacility);
    out.writeAscii(frequency);
    out.writeAscii(t.clmTail);
    segments++;
    const admission = claim.admissionDate;
    const discharge = claim.dischargeDate;
    if (admission !== undefined) {
      out.writeAscii(t.dtp435);
      this.date(admission);
      this.end();
      segments++;
    }
    if (discharge !== undefined) {
      out.writeAscii(t.dtp096);
      this.date(discharge);
      this.end();
      segments++;
      if (admission !== undefined && (discharge as string) < (admission as string)) giveUp();
    }
    // REF*F8 only, and always, for a replacement (7) or void (8).
    const pcn = claim.payerClaimControlNumber;
    if (frequency === '1') {
      if (pcn !== undefined) giveUp();
    } else {
      if (typeof pcn !== 'string' || pcn.trim() === '') giveUp();
      out.writeAscii(t.refF8);
      this.value(pcn, ...X12_ELEMENT_LENGTH.REF02);
      this.end();
      segments++;
    }
    // HI: ABK then ABF, ICD-10-CM codes upper-cased and without the dot; POA is not sent (837I only).
    for (let k = 0; k < dx.length; k++) {
      const d = plainObject(dx[k], DIAGNOSIS_KEYS);
      if (d.poa !== undefined && d.poa !== '') {
        if (!POA.has(d.poa as string)) giveUp();
        this.warn(['diagnoses', k, 'poa'], '2300 HI', 'POA is reported on institutional (837I) claims only');
      }
      out.writeAscii(k === 0 ? t.hiFirst : t.hiNext);
      if (!out.upperCode(d.code, 3, 7, true, true)) giveUp();
    }
    this.end();
    segments++;
    if (claim.renderingProvider !== undefined)
      segments += this.rendering(claim.renderingProvider, RENDERING_2310B, undefined);

    // ---- 2400 service lines ----
    const usable = dx.length;
    for (let j = 0; j < lines.length; j++) segments += this.line(lines[j], j, charges[j]!, pos, usable);
    return segments;
  }

  /** PRV*BI/PE*PXC*taxonomy (2000A, 2310B, 2420A): a 10-character taxonomy code. */
  private taxonomy(template: string, taxonomy: unknown): void {
    if (!isTaxonomy(taxonomy)) giveUp();
    this.out.writeAscii(template);
    this.out.writeAscii(taxonomy);
    this.end();
  }

  /** NM1 of a provider: NM102 1 (person, when a first name is given) or 2, NM108 XX, NM109 the NPI. */
  private providerName(template: string, p: Obj): void {
    const out = this.out;
    if (!isValidNpi(p.npi)) giveUp();
    const person = !isEmpty(p.firstName);
    out.writeAscii(template);
    out.byte(person ? 0x31 : 0x32);
    out.byte(this.t.el);
    this.value(p.name, ...X12_ELEMENT_LENGTH.NM103);
    out.byte(this.t.el);
    if (person) this.value(p.firstName, ...X12_ELEMENT_LENGTH.NM104);
    else if (p.firstName !== undefined && typeof p.firstName !== 'string') giveUp();
    out.writeAscii(this.t.nm1Xx);
    out.writeAscii(p.npi as string);
    this.end();
  }

  /**
   * 2310B/2420A NM1*82 and PRV*PE (of the claim, or of line `line`); the 837P has no rendering tax
   * id or address, which are dropped with a warning.
   */
  private rendering(v: unknown, loop: RenderingLoop, line: number | undefined): number {
    const p = plainObject(v, PROVIDER_KEYS);
    this.providerName(this.t.nm1Rendering, p);
    let segments = 1;
    if (p.taxonomy !== undefined) {
      this.taxonomy(this.t.prvPe, p.taxonomy);
      segments++;
    }
    if (p.taxId !== undefined) {
      if (typeof p.taxId !== 'string') giveUp();
      this.warn(renderingPath(line, 'taxId'), loop.ref, 'the billing provider tax id only');
    }
    if (p.address !== undefined) {
      checkAddress(plainObject(p.address, ADDRESS_KEYS));
      this.warn(renderingPath(line, 'address'), loop.address, 'no rendering provider address in the 837P');
    }
    return segments;
  }

  /**
   * The patient's N3/N4 and DMG, in 2010BA when the patient is the
   * subscriber, else in 2010CA (005010X222A1); returns how many segments it wrote.
   */
  private addressAndDemographics(address: unknown, birthDate: string, sex: string): number {
    // N3/N4 are required for the patient (2010CA usage R; 2010BA when the patient is the
    // subscriber): plainObject gives up on an absent address, which the full path reports.
    this.address(plainObject(address, ADDRESS_KEYS), false);
    const segments = 3;
    const t = this.t;
    const out = this.out;
    out.writeAscii(t.dmg);
    out.writeD8(birthDate);
    out.byte(t.el);
    out.writeAscii(sex);
    this.end();
    return segments;
  }

  /**
   * N3/N4; N403 a ZIP code without punctuation or blanks (X12 element 116), the 9 digits of ZIP+4
   * when `zip4` (2010AA), else 5 or 9 digits: {@link isZipCode}, the full path's check.
   */
  private address(a: Obj, zip4: boolean): void {
    if (!isZipCode(a.postalCode, zip4)) giveUp();
    const out = this.out;
    out.writeAscii(this.t.n3);
    this.value(a.line1, ...X12_ELEMENT_LENGTH.N301);
    if (!isEmpty(a.line2)) {
      out.byte(this.t.el);
      this.value(a.line2, ...X12_ELEMENT_LENGTH.N302);
    } else if (a.line2 !== undefined && typeof a.line2 !== 'string') giveUp();
    this.end();
    out.writeAscii(this.t.n4);
    this.value(a.city, ...X12_ELEMENT_LENGTH.N401);
    out.byte(this.t.el);
    this.value(a.state, ...X12_ELEMENT_LENGTH.N402);
    out.byte(this.t.el);
    this.value(a.postalCode, ...X12_ELEMENT_LENGTH.N403);
    this.end();
  }

  /**
   * LX, SV1, DTP*472 and 2420A of one line, whose charge is `cents`; returns the segments written.
   * The constant bytes between values are written as one template each (see {@link ClaimTemplates}).
   */
  private line(v: unknown, j: number, cents: number, claimPos: string, usable: number): number {
    const t = this.t;
    const out = this.out;
    const line = plainObject(v, LINE_KEYS);
    // An NDC (2410 LIN/CTP) takes the full path.
    if (line.ndc !== undefined) giveUp();
    // LX01 the line number; SV101 HC:procedure:modifiers, SV102 charge, SV103 unit basis, SV104
    // units, SV105 place of service when it differs from CLM05-1, SV107 pointers.
    out.writeAscii(t.lxSv1[j]!);
    if (!out.upperCode(line.procedure, 5, 5, false, false)) giveUp();
    if (line.modifiers !== undefined) {
      const mods = list(line.modifiers, 0, MAX_MODIFIERS);
      for (let m = 0; m < mods.length; m++) {
        out.byte(t.comp);
        if (!out.upperCode(mods[m], 2, 2, false, false)) giveUp();
      }
    }
    out.byte(t.el);
    out.writeCents(cents);
    const basis = line.unitBasis;
    if (basis === undefined || basis === 'UN') out.writeAscii(t.basisUn);
    else if (basis === 'MJ') out.writeAscii(t.basisMj);
    else giveUp();
    this.units(line.units);
    const linePos = line.placeOfService;
    if (linePos !== undefined && !isDigits(linePos, 2)) giveUp();
    if (linePos === undefined || linePos === claimPos) out.writeAscii(t.toPointers);
    else {
      out.byte(t.el);
      out.writeAscii(linePos);
      out.writeAscii(t.afterLinePos);
    }
    const pointers = list(line.diagnosisPointers, 1, MAX_POINTERS);
    for (let p = 0; p < pointers.length; p++) {
      const pointer = pointers[p];
      if (typeof pointer !== 'number' || !Number.isInteger(pointer) || pointer < 1 || pointer > usable)
        giveUp();
      if (p > 0) out.byte(t.comp);
      out.writeWholeNumber(pointer);
    }
    // DTP*472: D8 for one date, RD8 for a span; on or after the ICD-10-CM compliance date.
    const from = absentAs(line.serviceDate, line.serviceDateFrom);
    if ((line.serviceDate === undefined) === (line.serviceDateFrom === undefined)) giveUp();
    if (typeof from !== 'string' || from < ICD10_FIRST_SERVICE_DATE) giveUp();
    if (line.serviceDate !== undefined) {
      if (line.serviceDateTo !== undefined) giveUp();
      out.writeAscii(t.endDtp472);
      this.date(from);
    } else {
      const to = absentAs(line.serviceDateTo, from);
      out.writeAscii(t.endDtp472Span);
      this.date(from);
      out.byte(0x2d);
      this.date(to);
      if ((to as string) < from) giveUp();
    }
    this.end();
    if (line.renderingProvider === undefined) return 3;
    return 3 + this.rendering(line.renderingProvider, RENDERING_2420A, j);
  }

  /** SV104: a positive quantity of at most 10 digits and 3 decimals once printed. */
  private units(units: unknown): void {
    if (typeof units !== 'number' || !(units > 0)) giveUp();
    if (Number.isInteger(units) && units < 1e10) this.out.writeWholeNumber(units);
    else {
      const text = String(units);
      if (!UNITS_TEXT.test(text)) giveUp();
      this.out.writeAscii(text);
    }
  }
}

/** The segment names of a rendering provider loop, for its warnings. */
interface RenderingLoop {
  readonly ref: string;
  readonly address: string;
}
const RENDERING_2310B: RenderingLoop = { ref: '2310B REF', address: '2310B N3/N4' };
const RENDERING_2420A: RenderingLoop = { ref: '2420A REF', address: '2420A N3/N4' };

/** The path of a rendering provider's field under the claim (of line `line`, or of the claim). */
function renderingPath(line: number | undefined, field: string): IssuePath {
  return line === undefined ? ['renderingProvider', field] : ['lines', line, 'renderingProvider', field];
}

/** An address the claim schema accepts (strings; line2 optional), not written. */
function checkAddress(a: Obj): void {
  if (
    typeof a.line1 !== 'string' ||
    typeof a.city !== 'string' ||
    typeof a.state !== 'string' ||
    typeof a.postalCode !== 'string' ||
    (a.line2 !== undefined && typeof a.line2 !== 'string')
  )
    giveUp();
}

/** A sex code of the claim schema (F, M, U). */
function sex(v: unknown): string {
  if (v !== 'F' && v !== 'M' && v !== 'U') giveUp();
  return v;
}

/**
 * Writes a clean claim's loops in one pass (see the module comment) and returns true, or returns
 * false having written nothing that stays: the caller takes the full path. Never throws.
 *
 * @example
 * ```ts
 * if (!writeCleanClaim(w, claims[i], i, hl, problems)) writeClaim(w, claims[i], i, hl, problems);
 * ```
 */
export function writeCleanClaim(
  w: SegmentWriter,
  input: unknown,
  index: number,
  hl: { n: number },
  problems: Problems,
): boolean {
  const templates = claimTemplates(w);
  if (templates === undefined) return false;
  const mark = w.mark();
  const hlMark = hl.n;
  try {
    const lane = new CleanClaimLane(w.bytes, templates, w.plain);
    w.segments += lane.write(input, hl);
    for (const [path, segment, expected] of lane.warnings)
      problems.add(['claims', index, ...path], segment, 'not_representable', expected);
    return true;
  } catch {
    // Not clean (or a getter that throws): nothing of it stays, the full path reads it again.
    w.rollback(mark);
    hl.n = hlMark;
    return false;
  }
}
