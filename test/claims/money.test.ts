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
import { centsToMoney, centsToX12, toCents } from '../../src/claims/x12';
import { medcodeErrorOf } from '../medcode-error';

/** The issue of the MedcodeError a call throws. */
const refusal = (call: () => unknown) => medcodeErrorOf(call).issues[0];

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

describe('X12 and claim money forms of integer cents', () => {
  it('write cents exactly, a negative amount with its sign', () => {
    expect([0, 5, 50, 100, 15000, 15050, 15055, -0, Number.MAX_SAFE_INTEGER].map(centsToX12)).toEqual([
      '0',
      '0.05',
      '0.5',
      '1',
      '150',
      '150.5',
      '150.55',
      '0',
      '90071992547409.91',
    ]);
    expect([0, 5, 50, 100, 15000, 15050, -0, Number.MAX_SAFE_INTEGER].map(centsToMoney)).toEqual([
      '0.00',
      '0.05',
      '0.50',
      '1.00',
      '150.00',
      '150.50',
      '0.00',
      '90071992547409.91',
    ]);
    expect([-5, -150, -15055].map(centsToX12)).toEqual(['-0.05', '-1.5', '-150.55']);
    expect([-5, -150, -15055].map(centsToMoney)).toEqual(['-0.05', '-1.50', '-150.55']);
  });

  it('read back as the same cents, and agree with formatMoney', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (cents) => {
        expect(toCents(centsToX12(cents))).toBe(cents);
        expect(toCents(centsToMoney(cents))).toBe(cents);
        expect(centsToMoney(cents)).toBe(formatMoney(BigInt(cents)));
        expect(centsToMoney(-cents)).toBe(formatMoney(BigInt(-cents)));
      }),
    );
  });

  it('refuse by name what is not a safe integer number of cents, never printing wrong money', () => {
    const wrong: unknown[] = [
      Symbol('cents'),
      10n,
      Object.create(null),
      {},
      [],
      null,
      undefined,
      '15050',
      true,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1.5,
      -0.5,
      1e300,
      2 ** 53,
    ];
    for (const [fn, write] of [
      ['centsToX12', centsToX12],
      ['centsToMoney', centsToMoney],
    ] as const)
      for (const [k, cents] of wrong.entries())
        expect(
          refusal(() => write(cents as never)),
          `${fn} wrong[${k}]`,
        ).toMatchObject({
          code: 'invalid_option',
          path: ['cents'],
          option: `${fn}(cents)`,
        });
    expect(refusal(() => centsToX12(Symbol('cents') as never))?.message).toContain('got a symbol');
    expect(refusal(() => centsToMoney(1.5))?.message).toContain('got the number 1.5');
  });
});
