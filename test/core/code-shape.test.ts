/** The character-level helpers every code reader shares. */
import { describe, expect, it } from 'vitest';
import { isAsciiDigit, isPaddedCode, nonAsciiAt, upperAscii } from '../../src/core/code-shape';

describe('isAsciiDigit', () => {
  it('is true for 0–9 only', () => {
    const digits = [...'0123456789'].map((c) => c.charCodeAt(0));
    expect(digits.every(isAsciiDigit)).toBe(true);
    // Neighbours of the range, and digits of other scripts (Arabic-Indic, full-width, superscript).
    for (const c of ['/', ':', 'a', 'O', ' ', '٣', '３', '²'])
      expect(isAsciiDigit(c.charCodeAt(0))).toBe(false);
  });
  it('is false for any value that is not a number, without throwing', () => {
    for (const v of ['7', Symbol('7'), 55n, Object.create(null), null, undefined, [55]])
      expect(isAsciiDigit(v as never)).toBe(false);
  });
});

describe('nonAsciiAt and upperAscii', () => {
  it('find the first non-ASCII character, and upper-case ASCII letters only', () => {
    expect(nonAsciiAt('S9083')).toBe(-1);
    expect(nonAsciiAt('S9ſ83')).toBe(2);
    expect(upperAscii('g0121')).toBe('G0121');
    expect(upperAscii('ſ9083')).toBe('ſ9083');
  });
});

describe('isPaddedCode', () => {
  it('is true for a code with white space or a control character at either end', () => {
    for (const code of ['Z38.00 ', ' I10', '\tE11.9', 'E11.9\r', '\u0000G0121'])
      expect(isPaddedCode(code)).toBe(true);
    for (const code of ['E11.9', '', 'A B', 'ſ9083']) expect(isPaddedCode(code)).toBe(false);
  });
});
