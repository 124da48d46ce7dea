/**
 * Builds the CMS Place of Service code set from `codesets/sources/reference/place-of-service-codes.csv`
 * (codes and names; a hand transcription of the CMS POS page, see SOURCES.md) and the CMS
 * descriptions below.
 *
 * Descriptions: the CMS "Place of Service Code Set" page text (a U.S. Government work), as
 * reproduced in HL7 Terminology `CodeSystem/CMSPlaceofServiceCodes` v1.1.1
 * (HL7/UTG `input/sourceOfTruth/external/hta/codeSystems/cs-CMS-PlaceofServiceCodes.xml`, commit
 * 0534306dc4d0761b5ce59df66ef7d9e77930bdd1), the canonical source of the POS URI medcode uses. The CSV row flagged VERIFY (POS 66, PACE Center) was verified there:
 * code 66 "Programs of All-Inclusive Care for the Elderly (PACE) Center", "(Effective August 1, 2024)".
 *
 * Per-code start dates (CMS Place of Service Code Set): 27 from 2023-10-01, 66 from 2024-08-01. The edition
 * starts on 2022-01-01, when POS 10 took effect and POS 02 got its current meaning.
 */
import type { CodesetBuilder } from '../lib/codesets';
import { encodePlacesOfService } from '../../src/hcpcs/pack-format';
import type { PlaceOfServiceRecord } from '../../src/hcpcs/pack-format';

const CSV = 'reference/place-of-service-codes.csv';

/** CMS descriptions by code (see the module comment for the source). */
const DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  [
    '01',
    'A facility or location where drugs and other medically related items and services are sold, dispensed, or otherwise provided directly to patients. (Effective October 1, 2003) (Revised, effective October 1, 2005)',
  ],
  [
    '02',
    'The location where health services and health related services are provided or received, through telecommunication technology. Patient is not located in their home when receiving health services or health related services through telecommunication technology. (Effective January 1, 2017) (Description change effective January 1, 2022, and applicable for Medicare April 1, 2022.)',
  ],
  ['03', 'A facility whose primary purpose is education. (Effective January 1, 2003)'],
  [
    '04',
    'A facility or location whose primary purpose is to provide temporary housing to homeless individuals (e.g., emergency shelters, individual or family shelters). (Effective January 1, 2003)',
  ],
  [
    '05',
    'A facility or location, owned and operated by the Indian Health Service, which provides diagnostic, therapeutic (surgical and non-surgical), and rehabilitation services to American Indians and Alaska Natives who do not require hospitalization. (Effective January 1, 2003)',
  ],
  [
    '06',
    'A facility or location, owned and operated by the Indian Health Service, which provides diagnostic, therapeutic (surgical and non-surgical), and rehabilitation services rendered by, or under the supervision of, physicians to American Indians and Alaska Natives admitted as inpatients or outpatients. (Effective January 1, 2003)',
  ],
  [
    '07',
    'A facility or location owned and operated by a federally recognized American Indian or Alaska Native tribe or tribal organization under a 638 agreement, which provides diagnostic, therapeutic (surgical and non-surgical), and rehabilitation services to tribal members who do not require hospitalization. (Effective January 1, 2003)',
  ],
  [
    '08',
    'A facility or location owned and operated by a federally recognized American Indian or Alaska Native tribe or tribal organization under a 638 agreement, which provides diagnostic, therapeutic (surgical and non-surgical), and rehabilitation services to tribal members admitted as inpatients or outpatients. (Effective January 1, 2003)',
  ],
  [
    '09',
    'A prison, jail, reformatory, work farm, detention center, or any other similar facility maintained by either Federal, State or local authorities for the purpose of confinement or rehabilitation of adult or juvenile criminal offenders. (Effective July 1, 2006)',
  ],
  [
    '10',
    'The location where health services and health related services are provided or received, through telecommunication technology. Patient is located in their home (which is a location other than a hospital or other facility where the patient receives care in a private residence) when receiving health services or health related services through telecommunication technology. (This code is effective January 1, 2022, and available to Medicare April 1, 2022.)',
  ],
  [
    '11',
    'Location, other than a hospital, skilled nursing facility (SNF), military treatment facility, community health center, State or local public health clinic, or intermediate care facility (ICF), where the health professional routinely provides health examinations, diagnosis, and treatment of illness or injury on an ambulatory basis.',
  ],
  [
    '12',
    'Location, other than a hospital or other facility, where the patient receives care in a private residence.',
  ],
  [
    '13',
    "Congregate residential facility with self-contained living units providing assessment of each resident's needs and on-site support 24 hours a day, 7 days a week, with the capacity to deliver or arrange for services including some health care and other services. (Effective October 1, 2003)",
  ],
  [
    '14',
    'A residence, with shared living areas, where clients receive supervision and other services such as social and/or behavioral services, custodial service, and minimal services (e.g., medication administration). (Effective October 1, 2003) (Revised, effective April 1, 2004)',
  ],
  [
    '15',
    'A facility/unit that moves from place-to-place equipped to provide preventive, screening, diagnostic, and/or treatment services. (Effective January 1, 2003)',
  ],
  [
    '16',
    'A short term accommodation such as a hotel, camp ground, hostel, cruise ship or resort where the patient receives care, and which is not identified by any other POS code. (Effective January 1, 2008)',
  ],
  [
    '17',
    'A walk-in health clinic, other than an office, urgent care facility, pharmacy or independent clinic and not described by any other Place of Service code, that is located within a retail operation and provides, on an ambulatory basis, preventive and primary care services. (This code is available for use immediately with a final effective date of May 1, 2010)',
  ],
  [
    '18',
    'A location, not described by any other POS code, owned or operated by a public or private entity where the patient is employed, and where a health professional provides on-going or episodic occupational medical, therapeutic or rehabilitative services to the individual. (This code is available for use effective January 1, 2013 but no later than May 1, 2013)',
  ],
  [
    '19',
    'A portion of an off-campus hospital provider based department which provides diagnostic, therapeutic (both surgical and nonsurgical), and rehabilitation services to sick or injured persons who do not require hospitalization or institutionalization. (Effective January 1, 2016)',
  ],
  [
    '20',
    'Location, distinct from a hospital emergency room, an office, or a clinic, whose purpose is to diagnose and treat illness or injury for unscheduled, ambulatory patients seeking immediate medical attention. (Effective January 1, 2003)',
  ],
  [
    '21',
    'A facility, other than psychiatric, which primarily provides diagnostic, therapeutic (both surgical and nonsurgical), and rehabilitation services by, or under, the supervision of physicians to patients admitted for a variety of medical conditions.',
  ],
  [
    '22',
    "A portion of a hospital's main campus which provides diagnostic, therapeutic (both surgical and nonsurgical), and rehabilitation services to sick or injured persons who do not require hospitalization or institutionalization. (Description change effective January 1, 2016)",
  ],
  ['23', 'A portion of a hospital where emergency diagnosis and treatment of illness or injury is provided.'],
  [
    '24',
    "A freestanding facility, other than a physician's office, where surgical and diagnostic services are provided on an ambulatory basis.",
  ],
  [
    '25',
    "A facility, other than a hospital's maternity facilities or a physician's office, which provides a setting for labor, delivery, and immediate post-partum care as well as immediate care of new born infants.",
  ],
  [
    '26',
    'A medical facility operated by one or more of the Uniformed Services. Military Treatment Facility (MTF) also refers to certain former U.S. Public Health Service (USPHS) facilities now designated as Uniformed Service Treatment Facilities (USTF).',
  ],
  [
    '27',
    'A non-permanent location on the street or found environment, not described by any other POS code, where health professionals provide preventive, screening, diagnostic, and/or treatment services to unsheltered homeless individuals. (Effective October 1, 2023)',
  ],
  [
    '31',
    'A facility which primarily provides inpatient skilled nursing care and related services to patients who require medical, nursing, or rehabilitative services but does not provide the level of care or treatment available in a hospital.',
  ],
  [
    '32',
    'A facility which primarily provides to residents skilled nursing care and related services for the rehabilitation of injured, disabled, or sick persons, or, on a regular basis, health-related care services above the level of custodial care to other than individuals with intellectual disabilities.',
  ],
  [
    '33',
    'A facility which provides room, board and other personal assistance services, generally on a long-term basis, and which does not include a medical component.',
  ],
  [
    '34',
    "A facility, other than a patient's home, in which palliative and supportive care for terminally ill patients and their families are provided.",
  ],
  [
    '41',
    'A land vehicle specifically designed, equipped and staffed for lifesaving and transporting the sick or injured.',
  ],
  [
    '42',
    'An air or water vehicle specifically designed, equipped and staffed for lifesaving and transporting the sick or injured.',
  ],
  [
    '49',
    'A location, not part of a hospital and not described by any other Place of Service code, that is organized and operated to provide preventive, diagnostic, therapeutic, rehabilitative, or palliative services to outpatients only.',
  ],
  [
    '50',
    'A facility located in a medically underserved area that provides Medicare beneficiaries preventive primary medical care under the general direction of a physician.',
  ],
  [
    '51',
    'A facility that provides inpatient psychiatric services for the diagnosis and treatment of mental illness on a 24-hour basis, by or under the supervision of a physician.',
  ],
  [
    '52',
    'A facility for the diagnosis and treatment of mental illness that provides a planned therapeutic program for patients who do not require full time hospitalization, but who need broader programs than are possible from outpatient visits to a hospital-based or hospital-affiliated facility.',
  ],
  [
    '53',
    "A facility that provides the following services: outpatient services, including specialized outpatient services for children, the elderly, individuals who are chronically ill, and residents of the CMHC's mental health services area who have been discharged from inpatient treatment at a mental health facility; 24 hour a day emergency care services; day treatment, other partial hospitalization services, or psychosocial rehabilitation services; screening for patients being considered for admission to State mental health facilities to determine the appropriateness of such admission; and consultation and education services.",
  ],
  [
    '54',
    'A facility which primarily provides health-related care and services above the level of custodial care to individuals but does not provide the level of care or treatment available in a hospital or SNF.',
  ],
  [
    '55',
    'A facility which provides treatment for substance (alcohol and drug) abuse to live-in residents who do not require acute medical care. Services include individual and group therapy and counseling, family counseling, laboratory tests, drugs and supplies, psychological testing, and room and board.',
  ],
  [
    '56',
    'A facility or distinct part of a facility for psychiatric care which provides a total 24-hour therapeutically planned and professionally staffed group living and learning environment.',
  ],
  [
    '57',
    'A location which provides treatment for substance (alcohol and drug) abuse on an ambulatory basis. Services include individual and group therapy and counseling, family counseling, laboratory tests, drugs and supplies, and psychological testing.',
  ],
  [
    '58',
    'A location that provides treatment for opioid use disorder on an ambulatory basis. Services include methadone and other forms of Medication Assisted Treatment (MAT). (Effective January 1, 2020)',
  ],
  [
    '60',
    'A location where providers administer pneumococcal pneumonia and influenza virus vaccinations and submit these services as electronic media claims, paper claims, or using the roster billing method. This generally takes place in a mass immunization setting, such as, a public health center, pharmacy, or mall but may include a physician office setting.',
  ],
  [
    '61',
    'A facility that provides comprehensive rehabilitation services under the supervision of a physician to inpatients with physical disabilities. Services include physical therapy, occupational therapy, speech pathology, social or psychological services, and orthotics and prosthetics services.',
  ],
  [
    '62',
    'A facility that provides comprehensive rehabilitation services under the supervision of a physician to outpatients with physical disabilities. Services include physical therapy, occupational therapy, and speech pathology services.',
  ],
  [
    '65',
    'A facility other than a hospital, which provides dialysis treatment, maintenance, and/or training to patients or caregivers on an ambulatory or home-care basis.',
  ],
  [
    '66',
    'A facility or location providing comprehensive medical and social services as part of the Programs of All-Inclusive Care for the Elderly (PACE). This includes, but is not limited to, primary care; social work services; restorative therapies, including physical and occupational therapy; personal care and supportive services; nutritional counseling; recreational therapy; and meals when the individual is enrolled in PACE. (Effective August 1, 2024)',
  ],
  [
    '71',
    'A facility maintained by either State or local health departments that provides ambulatory primary medical care under the general direction of a physician.',
  ],
  [
    '72',
    'A certified facility which is located in a rural medically underserved area that provides ambulatory primary medical care under the general direction of a physician.',
  ],
  [
    '81',
    "A laboratory certified to perform diagnostic and/or clinical tests independent of an institution or a physician's office.",
  ],
  ['99', 'Other place of service not identified above.'],
]);

/** First day of use for codes newer than the edition start (CMS Place of Service Code Set; THO definitions). */
const EFFECTIVE_FROM: ReadonlyMap<string, string> = new Map([
  ['27', '2023-10-01'],
  ['66', '2024-08-01'],
]);

/** Parses the simple CSV (no quoted commas in this file; a quoted field is unquoted). */
function parseCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cells: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cur += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cur += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          cells.push(cur);
          cur = '';
        } else cur += ch;
      }
      cells.push(cur);
      return cells;
    });
}

const builder: CodesetBuilder = {
  system: 'pos',
  build(sources) {
    const rows = parseCsv(
      sources.read(CSV, 'POS codes and names (hand transcription of the CMS POS page)').toString('utf8'),
    );
    const [header, ...body] = rows;
    if (header?.[0] !== 'code' || header[1] !== 'name')
      throw new Error(`${CSV}: unexpected header ${String(header)}`);
    const records: PlaceOfServiceRecord[] = body.map(([code = '', name = '']) => {
      if (!/^\d{2}$/.test(code)) throw new Error(`${CSV}: bad POS code "${code}"`);
      const description = DESCRIPTIONS.get(code);
      if (!description) throw new Error(`${CSV}: no CMS description for POS ${code}`);
      const from = EFFECTIVE_FROM.get(code);
      return { code, name: name.trim(), description, ...(from ? { effectiveFrom: from } : {}) };
    });
    if (records.length !== DESCRIPTIONS.size)
      throw new Error(`${CSV}: ${records.length} codes but ${DESCRIPTIONS.size} descriptions`);
    const edition = {
      id: '2024-08',
      name: 'CMS Place of Service 2024-08',
      system: 'pos' as const,
      effectiveFrom: '2022-01-01',
      effectiveTo: null,
    };
    return [
      {
        edition,
        derivation:
          'CMS Place of Service code set: codes and names from reference/place-of-service-codes.csv (hand transcription of the CMS POS page), descriptions from the CMS page text as reproduced in HL7 THO CodeSystem CMSPlaceofServiceCodes v1.1.1 (HL7/UTG cs-CMS-PlaceofServiceCodes.xml).',
        packs: { 'pos.pack': encodePlacesOfService(edition.id, records) },
        counts: { codes: records.length },
        notes: [
          'POS 66 (PACE Center), flagged VERIFY in the CSV, was verified against HL7/UTG cs-CMS-PlaceofServiceCodes.xml (commit 0534306dc4d0761b5ce59df66ef7d9e77930bdd1): effective August 1, 2024.',
          'The edition covers dates of service from 2022-01-01 (POS 10 added and POS 02 redefined on that date); POS 27 is in force from 2023-10-01 and POS 66 from 2024-08-01.',
          'Unassigned codes (e.g. 28-30, 35-40, 43-48, 59, 63, 64, 67-70, 73-80, 82-98) are rejected as unknown.',
        ],
        sources: sources.used.filter((s) => s.file === CSV),
      },
    ];
  },
};
export default builder;
