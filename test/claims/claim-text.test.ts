/**
 * Claims given as JSON text in a stream: read into the object they encode, unless the validator
 * must report the text itself (malformed, not an object, over the size limit).
 */
import { describe, expect, it } from 'vitest';
import { claimIdOf, claimTextValue } from '../../src/claims/claim-text';
import { MAX_CLAIM_JSON_CHARACTERS } from '../../src/claims/limits';

describe('claimTextValue', () => {
  it('reads JSON text of an object; hands anything else on unchanged', () => {
    expect(claimTextValue('{"claimId":"PCN-1","lines":[]}')).toEqual({ claimId: 'PCN-1', lines: [] });
    expect(claimTextValue('[1,2]')).toEqual([1, 2]);
    const object = { claimId: 'PCN-2' };
    expect(claimTextValue(object)).toBe(object);
    for (const text of ['{"claimId":', '12', 'null', '"text"', '']) expect(claimTextValue(text)).toBe(text);
  });

  it('does not parse text over the claim size limit', () => {
    const within = `{"pad":"${'x'.repeat(MAX_CLAIM_JSON_CHARACTERS - 10)}"}`;
    expect(within.length).toBe(MAX_CLAIM_JSON_CHARACTERS);
    expect(typeof claimTextValue(within)).toBe('object');
    const over = `{"pad":"${'x'.repeat(MAX_CLAIM_JSON_CHARACTERS - 9)}"}`;
    expect(claimTextValue(over)).toBe(over);
  });
});

describe('claimIdOf', () => {
  it('is the string claimId of a claim object', () => {
    expect(claimIdOf({ claimId: 'PCN-1' })).toBe('PCN-1');
    expect(claimIdOf({ claimId: 7 })).toBeUndefined();
    expect(claimIdOf({})).toBeUndefined();
    expect(claimIdOf(null)).toBeUndefined();
    expect(claimIdOf('{"claimId":"PCN-1"}')).toBeUndefined();
  });
});
