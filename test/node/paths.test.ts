/** The path checks the worker pool and the CLI make before starting anything. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFile, isFolder } from '../../src/node/paths';

const REPO = resolve(import.meta.dirname, '..', '..');

describe('isFolder / isFile', () => {
  it('tell a folder, a file and a missing path apart', () => {
    expect(isFolder(REPO)).toBe(true);
    expect(isFile(REPO)).toBe(false);
    expect(isFile(resolve(REPO, 'package.json'))).toBe(true);
    expect(isFolder(resolve(REPO, 'package.json'))).toBe(false);
    for (const missing of [resolve(REPO, 'no-such'), '', 'ſ9083', 'x'.repeat(1 << 20)]) {
      expect(isFolder(missing)).toBe(false);
      expect(isFile(missing)).toBe(false);
    }
  });
});
