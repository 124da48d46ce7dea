/**
 * `import 'medcode/testing/vitest'` in a vitest setup file (or a test) registers medcode's matchers
 * on vitest's `expect` and types them on its `Assertion`.
 *
 * @module
 */
import { expect } from 'vitest';
import { medcodeMatchers } from './matchers';
import type { MedcodeMatchers } from './matchers';

expect.extend(medcodeMatchers);

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the shape vitest's own Assertion declares
  interface Assertion<T = any> extends MedcodeMatchers<T> {}
  interface AsymmetricMatchersContaining extends MedcodeMatchers {}
}

export { medcodeMatchers };
