import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure TypeScript, fast, no browser) and `e2e` (the
 * built site in Debian's Chromium through playwright-core). `npm test` runs
 * both through scripts/test.mjs, which builds the site first when needed.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine: files run one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
