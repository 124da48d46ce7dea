import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageInYears, toIsoDate, isWithinRange, compareIsoDates } from '../../src/core/dates';
import { selectEdition, editionAt, orderEditions } from '../../src/core/edition';
import type { Edition } from '../../src/core/edition';
import { MedcodeError } from '../../src/core/errors';

const fy2026: Edition = {
  id: 'fy2026',
  name: 'ICD-10-CM FY2026',
  system: 'icd10cm',
  effectiveFrom: '2025-10-01',
  effectiveTo: '2026-09-30',
};
const fy2027: Edition = {
  id: 'fy2027',
  name: 'ICD-10-CM FY2027',
  system: 'icd10cm',
  effectiveFrom: '2026-10-01',
  effectiveTo: '2027-09-30',
};

describe('ageInYears', () => {
  it('counts completed years, a February 29 birthday passing on March 1 in common years', () => {
    expect(ageInYears('2000-03-01', '2001-02-28')).toBe(0);
    expect(ageInYears('2000-03-01', '2001-03-01')).toBe(1);
    expect(ageInYears('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageInYears('2024-02-29', '2025-03-01')).toBe(1);
    expect(ageInYears('2024-02-29', '2028-02-29')).toBe(4);
    expect(ageInYears('1972-02-17', '2026-08-25')).toBe(54);
    expect(ageInYears('2026-08-25', '2026-08-25')).toBe(0);
  });
  it('refuses what is not a calendar date with a MedcodeError naming the argument', () => {
    for (const [birth, on, argument] of [
      ['2026-02-30', '2026-05-01', 'birthDate'],
      [19580701, '2026-05-01', 'birthDate'],
      ['1958-07-01', null, 'on'],
      ['1958-07-01', '05/01/2026', 'on'],
    ] as const) {
      const error = (() => {
        try {
          ageInYears(birth as string, on as string);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(MedcodeError);
      expect((error as MedcodeError).issues[0]).toMatchObject({ code: 'invalid_option', path: [argument] });
    }
  });
  it('agrees with adding whole years to the birth date in UTC (property)', () => {
    const day = fc
      .date({
        min: new Date('1890-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a];
        // The largest n with "birth plus n years" on or before the date; Date.UTC rolls
        // February 29 of a common year over to March 1.
        const at = Date.parse(on);
        const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
        let n = 0;
        while (Date.UTC(y + n + 1, m - 1, d) <= at) n++;
        expect(ageInYears(birth, on)).toBe(n);
      }),
    );
  });
});

describe('toIsoDate', () => {
  it('accepts real YYYY-MM-DD days and Dates', () => {
    expect(toIsoDate('2026-05-01')).toBe('2026-05-01');
    expect(toIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(toIsoDate(new Date(2026, 4, 1))).toBe('2026-05-01');
  });
  it('rejects impossible days, other formats and non-strings', () => {
    for (const bad of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '05/01/2026',
      '2026-5-1',
      ' 2026-05-01',
      '',
      '20260501',
      '2026-05-01T00:00:00Z',
    ]) {
      expect(toIsoDate(bad), bad).toBeUndefined();
    }
    // An object that only inherits from Date has no time value: no TypeError, no date.
    for (const bad of [
      undefined,
      null,
      20260501,
      {},
      [],
      new Date('nope'),
      Symbol('x'),
      Object.create(Date.prototype),
    ])
      expect(toIsoDate(bad)).toBeUndefined();
  });
  it('agrees with the calendar for every day of a span of years (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1900, 0, 1), max: new Date(2100, 11, 31), noInvalidDate: true }),
        (d) => {
          const iso = `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
          expect(toIsoDate(iso)).toBe(iso);
          expect(toIsoDate(d)).toBe(iso);
        },
      ),
    );
  });
  it('compares and ranges inclusively', () => {
    expect(compareIsoDates('2026-09-30', '2026-10-01')).toBe(-1);
    expect(isWithinRange('2026-09-30', { from: '2025-10-01', to: '2026-09-30' })).toBe(true);
    expect(isWithinRange('2026-10-01', { from: '2025-10-01', to: '2026-09-30' })).toBe(false);
    expect(isWithinRange('2099-01-01', { from: '2025-10-01', to: null })).toBe(true);
  });
});

describe('selectEdition', () => {
  const editions = orderEditions([fy2027, fy2026]);
  it('picks the edition in force on both sides of October 1', () => {
    expect(editionAt(editions, '2026-09-30').id).toBe('fy2026');
    expect(editionAt(editions, '2026-10-01').id).toBe('fy2027');
    expect(editionAt(editions, new Date(2026, 9, 1)).id).toBe('fy2027');
  });
  it('gives a structured no_edition issue naming the ranges and the date, never a fallback', () => {
    const r = selectEdition(editions, '2025-09-30');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues[0]!;
    expect(issue.code).toBe('no_edition');
    if (issue.code !== 'no_edition') return;
    expect(issue.date).toBe('2025-09-30');
    expect(issue.available).toEqual([
      { id: 'fy2026', from: '2025-10-01', to: '2026-09-30' },
      { id: 'fy2027', from: '2026-10-01', to: '2027-09-30' },
    ]);
    expect(issue.message).toContain('2025-09-30');
    expect(issue.message).toContain('fy2026 2025-10-01..2026-09-30');
    expect(Object.isFrozen(issue)).toBe(true);
  });
  it('reports a malformed date as invalid_date', () => {
    const r = selectEdition(editions, '2026-02-30');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.code).toBe('invalid_date');
    expect(() => editionAt(editions, 'tomorrow')).toThrow(MedcodeError);
    try {
      editionAt(editions, 'tomorrow');
    } catch (error) {
      expect((error as MedcodeError).issues[0]!.code).toBe('invalid_date');
    }
  });
  it('refuses overlapping editions', () => {
    expect(() => orderEditions([fy2026, { ...fy2027, effectiveFrom: '2026-09-30' }])).toThrow(/overlap/);
  });
});

describe('a Date is read as its local calendar day (documented; strings recommended)', () => {
  it('new Date("2026-10-01") is 2026-09-30 in Los Angeles and 2026-10-01 in UTC', async () => {
    const { execFileSync } = await import('node:child_process');
    const run = (tz: string): string =>
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          "import('./src/core/dates.ts').then((m) => process.stdout.write(String(m.toIsoDate(new Date('2026-10-01')))))",
        ],
        {
          env: { ...process.env, TZ: tz },
          encoding: 'utf8',
        },
      );
    expect(run('America/Los_Angeles')).toBe('2026-09-30');
    expect(run('UTC')).toBe('2026-10-01');
  });

  it('docs/editions.md and the toIsoDate JSDoc say so and recommend YYYY-MM-DD strings', async () => {
    const { readFileSync } = await import('node:fs');
    const guide = readFileSync('docs/editions.md', 'utf8');
    expect(guide).toMatch(/Pass `YYYY-MM-DD` strings/);
    expect(guide).toMatch(/local time\s+zone/);
    const source = readFileSync('src/core/dates.ts', 'utf8');
    expect(source).toMatch(/TZ=America\/Los_Angeles/);
  });
});
