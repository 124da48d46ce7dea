/**
 * How many generated inputs a property test runs. The default loop (`npm test`) runs a tenth of
 * each property's full count so that it stays fast; CI sets `MEDCODE_PROPERTY_RUNS=full` for the
 * full counts (`.ci/run`).
 */
const FULL = process.env.MEDCODE_PROPERTY_RUNS === 'full';

/** The number of runs for a property whose full count is `full`. */
export function propertyRuns(full: number): number {
  return FULL ? full : Math.max(20, Math.ceil(full / 10));
}
