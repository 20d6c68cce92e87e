import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type en from './locales/en.json';
import type fr from './locales/fr.json';
import type ar from './locales/ar.json';

export const languages = ['en', 'fr', 'ar'] as const;
export type Language = (typeof languages)[number];

const rightToLeft: ReadonlySet<Language> = new Set<Language>(['ar']);
const storageKey = 'palermo.language';

// Compile-time check that every locale has exactly the keys of the others, plural forms aside: a language has the
// forms its plural rules need (Arabic zero, one, two, few, many and other; English and French one and other), so a
// key's plural forms count as one key.
type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Normal<T> = T extends string ? string : { [K in keyof T as K extends `${infer Stem}_${PluralForm}` ? `${Stem}#plural` : K]: Normal<T[K]> };
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type LocalesHaveSameKeys = [Assert<SameShape<Normal<typeof en>, Normal<typeof fr>>>, Assert<SameShape<Normal<typeof en>, Normal<typeof ar>>>];

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value !== null && isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function browserLanguage(): Language | undefined {
  for (const tag of navigator.languages) {
    const base = tag.split('-')[0]?.toLowerCase() ?? '';
    if (isLanguage(base)) return base;
  }
  return undefined;
}

function applyToDocument(language: string): void {
  const lang: Language = isLanguage(language) ? language : 'en';
  document.documentElement.lang = lang;
  document.documentElement.dir = rightToLeft.has(lang) ? 'rtl' : 'ltr';
}

/**
 * The words come one language and one area at a time (locale-areas.ts at build time): `start` holds what the pages
 * before sign-in show and loads before the first render, `app` the rest and loads with the signed-in app; `public`
 * what the public page shows (read without signing in), loaded with it.
 */
export type Area = 'start' | 'public' | 'app';
type Words = Promise<{ default: Record<string, unknown> }>;
const areaLoaders: Record<Language, Record<Area, () => Words>> = {
  en: { start: () => import('virtual:locale/en/start'), public: () => import('virtual:locale/en/public'), app: () => import('virtual:locale/en/app') },
  fr: { start: () => import('virtual:locale/fr/start'), public: () => import('virtual:locale/fr/public'), app: () => import('virtual:locale/fr/app') },
  ar: { start: () => import('virtual:locale/ar/start'), public: () => import('virtual:locale/ar/public'), app: () => import('virtual:locale/ar/app') },
};
const wantedAreas = new Set<Area>(['start']);
const loading = new Map<string, Promise<void>>();

function loadWords(language: Language, area: Area): Promise<void> {
  const key = `${language}/${area}`;
  let done = loading.get(key);
  if (done === undefined) {
    done = areaLoaders[language][area]().then(
      (module) => {
        i18n.addResourceBundle(language, 'translation', module.default, true, true);
      },
      (error: unknown) => {
        loading.delete(key);
        throw error;
      },
    );
    loading.set(key, done);
  }
  return done;
}

function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

/** Loads an area's words in the current language (and in any language chosen later). */
export function loadArea(area: Area): Promise<void> {
  wantedAreas.add(area);
  return loadWords(currentLanguage(), area);
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
  await Promise.all([...wantedAreas].map((area) => loadWords(language, area)));
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', applyToDocument);

const initialLanguage: Language = storedLanguage() ?? browserLanguage() ?? 'en';

void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: initialLanguage,
  // Every language has every key (a test checks it), and only the reader's language is loaded: no fallback.
  fallbackLng: false,
  supportedLngs: [...languages],
  // React escapes text itself.
  interpolation: { escapeValue: false },
  returnNull: false,
});

applyToDocument(i18n.language);

/** Settles when the words of the pages before sign-in are there in the reader's language. */
export const startWordsLoaded: Promise<void> = loadWords(initialLanguage, 'start');

export default i18n;
