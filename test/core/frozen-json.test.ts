/**
 * `validationJson` and `entriesJson`: the text of `JSON.stringify`, with the text of frozen
 * entries that recur (a batch's shared stale warnings and skipped rules) kept and reused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { entriesJson, validationJson } from '../../src/core/frozen-json';
import { createClaimValidator } from '../../src/rules/index';

const example = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as Record<
  string,
  unknown
>;

describe('validationJson', () => {
  it("is JSON.stringify's text for real results: passed, failed with and without a value, not checked", () => {
    const validator = createClaimValidator({ today: '2026-06-01' });
    const results = [
      validator.validateJson(example),
      validator.validateJson({ ...example, claimId: 'second' }),
      validator.validateJson({ ...example, diagnoses: [{ code: 'E11' }] }),
      validator.validateJson({ claimId: 'unreadable' }),
      // Before ICD-10-CM took effect (2015-10-01) no code set covers the date: not checked.
      createClaimValidator({ today: '2015-06-01' }).validateJson({
        ...example,
        lines: (example.lines as object[]).map((line) => ({ ...line, serviceDate: '2015-05-12' })),
      }),
    ];
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['passed', 'failed', 'not_checked']));
    expect(results.some((r) => !r.ok && r.value === undefined)).toBe(true);
    // The case the kept text is for: the second claim gets the first one's frozen entries.
    expect(results[1]!.stale[0]).toBe(results[0]!.stale[0]);
    for (const result of [...results, ...results])
      expect(validationJson(result)).toBe(JSON.stringify(result));
  });

  it('leaves out keys without JSON text and honours toJSON, as JSON.stringify does', () => {
    const odd = { a: undefined, b: () => 1, stale: [], skipped: [1, 'x'], c: { toJSON: () => 'c' } };
    expect(validationJson(odd)).toBe(JSON.stringify(odd));
    const whole = { ok: true, toJSON: () => ({ replaced: true }) };
    expect(validationJson(whole)).toBe('{"replaced":true}');
  });

  it('agrees with JSON.stringify on any JSON-like result, frozen or not', () => {
    const entry = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
        fc.array(entry, { maxLength: 3 }),
        fc.array(entry, { maxLength: 3 }),
        fc.boolean(),
        (rest, skipped, stale, freeze) => {
          const lists = freeze
            ? [skipped, stale].map((list) => list.map((e) => Object.freeze(e)))
            : [skipped, stale];
          const result = { ...rest, skipped: lists[0], stale: lists[1] };
          expect(validationJson(result)).toBe(JSON.stringify(result));
          // Again: now from the kept text of the frozen entries.
          expect(validationJson(result)).toBe(JSON.stringify(result));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('entriesJson', () => {
  it('writes an entry that is not frozen as it is now, not as it was first written', () => {
    const entry = { rule: 'custom', reason: 'first' };
    expect(entriesJson([entry])).toBe('[{"rule":"custom","reason":"first"}]');
    entry.reason = 'second';
    expect(entriesJson([entry])).toBe('[{"rule":"custom","reason":"second"}]');
  });

  it('writes an entry whose toJSON gives nothing as null, as JSON.stringify does in a list', () => {
    const list = [Object.freeze({ toJSON: () => undefined }), Object.freeze({ a: 1 })];
    expect(entriesJson(list)).toBe(JSON.stringify(list));
    expect(entriesJson([])).toBe('[]');
  });
});
