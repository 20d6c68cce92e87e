import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Checklist texts (title, categories, items) in the reader's language. Checklists are versioned data whose texts are
 * English; the locale files translate them by checklist code and item code, and keep the English text each
 * translation was made from. A translation is used only while the checklist still says exactly that English text: a
 * newer version that rewords an item shows its own (English) words rather than a translation of the old ones.
 */
export function useIndicatorText(): (checklistCode: string, path: string, source: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (checklistCode: string, path: string, source: string) => {
      const key = `indicators.${checklistCode}.${path}`;
      const english: unknown = i18n.getResource('en', 'translation', key);
      const translated: unknown = i18n.getResource(language, 'translation', key);
      return english === source && typeof translated === 'string' && translated !== '' ? translated : source;
    },
    [i18n, language],
  );
}
