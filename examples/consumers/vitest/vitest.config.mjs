import { defineConfig } from 'vitest/config';

// One import registers medcode's matchers (and their types) on vitest's expect.
export default defineConfig({ test: { setupFiles: ['medcode/testing/vitest'] } });
