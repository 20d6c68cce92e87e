import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { referenceSeriesView, tipTiers, type ReferenceSeriesView, type TipTier } from '@palermo/contracts';
import { api } from '../../app/api';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { countryName } from '../statistics/labels';

const getReferenceSeries = (): Promise<ReferenceSeriesView> => api.get('/api/reference-series', referenceSeriesView);

/** A tier's place on the chart: Tier 1 at the top (1) down to Tier 3 (4). */
const rankOf = (tier: TipTier) => tipTiers.indexOf(tier) + 1;
const pillars = ['prosecution', 'protection', 'prevention'] as const;
const strokes: Record<(typeof pillars)[number], { color: string; dash?: string }> = {
  prosecution: { color: '#1d70b8' },
  protection: { color: '#d4351c', dash: '6 3' },
  prevention: { color: '#00703c', dash: '2 3' },
};

interface YearRow {
  readonly year: number;
  readonly tier: TipTier | null;
  readonly prosecution: number | null;
  readonly protection: number | null;
  readonly prevention: number | null;
}

/** Every year from the first figure to the last, with nulls where a series says nothing (drawn as gaps). */
function yearRows(view: ReferenceSeriesView): YearRow[] {
  const years = [...view.tiers.map((t) => t.year), ...view.scores.map((s) => s.year)];
  if (years.length === 0) return [];
  const rows: YearRow[] = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year += 1) {
    const score = view.scores.find((s) => s.year === year);
    rows.push({ year, tier: view.tiers.find((t) => t.year === year)?.tier ?? null, prosecution: score?.prosecution ?? null, protection: score?.protection ?? null, prevention: score?.prevention ?? null });
  }
  return rows;
}

/**
 * The country's US TIP report tiers (a step chart, each year's tier held from half a year before it to half a year after) and its 3P policy index scores (three lines) by year, drawn beside
 * the plan with the plan's period shaded, and the same figures as a table under the charts. For the readers of the
 * reference series (the coordinator, the rapporteur, civil society); the country is the installation's own. Without a
 * plan's period (civil society's page of the reference series) nothing is shaded.
 */
export function ReferenceSeries({ periodStart, periodEnd }: { periodStart?: string; periodEnd?: string }) {
  const { t, i18n } = useTranslation();
  const [series] = useResource(getReferenceSeries, 'reference-series');
  const title = (
    <h2 id="reference-series-title" tabIndex={-1}>
      {t('actionPlan.reference.title')}
    </h2>
  );
  if (series.status !== 'ready') {
    return (
      <section aria-labelledby="reference-series-title">
        {title}
        {series.status === 'loading' ? <Loading /> : <ErrorAlert error={series.error} />}
      </section>
    );
  }
  const view = series.data;
  const country = view.country ? (countryName(view.country, i18n.language) ?? view.countryName ?? view.country) : null;
  const rows = yearRows(view);
  return (
    <section aria-labelledby="reference-series-title">
      {title}
      {country === null ? <p>{t('actionPlan.reference.noCountry')}</p> : null}
      {country !== null && rows.length === 0 ? <p>{t('actionPlan.reference.none', { country })}</p> : null}
      {country !== null && rows.length > 0 ? <Charts country={country} rows={rows} plan={periodStart && periodEnd ? { start: Number(periodStart.slice(0, 4)), end: Number(periodEnd.slice(0, 4)) } : null} /> : null}
    </section>
  );
}

function Charts({ country, rows, plan }: { country: string; rows: YearRow[]; plan: { start: number; end: number } | null }) {
  const { t, i18n } = useTranslation();
  const rtl = i18n.dir() === 'rtl';
  const year = new Intl.NumberFormat(i18n.language, { useGrouping: false });
  const tierName = (tier: TipTier | null) => (tier ? t(`actionPlan.reference.tiers.${tier}`) : t('actionPlan.reference.notRanked'));
  const score = (value: number | null) => (value === null ? t('actionPlan.reference.notScored') : year.format(value));
  const inPlan = (y: number) => plan !== null && y >= plan.start && y <= plan.end;
  const first = rows[0]?.year ?? plan?.start ?? 0;
  const last = rows[rows.length - 1]?.year ?? plan?.end ?? 0;
  // Each year is a point at its number, so a year's band runs half a year either side of it (the plan's too).
  const domain: [number, number] = [Math.min(first, plan?.start ?? first) - 0.5, Math.max(last, plan?.end ?? last) + 0.5];
  const step = Math.max(1, Math.ceil((domain[1] - domain[0]) / 8));
  const yearTicks: number[] = [];
  for (let y = Math.ceil(domain[0]); y <= domain[1]; y += step) yearTicks.push(y);
  const data = rows.map((r) => ({ ...r, rank: r.tier ? rankOf(r.tier) : null }));
  const names = { prosecution: t('actionPlan.reference.prosecution'), protection: t('actionPlan.reference.protection'), prevention: t('actionPlan.reference.prevention') };
  const xAxis = <XAxis dataKey="year" type="number" domain={domain} allowDecimals={false} reversed={rtl} ticks={yearTicks} tickFormatter={(v: number) => year.format(v)} />;
  const planArea = plan ? (
    <ReferenceArea x1={plan.start - 0.5} x2={plan.end + 0.5} fill="#ffdd00" fillOpacity={0.3} label={{ value: t('actionPlan.reference.planPeriod'), position: 'top' }} />
  ) : null;
  return (
    <>
      <p>{plan ? t('actionPlan.reference.intro', { country, start: year.format(plan.start), end: year.format(plan.end) }) : t('actionPlan.reference.introWithoutPlan', { country })}</p>
      {/* The charts lay out left to right in every language (an inherited right-to-left direction turns the SVG's
          text anchors around); in Arabic the years run from right to left and the scale stands on the right. */}
      <figure aria-labelledby="reference-tiers-caption">
        <figcaption id="reference-tiers-caption">{t('actionPlan.reference.tiersCaption', { country })}</figcaption>
        <div aria-hidden="true" style={{ width: '100%', height: 220, direction: 'ltr' }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              {planArea}
              {xAxis}
              <YAxis type="number" domain={[1, 4]} ticks={[1, 2, 3, 4]} reversed width={180} padding={{ top: 8, bottom: 8 }} orientation={rtl ? 'right' : 'left'} tickFormatter={(v: number) => tierName(tipTiers[v - 1] ?? null)} />
              <Line type="step" dataKey="rank" name={t('actionPlan.reference.tier')} stroke="#4c2c92" strokeWidth={2} isAnimationActive={false} connectNulls={false} dot={{ r: 3 }} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure aria-labelledby="reference-scores-caption">
        <figcaption id="reference-scores-caption">{t('actionPlan.reference.scoresCaption', { country })}</figcaption>
        <div aria-hidden="true" style={{ width: '100%', height: 260, direction: 'ltr' }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              {planArea}
              {xAxis}
              <YAxis type="number" domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} width={40} padding={{ top: 8, bottom: 8 }} orientation={rtl ? 'right' : 'left'} tickFormatter={(v: number) => year.format(v)} />
              <Legend itemSorter={(item) => (rtl ? -1 : 1) * pillars.findIndex((p) => p === item.dataKey)} />
              {pillars.map((p) => (
                <Line key={p} dataKey={p} name={names[p]} stroke={strokes[p].color} strokeDasharray={strokes[p].dash} strokeWidth={2} isAnimationActive={false} connectNulls={false} dot={{ r: 3 }} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <table>
        <caption>{t('actionPlan.reference.tableCaption', { country })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actionPlan.reference.year')}</th>
            <th scope="col">{t('actionPlan.reference.tier')}</th>
            {pillars.map((p) => (
              <th key={p} scope="col">
                {names[p]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year}>
              <th scope="row">
                {year.format(r.year)}
                {inPlan(r.year) ? ` (${t('actionPlan.reference.planPeriod')})` : ''}
              </th>
              <td>{tierName(r.tier)}</td>
              {pillars.map((p) => (
                <td key={p}>{score(r[p])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('actionPlan.reference.sources')}</p>
    </>
  );
}
