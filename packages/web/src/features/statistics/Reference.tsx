import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatisticsReport } from '@palermo/contracts';
import { Count } from './Count';
import { palette } from './FigureTable';
import { countryName } from './labels';

/** GLOTIP reference figures (UNODC) beside the country's own persons per year. */
export function ReferenceComparison({ reference, threshold }: { reference: StatisticsReport['reference']; threshold: number }) {
  const { t, i18n } = useTranslation();
  if (!reference.iso3) return <p>{t('statistics.reference.noCountry')}</p>;
  if (reference.rows.length === 0) return <p>{t('statistics.reference.none')}</p>;
  const glotipLabel = t('statistics.reference.glotip');
  const countryLabel = t('statistics.reference.country');
  const number = (text: string | null) => (text !== null && /^[\d,]+$/u.test(text) ? Number(text.replaceAll(',', '')) : null);
  const data = reference.rows.map((r) => ({ name: String(r.year), [glotipLabel]: number(r.glotip), [countryLabel]: r.country?.value ?? null }));
  return (
    <figure className="statistics-figure" aria-labelledby="figure-reference-caption">
      <figcaption id="figure-reference-caption">
        <strong>{t('statistics.reference.title')}</strong>
        <span className="muted"> — {t('statistics.reference.caption', {
            iso3: countryName(reference.iso3, i18n.language) ?? reference.iso3,
            indicator: reference.indicator === 'Detected trafficking victims' ? t('statistics.reference.detectedVictims') : reference.indicator,
          })}</span>
      </figcaption>
      <div className="statistics-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Line dataKey={glotipLabel} stroke={palette[0]} isAnimationActive={false} connectNulls />
            <Line dataKey={countryLabel} stroke={palette[1]} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="table-wrap">
        <table className="table-dense">
          <caption className="visually-hidden">{t('statistics.reference.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.dimensions.year')}</th>
              <th scope="col">{glotipLabel}</th>
              <th scope="col">{countryLabel}</th>
            </tr>
          </thead>
          <tbody>
            {reference.rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                <td className="number">{r.glotip ?? '–'}</td>
                <td className="number">{r.country ? <Count value={r.country} threshold={threshold} /> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
