import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  divideMoney,
  formatMoney,
  multiplyMoney,
  parseMoney,
  sumMoney,
  totalCharge,
} from '../../src/claims/money';

describe('money', () => {
  it('parses decimal strings to exact cents and formats them back', () => {
    expect(parseMoney('150.00')).toBe(15000n);
    expect(parseMoney('0.5')).toBe(50n);
    expect(parseMoney('7')).toBe(700n);
    expect(formatMoney(15000n)).toBe('150.00');
    expect(formatMoney(5n)).toBe('0.05');
    expect(formatMoney(-105n)).toBe('-1.05');
  });

  it('refuses floats, exponents, negatives, extra decimals and hostile input', () => {
    for (const bad of [
      12.5,
      '1e3',
      '-1.00',
      '1.005',
      '',
      ' 1.00',
      '1,000.00',
      '__proto__',
      'x'.repeat(1_000_000),
      null,
      undefined,
      {},
      10n,
    ]) {
      expect(parseMoney(bad)).toBeUndefined();
    }
  });

  it('adds exactly where floats do not (0.10 + 0.20)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(totalCharge(['0.10', '0.20'])).toBe('0.30');
    expect(totalCharge(['150.00', '75.5', '0.01'])).toBe('225.51');
    expect(totalCharge(['1.00', 'oops'])).toBeUndefined();
  });

  it('sums any list of amounts to the exact integer-cent total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 13n }), { maxLength: 60 }), (amounts) => {
        const texts = amounts.map((a) => formatMoney(a));
        expect(totalCharge(texts)).toBe(formatMoney(amounts.reduce((a, b) => a + b, 0n)));
        expect(texts.map((t) => parseMoney(t))).toEqual(amounts);
      }),
    );
  });

  it('multiplies by units and divides by quantity with cent rounding', () => {
    expect(formatMoney(multiplyMoney(parseMoney('12.35')!, 3)!)).toBe('37.05');
    expect(formatMoney(multiplyMoney(parseMoney('10.00')!, 1.5)!)).toBe('15.00');
    expect(formatMoney(multiplyMoney(parseMoney('0.05')!, 0.5)!)).toBe('0.03');
    expect(multiplyMoney(100n, Number.NaN)).toBeUndefined();
    expect(divideMoney(10000n, 4)).toEqual({ cents: 2500n, exact: true });
    expect(divideMoney(10000n, 3)).toEqual({ cents: 3333n, exact: false });
    expect(divideMoney(10000n, 0)).toBeUndefined();
    expect(sumMoney([1n, 2n, 3n])).toBe(6n);
  });
});
