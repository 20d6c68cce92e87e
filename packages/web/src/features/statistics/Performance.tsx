import { useTranslation } from 'react-i18next';
import type { StatisticsReport } from '@palermo/contracts';

type Rates = StatisticsReport['performance'];

/** NRM performance derived from the published counts: means and shares, by year and over the period. */
export function PerformanceTable({ performance, years }: { performance: Rates; years: string[] }) {
  const { t, i18n } = useTranslation();
  const days = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const share = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const rows: Array<[string, Rates['shareOverdue'], (n: number) => string]> = [
    [t('statistics.rates.meanDaysToReasonableGrounds'), performance.meanDaysToReasonableGrounds, (n) => days.format(n)],
    [t('statistics.rates.shareOverdue', { days: performance.reasonableGroundsDeadlineDays }), performance.shareOverdue, (n) => share.format(n)],
    [t('statistics.rates.meanReflectionDays'), performance.meanReflectionDays, (n) => days.format(n)],
    [t('statistics.rates.shareReferralsAccepted'), performance.shareReferralsAccepted, (n) => share.format(n)],
    [t('statistics.rates.shareReferralsCompleted'), performance.shareReferralsCompleted, (n) => share.format(n)],
  ];
  const keys = [...years, 'all'];
  return (
    <div className="table-wrap">
      <table className="table-dense">
        <caption>{t('statistics.rates.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('statistics.rates.measure')}</th>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {k === 'all' ? t('statistics.total') : k === 'unknown' ? t('statistics.unknown') : k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, values, format]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {keys.map((k) => {
                const v = values.find((x) => x.key === k)?.value ?? null;
                return (
                  <td key={k} className="number">
                    {v === null ? (
                      <abbr className="suppressed" title={t('statistics.rateWithheld')}>
                        –
                      </abbr>
                    ) : (
                      format(v)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
