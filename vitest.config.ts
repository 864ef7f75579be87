import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bluesky/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Tests marked concurrent run at most two at a time. Only test/publishing/e2e.test.ts is: each of its
    // tests runs the CLI a few times (a second of CPU each), so two at once use a 2-core machine without
    // starving the fakes, the PDS or each other.
    maxConcurrency: 2,
  },
});
