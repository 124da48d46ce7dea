/**
 * Helpers shared by the claims modules; not part of the public API (not re-exported by index.ts).
 *
 * @module
 */
import { createIssue } from '../core/issues';
import type { MedcodeIssue } from '../core/issues';

/** The issue for a value that cannot even be read (a getter threw). */
export function unreadable(path: readonly (string | number)[] = []): MedcodeIssue {
  return createIssue({
    code: 'claim_invalid',
    severity: 'error',
    path,
    codes: [],
    expected: 'plain JSON data',
    received: 'an object that throws when read',
  });
}

/** A short, safe description of any received value (long strings are cut). */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** Freezes a plain JSON-like value in place, recursively, and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
