import { defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the web app (the HTTP client, validation, capabilities, server state): happy-dom instead of a browser,
 * the sources instead of the built app, so they run in seconds. The browser tests are vitest.config.ts's.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { conditions: ['palermo-source', ...defaultClientConditions] },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
  },
});
