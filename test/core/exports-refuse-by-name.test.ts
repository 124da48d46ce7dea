/**
 * Every exported function of every public entry point, called with values of every wrong kind,
 * answers or throws one of medcode's own errors (MedcodeError, PackError, SourceFormatError; Node's
 * own error for a file path that does not exist): never a TypeError or RangeError from deep inside.
 * The building blocks that take medcode's own values and assume their types are listed by name, and
 * docs/hostile-input.md names each of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedcodeError, PackError, SourceFormatError } from '../../src/core/errors';

const ENTRY_POINTS = {
  core: () => import('../../src/core/index'),
  icd10cm: () => import('../../src/icd10cm/index'),
  icd10pcs: () => import('../../src/icd10pcs/index'),
  hcpcs: () => import('../../src/hcpcs/index'),
  cpt: () => import('../../src/cpt/index'),
  ncci: () => import('../../src/ncci/index'),
  hcc: () => import('../../src/hcc/index'),
  pfs: () => import('../../src/pfs/index'),
  rules: () => import('../../src/rules/index'),
  claims: () => import('../../src/claims/index'),
  report: () => import('../../src/report/index'),
  import: () => import('../../src/import/index'),
  node: () => import('../../src/node/index'),
  testing: () => import('../../src/testing/index'),
  'testing/arbitraries': () => import('../../src/testing/arbitraries'),
} as const;

/**
 * Building blocks for code that extends medcode: they take medcode's own values (issues, results,
 * editions, manifests, decoded pack data, zod's issues) and assume their types, as TypeScript states
 * them. docs/hostile-input.md lists them.
 */
const BUILDING_BLOCKS = new Set([
  // issues and results
  'createIssue',
  'formatIssue',
  'formatPath',
  'formatResult',
  'withMessages',
  'sortIssues',
  'unwrap',
  'failure',
  'malformedCode',
  'scanToResult',
  'zodIssuesToMedcode',
  'MedcodeError',
  'PackError',
  'SourceFormatError',
  // editions and manifests
  'selectEdition',
  'editionAt',
  'orderEditions',
  'mergedManifests',
  'mergedPackSource',
  'isStaleOn',
  'staleDataIssue',
  'staleCheckView',
  'manifestFor',
  // code sets over decoded pack data
  'Icd10CmCodeSet',
  'DatedCodeSet',
  // the pack encoders of the build
  'encodeHccModelPack',
  'encodeHccCrosswalkPack',
  'encodeRvuPack',
]);

/**
 * Not called here: they start worker threads for any list of claims (test/node covers their
 * arguments) or write files into the folder they are given.
 */
const NOT_CALLED = new Set([
  'validateClaimsInWorkers',
  'createClaimValidationPool',
  'createClaimBatchProcessor',
  'writePackIndex',
]);

/** What a hostile Proxy throws: the caller's own error, which may pass through unchanged. */
const CALLERS_OWN = new Error('thrown by the caller’s own object');
const hostileProxy = new Proxy(
  {},
  {
    get() {
      throw CALLERS_OWN;
    },
    ownKeys() {
      throw CALLERS_OWN;
    },
    getPrototypeOf() {
      throw CALLERS_OWN;
    },
  },
);

const WRONG_KINDS: readonly (readonly [string, unknown])[] = [
  ['undefined', undefined],
  ['null', null],
  ['0', 0],
  ['-1', -1],
  ['NaN', Number.NaN],
  ['1e300', 1e300],
  ['empty string', ''],
  ['a space', ' '],
  ['a code', 'E11.9'],
  ['__proto__', '__proto__'],
  ['100,000 characters', 'x'.repeat(100_000)],
  ['[]', []],
  ['[null]', [null]],
  ['{}', {}],
  ['a null-prototype object', Object.create(null)],
  ['a symbol', Symbol('s')],
  ['a bigint', 10n],
  ['a function', () => 1],
  ['an Invalid Date', new Date('x')],
  ['three bytes', new Uint8Array(3)],
  ['a hostile Proxy', hostileProxy],
];

/** Node's errors for a path that cannot be read: a documented answer of the functions taking paths. */
const PATH_ERRORS = new Set(['ENOENT', 'ENAMETOOLONG', 'ENOTDIR', 'EISDIR']);

function acceptable(error: unknown): boolean {
  if (error === CALLERS_OWN) return true;
  if (error instanceof MedcodeError || error instanceof PackError || error instanceof SourceFormatError)
    return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PATH_ERRORS.has(code);
}

const SETTLE_MS = 5_000;

/** Calls and waits for what the call starts (a promise, the first item of an async iterable). */
async function settle(run: () => unknown): Promise<void> {
  let result = run();
  const timeout = new Promise((resolve) => setTimeout(resolve, SETTLE_MS, 'timed out'));
  if (
    result !== null &&
    typeof result === 'object' &&
    typeof (result as Promise<unknown>).then === 'function'
  )
    result = await Promise.race([result, timeout]);
  if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result) {
    const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    await Promise.race([iterator.next(), timeout]);
    await iterator.return?.();
  }
}

function isClass(f: (...args: never) => unknown): boolean {
  return /^class\b/.test(Function.prototype.toString.call(f));
}

describe('exported functions given values of the wrong kind', () => {
  it('answer, or throw a MedcodeError, PackError or SourceFormatError: never a TypeError from inside', async () => {
    // One line per function and error, with the first input that gave it.
    const found = new Map<string, string>();
    const exported = new Set<string>();
    for (const [entry, load] of Object.entries(ENTRY_POINTS)) {
      const module = (await load()) as Record<string, unknown>;
      for (const [name, f] of Object.entries(module)) {
        if (typeof f !== 'function') continue;
        exported.add(name);
        if (BUILDING_BLOCKS.has(name) || NOT_CALLED.has(name)) continue;
        const call = f as (...args: unknown[]) => unknown;
        for (const [label, value] of WRONG_KINDS)
          for (const [second, other] of [
            ['nothing', undefined],
            ['the same', value],
            ['{}', {}],
          ] as const) {
            try {
              await settle(() =>
                isClass(call) ? Reflect.construct(call, [value, other]) : call(value, other),
              );
            } catch (error) {
              if (acceptable(error)) continue;
              const what = `${entry}.${name}: ${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 100)}`;
              if (!found.has(what)) found.set(what, `(${label}, ${second})`);
            }
          }
      }
    }
    expect([...found].map(([what, input]) => `${what} ${input}`)).toEqual([]);
    // The lists name exported functions only: a renamed or removed one is taken off them.
    for (const name of [...BUILDING_BLOCKS, ...NOT_CALLED]) expect(exported, name).toContain(name);
  }, 120_000);

  it('docs/hostile-input.md names every building block that assumes its types', () => {
    const page = readFileSync(join(import.meta.dirname, '../../docs/hostile-input.md'), 'utf8');
    for (const name of BUILDING_BLOCKS) expect(page, name).toContain(`\`${name}\``);
  });
});
