import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { isParsedClaim, parseClaim } from '../../src/claims/parse';
import { validateClaim, validateClaimJson } from '../../src/rules/index';
import { fastParseClaim } from '../../src/claims/fast-parse';
import { ClaimSchema } from '../../src/claims/schema';
import { toIsoDate } from '../../src/core/dates';
import { claimArb } from './arbitraries';
import { propertyRuns } from '../property-runs';

const example = () =>
  JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<string, any>;

describe('parseClaim', () => {
  it('reads every example claim and freezes the result', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(6);
    for (const f of files) {
      const r = parseClaim(readFileSync(`examples/${f}`, 'utf8'));
      expect(r.ok, f).toBe(true);
      if (r.ok) {
        expect(Object.isFrozen(r.value)).toBe(true);
        expect(Object.isFrozen(r.value.lines[0])).toBe(true);
      }
    }
  });

  it('maps schema errors to core issues at the right paths', () => {
    const c = example();
    c.lines[0].charge = 165;
    c.lines[1].serviceDate = '2026-02-30';
    c.patient.sex = 'X';
    c.lines[0].extra = true;
    delete c.placeOfService;
    const r = parseClaim(c);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = new Map(r.issues.map((i) => [i.path.join('.'), i]));
    expect(byPath.get('lines.0.charge')).toMatchObject({
      code: 'claim_invalid',
      expected: 'a string',
      received: 'the number 165',
    });
    expect(byPath.get('lines.1.serviceDate')).toMatchObject({ code: 'invalid_date', received: '2026-02-30' });
    expect(byPath.get('patient.sex')).toMatchObject({
      code: 'claim_invalid',
      expected: 'one of "F", "M", "U"',
    });
    expect(byPath.get('lines.0.extra')).toMatchObject({ code: 'claim_invalid' });
    expect(byPath.get('placeOfService')?.message).toBe(
      'placeOfService must be a string; got nothing (the field is required).',
    );
    expect(r.issues).toHaveLength(5);
  });

  it('reports one invalid_date per bad date (regex and calendar check do not both fire)', () => {
    const c = example();
    c.lines[0].serviceDate = '03/10/2026';
    const r = parseClaim(c);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['invalid_date']);
  });

  it('checks the claim frequency code', () => {
    const c = example();
    c.frequencyCode = '5';
    const r = parseClaim(c);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_invalid', 'frequencyCode'],
    ]);
  });

  it('reports malformed JSON with its position', () => {
    const r = parseClaim('{"claimId": "A",, }');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'claim_json_malformed', position: 16 });
  });

  it('never throws and never accepts hostile input (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.string()), (input) => {
        const r = parseClaim(input);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: propertyRuns(500) },
    );
    for (const bad of [
      '__proto__',
      'constructor',
      'x'.repeat(1_000_000),
      '{"__proto__": {"polluted": 1}}',
      null,
      42,
    ]) {
      expect(parseClaim(bad).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a __proto__ key inside a claim rather than merging it', () => {
    const text = readFileSync('examples/clean-office-visit.json', 'utf8').replace(
      '"claimId"',
      '"__proto__": {"x": 1}, "claimId"',
    );
    const r = parseClaim(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path.join('.'))).toEqual(['__proto__']);
  });
});

describe('fast path', () => {
  const zodParse = (v: unknown) => ClaimSchema.safeParse(v);

  it('accepts exactly what zod accepts on generated valid claims, with equal output', () => {
    fc.assert(
      fc.property(claimArb, (c) => {
        const fast = fastParseClaim(c);
        const slow = zodParse(c);
        expect(slow.success).toBe(true);
        expect(fast).toEqual(slow.data);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('never accepts a claim that zod rejects (mutated claims)', () => {
    const hostile = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(''),
      fc.constant('2026-02-30'),
      fc.constant('1234567890'),
      fc.constant(1.5),
      fc.constant(Number.NaN),
      fc.constant([]),
      fc.constant({}),
      fc.constant('150.001'),
      fc.constant('9'),
      fc.string(),
      fc.integer(),
      fc.anything(),
    );
    let accepted = 0;
    fc.assert(
      fc.property(
        claimArb,
        fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 3 }),
        (c, mutations) => {
          const copy = structuredClone(c) as unknown as Record<string, unknown>;
          for (const [seed, value] of mutations) mutateAt(copy, seed, value);
          const fast = fastParseClaim(copy);
          const slow = zodParse(copy);
          if (fast !== undefined) {
            accepted++;
            expect(slow.success).toBe(true);
            expect(fast).toEqual(slow.data);
          }
        },
      ),
      { numRuns: propertyRuns(1000) },
    );
    // The mutations must not all be rejected, or the test would prove nothing about acceptance.
    expect(accepted).toBeGreaterThan(0);
  });
});

/** Replaces (or deletes, for undefined) one value at a pseudo-random path inside a JSON-like tree. */
function mutateAt(root: Record<string, unknown>, seed: number, value: unknown): void {
  let node: Record<string, unknown> | unknown[] = root;
  let s = seed;
  for (let depth = 0; depth < 6; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[s % keys.length]!;
    s = Math.floor(s / keys.length) + 7 * depth;
    const child = (node as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && s % 3 !== 0) {
      node = child as Record<string, unknown>;
      continue;
    }
    if (value === undefined && !Array.isArray(node)) delete (node as Record<string, unknown>)[key];
    else (node as Record<string, unknown>)[key] = value;
    return;
  }
}

describe('fast path details', () => {
  it('agrees with toIsoDate on every YYYY-MM-DD shape from 1896 to 2104 (leap years included)', () => {
    const base = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<string, any>;
    let checked = 0;
    for (let y = 1896; y <= 2104; y++) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          base.patient.birthDate = text;
          expect(fastParseClaim(base) !== undefined, text).toBe(toIsoDate(text) !== undefined);
          checked++;
        }
      }
    }
    expect(checked).toBe(209 * 14 * 33);
  });

  it('returns a deeply frozen copy and leaves the caller object unfrozen', () => {
    const input = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<string, any>;
    const r = parseClaim(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).not.toBe(input);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.lines[0])).toBe(false);
    for (const v of [
      r.value,
      r.value.patient,
      r.value.lines,
      r.value.lines[0],
      r.value.lines[0]!.diagnosisPointers,
      r.value.billingProvider!.address,
      r.value.diagnoses[0],
    ]) {
      expect(Object.isFrozen(v)).toBe(true);
    }
  });
});

describe('exotic input', () => {
  it('does not throw on objects whose getters throw', () => {
    const evil = {
      get claimId(): string {
        throw new Error('boom');
      },
    };
    const r = parseClaim(evil);
    expect(r.ok).toBe(false);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(parseClaim(revoked.proxy).ok).toBe(false);
  });
});

describe('early size guard', () => {
  const example = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<
    string,
    unknown
  > & { lines: Record<string, unknown>[] };
  it('refuses arrays far over the format limits before validating them, at their path', () => {
    const huge = parseClaim({ ...example, lines: new Array(1_000_000) });
    expect(huge.ok ? [] : huge.issues.map((i) => [i.code, i.path.join('.'), i.message])).toEqual([
      ['claim_limit_exceeded', 'lines', 'lines: a claim allows at most 500 lines; this would make 1000000.'],
    ]);
    const manyLines = parseClaim({
      ...example,
      lines: Array.from({ length: 20_000 }, () => example.lines[0]),
    });
    expect(manyLines.ok ? [] : manyLines.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_limit_exceeded', 'lines'],
    ]);
    const dx = parseClaim({ ...example, diagnoses: Array.from({ length: 121 }, () => ({ code: 'I10' })) });
    expect(dx.ok ? [] : dx.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_limit_exceeded', 'diagnoses'],
    ]);
    const mods = parseClaim({
      ...example,
      lines: [
        {
          ...example.lines[0],
          modifiers: new Array(41).fill('25'),
          diagnosisPointers: new Array(1e5).fill(1),
        },
      ],
    });
    expect(mods.ok ? [] : mods.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['claim_limit_exceeded', 'lines.0.modifiers'],
      ['claim_limit_exceeded', 'lines.0.diagnosisPointers'],
    ]);
    expect(
      parseClaim(JSON.stringify({ ...example, lines: Array.from({ length: 501 }, () => example.lines[0]) }))
        .ok,
    ).toBe(false);
  });

  it('still parses claims over the format limits but within the guard, for checkClaimLimits to report', () => {
    const r = parseClaim({ ...example, lines: Array.from({ length: 500 }, () => example.lines[0]) });
    expect(r.ok).toBe(true);
  });
});

describe('service date messages', () => {
  const example = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<
    string,
    unknown
  > & { lines: Record<string, unknown>[] };
  const messages = (line: Record<string, unknown>) => {
    const r = parseClaim({ ...example, lines: [line] });
    return r.ok ? [] : r.issues.map((i) => i.message);
  };
  it('say what was expected and show the field value, not "an object"', () => {
    const { serviceDate: _unused, ...noDate } = example.lines[0]!;
    expect(messages(noDate)).toEqual([
      'lines[0].serviceDate must be given: a line needs a serviceDate, or a serviceDateFrom with an optional serviceDateTo; got nothing.',
    ]);
    expect(messages({ ...noDate, serviceDateFrom: '2026-05-03', serviceDateTo: '2026-05-01' })).toEqual([
      'lines[0].serviceDateTo must be on or after serviceDateFrom (2026-05-03); got the string "2026-05-01".',
    ]);
    expect(messages({ ...example.lines[0], serviceDateFrom: '2026-05-01' })).toEqual([
      'lines[0].serviceDateFrom must be absent when serviceDate is given (one date or a span, not both); got the string "2026-05-01".',
    ]);
    // A span's end without its start: every writer would drop it (837P DTP*472 is D8 or RD8).
    expect(messages({ ...example.lines[0], serviceDateTo: '2026-01-01' })).toEqual([
      'lines[0].serviceDateTo must be absent when serviceDate is given (the end of a span starting at serviceDateFrom); got the string "2026-01-01".',
    ]);
  });
});

describe('parsed-claim mark', () => {
  it('marks what parseClaim returns, and nothing built from data', () => {
    const r = parseClaim(example());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(isParsedClaim(r.value)).toBe(true);
    // The same fields, frozen, are still data: a mark cannot be forged by copying.
    expect(isParsedClaim(Object.freeze(JSON.parse(JSON.stringify(r.value))))).toBe(false);
    expect(isParsedClaim(example())).toBe(false);
    expect(isParsedClaim(null)).toBe(false);
    expect(isParsedClaim('claim')).toBe(false);
  });

  it('a parsed claim validates exactly as its JSON does, without a second read', () => {
    const json = example();
    const r = parseClaim(json);
    if (!r.ok) throw new Error('example claim did not parse');
    const options = { profile: 'medicare-professional', today: '2026-11-27' } as const;
    const fromParsed = validateClaim(r.value, options);
    const fromJson = validateClaimJson(json, options);
    expect(fromParsed.value).toBe(r.value);
    expect(JSON.stringify(fromParsed)).toBe(JSON.stringify(fromJson));
    expect(fromParsed.issues.map((i) => i.message)).toEqual(fromJson.issues.map((i) => i.message));
  });
});
