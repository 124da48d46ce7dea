/** fast-check generators of valid claims (shared by the claims tests and the bench). */
import fc from 'fast-check';
import { npiCheckDigit } from '../../src/claims/npi';
import type { Claim, ClaimLine, Provider } from '../../src/claims/schema';

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));

export const npiArb = digits(8).map((d) => {
  const first9 = `1${d}`;
  return first9 + npiCheckDigit(first9)!;
});

const isoDate = fc
  .record({
    y: fc.integer({ min: 2025, max: 2027 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const birthDate = fc
  .record({
    y: fc.integer({ min: 1925, max: 2025 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const name = fc.constantFrom('Smith', 'Garcia', "O'Neil", 'Nguyen', 'Kowalski', 'Lee-Park');
const first = fc.constantFrom('Ann', 'Jose', 'Mei', 'Omar', 'Zoë');

const address = fc.record(
  {
    line1: fc.constantFrom('1 Main St', '22 Elm Ave'),
    line2: fc.constantFrom('Apt 4', 'Suite 200'),
    city: fc.constantFrom('Springfield', 'Dayton'),
    state: fc.constantFrom('IL', 'OH'),
    postalCode: fc.constantFrom('62704', '454021234'),
  },
  { requiredKeys: ['line1', 'city', 'state', 'postalCode'] },
);

const providerArb: fc.Arbitrary<Provider> = fc.record(
  {
    npi: npiArb,
    taxonomy: fc.constantFrom('207Q00000X', '207X00000X'),
    taxId: digits(9),
    name,
    firstName: first,
    address,
  },
  { requiredKeys: ['npi'] },
);

const diagnosisCode = fc.constantFrom(
  'E11.9',
  'I10',
  'E78.5',
  'J06.9',
  'M17.11',
  'R51.9',
  'Z00.00',
  'S72.001A',
  'L82.1',
  'M54.50',
  'E10.9',
  'Z38.00',
  'K21.9',
  'F41.1',
);
const procedure = fc.constantFrom(
  '99213',
  '99214',
  '20610',
  '36415',
  '11102',
  '0001F',
  '0042T',
  'J1885',
  'G0439',
  'A4253',
  '97110',
);
const modifier = fc.constantFrom('25', '59', '76', 'RT', 'LT', 'XS', 'GT', 'JZ', '26');
const pos = fc.constantFrom('11', '22', '23', '02', '10');
const cents = fc
  .bigInt({ min: 0n, max: 99_999_999n })
  .map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`);

function lineArb(diagnosisCount: number): fc.Arbitrary<ClaimLine> {
  return fc
    .record(
      {
        procedure,
        modifiers: fc.uniqueArray(modifier, { minLength: 1, maxLength: 4 }),
        units: fc.oneof(fc.integer({ min: 1, max: 99 }), fc.constantFrom(0.5, 1.25, 2.5)),
        unitBasis: fc.constant('MJ' as const),
        charge: cents,
        dates: fc.oneof(
          isoDate.map((d) => ({ serviceDate: d })),
          fc
            .tuple(isoDate, isoDate)
            .map(([a, b]) =>
              a <= b ? { serviceDateFrom: a, serviceDateTo: b } : { serviceDateFrom: b, serviceDateTo: a },
            ),
          isoDate.map((d) => ({ serviceDateFrom: d })),
        ),
        diagnosisPointers:
          diagnosisCount === 0
            ? fc.constant([])
            : fc.uniqueArray(fc.integer({ min: 1, max: diagnosisCount }), {
                minLength: 1,
                maxLength: Math.min(4, diagnosisCount),
              }),
        placeOfService: fc.constant('99'),
        ndc: fc.constantFrom('00409-3793-01', '0002-8215-01'),
        renderingProvider: providerArb,
      },
      { requiredKeys: ['procedure', 'units', 'charge', 'dates', 'diagnosisPointers'] },
    )
    .map(({ dates, diagnosisPointers, ...rest }) => {
      const line: Record<string, unknown> = { ...rest, ...dates };
      if (diagnosisPointers.length > 0) line.diagnosisPointers = diagnosisPointers;
      return line as ClaimLine;
    });
}

/** A valid claim: 0–12 distinct diagnoses, 1–12 lines, optional parties. */
export const claimArb: fc.Arbitrary<Claim> = fc
  .uniqueArray(diagnosisCode, { minLength: 1, maxLength: 12 })
  .chain((codes) =>
    fc.record(
      {
        claimId: fc.stringMatching(/^[A-Z0-9-]{1,20}$/),
        patient: fc.record(
          {
            birthDate,
            sex: fc.constantFrom('F' as const, 'M' as const, 'U' as const),
            firstName: first,
            lastName: name,
            address,
          },
          { requiredKeys: ['birthDate', 'sex'] },
        ),
        placeOfService: pos,
        frequencyCode: fc.constantFrom('1', '7', '8'),
        payerClaimControlNumber: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
        diagnoses: fc.tuple(
          ...codes.map((code) =>
            fc.record(
              {
                code: fc.constant(code),
                poa: fc.constantFrom('Y' as const, 'N' as const, 'U' as const, 'W' as const, '1' as const),
              },
              { requiredKeys: ['code'] },
            ),
          ),
        ),
        lines: fc.array(lineArb(codes.length), { minLength: 1, maxLength: 12 }),
        subscriber: fc.record(
          {
            memberId: fc.stringMatching(/^[A-Z0-9]{5,12}$/),
            firstName: first,
            lastName: name,
            birthDate,
            sex: fc.constantFrom('F' as const, 'M' as const),
            address,
            groupNumber: fc.constantFrom('G1', 'GRP-77'),
            relationship: fc.constantFrom(
              '18' as const,
              '01' as const,
              '19' as const,
              '53' as const,
              'G8' as const,
            ),
          },
          { requiredKeys: ['memberId', 'lastName'] },
        ),
        payer: fc.record(
          {
            name: fc.constantFrom('Medicare Part B', 'Acme Health'),
            id: fc.constantFrom('00952', 'ACME1'),
            claimFilingIndicator: fc.constantFrom('MB', 'CI'),
          },
          { requiredKeys: ['name', 'id'] },
        ),
        billingProvider: providerArb,
        renderingProvider: providerArb,
        admission: fc.tuple(isoDate, fc.option(isoDate, { nil: undefined })),
      },
      { requiredKeys: ['claimId', 'patient', 'placeOfService', 'diagnoses', 'lines'] },
    ),
  )
  .map(({ admission, payerClaimControlNumber, ...rest }) => {
    const claim: Record<string, unknown> = { ...rest };
    // A replacement or void carries the payer's claim control number (837P REF*F8, CMS-1500 22).
    if ((rest.frequencyCode === '7' || rest.frequencyCode === '8') && payerClaimControlNumber !== undefined)
      claim.payerClaimControlNumber = payerClaimControlNumber;
    else if (rest.frequencyCode === '7' || rest.frequencyCode === '8') claim.payerClaimControlNumber = 'ICN1';
    if (admission) {
      // ISO dates sort as text: the discharge is never before the admission.
      const [from, to] = admission.filter((d) => d !== undefined).sort();
      claim.admissionDate = from;
      if (to !== undefined) claim.dischargeDate = to;
    }
    return claim as Claim;
  });
