/**
 * fast-check generators of claims in the form the 837P carries exactly (see docs/x12-837p.md,
 * "What round-trips"): charges with two decimals, dotted diagnoses, explicit unit basis, frequency
 * and relationship. When the patient is the subscriber (SBR02 18) the one person's name, address,
 * birth date and sex are the patient's, and name, birth date and sex are also the subscriber's.
 */
import fc from 'fast-check';
import { npiCheckDigit } from '../../../src/claims/npi';
import type { Claim, ClaimLine, Provider } from '../../../src/claims/schema';
import { centsToMoney } from '../../../src/claims/x12';
import type { X12Separators } from '../../../src/claims/x12';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const DIGITS = '0123456789'.split('');
const ALNUM = [...UPPER, ...DIGITS];
const chars = (alphabet: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
/**
 * Free text: letters, digits, spaces, dots, hyphens and ampersands; no leading/trailing space.
 * ASCII only: the X12 character sets carry nothing else (letters such as `Ñ` are refused, see
 * writer.test.ts).
 */
const text = (max: number) =>
  fc
    .tuple(
      fc.constantFrom(...UPPER),
      chars([...ALNUM, ' ', '.', '-', '&'], 0, max - 2),
      fc.constantFrom(...ALNUM),
    )
    .map(([a, b, c]) => `${a}${b}${c}`);
const isoDate = fc
  .record({
    y: fc.integer({ min: 1900, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
/** Dates of service: ICD-10-CM era only (on or after 2015-10-01). */
const serviceDate = fc
  .record({
    y: fc.integer({ min: 2016, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
/** 2010AA: a street address with the 9-digit ZIP (005010X222A1 loop 2010AA N3/N4). */
const billingAddress = fc.record(
  {
    line1: text(30),
    line2: text(20),
    city: text(20),
    state: chars(UPPER, 2, 2),
    postalCode: chars(DIGITS, 9, 9),
  },
  { requiredKeys: ['line1', 'city', 'state', 'postalCode'] },
);
/** A patient's address: N403 a ZIP code, 5 digits or the 9 of ZIP+4 (X12 element 116, no punctuation). */
const address = fc.record(
  {
    line1: text(30),
    line2: text(20),
    city: text(20),
    state: chars(UPPER, 2, 2),
    postalCode: fc.oneof(chars(DIGITS, 5, 5), chars(DIGITS, 9, 9)),
  },
  { requiredKeys: ['line1', 'city', 'state', 'postalCode'] },
);
const diagnosis = fc
  .tuple(fc.constantFrom(...UPPER), fc.constantFrom(...DIGITS), fc.constantFrom(...ALNUM), chars(ALNUM, 0, 4))
  .map(([a, b, c, rest]) => ({ code: rest.length > 0 ? `${a}${b}${c}.${rest}` : `${a}${b}${c}` }));
// Valid NPIs only: the claim model checks the Luhn check digit (80840 prefix).
const npi = chars(DIGITS, 9, 9).map((first9) => `${first9}${npiCheckDigit(first9)!}`);
const taxonomy = chars(ALNUM, 9, 9).map((s) => `${s}X`);
const renderingProvider: fc.Arbitrary<Provider> = fc.record(
  { npi, name: text(20), firstName: text(12), taxonomy },
  { requiredKeys: ['npi', 'name'] },
);
const pos = chars(DIGITS, 2, 2);

function line(dxCount: number, claimPos: string): fc.Arbitrary<ClaimLine> {
  return fc
    .record(
      {
        procedure: chars(ALNUM, 5, 5),
        modifiers: fc.array(chars(ALNUM, 2, 2), { minLength: 1, maxLength: 4 }),
        units: fc.oneof(
          fc.integer({ min: 1, max: 9999 }),
          fc.integer({ min: 1, max: 99999 }).map((n) => n / 10),
        ),
        unitBasis: fc.constantFrom('UN' as const, 'MJ' as const),
        charge: fc.integer({ min: 0, max: 99_999_999 }).map(centsToMoney),
        dates: fc.oneof(
          serviceDate.map((d) => ({ serviceDate: d })),
          fc
            .tuple(serviceDate, serviceDate)
            .map(([a, b]) =>
              a <= b ? { serviceDateFrom: a, serviceDateTo: b } : { serviceDateFrom: b, serviceDateTo: a },
            ),
        ),
        diagnosisPointers: fc.uniqueArray(fc.integer({ min: 1, max: dxCount }), {
          minLength: 1,
          maxLength: Math.min(4, dxCount),
        }),
        placeOfService: pos.filter((p) => p !== claimPos),
        ndc: chars(DIGITS, 11, 11),
        renderingProvider,
      },
      { requiredKeys: ['procedure', 'units', 'unitBasis', 'charge', 'dates', 'diagnosisPointers'] },
    )
    .map(({ dates, ...rest }) => ({ ...rest, ...dates }) as ClaimLine);
}

/** One claim the 837P can carry exactly. */
export const claimArbitrary: fc.Arbitrary<Claim> = fc
  .record({ dx: fc.array(diagnosis, { minLength: 1, maxLength: 12 }), pos, self: fc.boolean() })
  .chain(({ dx, pos: claimPos, self }) =>
    fc
      .record(
        {
          claimId: chars([...ALNUM, '-'], 1, 38),
          patient: fc.record(
            {
              birthDate: isoDate,
              sex: fc.constantFrom('F' as const, 'M' as const, 'U' as const),
              firstName: text(15),
              lastName: text(20),
              address,
            },
            // 2010CA N3/N4 are required, and so are 2010BA's when the patient is the subscriber.
            { requiredKeys: ['birthDate', 'sex', 'lastName', 'address'] },
          ),
          placeOfService: fc.constant(claimPos),
          frequencyCode: fc.constantFrom('1', '7', '8'),
          payerClaimControlNumber: chars(ALNUM, 1, 30),
          diagnoses: fc.constant(dx),
          lines: fc.array(line(dx.length, claimPos), { minLength: 1, maxLength: 12 }),
          subscriber: self
            ? fc.record(
                {
                  memberId: chars(ALNUM, 2, 20),
                  groupNumber: chars(ALNUM, 1, 15),
                  relationship: fc.constant('18' as const),
                },
                { requiredKeys: ['memberId', 'relationship'] },
              )
            : fc.record(
                {
                  memberId: chars(ALNUM, 2, 20),
                  firstName: text(15),
                  lastName: text(20),
                  groupNumber: chars(ALNUM, 1, 15),
                  relationship: fc.constantFrom(
                    '01' as const,
                    '19' as const,
                    '20' as const,
                    '21' as const,
                    '39' as const,
                    '40' as const,
                    '53' as const,
                    'G8' as const,
                  ),
                },
                // A dependent's subscriber has no address or demographics in the 837P
                // (2010BA N3/N4/DMG are sent only when the subscriber is the patient).
                { requiredKeys: ['memberId', 'lastName', 'relationship'] },
              ),
          payer: fc.record({
            name: text(25),
            id: chars(ALNUM, 2, 10),
            claimFilingIndicator: fc.constantFrom('MB', 'CI', 'BL', 'MC', 'HM', '16'),
          }),
          billingProvider: fc.record(
            {
              npi,
              name: text(30),
              firstName: text(12),
              taxId: chars(DIGITS, 9, 9),
              taxonomy,
              address: billingAddress,
            },
            { requiredKeys: ['npi', 'name', 'taxId', 'address'] },
          ),
          renderingProvider,
          admission: fc.tuple(serviceDate, serviceDate, fc.constantFrom('both', 'admission', 'discharge')),
        },
        {
          requiredKeys: [
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
          ],
        },
      )
      .map(({ admission, ...c }) => {
        const pcn = c.frequencyCode === '1' ? {} : { payerClaimControlNumber: c.payerClaimControlNumber };
        const { payerClaimControlNumber: _pcn, ...rest } = c;
        return { ...rest, ...pcn, ...admissionOf(admission) };
      })
      .map((c) => {
        if (!self) return c;
        // One person: the subscriber's name, birth date and sex are the patient's.
        const p = c.patient;
        const subscriber = {
          ...c.subscriber!,
          ...(p.firstName !== undefined ? { firstName: p.firstName } : {}),
          lastName: p.lastName!,
          birthDate: p.birthDate,
          sex: p.sex,
        };
        return { ...c, subscriber };
      }),
  ) as fc.Arbitrary<Claim>;

/** Admission and discharge dates (2300 DTP*435/DTP*096), the discharge never before the admission. */
function admissionOf(admission: readonly [string, string, string] | undefined): {
  admissionDate?: string;
  dischargeDate?: string;
} {
  if (admission === undefined) return {};
  const [a, b, which] = admission;
  const [from, to] = a <= b ? [a, b] : [b, a];
  if (which === 'admission') return { admissionDate: from };
  if (which === 'discharge') return { dischargeDate: to };
  return { admissionDate: from, dischargeDate: to };
}

/** Four distinct delimiters that never occur in generated data. */
export const separatorsArbitrary: fc.Arbitrary<X12Separators> = fc
  .shuffledSubarray(['*', '|', '^', ':', '~', '>', '!', '<', '`', '{', '}', '#', '+', '\\', '='], {
    minLength: 4,
    maxLength: 4,
  })
  .map(([element, component, repetition, segment]) => ({
    element: element!,
    component: component!,
    repetition: repetition!,
    segment: segment!,
  }));
