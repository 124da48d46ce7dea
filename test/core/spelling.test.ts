import { describe, expect, it } from 'vitest';
import { MedcodeError } from '../../src/core/errors';
import { mulberry32 } from '../../src/icd10cm/loader';
import { SpellingDictionary, editDistanceWithin, editsAllowed } from '../../src/core/spelling';

/** The optimal string alignment distance, the whole table: the reference the bounded one must agree with. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

describe('editDistanceWithin', () => {
  it('counts a swap of two adjacent letters as one edit, like a letter added, dropped or replaced', () => {
    expect(editDistanceWithin('pnuemonia', 'pneumonia', 2)).toBe(1);
    expect(editDistanceWithin('pneumona', 'pneumonia', 2)).toBe(1);
    expect(editDistanceWithin('pneumonnia', 'pneumonia', 2)).toBe(1);
    expect(editDistanceWithin('pnedmonia', 'pneumonia', 2)).toBe(1);
    expect(editDistanceWithin('asthma', 'asthma', 0)).toBe(0);
  });

  it('answers max + 1 for words further apart than max', () => {
    expect(editDistanceWithin('gout', 'goiter', 1)).toBe(2);
    expect(editDistanceWithin('fracture', 'fx', 2)).toBe(3);
  });

  it('agrees with the full table on random words, below the bound exactly and above it as max + 1', () => {
    const random = mulberry32(7);
    const word = () => {
      let w = '';
      const n = Math.floor(random() * 9);
      for (let i = 0; i < n; i++) w += 'abcd'[Math.floor(random() * 4)];
      return w;
    };
    for (let k = 0; k < 20_000; k++) {
      const a = word();
      const b = word();
      const max = Math.floor(random() * 4);
      expect(editDistanceWithin(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(fullDistance(a, b), max + 1));
    }
  });

  it('refuses a bound that is not a whole number of edits, by name', () => {
    expect(() => editDistanceWithin('a', 'b', -1)).toThrow(MedcodeError);
    expect(() => editDistanceWithin('a', 'b', 1.5)).toThrow(/editDistanceWithin\(max\)/);
    expect(() => editDistanceWithin('a', 5 as unknown as string, 1)).toThrow(/editDistanceWithin\(b\)/);
  });
});

describe('editsAllowed', () => {
  it('allows none below five letters, one up to seven, two from eight', () => {
    expect(['gout', 'asthm', 'asthma', 'sciatic', 'diabetis'].map(editsAllowed)).toEqual([0, 1, 1, 1, 2]);
    expect(['type2', 'c1q2r3s4'].map(editsAllowed)).toEqual([0, 0]);
  });
});

describe('SpellingDictionary', () => {
  const dictionary = new SpellingDictionary([
    ['pneumonia', 2100],
    ['pneumonitis', 180],
    ['asthma', 900],
    ['astuma', 3],
    ['type2', 50],
    ['gout', 300],
    ['unheld', 0],
  ]);

  it('offers the nearest words, fewest edits first, then the word more documents hold', () => {
    expect(dictionary.corrections('pnuemonia')).toEqual(['pneumonia']);
    expect(dictionary.corrections('asthma')).toEqual(['asthma']);
    // `astima` is one edit from both: the commoner word comes first.
    expect(dictionary.corrections('astima')).toEqual(['asthma', 'astuma']);
    expect(dictionary.corrections('astima', 1)).toEqual(['asthma']);
  });

  it('corrects no short word and no word with digits, and offers no word no document holds', () => {
    expect(dictionary.corrections('gaut')).toEqual([]);
    expect(dictionary.corrections('type3')).toEqual([]);
    expect(dictionary.corrections('unhelt')).toEqual([]);
    expect(dictionary.corrections('zzzzzzzz')).toEqual([]);
  });

  it('refuses a limit below one, by name', () => {
    expect(() => dictionary.corrections('asthma', 0)).toThrow(/corrections\(limit\)/);
  });
});
