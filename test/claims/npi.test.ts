import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidNpi, npiCheckDigit } from '../../src/claims/npi';
import { parseClaim } from '../../src/claims/parse';
import { readFileSync } from 'node:fs';

describe('NPI check digit (Luhn with the 80840 prefix)', () => {
  it('accepts the CMS worked example 1234567893 and rejects its neighbours', () => {
    expect(npiCheckDigit('123456789')).toBe('3');
    expect(isValidNpi('1234567893')).toBe(true);
    for (let d = 0; d <= 9; d++) if (d !== 3) expect(isValidNpi(`123456789${d}`)).toBe(false);
  });

  it('rejects non-strings and malformed strings without throwing', () => {
    for (const bad of [
      1234567893,
      '123456789',
      '12345678931',
      '123456789A',
      '',
      '__proto__',
      null,
      undefined,
      '１２３４５６７８９３',
    ]) {
      expect(isValidNpi(bad)).toBe(false);
    }
  });

  it('detects every single-digit substitution (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{9}$/),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (first9, pos, delta) => {
          const npi = first9 + npiCheckDigit(first9)!;
          expect(isValidNpi(npi)).toBe(true);
          const changed = npi.slice(0, pos) + String((Number(npi[pos]) + delta) % 10) + npi.slice(pos + 1);
          expect(isValidNpi(changed)).toBe(false);
        },
      ),
    );
  });

  it('agrees with npiCheckDigit on any 10-character string (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^\d{10}$/), fc.string({ minLength: 10, maxLength: 10 })),
        (s) => {
          expect(isValidNpi(s)).toBe(npiCheckDigit(s.slice(0, 9)) === s[9]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is enforced by the claim schema with an npi_check_digit issue at the provider path', () => {
    const claim = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as {
      billingProvider: { npi: string };
    };
    claim.billingProvider.npi = '1888000010';
    const r = parseClaim(claim);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      code: 'npi_check_digit',
      path: ['billingProvider', 'npi'],
      expectedCheckDigit: '9',
    });
  });
});
