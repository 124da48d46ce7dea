/**
 * The CMS-1500 (02/12) form as a grid: every box of the form and where each field-map key
 * (`Cms1500Page.fields`) is printed inside it.
 *
 * The NUCC 1500 Claim Form Reference Instruction Manual (version 02/12) describes the form as
 * designed for 10 characters per inch and 6 lines per inch: a page of 85 columns by 66 lines.
 * Positions here are 1-based grid columns and lines on that page. Boxes follow the form's item
 * numbers (1 to 33b); each box has a label line and data lines, as the red-ink form has. Every item
 * of the form has a box, so a key the field map adds later (e.g. `14`, `17b`, `32a`) is printed
 * without code changes when its name is one listed here.
 *
 * @module
 */

/**
 * A box of the form: lines `top`…`bottom` and columns `left`…`right` of the grid, inclusive.
 *
 * @example
 * ```ts
 * const box: Cms1500Box = CMS1500_BOXES.find((b) => b.id === '2')! // { top: 9, bottom: 10, left: 1, right: 29, … }
 * ```
 */
export interface Cms1500Box {
  /** The item number (`2`, `11a`, `24F.3`), or item and part (`5.city`). */
  readonly id: string;
  /** The label the form prints at the top of the box. */
  readonly label: string;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  /** The shaded supplemental line of item 24 (one per service line). */
  readonly shaded?: boolean;
}

/**
 * Where one field-map key is printed: its box, the grid line, and either a left-aligned text of
 * at most `width` characters at `column`, an amount (dollars right-aligned to end at `column`,
 * cents two columns further, as the form's dollar/cents divider asks), or an `X` in one of a check
 * box's choices.
 *
 * @example
 * ```ts
 * const p: Cms1500Placement | undefined = cms1500Placement('24F.1') // { kind: 'money', line: 44, column: 54, … }
 * ```
 */
export type Cms1500Placement =
  | {
      readonly kind: 'text';
      readonly box: string;
      readonly line: number;
      readonly column: number;
      readonly width: number;
      /** Text the red-ink form already prints there (24I `NPI`): not printed again on a pre-printed form. */
      readonly preprinted?: string;
    }
  | {
      readonly kind: 'money';
      readonly box: string;
      readonly line: number;
      /** The column of the last dollar digit; cents start two columns to the right. */
      readonly column: number;
      /** Dollar digits that fit. */
      readonly width: number;
    }
  | {
      readonly kind: 'choice';
      readonly box: string;
      readonly line: number;
      /** Upper-case value (or its first letter) → the column of its check box. */
      readonly choices: Readonly<Record<string, number>>;
    };

/** Columns per inch and lines per inch of the NUCC grid. */
export const CMS1500_GRID = Object.freeze({ columnsPerInch: 10, linesPerInch: 6, columns: 85, lines: 66 });

type BoxSpec = readonly [id: string, label: string, top: number, bottom: number, left: number, right: number];

/** Boxes outside item 24's service lines (items 1–23 and 25–33). */
const HEADER_BOXES: readonly BoxSpec[] = [
  ['carrier', 'CARRIER', 1, 5, 41, 79],
  ['1', '1. MEDICARE  MEDICAID  TRICARE  CHAMPVA  GROUP HEALTH PLAN  FECA BLK LUNG  OTHER', 7, 8, 1, 48],
  ['1a', "1a. INSURED'S I.D. NUMBER (For Program in Item 1)", 7, 8, 49, 79],
  ['2', "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)", 9, 10, 1, 29],
  ['3', "3. PATIENT'S BIRTH DATE (MM DD YY)   SEX", 9, 10, 30, 48],
  ['4', "4. INSURED'S NAME (Last Name, First Name, Middle Initial)", 9, 10, 49, 79],
  ['5', "5. PATIENT'S ADDRESS (No., Street)", 11, 12, 1, 29],
  ['6', '6. PATIENT RELATIONSHIP TO INSURED', 11, 12, 30, 48],
  ['7', "7. INSURED'S ADDRESS (No., Street)", 11, 12, 49, 79],
  ['5.city', 'CITY', 13, 14, 1, 24],
  ['5.state', 'STATE', 13, 14, 25, 29],
  ['8', '8. RESERVED FOR NUCC USE', 13, 16, 30, 48],
  ['7.city', 'CITY', 13, 14, 49, 72],
  ['7.state', 'STATE', 13, 14, 73, 79],
  ['5.zip', 'ZIP CODE', 15, 16, 1, 13],
  ['5.phone', 'TELEPHONE (Include Area Code)', 15, 16, 14, 29],
  ['7.zip', 'ZIP CODE', 15, 16, 49, 63],
  ['7.phone', 'TELEPHONE (Include Area Code)', 15, 16, 64, 79],
  ['9', "9. OTHER INSURED'S NAME (Last Name, First Name, Middle Initial)", 17, 18, 1, 29],
  ['10', "10. IS PATIENT'S CONDITION RELATED TO:", 17, 18, 30, 48],
  ['11', "11. INSURED'S POLICY GROUP OR FECA NUMBER", 17, 18, 49, 79],
  ['9a', "a. OTHER INSURED'S POLICY OR GROUP NUMBER", 19, 20, 1, 29],
  ['10a', 'a. EMPLOYMENT? (Current or Previous)   YES   NO', 19, 20, 30, 48],
  ['11a', "a. INSURED'S DATE OF BIRTH (MM DD YY)   SEX", 19, 20, 49, 79],
  ['9b', 'b. RESERVED FOR NUCC USE', 21, 22, 1, 29],
  ['10b', 'b. AUTO ACCIDENT?   YES   NO   PLACE (State)', 21, 22, 30, 48],
  ['11b', 'b. OTHER CLAIM ID (Designated by NUCC)', 21, 22, 49, 79],
  ['9c', 'c. RESERVED FOR NUCC USE', 23, 24, 1, 29],
  ['10c', 'c. OTHER ACCIDENT?   YES   NO', 23, 24, 30, 48],
  ['11c', 'c. INSURANCE PLAN NAME OR PROGRAM NAME', 23, 24, 49, 79],
  ['9d', 'd. INSURANCE PLAN NAME OR PROGRAM NAME', 25, 26, 1, 29],
  ['10d', '10d. CLAIM CODES (Designated by NUCC)', 25, 26, 30, 48],
  ['11d', 'd. IS THERE ANOTHER HEALTH BENEFIT PLAN?   YES   NO', 25, 26, 49, 79],
  ['12', "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE                DATE", 27, 30, 1, 48],
  ['13', "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE", 27, 30, 49, 79],
  ['14', '14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)   QUAL.', 31, 32, 1, 29],
  ['15', '15. OTHER DATE   QUAL.   MM DD YY', 31, 32, 30, 48],
  ['16', '16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION   FROM   TO', 31, 32, 49, 79],
  ['17', '17. NAME OF REFERRING PROVIDER OR OTHER SOURCE', 33, 34, 1, 29],
  ['17a', '17a.', 33, 33, 30, 48],
  ['17b', '17b. NPI', 34, 34, 30, 48],
  ['18', '18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES   FROM   TO', 33, 34, 49, 79],
  ['19', '19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)', 35, 36, 1, 48],
  ['20', '20. OUTSIDE LAB?   YES   NO      $ CHARGES', 35, 36, 49, 79],
  [
    '21',
    '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)',
    37,
    40,
    1,
    48,
  ],
  ['22', '22. RESUBMISSION CODE       ORIGINAL REF. NO.', 37, 38, 49, 79],
  ['23', '23. PRIOR AUTHORIZATION NUMBER', 39, 40, 49, 79],
  ['24', '', 41, 42, 1, 79],
  ['25', '25. FEDERAL TAX I.D. NUMBER   SSN EIN', 55, 56, 1, 21],
  ['26', "26. PATIENT'S ACCOUNT NO.", 55, 56, 22, 36],
  ['27', '27. ACCEPT ASSIGNMENT?   YES   NO', 55, 56, 37, 48],
  ['28', '28. TOTAL CHARGE', 55, 56, 49, 60],
  ['29', '29. AMOUNT PAID', 55, 56, 61, 70],
  ['30', '30. Rsvd for NUCC Use', 55, 56, 71, 79],
  ['31', '31. SIGNATURE OF PHYSICIAN OR SUPPLIER INCLUDING DEGREES OR CREDENTIALS', 57, 61, 1, 21],
  ['32', '32. SERVICE FACILITY LOCATION INFORMATION', 57, 60, 22, 48],
  ['33', '33. BILLING PROVIDER INFO & PH #', 57, 60, 49, 79],
  ['32a', 'a.', 61, 61, 22, 34],
  ['32b', 'b.', 61, 61, 35, 48],
  ['33a', 'a.', 61, 61, 49, 61],
  ['33b', 'b.', 61, 61, 62, 79],
];

/** Columns of item 24 (A–J), inclusive, with their headings. */
const LINE_COLUMNS: readonly (readonly [letter: string, label: string, left: number, right: number])[] = [
  ['A', '24. A. DATE(S) OF SERVICE  From  To', 1, 18],
  ['B', 'B. PLACE OF SERVICE', 19, 21],
  ['C', 'C. EMG', 22, 24],
  ['D', 'D. PROCEDURES, SERVICES, OR SUPPLIES  CPT/HCPCS  MODIFIER', 25, 44],
  ['E', 'E. DIAGNOSIS POINTER', 45, 48],
  ['F', 'F. $ CHARGES', 49, 58],
  ['G', 'G. DAYS OR UNITS', 59, 62],
  ['H', 'H. EPSDT Family Plan', 63, 64],
  ['I', 'I. ID. QUAL.', 65, 67],
  ['J', 'J. RENDERING PROVIDER ID. #', 68, 79],
];

/** Service lines per page and the first grid line of service line 1 (its shaded half). */
const SERVICE_LINES = 6;
const FIRST_SERVICE_LINE = 43;

/** The shaded (supplemental) and unshaded grid lines of service line `row` (1–6). */
function serviceLines(row: number): { shaded: number; line: number } {
  const shaded = FIRST_SERVICE_LINE + 2 * (row - 1);
  return { shaded, line: shaded + 1 };
}

function buildBoxes(): readonly Cms1500Box[] {
  const boxes: Cms1500Box[] = HEADER_BOXES.map(([id, label, top, bottom, left, right]) =>
    Object.freeze({ id, label, top, bottom, left, right }),
  );
  for (const [letter, label, left, right] of LINE_COLUMNS)
    boxes.push(Object.freeze({ id: `24${letter}`, label, top: 41, bottom: 42, left, right }));
  for (let row = 1; row <= SERVICE_LINES; row++) {
    const { shaded, line } = serviceLines(row);
    // NUCC 02/12 item 24: supplemental information goes in the shaded area of 24A–24G; 24H, 24I and
    // 24J have their own shaded parts (EPSDT, other ID qualifier, other ID).
    boxes.push(
      Object.freeze({
        id: `24.${row}.shaded`,
        label: '',
        top: shaded,
        bottom: shaded,
        left: 1,
        right: 62,
        shaded: true,
      }),
    );
    for (const [letter, , left, right] of LINE_COLUMNS) {
      if (letter === 'H' || letter === 'I' || letter === 'J')
        boxes.push(
          Object.freeze({
            id: `24${letter}.${row}.shaded`,
            label: '',
            top: shaded,
            bottom: shaded,
            left,
            right,
            shaded: true,
          }),
        );
      boxes.push(
        Object.freeze({ id: `24${letter}.${row}`, label: '', top: line, bottom: line, left, right }),
      );
    }
  }
  return Object.freeze(boxes);
}

/**
 * Every box of the CMS-1500 (02/12) on the NUCC grid: items 1–33 with their parts, item 24's
 * heading and its 6 service lines (shaded and unshaded halves).
 *
 * @example
 * ```ts
 * CMS1500_BOXES.filter((b) => b.shaded).length // 24: four shaded parts on each of 6 lines
 * ```
 */
export const CMS1500_BOXES: readonly Cms1500Box[] = buildBoxes();

const text = (box: string, line: number, column: number, width: number): Cms1500Placement =>
  Object.freeze({ kind: 'text', box, line, column, width });
const money = (box: string, line: number, column: number, width: number): Cms1500Placement =>
  Object.freeze({ kind: 'money', box, line, column, width });
const choice = (box: string, line: number, choices: Record<string, number>): Cms1500Placement =>
  Object.freeze({ kind: 'choice', box, line, choices: Object.freeze(choices) });

const YES_NO = (yes: number, no: number) => ({ Y: yes, YES: yes, N: no, NO: no });

/** Dates are printed as the field map writes them (`MM DD CCYY` or `MM DD YY`) from the MM column. */
const HEADER_FIELDS: Readonly<Record<string, Cms1500Placement>> = {
  '1': choice('1', 8, {
    MEDICARE: 1,
    MEDICAID: 8,
    TRICARE: 15,
    CHAMPVA: 24,
    GROUP: 31,
    'GROUP HEALTH PLAN': 31,
    FECA: 39,
    'FECA BLK LUNG': 39,
    OTHER: 45,
  }),
  '1a': text('1a', 8, 50, 29),
  '2': text('2', 10, 1, 28),
  '3.birthDate': text('3', 10, 31, 10),
  '3.sex': choice('3', 10, { M: 42, F: 47 }),
  '4': text('4', 10, 50, 29),
  '5.street': text('5', 12, 1, 28),
  '6': choice('6', 12, { SELF: 33, SPOUSE: 38, CHILD: 42, OTHER: 47 }),
  '7.street': text('7', 12, 50, 29),
  '5.city': text('5.city', 14, 1, 23),
  '5.state': text('5.state', 14, 26, 2),
  '8': text('8', 14, 31, 17),
  '7.city': text('7.city', 14, 50, 22),
  '7.state': text('7.state', 14, 74, 2),
  '5.zip': text('5.zip', 16, 1, 12),
  '5.phone': text('5.phone', 16, 15, 14),
  '7.zip': text('7.zip', 16, 50, 13),
  '7.phone': text('7.phone', 16, 65, 15),
  '9': text('9', 18, 1, 28),
  '11': text('11', 18, 50, 29),
  '9a': text('9a', 20, 1, 28),
  '10a': choice('10a', 20, YES_NO(35, 41)),
  '11a.birthDate': text('11a', 20, 53, 10),
  '11a.sex': choice('11a', 20, { M: 68, F: 75 }),
  '9b': text('9b', 22, 1, 28),
  '10b': choice('10b', 22, YES_NO(35, 41)),
  '10b.state': text('10b', 22, 45, 2),
  '11b.qualifier': text('11b', 22, 50, 2),
  '11b': text('11b', 22, 54, 25),
  '9c': text('9c', 24, 1, 28),
  '10c': choice('10c', 24, YES_NO(35, 41)),
  '11c': text('11c', 24, 50, 29),
  '9d': text('9d', 26, 1, 28),
  '10d': text('10d', 26, 31, 17),
  '11d': choice('11d', 26, YES_NO(52, 57)),
  '12': text('12', 29, 7, 20),
  '12.date': text('12', 29, 37, 10),
  '13': text('13', 29, 55, 20),
  '14': text('14', 32, 2, 10),
  '14.qualifier': text('14', 32, 16, 3),
  '15.qualifier': text('15', 32, 31, 3),
  '15': text('15', 32, 37, 10),
  '16.from': text('16', 32, 54, 10),
  '16.to': text('16', 32, 68, 10),
  '17.qualifier': text('17', 34, 1, 2),
  '17': text('17', 34, 4, 25),
  '17a.qualifier': text('17a', 33, 33, 2),
  '17a': text('17a', 33, 36, 13),
  '17b': text('17b', 34, 36, 13),
  '18.from': text('18', 34, 54, 10),
  '18.to': text('18', 34, 68, 10),
  '19': text('19', 36, 1, 47),
  '20': choice('20', 36, YES_NO(52, 57)),
  '20.charges': money('20', 36, 67, 5),
  '21.indicator': text('21', 37, 46, 1),
  '22.resubmissionCode': text('22', 38, 50, 11),
  '22.originalReference': text('22', 38, 62, 18),
  '23': text('23', 40, 50, 29),
  '25': text('25', 56, 1, 15),
  '25.type': choice('25', 56, { SSN: 17, EIN: 19 }),
  '26': text('26', 56, 23, 14),
  '27': choice('27', 56, YES_NO(38, 43)),
  '28': money('28', 56, 56, 7),
  '29': money('29', 56, 66, 6),
  '30': text('30', 56, 72, 8),
  '31': text('31', 60, 1, 20),
  '31.date': text('31', 61, 6, 10),
  '32': text('32', 58, 23, 26),
  '32.street': text('32', 59, 23, 26),
  '32.city': text('32', 60, 23, 13),
  '32.state': text('32', 60, 37, 2),
  '32.zip': text('32', 60, 40, 9),
  '32a': text('32a', 61, 24, 10),
  '32b': text('32b', 61, 37, 12),
  '33.phone': text('33', 57, 66, 14),
  '33': text('33', 58, 50, 29),
  '33.street': text('33', 59, 50, 29),
  '33.city': text('33', 60, 50, 16),
  '33.state': text('33', 60, 67, 2),
  '33.zip': text('33', 60, 70, 10),
  '33a': text('33a', 61, 51, 10),
  '33b': text('33b', 61, 64, 16),
};

// Item 21: diagnoses A–L in three rows of four (A–D, E–H, I–L), 13 columns apart.
const DIAGNOSIS_LETTERS = 'ABCDEFGHIJKL';
for (let i = 0; i < DIAGNOSIS_LETTERS.length; i++)
  (HEADER_FIELDS as Record<string, Cms1500Placement>)[`21.${DIAGNOSIS_LETTERS[i]!}`] = text(
    '21',
    38 + Math.floor(i / 4),
    3 + 13 * (i % 4),
    7,
  );

/** One service line's parts: key suffix → placement, given the line's two grid lines. */
function linePlacement(letter: string, part: string | undefined, row: number): Cms1500Placement | undefined {
  const { shaded, line } = serviceLines(row);
  const box = `24${letter}.${row}`;
  switch (`${letter}${part === undefined ? '' : `.${part}`}`) {
    case 'A.from':
      return text(box, line, 1, 8);
    case 'A.to':
      return text(box, line, 10, 8);
    case 'A.shaded':
      // NDC (N4 + 11 digits), its unit and quantity, or narrative: the shaded area of 24A–24G.
      return text(`24.${row}.shaded`, shaded, 1, 61);
    case 'B':
      return text(box, line, 19, 2);
    case 'C':
      return text(box, line, 22, 2);
    case 'D.procedure':
      return text(box, line, 25, 6);
    case 'D.modifier1':
    case 'D.modifier2':
    case 'D.modifier3':
    case 'D.modifier4':
      return text(box, line, 33 + 3 * (Number(part!.slice(-1)) - 1), 2);
    case 'E':
      return text(box, line, 45, 4);
    case 'F':
      return money(box, line, 54, 6);
    case 'G':
      return text(box, line, 59, 4);
    case 'H':
      return text(box, line, 63, 2);
    case 'H.shaded':
      return text(`24H.${row}.shaded`, shaded, 63, 2);
    case 'I':
      return Object.freeze({ kind: 'text', box, line, column: 65, width: 3, preprinted: 'NPI' });
    case 'I.shaded':
      return text(`24I.${row}.shaded`, shaded, 65, 2);
    case 'J':
      return text(box, line, 68, 12);
    case 'J.shaded':
      return text(`24J.${row}.shaded`, shaded, 68, 12);
    default:
      return undefined;
  }
}

const LINE_KEY = /^24([A-J])\.([1-6])(?:\.([A-Za-z0-9]+))?$/;

/**
 * Where a field-map key is printed on the NUCC grid, or `undefined` when the form has no place
 * for it. Service-line keys are `24<letter>.<row>[.<part>]` (row 1–6 on the page). Keys are the
 * field map's strings: any other value (a number, a Symbol, an object) is no key and has no
 * place, so it answers `undefined` too.
 *
 * @example
 * ```ts
 * cms1500Placement('2')            // { kind: 'text', box: '2', line: 10, column: 1, width: 28 }
 * cms1500Placement('24D.3.modifier2') // { kind: 'text', box: '24D.3', line: 48, column: 36, width: 2 }
 * cms1500Placement('99')           // undefined
 * cms1500Placement(2 as unknown as string) // undefined (not a field-map key)
 * ```
 */
export function cms1500Placement(key: string): Cms1500Placement | undefined {
  if (typeof key !== 'string') return undefined;
  if (Object.hasOwn(HEADER_FIELDS, key)) return HEADER_FIELDS[key];
  const m = LINE_KEY.exec(key);
  if (!m) return undefined;
  return linePlacement(m[1]!, m[3], Number(m[2]));
}

/**
 * The field-map keys that have a place on the form, item 24 written for service line 1 (the same
 * parts exist for lines 2–6).
 *
 * @example
 * ```ts
 * CMS1500_FIELD_KEYS.includes('17b') // true
 * ```
 */
export const CMS1500_FIELD_KEYS: readonly string[] = Object.freeze([
  ...Object.keys(HEADER_FIELDS),
  ...[
    'A.from',
    'A.to',
    'A.shaded',
    'B',
    'C',
    'D.procedure',
    'D.modifier1',
    'D.modifier2',
    'D.modifier3',
    'D.modifier4',
    'E',
    'F',
    'G',
    'H',
    'H.shaded',
    'I',
    'I.shaded',
    'J',
    'J.shaded',
  ].map((k) => `24${k.replace(/^([A-J])/, '$1.1')}`),
]);
