/**
 * The NCCI tables' low-level row readers, on the built-in MUE and AOC tables: an index a lookup
 * gives for "none" (-1, or past the end) is refused by name, never read as a row.
 */
import { describe, expect, it } from 'vitest';
import { MedcodeError } from '../../src/core/errors';
import { loadMueTable } from '../../src/ncci/index';
import { isoDayNumber, loadAocTable } from '../../src/ncci/aoc';
import { checkedIndex } from '../../src/ncci/row-index';

function refusal(call: () => unknown): MedcodeError {
  try {
    call();
  } catch (error) {
    if (error instanceof MedcodeError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('checkedIndex', () => {
  it('passes an index below the length; refuses -1, the length, fractions, NaN and non-numbers', () => {
    expect(checkedIndex(0, 3, 'T.m', 'i')).toBe(0);
    expect(checkedIndex(2, 3, 'T.m', 'i')).toBe(2);
    for (const bad of [-1, 3, 1.5, Number.NaN, 2 ** 32, '1', Symbol('1'), 1n, Object.create(null)] as never[])
      expect(refusal(() => checkedIndex(bad, 3, 'T.m', 'i')).issues[0]).toMatchObject({
        code: 'invalid_option',
        option: 'T.m(i)',
      });
  });
});

describe('MUE and AOC row readers', () => {
  it('read the rows their lookups give, and refuse the "none" index by name', () => {
    const mue = loadMueTable();
    const i = mue.indexOf('88350');
    expect(mue.codeAt(i)).toBe('88350');
    expect(mue.valueAt(i)).toBeGreaterThan(0);
    expect(mue.indexOf('ZZZZZ')).toBe(-1);
    for (const [name, call] of [
      ['codeAt', () => mue.codeAt(-1)],
      ['valueAt', () => mue.valueAt(-1)],
      ['maiAt', () => mue.maiAt(mue.size)],
      ['rationaleAt', () => mue.rationaleAt(-1)],
    ] as const)
      expect(refusal(call).issues[0]!.message).toContain(`MueTable.${name}`);

    const aoc = loadAocTable();
    const [start] = aoc.rangeOf('99292')!;
    const day = isoDayNumber('2026-05-01');
    expect(aoc.primaryAt(start)).toMatch(/^\d{4}[0-9A-Z]$/);
    expect(typeof aoc.inForceAt(start, day)).toBe('boolean');
    for (const [name, call] of [
      ['inForceAt', () => aoc.inForceAt(-1, day)],
      ['primaryAt', () => aoc.primaryAt(aoc.size)],
      ['primaryValidAt', () => aoc.primaryValidAt(-1, day)],
    ] as const)
      expect(refusal(call).issues[0]!.message).toContain(`AocTable.${name}`);
  });
});
