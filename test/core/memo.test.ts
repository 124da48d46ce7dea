import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedMemo, MEMO_MAX_INPUT_LENGTH, RowCache } from '../../src/core/memo';
import { propertyRuns } from '../property-runs';

describe('BoundedMemo (memoized check results)', () => {
  it('returns what was set and never holds more than its capacity', () => {
    const memo = new BoundedMemo<number>(3);
    expect(memo.get('a')).toBeUndefined();
    expect(memo.set('a', 1)).toBe(1);
    memo.set('b', 2);
    memo.set('c', 3);
    expect(memo.size).toBe(3);
    memo.set('d', 4);
    expect(memo.size).toBeLessThanOrEqual(3);
    expect(memo.get('d')).toBe(4);
  });

  it('keys like __proto__ and constructor are plain keys', () => {
    const memo = new BoundedMemo<string>(8);
    expect(memo.get('__proto__')).toBeUndefined();
    expect(memo.get('constructor')).toBeUndefined();
    memo.set('__proto__', 'x');
    expect(memo.get('__proto__')).toBe('x');
    expect(MEMO_MAX_INPUT_LENGTH).toBeGreaterThanOrEqual(8);
  });
});

describe('RowCache (values by row, allocated a page at a time)', () => {
  it('gives back what was kept for each row, and undefined for the others, as a Map does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.tuple(fc.nat(), fc.string()), { maxLength: 200 }),
        fc.array(fc.integer({ min: -10, max: 6000 }), { maxLength: 50 }),
        (rows, sets, probes) => {
          const cache = new RowCache<string>(rows);
          const map = new Map<number, string>();
          for (const [r, v] of sets) {
            const row = r % rows;
            expect(cache.set(row, v)).toBe(v);
            map.set(row, v);
          }
          for (const row of [...map.keys(), ...probes]) expect(cache.get(row)).toBe(map.get(row));
        },
      ),
      { numRuns: propertyRuns(500) },
    );
  });

  it('keeps rows on both sides of a page boundary apart, up to the last row', () => {
    const cache = new RowCache<number>(98_186);
    for (const row of [0, 1023, 1024, 2047, 2048, 98_185]) cache.set(row, row + 1);
    expect([1022, 1023, 1024, 1025, 98_185, 98_186].map((r) => cache.get(r))).toEqual([
      undefined,
      1024,
      1025,
      undefined,
      98_186,
      undefined,
    ]);
  });

  it('refuses to keep a row the table does not have', () => {
    const cache = new RowCache<number>(10);
    for (const row of [-1, 10, 1.5, Number.NaN]) expect(() => cache.set(row, 1)).toThrow(RangeError);
    expect(cache.get(-1)).toBeUndefined();
  });
});
