import { describe, expect, it } from 'vitest';
import { searchLimit, searchQuery, MAX_SEARCH_QUERY_LENGTH } from '../../src/core/search-options';

describe('search options', () => {
  it('read limit the same way for every system', () => {
    expect([undefined, null, '5', NaN, {}].map(searchLimit)).toEqual([10, 10, 10, 10, 10]);
    expect([0, -1, -Infinity, 0.5, 3.7, 1e9, Infinity].map(searchLimit)).toEqual([0, 0, 0, 0, 3, 1000, 1000]);
  });
  it('normalize and cap the query', () => {
    expect(searchQuery('Ｅ１１．９')).toBe('E11.9');
    expect(searchQuery(null)).toBe('');
    expect(searchQuery('a'.repeat(1_000_000)).length).toBe(MAX_SEARCH_QUERY_LENGTH);
  });
  it('drop invisible formatting characters inside a word and read control characters as spaces', () => {
    expect(searchQuery('pre\u00ADeclampsia')).toBe('preeclampsia');
    expect(searchQuery('\uFEFFE11\u200B.9\u200D')).toBe('E11.9');
    expect(searchQuery('essential\thypertension\r\n')).toBe('essential hypertension  ');
    expect(searchQuery('preeclampsia\u0000')).toBe('preeclampsia ');
    expect(searchQuery('otitis\u0085media')).toBe('otitis media');
  });
});
