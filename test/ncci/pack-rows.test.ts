import { describe, expect, it } from 'vitest';
import { PackError } from '../../src/core/errors';
import { checkRowCounts, everyRowIn, isCodeList } from '../../src/ncci/pack-rows';

describe('isCodeList', () => {
  it('five characters of 0–9 and A–Z per row, in the order asked', () => {
    expect(isCodeList('', 0, 'strictly-ascending')).toBe(true);
    expect(isCodeList('0001U99213', 2, 'strictly-ascending')).toBe(true);
    expect(isCodeList('9921399213', 2, 'strictly-ascending')).toBe(false);
    expect(isCodeList('9921399213', 2, 'ascending')).toBe(true);
    expect(isCodeList('992130001U', 2, 'ascending')).toBe(false);
    expect(isCodeList('992130001U', 2, 'any')).toBe(true);
    // Compared from the first character that differs, not the last.
    expect(isCodeList('1999920000', 2, 'strictly-ascending')).toBe(true);
    expect(isCodeList('2000019999', 2, 'any')).toBe(true);
    expect(isCodeList('2000019999', 2, 'ascending')).toBe(false);
  });

  it('a list a row short or long, or a character no code has', () => {
    expect(isCodeList('99213', 2, 'any')).toBe(false);
    expect(isCodeList('992139921', 2, 'any')).toBe(false);
    expect(isCodeList('99213', 0, 'any')).toBe(false);
    for (const bad of ['9921a', '9921 ', '9921-', '9921ÿ']) expect(isCodeList(bad, 1, 'any')).toBe(false);
  });
});

describe('everyRowIn', () => {
  it('indicators from a list, or indexes below a length', () => {
    expect(everyRowIn(new Uint8Array([1, 3, 2]), [1, 2, 3])).toBe(true);
    expect(everyRowIn(new Uint8Array([1, 0]), [1, 2, 3])).toBe(false);
    expect(everyRowIn(new Uint8Array([0, 1]), 2)).toBe(true);
    expect(everyRowIn(new Uint8Array([2]), 2)).toBe(false);
    expect(everyRowIn(new Uint8Array(0), 0)).toBe(true);
  });
});

describe('checkRowCounts', () => {
  it('names the first section whose length is not the row count', () => {
    expect(() => checkRowCounts('mue.pack', 2, { mai: new Uint8Array(2) })).not.toThrow();
    const short = () =>
      checkRowCounts('mue.pack', 2, { mai: new Uint8Array(2), rationale: new Uint8Array(1) });
    expect(short).toThrow(PackError);
    expect(short).toThrow('mue.pack: its rationale section has 1 rows, not 2');
  });
});
