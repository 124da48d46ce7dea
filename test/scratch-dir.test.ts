import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { useScratchTmpdir } from './scratch-dir';

describe('useScratchTmpdir', () => {
  it('keeps the scratch folder a second call finds in place, and nests nothing', () => {
    // Synchronous from end to end: no other test of this worker runs while TMPDIR is moved.
    const before = tmpdir();
    const restoreOuter = useScratchTmpdir('medcode-scratch-test-');
    const outer = tmpdir();
    try {
      expect(outer).not.toBe(before);
      const restoreInner = useScratchTmpdir('medcode-scratch-test-');
      expect(tmpdir()).toBe(outer);
      restoreInner();
      expect(tmpdir()).toBe(outer);
      expect(existsSync(outer)).toBe(true);
    } finally {
      restoreOuter();
    }
    expect(tmpdir()).toBe(before);
    expect(existsSync(outer)).toBe(false);
  });
});
