/**
 * Test support for suites that check claims: matchers for vitest and jest, named scenario claims,
 * and (from `medcode/testing/arbitraries`) fast-check generators of valid codes and claims.
 *
 * Importing this entry loads no code-set data: a matcher loads what it checks on first use.
 * Register the matchers with one import: `import 'medcode/testing/vitest'` or
 * `import 'medcode/testing/jest'` (in a setup file), or call `expect.extend(medcodeMatchers)`.
 *
 * @module
 */
export {
  medcodeMatchers,
  toBeValidCode,
  toHaveEdit,
  toHaveSkipped,
  toPassEdits,
} from './matchers';
export type { EditExpectation, MatcherOutcome, MedcodeMatchers, TestableCodeSystem } from './matchers';
export {
  QUIET_DIAGNOSES,
  QUIET_PROCEDURES,
  SCENARIO_DATE,
  SCENARIO_EDITS,
  SCENARIO_NAMES,
  scenario,
  scenariosFor,
} from './scenarios';
export type { Scenario, ScenarioName, ScenarioVariation } from './scenarios';
