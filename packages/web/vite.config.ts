import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { localeAreas } from './locale-areas';

// The server serves dist/ with a strict Content-Security-Policy (script-src 'self'; style-src 'self'), so nothing
// in the app may rely on inline scripts or inline styles.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    // Translations load per language and per area (locale-areas.ts): the keys the pages before sign-in show come with
    // the first page, the rest of the reader's language with the signed-in app.
    localeAreas({
      directory: `${import.meta.dirname}/src/i18n/locales`,
      start: ['app', 'language', 'nav', 'form', 'problems', 'errors', 'auth', 'roles', 'organisationTypes'],
      public: ['publicView', 'actionPlan', 'recommendations', 'determinants'],
    }),
  ],
  // The app is bundled from the contracts' TypeScript sources (the "palermo-source" export condition), not their dist/.
  resolve: { conditions: ['palermo-source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place ("contains an annotation that Rollup cannot interpret"); harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
