/**
 * `import 'medcode/testing/jest'` (or `require`) in a jest setup file (`setupFilesAfterEnv`)
 * registers medcode's matchers on jest's global `expect` and types them on `jest.Matchers`.
 *
 * @module
 */
import { medcodeMatchers } from './matchers';
import type { MedcodeMatchers } from './matchers';

interface JestExpect {
  extend(matchers: Record<string, unknown>): void;
}

const jestExpect = (globalThis as { expect?: JestExpect }).expect;
if (jestExpect === undefined || typeof jestExpect.extend !== 'function')
  throw new TypeError(
    "medcode/testing/jest: no global jest 'expect' here; import it from a jest setup file (setupFilesAfterEnv), or use medcode/testing/vitest under vitest",
  );
jestExpect.extend(medcodeMatchers);

declare global {
  namespace jest {
    interface Matchers<R> extends MedcodeMatchers<R> {}
  }
}

export { medcodeMatchers };
