import { useTranslation } from 'react-i18next';
import { currencyMinorUnits, type CurrencyCode } from '@palermo/contracts';
import { useFormats } from '../cases/format';

/** A notice of the section, kept as its key so that it follows the reader's language when she changes it. */
export type ProceedingsNotice = 'proceedings.saved' | 'proceedings.linked' | 'proceedings.requestRecorded' | 'proceedings.statusRecorded';

/** The proceedings' vocabularies by their label in the reader's language, never the code. */
export function useProceedingsLabels() {
  const { t, i18n } = useTranslation();
  const formats = useFormats();
  const label = (vocabulary: string) => (code: string | undefined) => (code ? t(`proceedings.${vocabulary}.${code}` as 'proceedings.standings.witness') : '');
  return {
    standing: label('standings'),
    cooperation: label('cooperationLevels'),
    measure: label('measures'),
    protectionOutcome: label('protectionOutcomes'),
    offence: label('offences'),
    claimOutcome: label('claimOutcomes'),
    route: label('routes'),
    kind: label('kinds'),
    status: label('statuses'),
    ask: label('asks'),
    ground: label('grounds'),
    direction: label('directions'),
    list: (codes: readonly string[] | undefined, name: (code: string) => string) => formats.list((codes ?? []).map(name)),
    date: formats.date,
    country: formats.country,
    /** An amount kept in minor units, in the reader's language with the currency. */
    money: (minor: number | null, currency: string) =>
      minor === null ? '' : new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(minor / 10 ** (currencyMinorUnits[currency as CurrencyCode] ?? 2)),
    days: (count: number) => t('proceedings.days', { count }),
    /** A currency by its name in the reader's language (never the ISO code alone on an Arabic screen). */
    currency: (code: string) => new Intl.DisplayNames([i18n.language], { type: 'currency' }).of(code) ?? code,
  };
}

/** A decimal amount typed by the user, in minor units of the currency (undefined when empty, NaN when not an amount). */
export function minorUnits(text: string, currency: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const digits = currencyMinorUnits[currency as CurrencyCode] ?? 2;
  const match = new RegExp(`^(\\d+)(?:\\.(\\d{0,${digits}}))?$`, 'u').exec(trimmed);
  if (!match) return Number.NaN;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || '0');
}
