import { describe, expect, it } from 'vitest';
import { bitCount } from '../../src/core/bits';

describe('bitCount', () => {
  it('counts the set bits of a 32-bit word, the sign bit included', () => {
    expect(bitCount(0)).toBe(0);
    expect(bitCount(0b1011)).toBe(3);
    expect(bitCount(1 << 31)).toBe(1);
    expect(bitCount(-1)).toBe(32);
    expect(bitCount(0x0f0f0f0f)).toBe(16);
  });

  it('agrees with counting bit by bit', () => {
    for (let k = 0; k < 2000; k++) {
      const v = (k * 2654435761) | 0;
      let n = 0;
      for (let b = 0; b < 32; b++) if ((v >>> b) & 1) n++;
      expect(bitCount(v)).toBe(n);
    }
  });
});
