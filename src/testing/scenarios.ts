/**
 * Named scenario claims: a clean claim, and one claim for each edit medcode's built-in data can
 * raise, each built so that validating it gives exactly that edit and nothing else. They are the
 * recipes behind the JSON fixtures in `testing/scenarios/` and behind `claimWithEdit`.
 *
 * Every scenario is dated inside 2026-04-01..2026-06-30 by default: ICD-10-CM FY2026, HCPCS
 * January 2026, and the MUE practitioner table of 2026 Q2 (the one MUE quarter held) are all in
 * force, so no rule is skipped for lack of data except those whose data no one ships (CPT
 * descriptors, NCCI PTP tables).
 *
 * @module
 */
import { invalidArgument } from '../core/arguments';
import { toIsoDate } from '../core/dates';
import type { ClaimInput } from '../claims/schema';
import type { IssueCode } from '../core/issues';
import type { ValidateOptions } from '../rules/types';

/** The date of service every scenario uses unless told otherwise (inside MUE 2026 Q2). */
export const SCENARIO_DATE = '2026-05-12';

/** What a scenario varies: everything that changes no edit. */
export interface ScenarioVariation {
  /**
   * Date of service of every line (admission/discharge shift with it, and validation's `today`
   * follows it). Default {@link SCENARIO_DATE}; inside 2026-04-01..2026-06-30 every scenario keeps
   * its edit, elsewhere the code sets in force on the date decide.
   */
  readonly on?: string;
  readonly claimId?: string;
  readonly patientFirstName?: string;
  readonly patientLastName?: string;
  /** Charge of every line, as a decimal string. */
  readonly charge?: string;
}

/** A named claim with the options to validate it with and the one edit it carries (or none). */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** The edit code validation gives (exactly one issue), or `undefined` for the clean claim. */
  readonly edit: IssueCode | undefined;
  /** The path of that edit. */
  readonly path: readonly (string | number)[] | undefined;
  readonly options: ValidateOptions;
  readonly claim: ClaimInput;
}

/**
 * Diagnoses that raise no note, no Excludes1 conflict among themselves, and no MCE edit on the
 * adult professional claim of these scenarios (checked by the test suite on every release).
 */
export const QUIET_DIAGNOSES: readonly string[] = Object.freeze([
  'R51.9',
  'M54.50',
  'K00.3',
  'K03.9',
  'K08.3',
  'K29.90',
  'K31.89',
  'K38.8',
  'R42',
  'R53.83',
  'R10.9',
  'R11.0',
  'R21',
]);

/**
 * CPT Category I procedure numbers used for lines (numbers only, as CMS's MUE table carries them):
 * office E/M, venipuncture, urinalysis, ECG, chest X-ray, blood count, metabolic panel, strep test.
 * CPT is five digits. Copyright American Medical Association; no descriptor is shipped.
 */
export const QUIET_PROCEDURES: readonly string[] = Object.freeze([
  '99213',
  '36415',
  '81002',
  '93000',
  '71046',
  '85025',
  '80053',
  '87880',
]);

// Validation's `today` is the date of service: a scenario keeps its one edit whenever it is run
// (the machine's date would, a year on, add the filing-limit edit to every one of them).
const PROFESSIONAL: ValidateOptions = Object.freeze({
  profile: 'medicare-professional',
  today: SCENARIO_DATE,
});
const INPATIENT: ValidateOptions = Object.freeze({ profile: 'medicare-inpatient', today: SCENARIO_DATE });
/** The not-checked scenario's date of service, before ICD-10-CM, and its `today`. */
const BEFORE_ICD10 = '2015-05-12';

interface Parts {
  readonly on: string;
  readonly claimId: string;
  readonly first: string;
  readonly last: string;
  readonly charge: string;
}

function partsOf(v: ScenarioVariation = {}): Parts {
  // The date moves every line, the stay and validation's `today`: a calendar day, as claims hold it.
  if (v.on !== undefined && (typeof v.on !== 'string' || toIsoDate(v.on) === undefined))
    throw invalidArgument('scenario', 'variation.on', 'a date of service as YYYY-MM-DD', v.on);
  return {
    on: v.on ?? SCENARIO_DATE,
    claimId: v.claimId ?? 'PCN-SCENARIO-1',
    first: v.patientFirstName ?? 'Ruth',
    last: v.patientLastName ?? 'Alvarez',
    charge: v.charge ?? '95.00',
  };
}

type DiagnosisInput = { readonly code: string; readonly poa?: 'Y' | 'N' | 'U' | 'W' | '1' };
type LineInput = Partial<ClaimInput['lines'][number]> & { readonly procedure: string };

/** A Medicare Part B office claim for an adult, with the given diagnoses and lines. */
function professionalClaim(
  p: Parts,
  diagnoses: readonly (string | DiagnosisInput)[],
  lines: readonly LineInput[] = [{ procedure: '99213' }],
  extra: Partial<ClaimInput> = {},
): ClaimInput {
  return {
    claimId: p.claimId,
    patient: {
      birthDate: '1961-04-02',
      sex: 'F',
      firstName: p.first,
      lastName: p.last,
      address: { line1: '12 Oak Lane', city: 'Springfield', state: 'IL', postalCode: '62704' },
    },
    placeOfService: '11',
    frequencyCode: '1',
    diagnoses: diagnoses.map((d) => (typeof d === 'string' ? { code: d } : d)),
    lines: lines.map((l) => ({
      units: 1,
      charge: p.charge,
      serviceDate: p.on,
      diagnosisPointers: [1],
      ...l,
    })),
    subscriber: {
      memberId: '1EG4TE5MK72',
      firstName: p.first,
      lastName: p.last,
      birthDate: '1961-04-02',
      sex: 'F',
      relationship: '18',
    },
    payer: { name: 'Medicare Part B', id: '00952', claimFilingIndicator: 'MB' },
    billingProvider: {
      npi: '1888000019',
      taxonomy: '207Q00000X',
      taxId: '820000001',
      name: 'Maple Street Family Medicine',
      address: { line1: '100 Maple Street', city: 'Springfield', state: 'IL', postalCode: '627010001' },
    },
    renderingProvider: { npi: '1888000043', taxonomy: '207Q00000X', name: 'Nguyen', firstName: 'Linh' },
    ...extra,
  } as ClaimInput;
}

/** An inpatient stay of two nights ending on the date of service (the discharge date picks editions). */
function inpatientClaim(p: Parts, diagnoses: readonly DiagnosisInput[]): ClaimInput {
  const admission = shiftDays(p.on, -2);
  return professionalClaim({ ...p }, diagnoses, [{ procedure: '99223', serviceDate: admission }], {
    placeOfService: '21',
    admissionDate: admission,
    dischargeDate: p.on,
  } as Partial<ClaimInput>);
}

function shiftDays(iso: string, days: number): string {
  const t = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

interface Recipe {
  readonly description: string;
  readonly edit: IssueCode | undefined;
  readonly path: readonly (string | number)[] | undefined;
  readonly options: ValidateOptions;
  readonly build: (p: Parts) => ClaimInput;
}

const RECIPES = {
  clean: {
    description: 'An adult office visit with a headache diagnosis: no edit at all.',
    edit: undefined,
    path: undefined,
    options: PROFESSIONAL,
    build: (p) =>
      professionalClaim(p, ['R51.9', 'M54.50'], [{ procedure: '99213', diagnosisPointers: [1, 2] }]),
  },
  'malformed-diagnosis': {
    description: 'ZZZ.99 has no ICD-10-CM shape (a digit is required in position 2 or 3).',
    edit: 'malformed_code',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['ZZZ.99']),
  },
  'unknown-diagnosis': {
    description: 'E11.99 has the shape of an ICD-10-CM code but is not in the code set.',
    edit: 'unknown_code',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['E11.99']),
  },
  'unknown-procedure': {
    description: 'J0001 has the shape of a HCPCS Level II code but is not in the January 2026 file.',
    edit: 'unknown_code',
    path: ['lines', 0, 'procedure'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9'], [{ procedure: 'J0001' }]),
  },
  'header-diagnosis': {
    description: 'R51 is a category with billable codes below it, not valid for submission.',
    edit: 'not_billable',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51']),
  },
  'seventh-character-missing': {
    description: 'M48.40 (fatigue fracture of vertebra) needs a 7th character for the encounter.',
    edit: 'seventh_character_missing',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['M48.40']),
  },
  'seventh-character-invalid': {
    description: 'Z is not one of the 7th characters S72.001 allows.',
    edit: 'seventh_character_invalid',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['S72.001Z']),
  },
  'placeholder-missing': {
    description: 'T36.01A lacks the placeholder X before its 7th character (T36.0X1A).',
    edit: 'placeholder_missing',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['T36.01A']),
  },
  'diagnosis-not-in-force': {
    description: 'C78.31 enters ICD-10-CM on 2026-10-01 (FY2027): not in force on an FY2026 date.',
    edit: 'not_in_force',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['C78.31']),
  },
  'procedure-terminated': {
    description: 'HCPCS C5271 was terminated before 2026.',
    edit: 'code_terminated',
    path: ['lines', 0, 'procedure'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9'], [{ procedure: 'C5271' }]),
  },
  'claim-schema': {
    description: 'Units given as the string "1" instead of a number.',
    edit: 'claim_invalid',
    path: ['lines', 0, 'units'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9'], [{ procedure: '99213', units: '1' as unknown as number }]),
  },
  'too-many-diagnoses': {
    description: 'Thirteen diagnoses: the 837P and CMS-1500 carry at most twelve.',
    edit: 'claim_limit_exceeded',
    path: ['diagnoses', 12],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, QUIET_DIAGNOSES),
  },
  'npi-check-digit': {
    description: "The billing provider's NPI fails the Luhn check (with the 80840 prefix).",
    edit: 'npi_check_digit',
    path: ['billingProvider', 'npi'],
    options: PROFESSIONAL,
    build: (p) => {
      const c = professionalClaim(p, ['R51.9']);
      return { ...c, billingProvider: { ...c.billingProvider, npi: '1888000018' } } as ClaimInput;
    },
  },
  'not-checked': {
    description: 'A 2015 date of service: no ICD-10-CM edition held covers it, so the code is not checked.',
    edit: 'not_checked',
    path: ['diagnoses', 0, 'code'],
    options: { ...PROFESSIONAL, today: BEFORE_ICD10 },
    build: (p) => professionalClaim({ ...p, on: BEFORE_ICD10 }, ['R51.9']),
  },
  'mue-exceeded': {
    description: 'Three units of 20610 (arthrocentesis, major joint) against its practitioner MUE of 2.',
    edit: 'mue_exceeded',
    path: ['lines', 0, 'units'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9'], [{ procedure: '20610', units: 3 }]),
  },
  'add-on-code-without-primary': {
    description:
      '99292 (critical care, each additional 30 minutes) without its primary 99291 on the date: an NCCI add-on code edit (type 1).',
    edit: 'ncci_add_on_code',
    path: ['lines', 1, 'procedure'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9'], [{ procedure: '99213' }, { procedure: '99292' }]),
  },
  'excludes1-conflict': {
    description: 'K52.3 (indeterminate colitis) and K58.1 (IBS with constipation): an Excludes1 pair.',
    edit: 'excludes1_conflict',
    path: ['diagnoses', 1, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['K52.3', 'K58.1']),
  },
  'manifestation-first': {
    description: 'G63 (polyneuropathy in diseases classified elsewhere) listed first.',
    edit: 'manifestation_as_principal',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['G63']),
  },
  'use-additional-code': {
    description:
      'E11.9 carries a "use additional code" note (e.g. Z79.4 for insulin use) that no diagnosis meets.',
    edit: 'use_additional_code',
    path: ['diagnoses', 0, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['E11.9']),
  },
  'age-conflict': {
    description: 'Z38.00 (single liveborn, born in hospital) is a newborn code, on a 65-year-old.',
    edit: 'age_conflict',
    path: ['diagnoses', 0, 'code'],
    options: { ...PROFESSIONAL, rules: { 'mce-age': true } },
    build: (p) => professionalClaim(p, ['Z38.00']),
  },
  'sex-conflict': {
    description: 'N40.0 (benign prostatic hyperplasia) on a female patient, with the MCE sex edit on.',
    edit: 'sex_conflict',
    path: ['diagnoses', 0, 'code'],
    options: { ...PROFESSIONAL, rules: { 'mce-sex': true }, mce: { sexEdit: 'on' } },
    build: (p) => professionalClaim(p, ['N40.0']),
  },
  'duplicate-diagnosis': {
    description: 'R51.9 listed twice.',
    edit: 'duplicate_diagnosis',
    path: ['diagnoses', 1, 'code'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9', 'R51.9']),
  },
  'zero-units': {
    description: 'A line billed with zero units.',
    edit: 'invalid_units',
    path: ['lines', 0, 'units'],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9'], [{ procedure: '99213', units: 0 }]),
  },
  'duplicate-line': {
    description: 'The same service twice on the same date.',
    edit: 'duplicate_line',
    path: ['lines', 1],
    options: PROFESSIONAL,
    build: (p) => professionalClaim(p, ['R51.9'], [{ procedure: '99213' }, { procedure: '99213' }]),
  },
  'future-date': {
    description: 'A date of service after "today" (the `today` option is the day before).',
    edit: 'future_date',
    path: ['lines', 0, 'serviceDate'],
    options: { profile: 'medicare-professional', today: shiftDays(SCENARIO_DATE, -1) },
    build: (p) => professionalClaim(p, ['R51.9']),
  },
  'inpatient-clean': {
    description: 'A two-night inpatient stay with a headache, present on admission: no edit at all.',
    edit: undefined,
    path: undefined,
    options: INPATIENT,
    build: (p) => inpatientClaim(p, [{ code: 'R51.9', poa: 'Y' }]),
  },
  'poa-missing': {
    description: 'An inpatient diagnosis with no present-on-admission indicator.',
    edit: 'poa_missing',
    path: ['diagnoses', 0, 'poa'],
    options: INPATIENT,
    build: (p) => inpatientClaim(p, [{ code: 'R51.9' }]),
  },
  'external-cause-principal': {
    description: 'W01.0XXA (fall on same level from slipping) as principal diagnosis of a stay.',
    edit: 'external_cause_principal',
    path: ['diagnoses', 0, 'code'],
    options: INPATIENT,
    build: (p) =>
      inpatientClaim(p, [
        { code: 'W01.0XXA', poa: 'Y' },
        { code: 'R51.9', poa: 'Y' },
      ]),
  },
  'questionable-admission': {
    description: 'R03.0 (elevated blood pressure reading) as the reason for an inpatient stay.',
    edit: 'questionable_admission',
    path: ['diagnoses', 0, 'code'],
    options: INPATIENT,
    build: (p) => inpatientClaim(p, [{ code: 'R03.0', poa: 'Y' }]),
  },
  'unacceptable-principal': {
    description: 'Z00.00 (general adult examination) as the principal diagnosis of an inpatient stay.',
    edit: 'unacceptable_principal',
    path: ['diagnoses', 0, 'code'],
    options: INPATIENT,
    build: (p) => inpatientClaim(p, [{ code: 'Z00.00' }]),
  },
  'poa-exempt-reported': {
    description: 'Z87.891 (history of nicotine dependence) is POA-exempt, yet reported with POA "Y".',
    edit: 'poa_exempt_reported',
    path: ['diagnoses', 1, 'poa'],
    options: INPATIENT,
    build: (p) =>
      inpatientClaim(p, [
        { code: 'R51.9', poa: 'Y' },
        { code: 'Z87.891', poa: 'Y' },
      ]),
  },
} satisfies Record<string, Recipe>;

/** The name of a scenario. */
export type ScenarioName = keyof typeof RECIPES;

/** Every scenario name, clean ones first. */
export const SCENARIO_NAMES: readonly ScenarioName[] = Object.freeze(Object.keys(RECIPES) as ScenarioName[]);

/** The edit codes a scenario exists for: the built-in edits whose data medcode ships. */
export const SCENARIO_EDITS: readonly IssueCode[] = Object.freeze([
  ...new Set(Object.values(RECIPES as Record<string, Recipe>).flatMap((r) => (r.edit ? [r.edit] : []))),
]);

/**
 * A scenario by name, optionally varied (date, claim id, patient name, charge), as fresh data.
 *
 * @example
 * ```ts
 * import { scenario } from 'medcode/testing';
 * scenario('mue-exceeded').edit; // 'mue_exceeded'
 * scenario('clean', { claimId: 'PCN-42' }).claim.claimId; // 'PCN-42'
 * ```
 */
export function scenario(name: ScenarioName, variation?: ScenarioVariation): Scenario {
  // Looked up only by a string: another key (a Symbol, an object) is no scenario's name, and an
  // object would be converted to a key by calling its own methods.
  const recipe: Recipe | undefined =
    typeof name === 'string' && Object.hasOwn(RECIPES, name)
      ? (RECIPES as Record<string, Recipe>)[name]
      : undefined;
  if (recipe === undefined)
    throw invalidArgument('scenario', 'name', `a scenario name (${SCENARIO_NAMES.join(', ')})`, name);
  const parts = partsOf(variation);
  return {
    name,
    description: recipe.description,
    edit: recipe.edit,
    path: recipe.path,
    options: optionsOn(recipe, parts.on),
    claim: recipe.build(parts),
  };
}

/**
 * A recipe's options for a claim dated `on`. Validation's `today` follows the date so that moving
 * a scenario changes no edit: the day before for the future-date scenario (its one edit), else the
 * date itself (a service on `today` is not in the future, nor past its filing limit). On the
 * default date, and for the not-checked scenario (dated before ICD-10-CM whatever `on` says), the
 * recipe's own options, as the fixtures in testing/scenarios/ hold them.
 */
function optionsOn(recipe: Recipe, on: string): ValidateOptions {
  if (on === SCENARIO_DATE || recipe.edit === 'not_checked') return recipe.options;
  return { ...recipe.options, today: recipe.edit === 'future_date' ? shiftDays(on, -1) : on };
}

/**
 * The names of the scenarios that carry a given edit code.
 *
 * @example
 * ```ts
 * import { scenariosFor } from 'medcode/testing';
 * scenariosFor('unknown_code'); // ['unknown-diagnosis', 'unknown-procedure']
 * ```
 */
export function scenariosFor(edit: IssueCode): readonly ScenarioName[] {
  return SCENARIO_NAMES.filter((n) => (RECIPES as Record<string, Recipe>)[n]!.edit === edit);
}
