/** A language's translations for one area, cut from src/i18n/locales at build time (locale-areas.ts). */
declare module 'virtual:locale/*' {
  const words: Record<string, unknown>;
  export default words;
}
