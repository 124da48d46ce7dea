/**
 * `medcode/hcpcs`: HCPCS Level II codes, modifiers (Level II and CPT values) and CMS places of
 * service, each by date of service.
 *
 * @example
 * ```ts
 * import { hcpcs, placesOfService } from 'medcode/hcpcs'
 * hcpcs.at('2026-03-01').get('G0121')?.shortDescription   // 'Colon ca scrn not hi rsk ind'
 * hcpcs.modifiers.at('2026-03-01').get('XS')?.ptpAssociated // true
 * placesOfService.at('2026-03-01').check('1').ok             // false ('01' is the code)
 * ```
 *
 * @module
 */
import { createHcpcsSystem } from './system';
import type { DatedCodeSystem, HcpcsSystem } from './system';
import type { PlaceOfServiceEntry } from './model';

export { createHcpcsSystem } from './system';
export type {
  HcpcsSystem,
  HcpcsSystemOptions,
  HcpcsCodeSet,
  ModifierCodeSet,
  PlaceOfServiceCodeSet,
  DatedCodeSystem,
} from './system';
export { DatedCodeSet } from '../core/dated-codeset';
export type { EntryFilter, DatedCodeFilter } from '../core/dated-codeset';
export { parseHcpcsCode, parseModifierCode, parsePlaceOfServiceCode } from './model';
export { HCPCS_CATEGORIES, HCPCS_CATEGORY_CITATION, hcpcsCategoryOf } from './categories';
export type { HcpcsCategory, HcpcsCategoryLetter } from './categories';
export type { HcpcsEntry, ModifierEntry, ModifierSource, PlaceOfServiceEntry } from './model';
export type { ParsedCode, MalformedShape } from '../core/code-shape';
export {
  ANATOMIC_MODIFIERS,
  PTP_ASSOCIATED_MODIFIERS,
  CPT_MODIFIER_LABELS,
  modifierFlags,
} from './modifier-rules';

/**
 * HCPCS Level II over the built-in packs (January 2026 and July 2026 editions), with
 * `hcpcs.modifiers` and `hcpcs.placesOfService`. Data is read on first use.
 *
 * @example
 * ```ts
 * hcpcs.at('2026-07-15').check('G0121').ok // true
 * hcpcs.at('2026-03-01').check('XXXXX')       // malformed_code
 * ```
 */
export const hcpcs: HcpcsSystem = createHcpcsSystem();

/**
 * The CMS place-of-service code set (same object as `hcpcs.placesOfService`).
 *
 * @example
 * ```ts
 * placesOfService.at('2026-03-01').get('11')?.name // 'Office'
 * placesOfService.at('2024-07-01').check('66')       // not_in_force until 2024-08-01
 * ```
 */
export const placesOfService: DatedCodeSystem<PlaceOfServiceEntry> = hcpcs.placesOfService;
