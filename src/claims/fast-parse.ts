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
import { isMoneyAmount } from './internal';
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
import {
  FREQUENCY_PATTERN,
  POA_INDICATORS,
  RELATIONSHIP_NAMES,
  SEX_CODES,
  UNIT_BASIS_CODES,
  X12_RELATIONSHIP_CODES,
} from './claim-values';

type Obj = Record<string, unknown>;

const SEX: ReadonlySet<string> = new Set(SEX_CODES);
const POA: ReadonlySet<string> = new Set(POA_INDICATORS);
const BASIS: ReadonlySet<string> = new Set(UNIT_BASIS_CODES);
const RELATIONSHIP: ReadonlySet<string> = new Set(X12_RELATIONSHIP_CODES);

/** Thrown internally to leave the fast path; never escapes {@link fastParseClaim}. */
const REJECT = Symbol('reject');

/**
 * A plain object (prototype `Object.prototype` or null), else the claim is left to zod. Its keys
 * are read by name by the reader of its type, which counts the keys it found defined; {@link
 * onlyKeysRead} then checks that the object has no other key.
 */
function plain(v: unknown): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw REJECT;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw REJECT;
  return v as Obj;
}

/**
 * Rejects an object with an enumerable key its reader did not read as defined: an unknown key,
 * or a known one holding `undefined` (the schema rejects both). The reader counted the keys it
 * read as defined (`read`); `for…in` counts the object's keys with no property read and no key
 * lookup, so each field is read once, by name. An inherited key only appears if
 * `Object.prototype` was polluted: an unknown one leaves the claim to zod; a known one was also
 * seen by the reader's read by name, as when each key was looked up in a set of known keys.
 */
function onlyKeysRead(v: Obj, read: number): void {
  let keys = 0;
  for (const _ in v) keys++;
  if (keys !== read) throw REJECT;
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
  const n = v.length;
  // Lines without modifiers are the common case: they share one frozen empty list.
  if (n === 0) return NO_ITEMS as readonly T[];
  // Made at its final length: V8 freezes an array with no spare capacity several times faster
  // than one grown by push, and a claim has some twenty lists.
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    if (!(i in v)) throw REJECT;
    out[i] = read(v[i]);
  }
  return Object.freeze(out);
}

/**
 * Frozen lists and diagnoses shared by every claim that carries the same content: a claim is some
 * thirty small frozen objects, and freezing one costs V8 a runtime call, several times the cost of
 * finding the same frozen value again. Values are immutable, so sharing one between claims (or
 * twice in one claim) is invisible but for identity. Each cache is bounded: cleared when full.
 */
const SHARED_LIMIT = 4096;
/** Diagnosis pointer lists of 1 to 4 pointers, each 1 to 12 (837P SV107, 2300 HI), by content. */
const POINTER_LISTS = new Map<number, readonly number[]>();
/** One-modifier lists, by the modifier. */
const MODIFIER_LISTS = new Map<string, readonly string[]>();
/** Diagnoses with no POA indicator, by code. */
const DIAGNOSES = new Map<string, ClaimDiagnosis>();

/** Keeps `value` in a bounded cache: a stream of distinct values never grows it past the limit. */
function keep<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= SHARED_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * A line's diagnosis pointers, frozen: the usual list (at most four pointers into the 837P's 12
 * diagnoses) shared by content, any other list read as {@link arrayOf} reads it.
 */
function pointerList(v: unknown): readonly number[] {
  if (Array.isArray(v) && v.length > 0 && v.length <= 4) {
    // The list as one number in bijective base 13 (digits 1 to 12): distinct lists, distinct keys.
    let key = 0;
    for (let i = 0; i < v.length; i++) {
      const p: unknown = v[i];
      if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 12) {
        key = -1;
        break;
      }
      key = key * 13 + p;
    }
    if (key > 0)
      return (
        POINTER_LISTS.get(key) ?? keep(POINTER_LISTS, key, arrayOf(v, pointer, PARSE_CAPS.diagnosisPointers))
      );
  }
  return arrayOf(v, pointer, PARSE_CAPS.diagnosisPointers);
}

/** A line's modifiers, frozen: a list of one (the usual list when there is one) shared by content. */
function modifierList(v: unknown): readonly string[] {
  if (Array.isArray(v) && v.length === 1) {
    const m: unknown = v[0];
    if (typeof m === 'string' && m.length <= 4)
      return MODIFIER_LISTS.get(m) ?? keep(MODIFIER_LISTS, m, arrayOf(v, str, PARSE_CAPS.modifiers));
  }
  return arrayOf(v, str, PARSE_CAPS.modifiers);
}

// Each reader below reads its keys by name, one after the other: a named property load stays
// monomorphic in V8, where a generic "copy key k with reader f" helper made every load and call
// megamorphic and cost most of the reading time (rules bench, `npm run bench -- rules`). Each
// counts the keys it read as defined (`read`) and ends with {@link onlyKeysRead}: an optional key
// holding `undefined` is not counted, so the object is rejected, as the schema rejects it.

function address(v: unknown): Address {
  const o = plain(v);
  const out: Obj = { line1: str(o.line1) };
  let read = 4;
  if (o.line2 !== undefined) {
    out.line2 = str(o.line2);
    read++;
  }
  out.city = str(o.city);
  out.state = str(o.state);
  out.postalCode = str(o.postalCode);
  onlyKeysRead(o, read);
  return Object.freeze(out) as Address;
}

function provider(v: unknown): Provider {
  const o = plain(v);
  if (!isValidNpi(o.npi)) throw REJECT;
  const out: Obj = { npi: o.npi };
  let read = 1;
  if (o.taxonomy !== undefined) {
    out.taxonomy = str(o.taxonomy);
    read++;
  }
  if (o.taxId !== undefined) {
    out.taxId = str(o.taxId);
    read++;
  }
  if (o.name !== undefined) {
    out.name = str(o.name);
    read++;
  }
  if (o.firstName !== undefined) {
    out.firstName = str(o.firstName);
    read++;
  }
  if (o.address !== undefined) {
    out.address = address(o.address);
    read++;
  }
  onlyKeysRead(o, read);
  return Object.freeze(out) as Provider;
}

function patient(v: unknown): Patient {
  const o = plain(v);
  const out: Obj = { birthDate: date(o.birthDate), sex: oneOf(o.sex, SEX) };
  let read = 2;
  if (o.firstName !== undefined) {
    out.firstName = str(o.firstName);
    read++;
  }
  if (o.lastName !== undefined) {
    out.lastName = str(o.lastName);
    read++;
  }
  if (o.address !== undefined) {
    out.address = address(o.address);
    read++;
  }
  onlyKeysRead(o, read);
  return Object.freeze(out) as Patient;
}

function diagnosis(v: unknown): ClaimDiagnosis {
  const o = plain(v);
  const code = str(o.code);
  if (o.poa === undefined) {
    onlyKeysRead(o, 1);
    if (code.length > 16) return Object.freeze({ code });
    return DIAGNOSES.get(code) ?? keep(DIAGNOSES, code, Object.freeze({ code }));
  }
  const poa = oneOf(o.poa, POA);
  onlyKeysRead(o, 2);
  return Object.freeze({ code, poa }) as ClaimDiagnosis;
}

const pointer = (n: unknown): number => {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw REJECT;
  return n;
};

function line(v: unknown): ClaimLine {
  const o = plain(v);
  const out: Obj = { procedure: str(o.procedure) };
  let read = 3; // procedure, units, charge
  if (o.modifiers !== undefined) {
    out.modifiers = modifierList(o.modifiers);
    read++;
  }
  if (typeof o.units !== 'number' || !Number.isFinite(o.units)) throw REJECT;
  out.units = o.units;
  if (o.unitBasis !== undefined) {
    out.unitBasis = oneOf(o.unitBasis, BASIS);
    read++;
  }
  const charge = str(o.charge);
  if (!isMoneyAmount(charge)) throw REJECT;
  out.charge = charge;
  const serviceDate = o.serviceDate === undefined ? undefined : date(o.serviceDate);
  const serviceDateFrom = o.serviceDateFrom === undefined ? undefined : date(o.serviceDateFrom);
  const serviceDateTo = o.serviceDateTo === undefined ? undefined : date(o.serviceDateTo);
  // The line schema's refinements: exactly one of serviceDate / serviceDateFrom, and a span's end
  // only with its start, on or after it.
  if ((serviceDate === undefined) === (serviceDateFrom === undefined)) throw REJECT;
  if (serviceDateTo !== undefined && (serviceDateFrom === undefined || serviceDateTo < serviceDateFrom))
    throw REJECT;
  read++; // serviceDate or serviceDateFrom, exactly one
  if (serviceDate !== undefined) out.serviceDate = serviceDate;
  if (serviceDateFrom !== undefined) out.serviceDateFrom = serviceDateFrom;
  if (serviceDateTo !== undefined) {
    out.serviceDateTo = serviceDateTo;
    read++;
  }
  if (o.diagnosisPointers !== undefined) {
    out.diagnosisPointers = pointerList(o.diagnosisPointers);
    read++;
  }
  if (o.placeOfService !== undefined) {
    out.placeOfService = str(o.placeOfService);
    read++;
  }
  if (o.ndc !== undefined) {
    out.ndc = str(o.ndc);
    read++;
  }
  if (o.renderingProvider !== undefined) {
    out.renderingProvider = provider(o.renderingProvider);
    read++;
  }
  onlyKeysRead(o, read);
  return Object.freeze(out) as ClaimLine;
}

function relationship(r: unknown): string {
  return typeof r === 'string' && Object.hasOwn(RELATIONSHIP_NAMES, r)
    ? RELATIONSHIP_NAMES[r as 'self']
    : oneOf(r, RELATIONSHIP);
}

function subscriber(v: unknown): Subscriber {
  const o = plain(v);
  const out: Obj = { memberId: str(o.memberId) };
  let read = 2; // memberId, lastName
  if (o.firstName !== undefined) {
    out.firstName = str(o.firstName);
    read++;
  }
  out.lastName = str(o.lastName);
  if (o.birthDate !== undefined) {
    out.birthDate = date(o.birthDate);
    read++;
  }
  if (o.sex !== undefined) {
    out.sex = oneOf(o.sex, SEX);
    read++;
  }
  if (o.address !== undefined) {
    out.address = address(o.address);
    read++;
  }
  if (o.groupNumber !== undefined) {
    out.groupNumber = str(o.groupNumber);
    read++;
  }
  if (o.relationship !== undefined) {
    out.relationship = relationship(o.relationship);
    read++;
  }
  onlyKeysRead(o, read);
  return Object.freeze(out) as Subscriber;
}

function payer(v: unknown): Payer {
  const o = plain(v);
  const out: Obj = { name: str(o.name), id: str(o.id) };
  let read = 2;
  if (o.claimFilingIndicator !== undefined) {
    out.claimFilingIndicator = str(o.claimFilingIndicator);
    read++;
  }
  onlyKeysRead(o, read);
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
    const o = plain(value);
    const claimId = str(o.claimId);
    if (claimId.length === 0) return undefined;
    const out: Obj = { claimId, patient: patient(o.patient), placeOfService: str(o.placeOfService) };
    let read = 5; // claimId, patient, placeOfService, diagnoses, lines
    if (o.frequencyCode !== undefined) {
      const f = str(o.frequencyCode);
      if (!FREQUENCY_PATTERN.test(f)) throw REJECT;
      out.frequencyCode = f;
      read++;
    }
    if (o.payerClaimControlNumber !== undefined) {
      out.payerClaimControlNumber = str(o.payerClaimControlNumber);
      read++;
    }
    out.diagnoses = arrayOf(o.diagnoses, diagnosis, PARSE_CAPS.diagnoses);
    out.lines = arrayOf(o.lines, line, PARSE_CAPS.lines);
    if (o.subscriber !== undefined) {
      out.subscriber = subscriber(o.subscriber);
      read++;
    }
    if (o.payer !== undefined) {
      out.payer = payer(o.payer);
      read++;
    }
    if (o.billingProvider !== undefined) {
      out.billingProvider = provider(o.billingProvider);
      read++;
    }
    if (o.renderingProvider !== undefined) {
      out.renderingProvider = provider(o.renderingProvider);
      read++;
    }
    if (o.admissionDate !== undefined) {
      out.admissionDate = date(o.admissionDate);
      read++;
    }
    if (o.dischargeDate !== undefined) {
      out.dischargeDate = date(o.dischargeDate);
      read++;
    }
    onlyKeysRead(o, read);
    return Object.freeze(out) as Claim;
  } catch (error) {
    if (error === REJECT) return undefined;
    // Getters or proxies in hostile input: leave it to zod, which reports issues.
    return undefined;
  }
}
