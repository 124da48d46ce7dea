/**
 * medcode/pfs: expected Medicare payment under the physician fee schedule. The CMS relative value
 * file (RVU26C built in, any quarter importable) without descriptors, and `priceClaim`: per line
 * the facility or non-facility amount for the place of service, the indicator-driven modifier rules
 * (26/TC, multiple procedure, bilateral, assistant at surgery, co-surgeons, team surgery), the status
 * code, and the claim total, each amount explained.
 *
 * @module
 */
export { pfs, createPfsSystem, priceClaim } from './system';
export type { PfsSystem } from './system';
export { PfsSchedule } from './schedule';
export { priceClaimWith, feeScheduleAmount, settingOf, FACILITY_PLACES_OF_SERVICE } from './price';
export type { PriceClaimOptions } from './price';
export { parseRvuCsv, stripRvuDescriptors, encodeRvuPack, decodeRvuPack, PFS_PACK_KIND } from './loader';
export type { RvuFileContents } from './loader';
export { PFS_STATUS } from './model';
export type {
  PfsStatusCode,
  RvuEntry,
  PfsLocality,
  PricingAdjustment,
  LinePricing,
  ClaimPricing,
} from './model';
