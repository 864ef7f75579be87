import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bluesky/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
