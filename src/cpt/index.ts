/**
 * `medcode/cpt`: the CPT code model (category, section by range) and user-supplied descriptors.
 * medcode ships no AMA CPT text.
 *
 * @example
 * ```ts
 * import { cpt } from 'medcode/cpt'
 * const r = cpt.parse('0213T')
 * if (r.ok) r.value.category // 'III'
 * ```
 *
 * @module
 */
import { parseCpt, CPT_SECTION_RANGES } from './model';
import { withDescriptors } from './descriptors';

export { parseCpt, readCptShape, CPT_SECTION_RANGES } from './model';
export type { CptCategory, CptSection, CptSectionRange, CptCode } from './model';
export { withDescriptors } from './descriptors';
export type {
  CptEntry,
  CptCodeSet,
  CptDescriptorSet,
  CptDescriptorOptions,
  SkippedDescriptorRow,
} from './descriptors';
export { detectCodeSystem } from '../core/detect';
export type { DetectedCode } from '../core/detect';

/**
 * The CPT entry point: `cpt.parse(code)`, `cpt.withDescriptors(source)`, `cpt.sectionRanges`.
 *
 * @example
 * ```ts
 * cpt.parse('99213')            // { ok: true, value: { category: 'I', section: 'evaluation_and_management', sectionCertain: false, … } }
 * cpt.withDescriptors(tsvText)  // a code set with get / check / search over your licensed file
 * ```
 */
export const cpt = Object.freeze({
  parse: parseCpt,
  withDescriptors,
  sectionRanges: CPT_SECTION_RANGES,
});
