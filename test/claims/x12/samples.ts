/**
 * Hand-written claims and an envelope shared by the X12 tests (and the golden files).
 */
import type { Claim } from '../../../src/claims/schema';
import type { X12Envelope } from '../../../src/claims/x12';

export const ENVELOPE: X12Envelope = {
  sender: { id: 'MEDCODESUB' },
  receiver: { id: 'PAYERRCV' },
  submitter: { name: 'MEDCODE BILLING', id: 'S00012', contactName: 'JANE DOE', phone: '5555550100' },
  receiverName: 'EXAMPLE PAYER',
  interchangeControlNumber: 101,
  createdAt: '2026-05-02T10:30',
  usage: 'T',
};

const billing = {
  npi: '1234567893',
  name: 'VALLEY FAMILY CLINIC',
  taxId: '123456789',
  taxonomy: '207Q00000X',
  address: { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
};

/** Golden 1: an office visit, patient is the subscriber, Medicare Part B. */
export const OFFICE_VISIT: Claim = {
  claimId: 'PCN-1001',
  // The patient is the subscriber: name and address are the patient's, and name, birth date and
  // sex are also the subscriber's (the form the 837P reader gives back, docs/x12-837p.md).
  patient: {
    birthDate: '1951-04-02',
    sex: 'F',
    firstName: 'MARY',
    lastName: 'SMITH',
    address: { line1: '12 OAK AVE', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
  },
  placeOfService: '11',
  frequencyCode: '1',
  diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
  lines: [
    {
      procedure: '99214',
      modifiers: ['25'],
      units: 1,
      unitBasis: 'UN',
      charge: '150.00',
      serviceDate: '2026-05-01',
      diagnosisPointers: [1, 2],
    },
    {
      procedure: '82947',
      units: 1,
      unitBasis: 'UN',
      charge: '12.35',
      serviceDate: '2026-05-01',
      diagnosisPointers: [1],
    },
  ],
  subscriber: {
    memberId: '1EG4TE5MK73',
    firstName: 'MARY',
    lastName: 'SMITH',
    birthDate: '1951-04-02',
    sex: 'F',
    relationship: '18',
  },
  payer: { name: 'MEDICARE PART B', id: '00952', claimFilingIndicator: 'MB' },
  billingProvider: billing,
  renderingProvider: { npi: '1245319599', name: 'JONES', firstName: 'ALAN', taxonomy: '207Q00000X' },
};

/** Golden 2: a child on a parent's commercial plan (2000C), a date span and a line POS. */
export const DEPENDENT: Claim = {
  claimId: 'PCN-2002',
  patient: {
    birthDate: '2015-09-30',
    sex: 'M',
    firstName: 'TOMMY',
    lastName: 'BROWN',
    address: { line1: '9 ELM ST', line2: 'APT 2', city: 'PEORIA', state: 'IL', postalCode: '61602' },
  },
  placeOfService: '11',
  frequencyCode: '1',
  diagnoses: [{ code: 'J06.9' }, { code: 'R50.9' }, { code: 'S52.521A' }],
  lines: [
    {
      procedure: '99213',
      units: 1,
      unitBasis: 'UN',
      charge: '95.50',
      serviceDateFrom: '2026-04-28',
      serviceDateTo: '2026-04-29',
      diagnosisPointers: [1, 2],
    },
    {
      procedure: '25600',
      modifiers: ['RT', '54'],
      units: 1,
      unitBasis: 'UN',
      charge: '410.00',
      serviceDate: '2026-04-29',
      diagnosisPointers: [3],
      placeOfService: '23',
    },
  ],
  subscriber: {
    memberId: 'XYZ123456789',
    firstName: 'LINDA',
    lastName: 'BROWN',
    // No address, birth date or sex: 2010BA N3/N4/DMG are sent only when the subscriber is the
    // patient (005010X222A1 loop 2010BA).
    groupNumber: 'GRP-7788',
    relationship: '19',
  },
  payer: { name: 'ACME HEALTH', id: '60054', claimFilingIndicator: 'CI' },
  billingProvider: billing,
};

/** Golden 3: a drug line with an NDC (2410 LIN/CTP), anesthesia minutes and a line rendering provider. */
export const DRUG_AND_ANESTHESIA: Claim = {
  claimId: 'PCN-3003',
  patient: {
    birthDate: '1970-12-31',
    sex: 'M',
    firstName: 'JOHN',
    lastName: 'DOE',
    address: { line1: '1 PINE RD', city: 'DALLAS', state: 'TX', postalCode: '75201' },
  },
  placeOfService: '22',
  frequencyCode: '7',
  // The payer's control number of the claim this replaces (2300 REF*F8).
  payerClaimControlNumber: '2226123456789',
  diagnoses: [
    { code: 'C50.911' },
    { code: 'Z51.11' },
    { code: 'D64.9' },
    { code: 'E86.0' },
    { code: 'R11.2' },
  ],
  lines: [
    {
      procedure: '96413',
      units: 1,
      unitBasis: 'UN',
      charge: '300.00',
      serviceDate: '2026-03-10',
      diagnosisPointers: [1, 2],
    },
    {
      procedure: 'J9355',
      units: 2,
      unitBasis: 'UN',
      charge: '1234.56',
      serviceDate: '2026-03-10',
      diagnosisPointers: [1, 2, 3, 4],
      ndc: '63020005201',
    },
    {
      procedure: '00400',
      modifiers: ['AA', 'QK', 'P1', '59'],
      units: 45,
      unitBasis: 'MJ',
      charge: '0.01',
      serviceDate: '2026-03-10',
      diagnosisPointers: [5],
      renderingProvider: { npi: '1679576722', name: 'PATEL', firstName: 'RAVI', taxonomy: '207L00000X' },
    },
  ],
  subscriber: {
    memberId: 'M998877',
    firstName: 'JOHN',
    lastName: 'DOE',
    birthDate: '1970-12-31',
    sex: 'M',
    relationship: '18',
  },
  payer: { name: 'BLUE PLAN', id: 'BCBS01', claimFilingIndicator: 'BL' },
  billingProvider: { ...billing, name: 'CANCER CENTER LLC' },
};

export const GOLDEN = {
  'office-visit': OFFICE_VISIT,
  dependent: DEPENDENT,
  'drug-anesthesia': DRUG_AND_ANESTHESIA,
} as const;
