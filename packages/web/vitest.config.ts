import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// The server under test runs from its TypeScript sources: "palermo-source" resolves @palermo/contracts to src/.
const conditions = ['palermo-source', ...defaultServerConditions];

/** Browser tests: the real server and the built web app, driven in Debian's Chromium. */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
