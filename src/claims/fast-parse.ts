/**
 * A fast path for reading well-formed claims. zod validates a 6-line claim in roughly 100 µs; this
 * hand-written check accepts only values the {@link ClaimSchema} accepts and copies them in the
 * schema's key order, in a few microseconds. Anything it does not recognise as clean (a problem,
 * an `undefined` value, a non-plain object) returns `undefined` and the caller falls back to zod,
 * which then reports the issues. A property test asserts that whenever this accepts, zod accepts
 * and produces an equal value.
 *
 * @module
 */
import { PARSE_CAPS } from './limits';
import { isValidNpi } from './npi';
import type {
  Address,
  Claim,
  ClaimDiagnosis,
  ClaimLine,
  Patient,
  Payer,
  Provider,
  Subscriber,
} from './schema';
import { RELATIONSHIP_NAMES } from './schema';

type Obj = Record<string, unknown>;

const MONEY = /^\d{1,9}(\.\d{1,2})?$/;
const FREQUENCY = /^[178]$/;
const SEX = new Set(['F', 'M', 'U']);
const POA = new Set(['Y', 'N', 'U', 'W', '1', '']);
const BASIS = new Set(['UN', 'MJ']);
const RELATIONSHIP = new Set(['18', '01', '19', '20', '21', '39', '40', '53', 'G8']);

const CLAIM_KEYS = new Set([
  'claimId',
  'patient',
  'placeOfService',
  'frequencyCode',
  'payerClaimControlNumber',
  'diagnoses',
  'lines',
  'subscriber',
  'payer',
  'billingProvider',
  'renderingProvider',
  'admissionDate',
  'dischargeDate',
]);
const PATIENT_KEYS = new Set(['birthDate', 'sex', 'firstName', 'lastName', 'address']);
const ADDRESS_KEYS = new Set(['line1', 'line2', 'city', 'state', 'postalCode']);
const DIAGNOSIS_KEYS = new Set(['code', 'poa']);
const LINE_KEYS = new Set([
  'procedure',
  'modifiers',
  'units',
  'unitBasis',
  'charge',
  'serviceDate',
  'serviceDateFrom',
  'serviceDateTo',
  'diagnosisPointers',
  'placeOfService',
  'ndc',
  'renderingProvider',
]);
const PROVIDER_KEYS = new Set(['npi', 'taxonomy', 'taxId', 'name', 'firstName', 'address']);
const SUBSCRIBER_KEYS = new Set([
  'memberId',
  'firstName',
  'lastName',
  'birthDate',
  'sex',
  'address',
  'groupNumber',
  'relationship',
]);
const PAYER_KEYS = new Set(['name', 'id', 'claimFilingIndicator']);

/** Thrown internally to leave the fast path; never escapes {@link fastParseClaim}. */
const REJECT = Symbol('reject');

function plain(v: unknown, keys: ReadonlySet<string>): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw REJECT;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw REJECT;
  // for-in walks the own enumerable keys without allocating Object.keys' array; the prototype is
  // Object.prototype or null here, so an inherited key only appears if Object.prototype was
  // polluted, and then it is not one of `keys`: the claim is left to zod, as before.
  for (const k in v) {
    if (!keys.has(k) || (v as Obj)[k] === undefined) throw REJECT;
  }
  return v as Obj;
}

function str(v: unknown): string {
  if (typeof v !== 'string') throw REJECT;
  return v;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Same acceptance as `toIsoDate` for strings (a real Gregorian calendar day), without allocating a
 * Date or slicing: `YYYY-MM-DD` read digit by digit (the `\d` of the schema's regex is 0-9).
 */
function date(v: unknown): string {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45)
    throw REJECT;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 7);
  const day = digits(v, 8, 10);
  if (month < 1 || month > 12 || day < 1) throw REJECT;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && leap ? 29 : DAYS[month - 1]!;
  if (day > max) throw REJECT;
  return v;
}

/** The number written by the ASCII digits `v[from..to)`; rejects anything else. */
function digits(v: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) throw REJECT;
    n = n * 10 + c;
  }
  return n;
}

function oneOf(v: unknown, set: ReadonlySet<string>): string {
  if (typeof v !== 'string' || !set.has(v)) throw REJECT;
  return v;
}

const NO_ITEMS: readonly never[] = Object.freeze([]);

/**
 * A frozen copy of an array whose every item `read` accepts. A hole reads as `undefined`, which no
 * reader accepts, so holes are rejected (zod rejects them as undefined items) without a second pass.
 */
function arrayOf<T>(v: unknown, read: (item: unknown) => T, cap: number): readonly T[] {
  // Past the parse caps the claim is refused (checkClaimSize says so): not one item is read.
  if (!Array.isArray(v) || v.length > cap) throw REJECT;
  // Lines without modifiers are the common case: they share one frozen empty list.
  if (v.length === 0) return NO_ITEMS as readonly T[];
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) {
    if (!(i in v)) throw REJECT;
    out.push(read(v[i]));
  }
  return Object.freeze(out);
}

// Each reader below reads its keys by name, one after the other: a named property load stays
// monomorphic in V8, where a generic "copy key k with reader f" helper made every load and call
// megamorphic and cost most of the reading time (rules bench, `npm run bench -- rules`). Optional
// keys are tested with `!== undefined`: `plain` has already rejected an own key holding undefined.

function address(v: unknown): Address {
  const o = plain(v, ADDRESS_KEYS);
  const out: Obj = { line1: str(o.line1) };
  if (o.line2 !== undefined) out.line2 = str(o.line2);
  out.city = str(o.city);
  out.state = str(o.state);
  out.postalCode = str(o.postalCode);
  return Object.freeze(out) as Address;
}

function provider(v: unknown): Provider {
  const o = plain(v, PROVIDER_KEYS);
  if (!isValidNpi(o.npi)) throw REJECT;
  const out: Obj = { npi: o.npi };
  if (o.taxonomy !== undefined) out.taxonomy = str(o.taxonomy);
  if (o.taxId !== undefined) out.taxId = str(o.taxId);
  if (o.name !== undefined) out.name = str(o.name);
  if (o.firstName !== undefined) out.firstName = str(o.firstName);
  if (o.address !== undefined) out.address = address(o.address);
  return Object.freeze(out) as Provider;
}

function patient(v: unknown): Patient {
  const o = plain(v, PATIENT_KEYS);
  const out: Obj = { birthDate: date(o.birthDate), sex: oneOf(o.sex, SEX) };
  if (o.firstName !== undefined) out.firstName = str(o.firstName);
  if (o.lastName !== undefined) out.lastName = str(o.lastName);
  if (o.address !== undefined) out.address = address(o.address);
  return Object.freeze(out) as Patient;
}

function diagnosis(v: unknown): ClaimDiagnosis {
  const o = plain(v, DIAGNOSIS_KEYS);
  const out: Obj = { code: str(o.code) };
  if (o.poa !== undefined) out.poa = oneOf(o.poa, POA);
  return Object.freeze(out) as ClaimDiagnosis;
}

const pointer = (n: unknown): number => {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw REJECT;
  return n;
};

function line(v: unknown): ClaimLine {
  const o = plain(v, LINE_KEYS);
  const out: Obj = { procedure: str(o.procedure) };
  if (o.modifiers !== undefined) out.modifiers = arrayOf(o.modifiers, str, PARSE_CAPS.modifiers);
  if (typeof o.units !== 'number' || !Number.isFinite(o.units)) throw REJECT;
  out.units = o.units;
  if (o.unitBasis !== undefined) out.unitBasis = oneOf(o.unitBasis, BASIS);
  const charge = str(o.charge);
  if (!MONEY.test(charge)) throw REJECT;
  out.charge = charge;
  const serviceDate = o.serviceDate === undefined ? undefined : date(o.serviceDate);
  const serviceDateFrom = o.serviceDateFrom === undefined ? undefined : date(o.serviceDateFrom);
  const serviceDateTo = o.serviceDateTo === undefined ? undefined : date(o.serviceDateTo);
  // The line schema's refinements: exactly one of serviceDate / serviceDateFrom, and an ordered span.
  if ((serviceDate === undefined) === (serviceDateFrom === undefined)) throw REJECT;
  if (serviceDateTo !== undefined && serviceDateFrom !== undefined && serviceDateTo < serviceDateFrom)
    throw REJECT;
  if (serviceDate !== undefined) out.serviceDate = serviceDate;
  if (serviceDateFrom !== undefined) out.serviceDateFrom = serviceDateFrom;
  if (serviceDateTo !== undefined) out.serviceDateTo = serviceDateTo;
  if (o.diagnosisPointers !== undefined)
    out.diagnosisPointers = arrayOf(o.diagnosisPointers, pointer, PARSE_CAPS.diagnosisPointers);
  if (o.placeOfService !== undefined) out.placeOfService = str(o.placeOfService);
  if (o.ndc !== undefined) out.ndc = str(o.ndc);
  if (o.renderingProvider !== undefined) out.renderingProvider = provider(o.renderingProvider);
  return Object.freeze(out) as ClaimLine;
}

function relationship(r: unknown): string {
  return typeof r === 'string' && Object.hasOwn(RELATIONSHIP_NAMES, r)
    ? RELATIONSHIP_NAMES[r as 'self']
    : oneOf(r, RELATIONSHIP);
}

function subscriber(v: unknown): Subscriber {
  const o = plain(v, SUBSCRIBER_KEYS);
  const out: Obj = { memberId: str(o.memberId) };
  if (o.firstName !== undefined) out.firstName = str(o.firstName);
  out.lastName = str(o.lastName);
  if (o.birthDate !== undefined) out.birthDate = date(o.birthDate);
  if (o.sex !== undefined) out.sex = oneOf(o.sex, SEX);
  if (o.address !== undefined) out.address = address(o.address);
  if (o.groupNumber !== undefined) out.groupNumber = str(o.groupNumber);
  if (o.relationship !== undefined) out.relationship = relationship(o.relationship);
  return Object.freeze(out) as Subscriber;
}

function payer(v: unknown): Payer {
  const o = plain(v, PAYER_KEYS);
  const out: Obj = { name: str(o.name), id: str(o.id) };
  if (o.claimFilingIndicator !== undefined) out.claimFilingIndicator = str(o.claimFilingIndicator);
  return Object.freeze(out) as Payer;
}

/**
 * Copies `value` as a deeply frozen {@link Claim} when it is clean, else `undefined` (meaning:
 * ask zod). Never throws; never returns a value the claim schema would reject.
 *
 * @example
 * ```ts
 * fastParseClaim(JSON.parse(text)) ?? ClaimSchema.safeParse(JSON.parse(text))
 * ```
 */
export function fastParseClaim(value: unknown): Claim | undefined {
  try {
    const o = plain(value, CLAIM_KEYS);
    const claimId = str(o.claimId);
    if (claimId.length === 0) return undefined;
    const out: Obj = { claimId, patient: patient(o.patient), placeOfService: str(o.placeOfService) };
    if (o.frequencyCode !== undefined) {
      const f = str(o.frequencyCode);
      if (!FREQUENCY.test(f)) throw REJECT;
      out.frequencyCode = f;
    }
    if (o.payerClaimControlNumber !== undefined) out.payerClaimControlNumber = str(o.payerClaimControlNumber);
    out.diagnoses = arrayOf(o.diagnoses, diagnosis, PARSE_CAPS.diagnoses);
    out.lines = arrayOf(o.lines, line, PARSE_CAPS.lines);
    if (o.subscriber !== undefined) out.subscriber = subscriber(o.subscriber);
    if (o.payer !== undefined) out.payer = payer(o.payer);
    if (o.billingProvider !== undefined) out.billingProvider = provider(o.billingProvider);
    if (o.renderingProvider !== undefined) out.renderingProvider = provider(o.renderingProvider);
    if (o.admissionDate !== undefined) out.admissionDate = date(o.admissionDate);
    if (o.dischargeDate !== undefined) out.dischargeDate = date(o.dischargeDate);
    return Object.freeze(out) as Claim;
  } catch (error) {
    if (error === REJECT) return undefined;
    // Getters or proxies in hostile input: leave it to zod, which reports issues.
    return undefined;
  }
}
