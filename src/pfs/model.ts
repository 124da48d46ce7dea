/**
 * The Medicare Physician Fee Schedule relative value file (CMS "PFS Relative Value Files", the
 * quarterly `PPRRVU<year>_<quarter>_nonQPP.csv`) as data: one {@link RvuEntry} per HCPCS code and
 * modifier, with its RVUs, indicators and conversion factor. No descriptors: the CMS file's
 * DESCRIPTION column (AMA CPT / ADA CDT text) is never read into medcode.
 *
 * Field meanings: the RVU file's record layout and README (RVU26C, "PFS Relative Value Files",
 * cms.gov/medicare/payment/fee-schedules/physician/pfs-relative-value-files).
 *
 * @module
 */

/**
 * PFS status code (RVU README, "Status Code"): whether and how Medicare pays the code under the fee
 * schedule.
 */
export type PfsStatusCode =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'M'
  | 'N'
  | 'P'
  | 'R'
  | 'T'
  | 'X';

/** What each status code means for payment (RVU README, "Status Code"), in short. */
export const PFS_STATUS: Readonly<
  Record<PfsStatusCode, { readonly meaning: string; readonly paid: boolean }>
> = {
  A: { meaning: 'Active code, paid under the fee schedule', paid: true },
  B: {
    meaning: 'Bundled code: payment is always bundled into another service; never paid separately',
    paid: false,
  },
  C: { meaning: 'Carrier-priced: the Medicare Administrative Contractor sets the payment', paid: false },
  D: { meaning: 'Deleted code (grace period)', paid: false },
  E: { meaning: 'Excluded from the fee schedule by regulation', paid: false },
  F: { meaning: 'Deleted/discontinued code, no grace period', paid: false },
  G: { meaning: 'Not valid for Medicare: another code is used', paid: false },
  H: { meaning: 'Deleted modifier for this code', paid: false },
  I: { meaning: 'Not valid for Medicare purposes: Medicare uses another code', paid: false },
  J: { meaning: 'Anesthesia service: no RVUs; paid on anesthesia base and time units', paid: false },
  M: { meaning: 'Measurement (quality reporting) code: no payment', paid: false },
  N: { meaning: 'Non-covered service', paid: false },
  P: { meaning: 'Bundled or excluded: no separate payment under the fee schedule', paid: false },
  R: {
    meaning: 'Restricted coverage: paid under the fee schedule where special coverage instructions are met',
    paid: true,
  },
  T: {
    meaning: 'Injection/minor service paid only when no other fee-schedule service is billed the same day',
    paid: true,
  },
  X: {
    meaning: 'Statutory exclusion: not in the fee schedule (may be paid under another fee schedule)',
    paid: false,
  },
};

/** One row of the relative value file. Decimals are kept as the file writes them (strings). */
export interface RvuEntry {
  /** HCPCS / CPT code. */
  readonly code: string;
  /** Modifier of the row: '' (global), `26` (professional), `TC` (technical) or `53` (discontinued). */
  readonly modifier: string;
  readonly status: PfsStatusCode;
  /** `+` in "NOT USED FOR MEDICARE PAYMENT": the RVUs are published but Medicare does not pay on them. */
  readonly notUsedForMedicarePayment: boolean;
  readonly workRvu: string;
  readonly nonFacilityPeRvu: string;
  /** "NON-FAC NA INDICATOR": the service is rarely or never performed in a non-facility setting. */
  readonly nonFacilityNa: boolean;
  readonly facilityPeRvu: string;
  /** "FACILITY NA INDICATOR": the service is rarely or never performed in a facility setting. */
  readonly facilityNa: boolean;
  readonly mpRvu: string;
  readonly nonFacilityTotal: string;
  readonly facilityTotal: string;
  /** PC/TC indicator, `0`–`9`. */
  readonly pctc: string;
  /** Global surgery days: `000`, `010`, `090`, `MMM`, `XXX`, `YYY`, `ZZZ`. */
  readonly globalDays: string;
  readonly preOp: string;
  readonly intraOp: string;
  readonly postOp: string;
  /** Multiple procedure indicator, `0`–`9`. */
  readonly multipleProcedure: string;
  /** Bilateral surgery indicator, `0`–`3`, `9`. */
  readonly bilateral: string;
  /** Assistant at surgery indicator, `0`–`2`, `9`. */
  readonly assistantAtSurgery: string;
  /** Co-surgeons indicator, `0`–`2`, `9`. */
  readonly coSurgeons: string;
  /** Team surgery indicator, `0`–`2`, `9`. */
  readonly teamSurgery: string;
  /** Endoscopic base code (multiple procedure indicator 3). */
  readonly endoscopicBase: string;
  /** Conversion factor in dollars, e.g. `33.4009`. */
  readonly conversionFactor: string;
  /** Physician supervision of diagnostic procedures indicator. */
  readonly physicianSupervision: string;
  /** Diagnostic imaging family indicator (`88` = subject to the imaging multiple procedure reduction). */
  readonly imagingFamily: string;
}

/** Geographic practice cost indices of one Medicare payment locality (CMS GPCI file). */
export interface PfsLocality {
  /** E.g. `Manhattan, NY` or `01112-05`. */
  readonly name: string;
  /** Work GPCI as a decimal string, e.g. `1.094`. */
  readonly work: string;
  readonly pe: string;
  readonly mp: string;
}

/** A rule that changed a line's amount. */
export interface PricingAdjustment {
  readonly rule:
    | 'multiple-procedure'
    | 'endoscopy-family'
    | 'imaging-multiple-procedure'
    | 'therapy-multiple-procedure'
    | 'cardiovascular-multiple-procedure'
    | 'ophthalmology-multiple-procedure'
    | 'bilateral'
    | 'assistant-at-surgery'
    | 'co-surgeons'
    | 'units'
    | 'lower-of-charge';
  /** The factor applied, e.g. `50%`, or the formula. */
  readonly detail: string;
  readonly citation: string;
}

/** The pricing of one claim line. */
export interface LinePricing {
  /** Index of the line in the claim (0-based). */
  readonly line: number;
  readonly procedure: string;
  readonly modifiers: readonly string[];
  /** The RVU row used (its code and modifier), when one was found. */
  readonly row?: { readonly code: string; readonly modifier: string };
  readonly status?: PfsStatusCode;
  readonly setting: 'facility' | 'non-facility';
  readonly placeOfService: string;
  /** The allowed amount of the line, as a decimal string, when the fee schedule gives one. */
  readonly amount?: string;
  /** The fee schedule amount of one unit, before adjustments. */
  readonly feeScheduleAmount?: string;
  /** How the fee schedule amount was computed, with the file's numbers filled in. */
  readonly formula?: string;
  readonly adjustments: readonly PricingAdjustment[];
  /** Why there is no amount (status code, missing row, modifier not allowed, …). */
  readonly unpriced?: string;
  readonly notes: readonly string[];
}

/** The pricing of a claim. */
export interface ClaimPricing {
  readonly claimId: string;
  readonly lines: readonly LinePricing[];
  /** The sum of the priced lines' amounts. */
  readonly total: string;
  /** Lines without an amount. */
  readonly unpricedLines: number;
  /** The RVU file edition(s) used. */
  readonly editions: readonly string[];
  readonly locality?: string;
}
