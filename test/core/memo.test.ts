import { describe, expect, it } from 'vitest';
import { BoundedMemo, MEMO_MAX_INPUT_LENGTH } from '../../src/core/memo';

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
