/**
 * The one place library code reaches for a Node built-in. Lookups and validation must also run in
 * browsers, workers and edge runtimes, so no module they need imports `node:*` at top level; where
 * Node is present, `process.getBuiltinModule` (Node 20.16+) hands the module over at call time and
 * bundlers for the browser never see an import.
 *
 * @module
 */

/**
 * A Node built-in module when running on Node (20.16+), else `undefined`.
 *
 * @example
 * ```ts
 * nodeBuiltin<typeof import('node:fs')>('node:fs')?.existsSync('/tmp') // true on Node, undefined in a browser
 * ```
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const get = proc?.getBuiltinModule;
  return typeof get === 'function' ? (get.call(proc, id) as T | undefined) : undefined;
}
