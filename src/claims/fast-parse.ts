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

function array(v: unknown): readonly unknown[] {
  if (!Array.isArray(v)) throw REJECT;
  // Holes would be skipped by map() and kept in the copy; zod rejects them as undefined items.
  for (let i = 0; i < v.length; i++) if (!(i in v)) throw REJECT;
  return v;
}

function opt<T>(o: Obj, key: string, read: (v: unknown) => T, out: Obj): void {
  if (key in o) out[key] = read(o[key]);
}

function address(v: unknown): Address {
  const o = plain(v, ADDRESS_KEYS);
  const out: Obj = { line1: str(o.line1) };
  opt(o, 'line2', str, out);
  out.city = str(o.city);
  out.state = str(o.state);
  out.postalCode = str(o.postalCode);
  return Object.freeze(out) as Address;
}

function provider(v: unknown): Provider {
  const o = plain(v, PROVIDER_KEYS);
  if (!isValidNpi(o.npi)) throw REJECT;
  const out: Obj = { npi: o.npi };
  opt(o, 'taxonomy', str, out);
  opt(o, 'taxId', str, out);
  opt(o, 'name', str, out);
  opt(o, 'firstName', str, out);
  opt(o, 'address', address, out);
  return Object.freeze(out) as Provider;
}

function patient(v: unknown): Patient {
  const o = plain(v, PATIENT_KEYS);
  const out: Obj = { birthDate: date(o.birthDate), sex: oneOf(o.sex, SEX) };
  opt(o, 'firstName', str, out);
  opt(o, 'lastName', str, out);
  opt(o, 'address', address, out);
  return Object.freeze(out) as Patient;
}

function diagnosis(v: unknown): ClaimDiagnosis {
  const o = plain(v, DIAGNOSIS_KEYS);
  const out: Obj = { code: str(o.code) };
  opt(o, 'poa', poa, out);
  return Object.freeze(out) as ClaimDiagnosis;
}

// Readers for `opt`, hoisted so that reading a line allocates no closures.
const modifiers = (m: unknown): readonly string[] => Object.freeze(array(m).map(str));
const unitBasis = (b: unknown): string => oneOf(b, BASIS);
const poa = (p: unknown): string => oneOf(p, POA);
const pointer = (n: unknown): number => {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw REJECT;
  return n;
};
const pointers = (p: unknown): readonly number[] => Object.freeze(array(p).map(pointer));

function line(v: unknown): ClaimLine {
  const o = plain(v, LINE_KEYS);
  const out: Obj = { procedure: str(o.procedure) };
  opt(o, 'modifiers', modifiers, out);
  if (typeof o.units !== 'number' || !Number.isFinite(o.units)) throw REJECT;
  out.units = o.units;
  opt(o, 'unitBasis', unitBasis, out);
  const charge = str(o.charge);
  if (!MONEY.test(charge)) throw REJECT;
  out.charge = charge;
  opt(o, 'serviceDate', date, out);
  opt(o, 'serviceDateFrom', date, out);
  opt(o, 'serviceDateTo', date, out);
  // The line schema's refinements: exactly one of serviceDate / serviceDateFrom, and an ordered span.
  if ((out.serviceDate === undefined) === (out.serviceDateFrom === undefined)) throw REJECT;
  if (
    out.serviceDateTo !== undefined &&
    out.serviceDateFrom !== undefined &&
    (out.serviceDateTo as string) < (out.serviceDateFrom as string)
  )
    throw REJECT;
  opt(o, 'diagnosisPointers', pointers, out);
  opt(o, 'placeOfService', str, out);
  opt(o, 'ndc', str, out);
  opt(o, 'renderingProvider', provider, out);
  return Object.freeze(out) as ClaimLine;
}

function subscriber(v: unknown): Subscriber {
  const o = plain(v, SUBSCRIBER_KEYS);
  const out: Obj = { memberId: str(o.memberId) };
  opt(o, 'firstName', str, out);
  out.lastName = str(o.lastName);
  opt(o, 'birthDate', date, out);
  opt(o, 'sex', (s) => oneOf(s, SEX), out);
  opt(o, 'address', address, out);
  opt(o, 'groupNumber', str, out);
  opt(
    o,
    'relationship',
    (r) =>
      typeof r === 'string' && Object.hasOwn(RELATIONSHIP_NAMES, r)
        ? RELATIONSHIP_NAMES[r as 'self']
        : oneOf(r, RELATIONSHIP),
    out,
  );
  return Object.freeze(out) as Subscriber;
}

function payer(v: unknown): Payer {
  const o = plain(v, PAYER_KEYS);
  const out: Obj = { name: str(o.name), id: str(o.id) };
  opt(o, 'claimFilingIndicator', str, out);
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
    opt(
      o,
      'frequencyCode',
      (f) => {
        const s = str(f);
        if (!FREQUENCY.test(s)) throw REJECT;
        return s;
      },
      out,
    );
    opt(o, 'payerClaimControlNumber', (v) => str(v), out);
    out.diagnoses = Object.freeze(array(o.diagnoses).map(diagnosis));
    out.lines = Object.freeze(array(o.lines).map(line));
    opt(o, 'subscriber', subscriber, out);
    opt(o, 'payer', payer, out);
    opt(o, 'billingProvider', provider, out);
    opt(o, 'renderingProvider', provider, out);
    opt(o, 'admissionDate', date, out);
    opt(o, 'dischargeDate', date, out);
    return Object.freeze(out) as Claim;
  } catch (error) {
    if (error === REJECT) return undefined;
    // Getters or proxies in hostile input: leave it to zod, which reports issues.
    return undefined;
  }
}
