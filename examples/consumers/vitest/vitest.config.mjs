import { defineConfig } from 'vitest/config';

// One import registers medcode's matchers (and their types) on vitest's expect. The first generator
// run reads a code set, so tests get more than vitest's default five seconds.
export default defineConfig({ test: { setupFiles: ['medcode/testing/vitest'], testTimeout: 60_000 } });
