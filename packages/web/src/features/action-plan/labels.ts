import { useTranslation } from 'react-i18next';
import { useFormats } from '../cases/format';

/** The plan's vocabularies by their words in the reader's language, never the codes; amounts in the plan's currency. */
export function usePlanLabels() {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  const label = (vocabulary: string) => (code: string | null | undefined) => (code ? t(`actionPlan.${vocabulary}.${code}` as 'actionPlan.pillars.prevention') : '');
  return {
    pillar: label('pillars'),
    status: label('statuses'),
    fundingKind: label('fundingKinds'),
    type: label('types'),
    computation: label('computations'),
    flag: label('flags'),
    sex: label('sexes'),
    ageGroup: label('ageGroups'),
    disaggregation: label('disaggregations'),
    exploitation: (code: string) => t(`exploitation.${code}` as 'exploitation.Other'),
    date: formats.date,
    /** An amount in minor units of an ISO 4217 currency, in the reader's language. */
    money(minor: number, currency: string): string {
      const format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(minor / 10 ** digits);
    },
    number: (value: number | null) => (value === null ? '' : new Intl.NumberFormat(i18n.language).format(value)),
  };
}
export type PlanLabels = ReturnType<typeof usePlanLabels>;

/** Major units typed in a form to minor units (a currency's exponent); empty is absent. */
export function toMinor(text: string, currency: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return Math.round(Number(trimmed) * 10 ** digits);
}

export function numberOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}
