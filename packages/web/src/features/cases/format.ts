import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and lists in the reader's language. */
export function useFormats() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    // Calendar dates (YYYY-MM-DD) have no time zone: format them as UTC so that the day does not shift.
    const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const list = new Intl.ListFormat(language, { type: 'conjunction' });
    const regions = new Intl.DisplayNames(language, { type: 'region', fallback: 'code' });
    const languages = new Intl.DisplayNames(language, { type: 'language', fallback: 'code' });
    const named = (names: Intl.DisplayNames, code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
    return {
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      date: (isoDate: string) => {
        const parsed = new Date(`${isoDate}T00:00:00Z`);
        return Number.isNaN(parsed.getTime()) ? isoDate : day.format(parsed);
      },
      list: (items: readonly string[]) => list.format(items),
      /** A country's name from its ISO 3166-1 alpha-2 code (the code itself if unknown). */
      country: (code: string) => named(regions, code),
      /** A language's name from its BCP 47 tag. */
      language: (tag: string) => named(languages, tag),
    };
  }, [language]);
}

/** Splits "NG, ro ,FR" into ["NG", "RO", "FR"]. */
export function splitCodes(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim().toUpperCase())
    .filter((part) => part !== '');
}
