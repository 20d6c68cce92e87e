import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { allAlpha3, alpha2OfAlpha3 } from '@palermo/contracts';
import { translateProblem } from '../../app/errors';
import type { FieldIssue } from '../../app/api';
import { useFormats } from '../cases/format';

/** The determinants' vocabularies by their words in the reader's language, never the codes. */
export function useDeterminantLabels() {
  const { t } = useTranslation();
  const formats = useFormats();
  const label = (vocabulary: string) => (code: string | null | undefined) => (code ? t(`determinants.${vocabulary}.${code}` as 'determinants.codes.political_will') : '');
  return {
    determinant: label('codes'),
    direction: label('directions'),
    activity: label('activities'),
    strength: label('strengths'),
    dimension: label('dimensions'),
    typology: label('typology'),
    /** An assessment's country by its name, from its ISO 3166-1 alpha-2 code; a name typed before the list was offered, as typed. */
    country: (code: string | null | undefined) => (code ? formats.country(code) : ''),
    date: formats.date,
    period: (from: string | undefined, to: string | undefined) => t('determinants.periodRange', { from: from ? formats.date(from) : '', to: to ? formats.date(to) : '' }),
  };
}
export type DeterminantLabels = ReturnType<typeof useDeterminantLabels>;

/** Every country of ISO 3166-1 once, by its alpha-2 code, named in the reader's language and in her alphabetical order. */
export function useCountryOptions(): readonly { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const formats = useFormats();
  return useMemo(
    () =>
      [...new Set(allAlpha3().flatMap((alpha3) => alpha2OfAlpha3(alpha3) ?? []))]
        .map((alpha2) => ({ value: alpha2, label: formats.country(alpha2) }))
        .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [formats, i18n.language],
  );
}

/** The checklist's items (the research's recommendations, summarised), audiences and scores in the reader's language. */
export function useChecklistLabels() {
  const { t } = useTranslation();
  const label = (vocabulary: string) => (code: string) => t(`determinants.checklist.${vocabulary}.${code}` as 'determinants.checklist.scores.met');
  return { item: label('items'), audience: label('audiences'), score: label('scores') };
}

const problems: Record<string, string> = {
  'must not be before the start of the period': 'periodOrder',
  'must not name the determinant itself': 'selfInfluence',
  'must name existing records': 'unknownRecords',
};
const choices = ['must be one of the determinants', 'must be positive, neutral or negative', 'must be active or passive', 'must be weak, moderate or strong', 'must be internal or external', 'must be structural or a pressure point', 'must be trafficking-specific, contextual or tangential', 'must be direct or indirect', 'must be personal, institutional or cultural', 'must be one of the checklist items', 'must be not met, partly met, met or not applicable', 'must not repeat an item'];

export function translateDeterminantProblem(t: TFunction, problem: string): string {
  if (choices.includes(problem)) return t('problems.choose');
  if (problem === 'must not be empty') return t('problems.required');
  const key = problems[problem];
  return key ? t(`determinants.problems.${key}` as 'determinants.problems.periodOrder') : translateProblem(t, problem);
}

export const localiseDeterminantIssues = (t: TFunction, issues: readonly FieldIssue[]): FieldIssue[] => issues.map((issue) => ({ field: issue.field, problem: translateDeterminantProblem(t, issue.problem) }));
