import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';
import ar from './locales/ar.json';

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

export function changeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

i18n.on('languageChanged', applyToDocument);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
  lng: storedLanguage() ?? browserLanguage() ?? 'en',
  fallbackLng: 'en',
  supportedLngs: [...languages],
  // React escapes text itself.
  interpolation: { escapeValue: false },
  returnNull: false,
});

applyToDocument(i18n.language);

export default i18n;
