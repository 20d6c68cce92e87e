import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../cases/format';

/** Vocabulary values by their label in the reader's language, never the code. */
export function useProsecutionLabels() {
  const { t } = useTranslation();
  const formats = useFormats();
  const label = (vocabulary: string) => (code: string | undefined) => (code ? t(`prosecution.${vocabulary}.${code}` as 'prosecution.steps.arrest') : '');
  return {
    origin: label('origins'),
    approach: label('approaches'),
    stage: label('stages'),
    act: label('acts'),
    means: label('means'),
    purpose: label('purposes'),
    role: label('suspectRoles'),
    sex: label('sexes'),
    category: label('categories'),
    step: label('steps'),
    plea: label('pleas'),
    verdict: label('verdicts'),
    appellant: label('appellants'),
    appealOutcome: label('appealOutcomes'),
    exploitation: (code: string) => t(`exploitation.${code}` as 'exploitation.Other'),
    list: (codes: readonly string[] | undefined, name: (code: string) => string) => formats.list((codes ?? []).map(name)),
    countries: (codes: readonly string[] | undefined) => formats.list((codes ?? []).map(formats.country)),
    date: formats.date,
    country: formats.country,
  };
}

/** Whether a text field holds a whole number; empty means absent. */
export function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

export type ProsecutionLabels = ReturnType<typeof useProsecutionLabels>;

/** A notice said in the reader's language at the time it is shown, so that it follows a change of language. */
export type Notice = (t: TFunction, labels: ProsecutionLabels) => string;

export function useNotice(): [string, (notice: Notice) => void] {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const [notice, setNotice] = useState<Notice | null>(null);
  return [notice ? notice(t, labels) : '', (next) => setNotice(() => next)];
}
