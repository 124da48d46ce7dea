/**
 * The MedcodeError a call throws, for tests of refusals: fails the test when the call returns, or
 * throws anything else.
 */
import { expect } from 'vitest';
import { MedcodeError } from '../src/core/errors';

export function medcodeErrorOf(use: () => unknown): MedcodeError {
  try {
    use();
  } catch (error) {
    expect(error).toBeInstanceOf(MedcodeError);
    return error as MedcodeError;
  }
  throw new Error('expected a MedcodeError; nothing was thrown');
}
