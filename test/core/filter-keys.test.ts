import { describe, expect, it } from 'vitest';
import { refuseUnknownFilterKeys } from '../../src/core/filter-keys';
import { medcodeErrorOf } from '../medcode-error';

describe('refuseUnknownFilterKeys', () => {
  const known = new Set(['prefix', 'inForce', 'where']);

  it('accepts a filter of known keys, or none', () => {
    expect(() =>
      refuseUnknownFilterKeys({ prefix: 'G01', inForce: true }, known, 'hcpcs', 'HCPCS'),
    ).not.toThrow();
    expect(() => refuseUnknownFilterKeys({}, known, 'hcpcs', 'HCPCS')).not.toThrow();
  });

  it('throws invalid_option naming the first unknown key and the known ones', () => {
    const error = medcodeErrorOf(() =>
      refuseUnknownFilterKeys({ prefix: 'G', under: 'G01' }, known, 'hcpcs', 'HCPCS 2026-jan'),
    );
    expect(error.issues[0]).toMatchObject({
      code: 'invalid_option',
      option: 'filter.under',
      expected: 'one of prefix, inForce, where',
      system: 'hcpcs',
      dataVersion: 'HCPCS 2026-jan',
      input: 'G01',
    });
  });
});
