import { useTranslation } from 'react-i18next';
import type { SuppressedValueView } from '@palermo/contracts';

/** A count as published: the number, "<threshold" for a small count, or "[c]" for one withheld to protect another. */
export function Count({ value, threshold }: { value: SuppressedValueView | null; threshold: number }) {
  const { t, i18n } = useTranslation();
  if (value === null) return null;
  if (value.value !== null) return <>{new Intl.NumberFormat(i18n.language).format(value.value)}</>;
  if (value.state === 'primary') {
    return (
      <abbr className="suppressed" title={t('statistics.smallCell', { threshold })}>
        {`<${threshold}`}
      </abbr>
    );
  }
  return (
    <abbr className="suppressed" title={t('statistics.secondaryCell')}>
      [c]
    </abbr>
  );
}
