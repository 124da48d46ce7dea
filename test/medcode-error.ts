/**
 * The MedcodeError a call throws, for tests of refusals: fails the test when the call returns, or
 * throws anything else.
 */
import { expect } from 'vitest';
import { MedcodeError } from '../src/core/errors';

/** Whatever a call throws (a PackError, a MedcodeError, …), or undefined when it returns. */
export function thrownBy(use: () => unknown): unknown {
  try {
    use();
  } catch (error) {
    return error;
  }
  return undefined;
}

export function medcodeErrorOf(use: () => unknown): MedcodeError {
  try {
    use();
  } catch (error) {
    expect(error).toBeInstanceOf(MedcodeError);
    return error as MedcodeError;
  }
  throw new Error('expected a MedcodeError; nothing was thrown');
}

/**
 * Values of the wrong kind for most arguments (no code, text, bytes or data of medcode's): each
 * must give a MedcodeError naming the argument where an argument of another kind is expected.
 */
export const WRONG_ARGUMENTS: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  1e300,
  10n,
  Symbol('s'),
  Object.create(null),
  'x',
  {},
];

/** Expects the call to throw a MedcodeError whose issue is `invalid_option` for `option` (`fn(argument)`). */
export function expectRefused(call: () => unknown, option: string): void {
  expect(medcodeErrorOf(call).issues[0], option).toMatchObject({ code: 'invalid_option', option });
}
