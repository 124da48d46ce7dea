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

/**
 * Methods marked `@internal` on exported classes: the transaction readers resume a tokenizer in the
 * middle of an interchange with the separators and position they give it.
 */
const INTERNAL_METHODS = new Set(['new X12Tokenizer().skip', 'new X12Tokenizer().resume']);

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
  // A diagnosis with age edits in the CMS-HCC mappings: a second argument is read as its beneficiary.
  ['a code with edits', 'C50.011'],
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

/** The methods of an object, own and inherited (not Object's), read without calling a getter twice. */
function methodNames(object: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = object; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p))
    for (const name of Object.getOwnPropertyNames(p))
      if (name !== 'constructor' && typeof (object as Record<string, unknown>)[name] === 'function')
        names.add(name);
  return [...names];
}

function isClass(f: (...args: never) => unknown): boolean {
  return /^class\b/.test(Function.prototype.toString.call(f));
}

/**
 * Calls `call` with every wrong kind of value as its first argument (and as nothing, the same
 * value or `{}` as its second), recording each error that is not an acceptable one, once per
 * error message, with the first input that gave it.
 */
async function sweep(
  label: string,
  call: (first: unknown, second: unknown) => unknown,
  found: Map<string, string>,
): Promise<void> {
  for (const [kind, value] of WRONG_KINDS)
    for (const [second, other] of [
      ['nothing', undefined],
      ['the same', value],
      ['{}', {}],
    ] as const) {
      try {
        await settle(() => call(value, other));
      } catch (error) {
        if (acceptable(error)) continue;
        const what = `${label}: ${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 100)}`;
        if (!found.has(what)) found.set(what, `(${kind}, ${second})`);
      }
    }
}

describe('exported functions given values of the wrong kind', () => {
  it('answer, or throw a MedcodeError, PackError or SourceFormatError: never a TypeError from inside', async () => {
    const found = new Map<string, string>();
    const exported = new Set<string>();
    for (const [entry, load] of Object.entries(ENTRY_POINTS)) {
      const module = (await load()) as Record<string, unknown>;
      for (const [name, f] of Object.entries(module)) {
        if (typeof f !== 'function') continue;
        exported.add(name);
        if (BUILDING_BLOCKS.has(name) || NOT_CALLED.has(name)) continue;
        const call = f as (...args: unknown[]) => unknown;
        await sweep(
          `${entry}.${name}`,
          (a, b) => (isClass(call) ? Reflect.construct(call, [a, b]) : call(a, b)),
          found,
        );
      }
    }
    expect([...found].map(([what, input]) => `${what} ${input}`)).toEqual([]);
    // The lists name exported functions only: a renamed or removed one is taken off them.
    for (const name of [...BUILDING_BLOCKS, ...NOT_CALLED]) expect(exported, name).toContain(name);
  }, 120_000);

  it('and so do the methods of the objects they give: code systems, code sets, tables, models, validators', async () => {
    const { icd10cm } = await import('../../src/icd10cm/index');
    const { icd10pcs } = await import('../../src/icd10pcs/index');
    const { hcpcs, placesOfService } = await import('../../src/hcpcs/index');
    const { cpt } = await import('../../src/cpt/index');
    const { hcc } = await import('../../src/hcc/index');
    const { pfs } = await import('../../src/pfs/index');
    const { loadAocTable, loadMueTable } = await import('../../src/ncci/index');
    const { createClaimValidator, loadMceLists } = await import('../../src/rules/index');
    const { X12837PReader, X12Tokenizer, X12TransactionSplitter, claim } = await import(
      '../../src/claims/index'
    );
    const on = '2026-08-01';
    const shared: Record<string, object> = {
      icd10cm,
      'icd10cm.at(on)': icd10cm.at(on),
      icd10pcs,
      'icd10pcs.at(on)': icd10pcs.at(on),
      hcpcs,
      'hcpcs.at(on)': hcpcs.at(on),
      'hcpcs.modifiers': hcpcs.modifiers,
      'hcpcs.modifiers.at(on)': hcpcs.modifiers.at(on),
      placesOfService,
      'placesOfService.at(on)': placesOfService.at(on),
      cpt,
      hcc,
      'hcc.at(on)': hcc.at(on),
      pfs,
      'pfs.at(on)': pfs.at(on),
      'loadMueTable()': loadMueTable(),
      'loadAocTable()': loadAocTable(),
      'loadMceLists()': loadMceLists(),
      'createClaimValidator()': createClaimValidator(),
      'claim()': claim(),
    };
    // Readers hold the state of one input: a fresh one per call, so that each value meets a reader
    // that has not stopped yet.
    const fresh: Record<string, () => object> = {
      'new X12837PReader()': () => new X12837PReader(),
      'new X12Tokenizer()': () => new X12Tokenizer(),
      'new X12TransactionSplitter()': () => new X12TransactionSplitter(),
    };
    const objects: [string, () => object][] = [
      ...Object.entries(shared).map(([label, object]): [string, () => object] => [label, () => object]),
      ...Object.entries(fresh),
    ];
    const found = new Map<string, string>();
    let methods = 0;
    for (const [label, make] of objects)
      for (const name of methodNames(make())) {
        if (INTERNAL_METHODS.has(`${label}.${name}`)) continue;
        methods++;
        await sweep(
          `${label}.${name}`,
          (a, b) => {
            const object = make() as Record<string, (...args: unknown[]) => unknown>;
            return object[name]!.call(object, a, b);
          },
          found,
        );
      }
    expect([...found].map(([what, input]) => `${what} ${input}`)).toEqual([]);
    expect(methods).toBeGreaterThan(80);
  }, 120_000);

  it('docs/hostile-input.md names every building block that assumes its types', () => {
    const page = readFileSync(join(import.meta.dirname, '../../docs/hostile-input.md'), 'utf8');
    for (const name of BUILDING_BLOCKS) expect(page, name).toContain(`\`${name}\``);
  });
});
