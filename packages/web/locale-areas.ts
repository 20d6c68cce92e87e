import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves the translations one language and one area at a time, so that the first page loads only the words it shows
 * in the reader's language instead of every word in three languages.
 *
 * The source files stay whole (src/i18n/locales/<language>.json, one per language); the areas are cut from them at
 * build time by their top-level keys: `virtual:locale/<language>/start` holds the keys named in `start` (what the pages
 * before sign-in show), `virtual:locale/<language>/app` every other key, so a key added to any file lands in an area
 * without a change here. `virtual:locale/<language>/public` holds the keys named in `public` (the public page, read
 * without signing in: its own words and the vocabularies it words codes with); they stay in `app` too.
 */
export function localeAreas({ directory, start, public: publicKeys = [] }: { directory: string; start: readonly string[]; public?: readonly string[] }): Plugin {
  const prefix = 'virtual:locale/';
  const resolvedPrefix = '\0words-';
  const startKeys = new Set(start);
  const publicAreaKeys = new Set(publicKeys);
  return {
    name: 'palermo-locale-areas',
    resolveId(id) {
      if (!id.startsWith(prefix)) return undefined;
      const [language, area] = id.slice(prefix.length).split('/');
      if (language === undefined || !/^[a-z]{2,3}$/.test(language) || (area !== 'start' && area !== 'app' && area !== 'public')) {
        this.error(`${id}: a locale area is virtual:locale/<language>/start, /app or /public`);
      }
      return `${resolvedPrefix}${language}-${area}`;
    },
    load(id) {
      if (!id.startsWith(resolvedPrefix)) return undefined;
      const [language = '', area] = id.slice(resolvedPrefix.length).split('-');
      const file = join(directory, `${language}.json`);
      this.addWatchFile(file);
      const words = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const inArea = (key: string) => (area === 'public' ? publicAreaKeys.has(key) : startKeys.has(key) === (area === 'start'));
      const picked = Object.fromEntries(Object.entries(words).filter(([key]) => inArea(key)));
      // JSON.parse of a string literal is smaller and faster to start than the same object as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(picked))});`;
    },
  };
}
