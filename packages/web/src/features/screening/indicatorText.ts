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

/** The checklists the installation starts with, and the version whose source and note the locale files translate. */
const builtInChecklists = { ilo_forced_labour: 1, trafficking_general: 1 } as const;
type BuiltInChecklist = keyof typeof builtInChecklists;

function isBuiltIn(code: string): code is BuiltInChecklist {
  return Object.hasOwn(builtInChecklists, code);
}

/**
 * The source and note of a checklist the installation started with, in the reader's language; undefined for any
 * other checklist or version (a national list shows its own words). The stored source of the starting lists carries
 * working references meant for the project's own records, never for a reader.
 */
export function useBuiltInChecklistText(): (document: { code: string; version: number }, field: 'source' | 'note') => string | undefined {
  const { t } = useTranslation();
  return useCallback(
    (document: { code: string; version: number }, field: 'source' | 'note') => {
      const code = document.code;
      if (!isBuiltIn(code) || builtInChecklists[code] !== document.version) return undefined;
      return t(`indicators.${code}.${field}`);
    },
    [t],
  );
}
