/**
 * The interchange envelope and separators for the 837P writer, and the fixed identifiers of
 * ASC X12 005010X222A1.
 *
 * Sources: ASC X12 837P implementation guide 005010X222A1, the ISA/IEA interchange and GS/GE
 * functional group envelope and the ST/BHT header (as also encoded in the pyx12 map
 * 837.5010.X222.A1.xml).
 *
 * @module
 */

/**
 * The implementation convention reference of the 837P (GS08, ST03).
 *
 * @example
 * ```ts
 * segment.elements[8] === X12_837P_VERSION // GS08 of an 837P functional group
 * ```
 */
export const X12_837P_VERSION = '005010X222A1';

/**
 * The four X12 delimiters. Each is one character, all distinct: printable ASCII punctuation other
 * than `.` and `-`, which the writer's own amounts and date spans use (see `isSeparatorChar`).
 * ISA fixes them for the interchange: the element separator is ISA's 4th character, the
 * repetition separator ISA11 and the component separator ISA16; the segment terminator follows ISA16.
 *
 * @example
 * ```ts
 * const separators: X12Separators = { element: '|', component: '>', repetition: '!', segment: '~' };
 * ```
 */
export interface X12Separators {
  /** Element separator, `*` by default. */
  readonly element: string;
  /** Component (sub-element) separator, ISA16, `:` by default. */
  readonly component: string;
  /** Repetition separator, ISA11, `^` by default. */
  readonly repetition: string;
  /** Segment terminator, `~` by default. */
  readonly segment: string;
}

/**
 * The separators most 837P trading partners use: `*`, `:`, `^`, `~`.
 *
 * @example
 * ```ts
 * toX12837P(claims, { ...envelope, separators: { ...DEFAULT_X12_SEPARATORS, segment: "'" } })
 * ```
 */
export const DEFAULT_X12_SEPARATORS: X12Separators = Object.freeze({
  element: '*',
  component: ':',
  repetition: '^',
  segment: '~',
});

/**
 * An interchange party: ISA05/ISA06 (sender) or ISA07/ISA08 (receiver).
 *
 * @example
 * ```ts
 * const sender: X12Party = { qualifier: 'ZZ', id: 'SUBMITTER01' };
 * ```
 */
export interface X12Party {
  /**
   * Interchange id qualifier (ISA05/ISA07): `01`, `14`, `20`, `27`, `28`, `29`, `30`, `33` or
   * `ZZ` (mutually defined, the default).
   */
  readonly qualifier?: string;
  /**
   * Interchange id (ISA06/ISA08), 1–15 characters; at least 2 when it is also GS02/GS03 (no
   * `applicationSender`/`applicationReceiver` given).
   */
  readonly id: string;
}

/**
 * What the 837P needs besides the claims: who sends to whom, control numbers and when.
 * Everything is explicit so that the output is a pure function of its inputs.
 *
 * @example
 * ```ts
 * const envelope: X12Envelope = {
 *   sender: { id: 'SUBMITTER01' }, receiver: { id: 'PAYER01' },
 *   submitter: { name: 'ACME BILLING', id: 'S123', contactName: 'JANE DOE', phone: '5555550100' },
 *   receiverName: 'MEDICARE B', interchangeControlNumber: 1, createdAt: '2026-05-02T10:30',
 * };
 * ```
 */
export interface X12Envelope {
  /** ISA05/ISA06 interchange sender. */
  readonly sender: X12Party;
  /** ISA07/ISA08 interchange receiver. */
  readonly receiver: X12Party;
  /** GS02 application sender code (2–15 characters); the sender id when absent. */
  readonly applicationSender?: string;
  /** GS03 application receiver code (2–15 characters); the receiver id when absent. */
  readonly applicationReceiver?: string;
  /** Loop 1000A submitter (`NM1*41`) with its required PER contact. */
  readonly submitter: {
    readonly name: string;
    /** NM109 electronic transmitter id (ETIN). */
    readonly id: string;
    readonly contactName: string;
    /**
     * PER04 telephone: a North American number with its area code, written as its 10 digits
     * (`AAABBBCCCC`, then an extension's digits) whatever punctuation it is given with:
     * `(534) 224-2525 x12` is written `534224252512`. Either phone or email is required.
     */
    readonly phone?: string;
    readonly email?: string;
  };
  /** Loop 1000B receiver (`NM1*40`). */
  readonly receiverName: string;
  /** NM109 of 1000B (2–80 characters); the receiver id when absent. */
  readonly receiverId?: string;
  /** ISA13, 1…999,999,999. GS06 and the ST02s derive from it unless given. */
  readonly interchangeControlNumber: number;
  /** GS06; the interchange control number when absent. */
  readonly groupControlNumber?: number;
  /** Creation instant as local `YYYY-MM-DDTHH:MM` (ISA09/10, GS04/05, BHT04/05). */
  readonly createdAt: string;
  /** ISA15: `P` production (default) or `T` test. */
  readonly usage?: 'P' | 'T';
  /** BHT03 originator reference (1–50 characters); `<interchange control number>` when absent. */
  readonly batchId?: string;
  /** BHT06: `CH` chargeable (default) or `RP` reporting (encounters). */
  readonly transactionType?: 'CH' | 'RP';
  /** Delimiters; {@link DEFAULT_X12_SEPARATORS} when absent. */
  readonly separators?: Partial<X12Separators>;
  /**
   * Letters outside the X12 basic and extended character sets (X12.6; e.g. `ñ` in `Muñoz`):
   * `false` (default) refuses the claim with an issue at the value's path; `true` writes them
   * without their diacritics (`MUNOZ`) and reports a `transliterated` warning for each value. A
   * value that folding would turn into a delimiter (`≯` → `>`) is refused with `separator_in_value`.
   */
  readonly transliterate?: boolean;
  /** Write a line break after each segment terminator (readability; ignored by parsers). Default false. */
  readonly lineBreaks?: boolean;
  /**
   * Claims per ST/SE transaction set; the TR3 recommends at most 5,000 CLM per transaction.
   * Default 5000.
   */
  readonly maxClaimsPerTransaction?: number;
}
