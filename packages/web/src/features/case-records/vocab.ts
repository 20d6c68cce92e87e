import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vocab } from './recordFields';

/** The translated name of a vocabulary code; the code itself if the vocabulary does not know it. */
export function useVocab(): (vocab: Vocab, code: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (vocab: Vocab, code: string) => {
      const names: Record<string, string> = t(vocab, { returnObjects: true });
      return names[code] ?? code;
    },
    [t],
  );
}
