/**
 * The CMS-HCC model as data: the tables CMS publishes with its risk adjustment model software
 * (ICD-10-CM → condition category mapping with its age/sex edits, hierarchies, disease groups,
 * interactions, relative factors), and the shapes of a beneficiary and of an explained score.
 *
 * Source: CMS "PY2026 Midyear/Final Model Software" (Python edition, package
 * `CMS_HCC_v28_2026_T_package_v3`, folder `data/input/internal/`), the V28 model announced in the CMS
 * "Announcement of Calendar Year (CY) 2026 Medicare Advantage (MA) Capitation Rates and Part C and
 * Part D Payment Policies" (Attachment VI, the CMS-HCC model).
 *
 * @module
 */
import type { Edition } from '../core/edition';

/**
 * An age condition of the mapping file (`age < 18`, `age >= 65`, `0 <= age <= 17`, `age = 0`),
 * as bounds on the beneficiary's age in whole years: `min <= age <= max`.
 */
export interface AgeCondition {
  /** The condition as CMS wrote it, e.g. `age < 18`. */
  readonly text: string;
  readonly min: number;
  readonly max: number;
}

/** Beneficiary sex as the CMS software codes it: `F` (SAS `SEX='2'`) or `M` (`SEX='1'`). */
export type HccSex = 'F' | 'M';

/**
 * One row of the ICD-10-CM → CC mapping (`ICD10_CC_mappings_CMS_HCC_2026_v28.csv`): the code
 * raises `hcc` when the row's conditions hold.
 */
export interface DiagnosisMappingRow {
  /** ICD-10-CM code without the dot, as CMS writes it (`E119`). */
  readonly code: string;
  /** The condition category (a payment HCC in V28: all 115 CCs of the file are payment HCCs). */
  readonly hcc: number;
  /**
   * Medicare Code Editor age range (`MCE_AGE_CONDITION`): outside it the diagnosis is invalid for
   * the beneficiary and raises nothing (the SAS edit macro sets its CC to -1.0, "invalid").
   */
  readonly mceAge?: AgeCondition;
  /** Age edit (`AGE_EDIT_CONDITION`): the row applies only at these ages (an alternative CC). */
  readonly ageEdit?: AgeCondition;
  /** Sex edit (`SEX_EDIT_CONDITION`, 1 = male, 2 = female): the row applies only to this sex. */
  readonly sexEdit?: HccSex;
}

/** The segments (score variables) of the V28 model. */
export type HccSegment =
  | 'community-non-dual-aged'
  | 'community-partial-dual-aged'
  | 'community-full-dual-aged'
  | 'community-non-dual-disabled'
  | 'community-partial-dual-disabled'
  | 'community-full-dual-disabled'
  | 'institutional'
  | 'new-enrollee'
  | 'snp-new-enrollee';

/** The continuing-enrollee segments, in the column order of `V28_CE_Relative_Factors.csv`. */
export const CONTINUING_ENROLLEE_SEGMENTS = [
  'community-non-dual-aged',
  'community-partial-dual-aged',
  'community-full-dual-aged',
  'community-non-dual-disabled',
  'community-partial-dual-disabled',
  'community-full-dual-disabled',
  'institutional',
] as const satisfies readonly HccSegment[];

/** The CMS column (score variable suffix) of each segment. */
export const SEGMENT_COLUMNS: Readonly<Record<HccSegment, string>> = {
  'community-non-dual-aged': 'COMMUNITY_NA',
  'community-partial-dual-aged': 'COMMUNITY_PBA',
  'community-full-dual-aged': 'COMMUNITY_FBA',
  'community-non-dual-disabled': 'COMMUNITY_ND',
  'community-partial-dual-disabled': 'COMMUNITY_PBD',
  'community-full-dual-disabled': 'COMMUNITY_FBD',
  institutional: 'INSTITUTIONAL',
  'new-enrollee': 'NE',
  'snp-new-enrollee': 'NE_SNP',
};

/**
 * One relative factor row: a model variable, its CMS label, and its value per segment as published
 * (a decimal string such as `0.301`; absent where the CMS table leaves the cell blank, i.e. the
 * variable is not a term of that segment's model).
 */
export interface RelativeFactor {
  readonly variable: string;
  readonly label: string;
  readonly values: Readonly<Partial<Record<HccSegment, string>>>;
}

/** An interaction of the model (`V28_Interactions.csv`): `name = first × second`. */
export interface HccInteraction {
  readonly name: string;
  /** A disease group (`HF_V28`), `DISABL` (the disabled indicator) or one HCC (`HCC238`). */
  readonly first: string;
  readonly second: string;
}

/** Everything the V28 model needs, as published. Plain frozen data; see {@link HccModel}. */
export interface HccModelData {
  readonly edition: Edition;
  /** The model, e.g. `CMS-HCC V28`. */
  readonly modelName: string;
  /** The payment year (PY) the tables are for; diagnoses come from the year before. */
  readonly paymentYear: number;
  readonly mappings: readonly DiagnosisMappingRow[];
  /** HCC → the HCCs it drops (`V28_HCC_Hierarchies.csv`). */
  readonly hierarchies: readonly { readonly hcc: number; readonly drops: readonly number[] }[];
  /** Disease group → its HCCs (`V28_Diagnosis_Categories.csv`). */
  readonly diseaseGroups: readonly { readonly name: string; readonly hccs: readonly number[] }[];
  readonly interactions: readonly HccInteraction[];
  /** Continuing-enrollee factors (`V28_CE_Relative_Factors.csv`). */
  readonly continuingEnrolleeFactors: readonly RelativeFactor[];
  /** New-enrollee factors (`V28_NE_Relative_Factors.csv`, columns NE and NE_SNP). */
  readonly newEnrolleeFactors: readonly RelativeFactor[];
}

/**
 * Original reason for entitlement (OREC, from the Medicare enrollment database), as the CMS
 * software reads it: `0` old age and survivors insurance, `1` disability insurance benefits,
 * `2` ESRD, `3` both disability and ESRD.
 */
export type OriginalReasonForEntitlement = '0' | '1' | '2' | '3';

/** Medicare–Medicaid dual status, as the V28 community segments split it. */
export type DualStatus = 'non-dual' | 'partial' | 'full';

/** A beneficiary to score. */
export interface HccBeneficiary {
  /** Your identifier, echoed in the result. */
  readonly id?: string;
  readonly sex: HccSex;
  /**
   * Age in whole years as of February 1 of the payment year (the CMS software's `AGEF`). Give this
   * or {@link dateOfBirth}.
   */
  readonly age?: number;
  /** Date of birth (`YYYY-MM-DD`); the age is then computed as of February 1 of the payment year. */
  readonly dateOfBirth?: string;
  /** Default `0` (entitled by age). */
  readonly originalReasonForEntitlement?: OriginalReasonForEntitlement;
  /** Dual status in the payment year; default `non-dual`. */
  readonly dualStatus?: DualStatus;
  /**
   * Medicaid in the payment year (the software's `LTIMCAID` for the institutional segment and
   * `NEMCAID` for new enrollees). Default: true when {@link dualStatus} is partial or full.
   */
  readonly medicaid?: boolean;
  /** Long-term institutional (90+ days) in the payment year: the institutional segment applies. */
  readonly institutional?: boolean;
  /** New enrollee (fewer than 12 months of Part B in the data year): the new-enrollee segment applies. */
  readonly newEnrollee?: boolean;
  /** Enrolled in a chronic condition special needs plan (C-SNP): new enrollees use the SNP column. */
  readonly specialNeedsPlan?: boolean;
  /** ICD-10-CM codes from the data year's risk-adjustment-eligible encounters (dots optional). */
  readonly diagnoses: readonly string[];
}

/** Why a diagnosis raised no HCC, or which HCCs it raised. */
export type DiagnosisOutcome =
  | { readonly code: string; readonly outcome: 'raised'; readonly hccs: readonly number[] }
  | { readonly code: string; readonly outcome: 'not-in-model' }
  | {
      readonly code: string;
      readonly outcome: 'mce-age-edit';
      readonly condition: string;
      readonly age: number;
    }
  | {
      readonly code: string;
      readonly outcome: 'age-sex-edit';
      /** The conditions of the rows that did not apply to this beneficiary. */
      readonly conditions: readonly string[];
    };

/** An HCC the diagnoses raised, kept or dropped by a hierarchy. */
export interface HccFinding {
  readonly hcc: number;
  readonly label: string;
  /** The diagnoses (undotted) that raised it. */
  readonly diagnoses: readonly string[];
  /**
   * The higher HCC whose hierarchy rule dropped it (empty when no rule did). The rules run one after
   * another, as the V28 hierarchy macro's do: an HCC dropped by an earlier rule drops nothing.
   */
  readonly droppedBy: readonly number[];
  /**
   * The HCCs one of which the model needs beside this one for it to count, when none was raised (the
   * HCC is then not paid); empty otherwise. Only HCC223 (heart assist device or artificial heart)
   * has such a condition: a heart failure HCC 221, 222, 224, 225 or 226 (V28 main macro, "heart
   * interaction patch", applied before the hierarchies).
   */
  readonly requiresOneOf: readonly number[];
}

/** One term of a score. */
export interface ScoreTerm {
  /** The model variable, e.g. `F70_74`, `HCC38`, `DIABETES_HF_V28`, `D5`, `NMCAID_NORIGDIS_NEF65`. */
  readonly variable: string;
  readonly label: string;
  readonly kind: 'demographic' | 'hcc' | 'interaction' | 'count';
  /** The relative factor for this segment as published, `0` text where blank (see {@link inModel}). */
  readonly factor: string;
  /** False when the CMS table leaves the cell blank: the variable is not a term of this segment. */
  readonly inModel: boolean;
  /** Why the term is on: the HCCs, groups or demographic facts behind it, in words. */
  readonly because: string;
  /** The diagnoses behind an HCC or interaction term. */
  readonly diagnoses: readonly string[];
}

/** The score of one segment. */
export interface SegmentScore {
  readonly segment: HccSegment;
  /** The CMS column, e.g. `COMMUNITY_NA`. */
  readonly column: string;
  /** The sum of the terms' factors, as a decimal string with three decimals (exact). */
  readonly score: string;
  /**
   * The terms, explained. Empty for a segment that does not apply when scored with
   * `explainAllSegments: false` (the default of `scoreClaimStream`, to keep large runs small).
   */
  readonly terms: readonly ScoreTerm[];
}

/** The explained risk score of one beneficiary. */
export interface RiskScore {
  /** The beneficiary's `id`, undefined when none was given. */
  readonly id: string | undefined;
  readonly modelName: string;
  readonly paymentYear: number;
  /** Age as of February 1 of the payment year. */
  readonly age: number;
  readonly sex: HccSex;
  /** `DISABL`: under 65 and entitled for a reason other than age. */
  readonly disabled: boolean;
  /** `ORIGDS`: entitled by disability originally, now 65 or over. */
  readonly originallyDisabled: boolean;
  readonly diagnoses: readonly DiagnosisOutcome[];
  /** Every HCC the diagnoses raised, with the hierarchy's verdict. */
  readonly hccs: readonly HccFinding[];
  /** The payment HCCs after hierarchies. */
  readonly payingHccs: readonly number[];
  /** The segment that applies to this beneficiary. */
  readonly segment: HccSegment;
  /** The score of that segment. */
  readonly score: string;
  /** Every segment's score, as the CMS software computes them all for each person. */
  readonly segments: readonly SegmentScore[];
}
